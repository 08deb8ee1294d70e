//! Writing DirectLink answers: the `<ncresponse .../>` element of the DirectLink guide, sections 4,
//! 5.2 and 6.2 (attributes in the guide's order and spelling) and the refusals every page shares.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// `NCERROR` 50001111: data validation error (a parameter missing or malformed).
pub(crate) const DATA_VALIDATION: u32 = 50001111;
/// `NCERROR` 50001113: the ORDERID was already processed (DirectLink guide, section 4.1).
pub(crate) const ALREADY_PROCESSED: u32 = 50001113;
/// `NCERROR` 50001119: PSPID, USERID or PSWD wrong (the sandbox's own code: the DirectLink guide
/// prints the platform's message for a refused origin, "unknown order/1/i", but no code).
pub(crate) const CREDENTIALS: u32 = 50001119;
/// `NCERROR` 50001127: the order is not in a status that allows the maintenance (the DirectLink
/// guide section 5.3).
pub(crate) const NOT_IN_CORRECT_STATUS: u32 = 50001127;
/// `NCERROR` 50001130: no order with that ORDERID / PAYID (/ PAYIDSUB).
pub(crate) const UNKNOWN_ORDER: u32 = 50001130;
/// `NCERROR` 50001184: the SHA-IN signature is missing or does not match.
pub(crate) const SHA_MISMATCH: u32 = 50001184;
/// `NCERROR` 30001001: the acquirer refused the authorisation (amount trigger).
pub(crate) const REFUSED_BY_ACQUIRER: u32 = 30001001;

/// Why a DirectLink request is answered with an `NCERROR` before anything happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// 50001111: `param` is missing or breaks `rule` (never the value).
    Invalid {
        /// The parameter, upper-cased.
        param: String,
        /// What is wrong with it.
        rule: String,
    },
    /// 50001119: the credentials are not the account's.
    Credentials(&'static str),
    /// 50001184: `unknown order/0/s` (no SHASIGN) or `unknown order/1/s` (mismatch).
    Sha(&'static str),
}

impl Refused {
    /// A missing or malformed parameter.
    pub(crate) fn invalid(param: impl Into<String>, rule: impl ToString) -> Self {
        Refused::Invalid {
            param: param.into(),
            rule: rule.to_string(),
        }
    }

    /// The `NCERROR`.
    pub(crate) fn code(&self) -> u32 {
        match self {
            Refused::Invalid { .. } => DATA_VALIDATION,
            Refused::Credentials(_) => CREDENTIALS,
            Refused::Sha(_) => SHA_MISMATCH,
        }
    }

    /// The `NCERRORPLUS`: names, never values.
    pub(crate) fn message(&self) -> String {
        match self {
            Refused::Invalid { param, rule } => format!("{param}: {rule}"),
            Refused::Credentials(message) | Refused::Sha(message) => (*message).to_owned(),
        }
    }
}

/// One `<ncresponse>`: attributes in order, and the `HTML_ANSWER` child of a STATUS 46 answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NcResponse {
    attributes: Vec<(&'static str, String)>,
    html_answer: Option<String>,
}

impl NcResponse {
    /// An answer without attributes yet.
    pub(crate) fn new() -> Self {
        NcResponse::default()
    }

    /// Appends an attribute.
    pub(crate) fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.attributes.push((name, value.to_string()));
        self
    }

    /// Sets the HTML to show for 3-D Secure; written base64-encoded as the `HTML_ANSWER`
    /// child element.
    pub(crate) fn with_html_answer(mut self, html: &str) -> Self {
        self.html_answer = Some(html.to_owned());
        self
    }

    /// The value of an attribute (for tests).
    #[cfg(test)]
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// An error answer: `orderID`, `PAYID` (0 when there is none), `NCSTATUS` (the first digit
    /// of `NCERROR`), `NCERROR`, `NCERRORPLUS`, `ACCEPTANCE` and `STATUS` 0, then empty
    /// `amount` and `currency`.
    pub(crate) fn error(orderid: &str, payid: &str, ncerror: u32, message: &str) -> Self {
        NcResponse::new()
            .with("orderID", orderid)
            .with("PAYID", payid)
            .with("NCSTATUS", ncstatus(ncerror))
            .with("NCERROR", ncerror)
            .with("NCERRORPLUS", message)
            .with("ACCEPTANCE", "")
            .with("STATUS", 0)
            .with("amount", "")
            .with("currency", "")
    }

    /// The error answer of a refusal.
    pub(crate) fn refused(orderid: &str, refused: &Refused) -> Self {
        NcResponse::error(orderid, "0", refused.code(), &refused.message())
    }

    /// The XML document: `<?xml version="1.0"?>` and the element; with `withroot` (request
    /// parameter `WITHROOT=Y`) wrapped in a root element `<ncresponse>`, as the client's
    /// tolerant reader expects.
    pub(crate) fn to_xml(&self, withroot: bool) -> String {
        let mut xml = String::from("<?xml version=\"1.0\"?>");
        if withroot {
            xml.push_str("<ncresponse>");
        }
        xml.push_str("<ncresponse");
        for (name, value) in &self.attributes {
            xml.push('\n');
            xml.push_str(name);
            xml.push_str("=\"");
            xml.push_str(&escape(value));
            xml.push('"');
        }
        match &self.html_answer {
            None => xml.push_str("/>"),
            Some(html) => {
                xml.push_str(">\n<HTML_ANSWER>");
                xml.push_str(&STANDARD.encode(html.as_bytes()));
                xml.push_str("</HTML_ANSWER>\n</ncresponse>");
            }
        }
        if withroot {
            xml.push_str("</ncresponse>");
        }
        xml.push('\n');
        xml
    }
}

/// `NCSTATUS`: the first digit of `NCERROR` (0 for none).
pub(crate) fn ncstatus(ncerror: u32) -> u32 {
    let mut n = ncerror;
    while n >= 10 {
        n /= 10;
    }
    n
}

/// `s` safe inside a double-quoted attribute or element text.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks inside attributes would be normalised to spaces by XML readers anyway.
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An amount in cents written as the answers write it, not multiplied by 100: `1500` is
/// `15`, `1550` is `15.5`, `1234` is `12.34`.
pub(crate) fn major_units(cents: u64) -> String {
    match cents % 100 {
        0 => format!("{}", cents / 100),
        rest if rest % 10 == 0 => format!("{}.{}", cents / 100, rest / 10),
        rest => format!("{}.{rest:02}", cents / 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_shape_with_escaped_values() {
        let xml = NcResponse::new()
            .with("orderID", "a\"<&>")
            .with("STATUS", 5)
            .to_xml(false);
        assert_eq!(
            xml,
            "<?xml version=\"1.0\"?><ncresponse\norderID=\"a&quot;&lt;&amp;&gt;\"\nSTATUS=\"5\"/>\n"
        );
        let wrapped = NcResponse::new().with("STATUS", 0).to_xml(true);
        assert!(wrapped.contains("<ncresponse><ncresponse\nSTATUS=\"0\"/></ncresponse>"));
    }

    #[test]
    fn html_answer_is_a_base64_child() {
        let xml = NcResponse::new()
            .with("STATUS", 46)
            .with_html_answer("<form></form>")
            .to_xml(false);
        assert!(
            xml.contains("<HTML_ANSWER>PGZvcm0+PC9mb3JtPg==</HTML_ANSWER>"),
            "{xml}"
        );
    }

    #[test]
    fn amounts_and_ncstatus() {
        assert_eq!(major_units(1500), "15");
        assert_eq!(major_units(1550), "15.5");
        assert_eq!(major_units(1234), "12.34");
        assert_eq!(major_units(5), "0.05");
        assert_eq!(ncstatus(50001111), 5);
        assert_eq!(ncstatus(30001001), 3);
        assert_eq!(ncstatus(0), 0);
    }

    #[test]
    fn refusals_name_parameters_only() {
        let refused = Refused::invalid("CVC", payone_types::Rule::Missing);
        let answer = NcResponse::refused("order-1", &refused);
        assert_eq!(answer.get("NCERROR"), Some("50001111"));
        assert_eq!(
            answer.get("NCERRORPLUS"),
            Some("CVC: required parameter is missing")
        );
        assert_eq!(answer.get("STATUS"), Some("0"));
        assert_eq!(answer.get("NCSTATUS"), Some("5"));
    }
}
