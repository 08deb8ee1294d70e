//! The CreatePayment answer as the three paths of the Server-to-server guide ("Process platform
//! response"), a typed view of `statusOutput`, and the returnUrl round trip of the 3-D Secure
//! challenge.

use payone_types::generated::v2::{
    CreatePaymentResponse, ErrorResponse, PaymentId, PaymentResponse, StatusOutput,
};
use payone_types::json::JsonError;
use payone_types::{Rule, Violations};
use reqwest::Url;

use super::error::{OperationInfo, V2Error};

/// `merchantAction.actionType` of a 3-D Secure challenge.
pub const REDIRECT: &str = "REDIRECT";
/// `threeDSecureResults.flow` of an authentication without challenge.
pub const FRICTIONLESS: &str = "frictionless";

/// What to do after a `CreatePayment` (Server-to-server guide, "Process platform response").
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CreateOutcome {
    /// 3-D Secure done without a challenge (`merchantAction.actionType` null, and the payment
    /// carries `threeDSecureResults`, whose `flow` is `frictionless` when given): the result
    /// is in the payment's `statusOutput`.
    Frictionless {
        /// The payment.
        payment: PaymentResponse,
    },
    /// 3-D Secure challenge (`merchantAction.actionType` = `REDIRECT`): send the customer to
    /// `redirect_url`; they come back to the request's `returnUrl`, and then
    /// [`V2Client::details_after_return`](super::V2Client::details_after_return) tells the
    /// result.
    Challenge {
        /// The payment to ask about after the return.
        payment_id: PaymentId,
        /// `merchantAction.redirectData.redirectURL`.
        redirect_url: Url,
        /// The payment as it is now (status `REDIRECTED`).
        payment: PaymentResponse,
    },
    /// No 3-D Secure authentication (a card that is not enrolled: no `threeDSecureResults`):
    /// the result is in the payment's `statusOutput`.
    NoThreeDSecure {
        /// The payment.
        payment: PaymentResponse,
    },
    /// HTTP 402: the payment was declined (`statusOutput.statusCode` 2). The customer may try
    /// again (another card); keep the order's `merchantReference` for that attempt.
    Declined {
        /// The rejected payment (`paymentResult.payment`), when the answer carried it.
        payment: Option<PaymentResponse>,
        /// The error answer, when it could be read.
        response: Option<Box<ErrorResponse>>,
    },
    /// An answer this crate does not know how to act on: a `merchantAction.actionType` other
    /// than `REDIRECT`, no `payment`, or no action with a `threeDSecureResults.flow` other
    /// than `frictionless`.
    Other {
        /// The whole answer.
        response: CreatePaymentResponse,
    },
}

impl CreateOutcome {
    /// Reads a `CreatePayment` answer.
    ///
    /// A `REDIRECT` without a usable `redirectURL` or payment id is an error (the answer
    /// cannot be acted on), reported as [`V2Error::Answer`] with HTTP status 201.
    pub fn from_response(response: CreatePaymentResponse) -> Result<Self, V2Error> {
        let action = response
            .merchant_action()
            .and_then(|a| a.action_type())
            .map(|t| t.as_str().to_owned());
        let Some(payment) = response.payment().cloned() else {
            return Ok(CreateOutcome::Other { response });
        };
        match action.as_deref() {
            Some(REDIRECT) => {
                let redirect_url = response
                    .merchant_action()
                    .and_then(|a| a.redirect_data())
                    .and_then(|d| d.redirect_url());
                let id = payment.id().as_str();
                let redirect_url = match redirect_url {
                    None => return Err(unusable(Rule::Missing, id)),
                    Some(url) => Url::parse(url.as_str())
                        .ok()
                        .filter(|u| matches!(u.scheme(), "http" | "https"))
                        .ok_or_else(|| unusable(Rule::JsonType("an absolute http(s) URL"), id))?,
                };
                Ok(CreateOutcome::Challenge {
                    payment_id: payment.id().clone(),
                    redirect_url,
                    payment,
                })
            }
            Some(_) => Ok(CreateOutcome::Other { response }),
            // The Server-to-server guide tells the two paths without an action apart only by the
            // card's enrolment; the answer shows it as the 3-D Secure results of an authentication
            // that took place. A `flow` other than frictionless without an action is not a
            // path of the Server-to-server guide.
            None => Ok(match three_d_secure_results(&payment) {
                Results::Absent => CreateOutcome::NoThreeDSecure { payment },
                Results::Frictionless => CreateOutcome::Frictionless { payment },
                Results::OtherFlow => CreateOutcome::Other { response },
            }),
        }
    }

    /// Reads the result of `create_payment`: an answer, or an HTTP 402 as
    /// [`CreateOutcome::Declined`]; every other error stays an error.
    pub fn from_result(result: Result<CreatePaymentResponse, V2Error>) -> Result<Self, V2Error> {
        match result {
            Ok(response) => CreateOutcome::from_response(response),
            Err(V2Error::Declined { response, .. }) => Ok(CreateOutcome::Declined {
                payment: response
                    .as_deref()
                    .and_then(|r| r.payment_result())
                    .and_then(|r| r.payment())
                    .cloned(),
                response,
            }),
            Err(error) => Err(error),
        }
    }

    /// The payment, when the outcome has one.
    pub fn payment(&self) -> Option<&PaymentResponse> {
        match self {
            CreateOutcome::Frictionless { payment }
            | CreateOutcome::Challenge { payment, .. }
            | CreateOutcome::NoThreeDSecure { payment } => Some(payment),
            CreateOutcome::Declined { payment, .. } => payment.as_ref(),
            CreateOutcome::Other { response } => response.payment(),
        }
    }

    /// The payment's id, when the outcome has one.
    pub fn payment_id(&self) -> Option<&PaymentId> {
        self.payment().map(PaymentResponse::id)
    }

    /// The payment's `statusOutput`, typed.
    pub fn status(&self) -> Option<StatusView> {
        self.payment()
            .and_then(PaymentResponse::status_output)
            .map(StatusView::of)
    }
}

fn unusable(rule: Rule, payment_id: &str) -> V2Error {
    let mut violations = Violations::new();
    violations.push("merchantAction.redirectData.redirectURL", rule);
    V2Error::Answer {
        operation: OperationInfo::of::<payone_types::generated::v2::CreatePayment>(),
        status: 201,
        source: JsonError::Invalid(violations),
        payment_id: Some(payment_id.to_owned()),
    }
}

/// What a payment's `threeDSecureResults` say about its authentication.
enum Results {
    /// None: no 3-D Secure took place.
    Absent,
    /// Present, with `flow` [`FRICTIONLESS`] or none.
    Frictionless,
    /// Present, with another `flow`.
    OtherFlow,
}

fn three_d_secure_results(payment: &PaymentResponse) -> Results {
    let present = payment
        .payment_output()
        .and_then(|o| o.card_payment_method_specific_output())
        .and_then(|o| o.three_d_secure_results())
        .is_some();
    match three_d_secure_flow(payment) {
        _ if !present => Results::Absent,
        None | Some(FRICTIONLESS) => Results::Frictionless,
        Some(_) => Results::OtherFlow,
    }
}

/// `paymentOutput.cardPaymentMethodSpecificOutput.threeDSecureResults.flow` of a payment.
pub fn three_d_secure_flow(payment: &PaymentResponse) -> Option<&str> {
    payment
        .payment_output()?
        .card_payment_method_specific_output()?
        .three_d_secure_results()?
        .flow()
        .map(|f| f.as_str())
}

/// `statusOutput.statusCategory`: the payment's state in broad terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaymentCategory {
    /// `CREATED`.
    Created,
    /// `PENDING_PAYMENT`: waiting for the customer (3-D Secure challenge).
    PendingPayment,
    /// `PENDING_MERCHANT`: waiting for the merchant (capture or cancel).
    PendingMerchant,
    /// `PENDING_CONNECT_OR_3RD_PARTY`: waiting for the acquirer or another party.
    PendingConnectOrThirdParty,
    /// `COMPLETED`.
    Completed,
    /// `REVERSED`.
    Reversed,
    /// `REFUNDED`.
    Refunded,
    /// `UNSUCCESSFUL`: rejected or cancelled.
    Unsuccessful,
    /// Any other value, as sent.
    Other(String),
}

impl PaymentCategory {
    /// Reads a `statusCategory` value.
    pub fn parse(value: &str) -> Self {
        match value {
            "CREATED" => PaymentCategory::Created,
            "PENDING_PAYMENT" => PaymentCategory::PendingPayment,
            "PENDING_MERCHANT" => PaymentCategory::PendingMerchant,
            "PENDING_CONNECT_OR_3RD_PARTY" => PaymentCategory::PendingConnectOrThirdParty,
            "COMPLETED" => PaymentCategory::Completed,
            "REVERSED" => PaymentCategory::Reversed,
            "REFUNDED" => PaymentCategory::Refunded,
            "UNSUCCESSFUL" => PaymentCategory::Unsuccessful,
            other => PaymentCategory::Other(other.to_owned()),
        }
    }

    /// The value as sent.
    pub fn as_str(&self) -> &str {
        match self {
            PaymentCategory::Created => "CREATED",
            PaymentCategory::PendingPayment => "PENDING_PAYMENT",
            PaymentCategory::PendingMerchant => "PENDING_MERCHANT",
            PaymentCategory::PendingConnectOrThirdParty => "PENDING_CONNECT_OR_3RD_PARTY",
            PaymentCategory::Completed => "COMPLETED",
            PaymentCategory::Reversed => "REVERSED",
            PaymentCategory::Refunded => "REFUNDED",
            PaymentCategory::Unsuccessful => "UNSUCCESSFUL",
            PaymentCategory::Other(other) => other,
        }
    }
}

/// `statusCode` of a rejected payment (Server-to-server guide: resubmit with the same
/// `merchantReference`).
pub const STATUS_REJECTED: u64 = 2;

/// A typed view of `statusOutput`. Flags the answer leaves out read as `false`: the platform
/// only allows what it states.
///
/// ```
/// use payone_client::v2::{PaymentCategory, StatusView};
/// use payone_types::generated::v2::StatusOutput;
/// use payone_types::json::JsonObject;
///
/// let output = StatusOutput::from_json_value(&serde_json::json!({
///     "statusCode": 5, "statusCategory": "PENDING_MERCHANT",
///     "isAuthorized": true, "isCancellable": true, "isRefundable": false
/// }))?;
/// let status = StatusView::of(&output);
/// assert!(status.authorised() && status.cancellable() && !status.refundable());
/// assert_eq!(status.category(), Some(&PaymentCategory::PendingMerchant));
/// assert_eq!(status.code(), Some(5));
/// # Ok::<(), payone_types::Violations>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusView {
    code: Option<u64>,
    category: Option<PaymentCategory>,
    authorised: bool,
    cancellable: bool,
    refundable: bool,
}

impl StatusView {
    /// The view of `output`.
    pub fn of(output: &StatusOutput) -> Self {
        StatusView {
            code: output.status_code().map(|c| u64::from(c.get())),
            category: output
                .status_category()
                .map(|c| PaymentCategory::parse(c.as_str())),
            authorised: output.is_authorized().copied().unwrap_or(false),
            cancellable: output.is_cancellable().copied().unwrap_or(false),
            refundable: output.is_refundable().copied().unwrap_or(false),
        }
    }

    /// `statusCode`.
    pub fn code(&self) -> Option<u64> {
        self.code
    }

    /// `statusCategory`.
    pub fn category(&self) -> Option<&PaymentCategory> {
        self.category.as_ref()
    }

    /// `isAuthorized`: the goods can be delivered once captured.
    pub fn authorised(&self) -> bool {
        self.authorised
    }

    /// `isCancellable`.
    pub fn cancellable(&self) -> bool {
        self.cancellable
    }

    /// `isRefundable`.
    pub fn refundable(&self) -> bool {
        self.refundable
    }

    /// Whether the payment was rejected (`statusCode` 2): the customer may try again under the
    /// same `merchantReference`.
    pub fn rejected(&self) -> bool {
        self.code == Some(STATUS_REJECTED)
    }
}

/// Why the returnUrl round trip failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReturnError {
    /// The query has no `paymentId`.
    #[error("the returnUrl query has no paymentId")]
    MissingPaymentId,
    /// The query has more than one `paymentId`.
    #[error("the returnUrl query has more than one paymentId")]
    DuplicatePaymentId,
    /// The `paymentId` breaks the table.
    #[error("the returnUrl query's paymentId is not a payment id")]
    InvalidPaymentId,
    /// The payment id is not the one this order is waiting for.
    #[error("the returnUrl query names another payment than the one this order waits for")]
    OtherPayment,
    /// `GetPaymentDetails` failed.
    #[error(transparent)]
    Call(#[from] V2Error),
}

/// The `paymentId` of the query (without `?`, or a whole URL) the platform appended to the
/// returnUrl.
///
/// ```
/// use payone_client::v2::return_payment_id;
///
/// let id = return_payment_id("paymentId=3066019730_0&RETURNMAC=abc")?;
/// assert_eq!(id.as_str(), "3066019730_0");
/// let id = return_payment_id("https://shop.example/return?paymentId=3066019730_0")?;
/// assert_eq!(id.as_str(), "3066019730_0");
/// # Ok::<(), payone_client::v2::ReturnError>(())
/// ```
pub fn return_payment_id(query: &str) -> Result<PaymentId, ReturnError> {
    let query = match Url::parse(query) {
        Ok(url) => url.query().unwrap_or("").to_owned(),
        Err(_) => query.trim_start_matches('?').to_owned(),
    };
    let mut found = None;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name == "paymentId" {
            if found.is_some() {
                return Err(ReturnError::DuplicatePaymentId);
            }
            found = Some(value.into_owned());
        }
    }
    let id = found.ok_or(ReturnError::MissingPaymentId)?;
    PaymentId::try_new(id).map_err(|_| ReturnError::InvalidPaymentId)
}
