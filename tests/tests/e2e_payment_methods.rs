//! Payment methods beyond the card, end to end between `payone_client::Client`, the sandbox and
//! a shop's TransactionStatus receiver over loopback: every online bank transfer (Sofort, iDEAL,
//! eps, Przelewy24, Bancontact, Trustly, PostFinance) and a wallet (PayPal) through the
//! provider's page with its return to the shop's URLs; PayPal Express, Amazon Pay and Klarna
//! through their genericpayment calls; a prepayment and an invoice whose answers name the account
//! to pay to, settled by `underpaid` and `paid` notifications; cash on delivery with its
//! carrier; every notification verified and answered `TSOK`.

mod common;

use common::receiver::env_with_receiver;
use common::*;
use payone_client::Answer;
use payone_sandbox::{COLLECTION_IBAN, Delivery, TransferError};
use payone_types::generated::server::*;

const SUCCESS: &str = "https://shop.example/success";
const BACK: &str = "https://shop.example/back";
const ERROR: &str = "https://shop.example/error";

fn redirect_payment(clearingtype: Clearingtype, amount: i64) -> Authorization {
    Authorization::builder()
        .clearingtype(clearingtype)
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .successurl(Successurl::new(SUCCESS))
        .errorurl(Errorurl::new(ERROR))
        .backurl(Backurl::new(BACK))
        .build()
        .expect("valid")
}

fn sofort() -> Clearingtype {
    Clearingtype::Sb(
        OnlineBankTransfer::builder()
            .onlinebanktransfertype(Onlinebanktransfertype::Pnt)
            .bankcountry(Bankcountry::new("DE"))
            .build(),
    )
}

fn paypal() -> Clearingtype {
    Clearingtype::Wlt(EWallet::builder().wallettype(Wallettype::Ppe(None)).build())
}

/// Follows the provider's page: the page names the payment, the link leads back to the shop.
async fn customer_at_provider(redirecturl: &str, choice: &str) -> String {
    let page = get_text(redirecturl).await;
    assert!(page.contains(&format!("id=\"{choice}\"")), "{page}");
    let response = http()
        .get(format!("{redirecturl}/complete?result={choice}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn sofort_redirects_returns_to_the_successurl_and_is_paid() {
    let (env, seen) = env_with_receiver().await;
    let answer = env
        .client
        .send(&redirect_payment(sofort(), 2990))
        .await
        .unwrap();
    let Answer::Redirect {
        redirecturl,
        txid: Some(txid),
        ..
    } = &answer
    else {
        panic!("not a redirect: {answer:?}")
    };
    assert!(
        redirecturl.ends_with(&format!("/sandbox/redirect/{txid}")),
        "{redirecturl}"
    );
    assert_eq!(customer_at_provider(redirecturl, "pay").await, SUCCESS);
    eventually("appointed and paid", || seen.lock().unwrap().len() == 2).await;
    assert_eq!(*seen.lock().unwrap(), ["appointed 29.90", "paid 0.00"]);
    eventually("both answered TSOK", || {
        env.sandbox
            .notifications()
            .iter()
            .all(|n| n.delivery == Delivery::Confirmed)
    })
    .await;
    // The page works once.
    let again = http()
        .get(format!("{redirecturl}/complete?result=pay"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    env.shutdown().await;
}

/// Every other online bank transfer of the tables takes the same path as Sofort: the provider's
/// page, the return to the successurl, `appointed` and `paid`; iDEAL and eps with the bank the
/// customer chose in the shop (`bankgrouptype`).
#[tokio::test]
async fn every_online_bank_transfer_returns_to_the_successurl_and_is_paid() {
    let transfers = [
        (
            Onlinebanktransfertype::Idl,
            "NL",
            Some(Bankgrouptype::AbnAmroBank),
        ),
        (
            Onlinebanktransfertype::Eps,
            "AT",
            Some(Bankgrouptype::BaAus),
        ),
        (Onlinebanktransfertype::P24, "PL", None),
        (Onlinebanktransfertype::Bct, "BE", None),
        (Onlinebanktransfertype::Trl, "DE", None),
        (Onlinebanktransfertype::Pff, "CH", None),
        (Onlinebanktransfertype::Pfc, "CH", None),
    ];
    let (env, seen) = env_with_receiver().await;
    for (i, (kind, country, bank)) in transfers.into_iter().enumerate() {
        let builder = OnlineBankTransfer::builder()
            .onlinebanktransfertype(kind)
            .bankcountry(Bankcountry::new(country));
        let transfer = match bank {
            Some(bank) => builder.bankgrouptype(bank).build(),
            None => builder.build(),
        };
        let amount = 1000 + i64::try_from(i).unwrap();
        let answer = env
            .client
            .send(&redirect_payment(Clearingtype::Sb(transfer), amount))
            .await
            .unwrap();
        let Answer::Redirect { redirecturl, .. } = &answer else {
            panic!("{kind:?}: not a redirect: {answer:?}")
        };
        assert_eq!(
            customer_at_provider(redirecturl, "pay").await,
            SUCCESS,
            "{kind:?}"
        );
        let notified = 2 * (i + 1);
        eventually("appointed and paid", || {
            seen.lock().unwrap().len() == notified
        })
        .await;
        let seen_now = seen.lock().unwrap().clone();
        assert_eq!(
            seen_now[notified - 2..],
            [format!("appointed 10.0{i}"), "paid 0.00".to_owned()],
            "{kind:?}"
        );
    }
    env.shutdown().await;
}

#[tokio::test]
async fn a_cancelled_paypal_payment_returns_to_the_backurl_unpaid() {
    let (env, seen) = env_with_receiver().await;
    let answer = env
        .client
        .send(&redirect_payment(paypal(), 1500))
        .await
        .unwrap();
    let Answer::Redirect {
        redirecturl,
        txid: Some(txid),
        ..
    } = &answer
    else {
        panic!("not a redirect: {answer:?}")
    };
    assert_eq!(customer_at_provider(redirecturl, "cancel").await, BACK);
    // Nothing to capture: the payment was never approved.
    let err = env.client.send(&capture(txid, 1, 1500)).await.unwrap_err();
    assert!(err.to_string().contains("txid"), "{err}");
    assert!(seen.lock().unwrap().is_empty());
    env.shutdown().await;
}

#[tokio::test]
async fn a_redirect_method_without_return_urls_is_refused_naming_successurl() {
    let env = Env::start().await;
    let request = Authorization::builder()
        .clearingtype(sofort())
        .amount(Amount::new(1000))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid");
    let err = env.client.send(&request).await.unwrap_err();
    assert!(
        err.to_string().contains(
            "Parameter {successurl} faulty or missing: required for a payment that redirects the customer"
        ),
        "{err}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn a_prepayment_names_the_account_and_is_settled_by_the_transfer() {
    let (env, seen) = env_with_receiver().await;
    let request = Authorization::builder()
        .clearingtype(Clearingtype::Vor)
        .amount(Amount::new(10000))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid");
    let answer = env.client.send(&request).await.unwrap();
    let txid = txid(&answer);
    let clearing = answer.clearing().expect("payment instructions");
    assert_eq!(clearing.iban(), Some(COLLECTION_IBAN));
    assert_eq!(clearing.reference(), Some(format!("SB{txid}").as_str()));
    assert_eq!(clearing.amount(), Some("100.00"));

    let txid: u64 = txid.parse().unwrap();
    assert_eq!(env.sandbox.transfer(txid, Some(4000)), Ok("underpaid"));
    // The rest arrives through the HTTP control, as a test in another language would send it.
    let response = http()
        .post(format!("{}sandbox/transfers/{txid}", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "paid\n");
    eventually("three notifications", || seen.lock().unwrap().len() == 3).await;
    assert_eq!(
        *seen.lock().unwrap(),
        ["appointed 100.00", "underpaid 60.00", "paid 0.00"]
    );
    assert_eq!(
        env.sandbox.transfer(txid + 1000, None),
        Err(TransferError::UnknownTransaction)
    );
    env.shutdown().await;
}

#[tokio::test]
async fn an_invoice_names_the_account_and_cash_on_delivery_names_its_carrier() {
    let (env, seen) = env_with_receiver().await;
    let payment = |clearingtype: Clearingtype, amount: i64| {
        Authorization::builder()
            .clearingtype(clearingtype)
            .amount(Amount::new(amount))
            .currency(eur())
            .lastname(Lastname::new("Mustermann"))
            .country(Country::new("DE"))
            .build()
            .expect("valid")
    };
    // Invoice: approved with the account the customer pays to, settled by the transfer.
    let invoice = env
        .client
        .send(&payment(Clearingtype::Rec(None), 4500))
        .await
        .unwrap();
    assert!(matches!(invoice, Answer::Approved { .. }), "{invoice:?}");
    let txid_text = txid(&invoice);
    let clearing = invoice.clearing().expect("payment instructions");
    assert_eq!(clearing.iban(), Some(COLLECTION_IBAN));
    assert_eq!(clearing.amount(), Some("45.00"));
    assert_eq!(
        env.sandbox.transfer(txid_text.parse().unwrap(), None),
        Ok("paid")
    );
    // Cash on delivery: approved for the carrier that collects, no instructions to show.
    let cod = CashOnDelivery::builder()
        .shippingprovider(Shippingprovider::Dhl)
        .build();
    let delivered = env
        .client
        .send(&payment(Clearingtype::Cod(cod), 3100))
        .await
        .unwrap();
    assert!(
        matches!(delivered, Answer::Approved { .. }),
        "{delivered:?}"
    );
    assert!(delivered.clearing().is_none(), "{delivered:?}");
    eventually("three notifications", || seen.lock().unwrap().len() == 3).await;
    assert_eq!(
        *seen.lock().unwrap(),
        ["appointed 45.00", "paid 0.00", "appointed 31.00"]
    );
    env.shutdown().await;
}

#[tokio::test]
async fn paypal_express_set_details_then_authorization_with_the_workorder() {
    use payone_client::answer::GenericPaymentAnswer;

    let (env, seen) = env_with_receiver().await;
    let express = |action: GenericpaymentAction, workorderid: Option<&str>| {
        let builder = Genericpayment::builder()
            .clearingtype(GenericpaymentClearingtype::Wlt)
            .wallettype(GenericpaymentWallettype::Ppe)
            .add_paydata_action(action)
            .amount(Amount::new(4200))
            .currency(eur())
            .successurl(Successurl::new(SUCCESS))
            .errorurl(Errorurl::new(ERROR))
            .backurl(Backurl::new(BACK));
        match workorderid {
            Some(id) => builder.workorderid(Workorderid::try_new(id.to_owned()).unwrap()),
            None => builder,
        }
        .build()
        .expect("valid")
    };
    // 1. Start: the customer is sent to PayPal (here straight back to the shop).
    let set = express(
        GenericpaymentAction::Setexpresscheckout(SetExpressCheckout::builder().build()),
        None,
    );
    let started: GenericPaymentAnswer = env.client.send_typed(&set).await.unwrap();
    let workorderid = started.workorderid().expect("a workorderid").to_owned();
    assert_eq!(started.redirecturl(), Some(SUCCESS));
    // 2. Back at the shop: the buyer's address from PayPal.
    let details: GenericPaymentAnswer = env
        .client
        .send_typed(&express(
            GenericpaymentAction::Getexpresscheckoutdetails,
            Some(&workorderid),
        ))
        .await
        .unwrap();
    assert_eq!(details.paydata("shipping_zip"), Some("41460"));
    // 3. The payment names the workorder: approved without another redirect.
    let paypal = PayPal::builder()
        .workorderid(Workorderid::try_new(workorderid.clone()).unwrap())
        .build();
    let wallet = EWallet::builder()
        .wallettype(Wallettype::Ppe(Some(paypal)))
        .build();
    let answer = env
        .client
        .send(&redirect_payment(Clearingtype::Wlt(wallet), 4200))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;
    assert_eq!(*seen.lock().unwrap(), ["appointed 42.00"]);
    env.shutdown().await;
}

#[tokio::test]
async fn amazon_pay_checkout_session_then_authorization_with_the_workorder() {
    use payone_client::answer::GenericPaymentAnswer;

    let (env, seen) = env_with_receiver().await;
    let platform = || AddPaydataPlatformId::new("A1TEST0PLATFORM");
    let session = |action: GenericpaymentAction, workorderid: Option<&str>| {
        let builder = Genericpayment::builder()
            .clearingtype(GenericpaymentClearingtype::Wlt)
            .wallettype(GenericpaymentWallettype::Amp)
            .add_paydata_action(action)
            .amount(Amount::new(5600))
            .currency(eur());
        match workorderid {
            Some(id) => builder.workorderid(Workorderid::try_new(id.to_owned()).unwrap()),
            None => builder,
        }
        .build()
        .expect("valid")
    };
    // 1. The button's payload and signature open the checkout session.
    let payload = session(
        GenericpaymentAction::CreateCheckoutSessionPayload(
            CreateCheckoutSessionPayload::builder()
                .add_paydata_platform_id(platform())
                .build(),
        ),
        None,
    );
    let opened: GenericPaymentAnswer = env.client.send_typed(&payload).await.unwrap();
    let workorderid = opened.workorderid().expect("a workorderid").to_owned();
    assert!(opened.paydata("payload").is_some_and(|p| !p.is_empty()));
    assert!(opened.paydata("signature").is_some_and(|s| !s.is_empty()));
    // 2. After the buyer chose at Amazon: the buyer's e-mail and addresses.
    let read: GenericPaymentAnswer = env
        .client
        .send_typed(&session(
            GenericpaymentAction::GetCheckoutSession(
                GetCheckoutSession::builder()
                    .add_paydata_platform_id(platform())
                    .build(),
            ),
            Some(&workorderid),
        ))
        .await
        .unwrap();
    assert_eq!(read.workorderid(), Some(workorderid.as_str()));
    assert!(read.paydata("email").is_some());
    assert!(read.paydata("shipping_zip").is_some());
    assert!(read.paydata("billing_zip").is_some());
    // 3. The session's amount is set; 4. the payment names the workorder and is approved
    // without another redirect.
    let updated: GenericPaymentAnswer = env
        .client
        .send_typed(&session(
            GenericpaymentAction::UpdateCheckoutSession(
                UpdateCheckoutSession::builder()
                    .add_paydata_platform_id(platform())
                    .build(),
            ),
            Some(&workorderid),
        ))
        .await
        .unwrap();
    assert_eq!(updated.workorderid(), Some(workorderid.as_str()));
    let amazon = AmazonPayV2::builder()
        .workorderid(Workorderid::try_new(workorderid.clone()).unwrap())
        .build();
    let wallet = EWallet::builder()
        .wallettype(Wallettype::Amp(amazon))
        .build();
    let answer = env
        .client
        .send(&redirect_payment(Clearingtype::Wlt(wallet), 5600))
        .await
        .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;
    assert_eq!(*seen.lock().unwrap(), ["appointed 56.00"]);
    // A session the sandbox never opened is refused, naming the workorderid.
    let unknown = env
        .client
        .send_typed(&session(
            GenericpaymentAction::GetCheckoutSession(
                GetCheckoutSession::builder()
                    .add_paydata_platform_id(platform())
                    .build(),
            ),
            Some("WX9999999999"),
        ))
        .await;
    let refused = unknown.expect_err("an unknown checkout session");
    assert!(refused.to_string().contains("workorderid"), "{refused}");
    env.shutdown().await;
}

#[tokio::test]
async fn klarna_session_token_then_authorization_with_the_authorization_token() {
    use payone_client::answer::GenericPaymentAnswer;

    let (env, seen) = env_with_receiver().await;
    let session = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Fnc)
        .financingtype(GenericpaymentFinancingtype::Kiv)
        .add_paydata_action(GenericpaymentAction::StartSession(
            StartSession::builder().build(),
        ))
        .amount(Amount::new(8900))
        .currency(eur())
        .build()
        .expect("valid");
    let session: GenericPaymentAnswer = env.client.send_typed(&session).await.unwrap();
    // The shop hands the client token to Klarna's widget; the widget returns an authorization
    // token for the customer's choice.
    let client_token = session.paydata("client_token").expect("a client token");
    assert!(client_token.starts_with("sandbox-client-token-"));
    let workorderid = session.workorderid().expect("a workorderid");
    let invoice = KlarnaInvoice::builder()
        .add_paydata_authorization_token(AddPaydataAuthorizationToken::new(
            "widget-authorization-token",
        ))
        .workorderid(Workorderid::try_new(workorderid.to_owned()).unwrap())
        .build();
    let request = Authorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder()
                .financingtype(Financingtype::Kiv(invoice))
                .build(),
        ))
        .amount(Amount::new(8900))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid");
    let answer = env.client.send(&request).await.unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    eventually("appointed", || seen.lock().unwrap().len() == 1).await;
    env.shutdown().await;
}
