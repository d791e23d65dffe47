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
            message: message.into(),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: message.into(),
        }
    }

    /// An informational note at `span`.
    pub fn info(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            span,
            message: message.into(),
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

/// Names the closest candidate to `name`, for "did you mean" hints (None when nothing is close).
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let name = name.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = levenshtein(&name, &candidate.to_lowercase());
        let limit = (name.chars().count().max(3) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance (insertions, deletions, substitutions of characters) between `a` and `b`,
/// computed one row of the classic table at a time.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // previous[j]: the distance between the characters of `a` read so far and b[..j].
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        // `left` is current[j], the cell just written.
        let mut left = i + 1;
        current.push(left);
        // `diagonal` is previous[j] and `above` previous[j + 1].
        let diagonals = previous.iter().zip(previous.iter().skip(1));
        for (cb, (&diagonal, &above)) in b.iter().zip(diagonals) {
            let substitution = diagonal + usize::from(ca != *cb);
            left = substitution.min(left + 1).min(above + 1);
            current.push(left);
        }
        previous = current;
    }
    // The row always holds b.len() + 1 cells, so the last one is there.
    previous.last().copied().unwrap_or_default()
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
