use payone_types::generated::server::{OnlineBankTransfer, Onlinebanktransfertype};

fn main() {
    // The online bank transfer block needs `bankcountry`, and its builder says so by name.
    let _ = OnlineBankTransfer::builder()
        .onlinebanktransfertype(Onlinebanktransfertype::Idl)
        .build();
}
