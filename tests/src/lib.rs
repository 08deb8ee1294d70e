//! Cross-crate tests of the PAYONE bindings; the tests live in `tests/tests/`. This library
//! only holds the compiled copy of the generator's fixture output.

/// The generator's output for `tests/fixtures/spec/frontend.toml`, compiled.
#[path = "../fixtures/generated/frontend.rs"]
#[rustfmt::skip]
#[allow(missing_docs, clippy::duplicated_attributes)]
pub mod fixture;

// The workspace README's example compiles as a doctest (`cargo test -p payone-tests --doc`), so
// it cannot rot. It lives in this test-only crate because a published crate cannot carry a file
// from outside its own directory.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
