//! Compile errors users see, pinned as trybuild `.stderr` files.

#[test]
fn compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
