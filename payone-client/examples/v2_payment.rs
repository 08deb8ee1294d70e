//! v2 server-to-server JSON API: a card payment whose issuer asks for a 3-D Secure challenge.
//! CreatePayment answers with a redirect, the customer authenticates and comes back to the
//! shop's returnUrl, the shop reads the result with GetPaymentDetails and captures.
//!
//! ```sh
//! cargo run -p payone-client --example v2_payment
//! ```
//!
//! Runs against the sandbox it starts itself, or against `PAYONE_V2_URL` (with
//! `PAYONE_MERCHANT_ID`, `PAYONE_API_KEY`, `PAYONE_API_SECRET`). The customer's part (the
//! challenge) is played on the sandbox's challenge page; on the test platform a person does it
//! in a browser.
//!
//! PAYONE documentation: the server-to-server integration page (test endpoint
//! <https://payment.preprod.payone.com/v2/{merchantId}/payments>, live
//! <https://payment.payone.com/v2/{merchantId}/payments>), section "Process platform response".

mod support;

use payone_client::Url;
use payone_client::v2::{Checkout, CreateOutcome, StatusView};
use payone_types::generated::v2::*;

/// Where the customer's browser comes back after the challenge; PAYONE appends `paymentId`.
const RETURN_URL: &str = "https://shop.example/checkout/return";

#[tokio::main]
async fn main() -> support::Result<()> {
    // Every request is signed (`Authorization: GCS v1HMAC:...`) with the API key and secret.
    let (client, _sandbox) = support::v2_client().await?;

    // The sandbox's card for a challenge (`payone_sandbox::V2_CARD_CHALLENGE`); on the test
    // platform, a 3-D Secure test card of PAYONE's test data.
    let card = Card::new(
        CardNumber::new(payone_sandbox::V2_CARD_CHALLENGE),
        ExpiryDate::new("1230"), // MMYY
    )
    .with_cvv(Cvv::new("123"))
    .with_cardholder_name(CardholderName::new("Erika Mustermann"));
    let request = CreatePaymentRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(4990), // minor units: 49.90 EUR
            CurrencyCode::new("EUR"),
        ))
        // 3-D Secure 2 passes the e-mail address on to the issuer's risk check.
        .with_customer(Customer::new().with_contact_details(
            ContactDetails::new().with_email_address(EmailAddress::new("erika@example.com")),
        )),
    )
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_card(card)
            .with_return_url(ReturnUrl::new(RETURN_URL)),
    );

    // One Checkout per order: every attempt (another card after a decline) goes out under the
    // same merchantReference, as the platform asks, and it refuses a second attempt while
    // the customer is at the challenge or once a payment is authorised.
    let merchant_reference = support::order_number("v2");
    let mut checkout = Checkout::new(MerchantReference::try_new(merchant_reference.clone())?);
    let outcome = checkout.attempt(&client, &request).await?;
    // The three 3-D Secure paths: frictionless, no 3-D Secure (both: the result is in the
    // payment), and a challenge.
    let (payment_id, redirect_url) = match outcome {
        CreateOutcome::Challenge {
            payment_id,
            redirect_url,
            ..
        } => (payment_id, redirect_url),
        other => return Err(format!("CreatePayment: expected a challenge, got {other:?}").into()),
    };
    println!(
        "CreatePayment: payment {} ({merchant_reference}) needs a challenge at {redirect_url}",
        payment_id.as_str()
    );

    // The shop redirects the customer's browser to `redirect_url`; the browser comes back to
    // RETURN_URL?paymentId=...
    let back_at = customer_passes_challenge(&redirect_url).await?;
    println!("the customer returns to {back_at}");

    // The return URL came through the browser, so it proves nothing: `returned` checks that it
    // names this order's payment and asks the platform for the payment's details.
    let details = checkout.returned(&client, back_at.as_str()).await?;
    let status = details.status_output().map(StatusView::of);
    println!(
        "GetPaymentDetails: status={} statusCode={}",
        details.status().map_or("-", |s| s.as_str()),
        status
            .as_ref()
            .and_then(StatusView::code)
            .unwrap_or_default(),
    );
    if !status.is_some_and(|s| s.authorised()) {
        return Err("the payment is not authorised after the challenge".into());
    }

    // Authorised: capture the whole amount (an empty request captures everything).
    let captured = client
        .capture_payment(&payment_id, &CapturePaymentRequest::new())
        .await?;
    let capture_status = captured.status().map_or("-", |s| s.as_str());
    println!("CapturePayment: status={capture_status}");
    if !matches!(capture_status, "CAPTURED" | "CAPTURE_REQUESTED") {
        return Err(format!("CapturePayment: expected CAPTURED, got {capture_status}").into());
    }
    println!("ok: 49.90 EUR authorised after 3-D Secure and captured");
    Ok(())
}

/// The customer's browser at the challenge page: the sandbox's page has an "Authenticate" link
/// to `<page>/complete?result=ok`, which sends the browser on to the returnUrl. Where the browser
/// ends up.
async fn customer_passes_challenge(page: &Url) -> support::Result<Url> {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none()) // the returnUrl is the shop's, not ours
        .build()?;
    let shown = browser.get(page.clone()).send().await?.text().await?;
    if !shown.contains("id=\"authenticate\"") {
        return Err(format!("{page} is not the sandbox's challenge page").into());
    }
    let done = browser
        .get(format!("{page}/complete?result=ok"))
        .send()
        .await?;
    let location = done
        .headers()
        .get(reqwest::header::LOCATION)
        .ok_or("the challenge did not send the customer back")?;
    Ok(Url::parse(location.to_str()?)?)
}
