//! The DirectLink layout (the German edition of the DirectLink integration guide): numbered section
//! headings (`3.2 Anfrageparameter`, `8.1.1 Direct Debits AT`) and pipe tables headed `Feld | ...`.
//!
//! The export writes a table cell as text ending in ` |`; a cell may span lines (its `|` then
//! ends a later line, or stands alone), and one line may hold several cells
//! (`OWNERZIP | PLZ des Kunden | AN, 10 |`). The header names the columns: `Feld` (the name),
//! `Nutzung` / `Verwendung` / `Beschreibung` (the description), `Format` / `Format/Wert` and
//! `Obligatorisch` (`J` / `N`). Without a format column the description carries
//! `Format: AN, 30 Obligatorisch` (or `Optional`) at its end; without an Obligatorisch column a
//! description may begin `Optional:`.

use super::skipped::{PROSE, SkipLog, Skipped};
use super::{ImportError, PageRow};
use crate::model::Required;

/// One `Feld | ...` table of a DirectLink page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageTable {
    /// The numbered section heading above it (`3.2 Anfrageparameter`).
    pub heading: String,
    /// Line of its `Feld` header.
    pub line: usize,
    /// Its last line.
    pub last: usize,
    /// Its rows; a row whose name cell is missing has an empty `name` and `previous` set.
    pub rows: Vec<PageRow>,
    /// Cells after its last row that belong to no row (a closing remark or box), with their
    /// lines.
    pub notes: Vec<(usize, String)>,
    /// What could not be read in it. Kept with the table so that a table the overlay skips
    /// (response attributes) reports nothing.
    pub errors: Vec<ImportError>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    Description,
    Format,
    Required,
}

fn column(cell: &str) -> Option<Column> {
    match cell {
        "Feld" => Some(Column::Name),
        "Nutzung" | "Verwendung" | "Beschreibung" => Some(Column::Description),
        "Format" | "Format/Wert" => Some(Column::Format),
        "Obligatorisch" => Some(Column::Required),
        _ => None,
    }
}

/// A cell: its non-empty lines with their 1-based numbers.
#[derive(Clone, Debug, Default)]
struct Cell {
    line: usize,
    lines: Vec<(usize, String)>,
}

impl Cell {
    fn text(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        parts.join(" ")
    }
}

/// `3.2 Anfrageparameter`, `8. PM-Ausnahmen`: a section number, then a title that does not end
/// like a sentence (the page's numbered examples, `1. Beispiel ... werden müssen.`, do).
fn is_heading(line: &str) -> bool {
    let Some((number, title)) = line.split_once(' ') else {
        return false;
    };
    let numbered = !number.is_empty()
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !number.contains("..");
    numbered
        && title.chars().next().is_some_and(char::is_alphabetic)
        && !title.ends_with(['.', ':', '|'])
        && line.len() < 120
}

/// A wire name as the Feld cells write it: one identifier (`PSPID`, the answers' `orderID`), or
/// upper-case words (`ECOM_PAYMENT_ CARD_VERIFICATION` keeps the space of a line break in the
/// cell; the overlay maps it with `page_name`). Prose such as `E-Mail-Adresse des Kunden.` is
/// none: such a row has lost its name cell. An identifier may end in brackets (`ITEMID[n]`,
/// `PARAM[key]`), which the import reads as an indexed or keyed parameter.
fn is_name(cell: &str) -> bool {
    if let Some((base, rest)) = cell.split_once('[') {
        let key = rest.strip_suffix(']').unwrap_or("");
        return is_name(base)
            && !base.contains(' ')
            && !key.is_empty()
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    let ident = |w: &str, upper: bool| {
        w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && w.chars().all(|c| {
                (if upper {
                    c.is_ascii_uppercase()
                } else {
                    c.is_ascii_alphabetic()
                }) || c.is_ascii_digit()
                    || c == '_'
            })
    };
    ident(cell, false) || (cell.contains(' ') && cell.split(' ').all(|w| ident(w, true)))
}

fn is_separator(line: &str) -> bool {
    line.contains("---") && line.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

fn starts_table(line: &str) -> bool {
    line.split_once('|')
        .is_some_and(|(first, _)| first.trim() == "Feld")
}

/// Reads every `Feld | ...` table of a page in the layout of the DirectLink integration guide, each
/// under the numbered heading above it. Problems outside any table (a table before the first
/// heading, an unreadable header) come separately, and so do the [`Skipped`] ranges of prose
/// between the tables.
pub fn read_directlink(text: &str) -> (Vec<PageTable>, Vec<ImportError>, Vec<Skipped>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = SkipLog::default();
    // The line of the last heading while no table has followed it: a heading with no table
    // under it (before the next heading) is prose too.
    let mut pending_heading: Option<usize> = None;
    let mut heading: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if is_heading(l) {
            if let Some(h) = pending_heading.replace(i + 1) {
                skipped.line(h, PROSE);
            }
            heading = Some(l.to_owned());
            i += 1;
            continue;
        }
        if !starts_table(l) {
            skipped.line(i + 1, PROSE);
            i += 1;
            continue;
        }
        pending_heading = None;
        let Some(h) = heading.clone() else {
            errors.push(ImportError {
                line: i + 1,
                message: "a table before any numbered section heading".to_owned(),
            });
            i += 1;
            continue;
        };
        match read_table(&lines, i, h) {
            Ok((table, next)) => {
                tables.push(table);
                i = next;
            }
            Err(e) => {
                errors.push(e);
                i += 1;
            }
        }
    }
    if let Some(h) = pending_heading {
        skipped.line(h, PROSE);
    }
    (tables, errors, skipped.finish(&lines))
}

/// Where a table's reading is.
struct TableReader {
    heading: String,
    columns: Vec<Column>,
    header_done: bool,
    row: Vec<Cell>,
    rows: Vec<PageRow>,
    notes: Vec<(usize, String)>,
    errors: Vec<ImportError>,
    /// The last named row, for a row that lost its name cell.
    previous: Option<String>,
    /// A spanning row ending in `:` (`Nur relevant für SEPA-Transaktionen (*):`) that
    /// introduces the rows below it.
    subheading: Option<String>,
}

/// Reads the table whose header starts at `start`; returns it and the first line after it.
fn read_table(
    lines: &[&str],
    start: usize,
    heading: String,
) -> Result<(PageTable, usize), ImportError> {
    let mut t = TableReader {
        heading,
        columns: Vec::new(),
        header_done: false,
        row: Vec::new(),
        rows: Vec::new(),
        notes: Vec::new(),
        errors: Vec::new(),
        previous: None,
        subheading: None,
    };
    let mut pending = Cell::default();
    let mut i = start;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        let between_rows = t.row.is_empty() && pending.lines.is_empty();
        // A heading ends the table even inside a cell: a cell whose `|` is lost (the DirectLink
        // guide's 5.2 table) must not run on into the next sections.
        if is_heading(l) {
            break;
        }
        if t.header_done && between_rows && (!l.contains('|') || (i > start && starts_table(l))) {
            // Prose after the table, or the next table.
            break;
        }
        if is_separator(l) {
            t.end_header(start)?;
            i += 1;
            continue;
        }
        // A row without a name cell takes only one-line cells: a line that would open a
        // longer cell is the prose after the table, not part of the row.
        if t.header_done
            && pending.lines.is_empty()
            && t.row.first().is_some_and(|c| !is_name(&c.text()))
            && !l.ends_with('|')
        {
            break;
        }
        let parts: Vec<&str> = l.split('|').collect();
        let (closed, open) = parts.split_at(parts.len() - 1);
        for part in closed {
            let mut cell = std::mem::take(&mut pending);
            if cell.lines.is_empty() {
                cell.line = i + 1;
            }
            if !part.trim().is_empty() {
                cell.lines.push((i + 1, part.trim().to_owned()));
            }
            t.cell(cell, start)?;
        }
        if let Some(open) = open.first().map(|o| o.trim()).filter(|o| !o.is_empty()) {
            if pending.lines.is_empty() {
                pending.line = i + 1;
            }
            pending.lines.push((i + 1, open.to_owned()));
        }
        i += 1;
    }
    if !pending.lines.is_empty() {
        t.cell(pending, start)?;
    }
    t.end_header(start)?;
    t.end_row();
    Ok((
        PageTable {
            heading: t.heading,
            line: start + 1,
            last: (start..i)
                .rev()
                .find(|&k| !lines[k].trim().is_empty())
                .unwrap_or(start)
                + 1,
            rows: t.rows,
            notes: t.notes,
            errors: t.errors,
        },
        i,
    ))
}

impl TableReader {
    /// The header ends at its `---|---|` line or at the first cell that names no column
    /// (the DirectLink guide's 7.1.2 table has no separator line).
    fn end_header(&mut self, start: usize) -> Result<(), ImportError> {
        if self.header_done {
            return Ok(());
        }
        self.header_done = true;
        if self.columns.len() < 2 {
            return Err(ImportError {
                line: start + 1,
                message: "a `Feld` table without a second column (expected Nutzung, Verwendung, Beschreibung, Format, Format/Wert or Obligatorisch)".to_owned(),
            });
        }
        Ok(())
    }

    fn cell(&mut self, cell: Cell, start: usize) -> Result<(), ImportError> {
        if !self.header_done {
            if let Some(c) = column(&cell.text()) {
                self.columns.push(c);
                return Ok(());
            }
            self.end_header(start)?;
        }
        self.row.push(cell);
        if self.row.len() == self.columns.len() {
            self.end_row();
        }
        Ok(())
    }

    fn end_row(&mut self) {
        let cells = std::mem::take(&mut self.row);
        let Some(first) = cells.first() else { return };
        let first_text = first.text();
        let rest_empty = cells[1..].iter().all(|c| c.lines.is_empty());
        if is_name(&first_text) {
            let row = self.page_row(first.line, first_text.clone(), &cells[1..]);
            self.previous = Some(first_text);
            self.rows.push(row);
        } else if cells.len() < self.columns.len() {
            // Cells after the last row that make no row: a remark closing the table.
            if !first_text.is_empty() {
                self.notes.push((first.line, first_text));
            }
        } else if rest_empty && first_text.ends_with(':') {
            self.subheading = Some(first_text);
        } else if !(first_text.is_empty() && rest_empty) {
            // The name cell is missing: the cells that are there are the ones after it.
            let mut row = self.page_row(first.line, String::new(), &cells);
            row.previous = self.previous.clone();
            self.rows.push(row);
        }
    }

    /// A row from the cells after its name cell.
    fn page_row(&mut self, line: usize, name: String, cells: &[Cell]) -> PageRow {
        let mut row = PageRow {
            line,
            heading: self.heading.clone(),
            name,
            array: false,
            required: Required::No,
            hash: false,
            doc: Vec::new(),
            format: None,
            symbols: None,
            rest: self.subheading.iter().cloned().collect(),
            values: Vec::new(),
            unmarked: true,
            previous: None,
        };
        let inline_format = !self.columns.contains(&Column::Format);
        let inline_required = !self.columns.contains(&Column::Required);
        let columns = self.columns[1..].to_vec();
        for (column, cell) in columns.iter().zip(cells) {
            match column {
                Column::Name => {}
                Column::Description => description(cell, inline_format, inline_required, &mut row),
                Column::Format => format_cell(cell, &mut row),
                Column::Required => match cell.text().as_str() {
                    "J" => (row.required, row.unmarked) = (Required::Yes, false),
                    "N" => (row.required, row.unmarked) = (Required::No, false),
                    "" => {}
                    other => self.errors.push(ImportError {
                        line: cell.line,
                        message: format!(
                            "`{}`: Obligatorisch `{other}` (expected J or N)",
                            row.name
                        ),
                    }),
                },
            }
        }
        row
    }
}

fn marker(word: &str) -> Option<Required> {
    match word {
        "Obligatorisch" => Some(Required::Yes),
        "Optional" => Some(Required::No),
        _ => None,
    }
}

/// A description cell: its first line is the `doc`, further lines and `•` bullets are notes.
/// Without a format column its `Format: X` and the Obligatorisch/Optional marker after it are
/// read out of the text; without an Obligatorisch column a leading `Optional:` is the marker.
fn description(cell: &Cell, inline_format: bool, inline_required: bool, row: &mut PageRow) {
    let mut lines = cell.lines.clone();
    if inline_format && let Some(k) = lines.iter().rposition(|(_, l)| l.contains("Format:")) {
        let (n, l) = lines[k].clone();
        let at = l.rfind("Format:").unwrap_or(0);
        let mut format = l[at + "Format:".len()..].trim().to_owned();
        let (before, word) = format.rsplit_once(' ').unwrap_or(("", format.as_str()));
        if inline_required && let Some(required) = marker(word) {
            (row.required, row.unmarked) = (required, false);
            format = before.trim().to_owned();
        }
        if !format.is_empty() {
            row.format = Some((n, format));
        }
        lines[k].1 = l[..at].trim().to_owned();
    } else if inline_required
        && let Some((_, last)) = lines.last_mut()
        && let Some((rest, word)) = last.rsplit_once(' ')
        && let Some(required) = marker(word)
    {
        (row.required, row.unmarked) = (required, false);
        *last = rest.trim().to_owned();
    }
    if inline_required
        && let Some((_, first)) = lines.first_mut()
        && let Some((word, rest)) = first.split_once(':')
        && let Some(required) = marker(word)
    {
        (row.required, row.unmarked) = (required, false);
        *first = rest.trim().to_owned();
    }
    let mut texts = lines
        .iter()
        .flat_map(|(_, l)| l.split('•'))
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if let Some(doc) = texts.next() {
        row.doc.push(doc.to_owned());
    }
    row.rest.extend(texts.map(str::to_owned));
}

/// A Format (`Format/Wert`) cell: a leading DirectLink format (`AN, 21`, `AN, 20 (min2)`,
/// `N, 5`, `A, 3`, `AN`) is the format and the text after it a note (`AN, 21 Format:
/// XXXXXXXXXXXBLZYYYYY ...`); a first line that starts with none (`„99/99“ oder „9999“`) is the
/// format as written, for the check to report unless the overlay replaces it.
fn format_cell(cell: &Cell, row: &mut PageRow) {
    let Some(((n, first), more)) = cell.lines.split_first() else {
        return;
    };
    let (format, rest) = leading_format(first).unwrap_or((first.as_str(), ""));
    row.format = Some((*n, format.to_owned()));
    if !rest.is_empty() {
        row.rest.push(rest.to_owned());
    }
    row.rest.extend(more.iter().map(|(_, l)| l.clone()));
}

/// `AN`, `N` or `A`, then optionally `, n` and ` (minm)`: the format and the text after it.
fn leading_format(text: &str) -> Option<(&str, &str)> {
    let word_end = text.find([',', ' ']).unwrap_or(text.len());
    if !matches!(&text[..word_end], "AN" | "N" | "A") {
        return None;
    }
    let mut end = word_end;
    let digits_after = |from: usize| {
        let s = &text[from..];
        let skipped = s.len() - s.trim_start().len();
        let count = s
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        (count > 0).then_some(from + skipped + count)
    };
    if text[end..].starts_with(',')
        && let Some(after) = digits_after(end + 1)
    {
        end = after;
        let s = &text[end..];
        if let Some(min) = s.trim_start().strip_prefix("(min")
            && let Some(close) = min.find(')')
            && !min[..close].is_empty()
            && min[..close].chars().all(|c| c.is_ascii_digit())
        {
            end += s.len() - min.len() + close + 1;
        }
    }
    Some((&text[..end], text[end..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_formats() {
        assert_eq!(leading_format("AN, 30"), Some(("AN, 30", "")));
        assert_eq!(
            leading_format("AN, 20 (min2) x"),
            Some(("AN, 20 (min2)", "x"))
        );
        assert_eq!(
            leading_format("A, 3 Mögliche Werte:"),
            Some(("A, 3", "Mögliche Werte:"))
        );
        assert_eq!(leading_format("AN"), Some(("AN", "")));
        assert_eq!(leading_format("ANDERS"), None);
        assert_eq!(leading_format("„99/99“ oder „9999“"), None);
    }

    #[test]
    fn headings() {
        assert!(is_heading("3.2 Anfrageparameter"));
        assert!(is_heading("8. PM-Ausnahmen"));
        assert!(is_heading("8.1.2 Direct Debits DE (ELV)"));
        assert!(!is_heading(
            "1. Beispiel einer XML-Antwort für einen Erfolg mit Warnungen. Wird zurückgegeben, wenn keine Datenschutzinformationen dem Kunden offengelegt werden müssen."
        ));
        assert!(!is_heading("88 |"));
        assert!(!is_heading("3 - Ratenzahlungen"));
    }
}
