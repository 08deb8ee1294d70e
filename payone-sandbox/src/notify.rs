//! TransactionStatus notifications: POSTed to the configured URL as ISO-8859-1 form data, retried
//! until the receiver answers exactly `TSOK` or the attempts run out (the queues are the
//! [`Outbox`]'s: one per transaction, in the order things happened).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payone_types::sign::server_key;
use payone_types::{Charset, KeyDigest, Params};

use crate::config::Accounts;
use crate::money::decimal;
use crate::outbox::{Courier, Outbox, Record};
use crate::state::Transaction;

pub use crate::outbox::Delivery;

/// The `notify_version` the sandbox's notifications are of.
const NOTIFY_VERSION: &str = "7.5";

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
            // In any case: a receiver reads `Key` as readily as `key`.
            .map(|(n, v)| {
                if n.eq_ignore_ascii_case("key") {
                    format!("{n}=<redacted>")
                } else {
                    format!("{n}={v}")
                }
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
            // The form of notify version 7.5 ("Parameter for the TransactionStatus query",
            // https://docs.payone.com/display/public/PLATFORM/Parameter+for+the+TransactionStatus+query):
            // `transaction_status` on every notification and `txaction=failed`. Every event
            // here has happened when it is notified; nothing is ever pending, so the
            // `reasoncode` of 7.6 never applies.
            ("transaction_status", "completed".to_owned()),
            ("notify_version", NOTIFY_VERSION.to_owned()),
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
        // The balance is what the customer still owes: the claim less what has arrived.
        p.push(("price", decimal(tx.amount)));
        p.push(("receivable", decimal(tx.booked)));
        p.push(("balance", decimal(tx.booked - tx.paid)));
        p.into_iter().map(|(n, v)| (n.to_owned(), v)).collect()
    }
}

/// A notification as logged and queued.
#[derive(Clone)]
pub(crate) struct Message {
    txid: u64,
    txaction: &'static str,
    params: Vec<(String, String)>,
}

/// TransactionStatus notifications on the wire: ISO-8859-1 form data, confirmed only by a 2xx
/// answer whose body is exactly `TSOK`.
struct Tsok;

impl Courier for Tsok {
    type Message = Message;
    type Wire = String;
    const WHAT: &'static str = "notification";

    fn prepare(&self, message: &Message) -> Option<String> {
        let mut form = Params::new();
        for (name, value) in &message.params {
            form.push(name.clone(), value.as_str(), false, false);
        }
        // Every value is ASCII (numbers, codes, references limited to the Frontend parameter page's
        // symbols), so ISO-8859-1 always carries it; should one not, nothing is sent rather than a
        // mangled body.
        form.form_encode(Charset::Latin1).ok()
    }

    async fn attempt(&self, http: &reqwest::Client, url: &str, body: &String) -> bool {
        let sent = http
            .post(url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=ISO-8859-1",
            )
            .body(body.clone())
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
}

/// Sends the notifications of one sandbox.
#[derive(Clone)]
pub(crate) struct Notifier {
    outbox: Outbox<Tsok>,
    accounts: Accounts,
    key_md5: String,
}

impl Notifier {
    /// A notifier for `url` (none: notifications are only logged) whose log keeps the latest
    /// `cap`.
    pub(crate) fn new(
        url: Option<String>,
        retry: Duration,
        max_attempts: u32,
        cap: usize,
        accounts: Accounts,
    ) -> std::io::Result<Self> {
        Ok(Notifier {
            outbox: Outbox::new(url, retry, max_attempts, cap, Tsok)?,
            key_md5: server_key(&accounts.key, KeyDigest::Md5),
            accounts,
        })
    }

    /// Logs `event` and queues it behind the transaction's earlier notifications.
    ///
    /// Callers hold the state lock while calling, so events of one transaction are queued in
    /// the order they happened.
    pub(crate) fn notify(&self, event: Event) {
        let message = Message {
            txid: event.tx.txid,
            txaction: event.txaction,
            params: event.params(&self.key_md5, &self.accounts),
        };
        self.outbox.push(event.tx.txid, |_| Some(message));
    }

    /// Notifications kept in the log now.
    pub(crate) fn len(&self) -> usize {
        self.outbox.len()
    }

    /// The notifications kept, oldest first.
    pub(crate) fn log(&self) -> Vec<SentNotification> {
        self.outbox
            .log()
            .into_iter()
            .map(
                |Record {
                     message,
                     attempts,
                     delivery,
                     ..
                 }| SentNotification {
                    txid: message.txid.to_string(),
                    txaction: message.txaction.to_owned(),
                    params: message.params,
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
            paid: 0,
        }
    }

    #[tokio::test]
    async fn without_url_notifications_are_logged_only() {
        let notifier = Notifier::new(None, Duration::ZERO, 1, 10, Accounts::default()).unwrap();
        notifier.notify(Event::new(&tx(), "appointed", 0));
        let log = notifier.log();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].delivery, Delivery::NotSent);
        assert_eq!(log[0].get("price"), Some("19.99"));
        assert_eq!(log[0].get("reference"), Some("order-1"));
        assert_eq!(log[0].get("customerid"), None);
        assert_eq!(log[0].get("transaction_status"), Some("completed"));
        assert_eq!(log[0].get("notify_version"), Some("7.5"));
        assert_eq!(log[0].get("key").map(str::len), Some(32));
        let debug = format!("{:?}", log[0]);
        assert!(debug.contains("key=<redacted>"), "{debug}");
        assert!(!debug.contains(log[0].get("key").unwrap()), "{debug}");
    }

    #[test]
    fn debug_redacts_the_key_in_any_case() {
        let sent = SentNotification {
            txid: "1".into(),
            txaction: "appointed".into(),
            params: ["key", "Key", "KEY"]
                .iter()
                .enumerate()
                .map(|(i, n)| ((*n).to_owned(), format!("key-value-{i}")))
                .chain([("txaction".to_owned(), "appointed".to_owned())])
                .collect(),
            attempts: 0,
            delivery: Delivery::NotSent,
        };
        let debug = format!("{sent:?}");
        assert!(!debug.contains("key-value-"), "{debug}");
        assert!(debug.contains("Key=<redacted>"), "{debug}");
        assert!(debug.contains("txaction=appointed"), "{debug}");
    }

    #[test]
    fn a_bad_url_is_refused_at_start() {
        let err = Notifier::new(
            Some("not a url".into()),
            Duration::ZERO,
            1,
            10,
            Accounts::default(),
        )
        .err()
        .unwrap();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
}
