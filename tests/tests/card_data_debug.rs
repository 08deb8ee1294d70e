//! Card data never shows in `Debug` of a typed request, whichever platform's table the card
//! block comes from: card number, security code, expiry date (YYMM or year and month), issue
//! number and cardholder name print as `<redacted>`.

const SECRETS: [&str; 6] = [
    "5500000000000004",
    "123",
    "3012",
    "2030",
    "Erika Mustermann",
    "07",
];

fn assert_no_card_data(debug: &str) {
    for secret in SECRETS {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn server_api_card_block() {
    use payone_types::generated::server::*;
    let card = CreditCard::builder()
        .cardtype(Cardtype::M)
        .cardexpiredate(Cardexpiredate::new("3012"))
        .pseudocardpan(Pseudocardpan::new("9410010000000000000"))
        .cardholder(Cardholder::new("Erika Mustermann"))
        .build();
    let request = Preauthorization::builder()
        .clearingtype(Clearingtype::Cc(Some(card)))
        .lastname(Lastname::new("Approved"))
        .amount(Amount::new(100))
        .currency(Currency::new("EUR"))
        .build()
        .expect("valid");
    assert_no_card_data(&format!("{request:?}"));
}

#[test]
fn frontend_card_block() {
    use payone_types::generated::frontend::*;
    let card = CreditCard::builder()
        .cardholder(Cardholder::new("Erika Mustermann"))
        .cardpan(Cardpan::new("5500000000000004"))
        .cardtype(Cardtype::M)
        .cardexpireyear(Cardexpireyear::new(2030))
        .cardexpiremonth(Cardexpiremonth::new("07"))
        .cardcvc2(Cardcvc2::new("123"))
        .build();
    assert_no_card_data(&format!("{card:?}"));
}

#[test]
fn client_api_creditcardcheck() {
    use payone_types::generated::client::*;
    let request = Creditcardcheck::builder()
        .responsetype(Responsetype::Json)
        .storecarddata(Storecarddata::Yes)
        .cardpan(Cardpan::new("5500000000000004"))
        .cardexpiredate(Cardexpiredate::new("3012"))
        .cardcvc2(Cardcvc2::new("123"))
        .cardissuenumber(Cardissuenumber::new("07"))
        .language(Language::new("de"))
        .build()
        .expect("valid");
    assert_no_card_data(&format!("{request:?}"));
}
