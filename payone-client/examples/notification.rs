//! TransactionStatus notifications: the shop's endpoint that PAYONE POSTs every change of a
//! transaction to (appointed, capture, paid, refund, ...). It verifies each one, stores it
//! once and answers exactly `TSOK`; PAYONE sends it again until it gets that answer.
//!
//! ```sh
//! cargo run -p payone-client --features axum --example notification
//! ```
//!
//! With the sandbox it starts itself, the sandbox notifies this example's endpoint. With
//! `PAYONE_SERVER_API_URL` set (and `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`,
//! `PAYONE_KEY`), the endpoint listens on `NOTIFY_LISTEN` (default `127.0.0.1:8081`): start
//! `payone sandbox --notify-url http://127.0.0.1:8081/payone/status` first, or enter that URL
//! as the portal's TransactionStatus URL.
//!
//! PAYONE documentation: "TransactionStatus Notification"
//! (<https://docs.payone.com/integration/response-handling/transactionstatus-notification>).

mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use payone_client::notification::axum::notification_router;
use payone_client::notification::{Notification, Verifier};
use payone_client::{Answer, Url};
use payone_types::generated::server::*;

/// The notifications the shop has accepted, each once. A shop writes them to its database.
type Store = Arc<Mutex<Vec<Notification>>>;

#[tokio::main]
async fn main() -> support::Result<()> {
    // The endpoint's address must be known before the sandbox starts, which is told where to
    // send notifications.
    let external = std::env::var_os("PAYONE_SERVER_API_URL").is_some();
    let listen = match std::env::var("NOTIFY_LISTEN") {
        Ok(addr) => addr,
        Err(_) if external => "127.0.0.1:8081".to_owned(),
        Err(_) => "127.0.0.1:0".to_owned(),
    };
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    let endpoint = format!("http://{}/payone/status", listener.local_addr()?);
    let (client, sandbox) = support::client(
        "PAYONE_SERVER_API_URL",
        payone_sandbox::Config {
            notify_url: Some(endpoint.clone()),
            // The platform retries after hours; the sandbox need not.
            notify_retry: Duration::from_millis(200),
            ..payone_sandbox::Config::default()
        },
    )
    .await?;

    // A notification carries md5 of the portal key as `key`, and the portal and sub-account
    // ids: the verifier checks all three, so a forged POST is refused. In production add
    // `.allow_networks([payone_client::notification::PAYONE_NETWORK])`: PAYONE sends from
    // that network only (the sandbox sends from 127.0.0.1).
    let verifier = Verifier::for_account(client.config().account());
    let store = Store::default();
    let app = axum::Router::new().nest(
        "/payone/status",
        notification_router(verifier, {
            let store = store.clone();
            move |notification: Notification| {
                let store = store.clone();
                // Store, don't process: PAYONE waits only about 10 s for `TSOK`. An error here
                // answers HTTP 500, so PAYONE sends the notification again and nothing is lost.
                async move { remember(&store, notification) }
            }
        }),
    );
    tokio::spawn(async move {
        // The peer address is what the network check looks at.
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("the notification endpoint stopped: {error}");
        }
    });
    println!("notification endpoint: {endpoint}");

    // A payment that PAYONE will notify: an authorization books at once (txaction appointed).
    let card = CreditCard::builder()
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .pseudocardpan(Pseudocardpan::new("9407049363260097436"))
        .build();
    let authorization = Authorization::builder()
        .clearingtype(Clearingtype::Cc(Some(card)))
        .reference(Reference::try_new(support::order_number("ntf"))?)
        .amount(Amount::new(1999))
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Mustermann"))
        .build()?;
    let answer = client.send(&authorization).await?;
    let Answer::Approved { .. } = &answer else {
        return Err(format!(
            "authorization: expected APPROVED, got {:?}",
            answer.status()
        )
        .into());
    };
    let txid = answer.txid().ok_or("APPROVED without txid")?.to_owned();
    println!("authorization APPROVED, txid={txid}");

    let arrived = || lock(&store).iter().any(|n| n.txid() == Some(txid.as_str()));
    support::within_10s("the notification of the authorization", arrived).await?;
    for n in lock(&store).iter() {
        println!(
            "received and verified: txaction={} txid={} sequencenumber={} price={} {}",
            n.txaction().as_str(),
            n.txid().unwrap_or("-"),
            n.sequencenumber().map_or("-".to_owned(), |s| s.to_string()),
            n.price().unwrap_or("-"),
            n.currency().unwrap_or("-"),
        );
    }
    if let Some(sandbox) = &sandbox {
        // The sandbox records what the endpoint answered: it must have been exactly TSOK.
        let confirmed = || sandbox.notifications().iter().all(|n| n.tsok());
        support::within_10s("TSOK reaching the sandbox", confirmed).await?;
        println!("the sandbox got TSOK for every notification");
    }

    refuse_a_forgery(&endpoint, &txid).await?;
    println!("ok: notification verified, stored once and answered TSOK; a forgery refused");
    Ok(())
}

/// Keeps `notification` unless one with the same dedup key (txid, sequencenumber, txaction)
/// is already stored: PAYONE sends it again when its `TSOK` got lost.
fn remember(store: &Store, notification: Notification) -> Result<(), String> {
    let mut all = store.lock().map_err(|_| "the store is poisoned")?;
    if !all
        .iter()
        .any(|n| n.dedup_key() == notification.dedup_key())
    {
        all.push(notification);
    }
    Ok(())
}

fn lock(store: &Store) -> std::sync::MutexGuard<'_, Vec<Notification>> {
    store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Anyone can POST to the endpoint: a "paid" notification without the portal key's md5 is
/// refused with HTTP 401 and never reaches the store.
async fn refuse_a_forgery(endpoint: &str, txid: &str) -> support::Result<()> {
    let body = format!(
        "key=00000000000000000000000000000000&txaction=paid&portalid=2000001&aid=10002\
         &txid={txid}&sequencenumber=1&mode=test"
    );
    let answer = reqwest::Client::new()
        .post(Url::parse(endpoint)?)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?;
    println!("a forged notification: HTTP {}", answer.status().as_u16());
    if answer.status() != reqwest::StatusCode::UNAUTHORIZED {
        return Err("the endpoint did not refuse a notification with a wrong key".into());
    }
    Ok(())
}
