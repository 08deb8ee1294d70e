//! managemandate through the Client API, between `payone_client::Client` and the sandbox over
//! loopback: the server signs the mandate request's settings (`HostedManagemandate`), the
//! browser adds the customer's name and account and posts them, and the server reads the JSON
//! answer as the same `MandateAnswer` the Server API gives; the pending mandate then carries a
//! Server API direct debit. A declined account and a missing one are refused naming `iban`.

mod common;

use common::*;
use payone_client::answer::{MandateAnswer, MandateStatus};
use payone_client::client_api::{HostedManagemandate, mandate_answer};
use payone_client::{Answer, Client, Error};
use payone_sandbox::{CREDITOR_IDENTIFIER, IBAN_MANDATE_DECLINED};
use payone_types::generated::client::{Currency, Customerid, Language, Responsetype};
use payone_types::generated::server;

const IBAN: &str = "DE02120300000000202051";

/// What the checkout page's script does: the signed fields, then the customer's data, POSTed to
/// the Client API endpoint; the JSON answer as the page hands it back to the server.
async fn browser_managemandate(client: &Client, customer: &[(&str, &str)]) -> String {
    let mandate = HostedManagemandate::new(Responsetype::Json, Currency::new("EUR"))
        .customerid(Customerid::new("c-4711"))
        .language(Language::new("de"));
    let params = client.client_api_params(&mandate).expect("signed");
    let mut body = payone_client::Url::parse("http://x/").unwrap();
    body.query_pairs_mut()
        .extend_pairs(params.fields.iter())
        .extend_pairs(customer.iter());
    let response = http()
        .post(params.endpoint.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.query().unwrap().to_owned())
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.text().await.expect("text")
}

fn customer(iban: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("firstname", "Erika"),
        ("lastname", "Mustermann"),
        ("country", "DE"),
        ("bankcountry", "DE"),
        ("iban", iban),
    ]
}

#[tokio::test]
async fn a_browser_mandate_is_pending_with_its_text_and_carries_a_direct_debit() {
    let env = Env::start().await;
    let params = env
        .client
        .client_api_params(&HostedManagemandate::new(
            Responsetype::Json,
            Currency::new("EUR"),
        ))
        .expect("signed");
    let names: Vec<&str> = params.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "mid",
            "aid",
            "portalid",
            "mode",
            "encoding",
            "api_version",
            "request",
            "responsetype",
            "clearingtype",
            "currency",
            "hash"
        ]
    );

    let body = browser_managemandate(&env.client, &customer(IBAN)).await;
    let mandate: MandateAnswer = mandate_answer(&body).expect("a mandate");
    assert_eq!(mandate.status(), &MandateStatus::Pending);
    assert!(mandate.needs_confirmation());
    assert_eq!(mandate.mandate_identification(), "PO-0000000001");
    assert_eq!(mandate.creditor_identifier(), Some(CREDITOR_IDENTIFIER));
    let text = mandate.text().expect("a pending mandate has its text");
    let html = text.html();
    assert!(html.contains("Account holder: Erika Mustermann"), "{html}");
    assert!(!html.contains(IBAN), "the account is masked in the text");
    assert!(
        !format!("{mandate:?}").contains(IBAN),
        "Debug hides the IBAN"
    );

    // The server takes the mandate reference into the Server API direct debit.
    let block = server::DirectDebit::builder()
        .iban(server::Iban::try_new(IBAN.to_owned()).expect("an IBAN"))
        .mandate_identification(
            server::MandateIdentification::try_new(mandate.mandate_identification().to_owned())
                .expect("a mandate reference"),
        )
        .build();
    let payment = server::Preauthorization::builder()
        .clearingtype(server::Clearingtype::Elv(Some(block)))
        .amount(server::Amount::try_new(1999).expect("an amount"))
        .currency(server::Currency::new("EUR"))
        .lastname(server::Lastname::new("Mustermann"))
        .country(server::Country::new("DE"))
        .build()
        .expect("valid");
    let answer = env.client.send(&payment).await.expect("approved");
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    assert_eq!(
        answer.fields().get("mandate_identification"),
        Some("PO-0000000001")
    );

    // Asked again from the browser, the account's mandate is now active and needs no text.
    let again = mandate_answer(&browser_managemandate(&env.client, &customer(IBAN)).await)
        .expect("a mandate");
    assert_eq!(again.status(), &MandateStatus::Active);
    assert!(again.text().is_none());
    env.shutdown().await;
}

#[tokio::test]
async fn a_declined_or_missing_account_is_a_platform_error_naming_iban() {
    let env = Env::start().await;
    let body = browser_managemandate(&env.client, &customer(IBAN_MANDATE_DECLINED)).await;
    match mandate_answer(&body) {
        Err(Error::Platform { errorcode, .. }) => assert_eq!(errorcode, "2"),
        other => panic!("expected the declined mandate, got {other:?}"),
    }

    let no_account = [("lastname", "Mustermann"), ("country", "DE")];
    let body = browser_managemandate(&env.client, &no_account).await;
    match mandate_answer(&body) {
        Err(Error::Platform {
            errorcode,
            errormessage,
            ..
        }) => {
            assert_eq!(errorcode, "1");
            assert!(errormessage.contains("iban"), "{errormessage}");
        }
        other => panic!("expected a refusal naming iban, got {other:?}"),
    }

    // Not JSON, or a value that is no string: a parse error, never a panic.
    for garbled in ["status=APPROVED", r#"{"status":1}"#, "[]", ""] {
        assert!(
            matches!(mandate_answer(garbled), Err(Error::Parse(_))),
            "{garbled}"
        );
    }
    env.shutdown().await;
}
