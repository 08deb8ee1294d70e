//! DirectLink (the platform's guide "Integrate with DirectLink (server-to-server)",
//! <https://epayments-support.ingenico.com/de/integration/all-sales-channels/integrate-with-directlink-server-to-server/index>):
//! server-to-server orders, maintenance, status queries and the privacy-policy text, with the
//! SHA-IN signature and tolerant `<ncresponse>` answers.
//!
//! Everything here works on ordered `(name, value)` parameter lists, so typed request tables
//! can sit on top of it later:
//!
//! - [`sha_sign`] / [`verify_sha_out`]: SHA-IN of a request, SHA-OUT of feedback parameters
//!   (upper-cased names in plain byte order, `NAME=value` plus passphrase);
//! - [`Environment`], [`Endpoints`]: the test and production URLs; a client built for one
//!   environment can never send to the other (type parameter [`Test`] or [`Production`]);
//! - [`NcResponse`], [`Outcome`], [`Status`], [`NcError`], [`PrivacyPolicy`]: the answers as
//!   typed values;
//! - [`DirectLinkClient`]: sends them; [`DirectLinkClient::order`] never sends an order twice
//!   and asks `querydirect.asp` instead when `orderdirect.asp` does not answer in time
//!   (DirectLink guide, section 6.4, [`QueryPolicy`]).
//! - [`FeedbackVerifier`], [`Feedback`]: the SHA-OUT signed parameters the platform sends back
//!   (the redirect to `ACCEPTURL`, `DECLINEURL`, `EXCEPTIONURL` or `CANCELURL`, a post-sale
//!   request), verified before they are typed;
//! - `blocking::DirectLinkClient` (feature `blocking`): the same client for programs without an
//!   async runtime.
//!
//! ```no_run
//! use payone_client::directlink::*;
//!
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let config = DirectLinkConfig::<Test>::new(
//!     "MyPSPID",
//!     "apiuser",
//!     Password::new("api user password"),
//!     ShaPassphrase::new("Mysecretsig1875!?"),
//!     ShaAlgorithm::Sha512,
//! );
//! let client = DirectLinkClient::new(config)?;
//! let order = [
//!     ("ORDERID", "order-4711"),
//!     ("AMOUNT", "1500"),
//!     ("CURRENCY", "EUR"),
//!     ("CARDNO", "4111111111111111"),
//!     ("ED", "1230"),
//!     ("CVC", "123"),
//!     ("CN", "Erika Mustermann"),
//!     ("OPERATION", "RES"),
//! ];
//! match client.order(&order).await? {
//!     OrderOutcome::Answered(Outcome::Processed { status, .. }) => println!("{status}"),
//!     OrderOutcome::Answered(Outcome::Identification { html_answer, .. }) => {
//!         println!("show the customer: {html_answer}")
//!     }
//!     OrderOutcome::Answered(other) => println!("{other:?}"),
//!     OrderOutcome::Queried { outcome, .. } => println!("found by querydirect: {outcome:?}"),
//!     OrderOutcome::Unknown { .. } => println!("unknown: check before sending it again"),
//! }
//! # Ok(()) }
//! ```
//!
//! The customer back from 3-D Secure (or any redirect of the platform), in a web handler that
//! received the URL's query string:
//!
//! ```
//! use payone_client::directlink::*;
//!
//! fn back_from_the_platform(query: &str) -> String {
//!     // The SHA-OUT passphrase and algorithm of the account's technical settings.
//!     let verifier = FeedbackVerifier::new(ShaPassphrase::new("sha-out passphrase"), ShaAlgorithm::Sha512);
//!     match verifier.verify_query(query) {
//!         Ok(feedback) if feedback.status() == Status::Authorised => {
//!             format!("thank you for order {}", feedback.orderid().unwrap_or_default())
//!         }
//!         Ok(feedback) => format!("not paid: {}", feedback.status()),
//!         // Not from the platform, or altered on the way: nothing in it can be trusted.
//!         Err(error) => format!("ignored: {error}"),
//!     }
//! }
//! assert_eq!(
//!     back_from_the_platform("orderID=4711&STATUS=5&SHASIGN=00"),
//!     "ignored: the feedback's SHASIGN does not match its parameters, so it cannot be trusted"
//! );
//! ```

mod answer_error;
mod attributes;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod config;
mod env;
mod environment;
mod error;
mod fallback;
mod feedback;
mod ncerror;
mod outcome;
mod params;
mod privacy;
mod redact;
mod response;
mod sign;
mod status;
mod typed;
mod xml;

#[cfg(test)]
mod tests;

pub use answer_error::AnswerError;
pub use attributes::Attributes;
pub use client::{DirectLinkClient, QueryBy};
pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_ORDER_TIMEOUT, DirectLinkConfig,
    Password,
};
pub use env::{
    PAYONE_DIRECTLINK_URL, PAYONE_PSPID, PAYONE_PSWD, PAYONE_SHA_ALGO, PAYONE_SHA_IN, PAYONE_USERID,
};
pub use environment::{
    Endpoint, EndpointError, Endpoints, Environment, EnvironmentKind, Production, Test,
};
pub use error::{DirectLinkError, RequestError};
pub use fallback::{MAX_QUERIES, QueryPolicy};
pub use feedback::{Feedback, FeedbackError, FeedbackVerifier, Malformed, PAYONE_SHA_OUT};
pub use ncerror::NcError;
pub use outcome::{OrderOutcome, Outcome, Rejection};
pub use privacy::{Notice, NoticeCode, PrivacyPolicy, PrivacyStatus};
pub use response::NcResponse;
pub use sign::{
    SHA_OUT_PARAMETERS, SHASIGN, ShaAlgorithm, ShaList, ShaOutError, ShaPassphrase,
    UnknownShaAlgorithm, sha_sign, signed_names, verify_sha_in, verify_sha_out,
};
pub use status::Status;
