//! The `payone` CLI contract of DESIGN.md section 5, exercised through the real binary.
//! Expected digests are computed here from hand-written data strings with the `md-5`, `hmac`
//! and `sha2` crates directly, independently of the library's signing code.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use sha2::Sha384;

const KEY: &str = "wurstbrot";

fn payone(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(args)
        .env("TEST_PORTAL_KEY", KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("payone runs");
    // A command that fails before reading stdin closes it; that is not the test's concern.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("payone finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn last_line(output: &Output) -> String {
    stdout(output).lines().last().unwrap_or_default().to_owned()
}

fn hmac_sha384(data: &[u8]) -> String {
    let mut mac = Hmac::<Sha384>::new_from_slice(KEY.as_bytes()).expect("any key length");
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

fn md5_with_key(data: &[u8]) -> String {
    let mut hasher = Md5::new();
    hasher.update(data);
    hasher.update(KEY.as_bytes());
    hex::encode(hasher.finalize())
}

#[test]
fn client_api_vector_of_design_md() {
    let input = "aid=22222\napi_version=3.11\nencoding=UTF-8\nmid=11111\nmode=test\nportalid=3333333\n\
                 request=creditcardcheck\nresponsetype=JSON\nstorecarddata=yes\n";
    let out = payone(
        &[
            "hash",
            "--api",
            "client",
            "--algo",
            "sha384",
            "--key-env",
            "TEST_PORTAL_KEY",
        ],
        input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        last_line(&out),
        "ba5c08f0a3ee380214908e1274411227054923d129109e6f4b4460935a64918e5871842655ea8c02e54fcafa9c029bc0"
    );
    assert_eq!(
        hmac_sha384(b"222223.11UTF-811111test3333333creditcardcheckJSONyes"),
        last_line(&out)
    );
}

/// A Frontend authorization with 12 basket items, personal data (not in the hash), non-ASCII
/// values and an empty value, in scrambled order.
fn frontend_basket(encoding: &str) -> (String, Vec<u8>) {
    let mut lines = vec![
        "firstname=Jürgen".to_owned(),
        "request=authorization".to_owned(),
        "portalid=3333333".to_owned(),
        "aid=22222".to_owned(),
        "mode=test".to_owned(),
        "api_version=3.11".to_owned(),
        format!("encoding={encoding}"),
        "clearingtype=cc".to_owned(),
        "reference=order-4711".to_owned(),
        "amount=1200".to_owned(),
        "currency=EUR".to_owned(),
        "lastname=Müller".to_owned(),
        "param=".to_owned(),
        "city=Köln".to_owned(),
    ];
    for n in (1..=12).rev() {
        lines.push(format!("it[{n}]=goods"));
        lines.push(format!("id[{n}]=SKU-{n}"));
        lines.push(format!("pr[{n}]=100"));
        lines.push(format!("no[{n}]=1"));
        lines.push(format!("de[{n}]=Größe {n}"));
        lines.push(format!("va[{n}]=19"));
    }
    // The data by hand: UsedInHash names in natural order (de[2] before de[10]), raw values,
    // the empty `param` contributing nothing; firstname, lastname and city are not hashed.
    let mut data = String::from("22222");
    data.push_str("1200");
    data.push_str("3.11");
    data.push_str("cc");
    data.push_str("EUR");
    for n in 1..=12 {
        data.push_str(&format!("Größe {n}"));
    }
    data.push_str(encoding);
    for n in 1..=12 {
        data.push_str(&format!("SKU-{n}"));
    }
    for _ in 1..=12 {
        data.push_str("goods");
    }
    data.push_str("test");
    for _ in 1..=12 {
        data.push('1');
    }
    data.push_str("3333333");
    for _ in 1..=12 {
        data.push_str("100");
    }
    data.push_str("order-4711");
    data.push_str("authorization");
    for _ in 1..=12 {
        data.push_str("19");
    }
    let bytes = if encoding == "ISO-8859-1" {
        data.chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
            .collect()
    } else {
        data.into_bytes()
    };
    (lines.join("\n") + "\n", bytes)
}

#[test]
fn frontend_hmac_sha384_over_twelve_items_in_natural_order() {
    let (input, data) = frontend_basket("UTF-8");
    let out = payone(
        &[
            "hash",
            "--api",
            "frontend",
            "--algo",
            "sha384",
            "--key-env",
            "TEST_PORTAL_KEY",
        ],
        &input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(last_line(&out), hmac_sha384(&data));
}

#[test]
fn frontend_md5_over_the_same_request() {
    let (input, data) = frontend_basket("UTF-8");
    let out = payone(
        &[
            "hash",
            "--api",
            "frontend",
            "--algo",
            "md5",
            "--key-env",
            "TEST_PORTAL_KEY",
        ],
        &input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(last_line(&out), md5_with_key(&data));
}

#[test]
fn declared_iso_8859_1_hashes_latin1_bytes() {
    let (input, data) = frontend_basket("ISO-8859-1");
    let out = payone(
        &[
            "hash",
            "--api",
            "frontend",
            "--algo",
            "sha384",
            "--key-env",
            "TEST_PORTAL_KEY",
        ],
        &input,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(last_line(&out), hmac_sha384(&data));
}

#[test]
fn explain_lists_the_hashed_names_in_natural_order() {
    let (input, _) = frontend_basket("UTF-8");
    let out = payone(
        &[
            "hash",
            "--api",
            "frontend",
            "--algo",
            "md5",
            "--key-env",
            "TEST_PORTAL_KEY",
            "--explain",
        ],
        &input,
    );
    let text = stdout(&out);
    let names: Vec<&str> = text.lines().collect();
    let position = |n: &str| {
        names
            .iter()
            .position(|x| *x == n)
            .unwrap_or_else(|| panic!("{n} missing"))
    };
    assert!(position("de[2]") < position("de[10]"));
    assert!(position("de[9]") < position("de[10]"));
    assert!(position("de[12]") < position("encoding"));
    assert!(!names.contains(&"firstname"), "personal data is not hashed");
    // The empty `param` is hashed (it adds no bytes), so it is listed in its place.
    assert!(position("no[12]") < position("param") && position("param") < position("portalid"));
    assert_eq!(
        names.len(),
        11 + 6 * 12 + 1,
        "11 hashed scalars, 72 item values, the digest"
    );
}

#[test]
fn hash_reads_the_key_only_from_the_named_variable() {
    let out = payone(
        &[
            "hash",
            "--api",
            "client",
            "--algo",
            "md5",
            "--key-env",
            "NO_SUCH_VARIABLE_HOPEFULLY",
        ],
        "request=creditcardcheck\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "payone: environment variable NO_SUCH_VARIABLE_HOPEFULLY is not set"
    );
}

#[test]
fn validate_reports_every_violation_once_and_never_echoes_card_data() {
    let input = "request=authorization\naid=22222\nportalid=3333333\napi_version=3.11\nmode=test\n\
                 clearingtype=cc\nreference=this reference is far too long\namount=99999999999\n\
                 currency=EUR\nit[1]=coupon\nid[1]=SKU-1\npr[1]=2999999999\nno[1]=1\nde[1]=Socks\n\
                 cardpan=4111111111111111111111\ncardtype=V\ncardexpireyear=2030\ncardexpiremonth=12\n\
                 cardcvc2=12345\nlastname=M\n";
    let out = payone(&["validate", "--api", "frontend"], input);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    insta::assert_snapshot!(text);
    for secret in ["4111111111111111111111", "12345"] {
        assert!(!text.contains(secret), "a card value was echoed");
    }
    for line in text.lines() {
        let name = line.split(':').next().unwrap_or_default();
        assert!(
            !name.is_empty() && !name.contains(' '),
            "`{line}` does not start with a name"
        );
    }
}

#[test]
fn validate_reports_missing_required_and_an_iban_without_echo() {
    let input = "request=preauthorization\naid=22222\nportalid=3333333\napi_version=3.11\nmode=test\n\
                 clearingtype=elv\nreference=order-1\ncurrency=EUR\niban=DE89 3704 0044 0532 0130 00\n";
    let out = payone(&["validate", "--api", "frontend"], input);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    insta::assert_snapshot!(text);
    assert!(!text.contains("DE89"), "the IBAN was echoed");
}

#[test]
fn validate_accepts_a_valid_server_request() {
    let input = "request=capture\nmid=11111\nportalid=3333333\naid=22222\nkey=3c6e0b8a9c15224a8228b9a98ca1531d\n\
                 api_version=3.11\nmode=test\ntxid=123456789\nsequencenumber=1\namount=1000\ncurrency=EUR\n";
    let out = payone(&["validate", "--api", "server"], input);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The integration parameters and the personal, delivery and capture rows of the Server API
/// pages. Values as PAYONE's own Magento 2 plugin sends them (github:PAYONE-GmbH/magento-2
/// Model/Api/Request/Base.php initRequest, AddressRequest.php; capture values from
/// github:PAYONE-GmbH/shopware-6 CaptureRequestParameterBuilder.php), restricted to the
/// parameters the tables hold so far.
#[test]
fn validate_accepts_integration_personal_delivery_and_capture_rows() {
    let account = "mid=11111\nportalid=3333333\naid=22222\nkey=3c6e0b8a9c15224a8228b9a98ca1531d\n\
                   api_version=3.11\nmode=test\nencoding=UTF-8\nintegrator_name=Magento2\n\
                   integrator_version=2.4.7\nsolution_name=fatchip\nsolution_version=3.17.2\n";
    let preauthorization = format!(
        "request=preauthorization\n{account}clearingtype=cc\npseudocardpan=9410010000008135006\n\
         cardtype=V\ncardexpiredate=3012\nreference=000000123\namount=7300\ncurrency=EUR\n\
         narrative_text=Order 000000123\nsalutation=Frau\ntitle=Dr\nfirstname=Erika\n\
         lastname=Mustermann\ncompany=Musterfirma GmbH\nstreet=Heidestrasse 17\n\
         addressaddition=c/o Maier\nzip=51147\ncity=Koeln\ncountry=DE\nemail=erika@example.org\n\
         ip=192.0.2.10\nbusinessrelation=b2c\nshipping_firstname=Max\nshipping_lastname=Mustermann\n\
         shipping_street=Musterweg 1\nshipping_zip=10115\nshipping_city=Berlin\nshipping_country=DE\n"
    );
    let capture = format!(
        "request=capture\n{account}txid=123456789\nsequencenumber=1\namount=7300\ncurrency=EUR\n\
         capturemode=completed\nsettleaccount=auto\n"
    );
    for input in [preauthorization, capture] {
        let out = payone(&["validate", "--api", "server"], &input);
        assert_eq!(stdout(&out), "", "{input}");
        assert_eq!(out.status.code(), Some(0));
    }
    let account = account.replace(
        "solution_name=fatchip",
        &format!("solution_name={}", "x".repeat(51)),
    );
    let wrong = format!(
        "request=capture\n{account}txid=123456789\nsequencenumber=1\namount=7300\ncurrency=EUR\n\
         capturemode=partial\nsettleaccount=maybe\n"
    );
    let out = payone(&["validate", "--api", "server"], &wrong);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn validate_names_an_unknown_request() {
    let out = payone(&["validate", "--api", "client"], "request=refund\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "request: unknown value for the client API; permitted: creditcardcheck, bankaccountcheck, managemandate\n"
    );
}

#[test]
fn spec_list_prints_the_frontend_table() {
    let out = payone(&["spec", "list", "--api", "frontend"], "");
    assert!(out.status.success());
    let text = stdout(&out);
    let mut rules = 0;
    for line in text.lines() {
        let columns: Vec<&str> = line.split('\t').collect();
        // A conditional rule of the request: its id, then the rule in plain English.
        if columns.get(2).is_some_and(|c| c.starts_with("rule ")) {
            assert_eq!(columns.len(), 4, "{line}");
            rules += 1;
            continue;
        }
        assert_eq!(columns.len(), 6, "{line}");
        assert!(
            ["required", "optional", "conditional"].contains(&columns[3]),
            "{line}"
        );
        assert!(["yes", "no"].contains(&columns[4]), "{line}");
    }
    assert!(rules > 0, "the Frontend tables' rules are listed");
    insta::assert_snapshot!(text);
}

#[test]
fn spec_list_of_a_request_and_an_unknown_api() {
    let out = payone(
        &[
            "spec",
            "list",
            "--api",
            "client",
            "--request",
            "bankaccountcheck",
        ],
        "",
    );
    insta::assert_snapshot!(stdout(&out));
    let out = payone(&["spec", "list", "--api", "nope"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn spec_check_passes_on_the_checked_in_code() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(["spec", "check"])
        .current_dir(root)
        .output()
        .expect("payone runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sandbox_prints_its_address_first_and_serves() {
    use std::io::{BufRead, BufReader, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("payone sandbox runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line `{first}`"))
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).expect("the sandbox accepts connections");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(b"GET /sandbox/requests HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("request");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    child.kill().expect("stop the sandbox");
    let _ = child.wait();
}

#[test]
fn demo_runs_a_whole_checkout_without_printing_secrets() {
    let out = Command::new(env!("CARGO_BIN_EXE_payone"))
        .arg("demo")
        .output()
        .expect("payone demo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.trim_end()
            .ends_with("the prepayment, the DirectLink order and the v2 payment"),
        "{text}"
    );
    for secret in [
        "4111111111111111",
        "4000000000001091",
        "Erika Mustermann",
        "=123",
        "sandbox-portal-key",
        "not the portal key",
        "sandbox-password",
        "sandbox-sha-in-passphrase!",
        "sandbox-api-secret",
        "sandbox-webhook-secret",
        // IBANs: the customer's and the sandbox's collection account
        "DE02120300000000202051",
        "DE02100500000024290661",
    ] {
        assert!(!text.contains(secret), "the demo printed a secret");
    }
    for step in [
        "3-D Secure",
        "capture",
        "refund",
        "subsequent",
        "TSOK",
        "managemandate for IBAN ******************2051: mandate PO-0000000001 pending",
        "getfile: the signed mandate",
        "paid       txid=100000005 clearingtype=sb",
        "paid       txid=100000006 clearingtype=vor",
        "Frontend",
        "DirectLink orderdirect",
        "STATUS 8 (Refund)",
        "merchantAction REDIRECT",
        "payment.refunded",
    ] {
        assert!(text.contains(step), "step `{step}` missing");
    }
}

const DIRECTLINK_VECTOR: &str =
    "AMOUNT=1500\nCURRENCY=EUR\nLANGUAGE=en_US\nORDERID=1234\nPSPID=MyPSPID\n";

fn directlink(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(args)
        .env("TEST_SHA_PASSPHRASE", "Mysecretsig1875!?")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("payone runs");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("payone finishes")
}

#[test]
fn directlink_vectors_of_design_md() {
    let args = |algo| {
        [
            "hash",
            "--api",
            "directlink",
            "--algo",
            algo,
            "--key-env",
            "TEST_SHA_PASSPHRASE",
        ]
    };
    let out = directlink(&args("sha1"), DIRECTLINK_VECTOR);
    assert_eq!(last_line(&out), "F4CC376CD7A834D997B91598FA747825A238BE0A");
    let out = directlink(&args("sha256"), DIRECTLINK_VECTOR);
    assert_eq!(
        last_line(&out),
        "E019359BAA3456AE5A986B6AABD22CF1B3E09438739E97F17A7F61DF5A11B30F"
    );
    // SHA-512 has no public vector: computed here from the hand-written signed string.
    use sha2::Sha512;
    let data = "AMOUNT=1500Mysecretsig1875!?CURRENCY=EURMysecretsig1875!?LANGUAGE=en_USMysecretsig1875!?\
                ORDERID=1234Mysecretsig1875!?PSPID=MyPSPIDMysecretsig1875!?";
    let expected = hex::encode_upper(Sha512::digest(data.as_bytes()));
    let out = directlink(&args("sha512"), DIRECTLINK_VECTOR);
    assert_eq!(last_line(&out), expected);
}

#[test]
fn directlink_upper_cases_names_skips_empty_values_and_sorts_in_byte_order() {
    use sha1::Sha1;
    let input = "pspid=MyPSPID\nITEMID2=a\nitemid10=b\nCOM=\nSHASIGN=ignored\n";
    let out = directlink(
        &[
            "hash",
            "--api",
            "directlink",
            "--algo",
            "sha1",
            "--key-env",
            "TEST_SHA_PASSPHRASE",
            "--explain",
        ],
        input,
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Alphabetical byte order, not the natural order of the Frontend hash: ITEMID10 first.
    assert_eq!(lines[..3], ["ITEMID10", "ITEMID2", "PSPID"]);
    let data =
        "ITEMID10=bMysecretsig1875!?ITEMID2=aMysecretsig1875!?PSPID=MyPSPIDMysecretsig1875!?";
    assert_eq!(lines[3], hex::encode_upper(Sha1::digest(data.as_bytes())));
}

/// Feedback as the platform sends it to ACCEPTURL, with a merchant's own `session` parameter
/// and `PSPID` / `LANGUAGE`, which are SHA-IN parameters but not on the SHA-OUT list.
const DIRECTLINK_FEEDBACK: &str = "orderID=1234\nSTATUS=5\nPAYID=3014\nsession=abc\nPSPID=MyPSPID\n\
                                   LANGUAGE=en_US\namount=15\nSHASIGN=ignored\n";

fn directlink_hash(direction: Option<&str>, stdin: &str) -> Vec<String> {
    let mut args = vec![
        "hash",
        "--api",
        "directlink",
        "--algo",
        "sha256",
        "--key-env",
        "TEST_SHA_PASSPHRASE",
        "--explain",
    ];
    if let Some(direction) = direction {
        args.extend(["--direction", direction]);
    }
    let out = directlink(&args, stdin);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    stdout(&out).lines().map(str::to_owned).collect()
}

fn sha256_upper(data: &str) -> String {
    hex::encode_upper(sha2::Sha256::digest(data.as_bytes()))
}

#[test]
fn directlink_direction_in_signs_every_parameter_but_shasign() {
    let lines = directlink_hash(Some("in"), DIRECTLINK_FEEDBACK);
    assert_eq!(
        lines[..7],
        [
            "AMOUNT", "LANGUAGE", "ORDERID", "PAYID", "PSPID", "SESSION", "STATUS"
        ]
    );
    let p = "Mysecretsig1875!?";
    let data = format!(
        "AMOUNT=15{p}LANGUAGE=en_US{p}ORDERID=1234{p}PAYID=3014{p}PSPID=MyPSPID{p}SESSION=abc{p}STATUS=5{p}"
    );
    assert_eq!(lines[7], sha256_upper(&data));
    // `in` is the default.
    assert_eq!(directlink_hash(None, DIRECTLINK_FEEDBACK), lines);
}

#[test]
fn directlink_direction_out_signs_only_the_sha_out_list() {
    let lines = directlink_hash(Some("out"), DIRECTLINK_FEEDBACK);
    // PSPID and LANGUAGE are on the SHA-IN side only; `session` is on neither published list.
    assert_eq!(lines[..4], ["AMOUNT", "ORDERID", "PAYID", "STATUS"]);
    let p = "Mysecretsig1875!?";
    let data = format!("AMOUNT=15{p}ORDERID=1234{p}PAYID=3014{p}STATUS=5{p}");
    assert_eq!(lines[4], sha256_upper(&data));
    assert_ne!(
        lines[4],
        directlink_hash(Some("in"), DIRECTLINK_FEEDBACK)[7]
    );
    // The DESIGN.md vector differs by direction: PSPID and LANGUAGE leave the SHA-OUT string.
    let out = directlink_hash(Some("out"), DIRECTLINK_VECTOR);
    assert_eq!(out[..3], ["AMOUNT", "CURRENCY", "ORDERID"]);
    let data = format!("AMOUNT=1500{p}CURRENCY=EUR{p}ORDERID=1234{p}");
    assert_eq!(out[3], sha256_upper(&data));
}

#[test]
fn directlink_direction_out_names_what_it_leaves_out() {
    let args = [
        "hash",
        "--api",
        "directlink",
        "--algo",
        "sha1",
        "--key-env",
        "TEST_SHA_PASSPHRASE",
        "--direction",
        "out",
    ];
    let out = directlink(&args, DIRECTLINK_VECTOR);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "payone: note: not on the SHA-OUT list, so not signed: LANGUAGE, PSPID\n"
    );
    // SHA-IN signs them all and notes nothing.
    let out = directlink(&args[..7], DIRECTLINK_VECTOR);
    assert!(out.stderr.is_empty(), "{out:?}");
    assert_eq!(
        stdout(&out).trim_end(),
        "F4CC376CD7A834D997B91598FA747825A238BE0A"
    );
}

#[test]
fn directlink_direction_out_matches_the_feedback_verifier() {
    use payone_client::directlink::{FeedbackVerifier, ShaAlgorithm, ShaPassphrase};
    let unsigned: Vec<(String, String)> = DIRECTLINK_FEEDBACK
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(n, _)| *n != "SHASIGN")
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    let verifier = FeedbackVerifier::new(
        ShaPassphrase::new("Mysecretsig1875!?"),
        ShaAlgorithm::Sha256,
    );
    let mut signed = unsigned.clone();
    let digest = directlink_hash(Some("out"), DIRECTLINK_FEEDBACK)
        .pop()
        .unwrap();
    signed.push(("SHASIGN".to_owned(), digest));
    let feedback = verifier
        .verify_params(&signed)
        .expect("the CLI's SHA-OUT digest verifies");
    assert_eq!(
        feedback.unsigned().collect::<Vec<_>>(),
        ["session", "PSPID", "LANGUAGE"]
    );
    let mut signed = unsigned;
    let digest = directlink_hash(Some("in"), DIRECTLINK_FEEDBACK)
        .pop()
        .unwrap();
    signed.push(("SHASIGN".to_owned(), digest));
    assert!(verifier.verify_params(&signed).is_err());
}

#[test]
fn directlink_refuses_frontend_algorithms_and_the_reverse() {
    let out = directlink(
        &[
            "hash",
            "--api",
            "directlink",
            "--algo",
            "md5",
            "--key-env",
            "TEST_SHA_PASSPHRASE",
        ],
        DIRECTLINK_VECTOR,
    );
    assert_eq!(out.status.code(), Some(2));
    let out = payone(
        &[
            "hash",
            "--api",
            "client",
            "--algo",
            "sha1",
            "--key-env",
            "TEST_PORTAL_KEY",
        ],
        "request=creditcardcheck\n",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn directlink_validate_infers_the_request_and_never_echoes_card_data() {
    let order = "PSPID=MyPSPID\nUSERID=api\nPSWD=secretpw\nORDERID=1234\nAMOUNT=15.00\nCURRENCY=EUR\n\
                 PM=CreditCard\nCARDNO=4111111111111111111111111\nED=12/30\nCVC=123456\nCN=Max\n\
                 OPERATION=RES\nSHASIGN=ABC\n";
    let out = payone(&["validate", "--api", "directlink"], order);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    insta::assert_snapshot!(text);
    for secret in ["4111111111111111111111111", "123456", "secretpw"] {
        assert!(!text.contains(secret), "a secret was echoed");
    }
    let maintenance = "PSPID=MyPSPID\nUSERID=api\nPSWD=secretpw\nPAYID=3014\nOPERATION=SAS\nAMOUNT=100\nSHASIGN=ABC\n";
    let out = payone(&["validate", "--api", "directlink"], maintenance);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let query = "PSPID=MyPSPID\nUSERID=api\nPSWD=secretpw\norderID=1234\n";
    let out = payone(&["validate", "--api", "directlink"], query);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

fn validate_directlink(stdin: &str) -> (Option<i32>, String) {
    let out = payone(&["validate", "--api", "directlink"], stdin);
    (out.status.code(), stdout(&out))
}

const CREDENTIALS: &str = "PSPID=MyPSPID\nUSERID=api\nPSWD=secretpw\n";

/// The maintenance and query tables' rule: ORDERID or PAYID names the order.
#[test]
fn directlink_maintenance_and_query_without_orderid_and_payid_are_refused() {
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}OPERATION=SAS\nAMOUNT=100\n"));
    assert_eq!(code, Some(1));
    assert_eq!(
        text,
        "ORDERID, PAYID: at least one of ORDERID, PAYID is required (The original order is \
         identified by its PAYID or by its ORDERID (the PAYID is recommended).)\n"
    );
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}PAYID=3014511\nOPERATION=SAS\n"));
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn directlink_validate_tells_maintenance_by_orderid_from_an_order() {
    // The seed allows ORDERID instead of PAYID; SAS is maintenance only.
    let (code, text) = validate_directlink(&format!(
        "{CREDENTIALS}ORDERID=1234\nOPERATION=SAS\nAMOUNT=100\n"
    ));
    assert_eq!(code, Some(0), "{text}");
    // SAL is a code of both lists: with ORDERID and no card data it is a capture...
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}ORDERID=1234\nOPERATION=SAL\n"));
    assert_eq!(code, Some(0), "{text}");
    // ... and the maintenance table checks it: an AMOUNT that is not N, 15 is named.
    let (code, text) = validate_directlink(&format!(
        "{CREDENTIALS}ORDERID=1234\nOPERATION=RFS\nAMOUNT=1.50\n"
    ));
    assert_eq!(code, Some(1));
    assert!(text.starts_with("AMOUNT: "), "{text}");
    // An unknown maintenance code is refused with the table's values.
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}PAYID=3014\nOPERATION=XYZ\n"));
    assert_eq!(code, Some(1));
    assert!(text.starts_with("OPERATION: "), "{text}");
    // SAL with card data is a new order (direct sale).
    let order = format!(
        "{CREDENTIALS}ORDERID=1234\nAMOUNT=1500\nCURRENCY=EUR\nCARDNO=4111111111111111\n\
         ED=12/30\nCVC=123\nCN=Max\nOPERATION=SAL\n"
    );
    let (code, text) = validate_directlink(&order);
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn directlink_validate_a_card_order_without_pm_is_a_credit_card_order() {
    let order = format!(
        "{CREDENTIALS}ORDERID=1234\nAMOUNT=1500\nCURRENCY=EUR\nCARDNO=4111111111111111\n\
         ED=12/30\nCVC=123\nCN=Max\nOPERATION=RES\n"
    );
    let (code, text) = validate_directlink(&order);
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("PM=CreditCard"), "{text}");
    // A new-order code the table does not list is named with its values, card data not echoed.
    let (code, text) = validate_directlink(&order.replace("OPERATION=RES", "OPERATION=REN"));
    assert_eq!(code, Some(1));
    assert!(text.starts_with("OPERATION: "), "{text}");
    assert!(!text.contains("4111111111111111"));
}

#[test]
fn directlink_validate_a_privacy_policy_request_needs_no_brand() {
    // Seed 002 7.1.2: "ISO 639-1: Zwei-Buchstaben-Codes (z.B. FR)": either case.
    for language in ["fr", "FR"] {
        let (code, text) = validate_directlink(&format!("{CREDENTIALS}LANGUAGE={language}\n"));
        assert_eq!(code, Some(0), "{language}: {text}");
    }
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}LANGUAGE=FRA\n"));
    assert_eq!(code, Some(1));
    assert_eq!(text, "LANGUAGE: must be an ISO 639-1 code\n");
    let (code, text) = validate_directlink(CREDENTIALS);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}BRAND=VISA\n"));
    assert_eq!(code, Some(0), "{text}");
    // BRAND may be sent several times (7.1.2 "mehrmals"); LANGUAGE may not.
    let (code, text) = validate_directlink(&format!(
        "{CREDENTIALS}BRAND=VISA\nBRAND=MasterCard\nLANGUAGE=FR\n"
    ));
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}LANGUAGE=FR\nLANGUAGE=de\n"));
    assert_eq!(code, Some(1));
    assert_eq!(text, "LANGUAGE: given more than once\n");
    // A query is still a query.
    let (code, text) = validate_directlink(&format!("{CREDENTIALS}PAYID=3014\nPAYIDSUB=1\n"));
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn directlink_validate_checks_the_three_d_secure_rows() {
    let order = format!(
        "{CREDENTIALS}ORDERID=1234\nAMOUNT=1500\nCURRENCY=EUR\nCARDNO=4000000000000002\n\
         ED=12/30\nCVC=123\nCN=Max\nOPERATION=RES\nFLAG3D=Y\nWIN3DS=POPIX\n\
         ACCEPTURL=https://shop.example/ok\nDECLINEURL=https://shop.example/ko\n\
         HTTP_ACCEPT=*/*\nHTTP_USER_AGENT=Mozilla/5.0\nLANGUAGE=en_US\n\
         BROWSERACCEPTHEADER=text/html\nBROWSERCOLORDEPTH=32\nBROWSERJAVAENABLED=true\n\
         BROWSERLANGUAGE=de-DE\nBROWSERSCREENHEIGHT=900\nBROWSERSCREENWIDTH=1440\n\
         BROWSERTIMEZONE=-60\nBROWSERUSERAGENT=Mozilla/5.0\n"
    );
    let (code, text) = validate_directlink(&order);
    assert_eq!(code, Some(0), "{text}");
    let broken = order
        .replace("FLAG3D=Y", "FLAG3D=yes")
        .replace("WIN3DS=POPIX", "WIN3DS=TAB")
        .replace("BROWSERCOLORDEPTH=32", "BROWSERCOLORDEPTH=30");
    let (code, text) = validate_directlink(&broken);
    assert_eq!(code, Some(1));
    assert_eq!(
        text,
        "FLAG3D: unknown value; permitted: Y\n\
         WIN3DS: unknown value; permitted: MAINW, POPUP, POPIX\n\
         BROWSERCOLORDEPTH: unknown value; permitted: 1, 4, 8, 15, 16, 24, 32, 48\n"
    );
}
