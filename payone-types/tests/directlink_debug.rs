//! `Debug` of typed DirectLink requests never shows cardholder or account data.

use payone_types::generated::directlink as dl;

#[test]
fn a_card_order_shows_no_card_data() {
    let card = dl::CreditCard::builder()
        .cardno(dl::CreditCardCardno::new("4111111111111111"))
        .ed(dl::CreditCardEd::new("09/31"))
        .cn(dl::Cn::new("Erika Mustermann"))
        .cvc(dl::Cvc::new("737"))
        .operation(dl::CreditCardOperation::Res)
        .build();
    let request = dl::Orderdirect::builder()
        .orderid(dl::NewOrderOrderid::new("order-4711"))
        .amount(dl::Amount::new(1500))
        .currency(dl::Currency::new("EUR"))
        .pm(dl::Pm::CreditCard(Some(card)))
        .build()
        .expect("valid");
    let debug = format!("{request:?}");
    for secret in ["4111111111111111", "09/31", "Erika", "Mustermann", "737"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    // The rest still prints, so the redaction is not simply an empty Debug.
    assert!(debug.contains("order-4711"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn a_direct_debit_shows_no_account_holder_or_mandate() {
    let debit = dl::DirectDebitsDe::builder()
        .cardno(dl::DirectDebitsDeCardno::new("DE02120300000000202051"))
        .cn(dl::Cn::new("Erika Mustermann"))
        .ed(dl::DirectDebitsDeEd::V99_99)
        .mandateid(dl::DirectDebitsDeMandateid::new("MANDATE-0815"))
        .owneraddress(dl::Owneraddress::new("Hauptstrasse 1"))
        .ownertown(dl::Ownertown::new("Berlin"))
        .ownerzip(dl::Ownerzip::new("10115"))
        .build();
    let debug = format!("{:?}", dl::Pm::DirectDebitsDe(Some(debit)));
    for secret in ["DE02120300000000202051", "Erika", "MANDATE-0815"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}
