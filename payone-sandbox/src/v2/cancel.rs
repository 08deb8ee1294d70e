//! `POST /v2/{merchantId}/payments/{paymentId}/cancel` (CancelPayment): releases the whole
//! authorisation of a payment waiting for capture.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::CancelPaymentResponse;

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
    app.v2.answer(cancel(&app, &payment_id, &signed.body))
}

fn cancel(
    app: &App,
    payment_id: &str,
    body: &[u8],
) -> Result<(StatusCode, CancelPaymentResponse), V2Error> {
    let input = wire::cancel_input(body)?;
    let mut store = app.v2.store();
    let payment = store.get_mut(payment_id).ok_or_else(unknown_payment)?;
    if !payment.is_cancellable() {
        return Err(wrong_status(payment.status, "cancelled"));
    }
    if let Some((amount, currency)) = &input.amount {
        if *currency != payment.currency {
            return Err(V2Error::member(
                "amountOfMoney.currencyCode",
                "must be the payment's currency",
            ));
        }
        // Partial cancellation is not emulated: only the whole authorisation can go.
        if *amount != payment.amount {
            return Err(V2Error::member(
                "amountOfMoney.amount",
                "must be the authorised amount (the sandbox cancels in full only)",
            ));
        }
    }
    payment.status = Status::Cancelled;
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    Ok((StatusCode::OK, wire::cancel_response(payment)?))
}
