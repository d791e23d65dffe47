//! `seams check` end to end: the binary's JSON validates against `schemas/check.schema.json`, its
//! SARIF against the official SARIF 2.1.0 schema (read from the npm package that publishes it:
//! `tests/support/spec_schemas.rs`), and `--min-score` sets the exit code. The rich cases build
//! the model from its serde form.

// Test code: a panic is how a test fails (the workspace lints deny these in the CLI itself).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/spec_schemas.rs"]
mod spec_schemas;

use seams_core::report;
use seams_core::{Architecture, Diagnostic, Pane, Source, Sources, Span};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check_schema() -> Value {
    load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/check.schema.json"
    ))
}

/// The official SARIF 2.1.0 schema, or `None` when npm's packages are not installed.
fn sarif_schema() -> Option<Value> {
    spec_schemas::spec_schema(spec_schemas::Spec::Sarif)
}

/// Asserts `instance` is valid under `schema`, listing every error otherwise.
fn assert_valid(schema: &Value, instance: &Value) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{instance:#}");
}

fn span(line: u32) -> Value {
    json!({"pane": "services", "line": line, "column": 3})
}

fn access(table: &str, line: u32) -> Value {
    json!({"table": table, "span": span(line), "from_query": false})
}

fn service(name: &str, line: u32, reads: Vec<Value>, writes: Vec<Value>) -> Value {
    json!({
        "id": format!("service:{name}"), "name": name, "summary": "",
        "reads": reads, "writes": writes, "calls": [], "publishes": [],
        "subscribes": [], "databases": ["db:main"], "span": span(line),
    })
}

fn table(name: &str, line: u32, fks: Vec<Value>) -> Value {
    json!({
        "id": format!("table:{name}"), "schema": null, "name": name,
        "columns": [{"name": "id", "data_type": "integer", "nullable": false, "default": null}],
        "primary_key": ["id"], "foreign_keys": fks,
        "span": {"pane": "schema", "line": line, "column": 1}, "recovered": false,
    })
}

/// The seed example (App A reads users; App B reads and writes users and messages) plus a
/// foreign key, as a model value.
fn seed() -> Architecture {
    let fk = json!({"columns": ["user_id"], "references": "table:users", "ref_columns": ["id"],
        "span": {"pane": "schema", "line": 9, "column": 1}});
    serde_json::from_value(json!({
        "dialect": "postgres", "dialect_reason": "test",
        "databases": [{"id": "db:main", "name": "main", "host": null,
            "tables": ["table:messages", "table:users"]}],
        "tables": [table("messages", 6, vec![fk]), table("users", 1, vec![])],
        "views": [],
        "services": [
            service("app-a", 2, vec![access("table:users", 4)], vec![]),
            service("app-b", 6, vec![access("table:messages", 8), access("table:users", 8)],
                vec![access("table:messages", 9), access("table:users", 9)]),
        ],
        "topics": [], "apis": [], "ownership": {}, "roles": [], "grants": [], "models": [],
        "schema_stats": {"statements": 0, "parsed": 0, "recovered": 0, "skipped": 0, "failed": 0},
        "diagnostics": [],
    }))
    .unwrap()
}

#[test]
fn seed_json_validates_and_names_the_findings() {
    let value = report::check_value(&seed());
    assert_valid(&check_schema(), &value);
    let rules: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"foreign-read"), "{rules:?}");
    assert!(rules.contains(&"shared-database"), "{rules:?}");
    assert_eq!(
        value["owners"]["table:users"]["services"][0],
        "service:app-b"
    );
    // Stores: each table's database, each service's databases, each database's services.
    assert_eq!(value["tables"][1]["database"], "db:main");
    assert_eq!(value["tables"][1]["kind"], "table");
    assert_eq!(value["services"][0]["databases"], json!(["db:main"]));
    assert_eq!(
        value["databases"][0]["services"],
        json!(["service:app-a", "service:app-b"])
    );
    assert_eq!(value["databases"][0]["kind"], Value::Null);
    // The schema really constrains: a missing score or an unknown rule fails.
    let validator = jsonschema::validator_for(&check_schema()).unwrap();
    let mut broken = value.clone();
    broken.as_object_mut().unwrap().remove("score");
    assert!(!validator.is_valid(&broken));
    let mut broken = value.clone();
    broken["findings"][0]["rule"] = json!("made-up");
    assert!(!validator.is_valid(&broken));
    let mut broken = value;
    broken["databases"][0]["kind"] = json!("cassandra");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn seed_sarif_validates_against_sarif_2_1_0() {
    let mut arch = seed();
    let file = |pane, name: &str| Source {
        pane,
        start: 1,
        first_line: 1,
        name: name.into(),
    };
    arch.sources = Sources::new(vec![
        file(Pane::Schema, "schema.sql"),
        file(Pane::Services, "services.yaml"),
    ]);
    arch.diagnostics.push(Diagnostic::warning(
        Span::new(Pane::Schema, 2, 1),
        "a warning",
    ));
    arch.accepted.push(seams_core::model::Acceptance {
        rule: "shared-database".into(),
        elements: vec!["db:main".into()],
        reason: "one instance for now".into(),
        span: Span::new(Pane::Services, 12, 5),
    });
    let sarif = report::check_sarif(&arch);
    let value: Value = serde_json::from_str(&sarif).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "input"));
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1, "{results:#?}");
    assert_eq!(suppressed[0]["ruleId"], "shared-database");
    assert_eq!(
        suppressed[0]["suppressions"][0],
        json!({"kind": "external", "justification": "one instance for now"})
    );
    let Some(schema) = sarif_schema() else { return };
    assert_valid(&schema, &value);
    // The schema really constrains: a broken document fails, and so does a bad suppression.
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&json!({"version": "2.1.0", "runs": [{"results": []}]})));
    let mut broken = value.clone();
    for result in broken["runs"][0]["results"].as_array_mut().unwrap() {
        if result.get("suppressions").is_some() {
            result["suppressions"][0]["kind"] = json!("waved");
        }
    }
    assert!(!validator.is_valid(&broken));
}

/// Every diagnostic and finding points at the file and line the user wrote, in text, JSON and
/// SARIF, and an accepted finding is apart in each.
#[test]
fn reports_point_at_the_files_and_keep_accepted_findings_apart() {
    let files = Files::new("sources");
    let a = files.write(
        "a.sql",
        "CREATE TABLE orders (id int PRIMARY KEY);\nCREATE TABLE payments (id int PRIMARY KEY);\n",
    );
    let b = files.write("b.sql", "-- second file\nCREATE TABLE ledger (id int;\n");
    let s = files.write(
        "services.yaml",
        "version: 1\nservices:\n  orders:\n    writes: [orders]\n    calls: [payments]\n  \
         payments:\n    writes: [payments]\n    reads: [orders, ledgr]\naccept:\n  - rule: \
         call-cycle\n    elements: [orders, payments]\n    reason: the callback is by design\n  \
         - rule: shared-write\n    elements: [orders]\n    reason: stale\n",
    );
    let args = |format| {
        vec![
            "check",
            "--schema",
            &a,
            &b,
            "--services",
            &s,
            "--format",
            format,
        ]
    };
    let (_, json_out) = seams(&args("json"));
    let value: Value = serde_json::from_str(&json_out).unwrap();
    assert_valid(&check_schema(), &value);
    let diagnostics: Vec<(String, u64, String)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let file = file.rsplit('/').next().unwrap().to_string();
            (
                file,
                d["line"].as_u64().unwrap(),
                d["pane"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The unclosed parenthesis is on line 2 of b.sql (line 4 of the schema pane); the unknown
    // table and the stale `accept` in services.yaml.
    assert!(
        diagnostics.contains(&("b.sql".into(), 2, "schema".into())),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics.contains(&("services.yaml".into(), 8, "services".into())),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics.contains(&("services.yaml".into(), 13, "services".into())),
        "{diagnostics:?}"
    );
    let accepted = value["accepted"].as_array().unwrap();
    assert_eq!(accepted.len(), 1, "{accepted:#?}");
    assert_eq!(accepted[0]["rule"], "call-cycle");
    assert_eq!(accepted[0]["reason"], "the callback is by design");
    assert!(value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "call-cycle"));

    let (_, sarif_out) = seams(&args("sarif"));
    let sarif: Value = serde_json::from_str(&sarif_out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let input_at: Vec<(String, u64)> = results
        .iter()
        .filter(|r| r["ruleId"] == "input")
        .map(|r| {
            let l = &r["locations"][0]["physicalLocation"];
            let uri = l["artifactLocation"]["uri"].as_str().unwrap();
            (
                uri.rsplit('/').next().unwrap().to_string(),
                l["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(input_at.contains(&("b.sql".into(), 2)), "{input_at:?}");
    let cycle = results
        .iter()
        .find(|r| r["ruleId"] == "call-cycle")
        .unwrap();
    assert_eq!(
        cycle["suppressions"][0]["justification"],
        "the callback is by design"
    );
    if let Some(schema) = sarif_schema() {
        assert_valid(&schema, &sarif);
    }

    let (_, text) = seams(&args("text"));
    assert!(text.contains("b.sql:2:"), "{text}");
    assert!(text.contains("1 accepted (not scored):"), "{text}");
    assert!(
        text.contains("accepted: the callback is by design"),
        "{text}"
    );
}

struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("seams-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Files { dir }
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Files {
    /// `seams check --schema s.sql --models MODELS… --format json` run in this folder.
    fn check_json(&self, models: &[&str]) -> Value {
        let out = Command::new(env!("CARGO_BIN_EXE_seams"))
            .args(["check", "--schema", "s.sql", "--models"])
            .args(models)
            .args(["--format", "json"])
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn seams(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_seams"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn binary_json_and_sarif_validate_and_min_score_sets_the_exit_code() {
    let files = Files::new("check");
    let a = files.write("a.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
    let b = files.write("b.sql", "CREATE TABLE messages (id int PRIMARY KEY);\n");
    let s = files.write(
        "services.yaml",
        "version: 1\nservices:\n  app-a:\n    reads: [users]\n",
    );
    let (code, json_out) = seams(&[
        "check",
        "--schema",
        &a,
        &b,
        "--services",
        &s,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&json_out).unwrap();
    assert_valid(&check_schema(), &value);

    let (code, sarif_out) = seams(&["check", "--schema", &a, "--format", "sarif"]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&sarif_out).unwrap();
    if let Some(schema) = sarif_schema() {
        assert_valid(&schema, &value);
    }

    let overall = seams_core::score::score(&seams_core::ingest(seams_core::Inputs {
        schema: "CREATE TABLE users (id int PRIMARY KEY);\n",
        ..Default::default()
    }))
    .overall;
    let at = overall.to_string();
    let (code, _) = seams(&["check", "--schema", &a, "--min-score", &at]);
    assert_eq!(code, 0);
    if overall < 100 {
        let above = (overall + 1).to_string();
        let (code, _) = seams(&["check", "--schema", &a, "--min-score", &above]);
        assert_eq!(code, 1);
    }
    let (code, _) = seams(&["check", "--schema", &a, "--min-score", "101"]);
    assert_eq!(code, 2);
    let (code, text) = seams(&["check", "--schema", &a]);
    assert_eq!(code, 0);
    assert!(text.contains("score") && !text.contains('\u{1b}'), "{text}");
}

/// `seams check … | head -1`: a reader that stops reading is no error. The pipe's reading end
/// is closed before the command starts, so its first write fails with EPIPE every time.
#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    let files = Files::new("pipe");
    let a = files.write("a.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
    for args in [
        vec!["check", "--schema", &a],
        vec!["check", "--schema", &a, "--format", "json"],
        vec!["evolve", "--schema", &a],
        vec!["evolve", "--schema", &a, "--format", "json"],
        vec!["render", "--schema", &a],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_seams"))
            .args(&args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// `--schema /dev/zero` stops at the pane limit instead of reading for ever.
#[test]
fn an_endless_input_is_refused_at_the_pane_limit() {
    let out = Command::new(env!("CARGO_BIN_EXE_seams"))
        .args(["check", "--schema", "/dev/zero"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "seams: /dev/zero: {}",
            seams_core::ingest::too_large(seams_core::Pane::Schema)
        )
    );
}

/// A file one byte over the cap is refused with the words of the page's diagnostic on a pane
/// over the cap (one function in the core writes both); so are files that only pass it together.
#[test]
fn inputs_over_the_pane_cap_are_refused_with_the_pages_words() {
    use seams_core::ingest::{ingest, too_large, Inputs, MAX_PANE_BYTES};
    use seams_core::Pane;
    let dir = std::env::temp_dir().join(format!("seams-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let line = "-- filler\n";
    let over = line.repeat(MAX_PANE_BYTES / line.len() + 1);
    let half = line.repeat(MAX_PANE_BYTES / line.len() / 2 + 1);
    let (big, a, b) = (dir.join("big.sql"), dir.join("a.sql"), dir.join("b.sql"));
    std::fs::write(&big, &over).unwrap();
    std::fs::write(&a, &half).unwrap();
    std::fs::write(&b, &half).unwrap();
    let run = |args: &[&std::path::Path], flag: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_seams"));
        command.arg("check");
        if flag != "--schema" {
            command.args(["--schema", a.to_str().unwrap()]);
        }
        command.arg(flag).args(args);
        let out = command.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).trim_end().to_string()
    };
    let page = ingest(Inputs {
        schema: &over,
        ..Default::default()
    });
    let said = &page.diagnostics[0].message;
    assert!(said.starts_with(&too_large(Pane::Schema)), "{said}");
    assert_eq!(
        run(&[&big], "--schema"),
        format!("seams: {}: {}", big.display(), too_large(Pane::Schema))
    );
    assert_eq!(
        run(&[&big], "--services"),
        format!("seams: {}: {}", big.display(), too_large(Pane::Services))
    );
    assert_eq!(
        run(&[&a, &b], "--schema"),
        format!(
            "seams: {}, {}: {}",
            a.display(),
            b.display(),
            too_large(Pane::Schema)
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--schema NAME=FILE` puts a file's tables in database NAME; lines still point into the file.
#[test]
fn named_schema_files_are_databases() {
    let files = Files::new("named");
    let a = files.write("a.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
    let b = files.write(
        "b.sql",
        "-- the ledger\n\nCREATE TABLE users (id int PRIMARY KEY);\n",
    );
    let s = files.write(
        "services.yaml",
        "version: 1\nservices:\n  ledger:\n    database: ledger-db\n    reads: [users]\n  accounts:\n    database: accounts-db\n    reads: [users]\n",
    );
    let accounts = format!("accounts-db={a}");
    let ledger = format!("ledger-db={b}");
    let args = [
        "check",
        "--schema",
        &accounts,
        &ledger,
        "--services",
        &s,
        "--format",
    ];
    let (code, json_out) = seams(&[&args[..], &["json"]].concat());
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&json_out).unwrap();
    assert_valid(&check_schema(), &value);
    let placed: Vec<(&str, &str)> = value["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["database"].as_str().unwrap()))
        .collect();
    assert_eq!(
        placed,
        [
            ("table:accounts-db.\"\".users", "db:accounts-db"),
            ("table:ledger-db.\"\".users", "db:ledger-db"),
        ]
    );
    let (code, sarif_out) = seams(&[&args[..], &["sarif"]].concat());
    assert_eq!(code, 0);
    let sarif: Value = serde_json::from_str(&sarif_out).unwrap();
    let locations: Vec<(String, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["locations"].as_array().unwrap().iter())
        .map(|l| {
            let physical = &l["physicalLocation"];
            (
                physical["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                physical["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        locations
            .iter()
            .any(|(uri, line)| uri.ends_with("b.sql") && *line == 3),
        "{locations:?}"
    );
    assert!(
        locations
            .iter()
            .any(|(uri, line)| uri.ends_with("a.sql") && *line == 1),
        "{locations:?}"
    );
}

/// A model file that starts with a licence comment still gets its path as a header: it is not
/// merged into the file before it, so two services modelling one table are a duplicate.
#[test]
fn a_licence_first_model_file_keeps_its_own_service() {
    let files = Files::new("licence");
    std::fs::create_dir_all(files.dir.join("ledger")).unwrap();
    std::fs::create_dir_all(files.dir.join("accounts")).unwrap();
    files.write("s.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
    let model = "# Copyright 2020 Example Corp\n\nclass A(Base):\n    __tablename__ = 'a'\n    id = Column(Integer, primary_key=True)\n";
    files.write("ledger/a.py", model);
    files.write("accounts/a.py", model);
    let value = files.check_json(&["ledger/a.py", "accounts/a.py"]);
    let rules: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"duplicated-model"), "{value:#}");
}

/// `--models SERVICE=FILE` names the service of a file whose path would name another: two
/// copies of one entity at paths that say nothing (`a/Entity.java`, `b/Entity.java`) become the
/// models of `ledgerwriter` and `balancereader`, one duplicated model between them.
#[test]
fn models_may_name_their_service() {
    let files = Files::new("model-service");
    std::fs::create_dir_all(files.dir.join("a")).unwrap();
    std::fs::create_dir_all(files.dir.join("b")).unwrap();
    files.write(
        "s.sql",
        "CREATE TABLE transactions (transaction_id bigint PRIMARY KEY, amount int);\n",
    );
    let entity = "// Copyright 2020 Example Corp\npackage bank;\n\n@Entity\n@Table(name = \"transactions\")\npublic class Transaction {\n    @Id\n    @Column(name = \"transaction_id\")\n    private long transactionId;\n    @Column(name = \"amount\")\n    private int amount;\n}\n";
    files.write("a/Transaction.java", entity);
    files.write("b/Transaction.java", entity);
    let value = files.check_json(&[
        "ledgerwriter=a/Transaction.java",
        "balancereader=b/Transaction.java",
    ]);
    let duplicated: Vec<&Value> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "duplicated-model")
        .collect();
    assert_eq!(duplicated.len(), 1, "{value:#}");
    let elements = duplicated[0]["elements"].to_string();
    assert!(
        elements.contains("service:ledgerwriter") && elements.contains("service:balancereader"),
        "{elements}"
    );
    // A file's location is still its own path and line.
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .all(|d| d["file"].as_str().is_none_or(|f| !f.contains('='))),
        "{diagnostics:?}"
    );
}
