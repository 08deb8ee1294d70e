//! `payone spec list`: one line per parameter of each request.

use crate::load::Spec;

/// Lines `api<TAB>request<TAB>name<TAB>required|optional|conditional<TAB>yes|no<TAB>FORMAT`,
/// arrays written `name[n]`, requests in file order, rows in page order. A row that a request
/// carries twice with identical columns (seed 004's `iban` in two payment blocks) is listed once.
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
        }
    }
    lines
}
