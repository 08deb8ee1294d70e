//! The value lists of notification fields: `transaction_status`, `notify_version`,
//! `failedcause`, `reminderlevel` and `reasoncode`. A value not listed is kept in the `Other`
//! variant rather than refused, so a notification is never lost over a new value.
//!
//! Sources: "Parameter for the TransactionStatus query"
//! (<https://docs.payone.com/display/public/PLATFORM/Parameter+for+the+TransactionStatus+query>)
//! for `transaction_status`, `notify_version` and `reasoncode`; its `failedcause` table
//! (<https://docs.payone.com/pages/releaseview.action?pageId=1213910>); the Server API
//! updatereminder page for the dunning levels
//! (<https://docs.payone.com/integration/channel-server-api/server-api-updatereminder>).

use std::fmt;

/// A list of wire values with a catch-all `Other(String)`: `parse`, `as_str` and `Display`.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value not listed here, as received.
            Other(String),
        }

        impl $name {
            /// Reads a wire value; an unlisted one becomes `Other`.
            pub fn parse(s: &str) -> $name {
                match s {
                    $( $wire $(| $alias)* => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// The wire value (for a variant read from an alias, the documented spelling).
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(other) => other,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum! {
    /// `transaction_status`: whether the event the notification reports is final. Sent from
    /// notify version 7.4 on (see [`NotifyVersion`]).
    pub enum TransactionStatus {
        /// `completed`: the event has happened.
        Completed = "completed",
        /// `pending`: the event is under way; a notification with `completed` for the same
        /// `txaction` follows (from notify version 7.6 on with a [`ReasonCode`]).
        Pending = "pending",
    }
}

wire_enum! {
    /// `notify_version`: the form of the notifications the portal is configured for. A
    /// notification without the field is of version 7.3.
    pub enum NotifyVersion {
        /// `7.3`: neither `notify_version` nor `transaction_status` is sent.
        V7_3 = "7.3",
        /// `7.4`: `notify_version` and `transaction_status` (`completed` or `pending`) are sent.
        V7_4 = "7.4",
        /// `7.5`: as 7.4, and `txaction=failed` is sent.
        V7_5 = "7.5",
        /// `7.6`: as 7.5, and a pending notification carries `reasoncode`.
        V7_6 = "7.6",
    }
}

wire_enum! {
    /// `failedcause`: why a payment failed or was reversed (returned direct debits, card
    /// chargebacks), sent with `txaction=failed` (notify version 7.5 on).
    pub enum FailedCause {
        /// `soc`: insufficient funds.
        InsufficientFunds = "soc",
        /// `cka`: the account has expired.
        AccountExpired = "cka",
        /// `uan`: account number and holder name do not match, the number is wrong, or it is
        /// a savings account.
        AccountMismatch = "uan",
        /// `ndd`: the account allows no direct debit.
        NoDirectDebit = "ndd",
        /// `rcl`: the payee recalled the direct debit.
        Recall = "rcl",
        /// `obj`: the payer objected to the direct debit.
        Objection = "obj",
        /// `ret`: the payer's bank returned the direct debit (for example the account is
        /// closed or lacks funds).
        Return = "ret",
        /// `nelv`: the direct debit cannot be collected.
        DebitNotCollectable = "nelv",
        /// `cbk`: card chargeback. PAYONE's magento-1 plugin
        /// (`lib/Payone/TransactionStatus/Enum/Failedcause.php`) spells it `cb`, which is read
        /// as this variant too.
        CardChargeback = "cbk" | "cb",
        /// `ncc`: the card payment cannot be collected.
        CardNotCollectable = "ncc",
    }
}

wire_enum! {
    /// `reminderlevel`: the dunning level of the Collect module, sent with `txaction=reminder`.
    /// The values are those the updatereminder request sets.
    pub enum ReminderLevel {
        /// `1`: first dunning level.
        Level1 = "1",
        /// `2`: second dunning level.
        Level2 = "2",
        /// `3`: third dunning level.
        Level3 = "3",
        /// `4`: fourth dunning level.
        Level4 = "4",
        /// `5`: handed over to a debt collection agency.
        Encashment = "5",
        /// `A`: the dunning procedure has ended.
        Ended = "A",
        /// `S`: the dunning procedure starts (again).
        Started = "S",
        /// `M`: on the list of proposed reminders.
        DunningProposal = "M",
        /// `I`: on the list of proposed debt collection hand-overs.
        EncashmentProposal = "I",
    }
}

impl ReminderLevel {
    /// The dunning level 1 to 4, `None` for the other states.
    pub fn level(&self) -> Option<u8> {
        match self {
            ReminderLevel::Level1 => Some(1),
            ReminderLevel::Level2 => Some(2),
            ReminderLevel::Level3 => Some(3),
            ReminderLevel::Level4 => Some(4),
            _ => None,
        }
    }
}

/// `reasoncode`: why a notification is `pending` (notify version 7.6). The platform's
/// pending-notification flow names code 903, a timeout at the payment method's provider
/// (<https://docs.payone.com/pages/releaseview.action?pageId=1214661>); other codes are kept
/// as numbers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonCode {
    /// `903`: the provider of the payment method did not answer in time; the outcome follows.
    ProviderTimeout,
    /// Another numeric code.
    Code(u32),
    /// A value that is not a number, as received.
    Other(String),
}

impl ReasonCode {
    /// Reads a wire value.
    pub fn parse(s: &str) -> ReasonCode {
        match s.parse::<u32>() {
            Ok(903) => ReasonCode::ProviderTimeout,
            Ok(code) if s.bytes().all(|b| b.is_ascii_digit()) => ReasonCode::Code(code),
            _ => ReasonCode::Other(s.to_owned()),
        }
    }

    /// The numeric code, if the value is one.
    pub fn code(&self) -> Option<u32> {
        match self {
            ReasonCode::ProviderTimeout => Some(903),
            ReasonCode::Code(code) => Some(*code),
            ReasonCode::Other(_) => None,
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReasonCode::Other(other) => f.write_str(other),
            code => write!(f, "{}", code.code().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_values_are_typed_and_round_trip() {
        for v in ["completed", "pending"] {
            assert!(!matches!(
                TransactionStatus::parse(v),
                TransactionStatus::Other(_)
            ));
            assert_eq!(TransactionStatus::parse(v).as_str(), v);
        }
        for v in ["7.3", "7.4", "7.5", "7.6"] {
            assert!(!matches!(NotifyVersion::parse(v), NotifyVersion::Other(_)));
            assert_eq!(NotifyVersion::parse(v).to_string(), v);
        }
        let causes = [
            "soc", "cka", "uan", "ndd", "rcl", "obj", "ret", "nelv", "cbk", "ncc",
        ];
        for v in causes {
            assert!(
                !matches!(FailedCause::parse(v), FailedCause::Other(_)),
                "{v}"
            );
            assert_eq!(FailedCause::parse(v).as_str(), v);
        }
        for v in ["1", "2", "3", "4", "5", "A", "S", "M", "I"] {
            assert!(
                !matches!(ReminderLevel::parse(v), ReminderLevel::Other(_)),
                "{v}"
            );
            assert_eq!(ReminderLevel::parse(v).as_str(), v);
        }
    }

    #[test]
    fn unlisted_values_are_kept() {
        assert_eq!(
            TransactionStatus::parse("Completed"),
            TransactionStatus::Other("Completed".into())
        );
        assert_eq!(NotifyVersion::parse("8.0").as_str(), "8.0");
        assert_eq!(FailedCause::parse("xyz"), FailedCause::Other("xyz".into()));
        assert_eq!(FailedCause::parse("cb"), FailedCause::CardChargeback);
        assert_eq!(ReminderLevel::parse("6"), ReminderLevel::Other("6".into()));
        assert_eq!(ReminderLevel::parse("3").level(), Some(3));
        assert_eq!(ReminderLevel::parse("A").level(), None);
    }

    #[test]
    fn reason_codes() {
        assert_eq!(ReasonCode::parse("903"), ReasonCode::ProviderTimeout);
        assert_eq!(ReasonCode::parse("903").to_string(), "903");
        assert_eq!(ReasonCode::parse("12"), ReasonCode::Code(12));
        assert_eq!(ReasonCode::parse("12").code(), Some(12));
        assert_eq!(ReasonCode::parse("+12"), ReasonCode::Other("+12".into()));
        assert_eq!(ReasonCode::parse("x1").to_string(), "x1");
        assert_eq!(ReasonCode::parse("x1").code(), None);
    }
}
