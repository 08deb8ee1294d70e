//! `POST /post-gateway/`: raw form bodies, exact raw answers.

use payone_sandbox::DEFAULT_KEY;
use payone_types::sign::server_key;
use payone_types::{KeyDigest, PortalKey};

use crate::common::{field, post_raw, sandbox, server, server_form};

const PREAUTH: &[(&str, &str)] = &[
    ("clearingtype", "cc"),
    ("lastname", "Approved"),
    ("amount", "1000"),
    ("currency", "EUR"),
    ("reference", "order-1"),
];

#[tokio::test]
async fn approved_with_the_md5_key_and_with_the_sha384_key() {
    let sandbox = sandbox().await;
    let answer = server(&sandbox, "preauthorization", PREAUTH).await;
    assert_eq!(
        answer,
        "status=APPROVED\ntxid=100000001\nuserid=200000001\n"
    );

    let sha384 = server_key(&PortalKey::new(DEFAULT_KEY), KeyDigest::Sha384);
    let body = server_form(
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "5"),
            ("currency", "EUR"),
        ],
    )
    .replace(&crate::common::key_md5(), &sha384);
    let (_, answer) = post_raw(&sandbox, body).await;
    assert_eq!(
        String::from_utf8(answer).unwrap(),
        "status=APPROVED\ntxid=100000002\nuserid=200000002\n"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_is_refused_without_echoing_it() {
    let sandbox = sandbox().await;
    let wrong = "0123456789abcdef0123456789abcdef";
    let body = server_form("preauthorization", PREAUTH).replace(&crate::common::key_md5(), wrong);
    let (_, answer) = post_raw(&sandbox, body).await;
    let answer = String::from_utf8(answer).unwrap();
    assert!(!answer.contains(wrong));
    insta::assert_snapshot!(answer, @r"
    status=ERROR
    errorcode=6
    errormessage=key incorrect
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn account_parameters_are_checked_first() {
    let sandbox = sandbox().await;
    let body =
        server_form("preauthorization", PREAUTH).replace("portalid=2000001", "portalid=2000002");
    let (_, answer) = post_raw(&sandbox, body).await;
    let answer = String::from_utf8(answer).unwrap();
    assert_eq!(field(&answer, "errorcode"), "4");
    assert_eq!(
        field(&answer, "errormessage"),
        "Parameter {portalid} incorrect: not the sandbox account's"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_used_reference_is_911_case_insensitively() {
    let sandbox = sandbox().await;
    server(&sandbox, "preauthorization", PREAUTH).await;
    let again: Vec<_> = PREAUTH
        .iter()
        .map(|&(n, v)| {
            if n == "reference" {
                (n, "ORDER-1")
            } else {
                (n, v)
            }
        })
        .collect();
    let answer = server(&sandbox, "authorization", &again).await;
    insta::assert_snapshot!(answer, @r"
    status=ERROR
    errorcode=911
    errormessage=Reference number already exists
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_missing_parameter_is_errorcode_1_naming_it() {
    let sandbox = sandbox().await;
    let answer = server(
        &sandbox,
        "preauthorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "1000"),
        ],
    )
    .await;
    insta::assert_snapshot!(answer, @r"
    status=ERROR
    errorcode=1
    errormessage=Parameter {currency} faulty or missing: required parameter is missing
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    let answer = server(
        &sandbox,
        "preauthorization",
        &[
            ("clearingtype", "cc"),
            ("amount", "1000"),
            ("currency", "EUR"),
            ("lastname", "A"),
        ],
    )
    .await;
    assert_eq!(
        field(&answer, "errormessage"),
        "Parameter {lastname} faulty or missing: must be 2 to 50 characters long"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn capture_refund_debit_with_sequence_numbers() {
    let sandbox = sandbox().await;
    let txid = field(&server(&sandbox, "preauthorization", PREAUTH).await, "txid").to_owned();
    let follow = |seq: &'static str, amount: &'static str| {
        [
            ("txid", txid.clone()),
            ("sequencenumber", seq.into()),
            ("amount", amount.into()),
            ("currency", "EUR".into()),
        ]
    };
    let call = |request: &'static str, p: [(&'static str, String); 4]| {
        let sandbox = &sandbox;
        async move {
            let p: Vec<(&str, &str)> = p.iter().map(|(n, v)| (*n, v.as_str())).collect();
            server(sandbox, request, &p).await
        }
    };
    let wrong = call("capture", follow("2", "600")).await;
    insta::assert_snapshot!(wrong, @r"
    status=ERROR
    errorcode=907
    errormessage=Sequence number incorrect
    customermessage=An error occurred while processing this transaction (wrong parameters).
    ");
    assert_eq!(
        call("capture", follow("1", "600")).await,
        format!("status=APPROVED\ntxid={txid}\nsettleaccount=yes\n")
    );
    assert_eq!(
        field(&call("refund", follow("2", "500")).await, "errorcode"),
        "908"
    );
    assert_eq!(
        call("refund", follow("2", "-500")).await,
        format!("status=APPROVED\ntxid={txid}\n")
    );
    assert_eq!(
        call("debit", follow("3", "-100")).await,
        format!("status=APPROVED\ntxid={txid}\n")
    );
    assert_eq!(
        field(&call("debit", follow("4", "-1")).await, "errorcode"),
        "908"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn declined_and_pending_amounts() {
    let sandbox = sandbox().await;
    let declined = server(
        &sandbox,
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "9902"),
            ("currency", "EUR"),
        ],
    )
    .await;
    insta::assert_snapshot!(declined, @r"
    status=ERROR
    errorcode=2
    errormessage=Authorization declined
    customermessage=The transaction was declined.
    ");
    let pending = server(
        &sandbox,
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "9904"),
            ("currency", "EUR"),
        ],
    )
    .await;
    assert_eq!(
        pending,
        "status=PENDING\ntxid=100000001\nuserid=200000001\n"
    );
    sandbox.shutdown().await;
}

/// `lastname=Hellersbergstraße` as ISO-8859-1 bytes and as UTF-8; the answer comes back in the
/// request's charset, shown by an unknown parameter whose name has an `ß`.
#[tokio::test]
async fn latin1_and_utf8_bodies() {
    let sandbox = sandbox().await;
    let latin1 = server_form("preauthorization", PREAUTH)
        .replace("encoding=UTF-8", "encoding=ISO-8859-1")
        .replace("lastname=Approved", "lastname=Hellersbergstra%DFe");
    let (content_type, answer) = post_raw(&sandbox, latin1.clone()).await;
    assert_eq!(content_type, "text/plain; charset=ISO-8859-1");
    assert_eq!(
        answer,
        b"status=APPROVED\ntxid=100000001\nuserid=200000001\n"
    );

    let (content_type, answer) = post_raw(&sandbox, format!("{latin1}&stra%DFe=1")).await;
    assert_eq!(content_type, "text/plain; charset=ISO-8859-1");
    assert!(
        answer.windows(8).any(|w| w == b"{stra\xdfe}"),
        "{}",
        String::from_utf8_lossy(&answer)
    );

    let utf8 = server_form("preauthorization", PREAUTH)
        .replace("order-1", "order-2")
        .replace("lastname=Approved", "lastname=Hellersbergstra%C3%9Fe");
    let (content_type, answer) = post_raw(&sandbox, utf8.clone()).await;
    assert_eq!(content_type, "text/plain; charset=UTF-8");
    assert_eq!(
        answer,
        b"status=APPROVED\ntxid=100000002\nuserid=200000002\n"
    );
    let (_, answer) = post_raw(&sandbox, format!("{utf8}&stra%C3%9Fe=1")).await;
    assert!(String::from_utf8(answer).unwrap().contains("{straße}"));

    // Latin-1 bytes declared as UTF-8: the parameter is named, its value is not echoed.
    let (_, answer) = post_raw(&sandbox, utf8.replace("%C3%9F", "%DF")).await;
    let answer = String::from_utf8(answer).unwrap();
    assert_eq!(
        field(&answer, "errormessage"),
        "Parameter {lastname} faulty or missing: not valid UTF-8"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn requests_are_counted_per_request_type() {
    let sandbox = sandbox().await;
    server(&sandbox, "preauthorization", PREAUTH).await;
    server(&sandbox, "preauthorization", PREAUTH).await;
    server(&sandbox, "capture", &[]).await;
    let text = crate::common::http()
        .get(format!("{}/sandbox/requests", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text, "capture=1\npreauthorization=2\n");
    assert_eq!(sandbox.requests().get("preauthorization"), Some(&2));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn request_values_the_tables_do_not_know_share_one_counter() {
    let sandbox = sandbox().await;
    // One client, so the 2,000 requests reuse a kept-alive connection.
    let http = crate::common::http();
    let url = format!("{}/post-gateway/", sandbox.base_url());
    for i in 0..2000 {
        // Distinct, large, not even text: each would be a counter of its own if counted by value.
        let garbage = format!("{i:04}-{}%FF%00", "x".repeat(10 * 1024));
        let body = format!("request={garbage}&mid=1");
        let answer = http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        answer.bytes().await.unwrap();
    }
    server(&sandbox, "preauthorization", PREAUTH).await;
    let text = http
        .get(format!("{}/sandbox/requests", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.len() < 4096, "{} bytes", text.len());
    assert_eq!(text, "preauthorization=1\nunknown=2000\n");
    assert_eq!(sandbox.requests().len(), 2);
    sandbox.shutdown().await;
}

/// updateaccess with new items of the initial and the subsequent term: validated through the
/// tables like every other row, one violation naming the element's parameter.
#[tokio::test]
async fn updateaccess_items_of_both_terms_are_checked_by_the_tables() {
    let sandbox = sandbox().await;
    let items: &[(&str, &str)] = &[
        ("accessid", "300000001"),
        ("action", "update"),
        ("amount_trail", "0"),
        ("period_unit_trail", "M"),
        ("period_length_trail", "1"),
        ("id_trail[1]", "TRIAL-1"),
        ("no_trail[1]", "1"),
        ("pr_trail[1]", "0"),
        ("de_trail[1]", "First month free"),
        ("ti_trail[1]", "Trial"),
        ("amount_recurring", "1998"),
        ("currency", "EUR"),
        ("id_recurring[1]", "ABO-1"),
        ("no_recurring[1]", "2"),
        ("pr_recurring[1]", "999"),
        ("de_recurring[1]", "Monthly box"),
        ("ti_recurring[1]", "Box"),
        ("va_recurring[1]", "19"),
        ("id_recurring[2]", "ABO-2"),
        ("no_recurring[2]", "1"),
        ("pr_recurring[2]", "0"),
        ("de_recurring[2]", "Newsletter"),
    ];
    let answer = server(&sandbox, "updateaccess", items).await;
    assert_eq!(answer, "status=OK\n");

    // A quantity that is no number, a description too long, an item past the 100th, an item of
    // the initial term without its required price.
    let long = "x".repeat(256);
    let mut too_many = items.to_vec();
    too_many.push(("id_trail[101]", "TOO-MANY"));
    for (pairs, named) in [
        (
            changed(items, "no_recurring[2]", Some("two")),
            "no_recurring[2]",
        ),
        (changed(items, "de_trail[1]", Some(&long)), "de_trail[1]"),
        (too_many, "id_trail[101]"),
        (changed(items, "pr_trail[1]", None), "pr_trail[1]"),
    ] {
        let answer = server(&sandbox, "updateaccess", &pairs).await;
        assert_eq!(field(&answer, "status"), "ERROR", "{answer}");
        assert_eq!(field(&answer, "errorcode"), "1", "{answer}");
        assert!(
            field(&answer, "errormessage")
                .starts_with(&format!("Parameter {{{named}}} faulty or missing")),
            "{named}: {answer}"
        );
    }
    sandbox.shutdown().await;
}

/// `pairs` with `name` given `value`, or left out (`None`).
fn changed<'a>(
    pairs: &[(&'a str, &'a str)],
    name: &str,
    value: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    pairs
        .iter()
        .filter_map(|&(n, v)| match (n == name, value) {
            (false, _) => Some((n, v)),
            (true, Some(new)) => Some((n, new)),
            (true, None) => None,
        })
        .collect()
}
