//! Which Rust type a row generates and which values it accepts: what tells a widening format
//! change (minor) from a narrowing one or a change of type (major).
//!
//! The type follows the generator's choice (`value_kind` in `generate`): LIST rows with values
//! become enums, LISTs of a standard its type, unlisted LISTs, `CHAR`, `TEXT`, `AN` and
//! `repr = "digits"` rows a text newtype, `NUMERIC` / `N` an integer (`u32` up to 9 digits, `u64`
//! above, `i64` when the range is signed), `DATE(8)` a date. Within one type the accepted
//! values are compared as sets, each constraint on its own (format, value range, symbols): a
//! row accepts the values every constraint accepts, so widening one constraint widens the row.

use crate::format::{Format, Length, Symbols, ValueRange};
use crate::model::ParamSpec;

/// How the values accepted after a change relate to those accepted before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Compare {
    /// The same values (the text was rewritten).
    Same,
    /// Every value accepted before still is, and more are.
    Widens,
    /// Fewer values: every value accepted now was accepted before.
    Narrows,
    /// Some values accepted before are refused now, others are newly accepted.
    Shifts,
}

/// What a change of one constraint does to the generated API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Judgement {
    /// The generated field type changes (old, new).
    ChangesType(String, String),
    /// The type stays; the accepted values compare so.
    Values(Compare, String),
    /// One side does not parse (the loader reports it): nothing can be said.
    Unknown,
}

/// The generated value type of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ValueType {
    Text,
    Integer(&'static str),
    Date,
    Enum,
    Standard(String),
}

impl ValueType {
    fn name(&self) -> String {
        match self {
            ValueType::Text => "text".to_owned(),
            ValueType::Integer(int) => (*int).to_owned(),
            ValueType::Date => "a date".to_owned(),
            ValueType::Enum => "a LIST enum".to_owned(),
            ValueType::Standard(standard) => format!("the {standard} type"),
        }
    }

    fn of(p: &ParamSpec) -> Option<ValueType> {
        Some(match Format::parse(&p.format).ok()? {
            Format::List => match &p.values_from {
                Some(standard) => ValueType::Standard(standard.clone()),
                None if p.unlisted => ValueType::Text,
                None => ValueType::Enum,
            },
            Format::Numeric(_) if p.repr.is_some() => ValueType::Text,
            Format::Numeric(n) => {
                let range = p.range.as_deref().map(ValueRange::parse).transpose().ok()?;
                if range.is_some_and(|r| r.signed) {
                    ValueType::Integer("i64")
                } else if n.max_digits <= 9 {
                    ValueType::Integer("u32")
                } else {
                    ValueType::Integer("u64")
                }
            }
            Format::Char(_) | Format::Text => ValueType::Text,
            Format::Date8 => ValueType::Date,
        })
    }
}

/// Both types, or the judgement that ends the comparison there.
fn types(old: &ParamSpec, new: &ParamSpec) -> Result<ValueType, Judgement> {
    match (ValueType::of(old), ValueType::of(new)) {
        (Some(o), Some(n)) if o == n => Ok(o),
        (Some(o), Some(n)) => Err(Judgement::ChangesType(o.name(), n.name())),
        _ => Err(Judgement::Unknown),
    }
}

/// A change of the Format line.
pub(super) fn format_change(old: &ParamSpec, new: &ParamSpec) -> Judgement {
    let ty = match types(old, new) {
        Ok(ty) => ty,
        Err(judgement) => return judgement,
    };
    let compare = match (&ty, accepts(old), accepts(new)) {
        (ValueType::Text, Some(Accepts::Text(o)), Some(Accepts::Text(n))) => {
            compare(&o, &n, TextSet::within)
        }
        (ValueType::Integer(_), Some(Accepts::Magnitude(o)), Some(Accepts::Magnitude(n))) => {
            compare(&o, &n, Interval::within)
        }
        // A date, an enum or a standard's type accept what the type accepts, whatever the text.
        (ValueType::Date | ValueType::Enum | ValueType::Standard(_), _, _) => Compare::Same,
        _ => return Judgement::Unknown,
    };
    Judgement::Values(compare, ty.name())
}

/// A change of the value range (`range`).
pub(super) fn range_change(old: &ParamSpec, new: &ParamSpec) -> Judgement {
    let ty = match types(old, new) {
        Ok(ty) => ty,
        Err(judgement) => return judgement,
    };
    let interval = |p: &ParamSpec| -> Option<Interval> {
        let Some(range) = &p.range else {
            return Some(Interval::ALL);
        };
        let r = ValueRange::parse(range).ok()?;
        let max = i128::from(r.max);
        Some(match (r.signed, r.min) {
            (true, _) => Interval { lo: -max, hi: max },
            (false, min) => Interval {
                lo: min.map_or(0, i128::from),
                hi: max,
            },
        })
    };
    match (interval(old), interval(new)) {
        (Some(o), Some(n)) => Judgement::Values(compare(&o, &n, Interval::within), ty.name()),
        _ => Judgement::Unknown,
    }
}

/// A change of the permitted symbols (`None`: any character).
pub(super) fn symbols_change(old: Option<&str>, new: Option<&str>) -> Option<Compare> {
    let parse = |s: Option<&str>| s.map(Symbols::parse).transpose();
    let (old, new) = (parse(old).ok()?, parse(new).ok()?);
    let within = |a: &Option<Symbols>, b: &Option<Symbols>| match (a, b) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(Symbols::Email), Some(Symbols::Email)) => true,
        // E-mail addresses are checked as a whole: neither side contains the other.
        (Some(Symbols::Email), Some(Symbols::Set(_)))
        | (Some(Symbols::Set(_)), Some(Symbols::Email)) => false,
        (Some(Symbols::Set(ranges)), Some(b @ Symbols::Set(_))) => ranges
            .iter()
            .all(|&(lo, hi)| (lo..=hi).all(|c| b.permits(c))),
    };
    Some(compare(&old, &new, |a, b| within(a, b)))
}

/// Same, wider, narrower or neither, from "is `a` within `b`".
fn compare<T>(old: &T, new: &T, within: impl Fn(&T, &T) -> bool) -> Compare {
    match (within(old, new), within(new, old)) {
        (true, true) => Compare::Same,
        (true, false) => Compare::Widens,
        (false, true) => Compare::Narrows,
        (false, false) => Compare::Shifts,
    }
}

/// The values the Format line alone accepts.
enum Accepts {
    Text(TextSet),
    /// Integers: the absolute values (the sign is the range's business).
    Magnitude(Interval),
}

fn accepts(p: &ParamSpec) -> Option<Accepts> {
    let any = Lengths::Range(1, None);
    Some(match Format::parse(&p.format).ok()? {
        Format::Char(c) => Accepts::Text(TextSet {
            lengths: match c.length {
                Length::Range { min, max } => Lengths::Range(min, Some(max)),
                Length::OneOf(lengths) => Lengths::OneOf(lengths),
            },
            lowercase: c.lowercase,
            digits: None,
        }),
        Format::Text | Format::List => Accepts::Text(TextSet {
            lengths: any,
            lowercase: false,
            digits: None,
        }),
        Format::Numeric(n) if p.repr.is_some() => Accepts::Text(TextSet {
            lengths: Lengths::Range(n.min_digits, Some(n.max_digits)),
            lowercase: false,
            digits: Some(largest(n.max_digits, n.max_value)),
        }),
        Format::Numeric(n) => Accepts::Magnitude(Interval {
            lo: if n.min_digits <= 1 {
                0
            } else {
                10i128.pow(n.min_digits - 1)
            },
            hi: largest(n.max_digits, n.max_value),
        }),
        Format::Date8 => return None,
    })
}

/// The largest value of `digits` digits, or the page's maximum when it is lower.
fn largest(digits: u32, max_value: Option<u64>) -> i128 {
    let by_digits = 10i128.pow(digits) - 1;
    max_value.map_or(by_digits, |m| by_digits.min(i128::from(m)))
}

/// Text values: lengths in characters, letter case, digits only (with the largest value).
struct TextSet {
    lengths: Lengths,
    lowercase: bool,
    digits: Option<i128>,
}

impl TextSet {
    fn within(&self, other: &TextSet) -> bool {
        // A digit string has no letters, so it meets `lowercase` too.
        let case = !other.lowercase || self.lowercase || self.digits.is_some();
        let digits = match (self.digits, other.digits) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a <= b,
        };
        case && digits && self.lengths.within(&other.lengths)
    }
}

/// Permitted lengths: a range (`None`: unbounded) or a list.
enum Lengths {
    Range(u32, Option<u32>),
    OneOf(Vec<u32>),
}

impl Lengths {
    fn contains(&self, n: u32) -> bool {
        match self {
            Lengths::Range(min, max) => *min <= n && max.is_none_or(|m| n <= m),
            Lengths::OneOf(list) => list.contains(&n),
        }
    }

    fn within(&self, other: &Lengths) -> bool {
        match (self, other) {
            (Lengths::Range(a, None), Lengths::Range(b, None)) => b <= a,
            (Lengths::Range(_, None), _) => false,
            (Lengths::Range(min, Some(max)), _) => (*min..=*max).all(|n| other.contains(n)),
            (Lengths::OneOf(list), _) => list.iter().all(|&n| other.contains(n)),
        }
    }
}

/// A closed interval of integers.
#[derive(Clone, Copy)]
struct Interval {
    lo: i128,
    hi: i128,
}

impl Interval {
    const ALL: Interval = Interval {
        lo: i128::MIN,
        hi: i128::MAX,
    };

    fn within(&self, other: &Interval) -> bool {
        other.lo <= self.lo && self.hi <= other.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(format: &str) -> ParamSpec {
        toml::from_str(&format!(
            "name = \"x\"\ngroup = \"g\"\nrequired = \"no\"\nformat = \"{format}\""
        ))
        .expect("row")
    }

    fn with(format: &str, f: impl FnOnce(&mut ParamSpec)) -> ParamSpec {
        let mut p = row(format);
        f(&mut p);
        p
    }

    fn values(old: &ParamSpec, new: &ParamSpec) -> Compare {
        match format_change(old, new) {
            Judgement::Values(c, _) => c,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_formats() {
        let c = |a: &str, b: &str| values(&row(a), &row(b));
        assert_eq!(c("CHAR(1..20)", "CHAR(1..30)"), Compare::Widens);
        assert_eq!(c("AN, 30", "AN, 40"), Compare::Widens);
        assert_eq!(c("AN, 40", "AN, 30"), Compare::Narrows);
        assert_eq!(c("AN, 30", "CHAR(1..30)"), Compare::Same);
        assert_eq!(c("AN, 20 (min2)", "AN, 20"), Compare::Widens);
        assert_eq!(c("CHAR(2..10)", "CHAR(1..5)"), Compare::Shifts);
        assert_eq!(c("CHAR(1..20)", "TEXT"), Compare::Widens);
        assert_eq!(c("AN", "AN, 10"), Compare::Narrows);
        assert_eq!(c("CHAR(8 or 11)", "CHAR(8..11)"), Compare::Widens);
        assert_eq!(c("CHAR(8..11)", "CHAR(8 or 11)"), Compare::Narrows);
        assert_eq!(c("CHAR(1..96) lowercase", "CHAR(1..96)"), Compare::Widens);
        assert_eq!(c("CHAR(1..96)", "CHAR(1..96) lowercase"), Compare::Narrows);
        // A digit string widens to any text of the same lengths.
        let digits = with("NUMERIC(3..4)", |p| p.repr = Some("digits".into()));
        assert_eq!(values(&digits, &row("CHAR(3..4)")), Compare::Widens);
        assert_eq!(values(&row("CHAR(3..4)"), &digits), Compare::Narrows);
    }

    #[test]
    fn integer_formats() {
        let c = |a: &str, b: &str| values(&row(a), &row(b));
        assert_eq!(c("NUMERIC(5..6)", "NUMERIC(4..9)"), Compare::Widens);
        assert_eq!(c("N, 15", "N, 12"), Compare::Narrows);
        assert_eq!(c("N, 5", "NUMERIC(5)"), Compare::Same);
        assert_eq!(
            c("NUMERIC(10) max. 19 999 999 99", "NUMERIC(10)"),
            Compare::Widens
        );
        assert_eq!(
            format_change(&row("NUMERIC(5..6)"), &row("NUMERIC(5..12)")),
            Judgement::ChangesType("u32".into(), "u64".into())
        );
        assert_eq!(
            format_change(&row("NUMERIC(5..6)"), &row("CHAR(5..6)")),
            Judgement::ChangesType("u32".into(), "text".into())
        );
        assert_eq!(
            format_change(&row("WIDGET(3)"), &row("CHAR(3)")),
            Judgement::Unknown
        );
    }

    #[test]
    fn value_ranges() {
        let r = |range: Option<&str>| with("N, 2", |p| p.range = range.map(str::to_owned));
        let c = |a, b| match range_change(&r(a), &r(b)) {
            Judgement::Values(c, _) => c,
            other => panic!("{other:?}"),
        };
        assert_eq!(c(Some("30..90"), Some("20..90")), Compare::Widens);
        assert_eq!(c(Some("30..90"), Some("30..60")), Compare::Narrows);
        assert_eq!(c(Some("30..90"), None), Compare::Widens);
        assert_eq!(c(Some("max. 99"), Some("0..99")), Compare::Same);
        assert_eq!(
            range_change(&r(Some("max. 99")), &r(Some("max. +/- 99"))),
            Judgement::ChangesType("u32".into(), "i64".into())
        );
    }

    #[test]
    fn symbol_sets() {
        let c = |a: Option<&str>, b: Option<&str>| symbols_change(a, b).expect("parses");
        assert_eq!(
            c(Some("[0-9][a-z]"), Some("[0-9][a-z][A-Z]")),
            Compare::Widens
        );
        assert_eq!(
            c(Some("[0-9][a-z][A-Z], .,-,_,/"), Some("[0-9][a-z][A-Z]")),
            Compare::Narrows
        );
        assert_eq!(c(Some("[0-9, a-z]"), Some("[0-9][a-z]")), Compare::Same);
        assert_eq!(c(None, Some("[0-9]")), Compare::Narrows);
        assert_eq!(c(Some("[0-9]"), None), Compare::Widens);
        assert_eq!(c(Some("RFC 5322"), Some("[0-9]")), Compare::Shifts);
        assert_eq!(symbols_change(Some("[0-9"), None), None);
    }
}
