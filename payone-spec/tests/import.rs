//! `spec import` of the seed 004 layout: the golden test against spec/frontend.toml and
//! variations of the page.

mod common;

use std::path::Path;

use payone_spec::import::{Overlay, import_frontend};
use payone_spec::model::SpecFile;

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn seed_004_with_the_overlay_reproduces_frontend_toml() {
    let text = common::seed("004_b4c62a2bdee63cc8.txt");
    common::assert_reproduces(
        import_frontend(&text, &common::overlay("frontend")),
        &common::checked_in("frontend"),
    );
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

// Variations on small hand-written excerpts (tests/fixtures/import/), not on the seeds.

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture")
}

fn fixture_overlay() -> Overlay {
    toml::from_str(&fixture("overlay.toml")).expect("fixture overlay parses")
}

fn rows(file: &SpecFile) -> Vec<String> {
    file.params.iter().map(common::key).collect()
}

#[test]
fn the_base_excerpt_imports_every_row() {
    let file = import_frontend(&fixture("base.txt"), &fixture_overlay())
        .expect("imports")
        .file;
    insta::assert_snapshot!(rows(&file).join("\n"), @r#"
    aid group=common required=Yes hash=true format=NUMERIC(5..6) symbols=None values=[]
    mode group=common required=Yes hash=true format=LIST symbols=None values=["live", "test"]
    hash group=common required=Yes hash=false format=CHAR(1..96) lowercase symbols=Some("[0-9,a-z]") values=[]
    firstname group=personal required=No hash=false format=CHAR(1..50) symbols=Some("[0-9][A-Z][a-z]") values=[]
    lastname group=personal required=No hash=false format=CHAR(1..50) symbols=None values=[]
    bankcountry group=personal required=Yes hash=false format=LIST symbols=None values=[]
    zip group=personal required=Conditional hash=false format=CHAR(2..10) symbols=None values=[]
    "#);
    let groups: Vec<&str> = file.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["common", "personal"]);
    // The hash row (its UsedInHash cell a no-break space) keeps its own symbols; the LIST row
    // above it gets none.
    assert_eq!(file.params[1].symbols, None);
    assert_eq!(
        file.params[5].values_from.as_deref(),
        Some("ISO 3166-1 alpha-2")
    );
    assert_eq!(
        file.params[4].doc.as_deref(),
        Some("Last name of customer (a row the page does not have)")
    );
    // Its value table runs value and comment together: kept as notes, values from the overlay.
    assert_eq!(
        file.params[1].notes,
        ["ValueComment", "livelive mode", "testtest mode"]
    );
}

#[test]
fn a_two_column_value_table_is_read_into_values() {
    let page = "Common Parameter\n\nRequired\n\nUsedInHash\n\nautosubmit\n\n-\n\n+\n\nSubmit at once?\n\nFormat\n\nLIST \n\nValueComment\n\nno\n\nNo auto-submit (default)\n\nyes\n\nPayment is executed immediately.\n\nAll payment data must be transmitted.\n\nmaybe\n";
    // A LIST row without a table after it still needs its values from the overlay, when there
    // is one.
    let with_mode = format!("{page}\nmode\n\n+\n\n+\n\nFormat\n\nLIST\n");
    let overlay: Overlay =
        toml::from_str("[[param]]\nname = \"autosubmit\"\nrust = \"Autosubmit\"\n").unwrap();
    let errors = import_frontend(&with_mode, &overlay).expect_err("mode has no values");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 41: `mode`: LIST values are not machine-readable in this export; give `values`, `values_from` or `unlisted` in the overlay"
        ]
    );
    // Without an overlay the page imports: the row is recorded `unlisted`, with a warning.
    let imported = import_frontend(&with_mode, &Overlay::default()).expect("imports");
    let mode = &imported.file.params[1];
    assert_eq!((mode.name.as_str(), mode.unlisted), ("mode", true));
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 41: `mode`: LIST values are not machine-readable in this export; recorded as `unlisted = true` (an overlay gives `values`)"
        ]
    );
    let file = import_frontend(page, &Overlay::default())
        .expect("imports")
        .file;
    let p = &file.params[0];
    let values: Vec<(&str, Option<&str>, Option<&str>)> = p
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.doc.as_deref(), v.note.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("no", Some("No auto-submit (default)"), None),
            (
                "yes",
                Some("Payment is executed immediately."),
                Some("All payment data must be transmitted.")
            ),
            ("maybe", None, None),
        ]
    );
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn reordered_sections_give_the_same_rows_in_page_order() {
    let overlay = fixture_overlay();
    let base = import_frontend(&fixture("base.txt"), &overlay)
        .expect("imports")
        .file;
    let reordered = import_frontend(&fixture("reordered.txt"), &overlay)
        .expect("imports")
        .file;
    let base_rows = rows(&base);
    let got = rows(&reordered);
    // Personal data first now; each section keeps its rows and their order.
    assert_eq!(got[..4], base_rows[3..]);
    assert_eq!(got[4..], base_rows[..3]);
    // Groups follow the overlay's order, not the page's.
    assert_eq!(base.groups, reordered.groups);
}

#[test]
fn extra_blank_lines_change_nothing() {
    let overlay = fixture_overlay();
    let base = import_frontend(&fixture("base.txt"), &overlay)
        .expect("imports")
        .file;
    let blank = import_frontend(&fixture("blank_lines.txt"), &overlay)
        .expect("imports")
        .file;
    assert_eq!(base, blank);
}

#[test]
fn an_unknown_format_keyword_in_an_excerpt_is_reported_with_its_line() {
    let errors = import_frontend(&fixture("unknown_format.txt"), &fixture_overlay())
        .expect_err("WIDGET is unknown");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with("line 90: `zip`: format `WIDGET(3)`"),
        "{text:?}"
    );
}

#[test]
fn a_truncated_row_is_reported_with_its_line() {
    // `firstname` lost its Required and UsedInHash lines (line 56); the overlay's `lastname`
    // (added after `firstname`) has nothing to follow then.
    let errors = import_frontend(&fixture("truncated.txt"), &fixture_overlay())
        .expect_err("firstname has no markers");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "overlay: [[param]] `lastname` with `add = true`: group `personal` has no row `firstname`",
            "line 56: `firstname` has no Required/UsedInHash markers (a truncated row: its Format line follows at line 61)",
        ]
    );
}

#[test]
fn overlay_rows_that_match_nothing_or_lack_columns_are_reported() {
    let mut overlay = fixture_overlay();
    let mut typo = overlay.params[0].clone();
    typo.name = "mdoe".into();
    overlay.params.push(typo);
    let mut added = overlay.params[2].clone();
    added.name = "middlename".into();
    added.format = None;
    overlay.params.push(added);
    let mut misplaced = overlay.params[2].clone();
    misplaced.name = "title".into();
    misplaced.after = Some("nosuchrow".into());
    overlay.params.push(misplaced);
    let errors = import_frontend(&fixture("base.txt"), &overlay).expect_err("two problems");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "overlay: [[param]] `middlename` with `add = true` needs format",
            "overlay: [[param]] `title` with `add = true`: group `personal` has no row `nosuchrow`",
        ]
    );
}

#[test]
fn an_overlay_row_the_page_lacks_is_a_warning() {
    let mut overlay = fixture_overlay();
    let mut typo = overlay.params[0].clone();
    typo.name = "mdoe".into();
    overlay.params.push(typo);
    let imported = import_frontend(&fixture("base.txt"), &overlay).expect("imports");
    let plain = import_frontend(&fixture("base.txt"), &fixture_overlay()).expect("imports");
    assert_eq!(imported.file, plain.file);
    let text: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        ["overlay: [[param]] `mdoe`: no such row on the page (`add = true` adds one)"]
    );
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
}

#[test]
fn prose_around_the_tables_is_reported_as_skipped_lines() {
    let overlay = fixture_overlay();
    let base = import_frontend(&fixture("base.txt"), &overlay).expect("imports");
    let prose = import_frontend(&fixture("prose.txt"), &overlay).expect("imports");
    // The rows are the same; the prose before the first heading and between a heading and its
    // first row is read past, and each range is reported.
    assert_eq!(prose.file, base.file);
    assert!(base.skipped.is_empty(), "{:?}", base.skipped);
    let shown: Vec<String> = prose.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 1-3: prose, not a table",
            "line 60-61: prose, not a table"
        ]
    );
}

#[test]
fn a_row_without_markers_or_format_is_an_error_not_a_note() {
    // `customerid` (line 54) follows the hash row, `firstname` (line 60) its heading; neither
    // has its marker lines or a Format line, so each would have passed for prose.
    let errors = import_frontend(&fixture("lost_markers.txt"), &fixture_overlay())
        .expect_err("two rows lost their markers");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "overlay: [[param]] `lastname` with `add = true`: group `personal` has no row `firstname`",
            "line 54: `customerid` stands alone among prose or a row's notes: a row without its Required/UsedInHash markers and Format line?",
            "line 60: `firstname` stands alone among prose or a row's notes: a row without its Required/UsedInHash markers and Format line?",
        ]
    );
}
