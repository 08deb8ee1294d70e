//! SHA-OUT feedback: only signed parameters become a `Feedback`; names in any case, ISO-8859-1
//! bodies, duplicates, and what `Debug` and `Display` leave out.

use std::ffi::OsString;

use crate::directlink::*;

const SHA_OUT: &str = "sha-out-passphrase-s3cret";
const ALGORITHM: ShaAlgorithm = ShaAlgorithm::Sha256;

fn verifier() -> FeedbackVerifier {
    FeedbackVerifier::new(ShaPassphrase::new(SHA_OUT), ALGORITHM)
}

/// `params` with a SHASIGN made with `passphrase`, appended under `shasign_name`.
fn signed_with(
    params: &[(&str, &str)],
    passphrase: &str,
    shasign_name: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    let shasign = sha_sign(
        &out,
        &ShaPassphrase::new(passphrase),
        ALGORITHM,
        &ShaList::All,
    );
    out.push((shasign_name.to_owned(), shasign));
    out
}

fn signed(params: &[(&str, &str)]) -> Vec<(String, String)> {
    signed_with(params, SHA_OUT, "SHASIGN")
}

fn query(params: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

/// What the sandbox's 3-D Secure page sends back, with a few more of the DirectLink guide's names.
const ACCEPTED: [(&str, &str); 15] = [
    ("orderID", "order-4711"),
    ("currency", "EUR"),
    ("amount", "42"),
    ("PM", "CreditCard"),
    ("ACCEPTANCE", "test123"),
    ("STATUS", "5"),
    ("CARDNO", "XXXXXXXXXXXX0002"),
    ("ED", "1230"),
    ("CN", "Erika Mustermann"),
    ("TRXDATE", "06/14/26"),
    ("PAYID", "400000001"),
    ("NCERROR", "0"),
    ("BRAND", "VISA"),
    ("IP", "192.0.2.10"),
    ("COMPLUS", "session-17"),
];

#[test]
fn signed_feedback_is_typed() {
    let feedback = verifier()
        .verify_query(&query(&signed(&ACCEPTED)))
        .expect("verified");
    assert_eq!(feedback.orderid(), Some("order-4711"));
    assert_eq!(feedback.payid(), Some("400000001"));
    assert_eq!(feedback.payidsub(), None);
    assert_eq!(feedback.status(), Status::Authorised);
    assert_eq!(feedback.ncerror(), None);
    assert_eq!(feedback.amount(), Some("42"));
    assert_eq!(feedback.currency(), Some("EUR"));
    assert_eq!(feedback.pm(), Some("CreditCard"));
    assert_eq!(feedback.brand(), Some("VISA"));
    assert_eq!(feedback.acceptance(), Some("test123"));
    assert_eq!(feedback.cardno(), Some("XXXXXXXXXXXX0002"));
    assert_eq!(feedback.ed(), Some("1230"));
    assert_eq!(feedback.cn(), Some("Erika Mustermann"));
    assert_eq!(feedback.trxdate(), Some("06/14/26"));
    assert_eq!(feedback.ip(), Some("192.0.2.10"));
    assert_eq!(
        feedback.others().collect::<Vec<_>>(),
        [("COMPLUS", "session-17")]
    );
    assert_eq!(
        feedback.params().len(),
        ACCEPTED.len(),
        "SHASIGN is left out"
    );
    assert_eq!(feedback.get("complus"), Some("session-17"));

    // The same from a form body, from decoded pairs and with a leading `?`.
    let body = query(&signed(&ACCEPTED));
    assert_eq!(
        verifier().verify_form(body.as_bytes(), None).unwrap(),
        feedback
    );
    assert_eq!(
        verifier().verify_params(&signed(&ACCEPTED)).unwrap(),
        feedback
    );
    assert_eq!(
        verifier().verify_query(&format!("?{body}")).unwrap(),
        feedback
    );
}

#[test]
fn a_declined_feedback_carries_its_ncerror() {
    let params = [
        ("orderID", "order-1"),
        ("STATUS", "2"),
        ("NCERROR", "40001134"),
        ("PAYID", "400000002"),
    ];
    let feedback = verifier().verify_params(&signed(&params)).unwrap();
    assert_eq!(feedback.status(), Status::AuthorisationRefused);
    assert_eq!(feedback.ncerror(), Some(NcError::Other(40001134)));
}

#[test]
fn a_tampered_value_is_rejected() {
    let mut params = signed(&ACCEPTED);
    let status = params.iter_mut().find(|(n, _)| n == "STATUS").unwrap();
    status.1 = "9".to_owned();
    assert_eq!(
        verifier().verify_query(&query(&params)),
        Err(FeedbackError::Mismatch)
    );
    // An added parameter of the SHA-OUT list is not signed either.
    let mut added = signed(&ACCEPTED);
    added.insert(0, ("ALIAS".to_owned(), "1".to_owned()));
    assert_eq!(
        verifier().verify_params(&added),
        Err(FeedbackError::Mismatch)
    );
    // One off the list does not take part, and the feedback says so.
    let mut added = signed(&ACCEPTED);
    added.insert(0, ("AMOUNT2".to_owned(), "1".to_owned()));
    let feedback = verifier().verify_params(&added).unwrap();
    assert_eq!(feedback.unsigned().collect::<Vec<_>>(), ["AMOUNT2"]);
    assert_eq!(feedback.amount(), Some("42"));
}

#[test]
fn a_wrong_passphrase_or_algorithm_is_rejected() {
    let params = signed_with(&ACCEPTED, "another passphrase", "SHASIGN");
    assert_eq!(
        verifier().verify_params(&params),
        Err(FeedbackError::Mismatch)
    );
    let sha512 = FeedbackVerifier::new(ShaPassphrase::new(SHA_OUT), ShaAlgorithm::Sha512);
    assert_eq!(
        sha512.verify_params(&signed(&ACCEPTED)),
        Err(FeedbackError::Mismatch)
    );
}

#[test]
fn lower_case_names_are_accepted() {
    let params = [
        ("orderid", "order-9"),
        ("status", "9"),
        ("payid", "400000009"),
        ("cardno", "XXXXXXXXXXXX1111"),
        ("ncerror", ""),
    ];
    let feedback = verifier()
        .verify_query(&query(&signed_with(&params, SHA_OUT, "shasign")))
        .expect("verified");
    assert_eq!(feedback.orderid(), Some("order-9"));
    assert_eq!(feedback.status(), Status::PaymentRequested);
    assert_eq!(feedback.cardno(), Some("XXXXXXXXXXXX1111"));
    assert_eq!(feedback.ncerror(), None);
    assert_eq!(feedback.others().count(), 0);
}

#[test]
fn a_latin1_body_is_read_as_latin1() {
    let params = [
        ("orderID", "order-latin1"),
        ("STATUS", "9"),
        ("CN", "Jürgen Hellersbergstraße"),
    ];
    let signed = signed(&params);
    let shasign = &signed[3].1;
    let escaped =
        format!("orderID=order-latin1&STATUS=9&CN=J%FCrgen+Hellersbergstra%DFe&SHASIGN={shasign}");
    let raw = [
        b"orderID=order-latin1&STATUS=9&CN=J\xfcrgen+Hellersbergstra\xdfe&SHASIGN=".as_slice(),
        shasign.as_bytes(),
    ]
    .concat();
    for content_type in [
        Some("application/x-www-form-urlencoded; charset=ISO-8859-1"),
        None,
    ] {
        for body in [escaped.as_bytes(), raw.as_slice()] {
            let feedback = verifier()
                .verify_form(body, content_type)
                .expect("verified");
            assert_eq!(feedback.cn(), Some("Jürgen Hellersbergstraße"));
        }
    }
    // The same text in UTF-8 is read as UTF-8.
    let utf8 = query(&signed);
    assert_eq!(
        verifier()
            .verify_form(
                utf8.as_bytes(),
                Some("application/x-www-form-urlencoded; charset=utf-8")
            )
            .unwrap()
            .cn(),
        Some("Jürgen Hellersbergstraße")
    );
    // A body that says UTF-8 must be UTF-8.
    assert_eq!(
        verifier().verify_form(
            escaped.as_bytes(),
            Some("application/x-www-form-urlencoded; charset=UTF-8")
        ),
        Err(FeedbackError::Malformed(Malformed::Encoding))
    );
    assert_eq!(
        verifier().verify_form(escaped.as_bytes(), Some("text/plain; charset=utf-16")),
        Err(FeedbackError::Malformed(Malformed::UnsupportedCharset))
    );
}

#[test]
fn duplicated_parameters_are_rejected() {
    let mut twice = signed(&ACCEPTED);
    let shasign = twice.last().unwrap().clone();
    twice.push(shasign);
    assert_eq!(
        verifier().verify_params(&twice),
        Err(FeedbackError::Duplicate {
            name: "SHASIGN".to_owned()
        })
    );
    // In another case, still the same name.
    let mut other_case = signed(&ACCEPTED);
    let shasign = other_case.last().unwrap().1.clone();
    other_case.push(("shaSign".to_owned(), shasign));
    assert_eq!(
        verifier().verify_query(&query(&other_case)),
        Err(FeedbackError::Duplicate {
            name: "SHASIGN".to_owned()
        })
    );
    // A signed ORDERID sent twice is refused too: which one would count?
    let params = [("orderID", "a"), ("ORDERID", "b"), ("STATUS", "5")];
    let err = verifier().verify_params(&signed(&params)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the feedback carries ORDERID more than once, so it cannot be read unambiguously"
    );
    // A name that is no plain name is not repeated.
    let odd = [("<b>x</b>", "1"), ("<B>X</B>", "2"), ("STATUS", "5")];
    let err = verifier().verify_params(&signed(&odd)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the feedback carries a parameter more than once, so it cannot be read unambiguously"
    );
}

#[test]
fn missing_signature_status_and_names_are_refused() {
    let unsigned = query(
        &ACCEPTED
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        verifier().verify_query(&unsigned),
        Err(FeedbackError::MissingSignature)
    );
    assert_eq!(
        verifier().verify_query(""),
        Err(FeedbackError::MissingSignature)
    );
    // Signed but without STATUS, or with one that is no number: checked after the signature.
    let no_status = signed(&[("orderID", "x"), ("PAYID", "1")]);
    assert_eq!(
        verifier().verify_params(&no_status),
        Err(FeedbackError::Malformed(Malformed::MissingStatus))
    );
    let bad_status = signed(&[("orderID", "x"), ("STATUS", "five")]);
    assert_eq!(
        verifier()
            .verify_params(&bad_status)
            .unwrap_err()
            .to_string(),
        "the feedback cannot be read because its STATUS is not a number"
    );
    assert_eq!(
        verifier().verify_query("=1&STATUS=5&SHASIGN=00"),
        Err(FeedbackError::Malformed(Malformed::EmptyName))
    );
}

#[test]
fn messages_show_no_secret_and_debug_no_card_data() {
    let params = signed(&ACCEPTED);
    let expected = params.last().unwrap().1.clone();
    let mut tampered = params.clone();
    tampered[0].1 = "order-4712".to_owned();
    let errors = [
        verifier().verify_params(&tampered).unwrap_err(),
        verifier().verify_query("STATUS=5").unwrap_err(),
        verifier()
            .verify_query("STATUS=5&SHASIGN=1&SHASIGN=2")
            .unwrap_err(),
        verifier().verify_query("=1&SHASIGN=2").unwrap_err(),
    ];
    for error in &errors {
        let text = format!("{error} {error:?}");
        assert!(!text.contains(SHA_OUT), "{text}");
        assert!(!text.contains(&expected), "{text}");
        assert!(!text.contains("order-4712"), "{text}");
        let display = error.to_string();
        assert_eq!(display.matches('.').count(), 0, "one sentence: {display}");
    }
    assert!(!format!("{:?}", verifier()).contains(SHA_OUT));

    let feedback = verifier().verify_params(&params).unwrap();
    let debug = format!("{feedback:?}");
    assert!(debug.contains("XXXXXXXXXXXX0002"), "{debug}");
    assert!(debug.contains("order-4711"), "{debug}");
    assert!(debug.contains("COMPLUS"), "{debug}");
    for hidden in [
        "Erika",
        "Mustermann",
        "1230",
        "192.0.2.10",
        "session-17",
        &expected,
    ] {
        assert!(!debug.contains(hidden), "{hidden} in {debug}");
    }

    // A CARDNO that is not masked is never shown.
    for cardno in [
        "4000000000000002",
        "4000-0000-0000-0002",
        "400000XX00000002",
    ] {
        let feedback = verifier()
            .verify_params(&signed(&[("STATUS", "5"), ("CARDNO", cardno)]))
            .unwrap();
        let debug = format!("{feedback:?}");
        assert!(!debug.contains("0002"), "{debug}");
        assert_eq!(feedback.cardno(), Some(cardno), "given as received");
    }
}

#[test]
fn the_verifier_reads_the_environment() {
    let vars = [("PAYONE_SHA_OUT", SHA_OUT), ("PAYONE_SHA_ALGO", "SHA-256")];
    let lookup = |vars: &[(&'static str, &'static str)]| {
        let vars = vars.to_vec();
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    };
    let from_env = FeedbackVerifier::from_lookup(lookup(&vars)).unwrap();
    assert_eq!(from_env.algorithm(), ShaAlgorithm::Sha256);
    assert!(from_env.verify_params(&signed(&ACCEPTED)).is_ok());
    let err = FeedbackVerifier::from_lookup(lookup(&vars[1..])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the environment variable PAYONE_SHA_OUT is not set"
    );
}

#[test]
fn the_sha_out_list_leaves_the_merchants_own_parameters_unsigned() {
    let mut params = signed(&[("orderID", "x"), ("STATUS", "5")]);
    params.insert(0, ("session".to_owned(), "abc".to_owned()));
    // The published SHA-OUT list (the default) does not have `session`: the platform does not
    // sign it, so the check passes and the feedback names it as unsigned.
    let feedback = verifier().verify_params(&params).unwrap();
    assert_eq!(feedback.others().collect::<Vec<_>>(), [("session", "abc")]);
    assert_eq!(feedback.unsigned().collect::<Vec<_>>(), ["session"]);
    assert!(format!("{feedback:?}").contains(r#"unsigned: ["session"]"#));
    // A parameter on the list that was not signed fails, as does any unsigned one with All.
    let mut added = params.clone();
    added.insert(0, ("PAYID".to_owned(), "1".to_owned()));
    assert_eq!(
        verifier().verify_params(&added),
        Err(FeedbackError::Mismatch)
    );
    assert_eq!(
        verifier()
            .with_sha_out_list(ShaList::All)
            .verify_params(&params),
        Err(FeedbackError::Mismatch)
    );
    let narrower = verifier().with_sha_out_list(ShaList::names(["ORDERID", "STATUS"]));
    let feedback = narrower.verify_params(&params).unwrap();
    assert_eq!(feedback.unsigned().collect::<Vec<_>>(), ["session"]);
    assert_eq!(verifier().sha_out_list(), &ShaList::sha_out());
}

#[test]
fn debug_hides_card_data_sent_under_names_in_any_case() {
    let params = signed(&[
        ("status", "5"),
        ("Cn", "Erika Mustermann"),
        ("eD", "0931"),
        ("cardNo", "4111111111111111"),
        ("Ip", "192.0.2.10"),
    ]);
    let feedback = verifier()
        .with_sha_out_list(ShaList::All)
        .verify_params(&params)
        .unwrap();
    assert_eq!(feedback.status(), Status::Authorised);
    let debug = format!("{feedback:?}");
    for secret in ["Erika", "0931", "4111111111111111", "192.0.2.10"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}
