//! `spec import` of the seed 004 layout: the golden test against spec/frontend.toml and
//! variations of the page.

use std::path::Path;

use payone_spec::import::{Overlay, import_frontend};
use payone_spec::model::{ParamSpec, SpecFile};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn seed() -> Option<String> {
    let path = Path::new(ROOT).join("../shared/seeds/004_b4c62a2bdee63cc8.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} is not there", path.display());
            None
        }
    }
}

fn overlay() -> Overlay {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/overlay/frontend.toml"))
        .expect("overlay");
    toml::from_str(&text).expect("overlay parses")
}

fn checked_in() -> SpecFile {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/frontend.toml")).expect("spec");
    toml::from_str(&text).expect("spec parses")
}

/// The columns the golden test compares.
fn key(p: &ParamSpec) -> String {
    let values: Vec<&str> = p.values.iter().map(|v| v.value.as_str()).collect();
    format!(
        "{} group={} required={:?} hash={} format={} symbols={:?} values={values:?}",
        p.name, p.group, p.required, p.hash, p.format, p.symbols
    )
}

#[test]
fn seed_004_with_the_overlay_reproduces_frontend_toml() {
    let Some(text) = seed() else { return };
    let imported = import_frontend(&text, &overlay()).expect("imports");
    let want = checked_in();
    let got: Vec<String> = imported.params.iter().map(key).collect();
    let want_rows: Vec<String> = want.params.iter().map(key).collect();
    let missing: Vec<&String> = want_rows.iter().filter(|r| !got.contains(r)).collect();
    let extra: Vec<&String> = got.iter().filter(|r| !want_rows.contains(r)).collect();
    insta::assert_snapshot!(format!(
        "rows imported: {}, rows checked in: {}\nchecked in, not reproduced:\n{}\nimported, not checked in:\n{}",
        got.len(),
        want_rows.len(),
        missing
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
    ));
    let ids = |f: &SpecFile| f.groups.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&imported), ids(&want));
}

#[test]
fn an_unknown_format_keyword_is_reported_with_its_line() {
    let page = "Common Parameter\n\nRequired\n\nUsedInHash\n\naid\n\n+\n\n+\n\nSub-Account ID\n\nFormat\n\nNUMERIC(5..6)\n\n\n\nfoo\n\n-\n\n-\n\nFormat\n\nWIDGET(3)\n";
    let errors = import_frontend(page, &Overlay::default()).expect_err("WIDGET is unknown");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 29);
    assert!(
        errors[0]
            .to_string()
            .starts_with("line 29: `foo`: format `WIDGET(3)`"),
        "{}",
        errors[0]
    );
}
