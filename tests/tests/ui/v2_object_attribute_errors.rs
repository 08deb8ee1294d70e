// Every mistake in a PayoneObject declaration is reported in one compile, at its place.
use payone_types::PayoneObject;
use payone_types::json::JsonMap;

#[derive(Clone, PartialEq, PayoneObject)]
pub struct Broken {
    #[payone(json = "amount", required)]
    amount: bool,
    plain: bool,
    #[payone(json = "flag", unknown)]
    both: bool,
    #[payone(json = "x", colour = "red")]
    x: Option<bool>,
}

#[derive(Clone, PartialEq, PayoneObject)]
pub struct NoUnknown {
    #[payone(json = "flag")]
    flag: Option<bool>,
}

#[derive(Clone, PartialEq, PayoneObject)]
pub struct Fine {
    #[payone(json = "flag")]
    flag: Option<bool>,
    #[payone(unknown)]
    unknown: JsonMap,
}

fn main() {}
