//! DirectLink: `<ncresponse>` XML answers and SHA-OUT signed feedback.

use payone_client::directlink::{
    FeedbackError, FeedbackVerifier, NcResponse, SHA_OUT_PARAMETERS, SHASIGN, ShaAlgorithm,
    ShaList, ShaPassphrase, sha_sign,
};

use crate::bytes::{Bytes, percent_encode};

/// Reads the bytes as a DirectLink answer.
///
/// Properties: reading never panics; bytes that are ASCII or not UTF-8 read the same whatever
/// charset the `Content-Type` names (both decode them alike); an answer read is consistent
/// with its attributes (`PAYID` decides [`NcResponse::has_payment`]).
pub fn directlink_xml(data: &[u8]) {
    let plain = NcResponse::parse(data);
    let latin1 = NcResponse::parse_with_content_type(data, Some("text/xml; charset=ISO-8859-1"));
    let utf8 = NcResponse::parse_with_content_type(data, Some("text/xml; charset=utf-8"));
    if data.is_ascii() || std::str::from_utf8(data).is_err() {
        assert_eq!(
            plain, latin1,
            "the declared charset changed how ASCII or Latin-1 reads"
        );
        assert_eq!(
            plain, utf8,
            "the declared charset changed how ASCII or Latin-1 reads"
        );
    }
    if let Ok(answer) = plain {
        let payid = answer.payid().unwrap_or("");
        assert_eq!(answer.has_payment(), payid.bytes().any(|b| b != b'0'));
        for value in [
            answer.orderid(),
            answer.payid(),
            answer.amount(),
            answer.pm(),
        ] {
            assert!(
                value.is_none_or(|v| !v.is_empty()),
                "an empty attribute reads as present"
            );
        }
    }
}

/// Two checks per input.
///
/// 1. The bytes as a redirect query and as a post-sale form body, checked with a fixed
///    passphrase: never panics.
/// 2. Feedback built from the bytes (algorithm, passphrase, `STATUS`, parameters from the
///    SHA-OUT list and others), signed with [`sha_sign`] and form-encoded, verifies with the
///    right passphrase, as a query and as a body; it never verifies with another passphrase,
///    nor after one character of a signed value changed.
pub fn directlink_feedback(data: &[u8]) {
    let verifier = FeedbackVerifier::new(ShaPassphrase::new("fuzz sha-out"), ShaAlgorithm::Sha256);
    let _ = verifier.verify_form(data, None);
    let _ = verifier.verify_form(
        data,
        Some("application/x-www-form-urlencoded; charset=utf-8"),
    );
    let _ = verifier.verify_query(&String::from_utf8_lossy(data));

    let mut bytes = Bytes::new(data);
    let algorithm = [
        ShaAlgorithm::Sha1,
        ShaAlgorithm::Sha256,
        ShaAlgorithm::Sha512,
    ][usize::from(bytes.byte() % 3)];
    let passphrase = bytes.text();
    let mut params = vec![("STATUS".to_owned(), bytes.u32().to_string())];
    while !bytes.is_empty() && params.len() < 40 {
        let selector = bytes.byte();
        let name = if selector & 1 == 0 {
            SHA_OUT_PARAMETERS[usize::from(selector >> 1) % SHA_OUT_PARAMETERS.len()].to_owned()
        } else {
            bytes.text()
        };
        let value = bytes.text();
        let taken = params.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name));
        // The verifier refuses blank and repeated names; STATUS and NCERROR must be numbers.
        let typed = ["STATUS", "NCERROR", SHASIGN]
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&name));
        if name.trim().is_empty() || taken || typed {
            continue;
        }
        params.push((name, value));
    }
    let list = ShaList::sha_out();
    let sign = |params: &[(String, String)]| {
        let mut signed = params.to_vec();
        signed.push((
            SHASIGN.to_owned(),
            sha_sign(
                params,
                &ShaPassphrase::new(passphrase.clone()),
                algorithm,
                &list,
            ),
        ));
        signed
    };
    let encode = |params: &[(String, String)]| {
        params
            .iter()
            .map(|(n, v)| {
                format!(
                    "{}={}",
                    percent_encode(n.as_bytes()),
                    percent_encode(v.as_bytes())
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let signed = sign(&params);
    let body = encode(&signed);

    let right = FeedbackVerifier::new(ShaPassphrase::new(passphrase.clone()), algorithm);
    let feedback = right
        .verify_form(
            body.as_bytes(),
            Some("application/x-www-form-urlencoded; charset=utf-8"),
        )
        .unwrap_or_else(|e| panic!("feedback signed with the right passphrase is refused: {e}"));
    assert_eq!(feedback.params().len(), params.len());
    right
        .verify_query(&format!("?{body}"))
        .unwrap_or_else(|e| panic!("a signed query is refused: {e}"));

    let wrong = FeedbackVerifier::new(ShaPassphrase::new(format!("{passphrase}!")), algorithm);
    assert_eq!(
        wrong.verify_query(&body).map(|_| ()),
        Err(FeedbackError::Mismatch),
        "feedback verifies under another passphrase"
    );

    // Change one character of a signed, non-empty value; the signature stays as it was.
    let signed_values: Vec<usize> = (0..params.len())
        .filter(|&i| list.contains(&params[i].0) && !params[i].1.is_empty())
        .collect();
    let index = signed_values[usize::from(bytes.byte()) % signed_values.len()];
    let mut tampered = signed.clone();
    let value = &mut tampered[index].1;
    let at = usize::from(bytes.byte()) % value.chars().count();
    *value = value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i != at {
                c
            } else if c == '1' {
                '2'
            } else {
                '1'
            }
        })
        .collect();
    assert_eq!(
        right.verify_query(&encode(&tampered)).map(|_| ()),
        Err(FeedbackError::Mismatch),
        "feedback verifies after a signed value changed"
    );
}
