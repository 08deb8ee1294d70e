//! `payone spec import`: a spec file from an exported platform page plus the maintainer's
//! overlay (`spec/overlay/<api>.toml`, layout in `spec/README.md`).
//!
//! One reader per page layout turns the export into [`PageRow`]s: [`read_frontend`] (seed 004),
//! [`read_client`] (seed 001). The [`overlay`](Overlay) then adds what the page cannot say.
//! LIST value tables of the exports run cells together (`ccCredit card`), so their values come
//! from the overlay; a LIST row the overlay gives no values for is reported with its line.
//! Every problem is reported with its line number; nothing is dropped silently.

mod client;
mod frontend;
mod overlay;

pub use client::read_client;
pub use frontend::read_frontend;
pub use overlay::{Overlay, OverlayGroup, OverlayParam};

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
    /// LIST values the page gives in a readable form (seed 001's `- JSON` bullets).
    pub values: Vec<ListValue>,
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
