//! `POST /v2/{merchantId}/sessions` (CreateSession): a session for the platform's client SDKs.
//! The sandbox serves no client API: the session's ids count, its URLs name the sandbox, and
//! nothing is kept but the counter.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use payone_types::generated::v2::{
    AssetUrl, ClientApiUrl, ClientSessionId, InvalidSessionToken, SessionCustomerId,
    SessionRequest, SessionResponse,
};

use super::errors::{Kind, V2Error};
use super::{Signed, wire};
use crate::app::App;

/// `POST .../sessions`.
pub(crate) async fn create(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(open(&app, &signed.body, &signed.headers))
}

fn open(
    app: &App,
    body: &[u8],
    headers: &HeaderMap,
) -> Result<(StatusCode, SessionResponse), V2Error> {
    let request: SessionRequest = wire::read(body)?;
    let base = app.public_base(headers);
    let invalid: Vec<InvalidSessionToken> = {
        let tokens = app.v2.tokens();
        request
            .tokens()
            .iter()
            .filter(|t| !tokens.knows(t.as_str()))
            .map(|t| InvalidSessionToken::try_new(t.as_str().to_owned()).map_err(internal))
            .collect::<Result<_, _>>()?
    };
    let n = app.v2.sessions.fetch_add(1, Ordering::Relaxed) + 1;
    let mut answer = SessionResponse::new()
        .with_client_session_id(ClientSessionId::try_new(format!("{n:032x}")).map_err(internal)?)
        .with_customer_id(
            SessionCustomerId::try_new(format!("sandbox-customer-{n}")).map_err(internal)?,
        )
        .with_client_api_url(
            ClientApiUrl::try_new(format!("{base}/v2/sandbox/client")).map_err(internal)?,
        )
        .with_asset_url(AssetUrl::try_new(format!("{base}/v2/sandbox/assets")).map_err(internal)?);
    if !invalid.is_empty() {
        answer = answer.with_invalid_tokens(invalid);
    }
    Ok((StatusCode::OK, answer))
}

fn internal(what: impl std::fmt::Display) -> V2Error {
    V2Error::new(
        Kind::Internal,
        format!("the sandbox built an invalid answer: {what}"),
    )
}
