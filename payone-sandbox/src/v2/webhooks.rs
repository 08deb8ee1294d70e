//! v2 webhooks: a `WebhooksEvent` JSON POSTed to the configured URL with `X-GCS-Signature` and
//! `X-GCS-KeyId`, retried until the receiver answers 2xx or the attempts run out (the queues
//! are the [`Outbox`]'s: one per payment, in the order things happened).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payone_types::gcs::{self, SecretString};
use payone_types::generated::v2::RefundResponse;

use super::store::Payment;
use super::wire;
use crate::config::V2Account;
use crate::outbox::{Courier, Delivery, Outbox, Record};

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

/// A webhook as logged and queued.
#[derive(Clone)]
pub(crate) struct Message {
    id: String,
    event_type: &'static str,
    payment_id: String,
    body: String,
}

/// Webhooks on the wire: JSON signed with the account's webhook key, confirmed by any 2xx.
struct Signed {
    key_id: String,
    secret: SecretString,
}

/// A body and its `X-GCS-Signature`.
struct SignedBody {
    body: String,
    signature: String,
}

impl Courier for Signed {
    type Message = Message;
    type Wire = SignedBody;
    const WHAT: &'static str = "webhook";

    fn prepare(&self, message: &Message) -> Option<SignedBody> {
        Some(SignedBody {
            signature: gcs::webhook_signature(&self.secret, message.body.as_bytes()),
            body: message.body.clone(),
        })
    }

    async fn attempt(&self, http: &reqwest::Client, url: &str, wire: &SignedBody) -> bool {
        let sent = http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(gcs::X_GCS_SIGNATURE, &wire.signature)
            .header(gcs::X_GCS_KEY_ID, &self.key_id)
            .body(wire.body.clone())
            .send()
            .await;
        matches!(&sent, Ok(answer) if answer.status().is_success())
    }
}

/// Sends the webhooks of one sandbox.
#[derive(Clone)]
pub(crate) struct Webhooks {
    outbox: Outbox<Signed>,
    merchant_id: String,
}

impl Webhooks {
    /// Webhooks to `url` (none: only logged), signed with the account's webhook key; the log
    /// keeps the latest `cap`.
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        cap: usize,
        account: &V2Account,
    ) -> std::io::Result<Self> {
        let courier = Signed {
            key_id: account.webhook_key_id.clone(),
            secret: account.webhook_secret.clone(),
        };
        Ok(Webhooks {
            outbox: Outbox::new(url, retry, max_attempts, cap, courier)?,
            merchant_id: account.merchant_id.clone(),
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
        self.outbox.push(payment.number, |number| {
            let id = event_id(number + 1);
            let event = wire::webhook_event(
                &id,
                &rfc3339_now(),
                &self.merchant_id,
                event_type,
                payment,
                refund,
            );
            let Ok(event) = event else {
                // Only an empty id, time or merchant id could be refused; none ever is.
                tracing::warn!(event_type, "webhook not built; not sent");
                return None;
            };
            Some(Message {
                id,
                event_type,
                payment_id: payment.id(),
                body: event.to_string(),
            })
        });
    }

    /// Webhooks kept in the log now.
    pub(crate) fn len(&self) -> usize {
        self.outbox.len()
    }

    /// Every webhook kept, oldest first.
    pub(crate) fn log(&self) -> Vec<SentWebhook> {
        self.outbox
            .log()
            .into_iter()
            .map(
                |Record {
                     message,
                     attempts,
                     delivery,
                     ..
                 }| SentWebhook {
                    id: message.id,
                    event_type: message.event_type.to_owned(),
                    payment_id: message.payment_id,
                    body: message.body,
                    attempts,
                    delivery,
                },
            )
            .collect()
    }

    /// Stops every delivery at once.
    pub(crate) async fn shutdown(&self) {
        self.outbox.shutdown().await;
    }
}

/// A UUID-shaped id that counts, so that a run is reproducible.
fn event_id(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// The current time as `2024-05-01T12:00:00.000Z`.
pub(crate) fn rfc3339_now() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339(since.as_secs(), since.subsec_millis())
}

/// `secs` after the Unix epoch as an RFC 3339 UTC time with milliseconds.
fn rfc3339(secs: u64, millis: u32) -> String {
    const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    let at = i64::try_from(secs)
        .ok()
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        + time::Duration::milliseconds(i64::from(millis));
    // Formatting a four-digit year with these components cannot fail.
    at.format(FORMAT).unwrap_or_default()
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
            10,
            &V2Account::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}
