//! The async v2 client.

use std::sync::Arc;
use std::time::SystemTime;

use payone_types::generated::v2::{
    CancelPayment, CancelPaymentRequest, CancelPaymentResponse, CapturePayment,
    CapturePaymentRequest, CaptureResponse, CreatePayment, CreatePaymentRequest,
    CreatePaymentResponse, GetPaymentDetails, PaymentDetailsResponse, PaymentId, RefundPayment,
    RefundRequest, RefundResponse,
};
use payone_types::generated::v2::{
    CreateHostedTokenization, CreateHostedTokenizationRequest, CreateHostedTokenizationResponse,
    DeleteToken, GetHostedTokenization, GetHostedTokenizationResponse, GetToken,
    HostedTokenizationId, TokenId, TokenResponse,
};
use payone_types::json::{NoBody, Operation};
use tracing::Instrument;

use super::config::{V2Config, V2ConfigError};
use super::environment::EnvironmentKind;
use super::error::{OperationInfo, V2Error};
use super::outcome::{CreateOutcome, ReturnError, return_payment_id};
use super::wire::{self, CallOptions, PathParams};
use crate::body::{self, BodyError};

/// Calls the v2 server-to-server API for one merchant in environment `E`
/// ([`Test`](super::Test) or [`Live`](super::Live)), every request signed with
/// `GCS v1HMAC`.
///
/// Cloning is cheap and shares the connection pool.
///
/// # No retries
///
/// Every request is sent exactly once. A `create_payment` that reached the platform creates a
/// payment even when its answer is lost, so sending it again could charge the customer twice;
/// the same holds for captures and refunds. When [`V2Error::outcome_unknown`] is `true`, look the
/// payment up (the webhook, or the order's `merchantReference` in the merchant portal) before
/// sending again, or send it again with the same
/// [`idempotence key`](CallOptions::idempotence_key), which the platform recognises. That
/// decision is the caller's.
///
/// ```no_run
/// use payone_client::v2::*;
/// use payone_types::generated::v2::*;
///
/// # async fn f() -> Result<(), Box<dyn std::error::Error>> {
/// let client = V2Client::<Test>::from_env()?; // PAYONE_MERCHANT_ID, PAYONE_API_KEY, PAYONE_API_SECRET
/// let order = Order::new(AmountOfMoney::new(Amount::new(1500), CurrencyCode::new("EUR")));
/// let request = CreatePaymentRequest::new(order);
/// match client.create(&request).await {
///     Ok(CreateOutcome::Challenge { redirect_url, .. }) => println!("redirect to {redirect_url}"),
///     Ok(outcome) => println!("authorised: {}", outcome.status().is_some_and(|s| s.authorised())),
///     Err(e) if e.outcome_unknown() => println!("check before sending again: {e}"),
///     Err(e) => println!("{e}"),
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct V2Client<E: EnvironmentKind> {
    http: reqwest::Client,
    config: Arc<V2Config<E>>,
}

impl<E: EnvironmentKind> V2Client<E> {
    /// A client for `config`.
    pub fn new(config: V2Config<E>) -> Result<Self, V2ConfigError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // A redirected POST would be re-sent as GET or to another host: never follow.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(V2ConfigError::Http)?;
        Ok(V2Client {
            http,
            config: Arc::new(config),
        })
    }

    /// A client configured from the environment (see [`V2Config::from_env`]).
    pub fn from_env() -> Result<Self, V2ConfigError> {
        V2Client::new(V2Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &V2Config<E> {
        &self.config
    }

    /// Calls operation `Op` with its path parameters and request body (`&NoBody` for `GET`).
    ///
    /// The body is checked against the v2 table first; when it breaks it, nothing is sent
    /// ([`V2Error::Request`]). Never retried: see the type's documentation.
    pub async fn call<Op: Operation>(
        &self,
        path: PathParams<'_>,
        request: &Op::Request,
    ) -> Result<Op::Response, V2Error> {
        self.call_with::<Op>(path, request, &CallOptions::default())
            .await
    }

    /// Like [`V2Client::call`], with extra `X-GCS-*` headers (signed with the request).
    pub async fn call_with<Op: Operation>(
        &self,
        path: PathParams<'_>,
        request: &Op::Request,
        options: &CallOptions,
    ) -> Result<Op::Response, V2Error> {
        let span = wire::span::<E, Op>();
        async {
            let result = self.exchange::<Op>(path, request, options).await;
            wire::record(&result);
            result
        }
        .instrument(span)
        .await
    }

    async fn exchange<Op: Operation>(
        &self,
        path: PathParams<'_>,
        request: &Op::Request,
        options: &CallOptions,
    ) -> Result<Op::Response, V2Error> {
        let config = &*self.config;
        let prepared = wire::prepare::<E, Op>(config, path, request, options, SystemTime::now())?;
        let failed = |error, after_sending| {
            wire::transport_error::<Op>(
                error,
                config.timeout,
                config.connect_timeout,
                after_sending,
            )
        };
        let mut builder = self
            .http
            .request(prepared.method, prepared.url)
            .headers(prepared.headers);
        if let Some(body) = prepared.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| failed(e, false))?;
        let status = response.status().as_u16();
        let limit = config.max_answer_bytes;
        let body = body::read(response, limit)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => V2Error::AnswerTooLarge {
                    operation: OperationInfo::of::<Op>(),
                    status,
                    limit,
                },
                BodyError::Http(error) => failed(error, true),
            })?;
        wire::read::<Op>(status, &body)
    }

    /// `CreatePayment`: the raw answer. See [`V2Client::create`] for the typed flow.
    pub async fn create_payment(
        &self,
        request: &CreatePaymentRequest,
    ) -> Result<CreatePaymentResponse, V2Error> {
        self.call::<CreatePayment>(PathParams::NONE, request).await
    }

    /// `CreatePayment` with extra headers, such as an idempotence key.
    pub async fn create_payment_with(
        &self,
        request: &CreatePaymentRequest,
        options: &CallOptions,
    ) -> Result<CreatePaymentResponse, V2Error> {
        self.call_with::<CreatePayment>(PathParams::NONE, request, options)
            .await
    }

    /// `CreatePayment`, read as the three 3-D Secure paths of the Server-to-server guide (or a
    /// decline).
    ///
    /// An HTTP 402 becomes [`CreateOutcome::Declined`] instead of an error, because a
    /// declined card is an ordinary outcome of a checkout.
    pub async fn create(&self, request: &CreatePaymentRequest) -> Result<CreateOutcome, V2Error> {
        self.create_with(request, &CallOptions::default()).await
    }

    /// [`V2Client::create`] with extra headers.
    pub async fn create_with(
        &self,
        request: &CreatePaymentRequest,
        options: &CallOptions,
    ) -> Result<CreateOutcome, V2Error> {
        CreateOutcome::from_result(self.create_payment_with(request, options).await)
    }

    /// `GetPaymentDetails` of a payment.
    pub async fn payment_details(
        &self,
        payment_id: &PaymentId,
    ) -> Result<PaymentDetailsResponse, V2Error> {
        self.call::<GetPaymentDetails>(PathParams::payment(payment_id.as_str()), &NoBody)
            .await
    }

    /// The returnUrl round trip of the 3-D Secure challenge: reads `paymentId` from the query
    /// the customer's browser brought back and fetches that payment's details.
    ///
    /// The query comes from the browser, so only the details fetched here are to be trusted;
    /// compare the payment id with the one stored for the order
    /// ([`Checkout::returned`](super::Checkout::returned) does).
    pub async fn details_after_return(
        &self,
        return_query: &str,
    ) -> Result<PaymentDetailsResponse, ReturnError> {
        let payment_id = return_payment_id(return_query)?;
        Ok(self.payment_details(&payment_id).await?)
    }

    /// `CapturePayment`.
    pub async fn capture_payment(
        &self,
        payment_id: &PaymentId,
        request: &CapturePaymentRequest,
    ) -> Result<CaptureResponse, V2Error> {
        self.call::<CapturePayment>(PathParams::payment(payment_id.as_str()), request)
            .await
    }

    /// `CancelPayment`.
    pub async fn cancel_payment(
        &self,
        payment_id: &PaymentId,
        request: &CancelPaymentRequest,
    ) -> Result<CancelPaymentResponse, V2Error> {
        self.call::<CancelPayment>(PathParams::payment(payment_id.as_str()), request)
            .await
    }

    /// `RefundPayment`.
    pub async fn refund_payment(
        &self,
        payment_id: &PaymentId,
        request: &RefundRequest,
    ) -> Result<RefundResponse, V2Error> {
        self.call::<RefundPayment>(PathParams::payment(payment_id.as_str()), request)
            .await
    }

    /// Opens a hosted tokenization session (`CreateHostedTokenization`): send the customer to
    /// the page the answer names, then read the token with
    /// [`get_hosted_tokenization`](Self::get_hosted_tokenization).
    pub async fn create_hosted_tokenization(
        &self,
        request: &CreateHostedTokenizationRequest,
    ) -> Result<CreateHostedTokenizationResponse, V2Error> {
        self.call::<CreateHostedTokenization>(PathParams::NONE, request)
            .await
    }

    /// The result of a hosted tokenization session (`GetHostedTokenization`): the token and
    /// whether it was created, updated or left unchanged.
    pub async fn get_hosted_tokenization(
        &self,
        hosted_tokenization_id: &HostedTokenizationId,
    ) -> Result<GetHostedTokenizationResponse, V2Error> {
        self.call::<GetHostedTokenization>(
            PathParams::hosted_tokenization(hosted_tokenization_id.as_str()),
            &NoBody,
        )
        .await
    }

    /// A stored token with its masked card data (`GetToken`).
    pub async fn get_token(&self, token_id: &TokenId) -> Result<TokenResponse, V2Error> {
        self.call::<GetToken>(PathParams::token(token_id.as_str()), &NoBody)
            .await
    }

    /// Deletes a stored token (`DeleteToken`; the platform answers `204 No Content`).
    pub async fn delete_token(&self, token_id: &TokenId) -> Result<(), V2Error> {
        self.call::<DeleteToken>(PathParams::token(token_id.as_str()), &NoBody)
            .await
            .map(|NoBody| ())
    }
}
