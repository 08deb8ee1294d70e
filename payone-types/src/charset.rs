//! The request's declared `encoding`.

use std::borrow::Cow;

/// The character encoding a request declares and its body uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `UTF-8` (the default of these bindings).
    #[default]
    Utf8,
    /// `ISO-8859-1` (the platform's default when `encoding` is absent).
    Latin1,
}

impl Charset {
    /// The value of the `encoding` parameter.
    pub const fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Latin1 => "ISO-8859-1",
        }
    }

    /// Reads an `encoding` value.
    pub fn from_param(s: &str) -> Option<Charset> {
        match s {
            "UTF-8" => Some(Charset::Utf8),
            "ISO-8859-1" => Some(Charset::Latin1),
            _ => None,
        }
    }

    /// The bytes of `s` in this charset, or `None` when a character cannot be carried.
    ///
    /// ISO-8859-1 is encoded by hand on purpose: the WHATWG label "ISO-8859-1" (as used by
    /// encoding_rs) means windows-1252, which would map `€` and friends to bytes the platform
    /// reads differently.
    pub fn encode(self, s: &str) -> Option<Cow<'_, [u8]>> {
        match self {
            Charset::Utf8 => Some(Cow::Borrowed(s.as_bytes())),
            Charset::Latin1 if s.is_ascii() => Some(Cow::Borrowed(s.as_bytes())),
            Charset::Latin1 => s
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect::<Option<Vec<u8>>>()
                .map(Cow::Owned),
        }
    }

    /// Decodes a body received in this charset.
    pub fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        match self {
            Charset::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Charset::Latin1 => Some(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Charset;

    #[test]
    fn latin1_carries_umlauts_but_not_the_euro_sign() {
        assert_eq!(
            Charset::Latin1
                .encode("Hellersbergstraße")
                .unwrap()
                .as_ref(),
            b"Hellersbergstra\xdfe"
        );
        assert!(Charset::Latin1.encode("5 €").is_none());
        assert_eq!(Charset::Latin1.decode(b"stra\xdfe").unwrap(), "straße");
    }
}
