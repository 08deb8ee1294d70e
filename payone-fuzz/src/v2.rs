//! v2: JSON objects, webhooks and the `GCS v1HMAC` string to sign.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use payone_client::v2::parse_webhook_pairs;
use payone_types::gcs::{
    GcsRequest, GcsSigner, SecretString, WebhookError, WebhookKeys, X_GCS_KEY_ID, X_GCS_SIGNATURE,
    canonical_gcs_headers, canonical_header_value, verify_webhook,
};
use payone_types::generated::v2::*;
use payone_types::json::JsonObject;
use sha2::Sha256;

use crate::bytes::Bytes;

/// Reads the bytes (after the first, which picks the object type) as a generated v2 object.
///
/// Property: when the bytes read, reading is stable: the object written, read again and
/// written again gives the same bytes, and the object read the second time equals the first.
pub fn v2_json(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let objects: [fn(&[u8]); 16] = [
        round_trip::<CreatePaymentRequest>,
        round_trip::<CreatePaymentResponse>,
        round_trip::<PaymentResponse>,
        round_trip::<PaymentDetailsResponse>,
        round_trip::<CapturePaymentRequest>,
        round_trip::<CaptureResponse>,
        round_trip::<CancelPaymentRequest>,
        round_trip::<CancelPaymentResponse>,
        round_trip::<RefundRequest>,
        round_trip::<RefundResponse>,
        round_trip::<ErrorResponse>,
        round_trip::<WebhooksEvent>,
        round_trip::<Order>,
        round_trip::<Customer>,
        round_trip::<StatusOutput>,
        round_trip::<MerchantAction>,
    ];
    objects[usize::from(selector) % objects.len()](body);
}

fn round_trip<T: JsonObject + PartialEq>(body: &[u8]) {
    let Ok(first) = T::from_json_bytes(body) else {
        return;
    };
    let written = first.to_json_bytes();
    let second = T::from_json_bytes(&written).unwrap_or_else(|e| {
        panic!(
            "{} written from a read object does not read again: {e}\nwritten: {}",
            T::NAME,
            String::from_utf8_lossy(&written)
        )
    });
    let rewritten = second.to_json_bytes();
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&rewritten),
        "{}: the second write differs from the first",
        T::NAME
    );
    assert!(
        first == second,
        "{}: the object read again differs",
        T::NAME
    );
}

fn hmac_sha256(secret: &[u8], body: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key length");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// Two checks per input.
///
/// 1. Headers and body read from the bytes: [`verify_webhook`] never panics, and accepts only
///    a signature that is the HMAC-SHA256 of the body under the named key's secret.
/// 2. A body signed with a secret (both from the bytes) verifies under that key id, also
///    through [`parse_webhook_pairs`] when the body is an event; it never verifies with another
///    secret, another key id, or one byte of the body changed.
pub fn v2_webhook(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let secret = bytes.text();
    let key_id = bytes.text().trim().to_owned();
    let key_id = if key_id.is_empty() {
        "key".to_owned()
    } else {
        key_id
    };
    let keys = WebhookKeys::new().with(key_id.clone(), SecretString::from(secret.clone()));

    // 1. Arbitrary headers.
    let mut headers = Vec::new();
    for _ in 0..usize::from(bytes.byte() % 4) {
        headers.push((bytes.text(), bytes.text()));
    }
    let body = bytes.rest();
    if let Ok(signed_by) = verify_webhook(&headers, body, &keys) {
        assert_eq!(signed_by.as_str(), key_id);
        let sent = headers
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(X_GCS_SIGNATURE))
            .map(|(_, v)| {
                STANDARD
                    .decode(v.trim())
                    .expect("a verified signature is base64")
            })
            .expect("a verified webhook has a signature");
        assert_eq!(
            sent,
            hmac_sha256(secret.as_bytes(), body),
            "a forged webhook verifies"
        );
    }

    // 2. A correctly signed body.
    let signature = STANDARD.encode(hmac_sha256(secret.as_bytes(), body));
    // Header names in any case.
    let headers = [
        ("content-type".to_owned(), "application/json".to_owned()),
        (X_GCS_SIGNATURE.to_ascii_lowercase(), signature),
        (X_GCS_KEY_ID.to_ascii_uppercase(), key_id.clone()),
    ];
    let verified = verify_webhook(&headers, body, &keys)
        .unwrap_or_else(|e| panic!("a body signed with the right secret is refused: {e}"));
    assert_eq!(verified.as_str(), key_id);
    match parse_webhook_pairs(&headers, body, &keys) {
        Ok(event) => assert_eq!(event.key_id().as_str(), key_id),
        Err(payone_client::v2::WebhookError::Verification(e)) => {
            panic!("the signature passed verify_webhook but not parse_webhook_pairs: {e}")
        }
        Err(_) => {}
    }

    let other_secret =
        WebhookKeys::new().with(key_id.clone(), SecretString::from(format!("{secret}!")));
    assert_eq!(
        verify_webhook(&headers, body, &other_secret),
        Err(WebhookError::Mismatch(key_id.clone())),
        "a webhook verifies under another secret"
    );
    let other_id = WebhookKeys::new().with(
        format!("{key_id}-other"),
        SecretString::from(secret.clone()),
    );
    assert!(
        verify_webhook(&headers, body, &other_id).is_err(),
        "an unknown key id verifies"
    );

    let mut forged = body.to_vec();
    if forged.is_empty() {
        forged.push(b'{');
    } else {
        let at = usize::from(bytes.byte()) % forged.len();
        forged[at] ^= 1;
    }
    assert_eq!(
        verify_webhook(&headers, &forged, &keys),
        Err(WebhookError::Mismatch(key_id)),
        "a changed body verifies"
    );
}

/// The `GCS v1HMAC` string to sign from method, content type, date, headers and path read from
/// the bytes.
///
/// Properties: never panics; canonicalising a header value twice changes nothing and leaves
/// no line break; the string to sign does not depend on the order of the headers, has one line
/// per signed header plus four, and signing it twice gives the same `Authorization`.
pub fn gcs(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let method = bytes.text();
    let content_type = bytes.text();
    let date = bytes.text();
    let path = bytes.text();
    let api_key = bytes.text();
    let secret = bytes.text();
    let mut headers = Vec::new();
    while !bytes.is_empty() && headers.len() < 16 {
        let name = if bytes.byte() & 1 == 0 {
            format!("X-GCS-{}", bytes.text())
        } else {
            bytes.text()
        };
        headers.push((name, bytes.text()));
    }

    for (_, value) in &headers {
        let canonical = canonical_header_value(value);
        assert!(
            !canonical.contains(['\r', '\n']),
            "a canonical value holds a line break"
        );
        assert_eq!(
            canonical_header_value(&canonical),
            canonical,
            "canonicalising is not idempotent"
        );
    }

    let mut request = GcsRequest::new(method, date, path).content_type(content_type);
    for (name, value) in &headers {
        request = request.header(name.clone(), value.clone());
    }
    let string = request.string_to_sign();
    assert_eq!(
        string,
        request.string_to_sign(),
        "the string to sign changed"
    );
    let mut backwards = headers.clone();
    backwards.reverse();
    let canonical = canonical_gcs_headers(&headers);
    let canonical_backwards = canonical_gcs_headers(&backwards);
    match (&canonical, &canonical_backwards) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the signed headers depend on their order"),
        (Err(_), Err(_)) => {}
        _ => panic!("the headers are refused in one order and not in the other"),
    }
    if let (Ok(string), Ok(signed)) = (&string, &canonical) {
        assert!(string.ends_with('\n'));
        assert_eq!(
            string.matches('\n').count(),
            4 + signed.len(),
            "line count of {string:?}"
        );
        if let Ok(signer) = GcsSigner::new(api_key, SecretString::from(secret)) {
            let first = signer
                .authorization(&request)
                .expect("the request signed once");
            assert_eq!(first, signer.authorization(&request).expect("signs twice"));
            assert_eq!(first, signer.authorization_for(string));
            assert!(first.starts_with(&format!("GCS v1HMAC:{}:", signer.api_key())));
        }
    }
}
