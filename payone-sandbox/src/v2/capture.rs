//! `POST /v2/{merchantId}/payments/{paymentId}/capture` (CapturePayment): one capture of all or
//! part of the authorised amount.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::CaptureResponse;

use super::details::unknown_payment;
use super::errors::{Kind, V2Error};
use super::store::Status;
use super::{Signed, wire};
use crate::app::App;

/// The handler.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    app.v2.answer(capture(&app, &payment_id, &signed.body))
}

fn capture(
    app: &App,
    payment_id: &str,
    body: &[u8],
) -> Result<(StatusCode, CaptureResponse), V2Error> {
    let input = wire::capture_input(body)?;
    // Checked and changed under one lock: two captures cannot both pass.
    let mut store = app.v2.store();
    let payment = store.get_mut(payment_id).ok_or_else(unknown_payment)?;
    if payment.status != Status::PendingCapture {
        return Err(wrong_status(payment.status, "captured"));
    }
    let amount = input.amount.unwrap_or(payment.amount);
    if amount == 0 || amount > payment.amount {
        return Err(V2Error::member(
            "amount",
            "must be between 1 and the authorised amount",
        ));
    }
    payment.captured = amount;
    payment.status = Status::Captured;
    let id = payment.next_operation_id();
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    let answer = wire::capture_response(payment, &id, amount)?;
    app.v2
        .lists()
        .record_capture(payment.number, answer.clone());
    Ok((StatusCode::OK, answer))
}

/// 409: the payment's status does not allow what was asked.
pub(crate) fn wrong_status(status: Status, action: &str) -> V2Error {
    V2Error::new(
        Kind::WrongStatus,
        format!("a payment in status {} cannot be {action}", status.name()),
    )
}
