//! `spec import --api v2`: the golden test (the CreatePayment request body's schema with
//! `spec/overlay/v2.toml` reproduces spec/v2/payments.toml's CreatePaymentRequest objects) and variations
//! on small schemas written here.

use std::path::Path;

use payone_spec::import::{MAX_DEPTH, SchemaImported, SchemaOverlay, SchemaProblem, import_schema};
use payone_spec::model::{ObjectSpec, Required, SpecFile};
use payone_spec::objects::{FieldKind, object};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn fixture(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v2")
            .join(file),
    )
    .expect("fixture")
}

fn overlay_file() -> SchemaOverlay {
    let text = std::fs::read_to_string(Path::new(ROOT).join("spec/overlay/v2.toml"))
        .expect("spec/overlay/v2.toml");
    toml::from_str(&text).expect("the overlay parses")
}

fn checked_in() -> SpecFile {
    payone_spec::load::load_platform_dir(&Path::new(ROOT).join("spec/v2"))
        .expect("spec/v2/ loads")
        .file
}

/// The objects reached from `root`, depth first in member order (the importer's order).
fn reached<'a>(file: &'a SpecFile, root: &str) -> Vec<&'a ObjectSpec> {
    fn walk<'a>(file: &'a SpecFile, o: &'a ObjectSpec, out: &mut Vec<&'a ObjectSpec>) {
        if out.iter().any(|p| p.rust == o.rust) {
            return;
        }
        out.push(o);
        for f in &o.fields {
            if let Ok(FieldKind::Object(name)) = FieldKind::of(f) {
                walk(file, object(file, &name).expect("known object"), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(file, object(file, root).expect("root"), &mut out);
    out
}

fn no_files(path: &str) -> Result<String, String> {
    Err(format!("no file {path} in this test"))
}

fn import(text: &str, overlay: &SchemaOverlay) -> Result<SchemaImported, Vec<SchemaProblem>> {
    import_schema("testRequest.json", text, overlay, &mut no_files)
}

fn shown(problems: &[SchemaProblem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn the_create_payment_schema_with_the_overlay_reproduces_the_table() {
    let imported = import_schema(
        "createPaymentRequest.json",
        &fixture("createPaymentRequest.json"),
        &overlay_file(),
        &mut no_files,
    )
    .unwrap_or_else(|e| panic!("{}", shown(&e).join("\n")));
    let want = checked_in();
    let want_objects = reached(&want, "CreatePaymentRequest");
    let names =
        |objects: &[&ObjectSpec]| objects.iter().map(|o| o.rust.clone()).collect::<Vec<_>>();
    let got: Vec<&ObjectSpec> = imported.file.objects.iter().collect();
    assert_eq!(
        names(&got),
        names(&want_objects),
        "the objects, depth first"
    );
    for (g, w) in got.iter().zip(&want_objects) {
        let members = |o: &ObjectSpec| o.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(members(g), members(w), "the members of {}", w.rust);
        for (gf, wf) in g.fields.iter().zip(&w.fields) {
            assert_eq!(gf, wf, "member {}.{}", w.rust, wf.name);
        }
        assert_eq!(*g, *w);
    }
    assert_eq!(imported.file.api, want.api);
    // The schema members the table does not keep are reported, each object once.
    insta::assert_snapshot!(shown(&imported.reports).join("\n"));
}

/// The CreateHostedTokenization schema with `spec/overlay/v2-hostedtokenization.toml`
/// reproduces spec/v2/hostedtokenization.toml's CreateHostedTokenizationRequest objects.
#[test]
fn the_hosted_tokenization_schema_with_its_overlay_reproduces_the_table() {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("spec/overlay/v2-hostedtokenization.toml"))
            .expect("spec/overlay/v2-hostedtokenization.toml");
    let overlay: SchemaOverlay = toml::from_str(&text).expect("the overlay parses");
    let imported = import_schema(
        "createHostedTokenizationRequest.json",
        &fixture("createHostedTokenizationRequest.json"),
        &overlay,
        &mut no_files,
    )
    .unwrap_or_else(|e| panic!("{}", shown(&e).join("\n")));
    let want = checked_in();
    let want_objects = reached(&want, "CreateHostedTokenizationRequest");
    let got: Vec<&ObjectSpec> = imported.file.objects.iter().collect();
    assert_eq!(got.len(), want_objects.len(), "the objects, depth first");
    for (g, w) in got.iter().zip(&want_objects) {
        assert_eq!(*g, *w);
    }
    // Only the keyword the tables do not check is reported.
    for report in shown(&imported.reports) {
        assert!(report.contains("uniqueItems"), "{report}");
    }
}

/// Imports `schema` (a fixture) with the overlay at `overlay` (relative to the repository root)
/// and checks that it gives the checked-in objects reached from `root`, in the same order and
/// equal member by member; answers what the importer reported.
fn golden(schema: &str, overlay: &str, root: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join(overlay)).expect(overlay);
    let overlay: SchemaOverlay = toml::from_str(&text).expect("the overlay parses");
    let imported = import_schema(schema, &fixture(schema), &overlay, &mut no_files)
        .unwrap_or_else(|e| panic!("{}", shown(&e).join("\n")));
    let want = checked_in();
    let want_objects = reached(&want, root);
    let names =
        |objects: &[&ObjectSpec]| objects.iter().map(|o| o.rust.clone()).collect::<Vec<_>>();
    let got: Vec<&ObjectSpec> = imported.file.objects.iter().collect();
    assert_eq!(names(&got), names(&want_objects), "the objects of {root}");
    for (g, w) in got.iter().zip(&want_objects) {
        for (gf, wf) in g.fields.iter().zip(&w.fields) {
            assert_eq!(gf, wf, "member {}.{}", w.rust, wf.name);
        }
        assert_eq!(*g, *w);
    }
    shown(&imported.reports)
}

/// CreateHostedCheckout: spec/v2/hostedcheckout.toml's request objects (its order objects are
/// CreatePayment's) come from the schema with `spec/overlay/v2-hostedcheckout.toml`.
#[test]
fn the_hosted_checkout_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "createHostedCheckoutRequest.json",
        "spec/overlay/v2-hostedcheckout.toml",
        "CreateHostedCheckoutRequest",
    );
    insta::assert_snapshot!(reports.join("\n"));
}

/// SubsequentPayment: spec/v2/payments.toml's SubsequentPaymentRequest objects.
#[test]
fn the_subsequent_payment_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "subsequentPaymentRequest.json",
        "spec/overlay/v2-subsequentpayment.toml",
        "SubsequentPaymentRequest",
    );
    insta::assert_snapshot!(reports.join("\n"));
}

/// CompletePayment: spec/v2/payments.toml's CompletePaymentRequest objects.
#[test]
fn the_complete_payment_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "completePaymentRequest.json",
        "spec/overlay/v2-completepayment.toml",
        "CompletePaymentRequest",
    );
    insta::assert_snapshot!(reports.join("\n"));
}

/// The CreateToken schema with `spec/overlay/v2-tokens.toml` reproduces spec/v2/tokens.toml's
/// CreateTokenRequest objects, its card being payments.toml's `Card`.
#[test]
fn the_create_token_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "createTokenRequest.json",
        "spec/overlay/v2-tokens.toml",
        "CreateTokenRequest",
    );
    assert_eq!(reports, Vec::<String>::new());
}

/// The CreateSession schema with `spec/overlay/v2-sessions.toml` reproduces
/// spec/v2/sessions.toml's SessionRequest.
#[test]
fn the_session_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "sessionRequest.json",
        "spec/overlay/v2-sessions.toml",
        "SessionRequest",
    );
    assert_eq!(
        reports,
        ["#/properties/tokens/uniqueItems: `uniqueItems` is not checked by the tables"]
    );
}

/// The GetIINDetails schema with `spec/overlay/v2-services.toml` reproduces
/// spec/v2/services.toml's GetIinDetailsRequest objects, its amount being payments.toml's
/// `AmountOfMoney`; `bin` gets the length the Java SDK states.
#[test]
fn the_iin_details_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "getIINDetailsRequest.json",
        "spec/overlay/v2-services.toml",
        "GetIinDetailsRequest",
    );
    assert_eq!(reports, Vec::<String>::new());
    let file = checked_in();
    let bin = &object(&file, "GetIinDetailsRequest")
        .expect("the request")
        .fields[0];
    assert_eq!(
        (
            bin.name.as_str(),
            bin.format.as_str(),
            bin.required,
            bin.sensitive
        ),
        ("bin", "CHAR(6..19)", Required::Yes, true)
    );
}

/// The CreateMandate schema with `spec/overlay/v2-mandates.toml` reproduces
/// spec/v2/mandates.toml's CreateMandateRequest objects; the IBAN carries its check digits and
/// is never printed.
#[test]
fn the_create_mandate_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "createMandateRequest.json",
        "spec/overlay/v2-mandates.toml",
        "CreateMandateRequest",
    );
    assert_eq!(reports, Vec::<String>::new());
    let file = checked_in();
    let iban = &object(&file, "BankAccountIban")
        .expect("the bank account")
        .fields[0];
    assert_eq!(
        (
            iban.name.as_str(),
            iban.format.as_str(),
            iban.checksum.as_deref(),
            iban.sensitive
        ),
        ("iban", "CHAR(15..34)", Some("iban"), true)
    );
}

/// The CreatePaymentLink schema (trimmed) with `spec/overlay/v2-paymentlinks.toml` reproduces
/// spec/v2/paymentlinks.toml's CreatePaymentLinkRequest objects, its order being
/// payments.toml's `Order`; what the overlay leaves out is reported.
#[test]
fn the_payment_link_schema_with_its_overlay_reproduces_the_table() {
    let reports = golden(
        "createPaymentLinkRequest.json",
        "spec/overlay/v2-paymentlinks.toml",
        "CreatePaymentLinkRequest",
    );
    assert_eq!(
        reports[0],
        "#/properties: 3 members left out by the overlay's `members`: description, expirationDate, recipientName"
    );
    assert_eq!(reports.len(), 5, "{reports:#?}");
}

#[test]
fn the_create_payment_schema_without_an_overlay_keeps_every_member() {
    let imported = import_schema(
        "createPaymentRequest.json",
        &fixture("createPaymentRequest.json"),
        &SchemaOverlay::default(),
        &mut no_files,
    )
    .unwrap_or_else(|e| panic!("{}", shown(&e).join("\n")));
    let file = &imported.file;
    assert_eq!(file.objects.len(), 11);
    let amount = &object(file, "AmountOfMoney").expect("AmountOfMoney").fields;
    assert_eq!(amount[0].name, "amount");
    assert_eq!(amount[0].format, "NUMERIC(1..18)");
    assert_eq!(amount[1].format, "TEXT");
    let browser = object(file, "BrowserData").expect("BrowserData");
    assert_eq!(browser.fields[1].format, "BOOLEAN");
    // No `required` in the published schema: every member is optional.
    assert!(
        file.objects
            .iter()
            .flat_map(|o| &o.fields)
            .all(|f| f.required == Required::No)
    );
    // The assumed integer formats are reported, one per integer member.
    let assumed: Vec<&SchemaProblem> = imported
        .reports
        .iter()
        .filter(|r| r.message.contains("without `minimum` and `maximum`"))
        .collect();
    assert_eq!(assumed.len(), 5, "{:#?}", imported.reports);
    assert!(
        assumed
            .iter()
            .any(|r| r.at == "#/definitions/amountOfMoney/properties/amount")
    );
}

#[test]
fn nested_refs_arrays_enums_and_bounds_become_members() {
    let schema = r##"{
      "type": "object",
      "required": ["order", "lines"],
      "properties": {
        "order": { "$ref": "#/definitions/order" },
        "lines": { "type": "array", "items": { "$ref": "#/definitions/line" } },
        "tags": { "type": "array", "items": { "type": "string", "maxLength": 10 } },
        "inline": { "type": "object", "properties": { "flag": { "type": "boolean" } } }
      },
      "definitions": {
        "order": {
          "type": "object",
          "required": ["amount"],
          "properties": {
            "amount": { "type": "integer", "minimum": 0, "maximum": 999999 },
            "quantity": { "type": "integer", "minimum": 1, "maximum": 99 },
            "offset": { "type": "integer", "minimum": -720, "maximum": 720 },
            "money": { "$ref": "#/definitions/money" }
          }
        },
        "money": {
          "type": "object",
          "properties": {
            "currency": { "type": "string", "enum": ["EUR", "USD"] },
            "card": { "type": "string", "pattern": "^[0-9]{12,19}$" },
            "name": { "type": "string", "minLength": 2, "maxLength": 40 },
            "mail": { "type": "string", "maxLength": 80, "format": "email" }
          }
        },
        "line": {
          "type": "object",
          "properties": { "sku": { "type": "string" } }
        }
      }
    }"##;
    let imported = import(schema, &SchemaOverlay::default()).expect("imports");
    assert_eq!(imported.reports, []);
    let file = &imported.file;
    let names: Vec<&str> = file.objects.iter().map(|o| o.rust.as_str()).collect();
    assert_eq!(
        names,
        ["TestRequest", "Order", "Money", "Line", "TestRequestInline"]
    );
    let root = &file.objects[0].fields;
    assert_eq!(
        (
            root[0].format.as_str(),
            root[0].object.as_deref(),
            root[0].required
        ),
        ("OBJECT", Some("Order"), Required::Yes)
    );
    assert!(root[1].array && root[1].object.as_deref() == Some("Line"));
    assert_eq!(root[1].required, Required::Yes);
    assert!(root[2].array && root[2].format == "CHAR(1..10)" && root[2].object.is_none());
    assert_eq!(root[3].required, Required::No);
    let order = &file.objects[1].fields;
    assert_eq!(
        (order[0].format.as_str(), order[0].range.as_deref()),
        ("NUMERIC(1..6)", None)
    );
    assert_eq!(order[0].required, Required::Yes);
    assert_eq!(
        (order[1].format.as_str(), order[1].range.as_deref()),
        ("NUMERIC(1..2)", Some("1..99"))
    );
    assert_eq!(
        (order[2].format.as_str(), order[2].range.as_deref()),
        ("NUMERIC(1..3)", Some("max. +/- 720"))
    );
    let money = &file.objects[2].fields;
    assert_eq!(money[0].format, "LIST");
    let values: Vec<&str> = money[0].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["EUR", "USD"]);
    assert_eq!(
        (money[1].format.as_str(), money[1].symbols.as_deref()),
        ("CHAR(12..19)", Some("[0-9]"))
    );
    assert_eq!(money[2].format, "CHAR(2..40)");
    assert_eq!(
        (money[3].format.as_str(), money[3].symbols.as_deref()),
        ("CHAR(1..80)", Some("RFC 5322"))
    );
    // What the importer writes is a table the loader accepts.
    let text = toml::to_string(file).expect("serialises");
    payone_spec::load::Spec::parse("imported", &text).expect("a valid table");
}

#[test]
fn a_ref_cycle_is_refused() {
    let schema = r##"{
      "type": "object",
      "properties": { "a": { "$ref": "#/definitions/a" } },
      "definitions": {
        "a": { "type": "object", "properties": { "b": { "$ref": "#/definitions/b" } } },
        "b": { "type": "object", "properties": { "a": { "$ref": "#/definitions/a" } } }
      }
    }"##;
    let errors = import(schema, &SchemaOverlay::default()).expect_err("a cycle");
    assert_eq!(
        shown(&errors),
        [
            "#/definitions/a: `$ref` cycle: #/definitions/a -> #/definitions/b -> #/definitions/a (an object may not contain itself)"
        ]
    );
    // A reference to a reference to itself, with no object between.
    let schema = r##"{
      "type": "object",
      "properties": { "a": { "$ref": "#/definitions/x" } },
      "definitions": { "x": { "$ref": "#/definitions/y" }, "y": { "$ref": "#/definitions/x" } }
    }"##;
    let errors = import(schema, &SchemaOverlay::default()).expect_err("a cycle");
    assert_eq!(
        shown(&errors),
        ["#/definitions/y: `$ref` cycle: #/definitions/x -> #/definitions/y -> #/definitions/x"]
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let mut schema = r#"{"type":"object","properties":{"leaf":{"type":"string"}}}"#.to_owned();
    for _ in 0..MAX_DEPTH + 1 {
        schema = format!(r#"{{"type":"object","properties":{{"inner":{schema}}}}}"#);
    }
    let errors = import(&schema, &SchemaOverlay::default()).expect_err("too deep");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("objects nested deeper than 32"),
        "{errors:?}"
    );
    assert!(
        errors[0]
            .at
            .starts_with("#/properties/inner/properties/inner")
    );
}

#[test]
fn an_unsupported_keyword_is_reported_with_its_pointer() {
    let schema = r##"{
      "type": "object",
      "properties": {
        "order": {
          "type": "object",
          "properties": {
            "foo": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] },
            "bar": { "type": "string", "widget": 3 },
            "price": { "type": "number" }
          },
          "patternProperties": { "^x-": { "type": "string" } }
        }
      }
    }"##;
    let imported = import(schema, &SchemaOverlay::default()).expect("imports");
    assert_eq!(
        shown(&imported.reports),
        [
            "#/properties/order/patternProperties: `patternProperties` not supported",
            "#/properties/order/properties/foo/oneOf: `oneOf` not supported",
            "#/properties/order/properties/foo: no `type`; member left out (an overlay `format` keeps it)",
            "#/properties/order/properties/bar/widget: `widget` not supported",
            "#/properties/order/properties/price: `number` (a decimal) has no format in the tables; member left out (an overlay `format` keeps it)",
        ]
    );
    let order = &imported.file.objects[1];
    let members: Vec<&str> = order.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(members, ["bar"]);
    // The overlay keeps a member the schema gives no usable type, with its format.
    let overlay: SchemaOverlay = toml::from_str(
        r#"
        [[object]]
        rust = "TestRequestOrder"
        [[object.field]]
        name = "price"
        format = "NUMERIC(1..12)"
        "#,
    )
    .expect("overlay");
    let imported = import(schema, &overlay).expect("imports");
    let order = &imported.file.objects[1];
    assert_eq!(
        order.fields.last().map(|f| f.format.as_str()),
        Some("NUMERIC(1..12)")
    );
}

#[test]
fn overlay_entries_that_match_nothing_are_errors() {
    let schema = r#"{"type":"object","properties":{"a":{"type":"string"}}}"#;
    let overlay: SchemaOverlay = toml::from_str(
        r#"
        [[object]]
        rust = "Nowhere"
        [[object]]
        rust = "TestRequest"
        members = ["a", "b"]
        [[object.field]]
        name = "c"
        doc = "x"
        "#,
    )
    .expect("overlay");
    let errors = import(schema, &overlay).expect_err("mismatches");
    assert_eq!(
        shown(&errors),
        [
            "#/properties: overlay: `members` names `b`, which the schema does not have (an overlay [[object.field]] with `add = true` adds it)",
            "#: overlay: [[object.field]] `c` of `TestRequest` names no member the table keeps",
            "overlay: [[object]] `Nowhere`: no object reached from the root has the name `Nowhere`",
        ]
    );
}

#[test]
fn relative_file_refs_are_read_relative_to_the_schema_file() {
    let root = r#"{"type":"object","properties":{"address":{"$ref":"common/address.json#/definitions/address"}}}"#;
    let address = r#"{"definitions":{"address":{"type":"object","properties":{"zip":{"$ref":"../zip.json"}}}}}"#;
    let zip = r#"{"type":"string","maxLength":10}"#;
    let mut asked = Vec::new();
    let mut load = |path: &str| {
        asked.push(path.to_owned());
        match path {
            "schemas/common/address.json" => Ok(address.to_owned()),
            "schemas/zip.json" => Ok(zip.to_owned()),
            other => Err(format!("no file {other}")),
        }
    };
    let imported = import_schema(
        "schemas/testRequest.json",
        root,
        &SchemaOverlay::default(),
        &mut load,
    )
    .expect("imports");
    assert_eq!(asked, ["schemas/common/address.json", "schemas/zip.json"]);
    let names: Vec<&str> = imported
        .file
        .objects
        .iter()
        .map(|o| o.rust.as_str())
        .collect();
    assert_eq!(names, ["TestRequest", "Address"]);
    assert_eq!(imported.file.objects[1].fields[0].format, "CHAR(1..10)");
    // URLs and absolute paths are not followed.
    let root = r#"{"type":"object","properties":{"a":{"$ref":"https://example.com/a.json"}}}"#;
    let errors = import(root, &SchemaOverlay::default()).expect_err("a URL");
    assert_eq!(
        shown(&errors),
        [
            "#/properties/a/$ref: `https://example.com/a.json`: only `#...` and relative file references are read"
        ]
    );
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for text in [
        "",
        "[",
        "null",
        "42",
        r#"{"type":"string"}"#,
        r##"{"$ref":"#/nope"}"##,
    ] {
        let errors = import(text, &SchemaOverlay::default()).expect_err(text);
        assert!(!errors.is_empty());
    }
}

#[test]
fn an_overlay_format_of_another_json_type_is_reported() {
    let schema =
        r#"{"type":"object","properties":{"amount":{"type":"string"},"id":{"type":"integer"}}}"#;
    let overlay: SchemaOverlay = toml::from_str(
        r#"
        [[object]]
        rust = "TestRequest"
        [[object.field]]
        name = "amount"
        format = "NUMERIC(1..12)"
        [[object.field]]
        name = "id"
        format = "NUMERIC(1..5)"
        "#,
    )
    .expect("overlay");
    let imported = import(schema, &overlay).expect("imports");
    assert_eq!(
        shown(&imported.reports),
        [
            "#/properties/amount: the overlay's format `NUMERIC(1..12)` is sent as a JSON integer, the schema says string"
        ]
    );
}

#[test]
fn the_overlay_renames_an_object_by_its_place_and_adds_a_member() {
    let schema = r##"{"type":"object","properties":{"device":{"$ref":"#/definitions/customerDevice"}},
      "definitions":{"customerDevice":{"type":"object","properties":{"ipAddress":{"type":"string"}}}}}"##;
    let overlay: SchemaOverlay = toml::from_str(
        r##"
        [[object]]
        rust = "Device"
        schema = "#/definitions/customerDevice"
        members = ["ipAddress", "locale"]
        [[object.field]]
        name = "locale"
        add = true
        required = "no"
        format = "CHAR(2..5)"
        "##,
    )
    .expect("overlay");
    let imported = import(schema, &overlay).expect("imports");
    assert_eq!(
        imported.file.objects[0].fields[0].object.as_deref(),
        Some("Device")
    );
    let device = &imported.file.objects[1];
    assert_eq!(device.rust, "Device");
    let members: Vec<(&str, &str)> = device
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.format.as_str()))
        .collect();
    assert_eq!(members, [("ipAddress", "TEXT"), ("locale", "CHAR(2..5)")]);
}
