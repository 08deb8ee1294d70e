//! Server API answers: `name=value` lines.

use payone_client::{Answer, Error, ParseError, Status};
use payone_types::Charset;

/// Reads the bytes as a Server API answer in both charsets.
///
/// Properties: reading never panics; ISO-8859-1 decodes every byte sequence; UTF-8 bytes read
/// the same through [`Answer::from_bytes`] and [`Answer::parse`]; an answer's status is the
/// one its `status` field names; every field has a non-empty name without `=` and no line
/// break in name or value.
pub fn server_answer(data: &[u8]) {
    let latin1 = Answer::from_bytes(data, Charset::Latin1);
    assert!(
        !matches!(latin1, Err(Error::Parse(ParseError::Undecodable(_)))),
        "ISO-8859-1 decodes every byte sequence"
    );
    check(&latin1);

    let utf8 = Answer::from_bytes(data, Charset::Utf8);
    check(&utf8);
    if data.is_ascii() {
        assert_eq!(
            format!("{latin1:?}"),
            format!("{utf8:?}"),
            "ASCII reads the same in both charsets"
        );
    }
    match std::str::from_utf8(data) {
        Ok(text) => {
            let parsed = Answer::parse(text);
            assert_eq!(
                format!("{utf8:?}"),
                format!("{parsed:?}"),
                "from_bytes(UTF-8) and parse disagree"
            );
        }
        Err(_) => assert!(
            matches!(utf8, Err(Error::Parse(ParseError::Undecodable(_)))),
            "bytes that are not UTF-8 must be refused as undecodable, got {utf8:?}"
        ),
    }
}

fn check(result: &Result<Answer, Error>) {
    let Ok(answer) = result else { return };
    let fields = answer.fields();
    let status = fields.get("status").expect("an answer has a status field");
    assert_eq!(Status::parse(status), Some(answer.status()));
    assert_eq!(answer.txid(), fields.get("txid"));
    assert_eq!(answer.userid(), fields.get("userid"));
    for (name, value) in fields.iter() {
        assert!(!name.is_empty(), "empty field name");
        assert!(!name.contains('='), "a field name holds `=`");
        assert!(
            !name.contains('\n') && !value.contains('\n'),
            "a field holds a line break"
        );
    }
    if let Answer::Redirect { redirecturl, .. } = answer {
        assert_eq!(Some(redirecturl.as_str()), fields.get("redirecturl"));
    }
}
