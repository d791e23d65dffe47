//! Reports of a checked architecture: the `seams check` JSON contract (version 1, described by
//! `schemas/check.schema.json`), a text summary for terminals and SARIF 2.1.0 for code-scanning
//! tools. All are pure functions of the model, so the page and the CLI print the same facts.
//! `seams evolve` reports the pipeline's stages the same way. One module per format: `json`,
//! `text`, `sarif`, `markdown`; this module holds what they share (the summary counts,
//! the checked facts, artifact lookup).

mod json;
mod markdown;
mod sarif;
mod text;

pub use json::{
    check_json, check_value, evolve_json, evolve_value, finding_value, score_value, stage_json,
    stage_value,
};
pub use markdown::{findings_markdown, markdown_text};
pub use sarif::{check_sarif, INPUT_RULE};
pub use text::{check_text, check_text_styled, evolve_text};

use crate::diagnostic::Diagnostic;
use crate::evolution::Artifact;
use crate::findings::{self, Finding};
use crate::metrics::{self, ServiceMetrics};
use crate::model::Architecture;
use crate::ownership::{self, Owner};
use crate::pipeline::Analysis;
use crate::score::{self, Score};
use serde::Serialize;
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
    /// The architecture's diagnostics and a warning for each `accept:` entry that matches no
    /// finding, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Runs ownership, every rule, the score and the metrics over `architecture`.
    pub fn of(architecture: &Architecture) -> Self {
        let findings = findings::check(architecture);
        let score = score::score_findings(&findings, score::size(architecture));
        let mut diagnostics = architecture.diagnostics.clone();
        diagnostics.extend(findings::unmatched_acceptances(architecture, &findings));
        crate::order::sort(&mut diagnostics);
        diagnostics.dedup();
        Checked {
            diagnostics,
            owners: ownership::owners(architecture),
            findings,
            score,
            metrics: metrics::metrics(architecture),
        }
    }
}

/// The artifacts `key` of stage `stage`, or of the first stage that produces it when `stage` is
/// None (`seams evolve --emit`): several for the grants of several databases.
pub fn find_artifacts<'a>(
    analysis: &'a Analysis,
    key: &str,
    stage: Option<usize>,
) -> Vec<&'a Artifact> {
    analysis
        .stages
        .iter()
        .filter(|v| stage.is_none_or(|i| usize::from(v.stage.index) == i))
        .map(|v| {
            v.stage
                .artifacts
                .iter()
                .filter(|a| a.key == key)
                .collect::<Vec<_>>()
        })
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// The first artifact with `key` (see [`find_artifacts`]).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::tests::seed;
    use crate::source::{Pane, Source, Sources, Span};

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

    /// The stage JSON written as text is exactly what serde_json prints for its value: the
    /// same layout and keys in sorted order, so the page's export did not change.
    #[test]
    fn stage_json_text_is_serde_jsons_pretty_print() {
        let services = "version: 1\nservices:\n  app-a:\n    reads: [users]\n    calls: [app-b]\n  app-b:\n    writes: [users]\n    reads: [\"we\\\"ird\\tname\"]\naccept:\n  - rule: foreign-read\n    elements: [app-a]\n    reason: \"by \\\"design\\\"\"\n";
        let analysis = crate::pipeline::analyze(crate::Inputs {
            schema: "CREATE TABLE users (id int PRIMARY KEY, name text);",
            services,
            ..crate::Inputs::default()
        });
        assert!(analysis.stages.len() == 5);
        let mut reasons = 0;
        for view in &analysis.stages {
            let text = stage_json(view);
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(format!("{value:#}"), text);
            reasons += value["accepted"].as_array().unwrap().len();
        }
        assert!(reasons > 0);
    }

    #[test]
    fn sarif_places_findings_and_diagnostics_in_the_files() {
        let mut arch = seed();
        arch.sources = Sources::new(vec![Source {
            pane: Pane::Services,
            start: 1,
            first_line: 1,
            name: "deploy/services.yaml".into(),
        }]);
        arch.diagnostics.push(Diagnostic::warning(
            Span::new(Pane::Schema, 3, 2),
            "a warning",
        ));
        let sarif = check_sarif(&arch);
        let value: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        let results = value["runs"][0]["results"].as_array().unwrap();
        let uris = |rule: &str| -> Vec<&str> {
            results
                .iter()
                .filter(|r| r["ruleId"] == rule)
                .flat_map(|r| r["locations"].as_array().unwrap())
                .map(|l| {
                    l["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap()
                })
                .collect()
        };
        let read = uris("foreign-read");
        assert!(read.contains(&"deploy/services.yaml"), "{read:?}");
        assert!(
            read.iter()
                .all(|uri| ["deploy/services.yaml", "schema"].contains(uri)),
            "{read:?}"
        );
        // The diagnostic is a result too, in the pane's own name when it has no file.
        assert_eq!(uris(INPUT_RULE), ["schema"]);
        let rules = value["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), 13);
        assert_eq!(rules[12]["id"], INPUT_RULE);
    }
}
