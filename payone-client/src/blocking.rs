//! A synchronous client (feature `blocking`), for programs without an async runtime. Same
//! configuration, encoding, answer parsing, errors and no-retry rule as the async
//! [`Client`](crate::Client).
//!
//! [`DirectLinkClient`] is the synchronous DirectLink client (also at
//! `payone_client::directlink::blocking`): the async one driven on a runtime of its own.
//!
//! Like every `reqwest::blocking` client it must not be created or used inside an async
//! runtime.

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use std::sync::Arc;

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use payone_types::Account;
#[cfg(feature = "frontend")]
use reqwest::Url;
#[cfg(feature = "server")]
use reqwest::header::CONTENT_TYPE;

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
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use crate::config::{ClientBuilder, Config, ConfigError};
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use crate::error::Error;
#[cfg(feature = "server")]
use crate::wire;
#[cfg(feature = "server")]
use payone_types::Request;

#[cfg(feature = "directlink")]
pub use crate::directlink::blocking::DirectLinkClient;

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The blocking twin of [`crate::Client`]. A Server API POST is sent exactly once; see
/// [`crate::Client`] for why and what to do when [`Error::outcome_unknown`] is `true`.
#[derive(Clone, Debug)]
pub struct Client {
    // Only the Server API is sent from here; the Frontend and Client API are signed for the
    // customer's browser.
    #[cfg(feature = "server")]
    http: reqwest::blocking::Client,
    config: Arc<Config>,
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl Client {
    /// Starts configuring a client for `account`; finish with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder(account: Account) -> ClientBuilder {
        ClientBuilder::new(account)
    }

    /// A client configured from the environment (see [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::from_env()?.build_blocking()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[cfg(feature = "server")]
    /// Sends a Server API request and reads its answer (see [`crate::Client::send`]).
    pub fn send<R: ServerRequest>(&self, request: &R) -> Result<Answer, Error> {
        let _entered = wire::span::<R>(&self.config).entered();
        let result = self.answer(request);
        wire::record(&result);
        result
    }

    #[cfg(feature = "server")]
    /// Sends a Server API request and reads its answer into the request's own answer type
    /// (see [`crate::Client::send_typed`]).
    pub fn send_typed<R: ServerRequest>(&self, request: &R) -> Result<R::Answer, Error> {
        self.send(request)?.into_typed()
    }

    #[cfg(feature = "server")]
    /// Sends getfile or getinvoice and returns the file (see [`crate::Client::fetch_document`]).
    pub fn fetch_document<R: DocumentRequest>(&self, request: &R) -> Result<Document, Error> {
        let _entered = wire::span::<R>(&self.config).entered();
        let result = self.exchange(request).and_then(|received| {
            wire::read_document(R::NAME, received, self.config.account.encoding())
        });
        wire::record_document(&result);
        result
    }

    #[cfg(feature = "server")]
    fn answer<R: ServerRequest>(&self, request: &R) -> Result<Answer, Error> {
        let received = self.exchange(request)?;
        wire::read_answer(
            received.content_type.as_deref(),
            received.body,
            self.config.account.encoding(),
        )
    }

    #[cfg(feature = "server")]
    fn exchange<R: Request>(&self, request: &R) -> Result<wire::Received, Error> {
        let config = &*self.config;
        let prepared = wire::prepare(config, request)?;
        let response = self
            .http
            .post(config.endpoints.server_api.clone())
            .header(CONTENT_TYPE, prepared.content_type)
            .body(prepared.body)
            .send()
            .map_err(|e| wire::transport_error(e, config))?;
        wire::check_status(response.status().as_u16())?;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = body::read_blocking(response, config.max_answer_bytes)
            .map_err(|e| wire::body_error(e, config))?;
        Ok(wire::Received { content_type, body })
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
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl ClientBuilder {
    /// Builds the blocking client.
    pub fn build_blocking(self) -> Result<Client, ConfigError> {
        let config = self.finish()?;
        #[cfg(feature = "server")]
        let http = reqwest::blocking::Client::builder()
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
