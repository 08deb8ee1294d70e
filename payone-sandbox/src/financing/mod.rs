//! The financing methods (`clearingtype=fnc`) beyond Klarna: PAYONE Secured Invoice,
//! Installment and Direct Debit (financingtype PIV, PIN, PDD), Ratepay (RPV, RPS, RPD) and
//! Unzer (PYV, PYS, PYD). Each provider's module answers its genericpayment helper calls and
//! checks what a pre-/authorization must carry from them; [`check_payment`] runs the checks
//! before a payment is kept.

pub(crate) mod plan;
pub(crate) mod ratepay;
pub(crate) mod secured;
pub(crate) mod unzer;

use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The `lastname` whose pre-/authorization the risk check of a secured, Ratepay or Unzer
/// payment refuses, and whose Unzer `pre_check` fails: `ERROR`, errorcode 2, naming
/// `lastname`.
pub const LASTNAME_RISK_DECLINED: &str = "Declined";

/// The financing types whose provider checks the buyer's risk.
const RISK_CHECKED: &[&str] = &[
    "PIV", "PIN", "PDD", "RPV", "RPS", "RPD", "PYV", "PYS", "PYD",
];

/// Refuses the buyer [`LASTNAME_RISK_DECLINED`].
pub(crate) fn risk_check(form: &Form) -> Result<(), Refusal> {
    match form.get("lastname") {
        Some(LASTNAME_RISK_DECLINED) => Err(Refusal::RiskDeclined),
        _ => Ok(()),
    }
}

/// The checks of a pre-/authorization with `clearingtype=fnc` that the tables cannot express:
/// the buyer data a provider needs, the helper call's results the payment repeats, the risk
/// check. Klarna and the other financing types pass unchecked.
pub(crate) fn check_payment(state: &State, form: &Form) -> Result<(), Refusal> {
    let Some(financingtype) = form.non_empty("financingtype") else {
        return Ok(());
    };
    match financingtype {
        "PIV" | "PIN" | "PDD" => secured::check_payment(state, form, financingtype)?,
        "RPV" | "RPS" | "RPD" => ratepay::check_payment(form)?,
        "PYV" | "PYS" | "PYD" => unzer::check_payment(state, form, financingtype)?,
        _ => {}
    }
    if RISK_CHECKED.contains(&financingtype) {
        risk_check(form)?;
    }
    Ok(())
}

/// Refuses the request unless each of `names` is given, naming the first missing one and
/// `why` it is needed.
pub(crate) fn require(form: &Form, names: &[&str], why: &str) -> Result<(), Refusal> {
    match names.iter().find(|name| form.non_empty(name).is_none()) {
        Some(name) => Err(Refusal::faulty(
            *name,
            format!("required parameter is missing: {why}"),
        )),
        None => Ok(()),
    }
}

/// `amount` as a positive number of minor units, for the calculations of a plan.
pub(crate) fn positive_amount(form: &Form, why: &str) -> Result<i64, Refusal> {
    let amount = form
        .non_empty("amount")
        .ok_or_else(|| Refusal::faulty("amount", format!("required parameter is missing: {why}")))?
        .parse::<i64>()
        .map_err(|_| Refusal::faulty("amount", "must be a number"))?;
    if amount <= 0 {
        return Err(Refusal::AmountIncorrect(
            "must be positive for a financing plan",
        ));
    }
    Ok(amount)
}

/// Refuses the request unless `workorderid` is one the sandbox handed out by an earlier
/// genericpayment call.
pub(crate) fn issued_workorder<'f>(
    state: &State,
    form: &'f Form,
    why: &str,
) -> Result<&'f str, Refusal> {
    let workorderid = form.non_empty("workorderid").ok_or_else(|| {
        Refusal::faulty(
            "workorderid",
            format!("required parameter is missing: {why}"),
        )
    })?;
    if !state.workorder_issued(workorderid) {
        return Err(Refusal::faulty(
            "workorderid",
            "not a workorderid of an earlier genericpayment",
        ));
    }
    Ok(workorderid)
}
