//! Every stored fuzz input, run on stable Rust: the starting corpus (`fuzz/corpus/<target>/`)
//! and every input that ever failed (`fuzz/regressions/<target>/`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use payone_client::directlink::{AnswerError, NcResponse};
use payone_fuzz::TARGETS;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files directly under `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every stored input of `target` through its function; returns (corpus, regressions).
fn run_target(target: &str) -> (usize, usize) {
    let function = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no target {target}"));
    let mut counts = [0, 0];
    for (count, kind) in counts.iter_mut().zip(["corpus", "regressions"]) {
        for path in files(&fuzz_dir().join(kind).join(target)) {
            let data = std::fs::read(&path).expect("a readable input");
            if catch_unwind(AssertUnwindSafe(|| function(&data))).is_err() {
                panic!("{target} fails on {}", path.display());
            }
            *count += 1;
        }
    }
    println!(
        "{target}: {} corpus inputs, {} regression inputs",
        counts[0], counts[1]
    );
    assert!(counts[0] + counts[1] > 0, "{target}: no stored input ran");
    (counts[0], counts[1])
}

macro_rules! targets {
    ($($target:ident),* $(,)?) => {
        $(
            #[test]
            fn $target() {
                run_target(stringify!($target));
            }
        )*

        #[test]
        fn every_target_has_a_test_here() {
            let tested = [$(stringify!($target)),*];
            for (name, _) in TARGETS {
                assert!(tested.contains(name), "{name} has no test in regressions.rs");
            }
            assert_eq!(tested.len(), TARGETS.len());
        }
    };
}

targets!(
    server_answer,
    client_api_answer,
    notification,
    directlink_xml,
    directlink_feedback,
    v2_json,
    v2_webhook,
    gcs,
    validate,
    spec_import,
);

#[test]
fn every_input_directory_names_a_target() {
    for kind in ["corpus", "regressions"] {
        let entries = std::fs::read_dir(fuzz_dir().join(kind)).expect("the directory exists");
        for entry in entries {
            let entry = entry.expect("a readable directory entry");
            let name = entry.file_name().into_string().expect("a UTF-8 name");
            assert!(
                entry.path().is_dir() && TARGETS.iter().any(|(t, _)| *t == name),
                "fuzz/{kind}/{name} is not a target's directory"
            );
        }
    }
}

#[test]
fn the_directlink_regressions_are_stored() {
    let (_, regressions) = run_target("directlink_xml");
    assert!(
        regressions >= 3,
        "only {regressions} DirectLink XML regressions ran"
    );
}

#[test]
fn an_undecodable_html_answer_is_reported_and_the_rest_kept() {
    let dir = fuzz_dir().join("regressions/directlink_xml");
    let not_base64 = std::fs::read(dir.join("html_answer_not_base64.xml")).expect("stored");
    let answer = NcResponse::parse(&not_base64).expect("the rest of the answer is readable");
    assert_eq!(answer.payid(), Some("3014726"));
    assert_eq!(answer.html_answer(), None);
    assert_eq!(
        answer.problem_with("HTML_ANSWER"),
        Some(&AnswerError::HtmlAnswer)
    );
    // Base64 of bytes that are not UTF-8: read as ISO-8859-1.
    let not_utf8 = std::fs::read(dir.join("html_answer_not_utf8.xml")).expect("stored");
    let answer = NcResponse::parse(&not_utf8).expect("decodable base64");
    assert_eq!(answer.html_answer(), Some("\u{ff}\u{e0}\u{e4}\u{ff}"));
}

/// Elements nested `depth` deep, in the shapes that build a deep tree: closed in order, and
/// left open inside a closed wrapper (the wrapper's end tag closes them all).
fn deep_inputs(depth: usize) -> [Vec<u8>; 3] {
    let open = "<a>".repeat(depth);
    let close = "</a>".repeat(depth);
    [
        open.clone().into_bytes(),
        format!("{open}<ncresponse STATUS=\"5\"/>{close}").into_bytes(),
        format!("<r>{open}<ncresponse STATUS=\"5\"/></r>").into_bytes(),
    ]
}

#[test]
fn moderately_deep_xml_reads() {
    for input in deep_inputs(1000) {
        payone_fuzz::directlink_xml(&input);
    }
}

/// Run on a thread with a 2 MiB stack, a tokio worker's size, where a recursive parser would
/// abort the process.
#[test]
fn xml_nested_300000_deep_does_not_overflow_the_stack() {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            for input in deep_inputs(300_000) {
                payone_fuzz::directlink_xml(&input);
            }
        })
        .expect("thread")
        .join()
        .expect("no panic");
}

#[test]
fn a_number_in_an_unknown_member_reads_back_as_written() {
    use payone_types::generated::v2::ErrorResponse;
    use payone_types::json::JsonObject;

    // Without correctly rounded float parsing (serde_json's `float_roundtrip`) `5e57` read as
    // 5.0000000000000004e57, which was written, read and written again as `5e+57`: unknown
    // members changed on every round trip.
    let answer = ErrorResponse::from_json_bytes(br#"{"":5e57}"#).expect("tolerant");
    assert_eq!(
        String::from_utf8_lossy(&answer.to_json_bytes()),
        r#"{"":5e+57}"#
    );
}
