//! Delivery of what the sandbox sends on its own (TransactionStatus notifications, v2
//! webhooks): every message is logged, then POSTed to the configured URL and retried until the
//! receiver confirms it or the attempts run out.
//!
//! Each key (a transaction, a payment) has its own queue and worker, so its messages arrive in
//! the order they happened while a receiver that keeps failing for one key delays no other.
//!
//! The log keeps at most `cap` records. Messages are numbered in the order they were logged;
//! when the log is full the oldest record whose delivery has ended is forgotten. Only when
//! every kept record is still being delivered does the oldest of those go, and its delivery
//! stops (a warning is logged): a receiver that confirms nothing cannot make the sandbox hold
//! more than `cap` messages.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
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
    /// The queue it is delivered in, so eviction can take it out of there too.
    key: u64,
}

/// Where and how often to deliver.
struct Target {
    url: String,
    retry: Duration,
    max_attempts: u32,
    http: reqwest::Client,
}

struct Shared<M> {
    /// Records kept, by number; numbers count up, so the first entry is the oldest.
    log: BTreeMap<u64, Record<M>>,
    /// The number the next message gets.
    next: u64,
    /// Records kept whose delivery has ended (or never started): evicted before pending ones.
    ended: BTreeSet<u64>,
    /// Per key: numbers of its messages not yet delivered, oldest first. A key has an entry
    /// exactly while its worker runs; only the worker removes it.
    queues: HashMap<u64, VecDeque<u64>>,
    workers: JoinSet<()>,
}

impl<M> Shared<M> {
    /// Makes room for one more record in a log of at most `cap`.
    fn make_room<C: Courier>(&mut self, cap: usize) {
        while self.log.len() >= cap {
            let number = match self.ended.pop_first() {
                Some(number) => number,
                None => {
                    let Some(&number) = self.log.keys().next() else {
                        return;
                    };
                    tracing::warn!(
                        number,
                        what = C::WHAT,
                        "log full of undelivered messages; the oldest is given up"
                    );
                    number
                }
            };
            let Some(record) = self.log.remove(&number) else {
                continue;
            };
            // Its worker may be attempting it right now: the worker notices the record is gone
            // and moves on; the queue entry itself stays for the worker to remove.
            if let Some(queue) = self.queues.get_mut(&record.key) {
                queue.retain(|n| *n != number);
            }
        }
    }

    /// Records that the delivery of `number` has ended as `delivery`.
    fn end(&mut self, number: u64, delivery: Delivery) {
        if let Some(record) = self.log.get_mut(&number) {
            record.delivery = delivery;
            self.ended.insert(number);
        }
    }
}

struct Inner<C: Courier> {
    target: Option<Target>,
    courier: C,
    /// Records kept at most.
    cap: usize,
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
    /// `retry` apart, with at most `cap` (at least 1) kept in the log. A URL that does not
    /// parse is refused here, at start.
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        cap: usize,
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
                cap: cap.max(1),
                shared: Mutex::new(Shared {
                    log: BTreeMap::new(),
                    next: 0,
                    ended: BTreeSet::new(),
                    queues: HashMap::new(),
                    workers: JoinSet::new(),
                }),
            }),
        })
    }

    /// Logs the message `build` makes from its number (0, 1, ... in the order messages are
    /// logged; `None`: nothing is logged) and queues it behind the earlier messages of `key`.
    ///
    /// Callers hold the lock of the state the message reports on, so the messages of one key
    /// are queued in the order they happened.
    pub(crate) fn push(&self, key: u64, build: impl FnOnce(u64) -> Option<C::Message>) {
        let mut shared = self.inner.lock();
        let number = shared.next;
        let Some(message) = build(number) else {
            return;
        };
        shared.next += 1;
        shared.make_room::<C>(self.inner.cap);
        let delivery = match self.inner.target {
            Some(_) => Delivery::Pending,
            None => Delivery::NotSent,
        };
        shared.log.insert(
            number,
            Record {
                message,
                attempts: 0,
                delivery,
                key,
            },
        );
        if self.inner.target.is_none() {
            shared.ended.insert(number);
            return;
        }
        let mut spawn = false;
        shared
            .queues
            .entry(key)
            .or_insert_with(|| {
                spawn = true;
                VecDeque::new()
            })
            .push_back(number);
        if spawn {
            let inner = self.inner.clone();
            shared.workers.spawn(work_queue(inner, key));
        }
        while shared.workers.try_join_next().is_some() {}
    }

    /// Every message kept, oldest first, with its delivery.
    pub(crate) fn log(&self) -> Vec<Record<C::Message>> {
        self.inner.lock().log.values().cloned().collect()
    }

    /// Messages kept in the log now.
    pub(crate) fn len(&self) -> usize {
        self.inner.lock().log.len()
    }

    /// Stops every delivery at once.
    pub(crate) async fn shutdown(&self) {
        let mut workers = std::mem::take(&mut self.inner.lock().workers);
        workers.shutdown().await;
    }
}

/// Delivers the queue of `key` front to back, then removes it and ends.
async fn work_queue<C: Courier>(inner: Arc<Inner<C>>, key: u64) {
    let Some(target) = &inner.target else { return };
    loop {
        let (number, message) = {
            let mut guard = inner.lock();
            let shared = &mut *guard;
            let Some(queue) = shared.queues.get_mut(&key) else {
                return;
            };
            let Some(&number) = queue.front() else {
                shared.queues.remove(&key);
                return;
            };
            match shared.log.get(&number) {
                Some(record) => (number, record.message.clone()),
                None => {
                    // Eviction takes numbers out of the queue with their records; should one
                    // slip through, there is nothing left to send.
                    queue.pop_front();
                    continue;
                }
            }
        };
        deliver(&inner, target, number, &message).await;
        let mut shared = inner.lock();
        if let Some(queue) = shared.queues.get_mut(&key)
            && queue.front() == Some(&number)
        {
            queue.pop_front();
        }
    }
}

/// Attempts one message up to `max_attempts` times, recording each attempt in the log; stops
/// early when the record has been evicted.
async fn deliver<C: Courier>(inner: &Inner<C>, target: &Target, number: u64, message: &C::Message) {
    let Some(wire) = inner.courier.prepare(message) else {
        tracing::warn!(number, what = C::WHAT, "cannot be sent; given up");
        inner.lock().end(number, Delivery::GaveUp);
        return;
    };
    for attempt in 1..=target.max_attempts {
        let confirmed = inner
            .courier
            .attempt(&target.http, &target.url, &wire)
            .await;
        {
            let mut shared = inner.lock();
            let Some(record) = shared.log.get_mut(&number) else {
                return;
            };
            record.attempts = attempt;
            if confirmed {
                shared.end(number, Delivery::Confirmed);
                return;
            }
        }
        tracing::debug!(number, attempt, what = C::WHAT, "not confirmed");
        if attempt < target.max_attempts {
            tokio::time::sleep(target.retry).await;
        }
    }
    inner.lock().end(number, Delivery::GaveUp);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Confirms messages marked `true` at once; attempts of the others never end, as with a
    /// receiver that keeps the connection open.
    struct Stubborn;

    impl Courier for Stubborn {
        type Message = (u32, bool);
        type Wire = bool;
        const WHAT: &'static str = "message";

        fn prepare(&self, message: &(u32, bool)) -> Option<bool> {
            Some(message.1)
        }

        async fn attempt(&self, _: &reqwest::Client, _: &str, confirm: &bool) -> bool {
            if !*confirm {
                std::future::pending::<()>().await;
            }
            true
        }
    }

    fn kept(outbox: &Outbox<Stubborn>) -> Vec<(u32, Delivery)> {
        outbox
            .log()
            .iter()
            .map(|r| (r.message.0, r.delivery))
            .collect()
    }

    #[tokio::test]
    async fn ended_deliveries_are_evicted_before_pending_ones() {
        let url = Some("http://127.0.0.1:1/".to_owned());
        let outbox = Outbox::new(url, Duration::ZERO, 1, 3, Stubborn).unwrap();
        outbox.push(1, |_| Some((1, true)));
        for _ in 0..1000 {
            if kept(&outbox)[0].1 == Delivery::Confirmed {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(kept(&outbox), [(1, Delivery::Confirmed)]);
        outbox.push(2, |_| Some((2, false)));
        outbox.push(3, |_| Some((3, false)));
        outbox.push(4, |_| Some((4, false)));
        assert_eq!(
            kept(&outbox),
            [
                (2, Delivery::Pending),
                (3, Delivery::Pending),
                (4, Delivery::Pending)
            ],
            "the confirmed message went first"
        );
        outbox.push(5, |_| Some((5, false)));
        assert_eq!(
            kept(&outbox).iter().map(|m| m.0).collect::<Vec<_>>(),
            [3, 4, 5],
            "only pending messages left: the oldest is given up"
        );
        {
            let shared = outbox.inner.lock();
            assert!(shared.queues[&2].is_empty(), "and taken out of its queue");
            assert_eq!(shared.ended.len(), 0);
        }
        outbox.shutdown().await;
    }

    #[tokio::test]
    async fn without_a_url_the_log_keeps_the_latest() {
        let outbox = Outbox::new(None, Duration::ZERO, 1, 2, Stubborn).unwrap();
        let mut numbers = Vec::new();
        for n in 0..5 {
            outbox.push(7, |number| {
                numbers.push(number);
                Some((n, false))
            });
        }
        assert_eq!(numbers, [0, 1, 2, 3, 4], "numbers count on past eviction");
        assert_eq!(
            kept(&outbox),
            [(3, Delivery::NotSent), (4, Delivery::NotSent)]
        );
        assert_eq!(outbox.len(), 2);
    }
}
