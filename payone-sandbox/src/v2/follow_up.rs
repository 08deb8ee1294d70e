//! `GET /v2/{merchantId}/payments/{paymentId}` (GetPayment),
//! `POST .../payments/{paymentId}/subsequent` (SubsequentPayment: a merchant-initiated payment
//! with the card an earlier payment stored) and `POST .../payments/{paymentId}/complete`
//! (CompletePayment, which no sandbox payment ever waits for).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::{
    CompletePaymentRequest, CompletePaymentResponse, CreatePaymentResponse,
    SubsequentPaymentRequest, SubsequentPaymentResponse,
};

use super::capture::wrong_status;
use super::details::unknown_payment;
use super::errors::{Kind, V2Error};
use super::store::{Payment, Status};
use super::{AMOUNT_DECLINED, Signed, wire};
use crate::app::App;

/// `GET /v2/{merchantId}/payments/{paymentId}`: the payment as it is now.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let mut store = app.v2.store();
    let result = match store.get_mut(&payment_id) {
        Some(payment) => wire::payment(payment).map(|answer| (StatusCode::OK, answer)),
        None => Err(unknown_payment()),
    };
    drop(store);
    app.v2.answer(result)
}

/// `POST .../payments/{paymentId}/subsequent`.
pub(crate) async fn subsequent(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    app.v2
        .answer(subsequent_payment(&app, &payment_id, &signed.body))
}

/// The statuses of a payment whose card was authorised: the card on file may be used again.
fn was_authorised(status: Status) -> bool {
    matches!(
        status,
        Status::PendingCapture | Status::Captured | Status::Refunded | Status::Cancelled
    )
}

fn subsequent_payment(
    app: &App,
    payment_id: &str,
    body: &[u8],
) -> Result<(StatusCode, SubsequentPaymentResponse), V2Error> {
    let request: SubsequentPaymentRequest = wire::read(body)?;
    let money = request.order().amount_of_money();
    let mut store = app.v2.store();
    let first = store.get_mut(payment_id).ok_or_else(unknown_payment)?;
    if !was_authorised(first.status) {
        return Err(wrong_status(
            first.status,
            "the first of subsequent payments",
        ));
    }
    if !first.stored_card {
        return Err(V2Error::new(
            Kind::WrongStatus,
            "the payment's card is not stored: pay the first payment with a token, a \
             hostedTokenizationId or a recurring hosted checkout",
        ));
    }
    let amount = money.amount().get();
    let payment = Payment {
        number: 0,
        status: if amount == AMOUNT_DECLINED {
            Status::Rejected
        } else {
            Status::PendingCapture
        },
        amount,
        currency: *money.currency_code(),
        merchant_reference: request
            .order()
            .references()
            .and_then(|r| r.merchant_reference())
            .cloned(),
        product_id: first.product_id,
        card: first.card.clone(),
        three_ds: None,
        return_url: None,
        captured: 0,
        refunded: 0,
        ops: 0,
        stored_card: true,
    };
    let payment = store.insert(payment);
    app.v2
        .webhooks
        .send(payment.status.event_type(), payment, None);
    if payment.status == Status::Rejected {
        let mut declined = V2Error::new(Kind::Declined, "the acquirer declined the payment");
        declined.payment_result = Some(Box::new(
            CreatePaymentResponse::new().with_payment(wire::payment(payment)?),
        ));
        return Err(declined);
    }
    let answer = SubsequentPaymentResponse::new().with_payment(wire::payment(payment)?);
    Ok((StatusCode::CREATED, answer))
}

/// `POST .../payments/{paymentId}/complete`: the body is checked, then the payment; no payment
/// of the sandbox waits for completion, so a known one is 409.
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    signed: Signed,
) -> Response {
    let result: Result<(StatusCode, CompletePaymentResponse), V2Error> = (|| {
        let _request: CompletePaymentRequest = wire::read(&signed.body)?;
        let mut store = app.v2.store();
        let payment = store.get_mut(&payment_id).ok_or_else(unknown_payment)?;
        Err(wrong_status(payment.status, "completed"))
    })();
    app.v2.answer(result)
}
