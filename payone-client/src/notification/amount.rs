//! Decimal amounts as notifications carry them (`price=19.99`) turned into integer minor units
//! (1999), the form the Server API's `amount` uses. Done on the digits, never through a float.

/// Why a decimal amount could not be read. The value itself is not repeated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Not `[-]digits[.digits]`.
    #[error("the amount is not a decimal number")]
    NotDecimal,
    /// More decimal places than the currency has minor units (and not just trailing zeros).
    #[error("the amount has more than {0} decimal places")]
    TooPrecise(u8),
    /// Too large for an `i64` of minor units.
    #[error("the amount is too large")]
    Overflow,
}

/// `decimal` in units of 10^-`exponent` of the currency: `to_minor_units("19.99", 2)` is
/// `1999`, `to_minor_units("-5", 2)` is `-500`, `to_minor_units("1000", 0)` is `1000`.
pub fn to_minor_units(decimal: &str, exponent: u8) -> Result<i64, AmountError> {
    let (negative, digits) = match decimal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, decimal.strip_prefix('+').unwrap_or(decimal)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || digits.ends_with('.') {
        return Err(AmountError::NotDecimal);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > usize::from(exponent) {
        return Err(AmountError::TooPrecise(exponent));
    }
    let mut units: i64 = 0;
    let padding = usize::from(exponent) - fraction.len();
    for b in whole
        .bytes()
        .chain(fraction.bytes())
        .chain(std::iter::repeat_n(b'0', padding))
    {
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(i64::from(b - b'0')))
            .ok_or(AmountError::Overflow)?;
    }
    Ok(if negative { -units } else { units })
}

/// The number of minor-unit digits of an ISO 4217 currency: 0 for the currencies without
/// minor units, 3 for the dinar-like ones, 2 for all others.
pub fn currency_exponent(currency: &str) -> u8 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    if ZERO.contains(&currency) {
        0
    } else if THREE.contains(&currency) {
        3
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_minor_units() {
        assert_eq!(to_minor_units("19.99", 2), Ok(1999));
        assert_eq!(to_minor_units("19.9", 2), Ok(1990));
        assert_eq!(to_minor_units("-5.00", 2), Ok(-500));
        assert_eq!(to_minor_units("0.010", 2), Ok(1));
        assert_eq!(to_minor_units("1000", 0), Ok(1000));
        assert_eq!(to_minor_units("1.5", 0), Err(AmountError::TooPrecise(0)));
        assert_eq!(to_minor_units("1.005", 2), Err(AmountError::TooPrecise(2)));
        for bad in ["", "-", ".5", "1.", "1,5", "1e3", " 1"] {
            assert_eq!(
                to_minor_units(bad, 2),
                Err(AmountError::NotDecimal),
                "{bad:?}"
            );
        }
        assert_eq!(
            to_minor_units("99999999999999999999", 2),
            Err(AmountError::Overflow)
        );
        assert_eq!(currency_exponent("JPY"), 0);
        assert_eq!(currency_exponent("EUR"), 2);
        assert_eq!(currency_exponent("KWD"), 3);
    }
}
