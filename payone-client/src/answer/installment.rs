//! The installment options of a PAYONE Secured Installment checkout: the answer of the
//! genericpayment `add_paydata[action]=installment_options`
//! (<https://docs.payone.com/display/public/PLATFORM/PAYONE+-+Secured+Installment>).
//!
//! The page names the keys of one option (`installment_option_id`, `total_amount_value`,
//! `first_rate_date`, ...); the answer carries several, each key with the option's index
//! appended (`add_paydata[installment_option_id_0]`, counted from 0), and amounts in minor
//! units, as PAYONE's shop plugins read them (PAYONE-GmbH/shopware-6
//! `src/Components/SecuredInstallment/InstallmentService.php`).

use std::collections::BTreeSet;

use super::GenericPaymentAnswer;
use crate::error::{Error, ParseError};

/// One installment option the buyer may choose. The chosen one's [`id`](Self::id) goes into
/// the pre-/authorization as `add_paydata[installment_option_id]`, with the answer's
/// `workorderid`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InstallmentOption {
    /// `installment_option_id_<n>`.
    pub id: String,
    /// `number_of_payments_<n>`.
    pub number_of_payments: u32,
    /// `monthly_amount_value_<n>`: each rate, minor units.
    pub monthly_amount: i64,
    /// `last_rate_amount_value_<n>`: the last rate, minor units.
    pub last_rate_amount: i64,
    /// `total_amount_value_<n>`: everything the buyer pays, minor units.
    pub total_amount: i64,
    /// `total_amount_currency_<n>`.
    pub currency: String,
    /// `first_rate_date_<n>`, as sent (`YYYY-MM-DD`).
    pub first_rate_date: String,
    /// `nominal_interest_rate_<n>`: hundredths of a percent (`999` is 9.99 %).
    pub nominal_interest_rate: i64,
    /// `effective_interest_rate_<n>`: hundredths of a percent.
    pub effective_interest_rate: i64,
}

/// At most this many options are read: an answer with more is cut there, so that a garbled
/// answer cannot make the list grow without bound.
const MAX_OPTIONS: usize = 64;

impl GenericPaymentAnswer {
    /// The installment options of an `installment_options` answer, in the order of their
    /// indexes (an answer may leave an index out: PAYONE's plugins take every index present).
    /// An option whose numbers are no numbers is an [`Error::Parse`] naming the field; an
    /// answer without options gives an empty list.
    pub fn installment_options(&self) -> Result<Vec<InstallmentOption>, Error> {
        let indexes: BTreeSet<u32> = self
            .paydata_iter()
            .filter_map(|(key, _)| key.strip_prefix("installment_option_id_")?.parse().ok())
            .take(MAX_OPTIONS)
            .collect();
        let mut options = Vec::with_capacity(indexes.len());
        for index in indexes {
            let text = |name: &str| -> Result<String, Error> {
                let key = format!("{name}_{index}");
                self.paydata(&key)
                    .filter(|value| !value.is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| invalid(&key, "present"))
            };
            let number = |name: &str| -> Result<i64, Error> {
                let key = format!("{name}_{index}");
                text(name)?
                    .parse::<i64>()
                    .map_err(|_| invalid(&key, "a whole number"))
            };
            let payments = number("number_of_payments")?;
            options.push(InstallmentOption {
                id: text("installment_option_id")?,
                number_of_payments: u32::try_from(payments)
                    .map_err(|_| invalid(&format!("number_of_payments_{index}"), "a count"))?,
                monthly_amount: number("monthly_amount_value")?,
                last_rate_amount: number("last_rate_amount_value")?,
                total_amount: number("total_amount_value")?,
                currency: text("total_amount_currency")?,
                first_rate_date: text("first_rate_date")?,
                nominal_interest_rate: number("nominal_interest_rate")?,
                effective_interest_rate: number("effective_interest_rate")?,
            });
        }
        Ok(options)
    }
}

/// The error of `add_paydata[key]` not being `expected`.
fn invalid(key: &str, expected: &'static str) -> Error {
    Error::Parse(ParseError::InvalidField {
        field: format!("add_paydata[{key}]"),
        expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Answer, FromAnswer};

    const OPTION_0: &str = "add_paydata[installment_option_id_0]=IOP_a\n\
        add_paydata[number_of_payments_0]=3\nadd_paydata[monthly_amount_value_0]=17414\n\
        add_paydata[last_rate_amount_value_0]=17412\nadd_paydata[total_amount_value_0]=52240\n\
        add_paydata[total_amount_currency_0]=EUR\nadd_paydata[first_rate_date_0]=2023-04-28\n\
        add_paydata[nominal_interest_rate_0]=999\nadd_paydata[effective_interest_rate_0]=1012\n";

    fn read(body: &str) -> GenericPaymentAnswer {
        GenericPaymentAnswer::from_answer(Answer::parse(body).unwrap()).unwrap()
    }

    #[test]
    fn options_are_read_by_index() {
        let answer = read(&format!("status=OK\nworkorderid=WX1\n{OPTION_0}"));
        let options = answer.installment_options().unwrap();
        assert_eq!(options.len(), 1);
        let option = &options[0];
        assert_eq!(option.id, "IOP_a");
        assert_eq!(option.number_of_payments, 3);
        assert_eq!(
            option.monthly_amount * 2 + option.last_rate_amount,
            option.total_amount
        );
        assert_eq!(option.nominal_interest_rate, 999);
        assert_eq!(option.first_rate_date, "2023-04-28");
        assert!(
            read("status=OK\n")
                .installment_options()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn options_are_taken_at_every_index_present() {
        let body = format!("status=OK\n{OPTION_0}").replace("_0]", "_2]");
        let options = read(&body).installment_options().unwrap();
        assert_eq!(options.len(), 1);
        assert_eq!(options[0].id, "IOP_a");
    }

    #[test]
    fn a_number_that_is_none_is_named() {
        let body = format!("status=OK\n{OPTION_0}")
            .replace("number_of_payments_0]=3", "number_of_payments_0]=three");
        let err = read(&body).installment_options().unwrap_err();
        assert!(
            err.to_string()
                .contains("add_paydata[number_of_payments_0]"),
            "{err}"
        );
        let body = format!("status=OK\n{OPTION_0}")
            .replace("add_paydata[first_rate_date_0]=2023-04-28\n", "");
        let err = read(&body).installment_options().unwrap_err();
        assert!(err.to_string().contains("first_rate_date_0"), "{err}");
    }
}
