//! `seams check --format json` (the version-1 contract described by `schemas/check.schema.json`)
//! and `seams evolve --format json` (`schemas/evolve.schema.json`, reusing the check JSON's score
//! and finding objects).

use super::{summary, Checked};
use crate::diagnostic::Severity;
use crate::evolution::openapi::Pretty;
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

/// The findings not accepted and the accepted ones (each with its `reason`), as two lists,
/// located as pane positions.
fn findings_values(findings: &[Finding]) -> (serde_json::Value, serde_json::Value) {
    let (mut open, mut accepted) = (Vec::new(), Vec::new());
    for finding in findings {
        let list = if finding.accepted.is_some() {
            &mut accepted
        } else {
            &mut open
        };
        list.push(finding_value(finding));
    }
    (
        serde_json::Value::Array(open),
        serde_json::Value::Array(accepted),
    )
}

/// [`findings_values`] with each location at the user's file and the line in it (the CLI's
/// reports; the page's export keeps pane positions, and its bundle this code out).
fn located_findings_values(
    findings: &[Finding],
    sources: &Sources,
) -> (serde_json::Value, serde_json::Value) {
    let (mut open, mut accepted) = findings_values(findings);
    let (accepted_findings, open_findings): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.accepted.is_some());
    for (values, list) in [
        (&mut open, open_findings),
        (&mut accepted, accepted_findings),
    ] {
        let Some(values) = values.as_array_mut() else {
            continue;
        };
        for (value, finding) in values.iter_mut().zip(list) {
            let locations: Vec<Location> =
                finding.spans.iter().map(|s| sources.locate(*s)).collect();
            if let Some(object) = value.as_object_mut() {
                object.insert("locations".into(), json!(locations));
            }
        }
    }
    (open, accepted)
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
    let (findings, accepted) = located_findings_values(&checked.findings, sources);
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
/// as pane positions; and `reason` when it is accepted).
pub fn finding_value(finding: &Finding) -> serde_json::Value {
    let mut value = json!({
        "rule": finding.rule.as_str(),
        "severity": severity_str(finding.severity),
        "message": finding.message,
        "elements": finding.elements,
        "dimensions": finding.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "fixed_by_stage": finding.fixed_by_stage,
        "penalty": finding.penalty,
        "locations": finding.spans,
    });
    if let (Some(reason), Some(object)) = (&finding.accepted, value.as_object_mut()) {
        object.insert("reason".into(), serde_json::Value::String(reason.clone()));
    }
    value
}

/// `seams check --format json`, pretty-printed.
pub fn check_json(architecture: &Architecture) -> String {
    serde_json::to_string_pretty(&check_value(architecture)).unwrap_or_else(|_| String::from("{}"))
}

/// One stage of `seams evolve --format json`: name, story, score, findings (the same objects as
/// `seams check`, located as pane positions), changes and the artifacts' descriptions (their text
/// comes with `--emit`). The value of [`stage_json`].
pub fn stage_value(view: &StageView) -> serde_json::Value {
    serde_json::from_str(&stage_json(view)).unwrap_or(serde_json::Value::Null)
}

/// [`stage_value`] pretty-printed (the page's JSON export), written straight to text in
/// serde_json's layout with sorted keys: building a `serde_json::Value` in the page cost its
/// bundle the whole `Value` machinery, and this is the page's only JSON document.
pub fn stage_json(view: &StageView) -> String {
    let stage = &view.stage;
    let mut w = Pretty::new(0);
    w.open('{');
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) =
        view.findings.iter().partition(|f| f.accepted.is_some());
    write_findings(&mut w, "accepted", &accepted);
    w.key("artifacts");
    w.open('[');
    for a in &stage.artifacts {
        w.next();
        w.open('{');
        w.field("file_name", &a.file_name);
        w.field("key", a.key);
        w.field("language", a.language);
        w.field("title", &a.title);
        w.close('}');
    }
    w.close(']');
    w.field("caption", &stage.caption);
    w.key("changes");
    w.open('[');
    for c in &stage.changes {
        w.next();
        w.open('{');
        w.field("element", &c.element);
        w.field("kind", c.kind.as_str());
        w.field("reason", &c.reason);
        w.close('}');
    }
    w.close(']');
    write_findings(&mut w, "findings", &open);
    w.number("index", u64::from(stage.index));
    w.field("key", stage.key);
    w.field("name", stage.name);
    w.field("narrative", &stage.narrative.join(" "));
    w.key("score");
    write_score(&mut w, &view.score);
    w.close('}');
    w.out
}

/// The dimensions in the order their names sort, as a JSON object prints them.
const SORTED_DIMENSIONS: [Dimension; 5] = [
    Dimension::HiddenContracts,
    Dimension::MigrationFriction,
    Dimension::Scalability,
    Dimension::Testing,
    Dimension::TightCoupling,
];

/// The `score` object ([`score_value`]) as text.
fn write_score(w: &mut Pretty, score: &Score) {
    w.open('{');
    w.key("dimensions");
    w.open('{');
    for d in SORTED_DIMENSIONS {
        w.number(d.as_str(), u64::from(score.dimension(d)));
    }
    w.close('}');
    w.number("overall", u64::from(score.overall));
    w.close('}');
}

/// `findings` ([`finding_value`] objects) as the value of `key`.
fn write_findings(w: &mut Pretty, key: &str, findings: &[&Finding]) {
    w.key(key);
    w.open('[');
    for f in findings {
        w.next();
        w.open('{');
        w.strings("dimensions", f.dimensions.iter().map(|d| d.as_str()));
        w.strings("elements", f.elements.iter().map(String::as_str));
        w.number("fixed_by_stage", u64::from(f.fixed_by_stage));
        w.key("locations");
        w.open('[');
        for span in &f.spans {
            w.next();
            w.open('{');
            w.number("column", u64::from(span.column));
            w.number("line", u64::from(span.line));
            w.field("pane", span.pane.as_str());
            w.close('}');
        }
        w.close(']');
        w.field("message", &f.message);
        w.number("penalty", u64::from(f.penalty));
        if let Some(reason) = &f.accepted {
            w.field("reason", reason);
        }
        w.field("rule", f.rule.as_str());
        w.field("severity", severity_str(f.severity));
        w.close('}');
    }
    w.close(']');
}

/// The JSON value of `seams evolve --format json` (version 1, described by
/// `schemas/evolve.schema.json`): every stage, or only stage `only` when given (still inside
/// `stages`; an index past the last stage gives an empty list).
pub fn evolve_value(analysis: &Analysis, only: Option<usize>) -> serde_json::Value {
    let stages: Vec<serde_json::Value> = analysis
        .stages
        .iter()
        .filter(|v| only.is_none_or(|i| usize::from(v.stage.index) == i))
        .map(|v| {
            // The CLI's stages name the user's files, as `seams check` does.
            let mut value = stage_value(v);
            let (findings, accepted) =
                located_findings_values(&v.findings, &analysis.architecture.sources);
            if let Some(object) = value.as_object_mut() {
                object.insert("findings".into(), findings);
                object.insert("accepted".into(), accepted);
            }
            value
        })
        .collect();
    json!({"version": 1, "stages": stages})
}

/// `seams evolve --format json`, pretty-printed.
pub fn evolve_json(analysis: &Analysis, only: Option<usize>) -> String {
    serde_json::to_string_pretty(&evolve_value(analysis, only))
        .unwrap_or_else(|_| String::from("{}"))
}
