//! PAYONE Frontend: the signed URL of the hosted payment page. The shop redirects the customer
//! there (or opens it in an iFrame); PAYONE collects the payment data, so the shop's pages never
//! handle it.
//!
//! ```sh
//! cargo run -p payone-client --example frontend
//! ```
//!
//! Runs against the sandbox it starts itself, or against the endpoint in
//! `PAYONE_FRONTEND_URL` (with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`).
//!
//! PAYONE documentation: "PAYONE Frontend", the hosted page's parameter reference
//! (endpoint <https://frontend.pay1.de/frontend/v2/>; the classic
//! <https://secure.pay1.de/frontend/> is not for new integrations).

mod support;

use payone_types::generated::frontend::*;

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, _sandbox) =
        support::client("PAYONE_FRONTEND_URL", payone_sandbox::Config::default()).await?;

    // The basket: the page shows these lines, and their sum must equal `amount`.
    let items = vec![
        Item::builder()
            .it(It::Goods)
            .id(Id::new("SKU-1"))
            .pr(Pr::new(7990)) // unit price in minor units
            .no(No::new(1))
            .de(De::new("Wanderschuhe Größe 43"))
            .build(),
        Item::builder()
            .it(It::Shipment)
            .id(Id::new("SHIP"))
            .pr(Pr::new(490))
            .no(No::new(1))
            .de(De::new("Versand"))
            .build(),
    ];
    let shop = "https://shop.example/checkout";
    let page = Authorization::builder()
        // Card payment with no card data: the hosted page asks the customer for it.
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::try_new(support::order_number("web"))?)
        .amount(Amount::new(8480))
        .currency(Currency::new("EUR"))
        .items(items)
        // Where the customer's browser goes afterwards. Only a TransactionStatus notification
        // (see the `notification` example) proves the payment: a browser can open these URLs
        // without paying.
        .successurl(Successurl::try_new(format!("{shop}/success"))?)
        .backurl(Backurl::try_new(format!("{shop}/back"))?)
        .build()?;
    // Every parameter the table marks as part of the hash (amount, reference, items, the URLs,
    // ...) is signed with the portal key, so the customer cannot change the price in the URL.
    // `frontend_form` gives the same as hidden fields of a POST form.
    let url = client.frontend_url(&page)?;
    println!("redirect the customer to:\n{url}");

    // What the customer's browser sees: the hosted page, which refuses a URL whose hash does
    // not match.
    let shown = reqwest::get(url.as_str()).await?;
    println!("the hosted page answers HTTP {}", shown.status().as_u16());
    if !shown.status().is_success() {
        return Err(format!("the hosted page refused the URL: {}", shown.text().await?).into());
    }
    println!("ok: the signed URL opens the hosted payment page");
    Ok(())
}
