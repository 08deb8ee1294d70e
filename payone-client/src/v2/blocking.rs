//! A synchronous v2 client (feature `blocking`), for programs without an async runtime.
//!
//! It is the async [`V2Client`](super::V2Client) driven on a runtime of its own (one thread:
//! the caller's), so signing, the exactly-once rule, the typed errors and outcomes are the same
//! code.
//!
//! Like every blocking client it must not be created, used or dropped inside an async runtime
//! (tokio refuses to start or drop a runtime there and panics).
//!
//! ```no_run
//! use payone_client::v2::{CreateOutcome, Test, blocking::V2Client};
//! use payone_types::generated::v2::*;
//!
//! # fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let client = V2Client::<Test>::from_env()?;
//! let order = Order::new(AmountOfMoney::new(Amount::new(1500), CurrencyCode::new("EUR")));
//! if let CreateOutcome::Challenge { redirect_url, .. } =
//!     client.create(&CreatePaymentRequest::new(order))?
//! {
//!     println!("redirect to {redirect_url}");
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use payone_types::generated::v2::{
    CancelPaymentRequest, CancelPaymentResponse, CapturePaymentRequest, CaptureResponse,
    CreatePaymentRequest, CreatePaymentResponse, PaymentDetailsResponse, PaymentId, RefundRequest,
    RefundResponse,
};
use payone_types::generated::v2::{
    CreateHostedTokenizationRequest, CreateHostedTokenizationResponse,
    GetHostedTokenizationResponse, HostedTokenizationId, TokenId, TokenResponse,
};
use payone_types::json::Operation;
use tokio::runtime::Runtime;

use super::client::V2Client as AsyncClient;
use super::config::{V2Config, V2ConfigError};
use super::environment::EnvironmentKind;
use super::error::V2Error;
use super::outcome::{CreateOutcome, ReturnError};
use super::wire::{CallOptions, PathParams};

/// The blocking twin of the async [`V2Client`](super::V2Client): the same configuration,
/// signing, guarantees (nothing is sent twice) and typed answers, each method waiting for its
/// result.
///
/// Cloning is cheap and shares the connection pool and the runtime; clones may be used from
/// several threads at once.
#[derive(Clone, Debug)]
pub struct V2Client<E: EnvironmentKind> {
    inner: AsyncClient<E>,
    // A current-thread runtime runs its tasks only inside `block_on`, on the calling thread:
    // no thread of its own to start, and nothing runs between two calls.
    runtime: Arc<Runtime>,
}

impl<E: EnvironmentKind> V2Client<E> {
    /// A client for `config`.
    pub fn new(config: V2Config<E>) -> Result<Self, V2ConfigError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(V2ConfigError::Runtime)?;
        Ok(V2Client {
            inner: AsyncClient::new(config)?,
            runtime: Arc::new(runtime),
        })
    }

    /// A client configured from the environment (see [`V2Config::from_env`]).
    pub fn from_env() -> Result<Self, V2ConfigError> {
        V2Client::new(V2Config::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &V2Config<E> {
        self.inner.config()
    }

    /// Runs one call of the async client to its end on this client's runtime.
    pub(super) fn block_on<F: std::future::Future>(&self, call: F) -> F::Output {
        self.runtime.block_on(call)
    }

    /// The async client this one drives.
    pub fn as_async(&self) -> &AsyncClient<E> {
        &self.inner
    }

    /// See the async [`call`](super::V2Client::call).
    pub fn call<Op: Operation>(
        &self,
        path: PathParams<'_>,
        request: &Op::Request,
    ) -> Result<Op::Response, V2Error> {
        self.runtime.block_on(self.inner.call::<Op>(path, request))
    }

    /// See the async [`call_with`](super::V2Client::call_with).
    pub fn call_with<Op: Operation>(
        &self,
        path: PathParams<'_>,
        request: &Op::Request,
        options: &CallOptions,
    ) -> Result<Op::Response, V2Error> {
        self.runtime
            .block_on(self.inner.call_with::<Op>(path, request, options))
    }

    /// See the async [`create_payment`](super::V2Client::create_payment).
    pub fn create_payment(
        &self,
        request: &CreatePaymentRequest,
    ) -> Result<CreatePaymentResponse, V2Error> {
        self.runtime.block_on(self.inner.create_payment(request))
    }

    /// See the async [`create`](super::V2Client::create).
    pub fn create(&self, request: &CreatePaymentRequest) -> Result<CreateOutcome, V2Error> {
        self.runtime.block_on(self.inner.create(request))
    }

    /// See the async [`create_with`](super::V2Client::create_with).
    pub fn create_with(
        &self,
        request: &CreatePaymentRequest,
        options: &CallOptions,
    ) -> Result<CreateOutcome, V2Error> {
        self.runtime
            .block_on(self.inner.create_with(request, options))
    }

    /// See the async [`payment_details`](super::V2Client::payment_details).
    pub fn payment_details(
        &self,
        payment_id: &PaymentId,
    ) -> Result<PaymentDetailsResponse, V2Error> {
        self.runtime
            .block_on(self.inner.payment_details(payment_id))
    }

    /// See the async [`details_after_return`](super::V2Client::details_after_return).
    pub fn details_after_return(
        &self,
        return_query: &str,
    ) -> Result<PaymentDetailsResponse, ReturnError> {
        self.runtime
            .block_on(self.inner.details_after_return(return_query))
    }

    /// See the async [`capture_payment`](super::V2Client::capture_payment).
    pub fn capture_payment(
        &self,
        payment_id: &PaymentId,
        request: &CapturePaymentRequest,
    ) -> Result<CaptureResponse, V2Error> {
        self.runtime
            .block_on(self.inner.capture_payment(payment_id, request))
    }

    /// See the async [`cancel_payment`](super::V2Client::cancel_payment).
    pub fn cancel_payment(
        &self,
        payment_id: &PaymentId,
        request: &CancelPaymentRequest,
    ) -> Result<CancelPaymentResponse, V2Error> {
        self.runtime
            .block_on(self.inner.cancel_payment(payment_id, request))
    }

    /// See the async [`refund_payment`](super::V2Client::refund_payment).
    pub fn refund_payment(
        &self,
        payment_id: &PaymentId,
        request: &RefundRequest,
    ) -> Result<RefundResponse, V2Error> {
        self.runtime
            .block_on(self.inner.refund_payment(payment_id, request))
    }

    /// Opens a hosted tokenization session; see
    /// [`create_hosted_tokenization`](AsyncClient::create_hosted_tokenization).
    pub fn create_hosted_tokenization(
        &self,
        request: &CreateHostedTokenizationRequest,
    ) -> Result<CreateHostedTokenizationResponse, V2Error> {
        self.runtime
            .block_on(self.inner.create_hosted_tokenization(request))
    }

    /// The result of a hosted tokenization session; see
    /// [`get_hosted_tokenization`](AsyncClient::get_hosted_tokenization).
    pub fn get_hosted_tokenization(
        &self,
        hosted_tokenization_id: &HostedTokenizationId,
    ) -> Result<GetHostedTokenizationResponse, V2Error> {
        self.runtime
            .block_on(self.inner.get_hosted_tokenization(hosted_tokenization_id))
    }

    /// A stored token; see [`get_token`](AsyncClient::get_token).
    pub fn get_token(&self, token_id: &TokenId) -> Result<TokenResponse, V2Error> {
        self.runtime.block_on(self.inner.get_token(token_id))
    }

    /// Deletes a stored token; see [`delete_token`](AsyncClient::delete_token).
    pub fn delete_token(&self, token_id: &TokenId) -> Result<(), V2Error> {
        self.runtime.block_on(self.inner.delete_token(token_id))
    }
}
