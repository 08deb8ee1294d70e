//! Fields of groups and requests: parsing their attributes, and the code every struct of
//! fields gets (getters, the typestate builder, writing parameters, table rows).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, PathArguments, Type};

use crate::attr::{Errors, Reader, entries};

/// The table's Required column for a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Yes,
    No,
    Conditional,
}

/// What a field holds.
pub enum Kind {
    /// One parameter (`T` or `Option<T>`).
    Scalar,
    /// The `clearingtype` with its blocks.
    Choice,
    /// `Vec<E>` of indexed elements.
    Elements,
    /// `Vec<T>` of one parameter sent several times under the same name (`repeat`).
    Repeated,
}

/// One parsed field.
pub struct Field {
    pub ident: Ident,
    pub kind: Kind,
    /// The type inside `Option`/`Vec`, or the field type.
    pub inner: Type,
    pub name: Option<LitStr>,
    pub required: Required,
    pub hash: bool,
}

impl Field {
    /// Whether the builder must be given this field before `build`.
    pub fn needs_setter(&self) -> bool {
        self.required == Required::Yes
    }

    fn field_type(&self) -> TokenStream {
        let inner = &self.inner;
        match (&self.kind, self.required) {
            (Kind::Elements | Kind::Repeated, _) => quote!(::std::vec::Vec<#inner>),
            (_, Required::Yes) => quote!(#inner),
            _ => quote!(::std::option::Option<#inner>),
        }
    }
}

/// The `T` of `Wrapper<T>`.
pub fn wrapped<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// Which field kinds a struct may hold besides scalars.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kinds {
    /// Scalars only (an indexed element).
    Scalars,
    /// Scalars and a `choice` (a payment-method block whose sub-type selects a nested block).
    Choices,
    /// Every kind (a request).
    All,
}

/// Parses the named fields of a struct, permitting the field kinds of `kinds`.
pub fn parse(input: &DeriveInput, kinds: Kinds, errors: &mut Errors) -> Vec<Field> {
    let named = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => Some(named),
            _ => None,
        },
        _ => None,
    };
    let Some(named) = named else {
        errors.push(input.ident.span(), "derives on a struct with named fields");
        return Vec::new();
    };
    let keys: &'static [&'static str] = match kinds {
        Kinds::All => &[
            "name",
            "required",
            "conditional",
            "hash",
            "choice",
            "elements",
            "repeat",
        ],
        Kinds::Choices => &[
            "name",
            "required",
            "conditional",
            "hash",
            "choice",
            "repeat",
        ],
        Kinds::Scalars => &["name", "required", "conditional", "hash", "repeat"],
    };
    let mut out = Vec::new();
    for field in &named.named {
        let ident = field.ident.clone().expect("named field");
        let list = entries(&field.attrs, errors);
        let mut reader = Reader::new(&list, keys, "field");
        let name = reader.string("name", errors).cloned();
        let required_flag = reader.flag("required", errors);
        let conditional = reader.flag("conditional", errors);
        let hash = reader.flag("hash", errors);
        let repeat = reader.flag("repeat", errors);
        let choice = kinds != Kinds::Scalars && reader.flag("choice", errors);
        let elements = kinds == Kinds::All && reader.flag("elements", errors);
        reader.finish(errors);
        let span = ident.span();
        if required_flag && conditional {
            errors.push(span, "a field is either `required` or `conditional`");
        }
        let required = match (required_flag, conditional) {
            (true, _) => Required::Yes,
            (false, true) => Required::Conditional,
            _ => Required::No,
        };
        let kind = match (choice, elements, repeat) {
            (true, true, _) | (true, _, true) | (_, true, true) => {
                errors.push(span, "a field is one of `choice`, `elements` or `repeat`");
                Kind::Scalar
            }
            (true, false, false) => Kind::Choice,
            (false, true, false) => Kind::Elements,
            (false, false, true) => Kind::Repeated,
            _ => Kind::Scalar,
        };
        if repeat && required == Required::Yes {
            errors.push(
                span,
                "a `repeat` field is not `required` (it may be sent zero times)",
            );
        }
        if name.is_none() && !matches!(kind, Kind::Elements) {
            errors.push(span, "missing `#[payone(name = \"...\")]` on this field");
        }
        let inner = match (&kind, required) {
            (Kind::Elements, _) => wrapped(&field.ty, "Vec").cloned().or_else(|| {
                errors.push(span, "an `elements` field is a `Vec<Element>`");
                None
            }),
            (Kind::Repeated, _) => wrapped(&field.ty, "Vec").cloned().or_else(|| {
                errors.push(span, "a `repeat` field is a `Vec<T>`");
                None
            }),
            (_, Required::Yes) => Some(field.ty.clone()),
            _ => wrapped(&field.ty, "Option").cloned().or_else(|| {
                errors.push(span, "a parameter that is not `required` is an `Option<T>`");
                None
            }),
        };
        if let Some(inner) = inner {
            out.push(Field {
                ident,
                kind,
                inner,
                name,
                required,
                hash,
            });
        }
    }
    out
}

/// `UpperCamelCase` of a snake_case identifier.
fn camel(ident: &Ident) -> String {
    ident
        .to_string()
        .trim_start_matches("r#")
        .split('_')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Read access to each field.
pub fn getters(fields: &[Field]) -> TokenStream {
    fields
        .iter()
        .map(|f| {
            let (ident, inner) = (&f.ident, &f.inner);
            let doc = match &f.name {
                Some(name) => format!("The `{}` parameter.", name.value()),
                None => "The elements.".to_owned(),
            };
            match (&f.kind, f.required) {
                (Kind::Elements | Kind::Repeated, _) => quote! {
                    #[doc = #doc]
                    pub fn #ident(&self) -> &[#inner] { &self.#ident }
                },
                (_, Required::Yes) => quote! {
                    #[doc = #doc]
                    pub fn #ident(&self) -> &#inner { &self.#ident }
                },
                _ => quote! {
                    #[doc = #doc]
                    pub fn #ident(&self) -> ::std::option::Option<&#inner> { self.#ident.as_ref() }
                },
            }
        })
        .collect()
}

/// The statements that append the fields' parameters to `out`; `index` is the element index
/// expression for indexed groups.
pub fn write_statements(fields: &[Field], index: Option<&TokenStream>) -> TokenStream {
    fields
        .iter()
        .map(|f| {
            let (ident, inner, hash) = (&f.ident, &f.inner, f.hash);
            let name = match (&f.name, index) {
                (Some(name), Some(index)) => {
                    quote!(::payone_types::request::indexed(#name, #index))
                }
                (Some(name), None) => quote!(#name),
                (None, _) => quote!(""),
            };
            let push = |value: TokenStream| {
                quote! {
                    out.push(
                        #name,
                        ::payone_types::ParamValue::param_value(#value),
                        #hash,
                        <#inner as ::payone_types::ParamValue>::SENSITIVE,
                    );
                }
            };
            match (&f.kind, f.required) {
                (Kind::Elements, _) => {
                    quote!(::payone_types::request::write_elements(&self.#ident, out);)
                }
                (Kind::Choice, Required::Yes) => {
                    quote!(::payone_types::request::Choice::write_choice(&self.#ident, #hash, out);)
                }
                (Kind::Choice, _) => quote! {
                    if let Some(choice) = &self.#ident {
                        ::payone_types::request::Choice::write_choice(choice, #hash, out);
                    }
                },
                (Kind::Repeated, _) => {
                    let push = push(quote!(value));
                    quote! {
                        for value in &self.#ident {
                            #push
                        }
                    }
                }
                (Kind::Scalar, Required::Yes) => push(quote!(&self.#ident)),
                (Kind::Scalar, _) => {
                    let push = push(quote!(value));
                    quote! {
                        if let Some(value) = &self.#ident {
                            #push
                        }
                    }
                }
            }
        })
        .collect()
}

/// `ParamInfo` rows of the scalar and choice fields.
pub fn rows(
    fields: &[Field],
    array: &TokenStream,
    array_optional: bool,
    block: &TokenStream,
    group: &str,
) -> Vec<TokenStream> {
    fields
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Elements))
        .map(|f| {
            let (inner, hash) = (&f.inner, f.hash);
            let repeat = matches!(f.kind, Kind::Repeated);
            let name = f.name.as_ref().expect("checked in parse");
            let required = match f.required {
                Required::Yes => quote!(::payone_types::Required::Yes),
                Required::No => quote!(::payone_types::Required::No),
                Required::Conditional => quote!(::payone_types::Required::Conditional),
            };
            let (format, sensitive, check) = match f.kind {
                Kind::Choice => (
                    quote!("LIST"),
                    quote!(false),
                    quote!(<#inner as ::payone_types::request::Choice>::check_value),
                ),
                _ => (
                    quote!(<#inner as ::payone_types::ParamValue>::FORMAT),
                    quote!(<#inner as ::payone_types::ParamValue>::SENSITIVE),
                    quote!(<#inner as ::payone_types::ParamValue>::check_param),
                ),
            };
            quote! {
                ::payone_types::ParamInfo {
                    name: #name,
                    format: #format,
                    required: #required,
                    hash: #hash,
                    sensitive: #sensitive,
                    account: false,
                    array: #array,
                    array_optional: #array_optional,
                    repeat: #repeat,
                    block: #block,
                    group: #group,
                    check: #check,
                }
            }
        })
        .collect()
}

/// The typestate builder. Each required field is a type parameter that starts as
/// `Unset` and becomes the field's type when set; `build` is only callable when every such
/// parameter implements a per-field trait whose `on_unimplemented` message names the missing
/// parameter. `finish` turns the constructed value into `build`'s result.
pub fn builder(
    owner: &Ident,
    vis: &syn::Visibility,
    fields: &[Field],
    finish: TokenStream,
    result: TokenStream,
) -> TokenStream {
    let builder = format_ident!("{}Builder", owner);
    let required: Vec<&Field> = fields.iter().filter(|f| f.needs_setter()).collect();
    let params: Vec<Ident> = (0..required.len())
        .map(|i| format_ident!("F{}", i))
        .collect();
    let unset = quote!(::payone_types::request::builder::Unset);
    let unset_all: Vec<TokenStream> = required.iter().map(|_| unset.clone()).collect();

    let storage = fields.iter().map(|f| {
        let ident = &f.ident;
        match required.iter().position(|r| r.ident == f.ident) {
            Some(i) => {
                let p = &params[i];
                quote!(#ident: #p)
            }
            None => {
                let ty = f.field_type();
                quote!(#ident: #ty)
            }
        }
    });
    let initial = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.needs_setter() {
            quote!(#ident: ::payone_types::request::builder::Unset)
        } else {
            quote!(#ident: ::std::default::Default::default())
        }
    });

    let setters = fields.iter().map(|f| {
        let (ident, inner) = (&f.ident, &f.inner);
        let doc = match &f.name {
            Some(name) => format!("Sets `{}`.", name.value()),
            None => "Sets the elements.".to_owned(),
        };
        let value_ty = match f.kind {
            Kind::Elements | Kind::Repeated => quote!(::std::vec::Vec<#inner>),
            _ => quote!(#inner),
        };
        match required.iter().position(|r| r.ident == f.ident) {
            Some(i) => {
                let out_params = params.iter().enumerate().map(|(j, p)| {
                    if i == j {
                        quote!(#value_ty)
                    } else {
                        quote!(#p)
                    }
                });
                let moved = fields.iter().map(|g| {
                    let gi = &g.ident;
                    if g.ident == f.ident {
                        quote!(#gi: value)
                    } else {
                        quote!(#gi: self.#gi)
                    }
                });
                quote! {
                    #[doc = #doc]
                    pub fn #ident(self, value: #value_ty) -> #builder<#(#out_params),*> {
                        #builder { #(#moved),* }
                    }
                }
            }
            None => match f.kind {
                Kind::Elements | Kind::Repeated => quote! {
                    #[doc = #doc]
                    pub fn #ident(mut self, value: #value_ty) -> Self {
                        self.#ident = value;
                        self
                    }
                },
                _ => {
                    let maybe =
                        format_ident!("maybe_{}", ident.to_string().trim_start_matches("r#"));
                    let maybe_doc = format!("{doc} `None` leaves it out.");
                    quote! {
                        #[doc = #doc]
                        pub fn #ident(mut self, value: #value_ty) -> Self {
                            self.#ident = Some(value);
                            self
                        }

                        #[doc = #maybe_doc]
                        pub fn #maybe(mut self, value: ::std::option::Option<#value_ty>) -> Self {
                            self.#ident = value;
                            self
                        }
                    }
                }
            },
        }
    });

    let traits: Vec<Ident> = required
        .iter()
        .map(|f| format_ident!("{}Requires{}", owner, camel(&f.ident)))
        .collect();
    let trait_defs = required.iter().zip(&traits).map(|(f, t)| {
        let value_ty = match f.kind {
            Kind::Elements => {
                let inner = &f.inner;
                quote!(::std::vec::Vec<#inner>)
            }
            _ => {
                let inner = &f.inner;
                quote!(#inner)
            }
        };
        let what = match &f.name {
            Some(name) => format!("missing required parameter `{}` of `{owner}`", name.value()),
            None => format!("missing required elements `{}` of `{owner}`", f.ident),
        };
        let label = format!("`{}` is not set", f.ident);
        let note = format!("call `.{}(...)` before `.build()`", f.ident);
        quote! {
            #[doc(hidden)]
            #[diagnostic::on_unimplemented(message = #what, label = #label, note = #note)]
            pub trait #t: ::std::convert::Into<#value_ty> {}
            impl #t for #value_ty {}
        }
    });
    let assemble = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.needs_setter() {
            quote!(#ident: ::std::convert::Into::into(self.#ident))
        } else {
            quote!(#ident: self.#ident)
        }
    });
    let builder_doc =
        format!("Builds a [`{owner}`]; required parameters are enforced by the compiler.");
    let entry_doc = format!("Starts building a `{owner}`.");

    quote! {
        #[doc = #builder_doc]
        #[must_use]
        #vis struct #builder<#(#params = #unset),*> {
            #(#storage,)*
        }

        impl #owner {
            #[doc = #entry_doc]
            pub fn builder() -> #builder<#(#unset_all),*> {
                #builder { #(#initial,)* }
            }
        }

        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*

            /// Finishes the value.
            // The bounds sit on the method, not on the impl, so that a missing parameter is
            // reported through the trait's `on_unimplemented` message, which names it.
            pub fn build(self) -> #result
            where
                #(#params: #traits,)*
            {
                let value = #owner { #(#assemble,)* };
                #finish
            }
        }

        #(#trait_defs)*
    }
}

/// A span for errors about the whole item.
pub fn item_span(input: &DeriveInput) -> Span {
    input.ident.span()
}
