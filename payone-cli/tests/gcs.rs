//! `payone gcs-sign` and `payone webhook-verify` (DESIGN.md sections 5 and 6), through the real
//! binary. Webhook signatures are computed here with the `hmac` and `sha2` crates directly.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const DATE: &str = "Fri, 06 Jun 2014 13:39:43 GMT";

fn payone(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_payone"));
    command
        .args(args)
        .env_remove("NO_SUCH_SECRET_HOPEFULLY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("payone runs");
    // A command that fails before reading stdin closes it; that is not the test's concern.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("payone finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn last_line(output: &Output) -> String {
    stdout(output).lines().last().unwrap_or_default().to_owned()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn gcs_sign_first_design_vector() {
    let out = payone(
        &[
            "gcs-sign",
            "--method",
            "GET",
            "--date",
            DATE,
            "--path",
            "/v2/1/tokens/2",
            "--api-key",
            "apiKey",
            "--secret-env",
            "TEST_GCS_SECRET",
        ],
        &[("TEST_GCS_SECRET", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1")],
        b"",
    );
    assert_success(&out);
    assert_eq!(
        last_line(&out),
        "GCS v1HMAC:apiKey:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
    );
}

#[test]
fn gcs_sign_second_design_vector_from_unsorted_headers() {
    let out = payone(
        &[
            "gcs-sign",
            "--method",
            "DELETE",
            "--content-type",
            "application/json",
            "--date",
            DATE,
            "--header",
            "X-GCS-ServerMetaInfo: processed header value",
            "--header",
            "Accept: application/json",
            "--header",
            "x-gcs-customerheader:   processed\n  header value  ",
            "--header",
            "X-Gcs-ClientMetaInfo: processed header value",
            "--path",
            "/v2/1/tokens/2",
            "--api-key",
            "apiKey",
            "--secret-env",
            "TEST_GCS_SECRET",
            "--explain",
        ],
        &[("TEST_GCS_SECRET", "secretApiKey")],
        b"",
    );
    assert_success(&out);
    assert_eq!(
        stdout(&out),
        "DELETE\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n\
         x-gcs-clientmetainfo:processed header value\n\
         x-gcs-customerheader:processed header value\n\
         x-gcs-servermetainfo:processed header value\n/v2/1/tokens/2\n\
         GCS v1HMAC:apiKey:jXG/ESTtRWawO4OOyxOrtWcQA8XkrZKeoHeGGIj4jws=\n"
    );
}

#[test]
fn gcs_sign_rejects_a_repeated_gcs_header_and_a_missing_secret() {
    let base = [
        "gcs-sign",
        "--method",
        "GET",
        "--date",
        DATE,
        "--path",
        "/v2/1/tokens/2",
        "--api-key",
        "apiKey",
    ];
    let mut args = base.to_vec();
    args.extend([
        "--header",
        "X-GCS-A: 1",
        "--header",
        "x-gcs-a: 2",
        "--secret-env",
        "TEST_GCS_SECRET",
    ]);
    let out = payone(&args, &[("TEST_GCS_SECRET", "s")], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("more than once"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut args = base.to_vec();
    args.extend(["--secret-env", "NO_SUCH_SECRET_HOPEFULLY"]);
    let out = payone(&args, &[], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "payone: environment variable NO_SUCH_SECRET_HOPEFULLY is not set"
    );
}

const BODY: &[u8] = b"{\"apiVersion\":\"v1\",\"type\":\"payment.paid\"}\n\xff raw bytes";
const WEBHOOK_SECRET: &str = "webhook-secret";

fn webhook_signature(secret: &str, body: &[u8]) -> String {
    use base64::Engine as _;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn webhook_verify(signature: &str, secret_env: &str, body: &[u8]) -> Output {
    payone(
        &[
            "webhook-verify",
            "--key-id",
            "key-1",
            "--secret-env",
            secret_env,
            "--signature",
            signature,
        ],
        &[("TEST_WEBHOOK_SECRET", WEBHOOK_SECRET)],
        body,
    )
}

#[test]
fn webhook_verify_accepts_a_valid_signature() {
    let signature = webhook_signature(WEBHOOK_SECRET, BODY);
    let out = webhook_verify(&signature, "TEST_WEBHOOK_SECRET", BODY);
    assert_success(&out);
    assert_eq!(stdout(&out), "valid: key id key-1\n");
}

#[test]
fn webhook_verify_rejects_with_one_line() {
    let good = webhook_signature(WEBHOOK_SECRET, BODY);
    let cases = [
        (webhook_signature("other secret", BODY), BODY.to_vec()),
        (
            good.clone(),
            b"{\"apiVersion\":\"v1\",\"type\":\"payment.refunded\"}".to_vec(),
        ),
        ("***".to_owned(), BODY.to_vec()),
    ];
    for (signature, body) in cases {
        let out = webhook_verify(&signature, "TEST_WEBHOOK_SECRET", &body);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.starts_with("invalid: "), "{text}");
        assert!(
            !text.contains(&good) && !text.contains(WEBHOOK_SECRET),
            "{text}"
        );
    }
}

#[test]
fn webhook_verify_needs_the_secret_variable() {
    let signature = webhook_signature(WEBHOOK_SECRET, BODY);
    let out = webhook_verify(&signature, "NO_SUCH_SECRET_HOPEFULLY", BODY);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "payone: environment variable NO_SUCH_SECRET_HOPEFULLY is not set"
    );
}
