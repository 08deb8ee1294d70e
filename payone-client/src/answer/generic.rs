//! The answer of genericpayment: a payment method's helper call (PayPal Express, Klarna
//! sessions, Amazon Pay, secured invoice and installment checks). Which `add_paydata[...]` keys
//! come back depends on the action; the payment-method pages list them (for example PAYONE
//! Secured Installment,
//! <https://docs.payone.com/display/public/PLATFORM/PAYONE+-+Secured+Installment>).

use super::typed::{optional, required, unexpected};
use super::{Answer, FromAnswer};
use crate::error::Error;
use crate::fields::Fields;

/// The `status` of a genericpayment answer, with what it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenericStatus {
    /// `APPROVED`.
    Approved,
    /// `OK`.
    Ok,
    /// `REDIRECT`: send the customer to the URL (for example to approve a PayPal Express
    /// checkout), then continue with the same `workorderid`.
    Redirect {
        /// `redirecturl`.
        redirecturl: String,
    },
}

/// The answer of a genericpayment request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenericPaymentAnswer {
    status: GenericStatus,
    workorderid: Option<String>,
    fields: Fields,
}

/// The prefix and suffix of a keyed `add_paydata[key]` field.
const PAYDATA: (&str, &str) = ("add_paydata[", "]");

impl GenericPaymentAnswer {
    /// The status.
    pub fn status(&self) -> &GenericStatus {
        &self.status
    }

    /// `workorderid`: the platform's ID of this checkout, which the following genericpayment
    /// calls and the preauthorization or authorization repeat.
    pub fn workorderid(&self) -> Option<&str> {
        self.workorderid.as_deref()
    }

    /// `redirecturl`, for a `REDIRECT` answer.
    pub fn redirecturl(&self) -> Option<&str> {
        match &self.status {
            GenericStatus::Redirect { redirecturl } => Some(redirecturl),
            _ => None,
        }
    }

    /// The value of `add_paydata[key]` (for example `client_token` of a Klarna session,
    /// `number-of-rates` of a Ratepay calculation; the options of a PAYONE Secured
    /// Installment checkout are read by [`installment_options`](Self::installment_options)).
    pub fn paydata(&self, key: &str) -> Option<&str> {
        self.paydata_iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Every `add_paydata[key]` of the answer as `(key, value)`, in the order received.
    pub fn paydata_iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.fields.iter().filter_map(|(name, value)| {
            let key = name.strip_prefix(PAYDATA.0)?.strip_suffix(PAYDATA.1)?;
            Some((key, value))
        })
    }

    /// Every field of the answer, unknown ones too.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }
}

impl FromAnswer for GenericPaymentAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        let status = match &answer {
            Answer::Approved { .. } => GenericStatus::Approved,
            Answer::Ok { .. } => GenericStatus::Ok,
            Answer::Redirect { redirecturl, .. } => GenericStatus::Redirect {
                redirecturl: redirecturl.clone(),
            },
            other => return Err(unexpected("genericpayment", other)),
        };
        // A redirect must name the checkout it continues; the other statuses of some actions
        // (Ratepay profile, Unzer pre_check) may come without one.
        let workorderid = match status {
            GenericStatus::Redirect { .. } => Some(required(&answer, "workorderid")?),
            _ => optional(&answer, "workorderid"),
        };
        Ok(GenericPaymentAnswer {
            status,
            workorderid,
            fields: answer.into_fields(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_klarna_session_carries_its_client_token() {
        let answer = Answer::parse(
            "status=OK\nworkorderid=WX1234567890\nadd_paydata[client_token]=eyJhbGciOi\n\
             add_paydata[session_id]=S-1\n",
        )
        .unwrap();
        let generic = GenericPaymentAnswer::from_answer(answer).unwrap();
        assert_eq!(generic.status(), &GenericStatus::Ok);
        assert_eq!(generic.workorderid(), Some("WX1234567890"));
        assert_eq!(generic.paydata("client_token"), Some("eyJhbGciOi"));
        assert_eq!(
            generic.paydata_iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["client_token", "session_id"]
        );
        assert_eq!(generic.paydata("missing"), None);
    }

    #[test]
    fn a_paypal_express_start_redirects_with_its_workorder() {
        let answer = Answer::parse(
            "status=REDIRECT\nredirecturl=https://www.sandbox.paypal.com/x\nworkorderid=WX1\n",
        )
        .unwrap();
        let generic = GenericPaymentAnswer::from_answer(answer).unwrap();
        assert_eq!(
            generic.redirecturl(),
            Some("https://www.sandbox.paypal.com/x")
        );
        assert_eq!(generic.workorderid(), Some("WX1"));
        let without = Answer::parse("status=REDIRECT\nredirecturl=https://x.test/\n").unwrap();
        let err = GenericPaymentAnswer::from_answer(without).unwrap_err();
        assert!(
            err.to_string()
                .contains("the REDIRECT answer has no workorderid"),
            "{err}"
        );
    }

    #[test]
    fn check_statuses_are_not_genericpayment_answers() {
        let answer = Answer::parse("status=VALID\n").unwrap();
        assert!(GenericPaymentAnswer::from_answer(answer).is_err());
    }
}
