//! `/sandbox/redirect/{txid}`: the page of the payment method's provider (the customer's online
//! bank for `clearingtype=sb`, the wallet for `wlt`) that a `REDIRECT` answer sends the customer
//! to. "Pay" approves the payment and returns to `successurl`; "Cancel" returns to `backurl`
//! (else `errorurl`) and leaves the payment unpaid.
//!
//! As the platform's TransactionStatus page describes for redirect methods
//! (<https://docs.payone.com/integration/response-handling/transactionstatus-notification>), the
//! `appointed` notification is queued before the customer is sent back; an online bank transfer
//! is paid at once, so `paid` follows it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::App;
use crate::html::{escape, page as html_page, refused};
use crate::notify::Event;
use crate::redirect;
use crate::state::TxStatus;

/// `GET /sandbox/redirect/{txid}`: the provider's page with `id="pay"` and `id="cancel"`.
pub(crate) async fn page(State(app): State<Arc<App>>, Path(txid): Path<String>) -> Response {
    let state = app.state();
    let Some(tx) = txid
        .parse()
        .ok()
        .and_then(|txid| state.transaction(txid))
        .filter(|tx| tx.status == TxStatus::Redirect)
    else {
        return not_waiting();
    };
    let path = format!("/sandbox/redirect/{}", tx.txid);
    let body = format!(
        "<p>Payment <span id=\"txid\">{}</span> of <span id=\"amount\">{}</span> {}, \
         method <span id=\"clearingtype\">{}</span>.</p>\n\
         <p><a id=\"pay\" href=\"{path}/complete?result=pay\">Pay</a></p>\n\
         <p><a id=\"cancel\" href=\"{path}/complete?result=cancel\">Cancel</a></p>",
        tx.txid,
        crate::money::decimal(tx.amount),
        escape(tx.currency.as_deref().unwrap_or_default()),
        escape(tx.clearingtype.as_deref().unwrap_or_default()),
    );
    html_page(StatusCode::OK, "Payment provider", &body)
}

/// `GET /sandbox/redirect/{txid}/complete?result=pay|cancel`.
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path(txid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let pay = match query.get("result").map(String::as_str) {
        Some("pay") => true,
        Some("cancel") => false,
        _ => return refused(StatusCode::BAD_REQUEST, "result: must be pay or cancel"),
    };
    // Checked and changed under one lock: two clicks cannot both complete the payment.
    let mut state = app.state();
    let Some(tx) = txid
        .parse()
        .ok()
        .and_then(|txid| state.transaction_mut(txid))
        .filter(|tx| tx.status == TxStatus::Redirect)
    else {
        return not_waiting();
    };
    let url = if pay {
        tx.approve();
        app.notifier.notify(Event::new(tx, "appointed", 0));
        if tx.clearingtype.as_deref() == Some("sb") && tx.booked > 0 {
            tx.paid = tx.booked;
            app.notifier.notify(Event::new(tx, "paid", 0));
        }
        tx.successurl.clone()
    } else {
        tx.status = TxStatus::Failed;
        tx.backurl.clone().or_else(|| tx.errorurl.clone())
    };
    drop(state);
    match url {
        Some(url) => redirect::see_other(&url),
        // Not reachable through the Server API, which refuses a redirect without the URLs.
        None => html_page(
            StatusCode::OK,
            "Payment provider",
            "<p id=\"result\">done</p>",
        ),
    }
}

fn not_waiting() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "txid: no payment waiting for the customer",
    )
}
