//! The v2 server-to-server JSON API on `/v2/{merchantId}/payments...`: signed
//! requests, payments with the test-data outcomes, the 3-D Secure challenge page and signed
//! webhooks. The contract is the crate documentation's v2 section.

pub(crate) mod auth;
pub(crate) mod cancel;
pub(crate) mod capture;
pub(crate) mod card_form;
pub(crate) mod create;
pub(crate) mod details;
pub(crate) mod errors;
pub(crate) mod follow_up;
pub(crate) mod hosted_checkout;
pub(crate) mod lists;
pub(crate) mod mandates;
pub(crate) mod payment_links;
pub(crate) mod products;
pub(crate) mod refund;
pub(crate) mod services;
pub(crate) mod sessions;
pub(crate) mod store;
pub(crate) mod three_ds;
pub(crate) mod tokens;
pub(crate) mod webhooks;
pub(crate) mod wire;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use payone_types::generated::v2::{
    BlockMandate, CancelPaymentLink, CreateMandate, CreatePaymentLink, GetMandate, GetPaymentLink,
    RevokeMandate, UnblockMandate,
};
use payone_types::generated::v2::{
    CancelPayment, CapturePayment, CompletePayment, CreateHostedCheckout, CreateHostedTokenization,
    CreatePayment, DeleteToken, GetHostedCheckout, GetHostedTokenization, GetPayment,
    GetPaymentDetails, GetToken, RefundPayment, SubsequentPayment,
};
use payone_types::generated::v2::{
    CreateSession, CreateToken, GetCaptures, GetIinDetails, GetPaymentProduct, GetPaymentProducts,
    GetRefunds, TestConnectionOperation,
};
use payone_types::json::{JsonObject, Operation};

use crate::app::App;
use crate::config::V2Account;
use errors::{Kind, V2Error, json_response};
use hosted_checkout::Checkouts;
use lists::Lists;
use mandates::Mandates;
use payment_links::Links;
use store::Store;
use tokens::Tokens;
use webhooks::Webhooks;

/// A card without 3-D Secure enrolment (any other valid card behaves the same).
pub const CARD_NO_3DS: &str = "4111111111111111";
/// The card whose 3-D Secure authentication is frictionless.
pub const CARD_FRICTIONLESS: &str = "4000000000001000";
/// The card whose 3-D Secure authentication needs the challenge page.
pub const CARD_CHALLENGE: &str = "4000000000001091";
/// `order.amountOfMoney.amount` that the acquirer declines (HTTP 402), whatever the card.
pub const AMOUNT_DECLINED: u64 = 9902;

/// Larger request bodies are refused (the limit axum applies by default).
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The v2 part of a sandbox.
pub(crate) struct V2 {
    pub(crate) account: V2Account,
    pub(crate) webhooks: Webhooks,
    store: Mutex<Store>,
    tokens: Mutex<Tokens>,
    checkouts: Mutex<Checkouts>,
    lists: Mutex<Lists>,
    mandates: Mutex<Mandates>,
    payment_links: Mutex<Links>,
    /// CreateSession answers so far (numbers the next session).
    pub(crate) sessions: AtomicU64,
    errors: AtomicU64,
}

impl V2 {
    /// A fresh v2 platform for `account`, keeping at most `cap` payments.
    pub(crate) fn new(account: V2Account, webhooks: Webhooks, cap: usize) -> Self {
        V2 {
            account,
            webhooks,
            store: Mutex::new(Store::new(cap)),
            tokens: Mutex::new(Tokens::new(cap)),
            checkouts: Mutex::new(Checkouts::new(cap)),
            lists: Mutex::new(Lists::new(cap)),
            mandates: Mutex::new(Mandates::new(cap)),
            payment_links: Mutex::new(Links::new(cap)),
            sessions: AtomicU64::new(0),
            errors: AtomicU64::new(0),
        }
    }

    /// The payments, locked. Never held across an `.await`; webhooks are queued under it so
    /// that a payment's events keep their order.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // Handlers change a payment in single steps; a panic cannot leave half an update.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The error answer, with the next `errorId` (UUID-shaped, counting).
    /// The hosted tokenization sessions and tokens.
    pub(crate) fn tokens(&self) -> MutexGuard<'_, Tokens> {
        // Handlers change them in single steps; a panic cannot leave half an update.
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The hosted checkouts, locked; taken before the payments' lock when both are needed.
    pub(crate) fn checkouts(&self) -> MutexGuard<'_, Checkouts> {
        // Handlers change them in single steps; a panic cannot leave half an update.
        self.checkouts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The captures and refunds made, per payment. Taken after [`V2::store`] when both are
    /// needed, never the other way round.
    pub(crate) fn lists(&self) -> MutexGuard<'_, Lists> {
        // Handlers change them in single steps; a panic cannot leave half an update.
        self.lists.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The SEPA Direct Debit mandates, locked; never taken together with another lock.
    pub(crate) fn mandates(&self) -> MutexGuard<'_, Mandates> {
        // Handlers change them in single steps; a panic cannot leave half an update.
        self.mandates.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The payment links, locked; taken before the payments' lock when both are needed.
    pub(crate) fn payment_links(&self) -> MutexGuard<'_, Links> {
        // Handlers change them in single steps; a panic cannot leave half an update.
        self.payment_links
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn error(&self, error: &V2Error) -> Response {
        let n = self.errors.fetch_add(1, Ordering::Relaxed) + 1;
        error.response(&format!("00000000-0000-4000-9000-{n:012}"))
    }

    /// A handler's result as the answer.
    pub(crate) fn answer<T: JsonObject>(
        &self,
        result: Result<(StatusCode, T), V2Error>,
    ) -> Response {
        match result {
            Ok((status, body)) => json_response(status, &body),
            Err(error) => self.error(&error),
        }
    }
}

/// The operations served, as the spec declares them: name, method, path template.
const OPERATIONS: [(&str, &str, &str); 30] = [
    operation_of::<CreatePayment>(),
    operation_of::<GetPaymentDetails>(),
    operation_of::<CapturePayment>(),
    operation_of::<CancelPayment>(),
    operation_of::<RefundPayment>(),
    operation_of::<CreateHostedTokenization>(),
    operation_of::<GetHostedTokenization>(),
    operation_of::<GetToken>(),
    operation_of::<DeleteToken>(),
    operation_of::<GetPayment>(),
    operation_of::<CompletePayment>(),
    operation_of::<SubsequentPayment>(),
    operation_of::<CreateHostedCheckout>(),
    operation_of::<GetHostedCheckout>(),
    operation_of::<GetCaptures>(),
    operation_of::<GetRefunds>(),
    operation_of::<CreateToken>(),
    operation_of::<GetPaymentProducts>(),
    operation_of::<GetPaymentProduct>(),
    operation_of::<CreateSession>(),
    operation_of::<TestConnectionOperation>(),
    operation_of::<GetIinDetails>(),
    operation_of::<CreateMandate>(),
    operation_of::<GetMandate>(),
    operation_of::<BlockMandate>(),
    operation_of::<UnblockMandate>(),
    operation_of::<RevokeMandate>(),
    operation_of::<CreatePaymentLink>(),
    operation_of::<GetPaymentLink>(),
    operation_of::<CancelPaymentLink>(),
];

const fn operation_of<O: Operation>() -> (&'static str, &'static str, &'static str) {
    (O::NAME, O::METHOD, O::PATH)
}

/// The v2 operation a request is, by method and path (`create_payment`, ...; counted as
/// `v2.create_payment`). The challenge pages are none.
pub(crate) fn operation(method: &Method, path: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .find(|(_, m, template)| method.as_str() == *m && matches_template(template, path))
        .map(|(name, _, _)| *name)
}

/// The counter of the v2 operation a request is (`v2.create_payment`, ...), for
/// `/sandbox/requests`; `None` for anything else.
pub(crate) fn counter(method: &Method, path: &str) -> Option<&'static str> {
    static COUNTERS: OnceLock<Vec<String>> = OnceLock::new();
    let counters = COUNTERS.get_or_init(|| {
        OPERATIONS
            .iter()
            .map(|(name, _, _)| format!("v2.{name}"))
            .collect()
    });
    let name = operation(method, path)?;
    let index = OPERATIONS.iter().position(|(n, _, _)| *n == name)?;
    Some(counters[index].as_str())
}

/// Whether `path` fits `template`, where `{name}` stands for one non-empty segment.
fn matches_template(template: &str, path: &str) -> bool {
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(t), Some(p)) if t.starts_with('{') && t.ends_with('}') => {
                // The challenge pages live under /v2/sandbox/: never a merchant.
                if p.is_empty() || (t == "{merchantId}" && p == "sandbox") {
                    return false;
                }
            }
            (Some(t), Some(p)) if t == p => {}
            _ => return false,
        }
    }
}

/// A request whose signature and merchant have been checked, with its body read. Rejected
/// with the `ErrorResponse` of the first failed check.
pub(crate) struct Signed {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl FromRequest<Arc<App>> for Signed {
    type Rejection = Response;

    async fn from_request(request: Request, app: &Arc<App>) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        // `/v2/{merchantId}/...`: compared as sent; the merchant id is one unreserved segment.
        let merchant_id = parts.uri.path().split('/').nth(2).unwrap_or_default();
        auth::authorize(
            &app.v2.account,
            merchant_id,
            &parts.method,
            &parts.uri,
            &parts.headers,
        )
        .map_err(|e| app.v2.error(&e))?;
        let body = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| {
            app.v2.error(&V2Error::new(
                Kind::InvalidJson,
                "the body is larger than 2 MiB or was cut off",
            ))
        })?;
        Ok(Signed {
            headers: parts.headers,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_by_method_and_path() {
        let m = "/v2/sandboxmerchant/payments";
        assert_eq!(operation(&Method::POST, m), Some("create_payment"));
        assert_eq!(operation(&Method::GET, m), None);
        assert_eq!(operation(&Method::POST, &format!("{m}/")), None);
        assert_eq!(
            operation(&Method::GET, &format!("{m}/1_0/details")),
            Some("get_payment_details")
        );
        for op in ["capture", "cancel", "refund"] {
            let name = operation(&Method::POST, &format!("{m}/1_0/{op}")).unwrap();
            assert!(name.starts_with(op), "{name}");
        }
        assert_eq!(operation(&Method::POST, "/v2/sandbox/payments"), None);
        assert_eq!(operation(&Method::GET, "/v2/sandbox/3ds/1_0"), None);
        assert_eq!(operation(&Method::POST, "//payments"), None);
        assert_eq!(operation(&Method::POST, "/post-gateway/"), None);
        assert_eq!(
            counter(&Method::POST, &format!("{m}/1_0/refund")),
            Some("v2.refund_payment")
        );
        assert_eq!(counter(&Method::GET, "/v2/sandbox/3ds/1_0"), None);
    }
}
