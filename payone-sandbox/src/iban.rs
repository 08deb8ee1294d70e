//! The IBAN check of the Client API's `bankaccountcheck`: ISO 13616 mod-97.

/// Whether `iban` (spaces allowed, letters in either case) has a country code, two check digits
/// and passes mod 97.
pub(crate) fn valid(iban: &str) -> bool {
    let compact: Vec<u8> = iban
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if compact.len() < 5 || compact.len() > 34 {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    if !head[..2].iter().all(u8::is_ascii_uppercase) || !head[2..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    // Country and check digits move to the end; letters count 10..=35; the remainder is kept
    // small digit by digit instead of building a 60-digit number.
    let mut remainder: u32 = 0;
    for &b in tail.iter().chain(head) {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn mod_97() {
        assert!(valid("DE89370400440532013000"));
        assert!(valid("de89 3704 0044 0532 0130 00"));
        assert!(valid("GB82WEST12345698765432"));
        assert!(!valid("DE89370400440532013001"));
        assert!(!valid("DE8937040044053201300!"));
        assert!(!valid("8937040044053201300"));
    }
}
