//! ISO-8859-1 versus UTF-8 bodies both ways: a client whose account declares either charset
//! sends `Hellersbergstraße` and is approved; a relay between client and sandbox shows the
//! bytes on the wire (`%DF` versus `%C3%9F`); the captured Latin-1 body re-sent raw is decoded
//! by the declared charset only; a `€`, which ISO-8859-1 cannot carry, is refused before
//! sending.

mod common;

use common::*;
use payone_client::{Answer, Error, Status};
use payone_types::generated::server::*;
use payone_types::{Charset, Rule};

fn preauthorization_to(street: Street) -> Preauthorization {
    Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .amount(Amount::new(1000))
        .currency(eur())
        .lastname(Lastname::new("Approved"))
        .street(street)
        .build()
        .unwrap()
}

/// The request head and body as the client wrote them to the wire.
fn split_request(wire: &[u8]) -> (String, Vec<u8>) {
    let end = wire
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete request head");
    (
        String::from_utf8(wire[..end].to_vec()).expect("an ASCII head"),
        wire[end + 4..].to_vec(),
    )
}

/// Sends the street through a wire tap with a client of `charset`; the answer and what the
/// client wrote.
async fn send_tapped(env: &Env, charset: Charset) -> (Answer, String, Vec<u8>) {
    let tap = WireTap::start(env.sandbox.addr()).await;
    let client = builder(&tap.base, account(charset)).build().unwrap();
    let answer = client
        .send(&preauthorization_to(Street::new("Hellersbergstraße 14")))
        .await
        .unwrap();
    let (head, body) = split_request(&tap.sent());
    (answer, head, body)
}

#[tokio::test]
async fn hellersbergstrasse_in_iso_8859_1_and_in_utf_8() {
    let env = Env::start().await;

    let (answer, head, latin1) = send_tapped(&env, Charset::Latin1).await;
    assert_eq!(answer.status(), Status::Approved);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/x-www-form-urlencoded; charset=iso-8859-1"),
        "{head}"
    );
    assert!(contains(&latin1, b"&encoding=ISO-8859-1&"));
    assert!(contains(&latin1, b"&street=Hellersbergstra%DFe+14"));
    assert!(!contains(&latin1, b"%C3%9F"));

    let (answer, head, utf8) = send_tapped(&env, Charset::Utf8).await;
    assert_eq!(answer.status(), Status::Approved);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/x-www-form-urlencoded; charset=utf-8"),
        "{head}"
    );
    assert!(contains(&utf8, b"&encoding=UTF-8&"));
    assert!(contains(&utf8, b"&street=Hellersbergstra%C3%9Fe+14"));
    assert!(!contains(&utf8, b"%DF"));

    // The captured Latin-1 body, re-sent raw: approved like the client's, and answered in
    // ISO-8859-1.
    let (content_type, answer) = env.post_raw(latin1.clone()).await;
    assert_eq!(content_type, "text/plain; charset=ISO-8859-1");
    assert_eq!(
        Answer::from_bytes(&answer, Charset::Latin1)
            .unwrap()
            .status(),
        Status::Approved
    );
    // The same bytes declared as UTF-8: `%DF` alone is no UTF-8, and the sandbox says which
    // parameter it could not read. So the approvals above mean each body was decoded in the
    // charset it declared.
    let mislabelled = String::from_utf8(latin1)
        .unwrap()
        .replace("encoding=ISO-8859-1", "encoding=UTF-8");
    let (content_type, answer) = env.post_raw(mislabelled).await;
    assert_eq!(content_type, "text/plain; charset=UTF-8");
    let err = Answer::from_bytes(&answer, Charset::Utf8).unwrap_err();
    assert_eq!(err.errorcode(), Some("1"));
    let Error::Platform { errormessage, .. } = &err else {
        unreachable!()
    };
    assert!(
        errormessage.starts_with("Parameter {street} faulty or missing"),
        "{errormessage}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn a_euro_sign_is_refused_before_sending_in_iso_8859_1() {
    let env = Env::start().await;
    let request = preauthorization_to(Street::new("Euro-Allee 1 €"));

    let latin1 = env.client_for(account(Charset::Latin1));
    let err = latin1.send(&request).await.unwrap_err();
    let Error::Validation(violations) = &err else {
        panic!("not a validation error: {err:?}");
    };
    let broken: Vec<(&str, Rule)> = violations
        .iter()
        .map(|v| (v.param.as_ref(), v.rule))
        .collect();
    assert_eq!(broken, [("street", Rule::Charset("ISO-8859-1"))]);
    insta::assert_snapshot!(err, @"the request was not sent because it breaks the parameter tables: street: contains a character that ISO-8859-1 cannot carry");
    assert!(!err.outcome_unknown());
    assert!(env.requests().await.is_empty(), "nothing was sent");

    // UTF-8 carries it.
    let answer = env.client.send(&request).await.unwrap();
    assert_eq!(answer.status(), Status::Approved);
    assert_eq!(env.request_total().await, 1);
    env.shutdown().await;
}
