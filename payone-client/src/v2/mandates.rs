//! SEPA Direct Debit mandates (`CreateMandate`, `GetMandate`, `BlockMandate`,
//! `UnblockMandate`, `RevokeMandate`): typed methods of the async [`V2Client`] and of the
//! [`blocking`](super::blocking) one. A CreateMandate request is checked against
//! `spec/v2/mandates.toml` before anything is sent, the IBAN's check digits included.

use payone_types::generated::v2::{
    BlockMandate, CreateMandate, CreateMandateRequest, CreateMandateResponse, GetMandate,
    GetMandateResponse, RevokeMandate, UnblockMandate, UniqueMandateReference,
};
use payone_types::json::NoBody;

use super::client::V2Client;
use super::environment::EnvironmentKind;
use super::error::V2Error;
use super::wire::PathParams;

impl<E: EnvironmentKind> V2Client<E> {
    /// Creates a mandate for the customer's bank account (`CreateMandate`). A signature type
    /// that needs the customer (`SMS`, `AIS`) answers `merchantAction` with the page to send
    /// them to.
    pub async fn create_mandate(
        &self,
        request: &CreateMandateRequest,
    ) -> Result<CreateMandateResponse, V2Error> {
        self.call::<CreateMandate>(PathParams::NONE, request).await
    }

    /// A mandate by its reference (`GetMandate`).
    pub async fn get_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.call::<GetMandate>(PathParams::mandate(reference.as_str()), &NoBody)
            .await
    }

    /// Blocks a mandate: no payment may use it until it is unblocked (`BlockMandate`).
    pub async fn block_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.call::<BlockMandate>(PathParams::mandate(reference.as_str()), &NoBody)
            .await
    }

    /// Unblocks a blocked mandate (`UnblockMandate`); a revoked one stays revoked.
    pub async fn unblock_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.call::<UnblockMandate>(PathParams::mandate(reference.as_str()), &NoBody)
            .await
    }

    /// Revokes a mandate for good (`RevokeMandate`).
    pub async fn revoke_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.call::<RevokeMandate>(PathParams::mandate(reference.as_str()), &NoBody)
            .await
    }
}

#[cfg(feature = "blocking")]
impl<E: EnvironmentKind> super::blocking::V2Client<E> {
    /// See the async [`create_mandate`](V2Client::create_mandate).
    pub fn create_mandate(
        &self,
        request: &CreateMandateRequest,
    ) -> Result<CreateMandateResponse, V2Error> {
        self.block_on(self.as_async().create_mandate(request))
    }

    /// See the async [`get_mandate`](V2Client::get_mandate).
    pub fn get_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.block_on(self.as_async().get_mandate(reference))
    }

    /// See the async [`block_mandate`](V2Client::block_mandate).
    pub fn block_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.block_on(self.as_async().block_mandate(reference))
    }

    /// See the async [`unblock_mandate`](V2Client::unblock_mandate).
    pub fn unblock_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.block_on(self.as_async().unblock_mandate(reference))
    }

    /// See the async [`revoke_mandate`](V2Client::revoke_mandate).
    pub fn revoke_mandate(
        &self,
        reference: &UniqueMandateReference,
    ) -> Result<GetMandateResponse, V2Error> {
        self.block_on(self.as_async().revoke_mandate(reference))
    }
}
