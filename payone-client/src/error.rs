//! The errors of sending a request, in layers: validation (nothing sent), transport, HTTP,
//! platform (`status=ERROR`) and parse. No message ever contains the portal key, the `key`
//! parameter or a value of a sensitive parameter.

use std::fmt;
use std::time::Duration;

use payone_types::Violations;

use crate::fields::Fields;

/// What "check before sending again" advice reads like in every error that leaves the outcome
/// open.
const CHECK_FIRST: &str =
    "the request may have been processed, so check its outcome before sending it again";

/// How far a failed request got: whether PAYONE can have received and processed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// The connection was never established: PAYONE cannot have seen the request.
    NotSent,
    /// The request may have reached PAYONE: its outcome is unknown.
    MaybeProcessed,
}

impl Delivery {
    fn advice(self) -> &'static str {
        match self {
            Delivery::NotSent => "nothing was sent",
            Delivery::MaybeProcessed => CHECK_FIRST,
        }
    }
}

/// Why an answer could not be read. Messages name fields and line numbers, never values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// No `status` line.
    #[error("the answer has no status line")]
    NoStatus,
    /// A `status` this crate does not know.
    #[error("the answer has the unknown status {0:?}")]
    UnknownStatus(String),
    /// A status without a field it cannot do without (`redirecturl` of `REDIRECT`).
    #[error("the {status} answer has no {field}")]
    MissingField {
        /// The status.
        status: &'static str,
        /// The missing field.
        field: &'static str,
    },
    /// A status that the request is never answered with (for example `REDIRECT` to a
    /// managemandate).
    #[error(
        "the {request} answer has the status {status}, which this request is not answered with"
    )]
    UnexpectedStatus {
        /// The request.
        request: &'static str,
        /// The status received.
        status: &'static str,
    },
    /// A field whose value is not of the form its answer gives it (a number of installments
    /// that is no number).
    #[error("the field {field} of the answer is not {expected}")]
    InvalidField {
        /// The field.
        field: String,
        /// What its value should be.
        expected: &'static str,
    },
    /// A getfile or getinvoice answer with an empty body.
    #[error("the {0} answer has no file")]
    EmptyDocument(&'static str),
    /// A non-blank line that is not `name=value`.
    #[error("line {line} of the answer is not a name=value pair")]
    MalformedLine {
        /// 1-based line number.
        line: usize,
    },
    /// The `Content-Type` names a charset other than UTF-8 or ISO-8859-1.
    #[error("the answer is in the unsupported charset {0:?}")]
    UnsupportedCharset(String),
    /// The body is not valid in its charset (only UTF-8 can be invalid).
    #[error("the answer is not valid {0}")]
    Undecodable(&'static str),
    /// A Client API answer that is not one JSON object whose values are strings, or is longer
    /// than such an answer can be.
    #[error("the answer is not a JSON object of strings")]
    NotJsonObject,
}

impl ParseError {
    /// An [`ParseError::UnknownStatus`] that keeps only a short, printable prefix of what was
    /// received, so a garbled body cannot flood a log.
    #[cfg(feature = "server")]
    pub(crate) fn unknown_status(status: &str) -> Self {
        ParseError::UnknownStatus(printable_prefix(status, 32))
    }
}

/// At most `max` characters of `s`, control characters dropped.
#[cfg(feature = "server")]
pub(crate) fn printable_prefix(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// Everything that can go wrong when sending a Server API request.
///
/// Use [`Error::outcome_unknown`] to decide what to do next: when it is `true`, PAYONE may have
/// processed the request (a payment may exist), so look the payment up (for example by its
/// `reference`) before sending anything again. This crate never retries by itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks the parameter tables or cannot be carried by the account's charset;
    /// nothing was sent. Every violation is listed.
    #[error("the request was not sent because it breaks the parameter tables: {}", OneLine(.0))]
    Validation(Violations),

    /// No answer arrived in time.
    #[error("{}", timeout_sentence(*.after, *.delivery))]
    Timeout {
        /// The time limit that ran out.
        after: Duration,
        /// Whether PAYONE may have received the request.
        delivery: Delivery,
    },

    /// The connection failed (refused, reset, TLS, DNS, ...).
    #[error("{}", transport_sentence(.source, *.delivery))]
    Transport {
        /// Whether PAYONE may have received the request.
        delivery: Delivery,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// The answer had an HTTP status other than 200.
    #[error("{}", http_sentence(*.status))]
    Http {
        /// The HTTP status code.
        status: u16,
    },

    /// PAYONE answered `status=ERROR`.
    #[error("{}", platform_sentence(.errorcode, .errormessage))]
    Platform {
        /// `errorcode` (empty when the answer had none).
        errorcode: String,
        /// `errormessage`, meant for the merchant (empty when the answer had none).
        errormessage: String,
        /// `customermessage`, meant to be shown to the customer.
        customermessage: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },

    /// The answer arrived but could not be read.
    #[error("PAYONE's answer could not be read ({0}); {CHECK_FIRST}")]
    Parse(#[from] ParseError),

    /// The answer's body is larger than the client's limit
    /// ([`ClientBuilder::max_answer_bytes`](crate::ClientBuilder::max_answer_bytes)), so it was
    /// not read past the limit. Like an unreadable answer, it leaves the outcome open.
    #[error(
        "PAYONE's answer is larger than the limit of {limit} bytes, so it was not read; {CHECK_FIRST}"
    )]
    AnswerTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl Error {
    /// Whether PAYONE may have received and processed the request although no usable answer
    /// came back: timeouts and connection failures after the connection was established,
    /// HTTP 5xx, and answers that could not be read or were larger than the limit. Then the
    /// outcome must be checked (for example by the payment's reference) before the request is
    /// sent again.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Error::Timeout { delivery, .. } | Error::Transport { delivery, .. } => {
                *delivery == Delivery::MaybeProcessed
            }
            Error::Http { status } => *status >= 500,
            Error::Parse(_) | Error::AnswerTooLarge { .. } => true,
            Error::Validation(_) | Error::Platform { .. } => false,
        }
    }

    /// Another name for [`Error::outcome_unknown`].
    pub fn may_have_been_processed(&self) -> bool {
        self.outcome_unknown()
    }

    /// Whether a time limit ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// The platform's `errorcode`, for `status=ERROR` answers.
    pub fn errorcode(&self) -> Option<&str> {
        match self {
            Error::Platform { errorcode, .. } => Some(errorcode),
            _ => None,
        }
    }
}

/// Violations on one line, separated by `; `.
struct OneLine<'a>(&'a Violations);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn timeout_sentence(after: Duration, delivery: Delivery) -> String {
    match delivery {
        Delivery::NotSent => format!(
            "could not connect to PAYONE within {}; {}",
            seconds(after),
            delivery.advice()
        ),
        Delivery::MaybeProcessed => format!(
            "PAYONE did not answer within {}; {}",
            seconds(after),
            delivery.advice()
        ),
    }
}

fn transport_sentence(source: &reqwest::Error, delivery: Delivery) -> String {
    let cause = root_cause(source);
    match delivery {
        Delivery::NotSent => format!("could not connect to PAYONE ({cause}); nothing was sent"),
        Delivery::MaybeProcessed => format!(
            "the connection to PAYONE failed after the request was sent ({cause}); {CHECK_FIRST}"
        ),
    }
}

/// The innermost cause: reqwest's own message repeats the URL, the cause says what happened.
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn http_sentence(status: u16) -> String {
    if status >= 500 {
        format!("PAYONE answered with HTTP status {status}; {CHECK_FIRST}")
    } else {
        format!(
            "PAYONE answered with HTTP status {status}, so the request was not processed; check the endpoint URL"
        )
    }
}

fn platform_sentence(errorcode: &str, errormessage: &str) -> String {
    match (errorcode.is_empty(), errormessage.is_empty()) {
        (false, false) => {
            format!("PAYONE refused the request with error {errorcode}: {errormessage}")
        }
        (false, true) => format!("PAYONE refused the request with error {errorcode}"),
        (true, false) => format!("PAYONE refused the request: {errormessage}"),
        (true, true) => "PAYONE refused the request without an error code".to_owned(),
    }
}
