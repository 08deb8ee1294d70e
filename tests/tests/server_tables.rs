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
