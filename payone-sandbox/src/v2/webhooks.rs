//! v2 webhooks: a `WebhooksEvent` JSON POSTed to the configured URL with `X-GCS-Signature` and
//! `X-GCS-KeyId`, retried until the receiver answers 2xx or the attempts run out.
//!
//! The same approach as the TransactionStatus notifications (`notify.rs`): each payment has
//! its own queue and worker, so its events arrive in the order they happened while a receiver
//! that keeps failing for one payment delays no other.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payone_types::gcs::{self, SecretString};
use payone_types::generated::v2::RefundResponse;
use tokio::task::JoinSet;

use super::store::Payment;
use super::wire;
use crate::config::V2Account;
use crate::notify::Delivery;

/// How long one delivery attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// One webhook and how its delivery went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentWebhook {
    /// The event's `id`.
    pub id: String,
    /// The event's `type` (`payment.pending_capture`, `payment.captured`, ...).
    pub event_type: String,
    /// The payment's id.
    pub payment_id: String,
    /// The JSON body exactly as signed and sent (card numbers in it are masked).
    pub body: String,
    /// Delivery attempts made so far.
    pub attempts: u32,
    /// Where the delivery stands ([`Delivery::Confirmed`]: a 2xx answer).
    pub delivery: Delivery,
}

/// Where and how often to deliver.
struct Target {
    url: String,
    retry: Duration,
    max_attempts: u32,
    http: reqwest::Client,
}

struct Shared {
    log: Vec<SentWebhook>,
    /// Per payment number: indices into `log` not yet delivered, oldest first.
    queues: HashMap<u64, VecDeque<usize>>,
    workers: JoinSet<()>,
}

struct Inner {
    target: Option<Target>,
    merchant_id: String,
    key_id: String,
    secret: SecretString,
    shared: Mutex<Shared>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        // Workers only push and count; a panic cannot leave half an update.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Sends the webhooks of one sandbox.
#[derive(Clone)]
pub(crate) struct Webhooks {
    inner: Arc<Inner>,
}

impl Webhooks {
    /// Webhooks to `url` (none: only logged), signed with the account's webhook key.
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        account: &V2Account,
    ) -> std::io::Result<Self> {
        let target = match url {
            None => None,
            Some(url) => {
                reqwest::Url::parse(&url).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("webhook URL: {e}"),
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
        Ok(Webhooks {
            inner: Arc::new(Inner {
                target,
                merchant_id: account.merchant_id.clone(),
                key_id: account.webhook_key_id.clone(),
                secret: account.webhook_secret.clone(),
                shared: Mutex::new(Shared {
                    log: Vec::new(),
                    queues: HashMap::new(),
                    workers: JoinSet::new(),
                }),
            }),
        })
    }

    /// Logs the event `event_type` about `payment` as it is now (with `refund` for a refund)
    /// and queues it behind the payment's earlier events.
    ///
    /// Callers hold the payments' lock, so one payment's events are queued in the order they
    /// happened.
    pub(crate) fn send(
        &self,
        event_type: &'static str,
        payment: &Payment,
        refund: Option<RefundResponse>,
    ) {
        let mut shared = self.inner.lock();
        let index = shared.log.len();
        let id = event_id(index as u64 + 1);
        let event = wire::webhook_event(
            &id,
            &rfc3339_now(),
            &self.inner.merchant_id,
            event_type,
            payment,
            refund,
        );
        let Ok(event) = event else {
            // Only an empty id, time or merchant id could be refused; none ever is.
            tracing::warn!(event_type, "webhook not built; not sent");
            return;
        };
        let body = event.to_string();
        shared.log.push(SentWebhook {
            id,
            event_type: event_type.to_owned(),
            payment_id: payment.id(),
            body,
            attempts: 0,
            delivery: match self.inner.target {
                Some(_) => Delivery::Pending,
                None => Delivery::NotSent,
            },
        });
        if self.inner.target.is_none() {
            return;
        }
        let queue = shared.queues.entry(payment.number).or_default();
        queue.push_back(index);
        if queue.len() == 1 {
            // No worker for this payment: a running one removes the queue when it empties.
            let inner = self.inner.clone();
            shared.workers.spawn(work_queue(inner, payment.number));
        }
        while shared.workers.try_join_next().is_some() {}
    }

    /// Every webhook so far.
    pub(crate) fn log(&self) -> Vec<SentWebhook> {
        self.inner.lock().log.clone()
    }

    /// Stops every delivery at once.
    pub(crate) async fn shutdown(&self) {
        let mut workers = std::mem::take(&mut self.inner.lock().workers);
        workers.shutdown().await;
    }
}

/// Delivers the queue of payment `number` front to back, then ends.
async fn work_queue(inner: Arc<Inner>, number: u64) {
    let Some(target) = &inner.target else { return };
    loop {
        let (index, body) = {
            let shared = inner.lock();
            let Some(&index) = shared.queues.get(&number).and_then(|q| q.front()) else {
                return;
            };
            (index, shared.log[index].body.clone())
        };
        deliver(&inner, target, index, body).await;
        let mut shared = inner.lock();
        let Some(queue) = shared.queues.get_mut(&number) else {
            return;
        };
        queue.pop_front();
        if queue.is_empty() {
            shared.queues.remove(&number);
            return;
        }
    }
}

/// Attempts one webhook up to `max_attempts` times, recording each attempt in the log.
async fn deliver(inner: &Inner, target: &Target, index: usize, body: String) {
    let signature = gcs::webhook_signature(&inner.secret, body.as_bytes());
    for attempt in 1..=target.max_attempts {
        let sent = target
            .http
            .post(&target.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(gcs::X_GCS_SIGNATURE, &signature)
            .header(gcs::X_GCS_KEY_ID, &inner.key_id)
            .body(body.clone())
            .send()
            .await;
        let confirmed = matches!(&sent, Ok(answer) if answer.status().is_success());
        {
            let mut shared = inner.lock();
            let entry = &mut shared.log[index];
            entry.attempts = attempt;
            if confirmed {
                entry.delivery = Delivery::Confirmed;
                return;
            }
        }
        tracing::debug!(index, attempt, "webhook not answered with 2xx");
        if attempt < target.max_attempts {
            tokio::time::sleep(target.retry).await;
        }
    }
    inner.lock().log[index].delivery = Delivery::GaveUp;
}

/// A UUID-shaped id that counts, so that a run is reproducible.
fn event_id(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// The current time as `2024-05-01T12:00:00.000Z`.
fn rfc3339_now() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339(since.as_secs(), since.subsec_millis())
}

/// `secs` after the Unix epoch as an RFC 3339 UTC time with milliseconds.
fn rfc3339(secs: u64, millis: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_ids() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(rfc3339(1_717_245_296, 123), "2024-06-01T12:34:56.123Z");
        assert_eq!(event_id(1), "00000000-0000-4000-8000-000000000001");
    }

    #[test]
    fn a_bad_url_is_refused_at_start() {
        let err = Webhooks::new(
            Some("not a url".into()),
            Duration::ZERO,
            1,
            &V2Account::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}
