//! The generated v2 objects: wire form, reading with every violation named by path, unknown
//! members kept, card data never printed.

use payone_types::generated::v2::*;
use payone_types::json::{JsonError, JsonObject, Operation};
use serde_json::json;

const PAN: &str = "4000000000001091";
const CVV: &str = "737";

fn card_request() -> CreatePaymentRequest {
    let card = Card::new(
        CardNumber::try_new(PAN).expect("a PAN"),
        ExpiryDate::new("1230"),
    )
    .with_cvv(Cvv::try_new(CVV).expect("a CVV"))
    .with_cardholder_name(CardholderName::new("Wilma Mustermann"));
    let order = Order::new(AmountOfMoney::new(
        Amount::new(1999),
        CurrencyCode::new("EUR"),
    ))
    .with_customer(
        Customer::new()
            .with_contact_details(
                ContactDetails::new().with_email_address(EmailAddress::new("wilma@example.com")),
            )
            .with_device(
                CustomerDevice::new()
                    .with_accept_header(AcceptHeader::new("text/html"))
                    .with_user_agent(UserAgent::new("Mozilla/5.0"))
                    .with_browser_data(
                        BrowserData::new()
                            .with_color_depth(ColorDepth::new(24))
                            .with_java_enabled(false),
                    ),
            ),
    )
    .with_references(
        OrderReferences::new().with_merchant_reference(MerchantReference::new("order-4711")),
    );
    CreatePaymentRequest::new(order).with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_card(card)
            .with_return_url(ReturnUrl::new("https://shop.example/return"))
            .with_three_d_secure(ThreeDSecure::new().with_skip_authentication(false)),
    )
}

#[test]
fn a_token_payment_has_this_wire_form() {
    let request = CreatePaymentRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(1999),
            CurrencyCode::new("EUR"),
        ))
        .with_references(
            OrderReferences::new().with_merchant_reference(MerchantReference::new("order-4711")),
        ),
    )
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_token(Token::new("0ca037cc-9079-4df7-8f6f-f2a3443ee521"))
            .with_return_url(ReturnUrl::new("https://shop.example/return")),
    );
    let body = String::from_utf8(request.to_json_bytes()).expect("UTF-8");
    insta::assert_snapshot!(body);
    // Amounts are JSON numbers, not strings.
    assert!(body.contains(r#""amount":1999"#), "{body}");
}

#[test]
fn card_data_is_on_the_wire_but_never_in_debug() {
    let request = card_request();
    let body = String::from_utf8(request.to_json_bytes()).expect("UTF-8");
    assert!(body.contains(PAN) && body.contains(CVV));
    let debug = format!("{request:?}");
    assert!(!debug.contains(PAN), "{debug}");
    assert!(!debug.contains(&format!("\"{CVV}\"")), "{debug}");
    assert!(debug.contains("CardNumber(<redacted>)"), "{debug}");
    assert!(debug.contains("Cvv(<redacted>)"), "{debug}");
    // Expiry date and cardholder name are cardholder data too (PCI DSS).
    assert!(body.contains("1230") && body.contains("Wilma Mustermann"));
    assert!(!debug.contains("1230"), "{debug}");
    assert!(!debug.contains("Wilma Mustermann"), "{debug}");
    assert!(debug.contains("ExpiryDate(<redacted>)"), "{debug}");
    assert!(debug.contains("CardholderName(<redacted>)"), "{debug}");
}

#[test]
fn what_is_written_reads_back_equal() {
    let request = card_request();
    let read = CreatePaymentRequest::from_json_bytes(&request.to_json_bytes()).expect("valid");
    assert_eq!(read, request);
}

#[test]
fn every_violation_is_named_by_its_path_and_never_by_value() {
    let body = json!({
        "order": {
            "amountOfMoney": { "amount": "12", "currencyCode": "EURO" },
            "customer": { "device": { "browserData": { "javaEnabled": "yes" } } }
        },
        "cardPaymentMethodSpecificInput": {
            "card": { "cardNumber": "4000-0000-0000-1091", "cvv": "12345" }
        }
    });
    let violations = CreatePaymentRequest::from_json_value(&body).expect_err("invalid");
    let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"));
    let all = text.join("\n");
    assert!(!all.contains("4000") && !all.contains("12345"), "{all}");
}

#[test]
fn a_missing_required_member_is_reported() {
    let violations =
        CreatePaymentRequest::from_json_value(&json!({ "order": {} })).expect_err("invalid");
    let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(text, ["order.amountOfMoney: required parameter is missing"]);
}

#[test]
fn unknown_members_of_an_answer_are_kept_and_written_back() {
    let body = json!({
        "payment": {
            "id": "PAY-1",
            "status": "PENDING_CAPTURE",
            "statusOutput": { "statusCode": 5, "isAuthorized": true, "newFlag": [1, 2] },
            "hypotheticalField": { "pan": "4111111111111111" }
        },
        "merchantAction": null,
        "creationOutput": { "isNewToken": false }
    });
    let answer = CreatePaymentResponse::from_json_value(&body).expect("tolerant");
    let payment = answer.payment().expect("payment");
    assert_eq!(payment.id().as_str(), "PAY-1");
    assert_eq!(
        payment
            .status_output()
            .and_then(|s| s.status_code())
            .map(|c| c.get()),
        Some(5)
    );
    assert_eq!(
        payment.status_output().and_then(|s| s.is_authorized()),
        Some(&true)
    );
    assert!(answer.merchant_action().is_none(), "null is absent");
    assert!(answer.unknown_fields().contains_key("creationOutput"));
    assert!(payment.unknown_fields().contains_key("hypotheticalField"));
    // Written back unchanged, except that `null` members are left out.
    let mut expected = body.clone();
    expected
        .as_object_mut()
        .expect("object")
        .remove("merchantAction");
    assert_eq!(answer.to_json_value(), expected);
    // Unknown members print by name only: their values may be card data.
    let debug = format!("{answer:?}");
    assert!(
        debug.contains("hypotheticalField") && !debug.contains("4111"),
        "{debug}"
    );
}

#[test]
fn a_body_that_is_not_json_reports_its_position_only() {
    let error =
        CreatePaymentResponse::from_json_bytes(b"{\"payment\": 4111111111111111").expect_err("bad");
    assert!(
        matches!(error, JsonError::Syntax { line: 1, .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("4111"), "{error}");
}

#[test]
fn operations_carry_method_path_and_bodies() {
    assert_eq!(CreatePayment::METHOD, "POST");
    assert_eq!(CreatePayment::PATH, "/v2/{merchantId}/payments");
    assert_eq!(
        GetPaymentDetails::PATH,
        "/v2/{merchantId}/payments/{paymentId}/details"
    );
    assert_eq!(GetPaymentDetails::METHOD, "GET");
    assert_eq!(<RefundPayment as Operation>::Request::NAME, "RefundRequest");
}

#[test]
fn an_error_answer_reads_every_error() {
    let body = json!({
        "errorId": "e-1",
        "errors": [
            { "code": "21000020", "id": "INVALID_VALUE", "httpStatusCode": 400,
              "message": "order.amountOfMoney.amount must be a number", "propertyName": "order.amountOfMoney.amount" },
            { "code": "9002", "httpStatusCode": "400" }
        ]
    });
    let violations =
        ErrorResponse::from_json_value(&body).expect_err("second httpStatusCode is a string");
    let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(text, ["errors[1].httpStatusCode: must be an integer"]);
    let mut ok = body.clone();
    ok["errors"][1]["httpStatusCode"] = json!(400);
    let answer = ErrorResponse::from_json_value(&ok).expect("valid");
    assert_eq!(answer.errors().len(), 2);
    assert_eq!(
        answer.errors()[0].property_name().map(|p| p.as_str()),
        Some("order.amountOfMoney.amount")
    );

    // Read leniently (as the client reads error answers), the member that breaks its rule is
    // left out and every code survives.
    let (lenient, left_out) = ErrorResponse::from_json_value_lenient(&body).expect("readable");
    let left_out: Vec<String> = left_out.iter().map(ToString::to_string).collect();
    assert_eq!(left_out, ["errors[1].httpStatusCode: must be an integer"]);
    let codes: Vec<&str> = lenient
        .errors()
        .iter()
        .map(|e| e.code().expect("a code").as_str())
        .collect();
    assert_eq!(codes, ["21000020", "9002"]);
    assert!(lenient.errors()[1].http_status_code().is_none());
}

#[test]
fn lenient_reading_leaves_out_broken_elements_from_the_last_and_keeps_the_rest() {
    // Elements that are not objects, and members off type in several elements: removed from
    // the last index down, so every violation still names the element it was found in.
    let body = json!({
        "errorId": "e-2",
        "errors": [
            { "code": "1", "httpStatusCode": "x" },
            "not an object",
            { "code": "3" },
            7,
            { "code": "5", "httpStatusCode": 409 }
        ]
    });
    let (answer, left_out) = ErrorResponse::from_json_value_lenient(&body).expect("readable");
    assert_eq!(left_out.iter().count(), 3, "{left_out}");
    let codes: Vec<&str> = answer
        .errors()
        .iter()
        .map(|e| e.code().expect("a code").as_str())
        .collect();
    assert_eq!(codes, ["1", "3", "5"]);
    assert_eq!(
        answer.errors()[2].http_status_code().map(|c| c.get()),
        Some(409)
    );
    // Nothing to leave out: the strict answer, nothing reported.
    let (_, none) = ErrorResponse::from_json_value_lenient(&json!({"errorId": "e-3"})).unwrap();
    assert!(none.is_empty());
    // Not an object at all: nothing can be read.
    assert!(ErrorResponse::from_json_value_lenient(&json!([1, 2])).is_err());
}
