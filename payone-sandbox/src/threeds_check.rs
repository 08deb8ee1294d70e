//! The Server API's `3dscheck` (<https://docs.payone.com/integration/channel-server-api/server-api-3dscheck>)
//! and the 3-D Secure authentications it opens: a card number that fails the Luhn check is
//! `INVALID`, [`CARD_3DS_ENROLLED`] is `ENROLLED` (the customer authenticates at the issuer's
//! access control server, [`crate::acs`]), every other card `VALID`. A pre-/authorization that
//! names the `xid` of an enrolment is executed only after the customer's authentication came
//! back through the `termurl`: approved when the customer authenticated, declined when not.
//!
//! The answer fields are those PAYONE's magento-1 plugin reads
//! (`lib/Payone/Api/Response/3dsCheck/Enrolled.php`: `acsurl`, `termurl`, `pareq`, `xid`, `md`,
//! `pseudocardpan`, `truncatedcardpan`); their values are the sandbox's own.

use std::collections::BTreeMap;

use crate::answer::Answer;
use crate::card;
use crate::form::Form;
use crate::refusal::Refusal;

/// The card number whose 3dscheck answers `ENROLLED` (the number the v2 sandbox challenges too).
pub const CARD_3DS_ENROLLED: &str = "4000000000001091";
/// A card number whose 3dscheck answers `INVALID` (errorcode 877): it fails the Luhn check, as
/// every such number does.
pub const CARD_3DS_INVALID: &str = "4111111111111112";

/// Where an authentication stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Opened by 3dscheck; the customer has not decided at the access control server yet.
    AtAcs,
    /// The customer decided (`true`: authenticated); the result is on its way to the `termurl`.
    Decided(bool),
    /// The `termurl` received the result and sent the customer to the `exiturl`.
    Returned(bool),
    /// A payment used the authentication; it cannot be used again.
    Used,
}

/// One authentication opened by a 3dscheck answered `ENROLLED`.
#[derive(Clone, Debug)]
pub(crate) struct Authentication {
    pub(crate) amount: i64,
    pub(crate) currency: String,
    pub(crate) exiturl: String,
    /// The masked card number, for the access control server's page.
    pub(crate) truncatedcardpan: String,
    /// Where the access control server posts the result: the `TermUrl` the browser posted
    /// with the `PaReq` (set when the page is shown).
    pub(crate) termurl: Option<String>,
    pub(crate) step: Step,
}

/// The authentications, keyed by their counter and kept up to a cap, the oldest forgotten
/// first (as transactions are).
#[derive(Debug)]
pub(crate) struct Authentications {
    cap: usize,
    next: u64,
    open: BTreeMap<u64, Authentication>,
}

impl Authentications {
    /// An empty store keeping at most `cap` authentications (at least 1).
    pub(crate) fn new(cap: usize) -> Self {
        Authentications {
            cap: cap.max(1),
            next: 1,
            open: BTreeMap::new(),
        }
    }

    /// How many are kept.
    pub(crate) fn len(&self) -> usize {
        self.open.len()
    }

    fn insert(&mut self, authentication: Authentication) -> u64 {
        let id = self.next;
        self.next += 1;
        while self.open.len() >= self.cap {
            self.open.pop_first();
        }
        self.open.insert(id, authentication);
        id
    }

    /// The authentication of `id`, to read or change.
    pub(crate) fn get_mut(&mut self, id: u64) -> Option<&mut Authentication> {
        self.open.get_mut(&id)
    }
}

/// The `xid` of authentication `id`: `SBX3DS` and 14 digits.
pub(crate) fn xid(id: u64) -> String {
    format!("SBX3DS{id:014}")
}

/// The `md` (merchant data the access control server hands back) of authentication `id`.
pub(crate) fn md(id: u64) -> String {
    format!("md-{id:010}")
}

/// The `pareq` of authentication `id` (opaque to the shop, as on the platform).
pub(crate) fn pareq(id: u64) -> String {
    format!("pareq-{id:010}")
}

/// The `PaRes` the access control server posts to the `termurl` for authentication `id`.
pub(crate) fn pares(id: u64) -> String {
    format!("pares-{id:010}")
}

/// The authentication id in an `xid`, `md`, `pareq` or `PaRes` value (`prefix` and 10 or 14
/// digits); `None` for anything else.
pub(crate) fn id_in(value: &str, prefix: &str) -> Option<u64> {
    let digits = value.strip_prefix(prefix)?;
    (matches!(digits.len(), 10 | 14) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// `3dscheck`: `INVALID` for a number failing the Luhn check, `ENROLLED` with the form to post
/// for [`CARD_3DS_ENROLLED`], otherwise `VALID`; each with the masked card number and the
/// `pseudocardpan` sent. `base` is the URL the client reached the sandbox at.
pub(crate) fn check(
    store: &mut Authentications,
    form: &Form,
    base: &str,
) -> Result<Answer, Refusal> {
    // The table has checked that cardpan is there and is 13 to 19 digits.
    let pan = form.non_empty("cardpan").unwrap_or_default();
    if !card::luhn(pan) {
        return Err(Refusal::InvalidCardNumber);
    }
    let truncated = card::truncate(pan);
    let mut answer = if pan == CARD_3DS_ENROLLED {
        let id = store.insert(Authentication {
            amount: form.get("amount").and_then(|a| a.parse().ok()).unwrap_or(0),
            currency: form.get("currency").unwrap_or_default().to_owned(),
            exiturl: form.get("exiturl").unwrap_or_default().to_owned(),
            truncatedcardpan: truncated.clone(),
            termurl: None,
            step: Step::AtAcs,
        });
        Answer::status("ENROLLED")
            .with("acsurl", format!("{base}/sandbox/acs"))
            .with("termurl", format!("{base}/sandbox/acs/term"))
            .with("pareq", pareq(id))
            .with("md", md(id))
            .with("xid", xid(id))
    } else {
        Answer::status("VALID")
    };
    answer = answer.with("truncatedcardpan", truncated);
    if let Some(pseudo) = form.non_empty("pseudocardpan") {
        answer = answer.with("pseudocardpan", pseudo);
    }
    Ok(answer)
}

/// For a pre-/authorization naming an `xid`: uses the authentication up, or says why not.
/// `Ok(())` lets the payment go ahead (the customer authenticated, amount and currency are
/// those checked); a customer who refused is a decline.
pub(crate) fn use_for_payment(store: &mut Authentications, form: &Form) -> Result<(), Refusal> {
    let Some(xid) = form.non_empty("xid") else {
        return Ok(());
    };
    let authentication = id_in(xid, "SBX3DS")
        .and_then(|id| store.get_mut(id))
        .ok_or_else(|| Refusal::faulty("xid", "no such 3-D Secure transaction"))?;
    match authentication.step {
        Step::AtAcs | Step::Decided(_) => {
            return Err(Refusal::faulty(
                "xid",
                "the customer has not come back from the 3-D Secure authentication",
            ));
        }
        Step::Used => {
            return Err(Refusal::faulty(
                "xid",
                "the 3-D Secure transaction was used by a payment already",
            ));
        }
        Step::Returned(false) => return Err(Refusal::ThreedsFailed),
        Step::Returned(true) => {}
    }
    let amount: Option<i64> = form.get("amount").and_then(|a| a.parse().ok());
    if amount != Some(authentication.amount) {
        return Err(Refusal::faulty(
            "amount",
            "not the amount the 3-D Secure check was made for",
        ));
    }
    if form.get("currency") != Some(authentication.currency.as_str()) {
        return Err(Refusal::faulty(
            "currency",
            "not the currency the 3-D Secure check was made for",
        ));
    }
    authentication.step = Step::Used;
    Ok(())
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

    fn enrolled(store: &mut Authentications) -> Answer {
        check(
            store,
            &form(&[
                ("cardpan", CARD_3DS_ENROLLED),
                ("amount", "1000"),
                ("currency", "EUR"),
                ("exiturl", "https://shop.example/exit"),
            ]),
            "http://sandbox",
        )
        .unwrap()
    }

    #[test]
    fn the_cards_decide_the_answer() {
        let mut store = Authentications::new(10);
        assert_eq!(
            check(
                &mut store,
                &form(&[("cardpan", CARD_3DS_INVALID)]),
                "http://s"
            ),
            Err(Refusal::InvalidCardNumber)
        );
        let valid = check(
            &mut store,
            &form(&[("cardpan", "4111111111111111")]),
            "http://s",
        )
        .unwrap();
        assert_eq!(valid.get("status"), Some("VALID"));
        assert_eq!(store.len(), 0, "only an enrolment opens an authentication");
        let answer = enrolled(&mut store);
        assert_eq!(answer.get("status"), Some("ENROLLED"));
        assert_eq!(answer.get("acsurl"), Some("http://sandbox/sandbox/acs"));
        assert_eq!(
            answer.get("termurl"),
            Some("http://sandbox/sandbox/acs/term")
        );
        assert_eq!(answer.get("xid"), Some("SBX3DS00000000000001"));
        assert_eq!(answer.get("md"), Some("md-0000000001"));
        assert_eq!(answer.get("pareq"), Some("pareq-0000000001"));
        assert_eq!(answer.get("truncatedcardpan"), Some("400000XXXXXX1091"));
    }

    #[test]
    fn a_payment_needs_the_returned_authentication_once() {
        let mut store = Authentications::new(10);
        enrolled(&mut store);
        let pay = |amount: &'static str| {
            form(&[
                ("xid", "SBX3DS00000000000001"),
                ("amount", amount),
                ("currency", "EUR"),
            ])
        };
        let not_back = use_for_payment(&mut store, &pay("1000")).unwrap_err();
        assert_eq!(not_back.param(), Some("xid"));
        store.get_mut(1).unwrap().step = Step::Returned(true);
        assert_eq!(
            use_for_payment(&mut store, &pay("999"))
                .unwrap_err()
                .param(),
            Some("amount")
        );
        assert_eq!(use_for_payment(&mut store, &pay("1000")), Ok(()));
        assert_eq!(
            use_for_payment(&mut store, &pay("1000"))
                .unwrap_err()
                .param(),
            Some("xid"),
            "used once"
        );
        enrolled(&mut store);
        store.get_mut(2).unwrap().step = Step::Returned(false);
        let refused = form(&[
            ("xid", "SBX3DS00000000000002"),
            ("amount", "1000"),
            ("currency", "EUR"),
        ]);
        assert_eq!(
            use_for_payment(&mut store, &refused),
            Err(Refusal::ThreedsFailed)
        );
        let unknown = form(&[("xid", "SBX3DS99999999999999")]);
        assert_eq!(
            use_for_payment(&mut store, &unknown).unwrap_err().param(),
            Some("xid")
        );
        assert_eq!(use_for_payment(&mut store, &form(&[])), Ok(()));
    }

    #[test]
    fn ids_are_read_back_only_from_their_own_spelling() {
        assert_eq!(id_in(&xid(7), "SBX3DS"), Some(7));
        assert_eq!(id_in(&md(7), "md-"), Some(7));
        assert_eq!(id_in(&pares(7), "pares-"), Some(7));
        assert_eq!(id_in("md-7", "md-"), None);
        assert_eq!(id_in("md-000000000x", "md-"), None);
        assert_eq!(id_in("pareq-0000000007", "md-"), None);
    }

    #[test]
    fn the_oldest_authentication_goes_first() {
        let mut store = Authentications::new(1);
        enrolled(&mut store);
        enrolled(&mut store);
        assert_eq!(store.len(), 1);
        assert!(store.get_mut(1).is_none());
        assert!(store.get_mut(2).is_some());
    }
}
