//! Unzer (formerly Payolution) invoice, installments and direct debit (financingtype PYV, PYS,
//! PYD) (<https://docs.payone.com/payment-methods/unzer>).
//!
//! genericpayment `pre_check` accepts or refuses the buyer and answers a `workorderid` (the
//! field PAYONE's OXID plugin keeps from the answer, PAYONE-GmbH/oxid-7
//! `Application/Controller/FcPayOnePaymentView.php`). For installments, `calculation` with
//! that workorderid answers the plans, numbered from 1:
//! `add_paydata[PaymentDetails_<n>_Duration]` (months), `_Currency`, `_InterestRate`,
//! `_EffectiveInterestRate` (percent), `_OriginalAmount`, `_TotalAmount`,
//! `_MinimumInstallmentFee` and per installment `_Installment_<m>_Amount` and
//! `_Installment_<m>_Due` (`YYYY-MM-DD`); amounts are decimal numbers with two places. These
//! are the keys the same plugin reads (`_fcpoSetInstallmentOptionsByResponse`); it also reads
//! `_Usage` and `_StandardCreditInformationUrl` (the credit information document), which the
//! sandbox leaves out. The installment payment repeats the workorderid and the chosen plan's
//! duration as `add_paydata[installment_duration]`.

use crate::answer::Answer;
use crate::financing::plan::{Plan, due_date, hundredths, iso_date};
use crate::financing::{issued_workorder, positive_amount, risk_check};
use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The durations (months) and nominal yearly interest (hundredths of a percent) of the
/// sandbox's Unzer plans.
pub(crate) const PLANS: [(u32, i64); 3] = [(3, 1495), (6, 1495), (12, 1495)];

/// genericpayment `pre_check`: the risk check of the buyer.
pub(crate) fn pre_check(form: &Form, workorderid: &str) -> Result<Answer, Refusal> {
    risk_check(form)?;
    Ok(Answer::status("OK").with("workorderid", workorderid))
}

/// genericpayment `calculation` for Unzer installments, after the `pre_check` whose
/// workorderid it repeats.
pub(crate) fn calculation(state: &State, form: &Form) -> Result<Answer, Refusal> {
    const WHY: &str = "an Unzer calculation repeats the workorderid of its pre_check";
    let workorderid = issued_workorder(state, form, WHY)?;
    let amount = positive_amount(form, "the plans are calculated for the amount")?;
    let currency = form.non_empty("currency").unwrap_or("EUR");
    let mut answer = Answer::status("OK").with("workorderid", workorderid);
    for (n, (months, nominal)) in (1..).zip(PLANS) {
        let plan = Plan::new(amount, months, nominal);
        let key = |name: &str| format!("add_paydata[PaymentDetails_{n}_{name}]");
        answer = answer
            .with(key("Duration"), plan.payments)
            .with(key("Currency"), currency)
            .with(key("InterestRate"), hundredths(plan.nominal))
            .with(key("EffectiveInterestRate"), hundredths(plan.effective))
            .with(key("OriginalAmount"), hundredths(plan.amount))
            .with(key("TotalAmount"), hundredths(plan.total))
            .with(key("MinimumInstallmentFee"), hundredths(0));
        for m in 1..=plan.payments {
            let value = if m == plan.payments {
                plan.last
            } else {
                plan.monthly
            };
            answer = answer
                .with(key(&format!("Installment_{m}_Amount")), hundredths(value))
                .with(key(&format!("Installment_{m}_Due")), iso_date(due_date(m)));
        }
    }
    Ok(answer)
}

/// An Unzer pre-/authorization: installments repeat an issued workorderid and one of the
/// calculated durations.
pub(crate) fn check_payment(
    state: &State,
    form: &Form,
    financingtype: &str,
) -> Result<(), Refusal> {
    if financingtype != "PYS" {
        return Ok(());
    }
    issued_workorder(
        state,
        form,
        "an Unzer installment payment repeats its calculation's",
    )?;
    const DURATION: &str = "add_paydata[installment_duration]";
    let duration = form.get(DURATION).and_then(|d| d.parse::<u32>().ok());
    if !duration.is_some_and(|d| PLANS.iter().any(|(months, _)| *months == d)) {
        return Err(Refusal::faulty(
            DURATION,
            "not the duration of a calculated plan (3, 6, 12)",
        ));
    }
    Ok(())
}
