//! One order's payment attempts under one `merchantReference` (Server-to-server guide: "When
//! resubmitting a transaction request to our platform for a unique order (i.e. after having
//! received a status.statusOutput=2 during the first try), always send the same
//! order.references.merchantReference from your first try"). The table reads that status as
//! `statusOutput.statusCode` 2 (see `spec/v2/payments.toml`).

use payone_types::generated::v2::{
    CreatePaymentRequest, MerchantReference, PaymentDetailsResponse, PaymentId,
};
use payone_types::json::{JsonField, JsonObject};

use super::client::V2Client;
use super::environment::EnvironmentKind;
use super::error::{OperationInfo, RequestError, V2Error};
use super::outcome::{CreateOutcome, ReturnError, StatusView, return_payment_id};

/// Attempts an order gets unless [`Checkout::with_max_attempts`] says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;

/// Where an order stands between attempts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckoutState {
    /// No attempt yet, or the last one was declined or rejected: another may be made.
    Open,
    /// The customer is at the 3-D Secure challenge of this payment.
    AwaitingReturn {
        /// The payment the returnUrl must name.
        payment_id: PaymentId,
    },
    /// A payment of the order is authorised: no further attempt.
    Authorised {
        /// The authorised payment.
        payment_id: PaymentId,
    },
    /// The last attempt may or may not have created a payment: look it up before another.
    Unknown,
}

/// Why the checkout refused to go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckoutError {
    /// A payment of the order is already authorised.
    #[error("the order already has an authorised payment, so another attempt could charge twice")]
    AlreadyAuthorised,
    /// The customer has not come back from the 3-D Secure challenge.
    #[error("the order waits for the customer to return from the 3-D Secure challenge")]
    AwaitingReturn,
    /// The last attempt's outcome is unknown.
    #[error(
        "the last attempt's outcome is unknown; look the payment up and call reopen before another attempt"
    )]
    OutcomeUnknown,
    /// No attempt left.
    #[error("the order has used all of its {0} attempts")]
    NoAttemptsLeft(u32),
    /// The request carries a different `merchantReference`.
    #[error("the request carries another merchantReference than the order's")]
    OtherMerchantReference,
    /// No challenge is pending, so there is no return to expect.
    #[error("the order does not wait for a return from a 3-D Secure challenge")]
    NoReturnExpected,
    /// The call failed.
    #[error(transparent)]
    Call(#[from] V2Error),
    /// The returnUrl round trip failed.
    #[error(transparent)]
    Return(#[from] ReturnError),
}

/// The payment attempts of one order, all under the same `merchantReference`.
///
/// A declined or rejected attempt leaves the order open for another (another card); an
/// authorised one closes it; a challenge waits for the customer's return; an attempt whose
/// outcome is unknown blocks further attempts until the caller has looked the payment up,
/// because a blind resend could charge the customer twice.
///
/// [`Checkout::prepare`] and [`Checkout::record`] work with any client (the blocking one
/// too); [`Checkout::attempt`] and [`Checkout::returned`] do both with the async client.
///
/// ```no_run
/// use payone_client::v2::*;
/// use payone_types::generated::v2::*;
///
/// # async fn f(client: V2Client<Test>, request: CreatePaymentRequest,
/// #            other_card: CreatePaymentRequest) -> Result<(), CheckoutError> {
/// let mut checkout = Checkout::new(MerchantReference::new("order-4711"));
/// match checkout.attempt(&client, &request).await? {
///     CreateOutcome::Declined { .. } => {
///         // Same merchantReference, whatever the second request says.
///         checkout.attempt(&client, &other_card).await?;
///     }
///     CreateOutcome::Challenge { redirect_url, .. } => println!("redirect to {redirect_url}"),
///     _ => {}
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Checkout {
    merchant_reference: MerchantReference,
    max_attempts: u32,
    attempts: u32,
    payment_ids: Vec<PaymentId>,
    state: CheckoutState,
}

impl Checkout {
    /// The attempts of the order `merchant_reference`.
    pub fn new(merchant_reference: MerchantReference) -> Self {
        Checkout {
            merchant_reference,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            attempts: 0,
            payment_ids: Vec::new(),
            state: CheckoutState::Open,
        }
    }

    /// At most `max` attempts (at least 1).
    pub fn with_max_attempts(mut self, max: u32) -> Self {
        self.max_attempts = max.max(1);
        self
    }

    /// The order's `merchantReference`.
    pub fn merchant_reference(&self) -> &MerchantReference {
        &self.merchant_reference
    }

    /// The attempts made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The payments the attempts created, in order.
    pub fn payment_ids(&self) -> &[PaymentId] {
        &self.payment_ids
    }

    /// Where the order stands.
    pub fn state(&self) -> &CheckoutState {
        &self.state
    }

    /// `request` with the order's `merchantReference`, if another attempt may be made.
    ///
    /// A request without `order.references.merchantReference` gets it; one with another
    /// reference is refused.
    pub fn prepare(
        &self,
        request: &CreatePaymentRequest,
    ) -> Result<CreatePaymentRequest, CheckoutError> {
        match &self.state {
            CheckoutState::Open => {}
            CheckoutState::AwaitingReturn { .. } => return Err(CheckoutError::AwaitingReturn),
            CheckoutState::Authorised { .. } => return Err(CheckoutError::AlreadyAuthorised),
            CheckoutState::Unknown => return Err(CheckoutError::OutcomeUnknown),
        }
        if self.attempts >= self.max_attempts {
            return Err(CheckoutError::NoAttemptsLeft(self.max_attempts));
        }
        if let Some(reference) = request
            .order()
            .references()
            .and_then(|r| r.merchant_reference())
        {
            return if reference == &self.merchant_reference {
                Ok(request.clone())
            } else {
                Err(CheckoutError::OtherMerchantReference)
            };
        }
        // Through JSON, so that every other member (unknown ones included) stays as it is.
        let mut value = request.to_json_value();
        let order = value
            .as_object_mut()
            .and_then(|o| o.get_mut("order"))
            .and_then(|o| o.as_object_mut())
            .expect("order is a required object");
        let references = order
            .entry("references")
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        if !references.is_object() {
            *references = serde_json::Value::Object(Default::default());
        }
        references
            .as_object_mut()
            .expect("made an object above")
            .insert(
                "merchantReference".to_owned(),
                self.merchant_reference.to_json(),
            );
        CreatePaymentRequest::from_json_value(&value).map_err(|violations| {
            CheckoutError::Call(V2Error::Request {
                operation: OperationInfo::of::<payone_types::generated::v2::CreatePayment>(),
                source: RequestError::Invalid(violations),
            })
        })
    }

    /// Records the result of sending a prepared request.
    pub fn record(&mut self, result: &Result<CreateOutcome, V2Error>) {
        match result {
            Err(error) if error.not_sent() => return,
            _ => self.attempts += 1,
        }
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(error) => {
                if error.outcome_unknown() {
                    self.state = CheckoutState::Unknown;
                }
                return;
            }
        };
        if let Some(id) = outcome.payment_id() {
            self.payment_ids.push(id.clone());
        }
        self.state = match outcome {
            CreateOutcome::Challenge { payment_id, .. } => CheckoutState::AwaitingReturn {
                payment_id: payment_id.clone(),
            },
            other => match (other.payment_id(), other.status()) {
                (Some(id), Some(status)) if status.authorised() => CheckoutState::Authorised {
                    payment_id: id.clone(),
                },
                _ => CheckoutState::Open,
            },
        };
    }

    /// Records the payment details fetched after the customer's return from the challenge.
    pub fn record_return(&mut self, details: &PaymentDetailsResponse) {
        let authorised = details
            .status_output()
            .map(StatusView::of)
            .is_some_and(|s| s.authorised());
        self.state = if authorised {
            CheckoutState::Authorised {
                payment_id: details.id().clone(),
            }
        } else {
            CheckoutState::Open
        };
    }

    /// After an attempt whose outcome was unknown: the caller has made sure that it created
    /// no payment (or that the payment is rejected), so another attempt may be made.
    pub fn reopen(&mut self) {
        if self.state == CheckoutState::Unknown {
            self.state = CheckoutState::Open;
        }
    }

    /// Prepares `request`, sends it once with `client` and records the outcome.
    pub async fn attempt<E: EnvironmentKind>(
        &mut self,
        client: &V2Client<E>,
        request: &CreatePaymentRequest,
    ) -> Result<CreateOutcome, CheckoutError> {
        let request = self.prepare(request)?;
        let result = client.create(&request).await;
        self.record(&result);
        Ok(result?)
    }

    /// The customer is back on the returnUrl with `return_query`: checks that it names the
    /// payment of the pending challenge, fetches its details and records them.
    pub async fn returned<E: EnvironmentKind>(
        &mut self,
        client: &V2Client<E>,
        return_query: &str,
    ) -> Result<PaymentDetailsResponse, CheckoutError> {
        let expected = match &self.state {
            CheckoutState::AwaitingReturn { payment_id } => payment_id.clone(),
            _ => return Err(CheckoutError::NoReturnExpected),
        };
        let payment_id = return_payment_id(return_query)?;
        if payment_id != expected {
            return Err(ReturnError::OtherPayment.into());
        }
        let details = client.payment_details(&payment_id).await?;
        self.record_return(&details);
        Ok(details)
    }
}
