//! Signed parameter sets for the customer's browser: Frontend URLs and forms, and the Client API
//! parameters of a hosted iFrame. They carry the `hash` and never the portal key or the `key`
//! parameter.

#[cfg(feature = "frontend")]
use payone_types::Charset;
#[cfg(feature = "client-api")]
use payone_types::sign::sign;
use payone_types::{Params, Request};
#[cfg(feature = "client-api")]
use payone_types::{Rule, Violations};
use reqwest::Url;

#[cfg(feature = "frontend")]
use crate::api::FrontendRequest;
#[cfg(feature = "client-api")]
use crate::client_api::BrowserCheck;
use crate::config::Config;
use crate::error::Error;

#[cfg(feature = "frontend")]
/// An HTML form that POSTs a signed Frontend request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FrontendForm {
    /// The form's `action`.
    pub action: Url,
    /// The charset the form must be submitted in (`accept-charset`): the request's declared
    /// `encoding`, which the `hash` was computed over.
    pub accept_charset: Charset,
    /// The hidden fields, `hash` last.
    pub fields: Vec<(String, String)>,
}

#[cfg(feature = "client-api")]
/// The signed Client API parameters a web page needs (hosted iFrame `creditcardcheck`,
/// `bankaccountcheck`, `managemandate`); the page adds the customer's card, account or personal
/// data itself.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientApiParams {
    /// Where the browser sends the check.
    pub endpoint: Url,
    /// The parameters, `hash` last.
    pub fields: Vec<(String, String)>,
}

#[cfg(feature = "client-api")]
impl ClientApiParams {
    /// The fields as a JSON object (`{"aid":"12345",...}`), for embedding in a page.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (name, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_string(&mut out, name);
            out.push(':');
            json_string(&mut out, value);
        }
        out.push('}');
        out
    }
}

#[cfg(feature = "client-api")]
/// Appends `s` as a JSON string. `<`, `>` and `&` are escaped too, so the JSON can sit inside
/// an HTML `<script>` element.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The parameters in order, without `key`: the browser gets the `hash`, never a credential.
/// The Frontend and Client API tables have no `key` row; this keeps a table change from
/// leaking it.
fn browser_fields(params: &Params<'_>) -> Vec<(String, String)> {
    params
        .iter()
        .filter(|p| !p.name.eq_ignore_ascii_case("key"))
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .collect()
}

impl Config {
    #[cfg(feature = "frontend")]
    /// The signed GET URL of a Frontend request (hosted payment page), the query encoded in the
    /// account's charset.
    pub fn frontend_url<R: FrontendRequest>(&self, request: &R) -> Result<Url, Error> {
        let params = self.signed(request)?;
        let mut signed = Params::new();
        for p in params
            .iter()
            .filter(|p| !p.name.eq_ignore_ascii_case("key"))
        {
            signed.push(p.name.clone(), p.value.as_ref(), p.hash, p.sensitive);
        }
        let query = signed
            .form_encode(self.account.encoding())
            .map_err(Error::Validation)?;
        let mut url = self.endpoints.frontend.clone();
        let query = match url.query() {
            Some(existing) if !existing.is_empty() => format!("{existing}&{query}"),
            _ => query,
        };
        // Already percent-encoded in the right charset; `set_query` keeps `%XX` as it is.
        url.set_query(Some(&query));
        Ok(url)
    }

    #[cfg(feature = "frontend")]
    /// The signed Frontend request as an HTML POST form.
    pub fn frontend_form<R: FrontendRequest>(&self, request: &R) -> Result<FrontendForm, Error> {
        let params = self.signed(request)?;
        Ok(FrontendForm {
            action: self.endpoints.frontend.clone(),
            accept_charset: self.account.encoding(),
            fields: browser_fields(&params),
        })
    }

    #[cfg(feature = "client-api")]
    /// The signed Client API parameters of a hosted check, for the customer's browser.
    pub fn client_api_params<C: BrowserCheck>(&self, check: &C) -> Result<ClientApiParams, Error> {
        let params = browser_params::<C::Table>(self, check.fields()).map_err(Error::Validation)?;
        Ok(ClientApiParams {
            endpoint: self.endpoints.client_api.clone(),
            fields: browser_fields(&params),
        })
    }

    #[cfg(feature = "frontend")]
    fn signed<'r, R: Request>(&self, request: &'r R) -> Result<Params<'r>, Error> {
        request
            .to_signed_params(&self.account, self.hash_algorithm)
            .map_err(Error::Validation)
    }
}

/// The account parameters, `request` and `fields`, each checked against the table of `T`,
/// signed. Unlike [`Request::to_signed_params`] it does not need the request's required
/// parameters that the browser supplies (card or account data).
#[cfg(feature = "client-api")]
fn browser_params<'a, T: Request>(
    config: &Config,
    fields: Vec<(&'static str, std::borrow::Cow<'a, str>)>,
) -> Result<Params<'a>, Violations> {
    let account = &config.account;
    let mut params = Params::new();
    let mut violations = Violations::new();
    for info in T::ACCOUNT {
        if info.name == "request" {
            params.push("request", T::NAME, info.hash, false);
        } else if info.account
            && let Some(value) = account.param(info.name)
            && violations.check(info.name, (info.check)(&value)).is_some()
        {
            params.push(info.name, value, info.hash, info.sensitive);
        }
    }
    let rows = T::params_info();
    for (name, value) in fields {
        // Sensitive rows are the customer's data: the browser adds them, the server never does.
        match rows.iter().find(|r| r.name == name && !r.account) {
            Some(info) if !info.sensitive => {
                if violations.check(name, (info.check)(&value)).is_some() {
                    params.push(name, value, info.hash, false);
                }
            }
            _ => violations.push(name, Rule::Unknown),
        }
    }
    if let Err(charset) = params.check_charset(account.encoding()) {
        violations.extend(charset);
    }
    let mut params = violations.into_result(params)?;
    sign(
        &mut params,
        account.encoding(),
        account.key(),
        config.hash_algorithm,
    );
    Ok(params)
}
