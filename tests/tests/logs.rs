//! Nothing secret in the logs: the `tracing` output of the clients and of the sandbox, at
//! TRACE, over a Server API payment, DirectLink orders (one refused for its SHA-IN) and v2
//! payments with webhooks (one refused for its signature), holds no key, password,
//! passphrase, secret, card number, CVC, expiry date, cardholder name or wallet token.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Env, bounded, eventually, preauthorization};
use payone_client::Answer;
use payone_client::Url;
use payone_client::directlink::{
    DirectLinkClient, DirectLinkConfig, Endpoints, OrderOutcome, Password, ShaPassphrase, Test,
};
use payone_client::v2::{BaseUrl, CreateOutcome, SecretString, V2Client, V2Config};
use payone_sandbox::{
    Config, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_KEY, DEFAULT_MERCHANT_ID, DEFAULT_PSPID,
    DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_SHA_OUT, DEFAULT_USERID,
    DEFAULT_WEBHOOK_SECRET, V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::prelude::*;

const DL_CARD: &str = "4111111111111111";
const CVC: &str = "123";
const EXPIRY: &str = "1230";
const CARDHOLDER: &str = "Erika Mustermann";

const GOOGLE_PAY_TOKEN: &str = "sbxGgpTokeneyJzaWduYXR1cmUiOiJNRVFDSUg";

/// A Google Pay authorization carrying [`GOOGLE_PAY_TOKEN`].
fn google_pay() -> payone_types::generated::server::Authorization {
    use payone_types::generated::server::*;
    let google = GooglePay::builder()
        .add_paydata_paymentmethod_token_data(AddPaydataPaymentmethodTokenData::new(
            GOOGLE_PAY_TOKEN,
        ))
        .build();
    Authorization::builder()
        .clearingtype(Clearingtype::Wlt(
            EWallet::builder()
                .wallettype(Wallettype::Ggp(google))
                .build(),
        ))
        .amount(Amount::new(1500))
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid")
}

/// Everything the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// A subscriber for this thread: every event and span (with its fields, at open and close)
/// of our crates, at TRACE.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let targets = Targets::new()
        .with_target("payone_client", LevelFilter::TRACE)
        .with_target("payone_sandbox", LevelFilter::TRACE)
        .with_target("payone_types", LevelFilter::TRACE);
    let subscriber = tracing_subscriber::registry().with(
        tracing_subscriber::fmt::layer()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_span_events(FmtSpan::FULL)
            .with_filter(targets),
    );
    (captured, tracing::subscriber::set_default(subscriber))
}

fn directlink_client(base: &Url, sha_in: &str) -> DirectLinkClient<Test> {
    DirectLinkClient::new(
        DirectLinkConfig::<Test>::new(
            DEFAULT_PSPID,
            DEFAULT_USERID,
            Password::new(DEFAULT_PSWD),
            ShaPassphrase::new(sha_in),
            DEFAULT_SHA_ALGO,
        )
        .with_endpoints(Endpoints::with_base(base).expect("a test base")),
    )
    .expect("client")
}

fn directlink_order(orderid: &str) -> Vec<(String, String)> {
    [
        ("ORDERID", orderid),
        ("AMOUNT", "2500"),
        ("CURRENCY", "EUR"),
        ("CARDNO", DL_CARD),
        ("ED", EXPIRY),
        ("CVC", CVC),
        ("CN", CARDHOLDER),
        ("OPERATION", "RES"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect()
}

fn v2_client(base: &Url, secret: &str) -> V2Client<payone_client::v2::Test> {
    V2Client::new(
        V2Config::<payone_client::v2::Test>::new(
            DEFAULT_MERCHANT_ID,
            DEFAULT_API_KEY,
            SecretString::from(secret),
        )
        .unwrap()
        .with_base(BaseUrl::custom(base).unwrap())
        .with_timeout(common::PATIENCE),
    )
    .unwrap()
}

fn v2_payment() -> CreatePaymentRequest {
    let card = Card::new(CardNumber::new(V2_CARD_NO_3DS), ExpiryDate::new(EXPIRY))
        .with_cvv(Cvv::new(CVC))
        .with_cardholder_name(CardholderName::new(CARDHOLDER));
    CreatePaymentRequest::new(Order::new(AmountOfMoney::new(
        Amount::new(1500),
        CurrencyCode::new("EUR"),
    )))
    .with_card_payment_method_specific_input(CardPaymentMethodSpecificInput::new().with_card(card))
}

/// The SEPA requests: a mandate for an IBAN and holder that must never be logged.
mod sepa {
    use payone_types::generated::server::*;

    pub const IBAN: &str = "DE02120300000000202051";
    pub const HOLDER: &str = "Mustermann-Holder";

    pub fn managemandate() -> Managemandate {
        let account = DirectDebit::builder()
            .iban(Iban::try_new(IBAN.to_owned()).unwrap())
            .build();
        Managemandate::builder()
            .clearingtype(ManagemandateClearingtype::Elv(Some(account)))
            .currency(Currency::new("EUR"))
            .lastname(Lastname::new(HOLDER))
            .build()
            .unwrap()
    }

    pub fn getfile(mandate: &str) -> Getfile {
        Getfile::builder()
            .file_format(FileFormat::Pdf)
            .file_type(FileType::SepaMandate)
            .file_reference(FileReference::try_new(mandate.to_owned()).unwrap())
            .build()
            .unwrap()
    }
}

/// A receiver of v2 webhooks that answers 200 and counts.
async fn webhook_sink() -> (Url, Arc<Mutex<u32>>, tokio::task::JoinHandle<()>) {
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    let app = axum::Router::new().route(
        "/webhooks",
        axum::routing::post(move || {
            let seen = seen.clone();
            async move {
                *seen.lock().unwrap() += 1;
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}/").parse().unwrap(), count, task)
}

#[tokio::test]
async fn no_secret_and_no_card_data_is_ever_logged() {
    let (captured, _guard) = capture();
    let (shop, webhooks, shop_task) = webhook_sink().await;
    let config = Config {
        notify_retry: Duration::from_millis(100),
        notify_max_attempts: 2,
        ..Config::default()
    }
    .with_webhook_url(format!("{shop}webhooks"));
    let env = Env::with_config(config).await;

    // Server API: a preauthorization and its capture.
    let answer = bounded(
        "the preauthorization",
        env.client.send(&preauthorization(1000)),
    )
    .await
    .unwrap();
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");

    // Server API Google Pay: the wallet's token in add_paydata.
    let wallet = bounded("the Google Pay payment", env.client.send(&google_pay()))
        .await
        .unwrap();
    assert!(matches!(wallet, Answer::Approved { .. }), "{wallet:?}");

    // Server API SEPA: a mandate with its text, and the signed mandate as a file.
    let mandate = bounded("the mandate", env.client.send_typed(&sepa::managemandate()))
        .await
        .unwrap();
    let file = sepa::getfile(mandate.mandate_identification());
    let document = bounded("the mandate file", env.client.fetch_document(&file))
        .await
        .unwrap();
    assert!(document.is_pdf());

    // DirectLink: an order, and one signed with the wrong passphrase.
    let directlink = directlink_client(&env.base, DEFAULT_SHA_IN);
    let outcome = bounded("the order", directlink.order(&directlink_order("log-1")))
        .await
        .unwrap();
    assert!(matches!(outcome, OrderOutcome::Answered(_)), "{outcome:?}");
    let forged = directlink_client(&env.base, "not-the-passphrase");
    let _refused = bounded("the forged order", forged.order(&directlink_order("log-2"))).await;

    // v2: a payment with its webhook, and a call with the wrong secret.
    let v2 = v2_client(&env.base, DEFAULT_API_SECRET);
    let outcome = bounded("the v2 create", v2.create(&v2_payment()))
        .await
        .unwrap();
    assert!(
        matches!(outcome, CreateOutcome::NoThreeDSecure { .. }),
        "{outcome:?}"
    );
    eventually("the webhook", || *webhooks.lock().unwrap() >= 1).await;
    let err = bounded(
        "the refused create",
        v2_client(&env.base, "wrong-secret").create(&v2_payment()),
    )
    .await
    .unwrap_err();
    assert_eq!(err.http_status(), Some(401), "{err}");
    env.shutdown().await;
    shop_task.abort();

    let logs = captured.text();
    // The capture saw the traffic: spans of all three APIs and the refusals.
    for expected in [
        "create_payment",
        "orderdirect",
        "preauthorization",
        "managemandate",
        "getfile",
    ] {
        assert!(
            logs.contains(expected),
            "no `{expected}` in the logs:\n{logs}"
        );
    }
    let secrets = [
        ("portal key", DEFAULT_KEY),
        ("DirectLink password", DEFAULT_PSWD),
        ("SHA-IN passphrase", DEFAULT_SHA_IN),
        ("SHA-OUT passphrase", DEFAULT_SHA_OUT),
        ("wrong SHA-IN passphrase", "not-the-passphrase"),
        ("v2 API secret", DEFAULT_API_SECRET),
        ("wrong v2 API secret", "wrong-secret"),
        ("webhook secret", DEFAULT_WEBHOOK_SECRET),
        ("DirectLink card number", DL_CARD),
        ("v2 card number", V2_CARD_NO_3DS),
        ("cardholder name", CARDHOLDER),
        ("IBAN", sepa::IBAN),
        ("mandate holder", sepa::HOLDER),
        ("Google Pay token", GOOGLE_PAY_TOKEN),
    ];
    for (what, secret) in secrets {
        assert!(!logs.contains(secret), "the {what} is in the logs:\n{logs}");
    }
    // Short values are looked for as values, not as any three digits of a timestamp.
    for (what, value) in [("CVC", CVC), ("expiry date", EXPIRY)] {
        for written in [
            format!("={value}"),
            format!("\"{value}\""),
            format!(": {value}"),
        ] {
            assert!(
                !logs.contains(&written),
                "the {what} is in the logs:\n{logs}"
            );
        }
    }
}
