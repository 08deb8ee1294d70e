//! The v2 environments and their base URLs (Server-to-server guide, "Endpoint Urls in test /
//! live").
//!
//! The environment is part of the client's type ([`Test`] or [`Live`]), and every base URL a
//! client can be given is checked against it: a live client never sends to the preprod host
//! and a test client never to the live one.

use std::fmt;
use std::marker::PhantomData;

use reqwest::Url;

/// The host of the test (preprod) environment.
pub const TEST_HOST: &str = "payment.preprod.payone.com";
/// The host of the live environment.
pub const LIVE_HOST: &str = "payment.payone.com";

/// A v2 environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Environment {
    /// `https://payment.preprod.payone.com`: nothing reaches an acquirer.
    Test,
    /// `https://payment.payone.com`: real payments.
    Live,
}

impl Environment {
    /// The official base URL, without the `/v2/{merchantId}/payments` path.
    pub const fn base_url(self) -> &'static str {
        match self {
            Environment::Test => "https://payment.preprod.payone.com/",
            Environment::Live => "https://payment.payone.com/",
        }
    }

    /// The official host.
    pub const fn host(self) -> &'static str {
        match self {
            Environment::Test => TEST_HOST,
            Environment::Live => LIVE_HOST,
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Environment::Test => "test",
            Environment::Live => "live",
        })
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Test {}
    impl Sealed for super::Live {}
}

/// The environment as a type: [`Test`] or [`Live`]. Sealed.
pub trait EnvironmentKind:
    sealed::Sealed + Clone + Copy + fmt::Debug + Send + Sync + Unpin + 'static
{
    /// The environment this type stands for.
    const ENVIRONMENT: Environment;
}

/// The test (preprod) environment as a type parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Test;

/// The live environment as a type parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Live;

impl EnvironmentKind for Test {
    const ENVIRONMENT: Environment = Environment::Test;
}

impl EnvironmentKind for Live {
    const ENVIRONMENT: Environment = Environment::Live;
}

/// Why a custom base URL was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BaseUrlError {
    /// Not an absolute http or https URL with a host.
    #[error("the v2 base URL must be an absolute http or https URL with a host")]
    NotHttp,
    /// A live base that is not https.
    #[error("a live v2 base URL must use https")]
    LiveNeedsHttps,
    /// A base with a query, a fragment or credentials.
    #[error("the v2 base URL must not have a query, a fragment or credentials")]
    Extra,
    /// A base whose path already holds the API's own `/v2/` part.
    #[error("the v2 base URL must not contain the /v2/ path, which the client adds itself")]
    HasApiPath,
    /// A base on the other environment's host.
    #[error("a {expected} client cannot use the {found} environment's host")]
    WrongEnvironment {
        /// The client's environment.
        expected: Environment,
        /// The environment whose host the URL names.
        found: Environment,
    },
}

/// Where a client of environment `E` sends its requests: the official host of `E`, or a
/// custom base such as a sandbox on loopback.
///
/// The environment is in the type, so a configuration for one environment cannot take the base
/// of the other:
///
/// ```
/// use payone_client::v2::*;
///
/// let base = BaseUrl::<Live>::official();
/// assert_eq!(base.url().as_str(), "https://payment.payone.com/");
/// let sandbox = BaseUrl::<Test>::custom(&"http://127.0.0.1:8080/".parse().unwrap()).unwrap();
/// assert_eq!(sandbox.environment(), Environment::Test);
/// // The live host is refused for a test client, and the preprod host for a live one.
/// assert!(BaseUrl::<Test>::custom(&"https://payment.payone.com/".parse().unwrap()).is_err());
/// assert!(BaseUrl::<Live>::custom(&"https://payment.preprod.payone.com/".parse().unwrap()).is_err());
/// ```
///
/// ```compile_fail
/// use payone_client::v2::*;
/// use secrecy::SecretString;
///
/// let config = V2Config::<Live>::new("merchant", "key", SecretString::from("secret"))
///     .unwrap()
///     .with_base(BaseUrl::<Test>::official()); // expected `BaseUrl<Live>`
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl<E: EnvironmentKind> {
    url: Url,
    environment: PhantomData<E>,
}

impl<E: EnvironmentKind> fmt::Debug for BaseUrl<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BaseUrl")
            .field("environment", &E::ENVIRONMENT)
            .field("url", &self.url.as_str())
            .finish()
    }
}

impl<E: EnvironmentKind> Default for BaseUrl<E> {
    /// The official base (see [`BaseUrl::official`]).
    fn default() -> Self {
        BaseUrl::official()
    }
}

impl<E: EnvironmentKind> BaseUrl<E> {
    /// The platform's own base URL for `E`, as the Server-to-server guide gives it.
    pub fn official() -> Self {
        BaseUrl {
            url: Url::parse(E::ENVIRONMENT.base_url()).expect("a valid constant"),
            environment: PhantomData,
        }
    }

    /// A custom base, such as a sandbox (`http://127.0.0.1:8080/`) or a proxy; the client adds
    /// `v2/{merchantId}/payments...` below its path.
    ///
    /// Refused: anything but absolute http(s) URLs with a host; queries, fragments and
    /// credentials; a path that already holds a `v2` segment; for [`Test`] the live host, for
    /// [`Live`] plain http and any host with a `preprod` label.
    pub fn custom(url: &Url) -> Result<Self, BaseUrlError> {
        let own = E::ENVIRONMENT;
        match (url.scheme(), own) {
            ("https", _) | ("http", Environment::Test) => {}
            ("http", Environment::Live) => return Err(BaseUrlError::LiveNeedsHttps),
            _ => return Err(BaseUrlError::NotHttp),
        }
        let host = match url.host_str() {
            Some(host) if !url.cannot_be_a_base() && !host.is_empty() => {
                host.trim_end_matches('.').to_ascii_lowercase()
            }
            _ => return Err(BaseUrlError::NotHttp),
        };
        if url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(BaseUrlError::Extra);
        }
        if url
            .path_segments()
            .into_iter()
            .flatten()
            .any(|s| s.eq_ignore_ascii_case("v2"))
        {
            return Err(BaseUrlError::HasApiPath);
        }
        let wrong = match own {
            Environment::Test => host == LIVE_HOST,
            // Any preprod-looking host, not just the official one: a live payment sent to a
            // test system would look successful and never be paid.
            Environment::Live => host == TEST_HOST || host.split('.').any(|l| l == "preprod"),
        };
        if wrong {
            return Err(BaseUrlError::WrongEnvironment {
                expected: own,
                found: match own {
                    Environment::Test => Environment::Live,
                    Environment::Live => Environment::Test,
                },
            });
        }
        let mut url = url.clone();
        // `path_segments_mut` appends below the last segment only when the path ends with `/`.
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl {
            url,
            environment: PhantomData,
        })
    }

    /// The environment.
    pub fn environment(&self) -> Environment {
        E::ENVIRONMENT
    }

    /// The base URL.
    pub fn url(&self) -> &Url {
        &self.url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn official_bases() {
        assert_eq!(
            BaseUrl::<Test>::official().url().as_str(),
            "https://payment.preprod.payone.com/"
        );
        assert_eq!(
            BaseUrl::<Live>::official().url().as_str(),
            "https://payment.payone.com/"
        );
    }

    #[test]
    fn custom_bases_are_checked_against_the_environment() {
        let sandbox = BaseUrl::<Test>::custom(&url("http://127.0.0.1:8080")).unwrap();
        assert_eq!(sandbox.url().as_str(), "http://127.0.0.1:8080/");
        let prefixed = BaseUrl::<Test>::custom(&url("http://127.0.0.1:8080/payone")).unwrap();
        assert_eq!(prefixed.url().as_str(), "http://127.0.0.1:8080/payone/");
        BaseUrl::<Live>::custom(&url("https://proxy.example/payone/")).unwrap();

        let err = |r: Result<BaseUrl<Test>, _>| r.unwrap_err();
        assert_eq!(
            err(BaseUrl::custom(&url("https://PAYMENT.payone.com./"))),
            BaseUrlError::WrongEnvironment {
                expected: Environment::Test,
                found: Environment::Live
            }
        );
        assert_eq!(
            err(BaseUrl::custom(&url("http://127.0.0.1/v2/"))),
            BaseUrlError::HasApiPath
        );
        assert_eq!(
            err(BaseUrl::custom(&url("http://u:p@127.0.0.1/"))),
            BaseUrlError::Extra
        );
        assert_eq!(
            err(BaseUrl::custom(&url("http://127.0.0.1/?a=b"))),
            BaseUrlError::Extra
        );
        assert_eq!(
            err(BaseUrl::custom(&url("ftp://127.0.0.1/"))),
            BaseUrlError::NotHttp
        );

        let live = |s: &str| BaseUrl::<Live>::custom(&url(s)).unwrap_err();
        assert_eq!(live("http://127.0.0.1/"), BaseUrlError::LiveNeedsHttps);
        for preprod in [
            "https://payment.preprod.payone.com/",
            "https://other.preprod.payone.com/",
        ] {
            assert!(
                matches!(live(preprod), BaseUrlError::WrongEnvironment { .. }),
                "{preprod}"
            );
        }
    }
}
