//! The v2 server-to-server JSON API's `GCS v1HMAC` request signature and webhook signature
//! (the platform's `GCS v1HMAC` scheme, described below). Pure functions, no transport: the client
//! signs with them and the sandbox checks with them.
//!
//! # Request signature
//!
//! `Authorization: GCS v1HMAC:<apiKey>:<base64(HMAC-SHA256(secret, S))>`, where the string to
//! sign `S` is
//!
//! ```text
//! METHOD\n
//! Content-Type\n          (empty line when the request has no body)
//! Date\n
//! x-gcs-name:value\n      (one line per X-GCS-* header, see below)
//! /path[?query]\n
//! ```
//!
//! Of the headers given, only those whose name starts with `X-GCS-` (in any case) take part;
//! the others are ignored. Each is written with its name lower-cased, sorted by that
//! lower-cased name, and its value canonicalised: every line break (`\r\n`, `\n` or a lone
//! `\r`) together with the spaces and tabs that follow it is folded to one space, then the
//! value is trimmed. The same `X-GCS-*` name given twice (in any case) is an error, because
//! the platform signs a header once. The method is upper-cased; content type, date and path
//! are used exactly as given and must not contain a line break.
//!
//! ```
//! use payone_types::gcs::{GcsRequest, GcsSigner, SecretString};
//!
//! let signer = GcsSigner::new("apiKey", SecretString::from("6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1"))?;
//! let request = GcsRequest::new("GET", "Fri, 06 Jun 2014 13:39:43 GMT", "/v2/1/tokens/2");
//! assert_eq!(
//!     signer.authorization(&request)?,
//!     "GCS v1HMAC:apiKey:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
//! );
//! # Ok::<(), payone_types::gcs::GcsError>(())
//! ```
//!
//! # Webhooks
//!
//! The platform sends `X-GCS-KeyId` and `X-GCS-Signature` =
//! base64(HMAC-SHA256(secret of that key id, raw body)). [`verify_webhook`] looks the key id up
//! in [`WebhookKeys`] (several at once, so that keys can be rotated) and compares the
//! signatures in constant time.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::ExposeSecret;
pub use secrecy::SecretString;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The prefix (compared case-insensitively) of the headers that are signed.
pub const X_GCS_PREFIX: &str = "x-gcs-";
/// The webhook header carrying the base64 signature of the body.
pub const X_GCS_SIGNATURE: &str = "X-GCS-Signature";
/// The webhook header naming the key whose secret signed the body.
pub const X_GCS_KEY_ID: &str = "X-GCS-KeyId";
/// The scheme written before the key id in the `Authorization` header.
pub const SCHEME: &str = "GCS v1HMAC";

/// Why a request cannot be signed. Never carries a secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GcsError {
    /// The same `X-GCS-*` header was given more than once.
    #[error("the header {0} is given more than once; an X-GCS-* header is signed once")]
    DuplicateHeader(String),
    /// A method, content type, date or path containing a line break.
    #[error("the {0} contains a line break, which would change the string to sign")]
    LineBreak(&'static str),
    /// An empty method or path.
    #[error("the {0} is empty")]
    Empty(&'static str),
    /// A path that does not start with `/`.
    #[error("the path must start with `/` (path and query only, no scheme or host)")]
    RelativePath,
    /// An API key that is empty or contains `:`, whitespace or a control character.
    #[error("the API key must be non-empty, without `:`, whitespace or control characters")]
    InvalidApiKey,
    /// A header name that is empty or contains whitespace, `:` or a control character.
    #[error("the header name {0:?} is not a valid header name")]
    InvalidHeaderName(String),
}

/// The parts of a request that the signature covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GcsRequest {
    method: String,
    content_type: String,
    date: String,
    headers: Vec<(String, String)>,
    path_and_query: String,
}

impl GcsRequest {
    /// A request without a content type and without headers; `date` is the `Date` header as
    /// sent (RFC 1123, e.g. `Fri, 06 Jun 2014 13:39:43 GMT`), `path_and_query` the request
    /// target (`/v2/1/payments?x=1`) as sent.
    pub fn new(
        method: impl Into<String>,
        date: impl Into<String>,
        path_and_query: impl Into<String>,
    ) -> Self {
        GcsRequest {
            method: method.into(),
            content_type: String::new(),
            date: date.into(),
            headers: Vec::new(),
            path_and_query: path_and_query.into(),
        }
    }

    /// Sets the `Content-Type` (as sent, e.g. `application/json`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// Adds a header as sent; only `X-GCS-*` headers take part in the signature.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The string to sign; see [`string_to_sign`].
    pub fn string_to_sign(&self) -> Result<String, GcsError> {
        string_to_sign(
            &self.method,
            &self.content_type,
            &self.date,
            &self.headers,
            &self.path_and_query,
        )
    }
}

/// Canonicalises a header value: each line break (`\r\n`, `\n`, lone `\r`) with the spaces and
/// tabs after it becomes one space, then the value is trimmed.
pub fn canonical_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            while matches!(chars.peek(), Some(' ' | '\t')) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

fn has_line_break(s: &str) -> bool {
    s.contains(['\r', '\n'])
}

fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_graphic() && c != ':' && c.is_ascii())
}

/// The `X-GCS-*` headers among `headers`, as signed: lower-cased names, canonical values,
/// sorted by name. Other headers are ignored; a repeated `X-GCS-*` name is an error.
pub fn canonical_gcs_headers<N: AsRef<str>, V: AsRef<str>>(
    headers: &[(N, V)],
) -> Result<Vec<(String, String)>, GcsError> {
    let mut signed = BTreeMap::new();
    for (name, value) in headers {
        let name = name.as_ref().trim();
        let lower = name.to_ascii_lowercase();
        if !lower.starts_with(X_GCS_PREFIX) {
            continue;
        }
        if !valid_header_name(name) {
            return Err(GcsError::InvalidHeaderName(name.to_owned()));
        }
        if signed.contains_key(&lower) {
            return Err(GcsError::DuplicateHeader(name.to_owned()));
        }
        signed.insert(lower, canonical_header_value(value.as_ref()));
    }
    Ok(signed.into_iter().collect())
}

/// The string to sign: `METHOD\nContent-Type\nDate\n`, one
/// `name:value\n` per `X-GCS-*` header of `headers` (others ignored; see the module docs),
/// then `path_and_query\n`. `content_type` is empty for a request without a body.
pub fn string_to_sign<N: AsRef<str>, V: AsRef<str>>(
    method: &str,
    content_type: &str,
    date: &str,
    headers: &[(N, V)],
    path_and_query: &str,
) -> Result<String, GcsError> {
    for (field, value) in [
        ("method", method),
        ("content type", content_type),
        ("date", date),
        ("path", path_and_query),
    ] {
        if has_line_break(value) {
            return Err(GcsError::LineBreak(field));
        }
    }
    if method.trim().is_empty() {
        return Err(GcsError::Empty("method"));
    }
    if path_and_query.is_empty() {
        return Err(GcsError::Empty("path"));
    }
    if !path_and_query.starts_with('/') {
        return Err(GcsError::RelativePath);
    }
    let mut s = String::new();
    s.push_str(&method.trim().to_ascii_uppercase());
    s.push('\n');
    s.push_str(content_type);
    s.push('\n');
    s.push_str(date);
    s.push('\n');
    for (name, value) in canonical_gcs_headers(headers)? {
        s.push_str(&name);
        s.push(':');
        s.push_str(&value);
        s.push('\n');
    }
    s.push_str(path_and_query);
    s.push('\n');
    Ok(s)
}

fn hmac_sha256(secret: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// base64(HMAC-SHA256(secret, string_to_sign)).
pub fn signature(secret: &SecretString, string_to_sign: &str) -> String {
    STANDARD.encode(hmac_sha256(
        secret.expose_secret().as_bytes(),
        string_to_sign.as_bytes(),
    ))
}

/// The `Authorization` header value `GCS v1HMAC:<api_key>:<signature>` for a prepared string
/// to sign. The API key is written as given; [`GcsSigner::new`] checks it.
pub fn authorization(api_key: &str, secret: &SecretString, string_to_sign: &str) -> String {
    format!("{SCHEME}:{api_key}:{}", signature(secret, string_to_sign))
}

/// An API key and its secret; signs requests. `Debug` shows the key, never the secret.
#[derive(Clone)]
pub struct GcsSigner {
    api_key: String,
    secret: SecretString,
}

impl GcsSigner {
    /// A signer; the API key must be non-empty and free of `:`, whitespace and control
    /// characters (it is written into the header between two colons).
    pub fn new(api_key: impl Into<String>, secret: SecretString) -> Result<Self, GcsError> {
        let api_key = api_key.into();
        if api_key.is_empty()
            || api_key
                .chars()
                .any(|c| c == ':' || c.is_whitespace() || c.is_control())
        {
            return Err(GcsError::InvalidApiKey);
        }
        Ok(GcsSigner { api_key, secret })
    }

    /// The API key (not secret).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The `Authorization` header value for `request`.
    pub fn authorization(&self, request: &GcsRequest) -> Result<String, GcsError> {
        Ok(self.authorization_for(&request.string_to_sign()?))
    }

    /// The `Authorization` header value for a prepared string to sign.
    pub fn authorization_for(&self, string_to_sign: &str) -> String {
        authorization(&self.api_key, &self.secret, string_to_sign)
    }
}

impl fmt::Debug for GcsSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GcsSigner")
            .field("api_key", &self.api_key)
            .field("secret", &"[REDACTED]")
            .finish()
    }
}

/// The id of a webhook key, as sent in `X-GCS-KeyId` (not secret).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(String);

impl KeyId {
    /// A key id.
    pub fn new(id: impl Into<String>) -> Self {
        KeyId(id.into())
    }

    /// The id as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The webhook keys accepted at once: several key ids, each with its secret, so that a new
/// key can be added before the old one is retired. `Debug` lists the ids only.
#[derive(Clone, Default)]
pub struct WebhookKeys {
    keys: BTreeMap<String, SecretString>,
}

impl WebhookKeys {
    /// No keys: every webhook is rejected with [`WebhookError::UnknownKeyId`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the secret of `key_id`.
    pub fn insert(&mut self, key_id: impl Into<String>, secret: SecretString) -> &mut Self {
        self.keys.insert(key_id.into(), secret);
        self
    }

    /// [`insert`](Self::insert) by value, for building.
    pub fn with(mut self, key_id: impl Into<String>, secret: SecretString) -> Self {
        self.insert(key_id, secret);
        self
    }

    /// Removes `key_id` (a retired key); true when it was there.
    pub fn remove(&mut self, key_id: &str) -> bool {
        self.keys.remove(key_id).is_some()
    }

    /// True when no key is configured.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The configured key ids, sorted.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }
}

impl fmt::Debug for WebhookKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookKeys")
            .field("key_ids", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Why a webhook is rejected: one readable sentence each, never a secret or the expected
/// signature.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// `X-GCS-Signature` or `X-GCS-KeyId` is absent.
    #[error("the webhook has no {0} header")]
    MissingHeader(&'static str),
    /// `X-GCS-Signature` or `X-GCS-KeyId` is sent more than once.
    #[error("the webhook has more than one {0} header")]
    DuplicateHeader(&'static str),
    /// The key id is not among the configured [`WebhookKeys`].
    #[error("the webhook's key id {0:?} is not one of the configured webhook keys")]
    UnknownKeyId(String),
    /// `X-GCS-Signature` is not standard base64.
    #[error("the webhook's X-GCS-Signature header is not valid base64")]
    BadSignatureEncoding,
    /// The signature does not match the body under the key's secret.
    #[error("the webhook's X-GCS-Signature does not match its body under key id {0:?}")]
    Mismatch(String),
}

/// The one value of the header `wanted` (case-insensitive name), trimmed.
fn single_header<'h, N: AsRef<str>, V: AsRef<str>>(
    headers: &'h [(N, V)],
    wanted: &'static str,
) -> Result<&'h str, WebhookError> {
    let mut found = None;
    for (name, value) in headers {
        if name.as_ref().trim().eq_ignore_ascii_case(wanted) {
            if found.is_some() {
                return Err(WebhookError::DuplicateHeader(wanted));
            }
            found = Some(value.as_ref().trim());
        }
    }
    found.ok_or(WebhookError::MissingHeader(wanted))
}

/// Verifies a webhook: `headers` as received (names in any case), `body` the raw bytes.
/// Checks, in this order: exactly one `X-GCS-Signature` and one `X-GCS-KeyId` (values
/// trimmed), the key id is configured, the signature is standard base64 (with padding), and it
/// equals HMAC-SHA256(secret, body), compared in constant time. Returns the key id that signed.
pub fn verify_webhook<N: AsRef<str>, V: AsRef<str>>(
    headers: &[(N, V)],
    body: &[u8],
    keys: &WebhookKeys,
) -> Result<KeyId, WebhookError> {
    let sent_signature = single_header(headers, X_GCS_SIGNATURE)?;
    let key_id = single_header(headers, X_GCS_KEY_ID)?;
    let secret = keys
        .keys
        .get(key_id)
        .ok_or_else(|| WebhookError::UnknownKeyId(key_id.to_owned()))?;
    let sent = STANDARD
        .decode(sent_signature)
        .map_err(|_| WebhookError::BadSignatureEncoding)?;
    let expected = hmac_sha256(secret.expose_secret().as_bytes(), body);
    if bool::from(expected.as_slice().ct_eq(sent.as_slice())) {
        Ok(KeyId::new(key_id))
    } else {
        Err(WebhookError::Mismatch(key_id.to_owned()))
    }
}

/// The `X-GCS-Signature` value for `body` under `secret` (what the platform sends; the sandbox
/// uses it to sign the webhooks it sends).
pub fn webhook_signature(secret: &SecretString, body: &[u8]) -> String {
    STANDARD.encode(hmac_sha256(secret.expose_secret().as_bytes(), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Fri, 06 Jun 2014 13:39:43 GMT";

    fn secret(s: &str) -> SecretString {
        SecretString::from(s)
    }

    #[test]
    fn first_design_vector() {
        let s = string_to_sign::<&str, &str>("GET", "", DATE, &[], "/v2/1/tokens/2").unwrap();
        assert_eq!(s, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n");
        assert_eq!(
            signature(&secret("6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1"), &s),
            "vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
        );
        assert_eq!(
            authorization("apiKey", &secret("6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1"), &s),
            "GCS v1HMAC:apiKey:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
        );
    }

    #[test]
    fn second_design_vector_from_raw_headers() {
        let request = GcsRequest::new("delete", DATE, "/v2/1/tokens/2")
            .content_type("application/json")
            .header("X-GCS-ServerMetaInfo", "processed header value")
            .header("Accept", "application/json")
            .header("x-gcs-customerheader", "  processed\r\n   header\n\tvalue ")
            .header("X-Gcs-ClientMetaInfo", "processed header value");
        let s = request.string_to_sign().unwrap();
        assert_eq!(
            s,
            "DELETE\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n\
             x-gcs-clientmetainfo:processed header value\n\
             x-gcs-customerheader:processed header value\n\
             x-gcs-servermetainfo:processed header value\n/v2/1/tokens/2\n"
        );
        let signer = GcsSigner::new("apiKey", secret("secretApiKey")).unwrap();
        assert_eq!(
            signer.authorization(&request).unwrap(),
            "GCS v1HMAC:apiKey:jXG/ESTtRWawO4OOyxOrtWcQA8XkrZKeoHeGGIj4jws="
        );
    }

    #[test]
    fn header_values_are_folded_and_trimmed() {
        assert_eq!(canonical_header_value(" a\n b "), "a b");
        assert_eq!(canonical_header_value("a\r\n\t\tb\rc"), "a b c");
        assert_eq!(canonical_header_value("a  b"), "a  b");
        assert_eq!(canonical_header_value("\n"), "");
    }

    #[test]
    fn duplicate_gcs_header_is_an_error() {
        let err = string_to_sign(
            "GET",
            "",
            DATE,
            &[("X-GCS-A", "1"), ("x-gcs-a", "1")],
            "/v2/1/tokens/2",
        )
        .unwrap_err();
        assert_eq!(err, GcsError::DuplicateHeader("x-gcs-a".into()));
        // Other headers may repeat: they are not signed.
        string_to_sign("GET", "", DATE, &[("Accept", "a"), ("accept", "b")], "/x").unwrap();
    }

    #[test]
    fn line_breaks_and_bad_inputs_are_rejected() {
        let none: &[(&str, &str)] = &[];
        assert_eq!(
            string_to_sign("GET", "", "x\ny", none, "/p"),
            Err(GcsError::LineBreak("date"))
        );
        assert_eq!(
            string_to_sign("GET", "", DATE, none, "v2/1"),
            Err(GcsError::RelativePath)
        );
        assert_eq!(
            string_to_sign("", "", DATE, none, "/p"),
            Err(GcsError::Empty("method"))
        );
        assert!(GcsSigner::new("a:b", secret("s")).is_err());
        assert!(GcsSigner::new("", secret("s")).is_err());
    }

    #[test]
    fn debug_never_shows_secrets() {
        let signer = GcsSigner::new("apiKey", secret("topsecretvalue")).unwrap();
        let keys = WebhookKeys::new().with("k1", secret("topsecretvalue"));
        let text = format!("{signer:?} {keys:?}");
        assert!(!text.contains("topsecretvalue"), "{text}");
        assert!(text.contains("apiKey") && text.contains("k1"), "{text}");
    }

    const BODY: &[u8] =
        br#"{"apiVersion":"v1","id":"34b8a607-1fce-4003-b3ae-a4d29e92b232","type":"payment.paid"}"#;

    fn keys() -> WebhookKeys {
        WebhookKeys::new()
            .with("old", secret("old-secret"))
            .with("new", secret("new-secret"))
    }

    #[test]
    fn webhook_verified_under_each_rotated_key() {
        for id in ["old", "new"] {
            let sig = webhook_signature(&secret(&format!("{id}-secret")), BODY);
            let headers = [("x-gcs-signature", sig.as_str()), ("X-GCS-KEYID", id)];
            assert_eq!(verify_webhook(&headers, BODY, &keys()), Ok(KeyId::new(id)));
        }
    }

    #[test]
    fn webhook_signature_matches_an_independent_hmac() {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(b"new-secret").unwrap();
        mac.update(BODY);
        assert_eq!(
            webhook_signature(&secret("new-secret"), BODY),
            STANDARD.encode(mac.finalize().into_bytes())
        );
    }

    #[test]
    fn webhook_rejections() {
        let good = webhook_signature(&secret("new-secret"), BODY);
        let wrong = webhook_signature(&secret("not-the-secret"), BODY);
        let check = |headers: &[(&str, &str)], body: &[u8]| verify_webhook(headers, body, &keys());

        let err = check(&[(X_GCS_SIGNATURE, &wrong), (X_GCS_KEY_ID, "new")], BODY).unwrap_err();
        assert_eq!(err, WebhookError::Mismatch("new".into()));
        let text = err.to_string();
        assert!(
            !text.contains(&good) && !text.contains("new-secret"),
            "{text}"
        );

        let mut tampered = BODY.to_vec();
        tampered[10] ^= 1;
        assert_eq!(
            check(
                &[(X_GCS_SIGNATURE, &good), (X_GCS_KEY_ID, "new")],
                &tampered
            ),
            Err(WebhookError::Mismatch("new".into()))
        );
        assert_eq!(
            check(&[(X_GCS_SIGNATURE, &good), (X_GCS_KEY_ID, "gone")], BODY),
            Err(WebhookError::UnknownKeyId("gone".into()))
        );
        assert_eq!(
            check(
                &[
                    (X_GCS_SIGNATURE, &good),
                    ("x-gcs-signature", &good),
                    (X_GCS_KEY_ID, "new")
                ],
                BODY
            ),
            Err(WebhookError::DuplicateHeader(X_GCS_SIGNATURE))
        );
        assert_eq!(
            check(
                &[
                    (X_GCS_SIGNATURE, &good),
                    (X_GCS_KEY_ID, "new"),
                    ("x-gcs-keyid", "old")
                ],
                BODY
            ),
            Err(WebhookError::DuplicateHeader(X_GCS_KEY_ID))
        );
        assert_eq!(
            check(&[(X_GCS_KEY_ID, "new")], BODY),
            Err(WebhookError::MissingHeader(X_GCS_SIGNATURE))
        );
        assert_eq!(
            check(&[(X_GCS_SIGNATURE, &good)], BODY),
            Err(WebhookError::MissingHeader(X_GCS_KEY_ID))
        );
        assert_eq!(
            check(
                &[(X_GCS_SIGNATURE, "not base64!"), (X_GCS_KEY_ID, "new")],
                BODY
            ),
            Err(WebhookError::BadSignatureEncoding)
        );
        assert_eq!(
            verify_webhook(
                &[(X_GCS_SIGNATURE, good.as_str()), (X_GCS_KEY_ID, "new")],
                BODY,
                &WebhookKeys::new()
            ),
            Err(WebhookError::UnknownKeyId("new".into()))
        );
    }
}
