//! `#[derive(PayoneParam)]`: a newtype holding one parameter's value.

use payone_spec::format::{Char, Format, Length, Numeric, Symbols, ValueRange};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr, Type};

use crate::attr::{Errors, Reader, entries};

const KEYS: &[&str] = &[
    "name",
    "format",
    "symbols",
    "range",
    "repr",
    "sensitive",
    "unlisted",
    "checksum",
];

/// What the newtype holds, decided by the format.
enum Repr {
    Text(TokenStream),
    Digits(TokenStream),
    Integer(TokenStream),
    Date,
    NonEmpty,
}

struct Parsed<'a> {
    name: LitStr,
    format: LitStr,
    symbols_text: Option<String>,
    iban: bool,
    sensitive: bool,
    repr: Repr,
    field: &'a Type,
}

fn parse(input: &DeriveInput) -> Result<Parsed<'_>, Errors> {
    let mut errors = Errors::default();
    let field = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => Some(&f.unnamed[0].ty),
            _ => None,
        },
        _ => None,
    };
    if field.is_none() {
        errors.push(
            input.ident.span(),
            "PayoneParam derives on a newtype: `struct Name(Inner);`",
        );
    }
    let list = entries(&input.attrs, &mut errors);
    let mut reader = Reader::new(&list, KEYS, "PayoneParam");
    let name = reader.string("name", &mut errors);
    let format = reader.string("format", &mut errors);
    let symbols = reader.string("symbols", &mut errors);
    let range = reader.string("range", &mut errors);
    let repr = reader.string("repr", &mut errors);
    let sensitive = reader.flag("sensitive", &mut errors);
    let unlisted = reader.flag("unlisted", &mut errors);
    let checksum = reader.string("checksum", &mut errors);
    reader.finish(&mut errors);
    if name.is_none() {
        errors.push(input.ident.span(), "missing `#[payone(name = \"...\")]`");
    }
    if format.is_none() {
        errors.push(input.ident.span(), "missing `#[payone(format = \"...\")]`");
    }

    let parsed_format = format.and_then(|f| match Format::parse(&f.value()) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            errors.push(f.span(), format!("malformed format `{}`: {e}", f.value()));
            None
        }
    });
    let parsed_symbols = symbols.and_then(|s| match Symbols::parse(&s.value()) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            errors.push(s.span(), format!("malformed permitted symbols: {e}"));
            None
        }
    });
    let parsed_range = range.and_then(|r| match ValueRange::parse(&r.value()) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            errors.push(r.span(), format!("malformed value range: {e}"));
            None
        }
    });
    let digits = match repr {
        None => false,
        Some(r) if r.value() == "digits" => true,
        Some(r) => {
            errors.push(
                r.span(),
                "`repr` takes \"digits\" (a NUMERIC kept as a digit string)",
            );
            false
        }
    };

    let iban = match checksum {
        None => false,
        Some(c) if c.value() == "iban" => true,
        Some(c) => {
            errors.push(
                c.span(),
                "`checksum` takes \"iban\" (ISO 13616 check digits)",
            );
            false
        }
    };

    let not_a_list = parsed_format
        .as_ref()
        .is_some_and(|f| !matches!(f, Format::List));
    let repr = parsed_format.and_then(|f| {
        let span = format
            .map(|f| f.span())
            .unwrap_or_else(|| input.ident.span());
        match f {
            Format::Numeric(n) if digits => {
                if n.max_value.is_some() || parsed_range.is_some() {
                    errors.push(
                        span,
                        "a digit string (repr = \"digits\") takes no maximum value",
                    );
                }
                Some(Repr::Digits(digits_check(&n)))
            }
            Format::Numeric(n) => match integer_check(&n, parsed_range) {
                Ok(check) => Some(Repr::Integer(check)),
                Err(message) => {
                    errors.push(span, message);
                    None
                }
            },
            Format::Char(c) => Some(Repr::Text(char_check(
                &c,
                parsed_symbols.as_ref(),
                symbols,
                iban,
            ))),
            Format::Date8 => Some(Repr::Date),
            Format::Text => Some(Repr::NonEmpty),
            Format::List if unlisted => Some(Repr::NonEmpty),
            Format::List => {
                errors.push(span, "a LIST parameter derives PayoneList on an enum");
                None
            }
        }
    });
    if unlisted && not_a_list {
        let span = format
            .map(|f| f.span())
            .unwrap_or_else(|| input.ident.span());
        errors.push(span, "`unlisted` applies to LIST formats only");
    }
    if let Some(symbols) = symbols
        && !matches!(repr, Some(Repr::Text(_)) | None)
    {
        errors.push(
            symbols.span(),
            "permitted symbols apply to CHAR formats only",
        );
    }
    if let Some(checksum) = checksum
        && !matches!(repr, Some(Repr::Text(_)) | None)
    {
        errors.push(checksum.span(), "a checksum applies to CHAR formats only");
    }
    if let Some(range) = range
        && !matches!(repr, Some(Repr::Integer(_)) | None)
    {
        errors.push(
            range.span(),
            "a value range applies to NUMERIC formats only",
        );
    }
    errors.finish()?;
    Ok(Parsed {
        name: name.expect("checked above").clone(),
        format: format.expect("checked above").clone(),
        symbols_text: symbols.map(LitStr::value),
        iban,
        sensitive,
        repr: repr.expect("errors reported above"),
        field: field.expect("checked above"),
    })
}

/// The values a written pattern permits: `MM` is a month, `DD` a day of the month.
fn pattern_range(n: &Numeric) -> Option<(u32, u32)> {
    match n.pattern.as_deref() {
        Some("MM") => Some((1, 12)),
        Some("DD") => Some((1, 31)),
        _ => None,
    }
}

fn digits_check(n: &Numeric) -> TokenStream {
    let (min, max) = (n.min_digits, n.max_digits);
    let range = match pattern_range(n) {
        Some((low, high)) => quote!(::std::option::Option::Some((#low, #high))),
        None => quote!(::std::option::Option::None),
    };
    quote!(::payone_types::check::DigitsFormat {
        min_digits: #min, max_digits: #max, pattern_range: #range
    })
}

fn integer_check(n: &Numeric, range: Option<ValueRange>) -> Result<TokenStream, String> {
    if n.max_digits > 18 {
        return Err(format!(
            "NUMERIC with {} digits does not fit an integer; use repr = \"digits\"",
            n.max_digits
        ));
    }
    let by_digits = 10i64.pow(n.max_digits) - 1;
    let mut max = by_digits;
    if let Some(limit) = n.max_value {
        max = max.min(limit as i64);
    }
    let mut min = 0i64;
    if let Some((low, high)) = pattern_range(n) {
        min = i64::from(low);
        max = max.min(i64::from(high));
    }
    if let Some(range) = range {
        max = max.min(range.max as i64);
        if range.signed {
            min = -max;
        }
        if let Some(low) = range.min {
            min = min.max(low as i64);
        }
    }
    let (min_digits, max_digits) = (n.min_digits, n.max_digits);
    Ok(quote!(::payone_types::check::NumericFormat {
        min_digits: #min_digits, max_digits: #max_digits, min: #min, max: #max
    }))
}

fn char_check(
    c: &Char,
    symbols: Option<&Symbols>,
    text: Option<&LitStr>,
    iban: bool,
) -> TokenStream {
    let (min, max, one_of) = match &c.length {
        Length::Range { min, max } => (*min, *max, Vec::new()),
        Length::OneOf(lengths) => (
            *lengths.iter().min().unwrap_or(&0),
            *lengths.iter().max().unwrap_or(&0),
            lengths.clone(),
        ),
    };
    let lowercase = c.lowercase;
    let symbols = match symbols {
        None => quote!(::payone_types::check::Symbols::Any),
        Some(Symbols::Email) => quote!(::payone_types::check::Symbols::Email),
        Some(Symbols::Set(ranges)) => {
            let pairs = ranges.iter().map(|(lo, hi)| quote!((#lo, #hi)));
            let text = text.map(LitStr::value).unwrap_or_default();
            quote!(::payone_types::check::Symbols::Set(&[#(#pairs),*], #text))
        }
    };
    let checksum = if iban {
        quote!(::payone_types::check::Checksum::Iban)
    } else {
        quote!(::payone_types::check::Checksum::None)
    };
    quote!(::payone_types::check::CharFormat {
        min: #min, max: #max, one_of: &[#(#one_of),*], lowercase: #lowercase, symbols: #symbols,
        checksum: #checksum
    })
}

/// Expands `#[derive(PayoneParam)]`.
pub fn expand(input: &DeriveInput) -> Result<TokenStream, Errors> {
    let p = parse(input)?;
    let ident = &input.ident;
    let (name, format, field, sensitive) = (&p.name, &p.format, p.field, p.sensitive);
    let mut rule_text = format.value();
    if let Some(symbols) = &p.symbols_text {
        rule_text.push_str(" with permitted symbols ");
        rule_text.push_str(symbols);
    }
    if p.iban {
        rule_text.push_str(" and IBAN check digits (ISO 13616)");
    }
    // The message is a `panic!` format string: braces of the permitted symbols are escaped.
    let panic_message = format!("`{}` literal breaks its format {rule_text}", name.value())
        .replace('{', "{{")
        .replace('}', "}}");
    let doc_new = format!(
        "A `{}` from a literal; in a `const` a literal that breaks {rule_text} fails to compile.\n\n\
         # Panics\nWhen the value breaks the format; use `try_new` for runtime data.",
        name.value()
    );

    let body = match &p.repr {
        Repr::Text(check) | Repr::Digits(check) => {
            let check_ty = if matches!(p.repr, Repr::Text(_)) {
                quote!(::payone_types::check::CharFormat)
            } else {
                quote!(::payone_types::check::DigitsFormat)
            };
            quote! {
            const CHECK: #check_ty = #check;

            #[doc = #doc_new]
            pub const fn new(value: &'static str) -> Self {
                match Self::CHECK.check(value) {
                    Ok(()) => #ident(::std::borrow::Cow::Borrowed(value)),
                    Err(_) => panic!(#panic_message),
                }
            }

            /// Checks a runtime value; the error names the parameter and the rule it breaks.
            pub fn try_new(
                value: impl Into<::std::borrow::Cow<'static, str>>,
            ) -> Result<Self, ::payone_types::Violation> {
                let value = value.into();
                match Self::CHECK.check(&value) {
                    Ok(()) => Ok(#ident(value)),
                    Err(rule) => Err(::payone_types::Violation::new(Self::NAME, rule)),
                }
            }

            /// The value as the wire carries it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            }
        }
        Repr::NonEmpty => quote! {
            #[doc = #doc_new]
            pub const fn new(value: &'static str) -> Self {
                match ::payone_types::check::check_text(value) {
                    Ok(()) => #ident(::std::borrow::Cow::Borrowed(value)),
                    Err(_) => panic!(#panic_message),
                }
            }

            /// Checks a runtime value; the error names the parameter and the rule it breaks.
            pub fn try_new(
                value: impl Into<::std::borrow::Cow<'static, str>>,
            ) -> Result<Self, ::payone_types::Violation> {
                let value = value.into();
                match ::payone_types::check::check_text(&value) {
                    Ok(()) => Ok(#ident(value)),
                    Err(rule) => Err(::payone_types::Violation::new(Self::NAME, rule)),
                }
            }

            /// The value as the wire carries it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        },
        Repr::Integer(check) => quote! {
            const CHECK: ::payone_types::check::NumericFormat = #check;

            #[doc = #doc_new]
            pub const fn new(value: #field) -> Self {
                match Self::CHECK.check(value as i64) {
                    Ok(()) => #ident(value),
                    Err(_) => panic!(#panic_message),
                }
            }

            /// Checks a runtime value; the error names the parameter and the rule it breaks.
            pub const fn try_new(value: #field) -> Result<Self, ::payone_types::Violation> {
                match Self::CHECK.check(value as i64) {
                    Ok(()) => Ok(#ident(value)),
                    Err(rule) => Err(::payone_types::Violation::named(Self::NAME, rule)),
                }
            }

            /// The value.
            pub const fn get(self) -> #field {
                self.0
            }
        },
        Repr::Date => quote! {
            #[doc = #doc_new]
            pub const fn new(value: ::payone_types::Date) -> Self {
                #ident(value)
            }

            /// The date.
            pub const fn get(self) -> ::payone_types::Date {
                self.0
            }
        },
    };
    let (parse, value) = match &p.repr {
        // Checked before the copy, and the rule returned as is: `FromStr` names the parameter.
        Repr::Text(_) | Repr::Digits(_) => (
            quote! {
                Self::CHECK.check(s)?;
                Ok(#ident(::std::borrow::Cow::Owned(s.to_owned())))
            },
            quote!(::std::borrow::Cow::Borrowed(&self.0)),
        ),
        Repr::NonEmpty => (
            quote! {
                ::payone_types::check::check_text(s)?;
                Ok(#ident(::std::borrow::Cow::Owned(s.to_owned())))
            },
            quote!(::std::borrow::Cow::Borrowed(&self.0)),
        ),
        Repr::Integer(_) => (
            quote! {
                let value = Self::CHECK.parse(s)?;
                <#field>::try_from(value)
                    .map(#ident)
                    .map_err(|_| ::payone_types::Rule::Range { min: Self::CHECK.min, max: Self::CHECK.max })
            },
            quote!(::std::borrow::Cow::Owned(self.0.to_string())),
        ),
        Repr::Date => (
            quote!(<::payone_types::Date as ::payone_types::ParamValue>::parse_param(s).map(#ident)),
            quote!(::payone_types::ParamValue::param_value(&self.0)),
        ),
    };
    let json_number = matches!(p.repr, Repr::Integer(_));
    let debug = if sensitive {
        let text = format!("{ident}(<redacted>)");
        quote!(f.write_str(#text))
    } else {
        let ident_text = ident.to_string();
        quote!(f.debug_tuple(#ident_text).field(&self.0).finish())
    };

    Ok(quote! {
        impl #ident {
            /// The parameter's wire name.
            pub const NAME: &'static str = #name;

            #body
        }

        impl ::payone_types::ParamValue for #ident {
            const SENSITIVE: bool = #sensitive;
            const JSON_NUMBER: bool = #json_number;
            const FORMAT: &'static str = #format;

            fn parse_param(s: &str) -> Result<Self, ::payone_types::Rule> {
                #parse
            }

            fn param_value(&self) -> ::std::borrow::Cow<'_, str> {
                #value
            }
        }

        impl ::std::str::FromStr for #ident {
            type Err = ::payone_types::Violation;

            /// Reads the value as the wire writes it; the error names the parameter and the rule.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as ::payone_types::ParamValue>::parse_param(s)
                    .map_err(|rule| ::payone_types::Violation::new(Self::NAME, rule))
            }
        }

        impl ::std::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #debug
            }
        }
    })
}
