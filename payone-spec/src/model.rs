//! The spec files as data: one [`SpecFile`] per platform page (layout in `spec/README.md`).

use serde::{Deserialize, Serialize};

/// One `spec/*.toml` file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The platform.
    pub api: ApiInfo,
    /// Section headings of the page, in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "group")]
    pub groups: Vec<Group>,
    /// Values of the `request` parameter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "request")]
    pub requests: Vec<RequestSpec>,
    /// The rows, in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "param")]
    pub params: Vec<ParamSpec>,
    /// Conditional rules over several rows ("ORDERID or PAYID").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// JSON objects (the v2 API): nested objects instead of flat parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "object")]
    pub objects: Vec<ObjectSpec>,
    /// HTTP operations (the v2 API): method, path, request and answer object.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default, rename = "operation")]
    pub operations: Vec<OperationSpec>,
}

/// `[api]`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiInfo {
    /// `frontend`, `client` or `server`.
    pub name: String,
    /// Human title of the platform.
    pub title: String,
    /// Where the rows come from unless a row says otherwise.
    pub source: String,
    /// The platform endpoint.
    pub endpoint: String,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
}

/// `[[group]]`: a section of the page.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// snake_case id, unique in the file.
    pub id: String,
    /// The heading as the page writes it.
    pub heading: String,
    /// Rust type name of the group.
    pub rust: String,
    /// Payment-method block chosen by a LIST parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub selected_by: Option<SelectedBy>,
    /// A block always sent with the value that selects it (no hosted page collects its data):
    /// its required rows are required whenever the value is chosen, and the generated choice
    /// variant carries the block itself rather than an `Option`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub mandatory: bool,
    /// Indexed group (`it[n]` ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub array: Option<ArrayInfo>,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// The documentation page the group comes from, when not `[api].source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub source: Option<String>,
}

/// `selected_by = { param, value }`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SelectedBy {
    /// The selecting parameter (`clearingtype`).
    pub param: String,
    /// The selecting value (`cc`).
    pub value: String,
}

/// `array = { max }`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ArrayInfo {
    /// Largest index.
    pub max: u32,
    /// Whether a request may send no element at all; the required rows are then required in
    /// every element given.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub optional: bool,
}

/// `[[request]]`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// Value of the `request` parameter.
    pub name: String,
    /// Rust type name.
    pub rust: String,
    /// The groups whose rows the request carries.
    pub groups: Vec<String>,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// The UsedInHash set when the page has no column.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub hash: Option<Vec<String>>,
    /// Where `hash` comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub hash_source: Option<String>,
    /// Rows of the listed groups this request never sends.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Why `exclude`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub exclude_note: Option<String>,
    /// Rows required by this request although their flag says otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub required: Vec<String>,
    /// Rows optional for this request although their flag says required.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub optional: Vec<String>,
    /// The documentation page of the request, when not `[api].source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub source: Option<String>,
}

/// The Required column.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Required {
    /// `+`
    Yes,
    /// `-`
    No,
    /// `o`
    Conditional,
}

impl Required {
    /// The word `payone spec list` prints.
    pub fn as_list_word(self) -> &'static str {
        match self {
            Required::Yes => "required",
            Required::No => "optional",
            Required::Conditional => "conditional",
        }
    }
}

/// `[[param]]`: one row.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ParamSpec {
    /// Wire name, without `[n]`.
    pub name: String,
    /// The group id.
    pub group: String,
    /// The Required column.
    pub required: Required,
    /// The UsedInHash column.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub hash: bool,
    /// The Format line, verbatim. A row with `like` may leave it out and takes the format of
    /// the row it refers to.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(default)]
    pub format: String,
    /// The group whose row of the same name defines this parameter: this row only says that
    /// the parameter also belongs here, with its own Required, UsedInHash and source, and takes
    /// every definition key it leaves out (format, doc, symbols, values, range, notes, ...)
    /// from that row. A parameter is so defined once however many blocks accept it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub like: Option<String>,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// Permitted symbols, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub symbols: Option<String>,
    /// Check digits a CHAR value must carry: `iban` (ISO 13616, mod 97), so that a mistyped
    /// account is refused before anything is sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub checksum: Option<String>,
    /// LIST values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub values: Vec<ListValue>,
    /// LIST of a standard's codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub values_from: Option<String>,
    /// A LIST whose values the page does not give: any non-empty text is accepted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub unlisted: bool,
    /// Permitted values prose for numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub range: Option<String>,
    /// Further prose.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub notes: Vec<String>,
    /// Supplied by the client configuration.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub account: bool,
    /// Never printed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub sensitive: bool,
    /// May be sent several times under the same name, without an index (DirectLink's
    /// privacy-policy `BRAND`); the generated field is a `Vec`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub repeat: bool,
    /// `digits`: a NUMERIC kept as a digit string.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub repr: Option<String>,
    /// Where the row comes from, when not `[api].source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub source: Option<String>,
    /// Rust type name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub rust: Option<String>,
}

/// `[[rule]]`: a rule a documentation page states about several parameters together, which no
/// row's Required column can express. Exactly one of `any_of`, `one_of`, `only_when` and
/// `required_when` is given (the last two with `param`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// snake_case id, unique in the table; the generated constant is named after it.
    pub id: String,
    /// The group the rule is about: it applies to every request that carries the group, and,
    /// for a payment-method block, only when the block is chosen.
    pub group: String,
    /// Only these requests (default: every request carrying the group).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub requests: Vec<String>,
    /// At least one of these parameters is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub any_of: Option<Vec<String>>,
    /// Every parameter of at least one of these sets is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub one_of: Option<Vec<Vec<String>>>,
    /// The parameter `only_when` and `required_when` are about.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub param: Option<String>,
    /// `param` may only be given when this holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub only_when: Option<WhenSpec>,
    /// `param` must be given when this holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub required_when: Option<WhenSpec>,
    /// The rule in a short English sentence.
    pub doc: String,
    /// The documentation page that states it.
    pub source: String,
}

/// `{ param, values }` of a rule: `param` has one of `values`, or any value when `values` is
/// empty.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WhenSpec {
    /// The parameter whose value decides.
    pub param: String,
    /// The values that meet the condition (empty: any value).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub values: Vec<String>,
}

/// What a [`RuleSpec`] demands, read from its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind<'a> {
    /// `any_of`.
    AnyOf(&'a [String]),
    /// `one_of`.
    OneOf(&'a [Vec<String>]),
    /// `param` with `only_when`.
    OnlyWhen(&'a str, &'a WhenSpec),
    /// `param` with `required_when`.
    RequiredWhen(&'a str, &'a WhenSpec),
}

impl RuleSpec {
    /// What the rule demands, or why its keys do not say it.
    pub fn kind(&self) -> Result<RuleKind<'_>, String> {
        let given = [
            self.any_of.is_some(),
            self.one_of.is_some(),
            self.only_when.is_some(),
            self.required_when.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(
                "give exactly one of `any_of`, `one_of`, `only_when`, `required_when`".to_owned(),
            );
        }
        let param = || {
            self.param
                .as_deref()
                .ok_or_else(|| "`only_when` and `required_when` need `param`".to_owned())
        };
        if let Some(names) = &self.any_of {
            if self.param.is_some() {
                return Err("`param` goes with `only_when` or `required_when`".to_owned());
            }
            return Ok(RuleKind::AnyOf(names));
        }
        if let Some(sets) = &self.one_of {
            if self.param.is_some() {
                return Err("`param` goes with `only_when` or `required_when`".to_owned());
            }
            return Ok(RuleKind::OneOf(sets));
        }
        if let Some(when) = &self.only_when {
            return Ok(RuleKind::OnlyWhen(param()?, when));
        }
        let when = self.required_when.as_ref().expect("one kind is given");
        Ok(RuleKind::RequiredWhen(param()?, when))
    }

    /// Every parameter the rule names, each once (the condition's parameter last).
    pub fn params(&self) -> Vec<&str> {
        let names: Vec<&str> = match self.kind() {
            Ok(RuleKind::AnyOf(names)) => names.iter().map(String::as_str).collect(),
            Ok(RuleKind::OneOf(sets)) => sets.iter().flatten().map(String::as_str).collect(),
            Ok(RuleKind::OnlyWhen(p, w) | RuleKind::RequiredWhen(p, w)) => vec![p, &w.param],
            Err(_) => Vec::new(),
        };
        let mut out: Vec<&str> = Vec::new();
        for name in names {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The rule in plain English, as the generated code words it (`at least one of ORDERID,
    /// PAYID is required`).
    pub fn sentence(&self) -> String {
        let when = |w: &WhenSpec| match w.values.as_slice() {
            [] => format!("{} is given", w.param),
            [one] => format!("{}={one}", w.param),
            many => format!("{} is one of {}", w.param, many.join(", ")),
        };
        match self.kind() {
            Ok(RuleKind::AnyOf(names)) => {
                format!("at least one of {} is required", names.join(", "))
            }
            Ok(RuleKind::OneOf(sets)) => format!(
                "one complete set of {} is required",
                sets.iter()
                    .map(|s| s.join(" + "))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Ok(RuleKind::OnlyWhen(p, w)) if w.values.is_empty() => {
                format!("{p} only permitted with {}", w.param)
            }
            Ok(RuleKind::OnlyWhen(p, w)) => format!("{p} only permitted when {}", when(w)),
            Ok(RuleKind::RequiredWhen(p, w)) => format!("{p} required when {}", when(w)),
            Err(e) => e,
        }
    }
}

/// One LIST value.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListValue {
    /// The wire value.
    pub value: String,
    /// Its comment / description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// Requests that do not accept the value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub not_for: Vec<String>,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub note: Option<String>,
    /// Rust variant name (default: the value in UpperCamelCase).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub rust: Option<String>,
}

/// `[[object]]`: one JSON object of the v2 API.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ObjectSpec {
    /// Rust type name, unique in the file; fields refer to the object by it.
    pub rust: String,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// Where the object comes from, when not `[api].source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub source: Option<String>,
    /// The members, in wire order.
    #[serde(rename = "field")]
    pub fields: Vec<FieldSpec>,
}

/// `[[object.field]]`: one member of a JSON object.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// JSON member name (camelCase as the platform writes it).
    pub name: String,
    /// Whether the member must be present.
    pub required: Required,
    /// `OBJECT` (with `object`), `BOOLEAN`, or a parameter format (`CHAR(1..40)`, `NUMERIC(1..12)`,
    /// `LIST`, `TEXT`, ...).
    pub format: String,
    /// The nested object's `rust` name, for `format = "OBJECT"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub object: Option<String>,
    /// A JSON array of such values.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub array: bool,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
    /// Permitted symbols, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub symbols: Option<String>,
    /// Check digits a CHAR member's value must carry (`iban`: ISO 13616).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub checksum: Option<String>,
    /// LIST values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub values: Vec<ListValue>,
    /// LIST of a standard's codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub values_from: Option<String>,
    /// A LIST whose values the sources do not give: any non-empty text is accepted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub unlisted: bool,
    /// Bounds for numbers (`range = "0..999"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub range: Option<String>,
    /// Further prose.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub notes: Vec<String>,
    /// Never printed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[serde(default)]
    pub sensitive: bool,
    /// Where the member comes from, when not the object's or `[api].source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub source: Option<String>,
    /// Rust type name of a scalar member (default: the name in UpperCamelCase).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub rust: Option<String>,
}

/// `[[operation]]`: one HTTP operation of the v2 API.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    /// snake_case name (`create_payment`); the `request` column of `payone spec list`.
    pub name: String,
    /// Rust type name of the operation marker.
    pub rust: String,
    /// HTTP method.
    pub method: String,
    /// Path template below the host (`/v2/{merchantId}/payments`).
    pub path: String,
    /// The request body object; none for GET.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub request: Option<String>,
    /// The answer object on success; none when the platform answers without a body
    /// (`204 No Content`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub response: Option<String>,
    /// Further prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub doc: Option<String>,
}
