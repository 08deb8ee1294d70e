#![doc = include_str!("../README.md")]

extern crate self as payone_types;

pub mod account;
pub mod charset;
pub mod check;
pub mod condition;
#[cfg(feature = "directlink")]
pub mod directlink;
pub mod dynamic;
#[cfg(feature = "v2")]
pub mod gcs;
#[rustfmt::skip]
pub mod generated;
pub mod iso;
#[cfg(feature = "v2")]
pub mod json;
pub mod params;
pub mod prelude;
pub mod request;
pub mod rule;
pub mod sign;
pub mod value;

pub use account::{Account, AccountParams, Mode};
pub use charset::Charset;
pub use condition::Condition;
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
