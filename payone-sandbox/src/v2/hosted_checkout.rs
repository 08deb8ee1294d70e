//! Hosted checkout: `POST /v2/{merchantId}/hostedcheckouts` opens a checkout whose page
//! (`/v2/sandbox/hostedcheckout/{hostedCheckoutId}`) takes a test card by form POST ("Pay") or
//! lets the customer cancel; paying creates a payment (read it with GetPayment or
//! GetPaymentDetails, announced by webhook). Either way the customer's browser goes `303` to the
//! checkout's `returnUrl` with `hostedCheckoutId` and `RETURNMAC` appended.
//! `GET .../hostedcheckouts/{id}` answers the checkout's status and the payment it created.
//! Ids come from a counter, so a run is reproducible; at most `cap` checkouts are kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use payone_types::Currency;
use payone_types::generated::v2::{
    CreateHostedCheckoutRequest, CreateHostedCheckoutResponse, CreatedPaymentOutput,
    GetHostedCheckoutResponse, HostedCheckoutId, HostedCheckoutMerchantReference,
    HostedCheckoutPartialRedirectUrl, HostedCheckoutRedirectUrl, HostedCheckoutStatus,
    MerchantReference, PaymentStatusCategory, ReturnMac,
};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use super::card_form::{self, CARD_INPUTS};
use super::errors::{Kind, V2Error};
use super::store::{Payment, Status};
use super::wire::{self, CardInput};
use super::{AMOUNT_DECLINED, Signed};
use crate::app::App;
use crate::html::{escape, page, refused};
use crate::redirect;

/// The number of the first hosted checkout, which is also its id (`4000000001`).
pub const FIRST_CHECKOUT: u64 = 4_000_000_001;

const RETURN_URL: &str = "hostedCheckoutSpecificInput.returnUrl";

/// Where a checkout stands (`status` of GetHostedCheckout).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    InProgress,
    /// Paid: the number of the payment created.
    PaymentCreated(u64),
    Cancelled,
}

/// One hosted checkout.
#[derive(Clone, Debug)]
pub(crate) struct Checkout {
    state: Stage,
    amount: u64,
    currency: Currency,
    merchant_reference: Option<MerchantReference>,
    return_url: Option<String>,
    /// `isRecurring`: the card paid with is kept for subsequent payments.
    recurring: bool,
}

/// The checkouts kept: at most `cap`, the oldest forgotten first.
#[derive(Debug)]
pub(crate) struct Checkouts {
    cap: usize,
    next: u64,
    checkouts: BTreeMap<u64, Checkout>,
}

impl Checkouts {
    /// None yet; at most `cap` (at least 1) will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Checkouts {
            cap: cap.max(1),
            next: FIRST_CHECKOUT,
            checkouts: BTreeMap::new(),
        }
    }

    /// Checkouts kept now.
    pub(crate) fn len(&self) -> usize {
        self.checkouts.len()
    }

    fn open(&mut self, checkout: Checkout) -> u64 {
        while self.checkouts.len() >= self.cap {
            self.checkouts.pop_first();
        }
        let n = self.next;
        self.next += 1;
        self.checkouts.insert(n, checkout);
        n
    }

    /// The checkout of `id`; only the canonical spelling (decimal, no leading zero) finds it.
    fn get_mut(&mut self, id: &str) -> Option<(u64, &mut Checkout)> {
        if id.is_empty() || id.starts_with('0') || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = id.parse().ok()?;
        self.checkouts.get_mut(&n).map(|c| (n, c))
    }
}

/// The `RETURNMAC` of checkout `id`: hex SHA-256 over the account's API secret and the id, so
/// only the platform can make it and it is the same in every run.
fn return_mac(app: &App, id: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(app.v2.account.api_secret.expose_secret().as_bytes());
    hash.update(b"\0RETURNMAC\0");
    hash.update(id.as_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn internal(what: impl std::fmt::Display) -> V2Error {
    V2Error::new(
        Kind::Internal,
        format!("the sandbox built an invalid answer: {what}"),
    )
}

/// 404: no hosted checkout has that id.
fn unknown_checkout() -> V2Error {
    V2Error::new(
        Kind::UnknownHostedCheckout,
        "no hosted checkout with this id",
    )
}

/// `POST /v2/{merchantId}/hostedcheckouts`.
pub(crate) async fn create(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(open(&app, &signed.body, &signed.headers))
}

fn open(
    app: &App,
    body: &[u8],
    headers: &HeaderMap,
) -> Result<(StatusCode, CreateHostedCheckoutResponse), V2Error> {
    let request: CreateHostedCheckoutRequest = wire::read(body)?;
    let input = request.hosted_checkout_specific_input();
    let return_url = input
        .and_then(|i| i.return_url())
        .map(|u| u.as_str().to_owned());
    if let Some(url) = &return_url
        && !reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(V2Error::member(
            RETURN_URL,
            "must be an absolute http(s) URL",
        ));
    }
    let money = request.order().amount_of_money();
    let merchant_reference = request
        .order()
        .references()
        .and_then(|r| r.merchant_reference())
        .cloned();
    let n = app.v2.checkouts().open(Checkout {
        state: Stage::InProgress,
        amount: money.amount().get(),
        currency: *money.currency_code(),
        merchant_reference: merchant_reference.clone(),
        return_url,
        recurring: input
            .and_then(|i| i.is_recurring())
            .copied()
            .unwrap_or(false),
    });
    let id = n.to_string();
    let url = format!(
        "{}/v2/sandbox/hostedcheckout/{id}",
        app.public_base(headers)
    );
    let partial = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let mut answer = CreateHostedCheckoutResponse::new()
        .with_returnmac(ReturnMac::try_new(return_mac(app, &id)).map_err(internal)?)
        .with_hosted_checkout_id(HostedCheckoutId::try_new(id).map_err(internal)?)
        .with_partial_redirect_url(
            HostedCheckoutPartialRedirectUrl::try_new(partial.to_owned()).map_err(internal)?,
        )
        .with_redirect_url(HostedCheckoutRedirectUrl::try_new(url.clone()).map_err(internal)?);
    if let Some(reference) = merchant_reference {
        answer = answer.with_merchant_reference(
            HostedCheckoutMerchantReference::try_new(reference.as_str().to_owned())
                .map_err(internal)?,
        );
    }
    Ok((StatusCode::OK, answer))
}

/// `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}`.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let result = (|| {
        let state = app
            .v2
            .checkouts()
            .get_mut(&id)
            .map(|(_, c)| c.state)
            .ok_or_else(unknown_checkout)?;
        let answer = match state {
            Stage::InProgress => {
                GetHostedCheckoutResponse::new().with_status(HostedCheckoutStatus::InProgress)
            }
            Stage::Cancelled => GetHostedCheckoutResponse::new()
                .with_status(HostedCheckoutStatus::CancelledByConsumer),
            Stage::PaymentCreated(number) => {
                let mut store = app.v2.store();
                let mut answer = GetHostedCheckoutResponse::new()
                    .with_status(HostedCheckoutStatus::PaymentCreated);
                // The payment may have been forgotten since (the store is capped).
                if let Some(payment) = store.get_mut(&format!("{number}_0")) {
                    answer = answer.with_created_payment_output(
                        CreatedPaymentOutput::new()
                            .with_payment(wire::payment(payment)?)
                            .with_payment_status_category(
                                PaymentStatusCategory::try_new(payment.status.category())
                                    .map_err(internal)?,
                            ),
                    );
                }
                answer
            }
        };
        Ok((StatusCode::OK, answer))
    })();
    app.v2.answer(result)
}

/// `GET /v2/sandbox/hostedcheckout/{hostedCheckoutId}`: the payment page of a checkout in
/// progress: a card form (`id="card"`, button `id="pay"`) and a cancel form (button
/// `id="cancel"`).
pub(crate) async fn form(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some((amount, currency)) = app
        .v2
        .checkouts()
        .get_mut(&id)
        .filter(|(_, c)| c.state == Stage::InProgress)
        .map(|(_, c)| (c.amount, c.currency))
    else {
        return not_in_progress();
    };
    let path = escape(&format!("/v2/sandbox/hostedcheckout/{id}"));
    let body = format!(
        "<p>Amount: <span id=\"amount\">{amount}</span> <span id=\"currency\">{currency}</span> (smallest unit)</p>\n\
         <form id=\"card\" method=\"post\" action=\"{path}\">\n{CARD_INPUTS}\
         <p><button id=\"pay\" type=\"submit\">Pay</button></p>\n</form>\n\
         <form id=\"cancel-form\" method=\"post\" action=\"{path}/cancel\">\n\
         <p><button id=\"cancel\" type=\"submit\">Cancel</button></p>\n</form>",
        currency = escape(currency.as_str()),
    );
    page(StatusCode::OK, "Payment", &body)
}

/// `POST /v2/sandbox/hostedcheckout/{hostedCheckoutId}` (form fields `cardNumber`,
/// `expiryDate`, `cvv`): pays the checkout with the card.
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
    // The checkout is checked and changed under its lock, the payment made under the
    // payments' lock: two submissions cannot both pay.
    let mut checkouts = app.v2.checkouts();
    let Some((_, checkout)) = checkouts
        .get_mut(&id)
        .filter(|(_, c)| c.state == Stage::InProgress)
    else {
        return not_in_progress();
    };
    let status = if checkout.amount == AMOUNT_DECLINED {
        Status::Rejected
    } else {
        Status::PendingCapture
    };
    let payment = Payment {
        number: 0,
        status,
        amount: checkout.amount,
        currency: checkout.currency,
        merchant_reference: checkout.merchant_reference.clone(),
        product_id: super::create::product_id(&card),
        card: Some(super::create::summary(&card)),
        three_ds: None,
        return_url: checkout.return_url.clone(),
        captured: 0,
        refunded: 0,
        ops: 0,
        stored_card: checkout.recurring,
    };
    let mut store = app.v2.store();
    let payment = store.insert(payment);
    checkout.state = Stage::PaymentCreated(payment.number);
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    drop(store);
    let url = checkout.return_url.clone();
    drop(checkouts);
    back(&app, &id, url, "paid")
}

/// `POST /v2/sandbox/hostedcheckout/{hostedCheckoutId}/cancel`: the customer gives up.
pub(crate) async fn cancel(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let mut checkouts = app.v2.checkouts();
    let Some((_, checkout)) = checkouts
        .get_mut(&id)
        .filter(|(_, c)| c.state == Stage::InProgress)
    else {
        return not_in_progress();
    };
    checkout.state = Stage::Cancelled;
    let url = checkout.return_url.clone();
    drop(checkouts);
    back(&app, &id, url, "cancelled")
}

/// `303` to the returnUrl with `hostedCheckoutId` and `RETURNMAC` appended, or a result page
/// when the checkout has no returnUrl.
fn back(app: &App, id: &str, url: Option<String>, result: &str) -> Response {
    match url.and_then(|url| reqwest::Url::parse(&url).ok()) {
        Some(mut url) => {
            url.query_pairs_mut()
                .append_pair("hostedCheckoutId", id)
                .append_pair("RETURNMAC", &return_mac(app, id));
            redirect::see_other(url.as_str())
        }
        None => page(
            StatusCode::OK,
            "Payment",
            &format!("<p id=\"result\">{result}</p>"),
        ),
    }
}

fn not_in_progress() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "hostedCheckoutId: no hosted checkout in progress",
    )
}

/// The page's checks; the reasons name fields, never values.
pub(crate) fn read_card(
    number: Option<String>,
    expiry: Option<String>,
    cvv: Option<String>,
) -> Result<CardInput, &'static str> {
    let number = card_form::card_number(number)?;
    let (expiry, _) = card_form::expiry_date(expiry)?;
    if !cvv.as_deref().is_some_and(|c| card_form::digits(c, 3..=4)) {
        return Err("cvv: not 3 or 4 digits");
    }
    Ok(CardInput { number, expiry })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkout() -> Checkout {
        Checkout {
            state: Stage::InProgress,
            amount: 100,
            currency: Currency::new("EUR"),
            merchant_reference: None,
            return_url: None,
            recurring: false,
        }
    }

    #[test]
    fn ids_count_and_only_the_canonical_spelling_finds_them() {
        let mut checkouts = Checkouts::new(2);
        let first = checkouts.open(checkout());
        assert_eq!(first, FIRST_CHECKOUT);
        assert!(checkouts.get_mut("4000000001").is_some());
        for other in ["04000000001", "+4000000001", "", "x"] {
            assert!(checkouts.get_mut(other).is_none(), "{other}");
        }
        checkouts.open(checkout());
        checkouts.open(checkout());
        assert_eq!(checkouts.len(), 2);
        assert!(
            checkouts.get_mut("4000000001").is_none(),
            "the oldest is forgotten"
        );
    }

    #[test]
    fn the_page_checks_the_card_without_repeating_it() {
        let some = |s: &str| Some(s.to_owned());
        assert!(read_card(some("4111111111111111"), some("1299"), some("123")).is_ok());
        for (number, expiry, cvv) in [
            ("4111111111111112", "1299", "123"),
            ("4111111111111111", "1399", "123"),
            ("4111111111111111", "1299", "12"),
        ] {
            let reason = read_card(some(number), some(expiry), some(cvv)).unwrap_err();
            assert!(
                !reason.contains(number) && !reason.contains(expiry),
                "{reason}"
            );
        }
        assert_eq!(
            read_card(None, some("1299"), some("123")).unwrap_err(),
            "cardNumber: missing"
        );
    }
}
