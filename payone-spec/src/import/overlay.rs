//! The maintainer's overlay (`spec/overlay/<api>.toml`) and how it is applied to the rows a
//! reader took from the page.

use serde::Deserialize;

use super::words::{Bracketed, array_max, bracketed, fixed_values, standard};
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
    /// that several groups share (the Frontend parameter page's basket arrays).
    #[serde(default, rename = "group")]
    pub groups: Vec<OverlayGroup>,
    /// Requests, copied as they are.
    #[serde(default, rename = "request")]
    pub requests: Vec<RequestSpec>,
    /// Conditional rules, copied as they are.
    #[serde(default, rename = "rule")]
    pub rules: Vec<crate::model::RuleSpec>,
    /// Per-row refinements, matched by `name` (and `group` when given).
    #[serde(default, rename = "param")]
    pub params: Vec<OverlayParam>,
    /// What holds for every row of a page that lacks a column (DirectLink).
    #[serde(default)]
    pub defaults: OverlayDefaults,
    /// Tables left out (DirectLink: the response attribute tables).
    #[serde(default)]
    pub skip: Vec<OverlaySkip>,
}

/// `[defaults]` of an overlay.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayDefaults {
    /// UsedInHash of every row of a page without that column (DirectLink); a row's own `hash`
    /// still replaces it.
    pub hash: Option<bool>,
}

/// `[[skip]]` of an overlay: a table of the page that holds no request parameters.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlaySkip {
    /// The section heading the table stands under, as the page writes it.
    pub heading: String,
    /// Why it is left out (kept in the overlay for the next maintainer).
    pub why: String,
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
    /// Check digit scheme (`iban`); pages state it in words, if at all.
    pub checksum: Option<String>,
    /// Sent several times under the same name.
    pub repeat: Option<bool>,
    /// `digits`.
    pub repr: Option<String>,
    /// Rust type name.
    pub rust: Option<String>,
    /// Where the row comes from (an `add` row taken from another documentation page: a URL or a
    /// repository path).
    pub source: Option<String>,
    /// The name as the page writes it, when it is not the wire name (the Client API page "General
    /// Interface Definitions"'s `portalId`).
    pub page_name: Option<String>,
    /// Names a row of the page whose name cell is missing: the row after the row named so in
    /// its table (the DirectLink guide's e-mail row after `CN`).
    pub unnamed_after: Option<String>,
    /// The page row repeats the row of the same name in this group (the DirectLink guide tables
    /// `PSPID` for every request): it adds no row of its own. No other key may be given with it.
    pub merged_into: Option<String>,
}

impl Overlay {
    /// Whether the overlay says nothing (no overlay file, or an empty one): the page is then
    /// imported on its own words, and what it leaves open is a warning rather than an error
    /// where a value can be recorded without guessing (a LIST whose values the export runs
    /// together is recorded `unlisted`).
    pub fn is_empty(&self) -> bool {
        self.api.is_none()
            && self.groups.is_empty()
            && self.requests.is_empty()
            && self.params.is_empty()
            && self.defaults.hash.is_none()
            && self.skip.is_empty()
    }
}

impl OverlayParam {
    /// Whether any key that replaces what the page says is given.
    fn refines(&self) -> bool {
        self.required.is_some()
            || self.hash.is_some()
            || self.format.is_some()
            || self.doc.is_some()
            || self.symbols.is_some()
            || self.values.is_some()
            || self.values_from.is_some()
            || self.unlisted.is_some()
            || self.range.is_some()
            || self.notes.is_some()
            || self.account.is_some()
            || self.sensitive.is_some()
            || self.checksum.is_some()
            || self.repeat.is_some()
            || self.repr.is_some()
            || self.rust.is_some()
            || self.source.is_some()
    }

    /// Whether this entry refines `row`, which falls in `group`.
    fn matches(&self, row: &PageRow, group: &str) -> bool {
        let by_name = if row.name.is_empty() {
            self.unnamed_after.is_some() && self.unnamed_after == row.previous
        } else {
            self.unnamed_after.is_none()
                && *self.page_name.as_ref().unwrap_or(&self.name) == row.name
        };
        !self.add && by_name && self.group.as_deref().is_none_or(|g| g == group)
    }

    fn describe(&self) -> String {
        let mut out = format!("[[param]] `{}`", self.name);
        if let Some(g) = &self.group {
            out += &format!(" (group `{g}`)");
        }
        out
    }
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

/// The Rust name of a group without one in the overlay: its id in UpperCamelCase, with `Section`
/// in front of a numbered heading's (`3_2_anfrageparameter` -> `Section32Anfrageparameter`), since
/// a Rust name cannot start with a digit.
pub(super) fn camel(id: &str) -> String {
    let out: String = id
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Section{out}")
    } else {
        out
    }
}

/// The group of the indexed rows of `heading` that no overlay group with `array` claims: the
/// rows of one family (a shared name suffix, `id_trail`/`no_trail`; none for `it`/`id`) form
/// one element, with the maximum their words give.
fn array_group(heading: &str, name: &str, max: u32) -> Group {
    let family = name.rsplit_once('_').map(|(_, f)| f).unwrap_or("items");
    let id = format!("{}_{family}", snake(heading));
    Group {
        rust: camel(&id),
        id,
        heading: heading.to_owned(),
        selected_by: None,
        mandatory: false,
        array: Some(crate::model::ArrayInfo {
            max,
            optional: false,
        }),
        doc: None,
        source: None,
    }
}

/// The page's rows with the overlay applied: groups by heading, refinements, `add` rows. Besides
/// the file come the warnings: overlay rows the page lacks, and what an import without an
/// overlay recorded without the page saying it.
pub(super) fn assemble(
    rows: Vec<PageRow>,
    mut errors: Vec<ImportError>,
    overlay: &Overlay,
    api: (&str, &str),
) -> Result<(SpecFile, Vec<ImportError>), Vec<ImportError>> {
    let mut warnings: Vec<ImportError> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut params = Vec::new();
    // Which overlay rows refined a page row: the others name no row of the page.
    let mut used = vec![false; overlay.params.len()];
    // (line, name, group) of the page rows merged into the row of another group.
    let mut merged: Vec<(usize, String, String)> = Vec::new();
    for page_row in &rows {
        let mut page_row = page_row.clone();
        // `it[n]` is indexed, `add_paydata[action]` keyed (kept whole); other brackets are no
        // wire name.
        if page_row.array && page_row.name.contains(['[', ']']) {
            errors.push(ImportError {
                line: page_row.line,
                message: format!(
                    "`{}[n]` is no wire name: an indexed parameter's name holds no brackets",
                    page_row.name
                ),
            });
            continue;
        } else if !page_row.array {
            match bracketed(&page_row.name) {
                Bracketed::Plain(_) | Bracketed::Keyed(_) => {}
                Bracketed::Indexed(base) => {
                    page_row.name = base.to_owned();
                    page_row.array = true;
                }
                Bracketed::Invalid => {
                    errors.push(ImportError {
                        line: page_row.line,
                        message: format!(
                            "`{}` is no wire name: its brackets hold neither `n` (an indexed parameter) nor a key (`add_paydata[action]`)",
                            page_row.name
                        ),
                    });
                    continue;
                }
            }
        }
        let standard_cell = read_fixed_value(&mut page_row, &mut errors);
        let page_row = &page_row;
        let mut row = page_row.clone();
        if row.name.is_empty() {
            let named = overlay
                .params
                .iter()
                .find(|p| p.unnamed_after.is_some() && p.unnamed_after == row.previous);
            let Some(named) = named else {
                let text = row
                    .doc
                    .first()
                    .map(|d| format!(" (`{}`)", shorten(d)))
                    .unwrap_or_default();
                errors.push(ImportError {
                    line: row.line,
                    message: match &row.previous {
                        Some(previous) => format!(
                            "a row without a name cell{text} (name it in the overlay: [[param]] with `name` and `unnamed_after = \"{previous}\"`)"
                        ),
                        None => format!(
                            "a row without a name cell{text} opens its table, so the overlay cannot name it: fix the page"
                        ),
                    },
                });
                continue;
            };
            row.name = named.name.clone();
        } else if let Some(named) = overlay
            .params
            .iter()
            .find(|p| p.page_name.as_ref() == Some(&row.name))
        {
            // The wire name decides the group too (`params` of a shared heading).
            row.name = named.name.clone();
        }
        let candidates: Vec<&OverlayGroup> = overlay
            .groups
            .iter()
            .filter(|g| g.group.heading == row.heading)
            .collect();
        let mut group = candidates
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
                    mandatory: false,
                    array: None,
                    doc: None,
                    source: None,
                }
            });
        let words = || {
            row.doc
                .iter()
                .chain(&row.rest)
                .chain(&standard_cell)
                .map(String::as_str)
        };
        if row.array && group.array.is_none() {
            // No overlay group with `array` claims the row: its own words give the maximum.
            match array_max(words()) {
                Some(max) => {
                    let derived = array_group(&row.heading, &row.name, max);
                    let known = groups.iter().find(|g| g.id == derived.id);
                    if let Some(other) = known.and_then(|g| g.array)
                        && other.max != max
                    {
                        errors.push(ImportError {
                            line: row.line,
                            message: format!(
                                "`{}[n]` says max [{max}], the rows before it in group `{}` max [{}]",
                                row.name, derived.id, other.max
                            ),
                        });
                    }
                    group = derived;
                }
                None => errors.push(ImportError {
                    line: row.line,
                    message: format!(
                        "`{}[n]` is indexed but the page does not say its maximum (`Array elements [n] ... max [N]`) and the overlay gives its group `{}` no `array`",
                        row.name, group.id
                    ),
                }),
            }
        }
        let refine_at = overlay
            .params
            .iter()
            .position(|p| p.matches(page_row, &group.id));
        if let Some(k) = refine_at {
            used[k] = true;
        }
        let refine = refine_at.map(|k| &overlay.params[k]);
        if let Some(r) = refine
            && let Some(into) = &r.merged_into
        {
            if r.refines() {
                errors.push(ImportError {
                    line: 0,
                    message: format!(
                        "{}: `merged_into` takes no other keys (refine the row of group `{into}`)",
                        r.describe()
                    ),
                });
            }
            merged.push((row.line, r.name.clone(), into.clone()));
            continue;
        }
        let (format_line, format) = row.format.clone().unwrap_or((row.line, String::new()));
        let mut p = ParamSpec {
            name: refine.map_or_else(|| row.name.clone(), |r| r.name.clone()),
            group: group.id.clone(),
            required: row.required,
            hash: row.hash,
            format,
            doc: (!row.doc.is_empty()).then(|| row.doc.join(" ")),
            symbols: row.symbols.clone(),
            checksum: None,
            values: row.values.clone(),
            values_from: None,
            unlisted: false,
            range: None,
            notes: row.rest.clone(),
            account: false,
            sensitive: false,
            repeat: false,
            repr: None,
            like: None,
            source: None,
            rust: None,
        };
        apply(&mut p, refine);
        // The standard a LIST's words name, unless the overlay gives the values.
        if p.format == "LIST" && p.values.is_empty() && p.values_from.is_none() && !p.unlisted {
            p.values_from = standard(words()).map(str::to_owned);
        }
        if overlay.is_empty() && unreadable_list(&p) {
            p.unlisted = true;
            warnings.push(ImportError {
                line: format_line,
                message: format!(
                    "`{}`: LIST values are not machine-readable in this export; recorded as `unlisted = true` (an overlay gives `values`)",
                    p.name
                ),
            });
        }
        if p.name.contains(char::is_whitespace) {
            errors.push(ImportError {
                line: row.line,
                message: format!(
                    "`{}` is not a parameter name (a line break in the name cell?); give the wire name in the overlay with `page_name = \"{}\"`",
                    p.name, row.name
                ),
            });
        }
        if row.unmarked && refine.is_none_or(|r| r.required.is_none()) {
            errors.push(ImportError {
                line: row.line,
                message: format!(
                    "`{}`: the page says neither Obligatorisch nor Optional (give `required` in the overlay)",
                    p.name
                ),
            });
        }
        check(&p, row.line, format_line, &mut errors);
        if !groups.iter().any(|g| g.id == group.id) {
            groups.push(group);
        }
        params.push(p);
    }
    // Overlay rows that match nothing are reported; `add` rows are inserted.
    for (r, used) in overlay.params.iter().zip(&used) {
        let group = r.group.clone().unwrap_or_default();
        if !r.add {
            if !used {
                warnings.push(ImportError {
                    line: 0,
                    message: match &r.unnamed_after {
                        Some(after) => format!(
                            "{}: the page has no row without a name after `{after}`",
                            r.describe()
                        ),
                        None => format!(
                            "{}: no such row on the page (`add = true` adds one)",
                            r.describe()
                        ),
                    },
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
        // A group of the overlay that no row of the page falls in (the Client API page "General
        // Interface Definitions" tables none of the creditcardcheck parameters, the DirectLink
        // guide none of "8. PM-Ausnahmen") gets its `add` rows where the overlay puts the group:
        // before the rows of the groups after it.
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
                    let k = overlay.groups.iter().position(|g| g.group.id == group)?;
                    let later: Vec<&str> = overlay.groups[k + 1..]
                        .iter()
                        .map(|g| g.group.id.as_str())
                        .collect();
                    Some(
                        params
                            .iter()
                            .position(|p| later.contains(&p.group.as_str()))
                            .unwrap_or(params.len()),
                    )
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
            checksum: None,
            values: Vec::new(),
            values_from: None,
            unlisted: false,
            range: None,
            notes: Vec::new(),
            account: false,
            sensitive: false,
            repeat: false,
            repr: None,
            like: None,
            source: None,
            rust: None,
        };
        apply(&mut p, Some(r));
        check(&p, 0, 0, &mut errors);
        params.insert(at, p);
    }
    for (line, name, into) in merged {
        if !params.iter().any(|p| p.name == name && p.group == into) {
            errors.push(ImportError {
                line,
                message: format!(
                    "`{name}` is merged into group `{into}`, which has no row `{name}`"
                ),
            });
        }
    }
    let file = finish(overlay, groups, params, errors, api)?;
    Ok((file, warnings))
}

/// A row whose words fix its value: a format cell `Fixed Value: SAL/RES`, or, in a row without a
/// format, a description line `Fixed Value: test/live` (or `Fixed Value` with the values on the
/// next line). The row becomes a LIST of those values; the line leaves the description. A format
/// cell that names a standard instead of a format (`ISO 639-1: two-letter codes`) is a LIST
/// of that standard: the cell is returned, for `values_from` to be read from it after the
/// overlay (see [`assemble`]).
fn read_fixed_value(row: &mut PageRow, errors: &mut Vec<ImportError>) -> Option<String> {
    let fixed = |text: &str| -> Option<String> {
        let rest = text.strip_prefix("Fixed Value")?;
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim().to_owned())
    };
    let (line, cell) = match &row.format {
        Some((line, format)) => match fixed(format) {
            Some(cell) => (*line, cell),
            None => {
                if Format::parse(format).is_err() && standard([format.as_str()]).is_some() {
                    let cell = format.clone();
                    row.format = Some((*line, "LIST".to_owned()));
                    return Some(cell);
                }
                return None;
            }
        },
        None => {
            let k = row.doc.iter().position(|d| fixed(d).is_some())?;
            let mut cell = fixed(&row.doc[k]).unwrap_or_default();
            let mut taken = 1;
            if cell.is_empty() && k + 1 < row.doc.len() {
                cell = row.doc[k + 1].trim().to_owned();
                taken = 2;
            }
            row.doc.drain(k..k + taken);
            (row.line, cell)
        }
    };
    match fixed_values(&cell) {
        Some(values) if row.values.is_empty() => {
            row.format = Some((line, "LIST".to_owned()));
            row.values = values
                .into_iter()
                .map(|value| ListValue {
                    value,
                    doc: None,
                    not_for: Vec::new(),
                    note: None,
                    rust: None,
                })
                .collect();
        }
        _ => errors.push(ImportError {
            line,
            message: format!(
                "`{}`: Fixed Value `{cell}` is not a value or values between `/`",
                row.name
            ),
        }),
    }
    None
}

/// A LIST with no values from anywhere (`request` lists the file's requests).
fn unreadable_list(p: &ParamSpec) -> bool {
    p.format == "LIST"
        && p.name != "request"
        && p.values.is_empty()
        && p.values_from.is_none()
        && !p.unlisted
}

/// The start of a long cell, for a message.
pub(super) fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Every key of the overlay row replaces what the page says.
fn apply(p: &mut ParamSpec, refine: Option<&OverlayParam>) {
    if let Some(r) = refine {
        macro_rules! take {
                ($($f:ident),*) => { $( if let Some(v) = &r.$f { p.$f = v.clone(); } )* };
            }
        take!(
            required, hash, format, values, unlisted, notes, account, sensitive, repeat
        );
        macro_rules! take_opt {
                ($($f:ident),*) => { $( if r.$f.is_some() { p.$f = r.$f.clone(); } )* };
            }
        take_opt!(
            doc,
            symbols,
            checksum,
            values_from,
            range,
            repr,
            rust,
            source
        );
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
    if unreadable_list(p) {
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
        rules: overlay.rules.clone(),
        objects: Vec::new(),
        operations: Vec::new(),
    })
}
