//! Shared helpers of the end-to-end tests: a sandbox on loopback with a `payone_client::Client`
//! pointed at it, raw HTTP access for what the typed API refuses to send, the seed's card and
//! customer, and bounded waiting.
//!
//! Every test starts its own sandbox, so the sandbox's counters (`txid` from 100000001,
//! `userid` from 200000001, `accessid` from 300000001) make the answers deterministic.

#![allow(dead_code)]

pub mod receiver;
pub mod v2;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use payone_client::cof::{Card, RedirectUrls};
use payone_client::{Answer, Client, ClientBuilder, Endpoints, Fields, Url};
use payone_sandbox::{Config, DEFAULT_AID, DEFAULT_KEY, DEFAULT_MID, DEFAULT_PORTALID, Sandbox};
use payone_types::generated::server::*;
use payone_types::{Account, Charset, KeyDigest, PortalKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The limit for everything a test waits for: generous, so that a loaded two-core CI machine
/// does not fail a correct run, but bounded, so that a broken one ends.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A sandbox and a client of its account.
pub struct Env {
    pub sandbox: Sandbox,
    pub client: Client,
    pub base: Url,
}

impl Env {
    /// A sandbox with the default configuration and a UTF-8 client.
    pub async fn start() -> Env {
        Env::with_config(Config::default()).await
    }

    /// A sandbox started with `config` and a UTF-8 client of the sandbox's account.
    pub async fn with_config(config: Config) -> Env {
        let sandbox = payone_sandbox::start(config).await.expect("sandbox starts");
        let base: Url = sandbox.base_url().parse().expect("a base URL");
        let client = builder(&base, account(Charset::Utf8))
            .build()
            .expect("client");
        Env {
            sandbox,
            client,
            base,
        }
    }

    /// Another client of this sandbox, for `account`.
    pub fn client_for(&self, account: Account) -> Client {
        builder(&self.base, account).build().expect("client")
    }

    /// `GET /sandbox/requests`: the Server API requests the sandbox received, per request type.
    pub async fn requests(&self) -> BTreeMap<String, u64> {
        let text = get_text(&format!("{}/sandbox/requests", self.sandbox.base_url())).await;
        let counts: BTreeMap<String, u64> = text
            .lines()
            .map(|line| {
                let (name, count) = line.split_once('=').expect("name=count");
                (name.to_owned(), count.parse().expect("a count"))
            })
            .collect();
        assert_eq!(
            counts,
            self.sandbox.requests(),
            "endpoint and handle disagree"
        );
        counts
    }

    /// The number of Server API requests received, all types together.
    pub async fn request_total(&self) -> u64 {
        self.requests().await.values().sum()
    }

    /// POSTs a raw, already form-encoded body to `/post-gateway/`; the answer's content type
    /// and bytes.
    pub async fn post_raw(&self, body: impl Into<reqwest::Body>) -> (String, Vec<u8>) {
        let response = http()
            .post(format!("{}/post-gateway/", self.sandbox.base_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .expect("ASCII")
            .to_owned();
        let body = response.bytes().await.expect("a body").to_vec();
        (content_type, body)
    }

    pub async fn shutdown(self) {
        self.sandbox.shutdown().await;
    }
}

/// The sandbox's default account, as a client configures it.
pub fn account(encoding: Charset) -> Account {
    Account::new(
        DEFAULT_MID,
        DEFAULT_PORTALID,
        DEFAULT_AID,
        PortalKey::new(DEFAULT_KEY),
    )
    .with_encoding(encoding)
}

/// A client builder for the sandbox at `base` with generous limits.
pub fn builder(base: &Url, account: Account) -> ClientBuilder {
    Client::builder(account)
        .endpoints(Endpoints::under(base).expect("sandbox endpoints"))
        .timeout(PATIENCE)
        .connect_timeout(PATIENCE)
}

/// A plain HTTP client that follows no redirect and uses no proxy from the environment.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(PATIENCE)
        .build()
        .expect("HTTP client")
}

pub async fn get_text(url: &str) -> String {
    let response = http().get(url).send().await.expect("an answer");
    assert_eq!(response.status(), 200, "GET {url}");
    response.text().await.expect("text")
}

/// The Server API `key` of the default account (md5 of the portal key).
pub fn key_md5() -> String {
    payone_types::sign::server_key(&PortalKey::new(DEFAULT_KEY), KeyDigest::Md5)
}

/// The account part of a raw Server API body, UTF-8 declared, for `request`.
pub fn raw_account(request: &str, encoding: &str) -> String {
    format!(
        "mid={DEFAULT_MID}&portalid={DEFAULT_PORTALID}&aid={DEFAULT_AID}&key={}&api_version=3.11&mode=test&encoding={encoding}&request={request}",
        key_md5()
    )
}

/// The fields of an answer as `name=value` lines, as the sandbox sent them.
pub fn lines(fields: &Fields) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect()
}

pub fn eur() -> Currency {
    Currency::new("EUR")
}

/// The seed's card on file.
pub fn card() -> Card {
    Card::new(
        Cardtype::M,
        Cardexpiredate::new("2110"),
        Pseudocardpan::new("9911192220202920292"),
    )
    .cardholder(Cardholder::new("Testperson Approved"))
}

/// The 3-D Secure return URLs of the shop.
pub fn urls() -> RedirectUrls {
    RedirectUrls::new(
        Successurl::new("https://shop.example/success"),
        Backurl::new("https://shop.example/back"),
    )
}

/// A card preauthorization of `amount` without reference (always valid for the sandbox).
pub fn preauthorization(amount: i64) -> Preauthorization {
    Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .lastname(Lastname::new("Approved"))
        .amount(Amount::try_new(amount).expect("an amount"))
        .currency(eur())
        .build()
        .expect("valid")
}

/// Builders of the requests that follow a payment (`txid`, `sequencenumber`, `amount`).
macro_rules! follow_up {
    ($($(#[$doc:meta])* $name:ident -> $ty:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(txid: &str, sequencenumber: u32, amount: i64) -> $ty {
            $ty::builder()
                .amount(Amount::try_new(amount).expect("an amount"))
                .currency(eur())
                .txid(Txid::try_new(txid.to_owned()).expect("a txid"))
                .sequencenumber(
                    Sequencenumber::try_new(sequencenumber.to_string()).expect("a number"),
                )
                .build()
                .expect("valid")
        }
    )*};
}

follow_up! {
    /// A capture of a preauthorization.
    capture -> Capture;
    /// A refund (negative `amount`).
    refund -> Refund;
    /// A debit (negative `amount` credits the customer).
    debit -> Debit;
}

/// The `txid` of an answer that must have one.
pub fn txid(answer: &Answer) -> String {
    answer.txid().expect("a txid").to_owned()
}

/// Waits until `done` holds, polling every 10 ms, at most [`PATIENCE`].
pub async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < PATIENCE,
            "{what} did not happen within {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Runs `future` with [`PATIENCE`] as the limit.
pub async fn bounded<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(PATIENCE, future)
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {PATIENCE:?}"))
}

/// A TCP relay between a client and the sandbox that keeps every byte the client sent, so a
/// test can look at the wire form of a request.
pub struct WireTap {
    pub base: Url,
    sent: Arc<Mutex<Vec<u8>>>,
    task: tokio::task::JoinHandle<()>,
}

impl WireTap {
    /// Relays `127.0.0.1:PORT` to `upstream` (`host:port`).
    pub async fn start(upstream: std::net::SocketAddr) -> WireTap {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let task = tokio::spawn(async move {
            let mut relays = tokio::task::JoinSet::new();
            while let Ok((client, _)) = listener.accept().await {
                let log = log.clone();
                relays.spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        relay(client, server, log).await;
                    }
                });
            }
        });
        WireTap {
            base: format!("http://{addr}/").parse().expect("URL"),
            sent,
            task,
        }
    }

    /// Everything clients have sent so far, as bytes.
    pub fn sent(&self) -> Vec<u8> {
        self.sent.lock().unwrap().clone()
    }
}

impl Drop for WireTap {
    fn drop(&mut self) {
        // Aborting the accept loop drops its join set, which aborts the relays.
        self.task.abort();
    }
}

async fn relay(client: TcpStream, server: TcpStream, log: Arc<Mutex<Vec<u8>>>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let upstream = async move {
        let mut buf = [0u8; 4096];
        loop {
            match client_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    log.lock().unwrap().extend_from_slice(&buf[..n]);
                    if server_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async move {
        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
        let _ = client_write.shutdown().await;
    };
    tokio::join!(upstream, downstream);
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What the hosted iFrame does in the customer's browser: the signed parameters of
/// `client_api_params`, plus the card data the customer typed (`cardpan`, `cardtype`,
/// `cardexpiredate`, not part of the hash), sent by GET to the Client API. The JSON answer.
pub async fn hosted_creditcardcheck(client: &Client, cardpan: &str) -> serde_json::Value {
    use payone_client::client_api::HostedCreditcardcheck;
    use payone_types::generated::client::{Responsetype, Storecarddata};

    let check = HostedCreditcardcheck::new(Responsetype::Json).storecarddata(Storecarddata::Yes);
    let params = client.client_api_params(&check).expect("signed");
    let mut url = params.endpoint.clone();
    url.query_pairs_mut()
        .extend_pairs(params.fields.iter())
        .append_pair("cardpan", cardpan)
        .append_pair("cardtype", "V")
        .append_pair("cardexpiredate", "3012");
    let response = http().get(url).send().await.expect("an answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    serde_json::from_str(&response.text().await.expect("text")).expect("JSON")
}
