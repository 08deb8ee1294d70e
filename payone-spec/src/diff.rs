//! `payone spec diff`: what changed between two sets of spec files, per api and request, each
//! change with its semver impact on the generated API (`payone-types/src/generated/`).
//!
//! The rules follow from what the generator emits:
//!
//! * request structs and group structs are `#[non_exhaustive]` and a required row is a field of
//!   type `T`, an optional or conditional row `Option<T>`;
//! * LIST enums (`PayoneList`) and the payment-method choice enum (`PayoneChoice`) are **not**
//!   `#[non_exhaustive]`, so a new variant breaks every exhaustive `match` on them.
//!
//! | change | impact | why |
//! |---|---|---|
//! | parameter added, required | major | the request needs a value callers do not supply |
//! | parameter added, optional / conditional | minor | a new `Option<T>` field of a `#[non_exhaustive]` struct |
//! | parameter removed | major | the field disappears |
//! | format changes the generated type (`CHAR` → `NUMERIC`, `u32` → `u64`, → `LIST`) | major | "changes type": the field's type changes |
//! | format widens within the same type (`CHAR(1..20)` → `CHAR(1..30)`, `AN, 30` → `AN, 40`, `NUMERIC(5..6)` → `NUMERIC(4..9)`) | minor | "widens": every value valid before still is |
//! | format narrows (or narrows one way and widens another) within the same type | major | "narrows": values valid before are refused now |
//! | format rewritten, same type and values (`AN, 30` → `CHAR(1..30)`) | patch | nothing a caller can notice |
//! | value range (`range`) widened / narrowed / making the type signed | minor / major / major | as for formats |
//! | permitted symbols added (or dropped: any character) | minor | "widens" |
//! | permitted symbols removed or replaced (or added where there were none) | major | "narrows" |
//! | a format, range or symbols the grammar cannot parse on either side | major | nothing can be said, so the worst is assumed |
//! | required → optional / conditional, optional / conditional → required | major | the field type changes between `T` and `Option<T>` |
//! | optional ↔ conditional | minor | the field stays `Option<T>`; only validation changes |
//! | UsedInHash flipped | major | the hashed set changes every signature of the request |
//! | LIST value added | major | the generated enum gains a variant and is not `#[non_exhaustive]` |
//! | LIST value removed | major | the variant disappears |
//! | LIST values source (`values_from`, `unlisted`) changed | major | the value type changes |
//! | `repeat` set or cleared | major | the field type changes between `Option<T>` and `Vec<T>` |
//! | description changed (of a parameter, a request or a LIST value), notes changed | patch | documentation only |
//! | Rust name (`rust`) of a request, group, parameter or LIST value changed | major | the generated request type, group type, value type or enum variant is renamed |
//! | `sensitive` turned on | patch | values are redacted in `Debug` and errors from now on |
//! | `sensitive` turned off | patch, flagged `security` | values are no longer redacted in `Debug` and errors: a reviewer must agree |
//! | `account` changed | major | the parameter moves between the request and the account configuration |
//! | `checksum` added | major | values accepted before are refused now |
//! | `checksum` removed | minor | values refused before are accepted now |
//! | conditional rule (`[[rule]]`) added to a request | major | requests valid before are refused now |
//! | rule changed so that it refuses more (`any_of` with fewer parameters, `one_of` with larger sets, `only_when` with fewer values, `required_when` with more, another kind, parameter or block) | major | "tightened" |
//! | rule changed so that it refuses less (the reverse) | minor | "loosened": every request valid before still is |
//! | rule's `doc` or `source` changed | patch | documentation only |
//! | rule removed from a request | minor | every request valid before still is |
//! | request / api added | minor | new types only |
//! | request / api removed | major | types disappear |
//! | v2 object or operation added | minor | new types only |
//! | v2 object or operation removed | major | types disappear |
//! | v2 operation's method, path, request or answer object changed | major | the operation sends or answers other types |
//! | v2 member's nested object (`object`) or `array` changed | major | the field's type changes |
//!
//! A v2 object is a `#[non_exhaustive]` struct like a request, so its members follow the
//! parameter rules above: a member added required is major, added optional minor, removed major;
//! made required (or no longer required) major; a LIST value removed major, and added major as
//! well, since the LIST enums of the v2 members are the same exhaustive enums.
//!
//! The generated type of a row and the values it accepts come from `values` (the generator's
//! type choice, the format grammar's sets).

use std::fmt;

use serde::Serialize;

use crate::load::{Row, Spec};
use crate::model::{Required, RuleSpec};

mod values;

use values::{Compare, Judgement};

/// Semver impact of a change, ordered `patch < minor < major`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Documentation only.
    Patch,
    /// Additions that compile with existing callers.
    Minor,
    /// Breaks existing callers.
    Major,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        })
    }
}

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A new spec file.
    ApiAdded,
    /// A spec file gone.
    ApiRemoved,
    /// A new request.
    RequestAdded,
    /// A request gone.
    RequestRemoved,
    /// A new parameter of a request.
    ParamAdded,
    /// A parameter a request no longer carries.
    ParamRemoved,
    /// The Format line.
    FormatChanged,
    /// The Permitted Symbols.
    SymbolsChanged,
    /// The value range of a number (`range`).
    RangeChanged,
    /// The Required column (after the request's overrides).
    RequiredChanged,
    /// The UsedInHash column (after the request's `hash` list).
    HashChanged,
    /// A new LIST value.
    ValueAdded,
    /// A LIST value gone.
    ValueRemoved,
    /// `values_from` / `unlisted` changed.
    ValuesSourceChanged,
    /// `repeat` set or cleared.
    RepeatChanged,
    /// The description (of a parameter, or with no `param` of the request).
    DocChanged,
    /// A parameter's notes.
    NotesChanged,
    /// The description or note of one LIST value.
    ValueDocChanged,
    /// The Rust name (`rust`) of a request, a group (`param` is `group {id}`), a parameter or
    /// (with the value as `old`/`new` prefix) a LIST value.
    RustNameChanged,
    /// `sensitive`: whether values are redacted.
    SensitiveChanged,
    /// `account`: whether the value comes from the account configuration.
    AccountChanged,
    /// `checksum`: the check digits a value must carry.
    ChecksumChanged,
    /// A new v2 object (`request` names it).
    ObjectAdded,
    /// A v2 object gone.
    ObjectRemoved,
    /// A v2 member's nested object (`object`) changed.
    ObjectChanged,
    /// A v2 member became a JSON array or stopped being one.
    ArrayChanged,
    /// A v2 operation's method, path, request or answer object changed.
    OperationChanged,
    /// A conditional rule now applies to the request (`param` is `rule {id}`).
    RuleAdded,
    /// A conditional rule no longer applies to the request.
    RuleRemoved,
    /// What a conditional rule demands, or where it applies.
    RuleChanged,
    /// A conditional rule's `doc` or `source`.
    RuleDocChanged,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The api (`frontend` ...).
    pub api: String,
    /// The request, for request and parameter changes; for the v2 API the operation
    /// (`create_payment`) or the object (`AmountOfMoney`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The parameter as `spec list` writes it (`it[n]`), with `@group` when the request
    /// carries the name from two groups; for the v2 API the member of the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// What changed.
    pub kind: Kind,
    /// The old value, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The new value, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// The semver impact.
    pub impact: Impact,
    /// What a format, range or symbols change does to the accepted values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// Why that impact.
    pub reason: String,
    /// A change a security review must see, whatever its semver impact (redaction turned off).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub security: bool,
}

/// What a change of a format, value range or permitted symbols does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The same type; every value valid before still is, and more are.
    Widens,
    /// The same type; some values valid before are refused now.
    Narrows,
    /// The generated type of the field changes.
    ChangesType,
    /// The same type and the same values: the text was rewritten.
    Rewritten,
}

/// All changes, in api, request and row order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
    /// The largest impact; `None` when nothing changed.
    pub impact: Option<Impact>,
}

/// Compares two sets of specs (each at most one file per api).
pub fn diff(old: &[Spec], new: &[Spec]) -> Diff {
    let mut changes = Vec::new();
    let mut apis: Vec<&str> = old.iter().map(Spec::api).collect();
    for spec in new {
        if !apis.contains(&spec.api()) {
            apis.push(spec.api());
        }
    }
    for api in apis {
        let o = old.iter().find(|s| s.api() == api);
        let n = new.iter().find(|s| s.api() == api);
        match (o, n) {
            (Some(o), Some(n)) => diff_api(o, n, &mut changes),
            (None, Some(_)) => changes.push(Change {
                api: api.to_owned(),
                request: None,
                param: None,
                kind: Kind::ApiAdded,
                old: None,
                new: None,
                impact: Impact::Minor,
                effect: None,
                reason: "new request types only".into(),
                security: false,
            }),
            (Some(_), None) => changes.push(Change {
                api: api.to_owned(),
                request: None,
                param: None,
                kind: Kind::ApiRemoved,
                old: None,
                new: None,
                impact: Impact::Major,
                effect: None,
                reason: "its request types disappear".into(),
                security: false,
            }),
            (None, None) => {}
        }
    }
    let impact = changes.iter().map(|c| c.impact).max();
    Diff { changes, impact }
}

fn diff_api(old: &Spec, new: &Spec, changes: &mut Vec<Change>) {
    let api = old.api();
    // A group's Rust name is the generated struct (or block) of every request that has it.
    for group in &new.file.groups {
        let Some(before) = old.file.groups.iter().find(|g| g.id == group.id) else {
            continue;
        };
        if before.rust != group.rust {
            changes.push(Change {
                api: api.to_owned(),
                request: None,
                param: Some(format!("group {}", group.id)),
                kind: Kind::RustNameChanged,
                old: Some(before.rust.clone()),
                new: Some(group.rust.clone()),
                impact: Impact::Major,
                effect: None,
                reason: "the group's generated type is renamed".to_owned(),
                security: false,
            });
        }
    }
    let mut requests: Vec<&str> = old.file.requests.iter().map(|r| r.name.as_str()).collect();
    for r in &new.file.requests {
        if !requests.contains(&r.name.as_str()) {
            requests.push(&r.name);
        }
    }
    for request in requests {
        let in_old = old.file.requests.iter().any(|r| r.name == request);
        let in_new = new.file.requests.iter().any(|r| r.name == request);
        let at = |kind, impact, reason: &str| Change {
            api: api.to_owned(),
            request: Some(request.to_owned()),
            param: None,
            kind,
            old: None,
            new: None,
            impact,
            effect: None,
            reason: reason.to_owned(),
            security: false,
        };
        match (in_old, in_new) {
            (true, true) => {
                let find =
                    |s: &'_ Spec| s.file.requests.iter().find(|r| r.name == request).cloned();
                let (o, n) = (find(old).expect("in old"), find(new).expect("in new"));
                if o.rust != n.rust {
                    changes.push(Change {
                        old: Some(o.rust.clone()),
                        new: Some(n.rust.clone()),
                        ..at(
                            Kind::RustNameChanged,
                            Impact::Major,
                            "the request type is renamed",
                        )
                    });
                }
                if o.doc != n.doc {
                    changes.push(at(Kind::DocChanged, Impact::Patch, "documentation only"));
                }
                diff_rows(
                    api,
                    request,
                    &old.rows(request),
                    &new.rows(request),
                    changes,
                );
                diff_rules(
                    old,
                    new,
                    &old.request_rules(request),
                    &new.request_rules(request),
                    &at,
                    changes,
                );
            }
            (false, true) => {
                changes.push(at(Kind::RequestAdded, Impact::Minor, "a new request type"))
            }
            (true, false) => changes.push(at(
                Kind::RequestRemoved,
                Impact::Major,
                "the request type disappears",
            )),
            (false, false) => {}
        }
    }
    diff_operations(api, old, new, changes);
    diff_objects(api, old, new, changes);
}

/// The v2 API's operations: added (minor), removed (major), or with another method, path,
/// request or answer object (major: the generated operation type changes).
fn diff_operations(api: &str, old: &Spec, new: &Spec, changes: &mut Vec<Change>) {
    let at = |name: &str, kind, impact, reason: &str| Change {
        api: api.to_owned(),
        request: Some(name.to_owned()),
        param: None,
        kind,
        old: None,
        new: None,
        impact,
        effect: None,
        reason: reason.to_owned(),
        security: false,
    };
    for o in &old.file.operations {
        if !new.file.operations.iter().any(|n| n.name == o.name) {
            changes.push(at(
                &o.name,
                Kind::RequestRemoved,
                Impact::Major,
                "the operation type disappears",
            ));
        }
    }
    for n in &new.file.operations {
        let Some(o) = old.file.operations.iter().find(|o| o.name == n.name) else {
            changes.push(at(
                &n.name,
                Kind::RequestAdded,
                Impact::Minor,
                "a new operation type",
            ));
            continue;
        };
        let shown = |op: &crate::model::OperationSpec| {
            format!(
                "{} {} ({} -> {})",
                op.method,
                op.path,
                op.request.as_deref().unwrap_or("no body"),
                op.response.as_deref().unwrap_or("no body")
            )
        };
        if (&o.method, &o.path, &o.request, &o.response)
            != (&n.method, &n.path, &n.request, &n.response)
        {
            changes.push(Change {
                old: Some(shown(o)),
                new: Some(shown(n)),
                ..at(
                    &n.name,
                    Kind::OperationChanged,
                    Impact::Major,
                    "the operation sends or answers other types",
                )
            });
        }
        if o.rust != n.rust {
            changes.push(Change {
                old: Some(o.rust.clone()),
                new: Some(n.rust.clone()),
                ..at(
                    &n.name,
                    Kind::RustNameChanged,
                    Impact::Major,
                    "the operation type is renamed",
                )
            });
        }
        if o.doc != n.doc {
            changes.push(at(
                &n.name,
                Kind::DocChanged,
                Impact::Patch,
                "documentation only",
            ));
        }
    }
}

/// The v2 API's objects, by Rust name, and their members with the parameter rules: a generated
/// object is a `#[non_exhaustive]` struct whose required member is a `T` (an array a `Vec<T>`),
/// an optional or conditional one an `Option<T>`.
fn diff_objects(api: &str, old: &Spec, new: &Spec, changes: &mut Vec<Change>) {
    let at = |object: &str, kind, impact, reason: &str| Change {
        api: api.to_owned(),
        request: Some(object.to_owned()),
        param: None,
        kind,
        old: None,
        new: None,
        impact,
        effect: None,
        reason: reason.to_owned(),
        security: false,
    };
    for o in &old.file.objects {
        if crate::objects::object(&new.file, &o.rust).is_none() {
            changes.push(at(
                &o.rust,
                Kind::ObjectRemoved,
                Impact::Major,
                "the object type disappears",
            ));
        }
    }
    for n in &new.file.objects {
        let Some(o) = crate::objects::object(&old.file, &n.rust) else {
            changes.push(at(
                &n.rust,
                Kind::ObjectAdded,
                Impact::Minor,
                "a new object type",
            ));
            continue;
        };
        if o.doc != n.doc {
            changes.push(at(
                &n.rust,
                Kind::DocChanged,
                Impact::Patch,
                "documentation only",
            ));
        }
        let change = |param: String,
                      kind,
                      old: Option<String>,
                      new: Option<String>,
                      impact,
                      reason: &str| Change {
            param: Some(param),
            old,
            new,
            ..at(&n.rust, kind, impact, reason)
        };
        for of in o
            .fields
            .iter()
            .filter(|f| !n.fields.iter().any(|g| g.name == f.name))
        {
            changes.push(change(
                of.name.clone(),
                Kind::ParamRemoved,
                Some(required_word(of.required).to_owned()),
                None,
                Impact::Major,
                "the field disappears",
            ));
        }
        for nf in &n.fields {
            let Some(of) = o.fields.iter().find(|f| f.name == nf.name) else {
                let (impact, reason) = match nf.required {
                    Required::Yes => (
                        Impact::Major,
                        "a new required field: callers must supply it",
                    ),
                    _ => (
                        Impact::Minor,
                        "a new Option<T> field of a #[non_exhaustive] struct",
                    ),
                };
                changes.push(change(
                    nf.name.clone(),
                    Kind::ParamAdded,
                    None,
                    Some(required_word(nf.required).to_owned()),
                    impact,
                    reason,
                ));
                continue;
            };
            if of.object != nf.object {
                let shown = |f: &crate::model::FieldSpec| {
                    f.object.clone().unwrap_or_else(|| f.format.clone())
                };
                if of.format == nf.format {
                    changes.push(change(
                        nf.name.clone(),
                        Kind::ObjectChanged,
                        Some(shown(of)),
                        Some(shown(nf)),
                        Impact::Major,
                        "the field's type changes",
                    ));
                }
            }
            if of.array != nf.array {
                let shown = |array: bool| if array { "array" } else { "single" }.to_owned();
                changes.push(change(
                    nf.name.clone(),
                    Kind::ArrayChanged,
                    Some(shown(of.array)),
                    Some(shown(nf.array)),
                    Impact::Major,
                    "the field type changes between T and Vec<T>",
                ));
            }
            let (op, np) = (
                crate::objects::as_param(of, o),
                crate::objects::as_param(nf, n),
            );
            diff_param(
                &nf.name,
                (&op, of.required, false),
                (&np, nf.required, false),
                &change,
                changes,
            );
        }
    }
}

/// The conditional rules of one request, matched by id: added (major), removed (minor),
/// tightened or changed (major), loosened (minor), documentation (patch).
fn diff_rules(
    old_spec: &Spec,
    new_spec: &Spec,
    old: &[&RuleSpec],
    new: &[&RuleSpec],
    at: &dyn Fn(Kind, Impact, &str) -> Change,
    changes: &mut Vec<Change>,
) {
    let named =
        |rule: &RuleSpec, kind, old: Option<String>, new: Option<String>, impact, why| Change {
            param: Some(format!("rule {}", rule.id)),
            old,
            new,
            ..at(kind, impact, why)
        };
    for o in old {
        if !new.iter().any(|n| n.id == o.id) {
            changes.push(named(
                o,
                Kind::RuleRemoved,
                Some(o.sentence()),
                None,
                Impact::Minor,
                "requests valid before still are",
            ));
        }
    }
    for n in new {
        let Some(o) = old.iter().find(|o| o.id == n.id) else {
            changes.push(named(
                n,
                Kind::RuleAdded,
                None,
                Some(n.sentence()),
                Impact::Major,
                "requests valid before may be refused now",
            ));
            continue;
        };
        let block = |spec: &Spec, rule: &RuleSpec| {
            spec.group(&rule.group).and_then(|g| g.selected_by.clone())
        };
        let same_place = block(old_spec, o) == block(new_spec, n);
        if o.kind() != n.kind() || !same_place {
            let (impact, why) = match rule_change(o, n) {
                Some(true) if same_place => (
                    Impact::Minor,
                    "loosened: every request valid before still is",
                ),
                _ => (
                    Impact::Major,
                    "tightened or changed: requests valid before may be refused now",
                ),
            };
            changes.push(named(
                n,
                Kind::RuleChanged,
                Some(o.sentence()),
                Some(n.sentence()),
                impact,
                why,
            ));
        } else if o.doc != n.doc || o.source != n.source {
            changes.push(named(
                n,
                Kind::RuleDocChanged,
                None,
                None,
                Impact::Patch,
                "documentation only",
            ));
        }
    }
}

/// Whether the new form of a rule refuses no request the old one accepted (`Some(true)`),
/// refuses some (`Some(false)`), or cannot be compared (another kind or parameter: `None`).
fn rule_change(old: &RuleSpec, new: &RuleSpec) -> Option<bool> {
    use crate::model::{RuleKind, WhenSpec};
    let subset = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
    // The values a condition holds for, as a set; empty: any value.
    let covers = |wide: &WhenSpec, narrow: &WhenSpec| {
        wide.values.is_empty()
            || (!narrow.values.is_empty() && subset(&narrow.values, &wide.values))
    };
    match (old.kind().ok()?, new.kind().ok()?) {
        (RuleKind::AnyOf(o), RuleKind::AnyOf(n)) => Some(subset(o, n)),
        // Every complete old set holds a complete new one.
        (RuleKind::OneOf(o), RuleKind::OneOf(n)) => {
            Some(o.iter().all(|s| n.iter().any(|t| subset(t, s))))
        }
        (RuleKind::OnlyWhen(op, ow), RuleKind::OnlyWhen(np, nw))
            if op == np && ow.param == nw.param =>
        {
            Some(covers(nw, ow))
        }
        (RuleKind::RequiredWhen(op, ow), RuleKind::RequiredWhen(np, nw))
            if op == np && ow.param == nw.param =>
        {
            Some(covers(ow, nw))
        }
        _ => None,
    }
}

/// `name` or `name[n]`.
fn list_name(row: &Row<'_>) -> String {
    if row.group.array.is_some() {
        format!("{}[n]", row.param.name)
    } else {
        row.param.name.clone()
    }
}

fn same_row(a: &Row<'_>, b: &Row<'_>) -> bool {
    a.param.name == b.param.name && a.group.id == b.group.id
}

/// The parameter as the diff names it: `@group` added when the request has the name twice.
fn display_name(row: &Row<'_>, rows: &[Row<'_>]) -> String {
    let name = list_name(row);
    if rows
        .iter()
        .filter(|r| r.param.name == row.param.name)
        .count()
        > 1
    {
        format!("{name}@{}", row.group.id)
    } else {
        name
    }
}

fn required_word(r: Required) -> &'static str {
    r.as_list_word()
}

fn diff_rows(
    api: &str,
    request: &str,
    old: &[Row<'_>],
    new: &[Row<'_>],
    changes: &mut Vec<Change>,
) {
    let change =
        |param: String, kind, old: Option<String>, new: Option<String>, impact, reason: &str| {
            Change {
                api: api.to_owned(),
                request: Some(request.to_owned()),
                param: Some(param),
                kind,
                old,
                new,
                impact,
                effect: None,
                reason: reason.to_owned(),
                security: false,
            }
        };
    for o in old.iter().filter(|o| !new.iter().any(|n| same_row(o, n))) {
        changes.push(change(
            display_name(o, old),
            Kind::ParamRemoved,
            Some(required_word(o.required).to_owned()),
            None,
            Impact::Major,
            "the field disappears",
        ));
    }
    for n in new {
        let name = display_name(n, new);
        let Some(o) = old.iter().find(|o| same_row(o, n)) else {
            let (impact, reason) = match n.required {
                Required::Yes => (
                    Impact::Major,
                    "a new required field: callers must supply it",
                ),
                _ => (
                    Impact::Minor,
                    "a new Option<T> field of a #[non_exhaustive] struct",
                ),
            };
            changes.push(change(
                name,
                Kind::ParamAdded,
                None,
                Some(required_word(n.required).to_owned()),
                impact,
                reason,
            ));
            continue;
        };
        diff_param(
            &name,
            (o.param, o.required, o.hash),
            (n.param, n.required, n.hash),
            &change,
            changes,
        );
    }
}

/// Builds a change of one parameter: its name, the kind, old and new value, impact and reason.
type MakeChange<'a> =
    dyn Fn(String, Kind, Option<String>, Option<String>, Impact, &str) -> Change + 'a;

/// The changes of one parameter (or v2 member) present on both sides: `old` and `new` with
/// their Required and UsedInHash as the request has them; `change` builds a change of it.
fn diff_param(
    name: &str,
    old: (&crate::model::ParamSpec, Required, bool),
    new: (&crate::model::ParamSpec, Required, bool),
    change: &MakeChange<'_>,
    changes: &mut Vec<Change>,
) {
    let name = name.to_owned();
    let (op, o_required, o_hash) = old;
    let (np, n_required, n_hash) = new;
    if op.format != np.format {
        changes.push(judged(
            change(
                name.clone(),
                Kind::FormatChanged,
                Some(op.format.clone()),
                Some(np.format.clone()),
                Impact::Major,
                "",
            ),
            values::format_change(op, np),
            "format",
        ));
    }
    if op.range != np.range {
        let shown = |r: &Option<String>| r.clone().unwrap_or_else(|| "none".to_owned());
        changes.push(judged(
            change(
                name.clone(),
                Kind::RangeChanged,
                Some(shown(&op.range)),
                Some(shown(&np.range)),
                Impact::Major,
                "",
            ),
            values::range_change(op, np),
            "value range",
        ));
    }
    if op.symbols != np.symbols {
        let compare = values::symbols_change(op.symbols.as_deref(), np.symbols.as_deref());
        // Symbols constrain text values without choosing the type.
        let judgement = compare.map_or(Judgement::Unknown, |c| Judgement::Values(c, String::new()));
        let shown = |s: &Option<String>| s.clone().unwrap_or_else(|| "any".to_owned());
        changes.push(judged(
            change(
                name.clone(),
                Kind::SymbolsChanged,
                Some(shown(&op.symbols)),
                Some(shown(&np.symbols)),
                Impact::Major,
                "",
            ),
            judgement,
            "permitted symbols",
        ));
    }
    if op.checksum != np.checksum {
        // Check digits refuse values the row accepted before; dropping them accepts more.
        let (impact, reason) = match np.checksum {
            Some(_) => (Impact::Major, "values accepted before are refused now"),
            None => (Impact::Minor, "values refused before are accepted now"),
        };
        let shown = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".to_owned());
        changes.push(change(
            name.clone(),
            Kind::ChecksumChanged,
            Some(shown(&op.checksum)),
            Some(shown(&np.checksum)),
            impact,
            reason,
        ));
    }
    if o_required != n_required {
        let (impact, reason) = match (o_required, n_required) {
            (Required::Yes, _) => (Impact::Major, "the field type changes from T to Option<T>"),
            (_, Required::Yes) => (
                Impact::Major,
                "the field type changes from Option<T> to T: callers must supply it",
            ),
            _ => (
                Impact::Minor,
                "the field stays Option<T>; only validation changes",
            ),
        };
        changes.push(change(
            name.clone(),
            Kind::RequiredChanged,
            Some(required_word(o_required).to_owned()),
            Some(required_word(n_required).to_owned()),
            impact,
            reason,
        ));
    }
    if o_hash != n_hash {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        changes.push(change(
            name.clone(),
            Kind::HashChanged,
            Some(yes_no(o_hash)),
            Some(yes_no(n_hash)),
            Impact::Major,
            "the hashed set changes every signature of the request",
        ));
    }
    if op.repeat != np.repeat {
        let shown = |repeat: bool| if repeat { "repeated" } else { "once" }.to_owned();
        changes.push(change(
            name.clone(),
            Kind::RepeatChanged,
            Some(shown(op.repeat)),
            Some(shown(np.repeat)),
            Impact::Major,
            "the field type changes between Option<T> and Vec<T>",
        ));
    }
    if op.values_from != np.values_from || op.unlisted != np.unlisted {
        let source = |p: &crate::model::ParamSpec| match (&p.values_from, p.unlisted) {
            (Some(s), _) => s.clone(),
            (None, true) => "unlisted".to_owned(),
            (None, false) => "values".to_owned(),
        };
        changes.push(change(
            name.clone(),
            Kind::ValuesSourceChanged,
            Some(source(op)),
            Some(source(np)),
            Impact::Major,
            "the LIST's value type changes",
        ));
    }
    for v in op
        .values
        .iter()
        .filter(|v| !np.values.iter().any(|w| w.value == v.value))
    {
        changes.push(change(
            name.clone(),
            Kind::ValueRemoved,
            Some(v.value.clone()),
            None,
            Impact::Major,
            "the enum variant disappears",
        ));
    }
    for v in np
        .values
        .iter()
        .filter(|v| !op.values.iter().any(|w| w.value == v.value))
    {
        changes.push(change(
            name.clone(),
            Kind::ValueAdded,
            None,
            Some(v.value.clone()),
            Impact::Major,
            "the enum gains a variant; generated LIST enums are not #[non_exhaustive], so exhaustive matches break",
        ));
    }
    if op.doc != np.doc {
        changes.push(change(
            name.clone(),
            Kind::DocChanged,
            None,
            None,
            Impact::Patch,
            "documentation only",
        ));
    }
    generated_names_and_docs(op, np, |kind, old, new, impact, reason| {
        let security = kind == Kind::SensitiveChanged && !np.sensitive;
        changes.push(Change {
            security,
            ..change(name.clone(), kind, old, new, impact, reason)
        });
    });
}

/// What the generated API takes beside the values: Rust names, redaction, where the value
/// comes from, and the documentation of the row and its LIST values.
fn generated_names_and_docs(
    op: &crate::model::ParamSpec,
    np: &crate::model::ParamSpec,
    mut push: impl FnMut(Kind, Option<String>, Option<String>, Impact, &str),
) {
    let rust = |r: &Option<String>| r.clone().unwrap_or_else(|| "default".to_owned());
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    if op.rust != np.rust {
        push(
            Kind::RustNameChanged,
            Some(rust(&op.rust)),
            Some(rust(&np.rust)),
            Impact::Major,
            "the parameter's generated value type is renamed",
        );
    }
    for v in &np.values {
        let Some(w) = op.values.iter().find(|w| w.value == v.value) else {
            continue;
        };
        if w.rust != v.rust {
            push(
                Kind::RustNameChanged,
                Some(format!("{}: {}", v.value, rust(&w.rust))),
                Some(format!("{}: {}", v.value, rust(&v.rust))),
                Impact::Major,
                "the enum variant is renamed",
            );
        }
        if w.doc != v.doc || w.note != v.note {
            push(
                Kind::ValueDocChanged,
                Some(v.value.clone()),
                None,
                Impact::Patch,
                "documentation only",
            );
        }
    }
    if op.sensitive != np.sensitive {
        push(
            Kind::SensitiveChanged,
            Some(yes_no(op.sensitive)),
            Some(yes_no(np.sensitive)),
            Impact::Patch,
            if np.sensitive {
                "values are redacted in Debug and errors from now on"
            } else {
                "security: values are no longer redacted in Debug and errors"
            },
        );
    }
    if op.account != np.account {
        push(
            Kind::AccountChanged,
            Some(yes_no(op.account)),
            Some(yes_no(np.account)),
            Impact::Major,
            if np.account {
                "the parameter moves from the request to the account configuration"
            } else {
                "the parameter moves from the account configuration to the request"
            },
        );
    }
    if op.notes != np.notes {
        push(
            Kind::NotesChanged,
            None,
            None,
            Impact::Patch,
            "documentation only",
        );
    }
}

/// The change with the impact, effect and reason its judgement gives; `what` names the
/// constraint in the reason.
fn judged(mut change: Change, judgement: Judgement, what: &str) -> Change {
    let (impact, effect, reason) = match judgement {
        Judgement::ChangesType(old, new) => (
            Impact::Major,
            Some(Effect::ChangesType),
            format!("changes type: the generated field type changes from {old} to {new}"),
        ),
        Judgement::Values(Compare::Widens, ty) => (
            Impact::Minor,
            Some(Effect::Widens),
            if ty.is_empty() {
                "widens: every value valid before still is".to_owned()
            } else {
                format!("widens: the type stays {ty}; every value valid before still is")
            },
        ),
        Judgement::Values(Compare::Narrows, _) => (
            Impact::Major,
            Some(Effect::Narrows),
            "narrows: values valid before are refused now".to_owned(),
        ),
        Judgement::Values(Compare::Shifts, _) => (
            Impact::Major,
            Some(Effect::Narrows),
            "narrows: values valid before are refused now (and others newly accepted)".to_owned(),
        ),
        Judgement::Values(Compare::Same, _) => (
            Impact::Patch,
            Some(Effect::Rewritten),
            format!("{what} rewritten: the same values"),
        ),
        Judgement::Unknown => (
            Impact::Major,
            None,
            format!("{what} changed: the field's type or accepted values may change"),
        ),
    };
    change.impact = impact;
    change.effect = effect;
    change.reason = reason;
    change
}

impl Kind {
    fn words(self) -> &'static str {
        match self {
            Kind::ApiAdded => "api added",
            Kind::ApiRemoved => "api removed",
            Kind::RequestAdded => "request added",
            Kind::RequestRemoved => "request removed",
            Kind::ParamAdded => "added",
            Kind::ParamRemoved => "removed",
            Kind::FormatChanged => "format",
            Kind::SymbolsChanged => "permitted symbols",
            Kind::RangeChanged => "value range",
            Kind::RequiredChanged => "required",
            Kind::HashChanged => "UsedInHash",
            Kind::ValueAdded => "LIST value added",
            Kind::ValueRemoved => "LIST value removed",
            Kind::ValuesSourceChanged => "LIST values source",
            Kind::RepeatChanged => "repeat",
            Kind::DocChanged => "description changed",
            Kind::NotesChanged => "notes changed",
            Kind::ValueDocChanged => "LIST value description changed",
            Kind::RustNameChanged => "Rust name",
            Kind::SensitiveChanged => "sensitive",
            Kind::AccountChanged => "account",
            Kind::ChecksumChanged => "check digits",
            Kind::ObjectAdded => "object added",
            Kind::ObjectRemoved => "object removed",
            Kind::ObjectChanged => "nested object",
            Kind::ArrayChanged => "array",
            Kind::OperationChanged => "operation",
            Kind::RuleAdded => "rule added",
            Kind::RuleRemoved => "rule removed",
            Kind::RuleChanged => "rule changed",
            Kind::RuleDocChanged => "rule documentation changed",
        }
    }
}

/// The text of `payone spec diff`: one line per change
/// (`IMPACT<TAB>api/request<TAB>param: what: old -> new (reason)`), then a summary line that
/// also counts the security-relevant changes, if any.
pub fn render_text(diff: &Diff) -> Vec<String> {
    let mut lines = Vec::new();
    for c in &diff.changes {
        let mut place = c.api.clone();
        if let Some(r) = &c.request {
            place = format!("{place}/{r}");
        }
        let mut what = match &c.param {
            Some(p) => format!("{p}: {}", c.kind.words()),
            None => c.kind.words().to_owned(),
        };
        match (&c.old, &c.new, c.kind) {
            (Some(o), Some(n), _) => what = format!("{what}: {o} -> {n}"),
            (None, Some(n), _) => what = format!("{what}: {n}"),
            (Some(o), None, Kind::ParamRemoved) => what = format!("{what} (was {o})"),
            (Some(o), None, _) => what = format!("{what}: {o}"),
            (None, None, _) => {}
        }
        lines.push(format!("{}\t{place}\t{what} ({})", c.impact, c.reason));
    }
    lines.push(match diff.impact {
        None => "no changes".to_owned(),
        Some(impact) => {
            let count = |i| diff.changes.iter().filter(|c| c.impact == i).count();
            let mut summary = format!(
                "{} change{}: {} major, {} minor, {} patch; overall impact: {impact}",
                diff.changes.len(),
                if diff.changes.len() == 1 { "" } else { "s" },
                count(Impact::Major),
                count(Impact::Minor),
                count(Impact::Patch),
            );
            // A patch can still need a security review: it must not hide in the counts.
            let security = diff.changes.iter().filter(|c| c.security).count();
            if security > 0 {
                summary += &format!("; {security} security-relevant (review before release)");
            }
            summary
        }
    });
    lines
}
