//! The blocking DirectLink client (feature `blocking`) against a sandbox on its own tokio
//! runtime: plain `#[test]`s with no async context, as a synchronous program uses it. Order,
//! capture and query; the slow-order fallback sends the order once; clones on several threads.

mod common;

use std::time::{Duration, Instant};

use common::PATIENCE;
use payone_client::Url;
use payone_client::directlink::*;
use payone_sandbox::{
    Config, DEFAULT_PSPID, DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_USERID,
    FIRST_PAYID, Faults, Sandbox,
};

/// A sandbox running on a runtime of the test's own, which the blocking client never touches.
struct Blocking {
    runtime: tokio::runtime::Runtime,
    sandbox: Sandbox,
    base: Url,
}

impl Blocking {
    fn start(faults: Faults) -> Blocking {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sandbox = runtime
            .block_on(payone_sandbox::start(Config {
                faults,
                ..Config::default()
            }))
            .expect("sandbox starts");
        let base = sandbox.base_url().parse().expect("a base URL");
        Blocking {
            runtime,
            sandbox,
            base,
        }
    }

    fn config(&self) -> DirectLinkConfig<Test> {
        DirectLinkConfig::<Test>::new(
            DEFAULT_PSPID,
            DEFAULT_USERID,
            Password::new(DEFAULT_PSWD),
            ShaPassphrase::new(DEFAULT_SHA_IN),
            DEFAULT_SHA_ALGO,
        )
        .with_endpoints(Endpoints::with_base(&self.base).expect("a test base"))
        .with_order_timeout(PATIENCE)
        .with_timeout(PATIENCE)
    }

    fn client(&self) -> payone_client::blocking::DirectLinkClient<Test> {
        payone_client::blocking::DirectLinkClient::new(self.config()).expect("client")
    }

    fn count(&self, page: &str) -> u64 {
        self.sandbox
            .requests()
            .get(&format!("directlink.{page}"))
            .copied()
            .unwrap_or(0)
    }

    fn shutdown(self) {
        self.runtime.block_on(self.sandbox.shutdown());
    }
}

fn order_params(orderid: &str, amount: &str) -> Vec<(&'static str, String)> {
    [
        ("ORDERID", orderid),
        ("AMOUNT", amount),
        ("CURRENCY", "EUR"),
        ("CARDNO", "4111111111111111"),
        ("ED", "1230"),
        ("CVC", "123"),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
    ]
    .into_iter()
    .map(|(n, v)| (n, v.to_owned()))
    .collect()
}

fn processed(outcome: &Outcome) -> Status {
    match outcome {
        Outcome::Processed { status, .. } => *status,
        other => panic!("not processed: {other:?}"),
    }
}

fn by_payid(payid: &str) -> QueryBy {
    QueryBy::PayId {
        payid: payid.to_owned(),
        payidsub: None,
    }
}

#[test]
fn order_capture_and_query_without_an_async_runtime() {
    let env = Blocking::start(Faults::default());
    let client = env.client();

    let outcome = match client.order(&order_params("blk-1", "2500")).unwrap() {
        OrderOutcome::Answered(outcome) => outcome,
        other => panic!("not answered: {other:?}"),
    };
    assert_eq!(processed(&outcome), Status::Authorised);
    let payid = outcome.response().payid().unwrap().to_owned();
    assert_eq!(payid, FIRST_PAYID.to_string());

    // A partial capture, then the rest.
    let partial = client
        .maintenance(&[
            ("PAYID", payid.as_str()),
            ("OPERATION", "SAL"),
            ("AMOUNT", "1000"),
        ])
        .unwrap();
    assert_eq!(processed(&partial), Status::PaymentProcessing);
    assert_eq!(partial.response().payidsub(), Some("1"));
    assert_eq!(partial.response().amount(), Some("10"));
    let queried = client.query(by_payid(&payid)).unwrap();
    assert_eq!(processed(&queried), Status::PaymentRequested);
    let rest = client
        .maintenance(&[("PAYID", payid.as_str()), ("OPERATION", "SAS")])
        .unwrap();
    assert_eq!(processed(&rest), Status::PaymentProcessing);
    assert_eq!(rest.response().amount(), Some("15"));
    let again = client
        .maintenance(&[("PAYID", payid.as_str()), ("OPERATION", "SAS")])
        .unwrap();
    assert!(
        matches!(again, Outcome::DuplicateMaintenance { .. }),
        "{again:?}"
    );
    let by_orderid = client.query(QueryBy::OrderId("blk-1".to_owned())).unwrap();
    assert_eq!(by_orderid.response().payid(), Some(payid.as_str()));
    assert_eq!(by_orderid.response().cardno(), Some("XXXXXXXXXXXX1111"));

    // The same typed outcomes as the async client, refusals included.
    let duplicate = client.order(&order_params("blk-1", "2500")).unwrap();
    assert!(
        matches!(&duplicate, OrderOutcome::Answered(Outcome::DuplicateOrder { payid: p, .. }) if *p == payid),
        "{duplicate:?}"
    );
    let refused = client
        .order(&[("ORDERID", "blk-x"), ("PSPID", "someone else")])
        .unwrap_err();
    assert!(matches!(
        refused,
        DirectLinkError::Request(RequestError::Reserved("PSPID"))
    ));
    let policy = client.privacy_policy(&[("BRAND", "VISA")]).unwrap();
    assert_eq!(policy.status(), &PrivacyStatus::Success);

    assert_eq!(env.count("orderdirect"), 2);
    assert_eq!(env.count("maintenancedirect"), 3);
    assert_eq!(env.count("querydirect"), 2);
    env.shutdown();
}

/// Seed 002 section 6.4 through the blocking client: the slow order is sent once and found by
/// `querydirect.asp`; with queries disallowed it stays unknown, still sent once.
#[test]
fn a_slow_order_is_sent_once_and_found_by_the_query() {
    let env = Blocking::start(Faults {
        directlink_order_delay: Duration::from_secs(10),
        ..Faults::default()
    });
    let policy = QueryPolicy::new(3, Duration::from_millis(100), Duration::from_secs(5));
    let client = payone_client::blocking::DirectLinkClient::new(
        env.config()
            .with_order_timeout(Duration::from_millis(500))
            .with_query_policy(policy),
    )
    .unwrap();
    let started = Instant::now();
    match client.order(&order_params("blk-slow", "3300")).unwrap() {
        OrderOutcome::Queried {
            outcome,
            order_error,
            queries,
        } => {
            assert_eq!(queries, 1);
            assert!(
                matches!(order_error, DirectLinkError::Timeout { .. }),
                "{order_error:?}"
            );
            assert_eq!(processed(&outcome), Status::Authorised);
            assert_eq!(outcome.response().orderid(), Some("blk-slow"));
        }
        other => panic!("not found by the query: {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "the client did not wait for the slow answer"
    );
    assert_eq!(env.count("orderdirect"), 1, "the order was sent once");
    assert_eq!(env.count("querydirect"), 1);

    let no_queries = payone_client::blocking::DirectLinkClient::new(
        env.config()
            .with_order_timeout(Duration::from_millis(300))
            .with_query_policy(QueryPolicy::new(0, policy.delay(), policy.timeout())),
    )
    .unwrap();
    let unknown = no_queries
        .order(&order_params("blk-slow-2", "3300"))
        .unwrap();
    assert!(unknown.is_unknown(), "{unknown:?}");
    assert_eq!(env.count("orderdirect"), 2);
    assert_eq!(env.count("querydirect"), 1);
    env.shutdown();
}

/// Clones share one runtime and pool; several threads may block on it at once.
#[test]
fn clones_work_from_several_threads() {
    let env = Blocking::start(Faults::default());
    let client = env.client();
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let client = client.clone();
            std::thread::spawn(move || {
                client
                    .order(&order_params(&format!("blk-thread-{i}"), "100"))
                    .unwrap()
            })
        })
        .collect();
    for thread in threads {
        let outcome = thread.join().expect("no panic");
        assert_eq!(
            outcome.outcome().and_then(Outcome::status),
            Some(Status::Authorised)
        );
    }
    assert_eq!(env.count("orderdirect"), 4);
    drop(client);
    env.shutdown();
}
