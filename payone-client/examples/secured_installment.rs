//! PAYONE Secured Installment: genericpayment `installment_options` for the basket's amount,
//! the buyer's choice among the options, `preauthorization` with the chosen option's ID and the
//! checkout's `workorderid`, then `capture` when the goods ship (the installments start).
//!
//! ```sh
//! cargo run -p payone-client --example secured_installment
//! ```
//!
//! Runs against the sandbox it starts itself, or against the endpoint in
//! `PAYONE_SERVER_API_URL` (with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`).
//!
//! PAYONE documentation: "PAYONE Secured Installment"
//! (<https://docs.payone.com/payment-methods/payone-secured-installment>; the answer fields of
//! `installment_options` on
//! <https://docs.payone.com/display/public/PLATFORM/PAYONE+-+Secured+Installment>).

mod support;

use payone_client::answer::GenericPaymentAnswer;
use payone_client::{Answer, Client};
use payone_types::Date;
use payone_types::generated::server::*;

/// A test IBAN with valid check digits. Real IBANs are personal data: never log them.
const IBAN: &str = "DE02120300000000202051";
/// The basket: 200.00 EUR in minor units.
const AMOUNT: i64 = 20000;

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, _sandbox) =
        support::client("PAYONE_SERVER_API_URL", payone_sandbox::Config::default()).await?;

    // 1. The options for the amount. The answer's workorderid ties the payment to them.
    let options = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Fnc)
        .financingtype(GenericpaymentFinancingtype::Pin)
        .add_paydata_action(GenericpaymentAction::InstallmentOptions(
            InstallmentOptions::builder()
                .add_paydata_businessrelation(AddPaydataBusinessRelation::new("b2c"))
                .build(),
        ))
        .amount(Amount::new(AMOUNT))
        .currency(Currency::new("EUR"))
        .build()?;
    let answer: GenericPaymentAnswer = client.send_typed(&options).await?;
    let workorderid = answer
        .workorderid()
        .ok_or("installment_options: no workorderid")?
        .to_owned();
    let offered = answer.installment_options()?;
    for option in &offered {
        println!(
            "option: {} payments of {} (last {}), total {} {}, {} % nominal",
            option.number_of_payments,
            cents(option.monthly_amount),
            cents(option.last_rate_amount),
            cents(option.total_amount),
            option.currency,
            cents(option.nominal_interest_rate),
        );
    }

    // 2. The buyer chooses (here: the longest plan). The shop shows the options with their
    //    credit information before the buyer confirms.
    let chosen = offered
        .iter()
        .max_by_key(|option| option.number_of_payments)
        .ok_or("installment_options: no option offered")?;
    let installment = SecuredInstallment::builder()
        .add_paydata_installment_option_id(AddPaydataInstallmentOptionId::try_new(
            chosen.id.clone(),
        )?)
        .workorderid(Workorderid::try_new(workorderid)?)
        .iban(Iban::try_new(IBAN.to_owned())?)
        .bankaccountholder(Bankaccountholder::new("Erika Mustermann"))
        // From Payla's fingerprinting snippet in the checkout: <partner_id>_<merchant_id>_<session_id>.
        .add_paydata_device_token(AddPaydataDeviceToken::new(
            "e7yeryF2of8X_test-1_example-session",
        ))
        .build();
    let preauthorization = Preauthorization::builder()
        .clearingtype(Clearingtype::Fnc(
            Financing::builder()
                .financingtype(Financingtype::Pin(installment))
                .build(),
        ))
        .reference(Reference::try_new(support::order_number("pin"))?)
        .amount(Amount::new(AMOUNT))
        .currency(Currency::new("EUR"))
        .firstname(Firstname::new("Erika"))
        .lastname(Lastname::new("Mustermann"))
        .street(Street::new("Hellersbergstr. 14"))
        .zip(Zip::new("41460"))
        .city(City::new("Neuss"))
        .country(Country::new("DE"))
        // The method's buyer data: a consumer, with birthday and phone number.
        .businessrelation(Businessrelation::B2c)
        .birthday(Birthday::new(Date::from_ymd(1980, 1, 1)))
        .telephonenumber(Telephonenumber::new("+49 2131 12345"))
        .email(Email::new("erika@example.test"))
        .ip(Ip::new("203.0.113.7"))
        .build()?;
    let answer = approved(&client, &preauthorization, "preauthorization").await?;
    let txid = Txid::try_new(answer.txid().ok_or("APPROVED without txid")?.to_owned())?;

    // 3. Capture when the goods ship: the first installment falls due from then on.
    let capture = Capture::builder()
        .txid(txid)
        .sequencenumber(Sequencenumber::new("1"))
        .amount(Amount::new(AMOUNT))
        .currency(Currency::new("EUR"))
        .build()?;
    approved(&client, &capture, "capture").await?;

    println!(
        "ok: {} payments chosen, {} EUR captured",
        chosen.number_of_payments,
        cents(AMOUNT)
    );
    Ok(())
}

/// Minor units (or hundredths of a percent) with two decimals.
fn cents(value: i64) -> String {
    format!("{}.{:02}", value / 100, (value % 100).abs())
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
