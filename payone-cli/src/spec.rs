//! `payone spec list|diff|import|generate|check`.

use std::path::Path;

use payone_spec::load::{Spec, is_platform_dir, load_dir, load_embedded, load_platform_dir};
use payone_spec::{diff as spec_diff, generate, list as listing};

fn load(dir: Option<&Path>) -> Result<Vec<Spec>, String> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_embedded(),
    }
    .map_err(|e| e.to_string())
}

/// One spec file (any api) or one platform's directory of page files, checked like the files
/// of a spec directory.
fn load_file(path: &Path) -> Result<Spec, String> {
    if is_platform_dir(path) {
        return load_platform_dir(path).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Spec::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

/// A spec file, one platform's directory of page files, or a directory of them: what
/// `spec diff` compares.
fn load_path(path: &Path) -> Result<Vec<Spec>, String> {
    if is_platform_dir(path) {
        load_platform_dir(path)
            .map(|spec| vec![spec])
            .map_err(|e| e.to_string())
    } else if path.is_dir() {
        load(Some(path))
    } else {
        load_file(path).map(|spec| vec![spec])
    }
}

/// Where `payone spec list` reads its tables.
pub enum Source<'a> {
    /// The tables built into the binary.
    Embedded,
    /// A spec directory (`--spec DIR`).
    Dir(&'a Path),
    /// A single spec file (`--file F`).
    File(&'a Path),
}

/// The lines of `payone spec list`. An unknown `--api` or `--request` is an error rather than
/// an empty list, so a typo cannot pass for "no parameters".
pub fn list(
    source: Source<'_>,
    api: Option<&str>,
    request: Option<&str>,
) -> Result<Vec<String>, String> {
    let specs = match source {
        Source::Embedded => load(None)?,
        Source::Dir(dir) => load(Some(dir))?,
        Source::File(file) => vec![load_file(file)?],
    };
    if let Some(api) = api
        && !specs.iter().any(|s| s.api() == api)
    {
        let known: Vec<&str> = specs.iter().map(Spec::api).collect();
        return Err(format!(
            "--api {api}: no such table; known: {}",
            known.join(", ")
        ));
    }
    if let Some(request) = request {
        let known: Vec<&str> = specs
            .iter()
            .filter(|s| api.is_none_or(|a| s.api() == a))
            .flat_map(|s| s.file.requests.iter().map(|r| r.name.as_str()))
            .collect();
        if !known.contains(&request) {
            return Err(format!(
                "--request {request}: no such request; known: {}",
                known.join(", ")
            ));
        }
    }
    Ok(listing::list(&specs, api, request))
}

/// Regenerates the code; returns what was written.
pub fn generate(spec: &Path, out: &Path) -> Result<Vec<String>, String> {
    let specs = load(Some(spec))?;
    let written = generate::write(&specs, out)?;
    Ok(written.into_iter().map(|p| format!("wrote {p}")).collect())
}

/// Fails, naming each file, when the generated code is not what the tables generate.
pub fn check(spec: &Path, out: &Path) -> Result<(), String> {
    let specs = load(Some(spec))?;
    let stale = generate::stale(&specs, out)?;
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated code is stale; run `cargo run -p payone-cli -- spec generate`:\n{}",
            stale.join("\n")
        ))
    }
}

/// `payone spec diff OLD NEW`: each change with its semver impact, then a summary line; with
/// `json`, one JSON document (`{"changes": [...], "impact": "major" | "minor" | "patch" | null}`).
pub fn diff(old: &Path, new: &Path, json: bool) -> Result<Vec<String>, String> {
    let diff = spec_diff::diff(&load_path(old)?, &load_path(new)?);
    if json {
        let text = serde_json::to_string_pretty(&diff).map_err(|e| e.to_string())?;
        Ok(vec![text])
    } else {
        Ok(spec_diff::render_text(&diff))
    }
}

/// Which overlay `payone spec import` applies.
pub enum OverlayChoice {
    /// `spec/overlay/<api>.toml` for a layout that has one, when the file exists; none otherwise.
    Default,
    /// `--overlay FILE` (it must exist).
    File(std::path::PathBuf),
    /// `--no-overlay`.
    None,
}

/// `payone spec import --from FILE --api API [--layout L] [--request R] --out OUT`: the page, in
/// the layout `layout` (default: the api's own page kind), plus the overlay written as a spec
/// file, with `request` only that request's groups and rows; every line the importer cannot
/// read is an error naming its line; every line it reads past (prose), every overlay row the page
/// lacks and whatever an import without an overlay recorded on its own is a warning on stderr.
pub fn import(
    from: &Path,
    api: &str,
    layout: Option<payone_spec::import::Layout>,
    request: Option<&str>,
    overlay: &OverlayChoice,
    out: &Path,
) -> Result<Vec<String>, String> {
    use payone_spec::import::{Imported, Layout, Overlay};
    if api == "v2" {
        if let Some(request) = request {
            return Err(format!(
                "--request {request}: --api v2 imports one request body schema; --request belongs to the page layouts"
            ));
        }
        if let Some(layout) = layout {
            return Err(format!(
                "--layout {}: --api v2 reads a request body's JSON Schema, not a page",
                layout.name()
            ));
        }
        let overlay = match overlay {
            OverlayChoice::None => None,
            OverlayChoice::File(path) => Some(path.clone()),
            OverlayChoice::Default => Some(std::path::PathBuf::from("spec/overlay/v2.toml")),
        };
        return import_schema(from, overlay.as_deref(), out);
    }
    let apis = "frontend, client, directlink, server (pages), v2 (a request body's JSON Schema)";
    let layout = match layout {
        Some(layout) if layout.api() == api => layout,
        Some(layout) => {
            let fits: Vec<&str> = Layout::ALL
                .iter()
                .filter(|l| l.api() == api)
                .map(|l| l.name())
                .collect();
            return Err(format!(
                "--layout {} reads pages of the {} table, not of `{api}`{}",
                layout.name(),
                layout.api(),
                if fits.is_empty() {
                    format!(" (importable tables: {apis})")
                } else {
                    format!("; layouts for `{api}`: {}", fits.join(", "))
                }
            ));
        }
        None => Layout::default_for(api).ok_or_else(|| {
            format!("--api {api}: no importable page layout; importable tables: {apis}")
        })?,
    };
    let page = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let read_overlay = |path: &Path| -> Result<Overlay, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let overlay: Overlay = match overlay {
        OverlayChoice::None => Overlay::default(),
        OverlayChoice::File(path) => read_overlay(path)?,
        OverlayChoice::Default => {
            let path = std::path::PathBuf::from(format!("spec/overlay/{api}.toml"));
            if layout.has_default_overlay() && path.exists() {
                read_overlay(&path)?
            } else {
                Overlay::default()
            }
        }
    };
    let Imported {
        mut file,
        skipped,
        warnings,
    } = layout.import(&page, &overlay).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{}: {e}", from.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    if let Some(request) = request {
        file = payone_spec::import::restrict_to_request(&file, request)?;
    }
    // The lines read past, the overlay rows the page lacks and what an import without an overlay
    // recorded on its own are no error, but the maintainer sees each one.
    for s in &skipped {
        eprintln!("payone: warning: {}: {s}", from.display());
    }
    for w in &warnings {
        eprintln!("payone: warning: {}: {w}", from.display());
    }
    let text = toml::to_string(&file).map_err(|e| e.to_string())?;
    Spec::parse(&out.display().to_string(), &text).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(vec![format!(
        "wrote {} ({} rows)",
        out.display(),
        file.params.len()
    )])
}

/// `payone spec import --api v2 --from SCHEMA.json`: the request body's JSON Schema plus
/// `spec/overlay/v2.toml` (or `--overlay`; none when the file does not exist) written as
/// `[[object]]` tables. Files that relative `$ref`s name are read relative to the schema file
/// (not outside it by an absolute path or a URL); every finding the importer reports (a keyword it
/// cannot read, a member left out) is a warning on stderr with its JSON pointer.
fn import_schema(from: &Path, overlay: Option<&Path>, out: &Path) -> Result<Vec<String>, String> {
    use payone_spec::import::{SchemaOverlay, SchemaProblem, import_schema};
    let text = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let overlay: SchemaOverlay = match overlay.map(|path| (path, std::fs::read_to_string(path))) {
        None => Default::default(),
        Some((path, Ok(text))) => {
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        Some((_, Err(e))) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Some((path, Err(e))) => return Err(format!("{}: {e}", path.display())),
    };
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = from.parent().unwrap_or(Path::new("")).to_owned();
    let mut load = |path: &str| -> Result<String, String> {
        std::fs::read_to_string(dir.join(path)).map_err(|e| format!("{path}: {e}"))
    };
    let shown = |problems: &[SchemaProblem]| {
        problems
            .iter()
            .map(|p| format!("{}: {p}", from.display()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let imported = import_schema(&name, &text, &overlay, &mut load).map_err(|e| shown(&e))?;
    for report in &imported.reports {
        eprintln!("payone: warning: {}: {report}", from.display());
    }
    let text = toml::to_string(&imported.file).map_err(|e| e.to_string())?;
    Spec::parse(&out.display().to_string(), &text).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(vec![format!(
        "wrote {} ({} objects)",
        out.display(),
        imported.file.objects.len()
    )])
}
