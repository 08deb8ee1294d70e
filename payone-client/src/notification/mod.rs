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
//! let body = b"key=43e2b0e1f4e08b37ed2b3e8a9c1a8c31&txaction=paid&portalid=2000001&aid=10002&txid=1&sequencenumber=2";
//! let notification = Notification::parse(body)?;
//! if verifier.verify(&notification, "185.60.20.1".parse()?, None).is_ok() {
//!     // store it under notification.dedup_key(), then answer TSOK
//! }
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
