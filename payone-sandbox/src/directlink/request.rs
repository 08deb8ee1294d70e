//! Reading and checking a DirectLink request before it is executed: the UTF-8 form body,
//! the account (`PSPID`, `USERID`, `PSWD`), the SHA-IN signature and the parameters.

use payone_types::charset::split_form;
use payone_types::directlink::{SHASIGN, ShaList, verify_sha_in};
use payone_types::dynamic::validate;
use payone_types::generated::REQUESTS;
use payone_types::request::RequestEntry;
use payone_types::{Api, Condition, ParamInfo, Rule};

use super::xml::Refused;
use crate::config::DirectLinkAccount;

/// The four DirectLink pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Page {
    /// `orderdirect.asp`.
    Order,
    /// `maintenancedirect.asp`.
    Maintenance,
    /// `querydirect.asp`.
    Query,
    /// `privacy-policy.asp`.
    Privacy,
}

impl Page {
    /// The key of the page's counter in `/sandbox/requests`.
    pub(crate) fn counter(self) -> &'static str {
        match self {
            Page::Order => "directlink.orderdirect",
            Page::Maintenance => "directlink.maintenancedirect",
            Page::Query => "directlink.querydirect",
            Page::Privacy => "directlink.privacy-policy",
        }
    }

    /// The page a DirectLink table names by its request name: the name with everything but
    /// letters and digits removed, lower-cased, starting with `order`, `maintenance`, `query`
    /// or `privacy` (`orderdirect`, `orderdirect.asp`, `maintenance_direct`, `privacy-policy`).
    fn of_table(name: &str) -> Option<Page> {
        let name: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        [
            ("order", Page::Order),
            ("maintenance", Page::Maintenance),
            ("query", Page::Query),
            ("privacy", Page::Privacy),
        ]
        .into_iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|(_, page)| page)
    }
}

/// The decoded parameters of one request: names upper-cased (DirectLink names are not case
/// sensitive, and the signature upper-cases them too), values as sent, in order.
///
/// `Debug` shows the names only: values include `PSWD`, `CARDNO` and `CVC`.
#[derive(Clone, Default)]
pub(crate) struct DlRequest {
    pub(crate) pairs: Vec<(String, String)>,
}

impl std::fmt::Debug for DlRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DlRequest")
            .field(
                "names",
                &self
                    .pairs
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl DlRequest {
    /// Decodes an `application/x-www-form-urlencoded` UTF-8 body. A name or value that is not
    /// UTF-8 is refused naming the parameter.
    pub(crate) fn decode(body: &[u8]) -> Result<DlRequest, Refused> {
        let mut pairs = Vec::new();
        for (name, value) in split_form(body) {
            let printable = String::from_utf8_lossy(&name).to_ascii_uppercase();
            let not_utf8 = || Refused::invalid(printable.clone(), "not valid UTF-8");
            let name = String::from_utf8(name).map_err(|_| not_utf8())?;
            let value = String::from_utf8(value).map_err(|_| not_utf8())?;
            if name.trim().is_empty() {
                continue;
            }
            pairs.push((name.to_ascii_uppercase(), value));
        }
        Ok(DlRequest { pairs })
    }

    /// The first value of `name` (upper case) unless it is empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Every value of `name` (upper case), empty ones included.
    pub(crate) fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.pairs
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `ORDERID` as sent (empty when absent), for error answers.
    pub(crate) fn orderid(&self) -> &str {
        self.get("ORDERID").unwrap_or_default()
    }

    /// Whether `WITHROOT=Y` asks for a root element around the answer.
    pub(crate) fn withroot(&self) -> bool {
        self.get("WITHROOT")
            .is_some_and(|v| v.eq_ignore_ascii_case("Y"))
    }
}

/// Every check before a request of `page` is executed, in the documented order: names sent
/// twice (except `BRAND` on the privacy page), the account, the SHA-IN signature (required on
/// orders and maintenance, checked when sent elsewhere), then the parameters: the generated
/// table of the page when `payone-types` has one (not for the privacy page, which ignores
/// what it cannot use), then the checks the sandbox needs to execute the request.
pub(crate) fn check(
    request: &DlRequest,
    account: &DirectLinkAccount,
    page: Page,
) -> Result<(), Refused> {
    check_duplicates(request, page)?;
    check_account(request, account)?;
    check_sha(
        request,
        account,
        matches!(page, Page::Order | Page::Maintenance),
    )?;
    if page != Page::Privacy
        && let Some(rows) = table(REQUESTS, page)
    {
        check_table(&rows, rules(REQUESTS, page), request, page)?;
    }
    check_builtin(request, page)
}

fn check_duplicates(request: &DlRequest, page: Page) -> Result<(), Refused> {
    let mut seen = std::collections::BTreeSet::new();
    for (name, _) in &request.pairs {
        if page == Page::Privacy && name == "BRAND" {
            continue;
        }
        if !seen.insert(name.as_str()) {
            return Err(Refused::invalid(name.clone(), Rule::Duplicate));
        }
    }
    Ok(())
}

/// `PSPID`, `USERID`, `PSWD`: present (else 50001111), the account's (else 50001119). The user
/// and the password are both compared before answering, so the time taken does not tell
/// which was wrong; the password in constant time.
fn check_account(request: &DlRequest, account: &DirectLinkAccount) -> Result<(), Refused> {
    let mut sent = [""; 3];
    for (slot, name) in sent.iter_mut().zip(["PSPID", "USERID", "PSWD"]) {
        *slot = request
            .get(name)
            .ok_or_else(|| Refused::invalid(name, Rule::Missing))?;
    }
    let [pspid, userid, pswd] = sent;
    if pspid != account.pspid {
        return Err(Refused::Credentials("PSPID not found or not active"));
    }
    let user = userid == account.userid;
    let password = account.pswd.matches(pswd);
    if user & password {
        Ok(())
    } else {
        Err(Refused::Credentials("USERID or PSWD incorrect"))
    }
}

/// SHA-IN over every parameter but `SHASIGN` ([`ShaList::All`]), compared in constant time.
fn check_sha(
    request: &DlRequest,
    account: &DirectLinkAccount,
    required: bool,
) -> Result<(), Refused> {
    if request.get(SHASIGN).is_none_or(|s| s.trim().is_empty()) {
        return if required {
            Err(Refused::Sha("unknown order/0/s"))
        } else {
            Ok(())
        };
    }
    verify_sha_in(
        &request.pairs,
        &account.sha_in,
        account.sha_algorithm,
        &ShaList::All,
    )
    .map_err(|_| Refused::Sha("unknown order/1/s"))
}

/// The conditional rules of the generated DirectLink table of `page` (none without a table).
pub(crate) fn rules(entries: &[RequestEntry], page: Page) -> &'static [Condition] {
    entries
        .iter()
        .filter(|e| e.api == Api::Directlink)
        .find(|e| Page::of_table(e.name) == Some(page))
        .map_or(&[], |e| e.rules)
}

/// The rows of the generated DirectLink table of `page`, if `entries` hold one.
pub(crate) fn table(entries: &[RequestEntry], page: Page) -> Option<Vec<&'static ParamInfo>> {
    entries
        .iter()
        .filter(|e| e.api == Api::Directlink)
        .find(|e| Page::of_table(e.name) == Some(page))
        .map(|e| (e.params)())
}

/// The table's verdict: its first violation, leaving out parameters the table does not list
/// (the platform's list is longer for accounts with options, the DirectLink guide, section 3.2) and
/// `SHASIGN` (checked above). Names are matched to the table's spelling in any case. An order
/// without `PM` is checked as `PM=CreditCard`: the 3.2 table has no PM row, its card rows are
/// the credit-card values (DirectLink guide, section 8).
pub(crate) fn check_table(
    rows: &[&ParamInfo],
    rules: &'static [Condition],
    request: &DlRequest,
    page: Page,
) -> Result<(), Refused> {
    let mut input: Vec<(String, String)> = request
        .pairs
        .iter()
        .map(|(name, value)| {
            let spelled = rows
                .iter()
                .find(|r| r.name.eq_ignore_ascii_case(name))
                .map_or_else(|| name.clone(), |r| r.name.to_owned());
            (spelled, value.clone())
        })
        .collect();
    if page == Page::Order && request.get("PM").is_none() && rows.iter().any(|r| r.name == "PM") {
        input.retain(|(name, _)| name != "PM");
        input.push(("PM".to_owned(), CREDIT_CARD.to_owned()));
    }
    for violation in validate(rows, rules, &input) {
        let param = violation.param.to_ascii_uppercase();
        if violation.rule == Rule::Unknown || param == SHASIGN {
            continue;
        }
        return Err(Refused::invalid(param, violation.rule));
    }
    Ok(())
}

/// The payment method the sandbox executes.
pub(crate) const CREDIT_CARD: &str = "CreditCard";

/// The checks the sandbox needs to execute a request, with or without a table: the DirectLink guide
/// section 3.2's mandatory order parameters and their formats, the order reference of
/// maintenance and queries, the operation codes.
fn check_builtin(request: &DlRequest, page: Page) -> Result<(), Refused> {
    match page {
        Page::Order => {
            if request.get("PM").is_some_and(|pm| pm != CREDIT_CARD) {
                return Err(Refused::invalid(
                    "PM",
                    "the sandbox executes credit card orders only (PM=CreditCard)",
                ));
            }
            for name in ["ORDERID", "AMOUNT", "CURRENCY", "CARDNO", "ED", "CVC"] {
                let value = request
                    .get(name)
                    .ok_or_else(|| Refused::invalid(name, Rule::Missing))?;
                format(name, value).map_err(|rule| Refused::invalid(name, rule))?;
            }
            if let Some(operation) = request.get("OPERATION") {
                super::store::OrderOperation::parse(operation)?;
            }
            Ok(())
        }
        Page::Maintenance => {
            reference(request)?;
            let operation = request
                .get("OPERATION")
                .ok_or_else(|| Refused::invalid("OPERATION", Rule::Missing))?;
            if super::store::parse_operation(operation).is_none() {
                return Err(Refused::invalid(
                    "OPERATION",
                    payone_types::Rule::UnknownValue(super::store::Operation::VALUES),
                ));
            }
            for name in ["AMOUNT", "CURRENCY"] {
                if let Some(value) = request.get(name) {
                    format(name, value).map_err(|rule| Refused::invalid(name, rule))?;
                }
            }
            Ok(())
        }
        Page::Query => {
            reference(request)?;
            if let Some(sub) = request.get("PAYIDSUB")
                && !digits(sub, 9)
            {
                return Err(Refused::invalid("PAYIDSUB", "must have 1 to 9 digits"));
            }
            Ok(())
        }
        Page::Privacy => Ok(()),
    }
}

/// `PAYID` (digits) or `ORDERID`: one of them is needed to find the order.
fn reference(request: &DlRequest) -> Result<(), Refused> {
    match (request.get("PAYID"), request.get("ORDERID")) {
        (Some(payid), _) if !digits(payid, 19) => {
            Err(Refused::invalid("PAYID", "must have 1 to 19 digits"))
        }
        (Some(_), _) => Ok(()),
        (None, Some(orderid)) => {
            format("ORDERID", orderid).map_err(|rule| Refused::invalid("ORDERID", rule))
        }
        (None, None) => Err(Refused::invalid(
            "PAYID",
            "required parameter is missing (or ORDERID)",
        )),
    }
}

fn digits(value: &str, max: usize) -> bool {
    (1..=max).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
}

/// The formats of the DirectLink guide, section 3.2 for the parameters the sandbox reads.
fn format(name: &str, value: &str) -> Result<(), String> {
    let chars = value.chars().count();
    let length = |max: usize| {
        if chars <= max {
            Ok(())
        } else {
            Err(format!("must be 1 to {max} characters long"))
        }
    };
    match name {
        "ORDERID" => length(40),
        "AMOUNT" if digits(value, 15) => Ok(()),
        "AMOUNT" => Err("must have 1 to 15 digits (the amount multiplied by 100)".to_owned()),
        "CURRENCY" if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
        "CURRENCY" => Err("must be an ISO 4217 code (3 capital letters)".to_owned()),
        "CARDNO" if value.bytes().all(|b| b.is_ascii_alphanumeric()) => length(21),
        "CARDNO" => Err("must be letters and digits only".to_owned()),
        "ED" if expiry(value) => Ok(()),
        "ED" => Err("must be MM/YY or MMYY".to_owned()),
        "CVC" if digits(value, 5) => Ok(()),
        "CVC" => Err("must have 1 to 5 digits".to_owned()),
        _ => Ok(()),
    }
}

/// `MM/YY` or `MMYY` with a month 01 to 12.
fn expiry(value: &str) -> bool {
    let compact = match value.len() {
        5 if value.as_bytes()[2] == b'/' => format!("{}{}", &value[..2], &value[3..]),
        4 => value.to_owned(),
        _ => return false,
    };
    compact.bytes().all(|b| b.is_ascii_digit()) && matches!(compact[..2].parse::<u8>(), Ok(1..=12))
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::directlink::{ShaPassphrase, sha_sign};

    fn request(pairs: &[(&str, &str)]) -> DlRequest {
        DlRequest {
            pairs: pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    fn signed(pairs: &[(&str, &str)]) -> DlRequest {
        let account = DirectLinkAccount::default();
        let mut request = request(pairs);
        let shasign = sha_sign(
            &request.pairs,
            &account.sha_in,
            account.sha_algorithm,
            &ShaList::All,
        );
        request.pairs.push((SHASIGN.to_owned(), shasign));
        request
    }

    const ORDER: [(&str, &str); 11] = [
        ("PSPID", "sandboxpspid"),
        ("USERID", "sandboxapi"),
        ("PSWD", "sandbox-password"),
        ("ORDERID", "order-1"),
        ("AMOUNT", "1500"),
        ("CURRENCY", "EUR"),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
        ("ED", "12/30"),
        ("CARDNO", "4111111111111111"),
        ("CVC", "123"),
    ];

    #[test]
    fn debug_shows_names_not_values() {
        let debug = format!("{:?}", request(&ORDER));
        assert!(debug.contains("\"CARDNO\""), "{debug}");
        for secret in ["sandbox-password", "4111111111111111", "123"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }

    #[test]
    fn bodies_are_utf8_with_names_upper_cased() {
        let request = DlRequest::decode(b"orderID=a%C3%9F&PSPID=x+y").unwrap();
        assert_eq!(request.get("ORDERID"), Some("aß"));
        assert_eq!(request.get("PSPID"), Some("x y"));
        let err = DlRequest::decode(b"cn=M%FCller").unwrap_err();
        assert_eq!(err, Refused::invalid("CN", "not valid UTF-8"));
    }

    #[test]
    fn a_signed_complete_order_passes() {
        let account = DirectLinkAccount::default();
        assert_eq!(check(&signed(&ORDER), &account, Page::Order), Ok(()));
    }

    #[test]
    fn account_then_signature_then_parameters() {
        let account = DirectLinkAccount::default();
        let mut wrong_password = ORDER;
        wrong_password[2].1 = "guess";
        assert_eq!(
            check(&signed(&wrong_password), &account, Page::Order),
            Err(Refused::Credentials("USERID or PSWD incorrect"))
        );
        let mut tampered = signed(&ORDER);
        tampered.pairs[4].1 = "1".to_owned();
        assert_eq!(
            check(&tampered, &account, Page::Order),
            Err(Refused::Sha("unknown order/1/s"))
        );
        assert_eq!(
            check(&request(&ORDER), &account, Page::Order),
            Err(Refused::Sha("unknown order/0/s"))
        );
        let other = DirectLinkAccount {
            sha_in: ShaPassphrase::new("another passphrase"),
            ..DirectLinkAccount::default()
        };
        assert_eq!(
            check(&signed(&ORDER), &other, Page::Order),
            Err(Refused::Sha("unknown order/1/s"))
        );
        let without_cvc = signed(&ORDER[..10]);
        assert_eq!(
            check(&without_cvc, &account, Page::Order),
            Err(Refused::invalid("CVC", Rule::Missing))
        );
    }

    #[test]
    fn the_builtin_checks_without_a_table() {
        let order = request(&ORDER);
        assert_eq!(check_builtin(&order, Page::Order), Ok(()));
        assert_eq!(
            check_builtin(&request(&ORDER[..9]), Page::Order),
            Err(Refused::invalid("CARDNO", Rule::Missing))
        );
        let mut bad_expiry = ORDER;
        bad_expiry[8].1 = "13/30";
        assert_eq!(
            check_builtin(&request(&bad_expiry), Page::Order),
            Err(Refused::invalid("ED", "must be MM/YY or MMYY"))
        );
        let maintenance = request(&[("OPERATION", "SAS")]);
        assert_eq!(
            check_builtin(&maintenance, Page::Maintenance),
            Err(Refused::invalid(
                "PAYID",
                "required parameter is missing (or ORDERID)"
            ))
        );
        let capture = request(&[("PAYID", "400000001"), ("OPERATION", "XYZ")]);
        assert!(check_builtin(&capture, Page::Maintenance).is_err());
        let query = request(&[("PAYID", "4x")]);
        assert_eq!(
            check_builtin(&query, Page::Query),
            Err(Refused::invalid("PAYID", "must have 1 to 19 digits"))
        );
    }

    #[test]
    fn formats_of_section_3_2() {
        assert!(expiry("12/30") && expiry("0130") && !expiry("13/30") && !expiry("1/30"));
        assert!(format("AMOUNT", "15.00").is_err());
        assert!(format("CURRENCY", "eur").is_err());
        assert!(format("CVC", "123456").is_err());
        assert!(format("ORDERID", &"x".repeat(41)).is_err());
    }

    #[test]
    fn tables_are_found_by_their_request_name() {
        assert_eq!(Page::of_table("orderdirect"), Some(Page::Order));
        assert_eq!(
            Page::of_table("maintenancedirect.asp"),
            Some(Page::Maintenance)
        );
        assert_eq!(Page::of_table("querydirect"), Some(Page::Query));
        assert_eq!(Page::of_table("privacy-policy"), Some(Page::Privacy));
        assert_eq!(Page::of_table("RES"), None);
    }

    /// The generated DirectLink tables: found per page, unlisted parameters (3-D Secure)
    /// ignored, an order without PM checked as a card order, violations named.
    #[test]
    fn the_generated_tables_are_used_when_present() {
        let Some(rows) = table(REQUESTS, Page::Order) else {
            return; // no DirectLink table generated: the built-in checks apply alone
        };
        let mut order = request(&ORDER);
        order.pairs.push(("FLAG3D".to_owned(), "Y".to_owned()));
        order
            .pairs
            .push(("ACCEPTURL".to_owned(), "https://shop/ok".to_owned()));
        let rules = rules(REQUESTS, Page::Order);
        // The table's rules: a 3-D Secure order carries its return URLs and the browser data.
        assert!(matches!(
            check_table(&rows, rules, &order, Page::Order),
            Err(Refused::Invalid { param, .. }) if param == "DECLINEURL"
        ));
        for (name, value) in [
            ("DECLINEURL", "https://shop/ko"),
            ("HTTP_ACCEPT", "*/*"),
            ("HTTP_USER_AGENT", "Mozilla/5.0"),
            ("BROWSERACCEPTHEADER", "text/html"),
            ("BROWSERCOLORDEPTH", "24"),
            ("BROWSERJAVAENABLED", "false"),
            ("BROWSERLANGUAGE", "de-DE"),
            ("BROWSERSCREENHEIGHT", "1080"),
            ("BROWSERSCREENWIDTH", "1920"),
            ("BROWSERTIMEZONE", "-60"),
            ("BROWSERUSERAGENT", "Mozilla/5.0"),
        ] {
            order.pairs.push((name.to_owned(), value.to_owned()));
        }
        assert_eq!(check_table(&rows, rules, &order, Page::Order), Ok(()));
        order.pairs[4].1 = "15.00".to_owned();
        assert!(matches!(
            check_table(&rows, rules, &order, Page::Order),
            Err(Refused::Invalid { param, .. }) if param == "AMOUNT"
        ));
        assert!(table(REQUESTS, Page::Maintenance).is_some());
        assert!(table(REQUESTS, Page::Query).is_some());
        assert!(table(REQUESTS, Page::Privacy).is_some());
    }
}
