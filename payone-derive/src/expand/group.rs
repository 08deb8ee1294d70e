//! `#[derive(PayoneGroup)]`: an indexed element (`it/id/pr/no/de/va[n]`) or a payment-method
//! block selected by `clearingtype`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::fields::{self, builder, getters, rows, write_statements};
use crate::attr::{Entry, Errors, Reader, entries};

enum Shape {
    Element { max: u32 },
    Block { param: String, value: String },
}

fn shape(list: &[Entry], input: &DeriveInput, errors: &mut Errors) -> Option<Shape> {
    let mut reader = Reader::new(list, &["element", "block"], "PayoneGroup");
    let elements = reader.nested_all("element", errors);
    let blocks = reader.nested_all("block", errors);
    reader.finish(errors);
    let mut shape = None;
    for (inner, _) in &elements {
        let mut r = Reader::new(inner, &["max"], "element");
        if let Some((max, _)) = r.int("max", errors) {
            shape = Some(Shape::Element { max });
        }
        r.finish(errors);
    }
    for (inner, span) in &blocks {
        let mut r = Reader::new(inner, &["param", "value"], "block");
        let param = r.string("param", errors);
        let value = r.string("value", errors);
        r.finish(errors);
        match (param, value) {
            (Some(p), Some(v)) => {
                shape = Some(Shape::Block {
                    param: p.value(),
                    value: v.value(),
                })
            }
            _ => errors.push(*span, "block takes `param = \"...\", value = \"...\"`"),
        }
    }
    if elements.len() + blocks.len() != 1 {
        errors.push(
            fields::item_span(input),
            "PayoneGroup needs exactly one of `#[payone(element(max = N))]` or `#[payone(block(param = \"...\", value = \"...\"))]`",
        );
        return None;
    }
    shape
}

/// Expands `#[derive(PayoneGroup)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let mut errors = Errors::default();
    let list = entries(&input.attrs, &mut errors);
    let shape = shape(&list, input, &mut errors);
    let fields = fields::parse(input, false, &mut errors);
    errors.finish()?;
    let shape = shape.expect("checked above");
    let ident = &input.ident;
    let getters = getters(&fields);
    let builder = builder(ident, &input.vis, &fields, quote!(value), quote!(#ident));
    let body = match shape {
        Shape::Element { max } => {
            let index = quote!(index);
            let writes = write_statements(&fields, Some(&index));
            let rows = rows(
                &fields,
                &quote!(Some(#max)),
                &quote!(None),
                &ident.to_string(),
            );
            quote! {
                impl ::payone_types::Element for #ident {
                    const MAX: u32 = #max;
                    const PARAMS: &'static [::payone_types::ParamInfo] = &[#(#rows),*];

                    fn write_element<'a>(&'a self, index: usize, out: &mut ::payone_types::Params<'a>) {
                        #writes
                    }
                }
            }
        }
        Shape::Block { param, value } => {
            let writes = write_statements(&fields, None);
            let selector = quote!(::payone_types::Selector { param: #param, value: #value });
            let rows = rows(
                &fields,
                &quote!(None),
                &quote!(Some(#selector)),
                &ident.to_string(),
            );
            quote! {
                impl ::payone_types::request::Block for #ident {
                    const SELECTOR: ::payone_types::Selector = #selector;
                    const PARAMS: &'static [::payone_types::ParamInfo] = &[#(#rows),*];
                }

                impl ::payone_types::WriteParams for #ident {
                    fn write_params<'a>(&'a self, out: &mut ::payone_types::Params<'a>) {
                        #writes
                    }
                }
            }
        }
    };
    Ok(quote! {
        impl #ident {
            #getters
        }

        #body

        #builder
    })
}
