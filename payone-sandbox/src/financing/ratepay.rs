//! Ratepay invoice, installments and direct debit (financingtype RPV, RPS, RPD)
//! (<https://docs.payone.com/payment-methods/ratepay>).
//!
//! genericpayment `profile` answers the settings of the shop's Ratepay profile: `currency`,
//! `country-code-billing`, `country-code-delivery`, the amount limits per method
//! (`tx-limit-invoice-min`/`-max`, `tx-limit-elv-min`/`-max`, `tx-limit-installment-min`/`-max`,
//! in whole currency units), `month-allowed` (the durations, comma-separated),
//! `interestrate-default`, `payment-firstday`, `service-charge` and the
//! `eligibility-ratepay-invoice` / `-elv` / `-installment` flags (`yes`), each as
//! `add_paydata[NAME]`: the keys PAYONE's magento-2 plugin stores from the answer
//! (PAYONE-GmbH/magento-2 `Model/ResourceModel/RatepayProfileConfig.php`).
//!
//! genericpayment `calculation` (financingtype RPS) answers the plan for a duration
//! (`calculation-by-time` with `add_paydata[month]`) or a monthly rate (`calculation-by-rate`
//! with `add_paydata[rate]`, minor units): `add_paydata[amount]`, `number-of-rates`, `rate`,
//! `last-rate`, `total-amount`, `interest-amount`, `service-charge` (minor units),
//! `interest-rate`, `annual-percentage-rate`, `monthly-debit-interest` (percent, two decimals)
//! and `payment-firstday` (day of the month), the keys PAYONE's OXID plugin reads
//! (PAYONE-GmbH/oxid-7 `Application/Model/FcPayOneAjax.php`). The plugins give no unit for
//! them; the sandbox writes the amounts in minor units and the rates in percent, so that the
//! installment authorization repeats them as its table asks (`add_paydata[installment_amount]`
//! and the others in minor units, `add_paydata[interest_rate]` the percentage times 100).

use crate::answer::Answer;
use crate::financing::plan::{Plan, hundredths};
use crate::financing::{positive_amount, require};
use crate::form::Form;
use crate::refusal::Refusal;

/// The durations (months) of the sandbox's Ratepay profile.
pub(crate) const MONTHS_ALLOWED: [u32; 4] = [3, 6, 12, 24];
/// The nominal yearly interest of the sandbox's Ratepay plans, hundredths of a percent.
pub(crate) const INTEREST: i64 = 990;
/// The day of the month the installments fall due.
const PAYMENT_FIRSTDAY: &str = "28";

/// genericpayment `profile`: the sandbox's Ratepay profile, for any `add_paydata[shop_id]`.
pub(crate) fn profile(workorderid: &str) -> Answer {
    let months: Vec<String> = MONTHS_ALLOWED.iter().map(u32::to_string).collect();
    Answer::status("OK")
        .with("workorderid", workorderid)
        .with("add_paydata[currency]", "EUR")
        .with("add_paydata[country-code-billing]", "DE")
        .with("add_paydata[country-code-delivery]", "DE")
        .with("add_paydata[tx-limit-invoice-min]", 10)
        .with("add_paydata[tx-limit-invoice-max]", 5000)
        .with("add_paydata[tx-limit-elv-min]", 10)
        .with("add_paydata[tx-limit-elv-max]", 5000)
        .with("add_paydata[tx-limit-installment-min]", 200)
        .with("add_paydata[tx-limit-installment-max]", 5000)
        .with("add_paydata[month-allowed]", months.join(","))
        .with("add_paydata[interestrate-default]", hundredths(INTEREST))
        .with("add_paydata[payment-firstday]", PAYMENT_FIRSTDAY)
        .with("add_paydata[service-charge]", 0)
        .with("add_paydata[eligibility-ratepay-invoice]", "yes")
        .with("add_paydata[eligibility-ratepay-elv]", "yes")
        .with("add_paydata[eligibility-ratepay-installment]", "yes")
}

/// genericpayment `calculation` for Ratepay installments.
pub(crate) fn calculation(form: &Form, workorderid: &str) -> Result<Answer, Refusal> {
    const WHY: &str = "a Ratepay calculation needs it";
    require(
        form,
        &[
            "add_paydata[shop_id]",
            "add_paydata[customer_allow_credit_inquiry]",
            "add_paydata[calculation_type]",
        ],
        WHY,
    )?;
    consent(form)?;
    let amount = positive_amount(form, WHY)?;
    let months = match form.get("add_paydata[calculation_type]") {
        Some("calculation-by-time") => {
            require(
                form,
                &["add_paydata[month]"],
                "calculation-by-time needs it",
            )?;
            form.get("add_paydata[month]")
                .and_then(|m| m.parse::<u32>().ok())
                .filter(|m| MONTHS_ALLOWED.contains(m))
                .ok_or_else(|| {
                    Refusal::faulty(
                        "add_paydata[month]",
                        "not a duration of the profile's month-allowed (3, 6, 12, 24)",
                    )
                })?
        }
        // The table's LIST leaves only calculation-by-rate.
        _ => {
            require(form, &["add_paydata[rate]"], "calculation-by-rate needs it")?;
            let rate = form
                .get("add_paydata[rate]")
                .and_then(|r| r.parse::<i64>().ok())
                .filter(|r| *r > 0)
                .ok_or_else(|| {
                    Refusal::faulty(
                        "add_paydata[rate]",
                        "must be a positive number of minor units",
                    )
                })?;
            // The shortest duration whose rate does not exceed the wish, else the longest.
            MONTHS_ALLOWED
                .into_iter()
                .find(|m| Plan::new(amount, *m, INTEREST).monthly <= rate)
                .unwrap_or(MONTHS_ALLOWED[MONTHS_ALLOWED.len() - 1])
        }
    };
    let plan = Plan::new(amount, months, INTEREST);
    let monthly_interest = INTEREST / 12;
    Ok(Answer::status("OK")
        .with("workorderid", workorderid)
        .with("add_paydata[amount]", plan.amount)
        .with("add_paydata[number-of-rates]", plan.payments)
        .with("add_paydata[rate]", plan.monthly)
        .with("add_paydata[last-rate]", plan.last)
        .with("add_paydata[total-amount]", plan.total)
        .with("add_paydata[interest-amount]", plan.interest())
        .with("add_paydata[service-charge]", 0)
        .with("add_paydata[interest-rate]", hundredths(plan.nominal))
        .with(
            "add_paydata[annual-percentage-rate]",
            hundredths(plan.effective),
        )
        .with(
            "add_paydata[monthly-debit-interest]",
            hundredths(monthly_interest),
        )
        .with("add_paydata[payment-firstday]", PAYMENT_FIRSTDAY))
}

/// The page: the buyer's consent to the credit inquiry must be `yes`.
fn consent(form: &Form) -> Result<(), Refusal> {
    match form.get("add_paydata[customer_allow_credit_inquiry]") {
        Some("yes") => Ok(()),
        _ => Err(Refusal::faulty(
            "add_paydata[customer_allow_credit_inquiry]",
            "must be yes: Ratepay needs the buyer's consent to the credit inquiry",
        )),
    }
}

/// A Ratepay pre-/authorization: the consent, and for installments a duration of the
/// profile.
pub(crate) fn check_payment(form: &Form) -> Result<(), Refusal> {
    consent(form)?;
    if form.get("financingtype") == Some("RPS") {
        let number = form
            .get("add_paydata[installment_number]")
            .and_then(|n| n.parse::<u32>().ok());
        if !number.is_some_and(|n| MONTHS_ALLOWED.contains(&n)) {
            return Err(Refusal::faulty(
                "add_paydata[installment_number]",
                "not a duration of the profile's month-allowed (3, 6, 12, 24)",
            ));
        }
    }
    Ok(())
}
