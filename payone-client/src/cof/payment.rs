//! Card payments with credentials on file: the initial agreement, later recurring payments and
//! one-click payments (seed 003, "Initial transaction, followed by recurring payment" and
//! "Reservation / Sale with oneclick").

use std::marker::PhantomData;

use payone_types::Violations;
use payone_types::generated::server::{
    Amount, Authorization, Clearingtype, Currency, CustomerIsPresent, Preauthorization, Recurrence,
};

use super::parts::{Card, Customer, StoredCredential, apply_customer, customer_fields};

/// Builds a `Preauthorization` or `Authorization` with the CoF flags fixed by the use case.
macro_rules! payment {
    ($ty:ident, $recurrence:expr, $present:expr, $amount:expr, $currency:expr, $credential:expr, $customer:expr) => {{
        let (block, userid) = $credential;
        let builder = $ty::builder()
            .recurrence($recurrence)
            .customer_is_present($present)
            .clearingtype(Clearingtype::Cc(block))
            .amount($amount)
            .currency($currency)
            .maybe_userid(userid);
        customer_fields!(apply_customer!(builder, $customer)).build()
    }};
}

/// Marks an [`InitialAgreement`] that only obtains the agreement, with `amount=1`.
#[derive(Clone, Copy, Debug)]
pub struct AgreementOnly;

/// Marks an [`InitialAgreement`] that also pays the real amount.
#[derive(Clone, Copy, Debug)]
pub struct WithAmount;

/// The initial CoF transaction (seed 003, steps 1a and 1b): the customer is present, agrees to
/// the card being stored and authenticates with 3-D Secure. Sends `customer_is_present=yes`
/// and the `recurrence` the later payments will use.
///
/// An agreement without a known amount sends `amount=1` and exists only as a preauthorization
/// (seed 003, 1a); `authorization` is available only with the real amount.
#[derive(Clone, Debug)]
#[must_use]
pub struct InitialAgreement<A> {
    recurrence: Recurrence,
    amount: Amount,
    currency: Currency,
    card: Card,
    customer: Customer,
    kind: PhantomData<A>,
}

impl InitialAgreement<AgreementOnly> {
    /// Only the agreement: `amount=1`, because the later amount is not known yet.
    pub fn agreement_only(recurrence: Recurrence, currency: Currency, card: Card) -> Self {
        InitialAgreement {
            recurrence,
            amount: Amount::new(1),
            currency,
            card,
            customer: Customer::new(),
            kind: PhantomData,
        }
    }
}

impl InitialAgreement<WithAmount> {
    /// The agreement together with the first payment of `amount`.
    pub fn with_amount(
        recurrence: Recurrence,
        amount: Amount,
        currency: Currency,
        card: Card,
    ) -> Self {
        InitialAgreement {
            recurrence,
            amount,
            currency,
            card,
            customer: Customer::new(),
            kind: PhantomData,
        }
    }

    /// The agreement as an authorization (reserved and booked at once).
    pub fn authorization(self) -> Result<Authorization, Violations> {
        let credential = StoredCredential::Card(self.card).split();
        payment!(
            Authorization,
            self.recurrence,
            CustomerIsPresent::Yes,
            self.amount,
            self.currency,
            credential,
            self.customer
        )
    }
}

impl<A> InitialAgreement<A> {
    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// The agreement as a preauthorization (the amount is captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        let credential = StoredCredential::Card(self.card).split();
        payment!(
            Preauthorization,
            self.recurrence,
            CustomerIsPresent::Yes,
            self.amount,
            self.currency,
            credential,
            self.customer
        )
    }
}

/// A recurring payment after the initial agreement (seed 003, step 2): the customer is not
/// present, so it always sends `recurrence=recurring` and `customer_is_present=no`, and refers
/// to the stored card by pseudocardpan or userid.
#[derive(Clone, Debug)]
#[must_use]
pub struct SubsequentPayment {
    amount: Amount,
    currency: Currency,
    credential: StoredCredential,
    customer: Customer,
}

impl SubsequentPayment {
    /// A payment of `amount` with the stored `credential`.
    pub fn new(amount: Amount, currency: Currency, credential: StoredCredential) -> Self {
        SubsequentPayment {
            amount,
            currency,
            credential,
            customer: Customer::new(),
        }
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// As a preauthorization (captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        payment!(
            Preauthorization,
            Recurrence::Recurring,
            CustomerIsPresent::No,
            self.amount,
            self.currency,
            self.credential.split(),
            self.customer
        )
    }

    /// As an authorization.
    pub fn authorization(self) -> Result<Authorization, Violations> {
        payment!(
            Authorization,
            Recurrence::Recurring,
            CustomerIsPresent::No,
            self.amount,
            self.currency,
            self.credential.split(),
            self.customer
        )
    }
}

/// A one-click payment with a stored card (seed 003, "Reservation / Sale with oneclick",
/// step 2): always customer initiated, so it always sends `recurrence=oneclick` and
/// `customer_is_present=yes`. The initial one-click transaction is an [`InitialAgreement`]
/// with `Recurrence::Oneclick`.
#[derive(Clone, Debug)]
#[must_use]
pub struct OneClickPayment {
    amount: Amount,
    currency: Currency,
    credential: StoredCredential,
    customer: Customer,
}

impl OneClickPayment {
    /// A payment of `amount` with the stored `credential`, confirmed by the customer.
    pub fn new(amount: Amount, currency: Currency, credential: StoredCredential) -> Self {
        OneClickPayment {
            amount,
            currency,
            credential,
            customer: Customer::new(),
        }
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// As a preauthorization (captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        payment!(
            Preauthorization,
            Recurrence::Oneclick,
            CustomerIsPresent::Yes,
            self.amount,
            self.currency,
            self.credential.split(),
            self.customer
        )
    }

    /// As an authorization.
    pub fn authorization(self) -> Result<Authorization, Violations> {
        payment!(
            Authorization,
            Recurrence::Oneclick,
            CustomerIsPresent::Yes,
            self.amount,
            self.currency,
            self.credential.split(),
            self.customer
        )
    }
}
