//! Who may call the v2 API: the `Authorization: GCS v1HMAC:<apiKey>:<signature>` header checked
//! with `payone_types::gcs` against the account's API key and secret, the `Date` header it
//! signs, and the merchant named in the path.

use axum::http::{HeaderMap, Method, Uri, header};
use payone_types::gcs;
use subtle::ConstantTimeEq;

use super::errors::{Kind, V2Error};
use crate::config::V2Account;

/// Checks the signature, then the merchant: 401 before 403, so that a caller without the
/// secret learns nothing about which merchants exist.
pub(crate) fn authorize(
    account: &V2Account,
    merchant_id: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), V2Error> {
    check_signature(account, method, uri, headers).map_err(unauthorized)?;
    if merchant_id != account.merchant_id {
        return Err(V2Error::new(
            Kind::ForeignMerchant,
            "the API key may not act for the merchant in the path",
        ));
    }
    Ok(())
}

fn unauthorized(reason: &'static str) -> V2Error {
    V2Error::new(Kind::Unauthorized, reason)
}

/// The one value of header `name` as text; `Err` names what is wrong without the value.
fn single<'h>(
    headers: &'h HeaderMap,
    name: header::HeaderName,
    missing: &'static str,
    garbled: &'static str,
) -> Result<&'h str, &'static str> {
    let mut values = headers.get_all(&name).iter();
    let value = values.next().ok_or(missing)?;
    if values.next().is_some() {
        return Err(garbled);
    }
    value.to_str().map_err(|_| garbled)
}

fn check_signature(
    account: &V2Account,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), &'static str> {
    let authorization = single(
        headers,
        header::AUTHORIZATION,
        "the Authorization header is missing",
        "the Authorization header must be sent once, as text",
    )?;
    let date = single(
        headers,
        header::DATE,
        "the Date header is missing; it is part of the signature",
        "the Date header must be sent once, as text",
    )?;
    // The platform refuses dates it cannot read; the clock is not compared, so that recorded
    // requests stay valid in tests.
    if httpdate::parse_http_date(date).is_err() {
        return Err("the Date header is not an RFC 1123 date (Fri, 06 Jun 2014 13:39:43 GMT)");
    }
    let content_type = match headers.get(header::CONTENT_TYPE) {
        None => "",
        Some(value) => value
            .to_str()
            .map_err(|_| "the Content-Type header is not text")?,
    };
    let rest = authorization
        .strip_prefix(gcs::SCHEME)
        .and_then(|rest| rest.strip_prefix(':'))
        .ok_or("the Authorization header must be GCS v1HMAC:<apiKey>:<signature>")?;
    let (api_key, sent) = rest
        .split_once(':')
        .ok_or("the Authorization header must be GCS v1HMAC:<apiKey>:<signature>")?;
    if api_key != account.api_key {
        return Err("the API key is not the sandbox account's");
    }
    let mut signed_headers = Vec::new();
    for (name, value) in headers {
        if name.as_str().starts_with(gcs::X_GCS_PREFIX) {
            let value = value
                .to_str()
                .map_err(|_| "an X-GCS-* header is not text")?;
            signed_headers.push((name.as_str(), value));
        }
    }
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let string_to_sign =
        gcs::string_to_sign(method.as_str(), content_type, date, &signed_headers, path)
            .map_err(|_| "the request cannot be signed (an X-GCS-* header sent twice?)")?;
    let expected = gcs::signature(&account.api_secret, &string_to_sign);
    if bool::from(expected.as_bytes().ct_eq(sent.as_bytes())) {
        Ok(())
    } else {
        Err("the signature does not match the request")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const DATE: &str = "Fri, 06 Jun 2014 13:39:43 GMT";

    fn signed(path: &str, content_type: Option<&str>) -> HeaderMap {
        let account = V2Account::default();
        let mut request = gcs::GcsRequest::new("POST", DATE, path).header("X-GCS-Custom", " a ");
        if let Some(ct) = content_type {
            request = request.content_type(ct);
        }
        let signer = gcs::GcsSigner::new(account.api_key.as_str(), account.api_secret).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&signer.authorization(&request).unwrap()).unwrap(),
        );
        headers.insert(header::DATE, HeaderValue::from_static(DATE));
        headers.insert("x-gcs-custom", HeaderValue::from_static(" a "));
        if let Some(ct) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
        }
        headers
    }

    fn check(path: &str, headers: &HeaderMap) -> Result<(), V2Error> {
        let uri: Uri = path.parse().unwrap();
        authorize(
            &V2Account::default(),
            "sandboxmerchant",
            &Method::POST,
            &uri,
            headers,
        )
    }

    fn reason(result: Result<(), V2Error>) -> String {
        let err = result.unwrap_err();
        assert_eq!(err.status.as_u16(), 401);
        err.errors[0].message.clone()
    }

    #[test]
    fn a_signed_request_passes_and_any_change_fails() {
        let path = "/v2/sandboxmerchant/payments?x=1";
        let headers = signed(path, Some("application/json"));
        check(path, &headers).unwrap();
        assert_eq!(
            reason(check("/v2/sandboxmerchant/payments?x=2", &headers)),
            "the signature does not match the request"
        );
        let mut changed = headers.clone();
        changed.insert("x-gcs-custom", HeaderValue::from_static("b"));
        assert!(check(path, &changed).is_err());
        let mut no_date = headers.clone();
        no_date.remove(header::DATE);
        assert!(reason(check(path, &no_date)).starts_with("the Date header is missing"));
        let mut bad_date = headers.clone();
        bad_date.insert(header::DATE, HeaderValue::from_static("yesterday"));
        assert!(reason(check(path, &bad_date)).starts_with("the Date header is not"));
        let mut no_auth = headers;
        no_auth.remove(header::AUTHORIZATION);
        assert_eq!(
            reason(check(path, &no_auth)),
            "the Authorization header is missing"
        );
    }

    #[test]
    fn another_merchant_is_forbidden_after_the_signature() {
        let path = "/v2/other/payments";
        let headers = signed(path, None);
        let uri: Uri = path.parse().unwrap();
        let err = authorize(
            &V2Account::default(),
            "other",
            &Method::POST,
            &uri,
            &headers,
        )
        .unwrap_err();
        assert_eq!(err.status.as_u16(), 403);
    }
}
