//! `seams check --format sarif`: SARIF 2.1.0 for code-scanning tools, with every rule and every
//! finding and diagnostic located in the user's input files.

use super::{score_value, Checked};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::findings::{self, Finding, Rule};
use crate::model::Architecture;
use crate::source::{Location, Sources};
use serde_json::json;

/// The id of the SARIF rule under which the input's diagnostics are reported (after the
/// findings' rules, which keep their indices).
pub const INPUT_RULE: &str = "input";

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF physical location: the user's file and the line in it.
fn physical(location: &Location) -> serde_json::Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": location.file},
        "region": {"startLine": location.line.max(1), "startColumn": location.column.max(1)},
    }})
}

/// The SARIF rules: every finding rule, in [`Rule::ALL`] order, then [`INPUT_RULE`].
fn rules() -> Vec<serde_json::Value> {
    let mut rules: Vec<serde_json::Value> = Rule::ALL
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
    rules.push(json!({
        "id": INPUT_RULE,
        "name": INPUT_RULE,
        "shortDescription": {"text": "input diagnostic"},
        "fullDescription": {"text": "Something in the input files could not be read, or was read with a guess: a diagnostic of Seams' readers, at the file and line it is about."},
    }));
    rules
}

/// One finding as a SARIF result; an accepted one carries an external suppression with its
/// reason.
fn finding_result(finding: &Finding, sources: &Sources) -> serde_json::Value {
    let mut seen = std::collections::BTreeSet::new();
    let locations: Vec<serde_json::Value> = finding
        .spans
        .iter()
        .map(|s| sources.locate(*s))
        .filter(|l| seen.insert((l.file.clone(), l.line, l.column)))
        .map(|l| physical(&l))
        .collect();
    let rule_index = Rule::ALL
        .iter()
        .position(|r| *r == finding.rule)
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": finding.rule.as_str(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": locations,
        "properties": {
            "elements": finding.elements,
            "dimensions": finding.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            "fixed_by_stage": finding.fixed_by_stage,
            "penalty": finding.penalty,
        },
    });
    if let (Some(reason), Some(object)) = (&finding.accepted, result.as_object_mut()) {
        object.insert(
            "suppressions".into(),
            json!([{"kind": "external", "justification": reason}]),
        );
    }
    result
}

/// One diagnostic as a SARIF result of [`INPUT_RULE`].
fn diagnostic_result(diagnostic: &Diagnostic, sources: &Sources) -> serde_json::Value {
    json!({
        "ruleId": INPUT_RULE,
        "ruleIndex": Rule::ALL.len(),
        "level": level(diagnostic.severity),
        "message": {"text": diagnostic.message},
        "locations": [physical(&sources.locate(diagnostic.span))],
    })
}

/// `seams check --format sarif`: one SARIF 2.1.0 run with every rule, every finding (accepted
/// ones suppressed, with their reason) and every diagnostic, each located in the user's files
/// through the architecture's [`Sources`] (a pane without files is named by the pane).
pub fn check_sarif(architecture: &Architecture) -> String {
    let checked = Checked::of(architecture);
    let sources = &architecture.sources;
    let results: Vec<serde_json::Value> = checked
        .findings
        .iter()
        .map(|f| finding_result(f, sources))
        .chain(
            checked
                .diagnostics
                .iter()
                .map(|d| diagnostic_result(d, sources)),
        )
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "seams",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules(),
            }},
            "results": results,
            "properties": {"score": score_value(&checked.score)},
        }],
    });
    serde_json::to_string_pretty(&sarif).unwrap_or_else(|_| String::from("{}"))
}
