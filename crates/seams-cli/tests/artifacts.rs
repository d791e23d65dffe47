//! The API documents `seams evolve --emit openapi|asyncapi` prints are valid documents of their
//! specifications: each parses as JSON and validates against the official JSON Schema of its
//! spec (OpenAPI 3.1; AsyncAPI 3.0.0, bundled with its definitions so no `$ref` needs the
//! network), read from the npm packages that publish them (`tests/support/spec_schemas.rs`).
//! Checked on the seed example and on the gallery databases (freight, marketplace, clinic).
//! Broken copies of the emitted documents must
//! fail, so the schemas really constrain.

// Test code: a panic is how a test fails (the workspace lints deny these in the CLI itself).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/spec_schemas.rs"]
mod spec_schemas;

use jsonschema::Validator;
use serde_json::{json, Value};
use spec_schemas::{spec_schema, Spec};
use std::process::Command;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
const EXAMPLE_NAMES: [&str; 4] = ["seed", "freight", "marketplace", "clinic"];

/// An official schema compiled with its own `$schema` draft (2020-12 for OpenAPI, draft-07 for
/// AsyncAPI); format keywords are asserted so URIs and emails are checked too. `None` when
/// npm's packages are not installed.
fn validator(spec: Spec) -> Option<Validator> {
    let schema = spec_schema(spec)?;
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap(),
    )
}

/// Runs `seams evolve --emit <key>` on an example's schema and services; the parsed document.
fn emit(example: &str, key: &str) -> Value {
    emit_from(&format!("{EXAMPLES}{example}/"), key)
}

/// Runs `seams evolve --emit <key>` on the schema and services in folder `dir`.
fn emit_from(dir: &str, key: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_seams"))
        .args([
            "evolve",
            "--schema",
            &format!("{dir}schema.sql"),
            "--services",
            &format!("{dir}services.yaml"),
            "--emit",
            key,
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{dir} --emit {key}: {stderr}");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{dir} --emit {key} is not JSON: {e}"))
}

/// The validation errors of `document`, one line each with where they are.
fn errors(validator: &Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Every example's document for `key` validates; returns them for the negative checks.
fn check(key: &str, validator: &Validator) -> Vec<(&'static str, Value)> {
    EXAMPLE_NAMES
        .iter()
        .map(|&example| {
            let document = emit(example, key);
            let mut errors = errors(validator, &document);
            errors.extend(dangling_refs(&document, &document, ""));
            assert!(
                errors.is_empty(),
                "{example} {key}: {errors:#?}\n{document:#}"
            );
            (example, document)
        })
        .collect()
}

/// The local `$ref`s under `node` (at JSON pointer `at`) that point nowhere in `document`: the
/// spec schemas accept any string as a reference, so a typo'd component name would pass them.
fn dangling_refs(document: &Value, node: &Value, at: &str) -> Vec<String> {
    match node {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                let own = match (k.as_str(), v.as_str()) {
                    ("$ref", Some(target)) => match target.strip_prefix('#') {
                        Some(pointer) if document.pointer(pointer).is_none() => {
                            vec![format!("dangling $ref {target} at {here}")]
                        }
                        Some(_) => Vec::new(),
                        None => vec![format!("non-local $ref {target} at {here}")],
                    },
                    _ => Vec::new(),
                };
                own.into_iter()
                    .chain(dangling_refs(document, v, &here))
                    .collect::<Vec<_>>()
            })
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| dangling_refs(document, v, &format!("{at}/{i}")))
            .collect(),
        _ => Vec::new(),
    }
}

/// The first operation object of an OpenAPI document, as a JSON pointer.
fn first_openapi_operation(document: &Value) -> String {
    let (path, item) = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    let method = item
        .as_object()
        .unwrap()
        .keys()
        .find(|k| ["get", "put", "post", "delete", "patch"].contains(&k.as_str()))
        .unwrap();
    format!(
        "/paths/{}/{method}",
        path.replace('~', "~0").replace('/', "~1")
    )
}

#[test]
fn openapi_documents_validate_against_the_openapi_3_1_schema() {
    let Some(validator) = validator(Spec::OpenApi) else {
        return;
    };
    let documents = check("openapi", &validator);
    for (example, document) in documents {
        assert!(
            !document["paths"].as_object().unwrap().is_empty(),
            "{example}: no paths"
        );
        // The OpenAPI schema leaves Schema Objects unchecked ("without schema validation"):
        // the component schemas must be JSON Schema 2020-12 schemas themselves.
        for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
            assert!(
                jsonschema::draft202012::meta::is_valid(schema),
                "{example}: components/schemas/{name}"
            );
        }
        let mut broken = document.clone();
        broken["components"]["schemas"]
            .as_object_mut()
            .unwrap()
            .insert("Bad".into(), json!({ "type": "text" }));
        assert!(!jsonschema::draft202012::meta::is_valid(
            &broken["components"]["schemas"]["Bad"]
        ));
        // A reference to a missing component is caught.
        let mut broken = document.clone();
        broken["components"]["schemas"] = json!({});
        assert!(!dangling_refs(&broken, &broken, "").is_empty(), "{example}");
        // OpenAPI 3.1 makes an operation's `responses` optional, but a response needs its
        // description and a status key must be a code like `200` or `4XX`.
        let pointer = format!("{}/responses", first_openapi_operation(&document));
        let mut broken = document.clone();
        let responses = broken
            .pointer_mut(&pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        let (status, response) = responses.iter_mut().next().unwrap();
        let status = status.clone();
        assert!(response
            .as_object_mut()
            .unwrap()
            .remove("description")
            .is_some());
        assert!(
            !validator.is_valid(&broken),
            "{example}: {pointer}/{status}"
        );
        let mut broken = document.clone();
        let responses = broken
            .pointer_mut(&pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        let response = responses.remove(&status).unwrap();
        responses.insert("ok".into(), response);
        assert!(!validator.is_valid(&broken), "{example}: status ok");
        // Nor is a document of another major version, or one with an unknown top-level field.
        let mut broken = document.clone();
        broken["openapi"] = json!("2.0");
        assert!(!validator.is_valid(&broken), "{example}: openapi 2.0");
        let mut broken = document;
        broken["endpoints"] = json!({});
        assert!(!validator.is_valid(&broken), "{example}: extra field");
    }
}

#[test]
fn asyncapi_documents_validate_against_the_asyncapi_3_0_schema() {
    let Some(validator) = validator(Spec::AsyncApi) else {
        return;
    };
    let documents = check("asyncapi", &validator);
    for (example, document) in documents {
        let operations = document["operations"].as_object().unwrap();
        assert!(!operations.is_empty(), "{example}: no operations");
        // An operation neither sends nor receives.
        let name = operations.keys().next().unwrap().clone();
        let mut broken = document.clone();
        broken["operations"][&name]["action"] = json!("maybe");
        assert!(!validator.is_valid(&broken), "{example}: action maybe");
        // An operation must name its channel.
        let mut broken = document.clone();
        broken["operations"][&name]
            .as_object_mut()
            .unwrap()
            .remove("channel");
        assert!(!validator.is_valid(&broken), "{example}: no channel");
        // Only AsyncAPI 3.0.0 documents are described by this schema.
        let mut broken = document;
        broken["asyncapi"] = json!("2.6.0");
        assert!(!validator.is_valid(&broken), "{example}: asyncapi 2.6.0");
    }
}

/// The core's fixture with secret-named and `sensitive:` columns (issue 15): the schemas and
/// payloads that leave them out, with a `description` saying so, still validate.
#[test]
fn documents_that_leave_out_sensitive_columns_validate() {
    let (Some(openapi), Some(asyncapi)) = (validator(Spec::OpenApi), validator(Spec::AsyncApi))
    else {
        return;
    };
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../seams-core/tests/fixtures/secrets/"
    );
    for (key, validator) in [("openapi", &openapi), ("asyncapi", &asyncapi)] {
        let document = emit_from(dir, key);
        let errors = errors(validator, &document);
        assert!(errors.is_empty(), "{key}: {errors:#?}\n{document:#}");
        let text = document.to_string();
        assert!(text.contains("Left out, never copied"), "{key}: {text}");
        assert!(!text.contains("\"api_token\""), "{key}: {text}");
    }
}

#[test]
fn the_official_schemas_constrain() {
    // A compiled schema that accepted anything would make the tests above vacuous: check the
    // identities and that a minimal valid document of each spec passes while an empty one fails.
    let (Some(openapi), Some(asyncapi)) = (validator(Spec::OpenApi), validator(Spec::AsyncApi))
    else {
        return;
    };
    let minimal = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } } } } }
    });
    assert!(
        openapi.is_valid(&minimal),
        "{:#?}",
        errors(&openapi, &minimal)
    );
    assert!(!openapi.is_valid(&json!({})));
    let minimal = json!({
        "asyncapi": "3.0.0",
        "info": { "title": "t", "version": "1" },
        "channels": { "c": { "address": "c" } },
        "operations": { "o": { "action": "send", "channel": { "$ref": "#/channels/c" } } }
    });
    assert!(
        asyncapi.is_valid(&minimal),
        "{:#?}",
        errors(&asyncapi, &minimal)
    );
    assert!(!asyncapi.is_valid(&json!({})));
    for (spec, id) in [
        (
            Spec::OpenApi,
            "https://spec.openapis.org/oas/3.1/schema/2021-04-15",
        ),
        (
            Spec::AsyncApi,
            "http://asyncapi.com/definitions/3.0.0/asyncapi.json",
        ),
    ] {
        let schema = spec_schema(spec).unwrap();
        assert_eq!(schema["$id"], id, "{spec:?}");
    }
}
