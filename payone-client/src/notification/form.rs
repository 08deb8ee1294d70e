//! The body of a TransactionStatus notification: `application/x-www-form-urlencoded`, always in
//! ISO-8859-1. Percent escapes are decoded to bytes and the bytes read as ISO-8859-1, where
//! every byte is one character: `%DF` is `ß`. (A UTF-8 form decoder would turn `%DF` into
//! U+FFFD and lose the character.)

use crate::fields::Fields;

/// Decodes a form body in ISO-8859-1. Pairs without `=` get an empty value; an invalid percent
/// escape is kept as written, as browsers and the `form_urlencoded` crate do.
pub fn decode_latin1_form(body: &[u8]) -> Fields {
    let mut fields = Fields::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &[][..]),
        };
        fields.push(&decode(name), &decode(value));
    }
    fields
}

/// One name or value: `+` is a space, `%XX` a byte, each byte an ISO-8859-1 character.
fn decode(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let byte = match raw[i] {
            b'+' => b' ',
            b'%' => match (raw.get(i + 1).and_then(hex), raw.get(i + 2).and_then(hex)) {
                (Some(hi), Some(lo)) => {
                    i += 2;
                    hi << 4 | lo
                }
                _ => b'%',
            },
            b => b,
        };
        out.push(char::from(byte));
        i += 1;
    }
    out
}

fn hex(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
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
