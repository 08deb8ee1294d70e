//! `payone spec import --api v2`: the `[[object]]` tables of one v2 request body, read from its
//! JSON Schema (draft 4, `definitions` and `$ref`, as the body is published for the PAYONE
//! E-Payment API, <https://developer.payone.com/en/api-reference>), plus the maintainer's overlay
//! ([`SchemaOverlay`], `spec/overlay/v2.toml`).
//!
//! What a schema keyword becomes:
//!
//! | schema | member |
//! |---|---|
//! | `properties` of an `object` (inline or through `$ref`) | one `[[object]]`, its members in schema order |
//! | `required` | `required = "yes"` for the listed members, `"no"` for the others |
//! | `$ref` (`#/definitions/...`, or a file relative to the referring schema file) | `format = "OBJECT"`, `object` the target's name |
//! | `type = "array"` with `items` | the member of the items with `array = true` |
//! | `type = "string"` | `TEXT`; with `maxLength` (and `minLength`) `CHAR(a..b)` |
//! | `pattern` `^[...]*$`, `^[...]+$`, `^[...]{a,b}$` | `symbols` (and the length `{a,b}` gives) |
//! | `format = "email"` on a `CHAR` member | `symbols = "RFC 5322"` |
//! | `enum` of strings | `LIST` with `values` |
//! | `type = "integer"` with `minimum` / `maximum` | `NUMERIC(1..d)` and `range` |
//! | `type = "boolean"` | `BOOLEAN` |
//! | `description` (else `title`) | `doc` |
//!
//! Object names are the definition names in UpperCamelCase (`orderReferences` -> `OrderReferences`),
//! the root object's the schema file's (`createPaymentRequest.json` -> `CreatePaymentRequest`), an
//! inline object's its parent's name followed by the member's.
//!
//! Everything else is reported with its JSON pointer in the schema (`#/definitions/order/properties/foo:
//! `oneOf` not supported`), never dropped silently: keywords the tables cannot express, members
//! the importer cannot map (left out unless the overlay gives their `format`), assumptions (an
//! integer without bounds), and the members the overlay's `members` list leaves out. A `$ref` cycle,
//! a `$ref` that leads nowhere, nesting deeper than [`MAX_DEPTH`] and an overlay entry that matches
//! nothing are errors. The input is untrusted: nothing here panics on any text.

use std::rc::Rc;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::format::Symbols;
use crate::generate::upper_camel;
use crate::model::{ApiInfo, FieldSpec, ListValue, ObjectSpec, Required, SpecFile};

/// The deepest nesting of objects (and the longest `$ref` chain) the importer follows.
pub const MAX_DEPTH: usize = 32;

/// The most schema files one import reads (the first one included).
pub const MAX_FILES: usize = 64;

/// One finding, at a JSON pointer of a schema file (`#/definitions/order`, or
/// `common.json#/definitions/address` for a file a `$ref` names), or at `overlay` or `table`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaProblem {
    /// Where.
    pub at: String,
    /// What.
    pub message: String,
}

impl std::fmt::Display for SchemaProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The maintainer's overlay for a schema import (`spec/overlay/v2.toml`): what a schema cannot
/// say (Rust names, `sensitive`, descriptions, sources, corrections) and which members the
/// tables keep.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaOverlay {
    /// `[api]` of the output (default: the v2 API with the API reference as its source).
    pub api: Option<ApiInfo>,
    /// Per-object refinements.
    #[serde(default, rename = "object")]
    pub objects: Vec<OverlayObject>,
}

/// `[[object]]` of a schema overlay.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayObject {
    /// The object's name in the output. Without `schema` it also names the object to refine,
    /// by the name the importer gives it.
    pub rust: String,
    /// The schema location of the object (`#`, `#/definitions/order`,
    /// `common.json#/definitions/address`): matches it by place, so that `rust` renames it.
    pub schema: Option<String>,
    /// Replaces the description.
    pub doc: Option<String>,
    /// Where the object comes from, when not `[api].source`.
    pub source: Option<String>,
    /// The members the tables keep, in this order (default: all, in schema order). The others
    /// are reported as left out.
    pub members: Option<Vec<String>>,
    /// Per-member refinements.
    #[serde(default, rename = "field")]
    pub fields: Vec<OverlayField>,
}

/// `[[object.field]]` of a schema overlay: every key but `name` replaces what the schema says.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayField {
    /// The member's JSON name.
    pub name: String,
    /// A member the schema lacks: needs `required` and `format` (and `object` for `OBJECT`).
    #[serde(default)]
    pub add: bool,
    /// Required.
    pub required: Option<Required>,
    /// Format of a scalar member (`CHAR(1..40)`, `NUMERIC(1..12)`, `LIST`, `TEXT`, `BOOLEAN`).
    pub format: Option<String>,
    /// With `add` and `format = "OBJECT"`: the nested object.
    pub object: Option<String>,
    /// With `add`: a JSON array.
    pub array: Option<bool>,
    /// Description.
    pub doc: Option<String>,
    /// Permitted symbols.
    pub symbols: Option<String>,
    /// LIST values (replace the schema's `enum`).
    pub values: Option<Vec<ListValue>>,
    /// LIST of a standard's codes.
    pub values_from: Option<String>,
    /// LIST without values.
    pub unlisted: Option<bool>,
    /// Bounds of a number.
    pub range: Option<String>,
    /// Notes ("Spec note:" remarks).
    pub notes: Option<Vec<String>>,
    /// Never printed.
    pub sensitive: Option<bool>,
    /// Check digits of a CHAR member (`iban`).
    pub checksum: Option<String>,
    /// Where the member comes from.
    pub source: Option<String>,
    /// Rust type name of a scalar member.
    pub rust: Option<String>,
}

/// What a schema import gives: the table and the findings that are no error.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaImported {
    /// The table: `[api]` and the objects reached from the root, depth first.
    pub file: SpecFile,
    /// What the importer did not read, assumed, or left out, with where (warnings).
    pub reports: Vec<SchemaProblem>,
}

/// Reads another schema file named by a `$ref`: the path is relative to the directory of the
/// first schema file (the importer joins the `$ref` to the path of the file it stands in).
pub type LoadSchema<'a> = &'a mut dyn FnMut(&str) -> Result<String, String>;

/// Imports the request body schema `text` (the file `path`; its stem names the root object)
/// with `overlay` applied. `load` reads the files relative `$ref`s name.
pub fn import_schema(
    path: &str,
    text: &str,
    overlay: &SchemaOverlay,
    load: LoadSchema<'_>,
) -> Result<SchemaImported, Vec<SchemaProblem>> {
    let json = match serde_json::from_str::<Value>(text) {
        Ok(json) => json,
        Err(e) => {
            return Err(vec![SchemaProblem {
                at: path.to_owned(),
                message: format!("not JSON: {e}"),
            }]);
        }
    };
    let mut reader = Reader {
        docs: vec![Doc {
            path: path.to_owned(),
            json: Rc::new(json),
        }],
        load,
        overlay,
        errors: Vec::new(),
        reports: Vec::new(),
        objects: Vec::new(),
        done: Vec::new(),
        stack: Vec::new(),
        used: vec![false; overlay.objects.len()],
    };
    let stem = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .trim_end_matches(".json");
    let root = Loc {
        doc: 0,
        pointer: "#".to_owned(),
    };
    if let Some((loc, node)) = reader.follow(root, None) {
        if is_object_schema(&node) {
            reader.object(loc, &node, name_of(stem), 0);
        } else {
            reader.error(
                &loc,
                "the root is not an object schema (`type = \"object\"` with `properties`)",
            );
        }
    }
    for (i, o) in overlay.objects.iter().enumerate() {
        if !reader.used[i] {
            let by = match &o.schema {
                Some(schema) => format!("schema `{schema}`"),
                None => format!("name `{}`", o.rust),
            };
            reader.errors.push(SchemaProblem {
                at: "overlay".to_owned(),
                message: format!(
                    "[[object]] `{}`: no object reached from the root has the {by}",
                    o.rust
                ),
            });
        }
    }
    let Reader {
        errors,
        reports,
        objects,
        ..
    } = reader;
    let file = SpecFile {
        api: overlay.api.clone().unwrap_or_else(default_api),
        groups: Vec::new(),
        requests: Vec::new(),
        params: Vec::new(),
        objects: objects.into_iter().flatten().collect(),
        operations: Vec::new(),
        rules: Vec::new(),
    };
    let mut errors = errors;
    if errors.is_empty() {
        errors.extend(
            crate::objects::problems(&file)
                .into_iter()
                .map(|message| SchemaProblem {
                    at: "table".to_owned(),
                    message,
                }),
        );
    }
    if errors.is_empty() {
        Ok(SchemaImported { file, reports })
    } else {
        Err(errors)
    }
}

/// The `[api]` of an import without one in the overlay.
fn default_api() -> ApiInfo {
    ApiInfo {
        name: "v2".to_owned(),
        title: "Server-to-server v2 JSON API".to_owned(),
        source: "https://developer.payone.com/en/api-reference".to_owned(),
        endpoint: "https://payment.preprod.payone.com/v2/{merchantId}/payments".to_owned(),
        doc: None,
    }
}

/// An object name from a schema name: UpperCamelCase, never empty, never starting with a digit.
fn name_of(text: &str) -> String {
    let name = upper_camel(text);
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("Object{name}")
    }
}

struct Doc {
    path: String,
    json: Rc<Value>,
}

/// A place in a schema file: the file's index and a JSON pointer fragment (`#/definitions/x`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Loc {
    doc: usize,
    pointer: String,
}

impl Loc {
    fn child(&self, key: &str) -> Loc {
        let escaped = key.replace('~', "~0").replace('/', "~1");
        Loc {
            doc: self.doc,
            pointer: format!("{}/{escaped}", self.pointer),
        }
    }
}

struct Reader<'a, 'l> {
    docs: Vec<Doc>,
    load: LoadSchema<'l>,
    overlay: &'a SchemaOverlay,
    errors: Vec<SchemaProblem>,
    reports: Vec<SchemaProblem>,
    /// The objects in the order they are first reached (a slot is filled when its walk ends).
    objects: Vec<Option<ObjectSpec>>,
    /// Every object reached, with its name.
    done: Vec<(Loc, String)>,
    /// The objects being walked, outermost first.
    stack: Vec<Loc>,
    /// Which overlay objects matched.
    used: Vec<bool>,
}

fn is_object_schema(node: &Value) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == "object",
        None => node.get("properties").is_some(),
        _ => false,
    }
}

/// What a scalar member becomes.
#[derive(Default)]
struct Scalar {
    format: String,
    symbols: Option<String>,
    values: Vec<ListValue>,
    range: Option<String>,
    /// An assumption the maintainer should see (reported unless the overlay gives `format`).
    assumed: Option<String>,
}

/// Keywords that only document: read as `doc` or ignored without a loss.
const DOC_KEYWORDS: &[&str] = &["description", "title", "$comment", "$schema", "definitions"];

impl Reader<'_, '_> {
    fn show(&self, loc: &Loc) -> String {
        if loc.doc == 0 {
            loc.pointer.clone()
        } else {
            format!("{}{}", self.docs[loc.doc].path, loc.pointer)
        }
    }

    fn error(&mut self, loc: &Loc, message: impl Into<String>) {
        let at = self.show(loc);
        self.errors.push(SchemaProblem {
            at,
            message: message.into(),
        });
    }

    fn report(&mut self, loc: &Loc, message: impl Into<String>) {
        let at = self.show(loc);
        self.reports.push(SchemaProblem {
            at,
            message: message.into(),
        });
    }

    /// The node at `loc`, if any.
    fn node(&self, loc: &Loc) -> Option<Value> {
        let json = Rc::clone(&self.docs[loc.doc].json);
        let mut node: &Value = &json;
        let rest = loc.pointer.strip_prefix('#')?;
        if rest.is_empty() {
            return Some(node.clone());
        }
        for part in rest.strip_prefix('/')?.split('/') {
            let key = part.replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Object(map) => map.get(&key)?,
                Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node.clone())
    }

    /// The place a `$ref` written at `from` names, loading its file if need be.
    fn resolve(&mut self, from: &Loc, reference: &str) -> Option<Loc> {
        let at = from.child("$ref");
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let doc = if file.is_empty() {
            from.doc
        } else {
            if file.starts_with('/') || file.starts_with('\\') || file.contains(':') {
                self.error(
                    &at,
                    format!("`{reference}`: only `#...` and relative file references are read"),
                );
                return None;
            }
            let path = join(&self.docs[from.doc].path, file);
            match self.docs.iter().position(|d| d.path == path) {
                Some(doc) => doc,
                None => {
                    if self.docs.len() >= MAX_FILES {
                        self.error(
                            &at,
                            format!("`{reference}`: more than {MAX_FILES} schema files"),
                        );
                        return None;
                    }
                    let text = match (self.load)(&path) {
                        Ok(text) => text,
                        Err(e) => {
                            self.error(&at, format!("`{reference}`: {e}"));
                            return None;
                        }
                    };
                    let json = match serde_json::from_str::<Value>(&text) {
                        Ok(json) => json,
                        Err(e) => {
                            self.error(&at, format!("`{reference}`: {path} is not JSON: {e}"));
                            return None;
                        }
                    };
                    self.docs.push(Doc {
                        path,
                        json: Rc::new(json),
                    });
                    self.docs.len() - 1
                }
            }
        };
        if !(fragment.is_empty() || fragment.starts_with('/')) {
            self.error(
                &at,
                format!("`{reference}`: only JSON pointer fragments (`#/...`) are read"),
            );
            return None;
        }
        let loc = Loc {
            doc,
            pointer: format!("#{fragment}"),
        };
        if self.node(&loc).is_none() {
            self.error(&at, format!("`{reference}`: no such place"));
            return None;
        }
        Some(loc)
    }

    /// Follows `$ref`s from `loc` to a schema that is no reference. `node` is the node at
    /// `loc` when the caller has it.
    fn follow(&mut self, mut loc: Loc, node: Option<Value>) -> Option<(Loc, Value)> {
        let mut node = match node {
            Some(node) => node,
            None => self.node(&loc)?,
        };
        let mut seen: Vec<Loc> = Vec::new();
        while let Some(reference) = node.get("$ref") {
            let Some(reference) = reference.as_str().map(str::to_owned) else {
                self.error(&loc.child("$ref"), "`$ref` is not a string");
                return None;
            };
            if let Value::Object(map) = &node {
                for key in map.keys().filter(|k| *k != "$ref" && *k != "description") {
                    self.report(
                        &loc.child(key),
                        format!("`{key}` beside `$ref` is not read"),
                    );
                }
            }
            seen.push(loc.clone());
            if seen.len() > MAX_DEPTH {
                self.error(&loc, format!("a chain of more than {MAX_DEPTH} `$ref`s"));
                return None;
            }
            let target = self.resolve(&loc, &reference)?;
            if let Some(first) = seen.iter().position(|l| *l == target) {
                let mut path: Vec<String> = seen[first..].iter().map(|l| self.show(l)).collect();
                path.push(self.show(&target));
                self.error(&loc, format!("`$ref` cycle: {}", path.join(" -> ")));
                return None;
            }
            node = self.node(&target)?;
            loc = target;
        }
        Some((loc, node))
    }

    /// Reports every keyword of `node` that is not in `read`.
    fn unread(&mut self, loc: &Loc, node: &Value, read: &[&str]) {
        if let Value::Object(map) = node {
            for key in map.keys() {
                if !read.contains(&key.as_str()) && !DOC_KEYWORDS.contains(&key.as_str()) {
                    self.report(&loc.child(key), format!("`{key}` not supported"));
                }
            }
        }
    }

    /// Walks the object schema `node` at `loc`; returns its name in the output.
    fn object(&mut self, loc: Loc, node: &Value, hint: String, depth: usize) -> Option<String> {
        if let Some(first) = self.stack.iter().position(|l| *l == loc) {
            let mut path: Vec<String> = self.stack[first..].iter().map(|l| self.show(l)).collect();
            path.push(self.show(&loc));
            self.error(
                &loc,
                format!(
                    "`$ref` cycle: {} (an object may not contain itself)",
                    path.join(" -> ")
                ),
            );
            return None;
        }
        if let Some((_, name)) = self.done.iter().find(|(l, _)| *l == loc) {
            return Some(name.clone());
        }
        if depth >= MAX_DEPTH {
            self.error(&loc, format!("objects nested deeper than {MAX_DEPTH}"));
            return None;
        }
        let shown = self.show(&loc);
        let all: &SchemaOverlay = self.overlay;
        let matched = all
            .objects
            .iter()
            .position(|o| o.schema.as_deref() == Some(shown.as_str()))
            .or_else(|| {
                all.objects
                    .iter()
                    .position(|o| o.schema.is_none() && o.rust == hint)
            });
        if let Some(i) = matched {
            self.used[i] = true;
        }
        let overlay = matched.map(|i| &all.objects[i]);
        let rust = overlay.map_or(hint, |o| o.rust.clone());
        if let Some((other, _)) = self.done.iter().find(|(_, n)| *n == rust) {
            let other = self.show(other);
            self.error(
                &loc,
                format!(
                    "two objects would be named `{rust}` (this one and {other}): name one in the overlay ([[object]] with `schema` and `rust`)"
                ),
            );
            return None;
        }
        let slot = self.objects.len();
        self.objects.push(None);
        self.done.push((loc.clone(), rust.clone()));
        self.stack.push(loc.clone());

        self.unread(
            &loc,
            node,
            &["type", "properties", "required", "additionalProperties"],
        );
        match node.get("additionalProperties") {
            None | Some(Value::Bool(_)) => {}
            Some(_) => self.report(
                &loc.child("additionalProperties"),
                "a schema for further members is not supported (they are kept as read, unchecked)",
            ),
        }
        let empty = Map::new();
        let properties = match node.get("properties") {
            Some(Value::Object(map)) => map,
            Some(_) => {
                self.error(&loc.child("properties"), "`properties` is not an object");
                &empty
            }
            None => {
                self.error(
                    &loc,
                    "an object without `properties`: the tables need its members",
                );
                &empty
            }
        };
        let mut required: Vec<String> = Vec::new();
        match node.get("required") {
            None => {}
            Some(Value::Array(names)) => {
                for (i, name) in names.iter().enumerate() {
                    match name.as_str() {
                        Some(name) if properties.contains_key(name) => {
                            required.push(name.to_owned())
                        }
                        Some(name) => self.report(
                            &loc.child("required").child(&i.to_string()),
                            format!("`{name}` is required but not among the properties"),
                        ),
                        None => self.report(
                            &loc.child("required").child(&i.to_string()),
                            "not a member name",
                        ),
                    }
                }
            }
            Some(_) => self.report(&loc.child("required"), "`required` is not a list"),
        }
        let names: Vec<String> = match overlay.and_then(|o| o.members.clone()) {
            Some(members) => {
                let left: Vec<&str> = properties
                    .keys()
                    .filter(|k| !members.contains(k))
                    .map(String::as_str)
                    .collect();
                if !left.is_empty() {
                    self.report(
                        &loc.child("properties"),
                        format!(
                            "{} member{} left out by the overlay's `members`: {}",
                            left.len(),
                            if left.len() == 1 { "" } else { "s" },
                            left.join(", ")
                        ),
                    );
                }
                members
            }
            None => properties.keys().cloned().collect(),
        };
        let mut fields = Vec::new();
        for name in &names {
            let refine = overlay.and_then(|o| o.fields.iter().find(|f| f.name == *name));
            let field = match (properties.get(name), refine) {
                (Some(_), Some(r)) if r.add => {
                    self.error(
                        &loc.child("properties").child(name),
                        format!("overlay: `{name}` has `add = true` but the schema has the member"),
                    );
                    None
                }
                (Some(member), _) => {
                    let at = loc.child("properties").child(name);
                    let yes = required.contains(name);
                    self.member(&rust, name, at, member.clone(), yes, refine, depth)
                }
                (None, Some(r)) if r.add => added(r).map_err(|e| self.error(&loc, e)).ok(),
                (None, _) => {
                    self.error(
                        &loc.child("properties"),
                        format!("overlay: `members` names `{name}`, which the schema does not have (an overlay [[object.field]] with `add = true` adds it)"),
                    );
                    None
                }
            };
            if let Some(field) = field {
                if fields.iter().any(|f: &FieldSpec| f.name == field.name) {
                    self.error(&loc, format!("overlay: `members` names `{name}` twice"));
                } else {
                    fields.push(field);
                }
            }
        }
        if let Some(o) = overlay {
            for f in &o.fields {
                if !names.contains(&f.name) {
                    self.error(
                        &loc,
                        format!(
                            "overlay: [[object.field]] `{}` of `{}` names no member the table keeps",
                            f.name, o.rust
                        ),
                    );
                }
            }
        }
        self.stack.pop();
        let doc = overlay
            .and_then(|o| o.doc.clone())
            .or_else(|| description(node));
        self.objects[slot] = Some(ObjectSpec {
            rust: rust.clone(),
            doc,
            source: overlay.and_then(|o| o.source.clone()),
            fields,
        });
        Some(rust)
    }

    /// One member; `None` when it is left out (reported) or wrong (an error).
    #[allow(clippy::too_many_arguments)]
    fn member(
        &mut self,
        owner: &str,
        name: &str,
        at: Loc,
        node: Value,
        required: bool,
        refine: Option<&OverlayField>,
        depth: usize,
    ) -> Option<FieldSpec> {
        let own_doc = description(&node);
        let (loc, node) = self.follow(at.clone(), Some(node))?;
        let doc = own_doc.or_else(|| description(&node));
        let mut field = FieldSpec {
            name: name.to_owned(),
            required: if required {
                Required::Yes
            } else {
                Required::No
            },
            format: String::new(),
            object: None,
            array: false,
            doc,
            symbols: None,
            checksum: None,
            values: Vec::new(),
            values_from: None,
            unlisted: false,
            range: None,
            notes: Vec::new(),
            sensitive: false,
            source: None,
            rust: None,
        };
        let (loc, node) = if node.get("type").and_then(Value::as_str) == Some("array") {
            field.array = true;
            self.unread(
                &loc,
                &node,
                &["type", "items", "minItems", "maxItems", "uniqueItems"],
            );
            for key in ["minItems", "maxItems", "uniqueItems"] {
                if node.get(key).is_some() {
                    self.report(
                        &loc.child(key),
                        format!("`{key}` is not checked by the tables"),
                    );
                }
            }
            let items = match node.get("items") {
                Some(items @ Value::Object(_)) => items.clone(),
                Some(_) => {
                    self.report(
                        &loc.child("items"),
                        "`items` as a list (a tuple) is not supported; member left out",
                    );
                    return None;
                }
                None => {
                    self.report(&loc, "an array without `items`; member left out");
                    return None;
                }
            };
            let (items_loc, items) = self.follow(loc.child("items"), Some(items))?;
            if items.get("type").and_then(Value::as_str) == Some("array") {
                self.report(
                    &items_loc,
                    "arrays of arrays are not supported; member left out",
                );
                return None;
            }
            (items_loc, items)
        } else {
            (loc, node)
        };
        if !node.is_object() {
            self.report(&loc, "a schema that is not an object (`true` / `false`) is not supported; member left out");
            return None;
        }
        if is_object_schema(&node) {
            let hint = format!("{owner}{}", name_of(name));
            // A definition is named by its own name, an inline object by its place.
            let hint = match loc.pointer.rsplit_once('/') {
                Some((parent, key))
                    if parent.ends_with("/definitions") || parent == "#/definitions" =>
                {
                    name_of(&key.replace("~1", "/").replace("~0", "~"))
                }
                _ if loc.pointer == "#" && loc.doc != 0 => {
                    let path = &self.docs[loc.doc].path;
                    name_of(
                        path.rsplit(['/', '\\'])
                            .next()
                            .unwrap_or(path)
                            .trim_end_matches(".json"),
                    )
                }
                _ => hint,
            };
            let object = self.object(loc.clone(), &node, hint, depth + 1)?;
            field.format = "OBJECT".to_owned();
            field.object = Some(object);
            if let Some(r) = refine {
                if r.format.is_some() || r.object.is_some() || r.array.is_some() {
                    self.error(
                        &at,
                        "overlay: `format`, `object` and `array` of a member the schema gives as an object cannot be replaced",
                    );
                }
                if r.rust.is_some() {
                    self.error(&at, "overlay: `rust` names scalar members; an object member's type is its object's name");
                }
                refine_field(&mut field, r);
            }
            return Some(field);
        }
        let scalar = self.scalar(&loc, &node);
        if let Some(r) = refine.filter(|r| r.format.is_some()) {
            let format = r.format.as_deref().unwrap_or_default();
            if let Some(json) = node.get("type").and_then(Value::as_str)
                && let Some(wire) = json_type(format)
                && wire != json
            {
                self.report(
                    &loc,
                    format!("the overlay's format `{format}` is sent as a JSON {wire}, the schema says {json}"),
                );
            }
            // The overlay decides the format; what the schema gave stays for the other keys.
            if let Ok(s) = scalar {
                field.symbols = s.symbols;
                field.values = s.values;
                field.range = s.range;
            }
            if r.object.is_some() || r.array.is_some() {
                self.error(&at, "overlay: `object` and `array` belong to `add` members");
            }
            refine_field(&mut field, r);
            return Some(field);
        }
        match scalar {
            Ok(s) => {
                if let Some(assumed) = s.assumed {
                    self.report(&loc, assumed);
                }
                field.format = s.format;
                field.symbols = s.symbols;
                field.values = s.values;
                field.range = s.range;
                if let Some(r) = refine {
                    if r.object.is_some() || r.array.is_some() {
                        self.error(&at, "overlay: `object` and `array` belong to `add` members");
                    }
                    refine_field(&mut field, r);
                }
                Some(field)
            }
            Err(reason) => {
                self.report(
                    &loc,
                    format!("{reason}; member left out (an overlay `format` keeps it)"),
                );
                None
            }
        }
    }

    /// The format of a scalar schema; the error says why there is none.
    fn scalar(&mut self, loc: &Loc, node: &Value) -> Result<Scalar, String> {
        let kind = match node.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(_) => {
                self.unread(loc, node, &["type"]);
                return Err("a list of types is not supported".to_owned());
            }
            None if node.get("enum").is_some() => "string",
            None => {
                self.unread(loc, node, &[]);
                return Err("no `type`".to_owned());
            }
        };
        match kind {
            "boolean" => {
                self.unread(loc, node, &["type"]);
                Ok(Scalar {
                    format: "BOOLEAN".to_owned(),
                    ..Scalar::default()
                })
            }
            "string" => self.string(loc, node),
            "integer" => self.integer(loc, node),
            "number" => {
                self.unread(loc, node, &["type"]);
                Err("`number` (a decimal) has no format in the tables".to_owned())
            }
            "null" => {
                self.unread(loc, node, &["type"]);
                Err("`null` is not supported".to_owned())
            }
            other => {
                self.unread(loc, node, &["type"]);
                Err(format!("type `{other}` is not supported"))
            }
        }
    }

    fn string(&mut self, loc: &Loc, node: &Value) -> Result<Scalar, String> {
        self.unread(
            loc,
            node,
            &[
                "type",
                "enum",
                "maxLength",
                "minLength",
                "pattern",
                "format",
            ],
        );
        if let Some(values) = node.get("enum") {
            let Some(values) = values.as_array() else {
                return Err("`enum` is not a list".to_owned());
            };
            let mut out: Vec<ListValue> = Vec::new();
            for v in values {
                let Some(v) = v.as_str() else {
                    return Err(format!("`enum` value {v} is not a string"));
                };
                if v.is_empty() || out.iter().any(|w| w.value == v) {
                    return Err(format!("`enum` value `{v}` is empty or repeated"));
                }
                out.push(ListValue {
                    value: v.to_owned(),
                    doc: None,
                    not_for: Vec::new(),
                    note: None,
                    rust: None,
                });
            }
            if out.is_empty() {
                return Err("an empty `enum`".to_owned());
            }
            return Ok(Scalar {
                format: "LIST".to_owned(),
                values: out,
                ..Scalar::default()
            });
        }
        let length = |key: &str| -> Result<Option<u32>, String> {
            match node.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| format!("`{key}` {v} is not a length")),
            }
        };
        let mut min = length("minLength")?.unwrap_or(1).max(1);
        let mut max = length("maxLength")?;
        let mut symbols = None;
        if let Some(pattern) = node.get("pattern") {
            let Some(pattern) = pattern.as_str() else {
                return Err("`pattern` is not a string".to_owned());
            };
            match pattern_symbols(pattern) {
                Some((set, low, high)) => {
                    symbols = Some(set);
                    min = min.max(low);
                    max = match (max, high) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => self.report(
                    &loc.child("pattern"),
                    format!("pattern `{pattern}` not supported: only one character class, `^[...]*$`, `^[...]+$` or `^[...]{{a,b}}$`, becomes permitted symbols"),
                ),
            }
        }
        match node.get("format").map(|f| f.as_str()) {
            None => {}
            Some(Some("email")) if max.is_some() && symbols.is_none() => {
                symbols = Some("RFC 5322".to_owned())
            }
            Some(Some(other)) => self.report(
                &loc.child("format"),
                format!("format `{other}` is not checked by the tables (e-mail addresses are, on a member with `maxLength`)"),
            ),
            Some(None) => self.report(&loc.child("format"), "`format` is not a string"),
        }
        match max {
            Some(max) if max < min => Err(format!(
                "no string fits: at least {min} and at most {max} characters"
            )),
            Some(max) => Ok(Scalar {
                format: format!("CHAR({min}..{max})"),
                symbols,
                ..Scalar::default()
            }),
            None => {
                if symbols.is_some() {
                    self.report(
                        loc,
                        "permitted characters without a longest length: the tables check characters on CHAR members only, so they are not checked",
                    );
                }
                if min > 1 {
                    self.report(
                        loc,
                        format!("at least {min} characters without a longest length: recorded as TEXT, which checks only that it is not empty"),
                    );
                }
                Ok(Scalar {
                    format: "TEXT".to_owned(),
                    ..Scalar::default()
                })
            }
        }
    }

    fn integer(&mut self, loc: &Loc, node: &Value) -> Result<Scalar, String> {
        self.unread(
            loc,
            node,
            &[
                "type",
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "format",
            ],
        );
        if node.get("enum").is_some() {
            return Err("`enum` of integers is not supported".to_owned());
        }
        match node.get("format").map(|f| f.as_str()) {
            None | Some(Some("int32" | "int64")) => {}
            Some(other) => self.report(
                &loc.child("format"),
                format!("format {other:?} not supported"),
            ),
        }
        let bound = |key: &str, exclusive: &str, up: bool| -> Result<Option<i128>, String> {
            let Some(v) = node.get(key) else {
                return Ok(None);
            };
            let Some(f) = v.as_f64() else {
                return Err(format!("`{key}` {v} is not a number"));
            };
            if !f.is_finite() || f.abs() > 1e20 {
                return Err(format!("`{key}` {v} is out of range"));
            }
            let mut n = if up { f.ceil() } else { f.floor() } as i128;
            if node.get(exclusive) == Some(&Value::Bool(true)) && f.fract() == 0.0 {
                n += if up { 1 } else { -1 };
            }
            Ok(Some(n))
        };
        let mut min = bound("minimum", "exclusiveMinimum", true)?;
        let mut max = bound("maximum", "exclusiveMaximum", false)?;
        // Draft 6 writes the exclusive bounds as numbers.
        if let Some(v) = node.get("exclusiveMinimum").and_then(Value::as_f64)
            && v.is_finite()
            && v.abs() <= 1e20
        {
            let n = v.floor() as i128 + 1;
            min = Some(min.map_or(n, |m| m.max(n)));
        }
        if let Some(v) = node.get("exclusiveMaximum").and_then(Value::as_f64)
            && v.is_finite()
            && v.abs() <= 1e20
        {
            let n = v.ceil() as i128 - 1;
            max = Some(max.map_or(n, |m| m.min(n)));
        }
        const WIDEST: i128 = 999_999_999_999_999_999;
        let mut assumed = None;
        let (low, high) = match (min, max) {
            (None, None) => {
                assumed = Some("an integer without `minimum` and `maximum`: recorded as NUMERIC(1..18), 0 to 999 999 999 999 999 999 (an overlay `format` replaces it)".to_owned());
                (0, WIDEST)
            }
            (Some(low), None) if low >= 0 => {
                assumed = Some(format!(
                    "an integer without `maximum`: recorded as at most {WIDEST} (an overlay `format` replaces it)"
                ));
                (low, WIDEST)
            }
            (None, Some(high)) if high >= 0 => {
                assumed = Some("an integer without `minimum`: recorded as not negative (an overlay `format` replaces it)".to_owned());
                (0, high)
            }
            (Some(low), Some(high)) => (low, high),
            _ => return Err("a negative bound without the other bound".to_owned()),
        };
        if high < low {
            return Err(format!(
                "no integer fits: at least {low} and at most {high}"
            ));
        }
        if high > WIDEST {
            return Err(format!(
                "maximum {high} is above {WIDEST}, the widest the tables write"
            ));
        }
        let digits = high.max(1).to_string().len();
        let all_nines = 10i128.pow(digits as u32) - 1;
        let range = if low < 0 {
            if low != -high {
                return Err(format!(
                    "minimum {low} and maximum {high}: the tables write negative bounds only as +/- the same value"
                ));
            }
            Some(format!("max. +/- {high}"))
        } else if low > 0 || high != all_nines {
            Some(format!("{low}..{high}"))
        } else {
            None
        };
        Ok(Scalar {
            format: format!("NUMERIC(1..{digits})"),
            range,
            assumed,
            ..Scalar::default()
        })
    }
}

/// The JSON type a member of `format` is sent as, when the format says.
fn json_type(format: &str) -> Option<&'static str> {
    let keyword = format.split(['(', ',', ' ']).next().unwrap_or_default();
    match keyword {
        "BOOLEAN" => Some("boolean"),
        "NUMERIC" | "N" => Some("integer"),
        "CHAR" | "TEXT" | "LIST" | "DATE" | "AN" => Some("string"),
        _ => None,
    }
}

/// `description`, else `title`.
fn description(node: &Value) -> Option<String> {
    ["description", "title"]
        .iter()
        .find_map(|k| node.get(*k).and_then(Value::as_str))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// `dir/of/from.json` + `file` (relative), `..` and `.` folded.
fn join(from: &str, file: &str) -> String {
    let mut parts: Vec<&str> = from.split(['/', '\\']).collect();
    parts.pop();
    for part in file.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// A member the overlay adds.
fn added(r: &OverlayField) -> Result<FieldSpec, String> {
    let (Some(required), Some(format)) = (r.required, r.format.clone()) else {
        return Err(format!(
            "overlay: the added member `{}` needs `required` and `format`",
            r.name
        ));
    };
    let mut field = FieldSpec {
        name: r.name.clone(),
        required,
        format,
        object: r.object.clone(),
        array: r.array.unwrap_or(false),
        doc: None,
        symbols: None,
        checksum: None,
        values: Vec::new(),
        values_from: None,
        unlisted: false,
        range: None,
        notes: Vec::new(),
        sensitive: false,
        source: None,
        rust: None,
    };
    refine_field(&mut field, r);
    Ok(field)
}

/// Applies the overlay's keys to a member.
fn refine_field(field: &mut FieldSpec, r: &OverlayField) {
    if let Some(v) = r.required {
        field.required = v;
    }
    if let Some(v) = &r.format {
        field.format = v.clone();
    }
    if let Some(v) = &r.doc {
        field.doc = Some(v.clone());
    }
    if let Some(v) = &r.symbols {
        field.symbols = Some(v.clone());
    }
    if r.values.is_some() || r.values_from.is_some() || r.unlisted.is_some() {
        field.values = r.values.clone().unwrap_or_default();
        field.values_from = r.values_from.clone();
        field.unlisted = r.unlisted.unwrap_or(false);
    }
    if let Some(v) = &r.range {
        field.range = Some(v.clone());
    }
    if let Some(v) = &r.notes {
        field.notes = v.clone();
    }
    if let Some(v) = r.sensitive {
        field.sensitive = v;
    }
    if let Some(v) = &r.checksum {
        field.checksum = Some(v.clone());
    }
    if let Some(v) = &r.source {
        field.source = Some(v.clone());
    }
    if let Some(v) = &r.rust {
        field.rust = Some(v.clone());
    }
}

/// `^[class]q$` as permitted symbols and the length bounds `q` gives (`*`: none, `+`: at least
/// one, `{n}`, `{a,b}`, `{a,}`); `None` for any other pattern. The symbols are accepted only
/// when they permit exactly the printable ASCII characters the class does.
fn pattern_symbols(pattern: &str) -> Option<(String, u32, Option<u32>)> {
    let body = pattern.strip_prefix("^[")?.strip_suffix('$')?;
    let (class, quantifier) = body.split_once(']')?;
    if class.is_empty()
        || class.starts_with('^')
        || !class.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        || class.contains(['[', '\\', ','])
    {
        return None;
    }
    let (low, high) = match quantifier {
        "*" => (1, None),
        "+" => (1, None),
        q => {
            let inner = q.strip_prefix('{')?.strip_suffix('}')?;
            match inner.split_once(',') {
                None => {
                    let n = inner.parse::<u32>().ok()?;
                    (n, Some(n))
                }
                Some((a, "")) => (a.parse::<u32>().ok()?, None),
                Some((a, b)) => (a.parse::<u32>().ok()?, Some(b.parse::<u32>().ok()?)),
            }
        }
    };
    // The characters the regex class permits.
    let chars: Vec<char> = class.chars().collect();
    let mut ranges: Vec<(char, char)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            if chars[i] > chars[i + 2] {
                return None;
            }
            ranges.push((chars[i], chars[i + 2]));
            i += 3;
        } else {
            ranges.push((chars[i], chars[i]));
            i += 1;
        }
    }
    let text = format!("[{class}]");
    let symbols = Symbols::parse(&text).ok()?;
    let same =
        (' '..='~').all(|c| symbols.permits(c) == ranges.iter().any(|&(a, b)| a <= c && c <= b));
    same.then_some((text, low.max(1), high))
}
