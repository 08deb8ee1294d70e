//! Parsing `#[payone(...)]` attributes into key/value entries, and collecting errors with
//! the span of the offending attribute so every mistake is reported in one compile.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Attribute, Lit, LitStr};

/// Every error found while parsing and checking one derive input.
#[derive(Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    /// Records an error at `span`.
    pub fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.0.push(syn::Error::new(span, message));
    }

    /// Records a parse error.
    pub fn push_error(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// `Err(self)` when anything was recorded.
    pub fn finish(self) -> Result<(), Errors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// All errors as `compile_error!` invocations.
    pub fn into_compile_errors(self) -> TokenStream {
        self.0.iter().map(syn::Error::to_compile_error).collect()
    }
}

/// The value of one attribute entry.
pub enum Value {
    /// `key`
    Flag,
    /// `key = "text"`
    Str(LitStr),
    /// `key = 400`
    Int(u32),
    /// `key(...)`
    Nested(Vec<Entry>),
}

/// One `key`, `key = value` or `key(...)` of a `#[payone(...)]` attribute.
pub struct Entry {
    /// The key.
    pub key: String,
    /// Span of the key, for errors about it.
    pub span: Span,
    /// The value.
    pub value: Value,
}

/// Parses all `#[payone(...)]` attributes of an item into entries.
pub fn entries(attrs: &[Attribute], errors: &mut Errors) -> Vec<Entry> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("payone")) {
        if let Err(e) = attr.parse_nested_meta(|meta| {
            out.push(parse_entry(meta)?);
            Ok(())
        }) {
            errors.push_error(e);
        }
    }
    out
}

fn parse_entry(meta: syn::meta::ParseNestedMeta<'_>) -> syn::Result<Entry> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let span = meta.path.span();
    let value = if meta.input.peek(syn::Token![=]) {
        match meta.value()?.parse::<Lit>()? {
            Lit::Str(s) => Value::Str(s),
            Lit::Int(i) => Value::Int(i.base10_parse()?),
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected a string or integer",
                ));
            }
        }
    } else if meta.input.peek(syn::token::Paren) {
        let mut nested = Vec::new();
        meta.parse_nested_meta(|inner| {
            nested.push(parse_entry(inner)?);
            Ok(())
        })?;
        Value::Nested(nested)
    } else {
        Value::Flag
    };
    Ok(Entry { key, span, value })
}

/// Typed access to a list of entries with the permitted keys declared up front: every key
/// not taken is reported as unknown when the reader is finished.
pub struct Reader<'a> {
    entries: &'a [Entry],
    taken: Vec<bool>,
    allowed: &'static [&'static str],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// Reads `entries`, which may use the `allowed` keys, describing them as `what`.
    pub fn new(entries: &'a [Entry], allowed: &'static [&'static str], what: &'static str) -> Self {
        Reader {
            entries,
            taken: vec![false; entries.len()],
            allowed,
            what,
        }
    }

    fn take(&mut self, key: &str) -> Option<&'a Entry> {
        let mut found = None;
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.key == key && found.is_none() {
                self.taken[i] = true;
                found = Some(entry);
            }
        }
        found
    }

    /// A `key = "text"` entry.
    pub fn string(&mut self, key: &str, errors: &mut Errors) -> Option<&'a LitStr> {
        match self.take(key)? {
            Entry {
                value: Value::Str(s),
                ..
            } => Some(s),
            entry => {
                errors.push(
                    entry.span,
                    format!("`{key}` takes a string: {key} = \"...\""),
                );
                None
            }
        }
    }

    /// A `key = n` entry.
    pub fn int(&mut self, key: &str, errors: &mut Errors) -> Option<(u32, Span)> {
        match self.take(key)? {
            Entry {
                value: Value::Int(n),
                span,
                ..
            } => Some((*n, *span)),
            entry => {
                errors.push(entry.span, format!("`{key}` takes an integer: {key} = 400"));
                None
            }
        }
    }

    /// A bare `key` flag.
    pub fn flag(&mut self, key: &str, errors: &mut Errors) -> bool {
        match self.take(key) {
            None => false,
            Some(Entry {
                value: Value::Flag, ..
            }) => true,
            Some(entry) => {
                errors.push(entry.span, format!("`{key}` is a flag and takes no value"));
                true
            }
        }
    }

    /// Every `key(...)` entry (the key may repeat).
    pub fn nested_all(&mut self, key: &str, errors: &mut Errors) -> Vec<(&'a [Entry], Span)> {
        let mut out = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.key != key {
                continue;
            }
            self.taken[i] = true;
            match &entry.value {
                Value::Nested(inner) => out.push((inner.as_slice(), entry.span)),
                _ => errors.push(entry.span, format!("`{key}` takes a list: {key}(...)")),
            }
        }
        out
    }

    /// Reports every entry that was not taken: unknown keys and repeated ones.
    pub fn finish(self, errors: &mut Errors) {
        for (entry, taken) in self.entries.iter().zip(self.taken) {
            if taken {
                continue;
            }
            if self.allowed.contains(&entry.key.as_str()) {
                errors.push(
                    entry.span,
                    format!("`{}` is given more than once", entry.key),
                );
            } else {
                errors.push(
                    entry.span,
                    format!(
                        "unknown {} attribute key `{}`; expected one of: {}",
                        self.what,
                        entry.key,
                        self.allowed.join(", ")
                    ),
                );
            }
        }
    }
}
