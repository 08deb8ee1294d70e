//! The hosted Frontend page of the sandbox, driven in headless Chromium through ChromeDriver:
//! open the signed URL, pay, land on the shop's successurl; a tampered URL is refused.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them), so the test is
//! `#[ignore]`d: `cargo test -- --include-ignored` runs it (CI does), and there missing browser
//! binaries fail it instead of letting it pass unrun.

mod chromium;

use std::net::{Ipv4Addr, SocketAddr};

use chromium::{browser, click, wait_for_text};
use fantoccini::Locator;
use payone_types::generated::frontend::*;
use payone_types::{Account, HashAlgorithm, Request};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromium-driver; run with --include-ignored"]
async fn pay_on_the_hosted_page_and_refuse_a_tampered_url() {
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

    let (_driver, client) = browser().await;

    let url = signed_url(&sandbox.base_url(), shop, &account);
    client.goto(&url).await.expect("open the hosted page");
    click(&client, "pay").await;
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
