//! TransactionStatus notifications: POSTed to the configured URL as ISO-8859-1 form data, retried
//! until the receiver answers exactly `TSOK` or the attempts run out.
//!
//! Each transaction has its own queue and worker, so its notifications arrive in the order they
//! happened while a receiver that keeps failing for one transaction delays no other.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payone_types::sign::server_key;
use payone_types::{Charset, KeyDigest, Params};
use tokio::task::JoinSet;

use crate::config::Accounts;
use crate::money::decimal;
use crate::state::Transaction;

/// How long one delivery attempt may take: the platform's limit for the receiver's answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a notification stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// No `notify_url` is configured: the notification was only logged.
    NotSent,
    /// Being delivered: attempts are still to come.
    Pending,
    /// The receiver answered `TSOK`.
    Confirmed,
    /// Every attempt failed; the sandbox stopped trying.
    GaveUp,
}

/// One notification and how its delivery went.
///
/// `Debug` redacts the `key` parameter (a digest of the portal key).
#[derive(Clone, PartialEq, Eq)]
pub struct SentNotification {
    /// The transaction.
    pub txid: String,
    /// `appointed`, `capture`, `refund`, `debit`, `failed`, `vauthorization`.
    pub txaction: String,
    /// The body parameters, in the order sent (before ISO-8859-1 form encoding).
    pub params: Vec<(String, String)>,
    /// Delivery attempts made so far.
    pub attempts: u32,
    /// Where the delivery stands.
    pub delivery: Delivery,
}

impl SentNotification {
    /// The value of a body parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the receiver answered `TSOK`.
    pub fn tsok(&self) -> bool {
        self.delivery == Delivery::Confirmed
    }
}

impl fmt::Debug for SentNotification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(n, v)| match n.as_str() {
                "key" => format!("{n}=<redacted>"),
                _ => format!("{n}={v}"),
            })
            .collect();
        f.debug_struct("SentNotification")
            .field("txid", &self.txid)
            .field("txaction", &self.txaction)
            .field("params", &params)
            .field("attempts", &self.attempts)
            .field("delivery", &self.delivery)
            .finish()
    }
}

/// Something that happened to a transaction and is to be notified.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    txaction: &'static str,
    sequencenumber: u32,
    tx: Transaction,
}

impl Event {
    /// `txaction` for `tx` as it is now; `sequencenumber` is 0 for the creating event and the
    /// request's for capture, refund and debit.
    pub(crate) fn new(tx: &Transaction, txaction: &'static str, sequencenumber: u32) -> Self {
        Event {
            txaction,
            sequencenumber,
            tx: tx.clone(),
        }
    }

    fn params(&self, key_md5: &str, accounts: &Accounts) -> Vec<(String, String)> {
        let tx = &self.tx;
        let txtime = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut p: Vec<(&str, String)> = vec![
            ("key", key_md5.to_owned()),
            ("txaction", self.txaction.to_owned()),
            ("portalid", accounts.portalid.to_string()),
            ("aid", accounts.aid.to_string()),
            ("mode", tx.mode.clone()),
            ("txid", tx.txid.to_string()),
            ("sequencenumber", self.sequencenumber.to_string()),
            ("txtime", txtime.to_string()),
            ("userid", tx.userid.to_string()),
        ];
        let optional = [
            ("clearingtype", &tx.clearingtype),
            ("currency", &tx.currency),
            ("reference", &tx.reference),
            ("customerid", &tx.customerid),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                p.push((name, value.clone()));
            }
        }
        // Nothing is ever paid in the sandbox, so the open balance is the whole claim.
        p.push(("price", decimal(tx.amount)));
        p.push(("receivable", decimal(tx.booked)));
        p.push(("balance", decimal(tx.booked)));
        p.into_iter().map(|(n, v)| (n.to_owned(), v)).collect()
    }
}

/// Where and how often to deliver.
struct Target {
    url: String,
    retry: Duration,
    max_attempts: u32,
    http: reqwest::Client,
}

struct Shared {
    log: Vec<SentNotification>,
    /// Per txid: indices into `log` not yet delivered, oldest first.
    queues: HashMap<u64, VecDeque<usize>>,
    workers: JoinSet<()>,
}

struct Inner {
    target: Option<Target>,
    accounts: Accounts,
    key_md5: String,
    shared: Mutex<Shared>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panicking worker leaves consistent data behind (plain pushes and counters).
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Sends the notifications of one sandbox.
#[derive(Clone)]
pub(crate) struct Notifier {
    inner: Arc<Inner>,
}

impl Notifier {
    /// A notifier for `url` (none: notifications are only logged).
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        accounts: Accounts,
    ) -> std::io::Result<Self> {
        let target = match url {
            None => None,
            Some(url) => {
                reqwest::Url::parse(&url).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("notify URL: {e}"),
                    )
                })?;
                let http = reqwest::Client::builder()
                    .timeout(ATTEMPT_TIMEOUT)
                    // The receiver is usually on loopback; a proxy from the environment would
                    // only get in the way.
                    .no_proxy()
                    .build()
                    .map_err(std::io::Error::other)?;
                Some(Target {
                    url,
                    retry,
                    max_attempts: max_attempts.max(1),
                    http,
                })
            }
        };
        Ok(Notifier {
            inner: Arc::new(Inner {
                target,
                key_md5: server_key(&accounts.key, KeyDigest::Md5),
                accounts,
                shared: Mutex::new(Shared {
                    log: Vec::new(),
                    queues: HashMap::new(),
                    workers: JoinSet::new(),
                }),
            }),
        })
    }

    /// Logs `event` and queues it behind the transaction's earlier notifications.
    ///
    /// Callers hold the state lock while calling, so events of one transaction are queued in
    /// the order they happened.
    pub(crate) fn notify(&self, event: Event) {
        let params = event.params(&self.inner.key_md5, &self.inner.accounts);
        let txid = event.tx.txid;
        let mut shared = self.inner.lock();
        let index = shared.log.len();
        shared.log.push(SentNotification {
            txid: txid.to_string(),
            txaction: event.txaction.to_owned(),
            params,
            attempts: 0,
            delivery: match self.inner.target {
                Some(_) => Delivery::Pending,
                None => Delivery::NotSent,
            },
        });
        if self.inner.target.is_none() {
            return;
        }
        let queue = shared.queues.entry(txid).or_default();
        queue.push_back(index);
        if queue.len() == 1 {
            // No worker for this transaction: a running one removes the queue when it empties.
            let inner = self.inner.clone();
            shared.workers.spawn(work_queue(inner, txid));
        }
        while shared.workers.try_join_next().is_some() {}
    }

    /// The log of every notification so far.
    pub(crate) fn log(&self) -> Vec<SentNotification> {
        self.inner.lock().log.clone()
    }

    /// Stops every delivery at once.
    pub(crate) async fn shutdown(&self) {
        let mut workers = std::mem::take(&mut self.inner.lock().workers);
        workers.shutdown().await;
    }
}

/// Delivers the queue of `txid` front to back, then ends.
async fn work_queue(inner: Arc<Inner>, txid: u64) {
    let Some(target) = &inner.target else { return };
    loop {
        let (index, params) = {
            let shared = inner.lock();
            let Some(&index) = shared.queues.get(&txid).and_then(|q| q.front()) else {
                return;
            };
            (index, shared.log[index].params.clone())
        };
        deliver(&inner, target, index, &params).await;
        let mut shared = inner.lock();
        let Some(queue) = shared.queues.get_mut(&txid) else {
            return;
        };
        queue.pop_front();
        if queue.is_empty() {
            shared.queues.remove(&txid);
            return;
        }
    }
}

/// Attempts one notification up to `max_attempts` times, recording each attempt in the log.
async fn deliver(inner: &Inner, target: &Target, index: usize, params: &[(String, String)]) {
    let mut form = Params::new();
    for (name, value) in params {
        form.push(name.clone(), value.as_str(), false, false);
    }
    // Every value is ASCII (numbers, codes, references limited to seed 004's symbols), so
    // ISO-8859-1 always carries it; should one not, nothing is sent rather than a mangled body.
    let Ok(body) = form.form_encode(Charset::Latin1) else {
        tracing::warn!(index, "notification not encodable in ISO-8859-1; not sent");
        inner.lock().log[index].delivery = Delivery::GaveUp;
        return;
    };
    for attempt in 1..=target.max_attempts {
        let confirmed = attempt_once(target, &body).await;
        {
            let mut shared = inner.lock();
            let entry = &mut shared.log[index];
            entry.attempts = attempt;
            if confirmed {
                entry.delivery = Delivery::Confirmed;
                return;
            }
        }
        tracing::debug!(index, attempt, "notification not confirmed with TSOK");
        if attempt < target.max_attempts {
            tokio::time::sleep(target.retry).await;
        }
    }
    inner.lock().log[index].delivery = Delivery::GaveUp;
}

/// One POST; confirmed only by a 2xx answer whose body is exactly `TSOK`.
async fn attempt_once(target: &Target, body: &str) -> bool {
    let sent = target
        .http
        .post(&target.url)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=ISO-8859-1",
        )
        .body(body.to_owned())
        .send()
        .await;
    let Ok(response) = sent else {
        return false;
    };
    if !response.status().is_success() {
        return false;
    }
    matches!(response.bytes().await, Ok(bytes) if bytes.as_ref() == b"TSOK")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Kind, TxStatus};

    fn tx() -> Transaction {
        Transaction {
            txid: 100000001,
            kind: Kind::Authorization,
            status: TxStatus::Approved,
            amount: 1999,
            currency: Some("EUR".into()),
            clearingtype: Some("cc".into()),
            reference: Some("order-1".into()),
            customerid: None,
            userid: 200000001,
            mode: "test".into(),
            captured: 0,
            booked: 1999,
            next_sequence: 1,
            successurl: None,
            errorurl: None,
            backurl: None,
        }
    }

    #[tokio::test]
    async fn without_url_notifications_are_logged_only() {
        let notifier = Notifier::new(None, Duration::ZERO, 1, Accounts::default()).unwrap();
        notifier.notify(Event::new(&tx(), "appointed", 0));
        let log = notifier.log();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].delivery, Delivery::NotSent);
        assert_eq!(log[0].get("price"), Some("19.99"));
        assert_eq!(log[0].get("reference"), Some("order-1"));
        assert_eq!(log[0].get("customerid"), None);
        assert_eq!(log[0].get("key").map(str::len), Some(32));
        let debug = format!("{:?}", log[0]);
        assert!(debug.contains("key=<redacted>"), "{debug}");
        assert!(!debug.contains(log[0].get("key").unwrap()), "{debug}");
    }

    #[test]
    fn a_bad_url_is_refused_at_start() {
        let err = Notifier::new(
            Some("not a url".into()),
            Duration::ZERO,
            1,
            Accounts::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}
