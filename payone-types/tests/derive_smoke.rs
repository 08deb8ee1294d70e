use std::borrow::Cow;

use payone_types::*;

#[derive(Clone, Copy, PartialEq, Eq, PayoneParam)]
#[payone(name = "aid", format = "NUMERIC(5..6)")]
pub struct Aid(u32);

#[derive(Clone, Copy, PartialEq, Eq, PayoneParam)]
#[payone(
    name = "amount",
    format = "NUMERIC(1..10)",
    range = "max. +/- 19 999 999 99"
)]
pub struct Amount(i64);

#[derive(Clone, PartialEq, Eq, PayoneParam)]
#[payone(
    name = "reference",
    format = "CHAR(1..20)",
    symbols = "[0-9][a-z][A-Z], .,-,_,/"
)]
pub struct Reference(Cow<'static, str>);

#[derive(Clone, PartialEq, Eq, PayoneParam)]
#[payone(
    name = "cardpan",
    format = "NUMERIC(13..19)",
    repr = "digits",
    sensitive
)]
pub struct Cardpan(Cow<'static, str>);

#[derive(Clone, PartialEq, Eq, PayoneParam)]
#[payone(name = "de", format = "CHAR(1..255)")]
pub struct De(Cow<'static, str>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PayoneList)]
#[payone(name = "it")]
pub enum It {
    #[payone(value = "goods")]
    Goods,
    #[payone(value = "shipment")]
    Shipment,
}

#[derive(Clone, Debug, PayoneGroup)]
#[payone(element(max = 3))]
pub struct Item {
    #[payone(name = "it", required, hash)]
    it: It,
    #[payone(name = "de", required, hash)]
    de: De,
}

#[derive(Clone, Debug, PayoneGroup)]
#[payone(block(param = "clearingtype", value = "cc"))]
pub struct CreditCard {
    #[payone(name = "cardpan", required)]
    cardpan: Cardpan,
}

#[derive(Clone, Debug, PayoneChoice)]
#[payone(name = "clearingtype")]
pub enum Clearing {
    #[payone(value = "cc")]
    Cc(Option<CreditCard>),
    #[payone(value = "rec")]
    Rec,
}

#[derive(Clone, Debug, PayoneRequest)]
#[payone(
    api = "frontend",
    request = "authorization",
    request_required,
    request_hash
)]
#[payone(account(name = "aid", ty = "Aid", required, hash))]
pub struct Authorization {
    #[payone(choice, name = "clearingtype", required, hash)]
    clearing: Clearing,
    #[payone(name = "reference", required, hash)]
    reference: Reference,
    #[payone(name = "amount", hash)]
    amount: Option<Amount>,
    #[payone(elements, required)]
    items: Vec<Item>,
}

const AID: Aid = Aid::new(12345);

#[test]
fn builds_encodes_and_signs() {
    let item = |i: u32| {
        Item::builder()
            .it(It::Goods)
            .de(De::try_new(format!("Product {i}")).unwrap())
            .build()
    };
    let request = Authorization::builder()
        .clearing(Clearing::Cc(Some(
            CreditCard::builder()
                .cardpan(Cardpan::new("4111111111111111"))
                .build(),
        )))
        .reference(Reference::new("order-1"))
        .amount(Amount::new(-100))
        .items(vec![item(1), item(2)])
        .build()
        .unwrap();
    let account = Account::new(11111, 2222222, AID.get(), PortalKey::new("secret"));
    let params = request.to_params(&account).unwrap();
    assert_eq!(
        params.redacted_lines(),
        "aid=12345\nrequest=authorization\nclearingtype=cc\ncardpan=<redacted>\nreference=order-1\namount=-100\nit[1]=goods\nde[1]=Product 1\nit[2]=goods\nde[2]=Product 2\n"
    );
    assert!(!format!("{request:?}").contains("4111"));
    let too_many = Authorization::builder()
        .clearing(Clearing::Rec)
        .reference(Reference::new("x"))
        .items(vec![item(1), item(2), item(3), item(4)])
        .build()
        .unwrap_err();
    assert_eq!(
        too_many.to_string(),
        "it[4]: at most 3 elements are permitted"
    );
    assert_eq!(Authorization::params_info().len(), 8);
    assert_eq!(
        Reference::try_new("a b").unwrap_err().to_string(),
        "reference: contains a character outside the permitted symbols [0-9][a-z][A-Z], .,-,_,/"
    );
}

/// Runtime values: `try_new` and `str::parse` name the parameter and the rule, and the error
/// works with `?` in a function returning `Box<dyn Error>`.
#[test]
fn runtime_values_name_their_parameter_and_convert_with_question_mark() {
    use payone_types::generated::server::{Capturemode, Currency, Reference};

    fn read(
        reference: &str,
        currency: &str,
    ) -> Result<(Reference, Currency), Box<dyn std::error::Error>> {
        Ok((Reference::try_new(reference.to_owned())?, currency.parse()?))
    }
    assert!(read("order-17", "EUR").is_ok());
    assert_eq!(
        read("x".repeat(21).as_str(), "EUR")
            .unwrap_err()
            .to_string(),
        "reference: must be 1 to 20 characters long"
    );
    assert_eq!(
        read("order-17", "EURO").unwrap_err().to_string(),
        "currency: must be an ISO 4217 code"
    );
    assert_eq!(
        "completed".parse::<Capturemode>(),
        Ok(Capturemode::Completed)
    );
    assert_eq!(
        "done".parse::<Capturemode>().unwrap_err().to_string(),
        "capturemode: unknown value; permitted: completed, notcompleted"
    );
}
