//! Request parameter sets that PAYONE's own Magento 2 plugin sends (for a request it does not
//! send, the documentation page's set; each fixture names the files or page it comes from) pass `payone validate --api server`, and the same sets with a
//! stated rule broken are refused with one line per broken rule.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/plugin-requests"
);

fn validate(stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_payone"))
        .args(["validate", "--api", "server"])
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

/// The fixture's parameter lines, its provenance comments left out.
fn fixture(name: &str) -> String {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}.txt")).expect("fixture");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

const SETS: &[&str] = &[
    "sepa_managemandate",
    "sepa_preauthorization",
    "invoice_preauthorization",
    "prepayment_preauthorization",
    "cash_on_delivery_preauthorization",
    "sofort_authorization",
    "ideal_authorization",
    "paypal_preauthorization",
    "paypal_express_setexpresscheckout",
    "paypal_express_getexpresscheckoutdetails",
    "klarna_start_session",
    "card_3dscheck",
    "contract_updateaccess",
];

#[test]
fn every_plugin_set_validates() {
    let on_disk = std::fs::read_dir(FIXTURES).expect("fixtures").count();
    assert_eq!(on_disk, SETS.len(), "a fixture is not listed in SETS");
    for set in SETS {
        let out = validate(&fixture(set));
        assert_eq!(stdout(&out), "", "{set}");
        assert_eq!(out.status.code(), Some(0), "{set}");
    }
}

/// `set` with the line starting `name=` replaced by `line` (or removed when `line` is empty),
/// and `extra` appended.
fn changed(set: &str, name: &str, line: &str, extra: &str) -> String {
    let text = fixture(set);
    assert!(
        text.lines().any(|l| l.starts_with(&format!("{name}="))),
        "{set} has no {name}"
    );
    let mut out: String = text
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{name}=")) {
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{line}\n")
                }
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    out.push_str(extra);
    out
}

#[test]
fn broken_rules_are_refused_one_line_each() {
    let cases = [
        // A wallet type under online bank transfer, and a sub-type the pages do not list.
        changed(
            "sofort_authorization",
            "onlinebanktransfertype",
            "onlinebanktransfertype=XYZ",
            "wallettype=PPE\n",
        ),
        // The wallet block without its sub-type.
        changed("paypal_preauthorization", "wallettype", "", ""),
        // A BIC of the wrong length and direct-debit data under prepayment.
        changed("sepa_preauthorization", "bic", "bic=ABCDEFG", ""),
        changed(
            "prepayment_preauthorization",
            "clearingtype",
            "clearingtype=vor",
            "iban=DE02120300000000202051\n",
        ),
        // iDEAL's bank country is a country code.
        changed("ideal_authorization", "bankcountry", "bankcountry=NLD", ""),
        // genericpayment: an action the platform does not have, a key of another action's
        // block, a financing product the pages do not list, and no action at all.
        changed(
            "paypal_express_setexpresscheckout",
            "add_paydata[action]",
            "add_paydata[action]=setexpress",
            "",
        ),
        changed(
            "paypal_express_setexpresscheckout",
            "narrative_text",
            "narrative_text=Test",
            "add_paydata[shipping_email]=erika.mustermann@example.com\n",
        ),
        changed(
            "klarna_start_session",
            "financingtype",
            "financingtype=XYZ",
            "",
        ),
        changed("klarna_start_session", "add_paydata[action]", "", ""),
        // 3dscheck takes only euros.
        changed("card_3dscheck", "currency", "currency=USD", ""),
        // updateaccess: an action the page does not list, and a payment method the page
        // excludes for contracts.
        changed(
            "contract_updateaccess",
            "action",
            "action=pause",
            "clearingtype=vor\n",
        ),
    ];
    let mut report = String::new();
    for input in &cases {
        let out = validate(input);
        assert_eq!(out.status.code(), Some(1), "{input}");
        let text = stdout(&out);
        assert!(
            !text.contains("DE02120300000000202051"),
            "an IBAN was echoed"
        );
        report.push_str(&text);
        report.push_str("--\n");
    }
    insta::assert_snapshot!(report);
}

/// A real parameter set with two of the tables' conditional rules broken (no customer name, and
/// a German bank country without IBAN or bank code and account number) prints exactly two
/// lines, each naming the rule's parameters and the rule.
#[test]
fn two_broken_conditional_rules_print_two_lines() {
    let input = changed("sepa_preauthorization", "iban", "", "");
    let input = input
        .lines()
        .filter(|l| !l.starts_with("lastname="))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let out = validate(&input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "lastname, company, userid, customerid: at least one of lastname, company, userid, \
         customerid is required (The customer is named by a last name (with or without first \
         name) or by a company name, unless the request refers to stored customer data by userid \
         or customerid.)\n\
         iban, bankcountry, bankcode, bankaccount: one complete set of iban or bankcountry + \
         bankcode + bankaccount is required (The account is given either as IBAN or, for German \
         accounts, as bank country, bank code and account number together.)\n"
    );
    // The BBAN instead of the IBAN keeps the second rule; a bank code with another country
    // breaks the rule that BBANs are German.
    let bban = format!("{input}lastname=Mustermann\nbankcode=12030000\nbankaccount=202051\n");
    let out = validate(&bban);
    assert_eq!(stdout(&out), "", "{bban}");
    let austrian = bban.replace("bankcountry=DE", "bankcountry=AT");
    let out = validate(&austrian);
    assert_eq!(
        stdout(&out),
        "bankcode: only permitted when bankcountry=DE (A bank code (BBAN) is only accepted for \
         German accounts; other countries use the IBAN.)\n\
         bankaccount: only permitted when bankcountry=DE (An account number (BBAN) is only \
         accepted for German accounts; other countries use the IBAN.)\n"
    );
}
