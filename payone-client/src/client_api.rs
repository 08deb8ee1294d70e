//! The Client API requests a web page sends from the customer's browser (the Client API page
//! "General Interface Definitions"): the checks `creditcardcheck` and `bankaccountcheck`, and
//! `managemandate` for a SEPA direct debit mandate. The server signs the account parameters and
//! the request's settings; the browser adds the card, bank account or customer data, which never
//! pass through the merchant's server (PCI DSS SAQ A with hosted iFrames). The page hands the
//! JSON answer back to the server, which reads it with [`answer_from_json`] (and a mandate with
//! [`mandate_answer`]).
//!
//! ```
//! use payone_client::client_api::HostedCreditcardcheck;
//! use payone_types::generated::client::{Responsetype, Storecarddata};
//! # fn f(client: &payone_client::Client) -> Result<(), payone_client::Error> {
//! let check = HostedCreditcardcheck::new(Responsetype::Json).storecarddata(Storecarddata::Yes);
//! let params = client.client_api_params(&check)?;
//! let json = params.to_json(); // {"mid":"...",...,"hash":"..."}: no portal key, no key
//! # Ok(()) }
//! ```

use std::borrow::Cow;

use payone_types::ParamValue;
use payone_types::generated::client::{
    BankaccountChecktype, Bankaccountcheck, Checktype, Clearingtype, Creditcardcheck, Currency,
    Customerid, Errorurl, Language, Managemandate, Responsetype, Storecarddata, Successurl,
};

#[cfg(feature = "server")]
use crate::answer::{Answer, FromAnswer, MandateAnswer};
use crate::api::ClientApiRequest;
#[cfg(feature = "server")]
use crate::error::{Error, ParseError};
#[cfg(feature = "server")]
use crate::fields::Fields;

mod sealed {
    pub trait Sealed {}
}

/// A Client API check whose signed settings a web page needs.
pub trait BrowserCheck: sealed::Sealed {
    /// The request table the settings are checked against.
    type Table: ClientApiRequest;

    /// The settings as wire `name=value` pairs.
    fn fields(&self) -> Vec<(&'static str, Cow<'_, str>)>;
}

/// The settings shared by every check.
#[derive(Clone, Debug)]
struct Settings {
    responsetype: Responsetype,
    successurl: Option<Successurl>,
    errorurl: Option<Errorurl>,
}

impl Settings {
    fn new(responsetype: Responsetype) -> Self {
        Settings {
            responsetype,
            successurl: None,
            errorurl: None,
        }
    }

    fn fields(&self) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut out = vec![("responsetype", self.responsetype.param_value())];
        if let Some(v) = &self.successurl {
            out.push(("successurl", v.param_value()));
        }
        if let Some(v) = &self.errorurl {
            out.push(("errorurl", v.param_value()));
        }
        out
    }
}

/// `request=creditcardcheck` for a hosted iFrame: the browser adds the card data.
#[derive(Clone, Debug)]
#[must_use]
pub struct HostedCreditcardcheck {
    settings: Settings,
    checktype: Option<Checktype>,
    storecarddata: Option<Storecarddata>,
}

impl HostedCreditcardcheck {
    /// A check answered in `responsetype` (JSON for the iFrame script, REDIRECT for a form).
    pub fn new(responsetype: Responsetype) -> Self {
        HostedCreditcardcheck {
            settings: Settings::new(responsetype),
            checktype: None,
            storecarddata: None,
        }
    }

    /// Sets `storecarddata` (`yes`: the answer carries a pseudocardpan).
    pub fn storecarddata(mut self, value: Storecarddata) -> Self {
        self.storecarddata = Some(value);
        self
    }

    /// Sets `checktype`.
    pub fn checktype(mut self, value: Checktype) -> Self {
        self.checktype = Some(value);
        self
    }

    /// Sets `successurl` (for `responsetype=REDIRECT`).
    pub fn successurl(mut self, value: Successurl) -> Self {
        self.settings.successurl = Some(value);
        self
    }

    /// Sets `errorurl` (for `responsetype=REDIRECT`).
    pub fn errorurl(mut self, value: Errorurl) -> Self {
        self.settings.errorurl = Some(value);
        self
    }
}

impl sealed::Sealed for HostedCreditcardcheck {}

impl BrowserCheck for HostedCreditcardcheck {
    type Table = Creditcardcheck;

    fn fields(&self) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut out = self.settings.fields();
        if let Some(v) = &self.checktype {
            out.push(("checktype", v.param_value()));
        }
        if let Some(v) = &self.storecarddata {
            out.push(("storecarddata", v.param_value()));
        }
        out
    }
}

/// `request=bankaccountcheck` from the browser: the page adds the bank account data.
#[derive(Clone, Debug)]
#[must_use]
pub struct HostedBankaccountcheck {
    settings: Settings,
    checktype: Option<BankaccountChecktype>,
    language: Option<Language>,
}

impl HostedBankaccountcheck {
    /// A check answered in `responsetype`.
    pub fn new(responsetype: Responsetype) -> Self {
        HostedBankaccountcheck {
            settings: Settings::new(responsetype),
            checktype: None,
            language: None,
        }
    }

    /// Sets `checktype`: the regular check (the platform's default), or a check against the
    /// POS blacklist or the list of non-consumer accounts as well.
    pub fn checktype(mut self, value: BankaccountChecktype) -> Self {
        self.checktype = Some(value);
        self
    }

    /// Sets `language`, the language of the messages shown to the customer.
    pub fn language(mut self, value: Language) -> Self {
        self.language = Some(value);
        self
    }

    /// Sets `successurl` (for `responsetype=REDIRECT`).
    pub fn successurl(mut self, value: Successurl) -> Self {
        self.settings.successurl = Some(value);
        self
    }

    /// Sets `errorurl` (for `responsetype=REDIRECT`).
    pub fn errorurl(mut self, value: Errorurl) -> Self {
        self.settings.errorurl = Some(value);
        self
    }
}

impl sealed::Sealed for HostedBankaccountcheck {}

impl BrowserCheck for HostedBankaccountcheck {
    type Table = Bankaccountcheck;

    fn fields(&self) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut out = self.settings.fields();
        if let Some(v) = &self.checktype {
            out.push(("checktype", v.param_value()));
        }
        if let Some(v) = &self.language {
            out.push(("language", v.param_value()));
        }
        out
    }
}

/// `request=managemandate` from the browser: the server signs the payment family (`elv`), the
/// currency and the merchant's customer ID; the page adds the customer's name, address and bank
/// account (the Client API managemandate page,
/// <https://docs.payone.com/integration/channel-client-api/client-api-managemandate>).
///
/// A `pending` mandate in the answer must be shown to the customer and confirmed before the
/// payment that names it, within two hours.
#[derive(Clone, Debug)]
#[must_use]
pub struct HostedManagemandate {
    settings: Settings,
    currency: Currency,
    customerid: Option<Customerid>,
    language: Option<Language>,
}

impl HostedManagemandate {
    /// A mandate request for payments in `currency`, answered in `responsetype`.
    pub fn new(responsetype: Responsetype, currency: Currency) -> Self {
        HostedManagemandate {
            settings: Settings::new(responsetype),
            currency,
            customerid: None,
            language: None,
        }
    }

    /// Sets `customerid`, the merchant's ID of the customer record (covered by the hash).
    pub fn customerid(mut self, value: Customerid) -> Self {
        self.customerid = Some(value);
        self
    }

    /// Sets `language`, the language of the mandate text and of the messages.
    pub fn language(mut self, value: Language) -> Self {
        self.language = Some(value);
        self
    }

    /// Sets `successurl` (for `responsetype=REDIRECT`: where an `APPROVED` answer goes).
    pub fn successurl(mut self, value: Successurl) -> Self {
        self.settings.successurl = Some(value);
        self
    }

    /// Sets `errorurl` (for `responsetype=REDIRECT`).
    pub fn errorurl(mut self, value: Errorurl) -> Self {
        self.settings.errorurl = Some(value);
        self
    }
}

impl sealed::Sealed for HostedManagemandate {}

impl BrowserCheck for HostedManagemandate {
    type Table = Managemandate;

    fn fields(&self) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut out = self.settings.fields();
        out.push(("clearingtype", Clearingtype::Elv.param_value()));
        out.push(("currency", self.currency.param_value()));
        if let Some(v) = &self.customerid {
            out.push(("customerid", v.param_value()));
        }
        if let Some(v) = &self.language {
            out.push(("language", v.param_value()));
        }
        out
    }
}

/// The longest JSON answer read: far more than any Client API answer (a mandate text is a few
/// kilobytes), so that a hostile body cannot make the server hold much.
#[cfg(feature = "server")]
const MAX_JSON_ANSWER: usize = 256 * 1024;

/// Reads the JSON answer of a Client API request (`responsetype=JSON`), as the page hands it to
/// the server: one object whose values are strings. `status=ERROR` becomes
/// [`Error::Platform`], like a Server API answer; `VALID`, `INVALID` and `APPROVED` are
/// [`Answer`]s.
#[cfg(feature = "server")]
pub fn answer_from_json(body: &str) -> Result<Answer, Error> {
    if body.len() > MAX_JSON_ANSWER {
        return Err(ParseError::NotJsonObject.into());
    }
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(body).map_err(|_| ParseError::NotJsonObject)?;
    let mut fields = Fields::new();
    for (name, value) in &object {
        let serde_json::Value::String(value) = value else {
            return Err(ParseError::NotJsonObject.into());
        };
        fields.push(name, value);
    }
    Answer::from_fields(fields)
}

/// Reads the JSON answer of a Client API managemandate ([`HostedManagemandate`]): the same
/// [`MandateAnswer`] as the Server API's, with the mandate text to show the customer.
#[cfg(feature = "server")]
pub fn mandate_answer(body: &str) -> Result<MandateAnswer, Error> {
    MandateAnswer::from_answer(answer_from_json(body)?)
}
