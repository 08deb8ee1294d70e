//! What an answer means: processed with a STATUS, 3-D Secure identification, a duplicate
//! order or maintenance, or another platform error; and, for orders, what the safe timeout
//! fallback found out.

use super::answer_error::AnswerError;
use super::error::DirectLinkError;
use super::ncerror::NcError;
use super::response::NcResponse;
use super::status::Status;

/// What an `<ncresponse>` means.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// No `NCERROR` (empty or `0`): the platform processed the request; see `status`.
    Processed {
        /// `STATUS`.
        status: Status,
        /// The whole answer.
        response: NcResponse,
    },
    /// STATUS 46 with an `HTML_ANSWER`: show `html_answer` to the customer for 3-D Secure
    /// identification.
    Identification {
        /// The base64-decoded `HTML_ANSWER`.
        html_answer: String,
        /// The whole answer.
        response: NcResponse,
    },
    /// STATUS 46 whose `HTML_ANSWER` could not be decoded: the platform waits for 3-D Secure
    /// identification and `response` names the payment (its `PAYID`), but the HTML to show the
    /// customer is unavailable. Query the order later for its final status.
    IdentificationUnavailable {
        /// Why the `HTML_ANSWER` could not be read.
        reason: AnswerError,
        /// The whole answer.
        response: NcResponse,
    },
    /// `NCERROR` 50001113 with a `PAYID` (DirectLink guide, section 4.1): this ORDERID was already
    /// processed; `payid` and the answer's `ACCEPTANCE` are those of the existing payment. No
    /// new payment was made.
    DuplicateOrder {
        /// The existing payment's `PAYID`.
        payid: String,
        /// The whole answer.
        response: NcResponse,
    },
    /// `NCERROR` 50001127 (DirectLink guide, section 5.3): the order is not in a status that allows
    /// this maintenance, which is what a maintenance request sent twice gets (the first one changed
    /// the status). Query the order to see where it stands.
    DuplicateMaintenance {
        /// The whole answer.
        response: NcResponse,
    },
    /// Any other `NCERROR` (and 50001113 without a `PAYID` other than 0); `NCERRORPLUS`
    /// explains it.
    Rejected {
        /// `NCERROR`.
        error: NcError,
        /// The whole answer.
        response: NcResponse,
    },
}

impl Outcome {
    /// Reads an answer body and classifies it.
    pub fn parse(body: &[u8]) -> Result<Outcome, AnswerError> {
        Outcome::from_response(NcResponse::parse(body)?)
    }

    /// Classifies an answer. Fails when it has neither `STATUS` nor `NCERROR`, when `NCERROR`
    /// is not a number, or when `STATUS` is not a number and no `NCERROR` explains the answer:
    /// what happened then cannot be told, though [`NcResponse::parse`] still reads the other
    /// attributes.
    pub fn from_response(response: NcResponse) -> Result<Outcome, AnswerError> {
        let unreadable = response.problem_with("NCERROR").or_else(|| {
            response
                .ncerror()
                .is_none()
                .then(|| response.problem_with("STATUS"))
                .flatten()
        });
        if let Some(problem) = unreadable {
            return Err(problem.clone());
        }
        match (response.ncerror(), response.status()) {
            (Some(NcError::OrderAlreadyProcessed), _) if response.has_payment() => {
                Ok(Outcome::DuplicateOrder {
                    payid: response.payid().unwrap_or_default().to_owned(),
                    response,
                })
            }
            (Some(NcError::OrderNotInCorrectStatus), _) => {
                Ok(Outcome::DuplicateMaintenance { response })
            }
            (Some(error), _) => Ok(Outcome::Rejected { error, response }),
            (None, Some(Status::WaitingForIdentification)) if response.html_answer().is_some() => {
                Ok(Outcome::Identification {
                    html_answer: response.html_answer().unwrap_or_default().to_owned(),
                    response,
                })
            }
            (None, Some(Status::WaitingForIdentification)) => {
                match response.problem_with("HTML_ANSWER").cloned() {
                    Some(reason) => Ok(Outcome::IdentificationUnavailable { reason, response }),
                    None => Ok(Outcome::Processed {
                        status: Status::WaitingForIdentification,
                        response,
                    }),
                }
            }
            (None, Some(status)) => Ok(Outcome::Processed { status, response }),
            (None, None) => Err(AnswerError::NoStatus),
        }
    }

    /// The answer.
    pub fn response(&self) -> &NcResponse {
        match self {
            Outcome::Processed { response, .. }
            | Outcome::Identification { response, .. }
            | Outcome::IdentificationUnavailable { response, .. }
            | Outcome::DuplicateOrder { response, .. }
            | Outcome::DuplicateMaintenance { response }
            | Outcome::Rejected { response, .. } => response,
        }
    }

    /// The answer's `STATUS`.
    pub fn status(&self) -> Option<Status> {
        self.response().status()
    }

    /// The outcome, or the platform's refusal as an error, for callers that treat any
    /// [`Outcome::Rejected`] as a failure and want `?` to carry it. The duplicates stay outcomes:
    /// they name an existing payment or a maintenance already done, which a caller resolves
    /// rather than reports.
    pub fn into_accepted(self) -> Result<Outcome, Rejection> {
        match self {
            Outcome::Rejected { error, response } => Err(Rejection {
                error,
                response: Box::new(response),
            }),
            other => Ok(other),
        }
    }
}

/// A DirectLink request the platform refused with an `NCERROR`, as an error
/// ([`Outcome::into_accepted`]). Its message gives the code and its meaning only; the
/// platform's `NCERRORPLUS` explanation is in [`Rejection::response`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    error: NcError,
    // Boxed so that a `Result` carrying it stays small.
    response: Box<NcResponse>,
}

impl Rejection {
    /// `NCERROR`.
    pub fn error(&self) -> NcError {
        self.error
    }

    /// The whole answer (`NCERRORPLUS`, `PAYID` when the platform gave one).
    pub fn response(&self) -> &NcResponse {
        &self.response
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DirectLink refused the request: {}", self.error)
    }
}

impl std::error::Error for Rejection {}

/// What [`DirectLinkClient::order`](super::DirectLinkClient::order) found out. The order was
/// POSTed exactly once in every case.
///
/// Deliberately exhaustive: every caller must decide what to do with
/// [`OrderOutcome::Unknown`].
#[derive(Debug)]
pub enum OrderOutcome {
    /// `orderdirect.asp` answered.
    Answered(Outcome),
    /// `orderdirect.asp` gave no usable answer (timeout, dropped connection, HTTP 5xx, unreadable
    /// body or one larger than the limit), and `querydirect.asp` found the order (the querydirect section of the DirectLink guide). A pending status
    /// here may mean trouble on the acquirer's side.
    Queried {
        /// What the query answered.
        outcome: Outcome,
        /// Why the order's own answer was unusable.
        order_error: DirectLinkError,
        /// How many queries were sent (at least 1).
        queries: u32,
    },
    /// Neither `orderdirect.asp` nor the bounded queries told what became of the order. It may
    /// exist: query it later by its ORDERID before sending it again.
    Unknown {
        /// Why the order's own answer was unusable.
        order_error: DirectLinkError,
        /// How many queries were sent (0 when the [`QueryPolicy`](super::QueryPolicy)
        /// allows none).
        queries: u32,
        /// The last query's result: an answer that did not name the order (or STATUS 88), or
        /// why the query failed; `None` when no query was sent.
        last_query: Option<Result<NcResponse, DirectLinkError>>,
    },
}

impl OrderOutcome {
    /// The outcome, when it is known (answered or found by a query).
    pub fn outcome(&self) -> Option<&Outcome> {
        match self {
            OrderOutcome::Answered(outcome) | OrderOutcome::Queried { outcome, .. } => {
                Some(outcome)
            }
            OrderOutcome::Unknown { .. } => None,
        }
    }

    /// Whether it is still unknown what became of the order.
    pub fn is_unknown(&self) -> bool {
        matches!(self, OrderOutcome::Unknown { .. })
    }
}
