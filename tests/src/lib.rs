//! Cross-crate tests of the PAYONE bindings; the tests live in `tests/tests/`. This library
//! only holds the compiled copy of the generator's fixture output.

/// The generator's output for `tests/fixtures/spec/frontend.toml`, compiled.
#[path = "../fixtures/generated/frontend.rs"]
#[rustfmt::skip]
#[allow(missing_docs, clippy::duplicated_attributes)]
pub mod fixture;
