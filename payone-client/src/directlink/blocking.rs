//! A synchronous DirectLink client (feature `blocking`), for programs without an async
//! runtime.
//!
//! It is the async [`DirectLinkClient`](super::DirectLinkClient) driven on a runtime of its own
//! (one thread: the caller's), so there is one implementation of the exactly-once order, the
//! `querydirect.asp` fallback and the answer parsing, and both clients behave alike to the
//! byte.
//!
//! Like every blocking client it must not be created, used or dropped inside an async runtime
//! (tokio refuses to start or drop a runtime there and panics).
//!
//! ```no_run
//! use payone_client::directlink::*;
//!
//! # fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let config = DirectLinkConfig::<Test>::from_env()?; // PAYONE_PSPID, PAYONE_USERID, ...
//! let client = blocking::DirectLinkClient::new(config)?;
//! let order = [
//!     ("ORDERID", "order-4711"),
//!     ("AMOUNT", "1500"),
//!     ("CURRENCY", "EUR"),
//!     ("CARDNO", "4111111111111111"),
//!     ("ED", "1230"),
//!     ("CVC", "123"),
//!     ("CN", "Erika Mustermann"),
//!     ("OPERATION", "RES"),
//! ];
//! let payid = match client.order(&order)? {
//!     OrderOutcome::Answered(Outcome::Processed { response, .. })
//!     | OrderOutcome::Queried { outcome: Outcome::Processed { response, .. }, .. } => {
//!         response.payid().unwrap_or_default().to_owned()
//!     }
//!     OrderOutcome::Unknown { .. } => return Err("unknown: check before sending it again".into()),
//!     other => return Err(format!("{other:?}").into()),
//! };
//! let capture = client.maintenance(&[("PAYID", payid.as_str()), ("OPERATION", "SAS")])?;
//! println!("{:?}", capture.status());
//! # Ok(()) }
//! ```

use std::sync::Arc;

use payone_types::generated::directlink::{
    Maintenancedirect, Orderdirect, PrivacyPolicy, Querydirect,
};
use tokio::runtime::Runtime;

use super::client::{DirectLinkClient as AsyncClient, QueryBy};
use super::config::DirectLinkConfig;
use super::environment::EnvironmentKind;
use super::error::DirectLinkError;
use super::outcome::{OrderOutcome, Outcome};
use super::privacy::PrivacyPolicy as PrivacyAnswer;
use crate::config::ConfigError;

/// The blocking twin of the async [`DirectLinkClient`](super::DirectLinkClient): the same
/// configuration, requests, guarantees (nothing is sent twice; an order without an answer is
/// looked up with `querydirect.asp`) and typed outcomes, each method waiting for its result.
///
/// Cloning is cheap and shares the connection pool and the runtime; clones may be used from
/// several threads at once.
#[derive(Clone, Debug)]
pub struct DirectLinkClient<E: EnvironmentKind> {
    inner: AsyncClient<E>,
    // A current-thread runtime runs its tasks only inside `block_on`, on the calling thread:
    // no thread of its own to start, and nothing runs between two calls.
    runtime: Arc<Runtime>,
}

impl<E: EnvironmentKind> DirectLinkClient<E> {
    /// A client for `config`.
    pub fn new(config: DirectLinkConfig<E>) -> Result<Self, ConfigError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(ConfigError::Runtime)?;
        Ok(DirectLinkClient {
            inner: AsyncClient::new(config)?,
            runtime: Arc::new(runtime),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &DirectLinkConfig<E> {
        self.inner.config()
    }

    /// Sends a new order to `orderdirect.asp`, exactly once, and looks it up with
    /// `querydirect.asp` when no usable answer arrives (see the async
    /// [`order`](super::DirectLinkClient::order)).
    pub fn order<N, V>(&self, params: &[(N, V)]) -> Result<OrderOutcome, DirectLinkError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        self.runtime.block_on(self.inner.order(params))
    }

    /// Sends a maintenance request to `maintenancedirect.asp`, exactly once (see the async
    /// [`maintenance`](super::DirectLinkClient::maintenance)).
    pub fn maintenance<N, V>(&self, params: &[(N, V)]) -> Result<Outcome, DirectLinkError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        self.runtime.block_on(self.inner.maintenance(params))
    }

    /// Asks `querydirect.asp` for the status of an order (see the async
    /// [`query`](super::DirectLinkClient::query)).
    pub fn query(&self, by: QueryBy) -> Result<Outcome, DirectLinkError> {
        self.runtime.block_on(self.inner.query(by))
    }

    /// Asks `privacy-policy.asp` for the privacy information (see the async
    /// [`privacy_policy`](super::DirectLinkClient::privacy_policy)).
    pub fn privacy_policy<N, V>(&self, params: &[(N, V)]) -> Result<PrivacyAnswer, DirectLinkError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        self.runtime.block_on(self.inner.privacy_policy(params))
    }

    /// Sends a typed new order, checked by the tables first (see the async
    /// [`send_order`](super::DirectLinkClient::send_order)).
    pub fn send_order(&self, request: &Orderdirect) -> Result<OrderOutcome, DirectLinkError> {
        self.runtime.block_on(self.inner.send_order(request))
    }

    /// Sends a typed maintenance request, checked by the tables first.
    pub fn send_maintenance(
        &self,
        request: &Maintenancedirect,
    ) -> Result<Outcome, DirectLinkError> {
        self.runtime.block_on(self.inner.send_maintenance(request))
    }

    /// Sends a typed direct query, checked by the tables first (see the async
    /// [`send_query`](super::DirectLinkClient::send_query)).
    pub fn send_query(&self, request: &Querydirect) -> Result<Outcome, DirectLinkError> {
        self.runtime.block_on(self.inner.send_query(request))
    }

    /// Sends a typed privacy-policy request, checked by the tables first.
    pub fn send_privacy_policy(
        &self,
        request: &PrivacyPolicy,
    ) -> Result<PrivacyAnswer, DirectLinkError> {
        self.runtime
            .block_on(self.inner.send_privacy_policy(request))
    }
}
