//! TransactionStatus notifications: PAYONE POSTs every change of a transaction to the
//! merchant's URL (form data, always ISO-8859-1) and sends it again until the answer is exactly
//! `TSOK`.
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
mod verify;

pub use amount::{AmountError, currency_exponent, to_minor_units};
pub use form::decode_latin1_form;
pub use parse::{DedupKey, Notification, NotificationError, TxAction};
pub use verify::{PAYONE_NETWORK, Verifier, VerifyError};

/// The answer PAYONE expects, exactly: no BOM, no HTML, nothing else.
pub const TSOK: &str = "TSOK";
