//! `payone validate`: every violation of stdin parameters against the request's table.

use payone_types::dynamic::validate;

use crate::lookup::request_entry;

/// One line per violation, `NAME: rule`; empty when the parameters are valid.
pub fn run(api: &str, pairs: &[(String, String)]) -> Vec<String> {
    // DirectLink reads parameter names case-insensitively and computes SHASIGN, whose value
    // is checked by `payone hash --api directlink`, not by the table.
    let pairs: Vec<(String, String)> = if api == "directlink" {
        pairs
            .iter()
            .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
            .filter(|(n, _)| n != "SHASIGN")
            .collect()
    } else {
        pairs.to_vec()
    };
    let entry = match request_entry(api, &pairs) {
        Ok(entry) => entry,
        Err(line) => return vec![line],
    };
    let rows = (entry.params)();
    let pairs = if entry.name == "orderdirect" {
        with_default_pm(pairs)
    } else {
        pairs
    };
    validate(&rows, entry.rules, &pairs)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The payment method of an order without `PM`: the 3.2 table has no PM row and its card rows
/// are the credit-card values (DirectLink guide, section 8), so an order without `PM` is checked as
/// `PM=CreditCard`, as the sandbox executes it.
fn with_default_pm(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    if !pairs.iter().any(|(n, _)| n == "PM") {
        pairs.push(("PM".to_owned(), "CreditCard".to_owned()));
    }
    pairs
}
