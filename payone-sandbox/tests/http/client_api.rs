//! `/client-api/`: signed browser requests, JSON and REDIRECT answers.

use payone_types::{Api, HashAlgorithm};

use crate::common::{form, hash, http, sandbox, server, signed};

const PAN: &str = "4111111111111111";

fn creditcardcheck(pan: &str, responsetype: &str) -> Vec<(&'static str, String)> {
    vec![
        ("request", "creditcardcheck".into()),
        ("mid", "10001".into()),
        ("aid", "10002".into()),
        ("portalid", "2000001".into()),
        ("mode", "test".into()),
        ("encoding", "UTF-8".into()),
        ("api_version", "3.11".into()),
        ("responsetype", responsetype.into()),
        ("storecarddata", "yes".into()),
        ("cardpan", pan.into()),
        ("cardtype", "V".into()),
        ("cardexpiredate", "3012".into()),
    ]
}

async fn get_json(base: &str, pairs: &[(&str, String)]) -> serde_json::Value {
    let response = http()
        .get(format!("{base}/client-api/?{}", form(pairs)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "application/json");
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

#[tokio::test]
async fn a_valid_card_gets_a_pseudo_card_number_never_the_number() {
    let sandbox = sandbox().await;
    let pairs = signed(Api::Client, creditcardcheck(PAN, "JSON"));
    let answer = get_json(&sandbox.base_url(), &pairs).await;
    assert_eq!(answer["status"], "VALID");
    assert_eq!(answer["truncatedcardpan"], "411111XXXXXX1111");
    assert_eq!(answer["cardtype"], "V");
    assert_eq!(answer["cardexpiredate"], "3012");
    let pseudo = answer["pseudocardpan"].as_str().unwrap();
    assert!(pseudo.len() == 19 && pseudo.starts_with('9'), "{pseudo}");
    assert!(!answer.to_string().contains(PAN));

    // The same card again (as a POST form, md5 scheme): the same pseudo card number.
    let mut pairs = creditcardcheck(PAN, "JSON");
    pairs.push(("hash", hash(Api::Client, &pairs, HashAlgorithm::Md5)));
    let response = http()
        .post(format!("{}/client-api/", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&pairs))
        .send()
        .await
        .unwrap();
    let again: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(again["pseudocardpan"], pseudo);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_luhn_failure_is_invalid() {
    let sandbox = sandbox().await;
    let pairs = signed(Api::Client, creditcardcheck("4111111111111112", "JSON"));
    let answer = get_json(&sandbox.base_url(), &pairs).await;
    insta::assert_snapshot!(answer.to_string(), @r#"{"status":"INVALID","errorcode":"877","errormessage":"Invalid card number","customermessage":"The card number is not valid. Please check your entry."}"#);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_wrong_hash_is_an_error() {
    let sandbox = sandbox().await;
    let mut pairs = signed(Api::Client, creditcardcheck(PAN, "JSON"));
    // Signed with storecarddata=yes, sent with no.
    pairs[8].1 = "no".into();
    let answer = get_json(&sandbox.base_url(), &pairs).await;
    assert_eq!(answer["status"], "ERROR");
    assert_eq!(answer["errorcode"], "7");
    assert_eq!(answer["errormessage"], "hash incorrect");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn redirect_answers_go_to_the_shop_with_the_fields() {
    let sandbox = sandbox().await;
    let mut pairs = creditcardcheck(PAN, "REDIRECT");
    pairs.push(("successurl", "https://shop.example/ok?order=7".into()));
    pairs.push(("errorurl", "https://shop.example/error".into()));
    let pairs = signed(Api::Client, pairs);
    let response = http()
        .get(format!(
            "{}/client-api/?{}",
            sandbox.base_url(),
            form(&pairs)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://shop.example/ok?order=7&status=VALID&pseudocardpan=9"),
        "{location}"
    );
    assert!(
        location.contains("truncatedcardpan=411111XXXXXX1111"),
        "{location}"
    );
    assert!(!location.contains(PAN));

    let mut pairs = creditcardcheck("4111111111111112", "REDIRECT");
    pairs.push(("errorurl", "https://shop.example/error".into()));
    let pairs = signed(Api::Client, pairs);
    let response = http()
        .get(format!(
            "{}/client-api/?{}",
            sandbox.base_url(),
            form(&pairs)
        ))
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://shop.example/error?status=INVALID&errorcode=877"),
        "{location}"
    );
    sandbox.shutdown().await;
}

fn bankaccountcheck(account: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut pairs = vec![
        ("request", "bankaccountcheck".into()),
        ("mid", "10001".into()),
        ("aid", "10002".into()),
        ("portalid", "2000001".into()),
        ("mode", "test".into()),
        ("encoding", "UTF-8".into()),
        ("api_version", "3.11".into()),
        ("responsetype", "JSON".into()),
    ];
    pairs.extend(account.iter().map(|(n, v)| (*n, (*v).to_owned())));
    pairs
}

#[tokio::test]
async fn bank_account_check_by_iban() {
    let sandbox = sandbox().await;
    let check = |iban: &str| {
        signed(
            Api::Client,
            bankaccountcheck(&[("bankcountry", "DE"), ("iban", iban)]),
        )
    };
    let valid = get_json(&sandbox.base_url(), &check("DE89370400440532013000")).await;
    assert_eq!(valid.to_string(), r#"{"status":"VALID"}"#);
    let invalid = get_json(&sandbox.base_url(), &check("DE89370400440532013001")).await;
    assert_eq!(invalid["status"], "INVALID");
    assert_eq!(invalid["errorcode"], "885");
    assert!(!invalid.to_string().contains("DE8937"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn bank_account_check_follows_its_page() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let iban = ("iban", "DE89370400440532013000");

    // The Client API bankaccountcheck page: bankcountry is required, also with an IBAN.
    let answer = get_json(&base, &signed(Api::Client, bankaccountcheck(&[iban]))).await;
    assert_eq!(answer["status"], "ERROR");
    assert_eq!(answer["errorcode"], "1");
    assert!(
        answer["errormessage"]
            .as_str()
            .unwrap()
            .starts_with("Parameter {bankcountry} faulty or missing"),
        "{answer}"
    );

    // checktype 0/1/2 (the glossary's values) and language are accepted and hashed ...
    for checktype in ["0", "1", "2"] {
        let pairs = signed(
            Api::Client,
            bankaccountcheck(&[
                ("bankcountry", "DE"),
                iban,
                ("checktype", checktype),
                ("language", "de"),
            ]),
        );
        let answer = get_json(&base, &pairs).await;
        assert_eq!(
            answer.to_string(),
            r#"{"status":"VALID"}"#,
            "checktype={checktype}"
        );
    }
    // ... a checktype of no such value is refused naming it.
    let pairs = signed(
        Api::Client,
        bankaccountcheck(&[("bankcountry", "DE"), iban, ("checktype", "9")]),
    );
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer["errorcode"], "1");
    assert!(
        answer["errormessage"]
            .as_str()
            .unwrap()
            .starts_with("Parameter {checktype} faulty or missing"),
        "{answer}"
    );

    // A German account by bank code and account number (BBAN).
    let pairs = signed(
        Api::Client,
        bankaccountcheck(&[
            ("bankcountry", "DE"),
            ("bankcode", "37040044"),
            ("bankaccount", "532013000"),
        ]),
    );
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer.to_string(), r#"{"status":"VALID"}"#);
    sandbox.shutdown().await;
}

fn managemandate(extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut pairs = vec![
        ("request", "managemandate".into()),
        ("mid", "10001".into()),
        ("aid", "10002".into()),
        ("portalid", "2000001".into()),
        ("mode", "test".into()),
        ("encoding", "UTF-8".into()),
        ("api_version", "3.11".into()),
        ("responsetype", "JSON".into()),
        ("clearingtype", "elv".into()),
        ("currency", "EUR".into()),
        ("customerid", "c-42".into()),
        ("firstname", "Erika".into()),
        ("lastname", "Mustermann".into()),
        ("country", "DE".into()),
    ];
    pairs.extend(extra.iter().map(|(n, v)| (*n, (*v).to_owned())));
    pairs
}

const MANDATE_IBAN: &str = "DE02120300000000202051";

#[tokio::test]
async fn managemandate_gives_a_pending_mandate_with_its_text() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let pairs = signed(
        Api::Client,
        managemandate(&[("bankcountry", "DE"), ("iban", MANDATE_IBAN)]),
    );
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer["status"], "APPROVED", "{answer}");
    assert_eq!(answer["mandate_identification"], "PO-0000000001");
    assert_eq!(answer["mandate_status"], "pending");
    assert_eq!(
        answer["creditor_identifier"],
        payone_sandbox::CREDITOR_IDENTIFIER
    );
    let text = answer["mandate_text"].as_str().unwrap();
    let html: String = form_urlencoded::parse(format!("t={text}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .collect();
    assert!(html.contains("Account holder: Erika Mustermann"), "{html}");
    assert!(html.contains("IBAN: ******************2051"), "{html}");
    assert!(!html.contains(MANDATE_IBAN));

    // The same account on the Server API side: a direct debit naming the mandate activates it,
    // and the Client API then answers the active mandate without a text.
    let body = server(
        &sandbox,
        "preauthorization",
        &[
            ("clearingtype", "elv"),
            ("amount", "1000"),
            ("currency", "EUR"),
            ("reference", "mandate-1"),
            ("lastname", "Mustermann"),
            ("country", "DE"),
            ("bankcountry", "DE"),
            ("iban", MANDATE_IBAN),
            ("mandate_identification", "PO-0000000001"),
        ],
    )
    .await;
    assert!(body.starts_with("status=APPROVED"), "{body}");
    let again = get_json(&base, &pairs).await;
    assert_eq!(again["mandate_status"], "active", "{again}");
    assert_eq!(again["mandate_identification"], "PO-0000000001");
    assert!(again.get("mandate_text").is_none(), "{again}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn managemandate_refusals_name_what_is_wrong() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();

    // No account at all: the table's rule names the IBAN (and the BBAN it may replace).
    let answer = get_json(&base, &signed(Api::Client, managemandate(&[]))).await;
    assert_eq!(answer["status"], "ERROR");
    assert_eq!(answer["errorcode"], "1");
    let message = answer["errormessage"].as_str().unwrap();
    assert!(
        message
            .starts_with("Parameter {iban, bankcountry, bankcode, bankaccount} faulty or missing"),
        "{message}"
    );

    // Without the required lastname.
    let mut pairs = managemandate(&[("iban", MANDATE_IBAN)]);
    pairs.retain(|(n, _)| *n != "lastname");
    let answer = get_json(&base, &signed(Api::Client, pairs)).await;
    assert_eq!(answer["errorcode"], "1");
    assert!(
        answer["errormessage"]
            .as_str()
            .unwrap()
            .starts_with("Parameter {lastname} faulty or missing"),
        "{answer}"
    );

    // Signed for EUR, sent with CHF: the currency is among the hash fields.
    let mut pairs = signed(Api::Client, managemandate(&[("iban", MANDATE_IBAN)]));
    for (name, value) in &mut pairs {
        if *name == "currency" {
            *value = "CHF".into();
        }
    }
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer["status"], "ERROR");
    assert_eq!(answer["errorcode"], "7");
    assert_eq!(answer["errormessage"], "hash incorrect");

    // A mistyped IBAN, and the IBAN whose mandate the sandbox declines, as on the Server API.
    let pairs = signed(
        Api::Client,
        managemandate(&[("iban", "DE02120300000000202052")]),
    );
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer["errorcode"], "1");
    assert!(
        answer["errormessage"].as_str().unwrap().contains("{iban}"),
        "{answer}"
    );
    let pairs = signed(
        Api::Client,
        managemandate(&[("iban", payone_sandbox::IBAN_MANDATE_DECLINED)]),
    );
    let answer = get_json(&base, &pairs).await;
    assert_eq!(answer["status"], "ERROR");
    assert_eq!(answer["errorcode"], "2");
    assert!(!answer.to_string().contains("DE46"), "{answer}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn managemandate_redirects_an_approved_mandate_to_the_success_url() {
    let sandbox = sandbox().await;
    let mut pairs = managemandate(&[("iban", MANDATE_IBAN)]);
    pairs[7].1 = "REDIRECT".into();
    pairs.push(("successurl", "https://shop.example/mandate".into()));
    pairs.push(("errorurl", "https://shop.example/error".into()));
    let pairs = signed(Api::Client, pairs);
    let response = http()
        .get(format!(
            "{}/client-api/?{}",
            sandbox.base_url(),
            form(&pairs)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location
            .starts_with("https://shop.example/mandate?status=APPROVED&mandate_identification=PO-"),
        "{location}"
    );
    sandbox.shutdown().await;
}
