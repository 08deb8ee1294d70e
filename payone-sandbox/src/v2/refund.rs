//! `POST /v2/{merchantId}/payments/{paymentId}/refund` (RefundPayment): gives back all or part
//! of what was captured, in as many refunds as wanted.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::RefundResponse;

use super::capture::wrong_status;
use super::details::unknown_payment;
use super::errors::V2Error;
use super::store::Status;
use super::{Signed, wire};
use crate::app::App;

/// The handler.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    app.v2.answer(refund(&app, &payment_id, &signed.body))
}

fn refund(
    app: &App,
    payment_id: &str,
    body: &[u8],
) -> Result<(StatusCode, RefundResponse), V2Error> {
    let input = wire::refund_input(body)?;
    let mut store = app.v2.store();
    let payment = store.get_mut(payment_id).ok_or_else(unknown_payment)?;
    if !payment.is_refundable() {
        return Err(wrong_status(payment.status, "refunded"));
    }
    if input.currency != payment.currency {
        return Err(V2Error::member(
            "amountOfMoney.currencyCode",
            "must be the payment's currency",
        ));
    }
    if input.amount == 0 || input.amount > payment.refundable() {
        return Err(V2Error::member(
            "amountOfMoney.amount",
            "must be between 1 and the captured amount not yet refunded",
        ));
    }
    payment.refunded += input.amount;
    payment.status = Status::Refunded;
    let id = payment.next_operation_id();
    let answer = wire::refund_response(payment, &id, input.amount)?;
    app.v2.lists().record_refund(payment.number, answer.clone());
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, Some(answer.clone()));
    Ok((StatusCode::CREATED, answer))
}
