//! Syntax highlighting of the three panes, read with the same lexers the readers use, so a pane
//! never shows a string, comment or name where the reader sees something else.
//!
//! - Schema: `sql::split` cuts the text into statements (noting the delimiters, `DELIMITER`/`GO`
//!   lines and `COPY` data it steps over), `sql::lex` reads each statement, and
//!   `sql::lex::comment_end` finds the comments both of them skip. The dialect is the one
//!   `parse_schema` uses (the user's choice, else detection).
//! - Services: `saphyr-parser`'s events, as `services::yaml` reads them (scalars, keys, aliases),
//!   with comments and indicators found between them.
//! - Models: `orm::split` finds the file headers and each file's language, and `orm::lexer`
//!   reads Python and Java (reporting the comments it skips).
//!
//! [`highlight`] turns a text into [`Token`]s: byte ranges in text order, never overlapping,
//! always on character boundaries, that together hold every non-whitespace byte. A token may
//! span lines (a `$$` body, a block comment); [`Highlighted`] cuts them per line for the page.
//! Presentation only: nothing here feeds the analysis.

mod models;
mod services;
mod sql;

use crate::model::Dialect;

/// What a highlighted piece of text is; the page gives each a colour (or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A keyword (SQL types and `DELIMITER`/`GO` lines count), or a YAML boolean or null.
    Keyword,
    /// An unquoted name.
    Identifier,
    /// A quoted name (`"name"`, `` `name` ``, `[name]`).
    QuotedIdentifier,
    /// A string literal (a `$$` body, a quoted or block YAML scalar, a Python or Java string).
    String,
    /// A number.
    Number,
    /// A comment.
    Comment,
    /// Punctuation and operators, statement delimiters, YAML indicators.
    Punctuation,
    /// A Models file header line (`# app_a/models/user.py`).
    Header,
    /// A YAML/JSON mapping key.
    Key,
    /// A Java annotation, Python decorator, or YAML anchor, alias or tag.
    Annotation,
    /// Text no reader reads: `COPY … FROM stdin` rows, Models text outside any readable file,
    /// YAML after a syntax error the highlighter could not get past.
    Unread,
    /// A plain YAML scalar that is text.
    Text,
}

impl Class {
    /// The CSS class the page gives this kind of token, or None for text shown plain.
    pub fn css(self) -> Option<&'static str> {
        match self {
            Class::Keyword => Some("kw"),
            Class::QuotedIdentifier => Some("id"),
            Class::String => Some("str"),
            Class::Number => Some("num"),
            Class::Comment | Class::Unread => Some("com"),
            Class::Header => Some("hdr"),
            Class::Key => Some("key"),
            Class::Annotation => Some("ann"),
            Class::Identifier | Class::Punctuation | Class::Text => None,
        }
    }
}

/// One highlighted piece: a byte range of the text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// What it is.
    pub class: Class,
}

/// How a pane's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// The Schema pane in this dialect; None: the dialect `sql::parse_schema` detects.
    Sql(Option<Dialect>),
    /// The Services pane: YAML or JSON.
    Services,
    /// The Models pane: Python and Java files behind headers.
    Models,
}

/// The tokens of `text` read as `language`: in text order, not overlapping, on character
/// boundaries, holding every non-whitespace byte.
pub fn highlight(language: Language, text: &str) -> Vec<Token> {
    Highlighted::new(language, text).tokens
}

/// The language with the dialect `sql::parse_schema` would read the text in.
fn resolve(language: Language, text: &str) -> Language {
    match language {
        Language::Sql(None) => Language::Sql(Some(crate::sql::dialect::detect(text).0)),
        other => other,
    }
}

/// The tokens found so far. Pushing keeps the list in order: a token that would overlap the
/// previous one (no reader produces one) is cut to start after it.
#[derive(Debug, Default)]
struct Tokens {
    list: Vec<Token>,
}

impl Tokens {
    /// Where the last token ends (0 before the first).
    fn end(&self) -> usize {
        self.list.last().map_or(0, |t| t.end)
    }

    fn push(&mut self, start: usize, end: usize, class: Class) {
        let start = start.max(self.end());
        if end > start {
            self.list.push(Token { start, end, class });
        }
    }

    /// Classifies the non-whitespace bytes of `text[from..to]` not yet covered, as runs of
    /// `class` (runs end at whitespace).
    fn runs(&mut self, text: &str, from: usize, to: usize, class: Class) {
        let mut start = None;
        let Some(region) = text.get(from..to) else {
            return;
        };
        for (offset, c) in region.char_indices() {
            let at = from + offset;
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    self.push(s, at, class);
                    start = None;
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        if let Some(s) = start {
            self.push(s, to, class);
        }
    }
}

/// A highlighted text cut into lines, for a page that shows a window of lines at a time and
/// highlights again on every keystroke ([`Highlighted::edited`]).
#[derive(Debug, Clone)]
pub struct Highlighted {
    /// The language, with the SQL dialect resolved.
    language: Language,
    text: String,
    /// Byte offset of each line's start; never empty.
    line_starts: Vec<usize>,
    tokens: Vec<Token>,
    /// Where the SQL splitter started each scan (empty for other languages).
    checkpoints: Vec<sql::Checkpoint>,
}

impl Highlighted {
    /// Highlights `text` read as `language`.
    pub fn new(language: Language, text: &str) -> Self {
        crate::pace::at_once(Highlighted::new_paced(language, text))
    }

    /// [`Highlighted::new`], pausing every [`crate::pace::STRIDE`] of a schema read
    /// ([`crate::pace`]): the page highlights a large paste in pieces.
    pub async fn new_paced(language: Language, text: &str) -> Self {
        let language = resolve(language, text);
        let mut tokens = Tokens::default();
        let mut checkpoints = Vec::new();
        match language {
            Language::Sql(dialect) => {
                let dialect = dialect.unwrap_or(Dialect::Generic);
                let start = sql::Checkpoint::start();
                sql::highlight(
                    text,
                    dialect,
                    &start,
                    &mut tokens,
                    &mut checkpoints,
                    &mut |_| false,
                )
                .await;
            }
            Language::Services => services::highlight(text, &mut tokens),
            Language::Models => models::highlight(text, &mut tokens),
        }
        Highlighted {
            language,
            text: text.to_string(),
            line_starts: line_starts(text),
            tokens: tokens.list,
            checkpoints,
        }
    }

    /// This highlighting after an edit that turned its text into `text`: the same as
    /// [`Highlighted::new`], but a schema is read again only from the statement before the
    /// first changed byte up to the first statement after the last one whose reading starts
    /// as it did before (typing in a large dump re-reads a statement or two, not the dump).
    /// `Language::Sql(None)` keeps the dialect this highlighting was read in.
    pub fn edited(&self, language: Language, text: &str) -> Self {
        let language = match (language, self.language) {
            (Language::Sql(None), Language::Sql(known)) => Language::Sql(known),
            (other, _) => other,
        };
        let Language::Sql(Some(dialect)) = language else {
            return Highlighted::new(language, text);
        };
        if language != self.language {
            return Highlighted::new(language, text);
        }
        let old = self.text.as_bytes();
        let new = text.as_bytes();
        let prefix = common_prefix(old, new);
        let room = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(old, new).min(room);
        // The last checkpoint whose scan read nothing at or after the first change: a
        // statement's end is decided by looking at most to the end of the line it ends on.
        let before_edit = self.checkpoints.partition_point(|c| c.pos <= prefix);
        let resume_at = (0..before_edit)
            .rev()
            .find(|&k| {
                self.checkpoints.get(k).is_some_and(|c| {
                    c.pos == 0 || text.get(c.pos..prefix).is_some_and(|s| s.contains('\n'))
                })
            })
            .unwrap_or(0);
        let start = self
            .checkpoints
            .get(resume_at)
            .cloned()
            .unwrap_or_else(sql::Checkpoint::start);
        let mut tokens = Tokens {
            list: self.tokens.get(..start.tokens).unwrap_or_default().to_vec(),
        };
        let mut checkpoints = self
            .checkpoints
            .get(..resume_at)
            .unwrap_or_default()
            .to_vec();
        // A checkpoint in the unchanged tail that the old reading also had: the rest follows.
        let tail = new.len() - suffix;
        let mut old_checkpoint = None;
        // Its text not yet given tokens (`owed`) must lie in the tail too, where the old
        // reading owed the same stretch: those tokens come from the old reading.
        let mut synced = |c: &sql::Checkpoint| {
            if c.owed <= tail {
                return false;
            }
            let old_pos = c.pos + old.len() - new.len();
            let old_owed = c.owed + old.len() - new.len();
            let found = self.checkpoints.binary_search_by_key(&old_pos, |o| o.pos);
            old_checkpoint = found.ok().filter(|&k| {
                self.checkpoints
                    .get(k)
                    .is_some_and(|o| o.delimiter == c.delimiter && o.owed == old_owed)
            });
            old_checkpoint.is_some()
        };
        let stop = crate::pace::at_once(sql::highlight(
            text,
            dialect,
            &start,
            &mut tokens,
            &mut checkpoints,
            &mut synced,
        ));
        if let (Some(stop), Some(k)) = (stop, old_checkpoint) {
            let shift = |at: usize| at + new.len() - old.len();
            let old_tokens = self.checkpoints.get(k).map_or(0, |c| c.tokens);
            tokens.list.extend(
                self.tokens
                    .get(old_tokens..)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| Token {
                        start: shift(t.start),
                        end: shift(t.end),
                        class: t.class,
                    }),
            );
            checkpoints.extend(
                self.checkpoints
                    .get(k..)
                    .unwrap_or_default()
                    .iter()
                    .map(|c| sql::Checkpoint {
                        pos: shift(c.pos),
                        tokens: c.tokens - old_tokens + stop.tokens,
                        delimiter: c.delimiter.clone(),
                        owed: shift(c.owed),
                    }),
            );
        }
        Highlighted {
            language,
            text: text.to_string(),
            line_starts: line_starts(text),
            tokens: tokens.list,
            checkpoints,
        }
    }

    /// How many bytes of `text` differ from the text highlighted, between their common start
    /// and end: about what [`Highlighted::edited`] reads again (a typed character, or a whole
    /// paste).
    pub fn changed_bytes(&self, text: &str) -> usize {
        let (old, new) = (self.text.as_bytes(), text.as_bytes());
        let prefix = common_prefix(old, new);
        let room = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(old, new).min(room);
        new.len() - prefix - suffix
    }

    /// The text highlighted.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// All tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// How many lines the text has (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line `index` (0-based) without its line break (`\n` or `\r\n`).
    fn line_range(&self, index: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        let line = self.text.get(start..end)?;
        Some((start, start + line.strip_suffix('\r').unwrap_or(line).len()))
    }

    /// Line `index` (0-based) without its line break, or "" past the end.
    pub fn line(&self, index: usize) -> &str {
        self.line_range(index)
            .and_then(|(start, end)| self.text.get(start..end))
            .unwrap_or_default()
    }

    /// Line `index` cut into pieces that cover it exactly: the class of each piece (None for
    /// text shown plain) and its text. Neighbouring pieces of the same look are merged.
    pub fn pieces(&self, index: usize) -> Vec<(Option<&'static str>, &str)> {
        let Some((start, end)) = self.line_range(index) else {
            return Vec::new();
        };
        let mut pieces: Vec<(Option<&'static str>, usize, usize)> = Vec::new();
        let mut add = |css: Option<&'static str>, from: usize, to: usize| {
            if to <= from {
                return;
            }
            match pieces.last_mut() {
                Some((last, _, last_end)) if *last == css && *last_end == from => *last_end = to,
                _ => pieces.push((css, from, to)),
            }
        };
        let mut at = start;
        let first = self.tokens.partition_point(|t| t.end <= start);
        for token in self.tokens.iter().skip(first) {
            if token.start >= end {
                break;
            }
            let from = token.start.max(start);
            let to = token.end.min(end);
            add(None, at, from);
            add(token.class.css(), from, to);
            at = to;
        }
        add(None, at, end);
        pieces
            .into_iter()
            .filter_map(|(css, from, to)| Some((css, self.text.get(from..to)?)))
            .collect()
    }
}

/// How many bytes `a` and `b` share at their start (compared a block at a time, then byte by
/// byte in the first block that differs).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let blocks = a
        .chunks(BLOCK)
        .zip(b.chunks(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let same = (blocks * BLOCK).min(a.len()).min(b.len());
    let rest = a
        .iter()
        .skip(same)
        .zip(b.iter().skip(same))
        .take_while(|(x, y)| x == y)
        .count();
    same + rest
}

/// How many bytes `a` and `b` share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let blocks = a
        .rchunks(BLOCK)
        .zip(b.rchunks(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let same = (blocks * BLOCK).min(a.len()).min(b.len());
    let rest = a
        .iter()
        .rev()
        .skip(same)
        .zip(b.iter().rev().skip(same))
        .take_while(|(x, y)| x == y)
        .count();
    same + rest
}

/// The byte offset of each line's start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect()
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
