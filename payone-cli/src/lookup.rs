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

/// The DirectLink request that upper-cased `pairs` imply (DirectLink names requests by
/// endpoint, not by a parameter).
///
/// With `OPERATION`:
///
/// - card data (`CARDNO`, `ED` or `CVC`) makes it orderdirect: a maintenance request never
///   carries them (section 8.2 of the DirectLink guide: a maintenance request need not give
///   PM, BRAND, CARDNO or ED), so the order table judges the operation code;
/// - so does a code that only the new-order LIST has (3.2: `RES`, `PAU`);
/// - anything else is maintenancedirect: a maintenance code (5.1.2: `REN`, `DEL`, `DES`,
///   `SAL`, `SAS`, `RFD`, `RFS`) on an order named by `PAYID` or `ORDERID`, or an unknown code,
///   which the maintenance table then names.
///
/// Without `OPERATION`: an order reference (`ORDERID` or `PAYID`) without amount or card data
/// is querydirect; a request with neither reference, amount nor card data is the
/// privacy-policy request (7.1.2: the credentials, optional `BRAND` and `LANGUAGE`); anything
/// else is orderdirect (OPERATION is optional there: the account's default operation applies).
pub fn directlink_request(pairs: &[(String, String)]) -> &'static str {
    use payone_types::generated::directlink::{CreditCardOperation, MaintenanceOperation};

    let has = |name: &str| pairs.iter().any(|(n, _)| n == name);
    let operation = pairs
        .iter()
        .find(|(n, _)| n == "OPERATION")
        .map(|(_, v)| v.as_str());
    let card = has("CARDNO") || has("ED") || has("CVC");
    let reference = has("ORDERID") || has("PAYID");
    match operation {
        Some(_) if card => "orderdirect",
        Some(op)
            if CreditCardOperation::VALUES.contains(&op)
                && !MaintenanceOperation::VALUES.contains(&op) =>
        {
            "orderdirect"
        }
        Some(_) => "maintenancedirect",
        None if reference && !has("AMOUNT") && !card => "querydirect",
        None if !reference && !has("AMOUNT") && !card => "privacy_policy",
        None => "orderdirect",
    }
}
