//! The async DirectLink client: orders with the safe timeout fallback, maintenance, queries and
//! the privacy policy.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use tracing::Instrument;
use tracing::field::Empty;

use super::config::DirectLinkConfig;
use super::environment::{Endpoint, EnvironmentKind};
use super::error::DirectLinkError;
use super::fallback;
use super::outcome::{OrderOutcome, Outcome};
use super::params;
use super::privacy::PrivacyPolicy;
use super::response::NcResponse;
use crate::body::{self, BodyError};
use crate::config::ConfigError;
use crate::error::Delivery;

const FORM: &str = "application/x-www-form-urlencoded";

/// What [`DirectLinkClient::query`] looks an order up by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryBy {
    /// The merchant's `ORDERID`.
    OrderId(String),
    /// The platform's `PAYID` (the guide recommends it), optionally with the history level
    /// `PAYIDSUB`.
    PayId {
        /// `PAYID`.
        payid: String,
        /// `PAYIDSUB`.
        payidsub: Option<String>,
    },
}

impl QueryBy {
    fn params(&self) -> Vec<(String, String)> {
        match self {
            QueryBy::OrderId(orderid) => vec![("ORDERID".into(), orderid.clone())],
            QueryBy::PayId { payid, payidsub } => {
                let mut params = vec![("PAYID".into(), payid.clone())];
                if let Some(sub) = payidsub {
                    params.push(("PAYIDSUB".into(), sub.clone()));
                }
                params
            }
        }
    }
}

/// Sends DirectLink requests for one API user in environment `E`
/// ([`Test`](super::Test) or [`Production`](super::Production)).
///
/// Requests are form POSTs with `PSPID`, `USERID` and `PSWD` from the configuration first, the
/// caller's parameters in their order, and, for orders and maintenance, `SHASIGN` last (the
/// query and privacy-policy tables of the DirectLink guide have no `SHASIGN`, so those are not
/// signed). Nothing is ever sent twice; cloning is cheap and shares the connection pool.
#[derive(Clone, Debug)]
pub struct DirectLinkClient<E: EnvironmentKind> {
    http: reqwest::Client,
    config: Arc<DirectLinkConfig<E>>,
}

impl<E: EnvironmentKind> DirectLinkClient<E> {
    /// A client for `config`.
    pub fn new(config: DirectLinkConfig<E>) -> Result<Self, ConfigError> {
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            // A redirected POST would be re-sent as GET or to another host: never follow.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(ConfigError::Http)?;
        Ok(DirectLinkClient {
            http,
            config: Arc::new(config),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &DirectLinkConfig<E> {
        &self.config
    }

    /// Sends a new order to `orderdirect.asp`, exactly once.
    ///
    /// `params` must carry one `ORDERID`; an `RTIMEOUT` must be shorter than the order timeout;
    /// `PSPID`, `USERID`, `PSWD` and `SHASIGN` come from the client and are refused here.
    ///
    /// When no usable answer arrives (timeout, dropped connection after sending, HTTP 5xx,
    /// unreadable body, a body larger than
    /// [`max_answer_bytes`](super::DirectLinkConfig::max_answer_bytes)), the order is not sent
    /// again: `querydirect.asp` is asked for its ORDERID instead, as
    /// [`QueryPolicy`](super::QueryPolicy) bounds it (the querydirect section of the DirectLink guide), and the result is
    /// [`OrderOutcome::Queried`] or [`OrderOutcome::Unknown`]. Errors are left for requests
    /// that certainly did not create a payment: refused before sending, no connection, HTTP
    /// 4xx.
    pub fn order<N, V>(
        &self,
        params: &[(N, V)],
    ) -> impl Future<Output = Result<OrderOutcome, DirectLinkError>> + Send + '_
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let params = params::owned(params);
        async move {
            params::check(&params)?;
            let orderid = params::order_id(&params)?;
            params::check_rtimeout(&params, self.config.order_timeout)?;
            let span = self.span(Endpoint::Order, Some(&orderid));
            let result = async {
                let body = params::body(&self.config, &params, true);
                let answer = self
                    .exchange(Endpoint::Order, body, self.config.order_timeout)
                    .await
                    .and_then(|(content_type, bytes)| {
                        outcome(Endpoint::Order, &bytes, content_type.as_deref())
                    });
                match answer {
                    Ok(outcome) => Ok(OrderOutcome::Answered(outcome)),
                    Err(error) if !error.outcome_unknown() => Err(error),
                    Err(order_error) => Ok(self.look_up(&orderid, order_error).await),
                }
            }
            .instrument(span.clone())
            .await;
            record(&span, result.as_ref().ok().and_then(|o| o.outcome()));
            result
        }
    }

    /// Asks `querydirect.asp` for an order whose own answer was lost, within the bounds of the
    /// query policy.
    async fn look_up(&self, orderid: &str, order_error: DirectLinkError) -> OrderOutcome {
        let policy = self.config.query_policy;
        let by = QueryBy::OrderId(orderid.to_owned());
        let mut last_query = None;
        for query in 1..=policy.max_queries() {
            if query > 1 {
                tokio::time::sleep(policy.delay()).await;
            }
            tracing::debug!(query, "asking querydirect.asp for the unanswered order");
            let answer = self.query_response(&by).await;
            if let Ok(response) = &answer
                && fallback::settles(response)
                && let Ok(outcome) = Outcome::from_response(response.clone())
            {
                return OrderOutcome::Queried {
                    outcome,
                    order_error,
                    queries: query,
                };
            }
            last_query = Some(answer);
        }
        tracing::warn!(
            queries = policy.max_queries(),
            "the order's outcome is unknown; check it before sending it again"
        );
        OrderOutcome::Unknown {
            order_error,
            queries: policy.max_queries(),
            last_query,
        }
    }

    /// Sends a maintenance request (capture, cancellation, refund, ...) to
    /// `maintenancedirect.asp`, exactly once.
    ///
    /// `params` identify the order by `PAYID` or `ORDERID`. Sending the same maintenance twice
    /// gets [`Outcome::DuplicateMaintenance`] (DirectLink guide, section 5.3).
    pub fn maintenance<N, V>(
        &self,
        params: &[(N, V)],
    ) -> impl Future<Output = Result<Outcome, DirectLinkError>> + Send + '_
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let params = params::owned(params);
        async move {
            params::check(&params)?;
            let span = self.span(Endpoint::Maintenance, None);
            let result = async {
                let body = params::body(&self.config, &params, true);
                let (content_type, bytes) = self
                    .exchange(Endpoint::Maintenance, body, self.config.timeout)
                    .await?;
                outcome(Endpoint::Maintenance, &bytes, content_type.as_deref())
            }
            .instrument(span.clone())
            .await;
            record(&span, result.as_ref().ok());
            result
        }
    }

    /// Asks `querydirect.asp` for the status of an order, limited by the query policy's
    /// timeout.
    pub async fn query(&self, by: QueryBy) -> Result<Outcome, DirectLinkError> {
        let response = self.query_response(&by).await?;
        Outcome::from_response(response).map_err(|source| DirectLinkError::Answer {
            endpoint: Endpoint::Query,
            source,
        })
    }

    async fn query_response(&self, by: &QueryBy) -> Result<NcResponse, DirectLinkError> {
        self.query_params(&by.params()).await
    }

    /// Sends `querydirect.asp` these parameters (ORDERID and/or PAYID, PAYIDSUB), the
    /// credentials added, limited by the query policy's timeout.
    pub(crate) async fn query_params(
        &self,
        query: &[(String, String)],
    ) -> Result<NcResponse, DirectLinkError> {
        let orderid = query
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("ORDERID"))
            .map(|(_, v)| v.as_str());
        let span = self.span(Endpoint::Query, orderid);
        async {
            let body = params::body(&self.config, query, false);
            let (content_type, bytes) = self
                .exchange(Endpoint::Query, body, self.config.query_policy.timeout())
                .await?;
            let response = NcResponse::parse_with_content_type(&bytes, content_type.as_deref())
                .map_err(|source| DirectLinkError::Answer {
                    endpoint: Endpoint::Query,
                    source,
                })?;
            let span = tracing::Span::current();
            if let Some(status) = response.status() {
                span.record("status", status.code());
            }
            if let Some(error) = response.ncerror() {
                span.record("ncerror", error.code());
            }
            Ok(response)
        }
        .instrument(span)
        .await
    }

    /// Asks `privacy-policy.asp` for the privacy information to show the customer; `params`
    /// may carry `BRAND` (any number of times) and `LANGUAGE`.
    pub fn privacy_policy<N, V>(
        &self,
        params: &[(N, V)],
    ) -> impl Future<Output = Result<PrivacyPolicy, DirectLinkError>> + Send + '_
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let params = params::owned(params);
        async move {
            params::check(&params)?;
            let span = self.span(Endpoint::PrivacyPolicy, None);
            async {
                let body = params::body(&self.config, &params, false);
                let (content_type, bytes) = self
                    .exchange(Endpoint::PrivacyPolicy, body, self.config.timeout)
                    .await?;
                PrivacyPolicy::parse_with_content_type(&bytes, content_type.as_deref()).map_err(
                    |source| DirectLinkError::Answer {
                        endpoint: Endpoint::PrivacyPolicy,
                        source,
                    },
                )
            }
            .instrument(span)
            .await
        }
    }

    fn span(&self, endpoint: Endpoint, orderid: Option<&str>) -> tracing::Span {
        tracing::info_span!(
            "directlink",
            endpoint = endpoint.file(),
            environment = %self.config.endpoints.environment(),
            orderid = orderid,
            status = Empty,
            ncerror = Empty,
        )
    }

    /// POSTs `body` and returns the answer's `Content-Type` and bytes (HTTP 200 only).
    async fn exchange(
        &self,
        endpoint: Endpoint,
        body: String,
        timeout: Duration,
    ) -> Result<(Option<String>, Vec<u8>), DirectLinkError> {
        let connect_timeout = self.config.connect_timeout;
        let failed = |error: reqwest::Error| {
            let after = if error.is_connect() {
                connect_timeout.min(timeout)
            } else {
                timeout
            };
            DirectLinkError::from_reqwest(error, endpoint, after)
        };
        let response = self
            .http
            .post(self.config.endpoints.url(endpoint).clone())
            .header(CONTENT_TYPE, FORM)
            .timeout(timeout)
            .body(body)
            .send()
            .await
            .map_err(failed)?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(DirectLinkError::Http { endpoint, status });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let limit = self.config.max_answer_bytes;
        let bytes = body::read(response, limit).await.map_err(|error| {
            let error = match error {
                BodyError::TooLarge => {
                    return DirectLinkError::AnswerTooLarge { endpoint, limit };
                }
                BodyError::Http(error) => error,
            };
            // The request arrived: whatever failed now, it may have been processed.
            match failed(error) {
                DirectLinkError::Timeout { after, .. } => DirectLinkError::Timeout {
                    endpoint,
                    after,
                    delivery: Delivery::MaybeProcessed,
                },
                DirectLinkError::Transport { source, .. } => DirectLinkError::Transport {
                    endpoint,
                    delivery: Delivery::MaybeProcessed,
                    source,
                },
                other => other,
            }
        })?;
        Ok((content_type, bytes))
    }
}

fn outcome(
    endpoint: Endpoint,
    bytes: &[u8],
    content_type: Option<&str>,
) -> Result<Outcome, DirectLinkError> {
    NcResponse::parse_with_content_type(bytes, content_type)
        .and_then(Outcome::from_response)
        .map_err(|source| DirectLinkError::Answer { endpoint, source })
}

fn record(span: &tracing::Span, outcome: Option<&Outcome>) {
    let Some(outcome) = outcome else { return };
    if let Some(status) = outcome.status() {
        span.record("status", status.code());
    }
    if let Some(error) = outcome.response().ncerror() {
        span.record("ncerror", error.code());
    }
}
