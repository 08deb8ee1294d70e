//! SEPA Direct Debit mandates: `POST /v2/{merchantId}/mandates` stores a mandate (its IBAN's
//! check digits checked by the table's type), `GET .../mandates/{uniqueMandateReference}` reads
//! it, and `POST .../block`, `.../unblock`, `.../revoke` move it between `ACTIVE`, `BLOCKED` and
//! `REVOKED`. References the merchant does not choose come from a counter, so a run is
//! reproducible; at most `cap` mandates are kept, the oldest forgotten first.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use payone_types::generated::v2::{
    CreateMandateRequest, CreateMandateResponse, GetMandateResponse, MandateAlias,
    MandateCustomerResponse, MandateResponse, MandateSignatureType, MandateStatus,
    UniqueMandateReference,
};
use payone_types::json::JsonObject;
use payone_types::rule::{Rule, Violations};

use super::errors::{Kind, V2Error};
use super::{Signed, wire};
use crate::app::App;

/// The reference of the first mandate whose request names none (`SBXMANDATE0000000001`).
pub const FIRST_MANDATE: &str = "SBXMANDATE0000000001";

const REFERENCE_PREFIX: &str = "SBXMANDATE";
const IBAN: &str = "customer.bankAccountIban.iban";
const CUSTOMER_REFERENCE: &str = "customerReference";

/// Where a mandate stands (`mandate.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Active,
    Blocked,
    Revoked,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Active => "ACTIVE",
            Stage::Blocked => "BLOCKED",
            Stage::Revoked => "REVOKED",
        }
    }
}

/// One mandate: the request that created it (its generated types print no bank data) and
/// where it stands.
#[derive(Clone, Debug)]
struct Mandate {
    /// Creation order, for forgetting the oldest first.
    order: u64,
    request: CreateMandateRequest,
    stage: Stage,
}

/// The mandates kept, by reference: at most `cap`.
#[derive(Debug)]
pub(crate) struct Mandates {
    cap: usize,
    created: u64,
    mandates: BTreeMap<String, Mandate>,
}

impl Mandates {
    /// Nothing yet; at most `cap` (at least 1) mandates will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Mandates {
            cap: cap.max(1),
            created: 0,
            mandates: BTreeMap::new(),
        }
    }

    /// Mandates kept now.
    pub(crate) fn len(&self) -> usize {
        self.mandates.len()
    }

    /// Stores a new mandate under `reference` (the next counter's when `None`).
    fn create(
        &mut self,
        reference: Option<&str>,
        request: CreateMandateRequest,
    ) -> Result<String, V2Error> {
        let n = self.created + 1;
        let reference = match reference {
            Some(r) => r.to_owned(),
            None => format!("{REFERENCE_PREFIX}{n:010}"),
        };
        if self.mandates.contains_key(&reference) {
            return Err(V2Error::new(
                Kind::WrongStatus,
                "a mandate with this uniqueMandateReference exists already",
            ));
        }
        while self.mandates.len() >= self.cap {
            let oldest = self
                .mandates
                .iter()
                .min_by_key(|(_, m)| m.order)
                .map(|(r, _)| r.clone());
            match oldest {
                Some(r) => self.mandates.remove(&r),
                None => break,
            };
        }
        self.created = n;
        self.mandates.insert(
            reference.clone(),
            Mandate {
                order: n,
                request,
                stage: Stage::Active,
            },
        );
        Ok(reference)
    }
}

/// `POST .../mandates`: 201 `CreateMandateResponse`.
pub(crate) async fn create(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(create_mandate(&app, &signed.body))
}

fn create_mandate(app: &App, body: &[u8]) -> Result<(StatusCode, CreateMandateResponse), V2Error> {
    let request: CreateMandateRequest = wire::read(body)?;
    // The SDK's CreateMandateRequest: customerReference is needed, and the IBAN unless the
    // customer signs through their bank (AIS).
    let mut missing = Vec::new();
    if request.customer_reference().is_none() {
        missing.push(CUSTOMER_REFERENCE);
    }
    let has_iban = request
        .customer()
        .and_then(|c| c.bank_account_iban())
        .and_then(|b| b.iban())
        .is_some();
    if !has_iban && request.signature_type() != Some(&MandateSignatureType::Ais) {
        missing.push(IBAN);
    }
    if !missing.is_empty() {
        let mut violations = Violations::new();
        for path in missing {
            violations.push(path, Rule::Missing);
        }
        return Err(V2Error::violations(&violations));
    }
    let reference = request
        .unique_mandate_reference()
        .map(|r| r.as_str().to_owned());
    let mut mandates = app.v2.mandates();
    let reference = mandates.create(reference.as_deref(), request)?;
    let mandate = mandates
        .mandates
        .get(&reference)
        .ok_or_else(|| internal("the mandate just stored is gone"))?;
    let answer = CreateMandateResponse::new().with_mandate(mandate_response(&reference, mandate)?);
    Ok((StatusCode::CREATED, answer))
}

/// `GET .../mandates/{uniqueMandateReference}`.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    Path((_, reference)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    app.v2.answer(change(&app, &reference, |_| Ok(None)))
}

/// `POST .../block`: only an `ACTIVE` mandate.
pub(crate) async fn block(
    State(app): State<Arc<App>>,
    Path((_, reference)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    app.v2.answer(change(&app, &reference, |stage| match stage {
        Stage::Active => Ok(Some(Stage::Blocked)),
        other => Err(wrong_status(other, "only an ACTIVE mandate can be blocked")),
    }))
}

/// `POST .../unblock`: only a `BLOCKED` mandate; a revoked one stays revoked.
pub(crate) async fn unblock(
    State(app): State<Arc<App>>,
    Path((_, reference)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    app.v2.answer(change(&app, &reference, |stage| match stage {
        Stage::Blocked => Ok(Some(Stage::Active)),
        Stage::Revoked => Err(wrong_status(stage, "a revoked mandate cannot be unblocked")),
        Stage::Active => Err(wrong_status(
            stage,
            "only a BLOCKED mandate can be unblocked",
        )),
    }))
}

/// `POST .../revoke`: an `ACTIVE` or `BLOCKED` mandate, for good.
pub(crate) async fn revoke(
    State(app): State<Arc<App>>,
    Path((_, reference)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    app.v2.answer(change(&app, &reference, |stage| match stage {
        Stage::Active | Stage::Blocked => Ok(Some(Stage::Revoked)),
        Stage::Revoked => Err(wrong_status(stage, "the mandate is revoked already")),
    }))
}

/// Applies `step` to the mandate's stage (`None`: unchanged) and answers the mandate.
fn change(
    app: &App,
    reference: &str,
    step: impl FnOnce(Stage) -> Result<Option<Stage>, V2Error>,
) -> Result<(StatusCode, GetMandateResponse), V2Error> {
    let mut mandates = app.v2.mandates();
    let mandate = mandates.mandates.get_mut(reference).ok_or_else(|| {
        V2Error::new(
            Kind::UnknownMandate,
            "no mandate with this uniqueMandateReference",
        )
    })?;
    if let Some(next) = step(mandate.stage)? {
        mandate.stage = next;
    }
    let answer = GetMandateResponse::new().with_mandate(mandate_response(reference, mandate)?);
    Ok((StatusCode::OK, answer))
}

fn wrong_status(stage: Stage, why: &str) -> V2Error {
    V2Error::new(
        Kind::WrongStatus,
        format!("the mandate is {}: {why}", stage.as_str()),
    )
}

/// The mandate as the platform answers it: the request's members, its reference and status,
/// `alias` the request's or the masked IBAN.
fn mandate_response(reference: &str, mandate: &Mandate) -> Result<MandateResponse, V2Error> {
    let request = &mandate.request;
    let mut answer = MandateResponse::new()
        .with_unique_mandate_reference(
            UniqueMandateReference::try_new(reference.to_owned()).map_err(internal)?,
        )
        .with_status(MandateStatus::try_new(mandate.stage.as_str().to_owned()).map_err(internal)?);
    let alias = match request.alias() {
        Some(alias) => Some(alias.clone()),
        None => request
            .customer()
            .and_then(|c| c.bank_account_iban())
            .and_then(|b| b.iban())
            .map(|iban| MandateAlias::try_new(masked(iban.as_str())))
            .transpose()
            .map_err(internal)?,
    };
    if let Some(alias) = alias {
        answer = answer.with_alias(alias);
    }
    if let Some(customer) = request.customer() {
        // The answer's customer has the request's members (the SDK's MandateCustomerResponse).
        let customer = MandateCustomerResponse::from_json_value(&customer.to_json_value())
            .map_err(|_| internal("the customer does not read as MandateCustomerResponse"))?;
        answer = answer.with_customer(customer);
    }
    if let Some(r) = request.customer_reference() {
        answer = answer.with_customer_reference(r.clone());
    }
    if let Some(t) = request.recurrence_type() {
        answer = answer.with_recurrence_type(*t);
    }
    Ok(answer)
}

/// The IBAN with all but its country code, check digits and last four characters replaced by
/// `*` (the IBAN is ASCII: the table's type checked its check digits).
fn masked(iban: &str) -> String {
    iban.char_indices()
        .map(|(i, c)| if i < 4 || i + 4 >= iban.len() { c } else { '*' })
        .collect()
}

fn internal(what: impl std::fmt::Display) -> V2Error {
    V2Error::new(
        Kind::Internal,
        format!("the sandbox built an invalid answer: {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_country_check_digits_and_the_last_four() {
        assert_eq!(masked("DE46720200700359736690"), "DE46**************6690");
    }

    #[test]
    fn the_oldest_mandate_is_forgotten_first() {
        let mut mandates = Mandates::new(2);
        let a = mandates.create(None, CreateMandateRequest::new()).unwrap();
        let b = mandates
            .create(Some("mine"), CreateMandateRequest::new())
            .unwrap();
        let c = mandates.create(None, CreateMandateRequest::new()).unwrap();
        assert_eq!(a, FIRST_MANDATE);
        assert_eq!(c, "SBXMANDATE0000000003");
        assert_eq!(mandates.len(), 2);
        assert!(!mandates.mandates.contains_key(&a));
        assert!(mandates.mandates.contains_key(&b));
        assert!(
            mandates
                .create(Some("mine"), CreateMandateRequest::new())
                .is_err()
        );
    }
}
