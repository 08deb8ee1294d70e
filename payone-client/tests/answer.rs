//! Reading Server API answers: every status, every field kept, line ends, charsets, and
//! what makes an answer unreadable.

use payone_client::{Answer, Error, ParseError, Status};
use payone_types::Charset;

#[test]
fn approved_keeps_every_field_in_order_unknown_ones_too() {
    let answer = Answer::parse(
        "status=APPROVED\ntxid=123456789\nuserid=987654321\nclearing_bankiban=DE00\nfuture_field=a=b\n",
    )
    .unwrap();
    assert_eq!(answer.status(), Status::Approved);
    assert_eq!(answer.txid(), Some("123456789"));
    assert_eq!(answer.userid(), Some("987654321"));
    assert_eq!(answer.get("future_field"), Some("a=b"));
    let names: Vec<&str> = answer.fields().iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "status",
            "txid",
            "userid",
            "clearing_bankiban",
            "future_field"
        ]
    );
    match answer {
        Answer::Approved { txid, userid, .. } => {
            assert_eq!(txid.as_deref(), Some("123456789"));
            assert_eq!(userid.as_deref(), Some("987654321"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_status_has_its_variant() {
    let cases = [
        ("status=APPROVED\ntxid=1", Status::Approved),
        (
            "status=REDIRECT\nredirecturl=https://x/\ntxid=1",
            Status::Redirect,
        ),
        ("status=PENDING\ntxid=1\nuserid=2", Status::Pending),
        ("status=VALID\nsecstatus=10", Status::Valid),
        (
            "status=INVALID\nerrorcode=1077\nerrormessage=x",
            Status::Invalid,
        ),
    ];
    for (body, status) in cases {
        let answer = Answer::parse(body).unwrap();
        assert_eq!(answer.status(), status, "{body}");
        assert_eq!(answer.fields().get("status"), Some(status.as_str()));
    }
    let Answer::Pending { txid, userid, .. } = Answer::parse(cases[2].0).unwrap() else {
        unreachable!()
    };
    assert_eq!((txid.as_deref(), userid.as_deref()), (Some("1"), Some("2")));
    let Answer::Invalid { errorcode, .. } = Answer::parse(cases[4].0).unwrap() else {
        unreachable!()
    };
    assert_eq!(errorcode.as_deref(), Some("1077"));
}

#[test]
fn error_status_is_a_platform_error() {
    let err = Answer::parse(
        "status=ERROR\nerrorcode=907\nerrormessage=Sequence number incorrect\ncustomermessage=Bitte erneut versuchen\n",
    )
    .unwrap_err();
    match &err {
        Error::Platform {
            errorcode,
            errormessage,
            customermessage,
            ..
        } => {
            assert_eq!(errorcode, "907");
            assert_eq!(errormessage, "Sequence number incorrect");
            assert_eq!(customermessage.as_deref(), Some("Bitte erneut versuchen"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn crlf_and_blank_lines_are_tolerated() {
    let answer = Answer::parse("\r\nstatus=APPROVED\r\n\r\ntxid=42\r\nuserid=7\r\n\r\n").unwrap();
    assert_eq!(answer.txid(), Some("42"));
    assert_eq!(answer.userid(), Some("7"));
    assert_eq!(answer.fields().len(), 3);
}

#[test]
fn latin1_answers_decode_umlauts() {
    let body = b"status=APPROVED\ntxid=1\nstreet=Hellersbergstra\xdfe 14\ncity=M\xfcnchen\n";
    let answer = Answer::from_bytes(body, Charset::Latin1).unwrap();
    assert_eq!(answer.get("street"), Some("Hellersbergstraße 14"));
    assert_eq!(answer.get("city"), Some("München"));
    let utf8 = Answer::from_bytes(
        "status=APPROVED\nstreet=Hellersbergstraße 14\n".as_bytes(),
        Charset::Utf8,
    )
    .unwrap();
    assert_eq!(utf8.get("street"), Some("Hellersbergstraße 14"));
}

#[test]
fn unreadable_answers_are_parse_errors() {
    let parse_error = |body: &str| match Answer::parse(body) {
        Err(Error::Parse(e)) => e,
        other => panic!("{body:?}: {other:?}"),
    };
    assert_eq!(parse_error("txid=1\nuserid=2\n"), ParseError::NoStatus);
    assert_eq!(parse_error(""), ParseError::NoStatus);
    assert_eq!(
        parse_error("status=MAYBE\n"),
        ParseError::UnknownStatus("MAYBE".into())
    );
    assert_eq!(
        parse_error("status=REDIRECT\ntxid=1\n"),
        ParseError::MissingField {
            status: "REDIRECT",
            field: "redirecturl"
        }
    );
    assert_eq!(
        parse_error("<html>\n<body>Bad Gateway</body>\n"),
        ParseError::MalformedLine { line: 1 }
    );
    // An APPROVED answer without txid is still an answer: not every request returns one.
    assert!(Answer::parse("status=APPROVED\n").is_ok());
}

#[test]
fn debug_output_redacts_sensitive_fields() {
    let answer = Answer::parse("status=VALID\ncardpan=4111111111111111\n").unwrap();
    let debug = format!("{answer:?}");
    assert!(!debug.contains("4111"), "{debug}");
    assert!(debug.contains("<redacted>"));
}
