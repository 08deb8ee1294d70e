//! `GET /v2/{merchantId}/services/testconnection` (TestConnection) and
//! `POST /v2/{merchantId}/services/getIINdetails` (GetIINDetails): the connection test answers
//! `OK` to any signed request; the card brand of a BIN follows the card's number range, the
//! catalogue of GetPaymentProducts deciding whether it is allowed for the request's payment.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::{
    GetIinDetailsRequest, GetIinDetailsResponse, IssuerCountryCode, TestConnection,
    TestConnectionResult,
};

use super::products::{offered, unknown_product};
use super::wire::{self, CardInput};
use super::{Signed, errors::V2Error};
use crate::app::App;

/// `countryCode` of every BIN: the platform's value for an issuer country it does not know.
const UNKNOWN_COUNTRY: &str = "99";

/// `GET .../services/testconnection`.
pub(crate) async fn test_connection(State(app): State<Arc<App>>, _signed: Signed) -> Response {
    let answer = TestConnection::new().with_result(TestConnectionResult::new("OK"));
    app.v2.answer(Ok((StatusCode::OK, answer)))
}

/// `POST .../services/getIINdetails`.
pub(crate) async fn iin_details(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(details(&signed.body))
}

fn details(body: &[u8]) -> Result<(StatusCode, GetIinDetailsResponse), V2Error> {
    let request: GetIinDetailsRequest = wire::read(body)?;
    let card = CardInput {
        number: request.bin().as_str().to_owned(),
        expiry: String::new(),
    };
    let product = super::create::product_id(&card).ok_or_else(unknown_product)?;
    let mut answer = GetIinDetailsResponse::new()
        .with_payment_product_id(product)
        .with_country_code(IssuerCountryCode::new(UNKNOWN_COUNTRY));
    if let Some(context) = request.payment_context() {
        let recurring = context.is_recurring() == Some(&true);
        answer = answer.with_is_allowed_in_context(offered(product.get(), recurring));
    }
    Ok((StatusCode::OK, answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product_of(body: &str) -> Result<(u32, Option<bool>), Vec<Option<String>>> {
        details(body.as_bytes())
            .map(|(_, answer)| {
                (
                    answer.payment_product_id().map_or(0, |p| p.get()),
                    answer.is_allowed_in_context().copied(),
                )
            })
            .map_err(|e| e.errors.iter().map(|e| e.property.clone()).collect())
    }

    #[test]
    fn bins_map_to_the_brands_of_their_range() {
        assert_eq!(product_of(r#"{"bin":"411111"}"#), Ok((1, None)));
        assert_eq!(product_of(r#"{"bin":"222100"}"#), Ok((3, None)));
        assert_eq!(product_of(r#"{"bin":"378282"}"#), Ok((2, None)));
        assert_eq!(
            product_of(r#"{"bin":"353011","paymentContext":{"isRecurring":true}}"#),
            Ok((125, Some(false)))
        );
        assert_eq!(
            product_of(r#"{"bin":"4111111111111111","paymentContext":{"countryCode":"DE"}}"#),
            Ok((1, Some(true)))
        );
        // No known brand: 404, no member at fault.
        assert_eq!(product_of(r#"{"bin":"601100"}"#), Err(vec![None]));
        // Shorter than the table allows: 400 naming it.
        assert_eq!(
            product_of(r#"{"bin":"41111"}"#),
            Err(vec![Some("bin".into())])
        );
    }
}
