//! The Server API exchange against a fake platform on loopback: what goes on the wire, how
//! answers are read, and how each kind of failure is classified.

mod common;

use std::time::Duration;

use common::{Behaviour, FakePlatform, account, builder, capture};
use payone_client::cof::{Card, Customer, SubsequentPayment};
use payone_client::{Answer, Delivery, Error, Status};
use payone_types::generated::server::*;
use payone_types::{Charset, PortalKey};

const APPROVED: &[u8] = b"status=APPROVED\ntxid=123456789\nuserid=987654321\n";

fn payment_with_street(street: &'static str) -> Preauthorization {
    let card = Card::new(
        Cardtype::M,
        Cardexpiredate::new("2110"),
        Pseudocardpan::new("9911192220202920292"),
    );
    SubsequentPayment::new(Amount::new(3000), Currency::new("EUR"), card.into())
        .customer(
            Customer::new()
                .lastname(Lastname::new("Approved"))
                .street(Street::new(street)),
        )
        .preauthorization()
        .unwrap()
}

#[tokio::test]
async fn posts_the_form_and_reads_an_approved_answer() {
    let platform = FakePlatform::start(Behaviour::Answer("text/plain", APPROVED.to_vec())).await;
    let client = builder(&platform.url).build().unwrap();
    let answer = client.send(&capture()).await.unwrap();
    let Answer::Approved { txid, userid, .. } = &answer else {
        panic!("{answer:?}")
    };
    assert_eq!(txid.as_deref(), Some("123456789"));
    assert_eq!(userid.as_deref(), Some("987654321"));

    let requests = platform.requests();
    assert_eq!(requests.len(), 1);
    let head = requests[0].head.to_ascii_lowercase();
    assert!(head.starts_with("post /post-gateway/ http/1.1"), "{head}");
    assert!(head.contains("content-type: application/x-www-form-urlencoded; charset=utf-8"));
    let body = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(
        body.starts_with("mid=23456&portalid=1234512&key="),
        "{body}"
    );
    assert!(body.contains("&request=capture&"));
    assert!(body.ends_with("&txid=123456789&sequencenumber=1"));
    assert!(!body.contains("portal-key"));
}

#[tokio::test]
async fn a_latin1_account_sends_and_reads_latin1() {
    let platform = FakePlatform::start(Behaviour::Answer(
        "text/plain",
        b"status=APPROVED\ntxid=1\nstreet=Hellersbergstra\xdfe 14\n".to_vec(),
    ))
    .await;
    let client = payone_client::Client::builder(account().with_encoding(Charset::Latin1))
        .server_api_url(platform.url.clone())
        .build()
        .unwrap();
    let answer = client
        .send(&payment_with_street("Hellersbergstraße 14"))
        .await
        .unwrap();
    // No charset in the answer's Content-Type: read in the declared encoding.
    assert_eq!(answer.get("street"), Some("Hellersbergstraße 14"));
    let request = &platform.requests()[0];
    assert!(
        request
            .head
            .contains("application/x-www-form-urlencoded; charset=ISO-8859-1")
    );
    let body = String::from_utf8(request.body.clone()).unwrap();
    assert!(body.contains("encoding=ISO-8859-1"));
    assert!(body.contains("street=Hellersbergstra%DFe+14"), "{body}");
}

#[tokio::test]
async fn a_request_that_breaks_the_tables_is_never_sent() {
    let platform = FakePlatform::start(Behaviour::Answer("text/plain", APPROVED.to_vec())).await;
    let client = payone_client::Client::builder(account().with_encoding(Charset::Latin1))
        .server_api_url(platform.url.clone())
        .build()
        .unwrap();
    let err = client
        .send(&payment_with_street("5 € Straße"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)));
    assert!(!err.outcome_unknown());
    assert_eq!(
        err.to_string(),
        "the request was not sent because it breaks the parameter tables: street: contains a character that ISO-8859-1 cannot carry"
    );

    let wrong_portal = payone_types::Account::new(23456, 12345123, 12345, PortalKey::new("k"));
    let client = payone_client::Client::builder(wrong_portal)
        .server_api_url(platform.url.clone())
        .build()
        .unwrap();
    assert!(matches!(
        client.send(&capture()).await,
        Err(Error::Validation(_))
    ));
    assert!(
        platform.requests().is_empty(),
        "nothing may reach the platform"
    );
}

#[tokio::test]
async fn status_error_is_a_platform_error_with_all_fields() {
    let platform = FakePlatform::start(Behaviour::Answer(
        "text/plain; charset=UTF-8",
        b"status=ERROR\nerrorcode=911\nerrormessage=Reference number already exists\ncustomermessage=Ein Fehler ist aufgetreten\ntxid=5\n".to_vec(),
    ))
    .await;
    let client = builder(&platform.url).build().unwrap();
    let err = client.send(&capture()).await.unwrap_err();
    let Error::Platform {
        errorcode,
        customermessage,
        fields,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(errorcode, "911");
    assert_eq!(
        customermessage.as_deref(),
        Some("Ein Fehler ist aufgetreten")
    );
    assert_eq!(fields.get("txid"), Some("5"));
    assert_eq!(err.errorcode(), Some("911"));
    assert!(!err.outcome_unknown());
}

#[tokio::test]
async fn a_refused_connection_sent_nothing() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/post-gateway/", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    drop(listener);
    let err = builder(&url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                delivery: Delivery::NotSent,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.outcome_unknown());
    assert!(err.to_string().starts_with("could not connect to PAYONE ("));
    assert!(err.to_string().ends_with("); nothing was sent"));
}

#[tokio::test]
async fn a_timeout_after_sending_leaves_the_outcome_unknown() {
    let platform = FakePlatform::start(Behaviour::Stall(Duration::from_secs(3))).await;
    let err = builder(&platform.url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                delivery: Delivery::MaybeProcessed,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_timeout() && err.outcome_unknown() && err.may_have_been_processed());
    assert_eq!(
        err.to_string(),
        "PAYONE did not answer within 500 ms; the request may have been processed, so check its outcome before sending it again"
    );
    // Sent exactly once: no retry.
    assert_eq!(platform.requests().len(), 1);
}

#[tokio::test]
async fn a_hangup_after_sending_leaves_the_outcome_unknown_and_is_not_retried() {
    let platform = FakePlatform::start(Behaviour::Hangup).await;
    let err = builder(&platform.url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                delivery: Delivery::MaybeProcessed,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.outcome_unknown());
    assert_eq!(platform.requests().len(), 1);
}

#[tokio::test]
async fn http_errors_carry_the_status() {
    let platform = FakePlatform::start(Behaviour::Status(502)).await;
    let client = builder(&platform.url).build().unwrap();
    let err = client.send(&capture()).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 502 }));
    assert!(err.outcome_unknown());
    assert_eq!(platform.requests().len(), 1);

    let platform = FakePlatform::start(Behaviour::Status(404)).await;
    let err = builder(&platform.url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Http { status: 404 }));
    assert!(!err.outcome_unknown());
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let platform = FakePlatform::start(Behaviour::Status(302)).await;
    let err = builder(&platform.url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Http { status: 302 }));
    assert_eq!(platform.requests().len(), 1);
}

#[tokio::test]
async fn redirect_and_pending_answers_are_typed() {
    let platform = FakePlatform::start(Behaviour::Answer(
        "text/plain",
        b"status=REDIRECT\r\nredirecturl=https://secure.pay1.de/3ds?a=1&b=2\r\ntxid=7\r\nuserid=8\r\n".to_vec(),
    ))
    .await;
    let answer = builder(&platform.url)
        .build()
        .unwrap()
        .send(&capture())
        .await
        .unwrap();
    assert_eq!(answer.status(), Status::Redirect);
    let Answer::Redirect { redirecturl, .. } = answer else {
        unreachable!()
    };
    assert_eq!(redirecturl, "https://secure.pay1.de/3ds?a=1&b=2");
}

mod blocking {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn the_blocking_client_sends_the_same_request() {
        let platform =
            FakePlatform::start(Behaviour::Answer("text/plain", APPROVED.to_vec())).await;
        let url = platform.url.clone();
        // reqwest's blocking client must live outside the async runtime.
        let (answer, refused) = tokio::task::spawn_blocking(move || {
            let client = builder(&url).build_blocking().unwrap();
            let answer = client.send(&capture());
            let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let closed_url = format!("http://{}/", closed.local_addr().unwrap())
                .parse()
                .unwrap();
            drop(closed);
            let refused = builder(&closed_url)
                .build_blocking()
                .unwrap()
                .send(&capture());
            (answer, refused)
        })
        .await
        .unwrap();
        assert_eq!(answer.unwrap().txid(), Some("123456789"));
        assert!(matches!(
            refused,
            Err(Error::Transport {
                delivery: Delivery::NotSent,
                ..
            })
        ));
        let body = String::from_utf8(platform.requests()[0].body.clone()).unwrap();
        assert!(body.contains("&request=capture&"));
    }
}
