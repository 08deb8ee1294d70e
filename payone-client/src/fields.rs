//! An ordered list of `name=value` pairs received from PAYONE (Server API answers,
//! TransactionStatus notifications). Every pair is kept, unknown ones too, in the order received,
//! so nothing the platform adds later is lost.

use std::fmt;
use std::ops::Range;

/// Received names whose values never print: the notification `key` (the digest of the portal
/// key is itself a credential) and anything that may carry card or bank account data or the
/// holder's name. Compared in any case: a name that differs only in case from one of these
/// (`Key`, `CardExpireDate`) may carry the same data.
const SENSITIVE: &[&str] = &[
    "key",
    "cardpan",
    "cardcvc2",
    "cardexpiredate",
    "cardholder",
    "iban",
    "bic",
    "bankaccount",
    "bankaccountholder",
    "accesscode",
    "mandate_text",
    "usertoken",
];

/// Whether a received value must never be printed.
pub(crate) fn is_sensitive(name: &str) -> bool {
    SENSITIVE.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// The received pairs, in order. Names may repeat; [`Fields::get`] returns the first.
///
/// All text lives in one buffer with the pairs as ranges into it: parsing an answer costs one
/// copy of the body and one small vector, not two allocations per line.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Fields {
    text: String,
    pairs: Vec<(Range<usize>, Range<usize>)>,
}

impl Fields {
    /// No pairs.
    pub fn new() -> Self {
        Fields::default()
    }

    /// Pairs given as ranges of name and value into `text`, which the caller has checked lie
    /// on character boundaries inside `text`.
    #[cfg(feature = "server")]
    pub(crate) fn from_parts(text: String, pairs: Vec<(Range<usize>, Range<usize>)>) -> Self {
        Fields { text, pairs }
    }

    /// Appends a pair.
    pub fn push(&mut self, name: &str, value: &str) {
        let name = self.append(name);
        let value = self.append(value);
        self.pairs.push((name, value));
    }

    fn append(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }

    /// The value of the first pair called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The values of every pair called `name`, in order.
    pub fn get_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.iter().filter(move |(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Whether a pair called `name` was received.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The pairs in the order received.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.pairs
            .iter()
            .map(|(n, v)| (&self.text[n.clone()], &self.text[v.clone()]))
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether nothing was received.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl fmt::Debug for Fields {
    /// Prints the pairs with sensitive values redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.iter() {
            if is_sensitive(name) {
                map.entry(&name, &payone_types::params::REDACTED);
            } else {
                map.entry(&name, &value);
            }
        }
        map.finish()
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for Fields {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(iter: I) -> Self {
        let mut fields = Fields::new();
        for (name, value) in iter {
            fields.push(name, value);
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_duplicates_and_redacts() {
        let fields: Fields = [("status", "APPROVED"), ("key", "abc"), ("status", "X")]
            .into_iter()
            .collect();
        assert_eq!(fields.get("status"), Some("APPROVED"));
        assert_eq!(
            fields.get_all("status").collect::<Vec<_>>(),
            ["APPROVED", "X"]
        );
        assert_eq!(fields.len(), 3);
        assert_eq!(
            format!("{fields:?}"),
            r#"{"status": "APPROVED", "key": "<redacted>", "status": "X"}"#
        );
    }

    #[test]
    fn sensitive_names_are_redacted_in_any_case() {
        let fields: Fields = [
            ("Key", "k-secret-1"),
            ("KEY", "k-secret-2"),
            ("CardExpireDate", "3109"),
            ("cardexpiredate", "3110"),
            ("CARDPAN", "4111111111111111"),
            ("Iban", "DE02120300000000202051"),
            ("BankAccountHolder", "Erika Mustermann"),
            ("cardtype", "V"),
        ]
        .into_iter()
        .collect();
        let debug = format!("{fields:?}");
        for secret in [
            "k-secret-1",
            "k-secret-2",
            "3109",
            "3110",
            "4111111111111111",
            "DE02120300000000202051",
            "Erika",
        ] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(
            debug.contains(r#""CardExpireDate": "<redacted>""#),
            "{debug}"
        );
        assert!(debug.contains(r#""cardtype": "V""#), "{debug}");
    }
}
