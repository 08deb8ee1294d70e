//! `POST /ncol/test/maintenancedirect.asp`: capture, refund, delete or renew an order (the
//! DirectLink guide sections 5, 5.2, 5.3).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::request::{self, DlRequest, Page};
use super::store::{Refusal, Store, parse_operation};
use super::xml::{self, NcResponse, Refused, major_units};
use super::xml_answer;
use crate::app::App;

/// The handler.
pub(crate) async fn handle(State(app): State<Arc<App>>, body: Bytes) -> Response {
    app.count_request(Page::Maintenance.counter());
    let (answer, withroot) = match DlRequest::decode(&body) {
        Err(refused) => (NcResponse::refused("", &refused), false),
        Ok(request) => (answer(&app, &request), request.withroot()),
    };
    xml_answer(answer.to_xml(withroot))
}

fn answer(app: &App, request: &DlRequest) -> NcResponse {
    let orderid = request.orderid();
    if let Err(refused) = request::check(request, &app.accounts.directlink, Page::Maintenance) {
        return NcResponse::refused(orderid, &refused);
    }
    // Both were checked: a known OPERATION, AMOUNT digits.
    let Some(operation) = request.get("OPERATION").and_then(parse_operation) else {
        return NcResponse::refused(orderid, &Refused::invalid("OPERATION", "unknown value"));
    };
    let amount = request.get("AMOUNT").and_then(|a| a.parse::<u64>().ok());
    let mut store = app.directlink();
    let Some(payid) = find(&store, request) else {
        return unknown(request);
    };
    match store.maintain(payid, operation, amount, request.get("CURRENCY")) {
        Ok((order, done)) => NcResponse::new()
            .with("orderID", &order.data.orderid)
            .with("PAYID", order.payid)
            .with("PAYIDSUB", done.payidsub)
            .with("NCSTATUS", 0)
            .with("NCERROR", "")
            .with("NCERRORPLUS", "")
            .with("ACCEPTANCE", &order.acceptance)
            .with("STATUS", done.answer_status)
            .with("amount", major_units(done.amount))
            .with("currency", &order.data.currency),
        Err(Refusal::Unknown) => unknown(request),
        Err(Refusal::Invalid(param, rule)) => {
            let order = store.by_payid(payid);
            let orderid = order.map_or(orderid, |o| o.data.orderid.as_str());
            NcResponse::error(
                orderid,
                &payid.to_string(),
                xml::DATA_VALIDATION,
                &format!("{param}: {rule}"),
            )
        }
        Err(Refusal::NotInCorrectStatus) => {
            let Some(order) = store.by_payid(payid) else {
                return unknown(request);
            };
            NcResponse::new()
                .with("orderID", &order.data.orderid)
                .with("PAYID", order.payid)
                .with("PAYIDSUB", order.payidsub())
                .with("NCSTATUS", xml::ncstatus(xml::NOT_IN_CORRECT_STATUS))
                .with("NCERROR", xml::NOT_IN_CORRECT_STATUS)
                .with(
                    "NCERRORPLUS",
                    format!(
                        "This order is not authorized: STATUS {} does not allow this operation",
                        order.status
                    ),
                )
                .with("ACCEPTANCE", "")
                .with("STATUS", 0)
                .with("amount", "")
                .with("currency", "")
        }
    }
}

/// The PAYID of the order the request names: `PAYID` when sent, else the latest order of
/// `ORDERID`.
pub(crate) fn find(store: &Store, request: &DlRequest) -> Option<u64> {
    match request.get("PAYID") {
        Some(payid) => payid
            .parse()
            .ok()
            .filter(|payid| store.by_payid(*payid).is_some()),
        None => store.by_orderid(request.orderid()).map(|o| o.payid),
    }
}

/// NCERROR 50001130: no such order.
pub(crate) fn unknown(request: &DlRequest) -> NcResponse {
    let message = if request.get("PAYID").is_some() {
        "unknown payid"
    } else {
        "unknown orderid"
    };
    NcResponse::new()
        .with("orderID", request.orderid())
        .with("PAYID", 0)
        .with("NCSTATUS", xml::ncstatus(xml::UNKNOWN_ORDER))
        .with("NCERROR", xml::UNKNOWN_ORDER)
        .with("NCERRORPLUS", message)
        .with("ACCEPTANCE", "")
        .with("STATUS", "")
        .with("amount", "")
        .with("currency", "")
}
