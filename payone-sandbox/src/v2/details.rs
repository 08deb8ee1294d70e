//! `GET /v2/{merchantId}/payments/{paymentId}/details` (GetPaymentDetails).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::errors::{Kind, V2Error};
use super::{Signed, wire};
use crate::app::App;

/// The handler: the payment as it is now.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let mut store = app.v2.store();
    let result = match store.get_mut(&payment_id) {
        Some(payment) => wire::details(payment).map(|details| (StatusCode::OK, details)),
        None => Err(unknown_payment()),
    };
    drop(store);
    app.v2.answer(result)
}

/// 404: no payment has that id.
pub(crate) fn unknown_payment() -> V2Error {
    V2Error::new(Kind::UnknownPayment, "no payment with this id")
}
