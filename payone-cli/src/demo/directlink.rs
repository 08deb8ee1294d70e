//! The DirectLink part of `payone demo`: a SHA-IN signed order, its capture and a
//! partial refund on `maintenancedirect.asp`, and the order's status from `querydirect.asp`.

use payone_client::Url;
use payone_client::directlink::{
    DirectLinkClient, DirectLinkConfig, Endpoints, OrderOutcome, Outcome, Password, QueryBy,
    ShaPassphrase, Status, Test,
};
use payone_sandbox::{
    DEFAULT_PSPID, DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_USERID,
};

use super::step;

/// A public test card; only the answer's masked number is printed.
const CARD: (&str, &str, &str) = ("4111111111111111", "1230", "123");

/// What an answer says, without card data.
fn show(outcome: &Outcome) {
    let response = outcome.response();
    let code = |code: Option<u32>| code.map_or("-".to_owned(), |c| c.to_string());
    println!(
        "   PAYID={} STATUS={} NCERROR={} AMOUNT={}",
        response.payid().unwrap_or("-"),
        code(response.status().map(Status::code)),
        code(response.ncerror().map(|e| e.code())),
        response.amount().unwrap_or("-"),
    );
}

fn processed(outcome: &Outcome, what: &str, expected: Status) -> Result<(), String> {
    match outcome {
        Outcome::Processed { status, .. } if *status == expected => Ok(()),
        other => Err(format!("{what}: expected {expected}, got {other:?}")),
    }
}

/// Runs the DirectLink steps from `first` on; the number of the next step.
pub(super) async fn run(base: &Url, first: u32) -> Result<u32, String> {
    let config = DirectLinkConfig::<Test>::new(
        DEFAULT_PSPID,
        DEFAULT_USERID,
        Password::new(DEFAULT_PSWD),
        ShaPassphrase::new(DEFAULT_SHA_IN),
        DEFAULT_SHA_ALGO,
    )
    .with_endpoints(Endpoints::with_base(base).map_err(|e| e.to_string())?);
    let client = DirectLinkClient::new(config).map_err(|e| e.to_string())?;

    step(
        first,
        "DirectLink orderdirect: a SHA-IN signed authorisation of 25.00 EUR",
    );
    let (cardno, expiry, cvc) = CARD;
    let order = [
        ("ORDERID", "demo-dl-1"),
        ("AMOUNT", "2500"),
        ("CURRENCY", "EUR"),
        ("CARDNO", cardno),
        ("ED", expiry),
        ("CVC", cvc),
        ("CN", "Erika Mustermann"),
        ("OPERATION", "RES"),
    ];
    let outcome = match client.order(&order).await.map_err(|e| e.to_string())? {
        OrderOutcome::Answered(outcome) => outcome,
        other => return Err(format!("orderdirect: no answer ({other:?})")),
    };
    show(&outcome);
    processed(&outcome, "orderdirect", Status::Authorised)?;
    let payid = outcome
        .response()
        .payid()
        .ok_or("orderdirect: no PAYID")?
        .to_owned();

    step(
        first + 1,
        "DirectLink maintenancedirect: capture (SAS, the last) of 25.00 EUR, then refund (RFD) of 10.00 EUR",
    );
    let capture = client
        .maintenance(&[("PAYID", payid.as_str()), ("OPERATION", "SAS")])
        .await
        .map_err(|e| e.to_string())?;
    show(&capture);
    processed(&capture, "capture", Status::PaymentProcessing)?;
    let refund = client
        .maintenance(&[
            ("PAYID", payid.as_str()),
            ("OPERATION", "RFD"),
            ("AMOUNT", "1000"),
        ])
        .await
        .map_err(|e| e.to_string())?;
    show(&refund);
    processed(&refund, "refund", Status::RefundPending)?;

    step(first + 2, "DirectLink querydirect: where the order stands");
    let query = client
        .query(QueryBy::PayId {
            payid,
            payidsub: None,
        })
        .await
        .map_err(|e| e.to_string())?;
    show(&query);
    match &query {
        Outcome::Processed { status, .. } => println!("   {status}"),
        other => return Err(format!("querydirect: {other:?}")),
    }
    Ok(first + 3)
}
