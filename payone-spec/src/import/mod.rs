//! `payone spec import`: a spec file from an exported platform page plus the maintainer's
//! overlay (`spec/overlay/<api>.toml`, layout in `spec/README.md`).
//!
//! One reader per page layout ([`Layout`]) turns the export into [`PageRow`]s: [`read_frontend`]
//! (the Frontend parameter page), [`read_client`] (the Client API page "General Interface
//! Definitions"), [`read_directlink`] (the DirectLink integration guide) and
//! [`read_request_page`] (one request's page of the Server API or Client API documentation).
//! A row's own words give more than its Format line: `Array elements [n] ... max [400]` makes an
//! indexed row's group an array, `Permitted values ISO 4217` a LIST of that standard,
//! `Fixed Value a/b` a LIST of those values, and `add_paydata[action]` is a keyed parameter
//! kept under its whole name. The [`overlay`](Overlay), when there is one, then adds what the
//! page cannot say; without one the page imports on its own words, Rust names being derived
//! from the parameter names by the generator. Two-column LIST value tables
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
mod page;
mod restrict;
mod schema;
mod skipped;
mod words;

pub use client::read_client;
pub use directlink::{PageTable, read_directlink};
pub use frontend::read_frontend;
pub use overlay::{Overlay, OverlayDefaults, OverlayGroup, OverlayParam, OverlaySkip};
pub use page::read_request_page;
pub use restrict::restrict_to_request;
pub use schema::{
    LoadSchema, MAX_DEPTH, MAX_FILES, OverlayField, OverlayObject, SchemaImported, SchemaOverlay,
    SchemaProblem, import_schema,
};
pub use skipped::Skipped;

use crate::model::{ListValue, RequestSpec, Required, SpecFile};
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

impl PageRow {
    /// The row whose name line (`written`, `it[n]` for an array row) is line `line` under
    /// `heading`, with its Required and UsedInHash markers and nothing else read yet.
    pub(crate) fn opened(
        line: usize,
        heading: String,
        written: &str,
        required: Required,
        hash: bool,
    ) -> PageRow {
        let (name, array) = match written.strip_suffix("[n]") {
            Some(name) => (name.to_owned(), true),
            None => (written.to_owned(), false),
        };
        PageRow {
            line,
            heading,
            name,
            array,
            required,
            hash,
            doc: Vec::new(),
            format: None,
            symbols: None,
            rest: Vec::new(),
            values: Vec::new(),
            unmarked: false,
            previous: None,
        }
    }
}

/// What an import gives: the spec file and the page lines it read past.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The spec file.
    pub file: SpecFile,
    /// The lines that became part of no row, in page order (warnings for the report).
    pub skipped: Vec<Skipped>,
    /// What the import did not take from the page or the overlay as it stands, each a warning
    /// for the report: an overlay `[[param]]` naming no row of the page (line 0), a row without
    /// a format recorded as `TEXT`, a LIST without readable values recorded `unlisted` when no
    /// overlay is given.
    pub warnings: Vec<ImportError>,
}

/// The page layouts `payone spec import` reads, each named after the kind of documentation page
/// it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The Frontend parameter page ("FE - Parameters in the request URL"): Required and
    /// UsedInHash marker lines, `Format`, LIST value tables.
    FrontendParameters,
    /// The Client API page "General Interface Definitions": a definition list of `required` /
    /// `optional` rows with `Format X` lines and `- X` value bullets.
    ClientDefinitions,
    /// The DirectLink integration guide (German edition): `Feld | Nutzung` pipe tables under
    /// numbered headings.
    DirectlinkGuide,
    /// One request's page of the Server API documentation
    /// (`docs.payone.com/integration/channel-server-api/...`), see [`read_request_page`].
    ServerPage,
    /// One request's page of the Client API documentation
    /// (`docs.payone.com/integration/channel-client-api/...`), see [`read_request_page`].
    ClientPage,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 5] = [
        Layout::FrontendParameters,
        Layout::ClientDefinitions,
        Layout::DirectlinkGuide,
        Layout::ServerPage,
        Layout::ClientPage,
    ];

    /// The layout's name on the command line (`server-page`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::FrontendParameters => "frontend-parameters",
            Layout::ClientDefinitions => "client-definitions",
            Layout::DirectlinkGuide => "directlink-guide",
            Layout::ServerPage => "server-page",
            Layout::ClientPage => "client-page",
        }
    }

    /// The layout of that name.
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The table (`[api] name`) a page of this layout belongs to.
    pub fn api(self) -> &'static str {
        match self {
            Layout::FrontendParameters => "frontend",
            Layout::ClientDefinitions | Layout::ClientPage => "client",
            Layout::DirectlinkGuide => "directlink",
            Layout::ServerPage => "server",
        }
    }

    /// The layout an api's pages have unless another is named: the page the api's maintainer
    /// overlay (`spec/overlay/<api>.toml`) belongs to, and for the Server API its request pages.
    pub fn default_for(api: &str) -> Option<Layout> {
        match api {
            "frontend" => Some(Layout::FrontendParameters),
            "client" => Some(Layout::ClientDefinitions),
            "directlink" => Some(Layout::DirectlinkGuide),
            "server" => Some(Layout::ServerPage),
            _ => None,
        }
    }

    /// Whether `spec/overlay/<api>.toml` is this layout's page's overlay (the request pages have
    /// none: an overlay for one of them is named with `--overlay`).
    pub fn has_default_overlay(self) -> bool {
        !matches!(self, Layout::ServerPage | Layout::ClientPage)
    }

    /// Imports `text`, a page of this layout, with `overlay` applied.
    pub fn import(self, text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
        match self {
            Layout::FrontendParameters => import_frontend(text, overlay),
            Layout::ClientDefinitions => import_client(text, overlay),
            Layout::DirectlinkGuide => import_directlink(text, overlay),
            Layout::ServerPage => import_server_page(text, overlay),
            Layout::ClientPage => import_client_page(text, overlay),
        }
    }
}

/// Imports a page in the layout of the Frontend parameter page with `overlay` applied.
pub fn import_frontend(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    let (rows, mut errors, skipped) = read_frontend(text);
    errors.extend(directlink_only(overlay));
    let (file, warnings) = assemble(rows, errors, overlay, ("frontend", "PAYONE Frontend"))?;
    Ok(Imported {
        file,
        skipped,
        warnings,
    })
}

/// Imports a page in the layout of the Client API page "General Interface Definitions" with
/// `overlay` applied.
pub fn import_client(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    let (rows, mut errors, skipped) = read_client(text);
    errors.extend(directlink_only(overlay));
    let (file, warnings) = assemble(rows, errors, overlay, ("client", "PAYONE Client API"))?;
    Ok(Imported {
        file,
        skipped,
        warnings,
    })
}

/// Imports one request's page of the Server API documentation
/// (`docs.payone.com/integration/channel-server-api/...`) with `overlay` applied (an empty one
/// when there is none); layout: [`read_request_page`].
pub fn import_server_page(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    import_request_page(text, overlay, ("server", "PAYONE Server API"))
}

/// Imports one request's page of the Client API documentation
/// (`docs.payone.com/integration/channel-client-api/...`) with `overlay` applied (an empty one
/// when there is none); layout: [`read_request_page`].
pub fn import_client_page(text: &str, overlay: &Overlay) -> Result<Imported, Vec<ImportError>> {
    import_request_page(text, overlay, ("client", "PAYONE Client API"))
}

/// A request page's rows, and the request itself when the overlay declares none: named by the
/// value its `request` row fixes, carrying every group of the page. A row the page gives no
/// format (the account rows describe theirs in prose, `your merchant ID, 5-digit numeric`) is
/// `TEXT` unless the overlay gives `format`, with a warning.
fn import_request_page(
    text: &str,
    overlay: &Overlay,
    api: (&str, &str),
) -> Result<Imported, Vec<ImportError>> {
    let (mut rows, mut errors, skipped) = read_request_page(text);
    errors.extend(directlink_only(overlay));
    let mut untyped = Vec::new();
    for row in rows.iter_mut().filter(|r| r.format.is_none()) {
        let named = |p: &OverlayParam| {
            !p.add && p.format.is_some() && *p.page_name.as_ref().unwrap_or(&p.name) == row.name
        };
        if !overlay.params.iter().any(named) {
            untyped.push(ImportError {
                line: row.line,
                message: format!(
                    "`{}`: no Format or Fixed Value line; recorded as TEXT (any non-empty text; an overlay gives `format`)",
                    row.name
                ),
            });
            row.format = Some((row.line, "TEXT".to_owned()));
        }
    }
    let (mut file, mut warnings) = assemble(rows, errors, overlay, api)?;
    // The page is one request's: its `request` row fixes the request's name, and the request
    // carries every group of the page, unless the overlay declares the requests.
    if file.requests.is_empty() {
        let fixed = file
            .params
            .iter()
            .find(|p| p.name == "request")
            .filter(|p| p.values.len() == 1)
            .map(|p| p.values[0].value.clone());
        if let Some(name) = fixed {
            file.requests.push(RequestSpec {
                rust: overlay::camel(&name),
                name,
                groups: file.groups.iter().map(|g| g.id.clone()).collect(),
                doc: None,
                hash: None,
                hash_source: None,
                exclude: Vec::new(),
                exclude_note: None,
                required: Vec::new(),
                optional: Vec::new(),
                source: None,
            });
        }
    }
    warnings.extend(untyped);
    warnings.sort_by_key(|w| w.line);
    Ok(Imported {
        file,
        skipped,
        warnings,
    })
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
    let (file, warnings) = assemble(rows, errors, overlay, ("directlink", "DirectLink"))?;
    Ok(Imported {
        file,
        skipped,
        warnings,
    })
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
