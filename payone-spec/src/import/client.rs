//! The Client API layout (the Client API page "General Interface Definitions"): a definition list
//! of rows, see [`read_client`].

use super::skipped::{PROSE, SkipLog, Skipped};
use super::{ImportError, PageRow};
use crate::model::{ListValue, Required};

/// Reads the rows of a page in the layout of the Client API page "General Interface Definitions": a
/// definition list where each row is its name line, a `required` / `optional` line, usually a
/// `Format X` or `Format: X` line, `Permitted Symbols X`, and prose; LIST values follow as `- X`
/// bullets (read) or as a `Value Comment` table whose cells and the row's description that
/// follows it cannot be told apart (kept in `rest`; the values must come from the overlay). The
/// page has no UsedInHash column: every row is `hash = false` (the requests name their hash
/// fields). A heading is a line followed by an introduction ending in `:` (`Standard parameter`
/// / `The following parameters are mandatory for each request:`). The page ends at `---end`.
/// The prose outside the rows (introductions, what follows `---end`) comes back as [`Skipped`]
/// ranges; a `Format` line outside any row is an error (a row that lost its name line).
pub fn read_client(text: &str) -> (Vec<PageRow>, Vec<ImportError>, Vec<Skipped>) {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .iter()
        .position(|l| l.trim() == "---end")
        .unwrap_or(lines.len());
    let next_nonblank = |from: usize| (from..end).find(|&j| !lines[j].trim().is_empty());
    let looks_like_name = |l: &str| {
        l.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_[]".contains(c))
    };
    let required_of = |l: &str| match l.trim() {
        "required" => Some(Required::Yes),
        "optional" => Some(Required::No),
        _ => None,
    };
    let format_of = |l: &str| {
        let rest = l.strip_prefix("Format")?;
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (rest.starts_with(' ') && !rest.trim().is_empty()).then(|| rest.trim().to_owned())
    };
    let is_heading = |i: usize| {
        let l = lines[i].trim();
        !l.ends_with(['.', ':', ',', ')'])
            && !looks_like_name(l)
            && next_nonblank(i + 1).is_some_and(|j| lines[j].trim_end().ends_with(':'))
    };
    let mut rows: Vec<PageRow> = Vec::new();
    let mut errors = Vec::new();
    let mut heading: Option<String> = None;
    // In the current row: 0 before a value table, 1 inside one; 2 outside any row (after a
    // heading, before the first one); 3 an unreadable row (reported, its lines skipped).
    let mut state = 2;
    let mut skipped = SkipLog::default();
    let mut i = 0;
    while i < end {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if looks_like_name(l)
            && let Some(j) = next_nonblank(i + 1)
        {
            if let Some(required) = required_of(lines[j]) {
                match heading.clone() {
                    Some(h) => {
                        rows.push(PageRow::opened(i + 1, h, l, required, false));
                        state = 0;
                    }
                    None => {
                        errors.push(ImportError {
                            line: i + 1,
                            message: format!("parameter `{l}` before any section heading"),
                        });
                        state = 3;
                    }
                }
                i = j + 1;
                continue;
            }
            if format_of(lines[j].trim()).is_some() {
                errors.push(ImportError {
                        line: i + 1,
                        message: format!(
                            "`{l}` has no required/optional line (a truncated row: its Format line follows at line {})",
                            j + 1
                        ),
                    });
                state = 3;
                i = j + 1;
                continue;
            }
        }
        if is_heading(i) {
            heading = Some(l.to_owned());
            state = 2;
            i += 1;
            continue;
        }
        if state == 3 {
            // The rest of a row that could not be read: its problem is reported.
            i += 1;
            continue;
        }
        if state == 2 {
            if format_of(l).is_some() {
                errors.push(ImportError {
                    line: i + 1,
                    message: "a Format line outside any row: a row without its name line?"
                        .to_owned(),
                });
                state = 3;
            } else {
                skipped.line(i + 1, PROSE);
            }
            i += 1;
            continue;
        }
        let row = rows.last_mut().expect("a row");
        if let Some(f) = format_of(l) {
            if row.format.is_some() {
                errors.push(ImportError {
                    line: i + 1,
                    message: format!(
                        "`{}`: a second Format line (a row without its name line?)",
                        row.name
                    ),
                });
            } else {
                row.format = Some((i + 1, f));
            }
        } else if let Some(s) = l.strip_prefix("Permitted Symbols ") {
            row.symbols = Some(s.trim().to_owned());
        } else if let Some(v) = l
            .strip_prefix("- ")
            .filter(|_| state == 0 && row.format.as_ref().is_some_and(|(_, f)| f == "LIST"))
        {
            row.values.push(ListValue {
                value: v.trim().to_owned(),
                doc: None,
                not_for: Vec::new(),
                note: None,
                rust: None,
            });
        } else if state == 0
            && row.doc.is_empty()
            && row.format.as_ref().is_some_and(|(_, f)| f == "LIST")
            && l.split_whitespace().any(|w| w == "Comment")
        {
            // `Value Comment`: a table header; its cells and the description after it run on.
            state = 1;
            row.rest.push(l.to_owned());
        } else if state == 1 {
            row.rest.push(l.to_owned());
        } else {
            row.doc.push(l.to_owned());
        }
        i += 1;
    }
    for (k, line) in lines.iter().enumerate().skip(end + 1) {
        if !line.trim().is_empty() {
            skipped.line(k + 1, "after the `---end` marker: not read");
        }
    }
    (rows, errors, skipped.finish(&lines))
}
