//! Parameter tables of the PAYONE APIs: model, format grammar, code generator and spec tools.
//!
//! Without the default `tables` feature only the dependency-free [`format`](mod@format) grammar and
//! [`natural`] order are built; `payone-derive` uses them at compile time.

pub mod format;
pub mod natural;

#[cfg(feature = "tables")]
pub mod diff;
#[cfg(feature = "tables")]
pub mod generate;
#[cfg(feature = "tables")]
pub mod import;
#[cfg(feature = "tables")]
pub mod list;
#[cfg(feature = "tables")]
pub mod load;
#[cfg(feature = "tables")]
pub mod model;
#[cfg(feature = "tables")]
pub mod objects;
