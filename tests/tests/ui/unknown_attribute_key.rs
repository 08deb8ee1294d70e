use std::borrow::Cow;

use payone_types::PayoneParam;

#[derive(Clone, PayoneParam)]
#[payone(name = "reference", format = "CHAR(1..20)", lenght = 20)]
pub struct Reference(Cow<'static, str>);

fn main() {}
