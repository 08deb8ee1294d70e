use std::borrow::Cow;

use payone_types::PayoneParam;

// Three mistakes in one derive: all three are reported, each at its attribute.
#[derive(Clone, PayoneParam)]
#[payone(name = "reference", format = "NUMERIC(x)", symbols = "[a-", sensitve)]
pub struct Reference(Cow<'static, str>);

fn main() {}
