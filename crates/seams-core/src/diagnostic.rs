//! Diagnostics are data: severity, where, and a message. Broken input is never an error value;
//! it is a diagnostic beside whatever could still be read.

use crate::source::{Pane, Span};
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something could not be read at all; the rest still counts.
    Error,
    /// Something was read with a guess or was recovered; worth a look.
    Warning,
    /// Worth knowing (for example a statement skipped on purpose).
    Info,
}

/// One message about the input, pointing at pane, line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// One sentence for a person.
    pub message: String,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: shorten_quoted(message.into()),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: shorten_quoted(message.into()),
        }
    }

    /// An informational note at `span`.
    pub fn info(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            span,
            message: shorten_quoted(message.into()),
        }
    }

    /// The pane the diagnostic belongs to.
    pub fn pane(&self) -> Pane {
        self.span.pane
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.span.pane.as_str(),
            self.span.line,
            self.span.column,
            severity,
            self.message
        )
    }
}

/// The longest quoted word a message repeats in full. A longer one (a 4 MB "table name" pasted by
/// accident) is shown as its first characters, an ellipsis and its length, so a diagnostic stays
/// one readable line and costs nothing to draw.
pub const MAX_QUOTED_CHARS: usize = 60;

/// `message` with every `` `quoted` `` part longer than [`MAX_QUOTED_CHARS`] characters cut to
/// an excerpt. Every diagnostic goes through this, so no reader has to remember to.
fn shorten_quoted(message: String) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    // Odd parts sit between a pair of backticks; a trailing unpaired one is left as it is.
    let quoted_long = |(i, part): (usize, &&str)| {
        i % 2 == 1 && i + 1 < parts.len() && part.chars().count() > MAX_QUOTED_CHARS
    };
    if !parts.iter().enumerate().any(quoted_long) {
        return message;
    }
    let mut out = String::with_capacity(MAX_QUOTED_CHARS * parts.len());
    // The length of the quoted part just cut, said after its closing backtick.
    let mut cut_length = None;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        if let Some(length) = cut_length.take() {
            out.push_str(&format!(" ({length} characters)"));
        }
        if quoted_long((i, part)) {
            out.extend(part.chars().take(MAX_QUOTED_CHARS));
            out.push('…');
            cut_length = Some(part.chars().count());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Names longer than this get no "did you mean": no SQL dialect allows such identifiers (the
/// longest, SQL Server's, is 128), and comparing them would only cost time.
const MAX_SUGGESTED_NAME_CHARS: usize = 128;

/// At most this many candidates are compared with a name, in the order given (so the answer is
/// still deterministic). A schema with more names than this gets hints from its first ones.
const MAX_SUGGESTION_CANDIDATES: usize = 20_000;

/// Names the closest candidate to `name`, for "did you mean" hints (None when nothing is close).
///
/// Bounded work whatever the input: a name may differ from its suggestion by at most a third of
/// its length, so candidates whose length differs by more are skipped unread, names longer than
/// [`MAX_SUGGESTED_NAME_CHARS`] get no hint, at most [`MAX_SUGGESTION_CANDIDATES`] candidates are
/// compared, and each comparison computes only the band of the edit-distance table within that
/// limit of its diagonal, stopping as soon as a whole row is over it. So one call costs at most
/// candidates × 128 × 87 steps, never the square of a 100 KB name.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    did_you_mean_counting(name, candidates, &mut 0)
}

/// [`did_you_mean`], adding the number of table cells it computed to `cells` (for tests of the
/// bound).
fn did_you_mean_counting<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    cells: &mut usize,
) -> Option<&'a str> {
    let typed = name;
    let name: Vec<char> = name.to_ascii_lowercase().chars().collect();
    if name.len() > MAX_SUGGESTED_NAME_CHARS {
        return None;
    }
    let limit = (name.len().max(3) / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates.into_iter().take(MAX_SUGGESTION_CANDIDATES) {
        // Never suggest the name that was typed.
        if candidate == typed {
            continue;
        }
        // A length difference is a lower bound of the distance: skip without reading further.
        let length = candidate.chars().take(name.len() + limit + 1).count();
        if length.abs_diff(name.len()) > limit {
            continue;
        }
        let lowered: Vec<char> = candidate.to_ascii_lowercase().chars().collect();
        let Some(distance) = bounded_levenshtein(&name, &lowered, limit, cells) else {
            continue;
        };
        if best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance (insertions, deletions, substitutions of characters) between `a` and `b`
/// when it is at most `limit`, else `None`. Only cells within `limit` of the diagonal can hold a
/// distance that small, so only those are computed (others count as over the limit), one row at
/// a time, stopping when a row has no cell within the limit.
fn bounded_levenshtein(a: &[char], b: &[char], limit: usize, cells: &mut usize) -> Option<usize> {
    let over = limit + 1;
    // previous[j]: the distance between the characters of `a` read so far and b[..j].
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let from = row.saturating_sub(limit);
        let to = (row + limit).min(b.len());
        let mut current = vec![over; b.len() + 1];
        if let Some(first) = current.first_mut() {
            *first = row.min(over);
        }
        let mut best = if from == 0 { row.min(over) } else { over };
        for j in from.max(1)..=to {
            *cells += 1;
            let diagonal = previous.get(j - 1).copied().unwrap_or(over);
            let above = previous.get(j).copied().unwrap_or(over);
            let left = current.get(j - 1).copied().unwrap_or(over);
            let substitution = diagonal + usize::from(b.get(j - 1) != Some(ca));
            let cell = substitution.min(left + 1).min(above + 1).min(over);
            if let Some(slot) = current.get_mut(j) {
                *slot = cell;
            }
            best = best.min(cell);
        }
        if best > limit {
            return None;
        }
        previous = current;
    }
    previous.last().copied().filter(|&d| d <= limit)
}

/// The edit distance between `a` and `b`, unbounded (tests compare the banded one with it).
#[cfg(test)]
fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let limit = a.len().max(b.len());
    bounded_levenshtein(&a, &b, limit, &mut 0).unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let names = ["users", "messages", "orders"];
        assert_eq!(did_you_mean("user", names), Some("users"));
        assert_eq!(did_you_mean("mesages", names), Some("messages"));
        assert_eq!(did_you_mean("payments", names), None);
        // Never the name that was typed, even when it is among the candidates.
        assert_eq!(did_you_mean("users", ["users"]), None);
        assert_eq!(did_you_mean("user", ["user", "users"]), Some("users"));
    }

    #[test]
    fn a_huge_name_costs_no_comparison_and_is_quoted_short() {
        // The short-link freeze: 3,000 tables and a 100 KB unknown name. Before the bound, every
        // candidate cost a full 100,000 × 7 table; now the name is too long to be a typo.
        let tables: Vec<String> = (0..3_000).map(|i| format!("table_{i}")).collect();
        let huge = "x".repeat(100_000);
        let mut cells = 0;
        let hint = did_you_mean_counting(&huge, tables.iter().map(String::as_str), &mut cells);
        assert_eq!((hint, cells), (None, 0));
        let d = Diagnostic::error(
            Span::new(Pane::Schema, 1, 1),
            format!("unknown table `{huge}`"),
        );
        assert_eq!(
            d.message,
            format!(
                "unknown table `{}…` (100000 characters)",
                "x".repeat(MAX_QUOTED_CHARS)
            )
        );
        let short = Diagnostic::warning(
            Span::new(Pane::Services, 2, 3),
            "unknown table `usr` (did you mean `users`?)",
        );
        assert_eq!(short.message, "unknown table `usr` (did you mean `users`?)");
    }

    #[test]
    fn work_per_candidate_is_bounded_by_the_band() {
        // A 128-character name against a candidate of its length: at most 128 rows of
        // 2 × 42 + 1 cells, not 128 × 128.
        let name = "ab".repeat(64);
        let candidate = "ba".repeat(64);
        let mut cells = 0;
        did_you_mean_counting(&name, [candidate.as_str()], &mut cells);
        assert!(cells > 0 && cells <= 128 * 85, "{cells}");
    }

    #[test]
    fn only_the_first_candidates_are_compared() {
        // 40,000 candidates that all pass the length filter: only the first 20,000 are read, each
        // costing at most 6 rows of 5 cells.
        let candidates: Vec<String> = (0..40_000).map(|i| format!("ab{i:05}")).collect();
        let mut cells = 0;
        let hint =
            did_you_mean_counting("ab0000", candidates.iter().map(String::as_str), &mut cells);
        assert_eq!(hint, Some("ab00000"));
        assert!(cells >= MAX_SUGGESTION_CANDIDATES, "{cells}");
        assert!(cells <= MAX_SUGGESTION_CANDIDATES * 6 * 5, "{cells}");
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one_within_the_limit() {
        let words = [
            "users",
            "user",
            "usres",
            "messages",
            "mesages",
            "",
            "a",
            "café",
            "cafe",
            "orders",
            "order_items",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = levenshtein(a, b);
                for limit in 0..6 {
                    let banded = bounded_levenshtein(&ca, &cb, limit, &mut 0);
                    assert_eq!(
                        banded,
                        (full <= limit).then_some(full),
                        "{a:?} {b:?} limit {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn counts_edits_between_names() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("flaw", "lawn"), 2);
        assert_eq!(levenshtein("café", "cafe"), 1);
        assert_eq!(levenshtein("users", "users"), 0);
    }
}
