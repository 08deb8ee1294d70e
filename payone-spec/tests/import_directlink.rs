//! `spec import` of the seed 002 layout (DirectLink): the golden test against
//! spec/directlink.toml and variations on hand-written excerpts (tests/fixtures/import_directlink/).

use std::path::Path;

use payone_spec::import::{Overlay, import_directlink};
use payone_spec::model::{ParamSpec, SpecFile};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn seed() -> Option<String> {
    let path = Path::new(ROOT).join("../shared/seeds/002_ab72de093d810b42.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} is not there", path.display());
            None
        }
    }
}

fn overlay() -> Overlay {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/overlay/directlink.toml"))
        .expect("overlay");
    toml::from_str(&text).expect("overlay parses")
}

fn checked_in() -> SpecFile {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/directlink.toml")).expect("spec");
    toml::from_str(&text).expect("spec parses")
}

/// The columns a failure shows first.
fn key(p: &ParamSpec) -> String {
    let values: Vec<&str> = p.values.iter().map(|v| v.value.as_str()).collect();
    format!(
        "{} group={} required={:?} hash={} format={} symbols={:?} values={values:?}",
        p.name, p.group, p.required, p.hash, p.format, p.symbols
    )
}

#[test]
fn seed_002_with_the_overlay_reproduces_directlink_toml() {
    let Some(text) = seed() else { return };
    let imported = match import_directlink(&text, &overlay()) {
        Ok(file) => file,
        Err(errors) => panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let want = checked_in();
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
    assert_eq!(imported, want);
}
