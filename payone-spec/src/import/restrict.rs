//! `payone spec import --request R`: the imported table cut down to one request.

use crate::model::SpecFile;

/// The part of `file` that request `name` uses: that request, the groups it carries (in file
/// order), their rows and the conditional rules that apply to it (a rule's `requests` cut down
/// to this one). LIST values' `not_for` lose the requests that are no longer in the
/// file, since the loader refuses a `not_for` naming an unknown request. An unknown request is
/// an error that lists the known ones, so a typo cannot pass for an empty table.
pub fn restrict_to_request(file: &SpecFile, name: &str) -> Result<SpecFile, String> {
    let Some(request) = file.requests.iter().find(|r| r.name == name) else {
        let known: Vec<&str> = file.requests.iter().map(|r| r.name.as_str()).collect();
        return Err(format!(
            "--request {name}: the table has no such request; known: {}",
            if known.is_empty() {
                "none (the overlay declares no [[request]])".to_owned()
            } else {
                known.join(", ")
            }
        ));
    };
    let mut out = file.clone();
    out.requests = vec![request.clone()];
    out.groups.retain(|g| request.groups.contains(&g.id));
    out.params.retain(|p| request.groups.contains(&p.group));
    for p in &mut out.params {
        for v in &mut p.values {
            v.not_for.retain(|r| *r == request.name);
        }
    }
    out.rules.retain(|rule| {
        request.groups.contains(&rule.group)
            && (rule.requests.is_empty() || rule.requests.contains(&request.name))
    });
    for rule in &mut out.rules {
        rule.requests.retain(|r| *r == request.name);
    }
    Ok(out)
}
