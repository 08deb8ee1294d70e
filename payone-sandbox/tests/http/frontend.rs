//! `/frontend/v2/`: the signed hosted page, Pay and Cancel, refusals.

use payone_sandbox::Delivery;
use payone_types::Api;

use crate::common::{form, http, sandbox, signed};

fn authorization(reference: &str) -> Vec<(&'static str, String)> {
    signed(
        Api::Frontend,
        vec![
            ("aid", "10002".into()),
            ("portalid", "2000001".into()),
            ("api_version", "3.11".into()),
            ("mode", "test".into()),
            ("request", "authorization".into()),
            ("encoding", "UTF-8".into()),
            ("clearingtype", "cc".into()),
            ("reference", reference.into()),
            ("amount", "2500".into()),
            ("currency", "EUR".into()),
            ("it[1]", "goods".into()),
            ("id[1]", "SKU-1".into()),
            ("pr[1]", "2500".into()),
            ("no[1]", "1".into()),
            ("de[1]", "Wanderschuhe <Größe 42> & Co".into()),
            ("successurl", "https://shop.example/success".into()),
            ("backurl", "https://shop.example/back".into()),
        ],
    )
}

async fn get(url: String) -> (u16, String) {
    let response = http().get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The token of the page's Pay form.
fn token(page: &str) -> &str {
    let start = page.find("name=\"token\" value=\"").unwrap() + 20;
    &page[start..start + page[start..].find('"').unwrap()]
}

#[tokio::test]
async fn a_signed_request_shows_the_order_and_pay_returns_to_the_shop() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let (status, page) = get(format!(
        "{base}/frontend/v2/?{}",
        form(&authorization("order-7"))
    ))
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"pay\""));
    assert!(page.contains("id=\"cancel\""));
    assert!(page.contains("<span id=\"reference\">order-7</span>"));
    assert!(page.contains("<span id=\"amount\">25.00</span> <span id=\"currency\">EUR</span>"));
    assert!(
        page.contains("Wanderschuhe &lt;Größe 42&gt; &amp; Co"),
        "{page}"
    );

    let pay = |token: String| {
        http()
            .post(format!("{base}/frontend/v2/pay"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("token={token}"))
            .send()
    };
    let response = pay(token(&page).to_owned()).await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "https://shop.example/success"
    );
    let notifications = sandbox.notifications();
    assert_eq!(notifications.len(), 1);
    assert_eq!(notifications[0].txaction, "appointed");
    assert_eq!(notifications[0].get("reference"), Some("order-7"));
    assert_eq!(notifications[0].get("receivable"), Some("25.00"));
    assert_eq!(notifications[0].delivery, Delivery::NotSent);

    // The token works once; the reference is used now.
    let again = pay(token(&page).to_owned()).await.unwrap();
    assert_eq!(again.status(), 400);
    let (status, page) = get(format!(
        "{base}/frontend/v2/?{}",
        form(&authorization("order-7"))
    ))
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains(
            "Request refused: reference: Reference number already exists (errorcode 911)"
        ),
        "{page}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_tampered_request_is_refused() {
    let sandbox = sandbox().await;
    let mut pairs = authorization("order-8");
    pairs.iter_mut().find(|(n, _)| *n == "amount").unwrap().1 = "25".into();
    let (status, page) = get(format!(
        "{}/frontend/v2/?{}",
        sandbox.base_url(),
        form(&pairs)
    ))
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("<p id=\"error\">Request refused: hash: hash incorrect (errorcode 7)</p>"),
        "{page}"
    );
    assert!(!page.contains("id=\"pay\""));

    pairs.retain(|(n, _)| *n != "hash");
    let (status, page) = get(format!(
        "{}/frontend/v2/?{}",
        sandbox.base_url(),
        form(&pairs)
    ))
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Request refused: hash: required parameter is missing"),
        "{page}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_violation_is_refused_naming_the_parameter() {
    let sandbox = sandbox().await;
    let mut pairs = authorization("order-9");
    pairs.retain(|(n, _)| *n != "hash" && *n != "currency");
    let pairs = signed(Api::Frontend, pairs);
    let (status, page) = get(format!(
        "{}/frontend/v2/?{}",
        sandbox.base_url(),
        form(&pairs)
    ))
    .await;
    assert_eq!(status, 400);
    assert!(
        page.contains("Request refused: currency: required parameter is missing"),
        "{page}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn cancel_returns_to_backurl() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url();
    let (_, page) = get(format!(
        "{base}/frontend/v2/?{}",
        form(&authorization("order-10"))
    ))
    .await;
    let response = http()
        .get(format!("{base}/frontend/v2/cancel?token={}", token(&page)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "https://shop.example/back");
    assert!(sandbox.notifications().is_empty());
    sandbox.shutdown().await;
}
