//! `spec import` of the seed 002 layout (DirectLink): the golden test against
//! spec/directlink.toml and variations on hand-written excerpts (tests/fixtures/import_directlink/).

mod common;

use std::path::Path;

use payone_spec::import::{Overlay, import_directlink};
use payone_spec::model::SpecFile;

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn seed_002_with_the_overlay_reproduces_directlink_toml() {
    let text = common::seed("002_ab72de093d810b42.txt");
    common::assert_reproduces(
        import_directlink(&text, &common::overlay("directlink")),
        &common::checked_in("directlink"),
    );
}

// Variations on small hand-written excerpts, not on the seed.

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import_directlink"
);

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture")
}

fn fixture_overlay() -> Overlay {
    toml::from_str(&fixture("overlay.toml")).expect("fixture overlay parses")
}

fn shown(errors: &[payone_spec::import::ImportError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn rows(file: &SpecFile) -> Vec<String> {
    file.params.iter().map(common::key).collect()
}

#[test]
fn the_base_excerpt_imports_every_layout() {
    let file = import_directlink(&fixture("base.txt"), &fixture_overlay())
        .expect("imports")
        .file;
    insta::assert_snapshot!(rows(&file).join("\n"), @r#"
    PSPID group=account required=Yes hash=true format=AN, 30 symbols=None values=[]
    ORDERID group=new_order required=Yes hash=true format=AN, 40 symbols=None values=[]
    AMOUNT group=new_order required=Yes hash=true format=N, 15 symbols=None values=[]
    COM group=new_order required=No hash=true format=TEXT symbols=None values=[]
    OPERATION group=new_order required=Yes hash=true format=LIST symbols=None values=[]
    RTIMEOUT group=new_order required=No hash=true format=N, 2 symbols=None values=[]
    LANGUAGE group=privacy_policy required=No hash=true format=LIST symbols=None values=[]
    PM group=payment_method required=Conditional hash=true format=LIST symbols=None values=["Direct Debits DE", "Direct Debits NL"]
    CN group=direct_debits_nl required=Yes hash=true format=AN, 35 symbols=None values=[]
    ED group=direct_debits_nl required=Yes hash=true format=LIST symbols=None values=["99/99", "9999"]
    MANDATEID group=direct_debits_nl required=No hash=true format=AN, 35 symbols=None values=[]
    CN group=direct_debits_de required=Yes hash=true format=AN, 35 symbols=None values=[]
    OWNERZIP group=direct_debits_de required=No hash=true format=AN, 10 symbols=None values=[]
    "#);
    let groups: Vec<&str> = file.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        groups,
        [
            "account",
            "new_order",
            "privacy_policy",
            "payment_method",
            "direct_debits_de",
            "direct_debits_nl"
        ]
    );
    let row = |name: &str, group: &str| {
        file.params
            .iter()
            .find(|p| p.name == name && p.group == group)
            .expect("row")
    };
    // A description over two lines, its Format line the second.
    assert_eq!(
        row("OPERATION", "new_order").doc.as_deref(),
        Some("Bestimmt den Typ der angefragten Transaktion. Mögliche Werte:")
    );
    // `Optional:` before the description, a `•` bullet after it.
    let language = row("LANGUAGE", "privacy_policy");
    assert_eq!(
        language.doc.as_deref(),
        Some("Die Sprache, in der Sie den Text erhalten möchten.")
    );
    assert_eq!(
        language.notes,
        ["Wird keine Sprache übermittelt, gilt die des Händlers"]
    );
    // The text after a Format/Wert cell's format, and the spanning row above the rows it
    // introduces.
    assert_eq!(
        row("MANDATEID", "direct_debits_nl").notes,
        [
            "Nur relevant für SEPA-Transaktionen (*):",
            "Keine Leerzeichen."
        ]
    );
    assert_eq!(
        row("RTIMEOUT", "new_order").range.as_deref(),
        Some("30..90")
    );
}

#[test]
fn reordered_sections_give_the_same_rows_in_page_order() {
    let overlay = fixture_overlay();
    let base = import_directlink(&fixture("base.txt"), &overlay)
        .expect("imports")
        .file;
    let reordered = import_directlink(&fixture("reordered.txt"), &overlay)
        .expect("imports")
        .file;
    let base_rows = rows(&base);
    let got = rows(&reordered);
    // 8.1.2, 7.1.2, 3.2, 8.1.3 now; each table keeps its rows and their order. The overlay's
    // PM row goes before the first row of a group after its own: before 8.1.2's rows now.
    assert_eq!(got[..1], base_rows[7..8]);
    assert_eq!(got[1..3], base_rows[11..]);
    assert_eq!(got[3..4], base_rows[6..7]);
    assert_eq!(got[4..10], base_rows[..6]);
    assert_eq!(got[10..], base_rows[8..11]);
    // Groups follow the overlay's order, not the page's.
    assert_eq!(base.groups, reordered.groups);
}

#[test]
fn extra_blank_lines_change_nothing() {
    let overlay = fixture_overlay();
    let base = import_directlink(&fixture("base.txt"), &overlay)
        .expect("imports")
        .file;
    let blank = import_directlink(&fixture("blank_lines.txt"), &overlay)
        .expect("imports")
        .file;
    assert_eq!(base, blank);
}

#[test]
fn an_unknown_format_keyword_is_reported_with_its_line() {
    let errors = import_directlink(&fixture("unknown_format.txt"), &fixture_overlay())
        .expect_err("WIDGET is unknown");
    let text = shown(&errors);
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with("line 12: `AMOUNT`: format `WIDGET(3)`: unknown format keyword"),
        "{text:?}"
    );
}

#[test]
fn a_row_without_a_name_cell_is_reported_until_the_overlay_names_it() {
    let page = fixture("nameless.txt");
    let errors = import_directlink(&page, &fixture_overlay()).expect_err("no name");
    assert_eq!(
        shown(&errors),
        [
            "line 15: a row without a name cell (`E-Mail-Adresse des Kunden. Wenn Sie 3DSv…`) (name it in the overlay: [[param]] with `name` and `unnamed_after = \"COM\"`)"
        ]
    );
    let mut overlay = fixture_overlay();
    overlay.params.push(
        toml::from_str(
            r#"
            name = "EMAIL"
            unnamed_after = "COM"
            required = "no"
            format = "TEXT"
            "#,
        )
        .expect("overlay row"),
    );
    let file = import_directlink(&page, &overlay)
        .expect("named by the overlay")
        .file;
    let email = &file.params[4];
    assert_eq!(file.params[3].name, "COM");
    assert_eq!(
        (email.name.as_str(), email.group.as_str()),
        ("EMAIL", "new_order")
    );
    assert_eq!(
        email.doc.as_deref(),
        Some(
            "E-Mail-Adresse des Kunden. Wenn Sie 3DSv2.1 anfragen, sorgen Sie für ein korrektes Format."
        )
    );
}

#[test]
fn a_name_cell_broken_by_a_line_break_needs_page_name() {
    let page = fixture("base.txt").replace("ORDERID |", "ORDER_ ID |");
    let errors = import_directlink(&page, &fixture_overlay()).expect_err("not a wire name");
    assert_eq!(
        shown(&errors),
        [
            "line 9: `ORDER_ ID` is not a parameter name (a line break in the name cell?); give the wire name in the overlay with `page_name = \"ORDER_ ID\"`"
        ]
    );
}

#[test]
fn what_the_page_does_not_say_is_reported_with_its_line() {
    // Without the overlay: the rows without a marker, the formats the grammar does not know,
    // and the response table, which only the overlay skips.
    let errors =
        import_directlink(&fixture("base.txt"), &Overlay::default()).expect_err("incomplete");
    insta::assert_snapshot!(shown(&errors).join("\n"), @r#"
    line 13: `COM`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 13: `COM`: no Format line (give `format` in the overlay)
    line 17: `OPERATION`: format `A, 3`: unknown format `A, 3`: expected NUMERIC(..), CHAR(..), DATE(8), LIST or TEXT
    line 26: `amount`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 26: `amount`: no Format line (give `format` in the overlay)
    line 28: `STATUS`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 28: `STATUS`: no Format line (give `format` in the overlay)
    line 33: `PSPID`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 34: `PSPID`: format `Zeichenfolge`: unknown format `Zeichenfolge`: expected NUMERIC(..), CHAR(..), DATE(8), LIST or TEXT
    line 42: `CN`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 45: `ED`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    line 48: `ED`: format `„99/99“ oder „9999“`: unknown format `„99/99“ oder „9999“`: expected NUMERIC(..), CHAR(..), DATE(8), LIST or TEXT
    line 51: `MANDATEID`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)
    "#);
}

#[test]
fn overlay_rows_that_match_nothing_are_reported() {
    let mut overlay = fixture_overlay();
    let mut typo = overlay.params[0].clone();
    typo.name = "CMO".into();
    overlay.params.push(typo);
    let mut merged = overlay.params[3].clone();
    merged.merged_into = Some("new_order".into());
    overlay.params[3] = merged;
    overlay
        .params
        .push(toml::from_str("name = \"EMAIL\"\nunnamed_after = \"CN\"").expect("overlay row"));
    overlay.skip.push(
        toml::from_str("heading = \"6.2 Abruf-Antwort\"\nwhy = \"response attributes\"")
            .expect("skip"),
    );
    let errors = import_directlink(&fixture("base.txt"), &overlay).expect_err("two problems");
    assert_eq!(
        shown(&errors),
        [
            "overlay: [[skip]] `6.2 Abruf-Antwort`: no table under that heading",
            "line 33: `PSPID` is merged into group `new_order`, which has no row `PSPID`",
        ]
    );
    // Overlay rows that name no row of the page are warnings: the page imports without them.
    let mut overlay = fixture_overlay();
    let mut typo = overlay.params[0].clone();
    typo.name = "CMO".into();
    overlay.params.push(typo);
    overlay
        .params
        .push(toml::from_str("name = \"EMAIL\"\nunnamed_after = \"CN\"").expect("overlay row"));
    let imported = import_directlink(&fixture("base.txt"), &overlay).expect("imports");
    let plain = import_directlink(&fixture("base.txt"), &fixture_overlay()).expect("imports");
    assert_eq!(imported.file, plain.file);
    assert_eq!(
        shown(&imported.warnings),
        [
            "overlay: [[param]] `CMO`: no such row on the page (`add = true` adds one)",
            "overlay: [[param]] `EMAIL`: the page has no row without a name after `CN`",
        ]
    );
}

#[test]
fn the_overlay_replaces_the_page_s_wording() {
    // spec/overlay/directlink.toml gives every row an English `doc` and `notes` in place of the
    // page's German ones: `doc` replaces the description, `notes` the prose beside it (an empty
    // list drops it), `values` the value docs; the other columns stay as the page gives them.
    let mut overlay = fixture_overlay();
    let english: Overlay = toml::from_str(
        r#"
[[param]]
name = "LANGUAGE"
group = "privacy_policy"
doc = "Language of the returned text, an ISO 639-1 code."
notes = ["Without it the merchant's language is used."]

[[param]]
name = "MANDATEID"
group = "direct_debits_nl"
doc = "Unique mandate reference."
notes = []
"#,
    )
    .expect("overlay rows");
    for row in english.params {
        let at = overlay
            .params
            .iter()
            .position(|p| {
                p.name == row.name
                    && p.group
                        .as_deref()
                        .is_none_or(|g| Some(g) == row.group.as_deref())
            })
            .expect("fixture overlay row");
        overlay.params[at].doc = row.doc;
        overlay.params[at].notes = row.notes;
    }
    let pm = overlay
        .params
        .iter()
        .position(|p| p.name == "PM")
        .expect("PM row");
    let values = overlay.params[pm].values.as_mut().expect("PM values");
    for v in values.iter_mut() {
        v.doc = Some(format!("{} (English)", v.value));
    }
    let imported = import_directlink(&fixture("base.txt"), &overlay).expect("imports");
    let plain = import_directlink(&fixture("base.txt"), &fixture_overlay()).expect("imports");
    assert_eq!(rows(&imported.file), rows(&plain.file));
    assert_eq!(shown(&imported.warnings), shown(&plain.warnings));
    let row = |name: &str, group: &str| {
        imported
            .file
            .params
            .iter()
            .find(|p| p.name == name && p.group == group)
            .expect("row")
            .clone()
    };
    let language = row("LANGUAGE", "privacy_policy");
    assert_eq!(
        language.doc.as_deref(),
        Some("Language of the returned text, an ISO 639-1 code.")
    );
    assert_eq!(
        language.notes,
        ["Without it the merchant's language is used."]
    );
    assert_eq!(language.values_from.as_deref(), Some("ISO 639-1"));
    let mandate = row("MANDATEID", "direct_debits_nl");
    assert_eq!(mandate.doc.as_deref(), Some("Unique mandate reference."));
    assert!(mandate.notes.is_empty());
    let docs: Vec<Option<String>> = row("PM", "payment_method")
        .values
        .iter()
        .map(|v| v.doc.clone())
        .collect();
    assert_eq!(
        docs,
        [
            Some("Direct Debits DE (English)".to_owned()),
            Some("Direct Debits NL (English)".to_owned())
        ]
    );
}

#[test]
fn prose_closing_cells_and_skipped_tables_are_reported_with_their_lines() {
    let imported = import_directlink(&fixture("base.txt"), &fixture_overlay()).expect("imports");
    // Line 3 heads the first table and line 30 the 7.1.2 one: read. Line 2 heads no table.
    assert_eq!(
        shown_skipped(&imported.skipped),
        [
            "line 1-2: prose, not a table",
            "line 4: prose, not a table",
            "line 20: a cell after the last row of the table under `3.2 Anfrageparameter`, not a row: `Weitere informationen zu diesen Feldern …`",
            "line 21-22: prose, not a table",
            "line 24-29: the table under `4. Rückmeldung zur Bestellung`, skipped by the overlay ([[skip]]: response attributes)",
            "line 54: prose, not a table",
            "line 65: prose, not a table",
        ]
    );
}

fn shown_skipped(skipped: &[payone_spec::import::Skipped]) -> Vec<String> {
    skipped.iter().map(ToString::to_string).collect()
}
