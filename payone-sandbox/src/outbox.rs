//! Delivery of what the sandbox sends on its own (TransactionStatus notifications, v2
//! webhooks): every message is logged, then POSTed to the configured URL and retried until the
//! receiver confirms it or the attempts run out.
//!
//! Each key (a transaction, a payment) has its own queue and worker, so its messages arrive in
//! the order they happened while a receiver that keeps failing for one key delays no other.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::task::JoinSet;

/// How long one delivery attempt may take: the platform's limit for the receiver's answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// No URL is configured: the message was only logged.
    NotSent,
    /// Being delivered: attempts are still to come.
    Pending,
    /// The receiver confirmed it (`TSOK` for a notification, 2xx for a webhook).
    Confirmed,
    /// Every attempt failed; the sandbox stopped trying.
    GaveUp,
}

/// How one kind of message goes on the wire.
pub(crate) trait Courier: Send + Sync + 'static {
    /// What is logged and queued.
    type Message: Clone + Send + Sync + 'static;
    /// What is sent, prepared once for all attempts.
    type Wire: Send + Sync + 'static;
    /// `notification`, `webhook`: for log lines and errors.
    const WHAT: &'static str;

    /// The wire form of `message`; `None` when it cannot be sent at all (given up at once).
    fn prepare(&self, message: &Self::Message) -> Option<Self::Wire>;

    /// One POST of `wire` to `url`; whether the receiver confirmed it.
    fn attempt(
        &self,
        http: &reqwest::Client,
        url: &str,
        wire: &Self::Wire,
    ) -> impl Future<Output = bool> + Send;
}

/// A logged message and how its delivery went.
#[derive(Clone, Debug)]
pub(crate) struct Record<M> {
    pub(crate) message: M,
    pub(crate) attempts: u32,
    pub(crate) delivery: Delivery,
}

/// Where and how often to deliver.
struct Target {
    url: String,
    retry: Duration,
    max_attempts: u32,
    http: reqwest::Client,
}

struct Shared<M> {
    log: Vec<Record<M>>,
    /// Per key: indices into `log` not yet delivered, oldest first.
    queues: HashMap<u64, VecDeque<usize>>,
    workers: JoinSet<()>,
}

struct Inner<C: Courier> {
    target: Option<Target>,
    courier: C,
    shared: Mutex<Shared<C::Message>>,
}

impl<C: Courier> Inner<C> {
    fn lock(&self) -> MutexGuard<'_, Shared<C::Message>> {
        // Workers only push and count; a panic cannot leave half an update.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The log and the delivery queues of one kind of message.
pub(crate) struct Outbox<C: Courier> {
    inner: Arc<Inner<C>>,
}

impl<C: Courier> Clone for Outbox<C> {
    fn clone(&self) -> Self {
        Outbox {
            inner: self.inner.clone(),
        }
    }
}

impl<C: Courier> Outbox<C> {
    /// Messages to `url` (none: only logged), each attempted up to `max_attempts` times,
    /// `retry` apart. A URL that does not parse is refused here, at start.
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        courier: C,
    ) -> std::io::Result<Self> {
        let target = match url {
            None => None,
            Some(url) => {
                reqwest::Url::parse(&url).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("{} URL: {e}", C::WHAT),
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
        Ok(Outbox {
            inner: Arc::new(Inner {
                target,
                courier,
                shared: Mutex::new(Shared {
                    log: Vec::new(),
                    queues: HashMap::new(),
                    workers: JoinSet::new(),
                }),
            }),
        })
    }

    /// Logs the message `build` makes from its index in the log (`None`: nothing is logged)
    /// and queues it behind the earlier messages of `key`.
    ///
    /// Callers hold the lock of the state the message reports on, so the messages of one key
    /// are queued in the order they happened.
    pub(crate) fn push(&self, key: u64, build: impl FnOnce(usize) -> Option<C::Message>) {
        let mut shared = self.inner.lock();
        let index = shared.log.len();
        let Some(message) = build(index) else {
            return;
        };
        shared.log.push(Record {
            message,
            attempts: 0,
            delivery: match self.inner.target {
                Some(_) => Delivery::Pending,
                None => Delivery::NotSent,
            },
        });
        if self.inner.target.is_none() {
            return;
        }
        let queue = shared.queues.entry(key).or_default();
        queue.push_back(index);
        if queue.len() == 1 {
            // No worker for this key: a running one removes the queue when it empties.
            let inner = self.inner.clone();
            shared.workers.spawn(work_queue(inner, key));
        }
        while shared.workers.try_join_next().is_some() {}
    }

    /// Every message so far, with its delivery.
    pub(crate) fn log(&self) -> Vec<Record<C::Message>> {
        self.inner.lock().log.clone()
    }

    /// Stops every delivery at once.
    pub(crate) async fn shutdown(&self) {
        let mut workers = std::mem::take(&mut self.inner.lock().workers);
        workers.shutdown().await;
    }
}

/// Delivers the queue of `key` front to back, then ends.
async fn work_queue<C: Courier>(inner: Arc<Inner<C>>, key: u64) {
    let Some(target) = &inner.target else { return };
    loop {
        let (index, message) = {
            let shared = inner.lock();
            let Some(&index) = shared.queues.get(&key).and_then(|q| q.front()) else {
                return;
            };
            (index, shared.log[index].message.clone())
        };
        deliver(&inner, target, index, &message).await;
        let mut shared = inner.lock();
        let Some(queue) = shared.queues.get_mut(&key) else {
            return;
        };
        queue.pop_front();
        if queue.is_empty() {
            shared.queues.remove(&key);
            return;
        }
    }
}

/// Attempts one message up to `max_attempts` times, recording each attempt in the log.
async fn deliver<C: Courier>(
    inner: &Inner<C>,
    target: &Target,
    index: usize,
    message: &C::Message,
) {
    let Some(wire) = inner.courier.prepare(message) else {
        tracing::warn!(index, what = C::WHAT, "cannot be sent; given up");
        inner.lock().log[index].delivery = Delivery::GaveUp;
        return;
    };
    for attempt in 1..=target.max_attempts {
        let confirmed = inner
            .courier
            .attempt(&target.http, &target.url, &wire)
            .await;
        {
            let mut shared = inner.lock();
            let record = &mut shared.log[index];
            record.attempts = attempt;
            if confirmed {
                record.delivery = Delivery::Confirmed;
                return;
            }
        }
        tracing::debug!(index, attempt, what = C::WHAT, "not confirmed");
        if attempt < target.max_attempts {
            tokio::time::sleep(target.retry).await;
        }
    }
    inner.lock().log[index].delivery = Delivery::GaveUp;
}
