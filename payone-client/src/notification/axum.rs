//! An axum endpoint for TransactionStatus notifications (feature `axum`).
//!
//! ```no_run
//! use std::net::SocketAddr;
//! use payone_client::notification::{Notification, Verifier, axum::notification_router};
//!
//! # async fn f(verifier: Verifier) -> std::io::Result<()> {
//! let app = axum::Router::new().nest(
//!     "/payone/status",
//!     notification_router(verifier, |n: Notification| async move {
//!         // store n under n.dedup_key() (ignore it if already stored), process it later
//!         Ok::<(), std::io::Error>(())
//!     }),
//! );
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
//! // The peer address is needed for the network check: serve with connect info.
//! axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
//! # }
//! ```

use std::fmt::Display;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tracing::Instrument;

use super::{Notification, TSOK, Verifier};

/// Notifications are a few kilobytes; anything much larger is not one.
const BODY_LIMIT: usize = 64 * 1024;

/// A router that answers `POST /` with exactly `TSOK` once `on_notification` has succeeded.
///
/// - body not a notification: 400; verification failed: 401 (key) or 403 (portal, sub-account,
///   network), the reason logged, not returned;
/// - `on_notification` failed: 500, so that PAYONE sends the notification again and nothing is
///   lost; PAYONE also resends after a `TSOK` that did not arrive, so `on_notification` must
///   ignore events whose [`Notification::dedup_key`] it already has.
///
/// PAYONE waits about 10 s for the answer: store the notification and process it afterwards.
///
/// The network check needs the peer address: serve the app with
/// `into_make_service_with_connect_info::<SocketAddr>()`. Without it, a verifier that checks
/// networks answers 500 (a configuration error, so PAYONE retries); one that does not check
/// networks works either way.
pub fn notification_router<F, Fut, E>(verifier: Verifier, on_notification: F) -> Router
where
    F: Fn(Notification) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Display + Send + 'static,
{
    let verifier = Arc::new(verifier);
    Router::new().route(
        "/",
        post(move |request: Request| {
            let (verifier, callback) = (verifier.clone(), on_notification.clone());
            async move { receive(&verifier, callback, request).await }
        }),
    )
}

async fn receive<F, Fut, E>(verifier: &Verifier, on_notification: F, request: Request) -> Response
where
    F: Fn(Notification) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: Display,
{
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded_for = forwarded_for(request.headers());
    let body = match to_bytes(request.into_body(), BODY_LIMIT).await {
        Ok(body) => body,
        Err(_) => return plain(StatusCode::BAD_REQUEST, "unreadable body"),
    };
    let notification = match Notification::parse(&body) {
        Ok(n) => n,
        Err(error) => {
            tracing::warn!(%error, "refused a notification that could not be read");
            return plain(StatusCode::BAD_REQUEST, "not a notification");
        }
    };
    let span = tracing::info_span!(
        "payone.notification",
        txaction = notification.txaction().as_str(),
        txid = notification.txid().unwrap_or(""),
        sequencenumber = notification.sequencenumber(),
    );
    async move {
        let peer = match peer {
            Some(peer) => peer,
            None if verifier.checks_networks() => {
                tracing::error!(
                    "no peer address: serve with into_make_service_with_connect_info::<SocketAddr>()"
                );
                return plain(StatusCode::INTERNAL_SERVER_ERROR, "misconfigured");
            }
            // Not looked at when no network is configured.
            None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        };
        if let Err(error) = verifier.verify(&notification, peer, forwarded_for.as_deref()) {
            tracing::warn!(%error, "refused a notification");
            return if error.is_unauthenticated() {
                plain(StatusCode::UNAUTHORIZED, "unauthorized")
            } else {
                plain(StatusCode::FORBIDDEN, "forbidden")
            };
        }
        match on_notification(notification).await {
            Ok(()) => plain(StatusCode::OK, TSOK),
            Err(error) => {
                tracing::error!(%error, "the notification handler failed; PAYONE will resend");
                plain(StatusCode::INTERNAL_SERVER_ERROR, "not processed")
            }
        }
    }
    .instrument(span)
    .await
}

/// Every `X-Forwarded-For` header, joined in order: proxies may add a header instead of
/// extending the last one.
fn forwarded_for(headers: &HeaderMap) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        // A value that is not text cannot be read as addresses: kept as an entry that fails to
        // parse, so the verifier refuses it instead of skipping it.
        .map(|v| v.to_str().unwrap_or("?"))
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// A `text/plain` answer: for 200 exactly `TSOK`, no BOM, no charset games.
fn plain(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain")], body).into_response()
}
