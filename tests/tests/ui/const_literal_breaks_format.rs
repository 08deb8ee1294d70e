use payone_tests::fixture::{Aid, Reference};

// CHAR(1..20) with the symbols [0-9][a-z][A-Z], .,-,_,/ : a space is not permitted.
const REFERENCE: Reference = Reference::new("order 1");
// NUMERIC(5..6): four digits are too few.
const AID: Aid = Aid::new(1234);

fn main() {
    let _ = (REFERENCE, AID);
}
