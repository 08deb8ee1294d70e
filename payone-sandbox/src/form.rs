//! Reading `application/x-www-form-urlencoded` parameters (body or query) in the charset the
//! request declares with `encoding`.
//!
//! Percent-decoding yields bytes, not text: the same `%DF` is `ß` in ISO-8859-1 and an invalid
//! sequence in UTF-8, so values are decoded only once `encoding` is known (`form_urlencoded`
//! would decode as UTF-8 and replace invalid bytes silently).

use payone_types::Charset;
use payone_types::charset::split_form;

use crate::refusal::Refusal;

/// The decoded parameters of one request, in the order they came.
#[derive(Clone, Debug, Default)]
pub(crate) struct Form {
    /// `(name, value)` pairs; a name may repeat (validation reports that).
    pub(crate) pairs: Vec<(String, String)>,
    /// The declared charset (ISO-8859-1 when `encoding` is absent, as on the platform).
    pub(crate) charset: Charset,
}

impl Form {
    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name` unless it is empty.
    pub(crate) fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }
}

/// A request whose parameters cannot be read. The charset is the one to answer in.
#[derive(Clone, Debug)]
pub(crate) struct Undecodable {
    /// The refusal naming the parameter.
    pub(crate) refusal: Refusal,
    /// The charset to answer in.
    pub(crate) charset: Charset,
}

/// Decodes the parameters of `parts` (e.g. query, then body), in order.
pub(crate) fn decode(parts: &[&[u8]]) -> Result<Form, Undecodable> {
    let raw: Vec<(Vec<u8>, Vec<u8>)> = parts.iter().flat_map(|part| split_form(part)).collect();
    let charset = match raw.iter().find(|(n, _)| n == b"encoding") {
        None => Charset::Latin1,
        Some((_, value)) => std::str::from_utf8(value)
            .ok()
            .and_then(Charset::from_param)
            .ok_or_else(|| Undecodable {
                refusal: Refusal::faulty("encoding", "unknown value; permitted: ISO-8859-1, UTF-8"),
                charset: Charset::Latin1,
            })?,
    };
    let mut pairs = Vec::with_capacity(raw.len());
    for (name, value) in raw {
        let undecodable = |name: &[u8]| Undecodable {
            refusal: Refusal::faulty(
                String::from_utf8_lossy(name),
                format!("not valid {}", charset.as_str()),
            ),
            charset,
        };
        let Some(decoded_name) = charset.decode(&name) else {
            return Err(undecodable(&name));
        };
        let Some(decoded_value) = charset.decode(&value) else {
            return Err(undecodable(&name));
        };
        pairs.push((decoded_name.into_owned(), decoded_value.into_owned()));
    }
    Ok(Form { pairs, charset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_the_default_and_utf8_is_checked() {
        let form = decode(&[b"lastname=Hellersbergstra%DFe"]).unwrap();
        assert_eq!(form.charset, Charset::Latin1);
        assert_eq!(form.get("lastname"), Some("Hellersbergstraße"));

        let form = decode(&[b"encoding=UTF-8&lastname=Hellersbergstra%C3%9Fe"]).unwrap();
        assert_eq!(form.charset, Charset::Utf8);
        assert_eq!(form.get("lastname"), Some("Hellersbergstraße"));

        let err = decode(&[b"encoding=UTF-8&lastname=Hellersbergstra%DFe"]).unwrap_err();
        assert_eq!(err.refusal, Refusal::faulty("lastname", "not valid UTF-8"));
        assert_eq!(err.charset, Charset::Utf8);
    }

    #[test]
    fn unknown_encodings_are_refused_in_latin1() {
        let err = decode(&[b"encoding=latin1"]).unwrap_err();
        assert_eq!(err.refusal.param(), Some("encoding"));
        assert_eq!(err.charset, Charset::Latin1);
    }

    #[test]
    fn pluses_stray_percents_and_several_parts() {
        let form = decode(&[b"a=1+2&&b", b"c=100%&d=%4"]).unwrap();
        assert_eq!(
            form.pairs,
            [
                ("a".to_owned(), "1 2".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "100%".to_owned()),
                ("d".to_owned(), "%4".to_owned()),
            ]
        );
    }
}
