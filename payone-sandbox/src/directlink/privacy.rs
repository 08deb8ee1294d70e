//! `POST /ncol/test/privacy-policy.asp`: the privacy information to show the customer (the
//! DirectLink guide section 7), as the `<Response>` XML of section 7.2.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::request::{self, DlRequest, Page};
use super::xml::escape;
use super::xml_answer;
use crate::app::App;

/// The brands the sandbox account has active, in the order the text lists them.
pub(crate) const ACTIVE_BRANDS: [&str; 3] = ["VISA", "MasterCard", "American Express"];

/// The handler.
pub(crate) async fn handle(State(app): State<Arc<App>>, body: Bytes) -> Response {
    app.count_request(Page::Privacy.counter());
    let xml = match DlRequest::decode(&body) {
        Err(refused) => error("InternalServerError", &refused.message()),
        Ok(request) => answer(&app, &request),
    };
    xml_answer(xml)
}

fn answer(app: &App, request: &DlRequest) -> String {
    if let Err(refused) = request::check(request, &app.accounts.directlink, Page::Privacy) {
        return error("Unauthorized", &refused.message());
    }
    let english = !request
        .get("LANGUAGE")
        .is_some_and(|l| l.eq_ignore_ascii_case("de"));
    match brands(request.all("BRAND")) {
        None => no_content(),
        Some(brands) => success(&brands, english),
    }
}

/// The active brands asked for, in [`ACTIVE_BRANDS`] order: every active brand when no
/// well-formed `BRAND` was sent (empty and malformed ones are ignored, the DirectLink guide section
/// 7.1.2); `None` when only brands without anything to disclose were asked for.
fn brands<'a>(sent: impl Iterator<Item = &'a str>) -> Option<Vec<&'static str>> {
    let well_formed: Vec<&str> = sent
        .map(str::trim)
        .filter(|b| {
            (1..=40).contains(&b.len())
                && b.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        })
        .collect();
    if well_formed.is_empty() {
        return Some(ACTIVE_BRANDS.to_vec());
    }
    let chosen: Vec<&'static str> = ACTIVE_BRANDS
        .into_iter()
        .filter(|active| well_formed.iter().any(|b| b.eq_ignore_ascii_case(active)))
        .collect();
    (!chosen.is_empty()).then_some(chosen)
}

/// `Status` Success with the text in two sections, the second naming the brands.
fn success(brands: &[&str], english: bool) -> String {
    let (t1, c1, t2, c2) = if english {
        (
            "Data controller",
            "The merchant is the controller of the personal data you enter for this payment; \
             the payment platform processes them on the merchant's behalf. (PAYONE sandbox: \
             a test emulation, nothing is processed.)",
            "Card payment",
            "Your card data are passed to the card scheme and the acquirer to authorise and \
             settle the payment, and may be checked for fraud.",
        )
    } else {
        (
            "Verantwortlicher",
            "Der Händler ist Verantwortlicher für die personenbezogenen Daten, die Sie für \
             diese Zahlung eingeben; die Zahlungsplattform verarbeitet sie in seinem Auftrag. \
             (PAYONE-Sandbox: eine Testemulation, es wird nichts verarbeitet.)",
            "Kartenzahlung",
            "Ihre Kartendaten werden zur Autorisierung und Abrechnung der Zahlung an das \
             Kartensystem und den Acquirer weitergegeben und können auf Betrug geprüft werden.",
        )
    };
    // The texts and brand names are the sandbox's own: no `]]>` can end the CDATA early.
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response>\n<Status>Success</Status>\n\
         <Body>\n<Html><![CDATA[<ul><li><h2>{t1}</h2><p>{c1}</p></li>\
         <li><h2>{t2} ({brands})</h2><p>{c2}</p></li></ul>]]></Html>\n</Body>\n</Response>\n",
        brands = brands.join(", "),
    )
}

/// `SuccessWithWarnings` / `NoContent`: nothing to disclose (the guide's first example).
fn no_content() -> String {
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response>\n<Status>SuccessWithWarnings</Status>\n\
     <Warnings>\n<Warning>\n<Code>NoContent</Code>\n</Warning>\n</Warnings>\n\
     <Body>\n<Html/>\n</Body>\n</Response>\n"
        .to_owned()
}

/// `Status` Error with one `Error` (`Unauthorized` or `InternalServerError`).
fn error(code: &str, message: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response>\n<Status>Error</Status>\n\
         <Errors>\n<Error>\n<Code>{code}</Code>\n<Message>{}</Message>\n</Error>\n</Errors>\n\
         </Response>\n",
        escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_chosen_ignored_or_without_content() {
        assert_eq!(brands([].into_iter()), Some(ACTIVE_BRANDS.to_vec()));
        assert_eq!(
            brands(["visa", "", "<script>"].into_iter()),
            Some(vec!["VISA"])
        );
        assert_eq!(brands(["iDEAL"].into_iter()), None);
        assert_eq!(
            brands(["American Express", "VISA"].into_iter()),
            Some(vec!["VISA", "American Express"])
        );
    }
}
