//! Signing schemes of the Frontend, Client API and Server API.

use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha384;
use std::fmt;
use subtle::ConstantTimeEq;

use crate::charset::Charset;
use crate::natural_cmp;
use crate::params::Params;

/// The portal key: a secret that is never printed.
#[derive(Clone)]
pub struct PortalKey(SecretString);

impl PortalKey {
    /// Wraps a portal key.
    pub fn new(key: impl Into<String>) -> Self {
        PortalKey(SecretString::from(key.into()))
    }

    fn bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }
}

impl fmt::Debug for PortalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PortalKey(<redacted>)")
    }
}

/// How the Frontend / Client API `hash` is computed; the portal decides which it expects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HashAlgorithm {
    /// `HMAC-SHA384(key = portal key, data)` (current).
    #[default]
    HmacSha384,
    /// `md5(data + portal key)` (legacy).
    Md5,
}

/// The data a `hash` covers: the values of the hashed parameters, sorted by name in natural
/// order (`de[2]` before `de[10]`), concatenated without separator, as bytes of `charset`.
///
/// Values that `charset` cannot carry are hashed as UTF-8; [`Params::check_charset`] reports
/// them before anything is sent.
pub fn hash_data(params: &Params<'_>, charset: Charset) -> Vec<u8> {
    let mut hashed: Vec<_> = params.iter().filter(|p| p.hash).collect();
    hashed.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    let mut data = Vec::new();
    for p in hashed {
        match charset.encode(&p.value) {
            Some(bytes) => data.extend_from_slice(&bytes),
            None => data.extend_from_slice(p.value.as_bytes()),
        }
    }
    data
}

/// The lowercase hex `hash` over `data`.
pub fn hash_hex(data: &[u8], key: &PortalKey, algorithm: HashAlgorithm) -> String {
    match algorithm {
        HashAlgorithm::HmacSha384 => {
            let mut mac = <Hmac<Sha384> as KeyInit>::new_from_slice(key.bytes())
                .expect("HMAC accepts keys of any length");
            mac.update(data);
            hex::encode(mac.finalize().into_bytes())
        }
        HashAlgorithm::Md5 => {
            let mut md5 = Md5::new();
            md5.update(data);
            md5.update(key.bytes());
            hex::encode(md5.finalize())
        }
    }
}

/// Computes the `hash` of `params` and appends it as the `hash` parameter.
pub fn sign(params: &mut Params<'_>, charset: Charset, key: &PortalKey, algorithm: HashAlgorithm) {
    let hash = hash_hex(&hash_data(params, charset), key, algorithm);
    params.push("hash", hash, false, false);
}

/// How the Server API `key` parameter is derived from the portal key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyDigest {
    /// md5 of the portal key, lowercase hex (the documented form).
    #[default]
    Md5,
    /// SHA-384 of the portal key, lowercase hex (what current PAYONE plugins send).
    Sha384,
}

/// The Server API `key` value for `key`.
pub fn server_key(key: &PortalKey, digest: KeyDigest) -> String {
    match digest {
        KeyDigest::Md5 => hex::encode(Md5::digest(key.bytes())),
        KeyDigest::Sha384 => hex::encode(Sha384::digest(key.bytes())),
    }
}

/// Compares a received hex digest with the expected one in constant time (case-insensitive,
/// as hex digits are).
pub fn digest_matches(expected: &str, received: &str) -> bool {
    let (a, b) = (expected.to_ascii_lowercase(), received.to_ascii_lowercase());
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_api_vector_from_design() {
        let mut p = Params::new();
        for (name, value) in [
            ("aid", "22222"),
            ("api_version", "3.11"),
            ("encoding", "UTF-8"),
            ("mid", "11111"),
            ("mode", "test"),
            ("portalid", "3333333"),
            ("request", "creditcardcheck"),
            ("responsetype", "JSON"),
            ("storecarddata", "yes"),
        ] {
            p.push(name, value, true, false);
        }
        let data = hash_data(&p, Charset::Utf8);
        assert_eq!(
            data,
            b"222223.11UTF-811111test3333333creditcardcheckJSONyes"
        );
        assert_eq!(
            hash_hex(
                &data,
                &PortalKey::new("wurstbrot"),
                HashAlgorithm::HmacSha384
            ),
            "ba5c08f0a3ee380214908e1274411227054923d129109e6f4b4460935a64918e5871842655ea8c02e54fcafa9c029bc0"
        );
    }

    #[test]
    fn md5_appends_the_key() {
        // md5("abc" + "key") computed independently: printf 'abckey' | md5sum
        assert_eq!(
            hash_hex(b"abc", &PortalKey::new("key"), HashAlgorithm::Md5),
            "11e74c87d199c94fd4c02322b42391dd"
        );
    }

    #[test]
    fn server_key_digests() {
        assert_eq!(
            server_key(&PortalKey::new("key"), KeyDigest::Md5),
            "3c6e0b8a9c15224a8228b9a98ca1531d"
        );
        // printf 'key' | sha384sum
        assert_eq!(
            server_key(&PortalKey::new("key"), KeyDigest::Sha384),
            "1b745a0d500302e629864e2a6ccc4b8ff4cd2b9e66d4005f288b13b52d70735755f875182516379fb413e775a1afbdb5"
        );
    }

    #[test]
    fn constant_time_comparison() {
        assert!(digest_matches("3c6e0b8a", "3C6E0B8A"));
        assert!(!digest_matches("3c6e0b8a", "3c6e0b8b"));
        assert!(!digest_matches("3c6e0b8a", "3c6e0b8"));
    }

    #[test]
    fn the_key_never_prints() {
        assert_eq!(
            format!("{:?}", PortalKey::new("wurstbrot")),
            "PortalKey(<redacted>)"
        );
    }
}
