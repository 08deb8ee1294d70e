//! The v2 server-to-server JSON API (the platform's "Server-to-server" guide,
//! <https://developer.payone.com/en/integration/basic-integration-methods/server-to-server>): `GCS
//! v1HMAC` signed calls of the operations in [`payone_types::generated::v2`], typed errors per HTTP
//! status, the 3-D Secure paths of a `CreatePayment`, resubmission under one `merchantReference`,
//! and verified webhooks.
//!
//! - [`V2Client`]: [`V2Client::call`] for any [`Operation`](payone_types::json::Operation),
//!   and `create_payment`, `payment_details`, `capture_payment`, `cancel_payment`,
//!   `refund_payment`, `get_payment`, `complete_payment`, `subsequent_payment`,
//!   `create_hosted_checkout` and `get_hosted_checkout`, the captures and refunds of a payment,
//!   `create_token`, the payment products, client sessions, the connection test and
//!   `get_iin_details` (a `GET`'s query object is sent as the query string), and SEPA Direct
//!   Debit mandates (`create_mandate`, `get_mandate`, `block_mandate`, `unblock_mandate`,
//!   `revoke_mandate`; a mistyped IBAN is refused before sending), and payment links
//!   (`create_payment_link`, `get_payment_link`, `cancel_payment_link`); every request sent
//!   exactly once;
//! - [`Environment`], [`BaseUrl`]: the test and live hosts; a client built for one environment
//!   can never send to the other (type parameter [`Test`] or [`Live`]);
//! - [`V2Error`]: one variant per HTTP status class, with [`V2Error::outcome_unknown`];
//! - [`CreateOutcome`] (frictionless, challenge, no 3-D Secure, declined), [`StatusView`],
//!   and the returnUrl round trip ([`V2Client::details_after_return`]);
//! - [`Checkout`]: one order's attempts under the same `merchantReference`;
//! - [`hosted_checkout_return`]: the customer's return from a hosted checkout, checked against
//!   its `RETURNMAC`;
//! - [`parse_webhook`]: `X-GCS-Signature` verified before the event is read; with the `axum`
//!   feature, `webhook_router` receives them.
//!
//! ```no_run
//! use payone_client::v2::*;
//! use payone_types::generated::v2::*;
//!
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let client = V2Client::<Test>::from_env()?;
//! let card = Card::new(CardNumber::new("4111111111111111"), ExpiryDate::new("1230"))
//!     .with_cvv(Cvv::new("123"));
//! let request = CreatePaymentRequest::new(Order::new(AmountOfMoney::new(
//!     Amount::new(1500),
//!     CurrencyCode::new("EUR"),
//! )))
//! .with_card_payment_method_specific_input(
//!     CardPaymentMethodSpecificInput::new()
//!         .with_card(card)
//!         .with_return_url(ReturnUrl::new("https://shop.example/return")),
//! );
//! let mut checkout = Checkout::new(MerchantReference::new("order-4711"));
//! match checkout.attempt(&client, &request).await? {
//!     CreateOutcome::Challenge { redirect_url, .. } => println!("redirect to {redirect_url}"),
//!     CreateOutcome::Declined { .. } => println!("declined: the customer may try another card"),
//!     outcome => println!("{:?}", outcome.status()),
//! }
//! # Ok(()) }
//! ```

#[cfg(feature = "blocking")]
pub mod blocking;
mod catalog;
mod checkout;
mod client;
mod config;
mod environment;
mod error;
mod follow_up;
mod hosted_checkout;
mod mandates;
mod outcome;
mod payment_links;
#[cfg(feature = "axum")]
mod receiver;
mod webhook;
mod wire;

pub use checkout::{Checkout, CheckoutError, CheckoutState, DEFAULT_MAX_ATTEMPTS};
pub use client::V2Client;
pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_TIMEOUT, PAYONE_API_KEY,
    PAYONE_API_SECRET, PAYONE_MERCHANT_ID, PAYONE_V2_URL, PAYONE_WEBHOOK_KEY_ID,
    PAYONE_WEBHOOK_SECRET, V2Config, V2ConfigError, webhook_keys_from_env,
    webhook_keys_from_lookup,
};
pub use environment::{
    BaseUrl, BaseUrlError, Environment, EnvironmentKind, LIVE_HOST, Live, TEST_HOST, Test,
};
pub use error::{OperationInfo, RequestError, V2Error};
pub use hosted_checkout::{HostedCheckoutReturnError, hosted_checkout_return};
pub use outcome::{
    CreateOutcome, FRICTIONLESS, PaymentCategory, REDIRECT, ReturnError, STATUS_REJECTED,
    StatusView, return_payment_id, three_d_secure_flow,
};
pub use payone_types::gcs::{KeyId, SecretString, WebhookKeys};
#[cfg(feature = "axum")]
pub use receiver::webhook_router;
pub use webhook::{
    WebhookError, WebhookEvent, WebhookEventType, parse_webhook, parse_webhook_pairs,
};
pub use wire::{CallOptions, PathParams};
