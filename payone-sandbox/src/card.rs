//! Card numbers as the Client API's `creditcardcheck` sees them: the Luhn check, the card type
//! by number range, the truncated number and the pseudo card number that stands in for it.

use payone_types::sign::hash_hex;
use payone_types::{HashAlgorithm, PortalKey};

/// Whether the digits pass the Luhn (mod 10) check. Non-digits fail.
pub(crate) fn luhn(pan: &str) -> bool {
    let mut sum = 0;
    for (i, b) in pan.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !pan.is_empty() && sum % 10 == 0
}

/// The `cardtype` the number's range stands for, where the Frontend parameter page's ranges are
/// unambiguous: Visa 4, MasterCard 51-55 and 2221-2720, American Express 34 and 37, JCB 3528-3589.
pub(crate) fn detect_type(pan: &str) -> Option<&'static str> {
    let prefix = |n: usize| pan.get(..n).and_then(|p| p.parse::<u32>().ok());
    match (prefix(1), prefix(2), prefix(4)) {
        (Some(4), _, _) => Some("V"),
        (_, Some(51..=55), _) | (_, _, Some(2221..=2720)) => Some("M"),
        (_, Some(34 | 37), _) => Some("A"),
        (_, _, Some(3528..=3589)) => Some("J"),
        _ => None,
    }
}

/// First six digits, `X` for the middle, last four: `411111XXXXXX1111`.
pub(crate) fn truncate(pan: &str) -> String {
    if pan.len() < 10 || !pan.is_ascii() {
        return "X".repeat(pan.chars().count());
    }
    let hidden = pan.len() - 10;
    format!(
        "{}{}{}",
        &pan[..6],
        "X".repeat(hidden),
        &pan[pan.len() - 4..]
    )
}

/// The pseudo card number: `9` and 18 digits taken from HMAC-SHA384 of the number under the
/// portal key. Deterministic per portal (the same card always gets the same pseudo number, as
/// on the platform) and not reversible to the card number.
pub(crate) fn pseudo_pan(pan: &str, key: &PortalKey) -> String {
    let digest = hash_hex(
        format!("pseudocardpan:{pan}").as_bytes(),
        key,
        HashAlgorithm::HmacSha384,
    );
    // 16 hex digits are 64 bits; reduced to 18 decimal digits.
    let n = u64::from_str_radix(&digest[..16], 16).unwrap_or(0) % 1_000_000_000_000_000_000;
    format!("9{n:018}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_rejects_typos() {
        assert!(luhn("4111111111111111"));
        assert!(luhn("5500000000000004"));
        assert!(luhn("378282246310005"));
        assert!(!luhn("4111111111111112"));
        assert!(!luhn("41111111111111a1"));
        assert!(!luhn(""));
    }

    #[test]
    fn types_truncation_and_pseudo_numbers() {
        assert_eq!(detect_type("4111111111111111"), Some("V"));
        assert_eq!(detect_type("2221000000000009"), Some("M"));
        assert_eq!(detect_type("378282246310005"), Some("A"));
        assert_eq!(detect_type("3530111333300000"), Some("J"));
        assert_eq!(detect_type("6011111111111117"), None);
        assert_eq!(truncate("4111111111111111"), "411111XXXXXX1111");
        assert_eq!(truncate("378282246310005"), "378282XXXXX0005");
        let key = PortalKey::new("k");
        let p = pseudo_pan("4111111111111111", &key);
        assert_eq!(p.len(), 19);
        assert!(p.starts_with('9') && p.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(p, pseudo_pan("4111111111111111", &key));
        assert_ne!(p, pseudo_pan("5500000000000004", &key));
        assert!(!p.contains("4111111111111111"));
    }
}
