//! ISO codes as parameter values: currencies (ISO 4217), countries (ISO 3166-1 alpha-2) and
//! languages (ISO 639-1). The code lists are generated from the `iso_currency`, `celes` and
//! `isolang` crates by `payone spec generate` (see `generated/iso.rs`).

use std::borrow::Cow;
use std::fmt;

use crate::check::list_position;
use crate::generated::iso::{COUNTRIES, CURRENCIES, LANGUAGES};
use crate::rule::{Rule, Violation};
use crate::value::ParamValue;

macro_rules! iso_code {
    ($(#[$doc:meta])* $name:ident, $list:ident, $standard:literal, $param:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(&'static str);

        impl $name {
            #[doc = concat!("The standard these codes come from: ", $standard, ".")]
            pub const STANDARD: &'static str = $standard;

            /// A code from a literal; in a `const` an unknown code is a compile error.
            ///
            /// # Panics
            /// When `code` is not in the list; use `try_new` (or `str::parse`) for runtime data.
            pub const fn new(code: &str) -> Self {
                match list_position($list, code) {
                    Some(i) => $name($list[i]),
                    None => panic!(concat!("not an ", $standard, " code")),
                }
            }

            /// Checks a runtime code; the error names the parameter (as the platforms' tables
            #[doc = concat!("name it: `", $param, "`) and the standard.")]
            pub fn try_new(code: &str) -> Result<Self, Violation> {
                Self::parse_param(code).map_err(|rule| Violation::new($param, rule))
            }

            /// The code as written on the wire.
            pub const fn as_str(self) -> &'static str {
                self.0
            }
        }

        impl ParamValue for $name {
            const FORMAT: &'static str = "LIST";

            fn parse_param(s: &str) -> Result<Self, Rule> {
                $list
                    .binary_search(&s)
                    .map(|i| $name($list[i]))
                    .map_err(|_| Rule::Code($standard))
            }

            fn param_value(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = Violation;

            fn from_str(s: &str) -> Result<Self, Violation> {
                Self::try_new(s)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }
    };
}

iso_code!(
    /// An ISO 4217 currency code (`EUR`).
    Currency, CURRENCIES, "ISO 4217", "currency"
);
iso_code!(
    /// An ISO 3166-1 alpha-2 country code (`DE`).
    Country, COUNTRIES, "ISO 3166-1 alpha-2", "country"
);
iso_code!(
    /// An ISO 639-1 language code (`de`).
    Language, LANGUAGES, "ISO 639-1", "language"
);

/// An ISO 639-1 language code written in either case (`FR`, `fr`, `Fr`): DirectLink's
/// privacy-policy `LANGUAGE`, which the DirectLink guide (7.1.2) documents as "ISO 639-1:
/// Zwei-Buchstaben-Codes (z.B. FR)", with an upper-case example. The value goes on the wire as
/// written; [`Language`] (lower case only) stays the rule of the other platforms.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LanguageAnyCase(Cow<'static, str>);

impl LanguageAnyCase {
    /// The standard these codes come from, and the case rule.
    pub const STANDARD: &'static str = "ISO 639-1 (any case)";

    /// A code from a literal; in a `const` an unknown code is a compile error.
    ///
    /// # Panics
    /// When `code` is not an ISO 639-1 code in any case; use `parse_param` for runtime data.
    pub const fn new(code: &'static str) -> Self {
        match any_case_position(code) {
            Some(_) => LanguageAnyCase(Cow::Borrowed(code)),
            None => panic!("not an ISO 639-1 code"),
        }
    }

    /// The code as written on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as an ISO 639-1 [`Language`] (lower case).
    pub fn language(&self) -> Language {
        match any_case_position(&self.0) {
            Some(i) => Language(LANGUAGES[i]),
            None => unreachable!("checked when built"),
        }
    }
}

/// The position in [`LANGUAGES`] of `code` read case-insensitively (ASCII letters only).
const fn any_case_position(code: &str) -> Option<usize> {
    let code = code.as_bytes();
    let mut i = 0;
    while i < LANGUAGES.len() {
        let known = LANGUAGES[i].as_bytes();
        if known.len() == code.len() {
            let mut j = 0;
            while j < code.len() && code[j].to_ascii_lowercase() == known[j] {
                j += 1;
            }
            if j == code.len() {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

impl ParamValue for LanguageAnyCase {
    const FORMAT: &'static str = "LIST";

    fn parse_param(s: &str) -> Result<Self, Rule> {
        match any_case_position(s) {
            Some(_) => Ok(LanguageAnyCase(Cow::Owned(s.to_owned()))),
            None => Err(Rule::Code(Language::STANDARD)),
        }
    }

    fn param_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

impl fmt::Debug for LanguageAnyCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LanguageAnyCase({})", self.0)
    }
}

impl fmt::Display for LanguageAnyCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUR: Currency = Currency::new("EUR");

    #[test]
    fn codes() {
        assert_eq!(EUR.as_str(), "EUR");
        assert_eq!(Country::parse_param("DE").unwrap().as_str(), "DE");
        assert_eq!(Language::parse_param("de").unwrap().as_str(), "de");
        assert_eq!(Currency::parse_param("EURO"), Err(Rule::Code("ISO 4217")));
        assert_eq!(
            Country::parse_param("XX"),
            Err(Rule::Code("ISO 3166-1 alpha-2"))
        );
        assert_eq!(Language::parse_param("DE"), Err(Rule::Code("ISO 639-1")));
    }

    const FR: LanguageAnyCase = LanguageAnyCase::new("FR");

    #[test]
    fn any_case_codes_keep_their_spelling_and_the_other_rule_stays_lower_case() {
        assert_eq!(FR.as_str(), "FR");
        assert_eq!(FR.language(), Language::new("fr"));
        for code in ["FR", "fr", "De", "eN"] {
            let parsed = LanguageAnyCase::parse_param(code).unwrap();
            assert_eq!(parsed.param_value(), code);
        }
        for code in ["FRA", "xx", "", "f", "en_US", "Ü"] {
            assert_eq!(
                LanguageAnyCase::parse_param(code),
                Err(Rule::Code("ISO 639-1")),
                "{code}"
            );
        }
        assert_eq!(Language::parse_param("FR"), Err(Rule::Code("ISO 639-1")));
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [CURRENCIES, COUNTRIES, LANGUAGES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
