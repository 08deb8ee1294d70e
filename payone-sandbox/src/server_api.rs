//! `POST /post-gateway/`: the Server API. Decodes the form in its declared charset, checks
//! account, key, request and table in the documented order, executes the request and answers
//! `name=value` lines in the request's charset.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use payone_types::Api;
use payone_types::dynamic::validate;

use crate::answer::Answer;
use crate::app::App;
use crate::form::{self, Form};
use crate::refusal::Refusal;
use crate::{auth, payments, tables};

/// The handler.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (answer, charset) = match form::decode(&[&body]) {
        Err(undecodable) => (
            Reply::Lines(undecodable.refusal.answer()),
            undecodable.charset,
        ),
        Ok(form) => (answer(&app, &form, &headers), form.charset),
    };
    match answer {
        Reply::Lines(answer) => {
            let content_type = format!("text/plain; charset={}", charset.as_str());
            ([("content-type", content_type)], answer.to_lines(charset)).into_response()
        }
        Reply::File(bytes) => {
            ([("content-type", "application/pdf".to_owned())], bytes).into_response()
        }
    }
}

/// What the Server API answers: `name=value` lines, or the file of a getfile request.
enum Reply {
    Lines(Answer),
    File(Vec<u8>),
}

fn answer(app: &App, form: &Form, headers: &HeaderMap) -> Reply {
    let request = match check(app, form) {
        Ok(request) => request,
        Err(refusal) => return Reply::Lines(refusal.answer()),
    };
    let base = app.public_base(headers);
    // The lock is held while notifications are queued, so a transaction's notifications are
    // queued in the order its requests were executed.
    let mut state = app.state();
    match payments::execute(&mut state, request, form, &base) {
        Ok(outcome) => {
            for event in outcome.events {
                app.notifier.notify(event);
            }
            match outcome.file {
                Some(bytes) => Reply::File(bytes),
                None => Reply::Lines(outcome.answer),
            }
        }
        Err(refusal) => Reply::Lines(refusal.answer()),
    }
}

/// The checks before anything happens, in the documented order: `mid`, `portalid`, `aid`,
/// `key`, `request`, then the request's table (the first violation is reported).
fn check<'f>(app: &App, form: &'f Form) -> Result<&'f str, Refusal> {
    // The getfile and getinvoice tables have no `aid` (their pages send none); every other
    // request carries it.
    let without_aid = form
        .get("request")
        .and_then(|request| tables::rows(Api::Server, request))
        .is_some_and(|rows| !rows.iter().any(|row| row.name == "aid"));
    let account: &[&str] = if without_aid {
        &["mid", "portalid"]
    } else {
        &["mid", "portalid", "aid"]
    };
    auth::check_account(form, &app.accounts, account)?;
    auth::check_key(form, &app.accounts)?;
    let request = tables::known_request(form, Api::Server)?;
    let rows = tables::rows(Api::Server, request).unwrap_or_default();
    if let Some(violation) = validate(&rows, tables::rules(Api::Server, request), &form.pairs)
        .into_iter()
        .next()
    {
        return Err(Refusal::faulty(violation.param, violation.rule));
    }
    Ok(request)
}
