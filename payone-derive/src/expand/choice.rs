//! `#[derive(PayoneChoice)]`: `clearingtype` as an enum whose variants carry the block of
//! their payment method, so a block can only travel with the value that selects it.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Type};

use super::fields::wrapped;
use crate::attr::{Errors, Reader, entries};

/// Expands `#[derive(PayoneChoice)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let mut errors = Errors::default();
    let list = entries(&input.attrs, &mut errors);
    let mut reader = Reader::new(&list, &["name"], "PayoneChoice");
    let name = reader.string("name", &mut errors);
    reader.finish(&mut errors);
    if name.is_none() {
        errors.push(input.ident.span(), "missing `#[payone(name = \"...\")]`");
    }
    let Data::Enum(data) = &input.data else {
        errors.push(input.ident.span(), "PayoneChoice derives on an enum");
        return Err(errors);
    };
    let mut values = Vec::new();
    let mut arms = Vec::new();
    let mut write_arms = Vec::new();
    let mut blocks: Vec<&Type> = Vec::new();
    let mut mandatory: Vec<&Type> = Vec::new();
    let ident = &input.ident;
    for variant in &data.variants {
        let list = entries(&variant.attrs, &mut errors);
        let mut reader = Reader::new(&list, &["value"], "PayoneChoice variant");
        let value = reader.string("value", &mut errors);
        reader.finish(&mut errors);
        let Some(value) = value else {
            errors.push(variant.ident.span(), "missing `#[payone(value = \"...\")]`");
            continue;
        };
        let v = &variant.ident;
        match &variant.fields {
            Fields::Unit => {
                arms.push(quote!(#ident::#v => #value));
                write_arms.push(quote!(#ident::#v => {}));
            }
            Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                let ty = &f.unnamed[0].ty;
                arms.push(quote!(#ident::#v(_) => #value));
                match wrapped(ty, "Option") {
                    // A block the hosted page may collect instead: optional.
                    Some(block) => {
                        blocks.push(block);
                        write_arms.push(quote! {
                            #ident::#v(Some(block)) => ::payone_types::WriteParams::write_params(block, out),
                            #ident::#v(None) => {}
                        });
                    }
                    // A mandatory block: always sent with its value. The block must say so
                    // itself, so that the runtime checks require its rows too.
                    None => {
                        blocks.push(ty);
                        mandatory.push(ty);
                        write_arms.push(quote! {
                            #ident::#v(block) => ::payone_types::WriteParams::write_params(block, out),
                        });
                    }
                }
            }
            _ => errors.push(
                variant.ident.span(),
                "a variant is a unit or carries `Block` or `Option<Block>`",
            ),
        }
        values.push(value.value());
    }
    errors.finish()?;
    let name = name.expect("checked above");
    Ok(quote! {
        #(
            const _: () = assert!(
                <#mandatory as ::payone_types::request::Block>::SELECTOR.mandatory,
                "a variant that carries its block without `Option` needs a `mandatory` block"
            );
        )*

        impl ::payone_types::request::Choice for #ident {
            const NAME: &'static str = #name;
            const VALUES: &'static [&'static str] = &[#(#values),*];

            fn value(&self) -> &'static str {
                match self {
                    #(#arms,)*
                }
            }

            fn write_choice<'a>(&'a self, hash: bool, out: &mut ::payone_types::Params<'a>) {
                out.push(#name, ::payone_types::request::Choice::value(self), hash, false);
                match self {
                    #(#write_arms)*
                }
            }

            fn blocks_info() -> ::std::vec::Vec<&'static ::payone_types::ParamInfo> {
                let mut rows = ::std::vec::Vec::new();
                #(rows.extend(<#blocks as ::payone_types::request::Block>::params_info());)*
                rows
            }
        }
    })
}
