//! The operations on an existing payment besides capture, cancel and refund: `GetPayment`,
//! `CompletePayment` and `SubsequentPayment` (a merchant-initiated payment with the card an
//! earlier payment stored).

use payone_types::generated::v2::{
    CompletePayment, CompletePaymentRequest, CompletePaymentResponse, GetPayment, PaymentId,
    PaymentResponse, SubsequentPayment, SubsequentPaymentRequest, SubsequentPaymentResponse,
};
use payone_types::json::NoBody;

use super::client::V2Client;
use super::environment::EnvironmentKind;
use super::error::V2Error;
use super::wire::PathParams;

impl<E: EnvironmentKind> V2Client<E> {
    /// A payment with its status and output (`GetPayment`).
    pub async fn get_payment(&self, payment_id: &PaymentId) -> Result<PaymentResponse, V2Error> {
        self.call::<GetPayment>(PathParams::payment(payment_id.as_str()), &NoBody)
            .await
    }

    /// Completes a payment that waits for the merchant to complete it (`CompletePayment`).
    /// Never retried, like every call that can move money.
    pub async fn complete_payment(
        &self,
        payment_id: &PaymentId,
        request: &CompletePaymentRequest,
    ) -> Result<CompletePaymentResponse, V2Error> {
        self.call::<CompletePayment>(PathParams::payment(payment_id.as_str()), request)
            .await
    }

    /// A merchant-initiated payment with the card the payment `payment_id` stored
    /// (`SubsequentPayment`, credentials on file). A decline is
    /// [`V2Error::Declined`](super::V2Error) with the new payment in its answer. Never retried:
    /// a lost answer may still have charged the customer.
    pub async fn subsequent_payment(
        &self,
        payment_id: &PaymentId,
        request: &SubsequentPaymentRequest,
    ) -> Result<SubsequentPaymentResponse, V2Error> {
        self.call::<SubsequentPayment>(PathParams::payment(payment_id.as_str()), request)
            .await
    }
}

#[cfg(feature = "blocking")]
impl<E: EnvironmentKind> super::blocking::V2Client<E> {
    /// A payment; see the async [`get_payment`](V2Client::get_payment).
    pub fn get_payment(&self, payment_id: &PaymentId) -> Result<PaymentResponse, V2Error> {
        self.call::<GetPayment>(PathParams::payment(payment_id.as_str()), &NoBody)
    }

    /// Completes a payment; see the async [`complete_payment`](V2Client::complete_payment).
    pub fn complete_payment(
        &self,
        payment_id: &PaymentId,
        request: &CompletePaymentRequest,
    ) -> Result<CompletePaymentResponse, V2Error> {
        self.call::<CompletePayment>(PathParams::payment(payment_id.as_str()), request)
    }

    /// A merchant-initiated payment; see the async
    /// [`subsequent_payment`](V2Client::subsequent_payment).
    pub fn subsequent_payment(
        &self,
        payment_id: &PaymentId,
        request: &SubsequentPaymentRequest,
    ) -> Result<SubsequentPaymentResponse, V2Error> {
        self.call::<SubsequentPayment>(PathParams::payment(payment_id.as_str()), request)
    }
}
