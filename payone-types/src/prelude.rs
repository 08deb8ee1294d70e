//! One import for code that uses several platforms side by side.
//!
//! A glob import of two platform modules (`generated::server::*` and `generated::frontend::*`)
//! clashes: both tables define `Amount`, `Currency`, `Reference`, `Preauthorization`, ... The
//! prelude brings the traits that put the methods in scope (`to_params`, `to_signed_params`,
//! `param_value`, ...) and the account and key types; the platforms are imported by module, so
//! the platform stays visible in every path:
//!
//! ```
//! use payone_types::generated::{frontend, server};
//! use payone_types::prelude::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let capture = server::Capture::builder()
//!     .txid(server::Txid::try_new("123456789")?)
//!     .sequencenumber(server::Sequencenumber::new("1"))
//!     .amount(server::Amount::new(2500))
//!     .currency(server::Currency::new("EUR"))
//!     .build()?;
//! let item = frontend::Item::builder()
//!     .it(frontend::It::Goods)
//!     .id(frontend::Id::new("SKU-1"))
//!     .pr(frontend::Pr::new(2500))
//!     .no(frontend::No::new(1))
//!     .de(frontend::De::new("Wanderschuhe"))
//!     .build();
//! let hosted = frontend::Authorization::builder()
//!     .clearingtype(frontend::Clearingtype::Cc(None))
//!     .items(vec![item])
//!     .reference(frontend::Reference::new("order-4711"))
//!     .amount(frontend::Amount::new(2500))
//!     .currency(frontend::Currency::new("EUR"))
//!     .build()?;
//! let account = Account::new(10001, 2000001, 10002, PortalKey::new("portal key"));
//! assert_eq!(capture.to_params(&account)?.get("request"), Some("capture"));
//! let signed = hosted.to_signed_params(&account, HashAlgorithm::HmacSha384)?;
//! assert_eq!(signed.get("request"), Some("authorization"));
//! # Ok(())
//! # }
//! ```

pub use crate::{
    Account, AccountParams, Charset, Country, Currency, Date, HashAlgorithm, Language, ParamValue,
    PortalKey, Request, Rule, Violation, Violations,
};

#[cfg(feature = "v2")]
pub use crate::json::{JsonObject, Operation};
