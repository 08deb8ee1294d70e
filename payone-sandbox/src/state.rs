//! The platform's memory: transactions, used references, users, and Frontend checkouts waiting
//! for the customer's click. Identifiers come from counters, so a run is reproducible.
//!
//! Transactions and checkouts are kept up to a cap each, the oldest forgotten first. Keys are
//! counters, so a `BTreeMap`'s first entry is always the oldest: eviction is `pop_first`.

use crate::mandates::Mandates;
use std::collections::{BTreeMap, HashMap};

/// The first `txid` handed out.
pub(crate) const FIRST_TXID: u64 = 100_000_001;
/// The first `userid` handed out.
pub(crate) const FIRST_USERID: u64 = 200_000_001;
/// The first `accessid` handed out.
pub(crate) const FIRST_ACCESSID: u64 = 300_000_001;

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
    /// Waiting for the customer on the 3-D Secure page (amount 9903) or the provider's page
    /// (online bank transfer, wallet).
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
    /// Received from the customer so far (online bank transfer, prepayment, invoice), minor
    /// units.
    pub(crate) paid: i64,
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

/// The user of a `customerid`, and how many kept transactions hold it.
#[derive(Debug)]
struct User {
    userid: u64,
    /// Kept transactions of this customer under this `userid`; at 0 (after eviction) the
    /// customer is forgotten, so the map never outgrows the transactions.
    transactions: usize,
}

/// Everything the sandbox remembers.
#[derive(Debug)]
pub(crate) struct State {
    /// Transactions and checkouts kept at most, each.
    cap: usize,
    next_txid: u64,
    next_userid: u64,
    next_accessid: u64,
    next_checkout: u64,
    next_workorder: u64,
    next_usertoken: u64,
    transactions: BTreeMap<u64, Transaction>,
    /// Used references, lower-cased (the platform compares `reference` case-insensitively),
    /// with the latest kept transaction that used each: evicting it frees the reference.
    references: HashMap<String, u64>,
    users_by_customer: HashMap<String, User>,
    /// Frontend checkouts shown to the customer, waiting for "Pay" or "Cancel".
    checkouts: BTreeMap<u64, Order>,
    /// SEPA direct debit mandates (managemandate, direct debit payments, getfile).
    pub(crate) mandates: Mandates,
}

impl Default for State {
    fn default() -> Self {
        State::new(crate::config::DEFAULT_MAX_TRANSACTIONS)
    }
}

impl State {
    /// An empty state keeping at most `cap` transactions, `cap` checkouts and `cap` mandates
    /// (at least 1).
    pub(crate) fn new(cap: usize) -> Self {
        State {
            cap: cap.max(1),
            next_txid: FIRST_TXID,
            next_userid: FIRST_USERID,
            next_accessid: FIRST_ACCESSID,
            next_checkout: 1,
            next_workorder: 1,
            next_usertoken: 1,
            transactions: BTreeMap::new(),
            references: HashMap::new(),
            users_by_customer: HashMap::new(),
            checkouts: BTreeMap::new(),
            mandates: Mandates::new(cap),
        }
    }

    /// Transactions and checkouts kept now.
    pub(crate) fn kept(&self) -> (usize, usize) {
        (self.transactions.len(), self.checkouts.len())
    }

    /// Whether `reference` was used by a kept transaction (case-insensitively).
    pub(crate) fn reference_used(&self, reference: &str) -> bool {
        self.references.contains_key(&reference.to_lowercase())
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

    /// The next genericpayment `workorderid`: `WX` and ten digits.
    pub(crate) fn new_workorderid(&mut self) -> String {
        let id = self.next_workorder;
        self.next_workorder += 1;
        format!("WX{id:010}")
    }

    /// Whether `workorderid` is one [`State::new_workorderid`] handed out. Workorders are
    /// counters, so nothing needs to be kept for them.
    pub(crate) fn workorder_issued(&self, workorderid: &str) -> bool {
        workorderid
            .strip_prefix("WX")
            .filter(|digits| digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u64>().ok())
            .is_some_and(|id| id >= 1 && id < self.next_workorder)
    }

    /// A new getuser `usertoken` for `userid`.
    pub(crate) fn new_usertoken(&mut self, userid: u64) -> String {
        let n = self.next_usertoken;
        self.next_usertoken += 1;
        format!("ut-{userid}-{n:06}")
    }

    /// The user of `customerid` (created on first sight, or when every transaction of the
    /// customer has been forgotten), or a new user without one. Callers open a transaction
    /// for it right away, which is what keeps the customer remembered.
    pub(crate) fn user_for(&mut self, customerid: Option<&str>) -> u64 {
        if let Some(user) = customerid.and_then(|c| self.users_by_customer.get(c)) {
            return user.userid;
        }
        let userid = self.next_userid;
        self.next_userid += 1;
        if let Some(customerid) = customerid {
            self.users_by_customer.insert(
                customerid.to_owned(),
                User {
                    userid,
                    transactions: 0,
                },
            );
        }
        userid
    }

    /// Whether `userid` was handed out by this sandbox.
    pub(crate) fn user_known(&self, userid: u64) -> bool {
        (FIRST_USERID..self.next_userid).contains(&userid)
    }

    /// Opens a transaction for `order` in `status` (approving it books what it books), marks
    /// its reference used and returns it.
    ///
    /// When the cap is reached the oldest transaction is forgotten first, with its reference
    /// and, if it was the customer's last, the customer.
    pub(crate) fn open(&mut self, order: Order, userid: u64, status: TxStatus) -> &Transaction {
        let txid = self.new_txid();
        if let Some(reference) = &order.reference {
            self.references.insert(reference.to_lowercase(), txid);
        }
        if let Some(user) = order
            .customerid
            .as_deref()
            .and_then(|c| self.users_by_customer.get_mut(c))
            .filter(|user| user.userid == userid)
        {
            user.transactions += 1;
        }
        // After counting the new transaction, so evicting the customer's previous one does
        // not forget the customer.
        while self.transactions.len() >= self.cap {
            self.evict_oldest();
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
            paid: 0,
        };
        if status == TxStatus::Approved {
            tx.approve();
        }
        self.transactions.entry(txid).or_insert(tx)
    }

    /// Forgets the oldest transaction and what points at it.
    fn evict_oldest(&mut self) {
        let Some((txid, tx)) = self.transactions.pop_first() else {
            return;
        };
        if let Some(reference) = tx.reference.map(|r| r.to_lowercase())
            && self.references.get(&reference) == Some(&txid)
        {
            self.references.remove(&reference);
        }
        if let Some(customerid) = &tx.customerid
            && let Some(user) = self.users_by_customer.get_mut(customerid)
            && user.userid == tx.userid
        {
            user.transactions -= 1;
            if user.transactions == 0 {
                self.users_by_customer.remove(customerid);
            }
        }
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
        while self.checkouts.len() >= self.cap {
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

    #[test]
    fn the_oldest_transaction_goes_first_with_its_reference_and_customer() {
        let mut s = State::new(2);
        let with = |reference: &str, customer: &str| Order {
            reference: Some(reference.into()),
            customerid: Some(customer.into()),
            ..order(Kind::Preauthorization)
        };
        let u1 = s.user_for(Some("c1"));
        let t1 = s.open(with("r1", "c1"), u1, TxStatus::Approved).txid;
        let u2 = s.user_for(Some("c2"));
        let t2 = s.open(with("r2", "c2"), u2, TxStatus::Approved).txid;
        assert_eq!(s.user_for(Some("c1")), u1);
        let t3 = s.open(with("r3", "c1"), u1, TxStatus::Approved).txid;
        assert!(s.transaction(t1).is_none(), "the oldest is forgotten");
        assert!(s.transaction(t2).is_some() && s.transaction(t3).is_some());
        assert_eq!(s.kept().0, 2);
        assert!(!s.reference_used("r1"), "its reference is free again");
        assert!(s.reference_used("R2") && s.reference_used("r3"));
        assert_eq!(s.user_for(Some("c1")), u1, "c1 still has a transaction");
        s.open(with("r4", "c1"), u1, TxStatus::Approved);
        s.open(with("r5", "c1"), u1, TxStatus::Approved);
        assert!(s.transaction(t2).is_none());
        assert_eq!(
            s.users_by_customer.len(),
            1,
            "c2 went with its last transaction"
        );
        assert_eq!(s.user_for(Some("c1")), u1);
        assert!(
            s.user_for(Some("c2")) > u2,
            "a forgotten customer is a new one"
        );
        assert!(s.user_known(u2), "user ids stay valid");
    }

    #[test]
    fn a_reference_reused_by_a_later_transaction_stays_used() {
        let mut s = State::new(1);
        s.open(order(Kind::Createaccess), 1, TxStatus::Approved);
        s.open(order(Kind::Createaccess), 1, TxStatus::Approved);
        assert_eq!(s.kept().0, 1);
        assert!(s.reference_used("order-1"));
    }

    #[test]
    fn checkouts_are_capped_too() {
        let mut s = State::new(2);
        let first = s.add_checkout(order(Kind::Authorization));
        for _ in 0..3 {
            s.add_checkout(order(Kind::Authorization));
        }
        assert_eq!(s.kept().1, 2);
        assert!(s.take_checkout(&first).is_none());
    }
}
