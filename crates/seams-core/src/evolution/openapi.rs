//! The stage-3 artifact: endpoint sketches of every service API as one OpenAPI 3.1 document
//! (JSON). Each endpoint the stage's calls use is an operation; fields come from the table's
//! columns, path parameters from its primary key. The document is written straight to text in
//! serde_json's pretty layout with its keys in sorted order, the same bytes a `serde_json::Value`
//! would print, so the output is deterministic (`column_schema` stays a `Value` for AsyncAPI).

use super::naming;
use super::plan::{Plan, Resource};
use crate::model::Architecture;
use crate::model::Column;
use std::collections::BTreeMap;

/// The JSON Schema type (and format) of a column type as written.
fn column_kind(column: &Column) -> (&'static str, Option<&'static str>) {
    let lower = column.data_type.to_lowercase();
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
        Some((m, p)) if METHODS.contains(&m.to_lowercase().as_str()) => {
            (m.to_lowercase(), p.trim())
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

/// The component schema of a resource: its table's columns.
fn write_resource(w: &mut Pretty, arch: &Architecture, relation: &str) {
    let columns: Option<Vec<&Column>> = arch.table(relation).map(|t| t.columns.iter().collect());
    write_columns(w, columns.as_deref());
}

/// An object schema of `columns` (sorted by name, as JSON objects print), non-null ones required
/// in column order; `{"type": "object"}` when there is no table.
pub(super) fn write_columns(w: &mut Pretty, columns: Option<&[&Column]>) {
    w.open('{');
    let Some(columns) = columns else {
        w.field("type", "object");
        w.close('}');
        return;
    };
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

/// One operation of the document, written at the depth of an operation (`paths` → path →
/// method). `body` is the resource's schema, or an object.
fn write_operation(
    arch: &Architecture,
    method: &str,
    path: &str,
    resource: Option<&Resource>,
    service: &str,
) -> String {
    let class = resource.map(|r| r.class.as_str());
    let body = match class {
        Some(class) => Schema::Ref(class),
        None => Schema::Object,
    };
    let list = Schema::ArrayOf(&body);
    let is_list = resource.is_some_and(|r| r.list_path() == path);
    let what = resource
        .map(|r| naming::display_table(arch, &r.relation))
        .unwrap_or_else(|| path.to_string());
    let (summary, status, response) = match method {
        "get" if is_list => (format!("List {what}"), "200", Some(&list)),
        "get" => (format!("Read one of {what}"), "200", Some(&body)),
        "post" => (format!("Create in {what}"), "201", Some(&body)),
        "put" | "patch" => (format!("Update one of {what}"), "200", Some(&body)),
        "delete" => (format!("Delete one of {what}"), "204", None),
        _ => (format!("{} {path}", method.to_uppercase()), "200", None),
    };
    let table = resource.and_then(|r| arch.table(&r.relation));
    let mut w = Pretty::new(3);
    w.open('{');
    w.field(
        "operationId",
        &format!(
            "{method}_{}",
            naming::identifier(&path.replace(['{', '}'], ""))
        ),
    );
    let params = path_params(path);
    if !params.is_empty() {
        w.key("parameters");
        w.open('[');
        for p in &params {
            let column = resource
                .and_then(|r| r.params.iter().find(|(param, _)| param == p))
                .and_then(|(_, col)| table.and_then(|t| t.columns.iter().find(|c| &c.name == col)));
            w.next();
            w.open('{');
            w.field("in", "path");
            w.field("name", p);
            w.key("required");
            w.out.push_str("true");
            w.key("schema");
            write_schema(&mut w, &Schema::Param(column));
            w.close('}');
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

/// The OpenAPI document of every API in `arch`, with resources from `plan`.
pub fn render(arch: &Architecture, plan: &Plan) -> String {
    let mut by_path: BTreeMap<String, &Resource> = BTreeMap::new();
    for r in plan.resources.values() {
        by_path.insert(r.list_path(), r);
        if let Some(item) = r.item_path() {
            by_path.insert(item, r);
        }
    }
    // Component schemas (class → relation) and operations (`path\0method` → text, so they sort
    // by path, then method, as JSON objects print).
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
            let (method, path) = split_endpoint(endpoint);
            let resource = by_path.get(&path).copied();
            if let Some(r) = resource {
                schemas.insert(r.class.clone(), r.relation.clone());
            }
            let text = write_operation(arch, &method, &path, resource, &service);
            operations.insert(format!("{path}\u{0}{method}"), text);
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
