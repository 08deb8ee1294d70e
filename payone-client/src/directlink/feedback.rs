//! The SHA-OUT signed feedback of the platform: the parameters a customer brings back on the
//! redirect to `ACCEPTURL`, `DECLINEURL`, `EXCEPTIONURL` or `CANCELURL` (its query string), and
//! those of a post-sale request (its form body).
//!
//! Anyone can call those URLs, so nothing here hands out a value before the `SHASIGN` was
//! checked with the SHA-OUT passphrase: [`FeedbackVerifier`] decodes, refuses names sent twice,
//! verifies the signature in constant time (with [`verify_sha_out`](super::verify_sha_out)) and
//! only then builds the typed [`Feedback`].
//!
//! The signature covers the decoded values hashed as UTF-8, as everywhere in this crate (see
//! [`sha_sign`](super::sha_sign)); an ISO-8859-1 body is decoded first, so `%DF` is `ß`.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt;

use payone_types::Charset;
use payone_types::charset::split_form;
use reqwest::Url;

use super::env::PAYONE_SHA_ALGO;
use super::ncerror::NcError;
use super::redact::{Masked, Redacted};
use super::sign::{SHASIGN, ShaAlgorithm, ShaList, ShaOutError, ShaPassphrase, verify_sha_out};
use super::status::Status;
use super::xml::{charset_of_content_type, is_latin1_name};
use crate::config::ConfigError;

/// The SHA-OUT passphrase (required by [`FeedbackVerifier::from_env`]; never printed).
pub const PAYONE_SHA_OUT: &str = "PAYONE_SHA_OUT";

/// The parameters [`Feedback`] reads itself (upper case); every other one is kept in
/// [`Feedback::others`].
const KNOWN: [&str; 17] = [
    "ORDERID",
    "PAYID",
    "PAYIDSUB",
    "STATUS",
    "NCERROR",
    "AMOUNT",
    "CURRENCY",
    "PM",
    "BRAND",
    "ACCEPTANCE",
    "CARDNO",
    "ED",
    "CN",
    "TRXDATE",
    "IP",
    "ECI",
    SHASIGN,
];

/// Checks SHA-OUT signed feedback with the account's SHA-OUT passphrase, algorithm and list.
///
/// ```
/// use payone_client::Url;
/// use payone_client::directlink::*;
///
/// let verifier = FeedbackVerifier::new(ShaPassphrase::new("sha-out passphrase"), ShaAlgorithm::Sha512);
///
/// // Where the platform sends the customer back (signed here to make the example complete).
/// let mut params = vec![
///     ("orderID", "4711".to_owned()),
///     ("STATUS", "5".to_owned()),
///     ("PAYID", "400000001".to_owned()),
///     ("CARDNO", "XXXXXXXXXXXX1111".to_owned()),
/// ];
/// let passphrase = ShaPassphrase::new("sha-out passphrase");
/// params.push(("SHASIGN", sha_sign(&params, &passphrase, ShaAlgorithm::Sha512, &ShaList::All)));
/// let mut accepturl = Url::parse("https://shop.example/accept").unwrap();
/// accepturl.query_pairs_mut().extend_pairs(&params);
///
/// let feedback = verifier.verify_url(&accepturl).expect("signed with the SHA-OUT passphrase");
/// assert_eq!(feedback.status(), Status::Authorised);
/// assert_eq!(feedback.orderid(), Some("4711"));
///
/// // A customer who edits the URL gets nothing.
/// let edited = accepturl.as_str().replace("STATUS=5", "STATUS=9");
/// let error = verifier.verify_url(&Url::parse(&edited).unwrap()).unwrap_err();
/// assert_eq!(error, FeedbackError::Mismatch);
/// ```
///
/// `Debug` does not show the passphrase.
#[derive(Clone, Debug)]
pub struct FeedbackVerifier {
    passphrase: ShaPassphrase,
    algorithm: ShaAlgorithm,
    list: ShaList,
}

impl FeedbackVerifier {
    /// A verifier for the SHA-OUT passphrase and algorithm set in the account, with the
    /// platform's published SHA-OUT list ([`ShaList::sha_out`]): only parameters on it take
    /// part in the signature, as on the platform. The parameters received that are not on it
    /// (a merchant's own `?session=...` in `ACCEPTURL`) are kept, but [`Feedback::unsigned`]
    /// names them, and no typed accessor of [`Feedback`] reads one.
    pub fn new(sha_out: ShaPassphrase, algorithm: ShaAlgorithm) -> Self {
        FeedbackVerifier {
            passphrase: sha_out,
            algorithm,
            list: ShaList::sha_out(),
        }
    }

    /// Another SHA-OUT list: narrower names, or [`ShaList::All`] to make any parameter the
    /// platform did not sign fail the check.
    pub fn with_sha_out_list(mut self, list: ShaList) -> Self {
        self.list = list;
        self
    }

    /// A verifier from `PAYONE_SHA_OUT` and `PAYONE_SHA_ALGO` (both required).
    pub fn from_env() -> Result<Self, ConfigError> {
        FeedbackVerifier::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`FeedbackVerifier::from_env`], with the variables looked up by `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, ConfigError> {
        const ALGO: &str = "sha1, sha256 or sha512";
        let required = |name: &'static str, expected: &'static str| {
            let value = lookup(name).ok_or(ConfigError::MissingVar(name))?;
            match value.into_string() {
                Ok(value) if !value.is_empty() => Ok(value),
                _ => Err(ConfigError::InvalidVar { name, expected }),
            }
        };
        let algorithm = required(PAYONE_SHA_ALGO, ALGO)?
            .parse::<ShaAlgorithm>()
            .map_err(|_| ConfigError::InvalidVar {
                name: PAYONE_SHA_ALGO,
                expected: ALGO,
            })?;
        let passphrase = required(PAYONE_SHA_OUT, "non-empty UTF-8 text")?;
        Ok(FeedbackVerifier::new(
            ShaPassphrase::new(passphrase),
            algorithm,
        ))
    }

    /// The SHA-OUT algorithm.
    pub fn algorithm(&self) -> ShaAlgorithm {
        self.algorithm
    }

    /// The SHA-OUT list.
    pub fn sha_out_list(&self) -> &ShaList {
        &self.list
    }

    /// Checks the query string of a redirect (with or without its leading `?`). Percent escapes
    /// are read as UTF-8, or as ISO-8859-1 when they are not UTF-8.
    pub fn verify_query(&self, query: &str) -> Result<Feedback, FeedbackError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        self.verify_raw(split_form(query.as_bytes()), Declared::Nothing)
    }

    /// Checks the query string of the URL the customer was sent back to.
    pub fn verify_url(&self, url: &Url) -> Result<Feedback, FeedbackError> {
        self.verify_query(url.query().unwrap_or_default())
    }

    /// Checks the `application/x-www-form-urlencoded` body of a post-sale request, in the
    /// charset its `Content-Type` names (UTF-8 or ISO-8859-1); without one, UTF-8 when the
    /// bytes are UTF-8, else ISO-8859-1.
    pub fn verify_form(
        &self,
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<Feedback, FeedbackError> {
        let declared = match content_type.and_then(charset_of_content_type) {
            None => Declared::Nothing,
            Some(name) if is_latin1_name(&name) => Declared::Charset(Charset::Latin1),
            Some(name) if matches!(name.to_ascii_lowercase().as_str(), "utf-8" | "utf8") => {
                Declared::Charset(Charset::Utf8)
            }
            Some(_) => return Err(Malformed::UnsupportedCharset.into()),
        };
        self.verify_raw(split_form(body), declared)
    }

    /// Checks already decoded `(name, value)` parameters, in the order received.
    pub fn verify_params<N, V>(&self, params: &[(N, V)]) -> Result<Feedback, FeedbackError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let params = params
            .iter()
            .map(|(n, v)| (n.as_ref().to_owned(), v.as_ref().to_owned()))
            .collect();
        self.verify_decoded(params)
    }

    fn verify_raw(
        &self,
        raw: Vec<(Vec<u8>, Vec<u8>)>,
        declared: Declared,
    ) -> Result<Feedback, FeedbackError> {
        let utf8 = raw
            .iter()
            .all(|(n, v)| std::str::from_utf8(n).is_ok() && std::str::from_utf8(v).is_ok());
        let charset = match declared {
            Declared::Charset(Charset::Utf8) if !utf8 => return Err(Malformed::Encoding.into()),
            Declared::Charset(charset) => charset,
            Declared::Nothing if utf8 => Charset::Utf8,
            Declared::Nothing => Charset::Latin1,
        };
        let text = |bytes: &[u8]| {
            charset
                .decode(bytes)
                .map(|text| text.into_owned())
                .ok_or(FeedbackError::Malformed(Malformed::Encoding))
        };
        let params = raw
            .iter()
            .map(|(n, v)| Ok((text(n)?, text(v)?)))
            .collect::<Result<Vec<_>, FeedbackError>>()?;
        self.verify_decoded(params)
    }

    fn verify_decoded(&self, params: Vec<(String, String)>) -> Result<Feedback, FeedbackError> {
        // Names sent twice are refused before the signature is looked at: the signature covers
        // both values, but a reader taking the first and one taking the last would disagree.
        let mut seen = HashSet::with_capacity(params.len());
        for (name, _) in &params {
            if name.trim().is_empty() {
                return Err(Malformed::EmptyName.into());
            }
            if !seen.insert(name.to_ascii_uppercase()) {
                return Err(FeedbackError::Duplicate {
                    name: printable_name(name),
                });
            }
        }
        verify_sha_out(&params, &self.passphrase, self.algorithm, &self.list).map_err(|error| {
            match error {
                ShaOutError::Missing => FeedbackError::MissingSignature,
                ShaOutError::Ambiguous => FeedbackError::Duplicate {
                    name: SHASIGN.to_owned(),
                },
                _ => FeedbackError::Mismatch,
            }
        })?;
        Feedback::from_verified(params, &self.list)
    }
}

/// What a body says about its charset.
enum Declared {
    Nothing,
    Charset(Charset),
}

/// A parameter name fit for an error message: received names are anyone's input, so only
/// short plain ones are repeated.
fn printable_name(name: &str) -> String {
    let plain = name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    if plain {
        name.to_ascii_uppercase()
    } else {
        "a parameter".to_owned()
    }
}

/// Why feedback was refused. No message contains a value, the passphrase or a digest.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedbackError {
    /// No `SHASIGN` parameter.
    #[error("the feedback carries no SHASIGN parameter, so it cannot be trusted")]
    MissingSignature,
    /// `SHASIGN` does not match the parameters with this SHA-OUT passphrase and algorithm.
    #[error("the feedback's SHASIGN does not match its parameters, so it cannot be trusted")]
    Mismatch,
    /// A parameter name (in any case) appears more than once; `SHASIGN` included.
    #[error("the feedback carries {name} more than once, so it cannot be read unambiguously")]
    Duplicate {
        /// The name upper-cased, or `a parameter` when it is not a short plain name.
        name: String,
    },
    /// The feedback cannot be read.
    #[error("the feedback cannot be read because {0}")]
    Malformed(#[from] Malformed),
}

/// How feedback is malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Malformed {
    /// A parameter without a name (`=value`).
    #[error("it has a parameter without a name")]
    EmptyName,
    /// The body is not valid in the charset it declares.
    #[error("it is not valid in the charset it declares")]
    Encoding,
    /// The body declares a charset other than UTF-8 or ISO-8859-1.
    #[error("it declares a charset other than UTF-8 or ISO-8859-1")]
    UnsupportedCharset,
    /// No `STATUS` (or an empty one); checked after the signature.
    #[error("it has no STATUS")]
    MissingStatus,
    /// `STATUS`, `NCERROR` or another numeric parameter that is not a number.
    #[error("its {0} is not a number")]
    NotANumber(&'static str),
}

/// Feedback whose `SHASIGN` was verified: the well-known parameters typed, every other one kept
/// in the order received.
///
/// Names are matched in any case (`orderID`, `ORDERID`, `orderid`); an empty value reads as
/// absent. `Debug` shows `CARDNO` only as the platform masks it (a value without a masking
/// character is redacted), never `CN`, `ED` or `IP`, and only the names of the other
/// parameters.
#[derive(Clone, PartialEq, Eq)]
pub struct Feedback {
    orderid: Option<String>,
    payid: Option<String>,
    payidsub: Option<String>,
    status: Status,
    ncerror: Option<NcError>,
    amount: Option<String>,
    currency: Option<String>,
    pm: Option<String>,
    brand: Option<String>,
    acceptance: Option<String>,
    cardno: Option<String>,
    ed: Option<String>,
    cn: Option<String>,
    trxdate: Option<String>,
    ip: Option<String>,
    eci: Option<String>,
    /// Every parameter but `SHASIGN`, as received.
    params: Vec<(String, String)>,
    /// The names of the non-empty parameters the SHA-OUT list leaves out, as received.
    unsigned: Vec<String>,
}

impl Feedback {
    fn from_verified(
        mut params: Vec<(String, String)>,
        list: &ShaList,
    ) -> Result<Feedback, FeedbackError> {
        params.retain(|(n, _)| !n.eq_ignore_ascii_case(SHASIGN));
        let unsigned = params
            .iter()
            .filter(|(n, v)| !v.is_empty() && !list.contains(n))
            .map(|(n, _)| n.clone())
            .collect();
        let text = |name: &str| {
            params
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let number = |name: &'static str| -> Result<Option<u32>, Malformed> {
            text(name)
                .map(|v| v.parse::<u32>().map_err(|_| Malformed::NotANumber(name)))
                .transpose()
        };
        let status = number("STATUS")?
            .map(Status::from_code)
            .ok_or(Malformed::MissingStatus)?;
        let ncerror = number("NCERROR")?.and_then(NcError::from_code);
        Ok(Feedback {
            orderid: text("ORDERID"),
            payid: text("PAYID"),
            payidsub: text("PAYIDSUB"),
            status,
            ncerror,
            amount: text("AMOUNT"),
            currency: text("CURRENCY"),
            pm: text("PM"),
            brand: text("BRAND"),
            acceptance: text("ACCEPTANCE"),
            cardno: text("CARDNO"),
            ed: text("ED"),
            cn: text("CN"),
            trxdate: text("TRXDATE"),
            ip: text("IP"),
            eci: text("ECI"),
            params,
            unsigned,
        })
    }

    /// `ORDERID`: the merchant's order reference.
    pub fn orderid(&self) -> Option<&str> {
        self.orderid.as_deref()
    }

    /// `PAYID`: the payment's reference in the platform.
    pub fn payid(&self) -> Option<&str> {
        self.payid.as_deref()
    }

    /// `PAYIDSUB`: the history level.
    pub fn payidsub(&self) -> Option<&str> {
        self.payidsub.as_deref()
    }

    /// `STATUS` (always present: feedback without one is refused).
    pub fn status(&self) -> Status {
        self.status
    }

    /// `NCERROR`, or `None` when it is absent, empty or `0`.
    pub fn ncerror(&self) -> Option<NcError> {
        self.ncerror
    }

    /// `AMOUNT`, as the platform writes it (in major units, unlike the request).
    pub fn amount(&self) -> Option<&str> {
        self.amount.as_deref()
    }

    /// `CURRENCY`.
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// `PM`: the payment method.
    pub fn pm(&self) -> Option<&str> {
        self.pm.as_deref()
    }

    /// `BRAND`: the card brand or a similar detail of other methods.
    pub fn brand(&self) -> Option<&str> {
        self.brand.as_deref()
    }

    /// `ACCEPTANCE`: the acquirer's acceptance code.
    pub fn acceptance(&self) -> Option<&str> {
        self.acceptance.as_deref()
    }

    /// `CARDNO`, masked as the platform sends it (`XXXXXXXXXXXX1111`).
    pub fn cardno(&self) -> Option<&str> {
        self.cardno.as_deref()
    }

    /// `ED`: the card's expiry date (`MMYY`).
    pub fn ed(&self) -> Option<&str> {
        self.ed.as_deref()
    }

    /// `CN`: the card holder's name (personal data).
    pub fn cn(&self) -> Option<&str> {
        self.cn.as_deref()
    }

    /// `TRXDATE`: the transaction date as the platform writes it.
    pub fn trxdate(&self) -> Option<&str> {
        self.trxdate.as_deref()
    }

    /// `IP`: the customer's IP address (personal data).
    pub fn ip(&self) -> Option<&str> {
        self.ip.as_deref()
    }

    /// `ECI`: the electronic commerce indicator.
    pub fn eci(&self) -> Option<&str> {
        self.eci.as_deref()
    }

    /// The value of any parameter (first match, any case; `None` when absent, not when empty).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every parameter except `SHASIGN`, as received and in order.
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.params.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The parameters this type does not read itself, as received and in order (signed or
    /// not: see [`unsigned`](Self::unsigned)).
    pub fn others(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params().filter(|(n, _)| !is_known(n))
    }

    /// The names (as received) of the non-empty parameters that the signature did not cover
    /// because they are not on the SHA-OUT list: anyone could have added or changed them.
    /// The typed accessors only read parameters of the published SHA-OUT list.
    pub fn unsigned(&self) -> impl ExactSizeIterator<Item = &str> {
        self.unsigned.iter().map(String::as_str)
    }
}

fn is_known(name: &str) -> bool {
    KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name))
}

impl fmt::Debug for Feedback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others: Vec<&str> = self.others().map(|(n, _)| n).collect();
        f.debug_struct("Feedback")
            .field("orderid", &self.orderid)
            .field("payid", &self.payid)
            .field("payidsub", &self.payidsub)
            .field("status", &self.status)
            .field("ncerror", &self.ncerror)
            .field("amount", &self.amount)
            .field("currency", &self.currency)
            .field("pm", &self.pm)
            .field("brand", &self.brand)
            .field("acceptance", &self.acceptance)
            .field("cardno", &Masked(self.cardno.as_deref()))
            .field("ed", &Redacted(self.ed.is_some()))
            .field("cn", &Redacted(self.cn.is_some()))
            .field("trxdate", &self.trxdate)
            .field("ip", &Redacted(self.ip.is_some()))
            .field("eci", &self.eci)
            .field("others", &others)
            .field("unsigned", &self.unsigned)
            .finish()
    }
}
