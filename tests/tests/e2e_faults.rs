//! The client under the sandbox's injected faults: a late answer, a dropped connection and a
//! 503 each come back as a typed error whose outcome is unknown, the request reached the
//! sandbox exactly once (the client never sends a payment twice), and the next request
//! succeeds once the fault is gone.

mod common;

use std::time::Duration;

use common::*;
use payone_client::{Answer, Delivery, Error, Status};
use payone_sandbox::{Config, Faults};
use payone_types::Charset;

/// The client's limit in the timeout test: far below the injected latency, far above what a
/// loopback request takes even on a loaded machine.
const TIMEOUT: Duration = Duration::from_secs(2);
/// The injected latency: long enough that the client has certainly given up; the sandbox's
/// shutdown ends the waiting handler.
const LATENCY: Duration = Duration::from_secs(60);

/// Waits until the sandbox has counted `n` preauthorizations, then checks it stays at `n`
/// (counted when the request arrives, before the fault).
async fn sent_exactly(env: &Env, n: u64) {
    eventually("the request to arrive", || {
        env.sandbox
            .requests()
            .get("preauthorization")
            .is_some_and(|c| *c >= n)
    })
    .await;
    assert_eq!(
        env.requests().await.get("preauthorization"),
        Some(&n),
        "the request arrived more than once"
    );
}

async fn succeeds(client: &payone_client::Client) -> Answer {
    let answer = client.send(&preauthorization(1000)).await.unwrap();
    assert_eq!(answer.status(), Status::Approved);
    answer
}

#[tokio::test]
async fn latency_beyond_the_timeout_is_a_timeout_with_unknown_outcome_sent_once() {
    let env = Env::start().await;
    let client = builder(&env.base, account(Charset::Utf8))
        .timeout(TIMEOUT)
        .build()
        .unwrap();
    env.sandbox.set_faults(Faults {
        latency: LATENCY,
        ..Faults::default()
    });

    let started = std::time::Instant::now();
    let err = bounded(
        "the timed-out request",
        client.send(&preauthorization(1000)),
    )
    .await
    .unwrap_err();
    assert!(
        started.elapsed() < LATENCY,
        "the client waited for the answer"
    );
    assert!(
        matches!(
            err,
            Error::Timeout {
                after: TIMEOUT,
                delivery: Delivery::MaybeProcessed
            }
        ),
        "{err:?}"
    );
    assert!(err.outcome_unknown() && err.is_timeout());
    insta::assert_snapshot!(err, @"PAYONE did not answer within 2 s; the request may have been processed, so check its outcome before sending it again");
    sent_exactly(&env, 1).await;

    env.sandbox.set_faults(Faults::default());
    succeeds(&client).await;
    sent_exactly(&env, 2).await;
    env.shutdown().await;
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_with_unknown_outcome_sent_once() {
    let env = Env::with_config(Config {
        faults: Faults {
            drop_next: 1,
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;

    let err = env.client.send(&preauthorization(1000)).await.unwrap_err();
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
    assert!(
        err.to_string()
            .starts_with("the connection to PAYONE failed after the request was sent ("),
        "{err}"
    );
    sent_exactly(&env, 1).await;
    assert_eq!(env.sandbox.faults(), Faults::default(), "counted down");

    // The fault was for one request only.
    succeeds(&env.client).await;
    sent_exactly(&env, 2).await;
    env.shutdown().await;
}

#[tokio::test]
async fn status_503_is_a_typed_http_error_sent_once_and_the_next_request_succeeds() {
    let env = Env::start().await;
    // Through the sandbox's fault endpoint, as a test in another language would set it.
    let response = http()
        .post(format!("{}/sandbox/faults", env.sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("status=503&status_count=1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(env.sandbox.faults().status_next, Some((503, 1)));

    let err = env.client.send(&preauthorization(1000)).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 503 }), "{err:?}");
    assert!(err.outcome_unknown());
    insta::assert_snapshot!(err, @"PAYONE answered with HTTP status 503; the request may have been processed, so check its outcome before sending it again");
    sent_exactly(&env, 1).await;

    let answer = succeeds(&env.client).await;
    // The 503 created nothing: the first transaction is the one that succeeded.
    assert_eq!(answer.txid(), Some("100000001"));
    sent_exactly(&env, 2).await;
    env.shutdown().await;
}
