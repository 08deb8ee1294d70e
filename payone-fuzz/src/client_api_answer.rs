//! Client API answers: one JSON object of strings, as the checkout page hands it to the server.

use payone_client::client_api::{answer_from_json, mandate_answer};
use payone_client::{Error, ParseError, Status};

/// Reads the bytes (as UTF-8, lossily) as a Client API JSON answer, and as a managemandate
/// answer.
///
/// Properties: reading never panics; an answer keeps exactly the object's members, in order,
/// and its status is the one its `status` member names; a body that is no JSON object of
/// strings is a parse error, never an answer; a mandate read from the same body has the
/// answer's `mandate_identification`.
pub fn client_api_answer(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let result = answer_from_json(&body);
    let members = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&body).ok();
    let strings: Option<Vec<(String, String)>> = members.as_ref().and_then(|object| {
        object
            .iter()
            .map(|(n, v)| v.as_str().map(|v| (n.clone(), v.to_owned())))
            .collect()
    });
    match (&result, &strings) {
        (Ok(answer), Some(strings)) => {
            let fields: Vec<(String, String)> = answer
                .fields()
                .iter()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect();
            assert_eq!(&fields, strings, "the answer keeps the object's members");
            let status = answer.fields().get("status").expect("a status member");
            assert_eq!(Status::parse(status), Some(answer.status()));
        }
        (Ok(answer), None) => panic!("not a JSON object of strings, yet read as {answer:?}"),
        (Err(Error::Parse(ParseError::NotJsonObject)), None) => {}
        (Err(Error::Parse(ParseError::NotJsonObject)), Some(_)) => {
            assert!(
                body.len() > 256 * 1024,
                "a small object of strings refused as no object"
            );
        }
        (Err(_), _) => {}
    }

    if let Ok(mandate) = mandate_answer(&body) {
        let answer = result.expect("a mandate is read from an answer");
        assert_eq!(
            answer.fields().get("mandate_identification"),
            Some(mandate.mandate_identification())
        );
    }
}
