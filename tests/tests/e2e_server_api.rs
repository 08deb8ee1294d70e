//! Every Server API request type of the spec, sent by `payone_client::Client` to a sandbox over
//! loopback, with typed answers: `Approved`, `Redirect` (3-D Secure, followed to the shop's
//! `successurl`), `Pending`, and the fields the answer types do not name kept.

mod common;

use common::*;
use payone_client::cof::{Customer, InitialAgreement};
use payone_client::{Answer, Error, Status};
use payone_sandbox::Delivery;
use payone_types::generated::server::*;

/// One answer as a titled block of `name=value` lines, for the snapshots.
fn block(title: &str, answer: &Answer) -> String {
    format!("# {title}\n{}", lines(answer.fields()))
}

#[tokio::test]
async fn preauthorization_capture_in_two_parts_refund_and_debit() {
    let env = Env::start().await;
    let client = &env.client;
    let mut transcript = String::new();

    let reserved = Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .lastname(Lastname::new("Approved"))
        .amount(Amount::new(10000))
        .currency(eur())
        .reference(Reference::new("order-1"))
        .build()
        .unwrap();
    let answer = client.send(&reserved).await.unwrap();
    let Answer::Approved {
        txid: Some(ref txid),
        userid: Some(ref userid),
        ..
    } = answer
    else {
        panic!("not approved with txid and userid: {answer:?}");
    };
    assert_eq!((txid.as_str(), userid.as_str()), ("100000001", "200000001"));
    transcript += &block("preauthorization 100.00", &answer);

    // A partial capture, then the rest: the answer's `settleaccount` is no field of
    // `Answer::Approved`, yet it is kept.
    let answer = client.send(&capture(txid, 1, 4000)).await.unwrap();
    assert_eq!(answer.status(), Status::Approved);
    assert_eq!(answer.get("settleaccount"), Some("yes"));
    transcript += &block("capture 40.00", &answer);
    let answer = client.send(&capture(txid, 2, 6000)).await.unwrap();
    transcript += &block("capture 60.00", &answer);

    // Partial refund: a negative amount.
    let answer = client.send(&refund(txid, 3, -2500)).await.unwrap();
    assert_eq!(answer.txid(), Some("100000001"));
    transcript += &block("refund -25.00", &answer);

    let answer = client.send(&debit(txid, 4, -500)).await.unwrap();
    transcript += &block("debit -5.00", &answer);

    // What the platform told the shop about it (no notify_url: logged, not sent).
    let log = env.sandbox.notifications();
    assert!(log.iter().all(|n| n.delivery == Delivery::NotSent));
    transcript += "# notifications: txaction sequencenumber receivable\n";
    for n in &log {
        transcript += &format!(
            "{} {} {}\n",
            n.txaction,
            n.get("sequencenumber").unwrap(),
            n.get("receivable").unwrap()
        );
    }
    insta::assert_snapshot!(transcript);

    assert_eq!(
        env.requests().await.into_iter().collect::<Vec<_>>(),
        [
            ("capture".to_owned(), 2),
            ("debit".to_owned(), 1),
            ("preauthorization".to_owned(), 1),
            ("refund".to_owned(), 1),
        ]
    );
    env.shutdown().await;
}

#[tokio::test]
async fn authorization_books_at_once_and_is_refunded() {
    let env = Env::start().await;
    let booked = Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .amount(Amount::new(2000))
        .currency(eur())
        .lastname(Lastname::new("Approved"))
        .build()
        .unwrap();
    let answer = env.client.send(&booked).await.unwrap();
    assert!(
        matches!(&answer, Answer::Approved { txid: Some(t), userid: Some(u), .. }
            if t == "100000001" && u == "200000001"),
        "{answer:?}"
    );
    let answer = env
        .client
        .send(&refund("100000001", 1, -2000))
        .await
        .unwrap();
    assert_eq!(answer.status(), Status::Approved);

    // Nothing left to refund: the platform's error, typed.
    let err = env
        .client
        .send(&refund("100000001", 2, -1))
        .await
        .unwrap_err();
    assert_eq!(err.errorcode(), Some("908"), "{err}");
    assert!(!err.outcome_unknown());
    env.shutdown().await;
}

#[tokio::test]
async fn createaccess_and_vauthorization_keep_the_fields_the_answer_types_do_not_name() {
    let env = Env::start().await;
    let block = || {
        CreditCard::builder()
            .cardtype(Cardtype::V)
            .cardexpiredate(Cardexpiredate::new("3012"))
            .pseudocardpan(Pseudocardpan::new("9410010000000000001"))
            .build()
    };
    let access = Createaccess::builder()
        .recurrence(Recurrence::Recurring)
        .customer_is_present(CustomerIsPresent::No)
        .clearingtype(CreateaccessClearingtype::Cc(Some(block())))
        .customerid(Customerid::new("cust-1"))
        .build()
        .unwrap();
    let answer = env.client.send(&access).await.unwrap();
    let mut transcript = self::block("createaccess", &answer);
    assert_eq!(answer.get("accessid"), Some("300000001"));

    let micro = Vauthorization::builder()
        .recurrence(Recurrence::Recurring)
        .customer_is_present(CustomerIsPresent::No)
        .clearingtype(CreateaccessClearingtype::Cc(None))
        .amount(Amount::new(199))
        .currency(eur())
        .userid(Userid::try_new(answer.userid().unwrap().to_owned()).unwrap())
        .vreference(Vreference::new("billing-1"))
        .build()
        .unwrap();
    let answer = env.client.send(&micro).await.unwrap();
    transcript += &self::block("vauthorization", &answer);
    insta::assert_snapshot!(transcript, @r"
    # createaccess
    status=APPROVED
    txid=100000001
    userid=200000001
    accessid=300000001
    # vauthorization
    status=APPROVED
    txid=100000002
    userid=200000001
    ");
    let txactions: Vec<String> = env
        .sandbox
        .notifications()
        .into_iter()
        .map(|n| n.txaction)
        .collect();
    assert_eq!(txactions, ["appointed", "vauthorization"]);
    env.shutdown().await;
}

#[tokio::test]
async fn amount_9903_redirects_to_3d_secure_and_the_challenge_returns_to_the_successurl() {
    let env = Env::start().await;
    let request = InitialAgreement::with_amount(
        Recurrence::Recurring,
        Amount::new(payone_sandbox::AMOUNT_3DS),
        eur(),
        card(),
        urls(),
    )
    .customer(Customer::new().lastname(Lastname::new("Approved")))
    .preauthorization()
    .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    let Answer::Redirect {
        ref redirecturl,
        txid: Some(ref txid),
        userid: Some(_),
        ..
    } = answer
    else {
        panic!("not a redirect: {answer:?}");
    };
    assert_eq!(
        redirecturl,
        &format!("{}/sandbox/3ds/{txid}", env.sandbox.base_url())
    );
    // Not capturable while the customer has not authenticated.
    let err = env.client.send(&capture(txid, 1, 9903)).await.unwrap_err();
    assert_eq!(err.errorcode(), Some("910"), "{err}");

    // The customer's browser: the challenge page, then its "Authenticate" link.
    let page = get_text(redirecturl).await;
    let href = format!("/sandbox/3ds/{txid}/complete?result=ok");
    assert!(
        page.contains(&format!("id=\"authenticate\" href=\"{href}\"")),
        "{page}"
    );
    let response = http()
        .get(format!("{}{href}", env.sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "https://shop.example/success"
    );

    // Authenticated: approved, notified, capturable.
    let log = env.sandbox.notifications();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].txaction.as_str(), log[0].txid.as_str()),
        ("appointed", txid.as_str())
    );
    let answer = env.client.send(&capture(txid, 1, 9903)).await.unwrap();
    assert_eq!(answer.status(), Status::Approved);
    env.shutdown().await;
}

#[tokio::test]
async fn amount_9903_without_return_urls_is_refused_naming_successurl() {
    let env = Env::start().await;
    // The generated builder lets the URLs out (the table has them as conditional); the
    // sandbox, like the platform, cannot start 3-D Secure without them.
    let err = env
        .client
        .send(&preauthorization(payone_sandbox::AMOUNT_3DS))
        .await
        .unwrap_err();
    let Error::Platform {
        errorcode,
        errormessage,
        ..
    } = &err
    else {
        panic!("not a platform error: {err:?}");
    };
    assert_eq!(errorcode, "1");
    assert_eq!(
        errormessage,
        "Parameter {successurl} faulty or missing: required for 3-D Secure"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn amount_9904_is_pending_and_9902_declined() {
    let env = Env::start().await;
    let answer = env
        .client
        .send(&preauthorization(payone_sandbox::AMOUNT_PENDING))
        .await
        .unwrap();
    assert!(
        matches!(&answer, Answer::Pending { txid: Some(t), userid: Some(_), .. } if t == "100000001"),
        "{answer:?}"
    );
    insta::assert_snapshot!(lines(answer.fields()), @r"
    status=PENDING
    txid=100000001
    userid=200000001
    ");
    // A pending payment cannot be captured.
    let err = env
        .client
        .send(&capture("100000001", 1, 9904))
        .await
        .unwrap_err();
    assert_eq!(err.errorcode(), Some("910"));

    let err = env
        .client
        .send(&preauthorization(payone_sandbox::AMOUNT_DECLINE))
        .await
        .unwrap_err();
    assert_eq!(err.errorcode(), Some("2"));
    assert_eq!(
        err.to_string(),
        "PAYONE refused the request with error 2: Authorization declined"
    );
    // Declined payments are not kept and not notified.
    assert!(env.sandbox.notifications().is_empty());
    env.shutdown().await;
}

/// `sequencenumber` on capture: the first capture of a payment may leave it out, every later one
/// must carry it. The tables cannot know which capture is the first; the sandbox does, and
/// refuses a second capture without the number naming the parameter.
#[tokio::test]
async fn only_the_first_capture_may_leave_out_the_sequencenumber() {
    let env = Env::start().await;
    let client = &env.client;
    let answer = client.send(&preauthorization(1000)).await.unwrap();
    let txid = answer.txid().expect("a txid").to_owned();
    let without = |amount: i64| {
        Capture::builder()
            .amount(Amount::new(amount))
            .currency(eur())
            .txid(Txid::try_new(txid.clone()).expect("a txid"))
            .build()
            .expect("the tables allow a capture without sequencenumber")
    };
    let first = client.send(&without(400)).await.unwrap();
    assert_eq!(first.status(), Status::Approved);
    let err = client.send(&without(600)).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "PAYONE refused the request with error 1: Parameter {sequencenumber} faulty or missing: \
         required parameter is missing: every capture after the first one of a payment carries it"
    );
    // With the number the second capture goes through.
    let second = client.send(&capture(&txid, 2, 600)).await.unwrap();
    assert_eq!(second.status(), Status::Approved);
    env.shutdown().await;
}

/// A typed request that breaks a conditional rule of the tables is refused by `Client::send`
/// with the rule named, and nothing reaches the platform.
#[tokio::test]
async fn a_typed_request_breaking_a_rule_is_never_sent() {
    let env = Env::start().await;
    let unnamed = Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .amount(Amount::new(1000))
        .currency(eur())
        .build()
        .expect("the rows alone allow it");
    let err = env.client.send(&unnamed).await.unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert!(!err.outcome_unknown());
    assert_eq!(
        err.to_string(),
        "the request was not sent because it breaks the parameter tables: \
         lastname, company, userid, customerid: at least one of lastname, company, userid, \
         customerid is required (The customer is named by a last name (with or without first \
         name) or by a company name, unless the request refers to stored customer data by userid \
         or customerid.)"
    );
    assert!(
        env.requests().await.is_empty(),
        "a request reached the sandbox"
    );
    env.shutdown().await;
}
