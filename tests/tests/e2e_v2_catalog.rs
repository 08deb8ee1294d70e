//! The v2 operations around payments end to end against the sandbox on loopback: the captures
//! and refunds of a payment listed, CreateToken, the payment products and their query,
//! CreateSession, TestConnection and GetIINDetails, with the async and the blocking client; the
//! same endpoints signed by hand (a bad signature is 401, unknown ids 404, a body or query
//! breaking the table 400 naming the member); bad input refused before anything is sent.

mod common;

use common::PATIENCE;
use common::v2::{DATE, json, signed};
use payone_client::Url;
use payone_client::v2::*;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, Sandbox, V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;
use payone_types::json::JsonObject;

/// A JCB test number of the sandbox's ranges (3528-3589), Luhn-valid.
const JCB: &str = "3530111333300000";

fn config(base: &Url) -> V2Config<Test> {
    V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .unwrap()
    .with_base(BaseUrl::custom(base).unwrap())
    .with_timeout(PATIENCE)
}

async fn start() -> (Sandbox, V2Client<Test>) {
    let sandbox = payone_sandbox::start(Config::default())
        .await
        .expect("sandbox starts");
    let base: Url = sandbox.base_url().parse().unwrap();
    let client = V2Client::new(config(&base)).unwrap();
    (sandbox, client)
}

fn eur(amount: u64) -> AmountOfMoney {
    AmountOfMoney::new(Amount::new(amount), CurrencyCode::new("EUR"))
}

fn card_payment(amount: u64) -> CreatePaymentRequest {
    CreatePaymentRequest::new(Order::new(eur(amount))).with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new().with_card(
            Card::new(CardNumber::new(V2_CARD_NO_3DS), ExpiryDate::new("1230"))
                .with_cvv(Cvv::new("123")),
        ),
    )
}

fn token_request(pan: &'static str) -> CreateTokenRequest {
    CreateTokenRequest::new().with_card(
        TokenCardSpecificInput::new().with_data(
            TokenData::new().with_card(
                Card::new(CardNumber::new(pan), ExpiryDate::new("1230"))
                    .with_cardholder_name(CardholderName::new("Erika Mustermann")),
            ),
        ),
    )
}

/// The `id` of each `errors[]` entry and its `propertyName`.
fn errors_of(error: &V2Error) -> Vec<(String, Option<String>)> {
    let response = match error {
        V2Error::BadRequest { response, .. } | V2Error::NotFound { response, .. } => response,
        other => panic!("expected 400 or 404, got {other:?}"),
    };
    response
        .as_deref()
        .expect("an ErrorResponse")
        .errors()
        .iter()
        .map(|e| {
            (
                e.id().map(|i| i.as_str().to_owned()).unwrap_or_default(),
                e.property_name().map(|p| p.as_str().to_owned()),
            )
        })
        .collect()
}

fn ids(products: &GetPaymentProductsResponse) -> Vec<u32> {
    products
        .payment_products()
        .iter()
        .filter_map(|p| p.id().map(|i| i.get()))
        .collect()
}

#[tokio::test]
async fn captures_and_refunds_are_listed_as_they_were_answered() {
    let (sandbox, client) = start().await;
    let created = client.create_payment(&card_payment(2000)).await.unwrap();
    let id = created.payment().map(|p| p.id()).unwrap().clone();

    let none = client.get_captures(&id).await.unwrap();
    assert!(none.captures().is_empty());
    let capture = client
        .capture_payment(
            &id,
            &CapturePaymentRequest::new().with_amount(Amount::new(1500)),
        )
        .await
        .unwrap();
    let captures = client.get_captures(&id).await.unwrap();
    assert_eq!(captures.captures(), [capture]);

    let first = client
        .refund_payment(&id, &RefundRequest::new(eur(500)))
        .await
        .unwrap();
    let second = client
        .refund_payment(&id, &RefundRequest::new(eur(300)))
        .await
        .unwrap();
    let refunds = client.get_refunds(&id).await.unwrap();
    assert_eq!(refunds.refunds(), [first, second]);
    let refund_ids: Vec<&str> = refunds.refunds().iter().map(|r| r.id().as_str()).collect();
    assert_eq!(refund_ids, ["3000000001_2", "3000000001_3"]);
    let amounts: Vec<u64> = refunds
        .refunds()
        .iter()
        .filter_map(|r| r.refund_output()?.amount_of_money())
        .map(|m| m.amount().get())
        .collect();
    assert_eq!(amounts, [500, 300]);

    let unknown = PaymentId::new("3000000999_0");
    for err in [
        client.get_captures(&unknown).await.unwrap_err(),
        client.get_refunds(&unknown).await.unwrap_err(),
    ] {
        assert_eq!(errors_of(&err), [("UNKNOWN_PAYMENT_ID".to_owned(), None)]);
    }
    let requests = sandbox.requests();
    assert_eq!(requests.get("v2.get_captures"), Some(&3));
    assert_eq!(requests.get("v2.get_refunds"), Some(&2));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_token_created_pays_and_the_same_card_again_is_not_new() {
    let (sandbox, client) = start().await;
    let created = client
        .create_token(&token_request(V2_CARD_NO_3DS))
        .await
        .unwrap();
    assert_eq!(created.is_new_token(), Some(&true));
    assert_eq!(created.token_status(), Some(&TokenStatus::Created));
    let token = created.token().expect("a token").clone();
    assert_eq!(token.as_str(), "00000000-0000-4000-8000-000000000001");
    assert_eq!(
        created
            .card()
            .and_then(|c| c.card_number())
            .map(|n| n.as_str()),
        Some("************1111")
    );
    let debug = format!("{created:?}");
    for secret in [V2_CARD_NO_3DS, "1230", "Mustermann"] {
        assert!(!debug.contains(secret), "{debug}");
    }

    // The token is stored: it reads back and pays.
    let read = client.get_token(&token).await.unwrap();
    assert_eq!(read.payment_product_id().map(|p| p.get()), Some(1));
    let payment = client
        .create_payment(
            &CreatePaymentRequest::new(Order::new(eur(1250)))
                .with_card_payment_method_specific_input(
                    CardPaymentMethodSpecificInput::new()
                        .with_token(Token::try_new(token.as_str().to_owned()).unwrap()),
                ),
        )
        .await
        .unwrap();
    assert_eq!(
        payment
            .payment()
            .and_then(|p| p.status())
            .map(|s| s.as_str()),
        Some("PENDING_CAPTURE")
    );

    // The same card number again: its token, not a new one.
    let again = client
        .create_token(&token_request(V2_CARD_NO_3DS))
        .await
        .unwrap();
    assert_eq!(again.is_new_token(), Some(&false));
    assert_eq!(again.token_status(), Some(&TokenStatus::Unchanged));
    assert_eq!(again.token(), Some(&token));
    // Another card: a new token.
    let other = client.create_token(&token_request(JCB)).await.unwrap();
    assert_eq!(other.is_new_token(), Some(&true));
    assert_ne!(other.token(), Some(&token));

    // What the table cannot say, the sandbox checks, naming the member and never the value.
    let err = client
        .create_token(&CreateTokenRequest::new())
        .await
        .unwrap_err();
    assert_eq!(
        errors_of(&err),
        [(
            "PARAMETER_NOT_FOUND_IN_REQUEST".to_owned(),
            Some("card.data.card".to_owned())
        )]
    );
    let err = client
        .create_token(&token_request("4111111111111112"))
        .await
        .unwrap_err();
    assert_eq!(
        errors_of(&err),
        [(
            "INVALID_VALUE".to_owned(),
            Some("card.data.card.cardNumber".to_owned())
        )]
    );
    assert!(!format!("{err:?}{err}").contains("4111111111111112"));
    assert_eq!(sandbox.requests().get("v2.create_token"), Some(&5));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn payment_products_follow_the_query() {
    let (sandbox, client) = start().await;
    let query = PaymentProductsQuery::new()
        .with_country_code(CountryCode::new("DE"))
        .with_currency_code(CurrencyCode::new("EUR"))
        .with_amount(Amount::new(1000));
    let all = client.get_payment_products(&query).await.unwrap();
    assert_eq!(ids(&all), [1, 3, 2, 125]);
    let visa = &all.payment_products()[0];
    assert_eq!(
        visa.display_hints()
            .and_then(|h| h.label())
            .map(|l| l.as_str()),
        Some("Visa")
    );
    let fields: Vec<&str> = visa
        .fields()
        .iter()
        .filter_map(|f| f.id().map(|i| i.as_str()))
        .collect();
    assert_eq!(
        fields,
        ["cardNumber", "expiryDate", "cvv", "cardholderName"]
    );

    let recurring = query.clone().with_is_recurring(true);
    let some = client.get_payment_products(&recurring).await.unwrap();
    assert_eq!(ids(&some), [1, 3, 2]);
    let bare = client
        .get_payment_products(
            &query
                .clone()
                .with_hide(vec![HiddenElement::Fields, HiddenElement::Translations]),
        )
        .await
        .unwrap();
    assert_eq!(ids(&bare), [1, 3, 2, 125]);
    assert!(
        bare.payment_products().iter().all(
            |p| p.fields().is_empty() && p.display_hints().is_some_and(|h| h.label().is_none())
        )
    );

    let amex = client
        .get_payment_product(PaymentProductId::new(2), &query)
        .await
        .unwrap();
    let cvv = amex
        .fields()
        .iter()
        .find(|f| f.id().map(|i| i.as_str()) == Some("cvv"))
        .and_then(|f| f.data_restrictions()?.validators()?.length())
        .expect("the cvv's length");
    assert_eq!(
        (
            cvv.min_length().map(|l| l.get()),
            cvv.max_length().map(|l| l.get())
        ),
        (Some(4), Some(4))
    );
    assert_eq!(&amex, &all.payment_products()[2]);

    for (id, query) in [(125, &recurring), (999, &query)] {
        let err = client
            .get_payment_product(PaymentProductId::new(id), query)
            .await
            .unwrap_err();
        assert_eq!(
            errors_of(&err),
            [("UNKNOWN_PAYMENT_PRODUCT_ID".to_owned(), None)],
            "{id}"
        );
    }
    let requests = sandbox.requests();
    assert_eq!(requests.get("v2.get_payment_products"), Some(&3));
    assert_eq!(requests.get("v2.get_payment_product"), Some(&3));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn sessions_the_connection_test_and_iin_details() {
    let (sandbox, client) = start().await;
    let token = client
        .create_token(&token_request(V2_CARD_NO_3DS))
        .await
        .unwrap()
        .token()
        .unwrap()
        .clone();
    let unknown = "00000000-0000-4000-8000-000000000999";
    let session = client
        .create_session(&SessionRequest::new().with_tokens(vec![
            SessionToken::try_new(token.as_str().to_owned()).unwrap(),
            SessionToken::new(unknown),
        ]))
        .await
        .unwrap();
    assert_eq!(
        session.client_session_id().map(|s| s.as_str()),
        Some("00000000000000000000000000000001")
    );
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    assert_eq!(
        session.client_api_url().map(|u| u.as_str().to_owned()),
        Some(format!("{base}/v2/sandbox/client"))
    );
    assert_eq!(
        session.asset_url().map(|u| u.as_str().to_owned()),
        Some(format!("{base}/v2/sandbox/assets"))
    );
    assert!(session.customer_id().is_some());
    let invalid: Vec<&str> = session
        .invalid_tokens()
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(invalid, [unknown]);

    let test = client.test_connection().await.unwrap();
    assert_eq!(test.result().map(|r| r.as_str()), Some("OK"));

    let visa = client
        .get_iin_details(&GetIinDetailsRequest::new(Bin::new("411111")))
        .await
        .unwrap();
    assert_eq!(visa.payment_product_id().map(|p| p.get()), Some(1));
    assert_eq!(visa.country_code().map(|c| c.as_str()), Some("99"));
    assert_eq!(visa.is_allowed_in_context(), None);
    let jcb = client
        .get_iin_details(
            &GetIinDetailsRequest::new(Bin::new("353011"))
                .with_payment_context(PaymentContext::new().with_is_recurring(true)),
        )
        .await
        .unwrap();
    assert_eq!(jcb.payment_product_id().map(|p| p.get()), Some(125));
    assert_eq!(jcb.is_allowed_in_context(), Some(&false));
    let err = client
        .get_iin_details(&GetIinDetailsRequest::new(Bin::new("601100")))
        .await
        .unwrap_err();
    assert_eq!(
        errors_of(&err),
        [("UNKNOWN_PAYMENT_PRODUCT_ID".to_owned(), None)]
    );
    sandbox.shutdown().await;
}

#[test]
fn the_blocking_client_calls_every_operation() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(payone_sandbox::start(Config::default()))
        .unwrap();
    let base: Url = sandbox.base_url().parse().unwrap();
    let client = payone_client::v2::blocking::V2Client::new(config(&base)).unwrap();

    assert_eq!(
        client
            .test_connection()
            .unwrap()
            .result()
            .map(|r| r.as_str()),
        Some("OK")
    );
    let id = client
        .create_payment(&card_payment(1000))
        .unwrap()
        .payment()
        .map(|p| p.id())
        .unwrap()
        .clone();
    client
        .capture_payment(&id, &CapturePaymentRequest::new())
        .unwrap();
    client
        .refund_payment(&id, &RefundRequest::new(eur(100)))
        .unwrap();
    assert_eq!(client.get_captures(&id).unwrap().captures().len(), 1);
    assert_eq!(client.get_refunds(&id).unwrap().refunds().len(), 1);
    let created = client.create_token(&token_request(JCB)).unwrap();
    assert_eq!(created.is_new_token(), Some(&true));
    let query = PaymentProductsQuery::new().with_is_recurring(true);
    assert_eq!(
        ids(&client.get_payment_products(&query).unwrap()),
        [1, 3, 2]
    );
    let visa = client
        .get_payment_product(PaymentProductId::new(1), &query)
        .unwrap();
    assert_eq!(visa.id().map(|i| i.get()), Some(1));
    let session = client.create_session(&SessionRequest::new()).unwrap();
    assert!(session.invalid_tokens().is_empty());
    let iin = client
        .get_iin_details(&GetIinDetailsRequest::new(Bin::new("5100000000")))
        .unwrap();
    assert_eq!(iin.payment_product_id().map(|p| p.get()), Some(3));
    assert_eq!(sandbox.requests().values().sum::<u64>(), 11);
    drop(client);
    runtime.block_on(sandbox.shutdown());
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_json_path_and_nothing_is_sent() {
    let (sandbox, client) = start().await;
    // A BIN shorter than the table allows (6 to 19 digits): refused when it is made ...
    let err = Bin::try_new("41111").unwrap_err();
    assert!(err.to_string().contains("bin"), "{err}");
    // ... and when a request is read from JSON (a browser's input), named by its path and
    // without the digits.
    let err = GetIinDetailsRequest::from_json_bytes(br#"{"bin":"41111"}"#).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("bin") && !shown.contains("41111"), "{shown}");
    let err = GetIinDetailsRequest::from_json_bytes(
        br#"{"bin":"411111","paymentContext":{"countryCode":"XX"}}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("paymentContext.countryCode"),
        "{err}"
    );
    // A token of the wrong shape (tokens are non-empty strings): named by its index.
    let err = SessionRequest::from_json_bytes(br#"{"tokens":["ok",""]}"#).unwrap_err();
    assert!(err.to_string().contains("tokens[1]"), "{err}");
    let err = SessionRequest::from_json_bytes(br#"{"tokens":[42]}"#).unwrap_err();
    assert!(err.to_string().contains("tokens[0]"), "{err}");
    assert!(TokenId::try_new("").is_err());
    let err = CreateTokenRequest::from_json_bytes(
        br#"{"card":{"data":{"card":{"cardNumber":"4111-1111-1111-1111","expiryDate":"1230"}}}}"#,
    )
    .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("card.data.card.cardNumber") && !shown.contains("4111-1111"),
        "{shown}"
    );
    // A payment product id the table's NUMERIC(1..5) cannot hold.
    assert!(PaymentProductId::try_new(123_456).is_err());

    // The client refuses a path it cannot fill before sending anything.
    let before = sandbox.requests();
    let query = PaymentProductsQuery::new();
    for path in [
        PathParams::NONE,
        PathParams::payment_product(""),
        PathParams::token("1"),
    ] {
        match client.call::<GetPaymentProduct>(path, &query).await {
            Err(V2Error::Request { .. }) => {}
            other => panic!("expected a refusal before sending, got {other:?}"),
        }
    }
    assert_eq!(sandbox.requests(), before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_endpoints_signed_by_hand() {
    let (sandbox, client) = start().await;
    let id = client
        .create_payment(&card_payment(1000))
        .await
        .unwrap()
        .payment()
        .map(|p| p.id())
        .unwrap()
        .clone();
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    let http = reqwest::Client::new();
    let m = DEFAULT_MERCHANT_ID;
    let (get, post) = (reqwest::Method::GET, reqwest::Method::POST);
    let card =
        r#"{"card":{"data":{"card":{"cardNumber":"4111111111111111","expiryDate":"1230"}}}}"#;

    let calls: [(reqwest::Method, String, Option<&str>); 8] = [
        (
            get.clone(),
            format!("/v2/{m}/payments/{}/captures", id.as_str()),
            None,
        ),
        (
            get.clone(),
            format!("/v2/{m}/payments/{}/refunds", id.as_str()),
            None,
        ),
        (
            get.clone(),
            format!(
                "/v2/{m}/products?countryCode=DE&currencyCode=EUR&hide=fields&hide=translations"
            ),
            None,
        ),
        (
            get.clone(),
            format!("/v2/{m}/products/3?isRecurring=true"),
            None,
        ),
        (
            get.clone(),
            format!("/v2/{m}/services/testconnection"),
            None,
        ),
        (post.clone(), format!("/v2/{m}/tokens"), Some(card)),
        (
            post.clone(),
            format!("/v2/{m}/sessions"),
            Some(r#"{"tokens":["x"]}"#),
        ),
        (
            post.clone(),
            format!("/v2/{m}/services/getIINdetails"),
            Some(r#"{"bin":"37828224"}"#),
        ),
    ];
    for (method, path, body) in &calls {
        let ok = signed(
            &http,
            &base,
            method.clone(),
            path,
            *body,
            DEFAULT_API_SECRET,
        )
        .await;
        assert!(ok.status().is_success(), "{path}: {}", ok.status());
        let bad = signed(&http, &base, method.clone(), path, *body, "not-the-secret").await;
        assert_eq!(bad.status(), 401, "{path}");
        assert_eq!(
            json(bad).await["errors"][0]["id"],
            "MISSING_OR_INVALID_AUTHORIZATION",
            "{path}"
        );
    }
    // The query is signed: one changed after signing is refused.
    let to_sign = payone_types::gcs::string_to_sign::<&str, &str>(
        "GET",
        "",
        DATE,
        &[],
        &format!("/v2/{m}/products"),
    )
    .unwrap();
    let authorization = payone_types::gcs::authorization(
        DEFAULT_API_KEY,
        &SecretString::from(DEFAULT_API_SECRET),
        &to_sign,
    );
    let altered = http
        .get(format!("{base}/v2/{m}/products?isRecurring=true"))
        .header("date", DATE)
        .header("authorization", authorization)
        .send()
        .await
        .unwrap();
    assert_eq!(altered.status(), 401);

    let products = json(
        signed(
            &http,
            &base,
            get.clone(),
            &calls[2].1,
            None,
            DEFAULT_API_SECRET,
        )
        .await,
    )
    .await;
    let listed: Vec<&serde_json::Value> = products["paymentProducts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(listed, [1, 3, 2, 125]);
    assert!(
        products["paymentProducts"][0].get("fields").is_none(),
        "{products}"
    );
    let iin = json(
        signed(
            &http,
            &base,
            post.clone(),
            &calls[7].1,
            calls[7].2,
            DEFAULT_API_SECRET,
        )
        .await,
    )
    .await;
    assert_eq!(
        iin,
        serde_json::json!({"paymentProductId": 2, "countryCode": "99"})
    );

    let unknown = [
        (
            get.clone(),
            format!("/v2/{m}/payments/3000000999_0/captures"),
            None,
            "UNKNOWN_PAYMENT_ID",
        ),
        (
            get.clone(),
            format!("/v2/{m}/payments/3000000999_0/refunds"),
            None,
            "UNKNOWN_PAYMENT_ID",
        ),
        (
            get.clone(),
            format!("/v2/{m}/products/999"),
            None,
            "UNKNOWN_PAYMENT_PRODUCT_ID",
        ),
        (
            get.clone(),
            format!("/v2/{m}/products/01"),
            None,
            "UNKNOWN_PAYMENT_PRODUCT_ID",
        ),
        (
            post.clone(),
            format!("/v2/{m}/services/getIINdetails"),
            Some(r#"{"bin":"999999"}"#),
            "UNKNOWN_PAYMENT_PRODUCT_ID",
        ),
    ];
    for (method, path, body, error) in &unknown {
        let answer = signed(
            &http,
            &base,
            method.clone(),
            path,
            *body,
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(answer.status(), 404, "{path}");
        assert_eq!(json(answer).await["errors"][0]["id"], *error, "{path}");
    }

    let breaking = [
        (
            get.clone(),
            format!("/v2/{m}/products?amount=ten"),
            None,
            "amount",
        ),
        (
            get.clone(),
            format!("/v2/{m}/products/1?hide=everything"),
            None,
            "hide[0]",
        ),
        (
            post.clone(),
            format!("/v2/{m}/services/getIINdetails"),
            Some(r#"{"bin":"41"}"#),
            "bin",
        ),
        (
            post.clone(),
            format!("/v2/{m}/sessions"),
            Some(r#"{"tokens":[5]}"#),
            "tokens[0]",
        ),
        (
            post.clone(),
            format!("/v2/{m}/tokens"),
            Some(r#"{"card":{"data":{"card":{"cardNumber":"41","expiryDate":"1230"}}}}"#),
            "card.data.card.cardNumber",
        ),
        (
            post.clone(),
            format!("/v2/{m}/tokens"),
            Some(r#"{"paymentProductId":"x"}"#),
            "paymentProductId",
        ),
    ];
    for (method, path, body, member) in &breaking {
        let answer = signed(
            &http,
            &base,
            method.clone(),
            path,
            *body,
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(answer.status(), 400, "{path}");
        let body = json(answer).await;
        assert_eq!(body["errors"][0]["propertyName"], *member, "{path}: {body}");
        assert!(!body.to_string().contains("ten\""), "{body}");
    }
    sandbox.shutdown().await;
}

/// The first line of each request in `sent` and the body of the last one.
fn request_lines(sent: &[u8]) -> (Vec<String>, String) {
    let text = String::from_utf8_lossy(sent).into_owned();
    let lines = text
        .lines()
        .filter(|l| l.ends_with(" HTTP/1.1"))
        .map(str::to_owned)
        .collect();
    let body = text
        .rsplit("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_owned();
    (lines, body)
}

#[tokio::test]
async fn the_query_and_the_session_body_on_the_wire() {
    let sandbox = payone_sandbox::start(Config::default())
        .await
        .expect("sandbox starts");
    let tap = common::WireTap::start(sandbox.addr()).await;
    let client = V2Client::new(config(&tap.base)).unwrap();
    let query = PaymentProductsQuery::new()
        .with_country_code(CountryCode::new("DE"))
        .with_currency_code(CurrencyCode::new("EUR"))
        .with_locale(Locale::new("de_DE"))
        .with_amount(Amount::new(1000))
        .with_is_recurring(false)
        .with_hide(vec![HiddenElement::Fields, HiddenElement::Translations]);
    let products = client.get_payment_products(&query).await.unwrap();
    assert_eq!(ids(&products), [1, 3, 2, 125]);
    client
        .get_payment_product(PaymentProductId::new(125), &PaymentProductsQuery::new())
        .await
        .unwrap();
    client
        .create_session(
            &SessionRequest::new()
                .with_tokens(vec![SessionToken::new("a b"), SessionToken::new("c")]),
        )
        .await
        .unwrap();
    let (lines, body) = request_lines(&tap.sent());
    insta::assert_snapshot!(lines.join("\n"), @r"
    GET /v2/sandboxmerchant/products?countryCode=DE&currencyCode=EUR&locale=de_DE&amount=1000&isRecurring=false&hide=fields&hide=translations HTTP/1.1
    GET /v2/sandboxmerchant/products/125 HTTP/1.1
    POST /v2/sandboxmerchant/sessions HTTP/1.1
    ");
    insta::assert_snapshot!(body, @r#"{"tokens":["a b","c"]}"#);
    drop(tap);
    sandbox.shutdown().await;
}
