//! Cross-crate tests of the PAYONE bindings; the tests live in `tests/tests/`. This library
//! only holds the compiled copy of the generator's fixture output.

#[path = "../fixtures/generated/frontend.rs"]
#[allow(missing_docs)]
pub mod fixture;
