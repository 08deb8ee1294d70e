//! The typed answers of `Client::send_typed` against the sandbox over loopback: PayPal Express
//! (set, the customer's return, get details), a Klarna session, addresscheck, consumerscore,
//! 3dscheck, getuser, updateuser, updatereminder and getinvoice (a file, through
//! `fetch_document`), with the sandbox's documented test data.

mod common;

use common::*;
use payone_client::Answer;
use payone_client::answer::{
    AddressCheckAnswer, ConsumerScoreAnswer, GenericPaymentAnswer, GenericStatus, PersonStatus,
    Score, SecStatus, ThreedsCheckAnswer, UserAnswer,
};
use payone_sandbox::{LASTNAME_SCORE_RED, ZIP_ADDRESS_INVALID};
use payone_types::generated::server::*;

const RETURN: &str = "https://shop.example/paypal/return";

fn paypal_express(action: GenericpaymentAction, workorderid: Option<&str>) -> Genericpayment {
    let builder = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Wlt)
        .wallettype(GenericpaymentWallettype::Ppe)
        .add_paydata_action(action)
        .amount(Amount::new(7300))
        .currency(eur())
        .successurl(Successurl::new(RETURN))
        .errorurl(Errorurl::new("https://shop.example/paypal/error"))
        .backurl(Backurl::new("https://shop.example/paypal/back"));
    match workorderid {
        Some(id) => builder.workorderid(Workorderid::try_new(id.to_owned()).unwrap()),
        None => builder,
    }
    .build()
    .expect("valid")
}

#[tokio::test]
async fn wallets_and_financing_helpers() {
    let env = Env::start().await;
    let client = &env.client;

    let set = paypal_express(
        GenericpaymentAction::Setexpresscheckout(SetExpressCheckout::builder().build()),
        None,
    );
    let started: GenericPaymentAnswer = client.send_typed(&set).await.unwrap();
    assert_eq!(started.redirecturl(), Some(RETURN));
    assert_eq!(started.workorderid(), Some("WX0000000001"));

    let get = paypal_express(
        GenericpaymentAction::Getexpresscheckoutdetails,
        started.workorderid(),
    );
    let details: GenericPaymentAnswer = client.send_typed(&get).await.unwrap();
    assert_eq!(details.status(), &GenericStatus::Ok);
    assert_eq!(details.workorderid(), Some("WX0000000001"));
    assert_eq!(details.paydata("shipping_city"), Some("Neuss"));
    assert_eq!(details.paydata("email"), Some("buyer@example.test"));

    let session = StartSession::builder().build();
    let klarna = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Fnc)
        .financingtype(GenericpaymentFinancingtype::Kiv)
        .add_paydata_action(GenericpaymentAction::StartSession(session))
        .amount(Amount::new(7300))
        .currency(eur())
        .build()
        .expect("valid");
    let session: GenericPaymentAnswer = client.send_typed(&klarna).await.unwrap();
    assert_eq!(
        session.paydata("client_token"),
        Some("sandbox-client-token-WX0000000002")
    );
    env.shutdown().await;
}

#[tokio::test]
async fn address_and_score_checks() {
    let env = Env::start().await;
    let client = &env.client;
    let check = |zip: &str| {
        Addresscheck::builder()
            .addresschecktype(AddresscheckParamsAddresschecktype::Pe)
            .country(Country::new("DE"))
            .city(City::new("Neuss"))
            .zip(Zip::try_new(zip.to_owned()).unwrap())
            .lastname(Lastname::new("Mustermann"))
            .build()
            .expect("valid")
    };
    let valid: AddressCheckAnswer = client.send_typed(&check("41460")).await.unwrap();
    let AddressCheckAnswer::Valid {
        secstatus,
        personstatus,
        address,
        ..
    } = valid
    else {
        panic!("not valid: {valid:?}")
    };
    assert_eq!(secstatus, Some(SecStatus::Correct));
    assert_eq!(personstatus, Some(PersonStatus::PersonKnown));
    assert_eq!(address.zip.as_deref(), Some("41460"));
    let invalid: AddressCheckAnswer = client
        .send_typed(&check(ZIP_ADDRESS_INVALID))
        .await
        .unwrap();
    assert!(
        matches!(
            invalid,
            AddressCheckAnswer::Invalid {
                secstatus: Some(SecStatus::NotCorrectable),
                ..
            }
        ),
        "{invalid:?}"
    );

    let score = Consumerscore::builder()
        .addresschecktype(ConsumerscoreParamsAddresschecktype::Ba)
        .consumerscoretype(Consumerscoretype::Ih)
        .lastname(Lastname::new(LASTNAME_SCORE_RED))
        .country(Country::new("DE"))
        .build()
        .expect("valid");
    let scored: ConsumerScoreAnswer = client.send_typed(&score).await.unwrap();
    assert!(
        matches!(
            scored,
            ConsumerScoreAnswer::Valid {
                score: Some(Score::Red),
                ..
            }
        ),
        "{scored:?}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn threedscheck_user_management_and_invoice_file() {
    let env = Env::start().await;
    let client = &env.client;

    let threeds = Threedscheck::builder()
        .clearingtype(ThreedscheckClearingtype::Cc)
        .amount(Amount::new(1000))
        .currency(ThreedscheckCurrency::Eur)
        .exiturl(Exiturl::new("https://shop.example/3ds/exit"))
        .cardpan(Cardpan::try_new("4111111111111111".to_owned()).unwrap())
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .build()
        .expect("valid");
    let checked: ThreedsCheckAnswer = client.send_typed(&threeds).await.unwrap();
    let ThreedsCheckAnswer::Valid {
        truncatedcardpan, ..
    } = checked
    else {
        panic!("not valid: {checked:?}")
    };
    assert_eq!(truncatedcardpan.as_deref(), Some("411111XXXXXX1111"));

    // A payment gives the customer a userid; getuser hands out a token for it.
    let answer = client.send(&preauthorization(1000)).await.unwrap();
    let userid = answer.userid().expect("a userid").to_owned();
    let getuser = Getuser::builder()
        .userid(Userid::try_new(userid.clone()).unwrap())
        .getusertoken(Getusertoken::Yes)
        .build()
        .expect("valid");
    let user: UserAnswer = client.send_typed(&getuser).await.unwrap();
    assert!(user.usertoken().starts_with(&format!("ut-{userid}-")));
    assert!(!format!("{user:?}").contains(user.usertoken()));

    let update = Updateuser::builder()
        .userid(Userid::try_new(userid).unwrap())
        .email(Email::new("erika@example.test"))
        .build()
        .expect("valid");
    let updated: Answer = client.send_typed(&update).await.unwrap();
    assert!(matches!(updated, Answer::Ok { .. }), "{updated:?}");

    let invoice = Getinvoice::builder()
        .invoice_title(InvoiceTitle::try_new("RG-100000001".to_owned()).unwrap())
        .build()
        .expect("valid");
    let pdf = client.fetch_document(&invoice).await.unwrap();
    assert!(pdf.is_pdf());
    assert!(String::from_utf8_lossy(pdf.bytes()).contains("Document: RG-100000001"));
    env.shutdown().await;
}
