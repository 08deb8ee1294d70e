//! The maintainer's overlay (`spec/overlay/<api>.toml`) and how it is applied to the rows a
//! reader took from the page.

use serde::Deserialize;

use super::{ImportError, PageRow};
use crate::format::Format;
use crate::model::{ApiInfo, Group, ListValue, ParamSpec, RequestSpec, Required, SpecFile};

/// The maintainer's refinements that import keeps.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// `[api]` of the output.
    pub api: Option<ApiInfo>,
    /// Groups: matched to the page's headings by `heading`; `params` claims rows of a heading
    /// that several groups share (seed 004's basket arrays).
    #[serde(default, rename = "group")]
    pub groups: Vec<OverlayGroup>,
    /// Requests, copied as they are.
    #[serde(default, rename = "request")]
    pub requests: Vec<RequestSpec>,
    /// Per-row refinements, matched by `name` (and `group` when given).
    #[serde(default, rename = "param")]
    pub params: Vec<OverlayParam>,
}

/// `[[group]]` of an overlay.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayGroup {
    /// The group as in a spec file.
    #[serde(flatten)]
    pub group: Group,
    /// Rows of the heading that belong to this group (default: all not claimed by another).
    #[serde(default)]
    pub params: Vec<String>,
}

/// `[[param]]` of an overlay: every key but `name`/`group` replaces what the page says.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayParam {
    /// The row's wire name.
    pub name: String,
    /// The row's group, when the name occurs in several (required with `add`).
    pub group: Option<String>,
    /// A row the page does not have: added to `group` after the row named `after` (default:
    /// after the group's last row); `required`, `hash` and `format` must then be given.
    #[serde(default)]
    pub add: bool,
    /// With `add`: the row of the same group it follows.
    pub after: Option<String>,
    /// Corrected Required.
    pub required: Option<Required>,
    /// Corrected UsedInHash.
    pub hash: Option<bool>,
    /// Corrected format (a typo on the page).
    pub format: Option<String>,
    /// Corrected description.
    pub doc: Option<String>,
    /// Corrected symbols.
    pub symbols: Option<String>,
    /// LIST values.
    pub values: Option<Vec<ListValue>>,
    /// LIST of a standard.
    pub values_from: Option<String>,
    /// LIST without values.
    pub unlisted: Option<bool>,
    /// Permitted values prose.
    pub range: Option<String>,
    /// Notes (prose of the row and "Spec note:" remarks).
    pub notes: Option<Vec<String>>,
    /// Supplied by the configuration.
    pub account: Option<bool>,
    /// Never printed.
    pub sensitive: Option<bool>,
    /// `digits`.
    pub repr: Option<String>,
    /// Rust type name.
    pub rust: Option<String>,
    /// Where the row comes from (an `add` row taken from another seed).
    pub source: Option<String>,
    /// The name as the page writes it, when it is not the wire name (seed 001's `portalId`).
    pub page_name: Option<String>,
}

fn snake(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

fn camel(id: &str) -> String {
    id.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The page's rows with the overlay applied: groups by heading, refinements, `add` rows.
pub(super) fn assemble(
    rows: Vec<PageRow>,
    mut errors: Vec<ImportError>,
    overlay: &Overlay,
    api: (&str, &str),
) -> Result<SpecFile, Vec<ImportError>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut params = Vec::new();
    for row in &rows {
        let candidates: Vec<&OverlayGroup> = overlay
            .groups
            .iter()
            .filter(|g| g.group.heading == row.heading)
            .collect();
        let group = candidates
            .iter()
            .find(|g| g.params.contains(&row.name))
            .or_else(|| candidates.iter().find(|g| g.params.is_empty()))
            .map(|g| g.group.clone())
            .unwrap_or_else(|| {
                let id = snake(&row.heading);
                Group {
                    rust: camel(&id),
                    id,
                    heading: row.heading.clone(),
                    selected_by: None,
                    array: None,
                    doc: None,
                }
            });
        if row.array && group.array.is_none() {
            errors.push(ImportError {
                line: row.line,
                message: format!(
                    "`{}[n]` is indexed but its group `{}` has no `array` in the overlay",
                    row.name, group.id
                ),
            });
        }
        let refine = overlay.params.iter().find(|p| {
            !p.add
                && *p.page_name.as_ref().unwrap_or(&p.name) == row.name
                && p.group.as_ref().is_none_or(|g| *g == group.id)
        });
        let (format_line, format) = row.format.clone().unwrap_or((row.line, String::new()));
        let mut p = ParamSpec {
            name: refine.map_or_else(|| row.name.clone(), |r| r.name.clone()),
            group: group.id.clone(),
            required: row.required,
            hash: row.hash,
            format,
            doc: (!row.doc.is_empty()).then(|| row.doc.join(" ")),
            symbols: row.symbols.clone(),
            values: row.values.clone(),
            values_from: None,
            unlisted: false,
            range: None,
            notes: row.rest.clone(),
            account: false,
            sensitive: false,
            repr: None,
            source: None,
            rust: None,
        };
        apply(&mut p, refine);
        check(&p, row.line, format_line, &mut errors);
        if !groups.iter().any(|g| g.id == group.id) {
            groups.push(group);
        }
        params.push(p);
    }
    // Overlay rows that match nothing are reported; `add` rows are inserted.
    for r in &overlay.params {
        let group = r.group.clone().unwrap_or_default();
        if !r.add {
            if !params
                .iter()
                .any(|p| p.name == r.name && r.group.as_ref().is_none_or(|g| *g == p.group))
            {
                errors.push(ImportError {
                    line: 0,
                    message: format!(
                        "[[param]] `{}`{}: no such row on the page (`add = true` adds one)",
                        r.name,
                        r.group
                            .as_ref()
                            .map(|g| format!(" (group `{g}`)"))
                            .unwrap_or_default()
                    ),
                });
            }
            continue;
        }
        let missing: Vec<&str> = [
            ("group", r.group.is_none()),
            ("required", r.required.is_none()),
            ("hash", r.hash.is_none()),
            ("format", r.format.is_none()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(k, _)| *k)
        .collect();
        if !missing.is_empty() {
            errors.push(ImportError {
                line: 0,
                message: format!(
                    "[[param]] `{}` with `add = true` needs {}",
                    r.name,
                    missing.join(", ")
                ),
            });
            continue;
        }
        if params.iter().any(|p| p.name == r.name && p.group == group) {
            errors.push(ImportError {
                line: 0,
                message: format!(
                    "[[param]] `{}` with `add = true`: the page already has it in group `{group}`",
                    r.name
                ),
            });
            continue;
        }
        // A group of the overlay that no row of the page falls in (seed 001 tables none of the
        // creditcardcheck parameters) gets its `add` rows at the end.
        let at = match &r.after {
            Some(after) => params
                .iter()
                .rposition(|p| p.group == group && p.name == *after)
                .map(|k| k + 1),
            None => params
                .iter()
                .rposition(|p| p.group == group)
                .map(|k| k + 1)
                .or_else(|| {
                    overlay
                        .groups
                        .iter()
                        .any(|g| g.group.id == group)
                        .then_some(params.len())
                }),
        };
        let Some(at) = at else {
            errors.push(ImportError {
                line: 0,
                message: format!(
                    "[[param]] `{}` with `add = true`: group `{group}` has no row {}",
                    r.name,
                    r.after
                        .as_ref()
                        .map(|a| format!("`{a}`"))
                        .unwrap_or_else(|| "on the page".into())
                ),
            });
            continue;
        };
        let mut p = ParamSpec {
            name: r.name.clone(),
            group: group.clone(),
            required: Required::No,
            hash: false,
            format: String::new(),
            doc: None,
            symbols: None,
            values: Vec::new(),
            values_from: None,
            unlisted: false,
            range: None,
            notes: Vec::new(),
            account: false,
            sensitive: false,
            repr: None,
            source: None,
            rust: None,
        };
        apply(&mut p, Some(r));
        check(&p, 0, 0, &mut errors);
        params.insert(at, p);
    }
    finish(overlay, groups, params, errors, api)
}

/// Every key of the overlay row replaces what the page says.
fn apply(p: &mut ParamSpec, refine: Option<&OverlayParam>) {
    if let Some(r) = refine {
        macro_rules! take {
                ($($f:ident),*) => { $( if let Some(v) = &r.$f { p.$f = v.clone(); } )* };
            }
        take!(
            required, hash, format, values, unlisted, notes, account, sensitive
        );
        macro_rules! take_opt {
                ($($f:ident),*) => { $( if r.$f.is_some() { p.$f = r.$f.clone(); } )* };
            }
        take_opt!(doc, symbols, values_from, range, repr, rust, source);
    }
}

/// The format parses and a LIST has its values.
fn check(p: &ParamSpec, name_line: usize, format_line: usize, errors: &mut Vec<ImportError>) {
    if p.format.is_empty() {
        errors.push(ImportError {
            line: name_line,
            message: format!(
                "`{}`: no Format line (give `format` in the overlay)",
                p.name
            ),
        });
    } else if let Err(e) = Format::parse(&p.format) {
        errors.push(ImportError {
            line: format_line,
            message: format!("`{}`: format `{}`: {e}", p.name, p.format),
        });
    }
    if p.format == "LIST"
        && p.name != "request"
        && p.values.is_empty()
        && p.values_from.is_none()
        && !p.unlisted
    {
        errors.push(ImportError {
                line: format_line,
                message: format!(
                    "`{}`: LIST values are not machine-readable in this export; give `values`, `values_from` or `unlisted` in the overlay",
                    p.name
                ),
            });
    }
}

fn finish(
    overlay: &Overlay,
    groups: Vec<Group>,
    params: Vec<ParamSpec>,
    mut errors: Vec<ImportError>,
    (name, title): (&str, &str),
) -> Result<SpecFile, Vec<ImportError>> {
    // Overlay groups keep their order (a page's shared heading yields several).
    let mut ordered: Vec<Group> = overlay
        .groups
        .iter()
        .map(|g| g.group.clone())
        .filter(|g| groups.iter().any(|h| h.id == g.id) || params.iter().any(|p| p.group == g.id))
        .collect();
    for g in groups {
        if !ordered.iter().any(|o| o.id == g.id) {
            ordered.push(g);
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    Ok(SpecFile {
        api: overlay.api.clone().unwrap_or(ApiInfo {
            name: name.into(),
            title: title.into(),
            source: "import".into(),
            endpoint: String::new(),
            doc: None,
        }),
        groups: ordered,
        requests: overlay.requests.clone(),
        params,
        objects: Vec::new(),
        operations: Vec::new(),
    })
}
