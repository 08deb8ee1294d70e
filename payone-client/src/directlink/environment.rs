//! The DirectLink environments and their URLs (DirectLink guide, sections 3.1, 5.1.1, 6.1.1,
//! 7.1.1).
//!
//! The environment is part of the client's type ([`Test`] or [`Production`]), and every URL a
//! client can be given is checked against it: a production client never sends to a
//! `/ncol/test/` URL or to a host of the test environment, and a test client never to a
//! `/ncol/prod/` URL or to the production host.

use std::fmt;
use std::marker::PhantomData;

use reqwest::Url;

/// A DirectLink environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    /// The test environment (`https://ogone.test.v-psp.com/ncol/test/`): nothing reaches an
    /// acquirer or bank.
    Test,
    /// The production environment (`https://secure.ogone.com/ncol/prod/`): real payments.
    Production,
}

impl Environment {
    /// The path segment after `/ncol/`: `test` or `prod`.
    pub const fn segment(self) -> &'static str {
        match self {
            Environment::Test => "test",
            Environment::Production => "prod",
        }
    }

    /// The official URL of `endpoint` in this environment.
    ///
    /// Note that the guide gives the test privacy-policy endpoint on the production host:
    /// `https://secure.ogone.com/ncol/test/privacy-policy.asp` (section 7.1.1).
    pub const fn url(self, endpoint: Endpoint) -> &'static str {
        match (self, endpoint) {
            (Environment::Test, Endpoint::Order) => {
                "https://ogone.test.v-psp.com/ncol/test/orderdirect.asp"
            }
            (Environment::Test, Endpoint::Maintenance) => {
                "https://ogone.test.v-psp.com/ncol/test/maintenancedirect.asp"
            }
            (Environment::Test, Endpoint::Query) => {
                "https://ogone.test.v-psp.com/ncol/test/querydirect.asp"
            }
            (Environment::Test, Endpoint::PrivacyPolicy) => {
                "https://secure.ogone.com/ncol/test/privacy-policy.asp"
            }
            (Environment::Production, Endpoint::Order) => {
                "https://secure.ogone.com/ncol/prod/orderdirect.asp"
            }
            (Environment::Production, Endpoint::Maintenance) => {
                "https://secure.ogone.com/ncol/prod/maintenancedirect.asp"
            }
            (Environment::Production, Endpoint::Query) => {
                "https://secure.ogone.com/ncol/prod/querydirect.asp"
            }
            (Environment::Production, Endpoint::PrivacyPolicy) => {
                "https://secure.ogone.com/ncol/prod/privacy-policy.asp"
            }
        }
    }

    /// Whether `host` is one of this environment's own hosts, which a client of the other
    /// environment must never be pointed at: for [`Test`] the test platform's hosts (the DirectLink
    /// guide gives `ogone.test.v-psp.com`; any host of the `test.v-psp.com` domain is one), for
    /// [`Production`] `secure.ogone.com`. Case and a trailing dot do not matter.
    ///
    /// `secure.ogone.com` also serves the test privacy-policy page (`/ncol/test/`, the DirectLink
    /// guide section 7.1.1), which [`Endpoints::<Test>::official`](Endpoints::official) uses; a
    /// test base on it is still refused, since its orderdirect, maintenance and query pages are the
    /// production ones.
    pub fn owns_host(self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        match self {
            Environment::Test => host == "test.v-psp.com" || host.ends_with(".test.v-psp.com"),
            Environment::Production => host == "secure.ogone.com",
        }
    }

    const fn other(self) -> Environment {
        match self {
            Environment::Test => Environment::Production,
            Environment::Production => Environment::Test,
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Environment::Test => "test",
            Environment::Production => "production",
        })
    }
}

/// One of the four DirectLink pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `orderdirect.asp`: new orders (guide section 3).
    Order,
    /// `maintenancedirect.asp`: maintenance of existing orders (section 5).
    Maintenance,
    /// `querydirect.asp`: the status of an order (section 6).
    Query,
    /// `privacy-policy.asp`: the privacy information to show the customer (section 7).
    PrivacyPolicy,
}

impl Endpoint {
    /// The page's file name, such as `orderdirect.asp`.
    pub const fn file(self) -> &'static str {
        match self {
            Endpoint::Order => "orderdirect.asp",
            Endpoint::Maintenance => "maintenancedirect.asp",
            Endpoint::Query => "querydirect.asp",
            Endpoint::PrivacyPolicy => "privacy-policy.asp",
        }
    }

    /// All four, in this order: order, maintenance, query, privacy policy.
    pub const ALL: [Endpoint; 4] = [
        Endpoint::Order,
        Endpoint::Maintenance,
        Endpoint::Query,
        Endpoint::PrivacyPolicy,
    ];
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file())
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Test {}
    impl Sealed for super::Production {}
}

/// The environment as a type: [`Test`] or [`Production`]. Sealed.
pub trait EnvironmentKind:
    sealed::Sealed + Clone + Copy + fmt::Debug + Send + Sync + Unpin + 'static
{
    /// The environment this type stands for.
    const ENVIRONMENT: Environment;
}

/// The test environment as a type parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Test;

/// The production environment as a type parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Production;

impl EnvironmentKind for Test {
    const ENVIRONMENT: Environment = Environment::Test;
}

impl EnvironmentKind for Production {
    const ENVIRONMENT: Environment = Environment::Production;
}

/// Why a custom base URL was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// Not an absolute http or https URL with a host.
    #[error("the DirectLink base URL must be an absolute http or https URL with a host")]
    NotHttp,
    /// A production base that is not https.
    #[error("a production DirectLink base URL must use https")]
    ProductionNeedsHttps,
    /// A base with a query or fragment.
    #[error("the DirectLink base URL must not have a query or a fragment")]
    QueryOrFragment,
    /// A base on a host of the other environment ([`Environment::owns_host`]).
    #[error("a {expected} client cannot use a base URL on a host of the {found} environment")]
    WrongHost {
        /// The client's environment.
        expected: Environment,
        /// The environment whose host the base names.
        found: Environment,
    },
    /// A base whose path belongs to the other environment.
    #[error("a {expected} client cannot use a base URL whose path is for the {found} environment")]
    WrongEnvironment {
        /// The client's environment.
        expected: Environment,
        /// The environment the path names.
        found: Environment,
    },
    /// A base whose `/ncol/` segment is not followed by the environment's segment as the last
    /// one.
    #[error(
        "a DirectLink base URL with an /ncol/ segment must end with /ncol/{}/",
        .0.segment()
    )]
    UnexpectedPath(Environment),
}

/// The four DirectLink URLs of environment `E`.
///
/// The environment is in the type, so a configuration for one environment cannot take the
/// endpoints of the other:
///
/// ```
/// use payone_client::directlink::*;
///
/// let config = DirectLinkConfig::<Production>::new(
///     "MyPSPID",
///     "apiuser",
///     Password::new("api password"),
///     ShaPassphrase::new("passphrase"),
///     ShaAlgorithm::Sha256,
/// )
/// .with_endpoints(Endpoints::<Production>::official());
/// assert_eq!(config.endpoints().environment(), Environment::Production);
/// ```
///
/// ```compile_fail
/// use payone_client::directlink::*;
///
/// let config = DirectLinkConfig::<Production>::new(
///     "MyPSPID",
///     "apiuser",
///     Password::new("api password"),
///     ShaPassphrase::new("passphrase"),
///     ShaAlgorithm::Sha256,
/// )
/// .with_endpoints(Endpoints::<Test>::official()); // expected `Endpoints<Production>`
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoints<E: EnvironmentKind> {
    urls: [Url; 4],
    environment: PhantomData<E>,
}

impl<E: EnvironmentKind> fmt::Debug for Endpoints<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Endpoints");
        s.field("environment", &E::ENVIRONMENT);
        for (endpoint, url) in Endpoint::ALL.iter().zip(&self.urls) {
            s.field(endpoint.file(), &url.as_str());
        }
        s.finish()
    }
}

impl<E: EnvironmentKind> Default for Endpoints<E> {
    /// The official URLs (see [`Endpoints::official`]).
    fn default() -> Self {
        Endpoints::official()
    }
}

impl<E: EnvironmentKind> Endpoints<E> {
    /// The platform's own URLs for `E`, exactly as the guide gives them.
    pub fn official() -> Self {
        Endpoints {
            urls: Endpoint::ALL
                .map(|e| Url::parse(E::ENVIRONMENT.url(e)).expect("a valid constant")),
            environment: PhantomData,
        }
    }

    /// The four pages under a custom base, such as a sandbox on loopback, keeping the
    /// environment.
    ///
    /// A base without an `/ncol/` segment gets the environment's one appended
    /// (`http://127.0.0.1:8080/` becomes `http://127.0.0.1:8080/ncol/test/` for [`Test`]); a
    /// base that has one must end with it (`.../ncol/test/`). Any path segment that names the
    /// other environment (`prod` for a test client, `test` for a production one) is refused, as
    /// is a host of the other environment ([`Environment::owns_host`]: a production client
    /// never takes `ogone.test.v-psp.com`, a test client never `secure.ogone.com`), and
    /// production bases must use https.
    pub fn with_base(base: &Url) -> Result<Self, EndpointError> {
        let own = E::ENVIRONMENT;
        match base.scheme() {
            "https" => {}
            "http" if own == Environment::Test => {}
            "http" => return Err(EndpointError::ProductionNeedsHttps),
            _ => return Err(EndpointError::NotHttp),
        }
        if base.cannot_be_a_base() || base.host_str().is_none_or(str::is_empty) {
            return Err(EndpointError::NotHttp);
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(EndpointError::QueryOrFragment);
        }
        if base
            .host_str()
            .is_some_and(|host| own.other().owns_host(host))
        {
            return Err(EndpointError::WrongHost {
                expected: own,
                found: own.other(),
            });
        }
        let segments: Vec<&str> = base.path().split('/').filter(|s| !s.is_empty()).collect();
        if segments
            .iter()
            .any(|s| s.eq_ignore_ascii_case(own.other().segment()))
        {
            return Err(EndpointError::WrongEnvironment {
                expected: own,
                found: own.other(),
            });
        }
        let mut path: String = segments.iter().map(|s| format!("/{s}")).collect();
        match segments.iter().position(|s| s.eq_ignore_ascii_case("ncol")) {
            None => {
                path.push_str("/ncol/");
                path.push_str(own.segment());
            }
            Some(i)
                if i + 2 == segments.len()
                    && segments[i + 1].eq_ignore_ascii_case(own.segment()) => {}
            Some(_) => return Err(EndpointError::UnexpectedPath(own)),
        }
        path.push('/');
        let mut dir = base.clone();
        dir.set_path(&path);
        let urls = Endpoint::ALL.map(|e| dir.join(e.file()).expect("a file name joins"));
        Ok(Endpoints {
            urls,
            environment: PhantomData,
        })
    }

    /// The environment.
    pub fn environment(&self) -> Environment {
        E::ENVIRONMENT
    }

    /// The URL of `endpoint`.
    pub fn url(&self, endpoint: Endpoint) -> &Url {
        &self.urls[endpoint as usize]
    }
}
