//! `payone gcs-sign` and `payone webhook-verify`: the v2 JSON API's `GCS v1HMAC` request
//! signature and webhook signature (see `payone_types::gcs`). The secret is read from the
//! environment variable named on the command line.

use std::io::Read;
use std::process::ExitCode;

use payone_types::gcs::{
    GcsRequest, GcsSigner, SecretString, WebhookKeys, X_GCS_KEY_ID, X_GCS_SIGNATURE, verify_webhook,
};

/// The arguments of `payone gcs-sign`, secret already read from its environment variable.
pub struct SignArgs<'a> {
    pub method: &'a str,
    pub content_type: Option<&'a str>,
    pub date: &'a str,
    /// `Name: value` as given with `--header`.
    pub headers: &'a [String],
    pub path: &'a str,
    pub api_key: &'a str,
    pub explain: bool,
}

/// Splits `Name: value` at the first `:`; the name is trimmed, the value is canonicalised by
/// the signer (line breaks folded, trimmed).
fn parse_header(header: &str) -> Result<(String, String), String> {
    match header.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "--header {header:?}: expected `Name: value` (split at the first `:`)"
        )),
    }
}

/// The lines to print: with `explain` the string to sign (one line per line of it), then the
/// `Authorization` value `GCS v1HMAC:<apiKey>:<base64>`. Only `X-GCS-*` headers are signed;
/// other `--header`s are accepted and ignored, as the platform ignores them.
pub fn sign(args: &SignArgs<'_>, secret: SecretString) -> Result<Vec<String>, String> {
    let signer = GcsSigner::new(args.api_key, secret).map_err(|e| e.to_string())?;
    let mut request = GcsRequest::new(args.method, args.date, args.path);
    if let Some(content_type) = args.content_type {
        request = request.content_type(content_type);
    }
    for header in args.headers {
        let (name, value) = parse_header(header)?;
        request = request.header(name, value);
    }
    let string_to_sign = request.string_to_sign().map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    if args.explain {
        lines.extend(string_to_sign.lines().map(str::to_owned));
    }
    lines.push(signer.authorization_for(&string_to_sign));
    Ok(lines)
}

/// `payone webhook-verify`: reads the raw body from stdin and checks `signature` under the
/// secret of `key_id`. Valid: prints `valid: key id <ID>`, exit 0. Not valid: prints the reason
/// (one sentence, never the expected signature), exit 1.
pub fn verify(key_id: &str, secret: SecretString, signature: &str) -> Result<ExitCode, String> {
    let mut body = Vec::new();
    std::io::stdin()
        .read_to_end(&mut body)
        .map_err(|e| format!("cannot read the body from stdin: {e}"))?;
    let keys = WebhookKeys::new().with(key_id, secret);
    let headers = [(X_GCS_SIGNATURE, signature), (X_GCS_KEY_ID, key_id)];
    match verify_webhook(&headers, &body, &keys) {
        Ok(id) => {
            crate::print_lines([format!("valid: key id {id}")]);
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => {
            crate::print_lines([format!("invalid: {reason}")]);
            Ok(ExitCode::FAILURE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_at_the_first_colon() {
        assert_eq!(
            parse_header("X-GCS-A: b: c").unwrap(),
            ("X-GCS-A".into(), " b: c".into())
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header(": value").is_err());
    }
}
