//! Read models and payloads without secrets (issue 15): a shop whose `customers` table holds
//! columns named like secrets and one marked `sensitive:` (`tests/fixtures/secrets/`, written
//! for Seams). No artifact of any stage copies them (the stage-1 model library maps the table
//! the services already map, so it keeps them); read models carry what their reader reads; the
//! owner's existing topic is reused.

use seams_core::pipeline::{self, Analysis};
use seams_core::Inputs;

const SCHEMA: &str = include_str!("../fixtures/secrets/schema.sql");
const SERVICES: &str = include_str!("../fixtures/secrets/services.yaml");
const MODELS: &str = include_str!("../fixtures/secrets/models.py");

/// The columns no artifact may copy: named like secrets, and marked `sensitive:`.
const SECRET_COLUMNS: [&str; 5] = [
    "passwordHash",
    "password_salt",
    "api_token",
    "card_number",
    "tax_ref",
];

fn analyze(services: &str) -> Analysis {
    crate::run::analyze(SCHEMA, services, MODELS)
}

/// The lines of an artifact that copy data: not the notes that say what was left out (SQL
/// comments, JSON `description`s).
fn copying_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            let l = l.trim_start();
            !l.starts_with("--") && !l.starts_with("\"description\":")
        })
        .collect()
}

#[test]
fn no_artifact_of_any_stage_copies_a_sensitive_column() {
    let analysis = analyze(SERVICES);
    let marked: Vec<(&str, &str)> = analysis
        .architecture
        .sensitive
        .iter()
        .map(|s| (s.table.as_str(), s.column.as_str()))
        .collect();
    assert_eq!(marked, [("table:customers", "tax_ref")]);
    assert!(
        analysis
            .architecture
            .diagnostics
            .iter()
            .all(|d| d.span.pane != seams_core::source::Pane::Services
                || d.severity != seams_core::diagnostic::Severity::Warning),
        "{:#?}",
        analysis.architecture.diagnostics
    );
    let mut seen = Vec::new();
    for view in &analysis.stages {
        for artifact in &view.stage.artifacts {
            seen.push(artifact.key);
            if artifact.key == "models" {
                continue;
            }
            for line in copying_lines(&artifact.content) {
                let lower = line.to_lowercase();
                for column in SECRET_COLUMNS {
                    assert!(
                        !lower.contains(&column.to_lowercase()),
                        "stage {} {} copies {column}: {line}",
                        view.stage.index,
                        artifact.key
                    );
                }
            }
        }
    }
    for key in ["openapi", "asyncapi", "read-models"] {
        assert!(seen.contains(&key), "{key} not emitted: {seen:?}");
    }
    // Nor does any read model of the stage-4 architecture (its table view).
    let last = analysis.stages.last().unwrap();
    for table in last
        .stage
        .architecture
        .tables
        .iter()
        .filter(|t| t.name.ends_with("_read"))
    {
        for column in &table.columns {
            assert!(
                !SECRET_COLUMNS.contains(&column.name.as_str()),
                "{} keeps {}",
                table.id,
                column.name
            );
        }
    }
}

#[test]
fn each_artifact_says_what_it_left_out_and_why() {
    let analysis = analyze(SERVICES);
    let artifact = |stage: usize, key: &str| {
        analysis.stages[stage]
            .stage
            .artifacts
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.content.clone())
            .unwrap()
    };
    // Artifacts count what they leave out and say why, without spelling the columns' names
    // (a grep for a secret column finds nothing); the narrative names them.
    let openapi = artifact(3, "openapi");
    assert!(
        openapi.contains("4 columns whose names say they hold secrets and 1 column marked sensitive in the services file"),
        "{openapi}"
    );
    assert!(!openapi.contains("passwordHash") && !openapi.contains("tax_ref"));
    let asyncapi = artifact(4, "asyncapi");
    assert!(
        asyncapi.contains("whose names say they hold secrets"),
        "{asyncapi}"
    );
    assert!(!asyncapi.contains("card_number"));
    let read_models = artifact(4, "read-models");
    assert!(read_models.contains("-- Left out, never copied out of its owner's table: "));
    let narrative = analysis.stages[4].stage.narrative.join("\n");
    assert!(
        narrative.contains("card_number (its name says it holds a card number)"),
        "{narrative}"
    );
    // Look-alikes are kept: a count of tokens, a word that holds the letters of `ssn`.
    assert!(
        read_models.contains("\"tokens_used\" integer"),
        "{read_models}"
    );
    assert!(read_models.contains("\"assessment\" text"));
}

#[test]
fn read_models_carry_what_their_reader_reads_when_known() {
    let analysis = analyze(SERVICES);
    let last = &analysis.stages[4].stage.architecture;
    let columns = |id: &str| -> Vec<String> {
        last.table(id)
            .unwrap_or_else(|| panic!("no {id}"))
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    // orders models customers (id, display_name, email): only those, the key included.
    assert_eq!(
        columns("table:orders.customers_read"),
        ["id", "email", "display_name"]
    );
    // support has no model of it: every column not left out.
    assert_eq!(
        columns("table:support.customers_read"),
        ["id", "email", "display_name", "tokens_used", "assessment"]
    );
    let read_models = analysis.stages[4]
        .stage
        .artifacts
        .iter()
        .find(|a| a.key == "read-models")
        .unwrap();
    assert!(read_models.content.contains(
        "-- Only the columns orders reads (its model in orders/models/customer.py) and the key; \
         not read, so not copied: tokens_used, assessment."
    ));
    assert!(read_models
        .content
        .contains("-- Which columns support reads is not known"));
}

#[test]
fn the_owners_existing_topic_is_reused() {
    let analysis = analyze(SERVICES);
    let stage = &analysis.stages[4].stage;
    let topics: Vec<&str> = stage
        .architecture
        .topics
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert!(topics.contains(&"customer-events"), "{topics:?}");
    assert!(
        !topics.iter().any(|t| t.starts_with("customer.")),
        "{topics:?}"
    );
    assert!(
        stage.narrative.iter().any(|l| l.contains(
            "accounts already publishes customer-events, which is reused rather than a new event invented"
        )),
        "{:#?}",
        stage.narrative
    );
    // Tables with no such topic still get theirs.
    assert!(topics.contains(&"order.created"), "{topics:?}");
}

#[test]
fn unknown_sensitive_names_are_warned_with_the_nearest_one() {
    let services = SERVICES.replace(
        "sensitive: [customers.tax_ref]",
        "sensitive: [customers.tax_rf, custmers.email, tax_ref]",
    );
    let analysis = analyze(&services);
    let messages: Vec<String> = analysis
        .architecture
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
        .collect();
    let expected = [
        "2:13 `customers` has no column `tax_rf` (did you mean `tax_ref`?); `customers.tax_rf` in `sensitive` is ignored",
        "2:31 unknown table `custmers` in `sensitive` (did you mean `customers`?); `custmers.email` is ignored",
        "2:47 `tax_ref` in `sensitive` should name a column as `table.column`; it is ignored",
    ];
    for line in expected {
        assert!(messages.iter().any(|m| m == line), "{line}\n{messages:#?}");
    }
    assert!(analysis.architecture.sensitive.is_empty());
}

#[test]
fn a_read_model_carries_the_columns_its_readers_queries_name() {
    let services = "version: 1
sensitive: [customers.tax_ref]
services:
  accounts:
    owns: [customers]
    writes: [customers]
  support:
    queries:
      - SELECT c.id, c.email FROM customers c WHERE c.display_name = $1
      - SELECT COUNT(*) FROM customers WHERE tokens_used > 3
  audit:
    queries: [SELECT * FROM customers]
";
    let analysis = pipeline::analyze(Inputs {
        schema: SCHEMA,
        services,
        models: "",
        dialect: None,
        sources: None,
    });
    let last = &analysis.stages[4].stage;
    let columns = |id: &str| -> Vec<String> {
        last.architecture
            .table(id)
            .unwrap_or_else(|| panic!("no {id}"))
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(
        columns("table:support.customers_read"),
        ["id", "email", "display_name", "tokens_used"]
    );
    // `SELECT *` reads every column: all but the sensitive ones.
    assert_eq!(
        columns("table:audit.customers_read"),
        ["id", "email", "display_name", "tokens_used", "assessment"]
    );
    let sql = &last
        .artifacts
        .iter()
        .find(|a| a.key == "read-models")
        .unwrap()
        .content;
    assert!(sql.contains(
        "-- Only the columns support reads (its queries) and the key; not read, so not copied: \
         assessment."
    ), "{sql}");
    assert!(sql.contains("-- audit reads every column (one of its queries selects *)"));
}
