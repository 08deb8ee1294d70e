//! Reading the client configuration from the environment variables that the sandbox reads too
//! (the `PAYONE_*` constants below). Errors name the variable and what it must hold, never its
//! value.

use std::ffi::OsString;

use payone_types::{Account, Charset, KeyDigest, Mode, PortalKey};
use reqwest::Url;

use crate::config::{ClientBuilder, ConfigError, check_url};

/// Merchant ID (required).
pub const PAYONE_MID: &str = "PAYONE_MID";
/// Portal ID (required).
pub const PAYONE_PORTALID: &str = "PAYONE_PORTALID";
/// Sub-account ID (required).
pub const PAYONE_AID: &str = "PAYONE_AID";
/// Portal key (required; never printed).
pub const PAYONE_KEY: &str = "PAYONE_KEY";
/// `test` (default) or `live`.
pub const PAYONE_MODE: &str = "PAYONE_MODE";
/// `api_version` (default 3.11).
pub const PAYONE_API_VERSION: &str = "PAYONE_API_VERSION";
/// `UTF-8` (default) or `ISO-8859-1`.
pub const PAYONE_ENCODING: &str = "PAYONE_ENCODING";
/// How the Server API `key` is derived: `md5` (default) or `sha384`.
pub const PAYONE_KEY_DIGEST: &str = "PAYONE_KEY_DIGEST";
/// Server API endpoint (default PAYONE's).
pub const PAYONE_SERVER_API_URL: &str = "PAYONE_SERVER_API_URL";
/// Client API endpoint (default PAYONE's).
pub const PAYONE_CLIENT_API_URL: &str = "PAYONE_CLIENT_API_URL";
/// Frontend endpoint (default PAYONE's).
pub const PAYONE_FRONTEND_URL: &str = "PAYONE_FRONTEND_URL";

impl ClientBuilder {
    /// A builder configured from the environment: `PAYONE_MID`, `PAYONE_PORTALID`,
    /// `PAYONE_AID`, `PAYONE_KEY` (required), `PAYONE_MODE`, `PAYONE_API_VERSION`,
    /// `PAYONE_ENCODING`, `PAYONE_KEY_DIGEST`, `PAYONE_SERVER_API_URL`,
    /// `PAYONE_CLIENT_API_URL`, `PAYONE_FRONTEND_URL` (optional).
    pub fn from_env() -> Result<ClientBuilder, ConfigError> {
        ClientBuilder::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`ClientBuilder::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<OsString>,
    ) -> Result<ClientBuilder, ConfigError> {
        let var =
            |name: &'static str, expected: &'static str| -> Result<Option<String>, ConfigError> {
                match lookup(name) {
                    None => Ok(None),
                    Some(value) => value
                        .into_string()
                        .map(Some)
                        .map_err(|_| ConfigError::InvalidVar { name, expected }),
                }
            };
        let required = |name: &'static str, expected: &'static str| {
            var(name, expected)?.ok_or(ConfigError::MissingVar(name))
        };
        let number = |name: &'static str| -> Result<u32, ConfigError> {
            const EXPECTED: &str = "a decimal number";
            required(name, EXPECTED)?
                .trim()
                .parse()
                .map_err(|_| ConfigError::InvalidVar {
                    name,
                    expected: EXPECTED,
                })
        };

        let mid = number(PAYONE_MID)?;
        let portalid = number(PAYONE_PORTALID)?;
        let aid = number(PAYONE_AID)?;
        const KEY: &str = "a non-empty portal key";
        let key = required(PAYONE_KEY, KEY)?;
        if key.is_empty() {
            return Err(ConfigError::InvalidVar {
                name: PAYONE_KEY,
                expected: KEY,
            });
        }
        let mut account = Account::new(mid, portalid, aid, PortalKey::new(key));

        const MODE: &str = "test or live";
        if let Some(mode) = var(PAYONE_MODE, MODE)? {
            account = account.with_mode(match mode.trim() {
                "test" => Mode::Test,
                "live" => Mode::Live,
                _ => return Err(invalid(PAYONE_MODE, MODE)),
            });
        }
        const VERSION: &str = "an API version such as 3.11";
        if let Some(version) = var(PAYONE_API_VERSION, VERSION)? {
            // The format is checked against each request's table when it is encoded.
            if version.trim().is_empty() {
                return Err(invalid(PAYONE_API_VERSION, VERSION));
            }
            account = account.with_api_version(version.trim().to_owned());
        }
        const ENCODING: &str = "UTF-8 or ISO-8859-1";
        if let Some(encoding) = var(PAYONE_ENCODING, ENCODING)? {
            let charset = Charset::from_param(&encoding.trim().to_ascii_uppercase())
                .ok_or(invalid(PAYONE_ENCODING, ENCODING))?;
            account = account.with_encoding(charset);
        }
        const DIGEST: &str = "md5 or sha384";
        if let Some(digest) = var(PAYONE_KEY_DIGEST, DIGEST)? {
            account = account.with_key_digest(match digest.trim() {
                "md5" => KeyDigest::Md5,
                "sha384" => KeyDigest::Sha384,
                _ => return Err(invalid(PAYONE_KEY_DIGEST, DIGEST)),
            });
        }

        let mut builder = ClientBuilder::new(account);
        const URL: &str = "an absolute http or https URL";
        let url = |name: &'static str| -> Result<Option<Url>, ConfigError> {
            let Some(value) = var(name, URL)? else {
                return Ok(None);
            };
            let url = Url::parse(value.trim()).map_err(|_| invalid(name, URL))?;
            check_url(&url, name).map_err(|_| invalid(name, URL))?;
            Ok(Some(url))
        };
        if let Some(u) = url(PAYONE_SERVER_API_URL)? {
            builder = builder.server_api_url(u);
        }
        if let Some(u) = url(PAYONE_CLIENT_API_URL)? {
            builder = builder.client_api_url(u);
        }
        if let Some(u) = url(PAYONE_FRONTEND_URL)? {
            builder = builder.frontend_url(u);
        }
        Ok(builder)
    }
}

fn invalid(name: &'static str, expected: &'static str) -> ConfigError {
    ConfigError::InvalidVar { name, expected }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    const BASE: &[(&str, &str)] = &[
        ("PAYONE_MID", "23456"),
        ("PAYONE_PORTALID", "1234512"),
        ("PAYONE_AID", "12345"),
        ("PAYONE_KEY", "s3cret-portal-key"),
    ];

    #[test]
    fn reads_the_required_variables_and_defaults() {
        let builder = ClientBuilder::from_lookup(lookup(BASE)).unwrap();
        let config = builder.config();
        assert_eq!(config.account().param("mid").unwrap(), "23456");
        assert_eq!(config.account().param("mode").unwrap(), "test");
        assert_eq!(config.account().param("encoding").unwrap(), "UTF-8");
        assert_eq!(
            config.endpoints().server_api.as_str(),
            crate::config::SERVER_API_URL
        );
    }

    #[test]
    fn reads_the_optional_variables() {
        let mut vars = BASE.to_vec();
        vars.extend([
            ("PAYONE_MODE", "live"),
            ("PAYONE_API_VERSION", "3.10"),
            ("PAYONE_ENCODING", "ISO-8859-1"),
            ("PAYONE_KEY_DIGEST", "sha384"),
            ("PAYONE_SERVER_API_URL", "http://127.0.0.1:9/post-gateway/"),
        ]);
        let builder = ClientBuilder::from_lookup(lookup(&vars)).unwrap();
        let account = builder.config().account();
        assert_eq!(account.param("mode").unwrap(), "live");
        assert_eq!(account.param("api_version").unwrap(), "3.10");
        assert_eq!(account.encoding(), Charset::Latin1);
        assert_eq!(account.param("key").unwrap().len(), 96);
        assert_eq!(
            builder.config().endpoints().server_api.as_str(),
            "http://127.0.0.1:9/post-gateway/"
        );
    }

    #[test]
    fn errors_name_the_variable_and_never_print_the_value() {
        let missing = ClientBuilder::from_lookup(lookup(&BASE[..3])).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "the environment variable PAYONE_KEY is not set"
        );
        let mut vars = BASE.to_vec();
        vars[0] = ("PAYONE_MID", "12a45");
        let invalid = ClientBuilder::from_lookup(lookup(&vars)).unwrap_err();
        assert_eq!(
            invalid.to_string(),
            "the environment variable PAYONE_MID must be a decimal number"
        );
        let mut vars = BASE.to_vec();
        vars.push(("PAYONE_KEY_DIGEST", "s3cret-portal-key"));
        let err = ClientBuilder::from_lookup(lookup(&vars)).unwrap_err();
        assert!(!format!("{err} {err:?}").contains("s3cret"));
        let mut vars = BASE.to_vec();
        vars.push(("PAYONE_SERVER_API_URL", "ftp://x/"));
        assert_eq!(
            ClientBuilder::from_lookup(lookup(&vars))
                .unwrap_err()
                .to_string(),
            "the environment variable PAYONE_SERVER_API_URL must be an absolute http or https URL"
        );
    }
}
