//! `/v2/sandbox/3ds/{paymentId}`: the 3-D Secure challenge a `REDIRECT` merchant action sends
//! the customer to. "Authenticate" authorises the payment, "Fail" rejects it; either way the
//! customer returns to the `returnUrl` with `?paymentId=`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::store::{Flow, Status};
use crate::app::App;
use crate::html::{bad_challenge_result, challenge, challenge_result, page as html_page, refused};
use crate::redirect;

/// `GET /v2/sandbox/3ds/{paymentId}`: the page with `id="authenticate"` and `id="fail"`.
pub(crate) async fn page(State(app): State<Arc<App>>, Path(payment_id): Path<String>) -> Response {
    let waiting = app
        .v2
        .store()
        .get_mut(&payment_id)
        .is_some_and(|p| p.status == Status::Redirected);
    if !waiting {
        return not_waiting();
    }
    challenge(
        "Payment",
        "paymentId",
        &payment_id,
        &format!("/v2/sandbox/3ds/{payment_id}"),
    )
}

/// `GET /v2/sandbox/3ds/{paymentId}/complete?result=ok|fail`: `ok` makes the payment
/// `PENDING_CAPTURE` (flow `challenge`), `fail` `REJECTED`; a webhook tells, and the customer
/// goes `303` to the `returnUrl` with `paymentId` appended.
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path(payment_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(ok) = challenge_result(&query) else {
        return bad_challenge_result();
    };
    // Checked and changed under one lock: two clicks cannot both complete the challenge.
    let mut store = app.v2.store();
    let Some(payment) = store
        .get_mut(&payment_id)
        .filter(|p| p.status == Status::Redirected)
    else {
        return not_waiting();
    };
    if ok {
        payment.status = Status::PendingCapture;
        payment.three_ds = Some(Flow::Challenge);
    } else {
        payment.status = Status::Rejected;
    }
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    let url = payment.return_url.clone();
    let id = payment.id();
    drop(store);
    match url.and_then(|url| reqwest::Url::parse(&url).ok()) {
        Some(mut url) => {
            url.query_pairs_mut().append_pair("paymentId", &id);
            redirect::see_other(url.as_str())
        }
        // Not reachable: create refuses the challenge without an absolute returnUrl.
        None => html_page(StatusCode::OK, "3-D Secure", "<p id=\"result\">done</p>"),
    }
}

fn not_waiting() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "paymentId: no payment waiting for 3-D Secure",
    )
}
