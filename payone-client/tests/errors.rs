//! How every error reads: one sentence, no secret, advice on what to do next. Pinned as
//! snapshots so a change of wording is reviewed.

use std::time::Duration;

use payone_client::notification::{AmountError, NotificationError, VerifyError};
use payone_client::{ConfigError, Delivery, Error, Fields, ParseError};
use payone_types::{Rule, Violations};

fn sentences() -> String {
    let mut violations = Violations::new();
    violations.push(
        "amount",
        Rule::Range {
            min: -1999999999,
            max: 1999999999,
        },
    );
    violations.push("reference", Rule::Missing);
    let errors: Vec<Box<dyn std::error::Error>> = vec![
        Box::new(Error::Validation(violations)),
        Box::new(Error::Timeout {
            after: Duration::from_secs(10),
            delivery: Delivery::NotSent,
        }),
        Box::new(Error::Timeout {
            after: Duration::from_secs(30),
            delivery: Delivery::MaybeProcessed,
        }),
        Box::new(Error::Http { status: 503 }),
        Box::new(Error::Http { status: 404 }),
        Box::new(Error::Platform {
            errorcode: "911".into(),
            errormessage: "Reference number already exists".into(),
            customermessage: None,
            fields: Fields::new(),
        }),
        Box::new(Error::Platform {
            errorcode: String::new(),
            errormessage: String::new(),
            customermessage: None,
            fields: Fields::new(),
        }),
        Box::new(Error::Parse(ParseError::NoStatus)),
        Box::new(Error::Parse(ParseError::UnknownStatus("MAYBE".into()))),
        Box::new(Error::Parse(ParseError::MalformedLine { line: 3 })),
        Box::new(Error::Parse(ParseError::UnsupportedCharset(
            "windows-1252".into(),
        ))),
        Box::new(Error::AnswerTooLarge { limit: 1048576 }),
        Box::new(ConfigError::MissingVar("PAYONE_KEY")),
        Box::new(ConfigError::InvalidVar {
            name: "PAYONE_KEY_DIGEST",
            expected: "md5 or sha384",
        }),
        Box::new(ConfigError::InvalidUrl {
            which: "Server API",
        }),
        Box::new(NotificationError::Missing("txaction")),
        Box::new(NotificationError::Invalid {
            field: "portalid",
            expected: "a decimal number",
        }),
        Box::new(VerifyError::Key),
        Box::new(VerifyError::Portal {
            expected: 2000001,
            received: 2000002,
        }),
        Box::new(VerifyError::SubAccount {
            expected: 10002,
            received: 10003,
        }),
        Box::new(VerifyError::Network("203.0.113.9".parse().unwrap())),
        Box::new(VerifyError::ForwardedFor),
        Box::new(AmountError::TooPrecise(2)),
    ];
    errors
        .iter()
        .map(|e| {
            let s = e.to_string();
            assert!(!s.contains('\n'), "one line: {s}");
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_error_reads_as_one_sentence() {
    insta::assert_snapshot!(sentences());
}
