//! What a v2 client is configured with: the merchant, the API key and secret, the environment's
//! base URL and time limits; read from explicit values or from the `PAYONE_*` environment
//! variables the sandbox reads too. Nothing here prints the secret or the value of a variable.

use std::ffi::OsString;
use std::time::Duration;

use payone_types::gcs::{GcsError, GcsSigner, SecretString, WebhookKeys};
use reqwest::Url;

use super::environment::{BaseUrl, BaseUrlError, EnvironmentKind};

/// The merchant (the `{merchantId}` of every path; required).
pub const PAYONE_MERCHANT_ID: &str = "PAYONE_MERCHANT_ID";
/// The API key (required).
pub const PAYONE_API_KEY: &str = "PAYONE_API_KEY";
/// The API secret (required; never printed).
pub const PAYONE_API_SECRET: &str = "PAYONE_API_SECRET";
/// A custom base URL, such as a sandbox's (optional; checked against the environment like
/// [`BaseUrl::custom`]).
pub const PAYONE_V2_URL: &str = "PAYONE_V2_URL";
/// The key id of the webhook secret (for [`webhook_keys_from_env`]).
pub const PAYONE_WEBHOOK_KEY_ID: &str = "PAYONE_WEBHOOK_KEY_ID";
/// The webhook secret (for [`webhook_keys_from_env`]; never printed).
pub const PAYONE_WEBHOOK_SECRET: &str = "PAYONE_WEBHOOK_SECRET";

/// Default limit for a whole request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default limit for establishing a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default limit for the size of a v2 answer: 8 MiB.
///
/// A v2 answer is one JSON object: a payment with its order, customer and cart, a few
/// kilobytes; a cart of many line items or an error answer listing many `errors[]` stays well
/// below a megabyte. The limit is far above that so that no real answer ever meets it, and it
/// only stops a body that cannot be an answer (a misconfigured base URL, a proxy's error page,
/// a broken or hostile server) from taking the process's memory.
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

/// Why a v2 client could not be configured. Never contains a secret or the value of a
/// variable.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum V2ConfigError {
    /// The merchant id is empty or holds whitespace or control characters.
    #[error("the merchant id must be non-empty text without whitespace or control characters")]
    MerchantId,
    /// The API key cannot go into an `Authorization` header.
    #[error("the API key must be non-empty, without `:`, whitespace or control characters")]
    ApiKey,
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
    /// A custom base URL that does not fit the environment.
    #[error("the base URL was refused: {0}")]
    BaseUrl(#[from] BaseUrlError),
    /// A default `X-GCS-*` header that cannot be sent.
    #[error("the default header was refused: {0}")]
    Header(#[source] super::error::RequestError),
    /// The HTTP client could not be set up (TLS backend).
    #[error("the HTTP client could not be set up: {0}")]
    Http(#[source] reqwest::Error),
    /// The runtime of a blocking client could not be started (the operating system refused
    /// its I/O driver).
    #[error("the blocking client's runtime could not be started: {0}")]
    Runtime(#[source] std::io::Error),
}

/// The configuration of a [`V2Client`](super::V2Client) for environment `E`
/// ([`Test`](super::Test) or [`Live`](super::Live)).
///
/// `Debug` shows the API key but never the secret.
///
/// ```
/// use payone_client::v2::*;
/// use secrecy::SecretString;
///
/// let config = V2Config::<Test>::new("merchant1", "apiKey", SecretString::from("secret"))?
///     .with_timeout(std::time::Duration::from_secs(20));
/// assert_eq!(config.base().url().as_str(), "https://payment.preprod.payone.com/");
/// assert!(!format!("{config:?}").contains("secret\""));
/// # Ok::<(), V2ConfigError>(())
/// ```
#[derive(Clone, Debug)]
pub struct V2Config<E: EnvironmentKind> {
    pub(crate) merchant_id: String,
    pub(crate) signer: GcsSigner,
    pub(crate) base: BaseUrl<E>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) max_answer_bytes: usize,
}

impl<E: EnvironmentKind> V2Config<E> {
    /// A configuration for `merchant_id` with the API key and secret; the official base of `E`,
    /// [`DEFAULT_TIMEOUT`], [`DEFAULT_CONNECT_TIMEOUT`] and answers of at most
    /// [`DEFAULT_MAX_ANSWER_BYTES`].
    pub fn new(
        merchant_id: impl Into<String>,
        api_key: impl Into<String>,
        api_secret: SecretString,
    ) -> Result<Self, V2ConfigError> {
        let merchant_id = merchant_id.into();
        if merchant_id.is_empty()
            || merchant_id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(V2ConfigError::MerchantId);
        }
        let signer =
            GcsSigner::new(api_key, api_secret).map_err(|_: GcsError| V2ConfigError::ApiKey)?;
        Ok(V2Config {
            merchant_id,
            signer,
            base: BaseUrl::official(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            headers: Vec::new(),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
        })
    }

    /// Another base of the same environment (a sandbox: [`BaseUrl::custom`]).
    pub fn with_base(mut self, base: BaseUrl<E>) -> Self {
        self.base = base;
        self
    }

    /// The limit for a whole request.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The limit for establishing a connection.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest answer body read, in bytes (default [`DEFAULT_MAX_ANSWER_BYTES`], 8 MiB). A
    /// larger answer is refused with
    /// [`V2Error::AnswerTooLarge`](super::V2Error::AnswerTooLarge) as soon as its
    /// `Content-Length` header or its first bytes beyond the limit arrive; the rest is never
    /// read.
    pub fn with_max_answer_bytes(mut self, limit: usize) -> Self {
        self.max_answer_bytes = limit;
        self
    }

    /// An `X-GCS-*` header sent (and signed) with every request, such as
    /// `X-GCS-ServerMetaInfo`. Refused when the name does not start with `X-GCS-` or the value
    /// holds a line break.
    pub fn with_header(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<Self, V2ConfigError> {
        let (name, value) = (name.into(), value.into());
        super::wire::check_header(&name, &value).map_err(V2ConfigError::Header)?;
        self.headers.push((name, value));
        Ok(self)
    }

    /// A configuration from `PAYONE_MERCHANT_ID`, `PAYONE_API_KEY`, `PAYONE_API_SECRET`
    /// (required) and `PAYONE_V2_URL` (optional).
    pub fn from_env() -> Result<Self, V2ConfigError> {
        V2Config::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`V2Config::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, V2ConfigError> {
        let required = |name| required(&lookup, name);
        let invalid = |name, expected| V2ConfigError::InvalidVar { name, expected };
        let merchant_id = required(PAYONE_MERCHANT_ID)?;
        let api_key = required(PAYONE_API_KEY)?;
        let secret = SecretString::from(required(PAYONE_API_SECRET)?);
        let mut config = V2Config::new(merchant_id, api_key, secret).map_err(|e| match e {
            V2ConfigError::MerchantId => invalid(PAYONE_MERCHANT_ID, "a merchant id"),
            _ => invalid(PAYONE_API_KEY, "an API key without `:` or whitespace"),
        })?;
        if lookup(PAYONE_V2_URL).is_some() {
            const URL: &str = "an http or https URL for this environment";
            let base = Url::parse(required(PAYONE_V2_URL)?.trim())
                .ok()
                .and_then(|url| BaseUrl::custom(&url).ok())
                .ok_or(invalid(PAYONE_V2_URL, URL))?;
            config = config.with_base(base);
        }
        Ok(config)
    }

    /// The merchant id.
    pub fn merchant_id(&self) -> &str {
        &self.merchant_id
    }

    /// The API key.
    pub fn api_key(&self) -> &str {
        self.signer.api_key()
    }

    /// The base URL.
    pub fn base(&self) -> &BaseUrl<E> {
        &self.base
    }

    /// The limit for a whole request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The limit for establishing a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The largest answer body read, in bytes.
    pub fn max_answer_bytes(&self) -> usize {
        self.max_answer_bytes
    }
}

fn required(
    lookup: &impl Fn(&str) -> Option<OsString>,
    name: &'static str,
) -> Result<String, V2ConfigError> {
    match lookup(name)
        .ok_or(V2ConfigError::MissingVar(name))?
        .into_string()
    {
        Ok(value) if !value.is_empty() => Ok(value),
        _ => Err(V2ConfigError::InvalidVar {
            name,
            expected: "non-empty UTF-8 text",
        }),
    }
}

/// The webhook key of `PAYONE_WEBHOOK_KEY_ID` and `PAYONE_WEBHOOK_SECRET` (both required).
/// Add the previous key with [`WebhookKeys::insert`] while the platform rotates keys.
///
/// ```no_run
/// let keys = payone_client::v2::webhook_keys_from_env()?;
/// # Ok::<(), payone_client::v2::V2ConfigError>(())
/// ```
pub fn webhook_keys_from_env() -> Result<WebhookKeys, V2ConfigError> {
    webhook_keys_from_lookup(|name| std::env::var_os(name))
}

/// Like [`webhook_keys_from_env`], with the variables looked up by `lookup`.
pub fn webhook_keys_from_lookup(
    lookup: impl Fn(&str) -> Option<OsString>,
) -> Result<WebhookKeys, V2ConfigError> {
    let key_id = required(&lookup, PAYONE_WEBHOOK_KEY_ID)?;
    let secret = SecretString::from(required(&lookup, PAYONE_WEBHOOK_SECRET)?);
    Ok(WebhookKeys::new().with(key_id, secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v2::{Live, Test};

    const VARS: &[(&str, &str)] = &[
        ("PAYONE_MERCHANT_ID", "merchant1"),
        ("PAYONE_API_KEY", "apiKey"),
        ("PAYONE_API_SECRET", "s3cret-value"),
    ];

    fn lookup(vars: Vec<(&'static str, &'static str)>) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn reads_the_variables_and_never_prints_the_secret() {
        let config = V2Config::<Test>::from_lookup(lookup(VARS.to_vec())).unwrap();
        assert_eq!(config.merchant_id(), "merchant1");
        assert_eq!(config.api_key(), "apiKey");
        assert_eq!(
            config.base().url().as_str(),
            "https://payment.preprod.payone.com/"
        );
        let debug = format!("{config:?}");
        assert!(!debug.contains("s3cret"), "{debug}");

        let mut vars = VARS.to_vec();
        vars.push(("PAYONE_V2_URL", "http://127.0.0.1:8080/"));
        let config = V2Config::<Test>::from_lookup(lookup(vars)).unwrap();
        assert_eq!(config.base().url().as_str(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn errors_name_the_variable_not_the_value() {
        let err = V2Config::<Test>::from_lookup(lookup(VARS[1..].to_vec())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the environment variable PAYONE_MERCHANT_ID is not set"
        );
        let mut vars = VARS.to_vec();
        vars[1] = ("PAYONE_API_KEY", "api:key");
        let err = V2Config::<Test>::from_lookup(lookup(vars)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the environment variable PAYONE_API_KEY must be an API key without `:` or whitespace"
        );
        let mut vars = VARS.to_vec();
        vars.push(("PAYONE_V2_URL", "https://payment.preprod.payone.com/"));
        let err = V2Config::<Live>::from_lookup(lookup(vars)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the environment variable PAYONE_V2_URL must be an http or https URL"),
            "{err}"
        );
    }

    #[test]
    fn webhook_keys() {
        let keys = webhook_keys_from_lookup(lookup(vec![
            ("PAYONE_WEBHOOK_KEY_ID", "key-1"),
            ("PAYONE_WEBHOOK_SECRET", "whs3cret"),
        ]))
        .unwrap();
        assert_eq!(keys.key_ids().collect::<Vec<_>>(), ["key-1"]);
        assert!(!format!("{keys:?}").contains("whs3cret"));
    }
}
