//! 3dscheck `ENROLLED` with a real browser: headless Chromium posts the answer's form to the
//! `acsurl`, the customer clicks "Authenticate" on the issuer's page, the page's script posts
//! the result to the `termurl`, and the browser lands on the shop's `exiturl`; the payment
//! with the `xid` is then approved.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them), so the test is
//! `#[ignore]`d: `cargo test -- --include-ignored` runs it (CI does), and there missing browser
//! binaries fail it instead of letting it pass unrun.

mod chromium;
mod common;

use axum::routing::get;
use chromium::{browser, click, wait_for_text};
use common::*;
use payone_client::Answer;
use payone_client::answer::ThreedsCheckAnswer;
use payone_sandbox::CARD_3DS_ENROLLED;
use payone_types::generated::server::*;

/// The shop's page the customer comes back to; its URL.
async fn shop() -> (String, tokio::task::JoinHandle<()>) {
    let app = axum::Router::new().route(
        "/exit",
        get(|| async { axum::response::Html("<h1 id=\"result\">back at the shop</h1>") }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let task = tokio::spawn(async move { axum::serve(listener, app).await.expect("serves") });
    (format!("http://{addr}/exit"), task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromium-driver; run with --include-ignored"]
async fn the_customer_authenticates_in_the_browser_and_the_payment_goes_ahead() {
    let (exiturl, shop_task) = shop().await;
    let env = Env::start().await;
    let check = Threedscheck::builder()
        .clearingtype(ThreedscheckClearingtype::Cc)
        .amount(Amount::new(1000))
        .currency(ThreedscheckCurrency::Eur)
        .exiturl(Exiturl::try_new(exiturl.clone()).expect("url"))
        .cardpan(Cardpan::try_new(CARD_3DS_ENROLLED.to_owned()).expect("digits"))
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .build()
        .expect("valid");
    let answer: ThreedsCheckAnswer = env.client.send_typed(&check).await.expect("an answer");
    let ThreedsCheckAnswer::Enrolled { challenge, .. } = answer else {
        panic!("not enrolled: {answer:?}")
    };

    // What the shop's checkout page renders: the form of the answer, posted at once.
    let form = format!(
        "<form id=\"acs\" method=\"post\" action=\"{}\">\
         <input type=\"hidden\" name=\"PaReq\" value=\"{}\">\
         <input type=\"hidden\" name=\"TermUrl\" value=\"{}\">\
         <input type=\"hidden\" name=\"MD\" value=\"{}\"></form>\
         <script>document.getElementById('acs').submit();</script>",
        challenge.acsurl,
        challenge.pareq.as_deref().expect("a pareq"),
        challenge.termurl.as_deref().expect("a termurl"),
        challenge.md.as_deref().expect("an md"),
    );
    let (_driver, client) = browser().await;
    client
        .goto(&format!("data:text/html,{}", urlencode(&form)))
        .await
        .expect("the checkout page");
    assert_eq!(wait_for_text(&client, "#card").await, "400000XXXXXX1091");
    click(&client, "authenticate").await;
    assert_eq!(wait_for_text(&client, "#result").await, "back at the shop");
    let landed = client.current_url().await.expect("url");
    assert_eq!(landed.as_str(), exiturl);

    let card = CreditCard::builder()
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .pseudocardpan(Pseudocardpan::new("9410010000000000001"))
        .xid(Xid::try_new(challenge.xid.expect("an xid")).expect("text"))
        .build();
    let payment = Authorization::builder()
        .clearingtype(Clearingtype::Cc(Some(card)))
        .amount(Amount::new(1000))
        .currency(eur())
        .lastname(Lastname::new("Approved"))
        .build()
        .expect("valid");
    let approved = env.client.send(&payment).await.expect("approved");
    assert!(matches!(approved, Answer::Approved { .. }), "{approved:?}");

    client.close().await.expect("close the browser");
    env.shutdown().await;
    shop_task.abort();
}

/// `s` percent-encoded for a `data:` URL.
fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
