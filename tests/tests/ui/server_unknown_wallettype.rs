use payone_types::generated::server::Wallettype;

fn main() {
    // Only the wallet types of the documentation exist.
    let _ = Wallettype::Venmo;
}
