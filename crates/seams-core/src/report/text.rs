//! `seams check --format text` and `seams evolve --format text`: aligned summaries for
//! terminals, in ANSI colours when asked.

use super::{summary, Checked};
use crate::diagnostic::{Diagnostic, Severity};
use crate::evolution::ChangeKind;
use crate::findings::{Dimension, Finding};
use crate::model::Architecture;
use crate::pipeline::Analysis;
use crate::source::Sources;

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
    let checked = Checked::of(architecture);
    let mut out = summary_text(architecture, &checked.diagnostics);
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
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) =
        checked.findings.iter().partition(|f| f.accepted.is_some());
    let rule_width = checked
        .findings
        .iter()
        .map(|f| f.rule.as_str().len())
        .max()
        .unwrap_or(0);
    let line = |f: &Finding| {
        let (label, code) = match f.severity {
            Severity::Error => ("error", "31"),
            Severity::Warning => ("warning", "33"),
            Severity::Info => ("info", "36"),
        };
        format!(
            "  {} {}  stage {}  {}\n",
            paint(&pad(label, 7), code, color),
            pad(f.rule.as_str(), rule_width),
            f.fixed_by_stage,
            f.message
        )
    };
    if open.is_empty() {
        out.push_str("\nno findings\n");
    } else {
        out.push_str(&format!("\n{} findings:\n", open.len()));
        for f in &open {
            out.push_str(&line(f));
        }
    }
    if !accepted.is_empty() {
        out.push_str(&format!("\n{} accepted (not scored):\n", accepted.len()));
        for f in &accepted {
            out.push_str(&line(f));
            let reason = f.accepted.as_deref().unwrap_or_default();
            out.push_str(&format!("           accepted: {reason}\n"));
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
                "  {}  {:>3} {:>3} {:>6} {:>5} {:>4} {:>7} {:>9}\n",
                pad(crate::ident::id_name(id), name_width),
                m.ca,
                m.ce,
                // Ce / (Ca + Ce) is undefined for a service nothing couples.
                if m.ca + m.ce == 0 {
                    "—".to_string()
                } else {
                    crate::number::fixed(m.instability, 2)
                },
                m.tables_owned,
                m.tables_read,
                m.tables_written,
                m.test_isolation.len()
            ));
        }
    }
    out
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

/// The summary and `diagnostics` part of the text report, each diagnostic at its file and line.
fn summary_text(architecture: &Architecture, diagnostics: &[Diagnostic]) -> String {
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
    if !diagnostics.is_empty() {
        out.push_str(&format!("\n{} diagnostics:\n", diagnostics.len()));
        for d in diagnostics {
            out.push_str(&format!("  {}\n", located(d, &architecture.sources)));
        }
    }
    out
}

/// `file:line:column: severity: message`, the file and line the user wrote (the pane's name and
/// line when the pane has no files).
pub fn located(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let at = sources.locate(diagnostic.span);
    format!(
        "{}:{}:{}: {}: {}",
        at.file,
        at.line,
        at.column,
        super::json::severity_str(diagnostic.severity),
        diagnostic.message
    )
}
