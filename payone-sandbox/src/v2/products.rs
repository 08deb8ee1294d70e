//! `GET /v2/{merchantId}/products` (GetPaymentProducts) and `.../products/{paymentProductId}`
//! (GetPaymentProduct): the sandbox's fixed catalogue of card brands, filtered by the query.
//! The contract (products, their fields, which query parameters filter) is the crate
//! documentation's v2 section.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::{
    DisplayOrder, FieldId, FieldLabel, FieldMask, FieldType, GetPaymentProductsResponse,
    HiddenElement, LengthValidator, MaxLength, MinLength, PaymentMethod, PaymentProduct,
    PaymentProductDisplayHints, PaymentProductField, PaymentProductFieldDataRestrictions,
    PaymentProductFieldDisplayHints, PaymentProductFieldValidators, PaymentProductGroup,
    PaymentProductId, PaymentProductsQuery, PreferredInputType, ProductLabel, ProductLogo,
};
use payone_types::json::{JsonMap, JsonObject, Value};

use super::Signed;
use super::errors::{Kind, V2Error};
use crate::app::App;

/// One card brand of the catalogue.
struct Brand {
    id: u32,
    label: &'static str,
    /// `displayHints.logo`, below the session's `assetUrl`.
    logo: &'static str,
    /// Digits of the card verification value.
    cvv_digits: u64,
    allows_recurring: bool,
}

/// The catalogue, in display order. Ids: "Credit and debit Card Payments",
/// <https://docs.payone.com/pcp/commerce-platform-payment-methods/credit-and-debit-card-payments>.
const CATALOGUE: [Brand; 4] = [
    Brand {
        id: 1,
        label: "Visa",
        logo: "sandbox/logos/1.svg",
        cvv_digits: 3,
        allows_recurring: true,
    },
    Brand {
        id: 3,
        label: "Mastercard",
        logo: "sandbox/logos/3.svg",
        cvv_digits: 3,
        allows_recurring: true,
    },
    Brand {
        id: 2,
        label: "American Express",
        logo: "sandbox/logos/2.svg",
        cvv_digits: 4,
        allows_recurring: true,
    },
    Brand {
        id: 125,
        label: "JCB",
        logo: "sandbox/logos/125.svg",
        cvv_digits: 3,
        allows_recurring: false,
    },
];

/// Whether the catalogue offers product `id` for a payment that is recurring or not.
pub(crate) fn offered(id: u32, recurring: bool) -> bool {
    CATALOGUE
        .iter()
        .any(|b| b.id == id && (b.allows_recurring || !recurring))
}

/// `GET /v2/{merchantId}/products`.
pub(crate) async fn list(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
    _signed: Signed,
) -> Response {
    let result = read_query(query.as_deref()).map(|query| {
        let products: Vec<PaymentProduct> = CATALOGUE
            .iter()
            .enumerate()
            .filter(|(_, brand)| matches(brand, &query))
            .map(|(i, brand)| product(i, brand, &query))
            .collect();
        (
            StatusCode::OK,
            GetPaymentProductsResponse::new().with_payment_products(products),
        )
    });
    app.v2.answer(result)
}

/// `GET /v2/{merchantId}/products/{paymentProductId}`.
pub(crate) async fn one(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    _signed: Signed,
) -> Response {
    let result = read_query(query.as_deref()).and_then(|query| {
        // Only the plain decimal spelling names a product (`01` and `+1` name none).
        let found = CATALOGUE
            .iter()
            .enumerate()
            .find(|(_, brand)| brand.id.to_string() == id && matches(brand, &query));
        match found {
            Some((i, brand)) => Ok((StatusCode::OK, product(i, brand, &query))),
            None => Err(unknown_product()),
        }
    });
    app.v2.answer(result)
}

/// 404: no product of the catalogue has that id, or the query's payment cannot use it.
pub(crate) fn unknown_product() -> V2Error {
    V2Error::new(
        Kind::UnknownPaymentProduct,
        "no payment product with this id for this payment",
    )
}

/// The query string read into the table's `PaymentProductsQuery` and checked with it; a
/// violation names the query parameter. `hide` may repeat; for any other name the last value
/// counts.
fn read_query(query: Option<&str>) -> Result<PaymentProductsQuery, V2Error> {
    let mut map = JsonMap::new();
    let mut hide = Vec::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let value = value.into_owned();
        let json = match name.as_ref() {
            "hide" => {
                hide.push(Value::String(value));
                continue;
            }
            // Digits become a JSON integer, anything else stays a string the table refuses.
            "amount" => value
                .parse::<u64>()
                .ok()
                .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
                .map_or(Value::String(value), Value::from),
            "isRecurring" => match value.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(value),
            },
            _ => Value::String(value),
        };
        map.insert(name.into_owned(), json);
    }
    if !hide.is_empty() {
        map.insert("hide".to_owned(), Value::Array(hide));
    }
    PaymentProductsQuery::from_json_value(&Value::Object(map))
        .map_err(|violations| V2Error::violations(&violations))
}

fn hides(query: &PaymentProductsQuery, element: HiddenElement) -> bool {
    query.hide().contains(&element)
}

/// Whether the query's payment can use the brand: `isRecurring=true` leaves out the brands
/// without recurring payments; `hide=productsWithoutFields` hides none (every brand has fields),
/// nor do `productsWithRedirects` and `productsWithoutInstructions` (no brand redirects or
/// shows instructions).
fn matches(brand: &Brand, query: &PaymentProductsQuery) -> bool {
    brand.allows_recurring || query.is_recurring() != Some(&true)
}

/// The product answer of `brand`, the `index`th of the catalogue.
fn product(index: usize, brand: &Brand, query: &PaymentProductsQuery) -> PaymentProduct {
    let mut hints =
        PaymentProductDisplayHints::new().with_display_order(DisplayOrder::new(index as u64 + 1));
    if !hides(query, HiddenElement::Translations) {
        hints = hints.with_label(ProductLabel::new(brand.label));
    }
    hints = hints.with_logo(ProductLogo::new(brand.logo));
    let mut product = PaymentProduct::new()
        .with_id(PaymentProductId::new(brand.id))
        .with_payment_method(PaymentMethod::new("card"))
        .with_payment_product_group(PaymentProductGroup::new("cards"))
        .with_allows_authentication(true)
        .with_allows_recurring(brand.allows_recurring)
        .with_allows_tokenization(true)
        .with_uses_redirection_to3rd_party(false)
        .with_display_hints(hints);
    if !hides(query, HiddenElement::Fields) {
        product = product.with_fields(fields(brand, !hides(query, HiddenElement::Translations)));
    }
    product
}

/// The card form's fields: what CreatePayment's `card` takes, with the same lengths.
fn fields(brand: &Brand, labels: bool) -> Vec<PaymentProductField> {
    struct Spec {
        id: &'static str,
        kind: &'static str,
        label: &'static str,
        required: bool,
        length: (u64, u64),
        mask: Option<&'static str>,
        keyboard: PreferredInputType,
        obfuscate: bool,
    }
    let specs = [
        Spec {
            id: "cardNumber",
            kind: "numericstring",
            label: "Card number",
            required: true,
            length: (12, 19),
            mask: Some("{{9999}} {{9999}} {{9999}} {{9999}} {{999}}"),
            keyboard: PreferredInputType::IntegerKeyboard,
            obfuscate: false,
        },
        Spec {
            id: "expiryDate",
            kind: "expirydate",
            label: "Expiry date",
            required: true,
            length: (4, 4),
            mask: Some("{{99}}/{{99}}"),
            keyboard: PreferredInputType::IntegerKeyboard,
            obfuscate: false,
        },
        Spec {
            id: "cvv",
            kind: "numericstring",
            label: "Card verification value",
            required: true,
            length: (brand.cvv_digits, brand.cvv_digits),
            mask: None,
            keyboard: PreferredInputType::IntegerKeyboard,
            obfuscate: true,
        },
        Spec {
            id: "cardholderName",
            kind: "string",
            label: "Name on the card",
            required: false,
            length: (1, 51),
            mask: None,
            keyboard: PreferredInputType::StringKeyboard,
            obfuscate: false,
        },
    ];
    specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let mut hints = PaymentProductFieldDisplayHints::new()
                .with_display_order(DisplayOrder::new(i as u64 + 1))
                .with_always_show(spec.required)
                .with_obfuscate(spec.obfuscate)
                .with_preferred_input_type(spec.keyboard);
            if labels {
                hints = hints.with_label(FieldLabel::new(spec.label));
            }
            if let Some(mask) = spec.mask {
                hints = hints.with_mask(FieldMask::new(mask));
            }
            PaymentProductField::new()
                .with_id(FieldId::new(spec.id))
                .with_type(FieldType::new(spec.kind))
                .with_data_restrictions(
                    PaymentProductFieldDataRestrictions::new()
                        .with_is_required(spec.required)
                        .with_validators(
                            PaymentProductFieldValidators::new().with_length(
                                LengthValidator::new()
                                    .with_min_length(MinLength::new(spec.length.0))
                                    .with_max_length(MaxLength::new(spec.length.1)),
                            ),
                        ),
                )
                .with_display_hints(hints)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_checked_with_the_table_and_names_the_parameter() {
        let query = read_query(Some("countryCode=DE&currencyCode=EUR&amount=1000&isRecurring=true&hide=fields&hide=translations"))
            .expect("a valid query");
        assert_eq!(
            query.hide(),
            [HiddenElement::Fields, HiddenElement::Translations]
        );
        assert_eq!(query.is_recurring(), Some(&true));
        for (bad, member) in [
            ("amount=ten", "amount"),
            ("amount=-1", "amount"),
            ("isRecurring=yes", "isRecurring"),
            ("hide=everything", "hide[0]"),
            ("countryCode=XX", "countryCode"),
        ] {
            let error = read_query(Some(bad)).expect_err(bad);
            let named: Vec<_> = error
                .errors
                .iter()
                .filter_map(|e| e.property.clone())
                .collect();
            assert_eq!(named, [member], "{bad}");
        }
        assert!(read_query(None).is_ok());
    }

    #[test]
    fn recurring_payments_leave_out_the_brands_without_them() {
        let recurring = read_query(Some("isRecurring=true")).unwrap();
        let ids: Vec<u32> = CATALOGUE
            .iter()
            .filter(|b| matches(b, &recurring))
            .map(|b| b.id)
            .collect();
        assert_eq!(ids, [1, 3, 2]);
        assert!(offered(125, false) && !offered(125, true) && !offered(4, false));
    }
}
