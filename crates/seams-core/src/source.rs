//! Where a fact came from: the input pane and a 1-based line and column, and the named sources
//! (files) a pane is made of.
//!
//! Every element of the model carries a [`Span`] so a finding or a click can point back at text.
//! A span is a position in a pane (what the page's editor marks); [`Sources`] maps it to the
//! file and line the user wrote (what reports print): the CLI concatenates several files into one
//! pane, and the Models pane is several files behind `# path` headers.

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

/// One named source inside a pane: a file the user wrote, placed at a pane line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    /// The pane it is in.
    pub pane: Pane,
    /// The first pane line that belongs to it (a header line naming it, or its line 1).
    pub start: u32,
    /// The pane line holding the file's line 1 (`start`, or the line after its header).
    pub first_line: u32,
    /// The file's name as the user gave it (a path, forward slashes).
    pub name: String,
}

/// Where a span is in the user's own files: the file (the pane's name when the pane is not
/// made of named sources), the line in that file, the column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    /// The pane the text is in.
    pub pane: Pane,
    /// The file, or the pane's name (`schema`) when it has none.
    pub file: String,
    /// 1-based line in that file.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Location {
    /// Whether the location names a file rather than only its pane.
    pub fn in_file(&self) -> bool {
        self.file != self.pane.as_str()
    }
}

/// The named sources of every pane, sorted by pane and start line. A pane line before its pane's
/// first source, or a pane with no sources, belongs to the pane itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    sources: Vec<Source>,
}

impl Sources {
    /// Sources from a list, in any order (of two with the same pane and start, the first stays).
    pub fn new(sources: Vec<Source>) -> Self {
        let mut map = Sources::default();
        for source in sources {
            map.insert(source);
        }
        map
    }

    /// Adds `source` at its place in the order (by insertion rather than a sort: the page's
    /// bundle pays for every new instantiation of the sort).
    fn insert(&mut self, source: Source) {
        let at = self
            .sources
            .partition_point(|s| (s.pane, s.start) < (source.pane, source.start));
        let taken = self
            .sources
            .get(at)
            .is_some_and(|s| (s.pane, s.start) == (source.pane, source.start));
        if !taken {
            self.sources.insert(at, source);
        }
    }

    /// Adds the sources of `pane` from `other` when this map has none for it.
    pub fn fill(&mut self, pane: Pane, other: impl IntoIterator<Item = Source>) {
        if self.sources.iter().any(|s| s.pane == pane) {
            return;
        }
        for source in other.into_iter().filter(|s| s.pane == pane) {
            self.insert(source);
        }
    }

    /// Every source, sorted by pane and start line.
    pub fn list(&self) -> &[Source] {
        &self.sources
    }

    /// The source a pane line belongs to, if any.
    pub fn source(&self, pane: Pane, line: u32) -> Option<&Source> {
        let end = self
            .sources
            .partition_point(|s| (s.pane, s.start) <= (pane, line));
        self.sources
            .get(..end)
            .and_then(<[Source]>::last)
            .filter(|s| s.pane == pane)
    }

    /// Where `span` is in the user's files: a header line counts as its file's line 1.
    pub fn locate(&self, span: Span) -> Location {
        match self.source(span.pane, span.line) {
            Some(source) => {
                let inside = span.line >= source.first_line;
                Location {
                    pane: span.pane,
                    file: source.name.clone(),
                    line: if inside {
                        span.line - source.first_line + 1
                    } else {
                        1
                    },
                    column: if inside { span.column } else { 1 },
                }
            }
            None => Location {
                pane: span.pane,
                file: span.pane.as_str().to_string(),
                line: span.line,
                column: span.column,
            },
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

    fn source(pane: Pane, start: u32, first_line: u32, name: &str) -> Source {
        Source {
            pane,
            start,
            first_line,
            name: name.into(),
        }
    }

    fn at(sources: &Sources, pane: Pane, line: u32) -> (String, u32, u32) {
        let l = sources.locate(Span::new(pane, line, 4));
        (l.file, l.line, l.column)
    }

    #[test]
    fn pane_lines_map_back_to_their_files() {
        let sources = Sources::new(vec![
            source(Pane::Schema, 4, 4, "b.sql"),
            source(Pane::Schema, 1, 1, "a.sql"),
            source(Pane::Services, 1, 1, "s.yaml"),
            // m.py had no header: line 1 of the pane is the added comment.
            source(Pane::Models, 1, 2, "m.py"),
            source(Pane::Models, 8, 8, "n.py"),
        ]);
        let f = |pane, line| at(&sources, pane, line);
        assert_eq!(f(Pane::Schema, 1), ("a.sql".into(), 1, 4));
        assert_eq!(f(Pane::Schema, 3), ("a.sql".into(), 3, 4));
        assert_eq!(f(Pane::Schema, 4), ("b.sql".into(), 1, 4));
        assert_eq!(f(Pane::Schema, 13), ("b.sql".into(), 10, 4));
        assert_eq!(f(Pane::Services, 5), ("s.yaml".into(), 5, 4));
        // The added header is the file's line 1, column 1.
        assert_eq!(f(Pane::Models, 1), ("m.py".into(), 1, 1));
        assert_eq!(f(Pane::Models, 3), ("m.py".into(), 2, 4));
        assert_eq!(f(Pane::Models, 9), ("n.py".into(), 2, 4));
    }

    #[test]
    fn a_pane_without_sources_is_its_own_file() {
        let mut sources = Sources::new(vec![source(Pane::Models, 3, 4, "app/m.py")]);
        assert_eq!(at(&sources, Pane::Schema, 7), ("schema".into(), 7, 4));
        // Lines before the first header belong to the pane.
        assert_eq!(at(&sources, Pane::Models, 2), ("models".into(), 2, 4));
        assert!(!sources.locate(Span::new(Pane::Models, 2, 1)).in_file());
        assert!(sources.locate(Span::new(Pane::Models, 5, 1)).in_file());
        // Filling a pane that already has sources changes nothing; an empty one takes them.
        sources.fill(Pane::Models, [source(Pane::Models, 1, 1, "x.py")]);
        sources.fill(Pane::Schema, [source(Pane::Schema, 1, 1, "s.sql")]);
        assert_eq!(at(&sources, Pane::Models, 5), ("app/m.py".into(), 2, 4));
        assert_eq!(at(&sources, Pane::Schema, 7), ("s.sql".into(), 7, 4));
    }
}
