//! `payone spec import`: a spec file from an exported platform page plus the maintainer's
//! overlay (`spec/overlay/<api>.toml`, layout in `spec/README.md`).
//!
//! One reader per page layout turns the export into [`PageRow`]s: [`read_frontend`] (the Frontend
//! parameter page), [`read_client`] (the Client API page "General Interface Definitions"). The
//! [`overlay`](Overlay) then adds what the page cannot say. Two-column LIST value tables
//! (`valueComment`, the Frontend parameter page) are read into values; the wider ones run their
//! cells together (`ccCredit card`), so their values come from the overlay; a LIST row that gets
//! values from neither is reported with its line. Every problem is reported with its line number;
//! nothing is dropped silently: the lines that become part of no row and are no error (prose around
//! the tables, a table the overlay skips) come back as [`Skipped`] ranges for the report.
//!
//! The v2 API has no parameter page: [`import_schema`] reads a request body's JSON Schema into
//! `[[object]]` tables, with its own overlay ([`SchemaOverlay`]) and reports by JSON pointer.

mod client;
mod directlink;
mod frontend;
mod overlay;
mod restrict;
mod schema;
mod skipped;

pub use client::read_client;
pub use directlink::{PageTable, read_directlink};
pub use frontend::read_frontend;
pub use overlay::{Overlay, OverlayDefaults, OverlayGroup, OverlayParam, OverlaySkip};
pub use restrict::restrict_to_request;
pub use schema::{
    LoadSchema, MAX_DEPTH, MAX_FILES, OverlayField, OverlayObject, SchemaImported, SchemaOverlay,
    SchemaProblem, import_schema,
};
pub use skipped::Skipped;

use crate::model::{ListValue, Required, SpecFile};
use overlay::assemble;

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
    /// LIST values the page gives in a readable form (the Client API page "General Interface
    /// Definitions"'s `- JSON` bullets).
    pub values: Vec<ListValue>,
    /// The page gives no Required marker for the row (a DirectLink table without an
    /// Obligatorisch column): the overlay must give `required`.
    pub unmarked: bool,
    /// For a row whose name cell is missing (`name` empty): the named row before it in its
    /// table, which the overlay's `unnamed_after` refers to.
    pub previous: Option<String>,
}

/// What an import gives: the spec file and the page lines it read past.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The spec file.
    pub file: SpecFile,
    /// The lines that became part of no row, in page order (warnings for the report).
    pub skipped: Vec<Skipped>,
}

/// Imports a page in the layout of the Frontend parameter page with `overlay` applied.
pub fn import_frontend(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    let (rows, mut errors, skipped) = read_frontend(text);
    errors.extend(directlink_only(overlay));
    let file = assemble(rows, errors, overlay, ("frontend", "PAYONE Frontend"))?;
    Ok(Imported { file, skipped })
}

/// Imports a page in the layout of the Client API page "General Interface Definitions" with
/// `overlay` applied.
pub fn import_client(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    let (rows, mut errors, skipped) = read_client(text);
    errors.extend(directlink_only(overlay));
    let file = assemble(rows, errors, overlay, ("client", "PAYONE Client API"))?;
    Ok(Imported { file, skipped })
}

/// Imports a page in the layout of the DirectLink integration guide with `overlay` applied: the
/// tables under the overlay's `[[skip]]` headings (response attributes) are left out, and every row
/// takes the overlay's `[defaults] hash`, since the page has no UsedInHash column. The skipped
/// tables and the cells closing a table that make no row are reported with the prose.
pub fn import_directlink(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    let (tables, mut errors, mut skipped) = read_directlink(text);
    for skip in &overlay.skip {
        if !tables.iter().any(|t| t.heading == skip.heading) {
            errors.push(ImportError {
                line: 0,
                message: format!("[[skip]] `{}`: no table under that heading", skip.heading),
            });
        }
    }
    let hash = overlay.defaults.hash.unwrap_or(false);
    let mut rows = Vec::new();
    for table in tables {
        if let Some(skip) = overlay.skip.iter().find(|s| s.heading == table.heading) {
            skipped.push(Skipped {
                first: table.line,
                last: table.last,
                what: format!(
                    "the table under `{}`, skipped by the overlay ([[skip]]: {})",
                    table.heading, skip.why
                ),
            });
            continue;
        }
        errors.extend(table.errors);
        skipped.extend(table.notes.into_iter().map(|(line, text)| Skipped {
            first: line,
            last: line,
            what: format!(
                "a cell after the last row of the table under `{}`, not a row: `{}`",
                table.heading,
                overlay::shorten(&text)
            ),
        }));
        rows.extend(table.rows.into_iter().map(|row| PageRow { hash, ..row }));
    }
    skipped.sort_by_key(|s| s.first);
    let file = assemble(rows, errors, overlay, ("directlink", "DirectLink"))?;
    Ok(Imported { file, skipped })
}

/// `[defaults]` and `[[skip]]` mean something only for the DirectLink layout; elsewhere they
/// would be ignored, so they are reported.
fn directlink_only(overlay: &Overlay) -> Vec<ImportError> {
    let mut errors = Vec::new();
    if overlay.defaults.hash.is_some() {
        errors.push(ImportError {
            line: 0,
            message: "[defaults] is read for the DirectLink layout only (the page has a UsedInHash column or the requests name their hash fields)".to_owned(),
        });
    }
    if let Some(skip) = overlay.skip.first() {
        errors.push(ImportError {
            line: 0,
            message: format!(
                "[[skip]] `{}`: tables are skipped in the DirectLink layout only",
                skip.heading
            ),
        });
    }
    errors
}
