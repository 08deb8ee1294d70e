//! The `<ncresponse>` answer of `orderdirect.asp`, `maintenancedirect.asp` and
//! `querydirect.asp` (DirectLink guide, sections 4, 5.2, 6.2, 6.2.1), read tolerantly (section
//! 2.4).

use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::answer_error::AnswerError;
use super::attributes::Attributes;
use super::ncerror::NcError;
use super::redact::{Masked, Redacted};
use super::status::Status;
use super::xml;

/// An `<ncresponse>`: its well-known attributes typed, and every attribute kept as received.
///
/// Attribute names are matched in any case (`orderID`, `ORDERID`, `orderid`), in any order;
/// unknown attributes (`SessionID`, paramplus content, ...) stay in [`NcResponse::attributes`].
/// The element may sit inside a root element (`WITHROOT=Y`), after an XML declaration or
/// none. An empty attribute reads as absent (`None`).
///
/// One attribute that cannot be read (a `STATUS` or `PAYID` that is not a number, an
/// `HTML_ANSWER` that is not base64) does not cost the others: its typed accessor reads `None`,
/// its raw value stays in [`NcResponse::attributes`], and [`NcResponse::problems`] says what was
/// wrong with it.
///
/// `Debug` shows `CARDNO` only as the platform masks it (a direct-debit answer may carry the
/// account number or IBAN there, the DirectLink guide, sections 8.1.2 and 8.1.3), never `IP`, and
/// the values of sensitive attributes (`MANDATEID`, `IBAN`, `ED`, `CN`, ...) as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct NcResponse {
    orderid: Option<String>,
    payid: Option<String>,
    payidsub: Option<String>,
    ncstatus: Option<u32>,
    ncerror: Option<NcError>,
    ncerrorplus: Option<String>,
    acceptance: Option<String>,
    status: Option<Status>,
    amount: Option<String>,
    currency: Option<String>,
    pm: Option<String>,
    brand: Option<String>,
    cardno: Option<String>,
    eci: Option<String>,
    ip: Option<String>,
    complus: Option<String>,
    html_answer: Option<String>,
    attributes: Attributes,
    problems: Vec<AnswerError>,
}

impl std::fmt::Debug for NcResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("NcResponse");
        debug
            .field("orderid", &self.orderid)
            .field("payid", &self.payid)
            .field("payidsub", &self.payidsub)
            .field("ncstatus", &self.ncstatus)
            .field("ncerror", &self.ncerror)
            .field("ncerrorplus", &self.ncerrorplus)
            .field("acceptance", &self.acceptance)
            .field("status", &self.status)
            .field("amount", &self.amount)
            .field("currency", &self.currency)
            .field("pm", &self.pm)
            .field("brand", &self.brand)
            .field("cardno", &Masked(self.cardno.as_deref()))
            .field("eci", &self.eci)
            .field("ip", &Redacted(self.ip.is_some()))
            .field("complus", &self.complus)
            .field("html_answer", &self.html_answer)
            .field("attributes", &self.attributes);
        // Listed only when there are some, so a well-formed answer prints as before.
        if !self.problems.is_empty() {
            debug.field("problems", &self.problems);
        }
        debug.finish()
    }
}

/// base64 as `HTML_ANSWER` carries it: standard alphabet, padding optional.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

impl NcResponse {
    /// Reads an answer body (UTF-8, or ISO-8859-1 when it says so or is not UTF-8).
    pub fn parse(body: &[u8]) -> Result<NcResponse, AnswerError> {
        NcResponse::parse_with_content_type(body, None)
    }

    /// Reads an answer body whose HTTP `Content-Type` may name its charset.
    pub fn parse_with_content_type(
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<NcResponse, AnswerError> {
        let text = xml::decode(body, content_type);
        let roots = xml::parse(&text)?;
        let element = xml::innermost(&roots, "ncresponse").ok_or(AnswerError::NoNcResponse)?;
        NcResponse::from_element(element)
    }

    fn from_element(element: &xml::Element) -> Result<NcResponse, AnswerError> {
        let attributes = Attributes::new(element.attributes.clone());
        let mut problems = Vec::new();
        let text = |name: &str| {
            attributes
                .get(name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        // A value that does not read is recorded and left out, so the rest of the answer (the
        // PAYID of an order that may exist, say) stays usable.
        let mut checked = |name: &'static str, reads: fn(&str) -> bool| {
            let value = text(name)?;
            if reads(&value) {
                Some(value)
            } else {
                problems.push(AnswerError::NotANumber(name));
                None
            }
        };
        let digits = |v: &str| v.bytes().all(|b| b.is_ascii_digit());
        let orderid = text("orderID");
        let payid = checked("PAYID", digits);
        let payidsub = checked("PAYIDSUB", digits);
        let number = |value: Option<String>| value.and_then(|v| v.parse::<u32>().ok());
        let ncstatus = number(checked("NCSTATUS", is_u32));
        let ncerror = number(checked("NCERROR", is_u32)).and_then(NcError::from_code);
        let status = number(checked("STATUS", is_u32)).map(Status::from_code);
        let amount = checked("amount", is_amount);
        // Carried as a child element in the platform's 3-D Secure answers; read as an
        // attribute too.
        let html_answer = element
            .child("HTML_ANSWER")
            .map(|child| child.text.clone())
            .or_else(|| attributes.get("HTML_ANSWER").map(str::to_owned))
            .and_then(|encoded| match decode_html_answer(&encoded) {
                Ok(html) => Some(html),
                Err(problem) => {
                    problems.push(problem);
                    None
                }
            });
        Ok(NcResponse {
            orderid,
            payid,
            payidsub,
            ncstatus,
            ncerror,
            ncerrorplus: text("NCERRORPLUS"),
            acceptance: text("ACCEPTANCE"),
            status,
            amount,
            currency: text("currency"),
            pm: text("PM"),
            brand: text("BRAND"),
            cardno: text("CARDNO"),
            eci: text("ECI"),
            ip: text("IP"),
            complus: text("COMPLUS"),
            html_answer,
            attributes,
            problems,
        })
    }

    /// `orderID`: the merchant's order reference.
    pub fn orderid(&self) -> Option<&str> {
        self.orderid.as_deref()
    }

    /// `PAYID`: the payment's reference in the platform (`None` when it is not a number; see
    /// [`NcResponse::problems`]).
    pub fn payid(&self) -> Option<&str> {
        self.payid.as_deref()
    }

    /// `PAYIDSUB`: the history level of the maintenance operation.
    pub fn payidsub(&self) -> Option<&str> {
        self.payidsub.as_deref()
    }

    /// `NCSTATUS`: the first digit of `NCERROR`.
    pub fn ncstatus(&self) -> Option<u32> {
        self.ncstatus
    }

    /// `NCERROR`, or `None` when it is empty or `0`.
    pub fn ncerror(&self) -> Option<NcError> {
        self.ncerror
    }

    /// `NCERRORPLUS`: the platform's explanation of `NCERROR`.
    pub fn ncerrorplus(&self) -> Option<&str> {
        self.ncerrorplus.as_deref()
    }

    /// `ACCEPTANCE`: the acquirer's acceptance code.
    pub fn acceptance(&self) -> Option<&str> {
        self.acceptance.as_deref()
    }

    /// `STATUS` (`None` when it is not a number; see [`NcResponse::problems`]).
    pub fn status(&self) -> Option<Status> {
        self.status
    }

    /// `amount`, as the platform writes it (not multiplied by 100, unlike the request); `None`
    /// when it is not a decimal number (see [`NcResponse::problems`]).
    pub fn amount(&self) -> Option<&str> {
        self.amount.as_deref()
    }

    /// `currency`.
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// `PM`: the payment method.
    pub fn pm(&self) -> Option<&str> {
        self.pm.as_deref()
    }

    /// `BRAND`: the card brand or a similar detail of other methods.
    pub fn brand(&self) -> Option<&str> {
        self.brand.as_deref()
    }

    /// `CARDNO`: the masked card number (query answers).
    pub fn cardno(&self) -> Option<&str> {
        self.cardno.as_deref()
    }

    /// `ECI`: the electronic commerce indicator.
    pub fn eci(&self) -> Option<&str> {
        self.eci.as_deref()
    }

    /// `IP`: the customer's IP address (query answers).
    pub fn ip(&self) -> Option<&str> {
        self.ip.as_deref()
    }

    /// `COMPLUS` (query answers about hosted payment page transactions).
    pub fn complus(&self) -> Option<&str> {
        self.complus.as_deref()
    }

    /// The base64-decoded `HTML_ANSWER` of a STATUS 46 answer: the HTML to show the customer
    /// for 3-D Secure identification. `None` when it could not be decoded: then
    /// [`NcResponse::problems`] says why.
    pub fn html_answer(&self) -> Option<&str> {
        self.html_answer.as_deref()
    }

    /// The attributes that could not be read, each naming the attribute (never its value): a
    /// numeric attribute that is not a number, an `HTML_ANSWER` that is not base64. Their typed
    /// accessors read `None`; the raw values stay in [`NcResponse::attributes`]. Empty for a
    /// well-formed answer.
    pub fn problems(&self) -> &[AnswerError] {
        &self.problems
    }

    /// The problem with the attribute `name` (any case), if it could not be read.
    pub fn problem_with(&self, name: &str) -> Option<&AnswerError> {
        self.problems.iter().find(|p| match p {
            AnswerError::NotANumber(attribute) => attribute.eq_ignore_ascii_case(name),
            AnswerError::HtmlAnswer => name.eq_ignore_ascii_case("HTML_ANSWER"),
            _ => false,
        })
    }

    /// Every attribute as received, in order, unknown ones included.
    pub fn attributes(&self) -> &Attributes {
        &self.attributes
    }

    /// Whether the answer names an existing payment: a `PAYID` other than `0`.
    pub fn has_payment(&self) -> bool {
        self.payid
            .as_deref()
            .is_some_and(|p| p.bytes().any(|b| b != b'0'))
    }
}

fn is_u32(value: &str) -> bool {
    value.parse::<u32>().is_ok()
}

/// `15`, `15.5`, `-1.00`: the amounts the platform writes in answers.
fn is_amount(value: &str) -> bool {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (units, cents) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(units) && digits(cents)
}

fn decode_html_answer(encoded: &str) -> Result<String, AnswerError> {
    let compact: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = BASE64
        .decode(compact.as_bytes())
        .map_err(|_| AnswerError::HtmlAnswer)?;
    Ok(match String::from_utf8(bytes) {
        Ok(html) => html,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}
