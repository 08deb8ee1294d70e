//! Values that a parameter can carry: how they are read from and written to the wire.

use std::borrow::Cow;

use crate::rule::Rule;

/// A typed parameter value.
pub trait ParamValue: Sized {
    /// Whether the value must never be printed (card numbers, CVC, IBAN, keys).
    const SENSITIVE: bool = false;

    /// Whether the v2 JSON API writes the value as a JSON number (`NUMERIC` formats held as
    /// integers) rather than a string.
    const JSON_NUMBER: bool = false;

    /// The Format line of the table.
    const FORMAT: &'static str;

    /// Reads and checks a value as the wire carries it.
    fn parse_param(s: &str) -> Result<Self, Rule>;

    /// The value as the wire carries it.
    fn param_value(&self) -> Cow<'_, str>;

    /// Checks a wire value without keeping it.
    fn check_param(s: &str) -> Result<(), Rule> {
        Self::parse_param(s).map(drop)
    }
}

/// A calendar date written `YYYYMMDD` on the wire (`DATE(8)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// A date from year, month and day; in a `const` a wrong date is a compile error.
    ///
    /// # Panics
    /// When the date does not exist; use [`Date::try_from_ymd`] for runtime data.
    pub const fn from_ymd(year: i32, month: u8, day: u8) -> Date {
        match Date::try_from_ymd(year, month, day) {
            Ok(date) => date,
            Err(_) => panic!("not a calendar date"),
        }
    }

    /// A date from year, month and day, or [`Rule::Date`] when it does not exist.
    pub const fn try_from_ymd(year: i32, month: u8, day: u8) -> Result<Date, Rule> {
        if year < 1000 || year > 9999 {
            return Err(Rule::Date);
        }
        use time::Month::*;
        let month = match month {
            1 => January,
            2 => February,
            3 => March,
            4 => April,
            5 => May,
            6 => June,
            7 => July,
            8 => August,
            9 => September,
            10 => October,
            11 => November,
            12 => December,
            _ => return Err(Rule::Date),
        };
        match time::Date::from_calendar_date(year, month, day) {
            Ok(date) => Ok(Date(date)),
            Err(_) => Err(Rule::Date),
        }
    }

    /// The underlying `time::Date`.
    pub const fn get(self) -> time::Date {
        self.0
    }
}

impl ParamValue for Date {
    const FORMAT: &'static str = "DATE(8), YYYYMMDD";

    fn parse_param(s: &str) -> Result<Self, Rule> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Rule::Date);
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<i32>().map_err(|_| Rule::Date);
        Date::try_from_ymd(n(0..4)?, n(4..6)? as u8, n(6..8)? as u8)
    }

    fn param_value(&self) -> Cow<'_, str> {
        let d = self.0;
        Cow::Owned(format!(
            "{:04}{:02}{:02}",
            d.year(),
            d.month() as u8,
            d.day()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_reject_impossible_days() {
        let d = Date::parse_param("19600707").unwrap();
        assert_eq!(d.param_value(), "19600707");
        assert_eq!(Date::parse_param("20230229"), Err(Rule::Date));
        assert!(Date::parse_param("20240229").is_ok());
        assert_eq!(Date::parse_param("2024-2-1"), Err(Rule::Date));
    }
}
