//! `spec import` of the seed 001 layout (Client API): the golden test against spec/client.toml
//! and variations of the page.

use std::path::Path;

use payone_spec::import::{Overlay, import_client, read_client};
use payone_spec::model::{ParamSpec, SpecFile};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn seed() -> Option<String> {
    let path = Path::new(ROOT).join("../shared/seeds/001_c9d32d3d00da9c41.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} is not there", path.display());
            None
        }
    }
}

fn overlay() -> Overlay {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("spec/overlay/client.toml")).expect("overlay");
    toml::from_str(&text).expect("overlay parses")
}

fn checked_in() -> SpecFile {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/client.toml")).expect("spec");
    toml::from_str(&text).expect("spec parses")
}

/// The columns the golden test compares.
fn key(p: &ParamSpec) -> String {
    let values: Vec<&str> = p.values.iter().map(|v| v.value.as_str()).collect();
    format!(
        "{} group={} required={:?} hash={} format={} symbols={:?} values={values:?} source={:?}",
        p.name, p.group, p.required, p.hash, p.format, p.symbols, p.source
    )
}

#[test]
fn seed_001_with_the_overlay_reproduces_client_toml() {
    let Some(text) = seed() else { return };
    let imported = import_client(&text, &overlay()).expect("imports");
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
    // Beyond the compared columns the whole file is the checked-in one.
    assert_eq!(imported.params, want.params);
    assert_eq!(imported.groups, want.groups);
    assert_eq!(imported.requests, want.requests);
    assert_eq!(imported.api, want.api);
}

/// An excerpt of the seed 001 layout.
const PAGE: &str = "\
Standard parameter

The following parameters are mandatory for each request:

Account Parameters
mid
required
Format NUMERIC(5..6)
Merchant ID, defined by PAYONE
aid
required
your subaccount ID
mode
required
Format: LIST
Value Comment
live Live mode.
test Simulated
Mode for transactions
responsetype
required
Format LIST

- JSON

- REDIRECT

---end
";

#[test]
fn the_excerpt_reads_every_row() {
    let (rows, errors) = read_client(PAGE);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["mid", "aid", "mode", "responsetype"]);
    assert!(rows.iter().all(|r| r.heading == "Standard parameter"));
    assert_eq!(rows[0].format, Some((8, "NUMERIC(5..6)".to_owned())));
    assert_eq!(rows[0].doc, ["Merchant ID, defined by PAYONE"]);
    assert_eq!(rows[1].format, None);
    assert_eq!(rows[2].format, Some((15, "LIST".to_owned())));
    assert_eq!(
        rows[2].rest.len(),
        4,
        "the value table is kept, not guessed"
    );
    let values: Vec<&str> = rows[3].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["JSON", "REDIRECT"]);
}

#[test]
fn what_the_page_does_not_say_is_reported_with_its_line() {
    let errors = import_client(PAGE, &Overlay::default()).expect_err("incomplete");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 10: `aid`: no Format line (give `format` in the overlay)",
            "line 15: `mode`: LIST values are not machine-readable in this export; give `values`, `values_from` or `unlisted` in the overlay",
        ]
    );
}

#[test]
fn a_truncated_row_and_an_unknown_format_are_reported_with_their_lines() {
    let page = PAGE
        .replace("aid\nrequired\n", "aid\n")
        .replace(
            "your subaccount ID",
            "Format NUMERIC(5)\nyour subaccount ID",
        )
        .replace("NUMERIC(5..6)", "NUMBER(5..6)");
    let errors = import_client(&page, &Overlay::default()).expect_err("unreadable");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(shown[0].split(':').next(), Some("line 8"), "{shown:?}");
    assert!(shown[0].contains("NUMBER(5..6)"), "{shown:?}");
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("line 10: `aid` has no required/optional line")),
        "{shown:?}"
    );
}
