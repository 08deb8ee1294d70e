//! PayPal (`wlt` / `PPE`) with a real browser: the client sends the authorization, headless
//! Chromium opens the `redirecturl` (the provider's page of the sandbox) and clicks "Pay" or
//! "Cancel", and lands on the shop's `successurl` or `backurl`; the shop's TransactionStatus
//! endpoint on loopback receives `appointed` for the paid payment, verifies it and answers
//! `TSOK`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them), so the tests are
//! `#[ignore]`d: `cargo test -- --include-ignored` runs them (CI does), and there missing
//! browser binaries fail them instead of letting them pass unrun.

mod chromium;
mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::get;
use chromium::{browser, click, wait_for_text};
use common::*;
use payone_client::Answer;
use payone_client::notification::axum::notification_router;
use payone_client::notification::{Notification, Verifier};
use payone_sandbox::{Config, DEFAULT_AID, DEFAULT_KEY, DEFAULT_PORTALID, Delivery};
use payone_types::PortalKey;
use payone_types::generated::server::*;

/// The shop on loopback: its return pages and, at `/`, its TransactionStatus endpoint, which
/// keeps every verified notification as `txaction txid`.
struct Shop {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Shop {
    async fn start() -> Shop {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let store = seen.clone();
        let verifier = Verifier::new(&PortalKey::new(DEFAULT_KEY), DEFAULT_PORTALID, DEFAULT_AID);
        let page = |result: &'static str| {
            get(
                move || async move { axum::response::Html(format!("<h1 id=\"result\">{result}</h1>")) },
            )
        };
        let app = notification_router(verifier, move |n: Notification| {
            let store = store.clone();
            async move {
                store
                    .lock()
                    .unwrap()
                    .push(format!("{} {}", n.txaction(), n.txid().unwrap_or("-")));
                Ok::<(), &'static str>(())
            }
        })
        .route("/success", page("paid"))
        .route("/back", page("cancelled"))
        .route("/error", page("error"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("the shop serves");
        });
        Shop { addr, seen, task }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Shop {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn env_for(shop: &Shop) -> Env {
    Env::with_config(Config {
        notify_url: Some(shop.url("/")),
        notify_retry: Duration::from_millis(100),
        notify_max_attempts: 5,
        ..Config::default()
    })
    .await
}

fn paypal_authorization(shop: &Shop, amount: i64) -> Authorization {
    Authorization::builder()
        .clearingtype(Clearingtype::Wlt(
            EWallet::builder().wallettype(Wallettype::Ppe(None)).build(),
        ))
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .successurl(Successurl::try_new(shop.url("/success")).expect("url"))
        .errorurl(Errorurl::try_new(shop.url("/error")).expect("url"))
        .backurl(Backurl::try_new(shop.url("/back")).expect("url"))
        .build()
        .expect("valid")
}

/// Sends the authorization; the `redirecturl` and `txid` of its `REDIRECT` answer.
async fn redirect(env: &Env, request: &Authorization) -> (String, String) {
    let answer = env.client.send(request).await.expect("an answer");
    let Answer::Redirect {
        redirecturl,
        txid: Some(txid),
        ..
    } = &answer
    else {
        panic!("not a redirect: {answer:?}")
    };
    (redirecturl.clone(), txid.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromium-driver; run with --include-ignored"]
async fn paypal_pay_in_the_browser_lands_on_the_successurl_and_is_notified() {
    let shop = Shop::start().await;
    let env = env_for(&shop).await;
    let (redirecturl, txid) = redirect(&env, &paypal_authorization(&shop, 3490)).await;
    let (_driver, client) = browser().await;

    client
        .goto(&redirecturl)
        .await
        .expect("open the provider's page");
    assert_eq!(wait_for_text(&client, "#clearingtype").await, "wlt");
    assert_eq!(wait_for_text(&client, "#amount").await, "34.90");
    click(&client, "pay").await;
    assert_eq!(wait_for_text(&client, "#result").await, "paid");
    let landed = client.current_url().await.expect("url");
    assert_eq!(landed.as_str(), shop.url("/success"));

    eventually("the appointed notification at the shop", || {
        !shop.seen.lock().unwrap().is_empty()
    })
    .await;
    assert_eq!(*shop.seen.lock().unwrap(), [format!("appointed {txid}")]);
    eventually("the notification answered TSOK", || {
        env.sandbox.notifications().iter().any(|n| {
            n.txid == txid && n.txaction == "appointed" && n.delivery == Delivery::Confirmed
        })
    })
    .await;
    // Paid: an authorization books at once, so it can be refunded.
    let refunded = env
        .client
        .send(&refund(&txid, 1, -3490))
        .await
        .expect("refund");
    assert!(matches!(refunded, Answer::Approved { .. }), "{refunded:?}");

    client.close().await.expect("close the browser");
    env.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromium-driver; run with --include-ignored"]
async fn paypal_cancel_in_the_browser_lands_on_the_backurl_unpaid() {
    let shop = Shop::start().await;
    let env = env_for(&shop).await;
    let (redirecturl, txid) = redirect(&env, &paypal_authorization(&shop, 1500)).await;
    let (_driver, client) = browser().await;

    client
        .goto(&redirecturl)
        .await
        .expect("open the provider's page");
    click(&client, "cancel").await;
    assert_eq!(wait_for_text(&client, "#result").await, "cancelled");
    let landed = client.current_url().await.expect("url");
    assert_eq!(landed.as_str(), shop.url("/back"));

    // Unpaid: nothing to refund, and no notification was sent.
    let err = env.client.send(&refund(&txid, 1, -1500)).await.unwrap_err();
    assert!(err.to_string().contains("txid"), "{err}");
    assert!(env.sandbox.notifications().is_empty());
    assert!(shop.seen.lock().unwrap().is_empty());

    client.close().await.expect("close the browser");
    env.shutdown().await;
}
