//! The stage-3 artifact: endpoint sketches of every service API as one OpenAPI 3.1 document
//! (JSON). Each endpoint the stage's calls use is an operation; fields come from the table's
//! columns, path parameters from its primary key. The document is written straight to text in
//! serde_json's pretty layout with its keys in sorted order, the same bytes a `serde_json::Value`
//! would print, so the output is deterministic (`column_schema` stays a `Value` for AsyncAPI).

use super::endpoints::{self, EndpointKind, ReadEndpoint};
use super::naming;
use super::plan::{Plan, Resource};
use crate::model::Architecture;
use crate::model::Column;
use std::collections::BTreeMap;

/// The JSON Schema type (and format) of a column type as written.
fn column_kind(column: &Column) -> (&'static str, Option<&'static str>) {
    let lower = column.data_type.to_ascii_lowercase();
    let base = lower.split('(').next().unwrap_or_default().trim();
    match base {
        b if b.contains("int") || b.contains("serial") => ("integer", None),
        b if b.starts_with("bool") || b == "bit" => ("boolean", None),
        b if [
            "numeric", "decimal", "real", "float", "double", "money", "float4", "float8",
        ]
        .iter()
        .any(|n| b.starts_with(n)) =>
        {
            ("number", None)
        }
        b if b.starts_with("timestamp") || b.starts_with("datetime") => {
            ("string", Some("date-time"))
        }
        "date" => ("string", Some("date")),
        "uuid" | "uniqueidentifier" => ("string", Some("uuid")),
        "json" | "jsonb" => ("object", None),
        _ => ("string", None),
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// Splits `GET /users/{id}` into a lowercase method and a path starting with `/`.
fn split_endpoint(endpoint: &str) -> (String, String) {
    let trimmed = endpoint.trim();
    let (method, path) = match trimmed.split_once(char::is_whitespace) {
        Some((m, p)) if METHODS.contains(&m.to_ascii_lowercase().as_str()) => {
            (m.to_ascii_lowercase(), p.trim())
        }
        _ => ("get".to_string(), trimmed),
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    (method, path)
}

/// The `{param}` names in a path, in order.
fn path_params(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// Pretty-printed JSON written straight to text, in serde_json's pretty layout (two-space
/// indents, `"key": value`, `{}` and `[]` when empty). The OpenAPI document is written with it
/// rather than built as a `serde_json::Value`: building the tree cost the page's bundle 18 KB of
/// code. Keys are written in sorted order by the caller, as `Value`'s map would print them.
pub(crate) struct Pretty {
    pub(crate) out: String,
    /// The nesting depth the writer starts at (text rendered to be placed inside a document).
    base: usize,
    /// For each open object or array: whether it has no element yet.
    empty: Vec<bool>,
}

impl Pretty {
    pub(crate) fn new(base: usize) -> Self {
        Pretty {
            out: String::new(),
            base,
            empty: Vec::new(),
        }
    }

    pub(crate) fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    pub(crate) fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.empty.push(true);
    }

    pub(crate) fn close(&mut self, bracket: char) {
        if self.empty.pop() == Some(false) {
            self.out.push('\n');
            self.indent(self.base + self.empty.len());
        }
        self.out.push(bracket);
    }

    /// Starts the next element of the innermost object or array.
    pub(crate) fn next(&mut self) {
        if let Some(empty) = self.empty.last_mut() {
            self.out.push_str(if *empty { "\n" } else { ",\n" });
            *empty = false;
        }
        self.indent(self.base + self.empty.len());
    }

    pub(crate) fn key(&mut self, key: &str) {
        self.next();
        self.string(key);
        self.out.push_str(": ");
    }

    pub(crate) fn string(&mut self, text: &str) {
        crate::json_text::push_string(&mut self.out, text);
    }

    /// `"key": "text"`.
    pub(crate) fn field(&mut self, key: &str, text: &str) {
        self.key(key);
        self.string(text);
    }

    /// `"key": number`.
    pub(crate) fn number(&mut self, key: &str, value: u64) {
        self.key(key);
        self.out.push_str(&value.to_string());
    }

    /// A list of strings as the value of `key`.
    pub(crate) fn strings<'a>(&mut self, key: &str, items: impl IntoIterator<Item = &'a str>) {
        self.key(key);
        self.open('[');
        for item in items {
            self.next();
            self.string(item);
        }
        self.close(']');
    }
}

/// A schema the document refers to (always an object in the JSON).
enum Schema<'a> {
    /// `{"$ref": "#/components/schemas/Class"}`.
    Ref(&'a str),
    /// `{"type": "object"}`.
    Object,
    /// `{"items": …, "type": "array"}`.
    ArrayOf(&'a Schema<'a>),
    /// A path parameter: its key column's type, or a string.
    Param(Option<&'a Column>),
    /// A page size: `{"minimum": 1, "type": "integer"}`.
    Limit,
    /// A page of a list: `{"properties": {"items": [item…], "next": cursor or null}, …}`.
    Page(&'a Schema<'a>),
    /// The values of aggregates: each property's name and the column aggregated (a count is an
    /// integer, any other aggregate has its column's type, else a number).
    Aggregates(Vec<(&'a str, bool, Option<&'a Column>)>),
}

/// Writes a column's schema (`{"format": …, "type": …}`), `nullable` as given.
fn write_column(w: &mut Pretty, column: &Column, nullable: bool) {
    let (kind, format) = column_kind(column);
    w.open('{');
    if let Some(format) = format {
        w.field("format", format);
    }
    w.key("type");
    if nullable {
        w.open('[');
        w.next();
        w.string(kind);
        w.next();
        w.string("null");
        w.close(']');
    } else {
        w.string(kind);
    }
    w.close('}');
}

fn write_schema(w: &mut Pretty, schema: &Schema) {
    if let Schema::Param(Some(column)) = schema {
        write_column(w, column, false);
        return;
    }
    w.open('{');
    match schema {
        Schema::Ref(class) => w.field("$ref", &format!("#/components/schemas/{class}")),
        Schema::Object => w.field("type", "object"),
        Schema::ArrayOf(items) => {
            w.key("items");
            write_schema(w, items);
            w.field("type", "array");
        }
        Schema::Param(_) => w.field("type", "string"),
        Schema::Limit => {
            w.number("minimum", 1);
            w.field("type", "integer");
        }
        Schema::Page(items) => {
            w.key("properties");
            w.open('{');
            w.key("items");
            write_schema(w, &Schema::ArrayOf(items));
            w.key("next");
            w.open('{');
            w.field(
                "description",
                "The cursor of the next page (its `cursor` parameter); null on the last page.",
            );
            w.strings("type", ["string", "null"]);
            w.close('}');
            w.close('}');
            w.strings("required", ["items", "next"]);
            w.field("type", "object");
        }
        Schema::Aggregates(values) => {
            let mut sorted: Vec<&(&str, bool, Option<&Column>)> = values.iter().collect();
            crate::order::sort_by_key(&mut sorted, |(name, _, _)| *name);
            w.key("properties");
            w.open('{');
            for (name, count, column) in &sorted {
                w.key(name);
                match column {
                    Some(column) if !count => write_column(w, column, false),
                    _ => {
                        w.open('{');
                        w.field("type", if *count { "integer" } else { "number" });
                        w.close('}');
                    }
                }
            }
            w.close('}');
            w.strings("required", values.iter().map(|(name, _, _)| *name));
            w.field("type", "object");
        }
    }
    w.close('}');
}

/// `{"application/json": {"schema": …}}`.
fn write_content(w: &mut Pretty, schema: &Schema) {
    w.open('{');
    w.key("application/json");
    w.open('{');
    w.key("schema");
    write_schema(w, schema);
    w.close('}');
    w.close('}');
}

/// The component schema of a resource: its table's columns but the sensitive ones, which its
/// description names.
fn write_resource(w: &mut Pretty, arch: &Architecture, relation: &str) {
    let shared = arch
        .table(relation)
        .map(|t| super::secrets::shared(arch, t));
    let note = shared.as_ref().and_then(|s| s.note());
    write_columns(
        w,
        shared.as_ref().map(|s| s.columns.as_slice()),
        note.as_deref(),
    );
}

/// An object schema of `columns` (sorted by name, as JSON objects print), non-null ones required
/// in column order, `description` when there is a note; `{"type": "object"}` when there is no
/// table.
pub(super) fn write_columns(w: &mut Pretty, columns: Option<&[&Column]>, note: Option<&str>) {
    w.open('{');
    let Some(columns) = columns else {
        w.field("type", "object");
        w.close('}');
        return;
    };
    if let Some(note) = note {
        w.field("description", note);
    }
    // Each property's text, rendered at its depth, by column name (a later column of the same
    // name replaces an earlier one, as a JSON object keeps one).
    let depth = w.base + w.empty.len() + 1;
    let mut properties: BTreeMap<String, String> = BTreeMap::new();
    for c in columns {
        let mut p = Pretty::new(depth);
        write_column(&mut p, c, c.nullable);
        properties.insert(c.name.clone(), p.out);
    }
    w.key("properties");
    w.open('{');
    for (name, text) in &properties {
        w.key(name);
        w.out.push_str(text);
    }
    w.close('}');
    w.key("required");
    w.open('[');
    for c in columns.iter().filter(|c| !c.nullable) {
        w.next();
        w.string(&c.name);
    }
    w.close(']');
    w.field("type", "object");
    w.close('}');
}

/// One parameter object: `{"in": …, "name": …, "required": …, "schema": …}`.
fn write_parameter(
    w: &mut Pretty,
    (place, name): (&str, &str),
    description: Option<&str>,
    required: bool,
    schema: &Schema,
) {
    w.next();
    w.open('{');
    if let Some(description) = description {
        w.field("description", description);
    }
    w.field("in", place);
    w.field("name", name);
    w.key("required");
    w.out.push_str(if required { "true" } else { "false" });
    w.key("schema");
    write_schema(w, schema);
    w.close('}');
}

/// What one operation is about: the resource its path belongs to and, for an endpoint derived
/// from a read, that endpoint.
struct Target<'a> {
    resource: Option<&'a Resource>,
    derived: Option<&'a ReadEndpoint>,
}

/// One operation of the document, written at the depth of an operation (`paths` → path →
/// method). `body` is the resource's schema, or an object. `path` is the endpoint's path as the
/// architecture has it; the document may place it elsewhere ([`placed_paths`]), but its
/// parameters are the same.
fn write_operation(
    arch: &Architecture,
    method: &str,
    (path, placed): (&str, &str),
    target: &Target,
    service: &str,
) -> String {
    let resource = target.resource;
    let class = resource.map(|r| r.class.as_str());
    let body = match class {
        Some(class) => Schema::Ref(class),
        None => Schema::Object,
    };
    let page = Schema::Page(&body);
    let table = resource.and_then(|r| arch.table(&r.relation));
    let column_of = |name: &str| table.and_then(|t| t.columns.iter().find(|c| c.name == name));
    let is_list = match target.derived.map(|d| &d.kind) {
        Some(EndpointKind::List { .. }) => true,
        Some(_) => false,
        None => method == "get" && resource.is_some_and(|r| r.list_path() == path),
    };
    let aggregates = match target.derived.map(|d| &d.kind) {
        Some(EndpointKind::Aggregate(values)) => Some(Schema::Aggregates(
            values
                .iter()
                .map(|(name, function, column)| {
                    (
                        name.as_str(),
                        function == "count",
                        column.as_deref().and_then(column_of),
                    )
                })
                .collect(),
        )),
        _ => None,
    };
    let what = resource
        .map(|r| naming::display_table(arch, &r.relation))
        .unwrap_or_else(|| path.to_string());
    let (summary, status, response) = match (method, &aggregates) {
        ("get", Some(schema)) => {
            let names: Vec<String> = match target.derived.map(|d| &d.kind) {
                Some(EndpointKind::Aggregate(values)) => {
                    values.iter().map(|(n, _, _)| n.clone()).collect()
                }
                _ => Vec::new(),
            };
            let by: Vec<String> = target
                .derived
                .map(|d| d.path_params.iter().map(|p| p.name.clone()).collect())
                .unwrap_or_default();
            let by = if by.is_empty() {
                String::new()
            } else {
                format!(" by {}", naming::list(&by))
            };
            (
                format!("The {} of {what}{by}", naming::list(&names)),
                "200",
                Some(schema),
            )
        }
        ("get", None) if is_list => (format!("A page of {what}"), "200", Some(&page)),
        ("get", None) => (format!("Read one of {what}"), "200", Some(&body)),
        ("post", _) => (format!("Create in {what}"), "201", Some(&body)),
        ("put" | "patch", _) => (format!("Update one of {what}"), "200", Some(&body)),
        ("delete", _) => (format!("Delete one of {what}"), "204", None),
        _ => (
            format!("{} {path}", method.to_ascii_uppercase()),
            "200",
            None,
        ),
    };
    let mut w = Pretty::new(3);
    w.open('{');
    w.field(
        "operationId",
        &format!(
            "{method}_{}",
            naming::identifier(&placed.replace(['{', '}'], ""))
        ),
    );
    // The document's parameter names, each with the architecture path's name at its place
    // (they differ where the path took an earlier path's names).
    let written = path_params(path);
    let params: Vec<(String, String)> = path_params(placed)
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let own = written.get(i).cloned().unwrap_or_else(|| name.clone());
            (name, own)
        })
        .collect();
    let queries: &[endpoints::Param] = target.derived.map_or(&[], |d| &d.query_params);
    if !params.is_empty() || !queries.is_empty() || is_list {
        w.key("parameters");
        w.open('[');
        for (p, own) in &params {
            let column = match target.derived {
                Some(d) => d
                    .path_params
                    .iter()
                    .find(|param| &param.name == own)
                    .and_then(|param| param.columns.first())
                    .and_then(|c| column_of(c)),
                None => resource
                    .and_then(|r| r.params.iter().find(|(param, _)| param == own))
                    .and_then(|(_, col)| column_of(col)),
            };
            let compared = target
                .derived
                .and_then(|d| d.path_params.iter().find(|param| &param.name == own))
                .map(compared_with);
            let schema = Schema::Param(column);
            write_parameter(&mut w, ("path", p), compared.as_deref(), true, &schema);
        }
        for q in queries {
            let column = q.columns.first().and_then(|c| column_of(c));
            let compared = compared_with(q);
            let schema = Schema::Param(column);
            write_parameter(&mut w, ("query", &q.name), Some(&compared), true, &schema);
        }
        if is_list {
            let (limit, cursor) = (("query", "limit"), ("query", "cursor"));
            let size = Some("The most items a page holds.");
            write_parameter(&mut w, limit, size, false, &Schema::Limit);
            let after = Some("The `next` of the previous page; the first page without it.");
            write_parameter(&mut w, cursor, after, false, &Schema::Param(None));
        }
        w.close(']');
    }
    if matches!(method, "post" | "put" | "patch") {
        w.key("requestBody");
        w.open('{');
        w.key("content");
        write_content(&mut w, &body);
        w.key("required");
        w.out.push_str("true");
        w.close('}');
    }
    w.key("responses");
    w.open('{');
    w.key(status);
    w.open('{');
    if let Some(schema) = response {
        w.key("content");
        write_content(&mut w, schema);
    }
    w.field("description", &summary);
    w.close('}');
    w.close('}');
    w.field("summary", &summary);
    w.key("tags");
    w.open('[');
    w.next();
    w.string(service);
    w.close(']');
    w.close('}');
    w.out
}

/// A derived parameter's description: the columns the replaced query compared it with.
fn compared_with(param: &endpoints::Param) -> String {
    format!(
        "Compared with {} in the query it replaces.",
        naming::list(&param.columns)
    )
}

/// A path with every `{parameter}` written `{}`: OpenAPI 3.1 holds two templated paths of the
/// same hierarchy that differ only in their parameters' names to be the same path, and forbids
/// a document to hold both (`/transactions/{accountId}` and `/transactions/{transaction_id}`).
pub fn path_template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// The pairs of `paths` that OpenAPI 3.1 forbids in one document: different paths with the
/// same template ([`path_template`]). Empty for every document [`render`] writes.
pub fn colliding_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut first: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for path in paths {
        let template = path_template(path);
        match first.get(&template) {
            Some(earlier) if *earlier != path => out.push((earlier.to_string(), path.to_string())),
            Some(_) => {}
            None => {
                first.insert(template, path);
            }
        }
    }
    out
}

/// Where each `(service, path)` of the APIs goes in the one document, so that no two paths
/// collide ([`colliding_paths`]): a path keeps its place unless an earlier path (APIs in id
/// order) has its template; then, for the same service, it is the same route and takes the
/// earlier path's parameter names; for another service, it goes under `/<service>` (as a
/// gateway would route it), and further under a number if that is taken too.
fn placed_paths<'a>(
    endpoints: impl IntoIterator<Item = (&'a str, String)>,
) -> BTreeMap<(String, String), String> {
    // Template → (path placed, service).
    let mut taken: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut placed = BTreeMap::new();
    for (service, path) in endpoints {
        let key = (service.to_string(), path.clone());
        if placed.contains_key(&key) {
            continue;
        }
        let mut candidate = path.clone();
        let mut attempt = 1;
        let at = loop {
            match taken.get(&path_template(&candidate)) {
                None => break candidate,
                Some((earlier, owner)) if owner == service => break earlier.clone(),
                Some(_) => {
                    attempt += 1;
                    let prefix = naming::slug(crate::ident::id_name(service));
                    candidate = if attempt == 2 {
                        format!("/{prefix}{path}")
                    } else {
                        format!("/{prefix}-{attempt}{path}")
                    };
                }
            }
        };
        taken
            .entry(path_template(&at))
            .or_insert_with(|| (at.clone(), service.to_string()));
        placed.insert(key, at);
    }
    placed
}

/// Endpoints or schemas written between two pauses of [`render`].
const WRITTEN_BETWEEN_PAUSES: usize = 1_000;

/// The OpenAPI document of every API in `arch`, with resources from `plan`.
pub async fn render(arch: &Architecture, plan: &Plan) -> String {
    let mut stride = crate::pace::Stride::every(WRITTEN_BETWEEN_PAUSES);
    let mut by_path: BTreeMap<String, &Resource> = BTreeMap::new();
    for r in plan.resources.values() {
        by_path.insert(r.list_path(), r);
        if let Some(item) = r.item_path() {
            by_path.insert(item, r);
        }
    }
    // Component schemas (class → relation) and operations (`path\0method` → text, so they sort
    // by path, then method, as JSON objects print).
    let mut derived: BTreeMap<&str, &ReadEndpoint> = BTreeMap::new();
    for (_, endpoints) in &plan.read_endpoints {
        for e in endpoints {
            derived.entry(e.path()).or_insert(e);
        }
    }
    let placed = placed_paths(arch.apis.iter().flat_map(|api| {
        api.endpoints
            .iter()
            .map(move |e| (api.service.as_str(), split_endpoint(e).1))
    }));
    let mut schemas: BTreeMap<String, String> = BTreeMap::new();
    let mut operations: BTreeMap<String, String> = BTreeMap::new();
    let mut tags = Pretty::new(1);
    tags.open('[');
    for api in &arch.apis {
        let service = naming::service_name(arch, &api.service);
        let summary = arch
            .service(&api.service)
            .map(|s| s.summary.clone())
            .unwrap_or_default();
        tags.next();
        tags.open('{');
        tags.field("description", &summary);
        tags.field("name", &service);
        tags.close('}');
        for endpoint in &api.endpoints {
            stride.over(1).await;
            let (method, path) = split_endpoint(endpoint);
            let found = derived.get(path.as_str()).copied();
            let resource = found
                .and_then(|d| plan.resources.get(&d.relation))
                .or_else(|| by_path.get(&path).copied());
            if let Some(r) = resource {
                schemas.insert(r.class.clone(), r.relation.clone());
            }
            let target = Target {
                resource,
                derived: found.filter(|_| method == "get"),
            };
            let at = placed
                .get(&(api.service.clone(), path.clone()))
                .cloned()
                .unwrap_or_else(|| path.clone());
            let text = write_operation(arch, &method, (&path, &at), &target, &service);
            operations
                .entry(format!("{at}\u{0}{method}"))
                .or_insert(text);
        }
    }
    tags.close(']');
    let mut w = Pretty::new(0);
    w.open('{');
    w.key("components");
    w.open('{');
    w.key("schemas");
    w.open('{');
    for (class, relation) in &schemas {
        stride.over(1).await;
        w.key(class);
        write_resource(&mut w, arch, relation);
    }
    w.close('}');
    w.close('}');
    w.key("info");
    w.open('{');
    w.field("description", "Each service owns its tables; other services call these endpoints instead of reading or writing them.");
    w.field("title", "Service APIs (sketch generated by Seams)");
    w.field("version", "0.1.0");
    w.close('}');
    w.field("openapi", "3.1.0");
    w.key("paths");
    w.open('{');
    let mut open_path: Option<&str> = None;
    for (key, text) in &operations {
        let (path, method) = key.split_once('\u{0}').unwrap_or((key, ""));
        if open_path != Some(path) {
            if open_path.is_some() {
                w.close('}');
            }
            w.key(path);
            w.open('{');
            open_path = Some(path);
        }
        w.key(method);
        w.out.push_str(text);
    }
    if open_path.is_some() {
        w.close('}');
    }
    w.close('}');
    w.key("tags");
    w.out.push_str(&tags.out);
    w.close('}');
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_split_into_method_and_path() {
        assert_eq!(
            split_endpoint("GET /users/{id}"),
            ("get".into(), "/users/{id}".into())
        );
        assert_eq!(split_endpoint("users"), ("get".into(), "/users".into()));
        assert_eq!(
            path_params("/a/{x}/b/{y}"),
            vec!["x".to_string(), "y".to_string()]
        );
    }
}
