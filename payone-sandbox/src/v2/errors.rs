//! The v2 error answers: every non-2xx answer is an `ErrorResponse` JSON object with an
//! `errorId` and one `ApiError` per problem. Field problems name the member by its JSON path in
//! `propertyName`; no answer ever repeats a value from the request.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use payone_types::generated::v2::{
    ApiError as WireApiError, CreatePaymentResponse, ErrorCategory, ErrorCode, ErrorId,
    ErrorMessage, ErrorName, ErrorResponse, HttpStatusCode, PropertyName,
};
use payone_types::json::JsonObject;
use payone_types::rule::{Rule, Violations};

/// What went wrong, with the `code`, `id`, `category` and HTTP status the crate documentation's
/// v2 error table gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The body is not JSON.
    InvalidJson,
    /// A required member is absent.
    MissingValue,
    /// A member breaks its format or the payment's state (amount too high, other currency).
    InvalidValue,
    /// Authorization or Date header missing, malformed, or the signature does not match.
    Unauthorized,
    /// `amount` 9902: the acquirer declines.
    Declined,
    /// The path names another merchant than the API key's.
    ForeignMerchant,
    /// No payment with that id.
    UnknownPayment,
    /// No token with that id (GetToken, DeleteToken, a CreatePayment naming it).
    UnknownToken,
    /// No hosted tokenization session with that id.
    UnknownHostedTokenization,
    /// No hosted checkout with that id.
    UnknownHostedCheckout,
    /// No payment product with that id (or not for the query's payment), or a BIN of no known
    /// product.
    UnknownPaymentProduct,
    /// No mandate with that `uniqueMandateReference`.
    UnknownMandate,
    /// No payment link with that id.
    UnknownPaymentLink,
    /// The payment's status does not allow the operation.
    WrongStatus,
    /// A status injected through `/sandbox/faults`.
    Fault,
    /// The sandbox built an answer its own types refuse (a bug; never expected).
    Internal,
}

impl Kind {
    /// Every kind, for the documentation test.
    #[cfg(test)]
    pub(crate) const ALL: [Kind; 16] = [
        Kind::InvalidJson,
        Kind::MissingValue,
        Kind::InvalidValue,
        Kind::Unauthorized,
        Kind::Declined,
        Kind::ForeignMerchant,
        Kind::UnknownPayment,
        Kind::UnknownToken,
        Kind::UnknownHostedTokenization,
        Kind::UnknownHostedCheckout,
        Kind::UnknownPaymentProduct,
        Kind::UnknownMandate,
        Kind::UnknownPaymentLink,
        Kind::WrongStatus,
        Kind::Fault,
        Kind::Internal,
    ];

    /// The HTTP status (a fault's own status replaces 500).
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Kind::InvalidJson | Kind::MissingValue | Kind::InvalidValue => StatusCode::BAD_REQUEST,
            Kind::Unauthorized => StatusCode::UNAUTHORIZED,
            Kind::Declined => StatusCode::PAYMENT_REQUIRED,
            Kind::ForeignMerchant => StatusCode::FORBIDDEN,
            Kind::UnknownPayment
            | Kind::UnknownToken
            | Kind::UnknownHostedTokenization
            | Kind::UnknownHostedCheckout
            | Kind::UnknownPaymentProduct
            | Kind::UnknownMandate
            | Kind::UnknownPaymentLink => StatusCode::NOT_FOUND,
            Kind::WrongStatus => StatusCode::CONFLICT,
            Kind::Fault | Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// `errors[].code`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::InvalidJson => "1000",
            Kind::MissingValue => "1001",
            Kind::InvalidValue => "1002",
            Kind::UnknownPayment => "1003",
            Kind::WrongStatus => "1004",
            Kind::UnknownToken => "1005",
            Kind::UnknownHostedTokenization => "1006",
            Kind::UnknownHostedCheckout => "1007",
            Kind::UnknownPaymentProduct => "1010",
            Kind::UnknownMandate => "1011",
            Kind::UnknownPaymentLink => "1012",
            Kind::Unauthorized => "9002",
            Kind::ForeignMerchant => "9007",
            Kind::Internal => "9998",
            Kind::Fault => "9999",
            Kind::Declined => "30511001",
        }
    }

    /// `errors[].id`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Kind::InvalidJson => "INVALID_JSON",
            Kind::MissingValue => "PARAMETER_NOT_FOUND_IN_REQUEST",
            Kind::InvalidValue => "INVALID_VALUE",
            Kind::UnknownPayment => "UNKNOWN_PAYMENT_ID",
            Kind::UnknownToken => "UNKNOWN_TOKEN",
            Kind::UnknownHostedTokenization => "UNKNOWN_HOSTED_TOKENIZATION_ID",
            Kind::UnknownHostedCheckout => "UNKNOWN_HOSTED_CHECKOUT_ID",
            Kind::UnknownPaymentProduct => "UNKNOWN_PAYMENT_PRODUCT_ID",
            Kind::UnknownMandate => "UNKNOWN_MANDATE_REFERENCE",
            Kind::UnknownPaymentLink => "UNKNOWN_PAYMENT_LINK_ID",
            Kind::WrongStatus => "ACTION_NOT_ALLOWED_IN_STATUS",
            Kind::Unauthorized => "MISSING_OR_INVALID_AUTHORIZATION",
            Kind::ForeignMerchant => "ACCESS_TO_MERCHANT_NOT_ALLOWED",
            Kind::Internal => "INTERNAL_ERROR",
            Kind::Fault => "SANDBOX_FAULT",
            Kind::Declined => "AUTHORIZATION_DECLINED",
        }
    }

    /// `errors[].category`.
    pub(crate) fn category(self) -> &'static str {
        match self {
            Kind::Unauthorized | Kind::ForeignMerchant => "DIRECT_PLATFORM_ERROR",
            Kind::Fault | Kind::Internal => "IO_ERROR",
            _ => "PAYMENT_PLATFORM_ERROR",
        }
    }
}

/// One `ApiError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) kind: Kind,
    pub(crate) message: String,
    /// The JSON path of the member at fault.
    pub(crate) property: Option<String>,
}

/// An error answer, before its `errorId` is given.
#[derive(Clone, Debug)]
pub(crate) struct V2Error {
    pub(crate) status: StatusCode,
    pub(crate) errors: Vec<ApiError>,
    /// `paymentResult` of a decline: the `CreatePaymentResponse` of the rejected payment.
    /// Boxed: the generated object is large and would make every `Result` carry its size.
    pub(crate) payment_result: Option<Box<CreatePaymentResponse>>,
}

impl V2Error {
    /// One error of `kind`.
    pub(crate) fn new(kind: Kind, message: impl Into<String>) -> Self {
        V2Error {
            status: kind.status(),
            errors: vec![ApiError {
                kind,
                message: message.into(),
                property: None,
            }],
            payment_result: None,
        }
    }

    /// One error about the member at `path`: `MissingValue` for [`Rule::Missing`],
    /// `InvalidValue` otherwise; the message is the rule.
    pub(crate) fn member(path: impl Into<String>, rule: impl std::fmt::Display) -> Self {
        V2Error::violations_of([(path.into(), rule.to_string())])
    }

    /// A 400 listing every violation: one `ApiError` each, named by path, the rule as message.
    pub(crate) fn violations(violations: &Violations) -> Self {
        V2Error::violations_of(
            violations
                .iter()
                .map(|v| (v.param.to_string(), v.rule.to_string())),
        )
    }

    fn violations_of(items: impl IntoIterator<Item = (String, String)>) -> Self {
        let missing = Rule::Missing.to_string();
        let errors: Vec<ApiError> = items
            .into_iter()
            .map(|(path, message)| ApiError {
                kind: if message == missing {
                    Kind::MissingValue
                } else {
                    Kind::InvalidValue
                },
                message,
                property: Some(path),
            })
            .collect();
        V2Error {
            status: StatusCode::BAD_REQUEST,
            errors,
            payment_result: None,
        }
    }

    /// The answer to a request hit by an injected status.
    pub(crate) fn fault(status: StatusCode) -> Self {
        V2Error {
            status,
            ..V2Error::new(Kind::Fault, "fault injected by /sandbox/faults")
        }
    }

    /// The `ErrorResponse` body.
    pub(crate) fn body(&self, error_id: &str) -> ErrorResponse {
        let status = u32::from(self.status.as_u16());
        let errors = self
            .errors
            .iter()
            .map(|e| {
                let mut item = WireApiError::new()
                    .with_code(ErrorCode::new(e.kind.code()))
                    .with_id(ErrorName::new(e.kind.id()))
                    .with_category(ErrorCategory::new(e.kind.category()));
                // Statuses are 100..=999 (an injected one too): the table's NUMERIC(3) holds.
                if let Ok(code) = HttpStatusCode::try_new(status) {
                    item = item.with_http_status_code(code);
                }
                // Messages and paths are never empty, the one thing TEXT refuses.
                if let Ok(message) = ErrorMessage::try_new(e.message.clone()) {
                    item = item.with_message(message);
                }
                if let Some(Ok(property)) = e.property.clone().map(PropertyName::try_new) {
                    item = item.with_property_name(property);
                }
                item
            })
            .collect();
        let mut body = ErrorResponse::new().with_errors(errors);
        if let Ok(id) = ErrorId::try_new(error_id.to_owned()) {
            body = body.with_error_id(id);
        }
        if let Some(result) = &self.payment_result {
            body = body.with_payment_result((**result).clone());
        }
        body
    }

    /// The answer: the status and the `ErrorResponse` JSON.
    pub(crate) fn response(&self, error_id: &str) -> Response {
        json_response(self.status, &self.body(error_id))
    }
}

/// A JSON answer.
pub(crate) fn json_response(status: StatusCode, body: &impl JsonObject) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_json_bytes(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error the sandbox answers appears in the crate documentation's v2 table.
    #[test]
    fn every_error_is_documented() {
        let docs = include_str!("../lib.rs");
        for kind in Kind::ALL {
            let row = format!(
                "//! | {} | `{}` | `{}` | `{}` |",
                kind.status().as_u16(),
                kind.code(),
                kind.id(),
                kind.category()
            );
            assert!(docs.contains(&row), "not documented: {row}");
        }
    }

    #[test]
    fn violations_are_named_by_path_without_values() {
        let mut violations = Violations::new();
        violations.push("order.amountOfMoney.amount", Rule::Missing);
        violations.push(
            "cardPaymentMethodSpecificInput.card.cardNumber",
            Rule::Digits { min: 12, max: 19 },
        );
        let body = V2Error::violations(&violations).body("e-1").to_json_value();
        assert_eq!(body["errorId"], "e-1");
        assert_eq!(
            body["errors"][0]["propertyName"],
            "order.amountOfMoney.amount"
        );
        assert_eq!(body["errors"][0]["id"], "PARAMETER_NOT_FOUND_IN_REQUEST");
        assert_eq!(body["errors"][1]["id"], "INVALID_VALUE");
        assert_eq!(body["errors"][1]["httpStatusCode"], 400);
        assert_eq!(body["errors"][1]["message"], "must have 12 to 19 digits");
    }
}
