//! `payone hash`: the Frontend / Client API `hash` of stdin parameters.

use payone_types::dynamic::to_params;
use payone_types::sign::{hash_data, hash_hex};
use payone_types::{Charset, HashAlgorithm, PortalKey};

use crate::input::value;
use crate::lookup::request_entry;

/// Computes the hash; returns the lines to print (hashed names with `explain`, then the digest).
pub fn run(
    api: &str,
    algorithm: HashAlgorithm,
    key: &PortalKey,
    pairs: &[(String, String)],
    explain: bool,
) -> Result<Vec<String>, String> {
    let entry = request_entry(api, pairs)?;
    let rows = (entry.params)();
    let params = to_params(&rows, pairs);
    // The bytes hashed are those the request carries: ISO-8859-1 only when declared so.
    let charset = match value(pairs, "encoding") {
        Some(declared) => Charset::from_param(declared)
            .ok_or_else(|| "encoding: unknown value; permitted: ISO-8859-1, UTF-8".to_owned())?,
        None => Charset::Utf8,
    };
    if let Err(violations) = params.check_charset(charset) {
        return Err(violations.to_string());
    }
    let mut lines = Vec::new();
    if explain {
        let mut hashed: Vec<&str> = params
            .iter()
            .filter(|p| p.hash)
            .map(|p| p.name.as_ref())
            .collect();
        hashed.sort_by(|a, b| payone_types::natural_cmp(a, b));
        lines.extend(hashed.into_iter().map(str::to_owned));
    }
    lines.push(hash_hex(&hash_data(&params, charset), key, algorithm));
    Ok(lines)
}
