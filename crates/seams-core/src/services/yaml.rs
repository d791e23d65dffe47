//! YAML 1.2 (and so JSON, which is a subset of it) read into a small tree whose every node knows
//! its line and column, using `saphyr-parser`'s event stream.
//!
//! The tree is built with an explicit stack (no recursion), aliases are expanded against a node
//! budget (so "billion laughs" alias bombs stop at [`MAX_NODES`]) and nesting is capped at
//! [`MAX_DEPTH`]. A syntax error becomes one diagnostic at the parser's position and whatever was
//! read before it is kept, so the services declared above a typo still count.

use crate::diagnostic::Diagnostic;
use crate::source::{Pane, Span};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use std::collections::BTreeMap;

/// Most nodes a document may have, counting every alias expansion, unless its text is longer:
/// then the budget is one node per byte of text ([`node_budget`]), so a file of written-out
/// services reads whole at any size under the pane cap while aliases still cannot multiply it.
pub const MAX_NODES: usize = 20_000;

/// The node budget of `text`: [`MAX_NODES`], or its length in bytes when that is larger. Written
/// nodes take at least a byte each, so only alias expansion can reach it.
pub fn node_budget(text: &str) -> usize {
    MAX_NODES.max(text.len())
}

/// Deepest nesting of lists and mappings read (a services file needs about six levels).
pub const MAX_DEPTH: usize = 64;

/// One node of the document, with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Where it starts (for a block scalar: where its content starts).
    pub span: Span,
}

/// The three YAML node kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar: text with the style it was written in.
    Scalar(Scalar),
    /// A list.
    Sequence(Vec<Node>),
    /// A mapping, entries in file order (duplicates kept: the reader reports them).
    Mapping(Vec<Entry>),
}

/// One `key: value` entry of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key node.
    pub key: Node,
    /// The value node.
    pub value: Node,
}

/// A scalar as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The scalar's value (escapes resolved, block scalars folded as YAML says).
    pub text: String,
    /// How it was written; only plain scalars can be numbers, booleans or null.
    pub style: ScalarStyle,
}

/// What a scalar means under the YAML 1.2 core schema (only what the reader needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarMeaning {
    /// `~`, `null`, or nothing.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer or a float.
    Number,
    /// Anything else: text.
    Text,
}

impl Scalar {
    /// The scalar's meaning under the core schema.
    pub fn meaning(&self) -> ScalarMeaning {
        if self.style != ScalarStyle::Plain {
            return ScalarMeaning::Text;
        }
        let text = self.text.as_str();
        match text {
            "" | "~" | "null" | "Null" | "NULL" => ScalarMeaning::Null,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarMeaning::Bool,
            _ if looks_numeric(text) => ScalarMeaning::Number,
            _ => ScalarMeaning::Text,
        }
    }
}

fn looks_numeric(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let body = lower
        .strip_prefix('-')
        .or_else(|| lower.strip_prefix('+'))
        .unwrap_or(&lower);
    if matches!(body, ".inf" | ".nan") {
        return true;
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(octal) = body.strip_prefix("0o") {
        return !octal.is_empty() && octal.chars().all(|c| c.is_digit(8));
    }
    is_decimal(body)
}

/// True for YAML 1.2's decimal form, `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, checked
/// by hand: `str::parse::<f64>` would do, but pulls about 16 KB (gzip) of float tables into the
/// page for a yes/no answer.
fn is_decimal(text: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (
            text.get(..at).unwrap_or(""),
            Some(text.get(at + 1..).unwrap_or("")),
        ),
        None => (text, None),
    };
    let whole = digits(mantissa);
    let rest = mantissa.get(whole..).unwrap_or("");
    let mantissa_ok = match rest.strip_prefix('.') {
        Some(fraction) => {
            let places = digits(fraction);
            places == fraction.len() && (whole > 0 || places > 0)
        }
        None => rest.is_empty() && whole > 0,
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e) == e.len()
    });
    mantissa_ok && exponent_ok
}

impl Node {
    /// The scalar, when the node is one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// Whether the node is a null scalar (`~`, `null`, or nothing after the colon).
    pub fn is_null(&self) -> bool {
        self.scalar()
            .is_some_and(|s| s.meaning() == ScalarMeaning::Null)
    }

    /// A short description for messages: "a list", "a mapping", "the number 3", …
    pub fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Sequence(_) => "a list".to_string(),
            NodeKind::Mapping(_) => "a mapping".to_string(),
            NodeKind::Scalar(scalar) => match scalar.meaning() {
                ScalarMeaning::Null => "nothing".to_string(),
                ScalarMeaning::Bool => format!("`{}`", scalar.text),
                ScalarMeaning::Number => format!("the number {}", scalar.text),
                ScalarMeaning::Text => "text".to_string(),
            },
        }
    }

    fn size(&self) -> usize {
        let mut count = 0;
        let mut pending = vec![self];
        while let Some(node) = pending.pop() {
            count += 1;
            match &node.kind {
                NodeKind::Scalar(_) => {}
                NodeKind::Sequence(items) => pending.extend(items),
                NodeKind::Mapping(entries) => {
                    pending.extend(entries.iter().flat_map(|e| [&e.key, &e.value]))
                }
            }
        }
        count
    }
}

/// The first document of a YAML text, with the problems met reading it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The root node; None for an empty text (or one with only comments).
    pub root: Option<Node>,
    /// Syntax errors and limit hits, in the Services pane.
    pub diagnostics: Vec<Diagnostic>,
}

/// A list or mapping being read.
struct Open {
    span: Span,
    anchor: usize,
    container: Container,
}

enum Container {
    Sequence(Vec<Node>),
    Mapping {
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

impl Open {
    fn close(self) -> Node {
        let kind = match self.container {
            Container::Sequence(items) => NodeKind::Sequence(items),
            Container::Mapping { mut entries, key } => {
                // A key whose value was cut off by an error still counts, with no value.
                if let Some(key) = key {
                    let value = Node {
                        kind: NodeKind::Scalar(Scalar {
                            text: String::new(),
                            style: ScalarStyle::Plain,
                        }),
                        span: key.span,
                    };
                    entries.push(Entry { key, value });
                }
                NodeKind::Mapping(entries)
            }
        };
        Node {
            kind,
            span: self.span,
        }
    }
}

/// Builds the tree from events, keeping count of nodes and depth.
struct Builder<'t> {
    text: &'t str,
    stack: Vec<Open>,
    anchors: BTreeMap<usize, Node>,
    nodes: usize,
    budget: usize,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    /// Whether every document is read (`read_all`); otherwise a second one stops the reading.
    all: bool,
    /// The documents finished before the current one (only when `all`).
    finished: Vec<Node>,
}

/// Why reading stopped early.
enum Stop {
    /// The first document is complete; a second one follows.
    SecondDocument(Span),
    /// A limit or error; its diagnostic is already recorded.
    Failed,
}

/// Reads the first YAML document of `text` into a positioned tree. Never fails.
pub fn read(text: &str) -> Document {
    let (mut documents, diagnostics) = build(text, false);
    Document {
        root: documents.pop(),
        diagnostics,
    }
}

/// Reads every YAML document of `text` (Kubernetes manifests hold several, split by `---`),
/// under one node budget for the whole text (an empty document is a null scalar). Never fails: after
/// an error, the documents read before it are kept.
pub fn read_all(text: &str) -> (Vec<Node>, Vec<Diagnostic>) {
    build(text, true)
}

/// The documents read from `text` (at most one unless `all`) and the problems met.
fn build(text: &str, all: bool) -> (Vec<Node>, Vec<Diagnostic>) {
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        anchors: BTreeMap::new(),
        nodes: 0,
        budget: node_budget(text),
        root: None,
        diagnostics: Vec::new(),
        all,
        finished: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => {
                builder.syntax_error(error.info(), *error.marker());
                break;
            }
        };
        let at = span_of(span.start);
        match builder.event(event, at) {
            Ok(true) => continue,
            Ok(false) => break,
            Err(Stop::SecondDocument(at)) => {
                builder.diagnostics.push(Diagnostic::warning(
                    at,
                    "a second YAML document starts here; only the first one is read",
                ));
                break;
            }
            Err(Stop::Failed) => break,
        }
    }
    // Keep what was read before an error: close whatever is still open.
    while let Some(open) = builder.stack.pop() {
        let node = open.close();
        if builder.attach(node).is_err() {
            break;
        }
    }
    let mut documents = builder.finished;
    documents.extend(builder.root);
    (documents, builder.diagnostics)
}

/// A parser marker (1-based line, 0-based column) as a Services-pane span.
fn span_of(marker: Marker) -> Span {
    let line = u32::try_from(marker.line()).unwrap_or(u32::MAX).max(1);
    let column = u32::try_from(marker.col().saturating_add(1)).unwrap_or(u32::MAX);
    Span::new(Pane::Services, line, column)
}

impl Builder<'_> {
    /// Handles one event; `Ok(false)` ends the stream normally.
    fn event(&mut self, event: Event<'_>, at: Span) -> Result<bool, Stop> {
        match event {
            Event::StreamEnd => return Ok(false),
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                if self.all {
                    // Anchors belong to their document.
                    self.finished.extend(self.root.take());
                    self.anchors.clear();
                } else if self.root.is_some() {
                    return Err(Stop::SecondDocument(at));
                }
            }
            Event::Alias(id) => {
                let Some(size) = self.anchors.get(&id).map(Node::size) else {
                    self.diagnostics
                        .push(Diagnostic::error(at, "this alias names no anchor"));
                    return Err(Stop::Failed);
                };
                // Count before copying, so a bomb is refused before it is built.
                self.count(size, at)?;
                let Some(mut copy) = self.anchors.get(&id).cloned() else {
                    return Err(Stop::Failed);
                };
                copy.span = at;
                self.attach(copy)?;
            }
            Event::Scalar(text, style, anchor, _tag) => {
                self.count(1, at)?;
                let node = Node {
                    kind: NodeKind::Scalar(Scalar {
                        text: text.into_owned(),
                        style,
                    }),
                    span: at,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.attach(node)?;
            }
            Event::SequenceStart(anchor, _tag) => {
                self.open(at, anchor, Container::Sequence(Vec::new()))?;
            }
            Event::MappingStart(anchor, _tag) => {
                let container = Container::Mapping {
                    entries: Vec::new(),
                    key: None,
                };
                self.open(at, anchor, container)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    let anchor = open.anchor;
                    let node = open.close();
                    if anchor > 0 {
                        self.anchors.insert(anchor, node.clone());
                    }
                    self.attach(node)?;
                }
            }
        }
        Ok(true)
    }

    fn open(&mut self, at: Span, anchor: usize, container: Container) -> Result<(), Stop> {
        self.count(1, at)?;
        if self.stack.len() >= MAX_DEPTH {
            self.diagnostics.push(Diagnostic::error(
                at,
                format!("nesting deeper than {MAX_DEPTH} levels; the rest of the file is not read"),
            ));
            return Err(Stop::Failed);
        }
        self.stack.push(Open {
            span: at,
            anchor,
            container,
        });
        Ok(())
    }

    /// Adds `nodes` to the budget, or records why the file is too big.
    fn count(&mut self, nodes: usize, at: Span) -> Result<(), Stop> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.budget {
            self.diagnostics.push(Diagnostic::error(
                at,
                format!(
                    "the file expands to more than {} YAML nodes (aliases included); \
                     the rest is not read",
                    self.budget
                ),
            ));
            return Err(Stop::Failed);
        }
        Ok(())
    }

    /// Puts a finished node in its parent (or makes it the root).
    fn attach(&mut self, node: Node) -> Result<(), Stop> {
        let Some(parent) = self.stack.last_mut() else {
            if self.root.is_some() {
                return Err(Stop::SecondDocument(node.span));
            }
            self.root = Some(node);
            return Ok(());
        };
        match &mut parent.container {
            Container::Sequence(items) => items.push(node),
            Container::Mapping { entries, key } => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry {
                    key: k,
                    value: node,
                }),
            },
        }
        Ok(())
    }

    /// Records a syntax error. Tab problems point at the first tab used for indentation at or
    /// after the parser's position, which is where the person has to look.
    fn syntax_error(&mut self, info: &str, marker: Marker) {
        let mut at = span_of(marker);
        let mut message = format!("YAML syntax error: {info}");
        if info.contains("tab") {
            if let Some(tab) = indentation_tab(self.text, at.line.saturating_sub(1)) {
                at = tab;
                message = "a tab is used for indentation here; YAML indents with spaces".into();
            }
        } else if let Some(word) = unquoted_brace_word(self.text, at.line) {
            message.push_str(&format!(
                "; an unquoted `{{` starts a YAML mapping, which cut the file here: quote the value, e.g. \"{word}\""
            ));
        }
        self.diagnostics.push(Diagnostic::error(at, message));
    }
}

/// The word holding the first `{` outside quotes on 1-based line `line` or the line before
/// it (the parser reports a flow mapping's trouble where it ends): the value a person wrote
/// meaning text, like `/orders/{id}`, that YAML read as the start of a mapping.
fn unquoted_brace_word(text: &str, line: u32) -> Option<&str> {
    let index = line.saturating_sub(1) as usize;
    let lines: Vec<&str> = text.lines().collect();
    [index, index.saturating_sub(1)]
        .into_iter()
        .filter_map(|i| lines.get(i))
        .find_map(|l| brace_word(l))
}

/// The word around the first `{` of `line` that is outside quotes and comments.
fn brace_word(line: &str) -> Option<&str> {
    let mut quote = None;
    let mut brace = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => return None,
            (None, '{') => {
                brace = Some(i);
                break;
            }
            (None, _) => {}
        }
    }
    let brace = brace?;
    let bound = |c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']');
    let start = line.get(..brace)?.rfind(bound).map_or(0, |i| i + 1);
    let end = line
        .get(brace..)?
        .find(bound)
        .map_or(line.len(), |i| brace + i);
    line.get(start..end).filter(|w| !w.is_empty())
}

/// The first tab in a line's leading whitespace, from 1-based line `from` on.
fn indentation_tab(text: &str, from: u32) -> Option<Span> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let column = line
                .chars()
                .take_while(|c| c.is_whitespace())
                .position(|c| c == '\t')?;
            let line = u32::try_from(i + 1).ok()?;
            let column = u32::try_from(column + 1).ok()?;
            Some(Span::new(Pane::Services, line, column))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_all_keeps_every_document_and_their_own_anchors() {
        let text = "a: &x 1\nb: *x\n---\n---\nc: 2\n---\nd: *x\n";
        let (documents, diagnostics) = read_all(text);
        let lines: Vec<u32> = documents.iter().map(|d| d.span.line).collect();
        // The empty second document is a null scalar; the last one's alias names no anchor of
        // its own document, so reading stops there with an error.
        assert_eq!(lines.first(), Some(&1));
        assert!(documents.iter().any(|d| d.span.line == 5));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(read("a: 1\n---\nb: 2\n").diagnostics.len(), 1);
    }

    #[test]
    fn decimals_are_numbers_and_words_are_not() {
        for number in ["1", "12.5", ".5", "5.", "1e3", "1.5E-3", "0"] {
            assert!(is_decimal(number), "{number}");
        }
        for word in [
            "", ".", "e3", "1e", "1.2.3", "12a", "1e+", "inf", "1_000", " 1",
        ] {
            assert!(!is_decimal(word), "{word}");
        }
        assert!(looks_numeric("-0x1F") && looks_numeric("+.inf") && looks_numeric("-2.5e2"));
        assert!(!looks_numeric("-") && !looks_numeric("v1") && !looks_numeric("1.0.0"));
    }

    /// Renders a document as one line per node (`line:column kind value`) plus diagnostics.
    fn check(text: &str, expected: &str) {
        let document = read(text);
        let mut out = Vec::new();
        if let Some(root) = &document.root {
            render(root, 0, &mut out);
        }
        for d in &document.diagnostics {
            out.push(d.to_string());
        }
        assert_eq!(out.join("\n"), expected.trim(), "for {text:?}");
    }

    fn render(node: &Node, depth: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(depth);
        let at = format!("{}:{}", node.span.line, node.span.column);
        match &node.kind {
            NodeKind::Scalar(s) => out.push(format!("{pad}{at} {:?}", s.text)),
            NodeKind::Sequence(items) => {
                out.push(format!("{pad}{at} list"));
                for item in items {
                    render(item, depth + 1, out);
                }
            }
            NodeKind::Mapping(entries) => {
                out.push(format!("{pad}{at} map"));
                for e in entries {
                    render(&e.key, depth + 1, out);
                    render(&e.value, depth + 2, out);
                }
            }
        }
    }

    #[test]
    fn block_and_flow_nodes_carry_positions() {
        check(
            "a:\n  - x\n  - 'y'\nb: {c: 1}\n",
            r#"
1:1 map
  1:1 "a"
    2:3 list
      2:5 "x"
      3:5 "y"
  4:1 "b"
    4:4 map
      4:5 "c"
        4:8 "1"
"#,
        );
    }

    #[test]
    fn json_with_tab_indentation_is_read() {
        check(
            "{\n\t\"a\": [1]\n}",
            r#"
1:1 map
  2:2 "a"
    2:7 list
      2:8 "1"
"#,
        );
    }

    #[test]
    fn tab_indentation_points_at_the_tab() {
        check(
            "a:\n  b: 1\n\tc: 2\n",
            r#"
1:1 map
  1:1 "a"
    2:3 map
      2:3 "b"
        2:3 ""
services:3:1: error: a tab is used for indentation here; YAML indents with spaces
"#,
        );
    }

    #[test]
    fn syntax_error_keeps_what_was_read() {
        check(
            "a: x\nb: [y\n",
            r#"
1:1 map
  1:1 "a"
    1:4 "x"
  2:1 "b"
    2:4 list
      2:5 "y"
services:3:1: error: YAML syntax error: while parsing a flow sequence, expected ',' or ']'
"#,
        );
    }

    #[test]
    fn an_unquoted_brace_suggests_quoting_the_value() {
        let hint = |text: &str| {
            read(text)
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let list = hint("a:\n  apis:\n    - GET x\n    - {id}/orders\n  reads: [y]\n");
        assert!(list.contains("services:4:"), "{list}");
        assert!(
            list.ends_with("quote the value, e.g. \"{id}/orders\""),
            "{list}"
        );
        let value = hint("a:\n  path: {id}/orders\n  reads: [x]\n");
        assert!(value.contains("e.g. \"{id}/orders\""), "{value}");
        let flow = hint("a:\n  apis: [GET /orders/{id}, b]\n");
        assert!(flow.contains("e.g. \"/orders/{id}\""), "{flow}");
        // A quoted brace, or one in a comment, is not the cause.
        assert_eq!(brace_word("  path: '/orders/{id}'"), None);
        assert_eq!(brace_word("  a: [x  # {id}"), None);
        // Other syntax errors keep their plain message.
        assert!(!hint("a: x\nb: [y\n").contains("quote"));
    }

    #[test]
    fn aliases_expand_and_second_documents_are_reported() {
        check(
            "x: &a [1]\ny: *a\n---\nz: 2\n",
            r#"
1:1 map
  1:1 "x"
    1:4 list
      1:8 "1"
  2:1 "y"
    2:4 list
      1:8 "1"
services:3:1: warning: a second YAML document starts here; only the first one is read
"#,
        );
    }

    #[test]
    fn alias_bomb_stops_at_the_node_cap_with_a_diagnostic() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let document = read(&text);
        assert_eq!(document.diagnostics.len(), 1);
        assert!(document.diagnostics[0]
            .message
            .contains("more than 20000 YAML nodes"));
    }

    #[test]
    fn a_long_written_out_file_is_read_whole() {
        // 30,000 services are 60,001 written nodes: over MAX_NODES, but no alias multiplied
        // them, so the file (under the pane cap) is read to its end.
        let mut text = String::from("services:\n");
        for i in 0..30_000 {
            text.push_str(&format!("  s{i}: {{}}\n"));
        }
        let document = read(&text);
        assert_eq!(document.diagnostics, vec![]);
        let Some(Node {
            kind: NodeKind::Mapping(top),
            ..
        }) = document.root
        else {
            panic!("no mapping")
        };
        let Node {
            kind: NodeKind::Mapping(services),
            ..
        } = &top[0].value
        else {
            panic!("no services mapping")
        };
        assert_eq!(services.len(), 30_000);
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let block = format!("{}x\n", "- ".repeat(100));
        let document = read(&block);
        assert_eq!(
            document.diagnostics[0].to_string(),
            "services:1:129: error: nesting deeper than 64 levels; the rest of the file is not read"
        );
        // Flow nesting is stopped by the scanner itself (at 256 levels).
        let flow = "[".repeat(10_000);
        let document = read(&flow);
        assert_eq!(
            document.diagnostics[0].message,
            "YAML syntax error: recursion limit exceeded"
        );
    }

    #[test]
    fn scalar_meanings_follow_the_core_schema() {
        let meaning = |text: &str, style| {
            Scalar {
                text: text.into(),
                style,
            }
            .meaning()
        };
        assert_eq!(meaning("", ScalarStyle::Plain), ScalarMeaning::Null);
        assert_eq!(meaning("~", ScalarStyle::Plain), ScalarMeaning::Null);
        assert_eq!(meaning("true", ScalarStyle::Plain), ScalarMeaning::Bool);
        assert_eq!(meaning("12", ScalarStyle::Plain), ScalarMeaning::Number);
        assert_eq!(meaning("-1.5e3", ScalarStyle::Plain), ScalarMeaning::Number);
        assert_eq!(meaning("0x1F", ScalarStyle::Plain), ScalarMeaning::Number);
        assert_eq!(
            meaning("12", ScalarStyle::DoubleQuoted),
            ScalarMeaning::Text
        );
        assert_eq!(meaning("users", ScalarStyle::Plain), ScalarMeaning::Text);
        assert_eq!(meaning("inf", ScalarStyle::Plain), ScalarMeaning::Text);
    }
}
