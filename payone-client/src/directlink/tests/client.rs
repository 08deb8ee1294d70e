//! The client against a tiny DirectLink server on 127.0.0.1 whose pages can be slow, fail or
//! answer a scripted sequence; it counts what it receives.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use reqwest::Url;

use crate::directlink::*;
use crate::error::Delivery;

const ORDER_OK: &str = r#"<?xml version="1.0"?><ncresponse orderID="order-1" PAYID="3014726" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="test123" STATUS="5" ECI="7" amount="15" currency="EUR" PM="CreditCard" BRAND="VISA"/>"#;
const QUERY_FOUND: &str = r#"<?xml version="1.0"?><ncresponse orderID="order-1" PAYID="3014726" PAYIDSUB="0" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="test123" STATUS="5" ECI="7" amount="15" currency="EUR" PM="CreditCard" BRAND="VISA" CARDNO="XXXXXXXXXXXX1111" IP="127.0.0.1"/>"#;
const QUERY_UNKNOWN_ORDER: &str = r#"<?xml version="1.0"?><ncresponse orderID="order-1" PAYID="0" NCSTATUS="5" NCERROR="50001130" NCERRORPLUS="unknown orderid order-1 for merchant MyPSPID" ACCEPTANCE="" STATUS="" amount="" currency=""/>"#;
const QUERY_FAILED_88: &str =
    r#"<ncresponse orderID="order-1" PAYID="3014726" NCERROR="" STATUS="88"/>"#;
const DUPLICATE_ORDER: &str = r#"<ncresponse orderID="order-1" PAYID="3014726" NCSTATUS="5" NCERROR="50001113" NCERRORPLUS="This order has already been processed" ACCEPTANCE="test123" STATUS="0"/>"#;
const DUPLICATE_MAINTENANCE: &str = r#"<ncresponse orderID="order-1" PAYID="3014726" PAYIDSUB="2" NCSTATUS="5" NCERROR="50001127" NCERRORPLUS="This order is not authorized" ACCEPTANCE="" STATUS="0"/>"#;
const PRIVACY: &str = include_str!("fixtures/privacy_7_2_success.xml");

const PASSWORD: &str = "api-password-s3cret";
const SHA_IN: &str = "sha-in-passphrase-s3cret";
const CARDNO: &str = "4111111111111111";

/// What a page does with a request.
#[derive(Clone)]
enum Behaviour {
    /// Answers 200 with this body.
    Answer(&'static str),
    /// Waits this long, then answers 200 with this body.
    Slow(Duration, &'static str),
    /// Answers with this HTTP status.
    Status(u16),
}

#[derive(Default)]
struct Page {
    /// One behaviour per request in turn; the last one repeats.
    script: Vec<Behaviour>,
    calls: AtomicUsize,
    bodies: Mutex<Vec<String>>,
}

#[derive(Default)]
struct Server {
    order: Page,
    maintenance: Page,
    query: Page,
    privacy: Page,
}

fn page(script: Vec<Behaviour>) -> Page {
    Page {
        script,
        ..Page::default()
    }
}

async fn serve(page: &Page, body: String) -> Response {
    let call = page.calls.fetch_add(1, Ordering::SeqCst);
    page.bodies.lock().unwrap().push(body);
    let behaviour = page
        .script
        .get(call)
        .or(page.script.last())
        .cloned()
        .unwrap_or(Behaviour::Status(404));
    match behaviour {
        Behaviour::Answer(xml) => xml.into_response(),
        Behaviour::Slow(wait, xml) => {
            tokio::time::sleep(wait).await;
            xml.into_response()
        }
        Behaviour::Status(code) => StatusCode::from_u16(code).unwrap().into_response(),
    }
}

impl Server {
    async fn start(self) -> (Arc<Server>, Url) {
        let server = Arc::new(self);
        let app = axum::Router::new()
            .route(
                "/ncol/test/orderdirect.asp",
                post(|State(s): State<Arc<Server>>, body: String| async move {
                    serve(&s.order, body).await
                }),
            )
            .route(
                "/ncol/test/maintenancedirect.asp",
                post(|State(s): State<Arc<Server>>, body: String| async move {
                    serve(&s.maintenance, body).await
                }),
            )
            .route(
                "/ncol/test/querydirect.asp",
                post(|State(s): State<Arc<Server>>, body: String| async move {
                    serve(&s.query, body).await
                }),
            )
            .route(
                "/ncol/test/privacy-policy.asp",
                post(|State(s): State<Arc<Server>>, body: String| async move {
                    serve(&s.privacy, body).await
                }),
            )
            .with_state(server.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        (server, base)
    }
}

/// Order timeout 300 ms; queries 1 s each, 50 ms apart, at most 3.
fn client(base: &Url) -> DirectLinkClient<Test> {
    let config = DirectLinkConfig::<Test>::new(
        "MyPSPID",
        "apiuser",
        Password::new(PASSWORD),
        ShaPassphrase::new(SHA_IN),
        ShaAlgorithm::Sha512,
    )
    .with_endpoints(Endpoints::with_base(base).unwrap())
    .with_order_timeout(Duration::from_millis(300))
    .with_timeout(Duration::from_secs(2))
    .with_query_policy(QueryPolicy::new(
        3,
        Duration::from_millis(50),
        Duration::from_secs(1),
    ));
    DirectLinkClient::new(config).unwrap()
}

const ORDER: [(&str, &str); 8] = [
    ("ORDERID", "order-1"),
    ("AMOUNT", "1500"),
    ("CURRENCY", "EUR"),
    ("CARDNO", CARDNO),
    ("ED", "12/30"),
    ("CVC", "123"),
    ("CN", "Erika Mustermann"),
    ("OPERATION", "SAL"),
];

fn decode(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

fn bodies(page: &Page) -> Vec<Vec<(String, String)>> {
    page.bodies
        .lock()
        .unwrap()
        .iter()
        .map(|b| decode(b))
        .collect()
}

fn calls(page: &Page) -> usize {
    page.calls.load(Ordering::SeqCst)
}

#[tokio::test]
async fn an_answered_order_is_signed_and_sent_once() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Answer(ORDER_OK)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    match &outcome {
        OrderOutcome::Answered(Outcome::Processed { status, response }) => {
            assert_eq!(*status, Status::Authorised);
            assert_eq!(response.payid(), Some("3014726"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 0));

    let sent = bodies(&server.order).remove(0);
    let names: Vec<&str> = sent.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "PSPID",
            "USERID",
            "PSWD",
            "ORDERID",
            "AMOUNT",
            "CURRENCY",
            "CARDNO",
            "ED",
            "CVC",
            "CN",
            "OPERATION",
            "SHASIGN"
        ]
    );
    assert_eq!(sent[2].1, PASSWORD);
    let (signed, shasign) = sent.split_at(sent.len() - 1);
    assert_eq!(
        shasign[0].1,
        sha_sign(
            signed,
            &ShaPassphrase::new(SHA_IN),
            ShaAlgorithm::Sha512,
            &ShaList::All
        )
    );
}

#[tokio::test]
async fn a_slow_order_is_queried_never_resent() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Slow(Duration::from_secs(5), ORDER_OK)]),
        query: page(vec![Behaviour::Answer(QUERY_FOUND)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    match &outcome {
        OrderOutcome::Queried {
            outcome: Outcome::Processed { status, response },
            order_error,
            queries,
        } => {
            assert_eq!(*status, Status::Authorised);
            assert_eq!(response.cardno(), Some("XXXXXXXXXXXX1111"));
            assert_eq!(*queries, 1);
            assert!(matches!(
                order_error,
                DirectLinkError::Timeout {
                    endpoint: Endpoint::Order,
                    delivery: Delivery::MaybeProcessed,
                    ..
                }
            ));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(calls(&server.order), 1, "the order was POSTed exactly once");
    assert_eq!(calls(&server.query), 1);
    // The query names the order and carries neither card data nor a signature.
    let query = bodies(&server.query).remove(0);
    let names: Vec<&str> = query.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["PSPID", "USERID", "PSWD", "ORDERID"]);
    assert_eq!(query[3].1, "order-1");
}

#[tokio::test]
async fn queries_repeat_until_the_order_is_found() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Slow(Duration::from_secs(5), ORDER_OK)]),
        query: page(vec![
            Behaviour::Answer(QUERY_UNKNOWN_ORDER),
            Behaviour::Answer(QUERY_FAILED_88),
            Behaviour::Answer(QUERY_FOUND),
        ]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    assert!(
        matches!(outcome, OrderOutcome::Queried { queries: 3, .. }),
        "{outcome:?}"
    );
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 3));
}

#[tokio::test]
async fn an_order_not_found_within_the_bounds_is_unknown() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Slow(Duration::from_secs(5), ORDER_OK)]),
        query: page(vec![Behaviour::Answer(QUERY_UNKNOWN_ORDER)]),
        ..Server::default()
    }
    .start()
    .await;
    let started = Instant::now();
    let outcome = client(&base).order(&ORDER).await.unwrap();
    match &outcome {
        OrderOutcome::Unknown {
            queries: 3,
            last_query: Some(Ok(answer)),
            order_error,
        } => {
            assert_eq!(answer.ncerror(), Some(NcError::Other(50001130)));
            assert!(order_error.outcome_unknown());
        }
        other => panic!("{other:?}"),
    }
    assert!(outcome.is_unknown() && outcome.outcome().is_none());
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 3));
    // 300 ms order timeout + 2 × 50 ms between queries, far below the server's 5 s.
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn slow_queries_leave_the_outcome_unknown() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Status(503)]),
        query: page(vec![Behaviour::Slow(Duration::from_secs(5), QUERY_FOUND)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    match &outcome {
        OrderOutcome::Unknown {
            queries: 3,
            last_query: Some(Err(DirectLinkError::Timeout { endpoint, .. })),
            order_error: DirectLinkError::Http { status: 503, .. },
        } => assert_eq!(*endpoint, Endpoint::Query),
        other => panic!("{other:?}"),
    }
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 3));
}

#[tokio::test]
async fn an_unreadable_order_answer_is_queried() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Answer("<html>Bad gateway</html>")]),
        query: page(vec![Behaviour::Answer(QUERY_FOUND)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    match outcome {
        OrderOutcome::Queried { order_error, .. } => assert_eq!(
            order_error.to_string(),
            "the answer of orderdirect.asp could not be read; the request may have been \
             processed, so check its outcome before sending it again"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 1));
}

/// A limit that an `ORDER_OK` answer meets exactly and a `QUERY_FOUND` one passes.
fn limited(base: &Url) -> DirectLinkClient<Test> {
    let config = client(base)
        .config()
        .clone()
        .with_max_answer_bytes(ORDER_OK.len());
    DirectLinkClient::new(config).unwrap()
}

#[tokio::test]
async fn an_order_answer_larger_than_the_limit_is_queried_like_an_unreadable_one() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Answer(QUERY_FOUND)]),
        query: page(vec![Behaviour::Answer(ORDER_OK)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = limited(&base).order(&ORDER).await.unwrap();
    match outcome {
        OrderOutcome::Queried {
            order_error,
            outcome,
            ..
        } => {
            assert!(matches!(
                order_error,
                DirectLinkError::AnswerTooLarge {
                    endpoint: Endpoint::Order,
                    limit,
                } if limit == ORDER_OK.len()
            ));
            assert_eq!(
                order_error.to_string(),
                format!(
                    "the answer of orderdirect.asp is larger than the limit of {} bytes, so it \
                     was not read; the request may have been processed, so check its outcome \
                     before sending it again",
                    ORDER_OK.len()
                )
            );
            // The query's answer is exactly at the limit: read.
            assert_eq!(outcome.status(), Some(Status::Authorised));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 1));
}

#[tokio::test]
async fn a_maintenance_answer_larger_than_the_limit_leaves_the_outcome_open() {
    let (server, base) = Server {
        maintenance: page(vec![Behaviour::Answer(QUERY_FOUND)]),
        ..Server::default()
    }
    .start()
    .await;
    let error = limited(&base)
        .maintenance(&[("PAYID", "3014726"), ("OPERATION", "SAS")])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DirectLinkError::AnswerTooLarge {
                endpoint: Endpoint::Maintenance,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.outcome_unknown());
    assert_eq!(calls(&server.maintenance), 1);
}

#[tokio::test]
async fn a_refused_order_is_an_error_without_queries() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Status(403)]),
        query: page(vec![Behaviour::Answer(QUERY_FOUND)]),
        ..Server::default()
    }
    .start()
    .await;
    let error = client(&base).order(&ORDER).await.unwrap_err();
    assert!(!error.outcome_unknown());
    assert_eq!(
        error.to_string(),
        "orderdirect.asp answered with HTTP status 403; the platform refused the request"
    );
    assert_eq!((calls(&server.order), calls(&server.query)), (1, 0));

    // Nobody listening: nothing was sent, nothing to query.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
    drop(listener);
    let error = client(&closed).order(&ORDER).await.unwrap_err();
    assert!(
        matches!(
            error,
            DirectLinkError::Transport {
                delivery: Delivery::NotSent,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_duplicate_order_is_a_typed_outcome() {
    let (_server, base) = Server {
        order: page(vec![Behaviour::Answer(DUPLICATE_ORDER)]),
        ..Server::default()
    }
    .start()
    .await;
    let outcome = client(&base).order(&ORDER).await.unwrap();
    assert!(matches!(
        outcome,
        OrderOutcome::Answered(Outcome::DuplicateOrder { ref payid, .. }) if payid == "3014726"
    ));
}

#[tokio::test]
async fn maintenance_is_signed_and_a_duplicate_is_typed() {
    let (server, base) = Server {
        maintenance: page(vec![
            Behaviour::Answer(include_str!("fixtures/maintenance_5_2.xml")),
            Behaviour::Answer(DUPLICATE_MAINTENANCE),
        ]),
        ..Server::default()
    }
    .start()
    .await;
    let client = client(&base);
    let capture = [
        ("PAYID", "1111111"),
        ("AMOUNT", "125"),
        ("OPERATION", "SAS"),
    ];
    let first = client.maintenance(&capture).await.unwrap();
    assert_eq!(first.status(), Some(Status::PaymentProcessing));
    let second = client.maintenance(&capture).await.unwrap();
    assert!(matches!(second, Outcome::DuplicateMaintenance { .. }));
    assert_eq!(calls(&server.maintenance), 2);
    let sent = bodies(&server.maintenance).remove(0);
    assert_eq!(sent.last().unwrap().0, "SHASIGN");
}

#[tokio::test]
async fn query_by_payid_and_privacy_policy_are_not_signed() {
    let (server, base) = Server {
        query: page(vec![Behaviour::Answer(include_str!(
            "fixtures/query_6_2.xml"
        ))]),
        privacy: page(vec![Behaviour::Answer(PRIVACY)]),
        ..Server::default()
    }
    .start()
    .await;
    let client = client(&base);
    let outcome = client
        .query(QueryBy::PayId {
            payid: "1111111".into(),
            payidsub: Some("3".into()),
        })
        .await
        .unwrap();
    assert_eq!(outcome.status(), Some(Status::PaymentRequested));
    let query = bodies(&server.query).remove(0);
    assert_eq!(
        query[3..],
        [
            ("PAYID".to_owned(), "1111111".to_owned()),
            ("PAYIDSUB".to_owned(), "3".to_owned())
        ]
    );

    let policy = client
        .privacy_policy(&[
            ("BRAND", "VISA"),
            ("BRAND", "American Express"),
            ("LANGUAGE", "de"),
        ])
        .await
        .unwrap();
    assert_eq!(policy.status(), &PrivacyStatus::Success);
    let sent = bodies(&server.privacy).remove(0);
    let names: Vec<&str> = sent.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["PSPID", "USERID", "PSWD", "BRAND", "BRAND", "LANGUAGE"]
    );
}

#[tokio::test]
async fn requests_that_break_a_rule_are_not_sent() {
    let (server, base) = Server {
        order: page(vec![Behaviour::Answer(ORDER_OK)]),
        ..Server::default()
    }
    .start()
    .await;
    let client = client(&base);
    let refused = [
        (
            vec![("ORDERID", "1"), ("pswd", "x")],
            "the DirectLink request was not sent because it sets PSWD, which the client adds \
             from its configuration",
        ),
        (
            vec![("AMOUNT", "1")],
            "the DirectLink request was not sent because it has no ORDERID, which orders need \
             and the timeout fallback queries by",
        ),
        (
            vec![("ORDERID", "1"), ("RTIMEOUT", "30")],
            "the DirectLink request was not sent because its RTIMEOUT of 30 s is not shorter \
             than the client's order timeout of 300 ms",
        ),
        (
            vec![("ORDERID", "1"), ("orderid", "2")],
            "the DirectLink request was not sent because it has more than one ORDERID",
        ),
    ];
    for (params, message) in refused {
        let error = client.order(&params).await.unwrap_err();
        assert_eq!(error.to_string(), message);
        assert!(!error.outcome_unknown());
    }
    assert_eq!(calls(&server.order), 0);
}

#[tokio::test]
async fn secrets_are_never_printed() {
    let (_server, base) = Server {
        order: page(vec![Behaviour::Status(503)]),
        query: page(vec![Behaviour::Status(500)]),
        ..Server::default()
    }
    .start()
    .await;
    let client = client(&base);
    let outcome = client.order(&ORDER).await.unwrap();
    let printed = format!("{client:?} {:?} {outcome:?}", client.config());
    if let OrderOutcome::Unknown {
        order_error,
        last_query: Some(Err(query_error)),
        ..
    } = &outcome
    {
        let printed = format!("{printed} {order_error} {query_error}");
        for secret in [PASSWORD, SHA_IN, CARDNO] {
            assert!(!printed.contains(secret), "{secret} printed");
        }
    } else {
        panic!("{outcome:?}");
    }
}
