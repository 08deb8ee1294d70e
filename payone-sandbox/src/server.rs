//! Starting and stopping a sandbox: binding, the accept loop, and the handle tests hold.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::app::{self, App};
use crate::config::{Config, Faults};
use crate::faults::FaultSwitch;
use crate::gate;
use crate::notify::{Notifier, SentNotification};
use crate::transfers::TransferError;
use crate::v2::webhooks::{SentWebhook, Webhooks};

/// A connection that sends no complete request head for this long is closed, so idle or stuck
/// clients cannot hold connections forever.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause after a failed accept (e.g. too many open files) before trying again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Binds `config.listen`, starts serving in a background task and returns at once.
///
/// Fails when the address cannot be bound or `notify_url` or `webhook_url` is not a URL.
pub async fn start(config: Config) -> std::io::Result<Sandbox> {
    let webhooks = Webhooks::new(
        config.webhook_url,
        config.notify_retry,
        config.notify_max_attempts,
        config.max_transactions,
        &config.accounts.v2,
    )?;
    let notifier = Notifier::new(
        config.notify_url,
        config.notify_retry,
        config.notify_max_attempts,
        config.max_transactions,
        config.accounts.clone(),
    )?;
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let app = Arc::new(App::new(
        config.accounts,
        notifier,
        webhooks,
        FaultSwitch::new(config.faults),
        base_url(addr),
        config.max_transactions,
    ));
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(serve(listener, app.clone(), stopped));
    tracing::info!(%addr, "PAYONE sandbox listening");
    Ok(Sandbox {
        addr,
        app,
        stop,
        task: Some(task),
    })
}

/// `http://ADDR`, with loopback in place of an unspecified address (`0.0.0.0` is not a place
/// a client can go to).
fn base_url(addr: SocketAddr) -> String {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    format!("http://{addr}")
}

/// Accepts connections until told to stop; then every open connection is aborted (the join set
/// is dropped).
async fn serve(listener: TcpListener, app: Arc<App>, mut stopped: watch::Receiver<bool>) {
    let router = app::router(app.clone());
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let (app, router) = (app.clone(), router.clone());
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
                gate::handle(app.clone(), router.clone(), request.map(Body::new))
            });
            let served = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            if let Err(e) = served {
                tracing::debug!(error = %e, "connection ended");
            }
        });
        while connections.try_join_next().is_some() {}
    }
}

/// How many records of each kind a sandbox keeps ([`Sandbox::stored`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stored {
    /// Server API and Frontend transactions.
    pub transactions: usize,
    /// Frontend checkouts waiting for "Pay" or "Cancel".
    pub checkouts: usize,
    /// 3-D Secure authentications opened by a 3dscheck answered `ENROLLED`.
    pub threeds_authentications: usize,
    /// DirectLink orders.
    pub directlink_orders: usize,
    /// v2 payments.
    pub v2_payments: usize,
    /// v2 hosted tokenization sessions.
    pub v2_hosted_tokenizations: usize,
    /// v2 tokens.
    pub v2_tokens: usize,
    /// v2 hosted checkouts.
    pub v2_hosted_checkouts: usize,
    /// v2 SEPA Direct Debit mandates.
    pub v2_mandates: usize,
    /// v2 payment links.
    pub v2_payment_links: usize,
    /// TransactionStatus notifications in the log.
    pub notifications: usize,
    /// v2 webhooks in the log.
    pub webhooks: usize,
}

/// A running sandbox. Dropping it stops the server too; [`Sandbox::shutdown`] also waits until
/// it has stopped and stops notification and webhook deliveries.
pub struct Sandbox {
    addr: SocketAddr,
    app: Arc<App>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("addr", &self.addr).finish()
    }
}

impl Sandbox {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: what a client puts in place of the platform's hosts.
    pub fn base_url(&self) -> String {
        self.app.base_url.clone()
    }

    /// How many records of each kind the sandbox keeps now; none exceeds
    /// [`Config::max_transactions`].
    pub fn stored(&self) -> Stored {
        self.app.stored()
    }

    /// The TransactionStatus notifications kept (the latest [`Config::max_transactions`]),
    /// oldest first, with their delivery state.
    pub fn notifications(&self) -> Vec<SentNotification> {
        self.app.notifier.log()
    }

    /// The v2 webhooks kept (the latest [`Config::max_transactions`]), oldest first, with
    /// their delivery state.
    pub fn webhooks(&self) -> Vec<SentWebhook> {
        self.app.v2.webhooks.log()
    }

    /// The customer's bank transfer for the prepayment or invoice payment `txid` arrives:
    /// `amount` in minor units, or with `None` what is still open. Queues `paid`, or
    /// `underpaid` while less than the claim has arrived, and returns which (what
    /// `POST /sandbox/transfers/{txid}?amount=N` does).
    pub fn transfer(&self, txid: u64, amount: Option<i64>) -> Result<&'static str, TransferError> {
        crate::transfers::book(&self.app, txid, amount)
    }

    /// Replaces the faults in force (what `POST /sandbox/faults` does).
    pub fn set_faults(&self, faults: Faults) {
        self.app.faults.set(faults);
    }

    /// The faults in force, counted down by the requests they hit.
    pub fn faults(&self) -> Faults {
        self.app.faults.get()
    }

    /// Requests received so far (what `GET /sandbox/requests` shows): Server API requests per
    /// `request` value (a value the tables do not know counts as `unknown`), DirectLink
    /// requests per page as `directlink.orderdirect`, `directlink.maintenancedirect`,
    /// `directlink.querydirect`, `directlink.privacy-policy`, v2 requests per operation as
    /// `v2.create_payment`, `v2.get_payment_details`, `v2.capture_payment`,
    /// `v2.cancel_payment`, `v2.refund_payment`.
    pub fn requests(&self) -> BTreeMap<String, u64> {
        self.app.request_counts()
    }

    /// Stops accepting, closes open connections and stops notification and webhook deliveries;
    /// returns when all of it has ended.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        self.app.notifier.shutdown().await;
        self.app.v2.webhooks.shutdown().await;
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Without this a forgotten handle would leave the server running until the runtime ends.
        let _ = self.stop.send(true);
    }
}

#[cfg(test)]
mod tests {
    use super::{Stored, base_url};

    /// Every kind of record [`Stored`] counts has its row in the crate documentation's memory
    /// table: the docs are the contract.
    #[test]
    fn every_store_is_documented() {
        let docs = include_str!("lib.rs");
        // Exhaustive, so a new field cannot be added without a row.
        let Stored {
            transactions: _,
            checkouts: _,
            threeds_authentications: _,
            directlink_orders: _,
            v2_payments: _,
            v2_hosted_tokenizations: _,
            v2_tokens: _,
            v2_hosted_checkouts: _,
            v2_mandates: _,
            v2_payment_links: _,
            notifications: _,
            webhooks: _,
        } = Stored::default();
        for name in [
            "transactions",
            "checkouts",
            "threeds_authentications",
            "directlink_orders",
            "v2_payments",
            "v2_hosted_tokenizations",
            "v2_tokens",
            "v2_hosted_checkouts",
            "v2_mandates",
            "v2_payment_links",
            "notifications",
            "webhooks",
        ] {
            let row = format!("//! | `{name}` ");
            assert!(docs.contains(&row), "not documented: {row}");
        }
        assert!(docs.contains(&format!(
            "every other value under the one counter `{}`",
            crate::gate::UNKNOWN_REQUEST
        )));
    }

    #[test]
    fn unspecified_addresses_become_loopback() {
        assert_eq!(
            base_url("0.0.0.0:80".parse().unwrap()),
            "http://127.0.0.1:80"
        );
        assert_eq!(base_url("[::]:80".parse().unwrap()), "http://[::1]:80");
        assert_eq!(
            base_url("127.0.0.1:8".parse().unwrap()),
            "http://127.0.0.1:8"
        );
    }
}
