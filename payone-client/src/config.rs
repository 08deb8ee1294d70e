//! What a client is configured with: the account, the endpoints, time limits and the signing
//! algorithm. Shared by the async and the blocking client.

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use std::time::Duration;

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use payone_types::{Account, HashAlgorithm, KeyDigest};
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
use reqwest::Url;

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The PAYONE Server API.
pub const SERVER_API_URL: &str = "https://api.pay1.de/post-gateway/";
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The PAYONE Client API.
pub const CLIENT_API_URL: &str = "https://secure.pay1.de/client-api/";
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The PAYONE Frontend (hosted payment page).
pub const FRONTEND_URL: &str = "https://frontend.pay1.de/frontend/v2/";

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// Default limit for a whole request, connecting included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// Default limit for establishing the connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// Default limit for the size of a Server API answer: 1 MiB.
///
/// A Server API answer is a few `name=value` lines, a few hundred bytes; even an answer that
/// carries a mandate text or a long redirect URL stays within a few kilobytes. The limit is
/// far above that so that no real answer ever meets it, and it only stops a body that cannot
/// be an answer (a misconfigured endpoint, a proxy's error page, a broken or hostile server)
/// from taking the process's memory.
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// Why a client could not be configured. Never contains the portal key or another value read
/// from the environment.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required environment variable is not set.
    #[error("the environment variable {0} is not set")]
    MissingVar(&'static str),
    /// An environment variable has a value that cannot be used.
    #[error("the environment variable {name} must be {expected}")]
    InvalidVar {
        /// The variable.
        name: &'static str,
        /// What it must hold.
        expected: &'static str,
    },
    /// An endpoint is not an absolute http or https URL.
    #[error("the {which} endpoint must be an absolute http or https URL")]
    InvalidUrl {
        /// Which endpoint.
        which: &'static str,
    },
    /// The HTTP client could not be set up (TLS backend).
    #[error("the HTTP client could not be set up: {0}")]
    Http(#[source] reqwest::Error),
    /// The runtime of a blocking client could not be started (the operating system refused
    /// its I/O driver).
    #[error("the blocking client's runtime could not be started: {0}")]
    Runtime(#[source] std::io::Error),
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The URLs of the three platforms. Point them at a sandbox by its base URL with
/// [`Endpoints::under`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    /// The Server API (`https://api.pay1.de/post-gateway/`).
    pub server_api: Url,
    /// The Client API (`https://secure.pay1.de/client-api/`).
    pub client_api: Url,
    /// The Frontend (`https://frontend.pay1.de/frontend/v2/`).
    pub frontend: Url,
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl Default for Endpoints {
    /// PAYONE's own endpoints.
    fn default() -> Self {
        Endpoints {
            server_api: Url::parse(SERVER_API_URL).expect("a valid constant"),
            client_api: Url::parse(CLIENT_API_URL).expect("a valid constant"),
            frontend: Url::parse(FRONTEND_URL).expect("a valid constant"),
        }
    }
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl Endpoints {
    /// The platform paths (`post-gateway/`, `client-api/`, `frontend/v2/`) under `base`, as a
    /// sandbox that serves them on one host has them (`http://127.0.0.1:8080/`).
    pub fn under(base: &Url) -> Result<Endpoints, ConfigError> {
        let mut base = base.clone();
        // `join` replaces the last segment unless the base ends with `/`.
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let join = |path: &str, which: &'static str| {
            base.join(path)
                .map_err(|_| ConfigError::InvalidUrl { which })
        };
        let endpoints = Endpoints {
            server_api: join("post-gateway/", "Server API")?,
            client_api: join("client-api/", "Client API")?,
            frontend: join("frontend/v2/", "Frontend")?,
        };
        endpoints.check()?;
        Ok(endpoints)
    }

    /// Checks that every endpoint is an http(s) URL that can carry a path.
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        for (url, which) in [
            (&self.server_api, "Server API"),
            (&self.client_api, "Client API"),
            (&self.frontend, "Frontend"),
        ] {
            check_url(url, which)?;
        }
        Ok(())
    }
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// Checks one endpoint.
pub(crate) fn check_url(url: &Url, which: &'static str) -> Result<(), ConfigError> {
    if matches!(url.scheme(), "http" | "https") && url.has_host() {
        Ok(())
    } else {
        Err(ConfigError::InvalidUrl { which })
    }
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// The configuration of a client: everything except the HTTP connection pool.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) account: Account,
    pub(crate) endpoints: Endpoints,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) hash_algorithm: HashAlgorithm,
    pub(crate) max_answer_bytes: usize,
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl Config {
    /// The merchant account.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The endpoints.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The limit for a whole request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The limit for establishing a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// How Frontend and Client API requests are signed.
    pub fn hash_algorithm(&self) -> HashAlgorithm {
        self.hash_algorithm
    }

    /// The largest answer body read, in bytes.
    pub fn max_answer_bytes(&self) -> usize {
        self.max_answer_bytes
    }
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
/// Builds a [`Client`](crate::Client) (or a `blocking::Client`).
#[derive(Clone, Debug)]
#[must_use]
pub struct ClientBuilder {
    config: Config,
}

#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
impl ClientBuilder {
    /// A builder for `account` with PAYONE's endpoints, a 30 s request limit, a 10 s connect
    /// limit, HMAC-SHA384 signatures and answers of at most [`DEFAULT_MAX_ANSWER_BYTES`].
    pub fn new(account: Account) -> Self {
        ClientBuilder {
            config: Config {
                account,
                endpoints: Endpoints::default(),
                timeout: DEFAULT_TIMEOUT,
                connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                hash_algorithm: HashAlgorithm::default(),
                max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            },
        }
    }

    /// Replaces all endpoints.
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.config.endpoints = endpoints;
        self
    }

    /// Sets the Server API endpoint.
    pub fn server_api_url(mut self, url: Url) -> Self {
        self.config.endpoints.server_api = url;
        self
    }

    /// Sets the Client API endpoint.
    pub fn client_api_url(mut self, url: Url) -> Self {
        self.config.endpoints.client_api = url;
        self
    }

    /// Sets the Frontend endpoint.
    pub fn frontend_url(mut self, url: Url) -> Self {
        self.config.endpoints.frontend = url;
        self
    }

    /// Sets the limit for a whole request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// Sets the limit for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// Sets how Frontend and Client API requests are signed (default HMAC-SHA384); the portal
    /// decides which it expects.
    pub fn hash_algorithm(mut self, algorithm: HashAlgorithm) -> Self {
        self.config.hash_algorithm = algorithm;
        self
    }

    /// Sets the largest answer body the client reads, in bytes (default
    /// [`DEFAULT_MAX_ANSWER_BYTES`], 1 MiB). A larger answer is refused with
    /// [`Error::AnswerTooLarge`](crate::Error::AnswerTooLarge) as soon as its `Content-Length`
    /// header or its first bytes beyond the limit arrive; the rest is never read.
    pub fn max_answer_bytes(mut self, limit: usize) -> Self {
        self.config.max_answer_bytes = limit;
        self
    }

    /// Sets how the Server API `key` is derived from the portal key (default md5).
    pub fn key_digest(mut self, digest: KeyDigest) -> Self {
        self.config.account = self.config.account.with_key_digest(digest);
        self
    }

    /// The configuration so far.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks the configuration and hands it over.
    pub(crate) fn finish(self) -> Result<Config, ConfigError> {
        self.config.endpoints.check()?;
        Ok(self.config)
    }
}

#[cfg(all(
    test,
    any(feature = "frontend", feature = "client-api", feature = "server")
))]
mod tests {
    use super::*;

    #[test]
    fn endpoints_under_a_sandbox_base_url() {
        for base in ["http://127.0.0.1:8080", "http://127.0.0.1:8080/"] {
            let e = Endpoints::under(&base.parse().unwrap()).unwrap();
            assert_eq!(e.server_api.as_str(), "http://127.0.0.1:8080/post-gateway/");
            assert_eq!(e.client_api.as_str(), "http://127.0.0.1:8080/client-api/");
            assert_eq!(e.frontend.as_str(), "http://127.0.0.1:8080/frontend/v2/");
        }
        let nested = Endpoints::under(&"http://h:1/payone".parse().unwrap()).unwrap();
        assert_eq!(
            nested.server_api.as_str(),
            "http://h:1/payone/post-gateway/"
        );
        assert!(Endpoints::under(&"file:///tmp".parse().unwrap()).is_err());
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let account = Account::new(
            23456,
            1234512,
            12345,
            payone_types::PortalKey::new("s3cret"),
        );
        let digest = payone_types::sign::server_key(account.key(), KeyDigest::Md5);
        let builder = ClientBuilder::new(account);
        let debug = format!("{builder:?}");
        assert!(
            !debug.contains("s3cret") && !debug.contains(&digest),
            "{debug}"
        );
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("s3cret") && !debug.contains(&digest));
    }
}
