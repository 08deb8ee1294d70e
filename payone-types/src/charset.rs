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

/// Splits an `application/x-www-form-urlencoded` body into percent-decoded byte pairs, to be
/// read in the charset the body declares (`%DF` is `ß` in ISO-8859-1, not valid UTF-8). `+` is
/// a space, a `%` not followed by two hex digits stays as written (as browsers do), empty
/// pieces are skipped and a piece without `=` is a name with an empty value.
pub fn split_form(body: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let unescape = |raw: &[u8]| -> Vec<u8> {
        let spaced: Vec<u8> = raw
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        percent_encoding::percent_decode(&spaced).collect()
    };
    body.split(|&b| b == b'&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.iter().position(|&b| b == b'=') {
            Some(eq) => (unescape(&piece[..eq]), unescape(&piece[eq + 1..])),
            None => (unescape(piece), Vec::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Charset, split_form};

    #[test]
    fn form_bodies_split_into_raw_bytes() {
        assert_eq!(
            split_form(b"a=1+2&&b&c=100%&d=%4&e=%DF%2B&f=%G1"),
            [
                (b"a".to_vec(), b"1 2".to_vec()),
                (b"b".to_vec(), Vec::new()),
                (b"c".to_vec(), b"100%".to_vec()),
                (b"d".to_vec(), b"%4".to_vec()),
                (b"e".to_vec(), vec![0xDF, b'+']),
                (b"f".to_vec(), b"%G1".to_vec()),
            ]
        );
    }

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
