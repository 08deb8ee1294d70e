use payone_tests::fixture::It;

fn main() {
    // `it` is a LIST of goods and shipment; there is no `voucher`.
    let _ = It::Voucher;
}
