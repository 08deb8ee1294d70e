//! The sandbox's test buyer, whom the wallets' helper calls (PayPal Express details, Amazon Pay
//! checkout session) answer with.

use crate::answer::Answer;

/// The test buyer's e-mail.
pub(crate) const EMAIL: &str = "buyer@example.test";

/// `answer` with the test buyer's address as `add_paydata[{prefix}_firstname]`, `_lastname`,
/// `_street`, `_zip`, `_city`, `_country`.
pub(crate) fn address(answer: Answer, prefix: &str) -> Answer {
    [
        ("firstname", "Erika"),
        ("lastname", "Mustermann"),
        ("street", "Hellersbergstr. 14"),
        ("zip", "41460"),
        ("city", "Neuss"),
        ("country", "DE"),
    ]
    .into_iter()
    .fold(answer, |answer, (field, value)| {
        answer.with(format!("add_paydata[{prefix}_{field}]"), value)
    })
}
