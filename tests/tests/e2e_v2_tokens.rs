//! v2 hosted tokenization and tokens end to end against the sandbox on loopback: a session,
//! its card page filled by HTTP, the token read back, a payment with that token, GetToken and
//! DeleteToken; the same endpoints signed by hand (a bad signature is 401, unknown ids 404);
//! ids the client refuses before sending.

mod common;

use common::PATIENCE;
use payone_client::Url;
use payone_client::v2::*;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, Sandbox, V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;
use payone_types::json::NoBody;

const EXPIRY: &str = "1230";
const CARDHOLDER: &str = "Erika Mustermann";
const DATE: &str = "Sun, 06 Dec 2026 10:00:00 GMT";

async fn start() -> (Sandbox, V2Client<Test>) {
    let sandbox = payone_sandbox::start(Config::default())
        .await
        .expect("sandbox starts");
    let base: Url = sandbox.base_url().parse().unwrap();
    let config = V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .unwrap()
    .with_base(BaseUrl::custom(&base).unwrap())
    .with_timeout(PATIENCE);
    let client = V2Client::new(config).unwrap();
    (sandbox, client)
}

/// Opens a session and fills its page with `pan`; the session's id.
async fn tokenize(client: &V2Client<Test>, pan: &str) -> HostedTokenizationId {
    let session = client
        .create_hosted_tokenization(
            &CreateHostedTokenizationRequest::new().with_locale(Locale::new("de_DE")),
        )
        .await
        .expect("a session");
    let id = session.hosted_tokenization_id().expect("an id").clone();
    let partial = session
        .partial_redirect_url()
        .expect("a partialRedirectUrl");
    let page = format!("http://{}", partial.as_str());
    assert_eq!(
        Some(page.as_str()),
        session.hosted_tokenization_url().map(|u| u.as_str())
    );
    assert!(page.ends_with(&format!("/v2/sandbox/tokenization/{}", id.as_str())));

    let http = reqwest::Client::new();
    let form = http.get(&page).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    for field in ["cardNumber", "expiryDate", "cvv", "cardholderName"] {
        assert!(html.contains(&format!("name=\"{field}\"")), "{html}");
    }
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("cardNumber", pan)
        .append_pair("expiryDate", EXPIRY)
        .append_pair("cvv", "123")
        .append_pair("cardholderName", CARDHOLDER)
        .finish();
    let stored = http
        .post(&page)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(stored.status(), 200);
    let html = stored.text().await.unwrap();
    assert!(html.contains("<p id=\"result\">stored</p>"), "{html}");
    assert!(!html.contains(pan));
    // One card per session.
    let again = http
        .post(&page)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    id
}

fn token_payment(token: &TokenId) -> CreatePaymentRequest {
    CreatePaymentRequest::new(Order::new(AmountOfMoney::new(
        Amount::new(1250),
        CurrencyCode::new("EUR"),
    )))
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_token(Token::try_new(token.as_str().to_owned()).unwrap()),
    )
}

#[tokio::test]
async fn tokenize_on_the_page_then_pay_with_the_token_then_delete_it() {
    let (sandbox, client) = start().await;
    let id = tokenize(&client, V2_CARD_NO_3DS).await;

    let result = client.get_hosted_tokenization(&id).await.unwrap();
    assert_eq!(result.token_status(), Some(&TokenStatus::Created));
    let token = result.token().expect("a token");
    let token_id = token.id().expect("a token id").clone();
    assert_eq!(token.payment_product_id().map(|p| p.get()), Some(1));
    assert_eq!(token.is_temporary(), Some(&false));
    let card = token
        .card()
        .and_then(|c| c.data())
        .and_then(|d| d.card_without_cvv())
        .expect("the masked card");
    assert_eq!(
        card.card_number().map(|n| n.as_str()),
        Some("************1111")
    );
    let debug = format!("{result:?}");
    for secret in [V2_CARD_NO_3DS, "1111", EXPIRY, CARDHOLDER] {
        assert!(!debug.contains(secret), "{debug}");
    }

    let created = client
        .create_payment(&token_payment(&token_id))
        .await
        .unwrap();
    let payment = created.payment().expect("a payment");
    assert_eq!(
        payment.status().map(|s| s.as_str()),
        Some("PENDING_CAPTURE")
    );
    let paid_card = payment
        .payment_output()
        .and_then(|o| o.card_payment_method_specific_output())
        .and_then(|o| o.card())
        .and_then(|c| c.card_number())
        .expect("the card of the payment");
    assert_eq!(paid_card.as_str(), "************1111");

    let read = client.get_token(&token_id).await.unwrap();
    assert_eq!(read.id(), Some(&token_id));

    client.delete_token(&token_id).await.unwrap();
    match client.get_token(&token_id).await {
        Err(V2Error::NotFound { response, .. }) => {
            let response = response.expect("an ErrorResponse");
            assert_eq!(
                response.errors()[0].id().map(|i| i.as_str()),
                Some("UNKNOWN_TOKEN")
            );
        }
        other => panic!("expected 404, got {other:?}"),
    }
    assert!(matches!(
        client.delete_token(&token_id).await,
        Err(V2Error::NotFound { .. })
    ));
    assert!(matches!(
        client.create_payment(&token_payment(&token_id)).await,
        Err(V2Error::NotFound { .. })
    ));
    let requests = sandbox.requests();
    assert_eq!(requests.get("v2.create_hosted_tokenization"), Some(&1));
    assert_eq!(requests.get("v2.delete_token"), Some(&2));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_session_not_completed_has_no_token_and_unknown_ids_are_404() {
    let (sandbox, client) = start().await;
    let session = client
        .create_hosted_tokenization(
            &CreateHostedTokenizationRequest::new()
                .with_tokens(Tokens::new("00000000-0000-4000-8000-000000000999")),
        )
        .await
        .unwrap();
    assert_eq!(
        session
            .invalid_tokens()
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>(),
        ["00000000-0000-4000-8000-000000000999"]
    );
    let id = session.hosted_tokenization_id().unwrap();
    let open = client.get_hosted_tokenization(id).await.unwrap();
    assert!(open.token().is_none() && open.token_status().is_none());

    let unknown = HostedTokenizationId::new("ffffffffffffffffffffffffffffffff");
    assert!(matches!(
        client.get_hosted_tokenization(&unknown).await,
        Err(V2Error::NotFound { .. })
    ));
    assert!(matches!(
        client.get_token(&TokenId::new("no-such-token")).await,
        Err(V2Error::NotFound { .. })
    ));
    sandbox.shutdown().await;
}

#[test]
fn ids_are_checked_before_sending() {
    // The table gives no pattern or length for token or session ids (the platform's schemas
    // declare plain strings): an empty one is what the client can refuse.
    assert!(TokenId::try_new("").is_err());
    assert!(HostedTokenizationId::try_new("").is_err());
    let base: Url = "http://127.0.0.1:1/".parse().unwrap();
    let config = V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .unwrap()
    .with_base(BaseUrl::custom(&base).unwrap());
    let client = payone_client::v2::blocking::V2Client::new(config).unwrap();
    for path in [
        PathParams::token(""),
        PathParams::NONE,
        PathParams::payment("1"),
    ] {
        match client.call::<GetToken>(path, &NoBody) {
            Err(V2Error::Request { .. }) => {}
            other => panic!("expected a refusal before sending, got {other:?}"),
        }
    }
}

/// `method path` signed by hand with `secret` (GCS v1HMAC, no body).
async fn signed(
    http: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    secret: &str,
) -> reqwest::Response {
    let to_sign =
        payone_types::gcs::string_to_sign::<&str, &str>(method.as_str(), "", DATE, &[], path)
            .unwrap();
    let authorization =
        payone_types::gcs::authorization(DEFAULT_API_KEY, &SecretString::from(secret), &to_sign);
    http.request(method, format!("{base}{path}"))
        .header("date", DATE)
        .header("authorization", authorization)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_endpoints_signed_by_hand() {
    let (sandbox, client) = start().await;
    let id = tokenize(&client, V2_CARD_NO_3DS).await;
    let token = client
        .get_hosted_tokenization(&id)
        .await
        .unwrap()
        .token()
        .and_then(|t| t.id())
        .unwrap()
        .clone();
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    let http = reqwest::Client::new();
    let m = DEFAULT_MERCHANT_ID;
    let get = reqwest::Method::GET;
    let delete = reqwest::Method::DELETE;

    let session_path = format!("/v2/{m}/hostedtokenizations/{}", id.as_str());
    let token_path = format!("/v2/{m}/tokens/{}", token.as_str());
    for path in [&session_path, &token_path] {
        let ok = signed(&http, &base, get.clone(), path, DEFAULT_API_SECRET).await;
        assert_eq!(ok.status(), 200, "{path}");
        let bad = signed(&http, &base, get.clone(), path, "not-the-secret").await;
        assert_eq!(bad.status(), 401, "{path}");
        let body: serde_json::Value = serde_json::from_slice(&bad.bytes().await.unwrap()).unwrap();
        assert_eq!(
            body["errors"][0]["id"], "MISSING_OR_INVALID_AUTHORIZATION",
            "{body}"
        );
    }
    let bad = signed(&http, &base, delete.clone(), &token_path, "not-the-secret").await;
    assert_eq!(bad.status(), 401);

    let unknown = [
        (
            format!("/v2/{m}/hostedtokenizations/0000000000000000000000000000abcd"),
            "UNKNOWN_HOSTED_TOKENIZATION_ID",
        ),
        (
            format!("/v2/{m}/tokens/00000000-0000-4000-8000-000000000999"),
            "UNKNOWN_TOKEN",
        ),
    ];
    for (path, error) in &unknown {
        let answer = signed(&http, &base, get.clone(), path, DEFAULT_API_SECRET).await;
        assert_eq!(answer.status(), 404, "{path}");
        let body: serde_json::Value =
            serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        assert_eq!(body["errors"][0]["id"], *error, "{body}");
    }

    let deleted = signed(
        &http,
        &base,
        delete.clone(),
        &token_path,
        DEFAULT_API_SECRET,
    )
    .await;
    assert_eq!(deleted.status(), 204);
    assert!(deleted.bytes().await.unwrap().is_empty());
    let gone = signed(&http, &base, get.clone(), &token_path, DEFAULT_API_SECRET).await;
    assert_eq!(gone.status(), 404);

    // The card page refuses what is no card, naming the field only.
    let session = client
        .create_hosted_tokenization(&CreateHostedTokenizationRequest::new())
        .await
        .unwrap();
    let page = session
        .hosted_tokenization_url()
        .unwrap()
        .as_str()
        .to_owned();
    let refused = http
        .post(&page)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("cardNumber=4111111111111112&expiryDate=1230")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("cardNumber") && !html.contains("4111111111111112"),
        "{html}"
    );
    sandbox.shutdown().await;
}
