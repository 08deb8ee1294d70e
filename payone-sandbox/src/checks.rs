//! The checks of the PAYONE Protect module, with deterministic outcomes:
//! addresscheck (<https://docs.payone.com/integration/channel-server-api/server-api-addresscheck>)
//! and consumerscore (<https://docs.payone.com/integration/channel-server-api/server-api-consumerscore>).
//! 3dscheck is [`crate::threeds_check`].

use crate::answer::Answer;
use crate::form::Form;

/// The `zip` whose address the sandbox's addresscheck and consumerscore find wrong and
/// uncorrectable (`INVALID`, `secstatus=30`).
pub const ZIP_ADDRESS_INVALID: &str = "99999";
/// The `lastname` that consumerscore scores yellow (`score=Y`).
pub const LASTNAME_SCORE_YELLOW: &str = "Yellow";
/// The `lastname` that consumerscore scores red (`score=R`).
pub const LASTNAME_SCORE_RED: &str = "Red";

/// An `INVALID` answer for the address: not correctable.
fn invalid_address() -> Answer {
    Answer::status("INVALID")
        .with("secstatus", "30")
        .with("errorcode", "1010")
        .with("errormessage", "Address could not be verified")
        .with("customermessage", "Please check your address.")
}

/// The address fields of the request, as the check returns them (unchanged: `secstatus=10`).
fn with_address(mut answer: Answer, form: &Form) -> Answer {
    for name in ["street", "streetname", "streetnumber", "zip", "city"] {
        if let Some(value) = form.non_empty(name) {
            answer = answer.with(name, value);
        }
    }
    answer
}

/// `addresscheck`: `VALID` with `secstatus=10` and the address, `personstatus=PPB` for a
/// person check (`addresschecktype` PE or PB), or `NONE`.
pub(crate) fn addresscheck(form: &Form) -> Answer {
    if form.get("zip") == Some(ZIP_ADDRESS_INVALID) {
        return invalid_address();
    }
    let person = matches!(form.get("addresschecktype"), Some("PE" | "PB"));
    let answer = Answer::status("VALID")
        .with("secstatus", "10")
        .with("personstatus", if person { "PPB" } else { "NONE" });
    with_address(answer, form)
}

/// `consumerscore`: `VALID` with a score by `lastname` (green unless it is
/// [`LASTNAME_SCORE_YELLOW`] or [`LASTNAME_SCORE_RED`]) and the address.
pub(crate) fn consumerscore(form: &Form) -> Answer {
    if form.get("zip") == Some(ZIP_ADDRESS_INVALID) {
        return invalid_address();
    }
    let (score, value) = match form.get("lastname") {
        Some(LASTNAME_SCORE_RED) => ("R", "150"),
        Some(LASTNAME_SCORE_YELLOW) => ("Y", "450"),
        _ => ("G", "850"),
    };
    let answer = Answer::status("VALID")
        .with("score", score)
        .with("scorevalue", value)
        .with("secstatus", "10")
        .with("personstatus", "PPB");
    with_address(answer, form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        Form {
            pairs: pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            charset: payone_types::Charset::Utf8,
        }
    }

    #[test]
    fn outcomes_follow_the_documented_test_data() {
        let ok = addresscheck(&form(&[("addresschecktype", "PE"), ("zip", "41460")]));
        assert_eq!(ok.get("status"), Some("VALID"));
        assert_eq!(ok.get("personstatus"), Some("PPB"));
        assert_eq!(ok.get("zip"), Some("41460"));
        let bad = addresscheck(&form(&[("zip", ZIP_ADDRESS_INVALID)]));
        assert_eq!(bad.get("status"), Some("INVALID"));
        assert_eq!(bad.get("secstatus"), Some("30"));
        let red = consumerscore(&form(&[("lastname", LASTNAME_SCORE_RED)]));
        assert_eq!(red.get("score"), Some("R"));
        assert_eq!(
            consumerscore(&form(&[("lastname", "Muster")])).get("score"),
            Some("G")
        );
    }
}
