use payone_types::generated::server::{GenericpaymentAction, StartSession};

fn main() {
    // Klarna's session keys cannot be sent with PayPal Express's action: each action's variant
    // carries its own block.
    let klarna = StartSession::builder().build();
    let _ = GenericpaymentAction::Setexpresscheckout(klarna);
}
