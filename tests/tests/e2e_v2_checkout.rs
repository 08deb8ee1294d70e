//! v2 hosted checkout, GetPayment, SubsequentPayment and CompletePayment end to end against the
//! sandbox on loopback: a checkout paid (and one cancelled) on the sandbox's payment page by
//! HTTP, the return checked against its RETURNMAC, the created payment read back and announced
//! by webhook; a merchant-initiated payment with a card on file; the same endpoints signed by
//! hand (a bad signature is 401, unknown ids 404, bodies that break the table 400 naming the
//! member); an http returnUrl refused in the live environment before sending.

mod common;

use common::PATIENCE;
use payone_client::Url;
use payone_client::v2::*;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, Sandbox, V2_AMOUNT_DECLINED,
    V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;

const DATE: &str = "Sun, 06 Dec 2026 10:00:00 GMT";
const RETURN: &str = "http://shop.example/back?order=4711";

fn config(sandbox: &Sandbox) -> V2Config<Test> {
    let base: Url = sandbox.base_url().parse().unwrap();
    V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .unwrap()
    .with_base(BaseUrl::custom(&base).unwrap())
    .with_timeout(PATIENCE)
}

async fn start() -> (Sandbox, V2Client<Test>) {
    let sandbox = payone_sandbox::start(Config::default())
        .await
        .expect("sandbox starts");
    let client = V2Client::new(config(&sandbox)).unwrap();
    (sandbox, client)
}

/// A browser that does not follow redirects, to read where the page sends the customer.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(PATIENCE)
        .build()
        .unwrap()
}

fn order(amount: u64, reference: &str) -> Order {
    Order::new(AmountOfMoney::new(
        Amount::new(amount),
        CurrencyCode::new("EUR"),
    ))
    .with_references(
        OrderReferences::new()
            .with_merchant_reference(MerchantReference::try_new(reference.to_owned()).unwrap()),
    )
}

fn checkout_request(amount: u64, recurring: bool) -> CreateHostedCheckoutRequest {
    CreateHostedCheckoutRequest::new(order(amount, "order-4711"))
        .with_hosted_checkout_specific_input(
            HostedCheckoutSpecificInput::new()
                .with_return_url(HostedCheckoutReturnUrl::new(RETURN))
                .with_locale(HostedCheckoutLocale::new("de_DE"))
                .with_is_recurring(recurring),
        )
}

fn form(pan: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("cardNumber", pan)
        .append_pair("expiryDate", "1230")
        .append_pair("cvv", "123")
        .finish()
}

/// Posts `body` to `url` as a form; the answer.
async fn post_form(http: &reqwest::Client, url: &str, body: String) -> reqwest::Response {
    http.post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

fn location(answer: &reqwest::Response) -> String {
    assert_eq!(answer.status(), 303);
    answer.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_checkout_paid_on_the_page_creates_a_payment_and_returns_with_the_mac() {
    let (sandbox, client) = start().await;
    let opened = client
        .create_hosted_checkout(&checkout_request(1999, false))
        .await
        .expect("a checkout");
    let id = opened.hosted_checkout_id().expect("an id").clone();
    assert_eq!(id.as_str(), "4000000001");
    assert_eq!(
        opened.merchant_reference().map(|r| r.as_str()),
        Some("order-4711")
    );
    let page = opened
        .redirect_url()
        .expect("a redirectUrl")
        .as_str()
        .to_owned();
    assert_eq!(
        Some(page.as_str()),
        opened
            .partial_redirect_url()
            .map(|p| format!("http://{}", p.as_str()))
            .as_deref()
    );
    assert!(opened.returnmac().is_some_and(|m| m.as_str().len() == 64));
    // The RETURNMAC is a secret of the return: the answer's Debug does not show it.
    let mac = opened.returnmac().unwrap().as_str().to_owned();
    assert!(!format!("{opened:?}").contains(&mac));

    let status = client.get_hosted_checkout(&id).await.unwrap();
    assert_eq!(status.status(), Some(&HostedCheckoutStatus::InProgress));
    assert!(status.created_payment_output().is_none());

    let http = browser();
    let html = http.get(&page).send().await.unwrap().text().await.unwrap();
    for needle in [
        "name=\"cardNumber\"",
        "id=\"pay\"",
        "id=\"cancel\"",
        ">1999<",
    ] {
        assert!(html.contains(needle), "{needle}: {html}");
    }
    let paid = post_form(&http, &page, form(V2_CARD_NO_3DS)).await;
    let back = location(&paid);
    assert!(
        back.starts_with("http://shop.example/back?order=4711&"),
        "{back}"
    );
    assert!(!back.contains(V2_CARD_NO_3DS));
    assert_eq!(hosted_checkout_return(&back, &opened), Ok(id.clone()));
    // A forged or foreign return is refused.
    let forged = back.replace(&mac, &"0".repeat(64));
    assert_eq!(
        hosted_checkout_return(&forged, &opened),
        Err(HostedCheckoutReturnError::WrongMac)
    );
    // Paid once: the page is gone.
    assert_eq!(http.get(&page).send().await.unwrap().status(), 404);
    assert_eq!(
        post_form(&http, &page, form(V2_CARD_NO_3DS)).await.status(),
        404
    );

    let status = client.get_hosted_checkout(&id).await.unwrap();
    assert_eq!(status.status(), Some(&HostedCheckoutStatus::PaymentCreated));
    let output = status.created_payment_output().expect("the payment");
    assert_eq!(
        output.payment_status_category().map(|c| c.as_str()),
        Some("PENDING_MERCHANT")
    );
    let payment_id = output.payment().expect("a payment").id().clone();
    let payment = client.get_payment(&payment_id).await.unwrap();
    assert_eq!(
        payment.status().map(|s| s.as_str()),
        Some("PENDING_CAPTURE")
    );
    let card = payment
        .payment_output()
        .and_then(|o| o.card_payment_method_specific_output())
        .and_then(|o| o.card())
        .and_then(|c| c.card_number())
        .unwrap();
    assert_eq!(card.as_str(), "************1111");
    let details = client.payment_details(&payment_id).await.unwrap();
    assert_eq!(details.status(), payment.status());

    let webhooks = sandbox.webhooks();
    assert_eq!(webhooks.len(), 1, "{webhooks:?}");
    assert_eq!(webhooks[0].event_type, "payment.pending_capture");
    assert_eq!(webhooks[0].payment_id, payment_id.as_str());
    assert!(!webhooks[0].body.contains(V2_CARD_NO_3DS));

    let unknown = HostedCheckoutId::new("4000000999");
    match client.get_hosted_checkout(&unknown).await {
        Err(V2Error::NotFound { response, .. }) => assert_eq!(
            response.unwrap().errors()[0].id().map(|i| i.as_str()),
            Some("UNKNOWN_HOSTED_CHECKOUT_ID")
        ),
        other => panic!("expected 404, got {other:?}"),
    }
    let requests = sandbox.requests();
    assert_eq!(requests.get("v2.create_hosted_checkout"), Some(&1));
    assert_eq!(requests.get("v2.get_hosted_checkout"), Some(&3));
    assert_eq!(requests.get("v2.get_payment"), Some(&1));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_declined_card_on_the_page_creates_a_rejected_payment() {
    let (sandbox, client) = start().await;
    let opened = client
        .create_hosted_checkout(&checkout_request(V2_AMOUNT_DECLINED, false))
        .await
        .unwrap();
    let http = browser();
    let page = opened.redirect_url().unwrap().as_str().to_owned();
    // What is no card is refused, naming the field only.
    let refused = post_form(&http, &page, form("4111111111111112")).await;
    assert_eq!(refused.status(), 400);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("cardNumber") && !html.contains("4111111111111112"),
        "{html}"
    );
    location(&post_form(&http, &page, form(V2_CARD_NO_3DS)).await);
    let status = client
        .get_hosted_checkout(opened.hosted_checkout_id().unwrap())
        .await
        .unwrap();
    let payment = status.created_payment_output().unwrap().payment().unwrap();
    assert_eq!(payment.status().map(|s| s.as_str()), Some("REJECTED"));
    assert_eq!(sandbox.webhooks()[0].event_type, "payment.rejected");
    sandbox.shutdown().await;
}

#[test]
fn a_checkout_cancelled_on_the_page_with_the_blocking_client() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(payone_sandbox::start(Config::default()))
        .unwrap();
    let client = blocking::V2Client::new(config(&sandbox)).unwrap();
    let opened = client
        .create_hosted_checkout(&checkout_request(500, false))
        .unwrap();
    let id = opened.hosted_checkout_id().unwrap().clone();
    let cancel = format!("{}/cancel", opened.redirect_url().unwrap().as_str());
    let back =
        runtime.block_on(async { location(&post_form(&browser(), &cancel, String::new()).await) });
    assert_eq!(hosted_checkout_return(&back, &opened), Ok(id.clone()));
    let status = client.get_hosted_checkout(&id).unwrap();
    assert_eq!(
        status.status(),
        Some(&HostedCheckoutStatus::CancelledByConsumer)
    );
    assert!(status.created_payment_output().is_none());
    assert!(sandbox.webhooks().is_empty());
    let missing = client
        .get_payment(&PaymentId::new("3000000001_0"))
        .unwrap_err();
    assert!(matches!(missing, V2Error::NotFound { .. }), "{missing:?}");
    drop(client);
    runtime.block_on(sandbox.shutdown());
}

/// Opens a hosted tokenization session and fills its page: the token.
async fn token(client: &V2Client<Test>) -> TokenId {
    let session = client
        .create_hosted_tokenization(&CreateHostedTokenizationRequest::new())
        .await
        .unwrap();
    let page = session
        .hosted_tokenization_url()
        .unwrap()
        .as_str()
        .to_owned();
    let stored = post_form(&browser(), &page, form(V2_CARD_NO_3DS)).await;
    assert_eq!(stored.status(), 200);
    let id = session.hosted_tokenization_id().unwrap();
    let result = client.get_hosted_tokenization(id).await.unwrap();
    result.token().and_then(|t| t.id()).unwrap().clone()
}

fn subsequent(amount: u64) -> SubsequentPaymentRequest {
    SubsequentPaymentRequest::new(order(amount, "order-4711-2"))
        .with_subsequentcard_payment_method_specific_input(
            SubsequentCardPaymentMethodSpecificInput::new()
                .with_subsequent_type(SubsequentType::Unscheduled)
                .with_transaction_channel(TransactionChannel::Ecommerce),
        )
}

#[tokio::test]
async fn a_subsequent_payment_charges_the_card_on_file_only() {
    let (sandbox, client) = start().await;
    let token = token(&client).await;
    let first = client
        .create_payment(
            &CreatePaymentRequest::new(order(1000, "order-4711"))
                .with_card_payment_method_specific_input(
                    CardPaymentMethodSpecificInput::new()
                        .with_token(Token::try_new(token.as_str().to_owned()).unwrap()),
                ),
        )
        .await
        .unwrap();
    let first_id = first.payment().unwrap().id().clone();

    let next = client
        .subsequent_payment(&first_id, &subsequent(700))
        .await
        .expect("a subsequent payment");
    let payment = next.payment().expect("the new payment");
    assert_ne!(payment.id(), &first_id);
    assert_eq!(
        payment.status().map(|s| s.as_str()),
        Some("PENDING_CAPTURE")
    );
    let output = payment.payment_output().unwrap();
    assert_eq!(output.amount_of_money().unwrap().amount().get(), 700);
    assert_eq!(
        output
            .card_payment_method_specific_output()
            .and_then(|o| o.card())
            .and_then(|c| c.card_number())
            .map(|n| n.as_str()),
        Some("************1111")
    );
    // It is a payment like any other, and may start further subsequent payments.
    let captured = client
        .capture_payment(payment.id(), &CapturePaymentRequest::new())
        .await
        .unwrap();
    assert_eq!(captured.status().map(|s| s.as_str()), Some("CAPTURED"));
    client
        .subsequent_payment(payment.id(), &subsequent(300))
        .await
        .unwrap();

    match client
        .subsequent_payment(&first_id, &subsequent(V2_AMOUNT_DECLINED))
        .await
    {
        Err(V2Error::Declined { .. }) => {}
        other => panic!("expected a decline, got {other:?}"),
    }

    // A payment with card data typed in has no card on file.
    let typed = client
        .create_payment(
            &CreatePaymentRequest::new(order(1000, "order-4712"))
                .with_card_payment_method_specific_input(
                    CardPaymentMethodSpecificInput::new().with_card(
                        Card::new(CardNumber::new(V2_CARD_NO_3DS), ExpiryDate::new("1230"))
                            .with_cvv(Cvv::new("123")),
                    ),
                ),
        )
        .await
        .unwrap();
    let typed_id = typed.payment().unwrap().id().clone();
    assert!(matches!(
        client.subsequent_payment(&typed_id, &subsequent(100)).await,
        Err(V2Error::Conflict { .. })
    ));
    assert!(matches!(
        client
            .subsequent_payment(&PaymentId::new("3000000999_0"), &subsequent(100))
            .await,
        Err(V2Error::NotFound { .. })
    ));
    let events: Vec<String> = sandbox
        .webhooks()
        .into_iter()
        .map(|w| w.event_type)
        .collect();
    assert_eq!(
        events,
        [
            "payment.pending_capture",
            "payment.pending_capture",
            "payment.captured",
            "payment.pending_capture",
            "payment.rejected",
            "payment.pending_capture",
        ]
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_recurring_checkout_keeps_the_card_for_subsequent_payments_and_nothing_completes() {
    let (sandbox, client) = start().await;
    let opened = client
        .create_hosted_checkout(&checkout_request(1000, true))
        .await
        .unwrap();
    let page = opened.redirect_url().unwrap().as_str().to_owned();
    location(&post_form(&browser(), &page, form(V2_CARD_NO_3DS)).await);
    let status = client
        .get_hosted_checkout(opened.hosted_checkout_id().unwrap())
        .await
        .unwrap();
    let first = status
        .created_payment_output()
        .unwrap()
        .payment()
        .unwrap()
        .id()
        .clone();
    client
        .subsequent_payment(&first, &subsequent(250))
        .await
        .expect("the card is on file");

    let complete = CompletePaymentRequest::new().with_order(order(1000, "order-4711"));
    assert!(matches!(
        client.complete_payment(&first, &complete).await,
        Err(V2Error::Conflict { .. })
    ));
    assert!(matches!(
        client
            .complete_payment(&PaymentId::new("3000000999_0"), &complete)
            .await,
        Err(V2Error::NotFound { .. })
    ));
    sandbox.shutdown().await;
}

#[test]
fn an_http_return_url_is_refused_before_sending_in_live() {
    let config = V2Config::<Live>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .unwrap();
    let client = blocking::V2Client::new(config).unwrap();
    match client.create_hosted_checkout(&checkout_request(1000, false)) {
        Err(V2Error::Request { source, .. }) => {
            assert_eq!(
                source,
                RequestError::NotHttps("hostedCheckoutSpecificInput.returnUrl".into())
            );
            assert!(
                source
                    .to_string()
                    .contains("hostedCheckoutSpecificInput.returnUrl"),
                "{source}"
            );
        }
        other => panic!("expected a refusal before sending, got {other:?}"),
    }
}

/// `method path` with `body` (JSON), signed by hand with `secret` (GCS v1HMAC).
async fn signed(
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<&str>,
    secret: &str,
) -> (u16, serde_json::Value) {
    let content_type = if body.is_some() {
        "application/json"
    } else {
        ""
    };
    let to_sign = payone_types::gcs::string_to_sign::<&str, &str>(
        method.as_str(),
        content_type,
        DATE,
        &[],
        path,
    )
    .unwrap();
    let authorization =
        payone_types::gcs::authorization(DEFAULT_API_KEY, &SecretString::from(secret), &to_sign);
    let mut request = browser()
        .request(method, format!("{base}{path}"))
        .header("date", DATE)
        .header("authorization", authorization);
    if let Some(body) = body {
        request = request
            .header("content-type", content_type)
            .body(body.to_owned());
    }
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    let bytes = answer.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

#[tokio::test]
async fn the_endpoints_signed_by_hand() {
    let (sandbox, client) = start().await;
    let token = token(&client).await;
    let first = client
        .create_payment(
            &CreatePaymentRequest::new(order(1000, "order-1"))
                .with_card_payment_method_specific_input(
                    CardPaymentMethodSpecificInput::new()
                        .with_token(Token::try_new(token.as_str().to_owned()).unwrap()),
                ),
        )
        .await
        .unwrap();
    let payment = first.payment().unwrap().id().as_str().to_owned();
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    let m = DEFAULT_MERCHANT_ID;
    let (get, post) = (reqwest::Method::GET, reqwest::Method::POST);
    let amount = r#"{"amountOfMoney":{"amount":100,"currencyCode":"EUR"}}"#;
    let checkout_body = format!(
        r#"{{"order":{amount},"hostedCheckoutSpecificInput":{{"returnUrl":"https://shop.example/back"}}}}"#
    );
    let subsequent_body = format!(
        r#"{{"order":{amount},"subsequentcardPaymentMethodSpecificInput":{{"subsequentType":"Recurring"}}}}"#
    );
    let complete_body = format!(r#"{{"order":{amount}}}"#);

    let (status, opened) = signed(
        &base,
        post.clone(),
        &format!("/v2/{m}/hostedcheckouts"),
        Some(&checkout_body),
        DEFAULT_API_SECRET,
    )
    .await;
    assert_eq!(status, 200, "{opened}");
    let checkout = opened["hostedCheckoutId"].as_str().unwrap().to_owned();

    // (method, path, body, success status, unknown-id path, body breaking the table, member named)
    let cases = [
        (
            post.clone(),
            format!("/v2/{m}/hostedcheckouts"),
            Some(checkout_body.clone()),
            200,
            None,
            Some(
                r#"{"hostedCheckoutSpecificInput":{"returnUrl":"https://shop.example/back"}}"#
                    .to_owned(),
            ),
            "order",
        ),
        (
            get.clone(),
            format!("/v2/{m}/hostedcheckouts/{checkout}"),
            None,
            200,
            Some(format!("/v2/{m}/hostedcheckouts/4000000999")),
            None,
            "",
        ),
        (
            get.clone(),
            format!("/v2/{m}/payments/{payment}"),
            None,
            200,
            Some(format!("/v2/{m}/payments/3000000999_0")),
            None,
            "",
        ),
        (
            post.clone(),
            format!("/v2/{m}/payments/{payment}/subsequent"),
            Some(subsequent_body.clone()),
            201,
            Some(format!("/v2/{m}/payments/3000000999_0/subsequent")),
            Some(r#"{"order":{"amountOfMoney":{"currencyCode":"EUR"}}}"#.to_owned()),
            "order.amountOfMoney.amount",
        ),
        (
            post.clone(),
            format!("/v2/{m}/payments/{payment}/complete"),
            Some(complete_body.clone()),
            409,
            Some(format!("/v2/{m}/payments/3000000999_0/complete")),
            Some(r#"{"cardPaymentMethodSpecificInput":{"card":{"cardNumber":""}}}"#.to_owned()),
            "cardPaymentMethodSpecificInput.card.cardNumber",
        ),
    ];
    for (method, path, body, success, unknown, broken, member) in cases {
        let (status, answer) = signed(
            &base,
            method.clone(),
            &path,
            body.as_deref(),
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(status, success, "{path}: {answer}");
        let (status, answer) = signed(
            &base,
            method.clone(),
            &path,
            body.as_deref(),
            "not-the-secret",
        )
        .await;
        assert_eq!(status, 401, "{path}");
        assert_eq!(
            answer["errors"][0]["id"],
            "MISSING_OR_INVALID_AUTHORIZATION"
        );
        if let Some(unknown) = unknown {
            let (status, answer) = signed(
                &base,
                method.clone(),
                &unknown,
                body.as_deref(),
                DEFAULT_API_SECRET,
            )
            .await;
            assert_eq!(status, 404, "{unknown}: {answer}");
        }
        if let Some(broken) = broken {
            let (status, answer) = signed(
                &base,
                method.clone(),
                &path,
                Some(&broken),
                DEFAULT_API_SECRET,
            )
            .await;
            assert_eq!(status, 400, "{path}: {answer}");
            let named: Vec<&str> = answer["errors"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e["propertyName"].as_str())
                .collect();
            assert!(named.contains(&member), "{path}: {answer}");
            assert!(!answer.to_string().contains("shop.example"), "{answer}");
        }
    }
    // An http(s) URL is all the sandbox (the test environment) asks of returnUrl.
    let (status, answer) = signed(
        &base,
        post,
        &format!("/v2/{m}/hostedcheckouts"),
        Some(&format!(r#"{{"order":{amount},"hostedCheckoutSpecificInput":{{"returnUrl":"shop.example/back"}}}}"#)),
        DEFAULT_API_SECRET,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer["errors"][0]["propertyName"],
        "hostedCheckoutSpecificInput.returnUrl"
    );
    sandbox.shutdown().await;
}

#[test]
fn a_body_without_a_required_member_is_refused_naming_its_json_path() {
    use payone_types::json::JsonObject;
    let missing_order = CreateHostedCheckoutRequest::from_json_bytes(
        br#"{"hostedCheckoutSpecificInput":{"returnUrl":"https://shop.example/back"}}"#,
    )
    .unwrap_err();
    assert!(
        missing_order.to_string().contains("order"),
        "{missing_order}"
    );
    let missing_amount = SubsequentPaymentRequest::from_json_bytes(
        br#"{"order":{"amountOfMoney":{"currencyCode":"EUR"}}}"#,
    )
    .unwrap_err();
    assert!(
        missing_amount
            .to_string()
            .contains("order.amountOfMoney.amount"),
        "{missing_amount}"
    );
    let attempts = CreateHostedCheckoutRequest::from_json_bytes(
        br#"{"order":{"amountOfMoney":{"amount":1,"currencyCode":"EUR"}},"hostedCheckoutSpecificInput":{"allowedNumberOfPaymentAttempts":11}}"#,
    )
    .unwrap_err();
    assert!(
        attempts
            .to_string()
            .contains("hostedCheckoutSpecificInput.allowedNumberOfPaymentAttempts"),
        "{attempts}"
    );
}
