//! An answer of the platform: ordered `name=value` fields, written as the Server API's lines,
//! the Client API's JSON object or the query of a Client API redirect.

use std::borrow::Cow;

use payone_types::Charset;

/// The fields of one answer, in the order the platform writes them (`status` first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answer {
    fields: Vec<(Cow<'static, str>, String)>,
}

impl Answer {
    /// An answer with `status` only.
    pub(crate) fn status(status: &str) -> Self {
        Answer {
            fields: vec![(Cow::Borrowed("status"), status.to_owned())],
        }
    }

    /// Appends a field. Names are the platform's, most of them literals; numbered ones such as
    /// `add_paydata[installment_option_id_0]` are built.
    pub(crate) fn with(mut self, name: impl Into<Cow<'static, str>>, value: impl ToString) -> Self {
        self.fields.push((name.into(), value.to_string()));
        self
    }

    /// The value of a field.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The Server API body: one `name=value` line per field, each ending in `\n`, in `charset`.
    ///
    /// Line breaks inside a value become spaces: an error message quotes parameter *names* from
    /// the request, and a name with a newline must not forge a line such as `status=APPROVED`.
    pub(crate) fn to_lines(&self, charset: Charset) -> Vec<u8> {
        let mut text = String::new();
        for (name, value) in &self.fields {
            text.push_str(name);
            text.push('=');
            text.extend(value.chars().map(|c| match c {
                '\r' | '\n' => ' ',
                c => c,
            }));
            text.push('\n');
        }
        encode(&text, charset)
    }

    /// The Client API's `responsetype=JSON` body: one object, every value a string.
    pub(crate) fn to_json(&self) -> String {
        let object: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(n, v)| (n.to_string(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(object).to_string()
    }

    /// `url` with the fields appended as query parameters (`responsetype=REDIRECT`).
    pub(crate) fn append_to_url(&self, url: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.fields {
            query.append_pair(name, value);
        }
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}{}", query.finish())
    }
}

/// `text` in `charset`.
///
/// Answers carry only ASCII, the names of the request's own parameters and values decoded from
/// the request in the same charset, so every character fits; should one not, its UTF-8 bytes are
/// sent rather than a silent `?`.
pub(crate) fn encode(text: &str, charset: Charset) -> Vec<u8> {
    match charset.encode(text) {
        Some(bytes) => bytes.into_owned(),
        None => text.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_json_and_redirect_query() {
        let a = Answer::status("VALID").with("cardtype", "V");
        assert_eq!(a.to_lines(Charset::Utf8), b"status=VALID\ncardtype=V\n");
        // Fields in answer order (serde_json keeps insertion order: `preserve_order`).
        assert_eq!(a.to_json(), r#"{"status":"VALID","cardtype":"V"}"#);
        assert_eq!(
            a.append_to_url("https://shop.example/ok?order=1"),
            "https://shop.example/ok?order=1&status=VALID&cardtype=V"
        );
        assert_eq!(a.get("cardtype"), Some("V"));
    }

    #[test]
    fn a_newline_cannot_forge_a_line() {
        let a = Answer::status("ERROR").with("errormessage", "Parameter {x\nstatus=APPROVED}");
        assert_eq!(
            a.to_lines(Charset::Latin1),
            b"status=ERROR\nerrormessage=Parameter {x status=APPROVED}\n"
        );
    }

    #[test]
    fn latin1_answers_are_latin1_bytes() {
        let a = Answer::status("ERROR").with("errormessage", "Parameter {straße}");
        assert_eq!(
            a.to_lines(Charset::Latin1),
            b"status=ERROR\nerrormessage=Parameter {stra\xdfe}\n"
        );
    }
}
