//! The v2 payments the sandbox remembers, and the status each one is in. Identifiers come from
//! counters, so a run is reproducible.

use std::collections::BTreeMap;

use payone_types::Currency;
use payone_types::generated::v2::{MerchantReference, PaymentProductId};

/// The number of the first payment; its id is `3000000001_0`.
pub const FIRST_PAYMENT: u64 = 3_000_000_001;

/// Where a v2 payment stands (`payment.status` and its `statusOutput`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Waiting for the customer on the 3-D Secure challenge page.
    Redirected,
    /// Authorised, waiting for capture or cancel.
    PendingCapture,
    /// Captured: refundable.
    Captured,
    /// The authorisation was cancelled.
    Cancelled,
    /// Refunded in part or in full.
    Refunded,
    /// Declined, or the challenge failed.
    Rejected,
}

impl Status {
    /// `payment.status`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Status::Redirected => "REDIRECTED",
            Status::PendingCapture => "PENDING_CAPTURE",
            Status::Captured => "CAPTURED",
            Status::Cancelled => "CANCELLED",
            Status::Refunded => "REFUNDED",
            Status::Rejected => "REJECTED",
        }
    }

    /// `statusOutput.statusCode`.
    pub(crate) fn code(self) -> u32 {
        match self {
            Status::Redirected => 46,
            Status::PendingCapture => 5,
            Status::Captured => 9,
            Status::Cancelled => 6,
            Status::Refunded => 8,
            Status::Rejected => 2,
        }
    }

    /// `statusOutput.statusCategory`.
    pub(crate) fn category(self) -> &'static str {
        match self {
            Status::Redirected => "PENDING_PAYMENT",
            Status::PendingCapture => "PENDING_MERCHANT",
            Status::Captured | Status::Refunded => "COMPLETED",
            Status::Cancelled | Status::Rejected => "UNSUCCESSFUL",
        }
    }

    /// The webhook `type` announcing that a payment reached this status.
    pub(crate) fn event_type(self) -> &'static str {
        match self {
            Status::Redirected => "payment.redirected",
            Status::PendingCapture => "payment.pending_capture",
            Status::Captured => "payment.captured",
            Status::Cancelled => "payment.cancelled",
            Status::Refunded => "payment.refunded",
            Status::Rejected => "payment.rejected",
        }
    }
}

/// How 3-D Secure went (`threeDSecureResults.flow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Frictionless,
    Challenge,
}

impl Flow {
    /// The wire value.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Flow::Frictionless => "frictionless",
            Flow::Challenge => "challenge",
        }
    }
}

/// The card as the sandbox keeps it: masked, never the number itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CardSummary {
    /// `************1111`.
    pub(crate) masked: String,
    /// `MMYY` as sent.
    pub(crate) expiry: String,
}

/// One payment.
#[derive(Clone, Debug)]
pub(crate) struct Payment {
    pub(crate) number: u64,
    pub(crate) status: Status,
    /// Authorised amount (minor units).
    pub(crate) amount: u64,
    pub(crate) currency: Currency,
    pub(crate) merchant_reference: Option<MerchantReference>,
    pub(crate) product_id: Option<PaymentProductId>,
    pub(crate) card: Option<CardSummary>,
    /// Set once 3-D Secure has succeeded.
    pub(crate) three_ds: Option<Flow>,
    pub(crate) return_url: Option<String>,
    pub(crate) captured: u64,
    pub(crate) refunded: u64,
    /// Operations (captures, refunds) so far; the next one's id ends in `_{ops + 1}`.
    pub(crate) ops: u32,
    /// The card is on file (paid with a token, a hosted tokenization or a recurring hosted
    /// checkout): SubsequentPayment may charge it again.
    pub(crate) stored_card: bool,
}

impl Payment {
    /// `3000000001_0`.
    pub(crate) fn id(&self) -> String {
        format!("{}_0", self.number)
    }

    /// The id of the next capture or refund (`3000000001_1`, ...), counting it.
    pub(crate) fn next_operation_id(&mut self) -> String {
        self.ops += 1;
        format!("{}_{}", self.number, self.ops)
    }

    /// `statusOutput.isAuthorized`.
    pub(crate) fn is_authorized(&self) -> bool {
        matches!(
            self.status,
            Status::PendingCapture | Status::Captured | Status::Refunded
        )
    }

    /// `statusOutput.isCancellable`: cancel is allowed.
    pub(crate) fn is_cancellable(&self) -> bool {
        self.status == Status::PendingCapture
    }

    /// `statusOutput.isRefundable`: refund is allowed.
    pub(crate) fn is_refundable(&self) -> bool {
        matches!(self.status, Status::Captured | Status::Refunded) && self.refundable() > 0
    }

    /// What is left to refund.
    pub(crate) fn refundable(&self) -> u64 {
        self.captured.saturating_sub(self.refunded)
    }
}

/// The v2 payments kept, by number: at most `cap`, the oldest forgotten first (numbers are
/// counters, so the first entry is the oldest).
#[derive(Debug)]
pub(crate) struct Store {
    cap: usize,
    next: u64,
    payments: BTreeMap<u64, Payment>,
}

impl Default for Store {
    fn default() -> Self {
        Store::new(crate::config::DEFAULT_MAX_TRANSACTIONS)
    }
}

impl Store {
    /// No payments yet; at most `cap` (at least 1) will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Store {
            cap: cap.max(1),
            next: FIRST_PAYMENT,
            payments: BTreeMap::new(),
        }
    }

    /// Payments kept now.
    pub(crate) fn len(&self) -> usize {
        self.payments.len()
    }

    /// Records `payment` under the next number (whatever its `number` says) and returns it,
    /// forgetting the oldest payment when the store is full.
    pub(crate) fn insert(&mut self, mut payment: Payment) -> &mut Payment {
        while self.payments.len() >= self.cap {
            self.payments.pop_first();
        }
        let number = self.next;
        self.next += 1;
        payment.number = number;
        self.payments.entry(number).or_insert(payment)
    }

    /// The payment of `id` (`3000000001_0`); other spellings name no payment.
    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Payment> {
        let number = id.strip_suffix("_0")?;
        // Only the canonical spelling: `+3000000001_0` or `03000000001_0` name nothing.
        if !number.bytes().all(|b| b.is_ascii_digit()) || number.starts_with('0') {
            return None;
        }
        self.payments.get_mut(&number.parse().ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment() -> Payment {
        Payment {
            number: 0,
            status: Status::PendingCapture,
            amount: 1000,
            currency: Currency::new("EUR"),
            merchant_reference: None,
            product_id: Some(PaymentProductId::new(1)),
            card: None,
            three_ds: None,
            return_url: None,
            captured: 0,
            refunded: 0,
            ops: 0,
            stored_card: false,
        }
    }

    #[test]
    fn ids_are_counters_and_only_the_canonical_spelling_finds_them() {
        let mut store = Store::default();
        let id = store.insert(payment()).id();
        assert_eq!(id, "3000000001_0");
        assert_eq!(store.insert(payment()).id(), "3000000002_0");
        assert!(store.get_mut("3000000001_0").is_some());
        for other in [
            "3000000001",
            "3000000001_1",
            "03000000001_0",
            "+3000000001_0",
            "x_0",
        ] {
            assert!(store.get_mut(other).is_none(), "{other}");
        }
        let p = store.get_mut(&id).unwrap();
        assert_eq!(p.next_operation_id(), "3000000001_1");
        assert_eq!(p.next_operation_id(), "3000000001_2");
    }

    #[test]
    fn the_oldest_payment_is_forgotten_first() {
        let mut store = Store::new(2);
        let first = store.insert(payment()).id();
        store.insert(payment());
        let last = store.insert(payment()).id();
        assert_eq!(store.len(), 2);
        assert!(store.get_mut(&first).is_none());
        assert!(store.get_mut(&last).is_some());
    }

    #[test]
    fn flags_follow_the_status() {
        let mut p = payment();
        assert!(p.is_authorized() && p.is_cancellable() && !p.is_refundable());
        p.status = Status::Captured;
        p.captured = 1000;
        assert!(!p.is_cancellable() && p.is_refundable());
        p.status = Status::Refunded;
        p.refunded = 1000;
        assert!(!p.is_refundable());
        p.status = Status::Rejected;
        assert!(!p.is_authorized());
    }
}
