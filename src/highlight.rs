//! Syntax highlighting for the editor panes: small hand-written tokenizers for SQL, YAML/JSON,
//! Python and Java that say which byte ranges of a line are keywords, strings, numbers, comments,
//! quoted identifiers, keys or annotations. Presentation only: nothing here feeds the analysis.
//!
//! Text is tokenized line by line. A [`LineState`] carries what a line leaves open (a block
//! comment, a `$$` body, a triple-quoted string) into the next, so a [`Document`] computes the
//! state at the start of every line in one linear pass and can then highlight any window of lines
//! without reading what comes before it. Every scan advances by at least one byte per step, never
//! indexes out of bounds and ends tokens only at ASCII bytes or the line end, so token ranges are
//! always on character boundaries.
//!
//! Tests: `cargo test -p seams-app highlight`. The module has no dependencies, so they also run
//! standalone: `CARGO_MANIFEST_DIR=$PWD rustc --edition 2021 --test src/highlight.rs -o /tmp/t`.

/// What a pane holds, which decides how its text is tokenized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// SQL DDL. `backslash_escapes`: a backslash escapes in `'…'` strings (MySQL).
    Sql {
        /// Whether `\'` inside a plain string does not end it.
        backslash_escapes: bool,
    },
    /// A services file: YAML or JSON.
    Data,
    /// ORM model sources, Python or Java per file section (chosen by the header comment).
    Models,
}

/// The kind of a highlighted token; each has one CSS class in `styles/main.css`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A keyword (SQL types count), a YAML list dash or boolean.
    Keyword,
    /// A string literal or a `$$` body.
    Str,
    /// A number.
    Number,
    /// A comment (and a Models file header).
    Comment,
    /// A quoted identifier (`"name"`, `` `name` ``, `[name]`).
    Ident,
    /// A YAML/JSON mapping key.
    Key,
    /// A Java annotation, Python decorator or YAML anchor/alias/tag.
    Annotation,
}

impl Class {
    /// The CSS class the overlay gives a token of this kind.
    pub fn css(self) -> &'static str {
        match self {
            Class::Keyword => "kw",
            Class::Str => "str",
            Class::Number => "num",
            Class::Comment => "com",
            Class::Ident => "id",
            Class::Key => "key",
            Class::Annotation => "ann",
        }
    }
}

/// One highlighted piece of a line: a byte range of the line and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset where the token starts in its line.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// What it is.
    pub class: Class,
}

/// The language a line is tokenized as (a Models pane switches between Python and Java).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    Sql,
    Data,
    Python,
    Java,
}

/// A construct a line leaves open for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Open {
    /// Nothing open.
    #[default]
    Nothing,
    /// Inside `/* … */`, `depth` levels deep (SQL nests them, Java does not).
    BlockComment { depth: u32 },
    /// Inside a SQL `'…'` string; `backslash`: `\` escapes the next byte (E'' or MySQL).
    SqlString { backslash: bool },
    /// Inside a SQL dollar-quoted body closed by this tag (`$$`, `$_$`, `$body$`).
    Dollar(Box<str>),
    /// Inside a Python triple-quoted string or a Java text block of this quote byte.
    Triple { quote: u8 },
}

/// The tokenizer's state at the start of a line: its language and what is still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineState {
    language: Language,
    open: Open,
    backslash_escapes: bool,
}

/// A text split into lines with the tokenizer state at the start of each, computed in one
/// linear pass, so any window of lines can be highlighted on its own.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// Byte offset of each line's start; never empty.
    line_starts: Vec<usize>,
    /// The state at the start of each line; as long as `line_starts`.
    states: Vec<LineState>,
}

impl Document {
    /// Splits `text` into lines and computes each line's start state for `syntax`.
    pub fn new(syntax: Syntax, text: &str) -> Self {
        let mut state = initial_state(syntax, text);
        let mut line_starts = Vec::new();
        let mut states = Vec::new();
        let mut offset = 0usize;
        for line in text.split('\n') {
            line_starts.push(offset);
            offset += line.len() + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            let next = scan_line(line, &state, &mut |_, _, _| {});
            states.push(state);
            state = next;
        }
        Document {
            text: text.to_string(),
            line_starts,
            states,
        }
    }

    /// This document after an edit to `text`: the lines before the first changed byte keep
    /// their states, and scanning stops once a line in the unchanged tail starts in the state it
    /// had before. Typing in a large dump then costs two byte comparisons, not a re-scan.
    pub fn edited(&self, syntax: Syntax, text: &str) -> Self {
        let initial = initial_state(syntax, text);
        if self.states.first() != Some(&initial) {
            return Document::new(syntax, text);
        }
        let old = self.text.as_bytes();
        let new = text.as_bytes();
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                new.iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        // Lines up to the one holding the first change start as before.
        let first_changed = line_starts.partition_point(|&start| start <= prefix).max(1) - 1;
        let mut states: Vec<LineState> = self
            .states
            .iter()
            .take(first_changed + 1)
            .cloned()
            .collect();
        let tail_start = new.len() - suffix;
        let mut next_line = states.len();
        while next_line < line_starts.len() {
            let (Some(&start), Some(state)) = (line_starts.get(next_line), states.last()) else {
                break;
            };
            let Some(&previous_start) = line_starts.get(next_line - 1) else {
                break;
            };
            let line = text.get(previous_start..start - 1).unwrap_or_default();
            let line = line.strip_suffix('\r').unwrap_or(line);
            let state = scan_line(line, state, &mut |_, _, _| {});
            // Inside the unchanged tail, a line starting as it did before continues as before.
            if start > tail_start {
                let old_start = start + old.len() - new.len();
                if let Ok(old_line) = self.line_starts.binary_search(&old_start) {
                    if self.states.get(old_line) == Some(&state) {
                        states.extend(self.states.iter().skip(old_line).cloned());
                        break;
                    }
                }
            }
            states.push(state);
            next_line += 1;
        }
        Document {
            text: text.to_string(),
            line_starts,
            states,
        }
    }

    /// How many lines the text has (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line `index` (0-based) without its line break, or "" past the end.
    pub fn line(&self, index: usize) -> &str {
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        let line = self.text.get(start..end).unwrap_or_default();
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The highlighted tokens of line `index`, in order, not overlapping.
    pub fn tokens(&self, index: usize) -> Vec<Token> {
        let Some(state) = self.states.get(index) else {
            return Vec::new();
        };
        let mut tokens = Vec::new();
        scan_line(self.line(index), state, &mut |start, end, class| {
            tokens.push(Token { start, end, class });
        });
        tokens
    }

    /// Line `index` cut into pieces that cover it exactly: plain text (None) and tokens.
    pub fn pieces(&self, index: usize) -> Vec<(Option<Class>, &str)> {
        let line = self.line(index);
        let mut pieces = Vec::new();
        let mut at = 0usize;
        for token in self.tokens(index) {
            if token.start < at || !line.is_char_boundary(token.start) {
                continue;
            }
            let (Some(before), Some(inside)) =
                (line.get(at..token.start), line.get(token.start..token.end))
            else {
                continue;
            };
            if !before.is_empty() {
                pieces.push((None, before));
            }
            if !inside.is_empty() {
                pieces.push((Some(token.class), inside));
            }
            at = token.end;
        }
        if let Some(rest) = line.get(at..).filter(|rest| !rest.is_empty()) {
            pieces.push((None, rest));
        }
        pieces
    }
}

/// The state at the start of the text: a Models pane without a header on its first file is
/// read as Java when its opening lines look like Java, else as Python.
fn initial_state(syntax: Syntax, text: &str) -> LineState {
    let (language, backslash_escapes) = match syntax {
        Syntax::Sql { backslash_escapes } => (Language::Sql, backslash_escapes),
        Syntax::Data => (Language::Data, false),
        Syntax::Models => (sniff_models(text), false),
    };
    LineState {
        language,
        open: Open::Nothing,
        backslash_escapes,
    }
}

/// Guesses the language of the text before the first header comment.
fn sniff_models(text: &str) -> Language {
    for line in text.lines() {
        if let Some(language) = header_language(line) {
            return language;
        }
        let line = line.trim();
        if line.starts_with("@Entity")
            || line.starts_with("package ")
            || line.starts_with("public class ")
            || (line.starts_with("import ") && line.ends_with(';'))
        {
            return Language::Java;
        }
    }
    Language::Python
}

/// The language a Models file header names (`# app/models.py`, `// src/…/User.java`), if the
/// line is one.
fn header_language(line: &str) -> Option<Language> {
    let trimmed = line.trim_start();
    let rest = match trimmed.strip_prefix("//") {
        Some(rest) => rest,
        None => trimmed.strip_prefix('#')?,
    };
    let word = rest.split_whitespace().next()?;
    let word = word.trim_matches(|c| c == '`' || c == '"' || c == '\'');
    let (_, extension) = word.rsplit_once('.')?;
    match extension.to_ascii_lowercase().as_str() {
        "py" | "pyi" => Some(Language::Python),
        "java" => Some(Language::Java),
        _ => None,
    }
}

/// Reports each token of `line` (started in `state`) to `emit` and returns the next line's state.
fn scan_line(
    line: &str,
    state: &LineState,
    emit: &mut dyn FnMut(usize, usize, Class),
) -> LineState {
    let mut language = state.language;
    if state.open == Open::Nothing && matches!(language, Language::Python | Language::Java) {
        if let Some(switched) = header_language(line) {
            emit(0, line.len(), Class::Comment);
            language = switched;
            return LineState {
                language,
                open: Open::Nothing,
                backslash_escapes: state.backslash_escapes,
            };
        }
    }
    let bytes = line.as_bytes();
    let mut scanner = Scanner {
        bytes,
        line,
        at: 0,
        emit,
    };
    let open = match language {
        Language::Sql => scanner.sql(state.open.clone(), state.backslash_escapes),
        Language::Data => scanner.data(),
        Language::Python => scanner.python(state.open.clone()),
        Language::Java => scanner.java(state.open.clone()),
    };
    LineState {
        language,
        open,
        backslash_escapes: state.backslash_escapes,
    }
}

/// A cursor over one line's bytes that reports tokens.
struct Scanner<'a, 'e> {
    bytes: &'a [u8],
    line: &'a str,
    at: usize,
    emit: &'e mut dyn FnMut(usize, usize, Class),
}

/// Whether `byte` can continue an identifier (non-ASCII bytes count, so UTF-8 stays whole).
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// Whether `byte` can start an identifier.
fn is_word_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80
}

impl<'a> Scanner<'a, '_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(prefix))
    }

    fn token(&mut self, start: usize, class: Class) {
        if self.at > start {
            (self.emit)(start, self.at, class);
        }
    }

    /// Emits the rest of the line as one token.
    fn rest(&mut self, start: usize, class: Class) {
        self.at = self.bytes.len();
        self.token(start, class);
    }

    /// Skips a run of identifier bytes and returns it.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek(0).is_some_and(is_word_byte) {
            self.at += 1;
        }
        self.bytes.get(start..self.at).unwrap_or_default()
    }

    /// Skips a number: digits, letters (hex, suffixes), `_`, `.` and a signed exponent.
    fn number(&mut self) {
        let hex = self.starts_with(b"0x") || self.starts_with(b"0X");
        while let Some(byte) = self.peek(0) {
            let exponent_sign = !hex
                && matches!(byte, b'+' | b'-')
                && self.at > 0
                && matches!(self.bytes.get(self.at - 1), Some(b'e' | b'E'));
            if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'.' || exponent_sign {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    /// Whether a number starts here (a digit, or `.` followed by one).
    fn at_number(&self) -> bool {
        match self.peek(0) {
            Some(byte) if byte.is_ascii_digit() => true,
            Some(b'.') => self.peek(1).is_some_and(|b| b.is_ascii_digit()),
            _ => false,
        }
    }

    /// Skips past the closing `quote` of a one-line string whose opening quote is behind the
    /// cursor. `backslash`: `\` escapes the next byte; `doubling`: a doubled quote is an escaped
    /// one. Returns whether the string was closed (else the cursor is at the line end).
    fn close_quote(&mut self, quote: u8, backslash: bool, doubling: bool) -> bool {
        while let Some(byte) = self.peek(0) {
            self.at += 1;
            if byte == b'\\' && backslash {
                if self.peek(0).is_some() {
                    self.at += 1;
                }
            } else if byte == quote {
                if doubling && self.peek(0) == Some(quote) {
                    self.at += 1;
                } else {
                    return true;
                }
            }
        }
        false
    }

    /// Skips past `*/` (and nested `/*` when `nested`), starting `depth` levels deep. Returns
    /// the depth still open at the line end, 0 when closed.
    fn close_block_comment(&mut self, mut depth: u32, nested: bool) -> u32 {
        while self.at < self.bytes.len() {
            if self.starts_with(b"*/") {
                self.at += 2;
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return 0;
                }
            } else if nested && self.starts_with(b"/*") {
                self.at += 2;
                depth = depth.saturating_add(1);
            } else {
                self.at += 1;
            }
        }
        depth
    }

    /// Skips past three `quote` bytes (a `\` escapes the next byte). Returns whether closed.
    fn close_triple(&mut self, quote: u8) -> bool {
        let closing = [quote; 3];
        while let Some(byte) = self.peek(0) {
            if byte == b'\\' {
                self.at = (self.at + 2).min(self.bytes.len());
            } else if self.starts_with(&closing) {
                self.at += 3;
                return true;
            } else {
                self.at += 1;
            }
        }
        false
    }

    /// Continues a construct left open by the previous line, from the line start. Returns what
    /// is still open at the line end (Nothing when it closed on this line).
    fn resume(&mut self, open: Open, nested_comments: bool) -> Open {
        let class = match open {
            Open::BlockComment { .. } => Class::Comment,
            _ => Class::Str,
        };
        let still_open = match open {
            Open::Nothing => Open::Nothing,
            Open::BlockComment { depth } => {
                match self.close_block_comment(depth, nested_comments) {
                    0 => Open::Nothing,
                    depth => Open::BlockComment { depth },
                }
            }
            Open::SqlString { backslash } => {
                if self.close_quote(b'\'', backslash, true) {
                    Open::Nothing
                } else {
                    Open::SqlString { backslash }
                }
            }
            Open::Dollar(tag) => {
                let found = self.line.get(self.at..).and_then(|rest| rest.find(&*tag));
                match found {
                    Some(position) => {
                        self.at += position + tag.len();
                        Open::Nothing
                    }
                    None => {
                        self.at = self.bytes.len();
                        Open::Dollar(tag)
                    }
                }
            }
            Open::Triple { quote } => {
                if self.close_triple(quote) {
                    Open::Nothing
                } else {
                    Open::Triple { quote }
                }
            }
        };
        self.token(0, class);
        still_open
    }

    /// SQL: keywords, strings (`''`, E'', `$$` bodies), quoted identifiers, numbers, comments.
    fn sql(&mut self, open: Open, backslash_escapes: bool) -> Open {
        let open = self.resume(open, true);
        if open != Open::Nothing {
            return open;
        }
        while let Some(byte) = self.peek(0) {
            let start = self.at;
            if self.starts_with(b"--") || (byte == b'#' && backslash_escapes) {
                self.rest(start, Class::Comment);
            } else if self.starts_with(b"/*") {
                self.at += 2;
                let depth = self.close_block_comment(1, true);
                self.token(start, Class::Comment);
                if depth > 0 {
                    return Open::BlockComment { depth };
                }
            } else if byte == b'\'' {
                self.at += 1;
                if !self.close_quote(b'\'', backslash_escapes, true) {
                    self.token(start, Class::Str);
                    return Open::SqlString {
                        backslash: backslash_escapes,
                    };
                }
                self.token(start, Class::Str);
            } else if byte == b'"' || byte == b'`' {
                self.at += 1;
                self.close_quote(byte, false, true);
                self.token(start, Class::Ident);
            } else if byte == b'[' && self.peek(1).is_some_and(is_word_start) {
                let close = self
                    .bytes
                    .get(self.at..)
                    .and_then(|rest| rest.iter().position(|&b| b == b']'));
                match close {
                    Some(offset) => {
                        self.at += offset + 1;
                        self.token(start, Class::Ident);
                    }
                    None => self.at += 1,
                }
            } else if byte == b'$' {
                if let Some(open) = self.sql_dollar() {
                    return open;
                }
            } else if self.at_number() {
                self.number();
                self.token(start, Class::Number);
            } else if is_word_start(byte) {
                let word = self.word();
                let prefix = matches!(
                    word,
                    [b'e' | b'E' | b'n' | b'N' | b'b' | b'B' | b'x' | b'X']
                );
                let escapes = matches!(word, [b'e' | b'E']) || backslash_escapes;
                if prefix && self.peek(0) == Some(b'\'') {
                    self.at += 1;
                    if !self.close_quote(b'\'', escapes, true) {
                        self.token(start, Class::Str);
                        return Open::SqlString { backslash: escapes };
                    }
                    self.token(start, Class::Str);
                } else if is_keyword(word, SQL_KEYWORDS, true) {
                    self.token(start, Class::Keyword);
                }
            } else {
                self.at += 1;
            }
        }
        Open::Nothing
    }

    /// A `$…` at the cursor: a positional parameter, a dollar-quoted body (returned as still
    /// open when it does not close on this line), or a lone `$`.
    fn sql_dollar(&mut self) -> Option<Open> {
        let start = self.at;
        self.at += 1;
        if self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
            while self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
                self.at += 1;
            }
            return None;
        }
        if self
            .peek(0)
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            while self
                .peek(0)
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                self.at += 1;
            }
        }
        if self.peek(0) != Some(b'$') {
            return None;
        }
        self.at += 1;
        let tag: Box<str> = self.line.get(start..self.at).unwrap_or("$$").into();
        let found = self.line.get(self.at..).and_then(|rest| rest.find(&*tag));
        match found {
            Some(position) => {
                self.at += position + tag.len();
                self.token(start, Class::Str);
                None
            }
            None => {
                self.rest(start, Class::Str);
                Some(Open::Dollar(tag))
            }
        }
    }

    /// YAML or JSON: keys, strings, numbers, booleans, comments, list dashes, anchors.
    fn data(&mut self) -> Open {
        while self.peek(0) == Some(b' ') || self.peek(0) == Some(b'\t') {
            self.at += 1;
        }
        while self.peek(0) == Some(b'-') && matches!(self.peek(1), None | Some(b' ' | b'\t')) {
            let start = self.at;
            self.at += 1;
            self.token(start, Class::Keyword);
            while self.peek(0) == Some(b' ') || self.peek(0) == Some(b'\t') {
                self.at += 1;
            }
        }
        while let Some(byte) = self.peek(0) {
            let start = self.at;
            let after_space = start == 0
                || self
                    .bytes
                    .get(start - 1)
                    .is_some_and(|b| b.is_ascii_whitespace());
            if byte == b'#' && after_space {
                self.rest(start, Class::Comment);
            } else if byte == b'"' || byte == b'\'' {
                self.at += 1;
                self.close_quote(byte, byte == b'"', byte == b'\'');
                let class = if self.colon_follows() {
                    Class::Key
                } else {
                    Class::Str
                };
                self.token(start, class);
            } else if matches!(byte, b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}' | b':') {
                self.at += 1;
            } else {
                self.plain_scalar();
                let word = self.bytes.get(start..self.at).unwrap_or_default();
                // A plain scalar stops at a `:` only where that `:` ends a key.
                let class = if self.peek(0) == Some(b':') {
                    Some(Class::Key)
                } else if matches!(word.first(), Some(b'&' | b'*' | b'!')) {
                    Some(Class::Annotation)
                } else if is_yaml_number(word) {
                    Some(Class::Number)
                } else if is_keyword(word, YAML_KEYWORDS, true) {
                    Some(Class::Keyword)
                } else {
                    None
                };
                if let Some(class) = class {
                    self.token(start, class);
                }
            }
        }
        Open::Nothing
    }

    /// Skips a YAML plain scalar: up to whitespace, a flow indicator or a `:` that ends a key.
    fn plain_scalar(&mut self) {
        let start = self.at;
        while let Some(byte) = self.peek(0) {
            let ends_key = byte == b':'
                && matches!(
                    self.peek(1),
                    None | Some(b' ' | b'\t' | b',' | b']' | b'}' | b'\r')
                );
            let stop = matches!(byte, b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}') || ends_key;
            if stop && self.at > start {
                break;
            }
            self.at += 1;
            if stop {
                break;
            }
        }
    }

    /// Whether a `:` follows the cursor after optional spaces (a quoted mapping key).
    fn colon_follows(&self) -> bool {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        rest.iter().find(|&&b| b != b' ' && b != b'\t') == Some(&b':')
    }

    /// Python: keywords, strings (prefixes, triple quotes), decorators, comments, numbers.
    fn python(&mut self, open: Open) -> Open {
        let open = self.resume(open, false);
        if open != Open::Nothing {
            return open;
        }
        let indent = self
            .bytes
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        while let Some(byte) = self.peek(0) {
            let start = self.at;
            if byte == b'#' {
                self.rest(start, Class::Comment);
            } else if byte == b'@' && start == indent {
                self.at += 1;
                self.dotted_name();
                self.token(start, Class::Annotation);
            } else if byte == b'"' || byte == b'\'' {
                if let Some(open) = self.python_string(start) {
                    return open;
                }
            } else if self.at_number() {
                self.number();
                self.token(start, Class::Number);
            } else if is_word_start(byte) {
                let word = self.word();
                let prefix = word.len() <= 2
                    && word
                        .iter()
                        .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f'));
                if prefix && matches!(self.peek(0), Some(b'"' | b'\'')) {
                    if let Some(open) = self.python_string(start) {
                        return open;
                    }
                } else if is_keyword(word, PYTHON_KEYWORDS, false) {
                    self.token(start, Class::Keyword);
                }
            } else {
                self.at += 1;
            }
        }
        Open::Nothing
    }

    /// A Python string whose quote is at the cursor (its prefix starts at `start`). Returns the
    /// open triple-quoted string when it runs past the line.
    fn python_string(&mut self, start: usize) -> Option<Open> {
        let quote = self.peek(0)?;
        if self.starts_with(&[quote; 3]) {
            self.at += 3;
            if !self.close_triple(quote) {
                self.token(start, Class::Str);
                return Some(Open::Triple { quote });
            }
        } else {
            self.at += 1;
            self.close_quote(quote, true, false);
        }
        self.token(start, Class::Str);
        None
    }

    /// Skips a dotted name (`app.route`, `org.hibernate.annotations.Type`).
    fn dotted_name(&mut self) {
        while self.peek(0).is_some_and(|b| is_word_byte(b) || b == b'.') {
            self.at += 1;
        }
    }

    /// Java: keywords, annotations, strings, text blocks, comments, numbers.
    fn java(&mut self, open: Open) -> Open {
        let open = self.resume(open, false);
        if open != Open::Nothing {
            return open;
        }
        while let Some(byte) = self.peek(0) {
            let start = self.at;
            if self.starts_with(b"//") {
                self.rest(start, Class::Comment);
            } else if self.starts_with(b"/*") {
                self.at += 2;
                let depth = self.close_block_comment(1, false);
                self.token(start, Class::Comment);
                if depth > 0 {
                    return Open::BlockComment { depth };
                }
            } else if byte == b'@' && self.peek(1).is_some_and(is_word_start) {
                self.at += 1;
                self.dotted_name();
                self.token(start, Class::Annotation);
            } else if self.starts_with(b"\"\"\"") {
                self.at += 3;
                let closed = self.close_triple(b'"');
                self.token(start, Class::Str);
                if !closed {
                    return Open::Triple { quote: b'"' };
                }
            } else if byte == b'"' || byte == b'\'' {
                self.at += 1;
                self.close_quote(byte, true, false);
                self.token(start, Class::Str);
            } else if self.at_number() {
                self.number();
                self.token(start, Class::Number);
            } else if is_word_start(byte) {
                let word = self.word();
                if is_keyword(word, JAVA_KEYWORDS, false) {
                    self.token(start, Class::Keyword);
                }
            } else {
                self.at += 1;
            }
        }
        Open::Nothing
    }
}

/// Whether a YAML plain scalar is a number (`12`, `-3.5`, `1e6`, `0x1F`, `.inf`).
fn is_yaml_number(word: &[u8]) -> bool {
    let digits = word.strip_prefix(b"-").or_else(|| word.strip_prefix(b"+"));
    let digits = digits.unwrap_or(word);
    if matches!(digits, b".inf" | b".Inf" | b".INF") {
        return true;
    }
    if let Some(hex) = digits.strip_prefix(b"0x") {
        return !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit);
    }
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut previous = 0u8;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => seen_digit = true,
            b'_' => {}
            b'.' if !seen_dot => seen_dot = true,
            b'e' | b'E' if seen_digit => {}
            b'+' | b'-' if matches!(previous, b'e' | b'E') => {}
            _ => return false,
        }
        previous = byte;
    }
    seen_digit
}

/// Whether `word` is in `sorted` (lowercase when `case_insensitive`).
fn is_keyword(word: &[u8], sorted: &[&str], case_insensitive: bool) -> bool {
    const LONGEST: usize = 24;
    if word.len() > LONGEST {
        return false;
    }
    let mut buffer = [0u8; LONGEST];
    let Some(lowered) = buffer.get_mut(..word.len()) else {
        return false;
    };
    lowered.copy_from_slice(word);
    if case_insensitive {
        lowered.make_ascii_lowercase();
    }
    sorted
        .binary_search_by(|keyword| keyword.as_bytes().cmp(lowered))
        .is_ok()
}

/// SQL keywords and common type names, lowercase and sorted (a test checks the order).
#[rustfmt::skip]
const SQL_KEYWORDS: &[&str] = &[
    "action", "add", "after", "all", "alter", "always", "and", "as", "asc", "auto_increment",
    "autoincrement", "before", "begin", "between", "bigint", "bigserial", "binary", "bit", "blob",
    "bool", "boolean", "by", "bytea", "cache", "cascade", "case", "cast", "char", "character",
    "charset", "check", "clustered", "collate", "column", "comment", "commit", "constraint",
    "create", "current_timestamp", "cycle", "database", "date", "datetime", "decimal", "declare",
    "default", "deferrable", "deferred", "delete", "desc", "distinct", "double", "drop", "each",
    "else", "end", "engine", "enum", "exec", "execute", "exists", "extension", "false", "float",
    "for", "foreign", "from", "full", "function", "generated", "go", "grant", "group", "having",
    "identity", "if", "immediate", "in", "increment", "index", "inherits", "initially", "inner",
    "insert", "int", "integer", "interval", "into", "is", "join", "json", "jsonb", "key",
    "language", "left", "like", "limit", "match", "materialized", "maxvalue", "minvalue", "nchar",
    "no", "nonclustered", "not", "null", "numeric", "nvarchar", "of", "on", "only", "or", "order",
    "outer", "owned", "owner", "partial", "partition", "precision", "primary", "procedure", "real",
    "references", "replace", "restrict", "return", "returns", "revoke", "right", "role",
    "rollback", "row", "schema", "select", "sequence", "serial", "set", "simple", "smallint",
    "start", "stored", "table", "temp", "temporary", "text", "then", "time", "timestamp",
    "timestamptz", "tinyint", "to", "transaction", "trigger", "true", "type", "union", "unique",
    "unsigned", "update", "use", "using", "uuid", "values", "varchar", "varying", "view",
    "virtual", "when", "where", "with", "without", "zone",
];

/// Python keywords, sorted.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Java keywords and literals, sorted.
#[rustfmt::skip]
const JAVA_KEYWORDS: &[&str] = &[
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
    "continue", "default", "do", "double", "else", "enum", "extends", "false", "final", "finally",
    "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
    "native", "new", "null", "package", "private", "protected", "public", "record", "return",
    "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
    "transient", "true", "try", "var", "void", "volatile", "while",
];

/// YAML scalars shown as keywords (booleans and nulls), lowercase and sorted.
const YAML_KEYWORDS: &[&str] = &["false", "no", "null", "off", "on", "true", "yes", "~"];

#[cfg(test)]
mod tests {
    use super::*;

    /// Highlights `text` as `syntax` and compares every line's tokens, written `class:text`.
    fn check(syntax: Syntax, text: &str, expected: &[&[&str]]) {
        let document = Document::new(syntax, text);
        let actual: Vec<Vec<String>> = (0..document.line_count())
            .map(|i| {
                let line = document.line(i);
                document
                    .tokens(i)
                    .iter()
                    .map(|t| format!("{}:{}", t.class.css(), &line[t.start..t.end]))
                    .collect()
            })
            .collect();
        let expected: Vec<Vec<String>> = expected
            .iter()
            .map(|line| line.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(actual, expected, "highlighting {text:?}");
    }

    const SQL: Syntax = Syntax::Sql {
        backslash_escapes: false,
    };

    #[test]
    fn sql_keywords_strings_identifiers_numbers() {
        check(
            SQL,
            "CREATE TABLE \"Order\" (id int DEFAULT 42, s text DEFAULT 'it''s', `x` [dbo]);",
            &[&[
                "kw:CREATE",
                "kw:TABLE",
                "id:\"Order\"",
                "kw:int",
                "kw:DEFAULT",
                "num:42",
                "kw:text",
                "kw:DEFAULT",
                "str:'it''s'",
                "id:`x`",
                "id:[dbo]",
            ]],
        );
    }

    #[test]
    fn sql_comments_and_escape_strings() {
        check(
            SQL,
            "x -- note\n/* a /* nested */ still */ y E'a\\'b' 1.5e-3 $1 int[]",
            &[
                &["com:-- note"],
                &[
                    "com:/* a /* nested */ still */",
                    "str:E'a\\'b'",
                    "num:1.5e-3",
                    "kw:int",
                ],
            ],
        );
    }

    #[test]
    fn sql_multi_line_constructs_carry_state() {
        check(
            SQL,
            "AS $_$\nselect 'x' $$ in\n$_$ LANGUAGE sql; /* a\nb */ 'c\nd' end",
            &[
                &["kw:AS", "str:$_$"],
                &["str:select 'x' $$ in"],
                &["str:$_$", "kw:LANGUAGE", "com:/* a"],
                &["com:b */", "str:'c"],
                &["str:d'", "kw:end"],
            ],
        );
        check(
            SQL,
            "$$ one line $$ int",
            &[&["str:$$ one line $$", "kw:int"]],
        );
    }

    #[test]
    fn sql_mysql_backslashes_escape_quotes() {
        let mysql = Syntax::Sql {
            backslash_escapes: true,
        };
        check(
            mysql,
            "'it\\'s' int # c",
            &[&["str:'it\\'s'", "kw:int", "com:# c"]],
        );
        check(SQL, "'C:\\' int", &[&["str:'C:\\'", "kw:int"]]);
    }

    #[test]
    fn yaml_keys_strings_numbers_comments_dashes() {
        check(
            Syntax::Data,
            "services:\n  - name: \"app-a\" # owner\n    port: 8080\n    reads: [users, 'x']\n    url: http://a:1\n    on: true",
            &[
                &["key:services"],
                &["kw:-", "key:name", "str:\"app-a\"", "com:# owner"],
                &["key:port", "num:8080"],
                &["key:reads", "str:'x'"],
                &["key:url"],
                &["key:on", "kw:true"],
            ],
        );
    }

    #[test]
    fn json_keys_and_values() {
        check(
            Syntax::Data,
            "{\"a\": 1, \"b\": [\"c\", -2.5, null]}",
            &[&[
                "key:\"a\"",
                "num:1",
                "key:\"b\"",
                "str:\"c\"",
                "num:-2.5",
                "kw:null",
            ]],
        );
    }

    #[test]
    fn python_keywords_strings_decorators_numbers() {
        check(
            Syntax::Models,
            "# app/models.py\n@dataclass\nclass User(Base):  # note\n    id = Column(Integer, default=0x1F, doc=r'a\\'b')\n    x = f\"{y}\" if None else 1_000",
            &[
                &["com:# app/models.py"],
                &["ann:@dataclass"],
                &["kw:class", "com:# note"],
                &["num:0x1F", "str:r'a\\'b'"],
                &["str:f\"{y}\"", "kw:if", "kw:None", "kw:else", "num:1_000"],
            ],
        );
    }

    #[test]
    fn python_triple_quoted_strings_span_lines() {
        check(
            Syntax::Models,
            "x = \"\"\"doc\n# not a comment\nend\"\"\" # c\ny = '''one''' and 2",
            &[
                &["str:\"\"\"doc"],
                &["str:# not a comment"],
                &["str:end\"\"\"", "com:# c"],
                &["str:'''one'''", "kw:and", "num:2"],
            ],
        );
    }

    #[test]
    fn java_sections_switch_language_by_header() {
        check(
            Syntax::Models,
            "# a/m.py\nclass A: pass\n// b/src/User.java\n@Entity @Table(name = \"users\")\npublic class User { /* a\nb */ long id = 1L; // c\n}",
            &[
                &["com:# a/m.py"],
                &["kw:class", "kw:pass"],
                &["com:// b/src/User.java"],
                &["ann:@Entity", "ann:@Table", "str:\"users\""],
                &["kw:public", "kw:class", "com:/* a"],
                &["com:b */", "kw:long", "num:1L", "com:// c"],
                &[],
            ],
        );
    }

    #[test]
    fn models_without_header_are_sniffed() {
        check(
            Syntax::Models,
            "package x;\n@Entity class A {}",
            &[&["kw:package"], &["ann:@Entity", "kw:class"]],
        );
        check(
            Syntax::Models,
            "class A:\n  pass",
            &[&["kw:class"], &["kw:pass"]],
        );
    }

    #[test]
    fn java_text_blocks_span_lines() {
        check(
            Syntax::Models,
            "// A.java\nString s = \"\"\"\n  // x\n  \"\"\"; int i;",
            &[
                &["com:// A.java"],
                &["str:\"\"\""],
                &["str:  // x"],
                &["str:  \"\"\"", "kw:int"],
            ],
        );
    }

    #[test]
    fn unterminated_strings_end_at_the_line() {
        check(
            SQL,
            "\"open ident\nint",
            &[&["id:\"open ident"], &["kw:int"]],
        );
        check(
            Syntax::Data,
            "a: \"open\nb: 1",
            &[&["key:a", "str:\"open"], &["key:b", "num:1"]],
        );
        check(
            Syntax::Models,
            "x = 'open\nclass",
            &[&["str:'open"], &["kw:class"]],
        );
    }

    #[test]
    fn pieces_cover_each_line_exactly() {
        let text = "CREATE TABLE é (id int); -- ü\n\ty 'ü'\r\n";
        let document = Document::new(SQL, text);
        assert_eq!(document.line_count(), 3);
        for i in 0..document.line_count() {
            let joined: String = document.pieces(i).iter().map(|(_, s)| *s).collect();
            assert_eq!(joined, document.line(i));
        }
        assert_eq!(document.line(1), "\ty 'ü'");
        assert_eq!(
            document.pieces(1),
            vec![(None, "\ty "), (Some(Class::Str), "'ü'")]
        );
    }

    #[test]
    fn keyword_lists_are_sorted_for_binary_search() {
        for list in [SQL_KEYWORDS, PYTHON_KEYWORDS, JAVA_KEYWORDS, YAML_KEYWORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(SQL_KEYWORDS
            .iter()
            .all(|k| k.len() <= 24 && *k == k.to_lowercase()));
    }

    /// A small deterministic generator (xorshift) for garbage inputs.
    fn garbage(seed: u64, length: usize) -> String {
        const ALPHABET: &[&str] = &[
            "'",
            "\"",
            "`",
            "$",
            "$$",
            "$a$",
            "/*",
            "*/",
            "--",
            "#",
            "//",
            "\\",
            "\n",
            " ",
            "\t",
            "'''",
            "\"\"\"",
            "@",
            ":",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "E'",
            "0x",
            "1.5e",
            "e-",
            "é",
            "日本",
            "\r",
            "# a.py\n",
            "// B.java\n",
            "select",
            "class",
            "x",
            "9",
            ".",
            "\u{0}",
        ];
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut text = String::new();
        for _ in 0..length {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
        }
        text
    }

    #[test]
    fn garbage_never_panics_and_tokens_stay_on_char_boundaries() {
        let syntaxes = [
            SQL,
            Syntax::Sql {
                backslash_escapes: true,
            },
            Syntax::Data,
            Syntax::Models,
        ];
        for seed in 0..400 {
            let text = garbage(seed, 60);
            for syntax in syntaxes {
                let document = Document::new(syntax, &text);
                for i in 0..document.line_count() {
                    let line = document.line(i);
                    let mut at = 0;
                    for token in document.tokens(i) {
                        assert!(token.start >= at && token.start < token.end, "{text:?}");
                        assert!(line.get(token.start..token.end).is_some(), "{text:?}");
                        at = token.end;
                    }
                    let joined: String = document.pieces(i).iter().map(|(_, s)| *s).collect();
                    assert_eq!(joined, line);
                }
            }
        }
    }

    #[test]
    fn an_edited_document_equals_one_built_from_scratch() {
        let syntaxes = [SQL, Syntax::Data, Syntax::Models];
        for seed in 0..300u64 {
            let before = garbage(seed, 40);
            let insert = garbage(seed + 1000, (seed % 4) as usize);
            let cut = before
                .char_indices()
                .map(|(i, _)| i)
                .nth((seed as usize * 7) % before.chars().count().max(1))
                .unwrap_or(0);
            let removed = before[cut..]
                .chars()
                .take((seed % 3) as usize)
                .map(char::len_utf8)
                .sum::<usize>();
            let after = format!("{}{}{}", &before[..cut], insert, &before[cut + removed..]);
            for syntax in syntaxes {
                let edited = Document::new(syntax, &before).edited(syntax, &after);
                let fresh = Document::new(syntax, &after);
                assert_eq!(
                    edited.line_starts, fresh.line_starts,
                    "{before:?} -> {after:?}"
                );
                assert_eq!(edited.states, fresh.states, "{before:?} -> {after:?}");
            }
        }
    }

    #[test]
    fn an_edit_in_a_dollar_body_rescans_until_the_states_agree_again() {
        let before = "select 1;\nAS $$\nbody\n$$;\nint\n";
        let after = "select 1;\nAS $$\nbo$$dy\n$$;\nint\n";
        let edited = Document::new(SQL, before).edited(SQL, after);
        assert_eq!(edited.states, Document::new(SQL, after).states);
        assert_eq!(edited.states[3].open, Open::Nothing);
        assert_eq!(edited.states[4].open, Open::Dollar("$$".into()));
    }

    #[test]
    fn a_large_dump_ends_every_body_it_opens() {
        // Pagila as the gallery embeds it (its functions' `$$` bodies included), seven times over.
        let dump = include_str!("../examples/freight/schema.sql");
        let big = dump.repeat(7);
        let document = Document::new(SQL, &big);
        assert!(document.line_count() > 15_000);
        // Every function body closes: the state after each copy is the state before it.
        let lines_per_copy = dump.split('\n').count() - 1;
        for copy in 1..7 {
            assert_eq!(document.states[lines_per_copy * copy].open, Open::Nothing);
        }
    }
}
