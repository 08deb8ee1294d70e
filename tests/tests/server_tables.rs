//! Rows of the Server API tables beyond credentials on file, through the typed API: the
//! integration parameters supplied once by the account, and the capture switches.

use payone_types::generated::server::*;
use payone_types::{Account, PortalKey, Request};

fn account() -> Account {
    Account::new(11111, 2222222, 33333, PortalKey::new("portal-key"))
        .with_integrator("Example Integrations", "1.4.2")
        .with_solution("Example Shop", "6.5.0")
}

fn capture() -> Capture {
    Capture::builder()
        .txid(Txid::new("123456789"))
        .sequencenumber(Sequencenumber::new("1"))
        .amount(Amount::new(7300))
        .currency(Currency::new("EUR"))
        .capturemode(Capturemode::Completed)
        .settleaccount(Settleaccount::Auto)
        .build()
        .expect("valid")
}

#[test]
fn the_account_sends_the_integration_parameters_with_every_server_request() {
    let (request, account) = (capture(), account());
    let params = request.to_params(&account).expect("valid");
    let pairs: Vec<(String, String)> = params
        .iter()
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .filter(|(name, _)| {
            ["integrator_", "solution_", "capturemode", "settleaccount"]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("integrator_name", "Example Integrations"),
            ("integrator_version", "1.4.2"),
            ("solution_name", "Example Shop"),
            ("solution_version", "6.5.0"),
            ("capturemode", "completed"),
            ("settleaccount", "auto"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
    );
}

#[test]
fn an_account_without_integration_parameters_sends_none() {
    let plain = Account::new(11111, 2222222, 33333, PortalKey::new("portal-key"));
    let request = capture();
    let params = request.to_params(&plain).expect("valid");
    assert!(
        params
            .iter()
            .all(|p| !p.name.starts_with("integrator_") && !p.name.starts_with("solution_")),
        "{:?}",
        params.redacted_lines()
    );
}

#[test]
fn an_integration_parameter_breaking_its_format_is_refused_by_name() {
    let long = account().with_solution("x".repeat(51), "6.5.0");
    let violations = capture().to_params(&long).expect_err("CHAR(1..50)");
    assert_eq!(
        violations.to_string(),
        "solution_name: must be 1 to 50 characters long"
    );
}

/// `request=genericpayment` with the action PayPal Express starts with, as PAYONE's Magento 2
/// plugin sends it (Model/Api/Request/Genericpayment/PayPalExpress.php): the wallet and the
/// action are two independent selectors of the one request.
#[test]
fn a_paypal_express_checkout_starts_with_a_typed_genericpayment() {
    let request = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Wlt)
        .wallettype(GenericpaymentWallettype::Ppe)
        .add_paydata_action(GenericpaymentAction::Setexpresscheckout(
            SetExpressCheckout::builder().build(),
        ))
        .amount(Amount::new(7300))
        .currency(Currency::new("EUR"))
        .narrative_text(NarrativeText::new("Test"))
        .successurl(Successurl::new("https://shop.example.com/paypal/return"))
        .errorurl(Errorurl::new("https://shop.example.com/paypal/error"))
        .backurl(Backurl::new("https://shop.example.com/paypal/back"))
        .build()
        .expect("valid");
    let params = request.to_params(&account()).expect("valid");
    let pairs: Vec<String> = params
        .iter()
        .filter(|p| !["mid", "portalid", "key", "aid"].contains(&p.name.as_ref()))
        .filter(|p| !p.name.starts_with("integrator_") && !p.name.starts_with("solution_"))
        .map(|p| format!("{}={}", p.name, p.value))
        .collect();
    insta::assert_snapshot!(pairs.join("\n"));
}

/// Klarna's session opens with `add_paydata[action]=start_session` and the financing product;
/// the keys of the action's block travel with it.
#[test]
fn a_klarna_session_carries_its_action_block() {
    let block = StartSession::builder()
        .add_paydata_shipping_email(AddPaydataShippingEmail::new("erika@example.com"))
        .build();
    let request = Genericpayment::builder()
        .clearingtype(GenericpaymentClearingtype::Fnc)
        .financingtype(GenericpaymentFinancingtype::Kiv)
        .add_paydata_action(GenericpaymentAction::StartSession(block))
        .amount(Amount::new(7300))
        .currency(Currency::new("EUR"))
        .build()
        .expect("valid");
    let params = request.to_params(&account()).expect("valid");
    let names: Vec<&str> = params.iter().map(|p| p.name.as_ref()).collect();
    for expected in [
        "clearingtype",
        "financingtype",
        "add_paydata[action]",
        "add_paydata[shipping_email]",
    ] {
        assert!(names.contains(&expected), "{expected} missing: {names:?}");
    }
    let action = params
        .iter()
        .find(|p| p.name == "add_paydata[action]")
        .expect("action");
    assert_eq!(action.value, "start_session");
}
