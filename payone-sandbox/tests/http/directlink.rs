//! DirectLink over loopback with raw form bodies (reqwest, not the PAYONE client): order,
//! capture, refund, delete, query, 3-D Secure, duplicate order and maintenance, signature and
//! credential refusals, the privacy policy, the counters and the slow mode.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use payone_sandbox::{
    DEFAULT_PSPID, DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_SHA_OUT, DEFAULT_USERID,
    DIRECTLINK_CARD_3DS, FIRST_PAYID, Faults, Sandbox,
};
use payone_types::directlink::{
    SHASIGN, ShaList, ShaOutError, ShaPassphrase, sha_sign, verify_sha_out,
};

use crate::common::{http, sandbox};

const CARD: &str = "4111111111111111";

/// The account parameters of the default DirectLink account.
fn account() -> Vec<(String, String)> {
    vec![
        ("PSPID".into(), DEFAULT_PSPID.into()),
        ("USERID".into(), DEFAULT_USERID.into()),
        ("PSWD".into(), DEFAULT_PSWD.into()),
    ]
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// The account, `extra`, and `SHASIGN` (SHA-IN over all of them with the default passphrase).
fn signed(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs = account();
    pairs.extend(owned(extra));
    let shasign = sha_sign(
        &pairs,
        &ShaPassphrase::new(DEFAULT_SHA_IN),
        DEFAULT_SHA_ALGO,
        &ShaList::All,
    );
    pairs.push((SHASIGN.to_owned(), shasign));
    pairs
}

/// A signed card order with `ORDERID` and `AMOUNT` plus `extra`.
/// The browser data a 3-D Secure order carries (the tables' rules `*_with_3ds`: required with
/// `FLAG3D=Y`); `order_params` adds those a test does not give itself.
const BROWSER_DATA: &[(&str, &str)] = &[
    ("HTTP_ACCEPT", "*/*"),
    ("HTTP_USER_AGENT", "Mozilla/5.0"),
    ("BROWSERACCEPTHEADER", "text/html,*/*;q=0.8"),
    ("BROWSERCOLORDEPTH", "24"),
    ("BROWSERJAVAENABLED", "false"),
    ("BROWSERLANGUAGE", "de-DE"),
    ("BROWSERSCREENHEIGHT", "1080"),
    ("BROWSERSCREENWIDTH", "1920"),
    ("BROWSERTIMEZONE", "-60"),
    ("BROWSERUSERAGENT", "Mozilla/5.0"),
];

fn order_params(orderid: &str, amount: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("ORDERID", orderid),
        ("AMOUNT", amount),
        ("CURRENCY", "EUR"),
        ("CARDNO", CARD),
        ("ED", "12/30"),
        ("CVC", "123"),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
    ];
    for (name, value) in extra {
        match pairs.iter_mut().find(|(n, _)| n == name) {
            Some(pair) => pair.1 = value,
            None => pairs.push((name, value)),
        }
    }
    if extra.contains(&("FLAG3D", "Y")) {
        for (name, value) in BROWSER_DATA {
            if !pairs.iter().any(|(n, _)| n == name) {
                pairs.push((name, value));
            }
        }
    }
    signed(&pairs)
}

/// POSTs `pairs` to `/ncol/test/{page}`; returns the body after checking status and type.
async fn post(sandbox: &Sandbox, page: &str, pairs: &[(String, String)]) -> String {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let response = http()
        .post(format!("{}/ncol/test/{page}", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/xml; charset=utf-8"
    );
    response.text().await.unwrap()
}

/// The value of attribute `name` of the `<ncresponse>` answer.
fn attr<'a>(xml: &'a str, name: &str) -> &'a str {
    let start = xml
        .find(&format!("\n{name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {xml}"))
        + name.len()
        + 3;
    let len = xml[start..].find('"').expect("closing quote");
    &xml[start..start + len]
}

async fn order(sandbox: &Sandbox, orderid: &str, amount: &str, extra: &[(&str, &str)]) -> String {
    post(
        sandbox,
        "orderdirect.asp",
        &order_params(orderid, amount, extra),
    )
    .await
}

async fn maintain(sandbox: &Sandbox, payid: &str, operation: &str, amount: Option<&str>) -> String {
    let mut pairs = vec![("PAYID", payid), ("OPERATION", operation)];
    if let Some(amount) = amount {
        pairs.push(("AMOUNT", amount));
    }
    post(sandbox, "maintenancedirect.asp", &signed(&pairs)).await
}

/// Queries are sent unsigned, as the client sends them.
async fn query(sandbox: &Sandbox, by: &[(&str, &str)]) -> String {
    let mut pairs = account();
    pairs.extend(owned(by));
    post(sandbox, "querydirect.asp", &pairs).await
}

#[tokio::test]
async fn order_capture_refund_and_query() {
    let sandbox = sandbox().await;
    let answer = order(&sandbox, "dl-1", "1550", &[]).await;
    assert!(
        answer.starts_with("<?xml version=\"1.0\"?><ncresponse\n"),
        "{answer}"
    );
    let payid = FIRST_PAYID.to_string();
    assert_eq!(attr(&answer, "orderID"), "dl-1");
    assert_eq!(attr(&answer, "PAYID"), payid);
    assert_eq!(attr(&answer, "STATUS"), "5");
    assert_eq!(attr(&answer, "NCERROR"), "");
    assert_eq!(attr(&answer, "NCSTATUS"), "0");
    assert_eq!(attr(&answer, "amount"), "15.5", "not multiplied by 100");
    assert_eq!(attr(&answer, "currency"), "EUR");
    assert_eq!(attr(&answer, "BRAND"), "VISA");
    assert_eq!(attr(&answer, "PM"), "CreditCard");
    assert!(!answer.contains(CARD), "{answer}");

    // A partial capture, then the rest (SAS closes capturing).
    let capture = maintain(&sandbox, &payid, "SAL", Some("1000")).await;
    assert_eq!(
        (attr(&capture, "STATUS"), attr(&capture, "PAYIDSUB")),
        ("91", "1")
    );
    assert_eq!(attr(&capture, "amount"), "10");
    let query_answer = query(&sandbox, &[("PAYID", &payid)]).await;
    assert_eq!(attr(&query_answer, "STATUS"), "9");
    assert_eq!(attr(&query_answer, "CARDNO"), "XXXXXXXXXXXX1111");
    let last = maintain(&sandbox, &payid, "SAS", None).await;
    assert_eq!(
        (attr(&last, "STATUS"), attr(&last, "amount")),
        ("91", "5.5")
    );

    // Seed 002 section 5.3: the same maintenance again is refused.
    let again = maintain(&sandbox, &payid, "SAS", None).await;
    assert_eq!(attr(&again, "NCERROR"), "50001127");
    assert_eq!(attr(&again, "STATUS"), "0");
    assert_eq!(attr(&again, "PAYID"), payid);

    // Refunds: more than captured is refused, then partial and final.
    let too_much = maintain(&sandbox, &payid, "RFD", Some("1551")).await;
    assert_eq!(attr(&too_much, "NCERROR"), "50001111");
    assert!(attr(&too_much, "NCERRORPLUS").starts_with("AMOUNT: "));
    let refund = maintain(&sandbox, &payid, "RFD", Some("500")).await;
    assert_eq!(
        (attr(&refund, "STATUS"), attr(&refund, "PAYIDSUB")),
        ("81", "3")
    );
    let refund = maintain(&sandbox, &payid, "RFS", None).await;
    assert_eq!(
        (attr(&refund, "STATUS"), attr(&refund, "amount")),
        ("81", "10.5")
    );
    let refund_again = maintain(&sandbox, &payid, "RFS", None).await;
    assert_eq!(attr(&refund_again, "NCERROR"), "50001127");

    // Queries: by ORDERID, by PAYID and PAYIDSUB (a history level), unknown orders.
    let by_orderid = query(&sandbox, &[("ORDERID", "dl-1")]).await;
    assert_eq!(
        (
            attr(&by_orderid, "PAYID"),
            attr(&by_orderid, "STATUS"),
            attr(&by_orderid, "PAYIDSUB")
        ),
        (payid.as_str(), "8", "4")
    );
    let level = query(&sandbox, &[("PAYID", &payid), ("PAYIDSUB", "1")]).await;
    assert_eq!(
        (attr(&level, "STATUS"), attr(&level, "amount")),
        ("9", "10")
    );
    let unknown = query(&sandbox, &[("ORDERID", "nope")]).await;
    assert_eq!(
        (
            attr(&unknown, "NCERROR"),
            attr(&unknown, "PAYID"),
            attr(&unknown, "STATUS")
        ),
        ("50001130", "0", "")
    );
    let unknown = maintain(&sandbox, "400999999", "SAS", None).await;
    assert_eq!(attr(&unknown, "NCERROR"), "50001130");

    let counts = sandbox.requests();
    assert_eq!(counts["directlink.orderdirect"], 1);
    assert_eq!(counts["directlink.maintenancedirect"], 8);
    assert_eq!(counts["directlink.querydirect"], 4);
    let text = http()
        .get(format!("{}/sandbox/requests", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("directlink.orderdirect=1\n"), "{text}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn delete_renew_and_a_sale() {
    let sandbox = sandbox().await;
    let payid = attr(&order(&sandbox, "dl-del", "2000", &[]).await, "PAYID").to_owned();
    let deleted = maintain(&sandbox, &payid, "DEL", None).await;
    assert_eq!(attr(&deleted, "STATUS"), "61");
    assert_eq!(
        attr(&query(&sandbox, &[("PAYID", &payid)]).await, "STATUS"),
        "6"
    );
    assert_eq!(
        attr(&maintain(&sandbox, &payid, "DEL", None).await, "NCERROR"),
        "50001127"
    );
    assert_eq!(
        attr(&maintain(&sandbox, &payid, "SAS", None).await, "NCERROR"),
        "50001127",
        "a deleted authorisation cannot be captured"
    );
    let renewed = maintain(&sandbox, &payid, "REN", None).await;
    assert_eq!(attr(&renewed, "STATUS"), "5");
    assert_eq!(
        attr(&maintain(&sandbox, &payid, "DES", None).await, "STATUS"),
        "61"
    );
    assert_eq!(
        attr(&maintain(&sandbox, &payid, "REN", None).await, "NCERROR"),
        "50001127",
        "DES closes the order"
    );

    let sale = order(&sandbox, "dl-sale", "700", &[("OPERATION", "SAL")]).await;
    assert_eq!(attr(&sale, "STATUS"), "9");
    let sale_payid = attr(&sale, "PAYID");
    assert_eq!(
        attr(
            &maintain(&sandbox, sale_payid, "SAS", None).await,
            "NCERROR"
        ),
        "50001127",
        "a sale is captured in full"
    );
    assert_eq!(
        attr(&maintain(&sandbox, sale_payid, "RFS", None).await, "STATUS"),
        "81"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn duplicate_orders_keep_the_first_payid() {
    let sandbox = sandbox().await;
    let first = order(&sandbox, "dl-dup", "1000", &[]).await;
    let second = order(&sandbox, "dl-dup", "1000", &[]).await;
    assert_eq!(attr(&second, "NCERROR"), "50001113");
    assert_eq!(attr(&second, "NCSTATUS"), "5");
    assert_eq!(attr(&second, "STATUS"), "0");
    assert_eq!(attr(&second, "PAYID"), attr(&first, "PAYID"));
    assert_eq!(attr(&second, "ACCEPTANCE"), attr(&first, "ACCEPTANCE"));
    assert!(!attr(&first, "ACCEPTANCE").is_empty());

    // A refused order (amount 9902) does not block its ORDERID; a waiting one (9904) does.
    let refused = order(&sandbox, "dl-refused", "9902", &[]).await;
    assert_eq!(
        (attr(&refused, "STATUS"), attr(&refused, "NCERROR")),
        ("2", "30001001")
    );
    let retried = order(&sandbox, "dl-refused", "1000", &[]).await;
    assert_eq!(attr(&retried, "STATUS"), "5");
    let waiting = order(&sandbox, "dl-waiting", "9904", &[]).await;
    assert_eq!(attr(&waiting, "STATUS"), "51");
    assert_eq!(
        attr(
            &maintain(&sandbox, attr(&waiting, "PAYID"), "SAS", None).await,
            "NCERROR"
        ),
        "50001127"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn signatures_credentials_and_parameters_are_checked() {
    let sandbox = sandbox().await;
    // A tampered amount: the SHASIGN no longer matches.
    let mut tampered = order_params("dl-sha", "1000", &[]);
    tampered.iter_mut().find(|(n, _)| n == "AMOUNT").unwrap().1 = "1".into();
    let answer = post(&sandbox, "orderdirect.asp", &tampered).await;
    assert_eq!(attr(&answer, "NCERROR"), "50001184");
    assert_eq!(attr(&answer, "STATUS"), "0");
    assert_eq!(attr(&answer, "NCERRORPLUS"), "unknown order/1/s");
    // Signed with another passphrase, or not at all.
    let mut pairs = account();
    pairs.extend(owned(&[("ORDERID", "dl-sha"), ("AMOUNT", "1000")]));
    let wrong = sha_sign(
        &pairs,
        &ShaPassphrase::new("not the passphrase"),
        DEFAULT_SHA_ALGO,
        &ShaList::All,
    );
    pairs.push((SHASIGN.into(), wrong));
    let answer = post(&sandbox, "maintenancedirect.asp", &pairs).await;
    assert_eq!(attr(&answer, "NCERROR"), "50001184");
    pairs.pop();
    let answer = post(&sandbox, "maintenancedirect.asp", &pairs).await;
    assert_eq!(attr(&answer, "NCERRORPLUS"), "unknown order/0/s");

    // Wrong password: refused without saying which credential, never echoing it.
    let mut wrong_password = order_params("dl-pw", "1000", &[]);
    wrong_password[2].1 = "guessed-password".into();
    let answer = post(&sandbox, "orderdirect.asp", &wrong_password).await;
    assert_eq!(attr(&answer, "NCERROR"), "50001119");
    assert_eq!(attr(&answer, "NCERRORPLUS"), "USERID or PSWD incorrect");
    assert!(!answer.contains("guessed-password"));

    // A missing mandatory parameter is named, the card data never echoed.
    let without_cvc: Vec<(String, String)> = {
        let mut pairs = account();
        pairs.extend(owned(&[
            ("ORDERID", "dl-cvc"),
            ("AMOUNT", "1000"),
            ("CURRENCY", "EUR"),
            ("CARDNO", CARD),
            ("ED", "12/30"),
            ("CN", "Erika Mustermann"),
            ("OPERATION", "RES"),
        ]));
        let shasign = sha_sign(
            &pairs,
            &ShaPassphrase::new(DEFAULT_SHA_IN),
            DEFAULT_SHA_ALGO,
            &ShaList::All,
        );
        pairs.push((SHASIGN.into(), shasign));
        pairs
    };
    let answer = post(&sandbox, "orderdirect.asp", &without_cvc).await;
    assert_eq!(attr(&answer, "NCERROR"), "50001111");
    assert_eq!(attr(&answer, "STATUS"), "0");
    assert_eq!(
        attr(&answer, "NCERRORPLUS"),
        "CVC: required parameter is missing"
    );
    assert!(!answer.contains(CARD) && !answer.contains(DEFAULT_PSWD));
    let malformed = order(&sandbox, "dl-cvc", "10.00", &[]).await;
    assert_eq!(attr(&malformed, "NCERROR"), "50001111");
    assert!(attr(&malformed, "NCERRORPLUS").starts_with("AMOUNT: "));
    // None of them became an order.
    assert_eq!(
        attr(&query(&sandbox, &[("ORDERID", "dl-sha")]).await, "NCERROR"),
        "50001130"
    );
    sandbox.shutdown().await;
}

/// SHA-512 (the default account's algorithm) of `NAME=value` + passphrase for `pairs` in the
/// order given, written out here rather than through `sha_sign`.
fn sha512_by_hand(pairs: &[(String, String)]) -> String {
    use sha2::Digest;
    let string: String = pairs
        .iter()
        .map(|(n, v)| format!("{}={v}{DEFAULT_SHA_IN}", n.to_ascii_uppercase()))
        .collect();
    hex::encode_upper(sha2::Sha512::digest(string.as_bytes()))
}

#[tokio::test]
async fn sha_in_sorts_numbered_names_in_plain_byte_order() {
    let sandbox = sandbox().await;
    let mut pairs = account();
    pairs.extend(owned(&[
        ("ORDERID", "dl-items"),
        ("AMOUNT", "1200"),
        ("CURRENCY", "EUR"),
        ("CARDNO", CARD),
        ("ED", "12/30"),
        ("CVC", "123"),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
    ]));
    for i in 1..=12 {
        pairs.push((format!("ITEMID{i}"), format!("id-{i}")));
        pairs.push((format!("ITEMNAME{i}"), format!("item {i}")));
    }
    // Plain byte order of the upper-cased names: ITEMID10..ITEMID12 before ITEMID2.
    let mut bytewise = pairs.clone();
    bytewise.sort_by_key(|(n, _)| n.to_ascii_uppercase());
    let position = |name: &str| bytewise.iter().position(|(n, _)| n == name).unwrap();
    assert!(position("ITEMID12") < position("ITEMID2"));
    // The natural order of the Frontend hash, which the platform does not use here.
    let mut natural = bytewise.clone();
    natural.sort_by(|a, b| payone_types::natural_cmp(&a.0, &b.0));
    assert_ne!(natural, bytewise);

    let mut refused = pairs.clone();
    refused.push((SHASIGN.to_owned(), sha512_by_hand(&natural)));
    let answer = post(&sandbox, "orderdirect.asp", &refused).await;
    assert_eq!(attr(&answer, "NCERROR"), "50001184");
    assert_eq!(attr(&answer, "NCERRORPLUS"), "unknown order/1/s");

    pairs.push((SHASIGN.to_owned(), sha512_by_hand(&bytewise)));
    let answer = post(&sandbox, "orderdirect.asp", &pairs).await;
    assert_eq!(attr(&answer, "NCERROR"), "", "{answer}");
    assert_eq!(attr(&answer, "STATUS"), "5");
    assert_eq!(attr(&answer, "orderID"), "dl-items");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn three_d_secure_returns_to_accepturl_with_a_sha_out_signature() {
    let sandbox = sandbox().await;
    let answer = order(
        &sandbox,
        "dl-3ds",
        "1500",
        &[
            ("CARDNO", DIRECTLINK_CARD_3DS),
            ("FLAG3D", "Y"),
            ("ACCEPTURL", "https://shop.example/accept?session=1"),
            ("DECLINEURL", "https://shop.example/decline"),
        ],
    )
    .await;
    assert_eq!(attr(&answer, "STATUS"), "46");
    let payid = attr(&answer, "PAYID").to_owned();
    let start = answer.find("<HTML_ANSWER>").expect("HTML_ANSWER") + "<HTML_ANSWER>".len();
    let end = answer.find("</HTML_ANSWER>").unwrap();
    let html = String::from_utf8(STANDARD.decode(&answer[start..end]).unwrap()).unwrap();
    let action = format!("{}/sandbox/directlink/3ds/{payid}", sandbox.base_url());
    assert!(html.contains(&format!("action=\"{action}\"")), "{html}");
    assert!(html.contains("method=\"post\""), "{html}");

    // While the customer authenticates, the order is found with STATUS 46 and no HTML.
    let waiting = query(&sandbox, &[("ORDERID", "dl-3ds")]).await;
    assert_eq!(attr(&waiting, "STATUS"), "46");
    assert!(!waiting.contains("HTML_ANSWER"));
    assert_eq!(
        attr(&maintain(&sandbox, &payid, "SAS", None).await, "NCERROR"),
        "50001127"
    );

    // The browser posts the form; the page offers the two outcomes.
    let page = http()
        .post(&action)
        .form(&[("PAYID", payid.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("id=\"authenticate\""), "{page}");
    let done = http()
        .get(format!("{action}/complete?result=ok"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    let location = done.headers()["location"].to_str().unwrap().to_owned();
    let (base, query_string) = location.split_once("?session=1&").expect("appended");
    assert_eq!(base, "https://shop.example/accept");
    let feedback: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let value = |name: &str| {
        feedback
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("STATUS"), Some("5"));
    assert_eq!(value("PAYID"), Some(payid.as_str()));
    assert_eq!(value("CARDNO"), Some("XXXXXXXXXXXX0002"));
    let sha_out = ShaPassphrase::new(DEFAULT_SHA_OUT);
    assert_eq!(
        verify_sha_out(&feedback, &sha_out, DEFAULT_SHA_ALGO, &ShaList::All),
        Ok(())
    );
    let mut forged = feedback.clone();
    forged.iter_mut().find(|(n, _)| n == "STATUS").unwrap().1 = "9".into();
    assert_eq!(
        verify_sha_out(&forged, &sha_out, DEFAULT_SHA_ALGO, &ShaList::All),
        Err(ShaOutError::Mismatch)
    );
    assert_eq!(
        attr(&query(&sandbox, &[("PAYID", &payid)]).await, "STATUS"),
        "5"
    );
    // Completed once: the page is gone.
    let again = http()
        .get(format!("{action}/complete?result=ok"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);

    // A failed authentication returns to DECLINEURL with STATUS 2.
    let answer = order(
        &sandbox,
        "dl-3ds-fail",
        "1500",
        &[
            ("CARDNO", DIRECTLINK_CARD_3DS),
            ("FLAG3D", "Y"),
            ("ACCEPTURL", "https://shop.example/accept"),
            ("DECLINEURL", "https://shop.example/decline"),
        ],
    )
    .await;
    let payid = attr(&answer, "PAYID");
    let failed = http()
        .get(format!(
            "{}/sandbox/directlink/3ds/{payid}/complete?result=fail",
            sandbox.base_url()
        ))
        .send()
        .await
        .unwrap();
    let location = failed.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("https://shop.example/decline?"),
        "{location}"
    );
    assert!(location.contains("STATUS=2&"), "{location}");

    // FLAG3D without the return URLs is refused naming the URL.
    let answer = order(
        &sandbox,
        "dl-3ds-nourl",
        "1500",
        &[("CARDNO", DIRECTLINK_CARD_3DS), ("FLAG3D", "Y")],
    )
    .await;
    assert_eq!(attr(&answer, "NCERROR"), "50001111");
    assert!(attr(&answer, "NCERRORPLUS").starts_with("ACCEPTURL: "));
    sandbox.shutdown().await;
}

/// The 3-D Secure rows are the table's (group three_d_secure): their LIST values are checked,
/// the browser data of 3-D Secure v2 passes, a wrong value is refused naming the parameter.
#[tokio::test]
async fn three_d_secure_parameters_are_checked_by_the_table() {
    let sandbox = sandbox().await;
    let urls = [
        ("ACCEPTURL", "https://shop.example/accept"),
        ("DECLINEURL", "https://shop.example/decline"),
    ];
    let browser = [
        ("WIN3DS", "POPUP"),
        ("HTTP_ACCEPT", "*/*"),
        ("HTTP_USER_AGENT", "Mozilla/5.0"),
        ("LANGUAGE", "en_US"),
        ("BROWSERACCEPTHEADER", "text/html,*/*;q=0.8"),
        ("BROWSERCOLORDEPTH", "24"),
        ("BROWSERJAVAENABLED", "false"),
        ("BROWSERLANGUAGE", "de-DE"),
        ("BROWSERSCREENHEIGHT", "1080"),
        ("BROWSERSCREENWIDTH", "1920"),
        ("BROWSERTIMEZONE", "-60"),
        ("BROWSERUSERAGENT", "Mozilla/5.0"),
    ];
    let mut extra = vec![("CARDNO", DIRECTLINK_CARD_3DS), ("FLAG3D", "Y")];
    extra.extend(urls);
    extra.extend(browser);
    let answer = order(&sandbox, "dl-3ds-v2", "1500", &extra).await;
    assert_eq!(attr(&answer, "STATUS"), "46", "{answer}");

    for (name, wrong) in [
        ("FLAG3D", "N"),
        ("WIN3DS", "IFRAME"),
        ("BROWSERCOLORDEPTH", "30"),
        ("BROWSERJAVAENABLED", "yes"),
        ("BROWSERSCREENHEIGHT", "1234567"),
    ] {
        let mut extra: Vec<(&str, &str)> =
            extra.iter().filter(|(n, _)| *n != name).copied().collect();
        extra.push((name, wrong));
        let answer = order(&sandbox, &format!("dl-3ds-{name}"), "1500", &extra).await;
        assert_eq!(attr(&answer, "NCERROR"), "50001111", "{name}: {answer}");
        assert!(
            attr(&answer, "NCERRORPLUS").starts_with(&format!("{name}: ")),
            "{name}: {answer}"
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn privacy_policy_per_brand_and_language() {
    let sandbox = sandbox().await;
    let mut pairs = account();
    pairs.extend(owned(&[
        ("BRAND", "VISA"),
        ("BRAND", "American Express"),
        ("LANGUAGE", "de"),
    ]));
    let answer = post(&sandbox, "privacy-policy.asp", &pairs).await;
    assert!(answer.contains("<Status>Success</Status>"), "{answer}");
    assert!(
        answer.contains("<Html><![CDATA[<ul><li><h2>Verantwortlicher</h2>"),
        "{answer}"
    );
    assert!(answer.contains("(VISA, American Express)"), "{answer}");

    let mut all = account();
    all.push(("BRAND".into(), String::new()));
    let answer = post(&sandbox, "privacy-policy.asp", &all).await;
    assert!(
        answer.contains("(VISA, MasterCard, American Express)"),
        "{answer}"
    );
    assert!(answer.contains("<h2>Data controller</h2>"), "{answer}");

    let mut nothing = account();
    nothing.push(("BRAND".into(), "iDEAL".into()));
    let answer = post(&sandbox, "privacy-policy.asp", &nothing).await;
    assert!(
        answer.contains("<Status>SuccessWithWarnings</Status>"),
        "{answer}"
    );
    assert!(answer.contains("<Code>NoContent</Code>"), "{answer}");

    let mut wrong = account();
    wrong[2].1 = "wrong".into();
    let answer = post(&sandbox, "privacy-policy.asp", &wrong).await;
    assert!(answer.contains("<Status>Error</Status>"), "{answer}");
    assert!(answer.contains("<Code>Unauthorized</Code>"), "{answer}");
    assert_eq!(sandbox.requests()["directlink.privacy-policy"], 4);
    sandbox.shutdown().await;
}

/// The slow mode: the order is recorded at once and answered late, so a client that gives up
/// waiting finds it with a query; nothing is sent twice.
#[tokio::test]
async fn a_slow_order_is_recorded_before_it_is_answered() {
    let sandbox = sandbox().await;
    let set = http()
        .post(format!("{}/sandbox/faults", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("directlink_order_delay_ms=3000")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(set.ends_with("directlink_order_delay_ms=3000\n"), "{set}");
    assert_eq!(
        sandbox.faults().directlink_order_delay,
        Duration::from_secs(3)
    );

    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(order_params("dl-slow", "1200", &[]))
        .finish();
    let err = http()
        .post(format!("{}/ncol/test/orderdirect.asp", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .timeout(Duration::from_millis(300))
        .body(body)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    let found = query(&sandbox, &[("ORDERID", "dl-slow")]).await;
    assert_eq!(attr(&found, "STATUS"), "5");
    assert_eq!(sandbox.requests()["directlink.orderdirect"], 1);

    // Other pages are not slowed down, and the setting can be cleared.
    sandbox.set_faults(Faults::default());
    let started = std::time::Instant::now();
    let fast = order(&sandbox, "dl-fast", "1200", &[]).await;
    assert_eq!(attr(&fast, "STATUS"), "5");
    assert!(started.elapsed() < Duration::from_secs(2));
    sandbox.shutdown().await;
}

/// The tables' rule of maintenance and query requests: ORDERID or PAYID names the order. The
/// sandbox checks it with the same registry as the client, naming both parameters.
#[tokio::test]
async fn maintenance_and_query_without_orderid_and_payid_are_refused() {
    let sandbox = sandbox().await;
    let answer = post(
        &sandbox,
        "maintenancedirect.asp",
        &signed(&[("OPERATION", "SAS"), ("AMOUNT", "100")]),
    )
    .await;
    assert_eq!(attr(&answer, "NCERROR"), "50001111", "{answer}");
    assert!(
        attr(&answer, "NCERRORPLUS")
            .starts_with("ORDERID, PAYID: at least one of ORDERID, PAYID is required"),
        "{answer}"
    );
    let answer = query(&sandbox, &[("PAYIDSUB", "1")]).await;
    assert!(
        attr(&answer, "NCERRORPLUS")
            .starts_with("ORDERID, PAYID: at least one of ORDERID, PAYID is required"),
        "{answer}"
    );
    sandbox.shutdown().await;
}
