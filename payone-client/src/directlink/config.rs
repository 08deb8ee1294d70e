//! What a DirectLink client is configured with: the API user, the SHA-IN settings, the
//! environment's endpoints, time limits and the timeout fallback.

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::environment::{Endpoints, EnvironmentKind};
use super::fallback::QueryPolicy;
use super::sign::{ShaAlgorithm, ShaList, ShaPassphrase};

/// Default limit for `orderdirect.asp`: the guide's 30 s, after which it advises to query
/// (section 6.4). An `RTIMEOUT` sent with an order must be shorter.
pub const DEFAULT_ORDER_TIMEOUT: Duration = Duration::from_secs(30);

/// Default limit for establishing a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default limit for the size of a DirectLink answer: 1 MiB.
///
/// An `<ncresponse>` is one element with a few dozen attributes; with a base64 `HTML_ANSWER`
/// (the 3-D Secure form) it is a few kilobytes, and the privacy-policy text is of the same
/// order. The limit is far above that so that no real answer ever meets it, and it only stops
/// a body that cannot be an answer (a misconfigured endpoint, a proxy's error page, a broken
/// or hostile server) from taking the process's memory.
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// The API user's password (`PSWD`): a secret that is never printed.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Password(SecretString::from(password.into()))
    }

    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// The configuration of a [`DirectLinkClient`](super::DirectLinkClient) for environment `E`
/// ([`Test`](super::Test) or [`Production`](super::Production)).
///
/// `Debug` shows neither the password nor the passphrase.
#[derive(Clone, Debug)]
pub struct DirectLinkConfig<E: EnvironmentKind> {
    pub(crate) pspid: String,
    pub(crate) userid: String,
    pub(crate) pswd: Password,
    pub(crate) sha_in: ShaPassphrase,
    pub(crate) algorithm: ShaAlgorithm,
    pub(crate) sha_in_list: ShaList,
    pub(crate) endpoints: Endpoints<E>,
    pub(crate) order_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) query_policy: QueryPolicy,
    pub(crate) max_answer_bytes: usize,
}

impl<E: EnvironmentKind> DirectLinkConfig<E> {
    /// A configuration for the account `pspid`, API user `userid` with password `pswd`, the
    /// SHA-IN passphrase and algorithm set in the account; the official endpoints of `E`,
    /// [`ShaList::All`], [`DEFAULT_ORDER_TIMEOUT`] for orders and maintenance, the query
    /// policy's timeout for queries, [`QueryPolicy::default`], answers of at most
    /// [`DEFAULT_MAX_ANSWER_BYTES`].
    pub fn new(
        pspid: impl Into<String>,
        userid: impl Into<String>,
        pswd: Password,
        sha_in: ShaPassphrase,
        algorithm: ShaAlgorithm,
    ) -> Self {
        DirectLinkConfig {
            pspid: pspid.into(),
            userid: userid.into(),
            pswd,
            sha_in,
            algorithm,
            sha_in_list: ShaList::All,
            endpoints: Endpoints::official(),
            order_timeout: DEFAULT_ORDER_TIMEOUT,
            timeout: DEFAULT_ORDER_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            query_policy: QueryPolicy::default(),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
        }
    }

    /// Other endpoints of the same environment (a sandbox: [`Endpoints::with_base`]).
    pub fn with_endpoints(mut self, endpoints: Endpoints<E>) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// The account's SHA-IN list, when it is narrower than every parameter sent.
    pub fn with_sha_in_list(mut self, list: ShaList) -> Self {
        self.sha_in_list = list;
        self
    }

    /// The time `orderdirect.asp` gets before the order's outcome is looked up with
    /// `querydirect.asp`.
    pub fn with_order_timeout(mut self, timeout: Duration) -> Self {
        self.order_timeout = timeout;
        self
    }

    /// The time `maintenancedirect.asp` and `privacy-policy.asp` get.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time a connection may take to establish.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How orders without an answer are looked up; the query policy's timeout also limits
    /// [`DirectLinkClient::query`](super::DirectLinkClient::query).
    pub fn with_query_policy(mut self, policy: QueryPolicy) -> Self {
        self.query_policy = policy;
        self
    }

    /// The largest answer body read, in bytes (default [`DEFAULT_MAX_ANSWER_BYTES`], 1 MiB). A
    /// larger answer is refused with
    /// [`DirectLinkError::AnswerTooLarge`](super::DirectLinkError::AnswerTooLarge) as soon as
    /// its `Content-Length` header or its first bytes beyond the limit arrive; the rest is never
    /// read. For an order it counts as an unreadable answer: the order is looked up with
    /// `querydirect.asp`.
    pub fn with_max_answer_bytes(mut self, limit: usize) -> Self {
        self.max_answer_bytes = limit;
        self
    }

    /// `PSPID`.
    pub fn pspid(&self) -> &str {
        &self.pspid
    }

    /// `USERID`.
    pub fn userid(&self) -> &str {
        &self.userid
    }

    /// The SHA-IN algorithm.
    pub fn algorithm(&self) -> ShaAlgorithm {
        self.algorithm
    }

    /// The SHA-IN list.
    pub fn sha_in_list(&self) -> &ShaList {
        &self.sha_in_list
    }

    /// The endpoints.
    pub fn endpoints(&self) -> &Endpoints<E> {
        &self.endpoints
    }

    /// The order timeout.
    pub fn order_timeout(&self) -> Duration {
        self.order_timeout
    }

    /// The maintenance and privacy-policy timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The query policy.
    pub fn query_policy(&self) -> &QueryPolicy {
        &self.query_policy
    }

    /// The largest answer body read, in bytes.
    pub fn max_answer_bytes(&self) -> usize {
        self.max_answer_bytes
    }
}
