//! `genericpayment`, the helper calls of wallets and financing methods, with deterministic
//! answers per `add_paydata[action]`. The customer's approval at the wallet is not emulated:
//! PayPal Express's `redirecturl` is the request's own `successurl`, as if the customer had
//! approved at once.

use crate::answer::Answer;
use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The answer to a genericpayment request.
pub(crate) fn execute(state: &mut State, form: &Form) -> Result<Answer, Refusal> {
    let action = form.non_empty("add_paydata[action]").unwrap_or_default();
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
        "getexpresscheckoutdetails" => Answer::status("OK")
            .with("workorderid", workorderid)
            .with("add_paydata[email]", "buyer@example.test")
            .with("add_paydata[shipping_firstname]", "Erika")
            .with("add_paydata[shipping_lastname]", "Mustermann")
            .with("add_paydata[shipping_street]", "Hellersbergstr. 14")
            .with("add_paydata[shipping_zip]", "41460")
            .with("add_paydata[shipping_city]", "Neuss")
            .with("add_paydata[shipping_country]", "DE"),
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
        _ => Answer::status("OK").with("workorderid", workorderid),
    })
}
