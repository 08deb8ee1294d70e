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
