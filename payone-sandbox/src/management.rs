//! The management requests: getuser
//! (<https://docs.payone.com/integration/channel-server-api/server-api-getuser>), updateuser,
//! updatereminder, updateaccess and getinvoice
//! (<https://docs.payone.com/integration/channel-server-api/server-api-getinvoice>).

use crate::answer::Answer;
use crate::form::Form;
use crate::refusal::Refusal;
use crate::state::State;

/// The user a request names by `userid`, which must be one the sandbox issued.
fn known_user(state: &State, form: &Form) -> Result<Option<u64>, Refusal> {
    match form.non_empty("userid") {
        None => Ok(None),
        Some(userid) => userid
            .parse()
            .ok()
            .filter(|id| state.user_known(*id))
            .map(Some)
            .ok_or(Refusal::UseridIncorrect),
    }
}

/// `getuser`: `APPROVED` with a `usertoken` for the named user.
pub(crate) fn getuser(state: &mut State, form: &Form) -> Result<Answer, Refusal> {
    let userid = match known_user(state, form)? {
        Some(userid) => userid,
        None => state.user_for(form.non_empty("customerid")),
    };
    let token = state.new_usertoken(userid);
    Ok(Answer::status("APPROVED").with("usertoken", token))
}

/// `updateuser`: `OK` for a user the sandbox issued.
pub(crate) fn updateuser(state: &State, form: &Form) -> Result<Answer, Refusal> {
    known_user(state, form)?;
    Ok(Answer::status("OK"))
}

/// `updatereminder` and `updateaccess`: `OK` once the table check passed.
pub(crate) fn ok() -> Answer {
    Answer::status("OK")
}

/// `getinvoice`: the document named by `invoice_title` as a one-page PDF.
pub(crate) fn getinvoice(form: &Form) -> Vec<u8> {
    let title = form.non_empty("invoice_title").unwrap_or_default();
    crate::pdf::one_page(&[
        "Invoice".to_owned(),
        format!("Document: {title}"),
        "Issued by the PAYONE sandbox".to_owned(),
    ])
}
