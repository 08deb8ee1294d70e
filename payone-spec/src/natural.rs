//! Natural order of parameter names: digit runs compare by value, so `de[2]` sorts before
//! `de[10]`. The Frontend and Client API hashes concatenate values in this order.

use std::cmp::Ordering;

/// Compares two parameter names in natural order.
///
/// Runs of ASCII digits compare as numbers (leading zeros break ties, fewer first); every other
/// character compares by its code point.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let (ea, eb) = (digit_run_end(a, i), digit_run_end(b, j));
            let ordering = compare_digit_runs(&a[i..ea], &b[j..eb]);
            if ordering != Ordering::Equal {
                return ordering;
            }
            i = ea;
            j = eb;
        } else {
            match a[i].cmp(&b[j]) {
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                }
                other => return other,
            }
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn digit_run_end(s: &[u8], start: usize) -> usize {
    start + s[start..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn compare_digit_runs(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
    let (za, zb) = (strip(a), strip(b));
    let (va, vb) = (&a[za..], &b[zb..]);
    va.len()
        .cmp(&vb.len())
        .then_with(|| va.cmp(vb))
        .then_with(|| za.cmp(&zb))
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::*;

    #[test]
    fn indices_compare_by_value() {
        assert_eq!(natural_cmp("de[2]", "de[10]"), Less);
        assert_eq!(natural_cmp("de[10]", "de[9]"), Greater);
        assert_eq!(natural_cmp("de[10]", "de[10]"), Equal);
    }

    #[test]
    fn names_compare_by_code_point() {
        assert_eq!(natural_cmp("de[12]", "display_name"), Less);
        assert_eq!(natural_cmp("id[3]", "id_trail[1]"), Less);
        assert_eq!(natural_cmp("aid", "amount"), Less);
        assert_eq!(natural_cmp("api_version", "amount"), Greater);
        assert_eq!(natural_cmp("no", "no[1]"), Less);
    }

    #[test]
    fn sorting_a_basket() {
        let mut names: Vec<String> = (1..=12).map(|i| format!("de[{i}]")).collect();
        names.reverse();
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names[1], "de[2]");
        assert_eq!(names[9], "de[10]");
    }
}
