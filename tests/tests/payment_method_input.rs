//! Bad input for the payment methods, refused before anything is sent, each naming the
//! parameter: a BIC of the wrong length, a wallet type under a clearing type that does not take
//! it, a Klarna payment without its authorization token, an online bank transfer without its
//! bank country, a PAYONE Secured Installment without its chosen option, an IBAN with wrong
//! check digits on the Server API and the hosted Frontend (the runtime check of untrusted
//! parameter sets, as `payone validate` runs it).

use payone_types::Request;
use payone_types::dynamic::validate;
use payone_types::generated::server::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// The violations of an authorization of 10.00 EUR with `extra` parameters, one line each.
fn authorization_violations(extra: &[(&str, &str)]) -> Vec<String> {
    let mut set = pairs(&[
        ("request", "authorization"),
        ("aid", "10002"),
        ("portalid", "2000001"),
        ("mid", "10001"),
        ("key", "0123456789abcdef0123456789abcdef"),
        ("api_version", "3.11"),
        ("mode", "test"),
        ("amount", "1000"),
        ("currency", "EUR"),
        ("lastname", "Mustermann"),
        ("country", "DE"),
        ("successurl", "https://shop.example/ok"),
        ("errorurl", "https://shop.example/error"),
        ("backurl", "https://shop.example/back"),
    ]);
    set.extend(pairs(extra));
    validate(&Authorization::params_info(), Authorization::RULES, &set)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_bic_of_the_wrong_length_names_bic() {
    let err = Bic::try_new("BYLADEM").unwrap_err();
    assert!(err.to_string().starts_with("bic:"), "{err}");
    assert!(Bic::try_new("BYLADEM1001").is_ok());
    assert!(Bic::try_new("BYLADEM1").is_ok());
}

#[test]
fn a_wallet_type_under_direct_debit_is_refused() {
    let violations = authorization_violations(&[
        ("clearingtype", "elv"),
        ("iban", "DE02120300000000202051"),
        ("wallettype", "PPE"),
    ]);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].starts_with("wallettype:"), "{violations:?}");
}

#[test]
fn klarna_without_its_authorization_token_names_it() {
    let violations = authorization_violations(&[("clearingtype", "fnc"), ("financingtype", "KIV")]);
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("add_paydata[authorization_token]:")),
        "{violations:?}"
    );
}

#[test]
fn an_online_bank_transfer_without_its_bank_country_names_it() {
    let violations =
        authorization_violations(&[("clearingtype", "sb"), ("onlinebanktransfertype", "PNT")]);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].starts_with("bankcountry:"), "{violations:?}");
    // With it, the set is valid.
    assert_eq!(
        authorization_violations(&[
            ("clearingtype", "sb"),
            ("onlinebanktransfertype", "PNT"),
            ("bankcountry", "DE"),
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn a_mistyped_iban_is_refused_for_its_check_digits() {
    let err = Iban::try_new("DE02120300000000202052".to_owned()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "iban: must carry valid IBAN check digits (ISO 13616, mod 97)"
    );
    assert!(!err.to_string().contains("DE0212"), "the value never shows");
    assert!(Iban::try_new("DE02120300000000202051".to_owned()).is_ok());
    // The same check in the runtime validation of untrusted sets.
    let violations =
        authorization_violations(&[("clearingtype", "elv"), ("iban", "DE02120300000000202052")]);
    assert_eq!(
        violations,
        ["iban: must carry valid IBAN check digits (ISO 13616, mod 97)"]
    );
}

#[test]
fn the_hosted_frontend_refuses_a_mistyped_iban_too() {
    use payone_types::generated::frontend;
    let err = frontend::Iban::try_new("DE02120300000000202052".to_owned()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "iban: must carry valid IBAN check digits (ISO 13616, mod 97)"
    );
    assert!(frontend::Iban::try_new("DE02120300000000202051".to_owned()).is_ok());
    let set = pairs(&[
        ("request", "authorization"),
        ("clearingtype", "elv"),
        ("iban", "DE02120300000000202052"),
    ]);
    let violations: Vec<String> = validate(
        &frontend::Authorization::params_info(),
        frontend::Authorization::RULES,
        &set,
    )
    .iter()
    .map(ToString::to_string)
    .collect();
    assert!(
        violations
            .contains(&"iban: must carry valid IBAN check digits (ISO 13616, mod 97)".to_owned()),
        "{violations:?}"
    );
    assert!(
        violations.iter().all(|v| !v.contains("DE0212")),
        "the value never shows"
    );
}

#[test]
fn a_secured_installment_without_its_option_id_names_it() {
    let secured = [
        ("clearingtype", "fnc"),
        ("financingtype", "PIN"),
        ("iban", "DE02120300000000202051"),
        ("bankaccountholder", "Erika Mustermann"),
        ("add_paydata[device_token]", "e7yeryF2of8X_test-1_session"),
        ("workorderid", "WX0000000001"),
    ];
    let violations = authorization_violations(&secured);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(
        violations[0].starts_with("add_paydata[installment_option_id]:"),
        "{violations:?}"
    );
    let mut chosen = secured.to_vec();
    chosen.push(("add_paydata[installment_option_id]", "IOP_WX0000000001_1"));
    assert_eq!(authorization_violations(&chosen), Vec::<String>::new());
}
