//! Typed, validated PAYONE requests generated from the parameter tables in `spec/`, with the
//! signing schemes of the Frontend, Client API and Server API.
//!
//! The request types are generated from the tables (`generated::frontend`, `client`, `server`);
//! required parameters are enforced by the compiler, the rest is checked when encoding:
//!
//! ```
//! use payone_types::generated::frontend::*;
//! use payone_types::{Account, HashAlgorithm, PortalKey, Request};
//!
//! const REFERENCE: Reference = Reference::new("order-4711"); // checked at compile time
//!
//! let item = Item::builder()
//!     .it(It::Goods)
//!     .id(Id::new("SKU-1"))
//!     .pr(Pr::new(1250))
//!     .no(No::new(2))
//!     .de(De::new("Wanderschuhe"))
//!     .build();
//! let request = Authorization::builder()
//!     .clearingtype(Clearingtype::Cc(None))
//!     .reference(REFERENCE)
//!     .amount(Amount::new(2500))
//!     .currency(Currency::new("EUR"))
//!     .items(vec![item])
//!     .build()?;
//! let account = Account::new(10001, 2000001, 10002, PortalKey::new("portal key"));
//! let params = request.to_signed_params(&account, HashAlgorithm::HmacSha384)?;
//! assert_eq!(params.get("reference"), Some("order-4711"));
//! assert_eq!(params.get("hash").map(str::len), Some(96));
//! # Ok::<(), payone_types::Violations>(())
//! ```

extern crate self as payone_types;

pub mod account;
pub mod charset;
pub mod check;
pub mod directlink;
pub mod dynamic;
pub mod gcs;
#[rustfmt::skip]
pub mod generated;
pub mod iso;
pub mod json;
pub mod params;
pub mod request;
pub mod rule;
pub mod sign;
pub mod value;

// The README's example compiles as a doctest, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use account::{Account, AccountParams, Mode};
pub use charset::Charset;
pub use iso::{Country, Currency, Language, LanguageAnyCase};
pub use params::{Param, Params};
pub use payone_derive::{
    PayoneChoice, PayoneGroup, PayoneList, PayoneObject, PayoneParam, PayoneRequest,
};
pub use payone_spec::natural::natural_cmp;
pub use request::{Api, Element, ParamInfo, Request, Required, Selector, WriteParams};
pub use rule::{Rule, Violation, Violations};
pub use sign::{HashAlgorithm, KeyDigest, PortalKey};
pub use value::{Date, ParamValue};
