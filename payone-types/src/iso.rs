//! ISO codes as parameter values: currencies (ISO 4217), countries (ISO 3166-1 alpha-2) and
//! languages (ISO 639-1). The code lists are generated from the `iso_currency`, `celes` and
//! `isolang` crates by `payone spec generate` (see `generated/iso.rs`).

use std::borrow::Cow;
use std::fmt;

use crate::check::list_position;
use crate::generated::iso::{COUNTRIES, CURRENCIES, LANGUAGES};
use crate::rule::Rule;
use crate::value::ParamValue;

macro_rules! iso_code {
    ($(#[$doc:meta])* $name:ident, $list:ident, $standard:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(&'static str);

        impl $name {
            #[doc = concat!("The standard these codes come from: ", $standard, ".")]
            pub const STANDARD: &'static str = $standard;

            /// A code from a literal; in a `const` an unknown code is a compile error.
            ///
            /// # Panics
            /// When `code` is not in the list; use `parse_param` for runtime data.
            pub const fn new(code: &str) -> Self {
                match list_position($list, code) {
                    Some(i) => $name($list[i]),
                    None => panic!(concat!("not an ", $standard, " code")),
                }
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
    Currency, CURRENCIES, "ISO 4217"
);
iso_code!(
    /// An ISO 3166-1 alpha-2 country code (`DE`).
    Country, COUNTRIES, "ISO 3166-1 alpha-2"
);
iso_code!(
    /// An ISO 639-1 language code (`de`).
    Language, LANGUAGES, "ISO 639-1"
);

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

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [CURRENCIES, COUNTRIES, LANGUAGES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
