//! Finding the request table that stdin parameters belong to.

use payone_types::generated::REQUESTS;
use payone_types::request::RequestEntry;

use crate::input::value;

/// The request named by the `request` parameter in the table of `api`.
pub fn request_entry(
    api: &str,
    pairs: &[(String, String)],
) -> Result<&'static RequestEntry, String> {
    let known: Vec<&str> = REQUESTS
        .iter()
        .filter(|e| e.api.as_str() == api)
        .map(|e| e.name)
        .collect();
    let Some(request) = value(pairs, "request") else {
        return Err(format!(
            "request: required parameter is missing (one of: {})",
            known.join(", ")
        ));
    };
    REQUESTS
        .iter()
        .find(|e| e.api.as_str() == api && e.name == request)
        .ok_or_else(|| {
            format!(
                "request: unknown value for the {api} API; permitted: {}",
                known.join(", ")
            )
        })
}
