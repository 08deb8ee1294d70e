//! What the golden tests of the three page layouts share: reading a seed (a missing one fails),
//! the checked-in table and overlay of an api, and the comparison of an import with the table.

#![allow(dead_code)] // each test binary uses its own part

use std::path::Path;

use payone_spec::import::{ImportError, Imported, Overlay};
use payone_spec::model::{ParamSpec, SpecFile};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The seed `file` of `../shared/seeds/`; panics when it is not there. Only a checkout with
/// `../shared` beside it has the seeds, so the golden tests that read one are
/// `#[ignore = "needs ../shared/seeds/; ..."]`: `cargo test -- --include-ignored` runs them (CI
/// does), and there a missing seed fails the test instead of letting it pass unrun.
pub fn seed(file: &str) -> String {
    let path = Path::new(ROOT).join("../shared/seeds").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; this golden test needs the page excerpts in ../shared/seeds/",
            path.display()
        )
    })
}

/// `spec/overlay/{api}.toml`.
pub fn overlay(api: &str) -> Overlay {
    let path = Path::new(ROOT).join(format!("spec/overlay/{api}.toml"));
    let text = std::fs::read_to_string(&path).expect("overlay");
    toml::from_str(&text).expect("overlay parses")
}

/// `spec/{api}.toml`.
pub fn checked_in(api: &str) -> SpecFile {
    let path = Path::new(ROOT).join(format!("spec/{api}.toml"));
    let text = std::fs::read_to_string(&path).expect("spec");
    toml::from_str(&text).expect("spec parses")
}

/// The columns a failure shows first.
pub fn key(p: &ParamSpec) -> String {
    let values: Vec<&str> = p.values.iter().map(|v| v.value.as_str()).collect();
    format!(
        "{} group={} required={:?} hash={} format={} symbols={:?} values={values:?}",
        p.name, p.group, p.required, p.hash, p.format, p.symbols
    )
}

/// Asserts that `imported` is exactly `want`: first the rows missing or extra by their main
/// columns, then their page order, then each row whole, then the whole file.
pub fn assert_reproduces(imported: Result<Imported, Vec<ImportError>>, want: &SpecFile) {
    let imported = match imported {
        Ok(imported) => imported.file,
        Err(errors) => panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let got: Vec<String> = imported.params.iter().map(key).collect();
    let want_rows: Vec<String> = want.params.iter().map(key).collect();
    let missing: Vec<&String> = want_rows.iter().filter(|r| !got.contains(r)).collect();
    let extra: Vec<&String> = got.iter().filter(|r| !want_rows.contains(r)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "checked in, not reproduced:\n{missing:#?}\nimported, not checked in:\n{extra:#?}"
    );
    assert_eq!(got, want_rows, "the rows in page order");
    for (g, w) in imported.params.iter().zip(&want.params) {
        assert_eq!(g, w, "row `{}` of group `{}`", w.name, w.group);
    }
    assert_eq!(imported.groups, want.groups);
    assert_eq!(imported.requests, want.requests);
    assert_eq!(imported.api, want.api);
    // Beyond the parts compared above: the whole file.
    assert_eq!(&imported, want);
}
