//! The card form of the v2 pages (hosted tokenization, hosted checkout, payment link): its
//! inputs, its fields as posted, and the checks every page makes of what the customer typed.
//! The reasons name fields, never values.

/// The number, expiry and CVC inputs, one paragraph each.
pub(crate) const CARD_INPUTS: &str = "<p><label>Card number <input name=\"cardNumber\" autocomplete=\"cc-number\"></label></p>\n\
     <p><label>Expiry (MMYY) <input name=\"expiryDate\" autocomplete=\"cc-exp\"></label></p>\n\
     <p><label>CVC <input name=\"cvv\" autocomplete=\"cc-csc\"></label></p>\n";

/// The form field `name` of a posted body, trimmed; `None` when absent or empty.
pub(crate) fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether `s` is all digits with a length in `lengths`.
pub(crate) fn digits(s: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `cardNumber`: 12 to 19 digits passing the Luhn check.
pub(crate) fn card_number(number: Option<String>) -> Result<String, &'static str> {
    let number = number.ok_or("cardNumber: missing")?;
    if !digits(&number, 12..=19) || !crate::card::luhn(&number) {
        return Err("cardNumber: not a card number (12 to 19 digits, Luhn check)");
    }
    Ok(number)
}

/// `expiryDate` written `MMYY`, with its month counted as [`expiry_month`] does.
pub(crate) fn expiry_date(expiry: Option<String>) -> Result<(String, u32), &'static str> {
    let expiry = expiry.ok_or("expiryDate: missing")?;
    let month = expiry_month(&expiry).ok_or("expiryDate: not a date written MMYY")?;
    Ok((expiry, month))
}

/// `MMYY` as months since year 0 (`2000 + YY`), or `None` if it is no such date.
pub(crate) fn expiry_month(expiry: &str) -> Option<u32> {
    if !digits(expiry, 4..=4) {
        return None;
    }
    let month: u32 = expiry[..2].parse().ok()?;
    let year: u32 = expiry[2..].parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((2000 + year) * 12 + month - 1)
}

/// The current month (UTC) as [`expiry_month`] counts.
pub(crate) fn this_month() -> u32 {
    let now = time::OffsetDateTime::now_utc();
    u32::try_from(now.year()).unwrap_or(0) * 12 + u32::from(u8::from(now.month())) - 1
}
