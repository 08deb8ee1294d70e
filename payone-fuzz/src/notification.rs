//! TransactionStatus notifications: form bodies in ISO-8859-1, verified by their `key`.

use std::net::{IpAddr, Ipv4Addr};

use md5::{Digest, Md5};
use payone_client::notification::{Notification, Verifier, VerifyError};
use payone_types::PortalKey;

use crate::bytes::{Bytes, percent_encode};

const PEER: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Fields the fuzzer's extra fields must not repeat: the verified ones, and the ones whose
/// format [`Notification::parse`] checks.
const RESERVED: [&str; 6] = [
    "key",
    "txaction",
    "portalid",
    "aid",
    "mode",
    "sequencenumber",
];

/// Two checks per input.
///
/// 1. The bytes as a body: parsing never panics, and a verifier for a fixed account accepts
///    the notification only if its `key` is the md5 of that account's portal key (hex, any
///    case) and its `portalid` and `aid` are the account's.
/// 2. A body built from the bytes (portal key, ids, `txaction` and extra fields, in an order
///    the bytes choose) whose `key` is the md5 of the portal key parses and verifies; the same
///    notification never verifies under another portal key, and the body with another key's
///    md5 in its `key` field never verifies.
pub fn notification(data: &[u8]) {
    raw_body(data);
    signed_body(data);
}

fn md5_hex(key: &str) -> String {
    hex::encode(Md5::digest(key.as_bytes()))
}

fn raw_body(data: &[u8]) {
    let Ok(notification) = Notification::parse(data) else {
        return;
    };
    let (portal_key, portalid, aid) = ("fuzz portal key", 2_000_001, 20_001);
    let verifier = Verifier::new(&PortalKey::new(portal_key), portalid, aid);
    if verifier.verify(&notification, PEER, None).is_ok() {
        let key = notification
            .get("key")
            .expect("a verified notification has a key");
        assert!(key.eq_ignore_ascii_case(&md5_hex(portal_key)));
        assert_eq!(notification.portalid(), portalid);
        assert_eq!(notification.aid(), aid);
    }
}

fn signed_body(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let portal_key = bytes.text();
    let portalid = bytes.u32();
    let aid = bytes.u32();
    let upper_key = bytes.byte() & 1 == 1;
    let txaction = bytes.chunk().to_vec();
    let mut extra = Vec::new();
    while !bytes.is_empty() && extra.len() < 32 {
        let name = bytes.chunk();
        let value = bytes.chunk();
        let reserved = String::from_utf8_lossy(name);
        if RESERVED.iter().any(|r| reserved.contains(r)) {
            continue;
        }
        extra.push((name, value));
    }
    let position = usize::from(bytes.byte()) % (extra.len() + 1);

    let body = |key: &str| {
        let key = if upper_key {
            key.to_ascii_uppercase()
        } else {
            key.to_owned()
        };
        let mut pairs: Vec<String> = extra
            .iter()
            .map(|(n, v)| format!("{}={}", percent_encode(n), percent_encode(v)))
            .collect();
        let known = format!(
            "key={key}&txaction={}&portalid={portalid}&aid={aid}",
            percent_encode(&txaction)
        );
        pairs.insert(position, known);
        pairs.join("&")
    };

    let right = body(&md5_hex(&portal_key));
    let notification = Notification::parse(right.as_bytes())
        .unwrap_or_else(|e| panic!("a well-formed notification is refused: {e}"));
    assert_eq!(notification.portalid(), portalid);
    assert_eq!(notification.aid(), aid);
    let verifier = Verifier::new(&PortalKey::new(portal_key.clone()), portalid, aid);
    assert_eq!(
        verifier.verify(&notification, PEER, None),
        Ok(()),
        "the md5 of the right portal key does not verify"
    );

    let other_key = format!("{portal_key}-other");
    let other = Verifier::new(&PortalKey::new(other_key.clone()), portalid, aid);
    assert_eq!(
        other.verify(&notification, PEER, None),
        Err(VerifyError::Key),
        "a notification verifies under another portal key"
    );
    let forged = Notification::parse(body(&md5_hex(&other_key)).as_bytes())
        .unwrap_or_else(|e| panic!("a well-formed notification is refused: {e}"));
    assert_eq!(
        verifier.verify(&forged, PEER, None),
        Err(VerifyError::Key),
        "another key's md5 verifies"
    );
}
