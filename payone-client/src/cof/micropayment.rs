//! Micropayments with the PAYONE billing module (credentials-on-file page, "Micropayment / Billing
//! / vauthorization"): `vauthorization`; the platform settles the accumulated amount.

use payone_types::Violations;
use payone_types::generated::server::{
    Amount, CreateaccessClearingtype, Currency, CustomerIsPresent, Recurrence, SettlePeriodLength,
    SettlePeriodUnit, Vaccountname, Vauthorization, Vreference,
};

use super::parts::{Customer, StoredCredential, apply_customer, customer_fields};

/// A `vauthorization` after the initial agreement: the customer is not present, so it always
/// sends `customer_is_present=no`, with the `recurrence` of the initial transaction.
#[derive(Clone, Debug)]
#[must_use]
pub struct Micropayment {
    recurrence: Recurrence,
    amount: Amount,
    currency: Currency,
    credential: StoredCredential,
    vreference: Option<Vreference>,
    vaccountname: Option<Vaccountname>,
    settle_period: Option<(SettlePeriodLength, SettlePeriodUnit)>,
    customer: Customer,
}

impl Micropayment {
    /// A micropayment of `amount` with the stored `credential`; `recurrence` is the one the
    /// initial transaction was sent with.
    pub fn new(
        recurrence: Recurrence,
        amount: Amount,
        currency: Currency,
        credential: StoredCredential,
    ) -> Self {
        Micropayment {
            recurrence,
            amount,
            currency,
            credential,
            vreference: None,
            vaccountname: None,
            settle_period: None,
            customer: Customer::new(),
        }
    }

    /// Sets `vreference`, the merchant's reference of the billing account.
    pub fn vreference(mut self, vreference: Vreference) -> Self {
        self.vreference = Some(vreference);
        self
    }

    /// Sets `vaccountname`.
    pub fn vaccountname(mut self, vaccountname: Vaccountname) -> Self {
        self.vaccountname = Some(vaccountname);
        self
    }

    /// Sets the settlement period (`settle_period_length`, `settle_period_unit`).
    pub fn settle_period(mut self, length: SettlePeriodLength, unit: SettlePeriodUnit) -> Self {
        self.settle_period = Some((length, unit));
        self
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// The request.
    pub fn vauthorization(self) -> Result<Vauthorization, Violations> {
        let (block, userid) = self.credential.split();
        let (length, unit) = self.settle_period.unzip();
        let builder = Vauthorization::builder()
            .maybe_vreference(self.vreference)
            .maybe_vaccountname(self.vaccountname)
            .maybe_settle_period_length(length)
            .maybe_settle_period_unit(unit)
            .recurrence(self.recurrence)
            .customer_is_present(CustomerIsPresent::No)
            .clearingtype(CreateaccessClearingtype::Cc(block))
            .amount(self.amount)
            .currency(self.currency)
            .maybe_userid(userid);
        customer_fields!(apply_customer!(builder, self.customer)).build()
    }
}
