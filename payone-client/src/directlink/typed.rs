//! Sending the generated DirectLink request types (`payone_types::generated::directlink`):
//! the tables check every parameter before anything is sent, then the untyped transport adds
//! the credentials and SHASIGN and keeps its exactly-once guarantees.

use std::borrow::Cow;

use payone_types::generated::directlink::{
    Maintenancedirect, Orderdirect, PrivacyPolicy, Querydirect,
};
use payone_types::{AccountParams, Charset, Request};

use super::DirectLinkClient;
use super::config::DirectLinkConfig;
use super::environment::Endpoint;
use super::environment::EnvironmentKind;
use super::error::{DirectLinkError, RequestError};
use super::outcome::{OrderOutcome, Outcome};
use super::privacy::PrivacyPolicy as PrivacyAnswer;

/// The account rows of the DirectLink tables, supplied by the configuration.
const CREDENTIALS: [&str; 3] = ["PSPID", "USERID", "PSWD"];

impl<E: EnvironmentKind> AccountParams for DirectLinkConfig<E> {
    fn param(&self, name: &str) -> Option<Cow<'static, str>> {
        match name {
            "PSPID" => Some(Cow::Owned(self.pspid.clone())),
            "USERID" => Some(Cow::Owned(self.userid.clone())),
            "PSWD" => Some(Cow::Owned(self.pswd.expose().to_owned())),
            _ => None,
        }
    }

    fn encoding(&self) -> Charset {
        Charset::Utf8
    }
}

/// The request's own parameters after the tables accepted the whole request; the credentials
/// are left to the transport, which adds them with the signature.
fn checked_params<R: Request, E: EnvironmentKind>(
    request: &R,
    config: &DirectLinkConfig<E>,
) -> Result<Vec<(String, String)>, DirectLinkError> {
    let params = request
        .to_params(config)
        .map_err(|violations| DirectLinkError::Request(RequestError::Violations(violations)))?;
    Ok(params
        .iter()
        .filter(|p| !CREDENTIALS.contains(&p.name.as_ref()))
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .collect())
}

impl<E: EnvironmentKind> DirectLinkClient<E> {
    /// Sends a typed new order, exactly once (see [`order`](Self::order) for the timeout
    /// fallback). A request that breaks the tables is refused with every violation; nothing
    /// is sent.
    pub async fn send_order(&self, request: &Orderdirect) -> Result<OrderOutcome, DirectLinkError> {
        let params = checked_params(request, self.config())?;
        self.order(&params).await
    }

    /// Sends a typed maintenance request, exactly once.
    pub async fn send_maintenance(
        &self,
        request: &Maintenancedirect,
    ) -> Result<Outcome, DirectLinkError> {
        let params = checked_params(request, self.config())?;
        self.maintenance(&params).await
    }

    /// Sends a typed direct query (DirectLink guide, section 6.1.2), limited by the query policy's
    /// timeout, and classifies the answer as [`query`](Self::query) does. The tables check the
    /// request first, with their rule that ORDERID or PAYID names the order
    /// (`generated::directlink::rules::QUERY_ORDERID_OR_PAYID`). Nothing is sent when a check
    /// fails.
    pub async fn send_query(&self, request: &Querydirect) -> Result<Outcome, DirectLinkError> {
        let params = checked_params(request, self.config())?;
        let response = self.query_params(&params).await?;
        Outcome::from_response(response).map_err(|source| DirectLinkError::Answer {
            endpoint: Endpoint::Query,
            source,
        })
    }

    /// Sends a typed privacy-policy request.
    pub async fn send_privacy_policy(
        &self,
        request: &PrivacyPolicy,
    ) -> Result<PrivacyAnswer, DirectLinkError> {
        let params = checked_params(request, self.config())?;
        self.privacy_policy(&params).await
    }
}
