//! `payone spec import`: a spec file from an exported platform page plus the maintainer's
//! overlay (`spec/overlay/<api>.toml`, layout in `spec/README.md`).
//!
//! Reads the Frontend layout (seed 004): section headings (`Common Parameter`,
//! `Parameter ( ... )`), then per row the name line, the Required and UsedInHash marker lines
//! (`+` / `-` / `o`), the description, `Format` and its line, `Permitted Symbols` and its line.
//! LIST value tables of the export run cells together (`ccCredit card`), so their values come
//! from the overlay; a LIST row the overlay gives no values for is reported with its line.
//! Reads the Client API layout (seed 001) too: see [`read_client`].
//! Every problem is reported with its line number; nothing is dropped silently.

use serde::Deserialize;

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

/// One problem, with the 1-based line of the page (0: a problem of the overlay).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The line.
    pub line: usize,
    /// What.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "overlay: {}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// One row as the page gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRow {
    /// Line of the name.
    pub line: usize,
    /// The section heading above it.
    pub heading: String,
    /// Wire name without `[n]`.
    pub name: String,
    /// Written `name[n]`.
    pub array: bool,
    /// Required marker.
    pub required: Required,
    /// UsedInHash marker.
    pub hash: bool,
    /// Description lines before `Format`.
    pub doc: Vec<String>,
    /// The Format line (trimmed) and its line.
    pub format: Option<(usize, String)>,
    /// Permitted Symbols.
    pub symbols: Option<String>,
    /// Lines after the format (LIST tables, prose).
    pub rest: Vec<String>,
    /// LIST values the page gives in a readable form (seed 001's `- JSON` bullets).
    pub values: Vec<ListValue>,
}

fn marker(s: &str) -> Option<Required> {
    match s.trim() {
        "+" => Some(Required::Yes),
        "-" => Some(Required::No),
        "o" => Some(Required::Conditional),
        _ => None,
    }
}

/// Reads the rows of a seed-004-layout page.
pub fn read_frontend(text: &str) -> (Vec<PageRow>, Vec<ImportError>) {
    let lines: Vec<&str> = text.lines().collect();
    let next_nonblank = |from: usize, n: usize| -> Vec<usize> {
        (from..lines.len())
            .filter(|&j| !lines[j].trim().is_empty())
            .take(n)
            .collect()
    };
    // The two marker cells after a name: the next lines that are not empty. A cell holding only
    // white space (seed 004's `hash` row writes its UsedInHash cell as a no-break space) is an
    // empty UsedInHash cell; the Required cell must carry a marker.
    let marker_cells = |from: usize| -> Option<(usize, usize)> {
        let cells: Vec<usize> = (from..lines.len())
            .filter(|&j| !lines[j].is_empty())
            .take(2)
            .collect();
        match cells[..] {
            [r, h]
                if marker(lines[r]).is_some()
                    && (marker(lines[h]).is_some() || lines[h].trim().is_empty()) =>
            {
                Some((r, h))
            }
            _ => None,
        }
    };
    let is_name = |i: usize| {
        let l = lines[i].trim();
        !l.is_empty() && marker(l).is_none() && !l.contains(' ') && marker_cells(i + 1).is_some()
    };
    // `bankcountry+-`: a name with its two markers run together (seed 004, online transfer).
    let joined = |i: usize| -> Option<(String, Required, bool)> {
        let l = lines[i].trim();
        let chars: Vec<char> = l.chars().collect();
        let n = chars.len();
        if n < 3 || !matches!(chars[n - 1], '+' | '-') || !matches!(chars[n - 2], '+' | '-' | 'o') {
            return None;
        }
        let name: String = chars[..n - 2].iter().collect();
        let bare = name.strip_suffix("[n]").unwrap_or(&name);
        let ident = bare.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && bare
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let next_is_marker = next_nonblank(i + 1, 1)
            .first()
            .is_some_and(|&j| marker(lines[j]).is_some());
        (ident && !next_is_marker).then(|| {
            (
                name,
                marker(&chars[n - 2].to_string()).unwrap_or(Required::No),
                chars[n - 1] == '+',
            )
        })
    };
    let looks_like_name = |l: &str| {
        l.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_[]".contains(c))
    };
    let is_heading = |i: usize| {
        let l = lines[i].trim();
        l.starts_with("Parameter (")
            || l.starts_with("Parameter(")
            || next_nonblank(i + 1, 1)
                .first()
                .is_some_and(|&j| lines[j].trim() == "Required")
    };
    let mut rows: Vec<PageRow> = Vec::new();
    let mut errors = Vec::new();
    let mut heading: Option<String> = None;
    let mut i = 0;
    // Where the current row is: 0 description, 1 after Format, 2 expecting symbols or prose,
    // 4 after `Permitted Symbols`, 5 an unreadable row (skipped up to the next row).
    let mut state = 0;
    // The last bare word after a row's Format (a LIST value, or a row that lost its markers).
    let mut candidate: Option<(usize, String)> = None;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if is_heading(i) {
            heading = Some(l.to_owned());
            // Skip the column header lines.
            i += 1;
            while i < lines.len() && ["Required", "UsedInHash", ""].contains(&lines[i].trim()) {
                i += 1;
            }
            state = 3;
            candidate = None;
            continue;
        }
        let parsed = if is_name(i) {
            marker_cells(i + 1).map(|(r, h)| {
                (
                    l.to_owned(),
                    marker(lines[r]).unwrap_or(Required::No),
                    marker(lines[h]) == Some(Required::Yes),
                    h + 1,
                )
            })
        } else {
            joined(i).map(|(name, required, hash)| (name, required, hash, i + 1))
        };
        if let Some((written, required, hash, after)) = parsed {
            let l = written.as_str();
            let (name, array) = match l.strip_suffix("[n]") {
                Some(n) => (n.to_owned(), true),
                None => (l.to_owned(), false),
            };
            let Some(h) = heading.clone() else {
                errors.push(ImportError {
                    line: i + 1,
                    message: format!("parameter `{l}` before any section heading"),
                });
                i = after;
                continue;
            };
            rows.push(PageRow {
                line: i + 1,
                heading: h,
                name,
                array,
                required,
                hash,
                doc: Vec::new(),
                format: None,
                symbols: None,
                rest: Vec::new(),
                values: Vec::new(),
            });
            state = 0;
            candidate = None;
            i = after;
            continue;
        }
        match (rows.last_mut(), state) {
            (Some(_), 2) if l == "Permitted Symbols" => state = 4,
            // A second Format line in one row, or one between a heading and its first row: the
            // row above it lost its markers.
            (_, 2 | 3) if l == "Format" => {
                let (line, name) = candidate.take().unwrap_or((i + 1, String::new()));
                errors.push(ImportError {
                    line,
                    message: if name.is_empty() {
                        "a Format line outside any row: a row without its name line?".to_owned()
                    } else {
                        format!(
                            "`{name}` has no Required/UsedInHash markers (a truncated row: its Format line follows at line {})",
                            i + 1
                        )
                    },
                });
                state = 5;
            }
            // Prose between a heading and its first row.
            (_, 3) if looks_like_name(l) => candidate = Some((i + 1, l.to_owned())),
            (_, 5) => {
                // The rest of a row that could not be read.
            }
            (Some(row), 2) => {
                if looks_like_name(l) {
                    candidate = Some((i + 1, l.to_owned()));
                }
                row.rest.push(l.to_owned());
            }
            (Some(_), 0) if l == "Format" => state = 1,
            (Some(row), 0) => row.doc.push(l.to_owned()),
            (Some(row), 1) => {
                row.format = Some((i + 1, l.to_owned()));
                state = 2;
            }
            (Some(row), 4) => {
                row.symbols = Some(l.to_owned());
                state = 2;
            }
            _ => {
                // Prose before the first heading.
            }
        }
        i += 1;
    }
    (rows, errors)
}

/// Reads the rows of a seed-001-layout page (Client API, "General Interface Definitions"): a
/// definition list where each row is its name line, a `required` / `optional` line, usually a
/// `Format X` or `Format: X` line, `Permitted Symbols X`, and prose; LIST values follow as `- X`
/// bullets (read) or as a `Value Comment` table whose cells and the row's description that
/// follows it cannot be told apart (kept in `rest`; the values must come from the overlay). The
/// page has no UsedInHash column: every row is `hash = false` (the requests name their hash
/// fields). A heading is a line followed by an introduction ending in `:` (`Standard parameter`
/// / `The following parameters are mandatory for each request:`). The page ends at `---end`.
pub fn read_client(text: &str) -> (Vec<PageRow>, Vec<ImportError>) {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .iter()
        .position(|l| l.trim() == "---end")
        .unwrap_or(lines.len());
    let next_nonblank = |from: usize| (from..end).find(|&j| !lines[j].trim().is_empty());
    let looks_like_name = |l: &str| {
        l.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_[]".contains(c))
    };
    let required_of = |l: &str| match l.trim() {
        "required" => Some(Required::Yes),
        "optional" => Some(Required::No),
        _ => None,
    };
    let format_of = |l: &str| {
        let rest = l.strip_prefix("Format")?;
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (rest.starts_with(' ') && !rest.trim().is_empty()).then(|| rest.trim().to_owned())
    };
    let is_heading = |i: usize| {
        let l = lines[i].trim();
        !l.ends_with(['.', ':', ',', ')'])
            && !looks_like_name(l)
            && next_nonblank(i + 1).is_some_and(|j| lines[j].trim_end().ends_with(':'))
    };
    let mut rows: Vec<PageRow> = Vec::new();
    let mut errors = Vec::new();
    let mut heading: Option<String> = None;
    // In the current row: 0 before a value table, 1 inside one; 2 an unreadable row (skipped).
    let mut state = 2;
    let mut i = 0;
    while i < end {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if looks_like_name(l)
            && let Some(j) = next_nonblank(i + 1)
        {
            if let Some(required) = required_of(lines[j]) {
                let (name, array) = match l.strip_suffix("[n]") {
                    Some(n) => (n.to_owned(), true),
                    None => (l.to_owned(), false),
                };
                match heading.clone() {
                    Some(h) => {
                        rows.push(PageRow {
                            line: i + 1,
                            heading: h,
                            name,
                            array,
                            required,
                            hash: false,
                            doc: Vec::new(),
                            format: None,
                            symbols: None,
                            rest: Vec::new(),
                            values: Vec::new(),
                        });
                        state = 0;
                    }
                    None => {
                        errors.push(ImportError {
                            line: i + 1,
                            message: format!("parameter `{l}` before any section heading"),
                        });
                        state = 2;
                    }
                }
                i = j + 1;
                continue;
            }
            if format_of(lines[j].trim()).is_some() {
                errors.push(ImportError {
                        line: i + 1,
                        message: format!(
                            "`{l}` has no required/optional line (a truncated row: its Format line follows at line {})",
                            j + 1
                        ),
                    });
                state = 2;
                i = j + 1;
                continue;
            }
        }
        if state == 2 || rows.is_empty() {
            if is_heading(i) {
                heading = Some(l.to_owned());
                state = 2;
            } else if format_of(l).is_some() && heading.is_some() && state != 2 {
                errors.push(ImportError {
                    line: i + 1,
                    message: "a Format line outside any row: a row without its name line?"
                        .to_owned(),
                });
            }
            i += 1;
            continue;
        }
        if is_heading(i) {
            heading = Some(l.to_owned());
            state = 2;
            i += 1;
            continue;
        }
        let row = rows.last_mut().expect("a row");
        if let Some(f) = format_of(l) {
            if row.format.is_some() {
                errors.push(ImportError {
                    line: i + 1,
                    message: format!(
                        "`{}`: a second Format line (a row without its name line?)",
                        row.name
                    ),
                });
            } else {
                row.format = Some((i + 1, f));
            }
        } else if let Some(s) = l.strip_prefix("Permitted Symbols ") {
            row.symbols = Some(s.trim().to_owned());
        } else if let Some(v) = l
            .strip_prefix("- ")
            .filter(|_| state == 0 && row.format.as_ref().is_some_and(|(_, f)| f == "LIST"))
        {
            row.values.push(ListValue {
                value: v.trim().to_owned(),
                doc: None,
                not_for: Vec::new(),
                note: None,
                rust: None,
            });
        } else if state == 0
            && row.doc.is_empty()
            && row.format.as_ref().is_some_and(|(_, f)| f == "LIST")
            && l.split_whitespace().any(|w| w == "Comment")
        {
            // `Value Comment`: a table header; its cells and the description after it run on.
            state = 1;
            row.rest.push(l.to_owned());
        } else if state == 1 {
            row.rest.push(l.to_owned());
        } else {
            row.doc.push(l.to_owned());
        }
        i += 1;
    }
    (rows, errors)
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

/// Imports a seed-004-layout page with `overlay` applied.
pub fn import_frontend(text: &str, overlay: &Overlay) -> Result<SpecFile, Vec<ImportError>> {
    let (rows, errors) = read_frontend(text);
    assemble(rows, errors, overlay, ("frontend", "PAYONE Frontend"))
}

/// Imports a seed-001-layout page (Client API) with `overlay` applied.
pub fn import_client(text: &str, overlay: &Overlay) -> Result<SpecFile, Vec<ImportError>> {
    let (rows, errors) = read_client(text);
    assemble(rows, errors, overlay, ("client", "PAYONE Client API"))
}

/// The page's rows with the overlay applied: groups by heading, refinements, `add` rows.
fn assemble(
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
