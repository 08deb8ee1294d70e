//! The generator's output for a small fixture table is pinned as a snapshot, and the same text
//! is compiled as `payone_tests::fixture` (tests/fixtures/generated/frontend.rs), so a change of
//! the generator shows up both as a reviewable diff and as code that must still build.

use payone_spec::load::Spec;

const FIXTURE: &str = include_str!("../fixtures/spec/frontend.toml");
const COMPILED: &str = include_str!("../fixtures/generated/frontend.rs");

fn generated() -> String {
    let spec = Spec::parse("tests/fixtures/spec/frontend.toml", FIXTURE).expect("fixture is valid");
    let files = payone_spec::generate::generate(&[spec]).expect("fixture generates");
    files
        .into_iter()
        .find(|(name, _)| name == "frontend.rs")
        .expect("one module per api")
        .1
}

#[test]
fn generated_code_matches_the_snapshot() {
    insta::assert_snapshot!(generated());
}

#[test]
fn compiled_copy_is_the_generated_code() {
    let code = generated();
    if std::env::var_os("PAYONE_WRITE_FIXTURE").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/generated/frontend.rs"
        );
        std::fs::write(path, &code).expect("write fixture");
        return;
    }
    assert!(
        code == COMPILED,
        "tests/fixtures/generated/frontend.rs is stale: run `PAYONE_WRITE_FIXTURE=1 cargo test -p payone-tests --test generator`"
    );
}

#[test]
fn compiled_fixture_builds_a_request() {
    use payone_tests::fixture::*;
    use payone_types::{Account, PortalKey, Request};

    let request = Authorization::builder()
        .clearingtype(Clearingtype::Cc(Some(
            CreditCard::builder()
                .cardpan(Cardpan::new("4111111111111111"))
                .build(),
        )))
        .reference(Reference::new("order-1"))
        .amount(Amount::new(-100))
        .currency(Currency::new("EUR"))
        .items(vec![
            Item::builder().it(It::Goods).de(De::new("Socks")).build(),
        ])
        .build()
        .expect("valid");
    let account = Account::new(11111, 2222222, 12345, PortalKey::new("secret"));
    let params = request.to_params(&account).expect("encodes");
    assert_eq!(
        params.redacted_lines(),
        "aid=12345\nmode=test\nrequest=authorization\nclearingtype=cc\ncardpan=<redacted>\nreference=order-1\namount=-100\ncurrency=EUR\nit[1]=goods\nde[1]=Socks\n"
    );
}

#[test]
fn list_prints_one_line_per_row() {
    let spec = Spec::parse("fixture", FIXTURE).expect("fixture is valid");
    insta::assert_snapshot!(payone_spec::list::list(&[spec], None, None).join("\n"));
}
