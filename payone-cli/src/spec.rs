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

/// `payone spec import --from FILE --api frontend|client|directlink [--request R] --out OUT`:
/// the page plus `spec/overlay/<api>.toml` (or `--overlay`) written as a spec file, with
/// `request` only that request's groups and rows; every line the importer cannot read is an
/// error naming its line, every line it reads past (prose) a warning on stderr.
pub fn import(
    from: &Path,
    api: &str,
    request: Option<&str>,
    overlay: &Path,
    out: &Path,
) -> Result<Vec<String>, String> {
    use payone_spec::import::{ImportError, Imported, Overlay};
    if api == "v2" {
        if let Some(request) = request {
            return Err(format!(
                "--request {request}: --api v2 imports one request body schema; --request belongs to the page layouts"
            ));
        }
        return import_schema(from, overlay, out);
    }
    let read: fn(&str, &Overlay) -> Result<Imported, Vec<ImportError>> = match api {
        "frontend" => payone_spec::import::import_frontend,
        "client" => payone_spec::import::import_client,
        "directlink" => payone_spec::import::import_directlink,
        _ => {
            return Err(format!(
                "--api {api}: importable are the frontend (Frontend parameter page), client (Client API \"General Interface Definitions\") and directlink (DirectLink integration guide) page layouts and v2 (a request body's JSON Schema)"
            ));
        }
    };
    let page = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let overlay: Overlay = match std::fs::read_to_string(overlay) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", overlay.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => return Err(format!("{}: {e}", overlay.display())),
    };
    let Imported { mut file, skipped } = read(&page, &overlay).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{}: {e}", from.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    if let Some(request) = request {
        file = payone_spec::import::restrict_to_request(&file, request)?;
    }
    // The lines read past are no error, but the maintainer sees each one.
    for s in &skipped {
        eprintln!("payone: warning: {}: {s}", from.display());
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
fn import_schema(from: &Path, overlay: &Path, out: &Path) -> Result<Vec<String>, String> {
    use payone_spec::import::{SchemaOverlay, SchemaProblem, import_schema};
    let text = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let overlay: SchemaOverlay = match std::fs::read_to_string(overlay) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", overlay.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => return Err(format!("{}: {e}", overlay.display())),
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
