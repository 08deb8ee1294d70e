//! Derive macros that turn the generated PAYONE parameter declarations into validated types.
//!
//! The code generator (`payone spec generate`) writes plain Rust declarations annotated with
//! these derives; the derives add the behaviour. Like serde_derive, each derive parses its
//! attributes, collects every error with the span of the offending attribute, checks, and only
//! then expands.
//!
//! # `#[derive(PayoneParam)]`: one parameter's value type
//!
//! ```ignore
//! /// Merchant reference number for the payment process.
//! #[derive(Clone, PartialEq, Eq, PayoneParam)]
//! #[payone(name = "reference", format = "CHAR(1..20)", symbols = "[0-9][a-z][A-Z], .,-,_,/")]
//! pub struct Reference(Cow<'static, str>);
//!
//! #[derive(Clone, Copy, PartialEq, Eq, PayoneParam)]
//! #[payone(name = "amount", format = "NUMERIC(1..10)", range = "max. +/- 19 999 999 99")]
//! pub struct Amount(i64);
//!
//! #[derive(Clone, PartialEq, Eq, PayoneParam)]
//! #[payone(name = "cardpan", format = "NUMERIC(13..19)", repr = "digits", sensitive)]
//! pub struct Cardpan(Cow<'static, str>);
//! ```
//!
//! Keys: `name` and `format` (required), `symbols`, `range`, `repr = "digits"`, `sensitive`,
//! `unlisted` (a `LIST` whose values the documentation does not give: any non-empty text).
//! The field is `Cow<'static, str>` for `CHAR`, `TEXT` and digit strings, `u32`/`u64`/`i64` for
//! `NUMERIC`, `payone_types::Date` for `DATE(8)`. Generates `NAME`, `FORMAT`, a `const fn new`
//! (a literal that breaks the format fails to compile in a `const`), `try_new` and `FromStr` for
//! runtime data (their error, a `Violation`, names the parameter and the rule and implements
//! `std::error::Error`), `get`/`as_str`, `ParamValue`, and `Debug` (redacted when `sensitive`).
//!
//! # `#[derive(PayoneList)]`: a LIST parameter
//!
//! ```ignore
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PayoneList)]
//! #[payone(name = "mode")]
//! pub enum Mode {
//!     /// Transaction should be performed in live mode.
//!     #[payone(value = "live")]
//!     Live,
//!     #[payone(value = "test")]
//!     Test,
//! }
//! ```
//!
//! Generates `NAME`, `VALUES`, `as_str`, `ParamValue` and `FromStr` (an unknown value's error
//! names the parameter and lists the permitted values).
//!
//! # `#[derive(PayoneGroup)]`: an indexed element or a payment-method block
//!
//! ```ignore
//! #[derive(Clone, Debug, PayoneGroup)]
//! #[payone(element(max = 400))]          // or: #[payone(block(param = "clearingtype", value = "cc"))]
//! #[non_exhaustive]
//! pub struct Item {
//!     #[payone(name = "it", required, hash)]
//!     it: It,
//!     #[payone(name = "va", conditional, hash)]
//!     va: Option<Va>,
//! }
//! ```
//!
//! # `#[derive(PayoneChoice)]`: the `clearingtype` with its blocks
//!
//! ```ignore
//! #[derive(Clone, Debug, PayoneChoice)]
//! #[payone(name = "clearingtype")]
//! pub enum Clearing {
//!     /// Credit card
//!     #[payone(value = "cc")]
//!     Cc(Option<CreditCard>),
//!     /// Invoice
//!     #[payone(value = "rec")]
//!     Rec,
//! }
//! ```
//!
//! # `#[derive(PayoneRequest)]`: a request
//!
//! ```ignore
//! #[derive(Clone, Debug, PayoneRequest)]
//! #[payone(api = "frontend", request = "authorization", request_required, request_hash)]
//! #[payone(account(name = "aid", ty = "Aid", required, hash))]
//! #[non_exhaustive]
//! pub struct Authorization {
//!     #[payone(choice, name = "clearingtype", required, hash)]
//!     clearing: Clearing,
//!     #[payone(name = "reference", required, hash)]
//!     reference: Reference,
//!     #[payone(name = "customerid", hash)]
//!     customerid: Option<Customerid>,
//!     #[payone(elements, required)]
//!     items: Vec<Item>,
//! }
//! ```
//!
//! Request keys: `api` (frontend, client, server, directlink), `request`, `request_required`,
//! `request_hash` (the `request` row's columns), `request_by_endpoint` (the platform names the
//! request by its URL and no `request` parameter is sent: DirectLink), `rules = "path"` (a
//! `&'static [payone_types::Condition]`, the table's conditional rules that apply to the
//! request, checked by `Request::to_params`), and one `account(name, ty, required, hash)` per
//! parameter the account supplies.
//!
//! Field keys: `name`, `required` | `conditional` (default: optional, which needs `Option<T>`),
//! `hash`, and the kinds `choice` and `elements`. Groups and requests get a typestate builder
//! (`Authorization::builder()...build()`): leaving out a required parameter is a compile error
//! naming it; `build` returns every remaining violation at once.
//!
//! # `#[derive(PayoneObject)]`: a JSON object of the v2 API
//!
//! ```ignore
//! #[derive(Clone, PartialEq, PayoneObject)]
//! #[non_exhaustive]
//! pub struct Order {
//!     #[payone(json = "amountOfMoney")]
//!     amount_of_money: AmountOfMoney,          // required member
//!     #[payone(json = "customer")]
//!     customer: Option<Customer>,              // optional member
//!     #[payone(json = "errors")]
//!     errors: Vec<ApiError>,                   // array (add `required` to demand presence)
//!     #[payone(unknown)]
//!     unknown: JsonMap,                        // members the table does not know, kept
//! }
//! ```
//!
//! Member values are parameter types (`PayoneParam`, `PayoneList`; `NUMERIC` ones are JSON
//! numbers), `bool`, or other objects. Generates `new(required members...)`, a `with_` setter and
//! a getter per member, `unknown_fields()`, `payone_types::json::JsonObject` (every violation at
//! once, named by JSON path) and `JsonField`, and `Debug` that prints unknown members by name only.

mod attr;
mod expand;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives a parameter value type; see the crate documentation.
#[proc_macro_derive(PayoneParam, attributes(payone))]
pub fn derive_param(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::param(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}

/// Derives a LIST enum; see the crate documentation.
#[proc_macro_derive(PayoneList, attributes(payone))]
pub fn derive_list(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::list(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}

/// Derives an indexed element or payment-method block; see the crate documentation.
#[proc_macro_derive(PayoneGroup, attributes(payone))]
pub fn derive_group(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::group(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}

/// Derives a `clearingtype` choice; see the crate documentation.
#[proc_macro_derive(PayoneChoice, attributes(payone))]
pub fn derive_choice(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::choice(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}

/// Derives a request; see the crate documentation.
#[proc_macro_derive(PayoneRequest, attributes(payone))]
pub fn derive_request(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::request(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}

/// Derives a JSON object of the v2 API; see the crate documentation.
#[proc_macro_derive(PayoneObject, attributes(payone))]
pub fn derive_object(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::object(&input)
        .unwrap_or_else(attr::Errors::into_compile_errors)
        .into()
}
