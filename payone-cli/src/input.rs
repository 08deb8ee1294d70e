//! Reading `name=value` lines from stdin, as the CLI contract defines them: raw UTF-8, one
//! pair per line, split at the first `=`.

use std::io::Read;

/// Reads stdin into pairs. Blank lines are skipped; a line without `=` is an error naming its
/// line number (its content is not echoed: it may be a card number).
pub fn read_params() -> Result<Vec<(String, String)>, String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read stdin as UTF-8: {e}"))?;
    parse_params(&text)
}

/// Splits text into pairs; see [`read_params`].
pub fn parse_params(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        match line.split_once('=') {
            Some((name, value)) if !name.is_empty() => {
                pairs.push((name.to_owned(), value.to_owned()))
            }
            _ => return Err(format!("line {}: expected name=value", number + 1)),
        }
    }
    Ok(pairs)
}

/// The value of the first pair called `name`.
pub fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_equals_sign() {
        let pairs = parse_params("a=b=c\n\nde[1]=\r\n").unwrap();
        assert_eq!(
            pairs,
            vec![("a".into(), "b=c".into()), ("de[1]".into(), "".into())]
        );
        assert_eq!(
            parse_params("x\n").unwrap_err(),
            "line 1: expected name=value"
        );
    }
}
