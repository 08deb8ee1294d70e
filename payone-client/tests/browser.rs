//! Signed parameter sets for the customer's browser: Frontend URL and form, Client API hosted
//! checks. They carry the `hash`, never the portal key or `key`.

use payone_client::client_api::{HostedBankaccountcheck, HostedCreditcardcheck};
use payone_client::{Client, Url};
use payone_types::generated::client::{Responsetype, Storecarddata};
use payone_types::generated::frontend::*;
use payone_types::{Account, Charset, HashAlgorithm, PortalKey, Request};

fn frontend_request(description: &'static str) -> Authorization {
    Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::new("order-4711"))
        .amount(Amount::new(2500))
        .currency(Currency::new("EUR"))
        .items(vec![
            Item::builder()
                .it(It::Goods)
                .id(Id::new("SKU-1"))
                .pr(Pr::new(2500))
                .no(No::new(1))
                .de(De::new(description))
                .build(),
        ])
        .build()
        .unwrap()
}

fn account() -> Account {
    Account::new(10001, 2000001, 10002, PortalKey::new("portal key"))
}

fn client(account: Account) -> Client {
    Client::builder(account)
        .frontend_url("http://127.0.0.1:8080/frontend/v2/".parse().unwrap())
        .client_api_url("http://127.0.0.1:8080/client-api/".parse().unwrap())
        .build()
        .unwrap()
}

#[test]
fn the_client_api_vector_of_the_design() {
    let account = Account::new(11111, 3333333, 22222, PortalKey::new("wurstbrot"));
    let params = client(account)
        .client_api_params(
            &HostedCreditcardcheck::new(Responsetype::Json).storecarddata(Storecarddata::Yes),
        )
        .unwrap();
    assert_eq!(
        params.endpoint.as_str(),
        "http://127.0.0.1:8080/client-api/"
    );
    let hash = params.fields.iter().find(|(n, _)| n == "hash").unwrap();
    assert_eq!(
        hash.1,
        "ba5c08f0a3ee380214908e1274411227054923d129109e6f4b4460935a64918e5871842655ea8c02e54fcafa9c029bc0"
    );
    assert!(params.fields.iter().all(|(n, _)| n != "key"));
    insta::assert_snapshot!(params.to_json(), @r#"{"mid":"11111","aid":"22222","portalid":"3333333","mode":"test","encoding":"UTF-8","api_version":"3.11","request":"creditcardcheck","responsetype":"JSON","storecarddata":"yes","hash":"ba5c08f0a3ee380214908e1274411227054923d129109e6f4b4460935a64918e5871842655ea8c02e54fcafa9c029bc0"}"#);
}

#[test]
fn bankaccountcheck_params_are_signed_too() {
    let params = client(account())
        .client_api_params(&HostedBankaccountcheck::new(Responsetype::Json))
        .unwrap();
    let names: Vec<&str> = params.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "mid",
            "aid",
            "portalid",
            "mode",
            "encoding",
            "api_version",
            "request",
            "responsetype",
            "hash"
        ]
    );
    assert!(!params.to_json().contains("portal key"));
}

#[test]
fn the_frontend_url_carries_the_signed_query() {
    let request = frontend_request("Wanderschuhe");
    let client = client(account());
    let url = client.frontend_url(&request).unwrap();
    assert!(
        url.as_str()
            .starts_with("http://127.0.0.1:8080/frontend/v2/?")
    );
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let expected = request
        .to_signed_params(&account(), HashAlgorithm::HmacSha384)
        .unwrap();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    assert!(pairs.iter().all(|(n, _)| n != "key"));
    assert_eq!(pairs.last().unwrap().0, "hash");
    assert_eq!(pairs.last().unwrap().1.len(), 96);

    let form = client.frontend_form(&request).unwrap();
    assert_eq!(form.action.as_str(), "http://127.0.0.1:8080/frontend/v2/");
    assert_eq!(form.fields, expected);
    assert_eq!(form.accept_charset, Charset::Utf8);
}

#[test]
fn a_latin1_account_gets_a_latin1_query_and_md5_when_asked() {
    let latin1 = account().with_encoding(Charset::Latin1);
    let client = Client::builder(latin1)
        .hash_algorithm(HashAlgorithm::Md5)
        .build()
        .unwrap();
    let url: Url = client
        .frontend_url(&frontend_request("Stra\u{df}enschuhe"))
        .unwrap();
    assert!(
        url.as_str()
            .starts_with("https://frontend.pay1.de/frontend/v2/?")
    );
    assert!(url.as_str().contains("de%5B1%5D=Stra%DFenschuhe"), "{url}");
    let hash = url.query_pairs().find(|(n, _)| n == "hash").unwrap().1;
    assert_eq!(hash.len(), 32);
    let err = client.frontend_url(&frontend_request("5 €")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the request was not sent because it breaks the parameter tables: de[1]: contains a character that ISO-8859-1 cannot carry"
    );
}

#[test]
fn managemandate_params_sign_currency_and_customer_not_the_customers_account() {
    use payone_client::client_api::HostedManagemandate;
    use payone_types::generated::client::{Currency, Customerid, Language};

    let account = Account::new(11111, 3333333, 22222, PortalKey::new("wurstbrot"));
    let mandate = HostedManagemandate::new(Responsetype::Json, Currency::new("EUR"))
        .customerid(Customerid::new("c-4711"))
        .language(Language::new("de"));
    let params = client(account).client_api_params(&mandate).unwrap();
    // HMAC-SHA384 with the key "wurstbrot" over the values of aid, api_version, clearingtype,
    // currency, customerid, encoding, mid, mode, portalid, request and responsetype in that
    // (alphabetical) order: "222223.11elvEURc-4711UTF-811111test3333333managemandateJSON".
    // `language` is not among the Client API hash page's parameters.
    insta::assert_snapshot!(params.to_json(), @r#"{"mid":"11111","aid":"22222","portalid":"3333333","mode":"test","encoding":"UTF-8","api_version":"3.11","request":"managemandate","responsetype":"JSON","clearingtype":"elv","currency":"EUR","customerid":"c-4711","language":"de","hash":"e6f61c740585ed5e0d452e2ab63d76bbc1ef5bc5c9827953b29662598c9f02b109e42e1dc119938887912c8e868d4e7f"}"#);
}

#[test]
fn bankaccountcheck_settings_of_its_page() {
    use payone_types::generated::client::{BankaccountChecktype, Language};

    let params = client(account())
        .client_api_params(
            &HostedBankaccountcheck::new(Responsetype::Json)
                .checktype(BankaccountChecktype::PosBlacklist)
                .language(Language::new("en")),
        )
        .unwrap();
    let fields: Vec<(&str, &str)> = params
        .fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .filter(|(n, _)| *n != "hash")
        .collect();
    assert_eq!(
        fields[7..],
        [
            ("responsetype", "JSON"),
            ("checktype", "1"),
            ("language", "en")
        ]
    );
}
