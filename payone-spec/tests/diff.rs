//! `spec diff` on crafted tables: each fixture of `tests/fixtures/diff/` changes `base.toml` in
//! one way (`all.toml`: every way at once); the snapshots hold the text with its semver impacts.

use std::path::Path;

use payone_spec::diff::{Effect, Impact, diff, render_text};
use payone_spec::load::{Spec, load_embedded};

fn fixture(name: &str) -> Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    Spec::parse(name, &text).expect("fixture parses")
}

fn text(name: &str) -> String {
    text_between("base", name)
}

fn text_between(old: &str, new: &str) -> String {
    render_text(&diff(&[fixture(old)], &[fixture(new)])).join("\n")
}

#[test]
fn each_kind_of_change_with_its_impact() {
    for name in [
        "added_required",
        "added_optional",
        "removed",
        "format",
        "format_narrowed",
        "format_type",
        "format_integer_type",
        "format_numeric_widened",
        "format_rewritten",
        "symbols",
        "symbols_added",
        "required_to_optional",
        "optional_to_required",
        "optional_to_conditional",
        "hash",
        "value_added",
        "value_removed",
        "repeat",
        "doc",
        "rust_renamed",
        "sensitive",
        "account",
        "notes",
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

#[test]
fn directlink_formats_widen_narrow_or_change_type() {
    let d = diff(&[fixture("directlink_old")], &[fixture("directlink_new")]);
    insta::assert_snapshot!("directlink_formats", render_text(&d).join("\n"));
    let effects: Vec<(Option<&str>, Option<Effect>)> = d
        .changes
        .iter()
        .map(|c| (c.param.as_deref(), c.effect))
        .collect();
    assert_eq!(
        effects,
        [
            (Some("ORDERID"), Some(Effect::Widens)),
            (Some("REMOTE_ADDR"), Some(Effect::Narrows)),
            (Some("RTIMEOUT"), Some(Effect::Narrows)),
            (Some("AMOUNT"), Some(Effect::ChangesType)),
            (Some("CVC"), Some(Effect::Narrows)),
            (Some("OWNERTELNO"), Some(Effect::Rewritten)),
        ]
    );
    assert_eq!(d.impact, Some(Impact::Major));
    // Widening alone is minor; a rewrite alone is a patch.
    let widened = diff(&[fixture("base")], &[fixture("format")]);
    assert_eq!(widened.impact, Some(Impact::Minor));
    let rewritten = diff(&[fixture("base")], &[fixture("format_rewritten")]);
    assert_eq!(rewritten.impact, Some(Impact::Patch));
}

#[test]
fn turning_redaction_off_is_a_patch_flagged_for_security_review() {
    // sensitive.toml the old table now: customerid's values are no longer redacted.
    insta::assert_snapshot!("sensitive_off", text_between("sensitive", "base"));
    let off = diff(&[fixture("sensitive")], &[fixture("base")]);
    assert_eq!(off.impact, Some(Impact::Patch));
    assert!(off.changes.iter().all(|c| c.security));
    insta::assert_snapshot!(
        "sensitive_off_json",
        serde_json::to_string_pretty(&off).expect("JSON")
    );
    // Turning it on is a patch with nothing to review.
    let on = diff(&[fixture("base")], &[fixture("sensitive")]);
    assert_eq!(on.impact, Some(Impact::Patch));
    assert!(on.changes.iter().all(|c| !c.security));
}

#[test]
fn generated_names_and_account_are_major_docs_a_patch() {
    for (name, impact) in [
        ("rust_renamed", Impact::Major),
        ("account", Impact::Major),
        ("notes", Impact::Patch),
    ] {
        let d = diff(&[fixture("base")], &[fixture(name)]);
        assert_eq!(d.impact, Some(impact), "{name}");
        // The reverse change has the same impact.
        let back = diff(&[fixture(name)], &[fixture("base")]);
        assert_eq!(back.impact, Some(impact), "{name} reversed");
    }
    insta::assert_snapshot!("account_reversed", text_between("account", "base"));
}
