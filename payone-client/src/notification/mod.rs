//! TransactionStatus notifications: PAYONE POSTs every change of a transaction to the
//! merchant's URL (form data, always ISO-8859-1) and sends it again until the answer is exactly
//! `TSOK`.
//!
//! [`Notification`] types the fields every notification carries, and the fields of particular
//! txactions and payment methods: [`transaction_status`](Notification::transaction_status) and
//! [`notify_version`](Notification::notify_version), [`failedcause`](Notification::failedcause)
//! of `failed`, [`reminderlevel`](Notification::reminderlevel) of `reminder`, the invoice of
//! `invoice`, the [`clearing`](Notification::clearing) instructions of prepayment and invoice,
//! the SEPA mandate, and the card, bank account and access fields. The value lists follow
//! "Parameter for the TransactionStatus query"
//! (<https://docs.payone.com/display/public/PLATFORM/Parameter+for+the+TransactionStatus+query>);
//! a value not listed is kept as `Other`, and every field stays readable with
//! [`Notification::get`].
//!
//! ```
//! use payone_client::notification::{Notification, TSOK, Verifier};
//! use payone_types::PortalKey;
//!
//! let key = PortalKey::new("portal key");
//! let verifier = Verifier::new(&key, 2000001, 10002);
//! // key = md5("portal key")
//! let body = b"key=8a8c32a86164a63a6d48ca6c8cefa1de&txaction=paid&portalid=2000001&aid=10002&txid=1&sequencenumber=2";
//! let notification = Notification::parse(body)?;
//! verifier.verify(&notification, "185.60.20.1".parse()?, None)?;
//! // Store it under its dedup key (PAYONE may send it again), then answer TSOK.
//! assert_eq!(notification.dedup_key().to_string(), "1/2/paid");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
#[cfg(feature = "axum")]
pub mod axum;
mod form;
mod parse;
mod values;
mod verify;

pub use amount::{AmountError, currency_exponent, to_minor_units};
pub use form::decode_latin1_form;
pub use parse::{DedupKey, Notification, NotificationError, TxAction};
pub use values::{FailedCause, NotifyVersion, ReasonCode, ReminderLevel, TransactionStatus};
pub use verify::{PAYONE_NETWORK, Verifier, VerifyError};

/// The `clearing_*` payment instructions, also reachable as `payone_client::answer::Clearing`.
pub use crate::clearing::Clearing;

/// The answer PAYONE expects, exactly: no BOM, no HTML, nothing else.
pub const TSOK: &str = "TSOK";
