//! `#[derive(PayoneGroup)]`: an indexed element (`it/id/pr/no/de/va[n]`) or a payment-method
//! block selected by `clearingtype`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::fields::{self, builder, getters, rows, write_statements};
use crate::attr::{Entry, Errors, Reader, entries};

enum Shape {
    Element {
        max: u32,
        optional: bool,
    },
    Block {
        param: String,
        value: String,
        mandatory: bool,
    },
}

fn shape(list: &[Entry], input: &DeriveInput, errors: &mut Errors) -> Option<Shape> {
    let mut reader = Reader::new(list, &["element", "block"], "PayoneGroup");
    let elements = reader.nested_all("element", errors);
    let blocks = reader.nested_all("block", errors);
    reader.finish(errors);
    let mut shape = None;
    for (inner, _) in &elements {
        let mut r = Reader::new(inner, &["max", "optional"], "element");
        let max = r.int("max", errors);
        let optional = r.flag("optional", errors);
        if let Some((max, _)) = max {
            shape = Some(Shape::Element { max, optional });
        }
        r.finish(errors);
    }
    for (inner, span) in &blocks {
        let mut r = Reader::new(inner, &["param", "value", "mandatory"], "block");
        let param = r.string("param", errors);
        let value = r.string("value", errors);
        let mandatory = r.flag("mandatory", errors);
        r.finish(errors);
        match (param, value) {
            (Some(p), Some(v)) => {
                shape = Some(Shape::Block {
                    param: p.value(),
                    value: v.value(),
                    mandatory,
                })
            }
            _ => errors.push(
                *span,
                "block takes `param = \"...\", value = \"...\"` and optionally `mandatory`",
            ),
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
    // A block may hold the choice of its sub-type (`onlinebanktransfertype` in the online bank
    // transfer block), which carries a nested block; an element holds scalars only.
    let kinds = match shape {
        Some(Shape::Block { .. }) => fields::Kinds::Choices,
        _ => fields::Kinds::Scalars,
    };
    let fields = fields::parse(input, kinds, &mut errors);
    errors.finish()?;
    let shape = shape.expect("checked above");
    let ident = &input.ident;
    let getters = getters(&fields);
    let builder = builder(ident, &input.vis, &fields, quote!(value), quote!(#ident));
    let body = match shape {
        Shape::Element { max, optional } => {
            let index = quote!(index);
            let writes = write_statements(&fields, Some(&index));
            let rows = rows(
                &fields,
                &quote!(Some(#max)),
                optional,
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
        Shape::Block {
            param,
            value,
            mandatory,
        } => {
            let writes = write_statements(&fields, None);
            let selector = quote! {
                ::payone_types::Selector { param: #param, value: #value, mandatory: #mandatory }
            };
            let rows = rows(
                &fields,
                &quote!(None),
                false,
                &quote!(Some(#selector)),
                &ident.to_string(),
            );
            let nested: Vec<TokenStream> = fields
                .iter()
                .filter(|f| matches!(f.kind, fields::Kind::Choice))
                .map(|f| {
                    let inner = &f.inner;
                    quote!(rows.extend(<#inner as ::payone_types::request::Choice>::blocks_info());)
                })
                .collect();
            let params_info = (!nested.is_empty()).then(|| {
                quote! {
                    fn params_info() -> ::std::vec::Vec<&'static ::payone_types::ParamInfo> {
                        let mut rows: ::std::vec::Vec<&'static ::payone_types::ParamInfo> =
                            <Self as ::payone_types::request::Block>::PARAMS.iter().collect();
                        #(#nested)*
                        rows
                    }
                }
            });
            quote! {
                impl ::payone_types::request::Block for #ident {
                    const SELECTOR: ::payone_types::Selector = #selector;
                    const PARAMS: &'static [::payone_types::ParamInfo] = &[#(#rows),*];
                    #params_info
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
