//! TransactionStatus notifications from the sandbox to a receiver built with
//! `payone_client::notification::axum::notification_router`, over loopback: delivered,
//! retried until `TSOK`, de-duplicated by `dedup_key()`; refused with a wrong portal key,
//! after which the sandbox gives up.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use common::*;
use payone_client::notification::axum::notification_router;
use payone_client::notification::{
    DedupKey, Notification, NotifyVersion, TransactionStatus, TxAction, Verifier,
};
use payone_sandbox::{Config, DEFAULT_AID, DEFAULT_KEY, DEFAULT_PORTALID, Delivery};
use payone_types::PortalKey;

/// What the shop's receiver saw and kept.
#[derive(Default)]
struct Shop {
    /// The HTTP status of every answer the receiver gave, in order.
    answers: Vec<u16>,
    /// Every notification that passed verification, by dedup key, in order of arrival.
    arrivals: Vec<DedupKey>,
    /// The notifications kept: one per dedup key.
    stored: BTreeMap<DedupKey, Notification>,
    /// Keys in the order they were first stored.
    order: Vec<DedupKey>,
    /// The txaction whose first delivery fails after it was stored, as if the process had
    /// died before answering: PAYONE sends it again, and the shop must not store it twice.
    fail_once: Option<&'static str>,
}

type Shared = Arc<Mutex<Shop>>;

/// Starts the receiver on loopback; its URL and what it sees.
async fn receiver(verifier: Verifier, fail_once: Option<&'static str>) -> (String, Shared) {
    let shop: Shared = Arc::new(Mutex::new(Shop {
        fail_once,
        ..Shop::default()
    }));
    let store = shop.clone();
    let router = notification_router(verifier, move |n: Notification| {
        let store = store.clone();
        async move {
            let mut shop = store.lock().unwrap();
            let key = n.dedup_key();
            shop.arrivals.push(key.clone());
            if shop.stored.contains_key(&key) {
                return Ok(()); // a resend of what is already stored
            }
            let txaction = n.txaction().as_str().to_owned();
            shop.stored.insert(key.clone(), n);
            shop.order.push(key);
            if shop.fail_once == Some(txaction.as_str()) {
                shop.fail_once = None;
                return Err("stored, but the answer was lost");
            }
            Ok(())
        }
    });
    let log = shop.clone();
    let router = router.layer(middleware::from_fn(move |request: Request, next: Next| {
        let log = log.clone();
        async move {
            let response: Response = next.run(request).await;
            log.lock().unwrap().answers.push(response.status().as_u16());
            response
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    (format!("http://{addr}/"), shop)
}

fn verifier(key: &str) -> Verifier {
    Verifier::new(&PortalKey::new(key), DEFAULT_PORTALID, DEFAULT_AID)
}

fn config(notify_url: String, max_attempts: u32) -> Config {
    Config {
        notify_url: Some(notify_url),
        notify_retry: Duration::from_millis(50),
        notify_max_attempts: max_attempts,
        ..Default::default()
    }
}

#[tokio::test]
async fn delivered_retried_until_tsok_and_stored_once() {
    let (url, shop) = receiver(verifier(DEFAULT_KEY), Some("capture")).await;
    let env = Env::with_config(config(url, 20)).await;

    let txid = txid(&env.client.send(&preauthorization(10000)).await.unwrap());
    env.client.send(&capture(&txid, 1, 4000)).await.unwrap();
    env.client.send(&refund(&txid, 2, -1000)).await.unwrap();

    eventually("three notifications confirmed with TSOK", || {
        let log = env.sandbox.notifications();
        log.len() == 3 && log.iter().all(|n| n.tsok())
    })
    .await;
    let log = env.sandbox.notifications();
    let attempts: Vec<(&str, u32, Delivery)> = log
        .iter()
        .map(|n| (n.txaction.as_str(), n.attempts, n.delivery))
        .collect();
    assert_eq!(
        attempts,
        [
            ("appointed", 1, Delivery::Confirmed),
            ("capture", 2, Delivery::Confirmed),
            ("refund", 1, Delivery::Confirmed),
        ]
    );

    {
        let shop = shop.lock().unwrap();
        // The capture arrived twice (the first answer was 500); the refund waited behind it.
        assert_eq!(shop.answers, [200, 500, 200, 200]);
        let arrivals: Vec<String> = shop.arrivals.iter().map(ToString::to_string).collect();
        assert_eq!(
            arrivals,
            [
                "100000001/0/appointed",
                "100000001/1/capture",
                "100000001/1/capture",
                "100000001/2/refund",
            ]
        );
        // Stored once each, in order.
        let stored: Vec<String> = shop.order.iter().map(ToString::to_string).collect();
        assert_eq!(
            stored,
            [
                "100000001/0/appointed",
                "100000001/1/capture",
                "100000001/2/refund"
            ]
        );
        assert_eq!(shop.stored.len(), 3);

        let capture = &shop.stored[&shop.order[1]];
        assert_eq!(capture.txaction(), &TxAction::Capture);
        assert_eq!(capture.txid(), Some(txid.as_str()));
        assert_eq!(capture.sequencenumber(), Some(1));
        assert_eq!(capture.price_minor_units().unwrap(), Some(10000));
        assert_eq!(capture.receivable_minor_units().unwrap(), Some(4000));
        assert_eq!(
            capture.transaction_status(),
            Some(TransactionStatus::Completed)
        );
        assert_eq!(capture.notify_version(), Some(NotifyVersion::V7_5));
        let refund = &shop.stored[&shop.order[2]];
        assert_eq!(refund.receivable(), Some("30.00"));
    }
    env.shutdown().await;
}

#[tokio::test]
async fn a_receiver_with_another_portal_key_refuses_and_the_sandbox_gives_up() {
    let (url, shop) = receiver(verifier("another portal key"), None).await;
    let env = Env::with_config(config(url, 3)).await;

    env.client.send(&preauthorization(1000)).await.unwrap();
    eventually("the sandbox to give up", || {
        env.sandbox.notifications()[0].delivery == Delivery::GaveUp
    })
    .await;
    let log = env.sandbox.notifications();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].attempts, 3);
    // Stopping ends every delivery: no fourth attempt can follow.
    env.shutdown().await;

    let shop = shop.lock().unwrap();
    assert_eq!(shop.answers, [401, 401, 401]);
    assert!(shop.arrivals.is_empty(), "refused before the callback");
}
