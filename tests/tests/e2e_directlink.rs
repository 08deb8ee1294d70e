//! DirectLink end to end: `payone_client::directlink::DirectLinkClient<Test>` against the
//! sandbox's `/ncol/test/*.asp` over loopback. Orders, maintenance, queries, 3-D Secure with
//! the SHA-OUT feedback, duplicates, refusals, the privacy policy, and the safe timeout
//! fallback (seed 002 section 6.4): a slow order is sent once and found by `querydirect.asp`.

mod common;

use std::ffi::OsString;
use std::time::Duration;

use common::{bounded, http};
use payone_client::Url;
use payone_client::directlink::*;
use payone_sandbox::{
    Config, DEFAULT_PSPID, DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_SHA_OUT,
    DEFAULT_USERID, DIRECTLINK_CARD_3DS, FIRST_PAYID, Faults, Sandbox,
};

/// A sandbox and a DirectLink client of its default account.
struct DlEnv {
    sandbox: Sandbox,
    base: Url,
}

impl DlEnv {
    async fn start(faults: Faults) -> DlEnv {
        let sandbox = payone_sandbox::start(Config {
            faults,
            ..Config::default()
        })
        .await
        .expect("sandbox starts");
        let base: Url = sandbox.base_url().parse().expect("a base URL");
        DlEnv { sandbox, base }
    }

    /// The client configuration of the sandbox's DirectLink account.
    fn config(&self) -> DirectLinkConfig<Test> {
        self.config_with(DEFAULT_PSWD, DEFAULT_SHA_IN)
    }

    fn config_with(&self, pswd: &str, sha_in: &str) -> DirectLinkConfig<Test> {
        DirectLinkConfig::<Test>::new(
            DEFAULT_PSPID,
            DEFAULT_USERID,
            Password::new(pswd),
            ShaPassphrase::new(sha_in),
            DEFAULT_SHA_ALGO,
        )
        .with_endpoints(Endpoints::with_base(&self.base).expect("a test base"))
    }

    fn client(&self) -> DirectLinkClient<Test> {
        DirectLinkClient::new(self.config()).expect("client")
    }

    /// DirectLink requests the sandbox received on `page` (`orderdirect`, ...).
    fn count(&self, page: &str) -> u64 {
        self.sandbox
            .requests()
            .get(&format!("directlink.{page}"))
            .copied()
            .unwrap_or(0)
    }
}

/// A card order of `amount` cents with `extra` parameters added (or replacing ours).
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
    let mut params: Vec<(String, String)> = [
        ("ORDERID", orderid),
        ("AMOUNT", amount),
        ("CURRENCY", "EUR"),
        ("CARDNO", "4111111111111111"),
        ("ED", "1230"),
        ("CVC", "123"),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect();
    for (name, value) in extra {
        match params.iter_mut().find(|(n, _)| n == name) {
            Some(param) => param.1 = (*value).to_owned(),
            None => params.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    if extra.contains(&("FLAG3D", "Y")) {
        for (name, value) in BROWSER_DATA {
            if !params.iter().any(|(n, _)| n == name) {
                params.push(((*name).to_owned(), (*value).to_owned()));
            }
        }
    }
    params
}

async fn order(client: &DirectLinkClient<Test>, params: &[(String, String)]) -> Outcome {
    match bounded("the order", client.order(params)).await.unwrap() {
        OrderOutcome::Answered(outcome) => outcome,
        other => panic!("not answered: {other:?}"),
    }
}

async fn maintain(
    client: &DirectLinkClient<Test>,
    payid: &str,
    operation: &str,
    amount: Option<&str>,
) -> Outcome {
    let mut params = vec![("PAYID", payid), ("OPERATION", operation)];
    if let Some(amount) = amount {
        params.push(("AMOUNT", amount));
    }
    bounded("the maintenance", client.maintenance(&params))
        .await
        .unwrap()
}

async fn query_status(client: &DirectLinkClient<Test>, payid: &str) -> Status {
    let by = QueryBy::PayId {
        payid: payid.to_owned(),
        payidsub: None,
    };
    match bounded("the query", client.query(by)).await.unwrap() {
        Outcome::Processed { status, .. } => status,
        other => panic!("not processed: {other:?}"),
    }
}

fn processed(outcome: &Outcome) -> Status {
    match outcome {
        Outcome::Processed { status, .. } => *status,
        other => panic!("not processed: {other:?}"),
    }
}

#[tokio::test]
async fn order_capture_refund_delete_and_query() {
    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();

    let authorised = order(&client, &order_params("e2e-1", "2500", &[])).await;
    assert_eq!(processed(&authorised), Status::Authorised);
    let response = authorised.response();
    let payid = response.payid().unwrap().to_owned();
    assert_eq!(payid, FIRST_PAYID.to_string());
    assert_eq!(response.orderid(), Some("e2e-1"));
    assert_eq!(response.amount(), Some("25"));
    assert_eq!(response.brand(), Some("VISA"));

    let capture = maintain(&client, &payid, "SAS", None).await;
    assert_eq!(processed(&capture), Status::PaymentProcessing);
    assert_eq!(capture.response().payidsub(), Some("1"));
    assert_eq!(
        query_status(&client, &payid).await,
        Status::PaymentRequested
    );
    // The same capture again: seed 002 section 5.3.
    let again = maintain(&client, &payid, "SAS", None).await;
    assert!(
        matches!(again, Outcome::DuplicateMaintenance { .. }),
        "{again:?}"
    );

    let refund = maintain(&client, &payid, "RFD", Some("1000")).await;
    assert_eq!(processed(&refund), Status::RefundPending);
    assert_eq!(refund.response().amount(), Some("10"));
    assert_eq!(query_status(&client, &payid).await, Status::Refund);
    let rest = maintain(&client, &payid, "RFS", None).await;
    assert_eq!(rest.response().amount(), Some("15"));
    assert!(matches!(
        maintain(&client, &payid, "RFS", None).await,
        Outcome::DuplicateMaintenance { .. }
    ));

    // By ORDERID the query finds the same order.
    let by_orderid = bounded(
        "the query",
        client.query(QueryBy::OrderId("e2e-1".to_owned())),
    )
    .await
    .unwrap();
    assert_eq!(by_orderid.response().payid(), Some(payid.as_str()));
    assert_eq!(by_orderid.response().cardno(), Some("XXXXXXXXXXXX1111"));

    // A second order is deleted before capture.
    let second = order(&client, &order_params("e2e-2", "800", &[])).await;
    let second_payid = second.response().payid().unwrap().to_owned();
    let deleted = maintain(&client, &second_payid, "DES", None).await;
    assert_eq!(processed(&deleted), Status::AuthorisationDeletionWaiting);
    assert_eq!(
        query_status(&client, &second_payid).await,
        Status::AuthorisedAndCancelled
    );
    assert!(matches!(
        maintain(&client, &second_payid, "SAS", None).await,
        Outcome::DuplicateMaintenance { .. }
    ));

    // An unknown order: rejected, no payment named.
    let unknown = bounded(
        "the query",
        client.query(QueryBy::OrderId("never-sent".to_owned())),
    )
    .await
    .unwrap();
    match &unknown {
        Outcome::Rejected { error, response } => {
            assert_eq!(error.code(), 50001130);
            assert!(!response.has_payment());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(env.count("orderdirect"), 2);
    assert_eq!(env.count("maintenancedirect"), 7);
    env.sandbox.shutdown().await;
}

#[tokio::test]
async fn a_duplicate_order_names_the_existing_payment() {
    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let first = order(&client, &order_params("e2e-dup", "1000", &[])).await;
    let second = order(&client, &order_params("e2e-dup", "1000", &[])).await;
    match &second {
        Outcome::DuplicateOrder { payid, response } => {
            assert_eq!(Some(payid.as_str()), first.response().payid());
            assert_eq!(response.acceptance(), first.response().acceptance());
            assert_eq!(response.status(), Some(Status::InvalidOrIncomplete));
        }
        other => panic!("{other:?}"),
    }
    // Sent twice by the caller, not retried by the client.
    assert_eq!(env.count("orderdirect"), 2);
    env.sandbox.shutdown().await;
}

#[tokio::test]
async fn three_d_secure_identification_and_the_sha_out_feedback() {
    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let params = order_params(
        "e2e-3ds",
        "4200",
        &[
            ("CARDNO", DIRECTLINK_CARD_3DS),
            ("FLAG3D", "Y"),
            ("ACCEPTURL", "https://shop.example/accept"),
            ("DECLINEURL", "https://shop.example/decline"),
        ],
    );
    let outcome = order(&client, &params).await;
    let (html, payid) = match &outcome {
        Outcome::Identification {
            html_answer,
            response,
        } => (html_answer.clone(), response.payid().unwrap().to_owned()),
        other => panic!("not Identification: {other:?}"),
    };
    assert_eq!(
        query_status(&client, &payid).await,
        Status::WaitingForIdentification
    );

    // What the customer's browser does with the HTML: post the form, click "Authenticate".
    let action = html
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form action")
        .to_owned();
    assert!(action.starts_with("http://127.0.0.1:"), "{action}");
    let page = bounded(
        "the 3-D Secure page",
        http().post(&action).form(&[("PAYID", &payid)]).send(),
    )
    .await
    .unwrap();
    assert_eq!(page.status(), 200);
    let done = bounded(
        "the authentication",
        http().get(format!("{action}/complete?result=ok")).send(),
    )
    .await
    .unwrap();
    assert_eq!(done.status(), 303);
    let location: Url = done.headers()["location"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(location.path(), "/accept");
    let feedback: Vec<(String, String)> = location
        .query_pairs()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let sha_out = ShaPassphrase::new(DEFAULT_SHA_OUT);
    assert_eq!(
        verify_sha_out(&feedback, &sha_out, DEFAULT_SHA_ALGO, &ShaList::All),
        Ok(())
    );
    assert!(feedback.contains(&("STATUS".to_owned(), "5".to_owned())));
    assert_eq!(query_status(&client, &payid).await, Status::Authorised);
    assert_eq!(
        processed(&maintain(&client, &payid, "SAS", None).await),
        Status::PaymentProcessing
    );
    env.sandbox.shutdown().await;
}

#[tokio::test]
async fn wrong_signatures_credentials_and_parameters_are_rejected() {
    let env = DlEnv::start(Faults::default()).await;
    let wrong_sha =
        DirectLinkClient::new(env.config_with(DEFAULT_PSWD, "not the passphrase")).unwrap();
    match order(&wrong_sha, &order_params("e2e-sha", "1000", &[])).await {
        Outcome::Rejected { error, response } => {
            assert_eq!(error, NcError::ShaMismatch);
            assert_eq!(response.status(), Some(Status::InvalidOrIncomplete));
        }
        other => panic!("{other:?}"),
    }
    let wrong_password =
        DirectLinkClient::new(env.config_with("not the password", DEFAULT_SHA_IN)).unwrap();
    match order(&wrong_password, &order_params("e2e-pw", "1000", &[])).await {
        Outcome::Rejected { error, response } => {
            assert_eq!(error.code(), 50001119);
            assert_eq!(response.ncerrorplus(), Some("USERID or PSWD incorrect"));
        }
        other => panic!("{other:?}"),
    }
    let client = env.client();
    let mut without_cvc = order_params("e2e-cvc", "1000", &[]);
    without_cvc.retain(|(n, _)| n != "CVC");
    match order(&client, &without_cvc).await {
        Outcome::Rejected { error, response } => {
            assert_eq!(error, NcError::DataValidation);
            assert_eq!(
                response.ncerrorplus(),
                Some("CVC: required parameter is missing")
            );
        }
        other => panic!("{other:?}"),
    }
    // None of them was recorded.
    let unknown = client
        .query(QueryBy::OrderId("e2e-sha".to_owned()))
        .await
        .unwrap();
    assert!(!unknown.response().has_payment());
    env.sandbox.shutdown().await;
}

#[tokio::test]
async fn the_privacy_policy_per_brand_and_language() {
    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let policy = bounded(
        "the privacy policy",
        client.privacy_policy(&[
            ("BRAND", "VISA"),
            ("BRAND", "MasterCard"),
            ("LANGUAGE", "de"),
        ]),
    )
    .await
    .unwrap();
    assert_eq!(policy.status(), &PrivacyStatus::Success);
    let html = policy.html().unwrap();
    assert!(
        html.contains("<h2>Kartenzahlung (VISA, MasterCard)</h2>"),
        "{html}"
    );

    // The typed request carries several brands, each sent as its own BRAND.
    use payone_types::generated::directlink as dl;
    let typed = dl::PrivacyPolicy::builder()
        .brand(vec![dl::Brand::new("VISA"), dl::Brand::new("MasterCard")])
        .language(dl::Language::new("DE"))
        .build()
        .expect("valid");
    assert_eq!(typed.brand().len(), 2);
    let wire: Vec<(String, String)> = payone_types::Request::to_params(&typed, &env.config())
        .expect("valid")
        .iter()
        .filter(|p| !["PSPID", "USERID", "PSWD"].contains(&p.name.as_ref()))
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .collect();
    insta::assert_debug_snapshot!("privacy_policy_two_brands_wire", wire);
    let policy = bounded(
        "the typed privacy policy",
        client.send_privacy_policy(&typed),
    )
    .await
    .unwrap();
    assert_eq!(policy.status(), &PrivacyStatus::Success);
    assert!(
        policy
            .html()
            .unwrap()
            .contains("<h2>Kartenzahlung (VISA, MasterCard)</h2>"),
        "{:?}",
        policy.html()
    );

    let nothing = client.privacy_policy(&[("BRAND", "iDEAL")]).await.unwrap();
    assert_eq!(nothing.status(), &PrivacyStatus::SuccessWithWarnings);
    assert!(nothing.is_empty());
    assert_eq!(nothing.warnings()[0].code, NoticeCode::NoContent);

    let wrong = DirectLinkClient::new(env.config_with("wrong", DEFAULT_SHA_IN)).unwrap();
    let refused = wrong.privacy_policy::<&str, &str>(&[]).await.unwrap();
    assert_eq!(refused.status(), &PrivacyStatus::Error);
    assert_eq!(refused.errors()[0].code, NoticeCode::Unauthorized);
    env.sandbox.shutdown().await;
}

/// The client's configuration from the environment variables agrees with the sandbox's
/// defaults (both read `PAYONE_PSPID`, ... of DESIGN.md section 5).
#[tokio::test]
async fn the_environment_configuration_reaches_the_sandbox() {
    let env = DlEnv::start(Faults::default()).await;
    let vars = [
        ("PAYONE_PSPID", DEFAULT_PSPID.to_owned()),
        ("PAYONE_USERID", DEFAULT_USERID.to_owned()),
        ("PAYONE_PSWD", DEFAULT_PSWD.to_owned()),
        ("PAYONE_SHA_IN", DEFAULT_SHA_IN.to_owned()),
        ("PAYONE_SHA_ALGO", DEFAULT_SHA_ALGO.to_string()),
        ("PAYONE_DIRECTLINK_URL", env.sandbox.base_url()),
    ];
    let config = DirectLinkConfig::<Test>::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| OsString::from(v))
    })
    .unwrap();
    let client = DirectLinkClient::new(config).unwrap();
    let outcome = order(&client, &order_params("e2e-env", "100", &[])).await;
    assert_eq!(processed(&outcome), Status::Authorised);
    env.sandbox.shutdown().await;
}

/// Seed 002 section 6.4 against the sandbox's slow mode: `orderdirect.asp` records the order
/// and answers only after the client has given up; the client does not send the order again
/// but asks `querydirect.asp`, which finds it.
#[tokio::test]
async fn a_slow_order_is_sent_once_and_found_by_the_query() {
    let env = DlEnv::start(Faults {
        directlink_order_delay: Duration::from_secs(10),
        ..Faults::default()
    })
    .await;
    let client = DirectLinkClient::new(
        env.config()
            .with_order_timeout(Duration::from_millis(500))
            .with_query_policy(QueryPolicy::new(
                3,
                Duration::from_millis(100),
                Duration::from_secs(5),
            )),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let outcome = bounded(
        "the order with its fallback",
        client.order(&order_params("e2e-slow", "3300", &[])),
    )
    .await
    .unwrap();
    match &outcome {
        OrderOutcome::Queried {
            outcome,
            order_error,
            queries,
        } => {
            assert_eq!(*queries, 1);
            assert!(order_error.outcome_unknown(), "{order_error}");
            assert!(
                matches!(order_error, DirectLinkError::Timeout { .. }),
                "{order_error:?}"
            );
            assert_eq!(processed(outcome), Status::Authorised);
            assert_eq!(
                outcome.response().payid(),
                Some(FIRST_PAYID.to_string().as_str())
            );
            assert_eq!(outcome.response().orderid(), Some("e2e-slow"));
        }
        other => panic!("not found by the query: {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "the client did not wait for the slow answer"
    );
    assert_eq!(env.count("orderdirect"), 1, "the order was sent once");
    assert_eq!(env.count("querydirect"), 1);

    // With queries disallowed the outcome stays unknown, and still nothing is sent twice.
    let no_queries = DirectLinkClient::new(
        env.config()
            .with_order_timeout(Duration::from_millis(300))
            .with_query_policy(QueryPolicy::new(
                0,
                Duration::from_millis(100),
                Duration::from_secs(5),
            )),
    )
    .unwrap();
    let unknown = bounded(
        "the order without queries",
        no_queries.order(&order_params("e2e-slow-2", "3300", &[])),
    )
    .await
    .unwrap();
    assert!(unknown.is_unknown(), "{unknown:?}");
    assert_eq!(env.count("orderdirect"), 2);
    assert_eq!(env.count("querydirect"), 1);
    // The sandbox recorded it anyway: a later query finds it.
    let later = client
        .query(QueryBy::OrderId("e2e-slow-2".to_owned()))
        .await
        .unwrap();
    assert_eq!(processed(&later), Status::Authorised);

    // Once the slow mode is off, orders are answered directly.
    env.sandbox.set_faults(Faults::default());
    let fast = bounded(
        "a fast order",
        client.order(&order_params("e2e-fast", "3300", &[])),
    )
    .await
    .unwrap();
    assert!(matches!(fast, OrderOutcome::Answered(_)), "{fast:?}");
    env.sandbox.shutdown().await;
}

/// The generated request types: the tables check the whole request before anything is sent,
/// the transport adds PSPID, USERID, PSWD and SHASIGN.
#[tokio::test]
async fn typed_orders_are_checked_then_sent_once() {
    use payone_types::generated::directlink as dl;

    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let card = dl::CreditCard::builder()
        .cardno(dl::CreditCardCardno::new("4111111111111111"))
        .ed(dl::CreditCardEd::new("1230"))
        .cn(dl::Cn::new("Max Mustermann"))
        .cvc(dl::Cvc::new("012"))
        .operation(dl::CreditCardOperation::Res)
        .build();
    let request = dl::Orderdirect::builder()
        .orderid(dl::NewOrderOrderid::new("typed-1"))
        .amount(dl::Amount::new(1500))
        .currency(dl::Currency::new("EUR"))
        .pm(dl::Pm::CreditCard(Some(card)))
        .build()
        .expect("valid");
    let outcome = match bounded("the typed order", client.send_order(&request))
        .await
        .expect("sent")
    {
        OrderOutcome::Answered(outcome) => outcome,
        other => panic!("not answered: {other:?}"),
    };
    assert_eq!(processed(&outcome), Status::Authorised);
    assert_eq!(env.count("orderdirect"), 1);
    assert!(
        !format!("{request:?}").contains("4111111111111111"),
        "Debug shows the card number"
    );

    // A PSPID longer than the table's AN, 30 is refused before sending, naming it.
    let long = DirectLinkConfig::<Test>::new(
        "p".repeat(31),
        DEFAULT_USERID,
        Password::new(DEFAULT_PSWD),
        ShaPassphrase::new(DEFAULT_SHA_IN),
        DEFAULT_SHA_ALGO,
    )
    .with_endpoints(Endpoints::with_base(&env.base).expect("a test base"));
    let refused = DirectLinkClient::new(long)
        .expect("client")
        .send_order(&request)
        .await
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "the DirectLink request was not sent because it breaks the parameter tables: PSPID: must be 1 to 30 characters long"
    );
    assert_eq!(env.count("orderdirect"), 1, "nothing more was sent");
}

/// A typed 3-D Secure order: the rows of the table's 3-D Secure group (FLAG3D, WIN3DS, the
/// return URLs, the 3-D Secure v2 browser data) travel as typed values, the sandbox asks for
/// identification (STATUS 46 with the HTML answer).
#[tokio::test]
async fn a_typed_three_d_secure_order_asks_for_identification() {
    use payone_types::generated::directlink as dl;

    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let card = dl::CreditCard::builder()
        .cardno(dl::CreditCardCardno::new(DIRECTLINK_CARD_3DS))
        .ed(dl::CreditCardEd::new("1230"))
        .cn(dl::Cn::new("Max Mustermann"))
        .cvc(dl::Cvc::new("123"))
        .operation(dl::CreditCardOperation::Sal)
        .build();
    let request = dl::Orderdirect::builder()
        .orderid(dl::NewOrderOrderid::new("typed-3ds-1"))
        .amount(dl::Amount::new(4200))
        .currency(dl::Currency::new("EUR"))
        .pm(dl::Pm::CreditCard(Some(card)))
        .flag3d(dl::Flag3d::Y)
        .win3ds(dl::Win3ds::Mainw)
        .accepturl(dl::Accepturl::new("https://shop.example/accept"))
        .declineurl(dl::Declineurl::new("https://shop.example/decline"))
        .http_accept(dl::HttpAccept::new("*/*"))
        .http_user_agent(dl::HttpUserAgent::new("Mozilla/5.0"))
        .language(dl::ThreeDSecureLanguage::new("en_US"))
        .browseracceptheader(dl::Browseracceptheader::new("text/html,*/*;q=0.8"))
        .browsercolordepth(dl::Browsercolordepth::V24)
        .browserjavaenabled(dl::Browserjavaenabled::False)
        .browserlanguage(dl::Browserlanguage::new("de-DE"))
        .browserscreenheight(dl::Browserscreenheight::new(1080))
        .browserscreenwidth(dl::Browserscreenwidth::new(1920))
        .browsertimezone(dl::Browsertimezone::new("-60"))
        .browseruseragent(dl::Browseruseragent::new("Mozilla/5.0"))
        .build()
        .expect("valid");
    let outcome = match bounded("the typed 3-D Secure order", client.send_order(&request))
        .await
        .expect("sent")
    {
        OrderOutcome::Answered(outcome) => outcome,
        other => panic!("not answered: {other:?}"),
    };
    match &outcome {
        Outcome::Identification { html_answer, .. } => {
            assert!(html_answer.contains("<form"), "{html_answer}")
        }
        other => panic!("no identification: {other:?}"),
    }
    assert_eq!(env.count("orderdirect"), 1);
    env.sandbox.shutdown().await;
}

/// The typed direct query (seed 002 section 6.1.2): by PAYID (with PAYIDSUB) and by ORDERID,
/// checked by the tables before sending; one naming no order is refused unsent.
#[tokio::test]
async fn typed_queries_find_the_order_by_payid_or_orderid() {
    use payone_types::generated::directlink as dl;

    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let placed = order(&client, &order_params("typed-query-1", "2100", &[])).await;
    let payid = placed.response().payid().expect("a PAYID").to_owned();
    let captured = maintain(&client, &payid, "SAS", Some("2100")).await;
    assert_eq!(processed(&captured), Status::PaymentProcessing);

    let by_payid = dl::Querydirect::builder()
        .payid(dl::Payid::try_new(payid.clone()).expect("a PAYID"))
        .payidsub(dl::Payidsub::new("1"))
        .build()
        .expect("valid");
    let answer = bounded("the typed query by PAYID", client.send_query(&by_payid))
        .await
        .expect("answered");
    assert_eq!(processed(&answer), Status::PaymentRequested);
    assert_eq!(answer.response().orderid(), Some("typed-query-1"));
    assert_eq!(answer.response().payid(), Some(payid.as_str()));
    assert_eq!(env.count("querydirect"), 1);

    let by_orderid = dl::Querydirect::builder()
        .orderid(dl::QueryOrderid::new("typed-query-1"))
        .build()
        .expect("valid");
    let answer = bounded("the typed query by ORDERID", client.send_query(&by_orderid))
        .await
        .expect("answered");
    assert_eq!(answer.response().payid(), Some(payid.as_str()));
    assert_eq!(processed(&answer), Status::PaymentRequested);
    assert_eq!(env.count("querydirect"), 2);

    // An unknown order is answered by the sandbox, not refused by the client.
    let unknown = dl::Querydirect::builder()
        .orderid(dl::QueryOrderid::new("no-such-order"))
        .build()
        .expect("valid");
    let answer = bounded(
        "the typed query of an unknown order",
        client.send_query(&unknown),
    )
    .await
    .expect("answered");
    assert!(matches!(answer, Outcome::Rejected { .. }), "{answer:?}");
    assert_eq!(env.count("querydirect"), 3);

    // Neither ORDERID nor PAYID: refused before anything is sent.
    let nothing = dl::Querydirect::builder()
        .build()
        .expect("the table alone allows it");
    let refused = client.send_query(&nothing).await.expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "the DirectLink request was not sent because it breaks the parameter tables: ORDERID, PAYID: \
         at least one of ORDERID, PAYID is required (The order whose status is asked for is \
         identified by its PAYID or by its ORDERID (the PAYID is recommended).)"
    );
    assert_eq!(env.count("querydirect"), 3, "nothing more was sent");
    env.sandbox.shutdown().await;
}

/// Sends a 3-D Secure order, follows its `HTML_ANSWER` to the sandbox's page as the customer's
/// browser would, picks `result` (`ok` or `fail`) and returns where the customer is sent back
/// to, with the SHA-OUT signed feedback in its query.
async fn back_from_3ds(client: &DirectLinkClient<Test>, orderid: &str, result: &str) -> Url {
    let params = order_params(
        orderid,
        "4200",
        &[
            ("CARDNO", DIRECTLINK_CARD_3DS),
            ("FLAG3D", "Y"),
            ("ACCEPTURL", "https://shop.example/accept"),
            ("DECLINEURL", "https://shop.example/decline"),
        ],
    );
    let (html, payid) = match order(client, &params).await {
        Outcome::Identification {
            html_answer,
            response,
        } => (html_answer, response.payid().unwrap().to_owned()),
        other => panic!("not Identification: {other:?}"),
    };
    let action = html
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form action")
        .to_owned();
    assert!(action.starts_with("http://127.0.0.1:"), "{action}");
    let page = bounded(
        "the 3-D Secure page",
        http().post(&action).form(&[("PAYID", &payid)]).send(),
    )
    .await
    .unwrap();
    assert_eq!(page.status(), 200);
    let done = bounded(
        "the authentication",
        http()
            .get(format!("{action}/complete?result={result}"))
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(done.status(), 303);
    done.headers()["location"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// The redirect of the sandbox's 3-D Secure page read with `FeedbackVerifier`: verified with
/// the SHA-OUT passphrase, then typed; a customer who edits it, or a wrong passphrase, gets
/// nothing.
#[tokio::test]
async fn three_d_secure_feedback_is_verified_and_typed() {
    let env = DlEnv::start(Faults::default()).await;
    let client = env.client();
    let verifier = FeedbackVerifier::new(ShaPassphrase::new(DEFAULT_SHA_OUT), DEFAULT_SHA_ALGO);

    let accepted = back_from_3ds(&client, "e2e-fb-ok", "ok").await;
    assert_eq!(accepted.path(), "/accept");
    let feedback = verifier.verify_url(&accepted).expect("signed feedback");
    assert_eq!(feedback.status(), Status::Authorised);
    assert_eq!(feedback.ncerror(), None);
    assert_eq!(feedback.orderid(), Some("e2e-fb-ok"));
    assert_eq!(feedback.payid(), Some(FIRST_PAYID.to_string().as_str()));
    assert_eq!(feedback.amount(), Some("42"));
    assert_eq!(feedback.currency(), Some("EUR"));
    assert_eq!(feedback.pm(), Some("CreditCard"));
    assert_eq!(feedback.brand(), Some("VISA"));
    assert!(feedback.acceptance().is_some());
    assert_eq!(feedback.cardno(), Some("XXXXXXXXXXXX0002"));
    assert_eq!(feedback.others().count(), 0, "{feedback:?}");
    assert!(!format!("{feedback:?}").contains(DIRECTLINK_CARD_3DS));
    // What the feedback says is what the platform says.
    assert_eq!(
        query_status(&client, feedback.payid().unwrap()).await,
        feedback.status()
    );

    let edited: Url = accepted
        .as_str()
        .replace("amount=42", "amount=4200")
        .parse()
        .unwrap();
    assert_ne!(edited, accepted);
    assert_eq!(verifier.verify_url(&edited), Err(FeedbackError::Mismatch));
    let wrong = FeedbackVerifier::new(ShaPassphrase::new(DEFAULT_SHA_IN), DEFAULT_SHA_ALGO);
    assert_eq!(wrong.verify_url(&accepted), Err(FeedbackError::Mismatch));

    let declined = back_from_3ds(&client, "e2e-fb-fail", "fail").await;
    assert_eq!(declined.path(), "/decline");
    let feedback = verifier.verify_url(&declined).expect("signed feedback");
    assert_eq!(feedback.status(), Status::AuthorisationRefused);
    assert_eq!(feedback.ncerror(), Some(NcError::Other(40001134)));
    assert_eq!(feedback.orderid(), Some("e2e-fb-fail"));
    env.sandbox.shutdown().await;
}
