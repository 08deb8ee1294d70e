//! Typed, validated PAYONE requests generated from the parameter tables in `spec/`, with the
//! signing schemes of the Frontend, Client API and Server API.
//!
//! ```
//! use payone_types::generated::frontend::{Authorization, Clearing, Item, Reference};
//! ```

extern crate self as payone_types;

pub mod account;
pub mod charset;
pub mod check;
pub mod dynamic;
pub mod generated;
pub mod iso;
pub mod params;
pub mod request;
pub mod rule;
pub mod sign;
pub mod value;

pub use account::{Account, Mode};
pub use charset::Charset;
pub use iso::{Country, Currency, Language};
pub use params::{Param, Params};
pub use payone_derive::{PayoneChoice, PayoneGroup, PayoneList, PayoneParam, PayoneRequest};
pub use payone_spec::natural::natural_cmp;
pub use request::{Api, Element, ParamInfo, Request, Required, Selector, WriteParams};
pub use rule::{Rule, Violation, Violations};
pub use sign::{HashAlgorithm, KeyDigest, PortalKey};
pub use value::{Date, ParamValue};
