//! Which generated request types each transport accepts, checked by the compiler: a Frontend
//! request handed to [`Client::send`](crate::Client::send) does not compile.
//!
//! ```compile_fail,E0277
//! # async fn f(client: payone_client::Client, r: payone_types::generated::frontend::Authorization) {
//! // error: `Authorization` is not a request of the PAYONE Server API
//! client.send(&r).await;
//! # }
//! ```

#[cfg(feature = "client-api")]
use payone_types::generated::client;
#[cfg(feature = "frontend")]
use payone_types::generated::frontend;
#[cfg(feature = "server")]
use payone_types::generated::server;
use payone_types::{Api, Request};

mod sealed {
    /// Only the generated request types implement the marker traits.
    pub trait Sealed {}
}

/// A request of the PAYONE Server API: sent with [`Client::send`](crate::Client::send).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request of the PAYONE Server API",
    label = "not a Server API request",
    note = "`send` takes the types of `payone_types::generated::server`; Frontend requests go through `frontend_url` or `frontend_form`"
)]
pub trait ServerRequest: Request + sealed::Sealed {}

/// A request of the PAYONE Frontend: signed into a URL or an HTML form for the customer's
/// browser.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request of the PAYONE Frontend",
    label = "not a Frontend request",
    note = "`frontend_url` and `frontend_form` take the types of `payone_types::generated::frontend`"
)]
pub trait FrontendRequest: Request + sealed::Sealed {}

/// A request of the PAYONE Client API, whose table the browser-facing parameter sets of
/// [`crate::client_api`] are checked against.
pub trait ClientApiRequest: Request + sealed::Sealed {}

macro_rules! mark {
    ($trait:ident, $api:ident, $list:ident: $($ty:ty),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl $trait for $ty {}
            // A type listed under the wrong platform fails to compile.
            const _: () = assert!(matches!(<$ty as Request>::API, Api::$api));
        )*
        /// The `request` names of the types that implement this marker, to check that no
        /// generated type is left out.
        #[cfg(test)]
        pub(crate) const $list: &[&str] = &[$(<$ty as Request>::NAME),*];
    };
}

#[cfg(feature = "server")]
mark!(ServerRequest, Server, SERVER: server::Threedscheck, server::Addresscheck, server::Authorization, server::Capture, server::Consumerscore, server::Createaccess, server::Debit, server::Genericpayment, server::Getfile, server::Getinvoice, server::Getuser, server::Managemandate, server::Preauthorization, server::Refund, server::Updateaccess, server::Updatereminder, server::Updateuser, server::Vauthorization);
#[cfg(feature = "frontend")]
mark!(FrontendRequest, Frontend, FRONTEND: frontend::Preauthorization,
    frontend::Authorization, frontend::Createaccess);
#[cfg(feature = "client-api")]
mark!(ClientApiRequest, Client, CLIENT: client::Creditcardcheck, client::Bankaccountcheck);

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::generated::REQUESTS;

    #[test]
    fn every_generated_request_type_has_its_marker() {
        for (api, marked) in [
            (Api::Server, SERVER),
            (Api::Frontend, FRONTEND),
            (Api::Client, CLIENT),
        ] {
            let generated: Vec<&str> = REQUESTS
                .iter()
                .filter(|r| r.api == api)
                .map(|r| r.name)
                .collect();
            assert_eq!(
                generated, marked,
                "a generated {api:?} request type lacks its marker impl in api.rs"
            );
        }
    }
}
