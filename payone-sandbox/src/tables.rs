//! The parameter tables the sandbox validates against: exactly the generated tables of
//! `payone-types` (`generated::REQUESTS`), so the sandbox and the typed bindings never disagree
//! about what a request may carry.

use std::collections::HashMap;
use std::sync::OnceLock;

use payone_types::generated::REQUESTS;
use payone_types::{Api, Condition, ParamInfo, Rule};

use crate::form::Form;
use crate::refusal::Refusal;

type Tables = HashMap<(Api, &'static str), Vec<&'static ParamInfo>>;

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        REQUESTS
            .iter()
            .map(|e| ((e.api, e.name), (e.params)()))
            .collect()
    })
}

/// The rows of `request` on `api`, or `None` when the tables know no such request.
pub(crate) fn rows(api: Api, request: &str) -> Option<Vec<&'static ParamInfo>> {
    tables()
        .iter()
        .find(|((a, name), _)| *a == api && *name == request)
        .map(|(_, rows)| rows.clone())
}

/// The conditional rules of `request` on `api` (none when the tables know no such request).
pub(crate) fn rules(api: Api, request: &str) -> &'static [Condition] {
    REQUESTS
        .iter()
        .find(|e| e.api == api && e.name == request)
        .map_or(&[], |e| e.rules)
}

/// The request names known for `api`, in table order, for error messages.
pub(crate) fn request_names(api: Api) -> Vec<&'static str> {
    REQUESTS
        .iter()
        .filter(|e| e.api == api)
        .map(|e| e.name)
        .collect()
}

/// The tables' spelling of `request` on `api`, `None` when they know no such request.
pub(crate) fn request_name(api: Api, request: &str) -> Option<&'static str> {
    REQUESTS
        .iter()
        .find(|e| e.api == api && e.name == request)
        .map(|e| e.name)
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
        .copied()
        .find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_authorization_carries_reference_and_redirect_urls() {
        let rows = rows(Api::Server, "authorization").unwrap();
        for name in ["reference", "successurl", "backurl", "errorurl"] {
            assert!(rows.iter().any(|r| r.name == name), "{name}");
        }
        let reference = rows.iter().find(|r| r.name == "reference").unwrap();
        assert!((reference.check)("order-1").is_ok());
        assert!(
            (reference.check)("ä").is_err(),
            "symbols of the Frontend parameter page"
        );
    }

    #[test]
    fn unknown_requests_have_no_rows() {
        assert!(rows(Api::Server, "nosuchrequest").is_none());
        assert!(rows(Api::Client, "creditcardcheck").is_some());
        assert_eq!(
            request_names(Api::Client),
            ["creditcardcheck", "bankaccountcheck", "managemandate"]
        );
    }
}
