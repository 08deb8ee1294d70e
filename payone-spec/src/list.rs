//! `payone spec list`: one line per parameter of each request.

use crate::load::Spec;

/// Lines `api<TAB>request<TAB>name<TAB>required|optional|conditional<TAB>yes|no<TAB>FORMAT`,
/// arrays written `name[n]`, requests in file order, rows in page order. A row that a request
/// carries twice with identical columns (the Frontend parameter page's `iban` in two payment
/// blocks) is listed once. After its rows, one line per conditional rule of the request:
/// `api<TAB>request<TAB>rule <id><TAB>the rule in plain English[ (with selector=value)]`.
pub fn list(specs: &[Spec], api: Option<&str>, request: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    for spec in specs.iter().filter(|s| api.is_none_or(|a| s.api() == a)) {
        for req in spec
            .file
            .requests
            .iter()
            .filter(|r| request.is_none_or(|n| r.name == n))
        {
            let mut seen = Vec::new();
            for row in spec.rows(&req.name) {
                let name = if row.group.array.is_some() {
                    format!("{}[n]", row.param.name)
                } else {
                    row.param.name.clone()
                };
                let line = format!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    spec.api(),
                    req.name,
                    name,
                    row.required.as_list_word(),
                    if row.hash { "yes" } else { "no" },
                    row.param.format
                );
                if !seen.contains(&line) {
                    seen.push(line.clone());
                    lines.push(line);
                }
            }
            for rule in spec.request_rules(&req.name) {
                let block = spec
                    .group(&rule.group)
                    .and_then(|g| g.selected_by.as_ref())
                    .map(|s| format!(" (with {}={})", s.param, s.value))
                    .unwrap_or_default();
                lines.push(format!(
                    "{}\t{}\trule {}\t{}{block}",
                    spec.api(),
                    req.name,
                    rule.id,
                    rule.sentence()
                ));
            }
        }
        lines.extend(operation_lines(spec, request));
    }
    lines
}

/// The v2 operations: one line per scalar member of the request body, written as its JSON
/// path (`order.amountOfMoney.amount`, arrays `errors[n].code`); the 5th column is `no` since
/// v2 signs the HTTP request, not members. A GET without a body lists nothing.
fn operation_lines(spec: &Spec, request: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    for op in spec
        .file
        .operations
        .iter()
        .filter(|o| request.is_none_or(|n| o.name == n))
    {
        let Some(body) = op
            .request
            .as_deref()
            .and_then(|name| crate::objects::object(&spec.file, name))
        else {
            continue;
        };
        for member in crate::objects::member_paths(&spec.file, body) {
            lines.push(format!(
                "{}\t{}\t{}\t{}\tno\t{}",
                spec.api(),
                op.name,
                member.path,
                member.required.as_list_word(),
                member.field.format
            ));
        }
    }
    lines
}
