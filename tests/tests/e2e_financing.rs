//! The financing methods with a helper call before the payment, end to end between
//! `payone_client::Client`, the sandbox and a shop's TransactionStatus receiver over loopback:
//! PAYONE Secured Installment (installment_options, the preauthorization with the chosen
//! option, capture), PAYONE Secured Invoice, Ratepay installments (profile, calculation,
//! authorization) and Unzer installments (pre_check, calculation, authorization); the
//! refusals of the risk check and of an option the sandbox never offered. Every notification is
//! verified and answered `TSOK`.

mod common;

use common::receiver::env_with_receiver;
use common::*;
use payone_client::Answer;
use payone_client::answer::GenericPaymentAnswer;
use payone_sandbox::{Delivery, LASTNAME_RISK_DECLINED};
use payone_types::Date;
use payone_types::generated::server::*;

const IBAN: Iban = Iban::new("DE02120300000000202051");
const DEVICE_TOKEN: &str = "e7yeryF2of8X_test-1_sandbox-session";

/// A genericpayment with `clearingtype=fnc`.
fn helper_call(
    financingtype: GenericpaymentFinancingtype,
    action: GenericpaymentAction,
    amount: i64,
    workorderid: Option<&str>,
) -> Genericpayment {
    let builder = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Fnc)
        .financingtype(financingtype)
        .add_paydata_action(action)
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)));
    match workorderid {
        Some(id) => builder.workorderid(Workorderid::try_new(id.to_owned()).unwrap()),
        None => builder,
    }
    .build()
    .expect("valid")
}

/// A financing payment of a consumer with the buyer data the secured methods need.
fn financing_payment(financingtype: Financingtype, amount: i64, lastname: &str) -> Authorization {
    Authorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder().financingtype(financingtype).build(),
        ))
        .amount(Amount::new(amount))
        .currency(eur())
        .firstname(Firstname::new("Erika"))
        .lastname(Lastname::try_new(lastname.to_owned()).unwrap())
        .street(Street::new("Hellersbergstr. 14"))
        .zip(Zip::new("41460"))
        .city(City::new("Neuss"))
        .country(Country::new("DE"))
        .businessrelation(Businessrelation::B2c)
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)))
        .email(Email::new("erika@example.test"))
        .telephonenumber(Telephonenumber::new("+49 2131 12345"))
        .ip(Ip::new("203.0.113.7"))
        .build()
        .expect("valid")
}

fn installment(option_id: &str, workorderid: &str) -> Financingtype {
    Financingtype::Pin(
        SecuredInstallment::builder()
            .add_paydata_installment_option_id(
                AddPaydataInstallmentOptionId::try_new(option_id.to_owned()).unwrap(),
            )
            .workorderid(Workorderid::try_new(workorderid.to_owned()).unwrap())
            .iban(IBAN)
            .bankaccountholder(Bankaccountholder::new("Erika Mustermann"))
            .add_paydata_device_token(AddPaydataDeviceToken::new(DEVICE_TOKEN))
            .build(),
    )
}

#[tokio::test]
async fn secured_installment_options_preauthorization_capture() {
    let (env, seen) = env_with_receiver().await;
    // 1. The options for 200.00 EUR.
    let options = helper_call(
        GenericpaymentFinancingtype::Pin,
        GenericpaymentAction::InstallmentOptions(
            InstallmentOptions::builder()
                .add_paydata_businessrelation(AddPaydataBusinessRelation::new("b2c"))
                .build(),
        ),
        20000,
        None,
    );
    let answer: GenericPaymentAnswer = env.client.send_typed(&options).await.unwrap();
    let workorderid = answer.workorderid().expect("a workorderid").to_owned();
    assert_eq!(answer.paydata("amount_value"), Some("20000"));
    let offered = answer.installment_options().unwrap();
    assert_eq!(
        offered
            .iter()
            .map(|o| o.number_of_payments)
            .collect::<Vec<_>>(),
        [3, 6, 12]
    );
    for option in &offered {
        assert_eq!(
            option.monthly_amount * (i64::from(option.number_of_payments) - 1)
                + option.last_rate_amount,
            option.total_amount,
            "{option:?}"
        );
        assert!(option.total_amount > 20000);
        assert_eq!(option.currency, "EUR");
    }
    // 2. The buyer chooses six payments; the reservation names the option and the workorder.
    let chosen = &offered[1];
    let request = Preauthorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder()
                .financingtype(installment(&chosen.id, &workorderid))
                .build(),
        ))
        .amount(Amount::new(20000))
        .currency(eur())
        .reference(Reference::new("pin-1"))
        .firstname(Firstname::new("Erika"))
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .businessrelation(Businessrelation::B2c)
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)))
        .telephonenumber(Telephonenumber::new("+49 2131 12345"))
        .build()
        .expect("valid");
    let answer = env.client.send(&request).await.unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    let txid = txid(&answer);
    // 3. Shipped: the capture starts the installments.
    let answer = env.client.send(&capture(&txid, 1, 20000)).await.unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed and capture", || seen.lock().unwrap().len() == 2).await;
    let seen = seen.lock().unwrap().clone();
    assert!(seen[0].starts_with("appointed "), "{seen:?}");
    assert!(seen[1].starts_with("capture "), "{seen:?}");
    eventually("both answered TSOK", || {
        env.sandbox
            .notifications()
            .iter()
            .all(|n| n.delivery == Delivery::Confirmed)
    })
    .await;
    env.shutdown().await;
}

#[tokio::test]
async fn an_installment_option_never_offered_is_refused_naming_it() {
    let env = Env::start().await;
    let payment = financing_payment(
        installment("IOP_WX0000000042_0", "WX0000000042"),
        20000,
        "Mustermann",
    );
    let err = env.client.send(&payment).await.unwrap_err();
    assert!(
        err.to_string().contains(
            "Parameter {add_paydata[installment_option_id]} faulty or missing: not an option of an earlier installment_options answer"
        ),
        "{err}"
    );
    env.shutdown().await;
}

fn secured_invoice() -> Financingtype {
    Financingtype::Piv(
        SecuredInvoice::builder()
            .add_paydata_device_token(AddPaydataDeviceToken::new(DEVICE_TOKEN))
            .build(),
    )
}

#[tokio::test]
async fn secured_invoice_is_approved_for_a_consumer_with_the_buyer_data() {
    let (env, seen) = env_with_receiver().await;
    let answer = env
        .client
        .send(&financing_payment(secured_invoice(), 8900, "Mustermann"))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    // The pages of the secured methods name no account for the buyer to pay to.
    assert!(answer.clearing().is_none(), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;
    assert!(seen.lock().unwrap()[0].starts_with("appointed "));
    env.shutdown().await;
}

#[tokio::test]
async fn the_risk_check_and_missing_buyer_data_refuse_a_secured_invoice() {
    let env = Env::start().await;
    let err = env
        .client
        .send(&financing_payment(
            secured_invoice(),
            8900,
            LASTNAME_RISK_DECLINED,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errorcode(), Some("2"), "{err}");
    assert!(
        err.to_string()
            .contains("Declined by the risk check of the financing"),
        "{err}"
    );

    // Without e-mail: the sandbox names the first missing buyer field.
    let payment = Authorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder()
                .financingtype(secured_invoice())
                .build(),
        ))
        .amount(Amount::new(8900))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .businessrelation(Businessrelation::B2c)
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)))
        .telephonenumber(Telephonenumber::new("+49 2131 12345"))
        .ip(Ip::new("203.0.113.7"))
        .build()
        .expect("valid");
    let err = env.client.send(&payment).await.unwrap_err();
    assert!(
        err.to_string().contains(
            "Parameter {email} faulty or missing: required parameter is missing: PAYONE Secured Invoice needs it"
        ),
        "{err}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn ratepay_profile_calculation_then_installment_authorization() {
    let (env, seen) = env_with_receiver().await;
    let shop_id = AddPaydataShopId::new("88880103");
    let profile = helper_call(
        GenericpaymentFinancingtype::Rps,
        GenericpaymentAction::Profile(
            RatepayProfile::builder()
                .add_paydata_shop_id(shop_id.clone())
                .build(),
        ),
        100000,
        None,
    );
    let profile: GenericPaymentAnswer = env.client.send_typed(&profile).await.unwrap();
    assert_eq!(profile.paydata("month-allowed"), Some("3,6,12,24"));
    assert_eq!(profile.paydata("currency"), Some("EUR"));

    let calculation = helper_call(
        GenericpaymentFinancingtype::Rps,
        GenericpaymentAction::Calculation(
            Calculation::builder()
                .add_paydata_shop_id(shop_id.clone())
                .add_paydata_customer_allow_credit_inquiry(
                    AddPaydataCustomerAllowCreditInquiry::Yes,
                )
                .add_paydata_calculation_type(CalculationType::CalculationByTime)
                .add_paydata_month(AddPaydataMonth::new("12"))
                .build(),
        ),
        100000,
        None,
    );
    let plan: GenericPaymentAnswer = env.client.send_typed(&calculation).await.unwrap();
    let value = |key: &str| {
        plan.paydata(key)
            .unwrap_or_else(|| panic!("no {key}"))
            .to_owned()
    };
    assert_eq!(value("number-of-rates"), "12");
    let rate: i64 = value("rate").parse().unwrap();
    let last: i64 = value("last-rate").parse().unwrap();
    let total: i64 = value("total-amount").parse().unwrap();
    assert_eq!(rate * 11 + last, total);
    // The authorization repeats the plan; its interest rate is the percentage times 100.
    let interest_rate = value("interest-rate").replace('.', "");
    let ratepay = RatepayInstallment::builder()
        .add_paydata_debit_paytype(AddPaydataDebitPaytype::BankTransfer)
        .add_paydata_shop_id(shop_id)
        .add_paydata_customer_allow_credit_inquiry(AddPaydataCustomerAllowCreditInquiry::Yes)
        .add_paydata_installment_number(
            AddPaydataInstallmentNumber::try_new(value("number-of-rates")).unwrap(),
        )
        .add_paydata_installment_amount(
            AddPaydataInstallmentAmount::try_new(value("rate")).unwrap(),
        )
        .add_paydata_last_installment_amount(
            AddPaydataLastInstallmentAmount::try_new(value("last-rate")).unwrap(),
        )
        .add_paydata_interest_rate(AddPaydataInterestRate::try_new(interest_rate).unwrap())
        .add_paydata_amount(AddPaydataAmount::try_new(value("total-amount")).unwrap())
        .build();
    let answer = env
        .client
        .send(&financing_payment(
            Financingtype::Rps(ratepay),
            100000,
            "Mustermann",
        ))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;
    env.shutdown().await;
}

#[tokio::test]
async fn unzer_pre_check_calculation_then_installment_authorization() {
    let (env, seen) = env_with_receiver().await;
    let pre_check = helper_call(
        GenericpaymentFinancingtype::Pys,
        GenericpaymentAction::PreCheck(
            PreCheck::builder()
                .add_paydata_payment_type(UnzerPaymentType::PayolutionInstallment)
                .build(),
        ),
        100000,
        None,
    );
    let checked: GenericPaymentAnswer = env.client.send_typed(&pre_check).await.unwrap();
    let workorderid = checked.workorderid().expect("a workorderid").to_owned();

    let calculation = helper_call(
        GenericpaymentFinancingtype::Pys,
        GenericpaymentAction::Calculation(Calculation::builder().build()),
        100000,
        Some(&workorderid),
    );
    let plans: GenericPaymentAnswer = env.client.send_typed(&calculation).await.unwrap();
    assert_eq!(plans.workorderid(), Some(workorderid.as_str()));
    assert_eq!(
        plans.paydata("PaymentDetails_1_OriginalAmount"),
        Some("1000.00")
    );
    // The buyer takes the second plan.
    let duration = plans
        .paydata("PaymentDetails_2_Duration")
        .expect("a second plan");
    assert_eq!(duration, "6");
    assert!(
        plans
            .paydata("PaymentDetails_2_Installment_6_Due")
            .is_some()
    );

    let unzer = UnzerInstallment::builder()
        .workorderid(Workorderid::try_new(workorderid.clone()).unwrap())
        .add_paydata_installment_duration(
            AddPaydataInstallmentDuration::try_new(duration.to_owned()).unwrap(),
        )
        .iban(IBAN)
        .build();
    let answer = env
        .client
        .send(&financing_payment(
            Financingtype::Pys(unzer),
            100000,
            "Mustermann",
        ))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;

    // A duration no plan had is refused naming it.
    let unzer = UnzerInstallment::builder()
        .workorderid(Workorderid::try_new(workorderid).unwrap())
        .add_paydata_installment_duration(AddPaydataInstallmentDuration::new("7"))
        .iban(IBAN)
        .build();
    let err = env
        .client
        .send(&financing_payment(
            Financingtype::Pys(unzer),
            100000,
            "Mustermann",
        ))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Parameter {add_paydata[installment_duration]} faulty or missing"),
        "{err}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn secured_direct_debit_is_approved_with_the_iban_and_only_for_consumers() {
    let (env, seen) = env_with_receiver().await;
    let direct_debit = || {
        Financingtype::Pdd(
            SecuredDirectDebit::builder()
                .iban(IBAN)
                .bankaccountholder(Bankaccountholder::new("Erika Mustermann"))
                .add_paydata_device_token(AddPaydataDeviceToken::new(DEVICE_TOKEN))
                .build(),
        )
    };
    let answer = env
        .client
        .send(&financing_payment(direct_debit(), 4990, "Mustermann"))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;

    // A company is refused: the secured direct debit is for consumers.
    let company = Authorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder().financingtype(direct_debit()).build(),
        ))
        .amount(Amount::new(4990))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .company(Company::new("Muster GmbH"))
        .country(Country::new("DE"))
        .businessrelation(Businessrelation::B2b)
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)))
        .email(Email::new("erika@example.test"))
        .telephonenumber(Telephonenumber::new("+49 2131 12345"))
        .ip(Ip::new("203.0.113.7"))
        .build()
        .expect("valid");
    let err = env.client.send(&company).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("Parameter {businessrelation} faulty or missing: must be b2c"),
        "{err}"
    );
    env.shutdown().await;
}
