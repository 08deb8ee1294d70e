//! The nested JSON objects of the v2 API (`[[object]]`, `[[operation]]`): what a member's format
//! means, the checks a file must pass, and the member paths that `payone spec list` prints.

use crate::format::{Format, Symbols, ValueRange};
use crate::load::STANDARDS;
use crate::model::{FieldSpec, ObjectSpec, OperationSpec, ParamSpec, Required, SpecFile};

/// What a member holds, read from its `format`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `OBJECT` with `object = "Name"`.
    Object(String),
    /// `BOOLEAN`: JSON `true` / `false`.
    Boolean,
    /// A parameter format (`CHAR(..)`, `NUMERIC(..)`, `LIST`, `TEXT`, ...).
    Scalar(Format),
}

impl FieldKind {
    /// Reads a member's kind; the error says what is wrong.
    pub fn of(field: &FieldSpec) -> Result<FieldKind, String> {
        match (field.format.as_str(), &field.object) {
            ("OBJECT", Some(name)) => Ok(FieldKind::Object(name.clone())),
            ("OBJECT", None) => Err("format OBJECT needs `object = \"Name\"`".to_owned()),
            (_, Some(_)) => Err("`object` belongs to format OBJECT only".to_owned()),
            ("BOOLEAN", None) => Ok(FieldKind::Boolean),
            (format, None) => Format::parse(format)
                .map(FieldKind::Scalar)
                .map_err(|e| format!("format `{format}`: {e}")),
        }
    }
}

/// A scalar member of `object` seen as a parameter row, so that members share the parameter
/// value types (and their checks) of the other APIs. The row's source is the member's, else
/// its object's.
pub fn as_param(field: &FieldSpec, object: &ObjectSpec) -> ParamSpec {
    ParamSpec {
        name: field.name.clone(),
        group: String::new(),
        required: field.required,
        hash: false,
        format: field.format.clone(),
        doc: field.doc.clone(),
        symbols: field.symbols.clone(),
        checksum: field.checksum.clone(),
        values: field.values.clone(),
        values_from: field.values_from.clone(),
        unlisted: field.unlisted,
        range: field.range.clone(),
        notes: field.notes.clone(),
        account: false,
        sensitive: field.sensitive,
        repeat: false,
        repr: None,
        like: None,
        source: field.source.clone().or_else(|| object.source.clone()),
        rust: field.rust.clone(),
    }
}

/// The object named `rust`.
pub fn object<'a>(file: &'a SpecFile, rust: &str) -> Option<&'a ObjectSpec> {
    file.objects.iter().find(|o| o.rust == rust)
}

/// Every problem of the `[[object]]` and `[[operation]]` sections.
pub fn problems(file: &SpecFile) -> Vec<String> {
    let mut errors = Vec::new();
    for (i, o) in file.objects.iter().enumerate() {
        if file.objects[..i].iter().any(|other| other.rust == o.rust) {
            errors.push(format!("object `{}` is declared twice", o.rust));
        }
        if o.fields.is_empty() {
            errors.push(format!("object `{}` has no fields", o.rust));
        }
        for (j, field) in o.fields.iter().enumerate() {
            let at = format!("object `{}` field `{}`", o.rust, field.name);
            if o.fields[..j].iter().any(|other| other.name == field.name) {
                errors.push(format!("{at} is declared twice"));
            }
            field_problems(file, field, &at, &mut errors);
        }
    }
    for o in &file.objects {
        if let Some(cycle) = cycle_from(file, o, &mut vec![o.rust.as_str()]) {
            errors.push(format!(
                "object `{}` contains itself ({cycle}); nested objects must form a tree",
                o.rust
            ));
        }
    }
    for (i, op) in file.operations.iter().enumerate() {
        let at = format!("operation `{}`", op.name);
        if file.operations[..i]
            .iter()
            .any(|other| other.name == op.name)
        {
            errors.push(format!("{at} is declared twice"));
        }
        errors.extend(operation_problems(file, op, &at));
    }
    errors
}

fn field_problems(file: &SpecFile, field: &FieldSpec, at: &str, errors: &mut Vec<String>) {
    match FieldKind::of(field) {
        Err(e) => errors.push(format!("{at}: {e}")),
        Ok(FieldKind::Object(name)) => {
            if object(file, &name).is_none() {
                errors.push(format!("{at}: unknown object `{name}`"));
            }
        }
        Ok(FieldKind::Boolean) => {}
        Ok(FieldKind::Scalar(Format::List)) => {
            let sources = usize::from(!field.values.is_empty())
                + usize::from(field.values_from.is_some())
                + usize::from(field.unlisted);
            if sources != 1 {
                errors.push(format!(
                    "{at}: a LIST takes exactly one of `values`, `values_from`, `unlisted = true`"
                ));
            }
        }
        Ok(FieldKind::Scalar(_)) => {}
    }
    if field.symbols.is_some()
        && !matches!(FieldKind::of(field), Ok(FieldKind::Scalar(Format::Char(_))))
    {
        errors.push(format!(
            "{at}: permitted symbols apply to CHAR formats only"
        ));
    }
    if field.checksum.is_some()
        && !matches!(FieldKind::of(field), Ok(FieldKind::Scalar(Format::Char(_))))
    {
        errors.push(format!("{at}: `checksum` applies to CHAR formats only"));
    }
    if let Some(checksum) = &field.checksum
        && checksum != "iban"
    {
        errors.push(format!(
            "{at}: checksum `{checksum}`: the only check digit scheme is `iban` (ISO 13616)"
        ));
    }
    let scalar = !matches!(
        FieldKind::of(field),
        Ok(FieldKind::Scalar(Format::List)) | Err(_)
    );
    if scalar && (!field.values.is_empty() || field.values_from.is_some() || field.unlisted) {
        errors.push(format!(
            "{at}: `values`, `values_from` and `unlisted` belong to LIST formats only"
        ));
    }
    if field.rust.is_some() && matches!(FieldKind::of(field), Ok(FieldKind::Object(_))) {
        errors.push(format!(
            "{at}: `rust` names scalar member types; an OBJECT member's type is its `object`"
        ));
    }
    if let Some(symbols) = &field.symbols
        && let Err(e) = Symbols::parse(symbols)
    {
        errors.push(format!("{at}: symbols `{symbols}`: {e}"));
    }
    if let Some(range) = &field.range
        && let Err(e) = ValueRange::parse(range)
    {
        errors.push(format!("{at}: range `{range}`: {e}"));
    }
    if let Some(standard) = &field.values_from
        && !STANDARDS.contains(&standard.as_str())
    {
        errors.push(format!(
            "{at}: values_from `{standard}` is not one of {}",
            STANDARDS.join(", ")
        ));
    }
}

fn operation_problems(file: &SpecFile, op: &OperationSpec, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if !["GET", "POST", "DELETE", "PATCH", "PUT"].contains(&op.method.as_str()) {
        errors.push(format!(
            "{at}: method `{}` is not an HTTP method",
            op.method
        ));
    }
    if !op.path.starts_with("/v2/{merchantId}/") {
        errors.push(format!(
            "{at}: path `{}` must start with /v2/{{merchantId}}/",
            op.path
        ));
    }
    match (&op.request, op.method.as_str()) {
        (Some(_), "DELETE") => errors.push(format!("{at}: a {} sends no request body", op.method)),
        (Some(name), method) => match object(file, name) {
            None => errors.push(format!("{at}: unknown request object `{name}`")),
            // A GET sends its request object as the query string: one `name=value` pair per
            // member (per element of an array), so only scalar members fit.
            Some(query) if method == "GET" => {
                for field in &query.fields {
                    if matches!(FieldKind::of(field), Ok(FieldKind::Object(_))) {
                        errors.push(format!(
                            "{at}: a GET sends its request object `{name}` as the query string; member `{}` is an object",
                            field.name
                        ));
                    }
                }
            }
            Some(_) => {}
        },
        _ => {}
    }
    if let Some(response) = &op.response
        && object(file, response).is_none()
    {
        errors.push(format!("{at}: unknown response object `{response}`"));
    }
    errors
}

/// A path of object names back to `start` when the objects below `object` contain it.
fn cycle_from<'a>(
    file: &'a SpecFile,
    object_spec: &'a ObjectSpec,
    seen: &mut Vec<&'a str>,
) -> Option<String> {
    for field in &object_spec.fields {
        let Ok(FieldKind::Object(name)) = FieldKind::of(field) else {
            continue;
        };
        let Some(inner) = object(file, &name) else {
            continue;
        };
        if seen.first() == Some(&inner.rust.as_str()) {
            let mut path = seen.clone();
            path.push(&inner.rust);
            return Some(path.join(" -> "));
        }
        if seen.contains(&inner.rust.as_str()) {
            continue;
        }
        seen.push(&inner.rust);
        if let Some(cycle) = cycle_from(file, inner, seen) {
            return Some(cycle);
        }
        seen.pop();
    }
    None
}

/// One scalar member reached from an operation's body, with its dotted path
/// (`order.amountOfMoney.amount`; arrays written `errors[n].code`).
pub struct MemberPath<'a> {
    /// The dotted path.
    pub path: String,
    /// The member.
    pub field: &'a FieldSpec,
    /// The weakest Required flag on the way: a required member of an optional object is
    /// optional for the request as a whole.
    pub required: Required,
}

/// The scalar members of `object` and the objects below it, depth first in wire order.
pub fn member_paths<'a>(file: &'a SpecFile, object_spec: &'a ObjectSpec) -> Vec<MemberPath<'a>> {
    let mut out = Vec::new();
    walk(file, object_spec, "", Required::Yes, &mut out);
    out
}

fn walk<'a>(
    file: &'a SpecFile,
    object_spec: &'a ObjectSpec,
    prefix: &str,
    required: Required,
    out: &mut Vec<MemberPath<'a>>,
) {
    for field in &object_spec.fields {
        let name = if field.array {
            format!("{}[n]", field.name)
        } else {
            field.name.clone()
        };
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}.{name}")
        };
        let here = weakest(required, field.required);
        match FieldKind::of(field) {
            Ok(FieldKind::Object(inner)) => {
                if let Some(inner) = object(file, &inner) {
                    walk(file, inner, &path, here, out);
                }
            }
            _ => out.push(MemberPath {
                path,
                field,
                required: here,
            }),
        }
    }
}

fn weakest(a: Required, b: Required) -> Required {
    match (a, b) {
        (Required::No, _) | (_, Required::No) => Required::No,
        (Required::Conditional, _) | (_, Required::Conditional) => Required::Conditional,
        _ => Required::Yes,
    }
}
