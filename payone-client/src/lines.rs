//! The Server API answer format: one `name=value` per line, split at the first `=`.

use crate::error::ParseError;
use crate::fields::Fields;

/// Splits `text` into `name=value` lines.
///
/// Each line is split at its first `=`, so values may contain `=` (redirect URLs do). A
/// trailing `\r` is dropped, so `\r\n` line ends read like `\n`; blank lines are skipped.
/// A non-blank line without `=`, or with an empty name, is an error that names the line number
/// but never its content, which could be anything the platform sent.
pub fn parse_lines(text: String) -> Result<Fields, ParseError> {
    let mut pairs = Vec::with_capacity(16);
    let mut start = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line_start = start;
        start += raw.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        match line.find('=') {
            Some(eq) if eq > 0 => {
                let value_end = line_start + line.len();
                pairs.push((line_start..line_start + eq, line_start + eq + 1..value_end));
            }
            _ => return Err(ParseError::MalformedLine { line: index + 1 }),
        }
    }
    // The ranges end at `\n`, `\r`, `=` or the end of `text`: all character boundaries.
    Ok(Fields::from_parts(text, pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_equals_sign_and_tolerates_crlf_and_blank_lines() {
        let fields = parse_lines(
            "status=REDIRECT\r\n\r\nredirecturl=https://x.example/?a=1&b=2\r\ntxid=1\n\nempty=\n"
                .to_owned(),
        )
        .unwrap();
        let pairs: Vec<_> = fields.iter().collect();
        assert_eq!(
            pairs,
            [
                ("status", "REDIRECT"),
                ("redirecturl", "https://x.example/?a=1&b=2"),
                ("txid", "1"),
                ("empty", ""),
            ]
        );
    }

    #[test]
    fn a_line_without_equals_sign_is_reported_by_number_only() {
        let err = parse_lines("status=APPROVED\n4111111111111111\n".to_owned()).unwrap_err();
        assert_eq!(err, ParseError::MalformedLine { line: 2 });
        assert!(!err.to_string().contains("4111"));
        assert!(parse_lines("=x".to_owned()).is_err());
    }
}
