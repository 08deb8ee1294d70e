//! What happens to a request before the routes see it: Server API and v2 requests are counted,
//! and the faults of the switch are applied to `/post-gateway/`, `/client-api/` and the v2
//! operations.
//!
//! This sits between hyper and the router (not in an axum middleware) because dropping a
//! connection without any answer needs the service to fail: hyper then closes the connection.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode};
use axum::response::IntoResponse;
use tower_service::Service;

use payone_types::Api;

use crate::app::App;
use crate::faults::Action;
use crate::tables;
use crate::v2::{self, errors::V2Error};

/// Larger bodies are refused with 413 (the same limit axum applies by default).
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The counter of Server API requests whose `request` value the tables do not know.
pub(crate) const UNKNOWN_REQUEST: &str = "unknown";

/// The error that makes hyper close the connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
pub(crate) struct Dropped;

/// Handles one request: counting, faults, then the router.
pub(crate) async fn handle(
    app: Arc<App>,
    mut router: Router,
    request: Request<Body>,
) -> Result<Response<Body>, Dropped> {
    let path = request.uri().path();
    let server_api = path.starts_with("/post-gateway");
    let v2_operation = v2::counter(request.method(), path);
    if let Some(name) = v2_operation {
        app.count_request(name);
    }
    let faulty = server_api || path.starts_with("/client-api") || v2_operation.is_some();
    let request = if server_api && request.method() == Method::POST {
        match count(&app, request).await {
            Ok(request) => request,
            Err(response) => return Ok(response),
        }
    } else {
        request
    };
    if faulty {
        let (latency, action) = app.faults.take();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        match action {
            Action::Pass => {}
            Action::Drop => return Err(Dropped),
            // v2 clients read an ErrorResponse from every non-2xx answer, as the platform sends.
            Action::Status(status) if v2_operation.is_some() => {
                return Ok(app.v2.error(&V2Error::fault(status)));
            }
            Action::Status(status) => return Ok(status.into_response()),
        }
    }
    // The router's error type is Infallible.
    Ok(router
        .call(request)
        .await
        .unwrap_or_else(|never| match never {}))
}

/// Reads the body to count the request by its `request` parameter (before any fault, so a
/// dropped request counts too), and puts the body back for the handler.
///
/// Counting comes before the key check, so the caller may be anyone: a `request` value the
/// tables do not know is counted as [`UNKNOWN_REQUEST`], never under its own text.
async fn count(app: &App, request: Request<Body>) -> Result<Request<Body>, Response<Body>> {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    };
    let name = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == "request")
        .map(|(_, value)| tables::request_name(Api::Server, &value).unwrap_or(UNKNOWN_REQUEST));
    if let Some(name) = name {
        app.count_request(name);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}
