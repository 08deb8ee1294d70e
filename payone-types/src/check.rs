//! Format checks as `const fn`, so the same code rejects a bad literal at compile time
//! (`const AID: Aid = Aid::new(1234);` fails to build) and bad runtime data with a [`Rule`].

use crate::rule::Rule;

/// Permitted characters of a text parameter.
#[derive(Clone, Copy, Debug)]
pub enum Symbols {
    /// Any character.
    Any,
    /// Inclusive ranges, and the table's own wording for messages.
    Set(&'static [(char, char)], &'static str),
    /// An e-mail address (RFC 5322 with the platform's limits).
    Email,
}

/// A check digit scheme a text parameter's value must satisfy, beyond its length and symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checksum {
    /// None.
    None,
    /// ISO 13616: an IBAN's two check digits (mod 97 over the rearranged value equals 1).
    Iban,
}

/// `CHAR(..)`: length in characters, letter case, permitted symbols and check digits.
#[derive(Clone, Copy, Debug)]
pub struct CharFormat {
    /// Shortest.
    pub min: u32,
    /// Longest.
    pub max: u32,
    /// For `CHAR(a or b)`: the only permitted lengths (empty otherwise).
    pub one_of: &'static [u32],
    /// Letters must be lower case.
    pub lowercase: bool,
    /// Permitted characters.
    pub symbols: Symbols,
    /// Check digits the value must carry.
    pub checksum: Checksum,
}

/// `NUMERIC(..)` held as an integer: digit count and value range.
#[derive(Clone, Copy, Debug)]
pub struct NumericFormat {
    /// Fewest digits.
    pub min_digits: u32,
    /// Most digits.
    pub max_digits: u32,
    /// Smallest value.
    pub min: i64,
    /// Largest value.
    pub max: i64,
}

/// `NUMERIC(..)` held as a digit string, where leading zeros matter (card numbers, CVC, bank
/// codes).
#[derive(Clone, Copy, Debug)]
pub struct DigitsFormat {
    /// Fewest digits.
    pub min_digits: u32,
    /// Most digits.
    pub max_digits: u32,
    /// Smallest and largest value the written pattern permits (`MM`: 1 to 12), if any.
    pub pattern_range: Option<(u32, u32)>,
}

/// Decodes the character starting at byte `i` of valid UTF-8; returns it and its length.
const fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = bytes[i] as u32;
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12)
                | ((bytes[i + 1] as u32 & 0x3F) << 6)
                | (bytes[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((bytes[i + 1] as u32 & 0x3F) << 12)
                | ((bytes[i + 2] as u32 & 0x3F) << 6)
                | (bytes[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// Number of characters (not bytes) of a string.
pub const fn char_count(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            count += 1;
        }
        i += 1;
    }
    count
}

const fn in_ranges(c: u32, ranges: &[(char, char)]) -> bool {
    let mut i = 0;
    while i < ranges.len() {
        if ranges[i].0 as u32 <= c && c <= ranges[i].1 as u32 {
            return true;
        }
        i += 1;
    }
    false
}

impl CharFormat {
    /// Checks a text value.
    pub const fn check(&self, s: &str) -> Result<(), Rule> {
        let count = char_count(s);
        if self.one_of.is_empty() {
            if count < self.min || count > self.max {
                return Err(Rule::Length {
                    min: self.min,
                    max: self.max,
                });
            }
        } else {
            let mut i = 0;
            let mut found = false;
            while i < self.one_of.len() {
                if self.one_of[i] == count {
                    found = true;
                }
                i += 1;
            }
            if !found {
                return Err(Rule::LengthOneOf(self.one_of));
            }
        }
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (c, len) = decode(bytes, i);
            if self.lowercase && c >= 'A' as u32 && c <= 'Z' as u32 {
                return Err(Rule::Lowercase);
            }
            if let Symbols::Set(ranges, text) = self.symbols
                && !in_ranges(c, ranges)
            {
                return Err(Rule::Symbols(text));
            }
            i += len;
        }
        if let Symbols::Email = self.symbols
            && !is_email(bytes)
        {
            return Err(Rule::Email);
        }
        if let Checksum::Iban = self.checksum
            && !iban_check_digits_hold(bytes)
        {
            return Err(Rule::IbanCheckDigits);
        }
        Ok(())
    }
}

/// Whether `bytes` (letters and digits, country code first) carry valid ISO 13616 check
/// digits: the first four characters moved to the end, letters read as 10 to 35, the number
/// taken mod 97 is 1. Lower-case letters count as upper-case; anything else fails.
pub const fn iban_check_digits_hold(bytes: &[u8]) -> bool {
    if bytes.len() < 5 {
        return false;
    }
    let mut remainder: u32 = 0;
    let mut k = 0;
    while k < bytes.len() {
        // Start after the country code and check digits, then wrap around to them.
        let b = bytes[(k + 4) % bytes.len()];
        let value = match b {
            b'0'..=b'9' => (b - b'0') as u32,
            b'A'..=b'Z' => (b - b'A') as u32 + 10,
            b'a'..=b'z' => (b - b'a') as u32 + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
        k += 1;
    }
    remainder == 1
}

/// The platform's e-mail rule: one `@`, a user name of 1 to 63 characters, a domain of
/// dot-separated non-empty labels with at least one dot, no spaces or control characters.
const fn is_email(bytes: &[u8]) -> bool {
    let mut at = usize::MAX;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b <= b' ' || b == 0x7F || b == b'"' || b == b'(' || b == b')' || b == b',' {
            return false;
        }
        if b == b'@' {
            if at != usize::MAX {
                return false;
            }
            at = i;
        }
        i += 1;
    }
    if at == usize::MAX || at == 0 || at > 63 || at + 1 >= bytes.len() {
        return false;
    }
    let mut dots = 0;
    let mut label = 0;
    let mut j = at + 1;
    while j < bytes.len() {
        if bytes[j] == b'.' {
            if label == 0 {
                return false;
            }
            dots += 1;
            label = 0;
        } else {
            label += 1;
        }
        j += 1;
    }
    dots > 0 && label > 0
}

/// Number of decimal digits of `|v|`.
pub const fn digit_count(v: i64) -> u32 {
    let mut n = v.unsigned_abs();
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

impl NumericFormat {
    /// Checks an integer value.
    pub const fn check(&self, v: i64) -> Result<(), Rule> {
        if v < self.min || v > self.max {
            return Err(Rule::Range {
                min: self.min,
                max: self.max,
            });
        }
        let digits = digit_count(v);
        if digits < self.min_digits || digits > self.max_digits {
            return Err(Rule::Digits {
                min: self.min_digits,
                max: self.max_digits,
            });
        }
        Ok(())
    }

    /// Parses and checks a value written as the wire carries it.
    pub fn parse(&self, s: &str) -> Result<i64, Rule> {
        let unsigned = s.strip_prefix('-').unwrap_or(s);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Rule::NotNumeric);
        }
        let digits = unsigned.len() as u32;
        if digits < self.min_digits || digits > self.max_digits {
            return Err(Rule::Digits {
                min: self.min_digits,
                max: self.max_digits,
            });
        }
        let v: i64 = s.parse().map_err(|_| Rule::Range {
            min: self.min,
            max: self.max,
        })?;
        self.check(v).map(|()| v)
    }
}

impl DigitsFormat {
    /// Checks a digit string.
    pub const fn check(&self, s: &str) -> Result<(), Rule> {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                return Err(Rule::NotNumeric);
            }
            i += 1;
        }
        let n = bytes.len() as u32;
        if n < self.min_digits || n > self.max_digits {
            return Err(Rule::Digits {
                min: self.min_digits,
                max: self.max_digits,
            });
        }
        if let Some((min, max)) = self.pattern_range {
            // Patterns are at most a few digits (MM, DD), so the value fits.
            let mut value: u64 = 0;
            let mut j = 0;
            while j < bytes.len() {
                value = value
                    .saturating_mul(10)
                    .saturating_add((bytes[j] - b'0') as u64);
                j += 1;
            }
            if value < min as u64 || value > max as u64 {
                return Err(Rule::Range {
                    min: min as i64,
                    max: max as i64,
                });
            }
        }
        Ok(())
    }
}

/// Checks a value of a parameter the table gives no format for: any non-empty text.
pub const fn check_text(s: &str) -> Result<(), Rule> {
    if s.is_empty() {
        Err(Rule::Empty)
    } else {
        Ok(())
    }
}

/// Finds `s` among LIST values.
pub const fn list_position(values: &[&str], s: &str) -> Option<usize> {
    let mut i = 0;
    while i < values.len() {
        if str_eq(values[i], s) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// String equality usable in `const` contexts.
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: CharFormat = CharFormat {
        min: 1,
        max: 20,
        one_of: &[],
        lowercase: false,
        symbols: Symbols::Set(
            &[
                ('-', '-'),
                ('.', '/'),
                ('0', '9'),
                ('A', 'Z'),
                ('_', '_'),
                ('a', 'z'),
            ],
            "[0-9][a-z][A-Z], .,-,_,/",
        ),
        checksum: Checksum::None,
    };

    #[test]
    fn length_counts_characters_not_bytes() {
        let text = CharFormat {
            min: 1,
            max: 5,
            one_of: &[],
            lowercase: false,
            symbols: Symbols::Any,
            checksum: Checksum::None,
        };
        assert_eq!(text.check("ßßßßß"), Ok(()));
        assert_eq!(text.check("ßßßßßß"), Err(Rule::Length { min: 1, max: 5 }));
        assert_eq!(text.check(""), Err(Rule::Length { min: 1, max: 5 }));
    }

    #[test]
    fn symbols_and_case() {
        assert_eq!(REFERENCE.check("ord-2024/07_a.b"), Ok(()));
        assert!(matches!(REFERENCE.check("ord 1"), Err(Rule::Symbols(_))));
        assert!(matches!(REFERENCE.check("straße"), Err(Rule::Symbols(_))));
        let hash = CharFormat {
            lowercase: true,
            ..REFERENCE
        };
        assert_eq!(hash.check("AB"), Err(Rule::Lowercase));
    }

    #[test]
    fn one_of_lengths() {
        let bic = CharFormat {
            min: 8,
            max: 11,
            one_of: &[8, 11],
            lowercase: false,
            symbols: Symbols::Any,
            checksum: Checksum::None,
        };
        assert_eq!(bic.check("DEUTDEFF"), Ok(()));
        assert_eq!(bic.check("DEUTDEFF500"), Ok(()));
        assert_eq!(bic.check("DEUTDEFF5"), Err(Rule::LengthOneOf(&[8, 11])));
    }

    #[test]
    fn email() {
        let email = CharFormat {
            min: 5,
            max: 254,
            one_of: &[],
            lowercase: false,
            symbols: Symbols::Email,
            checksum: Checksum::None,
        };
        assert_eq!(email.check("you@example.com"), Ok(()));
        for bad in [
            "you.example.com",
            "a@b@c.de",
            "@example.com",
            "you@example",
            "y u@ex.de",
        ] {
            assert_eq!(email.check(bad), Err(Rule::Email), "{bad}");
        }
    }

    #[test]
    fn numbers() {
        let amount = NumericFormat {
            min_digits: 1,
            max_digits: 10,
            min: -1_999_999_999,
            max: 1_999_999_999,
        };
        assert_eq!(amount.parse("-1500"), Ok(-1500));
        assert_eq!(amount.parse("12a"), Err(Rule::NotNumeric));
        assert_eq!(amount.parse(""), Err(Rule::NotNumeric));
        assert!(matches!(
            amount.parse("2000000000"),
            Err(Rule::Range { .. })
        ));
        let aid = NumericFormat {
            min_digits: 5,
            max_digits: 6,
            min: 0,
            max: 999_999,
        };
        assert_eq!(aid.check(1234), Err(Rule::Digits { min: 5, max: 6 }));
        assert_eq!(
            aid.parse("0012345").err(),
            Some(Rule::Digits { min: 5, max: 6 })
        );
        let cvc = DigitsFormat {
            min_digits: 3,
            max_digits: 4,
            pattern_range: None,
        };
        assert_eq!(cvc.check("012"), Ok(()));
        assert_eq!(cvc.check("12"), Err(Rule::Digits { min: 3, max: 4 }));
        let month = DigitsFormat {
            min_digits: 1,
            max_digits: 2,
            pattern_range: Some((1, 12)),
        };
        assert_eq!(month.check("09"), Ok(()));
        assert_eq!(month.check("12"), Ok(()));
        assert_eq!(month.check("13"), Err(Rule::Range { min: 1, max: 12 }));
        assert_eq!(month.check("00"), Err(Rule::Range { min: 1, max: 12 }));
    }
}

#[cfg(test)]
mod iban_tests {
    use super::*;

    const IBAN: CharFormat = CharFormat {
        min: 10,
        max: 34,
        one_of: &[],
        lowercase: false,
        symbols: Symbols::Set(&[('0', '9'), ('A', 'Z')], "[0-9][A-Z]"),
        checksum: Checksum::Iban,
    };

    #[test]
    fn iban_check_digits() {
        for good in [
            "DE02120300000000202051",
            "DE89370400440532013000",
            "GB82WEST12345698765432",
            "NL91ABNA0417164300",
        ] {
            assert_eq!(IBAN.check(good), Ok(()), "{good}");
        }
        for bad in ["DE02120300000000202052", "DE03120300000000202051"] {
            assert_eq!(IBAN.check(bad), Err(Rule::IbanCheckDigits), "{bad}");
        }
        assert!(iban_check_digits_hold(b"de89370400440532013000"));
        assert!(!iban_check_digits_hold(b"DE89"));
        assert!(!iban_check_digits_hold(b"DE89 3704 0044 0532 0130 00"));
        assert_eq!(
            Rule::IbanCheckDigits.to_string(),
            "must carry valid IBAN check digits (ISO 13616, mod 97)"
        );
    }
}
