//! SEPA direct debit mandates (clearingtype `elv`): managemandate creates a pending mandate, the
//! payment that names it activates it, getfile returns it as a PDF. As the Server API
//! managemandate page describes the flow
//! (<https://docs.payone.com/integration/channel-server-api/server-api-managemandate>): the
//! payment must follow within two hours, which the sandbox does not enforce.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::answer::Answer;
use crate::form::Form;
use crate::iban;
use crate::refusal::Refusal;

/// The IBAN whose mandate the sandbox declines (`ERROR` 2 naming `iban`), for managemandate
/// and for a direct debit payment alike. A valid IBAN (mod 97), so only this rule refuses it.
pub const IBAN_MANDATE_DECLINED: &str = "DE46370400440000009902";

/// The creditor ID the sandbox's mandates name: the format's test value (`ZZZ` and a national
/// part of nines).
pub const CREDITOR_IDENTIFIER: &str = "DE98ZZZ09999999999";

/// The BIC the sandbox answers for every account.
const SANDBOX_BIC: &str = "SANDDEX1XXX";

/// Where a mandate stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MandateStatus {
    /// Created by managemandate; the customer has yet to confirm it with a payment.
    Pending,
    /// Used by a payment.
    Active,
}

impl MandateStatus {
    fn as_str(self) -> &'static str {
        match self {
            MandateStatus::Pending => "pending",
            MandateStatus::Active => "active",
        }
    }
}

/// One mandate. The account is kept to find the mandate again and never printed.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Mandate {
    identification: String,
    account: String,
    holder: String,
    status: MandateStatus,
}

impl fmt::Debug for Mandate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mandate")
            .field("identification", &self.identification)
            .field("account", &mask(&self.account))
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The mandates the sandbox remembers, the oldest forgotten first beyond the cap.
#[derive(Debug)]
pub(crate) struct Mandates {
    cap: usize,
    next: u64,
    by_number: BTreeMap<u64, Mandate>,
    numbers: HashMap<String, u64>,
    /// The active mandate of each account.
    active: HashMap<String, u64>,
}

impl Mandates {
    /// No mandates; at most `cap` (at least 1) are kept.
    pub(crate) fn new(cap: usize) -> Self {
        Mandates {
            cap: cap.max(1),
            next: 1,
            by_number: BTreeMap::new(),
            numbers: HashMap::new(),
            active: HashMap::new(),
        }
    }

    #[cfg(test)]
    /// Mandates kept now.
    pub(crate) fn len(&self) -> usize {
        self.by_number.len()
    }

    fn get(&self, identification: &str) -> Option<&Mandate> {
        self.numbers
            .get(identification)
            .and_then(|n| self.by_number.get(n))
    }

    fn active_for(&self, account: &str) -> Option<&Mandate> {
        self.active.get(account).and_then(|n| self.by_number.get(n))
    }

    /// Activates the mandate `identification`; it becomes its account's active mandate.
    fn activate(&mut self, identification: &str) {
        if let Some(&number) = self.numbers.get(identification)
            && let Some(mandate) = self.by_number.get_mut(&number)
        {
            mandate.status = MandateStatus::Active;
            self.active.insert(mandate.account.clone(), number);
        }
    }

    /// Keeps a new mandate; a merchant's own `mandate_identification` or `PO-` and ten digits.
    fn create(
        &mut self,
        identification: Option<&str>,
        account: String,
        holder: String,
        status: MandateStatus,
    ) -> Result<&Mandate, Refusal> {
        let number = self.next;
        let identification = match identification {
            Some(own) if self.numbers.contains_key(own) => {
                return Err(Refusal::faulty(
                    "mandate_identification",
                    "already used by another mandate",
                ));
            }
            Some(own) => own.to_owned(),
            None => format!("PO-{number:010}"),
        };
        self.next += 1;
        while self.by_number.len() >= self.cap {
            if let Some((old_number, old)) = self.by_number.pop_first() {
                self.numbers.remove(&old.identification);
                if self.active.get(&old.account) == Some(&old_number) {
                    self.active.remove(&old.account);
                }
            }
        }
        self.numbers.insert(identification.clone(), number);
        if status == MandateStatus::Active {
            self.active.insert(account.clone(), number);
        }
        Ok(self.by_number.entry(number).or_insert(Mandate {
            identification,
            account,
            holder,
            status,
        }))
    }
}

/// The account of a direct debit request: its IBAN, compact and upper-case, checked by mod 97.
/// A German account may be given as `bankcode` and `bankaccount` instead.
fn account(form: &Form) -> Result<String, Refusal> {
    if let Some(iban) = form.non_empty("iban") {
        if !iban::valid(iban) {
            return Err(Refusal::faulty(
                "iban",
                "fails the IBAN check (ISO 13616 mod 97)",
            ));
        }
        let compact: String = iban
            .chars()
            .filter(|c| *c != ' ')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact == IBAN_MANDATE_DECLINED {
            return Err(Refusal::MandateDeclined);
        }
        return Ok(compact);
    }
    match (form.non_empty("bankcode"), form.non_empty("bankaccount")) {
        (Some(code), Some(number)) => Ok(format!("DE-{code}-{number}")),
        _ => Err(Refusal::faulty(
            "iban",
            "required (or bankcountry=DE with bankcode and bankaccount)",
        )),
    }
}

/// The holder named in the mandate: the company or the customer's name.
fn holder(form: &Form) -> String {
    if let Some(company) = form.non_empty("company") {
        return company.to_owned();
    }
    [form.non_empty("firstname"), form.non_empty("lastname")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `managemandate`: a pending mandate for the account, or the account's active one.
pub(crate) fn manage(mandates: &mut Mandates, form: &Form) -> Result<Answer, Refusal> {
    let account = account(form)?;
    if let Some(active) = mandates.active_for(&account) {
        return Ok(answer(active, form));
    }
    let mandate = mandates.create(
        form.non_empty("mandate_identification"),
        account,
        holder(form),
        MandateStatus::Pending,
    )?;
    let mandate = mandate.clone();
    Ok(answer(&mandate, form).with("mandate_text", mandate_text(&mandate)))
}

fn answer(mandate: &Mandate, form: &Form) -> Answer {
    let mut answer = Answer::status("APPROVED")
        .with("mandate_identification", &mandate.identification)
        .with("mandate_status", mandate.status.as_str())
        .with("creditor_identifier", CREDITOR_IDENTIFIER);
    if let Some(iban) = form.non_empty("iban") {
        answer = answer.with("iban", iban).with("bic", SANDBOX_BIC);
    }
    answer
}

/// The mandate text as the platform sends it: HTML, URL-encoded. It names the holder and the
/// account with all but its last four characters masked.
fn mandate_text(mandate: &Mandate) -> String {
    let html = format!(
        "<div class=\"mandate\"><h1>SEPA Direct Debit Mandate</h1>\
         <p>Creditor identifier: {CREDITOR_IDENTIFIER}</p>\
         <p>Mandate reference: {}</p><p>Account holder: {}</p><p>IBAN: {}</p></div>",
        escape(&mandate.identification),
        escape(&mandate.holder),
        mask(&mandate.account),
    );
    form_urlencoded::byte_serialize(html.as_bytes()).collect()
}

/// The mandate of a direct debit payment: the named one (which becomes active), the account's
/// active one, or a new active one. Returns the fields the payment's answer carries.
pub(crate) fn for_payment(
    mandates: &mut Mandates,
    form: &Form,
) -> Result<[(&'static str, String); 2], Refusal> {
    let account = account(form)?;
    let identification = match form.non_empty("mandate_identification") {
        Some(named) => match mandates.get(named) {
            Some(mandate) if mandate.account == account => {
                mandates.activate(named);
                named.to_owned()
            }
            Some(_) => {
                return Err(Refusal::faulty(
                    "mandate_identification",
                    "the mandate is for another account",
                ));
            }
            None if named.starts_with("PO-") => {
                return Err(Refusal::faulty(
                    "mandate_identification",
                    "no such mandate (managemandate first)",
                ));
            }
            // A merchant's own reference, which the payment creates.
            None => mandates
                .create(Some(named), account, holder(form), MandateStatus::Active)?
                .identification
                .clone(),
        },
        None => match mandates.active_for(&account) {
            Some(active) => active.identification.clone(),
            None => mandates
                .create(None, account, holder(form), MandateStatus::Active)?
                .identification
                .clone(),
        },
    };
    Ok([
        ("mandate_identification", identification),
        ("creditor_identifier", CREDITOR_IDENTIFIER.to_owned()),
    ])
}

/// `getfile` of a mandate (`file_type=SEPA_MANDATE`, `file_format=PDF`): a one-page PDF.
pub(crate) fn file(mandates: &Mandates, form: &Form) -> Result<Vec<u8>, Refusal> {
    let reference = form.non_empty("file_reference").unwrap_or_default();
    let mandate = mandates
        .get(reference)
        .ok_or_else(|| Refusal::faulty("file_reference", "no such mandate"))?;
    Ok(crate::pdf::one_page(&[
        "SEPA Direct Debit Mandate".to_owned(),
        format!("Creditor identifier: {CREDITOR_IDENTIFIER}"),
        format!("Mandate reference: {}", mandate.identification),
        format!("Account holder: {}", mandate.holder),
        format!("IBAN: {}", mask(&mandate.account)),
        format!("Status: {}", mandate.status.as_str()),
    ]))
}

/// All but the last four characters as `*`.
fn mask(account: &str) -> String {
    let chars: Vec<char> = account.chars().collect();
    let keep = chars.len().saturating_sub(4);
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < keep { '*' } else { *c })
        .collect()
}

/// HTML-escapes a value put into the mandate text.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            c => c.to_string(),
        })
        .collect()
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

    const IBAN: &str = "DE02120300000000202051";

    #[test]
    fn a_new_mandate_is_pending_until_a_payment_uses_it() {
        let mut mandates = Mandates::new(10);
        let request = form(&[("iban", IBAN), ("lastname", "Mustermann")]);
        let first = manage(&mut mandates, &request).unwrap();
        assert_eq!(first.get("mandate_status"), Some("pending"));
        let id = first.get("mandate_identification").unwrap().to_owned();
        assert_eq!(id, "PO-0000000001");
        let text = first.get("mandate_text").unwrap();
        assert!(!text.contains(IBAN), "the text masks the account: {text}");
        assert!(text.contains("2051"), "{text}");

        let payment = form(&[("iban", IBAN), ("mandate_identification", &id)]);
        let fields = for_payment(&mut mandates, &payment).unwrap();
        assert_eq!(fields[0].1, id);
        let again = manage(&mut mandates, &request).unwrap();
        assert_eq!(again.get("mandate_status"), Some("active"));
        assert_eq!(again.get("mandate_identification"), Some(id.as_str()));
        assert!(again.get("mandate_text").is_none());
    }

    #[test]
    fn declined_invalid_unknown_and_foreign_mandates_are_refused() {
        let mut mandates = Mandates::new(10);
        assert_eq!(
            manage(&mut mandates, &form(&[("iban", IBAN_MANDATE_DECLINED)])).unwrap_err(),
            Refusal::MandateDeclined
        );
        let bad = manage(&mut mandates, &form(&[("iban", "DE02120300000000202052")])).unwrap_err();
        assert_eq!(bad.param(), Some("iban"));
        let unknown = for_payment(
            &mut mandates,
            &form(&[("iban", IBAN), ("mandate_identification", "PO-0000000099")]),
        )
        .unwrap_err();
        assert_eq!(unknown.param(), Some("mandate_identification"));
        let pending = manage(&mut mandates, &form(&[("iban", IBAN)])).unwrap();
        let id = pending.get("mandate_identification").unwrap();
        let foreign = for_payment(
            &mut mandates,
            &form(&[
                ("iban", "DE89370400440532013000"),
                ("mandate_identification", id),
            ]),
        )
        .unwrap_err();
        assert_eq!(foreign.param(), Some("mandate_identification"));
    }

    #[test]
    fn the_file_is_a_pdf_of_the_mandate_and_the_store_is_capped() {
        let mut mandates = Mandates::new(2);
        let a = manage(
            &mut mandates,
            &form(&[("iban", IBAN), ("lastname", "Mustermann")]),
        )
        .unwrap();
        let id = a.get("mandate_identification").unwrap().to_owned();
        let pdf = file(&mandates, &form(&[("file_reference", &id)])).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains(&id) && text.contains("Mustermann"));
        assert!(!text.contains(IBAN));
        for iban in ["DE89370400440532013000", "GB82WEST12345698765432"] {
            manage(&mut mandates, &form(&[("iban", iban)])).unwrap();
        }
        assert_eq!(mandates.len(), 2);
        assert!(file(&mandates, &form(&[("file_reference", &id)])).is_err());
        let debug = format!("{mandates:?}");
        assert!(!debug.contains("GB82WEST12345698765432"), "{debug}");
        assert!(debug.contains("******************5432"), "{debug}");
    }
}
