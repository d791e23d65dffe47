//! `seams check --format json` (the version-1 contract described by `schemas/check.schema.json`)
//! and `seams evolve --format json` (`schemas/evolve.schema.json`, reusing the check JSON's score
//! and finding objects).

use super::{summary, Checked};
use crate::diagnostic::Severity;
use crate::findings::{Dimension, Finding};
use crate::model::Architecture;
use crate::model::{Column, ForeignKey, RelationKind};
use crate::ownership::Owner;
use crate::pipeline::{Analysis, StageView};
use crate::score::Score;
use crate::source::{Location, Sources};
use crate::Diagnostic;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

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
    database: Option<&'a str>,
    kind: RelationKind,
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

/// The databases of the check JSON: each with its kind, owner, tables and the services that
/// connect to it.
fn databases(architecture: &Architecture) -> Vec<serde_json::Value> {
    let mut connecting: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for service in &architecture.services {
        for database in &service.databases {
            connecting.entry(database).or_default().push(&service.id);
        }
    }
    architecture
        .databases
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "name": d.name,
                "host": d.host,
                "kind": d.kind.map(|k| k.as_str()),
                "owner": d.owner,
                "tables": d.tables,
                "services": connecting.get(d.id.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// A diagnostic as JSON: severity, pane, the file and the line in it, column, message.
#[derive(Serialize)]
struct DiagnosticJson<'a> {
    severity: &'static str,
    #[serde(flatten)]
    location: Location,
    message: &'a str,
}

/// `diagnostics` located in the user's files through `sources`.
pub(super) fn diagnostics_value(
    diagnostics: &[Diagnostic],
    sources: &Sources,
) -> serde_json::Value {
    let list: Vec<DiagnosticJson> = diagnostics
        .iter()
        .map(|d| DiagnosticJson {
            severity: severity_str(d.severity),
            location: sources.locate(d.span),
            message: &d.message,
        })
        .collect();
    json!(list)
}

/// The findings not accepted and the accepted ones (each with its `reason`), as two lists.
fn findings_values(
    findings: &[Finding],
    sources: &Sources,
) -> (serde_json::Value, serde_json::Value) {
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.accepted.is_some());
    let list = |list: Vec<&Finding>| {
        serde_json::Value::Array(
            list.into_iter()
                .map(|f| finding_value(f, sources))
                .collect(),
        )
    };
    (list(open), list(accepted))
}

/// The JSON value of `seams check --format json` (top-level keys are a stable contract).
pub fn check_value(architecture: &Architecture) -> serde_json::Value {
    let mut database_of: BTreeMap<&str, &crate::model::Database> = BTreeMap::new();
    for database in &architecture.databases {
        for table in &database.tables {
            database_of.insert(table, database);
        }
    }
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
            database: database_of.get(t.id.as_str()).map(|d| d.id.as_str()),
            kind: database_of
                .get(t.id.as_str())
                .map_or(RelationKind::Table, |d| d.relation_kind()),
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
                "database": s.databases.first(),
                "databases": s.databases,
            })
        })
        .collect();
    let ownership: serde_json::Map<String, serde_json::Value> = architecture
        .ownership
        .iter()
        .map(|(table, owner)| (table.clone(), json!(owner.service)))
        .collect();
    let checked = Checked::of(architecture);
    let sources = &architecture.sources;
    let (findings, accepted) = findings_values(&checked.findings, sources);
    json!({
        "version": 1,
        "dialect": architecture.dialect.as_str(),
        "dialect_reason": architecture.dialect_reason,
        "summary": summary(architecture),
        "statements": architecture.schema_stats,
        "diagnostics": diagnostics_value(&checked.diagnostics, sources),
        "tables": tables,
        "views": architecture.views,
        "services": services,
        "databases": databases(architecture),
        "topics": architecture.topics,
        "apis": architecture.apis,
        "ownership": ownership,
        "roles": architecture.roles.iter().map(|r| &r.name).collect::<Vec<_>>(),
        "grants": architecture.grants,
        "owners": owners_value(&checked.owners),
        "score": score_value(&checked.score),
        "findings": findings,
        "accepted": accepted,
        "metrics": checked.metrics,
    })
}

pub(super) fn severity_str(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn owners_value(owners: &BTreeMap<String, Owner>) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = owners
        .iter()
        .map(|(table, owner)| {
            let (kind, services): (&str, Vec<&String>) = match owner {
                Owner::Declared(s) => ("declared", vec![s]),
                Owner::Inferred(s) => ("inferred", vec![s]),
                Owner::Ambiguous(c) => ("ambiguous", c.iter().collect()),
                Owner::None => ("none", Vec::new()),
            };
            (table.clone(), json!({"kind": kind, "services": services}))
        })
        .collect();
    serde_json::Value::Object(map)
}

/// The `score` object: `{"overall": N, "dimensions": {"tight_coupling": N, …}}`.
pub fn score_value(score: &Score) -> serde_json::Value {
    let dimensions: serde_json::Map<String, serde_json::Value> = Dimension::ALL
        .iter()
        .map(|&d| (d.as_str().to_string(), json!(score.dimension(d))))
        .collect();
    json!({"overall": score.overall, "dimensions": dimensions})
}

/// One finding as JSON (rule, severity, message, elements, dimensions, stage, penalty, locations
/// in the user's files through `sources`; and `reason` when it is accepted).
pub fn finding_value(finding: &Finding, sources: &Sources) -> serde_json::Value {
    let locations: Vec<Location> = finding.spans.iter().map(|s| sources.locate(*s)).collect();
    let mut value = json!({
        "rule": finding.rule.as_str(),
        "severity": severity_str(finding.severity),
        "message": finding.message,
        "elements": finding.elements,
        "dimensions": finding.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "fixed_by_stage": finding.fixed_by_stage,
        "penalty": finding.penalty,
        "locations": locations,
    });
    if let (Some(reason), Some(object)) = (&finding.accepted, value.as_object_mut()) {
        object.insert("reason".into(), json!(reason));
    }
    value
}

/// `seams check --format json`, pretty-printed.
pub fn check_json(architecture: &Architecture) -> String {
    serde_json::to_string_pretty(&check_value(architecture)).unwrap_or_else(|_| String::from("{}"))
}

/// One stage of `seams evolve --format json`: name, story, score, findings (the same objects as
/// `seams check`), changes and the artifacts' descriptions (their text comes with `--emit`).
pub fn stage_value(view: &StageView) -> serde_json::Value {
    let stage = &view.stage;
    let (findings, accepted) = findings_values(&view.findings, &stage.architecture.sources);
    json!({
        "index": stage.index,
        "key": stage.key,
        "name": stage.name,
        "caption": stage.caption,
        "narrative": stage.narrative.join(" "),
        "score": score_value(&view.score),
        "findings": findings,
        "accepted": accepted,
        "changes": stage.changes.iter().map(|c| json!({
            "kind": c.kind,
            "element": c.element,
            "reason": c.reason,
        })).collect::<Vec<_>>(),
        "artifacts": stage.artifacts.iter().map(|a| json!({
            "key": a.key,
            "title": a.title,
            "file_name": a.file_name,
            "language": a.language,
        })).collect::<Vec<_>>(),
    })
}

/// The JSON value of `seams evolve --format json` (version 1, described by
/// `schemas/evolve.schema.json`): every stage, or only stage `only` when given (still inside
/// `stages`; an index past the last stage gives an empty list).
pub fn evolve_value(analysis: &Analysis, only: Option<usize>) -> serde_json::Value {
    let stages: Vec<serde_json::Value> = analysis
        .stages
        .iter()
        .filter(|v| only.is_none_or(|i| usize::from(v.stage.index) == i))
        .map(stage_value)
        .collect();
    json!({"version": 1, "stages": stages})
}

/// `seams evolve --format json`, pretty-printed.
pub fn evolve_json(analysis: &Analysis, only: Option<usize>) -> String {
    serde_json::to_string_pretty(&evolve_value(analysis, only))
        .unwrap_or_else(|_| String::from("{}"))
}
