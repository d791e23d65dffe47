//! The stage-3 artifact: endpoint sketches of every service API as one OpenAPI 3.1 document
//! (JSON). Each endpoint the stage's calls use is an operation; fields come from the table's
//! columns, path parameters from its primary key. Keys are sorted (serde_json's map), so the
//! output is deterministic.

use super::naming;
use super::plan::{Plan, Resource};
use crate::model::Architecture;
use crate::model::Column;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The JSON Schema of a column type as written (`integer` → `{"type": "integer"}`); nullable
/// columns also allow `null` (OpenAPI 3.1 is JSON Schema 2020-12).
pub fn column_schema(column: &Column) -> Value {
    let lower = column.data_type.to_lowercase();
    let base = lower.split('(').next().unwrap_or_default().trim();
    let (kind, format) = match base {
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
    };
    let mut schema = Map::new();
    if column.nullable {
        schema.insert("type".into(), json!([kind, "null"]));
    } else {
        schema.insert("type".into(), json!(kind));
    }
    if let Some(format) = format {
        schema.insert("format".into(), json!(format));
    }
    Value::Object(schema)
}

/// The object schema of a resource: its table's columns, non-null ones required.
pub fn resource_schema(arch: &Architecture, relation: &str) -> Value {
    let Some(table) = arch.table(relation) else {
        return json!({"type": "object"});
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for c in &table.columns {
        properties.insert(c.name.clone(), column_schema(c));
        if !c.nullable {
            required.push(json!(c.name));
        }
    }
    json!({"type": "object", "properties": properties, "required": required})
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

/// The OpenAPI document of every API in `arch`, with resources from `plan`.
pub fn render(arch: &Architecture, plan: &Plan) -> String {
    let mut by_path: BTreeMap<String, &Resource> = BTreeMap::new();
    for r in plan.resources.values() {
        by_path.insert(r.list_path(), r);
        if let Some(item) = r.item_path() {
            by_path.insert(item, r);
        }
    }
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut schemas = Map::new();
    let mut tags = Vec::new();
    for api in &arch.apis {
        let service = naming::service_name(arch, &api.service);
        let summary = arch
            .service(&api.service)
            .map(|s| s.summary.clone())
            .unwrap_or_default();
        tags.push(json!({"name": service, "description": summary}));
        for endpoint in &api.endpoints {
            let (method, path) = split_endpoint(endpoint);
            let resource = by_path.get(&path).copied();
            let schema_ref = resource.map(|r| {
                schemas.insert(r.class.clone(), resource_schema(arch, &r.relation));
                json!({"$ref": format!("#/components/schemas/{}", r.class)})
            });
            let body = schema_ref
                .clone()
                .unwrap_or_else(|| json!({"type": "object"}));
            let is_list = resource.is_some_and(|r| r.list_path() == path);
            let what = resource
                .map(|r| naming::display_table(arch, &r.relation))
                .unwrap_or_else(|| path.clone());
            let parameters: Vec<Value> = path_params(&path)
                .into_iter()
                .map(|p| {
                    let column = resource
                        .and_then(|r| r.params.iter().find(|(param, _)| *param == p))
                        .and_then(|(_, col)| {
                            arch.table(&resource.map(|r| r.relation.clone()).unwrap_or_default())
                                .and_then(|t| t.columns.iter().find(|c| &c.name == col).cloned())
                        });
                    let schema = column
                        .map(|mut c| {
                            c.nullable = false;
                            column_schema(&c)
                        })
                        .unwrap_or_else(|| json!({"type": "string"}));
                    json!({"name": p, "in": "path", "required": true, "schema": schema})
                })
                .collect();
            let (summary, status, response_schema) = match method.as_str() {
                "get" if is_list => (
                    format!("List {what}"),
                    "200",
                    Some(json!({"type": "array", "items": body.clone()})),
                ),
                "get" => (format!("Read one of {what}"), "200", Some(body.clone())),
                "post" => (format!("Create in {what}"), "201", Some(body.clone())),
                "put" | "patch" => (format!("Update one of {what}"), "200", Some(body.clone())),
                "delete" => (format!("Delete one of {what}"), "204", None),
                _ => (format!("{} {path}", method.to_uppercase()), "200", None),
            };
            let mut response = Map::new();
            response.insert("description".into(), json!(summary.clone()));
            if let Some(schema) = response_schema {
                response.insert(
                    "content".into(),
                    json!({"application/json": {"schema": schema}}),
                );
            }
            let mut operation = Map::new();
            operation.insert(
                "operationId".into(),
                json!(format!(
                    "{}_{}",
                    method,
                    naming::identifier(&path.replace(['{', '}'], ""))
                )),
            );
            operation.insert("tags".into(), json!([service]));
            operation.insert("summary".into(), json!(summary));
            if !parameters.is_empty() {
                operation.insert("parameters".into(), Value::Array(parameters));
            }
            if matches!(method.as_str(), "post" | "put" | "patch") {
                operation.insert(
                    "requestBody".into(),
                    json!({"required": true, "content": {"application/json": {"schema": body}}}),
                );
            }
            let mut responses = Map::new();
            responses.insert(status.to_string(), Value::Object(response));
            operation.insert("responses".into(), Value::Object(responses));
            paths
                .entry(path)
                .or_default()
                .insert(method, Value::Object(operation));
        }
    }
    let paths: Map<String, Value> = paths
        .into_iter()
        .map(|(p, ops)| (p, Value::Object(ops)))
        .collect();
    let document = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Service APIs (sketch generated by Seams)",
            "version": "0.1.0",
            "description": "Each service owns its tables; other services call these endpoints instead of reading or writing them."
        },
        "tags": tags,
        "paths": paths,
        "components": {"schemas": schemas},
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
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
