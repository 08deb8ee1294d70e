//! `GET`/`POST /client-api/`: the Client API the customer's browser calls (`creditcardcheck`,
//! `bankaccountcheck`, `managemandate`), answered as JSON or as a redirect carrying the answer in
//! the query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use payone_types::dynamic::validate;
use payone_types::{Api, Rule};

use crate::answer::Answer;
use crate::app::App;
use crate::form::{self, Form};
use crate::refusal::Refusal;
use crate::{auth, card, iban, mandates, redirect, tables};

/// The handler: parameters from the query and, for POST, the form body.
pub(crate) async fn handle(State(app): State<Arc<App>>, uri: Uri, body: Bytes) -> Response {
    let query = uri.query().unwrap_or_default().as_bytes();
    match form::decode(&[query, &body]) {
        Err(undecodable) => json(&undecodable.refusal.answer()),
        Ok(form) => {
            let answer = match check(&app, &form).and_then(|request| execute(&app, request, &form))
            {
                Ok(answer) => answer,
                Err(refusal) => refusal.answer(),
            };
            respond(&form, &answer)
        }
    }
}

/// `mid`, `portalid`, `aid`, `request`, `hash`, then the table (first violation).
fn check<'f>(app: &App, form: &'f Form) -> Result<&'f str, Refusal> {
    auth::check_account(form, &app.accounts, &["mid", "portalid", "aid"])?;
    let request = tables::known_request(form, Api::Client)?;
    let rows = tables::rows(Api::Client, request).unwrap_or_default();
    auth::check_hash(form, &rows, &app.accounts)?;
    if let Some(violation) = validate(&rows, tables::rules(Api::Client, request), &form.pairs)
        .into_iter()
        .next()
    {
        return Err(Refusal::faulty(violation.param, violation.rule));
    }
    Ok(request)
}

fn execute(app: &App, request: &str, form: &Form) -> Result<Answer, Refusal> {
    match request {
        "creditcardcheck" => creditcardcheck(app, form),
        "bankaccountcheck" => bankaccountcheck(form),
        // The same mandates as the Server API's: a payment there may name this mandate.
        "managemandate" => mandates::manage(&mut app.state().mandates, form),
        other => Err(Refusal::faulty(
            "request",
            format!("the sandbox does not emulate `{other}` yet"),
        )),
    }
}

/// Luhn, then the card type against the number's range; never answers the card number.
fn creditcardcheck(app: &App, form: &Form) -> Result<Answer, Refusal> {
    let pan = form.get("cardpan").unwrap_or_default();
    if !card::luhn(pan) {
        return Err(Refusal::InvalidCardNumber);
    }
    let cardtype = form.get("cardtype").unwrap_or_default();
    if let Some(detected) = card::detect_type(pan)
        && detected != cardtype
    {
        return Err(Refusal::CardTypeMismatch);
    }
    let mut answer = Answer::status("VALID");
    if form.get("storecarddata") != Some("no") {
        answer = answer.with("pseudocardpan", card::pseudo_pan(pan, &app.accounts.key));
    }
    answer = answer
        .with("truncatedcardpan", card::truncate(pan))
        .with("cardtype", cardtype);
    if let Some(expiry) = form.non_empty("cardexpiredate") {
        answer = answer.with("cardexpiredate", expiry);
    }
    Ok(answer)
}

/// The IBAN's mod-97; account number and bank code alone cannot be checked and pass.
fn bankaccountcheck(form: &Form) -> Result<Answer, Refusal> {
    match form.non_empty("iban") {
        Some(iban) if iban::valid(iban) => Ok(Answer::status("VALID")),
        Some(_) => Err(Refusal::InvalidIban),
        None if form.non_empty("bankaccount").is_some() && form.non_empty("bankcode").is_some() => {
            Ok(Answer::status("VALID"))
        }
        None => Err(Refusal::faulty("iban", Rule::Missing)),
    }
}

/// `responsetype=REDIRECT` with the URL for the outcome (`successurl` for VALID, and APPROVED
/// of managemandate; `errorurl` otherwise): 302 there with the answer in the query. Anything
/// else: JSON.
fn respond(form: &Form, answer: &Answer) -> Response {
    if form.get("responsetype") == Some("REDIRECT") {
        let url = match answer.get("status") {
            Some("VALID" | "APPROVED") => form.non_empty("successurl"),
            _ => form.non_empty("errorurl"),
        };
        if let Some(url) = url {
            return redirect::found(&answer.append_to_url(url));
        }
    }
    json(answer)
}

fn json(answer: &Answer) -> Response {
    ([("content-type", "application/json")], answer.to_json()).into_response()
}
