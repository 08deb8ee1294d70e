//! The hosted Frontend page of the sandbox, driven in headless Chromium through ChromeDriver:
//! open the signed URL, pay, land on the shop's successurl; a tampered URL is refused.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them), so the test is
//! `#[ignore]`d: `cargo test -- --include-ignored` runs it (CI does), and there missing browser
//! binaries fail it instead of letting it pass unrun.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use payone_types::generated::frontend::*;
use payone_types::{Account, HashAlgorithm, Request};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn require_browser() {
    let present =
        std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    assert!(
        present,
        "{CHROMEDRIVER} and {CHROMIUM} are needed (apt-get install chromium chromium-driver)"
    );
}

/// The shop's pages the hosted page returns to.
async fn shop() -> SocketAddr {
    use axum::Router;
    use axum::routing::get;
    let app = Router::new()
        .route(
            "/success",
            get(|| async { axum::response::Html("<h1 id=\"result\">paid</h1>") }),
        )
        .route(
            "/back",
            get(|| async { axum::response::Html("<h1 id=\"result\">cancelled</h1>") }),
        );
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("shop serves") });
    addr
}

fn signed_url(base: &str, shop: SocketAddr, account: &Account) -> String {
    let item = Item::builder()
        .it(It::Goods)
        .id(Id::new("SKU-1"))
        .pr(Pr::new(2500))
        .no(No::new(1))
        .de(De::new("Wanderschuhe"))
        .build();
    let request = Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::new("browser-0001"))
        .amount(Amount::new(2500))
        .currency(Currency::new("EUR"))
        .items(vec![item])
        .successurl(Successurl::try_new(format!("http://{shop}/success")).expect("url"))
        .backurl(Backurl::try_new(format!("http://{shop}/back")).expect("url"))
        .build()
        .expect("valid");
    let params = request
        .to_signed_params(account, HashAlgorithm::HmacSha384)
        .expect("signed");
    format!(
        "{base}/frontend/v2/?{}",
        params.form_encode(account.encoding()).expect("utf-8")
    )
}

async fn wait_for_text(client: &fantoccini::Client, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            return element.text().await.expect("text");
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` did not appear within 15 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromium-driver; run with --include-ignored"]
async fn pay_on_the_hosted_page_and_refuse_a_tampered_url() {
    require_browser();
    let sandbox = payone_sandbox::start(payone_sandbox::Config::default())
        .await
        .expect("sandbox starts");
    let accounts = &payone_sandbox::Config::default().accounts;
    let account = Account::new(
        accounts.mid,
        accounts.portalid,
        accounts.aid,
        accounts.key.clone(),
    );
    let shop = shop().await;

    let port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        // ChromeDriver speaks plain HTTP on loopback: no TLS stack needed.
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(e) => {
                assert!(
                    Instant::now() < deadline,
                    "chromedriver did not answer within 20 s: {e}"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };

    let url = signed_url(&sandbox.base_url(), shop, &account);
    client.goto(&url).await.expect("open the hosted page");
    client
        .find(Locator::Id("pay"))
        .await
        .expect("a pay button")
        .click()
        .await
        .expect("click");
    assert_eq!(wait_for_text(&client, "#result").await, "paid");
    let landed = client.current_url().await.expect("url");
    assert!(
        landed
            .as_str()
            .starts_with(&format!("http://{shop}/success"))
    );

    let tampered = url.replace("amount=2500", "amount=25");
    assert_ne!(tampered, url);
    client
        .goto(&tampered)
        .await
        .expect("open the tampered page");
    let body = wait_for_text(&client, "body").await;
    assert!(body.contains("Request refused"), "{body}");
    assert!(
        client.find(Locator::Id("pay")).await.is_err(),
        "a tampered request offers no pay button"
    );

    client.close().await.expect("close the browser");
    sandbox.shutdown().await;
}
