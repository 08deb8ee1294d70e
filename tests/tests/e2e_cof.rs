//! The credentials-on-file use cases of seed 003, built with `payone_client::cof` and sent to
//! the sandbox: each is approved. The card comes from the hosted iFrame's `creditcardcheck`
//! (a pseudo card number), the way a shop obtains it.

mod common;

use common::*;
use payone_client::cof::*;
use payone_client::{Answer, Status};
use payone_types::generated::server::*;

/// The pseudo card number the Client API issues for a Visa test card.
async fn stored_card(env: &Env) -> Card {
    let answer = hosted_creditcardcheck(&env.client, "4111111111111111").await;
    assert_eq!(answer["status"], "VALID", "{answer}");
    let pseudocardpan = answer["pseudocardpan"].as_str().expect("a pseudocardpan");
    Card::new(
        Cardtype::V,
        Cardexpiredate::new("3012"),
        Pseudocardpan::try_new(pseudocardpan.to_owned()).expect("a pseudocardpan"),
    )
    .cardholder(Cardholder::new("Testperson Approved"))
}

fn customer() -> Customer {
    Customer::new()
        .customerid(Customerid::new("cust-4711"))
        .lastname(Lastname::new("Approved"))
        .firstname(Firstname::new("Testperson"))
        .street(Street::new("Hellersbergstraße 14"))
}

/// The answer's status and ids, one line.
fn summary(step: &str, answer: &Answer) -> String {
    let mut line = format!("{step}: {}", answer.status().as_str());
    for name in ["txid", "userid", "accessid"] {
        if let Some(value) = answer.get(name) {
            line += &format!(" {name}={value}");
        }
    }
    line + "\n"
}

#[tokio::test]
async fn recurring_payments_after_the_initial_agreement() {
    let env = Env::start().await;
    let card = stored_card(&env).await;
    let mut transcript = String::new();

    // 1a: only the agreement, amount=1, with 3-D Secure return URLs.
    let request =
        InitialAgreement::agreement_only(Recurrence::Recurring, eur(), card.clone(), urls())
            .customer(customer())
            .reference(Reference::new("agreement-1"))
            .preauthorization()
            .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    transcript += &summary("1a agreement only (amount=1)", &answer);
    let userid = answer.userid().unwrap().to_owned();

    // 1b: the agreement with the first amount, as an authorization.
    let request = InitialAgreement::with_amount(
        Recurrence::Recurring,
        Amount::new(3000),
        eur(),
        card.clone(),
        urls(),
    )
    .customer(customer())
    .authorization()
    .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    transcript += &summary("1b agreement with amount", &answer);

    // 2: the customer is absent; by userid, then by pseudo card number.
    let request = SubsequentPayment::new(
        Amount::new(3000),
        eur(),
        Userid::try_new(userid.clone()).unwrap().into(),
    )
    .reference(Reference::new("renewal-2"))
    .customer(Customer::new().lastname(Lastname::new("Approved")))
    .preauthorization()
    .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    transcript += &summary("2 subsequent by userid", &answer);
    assert_eq!(answer.userid(), Some(userid.as_str()));
    let answer = env
        .client
        .send(&capture(&txid(&answer), 1, 3000))
        .await
        .unwrap();
    transcript += &summary("  capture", &answer);

    let request = SubsequentPayment::new(Amount::new(3000), eur(), card.into())
        .customer(customer())
        .authorization()
        .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    transcript += &summary("2 subsequent by pseudocardpan", &answer);

    insta::assert_snapshot!(transcript, @r"
    1a agreement only (amount=1): APPROVED txid=100000001 userid=200000001
    1b agreement with amount: APPROVED txid=100000002 userid=200000001
    2 subsequent by userid: APPROVED txid=100000003 userid=200000001
      capture: APPROVED txid=100000003
    2 subsequent by pseudocardpan: APPROVED txid=100000004 userid=200000001
    ");
    env.shutdown().await;
}

#[tokio::test]
async fn one_click_initial_and_subsequent() {
    let env = Env::start().await;
    let card = stored_card(&env).await;
    let request = InitialAgreement::with_amount(
        Recurrence::Oneclick,
        Amount::new(2500),
        eur(),
        card.clone(),
        urls(),
    )
    .customer(customer())
    .preauthorization()
    .unwrap();
    let initial = env.client.send(&request).await.unwrap();
    assert_eq!(initial.status(), Status::Approved);

    // The customer picks the stored card and confirms.
    let request = OneClickPayment::new(Amount::new(1500), eur(), card.into())
        .customer(customer())
        .redirect_urls(urls())
        .authorization()
        .unwrap();
    let answer = env.client.send(&request).await.unwrap();
    assert!(
        matches!(&answer, Answer::Approved { txid: Some(t), userid: Some(u), .. }
            if t == "100000002" && Some(u.as_str()) == initial.userid()),
        "{answer:?}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn contract_createaccess_with_and_after_the_agreement() {
    let env = Env::start().await;
    let card = stored_card(&env).await;
    let present = ContractAccess::customer_present(
        card,
        urls().errorurl(Errorurl::new("https://shop.example/error")),
    )
    .access_starttime(AccessStarttime::new("1608685709"))
    .amount(Amount::new(3000), eur())
    .customer(customer())
    .createaccess()
    .unwrap();
    let answer = env.client.send(&present).await.unwrap();
    let mut transcript = summary("createaccess, customer present", &answer);

    let after = ContractAccess::after_agreement(
        Userid::try_new(answer.userid().unwrap().to_owned())
            .unwrap()
            .into(),
    )
    .createaccess()
    .unwrap();
    let answer = env.client.send(&after).await.unwrap();
    transcript += &summary("createaccess after the agreement", &answer);
    insta::assert_snapshot!(transcript, @r"
    createaccess, customer present: APPROVED txid=100000001 userid=200000001 accessid=300000001
    createaccess after the agreement: APPROVED txid=100000002 userid=200000001 accessid=300000002
    ");
    env.shutdown().await;
}

#[tokio::test]
async fn micropayment_vauthorization() {
    let env = Env::start().await;
    let card = stored_card(&env).await;
    let initial = InitialAgreement::agreement_only(Recurrence::Recurring, eur(), card, urls())
        .customer(customer())
        .preauthorization()
        .unwrap();
    let userid = env
        .client
        .send(&initial)
        .await
        .unwrap()
        .userid()
        .unwrap()
        .to_owned();

    let micro = Micropayment::new(
        Recurrence::Recurring,
        Amount::new(99),
        eur(),
        Userid::try_new(userid.clone()).unwrap().into(),
    )
    .vreference(Vreference::new("merchantreference"))
    .vaccountname(Vaccountname::new("newaccount"))
    .settle_period(SettlePeriodLength::new("1"), SettlePeriodUnit::new("M"))
    .vauthorization()
    .unwrap();
    let answer = env.client.send(&micro).await.unwrap();
    assert!(
        matches!(&answer, Answer::Approved { userid: Some(u), .. } if *u == userid),
        "{answer:?}"
    );
    let last = env.sandbox.notifications().pop().unwrap();
    assert_eq!(last.txaction, "vauthorization");
    assert_eq!(last.get("price"), Some("0.99"));
    env.shutdown().await;
}
