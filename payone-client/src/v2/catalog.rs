//! The v2 operations around payments that are no payment themselves: the captures and refunds of
//! a payment listed, cards stored as tokens without a payment (`CreateToken`), the payment
//! products and their fields, client sessions for the platform's client SDKs, the connection test
//! and the card brand of a card number's first digits (`GetIINDetails`). Typed methods of the
//! async [`V2Client`] and of the [`blocking`](super::blocking) one; every call checks its request
//! (a `GET`'s query parameters too) against `spec/v2/` before anything is sent.

use payone_types::generated::v2::{
    CapturesResponse, CreateSession, CreateToken, CreateTokenRequest, CreatedTokenResponse,
    GetCaptures, GetIinDetails, GetIinDetailsRequest, GetIinDetailsResponse, GetPaymentProduct,
    GetPaymentProducts, GetPaymentProductsResponse, GetRefunds, PaymentId, PaymentProduct,
    PaymentProductId, PaymentProductsQuery, RefundsResponse, SessionRequest, SessionResponse,
    TestConnection, TestConnectionOperation,
};
use payone_types::json::NoBody;

use super::client::V2Client;
use super::environment::EnvironmentKind;
use super::error::V2Error;
use super::wire::PathParams;

impl<E: EnvironmentKind> V2Client<E> {
    /// The captures of a payment (`GetCaptures`).
    pub async fn get_captures(&self, payment_id: &PaymentId) -> Result<CapturesResponse, V2Error> {
        self.call::<GetCaptures>(PathParams::payment(payment_id.as_str()), &NoBody)
            .await
    }

    /// The refunds of a payment (`GetRefunds`).
    pub async fn get_refunds(&self, payment_id: &PaymentId) -> Result<RefundsResponse, V2Error> {
        self.call::<GetRefunds>(PathParams::payment(payment_id.as_str()), &NoBody)
            .await
    }

    /// Stores card data as a token without a payment (`CreateToken`). A card number that has a
    /// token already answers that token with `isNewToken` false.
    pub async fn create_token(
        &self,
        request: &CreateTokenRequest,
    ) -> Result<CreatedTokenResponse, V2Error> {
        self.call::<CreateToken>(PathParams::NONE, request).await
    }

    /// The payment products for a payment of the query's country, currency, amount and kind
    /// (`GetPaymentProducts`); the query is sent as the URL's query string.
    pub async fn get_payment_products(
        &self,
        query: &PaymentProductsQuery,
    ) -> Result<GetPaymentProductsResponse, V2Error> {
        self.call::<GetPaymentProducts>(PathParams::NONE, query)
            .await
    }

    /// One payment product with its fields (`GetPaymentProduct`).
    pub async fn get_payment_product(
        &self,
        payment_product_id: PaymentProductId,
        query: &PaymentProductsQuery,
    ) -> Result<PaymentProduct, V2Error> {
        let id = payment_product_id.get().to_string();
        self.call::<GetPaymentProduct>(PathParams::payment_product(&id), query)
            .await
    }

    /// Opens a session for the platform's client SDKs (`CreateSession`).
    pub async fn create_session(
        &self,
        request: &SessionRequest,
    ) -> Result<SessionResponse, V2Error> {
        self.call::<CreateSession>(PathParams::NONE, request).await
    }

    /// Checks that the platform can be reached and accepts this client's signature
    /// (`TestConnection`; `result` is `OK`).
    pub async fn test_connection(&self) -> Result<TestConnection, V2Error> {
        self.call::<TestConnectionOperation>(PathParams::NONE, &NoBody)
            .await
    }

    /// The payment product (card brand) of a card number's first digits (`GetIINDetails`).
    pub async fn get_iin_details(
        &self,
        request: &GetIinDetailsRequest,
    ) -> Result<GetIinDetailsResponse, V2Error> {
        self.call::<GetIinDetails>(PathParams::NONE, request).await
    }
}

#[cfg(feature = "blocking")]
impl<E: EnvironmentKind> super::blocking::V2Client<E> {
    /// See the async [`get_captures`](V2Client::get_captures).
    pub fn get_captures(&self, payment_id: &PaymentId) -> Result<CapturesResponse, V2Error> {
        self.block_on(self.as_async().get_captures(payment_id))
    }

    /// See the async [`get_refunds`](V2Client::get_refunds).
    pub fn get_refunds(&self, payment_id: &PaymentId) -> Result<RefundsResponse, V2Error> {
        self.block_on(self.as_async().get_refunds(payment_id))
    }

    /// See the async [`create_token`](V2Client::create_token).
    pub fn create_token(
        &self,
        request: &CreateTokenRequest,
    ) -> Result<CreatedTokenResponse, V2Error> {
        self.block_on(self.as_async().create_token(request))
    }

    /// See the async [`get_payment_products`](V2Client::get_payment_products).
    pub fn get_payment_products(
        &self,
        query: &PaymentProductsQuery,
    ) -> Result<GetPaymentProductsResponse, V2Error> {
        self.block_on(self.as_async().get_payment_products(query))
    }

    /// See the async [`get_payment_product`](V2Client::get_payment_product).
    pub fn get_payment_product(
        &self,
        payment_product_id: PaymentProductId,
        query: &PaymentProductsQuery,
    ) -> Result<PaymentProduct, V2Error> {
        self.block_on(
            self.as_async()
                .get_payment_product(payment_product_id, query),
        )
    }

    /// See the async [`create_session`](V2Client::create_session).
    pub fn create_session(&self, request: &SessionRequest) -> Result<SessionResponse, V2Error> {
        self.block_on(self.as_async().create_session(request))
    }

    /// See the async [`test_connection`](V2Client::test_connection).
    pub fn test_connection(&self) -> Result<TestConnection, V2Error> {
        self.block_on(self.as_async().test_connection())
    }

    /// See the async [`get_iin_details`](V2Client::get_iin_details).
    pub fn get_iin_details(
        &self,
        request: &GetIinDetailsRequest,
    ) -> Result<GetIinDetailsResponse, V2Error> {
        self.block_on(self.as_async().get_iin_details(request))
    }
}
