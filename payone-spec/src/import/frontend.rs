//! The Frontend layout (the Frontend parameter page): section headings (`Common Parameter`,
//! `Parameter ( ... )`), then per row the name line, the Required and UsedInHash marker lines (`+`
//! / `-` / `o`), the description, `Format` and its line, `Permitted Symbols` and its line. A LIST's
//! two-column value table (`valueComment`, then each value on its line and its comment on the lines
//! after it) is read into values; the tables with more columns run their cells together
//! (`ccCredit card`) and stay in the row's notes for the overlay to replace.

use super::skipped::{PROSE, SkipLog, Skipped};
use super::{ImportError, PageRow};
use crate::model::{ListValue, Required};

/// The header of a two-column value table: `valueComment` (`ValueComment`), the cells run
/// together. Longer headers (`valueCommentDescription / Comments`) have more columns.
fn is_value_table_header(line: &str) -> bool {
    line.eq_ignore_ascii_case("valuecomment")
}

/// One line of a two-column value table: a value is one word (`live`, `ISO-8859-1`, `Y`); a
/// line with spaces is the comment of the value above it (its first line the `doc`, further
/// lines the `note`). The header waits in the row's notes until a value shows the table is
/// readable; a comment before any value (`livelive mode`: cells run together) stays there with
/// it.
fn value_table_line(row: &mut PageRow, line: &str) {
    if !line.contains(char::is_whitespace) {
        if row.values.is_empty() && row.rest.len() == 1 {
            row.rest.clear();
        }
        row.values.push(ListValue {
            value: line.to_owned(),
            doc: None,
            not_for: Vec::new(),
            note: None,
            rust: None,
        });
        return;
    }
    match row.values.last_mut() {
        Some(value) if value.doc.is_none() => value.doc = Some(line.to_owned()),
        Some(value) => {
            let note = value.note.get_or_insert_with(String::new);
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(line);
        }
        None => row.rest.push(line.to_owned()),
    }
}

fn marker(s: &str) -> Option<Required> {
    match s.trim() {
        "+" => Some(Required::Yes),
        "-" => Some(Required::No),
        "o" => Some(Required::Conditional),
        _ => None,
    }
}

/// Reads the rows of a page in the layout of the Frontend parameter page; the prose it reads past
/// comes back as [`Skipped`] ranges. A bare parameter-like word among the notes of a row that is no
/// LIST is an error: a row that lost its marker lines (and has no Format line to reveal it).
pub fn read_frontend(text: &str) -> (Vec<PageRow>, Vec<ImportError>, Vec<Skipped>) {
    let lines: Vec<&str> = text.lines().collect();
    let next_nonblank = |from: usize, n: usize| -> Vec<usize> {
        (from..lines.len())
            .filter(|&j| !lines[j].trim().is_empty())
            .take(n)
            .collect()
    };
    // The two marker cells after a name: the next lines that are not empty. A cell holding only
    // white space (the Frontend parameter page's `hash` row writes its UsedInHash cell as a
    // no-break space) is an empty UsedInHash cell; the Required cell must carry a marker.
    let marker_cells = |from: usize| -> Option<(usize, usize)> {
        let cells: Vec<usize> = (from..lines.len())
            .filter(|&j| !lines[j].is_empty())
            .take(2)
            .collect();
        match cells[..] {
            [r, h]
                if marker(lines[r]).is_some()
                    && (marker(lines[h]).is_some() || lines[h].trim().is_empty()) =>
            {
                Some((r, h))
            }
            _ => None,
        }
    };
    let is_name = |i: usize| {
        let l = lines[i].trim();
        !l.is_empty() && marker(l).is_none() && !l.contains(' ') && marker_cells(i + 1).is_some()
    };
    // `bankcountry+-`: a name with its two markers run together (the Frontend parameter page,
    // online transfer).
    let joined = |i: usize| -> Option<(String, Required, bool)> {
        let l = lines[i].trim();
        let chars: Vec<char> = l.chars().collect();
        let n = chars.len();
        if n < 3 || !matches!(chars[n - 1], '+' | '-') || !matches!(chars[n - 2], '+' | '-' | 'o') {
            return None;
        }
        let name: String = chars[..n - 2].iter().collect();
        let bare = name.strip_suffix("[n]").unwrap_or(&name);
        let ident = bare.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && bare
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let next_is_marker = next_nonblank(i + 1, 1)
            .first()
            .is_some_and(|&j| marker(lines[j]).is_some());
        (ident && !next_is_marker).then(|| {
            (
                name,
                marker(&chars[n - 2].to_string()).unwrap_or(Required::No),
                chars[n - 1] == '+',
            )
        })
    };
    let looks_like_name = |l: &str| {
        l.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_[]".contains(c))
    };
    let is_heading = |i: usize| {
        let l = lines[i].trim();
        l.starts_with("Parameter (")
            || l.starts_with("Parameter(")
            || next_nonblank(i + 1, 1)
                .first()
                .is_some_and(|&j| lines[j].trim() == "Required")
    };
    let mut rows: Vec<PageRow> = Vec::new();
    let mut errors = Vec::new();
    let mut heading: Option<String> = None;
    let mut i = 0;
    // Where the current row is: 0 description, 1 after Format, 2 expecting symbols or prose,
    // 3 between a heading and its first row, 4 after `Permitted Symbols`, 5 an unreadable row
    // (skipped up to the next row), 6 in a two-column value table.
    let mut state = 0;
    // The last bare word after a row's Format (a LIST value, or a row that lost its markers).
    let mut candidate: Option<(usize, String)> = None;
    // A parameter-like word among a row's notes or the prose after a heading, reported when the
    // row ends without a Format line revealing it.
    let mut lost: Option<(usize, String)> = None;
    let lost_row = |lost: &mut Option<(usize, String)>, errors: &mut Vec<ImportError>| {
        if let Some((line, name)) = lost.take() {
            errors.push(ImportError {
                line,
                message: format!(
                    "`{name}` stands alone among prose or a row's notes: a row without its Required/UsedInHash markers and Format line?"
                ),
            });
        }
    };
    let mut skipped = SkipLog::default();
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if is_heading(i) {
            lost_row(&mut lost, &mut errors);
            heading = Some(l.to_owned());
            // Skip the column header lines.
            i += 1;
            while i < lines.len() && ["Required", "UsedInHash", ""].contains(&lines[i].trim()) {
                i += 1;
            }
            state = 3;
            candidate = None;
            continue;
        }
        let parsed = if is_name(i) {
            marker_cells(i + 1).map(|(r, h)| {
                (
                    l.to_owned(),
                    marker(lines[r]).unwrap_or(Required::No),
                    marker(lines[h]) == Some(Required::Yes),
                    h + 1,
                )
            })
        } else {
            joined(i).map(|(name, required, hash)| (name, required, hash, i + 1))
        };
        if let Some((written, required, hash, after)) = parsed {
            lost_row(&mut lost, &mut errors);
            let l = written.as_str();
            let Some(h) = heading.clone() else {
                errors.push(ImportError {
                    line: i + 1,
                    message: format!("parameter `{l}` before any section heading"),
                });
                i = after;
                continue;
            };
            rows.push(PageRow::opened(i + 1, h, l, required, hash));
            state = 0;
            candidate = None;
            i = after;
            continue;
        }
        match (rows.last_mut(), state) {
            (Some(_), 2) if l == "Permitted Symbols" => state = 4,
            // A second Format line in one row, or one between a heading and its first row: the
            // row above it lost its markers.
            (_, 2 | 3 | 6) if l == "Format" => {
                let (line, name) = candidate.take().unwrap_or((i + 1, String::new()));
                // The same word: reported once, as the truncated row it is.
                lost = None;
                errors.push(ImportError {
                    line,
                    message: if name.is_empty() {
                        "a Format line outside any row: a row without its name line?".to_owned()
                    } else {
                        format!(
                            "`{name}` has no Required/UsedInHash markers (a truncated row: its Format line follows at line {})",
                            i + 1
                        )
                    },
                });
                state = 5;
            }
            // Prose between a heading and its first row; a bare word in it may be a row that lost
            // its markers, which its Format line then reveals.
            (_, 3) => {
                if looks_like_name(l) {
                    candidate = Some((i + 1, l.to_owned()));
                    lost = Some((i + 1, l.to_owned()));
                }
                skipped.line(i + 1, PROSE);
            }
            (_, 5) => {
                // The rest of a row that could not be read.
            }
            (Some(row), 2)
                if row.rest.is_empty()
                    && row.values.is_empty()
                    && row.format.as_ref().is_some_and(|(_, f)| f == "LIST")
                    && is_value_table_header(l) =>
            {
                row.rest.push(l.to_owned());
                state = 6;
            }
            (Some(row), 6) => {
                // A value looks like a name: it may be a row that lost its markers, which its
                // Format line then reveals.
                if looks_like_name(l) {
                    candidate = Some((i + 1, l.to_owned()));
                }
                value_table_line(row, l);
            }
            (Some(row), 2) => {
                if looks_like_name(l) {
                    candidate = Some((i + 1, l.to_owned()));
                    // Bare words after a LIST are its values (`f`, `m`, `d`), in tables the
                    // reader cannot split; after any other format such a word is a lost row.
                    if row.format.as_ref().is_none_or(|(_, f)| f != "LIST") {
                        lost = Some((i + 1, l.to_owned()));
                    }
                }
                row.rest.push(l.to_owned());
            }
            (Some(_), 0) if l == "Format" => state = 1,
            (Some(row), 0) => row.doc.push(l.to_owned()),
            (Some(row), 1) => {
                row.format = Some((i + 1, l.to_owned()));
                state = 2;
            }
            (Some(row), 4) => {
                row.symbols = Some(l.to_owned());
                state = 2;
            }
            _ => skipped.line(i + 1, PROSE),
        }
        i += 1;
    }
    lost_row(&mut lost, &mut errors);
    (rows, errors, skipped.finish(&lines))
}
