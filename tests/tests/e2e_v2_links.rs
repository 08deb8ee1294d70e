//! SEPA Direct Debit mandates and payment links end to end against the sandbox on loopback:
//! CreateMandate, GetMandate and the block / unblock / revoke states; CreatePaymentLink paid on
//! the link's page, GetPaymentLink and CancelPaymentLink; with the async and the blocking client;
//! the same endpoints signed by hand (a bad signature is 401, unknown ids 404, a body breaking
//! the table 400 naming the member, never the IBAN); a mistyped IBAN refused before anything is
//! sent.

mod common;

use common::PATIENCE;
use common::v2::{json, signed};
use payone_client::Url;
use payone_client::v2::*;
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, Sandbox, V2_CARD_NO_3DS,
    V2_FIRST_MANDATE, V2_FIRST_PAYMENT_LINK,
};
use payone_types::generated::v2::*;
use payone_types::json::JsonObject;

/// An IBAN with valid check digits (the platform SDK's test data).
const IBAN: &str = "DE46720200700359736690";
/// The same IBAN with wrong check digits.
const BAD_IBAN: &str = "DE00720200700359736690";

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

fn mandate_request(iban: &'static str) -> CreateMandateRequest {
    CreateMandateRequest::new()
        .with_customer_reference(MandateCustomerReference::new("customer-4711"))
        .with_recurrence_type(MandateRecurrenceType::Recurring)
        .with_signature_type(MandateSignatureType::Unsigned)
        .with_language(MandateLanguage::De)
        .with_customer(
            MandateCustomer::new()
                .with_bank_account_iban(BankAccountIban::new().with_iban(MandateIban::new(iban)))
                .with_personal_information(
                    MandatePersonalInformation::new().with_name(
                        MandatePersonalName::new()
                            .with_first_name(MandateFirstName::new("Erika"))
                            .with_surname(MandateSurname::new("Mustermann")),
                    ),
                ),
        )
}

fn status(answer: &GetMandateResponse) -> Option<&str> {
    answer.mandate()?.status().map(|s| s.as_str())
}

/// The `id` of each `errors[]` entry, its `propertyName` and its message.
fn errors_of(error: &V2Error) -> Vec<(String, Option<String>, String)> {
    error
        .api_errors()
        .iter()
        .map(|e| {
            (
                e.id().map(|i| i.as_str().to_owned()).unwrap_or_default(),
                e.property_name().map(|p| p.as_str().to_owned()),
                e.message()
                    .map(|m| m.as_str().to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_mandate_is_created_blocked_unblocked_and_revoked() {
    let (sandbox, client) = start().await;
    let created = client.create_mandate(&mandate_request(IBAN)).await.unwrap();
    assert!(created.merchant_action().is_none());
    let mandate = created.mandate().expect("the mandate");
    let reference = mandate.unique_mandate_reference().unwrap().clone();
    assert_eq!(reference.as_str(), V2_FIRST_MANDATE);
    assert_eq!(mandate.status().map(|s| s.as_str()), Some("ACTIVE"));
    assert_eq!(
        mandate.alias().map(|a| a.as_str()),
        Some("DE46**************6690")
    );
    assert_eq!(
        mandate.customer_reference().map(|r| r.as_str()),
        Some("customer-4711")
    );
    assert_eq!(
        mandate.recurrence_type(),
        Some(&MandateRecurrenceType::Recurring)
    );
    let surname = mandate
        .customer()
        .and_then(|c| c.personal_information())
        .and_then(|p| p.name())
        .and_then(|n| n.surname())
        .map(|s| s.as_str());
    assert_eq!(surname, Some("Mustermann"));
    // Debug output of the answer shows no bank data.
    let shown = format!("{created:?}");
    assert!(
        !shown.contains("0359736690") && !shown.contains("Mustermann"),
        "{shown}"
    );

    let read = client.get_mandate(&reference).await.unwrap();
    assert_eq!(status(&read), Some("ACTIVE"));
    assert_eq!(read.mandate(), created.mandate());

    let blocked = client.block_mandate(&reference).await.unwrap();
    assert_eq!(status(&blocked), Some("BLOCKED"));
    let again = client.block_mandate(&reference).await.unwrap_err();
    assert!(matches!(again, V2Error::Conflict { .. }), "{again:?}");
    let unblocked = client.unblock_mandate(&reference).await.unwrap();
    assert_eq!(status(&unblocked), Some("ACTIVE"));
    let not_blocked = client.unblock_mandate(&reference).await.unwrap_err();
    assert!(matches!(not_blocked, V2Error::Conflict { .. }));

    let revoked = client.revoke_mandate(&reference).await.unwrap();
    assert_eq!(status(&revoked), Some("REVOKED"));
    let err = client.unblock_mandate(&reference).await.unwrap_err();
    assert!(matches!(err, V2Error::Conflict { .. }), "{err:?}");
    let errors = errors_of(&err);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "ACTION_NOT_ALLOWED_IN_STATUS");
    assert!(
        errors[0]
            .2
            .contains("a revoked mandate cannot be unblocked"),
        "{errors:?}"
    );
    for err in [
        client.block_mandate(&reference).await.unwrap_err(),
        client.revoke_mandate(&reference).await.unwrap_err(),
    ] {
        assert!(matches!(err, V2Error::Conflict { .. }), "{err:?}");
    }
    assert_eq!(
        status(&client.get_mandate(&reference).await.unwrap()),
        Some("REVOKED")
    );

    // A reference of the merchant's choosing, and one that is taken.
    let mine = mandate_request(IBAN)
        .with_unique_mandate_reference(UniqueMandateReference::new("SHOP-MANDATE-1"))
        .with_alias(MandateAlias::new("Erika's account"));
    let answer = client.create_mandate(&mine).await.unwrap();
    let mandate = answer.mandate().unwrap();
    assert_eq!(
        mandate.unique_mandate_reference().map(|r| r.as_str()),
        Some("SHOP-MANDATE-1")
    );
    assert_eq!(mandate.alias().map(|a| a.as_str()), Some("Erika's account"));
    let taken = client.create_mandate(&mine).await.unwrap_err();
    assert!(matches!(taken, V2Error::Conflict { .. }), "{taken:?}");

    let unknown = UniqueMandateReference::new("NO-SUCH-MANDATE");
    for err in [
        client.get_mandate(&unknown).await.unwrap_err(),
        client.block_mandate(&unknown).await.unwrap_err(),
        client.unblock_mandate(&unknown).await.unwrap_err(),
        client.revoke_mandate(&unknown).await.unwrap_err(),
    ] {
        assert!(matches!(err, V2Error::NotFound { .. }), "{err:?}");
        assert_eq!(errors_of(&err)[0].0, "UNKNOWN_MANDATE_REFERENCE");
    }
    let requests = sandbox.requests();
    assert_eq!(requests.get("v2.create_mandate"), Some(&3));
    assert_eq!(requests.get("v2.unblock_mandate"), Some(&4));
    assert_eq!(sandbox.stored().v2_mandates, 2);
    sandbox.shutdown().await;
}

#[test]
fn the_blocking_client_calls_every_mandate_operation() {
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

    let created = client.create_mandate(&mandate_request(IBAN)).unwrap();
    let reference = created
        .mandate()
        .and_then(|m| m.unique_mandate_reference())
        .unwrap()
        .clone();
    assert_eq!(
        status(&client.get_mandate(&reference).unwrap()),
        Some("ACTIVE")
    );
    assert_eq!(
        status(&client.block_mandate(&reference).unwrap()),
        Some("BLOCKED")
    );
    assert_eq!(
        status(&client.unblock_mandate(&reference).unwrap()),
        Some("ACTIVE")
    );
    assert_eq!(
        status(&client.revoke_mandate(&reference).unwrap()),
        Some("REVOKED")
    );
    let link = client.create_payment_link(&link_request(700)).unwrap();
    let id = link.payment_link_id().unwrap().clone();
    assert_eq!(
        client.get_payment_link(&id).unwrap().status(),
        Some(&PaymentLinkStatus::Active)
    );
    client.cancel_payment_link(&id).unwrap();
    assert_eq!(
        client.get_payment_link(&id).unwrap().status(),
        Some(&PaymentLinkStatus::Cancelled)
    );
    assert_eq!(sandbox.requests().values().sum::<u64>(), 9);
    drop(client);
    runtime.block_on(sandbox.shutdown());
}

#[tokio::test]
async fn a_mistyped_iban_is_refused_before_sending_naming_the_json_path() {
    let (sandbox, client) = start().await;
    // Wrong check digits: refused when the value is made ...
    let err = MandateIban::try_new(BAD_IBAN).unwrap_err();
    assert!(!err.to_string().contains(BAD_IBAN), "{err}");
    // ... and when a request is read from JSON, named by its path and without the value.
    let body = format!(r#"{{"customer":{{"bankAccountIban":{{"iban":"{BAD_IBAN}"}}}}}}"#);
    let err = CreateMandateRequest::from_json_bytes(body.as_bytes()).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("customer.bankAccountIban.iban") && !shown.contains("0359736690"),
        "{shown}"
    );
    // Too short for an IBAN.
    assert!(MandateIban::try_new("DE46").is_err());
    assert!(MandateIban::try_new(IBAN).is_ok());

    // So no CreateMandateRequest can hold it: the client never sends a mistyped IBAN.
    let before = sandbox.requests();
    // A reference is never empty (the table's TEXT), and a path the client cannot fill is
    // refused before sending.
    assert!(UniqueMandateReference::try_new("").is_err());
    for path in [
        PathParams::NONE,
        PathParams::mandate(""),
        PathParams::token("SBXMANDATE0000000001"),
    ] {
        match client
            .call::<GetMandate>(path, &payone_types::json::NoBody)
            .await
        {
            Err(V2Error::Request { .. }) => {}
            other => panic!("expected a refusal before sending, got {other:?}"),
        }
    }
    assert_eq!(sandbox.requests(), before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_mandate_endpoints_signed_by_hand() {
    let (sandbox, _client) = start().await;
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    let http = reqwest::Client::new();
    let m = DEFAULT_MERCHANT_ID;
    let (get, post) = (reqwest::Method::GET, reqwest::Method::POST);
    let create = format!(
        r#"{{"customerReference":"c-1","uniqueMandateReference":"HAND-1","customer":{{"bankAccountIban":{{"iban":"{IBAN}"}}}}}}"#
    );
    let one = format!("/v2/{m}/mandates/HAND-1");

    // Each endpoint: signed it answers, a bad signature is 401 (and changes nothing).
    let calls: [(reqwest::Method, String, Option<&str>, &str); 5] = [
        (
            post.clone(),
            format!("/v2/{m}/mandates"),
            Some(&create),
            "ACTIVE",
        ),
        (get.clone(), one.clone(), None, "ACTIVE"),
        (post.clone(), format!("{one}/block"), None, "BLOCKED"),
        (post.clone(), format!("{one}/unblock"), None, "ACTIVE"),
        (post.clone(), format!("{one}/revoke"), None, "REVOKED"),
    ];
    for (method, path, body, want) in &calls {
        let bad = signed(&http, &base, method.clone(), path, *body, "not-the-secret").await;
        assert_eq!(bad.status(), 401, "{path}");
        assert_eq!(
            json(bad).await["errors"][0]["id"],
            "MISSING_OR_INVALID_AUTHORIZATION",
            "{path}"
        );
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
        let answer = json(ok).await;
        assert_eq!(answer["mandate"]["status"], *want, "{path}");
        assert_eq!(answer["mandate"]["uniqueMandateReference"], "HAND-1");
        assert_eq!(
            answer["mandate"]["customer"]["bankAccountIban"]["iban"],
            IBAN
        );
    }

    // Unknown references are 404 on every path that names one.
    for (method, suffix) in [
        (get.clone(), ""),
        (post.clone(), "/block"),
        (post.clone(), "/unblock"),
        (post.clone(), "/revoke"),
    ] {
        let path = format!("/v2/{m}/mandates/NOPE{suffix}");
        let answer = signed(&http, &base, method, &path, None, DEFAULT_API_SECRET).await;
        assert_eq!(answer.status(), 404, "{path}");
        assert_eq!(
            json(answer).await["errors"][0]["id"],
            "UNKNOWN_MANDATE_REFERENCE"
        );
    }

    // Bodies breaking the table: 400 naming the member, never the IBAN.
    let bad_iban = format!(
        r#"{{"customerReference":"c-1","customer":{{"bankAccountIban":{{"iban":"{BAD_IBAN}"}}}}}}"#
    );
    let cases: [(&str, &str, &str); 4] = [
        (&bad_iban, "INVALID_VALUE", "customer.bankAccountIban.iban"),
        (
            r#"{"customerReference":"c-1","recurrenceType":"SOMETIMES","customer":{"bankAccountIban":{"iban":"DE46720200700359736690"}}}"#,
            "INVALID_VALUE",
            "recurrenceType",
        ),
        (
            r#"{"customer":{"bankAccountIban":{"iban":"DE46720200700359736690"}}}"#,
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "customerReference",
        ),
        (
            r#"{"customerReference":"c-1","signatureType":"SMS"}"#,
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "customer.bankAccountIban.iban",
        ),
    ];
    for (body, id, member) in cases {
        let answer = signed(
            &http,
            &base,
            post.clone(),
            &format!("/v2/{m}/mandates"),
            Some(body),
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(answer.status(), 400, "{body}");
        let text = String::from_utf8(answer.bytes().await.unwrap().to_vec()).unwrap();
        assert!(!text.contains("0359736690"), "{text}");
        let errors: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(errors["errors"][0]["id"], id, "{text}");
        assert_eq!(errors["errors"][0]["propertyName"], member, "{text}");
    }
    // The one created by hand; the refused ones stored nothing.
    assert_eq!(sandbox.stored().v2_mandates, 1);
    sandbox.shutdown().await;
}

fn link_request(amount: u64) -> CreatePaymentLinkRequest {
    CreatePaymentLinkRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(amount),
            CurrencyCode::new("EUR"),
        ))
        .with_references(
            OrderReferences::new().with_merchant_reference(MerchantReference::new("order-4711")),
        ),
    )
    .with_payment_link_specific_input(
        PaymentLinkSpecificInput::new()
            .with_description(PaymentLinkDescription::new("Invoice 4711"))
            .with_recipient_name(PaymentLinkRecipientName::new("Erika Mustermann")),
    )
}

/// Pays the link's page (`redirectionUrl`) with a test card, as the customer's browser does;
/// answers the page's result.
async fn pay_on_the_page(http: &reqwest::Client, link: &PaymentLinkResponse) -> String {
    let url = link.redirection_url().expect("redirectionUrl").as_str();
    let page = http.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"pay\""), "{html}");
    let paid = http
        .post(url)
        .form(&[
            ("cardNumber", V2_CARD_NO_3DS),
            ("expiryDate", "1230"),
            ("cvv", "123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 200);
    paid.text().await.unwrap()
}

#[tokio::test]
async fn a_payment_link_is_paid_on_its_page_and_a_paid_link_cannot_be_cancelled() {
    let (sandbox, client) = start().await;
    let http = reqwest::Client::new();
    let link = client
        .create_payment_link(&link_request(1500))
        .await
        .unwrap();
    let id = link.payment_link_id().unwrap().clone();
    assert_eq!(id.as_str(), V2_FIRST_PAYMENT_LINK.to_string());
    assert_eq!(link.status(), Some(&PaymentLinkStatus::Active));
    assert_eq!(link.is_reusable_link(), Some(&false));
    assert!(link.payment_id().is_none());
    let order = link.payment_link_order().unwrap();
    assert_eq!(order.amount().map(|a| a.amount().get()), Some(1500));
    assert_eq!(
        order.merchant_reference().map(|r| r.as_str()),
        Some("order-4711")
    );
    assert_eq!(
        link.recipient_name().map(|r| r.as_str()),
        Some("Erika Mustermann")
    );
    assert!(!format!("{link:?}").contains("Mustermann"));
    let url = link.redirection_url().unwrap().as_str();
    assert!(
        url.starts_with(sandbox.base_url().trim_end_matches('/')) && url.ends_with(id.as_str()),
        "{url}"
    );

    let result = pay_on_the_page(&http, &link).await;
    assert!(result.contains("<p id=\"result\">paid</p>"), "{result}");
    let paid = client.get_payment_link(&id).await.unwrap();
    assert_eq!(paid.status(), Some(&PaymentLinkStatus::Paid));
    let payment_id = paid.payment_id().expect("the payment").as_str().to_owned();
    assert_eq!(payment_id, "3000000001_0");
    let events: Vec<&str> = paid
        .payment_link_events()
        .iter()
        .filter_map(|e| e.r#type().map(|t| t.as_str()))
        .collect();
    assert_eq!(events, ["CREATED", "PAID"]);
    let payment = client
        .get_payment(&PaymentId::try_new(payment_id).unwrap())
        .await
        .unwrap();
    let amount = payment
        .payment_output()
        .and_then(|o| o.amount_of_money())
        .map(|m| m.amount().get());
    assert_eq!(amount, Some(1500));
    // The page of a paid link is gone; the link cannot be cancelled.
    assert_eq!(http.get(url).send().await.unwrap().status(), 404);
    let err = client.cancel_payment_link(&id).await.unwrap_err();
    assert!(matches!(err, V2Error::Conflict { .. }), "{err:?}");
    assert!(
        errors_of(&err)[0]
            .2
            .contains("a paid payment link cannot be cancelled"),
        "{err:?}"
    );

    // A link cancelled before it is paid: its page is gone, a second cancel is 409.
    let other = client
        .create_payment_link(&link_request(800))
        .await
        .unwrap();
    let other_id = other.payment_link_id().unwrap().clone();
    client.cancel_payment_link(&other_id).await.unwrap();
    let cancelled = client.get_payment_link(&other_id).await.unwrap();
    assert_eq!(cancelled.status(), Some(&PaymentLinkStatus::Cancelled));
    assert!(cancelled.payment_id().is_none());
    let page = other.redirection_url().unwrap().as_str();
    assert_eq!(http.get(page).send().await.unwrap().status(), 404);
    let again = client.cancel_payment_link(&other_id).await.unwrap_err();
    assert!(matches!(again, V2Error::Conflict { .. }), "{again:?}");

    // A reusable link stays ACTIVE after a payment, naming the last one.
    let reusable = client
        .create_payment_link(&link_request(900).with_is_reusable_link(true))
        .await
        .unwrap();
    pay_on_the_page(&http, &reusable).await;
    let reusable_id = reusable.payment_link_id().unwrap().clone();
    let after = client.get_payment_link(&reusable_id).await.unwrap();
    assert_eq!(after.status(), Some(&PaymentLinkStatus::Active));
    assert_eq!(after.payment_id().map(|p| p.as_str()), Some("3000000002_0"));

    let unknown = PaymentLinkId::new("5000000999");
    for err in [
        client.get_payment_link(&unknown).await.unwrap_err(),
        client.cancel_payment_link(&unknown).await.unwrap_err(),
    ] {
        assert!(matches!(err, V2Error::NotFound { .. }), "{err:?}");
        assert_eq!(errors_of(&err)[0].0, "UNKNOWN_PAYMENT_LINK_ID");
    }
    assert_eq!(sandbox.stored().v2_payment_links, 3);
    assert_eq!(sandbox.requests().get("v2.cancel_payment_link"), Some(&4));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_payment_link_endpoints_signed_by_hand() {
    let (sandbox, _client) = start().await;
    let base = sandbox.base_url().trim_end_matches('/').to_owned();
    let http = reqwest::Client::new();
    let m = DEFAULT_MERCHANT_ID;
    let post = reqwest::Method::POST;
    let create = r#"{"order":{"amountOfMoney":{"amount":1200,"currencyCode":"EUR"}},"isReusableLink":false}"#;
    let one = format!("/v2/{m}/paymentlinks/{V2_FIRST_PAYMENT_LINK}");
    let calls: [(reqwest::Method, String, Option<&str>, u16); 3] = [
        (
            post.clone(),
            format!("/v2/{m}/paymentlinks"),
            Some(create),
            201,
        ),
        (reqwest::Method::GET, one.clone(), None, 200),
        (post.clone(), format!("{one}/cancel"), None, 204),
    ];
    for (method, path, body, want) in &calls {
        let bad = signed(&http, &base, method.clone(), path, *body, "not-the-secret").await;
        assert_eq!(bad.status(), 401, "{path}");
        assert_eq!(
            json(bad).await["errors"][0]["id"],
            "MISSING_OR_INVALID_AUTHORIZATION",
            "{path}"
        );
        let ok = signed(
            &http,
            &base,
            method.clone(),
            path,
            *body,
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(ok.status(), *want, "{path}");
        let bytes = ok.bytes().await.unwrap();
        if *want == 204 {
            assert!(bytes.is_empty());
        } else {
            let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(answer["paymentLinkId"], V2_FIRST_PAYMENT_LINK.to_string());
            assert_eq!(answer["status"], "ACTIVE");
            assert_eq!(answer["paymentLinkOrder"]["amount"]["amount"], 1200);
        }
    }
    for (method, suffix) in [(reqwest::Method::GET, ""), (post.clone(), "/cancel")] {
        let path = format!("/v2/{m}/paymentlinks/5000000999{suffix}");
        let answer = signed(&http, &base, method, &path, None, DEFAULT_API_SECRET).await;
        assert_eq!(answer.status(), 404, "{path}");
        assert_eq!(
            json(answer).await["errors"][0]["id"],
            "UNKNOWN_PAYMENT_LINK_ID"
        );
    }
    let cases: [(&str, &str, &str); 3] = [
        (
            r#"{"isReusableLink":true}"#,
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "order",
        ),
        (
            r#"{"order":{"amountOfMoney":{"amount":1200,"currencyCode":"EURO"}}}"#,
            "INVALID_VALUE",
            "order.amountOfMoney.currencyCode",
        ),
        (
            r#"{"order":{"amountOfMoney":{"amount":1200,"currencyCode":"EUR"}},"isReusableLink":"yes"}"#,
            "INVALID_VALUE",
            "isReusableLink",
        ),
    ];
    for (body, id, member) in cases {
        let answer = signed(
            &http,
            &base,
            post.clone(),
            &format!("/v2/{m}/paymentlinks"),
            Some(body),
            DEFAULT_API_SECRET,
        )
        .await;
        assert_eq!(answer.status(), 400, "{body}");
        let errors = json(answer).await;
        assert_eq!(errors["errors"][0]["id"], id, "{errors}");
        assert_eq!(errors["errors"][0]["propertyName"], member, "{errors}");
    }
    assert_eq!(sandbox.stored().v2_payment_links, 1);
    sandbox.shutdown().await;
}
