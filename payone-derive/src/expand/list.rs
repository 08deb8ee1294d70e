//! `#[derive(PayoneList)]`: a LIST parameter as a fieldless enum.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::attr::{Errors, Reader, entries};

/// Expands `#[derive(PayoneList)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let mut errors = Errors::default();
    let list = entries(&input.attrs, &mut errors);
    let mut reader = Reader::new(&list, &["name"], "PayoneList");
    let name = reader.string("name", &mut errors);
    reader.finish(&mut errors);
    if name.is_none() {
        errors.push(input.ident.span(), "missing `#[payone(name = \"...\")]`");
    }
    let Data::Enum(data) = &input.data else {
        errors.push(input.ident.span(), "PayoneList derives on an enum");
        return Err(errors);
    };
    let mut variants = Vec::new();
    let mut values: Vec<String> = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(variant.ident.span(), "LIST variants carry no data");
        }
        let list = entries(&variant.attrs, &mut errors);
        let mut reader = Reader::new(&list, &["value"], "PayoneList variant");
        let value = reader.string("value", &mut errors);
        reader.finish(&mut errors);
        match value {
            None => errors.push(variant.ident.span(), "missing `#[payone(value = \"...\")]`"),
            Some(v) if values.contains(&v.value()) => errors.push(
                v.span(),
                format!("LIST value `{}` appears twice", v.value()),
            ),
            Some(v) => {
                values.push(v.value());
                variants.push(&variant.ident);
            }
        }
    }
    errors.finish()?;
    let ident = &input.ident;
    let name = name.expect("checked above");
    Ok(quote! {
        impl #ident {
            /// The parameter's wire name.
            pub const NAME: &'static str = #name;
            /// Every permitted value, in table order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as the wire carries it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#ident::#variants => #values,)*
                }
            }
        }

        impl ::payone_types::ParamValue for #ident {
            const FORMAT: &'static str = "LIST";

            fn parse_param(s: &str) -> Result<Self, ::payone_types::Rule> {
                match s {
                    #(#values => Ok(#ident::#variants),)*
                    _ => Err(::payone_types::Rule::UnknownValue(Self::VALUES)),
                }
            }

            fn param_value(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl ::std::str::FromStr for #ident {
            type Err = ::payone_types::Violation;

            /// Reads a permitted value; the error names the parameter and lists the permitted values.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as ::payone_types::ParamValue>::parse_param(s)
                    .map_err(|rule| ::payone_types::Violation::new(Self::NAME, rule))
            }
        }
    })
}
