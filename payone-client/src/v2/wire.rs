//! The steps of a v2 call that do not depend on the HTTP client: the URL from the operation's
//! path, local validation, the signed headers, reading the answer by HTTP status, classifying
//! transport errors, tracing. Shared by the async and the blocking client so both behave the
//! same.

use std::time::{Duration, SystemTime};

use payone_types::gcs;
use payone_types::generated::v2::ErrorResponse;
use payone_types::json::{self, JsonObject, Operation};
use reqwest::Url;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, DATE, HeaderMap, HeaderName, HeaderValue,
};
use tracing::field::Empty;

use super::config::V2Config;
use super::environment::EnvironmentKind;
use super::error::{OperationInfo, RequestError, V2Error};
use crate::error::Delivery;

/// The body type of every request with a body.
pub(crate) const JSON: &str = "application/json";

/// The path parameters of an operation besides `{merchantId}`, which comes from the
/// configuration: at most one id, named by its placeholder.
///
/// ```
/// use payone_client::v2::PathParams;
///
/// let none = PathParams::NONE; // create_payment, create_hosted_tokenization
/// let one = PathParams::payment("3066019730_0"); // details, capture, cancel, refund
/// assert_eq!(one.payment_id(), Some("3066019730_0"));
/// let token = PathParams::token("tok-1"); // get_token, delete_token
/// assert_eq!(token.payment_id(), None);
/// assert_eq!(token.id(), Some(("tokenId", "tok-1")));
/// # let _ = (none, PathParams::hosted_tokenization("ht-1"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PathParams<'a> {
    id: Option<(&'static str, &'a str)>,
}

/// The placeholders besides `{merchantId}` that [`PathParams`] fills.
const PLACEHOLDERS: [&str; 7] = [
    "paymentId",
    "hostedTokenizationId",
    "tokenId",
    "hostedCheckoutId",
    "paymentProductId",
    "uniqueMandateReference",
    "paymentLinkId",
];

impl<'a> PathParams<'a> {
    /// No parameter (`/v2/{merchantId}/payments`).
    pub const NONE: PathParams<'static> = PathParams { id: None };

    /// The `{paymentId}` of the path.
    pub fn payment(payment_id: &'a str) -> Self {
        PathParams {
            id: Some(("paymentId", payment_id)),
        }
    }

    /// The `{hostedTokenizationId}` of the path.
    pub fn hosted_tokenization(hosted_tokenization_id: &'a str) -> Self {
        PathParams {
            id: Some(("hostedTokenizationId", hosted_tokenization_id)),
        }
    }

    /// The `{hostedCheckoutId}` of the path.
    pub fn hosted_checkout(hosted_checkout_id: &'a str) -> Self {
        PathParams {
            id: Some(("hostedCheckoutId", hosted_checkout_id)),
        }
    }

    /// The `{tokenId}` of the path.
    pub fn token(token_id: &'a str) -> Self {
        PathParams {
            id: Some(("tokenId", token_id)),
        }
    }

    /// The `{paymentProductId}` of the path (`get_payment_product`), its number written out.
    pub fn payment_product(payment_product_id: &'a str) -> Self {
        PathParams {
            id: Some(("paymentProductId", payment_product_id)),
        }
    }

    /// The `{uniqueMandateReference}` of the path (`get_mandate`, `block_mandate`, ...).
    pub fn mandate(unique_mandate_reference: &'a str) -> Self {
        PathParams {
            id: Some(("uniqueMandateReference", unique_mandate_reference)),
        }
    }

    /// The `{paymentLinkId}` of the path (`get_payment_link`, `cancel_payment_link`).
    pub fn payment_link(payment_link_id: &'a str) -> Self {
        PathParams {
            id: Some(("paymentLinkId", payment_link_id)),
        }
    }

    /// The `{paymentId}`, if any.
    pub fn payment_id(&self) -> Option<&'a str> {
        match self.id {
            Some(("paymentId", id)) => Some(id),
            _ => None,
        }
    }

    /// The id and the name of its placeholder (`("tokenId", "...")`), if any.
    pub fn id(&self) -> Option<(&'static str, &'a str)> {
        self.id
    }
}

/// Per-call `X-GCS-*` headers, sent and signed with the request (see `payone_types::gcs`).
///
/// ```
/// use payone_client::v2::CallOptions;
///
/// let options = CallOptions::new()
///     .idempotence_key("order-4711-attempt-1")
///     .client_meta_info("eyJwbGF0Zm9ybUlkZW50aWZpZXIiOiJzaG9wIn0=");
/// assert_eq!(options.headers().len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    headers: Vec<(String, String)>,
}

impl CallOptions {
    /// No extra header.
    pub fn new() -> Self {
        Self::default()
    }

    /// `X-GCS-Idempotence-Key`: the platform treats a request sent again with the same key as
    /// the same request, which makes resending a `create_payment` whose answer was lost safe.
    /// The client itself still never resends.
    pub fn idempotence_key(self, key: impl Into<String>) -> Self {
        self.header("X-GCS-Idempotence-Key", key)
    }

    /// `X-GCS-ClientMetaInfo` (base64 JSON describing the customer's device, as the SDKs send
    /// it).
    pub fn client_meta_info(self, value: impl Into<String>) -> Self {
        self.header("X-GCS-ClientMetaInfo", value)
    }

    /// Any `X-GCS-*` header; other names are refused when the call is made, because the
    /// platform signs `X-GCS-*` headers only.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The headers, in the order given.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }
}

/// A signed request ready to be sent.
pub(crate) struct Prepared {
    pub method: reqwest::Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Option<Vec<u8>>,
}

/// Checks that `name: value` is an `X-GCS-*` header that can be sent as it is signed.
pub(crate) fn check_header(name: &str, value: &str) -> Result<(), RequestError> {
    if !name
        .get(..gcs::X_GCS_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(gcs::X_GCS_PREFIX))
    {
        return Err(RequestError::NotGcsHeader(name.to_owned()));
    }
    // The signature folds line breaks; HTTP cannot carry them. Refusing them keeps what is
    // signed and what is sent the same.
    if HeaderName::from_bytes(name.as_bytes()).is_err()
        || value.contains(['\r', '\n'])
        || HeaderValue::from_str(value).is_err()
    {
        return Err(RequestError::InvalidHeader(name.to_owned()));
    }
    Ok(())
}

/// The URL of `Op` under the base: its path template with `{merchantId}` and `{paymentId}`
/// filled in, each percent-encoded as one segment.
pub(crate) fn url<Op: Operation>(
    base: &Url,
    merchant_id: &str,
    path: PathParams<'_>,
) -> Result<Url, RequestError> {
    let mut url = base.clone();
    let mut used_id = false;
    {
        let mut segments = url
            .path_segments_mut()
            .expect("a checked base URL has a path");
        segments.pop_if_empty();
        for segment in Op::PATH.split('/').filter(|s| !s.is_empty()) {
            if segment == "{merchantId}" {
                segments.push(merchant_id);
                continue;
            }
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                segments.push(segment);
                continue;
            };
            if !PLACEHOLDERS.contains(&name) {
                return Err(RequestError::UnknownPlaceholder(segment.to_owned()));
            }
            match path.id {
                Some((given, id)) if given == name => {
                    if id.is_empty() {
                        return Err(if name == "paymentId" {
                            RequestError::EmptyPaymentId
                        } else {
                            RequestError::EmptyId(name)
                        });
                    }
                    used_id = true;
                    segments.push(id);
                }
                _ if name == "paymentId" => return Err(RequestError::MissingPaymentId),
                _ => return Err(RequestError::MissingId(name)),
            }
        }
    }
    match path.id {
        Some(("paymentId", _)) if !used_id => Err(RequestError::UnexpectedPaymentId),
        Some((name, _)) if !used_id => Err(RequestError::UnexpectedId(name)),
        _ => Ok(url),
    }
}

/// Builds the signed request; nothing is sent when this fails.
pub(crate) fn prepare<E: EnvironmentKind, Op: Operation>(
    config: &V2Config<E>,
    path: PathParams<'_>,
    request: &Op::Request,
    options: &CallOptions,
    now: SystemTime,
) -> Result<Prepared, V2Error> {
    let refused = |source| V2Error::Request {
        operation: OperationInfo::of::<Op>(),
        source,
    };
    let mut url = url::<Op>(config.base.url(), &config.merchant_id, path).map_err(refused)?;
    let method = reqwest::Method::from_bytes(Op::METHOD.as_bytes())
        .map_err(|_| refused(RequestError::UnknownPlaceholder(Op::METHOD.to_owned())))?;
    let has_body = !matches!(
        method,
        reqwest::Method::GET | reqwest::Method::HEAD | reqwest::Method::DELETE
    );
    let value = request.to_json_value();
    // Reading the request back checks it against the table as the platform will, so a
    // request that would be refused is not sent at all (a GET's query parameters too).
    <Op::Request as JsonObject>::from_json_value(&value)
        .map_err(|violations| refused(RequestError::Invalid(violations)))?;
    let body = if has_body {
        super::hosted_checkout::check_live_urls::<E, Op>(&value).map_err(refused)?;
        Some(serde_json::to_vec(&value).expect("a JSON value always serialises"))
    } else {
        let pairs = json::query_pairs(&value);
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        None
    };
    let content_type = if has_body { JSON } else { "" };
    let date = httpdate::fmt_http_date(now);

    let mut gcs_headers: Vec<(&str, &str)> = Vec::new();
    for (name, value) in config.headers.iter().chain(options.headers()) {
        check_header(name, value).map_err(refused)?;
        gcs_headers.push((name, value));
    }
    let path_and_query = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let to_sign = gcs::string_to_sign(
        method.as_str(),
        content_type,
        &date,
        &gcs_headers,
        &path_and_query,
    )
    .map_err(|e| refused(RequestError::Signing(e)))?;
    let authorization = config.signer.authorization_for(&to_sign);

    let mut headers = HeaderMap::new();
    let value = |v: &str| HeaderValue::from_str(v).expect("checked header value");
    headers.insert(DATE, value(&date));
    headers.insert(ACCEPT, HeaderValue::from_static(JSON));
    if has_body {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
    }
    let mut authorization = value(&authorization);
    authorization.set_sensitive(true);
    headers.insert(AUTHORIZATION, authorization);
    for (name, v) in gcs_headers {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("checked header name");
        headers.append(name, value(v));
    }
    Ok(Prepared {
        method,
        url,
        headers,
        body,
    })
}

/// Reads an answer by its HTTP status.
pub(crate) fn read<Op: Operation>(status: u16, body: &[u8]) -> Result<Op::Response, V2Error> {
    let operation = OperationInfo::of::<Op>();
    tracing::Span::current().record("http.status", status);
    if (200..300).contains(&status) {
        // `204 No Content` (DeleteToken) is read as an empty object: an answer type that
        // needs members reports them missing.
        let body = if status == 204 && body.iter().all(u8::is_ascii_whitespace) {
            &b"{}"[..]
        } else {
            body
        };
        return <Op::Response as JsonObject>::from_json_bytes(body).map_err(|source| {
            V2Error::Answer {
                operation,
                status,
                source,
                payment_id: named_payment_id(body),
            }
        });
    }
    let response = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        read_error_answer(status, body).map(Box::new)
    };
    if let Some(id) = response.as_deref().and_then(|r| r.error_id()) {
        tracing::Span::current().record("error_id", id.as_str());
    }
    Err(match status {
        400 => V2Error::BadRequest {
            operation,
            response,
        },
        401 | 403 => V2Error::Unauthorized {
            operation,
            status,
            response,
        },
        402 => V2Error::Declined {
            operation,
            response,
        },
        404 => V2Error::NotFound {
            operation,
            response,
        },
        409 => V2Error::Conflict {
            operation,
            response,
        },
        405..=408 | 410..=499 => V2Error::Refused {
            operation,
            status,
            response,
        },
        _ => V2Error::Server {
            operation,
            status,
            response,
        },
    })
}

/// An error answer, read leniently: one member off the table must not cost the codes of the
/// others (or a declined payment's `paymentResult`).
fn read_error_answer(status: u16, body: &[u8]) -> Option<ErrorResponse> {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            tracing::warn!(line = error.line(), status, "the error answer is not JSON");
            return None;
        }
    };
    match ErrorResponse::from_json_value_lenient(&value) {
        Ok((response, left_out)) => {
            if !left_out.is_empty() {
                tracing::warn!(%left_out, status, "members of the error answer were left out");
            }
            Some(response)
        }
        Err(violations) => {
            tracing::warn!(%violations, status, "the error answer could not be read");
            None
        }
    }
}

/// The payment id an answer names where the v2 answers keep it (`payment.id` of a create,
/// `id` of details, capture, cancel and refund answers), read without the answer's rules.
fn named_payment_id(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    ["/payment/id", "/id"]
        .iter()
        .find_map(|pointer| value.pointer(pointer)?.as_str())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// Classifies a failure of reqwest. A connection that was never established cannot have
/// delivered anything; any later failure may have.
pub(crate) fn transport_error<Op: Operation>(
    error: reqwest::Error,
    timeout: Duration,
    connect_timeout: Duration,
    after_sending: bool,
) -> V2Error {
    let operation = OperationInfo::of::<Op>();
    let delivery = if error.is_connect() && !after_sending {
        Delivery::NotSent
    } else {
        Delivery::MaybeProcessed
    };
    if error.is_timeout() {
        V2Error::Timeout {
            operation,
            after: if delivery == Delivery::NotSent {
                connect_timeout.min(timeout)
            } else {
                timeout
            },
            delivery,
        }
    } else {
        V2Error::Transport {
            operation,
            delivery,
            source: error,
        }
    }
}

/// The span of one call: the operation and environment, never a value of the request or the
/// payment id.
pub(crate) fn span<E: EnvironmentKind, Op: Operation>() -> tracing::Span {
    tracing::info_span!(
        "payone.v2",
        operation = Op::NAME,
        method = Op::METHOD,
        environment = %E::ENVIRONMENT,
        http.status = Empty,
        error_id = Empty,
    )
}

/// Records the outcome class of a finished call on the current span.
pub(crate) fn record<T>(result: &Result<T, V2Error>) {
    if let Err(error) = result {
        if error.outcome_unknown() {
            tracing::warn!(%error, "the outcome is unknown; check it before sending again");
        } else {
            tracing::debug!(%error, "the call failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::json::NoBody;

    struct Details;
    impl Operation for Details {
        const NAME: &'static str = "get_payment_details";
        const METHOD: &'static str = "GET";
        const PATH: &'static str = "/v2/{merchantId}/payments/{paymentId}/details";
        type Request = NoBody;
        type Response = NoBody;
    }

    struct Create;
    impl Operation for Create {
        const NAME: &'static str = "create_payment";
        const METHOD: &'static str = "POST";
        const PATH: &'static str = "/v2/{merchantId}/payments";
        type Request = NoBody;
        type Response = NoBody;
    }

    #[test]
    fn urls_fill_the_template_segment_by_segment() {
        let base: Url = "http://127.0.0.1:8080/prefix/".parse().unwrap();
        let built = url::<Details>(&base, "m1", PathParams::payment("30/66?x")).unwrap();
        assert_eq!(
            built.as_str(),
            "http://127.0.0.1:8080/prefix/v2/m1/payments/30%2F66%3Fx/details"
        );
        let built = url::<Create>(&base, "m1", PathParams::NONE).unwrap();
        assert_eq!(
            built.as_str(),
            "http://127.0.0.1:8080/prefix/v2/m1/payments"
        );
        assert_eq!(
            url::<Details>(&base, "m1", PathParams::NONE),
            Err(RequestError::MissingPaymentId)
        );
        assert_eq!(
            url::<Details>(&base, "m1", PathParams::payment("")),
            Err(RequestError::EmptyPaymentId)
        );
        assert_eq!(
            url::<Create>(&base, "m1", PathParams::payment("1")),
            Err(RequestError::UnexpectedPaymentId)
        );
    }

    #[test]
    fn headers_must_be_gcs_headers_without_line_breaks() {
        check_header("X-GCS-ClientMetaInfo", "abc").unwrap();
        check_header("x-gcs-idempotence-key", "k").unwrap();
        assert_eq!(
            check_header("Accept", "x"),
            Err(RequestError::NotGcsHeader("Accept".into()))
        );
        assert_eq!(
            check_header("X-GCS-A", "a\nb"),
            Err(RequestError::InvalidHeader("X-GCS-A".into()))
        );
        assert_eq!(
            check_header("X-GCS-A B", "a"),
            Err(RequestError::InvalidHeader("X-GCS-A B".into()))
        );
    }
}
