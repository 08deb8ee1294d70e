//! Server API payment methods that send the customer elsewhere: Sofort (online bank transfer)
//! and PayPal (wallet) answer `REDIRECT`; the customer pays at the provider and comes back to
//! the shop's `successurl` (or `backurl` when they cancel). The outcome the shop can trust
//! arrives as TransactionStatus notification (`appointed`, then `paid` for a bank transfer),
//! not with the customer's return, which anyone could fake.
//!
//! ```sh
//! cargo run -p payone-client --example redirect_methods
//! ```
//!
//! Runs against the sandbox it starts itself (whose provider page this example clicks through
//! as the customer's browser would), or against the endpoint in `PAYONE_SERVER_API_URL` (with
//! `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`); then it prints the redirect URL
//! for a person to open.
//!
//! PAYONE documentation: "Sofort" (<https://docs.payone.com/payment-methods/sofort>), "PayPal"
//! (<https://docs.payone.com/payment-methods/paypal>), "TransactionStatus Notification"
//! (<https://docs.payone.com/integration/response-handling/transactionstatus-notification>).

mod support;

use payone_client::{Answer, Client};
use payone_types::generated::server::*;

const SHOP: &str = "https://shop.example/checkout";

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, sandbox) =
        support::client("PAYONE_SERVER_API_URL", payone_sandbox::Config::default()).await?;

    // Sofort: the customer's online bank. `bankcountry` is the bank's country.
    let sofort = OnlineBankTransfer::builder()
        .onlinebanktransfertype(Onlinebanktransfertype::Pnt)
        .bankcountry(Bankcountry::new("DE"))
        .build();
    let redirect = start(&client, Clearingtype::Sb(sofort), 1990, "sofort").await?;
    customer(sandbox.is_some(), &redirect, "pay").await?;

    // PayPal: the wallet. Here the customer changes their mind and cancels.
    let paypal = EWallet::builder().wallettype(Wallettype::Ppe(None)).build();
    let redirect = start(&client, Clearingtype::Wlt(paypal), 2500, "paypal").await?;
    customer(sandbox.is_some(), &redirect, "cancel").await?;

    if let Some(sandbox) = &sandbox {
        // Without a notify_url the sandbox only logs its notifications: what the shop's
        // TransactionStatus endpoint would have received.
        for n in sandbox.notifications() {
            println!("notification: {} txid={}", n.txaction, n.txid);
        }
    }
    println!("ok: Sofort paid, PayPal cancelled by the customer");
    Ok(())
}

/// Sends an authorization that redirects; the URL to send the customer to.
async fn start(
    client: &Client,
    clearingtype: Clearingtype,
    amount: i64,
    what: &str,
) -> support::Result<String> {
    let request = Authorization::builder()
        .clearingtype(clearingtype)
        .reference(Reference::try_new(support::order_number(what))?)
        .amount(Amount::new(amount)) // minor units
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Mustermann"))
        .country(Country::new("DE"))
        // Where the customer comes back to; PAYONE requires them for redirect methods.
        .successurl(Successurl::try_new(format!("{SHOP}/success"))?)
        .errorurl(Errorurl::try_new(format!("{SHOP}/error"))?)
        .backurl(Backurl::try_new(format!("{SHOP}/back"))?)
        .build()?;
    match client.send(&request).await? {
        Answer::Redirect {
            redirecturl, txid, ..
        } => {
            println!("{what}: REDIRECT txid={}", txid.as_deref().unwrap_or("-"));
            Ok(redirecturl)
        }
        other => Err(format!("{what}: expected REDIRECT, got {:?}", other.status()).into()),
    }
}

/// The customer at the provider's page. Against the sandbox, its page is clicked through by
/// HTTP; against PAYONE a person opens the URL.
async fn customer(embedded: bool, redirecturl: &str, choice: &str) -> support::Result<()> {
    if !embedded {
        println!("open {redirecturl} in a browser to continue");
        return Ok(());
    }
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    browser.get(redirecturl).send().await?.error_for_status()?;
    let back = browser
        .get(format!("{redirecturl}/complete?result={choice}"))
        .send()
        .await?;
    let location = back
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .ok_or("the provider did not send the customer back")?;
    println!("customer chose {choice} and returns to {location}");
    Ok(())
}
