//! The Markdown report of one stage (score table and findings by severity) for wikis, pull
//! requests and issues; every user-supplied name goes through [`markdown_text`].

use crate::diagnostic::Severity;
use crate::findings::{Dimension, Finding};
use crate::order;

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
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) =
        view.findings.iter().partition(|f| f.accepted.is_some());
    if open.is_empty() {
        out.push_str("## Findings\n\nNo findings.\n");
    } else {
        out.push_str(&format!("## Findings ({})\n", open.len()));
    }
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        let mut group: Vec<&Finding> = open
            .iter()
            .copied()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        order::sort(&mut group);
        out.push_str(&format!("\n### {heading} ({})\n\n", group.len()));
        out.push_str(
            "| rule | message | elements | fixed by stage |\n| --- | --- | --- | ---: |\n",
        );
        for f in group {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.rule.as_str(),
                markdown_text(&f.message),
                elements(f),
                f.fixed_by_stage
            ));
        }
    }
    if !accepted.is_empty() {
        out.push_str(&format!(
            "\n## Accepted ({}, not scored)\n\n| rule | message | elements | reason |\n| --- | --- | --- | --- |\n",
            accepted.len()
        ));
        for f in accepted {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                f.rule.as_str(),
                markdown_text(&f.message),
                elements(f),
                markdown_text(f.accepted.as_deref().unwrap_or_default())
            ));
        }
    }
    out
}

/// The finding's element ids, escaped and joined.
fn elements(finding: &Finding) -> String {
    let names: Vec<String> = finding.elements.iter().map(|e| markdown_text(e)).collect();
    names.join(", ")
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

    const SEED_SERVICES: &str = include_str!("../../../../examples/seed/services.yaml");

    #[test]
    fn accepted_findings_are_listed_apart_with_their_reason() {
        let services = format!(
            "{SEED_SERVICES}accept:\n  - rule: foreign-read\n    elements: [app-a]\n    reason: by *design*\n"
        );
        let text = report(&services, 0);
        let (open, accepted) = text.split_once("## Accepted (1, not scored)").unwrap();
        assert!(!open.contains("| foreign-read | "), "{text}");
        assert!(
            accepted.contains("| foreign-read | ") && accepted.contains("| by \\*design\\* |"),
            "{text}"
        );
    }

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
