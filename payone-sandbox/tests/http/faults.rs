//! Fault injection: latency, dropped connections, error statuses.

use std::time::{Duration, Instant};

use payone_sandbox::Faults;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{http, post_raw, sandbox, server, server_form};

const AUTH: &[(&str, &str)] = &[
    ("clearingtype", "cc"),
    ("lastname", "Approved"),
    ("amount", "100"),
    ("currency", "EUR"),
];

async fn set(base: &str, form: &'static str) -> String {
    http()
        .post(format!("{base}/sandbox/faults"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn latency_delays_and_a_short_timeout_fires() {
    let sandbox = sandbox().await;
    let shown = set(&sandbox.base_url(), "latency_ms=300").await;
    assert_eq!(
        shown,
        "latency_ms=300\ndrop_next=0\nstatus=\nstatus_count=0\ndirectlink_order_delay_ms=0\n"
    );
    let started = Instant::now();
    server(&sandbox, "authorization", AUTH).await;
    assert!(started.elapsed() >= Duration::from_millis(300));

    let timed_out = http()
        .post(format!("{}/post-gateway/", sandbox.base_url()))
        .timeout(Duration::from_millis(100))
        .body(server_form("authorization", AUTH))
        .send()
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout(), "{timed_out}");

    // Pages and /sandbox/ are never delayed.
    let started = Instant::now();
    http()
        .get(format!("{}/sandbox/faults", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(300));
    sandbox.shutdown().await;
}

/// The connection is closed without a byte of answer; the request still counts as received.
#[tokio::test]
async fn a_dropped_connection_closes_without_an_answer() {
    let sandbox = sandbox().await;
    sandbox.set_faults(Faults {
        drop_next: 1,
        ..Faults::default()
    });
    let body = server_form("authorization", AUTH);
    let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let request = format!(
        "POST /post-gateway/ HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        sandbox.addr(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .expect("closed within 5 s");
    match read {
        Ok(n) => assert_eq!(n, 0, "{}", String::from_utf8_lossy(&answer)),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset),
    }
    assert_eq!(sandbox.faults().drop_next, 0);

    // reqwest sees the closed connection as an error, and the next request goes through.
    sandbox.set_faults(Faults {
        drop_next: 1,
        ..Faults::default()
    });
    let err = http()
        .post(format!("{}/post-gateway/", sandbox.base_url()))
        .body(body.clone())
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout(), "{err}");
    let answer = server(&sandbox, "authorization", AUTH).await;
    assert!(
        answer.starts_with("status=APPROVED\ntxid=100000001\n"),
        "{answer}"
    );
    assert_eq!(sandbox.requests().get("authorization"), Some(&3));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn error_statuses_with_empty_bodies_then_normal_answers() {
    let sandbox = sandbox().await;
    set(&sandbox.base_url(), "status=503&status_count=2").await;
    for _ in 0..2 {
        let response = http()
            .post(format!("{}/post-gateway/", sandbox.base_url()))
            .body(server_form("authorization", AUTH))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert!(response.bytes().await.unwrap().is_empty());
    }
    let (_, answer) = post_raw(&sandbox, server_form("authorization", AUTH)).await;
    assert!(answer.starts_with(b"status=APPROVED"));
    let shown = http()
        .get(format!("{}/sandbox/faults", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        shown,
        "latency_ms=0\ndrop_next=0\nstatus=\nstatus_count=0\ndirectlink_order_delay_ms=0\n"
    );
    sandbox.shutdown().await;
}
