//! Fuzz entry points for the parsers and verifiers of the PAYONE crates.
//!
//! Each public function takes the fuzzer's bytes, runs one parser and checks properties of its
//! result. It panics only when a property is violated, never because the input is odd: every
//! byte sequence is a valid input. The cargo-fuzz targets under `fuzz/` call these functions,
//! and `tests/regressions.rs` runs every stored input through them on stable Rust.
//!
//! Inputs that need structure (a signed feedback, a signed webhook) are derived from the bytes
//! deterministically with [`Bytes`], so that a crashing input replays exactly.

mod bytes;
mod client_api_answer;
mod directlink;
mod notification;
mod server_answer;
mod spec_import;
mod v2;
mod validate;

pub use bytes::Bytes;
pub use client_api_answer::client_api_answer;
pub use directlink::{directlink_feedback, directlink_xml};
pub use notification::notification;
pub use server_answer::server_answer;
pub use spec_import::spec_import;
pub use v2::{gcs, v2_json, v2_webhook};
pub use validate::validate;

/// A target's function.
pub type Target = fn(&[u8]);

/// Every target: its name (the directory name under `fuzz/corpus/` and `fuzz/regressions/`,
/// and the name of the cargo-fuzz target) and its function.
pub const TARGETS: &[(&str, Target)] = &[
    ("server_answer", server_answer),
    ("client_api_answer", client_api_answer),
    ("notification", notification),
    ("directlink_xml", directlink_xml),
    ("directlink_feedback", directlink_feedback),
    ("v2_json", v2_json),
    ("v2_webhook", v2_webhook),
    ("gcs", gcs),
    ("validate", validate),
    ("spec_import", spec_import),
];
