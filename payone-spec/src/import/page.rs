//! The request-page layout: one page per request of the PAYONE Server API
//! (`docs.payone.com/integration/channel-server-api/...`) or Client API
//! (`.../channel-client-api/...`), see [`read_request_page`].

use super::skipped::{PROSE, SkipLog, Skipped};
use super::words::fixed_values;
use super::{ImportError, PageRow};
use crate::model::{ListValue, Required};

/// A line as the export writes a table cell: its trailing `|` (the cell's end) removed; a line of
/// only `|` (an empty row between rows) is blank.
fn clean(line: &str) -> &str {
    line.trim().trim_end_matches('|').trim()
}

fn required_of(word: &str) -> Option<Required> {
    match word.to_ascii_lowercase().as_str() {
        "required" | "mandatory" => Some(Required::Yes),
        "optional" => Some(Required::No),
        "conditional" => Some(Required::Conditional),
        _ => None,
    }
}

/// A name cell: `amount`, `portalId`, `it[n]`, `add_paydata[action]`.
fn looks_like_name(l: &str) -> bool {
    l.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && l.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_[].".contains(c))
}

/// `Format CHAR(1..20)`, `Format: LIST`, or `Format` alone (the value on the next line): the
/// text after the keyword, empty for the lone keyword.
fn after_keyword<'a>(l: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = l.strip_prefix(keyword)?;
    if rest.is_empty() {
        return Some("");
    }
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    rest.starts_with(' ').then(|| rest.trim()).or_else(|| {
        // `Format:LIST`
        (l.len() > keyword.len() + 1 && l.as_bytes()[keyword.len()] == b':').then(|| rest.trim())
    })
}

/// A section heading: `Account Parameters`, `common Parameters`, `Personal Data Parameters`,
/// `Parameter ( credit card )`: a short line whose last word is `Parameter(s)` or that opens
/// with `Parameter (`.
fn is_heading(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    let last = words.last().map(|w| w.to_ascii_lowercase());
    let closing = matches!(last.as_deref(), Some("parameters" | "parameter")) && words.len() <= 6;
    let opening = l.starts_with("Parameter (") || l.starts_with("Parameters (");
    (closing || opening) && l.len() <= 80 && !l.ends_with(['.', ':', ','])
}

/// What a line inside a row is.
enum Cell<'a> {
    Format(&'a str),
    Fixed(&'a str),
    Symbols(&'a str),
    /// `Permitted values X`, `Samples: X`, `Array X`: a note, with its keyword.
    Note(&'static str, &'a str),
    Other,
}

/// The keywords of the notes a row's description is not made of.
const NOTES: [&str; 3] = ["Permitted values", "Samples", "Array"];

fn cell(l: &str) -> Cell<'_> {
    if let Some(f) = after_keyword(l, "Format") {
        Cell::Format(f)
    } else if let Some(f) = after_keyword(l, "Fixed Value") {
        Cell::Fixed(f)
    } else if let Some(s) = after_keyword(l, "Permitted Symbols") {
        Cell::Symbols(s)
    } else if let Some((keyword, rest)) = NOTES
        .iter()
        .find_map(|k| after_keyword(l, k).map(|rest| (*k, rest)))
    {
        Cell::Note(keyword, rest)
    } else {
        Cell::Other
    }
}

/// Reads the rows of a request page of the PAYONE Server API or Client API documentation.
///
/// The page is a definition list under section headings (`Account Parameters`, `common
/// Parameters`, `Parameter ( personal data )`; see the README of `spec/` for the rule). A row
/// is its name (`amount`, `it[n]`, `add_paydata[action]`), then `required`, `optional` or
/// `conditional` on the next line or on the name's own line (`clearingsubtype optional`); the
/// page has no UsedInHash column (every row is `hash = false`). Its cells follow:
///
/// - `Format X` (or `Format: X`, or `Format` with X on the next line): the format;
/// - `Fixed Value: X` / `Fixed Value a/b/c`: a LIST of exactly these values;
/// - `Permitted Symbols X`: the symbols;
/// - `Value Comment`: a LIST's value table, one value per line with its comment after it
///   (`Y years`), or each value on its line with its comment on the lines after it; a blank
///   line ends it;
/// - `- X` bullets after a LIST format: its values;
/// - `Permitted values ...`, `Samples ...` and `Array ...` (the keyword alone on its line or
///   before its text): notes, which the importer reads for the standard of a LIST (`Permitted
///   values ISO 4217 ...`) and the maximum of an array (`Array elements [n] ... max [400]`);
/// - anything else: the description (`doc`), before or after the format.
///
/// Cells the export closes with `|` and lines of only `|` are read as plain lines. The page ends
/// at `---end`. A row without a Format or Fixed Value line is no error here (account rows
/// describe their format in prose): the import records it as `TEXT` and warns. A Format line
/// outside any row, a name followed directly by a Format line and a second format in one row
/// are errors with their lines.
pub fn read_request_page(text: &str) -> (Vec<PageRow>, Vec<ImportError>, Vec<Skipped>) {
    let raw: Vec<&str> = text.lines().collect();
    let lines: Vec<&str> = raw.iter().map(|l| clean(l)).collect();
    let end = lines
        .iter()
        .position(|l| *l == "---end")
        .unwrap_or(lines.len());
    let next_nonblank = |from: usize| (from..end).find(|&j| !lines[j].is_empty());
    // The row a line opens: (written name, Required, the line after the row's opening).
    let opens_row = |i: usize| -> Option<(&str, Required, usize)> {
        let l = lines[i];
        if let Some((name, word)) = l.split_once(' ')
            && looks_like_name(name)
            && let Some(required) = required_of(word.trim())
        {
            return Some((name, required, i + 1));
        }
        if !looks_like_name(l) {
            return None;
        }
        let j = next_nonblank(i + 1)?;
        required_of(lines[j]).map(|r| (l, r, j + 1))
    };
    let mut rows: Vec<PageRow> = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = SkipLog::default();
    let mut heading: Option<String> = None;
    // 0 in a row; 1 in a row's value table; 2 outside any row; 3 an unreadable row (reported).
    let mut state = 2;
    // A keyword alone on its line whose value is on the next line.
    let mut pending: Option<&str> = None;
    // In a value table: whether each line holds a value and its comment (`Y years`).
    let mut one_line_values = false;
    let mut i = 0;
    while i < end {
        let l = lines[i];
        if l.is_empty() {
            if state == 1 {
                state = 0;
            }
            i += 1;
            continue;
        }
        if pending.is_none()
            && let Some((written, required, after)) = opens_row(i)
        {
            match heading.clone() {
                Some(h) => {
                    rows.push(PageRow::opened(i + 1, h, written, required, false));
                    state = 0;
                }
                None => {
                    errors.push(ImportError {
                        line: i + 1,
                        message: format!("parameter `{written}` before any section heading"),
                    });
                    state = 3;
                }
            }
            i = after;
            continue;
        }
        if pending.is_none()
            && looks_like_name(l)
            && let Some(j) = next_nonblank(i + 1)
            && matches!(cell(lines[j]), Cell::Format(_) | Cell::Fixed(_))
        {
            errors.push(ImportError {
                line: i + 1,
                message: format!(
                    "`{l}` has no required/optional line (a truncated row: its format follows at line {})",
                    j + 1
                ),
            });
            state = 3;
            i = j + 1;
            continue;
        }
        if pending.is_none() && is_heading(l) {
            heading = Some(l.to_owned());
            state = 2;
            i += 1;
            continue;
        }
        if state == 3 {
            i += 1;
            continue;
        }
        if state == 2 {
            if matches!(cell(l), Cell::Format(_) | Cell::Fixed(_)) {
                errors.push(ImportError {
                    line: i + 1,
                    message: "a format line outside any row: a row without its name line?"
                        .to_owned(),
                });
                state = 3;
            } else {
                skipped.line(i + 1, PROSE);
            }
            i += 1;
            continue;
        }
        let Some(row) = rows.last_mut() else {
            // State 0 and 1 follow a row.
            i += 1;
            continue;
        };
        let (keyword, value) = match pending.take() {
            Some(keyword) => (keyword, l),
            None => match cell(l) {
                Cell::Format(f) => ("Format", f),
                Cell::Fixed(f) => ("Fixed Value", f),
                Cell::Symbols(s) => ("Permitted Symbols", s),
                Cell::Note(keyword, rest) => (keyword, rest),
                Cell::Other => ("", l),
            },
        };
        if !keyword.is_empty() && value.is_empty() {
            pending = Some(keyword);
            i += 1;
            continue;
        }
        let is_list = row.format.as_ref().is_some_and(|(_, f)| f == "LIST");
        match keyword {
            "Format" | "Fixed Value" => {
                if row.format.is_some() {
                    errors.push(ImportError {
                        line: i + 1,
                        message: format!(
                            "`{}`: a second format (a row without its name line?)",
                            row.name
                        ),
                    });
                    state = 3;
                } else if keyword == "Format" {
                    row.format = Some((i + 1, value.to_owned()));
                } else if let Some(values) = fixed_values(value) {
                    row.format = Some((i + 1, "LIST".to_owned()));
                    row.values = values
                        .into_iter()
                        .map(|value| ListValue {
                            value,
                            doc: None,
                            not_for: Vec::new(),
                            note: None,
                            rust: None,
                        })
                        .collect();
                } else {
                    errors.push(ImportError {
                        line: i + 1,
                        message: format!(
                            "`{}`: Fixed Value `{value}` is not a value or values between `/`",
                            row.name
                        ),
                    });
                }
            }
            "Permitted Symbols" => row.symbols = Some(value.to_owned()),
            "Permitted values" | "Samples" | "Array" => row.rest.push(format!("{keyword} {value}")),
            _ if state == 0 && is_list && row.values.is_empty() && is_value_header(l) => {
                state = 1;
                one_line_values = false;
                row.rest.push(l.to_owned());
            }
            _ if state == 1 => {
                value_table_line(row, l, &mut one_line_values);
            }
            _ => {
                if let Some(v) = l.strip_prefix("- ").filter(|_| is_list) {
                    row.values.push(ListValue {
                        value: v.trim().to_owned(),
                        doc: None,
                        not_for: Vec::new(),
                        note: None,
                        rust: None,
                    });
                } else {
                    row.doc.push(l.to_owned());
                }
            }
        }
        i += 1;
    }
    for (k, line) in lines.iter().enumerate().skip(end + 1) {
        if !line.is_empty() {
            skipped.line(k + 1, "after the `---end` marker: not read");
        }
    }
    (rows, errors, skipped.finish(&raw))
}

/// `Value Comment` (also run together, `ValueComment`).
fn is_value_header(l: &str) -> bool {
    let squeezed: String = l.split_whitespace().collect();
    squeezed.eq_ignore_ascii_case("valuecomment")
}

/// One line of a value table. The first line decides its form: `Y years` (value and comment on
/// one line), or `Y` alone, its comment the next line whatever it holds, further lines with
/// spaces a note, and the next one-word line the next value.
fn value_table_line(row: &mut PageRow, l: &str, one_line: &mut bool) {
    let (first, comment) = match l.split_once(char::is_whitespace) {
        Some((first, comment)) => (first, Some(comment.trim())),
        None => (l, None),
    };
    if row.values.is_empty() {
        // The header waits in `rest` until a value shows the table is readable.
        row.rest.clear();
        *one_line = comment.is_some();
    }
    let awaits_comment = !*one_line && row.values.last().is_some_and(|v| v.doc.is_none());
    let new_value = !awaits_comment && (*one_line || comment.is_none());
    if new_value {
        row.values.push(ListValue {
            value: first.to_owned(),
            doc: comment.filter(|c| !c.is_empty()).map(str::to_owned),
            not_for: Vec::new(),
            note: None,
            rust: None,
        });
        return;
    }
    if let Some(value) = row.values.last_mut() {
        match &mut value.doc {
            None => value.doc = Some(l.to_owned()),
            Some(_) => {
                let note = value.note.get_or_insert_with(String::new);
                if !note.is_empty() {
                    note.push(' ');
                }
                note.push_str(l);
            }
        }
    }
}
