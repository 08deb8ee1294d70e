//! `payone validate`: every violation of stdin parameters against the request's table.

use payone_types::dynamic::validate;

use crate::lookup::request_entry;

/// One line per violation, `NAME: rule`; empty when the parameters are valid.
pub fn run(api: &str, pairs: &[(String, String)]) -> Vec<String> {
    let entry = match request_entry(api, pairs) {
        Ok(entry) => entry,
        Err(line) => return vec![line],
    };
    let rows = (entry.params)();
    validate(&rows, pairs)
        .iter()
        .map(ToString::to_string)
        .collect()
}
