use payone_tests::fixture::{Amount, Authorization, Clearingtype, Currency, De, It, Item};

fn main() {
    // `reference` is required by the table and never set.
    let _ = Authorization::builder()
        .clearingtype(Clearingtype::Rec)
        .amount(Amount::new(100))
        .currency(Currency::new("EUR"))
        .items(vec![Item::builder().it(It::Goods).de(De::new("Socks")).build()])
        .build();
}
