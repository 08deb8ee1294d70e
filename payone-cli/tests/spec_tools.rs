//! `payone spec list --file`, `payone spec diff` and `payone spec import` through the real
//! binary, run from the repository root.

use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const FIXTURES: &str = "payone-spec/tests/fixtures/diff";

fn payone(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("payone runs")
}

/// Asserts that the seed page (relative to the repository root) is there. Only a checkout with
/// `../shared` beside it has the seeds, so the golden tests that read one are
/// `#[ignore = "needs ../shared/seeds/; ..."]`: `cargo test -- --include-ignored` runs them (CI
/// does), and there a missing seed fails the test instead of letting it pass unrun.
fn require_seed(seed: &str) {
    assert!(
        std::path::Path::new(ROOT).join(seed).exists(),
        "{seed} is not there; this golden test needs the page excerpts in ../shared/seeds/"
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn spec_list_file_reads_one_table_like_the_embedded_ones() {
    let out = payone(&["spec", "list", "--file", "spec/client.toml"]);
    assert!(out.status.success());
    let embedded = payone(&["spec", "list", "--api", "client"]);
    assert_eq!(stdout(&out), stdout(&embedded));

    let out = payone(&["spec", "list", "--file", &format!("{FIXTURES}/base.toml")]);
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out));

    let out = payone(&[
        "spec",
        "list",
        "--file",
        "spec/client.toml",
        "--spec",
        "spec",
    ]);
    assert!(
        !out.status.success(),
        "--file and --spec exclude each other"
    );
    let out = payone(&["spec", "list", "--file", "no/such.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn spec_diff_text_and_json() {
    let base = format!("{FIXTURES}/base.toml");
    let all = format!("{FIXTURES}/all.toml");
    let out = payone(&["spec", "diff", &base, &all]);
    assert!(out.status.success());
    insta::assert_snapshot!("spec_diff_text", stdout(&out));
    let out = payone(&["spec", "diff", &base, &all, "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(json["impact"], "major");
    insta::assert_snapshot!("spec_diff_json", stdout(&out));
}

#[test]
fn spec_diff_of_directories_and_of_a_file_against_a_directory() {
    let out = payone(&["spec", "diff", "spec", "spec"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "no changes\n");
    let out = payone(&["spec", "diff", "spec/client.toml", "spec", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let kinds: Vec<&str> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["api_added", "api_added", "api_added", "api_added"]);
    assert_eq!(json["impact"], "minor");
}

#[test]
fn spec_import_of_a_fixture_page_lists_like_the_file_it_wrote() {
    let dir = std::env::temp_dir().join(format!("payone-spec-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("frontend.toml");
    let out_arg = out_path.display().to_string();
    let out = payone(&[
        "spec",
        "import",
        "--from",
        "payone-spec/tests/fixtures/import/base.txt",
        "--api",
        "frontend",
        "--overlay",
        "payone-spec/tests/fixtures/import/overlay.toml",
        "--out",
        &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), format!("wrote {out_arg} (7 rows)\n"));
    let listed = payone(&["spec", "list", "--file", &out_arg]);
    assert!(listed.status.success());
    insta::assert_snapshot!("spec_import_fixture_list", stdout(&listed));

    // A page the importer cannot read: nothing is written, the line is named.
    let bad_path = dir.join("bad.toml");
    let bad_arg = bad_path.display().to_string();
    let out = payone(&[
        "spec",
        "import",
        "--from",
        "payone-spec/tests/fixtures/import/unknown_format.txt",
        "--api",
        "frontend",
        "--overlay",
        "payone-spec/tests/fixtures/import/overlay.toml",
        "--out",
        &bad_arg,
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown_format.txt: line 90: `zip`: format `WIDGET(3)`"),
        "{stderr}"
    );
    assert!(!bad_path.exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// Imports `seed` for `api` through the CLI and checks the written table against
/// `spec/{api}.toml`: `spec diff` finds no change and `spec list` prints the same lines.
fn seed_import_is_the_checked_in_table(seed: &str, api: &str) {
    require_seed(seed);
    let dir = std::env::temp_dir().join(format!("payone-spec-import-{api}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_arg = dir.join(format!("{api}.toml")).display().to_string();
    let out = payone(&[
        "spec", "import", "--from", seed, "--api", api, "--out", &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let diff = payone(&["spec", "diff", &format!("spec/{api}.toml"), &out_arg]);
    assert_eq!(stdout(&diff), "no changes\n");
    let listed = payone(&["spec", "list", "--file", &out_arg]);
    assert!(listed.status.success());
    let embedded = payone(&["spec", "list", "--api", api]);
    assert_eq!(stdout(&listed), stdout(&embedded));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn spec_import_of_seed_001_lists_like_spec_client_toml() {
    seed_import_is_the_checked_in_table("../shared/seeds/001_c9d32d3d00da9c41.txt", "client");
}

#[test]
fn spec_import_of_a_directlink_fixture_page_lists_like_the_file_it_wrote() {
    let fixtures = "payone-spec/tests/fixtures/import_directlink";
    let dir = std::env::temp_dir().join(format!("payone-spec-import-dl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("directlink.toml");
    let out_arg = out_path.display().to_string();
    let overlay = format!("{fixtures}/overlay.toml");
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &format!("{fixtures}/base.txt"),
        "--api",
        "directlink",
        "--overlay",
        &overlay,
        "--out",
        &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), format!("wrote {out_arg} (13 rows)\n"));
    // What the page has besides its tables is read past, and each range is named on stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "payone: warning: {fixtures}/base.txt: line 24-29: the table under `4. Rückmeldung zur Bestellung`, skipped by the overlay"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 7, "{stderr}");
    let listed = payone(&["spec", "list", "--file", &out_arg]);
    assert!(listed.status.success());
    insta::assert_snapshot!("spec_import_directlink_fixture_list", stdout(&listed));

    // A row that lost its name cell: nothing is written, the line is named.
    let bad_path = dir.join("bad.toml");
    let bad_arg = bad_path.display().to_string();
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &format!("{fixtures}/nameless.txt"),
        "--api",
        "directlink",
        "--overlay",
        &overlay,
        "--out",
        &bad_arg,
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nameless.txt: line 15: a row without a name cell"),
        "{stderr}"
    );
    assert!(!bad_path.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn spec_import_of_seed_002_lists_like_spec_directlink_toml() {
    seed_import_is_the_checked_in_table("../shared/seeds/002_ab72de093d810b42.txt", "directlink");
}

#[test]
fn spec_diff_tells_widening_from_narrowing_and_type_changes() {
    for (old, new, impact) in [
        ("base", "format", "minor"),
        ("base", "format_narrowed", "major"),
        ("base", "format_type", "major"),
        ("directlink_old", "directlink_new", "major"),
    ] {
        let (old, new) = (
            format!("{FIXTURES}/{old}.toml"),
            format!("{FIXTURES}/{new}.toml"),
        );
        let text = payone(&["spec", "diff", &old, &new]);
        assert!(text.status.success());
        let json = payone(&["spec", "diff", &old, &new, "--json"]);
        assert!(json.status.success());
        let value: serde_json::Value =
            serde_json::from_str(&stdout(&json)).expect("one JSON document");
        assert_eq!(value["impact"], impact, "{new}");
        let name = new
            .rsplit('/')
            .next()
            .expect("name")
            .trim_end_matches(".toml");
        insta::assert_snapshot!(format!("spec_diff_{name}_text"), stdout(&text));
        insta::assert_snapshot!(format!("spec_diff_{name}_json"), stdout(&json));
    }
}

#[test]
fn spec_import_request_writes_only_that_request() {
    let fixtures = "payone-spec/tests/fixtures/import_directlink";
    let dir = std::env::temp_dir().join(format!("payone-spec-import-req-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("privacy.toml");
    let out_arg = out_path.display().to_string();
    let from = format!("{fixtures}/base.txt");
    let overlay = format!("{fixtures}/overlay.toml");
    let import = |request: &str, out: &str| {
        payone(&[
            "spec",
            "import",
            "--from",
            &from,
            "--api",
            "directlink",
            "--request",
            request,
            "--overlay",
            &overlay,
            "--out",
            out,
        ])
    };
    let out = import("privacy_policy", &out_arg);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), format!("wrote {out_arg} (2 rows)\n"));
    let listed = payone(&["spec", "list", "--file", &out_arg]);
    assert!(listed.status.success());
    insta::assert_snapshot!("spec_import_request_privacy_policy_list", stdout(&listed));
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert!(!written.contains("orderdirect"), "{written}");

    // An unknown request: exit 2, the known ones listed, nothing written.
    let bad_path = dir.join("bad.toml");
    let bad_arg = bad_path.display().to_string();
    let out = import("authorisation", &bad_arg);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "payone: --request authorisation: the table has no such request; known: orderdirect, privacy_policy\n"
    );
    assert!(!bad_path.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
#[ignore = "needs ../shared/seeds/; run with --include-ignored"]
fn spec_import_request_of_seed_004_lists_like_that_request_of_spec_frontend_toml() {
    let seed = "../shared/seeds/004_b4c62a2bdee63cc8.txt";
    require_seed(seed);
    let dir = std::env::temp_dir().join(format!("payone-spec-import-004r-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for request in ["authorization", "createaccess"] {
        let out_path = dir.join(format!("{request}.toml"));
        let out_arg = out_path.display().to_string();
        let out = payone(&[
            "spec",
            "import",
            "--from",
            seed,
            "--api",
            "frontend",
            "--request",
            request,
            "--out",
            &out_arg,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let listed = payone(&["spec", "list", "--file", &out_arg]);
        assert!(listed.status.success());
        let embedded = payone(&["spec", "list", "--api", "frontend", "--request", request]);
        assert_eq!(stdout(&listed), stdout(&embedded), "{request}");
        let written = std::fs::read_to_string(&out_path).expect("written");
        let requests = written.matches("[[request]]").count();
        assert_eq!(requests, 1, "{request}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Server API tables are split over page files. Written back as one file (the files'
/// tables in load order), they are the same tables: `spec diff` sees no change, and
/// `spec list --file` on the directory lists what the embedded tables list.
#[test]
fn the_split_server_tables_read_like_one_file() {
    let dir = std::path::Path::new(ROOT).join("spec/server");
    let mut files = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("spec/server") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "api.toml"), p.clone()));
    assert!(files.len() > 2, "{files:?}");
    let joined: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable") + "\n")
        .collect();
    let one = std::env::temp_dir().join(format!("payone-server-{}.toml", std::process::id()));
    std::fs::write(&one, joined).expect("temp file");
    let out = payone(&["spec", "diff", one.to_str().expect("utf-8"), "spec/server"]);
    std::fs::remove_file(&one).ok();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out).trim(), "no changes");

    let listed = payone(&["spec", "list", "--file", "spec/server"]);
    assert!(listed.status.success(), "{listed:?}");
    let embedded = payone(&["spec", "list", "--api", "server"]);
    assert_eq!(stdout(&listed), stdout(&embedded));
    assert!(
        stdout(&listed)
            .lines()
            .any(|l| l.starts_with("server\tpreauthorization\tcardtype\t"))
    );
}

/// A Server API request page, written here in that layout (descriptions of the test's own).
const SERVER_PAGE: &str = "\
POST Request - Capture
Account Parameters
request
required
Fixed Value: capture
common Parameters
txid
required
Format NUMERIC(9..12)
The transaction to capture
currency
required
Format LIST
Permitted values ISO 4217 (currencies) 3-letter-codes
Parameter ( basket )
it[n]
optional
Format CHAR(1..20)
Kind of one line
Array elements [n] starting with [1]; serially numbered; max [400]
add_paydata[capture_mode]
optional
Fixed Value: completed/notcompleted
";

#[test]
fn spec_import_of_a_server_page_without_an_overlay_writes_a_loadable_table() {
    let dir = std::env::temp_dir().join(format!("payone-spec-import-sp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("capture.txt");
    std::fs::write(&page, SERVER_PAGE).expect("page");
    let page_arg = page.display().to_string();
    let out_path = dir.join("capture.toml");
    let out_arg = out_path.display().to_string();
    let out = payone(&[
        "spec", "import", "--from", &page_arg, "--api", "server", "--out", &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), format!("wrote {out_arg} (5 rows)\n"));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("payone: warning: {page_arg}: line 1: prose, not a table\n")
    );
    let listed = payone(&["spec", "list", "--file", &out_arg]);
    assert!(listed.status.success());
    let listed = stdout(&listed);
    for want in ["it[n]", "add_paydata[capture_mode]", "currency", "txid"] {
        assert!(listed.contains(want), "{want} in\n{listed}");
    }
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert!(written.contains("[group.array]\nmax = 400\n"), "{written}");
    assert!(written.contains("values_from = \"ISO 4217\""), "{written}");

    // An overlay row the page lacks is a warning: the table is still written.
    let overlay = dir.join("overlay.toml");
    std::fs::write(
        &overlay,
        "[[param]]\nname = \"amount\"\nrust = \"Amount\"\n",
    )
    .expect("overlay");
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &page_arg,
        "--api",
        "server",
        "--layout",
        "server-page",
        "--overlay",
        &overlay.display().to_string(),
        "--out",
        &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "payone: warning: {page_arg}: overlay: [[param]] `amount`: no such row on the page (`add = true` adds one)"
        )),
        "{stderr}"
    );

    // A layout of another table is refused, naming the layouts that fit.
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &page_arg,
        "--api",
        "server",
        "--layout",
        "client-page",
        "--out",
        &out_arg,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "payone: --layout client-page reads pages of the client table, not of `server`; layouts for `server`: server-page\n"
    );
    // The same page as a Client API request page.
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &page_arg,
        "--api",
        "client",
        "--layout",
        "client-page",
        "--out",
        &out_arg,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert!(written.contains("name = \"client\""), "{written}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn spec_import_help_names_the_page_kind_of_every_layout() {
    let out = payone(&["spec", "import", "--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for (layout, kind) in [
        ("frontend-parameters", "FE - Parameters in the request URL"),
        ("client-definitions", "General Interface Definitions"),
        ("directlink-guide", "DirectLink integration guide"),
        ("server-page", "channel-server-api"),
        ("client-page", "channel-client-api"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("- {layout}:")))
            .unwrap_or_else(|| panic!("no `{layout}` in\n{help}"));
        let at = help.find(line).expect("line");
        let entry: String = help[at..].lines().take(3).collect::<Vec<_>>().join(" ");
        assert!(entry.contains(kind), "{layout}: {entry}");
    }
    for word in ["seed", "../shared", "DESIGN.md"] {
        assert!(!help.contains(word), "`{word}` in\n{help}");
    }
}

#[test]
fn spec_import_of_the_v2_schema_is_the_checked_in_create_payment_request() {
    let dir = std::env::temp_dir().join(format!("payone-spec-import-v2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("v2.toml");
    let out_arg = out_path.display().to_string();
    let schema = "payone-spec/tests/fixtures/v2/createPaymentRequest.json";
    let out = payone(&[
        "spec", "import", "--from", schema, "--api", "v2", "--out", &out_arg,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout(&out), format!("wrote {out_arg} (11 objects)\n"));
    // Every member the overlay leaves out is a warning with its JSON pointer.
    assert_eq!(stderr.lines().count(), 7, "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with(&format!("payone: warning: {schema}: #")))
    );
    assert!(stderr.contains(
        "#/definitions/customerDevice/properties: 1 member left out by the overlay's `members`: deviceFingerprint"
    ));
    // Against spec/v2/: only the operations and the objects outside the request body differ.
    let diff = payone(&["spec", "diff", "spec/v2", &out_arg]);
    assert!(diff.status.success());
    let text = stdout(&diff);
    let request_objects = [
        "CreatePaymentRequest",
        "Order",
        "AmountOfMoney",
        "Customer",
        "ContactDetails",
        "CustomerDevice",
        "BrowserData",
        "OrderReferences",
        "CardPaymentMethodSpecificInput",
        "Card",
        "ThreeDSecure",
    ];
    for line in text.lines() {
        let place = line.split('\t').nth(1).unwrap_or_default();
        assert!(
            !request_objects.iter().any(|o| place == format!("v2/{o}")),
            "a request object differs: {line}"
        );
    }
    assert!(
        text.contains("v2/create_payment\trequest removed"),
        "{text}"
    );

    // --request belongs to the page layouts.
    let out = payone(&[
        "spec",
        "import",
        "--from",
        schema,
        "--api",
        "v2",
        "--request",
        "x",
        "--out",
        &out_arg,
    ]);
    assert!(!out.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn spec_import_v2_reads_relative_refs_and_reports_what_it_cannot_read() {
    let dir =
        std::env::temp_dir().join(format!("payone-spec-import-v2-refs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("common")).expect("temp dir");
    std::fs::write(
        dir.join("testRequest.json"),
        r#"{"type":"object","properties":{"address":{"$ref":"common/address.json"},"any":{"anyOf":[{"type":"string"}]}}}"#,
    )
    .expect("schema");
    std::fs::write(
        dir.join("common/address.json"),
        r#"{"type":"object","properties":{"zip":{"type":"string","maxLength":10}}}"#,
    )
    .expect("schema");
    let from = dir.join("testRequest.json").display().to_string();
    let out_arg = dir.join("out.toml").display().to_string();
    let none = dir.join("none.toml").display().to_string();
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &from,
        "--api",
        "v2",
        "--overlay",
        &none,
        "--out",
        &out_arg,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "payone: warning: {from}: #/properties/any/anyOf: `anyOf` not supported\npayone: warning: {from}: #/properties/any: no `type`; member left out (an overlay `format` keeps it)\n"
        )
    );
    let written = std::fs::read_to_string(&out_arg).expect("written");
    assert!(written.contains("rust = \"Address\""), "{written}");
    assert!(written.contains("format = \"CHAR(1..10)\""), "{written}");

    // A cycle: an error, nothing written.
    std::fs::write(
        dir.join("common/address.json"),
        r#"{"type":"object","properties":{"back":{"$ref":"../testRequest.json"}}}"#,
    )
    .expect("schema");
    std::fs::remove_file(&out_arg).expect("remove");
    let out = payone(&[
        "spec",
        "import",
        "--from",
        &from,
        "--api",
        "v2",
        "--overlay",
        &none,
        "--out",
        &out_arg,
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`$ref` cycle"), "{stderr}");
    assert!(!std::path::Path::new(&out_arg).exists());
    std::fs::remove_dir_all(&dir).ok();
}
