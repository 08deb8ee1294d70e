use payone_types::PayoneRequest;

// `rules` names the slice of the table's conditional rules as a path: a string that is no path
// is reported at its attribute, together with the other mistakes of the same derive.
#[derive(Clone, Debug, PayoneRequest)]
#[payone(api = "server", request = "capture", rules = "not a path!", request_hash = "yes")]
pub struct Capture {}

// A path to something that is no slice of conditions is a type error at the path.
const NOT_RULES: &[&str] = &["iban"];

#[derive(Clone, Debug, PayoneRequest)]
#[payone(api = "server", request = "refund", rules = "NOT_RULES")]
pub struct Refund {}

fn main() {}
