//! Reports of a checked architecture: the `seams check` JSON contract (version 1) and a text
//! summary. Both are pure functions of the model, so the page and the CLI print the same facts.

use crate::architecture::Architecture;
use crate::diagnostic::Diagnostic;
use crate::sql::{Column, ForeignKey};
use serde::Serialize;
use serde_json::json;

/// Counts of what the architecture holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Services.
    pub services: usize,
    /// Tables (declared and undeclared).
    pub tables: usize,
    /// Views.
    pub views: usize,
    /// Foreign keys.
    pub foreign_keys: usize,
    /// Database instances.
    pub databases: usize,
    /// Topics and queues.
    pub topics: usize,
}

/// The summary counts of `architecture`.
pub fn summary(architecture: &Architecture) -> Summary {
    Summary {
        services: architecture.services.len(),
        tables: architecture.tables.len(),
        views: architecture.views.len(),
        foreign_keys: architecture.foreign_key_count(),
        databases: architecture.databases.len(),
        topics: architecture.topics.len(),
    }
}

#[derive(Serialize)]
struct TableJson<'a> {
    id: &'a str,
    name: &'a str,
    schema: Option<&'a str>,
    columns: &'a [Column],
    primary_key: &'a [String],
    foreign_keys: Vec<ForeignKeyJson<'a>>,
    line: u32,
    declared: bool,
}

#[derive(Serialize)]
struct ForeignKeyJson<'a> {
    columns: &'a [String],
    references: &'a str,
    ref_columns: &'a [String],
}

impl<'a> From<&'a ForeignKey> for ForeignKeyJson<'a> {
    fn from(fk: &'a ForeignKey) -> Self {
        ForeignKeyJson {
            columns: &fk.columns,
            references: &fk.references,
            ref_columns: &fk.ref_columns,
        }
    }
}

/// The JSON value of `seams check --format json` (top-level keys are a stable contract).
pub fn check_value(architecture: &Architecture) -> serde_json::Value {
    let tables: Vec<TableJson> = architecture
        .tables
        .iter()
        .map(|t| TableJson {
            id: &t.id,
            name: &t.name,
            schema: t.schema.as_deref(),
            columns: &t.columns,
            primary_key: &t.primary_key,
            foreign_keys: t.foreign_keys.iter().map(ForeignKeyJson::from).collect(),
            line: t.span.line,
            declared: architecture.is_declared(&t.id),
        })
        .collect();
    let services: Vec<serde_json::Value> = architecture
        .services
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "name": s.name,
                "summary": s.summary,
                "reads": s.reads.iter().map(|a| &a.table).collect::<Vec<_>>(),
                "writes": s.writes.iter().map(|a| &a.table).collect::<Vec<_>>(),
                "calls": s.calls.iter().map(|c| json!({"service": c.service, "endpoint": c.endpoint})).collect::<Vec<_>>(),
                "publishes": s.publishes.iter().map(|t| &t.topic).collect::<Vec<_>>(),
                "subscribes": s.subscribes.iter().map(|t| &t.topic).collect::<Vec<_>>(),
                "database": s.database,
            })
        })
        .collect();
    let ownership: serde_json::Map<String, serde_json::Value> = architecture
        .ownership
        .iter()
        .map(|(table, owner)| (table.clone(), json!(owner.service)))
        .collect();
    json!({
        "version": 1,
        "dialect": architecture.dialect.as_str(),
        "dialect_reason": architecture.dialect_reason,
        "summary": summary(architecture),
        "statements": architecture.schema_stats,
        "diagnostics": architecture.diagnostics,
        "tables": tables,
        "views": architecture.views,
        "services": services,
        "databases": architecture.databases,
        "topics": architecture.topics,
        "apis": architecture.apis,
        "ownership": ownership,
        "roles": architecture.roles.iter().map(|r| &r.name).collect::<Vec<_>>(),
        "grants": architecture.grants,
    })
}

/// `seams check --format json`, pretty-printed.
pub fn check_json(architecture: &Architecture) -> String {
    serde_json::to_string_pretty(&check_value(architecture)).unwrap_or_else(|_| String::from("{}"))
}

/// `seams check --format text`: summary then diagnostics, one per line.
pub fn check_text(architecture: &Architecture) -> String {
    let s = summary(architecture);
    let stats = &architecture.schema_stats;
    let mut out = String::new();
    out.push_str(&format!(
        "dialect: {} ({})\n",
        architecture.dialect.label(),
        architecture.dialect_reason
    ));
    out.push_str(&format!(
        "statements: {} read, {} parsed, {} recovered, {} skipped, {} failed\n",
        stats.statements, stats.parsed, stats.recovered, stats.skipped, stats.failed
    ));
    out.push_str(&format!(
        "services {}  tables {}  views {}  foreign keys {}  databases {}  topics {}\n",
        s.services, s.tables, s.views, s.foreign_keys, s.databases, s.topics
    ));
    if !architecture.diagnostics.is_empty() {
        out.push_str(&format!(
            "\n{} diagnostics:\n",
            architecture.diagnostics.len()
        ));
        for d in &architecture.diagnostics {
            out.push_str(&format!("  {}\n", Diagnostic::to_string(d)));
        }
    }
    out
}
