//! Payment links (`CreatePaymentLink`, `GetPaymentLink`, `CancelPaymentLink`): a page of the
//! platform where the customer pays an order, sent to them by the merchant. Typed methods of the
//! async [`V2Client`] and of the [`blocking`](super::blocking) one; a CreatePaymentLink request is
//! checked against `spec/v2/paymentlinks.toml` before anything is sent.

use payone_types::generated::v2::{
    CancelPaymentLink, CreatePaymentLink, CreatePaymentLinkRequest, GetPaymentLink, PaymentLinkId,
    PaymentLinkResponse,
};
use payone_types::json::NoBody;

use super::client::V2Client;
use super::environment::EnvironmentKind;
use super::error::V2Error;
use super::wire::PathParams;

impl<E: EnvironmentKind> V2Client<E> {
    /// Creates a payment link (`CreatePaymentLink`): send the customer to `redirectionUrl`.
    pub async fn create_payment_link(
        &self,
        request: &CreatePaymentLinkRequest,
    ) -> Result<PaymentLinkResponse, V2Error> {
        self.call::<CreatePaymentLink>(PathParams::NONE, request)
            .await
    }

    /// A payment link with its status and, once paid, its payment (`GetPaymentLink`).
    pub async fn get_payment_link(
        &self,
        payment_link_id: &PaymentLinkId,
    ) -> Result<PaymentLinkResponse, V2Error> {
        self.call::<GetPaymentLink>(PathParams::payment_link(payment_link_id.as_str()), &NoBody)
            .await
    }

    /// Cancels a payment link that has not been paid (`CancelPaymentLink`); the platform
    /// answers without a body.
    pub async fn cancel_payment_link(
        &self,
        payment_link_id: &PaymentLinkId,
    ) -> Result<(), V2Error> {
        self.call::<CancelPaymentLink>(PathParams::payment_link(payment_link_id.as_str()), &NoBody)
            .await
            .map(|NoBody| ())
    }
}

#[cfg(feature = "blocking")]
impl<E: EnvironmentKind> super::blocking::V2Client<E> {
    /// See the async [`create_payment_link`](V2Client::create_payment_link).
    pub fn create_payment_link(
        &self,
        request: &CreatePaymentLinkRequest,
    ) -> Result<PaymentLinkResponse, V2Error> {
        self.block_on(self.as_async().create_payment_link(request))
    }

    /// See the async [`get_payment_link`](V2Client::get_payment_link).
    pub fn get_payment_link(
        &self,
        payment_link_id: &PaymentLinkId,
    ) -> Result<PaymentLinkResponse, V2Error> {
        self.block_on(self.as_async().get_payment_link(payment_link_id))
    }

    /// See the async [`cancel_payment_link`](V2Client::cancel_payment_link).
    pub fn cancel_payment_link(&self, payment_link_id: &PaymentLinkId) -> Result<(), V2Error> {
        self.block_on(self.as_async().cancel_payment_link(payment_link_id))
    }
}
