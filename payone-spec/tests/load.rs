//! Spec files with mistakes: every problem is reported at once, naming the file and the row.

use payone_spec::load::{Spec, load_embedded};

#[test]
fn every_problem_of_a_file_is_reported() {
    let text = r#"
[api]
name = "frontend"
title = "Broken"
source = "test"
endpoint = "https://example.invalid/"

[[group]]
id = "common"
heading = "Common"
rust = "Common"

[[group]]
id = "card"
heading = "Card"
rust = "Card"
selected_by = { param = "clearingtype", value = "xx" }

[[request]]
name = "authorization"
rust = "Authorization"
groups = ["common", "card", "missing"]
exclude = ["nope"]

[[param]]
name = "aid"
group = "common"
required = "yes"
format = "NUMERIC(5..)"

[[param]]
name = "clearingtype"
group = "common"
required = "yes"
format = "LIST"
values = [{ value = "cc" }, { value = "cc", not_for = ["refund"] }]

[[param]]
name = "reference"
group = "common"
required = "yes"
format = "NUMERIC(4)"
symbols = "[0-9]"

[[param]]
name = "reference"
group = "common"
required = "no"
format = "CHAR(1..20)"
values_from = "ISO 9999"

[[param]]
name = "brand"
group = "common"
required = "yes"
format = "CHAR(1..20)"
repeat = true
"#;
    let errors = Spec::parse("broken.toml", text).expect_err("broken");
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn an_unknown_key_is_a_toml_error_with_its_place() {
    let text = "[api]\nname = \"frontend\"\ntitle = \"t\"\nsource = \"s\"\nendpoint = \"e\"\nendpiont = \"e\"\n";
    let errors = Spec::parse("typo.toml", text).expect_err("unknown key");
    assert!(errors.to_string().starts_with("typo.toml: "), "{errors}");
    assert!(errors.to_string().contains("endpiont"), "{errors}");
}

#[test]
fn the_checked_in_tables_load() {
    let specs = load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let apis: Vec<&str> = specs.iter().map(|s| s.api()).collect();
    assert_eq!(apis, ["frontend", "client", "server", "directlink", "v2"]);
    let server = &specs[2];
    assert!(server.split, "the Server API is split over page files");
    assert_eq!(server.origin, "spec/server");
}

#[test]
fn v2_objects_are_checked_all_at_once() {
    let text = r#"
[api]
name = "v2"
title = "t"
source = "s"
endpoint = "e"

[[operation]]
name = "create"
rust = "Create"
method = "FETCH"
path = "/payments"
request = "Missing"
response = "A"

[[object]]
rust = "A"
[[object.field]]
name = "b"
required = "yes"
format = "OBJECT"
object = "B"
[[object.field]]
name = "b"
required = "no"
format = "BOOLEAN"
[[object.field]]
name = "loose"
required = "no"
format = "OBJECT"

[[object]]
rust = "B"
[[object.field]]
name = "a"
required = "no"
format = "OBJECT"
object = "A"
[[object.field]]
name = "kind"
required = "no"
format = "LIST"
[[object.field]]
name = "flag"
required = "no"
format = "BOOLEAN"
symbols = "[0-9]"
"#;
    let errors = Spec::parse("v2.toml", text).expect_err("broken");
    insta::assert_snapshot!(errors.to_string());
}

/// Every file below `spec/` is built into the crate, so the tables the CLI and the generator
/// use outside the repository are the checked-in ones.
#[test]
fn every_spec_file_is_embedded() {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("spec dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "overlay") {
                    walk(&path, root, out);
                }
            } else if path.extension().is_some_and(|e| e == "toml") {
                let rel = path.strip_prefix(root).expect("below spec/");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut on_disk = Vec::new();
    walk(&root, &root, &mut on_disk);
    on_disk.sort();
    let mut embedded: Vec<String> = payone_spec::load::EMBEDDED
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
    for (name, text) in payone_spec::load::EMBEDDED {
        let disk = std::fs::read_to_string(root.join(name)).expect("readable");
        assert_eq!(*text, disk, "spec/{name}");
    }
}

/// `checksum` on a v2 member: only `iban`, only on CHAR members; a CHAR member with it
/// loads.
#[test]
fn v2_checksums_are_iban_on_char_members_only() {
    let table = |format: &str, checksum: &str| {
        format!(
            "[api]\nname = \"v2\"\ntitle = \"t\"\nsource = \"s\"\nendpoint = \"e\"\n\n\
             [[object]]\nrust = \"A\"\n[[object.field]]\nname = \"iban\"\nrequired = \"no\"\n\
             format = \"{format}\"\nchecksum = \"{checksum}\"\n"
        )
    };
    assert!(Spec::parse("v2.toml", &table("CHAR(15..34)", "iban")).is_ok());
    let errors = Spec::parse("v2.toml", &table("TEXT", "iban"))
        .expect_err("not CHAR")
        .to_string();
    assert!(
        errors.contains("`checksum` applies to CHAR formats only"),
        "{errors}"
    );
    let errors = Spec::parse("v2.toml", &table("CHAR(15..34)", "luhn"))
        .expect_err("unknown scheme")
        .to_string();
    assert!(
        errors.contains("checksum `luhn`: the only check digit scheme is `iban`"),
        "{errors}"
    );
}

const SPLIT_API: &str = r#"
[api]
name = "server"
title = "t"
source = "s"
endpoint = "e"
"#;

const SPLIT_BLOCKS: &str = r#"
[[group]]
id = "clearing"
heading = "h"
rust = "Clearing"

[[param]]
name = "clearingtype"
group = "clearing"
required = "yes"
format = "LIST"
values = [{ value = "elv" }, { value = "sb" }]

[[group]]
id = "direct_debit"
heading = "h"
rust = "DirectDebit"
selected_by = { param = "clearingtype", value = "elv" }
source = "https://example.org/sepa"

[[param]]
name = "iban"
group = "direct_debit"
required = "yes"
format = "CHAR(10..34)"
symbols = "[0-9][A-Z]"
sensitive = true
doc = "Account to debit."

[[group]]
id = "transfer"
heading = "h"
rust = "Transfer"
selected_by = { param = "clearingtype", value = "sb" }

[[param]]
name = "iban"
group = "transfer"
required = "conditional"
like = "direct_debit"
source = "https://example.org/transfer"
"#;

const SPLIT_REQUEST: &str = r#"
[[request]]
name = "preauthorization"
rust = "Preauthorization"
groups = ["clearing", "transfer", "direct_debit"]
"#;

fn split(parts: &[(&str, &str)]) -> Result<Spec, payone_spec::load::SpecErrors> {
    let parts: Vec<(String, String)> = parts
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    Spec::parse_parts("spec/server", &parts)
}

#[test]
fn a_like_row_takes_the_definition_and_keeps_its_own_flags() {
    let spec = split(&[
        ("api.toml", SPLIT_API),
        ("methods.toml", SPLIT_BLOCKS),
        ("request.toml", SPLIT_REQUEST),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let row = spec
        .file
        .params
        .iter()
        .find(|p| p.name == "iban" && p.group == "transfer")
        .expect("row");
    assert_eq!(row.format, "CHAR(10..34)");
    assert_eq!(row.symbols.as_deref(), Some("[0-9][A-Z]"));
    assert!(row.sensitive);
    assert_eq!(row.doc.as_deref(), Some("Account to debit."));
    assert_eq!(row.required, payone_spec::model::Required::Conditional);
    assert_eq!(row.source.as_deref(), Some("https://example.org/transfer"));
    // Split tables give rows in the order of the request's groups.
    let order: Vec<(&str, &str)> = spec
        .rows("preauthorization")
        .iter()
        .map(|r| (r.param.name.as_str(), r.group.id.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("clearingtype", "clearing"),
            ("iban", "transfer"),
            ("iban", "direct_debit")
        ]
    );
}

#[test]
fn split_tables_report_every_problem_with_its_file() {
    let dangling = SPLIT_BLOCKS.replace("like = \"direct_debit\"", "like = \"nowhere\"");
    let errors = split(&[
        ("spec/server/api.toml", SPLIT_API),
        ("spec/server/methods.toml", &dangling),
        ("spec/server/again.toml", SPLIT_API),
        ("spec/server/broken.toml", "[[param]]\nname = 1\n"),
    ])
    .expect_err("broken");
    insta::assert_snapshot!("split_files_that_do_not_parse", errors.to_string());
    let errors = split(&[
        ("spec/server/methods.toml", &dangling),
        ("spec/server/request.toml", SPLIT_REQUEST),
    ])
    .expect_err("no api");
    insta::assert_snapshot!("split_without_api", errors.to_string());
    let chained = format!(
        "{dangling}\n[[group]]\nid = \"again\"\nheading = \"h\"\nrust = \"Again\"\n\n[[param]]\nname = \"iban\"\ngroup = \"again\"\nrequired = \"no\"\nlike = \"transfer\"\n"
    );
    let errors = split(&[
        ("spec/server/api.toml", SPLIT_API),
        ("spec/server/methods.toml", &chained),
        ("spec/server/request.toml", SPLIT_REQUEST),
    ])
    .expect_err("dangling and chained like");
    insta::assert_snapshot!("split_with_bad_like_rows", errors.to_string());
}
