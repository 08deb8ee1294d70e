//! The platform's memory: transactions, used references, users, and Frontend checkouts waiting
//! for the customer's click. Identifiers come from counters, so a run is reproducible.

use std::collections::{BTreeMap, HashMap, HashSet};

/// The first `txid` handed out.
pub(crate) const FIRST_TXID: u64 = 100_000_001;
/// The first `userid` handed out.
pub(crate) const FIRST_USERID: u64 = 200_000_001;
/// The first `accessid` handed out.
pub(crate) const FIRST_ACCESSID: u64 = 300_000_001;
/// Checkouts kept at most; the oldest is forgotten first, so page views cannot grow memory
/// without bound.
const MAX_CHECKOUTS: usize = 10_000;

/// The request that created a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Reserves; `capture` books.
    Preauthorization,
    /// Reserves and books at once.
    Authorization,
    /// Starts a contract (subscription).
    Createaccess,
    /// A micropayment of the billing module.
    Vauthorization,
}

impl Kind {
    /// The `request` value.
    pub(crate) fn from_request(request: &str) -> Option<Kind> {
        Some(match request {
            "preauthorization" => Kind::Preauthorization,
            "authorization" => Kind::Authorization,
            "createaccess" => Kind::Createaccess,
            "vauthorization" => Kind::Vauthorization,
            _ => return None,
        })
    }
}

/// Where a transaction stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TxStatus {
    /// Approved: capturable (preauthorization) or refundable.
    Approved,
    /// Waiting for a decision that the sandbox never takes (amount 9904).
    Pending,
    /// Waiting for the customer on the 3-D Secure page (amount 9903).
    Redirect,
    /// 3-D Secure failed.
    Failed,
}

/// One transaction.
#[derive(Clone, Debug)]
pub(crate) struct Transaction {
    pub(crate) txid: u64,
    pub(crate) kind: Kind,
    pub(crate) status: TxStatus,
    /// The amount of the creating request (smallest currency unit), 0 when it had none.
    pub(crate) amount: i64,
    pub(crate) currency: Option<String>,
    pub(crate) clearingtype: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) customerid: Option<String>,
    pub(crate) userid: u64,
    pub(crate) mode: String,
    /// Captured so far (preauthorization).
    pub(crate) captured: i64,
    /// The booked claim: captures and authorizations add, refunds and credits subtract.
    pub(crate) booked: i64,
    /// The `sequencenumber` the next capture, refund or debit must carry.
    pub(crate) next_sequence: u32,
    pub(crate) successurl: Option<String>,
    pub(crate) errorurl: Option<String>,
    pub(crate) backurl: Option<String>,
}

impl Transaction {
    /// Approves the transaction: an authorization or micropayment books its amount at once,
    /// a preauthorization only reserves it.
    pub(crate) fn approve(&mut self) {
        self.status = TxStatus::Approved;
        if matches!(self.kind, Kind::Authorization | Kind::Vauthorization) {
            self.booked = self.amount;
        }
    }
}

/// What a transaction is opened for: the data of the creating request (Server API) or of the
/// checkout the customer is looking at (Frontend).
#[derive(Clone, Debug)]
pub(crate) struct Order {
    pub(crate) kind: Kind,
    /// Smallest currency unit; 0 when the request carries none.
    pub(crate) amount: i64,
    pub(crate) currency: Option<String>,
    pub(crate) clearingtype: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) customerid: Option<String>,
    pub(crate) mode: String,
    pub(crate) successurl: Option<String>,
    pub(crate) errorurl: Option<String>,
    pub(crate) backurl: Option<String>,
}

/// Everything the sandbox remembers.
#[derive(Debug)]
pub(crate) struct State {
    next_txid: u64,
    next_userid: u64,
    next_accessid: u64,
    next_checkout: u64,
    transactions: BTreeMap<u64, Transaction>,
    /// Used references, lower-cased: seed 004 calls `reference` case insensitive.
    references: HashSet<String>,
    users_by_customer: HashMap<String, u64>,
    /// Frontend checkouts shown to the customer, waiting for "Pay" or "Cancel".
    checkouts: BTreeMap<u64, Order>,
}

impl Default for State {
    fn default() -> Self {
        State {
            next_txid: FIRST_TXID,
            next_userid: FIRST_USERID,
            next_accessid: FIRST_ACCESSID,
            next_checkout: 1,
            transactions: BTreeMap::new(),
            references: HashSet::new(),
            users_by_customer: HashMap::new(),
            checkouts: BTreeMap::new(),
        }
    }
}

impl State {
    /// Whether `reference` was used before (case-insensitively).
    pub(crate) fn reference_used(&self, reference: &str) -> bool {
        self.references.contains(&reference.to_lowercase())
    }

    /// The next `txid`.
    fn new_txid(&mut self) -> u64 {
        let txid = self.next_txid;
        self.next_txid += 1;
        txid
    }

    /// The next `accessid`.
    pub(crate) fn new_accessid(&mut self) -> u64 {
        let id = self.next_accessid;
        self.next_accessid += 1;
        id
    }

    /// The user of `customerid` (created on first sight), or a new user without one.
    pub(crate) fn user_for(&mut self, customerid: Option<&str>) -> u64 {
        if let Some(id) = customerid.and_then(|c| self.users_by_customer.get(c)) {
            return *id;
        }
        let userid = self.next_userid;
        self.next_userid += 1;
        if let Some(customerid) = customerid {
            self.users_by_customer.insert(customerid.to_owned(), userid);
        }
        userid
    }

    /// Whether `userid` was handed out by this sandbox.
    pub(crate) fn user_known(&self, userid: u64) -> bool {
        (FIRST_USERID..self.next_userid).contains(&userid)
    }

    /// Opens a transaction for `order` in `status` (approving it books what it books), marks
    /// its reference used and returns it.
    pub(crate) fn open(&mut self, order: Order, userid: u64, status: TxStatus) -> &Transaction {
        let txid = self.new_txid();
        if let Some(reference) = &order.reference {
            self.references.insert(reference.to_lowercase());
        }
        let mut tx = Transaction {
            txid,
            kind: order.kind,
            status,
            amount: order.amount,
            currency: order.currency,
            clearingtype: order.clearingtype,
            reference: order.reference,
            customerid: order.customerid,
            userid,
            mode: order.mode,
            captured: 0,
            booked: 0,
            next_sequence: 1,
            successurl: order.successurl,
            errorurl: order.errorurl,
            backurl: order.backurl,
        };
        if status == TxStatus::Approved {
            tx.approve();
        }
        self.transactions.entry(txid).or_insert(tx)
    }

    /// A transaction by `txid`.
    pub(crate) fn transaction(&self, txid: u64) -> Option<&Transaction> {
        self.transactions.get(&txid)
    }

    /// A transaction by `txid`, to change it.
    pub(crate) fn transaction_mut(&mut self, txid: u64) -> Option<&mut Transaction> {
        self.transactions.get_mut(&txid)
    }

    /// Keeps a checkout and returns its one-time token.
    pub(crate) fn add_checkout(&mut self, checkout: Order) -> String {
        let id = self.next_checkout;
        self.next_checkout += 1;
        if self.checkouts.len() >= MAX_CHECKOUTS {
            self.checkouts.pop_first();
        }
        self.checkouts.insert(id, checkout);
        token(id)
    }

    /// Takes the checkout of `token` out: a token works once.
    pub(crate) fn take_checkout(&mut self, token: &str) -> Option<Order> {
        let id = token.strip_prefix("co-")?.parse::<u64>().ok()?;
        self.checkouts.remove(&id)
    }
}

/// The token of checkout `id`.
fn token(id: u64) -> String {
    format!("co-{id:08}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_are_per_customer() {
        let mut s = State::default();
        let a = s.user_for(Some("c1"));
        assert_eq!(a, FIRST_USERID);
        assert_eq!(s.user_for(Some("c1")), a);
        assert_eq!(s.user_for(None), FIRST_USERID + 1);
        assert!(s.user_known(a));
        assert!(!s.user_known(FIRST_USERID + 2));
    }

    fn order(kind: Kind) -> Order {
        Order {
            kind,
            amount: 1250,
            currency: Some("EUR".into()),
            clearingtype: None,
            reference: Some("Order-1".into()),
            customerid: None,
            mode: "test".into(),
            successurl: None,
            errorurl: None,
            backurl: None,
        }
    }

    #[test]
    fn opening_books_what_the_kind_books() {
        let mut s = State::default();
        let pre = s.open(order(Kind::Preauthorization), 1, TxStatus::Approved);
        assert_eq!((pre.txid, pre.booked), (FIRST_TXID, 0));
        let auth = s.open(order(Kind::Authorization), 1, TxStatus::Approved);
        assert_eq!((auth.txid, auth.booked), (FIRST_TXID + 1, 1250));
        let pending = s.open(order(Kind::Authorization), 1, TxStatus::Pending);
        assert_eq!(pending.booked, 0);
        assert!(
            s.reference_used("ORDER-1"),
            "references are case insensitive"
        );
    }

    #[test]
    fn checkout_tokens_work_once() {
        let mut s = State::default();
        let token = s.add_checkout(order(Kind::Authorization));
        assert_eq!(token, "co-00000001");
        assert!(s.take_checkout(&token).is_some());
        assert!(s.take_checkout(&token).is_none());
        assert!(s.take_checkout("nonsense").is_none());
    }
}
