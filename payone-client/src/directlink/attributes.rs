//! The attributes of an `<ncresponse>`: every one kept, in the order received, looked up by
//! name in any case (DirectLink guide, section 2.4).

use std::fmt;

/// The attributes of an answer in the order received, with their names as received; lookups
/// ignore case. `Debug` hides sensitive values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Attributes(Vec<(String, String)>);

impl Attributes {
    pub(crate) fn new(attributes: Vec<(String, String)>) -> Self {
        Attributes(attributes)
    }

    /// The value of the first attribute called `name`, in any case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether an attribute called `name` (any case) is present.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every attribute as `(name, value)`, in the order received.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Shows every name; the values of sensitive attributes (`CARDNO` unless masked, `MANDATEID`,
/// `IBAN`, `ED`, `CN`, `IP`, ...) as `<redacted>`.
impl fmt::Debug for Attributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.iter()
                    .map(|(name, value)| (name, super::redact::Value { name, value })),
            )
            .finish()
    }
}
