//! Subscriptions with the PAYONE contract module (credentials-on-file page, "Subscription /
//! contract / abo"): `createaccess`; the later payments are made by the platform.

use payone_types::Violations;
use payone_types::generated::server::{
    AccessStarttime, Amount, Createaccess, CreateaccessClearingtype, Currency, CustomerIsPresent,
    Recurrence,
};

use super::parts::{
    Card, Customer, RedirectUrls, StoredCredential, apply_customer, customer_fields,
};

/// A `createaccess` for the contract module, always with `recurrence=recurring`.
///
/// Two cases, chosen by the constructor:
/// [`ContractAccess::customer_present`] (step 1: the customer agrees and authenticates, so
/// `customer_is_present=yes` with the 3-D Secure return URLs) and
/// [`ContractAccess::after_agreement`] (steps 2a/2b: the agreement was obtained before, so
/// `customer_is_present=no` "even if customer is present").
#[derive(Clone, Debug)]
#[must_use]
pub struct ContractAccess {
    customer_is_present: CustomerIsPresent,
    credential: StoredCredential,
    urls: Option<RedirectUrls>,
    access_starttime: Option<AccessStarttime>,
    amount: Option<(Amount, Currency)>,
    customer: Customer,
}

impl ContractAccess {
    /// The customer is present, agrees to CoF and authenticates with 3-D Secure.
    pub fn customer_present(card: Card, urls: RedirectUrls) -> Self {
        ContractAccess {
            customer_is_present: CustomerIsPresent::Yes,
            credential: StoredCredential::Card(card),
            urls: Some(urls),
            access_starttime: None,
            amount: None,
            customer: Customer::new(),
        }
    }

    /// The customer agreed to CoF in an earlier initial transaction.
    pub fn after_agreement(credential: StoredCredential) -> Self {
        ContractAccess {
            customer_is_present: CustomerIsPresent::No,
            credential,
            urls: None,
            access_starttime: None,
            amount: None,
            customer: Customer::new(),
        }
    }

    /// Sets `access_starttime`.
    pub fn access_starttime(mut self, starttime: AccessStarttime) -> Self {
        self.access_starttime = Some(starttime);
        self
    }

    /// Sets `amount` and `currency`.
    pub fn amount(mut self, amount: Amount, currency: Currency) -> Self {
        self.amount = Some((amount, currency));
        self
    }

    /// Sets the customer's data.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// The request.
    pub fn createaccess(self) -> Result<Createaccess, Violations> {
        let (block, userid) = self.credential.split();
        let (successurl, backurl, errorurl) = RedirectUrls::split(self.urls);
        let (amount, currency) = self.amount.unzip();
        let builder = Createaccess::builder()
            .maybe_access_starttime(self.access_starttime)
            .recurrence(Recurrence::Recurring)
            .customer_is_present(self.customer_is_present)
            .maybe_successurl(successurl)
            .maybe_errorurl(errorurl)
            .maybe_backurl(backurl)
            .clearingtype(CreateaccessClearingtype::Cc(block))
            .maybe_amount(amount)
            .maybe_currency(currency)
            .maybe_userid(userid);
        customer_fields!(apply_customer!(builder, self.customer)).build()
    }
}
