//! Redirects to URLs that came from a request (`successurl`, `errorurl`, `backurl`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `302 Found` to `url` (what the Client API answers with `responsetype=REDIRECT`).
pub(crate) fn found(url: &str) -> Response {
    to(StatusCode::FOUND, url)
}

/// `303 See Other` to `url`: after a POST the browser follows with a GET.
pub(crate) fn see_other(url: &str) -> Response {
    to(StatusCode::SEE_OTHER, url)
}

fn to(status: StatusCode, url: &str) -> Response {
    (status, [(header::LOCATION, location(url))]).into_response()
}

/// `url` as a header value: characters a header cannot carry (non-ASCII, controls, spaces)
/// are percent-encoded as UTF-8, as browsers do with such links.
fn location(url: &str) -> HeaderValue {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    HeaderValue::from_str(&out).unwrap_or(HeaderValue::from_static("/"))
}

#[cfg(test)]
mod tests {
    use super::location;

    #[test]
    fn unusual_characters_are_percent_encoded() {
        assert_eq!(
            location("https://shop.example/zurück?a=b c"),
            "https://shop.example/zur%C3%BCck?a=b%20c"
        );
    }
}
