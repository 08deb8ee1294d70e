//! The v2 API's module: one value type per distinct scalar member, one struct per
//! `[[object]]` (derived `PayoneObject`), one marker type per `[[operation]]`.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{docs, ident, one_line, prose, render, signature, upper_camel, value_type};
use crate::load::{Spec, SpecErrors};
use crate::model::{FieldSpec, ObjectSpec, OperationSpec, Required};
use crate::objects::{FieldKind, as_param};

/// `amountOfMoney` -> `amount_of_money`, `redirectURL` -> `redirect_url`,
/// `threeDSecure` -> `three_d_secure`; keywords become raw identifiers.
pub(super) fn snake_ident(name: &str) -> Ident {
    let chars: Vec<char> = name.chars().collect();
    let mut snake = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_lower)
            {
                snake.push('_');
            }
        }
        if c.is_ascii_alphanumeric() {
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push('_');
        }
    }
    match syn::parse_str::<Ident>(&snake) {
        Ok(ident) => ident,
        Err(_) => Ident::new_raw(&snake, proc_macro2::Span::call_site()),
    }
}

/// The Rust type name of a scalar member.
fn scalar_name(field: &FieldSpec) -> String {
    field
        .rust
        .clone()
        .unwrap_or_else(|| upper_camel(&field.name))
}

fn object_docs(o: &ObjectSpec, spec: &Spec) -> TokenStream {
    let source = o.source.as_deref().unwrap_or(&spec.file.api.source);
    docs(&[
        prose(o.doc.as_deref().unwrap_or(&o.rust)),
        format!("Source: {}.", prose(source)),
    ])
}

fn member_docs(field: &FieldSpec, spec: &Spec, object: &ObjectSpec) -> TokenStream {
    let mut paragraphs = vec![prose(field.doc.as_deref().unwrap_or(&field.name))];
    let mut facts = vec![format!("`{}`: {}", field.name, one_line(&field.format))];
    if field.array {
        facts.push("a JSON array".to_owned());
    }
    facts.push(match field.required {
        Required::Yes => "required".to_owned(),
        Required::No => "optional".to_owned(),
        Required::Conditional => "conditional".to_owned(),
    });
    let source = field
        .source
        .as_deref()
        .or(object.source.as_deref())
        .unwrap_or(&spec.file.api.source);
    facts.push(format!("source: {}", prose(source)));
    paragraphs.push(format!("{}.", facts.join("; ")));
    docs(&paragraphs)
}

/// The type a member's field holds, before `Option`/`Vec`.
fn member_type(field: &FieldSpec) -> TokenStream {
    match FieldKind::of(field) {
        Ok(FieldKind::Object(name)) => {
            let name = ident(&name);
            quote!(#name)
        }
        Ok(FieldKind::Boolean) => quote!(bool),
        _ => {
            let name = ident(&scalar_name(field));
            quote!(#name)
        }
    }
}

fn object_struct(o: &ObjectSpec, spec: &Spec) -> TokenStream {
    let name = ident(&o.rust);
    let doc = object_docs(o, spec);
    let fields = o.fields.iter().map(|field| {
        let field_name = snake_ident(&field.name);
        let json = &field.name;
        let ty = member_type(field);
        let doc = member_docs(field, spec, o);
        let (ty, attr) = match (field.array, field.required) {
            (true, Required::Yes) => (quote!(Vec<#ty>), quote!(#[payone(json = #json, required)])),
            (true, _) => (quote!(Vec<#ty>), quote!(#[payone(json = #json)])),
            (false, Required::Yes) => (ty, quote!(#[payone(json = #json)])),
            (false, _) => (quote!(Option<#ty>), quote!(#[payone(json = #json)])),
        };
        quote! {
            #doc
            #attr
            #field_name: #ty,
        }
    });
    quote! {
        #doc
        #[derive(Clone, PartialEq, PayoneObject)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Members the table does not declare, kept as read.
            #[payone(unknown)]
            unknown: JsonMap,
        }
    }
}

fn operation_struct(op: &OperationSpec) -> TokenStream {
    let name = ident(&op.rust);
    let paragraphs = vec![
        prose(op.doc.as_deref().unwrap_or(&op.name)),
        format!("`{} {}`.", op.method, op.path),
    ];
    let doc = docs(&paragraphs);
    let (op_name, method, path) = (&op.name, &op.method, &op.path);
    let request = match &op.request {
        Some(r) => {
            let r = ident(r);
            quote!(#r)
        }
        None => quote!(::payone_types::json::NoBody),
    };
    let response = match &op.response {
        Some(r) => {
            let r = ident(r);
            quote!(#r)
        }
        None => quote!(::payone_types::json::NoBody),
    };
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #name;

        impl Operation for #name {
            const NAME: &'static str = #op_name;
            const METHOD: &'static str = #method;
            const PATH: &'static str = #path;
            type Request = #request;
            type Response = #response;
        }
    }
}

/// The generated module of a spec with `[[object]]` sections.
pub(super) fn objects_module(spec: &Spec) -> Result<String, SpecErrors> {
    let mut errors = Vec::new();
    let mut types = Vec::new();
    let mut taken: BTreeMap<String, (String, String)> = BTreeMap::new();
    for o in &spec.file.objects {
        for field in &o.fields {
            if !matches!(FieldKind::of(field), Ok(FieldKind::Scalar(_))) {
                continue;
            }
            let param = as_param(field, o);
            let name = scalar_name(field);
            let sig = signature(&param);
            match taken.get(&name) {
                Some((other, at)) if *other != sig => errors.push(format!(
                    "{}: object `{}` field `{}`: type name `{name}` is taken by {at} with another format; give the field a `rust` name",
                    spec.origin, o.rust, field.name
                )),
                Some(_) => {}
                None => {
                    taken.insert(
                        name.clone(),
                        (sig, format!("object `{}` field `{}`", o.rust, field.name)),
                    );
                    types.push(value_type(&param, &ident(&name), spec, &mut errors));
                }
            }
        }
    }
    let objects: Vec<TokenStream> = spec
        .file
        .objects
        .iter()
        .map(|o| object_struct(o, spec))
        .collect();
    let operations: Vec<TokenStream> = spec.file.operations.iter().map(operation_struct).collect();
    if !errors.is_empty() {
        return Err(SpecErrors(errors));
    }
    let items = quote! {
        #(#operations)*
        #(#objects)*
        #(#types)*
    };
    let text = items.to_string();
    let derives: Vec<Ident> = ["PayoneList", "PayoneObject", "PayoneParam"]
        .into_iter()
        .filter(|d| text.contains(d))
        .map(ident)
        .collect();
    let cow = text.contains("Cow").then(|| {
        quote!(
            use std::borrow::Cow;
        )
    });
    let tokens = quote! {
        #cow

        use ::payone_types::json::{JsonMap, Operation};
        use ::payone_types::{#(#derives),*};

        #items
    };
    let title = format!(
        "{} ({}): the operations and JSON objects of `{}`.",
        spec.file.api.title,
        prose(&spec.file.api.source),
        super::tables_path(spec)
    );
    Ok(render(tokens, &title))
}
