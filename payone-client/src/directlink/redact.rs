//! What `Debug` of answers and feedback leaves out: card and account numbers the platform did
//! not mask, and the values of the other sensitive or personal parameters.

use std::fmt;

/// Parameters whose values `Debug` never shows: card data (`ED`, `CVC`,
/// `ECOM_PAYMENT_CARD_VERIFICATION`), account data of direct debits (`IBAN`, `MANDATEID`,
/// the DirectLink guide, sections 8.1.2 and 8.1.3), the holder's name (`CN`), the customer's `IP`
/// and the API password. `CARDNO` is shown only when masked ([`Masked`]): for direct debits it is
/// the account number or IBAN.
pub(crate) const REDACTED: [&str; 8] = [
    "CN",
    "CVC",
    "ECOM_PAYMENT_CARD_VERIFICATION",
    "ED",
    "IBAN",
    "IP",
    "MANDATEID",
    "PSWD",
];

/// Whether `Debug` hides the value of the parameter `name` (any case) outright.
pub(crate) fn is_redacted(name: &str) -> bool {
    REDACTED.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// Whether `name` (any case) is `CARDNO`, shown only when masked.
pub(crate) fn is_cardno(name: &str) -> bool {
    name.eq_ignore_ascii_case("CARDNO")
}

/// Shows a CARDNO only when it looks masked: a masking character and no more digits than a
/// masked number may show (the first 6 and last 4). Anything else might be a card number, an
/// account number or an IBAN.
pub(crate) struct Masked<'a>(pub(crate) Option<&'a str>);

impl Masked<'_> {
    pub(crate) fn is_masked(value: &str) -> bool {
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let masks = value.chars().any(|c| matches!(c, 'X' | 'x' | '*'));
        masks && digits <= 10
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("None"),
            Some(v) if Masked::is_masked(v) => write!(f, "Some({v:?})"),
            Some(_) => f.write_str("Some(<redacted>)"),
        }
    }
}

/// Shows whether a value is present, never the value.
pub(crate) struct Redacted(pub(crate) bool);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "Some(<redacted>)" } else { "None" })
    }
}

/// One attribute value as `Debug` shows it: redacted for [`REDACTED`] names and unmasked
/// `CARDNO`s, as received otherwise.
pub(crate) struct Value<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: &'a str,
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden =
            is_redacted(self.name) || (is_cardno(self.name) && !Masked::is_masked(self.value));
        if hidden && !self.value.is_empty() {
            f.write_str("<redacted>")
        } else {
            write!(f, "{:?}", self.value)
        }
    }
}
