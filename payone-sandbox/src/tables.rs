//! The parameter tables the sandbox validates against: the generated tables of `payone-types`
//! (`generated::REQUESTS`), plus the few rows the sandbox accepts beyond them.
//!
//! Seed 003's Server API table for `preauthorization`/`authorization` has no `reference`,
//! `successurl`, `errorurl` or `backurl`, although the platform takes them (seed 004 tables them
//! for the same requests on the Frontend, seed 003 names Success-URL and Back-URL for 3-D
//! Secure). Without them neither the duplicate-reference check (911) nor the 3-D Secure
//! redirect could be exercised, so the sandbox accepts them as optional rows, with the formats
//! of the tables that do give them, and only while the Server API table lacks them.

use std::collections::HashMap;
use std::sync::OnceLock;

use payone_types::generated::REQUESTS;
use payone_types::{Api, ParamInfo, Required, Rule};

use crate::form::Form;
use crate::refusal::Refusal;

/// Extension rows: (Server API request, parameter, the table whose row lends the format).
const EXTENSIONS: &[(&str, &str, Api, &str)] = &[
    (
        "preauthorization",
        "reference",
        Api::Frontend,
        "preauthorization",
    ),
    (
        "preauthorization",
        "successurl",
        Api::Frontend,
        "preauthorization",
    ),
    (
        "preauthorization",
        "backurl",
        Api::Frontend,
        "preauthorization",
    ),
    ("preauthorization", "errorurl", Api::Server, "createaccess"),
    ("authorization", "reference", Api::Frontend, "authorization"),
    (
        "authorization",
        "successurl",
        Api::Frontend,
        "authorization",
    ),
    ("authorization", "backurl", Api::Frontend, "authorization"),
    ("authorization", "errorurl", Api::Server, "createaccess"),
];

type Tables = HashMap<(Api, &'static str), Vec<ParamInfo>>;

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tables: Tables = REQUESTS
            .iter()
            .map(|e| ((e.api, e.name), (e.params)().into_iter().copied().collect()))
            .collect();
        for &(request, name, lender_api, lender) in EXTENSIONS {
            let lent = tables
                .get(&(lender_api, lender))
                .and_then(|rows| rows.iter().find(|r| r.name == name && r.block.is_none()))
                .copied();
            let Some(rows) = tables.get_mut(&(Api::Server, request)) else {
                continue;
            };
            if rows.iter().any(|r| r.name == name) {
                continue; // the table has grown the row: it wins
            }
            if let Some(mut row) = lent {
                row.required = Required::No;
                row.hash = false;
                row.account = false;
                row.group = "";
                rows.push(row);
            }
        }
        tables
    })
}

/// The rows of `request` on `api`, or `None` when the tables know no such request.
pub(crate) fn rows(api: Api, request: &str) -> Option<Vec<&'static ParamInfo>> {
    tables()
        .iter()
        .find(|((a, name), _)| *a == api && *name == request)
        .map(|(_, rows)| rows.iter().collect())
}

/// The request names known for `api`, in table order, for error messages.
pub(crate) fn request_names(api: Api) -> Vec<&'static str> {
    REQUESTS
        .iter()
        .filter(|e| e.api == api)
        .map(|e| e.name)
        .collect()
}

/// The `request` parameter of `form`, if the tables know it for `api`.
pub(crate) fn known_request(form: &Form, api: Api) -> Result<&str, Refusal> {
    let request = form
        .non_empty("request")
        .ok_or_else(|| Refusal::faulty("request", Rule::Missing))?;
    if rows(api, request).is_none() {
        let permitted = request_names(api).join(", ");
        return Err(Refusal::faulty(
            "request",
            format!("unknown value; permitted: {permitted}"),
        ));
    }
    Ok(request)
}

/// The Server API row of an account parameter (`mid`, `portalid`, `aid`), for checking the
/// configuration.
pub(crate) fn account_row(name: &str) -> Option<&'static ParamInfo> {
    tables()
        .get(&(Api::Server, "preauthorization"))?
        .iter()
        .find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_authorization_gains_the_missing_rows_as_optional() {
        let rows = rows(Api::Server, "authorization").unwrap();
        for name in ["reference", "successurl", "backurl", "errorurl"] {
            let row = rows.iter().find(|r| r.name == name).unwrap();
            assert_eq!(row.required, Required::No, "{name}");
        }
        let reference = rows.iter().find(|r| r.name == "reference").unwrap();
        assert!((reference.check)("order-1").is_ok());
        assert!((reference.check)("ä").is_err(), "symbols of seed 004");
    }

    #[test]
    fn unknown_requests_have_no_rows() {
        assert!(rows(Api::Server, "3dscheck").is_none());
        assert!(rows(Api::Client, "creditcardcheck").is_some());
        assert_eq!(
            request_names(Api::Client),
            ["creditcardcheck", "bankaccountcheck"]
        );
    }
}
