//! `spec diff` on crafted tables: each fixture of `tests/fixtures/diff/` changes `base.toml` in
//! one way (`all.toml`: every way at once); the snapshots hold the text with its semver impacts.

use std::path::Path;

use payone_spec::diff::{Effect, Impact, Kind, diff, render_text};
use payone_spec::load::{Spec, load_embedded};

fn fixture(name: &str) -> Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    Spec::parse(name, &text).expect("fixture parses")
}

fn text(name: &str) -> String {
    text_between("base", name)
}

fn text_between(old: &str, new: &str) -> String {
    render_text(&diff(&[fixture(old)], &[fixture(new)])).join("\n")
}

#[test]
fn each_kind_of_change_with_its_impact() {
    for name in [
        "added_required",
        "added_optional",
        "removed",
        "format",
        "format_narrowed",
        "format_type",
        "format_integer_type",
        "format_numeric_widened",
        "format_rewritten",
        "symbols",
        "symbols_added",
        "required_to_optional",
        "optional_to_required",
        "optional_to_conditional",
        "hash",
        "value_added",
        "value_removed",
        "repeat",
        "doc",
        "rust_renamed",
        "sensitive",
        "account",
        "notes",
        "all",
    ] {
        insta::assert_snapshot!(name, text(name));
    }
}

#[test]
fn identical_tables_have_no_changes() {
    let d = diff(&[fixture("base")], &[fixture("base")]);
    assert!(d.changes.is_empty());
    assert_eq!(d.impact, None);
    assert_eq!(render_text(&d), ["no changes"]);
    let embedded = load_embedded().expect("embedded tables");
    assert!(diff(&embedded, &embedded).changes.is_empty());
}

#[test]
fn an_api_added_is_minor_and_removed_is_major() {
    let d = diff(&[], &[fixture("base")]);
    assert_eq!(d.impact, Some(Impact::Minor));
    let d = diff(&[fixture("base")], &[]);
    assert_eq!(d.impact, Some(Impact::Major));
    assert_eq!(
        render_text(&d),
        [
            "major\tfrontend\tapi removed (its request types disappear)",
            "1 change: 1 major, 0 minor, 0 patch; overall impact: major"
        ]
    );
}

#[test]
fn directlink_formats_widen_narrow_or_change_type() {
    let d = diff(&[fixture("directlink_old")], &[fixture("directlink_new")]);
    insta::assert_snapshot!("directlink_formats", render_text(&d).join("\n"));
    let effects: Vec<(Option<&str>, Option<Effect>)> = d
        .changes
        .iter()
        .map(|c| (c.param.as_deref(), c.effect))
        .collect();
    assert_eq!(
        effects,
        [
            (Some("ORDERID"), Some(Effect::Widens)),
            (Some("REMOTE_ADDR"), Some(Effect::Narrows)),
            (Some("RTIMEOUT"), Some(Effect::Narrows)),
            (Some("AMOUNT"), Some(Effect::ChangesType)),
            (Some("CVC"), Some(Effect::Narrows)),
            (Some("OWNERTELNO"), Some(Effect::Rewritten)),
        ]
    );
    assert_eq!(d.impact, Some(Impact::Major));
    // Widening alone is minor; a rewrite alone is a patch.
    let widened = diff(&[fixture("base")], &[fixture("format")]);
    assert_eq!(widened.impact, Some(Impact::Minor));
    let rewritten = diff(&[fixture("base")], &[fixture("format_rewritten")]);
    assert_eq!(rewritten.impact, Some(Impact::Patch));
}

#[test]
fn turning_redaction_off_is_a_patch_flagged_for_security_review() {
    // sensitive.toml the old table now: customerid's values are no longer redacted.
    insta::assert_snapshot!("sensitive_off", text_between("sensitive", "base"));
    let off = diff(&[fixture("sensitive")], &[fixture("base")]);
    assert_eq!(off.impact, Some(Impact::Patch));
    assert!(off.changes.iter().all(|c| c.security));
    insta::assert_snapshot!(
        "sensitive_off_json",
        serde_json::to_string_pretty(&off).expect("JSON")
    );
    // Turning it on is a patch with nothing to review.
    let on = diff(&[fixture("base")], &[fixture("sensitive")]);
    assert_eq!(on.impact, Some(Impact::Patch));
    assert!(on.changes.iter().all(|c| !c.security));
}

#[test]
fn generated_names_and_account_are_major_docs_a_patch() {
    for (name, impact) in [
        ("rust_renamed", Impact::Major),
        ("account", Impact::Major),
        ("notes", Impact::Patch),
    ] {
        let d = diff(&[fixture("base")], &[fixture(name)]);
        assert_eq!(d.impact, Some(impact), "{name}");
        // The reverse change has the same impact.
        let back = diff(&[fixture(name)], &[fixture("base")]);
        assert_eq!(back.impact, Some(impact), "{name} reversed");
    }
    insta::assert_snapshot!("account_reversed", text_between("account", "base"));
}

/// `v2_base.toml` with `from` replaced by `to` (each must occur).
fn v2_variant(edits: &[(&str, &str)]) -> Spec {
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/v2_base.toml"),
    )
    .expect("fixture");
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` is not in v2_base.toml");
        text = text.replacen(from, to, 1);
    }
    Spec::parse("v2 variant", &text).expect("the variant parses")
}

fn v2_text(edits: &[(&str, &str)]) -> Vec<String> {
    render_text(&diff(&[v2_variant(&[])], &[v2_variant(edits)]))
}

#[test]
fn v2_members_follow_the_parameter_rules() {
    assert_eq!(v2_text(&[]), ["no changes"]);
    // A member made required.
    assert_eq!(
        v2_text(&[(
            "name = \"merchantReference\"\nrequired = \"no\"",
            "name = \"merchantReference\"\nrequired = \"yes\""
        )]),
        [
            "major\tv2/Order\tmerchantReference: required: optional -> required (the field type changes from Option<T> to T: callers must supply it)",
            "1 change: 1 major, 0 minor, 0 patch; overall impact: major"
        ]
    );
    // A new optional member, and a new required one.
    let added = "[[object.field]]\nname = \"descriptor\"\nrequired = \"no\"\nformat = \"TEXT\"\n\n[[object]]\nrust = \"CreatePaymentResponse\"";
    assert_eq!(
        v2_text(&[("[[object]]\nrust = \"CreatePaymentResponse\"", added)]),
        [
            "minor\tv2/Order\tdescriptor: added: optional (a new Option<T> field of a #[non_exhaustive] struct)",
            "1 change: 0 major, 1 minor, 0 patch; overall impact: minor"
        ]
    );
    let added = added.replace("required = \"no\"", "required = \"yes\"");
    assert_eq!(
        v2_text(&[("[[object]]\nrust = \"CreatePaymentResponse\"", &added)])[0],
        "major\tv2/Order\tdescriptor: added: required (a new required field: callers must supply it)"
    );
    // A member removed.
    assert_eq!(
        v2_text(&[(
            "[[object.field]]\nname = \"hostedTokenizationId\"\nrequired = \"no\"\nformat = \"TEXT\"\n",
            ""
        )]),
        [
            "major\tv2/CreatePaymentRequest\thostedTokenizationId: removed (was optional) (the field disappears)",
            "1 change: 1 major, 0 minor, 0 patch; overall impact: major"
        ]
    );
    // LIST values: removed and added are both major (the generated enums are exhaustive).
    let d = diff(
        &[v2_variant(&[])],
        &[v2_variant(&[(
            "{ value = \"MOTO\" }",
            "{ value = \"MAIL\" }",
        )])],
    );
    let kinds: Vec<(Kind, Impact)> = d.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::ValueRemoved, Impact::Major),
            (Kind::ValueAdded, Impact::Major)
        ]
    );
    // A narrower format, a member turned into an array, another nested object.
    let d = diff(
        &[v2_variant(&[])],
        &[v2_variant(&[
            ("format = \"CHAR(1..40)\"", "format = \"CHAR(1..20)\""),
            ("format = \"TEXT\"", "format = \"TEXT\"\narray = true"),
        ])],
    );
    let kinds: Vec<(Kind, Impact)> = d.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::ArrayChanged, Impact::Major),
            (Kind::FormatChanged, Impact::Major)
        ]
    );
}

#[test]
fn v2_objects_and_operations_added_are_minor_and_removed_major() {
    let with_refund = "[[operation]]\nname = \"refund_payment\"\nrust = \"RefundPayment\"\nmethod = \"POST\"\npath = \"/v2/{merchantId}/payments/{paymentId}/refund\"\nrequest = \"RefundRequest\"\nresponse = \"CreatePaymentResponse\"\n\n[[object]]\nrust = \"RefundRequest\"\n\n[[object.field]]\nname = \"amount\"\nrequired = \"no\"\nformat = \"NUMERIC(1..12)\"\n\n[[object]]\nrust = \"CreatePaymentRequest\"";
    let edits = [("[[object]]\nrust = \"CreatePaymentRequest\"", with_refund)];
    assert_eq!(
        render_text(&diff(&[v2_variant(&[])], &[v2_variant(&edits)])),
        [
            "minor\tv2/refund_payment\trequest added (a new operation type)",
            "minor\tv2/RefundRequest\tobject added (a new object type)",
            "2 changes: 0 major, 2 minor, 0 patch; overall impact: minor"
        ]
    );
    assert_eq!(
        render_text(&diff(&[v2_variant(&edits)], &[v2_variant(&[])])),
        [
            "major\tv2/refund_payment\trequest removed (the operation type disappears)",
            "major\tv2/RefundRequest\tobject removed (the object type disappears)",
            "2 changes: 2 major, 0 minor, 0 patch; overall impact: major"
        ]
    );
    let d = diff(
        &[v2_variant(&[])],
        &[v2_variant(&[(
            "path = \"/v2/{merchantId}/payments\"",
            "path = \"/v2/{merchantId}/orders\"",
        )])],
    );
    assert_eq!(d.changes.len(), 1);
    assert_eq!(
        (d.changes[0].kind, d.impact),
        (Kind::OperationChanged, Some(Impact::Major))
    );
}

#[test]
fn v2_checked_in_table_against_itself_has_no_changes() {
    let embedded = load_embedded().expect("embedded tables");
    let v2: Vec<Spec> = embedded.into_iter().filter(|s| s.api() == "v2").collect();
    assert_eq!(v2.len(), 1);
    assert!(diff(&v2, &v2).changes.is_empty());
    // Dropping a member of the checked-in table is seen.
    let mut fewer = v2.clone();
    fewer[0].file.objects[0].fields.pop();
    let d = diff(&v2, &fewer);
    assert_eq!(d.impact, Some(Impact::Major));
}
