//! `/sandbox/directlink/3ds/{payid}`: the 3-D Secure page the `HTML_ANSWER` of a STATUS 46
//! answer posts the customer to. "Authenticate" authorises the order, "Fail" refuses it; either
//! way the customer returns to `ACCEPTURL` or `DECLINEURL` with the order's parameters signed
//! with SHA-OUT.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::directlink::{SHASIGN, ShaList, sha_sign};

use super::store::DlOrder;
use super::xml::major_units;
use crate::app::App;
use crate::config::DirectLinkAccount;
use crate::html::{bad_challenge_result, challenge, challenge_result, page as html_page, refused};
use crate::redirect;

/// `NCERROR` of a failed authentication (the sandbox's choice).
const AUTHENTICATION_FAILED: u32 = 40001134;

/// `GET` or `POST /sandbox/directlink/3ds/{payid}`: links `id="authenticate"` and `id="fail"`.
pub(crate) async fn page(State(app): State<Arc<App>>, Path(payid): Path<String>) -> Response {
    let waiting = payid.parse::<u64>().ok().filter(|p| {
        app.directlink()
            .by_payid(*p)
            .is_some_and(|o| o.status == 46)
    });
    let Some(payid) = waiting else {
        return not_waiting();
    };
    challenge(
        "DirectLink order",
        "payid",
        &payid.to_string(),
        &format!("/sandbox/directlink/3ds/{payid}"),
    )
}

/// `GET /sandbox/directlink/3ds/{payid}/complete?result=ok|fail`: 303 to `ACCEPTURL` (STATUS
/// 5, or 9 for a sale) or `DECLINEURL` (STATUS 2) with the feedback parameters.
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path(payid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(ok) = challenge_result(&query) else {
        return bad_challenge_result();
    };
    // Checked and changed under one lock: two clicks cannot both complete it.
    let done = payid
        .parse::<u64>()
        .ok()
        .and_then(|payid| app.directlink().authenticate(payid, ok));
    let Some(done) = done else {
        return not_waiting();
    };
    match done.url {
        Some(url) => {
            let feedback = feedback(&done.order, &app.accounts.directlink);
            redirect::see_other(&with_query(&url, &feedback))
        }
        // Not reachable: orders asking for 3-D Secure must carry both URLs.
        None => html_page(StatusCode::OK, "3-D Secure", "<p id=\"result\">done</p>"),
    }
}

/// The parameters the customer brings back: `orderID`, `currency`, `amount`, `PM`,
/// `ACCEPTANCE`, `STATUS`, `CARDNO` (masked), `PAYID`, `NCERROR`, `BRAND`, then `SHASIGN`
/// over all of them with the SHA-OUT passphrase.
pub(crate) fn feedback(order: &DlOrder, account: &DirectLinkAccount) -> Vec<(String, String)> {
    let ncerror = if order.status == 2 {
        AUTHENTICATION_FAILED
    } else {
        0
    };
    let mut params: Vec<(String, String)> = [
        ("orderID", order.data.orderid.clone()),
        ("currency", order.data.currency.clone()),
        ("amount", major_units(order.data.amount)),
        ("PM", "CreditCard".to_owned()),
        ("ACCEPTANCE", order.acceptance.clone()),
        ("STATUS", order.status.to_string()),
        ("CARDNO", order.data.masked_cardno.clone()),
        ("PAYID", order.payid.to_string()),
        ("NCERROR", ncerror.to_string()),
        ("BRAND", order.data.brand.to_owned()),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v))
    .collect();
    let shasign = sha_sign(
        &params,
        &account.sha_out,
        account.sha_algorithm,
        &ShaList::sha_out(),
    );
    params.push((SHASIGN.to_owned(), shasign));
    params
}

/// `url` with `params` appended to its query (before any fragment).
fn with_query(url: &str, params: &[(String, String)]) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(params);
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut out = format!("{base}{separator}{}", query.finish());
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

fn not_waiting() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "PAYID: no DirectLink order waiting for 3-D Secure",
    )
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn feedback_is_appended_to_the_url() {
        let params = [("STATUS".to_owned(), "5".to_owned())];
        assert_eq!(with_query("https://s/ok", &params), "https://s/ok?STATUS=5");
        assert_eq!(
            with_query("https://s/ok?a=1#top", &params),
            "https://s/ok?a=1&STATUS=5#top"
        );
    }
}
