//! `spec import` of the seed 001 layout (Client API): the golden test against spec/client.toml
//! and variations of the page.

mod common;

use std::path::Path;

use payone_spec::import::{Overlay, import_client, read_client};
use payone_spec::model::SpecFile;

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn seed_001_with_the_overlay_reproduces_client_toml() {
    let text = common::seed("001_c9d32d3d00da9c41.txt");
    common::assert_reproduces(
        import_client(&text, &common::overlay("client")),
        &common::checked_in("client"),
    );
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
    let (rows, errors, _) = read_client(PAGE);
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
    // Without an overlay a LIST without readable values is recorded `unlisted` (a warning), but
    // a row without a format is still an error: the layout gives every row one.
    let errors = import_client(PAGE, &Overlay::default()).expect_err("incomplete");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["line 10: `aid`: no Format line (give `format` in the overlay)"]
    );
    // With an overlay, both are errors.
    let overlay: Overlay = toml::from_str("[[param]]\nname = \"mid\"\nrust = \"Mid\"\n").unwrap();
    let errors = import_client(PAGE, &overlay).expect_err("incomplete");
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

// Variations on small hand-written excerpts (tests/fixtures/import_client/), not on the seed.

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import_client");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture")
}

fn fixture_overlay() -> Overlay {
    toml::from_str(&fixture("overlay.toml")).expect("fixture overlay parses")
}

/// Each row by its main columns and its `source` (the overlay's added rows carry one).
fn rows(file: &SpecFile) -> Vec<String> {
    file.params
        .iter()
        .map(|p| format!("{} source={:?}", common::key(p), p.source))
        .collect()
}

fn shown<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[test]
fn the_base_excerpt_imports_every_row() {
    let imported = import_client(&fixture("base.txt"), &fixture_overlay()).expect("imports");
    insta::assert_snapshot!(rows(&imported.file).join("\n"), @r#"
    mid group=common required=Yes hash=false format=NUMERIC(5..6) symbols=None values=[] source=None
    aid group=common required=Yes hash=false format=NUMERIC(5..6) symbols=None values=[] source=None
    mode group=common required=Yes hash=false format=LIST symbols=None values=["live", "test"] source=None
    responsetype group=common required=Yes hash=false format=LIST symbols=None values=["JSON", "REDIRECT"] source=None
    cardpan group=creditcardcheck required=Yes hash=false format=NUMERIC(13..19) symbols=None values=[] source=None
    cardexpiredate group=creditcardcheck required=No hash=false format=NUMERIC(4) symbols=None values=[] source=None
    storecarddata group=creditcardcheck required=No hash=false format=LIST symbols=None values=["yes", "no"] source=None
    "#);
    let file = &imported.file;
    let groups: Vec<&str> = file.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["common", "creditcardcheck"]);
    assert!(file.params[4].sensitive);
    assert_eq!(file.params[4].doc.as_deref(), Some("Card number"));
    // The introductions under the headings are read past and reported.
    assert_eq!(
        shown(&imported.skipped),
        [
            "line 3-5: prose, not a table",
            "line 31: prose, not a table"
        ]
    );
}

#[test]
fn reordered_sections_give_the_same_rows_in_page_order() {
    let overlay = fixture_overlay();
    let base = import_client(&fixture("base.txt"), &overlay)
        .expect("imports")
        .file;
    let reordered = import_client(&fixture("reordered.txt"), &overlay)
        .expect("imports")
        .file;
    let base_rows = rows(&base);
    let got = rows(&reordered);
    // The credit card check first now; each section keeps its rows and their order.
    assert_eq!(got[..3], base_rows[4..]);
    assert_eq!(got[3..], base_rows[..4]);
    // Groups follow the overlay's order, not the page's.
    assert_eq!(base.groups, reordered.groups);
    let mut sorted = reordered.params.clone();
    sorted.sort_by_key(|p| p.group != "common");
    assert_eq!(sorted, base.params);
}

#[test]
fn extra_blank_lines_change_nothing() {
    let overlay = fixture_overlay();
    let base = import_client(&fixture("base.txt"), &overlay).expect("imports");
    let blank = import_client(&fixture("blank_lines.txt"), &overlay).expect("imports");
    assert_eq!(base.file, blank.file);
    // The same prose, at its new lines.
    assert_eq!(base.skipped.len(), blank.skipped.len());
}

#[test]
fn prose_under_a_heading_and_after_the_end_marker_is_reported() {
    let overlay = fixture_overlay();
    let base = import_client(&fixture("base.txt"), &overlay).expect("imports");
    let prose = import_client(&fixture("prose.txt"), &overlay).expect("imports");
    assert_eq!(prose.file, base.file);
    assert_eq!(
        shown(&prose.skipped),
        [
            "line 1-3: prose, not a table",
            "line 7-9: prose, not a table",
            "line 35-38: prose, not a table",
            "line 58-59: after the `---end` marker: not read",
        ]
    );
}

#[test]
fn a_format_line_between_a_heading_and_its_first_row_is_an_error() {
    let errors = import_client(&fixture("stray_format.txt"), &fixture_overlay())
        .expect_err("a row without its name");
    assert_eq!(
        shown(&errors),
        ["line 33: a Format line outside any row: a row without its name line?"]
    );
}

#[test]
fn an_unknown_format_keyword_in_an_excerpt_is_reported_with_its_line() {
    let errors = import_client(&fixture("unknown_format.txt"), &fixture_overlay())
        .expect_err("WIDGET is unknown");
    let text = shown(&errors);
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with("line 39: `cardexpiredate`: format `WIDGET(4)`"),
        "{text:?}"
    );
}
