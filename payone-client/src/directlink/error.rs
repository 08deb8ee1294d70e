//! What can go wrong when talking to DirectLink, in layers: the request (nothing sent),
//! timeout, transport, HTTP, the answer. No message contains a parameter value, the password or
//! a passphrase.

use std::time::Duration;

use super::answer_error::AnswerError;
use super::environment::Endpoint;
use crate::error::Delivery;

/// Why a request was not sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// A parameter the client sets itself from its configuration (PSPID, USERID, PSWD,
    /// SHASIGN).
    #[error("it sets {0}, which the client adds from its configuration")]
    Reserved(&'static str),
    /// A parameter without a name.
    #[error("it has a parameter without a name")]
    EmptyName,
    /// An order without ORDERID: neither the platform nor the timeout fallback can do without.
    #[error("it has no ORDERID, which orders need and the timeout fallback queries by")]
    MissingOrderId,
    /// An order with more than one ORDERID.
    #[error("it has more than one ORDERID")]
    DuplicateOrderId,
    /// `RTIMEOUT` that is not a number of seconds.
    #[error("its RTIMEOUT is not a number of seconds")]
    InvalidRtimeout,
    /// A typed request that breaks the DirectLink tables (every violation at once).
    #[error("it breaks the parameter tables: {0}")]
    Violations(payone_types::Violations),
    /// `RTIMEOUT` not shorter than the client's timeout (DirectLink guide, section 3.2).
    #[error(
        "its RTIMEOUT of {rtimeout} s is not shorter than the client's order timeout of {} ms",
        timeout.as_millis()
    )]
    RtimeoutTooLong {
        /// The `RTIMEOUT` in seconds.
        rtimeout: u64,
        /// The client's order timeout.
        timeout: Duration,
    },
}

/// Everything that can go wrong when sending a DirectLink request.
///
/// [`DirectLinkError::outcome_unknown`] tells whether the platform may have processed the
/// request anyway. [`DirectLinkClient::order`](super::DirectLinkClient::order) handles that
/// case itself by querying the order.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DirectLinkError {
    /// The request breaks a rule of the client; nothing was sent.
    #[error("the DirectLink request was not sent because {0}")]
    Request(#[from] RequestError),

    /// No answer arrived in time.
    #[error("{endpoint} did not answer within {} ms; {}", after.as_millis(), advice(*.delivery))]
    Timeout {
        /// The page.
        endpoint: Endpoint,
        /// The time limit that ran out.
        after: Duration,
        /// Whether the platform may have received the request.
        delivery: Delivery,
    },

    /// The connection failed (refused, reset, TLS, DNS, ...).
    #[error("the connection to {endpoint} failed; {}", advice(*.delivery))]
    Transport {
        /// The page.
        endpoint: Endpoint,
        /// Whether the platform may have received the request.
        delivery: Delivery,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// An HTTP status other than 200.
    #[error("{endpoint} answered with HTTP status {status}; {}", http_advice(*.status))]
    Http {
        /// The page.
        endpoint: Endpoint,
        /// The HTTP status code.
        status: u16,
    },

    /// The answer arrived but could not be read.
    #[error(
        "the answer of {endpoint} could not be read; {}",
        advice(Delivery::MaybeProcessed)
    )]
    Answer {
        /// The page.
        endpoint: Endpoint,
        /// Why.
        #[source]
        source: AnswerError,
    },

    /// The answer's body is larger than the client's limit
    /// ([`DirectLinkConfig::with_max_answer_bytes`](super::DirectLinkConfig::with_max_answer_bytes)),
    /// so it was not read past the limit. Like an unreadable answer, it leaves the outcome open.
    #[error(
        "the answer of {endpoint} is larger than the limit of {limit} bytes, so it was not read; {}",
        advice(Delivery::MaybeProcessed)
    )]
    AnswerTooLarge {
        /// The page.
        endpoint: Endpoint,
        /// The limit, in bytes.
        limit: usize,
    },
}

fn advice(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::NotSent => "nothing was sent",
        Delivery::MaybeProcessed => {
            "the request may have been processed, so check its outcome before sending it again"
        }
    }
}

fn http_advice(status: u16) -> &'static str {
    match http_delivery(status) {
        Delivery::NotSent => "the platform refused the request",
        Delivery::MaybeProcessed => advice(Delivery::MaybeProcessed),
    }
}

fn http_delivery(status: u16) -> Delivery {
    if status >= 500 {
        Delivery::MaybeProcessed
    } else {
        Delivery::NotSent
    }
}

impl DirectLinkError {
    /// Whether the platform may have processed the request although no usable answer came
    /// back: timeouts and connection failures after connecting, HTTP 5xx, unreadable answers and
    /// answers larger than the limit.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            DirectLinkError::Request(_) => false,
            DirectLinkError::Timeout { delivery, .. }
            | DirectLinkError::Transport { delivery, .. } => *delivery == Delivery::MaybeProcessed,
            DirectLinkError::Http { status, .. } => {
                http_delivery(*status) == Delivery::MaybeProcessed
            }
            DirectLinkError::Answer { .. } | DirectLinkError::AnswerTooLarge { .. } => true,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error, endpoint: Endpoint, after: Duration) -> Self {
        let delivery = if error.is_connect() {
            Delivery::NotSent
        } else {
            Delivery::MaybeProcessed
        };
        if error.is_timeout() {
            DirectLinkError::Timeout {
                endpoint,
                after,
                delivery,
            }
        } else {
            DirectLinkError::Transport {
                endpoint,
                delivery,
                source: error,
            }
        }
    }
}
