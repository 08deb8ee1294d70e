//! Transport for the PAYONE APIs: sends typed Server API requests and reads their answers,
//! signs Frontend and Client API requests for the customer's browser, builds the
//! credentials-on-file (CoF) use cases of the platform's credentials-on-file page and receives
//! TransactionStatus notifications; and the clients of DirectLink ([`directlink`]) and of the v2
//! JSON API ([`v2`]).
//!
//! # Start from the examples
//!
//! Each example in the crate's `examples/` directory
//! ([on GitHub](https://github.com/payone-rs/payone-rs/tree/main/payone-client/examples)) is a
//! whole flow, typed and commented. It talks to the endpoint its platform's variable names
//! (`PAYONE_SERVER_API_URL`, `PAYONE_DIRECTLINK_URL`, `PAYONE_V2_URL`, ...: a `payone sandbox`
//! or a PAYONE test account) and, when that is unset, to the `payone-sandbox` it starts on
//! 127.0.0.1, so `cargo run -p payone-client --example NAME` works without network:
//!
//! - `server_api`: Server API preauthorization, capture and refund ([`Client::send`]);
//! - `sepa_direct_debit`: a SEPA mandate ([`Client::send_typed`] into
//!   [`answer::MandateAnswer`]), the payment that activates it, the signed mandate as PDF
//!   ([`Client::fetch_document`]) and the capture;
//! - `redirect_methods`: Sofort and PayPal payments that send the customer to the provider
//!   and back (`Answer::Redirect`), settled by their notifications;
//! - `client_api`: the signed fields of the Client API hosted iFrame
//!   ([`Client::client_api_params`]) and the pseudo card number that comes back;
//! - `frontend`: the signed URL of the PAYONE Frontend hosted page ([`Client::frontend_url`]);
//! - `notification` (feature `axum`): a TransactionStatus endpoint that verifies, stores once
//!   and answers `TSOK` (`notification::axum::notification_router`);
//! - `directlink`: a typed DirectLink order, its capture and a status query
//!   ([`directlink::DirectLinkClient::send_order`]);
//! - `v2_payment`: a v2 CreatePayment through its 3-D Secure challenge and the customer's
//!   return, then the capture ([`v2::Checkout`]).
//!
//! A subsequent payment with stored card data, sent once:
//!
//! ```no_run
//! use payone_client::{Answer, Client, cof};
//! use payone_types::generated::server::*;
//!
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?; // PAYONE_MID, PAYONE_PORTALID, PAYONE_AID, PAYONE_KEY, ...
//! let card = cof::Card::new(
//!     Cardtype::M,
//!     Cardexpiredate::new("2110"),
//!     Pseudocardpan::new("9911192220202920292"),
//! );
//! let request = cof::SubsequentPayment::new(Amount::new(3000), Currency::new("EUR"), card.into())
//!     .preauthorization()?;
//! match client.send(&request).await {
//!     Ok(Answer::Approved { txid, .. }) => println!("approved: {txid:?}"),
//!     Ok(other) => println!("{:?}", other.status()),
//!     Err(e) if e.outcome_unknown() => println!("check before sending again: {e}"),
//!     Err(e) => println!("{e}"),
//! }
//! # Ok(()) }
//! ```
//!
//! Server API requests are sent exactly once, never retried: a payment request whose answer was
//! lost may still have created a payment (see [`Client`] and [`Error::outcome_unknown`]).
//!
//! [`directlink`] speaks DirectLink as the platform's DirectLink integration guide describes it
//! (SHA-IN signed orders with a safe timeout fallback, maintenance, queries, the privacy policy)
//! and verifies the SHA-OUT signed feedback of redirects and post-sale requests
//! ([`directlink::FeedbackVerifier`]).
//!
//! [`v2`] speaks the v2 server-to-server JSON API of the platform's Server-to-server guide: `GCS
//! v1HMAC` signed CreatePayment, GetPaymentDetails, capture, cancel and refund with typed errors
//! per HTTP status, the three 3-D Secure paths as [`v2::CreateOutcome`], resubmission under one
//! `merchantReference` ([`v2::Checkout`]) and verified webhooks ([`v2::parse_webhook`]).
//!
//! # Features
//!
//! One per platform, all five on by default; each turns on the same feature of `payone-types`:
//!
//! - `server`: [`Client::send`] with its answers ([`Answer`]), the typed answers of
//!   [`Client::send_typed`] ([`answer`]), the files of [`Client::fetch_document`] and the
//!   credentials-on-file use cases (`cof`);
//! - `frontend`: [`Client::frontend_url`] and `Client::frontend_form`;
//! - `client-api`: [`Client::client_api_params`] and the `client_api` module;
//! - `directlink`: the [`directlink`] module;
//! - `v2`: the [`v2`] module.
//!
//! Each of `server`, `frontend` and `client-api` also brings the [`Client`] with its
//! configuration and the TransactionStatus notifications (`notification`). For a smaller build,
//! name only the platforms you use: `default-features = false, features = ["server"]`.
//!
//! And two optional ones: `blocking` (synchronous clients: `blocking::Client` for the Server API,
//! `blocking::DirectLinkClient` for DirectLink, `v2::blocking::V2Client`), `axum` (a
//! TransactionStatus endpoint, [`notification::axum::notification_router`], and
//! `v2::webhook_router` for v2 webhooks).

#![warn(missing_docs)]

#[cfg(feature = "server")]
pub mod answer;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub mod api;
#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(any(feature = "server", feature = "directlink", feature = "v2"))]
mod body;
#[cfg(any(feature = "frontend", feature = "client-api"))]
pub mod browser;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
mod clearing;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub mod client;
#[cfg(feature = "client-api")]
pub mod client_api;
#[cfg(feature = "server")]
pub mod cof;
pub mod config;
#[cfg(feature = "directlink")]
pub mod directlink;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub mod env;
pub mod error;
pub mod fields;
#[cfg(feature = "server")]
mod lines;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub mod notification;
#[cfg(feature = "v2")]
pub mod v2;
#[cfg(feature = "server")]
mod wire;

#[cfg(feature = "server")]
pub use answer::{Answer, Document, FromAnswer, Status};
#[cfg(feature = "client-api")]
pub use browser::ClientApiParams;
#[cfg(feature = "frontend")]
pub use browser::FrontendForm;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub use client::Client;
pub use config::ConfigError;
#[cfg(any(feature = "frontend", feature = "client-api", feature = "server"))]
pub use config::{ClientBuilder, Config, Endpoints};
pub use error::{Delivery, Error, ParseError};
pub use fields::Fields;
pub use reqwest::Url;
