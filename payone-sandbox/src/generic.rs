//! `genericpayment`, the helper calls of wallets and financing methods, with deterministic
//! answers per `add_paydata[action]`. The customer's approval at the wallet is not emulated:
//! PayPal Express's `redirecturl` is the request's own `successurl`, as if the customer had
//! approved at once.
//!
//! Each action's answer carries the fields a documentation page or PAYONE's own plugins name
//! for it (the modules say which); an action whose answer no source describes is answered
//! `OK` with the `workorderid` only: `update_order`, `updateCheckoutSession`,
//! `getconfiguration`, the Amazon Pay v1 order reference actions, `checkout`, `register_alias`
//! and `refund_announcement`.

mod amazon;
mod buyer;

use crate::answer::Answer;
use crate::financing::{self, ratepay, secured, unzer};
use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The answer to a genericpayment request.
pub(crate) fn execute(state: &mut State, form: &Form) -> Result<Answer, Refusal> {
    let action = form.non_empty("add_paydata[action]").unwrap_or_default();
    // The calls that continue a checkout name the workorderid of its first answer
    // (spec/server/requests/genericpayment.toml, `workorderid`).
    if matches!(action, "getCheckoutSession" | "updateCheckoutSession") {
        financing::issued_workorder(state, form, "the call continues an Amazon Pay checkout")?;
    }
    if action == "calculation" && form.get("financingtype") == Some("PYS") {
        return unzer::calculation(state, form);
    }
    let workorderid = match form.non_empty("workorderid") {
        Some(given) => given.to_owned(),
        None => state.new_workorderid(),
    };
    Ok(match action {
        "setexpresscheckout" => {
            let successurl = form
                .non_empty("successurl")
                .ok_or_else(|| Refusal::faulty("successurl", "required for setexpresscheckout"))?;
            Answer::status("REDIRECT")
                .with("redirecturl", successurl)
                .with("workorderid", workorderid)
        }
        "getexpresscheckoutdetails" => buyer::address(
            Answer::status("OK")
                .with("workorderid", workorderid)
                .with("add_paydata[email]", buyer::EMAIL),
            "shipping",
        ),
        "start_session" => Answer::status("OK")
            .with("workorderid", &workorderid)
            .with(
                "add_paydata[client_token]",
                format!("sandbox-client-token-{workorderid}"),
            )
            .with(
                "add_paydata[session_id]",
                format!("sandbox-session-{workorderid}"),
            ),
        "installment_options" => secured::installment_options(form, &workorderid)?,
        "profile" => ratepay::profile(&workorderid),
        "calculation" => ratepay::calculation(form, &workorderid)?,
        "pre_check" => unzer::pre_check(form, &workorderid)?,
        "createCheckoutSessionPayload" => amazon::checkout_session_payload(&workorderid),
        "getCheckoutSession" => amazon::checkout_session(&workorderid),
        _ => Answer::status("OK").with("workorderid", workorderid),
    })
}
