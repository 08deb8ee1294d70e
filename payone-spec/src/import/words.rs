//! What a row's own words say beyond its Format line: the largest index of an indexed parameter,
//! the standard a LIST takes its codes from, the values a row fixes, and whether a bracketed name
//! is a keyed parameter. Every layout's rows are read with these rules, so a page the overlay
//! has never seen still gives arrays, standards and fixed values.

/// The largest index of an indexed parameter (`it[n]`) as its description states it: a line
/// that speaks of the array (`Array elements [n] starting with [1]; serially numbered; max
/// [400]`, `Array`, `[n]`) and names its maximum as `max [400]`, `max. 400`, `max: 400` or
/// `maximum 400`. `None` when no line says so, or when two lines disagree.
pub(super) fn array_max<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<u32> {
    let mut found: Option<u32> = None;
    for line in lines {
        let lower = line.to_ascii_lowercase();
        if !(lower.contains("array") || lower.contains("[n]")) {
            continue;
        }
        let Some(max) = max_after_keyword(&lower) else {
            continue;
        };
        match found {
            Some(other) if other != max => return None,
            _ => found = Some(max),
        }
    }
    found
}

/// The number after `max` / `maximum` in `line` (lower case): `max [400]`, `max. 400`, `max:
/// 400`, `maximum [100]`.
fn max_after_keyword(line: &str) -> Option<u32> {
    let mut rest = line;
    while let Some(at) = rest.find("max") {
        // `max` must start a word (`climax` is none).
        let starts_word = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        let after = &rest[at + 3..];
        let after = after.strip_prefix("imum").unwrap_or(after);
        let number = after.trim_start_matches(['.', ':', ' ', '[']);
        let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
        if starts_word && !digits.is_empty() {
            return digits.parse().ok().filter(|&n| n > 0);
        }
        rest = &rest[at + 3..];
    }
    None
}

/// The standard whose codes a LIST row takes, as its words name it (`Permitted values ISO 4217
/// (currencies) 3-letter-codes`, `ISO 3166-1 alpha-2`, `ISO 639-1`), written as a table's
/// `values_from`. `None` when no line names one, or when the lines name two different ones.
pub(super) fn standard<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for line in lines {
        let upper = line.to_ascii_uppercase().replace(['-', '_'], " ");
        for (code, standard) in [
            ("ISO 4217", "ISO 4217"),
            ("ISO 3166", "ISO 3166-1 alpha-2"),
            ("ISO 639", "ISO 639-1"),
        ] {
            if upper.contains(code) {
                match found {
                    Some(other) if other != standard => return None,
                    _ => found = Some(standard),
                }
            }
        }
    }
    found
}

/// The values of a `Fixed Value` cell (`Fixed Value: authorization`, `Fixed Value
/// elv/cc/rec`, `Fixed Value test/live`): the words between `/`. `None` when a part is empty or
/// holds white space (prose, not values).
pub(super) fn fixed_values(cell: &str) -> Option<Vec<String>> {
    let values: Vec<String> = cell.split('/').map(|v| v.trim().to_owned()).collect();
    let good = values
        .iter()
        .all(|v| !v.is_empty() && !v.contains(char::is_whitespace));
    let mut unique = values.clone();
    unique.sort();
    unique.dedup();
    (good && unique.len() == values.len()).then_some(values)
}

/// How a name with brackets reads: `it[n]` is indexed, `add_paydata[action]` is keyed (the
/// table keeps the whole name, as genericpayment's `add_paydata[action]`), anything else in
/// brackets (`add_paydata[..._entity_type]`, a placeholder) is no wire name.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Bracketed<'a> {
    /// No brackets.
    Plain(&'a str),
    /// `name[n]`: the name without `[n]`.
    Indexed(&'a str),
    /// `name[key]`: one key of a keyed parameter, kept whole.
    Keyed(&'a str),
    /// Brackets that hold no key.
    Invalid,
}

/// Reads `written` (a name as the page writes it).
pub(super) fn bracketed(written: &str) -> Bracketed<'_> {
    if let Some(base) = written.strip_suffix("[n]") {
        return if !base.is_empty() && !base.contains(['[', ']']) {
            Bracketed::Indexed(base)
        } else {
            Bracketed::Invalid
        };
    }
    if !written.contains(['[', ']']) {
        return Bracketed::Plain(written);
    }
    let keyed = written.split_once('[').and_then(|(base, rest)| {
        let key = rest.strip_suffix(']')?;
        let ident = |s: &str| {
            s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        (ident(base) && ident(key)).then_some(written)
    });
    keyed.map_or(Bracketed::Invalid, Bracketed::Keyed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_maxima_in_the_phrasings_pages_use() {
        let frontend = "Array elements [n] starting with [1]; serially numbered; max [400]";
        assert_eq!(array_max([frontend]), Some(400));
        assert_eq!(
            array_max(["Array", "elements [n] from 1, max. 100"]),
            Some(100)
        );
        assert_eq!(array_max(["Array [n], maximum [12]"]), Some(12));
        assert_eq!(array_max(["Array: max: 7"]), Some(7));
        // No array word: a maximum of something else.
        assert_eq!(array_max(["max. 255 characters"]), None);
        assert_eq!(array_max(["Array elements [n] starting with [1]"]), None);
        assert_eq!(array_max(["Array max [0]"]), None);
        assert_eq!(array_max(["Array max [4]", "Array max [5]"]), None);
        assert_eq!(array_max(["Array climax 4"]), None);
    }

    #[test]
    fn standards_by_their_numbers() {
        assert_eq!(
            standard(["Permitted values", " ISO 4217 (currencies) 3-letter-codes"]),
            Some("ISO 4217")
        );
        assert_eq!(standard(["Country (ISO-3166)"]), Some("ISO 3166-1 alpha-2"));
        assert_eq!(
            standard(["Language ISO 639-1 two letters"]),
            Some("ISO 639-1")
        );
        assert_eq!(standard(["ISO-8859-1 Default"]), None);
        assert_eq!(standard(["ISO 4217 or ISO 3166"]), None);
    }

    #[test]
    fn fixed_values_are_words_between_slashes() {
        assert_eq!(
            fixed_values("test/live"),
            Some(vec!["test".into(), "live".into()])
        );
        assert_eq!(
            fixed_values("authorization"),
            Some(vec!["authorization".into()])
        );
        assert_eq!(fixed_values("one of a/b"), None);
        assert_eq!(fixed_values("a//b"), None);
        assert_eq!(fixed_values("a/a"), None);
    }

    #[test]
    fn brackets_index_or_key() {
        assert_eq!(bracketed("it[n]"), Bracketed::Indexed("it"));
        assert_eq!(bracketed("amount"), Bracketed::Plain("amount"));
        assert_eq!(
            bracketed("add_paydata[action]"),
            Bracketed::Keyed("add_paydata[action]")
        );
        assert_eq!(bracketed("add_paydata[..._type]"), Bracketed::Invalid);
        assert_eq!(bracketed("a[b][n]"), Bracketed::Invalid);
        assert_eq!(bracketed("a[b]c"), Bracketed::Invalid);
        assert_eq!(bracketed("[n]"), Bracketed::Invalid);
    }
}
