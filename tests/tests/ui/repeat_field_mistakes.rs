use std::borrow::Cow;

use payone_types::{PayoneParam, PayoneRequest};

#[derive(Clone, PartialEq, Eq, Hash, PayoneParam)]
#[payone(name = "BRAND", format = "TEXT")]
pub struct Brand(Cow<'static, str>);

// A repeated parameter may be sent zero times, so it is never `required`, and it is a `Vec`.
#[derive(Clone, Debug, PayoneRequest)]
#[payone(api = "directlink", request = "privacy_policy", request_by_endpoint)]
pub struct Policy {
    #[payone(name = "BRAND", repeat, required)]
    brand: Vec<Brand>,
    #[payone(name = "OTHER", repeat)]
    other: Option<Brand>,
}

fn main() {}
