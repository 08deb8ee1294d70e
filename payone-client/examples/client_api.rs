//! Client API, hosted iFrame: what the shop's checkout page needs so that the customer's card
//! number goes from the browser straight to PAYONE, and what comes back (a pseudo card number
//! for the Server API requests, see the `server_api` example).
//!
//! ```sh
//! cargo run -p payone-client --example client_api
//! ```
//!
//! Runs against the sandbox it starts itself, or against the endpoint in
//! `PAYONE_CLIENT_API_URL` (with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`).
//!
//! PAYONE documentation: "Client API" (<https://docs.payone.com/integration/channel-client-api>)
//! and its hosted iFrame page; the script URL below is the one those pages give.

mod support;

use payone_client::client_api::HostedCreditcardcheck;
use payone_types::generated::client::{Responsetype, Storecarddata};

/// A public test card: in production the customer types it into the iFrames, and the shop's
/// server never sees it.
const TEST_CARD: [(&str, &str); 3] = [
    ("cardpan", "4111111111111111"),
    ("cardtype", "V"),
    ("cardexpiredate", "3012"),
];

#[tokio::main]
async fn main() -> support::Result<()> {
    let (client, _sandbox) =
        support::client("PAYONE_CLIENT_API_URL", payone_sandbox::Config::default()).await?;

    // The check the page's script will send: answered as JSON to the script, and with
    // `storecarddata=yes` so that the answer carries a pseudocardpan the shop may keep.
    let check = HostedCreditcardcheck::new(Responsetype::Json).storecarddata(Storecarddata::Yes);
    // The account ids, the settings and the `hash` over them, keyed with the portal key. The
    // key itself never reaches the browser; the hash stops the customer from changing the
    // signed settings, such as `mode` or `storecarddata`.
    let signed = client.client_api_params(&check)?;
    println!(
        "the checkout page embeds:\n{}",
        checkout_page(&signed.to_json())
    );

    // The customer's browser: the iFrames post the card data with the signed fields to the
    // Client API (`signed.endpoint`). Played here with a plain GET, as the page's script does.
    let mut query = signed.fields.clone();
    query.extend(TEST_CARD.map(|(name, value)| (name.to_owned(), value.to_owned())));
    let body = reqwest::Client::new()
        .get(signed.endpoint.clone())
        .query(&query)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let answer: serde_json::Value = serde_json::from_slice(&body)?;
    let field = |name: &str| answer.get(name).and_then(|v| v.as_str()).unwrap_or("-");
    println!(
        "the script's callback receives: status={} truncatedcardpan={} pseudocardpan={}",
        field("status"),
        field("truncatedcardpan"),
        field("pseudocardpan")
    );
    if field("status") != "VALID" || field("pseudocardpan") == "-" {
        return Err(format!(
            "creditcardcheck: expected VALID with a pseudocardpan, got {} ({})",
            field("status"),
            field("errormessage")
        )
        .into());
    }
    // The page now submits the pseudocardpan (never the card number) to the shop's server,
    // which sends the preauthorization or authorization with it.
    println!(
        "ok: the page sends pseudocardpan {} to the shop",
        field("pseudocardpan")
    );
    Ok(())
}

/// The part of the checkout page that sets up PAYONE's hosted iFrames: their script, the
/// signed request, and where the three card fields go. `request` is JSON that is safe inside a
/// `<script>` element (`ClientApiParams::to_json` escapes `<`, `>` and `&`).
fn checkout_page(request: &str) -> String {
    format!(
        r#"<script src="https://secure.pay1.de/client-api/js/v1/payone_hosted_min.js"></script>
<span id="cardpan"></span> <span id="cardcvc2"></span> <span id="cardexpiremonth"></span> <span id="cardexpireyear"></span>
<script>
  var request = {request};
  var config = {{ fields: {{
    cardpan: {{ selector: "cardpan", type: "text" }},
    cardcvc2: {{ selector: "cardcvc2", type: "password" }},
    cardexpiremonth: {{ selector: "cardexpiremonth", type: "select" }},
    cardexpireyear: {{ selector: "cardexpireyear", type: "select" }}
  }} }};
  var iframes = new Payone.ClientApi.HostedIFrames(config, request);
  // on "Pay": iframes.creditCardCheck("onChecked"), then post response.pseudocardpan
</script>"#
    )
}
