//! The DirectLink orders the sandbox remembers, and what maintenance does to them (the
//! statuses and amount rules of the crate documentation's DirectLink section).

use std::collections::{BTreeMap, HashMap};

/// The first `PAYID` handed out.
pub const FIRST_PAYID: u64 = 400_000_001;

/// What `OPERATION` asked of a new order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OrderOperation {
    /// `RES` (or `PAU`, a pre-authorisation): authorise only (STATUS 5).
    Authorise,
    /// `SAL`: authorise and request the payment (STATUS 9).
    Sale,
}

impl OrderOperation {
    /// What a new order's `OPERATION` value asks for, by the generated LIST of the 3.2 table.
    /// An unknown value, and `RFD` (a refund not linked to a payment, which the sandbox does
    /// not simulate), are refused.
    pub(crate) fn parse(value: &str) -> Result<OrderOperation, super::xml::Refused> {
        use payone_types::ParamValue;
        use payone_types::generated::directlink::CreditCardOperation;

        let refused =
            |rule: &dyn ToString| super::xml::Refused::invalid("OPERATION", rule.to_string());
        match CreditCardOperation::parse_param(value).map_err(|rule| refused(&rule))? {
            CreditCardOperation::Res | CreditCardOperation::Pau => Ok(OrderOperation::Authorise),
            CreditCardOperation::Sal => Ok(OrderOperation::Sale),
            CreditCardOperation::Rfd => Err(refused(
                &"RFD (a refund not linked to a payment) is not simulated by the sandbox",
            )),
        }
    }
}

/// A maintenance `OPERATION`: the generated LIST of the 5.1.2 table (`REN`, `DEL`, `DES`,
/// `SAL`, `SAS`, `RFD`, `RFS`; what each does to an order is [`Store::maintain`]).
pub(crate) use payone_types::generated::directlink::MaintenanceOperation as Operation;

/// The operation of a maintenance `OPERATION` value, `None` when the table does not list it.
pub(crate) fn parse_operation(value: &str) -> Option<Operation> {
    use payone_types::ParamValue;
    Operation::parse_param(value).ok()
}

/// The data of a new order that has passed every check.
#[derive(Clone, Debug)]
pub(crate) struct NewOrder {
    pub(crate) orderid: String,
    /// Cents (the request's AMOUNT).
    pub(crate) amount: u64,
    pub(crate) currency: String,
    pub(crate) operation: OrderOperation,
    pub(crate) brand: &'static str,
    /// The card number with all but the last four characters replaced by `X`.
    pub(crate) masked_cardno: String,
    pub(crate) eci: String,
    pub(crate) ip: Option<String>,
    /// `STATUS` the order starts in: 5/9, 2 (refused), 51 (waiting) or 46 (3-D Secure).
    pub(crate) status: u32,
    pub(crate) accepturl: Option<String>,
    pub(crate) declineurl: Option<String>,
}

/// One history level of an order (`PAYIDSUB`): 0 is the order itself, then one per
/// maintenance that went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Level {
    pub(crate) status: u32,
    /// Cents.
    pub(crate) amount: u64,
}

/// An order.
#[derive(Clone, Debug)]
pub(crate) struct DlOrder {
    pub(crate) payid: u64,
    pub(crate) data: NewOrder,
    /// The current `STATUS`.
    pub(crate) status: u32,
    /// The authorised amount (cents); `REN` may lower it.
    pub(crate) authorised: u64,
    pub(crate) captured: u64,
    pub(crate) refunded: u64,
    /// `SAS` (or a sale order) closed capturing.
    pub(crate) capture_closed: bool,
    /// `RFS` closed refunding.
    pub(crate) refund_closed: bool,
    /// `DES` closed the order after deleting the authorisation.
    pub(crate) deletion_closed: bool,
    pub(crate) acceptance: String,
    pub(crate) history: Vec<Level>,
}

impl DlOrder {
    /// The latest `PAYIDSUB`.
    pub(crate) fn payidsub(&self) -> usize {
        self.history.len() - 1
    }

    /// Cents still open for capture.
    fn capturable(&self) -> u64 {
        let open_status = matches!(self.status, 5 | 8 | 9);
        if open_status && !self.capture_closed {
            self.authorised.saturating_sub(self.captured)
        } else {
            0
        }
    }

    /// Cents that may still be refunded.
    fn refundable(&self) -> u64 {
        if matches!(self.status, 8 | 9) && !self.refund_closed {
            self.captured.saturating_sub(self.refunded)
        } else {
            0
        }
    }
}

/// Why a maintenance was not executed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No such order (NCERROR 50001130).
    Unknown,
    /// The order's status does not allow the operation (NCERROR 50001127), e.g. the same
    /// maintenance sent twice (DirectLink guide, section 5.3).
    NotInCorrectStatus,
    /// A parameter contradicts the order (NCERROR 50001111): the AMOUNT exceeds what is open,
    /// is 0, or the CURRENCY is not the order's.
    Invalid(&'static str, &'static str),
}

/// What a maintenance did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Maintained {
    /// The new history level.
    pub(crate) payidsub: usize,
    /// The STATUS the answer reports (91, 81, 61, 5).
    pub(crate) answer_status: u32,
    /// The operation's amount (cents).
    pub(crate) amount: u64,
}

/// How a 3-D Secure authentication ended.
#[derive(Clone, Debug)]
pub(crate) struct Authenticated {
    pub(crate) order: DlOrder,
    /// `ACCEPTURL` when authenticated, `DECLINEURL` when not.
    pub(crate) url: Option<String>,
}

/// The DirectLink orders kept: at most `cap`, the oldest forgotten first (PAYIDs are counters,
/// so the first entry is the oldest).
#[derive(Debug)]
pub(crate) struct Store {
    cap: usize,
    next_payid: u64,
    orders: BTreeMap<u64, DlOrder>,
    /// ORDERID -> PAYID of its latest kept order.
    by_orderid: HashMap<String, u64>,
}

impl Default for Store {
    fn default() -> Self {
        Store::new(crate::config::DEFAULT_MAX_TRANSACTIONS)
    }
}

impl Store {
    /// No orders yet; at most `cap` (at least 1) will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Store {
            cap: cap.max(1),
            next_payid: FIRST_PAYID,
            orders: BTreeMap::new(),
            by_orderid: HashMap::new(),
        }
    }

    /// Orders kept now.
    pub(crate) fn len(&self) -> usize {
        self.orders.len()
    }

    /// The order that makes `orderid` a duplicate (DirectLink guide, section 4.1): one that exists
    /// and was processed (any status but 0 and 2; a refused order may be sent again).
    pub(crate) fn duplicate(&self, orderid: &str) -> Option<&DlOrder> {
        self.by_orderid(orderid)
            .filter(|order| !matches!(order.status, 0 | 2))
    }

    /// Records a new order and returns it.
    pub(crate) fn place(&mut self, data: NewOrder) -> &DlOrder {
        let payid = self.next_payid;
        self.next_payid += 1;
        let captured = if data.status == 9 { data.amount } else { 0 };
        let order = DlOrder {
            payid,
            status: data.status,
            authorised: data.amount,
            captured,
            refunded: 0,
            capture_closed: data.operation == OrderOperation::Sale,
            refund_closed: false,
            deletion_closed: false,
            acceptance: acceptance(payid, data.status),
            history: vec![Level {
                status: data.status,
                amount: data.amount,
            }],
            data,
        };
        while self.orders.len() >= self.cap {
            let Some((old, evicted)) = self.orders.pop_first() else {
                break;
            };
            // A later order of the same ORDERID has taken the entry over; it stays.
            if self.by_orderid.get(&evicted.data.orderid) == Some(&old) {
                self.by_orderid.remove(&evicted.data.orderid);
            }
        }
        self.by_orderid.insert(order.data.orderid.clone(), payid);
        self.orders.entry(payid).or_insert(order)
    }

    /// The order of `payid`.
    pub(crate) fn by_payid(&self, payid: u64) -> Option<&DlOrder> {
        self.orders.get(&payid)
    }

    /// The latest order of `orderid`.
    pub(crate) fn by_orderid(&self, orderid: &str) -> Option<&DlOrder> {
        self.by_orderid
            .get(orderid)
            .and_then(|payid| self.orders.get(payid))
    }

    /// Executes a maintenance on the order of `payid`.
    pub(crate) fn maintain(
        &mut self,
        payid: u64,
        operation: Operation,
        amount: Option<u64>,
        currency: Option<&str>,
    ) -> Result<(&DlOrder, Maintained), Refusal> {
        let order = self.orders.get_mut(&payid).ok_or(Refusal::Unknown)?;
        if currency.is_some_and(|c| c != order.data.currency) {
            return Err(Refusal::Invalid(
                "CURRENCY",
                "not the currency of the order",
            ));
        }
        // The amount open for the operation; 0 means the status does not allow it.
        let open = match operation {
            Operation::Sal | Operation::Sas => order.capturable(),
            Operation::Rfd | Operation::Rfs => order.refundable(),
            Operation::Del | Operation::Des if order.status == 5 && order.captured == 0 => {
                order.authorised
            }
            Operation::Ren
                if (order.status == 5 && order.captured == 0)
                    || (order.status == 6 && !order.deletion_closed) =>
            {
                order.data.amount
            }
            _ => 0,
        };
        if open == 0 {
            return Err(Refusal::NotInCorrectStatus);
        }
        let amount = match amount {
            Some(0) => return Err(Refusal::Invalid("AMOUNT", "must be more than 0")),
            Some(amount) if amount > open => {
                return Err(Refusal::Invalid(
                    "AMOUNT",
                    "more than the order's amount open for this operation",
                ));
            }
            Some(amount) => amount,
            None => open,
        };
        let (answer_status, status) = match operation {
            Operation::Sal | Operation::Sas => {
                order.captured += amount;
                order.capture_closed |= operation == Operation::Sas;
                (91, 9)
            }
            Operation::Rfd | Operation::Rfs => {
                order.refunded += amount;
                order.refund_closed |= operation == Operation::Rfs;
                (81, 8)
            }
            Operation::Del | Operation::Des => {
                order.deletion_closed = operation == Operation::Des;
                (61, 6)
            }
            Operation::Ren => {
                order.authorised = amount;
                (5, 5)
            }
        };
        order.status = status;
        order.history.push(Level { status, amount });
        let maintained = Maintained {
            payidsub: order.payidsub(),
            answer_status,
            amount,
        };
        Ok((order, maintained))
    }

    /// Ends the 3-D Secure authentication of the order of `payid` if it waits for it
    /// (STATUS 46): authenticated, it becomes 5 (RES) or 9 (SAL); failed, 2.
    pub(crate) fn authenticate(&mut self, payid: u64, ok: bool) -> Option<Authenticated> {
        let order = self.orders.get_mut(&payid).filter(|o| o.status == 46)?;
        let status = match (ok, order.data.operation) {
            (false, _) => 2,
            (true, OrderOperation::Authorise) => 5,
            (true, OrderOperation::Sale) => 9,
        };
        order.status = status;
        if status == 9 {
            order.captured = order.authorised;
        }
        order.acceptance = acceptance(payid, status);
        order.history[0].status = status;
        let url = if ok {
            order.data.accepturl.clone()
        } else {
            order.data.declineurl.clone()
        };
        Some(Authenticated {
            order: order.clone(),
            url,
        })
    }
}

/// The acquirer's acceptance code: six digits from the PAYID for an authorised order, empty
/// otherwise.
fn acceptance(payid: u64, status: u32) -> String {
    if matches!(status, 5 | 9) {
        format!("{:06}", payid % 1_000_000)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_order(orderid: &str, status: u32, operation: OrderOperation) -> NewOrder {
        NewOrder {
            orderid: orderid.to_owned(),
            amount: 1000,
            currency: "EUR".to_owned(),
            operation,
            brand: "VISA",
            masked_cardno: "XXXXXXXXXXXX1111".to_owned(),
            eci: "7".to_owned(),
            ip: None,
            status,
            accepturl: None,
            declineurl: None,
        }
    }

    fn authorised(store: &mut Store) -> u64 {
        store
            .place(new_order("o-1", 5, OrderOperation::Authorise))
            .payid
    }

    #[test]
    fn capture_refund_and_their_duplicates() {
        let mut s = Store::default();
        let payid = authorised(&mut s);
        assert_eq!(payid, FIRST_PAYID);
        let (order, done) = s.maintain(payid, Operation::Sal, Some(400), None).unwrap();
        assert_eq!(
            (order.status, done.answer_status, done.payidsub),
            (9, 91, 1)
        );
        let (_, done) = s.maintain(payid, Operation::Sas, None, None).unwrap();
        assert_eq!(done.amount, 600, "the rest of the authorisation");
        assert_eq!(
            s.maintain(payid, Operation::Sas, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus,
            "the DirectLink guide, section 5.3"
        );
        assert_eq!(
            s.maintain(payid, Operation::Rfd, Some(1001), None)
                .unwrap_err(),
            Refusal::Invalid(
                "AMOUNT",
                "more than the order's amount open for this operation"
            )
        );
        let (order, done) = s.maintain(payid, Operation::Rfs, None, None).unwrap();
        assert_eq!(
            (order.status, done.answer_status, done.amount),
            (8, 81, 1000)
        );
        assert_eq!(
            s.maintain(payid, Operation::Rfs, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus
        );
        assert_eq!(s.by_payid(payid).unwrap().history.len(), 4);
    }

    #[test]
    fn delete_renew_and_closed_deletions() {
        let mut s = Store::default();
        let payid = authorised(&mut s);
        let (order, done) = s.maintain(payid, Operation::Del, None, None).unwrap();
        assert_eq!((order.status, done.answer_status), (6, 61));
        assert_eq!(
            s.maintain(payid, Operation::Del, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus
        );
        assert_eq!(
            s.maintain(payid, Operation::Sas, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus
        );
        let (order, _) = s.maintain(payid, Operation::Ren, None, None).unwrap();
        assert_eq!(order.status, 5);
        s.maintain(payid, Operation::Des, None, None).unwrap();
        assert_eq!(
            s.maintain(payid, Operation::Ren, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus
        );
        assert_eq!(
            s.maintain(payid + 1, Operation::Ren, None, None)
                .unwrap_err(),
            Refusal::Unknown
        );
    }

    #[test]
    fn sales_refunds_and_currencies() {
        let mut s = Store::default();
        let payid = s.place(new_order("o-2", 9, OrderOperation::Sale)).payid;
        assert_eq!(
            s.maintain(payid, Operation::Sal, None, None).unwrap_err(),
            Refusal::NotInCorrectStatus,
            "a sale is captured in full"
        );
        assert_eq!(
            s.maintain(payid, Operation::Rfd, None, Some("USD"))
                .unwrap_err(),
            Refusal::Invalid("CURRENCY", "not the currency of the order")
        );
        s.maintain(payid, Operation::Rfd, Some(100), Some("EUR"))
            .unwrap();
    }

    #[test]
    fn duplicates_and_three_d_secure() {
        let mut s = Store::default();
        s.place(new_order("refused", 2, OrderOperation::Authorise));
        assert!(
            s.duplicate("refused").is_none(),
            "a refused order may be sent again"
        );
        let payid = s.place(new_order("3ds", 46, OrderOperation::Sale)).payid;
        assert_eq!(s.duplicate("3ds").map(|o| o.payid), Some(payid));
        let done = s.authenticate(payid, true).unwrap();
        assert_eq!((done.order.status, done.order.captured), (9, 1000));
        assert!(s.authenticate(payid, true).is_none(), "only once");
    }

    #[test]
    fn the_oldest_order_is_forgotten_with_its_orderid() {
        let mut s = Store::new(2);
        let first = s.place(new_order("a", 5, OrderOperation::Authorise)).payid;
        s.place(new_order("b", 2, OrderOperation::Authorise));
        let again = s.place(new_order("b", 5, OrderOperation::Authorise)).payid;
        assert_eq!(s.len(), 2);
        assert!(s.by_payid(first).is_none() && s.by_orderid("a").is_none());
        assert!(
            s.duplicate("a").is_none(),
            "a forgotten order blocks nothing"
        );
        assert_eq!(
            s.maintain(first, Operation::Sal, None, None).unwrap_err(),
            Refusal::Unknown
        );
        s.place(new_order("c", 5, OrderOperation::Authorise));
        assert_eq!(
            s.by_orderid("b").map(|o| o.payid),
            Some(again),
            "evicting the older order of ORDERID b keeps the later one"
        );
        assert_eq!(s.by_orderid.len(), 2);
    }
}
