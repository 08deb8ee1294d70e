//! `/frontend/v2/`: the hosted payment page. A signed request shows the order with "Pay" and
//! "Cancel"; "Pay" opens an approved transaction and returns the customer to `successurl`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use payone_types::Api;
use payone_types::dynamic::{split_name, validate};

use crate::app::App;
use crate::form::{self, Form};
use crate::html::{escape, page as html_page, refused};
use crate::money::decimal;
use crate::notify::Event;
use crate::refusal::Refusal;
use crate::state::{Kind, Order, TxStatus};
use crate::{auth, redirect, tables};

/// `GET`/`POST /frontend/v2/`: the page, or 400 `Request refused: ...` naming the parameter.
pub(crate) async fn page(State(app): State<Arc<App>>, uri: Uri, body: Bytes) -> Response {
    let query = uri.query().unwrap_or_default().as_bytes();
    let form = match form::decode(&[query, &body]) {
        Ok(form) => form,
        Err(undecodable) => return refused(StatusCode::BAD_REQUEST, &undecodable.refusal.reason()),
    };
    let kind = match check(&app, &form) {
        Ok(kind) => kind,
        Err(refusal) => return refused(StatusCode::BAD_REQUEST, &refusal.reason()),
    };
    let order = order(kind, &form);
    let title = match kind {
        Kind::Createaccess => "Subscription",
        _ => "Payment",
    };
    let summary = summary(&order, &form);
    let token = app.state().add_checkout(order);
    let body = format!(
        "{summary}\n<form method=\"post\" action=\"/frontend/v2/pay\">\n\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\n\
         <button id=\"pay\" type=\"submit\">Pay</button>\n</form>\n\
         <p><a id=\"cancel\" href=\"/frontend/v2/cancel?token={token}\">Cancel</a></p>",
        token = escape(&token),
    );
    html_page(StatusCode::OK, title, &body)
}

/// `portalid`, `aid`, `request`, `hash`, the table (first violation), then the reference (911).
fn check(app: &App, form: &Form) -> Result<Kind, Refusal> {
    auth::check_account(form, &app.accounts, &["portalid", "aid"])?;
    let request = tables::known_request(form, Api::Frontend)?;
    let rows = tables::rows(Api::Frontend, request).unwrap_or_default();
    auth::check_hash(form, &rows, &app.accounts)?;
    if let Some(violation) = validate(&rows, tables::rules(Api::Frontend, request), &form.pairs)
        .into_iter()
        .next()
    {
        return Err(Refusal::faulty(violation.param, violation.rule));
    }
    if let Some(reference) = form.non_empty("reference")
        && app.state().reference_used(reference)
    {
        return Err(Refusal::ReferenceExists);
    }
    Kind::from_request(request)
        .ok_or_else(|| Refusal::faulty("request", "the sandbox does not emulate it yet"))
}

/// The order of a checked request.
fn order(kind: Kind, form: &Form) -> Order {
    let text = |name: &str| form.non_empty(name).map(str::to_owned);
    Order {
        kind,
        amount: form.get("amount").and_then(|a| a.parse().ok()).unwrap_or(0),
        currency: text("currency"),
        clearingtype: text("clearingtype"),
        reference: text("reference"),
        customerid: text("customerid"),
        mode: text("mode").unwrap_or_else(|| "test".to_owned()),
        successurl: text("successurl"),
        errorurl: None,
        backurl: text("backurl"),
    }
}

/// Reference, amount and basket (`de[n]`, `no[n]`, `pr[n]`), escaped.
fn summary(order: &Order, form: &Form) -> String {
    let currency = escape(order.currency.as_deref().unwrap_or_default());
    let mut html = format!(
        "<p>Reference: <span id=\"reference\">{}</span></p>\n",
        escape(order.reference.as_deref().unwrap_or_default())
    );
    if order.kind != Kind::Createaccess {
        html.push_str(&format!(
            "<p>Amount: <span id=\"amount\">{}</span> <span id=\"currency\">{currency}</span></p>\n",
            decimal(order.amount)
        ));
    }
    // Items by index; an index is one row whatever parameters it carries.
    let mut items: BTreeMap<u32, BTreeMap<&str, &str>> = BTreeMap::new();
    for (name, value) in &form.pairs {
        if let (base @ ("de" | "no" | "pr"), Some(index)) = split_name(name) {
            items.entry(index).or_default().insert(base, value);
        }
    }
    if !items.is_empty() {
        html.push_str(
            "<table id=\"items\">\n<tr><th>Item</th><th>Quantity</th><th>Price</th></tr>\n",
        );
        for item in items.values() {
            let price = item
                .get("pr")
                .and_then(|p| p.parse().ok())
                .map(decimal)
                .unwrap_or_default();
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{price} {currency}</td></tr>\n",
                escape(item.get("de").unwrap_or(&"")),
                escape(item.get("no").unwrap_or(&"")),
            ));
        }
        html.push_str("</table>\n");
    }
    html
}

/// The one-time token of a pay or cancel request.
fn token(input: &[u8]) -> Option<String> {
    form_urlencoded::parse(input)
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
}

/// `POST /frontend/v2/pay`: opens the transaction (approved), notifies `appointed`, and
/// redirects (303) to `successurl` unchanged, or shows the result when there is none.
pub(crate) async fn pay(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let mut state = app.state();
    let Some(order) = token(&body).and_then(|t| state.take_checkout(&t)) else {
        return refused(StatusCode::BAD_REQUEST, "token: unknown or already used");
    };
    if let Some(reference) = &order.reference
        && state.reference_used(reference)
    {
        return refused(StatusCode::BAD_REQUEST, &Refusal::ReferenceExists.reason());
    }
    let userid = state.user_for(order.customerid.as_deref());
    let successurl = order.successurl.clone();
    let tx = state.open(order, userid, TxStatus::Approved);
    let txid = tx.txid;
    app.notifier.notify(Event::new(tx, "appointed", 0));
    drop(state);
    match successurl {
        Some(url) => redirect::see_other(&url),
        None => html_page(
            StatusCode::OK,
            "Payment approved",
            &format!(
                "<p id=\"result\">approved</p>\n<p>Transaction <span id=\"txid\">{txid}</span></p>"
            ),
        ),
    }
}

/// `GET /frontend/v2/cancel?token=...`: forgets the checkout and redirects (303) to `backurl`,
/// or shows that it was cancelled when there is none.
pub(crate) async fn cancel(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let query = uri.query().unwrap_or_default().as_bytes();
    let Some(order) = token(query).and_then(|t| app.state().take_checkout(&t)) else {
        return refused(StatusCode::BAD_REQUEST, "token: unknown or already used");
    };
    match order.backurl {
        Some(url) => redirect::see_other(&url),
        None => html_page(
            StatusCode::OK,
            "Payment cancelled",
            "<p id=\"result\">cancelled</p>",
        ),
    }
}
