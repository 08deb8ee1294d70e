//! TransactionStatus notifications to a tiny receiver that is not ready at first.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use payone_sandbox::{Config, Delivery, Sandbox};

use crate::common::{eventually, field, key_md5, server};

/// What the receiver saw: content type and body of each POST.
type Seen = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A receiver that answers `not yet` to the first `failures` POSTs, then `TSOK`.
async fn receiver(failures: usize) -> (SocketAddr, Seen) {
    let seen: Seen = Arc::default();
    async fn receive(
        State((seen, failures)): State<(Seen, usize)>,
        headers: HeaderMap,
        body: Bytes,
    ) -> &'static str {
        let mut seen = seen.lock().unwrap();
        let content_type = headers["content-type"].to_str().unwrap().to_owned();
        seen.push((content_type, body.to_vec()));
        if seen.len() > failures {
            "TSOK"
        } else {
            "not yet"
        }
    }
    let app = Router::new()
        .route("/notify", post(receive))
        .with_state((seen.clone(), failures));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, seen)
}

async fn sandbox_notifying(addr: SocketAddr, attempts: u32) -> Sandbox {
    payone_sandbox::start(Config {
        notify_url: Some(format!("http://{addr}/notify")),
        notify_retry: Duration::from_millis(50),
        notify_max_attempts: attempts,
        ..Config::default()
    })
    .await
    .unwrap()
}

fn params(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn get<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn retried_until_tsok() {
    let (addr, seen) = receiver(2).await;
    let sandbox = sandbox_notifying(addr, 5).await;
    let answer = server(
        &sandbox,
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "1999"),
            ("currency", "EUR"),
            ("reference", "n-1"),
            ("customerid", "c-42"),
        ],
    )
    .await;
    let txid = field(&answer, "txid").to_owned();
    eventually("TSOK", || sandbox.notifications()[0].tsok()).await;
    let n = &sandbox.notifications()[0];
    assert_eq!(n.attempts, 3);
    assert_eq!(n.delivery, Delivery::Confirmed);

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0].0,
        "application/x-www-form-urlencoded; charset=ISO-8859-1"
    );
    assert!(
        seen.iter().all(|(_, body)| *body == seen[0].1),
        "the same body every time"
    );
    let p = params(&seen[0].1);
    assert_eq!(get(&p, "key"), Some(key_md5().as_str()));
    assert_eq!(get(&p, "txaction"), Some("appointed"));
    assert_eq!(get(&p, "transaction_status"), Some("completed"));
    assert_eq!(get(&p, "notify_version"), Some("7.5"));
    assert_eq!(get(&p, "txid"), Some(txid.as_str()));
    assert_eq!(get(&p, "portalid"), Some("2000001"));
    assert_eq!(get(&p, "aid"), Some("10002"));
    assert_eq!(get(&p, "mode"), Some("test"));
    assert_eq!(get(&p, "sequencenumber"), Some("0"));
    assert_eq!(get(&p, "clearingtype"), Some("cc"));
    assert_eq!(get(&p, "currency"), Some("EUR"));
    assert_eq!(get(&p, "price"), Some("19.99"));
    assert_eq!(get(&p, "receivable"), Some("19.99"));
    assert_eq!(get(&p, "balance"), Some("19.99"));
    assert_eq!(get(&p, "reference"), Some("n-1"));
    assert_eq!(get(&p, "customerid"), Some("c-42"));
    assert_eq!(get(&p, "userid"), Some("200000001"));
    assert!(get(&p, "txtime").unwrap().parse::<u64>().unwrap() > 1_600_000_000);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn bounded_when_tsok_never_comes() {
    let (addr, seen) = receiver(usize::MAX).await;
    let sandbox = sandbox_notifying(addr, 3).await;
    server(
        &sandbox,
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "100"),
            ("currency", "EUR"),
        ],
    )
    .await;
    eventually("giving up", || {
        sandbox.notifications()[0].delivery == Delivery::GaveUp
    })
    .await;
    assert_eq!(sandbox.notifications()[0].attempts, 3);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(seen.lock().unwrap().len(), 3, "no attempt after giving up");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_transactions_notifications_arrive_in_order() {
    let (addr, seen) = receiver(1).await;
    let sandbox = sandbox_notifying(addr, 5).await;
    let answer = server(
        &sandbox,
        "preauthorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "1000"),
            ("currency", "EUR"),
        ],
    )
    .await;
    let txid = field(&answer, "txid");
    let capture = [
        ("txid", txid),
        ("sequencenumber", "1"),
        ("amount", "400"),
        ("currency", "EUR"),
    ];
    server(&sandbox, "capture", &capture).await;
    eventually("both confirmed", || {
        let n = sandbox.notifications();
        n.len() == 2 && n.iter().all(|n| n.tsok())
    })
    .await;
    let actions: Vec<(String, String, String)> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| {
            let p = params(body);
            let v = |n| get(&p, n).unwrap().to_owned();
            (v("txaction"), v("sequencenumber"), v("receivable"))
        })
        .collect();
    let expect = |a: &str, s: &str, r: &str| (a.to_owned(), s.to_owned(), r.to_owned());
    assert_eq!(
        actions,
        [
            expect("appointed", "0", "0.00"),
            expect("appointed", "0", "0.00"),
            expect("capture", "1", "4.00"),
        ]
    );
    sandbox.shutdown().await;
}
