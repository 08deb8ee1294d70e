use payone_types::generated::server::{Clearingtype, EWallet, Wallettype};

fn main() {
    // An e-wallet block cannot travel with `clearingtype=elv`: the variant carries the
    // direct-debit block.
    let wallet = EWallet::builder().wallettype(Wallettype::Alp).build();
    let _ = Clearingtype::Elv(Some(wallet));
}
