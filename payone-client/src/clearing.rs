//! The payment instructions that prepayment and invoice answers and TransactionStatus
//! notifications carry: the account the customer pays to and the reference to quote. Field
//! names as PAYONE's magento-1 plugin reads them from answers
//! (`lib/Payone/Api/Response/Authorization/Abstract.php`, `.../Approved.php`) and from
//! notifications (`lib/Payone/TransactionStatus/Request.php`), and as the platform's "Special
//! Parameters for Custom Integrations" page shows them in a capture answer
//! (<https://docs.payone.com/display/public/INT/Special+Parameters+for+Custom+Integrations>).
//!
//! Shared by the Server API answers (`server`) and the notifications (any of `frontend`,
//! `client-api`, `server`); its public paths are `payone_client::answer::Clearing` and
//! `payone_client::notification::Clearing`.

use crate::fields::Fields;

/// The `clearing_*` fields of an answer or a notification: where and how the customer pays
/// (prepayment `vor`, invoice `rec`); in a notification of a SEPA direct debit also the date and
/// amount of the debit ([`Clearing::date`], [`Clearing::amount`]). The account is the payee's
/// collection account, meant to be shown to the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clearing<'a> {
    fields: &'a Fields,
}

impl<'a> Clearing<'a> {
    /// The `clearing_*` fields of `fields`, if there is at least one.
    pub(crate) fn of(fields: &'a Fields) -> Option<Clearing<'a>> {
        fields
            .iter()
            .any(|(name, value)| name.starts_with("clearing_") && !value.is_empty())
            .then_some(Clearing { fields })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.fields.get(name).filter(|value| !value.is_empty())
    }

    /// `clearing_bankaccountholder`: the account holder to pay to.
    pub fn account_holder(&self) -> Option<&'a str> {
        self.get("clearing_bankaccountholder")
    }

    /// `clearing_bankiban`.
    pub fn iban(&self) -> Option<&'a str> {
        self.get("clearing_bankiban")
    }

    /// `clearing_bankbic`.
    pub fn bic(&self) -> Option<&'a str> {
        self.get("clearing_bankbic")
    }

    /// `clearing_bankname`.
    pub fn bank_name(&self) -> Option<&'a str> {
        self.get("clearing_bankname")
    }

    /// `clearing_bankcity`.
    pub fn bank_city(&self) -> Option<&'a str> {
        self.get("clearing_bankcity")
    }

    /// `clearing_bankcountry`.
    pub fn bank_country(&self) -> Option<&'a str> {
        self.get("clearing_bankcountry")
    }

    /// `clearing_bankaccount`: the national account number, for accounts without IBAN.
    pub fn account_number(&self) -> Option<&'a str> {
        self.get("clearing_bankaccount")
    }

    /// `clearing_bankcode`: the national bank code, for accounts without IBAN.
    pub fn bank_code(&self) -> Option<&'a str> {
        self.get("clearing_bankcode")
    }

    /// `clearing_reference`: the reference the customer must quote with the transfer.
    pub fn reference(&self) -> Option<&'a str> {
        self.get("clearing_reference")
    }

    /// `clearing_amount`: the amount to pay, or the amount debited.
    pub fn amount(&self) -> Option<&'a str> {
        self.get("clearing_amount")
    }

    /// `clearing_duedate`: when the payment is due.
    pub fn due_date(&self) -> Option<&'a str> {
        self.get("clearing_duedate")
    }

    /// `clearing_date`: the date of the instruction; in a SEPA direct debit notification the
    /// day the debit is collected (`YYYYMMDD`).
    pub fn date(&self) -> Option<&'a str> {
        self.get("clearing_date")
    }

    /// `clearing_instructionnote`: text to show with the instruction.
    pub fn instruction_note(&self) -> Option<&'a str> {
        self.get("clearing_instructionnote")
    }

    /// `clearing_legalnote`: legal text to print on the invoice.
    pub fn legal_note(&self) -> Option<&'a str> {
        self.get("clearing_legalnote")
    }
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use crate::answer::Answer;

    #[test]
    fn a_prepayment_answer_carries_the_account_to_pay_to() {
        let answer = Answer::parse(
            "status=APPROVED\ntxid=205387102\nuserid=90737467\n\
             clearing_bankaccountholder=PAYONE GmbH\nclearing_bankiban=DE71300500000000000000\n\
             clearing_bankbic=WELADEDDXXX\nclearing_bankname=Landesbank\n\
             clearing_reference=DN1234567890\nclearing_amount=100.00\n",
        )
        .unwrap();
        let clearing = answer.clearing().expect("clearing data");
        assert_eq!(clearing.account_holder(), Some("PAYONE GmbH"));
        assert_eq!(clearing.iban(), Some("DE71300500000000000000"));
        assert_eq!(clearing.reference(), Some("DN1234567890"));
        assert_eq!(clearing.amount(), Some("100.00"));
        assert_eq!(clearing.due_date(), None);
    }

    #[test]
    fn a_card_answer_has_no_clearing_data() {
        let answer = Answer::parse("status=APPROVED\ntxid=1\nclearing_reference=\n").unwrap();
        assert!(answer.clearing().is_none());
    }
}
