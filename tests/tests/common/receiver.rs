//! The shop's TransactionStatus receiver for the end-to-end payment flows: a loopback axum
//! endpoint that verifies each notification, answers `TSOK` and records it, and a sandbox that
//! delivers to it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use payone_client::notification::axum::notification_router;
use payone_client::notification::{Notification, Verifier};
use payone_sandbox::{Config, DEFAULT_AID, DEFAULT_KEY, DEFAULT_PORTALID};
use payone_types::PortalKey;

use super::Env;

/// The shop's receiver: every verified notification as `txaction balance`, in order.
pub async fn receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let store = seen.clone();
    let verifier = Verifier::new(&PortalKey::new(DEFAULT_KEY), DEFAULT_PORTALID, DEFAULT_AID);
    let router = notification_router(verifier, move |n: Notification| {
        let store = store.clone();
        async move {
            store
                .lock()
                .unwrap()
                .push(format!("{} {}", n.txaction(), n.balance().unwrap_or("-")));
            Ok::<(), &'static str>(())
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (format!("http://{addr}/"), seen)
}

/// A sandbox delivering its notifications to a [`receiver`], with quick retries.
pub async fn env_with_receiver() -> (Env, Arc<Mutex<Vec<String>>>) {
    let (url, seen) = receiver().await;
    let env = Env::with_config(Config {
        notify_url: Some(url),
        notify_retry: Duration::from_millis(50),
        notify_max_attempts: 3,
        ..Config::default()
    })
    .await;
    (env, seen)
}
