//! Requests to the sandbox's v2 endpoints signed by hand (GCS v1HMAC), not through the client,
//! for the tests of what the sandbox answers a request the client would never send.

use payone_sandbox::DEFAULT_API_KEY;
use payone_types::gcs::SecretString;

/// The `Date` header of the hand-signed requests.
pub const DATE: &str = "Sun, 06 Dec 2026 10:00:00 GMT";

/// `method path` (with its query) signed by hand with `secret` (GCS v1HMAC), with a JSON body
/// when one is given.
pub async fn signed(
    http: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<&str>,
    secret: &str,
) -> reqwest::Response {
    let content_type = if body.is_some() {
        "application/json"
    } else {
        ""
    };
    let to_sign = payone_types::gcs::string_to_sign::<&str, &str>(
        method.as_str(),
        content_type,
        DATE,
        &[],
        path,
    )
    .unwrap();
    let authorization =
        payone_types::gcs::authorization(DEFAULT_API_KEY, &SecretString::from(secret), &to_sign);
    let mut request = http
        .request(method, format!("{base}{path}"))
        .header("date", DATE)
        .header("authorization", authorization);
    if let Some(body) = body {
        request = request
            .header("content-type", content_type)
            .body(body.to_owned());
    }
    request.send().await.unwrap()
}

pub async fn json(answer: reqwest::Response) -> serde_json::Value {
    serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap()
}
