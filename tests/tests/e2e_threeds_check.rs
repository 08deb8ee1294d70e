//! 3dscheck end to end: the sandbox's enrolled card answers `ENROLLED` with the form to post
//! (raw lines and `send_typed` → `ThreedsCheckAnswer::Enrolled`); the customer's round trip
//! through the issuer's page and the `termurl` back to the shop's `exiturl`, driven over HTTP
//! as a browser would; then the authorization with the `xid`, approved after "Authenticate"
//! and declined after "Fail". A card failing the Luhn check is `INVALID`.

mod common;

use common::*;
use payone_client::Error;
use payone_client::answer::{ThreedsChallenge, ThreedsCheckAnswer};
use payone_sandbox::{CARD_3DS_ENROLLED, CARD_3DS_INVALID};
use payone_types::generated::server::*;

const EXIT: &str = "https://shop.example/3ds/exit";

fn threedscheck(cardpan: &str, amount: i64) -> Threedscheck {
    Threedscheck::builder()
        .clearingtype(ThreedscheckClearingtype::Cc)
        .amount(Amount::new(amount))
        .currency(ThreedscheckCurrency::Eur)
        .exiturl(Exiturl::new(EXIT))
        .cardpan(Cardpan::try_new(cardpan.to_owned()).expect("digits"))
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .build()
        .expect("valid")
}

async fn enrolled(env: &Env, amount: i64) -> ThreedsChallenge {
    let answer: ThreedsCheckAnswer = env
        .client
        .send_typed(&threedscheck(CARD_3DS_ENROLLED, amount))
        .await
        .expect("an answer");
    match answer {
        ThreedsCheckAnswer::Enrolled { challenge, .. } => challenge,
        other => panic!("not enrolled: {other:?}"),
    }
}

/// The customer's browser: posts the form of the answer to `acsurl`, clicks `choice`
/// (`authenticate` or `fail`), posts the `PaRes` form to the `termurl`. The URL the browser
/// ends at (the `Location` of the `termurl`'s answer).
async fn customer_at_issuer(challenge: &ThreedsChallenge, choice: &str) -> String {
    let termurl = challenge.termurl.as_deref().expect("a termurl");
    let md = challenge.md.as_deref().expect("an md");
    let page = http()
        .post(&challenge.acsurl)
        .form(&[
            ("PaReq", challenge.pareq.as_deref().expect("a pareq")),
            ("TermUrl", termurl),
            ("MD", md),
        ])
        .send()
        .await
        .expect("the issuer's page");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("text");
    assert!(page.contains("400000XXXXXX1091"), "{page}");
    assert!(
        !page.contains(CARD_3DS_ENROLLED),
        "the page shows no card number"
    );
    let link = attribute_after(&page, &format!("id=\"{choice}\""), "href=\"");
    let base = challenge.acsurl.trim_end_matches("/sandbox/acs");
    let form = get_text(&format!("{base}{link}")).await;
    let expected = if choice == "authenticate" {
        "authenticated"
    } else {
        "failed"
    };
    assert!(
        form.contains(&format!("<p id=\"result\">{expected}</p>")),
        "{form}"
    );
    let action = attribute_after(&form, "id=\"pares\"", "action=\"");
    assert_eq!(action, termurl, "the result goes to the TermUrl posted");
    let pares = attribute_after(&form, "name=\"PaRes\"", "value=\"");
    let back = http()
        .post(action)
        .form(&[("PaRes", pares.as_str()), ("MD", md)])
        .send()
        .await
        .expect("the termurl");
    assert_eq!(back.status(), 303);
    back.headers()["location"]
        .to_str()
        .expect("ASCII")
        .to_owned()
}

/// The value of the attribute starting with `attr` (`href="`) after `marker` in `html`.
fn attribute_after(html: &str, marker: &str, attr: &str) -> String {
    let from = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let rest = &html[from..];
    let start = rest.find(attr).expect("the attribute") + attr.len();
    let end = rest[start..].find('"').expect("its end");
    rest[start..start + end].replace("&amp;", "&")
}

/// A card payment after the 3dscheck, naming its `xid` with the 3-D Secure data.
fn authorization(xid: &str, amount: i64) -> Authorization {
    let card = CreditCard::builder()
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .pseudocardpan(Pseudocardpan::new("9410010000000000001"))
        .xid(Xid::try_new(xid.to_owned()).expect("text"))
        .cavv(Cavv::new("AAABBBCCCDDDEEEFFF0000000000="))
        .eci(Eci::new("05"))
        .build();
    Authorization::builder()
        .clearingtype(Clearingtype::Cc(Some(card)))
        .amount(Amount::new(amount))
        .currency(eur())
        .lastname(Lastname::new("Approved"))
        .build()
        .expect("valid")
}

#[tokio::test]
async fn enrolled_card_authenticates_at_the_issuer_and_the_payment_goes_ahead() {
    let env = Env::start().await;
    let challenge = enrolled(&env, 1000).await;
    let base = env.sandbox.base_url();
    assert_eq!(challenge.acsurl, format!("{base}/sandbox/acs"));
    assert_eq!(
        challenge.termurl.as_deref(),
        Some(format!("{base}/sandbox/acs/term").as_str())
    );
    let xid = challenge.xid.clone().expect("an xid");
    assert_eq!(xid, "SBX3DS00000000000001");

    // Before the customer is back, the xid is not usable.
    let early = env
        .client
        .send(&authorization(&xid, 1000))
        .await
        .unwrap_err();
    assert!(early.to_string().contains("xid"), "{early}");

    assert_eq!(customer_at_issuer(&challenge, "authenticate").await, EXIT);
    assert_eq!(env.sandbox.stored().threeds_authentications, 1);

    // Another amount than the one checked is refused naming it; the xid stays usable.
    let other = env
        .client
        .send(&authorization(&xid, 999))
        .await
        .unwrap_err();
    assert!(other.to_string().contains("{amount}"), "{other}");

    let approved = env
        .client
        .send(&authorization(&xid, 1000))
        .await
        .expect("approved");
    assert_eq!(approved.status().as_str(), "APPROVED");
    assert!(approved.txid().is_some());

    // An xid pays once.
    let again = env
        .client
        .send(&authorization(&xid, 1000))
        .await
        .unwrap_err();
    assert!(
        again.to_string().contains("used by a payment already"),
        "{again}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn a_customer_who_fails_at_the_issuer_is_declined() {
    let env = Env::start().await;
    let challenge = enrolled(&env, 2500).await;
    assert_eq!(customer_at_issuer(&challenge, "fail").await, EXIT);
    let xid = challenge.xid.expect("an xid");
    let declined = env
        .client
        .send(&authorization(&xid, 2500))
        .await
        .unwrap_err();
    match &declined {
        Error::Platform { errorcode, .. } => assert_eq!(errorcode, "2", "{declined}"),
        other => panic!("not a platform error: {other:?}"),
    }
    assert!(
        declined
            .to_string()
            .contains("3-D Secure authentication failed"),
        "{declined}"
    );
    env.shutdown().await;
}

#[tokio::test]
async fn the_issuer_steps_work_once_and_in_order() {
    let env = Env::start().await;
    let challenge = enrolled(&env, 1000).await;
    let base = env.sandbox.base_url();
    // The link before the page: nothing recorded where the result goes.
    let early = http()
        .get(format!("{base}/sandbox/acs/1/complete?result=ok"))
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), 404);
    // A PaReq the sandbox did not issue.
    let forged = http()
        .post(&challenge.acsurl)
        .form(&[
            ("PaReq", "pareq-0000000099"),
            ("TermUrl", "https://x.example/"),
            ("MD", "md-0000000099"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
    // A PaReq with another authentication's MD.
    let mixed = http()
        .post(&challenge.acsurl)
        .form(&[
            ("PaReq", challenge.pareq.as_deref().unwrap()),
            ("TermUrl", "https://x.example/"),
            ("MD", "md-0000000002"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(mixed.status(), 400);
    assert!(mixed.text().await.unwrap().contains("MD: "));

    assert_eq!(customer_at_issuer(&challenge, "authenticate").await, EXIT);
    // Every step a second time: 404.
    let twice = http()
        .get(format!("{base}/sandbox/acs/1/complete?result=fail"))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 404);
    let term_again = http()
        .post(challenge.termurl.as_deref().unwrap())
        .form(&[("PaRes", "pares-0000000001"), ("MD", "md-0000000001")])
        .send()
        .await
        .unwrap();
    assert_eq!(term_again.status(), 404);
    env.shutdown().await;
}

#[tokio::test]
async fn raw_lines_of_the_enrolled_and_the_invalid_card() {
    let env = Env::start().await;
    let body = |pan: &str| {
        format!(
            "{}&clearingtype=cc&amount=1000&currency=EUR&exiturl=https%3A%2F%2Fshop.example%2Fexit\
             &cardpan={pan}&cardtype=V&cardexpiredate=3012",
            raw_account("3dscheck", "UTF-8")
        )
    };
    let (content_type, bytes) = env.post_raw(body(CARD_3DS_ENROLLED)).await;
    assert_eq!(content_type, "text/plain; charset=UTF-8");
    let base = env.sandbox.base_url();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        format!(
            "status=ENROLLED\nacsurl={base}/sandbox/acs\ntermurl={base}/sandbox/acs/term\n\
             pareq=pareq-0000000001\nmd=md-0000000001\nxid=SBX3DS00000000000001\n\
             truncatedcardpan=400000XXXXXX1091\n"
        )
    );

    let (_, bytes) = env.post_raw(body(CARD_3DS_INVALID)).await;
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with("status=INVALID\nerrorcode=877\nerrormessage=Invalid card number\n"),
        "{text}"
    );
    assert!(!text.contains(CARD_3DS_INVALID));

    let invalid: ThreedsCheckAnswer = env
        .client
        .send_typed(&threedscheck(CARD_3DS_INVALID, 1000))
        .await
        .expect("an answer");
    assert!(
        matches!(&invalid, ThreedsCheckAnswer::Invalid { errorcode: Some(code), .. } if code == "877"),
        "{invalid:?}"
    );
    env.shutdown().await;
}
