//! The v2 transport against a fake platform on loopback (axum): what goes on the wire and is
//! signed, how every HTTP status comes back, timeouts and refused connections, and that no
//! request is ever sent twice.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::{Bytes, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use payone_client::Url;
use payone_client::v2::*;
use payone_types::gcs::{self, GcsSigner};
use payone_types::generated::v2::*;
use payone_types::json::JsonObject;

const PAN: &str = "4111111111111111";
const CVV: &str = "123";
const SECRET: &str = "fake-api-secret";

/// One request as the fake platform received it.
#[derive(Clone, Debug)]
struct Received {
    method: String,
    path_and_query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Verifies `Authorization` the way the platform does: the string to sign rebuilt from
    /// what arrived.
    fn signature_valid(&self) -> bool {
        let to_sign = gcs::string_to_sign(
            &self.method,
            self.header("content-type").unwrap_or(""),
            self.header("date").unwrap_or(""),
            &self.headers,
            &self.path_and_query,
        )
        .unwrap();
        let signer = GcsSigner::new("fakeKey", SecretString::from(SECRET)).unwrap();
        self.header("authorization") == Some(signer.authorization_for(&to_sign).as_str())
    }
}

/// What the fake platform answers.
#[derive(Clone)]
struct Reply {
    status: u16,
    body: String,
    delay: Duration,
}

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        body: body.to_owned(),
        delay: Duration::ZERO,
    }
}

struct Fake {
    base: Url,
    received: Arc<Mutex<Vec<Received>>>,
    hits: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Fake {
    async fn start(answer: Reply) -> Fake {
        let received = Arc::new(Mutex::new(Vec::new()));
        let hits = Arc::new(AtomicUsize::new(0));
        let (log, count) = (received.clone(), hits.clone());
        let app = axum::Router::new().fallback(move |request: Request| {
            let (log, count, answer) = (log.clone(), count.clone(), answer.clone());
            async move {
                count.fetch_add(1, Ordering::SeqCst);
                let (parts, body) = request.into_parts();
                let body: Bytes = to_bytes(body, 1 << 20).await.unwrap();
                log.lock().unwrap().push(Received {
                    method: parts.method.to_string(),
                    path_and_query: parts.uri.path_and_query().unwrap().to_string(),
                    headers: parts
                        .headers
                        .iter()
                        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
                        .collect(),
                    body: body.to_vec(),
                });
                tokio::time::sleep(answer.delay).await;
                (
                    StatusCode::from_u16(answer.status).unwrap(),
                    [("content-type", "application/json")],
                    answer.body,
                )
                    .into_response()
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Fake {
            base: format!("http://{addr}/").parse().unwrap(),
            received,
            hits,
            task,
        }
    }

    fn client(&self) -> V2Client<Test> {
        self.client_with(|c| c)
    }

    fn client_with(&self, f: impl FnOnce(V2Config<Test>) -> V2Config<Test>) -> V2Client<Test> {
        let config = V2Config::<Test>::new("merchant1", "fakeKey", SecretString::from(SECRET))
            .unwrap()
            .with_base(BaseUrl::custom(&self.base).unwrap())
            .with_timeout(Duration::from_secs(10));
        V2Client::new(f(config)).unwrap()
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn card_request() -> CreatePaymentRequest {
    let card = Card::new(CardNumber::new(PAN), ExpiryDate::new("1230")).with_cvv(Cvv::new(CVV));
    CreatePaymentRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(1500),
            CurrencyCode::new("EUR"),
        ))
        .with_references(
            OrderReferences::new().with_merchant_reference(MerchantReference::new("order-1")),
        ),
    )
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_card(card)
            .with_return_url(ReturnUrl::new("https://shop.example/return")),
    )
}

const CREATED: &str = r#"{"payment":{"id":"pay-1","status":"PENDING_CAPTURE","statusOutput":{"statusCode":5,"statusCategory":"PENDING_MERCHANT","isAuthorized":true,"isCancellable":true,"isRefundable":false}},"merchantAction":null}"#;

#[tokio::test]
async fn a_create_is_signed_as_the_platform_verifies_it() {
    let fake = Fake::start(reply(201, CREATED)).await;
    let client = fake.client_with(|c| c.with_header("X-GCS-ServerMetaInfo", "shop 1.0").unwrap());
    let options = CallOptions::new()
        .idempotence_key("order-1-attempt-1")
        .client_meta_info("eyJ4IjoxfQ==");
    let before = SystemTime::now() - Duration::from_secs(2);
    let outcome = client.create_with(&card_request(), &options).await.unwrap();
    assert!(
        matches!(outcome, CreateOutcome::NoThreeDSecure { .. }),
        "{outcome:?}"
    );
    let status = outcome.status().unwrap();
    assert!(status.authorised() && status.cancellable() && !status.refundable());
    assert_eq!(status.category(), Some(&PaymentCategory::PendingMerchant));

    let received = fake.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query, "/v2/merchant1/payments");
    assert_eq!(request.header("content-type"), Some("application/json"));
    let date = httpdate::parse_http_date(request.header("date").unwrap()).unwrap();
    assert!(date >= before && date <= SystemTime::now() + Duration::from_secs(2));
    assert_eq!(
        request.header("x-gcs-idempotence-key"),
        Some("order-1-attempt-1")
    );
    assert_eq!(request.header("x-gcs-servermetainfo"), Some("shop 1.0"));
    assert!(
        request
            .header("authorization")
            .unwrap()
            .starts_with("GCS v1HMAC:fakeKey:")
    );
    assert!(request.signature_valid(), "{request:?}");
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, card_request().to_json_value());
}

#[tokio::test]
async fn a_get_has_no_body_and_signs_an_empty_content_type() {
    let fake = Fake::start(reply(200, r#"{"id":"pay/1","status":"CAPTURED"}"#)).await;
    let details = fake
        .client()
        .payment_details(&PaymentId::new("pay/1"))
        .await
        .unwrap();
    assert_eq!(details.id().as_str(), "pay/1");
    let request = &fake.received()[0];
    assert_eq!(request.method, "GET");
    // One segment: the `/` of the id is encoded, and signed as sent.
    assert_eq!(
        request.path_and_query,
        "/v2/merchant1/payments/pay%2F1/details"
    );
    assert_eq!(request.header("content-type"), None);
    assert!(request.body.is_empty());
    assert!(request.signature_valid(), "{request:?}");
}

const BAD_REQUEST: &str = r#"{"errorId":"e-1","errors":[{"code":"21000020","id":"PARAMETER_NOT_FOUND_IN_REQUEST","category":"CONNECT_PLATFORM_ERROR","httpStatusCode":400,"message":"order.amountOfMoney.currencyCode is missing","propertyName":"order.amountOfMoney.currencyCode"}]}"#;
const DECLINED: &str = r#"{"errorId":"e-2","errors":[{"code":"30511001","id":"DECLINED","httpStatusCode":402,"message":"declined"}],"paymentResult":{"payment":{"id":"pay-2","status":"REJECTED","statusOutput":{"statusCode":2,"statusCategory":"UNSUCCESSFUL","isAuthorized":false}}}}"#;

/// Far above every canned answer but [`every_status_has_its_error`]'s too large ones.
const SMALL_LIMIT: usize = 1024;

/// A canned answer, the error variant it must become, and whether its outcome is unknown.
type StatusCase = (Reply, fn(&V2Error) -> bool, bool);

/// A created payment whose answer breaks a rule (`statusCode` must be a number): the payment
/// id must survive in the error.
const OFF_TYPE_CREATED: &str =
    r#"{"payment":{"id":"pay-9","status":"CREATED","statusOutput":{"statusCode":"five"}}}"#;

#[tokio::test]
async fn every_status_has_its_error() {
    let cases: Vec<StatusCase> = vec![
        (
            reply(400, BAD_REQUEST),
            |e| matches!(e, V2Error::BadRequest { .. }),
            false,
        ),
        (
            reply(
                401,
                r#"{"errorId":"e","errors":[{"code":"9007","id":"ACCESS_TO_MERCHANT_NOT_ALLOWED"}]}"#,
            ),
            |e| matches!(e, V2Error::Unauthorized { status: 401, .. }),
            false,
        ),
        (
            reply(403, ""),
            |e| {
                matches!(
                    e,
                    V2Error::Unauthorized {
                        status: 403,
                        response: None,
                        ..
                    }
                )
            },
            false,
        ),
        (
            reply(402, DECLINED),
            |e| matches!(e, V2Error::Declined { .. }),
            false,
        ),
        (
            reply(404, r#"{"errors":[]}"#),
            |e| matches!(e, V2Error::NotFound { .. }),
            false,
        ),
        (
            reply(409, r#"{"errors":[{"code":"1"}]}"#),
            |e| matches!(e, V2Error::Conflict { .. }),
            false,
        ),
        (
            reply(418, ""),
            |e| matches!(e, V2Error::Refused { status: 418, .. }),
            false,
        ),
        (
            reply(503, ""),
            |e| matches!(e, V2Error::Server { status: 503, .. }),
            true,
        ),
        (
            reply(201, "<html>"),
            |e| matches!(e, V2Error::Answer { status: 201, .. }),
            true,
        ),
        (
            reply(201, OFF_TYPE_CREATED),
            |e| e.payment_id() == Some("pay-9"),
            true,
        ),
        (
            reply(201, &" ".repeat(SMALL_LIMIT + 1)),
            |e| {
                matches!(
                    e,
                    V2Error::AnswerTooLarge {
                        status: 201,
                        limit: SMALL_LIMIT,
                        ..
                    }
                )
            },
            true,
        ),
        // The status says the platform refused it, however large the body.
        (
            reply(409, &" ".repeat(SMALL_LIMIT + 1)),
            |e| matches!(e, V2Error::AnswerTooLarge { status: 409, .. }),
            false,
        ),
    ];
    let mut sentences = String::new();
    for (answer, expected, unknown) in cases {
        let status = answer.status;
        let fake = Fake::start(answer).await;
        let err = fake
            .client_with(|c| c.with_max_answer_bytes(SMALL_LIMIT))
            .create_payment(&card_request())
            .await
            .unwrap_err();
        assert!(expected(&err), "{status}: {err:?}");
        assert_eq!(err.outcome_unknown(), unknown, "{status}: {err}");
        assert_eq!(err.http_status(), Some(status));
        assert_eq!(fake.hits.load(Ordering::SeqCst), 1, "{status}: sent once");
        let sentence = err.to_string();
        assert!(
            !sentence.contains(PAN) && !sentence.contains("is missing"),
            "{sentence}"
        );
        assert!(!format!("{err:?}").contains(PAN));
        sentences.push_str(&sentence);
        sentences.push('\n');
    }
    insta::assert_snapshot!(sentences);
}

#[tokio::test]
async fn a_bad_request_names_the_members_and_a_decline_carries_the_payment() {
    let fake = Fake::start(reply(400, BAD_REQUEST)).await;
    let err = fake
        .client()
        .create_payment(&card_request())
        .await
        .unwrap_err();
    let errors = err.api_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code().unwrap().as_str(), "21000020");
    assert_eq!(
        errors[0].property_name().unwrap().as_str(),
        "order.amountOfMoney.currencyCode"
    );
    assert_eq!(
        err.error_response().unwrap().error_id().unwrap().as_str(),
        "e-1"
    );

    let fake = Fake::start(reply(402, DECLINED)).await;
    let err = fake
        .client()
        .create_payment(&card_request())
        .await
        .unwrap_err();
    let payment = err.payment_result().unwrap().payment().unwrap();
    assert_eq!(payment.id().as_str(), "pay-2");
    assert!(StatusView::of(payment.status_output().unwrap()).rejected());

    // `create` reads the decline as an outcome.
    let outcome = fake.client().create(&card_request()).await.unwrap();
    let CreateOutcome::Declined { payment, response } = &outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(payment.as_ref().unwrap().id().as_str(), "pay-2");
    assert_eq!(
        response.as_ref().unwrap().errors()[0]
            .code()
            .unwrap()
            .as_str(),
        "30511001"
    );
    assert!(outcome.status().unwrap().rejected());
}

/// A decline whose error list has a member off its rule (`httpStatusCode` as a string).
const DECLINED_OFF_TYPE: &str = r#"{"errorId":"e-4","errors":[{"code":"30511001","httpStatusCode":"402"}],"paymentResult":{"payment":{"id":"pay-4","status":"REJECTED","statusOutput":{"statusCode":2}}}}"#;

#[tokio::test]
async fn an_error_answer_with_a_member_off_its_rule_keeps_its_codes_and_payment() {
    let fake = Fake::start(reply(402, DECLINED_OFF_TYPE)).await;
    let err = fake
        .client()
        .create_payment(&card_request())
        .await
        .unwrap_err();
    assert!(matches!(err, V2Error::Declined { .. }), "{err:?}");
    assert_eq!(err.api_errors()[0].code().unwrap().as_str(), "30511001");
    assert!(err.api_errors()[0].http_status_code().is_none());
    let payment = err.payment_result().unwrap().payment().unwrap();
    assert_eq!(payment.id().as_str(), "pay-4");
}

#[tokio::test]
async fn a_gateway_error_leaves_a_create_open_but_not_a_get() {
    let fake = Fake::start(reply(502, "")).await;
    let client = fake.client();
    let err = client.create_payment(&card_request()).await.unwrap_err();
    assert!(err.outcome_unknown() && err.operation().creates_payment());
    let err = client
        .payment_details(&PaymentId::new("p"))
        .await
        .unwrap_err();
    assert!(!err.outcome_unknown(), "a GET changes nothing");
}

#[tokio::test]
async fn a_late_answer_is_a_timeout_with_unknown_outcome_sent_once() {
    let fake = Fake::start(Reply {
        delay: Duration::from_secs(30),
        ..reply(201, CREATED)
    })
    .await;
    let client = fake.client_with(|c| c.with_timeout(Duration::from_millis(500)));
    let started = std::time::Instant::now();
    let err = client.create_payment(&card_request()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        matches!(
            err,
            V2Error::Timeout {
                delivery: payone_client::Delivery::MaybeProcessed,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.outcome_unknown() && err.is_timeout());
    insta::assert_snapshot!(err, @"PAYONE did not answer create_payment within 500 ms; it may have been processed, so check its outcome before sending it again");
    assert_eq!(fake.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_connection_sent_nothing() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base: Url = format!("http://{}/", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    drop(listener);
    let client = V2Client::new(
        V2Config::<Test>::new("m", "k", SecretString::from("s"))
            .unwrap()
            .with_base(BaseUrl::custom(&base).unwrap()),
    )
    .unwrap();
    let err = client.create_payment(&card_request()).await.unwrap_err();
    assert!(err.not_sent() && !err.outcome_unknown(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "could not connect to PAYONE for create_payment; nothing was sent"
    );
}

#[tokio::test]
async fn requests_the_client_refuses_are_not_sent() {
    let fake = Fake::start(reply(201, CREATED)).await;
    let client = fake.client();
    let cases = [
        CallOptions::new().header("Accept", "x"),
        CallOptions::new().header("X-GCS-A", "a\nb"),
        CallOptions::new()
            .header("X-GCS-A", "1")
            .header("x-gcs-a", "2"),
    ];
    for options in cases {
        let err = client
            .create_with(&card_request(), &options)
            .await
            .unwrap_err();
        assert!(
            matches!(err, V2Error::Request { .. }) && err.not_sent(),
            "{err:?}"
        );
    }
    let err = client
        .call::<GetPaymentDetails>(PathParams::NONE, &payone_types::json::NoBody)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "get_payment_details was not sent because its path needs a payment id"
    );
    assert_eq!(fake.hits.load(Ordering::SeqCst), 0);
}

#[test]
fn debug_never_shows_card_data_or_the_secret() {
    let request = card_request();
    let debug = format!("{request:?}");
    assert!(
        !debug.contains(PAN) && !debug.contains("\"123\""),
        "{debug}"
    );
    let config = V2Config::<Test>::new("m", "k", SecretString::from(SECRET)).unwrap();
    assert!(!format!("{config:?}").contains(SECRET));
    assert!(matches!(
        V2Config::<Test>::new("merchant 1", "k", SecretString::from(SECRET)),
        Err(V2ConfigError::MerchantId)
    ));
}

/// The three paths of seed 000 told apart from the answer alone.
#[test]
fn the_create_answer_tells_the_three_paths_apart() {
    let classify = |json: &str| {
        let response = CreatePaymentResponse::from_json_bytes(json.as_bytes()).expect("valid");
        match CreateOutcome::from_response(response).expect("usable") {
            CreateOutcome::Frictionless { .. } => "frictionless",
            CreateOutcome::Challenge { .. } => "challenge",
            CreateOutcome::NoThreeDSecure { .. } => "no 3-D Secure",
            _ => "other",
        }
    };
    let with_results = |results: &str| {
        format!(
            r#"{{"payment":{{"id":"p","status":"PENDING_CAPTURE","paymentOutput":{{"cardPaymentMethodSpecificOutput":{{"threeDSecureResults":{results}}}}}}},"merchantAction":null}}"#
        )
    };
    assert_eq!(classify(CREATED), "no 3-D Secure");
    assert_eq!(
        classify(&with_results(r#"{"flow":"frictionless","eci":"05"}"#)),
        "frictionless"
    );
    // Results without a flow: an authentication took place, without an action.
    assert_eq!(classify(&with_results(r#"{"eci":"05"}"#)), "frictionless");
    // A flow that is not frictionless, yet no action: not a path of the seed.
    assert_eq!(classify(&with_results(r#"{"flow":"challenge"}"#)), "other");
    assert_eq!(
        classify(
            r#"{"payment":{"id":"p","status":"REDIRECTED"},"merchantAction":{"actionType":"REDIRECT","redirectData":{"redirectURL":"https://acs.example/3ds"}}}"#
        ),
        "challenge"
    );
}
