//! The v2 part of `payone demo`: a hosted tokenization whose card page the customer fills, a
//! `GCS v1HMAC` signed CreatePayment with that token that needs a 3-D Secure challenge, the
//! customer's round trip to the returnUrl, GetPaymentDetails, a capture and a partial refund; a
//! hosted checkout paid on its page, the return checked against its RETURNMAC; and the signed
//! webhooks received and verified by the shop. No card data is printed.

use std::sync::{Arc, Mutex};

use payone_client::Url;
use payone_client::v2::{
    BaseUrl, Checkout, CreateOutcome, SecretString, StatusView, Test, V2Client, V2Config,
    WebhookEvent, WebhookKeys, hosted_checkout_return, webhook_router,
};
use payone_sandbox::{
    DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_MERCHANT_ID, DEFAULT_WEBHOOK_KEY_ID,
    DEFAULT_WEBHOOK_SECRET, V2_CARD_CHALLENGE, V2_CARD_NO_3DS,
};
use payone_types::generated::v2::*;

use super::{arrived, pass_challenge, serve_on_loopback, step};

/// Webhooks the shop accepted, each once.
pub(super) type Events = Arc<Mutex<Vec<WebhookEvent>>>;

/// The shop's webhook endpoint on loopback: verifies `X-GCS-Signature` and stores each event
/// once (by its id). Its URL.
pub(super) async fn webhook_receiver(events: Events) -> Result<String, String> {
    let keys = WebhookKeys::new().with(
        DEFAULT_WEBHOOK_KEY_ID,
        SecretString::from(DEFAULT_WEBHOOK_SECRET),
    );
    let app = axum::Router::new().nest(
        "/webhooks",
        webhook_router(keys, move |event: WebhookEvent| {
            let events = events.clone();
            async move {
                let mut all = events
                    .lock()
                    .map_err(|_| "the store is poisoned".to_owned())?;
                if !all.iter().any(|seen| seen.id() == event.id()) {
                    all.push(event);
                }
                Ok::<(), String>(())
            }
        }),
    );
    let addr = serve_on_loopback("the webhook receiver", app).await?;
    Ok(format!("http://{addr}/webhooks"))
}

fn show_status(payment_status: Option<&str>, output: Option<&StatusOutput>) {
    let view = output.map(StatusView::of);
    println!(
        "   status={} statusCode={} authorised={}",
        payment_status.unwrap_or("-"),
        view.as_ref()
            .and_then(StatusView::code)
            .map_or("-".to_owned(), |c| c.to_string()),
        view.as_ref().is_some_and(StatusView::authorised),
    );
}

/// Runs the v2 steps from `first` on, against the sandbox at `base`; the number of the next
/// step.
pub(super) async fn run(
    base: &Url,
    http: &reqwest::Client,
    events: &Events,
    first: u32,
) -> Result<u32, String> {
    let config = V2Config::<Test>::new(
        DEFAULT_MERCHANT_ID,
        DEFAULT_API_KEY,
        SecretString::from(DEFAULT_API_SECRET),
    )
    .map_err(|e| e.to_string())?
    .with_base(BaseUrl::custom(base).map_err(|e| e.to_string())?);
    let client = V2Client::new(config).map_err(|e| e.to_string())?;

    step(
        first,
        "v2 hosted tokenization: the customer enters the card on the tokenization page",
    );
    let token = tokenize(&client, http).await?;
    println!("   token {}", token.as_str());

    step(
        first + 1,
        "v2 CreatePayment of 49.90 EUR with the token (GCS v1HMAC signed): a 3-D Secure challenge",
    );
    let request = CreatePaymentRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(4990),
            CurrencyCode::new("EUR"),
        ))
        .with_customer(Customer::new().with_contact_details(
            ContactDetails::new().with_email_address(EmailAddress::new("erika@example.com")),
        )),
    )
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_token(Token::try_new(token.as_str().to_owned()).map_err(|e| e.to_string())?)
            .with_return_url(ReturnUrl::new("https://shop.example/checkout/return")),
    );
    let mut checkout = Checkout::new(MerchantReference::new("demo-v2-0001"));
    let outcome = checkout
        .attempt(&client, &request)
        .await
        .map_err(|e| e.to_string())?;
    let CreateOutcome::Challenge {
        payment_id,
        redirect_url,
        payment,
    } = &outcome
    else {
        return Err(format!("create: expected a challenge, got {outcome:?}"));
    };
    println!(
        "   payment {} under merchantReference demo-v2-0001",
        payment_id.as_str()
    );
    show_status(
        payment.status().map(|s| s.as_str()),
        payment.status_output(),
    );
    println!("   merchantAction REDIRECT to {redirect_url}");

    step(
        first + 2,
        "v2: the customer authenticates and returns to the returnUrl; GetPaymentDetails",
    );
    let back_to = pass_challenge(
        http,
        redirect_url.as_str(),
        &format!(
            "{base}v2/sandbox/3ds/{}/complete?result=ok",
            payment_id.as_str()
        ),
    )
    .await?;
    println!("   customer returns to {back_to}");
    let details = checkout
        .returned(&client, &back_to)
        .await
        .map_err(|e| e.to_string())?;
    show_status(
        details.status().map(|s| s.as_str()),
        details.status_output(),
    );

    step(
        first + 3,
        "v2: capture of 49.90 EUR, then a refund of 9.90 EUR",
    );
    let capture = client
        .capture_payment(payment_id, &CapturePaymentRequest::new())
        .await
        .map_err(|e| e.to_string())?;
    show_status(
        capture.status().map(|s| s.as_str()),
        capture.status_output(),
    );
    let refund = client
        .refund_payment(
            payment_id,
            &RefundRequest::new(AmountOfMoney::new(
                Amount::new(990),
                CurrencyCode::new("EUR"),
            )),
        )
        .await
        .map_err(|e| e.to_string())?;
    show_status(refund.status().map(|s| s.as_str()), refund.status_output());

    let next = hosted_checkout(&client, http, first + 4).await?;

    step(next, "v2 webhooks received, X-GCS-Signature verified");
    // pending capture (challenge passed), captured, refunded; the hosted checkout's payment
    arrived("webhooks", 4, || {
        events.lock().map(|e| e.len()).unwrap_or_default()
    })
    .await?;
    for event in events
        .lock()
        .map_err(|_| "the store is poisoned".to_owned())?
        .iter()
    {
        println!(
            "   {:<26} payment={} (key id {})",
            event.event_type().as_str(),
            event.payment().map_or("-", |p| p.id().as_str()),
            event.key_id().as_str()
        );
    }
    Ok(next + 1)
}

/// Opens a hosted tokenization session and fills its page as the customer's browser would:
/// the token the card became.
async fn tokenize(client: &V2Client<Test>, http: &reqwest::Client) -> Result<TokenId, String> {
    let session = client
        .create_hosted_tokenization(&CreateHostedTokenizationRequest::new())
        .await
        .map_err(|e| e.to_string())?;
    let page = session
        .hosted_tokenization_url()
        .ok_or("no hostedTokenizationUrl")?
        .as_str()
        .to_owned();
    println!("   customer opens {page}");
    let card = [
        ("cardNumber", V2_CARD_CHALLENGE),
        ("expiryDate", "1230"),
        ("cvv", "123"),
        ("cardholderName", "Erika Mustermann"),
    ];
    let stored = http
        .post(&page)
        .form(&card)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "   card sent from the page: HTTP {}",
        stored.status().as_u16()
    );
    let id = session
        .hosted_tokenization_id()
        .ok_or("no hostedTokenizationId")?;
    let result = client
        .get_hosted_tokenization(id)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "   GetHostedTokenization: tokenStatus={}",
        result.token_status().map_or("-", |s| s.as_str())
    );
    result
        .token()
        .and_then(|t| t.id())
        .cloned()
        .ok_or_else(|| "the page stored no token".to_owned())
}

/// A hosted checkout of 19.99 EUR paid on the platform's page; the number of the next step.
async fn hosted_checkout(
    client: &V2Client<Test>,
    http: &reqwest::Client,
    first: u32,
) -> Result<u32, String> {
    step(
        first,
        "v2 CreateHostedCheckout of 19.99 EUR: the customer pays on the hosted payment page",
    );
    let request = CreateHostedCheckoutRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(1999),
            CurrencyCode::new("EUR"),
        ))
        .with_references(
            OrderReferences::new().with_merchant_reference(MerchantReference::new("demo-v2-0002")),
        ),
    )
    .with_hosted_checkout_specific_input(
        HostedCheckoutSpecificInput::new()
            .with_return_url(HostedCheckoutReturnUrl::new(
                "https://shop.example/checkout/hosted-return",
            ))
            .with_locale(HostedCheckoutLocale::new("de_DE")),
    );
    let opened = client
        .create_hosted_checkout(&request)
        .await
        .map_err(|e| e.to_string())?;
    let page = opened
        .redirect_url()
        .ok_or("no redirectUrl")?
        .as_str()
        .to_owned();
    println!(
        "   hosted checkout {}; customer opens {page}",
        opened.hosted_checkout_id().map_or("-", |i| i.as_str())
    );
    let card = [
        ("cardNumber", V2_CARD_NO_3DS),
        ("expiryDate", "1230"),
        ("cvv", "123"),
    ];
    let paid = http
        .post(&page)
        .form(&card)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let back_to = paid
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or("the page did not send the customer back")?
        .to_owned();
    let id = hosted_checkout_return(&back_to, &opened).map_err(|e| e.to_string())?;
    println!(
        "   customer returns to the returnUrl with hostedCheckoutId={} (RETURNMAC checked)",
        id.as_str()
    );

    step(
        first + 1,
        "v2 GetHostedCheckout, then GetPayment of the payment it created",
    );
    let status = client
        .get_hosted_checkout(&id)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "   checkout status={}",
        status.status().map_or("-", |s| s.as_str())
    );
    let payment_id = status
        .created_payment_output()
        .and_then(|o| o.payment())
        .map(|p| p.id().clone())
        .ok_or("the checkout created no payment")?;
    let payment = client
        .get_payment(&payment_id)
        .await
        .map_err(|e| e.to_string())?;
    println!("   payment {}", payment_id.as_str());
    show_status(
        payment.status().map(|s| s.as_str()),
        payment.status_output(),
    );
    Ok(first + 2)
}
