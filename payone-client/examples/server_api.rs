//! Server API: reserve an amount with `preauthorization`, `capture` it when the goods ship, and
//! `refund` part of it after a return.
//!
//! ```sh
//! cargo run -p payone-client --example server_api
//! ```
//!
//! Runs against the sandbox it starts itself, or against the endpoint in
//! `PAYONE_SERVER_API_URL` (with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`).
//!
//! PAYONE documentation: "Server API: preauthorization"
//! (<https://docs.payone.com/integration/channel-server-api/server-api-preauthorization>),
//! "Server API: capture" (<https://docs.payone.com/integration/channel-server-api/server-api-capture>),
//! "Server API: refund" (<https://docs.payone.com/integration/channel-server-api/server-api-refund>).

mod support;

use payone_client::{Answer, Client};
use payone_types::generated::server::*;

/// The pseudo card number the customer's browser got from the Client API for the card typed
/// into the hosted iFrame: the one the `client_api` example receives from the sandbox for the
/// test card 4111 1111 1111 1111. The shop's server only ever sees this stand-in, never the
/// card number, which keeps card data out of the shop's systems.
const PSEUDOCARDPAN: &str = "9407049363260097436";

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, _sandbox) =
        support::client("PAYONE_SERVER_API_URL", payone_sandbox::Config::default()).await?;

    // A preauthorization only reserves the amount: nothing is booked until the capture, so an
    // order that is never shipped costs the customer nothing.
    let card = CreditCard::builder()
        .cardtype(Cardtype::V)
        .cardexpiredate(Cardexpiredate::new("3012")) // YYMM
        .pseudocardpan(Pseudocardpan::new(PSEUDOCARDPAN))
        .build();
    let preauthorization = Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(Some(card)))
        // The shop's order number, unique per portal: PAYONE refuses a reference it has seen.
        .reference(Reference::try_new(support::order_number("srv"))?)
        .amount(Amount::new(8990)) // minor units: 89.90 EUR
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Mustermann"))
        .build()?; // every table violation at once, before anything is sent
    let answer = send(&client, &preauthorization, "preauthorization").await?;
    // The txid names the transaction in every later request and in every notification.
    let txid = answer.txid().ok_or("APPROVED without txid")?;
    let txid = Txid::try_new(txid.to_owned())?;

    // Capture when the goods ship. Each follow-up request of a transaction carries the next
    // sequencenumber (1, 2, ...): PAYONE refuses a repeated or skipped one, so a capture sent
    // twice by mistake cannot book twice.
    let capture = Capture::builder()
        .txid(txid.clone())
        .sequencenumber(Sequencenumber::new("1"))
        .amount(Amount::new(8990))
        .currency(Currency::new("EUR"))
        .build()?;
    send(&client, &capture, "capture").await?;

    // The customer sends one item back: refund 29.90 EUR. A refund's amount is negative.
    let refund = Refund::builder()
        .txid(txid)
        .sequencenumber(Sequencenumber::new("2"))
        .amount(Amount::new(-2990))
        .currency(Currency::new("EUR"))
        .build()?;
    send(&client, &refund, "refund").await?;

    println!("ok: reserved 89.90 EUR, captured 89.90 EUR, refunded 29.90 EUR");
    Ok(())
}

/// Sends `request` once and insists on `APPROVED`.
///
/// `Client::send` never retries: when the answer was lost (`Error::outcome_unknown`), the
/// request may still have been carried out, so a shop looks the transaction up (or waits for
/// its TransactionStatus notification) before sending anything again.
async fn send<R>(client: &Client, request: &R, what: &str) -> support::Result<Answer>
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
        // ERROR answers carry `errorcode`, `errormessage` (for the shop) and
        // `customermessage` (for the customer).
        other => Err(format!(
            "{what}: expected APPROVED, got {:?}: {}",
            other.status(),
            other.get("errormessage").unwrap_or("-")
        )
        .into()),
    }
}
