//! Amounts in the smallest currency unit written as decimals, as notifications (`price`) and
//! the hosted page show them.

/// `1999` -> `"19.99"`, `-500` -> `"-5.00"`.
///
/// Always two decimals: the sandbox does not look up the currency's minor unit (JPY has none),
/// which is documented.
pub(crate) fn decimal(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn two_decimals_with_a_dot() {
        assert_eq!(decimal(1999), "19.99");
        assert_eq!(decimal(5), "0.05");
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal(-500), "-5.00");
        assert_eq!(decimal(i64::MIN), "-92233720368547758.08");
    }
}
