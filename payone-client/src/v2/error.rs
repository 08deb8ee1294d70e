//! What can go wrong when calling the v2 API, in layers: the request (nothing sent), timeout
//! and transport, the platform's answer by HTTP status, an unreadable answer. No message holds
//! a value of the request (card data), the API secret or a platform `message` text: errors are
//! named by their `code` and `propertyName` only.

use std::fmt;
use std::time::Duration;

use payone_types::Violations;
use payone_types::gcs::GcsError;
use payone_types::generated::v2::{ApiError, CreatePaymentResponse, ErrorResponse};
use payone_types::json::{JsonError, Operation};

use crate::error::Delivery;

/// Which operation a result belongs to: its `snake_case` name and HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OperationInfo {
    name: &'static str,
    method: &'static str,
}

impl OperationInfo {
    /// The operation `Op`.
    pub fn of<Op: Operation>() -> Self {
        OperationInfo {
            name: Op::NAME,
            method: Op::METHOD,
        }
    }

    /// `create_payment`, `get_payment_details`, ...
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// `GET`, `POST`, ...
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// Whether the operation can change something on the platform (everything but `GET` and
    /// `HEAD`): only those leave an outcome open when their answer is lost.
    pub fn changes_state(&self) -> bool {
        !matches!(self.method, "GET" | "HEAD")
    }

    /// Whether the operation creates a payment, which must never be sent again blindly.
    pub fn creates_payment(&self) -> bool {
        self.name == "create_payment"
    }
}

impl fmt::Display for OperationInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Why a request was not sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The operation's path has `{paymentId}` but no payment id was given.
    #[error("its path needs a payment id")]
    MissingPaymentId,
    /// A payment id was given for a path without `{paymentId}`.
    #[error("its path has no payment id, but one was given")]
    UnexpectedPaymentId,
    /// An empty payment id.
    #[error("its payment id is empty")]
    EmptyPaymentId,
    /// The operation's path has this placeholder (`tokenId`, `hostedTokenizationId`) but no
    /// such id was given.
    #[error("its path needs a {0}")]
    MissingId(&'static str),
    /// An id was given for a path without its placeholder.
    #[error("its path has no {0}, but one was given")]
    UnexpectedId(&'static str),
    /// An empty id for this placeholder.
    #[error("its {0} is empty")]
    EmptyId(&'static str),
    /// A path placeholder the client cannot fill.
    #[error("its path has the unknown placeholder {0}")]
    UnknownPlaceholder(String),
    /// A header that is not an `X-GCS-*` header: only those are signed.
    #[error("the header {0} is not an X-GCS-* header")]
    NotGcsHeader(String),
    /// A header whose name or value cannot be sent (line breaks, non-visible characters).
    #[error("the header {0} has a name or value that cannot be sent")]
    InvalidHeader(String),
    /// The string to sign could not be built (a duplicated `X-GCS-*` header).
    #[error("it cannot be signed: {0}")]
    Signing(#[from] GcsError),
    /// The body breaks the v2 table (every violation at once, by JSON path).
    #[error("its body breaks the v2 table: {0}")]
    Invalid(Violations),
    /// The member at this JSON path (`hostedCheckoutSpecificInput.returnUrl`) is not an
    /// `https` URL, which the live environment requires of the pages the customer is sent to.
    #[error("{0}: the live environment takes only https URLs")]
    NotHttps(String),
}

/// Everything that can go wrong when calling a v2 operation.
///
/// Use [`V2Error::outcome_unknown`] to decide what to do next: when it is `true` the platform
/// may have processed the request (a payment may exist, a capture may have happened), so look
/// it up before sending anything again. The client never retries by itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum V2Error {
    /// The request breaks a rule of the client; nothing was sent.
    #[error("{operation} was not sent because {source}")]
    Request {
        /// The operation.
        operation: OperationInfo,
        /// Why.
        #[source]
        source: RequestError,
    },

    /// No answer arrived in time.
    #[error("{}", timeout_sentence(*.operation, *.after, *.delivery))]
    Timeout {
        /// The operation.
        operation: OperationInfo,
        /// The time limit that ran out.
        after: Duration,
        /// Whether the platform may have received the request.
        delivery: Delivery,
    },

    /// The connection failed (refused, reset, TLS, DNS, ...).
    #[error("{}", transport_sentence(*.operation, *.delivery))]
    Transport {
        /// The operation.
        operation: OperationInfo,
        /// Whether the platform may have received the request.
        delivery: Delivery,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// HTTP 400: the platform found the request invalid; `errors[].propertyName` names the
    /// members.
    #[error("PAYONE refused {operation} as invalid (HTTP 400{}); nothing was processed", Codes(.response.as_deref()))]
    BadRequest {
        /// The operation.
        operation: OperationInfo,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// HTTP 401 or 403: the API key, secret, signature, date or merchant was not accepted.
    #[error("PAYONE refused {operation} with HTTP {status} because the API key, signature or merchant was not accepted{}; nothing was processed", Codes(.response.as_deref()))]
    Unauthorized {
        /// The operation.
        operation: OperationInfo,
        /// 401 or 403.
        status: u16,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// HTTP 402: the payment was declined; `paymentResult` holds the rejected payment
    /// (statusCode 2). A new attempt for the same order keeps its `merchantReference`.
    #[error("PAYONE declined the payment (HTTP 402{}); a new attempt for the same order should keep its merchantReference", Codes(.response.as_deref()))]
    Declined {
        /// The operation.
        operation: OperationInfo,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// HTTP 404: the payment (token, mandate, ... or merchant) is unknown.
    #[error("PAYONE does not know the payment, token, tokenization, mandate or merchant of {operation} (HTTP 404{})", Codes(.response.as_deref()))]
    NotFound {
        /// The operation.
        operation: OperationInfo,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// HTTP 409: the payment's state does not allow the operation, or a request with the same
    /// idempotence key is still being processed.
    #[error("PAYONE refused {operation} because it conflicts with the payment's state or a request in progress (HTTP 409{})", Codes(.response.as_deref()))]
    Conflict {
        /// The operation.
        operation: OperationInfo,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// Another HTTP 4xx status.
    #[error("PAYONE refused {operation} with HTTP {status}{}; nothing was processed", Codes(.response.as_deref()))]
    Refused {
        /// The operation.
        operation: OperationInfo,
        /// The HTTP status.
        status: u16,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// HTTP 5xx (or an unexpected 1xx/3xx): the platform failed while handling the request.
    #[error("{}", server_sentence(*.operation, *.status, .response.as_deref()))]
    Server {
        /// The operation.
        operation: OperationInfo,
        /// The HTTP status.
        status: u16,
        /// The answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },

    /// A success status whose body is not the operation's answer.
    #[error("{}", answer_sentence(*.operation, *.status, .source, .payment_id.as_deref()))]
    Answer {
        /// The operation.
        operation: OperationInfo,
        /// The HTTP status (2xx).
        status: u16,
        /// Why the body could not be read.
        #[source]
        source: JsonError,
        /// The payment's id, when the body names one although it is not a valid answer: a
        /// created payment must not be lost because a member of its answer is off.
        payment_id: Option<String>,
    },

    /// The answer's body is larger than the client's limit
    /// ([`V2Config::with_max_answer_bytes`](super::V2Config::with_max_answer_bytes)), so it was
    /// not read past the limit. Its HTTP status alone decides whether the outcome is open: a
    /// 4xx still says the platform refused the request.
    #[error("{}", too_large_sentence(*.operation, *.status, *.limit))]
    AnswerTooLarge {
        /// The operation.
        operation: OperationInfo,
        /// The HTTP status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
}

impl V2Error {
    /// Whether the platform may have processed the request although no usable answer came
    /// back: timeouts and connection failures after connecting, HTTP 5xx, unreadable answers
    /// and answers larger than the limit (unless their HTTP status is 4xx) of an operation that
    /// changes state (a `create_payment` may have created a
    /// payment). Then look the outcome up (by `merchantReference`, the webhook, or
    /// `get_payment_details`) before sending again. `GET` never leaves an outcome open.
    pub fn outcome_unknown(&self) -> bool {
        let operation = self.operation();
        operation.changes_state()
            && match self {
                V2Error::Timeout { delivery, .. } | V2Error::Transport { delivery, .. } => {
                    *delivery == Delivery::MaybeProcessed
                }
                V2Error::Server { .. } | V2Error::Answer { .. } => true,
                V2Error::AnswerTooLarge { status, .. } => !refused(*status),
                _ => false,
            }
    }

    /// The operation that failed.
    pub fn operation(&self) -> OperationInfo {
        match self {
            V2Error::Request { operation, .. }
            | V2Error::Timeout { operation, .. }
            | V2Error::Transport { operation, .. }
            | V2Error::BadRequest { operation, .. }
            | V2Error::Unauthorized { operation, .. }
            | V2Error::Declined { operation, .. }
            | V2Error::NotFound { operation, .. }
            | V2Error::Conflict { operation, .. }
            | V2Error::Refused { operation, .. }
            | V2Error::Server { operation, .. }
            | V2Error::Answer { operation, .. }
            | V2Error::AnswerTooLarge { operation, .. } => *operation,
        }
    }

    /// The HTTP status of the answer, when one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            V2Error::Request { .. } | V2Error::Timeout { .. } | V2Error::Transport { .. } => None,
            V2Error::BadRequest { .. } => Some(400),
            V2Error::Declined { .. } => Some(402),
            V2Error::NotFound { .. } => Some(404),
            V2Error::Conflict { .. } => Some(409),
            V2Error::Unauthorized { status, .. }
            | V2Error::Refused { status, .. }
            | V2Error::Server { status, .. }
            | V2Error::Answer { status, .. }
            | V2Error::AnswerTooLarge { status, .. } => Some(*status),
        }
    }

    /// The platform's error answer, when one arrived and could be read.
    pub fn error_response(&self) -> Option<&ErrorResponse> {
        match self {
            V2Error::BadRequest { response, .. }
            | V2Error::Unauthorized { response, .. }
            | V2Error::Declined { response, .. }
            | V2Error::NotFound { response, .. }
            | V2Error::Conflict { response, .. }
            | V2Error::Refused { response, .. }
            | V2Error::Server { response, .. } => response.as_deref(),
            _ => None,
        }
    }

    /// The platform's `errors[]` (empty when there is no readable error answer).
    pub fn api_errors(&self) -> &[ApiError] {
        self.error_response().map_or(&[], |r| r.errors())
    }

    /// The declined payment of an HTTP 402 (`paymentResult`).
    pub fn payment_result(&self) -> Option<&CreatePaymentResponse> {
        match self {
            V2Error::Declined { response, .. } => response.as_deref()?.payment_result(),
            _ => None,
        }
    }

    /// The payment an unreadable 2xx answer names ([`V2Error::Answer`]): look it up with
    /// `payment_details` instead of creating the payment again.
    pub fn payment_id(&self) -> Option<&str> {
        match self {
            V2Error::Answer { payment_id, .. } => payment_id.as_deref(),
            _ => None,
        }
    }

    /// Whether a time limit ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, V2Error::Timeout { .. })
    }

    /// Whether the request was never sent (refused by the client, or no connection).
    pub fn not_sent(&self) -> bool {
        match self {
            V2Error::Request { .. } => true,
            V2Error::Timeout { delivery, .. } | V2Error::Transport { delivery, .. } => {
                *delivery == Delivery::NotSent
            }
            _ => false,
        }
    }
}

/// `: code X at member, code Y` for the Display of an error answer: codes and property names
/// only, never `message` (free text of the platform).
struct Codes<'a>(Option<&'a ErrorResponse>);

impl fmt::Display for Codes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(response) = self.0 else {
            return Ok(());
        };
        // A few are enough to read; the rest are in `errors()`.
        const SHOWN: usize = 3;
        for (i, error) in response.errors().iter().take(SHOWN).enumerate() {
            f.write_str(if i == 0 { ": " } else { ", " })?;
            match error.code() {
                Some(code) => write!(f, "code {}", code.as_str())?,
                None => f.write_str("an error")?,
            }
            if let Some(property) = error.property_name() {
                write!(f, " at {}", property.as_str())?;
            }
        }
        let more = response.errors().len().saturating_sub(SHOWN);
        if more > 0 {
            write!(f, " and {more} more")?;
        }
        Ok(())
    }
}

const CHECK_FIRST: &str =
    "it may have been processed, so check its outcome before sending it again";
const SAFE_AGAIN: &str = "it changes nothing, so it can be sent again";

fn open_outcome(operation: OperationInfo) -> &'static str {
    if operation.changes_state() {
        CHECK_FIRST
    } else {
        SAFE_AGAIN
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn timeout_sentence(operation: OperationInfo, after: Duration, delivery: Delivery) -> String {
    match delivery {
        Delivery::NotSent => format!(
            "could not connect to PAYONE for {operation} within {}; nothing was sent",
            seconds(after)
        ),
        Delivery::MaybeProcessed => format!(
            "PAYONE did not answer {operation} within {}; {}",
            seconds(after),
            open_outcome(operation)
        ),
    }
}

fn transport_sentence(operation: OperationInfo, delivery: Delivery) -> String {
    match delivery {
        Delivery::NotSent => {
            format!("could not connect to PAYONE for {operation}; nothing was sent")
        }
        Delivery::MaybeProcessed => format!(
            "the connection to PAYONE failed after {operation} was sent; {}",
            open_outcome(operation)
        ),
    }
}

fn server_sentence(
    operation: OperationInfo,
    status: u16,
    response: Option<&ErrorResponse>,
) -> String {
    format!(
        "PAYONE answered {operation} with HTTP {status}{}; {}",
        Codes(response),
        open_outcome(operation)
    )
}

/// Whether an HTTP status says the platform refused the request (4xx), whatever its body.
fn refused(status: u16) -> bool {
    (400..500).contains(&status)
}

fn too_large_sentence(operation: OperationInfo, status: u16, limit: usize) -> String {
    format!(
        "PAYONE's answer to {operation} (HTTP {status}) is larger than the limit of {limit} bytes, so it was not read; {}",
        if refused(status) {
            "its HTTP status says the request was refused"
        } else {
            processed_advice(operation, status)
        }
    )
}

fn answer_sentence(
    operation: OperationInfo,
    status: u16,
    source: &JsonError,
    payment_id: Option<&str>,
) -> String {
    let payment = payment_id.map_or(String::new(), |id| format!(" for payment {id}"));
    format!(
        "PAYONE's answer to {operation} (HTTP {status}){payment} could not be read ({source}); {}",
        processed_advice(operation, status)
    )
}

/// What to do when the answer of a request was not read: a 2xx status says it was processed,
/// any other leaves that open.
fn processed_advice(operation: OperationInfo, status: u16) -> &'static str {
    if operation.changes_state() && (200..300).contains(&status) {
        "it was processed, so check its outcome before sending it again"
    } else {
        open_outcome(operation)
    }
}
