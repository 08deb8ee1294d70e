//! Every way the sandbox turns a request down, with its documented `errorcode`: the single
//! place the codes of the crate documentation's error table come from.
//!
//! Messages name parameters, never their values: a card number or key must not come back in an
//! answer that a shop may log.

use crate::answer::Answer;

/// A request the platform answers with `status=ERROR` (or `INVALID` for the Client API checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// 1: a parameter is missing, breaks its table row, cannot be decoded or is unknown.
    Faulty {
        /// The parameter.
        param: String,
        /// The rule broken, as `payone-types` words it.
        rule: String,
    },
    /// 2: the amount 9902 forces a decline.
    Declined,
    /// 2: the financing provider's risk check refuses the buyer
    /// ([`crate::LASTNAME_RISK_DECLINED`]).
    RiskDeclined,
    /// 2: the sandbox's IBAN for a declined mandate ([`crate::IBAN_MANDATE_DECLINED`]).
    MandateDeclined,
    /// 3, 4, 5: `mid`, `portalid` or `aid` is not the sandbox account's.
    AccountMismatch(&'static str),
    /// 6: the Server API `key` is neither digest of the portal key.
    KeyIncorrect,
    /// 7: the Frontend / Client API `hash` does not match.
    HashIncorrect,
    /// 877 (`INVALID`): the card number fails the Luhn check.
    InvalidCardNumber,
    /// 880 (`INVALID`): `cardtype` contradicts the card number's range.
    CardTypeMismatch,
    /// 885 (`INVALID`): the IBAN fails the mod-97 check.
    InvalidIban,
    /// 907: `sequencenumber` is not the transaction's next one.
    SequenceIncorrect,
    /// 908: `amount` has the wrong sign or exceeds what is open.
    AmountIncorrect(&'static str),
    /// 909: `currency` is not the transaction's.
    CurrencyIncorrect,
    /// 910: `txid` names no transaction, or one in a state that does not allow the request.
    TxidIncorrect(&'static str),
    /// 911: `reference` was used before in this portal (compared case-insensitively).
    ReferenceExists,
    /// 912: `userid` was not issued by this sandbox.
    UseridIncorrect,
}

/// What the platform tells the shop's customer when the request itself was wrong.
const WRONG_PARAMETERS: &str =
    "An error occurred while processing this transaction (wrong parameters).";
/// What the customer is told when the payment was refused.
const REFUSED: &str = "The transaction was declined.";

impl Refusal {
    /// A missing or faulty parameter.
    pub(crate) fn faulty(param: impl Into<String>, rule: impl ToString) -> Self {
        Refusal::Faulty {
            param: param.into(),
            rule: rule.to_string(),
        }
    }

    /// The `errorcode`.
    pub(crate) fn code(&self) -> u32 {
        match self {
            Refusal::Faulty { .. } => 1,
            Refusal::Declined | Refusal::RiskDeclined | Refusal::MandateDeclined => 2,
            Refusal::AccountMismatch("mid") => 3,
            Refusal::AccountMismatch("portalid") => 4,
            Refusal::AccountMismatch(_) => 5,
            Refusal::KeyIncorrect => 6,
            Refusal::HashIncorrect => 7,
            Refusal::InvalidCardNumber => 877,
            Refusal::CardTypeMismatch => 880,
            Refusal::InvalidIban => 885,
            Refusal::SequenceIncorrect => 907,
            Refusal::AmountIncorrect(_) => 908,
            Refusal::CurrencyIncorrect => 909,
            Refusal::TxidIncorrect(_) => 910,
            Refusal::ReferenceExists => 911,
            Refusal::UseridIncorrect => 912,
        }
    }

    /// `ERROR`, or `INVALID` for a well-formed card or account that fails its check.
    pub(crate) fn status(&self) -> &'static str {
        match self {
            Refusal::InvalidCardNumber | Refusal::CardTypeMismatch | Refusal::InvalidIban => {
                "INVALID"
            }
            _ => "ERROR",
        }
    }

    /// The parameter the refusal is about, if one.
    pub(crate) fn param(&self) -> Option<&str> {
        Some(match self {
            Refusal::Faulty { param, .. } => param,
            Refusal::AccountMismatch(param) => param,
            Refusal::KeyIncorrect => "key",
            Refusal::HashIncorrect => "hash",
            Refusal::InvalidCardNumber | Refusal::CardTypeMismatch => "cardpan",
            Refusal::InvalidIban | Refusal::MandateDeclined => "iban",
            Refusal::SequenceIncorrect => "sequencenumber",
            Refusal::AmountIncorrect(_) | Refusal::Declined => "amount",
            Refusal::RiskDeclined => "lastname",
            Refusal::CurrencyIncorrect => "currency",
            Refusal::TxidIncorrect(_) => "txid",
            Refusal::ReferenceExists => "reference",
            Refusal::UseridIncorrect => "userid",
        })
    }

    /// The `errormessage`.
    pub(crate) fn message(&self) -> String {
        match self {
            Refusal::Faulty { param, rule } => {
                format!("Parameter {{{param}}} faulty or missing: {rule}")
            }
            Refusal::Declined => "Authorization declined".to_owned(),
            Refusal::RiskDeclined => "Declined by the risk check of the financing".to_owned(),
            Refusal::MandateDeclined => "SEPA mandate declined for this account".to_owned(),
            Refusal::AccountMismatch(param) => {
                format!("Parameter {{{param}}} incorrect: not the sandbox account's")
            }
            Refusal::KeyIncorrect => "key incorrect".to_owned(),
            Refusal::HashIncorrect => "hash incorrect".to_owned(),
            Refusal::InvalidCardNumber => "Invalid card number".to_owned(),
            Refusal::CardTypeMismatch => "Card type does not match the card number".to_owned(),
            Refusal::InvalidIban => "Invalid IBAN".to_owned(),
            Refusal::SequenceIncorrect => "Sequence number incorrect".to_owned(),
            Refusal::AmountIncorrect(why) => format!("Parameter {{amount}} incorrect: {why}"),
            Refusal::CurrencyIncorrect => {
                "Parameter {currency} incorrect: not the currency of the transaction".to_owned()
            }
            Refusal::TxidIncorrect(why) => format!("Parameter {{txid}} incorrect: {why}"),
            Refusal::ReferenceExists => "Reference number already exists".to_owned(),
            Refusal::UseridIncorrect => "Parameter {userid} incorrect: unknown user".to_owned(),
        }
    }

    /// The `customermessage`: fit for the shop's customer, so it names nothing technical.
    pub(crate) fn customer_message(&self) -> &'static str {
        match self {
            Refusal::Declined | Refusal::RiskDeclined | Refusal::MandateDeclined => REFUSED,
            Refusal::InvalidCardNumber | Refusal::CardTypeMismatch => {
                "The card number is not valid. Please check your entry."
            }
            Refusal::InvalidIban => "The IBAN is not valid. Please check your entry.",
            _ => WRONG_PARAMETERS,
        }
    }

    /// One line for a page, in the `name: rule` style of `payone-types` violations:
    /// `hash: hash incorrect (errorcode 7)`.
    pub(crate) fn reason(&self) -> String {
        match self {
            Refusal::Faulty { param, rule } => format!("{param}: {rule}"),
            other => format!(
                "{}: {} (errorcode {})",
                other.param().unwrap_or("request"),
                other.message(),
                other.code()
            ),
        }
    }

    /// The answer: `status`, `errorcode`, `errormessage`, `customermessage`.
    pub(crate) fn answer(&self) -> Answer {
        Answer::status(self.status())
            .with("errorcode", self.code())
            .with("errormessage", self.message())
            .with("customermessage", self.customer_message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code appears in the crate documentation's table: the docs are the contract.
    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("lib.rs");
        let all = [
            Refusal::faulty("x", "y"),
            Refusal::Declined,
            Refusal::RiskDeclined,
            Refusal::MandateDeclined,
            Refusal::AccountMismatch("mid"),
            Refusal::AccountMismatch("portalid"),
            Refusal::AccountMismatch("aid"),
            Refusal::KeyIncorrect,
            Refusal::HashIncorrect,
            Refusal::InvalidCardNumber,
            Refusal::CardTypeMismatch,
            Refusal::InvalidIban,
            Refusal::SequenceIncorrect,
            Refusal::AmountIncorrect("z"),
            Refusal::CurrencyIncorrect,
            Refusal::TxidIncorrect("z"),
            Refusal::ReferenceExists,
            Refusal::UseridIncorrect,
        ];
        for refusal in all {
            let row = format!("//! | {} | `{}` |", refusal.code(), refusal.status());
            assert!(docs.contains(&row), "not documented: {row}");
        }
    }

    #[test]
    fn messages_name_the_parameter() {
        let r = Refusal::faulty("lastname", "must be 2 to 50 characters long");
        assert_eq!(
            r.message(),
            "Parameter {lastname} faulty or missing: must be 2 to 50 characters long"
        );
        assert_eq!(r.param(), Some("lastname"));
        assert_eq!(Refusal::AccountMismatch("aid").code(), 5);
        assert_eq!(r.reason(), "lastname: must be 2 to 50 characters long");
        assert_eq!(
            Refusal::HashIncorrect.reason(),
            "hash: hash incorrect (errorcode 7)"
        );
    }
}
