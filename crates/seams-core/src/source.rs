//! Where a fact came from: the input pane and a 1-based line and column.
//!
//! Every element of the model carries a [`Span`] so a finding or a click can point back at text.

use serde::{Deserialize, Serialize};

/// One of the three input panes of the page (or input files of the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pane {
    /// SQL DDL.
    Schema,
    /// The services file (YAML or JSON).
    Services,
    /// ORM model sources.
    Models,
}

impl Pane {
    /// The lowercase name used in JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Pane::Schema => "schema",
            Pane::Services => "services",
            Pane::Models => "models",
        }
    }
}

/// A position in one pane: 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The pane the text is in.
    pub pane: Pane,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Span {
    /// A span at `line:column` of `pane`.
    pub fn new(pane: Pane, line: u32, column: u32) -> Self {
        Span { pane, line, column }
    }

    /// The start of a pane, for facts with no better place.
    pub fn start(pane: Pane) -> Self {
        Span {
            pane,
            line: 1,
            column: 1,
        }
    }
}

/// Maps byte offsets of one text to 1-based line and column (in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The 1-based line and column of byte `offset` in `text` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line as u32 + 1, column as u32 + 1)
    }

    /// The span of byte `offset` in `text`, in `pane`.
    pub fn span(&self, pane: Pane, text: &str, offset: usize) -> Span {
        let (line, column) = self.position(text, offset);
        Span::new(pane, line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        // 'd' is after the two-byte 'ç'
        assert_eq!(index.position(text, 5), (2, 2));
        assert_eq!(index.position(text, 8), (4, 1));
        assert_eq!(index.position(text, 999), (4, 2));
    }
}
