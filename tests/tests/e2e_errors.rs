//! The platform's error answers as typed `Error::Platform` through the client (911, 907, 6),
//! and the missing or invalid parameter (errorcode 1), which the typed API refuses before
//! sending (`Error::Validation`, nothing reaches the sandbox) and only a raw request can provoke.

mod common;

use common::*;
use payone_client::cof::{Customer, SubsequentPayment};
use payone_client::{Answer, Error};
use payone_types::generated::server::*;
use payone_types::{Account, Charset, PortalKey, Rule};

/// The fields of a platform error, for the snapshots; `Display` on the first line.
fn platform(err: &Error) -> String {
    let Error::Platform {
        errorcode,
        errormessage,
        customermessage,
        fields,
    } = err
    else {
        panic!("not a platform error: {err:?}");
    };
    assert!(!err.outcome_unknown(), "a refusal is a known outcome");
    assert_eq!(fields.get("errorcode"), Some(errorcode.as_str()));
    assert_eq!(fields.get("errormessage"), Some(errormessage.as_str()));
    assert!(customermessage.is_some());
    format!("{err}\n{}", lines(fields))
}

#[tokio::test]
async fn a_reference_used_before_is_911() {
    let env = Env::start().await;
    let payment = |reference: &'static str| {
        SubsequentPayment::new(Amount::new(1000), eur(), card().into())
            .reference(Reference::new(reference))
            .customer(Customer::new().lastname(Lastname::new("Approved")))
            .preauthorization()
            .unwrap()
    };
    env.client.send(&payment("order-911")).await.unwrap();
    // References are case-insensitive.
    let err = env.client.send(&payment("ORDER-911")).await.unwrap_err();
    insta::assert_snapshot!(platform(&err), @r"
    PAYONE refused the request with error 911: Reference number already exists
    status=ERROR
    errorcode=911
    errormessage=Reference number already exists
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    env.shutdown().await;
}

#[tokio::test]
async fn a_wrong_sequence_number_is_907() {
    let env = Env::start().await;
    let answer = env.client.send(&preauthorization(1000)).await.unwrap();
    let txid = txid(&answer);
    // The first capture must be number 1.
    let err = env.client.send(&capture(&txid, 2, 500)).await.unwrap_err();
    insta::assert_snapshot!(platform(&err), @r"
    PAYONE refused the request with error 907: Sequence number incorrect
    status=ERROR
    errorcode=907
    errormessage=Sequence number incorrect
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    // Refused, not booked: number 1 is still the next.
    env.client.send(&capture(&txid, 1, 500)).await.unwrap();
    let err = env.client.send(&capture(&txid, 1, 500)).await.unwrap_err();
    assert_eq!(err.errorcode(), Some("907"));
    env.shutdown().await;
}

#[tokio::test]
async fn a_client_with_another_portal_key_gets_errorcode_6() {
    let env = Env::start().await;
    let wrong = Account::new(
        payone_sandbox::DEFAULT_MID,
        payone_sandbox::DEFAULT_PORTALID,
        payone_sandbox::DEFAULT_AID,
        PortalKey::new("not the portal key"),
    );
    let err = env
        .client_for(wrong)
        .send(&preauthorization(1000))
        .await
        .unwrap_err();
    let text = platform(&err);
    assert!(!text.contains("not the portal key"));
    insta::assert_snapshot!(text, @r"
    PAYONE refused the request with error 6: key incorrect
    status=ERROR
    errorcode=6
    errormessage=key incorrect
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    env.shutdown().await;
}

#[tokio::test]
async fn a_missing_parameter_is_errorcode_1_naming_it() {
    let env = Env::start().await;
    // `currency` left out: the typed builders cannot express this (it does not compile), so
    // the body is written by hand.
    let body = format!(
        "{}&clearingtype=cc&amount=1000",
        raw_account("preauthorization", "UTF-8")
    );
    let (content_type, answer) = env.post_raw(body).await;
    assert_eq!(content_type, "text/plain; charset=UTF-8");
    // The raw answer, typed by the client's parser like any other.
    let err = Answer::from_bytes(&answer, Charset::Utf8).unwrap_err();
    insta::assert_snapshot!(platform(&err), @r"
    PAYONE refused the request with error 1: Parameter {currency} faulty or missing: required parameter is missing
    status=ERROR
    errorcode=1
    errormessage=Parameter {currency} faulty or missing: required parameter is missing
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    env.shutdown().await;
}

#[tokio::test]
async fn an_invalid_parameter_is_refused_by_the_client_before_sending_and_by_the_sandbox() {
    let env = Env::start().await;
    let before = env.requests().await;

    // api_version is a LIST; the account's value is checked when the request is encoded.
    let client = env.client_for(account(Charset::Utf8).with_api_version("2.0"));
    let err = client.send(&preauthorization(1000)).await.unwrap_err();
    let Error::Validation(violations) = &err else {
        panic!("not a validation error: {err:?}");
    };
    let broken: Vec<(&str, Rule)> = violations
        .iter()
        .map(|v| (v.param.as_ref(), v.rule))
        .collect();
    assert!(
        matches!(broken.as_slice(), [("api_version", Rule::UnknownValue(_))]),
        "{broken:?}"
    );
    assert!(!err.outcome_unknown());
    assert!(
        err.to_string()
            .starts_with("the request was not sent because it breaks the parameter tables: api_version: unknown value"),
        "{err}"
    );
    // Nothing was sent.
    assert_eq!(env.requests().await, before);
    assert!(before.is_empty());

    // The same value sent raw: the sandbox refuses it with errorcode 1 naming the parameter.
    let body = format!(
        "{}&clearingtype=cc&amount=1000&currency=EUR",
        raw_account("preauthorization", "UTF-8")
    )
    .replace("api_version=3.11", "api_version=2.0");
    let (_, answer) = env.post_raw(body).await;
    let err = Answer::from_bytes(&answer, Charset::Utf8).unwrap_err();
    assert_eq!(err.errorcode(), Some("1"));
    let Error::Platform { errormessage, .. } = &err else {
        unreachable!()
    };
    assert!(
        errormessage.starts_with("Parameter {api_version} faulty or missing: unknown value"),
        "{errormessage}"
    );
    assert_eq!(env.request_total().await, 1);

    // A value the typed constructors refuse outright (lastname of one character) is refused
    // raw as well, with the rule in the message.
    assert_eq!(
        Lastname::try_new("A").unwrap_err().rule,
        Rule::Length { min: 2, max: 50 }
    );
    let body = format!(
        "{}&clearingtype=cc&amount=1000&currency=EUR&lastname=A",
        raw_account("preauthorization", "UTF-8")
    );
    let (_, answer) = env.post_raw(body).await;
    let err = Answer::from_bytes(&answer, Charset::Utf8).unwrap_err();
    assert_eq!(
        err.to_string(),
        "PAYONE refused the request with error 1: Parameter {lastname} faulty or missing: must be 2 to 50 characters long"
    );
    env.shutdown().await;
}
