use payone_types::generated::server::Iban;

// A mistyped IBAN (last digit 2 instead of 1): its check digits do not hold, so the literal
// does not compile.
const MISTYPED: Iban = Iban::new("DE02120300000000202052");

fn main() {
    let _ = &MISTYPED;
}
