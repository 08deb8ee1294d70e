//! The six sample requests of seed 003 (credentials on file), built through the typed API.
//! Each encodes to exactly the seed's parameter set; the wire form is pinned as a snapshot with
//! the key redacted.
//!
//! The samples send `portalid=12345123`, eight digits, while the table says NUMERIC(7): the table
//! wins, so the sample's portal ID is refused with a violation and the snapshots use a
//! seven-digit ID. The samples' `key=abcdefghijklmn123456789` is a placeholder; the account
//! sends the md5 digest of the portal key instead, which the snapshots redact.

use std::collections::BTreeSet;

use payone_types::generated::server::*;
use payone_types::{Account, Date, PortalKey, Request};

fn account(portalid: u32) -> Account {
    Account::new(23456, portalid, 12345, PortalKey::new("portal-key")).with_api_version("3.10")
}

/// The names of one sample, in the seed's order.
fn seed_names(sample: &str) -> BTreeSet<String> {
    sample.split_whitespace().map(str::to_owned).collect()
}

const PERSON: &str = "lastname firstname salutation country language gender birthday street city zip email telephonenumber";
const ACCOUNT: &str = "mid portalid key api_version mode request encoding aid";
const CARD: &str = "clearingtype cardtype cardexpiredate pseudocardpan cardholder amount currency";

fn card() -> Clearingtype {
    Clearingtype::Cc(Some(
        CreditCard::builder()
            .cardtype(Cardtype::M)
            .cardexpiredate(Cardexpiredate::new("2110"))
            .pseudocardpan(Pseudocardpan::new("9911192220202920292"))
            .cardholder(Cardholder::new("Testperson Approved"))
            .build(),
    ))
}

fn contract_card() -> CreateaccessClearingtype {
    CreateaccessClearingtype::Cc(Some(
        CreditCard::builder()
            .cardtype(Cardtype::M)
            .cardexpiredate(Cardexpiredate::new("2110"))
            .pseudocardpan(Pseudocardpan::new("9911192220202920292"))
            .cardholder(Cardholder::new("Testperson Approved"))
            .build(),
    ))
}

macro_rules! person {
    ($builder:expr) => {
        $builder
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
    };
}

fn wire<R: Request>(request: &R, expected_names: &str) -> String {
    let params = request
        .to_params(&account(1234512))
        .expect("the sample is valid");
    let names: BTreeSet<String> = params.iter().map(|p| p.name.to_string()).collect();
    assert_eq!(
        names,
        seed_names(expected_names),
        "parameter set differs from the seed's sample"
    );
    assert_eq!(names.len(), params.len(), "a parameter is sent twice");
    assert!(
        !params
            .redacted_lines()
            .contains(&payone_types::sign::server_key(
                &PortalKey::new("portal-key"),
                payone_types::KeyDigest::Md5
            ))
    );
    params.redacted_lines()
}

fn initial(recurrence: Recurrence) -> Preauthorization {
    person!(
        Preauthorization::builder()
            .recurrence(recurrence)
            .customer_is_present(CustomerIsPresent::Yes)
            .clearingtype(card())
            .amount(Amount::new(3000))
            .currency(Currency::new("EUR"))
    )
    .build()
    .expect("valid")
}

#[test]
fn recurring_initial_preauthorization() {
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&initial(Recurrence::Recurring), &names));
}

#[test]
fn recurring_subsequent_preauthorization() {
    let request = person!(
        Preauthorization::builder()
            .recurrence(Recurrence::Recurring)
            .customer_is_present(CustomerIsPresent::No)
            .clearingtype(card())
            .amount(Amount::new(3000))
            .currency(Currency::new("EUR"))
    )
    .build()
    .expect("valid");
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn contract_createaccess() {
    // The seed writes `customer_is_present=no=yes`, a leftover of its before/after comparison;
    // the value is `yes`.
    let request = person!(
        Createaccess::builder()
            .access_starttime(AccessStarttime::new("1608685709"))
            .customerid(Customerid::new("1234567"))
            .recurrence(Recurrence::Recurring)
            .customer_is_present(CustomerIsPresent::Yes)
            .successurl(Successurl::new("https://example.com/success"))
            .errorurl(Errorurl::new("https://example.com/error"))
            .backurl(Backurl::new("https://example.com/back"))
            .clearingtype(contract_card())
            .amount(Amount::new(3000))
            .currency(Currency::new("EUR"))
    )
    .build()
    .expect("valid");
    let names = format!(
        "{ACCOUNT} access_starttime customerid recurrence customer_is_present successurl errorurl backurl {CARD} {PERSON}"
    );
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn micropayment_vauthorization() {
    let request = person!(
        Vauthorization::builder()
            .vreference(Vreference::new("merchantreference"))
            .vaccountname(Vaccountname::new("newaccount"))
            .settle_period_length(SettlePeriodLength::new("1"))
            .settle_period_unit(SettlePeriodUnit::new("M"))
            .customerid(Customerid::new("1234567"))
            .recurrence(Recurrence::Recurring)
            .customer_is_present(CustomerIsPresent::No)
            .clearingtype(contract_card())
            .amount(Amount::new(3000))
            .currency(Currency::new("EUR"))
    )
    .build()
    .expect("valid");
    let names = format!(
        "{ACCOUNT} vreference vaccountname settle_period_length settle_period_unit customerid recurrence customer_is_present {CARD} {PERSON}"
    );
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn oneclick_initial_preauthorization() {
    let names = format!("{ACCOUNT} recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&initial(Recurrence::Oneclick), &names));
}

#[test]
fn oneclick_subsequent_authorization() {
    let request = person!(
        Authorization::builder()
            .customerid(Customerid::new("1234567"))
            .recurrence(Recurrence::Oneclick)
            .customer_is_present(CustomerIsPresent::Yes)
            .clearingtype(card())
            .amount(Amount::new(3000))
            .currency(Currency::new("EUR"))
    )
    .build()
    .expect("valid");
    let names = format!("{ACCOUNT} customerid recurrence customer_is_present {CARD} {PERSON}");
    insta::assert_snapshot!(wire(&request, &names));
}

#[test]
fn the_samples_eight_digit_portalid_breaks_the_table_which_wins() {
    let violations = initial(Recurrence::Recurring)
        .to_params(&account(12345123))
        .expect_err("NUMERIC(7) refuses eight digits");
    assert_eq!(violations.to_string(), "portalid: must have 1 to 7 digits");
}
