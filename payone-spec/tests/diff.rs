//! `spec diff` on crafted tables: each fixture of `tests/fixtures/diff/` changes `base.toml` in
//! one way (`all.toml`: every way at once); the snapshots hold the text with its semver impacts.

use std::path::Path;

use payone_spec::diff::{Impact, diff, render_text};
use payone_spec::load::{Spec, load_embedded};

fn fixture(name: &str) -> Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    Spec::parse(name, &text).expect("fixture parses")
}

fn text(name: &str) -> String {
    render_text(&diff(&[fixture("base")], &[fixture(name)])).join("\n")
}

#[test]
fn each_kind_of_change_with_its_impact() {
    for name in [
        "added_required",
        "added_optional",
        "removed",
        "format",
        "symbols",
        "required_to_optional",
        "optional_to_required",
        "optional_to_conditional",
        "hash",
        "value_added",
        "value_removed",
        "doc",
        "all",
    ] {
        insta::assert_snapshot!(name, text(name));
    }
}

#[test]
fn identical_tables_have_no_changes() {
    let d = diff(&[fixture("base")], &[fixture("base")]);
    assert!(d.changes.is_empty());
    assert_eq!(d.impact, None);
    assert_eq!(render_text(&d), ["no changes"]);
    let embedded = load_embedded().expect("embedded tables");
    assert!(diff(&embedded, &embedded).changes.is_empty());
}

#[test]
fn an_api_added_is_minor_and_removed_is_major() {
    let d = diff(&[], &[fixture("base")]);
    assert_eq!(d.impact, Some(Impact::Minor));
    let d = diff(&[fixture("base")], &[]);
    assert_eq!(d.impact, Some(Impact::Major));
    assert_eq!(
        render_text(&d),
        [
            "major\tfrontend\tapi removed (its request types disappear)",
            "1 change: 1 major, 0 minor, 0 patch; overall impact: major"
        ]
    );
}
