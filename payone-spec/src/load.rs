//! Reading spec files and checking them: every problem of a file is reported at once, each
//! naming the file and the row.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::format::{Format, Symbols, ValueRange};
use crate::model::{
    ApiInfo, Group, ObjectSpec, OperationSpec, ParamSpec, RequestSpec, Required, RuleKind,
    RuleSpec, SpecFile,
};

/// The platforms in the order files are read and listed.
pub const APIS: &[&str] = &["frontend", "client", "server", "directlink", "v2"];

/// The tables of `spec/` as built into this crate, for tools that run outside the repository:
/// each file's path below `spec/` and its text. A platform split over page files
/// (`server/...`) has every file listed, `api.toml` first.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("frontend.toml", include_str!("../spec/frontend.toml")),
    ("client.toml", include_str!("../spec/client.toml")),
    ("server/api.toml", include_str!("../spec/server/api.toml")),
    (
        "server/common.toml",
        include_str!("../spec/server/common.toml"),
    ),
    (
        "server/methods/cc.toml",
        include_str!("../spec/server/methods/cc.toml"),
    ),
    (
        "server/methods/cod.toml",
        include_str!("../spec/server/methods/cod.toml"),
    ),
    (
        "server/methods/csh.toml",
        include_str!("../spec/server/methods/csh.toml"),
    ),
    (
        "server/methods/elv.toml",
        include_str!("../spec/server/methods/elv.toml"),
    ),
    (
        "server/methods/fnc.toml",
        include_str!("../spec/server/methods/fnc.toml"),
    ),
    (
        "server/methods/rec.toml",
        include_str!("../spec/server/methods/rec.toml"),
    ),
    (
        "server/methods/sb.toml",
        include_str!("../spec/server/methods/sb.toml"),
    ),
    (
        "server/methods/wlt.toml",
        include_str!("../spec/server/methods/wlt.toml"),
    ),
    (
        "server/requests/3dscheck.toml",
        include_str!("../spec/server/requests/3dscheck.toml"),
    ),
    (
        "server/requests/addresscheck.toml",
        include_str!("../spec/server/requests/addresscheck.toml"),
    ),
    (
        "server/requests/authorization.toml",
        include_str!("../spec/server/requests/authorization.toml"),
    ),
    (
        "server/requests/capture.toml",
        include_str!("../spec/server/requests/capture.toml"),
    ),
    (
        "server/requests/consumerscore.toml",
        include_str!("../spec/server/requests/consumerscore.toml"),
    ),
    (
        "server/requests/createaccess.toml",
        include_str!("../spec/server/requests/createaccess.toml"),
    ),
    (
        "server/requests/debit.toml",
        include_str!("../spec/server/requests/debit.toml"),
    ),
    (
        "server/requests/genericpayment.toml",
        include_str!("../spec/server/requests/genericpayment.toml"),
    ),
    (
        "server/requests/getfile.toml",
        include_str!("../spec/server/requests/getfile.toml"),
    ),
    (
        "server/requests/getinvoice.toml",
        include_str!("../spec/server/requests/getinvoice.toml"),
    ),
    (
        "server/requests/getuser.toml",
        include_str!("../spec/server/requests/getuser.toml"),
    ),
    (
        "server/requests/managemandate.toml",
        include_str!("../spec/server/requests/managemandate.toml"),
    ),
    (
        "server/requests/preauthorization.toml",
        include_str!("../spec/server/requests/preauthorization.toml"),
    ),
    (
        "server/requests/refund.toml",
        include_str!("../spec/server/requests/refund.toml"),
    ),
    (
        "server/requests/updateaccess.toml",
        include_str!("../spec/server/requests/updateaccess.toml"),
    ),
    (
        "server/requests/updatereminder.toml",
        include_str!("../spec/server/requests/updatereminder.toml"),
    ),
    (
        "server/requests/updateuser.toml",
        include_str!("../spec/server/requests/updateuser.toml"),
    ),
    (
        "server/requests/vauthorization.toml",
        include_str!("../spec/server/requests/vauthorization.toml"),
    ),
    ("directlink.toml", include_str!("../spec/directlink.toml")),
    ("v2/api.toml", include_str!("../spec/v2/api.toml")),
    ("v2/errors.toml", include_str!("../spec/v2/errors.toml")),
    (
        "v2/hostedcheckout.toml",
        include_str!("../spec/v2/hostedcheckout.toml"),
    ),
    (
        "v2/hostedtokenization.toml",
        include_str!("../spec/v2/hostedtokenization.toml"),
    ),
    ("v2/lists.toml", include_str!("../spec/v2/lists.toml")),
    ("v2/mandates.toml", include_str!("../spec/v2/mandates.toml")),
    (
        "v2/paymentlinks.toml",
        include_str!("../spec/v2/paymentlinks.toml"),
    ),
    ("v2/payments.toml", include_str!("../spec/v2/payments.toml")),
    ("v2/products.toml", include_str!("../spec/v2/products.toml")),
    ("v2/services.toml", include_str!("../spec/v2/services.toml")),
    ("v2/sessions.toml", include_str!("../spec/v2/sessions.toml")),
    ("v2/tokens.toml", include_str!("../spec/v2/tokens.toml")),
    ("v2/webhooks.toml", include_str!("../spec/v2/webhooks.toml")),
];

/// Standards a LIST may take its values from.
pub const STANDARDS: &[&str] = &[
    "ISO 4217",
    "ISO 3166-1 alpha-2",
    "ISO 639-1",
    "ISO 639-1 (any case)",
];

/// Problems found in spec files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<String>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for SpecErrors {}

/// A checked spec file.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where it was read from.
    pub origin: String,
    /// The parsed file.
    pub file: SpecFile,
    /// Whether the platform is split over page files: a request's rows then come in the order of
    /// its `groups` (each group's rows in file order), since no single page gives the order.
    pub split: bool,
}

/// One row as a request carries it: the request's overrides applied.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The row.
    pub param: &'a ParamSpec,
    /// Its group.
    pub group: &'a Group,
    /// Required for this request.
    pub required: Required,
    /// UsedInHash for this request.
    pub hash: bool,
}

impl Spec {
    /// Parses and checks one file's text.
    pub fn parse(origin: &str, text: &str) -> Result<Spec, SpecErrors> {
        Spec::parse_parts(origin, &[(origin.to_owned(), text.to_owned())])
    }

    /// Parses and checks a platform whose tables are split over several files (`spec/server/`:
    /// one file per documentation page). Exactly one part holds `[api]`; the others hold groups,
    /// requests and rows, merged in the order given. Rows with `like` take their definition from
    /// the row they name (see [`ParamSpec::like`]).
    pub fn parse_parts(origin: &str, parts: &[(String, String)]) -> Result<Spec, SpecErrors> {
        let mut errors = Vec::new();
        let mut api: Option<ApiInfo> = None;
        let mut merged = Part::default();
        for (name, text) in parts {
            let part: Part = match toml::from_str(text) {
                Ok(part) => part,
                Err(e) => {
                    errors.push(format!("{name}: {}", e.to_string().trim_end()));
                    continue;
                }
            };
            match (&api, part.api) {
                (Some(_), Some(_)) => errors.push(format!("{name}: a second `[api]` table")),
                (None, Some(info)) => api = Some(info),
                _ => {}
            }
            merged.groups.extend(part.groups);
            merged.requests.extend(part.requests);
            merged.params.extend(part.params);
            merged.rules.extend(part.rules);
            merged.objects.extend(part.objects);
            merged.operations.extend(part.operations);
        }
        if !errors.is_empty() {
            return Err(SpecErrors(errors));
        }
        let Some(api) = api else {
            return Err(SpecErrors(vec![format!("{origin}: no `[api]` table")]));
        };
        let mut file = SpecFile {
            api,
            groups: merged.groups,
            requests: merged.requests,
            params: merged.params,
            rules: merged.rules,
            objects: merged.objects,
            operations: merged.operations,
        };
        errors.extend(
            resolve_likes(&mut file.params)
                .into_iter()
                .map(|e| format!("{origin}: {e}")),
        );
        let spec = Spec {
            origin: origin.to_owned(),
            file,
            split: parts.len() > 1,
        };
        errors.extend(spec.problems());
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(SpecErrors(errors))
        }
    }

    /// The platform name.
    pub fn api(&self) -> &str {
        &self.file.api.name
    }

    /// The group with `id`.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.file.groups.iter().find(|g| g.id == id)
    }

    /// The groups `req` carries: its own, then the sub-type blocks nested in them (a block
    /// selected by a parameter that one of its blocks has, such as the iDEAL block selected by
    /// `onlinebanktransfertype` of the online bank transfer block).
    pub fn request_groups<'a>(&'a self, req: &'a RequestSpec) -> Vec<&'a str> {
        let mut groups: Vec<&str> = req.groups.iter().map(String::as_str).collect();
        let mut i = 0;
        while i < groups.len() {
            let carrier = groups[i];
            if self.group(carrier).is_some_and(|g| g.selected_by.is_some()) {
                for g in &self.file.groups {
                    let Some(sel) = &g.selected_by else { continue };
                    let nested = self
                        .file
                        .params
                        .iter()
                        .any(|p| p.group == carrier && p.name == sel.param);
                    if nested && !groups.contains(&g.id.as_str()) {
                        groups.push(&g.id);
                    }
                }
            }
            i += 1;
        }
        groups
    }

    /// The rows of request `name` in page order, overrides applied, excluded rows left out.
    pub fn rows(&self, request: &str) -> Vec<Row<'_>> {
        let Some(req) = self.file.requests.iter().find(|r| r.name == request) else {
            return Vec::new();
        };
        let groups = self.request_groups(req);
        let mut params: Vec<&ParamSpec> = self.file.params.iter().collect();
        if self.split {
            params.sort_by_key(|p| groups.iter().position(|g| *g == p.group));
        }
        params
            .into_iter()
            .filter(|p| groups.contains(&p.group.as_str()) && !req.exclude.contains(&p.name))
            .filter_map(|p| {
                let group = self.group(&p.group)?;
                let mut required = p.required;
                if req.required.contains(&p.name) {
                    required = Required::Yes;
                }
                if req.optional.contains(&p.name) {
                    required = Required::No;
                }
                let hash = match &req.hash {
                    Some(list) => list.contains(&p.name),
                    None => p.hash,
                };
                Some(Row {
                    param: p,
                    group,
                    required,
                    hash,
                })
            })
            .collect()
    }

    fn problems(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let mut err = |what: String| errors.push(format!("{}: {what}", self.origin));
        let f = &self.file;
        if !APIS.contains(&f.api.name.as_str()) {
            err(format!(
                "[api] name `{}` is not one of {}",
                f.api.name,
                APIS.join(", ")
            ));
        }
        for (i, g) in f.groups.iter().enumerate() {
            if f.groups[..i].iter().any(|o| o.id == g.id) {
                err(format!("group `{}` is declared twice", g.id));
            }
            if g.mandatory && g.selected_by.is_none() {
                err(format!(
                    "group `{}` is `mandatory` but no block (`selected_by`)",
                    g.id
                ));
            }
            if g.selected_by.is_some() && g.array.is_some() {
                err(format!(
                    "group `{}` is both an array and a selected block",
                    g.id
                ));
            }
            if let Some(array) = g.array
                && array.max == 0
            {
                err(format!("group `{}`: array max must be at least 1", g.id));
            }
        }
        // A block is sent together with the group whose row selects it: within one request the
        // two must not both have a row of the same name (it would go on the wire twice).
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for req in &f.requests {
            let groups = self.request_groups(req);
            for g in groups.iter().filter_map(|id| self.group(id)) {
                let Some(sel) = &g.selected_by else { continue };
                for parent in groups.iter().filter(|id| **id != g.id) {
                    let selects = f
                        .params
                        .iter()
                        .any(|p| p.name == sel.param && p.group == *parent);
                    if selects && !pairs.contains(&(parent, g.id.as_str())) {
                        pairs.push((parent, &g.id));
                    }
                }
            }
        }
        for (parent, block) in pairs {
            let Some(sel) = self.group(block).and_then(|g| g.selected_by.as_ref()) else {
                continue;
            };
            for row in f.params.iter().filter(|p| p.group == block) {
                if f.params
                    .iter()
                    .any(|o| o.group == parent && o.name == row.name)
                {
                    err(format!(
                        "param `{}` is in block `{block}` and in block `{parent}`, whose `{}` selects it; keep it in one of them",
                        row.name, sel.param
                    ));
                }
            }
        }
        for (i, p) in f.params.iter().enumerate() {
            let at = format!("param `{}` (group `{}`)", p.name, p.group);
            if f.params[..i]
                .iter()
                .any(|o| o.name == p.name && o.group == p.group)
            {
                err(format!("{at} is declared twice in its group"));
            }
            if self.group(&p.group).is_none() {
                err(format!("{at}: unknown group"));
            }
            if p.format.is_empty() {
                // A `like` row whose definition was not found is reported by `resolve_likes`.
                if p.like.is_none() {
                    err(format!(
                        "{at}: no `format` (or `like` naming the group whose row defines it)"
                    ));
                }
                continue;
            }
            match Format::parse(&p.format) {
                Err(e) => err(format!("{at}: format `{}`: {e}", p.format)),
                Ok(Format::List) => {
                    // `request` lists the file's requests; an `unlisted` LIST has no values on
                    // the page; every other LIST has exactly one source of values.
                    let sources = usize::from(!p.values.is_empty())
                        + usize::from(p.values_from.is_some())
                        + usize::from(p.unlisted);
                    if p.name != "request" && sources != 1 {
                        err(format!(
                            "{at}: a LIST takes exactly one of `values`, `values_from`, `unlisted = true`"
                        ));
                    }
                }
                Ok(format) => {
                    if !p.values.is_empty() || p.values_from.is_some() || p.unlisted {
                        err(format!(
                            "{at}: `values`, `values_from` and `unlisted` belong to LIST formats only"
                        ));
                    }
                    if p.symbols.is_some() && !matches!(format, Format::Char(_)) {
                        err(format!(
                            "{at}: permitted symbols apply to CHAR formats only"
                        ));
                    }
                    if p.checksum.is_some() && !matches!(format, Format::Char(_)) {
                        err(format!("{at}: `checksum` applies to CHAR formats only"));
                    }
                    if p.repr.is_some() && !matches!(format, Format::Numeric(_)) {
                        err(format!("{at}: `repr` applies to NUMERIC formats only"));
                    }
                }
            }
            if p.repeat {
                if p.required == Required::Yes {
                    err(format!(
                        "{at}: a `repeat` parameter is not required (it may be sent zero times)"
                    ));
                }
                if self.group(&p.group).is_some_and(|g| g.array.is_some()) {
                    err(format!(
                        "{at}: a `repeat` parameter cannot be in an array group"
                    ));
                }
            }
            if let Some(checksum) = &p.checksum
                && checksum != "iban"
            {
                err(format!(
                    "{at}: checksum `{checksum}`: the only check digit scheme is `iban` (ISO 13616)"
                ));
            }
            if let Some(symbols) = &p.symbols
                && let Err(e) = Symbols::parse(symbols)
            {
                err(format!("{at}: symbols `{symbols}`: {e}"));
            }
            if let Some(range) = &p.range
                && let Err(e) = ValueRange::parse(range)
            {
                err(format!("{at}: range `{range}`: {e}"));
            }
            if let Some(repr) = &p.repr
                && repr != "digits"
            {
                err(format!("{at}: repr `{repr}` is not `digits`"));
            }
            if let Some(standard) = &p.values_from
                && !STANDARDS.contains(&standard.as_str())
            {
                err(format!(
                    "{at}: values_from `{standard}` is not one of {}",
                    STANDARDS.join(", ")
                ));
            }
            for (j, v) in p.values.iter().enumerate() {
                if p.values[..j].iter().any(|o| o.value == v.value) {
                    err(format!("{at}: value `{}` is listed twice", v.value));
                }
                for r in &v.not_for {
                    if !f.requests.iter().any(|q| &q.name == r) {
                        err(format!(
                            "{at}: value `{}`: not_for names unknown request `{r}`",
                            v.value
                        ));
                    }
                }
            }
        }
        for (i, r) in f.requests.iter().enumerate() {
            let at = format!("request `{}`", r.name);
            if f.requests[..i].iter().any(|o| o.name == r.name) {
                err(format!("{at} is declared twice"));
            }
            for g in &r.groups {
                if self.group(g).is_none() {
                    err(format!("{at}: unknown group `{g}`"));
                }
            }
            let all_groups = self.request_groups(r);
            let carried = |name: &str| {
                f.params
                    .iter()
                    .any(|p| p.name == name && all_groups.contains(&p.group.as_str()))
            };
            let lists = [
                ("exclude", &r.exclude),
                ("required", &r.required),
                ("optional", &r.optional),
            ];
            for (key, names) in lists
                .into_iter()
                .chain(r.hash.as_ref().map(|h| ("hash", h)))
            {
                for name in names {
                    if !carried(name) {
                        err(format!(
                            "{at}: {key} names `{name}`, which none of its groups has"
                        ));
                    }
                }
            }
            if !r.exclude.is_empty() && r.exclude_note.is_none() {
                err(format!(
                    "{at}: `exclude` needs an `exclude_note` saying why"
                ));
            }
            if r.hash.is_some() && r.hash_source.is_none() {
                err(format!("{at}: `hash` needs a `hash_source`"));
            }
            let rows = self.rows(&r.name);
            for (j, row) in rows.iter().enumerate() {
                let clash = rows[..j].iter().find(|o| {
                    o.param.name == row.param.name
                        && o.group.array.is_some() == row.group.array.is_some()
                });
                if let Some(other) = clash
                    && (other.group.selected_by.is_none() || row.group.selected_by.is_none())
                {
                    err(format!(
                        "{at}: `{}` comes from groups `{}` and `{}`; only payment-method blocks may share a name",
                        row.param.name, other.group.id, row.group.id
                    ));
                }
            }
            for g in all_groups.iter().filter_map(|g| self.group(g)) {
                let Some(sel) = &g.selected_by else { continue };
                let selector = rows.iter().find(|row| row.param.name == sel.param);
                match selector {
                    None => err(format!(
                        "{at}: group `{}` is selected by `{}`, which the request does not carry",
                        g.id, sel.param
                    )),
                    Some(row) if !row.param.values.iter().any(|v| v.value == sel.value) => {
                        err(format!(
                            "{at}: group `{}` is selected by `{}={}`, which is not one of its values",
                            g.id, sel.param, sel.value
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        errors.extend(
            self.rule_problems()
                .into_iter()
                .map(|e| format!("{}: {e}", self.origin)),
        );
        errors.extend(
            crate::objects::problems(f)
                .into_iter()
                .map(|e| format!("{}: {e}", self.origin)),
        );
        errors
    }
}

impl Spec {
    /// The requests rule `rule` applies to: its `requests`, or every request carrying its group.
    pub fn rule_requests<'a>(&'a self, rule: &'a RuleSpec) -> Vec<&'a RequestSpec> {
        self.file
            .requests
            .iter()
            .filter(|r| rule.requests.is_empty() || rule.requests.contains(&r.name))
            .filter(|r| self.request_groups(r).contains(&rule.group.as_str()))
            .collect()
    }

    /// The rules that apply to request `name`, in table order.
    pub fn request_rules(&self, name: &str) -> Vec<&RuleSpec> {
        self.file
            .rules
            .iter()
            .filter(|rule| self.rule_requests(rule).iter().any(|r| r.name == name))
            .collect()
    }

    fn rule_problems(&self) -> Vec<String> {
        let mut errors = Vec::new();
        for (i, rule) in self.file.rules.iter().enumerate() {
            let at = format!("rule `{}`", rule.id);
            let mut err = |what: String| errors.push(format!("{at}: {what}"));
            let snake = !rule.id.is_empty()
                && rule
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && rule.id.starts_with(|c: char| c.is_ascii_lowercase());
            if !snake {
                err("the id must be snake_case".to_owned());
            }
            if self.file.rules[..i].iter().any(|o| o.id == rule.id) {
                err("a second rule with this id".to_owned());
            }
            if rule.doc.trim().is_empty() || rule.source.trim().is_empty() {
                err("`doc` and `source` must not be empty".to_owned());
            }
            let kind = match rule.kind() {
                Ok(kind) => kind,
                Err(e) => {
                    err(e);
                    continue;
                }
            };
            match kind {
                RuleKind::AnyOf(names) if names.len() < 2 => {
                    err("`any_of` names at least two parameters".to_owned())
                }
                RuleKind::OneOf(sets) if sets.len() < 2 || sets.iter().any(Vec::is_empty) => {
                    err("`one_of` gives at least two non-empty sets".to_owned())
                }
                _ => {}
            }
            let Some(group) = self.group(&rule.group) else {
                err(format!("no group `{}`", rule.group));
                continue;
            };
            if group.array.is_some() {
                err(format!(
                    "group `{}` is an array; rules are about single parameters",
                    group.id
                ));
            }
            for name in &rule.requests {
                match self.file.requests.iter().find(|r| &r.name == name) {
                    None => err(format!("no request `{name}`")),
                    Some(r) if !self.request_groups(r).contains(&rule.group.as_str()) => err(
                        format!("request `{name}` does not carry group `{}`", rule.group),
                    ),
                    Some(_) => {}
                }
            }
            let requests = self.rule_requests(rule);
            if requests.is_empty() {
                err("applies to no request".to_owned());
            }
            for req in requests {
                let rows = self.rows(&req.name);
                for name in rule.params() {
                    let row = rows
                        .iter()
                        .find(|r| r.param.name == name && r.group.array.is_none());
                    if row.is_none() {
                        err(format!(
                            "request `{}` has no single (non-array) parameter `{name}`",
                            req.name
                        ));
                    }
                }
                let when = match kind {
                    RuleKind::OnlyWhen(_, w) | RuleKind::RequiredWhen(_, w) => w,
                    _ => continue,
                };
                let listed = rows
                    .iter()
                    .find(|r| r.param.name == when.param)
                    .filter(|r| !r.param.values.is_empty());
                if let Some(row) = listed {
                    for value in &when.values {
                        if !row.param.values.iter().any(|v| &v.value == value) {
                            err(format!(
                                "`{value}` is not a value of `{}` in request `{}`",
                                when.param, req.name
                            ));
                        }
                    }
                }
            }
        }
        errors
    }
}

/// One file of a platform directory: any of a spec file's tables, `[api]` in one of them.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    #[serde(default)]
    api: Option<ApiInfo>,
    #[serde(default, rename = "group")]
    groups: Vec<Group>,
    #[serde(default, rename = "request")]
    requests: Vec<RequestSpec>,
    #[serde(default, rename = "param")]
    params: Vec<ParamSpec>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
    #[serde(default, rename = "object")]
    objects: Vec<ObjectSpec>,
    #[serde(default, rename = "operation")]
    operations: Vec<OperationSpec>,
}

/// Fills every row that has `like` from the row of the same name in the named group. The row
/// keeps its own Required, UsedInHash, source and notes; definition keys it leaves out come from
/// the defining row. A defining row must itself define (no chains), so that a maintainer finds
/// the definition in one step.
fn resolve_likes(params: &mut [ParamSpec]) -> Vec<String> {
    let mut errors = Vec::new();
    for i in 0..params.len() {
        let Some(like) = params[i].like.clone() else {
            continue;
        };
        let at = format!("param `{}` (group `{}`)", params[i].name, params[i].group);
        let found = params
            .iter()
            .position(|d| d.name == params[i].name && d.group == like);
        let Some(d) = found else {
            errors.push(format!(
                "{at}: like `{like}`, but group `{like}` has no row `{}`",
                params[i].name
            ));
            continue;
        };
        if params[d].like.is_some() {
            errors.push(format!(
                "{at}: like `{like}`, whose row is itself a `like` row; name the defining group"
            ));
            continue;
        }
        let def = params[d].clone();
        let row = &mut params[i];
        if row.format.is_empty() {
            row.format = def.format;
        }
        row.doc = row.doc.take().or(def.doc);
        row.symbols = row.symbols.take().or(def.symbols);
        row.checksum = row.checksum.take().or(def.checksum);
        if row.values.is_empty() {
            row.values = def.values;
        }
        row.values_from = row.values_from.take().or(def.values_from);
        row.unlisted |= def.unlisted;
        row.range = row.range.take().or(def.range);
        row.sensitive |= def.sensitive;
        row.repr = row.repr.take().or(def.repr);
        row.rust = row.rust.take().or(def.rust);
        row.source = row.source.take().or(def.source);
    }
    errors
}

/// The files of a platform directory, `api.toml` first, then every other `*.toml` below it in
/// path order, each with its path relative to `dir`'s parent (`server/methods/elv.toml`).
fn platform_parts(dir: &Path) -> Result<Vec<(String, String)>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "api.toml"), p.clone()));
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

/// Whether `dir` is one platform split over files (it has an `api.toml`).
pub fn is_platform_dir(dir: &Path) -> bool {
    dir.join("api.toml").is_file()
}

/// Reads one platform split over the files of `dir` (see [`Spec::parse_parts`]).
pub fn load_platform_dir(dir: &Path) -> Result<Spec, SpecErrors> {
    let parts = platform_parts(dir).map_err(|e| SpecErrors(vec![e]))?;
    Spec::parse_parts(&dir.display().to_string(), &parts)
}

/// Reads every `<api>.toml` (or `<api>/` directory of page files) of `dir` that exists, in
/// [`APIS`] order.
pub fn load_dir(dir: &Path) -> Result<Vec<Spec>, SpecErrors> {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for api in APIS {
        let split = dir.join(api);
        if is_platform_dir(&split) {
            match load_platform_dir(&split) {
                Ok(spec) => specs.push(spec),
                Err(e) => errors.extend(e.0),
            }
            continue;
        }
        let path: PathBuf = dir.join(format!("{api}.toml"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        match Spec::parse(&path.display().to_string(), &text) {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.extend(e.0),
        }
    }
    if specs.is_empty() && errors.is_empty() {
        errors.push(format!(
            "{}: no spec files ({}.toml)",
            dir.display(),
            APIS.join(".toml, ")
        ));
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(SpecErrors(errors))
    }
}

/// The tables built into this crate.
pub fn load_embedded() -> Result<Vec<Spec>, SpecErrors> {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < EMBEDDED.len() {
        let (name, text) = EMBEDDED[i];
        let result = match name.split_once('/') {
            None => {
                i += 1;
                Spec::parse(&format!("spec/{name}"), text)
            }
            Some((platform, _)) => {
                let prefix = format!("{platform}/");
                let parts: Vec<(String, String)> = EMBEDDED[i..]
                    .iter()
                    .take_while(|(n, _)| n.starts_with(&prefix))
                    .map(|(n, t)| (format!("spec/{n}"), (*t).to_owned()))
                    .collect();
                i += parts.len();
                Spec::parse_parts(&format!("spec/{platform}"), &parts)
            }
        };
        match result {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.extend(e.0),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(SpecErrors(errors))
    }
}
