//! `POST /ncol/test/orderdirect.asp`: a new order (DirectLink guide, sections 3, 4, 4.1).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::request::{self, DlRequest, Page};
use super::store::{DlOrder, NewOrder, OrderOperation};
use super::xml::{self, NcResponse, Refused, major_units};
use super::{AMOUNT_REFUSED, AMOUNT_WAITING, CARD_3DS, xml_answer};
use crate::app::App;
use crate::html::escape;

/// The handler: counts the request, executes it, then waits the slow-mode delay (the order is
/// recorded by then, so `querydirect.asp` finds it) and answers.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    app.count_request(Page::Order.counter());
    let (answer, withroot) = match DlRequest::decode(&body) {
        Err(refused) => (NcResponse::refused("", &refused), false),
        Ok(request) => (answer(&app, &request, &headers), request.withroot()),
    };
    let delay = app.faults.get().directlink_order_delay;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    xml_answer(answer.to_xml(withroot))
}

fn answer(app: &App, request: &DlRequest, headers: &HeaderMap) -> NcResponse {
    let orderid = request.orderid();
    if let Err(refused) = request::check(request, &app.accounts.directlink, Page::Order) {
        return NcResponse::refused(orderid, &refused);
    }
    let new = match new_order(request) {
        Ok(new) => new,
        Err(refused) => return NcResponse::refused(orderid, &refused),
    };
    // Checked and recorded under one lock: two requests with one ORDERID cannot both pass.
    let mut store = app.directlink();
    if let Some(existing) = store.duplicate(orderid) {
        return duplicate(existing);
    }
    let order = store.place(new);
    let answer = order_answer(order);
    if order.status == 46 {
        let html = html_answer(&app.public_base(headers), order.payid);
        return answer.with_html_answer(&html);
    }
    answer
}

/// The order a checked request asks for, with the outcome its test data forces.
fn new_order(request: &DlRequest) -> Result<NewOrder, Refused> {
    let value = |name: &str| request.get(name).unwrap_or_default();
    let amount: u64 = value("AMOUNT")
        .parse()
        .map_err(|_| Refused::invalid("AMOUNT", "must have 1 to 15 digits"))?;
    let operation = request
        .get("OPERATION")
        .map_or(Ok(OrderOperation::Authorise), OrderOperation::parse)?;
    let cardno = value("CARDNO");
    // FLAG3D and the return URLs are rows of the table's 3-D Secure group (checked above with
    // the rest of the table); the generated LIST decides what FLAG3D asks for.
    let three_d = request.get("FLAG3D").is_some_and(|f| {
        use payone_types::ParamValue;
        use payone_types::generated::directlink::Flag3d;
        Flag3d::parse_param(f) == Ok(Flag3d::Y)
    }) && cardno == CARD_3DS;
    let status = match amount {
        AMOUNT_REFUSED => 2,
        AMOUNT_WAITING => 51,
        _ if three_d => 46,
        _ if operation == OrderOperation::Sale => 9,
        _ => 5,
    };
    let (accepturl, declineurl) = (request.get("ACCEPTURL"), request.get("DECLINEURL"));
    if status == 46 {
        for (name, url) in [("ACCEPTURL", accepturl), ("DECLINEURL", declineurl)] {
            if url.is_none() {
                return Err(Refused::invalid(
                    name,
                    "required parameter is missing (3-D Secure)",
                ));
            }
        }
    }
    Ok(NewOrder {
        orderid: value("ORDERID").to_owned(),
        amount,
        currency: value("CURRENCY").to_owned(),
        operation,
        brand: brand(request.get("BRAND"), cardno),
        masked_cardno: mask(cardno),
        eci: request.get("ECI").unwrap_or("7").to_owned(),
        ip: request
            .get("REMOTE_ADDR")
            .filter(|ip| !ip.eq_ignore_ascii_case("NONE"))
            .map(str::to_owned),
        status,
        accepturl: accepturl.map(str::to_owned),
        declineurl: declineurl.map(str::to_owned),
    })
}

/// The brand: `BRAND` when sent and known, else the card number's range.
fn brand(sent: Option<&str>, cardno: &str) -> &'static str {
    const BRANDS: [&str; 4] = ["VISA", "MasterCard", "American Express", "JCB"];
    if let Some(known) = sent.and_then(|b| BRANDS.iter().find(|k| k.eq_ignore_ascii_case(b))) {
        return known;
    }
    match crate::card::detect_type(cardno) {
        Some("V") => "VISA",
        Some("M") => "MasterCard",
        Some("A") => "American Express",
        Some("J") => "JCB",
        _ => "",
    }
}

/// All but the last four characters replaced by `X`; numbers shorter than 10 characters are
/// masked entirely.
pub(crate) fn mask(cardno: &str) -> String {
    let n = cardno.chars().count();
    let shown = if n < 10 { 0 } else { 4 };
    cardno
        .chars()
        .enumerate()
        .map(|(i, c)| if i + shown < n { 'X' } else { c })
        .collect()
}

/// The answer to a recorded order (DirectLink guide, section 4).
fn order_answer(order: &DlOrder) -> NcResponse {
    let (ncerror, ncerrorplus) = if order.status == 2 {
        (
            xml::REFUSED_BY_ACQUIRER.to_string(),
            "Payment refused by the acquirer",
        )
    } else {
        (String::new(), "")
    };
    NcResponse::new()
        .with("orderID", &order.data.orderid)
        .with("PAYID", order.payid)
        .with("NCSTATUS", ncerror.parse().map_or(0, xml::ncstatus))
        .with("NCERROR", ncerror)
        .with("NCERRORPLUS", ncerrorplus)
        .with("ACCEPTANCE", &order.acceptance)
        .with("STATUS", order.status)
        .with("ECI", &order.data.eci)
        .with("amount", major_units(order.data.amount))
        .with("currency", &order.data.currency)
        .with("PM", "CreditCard")
        .with("BRAND", order.data.brand)
}

/// The DirectLink guide, section 4.1: the existing order's PAYID and ACCEPTANCE, STATUS 0, NCERROR
/// 50001113.
fn duplicate(existing: &DlOrder) -> NcResponse {
    NcResponse::new()
        .with("orderID", &existing.data.orderid)
        .with("PAYID", existing.payid)
        .with("NCSTATUS", xml::ncstatus(xml::ALREADY_PROCESSED))
        .with("NCERROR", xml::ALREADY_PROCESSED)
        .with("NCERRORPLUS", "This order has already been processed")
        .with("ACCEPTANCE", &existing.acceptance)
        .with("STATUS", 0)
        .with("amount", "")
        .with("currency", "")
}

/// The HTML of `HTML_ANSWER`: a form that the customer's browser posts (by script, or by the
/// button without script) to the sandbox's 3-D Secure page.
fn html_answer(base: &str, payid: u64) -> String {
    let action = escape(&format!("{base}/sandbox/directlink/3ds/{payid}"));
    format!(
        "<form name=\"downloadform3D\" id=\"downloadform3D\" action=\"{action}\" method=\"post\">\
         <input type=\"hidden\" name=\"PAYID\" value=\"{payid}\">\
         <noscript><p>Please continue to the 3-D Secure authentication.</p>\
         <input type=\"submit\" value=\"Continue\"></noscript></form>\
         <script type=\"text/javascript\">document.getElementById(\"downloadform3D\").submit();</script>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_masked_and_branded() {
        assert_eq!(mask("4111111111111111"), "XXXXXXXXXXXX1111");
        assert_eq!(mask("123456789"), "XXXXXXXXX");
        assert_eq!(brand(None, "5500000000000004"), "MasterCard");
        assert_eq!(brand(Some("visa"), "5500000000000004"), "VISA");
        assert_eq!(brand(Some("Unknown"), "9999"), "");
    }
}
