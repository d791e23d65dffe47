//! `seams check --format sarif`: SARIF 2.1.0 for code-scanning tools, with every rule and every
//! finding located in the user's input files.

use super::{score_value, Checked};
use crate::diagnostic::Severity;
use crate::findings::{self, Rule};
use crate::model::Architecture;
use crate::source::Span;
use serde_json::json;

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
