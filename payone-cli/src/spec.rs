//! `payone spec list|generate|check`.

use std::path::Path;

use payone_spec::load::{Spec, load_dir, load_embedded};
use payone_spec::{generate, list as listing};

fn load(dir: Option<&Path>) -> Result<Vec<Spec>, String> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_embedded(),
    }
    .map_err(|e| e.to_string())
}

/// The lines of `payone spec list`. An unknown `--api` or `--request` is an error rather than
/// an empty list, so a typo cannot pass for "no parameters".
pub fn list(
    dir: Option<&Path>,
    api: Option<&str>,
    request: Option<&str>,
) -> Result<Vec<String>, String> {
    let specs = load(dir)?;
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
