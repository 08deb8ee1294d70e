//! The async client.

use std::sync::Arc;

#[cfg(feature = "frontend")]
use reqwest::Url;
#[cfg(feature = "server")]
use reqwest::header::CONTENT_TYPE;
#[cfg(feature = "server")]
use tracing::Instrument;

#[cfg(feature = "server")]
use crate::answer::{Answer, Document};
#[cfg(feature = "frontend")]
use crate::api::FrontendRequest;
#[cfg(feature = "server")]
use crate::api::{DocumentRequest, ServerRequest};
#[cfg(feature = "server")]
use crate::body;
#[cfg(feature = "client-api")]
use crate::browser::ClientApiParams;
#[cfg(feature = "frontend")]
use crate::browser::FrontendForm;
#[cfg(feature = "client-api")]
use crate::client_api::BrowserCheck;
use crate::config::{ClientBuilder, Config, ConfigError};
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use crate::error::Error;
#[cfg(feature = "server")]
use crate::wire;
#[cfg(feature = "server")]
use payone_types::Request;

/// Sends Server API requests and signs Frontend and Client API requests for one account.
///
/// Cloning is cheap and shares the connection pool.
///
/// # No retries
///
/// A Server API POST is sent exactly once. A preauthorization or authorization that reached
/// PAYONE creates a payment even when its answer is lost, so sending it again could charge the
/// customer twice. When [`Error::outcome_unknown`] is `true`, look the payment up (for example by
/// its `reference`, or wait for its TransactionStatus notification) before deciding to send
/// again; that decision is the caller's.
#[derive(Clone, Debug)]
pub struct Client {
    // Only the Server API is sent from here; the Frontend and Client API are signed for the
    // customer's browser.
    #[cfg(feature = "server")]
    http: reqwest::Client,
    config: Arc<Config>,
}

impl Client {
    /// Starts configuring a client for `account`.
    pub fn builder(account: payone_types::Account) -> ClientBuilder {
        ClientBuilder::new(account)
    }

    /// A client configured from the environment (see [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::from_env()?.build()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[cfg(feature = "frontend")]
    /// The signed GET URL of a Frontend request (see [`Config::frontend_url`]).
    pub fn frontend_url<R: FrontendRequest>(&self, request: &R) -> Result<Url, Error> {
        self.config.frontend_url(request)
    }

    #[cfg(feature = "frontend")]
    /// The signed Frontend request as an HTML POST form (see [`Config::frontend_form`]).
    pub fn frontend_form<R: FrontendRequest>(&self, request: &R) -> Result<FrontendForm, Error> {
        self.config.frontend_form(request)
    }

    #[cfg(feature = "client-api")]
    /// The signed Client API parameters of a hosted check (see [`Config::client_api_params`]).
    pub fn client_api_params<C: BrowserCheck>(&self, check: &C) -> Result<ClientApiParams, Error> {
        self.config.client_api_params(check)
    }

    #[cfg(feature = "server")]
    /// Sends a Server API request and reads its answer.
    ///
    /// The request is checked and encoded in the account's charset first; if that fails,
    /// nothing is sent ([`Error::Validation`]). `status=ERROR` comes back as
    /// [`Error::Platform`]. Never retried: see the type's documentation.
    pub async fn send<R: ServerRequest>(&self, request: &R) -> Result<Answer, Error> {
        let span = wire::span::<R>(&self.config);
        async {
            let result = self.answer(request).await;
            wire::record(&result);
            result
        }
        .instrument(span)
        .await
    }

    #[cfg(feature = "server")]
    /// Sends a Server API request and reads its answer into the request's own answer type
    /// ([`ServerRequest::Answer`]): [`MandateAnswer`](crate::answer::MandateAnswer) for
    /// managemandate, [`GenericPaymentAnswer`](crate::answer::GenericPaymentAnswer) for
    /// genericpayment, and so on; [`Answer`] for the payment requests.
    ///
    /// Errors as [`Client::send`]; an answer whose status the request is never answered with
    /// is an [`Error::Parse`].
    pub async fn send_typed<R: ServerRequest>(&self, request: &R) -> Result<R::Answer, Error> {
        self.send(request).await?.into_typed()
    }

    #[cfg(feature = "server")]
    /// Sends getfile or getinvoice and returns the file (a signed SEPA mandate, an invoice).
    ///
    /// `status=ERROR` comes back as [`Error::Platform`]; the file is read under the same size
    /// limit as answers ([`Config::max_answer_bytes`]).
    pub async fn fetch_document<R: DocumentRequest>(&self, request: &R) -> Result<Document, Error> {
        let span = wire::span::<R>(&self.config);
        async {
            let result = match self.exchange(request).await {
                Ok(received) => {
                    wire::read_document(R::NAME, received, self.config.account.encoding())
                }
                Err(error) => Err(error),
            };
            wire::record_document(&result);
            result
        }
        .instrument(span)
        .await
    }

    #[cfg(feature = "server")]
    async fn answer<R: ServerRequest>(&self, request: &R) -> Result<Answer, Error> {
        let received = self.exchange(request).await?;
        wire::read_answer(
            received.content_type.as_deref(),
            received.body,
            self.config.account.encoding(),
        )
    }

    #[cfg(feature = "server")]
    async fn exchange<R: Request>(&self, request: &R) -> Result<wire::Received, Error> {
        let config = &*self.config;
        let prepared = wire::prepare(config, request)?;
        let response = self
            .http
            .post(config.endpoints.server_api.clone())
            .header(CONTENT_TYPE, prepared.content_type)
            .body(prepared.body)
            .send()
            .await
            .map_err(|e| wire::transport_error(e, config))?;
        wire::check_status(response.status().as_u16())?;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = body::read(response, config.max_answer_bytes)
            .await
            .map_err(|e| wire::body_error(e, config))?;
        Ok(wire::Received { content_type, body })
    }
}

impl ClientBuilder {
    /// Builds the async client.
    pub fn build(self) -> Result<Client, ConfigError> {
        let config = self.finish()?;
        #[cfg(feature = "server")]
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // A redirected POST would be re-sent as GET or to another host: never follow.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(ConfigError::Http)?;
        Ok(Client {
            #[cfg(feature = "server")]
            http,
            config: Arc::new(config),
        })
    }
}
