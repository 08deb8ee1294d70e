use sha2::Digest;

use crate::directlink::*;

const PASSPHRASE: &str = "Mysecretsig1875!?";

/// The DESIGN.md section 6 vector.
const VECTOR: [(&str, &str); 5] = [
    ("AMOUNT", "1500"),
    ("CURRENCY", "EUR"),
    ("LANGUAGE", "en_US"),
    ("ORDERID", "1234"),
    ("PSPID", "MyPSPID"),
];

/// The string to hash for the vector, written by hand.
const VECTOR_STRING: &str = "AMOUNT=1500Mysecretsig1875!?CURRENCY=EURMysecretsig1875!?\
LANGUAGE=en_USMysecretsig1875!?ORDERID=1234Mysecretsig1875!?PSPID=MyPSPIDMysecretsig1875!?";

fn pass() -> ShaPassphrase {
    ShaPassphrase::new(PASSPHRASE)
}

fn sign(params: &[(&str, &str)], algorithm: ShaAlgorithm) -> String {
    sha_sign(params, &pass(), algorithm, &ShaList::All)
}

#[test]
fn design_vectors_byte_exact() {
    assert_eq!(
        sign(&VECTOR, ShaAlgorithm::Sha1),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
    assert_eq!(
        sign(&VECTOR, ShaAlgorithm::Sha256),
        "E019359BAA3456AE5A986B6AABD22CF1B3E09438739E97F17A7F61DF5A11B30F"
    );
}

#[test]
fn sha512_matches_the_hand_written_string_hashed_directly() {
    let expected = hex::encode_upper(sha2::Sha512::digest(VECTOR_STRING.as_bytes()));
    assert_eq!(expected.len(), 128);
    assert_eq!(sign(&VECTOR, ShaAlgorithm::Sha512), expected);
    // The same string gives the published SHA-1 and SHA-256 vectors.
    assert_eq!(
        hex::encode_upper(sha1::Sha1::digest(VECTOR_STRING.as_bytes())),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
    assert_eq!(
        hex::encode_upper(sha2::Sha256::digest(VECTOR_STRING.as_bytes())),
        "E019359BAA3456AE5A986B6AABD22CF1B3E09438739E97F17A7F61DF5A11B30F"
    );
}

#[test]
fn empty_values_lower_case_names_order_and_shasign_do_not_change_it() {
    let shuffled = [
        ("pspid", "MyPSPID"),
        ("COM", ""),
        ("orderID", "1234"),
        ("SHASIGN", "ignored"),
        ("Currency", "EUR"),
        ("amount", "1500"),
        ("language", "en_US"),
    ];
    for algorithm in [
        ShaAlgorithm::Sha1,
        ShaAlgorithm::Sha256,
        ShaAlgorithm::Sha512,
    ] {
        assert_eq!(sign(&shuffled, algorithm), sign(&VECTOR, algorithm));
        assert_eq!(sign(&shuffled, algorithm).len(), algorithm.hex_len());
    }
    assert_eq!(
        signed_names(&shuffled, &ShaList::All),
        ["AMOUNT", "CURRENCY", "LANGUAGE", "ORDERID", "PSPID"]
    );
}

#[test]
fn values_are_hashed_as_sent() {
    let params = [("COM", " a&b=c "), ("CN", "Jürgen")];
    let string = "CN=JürgenMysecretsig1875!?COM= a&b=c Mysecretsig1875!?";
    assert_eq!(
        sign(&params, ShaAlgorithm::Sha256),
        hex::encode_upper(sha2::Sha256::digest(string.as_bytes()))
    );
}

/// ITEMID1..ITEMID12 and ITEMNAME1..ITEMNAME12, sent in numeric order and partly in lower case.
fn twelve_items() -> Vec<(String, String)> {
    let mut params = vec![("orderID".to_owned(), "1234".to_owned())];
    for i in 1..=12 {
        let id = if i % 2 == 0 { "itemid" } else { "ITEMID" };
        params.push((format!("{id}{i}"), format!("id-{i}")));
        params.push((format!("ITEMNAME{i}"), format!("name {i}")));
    }
    params
}

/// The string to hash for [`twelve_items`], written out by hand in plain byte order of the
/// upper-cased names: `ITEMID10`, `ITEMID11`, `ITEMID12` come between `ITEMID1` and `ITEMID2`.
fn twelve_items_string(passphrase: &str) -> String {
    let order = [1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9];
    let mut string = String::new();
    for i in order {
        string += &format!("ITEMID{i}=id-{i}{passphrase}");
    }
    for i in order {
        string += &format!("ITEMNAME{i}=name {i}{passphrase}");
    }
    string + &format!("ORDERID=1234{passphrase}")
}

fn digest_by_hand(algorithm: ShaAlgorithm, string: &str) -> String {
    match algorithm {
        ShaAlgorithm::Sha1 => hex::encode_upper(sha1::Sha1::digest(string.as_bytes())),
        ShaAlgorithm::Sha256 => hex::encode_upper(sha2::Sha256::digest(string.as_bytes())),
        ShaAlgorithm::Sha512 => hex::encode_upper(sha2::Sha512::digest(string.as_bytes())),
    }
}

#[test]
fn numbered_names_sort_in_plain_byte_order_for_sha_in() {
    let params = twelve_items();
    let names = signed_names(&params, &ShaList::sha_in());
    assert_eq!(
        names[..6],
        [
            "ITEMID1", "ITEMID10", "ITEMID11", "ITEMID12", "ITEMID2", "ITEMID3"
        ]
    );
    assert_eq!(names.len(), 25);
    assert_eq!(names[24], "ORDERID");
    let string = twelve_items_string(PASSPHRASE);
    assert!(string.starts_with("ITEMID1=id-1Mysecretsig1875!?ITEMID10=id-10"));
    for algorithm in [
        ShaAlgorithm::Sha1,
        ShaAlgorithm::Sha256,
        ShaAlgorithm::Sha512,
    ] {
        let signed = sha_sign(&params, &pass(), algorithm, &ShaList::sha_in());
        assert_eq!(signed, digest_by_hand(algorithm, &string), "{algorithm}");
        let mut request = params.clone();
        request.push((SHASIGN.to_owned(), signed));
        assert_eq!(
            verify_sha_in(&request, &pass(), algorithm, &ShaList::sha_in()),
            Ok(()),
            "{algorithm}"
        );
    }
}

#[test]
fn numbered_names_sort_in_plain_byte_order_for_sha_out_feedback() {
    let out = "sha-out passphrase";
    let string = twelve_items_string(out);
    for algorithm in [
        ShaAlgorithm::Sha1,
        ShaAlgorithm::Sha256,
        ShaAlgorithm::Sha512,
    ] {
        // The platform's signature, made by hand: the client does not compute it.
        let mut feedback = twelve_items();
        feedback.push(("STATUS".to_owned(), "5".to_owned()));
        let with_status = string.replacen(
            &format!("ORDERID=1234{out}"),
            &format!("ORDERID=1234{out}STATUS=5{out}"),
            1,
        );
        feedback.push((
            "SHASIGN".to_owned(),
            digest_by_hand(algorithm, &with_status),
        ));
        let passphrase = ShaPassphrase::new(out);
        assert_eq!(
            verify_sha_out(&feedback, &passphrase, algorithm, &ShaList::All),
            Ok(()),
            "{algorithm}"
        );
        let mut url = crate::Url::parse("https://shop.example/accept").unwrap();
        url.query_pairs_mut().extend_pairs(&feedback);
        let verifier = FeedbackVerifier::new(ShaPassphrase::new(out), algorithm)
            .with_sha_out_list(ShaList::All);
        let verified = verifier.verify_url(&url).expect("signed in byte order");
        assert_eq!(verified.status(), Status::Authorised);

        // The natural order (ITEMID2 before ITEMID10) is not what the platform signs.
        let natural: String = (1..=12)
            .map(|i| format!("ITEMID{i}=id-{i}{out}"))
            .chain((1..=12).map(|i| format!("ITEMNAME{i}=name {i}{out}")))
            .chain([format!("ORDERID=1234{out}STATUS=5{out}")])
            .collect();
        feedback.pop();
        feedback.push(("SHASIGN".to_owned(), digest_by_hand(algorithm, &natural)));
        assert_eq!(
            verify_sha_out(&feedback, &passphrase, algorithm, &ShaList::All),
            Err(ShaOutError::Mismatch),
            "{algorithm}"
        );
    }
}

#[test]
fn only_listed_parameters_take_part() {
    let list = ShaList::names(["amount", "ORDERID", "SHASIGN"]);
    assert!(list.contains("Amount"));
    assert!(!list.contains("shasign"));
    assert!(!ShaList::All.contains("SHASIGN"));
    assert_eq!(ShaList::default(), ShaList::All);
    let string = "AMOUNT=1500Mysecretsig1875!?ORDERID=1234Mysecretsig1875!?";
    assert_eq!(
        sha_sign(&VECTOR, &pass(), ShaAlgorithm::Sha256, &list),
        hex::encode_upper(sha2::Sha256::digest(string.as_bytes()))
    );
}

#[test]
fn algorithm_names() {
    for (name, algorithm) in [
        ("sha1", ShaAlgorithm::Sha1),
        ("SHA-256", ShaAlgorithm::Sha256),
        (" Sha512 ", ShaAlgorithm::Sha512),
    ] {
        assert_eq!(name.parse::<ShaAlgorithm>(), Ok(algorithm));
    }
    assert_eq!(ShaAlgorithm::Sha256.to_string(), "sha256");
    assert_eq!(
        "md5".parse::<ShaAlgorithm>().unwrap_err().to_string(),
        "the SHA algorithm must be sha1, sha256 or sha512"
    );
}

#[test]
fn sha_out_of_feedback() {
    let out = ShaPassphrase::new("sha-out passphrase");
    let mut feedback: Vec<(String, String)> = [
        ("orderID", "1234"),
        ("currency", "EUR"),
        ("amount", "15"),
        ("PM", "CreditCard"),
        ("ACCEPTANCE", ""),
        ("STATUS", "5"),
        ("PAYID", "3014726"),
        ("NCERROR", "0"),
        ("BRAND", "VISA"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    let signature = sha_sign(&feedback, &out, ShaAlgorithm::Sha512, &ShaList::All);
    // ACCEPTANCE is empty, so it is left out.
    let hand = "AMOUNT=15sha-out passphraseBRAND=VISAsha-out passphraseCURRENCY=EURsha-out passphrase\
NCERROR=0sha-out passphraseORDERID=1234sha-out passphrasePAYID=3014726sha-out passphrase\
PM=CreditCardsha-out passphraseSTATUS=5sha-out passphrase";
    assert_eq!(
        signature,
        hex::encode_upper(sha2::Sha512::digest(hand.as_bytes()))
    );

    let check = |params: &[(String, String)]| {
        verify_sha_out(params, &out, ShaAlgorithm::Sha512, &ShaList::All)
    };
    assert_eq!(check(&feedback), Err(ShaOutError::Missing));
    feedback.push(("shasign".into(), signature.to_ascii_lowercase()));
    assert_eq!(check(&feedback), Ok(()));
    feedback[5].1 = "9".into();
    assert_eq!(check(&feedback), Err(ShaOutError::Mismatch));
    feedback[5].1 = "5".into();
    feedback.push(("SHASIGN".into(), signature.clone()));
    assert_eq!(check(&feedback), Err(ShaOutError::Ambiguous));
    feedback.pop();
    // A parameter the platform did not sign fails the default list, passes a narrower one.
    feedback.push(("myParam".into(), "x".into()));
    assert_eq!(check(&feedback), Err(ShaOutError::Mismatch));
    let list = ShaList::names([
        "ACCEPTANCE",
        "AMOUNT",
        "BRAND",
        "CURRENCY",
        "NCERROR",
        "ORDERID",
        "PAYID",
        "PM",
        "STATUS",
    ]);
    assert_eq!(
        verify_sha_out(&feedback, &out, ShaAlgorithm::Sha512, &list),
        Ok(())
    );
    assert_eq!(
        verify_sha_out(&feedback, &pass(), ShaAlgorithm::Sha512, &list),
        Err(ShaOutError::Mismatch)
    );
}

#[test]
fn passphrases_are_never_printed() {
    let debug = format!("{:?}", pass());
    assert_eq!(debug, "ShaPassphrase(<redacted>)");
    assert!(!format!("{:?}", Password::new("pw-secret")).contains("pw-secret"));
}
