//! DirectLink SHA-IN and SHA-OUT signatures over ordered `(name, value)` lists (DirectLink
//! integration guide, section 2.3.2).
//!
//! Pure functions with no transport, shared by the client (`payone_client::directlink`
//! re-exports them) and the sandbox (which checks the `SHASIGN` of every request).
//!
//! The signed string is built from the parameters on the list: names upper-cased, values as
//! sent (not URL-encoded), empty values left out, sorted alphabetically by name in plain byte
//! order (so `ITEMID10` comes before `ITEMID2`), each written `NAME=value` followed by the
//! passphrase, all concatenated. Its SHA-1, SHA-256 or SHA-512 digest in uppercase hex is the `SHASIGN`.
//!
//! Which parameters take part, and why every parameter sent is the default, is documented on
//! [`ShaList`].

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use secrecy::{ExposeSecret, SecretString};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

/// The name of the signature parameter; it never signs itself.
pub const SHASIGN: &str = "SHASIGN";

/// The hash function of the SHA-IN / SHA-OUT signature, as configured in the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShaAlgorithm {
    /// SHA-1 (40 hex digits).
    Sha1,
    /// SHA-256 (64 hex digits).
    Sha256,
    /// SHA-512 (128 hex digits).
    Sha512,
}

impl ShaAlgorithm {
    /// The length of a signature in hex digits.
    pub const fn hex_len(self) -> usize {
        match self {
            ShaAlgorithm::Sha1 => 40,
            ShaAlgorithm::Sha256 => 64,
            ShaAlgorithm::Sha512 => 128,
        }
    }

    /// `sha1`, `sha256` or `sha512`, as the CLI and `PAYONE_SHA_ALGO` spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ShaAlgorithm::Sha1 => "sha1",
            ShaAlgorithm::Sha256 => "sha256",
            ShaAlgorithm::Sha512 => "sha512",
        }
    }
}

impl fmt::Display for ShaAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A SHA algorithm name other than `sha1`, `sha256` or `sha512`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the SHA algorithm must be sha1, sha256 or sha512")]
pub struct UnknownShaAlgorithm;

impl FromStr for ShaAlgorithm {
    type Err = UnknownShaAlgorithm;

    /// Reads `sha1`, `sha256`, `sha512`, in any case and with or without a hyphen (`SHA-256`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name: String = s
            .trim()
            .chars()
            .filter(|&c| c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "sha1" => Ok(ShaAlgorithm::Sha1),
            "sha256" => Ok(ShaAlgorithm::Sha256),
            "sha512" => Ok(ShaAlgorithm::Sha512),
            _ => Err(UnknownShaAlgorithm),
        }
    }
}

/// A SHA-IN or SHA-OUT passphrase: a secret that is never printed.
#[derive(Clone)]
pub struct ShaPassphrase(SecretString);

impl ShaPassphrase {
    /// Wraps a passphrase.
    pub fn new(passphrase: impl Into<String>) -> Self {
        ShaPassphrase(SecretString::from(passphrase.into()))
    }

    fn bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }
}

impl fmt::Debug for ShaPassphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ShaPassphrase(<redacted>)")
    }
}

/// Which parameters a signature covers: the account's SHA-IN or SHA-OUT list.
///
/// The platform signs only the parameters on its SHA-IN (resp. SHA-OUT) list, which is not
/// printed in the DirectLink guide. What the guide does say is that a parameter sent to
/// `orderdirect.asp` belongs in the SHA-IN: CREDITDEBIT is sent "and therefore also included in the
/// SHA-IN calculation" (section 3.6), and the direct-debit fields "must be included in the SHA-IN
/// calculation" (section 8.1). So the default is [`ShaList::All`]: every parameter that is sent,
/// except `SHASIGN` itself (PSPID, USERID and PSWD included, as the client sends them).
///
/// For SHA-OUT the same default fails closed: a feedback parameter the platform does not sign
/// (one the merchant added to the URL, say) makes the check fail rather than pass. Accounts
/// whose list is narrower pass it with [`ShaList::names`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ShaList {
    /// Every parameter except `SHASIGN`.
    #[default]
    All,
    /// Only these parameters (names compared case-insensitively; `SHASIGN` never takes part).
    Names(BTreeSet<String>),
}

/// The platform's published SHA-OUT parameter list: the feedback parameters its `SHASIGN`
/// covers (those it sends back on the redirect URLs and in post-sale requests).
///
/// The DirectLink guide prints no list; this is the list the platform publishes as "SHA-OUT
/// parameter list" (`https://shared.ecom-psp.com/v2/docs/guides/e-Commerce/SHA-OUT_params.txt`,
/// also linked from the DirectLink and e-Commerce integration guides), upper case, sorted. A
/// parameter that is not on it (the merchant's own parameters on `ACCEPTURL`, `PSPID`,
/// `LANGUAGE`, ...) is not signed by the platform.
pub const SHA_OUT_PARAMETERS: [&str; 63] = [
    "AAVADDRESS",
    "AAVCHECK",
    "AAVMAIL",
    "AAVNAME",
    "AAVPHONE",
    "AAVZIP",
    "ACCEPTANCE",
    "ALIAS",
    "AMOUNT",
    "BIC",
    "BIN",
    "BRAND",
    "CARDNO",
    "CCCTY",
    "CN",
    "COLLECTOR_BIC",
    "COLLECTOR_IBAN",
    "COMPLUS",
    "CREATION_STATUS",
    "CREDITDEBIT",
    "CURRENCY",
    "CVCCHECK",
    "DCC_COMMPERCENTAGE",
    "DCC_CONVAMOUNT",
    "DCC_CONVCCY",
    "DCC_EXCHRATE",
    "DCC_EXCHRATESOURCE",
    "DCC_EXCHRATETS",
    "DCC_INDICATOR",
    "DCC_MARGINPERCENTAGE",
    "DCC_VALIDHOURS",
    "DEVICEID",
    "DIGESTCARDNO",
    "ECI",
    "ED",
    "EMAIL",
    "ENCCARDNO",
    "FXAMOUNT",
    "FXCURRENCY",
    "IP",
    "IPCTY",
    "MANDATEID",
    "MOBILEMODE",
    "NBREMAILUSAGE",
    "NBRIPUSAGE",
    "NBRIPUSAGE_ALLTX",
    "NBRUSAGE",
    "NCERROR",
    "ORDERID",
    "PAYID",
    "PAYIDSUB",
    "PAYMENT_REFERENCE",
    "PM",
    "SCORING",
    "SCO_CATEGORY",
    "SEQUENCETYPE",
    "SIGNDATE",
    "STATUS",
    "SUBBRAND",
    "SUBSCRIPTION_ID",
    "TICKET",
    "TRXDATE",
    "VC",
];

impl ShaList {
    /// The SHA-IN list: [`ShaList::All`], every parameter sent except `SHASIGN` (see the type's
    /// documentation for why: the DirectLink guide says the parameters sent to `orderdirect.asp`
    /// belong in the SHA-IN calculation and prints no narrower list).
    pub fn sha_in() -> ShaList {
        ShaList::All
    }

    /// The SHA-OUT list: the platform's published [`SHA_OUT_PARAMETERS`]. Feedback parameters
    /// that are not on it (the merchant's own, `PSPID`, `LANGUAGE`) do not take part.
    pub fn sha_out() -> ShaList {
        ShaList::names(SHA_OUT_PARAMETERS)
    }

    /// A list of these names, stored upper-cased.
    pub fn names<I, S>(names: I) -> ShaList
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ShaList::Names(
            names
                .into_iter()
                .map(|n| n.as_ref().to_ascii_uppercase())
                .collect(),
        )
    }

    /// Whether the parameter `name` (any case) takes part in the signature.
    pub fn contains(&self, name: &str) -> bool {
        if name.eq_ignore_ascii_case(SHASIGN) {
            return false;
        }
        match self {
            ShaList::All => true,
            ShaList::Names(names) => {
                names.contains(name) || names.iter().any(|n| n.eq_ignore_ascii_case(name))
            }
        }
    }
}

/// The signed entries: `(NAME, value)` in signing order.
fn signed_entries<'a, N, V>(params: &'a [(N, V)], list: &ShaList) -> Vec<(String, &'a str)>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let mut entries: Vec<(String, &str)> = params
        .iter()
        .filter(|(name, value)| !value.as_ref().is_empty() && list.contains(name.as_ref()))
        .map(|(name, value)| (name.as_ref().to_ascii_uppercase(), value.as_ref()))
        .collect();
    // The DirectLink guides arrange the parameters "alphabetically", which the established
    // integrations read as the byte order of the upper-cased names: `ITEMID10` sorts before
    // `ITEMID2`. The natural order (`ITEMID2` first) is the documented Frontend / Client API
    // `hash` rule and does not apply here. Stable: a name sent twice keeps the order in which it was sent.
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    entries
}

/// The upper-cased names that [`sha_sign`] covers, in the order it signs them (for an
/// `--explain` output; the values and the passphrase are left out).
pub fn signed_names<N, V>(params: &[(N, V)], list: &ShaList) -> Vec<String>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    signed_entries(params, list)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The SHA-IN (or SHA-OUT) signature of `params`: uppercase hex, the value of `SHASIGN`.
///
/// The signed string is built from the parameters on `list`: names upper-cased, values as sent
/// (not URL-encoded, not trimmed), empty values left out, sorted alphabetically by name in
/// plain byte order (`ITEMID10` before `ITEMID2`, unlike the natural order of the Frontend /
/// Client API `hash`; a name sent twice keeps its order), each written `NAME=value`
/// followed by the passphrase, all concatenated and hashed as UTF-8.
///
/// ```
/// use payone_types::directlink::*;
///
/// let params = [("PSPID", "MyPSPID"), ("orderID", "1234"), ("AMOUNT", "1500"), ("COM", "")];
/// let passphrase = ShaPassphrase::new("Mysecretsig1875!?");
/// let shasign = sha_sign(&params, &passphrase, ShaAlgorithm::Sha256, &ShaList::All);
/// assert_eq!(shasign.len(), 64);
/// assert_eq!(signed_names(&params, &ShaList::All), ["AMOUNT", "ORDERID", "PSPID"]);
/// ```
///
/// The passphrase is fed to the hash piece by piece and never copied into a string.
pub fn sha_sign<N, V>(
    params: &[(N, V)],
    passphrase: &ShaPassphrase,
    algorithm: ShaAlgorithm,
    list: &ShaList,
) -> String
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let entries = signed_entries(params, list);
    match algorithm {
        ShaAlgorithm::Sha1 => digest_hex::<Sha1>(&entries, passphrase),
        ShaAlgorithm::Sha256 => digest_hex::<Sha256>(&entries, passphrase),
        ShaAlgorithm::Sha512 => digest_hex::<Sha512>(&entries, passphrase),
    }
}

fn digest_hex<D: Digest>(entries: &[(String, &str)], passphrase: &ShaPassphrase) -> String {
    let mut hasher = D::new();
    for (name, value) in entries {
        hasher.update(name.as_bytes());
        hasher.update(b"=");
        hasher.update(value.as_bytes());
        hasher.update(passphrase.bytes());
    }
    hex::encode_upper(hasher.finalize())
}

/// Why parameters failed a `SHASIGN` check ([`verify_sha_out`], [`verify_sha_in`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ShaOutError {
    /// No `SHASIGN` parameter.
    #[error("the feedback carries no SHASIGN parameter")]
    Missing,
    /// More than one `SHASIGN` parameter.
    #[error("the feedback carries more than one SHASIGN parameter")]
    Ambiguous,
    /// The signature does not match the parameters.
    #[error("the feedback's SHASIGN does not match its parameters, so they cannot be trusted")]
    Mismatch,
}

/// Checks the SHA-OUT signature of feedback parameters (the redirect to the merchant's page or
/// a post-sale request), as decoded from the query string or form body.
///
/// Names are matched case-insensitively (`shasign` is `SHASIGN`); `SHASIGN` itself is left
/// out of the signed string; the comparison runs in constant time.
///
/// ```
/// use payone_types::directlink::*;
///
/// let query = "orderID=1234&STATUS=5&PAYID=42&SHASIGN=00";
/// let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
///     .map(|(n, v)| (n.into_owned(), v.into_owned()))
///     .collect();
/// let passphrase = ShaPassphrase::new("sha-out passphrase");
/// let checked = verify_sha_out(&params, &passphrase, ShaAlgorithm::Sha256, &ShaList::All);
/// assert_eq!(checked, Err(ShaOutError::Mismatch));
/// ```
pub fn verify_sha_out<N, V>(
    params: &[(N, V)],
    passphrase: &ShaPassphrase,
    algorithm: ShaAlgorithm,
    list: &ShaList,
) -> Result<(), ShaOutError>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    verify_shasign(params, passphrase, algorithm, list)
}

/// Checks the SHA-IN signature of a request, the platform's side of [`sha_sign`] (the sandbox
/// runs it on every DirectLink request): the same rules as [`verify_sha_out`], with the
/// SHA-IN passphrase.
///
/// ```
/// use payone_types::directlink::*;
///
/// let passphrase = ShaPassphrase::new("Mysecretsig1875!?");
/// let mut params = vec![("PSPID", "MyPSPID".to_owned()), ("ORDERID", "1234".to_owned())];
/// let shasign = sha_sign(&params, &passphrase, ShaAlgorithm::Sha512, &ShaList::All);
/// params.push(("SHASIGN", shasign));
/// assert_eq!(verify_sha_in(&params, &passphrase, ShaAlgorithm::Sha512, &ShaList::All), Ok(()));
/// params[1].1 = "1235".to_owned();
/// assert_eq!(
///     verify_sha_in(&params, &passphrase, ShaAlgorithm::Sha512, &ShaList::All),
///     Err(ShaOutError::Mismatch)
/// );
/// ```
pub fn verify_sha_in<N, V>(
    params: &[(N, V)],
    passphrase: &ShaPassphrase,
    algorithm: ShaAlgorithm,
    list: &ShaList,
) -> Result<(), ShaOutError>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    verify_shasign(params, passphrase, algorithm, list)
}

fn verify_shasign<N, V>(
    params: &[(N, V)],
    passphrase: &ShaPassphrase,
    algorithm: ShaAlgorithm,
    list: &ShaList,
) -> Result<(), ShaOutError>
where
    N: AsRef<str>,
    V: AsRef<str>,
{
    let mut received = params
        .iter()
        .filter(|(name, _)| name.as_ref().eq_ignore_ascii_case(SHASIGN))
        .map(|(_, value)| value.as_ref().trim());
    let signature = received.next().ok_or(ShaOutError::Missing)?;
    if received.next().is_some() {
        return Err(ShaOutError::Ambiguous);
    }
    let expected = sha_sign(params, passphrase, algorithm, list);
    if crate::sign::digest_matches(&expected, signature) {
        Ok(())
    } else {
        Err(ShaOutError::Mismatch)
    }
}
