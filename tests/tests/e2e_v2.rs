//! The v2 client (`payone_client::v2`) end to end against the sandbox on loopback: the three
//! 3-D Secure paths of seed 000 (the challenge followed through the sandbox's page and back to
//! the shop's returnUrl), a decline and its resubmission under the same merchantReference,
//! details, capture, cancel, refund, refusals, a timeout whose create was sent exactly once,
//! and verified webhooks.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{PATIENCE, bounded, eventually};
use payone_client::Url;
use payone_client::v2::*;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, DEFAULT_WEBHOOK_KEY_ID,
    DEFAULT_WEBHOOK_SECRET, Faults, Sandbox, V2_AMOUNT_DECLINED, V2_CARD_CHALLENGE,
    V2_CARD_FRICTIONLESS, V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;
use payone_types::json::{JsonObject, NoBody};

const CVV: &str = "123";
const EXPIRY: &str = "1230";
const CARDHOLDER: &str = "Erika Mustermann";

/// The shop: receives webhooks on `/webhooks` (verified by the client's axum router) and the
/// customer's return on `/return`.
struct Shop {
    base: Url,
    events: Arc<Mutex<Vec<WebhookEvent>>>,
    returns: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Shop {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Shop {
    async fn start(keys: WebhookKeys) -> Shop {
        let events = Arc::new(Mutex::new(Vec::new()));
        let returns = Arc::new(Mutex::new(Vec::new()));
        let (log, back) = (events.clone(), returns.clone());
        let app = axum::Router::new()
            .nest(
                "/webhooks",
                webhook_router(keys, move |event: WebhookEvent| {
                    let log = log.clone();
                    async move {
                        log.lock().unwrap().push(event);
                        Ok::<(), std::convert::Infallible>(())
                    }
                }),
            )
            .route(
                "/return",
                axum::routing::get(move |uri: axum::http::Uri| {
                    let back = back.clone();
                    async move {
                        back.lock()
                            .unwrap()
                            .push(uri.query().unwrap_or("").to_owned());
                        "thank you"
                    }
                }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Shop {
            base: format!("http://{addr}/").parse().unwrap(),
            events,
            returns,
            task,
        }
    }

    fn return_url(&self) -> String {
        format!("{}return", self.base)
    }

    fn events(&self) -> Vec<WebhookEvent> {
        self.events.lock().unwrap().clone()
    }

    /// Waits until the shop has `n` webhooks of `payment_id`; their types in order.
    async fn wait_for_events(&self, payment_id: &str, n: usize) -> Vec<WebhookEventType> {
        let of_payment = || -> Vec<WebhookEventType> {
            self.events()
                .iter()
                .filter(|e| e.payment().map(|p| p.id().as_str()) == Some(payment_id))
                .map(|e| e.event_type().clone())
                .collect()
        };
        eventually("the webhooks", || of_payment().len() >= n).await;
        of_payment()
    }
}

struct Env {
    sandbox: Sandbox,
    shop: Shop,
    client: V2Client<Test>,
}

impl Env {
    async fn start() -> Env {
        Env::with_keys(sandbox_keys()).await
    }

    /// A shop that accepts webhooks signed with `keys`.
    async fn with_keys(keys: WebhookKeys) -> Env {
        let shop = Shop::start(keys).await;
        let config = Config {
            notify_retry: Duration::from_millis(100),
            notify_max_attempts: 3,
            ..Config::default()
        }
        .with_webhook_url(format!("{}webhooks", shop.base));
        let sandbox = payone_sandbox::start(config).await.expect("sandbox starts");
        let client = V2Client::new(config_for(&sandbox, DEFAULT_API_SECRET)).unwrap();
        Env {
            sandbox,
            shop,
            client,
        }
    }

    /// `v2.<operation>` requests the sandbox received.
    fn count(&self, operation: &str) -> u64 {
        self.sandbox
            .requests()
            .get(&format!("v2.{operation}"))
            .copied()
            .unwrap_or(0)
    }

    async fn shutdown(self) {
        self.sandbox.shutdown().await;
    }
}

fn sandbox_keys() -> WebhookKeys {
    WebhookKeys::new().with(
        DEFAULT_WEBHOOK_KEY_ID,
        SecretString::from(DEFAULT_WEBHOOK_SECRET),
    )
}

fn config_for(sandbox: &Sandbox, secret: &str) -> V2Config<Test> {
    let base: Url = sandbox.base_url().parse().unwrap();
    V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(secret),
    )
    .unwrap()
    .with_base(BaseUrl::custom(&base).unwrap())
    .with_timeout(PATIENCE)
}

fn eur(amount: u64) -> AmountOfMoney {
    AmountOfMoney::new(Amount::new(amount), CurrencyCode::new("EUR"))
}

/// A card payment of `amount` with `pan`, returning to `return_url`.
fn payment(pan: &str, amount: u64, return_url: Option<&str>) -> CreatePaymentRequest {
    let card = Card::new(
        CardNumber::try_new(pan.to_owned()).unwrap(),
        ExpiryDate::new(EXPIRY),
    )
    .with_cvv(Cvv::new(CVV))
    .with_cardholder_name(CardholderName::new(CARDHOLDER));
    let mut input = CardPaymentMethodSpecificInput::new().with_card(card);
    if let Some(url) = return_url {
        input = input.with_return_url(ReturnUrl::try_new(url.to_owned()).unwrap());
    }
    CreatePaymentRequest::new(Order::new(eur(amount)).with_customer(
        Customer::new().with_contact_details(
            ContactDetails::new().with_email_address(EmailAddress::new("erika@example.com")),
        ),
    ))
    .with_card_payment_method_specific_input(input)
}

/// Neither the PAN nor the CVV in the Debug output of `value`.
fn no_card_data(pan: &str, value: &impl std::fmt::Debug) {
    let debug = format!("{value:?}");
    assert!(!debug.contains(pan), "PAN in {debug}");
    assert!(!debug.contains(&format!("\"{CVV}\"")), "CVV in {debug}");
    assert!(
        !debug.contains(&format!("\"{EXPIRY}\"")),
        "expiry date in {debug}"
    );
    assert!(!debug.contains(CARDHOLDER), "cardholder name in {debug}");
}

fn status(payment: &PaymentResponse) -> StatusView {
    StatusView::of(payment.status_output().expect("a statusOutput"))
}

#[tokio::test]
async fn no_three_d_secure_then_details_capture_refund_with_webhooks() {
    let env = Env::start().await;
    let request = payment(V2_CARD_NO_3DS, 1500, None);
    no_card_data(V2_CARD_NO_3DS, &request);
    let outcome = env.client.create(&request).await.unwrap();
    no_card_data(V2_CARD_NO_3DS, &outcome);
    let CreateOutcome::NoThreeDSecure { payment } = &outcome else {
        panic!("{outcome:?}")
    };
    let id = payment.id().clone();
    let view = status(payment);
    assert!(view.authorised() && view.cancellable() && !view.refundable());
    assert_eq!(view.code(), Some(5));
    assert_eq!(view.category(), Some(&PaymentCategory::PendingMerchant));
    assert_eq!(three_d_secure_flow(payment), None);

    let details = env.client.payment_details(&id).await.unwrap();
    no_card_data(V2_CARD_NO_3DS, &details);
    assert_eq!(details.id(), &id);
    assert_eq!(details.status().unwrap().as_str(), "PENDING_CAPTURE");

    let capture = env
        .client
        .capture_payment(
            &id,
            &CapturePaymentRequest::new().with_amount(Amount::new(1500)),
        )
        .await
        .unwrap();
    let view = StatusView::of(capture.status_output().unwrap());
    assert_eq!(view.code(), Some(9));
    assert_eq!(view.category(), Some(&PaymentCategory::Completed));
    assert!(view.refundable() && !view.cancellable());

    let refund = env
        .client
        .refund_payment(&id, &RefundRequest::new(eur(500)))
        .await
        .unwrap();
    assert_eq!(
        refund
            .refund_output()
            .unwrap()
            .amount_of_money()
            .unwrap()
            .amount()
            .get(),
        500
    );
    assert_eq!(
        StatusView::of(refund.status_output().unwrap()).code(),
        Some(8)
    );

    let types = bounded("the webhooks", env.shop.wait_for_events(id.as_str(), 3)).await;
    assert_eq!(
        types,
        [
            WebhookEventType::PaymentPendingCapture,
            WebhookEventType::PaymentCaptured,
            WebhookEventType::PaymentRefunded
        ]
    );
    for event in env.shop.events() {
        assert_eq!(event.key_id().as_str(), DEFAULT_WEBHOOK_KEY_ID);
        no_card_data(V2_CARD_NO_3DS, &event);
    }
    let refunded = env.shop.events().pop().unwrap();
    assert!(refunded.refund().is_some());
    env.shutdown().await;
}

#[tokio::test]
async fn frictionless_three_d_secure() {
    let env = Env::start().await;
    let outcome = env
        .client
        .create(&payment(V2_CARD_FRICTIONLESS, 1500, None))
        .await
        .unwrap();
    let CreateOutcome::Frictionless { payment } = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(three_d_secure_flow(payment), Some(FRICTIONLESS));
    assert!(status(payment).authorised());
    env.shutdown().await;
}

/// What the customer's browser does with a challenge: opens the redirect URL, presses the
/// link `id` (`authenticate` or `fail`) and follows the redirects to the shop's returnUrl.
async fn challenge(redirect_url: &Url, link: &str) -> Url {
    let browser = reqwest::Client::builder()
        .no_proxy()
        .timeout(PATIENCE)
        .build()
        .unwrap();
    let page = browser
        .get(redirect_url.clone())
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = format!("id=\"{link}\" href=\"");
    let start = page.find(&marker).expect("the link on the page") + marker.len();
    let href = &page[start..start + page[start..].find('"').unwrap()];
    let landed = browser
        .get(redirect_url.join(&href.replace("&amp;", "&")).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(landed.status(), 200);
    assert_eq!(landed.url().path(), "/return");
    landed.url().clone()
}

#[tokio::test]
async fn challenge_then_return_then_details() {
    let env = Env::start().await;
    let mut checkout = Checkout::new(MerchantReference::new("order-challenge-1"));
    let request = payment(V2_CARD_CHALLENGE, 2500, Some(&env.shop.return_url()));
    let outcome = checkout.attempt(&env.client, &request).await.unwrap();
    let CreateOutcome::Challenge {
        payment_id,
        redirect_url,
        payment,
    } = &outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(payment.status().unwrap().as_str(), "REDIRECTED");
    assert_eq!(status(payment).code(), Some(46));
    assert!(!status(payment).authorised());
    assert!(matches!(
        checkout.state(),
        CheckoutState::AwaitingReturn { .. }
    ));

    let landed = bounded("the challenge", challenge(redirect_url, "authenticate")).await;
    assert_eq!(
        env.shop.returns.lock().unwrap().as_slice(),
        [landed.query().unwrap().to_owned()]
    );
    // A return naming another payment is refused before anything is asked.
    let err = checkout
        .returned(&env.client, "paymentId=3000000099_0")
        .await
        .unwrap_err();
    assert!(
        matches!(err, CheckoutError::Return(ReturnError::OtherPayment)),
        "{err}"
    );
    assert_eq!(env.count("get_payment_details"), 0);

    let details = checkout
        .returned(&env.client, landed.as_str())
        .await
        .unwrap();
    assert_eq!(details.id(), payment_id);
    assert_eq!(details.status().unwrap().as_str(), "PENDING_CAPTURE");
    assert!(StatusView::of(details.status_output().unwrap()).authorised());
    assert_eq!(
        details
            .payment_output()
            .and_then(|o| o.card_payment_method_specific_output())
            .and_then(|o| o.three_d_secure_results())
            .and_then(|r| r.flow())
            .map(|f| f.as_str()),
        Some("challenge")
    );
    assert_eq!(
        checkout.state(),
        &CheckoutState::Authorised {
            payment_id: payment_id.clone()
        }
    );
    // The order is paid: no further attempt is sent.
    let err = checkout.attempt(&env.client, &request).await.unwrap_err();
    assert!(matches!(err, CheckoutError::AlreadyAuthorised), "{err}");
    assert_eq!(env.count("create_payment"), 1);

    let types = bounded(
        "the webhook",
        env.shop.wait_for_events(payment_id.as_str(), 1),
    )
    .await;
    assert_eq!(types, [WebhookEventType::PaymentPendingCapture]);
    env.shutdown().await;
}

#[tokio::test]
async fn a_failed_challenge_is_resubmitted_under_the_same_reference() {
    let env = Env::start().await;
    let mut checkout = Checkout::new(MerchantReference::new("order-challenge-2"));
    let request = payment(V2_CARD_CHALLENGE, 2500, Some(&env.shop.return_url()));
    let CreateOutcome::Challenge { redirect_url, .. } =
        checkout.attempt(&env.client, &request).await.unwrap()
    else {
        panic!("a challenge")
    };
    let landed = bounded("the challenge", challenge(&redirect_url, "fail")).await;
    let details = env
        .client
        .details_after_return(landed.as_str())
        .await
        .unwrap();
    assert!(StatusView::of(details.status_output().unwrap()).rejected());
    checkout.record_return(&details);
    assert_eq!(checkout.state(), &CheckoutState::Open);

    let outcome = checkout
        .attempt(&env.client, &payment(V2_CARD_NO_3DS, 2500, None))
        .await
        .unwrap();
    assert!(outcome.status().unwrap().authorised());
    assert_references(&env, &checkout, "order-challenge-2").await;
    env.shutdown().await;
}

/// Every payment of `checkout` carries its merchantReference, as the platform recorded it.
async fn assert_references(env: &Env, checkout: &Checkout, reference: &str) {
    assert!(checkout.payment_ids().len() >= 2);
    for id in checkout.payment_ids() {
        let details = env.client.payment_details(id).await.unwrap();
        let sent = details
            .payment_output()
            .and_then(|o| o.references())
            .and_then(|r| r.merchant_reference())
            .map(|r| r.as_str().to_owned());
        assert_eq!(sent.as_deref(), Some(reference), "payment {id:?}");
    }
}

#[tokio::test]
async fn a_decline_then_a_resubmission_with_the_same_merchant_reference() {
    let env = Env::start().await;
    let mut checkout = Checkout::new(MerchantReference::new("order-4711"));

    // The raw call: HTTP 402 as a typed error with the rejected payment.
    let declined = payment(V2_CARD_NO_3DS, V2_AMOUNT_DECLINED, None);
    let err = env
        .client
        .create_payment(&checkout.prepare(&declined).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::Declined { .. }), "{err:?}");
    assert!(!err.outcome_unknown());
    assert_eq!(err.api_errors()[0].code().unwrap().as_str(), "30511001");
    let rejected = err.payment_result().unwrap().payment().unwrap();
    assert_eq!(status(rejected).code(), Some(STATUS_REJECTED));
    no_card_data(V2_CARD_NO_3DS, &err);
    insta::assert_snapshot!(err, @"PAYONE declined the payment (HTTP 402: code 30511001); a new attempt for the same order should keep its merchantReference");

    // Through the checkout: the decline is an outcome, and the order stays open.
    let outcome = checkout.attempt(&env.client, &declined).await.unwrap();
    let CreateOutcome::Declined {
        payment: declined_payment,
        ..
    } = &outcome
    else {
        panic!("{outcome:?}")
    };
    assert!(status(declined_payment.as_ref().unwrap()).rejected());
    assert_eq!(checkout.state(), &CheckoutState::Open);

    // The customer tries another card; the request says nothing about the reference.
    let retry = payment(V2_CARD_FRICTIONLESS, 1500, None);
    assert!(retry.order().references().is_none());
    let outcome = checkout.attempt(&env.client, &retry).await.unwrap();
    assert!(
        matches!(outcome, CreateOutcome::Frictionless { .. }),
        "{outcome:?}"
    );
    assert_eq!(checkout.attempts(), 2);
    assert_references(&env, &checkout, "order-4711").await;

    // A request that names another order is refused without being sent.
    let mut other = Checkout::new(MerchantReference::new("order-4712"));
    let foreign = checkout.prepare(&retry).unwrap_err();
    assert!(
        matches!(foreign, CheckoutError::AlreadyAuthorised),
        "{foreign}"
    );
    let tagged = Checkout::new(MerchantReference::new("order-4711"))
        .prepare(&retry)
        .unwrap();
    let err = other.attempt(&env.client, &tagged).await.unwrap_err();
    assert!(
        matches!(err, CheckoutError::OtherMerchantReference),
        "{err}"
    );
    assert_eq!(env.count("create_payment"), 3);
    env.shutdown().await;
}

#[tokio::test]
async fn cancel_an_authorised_payment() {
    let env = Env::start().await;
    let outcome = env
        .client
        .create(&payment(V2_CARD_NO_3DS, 1200, None))
        .await
        .unwrap();
    let id = outcome.payment_id().unwrap().clone();
    let cancelled = env
        .client
        .cancel_payment(&id, &CancelPaymentRequest::new())
        .await
        .unwrap();
    let view = status(cancelled.payment().unwrap());
    assert_eq!(view.code(), Some(6));
    assert_eq!(view.category(), Some(&PaymentCategory::Unsuccessful));
    assert!(!view.cancellable() && !view.authorised());

    // Its state allows nothing more.
    let err = env
        .client
        .capture_payment(&id, &CapturePaymentRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::Conflict { .. }), "{err:?}");
    assert!(!err.outcome_unknown());

    let types = bounded("the webhooks", env.shop.wait_for_events(id.as_str(), 2)).await;
    assert_eq!(
        types,
        [
            WebhookEventType::PaymentPendingCapture,
            WebhookEventType::PaymentCancelled
        ]
    );
    env.shutdown().await;
}

#[tokio::test]
async fn refusals_are_typed_and_name_the_members() {
    let env = Env::start().await;

    // A challenge without returnUrl: 400 naming the member.
    let err = env
        .client
        .create(&payment(V2_CARD_CHALLENGE, 1000, None))
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::BadRequest { .. }), "{err:?}");
    let properties: Vec<&str> = err
        .api_errors()
        .iter()
        .filter_map(|e| e.property_name())
        .map(|p| p.as_str())
        .collect();
    assert_eq!(properties, ["cardPaymentMethodSpecificInput.returnUrl"]);
    no_card_data(V2_CARD_CHALLENGE, &err);
    assert!(!err.to_string().contains(V2_CARD_CHALLENGE));

    // A capture above the authorised amount: 400 naming the amount.
    let id = env
        .client
        .create(&payment(V2_CARD_NO_3DS, 1000, None))
        .await
        .unwrap()
        .payment_id()
        .unwrap()
        .clone();
    let err = env
        .client
        .capture_payment(
            &id,
            &CapturePaymentRequest::new().with_amount(Amount::new(1001)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::BadRequest { .. }), "{err:?}");
    assert_eq!(
        err.api_errors()[0].property_name().map(|p| p.as_str()),
        Some("amount")
    );

    // An unknown payment: 404.
    let err = env
        .client
        .payment_details(&PaymentId::new("3000000999_0"))
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::NotFound { .. }), "{err:?}");

    // Refused by the client: nothing reaches the sandbox.
    let before = env.sandbox.requests();
    let err = env
        .client
        .call::<CapturePayment>(PathParams::NONE, &CapturePaymentRequest::new())
        .await
        .unwrap_err();
    assert!(err.not_sent(), "{err:?}");
    let err = env
        .client
        .create_with(
            &payment(V2_CARD_NO_3DS, 1000, None),
            &CallOptions::new().header("Authorization", "forged"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            V2Error::Request {
                source: RequestError::NotGcsHeader(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(env.sandbox.requests(), before);
    env.shutdown().await;
}

#[tokio::test]
async fn a_wrong_secret_or_merchant_is_refused() {
    let env = Env::start().await;
    let wrong = V2Client::new(config_for(&env.sandbox, "not-the-secret")).unwrap();
    let err = wrong
        .create(&payment(V2_CARD_NO_3DS, 1000, None))
        .await
        .unwrap_err();
    assert!(
        matches!(err, V2Error::Unauthorized { status: 401, .. }),
        "{err:?}"
    );
    assert!(!err.outcome_unknown());
    assert_eq!(err.api_errors()[0].code().unwrap().as_str(), "9002");
    assert!(!err.to_string().contains("not-the-secret"));
    assert!(!format!("{err:?}").contains("not-the-secret"));
    insta::assert_snapshot!(err, @"PAYONE refused create_payment with HTTP 401 because the API key, signature or merchant was not accepted: code 9002; nothing was processed");

    // Signed correctly, but for another merchant.
    let base: Url = env.sandbox.base_url().parse().unwrap();
    let other = V2Client::new(
        V2Config::<Test>::new(
            "othermerchant",
            DEFAULT_API_KEY,
            SecretString::from(DEFAULT_API_SECRET),
        )
        .unwrap()
        .with_base(BaseUrl::custom(&base).unwrap()),
    )
    .unwrap();
    let err = other
        .payment_details(&PaymentId::new("3000000001_0"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, V2Error::Unauthorized { status: 403, .. }),
        "{err:?}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn a_timeout_leaves_the_outcome_unknown_and_the_create_was_sent_once() {
    let env = Env::start().await;
    let client = V2Client::new(
        config_for(&env.sandbox, DEFAULT_API_SECRET).with_timeout(Duration::from_secs(2)),
    )
    .unwrap();
    env.sandbox.set_faults(Faults {
        latency: Duration::from_secs(60),
        ..Faults::default()
    });
    let mut checkout = Checkout::new(MerchantReference::new("order-timeout"));
    let request = payment(V2_CARD_NO_3DS, 1000, None);
    let err = bounded("the timed-out create", checkout.attempt(&client, &request))
        .await
        .unwrap_err();
    let CheckoutError::Call(err) = err else {
        panic!("{err:?}")
    };
    assert!(err.is_timeout() && err.outcome_unknown(), "{err:?}");
    insta::assert_snapshot!(err, @"PAYONE did not answer create_payment within 2 s; it may have been processed, so check its outcome before sending it again");
    eventually("the create to arrive", || env.count("create_payment") >= 1).await;
    assert_eq!(env.count("create_payment"), 1);

    // The checkout does not let a blind second attempt through.
    assert_eq!(checkout.state(), &CheckoutState::Unknown);
    env.sandbox.set_faults(Faults::default());
    let err = checkout.attempt(&client, &request).await.unwrap_err();
    assert!(matches!(err, CheckoutError::OutcomeUnknown), "{err}");
    assert_eq!(env.count("create_payment"), 1);

    // Looked up (the platform answers again), the caller reopens the order.
    checkout.reopen();
    let outcome = checkout.attempt(&client, &request).await.unwrap();
    assert!(outcome.status().unwrap().authorised());
    assert_eq!(env.count("create_payment"), 2);

    // A 5xx leaves a create open, but not a GET.
    env.sandbox.set_faults(Faults {
        status_next: Some((503, 2)),
        ..Faults::default()
    });
    let err = client.create_payment(&request).await.unwrap_err();
    assert!(matches!(err, V2Error::Server { status: 503, .. }) && err.outcome_unknown());
    let err = client
        .payment_details(outcome.payment_id().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::Server { status: 503, .. }) && !err.outcome_unknown());
    env.shutdown().await;
}

#[tokio::test]
async fn webhooks_with_rotated_keys_and_refused_forgeries() {
    // The shop knows the previous key and the sandbox's current one.
    let keys = sandbox_keys().with("previous-key", SecretString::from("previous-secret"));
    let env = Env::with_keys(keys.clone()).await;
    let id = env
        .client
        .create(&payment(V2_CARD_NO_3DS, 1000, None))
        .await
        .unwrap()
        .payment_id()
        .unwrap()
        .clone();
    bounded("the webhook", env.shop.wait_for_events(id.as_str(), 1)).await;

    // The webhook as the sandbox sent it, checked again by hand.
    let sent = env.sandbox.webhooks().pop().unwrap();
    let signature = gcs_signature(DEFAULT_WEBHOOK_SECRET, sent.body.as_bytes());
    let headers = [
        ("X-GCS-Signature", signature.as_str()),
        ("X-GCS-KeyId", DEFAULT_WEBHOOK_KEY_ID),
    ];
    let event = parse_webhook_pairs(&headers, sent.body.as_bytes(), &keys).unwrap();
    assert_eq!(event.id(), sent.id);

    // The same event signed under the previous key (a platform that has not switched yet) is
    // accepted too; the previous key id with the current key's signature is not.
    let previous = gcs_signature("previous-secret", sent.body.as_bytes());
    let rotated = [
        ("X-GCS-Signature", previous.as_str()),
        ("X-GCS-KeyId", "previous-key"),
    ];
    let event = parse_webhook_pairs(&rotated, sent.body.as_bytes(), &keys).unwrap();
    assert_eq!(event.key_id().as_str(), "previous-key");
    let mixed = [
        ("X-GCS-Signature", signature.as_str()),
        ("X-GCS-KeyId", "previous-key"),
    ];
    let err = parse_webhook_pairs(&mixed, sent.body.as_bytes(), &keys).unwrap_err();
    assert!(err.is_unauthenticated(), "{err}");

    // A changed body, a duplicated header, an unknown key: refused before the body is read.
    let tampered = sent.body.replace("PENDING_CAPTURE", "CAPTURED");
    let err = parse_webhook_pairs(&headers, tampered.as_bytes(), &keys).unwrap_err();
    assert!(err.is_unauthenticated(), "{err}");
    let doubled = [headers[0], headers[0], headers[1]];
    let err = parse_webhook_pairs(&doubled, sent.body.as_bytes(), &keys).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the webhook was refused: the webhook has more than one X-GCS-Signature header"
    );
    let stranger = WebhookKeys::new().with("other", SecretString::from("x"));
    assert!(parse_webhook_pairs(&headers, sent.body.as_bytes(), &stranger).is_err());

    // A forged POST to the shop's endpoint gets 401 and is not handed on.
    let before = env.shop.events().len();
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}webhooks", env.shop.base))
        .header(
            "X-GCS-Signature",
            gcs_signature("guess", tampered.as_bytes()),
        )
        .header("X-GCS-KeyId", DEFAULT_WEBHOOK_KEY_ID)
        .body(tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(env.shop.events().len(), before);
    env.shutdown().await;
}

fn gcs_signature(secret: &str, body: &[u8]) -> String {
    payone_types::gcs::webhook_signature(&SecretString::from(secret), body)
}

/// The create request as it goes on the wire, card data masked: the JSON the client sends is
/// the request's JSON value, so pinning it pins the wire form.
#[test]
fn the_create_requests_wire_json() {
    let request = Checkout::new(MerchantReference::new("order-4711"))
        .prepare(&payment(
            V2_CARD_CHALLENGE,
            2500,
            Some("https://shop.example/return"),
        ))
        .unwrap();
    let mut value = request.to_json_value();
    let card = &mut value["cardPaymentMethodSpecificInput"]["card"];
    assert_eq!(card["cardNumber"], V2_CARD_CHALLENGE);
    assert_eq!(card["cvv"], CVV);
    assert_eq!(card["expiryDate"], EXPIRY);
    assert_eq!(card["cardholderName"], CARDHOLDER);
    card["cardNumber"] = "[card number]".into();
    card["cvv"] = "[cvv]".into();
    card["expiryDate"] = "[expiry date]".into();
    card["cardholderName"] = "[cardholder name]".into();
    let wire = serde_json::to_string_pretty(&value).unwrap();
    assert!(!wire.contains(V2_CARD_CHALLENGE));
    insta::assert_snapshot!(wire);
    // What the client sends is exactly the value, round-tripping unchanged.
    assert_eq!(
        CreatePaymentRequest::from_json_value(&request.to_json_value()).unwrap(),
        request
    );
}

#[test]
fn the_blocking_client_is_the_async_one() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(payone_sandbox::start(Config::default()))
        .unwrap();
    let client = blocking::V2Client::new(config_for(&sandbox, DEFAULT_API_SECRET)).unwrap();
    let outcome = client.create(&payment(V2_CARD_NO_3DS, 1000, None)).unwrap();
    let id = outcome.payment_id().unwrap().clone();
    let capture = client
        .capture_payment(&id, &CapturePaymentRequest::new())
        .unwrap();
    assert_eq!(capture.status().unwrap().as_str(), "CAPTURED");
    let err = client
        .call::<GetPaymentDetails>(PathParams::payment("3000000999_0"), &NoBody)
        .unwrap_err();
    assert!(matches!(err, V2Error::NotFound { .. }), "{err:?}");
    assert_eq!(
        sandbox.requests().get("v2.create_payment"),
        Some(&1),
        "sent once"
    );
    drop(client);
    runtime.block_on(sandbox.shutdown());
}
