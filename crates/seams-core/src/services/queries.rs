//! Reads and writes inferred from the SQL a service runs (`queries:` in the services file).
//!
//! Each SQL string is lexed with the core's lexer and read once, left to right, by a small
//! state machine with an explicit stack of parenthesis contexts (so a 20,000-term expression or
//! parentheses nested 1,000 deep cost a loop, never recursion). A `(` whose next token is
//! `SELECT`, `WITH` or `VALUES`, and the body of a CTE, open a query context; other parentheses
//! (function calls such as `EXTRACT(year FROM d)`, column lists) do not, and a `FROM` inside them
//! names no table. Every relation after `FROM`, `JOIN`, `USING` (of `DELETE` and `MERGE`) and in
//! comma lists is a read; the targets of `INSERT`, `REPLACE`, `UPDATE`, `DELETE`, `MERGE` and
//! `TRUNCATE` are writes; CTE names and table-valued functions are neither. Names keep their
//! qualification and quotes as written (`public."Users"`); the architecture module normalises
//! them. A query that cannot be read is one warning and contributes nothing.

use super::{NameRef, QueryDecl};
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Span};
use crate::sql::lex::{Lexer, Token, TokenKind};
use crate::sql::structure::{self, Problem};
use crate::sql::Dialect;
use saphyr_parser::ScalarStyle;
use std::collections::BTreeSet;

/// Longest SQL string read, in bytes. It also bounds the work and the context stack: the reader
/// is linear in the number of tokens and keeps one small entry per open parenthesis.
pub const MAX_QUERY_BYTES: usize = 100_000;

/// Where a SQL string sits in the services file, to place parse errors on the right line.
#[derive(Debug, Clone, Copy)]
pub struct SqlOrigin {
    /// Where the scalar starts (for a block scalar: its first content line and indentation).
    pub span: Span,
    /// How the scalar was written.
    pub style: ScalarStyle,
}

impl SqlOrigin {
    /// The file position of 1-based `line` and `column` inside the SQL string, as close as the
    /// scalar's style allows (literal blocks and one-line scalars map exactly; folded text maps
    /// to the scalar's start).
    fn locate(&self, sql: &str, line: u64, column: u64) -> Span {
        let mut at = self.span;
        let line = u32::try_from(line).unwrap_or(1).max(1);
        let column = u32::try_from(column).unwrap_or(1).max(1);
        match self.style {
            ScalarStyle::Literal => {
                at.line = at.line.saturating_add(line - 1);
                at.column = at.column.saturating_add(column - 1);
            }
            ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                if !sql.contains('\n') =>
            {
                let quote = u32::from(self.style != ScalarStyle::Plain);
                at.column = at.column.saturating_add(quote).saturating_add(column - 1);
            }
            _ => {}
        }
        at
    }

    /// The file position of byte `offset` of the SQL string.
    fn locate_offset(&self, sql: &str, offset: usize) -> Span {
        let (line, column) = LineIndex::new(sql).position(sql, offset);
        self.locate(sql, u64::from(line), u64::from(column))
    }
}

/// Infers the relations one SQL string reads and writes. Problems (unreadable SQL, the size
/// limit) are warnings; the query is still returned, with whatever could be inferred (nothing
/// when the string could not be read).
pub fn infer(sql: &str, origin: SqlOrigin, dialect: Dialect) -> (QueryDecl, Vec<Diagnostic>) {
    let mut decl = QueryDecl {
        sql: sql.to_string(),
        reads: Vec::new(),
        writes: Vec::new(),
        span: origin.span,
    };
    let mut diagnostics = Vec::new();
    match relations(sql, dialect) {
        Ok((reads, writes)) => {
            let to_refs = |names: Vec<String>| {
                names
                    .into_iter()
                    .map(|name| NameRef {
                        name,
                        span: origin.span,
                    })
                    .collect()
            };
            decl.reads = to_refs(reads);
            decl.writes = to_refs(writes);
        }
        Err(Unreadable::Empty) => {
            diagnostics.push(Diagnostic::warning(origin.span, "this query is empty"));
        }
        Err(Unreadable::TooLong) => diagnostics.push(Diagnostic::warning(
            origin.span,
            format!(
                "this query is longer than {} KB and is not read",
                MAX_QUERY_BYTES / 1000
            ),
        )),
        Err(Unreadable::At(problem)) => diagnostics.push(Diagnostic::warning(
            origin.locate_offset(sql, problem.offset),
            format!("could not read this query: {}", problem.message),
        )),
    }
    (decl, diagnostics)
}

/// Why a SQL string yields nothing.
#[derive(Debug)]
enum Unreadable {
    /// Only whitespace.
    Empty,
    /// Longer than [`MAX_QUERY_BYTES`].
    TooLong,
    /// A problem at a byte offset.
    At(Problem),
}

/// The (reads, writes) of `sql`, each deduplicated in first-seen order, CTE names removed.
fn relations(sql: &str, dialect: Dialect) -> Result<(Vec<String>, Vec<String>), Unreadable> {
    if sql.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    if sql.len() > MAX_QUERY_BYTES {
        return Err(Unreadable::TooLong);
    }
    let tokens: Vec<Token> = Lexer::new(sql, dialect).collect();
    if let Some(problem) = structure::problem(&tokens) {
        return Err(Unreadable::At(problem));
    }
    let mut reader = Reader::new(sql, &tokens);
    reader.run().map_err(Unreadable::At)?;
    Ok(reader.finish())
}

/// A relation as written: its rendered name and, for an unqualified name, the key CTE names and
/// aliases are compared with (its unquoted text, lowercased).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Relation {
    name: String,
    key: Option<String>,
}

/// Whether a table factor is read or is the statement's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Read,
    Target,
}

/// The statement a query context belongs to, for the clauses only some statements have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    Delete,
    Merge,
}

/// Where the reader is inside one query context.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// At the start of a statement (or of a parenthesised query).
    Head,
    /// After `WITH` or a `,` in a CTE list: a CTE name comes next.
    CteName,
    /// After a CTE name: an optional column list, then `AS`.
    CteAfterName,
    /// After a CTE's `AS`: `[NOT] [MATERIALIZED] (`.
    CteBody,
    /// After a CTE body: `,` and another CTE, or the statement.
    AfterCte,
    /// A table factor comes next (token index of the keyword that asked for it).
    Factor { role: Role, intro: usize },
    /// After a table factor: an optional alias (the factor's relation, if it was a table).
    Alias(Option<Relation>),
    /// After an alias: an optional column list.
    AliasColumns,
    /// After a complete table factor: a comma, a clause keyword or the end.
    Continue,
    /// Anywhere else in a statement that can name tables.
    Body,
    /// In a statement that names no tables Seams reads (`SET`, `CALL`, …).
    Opaque,
}

/// One open parenthesis (or the statement itself).
#[derive(Debug, Clone)]
struct Frame {
    /// True for a query context; false for function arguments, column lists and expressions.
    query: bool,
    state: State,
    kind: Kind,
    /// True inside a `FROM`/`USING` list (or an `UPDATE`/`DELETE FROM` target list), where a
    /// `,` introduces another table.
    in_from: bool,
    /// The role of the next item of that list.
    list_role: Role,
    /// True once a `DELETE`/`MERGE` context has read its `USING` list.
    using_seen: bool,
}

impl Frame {
    fn query(state: State) -> Self {
        Frame {
            query: true,
            state,
            kind: Kind::Other,
            in_from: false,
            list_role: Role::Read,
            using_seen: false,
        }
    }

    fn plain() -> Self {
        Frame {
            query: false,
            ..Frame::query(State::Opaque)
        }
    }
}

/// What one statement has named so far.
#[derive(Debug, Default)]
struct StatementFacts {
    reads: Vec<Relation>,
    writes: Vec<Relation>,
    /// Aliases declared in the statement: (key, relation it names).
    aliases: Vec<(String, Relation)>,
    /// MySQL `DELETE t1, t2 FROM …` targets, possibly aliases, resolved at the statement's end.
    delete_targets: Vec<Relation>,
}

/// Unquoted words that end a table factor: they can be neither a table name nor an alias.
const RESERVED: &[&str] = &[
    "and",
    "anti",
    "apply",
    "as",
    "asof",
    "cascade",
    "connect",
    "cross",
    "default",
    "do",
    "end",
    "except",
    "fetch",
    "for",
    "force",
    "from",
    "full",
    "group",
    "having",
    "ignore",
    "inner",
    "intersect",
    "into",
    "join",
    "lateral",
    "left",
    "limit",
    "lock",
    "minus",
    "natural",
    "not",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "output",
    "overriding",
    "partition",
    "pivot",
    "qualify",
    "restrict",
    "returning",
    "right",
    "select",
    "semi",
    "set",
    "start",
    "straight_join",
    "tablesample",
    "then",
    "union",
    "unpivot",
    "use",
    "using",
    "values",
    "when",
    "where",
    "window",
    "with",
];

/// Keywords that end a `FROM` list: a `,` after them is no longer a table separator. (`UPDATE`,
/// `INSERT` and `DELETE` here are the ones inside a statement: `ON DUPLICATE KEY UPDATE`,
/// `DO UPDATE`, `FOR UPDATE`, MERGE's `THEN INSERT`.)
const CLAUSES: &[&str] = &[
    "delete",
    "do",
    "except",
    "fetch",
    "for",
    "group",
    "having",
    "insert",
    "intersect",
    "into",
    "limit",
    "minus",
    "offset",
    "order",
    "output",
    "qualify",
    "returning",
    "select",
    "set",
    "union",
    "update",
    "values",
    "where",
    "window",
];

/// Statements that name no table Seams reads or writes; they are accepted and skipped.
const OPAQUE_HEADS: &[&str] = &[
    "abort",
    "alter",
    "analyze",
    "attach",
    "begin",
    "call",
    "checkpoint",
    "close",
    "cluster",
    "comment",
    "commit",
    "copy",
    "deallocate",
    "declare",
    "describe",
    "detach",
    "discard",
    "do",
    "drop",
    "end",
    "exec",
    "execute",
    "fetch",
    "grant",
    "listen",
    "load",
    "lock",
    "move",
    "notify",
    "open",
    "optimize",
    "pragma",
    "prepare",
    "refresh",
    "reindex",
    "release",
    "rename",
    "reset",
    "revoke",
    "rollback",
    "savepoint",
    "set",
    "show",
    "start",
    "unlisten",
    "unlock",
    "use",
    "vacuum",
];

/// The token reader: one pass over a string's tokens with a stack of contexts.
struct Reader<'a> {
    sql: &'a str,
    tokens: &'a [Token],
    /// The innermost context.
    top: Frame,
    /// The contexts around it, outermost first.
    outer: Vec<Frame>,
    statement: StatementFacts,
    reads: Vec<Relation>,
    writes: Vec<Relation>,
    /// CTE names (keys), excluded wherever they are used.
    ctes: BTreeSet<String>,
}

impl<'a> Reader<'a> {
    fn new(sql: &'a str, tokens: &'a [Token]) -> Self {
        Reader {
            sql,
            tokens,
            top: Frame::query(State::Head),
            outer: Vec::new(),
            statement: StatementFacts::default(),
            reads: Vec::new(),
            writes: Vec::new(),
            ctes: BTreeSet::new(),
        }
    }

    /// Reads every token, then ends the last statement.
    fn run(&mut self) -> Result<(), Problem> {
        let mut i = 0;
        while i < self.tokens.len() {
            i = self.step(i)?;
        }
        self.end_statement(self.tokens.len())
    }

    /// Splits what was seen into (reads, writes), deduplicated in first-seen order.
    fn finish(self) -> (Vec<String>, Vec<String>) {
        let ctes = &self.ctes;
        let keep = |relations: Vec<Relation>| {
            let mut names: Vec<String> = Vec::new();
            for relation in relations {
                let is_cte = relation.key.as_ref().is_some_and(|k| ctes.contains(k));
                if !is_cte && !names.contains(&relation.name) {
                    names.push(relation.name);
                }
            }
            names
        };
        (keep(self.reads), keep(self.writes))
    }

    fn token(&self, i: usize) -> Option<&'a Token> {
        self.tokens.get(i)
    }

    fn is_keyword(&self, i: usize, keyword: &str) -> bool {
        self.token(i)
            .is_some_and(|t| t.is_keyword(self.sql, keyword))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.token(i).is_some_and(|t| t.is_punct(c))
    }

    /// The lowercased text of an unquoted word at `i` (not after a `.`, where it is a name).
    fn keyword(&self, i: usize) -> Option<String> {
        let token = self.token(i)?;
        let after_dot = i > 0 && self.is_punct(i - 1, '.');
        (token.kind == TokenKind::Word { quoted: false } && !after_dot)
            .then(|| token.text(self.sql).to_ascii_lowercase())
    }

    fn is_reserved(&self, i: usize) -> bool {
        self.keyword(i)
            .is_some_and(|k| RESERVED.contains(&k.as_str()))
    }

    /// True for a word at `i` that can name a table or an alias.
    fn is_name(&self, i: usize) -> bool {
        match self.token(i).map(|t| t.kind) {
            Some(TokenKind::Word { quoted: true }) => true,
            Some(TokenKind::Word { quoted: false }) => !self.is_reserved(i),
            _ => false,
        }
    }

    /// The key of the word at `i`: its unquoted text, lowercased.
    fn key(&self, i: usize) -> String {
        self.token(i)
            .map(|t| t.text(self.sql).to_lowercase())
            .unwrap_or_default()
    }

    /// A short rendering of token `i` for messages (`the end of the query` past the end).
    fn shown(&self, i: usize) -> String {
        match self.token(i) {
            Some(token) => {
                let raw = self.sql.get(token.start..token.end).unwrap_or("");
                let short: String = raw.chars().take(30).collect();
                if short.len() < raw.len() {
                    format!("`{short}…`")
                } else {
                    format!("`{short}`")
                }
            }
            None => String::from("the end of the query"),
        }
    }

    /// A problem at token `i` (or at the last token when `i` is past the end).
    fn problem(&self, i: usize, message: String) -> Problem {
        let offset = self
            .token(i)
            .or_else(|| self.tokens.last())
            .map_or(0, |t| t.start);
        Problem { message, offset }
    }

    /// The (possibly qualified) name starting at `i`, and the index after it.
    fn read_name(&self, i: usize) -> Option<(Relation, usize)> {
        if !self.is_name(i) {
            return None;
        }
        let raw = |at: usize| {
            self.token(at)
                .and_then(|t| self.sql.get(t.start..t.end))
                .unwrap_or("")
        };
        let mut name = raw(i).to_string();
        let mut end = i + 1;
        while self.is_punct(end, '.')
            && matches!(
                self.token(end + 1).map(|t| t.kind),
                Some(TokenKind::Word { .. })
            )
        {
            name.push('.');
            name.push_str(raw(end + 1));
            end += 2;
        }
        let key = (end == i + 1).then(|| self.key(i));
        Some((Relation { name, key }, end))
    }

    fn frame(&mut self) -> &mut Frame {
        &mut self.top
    }

    /// Enters a new innermost context.
    fn push(&mut self, frame: Frame) {
        let outer = std::mem::replace(&mut self.top, frame);
        self.outer.push(outer);
    }

    fn set_state(&mut self, state: State) {
        self.frame().state = state;
    }

    /// The index after an MS SQL `TOP n` or `TOP (n)` at `i` (`i` itself when there is none).
    fn skip_top(&self, i: usize) -> usize {
        if !self.is_keyword(i, "top") {
            return i;
        }
        if self.is_punct(i + 1, '(') {
            let close = (i + 2..self.tokens.len()).find(|&j| self.is_punct(j, ')'));
            return close.map_or(i + 1, |j| j + 1);
        }
        i + 2
    }

    /// Opens the parenthesis at `i`: a query context when a query starts inside it.
    fn open(&mut self, i: usize) {
        let query = ["select", "with", "values"]
            .iter()
            .any(|k| self.is_keyword(i + 1, k));
        self.push(if query {
            Frame::query(State::Head)
        } else {
            Frame::plain()
        });
    }

    /// Reads token `i` and returns the index of the next token to read.
    fn step(&mut self, i: usize) -> Result<usize, Problem> {
        if self.is_punct(i, ';') && self.outer.is_empty() {
            self.end_statement(i)?;
            return Ok(i + 1);
        }
        if self.is_punct(i, ')') {
            if self.top.query {
                self.end_context(i, true)?;
            }
            if let Some(outer) = self.outer.pop() {
                self.top = outer;
            }
            return Ok(i + 1);
        }
        if !self.frame().query {
            if self.is_punct(i, '(') {
                self.open(i);
            }
            return Ok(i + 1);
        }
        let state = self.frame().state.clone();
        match state {
            State::Head => self.head(i),
            State::CteName => {
                if self.is_keyword(i, "recursive") && self.is_name(i + 1) {
                    return Ok(i + 1);
                }
                if !self.is_name(i) {
                    let found = self.shown(i);
                    return Err(self.problem(i, format!("expected a CTE name, found {found}")));
                }
                self.ctes.insert(self.key(i));
                self.set_state(State::CteAfterName);
                Ok(i + 1)
            }
            State::CteAfterName => {
                if self.is_punct(i, '(') {
                    self.push(Frame::plain());
                } else if self.is_keyword(i, "as") {
                    self.set_state(State::CteBody);
                } else {
                    let found = self.shown(i);
                    return Err(self.problem(
                        i,
                        format!("expected `AS (` after a CTE name, found {found}"),
                    ));
                }
                Ok(i + 1)
            }
            State::CteBody => {
                if self.is_keyword(i, "not") || self.is_keyword(i, "materialized") {
                    return Ok(i + 1);
                }
                if !self.is_punct(i, '(') {
                    let found = self.shown(i);
                    return Err(
                        self.problem(i, format!("expected `(` after a CTE's `AS`, found {found}"))
                    );
                }
                self.set_state(State::AfterCte);
                self.push(Frame::query(State::Head));
                Ok(i + 1)
            }
            State::AfterCte => {
                if self.is_punct(i, ',') {
                    self.set_state(State::CteName);
                    return Ok(i + 1);
                }
                self.set_state(State::Head);
                Ok(i)
            }
            State::Factor { role, intro } => self.factor(i, role, intro),
            State::Alias(relation) => {
                let alias = if self.is_keyword(i, "as") {
                    if !self.is_name(i + 1) {
                        let found = self.shown(i + 1);
                        return Err(self.problem(
                            i + 1,
                            format!("expected an alias after `AS`, found {found}"),
                        ));
                    }
                    Some(i + 1)
                } else if self.is_name(i) {
                    Some(i)
                } else {
                    None
                };
                match alias {
                    Some(at) => {
                        if let Some(relation) = relation {
                            let key = self.key(at);
                            self.statement.aliases.push((key, relation));
                        }
                        self.set_state(State::AliasColumns);
                        Ok(at + 1)
                    }
                    None => {
                        self.set_state(State::Continue);
                        Ok(i)
                    }
                }
            }
            State::AliasColumns => {
                self.set_state(State::Continue);
                if self.is_punct(i, '(') {
                    self.push(Frame::plain());
                    return Ok(i + 1);
                }
                Ok(i)
            }
            State::Continue => {
                if self.is_punct(i, ',') {
                    let frame = self.frame();
                    frame.state = if frame.in_from {
                        State::Factor {
                            role: frame.list_role,
                            intro: i,
                        }
                    } else {
                        State::Body
                    };
                    return Ok(i + 1);
                }
                if self.is_reserved(i) || self.is_punct(i, '(') {
                    self.set_state(State::Body);
                    return Ok(i);
                }
                let found = self.shown(i);
                let previous = self.shown(i.saturating_sub(1));
                Err(self.problem(i, format!("unexpected {found} after {previous}")))
            }
            State::Body => self.body(i),
            State::Opaque => {
                if self.is_punct(i, '(') {
                    self.push(Frame::plain());
                }
                Ok(i + 1)
            }
        }
    }

    /// The first token of a statement or parenthesised query.
    fn head(&mut self, i: usize) -> Result<usize, Problem> {
        if self.is_punct(i, '(') {
            self.set_state(State::Body);
            self.open(i);
            return Ok(i + 1);
        }
        let keyword = self.keyword(i).unwrap_or_default();
        match keyword.as_str() {
            "select" | "values" | "create" => self.set_state(State::Body),
            "with" => self.set_state(State::CteName),
            "explain" => {
                let mut next = i + 1;
                while self.is_keyword(next, "analyze") || self.is_keyword(next, "verbose") {
                    next += 1;
                }
                return Ok(next);
            }
            "table" => self.set_state(State::Factor {
                role: Role::Read,
                intro: i,
            }),
            "insert" | "replace" => {
                let mut next = i + 1;
                while [
                    "into",
                    "ignore",
                    "or",
                    "replace",
                    "abort",
                    "fail",
                    "rollback",
                    "low_priority",
                    "high_priority",
                    "delayed",
                    "overwrite",
                    "table",
                ]
                .iter()
                .any(|k| self.is_keyword(next, k))
                {
                    next += 1;
                }
                let Some((target, end)) = self.read_name(next) else {
                    let found = self.shown(next);
                    let what = self.shown(i);
                    return Err(self.problem(
                        next,
                        format!("expected a table name after {what}, found {found}"),
                    ));
                };
                self.statement.writes.push(target);
                self.set_state(State::Alias(None));
                return Ok(end);
            }
            "update" | "merge" => {
                let mut next = i + 1;
                next = self.skip_top(next);
                while ["only", "into", "low_priority", "ignore"]
                    .iter()
                    .any(|k| self.is_keyword(next, k))
                {
                    next += 1;
                }
                let frame = self.frame();
                frame.in_from = keyword == "update";
                frame.list_role = Role::Read;
                if keyword == "merge" {
                    frame.kind = Kind::Merge;
                }
                frame.state = State::Factor {
                    role: Role::Target,
                    intro: i,
                };
                return Ok(next);
            }
            "delete" => return Ok(self.delete(i)),
            "truncate" => return self.truncate(i),
            _ if OPAQUE_HEADS.contains(&keyword.as_str()) => self.set_state(State::Opaque),
            _ => {
                let found = self.shown(i);
                return Err(self.problem(i, format!("{found} does not start an SQL statement")));
            }
        }
        Ok(i + 1)
    }

    /// `DELETE [FROM] …` at token `i`; returns where to go on.
    fn delete(&mut self, i: usize) -> usize {
        let mut next = i + 1;
        next = self.skip_top(next);
        while ["low_priority", "quick", "ignore"]
            .iter()
            .any(|k| self.is_keyword(next, k))
        {
            next += 1;
        }
        let frame = self.frame();
        frame.kind = Kind::Delete;
        if self.is_keyword(next, "from") {
            let frame = self.frame();
            frame.in_from = true;
            frame.list_role = Role::Target;
            frame.state = State::Factor {
                role: Role::Target,
                intro: next,
            };
            return next + 1;
        }
        // MySQL `DELETE t1, t2.* FROM …` (or MS SQL `DELETE t WHERE …`): the targets come first.
        while let Some((target, end)) = self.read_name(next) {
            self.statement.delete_targets.push(target);
            next = end;
            if self.is_punct(next, '.') && self.is_punct(next + 1, '*') {
                next += 2;
            }
            if !self.is_punct(next, ',') {
                break;
            }
            next += 1;
        }
        self.set_state(State::Body);
        next
    }

    /// `TRUNCATE [TABLE] [ONLY] t1 [*], t2 …` at token `i`.
    fn truncate(&mut self, i: usize) -> Result<usize, Problem> {
        let mut next = i + 1;
        if self.is_keyword(next, "table") {
            next += 1;
        }
        loop {
            if self.is_keyword(next, "only") && self.is_name(next + 1) {
                next += 1;
            }
            let Some((target, end)) = self.read_name(next) else {
                let found = self.shown(next);
                return Err(self.problem(
                    next,
                    format!("expected a table name after `TRUNCATE`, found {found}"),
                ));
            };
            self.statement.writes.push(target);
            next = end;
            if self.is_punct(next, '*') {
                next += 1;
            }
            if !self.is_punct(next, ',') {
                break;
            }
            next += 1;
        }
        self.set_state(State::Opaque);
        Ok(next)
    }

    /// A table factor at token `i`: `[ONLY|LATERAL] name [(args)]` or `( … )`.
    fn factor(&mut self, i: usize, role: Role, intro: usize) -> Result<usize, Problem> {
        let skippable = self.is_keyword(i, "only") || self.is_keyword(i, "lateral");
        if skippable && (self.is_name(i + 1) || self.is_punct(i + 1, '(')) {
            return Ok(i + 1);
        }
        if self.is_punct(i, '(') {
            self.set_state(State::Alias(None));
            let query = ["select", "with", "values"]
                .iter()
                .any(|k| self.is_keyword(i + 1, k));
            if query {
                self.push(Frame::query(State::Head));
            } else {
                // A parenthesised join: `FROM (a JOIN b ON …)`.
                let mut nested = Frame::query(State::Factor {
                    role: Role::Read,
                    intro: i,
                });
                nested.in_from = true;
                self.push(nested);
            }
            return Ok(i + 1);
        }
        let Some((relation, end)) = self.read_name(i) else {
            let found = self.shown(i);
            let what = self.shown(intro);
            return Err(self.problem(
                i,
                format!("expected a table name after {what}, found {found}"),
            ));
        };
        if self.is_punct(end, '(') {
            // A table-valued function: not a table; its arguments may hold subqueries.
            self.set_state(State::Alias(None));
            self.open(end);
            return Ok(end + 1);
        }
        match role {
            Role::Read => self.statement.reads.push(relation.clone()),
            Role::Target => self.statement.writes.push(relation.clone()),
        }
        self.set_state(State::Alias(Some(relation)));
        Ok(end)
    }

    /// Token `i` in the body of a statement: looks for the keywords that introduce tables.
    fn body(&mut self, i: usize) -> Result<usize, Problem> {
        if self.is_punct(i, '(') {
            self.open(i);
            return Ok(i + 1);
        }
        if self.is_punct(i, ',') {
            let frame = self.frame();
            if frame.in_from {
                frame.state = State::Factor {
                    role: frame.list_role,
                    intro: i,
                };
            }
            return Ok(i + 1);
        }
        let Some(keyword) = self.keyword(i) else {
            return Ok(i + 1);
        };
        let distinct_from = i > 0 && self.is_keyword(i - 1, "distinct");
        let cte_list = keyword == "with" && self.starts_cte_list(i);
        let frame = self.frame();
        match keyword.as_str() {
            "from" if !distinct_from => {
                frame.in_from = true;
                frame.list_role = Role::Read;
                frame.state = State::Factor {
                    role: Role::Read,
                    intro: i,
                };
            }
            "join" | "straight_join" | "apply" => {
                frame.state = State::Factor {
                    role: Role::Read,
                    intro: i,
                };
            }
            "using" if matches!(frame.kind, Kind::Delete | Kind::Merge) && !frame.using_seen => {
                frame.using_seen = true;
                frame.in_from = true;
                frame.list_role = Role::Read;
                frame.state = State::Factor {
                    role: Role::Read,
                    intro: i,
                };
            }
            "with" if cte_list => frame.state = State::CteName,
            _ if CLAUSES.contains(&keyword.as_str()) => frame.in_from = false,
            _ => {}
        }
        Ok(i + 1)
    }

    /// True when `WITH` at `i` starts a CTE list (`WITH [RECURSIVE] name [(cols)] AS [NOT]
    /// [MATERIALIZED] (`) rather than `WITH ORDINALITY`, `WITH TIME ZONE` or a table hint.
    fn starts_cte_list(&self, i: usize) -> bool {
        let mut at = i + 1;
        if self.is_keyword(at, "recursive") {
            at += 1;
        }
        if !self.is_name(at) {
            return false;
        }
        at += 1;
        if self.is_punct(at, '(') {
            at += 1;
            // A column list holds names and commas only; stop at anything else.
            while self.is_name(at) || self.is_punct(at, ',') {
                at += 1;
            }
            if !self.is_punct(at, ')') {
                return false;
            }
            at += 1;
        }
        if !self.is_keyword(at, "as") {
            return false;
        }
        at += 1;
        while self.is_keyword(at, "not") || self.is_keyword(at, "materialized") {
            at += 1;
        }
        self.is_punct(at, '(')
    }

    /// Checks that the query context closing at token `i` (`)` or the end) is complete.
    fn end_context(&mut self, i: usize, closing: bool) -> Result<(), Problem> {
        let found = self.shown(i);
        match self.frame().state.clone() {
            State::Factor { intro, .. } => {
                let what = self.shown(intro);
                let at = if i < self.tokens.len() { i } else { intro };
                Err(self.problem(
                    at,
                    format!("expected a table name after {what}, found {found}"),
                ))
            }
            State::CteName | State::CteAfterName | State::CteBody | State::AfterCte => Err(self
                .problem(
                    i,
                    format!("expected a statement after `WITH …`, found {found}"),
                )),
            State::Head if closing => {
                Err(self.problem(i, format!("expected a query, found {found}")))
            }
            _ => Ok(()),
        }
    }

    /// Ends the statement at token `i` (a top-level `;` or the end): resolves MySQL delete
    /// targets and keeps what the statement named.
    fn end_statement(&mut self, i: usize) -> Result<(), Problem> {
        self.end_context(i, false)?;
        let mut statement = std::mem::take(&mut self.statement);
        for written in std::mem::take(&mut statement.delete_targets) {
            let real = written
                .key
                .as_ref()
                .and_then(|key| {
                    statement
                        .aliases
                        .iter()
                        .find(|(alias, _)| alias == key)
                        .map(|(_, relation)| relation.clone())
                })
                .unwrap_or(written);
            if let Some(at) = statement.reads.iter().position(|r| r.name == real.name) {
                statement.reads.remove(at);
            }
            statement.writes.push(real);
        }
        self.reads.append(&mut statement.reads);
        self.writes.append(&mut statement.writes);
        self.outer.clear();
        self.top = Frame::query(State::Head);
        Ok(())
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pane;
    use proptest::prelude::*;

    fn origin() -> SqlOrigin {
        SqlOrigin {
            span: Span::new(Pane::Services, 10, 5),
            style: ScalarStyle::Plain,
        }
    }

    /// Infers from `sql` and renders `reads: a, b | writes: c` (or the diagnostics); also
    /// compares the reader with the sqlparser oracle where the oracle reads `sql`.
    fn check_in(dialect: Dialect, sql: &str, expected: &str) {
        let (decl, diagnostics) = infer(sql, origin(), dialect);
        let names = |refs: &[NameRef]| {
            refs.iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!(
            "reads: {} | writes: {}",
            names(&decl.reads),
            names(&decl.writes)
        );
        for d in diagnostics {
            out.push_str(&format!("\n{d}"));
        }
        let shown: String = sql.chars().take(80).collect();
        assert_eq!(out, expected, "for {shown:?}");
        // sqlparser reads an empty string as no statements; the reader warns (as before).
        if sql.len() < 2_000 && !sql.trim().is_empty() {
            assert_agrees_with_oracle(sql, dialect);
        }
    }

    fn check(sql: &str, expected: &str) {
        check_in(Dialect::Postgres, sql, expected);
    }

    #[test]
    fn selects_read_every_relation() {
        check(
            "SELECT * FROM users u JOIN orders o ON o.user_id = u.id",
            "reads: users, orders | writes: ",
        );
        check(
            "SELECT * FROM users WHERE id IN (SELECT user_id FROM orders)",
            "reads: users, orders | writes: ",
        );
        check(
            "SELECT id FROM users UNION SELECT id FROM admins",
            "reads: users, admins | writes: ",
        );
        check(
            "SELECT (SELECT count(*) FROM orders) FROM users, users",
            "reads: orders, users | writes: ",
        );
    }

    #[test]
    fn comma_lists_and_join_kinds_read_every_table() {
        check(
            "SELECT * FROM a, b x, c AS y WHERE a.id = x.id",
            "reads: a, b, c | writes: ",
        );
        check(
            "SELECT * FROM a JOIN b ON a.id = b.id, c NATURAL JOIN d \
             LEFT OUTER JOIN e USING (id) CROSS JOIN f FULL JOIN g ON true",
            "reads: a, b, c, d, e, f, g | writes: ",
        );
        check(
            "SELECT * FROM a JOIN b ON CASE WHEN a.x THEN 1 END = 1, c",
            "reads: a, b, c | writes: ",
        );
        check(
            "SELECT * FROM (a JOIN b ON true) LEFT JOIN c ON true",
            "reads: a, b, c | writes: ",
        );
        check("SELECT * FROM ONLY events e", "reads: events | writes: ");
        check(
            "(SELECT id FROM a) UNION ALL (SELECT id FROM b) EXCEPT SELECT id FROM c",
            "reads: a, b, c | writes: ",
        );
    }

    #[test]
    fn from_inside_functions_and_distinct_from_is_not_a_table() {
        check(
            "SELECT EXTRACT(year FROM created), SUBSTRING(name FROM 1 FOR 3), \
             TRIM(BOTH ' ' FROM name) FROM users WHERE a IS NOT DISTINCT FROM b \
             AND c IS DISTINCT FROM d",
            "reads: users | writes: ",
        );
        check(
            "SELECT t.from, \"from\" FROM t WHERE t.select = 1",
            "reads: t | writes: ",
        );
    }

    #[test]
    fn subqueries_lateral_and_their_aliases() {
        check(
            "SELECT * FROM (SELECT * FROM orders) recent JOIN users ON true",
            "reads: orders, users | writes: ",
        );
        check(
            "SELECT * FROM users u, LATERAL (SELECT * FROM orders o WHERE o.user_id = u.id) l \
             CROSS JOIN LATERAL unnest(u.tags) AS tag",
            "reads: users, orders | writes: ",
        );
        check(
            "SELECT * FROM (SELECT * FROM (SELECT * FROM deep) d1) d2",
            "reads: deep | writes: ",
        );
        check(
            "SELECT * FROM users WHERE EXISTS (SELECT 1 FROM bans WHERE bans.id = users.id) \
             AND id = ANY (SELECT id FROM vip)",
            "reads: users, bans, vip | writes: ",
        );
    }

    #[test]
    fn cte_names_are_not_tables() {
        check(
            "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN users ON true",
            "reads: orders, users | writes: ",
        );
        check(
            "WITH RECURSIVE tree (id, parent) AS (SELECT id, parent FROM nodes \
             UNION ALL SELECT n.id, n.parent FROM nodes n JOIN tree t ON n.parent = t.id) \
             SELECT * FROM tree",
            "reads: nodes | writes: ",
        );
        check(
            "WITH \"Recent\" AS (SELECT * FROM orders), b AS MATERIALIZED (SELECT 1) \
             SELECT * FROM \"Recent\", RECENT, b",
            "reads: orders | writes: ",
        );
        check(
            "SELECT * FROM (WITH inner_cte AS (SELECT * FROM items) SELECT * FROM inner_cte) x \
             JOIN users ON true",
            "reads: items, users | writes: ",
        );
        check(
            "INSERT INTO archive WITH old AS (SELECT * FROM orders) SELECT * FROM old",
            "reads: orders | writes: archive",
        );
    }

    #[test]
    fn table_functions_are_not_tables() {
        check(
            "SELECT * FROM generate_series(1, 3) g JOIN users ON true",
            "reads: users | writes: ",
        );
        check(
            "SELECT * FROM unnest((SELECT tags FROM posts)) WITH ORDINALITY AS t(tag, n), users",
            "reads: posts, users | writes: ",
        );
    }

    #[test]
    fn dml_writes_targets_and_reads_sources() {
        check(
            "INSERT INTO archive SELECT * FROM orders",
            "reads: orders | writes: archive",
        );
        check(
            "UPDATE users SET name = n.name FROM names n WHERE n.id = users.id",
            "reads: names | writes: users",
        );
        check(
            "DELETE FROM sessions USING users WHERE sessions.user_id = users.id",
            "reads: users | writes: sessions",
        );
        check(
            "MERGE INTO stock s USING deliveries d ON s.id = d.id \
             WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty \
             WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (d.id, d.qty)",
            "reads: deliveries | writes: stock",
        );
        check(
            "INSERT INTO users (id, name) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET name = 'a'",
            "reads:  | writes: users",
        );
        check(
            "UPDATE users SET flag = true WHERE id IN (SELECT id FROM users WHERE old)",
            "reads: users | writes: users",
        );
        check("TRUNCATE events", "reads:  | writes: events");
        check(
            "TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE",
            "reads:  | writes: a, b",
        );
        check(
            "WITH gone AS (SELECT id FROM users) DELETE FROM orders WHERE user_id IN (SELECT id FROM gone)",
            "reads: users | writes: orders",
        );
        check(
            "INSERT INTO archive (id) SELECT id FROM a UNION SELECT id FROM b",
            "reads: a, b | writes: archive",
        );
        check(
            "UPDATE ONLY users u SET n = 1 FROM a, b WHERE true RETURNING u.id",
            "reads: a, b | writes: users",
        );
        check(
            "DELETE FROM a USING b JOIN c USING (id) WHERE true",
            "reads: b, c | writes: a",
        );
    }

    #[test]
    fn mysql_forms() {
        check_in(
            Dialect::MySql,
            "REPLACE INTO counters (id, n) VALUES (1, 2)",
            "reads:  | writes: counters",
        );
        check_in(
            Dialect::MySql,
            "DELETE o FROM orders o JOIN users u ON u.id = o.user_id",
            "reads: users | writes: orders",
        );
        check_in(
            Dialect::MySql,
            "SELECT * FROM `shop`.`orders`",
            "reads: `shop`.`orders` | writes: ",
        );
        check_in(
            Dialect::MySql,
            "DELETE o, i FROM orders AS o JOIN items i ON i.order_id = o.id JOIN users u ON true",
            "reads: users | writes: orders, items",
        );
        check_in(
            Dialect::MySql,
            "INSERT IGNORE INTO t (a, b) SELECT a, b FROM s ON DUPLICATE KEY UPDATE a = 1, b = 2",
            "reads: s | writes: t",
        );
        check_in(
            Dialect::MySql,
            "UPDATE t1 JOIN t2 ON t2.id = t1.id SET t1.a = t2.a, t1.b = 1",
            "reads: t2 | writes: t1",
        );
    }

    #[test]
    fn names_keep_qualification_and_quotes() {
        check(
            "SELECT * FROM public.users JOIN \"Orders\" ON true",
            "reads: public.users, \"Orders\" | writes: ",
        );
        check(
            "SELECT * FROM public.\"Users\" AS u",
            "reads: public.\"Users\" | writes: ",
        );
        check_in(
            Dialect::MsSql,
            "SELECT * FROM [dbo].[Users]",
            "reads: [dbo].[Users] | writes: ",
        );
        check_in(
            Dialect::MsSql,
            "DELETE TOP (10) FROM [dbo].[Logs] WHERE id IN (SELECT TOP 5 id FROM old)",
            "reads: old | writes: [dbo].[Logs]",
        );
    }

    #[test]
    fn several_statements_in_one_string() {
        check(
            "SELECT 1 FROM a; UPDATE b SET x = 1;",
            "reads: a | writes: b",
        );
        check(
            "BEGIN; SET search_path = app; SELECT * FROM a;; COMMIT",
            "reads: a | writes: ",
        );
    }

    #[test]
    fn unreadable_queries_are_warnings_at_their_place() {
        // The messages were sqlparser's ("Expected: an SQL statement, found: SELEC",
        // "Unterminated string literal"); the positions are unchanged.
        check(
            "SELEC * FROM users",
            "reads:  | writes: \nservices:10:5: warning: could not read this query: \
             `SELEC` does not start an SQL statement",
        );
        check(
            "SELECT * FROM 'unterminated",
            "reads:  | writes: \nservices:10:19: warning: could not read this query: \
             this string is never closed",
        );
        check(
            "  ",
            "reads:  | writes: \nservices:10:5: warning: this query is empty",
        );
        check(
            "SELECT * FROM WHERE x",
            "reads:  | writes: \nservices:10:19: warning: could not read this query: \
             expected a table name after `FROM`, found `WHERE`",
        );
        check(
            "SELECT * FROM users JOIN",
            "reads:  | writes: \nservices:10:25: warning: could not read this query: \
             expected a table name after `JOIN`, found the end of the query",
        );
        check(
            "SELECT * FROM (SELECT 1",
            "reads:  | writes: \nservices:10:19: warning: could not read this query: \
             this `(` is never closed",
        );
        check(
            "SELECT * FROM users WHER id = 1",
            "reads:  | writes: \nservices:10:30: warning: could not read this query: \
             unexpected `id` after `WHER`",
        );
        check(
            "SELECT 1; DELET FROM a",
            "reads:  | writes: \nservices:10:15: warning: could not read this query: \
             `DELET` does not start an SQL statement",
        );
    }

    #[test]
    fn literal_blocks_map_error_lines() {
        let origin = SqlOrigin {
            span: Span::new(Pane::Services, 7, 7),
            style: ScalarStyle::Literal,
        };
        let (_, diagnostics) = infer(
            "SELECT *\nFROM users\nWHER x = 1\n",
            origin,
            Dialect::Postgres,
        );
        let at = diagnostics.first().map(|d| (d.span.line, d.span.column));
        assert_eq!(at, Some((9, 12)));
    }

    #[test]
    fn pathological_queries_are_read_without_recursion() {
        // sqlparser needed token and depth limits; the token reader is a loop, so these are
        // simply read.
        let long_chain = format!("SELECT {} FROM t", vec!["1"; 20_000].join(" + "));
        check(&long_chain, "reads: t | writes: ");
        let deep = format!("SELECT {}1{} FROM t", "(".repeat(1_200), ")".repeat(1_200));
        check(&deep, "reads: t | writes: ");
        let deep_queries = format!("{}1{}", "(SELECT ".repeat(1_200), " FROM t)".repeat(1_200));
        check(&deep_queries, "reads: t | writes: ");
        let huge = format!("SELECT '{}'", "x".repeat(MAX_QUERY_BYTES));
        check(
            &huge,
            "reads:  | writes: \nservices:10:5: warning: this query is longer than 100 KB and is not read",
        );
        let all_open = "(".repeat(MAX_QUERY_BYTES);
        let (decl, diagnostics) = infer(&all_open, origin(), Dialect::Postgres);
        assert!(decl.reads.is_empty());
        assert_eq!(diagnostics.len(), 1);
    }

    // ---- The sqlparser oracle (test-only): the visitor the product used before. ----

    mod oracle {
        use crate::sql::Dialect;
        use sqlparser::ast::{
            FromTable, ObjectName, Query, Statement, TableFactor, TableObject, TableWithJoins,
            Visit, Visitor,
        };
        use sqlparser::dialect::{
            Dialect as SqlDialect, GenericDialect, MsSqlDialect, MySqlDialect, PostgreSqlDialect,
            SQLiteDialect,
        };
        use sqlparser::parser::Parser;
        use std::collections::BTreeSet;
        use std::ops::ControlFlow;

        /// Sorted (reads, writes) as sqlparser sees them, or None when it cannot parse.
        pub fn relations(sql: &str, dialect: Dialect) -> Option<(Vec<String>, Vec<String>)> {
            let dialect: Box<dyn SqlDialect> = match dialect {
                Dialect::Postgres => Box::new(PostgreSqlDialect {}),
                Dialect::MySql => Box::new(MySqlDialect {}),
                Dialect::Sqlite => Box::new(SQLiteDialect {}),
                Dialect::MsSql => Box::new(MsSqlDialect {}),
                Dialect::Generic => Box::new(GenericDialect {}),
            };
            let statements = Parser::parse_sql(dialect.as_ref(), sql).ok()?;
            let mut relations = Relations::default();
            for statement in &statements {
                let _ = statement.visit(&mut relations);
            }
            let (mut reads, mut writes) = relations.finish();
            reads.sort();
            writes.sort();
            Some((reads, writes))
        }

        /// Collects relation names as sqlparser visits them, and which of them are written.
        #[derive(Default)]
        struct Relations {
            seen: Vec<String>,
            targets: Vec<String>,
            ctes: BTreeSet<String>,
            functions: Vec<String>,
        }

        impl Relations {
            fn finish(self) -> (Vec<String>, Vec<String>) {
                // Unlike the product's old visitor, a quoted use of a CTE (`"Recent"`) is
                // compared without its quotes, as the token reader does.
                let is_cte = |name: &str| {
                    let bare = name.trim_matches(|c| matches!(c, '"' | '`' | '[' | ']'));
                    !name.contains('.') && self.ctes.contains(&bare.to_lowercase())
                };
                let mut occurrences = self.seen;
                let mut functions = self.functions;
                occurrences.retain(|name| match functions.iter().position(|f| f == name) {
                    Some(i) => {
                        functions.remove(i);
                        false
                    }
                    None => true,
                });
                let mut writes = Vec::new();
                for target in &self.targets {
                    if let Some(i) = occurrences.iter().position(|name| name == target) {
                        occurrences.remove(i);
                    }
                    if !is_cte(target) && !writes.contains(target) {
                        writes.push(target.clone());
                    }
                }
                let mut reads = Vec::new();
                for name in occurrences {
                    if !is_cte(&name) && !reads.contains(&name) {
                        reads.push(name);
                    }
                }
                (reads, writes)
            }

            fn target_of(&mut self, table: &TableWithJoins) {
                if let TableFactor::Table { name, .. } = &table.relation {
                    self.targets.push(name.to_string());
                }
            }
        }

        impl Visitor for Relations {
            type Break = ();

            fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
                self.seen.push(relation.to_string());
                ControlFlow::Continue(())
            }

            fn pre_visit_table_factor(&mut self, table_factor: &TableFactor) -> ControlFlow<()> {
                if let TableFactor::Table {
                    name,
                    args: Some(_),
                    ..
                } = table_factor
                {
                    self.functions.push(name.to_string());
                }
                ControlFlow::Continue(())
            }

            fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
                if let Some(with) = &query.with {
                    for cte in &with.cte_tables {
                        self.ctes.insert(cte.alias.name.value.to_lowercase());
                    }
                }
                ControlFlow::Continue(())
            }

            fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
                match statement {
                    Statement::Insert(insert) => {
                        if let TableObject::TableName(name) = &insert.table {
                            self.targets.push(name.to_string());
                        }
                    }
                    Statement::Update(update) => self.target_of(&update.table),
                    Statement::Delete(delete) => {
                        let from = match &delete.from {
                            FromTable::WithFromKeyword(tables)
                            | FromTable::WithoutKeyword(tables) => tables,
                        };
                        if delete.tables.is_empty() {
                            for table in from {
                                self.target_of(table);
                            }
                        } else {
                            for target in &delete.tables {
                                let written = target.to_string();
                                let real = from
                                    .iter()
                                    .flat_map(|t| {
                                        std::iter::once(&t.relation)
                                            .chain(t.joins.iter().map(|j| &j.relation))
                                    })
                                    .find_map(|factor| match factor {
                                        TableFactor::Table {
                                            name,
                                            alias: Some(alias),
                                            ..
                                        } if alias.name.value.eq_ignore_ascii_case(&written) => {
                                            Some(name.to_string())
                                        }
                                        _ => None,
                                    });
                                self.targets.push(real.unwrap_or(written));
                            }
                        }
                    }
                    Statement::Merge(merge) => {
                        if let TableFactor::Table { name, .. } = &merge.table {
                            self.targets.push(name.to_string());
                        }
                    }
                    Statement::Truncate(truncate) => {
                        for target in &truncate.table_names {
                            self.targets.push(target.name.to_string());
                        }
                    }
                    _ => {}
                }
                ControlFlow::Continue(())
            }
        }
    }

    /// The token reader's sorted (reads, writes), or None when it warned.
    fn reader_relations(sql: &str, dialect: Dialect) -> Option<(Vec<String>, Vec<String>)> {
        let (decl, diagnostics) = infer(sql, origin(), dialect);
        if !diagnostics.is_empty() {
            return None;
        }
        let sorted = |refs: &[NameRef]| {
            let mut names: Vec<String> = refs.iter().map(|r| r.name.clone()).collect();
            names.sort();
            names
        };
        Some((sorted(&decl.reads), sorted(&decl.writes)))
    }

    /// Where sqlparser reads `sql`, the token reader reads it too, with the same sets.
    /// Returns whether the oracle read it (so callers can count compared cases).
    fn assert_agrees_with_oracle(sql: &str, dialect: Dialect) -> bool {
        let Some(expected) = oracle::relations(sql, dialect) else {
            return false;
        };
        let got = reader_relations(sql, dialect);
        assert_eq!(got, Some(expected), "token reader vs sqlparser for {sql:?}");
        true
    }

    #[test]
    fn the_oracle_reads_the_examples_like_the_token_reader() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        let mut compared = 0;
        let mut queries = 0;
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path().join("services.yaml"))
            .filter(|p| p.exists())
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = crate::services::parse_services(&text, Dialect::Postgres);
            for service in &file.services {
                for query in &service.queries {
                    queries += 1;
                    if assert_agrees_with_oracle(&query.sql, Dialect::Postgres) {
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(
            compared, queries,
            "every example query is plain SQL sqlparser reads"
        );
        eprintln!("examples: {compared} queries compared with the oracle");
    }

    /// The SELECT bodies of the `CREATE VIEW` statements in a corpus dump: real-world queries.
    fn view_bodies(text: &str, dialect: Dialect) -> Vec<String> {
        let tokens: Vec<Token> = Lexer::new(text, dialect).collect();
        let mut bodies = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !tokens[i].is_keyword(text, "view") {
                i += 1;
                continue;
            }
            let Some(start) = (i..tokens.len()).find(|&j| {
                tokens[j].is_keyword(text, "as")
                    && tokens
                        .get(j + 1)
                        .is_some_and(|t| t.is_keyword(text, "select") || t.is_keyword(text, "with"))
            }) else {
                break;
            };
            let mut depth = 0i32;
            let mut end = start + 1;
            while let Some(t) = tokens.get(end) {
                if t.is_punct('(') {
                    depth += 1;
                } else if t.is_punct(')') {
                    depth -= 1;
                }
                let stop = depth == 0
                    && (t.is_punct(';')
                        || t.is_keyword(text, "go")
                        || t.is_keyword(text, "create"));
                if stop || depth < 0 {
                    break;
                }
                end += 1;
            }
            let from = tokens[start + 1].start;
            let to = tokens.get(end).map_or(text.len(), |t| t.start);
            bodies.push(text[from..to].trim().to_string());
            i = end;
        }
        bodies
    }

    #[test]
    fn corpus_views_read_like_the_oracle() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/sql/");
        let files = [
            ("pg_pagila_schema.sql", Dialect::Postgres),
            ("pg_sakila_schema.sql", Dialect::Postgres),
            ("pg_gisia_structure.sql", Dialect::Postgres),
            ("pg_lago_api_structure.sql", Dialect::Postgres),
            ("pg_ranger_core.sql", Dialect::Postgres),
            ("mysql_sakila_schema.sql", Dialect::MySql),
            ("mysql_ranger_core.sql", Dialect::MySql),
            ("sqlite_sakila_schema.sql", Dialect::Sqlite),
            ("mssql_sakila_schema.sql", Dialect::MsSql),
        ];
        let (mut bodies, mut compared) = (0, 0);
        for (file, dialect) in files {
            let Ok(text) = std::fs::read_to_string(format!("{corpus}{file}")) else {
                continue;
            };
            for body in view_bodies(&text, dialect) {
                bodies += 1;
                if assert_agrees_with_oracle(&body, dialect) {
                    compared += 1;
                }
            }
        }
        eprintln!("corpus views: {compared} of {bodies} compared with the oracle");
        assert!(
            bodies == 0 || compared * 10 >= bodies * 8,
            "{compared} of {bodies}"
        );
    }

    /// Queries from a small grammar: SELECT/INSERT/UPDATE/DELETE with joins, comma lists,
    /// subqueries, CTEs, aliases, table functions and functions with FROM inside.
    fn generated_statement() -> impl Strategy<Value = String> {
        let table = prop::sample::select(vec![
            "users",
            "orders",
            "public.items",
            "\"Users\"",
            "s.\"T\"",
            "events",
        ]);
        let alias = prop::sample::select(vec!["", " u", " AS o", " x", " AS \"Q\""]);
        let expr = prop::sample::select(vec![
            "1",
            "a",
            "count(*)",
            "EXTRACT(year FROM d)",
            "SUBSTRING(name FROM 1 FOR 2)",
            "TRIM(BOTH ' ' FROM name)",
            "CAST(a AS int)",
            "a IS DISTINCT FROM b",
        ]);
        let leaf = (expr.clone(), table.clone(), alias.clone())
            .prop_map(|(e, t, a)| format!("SELECT {e} FROM {t}{a}"));
        let select = leaf.prop_recursive(3, 24, 4, move |inner| {
            let from_item = prop_oneof![
                (table.clone(), alias.clone()).prop_map(|(t, a)| format!("{t}{a}")),
                (
                    inner.clone(),
                    alias.clone().prop_filter("alias", |a| !a.is_empty())
                )
                    .prop_map(|(q, a)| format!("({q}){a}")),
                Just(String::from("generate_series(1, 3) g")),
                inner.clone().prop_map(|q| format!("LATERAL ({q}) l")),
            ];
            let join = prop_oneof![
                (table.clone(), alias.clone()).prop_map(|(t, a)| format!(" JOIN {t}{a} ON true")),
                (table.clone(), alias.clone()).prop_map(|(t, a)| format!(", {t}{a}")),
                inner
                    .clone()
                    .prop_map(|q| format!(" LEFT JOIN ({q}) j ON true")),
                table.clone().prop_map(|t| format!(" CROSS JOIN {t}")),
            ];
            let filter = prop_oneof![
                Just(String::new()),
                inner.clone().prop_map(|q| format!(" WHERE a IN ({q})")),
                inner.clone().prop_map(|q| format!(" WHERE EXISTS ({q})")),
                expr.clone().prop_map(|e| format!(" WHERE {e} = 1")),
            ];
            prop_oneof![
                (
                    expr.clone(),
                    from_item,
                    prop::collection::vec(join, 0..3),
                    filter
                )
                    .prop_map(|(e, f, j, w)| format!("SELECT {e} FROM {f}{}{w}", j.concat())),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!(
                    "SELECT * FROM ({a}) p UNION SELECT * FROM ({b}) q"
                )),
                (inner.clone(), table.clone())
                    .prop_map(|(q, t)| format!("WITH c AS ({q}) SELECT * FROM c JOIN {t} ON true")),
                inner
                    .clone()
                    .prop_map(|q| format!("SELECT ({q}) FROM dual_t")),
            ]
        });
        let table = prop::sample::select(vec!["users", "orders", "public.items", "\"Users\""]);
        prop_oneof![
            select.clone(),
            (table.clone(), select.clone()).prop_map(|(t, q)| format!("INSERT INTO {t} {q}")),
            (table.clone(), select.clone()).prop_map(|(t, q)| format!(
                "INSERT INTO {t} (a, b) {q} ON CONFLICT (a) DO UPDATE SET b = 1"
            )),
            (table.clone(), select.clone())
                .prop_map(|(t, q)| format!("UPDATE {t} SET a = 1 WHERE id IN ({q})")),
            (table.clone(), select.clone())
                .prop_map(|(t, q)| format!("UPDATE {t} AS t SET a = s.a FROM ({q}) s, events e")),
            (table.clone(), select.clone())
                .prop_map(|(t, q)| format!("DELETE FROM {t} WHERE EXISTS ({q})")),
            (table.clone(), table.clone())
                .prop_map(|(t, u)| format!("DELETE FROM {t} USING {u} WHERE true")),
            (select.clone(), table.clone())
                .prop_map(|(q, t)| format!("WITH gone AS ({q}) DELETE FROM {t} USING gone")),
            (select.clone(), select).prop_map(|(a, b)| format!("{a}; {b}")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn generated_queries_agree_with_the_oracle(sql in generated_statement()) {
            // Every generated query is valid PostgreSQL: the oracle must read it.
            prop_assert!(assert_agrees_with_oracle(&sql, Dialect::Postgres), "oracle failed: {}", sql);
        }

        #[test]
        fn arbitrary_text_never_panics_and_is_deterministic(text in "\\PC{0,300}") {
            for dialect in [Dialect::Postgres, Dialect::MySql, Dialect::MsSql] {
                let first = infer(&text, origin(), dialect);
                let second = infer(&text, origin(), dialect);
                prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
            }
        }

        #[test]
        fn sql_like_text_never_panics(
            words in prop::collection::vec(prop::sample::select(vec![
                "SELECT", "FROM", "JOIN", "WITH", "AS", "(", ")", ",", ";", "a", "b.c", "'s'",
                "\"q\"", "DELETE", "INSERT", "INTO", "UPDATE", "SET", "USING", "MERGE",
                "LATERAL", "ONLY", "DISTINCT", "TRUNCATE", "VALUES", "RECURSIVE", "ON", "*",
            ]), 0..40)
        ) {
            let text = words.join(" ");
            let first = infer(&text, origin(), Dialect::Postgres);
            let second = infer(&text, origin(), Dialect::Postgres);
            prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
        }
    }
}
