//! The format grammar of the parameter tables.
//!
//! The platform pages write formats as short phrases: `NUMERIC(5..6)`, `NUMERIC(7)`,
//! `CHAR(1..20)`, `CHAR(8 or 11)`, `CHAR(1..96) lowercase`, `DATE(8), YYYYMMDD`, `LIST`,
//! `NUMERIC(10) max. 19 999 999 99`, and value ranges in prose (`max. +/- 19 999 999 99`);
//! The DirectLink integration guide writes `AN, 30` (alphanumeric, at most 30 characters), `AN, 20
//! (min2)`, `AN` (no length) and `N, 15` (at most 15 digits).
//! This module turns them into a [`Format`]; anything it does not recognise is an error, so a
//! new phrase on a documentation page is noticed instead of being silently ignored.
//!
//! The module has no dependencies: `payone-derive` parses the same phrases at compile time.

use std::fmt;

/// A parsed `Format` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// `NUMERIC(..)`: decimal digits.
    Numeric(Numeric),
    /// `CHAR(..)`: text, length counted in characters.
    Char(Char),
    /// `DATE(8), YYYYMMDD`.
    Date8,
    /// `LIST`: one of an enumerated set of values.
    List,
    /// `TEXT`: the page gives no format; any non-empty text.
    Text,
}

/// `NUMERIC(a..b)` with an optional largest value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numeric {
    /// Fewest digits.
    pub min_digits: u32,
    /// Most digits.
    pub max_digits: u32,
    /// Largest value, when the page names one (`max. 19 999 999 99`).
    pub max_value: Option<u64>,
    /// A written pattern such as `YYYY` or `MM` (documentation only).
    pub pattern: Option<String>,
}

/// `CHAR(..)`: a length rule and letter case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Char {
    /// Permitted lengths in characters.
    pub length: Length,
    /// `lowercase`: letters must be lower case.
    pub lowercase: bool,
}

/// A length rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Length {
    /// `a..b` (or `n`, which the pages use for "up to n").
    Range {
        /// Shortest.
        min: u32,
        /// Longest.
        max: u32,
    },
    /// `a or b`: exactly one of the listed lengths.
    OneOf(Vec<u32>),
}

/// A value range written in prose (`max. +/- 19 999 999 99`) or as bounds (`30..90`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueRange {
    /// Largest absolute value.
    pub max: u64,
    /// Whether negative values down to `-max` are permitted (`+/-`).
    pub signed: bool,
    /// Smallest value, when the page names one (`30..90`: DirectLink's RTIMEOUT).
    pub min: Option<u64>,
}

/// A set of permitted characters, parsed from the pages' "Permitted Symbols".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Symbols {
    /// Inclusive character ranges (single characters are ranges of one).
    Set(Vec<(char, char)>),
    /// `RFC 5322`: an e-mail address.
    Email,
}

/// Why a phrase could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// What was expected, in words.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormatError {}

fn err<T>(message: impl Into<String>) -> Result<T, FormatError> {
    Err(FormatError {
        message: message.into(),
    })
}

impl Format {
    /// Parses a `Format` line as the pages write it.
    pub fn parse(text: &str) -> Result<Format, FormatError> {
        let text = text.trim();
        if text == "LIST" {
            return Ok(Format::List);
        }
        if text == "TEXT" || text == "AN" {
            return Ok(Format::Text);
        }
        if let Some(format) = parse_directlink(text)? {
            return Ok(format);
        }
        let Some(open) = text.find('(') else {
            return err(format!(
                "unknown format `{text}`: expected NUMERIC(..), CHAR(..), DATE(8), LIST or TEXT"
            ));
        };
        let keyword = &text[..open];
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            return err(format!("format `{text}` has no closing parenthesis"));
        };
        let inner = text[open + 1..close].trim();
        let rest = text[close + 1..].trim().trim_start_matches(',').trim();
        match keyword {
            "NUMERIC" => parse_numeric(inner, rest).map(Format::Numeric),
            "CHAR" => parse_char(inner, rest).map(Format::Char),
            "DATE" => {
                if inner != "8" {
                    return err(format!("DATE({inner}): only DATE(8) is known"));
                }
                if !(rest.is_empty() || rest == "YYYYMMDD") {
                    return err(format!("DATE(8) followed by unknown text `{rest}`"));
                }
                Ok(Format::Date8)
            }
            other => err(format!(
                "unknown format keyword `{other}`: expected NUMERIC, CHAR, DATE, LIST or TEXT"
            )),
        }
    }
}

/// DirectLink's `AN, n`, `AN, n (minm)` and `N, n`; `None` for other phrases.
fn parse_directlink(text: &str) -> Result<Option<Format>, FormatError> {
    let Some((kind, rest)) = text.split_once(',') else {
        return Ok(None);
    };
    let kind = kind.trim();
    if kind != "AN" && kind != "N" {
        return Ok(None);
    }
    let rest = rest.trim();
    let (max, min) = match rest.split_once('(') {
        Some((max, min)) => {
            let Some(min) = min
                .trim()
                .strip_suffix(')')
                .and_then(|m| m.trim().strip_prefix("min"))
            else {
                return err(format!("`{text}`: expected `{kind}, n (minm)`"));
            };
            (max.trim(), Some(min.trim()))
        }
        None => (rest, None),
    };
    let number = |s: &str| {
        s.parse::<u32>().map_err(|_| FormatError {
            message: format!("`{s}` is not a length in `{text}`"),
        })
    };
    let max = number(max)?;
    let min = min.map(number).transpose()?.unwrap_or(1);
    if min == 0 || min > max {
        return err(format!("`{text}`: the minimum must be between 1 and {max}"));
    }
    Ok(Some(if kind == "N" {
        if max > 19 {
            return err(format!("N with {max} digits exceeds 19"));
        }
        Format::Numeric(Numeric {
            min_digits: min,
            max_digits: max,
            max_value: None,
            pattern: None,
        })
    } else {
        Format::Char(Char {
            length: Length::Range { min, max },
            lowercase: false,
        })
    }))
}

fn parse_numeric(inner: &str, rest: &str) -> Result<Numeric, FormatError> {
    let (min_digits, max_digits) = match parse_length(inner)? {
        Length::Range { min, max } => (min, max),
        Length::OneOf(_) => return err("NUMERIC takes `n` or `a..b`, not `a or b`"),
    };
    if max_digits > 19 {
        return err(format!("NUMERIC with {max_digits} digits exceeds 19"));
    }
    let mut numeric = Numeric {
        min_digits,
        max_digits,
        max_value: None,
        pattern: None,
    };
    if rest.is_empty() {
        return Ok(numeric);
    }
    if let Some(value) = rest
        .strip_prefix("max. value")
        .or_else(|| rest.strip_prefix("max."))
    {
        numeric.max_value = Some(parse_grouped_number(value)?);
    } else if rest.chars().all(|c| matches!(c, 'Y' | 'M' | 'D')) {
        numeric.pattern = Some(rest.to_owned());
    } else {
        return err(format!("NUMERIC followed by unknown text `{rest}`"));
    }
    Ok(numeric)
}

fn parse_char(inner: &str, rest: &str) -> Result<Char, FormatError> {
    let length = parse_length(inner)?;
    let lowercase = match rest {
        "" => false,
        "lowercase" => true,
        other => return err(format!("CHAR followed by unknown text `{other}`")),
    };
    Ok(Char { length, lowercase })
}

/// Parses `n`, `a..b` or `a or b`. A lone `n` means "up to n", as the pages use it
/// (`NUMERIC(6)` quantities, `NUMERIC(10)` prices).
pub fn parse_length(text: &str) -> Result<Length, FormatError> {
    let number = |s: &str| -> Result<u32, FormatError> {
        s.trim()
            .parse::<u32>()
            .or_else(|_| err(format!("`{}` is not a length", s.trim())))
    };
    if let Some((a, b)) = text.split_once("..") {
        let (min, max) = (number(a)?, number(b)?);
        if min > max || max == 0 {
            return err(format!("length range `{text}` is empty"));
        }
        return Ok(Length::Range { min, max });
    }
    if text.contains(" or ") {
        let lengths = text
            .split(" or ")
            .map(number)
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Length::OneOf(lengths));
    }
    let max = number(text)?;
    if max == 0 {
        return err("length 0");
    }
    Ok(Length::Range { min: 1, max })
}

/// Parses a number written with digit-group spaces (`19 999 999 99`).
fn parse_grouped_number(text: &str) -> Result<u64, FormatError> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return err(format!("`{}` is not a number", text.trim()));
    }
    digits
        .parse()
        .or_else(|_| err(format!("`{}` is too large", text.trim())))
}

impl ValueRange {
    /// Parses the pages' "Permitted values" prose for numbers: `max. +/- 19 999 999 99`,
    /// `max. 999 999 99`.
    pub fn parse(text: &str) -> Result<ValueRange, FormatError> {
        if let Some((low, high)) = text.trim().split_once("..") {
            let bound = |s: &str| {
                s.trim().parse::<u64>().map_err(|_| FormatError {
                    message: format!("value range `{text}`: `{s}` is not a number"),
                })
            };
            let (min, max) = (bound(low)?, bound(high)?);
            if min > max {
                return err(format!("value range `{text}`: {min} is above {max}"));
            }
            return Ok(ValueRange {
                max,
                signed: false,
                min: Some(min),
            });
        }
        let Some(rest) = text.trim().strip_prefix("max.") else {
            return err(format!(
                "value range `{text}` is neither `a..b` nor starts with `max.`"
            ));
        };
        let rest = rest.trim_start().trim_start_matches("value").trim_start();
        let (signed, number) = match rest.strip_prefix("+/-") {
            Some(number) => (true, number),
            None => (false, rest),
        };
        Ok(ValueRange {
            max: parse_grouped_number(number)?,
            signed,
            min: None,
        })
    }
}

impl Symbols {
    /// Parses "Permitted Symbols" as the pages write them: `[0-9][a-z][A-Z], .,-,_,/`,
    /// `[0-9, a-z, A-Z, .,-,_,/]`, `[0-9][A-Z][a-z][()[]{} +-_#/:]`, `[_.-/ ]`, `RFC 5322`.
    ///
    /// Inside brackets, `x-y` between two letters or two digits is a range; any other character
    /// (including `-`, `,` after a range, brackets and the space) stands for itself. Outside
    /// brackets, characters are separated by commas. A comma that separates ranges is not itself
    /// permitted unless written between other literals (`.,-,_` permits `.`, `-`, `_`).
    pub fn parse(text: &str) -> Result<Symbols, FormatError> {
        let text = text.trim();
        if text == "RFC 5322" {
            return Ok(Symbols::Email);
        }
        if text.is_empty() {
            return err("empty permitted symbols");
        }
        let chars: Vec<char> = text.chars().collect();
        let mut set = Vec::new();
        let mut i = 0;
        // Outside the first bracket group everything is comma-separated literals; inside, the
        // characters up to the matching `]` of the group. Groups written `[()[]{} +-_#/:]`
        // contain brackets themselves, so a group ends at the last `]` before the next `[` that
        // starts a range, or at the end of the text.
        while i < chars.len() {
            match chars[i] {
                '[' => {
                    let end = group_end(&chars, i)?;
                    parse_group(&chars[i + 1..end], &mut set)?;
                    i = end + 1;
                }
                ',' | ' ' => i += 1,
                c => {
                    set.push((c, c));
                    i += 1;
                }
            }
        }
        set.sort();
        set.dedup();
        Ok(Symbols::Set(set))
    }

    /// Whether `c` is permitted (always true for [`Symbols::Email`]; e-mail addresses are
    /// checked as a whole).
    pub fn permits(&self, c: char) -> bool {
        match self {
            Symbols::Set(ranges) => ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi),
            Symbols::Email => true,
        }
    }
}

/// Finds the `]` closing the group that opens at `start`. A group closes at a `]` that is
/// followed by the end of the text, by `[` opening a new range group, or by `,`/space; a `]`
/// directly inside (as in `[()[]{}...]`) is a literal.
fn group_end(chars: &[char], start: usize) -> Result<usize, FormatError> {
    let mut depth = 0usize;
    for (offset, &c) in chars[start + 1..].iter().enumerate() {
        let i = start + 1 + offset;
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            ']' => return Ok(i),
            _ => {}
        }
    }
    err("permitted symbols: `[` without a matching `]`")
}

fn parse_group(group: &[char], set: &mut Vec<(char, char)>) -> Result<(), FormatError> {
    let mut i = 0;
    while i < group.len() {
        let c = group[i];
        let is_range = i + 2 < group.len()
            && group[i + 1] == '-'
            && same_class(c, group[i + 2])
            && c < group[i + 2];
        if is_range {
            set.push((c, group[i + 2]));
            i += 3;
            // `[0-9, a-z, ...]`: the separator after a range is not a symbol.
            while i < group.len() && group[i] == ',' {
                i += 1;
                while i < group.len() && group[i] == ' ' {
                    i += 1;
                }
            }
            continue;
        }
        if c == ',' && i + 1 < group.len() && group[i + 1] != ',' && i > 0 && group[i - 1] != ',' {
            // A separating comma between literals (`.,-,_`) is not a symbol itself.
            i += 1;
            continue;
        }
        set.push((c, c));
        i += 1;
    }
    Ok(())
}

fn same_class(a: char, b: char) -> bool {
    (a.is_ascii_digit() && b.is_ascii_digit())
        || (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        || (a.is_ascii_uppercase() && b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> Vec<(char, char)> {
        match Symbols::parse(text).unwrap() {
            Symbols::Set(s) => s,
            Symbols::Email => panic!("email"),
        }
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(
            Format::parse("NUMERIC(5..6)").unwrap(),
            Format::Numeric(Numeric {
                min_digits: 5,
                max_digits: 6,
                max_value: None,
                pattern: None
            })
        );
        let Format::Numeric(n) = Format::parse("NUMERIC(10) max. 19 999 999 99").unwrap() else {
            panic!()
        };
        assert_eq!(
            (n.min_digits, n.max_digits, n.max_value),
            (1, 10, Some(1_999_999_999))
        );
        let Format::Numeric(n) = Format::parse("NUMERIC(1..8), max. value 999 999 99").unwrap()
        else {
            panic!()
        };
        assert_eq!(n.max_value, Some(99_999_999));
        let Format::Numeric(n) = Format::parse("NUMERIC(4), YYYY").unwrap() else {
            panic!()
        };
        assert_eq!(n.pattern.as_deref(), Some("YYYY"));
    }

    #[test]
    fn char_forms() {
        assert_eq!(
            Format::parse("CHAR(8 or 11)").unwrap(),
            Format::Char(Char {
                length: Length::OneOf(vec![8, 11]),
                lowercase: false
            })
        );
        assert_eq!(
            Format::parse("CHAR(1..96) lowercase").unwrap(),
            Format::Char(Char {
                length: Length::Range { min: 1, max: 96 },
                lowercase: true
            })
        );
        assert_eq!(Format::parse("DATE(8), YYYYMMDD").unwrap(), Format::Date8);
    }

    #[test]
    fn malformed_formats_are_errors() {
        for bad in [
            "NUMERIC(6..5)",
            "NUMERC(5)",
            "CHAR(1..20",
            "CHAR(1..20) uppercase",
            "NUMERIC(x)",
            "DATE(6)",
            "NUMERIC(25)",
            "AN, x",
            "AN, 20 (min30)",
            "AN, 20 (2)",
            "N, 25",
            "A, 3",
        ] {
            assert!(Format::parse(bad).is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn directlink_formats() {
        assert_eq!(
            Format::parse("AN, 30").unwrap(),
            Format::Char(Char {
                length: Length::Range { min: 1, max: 30 },
                lowercase: false
            })
        );
        assert_eq!(
            Format::parse("AN, 20 (min2)").unwrap(),
            Format::Char(Char {
                length: Length::Range { min: 2, max: 20 },
                lowercase: false
            })
        );
        assert_eq!(Format::parse("AN").unwrap(), Format::Text);
        assert_eq!(
            Format::parse("N, 15").unwrap(),
            Format::Numeric(Numeric {
                min_digits: 1,
                max_digits: 15,
                max_value: None,
                pattern: None
            })
        );
    }

    #[test]
    fn value_ranges() {
        assert_eq!(
            ValueRange::parse("max. +/- 19 999 999 99").unwrap(),
            ValueRange {
                max: 1_999_999_999,
                signed: true,
                min: None
            }
        );
        assert_eq!(
            ValueRange::parse("max. value 999 999 99").unwrap(),
            ValueRange {
                max: 99_999_999,
                signed: false,
                min: None
            }
        );
        assert_eq!(
            ValueRange::parse("30..90").unwrap(),
            ValueRange {
                max: 90,
                signed: false,
                min: Some(30)
            }
        );
        assert!(ValueRange::parse("90..30").is_err());
    }

    #[test]
    fn symbol_sets() {
        assert_eq!(
            set("[0-9][a-z][A-Z], .,-,_,/"),
            vec![
                ('-', '-'),
                ('.', '.'),
                ('/', '/'),
                ('0', '9'),
                ('A', 'Z'),
                ('_', '_'),
                ('a', 'z')
            ]
        );
        assert_eq!(
            set("[0-9, a-z, A-Z, .,-,_,/]"),
            set("[0-9][a-z][A-Z], .,-,_,/")
        );
        let id = Symbols::parse("[0-9][A-Z][a-z][()[]{} +-_#/:]").unwrap();
        for c in "()[]{} +-_#/:aZ9".chars() {
            assert!(id.permits(c), "{c:?}");
        }
        assert!(!id.permits('.'));
        assert!(!id.permits(','));
        let zip = Symbols::parse("[0-9][A-Z][a-z][_.-/ ]").unwrap();
        for c in "_.-/ ".chars() {
            assert!(zip.permits(c), "{c:?}");
        }
        let lower = Symbols::parse("[0-9,a-z]").unwrap();
        assert!(lower.permits('f') && !lower.permits('F') && !lower.permits(','));
        let mandate = Symbols::parse("[A-Z,a-z,0-9,+,-,.,(,)]").unwrap();
        for c in "+-.()aZ0".chars() {
            assert!(mandate.permits(c), "{c:?}");
        }
        assert!(!mandate.permits(','));
        let personal = Symbols::parse("[0-9][A-Z][a-z][+-./()]").unwrap();
        for c in "+-./()".chars() {
            assert!(personal.permits(c), "{c:?}");
        }
        assert_eq!(Symbols::parse("RFC 5322").unwrap(), Symbols::Email);
    }
}
