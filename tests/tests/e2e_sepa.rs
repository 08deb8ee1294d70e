//! The SEPA direct debit flow of the Server API, typed, between `payone_client::Client` and the
//! sandbox over loopback: managemandate (a pending mandate and its text) -> preauthorization
//! with the mandate -> getfile (the signed mandate as PDF) -> capture; the account's mandate is
//! then active; a declined, an invalid and an unknown mandate are refused naming the parameter.

mod common;

use common::*;
use payone_client::answer::{MandateAnswer, MandateStatus};
use payone_client::{Answer, Error};
use payone_sandbox::{CREDITOR_IDENTIFIER, IBAN_MANDATE_DECLINED};
use payone_types::generated::server::*;

const IBAN: &str = "DE02120300000000202051";

fn bank_account(iban: &str) -> DirectDebit {
    DirectDebit::builder()
        .iban(Iban::try_new(iban.to_owned()).expect("an IBAN"))
        .build()
}

fn managemandate(iban: &str) -> Managemandate {
    Managemandate::builder()
        .clearingtype(ManagemandateClearingtype::Elv(Some(bank_account(iban))))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .firstname(Firstname::new("Erika"))
        .country(Country::new("DE"))
        .build()
        .expect("valid")
}

fn direct_debit(iban: &str, mandate: &str, amount: i64) -> Preauthorization {
    let block = DirectDebit::builder()
        .iban(Iban::try_new(iban.to_owned()).expect("an IBAN"))
        .mandate_identification(
            MandateIdentification::try_new(mandate.to_owned()).expect("a mandate reference"),
        )
        .build();
    Preauthorization::builder()
        .clearingtype(Clearingtype::Elv(Some(block)))
        .amount(Amount::try_new(amount).expect("an amount"))
        .currency(eur())
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()
        .expect("valid")
}

fn getfile(mandate: &str) -> Getfile {
    Getfile::builder()
        .file_format(FileFormat::Pdf)
        .file_type(FileType::SepaMandate)
        .file_reference(FileReference::try_new(mandate.to_owned()).expect("a reference"))
        .build()
        .expect("valid")
}

#[tokio::test]
async fn mandate_payment_signed_mandate_and_capture() {
    let env = Env::start().await;
    let client = &env.client;

    let mandate: MandateAnswer = client.send_typed(&managemandate(IBAN)).await.unwrap();
    assert_eq!(mandate.mandate_identification(), "PO-0000000001");
    assert!(mandate.needs_confirmation());
    assert_eq!(mandate.creditor_identifier(), Some(CREDITOR_IDENTIFIER));
    let html = mandate.text().expect("a mandate text").html();
    assert!(html.contains("Erika Mustermann"), "{html}");
    assert!(html.contains("PO-0000000001"), "{html}");
    assert!(!html.contains(IBAN), "the text masks the IBAN: {html}");
    let debug = format!("{mandate:?}");
    assert!(!debug.contains(IBAN) && !debug.contains("Erika"), "{debug}");

    // The customer confirmed the text: the payment names the mandate and activates it.
    let answer = client
        .send(&direct_debit(IBAN, mandate.mandate_identification(), 4990))
        .await
        .unwrap();
    let Answer::Approved { .. } = answer else {
        panic!("not approved: {answer:?}")
    };
    assert_eq!(answer.mandate_identification(), Some("PO-0000000001"));
    assert_eq!(answer.get("creditor_identifier"), Some(CREDITOR_IDENTIFIER));
    let txid = txid(&answer);

    let pdf = client
        .fetch_document(&getfile(mandate.mandate_identification()))
        .await
        .unwrap();
    assert!(pdf.is_pdf());
    assert_eq!(pdf.content_type(), Some("application/pdf"));
    let text = String::from_utf8_lossy(pdf.bytes());
    assert!(text.contains("Mandate reference: PO-0000000001"), "{text}");
    assert!(text.contains("Status: active"), "{text}");
    assert!(!text.contains(IBAN));

    let captured = client.send(&capture(&txid, 1, 4990)).await.unwrap();
    assert_eq!(captured.txid(), Some(txid.as_str()));

    // The account has an active mandate now: no confirmation needed the next time.
    let again: MandateAnswer = client.send_typed(&managemandate(IBAN)).await.unwrap();
    assert_eq!(again.status(), &MandateStatus::Active);
    assert_eq!(again.mandate_identification(), "PO-0000000001");
    assert!(again.text().is_none());
    env.shutdown().await;
}

#[tokio::test]
async fn declined_unknown_and_foreign_mandates_are_refused_naming_the_parameter() {
    let env = Env::start().await;
    let client = &env.client;

    let err = client
        .send_typed(&managemandate(IBAN_MANDATE_DECLINED))
        .await
        .unwrap_err();
    let Error::Platform {
        errorcode,
        errormessage,
        ..
    } = &err
    else {
        panic!("not a platform error: {err:?}")
    };
    assert_eq!(errorcode, "2");
    assert_eq!(errormessage, "SEPA mandate declined for this account");
    assert!(!err.to_string().contains(IBAN_MANDATE_DECLINED));

    let err = client
        .send(&direct_debit(IBAN, "PO-0000000042", 1000))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Parameter {mandate_identification} faulty or missing: no such mandate"),
        "{err}"
    );

    let pending: MandateAnswer = client.send_typed(&managemandate(IBAN)).await.unwrap();
    let err = client
        .send(&direct_debit(
            "DE89370400440532013000",
            pending.mandate_identification(),
            1000,
        ))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the mandate is for another account"),
        "{err}"
    );

    let err = client
        .fetch_document(&getfile("PO-0000000077"))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Parameter {file_reference} faulty or missing: no such mandate"),
        "{err}"
    );
    env.shutdown().await;
}

#[test]
fn the_blocking_client_reads_the_mandate_and_its_file() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(payone_sandbox::start(payone_sandbox::Config::default()))
        .unwrap();
    let base = sandbox.base_url().parse().unwrap();
    let client = builder(&base, common::account(payone_types::Charset::Latin1))
        .build_blocking()
        .unwrap();

    let mandate: MandateAnswer = client.send_typed(&managemandate(IBAN)).unwrap();
    assert!(mandate.needs_confirmation());
    let pdf = client
        .fetch_document(&getfile(mandate.mandate_identification()))
        .unwrap();
    assert!(pdf.is_pdf());
    assert!(String::from_utf8_lossy(pdf.bytes()).contains("Status: pending"));
    let err = client
        .fetch_document(&getfile("PO-0000000099"))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Platform { errorcode, .. } if errorcode == "1"),
        "{err:?}"
    );
    runtime.block_on(sandbox.shutdown());
}
