//! Card payments with credentials on file: the initial agreement, later recurring payments and
//! one-click payments (credentials-on-file page, "Initial transaction, followed by recurring
//! payment" and "Reservation / Sale with oneclick").

use std::marker::PhantomData;

use payone_types::Violations;
use payone_types::generated::server::{
    Amount, Authorization, Clearingtype, Currency, CustomerIsPresent, Preauthorization, Recurrence,
    Reference,
};

use super::parts::{
    Card, Customer, RedirectUrls, StoredCredential, apply_customer, customer_fields,
};

/// What every pre-/authorization of the use cases carries besides the CoF flags.
#[derive(Clone, Debug)]
struct Payment {
    amount: Amount,
    currency: Currency,
    credential: StoredCredential,
    reference: Option<Reference>,
    urls: Option<RedirectUrls>,
    customer: Customer,
}

impl Payment {
    fn new(amount: Amount, currency: Currency, credential: StoredCredential) -> Self {
        Payment {
            amount,
            currency,
            credential,
            reference: None,
            urls: None,
            customer: Customer::new(),
        }
    }
}

/// Builds a `Preauthorization` or `Authorization` from a [`Payment`] with the CoF flags fixed
/// by the use case.
macro_rules! payment {
    ($ty:ident, $recurrence:expr, $present:expr, $payment:expr) => {{
        let payment: Payment = $payment;
        let (block, userid) = payment.credential.split();
        let (successurl, backurl, errorurl) = RedirectUrls::split(payment.urls);
        let builder = $ty::builder()
            .recurrence($recurrence)
            .customer_is_present($present)
            .clearingtype(Clearingtype::Cc(block))
            .amount(payment.amount)
            .currency(payment.currency)
            .maybe_reference(payment.reference)
            .maybe_userid(userid)
            .maybe_successurl(successurl)
            .maybe_errorurl(errorurl)
            .maybe_backurl(backurl);
        customer_fields!(apply_customer!(builder, payment.customer)).build()
    }};
}

/// Marks an [`InitialAgreement`] that only obtains the agreement, with `amount=1`.
#[derive(Clone, Copy, Debug)]
pub struct AgreementOnly;

/// Marks an [`InitialAgreement`] that also pays the real amount.
#[derive(Clone, Copy, Debug)]
pub struct WithAmount;

/// The initial CoF transaction (credentials-on-file page, steps 1a and 1b): the customer is
/// present, agrees to the card being stored and authenticates with 3-D Secure. Sends
/// `customer_is_present=yes`, the `recurrence` the later payments will use and the 3-D Secure
/// return URLs.
///
/// An agreement without a known amount sends `amount=1` and exists only as a preauthorization
/// (credentials-on-file page, 1a); `authorization` is available only with the real amount.
///
/// # The return URLs are required
///
/// The credentials-on-file page says that the initial payment "will be handled with 3-D secure" and
/// warns: "If Success- and Back-URL are not provided in the request, 3-D secure will not be
/// triggered and issuers might respond with a soft-decline (error 120)". An initial agreement
/// without them would be a request that looks right and fails at the issuer, so the constructors
/// take [`RedirectUrls`] (success and back URL, error URL optional).
///
/// The page's own "Sample Initial Request" sends no URLs; apart from `successurl` and
/// `backurl` (and `errorurl` when set) the parameters are exactly the sample's. The sample
/// itself, URLs left out, can still be written with the generated
/// [`Preauthorization::builder`], which enforces only the table.
#[derive(Clone, Debug)]
#[must_use]
pub struct InitialAgreement<A> {
    recurrence: Recurrence,
    payment: Payment,
    kind: PhantomData<A>,
}

impl InitialAgreement<AgreementOnly> {
    /// Only the agreement: `amount=1`, because the later amount is not known yet.
    pub fn agreement_only(
        recurrence: Recurrence,
        currency: Currency,
        card: Card,
        urls: RedirectUrls,
    ) -> Self {
        InitialAgreement::new(recurrence, Amount::new(1), currency, card, urls)
    }
}

impl InitialAgreement<WithAmount> {
    /// The agreement together with the first payment of `amount`.
    pub fn with_amount(
        recurrence: Recurrence,
        amount: Amount,
        currency: Currency,
        card: Card,
        urls: RedirectUrls,
    ) -> Self {
        InitialAgreement::new(recurrence, amount, currency, card, urls)
    }

    /// The agreement as an authorization (reserved and booked at once).
    pub fn authorization(self) -> Result<Authorization, Violations> {
        payment!(
            Authorization,
            self.recurrence,
            CustomerIsPresent::Yes,
            self.payment
        )
    }
}

impl<A> InitialAgreement<A> {
    fn new(
        recurrence: Recurrence,
        amount: Amount,
        currency: Currency,
        card: Card,
        urls: RedirectUrls,
    ) -> Self {
        let mut payment = Payment::new(amount, currency, StoredCredential::Card(card));
        payment.urls = Some(urls);
        InitialAgreement {
            recurrence,
            payment,
            kind: PhantomData,
        }
    }

    /// Sets the merchant's `reference` (unique in the portal: PAYONE refuses one used before
    /// with error 911).
    pub fn reference(mut self, reference: Reference) -> Self {
        self.payment.reference = Some(reference);
        self
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.payment.customer = customer;
        self
    }

    /// The agreement as a preauthorization (the amount is captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        payment!(
            Preauthorization,
            self.recurrence,
            CustomerIsPresent::Yes,
            self.payment
        )
    }
}

/// A recurring payment after the initial agreement (credentials-on-file page, step 2): the customer
/// is not present, so it always sends `recurrence=recurring` and `customer_is_present=no`, and
/// refers to the stored card by pseudocardpan or userid. Without the customer there is no 3-D
/// Secure, so it has no return URLs.
#[derive(Clone, Debug)]
#[must_use]
pub struct SubsequentPayment {
    payment: Payment,
}

impl SubsequentPayment {
    /// A payment of `amount` with the stored `credential`.
    pub fn new(amount: Amount, currency: Currency, credential: StoredCredential) -> Self {
        SubsequentPayment {
            payment: Payment::new(amount, currency, credential),
        }
    }

    /// Sets the merchant's `reference` (unique in the portal: PAYONE refuses one used before
    /// with error 911).
    pub fn reference(mut self, reference: Reference) -> Self {
        self.payment.reference = Some(reference);
        self
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.payment.customer = customer;
        self
    }

    /// As a preauthorization (captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        payment!(
            Preauthorization,
            Recurrence::Recurring,
            CustomerIsPresent::No,
            self.payment
        )
    }

    /// As an authorization.
    pub fn authorization(self) -> Result<Authorization, Violations> {
        payment!(
            Authorization,
            Recurrence::Recurring,
            CustomerIsPresent::No,
            self.payment
        )
    }
}

/// A one-click payment with a stored card (credentials-on-file page, "Reservation / Sale with
/// oneclick", step 2): always customer initiated, so it always sends `recurrence=oneclick` and
/// `customer_is_present=yes`. The initial one-click transaction is an [`InitialAgreement`]
/// with `Recurrence::Oneclick`.
///
/// The credentials-on-file page: "3-D Secure may not be required", but "the issuer of course can
/// decide to authenticate this transaction"; since the customer is present, the return URLs may be
/// given ([`OneClickPayment::redirect_urls`]). The page's sample sends none.
#[derive(Clone, Debug)]
#[must_use]
pub struct OneClickPayment {
    payment: Payment,
}

impl OneClickPayment {
    /// A payment of `amount` with the stored `credential`, confirmed by the customer.
    pub fn new(amount: Amount, currency: Currency, credential: StoredCredential) -> Self {
        OneClickPayment {
            payment: Payment::new(amount, currency, credential),
        }
    }

    /// Sets the merchant's `reference` (unique in the portal: PAYONE refuses one used before
    /// with error 911).
    pub fn reference(mut self, reference: Reference) -> Self {
        self.payment.reference = Some(reference);
        self
    }

    /// Sets the 3-D Secure return URLs, for when the issuer challenges the customer.
    pub fn redirect_urls(mut self, urls: RedirectUrls) -> Self {
        self.payment.urls = Some(urls);
        self
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.payment.customer = customer;
        self
    }

    /// As a preauthorization (captured later with `capture`).
    pub fn preauthorization(self) -> Result<Preauthorization, Violations> {
        payment!(
            Preauthorization,
            Recurrence::Oneclick,
            CustomerIsPresent::Yes,
            self.payment
        )
    }

    /// As an authorization.
    pub fn authorization(self) -> Result<Authorization, Violations> {
        payment!(
            Authorization,
            Recurrence::Oneclick,
            CustomerIsPresent::Yes,
            self.payment
        )
    }
}
