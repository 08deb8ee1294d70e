//! Conditional rules (`[[rule]]`): what the loader refuses, how `spec diff` rates a change of a
//! rule, and what `spec list` prints for them.

use std::path::Path;

use payone_spec::diff::{Impact, Kind, diff};
use payone_spec::load::Spec;

/// The diff fixtures' base table with `rules` appended.
fn with_rules(rules: &str) -> Result<Spec, String> {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/base.toml"),
    )
    .expect("base fixture");
    Spec::parse("rules.toml", &format!("{base}\n{rules}")).map_err(|e| e.to_string())
}

fn rule(kind: &str) -> String {
    format!(
        "[[rule]]\nid = \"r\"\ngroup = \"common\"\n{kind}\ndoc = \"A rule.\"\nsource = \"https://example.invalid/page\"\n"
    )
}

/// The one change between two rule sets: its kind and impact.
fn change(old: &str, new: &str) -> (Kind, Impact) {
    let (old, new) = (with_rules(old).unwrap(), with_rules(new).unwrap());
    let d = diff(&[old], &[new]);
    assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
    let c = &d.changes[0];
    assert_eq!(c.param.as_deref(), Some("rule r"));
    assert_eq!(c.request.as_deref(), Some("authorization"));
    (c.kind, c.impact)
}

const ANY: &str = "any_of = [\"customerid\", \"narrative_text\"]";

#[test]
fn an_added_rule_is_major_and_a_removed_one_minor() {
    assert_eq!(change("", &rule(ANY)), (Kind::RuleAdded, Impact::Major));
    assert_eq!(change(&rule(ANY), ""), (Kind::RuleRemoved, Impact::Minor));
}

#[test]
fn a_tightened_rule_is_major_and_a_loosened_one_minor() {
    let wider = rule("any_of = [\"customerid\", \"narrative_text\", \"reference\"]");
    assert_eq!(
        change(&rule(ANY), &wider),
        (Kind::RuleChanged, Impact::Minor)
    );
    assert_eq!(
        change(&wider, &rule(ANY)),
        (Kind::RuleChanged, Impact::Major)
    );

    let sets = |s: &str| rule(&format!("one_of = {s}"));
    let (big, small) = (
        sets("[[\"customerid\"], [\"narrative_text\", \"reference\"]]"),
        sets("[[\"customerid\"], [\"narrative_text\"]]"),
    );
    assert_eq!(change(&big, &small), (Kind::RuleChanged, Impact::Minor));
    assert_eq!(change(&small, &big), (Kind::RuleChanged, Impact::Major));

    let only = |values: &str| {
        rule(&format!(
            "param = \"narrative_text\"\nonly_when = {{ param = \"mode\", values = {values} }}"
        ))
    };
    assert_eq!(
        change(&only("[\"test\"]"), &only("[\"test\", \"live\"]")),
        (Kind::RuleChanged, Impact::Minor)
    );
    assert_eq!(
        change(&only("[\"test\", \"live\"]"), &only("[\"test\"]")),
        (Kind::RuleChanged, Impact::Major)
    );

    let required = |values: &str| {
        rule(&format!(
            "param = \"narrative_text\"\nrequired_when = {{ param = \"mode\", values = {values} }}"
        ))
    };
    // Any value of mode triggers more often than mode=test alone.
    assert_eq!(
        change(&required("[\"test\"]"), &required("[]")),
        (Kind::RuleChanged, Impact::Major)
    );
    assert_eq!(
        change(&required("[]"), &required("[\"test\"]")),
        (Kind::RuleChanged, Impact::Minor)
    );
    // Another kind cannot be compared: the worst is assumed.
    assert_eq!(
        change(&rule(ANY), &required("[\"test\"]")),
        (Kind::RuleChanged, Impact::Major)
    );
}

#[test]
fn a_rule_with_new_words_is_a_patch() {
    let reworded = rule(ANY).replace("A rule.", "The same rule, reworded.");
    assert_eq!(
        change(&rule(ANY), &reworded),
        (Kind::RuleDocChanged, Impact::Patch)
    );
}

#[test]
fn the_loader_refuses_rules_it_cannot_check() {
    let cases = [
        (
            rule("any_of = [\"customerid\", \"nosuch\"]"),
            "has no single (non-array) parameter `nosuch`",
        ),
        (
            rule("any_of = [\"customerid\"]"),
            "`any_of` names at least two parameters",
        ),
        (
            rule(&format!("{ANY}\none_of = [[\"aid\"], [\"reference\"]]")),
            "give exactly one of",
        ),
        (rule("only_when = { param = \"mode\" }"), "need `param`"),
        (
            rule(
                "param = \"narrative_text\"\nonly_when = { param = \"mode\", values = [\"prod\"] }",
            ),
            "`prod` is not a value of `mode`",
        ),
        (
            rule(ANY).replace("group = \"common\"", "group = \"nosuch\""),
            "no group `nosuch`",
        ),
        (
            rule(ANY).replace("id = \"r\"", "id = \"Rule-1\""),
            "the id must be snake_case",
        ),
        (
            format!("{}\n{}", rule(ANY), rule(ANY)),
            "a second rule with this id",
        ),
        (
            rule(ANY).replace("doc = \"A rule.\"", "doc = \"\""),
            "`doc` and `source` must not be empty",
        ),
        (
            rule(ANY).replace(
                "group = \"common\"",
                "group = \"common\"\nrequests = [\"capture\"]",
            ),
            "no request `capture`",
        ),
    ];
    for (rules, expected) in cases {
        let err = with_rules(&rules).expect_err(expected);
        assert!(err.contains(expected), "{err}\n(expected: {expected})");
        assert!(err.contains("rule `"), "{err}");
    }
}

#[test]
fn spec_list_prints_a_requests_rules_after_its_rows() {
    let spec = with_rules(&rule(ANY)).unwrap();
    let lines = payone_spec::list::list(&[spec], None, None);
    assert_eq!(
        lines.last().map(String::as_str),
        Some(
            "frontend\tauthorization\trule r\tat least one of customerid, narrative_text is required"
        )
    );
}
