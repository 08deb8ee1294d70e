//! The credentials-on-file (CoF) use cases of the platform's credentials-on-file page
//! ("Recurring transactions credit card",
//! <https://docs.payone.com/payment-methods/credit-cards/recurring-transactions-cc>) as typed
//! constructors.
//!
//! Each use case fixes `recurrence` and `customer_is_present` the way the credentials-on-file page
//! prescribes and produces a generated Server API request, so the combinations the
//! credentials-on-file page rules out cannot be written: a one-click payment always sends
//! `customer_is_present=yes`, a recurring payment after the agreement always
//! `customer_is_present=no`, an agreement without amount (`amount=1`) is only a preauthorization,
//! an initial agreement always carries the 3-D Secure return URLs and a recurring payment without
//! the customer never does.
//!
//! Every pre-/authorization may carry the merchant's `reference` (`.reference(...)`), which the
//! platform refuses when it was used before (error 911).
//!
//! | step on the credentials-on-file page | constructor | request |
//! |---|---|---|
//! | 1a agreement only, amount=1 | [`InitialAgreement::agreement_only`] | preauthorization |
//! | 1b agreement with amount | [`InitialAgreement::with_amount`] | preauthorization, authorization |
//! | 2 subsequent recurring payment | [`SubsequentPayment`] | preauthorization, authorization |
//! | one-click, initial | [`InitialAgreement`] with `Recurrence::Oneclick` | preauthorization, authorization |
//! | one-click, subsequent | [`OneClickPayment`] | preauthorization, authorization |
//! | contract, customer present | [`ContractAccess::customer_present`] | createaccess |
//! | contract, agreement given before | [`ContractAccess::after_agreement`] | createaccess |
//! | micropayment | [`Micropayment`] | vauthorization |
//!
//! ```
//! use payone_client::cof::{Card, OneClickPayment, StoredCredential};
//! use payone_types::generated::server::*;
//!
//! let request = OneClickPayment::new(
//!     Amount::new(3000),
//!     Currency::new("EUR"),
//!     StoredCredential::Userid(Userid::new("123456789")),
//! )
//! .authorization()?;
//! assert_eq!(request.customer_is_present(), Some(&CustomerIsPresent::Yes));
//! # Ok::<(), payone_types::Violations>(())
//! ```
//!
//! What the credentials-on-file page rules out does not compile. A one-click payment has no way to
//! say the customer is absent:
//!
//! ```compile_fail,E0599
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let credential = StoredCredential::Userid(Userid::new("1"));
//! OneClickPayment::new(Amount::new(3000), Currency::new("EUR"), credential)
//!     .customer_is_present(CustomerIsPresent::No);
//! ```
//!
//! A recurring payment after the agreement has no way to say the customer is present:
//!
//! ```compile_fail,E0599
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let credential = StoredCredential::Userid(Userid::new("1"));
//! SubsequentPayment::new(Amount::new(3000), Currency::new("EUR"), credential)
//!     .customer_is_present(CustomerIsPresent::Yes);
//! ```
//!
//! An agreement without amount (`amount=1`) cannot be an authorization, which would book it:
//!
//! ```compile_fail,E0599
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let card = Card::new(Cardtype::M, Cardexpiredate::new("2110"), Pseudocardpan::new("1"));
//! # let urls = RedirectUrls::new(Successurl::new("https://s.example/ok"), Backurl::new("https://s.example/back"));
//! InitialAgreement::agreement_only(Recurrence::Recurring, Currency::new("EUR"), card, urls)
//!     .authorization();
//! ```
//!
//! An initial agreement cannot leave out the 3-D Secure return URLs (credentials-on-file page:
//! without Success- and Back-URL 3-D Secure is not triggered; see [`InitialAgreement`] for how this
//! differs from the credentials-on-file page's sample):
//!
//! ```compile_fail,E0061
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let card = Card::new(Cardtype::M, Cardexpiredate::new("2110"), Pseudocardpan::new("1"));
//! InitialAgreement::with_amount(Recurrence::Recurring, Amount::new(3000), Currency::new("EUR"), card);
//! ```
//!
//! A recurring payment without the customer has no 3-D Secure, so no return URLs:
//!
//! ```compile_fail,E0599
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let credential = StoredCredential::Userid(Userid::new("1"));
//! # let urls = RedirectUrls::new(Successurl::new("https://s.example/ok"), Backurl::new("https://s.example/back"));
//! SubsequentPayment::new(Amount::new(3000), Currency::new("EUR"), credential)
//!     .redirect_urls(urls);
//! ```
//!
//! A contract access with the customer present cannot leave out the 3-D Secure return URLs:
//!
//! ```compile_fail,E0061
//! # use payone_client::cof::*; use payone_types::generated::server::*;
//! # let card = Card::new(Cardtype::M, Cardexpiredate::new("2110"), Pseudocardpan::new("1"));
//! ContractAccess::customer_present(card);
//! ```

mod contract;
mod micropayment;
mod parts;
mod payment;

pub use contract::ContractAccess;
pub use micropayment::Micropayment;
pub use parts::{Card, Customer, RedirectUrls, StoredCredential};
pub use payment::{
    AgreementOnly, InitialAgreement, OneClickPayment, SubsequentPayment, WithAmount,
};
