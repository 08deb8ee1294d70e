//! Lines of a page that become part of no row and are no error (prose around the tables, a
//! table the overlay skips): reported as line ranges, so that nothing is dropped silently.

/// A range of page lines the import read past, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// First line, 1-based.
    pub first: usize,
    /// Last line (the same as `first` for one line).
    pub last: usize,
    /// What the lines are (`prose, not a table`).
    pub what: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "line {}: {}", self.first, self.what)
        } else {
            write!(f, "line {}-{}: {}", self.first, self.last, self.what)
        }
    }
}

/// Collects skipped lines into ranges: skipped lines of one kind with only blank lines between
/// them are one range; any line read between them (a row, a heading) splits it.
#[derive(Debug, Default)]
pub(super) struct SkipLog {
    lines: Vec<(usize, String)>,
}

impl SkipLog {
    /// Line `line` (1-based) was read past as `what`.
    pub(super) fn line(&mut self, line: usize, what: &str) {
        self.lines.push((line, what.to_owned()));
    }

    /// The ranges in page order; `page` is the page's lines, to tell blank gaps.
    pub(super) fn finish(mut self, page: &[&str]) -> Vec<Skipped> {
        self.lines.sort_by_key(|(line, _)| *line);
        let mut ranges: Vec<Skipped> = Vec::new();
        for (line, what) in self.lines {
            match ranges.last_mut() {
                Some(last)
                    if last.what == what
                        && page[last.last..line - 1]
                            .iter()
                            .all(|l| l.trim().is_empty()) =>
                {
                    last.last = line;
                }
                _ => ranges.push(Skipped {
                    first: line,
                    last: line,
                    what,
                }),
            }
        }
        ranges
    }
}

/// What prose outside the tables is called in the report.
pub(super) const PROSE: &str = "prose, not a table";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_one_kind_merge_across_blank_lines_only() {
        let page = ["a", "", "b", "c", "row", "d", "e"];
        let mut log = SkipLog::default();
        log.line(6, PROSE);
        log.line(1, PROSE);
        log.line(3, PROSE);
        log.line(4, "other");
        log.line(7, PROSE);
        let shown: Vec<String> = log.finish(&page).iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "line 1-3: prose, not a table",
                "line 4: other",
                "line 6-7: prose, not a table"
            ]
        );
    }
}
