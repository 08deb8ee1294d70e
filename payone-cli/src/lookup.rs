//! Finding the request table that stdin parameters belong to.

use payone_types::generated::REQUESTS;
use payone_types::request::RequestEntry;

use crate::input::value;

/// The request named by the `request` parameter in the table of `api`; for DirectLink, which
/// names requests by endpoint, the request the parameters imply ([`directlink_request`]).
pub fn request_entry(
    api: &str,
    pairs: &[(String, String)],
) -> Result<&'static RequestEntry, String> {
    let known: Vec<&str> = REQUESTS
        .iter()
        .filter(|e| e.api.as_str() == api)
        .map(|e| e.name)
        .collect();
    let request = if api == "directlink" {
        directlink_request(pairs)
    } else {
        value(pairs, "request").ok_or_else(|| {
            format!(
                "request: required parameter is missing (one of: {})",
                known.join(", ")
            )
        })?
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

/// Maintenance operations of seed 002 section 5 (the page names the codes in its prose).
const MAINTENANCE: &[&str] = &["REN", "DEL", "DES", "SAL", "SAS", "RFD", "RFS"];

/// The DirectLink request that upper-cased `pairs` imply: `BRAND` without an order is the
/// privacy-policy request; an `OPERATION` of maintenance on an existing payment (`PAYID`, no
/// card) is maintenancedirect; an order reference without operation, amount or card is
/// querydirect; everything else is a new order.
pub fn directlink_request(pairs: &[(String, String)]) -> &'static str {
    let has = |name: &str| pairs.iter().any(|(n, _)| n == name);
    let operation = pairs
        .iter()
        .find(|(n, _)| n == "OPERATION")
        .map(|(_, v)| v.as_str());
    let card = has("CARDNO");
    let reference = has("ORDERID") || has("PAYID");
    if has("BRAND") && !reference {
        "privacy_policy"
    } else if operation.is_some_and(|op| MAINTENANCE.contains(&op)) && has("PAYID") && !card {
        "maintenancedirect"
    } else if operation.is_none() && reference && !has("AMOUNT") && !card {
        "querydirect"
    } else {
        "orderdirect"
    }
}
