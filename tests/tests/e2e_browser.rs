//! What the client signs for the customer's browser, taken to the sandbox the way a browser
//! would: the Frontend URL (hosted page shown, tampered URL refused, Pay returns to the shop)
//! and the Client API parameters of the hosted iFrame's `creditcardcheck`, with the card data
//! the browser adds (not part of the hash).

mod common;

use common::*;
use payone_types::generated::frontend::*;

fn checkout(reference: &'static str) -> Authorization {
    Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::new(reference))
        .amount(Amount::new(2500))
        .currency(Currency::new("EUR"))
        .items(vec![
            Item::builder()
                .it(It::Goods)
                .id(Id::new("SKU-1"))
                .pr(Pr::new(2500))
                .no(No::new(1))
                .de(De::new("Wanderschuhe Größe 42"))
                .build(),
        ])
        .successurl(Successurl::new("https://shop.example/success"))
        .backurl(Backurl::new("https://shop.example/back"))
        .build()
        .unwrap()
}

async fn get(url: &str) -> (u16, String) {
    let response = http().get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_signed_frontend_url_shows_the_page_and_a_tampered_one_is_refused() {
    let env = Env::start().await;
    let url = env.client.frontend_url(&checkout("order-7")).unwrap();
    assert!(
        url.as_str()
            .starts_with(&format!("{}/frontend/v2/?", env.sandbox.base_url())),
        "{url}"
    );
    assert!(url.query().unwrap().contains("&hash="));
    assert!(
        !url.query().unwrap().contains("key="),
        "no credential in the URL"
    );

    let (status, page) = get(url.as_str()).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"pay\""), "{page}");
    assert!(page.contains("<span id=\"reference\">order-7</span>"));
    assert!(page.contains("<span id=\"amount\">25.00</span>"));
    assert!(page.contains("Wanderschuhe Größe 42"));

    // The customer lowers the amount in the address bar: the hash no longer matches.
    let tampered = url.as_str().replace("amount=2500", "amount=1");
    assert_ne!(tampered, url.as_str());
    let (status, page) = get(&tampered).await;
    assert_eq!(status, 400);
    assert!(page.contains("id=\"error\""), "{page}");
    assert!(page.contains("hash"), "{page}");
    assert!(!page.contains("id=\"pay\""));

    // Pay on the genuine page: an approved transaction and back to the shop, unchanged.
    let token = pay_token(&get(url.as_str()).await.1);
    let response = http()
        .post(format!("{}/frontend/v2/pay", env.sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "https://shop.example/success"
    );
    let log = env.sandbox.notifications();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].get("reference"), Some("order-7"));
    env.shutdown().await;
}

/// The one-time token of the page's Pay form.
fn pay_token(page: &str) -> String {
    let marker = "name=\"token\" value=\"";
    let start = page.find(marker).expect("a Pay form") + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn the_frontend_form_posts_to_the_same_page() {
    let env = Env::start().await;
    let form = env.client.frontend_form(&checkout("order-8")).unwrap();
    assert_eq!(form.fields.last().unwrap().0, "hash");
    let mut body = payone_client::Url::parse("http://x/").unwrap();
    body.query_pairs_mut().extend_pairs(form.fields.iter());
    let response = http()
        .post(form.action.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.query().unwrap().to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("id=\"pay\""));
    env.shutdown().await;
}

#[tokio::test]
async fn the_hosted_creditcardcheck_gets_a_pseudo_card_number() {
    let env = Env::start().await;
    let answer = hosted_creditcardcheck(&env.client, "4111111111111111").await;
    assert_eq!(answer["status"], "VALID", "{answer}");
    let pseudo = answer["pseudocardpan"].as_str().unwrap();
    assert!(
        pseudo.len() == 19 && pseudo.starts_with('9') && pseudo.bytes().all(|b| b.is_ascii_digit()),
        "{pseudo}"
    );
    assert_eq!(answer["truncatedcardpan"], "411111XXXXXX1111");
    assert_eq!(answer["cardtype"], "V");
    assert_eq!(answer["cardexpiredate"], "3012");
    assert!(!answer.to_string().contains("4111111111111111"));

    // The same card again: the same pseudo card number.
    let again = hosted_creditcardcheck(&env.client, "4111111111111111").await;
    assert_eq!(again["pseudocardpan"], pseudo);
    env.shutdown().await;
}

#[tokio::test]
async fn a_luhn_invalid_card_is_invalid_877() {
    let env = Env::start().await;
    let answer = hosted_creditcardcheck(&env.client, "4111111111111112").await;
    insta::assert_snapshot!(answer.to_string(), @r#"{"status":"INVALID","errorcode":"877","errormessage":"Invalid card number","customermessage":"The card number is not valid. Please check your entry."}"#);
    env.shutdown().await;
}
