//! A row's `checksum` (check digits a CHAR value must carry): what the loader refuses and how
//! `spec diff` rates adding or dropping one.

use std::path::Path;

use payone_spec::diff::{Impact, Kind, diff};
use payone_spec::load::Spec;

/// The diff fixtures' base table with `line` inserted after the row `name`'s format line.
fn with(name: &str, line: &str) -> Result<Spec, String> {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/base.toml"),
    )
    .expect("base fixture");
    let at = base.find(&format!("name = \"{name}\"")).expect("row");
    let format_end = at + base[at..].find("format = ").expect("format");
    let eol = format_end + base[format_end..].find('\n').expect("line end") + 1;
    let text = format!("{}{line}\n{}", &base[..eol], &base[eol..]);
    Spec::parse("checksum.toml", &text).map_err(|e| e.to_string())
}

#[test]
fn the_loader_takes_iban_on_char_rows_only() {
    assert!(with("reference", "checksum = \"iban\"").is_ok());
    let err = with("aid", "checksum = \"iban\"").unwrap_err();
    assert!(
        err.contains("`checksum` applies to CHAR formats only"),
        "{err}"
    );
    let err = with("reference", "checksum = \"luhn\"").unwrap_err();
    assert!(err.contains("checksum `luhn`"), "{err}");
}

#[test]
fn adding_check_digits_is_major_and_dropping_them_minor() {
    let plain = with("reference", "").unwrap();
    let checked = with("reference", "checksum = \"iban\"").unwrap();
    let added = diff(std::slice::from_ref(&plain), std::slice::from_ref(&checked));
    assert_eq!(added.changes.len(), 1, "{:?}", added.changes);
    assert_eq!(
        (added.changes[0].kind, added.changes[0].impact),
        (Kind::ChecksumChanged, Impact::Major)
    );
    let dropped = diff(&[checked], &[plain]);
    assert_eq!(
        (dropped.changes[0].kind, dropped.changes[0].impact),
        (Kind::ChecksumChanged, Impact::Minor)
    );
}
