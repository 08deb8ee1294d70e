//! Validation failures: which parameter broke which rule. Values are never part of a
//! violation, so a card number or IBAN cannot leak through an error message.

use std::borrow::Cow;
use std::fmt;

/// A rule of the parameter tables that a value (or, for [`Rule::Conditional`], a set of
/// parameters) breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required parameter is absent.
    Missing,
    /// The parameter is not part of this request's table.
    Unknown,
    /// The parameter appears more than once.
    Duplicate,
    /// Text of the wrong length (characters, not bytes).
    Length {
        /// Shortest permitted.
        min: u32,
        /// Longest permitted.
        max: u32,
    },
    /// Text whose length is none of the permitted lengths (`CHAR(8 or 11)`).
    LengthOneOf(&'static [u32]),
    /// A character outside the permitted symbols (written as the table writes them).
    Symbols(&'static str),
    /// An upper-case letter where the table demands lower case.
    Lowercase,
    /// Not an e-mail address (RFC 5322, with the platform's length limits).
    Email,
    /// An IBAN whose check digits are wrong (ISO 13616, mod 97): a mistyped account.
    IbanCheckDigits,
    /// Not a decimal number.
    NotNumeric,
    /// A number with too few or too many digits.
    Digits {
        /// Fewest digits.
        min: u32,
        /// Most digits.
        max: u32,
    },
    /// A number outside the permitted range.
    Range {
        /// Smallest permitted.
        min: i64,
        /// Largest permitted.
        max: i64,
    },
    /// Not one of the LIST values.
    UnknownValue(&'static [&'static str]),
    /// Not a calendar date written YYYYMMDD.
    Date,
    /// Not a code of the named standard (ISO 4217, ISO 3166-1 alpha-2, ISO 639-1).
    Code(&'static str),
    /// Empty where the table gives no format but a value is expected.
    Empty,
    /// More array elements than the table permits.
    TooMany {
        /// Most elements.
        max: u32,
    },
    /// A character that the request's declared encoding cannot carry.
    Charset(&'static str),
    /// A JSON member of the wrong type (v2 API); the text names the expected type.
    JsonType(&'static str),
    /// The parameter belongs to a payment-method block that `clearingtype` does not select.
    NotSelected {
        /// The selecting parameter.
        selector: &'static str,
        /// The value that would select the block.
        value: &'static str,
    },
    /// A conditional rule of the table (`[[rule]]`) that the parameters together break: the
    /// violation names the parameters the rule is about.
    Conditional(&'static crate::condition::Condition),
}

/// A rule alone, without the parameter it applies to; a value type's `try_new` and `FromStr`
/// return a [`Violation`], which names it.
impl std::error::Error for Rule {}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Rule::Missing => f.write_str("required parameter is missing"),
            Rule::Unknown => f.write_str("not a parameter of this request"),
            Rule::Duplicate => f.write_str("given more than once"),
            Rule::Length { min, max } if min == max => {
                write!(f, "must be exactly {min} characters long")
            }
            Rule::Length { min, max } => write!(f, "must be {min} to {max} characters long"),
            Rule::LengthOneOf(lengths) => {
                f.write_str("must be ")?;
                for (i, n) in lengths.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{n}")?;
                }
                f.write_str(" characters long")
            }
            Rule::Symbols(symbols) => {
                write!(
                    f,
                    "contains a character outside the permitted symbols {symbols}"
                )
            }
            Rule::Lowercase => f.write_str("must be lower case"),
            Rule::Email => f.write_str("must be an e-mail address (RFC 5322)"),
            Rule::IbanCheckDigits => {
                f.write_str("must carry valid IBAN check digits (ISO 13616, mod 97)")
            }
            Rule::NotNumeric => f.write_str("must be a decimal number"),
            Rule::Digits { min, max } if min == max => write!(f, "must have exactly {min} digits"),
            Rule::Digits { min, max } => write!(f, "must have {min} to {max} digits"),
            Rule::Range { min, max } => write!(f, "must be between {min} and {max}"),
            Rule::UnknownValue(values) => {
                f.write_str("unknown value; permitted: ")?;
                f.write_str(&values.join(", "))
            }
            Rule::Date => f.write_str("must be a calendar date written YYYYMMDD"),
            Rule::Code(standard) => write!(f, "must be an {standard} code"),
            Rule::Empty => f.write_str("must not be empty"),
            Rule::TooMany { max } => write!(f, "at most {max} elements are permitted"),
            Rule::Charset(charset) => {
                write!(f, "contains a character that {charset} cannot carry")
            }
            Rule::JsonType(expected) => write!(f, "must be {expected}"),
            Rule::NotSelected { selector, value } => {
                write!(f, "only permitted with {selector}={value}")
            }
            Rule::Conditional(condition) => condition.fmt(f),
        }
    }
}

/// One parameter that breaks one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The wire name, with the index for array elements (`de[3]`).
    pub param: Cow<'static, str>,
    /// The rule broken.
    pub rule: Rule,
}

impl Violation {
    /// A violation of `rule` by `param`.
    pub fn new(param: impl Into<Cow<'static, str>>, rule: Rule) -> Self {
        Violation {
            param: param.into(),
            rule,
        }
    }

    /// A violation of `rule` by the parameter a value type is named after; usable in a `const`
    /// (a value type's `try_new` on numbers is one).
    pub const fn named(param: &'static str, rule: Rule) -> Self {
        Violation {
            param: Cow::Borrowed(param),
            rule,
        }
    }
}

impl std::error::Error for Violation {}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.param, self.rule)
    }
}

/// Every violation found in one request: validation never stops at the first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Violations(Vec::new())
    }

    /// Records a violation.
    pub fn push(&mut self, param: impl Into<Cow<'static, str>>, rule: Rule) {
        self.0.push(Violation::new(param, rule));
    }

    /// Records the outcome of one check.
    pub fn check<T>(
        &mut self,
        param: impl Into<Cow<'static, str>>,
        result: Result<T, Rule>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(rule) => {
                self.push(param, rule);
                None
            }
        }
    }

    /// Takes over the violations of another check.
    pub fn extend(&mut self, other: Violations) {
        self.0.extend(other.0);
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing was found, else these violations.
    pub fn into_result<T>(self, value: T) -> Result<T, Violations> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Violations {
    /// One line per violation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
