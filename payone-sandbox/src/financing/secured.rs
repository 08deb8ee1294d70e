//! PAYONE Secured Invoice, Installment and Direct Debit (financingtype PIV, PIN, PDD), whose
//! risk Payla takes (<https://docs.payone.com/payment-methods/payone-secured-installment>).
//!
//! The installment flow: genericpayment `add_paydata[action]=installment_options` answers a
//! `workorderid` and the options the buyer chooses from; the pre-/authorization names the
//! chosen option by `add_paydata[installment_option_id]`.
//!
//! Answer fields of `installment_options`: `workorderid`, `add_paydata[amount_value]`,
//! `add_paydata[amount_currency]` and per option `installment_option_id`, `total_amount_value`,
//! `total_amount_currency`, `first_rate_date`, `last_rate_amount_value` as the Secured
//! Installment page's answer table names them
//! (<https://docs.payone.com/display/public/PLATFORM/PAYONE+-+Secured+Installment>); the page's
//! table ends there. The page writes the keys of one option; the answer holds several, and
//! PAYONE's plugins read each option's keys with its index appended
//! (`add_paydata[installment_option_id_0]`, from 0), as the sandbox writes them. The further keys `last_rate_amount_currency`, `monthly_amount_value`,
//! `monthly_amount_currency`, `nominal_interest_rate`, `effective_interest_rate` (hundredths of
//! a percent) and `number_of_payments` are those PAYONE's plugins read from the answer
//! (PAYONE-GmbH/shopware-6 `src/Components/SecuredInstallment/InstallmentService.php`,
//! PAYONE-GmbH/oxid-7 `Application/Model/FcPayOneAjax.php`); amounts are minor units there.
//! The plugins also read a link to each option's credit information document
//! (`link_credit_information_href`, `..._type`), which the sandbox does not serve and leaves
//! out.

use crate::answer::Answer;
use crate::financing::plan::{Plan, due_date, iso_date};
use crate::financing::{positive_amount, require};
use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The options the sandbox offers for every amount: number of payments and nominal yearly
/// interest in hundredths of a percent.
pub(crate) const OPTIONS: [(u32, i64); 3] = [(3, 900), (6, 1100), (12, 1400)];

/// The buyer data each secured method needs beside its block, as the blocks' pages list them
/// (spec/server/methods/fnc.toml, `financing_piv`, `financing_pin`, `financing_pdd`).
fn buyer_data(financingtype: &str) -> &'static [&'static str] {
    match financingtype {
        "PIN" => &["businessrelation", "birthday", "telephonenumber"],
        _ => &[
            "businessrelation",
            "birthday",
            "telephonenumber",
            "email",
            "ip",
        ],
    }
}

/// The ID of option `index` of a workorder: `IOP_`, the workorderid, `_` and the index.
fn option_id(workorderid: &str, index: usize) -> String {
    format!("IOP_{workorderid}_{index}")
}

/// The workorderid and option index an option ID names, if it is one of the sandbox's.
fn parse_option_id(id: &str) -> Option<(&str, usize)> {
    let (workorderid, index) = id.strip_prefix("IOP_")?.rsplit_once('_')?;
    let index = index.parse::<usize>().ok().filter(|i| *i < OPTIONS.len())?;
    Some((workorderid, index))
}

/// genericpayment `installment_options`: the options for `amount` in EUR.
pub(crate) fn installment_options(form: &Form, workorderid: &str) -> Result<Answer, Refusal> {
    if form.get("financingtype") != Some("PIN") {
        return Err(Refusal::faulty(
            "financingtype",
            "installment_options is the helper call of PAYONE Secured Installment (PIN)",
        ));
    }
    // The page fixes the business relation to b2c: the method is not offered to companies.
    if form.get("add_paydata[businessRelation]") != Some("b2c") {
        return Err(Refusal::faulty(
            "add_paydata[businessRelation]",
            "must be b2c: PAYONE Secured Installment is offered to consumers only",
        ));
    }
    let amount = positive_amount(form, "the options are calculated for the amount")?;
    require(
        form,
        &["currency"],
        "the options are calculated for the amount",
    )?;
    if form.get("currency") != Some("EUR") {
        return Err(Refusal::faulty(
            "currency",
            "PAYONE Secured Installment is offered in EUR only",
        ));
    }
    let first_rate = iso_date(due_date(1));
    let mut answer = Answer::status("OK")
        .with("workorderid", workorderid)
        .with("add_paydata[amount_value]", amount)
        .with("add_paydata[amount_currency]", "EUR");
    for (index, (payments, nominal)) in OPTIONS.iter().enumerate() {
        let plan = Plan::new(amount, *payments, *nominal);
        let key = |name: &str| format!("add_paydata[{name}_{index}]");
        answer = answer
            .with(key("installment_option_id"), option_id(workorderid, index))
            .with(key("number_of_payments"), plan.payments)
            .with(key("monthly_amount_value"), plan.monthly)
            .with(key("monthly_amount_currency"), "EUR")
            .with(key("last_rate_amount_value"), plan.last)
            .with(key("last_rate_amount_currency"), "EUR")
            .with(key("total_amount_value"), plan.total)
            .with(key("total_amount_currency"), "EUR")
            .with(key("first_rate_date"), &first_rate)
            .with(key("nominal_interest_rate"), plan.nominal)
            .with(key("effective_interest_rate"), plan.effective);
    }
    Ok(answer)
}

/// A secured pre-/authorization: the buyer data the method needs, and for installments an
/// option the sandbox offered (of the workorder the request names, when it names one).
pub(crate) fn check_payment(
    state: &State,
    form: &Form,
    financingtype: &str,
) -> Result<(), Refusal> {
    let method = match financingtype {
        "PIV" => "PAYONE Secured Invoice",
        "PIN" => "PAYONE Secured Installment",
        _ => "PAYONE Secured Direct Debit",
    };
    require(
        form,
        buyer_data(financingtype),
        &format!("{method} needs it"),
    )?;
    // The pages allow business customers for the invoice only.
    if financingtype != "PIV" && form.get("businessrelation") != Some("b2c") {
        return Err(Refusal::faulty(
            "businessrelation",
            format!("must be b2c: {method} is offered to consumers only"),
        ));
    }
    if financingtype != "PIN" {
        return Ok(());
    }
    const OPTION: &str = "add_paydata[installment_option_id]";
    let chosen = form
        .non_empty(OPTION)
        .and_then(parse_option_id)
        .filter(|(workorderid, _)| state.workorder_issued(workorderid))
        .ok_or_else(|| {
            Refusal::faulty(
                OPTION,
                "not an option of an earlier installment_options answer",
            )
        })?;
    if let Some(workorderid) = form.non_empty("workorderid")
        && workorderid != chosen.0
    {
        return Err(Refusal::faulty(
            "workorderid",
            "not the workorderid of the chosen installment option",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_ids_name_their_workorder_and_index() {
        let id = option_id("WX0000000007", 2);
        assert_eq!(id, "IOP_WX0000000007_2");
        assert_eq!(parse_option_id(&id), Some(("WX0000000007", 2)));
        assert_eq!(parse_option_id("IOP_WX0000000007_3"), None);
        assert_eq!(parse_option_id("WX0000000007_1"), None);
        assert_eq!(parse_option_id("IOP_"), None);
    }
}
