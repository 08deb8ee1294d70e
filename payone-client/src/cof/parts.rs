//! The pieces the use cases are made of: the card on file, the stored credential a later
//! payment refers to, the customer's data and the 3-D Secure return URLs.

use payone_types::generated::server::{
    Backurl, Birthday, Cardexpiredate, Cardholder, Cardtype, City, Country, CreditCard, Customerid,
    Email, Errorurl, Firstname, Gender, Language, Lastname, Pseudocardpan, Salutation, Street,
    Successurl, Telephonenumber, Userid, Zip,
};

/// A credit card deposited with PAYONE, referred to by its pseudo card number (from a hosted
/// iFrame `creditcardcheck` with `storecarddata=yes`): the card number itself never passes
/// through the merchant's server.
#[derive(Clone, Debug)]
#[must_use]
pub struct Card {
    cardtype: Cardtype,
    cardexpiredate: Cardexpiredate,
    pseudocardpan: Pseudocardpan,
    cardholder: Option<Cardholder>,
}

impl Card {
    /// A card by type, expiry date (YYMM) and pseudo card number.
    pub fn new(
        cardtype: Cardtype,
        cardexpiredate: Cardexpiredate,
        pseudocardpan: Pseudocardpan,
    ) -> Self {
        Card {
            cardtype,
            cardexpiredate,
            pseudocardpan,
            cardholder: None,
        }
    }

    /// Sets `cardholder`.
    pub fn cardholder(mut self, cardholder: Cardholder) -> Self {
        self.cardholder = Some(cardholder);
        self
    }

    /// The credit card block of the request.
    pub(crate) fn block(self) -> CreditCard {
        CreditCard::builder()
            .cardtype(self.cardtype)
            .cardexpiredate(self.cardexpiredate)
            .pseudocardpan(self.pseudocardpan)
            .maybe_cardholder(self.cardholder)
            .build()
    }
}

/// What a payment after the initial one refers to: the credentials-on-file page's "userid or
/// pseudocardpan".
#[derive(Clone, Debug)]
pub enum StoredCredential {
    /// The card by its pseudo card number.
    Card(Card),
    /// The customer PAYONE stored the card for, by the `userid` of the initial answer.
    Userid(Userid),
}

impl From<Card> for StoredCredential {
    fn from(card: Card) -> Self {
        StoredCredential::Card(card)
    }
}

impl From<Userid> for StoredCredential {
    fn from(userid: Userid) -> Self {
        StoredCredential::Userid(userid)
    }
}

impl StoredCredential {
    /// The credit card block (`clearingtype=cc` carries none for a userid) and the `userid`.
    pub(crate) fn split(self) -> (Option<CreditCard>, Option<Userid>) {
        match self {
            StoredCredential::Card(card) => (Some(card.block()), None),
            StoredCredential::Userid(userid) => (None, Some(userid)),
        }
    }
}

/// Where the customer returns after 3-D Secure, for the initial agreement, the contract access
/// with the customer present and (optionally) a one-click payment. The credentials-on-file page:
/// "If Success- and Back-URL are not provided in the request, 3-D secure will not be triggered and
/// issuers might respond with a soft-decline (error 120)", so both are required; the error URL is
/// optional.
#[derive(Clone, Debug)]
#[must_use]
pub struct RedirectUrls {
    successurl: Successurl,
    backurl: Backurl,
    errorurl: Option<Errorurl>,
}

impl RedirectUrls {
    /// The success and back URLs.
    pub fn new(successurl: Successurl, backurl: Backurl) -> Self {
        RedirectUrls {
            successurl,
            backurl,
            errorurl: None,
        }
    }

    /// Sets the error URL.
    pub fn errorurl(mut self, errorurl: Errorurl) -> Self {
        self.errorurl = Some(errorurl);
        self
    }

    /// `successurl`, `backurl` and `errorurl` of optional URLs, for the builders' `maybe_`
    /// setters.
    pub(crate) fn split(
        urls: Option<RedirectUrls>,
    ) -> (Option<Successurl>, Option<Backurl>, Option<Errorurl>) {
        match urls {
            Some(u) => (Some(u.successurl), Some(u.backurl), u.errorurl),
            None => (None, None, None),
        }
    }
}

/// Lists the customer fields as `field setter Type` triples for `$callback`, so the struct and
/// the code that copies it into each request builder cannot drift apart.
macro_rules! customer_fields {
    ($callback:ident ! ( $($args:tt)* )) => {
        $callback! {
            $($args)* ;
            customerid maybe_customerid Customerid,
            lastname maybe_lastname Lastname,
            firstname maybe_firstname Firstname,
            salutation maybe_salutation Salutation,
            country maybe_country Country,
            language maybe_language Language,
            gender maybe_gender Gender,
            birthday maybe_birthday Birthday,
            street maybe_street Street,
            city maybe_city City,
            zip maybe_zip Zip,
            email maybe_email Email,
            telephonenumber maybe_telephonenumber Telephonenumber
        }
    };
}

/// Copies a [`Customer`] into a generated request builder.
macro_rules! apply_customer {
    ($builder:expr, $customer:expr ; $($field:ident $setter:ident $ty:ident),*) => {{
        let customer = $customer;
        $builder $(.$setter(customer.$field))*
    }};
}

macro_rules! define_customer {
    (; $($field:ident $setter:ident $ty:ident),*) => {
        /// The customer's data that the credentials-on-file page's samples send (all optional;
        /// `customerid` loads a stored customer record).
        #[derive(Clone, Debug, Default)]
        #[must_use]
        pub struct Customer {
            $(pub(crate) $field: Option<$ty>,)*
        }

        impl Customer {
            /// No data.
            pub fn new() -> Self {
                Customer::default()
            }

            $(
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                pub fn $field(mut self, value: $ty) -> Self {
                    self.$field = Some(value);
                    self
                }
            )*
        }
    };
}

customer_fields!(define_customer!());

pub(crate) use {apply_customer, customer_fields};
