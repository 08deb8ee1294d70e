//! The `STATUS` of a DirectLink answer (the platform's list of statuses; section 6.3 of the
//! DirectLink integration guide adds 88).
//!
//! The meanings are those of the platform's list of statuses; the guide refers to that list in
//! the back office and names only 88 itself.

use std::fmt;

/// The `STATUS` of a transaction. Values this crate does not name are kept as
/// [`Status::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// 0: invalid or incomplete.
    InvalidOrIncomplete,
    /// 1: cancelled by the customer.
    CancelledByCustomer,
    /// 2: authorisation refused.
    AuthorisationRefused,
    /// 4: order stored.
    OrderStored,
    /// 41: waiting for the customer's payment.
    WaitingForClientPayment,
    /// 46: waiting for identification (3-D Secure); the answer carries `HTML_ANSWER` to show the customer.
    WaitingForIdentification,
    /// 5: authorised.
    Authorised,
    /// 51: authorisation waiting.
    AuthorisationWaiting,
    /// 52: authorisation not known (uncertain: check before acting).
    AuthorisationNotKnown,
    /// 55: standby.
    Standby,
    /// 59: authorisation to be requested manually.
    AuthorisationToBeRequestedManually,
    /// 6: authorised and cancelled.
    AuthorisedAndCancelled,
    /// 61: authorisation deletion waiting.
    AuthorisationDeletionWaiting,
    /// 62: authorisation deletion uncertain.
    AuthorisationDeletionUncertain,
    /// 63: authorisation deletion refused.
    AuthorisationDeletionRefused,
    /// 7: payment deleted.
    PaymentDeleted,
    /// 71: payment deletion pending.
    PaymentDeletionPending,
    /// 72: payment deletion uncertain.
    PaymentDeletionUncertain,
    /// 73: payment deletion refused.
    PaymentDeletionRefused,
    /// 74: payment deleted (the platform's list names 7 and 74 alike).
    PaymentDeletionProcessed,
    /// 8: refund.
    Refund,
    /// 81: refund pending.
    RefundPending,
    /// 82: refund uncertain.
    RefundUncertain,
    /// 83: refund refused.
    RefundRefused,
    /// 84: payment declined by the acquirer (after a refund).
    PaymentDeclinedByAcquirer,
    /// 85: refund handled by the merchant.
    RefundHandledByMerchant,
    /// 88: the query on `querydirect.asp` failed (DirectLink guide, section 6.3).
    QueryFailed,
    /// 9: payment requested.
    PaymentRequested,
    /// 91: payment processing.
    PaymentProcessing,
    /// 92: payment uncertain.
    PaymentUncertain,
    /// 93: payment refused.
    PaymentRefused,
    /// 94: refund declined by the acquirer.
    RefundDeclinedByAcquirer,
    /// 95: payment handled by the merchant.
    PaymentHandledByMerchant,
    /// 96: refund reversed.
    RefundReversed,
    /// 99: being processed.
    BeingProcessed,
    /// A status this crate does not name.
    Other(u32),
}

impl Status {
    /// The status for a numeric `STATUS`.
    pub const fn from_code(code: u32) -> Status {
        match code {
            0 => Status::InvalidOrIncomplete,
            1 => Status::CancelledByCustomer,
            2 => Status::AuthorisationRefused,
            4 => Status::OrderStored,
            41 => Status::WaitingForClientPayment,
            46 => Status::WaitingForIdentification,
            5 => Status::Authorised,
            51 => Status::AuthorisationWaiting,
            52 => Status::AuthorisationNotKnown,
            55 => Status::Standby,
            59 => Status::AuthorisationToBeRequestedManually,
            6 => Status::AuthorisedAndCancelled,
            61 => Status::AuthorisationDeletionWaiting,
            62 => Status::AuthorisationDeletionUncertain,
            63 => Status::AuthorisationDeletionRefused,
            7 => Status::PaymentDeleted,
            71 => Status::PaymentDeletionPending,
            72 => Status::PaymentDeletionUncertain,
            73 => Status::PaymentDeletionRefused,
            74 => Status::PaymentDeletionProcessed,
            8 => Status::Refund,
            81 => Status::RefundPending,
            82 => Status::RefundUncertain,
            83 => Status::RefundRefused,
            84 => Status::PaymentDeclinedByAcquirer,
            85 => Status::RefundHandledByMerchant,
            88 => Status::QueryFailed,
            9 => Status::PaymentRequested,
            91 => Status::PaymentProcessing,
            92 => Status::PaymentUncertain,
            93 => Status::PaymentRefused,
            94 => Status::RefundDeclinedByAcquirer,
            95 => Status::PaymentHandledByMerchant,
            96 => Status::RefundReversed,
            99 => Status::BeingProcessed,
            other => Status::Other(other),
        }
    }

    /// The numeric `STATUS`.
    pub const fn code(self) -> u32 {
        match self {
            Status::InvalidOrIncomplete => 0,
            Status::CancelledByCustomer => 1,
            Status::AuthorisationRefused => 2,
            Status::OrderStored => 4,
            Status::WaitingForClientPayment => 41,
            Status::WaitingForIdentification => 46,
            Status::Authorised => 5,
            Status::AuthorisationWaiting => 51,
            Status::AuthorisationNotKnown => 52,
            Status::Standby => 55,
            Status::AuthorisationToBeRequestedManually => 59,
            Status::AuthorisedAndCancelled => 6,
            Status::AuthorisationDeletionWaiting => 61,
            Status::AuthorisationDeletionUncertain => 62,
            Status::AuthorisationDeletionRefused => 63,
            Status::PaymentDeleted => 7,
            Status::PaymentDeletionPending => 71,
            Status::PaymentDeletionUncertain => 72,
            Status::PaymentDeletionRefused => 73,
            Status::PaymentDeletionProcessed => 74,
            Status::Refund => 8,
            Status::RefundPending => 81,
            Status::RefundUncertain => 82,
            Status::RefundRefused => 83,
            Status::PaymentDeclinedByAcquirer => 84,
            Status::RefundHandledByMerchant => 85,
            Status::QueryFailed => 88,
            Status::PaymentRequested => 9,
            Status::PaymentProcessing => 91,
            Status::PaymentUncertain => 92,
            Status::PaymentRefused => 93,
            Status::RefundDeclinedByAcquirer => 94,
            Status::PaymentHandledByMerchant => 95,
            Status::RefundReversed => 96,
            Status::BeingProcessed => 99,
            Status::Other(code) => code,
        }
    }

    /// What the status means, in English, or `None` for [`Status::Other`].
    pub const fn description(self) -> Option<&'static str> {
        Some(match self {
            Status::InvalidOrIncomplete => "Invalid or incomplete",
            Status::CancelledByCustomer => "Cancelled by the customer",
            Status::AuthorisationRefused => "Authorisation refused",
            Status::OrderStored => "Order stored",
            Status::WaitingForClientPayment => "Waiting for the customer's payment",
            Status::WaitingForIdentification => "Waiting for identification (3-D Secure)",
            Status::Authorised => "Authorised",
            Status::AuthorisationWaiting => "Authorisation waiting",
            Status::AuthorisationNotKnown => "Authorisation not known",
            Status::Standby => "Standby",
            Status::AuthorisationToBeRequestedManually => "Authorisation to be requested manually",
            Status::AuthorisedAndCancelled => "Authorised and cancelled",
            Status::AuthorisationDeletionWaiting => "Authorisation deletion waiting",
            Status::AuthorisationDeletionUncertain => "Authorisation deletion uncertain",
            Status::AuthorisationDeletionRefused => "Authorisation deletion refused",
            Status::PaymentDeleted => "Payment deleted",
            Status::PaymentDeletionPending => "Payment deletion pending",
            Status::PaymentDeletionUncertain => "Payment deletion uncertain",
            Status::PaymentDeletionRefused => "Payment deletion refused",
            Status::PaymentDeletionProcessed => "Payment deleted",
            Status::Refund => "Refund",
            Status::RefundPending => "Refund pending",
            Status::RefundUncertain => "Refund uncertain",
            Status::RefundRefused => "Refund refused",
            Status::PaymentDeclinedByAcquirer => "Payment declined by the acquirer",
            Status::RefundHandledByMerchant => "Refund handled by the merchant",
            Status::QueryFailed => "The query on querydirect.asp failed",
            Status::PaymentRequested => "Payment requested",
            Status::PaymentProcessing => "Payment processing",
            Status::PaymentUncertain => "Payment uncertain",
            Status::PaymentRefused => "Payment refused",
            Status::RefundDeclinedByAcquirer => "Refund declined by the acquirer",
            Status::PaymentHandledByMerchant => "Payment handled by the merchant",
            Status::RefundReversed => "Refund reversed",
            Status::BeingProcessed => "Being processed",
            Status::Other(_) => return None,
        })
    }

    /// Whether the transaction waits for something to happen (the customer, the acquirer, a
    /// manual step, the platform): 41, 46, 51, 55, 59, 61, 71, 81, 91, 99.
    pub const fn is_pending(self) -> bool {
        matches!(
            self,
            Status::WaitingForClientPayment
                | Status::WaitingForIdentification
                | Status::AuthorisationWaiting
                | Status::Standby
                | Status::AuthorisationToBeRequestedManually
                | Status::AuthorisationDeletionWaiting
                | Status::PaymentDeletionPending
                | Status::RefundPending
                | Status::PaymentProcessing
                | Status::BeingProcessed
        )
    }

    /// Whether the outcome is uncertain and must be checked before acting on it: 52, 62, 72,
    /// 82, 92.
    pub const fn is_uncertain(self) -> bool {
        matches!(
            self,
            Status::AuthorisationNotKnown
                | Status::AuthorisationDeletionUncertain
                | Status::PaymentDeletionUncertain
                | Status::RefundUncertain
                | Status::PaymentUncertain
        )
    }
}

impl fmt::Display for Status {
    /// `STATUS 5 (Authorised)`, or `STATUS 12` for a status this crate does not name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(description) => write!(f, "STATUS {} ({description})", self.code()),
            None => write!(f, "STATUS {}", self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_status_round_trips() {
        for code in 0..=100 {
            assert_eq!(Status::from_code(code).code(), code);
        }
        assert_eq!(Status::from_code(46), Status::WaitingForIdentification);
        assert_eq!(Status::from_code(88), Status::QueryFailed);
        assert_eq!(Status::from_code(3), Status::Other(3));
        assert_eq!(
            Status::from_code(9).to_string(),
            "STATUS 9 (Payment requested)"
        );
        assert_eq!(Status::Other(3).to_string(), "STATUS 3");
    }
}
