//! The credentials-on-file use cases of seed 003 through the typed constructors: each produces
//! exactly the parameter set of the seed's sample, pinned as a snapshot with the key redacted.
//!
//! One deliberate difference: an initial agreement always carries `successurl` and `backurl`,
//! which the seed's "Sample Initial Request" leaves out, because the seed also warns that 3-D
//! Secure is not triggered without them (see `InitialAgreement`). Those tests compare with the
//! sample's names plus [`URLS`]; everything else is the sample's.

use std::collections::BTreeSet;

use payone_client::cof::*;
use payone_types::generated::server::*;
use payone_types::{Account, Date, KeyDigest, PortalKey, Request};

/// The seed's sample account, with a seven-digit portal ID: the table (NUMERIC(7)) wins over
/// the sample's eight digits.
fn account() -> Account {
    Account::new(23456, 1234512, 12345, PortalKey::new("portal-key")).with_api_version("3.10")
}

const ACCOUNT: &str = "mid portalid key api_version mode request encoding aid";
const CARD: &str = "clearingtype cardtype cardexpiredate pseudocardpan cardholder amount currency";
/// The 3-D Secure return URLs an initial agreement adds to the seed's initial samples.
const URLS: &str = "successurl backurl";
const PERSON: &str = "lastname firstname salutation country language gender birthday street city zip email telephonenumber";

fn card() -> Card {
    Card::new(
        Cardtype::M,
        Cardexpiredate::new("2110"),
        Pseudocardpan::new("9911192220202920292"),
    )
    .cardholder(Cardholder::new("Testperson Approved"))
}

fn person() -> Customer {
    Customer::new()
        .lastname(Lastname::new("Approved"))
        .firstname(Firstname::new("Testperson"))
        .salutation(Salutation::new("Herr"))
        .country(Country::new("DE"))
        .language(Language::new("de"))
        .gender(Gender::M)
        .birthday(Birthday::new(Date::from_ymd(1960, 7, 7)))
        .street(Street::new("Hellersbergstraße 14"))
        .city(City::new("Musterstadt"))
        .zip(Zip::new("12345"))
        .email(Email::new("youremail@email.com"))
        .telephonenumber(Telephonenumber::new("01512345678"))
}

/// A customer named by the last name alone: the tables' rule `lastname_or_company` wants a
/// name (or a stored customer) on every pre-/authorization.
fn named() -> Customer {
    Customer::new().lastname(Lastname::new("Approved"))
}

fn eur() -> Currency {
    Currency::new("EUR")
}

fn urls() -> RedirectUrls {
    RedirectUrls::new(
        Successurl::new("https://example.com/success"),
        Backurl::new("https://example.com/back"),
    )
}

/// The wire form with the key redacted, after checking that the names are the sample's.
fn wire<R: Request>(request: &R, sample_names: &str) -> String {
    let params = request.to_params(&account()).expect("valid");
    let names: BTreeSet<&str> = params.iter().map(|p| p.name.as_ref()).collect();
    let expected: BTreeSet<&str> = sample_names.split_whitespace().collect();
    assert_eq!(
        names, expected,
        "parameter set differs from the seed's sample"
    );
    assert_eq!(names.len(), params.len(), "a parameter is sent twice");
    let lines = params.redacted_lines();
    let digest = payone_types::sign::server_key(&PortalKey::new("portal-key"), KeyDigest::Md5);
    assert!(!lines.contains(&digest) && lines.contains("key=<redacted>"));
    lines
}

#[test]
fn initial_recurring_agreement_with_amount() {
    let request = InitialAgreement::with_amount(
        Recurrence::Recurring,
        Amount::new(3000),
        eur(),
        card(),
        urls(),
    )
    .customer(person())
    .preauthorization()
    .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON} {URLS}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn initial_recurring_agreement_only_sends_amount_1() {
    let request = InitialAgreement::agreement_only(Recurrence::Recurring, eur(), card(), urls())
        .customer(person())
        .preauthorization()
        .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON} {URLS}");
    let lines = wire(&request, &names);
    assert!(lines.contains("\namount=1\n"));
    assert!(lines.contains("\ncustomer_is_present=yes\n"));
}

#[test]
fn subsequent_recurring_payment() {
    let request = SubsequentPayment::new(Amount::new(3000), eur(), card().into())
        .customer(person())
        .preauthorization()
        .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn subsequent_recurring_payment_by_userid() {
    let request = SubsequentPayment::new(
        Amount::new(3000),
        eur(),
        StoredCredential::Userid(Userid::new("987654321")),
    )
    .authorization()
    .unwrap();
    let names =
        format!("{ACCOUNT} recurrence customer_is_present clearingtype amount currency userid");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn contract_createaccess_customer_present() {
    let urls = RedirectUrls::new(
        Successurl::new("https://example.com/success"),
        Backurl::new("https://example.com/back"),
    )
    .errorurl(Errorurl::new("https://example.com/error"));
    let request = ContractAccess::customer_present(card(), urls)
        .access_starttime(AccessStarttime::new("1608685709"))
        .amount(Amount::new(3000), eur())
        .customer(person().customerid(Customerid::new("1234567")))
        .createaccess()
        .unwrap();
    let names = format!(
        "{ACCOUNT} access_starttime customerid recurrence customer_is_present successurl errorurl backurl {CARD} {PERSON}"
    );
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn contract_createaccess_after_the_agreement() {
    let request = ContractAccess::after_agreement(card().into())
        .createaccess()
        .unwrap();
    let names = format!(
        "{ACCOUNT} recurrence customer_is_present clearingtype cardtype cardexpiredate pseudocardpan cardholder"
    );
    let lines = wire(&request, &names);
    assert!(
        lines.contains("\nrecurrence=recurring\ncustomer_is_present=no\n"),
        "{lines}"
    );
}

#[test]
fn micropayment_vauthorization() {
    let request = Micropayment::new(
        Recurrence::Recurring,
        Amount::new(3000),
        eur(),
        card().into(),
    )
    .vreference(Vreference::new("merchantreference"))
    .vaccountname(Vaccountname::new("newaccount"))
    .settle_period(SettlePeriodLength::new("1"), SettlePeriodUnit::new("M"))
    .customer(person().customerid(Customerid::new("1234567")))
    .vauthorization()
    .unwrap();
    let names = format!(
        "{ACCOUNT} vreference vaccountname settle_period_length settle_period_unit customerid recurrence customer_is_present {CARD} {PERSON}"
    );
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn oneclick_initial() {
    let request = InitialAgreement::with_amount(
        Recurrence::Oneclick,
        Amount::new(3000),
        eur(),
        card(),
        urls(),
    )
    .customer(person())
    .preauthorization()
    .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON} {URLS}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn oneclick_subsequent() {
    let request = OneClickPayment::new(Amount::new(3000), eur(), card().into())
        .customer(person().customerid(Customerid::new("1234567")))
        .authorization()
        .unwrap();
    let names = format!("{ACCOUNT} customerid recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn every_payment_use_case_takes_a_reference() {
    let initial = InitialAgreement::with_amount(
        Recurrence::Recurring,
        Amount::new(3000),
        eur(),
        card(),
        urls().errorurl(Errorurl::new("https://example.com/error")),
    )
    .reference(Reference::new("order-1"))
    .customer(named())
    .authorization()
    .unwrap();
    let names = format!(
        "{ACCOUNT} recurrence customer_is_present {CARD} {URLS} errorurl reference lastname"
    );
    let lines = wire(&initial, &names);
    assert!(
        lines.contains("\ncurrency=EUR\nreference=order-1\n"),
        "{lines}"
    );
    assert!(
        lines.trim_end().ends_with(
            "successurl=https://example.com/success\nerrorurl=https://example.com/error\nbackurl=https://example.com/back"
        ),
        "{lines}"
    );

    let subsequent = SubsequentPayment::new(Amount::new(3000), eur(), card().into())
        .reference(Reference::new("order-2"))
        .customer(named())
        .preauthorization()
        .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} reference lastname");
    assert!(wire(&subsequent, &names).contains("\nreference=order-2\n"));

    let oneclick = OneClickPayment::new(Amount::new(3000), eur(), card().into())
        .reference(Reference::new("order-3"))
        .customer(named())
        .authorization()
        .unwrap();
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} reference lastname");
    assert!(wire(&oneclick, &names).contains("\nreference=order-3\n"));
}

#[test]
fn a_oneclick_payment_may_carry_the_return_urls() {
    let request = OneClickPayment::new(
        Amount::new(3000),
        eur(),
        StoredCredential::Userid(Userid::new("987654321")),
    )
    .redirect_urls(urls())
    .preauthorization()
    .unwrap();
    let names = format!(
        "{ACCOUNT} recurrence customer_is_present clearingtype amount currency userid {URLS}"
    );
    let lines = wire(&request, &names);
    assert!(
        lines.contains("\nrecurrence=oneclick\ncustomer_is_present=yes\n"),
        "{lines}"
    );
}
