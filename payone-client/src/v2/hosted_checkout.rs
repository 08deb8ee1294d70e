//! Hosted checkout: the platform's payment page (`CreateHostedCheckout`, `GetHostedCheckout`),
//! the live-environment rule for its `returnUrl`, and the check of the customer's return.
//!
//! The customer comes back to `hostedCheckoutSpecificInput.returnUrl` with `hostedCheckoutId`
//! and `RETURNMAC` appended to its query (the platform's .NET SDK,
//! `OnlinePayments.Sdk/Domain/CreateHostedCheckoutResponse.cs`). The query comes from the
//! browser: [`hosted_checkout_return`] accepts it only when both values are the ones the
//! checkout was opened with, and only [`V2Client::get_hosted_checkout`] says what happened.

use payone_types::generated::v2::{
    CreateHostedCheckout, CreateHostedCheckoutRequest, CreateHostedCheckoutResponse,
    GetHostedCheckout, GetHostedCheckoutResponse, HostedCheckoutId,
};
use payone_types::json::{NoBody, Operation};
use subtle::ConstantTimeEq;

use super::client::V2Client;
use super::environment::{Environment, EnvironmentKind};
use super::error::{RequestError, V2Error};
use super::wire::PathParams;

/// The members that name a page the customer's browser is sent to, by operation: in the live
/// environment they must be `https` URLs.
const LIVE_HTTPS_MEMBERS: [(&str, &[&str]); 1] = [(
    CreateHostedCheckout::NAME,
    &["hostedCheckoutSpecificInput", "returnUrl"],
)];

/// Refuses, in the live environment, a return URL of `Op`'s body that is not `https`: the
/// customer's browser would carry the `RETURNMAC` over an unencrypted connection.
pub(crate) fn check_live_urls<E: EnvironmentKind, Op: Operation>(
    body: &serde_json::Value,
) -> Result<(), RequestError> {
    if E::ENVIRONMENT != Environment::Live {
        return Ok(());
    }
    for (_, path) in LIVE_HTTPS_MEMBERS.iter().filter(|(op, _)| *op == Op::NAME) {
        let value = path
            .iter()
            .try_fold(body, |value, member| value.get(member));
        let Some(url) = value.and_then(serde_json::Value::as_str) else {
            continue;
        };
        let https = reqwest::Url::parse(url).is_ok_and(|u| u.scheme() == "https");
        if !https {
            return Err(RequestError::NotHttps(path.join(".")));
        }
    }
    Ok(())
}

impl<E: EnvironmentKind> V2Client<E> {
    /// Opens a hosted checkout (`CreateHostedCheckout`): send the customer's browser to the
    /// answer's `redirectUrl`, and keep the answer to check the return with
    /// [`hosted_checkout_return`].
    ///
    /// In the live environment a `hostedCheckoutSpecificInput.returnUrl` that is not `https` is
    /// refused before sending ([`RequestError::NotHttps`]).
    pub async fn create_hosted_checkout(
        &self,
        request: &CreateHostedCheckoutRequest,
    ) -> Result<CreateHostedCheckoutResponse, V2Error> {
        self.call::<CreateHostedCheckout>(PathParams::NONE, request)
            .await
    }

    /// The state of a hosted checkout (`GetHostedCheckout`) and the payment it created.
    pub async fn get_hosted_checkout(
        &self,
        hosted_checkout_id: &HostedCheckoutId,
    ) -> Result<GetHostedCheckoutResponse, V2Error> {
        self.call::<GetHostedCheckout>(
            PathParams::hosted_checkout(hosted_checkout_id.as_str()),
            &NoBody,
        )
        .await
    }
}

#[cfg(feature = "blocking")]
impl<E: EnvironmentKind> super::blocking::V2Client<E> {
    /// Opens a hosted checkout; see the async
    /// [`create_hosted_checkout`](V2Client::create_hosted_checkout).
    pub fn create_hosted_checkout(
        &self,
        request: &CreateHostedCheckoutRequest,
    ) -> Result<CreateHostedCheckoutResponse, V2Error> {
        self.call::<CreateHostedCheckout>(PathParams::NONE, request)
    }

    /// The state of a hosted checkout; see the async
    /// [`get_hosted_checkout`](V2Client::get_hosted_checkout).
    pub fn get_hosted_checkout(
        &self,
        hosted_checkout_id: &HostedCheckoutId,
    ) -> Result<GetHostedCheckoutResponse, V2Error> {
        self.call::<GetHostedCheckout>(
            PathParams::hosted_checkout(hosted_checkout_id.as_str()),
            &NoBody,
        )
    }
}

/// Why the customer's return from a hosted checkout was not accepted. Never shows the
/// `RETURNMAC`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HostedCheckoutReturnError {
    /// The query lacks this member (`hostedCheckoutId` or `RETURNMAC`).
    #[error("the returnUrl query has no {0}")]
    Missing(&'static str),
    /// The query has this member more than once.
    #[error("the returnUrl query has more than one {0}")]
    Duplicate(&'static str),
    /// The checkout's answer lacks this member, so the return cannot be checked.
    #[error("the CreateHostedCheckout answer has no {0} to compare with")]
    NotOpened(&'static str),
    /// `hostedCheckoutId` names another checkout.
    #[error("the returnUrl query names another hosted checkout")]
    OtherCheckout,
    /// `RETURNMAC` is not the one of the checkout.
    #[error("the returnUrl query's RETURNMAC is not the one of this hosted checkout")]
    WrongMac,
}

/// Checks the query (without `?`, or a whole URL) the customer's browser brought back to the
/// returnUrl against the answer of the `CreateHostedCheckout` that opened the checkout, and
/// answers the checkout's id to read with [`V2Client::get_hosted_checkout`].
///
/// ```
/// use payone_client::v2::{HostedCheckoutReturnError, hosted_checkout_return};
/// use payone_types::generated::v2::*;
///
/// let opened = CreateHostedCheckoutResponse::new()
///     .with_hosted_checkout_id(HostedCheckoutId::new("hc-1"))
///     .with_returnmac(ReturnMac::new("mac-1"));
/// let id = hosted_checkout_return("https://shop.example/back?hostedCheckoutId=hc-1&RETURNMAC=mac-1", &opened)?;
/// assert_eq!(id.as_str(), "hc-1");
/// assert_eq!(
///     hosted_checkout_return("hostedCheckoutId=hc-1&RETURNMAC=forged", &opened),
///     Err(HostedCheckoutReturnError::WrongMac)
/// );
/// # Ok::<(), HostedCheckoutReturnError>(())
/// ```
pub fn hosted_checkout_return(
    query: &str,
    opened: &CreateHostedCheckoutResponse,
) -> Result<HostedCheckoutId, HostedCheckoutReturnError> {
    let query = match reqwest::Url::parse(query) {
        Ok(url) => url.query().unwrap_or("").to_owned(),
        Err(_) => query.trim_start_matches('?').to_owned(),
    };
    let one = |name: &'static str| {
        let mut values = form_urlencoded::parse(query.as_bytes())
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned());
        let value = values
            .next()
            .ok_or(HostedCheckoutReturnError::Missing(name))?;
        match values.next() {
            Some(_) => Err(HostedCheckoutReturnError::Duplicate(name)),
            None => Ok(value),
        }
    };
    let id = one("hostedCheckoutId")?;
    let mac = one("RETURNMAC")?;
    let opened_id = opened
        .hosted_checkout_id()
        .ok_or(HostedCheckoutReturnError::NotOpened("hostedCheckoutId"))?;
    let opened_mac = opened
        .returnmac()
        .ok_or(HostedCheckoutReturnError::NotOpened("RETURNMAC"))?;
    if id != opened_id.as_str() {
        return Err(HostedCheckoutReturnError::OtherCheckout);
    }
    // Constant time: where a guessed MAC differs must not show in the time taken.
    if !bool::from(mac.as_bytes().ct_eq(opened_mac.as_str().as_bytes())) {
        return Err(HostedCheckoutReturnError::WrongMac);
    }
    Ok(opened_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::generated::v2::{
        Amount, AmountOfMoney, CurrencyCode, HostedCheckoutReturnUrl, HostedCheckoutSpecificInput,
        Order, ReturnMac,
    };
    use payone_types::json::JsonObject;

    use super::super::environment::{Live, Test};

    fn request(url: &str) -> serde_json::Value {
        CreateHostedCheckoutRequest::new(Order::new(AmountOfMoney::new(
            Amount::new(100),
            CurrencyCode::new("EUR"),
        )))
        .with_hosted_checkout_specific_input(
            HostedCheckoutSpecificInput::new()
                .with_return_url(HostedCheckoutReturnUrl::try_new(url.to_owned()).unwrap()),
        )
        .to_json_value()
    }

    #[test]
    fn live_return_urls_must_be_https() {
        let http = request("http://shop.example/back");
        assert_eq!(
            check_live_urls::<Live, CreateHostedCheckout>(&http),
            Err(RequestError::NotHttps(
                "hostedCheckoutSpecificInput.returnUrl".into()
            ))
        );
        assert!(check_live_urls::<Test, CreateHostedCheckout>(&http).is_ok());
        let https = request("https://shop.example/back");
        assert!(check_live_urls::<Live, CreateHostedCheckout>(&https).is_ok());
        let nonsense = request("shop.example/back");
        assert!(check_live_urls::<Live, CreateHostedCheckout>(&nonsense).is_err());
    }

    #[test]
    fn the_return_must_name_the_opened_checkout_and_its_mac() {
        let opened = CreateHostedCheckoutResponse::new()
            .with_hosted_checkout_id(HostedCheckoutId::new("hc-1"))
            .with_returnmac(ReturnMac::new("secret-mac"));
        let check = |q: &str| hosted_checkout_return(q, &opened);
        assert!(check("?hostedCheckoutId=hc-1&RETURNMAC=secret-mac").is_ok());
        assert_eq!(
            check("hostedCheckoutId=hc-2&RETURNMAC=secret-mac"),
            Err(HostedCheckoutReturnError::OtherCheckout)
        );
        assert_eq!(
            check("hostedCheckoutId=hc-1"),
            Err(HostedCheckoutReturnError::Missing("RETURNMAC"))
        );
        assert_eq!(
            check("hostedCheckoutId=hc-1&RETURNMAC=secret-mac&RETURNMAC=secret-mac"),
            Err(HostedCheckoutReturnError::Duplicate("RETURNMAC"))
        );
        let error = check("hostedCheckoutId=hc-1&RETURNMAC=secret-maC").unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
        assert_eq!(
            hosted_checkout_return(
                "hostedCheckoutId=hc-1&RETURNMAC=x",
                &CreateHostedCheckoutResponse::new()
            ),
            Err(HostedCheckoutReturnError::NotOpened("hostedCheckoutId"))
        );
    }
}
