//! DirectLink on `/ncol/test/*.asp`: new orders, maintenance, status queries and the
//! privacy policy, with the 3-D Secure pages an `HTML_ANSWER` leads to. The contract is the
//! crate documentation's DirectLink section.

pub(crate) mod maintenance;
pub(crate) mod order;
pub(crate) mod privacy;
pub(crate) mod query;
pub(crate) mod request;
pub(crate) mod store;
pub(crate) mod threeds;
pub(crate) mod xml;

use axum::response::{IntoResponse, Response};

/// The card number that asks for 3-D Secure when an order carries `FLAG3D=Y`.
pub const CARD_3DS: &str = "4000000000000002";
/// `AMOUNT` (cents) that makes the acquirer refuse a new order (STATUS 2).
pub const AMOUNT_REFUSED: u64 = 9902;
/// `AMOUNT` (cents) that leaves a new order waiting for the acquirer (STATUS 51).
pub const AMOUNT_WAITING: u64 = 9904;

/// A DirectLink answer: `text/xml`, UTF-8.
fn xml_answer(xml: String) -> Response {
    ([("content-type", "text/xml; charset=utf-8")], xml).into_response()
}
