//! The body of a TransactionStatus notification: `application/x-www-form-urlencoded`, always in
//! ISO-8859-1. Percent escapes are decoded to bytes and the bytes read as ISO-8859-1, where
//! every byte is one character: `%DF` is `ß`. (A UTF-8 form decoder would turn `%DF` into
//! U+FFFD and lose the character.)

use payone_types::Charset;
use payone_types::charset::split_form;

use crate::fields::Fields;

/// Decodes a form body in ISO-8859-1. Pairs without `=` get an empty value; an invalid percent
/// escape is kept as written, as browsers and the `form_urlencoded` crate do.
pub fn decode_latin1_form(body: &[u8]) -> Fields {
    let latin1 = |bytes: &[u8]| {
        Charset::Latin1
            .decode(bytes)
            .unwrap_or_default()
            .into_owned()
    };
    let mut fields = Fields::new();
    for (name, value) in split_form(body) {
        fields.push(&latin1(&name), &latin1(&value));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_latin1_bytes() {
        let fields = decode_latin1_form(b"street=Hellersbergstra%DFe+14&raw=\xe4&bad=%G1%&flag");
        let pairs: Vec<_> = fields.iter().collect();
        assert_eq!(
            pairs,
            [
                ("street", "Hellersbergstraße 14"),
                ("raw", "ä"),
                ("bad", "%G1%"),
                ("flag", ""),
            ]
        );
    }
}
