//! Apple Pay (`wallettype=APL`) and Google Pay (`GGP`): the token of the customer's payment
//! sheet goes in the `add_paydata` fields PAYONE's plugins send (magento-2 `ApplePay.php`,
//! `GooglePay.php`; shopware-6's Apple Pay enricher), and the payment is approved without a
//! redirect; a missing token field is refused naming it, before sending and by the sandbox;
//! no token value ever prints in `Debug`, a violation or an error.

mod common;

use common::*;
use payone_client::{Answer, Error};
use payone_types::generated::server::*;

// Values shaped like those of a payment sheet; each must never print.
const APPLE_DATA: &str = "sbxAplEncryptedPaymentDataQ2FyZCBkYXRh";
const APPLE_SIGNATURE: &str = "sbxAplSignatureMIAGCSqGSIb3DQEHAqCAMIAC";
const APPLE_EPHEMERAL_KEY: &str = "sbxAplEphemeralKeyMFkwEwYHKoZIzj0CAQ";
const APPLE_KEY_HASH: &str = "sbxAplKeyHashLbsUwAT6w1JV9tFXocU813TC";
const APPLE_TRANSACTION: &str = "sbxapltransaction0c4352c073ad460044517";
const GOOGLE_TOKEN: &str = "sbxGgpTokeneyJzaWduYXR1cmUiOiJNRVFDSUg";

const TOKENS: [&str; 6] = [
    APPLE_DATA,
    APPLE_SIGNATURE,
    APPLE_EPHEMERAL_KEY,
    APPLE_KEY_HASH,
    APPLE_TRANSACTION,
    GOOGLE_TOKEN,
];

fn assert_no_token(text: &str) {
    for token in TOKENS {
        assert!(!text.contains(token), "a token value in: {text}");
    }
}

fn apple_pay() -> Clearingtype {
    let apple = ApplePay::builder()
        .cardtype(Cardtype::V)
        .add_paydata_paymentdata_token_data(AddPaydataPaymentdataTokenData::new(APPLE_DATA))
        .add_paydata_paymentdata_token_signature(AddPaydataPaymentdataTokenSignature::new(
            APPLE_SIGNATURE,
        ))
        .add_paydata_paymentdata_token_version(AddPaydataPaymentdataTokenVersion::new("EC_v1"))
        .add_paydata_paymentdata_token_ephemeral_publickey(
            AddPaydataPaymentdataTokenEphemeralPublickey::new(APPLE_EPHEMERAL_KEY),
        )
        .add_paydata_paymentdata_token_publickey_hash(AddPaydataPaymentdataTokenPublickeyHash::new(
            APPLE_KEY_HASH,
        ))
        .add_paydata_paymentdata_token_transaction_id(AddPaydataPaymentdataTokenTransactionId::new(
            APPLE_TRANSACTION,
        ))
        .build();
    Clearingtype::Wlt(
        EWallet::builder()
            .wallettype(Wallettype::Apl(apple))
            .build(),
    )
}

fn google_pay() -> Clearingtype {
    let google = GooglePay::builder()
        .add_paydata_paymentmethod_token_data(AddPaydataPaymentmethodTokenData::new(GOOGLE_TOKEN))
        .build();
    Clearingtype::Wlt(
        EWallet::builder()
            .wallettype(Wallettype::Ggp(google))
            .build(),
    )
}

fn authorization(wallet: Clearingtype, amount: i64) -> Authorization {
    Authorization::builder()
        .clearingtype(wallet)
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid")
}

fn preauthorization_with(wallet: Clearingtype, amount: i64) -> Preauthorization {
    Preauthorization::builder()
        .clearingtype(wallet)
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid")
}

#[tokio::test]
async fn apple_pay_is_approved_without_redirect_and_notified() {
    let env = Env::start().await;
    let answer = env
        .client
        .send(&authorization(apple_pay(), 1990))
        .await
        .expect("approved");
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    assert!(answer.get("redirecturl").is_none());
    assert_no_token(&format!("{answer:?}"));
    let txid = txid(&answer);
    eventually("the appointed notification", || {
        env.sandbox.notifications().iter().any(|n| {
            n.txaction == "appointed" && n.params.iter().any(|(k, v)| k == "txid" && *v == txid)
        })
    })
    .await;
    // An authorization books at once: it can be refunded.
    let refunded = env.client.send(&refund(&txid, 1, -990)).await.unwrap();
    assert!(matches!(refunded, Answer::Approved { .. }), "{refunded:?}");
    env.shutdown().await;
}

#[tokio::test]
async fn google_pay_preauthorization_is_approved_and_captured() {
    let env = Env::start().await;
    let answer = env
        .client
        .send(&preauthorization_with(google_pay(), 4200))
        .await
        .expect("approved");
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    let captured = env
        .client
        .send(&capture(&txid(&answer), 1, 4200))
        .await
        .expect("captured");
    assert!(matches!(captured, Answer::Approved { .. }), "{captured:?}");
    // The amount triggers apply to wallets with a token as to cards.
    let declined = env
        .client
        .send(&authorization(google_pay(), payone_sandbox::AMOUNT_DECLINE))
        .await
        .unwrap_err();
    assert!(
        matches!(&declined, Error::Platform { errorcode, .. } if errorcode == "2"),
        "{declined}"
    );
    assert_no_token(&declined.to_string());
    assert_no_token(&format!("{declined:?}"));
    env.shutdown().await;
}

#[tokio::test]
async fn a_missing_token_field_is_refused_naming_it() {
    let env = Env::start().await;
    let base = |wallet: &str| {
        format!(
            "{}&clearingtype=wlt&wallettype={wallet}&amount=1000&currency=EUR&lastname=Mustermann&country=DE",
            raw_account("authorization", "UTF-8")
        )
    };
    let (_, bytes) = env.post_raw(base("GGP")).await;
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with(
            "status=ERROR\nerrorcode=1\nerrormessage=Parameter {add_paydata[paymentmethod_token_data]} faulty or missing: required parameter is missing\n"
        ),
        "{text}"
    );

    // Apple Pay with every field but the signature.
    let apple = format!(
        "{}&cardtype=V&add_paydata%5Bpaymentdata_token_data%5D={APPLE_DATA}\
         &add_paydata%5Bpaymentdata_token_version%5D=EC_v1\
         &add_paydata%5Bpaymentdata_token_ephemeral_publickey%5D={APPLE_EPHEMERAL_KEY}\
         &add_paydata%5Bpaymentdata_token_publickey_hash%5D={APPLE_KEY_HASH}\
         &add_paydata%5Bpaymentdata_token_transaction_id%5D={APPLE_TRANSACTION}",
        base("APL")
    );
    let (_, bytes) = env.post_raw(apple.clone()).await;
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(
            "errormessage=Parameter {add_paydata[paymentdata_token_signature]} faulty or missing"
        ),
        "{text}"
    );
    assert_no_token(&text);
    // With the signature it is approved, without a redirect.
    let (_, bytes) = env
        .post_raw(format!(
            "{apple}&add_paydata%5Bpaymentdata_token_signature%5D={APPLE_SIGNATURE}"
        ))
        .await;
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("status=APPROVED\ntxid="), "{text}");
    assert_eq!(env.requests().await.get("authorization"), Some(&3));
    env.shutdown().await;
}

#[test]
fn a_token_never_prints_in_debug_or_redacted_lines() {
    use payone_sandbox::{DEFAULT_AID, DEFAULT_KEY, DEFAULT_MID, DEFAULT_PORTALID};
    use payone_types::{Account, Charset, PortalKey, Request};

    let account = Account::new(
        DEFAULT_MID,
        DEFAULT_PORTALID,
        DEFAULT_AID,
        PortalKey::new(DEFAULT_KEY),
    )
    .with_encoding(Charset::Utf8);
    for wallet in [apple_pay(), google_pay()] {
        let request = authorization(wallet.clone(), 1000);
        let debug = format!("{request:?}");
        assert_no_token(&debug);
        assert!(debug.contains("<redacted>"), "{debug}");
        assert_no_token(&format!("{wallet:?}"));
        // The wire form carries the token; its redacted lines (for logs) do not.
        let params = request.to_params(&account).expect("valid");
        let wire = params.form_encode(Charset::Utf8).expect("UTF-8");
        assert!(
            TOKENS.iter().any(|t| wire.contains(t)),
            "the token is sent: {wire}"
        );
        let lines = params.redacted_lines();
        assert_no_token(&lines);
        assert!(lines.contains("wallettype="), "{lines}");
    }
}
