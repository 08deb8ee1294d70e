//! `#[derive(PayoneObject)]`: a JSON object of the v2 API (nested objects, arrays, the members
//! it does not know kept aside).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type};

use crate::attr::{Errors, Reader, entries};

/// How a member is held, read from the field's Rust type.
enum Shape<'a> {
    /// `T`: the member must be present.
    Required(&'a Type),
    /// `Option<T>`.
    Optional(&'a Type),
    /// `Vec<T>`: absent and `[]` are the same; `required` demands presence.
    Array { inner: &'a Type, required: bool },
}

struct Member<'a> {
    ident: &'a Ident,
    json: LitStr,
    shape: Shape<'a>,
}

struct Parsed<'a> {
    members: Vec<Member<'a>>,
    unknown: &'a Ident,
}

/// `Some(T)` when `ty` is `wrapper<T>`.
fn wrapped<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

fn parse(input: &DeriveInput) -> Result<Parsed<'_>, Errors> {
    let mut errors = Errors::default();
    let struct_entries = entries(&input.attrs, &mut errors);
    Reader::new(&struct_entries, &[], "PayoneObject").finish(&mut errors);
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => Some(&named.named),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        errors.push(
            input.ident.span(),
            "PayoneObject needs a struct with named fields",
        );
        return Err(errors);
    };
    let mut members = Vec::new();
    let mut unknown: Option<&Ident> = None;
    for field in fields {
        let ident = field.ident.as_ref().expect("named fields have names");
        let list = entries(&field.attrs, &mut errors);
        let mut reader = Reader::new(
            &list,
            &["json", "required", "unknown"],
            "PayoneObject field",
        );
        let json = reader.string("json", &mut errors).cloned();
        let required = reader.flag("required", &mut errors);
        let is_unknown = reader.flag("unknown", &mut errors);
        reader.finish(&mut errors);
        match (json, is_unknown) {
            (None, true) => {
                if unknown.is_some() {
                    errors.push(ident.span(), "only one field may hold the unknown members");
                }
                unknown = Some(ident);
            }
            (Some(json), false) => {
                let shape = if let Some(inner) = wrapped(&field.ty, "Option") {
                    if required {
                        errors.push(
                            json.span(),
                            "an `Option` field is optional; drop `required` or the `Option`",
                        );
                    }
                    Shape::Optional(inner)
                } else if let Some(inner) = wrapped(&field.ty, "Vec") {
                    Shape::Array { inner, required }
                } else {
                    if required {
                        errors.push(
                            json.span(),
                            "a plain field is already required; `required` is for `Vec` fields",
                        );
                    }
                    Shape::Required(&field.ty)
                };
                members.push(Member { ident, json, shape });
            }
            (Some(json), true) => errors.push(
                json.span(),
                "a field is either a member (`json = \"...\"`) or the `unknown` members, not both",
            ),
            (None, false) => errors.push(
                field.span(),
                "every field needs `#[payone(json = \"memberName\")]` or `#[payone(unknown)]`",
            ),
        }
    }
    if unknown.is_none() {
        errors.push(
            input.ident.span(),
            "PayoneObject needs a `#[payone(unknown)] unknown: JsonMap` field: members the table does not know are kept, not dropped",
        );
    }
    errors.finish()?;
    Ok(Parsed {
        members,
        unknown: unknown.expect("checked above"),
    })
}

/// The field name without a raw-identifier prefix, for method names built from it.
fn plain(ident: &Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_owned()
}

/// Expands `#[derive(PayoneObject)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let parsed = parse(input)?;
    let ident = &input.ident;
    let name = ident.to_string();
    let unknown = parsed.unknown;
    let members = &parsed.members;

    let required: Vec<&Member> = members
        .iter()
        .filter(|m| matches!(m.shape, Shape::Required(_)))
        .collect();
    let new_args = required.iter().map(|m| {
        let (field, Shape::Required(ty)) = (m.ident, &m.shape) else {
            unreachable!()
        };
        quote!(#field: #ty)
    });
    let new_inits = members.iter().map(|m| {
        let field = m.ident;
        match m.shape {
            Shape::Required(_) => quote!(#field),
            Shape::Optional(_) => quote!(#field: None),
            Shape::Array { .. } => quote!(#field: Vec::new()),
        }
    });
    let new_doc = if required.is_empty() {
        "An object without members; add them with the `with_` methods.".to_owned()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|m| format!("`{}`", m.json.value()))
            .collect();
        format!(
            "The object with its required members {}; add the others with the `with_` methods.",
            names.join(", ")
        )
    };

    let methods = members.iter().map(|m| {
        let field = m.ident;
        let json = m.json.value();
        let setter = format_ident!("with_{}", plain(field));
        let getter_doc = format!("`{json}`.");
        let setter_doc = format!("Sets `{json}`.");
        match m.shape {
            Shape::Required(ty) => quote! {
                #[doc = #getter_doc]
                pub fn #field(&self) -> &#ty {
                    &self.#field
                }
                #[doc = #setter_doc]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#field = value;
                    self
                }
            },
            Shape::Optional(ty) => quote! {
                #[doc = #getter_doc]
                pub fn #field(&self) -> Option<&#ty> {
                    self.#field.as_ref()
                }
                #[doc = #setter_doc]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#field = Some(value);
                    self
                }
            },
            Shape::Array { inner, .. } => quote! {
                #[doc = #getter_doc]
                pub fn #field(&self) -> &[#inner] {
                    &self.#field
                }
                #[doc = #setter_doc]
                pub fn #setter(mut self, value: Vec<#inner>) -> Self {
                    self.#field = value;
                    self
                }
            },
        }
    });

    let writes = members.iter().map(|m| {
        let (field, json) = (m.ident, &m.json);
        match m.shape {
            Shape::Required(_) => quote! {
                out.insert(#json.to_owned(), ::payone_types::json::JsonField::to_json(&self.#field));
            },
            Shape::Optional(_) => quote! {
                if let Some(value) = &self.#field {
                    out.insert(#json.to_owned(), ::payone_types::json::JsonField::to_json(value));
                }
            },
            Shape::Array { required, .. } => {
                let write = quote! {
                    out.insert(
                        #json.to_owned(),
                        ::payone_types::json::Value::Array(
                            self.#field.iter().map(::payone_types::json::JsonField::to_json).collect(),
                        ),
                    );
                };
                if required {
                    write
                } else {
                    quote!(if !self.#field.is_empty() { #write })
                }
            }
        }
    });
    let reads = members.iter().map(|m| {
        let (field, json) = (m.ident, &m.json);
        match m.shape {
            Shape::Required(ty) => quote! {
                let #field = ::payone_types::json::read_member::<#ty>(map, path, #json, true, violations);
            },
            Shape::Optional(ty) => quote! {
                let #field = ::payone_types::json::read_member::<#ty>(map, path, #json, false, violations);
            },
            Shape::Array { inner, required } => quote! {
                let #field = ::payone_types::json::read_array::<#inner>(map, path, #json, #required, violations);
            },
        }
    });
    let required_idents = required.iter().map(|m| m.ident);
    let all_idents = members.iter().map(|m| m.ident);
    let known = members.iter().map(|m| &m.json);
    let debug_fields = members.iter().map(|m| {
        let field = m.ident;
        let label = plain(field);
        quote!(.field(#label, &self.#field))
    });

    Ok(quote! {
        impl #ident {
            #[doc = #new_doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#new_args),*) -> Self {
                #ident {
                    #(#new_inits,)*
                    #unknown: ::payone_types::json::JsonMap::new(),
                }
            }

            #(#methods)*

            /// Members the table does not declare, as read, in wire order; written back unchanged.
            pub fn unknown_fields(&self) -> &::payone_types::json::JsonMap {
                &self.#unknown
            }
        }

        impl ::payone_types::json::JsonObject for #ident {
            const NAME: &'static str = #name;

            fn write_json(&self, out: &mut ::payone_types::json::JsonMap) {
                #(#writes)*
                for (name, value) in &self.#unknown {
                    if !out.contains_key(name) {
                        out.insert(name.clone(), value.clone());
                    }
                }
            }

            fn read_json(
                map: &::payone_types::json::JsonMap,
                path: &str,
                violations: &mut ::payone_types::Violations,
            ) -> Option<Self> {
                #(#reads)*
                #(let #required_idents = #required_idents?;)*
                Some(#ident {
                    #(#all_idents,)*
                    #unknown: ::payone_types::json::unknown_members(map, &[#(#known),*]),
                })
            }
        }

        impl ::payone_types::json::JsonField for #ident {
            fn to_json(&self) -> ::payone_types::json::Value {
                ::payone_types::json::object_value(self)
            }

            fn from_json(
                value: &::payone_types::json::Value,
                path: &str,
                violations: &mut ::payone_types::Violations,
            ) -> Option<Self> {
                ::payone_types::json::read_object(value, path, violations)
            }
        }

        impl ::std::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name)
                    #(#debug_fields)*
                    .field("unknown", &::payone_types::json::UnknownNames(&self.#unknown))
                    .finish()
            }
        }
    })
}
