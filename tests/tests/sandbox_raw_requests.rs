//! The sandbox's Server API requests beyond the payment ones, spoken as raw HTTP (form bodies
//! written by hand, not through `payone_client`): each valid request answered as the sandbox
//! documents it, each request missing a parameter its table requires (or carrying a value its
//! table refuses) refused naming the parameter, and each with a wrong `key` refused (6).

mod common;

use common::*;
use payone_sandbox::{DEFAULT_MID, DEFAULT_PORTALID};

/// `(request, a valid body after the account, the answer's first line, a
/// parameter to break, how to break it: None removes it, Some(v) replaces its value)`.
const CASES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    (
        "managemandate",
        "clearingtype=elv&currency=EUR&lastname=Muster&iban=DE02120300000000202051",
        "status=APPROVED",
        "lastname",
        None,
    ),
    (
        "genericpayment",
        "clearingtype=wlt&wallettype=PPE&add_paydata%5Baction%5D=setexpresscheckout&amount=100\
         &currency=EUR&successurl=https%3A%2F%2Fs.example%2Fok&errorurl=https%3A%2F%2Fs.example%2Ferr\
         &backurl=https%3A%2F%2Fs.example%2Fback",
        "status=REDIRECT",
        "add_paydata[action]",
        None,
    ),
    (
        "addresscheck",
        "addresschecktype=BA&country=DE&city=Neuss&zip=41460&lastname=Muster",
        "status=VALID",
        "city",
        None,
    ),
    (
        "consumerscore",
        "addresschecktype=BA&consumerscoretype=IH&lastname=Muster&country=DE",
        "status=VALID",
        "consumerscoretype",
        None,
    ),
    (
        "3dscheck",
        "clearingtype=cc&amount=1000&currency=EUR&exiturl=https%3A%2F%2Fs.example%2F3ds\
         &cardpan=4111111111111111&cardtype=V&cardexpiredate=3012",
        "status=VALID",
        "exiturl",
        None,
    ),
    (
        "getuser",
        "customerid=c-1&getusertoken=yes",
        "status=APPROVED",
        "getusertoken",
        Some("maybe"),
    ),
    (
        "updateuser",
        "userid=200000001&email=erika%40example.test",
        "status=OK",
        "email",
        Some("not an address"),
    ),
    (
        "updatereminder",
        "reminderlevel=1",
        "status=OK",
        "reminderlevel",
        Some("9"),
    ),
    (
        "updateaccess",
        "accessid=300000001&action=update",
        "status=OK",
        "accessid",
        None,
    ),
];

/// `body` with `param` removed or its value replaced.
fn broken(body: &str, param: &str, value: Option<&str>) -> String {
    let encoded: String = form_urlencoded::byte_serialize(param.as_bytes()).collect();
    body.split('&')
        .filter_map(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            if name != encoded {
                return Some(pair.to_owned());
            }
            value.map(|v| {
                let v: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
                format!("{name}={v}")
            })
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn text(answer: &[u8]) -> String {
    String::from_utf8_lossy(answer).into_owned()
}

#[tokio::test]
async fn each_request_is_answered_refused_for_its_table_and_for_a_wrong_key() {
    let env = Env::start().await;
    // getuser and updateuser name the user the first payment creates.
    let (_, first) = env
        .post_raw(format!(
            "{}&clearingtype=cc&amount=100&currency=EUR&lastname=Muster",
            raw_account("preauthorization", "UTF-8")
        ))
        .await;
    assert!(
        text(&first).contains("userid=200000001"),
        "{}",
        text(&first)
    );

    for (request, body, expected, param, value) in CASES {
        let valid = format!("{}&{body}", raw_account(request, "UTF-8"));
        let (content_type, answer) = env.post_raw(valid.clone()).await;
        assert!(content_type.starts_with("text/plain"), "{request}");
        assert!(
            text(&answer).starts_with(&format!("{expected}\n")),
            "{request}: {}",
            text(&answer)
        );

        let (_, answer) = env.post_raw(broken(&valid, param, *value)).await;
        let answer = text(&answer);
        assert!(
            answer.starts_with("status=ERROR\nerrorcode=1\n"),
            "{request}: {answer}"
        );
        assert!(
            answer.contains(&format!(
                "errormessage=Parameter {{{param}}} faulty or missing"
            )),
            "{request} without {param}: {answer}"
        );

        let (_, answer) = env
            .post_raw(valid.replace(&key_md5(), "0123456789abcdef0123456789abcdef"))
            .await;
        assert!(
            text(&answer).starts_with("status=ERROR\nerrorcode=6\n"),
            "{request} with a wrong key: {}",
            text(&answer)
        );
    }
    env.shutdown().await;
}

/// The account part of a request whose table has no `aid` (getfile, getinvoice: their pages'
/// own samples send none).
fn account_without_aid(request: &str) -> String {
    format!(
        "mid={DEFAULT_MID}&portalid={DEFAULT_PORTALID}&key={}&api_version=3.11&mode=test\
         &encoding=UTF-8&request={request}",
        key_md5()
    )
}

#[tokio::test]
async fn getinvoice_answers_a_pdf_without_aid() {
    let env = Env::start().await;
    let valid = format!("{}&invoice_title=RG-1", account_without_aid("getinvoice"));
    let (content_type, pdf) = env.post_raw(valid.clone()).await;
    assert_eq!(content_type, "application/pdf");
    assert!(text(&pdf).contains("Document: RG-1"));
    let (_, answer) = env.post_raw(broken(&valid, "invoice_title", None)).await;
    assert!(
        text(&answer).contains("errormessage=Parameter {invoice_title} faulty or missing"),
        "{}",
        text(&answer)
    );
    let (_, answer) = env
        .post_raw(valid.replace(&key_md5(), "0123456789abcdef0123456789abcdef"))
        .await;
    assert!(text(&answer).starts_with("status=ERROR\nerrorcode=6\n"));
    env.shutdown().await;
}

#[tokio::test]
async fn getfile_without_aid_answers_the_mandate_and_names_what_is_wrong() {
    let env = Env::start().await;
    let (_, answer) = env
        .post_raw(format!(
            "{}&clearingtype=elv&currency=EUR&lastname=Muster&iban=DE02120300000000202051",
            raw_account("managemandate", "UTF-8")
        ))
        .await;
    assert!(text(&answer).contains("mandate_identification=PO-0000000001"));

    let account = account_without_aid("getfile");
    let valid =
        format!("{account}&file_reference=PO-0000000001&file_type=SEPA_MANDATE&file_format=PDF");
    let (content_type, pdf) = env.post_raw(valid.clone()).await;
    assert_eq!(content_type, "application/pdf");
    assert!(text(&pdf).contains("Mandate reference: PO-0000000001"));

    let (_, answer) = env.post_raw(broken(&valid, "file_reference", None)).await;
    assert!(
        text(&answer).contains("errormessage=Parameter {file_reference} faulty or missing"),
        "{}",
        text(&answer)
    );
    let (_, answer) = env
        .post_raw(broken(&valid, "file_reference", Some("PO-0000000099")))
        .await;
    assert!(
        text(&answer).contains("Parameter {file_reference} faulty or missing: no such mandate"),
        "{}",
        text(&answer)
    );
    let (_, answer) = env.post_raw(format!("{valid}&aid=10002")).await;
    assert!(
        text(&answer).contains("Parameter {aid} faulty or missing"),
        "aid is not a parameter of getfile: {}",
        text(&answer)
    );
    env.shutdown().await;
}
