//! An axum endpoint for v2 webhooks (feature `axum`).
//!
//! ```no_run
//! use payone_client::v2::{WebhookEvent, webhook_keys_from_env, webhook_router};
//!
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let keys = webhook_keys_from_env()?; // PAYONE_WEBHOOK_KEY_ID, PAYONE_WEBHOOK_SECRET
//! let app = axum::Router::new().nest(
//!     "/payone/webhooks",
//!     webhook_router(keys, |event: WebhookEvent| async move {
//!         // store the event under event.id() (ignore it if already stored), process it later
//!         Ok::<(), std::io::Error>(())
//!     }),
//! );
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```

use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::routing::post;
use payone_types::gcs::WebhookKeys;
use tracing::Instrument;

use super::webhook::{WebhookEvent, parse_webhook};

/// Webhook events are a few kilobytes; anything much larger is not one.
const BODY_LIMIT: usize = 256 * 1024;

/// A router that answers `POST /` with 200 once `on_event` has succeeded.
///
/// - signature missing or wrong: 401; signed but not an event: 400 (reasons logged, not
///   returned);
/// - `on_event` failed: 500, so that the platform sends the event again and nothing is lost;
///   the platform also resends events whose 200 did not arrive, so `on_event` must ignore
///   events whose [`WebhookEvent::id`] it already has.
pub fn webhook_router<F, Fut, E>(keys: WebhookKeys, on_event: F) -> Router
where
    F: Fn(WebhookEvent) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Display + Send + 'static,
{
    let keys = Arc::new(keys);
    Router::new().route(
        "/",
        post(move |request: Request| {
            let (keys, on_event) = (keys.clone(), on_event.clone());
            async move { receive(&keys, on_event, request).await }
        }),
    )
}

async fn receive<F, Fut, E>(keys: &WebhookKeys, on_event: F, request: Request) -> StatusCode
where
    F: Fn(WebhookEvent) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::BAD_REQUEST;
    };
    let event = match parse_webhook(&parts.headers, &body, keys) {
        Ok(event) => event,
        Err(error) => {
            tracing::warn!(%error, "refused a webhook");
            return if error.is_unauthenticated() {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::BAD_REQUEST
            };
        }
    };
    let span = tracing::info_span!(
        "payone.v2.webhook",
        event_type = event.event_type().as_str(),
        key_id = event.key_id().as_str(),
    );
    async move {
        match on_event(event).await {
            Ok(()) => StatusCode::OK,
            Err(error) => {
                tracing::error!(%error, "the webhook handler failed; the platform will resend");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
    .instrument(span)
    .await
}
