//! Reports of a checked architecture: the `seams check` JSON contract (version 1, described by
//! `schemas/check.schema.json`), a text summary for terminals and SARIF 2.1.0 for code-scanning
//! tools. All are pure functions of the model, so the page and the CLI print the same facts.
//! `seams evolve` reports the pipeline's stages the same way (JSON described by
//! `schemas/evolve.schema.json`, reusing the check JSON's score and finding objects).

use crate::diagnostic::{Diagnostic, Severity};
use crate::evolution::{Artifact, ChangeKind};
use crate::findings::{self, Dimension, Finding, Rule};
use crate::metrics::{self, ServiceMetrics};
use crate::model::Architecture;
use crate::model::{Column, ForeignKey};
use crate::ownership::{self, Owner};
use crate::pipeline::{Analysis, StageView};
use crate::score::{self, Score};
use crate::source::Span;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

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
    let checked = Checked::of(architecture);
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
        "owners": owners_value(&checked.owners),
        "score": score_value(&checked.score),
        "findings": checked.findings.iter().map(finding_value).collect::<Vec<_>>(),
        "metrics": checked.metrics,
    })
}

/// Everything `seams check` derives from the model: owners, findings, score and metrics.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The owner of every table.
    pub owners: BTreeMap<String, Owner>,
    /// Every finding, sorted.
    pub findings: Vec<Finding>,
    /// The score of those findings.
    pub score: Score,
    /// Metrics per service id.
    pub metrics: BTreeMap<String, ServiceMetrics>,
}

impl Checked {
    /// Runs ownership, every rule, the score and the metrics over `architecture`.
    pub fn of(architecture: &Architecture) -> Self {
        let findings = findings::check(architecture);
        let score = score::score_findings(&findings, score::size(architecture));
        Checked {
            owners: ownership::owners(architecture),
            findings,
            score,
            metrics: metrics::metrics(architecture),
        }
    }
}

fn severity_str(severity: Severity) -> &'static str {
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

/// One finding as JSON (rule, severity, message, elements, dimensions, stage, penalty, locations).
pub fn finding_value(finding: &Finding) -> serde_json::Value {
    json!({
        "rule": finding.rule.as_str(),
        "severity": severity_str(finding.severity),
        "message": finding.message,
        "elements": finding.elements,
        "dimensions": finding.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "fixed_by_stage": finding.fixed_by_stage,
        "penalty": finding.penalty,
        "locations": finding.spans,
    })
}

/// `seams check --format json`, pretty-printed.
pub fn check_json(architecture: &Architecture) -> String {
    serde_json::to_string_pretty(&check_value(architecture)).unwrap_or_else(|_| String::from("{}"))
}

/// `seams check --format text`: summary, diagnostics, score, findings and metrics, no colour.
pub fn check_text(architecture: &Architecture) -> String {
    check_text_styled(architecture, false)
}

/// Wraps `text` in an ANSI colour when `color` is on.
fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Pads `text` to `width` characters on the right.
fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

/// The ANSI colour of a score: green from 80, yellow from 50, red below.
fn score_colour(value: u8) -> &'static str {
    match value {
        80.. => "32",
        50..=79 => "33",
        _ => "31",
    }
}

/// `seams check --format text` with aligned columns, in ANSI colours when `color` is on (the CLI
/// turns it on only for a terminal without `NO_COLOR`).
pub fn check_text_styled(architecture: &Architecture, color: bool) -> String {
    let mut out = summary_text(architecture);
    let checked = Checked::of(architecture);
    let score = &checked.score;
    out.push_str(&format!(
        "\n{} {}/100\n",
        paint("score", "1", color),
        paint(
            &score.overall.to_string(),
            score_colour(score.overall),
            color
        )
    ));
    let width = Dimension::ALL
        .iter()
        .map(|d| d.label().len())
        .max()
        .unwrap_or(0);
    for d in Dimension::ALL {
        let value = score.dimension(d);
        out.push_str(&format!(
            "  {}  {}\n",
            pad(d.label(), width),
            paint(&format!("{value:>3}"), score_colour(value), color)
        ));
    }
    if checked.findings.is_empty() {
        out.push_str("\nno findings\n");
    } else {
        out.push_str(&format!("\n{} findings:\n", checked.findings.len()));
        let rule_width = checked
            .findings
            .iter()
            .map(|f| f.rule.as_str().len())
            .max()
            .unwrap_or(0);
        for f in &checked.findings {
            let (label, code) = match f.severity {
                Severity::Error => ("error", "31"),
                Severity::Warning => ("warning", "33"),
                Severity::Info => ("info", "36"),
            };
            out.push_str(&format!(
                "  {} {}  stage {}  {}\n",
                paint(&pad(label, 7), code, color),
                pad(f.rule.as_str(), rule_width),
                f.fixed_by_stage,
                f.message
            ));
        }
    }
    if !checked.metrics.is_empty() {
        let name_width = checked
            .metrics
            .keys()
            .map(|id| crate::ident::id_name(id).chars().count())
            .max()
            .unwrap_or(0)
            .max("service".len());
        out.push_str(&format!(
            "\n  {}  {:>3} {:>3} {:>6} {:>5} {:>4} {:>7} {:>9}\n",
            pad("service", name_width),
            "Ca",
            "Ce",
            "I",
            "owned",
            "read",
            "written",
            "test set"
        ));
        for (id, m) in &checked.metrics {
            out.push_str(&format!(
                "  {}  {:>3} {:>3} {:>6.2} {:>5} {:>4} {:>7} {:>9}\n",
                pad(crate::ident::id_name(id), name_width),
                m.ca,
                m.ce,
                m.instability,
                m.tables_owned,
                m.tables_read,
                m.tables_written,
                m.test_isolation.len()
            ));
        }
    }
    out
}

/// One stage of `seams evolve --format json`: name, story, score, findings (the same objects as
/// `seams check`), changes and the artifacts' descriptions (their text comes with `--emit`).
pub fn stage_value(view: &StageView) -> serde_json::Value {
    let stage = &view.stage;
    json!({
        "index": stage.index,
        "key": stage.key,
        "name": stage.name,
        "caption": stage.caption,
        "narrative": stage.narrative.join(" "),
        "score": score_value(&view.score),
        "findings": view.findings.iter().map(finding_value).collect::<Vec<_>>(),
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

/// `seams evolve --format text`: per stage a heading with its name and score (and the change
/// since the previous stage), the narrative, and counts of changes and findings.
pub fn evolve_text(analysis: &Analysis, only: Option<usize>) -> String {
    let mut out = String::new();
    let mut previous: Option<u8> = None;
    for view in &analysis.stages {
        let stage = &view.stage;
        let overall = view.score.overall;
        let delta = match previous {
            Some(before) => {
                let change = i16::from(overall) - i16::from(before);
                format!(
                    " ({change:+} since stage {})",
                    stage.index.saturating_sub(1)
                )
            }
            None => String::new(),
        };
        previous = Some(overall);
        if only.is_some_and(|i| usize::from(stage.index) != i) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "Stage {}: {}  score {overall}/100{delta}\n",
            stage.index, stage.name
        ));
        out.push_str(&format!("{}\n", stage.caption));
        for sentence in &stage.narrative {
            out.push_str(&format!("  {sentence}\n"));
        }
        let count = |kind: ChangeKind| stage.changes.iter().filter(|c| c.kind == kind).count();
        out.push_str(&format!(
            "{} {} ({} added, {} removed, {} changed), {} {}",
            stage.changes.len(),
            if stage.changes.len() == 1 {
                "change"
            } else {
                "changes"
            },
            count(ChangeKind::Added),
            count(ChangeKind::Removed),
            count(ChangeKind::Changed),
            view.findings.len(),
            if view.findings.len() == 1 {
                "finding"
            } else {
                "findings"
            }
        ));
        if stage.artifacts.is_empty() {
            out.push('\n');
        } else {
            let keys: Vec<&str> = stage.artifacts.iter().map(|a| a.key).collect();
            out.push_str(&format!(", artifacts: {}\n", keys.join(", ")));
        }
    }
    out
}

/// The artifact `key` of stage `stage`, or of the first stage that produces it when `stage` is
/// None (`seams evolve --emit`).
pub fn find_artifact<'a>(
    analysis: &'a Analysis,
    key: &str,
    stage: Option<usize>,
) -> Option<&'a Artifact> {
    analysis
        .stages
        .iter()
        .filter(|v| stage.is_none_or(|i| usize::from(v.stage.index) == i))
        .find_map(|v| v.stage.artifacts.iter().find(|a| a.key == key))
}

/// Where a span lands in an input file, for SARIF (the CLI knows the files; the core does not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLocation {
    /// The file's path or URI, as the user gave it.
    pub uri: String,
    /// 1-based line in that file.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// `seams check --format sarif`: one SARIF 2.1.0 run with every rule and every finding. `locate`
/// maps a span (pane and line of the concatenated input) to a file and line; spans it cannot
/// place are left out.
pub fn check_sarif(
    architecture: &Architecture,
    locate: &dyn Fn(Span) -> Option<FileLocation>,
) -> String {
    let checked = Checked::of(architecture);
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|&rule| {
            json!({
                "id": rule.as_str(),
                "name": rule.as_str(),
                "shortDescription": {"text": format!("{} (fixed by stage {})", rule.as_str(), rule.fixed_by_stage())},
                "fullDescription": {"text": findings::explain(rule)},
                "help": {"text": format!("{}\nSource: {}", findings::explain(rule), findings::source(rule))},
                "properties": {
                    "dimensions": rule.dimensions().iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                    "fixed_by_stage": rule.fixed_by_stage(),
                    "weight": rule.weight(),
                },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = checked
        .findings
        .iter()
        .map(|f| {
            let mut seen = std::collections::BTreeSet::new();
            let locations: Vec<serde_json::Value> = f
                .spans
                .iter()
                .filter_map(|s| locate(*s))
                .filter(|l| seen.insert((l.uri.clone(), l.line, l.column)))
                .map(|l| {
                    json!({"physicalLocation": {
                        "artifactLocation": {"uri": l.uri},
                        "region": {"startLine": l.line.max(1), "startColumn": l.column.max(1)},
                    }})
                })
                .collect();
            let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            json!({
                "ruleId": f.rule.as_str(),
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": locations,
                "properties": {
                    "elements": f.elements,
                    "dimensions": f.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                    "fixed_by_stage": f.fixed_by_stage,
                    "penalty": f.penalty,
                },
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "seams",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
            "properties": {"score": score_value(&checked.score)},
        }],
    });
    serde_json::to_string_pretty(&sarif).unwrap_or_else(|_| String::from("{}"))
}

/// The summary and diagnostics part of the text report.
fn summary_text(architecture: &Architecture) -> String {
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

/// A Markdown report of stage `stage` of `analysis` (clamped to the last stage): the score
/// table (overall and the five dimensions), then the findings grouped by severity with rule,
/// message, elements and the stage that fixes each. For wikis, pull requests and issues.
///
/// Every user-supplied name is escaped ([`markdown_text`]), so a table called `a|b` or
/// `<script>` cannot break a table row or inject markup.
pub fn findings_markdown(analysis: &crate::pipeline::Analysis, stage: usize) -> String {
    let Some(view) = analysis.stage(stage) else {
        return String::from("# Seams report\n\nNothing to report: there is no stage.\n");
    };
    let score = &view.score;
    let mut out = format!(
        "# Seams report: stage {} — {}\n\n",
        view.stage.index,
        markdown_text(view.stage.name)
    );
    if !view.stage.caption.trim().is_empty() {
        // In emphasis, so user text never starts a line (no heading or list from a name).
        out.push_str(&format!(
            "*{}*\n\n",
            markdown_text(view.stage.caption.trim())
        ));
    }
    out.push_str(&format!("**Score: {}/100**\n\n", score.overall));
    out.push_str("| dimension | score |\n| --- | ---: |\n");
    out.push_str(&format!("| overall | {} |\n", score.overall));
    for d in Dimension::ALL {
        out.push_str(&format!("| {} | {} |\n", d.label(), score.dimension(d)));
    }
    out.push('\n');
    if view.findings.is_empty() {
        out.push_str("## Findings\n\nNo findings.\n");
        return out;
    }
    out.push_str(&format!("## Findings ({})\n", view.findings.len()));
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        let mut group: Vec<&Finding> = view
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort();
        out.push_str(&format!("\n### {heading} ({})\n\n", group.len()));
        out.push_str(
            "| rule | message | elements | fixed by stage |\n| --- | --- | --- | ---: |\n",
        );
        for f in group {
            let elements: Vec<String> = f.elements.iter().map(|e| markdown_text(e)).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.rule.as_str(),
                markdown_text(&f.message),
                elements.join(", "),
                f.fixed_by_stage
            ));
        }
    }
    out
}

/// `text` as literal Markdown inline text, safe inside a table cell: every character that
/// Markdown or GitHub could read as inline syntax is backslash-escaped (`\|` cells, `\*` `\_`
/// `\~` emphasis, `` \` `` code, `\[` `\]` links, `\<` `\>` `\&` HTML and entities, `\$` maths,
/// `\@` mentions, `\{` `\}`), and line breaks become spaces. Block syntax (`#`, `-`, `1.`) only
/// counts at a line start, where callers never put user text.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$'
            | '@' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod markdown_tests {
    use super::*;
    use crate::ingest::Inputs;
    use crate::pipeline::analyze;

    /// The report of `stage` for a services-only input (tables come from the services file).
    fn report(services: &str, stage: usize) -> String {
        let analysis = analyze(Inputs {
            services,
            ..Inputs::default()
        });
        findings_markdown(&analysis, stage)
    }

    const SEED_SERVICES: &str = include_str!("../../../examples/seed/services.yaml");

    #[test]
    fn the_seed_report_has_a_score_table_and_findings_by_severity() {
        let text = report(SEED_SERVICES, 0);
        assert!(text.starts_with("# Seams report: stage 0 — "), "{text}");
        assert!(text.contains("| dimension | score |\n| --- | ---: |\n| overall | "));
        for d in Dimension::ALL {
            assert!(text.contains(&format!("\n| {} | ", d.label())), "{text}");
        }
        assert!(text.contains("## Findings ("), "{text}");
        assert!(text.contains("| foreign-read | "), "{text}");
        assert!(text.contains("service:app-a"), "{text}");
        // One finding row per finding, each with five cell borders.
        let rows = text
            .lines()
            .filter(|l| l.starts_with("| ") && l.ends_with(" |") && l.matches(" | ").count() == 3)
            .filter(|l| !l.starts_with("| rule") && !l.starts_with("| ---"))
            .count();
        let analysis = analyze(Inputs {
            services: SEED_SERVICES,
            ..Inputs::default()
        });
        assert_eq!(rows, analysis.stages[0].findings.len(), "{text}");
    }

    #[test]
    fn the_last_stage_has_fewer_findings_and_stages_clamp() {
        let first = report(SEED_SERVICES, 0);
        let last = report(SEED_SERVICES, 4);
        assert_eq!(report(SEED_SERVICES, 99), last);
        assert!(last.starts_with("# Seams report: stage 4 — "), "{last}");
        assert_ne!(first, last);
    }

    #[test]
    fn hostile_names_cannot_break_the_table_or_inject_markup() {
        let services = "version: 1\nservices:\n  \"x|y\":\n    writes: [\"<script>alert(1)</script>\", \"a|b*c_d\"]\n  \"[z](http://e)\":\n    writes: [\"<script>alert(1)</script>\", \"a|b*c_d\"]\n";
        let text = report(services, 0);
        assert!(text.contains("| shared-write | "), "{text}");
        for line in text.lines().filter(|l| l.starts_with("| ")) {
            let unescaped = line.replace("\\|", "").matches('|').count();
            assert!(unescaped == 3 || unescaped == 5, "row broken: {line}");
            assert!(!line.replace("\\<", "").contains('<'), "raw < in {line}");
            assert!(!line.replace("\\[", "").contains('['), "raw [ in {line}");
        }
        assert!(text.contains("\\<script\\>"), "{text}");
    }

    #[test]
    fn markdown_text_escapes_syntax_and_keeps_words() {
        assert_eq!(markdown_text("users"), "users");
        assert_eq!(markdown_text("a|b"), "a\\|b");
        assert_eq!(markdown_text("*x_y*"), "\\*x\\_y\\*");
        assert_eq!(markdown_text("`[l](u)`"), "\\`\\[l\\](u)\\`");
        assert_eq!(
            markdown_text("@team $x$ a&b ~~s~~"),
            "\\@team \\$x\\$ a\\&b \\~\\~s\\~\\~"
        );
        assert_eq!(markdown_text("app-a: 1. done"), "app-a: 1. done");
        assert_eq!(markdown_text("<b>\nü"), "\\<b\\> ü");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::tests::Arch;
    use crate::source::Pane;

    fn seed() -> Architecture {
        Arch::new()
            .table("users")
            .table("messages")
            .service("app-a")
            .service("app-b")
            .reads("app-a", "users")
            .reads("app-b", "users")
            .reads("app-b", "messages")
            .writes("app-b", "users")
            .writes("app-b", "messages")
            .build()
    }

    #[test]
    fn json_carries_score_findings_metrics_and_owners() {
        let value = check_value(&seed());
        assert_eq!(value["owners"]["table:users"]["kind"], "inferred");
        assert_eq!(
            value["owners"]["table:users"]["services"][0],
            "service:app-b"
        );
        let rules: Vec<&str> = value["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"foreign-read") && rules.contains(&"shared-database"));
        assert!(
            value["score"]["dimensions"]["tight_coupling"]
                .as_u64()
                .unwrap()
                < 100
        );
        assert_eq!(value["metrics"]["service:app-a"]["ce"], 1);
    }

    #[test]
    fn text_is_aligned_and_plain_without_colour() {
        let text = check_text(&seed());
        assert!(!text.contains('\x1b'));
        assert!(
            text.contains("warning foreign-read     stage 3  app-a reads users, which app-b owns"),
            "{text}"
        );
        assert!(check_text_styled(&seed(), true).contains("\x1b[33m"));
    }

    #[test]
    fn sarif_places_findings_through_the_locator() {
        let sarif = check_sarif(&seed(), &|span: Span| {
            (span.pane == Pane::Services).then(|| FileLocation {
                uri: "services.yaml".into(),
                line: span.line,
                column: span.column,
            })
        });
        let value: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        let results = value["runs"][0]["results"].as_array().unwrap();
        assert!(results.iter().all(|r| r["locations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["physicalLocation"]["artifactLocation"]["uri"] == "services.yaml")));
        assert_eq!(
            value["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len(),
            12
        );
    }
}
