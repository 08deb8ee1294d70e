//! The card issuer's access control server of a 3dscheck answered `ENROLLED`
//! ([`crate::threeds_check`]), and the platform's `termurl` the result comes back through:
//!
//! 1. the customer's browser posts `PaReq`, `TermUrl` and `MD` to the `acsurl`
//!    (`POST /sandbox/acs`), which shows the card with the links `id="authenticate"` and
//!    `id="fail"`;
//! 2. the link (`GET /sandbox/acs/{n}/complete?result=ok|fail`) records the customer's decision
//!    and answers a form `id="pares"` that posts `PaRes` and `MD` to the `TermUrl` (submitted by
//!    script, or by its button `id="continue"`);
//! 3. the `termurl` (`POST /sandbox/acs/term`) takes the result and sends the customer to the
//!    3dscheck's `exiturl` (303). The shop then sends the payment with the `xid`.
//!
//! Each step works once per authentication; a step out of order is a 404 page, a malformed
//! form a 400 page naming the field (never its value).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::App;
use crate::html::{
    bad_challenge_result, challenge, challenge_result, escape, page as html_page, refused,
};
use crate::redirect;
use crate::threeds_check::{Step, id_in, md, pares};

/// Longest `TermUrl` taken (the `exiturl` row allows 255 characters; a `TermUrl` is the
/// platform's own and shorter still).
const MAX_TERMURL: usize = 2048;

/// The first value of `name` in a posted form, unless empty.
fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// `POST /sandbox/acs` (`PaReq`, `TermUrl`, `MD`): the authentication page.
pub(crate) async fn page(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let Some(id) = field(&body, "PaReq").and_then(|p| id_in(&p, "pareq-")) else {
        return refused(
            StatusCode::BAD_REQUEST,
            "PaReq: missing or not a pareq of a 3dscheck",
        );
    };
    if field(&body, "MD").as_deref() != Some(md(id).as_str()) {
        return refused(StatusCode::BAD_REQUEST, "MD: not the md of this pareq");
    }
    let Some(termurl) = field(&body, "TermUrl").filter(|url| {
        url.len() <= MAX_TERMURL && (url.starts_with("http://") || url.starts_with("https://"))
    }) else {
        return refused(
            StatusCode::BAD_REQUEST,
            "TermUrl: missing, or not an http(s) URL of at most 2048 characters",
        );
    };
    let mut state = app.state();
    let Some(authentication) = state.threeds.get_mut(id).filter(|a| a.step == Step::AtAcs) else {
        return not_waiting();
    };
    authentication.termurl = Some(termurl);
    let truncated = authentication.truncatedcardpan.clone();
    drop(state);
    challenge("Card", "card", &truncated, &format!("/sandbox/acs/{id}"))
}

/// `GET /sandbox/acs/{n}/complete?result=ok|fail`: the customer's decision, and the form that
/// carries it to the `TermUrl`.
pub(crate) async fn complete(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(ok) = challenge_result(&query) else {
        return bad_challenge_result();
    };
    // Checked and changed under one lock: two clicks cannot both decide.
    let mut state = app.state();
    let Some((id, authentication)) = id
        .parse::<u64>()
        .ok()
        .and_then(|id| Some((id, state.threeds.get_mut(id)?)))
        .filter(|(_, a)| a.step == Step::AtAcs)
    else {
        return not_waiting();
    };
    // The page was shown first: it recorded where the result goes.
    let Some(termurl) = authentication.termurl.clone() else {
        return not_waiting();
    };
    authentication.step = Step::Decided(ok);
    drop(state);
    let body = format!(
        "<p id=\"result\">{}</p>\n\
         <form id=\"pares\" method=\"post\" action=\"{}\">\n\
         <input type=\"hidden\" name=\"PaRes\" value=\"{}\">\n\
         <input type=\"hidden\" name=\"MD\" value=\"{}\">\n\
         <button id=\"continue\" type=\"submit\">Continue</button>\n</form>\n\
         <script>document.getElementById('pares').submit();</script>",
        if ok { "authenticated" } else { "failed" },
        escape(&termurl),
        pares(id),
        md(id),
    );
    html_page(StatusCode::OK, "3-D Secure", &body)
}

/// `POST /sandbox/acs/term` (`PaRes`, `MD`): the platform takes the result and sends the
/// customer to the 3dscheck's `exiturl`.
pub(crate) async fn term(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let Some(id) = field(&body, "MD").and_then(|m| id_in(&m, "md-")) else {
        return refused(
            StatusCode::BAD_REQUEST,
            "MD: missing or not an md of a 3dscheck",
        );
    };
    if field(&body, "PaRes").as_deref() != Some(pares(id).as_str()) {
        return refused(StatusCode::BAD_REQUEST, "PaRes: not the answer to this md");
    }
    let mut state = app.state();
    let Some(authentication) = state.threeds.get_mut(id) else {
        return not_waiting();
    };
    let Step::Decided(ok) = authentication.step else {
        return not_waiting();
    };
    authentication.step = Step::Returned(ok);
    let exiturl = authentication.exiturl.clone();
    drop(state);
    redirect::see_other(&exiturl)
}

fn not_waiting() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "no 3-D Secure authentication waiting for this step",
    )
}
