//! What a sandbox is started with: the one merchant account it accepts, where
//! TransactionStatus notifications go, and the faults it starts with.

use std::ffi::OsString;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use payone_types::PortalKey;
use payone_types::directlink::{ShaAlgorithm, ShaPassphrase};
use payone_types::gcs::GcsSigner;
use secrecy::{ExposeSecret, SecretString};

/// `mid` when `PAYONE_MID` is not set.
pub const DEFAULT_MID: u32 = 10001;
/// `portalid` when `PAYONE_PORTALID` is not set.
pub const DEFAULT_PORTALID: u32 = 2_000_001;
/// `aid` when `PAYONE_AID` is not set.
pub const DEFAULT_AID: u32 = 10002;
/// The portal key when `PAYONE_KEY` is not set. Public on purpose: it only opens the sandbox.
pub const DEFAULT_KEY: &str = "sandbox-portal-key";
/// DirectLink `PSPID` when `PAYONE_PSPID` is not set.
pub const DEFAULT_PSPID: &str = "sandboxpspid";
/// DirectLink `USERID` (the API user) when `PAYONE_USERID` is not set.
pub const DEFAULT_USERID: &str = "sandboxapi";
/// DirectLink `PSWD` when `PAYONE_PSWD` is not set. Public on purpose: it only opens the
/// sandbox.
pub const DEFAULT_PSWD: &str = "sandbox-password";
/// DirectLink SHA-IN passphrase when `PAYONE_SHA_IN` is not set.
pub const DEFAULT_SHA_IN: &str = "sandbox-sha-in-passphrase!";
/// DirectLink SHA-OUT passphrase when `PAYONE_SHA_OUT` is not set.
pub const DEFAULT_SHA_OUT: &str = "sandbox-sha-out-passphrase!";
/// DirectLink SHA algorithm when `PAYONE_SHA_ALGO` is not set.
pub const DEFAULT_SHA_ALGO: ShaAlgorithm = ShaAlgorithm::Sha512;
/// v2 `merchantId` (the path's `/v2/{merchantId}/`) when `PAYONE_MERCHANT_ID` is not set.
pub const DEFAULT_MERCHANT_ID: &str = "sandboxmerchant";
/// v2 API key (in `Authorization: GCS v1HMAC:<apiKey>:...`) when `PAYONE_API_KEY` is not set.
pub const DEFAULT_API_KEY: &str = "sandbox-api-key";
/// v2 API secret when `PAYONE_API_SECRET` is not set. Public on purpose: it only opens the
/// sandbox.
pub const DEFAULT_API_SECRET: &str = "sandbox-api-secret";
/// v2 webhook key id (`X-GCS-KeyId`) when `PAYONE_WEBHOOK_KEY_ID` is not set.
pub const DEFAULT_WEBHOOK_KEY_ID: &str = "sandbox-webhook-key";
/// v2 webhook secret when `PAYONE_WEBHOOK_SECRET` is not set.
pub const DEFAULT_WEBHOOK_SECRET: &str = "sandbox-webhook-secret";

/// How a sandbox is started.
///
/// `Debug` never shows the portal key ([`PortalKey`] prints `<redacted>`), the v2 secrets nor
/// a password in `notify_url` or `webhook_url`.
#[derive(Clone)]
pub struct Config {
    /// Address to bind; `127.0.0.1:0` (loopback, a free port) by default.
    pub listen: SocketAddr,
    /// The merchant account every request must name.
    pub accounts: Accounts,
    /// Where TransactionStatus notifications are POSTed; none are sent when `None`.
    pub notify_url: Option<String>,
    /// Where v2 webhooks (`WebhooksEvent` JSON) are POSTed; none are sent when `None`.
    pub webhook_url: Option<String>,
    /// Pause between two attempts to deliver a notification or a v2 webhook (default 2 s; the
    /// real platform waits hours, which no test wants).
    pub notify_retry: Duration,
    /// Attempts per notification or v2 webhook before the sandbox gives up (default 20, at
    /// least 1 is made): delivery stops by itself even when the receiver never accepts.
    pub notify_max_attempts: u32,
    /// Faults in force from the start; see [`Faults`].
    pub faults: Faults,
    /// How many records of each kind the sandbox keeps (default
    /// [`DEFAULT_MAX_TRANSACTIONS`], at least 1 is kept): Server API transactions, Frontend
    /// checkouts, DirectLink orders, v2 payments, and the notification and webhook logs each
    /// hold at most this many. When one is full the oldest record is forgotten first, so a
    /// sandbox under load keeps a steady size; a request naming a forgotten payment gets the
    /// answer an unknown one gets.
    pub max_transactions: usize,
}

/// [`Config::max_transactions`] by default: a long test run's worth of payments in a few
/// hundred MiB at most.
pub const DEFAULT_MAX_TRANSACTIONS: usize = 100_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            accounts: Accounts::default(),
            notify_url: None,
            webhook_url: None,
            notify_retry: Duration::from_secs(2),
            notify_max_attempts: 20,
            faults: Faults::default(),
            max_transactions: DEFAULT_MAX_TRANSACTIONS,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("accounts", &self.accounts)
            .field(
                "notify_url",
                &self.notify_url.as_deref().map(redact_password),
            )
            .field(
                "webhook_url",
                &self.webhook_url.as_deref().map(redact_password),
            )
            .field("notify_retry", &self.notify_retry)
            .field("notify_max_attempts", &self.notify_max_attempts)
            .field("faults", &self.faults)
            .field("max_transactions", &self.max_transactions)
            .finish()
    }
}

/// `url` with the password of its user info replaced (`https://user:REDACTED@host/`).
fn redact_password(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("REDACTED"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        // Not a URL (start will refuse it): nothing can be told apart, so nothing is shown.
        Err(_) => "<not a URL>".to_owned(),
    }
}

impl Config {
    /// This configuration with v2 webhooks POSTed to `url` (see [`Config::webhook_url`]).
    pub fn with_webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// The default configuration with the account read from `PAYONE_MID`, `PAYONE_PORTALID`,
    /// `PAYONE_AID` and `PAYONE_KEY` (the variables `payone-client` reads too); unset variables
    /// take the defaults [`DEFAULT_MID`], [`DEFAULT_PORTALID`], [`DEFAULT_AID`], [`DEFAULT_KEY`].
    /// The DirectLink account comes from `PAYONE_PSPID`, `PAYONE_USERID`, `PAYONE_PSWD`,
    /// `PAYONE_SHA_IN`, `PAYONE_SHA_OUT` and `PAYONE_SHA_ALGO` (`sha1`, `sha256` or `sha512`),
    /// with the defaults of [`DirectLinkAccount::default`]. The v2 account comes from
    /// `PAYONE_MERCHANT_ID`, `PAYONE_API_KEY`, `PAYONE_API_SECRET`, `PAYONE_WEBHOOK_KEY_ID` and
    /// `PAYONE_WEBHOOK_SECRET`, with the defaults of [`V2Account::default`].
    ///
    /// A number that breaks the Server API table's format (`mid` NUMERIC(5..6), `portalid`
    /// NUMERIC(7), `aid` NUMERIC(5..6)) is refused here, because every request naming it
    /// would be refused later; so are empty DirectLink and v2 values, an unknown SHA algorithm,
    /// a merchant id that cannot be one path segment and an API key that cannot be written in
    /// the `Authorization` header.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var_os(name))
    }

    /// [`Config::from_env`] over any source of variables, so that it can be tested without
    /// changing the process environment.
    fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Config, ConfigError> {
        let text = |var: &'static str| -> Result<Option<String>, ConfigError> {
            lookup(var)
                .map(|v| {
                    v.into_string().map_err(|_| ConfigError::Invalid {
                        var,
                        reason: "not valid Unicode".to_owned(),
                    })
                })
                .transpose()
        };
        let number = |var: &'static str, param: &str, default: u32| -> Result<u32, ConfigError> {
            let Some(value) = text(var)? else {
                return Ok(default);
            };
            let invalid = |reason: String| ConfigError::Invalid { var, reason };
            let n = value
                .parse::<u32>()
                .map_err(|_| invalid("must be a decimal number".to_owned()))?;
            if let Some(row) = crate::tables::account_row(param) {
                (row.check)(&value).map_err(|rule| invalid(rule.to_string()))?;
            }
            Ok(n)
        };
        let key = match text("PAYONE_KEY")? {
            Some(key) if key.is_empty() => {
                return Err(ConfigError::Invalid {
                    var: "PAYONE_KEY",
                    reason: "must not be empty".to_owned(),
                });
            }
            Some(key) => PortalKey::new(key),
            None => PortalKey::new(DEFAULT_KEY),
        };
        let non_empty = |var: &'static str, default: &str| -> Result<String, ConfigError> {
            match text(var)? {
                Some(value) if value.is_empty() => Err(ConfigError::Invalid {
                    var,
                    reason: "must not be empty".to_owned(),
                }),
                Some(value) => Ok(value),
                None => Ok(default.to_owned()),
            }
        };
        let sha_algorithm = match text("PAYONE_SHA_ALGO")? {
            None => DEFAULT_SHA_ALGO,
            Some(value) => value.parse().map_err(|_| ConfigError::Invalid {
                var: "PAYONE_SHA_ALGO",
                reason: "must be sha1, sha256 or sha512".to_owned(),
            })?,
        };
        let directlink = DirectLinkAccount {
            pspid: non_empty("PAYONE_PSPID", DEFAULT_PSPID)?,
            userid: non_empty("PAYONE_USERID", DEFAULT_USERID)?,
            pswd: DirectLinkPassword::new(non_empty("PAYONE_PSWD", DEFAULT_PSWD)?),
            sha_in: ShaPassphrase::new(non_empty("PAYONE_SHA_IN", DEFAULT_SHA_IN)?),
            sha_out: ShaPassphrase::new(non_empty("PAYONE_SHA_OUT", DEFAULT_SHA_OUT)?),
            sha_algorithm,
        };
        let merchant_id = non_empty("PAYONE_MERCHANT_ID", DEFAULT_MERCHANT_ID)?;
        if !merchant_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
        {
            return Err(ConfigError::Invalid {
                var: "PAYONE_MERCHANT_ID",
                reason: "must consist of letters, digits, `-`, `.`, `_` and `~` (one path segment)"
                    .to_owned(),
            });
        }
        let api_key = non_empty("PAYONE_API_KEY", DEFAULT_API_KEY)?;
        if GcsSigner::new(api_key.as_str(), SecretString::from("")).is_err() {
            return Err(ConfigError::Invalid {
                var: "PAYONE_API_KEY",
                reason: "must not contain `:`, whitespace or control characters".to_owned(),
            });
        }
        let v2 = V2Account {
            merchant_id,
            api_key,
            api_secret: SecretString::from(non_empty("PAYONE_API_SECRET", DEFAULT_API_SECRET)?),
            webhook_key_id: non_empty("PAYONE_WEBHOOK_KEY_ID", DEFAULT_WEBHOOK_KEY_ID)?,
            webhook_secret: SecretString::from(non_empty(
                "PAYONE_WEBHOOK_SECRET",
                DEFAULT_WEBHOOK_SECRET,
            )?),
        };
        Ok(Config {
            accounts: Accounts {
                mid: number("PAYONE_MID", "mid", DEFAULT_MID)?,
                portalid: number("PAYONE_PORTALID", "portalid", DEFAULT_PORTALID)?,
                aid: number("PAYONE_AID", "aid", DEFAULT_AID)?,
                key,
                directlink,
                v2,
            },
            ..Config::default()
        })
    }
}

/// The merchant account the sandbox accepts.
///
/// `Debug` never shows the key, the DirectLink password or the SHA passphrases.
#[derive(Clone, Debug)]
pub struct Accounts {
    /// Merchant ID.
    pub mid: u32,
    /// Portal ID.
    pub portalid: u32,
    /// Sub-account ID.
    pub aid: u32,
    /// The portal key: the Server API `key` is its digest, Frontend and Client API hashes are
    /// keyed with it, notifications carry its md5.
    pub key: PortalKey,
    /// The DirectLink account (`/ncol/test/*.asp`).
    pub directlink: DirectLinkAccount,
    /// The v2 account (`/v2/{merchantId}/payments...`).
    pub v2: V2Account,
}

impl Default for Accounts {
    fn default() -> Self {
        Accounts {
            mid: DEFAULT_MID,
            portalid: DEFAULT_PORTALID,
            aid: DEFAULT_AID,
            key: PortalKey::new(DEFAULT_KEY),
            directlink: DirectLinkAccount::default(),
            v2: V2Account::default(),
        }
    }
}

/// The v2 account the sandbox accepts: the merchant of `/v2/{merchantId}/`, the API key and
/// secret every request is signed with (`GCS v1HMAC`), and the key id and secret the sandbox
/// signs its webhooks with.
///
/// `Debug` never shows the secrets.
#[derive(Clone, Debug)]
pub struct V2Account {
    /// `merchantId`: the only merchant the paths may name.
    pub merchant_id: String,
    /// The API key id requests must name (not secret).
    pub api_key: String,
    /// The API secret requests are signed with.
    pub api_secret: SecretString,
    /// The key id sent as `X-GCS-KeyId` with every webhook (not secret).
    pub webhook_key_id: String,
    /// The secret of `X-GCS-Signature`.
    pub webhook_secret: SecretString,
}

impl Default for V2Account {
    /// [`DEFAULT_MERCHANT_ID`], [`DEFAULT_API_KEY`], [`DEFAULT_API_SECRET`],
    /// [`DEFAULT_WEBHOOK_KEY_ID`], [`DEFAULT_WEBHOOK_SECRET`].
    fn default() -> Self {
        V2Account {
            merchant_id: DEFAULT_MERCHANT_ID.to_owned(),
            api_key: DEFAULT_API_KEY.to_owned(),
            api_secret: SecretString::from(DEFAULT_API_SECRET),
            webhook_key_id: DEFAULT_WEBHOOK_KEY_ID.to_owned(),
            webhook_secret: SecretString::from(DEFAULT_WEBHOOK_SECRET),
        }
    }
}

/// The DirectLink account the sandbox accepts (DirectLink guide, sections 2.1, 2.3.2): the PSPID,
/// the API user and its password, and the SHA-IN / SHA-OUT passphrases with their algorithm.
///
/// `Debug` never shows the password or the passphrases.
#[derive(Clone, Debug)]
pub struct DirectLinkAccount {
    /// `PSPID`: the merchant account (compared exactly, case-sensitively).
    pub pspid: String,
    /// `USERID`: the API user (compared exactly).
    pub userid: String,
    /// `PSWD`: the API user's password (compared in constant time).
    pub pswd: DirectLinkPassword,
    /// The SHA-IN passphrase: every order and maintenance request must carry `SHASIGN`
    /// computed with it.
    pub sha_in: ShaPassphrase,
    /// The SHA-OUT passphrase: signs the parameters of the redirect to `ACCEPTURL` /
    /// `DECLINEURL` after 3-D Secure.
    pub sha_out: ShaPassphrase,
    /// The hash function of both signatures.
    pub sha_algorithm: ShaAlgorithm,
}

impl Default for DirectLinkAccount {
    /// [`DEFAULT_PSPID`], [`DEFAULT_USERID`], [`DEFAULT_PSWD`], [`DEFAULT_SHA_IN`],
    /// [`DEFAULT_SHA_OUT`], [`DEFAULT_SHA_ALGO`].
    fn default() -> Self {
        DirectLinkAccount {
            pspid: DEFAULT_PSPID.to_owned(),
            userid: DEFAULT_USERID.to_owned(),
            pswd: DirectLinkPassword::new(DEFAULT_PSWD),
            sha_in: ShaPassphrase::new(DEFAULT_SHA_IN),
            sha_out: ShaPassphrase::new(DEFAULT_SHA_OUT),
            sha_algorithm: DEFAULT_SHA_ALGO,
        }
    }
}

/// The DirectLink API user's password (`PSWD`): a secret that `Debug` prints as `<redacted>`.
#[derive(Clone)]
pub struct DirectLinkPassword(SecretString);

impl DirectLinkPassword {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        DirectLinkPassword(SecretString::from(password.into()))
    }

    /// Whether `candidate` is the password, compared in constant time (for equal lengths; the
    /// length itself may show).
    pub(crate) fn matches(&self, candidate: &str) -> bool {
        use subtle::ConstantTimeEq;
        bool::from(
            self.0
                .expose_secret()
                .as_bytes()
                .ct_eq(candidate.as_bytes()),
        )
    }
}

impl fmt::Debug for DirectLinkPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DirectLinkPassword(<redacted>)")
    }
}

/// Faults injected into `/post-gateway/`, `/client-api/` and the v2 operations
/// `/v2/{merchantId}/payments...` (never into the pages or the `/sandbox/` endpoints), so that a client's behaviour under faults can be tested, and the
/// DirectLink slow mode.
///
/// Per request, in this order: wait `latency`; then, while `drop_next` is above zero, close the
/// connection without any answer and count it down; else, while the count of `status_next` is
/// above zero, answer its HTTP status with an empty body and count it down.
///
/// `directlink_order_delay` applies to `orderdirect.asp` only, and only after the order has
/// been executed and recorded: a client that gives up waiting finds it with `querydirect.asp`
/// (DirectLink guide, section 6.4). It is not counted down.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Delay before each request is handled (a timeout test sets it above the client's timeout).
    pub latency: Duration,
    /// Close the connection without an answer for the next N requests.
    pub drop_next: u32,
    /// Answer `(status, N)`: HTTP `status` with an empty body for the next N requests. A status
    /// outside 100..=999 is answered as 500.
    pub status_next: Option<(u16, u32)>,
    /// Delay of every `orderdirect.asp` answer, after the order is recorded (zero: none).
    pub directlink_order_delay: Duration,
}

/// A configuration that cannot be used. Never contains the value of the variable, which may be
/// a secret.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An environment variable holds an unusable value.
    #[error("environment variable {var}: {reason}")]
    Invalid {
        /// The variable.
        var: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |name| vars.get(name).cloned()
    }

    #[test]
    fn defaults_when_nothing_is_set() {
        let config = Config::from_lookup(lookup(&[])).unwrap();
        assert_eq!(config.accounts.mid, DEFAULT_MID);
        assert_eq!(config.accounts.portalid, DEFAULT_PORTALID);
        assert_eq!(config.accounts.aid, DEFAULT_AID);
        assert_eq!(config.listen.to_string(), "127.0.0.1:0");
        assert_eq!(config.notify_max_attempts, 20);
    }

    #[test]
    fn variables_are_read_and_checked_against_the_table() {
        let config = Config::from_lookup(lookup(&[
            ("PAYONE_MID", "23456"),
            ("PAYONE_PORTALID", "1234567"),
            ("PAYONE_AID", "12345"),
            ("PAYONE_KEY", "top secret"),
        ]))
        .unwrap();
        assert_eq!(
            (config.accounts.mid, config.accounts.portalid),
            (23456, 1234567)
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_PORTALID", "12345123")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_PORTALID: must have 1 to 7 digits"
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_MID", "abc")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_MID: must be a decimal number"
        );
    }

    #[test]
    fn directlink_account_from_the_environment() {
        let config = Config::from_lookup(lookup(&[])).unwrap();
        let dl = &config.accounts.directlink;
        assert_eq!(
            (dl.pspid.as_str(), dl.userid.as_str()),
            ("sandboxpspid", "sandboxapi")
        );
        assert!(dl.pswd.matches(DEFAULT_PSWD) && !dl.pswd.matches("sandbox-passwort"));
        assert_eq!(dl.sha_algorithm, ShaAlgorithm::Sha512);

        let config = Config::from_lookup(lookup(&[
            ("PAYONE_PSPID", "MyPSPID"),
            ("PAYONE_USERID", "api-user"),
            ("PAYONE_PSWD", "pw-s3cret"),
            ("PAYONE_SHA_IN", "in-s3cret"),
            ("PAYONE_SHA_OUT", "out-s3cret"),
            ("PAYONE_SHA_ALGO", "SHA-256"),
        ]))
        .unwrap();
        let dl = &config.accounts.directlink;
        assert_eq!(
            (dl.pspid.as_str(), dl.userid.as_str()),
            ("MyPSPID", "api-user")
        );
        assert!(dl.pswd.matches("pw-s3cret"));
        assert_eq!(dl.sha_algorithm, ShaAlgorithm::Sha256);
        let debug = format!("{config:?}");
        for secret in ["pw-s3cret", "in-s3cret", "out-s3cret"] {
            assert!(!debug.contains(secret), "{debug}");
        }

        let err = Config::from_lookup(lookup(&[("PAYONE_SHA_ALGO", "md5")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_SHA_ALGO: must be sha1, sha256 or sha512"
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_PSWD", "")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_PSWD: must not be empty"
        );
    }

    #[test]
    fn v2_account_from_the_environment() {
        let config = Config::from_lookup(lookup(&[])).unwrap();
        let v2 = &config.accounts.v2;
        assert_eq!(
            (v2.merchant_id.as_str(), v2.api_key.as_str()),
            ("sandboxmerchant", "sandbox-api-key")
        );
        assert_eq!(v2.api_secret.expose_secret(), "sandbox-api-secret");
        assert_eq!(v2.webhook_key_id, "sandbox-webhook-key");
        assert_eq!(v2.webhook_secret.expose_secret(), "sandbox-webhook-secret");

        let config = Config::from_lookup(lookup(&[
            ("PAYONE_MERCHANT_ID", "m-1"),
            ("PAYONE_API_KEY", "key1"),
            ("PAYONE_API_SECRET", "api-s3cret"),
            ("PAYONE_WEBHOOK_KEY_ID", "wh1"),
            ("PAYONE_WEBHOOK_SECRET", "wh-s3cret"),
        ]))
        .unwrap()
        .with_webhook_url("http://shop:hunter2@127.0.0.1:1/hooks");
        assert_eq!(config.accounts.v2.merchant_id, "m-1");
        let debug = format!("{config:?}");
        for secret in ["api-s3cret", "wh-s3cret", "hunter2"] {
            assert!(!debug.contains(secret), "{debug}");
        }

        let err = Config::from_lookup(lookup(&[("PAYONE_MERCHANT_ID", "a/b")])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("environment variable PAYONE_MERCHANT_ID: ")
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_API_KEY", "a:b")])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("environment variable PAYONE_API_KEY: ")
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_WEBHOOK_SECRET", "")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_WEBHOOK_SECRET: must not be empty"
        );
    }

    #[test]
    fn the_key_never_prints() {
        let config = Config::from_lookup(lookup(&[("PAYONE_KEY", "top secret")])).unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("top secret"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        let with_password = Config {
            notify_url: Some("https://shop:hunter2@shop.example/notify".into()),
            ..config
        };
        let debug = format!("{with_password:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(
            debug.contains("https://shop:REDACTED@shop.example/notify"),
            "{debug}"
        );
        let err = Config::from_lookup(lookup(&[("PAYONE_KEY", "")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment variable PAYONE_KEY: must not be empty"
        );
    }
}
