//! Server API SEPA direct debit: `managemandate` for the customer's IBAN, show the mandate text
//! and get the customer's consent, `preauthorization` with the mandate, `getfile` for the
//! signed mandate as PDF, then `capture`.
//!
//! ```sh
//! cargo run -p payone-client --example sepa_direct_debit
//! ```
//!
//! Runs against the sandbox it starts itself, or against the endpoint in
//! `PAYONE_SERVER_API_URL` (with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`).
//!
//! PAYONE documentation: "PAYONE Direct Debit"
//! (<https://docs.payone.com/payment-methods/payone-direct-debit>), "Server API: managemandate"
//! (<https://docs.payone.com/integration/channel-server-api/server-api-managemandate>),
//! "Server API: getfile" (<https://docs.payone.com/integration/channel-server-api/server-api-getfile>).

mod support;

use payone_client::answer::MandateAnswer;
use payone_client::{Answer, Client};
use payone_types::generated::server::*;

/// A test IBAN with valid check digits. Real IBANs are personal data: never log them.
const IBAN: &str = "DE02120300000000202051";

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, _sandbox) =
        support::client("PAYONE_SERVER_API_URL", payone_sandbox::Config::default()).await?;

    // 1. The mandate. PAYONE answers a pending mandate with its text, or the account's active
    //    mandate (then there is nothing to confirm).
    let account = DirectDebit::builder()
        .iban(Iban::try_new(IBAN.to_owned())?)
        .build();
    let managemandate = Managemandate::builder()
        .clearingtype(ManagemandateClearingtype::Elv(Some(account)))
        .currency(Currency::new("EUR"))
        .firstname(Firstname::new("Erika"))
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()?;
    let mandate: MandateAnswer = client.send_typed(&managemandate).await?;
    println!(
        "managemandate: {} ({})",
        mandate.mandate_identification(),
        mandate.status().as_str()
    );
    if mandate.needs_confirmation() {
        // The shop shows this HTML to the customer and goes on only after their consent.
        let html = mandate.text().map(|t| t.html()).unwrap_or_default();
        println!("mandate text to show: {} characters of HTML", html.len());
    }

    // 2. The payment names the mandate, which activates it. It must follow the managemandate
    //    request within two hours.
    let direct_debit = DirectDebit::builder()
        .iban(Iban::try_new(IBAN.to_owned())?)
        .mandate_identification(MandateIdentification::try_new(
            mandate.mandate_identification().to_owned(),
        )?)
        .build();
    let preauthorization = Preauthorization::builder()
        .clearingtype(Clearingtype::Elv(Some(direct_debit)))
        .reference(Reference::try_new(support::order_number("sepa"))?)
        .amount(Amount::new(4990)) // minor units: 49.90 EUR
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        .build()?;
    let answer = approved(&client, &preauthorization, "preauthorization").await?;
    let txid = Txid::try_new(answer.txid().ok_or("APPROVED without txid")?.to_owned())?;

    // 3. The signed mandate, for the shop's records (a PDF; it names the account holder).
    let getfile = Getfile::builder()
        .file_format(FileFormat::Pdf)
        .file_type(FileType::SepaMandate)
        .file_reference(FileReference::try_new(
            mandate.mandate_identification().to_owned(),
        )?)
        .build()?;
    let document = client.fetch_document(&getfile).await?;
    if !document.is_pdf() {
        return Err("getfile: the file is not a PDF".into());
    }
    println!("getfile: {} bytes of PDF", document.bytes().len());

    // 4. Capture when the goods ship: the debit is collected from the account.
    let capture = Capture::builder()
        .txid(txid)
        .sequencenumber(Sequencenumber::new("1"))
        .amount(Amount::new(4990))
        .currency(Currency::new("EUR"))
        .build()?;
    approved(&client, &capture, "capture").await?;

    println!(
        "ok: mandate {}, debited 49.90 EUR",
        mandate.mandate_identification()
    );
    Ok(())
}

/// Sends `request` once and insists on `APPROVED` (see the `server_api` example on retries).
async fn approved<R>(client: &Client, request: &R, what: &str) -> support::Result<Answer>
where
    R: payone_client::api::ServerRequest,
{
    let answer = client.send(request).await?;
    println!(
        "{what}: {:?} txid={}",
        answer.status(),
        answer.txid().unwrap_or("-")
    );
    match answer {
        Answer::Approved { .. } => Ok(answer),
        other => Err(format!(
            "{what}: expected APPROVED, got {:?}: {}",
            other.status(),
            other.get("errormessage").unwrap_or("-")
        )
        .into()),
    }
}
