//! `GET /v2/{merchantId}/payments/{paymentId}/captures` (GetCaptures) and `.../refunds`
//! (GetRefunds): every capture and refund made on a payment, each as CapturePayment or
//! RefundPayment answered it, oldest first. The answers are kept per payment for at most `cap`
//! payments, the oldest payment's forgotten first (as the payments themselves).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::{
    CaptureResponse, CapturesResponse, RefundResponse, RefundsResponse,
};

use super::Signed;
use super::details::unknown_payment;
use crate::app::App;

/// The captures and refunds of one payment.
#[derive(Debug, Default)]
struct Made {
    captures: Vec<CaptureResponse>,
    refunds: Vec<RefundResponse>,
}

/// The captures and refunds made, by payment number.
#[derive(Debug)]
pub(crate) struct Lists {
    cap: usize,
    payments: BTreeMap<u64, Made>,
}

impl Lists {
    /// Nothing yet; the operations of at most `cap` (at least 1) payments will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Lists {
            cap: cap.max(1),
            payments: BTreeMap::new(),
        }
    }

    fn made(&mut self, payment: u64) -> &mut Made {
        if !self.payments.contains_key(&payment) {
            while self.payments.len() >= self.cap {
                self.payments.pop_first();
            }
        }
        self.payments.entry(payment).or_default()
    }

    /// Records the answer of a capture of payment `payment` (its number).
    pub(crate) fn record_capture(&mut self, payment: u64, answer: CaptureResponse) {
        self.made(payment).captures.push(answer);
    }

    /// Records the answer of a refund of payment `payment` (its number).
    pub(crate) fn record_refund(&mut self, payment: u64, answer: RefundResponse) {
        self.made(payment).refunds.push(answer);
    }
}

/// `GET .../payments/{paymentId}/captures`.
pub(crate) async fn captures(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    // The store's lock first, as CapturePayment takes them.
    let mut store = app.v2.store();
    let result = match store.get_mut(&payment_id) {
        Some(payment) => {
            let made = app
                .v2
                .lists()
                .payments
                .get(&payment.number)
                .map(|m| m.captures.clone());
            Ok((
                StatusCode::OK,
                CapturesResponse::new().with_captures(made.unwrap_or_default()),
            ))
        }
        None => Err(unknown_payment()),
    };
    drop(store);
    app.v2.answer(result)
}

/// `GET .../payments/{paymentId}/refunds`.
pub(crate) async fn refunds(
    State(app): State<Arc<App>>,
    Path((_, payment_id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let mut store = app.v2.store();
    let result = match store.get_mut(&payment_id) {
        Some(payment) => {
            let made = app
                .v2
                .lists()
                .payments
                .get(&payment.number)
                .map(|m| m.refunds.clone());
            Ok((
                StatusCode::OK,
                RefundsResponse::new().with_refunds(made.unwrap_or_default()),
            ))
        }
        None => Err(unknown_payment()),
    };
    drop(store);
    app.v2.answer(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::generated::v2::PaymentId;

    #[test]
    fn the_oldest_payments_operations_are_forgotten_first() {
        let mut lists = Lists::new(2);
        let refund = |id: &str| RefundResponse::new(PaymentId::try_new(id.to_owned()).unwrap());
        lists.record_refund(1, refund("1_1"));
        lists.record_refund(1, refund("1_2"));
        lists.record_refund(2, refund("2_1"));
        assert_eq!(lists.payments[&1].refunds.len(), 2);
        lists.record_refund(3, refund("3_1"));
        assert!(!lists.payments.contains_key(&1));
        assert_eq!(lists.payments.len(), 2);
    }
}
