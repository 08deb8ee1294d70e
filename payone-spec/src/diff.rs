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
//! | format changed | major | the field's type or its accepted values change ("format changed") |
//! | permitted symbols added or changed | major | values accepted before may be rejected |
//! | permitted symbols dropped | minor | the check only widens |
//! | required → optional / conditional, optional / conditional → required | major | the field type changes between `T` and `Option<T>` |
//! | optional ↔ conditional | minor | the field stays `Option<T>`; only validation changes |
//! | UsedInHash flipped | major | the hashed set changes every signature of the request |
//! | LIST value added | major | the generated enum gains a variant and is not `#[non_exhaustive]` |
//! | LIST value removed | major | the variant disappears |
//! | LIST values source (`values_from`, `unlisted`) changed | major | the value type changes |
//! | description changed | patch | documentation only |
//! | request / api added | minor | new types only |
//! | request / api removed | major | types disappear |

use std::fmt;

use serde::Serialize;

use crate::load::{Row, Spec};
use crate::model::Required;

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
    /// The description.
    DocChanged,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The api (`frontend` ...).
    pub api: String,
    /// The request, for request and parameter changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The parameter as `spec list` writes it (`it[n]`), with `@group` when the request
    /// carries the name from two groups.
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
    /// Why that impact.
    pub reason: String,
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
                reason: "new request types only".into(),
            }),
            (Some(_), None) => changes.push(Change {
                api: api.to_owned(),
                request: None,
                param: None,
                kind: Kind::ApiRemoved,
                old: None,
                new: None,
                impact: Impact::Major,
                reason: "its request types disappear".into(),
            }),
            (None, None) => {}
        }
    }
    let impact = changes.iter().map(|c| c.impact).max();
    Diff { changes, impact }
}

fn diff_api(old: &Spec, new: &Spec, changes: &mut Vec<Change>) {
    let api = old.api();
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
            reason: reason.to_owned(),
        };
        match (in_old, in_new) {
            (true, true) => diff_rows(
                api,
                request,
                &old.rows(request),
                &new.rows(request),
                changes,
            ),
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
                reason: reason.to_owned(),
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
        let (op, np) = (o.param, n.param);
        if op.format != np.format {
            changes.push(change(
                name.clone(),
                Kind::FormatChanged,
                Some(op.format.clone()),
                Some(np.format.clone()),
                Impact::Major,
                "format changed: the field's type or accepted values change",
            ));
        }
        if op.symbols != np.symbols {
            let (impact, reason) = if np.symbols.is_none() {
                (
                    Impact::Minor,
                    "permitted symbols dropped: the check only widens",
                )
            } else {
                (
                    Impact::Major,
                    "permitted symbols changed: values accepted before may be rejected",
                )
            };
            changes.push(change(
                name.clone(),
                Kind::SymbolsChanged,
                op.symbols.clone(),
                np.symbols.clone(),
                impact,
                reason,
            ));
        }
        if o.required != n.required {
            let (impact, reason) = match (o.required, n.required) {
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
                Some(required_word(o.required).to_owned()),
                Some(required_word(n.required).to_owned()),
                impact,
                reason,
            ));
        }
        if o.hash != n.hash {
            let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
            changes.push(change(
                name.clone(),
                Kind::HashChanged,
                Some(yes_no(o.hash)),
                Some(yes_no(n.hash)),
                Impact::Major,
                "the hashed set changes every signature of the request",
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
    }
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
            Kind::RequiredChanged => "required",
            Kind::HashChanged => "UsedInHash",
            Kind::ValueAdded => "LIST value added",
            Kind::ValueRemoved => "LIST value removed",
            Kind::ValuesSourceChanged => "LIST values source",
            Kind::DocChanged => "description changed",
        }
    }
}

/// The text of `payone spec diff`: one line per change
/// (`IMPACT<TAB>api/request<TAB>param: what: old -> new (reason)`), then a summary line.
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
            format!(
                "{} change{}: {} major, {} minor, {} patch; overall impact: {impact}",
                diff.changes.len(),
                if diff.changes.len() == 1 { "" } else { "s" },
                count(Impact::Major),
                count(Impact::Minor),
                count(Impact::Patch),
            )
        }
    });
    lines
}
