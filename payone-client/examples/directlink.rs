//! DirectLink: a server-to-server card order (authorisation only), its capture, and the order's
//! status afterwards, all as typed requests that the client signs with SHA-IN.
//!
//! ```sh
//! cargo run -p payone-client --example directlink
//! ```
//!
//! Runs against the sandbox it starts itself, or against `PAYONE_DIRECTLINK_URL` (with
//! `PAYONE_PSPID`, `PAYONE_USERID`, `PAYONE_PSWD`, `PAYONE_SHA_IN`, `PAYONE_SHA_ALGO`).
//!
//! Platform documentation: "DirectLink" (test endpoints under
//! <https://ogone.test.v-psp.com/ncol/test/>: `orderdirect.asp` for new orders,
//! `maintenancedirect.asp` for maintenance, `querydirect.asp` for the status), and for cards
//! that need 3-D Secure "3-D transaction flow via DirectLink"
//! (<https://payment-services.ingenico.com/int/en/ogone/support/guides/integration%20guides/directlink-3-d/3-d-transaction-flow-via-directlink>).

mod support;

use payone_client::directlink::{OrderOutcome, Outcome, Status};
use payone_types::generated::directlink::*;

#[tokio::main]
async fn main() -> support::Result<()> {
    // PSPID, USERID and PSWD come from the configuration, not from each request; the client
    // adds them with the SHASIGN over the whole request.
    let (client, _sandbox) = support::directlink_client().await?;

    // A public test card. Card numbers go to DirectLink only from a server that may handle
    // them (PCI DSS); they never appear in `Debug` output or errors of these types.
    let card = CreditCard::builder()
        .cardno(CreditCardCardno::new("4111111111111111"))
        .ed(CreditCardEd::new("1230")) // MMYY
        .cn(Cn::new("Erika Mustermann"))
        .cvc(Cvc::new("123"))
        // RES reserves (authorisation only): the amount is taken with a later capture, as for
        // the Server API's preauthorization.
        .operation(CreditCardOperation::Res)
        .build();
    let orderid = support::order_number("dl");
    let order = Orderdirect::builder()
        .orderid(NewOrderOrderid::try_new(orderid.clone())?)
        .amount(Amount::new(2500)) // minor units: 25.00 EUR
        .currency(Currency::new("EUR"))
        .pm(Pm::CreditCard(Some(card)))
        .build()?; // every table violation at once, before anything is sent

    // `send_order` never sends an order twice: when orderdirect.asp does not answer in time it
    // asks querydirect.asp what became of it (`Queried`), and says `Unknown` when even that
    // fails; a shop then checks before it takes the customer's money again.
    let outcome = match client.send_order(&order).await? {
        OrderOutcome::Answered(outcome) | OrderOutcome::Queried { outcome, .. } => outcome,
        unknown => return Err(format!("orderdirect: outcome unknown: {unknown:?}").into()),
    };
    expect("orderdirect", &outcome, Status::Authorised)?;
    let payid = outcome.response().payid().ok_or("orderdirect: no PAYID")?;
    // The PAYID names the order in maintenance and queries (the page recommends it over
    // ORDERID).
    let payid = Payid::try_new(payid.to_owned())?;

    // SAS captures and closes the order for further captures (SAL would leave it open for
    // another partial capture).
    let capture = Maintenancedirect::builder()
        .operation(MaintenanceOperation::Sas)
        .payid(payid.clone())
        .amount(Amount::new(2500))
        .build()?;
    let captured = client.send_maintenance(&capture).await?;
    expect(
        "maintenancedirect SAS",
        &captured,
        Status::PaymentProcessing,
    )?;

    // Where the order stands now, as a shop asks after a timeout or before a refund.
    let query = Querydirect::builder().payid(payid).build()?;
    let status = client.send_query(&query).await?;
    let Outcome::Processed { status, .. } = status else {
        return Err(format!("querydirect: {status:?}").into());
    };
    println!("querydirect: order {orderid}: {status}");
    println!("ok: authorised, captured and queried 25.00 EUR");
    Ok(())
}

/// Insists on a processed answer with `expected`; prints the answer's PAYID and STATUS.
fn expect(what: &str, outcome: &Outcome, expected: Status) -> support::Result<()> {
    let response = outcome.response();
    println!(
        "{what}: PAYID={} STATUS={}",
        response.payid().unwrap_or("-"),
        response
            .status()
            .map_or("-".to_owned(), |s| s.code().to_string()),
    );
    match outcome {
        Outcome::Processed { status, .. } if *status == expected => Ok(()),
        // Identification (3-D Secure: show the customer its HTML_ANSWER), Rejected (NCERROR
        // says why), Uncertain (ask querydirect later) and the rest.
        other => Err(format!("{what}: expected {expected}, got {other:?}").into()),
    }
}
