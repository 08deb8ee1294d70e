//! Payment links: `POST /v2/{merchantId}/paymentlinks` creates a link whose page
//! (`/v2/sandbox/paymentlink/{paymentLinkId}`) takes a test card by form POST ("Pay") and creates
//! a payment (read it with GetPayment, announced by webhook); `GET .../paymentlinks/{id}` answers
//! the link with its status and payment, `POST .../paymentlinks/{id}/cancel` cancels a link not
//! yet paid. Ids come from a counter, so a run is reproducible; at most `cap` links are kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use payone_types::Currency;
use payone_types::generated::v2::{
    AmountOfMoney, CreatePaymentLinkRequest, MerchantReference, PaymentLinkEvent,
    PaymentLinkEventTime, PaymentLinkEventType, PaymentLinkExpiry, PaymentLinkId,
    PaymentLinkMerchantReference, PaymentLinkOrderOutput, PaymentLinkPaymentId,
    PaymentLinkRecipient, PaymentLinkRedirectionUrl, PaymentLinkResponse, PaymentLinkStatus,
};
use payone_types::json::JsonObject;

use super::card_form::{self, CARD_INPUTS};
use super::errors::{Kind, V2Error};
use super::hosted_checkout::read_card;
use super::store::{Payment, Status};
use super::webhooks::rfc3339_now;
use super::{AMOUNT_DECLINED, Signed, wire};
use crate::app::App;
use crate::html::{escape, page, refused};

/// The number of the first payment link, which is also its id (`5000000001`).
pub const FIRST_PAYMENT_LINK: u64 = 5_000_000_001;

/// One payment link.
#[derive(Clone, Debug)]
pub(crate) struct Link {
    status: PaymentLinkStatus,
    request: CreatePaymentLinkRequest,
    amount: u64,
    currency: Currency,
    merchant_reference: Option<MerchantReference>,
    reusable: bool,
    /// The number of the last payment made through the link.
    payment: Option<u64>,
    /// `(dateTime, type)` of what happened, oldest first.
    events: Vec<(String, &'static str)>,
}

/// The links kept: at most `cap`, the oldest forgotten first.
#[derive(Debug)]
pub(crate) struct Links {
    cap: usize,
    next: u64,
    links: BTreeMap<u64, Link>,
}

impl Links {
    /// Nothing yet; at most `cap` (at least 1) links will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Links {
            cap: cap.max(1),
            next: FIRST_PAYMENT_LINK,
            links: BTreeMap::new(),
        }
    }

    /// Links kept now.
    pub(crate) fn len(&self) -> usize {
        self.links.len()
    }

    fn open(&mut self, link: Link) -> u64 {
        while self.links.len() >= self.cap {
            self.links.pop_first();
        }
        let n = self.next;
        self.next += 1;
        self.links.insert(n, link);
        n
    }

    /// The link of `id`; only the canonical spelling (decimal, no leading zero) finds it.
    fn get_mut(&mut self, id: &str) -> Option<&mut Link> {
        if id.is_empty() || id.starts_with('0') || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.links.get_mut(&id.parse().ok()?)
    }
}

fn internal(what: impl std::fmt::Display) -> V2Error {
    V2Error::new(
        Kind::Internal,
        format!("the sandbox built an invalid answer: {what}"),
    )
}

fn unknown_link() -> V2Error {
    V2Error::new(Kind::UnknownPaymentLink, "no payment link with this id")
}

/// `POST /v2/{merchantId}/paymentlinks`: 201 `PaymentLinkResponse`.
pub(crate) async fn create(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(open(&app, &signed.body, &signed.headers))
}

fn open(
    app: &App,
    body: &[u8],
    headers: &HeaderMap,
) -> Result<(StatusCode, PaymentLinkResponse), V2Error> {
    let request: CreatePaymentLinkRequest = wire::read(body)?;
    let money = request.order().amount_of_money();
    let link = Link {
        status: PaymentLinkStatus::Active,
        amount: money.amount().get(),
        currency: *money.currency_code(),
        merchant_reference: request
            .order()
            .references()
            .and_then(|r| r.merchant_reference())
            .cloned(),
        reusable: request.is_reusable_link().copied().unwrap_or(false),
        payment: None,
        events: vec![(rfc3339_now(), "CREATED")],
        request,
    };
    let mut links = app.v2.payment_links();
    let n = links.open(link);
    let link = links
        .links
        .get(&n)
        .ok_or_else(|| internal("the link just stored is gone"))?;
    Ok((
        StatusCode::CREATED,
        response(n, link, &app.public_base(headers))?,
    ))
}

/// The link as the platform answers it.
fn response(n: u64, link: &Link, base: &str) -> Result<PaymentLinkResponse, V2Error> {
    let mut order = PaymentLinkOrderOutput::new().with_amount(
        AmountOfMoney::from_json_value(
            &serde_json::json!({"amount": link.amount, "currencyCode": link.currency.as_str()}),
        )
        .map_err(|_| internal("the amount"))?,
    );
    if let Some(r) = &link.merchant_reference {
        order = order.with_merchant_reference(
            PaymentLinkMerchantReference::try_new(r.as_str().to_owned()).map_err(internal)?,
        );
    }
    let events = link
        .events
        .iter()
        .map(|(at, kind)| {
            Ok(PaymentLinkEvent::new()
                .with_date_time(PaymentLinkEventTime::try_new(at.clone()).map_err(internal)?)
                .with_type(PaymentLinkEventType::try_new(*kind).map_err(internal)?))
        })
        .collect::<Result<Vec<_>, V2Error>>()?;
    let mut answer = PaymentLinkResponse::new()
        .with_payment_link_id(PaymentLinkId::try_new(n.to_string()).map_err(internal)?)
        .with_redirection_url(
            PaymentLinkRedirectionUrl::try_new(format!("{base}/v2/sandbox/paymentlink/{n}"))
                .map_err(internal)?,
        )
        .with_status(link.status)
        .with_is_reusable_link(link.reusable)
        .with_payment_link_order(order)
        .with_payment_link_events(events);
    if let Some(p) = link.payment {
        answer = answer
            .with_payment_id(PaymentLinkPaymentId::try_new(format!("{p}_0")).map_err(internal)?);
    }
    if let Some(input) = link.request.payment_link_specific_input() {
        if let Some(at) = input.expiration_date() {
            answer = answer.with_expiration_date(
                PaymentLinkExpiry::try_new(at.as_str().to_owned()).map_err(internal)?,
            );
        }
        if let Some(name) = input.recipient_name() {
            answer = answer.with_recipient_name(
                PaymentLinkRecipient::try_new(name.as_str().to_owned()).map_err(internal)?,
            );
        }
    }
    Ok(answer)
}

/// `GET /v2/{merchantId}/paymentlinks/{paymentLinkId}`.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    _signed: Signed,
) -> Response {
    let result = (|| {
        let mut links = app.v2.payment_links();
        let link = links.get_mut(&id).ok_or_else(unknown_link)?;
        let n = id.parse().map_err(|_| unknown_link())?;
        Ok((
            StatusCode::OK,
            response(n, link, &app.public_base(&headers))?,
        ))
    })();
    app.v2.answer(result)
}

/// `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel`: 204 for an `ACTIVE` link.
pub(crate) async fn cancel(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let result = (|| {
        let mut links = app.v2.payment_links();
        let link = links.get_mut(&id).ok_or_else(unknown_link)?;
        match link.status {
            PaymentLinkStatus::Active => {
                link.status = PaymentLinkStatus::Cancelled;
                link.events.push((rfc3339_now(), "CANCELLED"));
                Ok(())
            }
            PaymentLinkStatus::Paid => Err(V2Error::new(
                Kind::WrongStatus,
                "the payment link is PAID: a paid payment link cannot be cancelled",
            )),
            other => Err(V2Error::new(
                Kind::WrongStatus,
                format!(
                    "the payment link is {}: only an ACTIVE payment link can be cancelled",
                    other.as_str()
                ),
            )),
        }
    })();
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => app.v2.error(&error),
    }
}

/// `GET /v2/sandbox/paymentlink/{paymentLinkId}`: the payment page of an `ACTIVE` link: the
/// amount and a card form (`id="card"`, button `id="pay"`).
pub(crate) async fn form(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some((amount, currency)) = app
        .v2
        .payment_links()
        .get_mut(&id)
        .filter(|l| l.status == PaymentLinkStatus::Active)
        .map(|l| (l.amount, l.currency))
    else {
        return not_active();
    };
    let path = escape(&format!("/v2/sandbox/paymentlink/{id}"));
    let body = format!(
        "<p>Amount: <span id=\"amount\">{amount}</span> <span id=\"currency\">{currency}</span> (smallest unit)</p>\n\
         <form id=\"card\" method=\"post\" action=\"{path}\">\n{CARD_INPUTS}\
         <p><button id=\"pay\" type=\"submit\">Pay</button></p>\n</form>",
        currency = escape(currency.as_str()),
    );
    page(StatusCode::OK, "Payment link", &body)
}

/// `POST /v2/sandbox/paymentlink/{paymentLinkId}` (form fields `cardNumber`, `expiryDate`,
/// `cvv`): pays the link with the card and shows the result (`id="result"`: `paid` or
/// `declined`).
pub(crate) async fn pay(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let field = |name: &str| card_form::field(&body, name);
    let card = match read_card(field("cardNumber"), field("expiryDate"), field("cvv")) {
        Ok(card) => card,
        Err(reason) => return refused(StatusCode::BAD_REQUEST, reason),
    };
    // The link is checked and changed under its lock: two submissions cannot both pay a link
    // that is not reusable.
    let mut links = app.v2.payment_links();
    let Some(link) = links
        .get_mut(&id)
        .filter(|l| l.status == PaymentLinkStatus::Active)
    else {
        return not_active();
    };
    let declined = link.amount == AMOUNT_DECLINED;
    let payment = Payment {
        number: 0,
        status: if declined {
            Status::Rejected
        } else {
            Status::PendingCapture
        },
        amount: link.amount,
        currency: link.currency,
        merchant_reference: link.merchant_reference.clone(),
        product_id: super::create::product_id(&card),
        card: Some(super::create::summary(&card)),
        three_ds: None,
        return_url: None,
        captured: 0,
        refunded: 0,
        ops: 0,
        stored_card: false,
    };
    let mut store = app.v2.store();
    let payment = store.insert(payment);
    link.payment = Some(payment.number);
    // A declined payment leaves the link usable; a paid one ends it unless it is reusable.
    if !declined {
        link.events.push((rfc3339_now(), "PAID"));
        if !link.reusable {
            link.status = PaymentLinkStatus::Paid;
        }
    }
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    drop(store);
    drop(links);
    let result = if declined { "declined" } else { "paid" };
    page(
        StatusCode::OK,
        "Payment link",
        &format!("<p id=\"result\">{result}</p>"),
    )
}

fn not_active() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "paymentLinkId: no active payment link",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::generated::v2::{Amount, CurrencyCode, Order};

    fn link() -> Link {
        let money = AmountOfMoney::new(Amount::new(100), CurrencyCode::new("EUR"));
        Link {
            status: PaymentLinkStatus::Active,
            request: CreatePaymentLinkRequest::new(Order::new(money)),
            amount: 100,
            currency: Currency::new("EUR"),
            merchant_reference: None,
            reusable: false,
            payment: None,
            events: Vec::new(),
        }
    }

    #[test]
    fn ids_count_and_only_the_canonical_spelling_finds_them() {
        let mut links = Links::new(2);
        assert_eq!(links.open(link()), FIRST_PAYMENT_LINK);
        assert!(links.get_mut("5000000001").is_some());
        for other in ["05000000001", "+5000000001", "", "x"] {
            assert!(links.get_mut(other).is_none(), "{other}");
        }
        links.open(link());
        links.open(link());
        assert_eq!(links.len(), 2);
        assert!(
            links.get_mut("5000000001").is_none(),
            "the oldest is forgotten"
        );
    }
}
