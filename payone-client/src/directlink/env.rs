//! Reading a DirectLink configuration from the `PAYONE_*` environment variables below, the ones
//! the sandbox reads too.
//! Errors name the variable and what it must hold, never its value.

use std::ffi::OsString;

use reqwest::Url;

use super::config::{DirectLinkConfig, Password};
use super::environment::{Endpoints, EnvironmentKind};
use super::sign::{ShaAlgorithm, ShaPassphrase};
use crate::config::ConfigError;

/// The account (`PSPID`, required).
pub const PAYONE_PSPID: &str = "PAYONE_PSPID";
/// The API user (`USERID`, required).
pub const PAYONE_USERID: &str = "PAYONE_USERID";
/// The API user's password (`PSWD`, required; never printed).
pub const PAYONE_PSWD: &str = "PAYONE_PSWD";
/// The SHA-IN passphrase (required; never printed).
pub const PAYONE_SHA_IN: &str = "PAYONE_SHA_IN";
/// The SHA algorithm: `sha1`, `sha256` or `sha512` (required: a wrong guess fails every
/// request with NCERROR 50001184).
pub const PAYONE_SHA_ALGO: &str = "PAYONE_SHA_ALGO";
/// A base URL for the DirectLink pages, such as a sandbox's (optional; checked against the
/// environment like [`Endpoints::with_base`]).
pub const PAYONE_DIRECTLINK_URL: &str = "PAYONE_DIRECTLINK_URL";

impl<E: EnvironmentKind> DirectLinkConfig<E> {
    /// A configuration from `PAYONE_PSPID`, `PAYONE_USERID`, `PAYONE_PSWD`, `PAYONE_SHA_IN`,
    /// `PAYONE_SHA_ALGO` (required) and `PAYONE_DIRECTLINK_URL` (optional).
    pub fn from_env() -> Result<Self, ConfigError> {
        DirectLinkConfig::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`DirectLinkConfig::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, ConfigError> {
        let required = |name: &'static str, expected: &'static str| {
            let value = lookup(name).ok_or(ConfigError::MissingVar(name))?;
            match value.into_string() {
                Ok(value) if !value.is_empty() => Ok(value),
                _ => Err(ConfigError::InvalidVar { name, expected }),
            }
        };
        const TEXT: &str = "non-empty UTF-8 text";
        const ALGO: &str = "sha1, sha256 or sha512";
        const URL: &str = "an http or https URL for this environment";
        let algorithm = required(PAYONE_SHA_ALGO, ALGO)?
            .parse::<ShaAlgorithm>()
            .map_err(|_| ConfigError::InvalidVar {
                name: PAYONE_SHA_ALGO,
                expected: ALGO,
            })?;
        let mut config = DirectLinkConfig::new(
            required(PAYONE_PSPID, TEXT)?,
            required(PAYONE_USERID, TEXT)?,
            Password::new(required(PAYONE_PSWD, TEXT)?),
            ShaPassphrase::new(required(PAYONE_SHA_IN, TEXT)?),
            algorithm,
        );
        if lookup(PAYONE_DIRECTLINK_URL).is_some() {
            let invalid = || ConfigError::InvalidVar {
                name: PAYONE_DIRECTLINK_URL,
                expected: URL,
            };
            let base =
                Url::parse(required(PAYONE_DIRECTLINK_URL, URL)?.trim()).map_err(|_| invalid())?;
            config = config.with_endpoints(Endpoints::with_base(&base).map_err(|_| invalid())?);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directlink::{Endpoint, Production, Test};

    const VARS: &[(&str, &str)] = &[
        ("PAYONE_PSPID", "MyPSPID"),
        ("PAYONE_USERID", "apiuser"),
        ("PAYONE_PSWD", "pw-s3cret"),
        ("PAYONE_SHA_IN", "sha-s3cret"),
        ("PAYONE_SHA_ALGO", "SHA-512"),
    ];

    fn lookup(vars: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars = vars.to_vec();
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn reads_the_variables() {
        let config = DirectLinkConfig::<Test>::from_lookup(lookup(VARS)).unwrap();
        assert_eq!(config.pspid(), "MyPSPID");
        assert_eq!(config.userid(), "apiuser");
        assert_eq!(config.algorithm(), ShaAlgorithm::Sha512);
        assert_eq!(
            config.endpoints().url(Endpoint::Order).as_str(),
            "https://ogone.test.v-psp.com/ncol/test/orderdirect.asp"
        );
        let debug = format!("{config:?}");
        assert!(!debug.contains("s3cret"), "{debug}");

        let mut vars = VARS.to_vec();
        vars.push(("PAYONE_DIRECTLINK_URL", "http://127.0.0.1:8080/"));
        let config = DirectLinkConfig::<Test>::from_lookup(lookup(&vars)).unwrap();
        assert_eq!(
            config.endpoints().url(Endpoint::Query).as_str(),
            "http://127.0.0.1:8080/ncol/test/querydirect.asp"
        );
    }

    #[test]
    fn errors_name_the_variable() {
        let err = DirectLinkConfig::<Test>::from_lookup(lookup(&VARS[1..])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the environment variable PAYONE_PSPID is not set"
        );
        let mut vars = VARS.to_vec();
        vars[4] = ("PAYONE_SHA_ALGO", "md5");
        let err = DirectLinkConfig::<Test>::from_lookup(lookup(&vars)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the environment variable PAYONE_SHA_ALGO must be sha1, sha256 or sha512"
        );
        let mut vars = VARS.to_vec();
        vars.push((
            "PAYONE_DIRECTLINK_URL",
            "https://ogone.test.v-psp.com/ncol/test/",
        ));
        let err = DirectLinkConfig::<Production>::from_lookup(lookup(&vars)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the environment variable PAYONE_DIRECTLINK_URL must be an http or https URL for \
             this environment"
        );
    }
}
