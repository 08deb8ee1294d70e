//! Runtime validation of untyped `name=value` parameters against a request's table, as
//! `payone validate` and `payone hash` run it.

use payone_types::dynamic::{find_row, split_name, to_params, validate as check};
use payone_types::generated::REQUESTS;

/// Written after every value: no violation may repeat it, since reports never hold values.
const MARKER: &str = "\u{1}fuzz-value-marker\u{1}";

/// The first byte picks a request of any API; the rest is read as `name=value` lines (split at
/// the first `=`, as the CLI does).
///
/// Properties: validating, converting to parameters and looking rows up never panic; a
/// violation report never holds a value; validating twice gives the same report.
pub fn validate(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let entry = &REQUESTS[usize::from(selector) % REQUESTS.len()];
    let rows = (entry.params)();
    let text = String::from_utf8_lossy(rest);
    let mut pairs: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    if entry.api.as_str() == "directlink" {
        // The CLI upper-cases DirectLink names; check the names as given too.
        let upper: Vec<_> = pairs
            .iter()
            .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
            .collect();
        run(&rows, entry.rules, &upper);
    }
    run(&rows, entry.rules, &pairs);
    for (_, value) in &mut pairs {
        value.push_str(MARKER);
    }
    let report = run(&rows, entry.rules, &pairs);
    if !pairs.iter().any(|(n, _)| n.contains("fuzz-value-marker")) {
        assert!(
            !report.contains("fuzz-value-marker"),
            "a violation shows a value: {report}"
        );
    }
}

fn run(
    rows: &[&payone_types::ParamInfo],
    rules: &'static [payone_types::Condition],
    pairs: &[(String, String)],
) -> String {
    let report = check(rows, rules, pairs).to_string();
    assert_eq!(
        report,
        check(rows, rules, pairs).to_string(),
        "validation is not deterministic"
    );
    let _ = to_params(rows, pairs);
    for (name, _) in pairs {
        let (base, _index) = split_name(name);
        assert!(
            name.starts_with(base),
            "split_name changed the name's start"
        );
        if let Some(row) = find_row(rows, name, pairs) {
            assert_eq!(row.name, base, "find_row found another parameter");
        }
    }
    report
}
