//! The v2 JSON API over loopback: raw JSON with reqwest, `GCS v1HMAC` signatures computed here
//! with `payone_types::gcs` (not with a client), webhooks received by an axum receiver.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_WEBHOOK_KEY_ID, DEFAULT_WEBHOOK_SECRET,
    Delivery, Faults, Sandbox,
};
use payone_types::gcs::{GcsRequest, GcsSigner, SecretString, WebhookKeys, verify_webhook};
use serde_json::{Value, json};

use crate::common::{eventually, http, sandbox};

const PAYMENTS: &str = "/v2/sandboxmerchant/payments";
const RETURN_URL: &str = "https://shop.example/return?order=7";

fn now() -> String {
    httpdate::fmt_http_date(SystemTime::now())
}

/// The `Authorization` value for a request, as a client computes it.
fn authorization(method: &str, content_type: &str, date: &str, path: &str) -> String {
    let signer = GcsSigner::new(DEFAULT_API_KEY, SecretString::from(DEFAULT_API_SECRET)).unwrap();
    let mut request = GcsRequest::new(method, date, path);
    if !content_type.is_empty() {
        request = request.content_type(content_type);
    }
    signer.authorization(&request).unwrap()
}

/// A signed request; `body` None is a GET.
async fn call(sandbox: &Sandbox, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let url = format!("{}{path}", sandbox.base_url());
    let date = now();
    let request = match &body {
        None => http()
            .get(url)
            .header("authorization", authorization("GET", "", &date, path)),
        Some(body) => http()
            .post(url)
            .header("content-type", "application/json")
            .header(
                "authorization",
                authorization("POST", "application/json", &date, path),
            )
            .body(body.to_string()),
    };
    answer(request.header("date", date)).await
}

async fn answer(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("an answer");
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json");
    let body = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&body).expect("JSON"))
}

fn order(card: &str, amount: u64) -> Value {
    json!({
        "order": {
            "amountOfMoney": { "amount": amount, "currencyCode": "EUR" },
            "references": { "merchantReference": "order-7" },
            "customer": { "contactDetails": { "emailAddress": "jane@example.com" } },
        },
        "cardPaymentMethodSpecificInput": {
            "card": { "cardNumber": card, "expiryDate": "1230", "cvv": "123", "cardholderName": "Jane Doe" },
            "returnUrl": RETURN_URL,
        },
    })
}

async fn create(sandbox: &Sandbox, card: &str, amount: u64) -> (StatusCode, Value) {
    call(sandbox, PAYMENTS, Some(order(card, amount))).await
}

fn id(answer: &Value) -> String {
    answer["payment"]["id"]
        .as_str()
        .expect("payment.id")
        .to_owned()
}

async fn details(sandbox: &Sandbox, id: &str) -> Value {
    let (status, body) = call(sandbox, &format!("{PAYMENTS}/{id}/details"), None).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn properties(error: &Value) -> Vec<&str> {
    error["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["propertyName"].as_str().unwrap_or("-"))
        .collect()
}

#[tokio::test]
async fn card_without_3ds_waits_for_capture() {
    let sandbox = sandbox().await;
    let (status, body) = create(&sandbox, "4111111111111111", 1000).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(id(&body), "3000000001_0");
    let payment = &body["payment"];
    assert_eq!(payment["status"], "PENDING_CAPTURE");
    assert_eq!(
        payment["statusOutput"],
        json!({"statusCode": 5, "statusCategory": "PENDING_MERCHANT", "isAuthorized": true,
               "isCancellable": true, "isRefundable": false})
    );
    assert!(body.get("merchantAction").is_none(), "{body}");
    let output = &payment["paymentOutput"];
    assert_eq!(
        output["amountOfMoney"],
        json!({"amount": 1000, "currencyCode": "EUR"})
    );
    assert_eq!(output["references"]["merchantReference"], "order-7");
    let card = &output["cardPaymentMethodSpecificOutput"];
    assert_eq!(card["card"]["cardNumber"], "************1111");
    assert_eq!(card["paymentProductId"], 1);
    assert!(card.get("threeDSecureResults").is_none(), "{body}");
    assert!(!body.to_string().contains("4111111111111111"));
    assert_eq!(details(&sandbox, &id(&body)).await, body["payment"]);
}

#[tokio::test]
async fn frictionless_3ds_is_reported() {
    let sandbox = sandbox().await;
    let (status, body) = create(&sandbox, "4000000000001000", 1000).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["payment"]["status"], "PENDING_CAPTURE");
    assert!(body.get("merchantAction").is_none(), "{body}");
    assert_eq!(
        body["payment"]["paymentOutput"]["cardPaymentMethodSpecificOutput"]["threeDSecureResults"],
        json!({"eci": "05", "flow": "frictionless"})
    );
}

#[tokio::test]
async fn challenge_redirects_and_returns_to_the_shop() {
    let sandbox = sandbox().await;
    let (status, body) = create(&sandbox, "4000000000001091", 1000).await;
    assert_eq!(status, 201, "{body}");
    let payment_id = id(&body);
    assert_eq!(body["payment"]["status"], "REDIRECTED");
    assert_eq!(body["payment"]["statusOutput"]["statusCode"], 46);
    assert_eq!(
        body["payment"]["statusOutput"]["statusCategory"],
        "PENDING_PAYMENT"
    );
    assert_eq!(body["payment"]["statusOutput"]["isAuthorized"], false);
    assert_eq!(body["merchantAction"]["actionType"], "REDIRECT");
    let redirect = body["merchantAction"]["redirectData"]["redirectURL"]
        .as_str()
        .unwrap();
    assert_eq!(
        redirect,
        format!("{}/v2/sandbox/3ds/{payment_id}", sandbox.base_url())
    );

    // The customer's browser: the page, then its "Authenticate" link.
    let page = http().get(redirect).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let href = html
        .split("id=\"authenticate\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("authenticate link");
    let done = http()
        .get(format!("{}{href}", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(
        done.headers()["location"],
        format!("{RETURN_URL}&paymentId={payment_id}").as_str()
    );
    let payment = details(&sandbox, &payment_id).await;
    assert_eq!(payment["status"], "PENDING_CAPTURE");
    assert_eq!(
        payment["paymentOutput"]["cardPaymentMethodSpecificOutput"]["threeDSecureResults"],
        json!({"eci": "05", "flow": "challenge"})
    );
    // Completed once: the page is gone.
    assert_eq!(http().get(redirect).send().await.unwrap().status(), 404);

    // Failing the challenge rejects the payment.
    let (_, body) = create(&sandbox, "4000000000001091", 1000).await;
    let failed = id(&body);
    let done = http()
        .get(format!(
            "{}/v2/sandbox/3ds/{failed}/complete?result=fail",
            sandbox.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let payment = details(&sandbox, &failed).await;
    assert_eq!(payment["status"], "REJECTED");
    assert_eq!(payment["statusOutput"]["statusCode"], 2);
    assert_eq!(payment["statusOutput"]["statusCategory"], "UNSUCCESSFUL");

    // The challenge needs a returnUrl.
    let mut request = order("4000000000001091", 1000);
    request["cardPaymentMethodSpecificInput"]
        .as_object_mut()
        .unwrap()
        .remove("returnUrl");
    let (status, error) = call(&sandbox, PAYMENTS, Some(request)).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(
        properties(&error),
        ["cardPaymentMethodSpecificInput.returnUrl"]
    );
}

#[tokio::test]
async fn amount_9902_is_declined_with_the_payment_result() {
    let sandbox = sandbox().await;
    let (status, body) = create(&sandbox, "4111111111111111", 9902).await;
    assert_eq!(status, 402, "{body}");
    assert_eq!(body["errors"][0]["code"], "30511001");
    assert_eq!(body["errors"][0]["httpStatusCode"], 402);
    assert!(body["errorId"].is_string());
    let payment = &body["paymentResult"]["payment"];
    assert_eq!(payment["status"], "REJECTED");
    assert_eq!(payment["statusOutput"]["statusCode"], 2);
    assert_eq!(payment["statusOutput"]["statusCategory"], "UNSUCCESSFUL");
    let rejected = payment["id"].as_str().unwrap();
    assert_eq!(details(&sandbox, rejected).await["status"], "REJECTED");
}

#[tokio::test]
async fn capture_refund_and_cancel() {
    let sandbox = sandbox().await;
    let (_, body) = create(&sandbox, "4111111111111111", 1000).await;
    let paid = id(&body);
    let path = |op: &str| format!("{PAYMENTS}/{paid}/{op}");

    let (status, error) = call(&sandbox, &path("capture"), Some(json!({"amount": 1001}))).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(properties(&error), ["amount"]);
    let (status, error) = call(&sandbox, &path("refund"), Some(refund(100))).await;
    assert_eq!(status, 409, "{error}");
    assert_eq!(error["errors"][0]["id"], "ACTION_NOT_ALLOWED_IN_STATUS");

    let (status, captured) = call(
        &sandbox,
        &path("capture"),
        Some(json!({"amount": 800, "isFinal": true})),
    )
    .await;
    assert_eq!(status, 200, "{captured}");
    assert_eq!(captured["id"], format!("{}_1", paid.trim_end_matches("_0")));
    assert_eq!(captured["status"], "CAPTURED");
    assert_eq!(
        captured["statusOutput"],
        json!({"statusCode": 9, "statusCategory": "COMPLETED", "isAuthorized": true,
               "isCancellable": false, "isRefundable": true})
    );
    assert_eq!(captured["captureOutput"]["amountOfMoney"]["amount"], 800);
    let (status, _) = call(&sandbox, &path("capture"), Some(json!({}))).await;
    assert_eq!(status, 409);
    let (status, _) = call(&sandbox, &path("cancel"), Some(json!({}))).await;
    assert_eq!(status, 409);

    let (status, error) = call(&sandbox, &path("refund"), Some(refund(801))).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(properties(&error), ["amountOfMoney.amount"]);
    let (status, first) = call(&sandbox, &path("refund"), Some(refund(300))).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["status"], "REFUNDED");
    assert_eq!(first["statusOutput"]["statusCode"], 8);
    assert_eq!(first["statusOutput"]["statusCategory"], "COMPLETED");
    assert_eq!(first["statusOutput"]["isRefundable"], true);
    assert_eq!(first["refundOutput"]["amountOfMoney"]["amount"], 300);
    let (status, last) = call(&sandbox, &path("refund"), Some(refund(500))).await;
    assert_eq!(status, 201, "{last}");
    assert_eq!(last["statusOutput"]["isRefundable"], false);
    let (status, _) = call(&sandbox, &path("refund"), Some(refund(1))).await;
    assert_eq!(status, 409);
    assert_eq!(details(&sandbox, &paid).await["status"], "REFUNDED");

    // Cancel releases an authorisation; only in full.
    let (_, body) = create(&sandbox, "5500000000000004", 1000).await;
    let cancel = format!("{PAYMENTS}/{}/cancel", id(&body));
    let partial = json!({"amountOfMoney": {"amount": 500, "currencyCode": "EUR"}});
    let (status, error) = call(&sandbox, &cancel, Some(partial)).await;
    assert_eq!(status, 400, "{error}");
    let (status, cancelled) = call(&sandbox, &cancel, Some(json!({}))).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["payment"]["status"], "CANCELLED");
    assert_eq!(cancelled["payment"]["statusOutput"]["statusCode"], 6);
    assert_eq!(
        cancelled["payment"]["statusOutput"]["statusCategory"],
        "UNSUCCESSFUL"
    );
    let (status, _) = call(&sandbox, &cancel, Some(json!({}))).await;
    assert_eq!(status, 409);

    let (status, error) = call(&sandbox, &format!("{PAYMENTS}/3999999999_0/details"), None).await;
    assert_eq!(status, 404, "{error}");
    assert_eq!(error["errors"][0]["id"], "UNKNOWN_PAYMENT_ID");
    let (status, _) = call(
        &sandbox,
        &format!("{PAYMENTS}/nonsense/capture"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 404);

    let counts = sandbox.requests();
    assert_eq!(counts["v2.create_payment"], 2);
    assert_eq!(counts["v2.capture_payment"], 4);
    assert_eq!(counts["v2.refund_payment"], 5);
    assert_eq!(counts["v2.cancel_payment"], 4);
    assert_eq!(counts["v2.get_payment_details"], 2);
}

fn refund(amount: u64) -> Value {
    json!({"amountOfMoney": {"amount": amount, "currencyCode": "EUR"}})
}

#[tokio::test]
async fn signatures_dates_and_merchants_are_checked() {
    let sandbox = sandbox().await;
    let url = format!("{}{PAYMENTS}", sandbox.base_url());
    let body = order("4111111111111111", 1000).to_string();
    let date = now();
    let post = || {
        http()
            .post(&url)
            .header("content-type", "application/json")
            .body(body.clone())
    };
    let good = authorization("POST", "application/json", &date, PAYMENTS);

    // Signed for another path.
    let wrong = authorization("POST", "application/json", &date, "/v2/sandboxmerchant/x");
    let (status, error) = answer(post().header("date", &date).header("authorization", wrong)).await;
    assert_eq!(status, 401, "{error}");
    assert_eq!(error["errors"][0]["id"], "MISSING_OR_INVALID_AUTHORIZATION");
    assert_eq!(
        error["errors"][0]["message"],
        "the signature does not match the request"
    );
    assert!(!error.to_string().contains(good.rsplit(':').next().unwrap()));

    let (status, error) = answer(post().header("authorization", &good)).await;
    assert_eq!(status, 401, "{error}");
    assert!(
        error["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Date")
    );

    let (status, _) = answer(post().header("date", &date)).await;
    assert_eq!(status, 401);

    let other_key = good.replacen(DEFAULT_API_KEY, "other-key", 1);
    let (status, _) = answer(
        post()
            .header("date", &date)
            .header("authorization", other_key),
    )
    .await;
    assert_eq!(status, 401);

    let (status, _) = answer(post().header("date", &date).header("authorization", &good)).await;
    assert_eq!(status, 201);

    // A foreign merchant, correctly signed: 403.
    let foreign = "/v2/othermerchant/payments";
    let (status, error) = answer(
        http()
            .post(format!("{}{foreign}", sandbox.base_url()))
            .header("content-type", "application/json")
            .header("date", &date)
            .header(
                "authorization",
                authorization("POST", "application/json", &date, foreign),
            )
            .body(body.clone()),
    )
    .await;
    assert_eq!(status, 403, "{error}");
    assert_eq!(error["errors"][0]["id"], "ACCESS_TO_MERCHANT_NOT_ALLOWED");
    assert_eq!(sandbox.requests()["v2.create_payment"], 6);
}

#[tokio::test]
async fn validation_lists_every_path_and_never_a_value() {
    let sandbox = sandbox().await;
    let request = json!({
        "order": { "amountOfMoney": { "currencyCode": 978 } },
        "cardPaymentMethodSpecificInput": {
            "card": { "cardNumber": "4111111111111112", "expiryDate": "1230", "cvv": "987" },
        },
    });
    let (status, error) = call(&sandbox, PAYMENTS, Some(request)).await;
    assert_eq!(status, 400, "{error}");
    let mut paths = properties(&error);
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "order.amountOfMoney.amount",
            "order.amountOfMoney.currencyCode"
        ]
    );
    assert_eq!(error["errors"][0]["httpStatusCode"], 400);

    // A card number that fails the Luhn check: named, not shown.
    let (status, error) = create(&sandbox, "4111111111111112", 1000).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(
        properties(&error),
        ["cardPaymentMethodSpecificInput.card.cardNumber"]
    );
    assert_eq!(error["errors"][0]["id"], "INVALID_VALUE");
    let text = error.to_string();
    for secret in ["4111111111111112", "987", "123"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // Not JSON: the position only, nothing of the body.
    let date = now();
    let (status, error) = answer(
        http()
            .post(format!("{}{PAYMENTS}", sandbox.base_url()))
            .header("content-type", "application/json")
            .header("date", &date)
            .header(
                "authorization",
                authorization("POST", "application/json", &date, PAYMENTS),
            )
            .body("{\"cardNumber\": 4111111111111111"),
    )
    .await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["errors"][0]["id"], "INVALID_JSON");
    assert!(!error.to_string().contains("4111111111111111"));
}

/// What the webhook receiver saw: headers and body of each POST.
type Seen = Arc<Mutex<Vec<(Vec<(String, String)>, Vec<u8>)>>>;

/// A receiver answering 500 to the first `failures` POSTs, then 200.
async fn receiver(failures: usize) -> (SocketAddr, Seen) {
    let seen: Seen = Arc::default();
    async fn receive(
        State((seen, failures)): State<(Seen, usize)>,
        headers: HeaderMap,
        body: Bytes,
    ) -> StatusCode {
        let mut seen = seen.lock().unwrap();
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        seen.push((headers, body.to_vec()));
        if seen.len() > failures {
            StatusCode::OK
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
    let app = Router::new()
        .route("/hooks", post(receive))
        .with_state((seen.clone(), failures));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, seen)
}

async fn sandbox_with_webhooks(addr: SocketAddr, attempts: u32) -> Sandbox {
    payone_sandbox::start(
        Config {
            notify_retry: Duration::from_millis(50),
            notify_max_attempts: attempts,
            ..Config::default()
        }
        .with_webhook_url(format!("http://{addr}/hooks")),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn webhooks_are_signed_and_retried_until_2xx() {
    let (addr, seen) = receiver(1).await;
    let sandbox = sandbox_with_webhooks(addr, 5).await;
    let (_, body) = create(&sandbox, "4111111111111111", 1000).await;
    let paid = id(&body);
    let (status, _) = call(
        &sandbox,
        &format!("{PAYMENTS}/{paid}/capture"),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 200);
    eventually("both webhooks confirmed", || {
        let log = sandbox.webhooks();
        log.len() == 2 && log.iter().all(|w| w.delivery == Delivery::Confirmed)
    })
    .await;
    let log = sandbox.webhooks();
    assert_eq!(log[0].attempts, 2, "the first POST was answered 500");
    assert_eq!(log[1].attempts, 1);
    assert_eq!(log[0].event_type, "payment.pending_capture");
    assert_eq!(log[1].event_type, "payment.captured");

    let keys = WebhookKeys::new().with(
        DEFAULT_WEBHOOK_KEY_ID,
        SecretString::from(DEFAULT_WEBHOOK_SECRET),
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].1, seen[1].1, "a retry sends the same body");
    for (headers, body) in &seen {
        let key = verify_webhook(headers, body, &keys).expect("a valid signature");
        assert_eq!(key.as_str(), DEFAULT_WEBHOOK_KEY_ID);
        let ct = headers.iter().find(|(n, _)| n == "content-type").unwrap();
        assert_eq!(ct.1, "application/json");
    }
    let first: Value = serde_json::from_slice(&seen[0].1).unwrap();
    assert_eq!(first["apiVersion"], "v1");
    assert_eq!(first["merchantId"], "sandboxmerchant");
    assert_eq!(first["type"], "payment.pending_capture");
    assert_eq!(first["payment"]["id"], paid.as_str());
    assert!(first["created"].as_str().unwrap().ends_with('Z'));
    let captured: Value = serde_json::from_slice(&seen[2].1).unwrap();
    assert_eq!(captured["type"], "payment.captured");
    assert_eq!(captured["payment"]["status"], "CAPTURED");
    assert_ne!(first["id"], captured["id"]);
    assert!(!String::from_utf8_lossy(&seen[0].1).contains("4111111111111111"));
}

#[tokio::test]
async fn webhook_delivery_gives_up_after_the_attempts() {
    let (addr, seen) = receiver(usize::MAX).await;
    let sandbox = sandbox_with_webhooks(addr, 3).await;
    let (status, _) = create(&sandbox, "4111111111111111", 9902).await;
    assert_eq!(status, 402);
    eventually("the sandbox gives up", || {
        sandbox.webhooks().first().map(|w| w.delivery) == Some(Delivery::GaveUp)
    })
    .await;
    assert_eq!(sandbox.webhooks()[0].attempts, 3);
    assert_eq!(sandbox.webhooks()[0].event_type, "payment.rejected");
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn faults_hit_v2_create() {
    let sandbox = sandbox().await;
    sandbox.set_faults(Faults {
        status_next: Some((503, 1)),
        ..Faults::default()
    });
    let (status, error) = create(&sandbox, "4111111111111111", 1000).await;
    assert_eq!(status, 503, "{error}");
    assert_eq!(error["errors"][0]["id"], "SANDBOX_FAULT");
    assert_eq!(error["errors"][0]["httpStatusCode"], 503);

    sandbox.set_faults(Faults {
        drop_next: 1,
        ..Faults::default()
    });
    let date = now();
    let dropped = http()
        .post(format!("{}{PAYMENTS}", sandbox.base_url()))
        .header("content-type", "application/json")
        .header("date", &date)
        .header(
            "authorization",
            authorization("POST", "application/json", &date, PAYMENTS),
        )
        .body(order("4111111111111111", 1000).to_string())
        .send()
        .await;
    assert!(dropped.is_err(), "the connection closes without an answer");

    // Neither the faulted nor the dropped create made a payment.
    let (_, body) = create(&sandbox, "4111111111111111", 1000).await;
    assert_eq!(id(&body), "3000000001_0");

    sandbox.set_faults(Faults {
        latency: Duration::from_millis(400),
        ..Faults::default()
    });
    let date = now();
    let slow = http()
        .post(format!("{}{PAYMENTS}", sandbox.base_url()))
        .timeout(Duration::from_millis(100))
        .header("content-type", "application/json")
        .header("date", &date)
        .header(
            "authorization",
            authorization("POST", "application/json", &date, PAYMENTS),
        )
        .body(order("4111111111111111", 1000).to_string())
        .send()
        .await;
    assert!(slow.unwrap_err().is_timeout());
    assert_eq!(sandbox.requests()["v2.create_payment"], 4);
}

#[tokio::test]
async fn a_forgotten_payment_is_an_unknown_payment() {
    let (addr, _) = receiver(0).await;
    let sandbox = payone_sandbox::start(
        Config {
            max_transactions: 2,
            ..Config::default()
        }
        .with_webhook_url(format!("http://{addr}/hooks")),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (status, body) = create(&sandbox, "4111111111111111", 1000).await;
        assert_eq!(status, 201, "{body}");
        ids.push(id(&body));
    }
    let (status, body) = call(&sandbox, &format!("{PAYMENTS}/{}/details", ids[0]), None).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["errors"][0]["id"], "UNKNOWN_PAYMENT_ID");
    let (status, body) = call(
        &sandbox,
        &format!("{PAYMENTS}/{}/capture", ids[0]),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["errors"][0]["id"], "UNKNOWN_PAYMENT_ID");
    let (status, _) = call(
        &sandbox,
        &format!("{PAYMENTS}/{}/capture", ids[2]),
        Some(json!({})),
    )
    .await;
    assert_eq!(status, 200);
    let stored = sandbox.stored();
    assert_eq!(stored.v2_payments, 2);
    assert!(stored.webhooks <= 2, "{stored:?}");
    eventually("the latest webhook confirmed", || {
        let log = sandbox.webhooks();
        log.last().is_some_and(|w| {
            w.event_type == "payment.captured" && w.delivery == Delivery::Confirmed
        })
    })
    .await;
    assert_eq!(sandbox.webhooks().len(), 2);
    sandbox.shutdown().await;
}
