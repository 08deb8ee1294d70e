//! The v2 JSON objects (no serde derive: `serde_json::Value` and the generated checks) next to
//! hand-written baselines in the same groups:
//!
//! - `v2 write`: a card CreatePayment built through the generated types and written to bytes,
//!   against the same body built with `serde_json::json!` and no checks;
//! - `v2 read`: a CreatePayment answer read into `CreatePaymentResponse` (every member checked,
//!   unknown ones kept) and its id and status code looked at, against `serde_json::from_slice`
//!   into a `Value` and the same two pointer lookups;
//! - `gcs sign`: the `Authorization` header of a POST with two `X-GCS-*` headers, against the
//!   string to sign written by hand and the same HMAC-SHA256 and base64.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use payone_types::gcs::{GcsRequest, GcsSigner, SecretString};
use payone_types::generated::v2::*;
use payone_types::json::JsonObject;
use serde_json::json;
use sha2::Sha256;

const ANSWER: &str = r#"{"creationOutput":{"additionalReference":"00000000000000000001","externalReference":"3000000001_0"},"merchantAction":null,"payment":{"id":"3000000001_0","paymentOutput":{"amountOfMoney":{"amount":1500,"currencyCode":"EUR"},"references":{"merchantReference":"order-4711"},"cardPaymentMethodSpecificOutput":{"paymentProductId":1,"card":{"cardNumber":"************1111","expiryDate":"1230"},"threeDSecureResults":{"flow":"frictionless","eci":"05"}}},"status":"PENDING_CAPTURE","statusOutput":{"isCancellable":true,"statusCategory":"PENDING_MERCHANT","statusCode":5,"isAuthorized":true,"isRefundable":false}}}"#;

fn typed_request() -> Vec<u8> {
    let card = Card::new(CardNumber::new("4111111111111111"), ExpiryDate::new("1230"))
        .with_cvv(Cvv::new("123"))
        .with_cardholder_name(CardholderName::new("Erika Mustermann"));
    CreatePaymentRequest::new(
        Order::new(AmountOfMoney::new(
            Amount::new(1500),
            CurrencyCode::new("EUR"),
        ))
        .with_customer(Customer::new().with_contact_details(
            ContactDetails::new().with_email_address(EmailAddress::new("erika@example.com")),
        ))
        .with_references(
            OrderReferences::new().with_merchant_reference(MerchantReference::new("order-4711")),
        ),
    )
    .with_card_payment_method_specific_input(
        CardPaymentMethodSpecificInput::new()
            .with_card(card)
            .with_return_url(ReturnUrl::new("https://shop.example/return")),
    )
    .to_json_bytes()
}

fn baseline_request() -> Vec<u8> {
    let body = json!({
        "order": {
            "amountOfMoney": { "amount": 1500, "currencyCode": "EUR" },
            "customer": { "contactDetails": { "emailAddress": "erika@example.com" } },
            "references": { "merchantReference": "order-4711" }
        },
        "cardPaymentMethodSpecificInput": {
            "card": {
                "cardNumber": "4111111111111111",
                "expiryDate": "1230",
                "cvv": "123",
                "cardholderName": "Erika Mustermann"
            },
            "returnUrl": "https://shop.example/return"
        }
    });
    serde_json::to_vec(&body).expect("a value")
}

fn typed_read(body: &[u8]) -> (usize, Option<u32>) {
    let answer = CreatePaymentResponse::from_json_bytes(body).expect("valid");
    let payment = answer.payment().expect("a payment");
    let code = payment
        .status_output()
        .and_then(|s| s.status_code())
        .map(|c| c.get());
    (payment.id().as_str().len(), code)
}

fn baseline_read(body: &[u8]) -> (usize, Option<u32>) {
    let value: serde_json::Value = serde_json::from_slice(body).expect("JSON");
    let id = value.pointer("/payment/id").and_then(|v| v.as_str());
    let code = value
        .pointer("/payment/statusOutput/statusCode")
        .and_then(|v| v.as_u64())
        .and_then(|c| u32::try_from(c).ok());
    (id.expect("an id").len(), code)
}

const SECRET: &str = "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1";
const DATE: &str = "Fri, 06 Jun 2014 13:39:43 GMT";
const PATH: &str = "/v2/merchant1/payments";

fn typed_sign(signer: &GcsSigner) -> String {
    let request = GcsRequest::new("POST", DATE, PATH)
        .content_type("application/json")
        .header(
            "X-GCS-ServerMetaInfo",
            "eyJwbGF0Zm9ybUlkZW50aWZpZXIiOiJydXN0In0=",
        )
        .header("X-GCS-ClientMetaInfo", "shop 1.0");
    signer.authorization(&request).expect("valid")
}

fn baseline_sign() -> String {
    let string_to_sign = format!(
        "POST\napplication/json\n{DATE}\nx-gcs-clientmetainfo:shop 1.0\n\
         x-gcs-servermetainfo:eyJwbGF0Zm9ybUlkZW50aWZpZXIiOiJydXN0In0=\n{PATH}\n"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    format!(
        "GCS v1HMAC:apiKey:{}",
        STANDARD.encode(mac.finalize().into_bytes())
    )
}

fn bench(c: &mut Criterion) {
    // The baselines do what the typed code does, or the comparison means nothing.
    let typed: serde_json::Value = serde_json::from_slice(&typed_request()).expect("JSON");
    let baseline: serde_json::Value = serde_json::from_slice(&baseline_request()).expect("JSON");
    assert_eq!(typed, baseline);
    assert_eq!(
        typed_read(ANSWER.as_bytes()),
        baseline_read(ANSWER.as_bytes())
    );
    let signer = GcsSigner::new("apiKey", SecretString::from(SECRET)).expect("a signer");
    assert_eq!(typed_sign(&signer), baseline_sign());

    let mut write = c.benchmark_group("v2 write");
    write.bench_function("typed CreatePaymentRequest", |b| {
        b.iter(|| black_box(typed_request()))
    });
    write.bench_function("baseline json! value", |b| {
        b.iter(|| black_box(baseline_request()))
    });
    write.finish();

    let mut read = c.benchmark_group("v2 read");
    read.bench_function("typed CreatePaymentResponse", |b| {
        b.iter(|| black_box(typed_read(black_box(ANSWER.as_bytes()))))
    });
    read.bench_function("baseline Value + pointers", |b| {
        b.iter(|| black_box(baseline_read(black_box(ANSWER.as_bytes()))))
    });
    read.finish();

    let mut sign = c.benchmark_group("gcs sign");
    sign.bench_function("typed GcsSigner", |b| {
        b.iter(|| black_box(typed_sign(black_box(&signer))))
    });
    sign.bench_function("baseline hand-written string", |b| {
        b.iter(|| black_box(baseline_sign()))
    });
    sign.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
