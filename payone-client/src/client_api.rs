//! The Client API checks a web page runs in the customer's browser (the Client API page "General
//! Interface Definitions"): the server signs the account parameters and the check's settings; the
//! browser adds the card or bank account data, which never pass through the merchant's server (PCI
//! DSS SAQ A with hosted iFrames).
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
    BankaccountChecktype, Bankaccountcheck, Checktype, Creditcardcheck, Errorurl, Language,
    Responsetype, Storecarddata, Successurl,
};

use crate::api::ClientApiRequest;

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
