//! The steps of a Server API exchange that do not depend on the HTTP client: encoding the
//! request, reading the answer, classifying transport errors, tracing. Shared by the async and
//! the blocking client so that both behave the same.

use payone_types::Charset;
use tracing::field::Empty;

use crate::answer::{Answer, Document};
use crate::body::BodyError;
use crate::config::Config;
use crate::error::{Delivery, Error, ParseError, printable_prefix};
use payone_types::Request;

/// A request ready to be POSTed.
pub(crate) struct Prepared {
    /// The form-encoded body in the account's charset.
    pub body: String,
    /// The `Content-Type` that declares that charset.
    pub content_type: &'static str,
}

/// Checks and encodes `request`; nothing is sent when this fails.
pub(crate) fn prepare<R: Request>(config: &Config, request: &R) -> Result<Prepared, Error> {
    let charset = config.account.encoding();
    let params = request
        .to_params(&config.account)
        .map_err(Error::Validation)?;
    let body = params.form_encode(charset).map_err(Error::Validation)?;
    // Names only: values include personal data, and `key` is a credential.
    tracing::trace!(params = ?params.iter().map(|p| &*p.name).collect::<Vec<_>>(), "encoded");
    Ok(Prepared {
        body,
        content_type: match charset {
            Charset::Utf8 => "application/x-www-form-urlencoded; charset=UTF-8",
            Charset::Latin1 => "application/x-www-form-urlencoded; charset=ISO-8859-1",
        },
    })
}

/// The span of one request: which request, never a parameter value. The answer's status,
/// txid and errorcode are recorded when it arrives.
pub(crate) fn span<R: Request>(config: &Config) -> tracing::Span {
    tracing::info_span!(
        "payone.request",
        api = "server",
        request = R::NAME,
        mode = config.account.param("mode").as_deref().unwrap_or(""),
        http.status = Empty,
        status = Empty,
        txid = Empty,
        errorcode = Empty,
    )
}

/// Checks the HTTP status of an answer, before its body is read: the body of any other
/// status than 2xx is never used.
pub(crate) fn check_status(http_status: u16) -> Result<(), Error> {
    tracing::Span::current().record("http.status", http_status);
    if (200..300).contains(&http_status) {
        Ok(())
    } else {
        Err(Error::Http {
            status: http_status,
        })
    }
}

/// The charset of an answer: its `Content-Type`'s, or `default`, the charset the request
/// declared.
pub(crate) fn answer_charset(
    content_type: Option<&str>,
    default: Charset,
) -> Result<Charset, Error> {
    Ok(match content_type.and_then(charset_param) {
        Some(name) => charset_named(name)?,
        None => default,
    })
}

/// Reads the body of a getfile or getinvoice answer: the file, or the error answer.
pub(crate) fn read_document(
    request: &'static str,
    received: Received,
    default: Charset,
) -> Result<Document, Error> {
    let content_type = received.content_type.as_deref();
    let charset = answer_charset(content_type, default)?;
    Document::read(request, content_type, received.body, charset)
}

/// Reads the body of a 2xx answer in the charset of its `Content-Type` (or `default`, the
/// charset the request declared).
pub(crate) fn read_answer(
    content_type: Option<&str>,
    body: Vec<u8>,
    default: Charset,
) -> Result<Answer, Error> {
    Answer::from_vec(body, answer_charset(content_type, default)?)
}

/// The error of an answer body that could not be read under the configured limit.
pub(crate) fn body_error(error: BodyError, config: &Config) -> Error {
    match error {
        BodyError::TooLarge => Error::AnswerTooLarge {
            limit: config.max_answer_bytes,
        },
        BodyError::Http(error) => transport_error(error, config),
    }
}

/// The value of the `charset` parameter of a `Content-Type`, without quotes.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The charset called `name`. US-ASCII is read as ISO-8859-1, which contains it; any other
/// charset (windows-1252 included, which differs from ISO-8859-1) is refused rather than
/// guessed.
fn charset_named(name: &str) -> Result<Charset, ParseError> {
    match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Ok(Charset::Utf8),
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" | "us-ascii" | "ascii" => {
            Ok(Charset::Latin1)
        }
        _ => Err(ParseError::UnsupportedCharset(printable_prefix(name, 32))),
    }
}

/// Classifies a reqwest error by how far the request got. Only a failure to connect proves
/// that nothing was sent; any later failure may have happened after PAYONE received the body.
pub(crate) fn transport_error(error: reqwest::Error, config: &Config) -> Error {
    let delivery = if error.is_connect() {
        Delivery::NotSent
    } else {
        Delivery::MaybeProcessed
    };
    if error.is_timeout() {
        let after = match delivery {
            Delivery::NotSent => config.connect_timeout.min(config.timeout),
            Delivery::MaybeProcessed => config.timeout,
        };
        Error::Timeout { after, delivery }
    } else {
        Error::Transport {
            delivery,
            source: error,
        }
    }
}

/// The raw answer of a request: its `Content-Type` and its body, read under the size limit.
pub(crate) struct Received {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Records the outcome on the current span.
pub(crate) fn record(result: &Result<Answer, Error>) {
    let span = tracing::Span::current();
    match result {
        Ok(answer) => {
            span.record("status", answer.status().as_str());
            if let Some(txid) = answer.txid() {
                span.record("txid", txid);
            }
        }
        Err(error) => record_error(error),
    }
}

/// Records the outcome of a getfile or getinvoice request: the size of the file, never its
/// bytes.
pub(crate) fn record_document(result: &Result<Document, Error>) {
    match result {
        Ok(document) => tracing::debug!(len = document.bytes().len(), "document received"),
        Err(error) => record_error(error),
    }
}

fn record_error(error: &Error) {
    let span = tracing::Span::current();
    match error {
        Error::Platform { errorcode, .. } => {
            span.record("status", "ERROR");
            span.record("errorcode", errorcode.as_str());
        }
        error => {
            tracing::debug!(outcome_unknown = error.outcome_unknown(), %error, "failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_type_charset_wins_over_the_declared_one() {
        let answer = read_answer(
            Some("text/plain; charset=\"ISO-8859-1\""),
            b"status=APPROVED\nstreet=Hellersbergstra\xdfe 14\n".to_vec(),
            Charset::Utf8,
        )
        .unwrap();
        assert_eq!(answer.get("street"), Some("Hellersbergstraße 14"));
    }

    #[test]
    fn unknown_charsets_and_http_errors_are_typed() {
        let err = read_answer(
            Some("text/plain;charset=windows-1252"),
            Vec::new(),
            Charset::Utf8,
        )
        .unwrap_err();
        assert!(matches!(
            err,
            Error::Parse(ParseError::UnsupportedCharset(ref c)) if c == "windows-1252"
        ));
        let err = check_status(503).unwrap_err();
        assert!(matches!(err, Error::Http { status: 503 }));
        assert!(err.outcome_unknown());
        let err = check_status(404).unwrap_err();
        assert!(!err.outcome_unknown());
    }

    #[test]
    fn invalid_utf8_is_a_parse_error() {
        let err =
            read_answer(None, b"status=APPROVED\nx=\xff\n".to_vec(), Charset::Utf8).unwrap_err();
        assert_eq!(
            err.to_string(),
            "PAYONE's answer could not be read (the answer is not valid UTF-8); the request may have been processed, so check its outcome before sending it again"
        );
    }
}
