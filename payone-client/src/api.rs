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

#[cfg(feature = "server")]
use crate::answer::{
    AddressCheckAnswer, Answer, ConsumerScoreAnswer, FromAnswer, GenericPaymentAnswer,
    MandateAnswer, ThreedsCheckAnswer, UserAnswer,
};

mod sealed {
    /// Only the generated request types implement the marker traits.
    pub trait Sealed {}
}

/// A request of the PAYONE Server API answered with `name=value` lines: sent with
/// [`Client::send`](crate::Client::send), which reads any answer as an [`Answer`], or with
/// [`Client::send_typed`](crate::Client::send_typed), which reads it into the request's own
/// [`ServerRequest::Answer`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request of the PAYONE Server API answered with fields",
    label = "not a Server API request answered with fields",
    note = "`send` takes the types of `payone_types::generated::server` (getfile and getinvoice go through `fetch_document`); Frontend requests go through `frontend_url` or `frontend_form`"
)]
#[cfg(feature = "server")]
pub trait ServerRequest: Request + sealed::Sealed {
    /// The type [`Client::send_typed`](crate::Client::send_typed) reads this request's answer
    /// into: [`Answer`] itself for requests whose answers carry no more than a transaction.
    type Answer: FromAnswer;
}

/// A request of the PAYONE Server API answered with a file (getfile, getinvoice): sent with
/// [`Client::fetch_document`](crate::Client::fetch_document).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Server API request answered with a file",
    label = "not getfile or getinvoice",
    note = "`fetch_document` takes `payone_types::generated::server::Getfile` and `Getinvoice`; other requests go through `send`"
)]
#[cfg(feature = "server")]
pub trait DocumentRequest: Request + sealed::Sealed {}

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

/// Marks Server API request types with the type their answers are read into.
#[cfg(feature = "server")]
macro_rules! answered_with {
    ($list:ident: $($ty:ty => $answer:ty),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl ServerRequest for $ty {
                type Answer = $answer;
            }
            const _: () = assert!(matches!(<$ty as Request>::API, Api::Server));
        )*
        /// The `request` names of the types that implement [`ServerRequest`].
        #[cfg(test)]
        pub(crate) const $list: &[&str] = &[$(<$ty as Request>::NAME),*];
    };
}

#[cfg(feature = "server")]
answered_with!(SERVER:
    server::Threedscheck => ThreedsCheckAnswer,
    server::Addresscheck => AddressCheckAnswer,
    server::Authorization => Answer,
    server::Capture => Answer,
    server::Consumerscore => ConsumerScoreAnswer,
    server::Createaccess => Answer,
    server::Debit => Answer,
    server::Genericpayment => GenericPaymentAnswer,
    server::Getuser => UserAnswer,
    server::Managemandate => MandateAnswer,
    server::Preauthorization => Answer,
    server::Refund => Answer,
    server::Updateaccess => Answer,
    server::Updatereminder => Answer,
    server::Updateuser => Answer,
    server::Vauthorization => Answer,
);
#[cfg(feature = "server")]
mark!(DocumentRequest, Server, SERVER_DOCUMENTS: server::Getfile, server::Getinvoice);
#[cfg(feature = "frontend")]
mark!(FrontendRequest, Frontend, FRONTEND: frontend::Preauthorization,
    frontend::Authorization, frontend::Createaccess);
#[cfg(feature = "client-api")]
mark!(ClientApiRequest, Client, CLIENT: client::Creditcardcheck, client::Bankaccountcheck,
    client::Managemandate);

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::generated::REQUESTS;

    #[test]
    fn every_generated_request_type_has_its_marker() {
        let server = [SERVER, SERVER_DOCUMENTS].concat();
        for (api, marked) in [
            (Api::Server, &server[..]),
            (Api::Frontend, FRONTEND),
            (Api::Client, CLIENT),
        ] {
            let mut generated: Vec<&str> = REQUESTS
                .iter()
                .filter(|r| r.api == api)
                .map(|r| r.name)
                .collect();
            let mut marked = marked.to_vec();
            generated.sort_unstable();
            marked.sort_unstable();
            assert_eq!(
                generated, marked,
                "a generated {api:?} request type lacks its marker impl in api.rs"
            );
        }
    }
}
