//! JSON objects of the v2 server-to-server API (the Server-to-server guide): how the generated
//! object types are written to and read from the wire.
//!
//! The object types in [`crate::generated::v2`] are declared by `spec/v2/` and derive
//! [`PayoneObject`](crate::PayoneObject), which implements [`JsonObject`] field by field. No serde
//! derive is involved: the wire form goes through [`serde_json::Value`], which keeps the
//! generated surface cheap to compile and lets every object keep the fields it does not know
//! (the platform adds fields without notice; dropping them would lose data).
//!
//! Reading checks every field against its format and reports all violations at once, each
//! named by its JSON path (`order.amountOfMoney.currencyCode`, `errors[0].code`), never by value.
//!
//! Numbers keep the text they were read as (`serde_json`'s `arbitrary_precision`), so an
//! unknown member holding `12345678901234567890123`, `-0.0` or fifty significant digits is
//! written back with every digit and sign, not rounded through `f64`. Only the exponent's
//! spelling is `serde_json`'s own: `1e46` and `1E+46` are both written `1e+46`.

use std::fmt;

pub use serde_json::{Map, Value};

use crate::rule::{Rule, Violations};
use crate::value::ParamValue;

/// A JSON object's members in wire order, as `serde_json` keeps them.
pub type JsonMap = Map<String, Value>;

/// A value that one field of a JSON object holds.
///
/// Implemented for every parameter type (strings, LIST enums; numbers for `NUMERIC` formats),
/// for `bool`, and by [`PayoneObject`](crate::PayoneObject) for nested objects.
pub trait JsonField: Sized {
    /// The value on the wire.
    fn to_json(&self) -> Value;

    /// Reads and checks the value at `path`; records what is wrong in `violations`.
    fn from_json(value: &Value, path: &str, violations: &mut Violations) -> Option<Self>;
}

impl<T: ParamValue> JsonField for T {
    fn to_json(&self) -> Value {
        let text = self.param_value();
        if T::JSON_NUMBER {
            if let Ok(n) = text.parse::<i64>() {
                return Value::from(n);
            }
            if let Ok(n) = text.parse::<u64>() {
                return Value::from(n);
            }
        }
        Value::String(text.into_owned())
    }

    fn from_json(value: &Value, path: &str, violations: &mut Violations) -> Option<Self> {
        let parsed = match (value, T::JSON_NUMBER) {
            (Value::String(s), false) => T::parse_param(s),
            (Value::Number(n), true) => match integer_text(n) {
                Some(text) => T::parse_param(&text),
                None => Err(Rule::JsonType("an integer")),
            },
            (_, true) => Err(Rule::JsonType("an integer")),
            (_, false) => Err(Rule::JsonType("a string")),
        };
        violations.check(path.to_owned(), parsed)
    }
}

/// The text of `n` if it is an integer written the one way JSON writes it. Numbers keep the
/// text they were read as (`arbitrary_precision`), so `-0`, which is negative zero and no
/// integer, must be told apart from `0` here.
fn integer_text(n: &serde_json::Number) -> Option<String> {
    let canonical = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(u)) => u.to_string(),
        (None, None) => return None,
    };
    (canonical == n.to_string()).then_some(canonical)
}

impl JsonField for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }

    fn from_json(value: &Value, path: &str, violations: &mut Violations) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            _ => {
                violations.push(path.to_owned(), Rule::JsonType("true or false"));
                None
            }
        }
    }
}

/// A JSON object of the v2 API, derived by [`PayoneObject`](crate::PayoneObject).
pub trait JsonObject: Sized {
    /// The object's name in `spec/v2/`.
    const NAME: &'static str;

    /// Writes the present fields (and the unknown ones that were read) into `out`.
    fn write_json(&self, out: &mut JsonMap);

    /// Reads the object's fields from `map`; paths of violations start with `path`.
    fn read_json(map: &JsonMap, path: &str, violations: &mut Violations) -> Option<Self>;

    /// The object as a JSON value.
    fn to_json_value(&self) -> Value {
        let mut map = JsonMap::new();
        self.write_json(&mut map);
        Value::Object(map)
    }

    /// The object as a JSON body.
    fn to_json_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.to_json_value()).expect("a JSON value always serialises")
    }

    /// Reads and checks an object from a JSON value; every violation at once.
    fn from_json_value(value: &Value) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let object = match value {
            Value::Object(map) => Self::read_json(map, "", &mut violations),
            _ => {
                violations.push("(body)", Rule::JsonType("an object"));
                None
            }
        };
        match object {
            Some(object) if violations.is_empty() => Ok(object),
            _ => Err(violations),
        }
    }

    /// Reads and checks an object from a JSON body.
    fn from_json_bytes(body: &[u8]) -> Result<Self, JsonError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| JsonError::Syntax {
            line: e.line(),
            column: e.column(),
        })?;
        Self::from_json_value(&value).map_err(JsonError::Invalid)
    }

    /// Reads `value` leniently, for answers where what can be read matters more than what
    /// cannot (an error answer whose codes must not be lost because one member is off): the
    /// members that break a rule are left out (and the objects inside that lack a required
    /// member), and the rest is read. Returns the object and the violations that were left
    /// out; `Err` when the object cannot be read even so (its own required member missing).
    fn from_json_value_lenient(value: &Value) -> Result<(Self, Violations), Violations> {
        match Self::from_json_value(value) {
            Ok(object) => Ok((object, Violations::new())),
            Err(violations) => {
                let mut pruned = value.clone();
                let mut paths: Vec<Vec<Segment<'_>>> = violations
                    .iter()
                    .map(|v| {
                        let mut path = segments(&v.param);
                        // A missing member cannot be left out: the object lacking it is.
                        if v.rule == Rule::Missing {
                            path.pop();
                        }
                        path
                    })
                    .filter(|path| !path.is_empty())
                    .collect();
                // Later array elements first, so that removing one leaves the indices of the
                // others as the violations name them.
                paths.sort_unstable_by(|a, b| b.cmp(a));
                paths.dedup();
                for path in &paths {
                    remove_member(&mut pruned, path);
                }
                Self::from_json_value(&pruned).map(|object| (object, violations))
            }
        }
    }
}

/// One step of a violation's path: a member name or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Segment<'a> {
    Member(&'a str),
    Index(usize),
}

/// `errors[0].httpStatusCode` -> `errors`, `0`, `httpStatusCode`.
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, indices) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push(Segment::Member(name));
        }
        for index in indices.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

/// Removes the member or array element at `path` from `value`, if it is there.
fn remove_member(value: &mut Value, path: &[Segment<'_>]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = value;
    for segment in parents {
        let next = match (current, segment) {
            (Value::Object(map), Segment::Member(name)) => map.get_mut(*name),
            (Value::Array(items), Segment::Index(i)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(next) => current = next,
            None => return,
        }
    }
    match (current, last) {
        (Value::Object(map), Segment::Member(name)) => {
            map.remove(*name);
        }
        (Value::Array(items), Segment::Index(i)) if *i < items.len() => {
            items.remove(*i);
        }
        _ => {}
    }
}

/// A JSON body that could not be read into an object.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// Not JSON at all. Position only: the body may hold card data.
    #[error("the body is not valid JSON (line {line}, column {column})")]
    Syntax {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
    },
    /// JSON whose fields break the table.
    #[error("the body breaks the v2 table: {0}")]
    Invalid(Violations),
}

/// The request body of an operation that sends none (GET): an empty object when written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBody;

impl JsonObject for NoBody {
    const NAME: &'static str = "(none)";

    fn write_json(&self, _out: &mut JsonMap) {}

    fn read_json(_map: &JsonMap, _path: &str, _violations: &mut Violations) -> Option<Self> {
        Some(NoBody)
    }
}

/// One operation of the v2 API (`[[operation]]` of `spec/v2/`).
///
/// A `GET` sends no body: its `Request` is its query string ([`NoBody`] when it has none),
/// written by [`query_pairs`]; every other method sends `Request` as the JSON body.
pub trait Operation {
    /// snake_case name of the operation (`create_payment`).
    const NAME: &'static str;
    /// HTTP method.
    const METHOD: &'static str;
    /// Path template below the host, with `{merchantId}` and `{paymentId}` placeholders.
    const PATH: &'static str;
    /// The request body; for `GET` the query parameters ([`NoBody`] when there are none).
    type Request: JsonObject;
    /// The answer on success (2xx).
    type Response: JsonObject;
}

/// The query parameters of a `GET` request object, in member order: one `(name, value)` pair
/// per member, one per element of an array member (`hide=fields&hide=translations`, as the
/// platform's SDKs write them); strings as they are, integers and `true` / `false` as JSON writes
/// them. `null`, nested objects and nested arrays have no query form and are left out (the
/// tables give a GET's request object no such member). The pairs are not yet percent-encoded.
pub fn query_pairs(request: &Value) -> Vec<(String, String)> {
    fn scalar(value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    let mut pairs = Vec::new();
    let Value::Object(map) = request else {
        return pairs;
    };
    for (name, value) in map {
        match value {
            Value::Array(items) => {
                pairs.extend(items.iter().filter_map(scalar).map(|v| (name.clone(), v)));
            }
            other => pairs.extend(scalar(other).map(|v| (name.clone(), v))),
        }
    }
    pairs
}

/// The path of a member: `parent.name`, or `name` at the top.
pub fn member_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// Reads one member of `map` for a derived object: `required` members that are absent are
/// violations; `null` counts as absent (the platform writes `"actionType": null`).
pub fn read_member<T: JsonField>(
    map: &JsonMap,
    parent: &str,
    name: &str,
    required: bool,
    violations: &mut Violations,
) -> Option<T> {
    let path = member_path(parent, name);
    match map.get(name) {
        None | Some(Value::Null) => {
            if required {
                violations.push(path, Rule::Missing);
            }
            None
        }
        Some(value) => T::from_json(value, &path, violations),
    }
}

/// Reads an array member; absent or `null` is an empty list.
pub fn read_array<T: JsonField>(
    map: &JsonMap,
    parent: &str,
    name: &str,
    required: bool,
    violations: &mut Violations,
) -> Vec<T> {
    let path = member_path(parent, name);
    match map.get(name) {
        None | Some(Value::Null) => {
            if required {
                violations.push(path, Rule::Missing);
            }
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| T::from_json(item, &format!("{path}[{i}]"), violations))
            .collect(),
        Some(_) => {
            violations.push(path, Rule::JsonType("an array"));
            Vec::new()
        }
    }
}

/// The members of `map` that are not among `known`, in wire order.
pub fn unknown_members(map: &JsonMap, known: &[&str]) -> JsonMap {
    map.iter()
        .filter(|(name, _)| !known.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// Writes a nested object as a JSON value (used by derived [`JsonField`] impls).
pub fn object_value<T: JsonObject>(object: &T) -> Value {
    object.to_json_value()
}

/// Reads a nested object at `path` (used by derived [`JsonField`] impls).
pub fn read_object<T: JsonObject>(
    value: &Value,
    path: &str,
    violations: &mut Violations,
) -> Option<T> {
    match value {
        Value::Object(map) => T::read_json(map, path, violations),
        _ => {
            violations.push(path.to_owned(), Rule::JsonType("an object"));
            None
        }
    }
}

/// Debug output of unknown members: their names only, since their values may be anything,
/// card data included.
pub struct UnknownNames<'a>(pub &'a JsonMap);

impl fmt::Debug for UnknownNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::v2::{Amount, CreatePaymentResponse};

    /// Numbers the types do not know, as read and as written back: every digit is kept; an
    /// exponent is written `e+N` / `e-N` (how `serde_json` spells it), whatever its spelling.
    const NUMBERS: [(&str, &str); 7] = [
        (
            "1.1111111111111111111111111111111111111111111111e46",
            "1.1111111111111111111111111111111111111111111111e+46",
        ),
        ("12345678901234567890123", "12345678901234567890123"),
        ("-0.0", "-0.0"),
        ("1e400", "1e+400"),
        ("0.1", "0.1"),
        ("2.50E-7", "2.50e-7"),
        ("-98765432109876543210.000", "-98765432109876543210.000"),
    ];

    #[test]
    fn unknown_numbers_are_written_back_digit_for_digit() {
        let member = |i: usize, literal: &str| format!(r#""n{i}":{literal}"#);
        let list = |pick: fn(&(&'static str, &'static str)) -> &'static str| {
            NUMBERS.iter().map(pick).collect::<Vec<_>>().join(",")
        };
        let read: Vec<String> = (0..NUMBERS.len())
            .map(|i| member(i, NUMBERS[i].0))
            .collect();
        let body = format!(
            r#"{{"payment":{{"id":"3000000001_0","deep":[{}]}},{}}}"#,
            list(|n| n.0),
            read.join(",")
        );
        let answer = CreatePaymentResponse::from_json_bytes(body.as_bytes()).expect("readable");
        let written = String::from_utf8(answer.to_json_bytes()).unwrap();
        for (i, (_, as_written)) in NUMBERS.iter().enumerate() {
            let member = member(i, as_written);
            assert!(written.contains(&member), "{member} not in {written}");
        }
        let deep = format!(r#""deep":[{}]"#, list(|n| n.1));
        assert!(written.contains(&deep), "{deep} not in {written}");
        // Read again, written again: nothing moves any more.
        let again = CreatePaymentResponse::from_json_bytes(written.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(again.to_json_bytes()).unwrap(), written);
    }

    #[test]
    fn query_pairs_repeat_arrays_and_write_scalars_as_json_does() {
        let request: Value = serde_json::from_str(
            r#"{"countryCode":"DE","amount":1000,"isRecurring":false,"hide":["fields","translations"],"x":null,"o":{"a":1}}"#,
        )
        .unwrap();
        let pairs = query_pairs(&request);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("countryCode", "DE"),
                ("amount", "1000"),
                ("isRecurring", "false"),
                ("hide", "fields"),
                ("hide", "translations"),
            ]
        );
        assert!(query_pairs(&Value::Null).is_empty());
    }

    #[test]
    fn integers_read_as_before() {
        let read = |text: &str| {
            let value: Value = serde_json::from_str(text).unwrap();
            let mut violations = Violations::new();
            let amount = Amount::from_json(&value, "amount", &mut violations);
            (
                amount.map(|a| a.param_value().into_owned()),
                violations.iter().count(),
            )
        };
        assert_eq!(read("1999"), (Some("1999".to_owned()), 0));
        assert_eq!(read("0"), (Some("0".to_owned()), 0));
        for not_an_integer in ["-0", "1.0", "1e3", "\"5\""] {
            assert_eq!(read(not_an_integer).0, None, "{not_an_integer}");
        }
    }
}
