//! The Schema pane: statements as `sql::split` cuts them, each read by `sql::lex`.
//!
//! The splitter yields each statement's range and notes what it steps over (delimiters,
//! `DELIMITER`/`GO` lines, `COPY … FROM stdin` rows); everything else between statements, and
//! between a statement's tokens, is whitespace and the comments `lex::comment_end` finds, which
//! is how both the splitter and the lexer skip them.

use super::{Class, Tokens};
use crate::model::Dialect;
use crate::sql::lex::{
    comment_end, versioned_comment_close, versioned_comment_open, Lexer, TokenKind,
};
use crate::sql::split::{Skipped, Splitter};

/// One thing the splitter reported, in text order: a statement or something it stepped over.
enum Part {
    Statement,
    Skipped(Skipped),
}

/// Where the splitter starts a scan, and how many tokens lie before it. What follows depends
/// only on the text from there (and the byte before it, for a dollar quote's tag) and on the
/// delimiter in force, so an edited text can be re-read from the last checkpoint before the
/// edit, and stops being re-read at the first checkpoint after it that the old text also had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Checkpoint {
    /// Byte offset where the scan starts.
    pub pos: usize,
    /// How many tokens come before it.
    pub tokens: usize,
    /// The delimiter in force, None for `;`.
    pub delimiter: Option<Box<str>>,
    /// Where the text not yet given tokens starts (at or before `pos`): the whitespace and
    /// comments after the last statement are marked only when the next scan begins, so an
    /// edit there changes what comes after this checkpoint too.
    pub owed: usize,
}

impl Checkpoint {
    /// The start of a text.
    pub fn start() -> Self {
        Checkpoint {
            pos: 0,
            tokens: 0,
            delimiter: None,
            owed: 0,
        }
    }
}

/// Highlights a schema text read in `dialect`, from `from` (the start, or a checkpoint an
/// earlier reading of the same bytes before it recorded), noting a checkpoint before each
/// scan. Stops early, returning the checkpoint, when `synced` says the rest is known.
/// Pauses every [`crate::pace::STRIDE`] of statements read ([`crate::pace`]).
pub(super) async fn highlight(
    text: &str,
    dialect: Dialect,
    from: &Checkpoint,
    tokens: &mut Tokens,
    checkpoints: &mut Vec<Checkpoint>,
    synced: &mut dyn FnMut(&Checkpoint) -> bool,
) -> Option<Checkpoint> {
    let mut stride = crate::pace::Stride::default();
    let delimiter = from.delimiter.as_deref().unwrap_or(";");
    let mut splitter = Splitter::resume(text, dialect, from.pos, delimiter).recording();
    // What the reading that recorded `from` still owed (whitespace and comments before it) is
    // marked by this one.
    let mut at = from.owed.min(from.pos);
    loop {
        let checkpoint = Checkpoint {
            pos: splitter.position(),
            tokens: tokens.list.len(),
            delimiter: Some(splitter.delimiter())
                .filter(|d| *d != ";")
                .map(Box::from),
            owed: at,
        };
        if checkpoints.last().is_some_and(|c| c.pos >= checkpoint.pos) {
            // Only the first scan may start where the previous reading stopped.
        } else if synced(&checkpoint) {
            return Some(checkpoint);
        } else {
            checkpoints.push(checkpoint);
        }
        let piece = splitter.next();
        let mut parts: Vec<(usize, usize, Part)> = splitter
            .take_skipped()
            .into_iter()
            .map(|(kind, start, end)| (start, end, Part::Skipped(kind)))
            .collect();
        // What the splitter stepped over is in text order; the statement goes among it (its
        // own delimiter, and any `COPY` data, are noted before it is returned).
        if let Some(piece) = piece {
            let at = parts.partition_point(|(start, _, _)| *start < piece.start);
            parts.insert(at, (piece.start, piece.end, Part::Statement));
            stride.over(piece.end.saturating_sub(piece.start)).await;
        }
        for (start, end, part) in parts {
            comments(text, (at, start), 0, dialect, tokens);
            match part {
                Part::Statement => statement(text, start, end, dialect, tokens),
                Part::Skipped(Skipped::Delimiter) => tokens.push(start, end, Class::Punctuation),
                Part::Skipped(Skipped::Directive) => directive(text, start, end, tokens),
                Part::Skipped(Skipped::CopyData) => tokens.runs(text, start, end, Class::Unread),
            }
            at = at.max(end);
        }
        if piece.is_none() {
            comments(text, (at, text.len()), 0, dialect, tokens);
            return None;
        }
    }
}

/// Marks the comments in `text[from..to]`, a stretch that holds only whitespace and comments
/// (anything else, which no reader leaves there, is marked as punctuation). `text` starts at
/// byte `base` of the pane.
fn comments(
    text: &str,
    (from, to): (usize, usize),
    base: usize,
    dialect: Dialect,
    tokens: &mut Tokens,
) {
    let Some(bytes) = text.as_bytes().get(..to) else {
        return;
    };
    let mut i = from;
    while i < to {
        let Some(&byte) = bytes.get(i) else { break };
        if byte.is_ascii_whitespace() {
            i += 1;
        } else if let Some(after) = versioned_comment_open(bytes, i, dialect) {
            // MySQL runs a versioned comment's contents: only its markers are comment.
            tokens.push(base + i, base + after, Class::Comment);
            i = after.max(i + 1);
        } else if versioned_comment_close(bytes, i, dialect) {
            tokens.push(base + i, base + i + 2, Class::Comment);
            i += 2;
        } else if let Some(end) = comment_end(bytes, i, dialect) {
            tokens.push(base + i, base + end, Class::Comment);
            i = end.max(i + 1);
        } else {
            // No reader leaves anything else here but whitespace trimmed off a statement's end.
            let c = text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' ');
            if !c.is_whitespace() {
                tokens.push(base + i, base + i + c.len_utf8(), Class::Punctuation);
            }
            i += c.len_utf8();
        }
    }
}

/// A `DELIMITER x` or `GO` line: its word is a keyword, the rest punctuation.
fn directive(text: &str, start: usize, end: usize, tokens: &mut Tokens) {
    let line = text.get(start..end).unwrap_or_default();
    let word = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    tokens.push(start, start + word, Class::Keyword);
    tokens.runs(text, start + word, end, Class::Punctuation);
}

/// One statement, `text[start..end]`, read by the lexer as the readers read it.
fn statement(text: &str, start: usize, end: usize, dialect: Dialect, tokens: &mut Tokens) {
    let Some(source) = text.get(start..end) else {
        return;
    };
    let mut at = 0;
    for token in Lexer::new(source, dialect) {
        comments(source, (at, token.start), start, dialect, tokens);
        let class = match token.kind {
            TokenKind::Word { quoted: true } => Class::QuotedIdentifier,
            TokenKind::Word { quoted: false } if is_keyword(token.text(source)) => Class::Keyword,
            TokenKind::Word { quoted: false } => Class::Identifier,
            TokenKind::Str => Class::String,
            TokenKind::Number => Class::Number,
            TokenKind::Punct(_) => Class::Punctuation,
        };
        tokens.push(start + token.start, start + token.end, class);
        at = token.end;
    }
    comments(source, (at, source.len()), start, dialect, tokens);
}

/// Whether `word` is a keyword or a common type name (any case), without allocating: a binary
/// search finds the keywords that share its first two letters, and only those are compared.
pub(super) fn is_keyword(word: &str) -> bool {
    let mut buffer = [0u8; 24];
    let Some(lowered) = buffer.get_mut(..word.len()) else {
        return false;
    };
    for (to, from) in lowered.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    let lowered = &*lowered;
    let head = |word: &[u8]| {
        u16::from_be_bytes([
            word.first().map_or(0, |b| *b),
            word.get(1).map_or(0, |b| *b),
        ])
    };
    let wanted = head(lowered);
    let first = KEYWORDS.partition_point(|keyword| head(keyword.as_bytes()) < wanted);
    KEYWORDS
        .iter()
        .skip(first)
        .take_while(|keyword| head(keyword.as_bytes()) == wanted)
        .any(|keyword| keyword.as_bytes() == lowered)
}

/// SQL keywords and common type names, lowercase and sorted (a test checks the order).
#[rustfmt::skip]
pub(super) const KEYWORDS: &[&str] = &[
    "action", "add", "after", "all", "alter", "always", "and", "as", "asc", "auto_increment",
    "autoincrement", "before", "begin", "between", "bigint", "bigserial", "binary", "bit", "blob",
    "bool", "boolean", "by", "bytea", "cache", "cascade", "case", "cast", "char", "character",
    "charset", "check", "clustered", "collate", "column", "comment", "commit", "constraint",
    "copy", "create", "current_timestamp", "cycle", "database", "date", "datetime", "decimal", "declare",
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
