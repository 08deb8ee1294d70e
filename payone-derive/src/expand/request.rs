//! `#[derive(PayoneRequest)]`: a request of one platform.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, LitStr, Type};

use super::fields::{self, Kind, Required, builder, getters, rows, write_statements};
use crate::attr::{Errors, Reader, entries};

const KEYS: &[&str] = &[
    "api",
    "request",
    "request_required",
    "request_hash",
    "account",
    "rules",
];

struct AccountRow {
    name: LitStr,
    ty: Type,
    required: bool,
    hash: bool,
}

/// Expands `#[derive(PayoneRequest)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let mut errors = Errors::default();
    let list = entries(&input.attrs, &mut errors);
    let mut reader = Reader::new(&list, KEYS, "PayoneRequest");
    let api = reader.string("api", &mut errors);
    let request = reader.string("request", &mut errors);
    let request_required = reader.flag("request_required", &mut errors);
    let request_hash = reader.flag("request_hash", &mut errors);
    // DirectLink names the request by its endpoint (orderdirect.asp ...), not by a parameter.
    let by_endpoint = reader.flag("request_by_endpoint", &mut errors);
    // The slice of the table's conditional rules that apply to the request.
    let rules = reader
        .string("rules", &mut errors)
        .and_then(|r| match r.parse::<syn::Path>() {
            Ok(path) => Some(path),
            Err(e) => {
                errors.push(r.span(), format!("`rules` is not a path: {e}"));
                None
            }
        });
    let mut accounts = Vec::new();
    for (inner, span) in reader.nested_all("account", &mut errors) {
        let mut r = Reader::new(inner, &["name", "ty", "required", "hash"], "account");
        let name = r.string("name", &mut errors).cloned();
        let ty = r
            .string("ty", &mut errors)
            .and_then(|t| match t.parse::<Type>() {
                Ok(ty) => Some(ty),
                Err(e) => {
                    errors.push(t.span(), format!("`ty` is not a type: {e}"));
                    None
                }
            });
        let required = r.flag("required", &mut errors);
        let hash = r.flag("hash", &mut errors);
        r.finish(&mut errors);
        match (name, ty) {
            (Some(name), Some(ty)) => accounts.push(AccountRow {
                name,
                ty,
                required,
                hash,
            }),
            _ => errors.push(span, "account takes `name = \"...\", ty = \"Type\"`"),
        }
    }
    reader.finish(&mut errors);
    let api_variant = match api.map(LitStr::value).as_deref() {
        Some("frontend") => Some(quote!(Frontend)),
        Some("client") => Some(quote!(Client)),
        Some("server") => Some(quote!(Server)),
        Some("directlink") => Some(quote!(Directlink)),
        Some(_) => {
            errors.push(
                api.expect("matched").span(),
                "`api` is one of frontend, client, server, directlink",
            );
            None
        }
        None => {
            errors.push(input.ident.span(), "missing `#[payone(api = \"...\")]`");
            None
        }
    };
    if request.is_none() {
        errors.push(input.ident.span(), "missing `#[payone(request = \"...\")]`");
    }
    let fields = fields::parse(input, fields::Kinds::All, &mut errors);
    errors.finish()?;
    let (api_variant, request) = (api_variant.expect("checked"), request.expect("checked"));
    let ident = &input.ident;

    let request_required = if request_required {
        quote!(::payone_types::Required::Yes)
    } else {
        quote!(::payone_types::Required::No)
    };
    let account_rows = accounts.iter().map(|a| {
        let (name, ty, hash) = (&a.name, &a.ty, a.hash);
        let required = if a.required {
            quote!(::payone_types::Required::Yes)
        } else {
            quote!(::payone_types::Required::No)
        };
        quote! {
            ::payone_types::ParamInfo {
                name: #name,
                format: <#ty as ::payone_types::ParamValue>::FORMAT,
                required: #required,
                hash: #hash,
                sensitive: <#ty as ::payone_types::ParamValue>::SENSITIVE,
                account: true,
                array: None,
                array_optional: false,
                repeat: false,
                block: None,
                group: "",
                check: <#ty as ::payone_types::ParamValue>::check_param,
            }
        }
    });
    let rules =
        rules.map(|path| quote!(const RULES: &'static [::payone_types::Condition] = #path;));
    let own_rows = rows(&fields, &quote!(None), false, &quote!(None), "");
    let extra_rows = fields.iter().map(|f| {
        let inner = &f.inner;
        match f.kind {
            Kind::Elements => {
                quote!(rows.extend(<#inner as ::payone_types::Element>::PARAMS.iter());)
            }
            Kind::Choice => {
                quote!(rows.extend(<#inner as ::payone_types::request::Choice>::blocks_info());)
            }
            Kind::Scalar | Kind::Repeated => quote!(),
        }
    });
    let element_checks = fields
        .iter()
        .filter(|f| matches!(f.kind, Kind::Elements))
        .map(|f| {
            let (ident, inner) = (&f.ident, &f.inner);
            let required = f.required == Required::Yes;
            quote! {
                ::payone_types::request::check_elements(
                    &value.#ident,
                    #required,
                    <#inner as ::payone_types::Element>::PARAMS[0].name,
                    &mut violations,
                );
            }
        });
    let writes = write_statements(&fields, None);
    let getters = getters(&fields);
    let finish = quote! {
        let mut violations = ::payone_types::Violations::new();
        #(#element_checks)*
        violations.into_result(value)
    };
    let builder = builder(
        ident,
        &input.vis,
        &fields,
        finish,
        quote!(::std::result::Result<#ident, ::payone_types::Violations>),
    );
    let request_row = if by_endpoint {
        quote!()
    } else {
        quote! {
                ::payone_types::ParamInfo {
                    name: "request",
                    format: "LIST",
                    required: #request_required,
                    hash: #request_hash,
                    sensitive: false,
                    account: false,
                    array: None,
                    array_optional: false,
                    repeat: false,
                    block: None,
                    group: "",
                    check: |s| {
                        if s == #request {
                            Ok(())
                        } else {
                            Err(::payone_types::Rule::UnknownValue(&[#request]))
                        }
                    },
                },
        }
    };
    Ok(quote! {
        impl #ident {
            #getters
        }

        impl ::payone_types::WriteParams for #ident {
            fn write_params<'a>(&'a self, out: &mut ::payone_types::Params<'a>) {
                #writes
            }
        }

        impl ::payone_types::Request for #ident {
            const API: ::payone_types::Api = ::payone_types::Api::#api_variant;
            const NAME: &'static str = #request;
            const ACCOUNT: &'static [::payone_types::ParamInfo] = &[
                #(#account_rows,)*
                #request_row
            ];
            #rules

            fn params_info() -> ::std::vec::Vec<&'static ::payone_types::ParamInfo> {
                const OWN: &[::payone_types::ParamInfo] = &[#(#own_rows),*];
                let mut rows: ::std::vec::Vec<&'static ::payone_types::ParamInfo> =
                    <Self as ::payone_types::Request>::ACCOUNT.iter().chain(OWN.iter()).collect();
                #(#extra_rows)*
                rows
            }
        }

        #builder
    })
}
