//! What every generated request and parameter group provides, and the steps shared by all of
//! them: adding the account parameters, encoding, signing.

use std::borrow::Cow;

use crate::account::{Account, AccountParams};
use crate::condition::Condition;
use crate::params::Params;
use crate::rule::{Rule, Violations};
use crate::sign::{HashAlgorithm, sign};

/// The platform a request belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// PAYONE Frontend (hosted payment page).
    Frontend,
    /// PAYONE Client API.
    Client,
    /// PAYONE Server API.
    Server,
    /// DirectLink (orderdirect, maintenancedirect, querydirect, privacy policy).
    Directlink,
}

impl Api {
    /// The name used by the spec files and the CLI.
    pub const fn as_str(self) -> &'static str {
        match self {
            Api::Frontend => "frontend",
            Api::Client => "client",
            Api::Server => "server",
            Api::Directlink => "directlink",
        }
    }
}

/// The table's Required column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Required {
    /// `+`: always.
    Yes,
    /// `-`: never.
    No,
    /// `o`: depending on other parameters.
    Conditional,
}

impl Required {
    /// `required`, `optional` or `conditional`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Required::Yes => "required",
            Required::No => "optional",
            Required::Conditional => "conditional",
        }
    }
}

/// A payment-method block and the value that selects it: `clearingtype=elv`, or for a
/// sub-type block nested in a method's block `onlinebanktransfertype=IDL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selector {
    /// The selecting parameter (`clearingtype`).
    pub param: &'static str,
    /// The selecting value (`cc`).
    pub value: &'static str,
    /// Whether the block is always sent with its value, so that its required rows are required
    /// whenever the value is chosen. An optional block (the Frontend's card data, which the
    /// hosted page can collect) requires its rows only once one of them is given.
    pub mandatory: bool,
}

/// One row of a request's table, as the generated code carries it.
#[derive(Clone, Copy, Debug)]
pub struct ParamInfo {
    /// Wire name (without `[n]` for arrays).
    pub name: &'static str,
    /// The Format line of the table.
    pub format: &'static str,
    /// The Required column.
    pub required: Required,
    /// The UsedInHash column.
    pub hash: bool,
    /// Never printed.
    pub sensitive: bool,
    /// Supplied by the account configuration.
    pub account: bool,
    /// Most elements, for array parameters.
    pub array: Option<u32>,
    /// For array parameters: whether the request may send no element at all (the Server API's
    /// basket items, needed only by some payment methods). The rows that are required are then
    /// required in every element given.
    pub array_optional: bool,
    /// May be sent several times under the same name (no index): DirectLink's privacy-policy
    /// `BRAND`.
    pub repeat: bool,
    /// The block this row belongs to.
    pub block: Option<Selector>,
    /// The element or block type the row belongs to (empty for the request's own rows).
    pub group: &'static str,
    /// Checks a wire value.
    pub check: fn(&str) -> Result<(), Rule>,
}

/// Parameters written by a struct of generated fields.
pub trait WriteParams {
    /// Appends this value's parameters (without the account parameters).
    fn write_params<'a>(&'a self, out: &mut Params<'a>);
}

/// One element of an indexed group (`it/id/pr/no/de/va[n]`).
pub trait Element {
    /// Most elements.
    const MAX: u32;
    /// The group's rows.
    const PARAMS: &'static [ParamInfo];
    /// Appends this element's parameters with `[index]` (1-based).
    fn write_element<'a>(&'a self, index: usize, out: &mut Params<'a>);
}

/// A payment-method block selected by `clearingtype` (or, nested in a method's block, by its
/// sub-type).
pub trait Block: WriteParams {
    /// The value that selects the block.
    const SELECTOR: Selector;
    /// The block's own rows.
    const PARAMS: &'static [ParamInfo];
    /// The block's rows with those of the blocks nested in it.
    fn params_info() -> Vec<&'static ParamInfo> {
        Self::PARAMS.iter().collect()
    }
}

/// The `clearingtype` of a request, carrying the block of the selected payment method.
pub trait Choice {
    /// The parameter name (`clearingtype`).
    const NAME: &'static str;
    /// The permitted values.
    const VALUES: &'static [&'static str];
    /// The selected value.
    fn value(&self) -> &'static str;
    /// Appends the selector and the selected block's parameters.
    fn write_choice<'a>(&'a self, hash: bool, out: &mut Params<'a>);
    /// The rows of every block.
    fn blocks_info() -> Vec<&'static ParamInfo>;
    /// Checks a wire value of the selector.
    fn check_value(s: &str) -> Result<(), Rule> {
        if Self::VALUES.contains(&s) {
            Ok(())
        } else {
            Err(Rule::UnknownValue(Self::VALUES))
        }
    }
}

/// A typed request of one platform.
pub trait Request: WriteParams {
    /// The platform.
    const API: Api;
    /// The value of the `request` parameter.
    const NAME: &'static str;
    /// The rows supplied by the account configuration, and the `request` row.
    const ACCOUNT: &'static [ParamInfo];

    /// The table's conditional rules (`[[rule]]`) that apply to this request: the generated
    /// `rules` module's slice for it.
    const RULES: &'static [Condition] = &[];

    /// Every row of the request's table: the request's own, its elements' and its blocks'.
    fn params_info() -> Vec<&'static ParamInfo>;

    /// The complete wire form: account parameters, `request`, then the request's own, checked
    /// against the table, its conditional rules ([`Request::RULES`]) and the declared encoding.
    /// Every violation is reported at once.
    fn to_params<'a, A: AccountParams + ?Sized>(
        &'a self,
        account: &A,
    ) -> Result<Params<'a>, Violations> {
        let mut params = Params::new();
        let mut violations = Violations::new();
        for info in Self::ACCOUNT {
            if info.name == "request" {
                params.push("request", Self::NAME, info.hash, false);
                continue;
            }
            if !info.account {
                continue;
            }
            match account.param(info.name) {
                Some(value) if violations.check(info.name, (info.check)(&value)).is_some() => {
                    params.push(info.name, value, info.hash, info.sensitive);
                }
                Some(_) => {}
                None if info.required == Required::Yes => violations.push(info.name, Rule::Missing),
                None => {}
            }
        }
        self.write_params(&mut params);
        violations.extend(crate::condition::check(
            Self::RULES,
            &Self::params_info(),
            &|name| params.get(name),
        ));
        if let Err(charset) = params.check_charset(account.encoding()) {
            violations.extend(charset);
        }
        violations.into_result(params)
    }

    /// The wire form plus the `hash` (Frontend, Client API).
    fn to_signed_params<'a>(
        &'a self,
        account: &Account,
        algorithm: HashAlgorithm,
    ) -> Result<Params<'a>, Violations> {
        let mut params = self.to_params(account)?;
        sign(&mut params, account.encoding(), account.key(), algorithm);
        Ok(params)
    }
}

/// Writes the elements of an indexed group, 1-based.
pub fn write_elements<'a, E: Element>(elements: &'a [E], out: &mut Params<'a>) {
    for (i, element) in elements.iter().enumerate() {
        element.write_element(i + 1, out);
    }
}

/// Checks the number of elements of an indexed group.
pub fn check_elements<E: Element>(
    elements: &[E],
    required: bool,
    first_param: &'static str,
    violations: &mut Violations,
) {
    if elements.len() > E::MAX as usize {
        violations.push(
            format!("{first_param}[{}]", E::MAX + 1),
            Rule::TooMany { max: E::MAX },
        );
    }
    if required && elements.is_empty() {
        violations.push(format!("{first_param}[1]"), Rule::Missing);
    }
}

/// The indexed wire name `name[index]`.
pub fn indexed(name: &'static str, index: usize) -> Cow<'static, str> {
    Cow::Owned(format!("{name}[{index}]"))
}

/// Typestate markers of the generated builders.
pub mod builder {
    /// A required parameter that has been set.
    #[derive(Debug, Clone, Copy)]
    pub struct Set;
    /// A required parameter that has not been set yet.
    #[derive(Debug, Clone, Copy)]
    pub struct Unset;
}

/// A generated request type, as tools that look requests up by name see it
/// (`generated::REQUESTS`).
#[derive(Clone, Copy, Debug)]
pub struct RequestEntry {
    /// The platform.
    pub api: Api,
    /// The value of the `request` parameter.
    pub name: &'static str,
    /// The Rust type name.
    pub rust: &'static str,
    /// The request's rows ([`Request::params_info`]).
    pub params: fn() -> Vec<&'static ParamInfo>,
    /// The request's conditional rules ([`Request::RULES`]).
    pub rules: &'static [Condition],
}
