//! Requests encoded by `payone-types`' typed builders (what `payone-client` sends) are accepted:
//! the sandbox and the bindings agree on tables, keys and hashes. Only the encoding comes from
//! `payone-types`; the requests go out with raw reqwest.

use payone_sandbox::{Config, Sandbox};
use payone_types::{Account, Charset, HashAlgorithm, Request};

use crate::common::{http, post_raw, sandbox};

fn account(encoding: Charset) -> Account {
    let a = Config::default().accounts;
    Account::new(a.mid, a.portalid, a.aid, a.key).with_encoding(encoding)
}

async fn post_typed<R: Request>(sandbox: &Sandbox, request: &R, encoding: Charset) -> String {
    let account = account(encoding);
    let body = request
        .to_params(&account)
        .expect("valid")
        .form_encode(encoding)
        .expect("encodable");
    let (content_type, answer) = post_raw(sandbox, body).await;
    assert_eq!(
        content_type,
        format!("text/plain; charset={}", encoding.as_str())
    );
    String::from_utf8(answer).expect("ASCII answer")
}

#[tokio::test]
async fn server_api_preauthorization_in_both_charsets() {
    use payone_types::generated::server::*;
    let sandbox = sandbox().await;
    let request = Preauthorization::builder()
        .recurrence(Recurrence::Recurring)
        .customer_is_present(CustomerIsPresent::Yes)
        .clearingtype(Clearingtype::Cc(Some(
            CreditCard::builder()
                .cardtype(Cardtype::M)
                .cardexpiredate(Cardexpiredate::new("2110"))
                .pseudocardpan(Pseudocardpan::new("9911192220202920292"))
                .build(),
        )))
        .amount(Amount::new(3000))
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Approved"))
        .street(Street::new("Hellersbergstraße 14"))
        .build()
        .expect("valid");
    let answer = post_typed(&sandbox, &request, Charset::Utf8).await;
    assert_eq!(
        answer,
        "status=APPROVED\ntxid=100000001\nuserid=200000001\n"
    );
    let answer = post_typed(&sandbox, &request, Charset::Latin1).await;
    assert_eq!(
        answer,
        "status=APPROVED\ntxid=100000002\nuserid=200000002\n"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn client_api_creditcardcheck() {
    use payone_types::generated::client::*;
    let sandbox = sandbox().await;
    let request = Creditcardcheck::builder()
        .responsetype(Responsetype::Json)
        .storecarddata(Storecarddata::Yes)
        .cardpan(Cardpan::new("5500000000000004"))
        .cardtype(Cardtype::M)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .build()
        .expect("valid");
    let account = account(Charset::Utf8);
    let query = request
        .to_signed_params(&account, HashAlgorithm::HmacSha384)
        .expect("signed")
        .form_encode(Charset::Utf8)
        .expect("encodable");
    let answer = http()
        .get(format!("{}/client-api/?{query}", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["status"], "VALID", "{answer}");
    assert_eq!(answer["truncatedcardpan"], "550000XXXXXX0004");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn frontend_authorization_and_a_tampered_copy() {
    use payone_types::generated::frontend::*;
    let sandbox = sandbox().await;
    let item = Item::builder()
        .it(It::Goods)
        .id(Id::new("SKU-1"))
        .pr(Pr::new(2500))
        .no(No::new(1))
        .de(De::new("Wanderschuhe"))
        .build();
    let request = Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::new("typed-0001"))
        .amount(Amount::new(2500))
        .currency(Currency::new("EUR"))
        .items(vec![item])
        .successurl(Successurl::try_new("https://shop.example/success").expect("url"))
        .backurl(Backurl::try_new("https://shop.example/back").expect("url"))
        .build()
        .expect("valid");
    let account = account(Charset::Utf8);
    for algorithm in [HashAlgorithm::HmacSha384, HashAlgorithm::Md5] {
        let query = request
            .to_signed_params(&account, algorithm)
            .expect("signed")
            .form_encode(Charset::Utf8)
            .expect("encodable");
        let url = format!("{}/frontend/v2/?{query}", sandbox.base_url());
        let page = http().get(&url).send().await.unwrap();
        assert_eq!(page.status(), 200, "{algorithm:?}");
        assert!(page.text().await.unwrap().contains("id=\"pay\""));

        let tampered = url.replace("amount=2500", "amount=25");
        assert_ne!(tampered, url);
        let page = http().get(&tampered).send().await.unwrap();
        assert_eq!(page.status(), 400);
        assert!(page.text().await.unwrap().contains("Request refused"));
    }
    sandbox.shutdown().await;
}
