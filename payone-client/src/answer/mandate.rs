//! The answer of managemandate: the SEPA direct debit mandate that PAYONE manages, as the
//! PAYONE Direct Debit page describes it
//! (<https://docs.payone.com/payment-methods/payone-direct-debit>).

use std::fmt;

use payone_types::params::REDACTED;

use super::typed::{optional, required, unexpected};
use super::{Answer, FromAnswer};
use crate::error::Error;
use crate::fields::Fields;

/// The answer of a managemandate request (`status=APPROVED`).
///
/// A mandate whose [`status`](MandateAnswer::status) is [`MandateStatus::Pending`] must be
/// shown to the customer ([`MandateAnswer::text`]) and confirmed before the payment that
/// activates it; the preauthorization or authorization then repeats
/// [`mandate_identification`](MandateAnswer::mandate_identification), within two hours of the
/// managemandate request (the Server API managemandate page,
/// <https://docs.payone.com/integration/channel-server-api/server-api-managemandate>).
#[derive(Clone, PartialEq, Eq)]
pub struct MandateAnswer {
    mandate_identification: String,
    status: MandateStatus,
    text: Option<MandateText>,
    creditor_identifier: Option<String>,
    fields: Fields,
}

impl MandateAnswer {
    /// `mandate_identification`: the mandate reference that the payment repeats and that
    /// getfile fetches the signed mandate by.
    pub fn mandate_identification(&self) -> &str {
        &self.mandate_identification
    }

    /// `mandate_status`.
    pub fn status(&self) -> &MandateStatus {
        &self.status
    }

    /// Whether the customer must see and confirm the mandate text before the payment.
    pub fn needs_confirmation(&self) -> bool {
        self.status == MandateStatus::Pending
    }

    /// `mandate_text`: the mandate to show the customer, when the platform sent one.
    pub fn text(&self) -> Option<&MandateText> {
        self.text.as_ref()
    }

    /// `creditor_identifier`: the SEPA creditor ID of the payee.
    pub fn creditor_identifier(&self) -> Option<&str> {
        self.creditor_identifier.as_deref()
    }

    /// `iban` of the mandate's account, when the answer carries it. Not printed by `Debug`.
    pub fn iban(&self) -> Option<&str> {
        self.fields.get("iban")
    }

    /// `bic` of the mandate's account, when the answer carries it. Not printed by `Debug`.
    pub fn bic(&self) -> Option<&str> {
        self.fields.get("bic")
    }

    /// Every field of the answer, unknown ones too.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }
}

impl FromAnswer for MandateAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        if !matches!(answer, Answer::Approved { .. }) {
            return Err(unexpected("managemandate", &answer));
        }
        let mandate_identification = required(&answer, "mandate_identification")?;
        let status = MandateStatus::parse(&required(&answer, "mandate_status")?);
        let text = optional(&answer, "mandate_text").map(MandateText);
        let creditor_identifier = optional(&answer, "creditor_identifier");
        Ok(MandateAnswer {
            mandate_identification,
            status,
            text,
            creditor_identifier,
            fields: answer.into_fields(),
        })
    }
}

impl fmt::Debug for MandateAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MandateAnswer")
            .field("mandate_identification", &self.mandate_identification)
            .field("status", &self.status)
            .field("text", &self.text)
            .field("creditor_identifier", &self.creditor_identifier)
            .field("fields", &self.fields)
            .finish()
    }
}

/// `mandate_status` of a managemandate answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MandateStatus {
    /// `pending`: a new mandate, which the customer must confirm; the payment activates it.
    Pending,
    /// `active`: the account already has an active mandate; no confirmation is needed.
    Active,
    /// A value this crate does not know, kept as received.
    Other(String),
}

impl MandateStatus {
    fn parse(value: &str) -> MandateStatus {
        match value {
            "pending" => MandateStatus::Pending,
            "active" => MandateStatus::Active,
            other => MandateStatus::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            MandateStatus::Pending => "pending",
            MandateStatus::Active => "active",
            MandateStatus::Other(value) => value,
        }
    }
}

/// `mandate_text`: the mandate as URL-encoded HTML, which names the customer and the account.
///
/// `Debug` prints only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct MandateText(String);

impl MandateText {
    /// The text as received (URL-encoded).
    pub fn encoded(&self) -> &str {
        &self.0
    }

    /// The HTML to show the customer: the received text URL-decoded (`+` is a blank). Encoded
    /// bytes that are not UTF-8 are read as ISO-8859-1, the platform's other charset.
    pub fn html(&self) -> String {
        let spaced = self.0.replace('+', " ");
        let bytes: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(not_utf8) => not_utf8
                .into_bytes()
                .iter()
                .map(|&b| char::from(b))
                .collect(),
        }
    }
}

impl fmt::Debug for MandateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MandateText({REDACTED}, {} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Result<MandateAnswer, Error> {
        MandateAnswer::from_answer(Answer::parse(body)?)
    }

    #[test]
    fn a_pending_mandate_needs_confirmation_and_keeps_its_text() {
        let mandate = answer(
            "status=APPROVED\nmandate_identification=PO-1234567890\nmandate_status=pending\n\
             mandate_text=%3Cp%3EErika+Mustermann%2C+DE02120300000000202051%3C%2Fp%3E\n\
             creditor_identifier=DE98ZZZ09999999999\niban=DE02120300000000202051\nbic=BYLADEM1001\n",
        )
        .unwrap();
        assert_eq!(mandate.mandate_identification(), "PO-1234567890");
        assert!(mandate.needs_confirmation());
        assert_eq!(
            mandate.text().unwrap().html(),
            "<p>Erika Mustermann, DE02120300000000202051</p>"
        );
        assert_eq!(mandate.creditor_identifier(), Some("DE98ZZZ09999999999"));
        assert_eq!(mandate.iban(), Some("DE02120300000000202051"));
        let debug = format!("{mandate:?}");
        for secret in ["DE02120300000000202051", "Erika", "BYLADEM1001"] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("PO-1234567890"), "{debug}");
    }

    #[test]
    fn an_active_mandate_needs_no_confirmation() {
        let mandate =
            answer("status=APPROVED\nmandate_identification=M-1\nmandate_status=active\n").unwrap();
        assert_eq!(mandate.status(), &MandateStatus::Active);
        assert!(!mandate.needs_confirmation());
        assert!(mandate.text().is_none());
    }

    #[test]
    fn unknown_statuses_are_kept_and_latin1_text_is_read() {
        let mandate = answer(
            "status=APPROVED\nmandate_identification=M-1\nmandate_status=revoked\nmandate_text=Stra%DFe\n",
        )
        .unwrap();
        assert_eq!(mandate.status().as_str(), "revoked");
        assert_eq!(mandate.text().unwrap().html(), "Straße");
    }

    #[test]
    fn a_missing_identification_or_another_status_is_a_parse_error() {
        let err = answer("status=APPROVED\nmandate_status=pending\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "PAYONE's answer could not be read (the APPROVED answer has no mandate_identification); the request may have been processed, so check its outcome before sending it again"
        );
        let err = answer("status=REDIRECT\nredirecturl=https://example.test/\n").unwrap_err();
        assert!(err.to_string().contains(
            "the managemandate answer has the status REDIRECT, which this request is not answered with"
        ));
    }
}
