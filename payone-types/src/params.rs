//! The wire form of a request: an ordered list of `name=value` pairs that knows which values
//! are hashed and which must never be printed.

use std::borrow::Cow;
use std::fmt;

use crate::charset::Charset;
use crate::rule::{Rule, Violations};

/// One `name=value` pair of a request.
#[derive(Clone, PartialEq, Eq)]
pub struct Param<'a> {
    /// Wire name, `de[3]` for array elements.
    pub name: Cow<'static, str>,
    /// Wire value.
    pub value: Cow<'a, str>,
    /// Whether the value takes part in the `hash`.
    pub hash: bool,
    /// Whether the value must never be printed.
    pub sensitive: bool,
}

/// What [`Params`] prints in place of a sensitive value.
pub const REDACTED: &str = "<redacted>";

impl Param<'_> {
    /// The value, or [`REDACTED`] for a sensitive one.
    pub fn printable_value(&self) -> &str {
        if self.sensitive {
            REDACTED
        } else {
            &self.value
        }
    }
}

impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, self.printable_value())
    }
}

/// The parameters of one request, in the order they were written.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Params<'a> {
    entries: Vec<Param<'a>>,
}

impl<'a> Params<'a> {
    /// An empty list.
    pub fn new() -> Self {
        Params {
            entries: Vec::new(),
        }
    }

    /// Appends a pair.
    pub fn push(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Cow<'a, str>>,
        hash: bool,
        sensitive: bool,
    ) {
        self.entries.push(Param {
            name: name.into(),
            value: value.into(),
            hash,
            sensitive,
        });
    }

    /// The pairs in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Param<'a>> {
        self.entries.iter()
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of the first pair called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_ref())
    }

    /// Checks that every value can be carried by `charset`; one violation per parameter.
    pub fn check_charset(&self, charset: Charset) -> Result<(), Violations> {
        let mut violations = Violations::new();
        for p in &self.entries {
            if charset.encode(&p.value).is_none() {
                violations.push(p.name.clone(), Rule::Charset(charset.as_str()));
            }
        }
        violations.into_result(())
    }

    /// The `application/x-www-form-urlencoded` body in `charset`.
    ///
    /// Fails when a value cannot be carried by the charset: a character is never replaced by `?`.
    pub fn form_encode(&self, charset: Charset) -> Result<String, Violations> {
        self.check_charset(charset)?;
        fn latin1(s: &str) -> Cow<'_, [u8]> {
            // Checked above: every character fits.
            Charset::Latin1
                .encode(s)
                .unwrap_or(Cow::Borrowed(s.as_bytes()))
        }
        let mut body = form_urlencoded::Serializer::new(String::new());
        if charset == Charset::Latin1 {
            body.encoding_override(Some(&latin1));
        }
        for p in &self.entries {
            body.append_pair(&p.name, &p.value);
        }
        Ok(body.finish())
    }

    /// `name=value` lines, sensitive values redacted: safe for logs and snapshots.
    pub fn redacted_lines(&self) -> String {
        let mut out = String::new();
        for p in &self.entries {
            out.push_str(&p.name);
            out.push('=');
            out.push_str(p.printable_value());
            out.push('\n');
        }
        out
    }
}

impl fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

impl<'p, 'a> IntoIterator for &'p Params<'a> {
    type Item = &'p Param<'a>;
    type IntoIter = std::slice::Iter<'p, Param<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_values_never_print() {
        let mut p = Params::new();
        p.push("cardpan", "4111111111111111", false, true);
        p.push("amount", "100", true, false);
        assert_eq!(format!("{p:?}"), "[cardpan=<redacted>, amount=100]");
        assert_eq!(p.redacted_lines(), "cardpan=<redacted>\namount=100\n");
    }

    #[test]
    fn latin1_bodies_and_unencodable_characters() {
        let mut p = Params::new();
        p.push("street", "Hellersbergstraße 14", false, false);
        assert_eq!(
            p.form_encode(Charset::Latin1).unwrap(),
            "street=Hellersbergstra%DFe+14"
        );
        assert_eq!(
            p.form_encode(Charset::Utf8).unwrap(),
            "street=Hellersbergstra%C3%9Fe+14"
        );
        p.push("de[1]", "5 €", false, false);
        let err = p.form_encode(Charset::Latin1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "de[1]: contains a character that ISO-8859-1 cannot carry"
        );
    }
}
