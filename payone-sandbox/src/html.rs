//! The few HTML pages of the sandbox, written by hand: every text that comes from a request goes
//! through [`escape`].

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// `s` with `& < > " '` replaced by entities: safe in text and in quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A complete page; `title` is escaped here, `body` must already be HTML.
pub(crate) fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} - PAYONE sandbox</title>\n</head>\n<body>\n<h1>{title}</h1>\n{body}\n\
         <p><small>PAYONE sandbox: nothing here is a real payment.</small></p>\n</body>\n</html>\n",
        title = escape(title),
    );
    (status, Html(html)).into_response()
}

/// A refusal page: `Request refused: {reason}`; `reason` is escaped here.
pub(crate) fn refused(status: StatusCode, reason: &str) -> Response {
    let body = format!("<p id=\"error\">Request refused: {}</p>", escape(reason));
    page(status, "Request refused", &body)
}

/// The 3-D Secure challenge page of `subject` (`Transaction`, `Payment`, ...) whose id shows
/// in `<span id="{id_attr}">`, with the links `id="authenticate"` and `id="fail"` to
/// `{path}/complete?result=ok|fail`. `id` and `path` are escaped here.
pub(crate) fn challenge(subject: &str, id_attr: &str, id: &str, path: &str) -> Response {
    let (id, path) = (escape(id), escape(path));
    let body = format!(
        "<p>{subject} <span id=\"{id_attr}\">{id}</span> asks for 3-D Secure authentication.</p>\n\
         <p><a id=\"authenticate\" href=\"{path}/complete?result=ok\">Authenticate</a></p>\n\
         <p><a id=\"fail\" href=\"{path}/complete?result=fail\">Fail</a></p>"
    );
    page(StatusCode::OK, "3-D Secure", &body)
}

/// The `result` of a challenge's completion link: `ok` is true, `fail` false, anything else
/// `None` (answer it with [`bad_challenge_result`]).
pub(crate) fn challenge_result(query: &HashMap<String, String>) -> Option<bool> {
    match query.get("result").map(String::as_str) {
        Some("ok") => Some(true),
        Some("fail") => Some(false),
        _ => None,
    }
}

/// The refusal of a completion link without a valid `result`.
pub(crate) fn bad_challenge_result() -> Response {
    refused(StatusCode::BAD_REQUEST, "result: must be ok or fail")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
