//! `/sandbox/3ds/{txid}`: the 3-D Secure challenge a `REDIRECT` answer (amount 9903) sends the
//! customer to. "Authenticate" approves the transaction, "Fail" fails it; either way the
//! customer returns to the shop.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::App;
use crate::html::{bad_challenge_result, challenge, challenge_result, page as html_page, refused};
use crate::notify::Event;
use crate::redirect;
use crate::state::TxStatus;

/// `GET /sandbox/3ds/{txid}`: the challenge page with `id="authenticate"` and `id="fail"`.
pub(crate) async fn page(State(app): State<Arc<App>>, Path(txid): Path<String>) -> Response {
    let Some(txid) = waiting(&app, &txid) else {
        return not_waiting();
    };
    challenge(
        "Transaction",
        "txid",
        &txid.to_string(),
        &format!("/sandbox/3ds/{txid}"),
    )
}

/// `GET /sandbox/3ds/{txid}/complete?result=ok|fail`: `ok` approves (notification
/// `appointed`, 303 to `successurl`), `fail` fails (notification `failed`, 303 to `errorurl`,
/// else `backurl`).
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path(txid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(ok) = challenge_result(&query) else {
        return bad_challenge_result();
    };
    // Checked and changed under one lock: two clicks cannot both complete the challenge.
    let mut state = app.state();
    let Some(tx) = txid
        .parse()
        .ok()
        .and_then(|txid| state.transaction_mut(txid))
        .filter(|tx| tx.status == TxStatus::Redirect)
    else {
        return not_waiting();
    };
    let (url, txaction) = if ok {
        tx.approve();
        (tx.successurl.clone(), "appointed")
    } else {
        tx.status = TxStatus::Failed;
        (tx.errorurl.clone().or_else(|| tx.backurl.clone()), "failed")
    };
    let event = Event::new(tx, txaction, 0);
    app.notifier.notify(event);
    drop(state);
    match url {
        Some(url) => redirect::see_other(&url),
        // Not reachable through the Server API, which refuses 9903 without the URLs.
        None => html_page(StatusCode::OK, "3-D Secure", "<p id=\"result\">done</p>"),
    }
}

/// The txid if it names a transaction waiting for 3-D Secure.
fn waiting(app: &App, txid: &str) -> Option<u64> {
    let txid = txid.parse().ok()?;
    let state = app.state();
    (state.transaction(txid)?.status == TxStatus::Redirect).then_some(txid)
}

fn not_waiting() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "txid: no transaction waiting for 3-D Secure",
    )
}
