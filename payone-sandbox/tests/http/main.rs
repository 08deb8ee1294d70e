//! End-to-end tests of the sandbox over loopback HTTP: raw form and JSON bodies with reqwest, raw TCP for
//! dropped connections. No PAYONE client is involved; `payone-types` only computes the
//! expected keys and hashes. One test binary with modules keeps linking cheap.

mod client_api;
mod common;
mod directlink;
mod faults;
mod frontend;
mod notifications;
mod server_api;
mod threeds;
mod typed;
mod v2;
