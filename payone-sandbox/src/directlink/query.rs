//! `POST /ncol/test/querydirect.asp`: the status of an order (DirectLink guide, sections 6, 6.2).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::maintenance::{find, unknown};
use super::request::{self, DlRequest, Page};
use super::xml::{NcResponse, major_units};
use super::xml_answer;
use crate::app::App;

/// The handler.
pub(crate) async fn handle(State(app): State<Arc<App>>, body: Bytes) -> Response {
    app.count_request(Page::Query.counter());
    let (answer, withroot) = match DlRequest::decode(&body) {
        Err(refused) => (NcResponse::refused("", &refused), false),
        Ok(request) => (answer(&app, &request), request.withroot()),
    };
    xml_answer(answer.to_xml(withroot))
}

fn answer(app: &App, request: &DlRequest) -> NcResponse {
    if let Err(refused) = request::check(request, &app.accounts.directlink, Page::Query) {
        return NcResponse::refused(request.orderid(), &refused);
    }
    let store = app.directlink();
    let Some(order) = find(&store, request).and_then(|payid| store.by_payid(payid)) else {
        return unknown(request);
    };
    // The order's current status, or that of the history level PAYIDSUB names.
    let (payidsub, status, amount) = match request.get("PAYIDSUB") {
        None => (order.payidsub(), order.status, order.data.amount),
        Some(sub) => match sub
            .parse::<usize>()
            .ok()
            .and_then(|s| Some((s, order.history.get(s)?)))
        {
            Some((sub, level)) => (sub, level.status, level.amount),
            None => return unknown(request),
        },
    };
    let answer = NcResponse::new()
        .with("orderID", &order.data.orderid)
        .with("PAYID", order.payid)
        .with("PAYIDSUB", payidsub)
        .with("NCSTATUS", 0)
        .with("NCERROR", "")
        .with("NCERRORPLUS", "")
        .with("ACCEPTANCE", &order.acceptance)
        .with("STATUS", status)
        .with("ECI", &order.data.eci)
        .with("amount", major_units(amount))
        .with("currency", &order.data.currency)
        .with("PM", "CreditCard")
        .with("BRAND", order.data.brand)
        .with("CARDNO", &order.data.masked_cardno);
    match &order.data.ip {
        Some(ip) => answer.with("IP", ip),
        None => answer,
    }
}
