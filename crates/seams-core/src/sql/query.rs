//! The query reader: which relations an SQL query reads and which it writes, from its tokens.
//! Services' `queries:` and the schema's views both use it.
//!
//! The tokens are read once, left to right, by a small state machine with an explicit stack of
//! parenthesis contexts (so a 20,000-term expression or parentheses nested 1,000 deep cost a
//! loop, never recursion). A `(` whose next token is `SELECT`, `WITH` or `VALUES`, and the body
//! of a CTE, open a query context; other parentheses (function calls such as
//! `EXTRACT(year FROM d)`, column lists) do not, and a `FROM` inside them names no table. Every
//! relation after `FROM`, `JOIN`, `USING` (of `DELETE` and `MERGE`) and in comma lists is a
//! read; the targets of `INSERT`, `REPLACE`, `UPDATE`, `DELETE`, `MERGE` and `TRUNCATE` are
//! writes; CTE names and table-valued functions are neither. Names are rendered as written.
//! The sqlparser oracle in `services::queries`' tests checks it on generated and corpus queries.

use super::lex::{Lexer, Token, TokenKind};
use super::structure::{self, Problem};
use super::Dialect;
use std::collections::BTreeSet;

/// The (reads, writes) of the query text `sql`, each deduplicated in first-seen order, CTE names
/// removed, names rendered as written (`public."Users"`); or the first problem, at its byte
/// offset in `sql`.
pub(crate) fn relations(
    sql: &str,
    dialect: Dialect,
) -> Result<(Vec<String>, Vec<String>), Problem> {
    read(sql, dialect).map(|read| (read.reads, read.writes))
}

/// What one query says: the relations it reads and writes (as [`relations`] gives them) and
/// how it reads ([`Shape`], its qualifiers resolved through the query's aliases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Read {
    pub reads: Vec<String>,
    pub writes: Vec<String>,
    pub shape: Shape,
}

/// Reads `sql` once into its relations and its shape; or the first problem, at its byte offset.
pub(crate) fn read(sql: &str, dialect: Dialect) -> Result<Read, Problem> {
    let tokens: Vec<Token> = Lexer::new(sql, dialect).collect();
    if let Some(problem) = structure::problem(&tokens) {
        return Err(problem);
    }
    let mut reader = Reader::new(sql, &tokens);
    reader.run()?;
    let aliases = std::mem::take(&mut reader.aliases);
    let (reads, writes) = reader.finish();
    let mut shape = shape(sql, &tokens);
    shape.resolve_aliases(&aliases);
    Ok(Read {
        reads,
        writes,
        shape,
    })
}

/// Whether every statement of `sql` only inserts rows: each starts with `INSERT` and none
/// names a change of existing rows anywhere (`UPDATE`, as in `ON DUPLICATE KEY UPDATE` or
/// `ON CONFLICT … DO UPDATE`; `DELETE`, `MERGE`, `REPLACE`, `TRUNCATE`, `UPSERT`). A stage-4
/// table written only this way announces `created` only. False for empty text.
pub(crate) fn inserts_only(sql: &str, dialect: Dialect) -> bool {
    let mut statements = 0;
    let mut at_start = true;
    for token in Lexer::new(sql, dialect) {
        if token.is_punct(';') {
            at_start = true;
            continue;
        }
        let TokenKind::Word { quoted: false } = token.kind else {
            if at_start {
                return false;
            }
            continue;
        };
        let word = token.text(sql).to_ascii_uppercase();
        if at_start {
            if word != "INSERT" {
                return false;
            }
            statements += 1;
            at_start = false;
        } else if ["UPDATE", "DELETE", "MERGE", "REPLACE", "TRUNCATE", "UPSERT"]
            .contains(&word.as_str())
        {
            return false;
        }
    }
    statements > 0
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
    Update,
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
    /// An unqualified `UPDATE` target, possibly an alias its `FROM` declares (T-SQL
    /// `UPDATE o SET … FROM dbo.orders AS o`), resolved at the statement's end.
    update_targets: Vec<Relation>,
}

impl StatementFacts {
    /// The relation an unqualified name is an alias of, when the statement declares it.
    fn aliased(&self, written: &Relation) -> Option<Relation> {
        let key = written.key.as_ref()?;
        self.aliases
            .iter()
            .find(|(alias, _)| alias == key)
            .map(|(_, relation)| relation.clone())
    }
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
    /// Every alias the statements declared: (key, relation name as written).
    aliases: Vec<(String, String)>,
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
            aliases: Vec::new(),
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

    /// The key of the word at `i`: its name (quotes removed, escapes undone), lowercased.
    fn key(&self, i: usize) -> String {
        self.token(i)
            .map(|t| t.name(self.sql).text.to_ascii_lowercase())
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
                frame.kind = if keyword == "merge" {
                    Kind::Merge
                } else {
                    Kind::Update
                };
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
            // An unqualified UPDATE target may be an alias its FROM declares (T-SQL).
            Role::Target if self.top.kind == Kind::Update && relation.key.is_some() => {
                self.statement.update_targets.push(relation.clone());
            }
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

    /// Ends the statement at token `i` (a top-level `;` or the end): resolves the targets that
    /// may be aliases (MySQL's delete targets, T-SQL's update target) and keeps what the
    /// statement named.
    fn end_statement(&mut self, i: usize) -> Result<(), Problem> {
        self.end_context(i, false)?;
        let mut statement = std::mem::take(&mut self.statement);
        for written in std::mem::take(&mut statement.update_targets) {
            match statement.aliased(&written) {
                // The FROM names the table, so the read was the target itself.
                Some(real) => {
                    if let Some(at) = statement.reads.iter().position(|r| r.name == real.name) {
                        statement.reads.remove(at);
                    }
                    statement.writes.push(real);
                }
                None => statement.writes.push(written),
            }
        }
        for written in std::mem::take(&mut statement.delete_targets) {
            let real = statement.aliased(&written).unwrap_or(written);
            if let Some(at) = statement.reads.iter().position(|r| r.name == real.name) {
                statement.reads.remove(at);
            }
            statement.writes.push(real);
        }
        self.reads.append(&mut statement.reads);
        self.writes.append(&mut statement.writes);
        self.aliases.extend(
            statement
                .aliases
                .into_iter()
                .map(|(alias, relation)| (alias, relation.name)),
        );
        self.outer.clear();
        self.top = Frame::query(State::Head);
        Ok(())
    }
}

/// A column a query names: the qualifier written before it (a table or an alias; after
/// [`Shape::resolve_aliases`], the aliased relation's name as written) and its name, both
/// unquoted and lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnRef {
    pub qualifier: Option<String>,
    pub column: String,
}

/// How a column is compared to a parameter or a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compare {
    /// `=`, or `IN (…)`.
    Equal,
    /// `<`, `>`, `<=`, `>=` or `BETWEEN`.
    Range,
}

/// How a query reads, before its columns meet the tables: the columns compared to a parameter
/// or a literal in `WHERE`, the aggregates of its select lists, the outer `ORDER BY` (true when
/// descending) and whether the outer query is limited (`LIMIT`, `TOP`, `FETCH`, `OFFSET`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    pub filters: Vec<(ColumnRef, Compare)>,
    pub aggregates: Vec<(String, Option<ColumnRef>)>,
    pub order_by: Vec<(ColumnRef, bool)>,
    pub limited: bool,
}

impl Shape {
    /// Replaces each qualifier that is an alias (`t` in `FROM transactions t`) by the name of
    /// the relation it stands for.
    fn resolve_aliases(&mut self, aliases: &[(String, String)]) {
        let columns = self
            .filters
            .iter_mut()
            .map(|(c, _)| c)
            .chain(self.aggregates.iter_mut().filter_map(|(_, c)| c.as_mut()))
            .chain(self.order_by.iter_mut().map(|(c, _)| c));
        for column in columns {
            let relation = column.qualifier.as_ref().and_then(|q| {
                aliases
                    .iter()
                    .find(|(alias, _)| alias == q)
                    .map(|(_, relation)| relation.clone())
            });
            if relation.is_some() {
                column.qualifier = relation;
            }
        }
    }
}

/// The aggregate functions a select list is read for.
const AGGREGATES: &[&str] = &["avg", "count", "max", "min", "sum"];

/// The clause a token is in, for the shape reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clause {
    Other,
    Select,
    Where,
    OrderBy,
}

/// The shape of the query whose tokens are `tokens`: one pass, left to right, with the clause of
/// each open parenthesis on a stack (a parenthesis keeps its clause, a subquery starts afresh).
/// It reads patterns, not a grammar: `[q.]column op operand` and `operand op [q.]column` in
/// `WHERE`, where the operand is a parameter (`$1`, `?`, `:name`, `@name`) or a literal;
/// `column BETWEEN operand` and `column IN (operand`; `sum(`, `count(`… in a select list;
/// plain columns after the outer `ORDER BY`.
fn shape(sql: &str, tokens: &[Token]) -> Shape {
    let scan = ShapeScan { sql, tokens };
    let mut shape = Shape::default();
    let mut stack: Vec<Clause> = Vec::new();
    let mut clause = Clause::Other;
    let mut i = 0;
    while i < tokens.len() {
        if scan.punct(i, '(') {
            stack.push(clause);
            if scan.starts_query(i + 1) {
                clause = Clause::Other;
            }
            i += 1;
            continue;
        }
        if scan.punct(i, ')') {
            clause = stack.pop().unwrap_or(Clause::Other);
            i += 1;
            continue;
        }
        if scan.punct(i, ';') {
            stack.clear();
            clause = Clause::Other;
            i += 1;
            continue;
        }
        let outer = stack.is_empty();
        match scan.keyword(i).as_deref() {
            Some("select") => clause = Clause::Select,
            Some("where") => clause = Clause::Where,
            Some("from") if clause == Clause::Select => clause = Clause::Other,
            Some("order") if scan.is_keyword(i + 1, "by") => {
                clause = if outer {
                    Clause::OrderBy
                } else {
                    Clause::Other
                };
                i += 2;
                continue;
            }
            Some("limit" | "offset" | "fetch") if outer => {
                shape.limited = true;
                clause = Clause::Other;
            }
            Some("top") if outer => shape.limited = true,
            Some(
                "group" | "having" | "window" | "union" | "intersect" | "except" | "returning"
                | "set" | "values" | "on" | "join",
            ) => clause = Clause::Other,
            _ => {}
        }
        let read = match clause {
            Clause::Where => scan.comparison(i).map(|(column, compare, next)| {
                shape.filters.push((column, compare));
                next
            }),
            Clause::Select => scan.aggregate(i).map(|(function, column, next)| {
                shape.aggregates.push((function, column));
                next
            }),
            Clause::OrderBy if outer => scan.order_item(i).map(|(column, descending, next)| {
                shape.order_by.push((column, descending));
                next
            }),
            _ => None,
        };
        i = read.unwrap_or(i + 1);
    }
    shape
}

/// Token tests for the shape reader.
struct ShapeScan<'a> {
    sql: &'a str,
    tokens: &'a [Token],
}

impl ShapeScan<'_> {
    fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    fn is_keyword(&self, i: usize, keyword: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.is_keyword(self.sql, keyword))
    }

    /// The lowercased text of an unquoted word at `i`.
    fn keyword(&self, i: usize) -> Option<String> {
        let token = self.tokens.get(i)?;
        (token.kind == TokenKind::Word { quoted: false })
            .then(|| token.text(self.sql).to_ascii_lowercase())
    }

    fn starts_query(&self, i: usize) -> bool {
        ["select", "with", "values"]
            .iter()
            .any(|k| self.is_keyword(i, k))
    }

    /// A word that can name a column: quoted, or unquoted and not a reserved word nor a
    /// `@name` parameter.
    fn is_name(&self, i: usize) -> bool {
        match self.tokens.get(i).map(|t| t.kind) {
            Some(TokenKind::Word { quoted: true }) => true,
            Some(TokenKind::Word { quoted: false }) => self.keyword(i).is_some_and(|k| {
                !RESERVED.contains(&k.as_str())
                    && !k.starts_with('@')
                    && ![
                        "asc", "between", "desc", "in", "is", "like", "null", "nulls", "true",
                        "false",
                    ]
                    .contains(&k.as_str())
            }),
            _ => false,
        }
    }

    fn key(&self, i: usize) -> String {
        self.tokens
            .get(i)
            .map(|t| t.name(self.sql).text.to_ascii_lowercase())
            .unwrap_or_default()
    }

    /// `[qualifier.]…column` at `i` (not a function call, not after a `.`), and the index after.
    fn column(&self, i: usize) -> Option<(ColumnRef, usize)> {
        if !self.is_name(i) || (i > 0 && self.punct(i - 1, '.')) {
            return None;
        }
        let mut last = i;
        while self.punct(last + 1, '.') && self.is_name(last + 2) {
            last += 2;
        }
        if self.punct(last + 1, '(') {
            return None;
        }
        let qualifier = (last > i).then(|| self.key(last - 2));
        let column = ColumnRef {
            qualifier,
            column: self.key(last),
        };
        Some((column, last + 1))
    }

    /// A comparison operator at `i`: how it compares and where its right side starts.
    fn operator(&self, i: usize) -> Option<(Compare, usize)> {
        let token = self.tokens.get(i)?;
        let next_is = |c: char| self.punct(i + 1, c);
        match token.kind {
            TokenKind::Punct('=') if !next_is('=') && !next_is('>') => {
                Some((Compare::Equal, i + 1))
            }
            TokenKind::Punct('<') if next_is('>') => None,
            TokenKind::Punct('<' | '>') if next_is('=') => Some((Compare::Range, i + 2)),
            TokenKind::Punct('<' | '>') => Some((Compare::Range, i + 1)),
            _ if self.is_keyword(i, "between") => Some((Compare::Range, i + 1)),
            _ if self.is_keyword(i, "in") && self.punct(i + 1, '(') => {
                Some((Compare::Equal, i + 2))
            }
            _ => None,
        }
    }

    /// A parameter or literal at `i`, and the index after it.
    fn operand(&self, i: usize) -> Option<usize> {
        let token = self.tokens.get(i)?;
        match token.kind {
            TokenKind::Str | TokenKind::Number | TokenKind::Punct('?') => Some(i + 1),
            TokenKind::Punct('$' | ':')
                if self.tokens.get(i + 1).is_some_and(|t| {
                    matches!(
                        t.kind,
                        TokenKind::Number | TokenKind::Word { quoted: false }
                    )
                }) && !(i > 0 && self.punct(i - 1, ':')) =>
            {
                Some(i + 2)
            }
            TokenKind::Punct('-') => self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
                .then_some(i + 2),
            TokenKind::Word { quoted: false } => {
                let text = token.text(self.sql);
                let parameter = text.starts_with('@') && !text.starts_with("@@");
                (parameter || self.is_keyword(i, "true") || self.is_keyword(i, "false"))
                    .then_some(i + 1)
            }
            _ => None,
        }
    }

    /// `column op operand` or `operand op column` at `i`, and the index after it.
    fn comparison(&self, i: usize) -> Option<(ColumnRef, Compare, usize)> {
        if let Some((column, end)) = self.column(i) {
            let (compare, right) = self.operator(end)?;
            let after = self.operand(right)?;
            return Some((column, compare, after));
        }
        let end = self.operand(i)?;
        let (compare, right) = self.operator(end)?;
        if self.is_keyword(end, "between") || self.is_keyword(end, "in") {
            return None;
        }
        let (column, after) = self.column(right)?;
        Some((column, compare, after))
    }

    /// `sum(…)`, `count(*)` … at `i`: the function, the column when the argument is one, and
    /// the index of its `(` (the argument is read on, for aggregates nested in it).
    fn aggregate(&self, i: usize) -> Option<(String, Option<ColumnRef>, usize)> {
        let function = self
            .keyword(i)
            .filter(|k| AGGREGATES.contains(&k.as_str()))?;
        if !self.punct(i + 1, '(') {
            return None;
        }
        let mut at = i + 2;
        if self.is_keyword(at, "distinct") || self.is_keyword(at, "all") {
            at += 1;
        }
        let column = self
            .column(at)
            .filter(|(_, end)| self.punct(*end, ')'))
            .map(|(column, _)| column);
        Some((function, column, i + 1))
    }

    /// A plain column of an `ORDER BY` list at `i`, whether it is descending, and the index
    /// after it.
    fn order_item(&self, i: usize) -> Option<(ColumnRef, bool, usize)> {
        let (column, end) = self.column(i)?;
        let descending = self.is_keyword(end, "desc");
        let ends_item = end >= self.tokens.len()
            || self.punct(end, ',')
            || self.punct(end, ';')
            || self.punct(end, ')')
            || ["asc", "desc", "nulls", "limit", "offset", "fetch", "for"]
                .iter()
                .any(|k| self.is_keyword(end, k));
        let mut next = end;
        if self.is_keyword(next, "asc") || descending {
            next += 1;
        }
        if self.is_keyword(next, "nulls") {
            next += 2;
        }
        ends_item.then_some((column, descending, next))
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    /// Reads `sql` and renders its shape in one line: `filters: a=, q.b< | aggregates: sum(c) |
    /// order: d desc | limited`.
    fn check_in(dialect: Dialect, sql: &str, expected: &str) {
        let shape = read(sql, dialect).map(|r| r.shape).unwrap_or_default();
        let column = |c: &ColumnRef| match &c.qualifier {
            Some(q) => format!("{q}.{}", c.column),
            None => c.column.clone(),
        };
        let filters: Vec<String> = shape
            .filters
            .iter()
            .map(|(c, compare)| {
                let op = if *compare == Compare::Equal { "=" } else { "<" };
                format!("{}{op}", column(c))
            })
            .collect();
        let aggregates: Vec<String> = shape
            .aggregates
            .iter()
            .map(|(f, c)| format!("{f}({})", c.as_ref().map_or("*".to_string(), column)))
            .collect();
        let order: Vec<String> = shape
            .order_by
            .iter()
            .map(|(c, desc)| format!("{}{}", column(c), if *desc { " desc" } else { "" }))
            .collect();
        let mut out = format!(
            "filters: {} | aggregates: {} | order: {}",
            filters.join(", "),
            aggregates.join(", "),
            order.join(", ")
        );
        if shape.limited {
            out.push_str(" | limited");
        }
        assert_eq!(out, expected, "for {sql:?}");
    }

    fn check(sql: &str, expected: &str) {
        check_in(Dialect::Postgres, sql, expected);
    }

    #[test]
    fn equalities_and_cursors_in_where_are_filters() {
        check(
            "SELECT * FROM users WHERE id = $1",
            "filters: id= | aggregates:  | order: ",
        );
        check(
            "SELECT * FROM t WHERE (a = $1 AND b = $2) OR ($1 = c AND d >= 'x') AND e <> 1",
            "filters: a=, b=, c=, d< | aggregates:  | order: ",
        );
        check(
            "SELECT * FROM t WHERE id > $1 ORDER BY id ASC LIMIT 50",
            "filters: id< | aggregates:  | order: id | limited",
        );
        check(
            "SELECT * FROM t WHERE at BETWEEN $1 AND $2 AND kind IN ($3, $4) AND x = y AND z = now()",
            "filters: at<, kind= | aggregates:  | order: ",
        );
    }

    #[test]
    fn assignments_and_join_conditions_are_not_filters() {
        check(
            "UPDATE t SET a = 1, b = $2 WHERE id = $1",
            "filters: id= | aggregates:  | order: ",
        );
        check(
            "SELECT * FROM a JOIN b ON b.a_id = a.id AND b.kind = 'x' WHERE a.owner = $1",
            "filters: a.owner= | aggregates:  | order: ",
        );
        check(
            "INSERT INTO t (a, b) VALUES (1, $1)",
            "filters:  | aggregates:  | order: ",
        );
    }

    #[test]
    fn aliases_become_the_relations_they_name() {
        check(
            "SELECT * FROM transactions t WHERE t.from_acct = $1",
            "filters: transactions.from_acct= | aggregates:  | order: ",
        );
        check_in(
            Dialect::MsSql,
            "SELECT TOP (20) c.name, COUNT(*) AS n FROM [clinical].[encounter] AS e \
             JOIN [dbo].[clinician] AS c ON c.id = e.clinician_id WHERE e.site = @site \
             ORDER BY n DESC",
            "filters: [clinical].[encounter].site= | aggregates: count(*) | order: n desc | limited",
        );
        check_in(
            Dialect::MySql,
            "SELECT v.id FROM `variant` v WHERE v.cart = ? AND `v`.`size` = :size",
            "filters: `variant`.cart=, `variant`.size= | aggregates:  | order: ",
        );
    }

    #[test]
    fn aggregates_of_select_lists_at_any_depth() {
        check(
            "SELECT (SELECT SUM(AMOUNT) FROM TRANSACTIONS t WHERE (TO_ACCT = $1 AND TO_ROUTE = $2)) \
             - (SELECT COALESCE((SELECT SUM(AMOUNT) FROM TRANSACTIONS t \
             WHERE (FROM_ACCT = $1 AND FROM_ROUTE = $2)), 0))",
            "filters: to_acct=, to_route=, from_acct=, from_route= | aggregates: sum(amount), sum(amount) | order: ",
        );
        check(
            "SELECT count(DISTINCT user_id), max(at), avg(price * qty) FROM t GROUP BY day",
            "filters:  | aggregates: count(user_id), max(at), avg(*) | order: ",
        );
        check(
            "SELECT * FROM t WHERE id IN (SELECT max(id) FROM t WHERE owner = $1)",
            "filters: owner= | aggregates: max(id) | order: ",
        );
    }

    #[test]
    fn only_the_outer_order_and_limit_count() {
        check(
            "SELECT * FROM t WHERE (a = $1) ORDER BY created_at DESC, id",
            "filters: a= | aggregates:  | order: created_at desc, id",
        );
        check(
            "SELECT row_number() OVER (ORDER BY x) FROM (SELECT * FROM t LIMIT 5) s ORDER BY lower(name)",
            "filters:  | aggregates:  | order: ",
        );
        check(
            "SELECT * FROM t ORDER BY at DESC NULLS LAST FETCH FIRST 10 ROWS ONLY",
            "filters:  | aggregates:  | order: at desc | limited",
        );
    }

    /// The columns every `WHERE` of `sql` compares with `=` to a value or a placeholder, as
    /// sqlparser reads them (the oracle); None when sqlparser cannot read `sql`.
    fn oracle_equalities(sql: &str, dialect: Dialect) -> Option<BTreeSet<String>> {
        use sqlparser::ast::{BinaryOperator, Expr, Query, SetExpr, Statement, Visit, Visitor};
        use std::ops::ControlFlow;
        struct Wheres(Vec<Expr>);
        impl Visitor for Wheres {
            type Break = ();
            fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
                match statement {
                    Statement::Update(update) => self.0.extend(update.selection.clone()),
                    Statement::Delete(delete) => self.0.extend(delete.selection.clone()),
                    _ => {}
                }
                ControlFlow::Continue(())
            }
            fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
                if let SetExpr::Select(select) = query.body.as_ref() {
                    self.0.extend(select.selection.clone());
                }
                ControlFlow::Continue(())
            }
        }
        struct Equalities(BTreeSet<String>);
        impl Visitor for Equalities {
            type Break = ();
            fn pre_visit_query(&mut self, _: &Query) -> ControlFlow<()> {
                // A subquery's own WHERE is collected on its own.
                ControlFlow::Break(())
            }
            fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
                if let Expr::BinaryOp {
                    left,
                    op: BinaryOperator::Eq,
                    right,
                } = expr
                {
                    // T-SQL's `@name` parameters are identifiers to sqlparser.
                    let parameter =
                        |e: &Expr| matches!(e, Expr::Identifier(i) if i.value.starts_with('@'));
                    let column = |e: &Expr| match e {
                        Expr::Identifier(i) if i.value.starts_with('@') => None,
                        Expr::Identifier(i) => Some(i.value.to_ascii_lowercase()),
                        Expr::CompoundIdentifier(parts) => {
                            parts.last().map(|i| i.value.to_ascii_lowercase())
                        }
                        _ => None,
                    };
                    let value = |e: &Expr| matches!(e, Expr::Value(_)) || parameter(e);
                    if let (Some(c), true) = (column(left), value(right)) {
                        self.0.insert(c);
                    }
                    if let (true, Some(c)) = (value(left), column(right)) {
                        self.0.insert(c);
                    }
                }
                ControlFlow::Continue(())
            }
        }
        let parser = match dialect {
            Dialect::MySql => Box::new(sqlparser::dialect::MySqlDialect {})
                as Box<dyn sqlparser::dialect::Dialect>,
            Dialect::MsSql => Box::new(sqlparser::dialect::MsSqlDialect {}),
            _ => Box::new(sqlparser::dialect::PostgreSqlDialect {}),
        };
        let statements = sqlparser::parser::Parser::parse_sql(parser.as_ref(), sql).ok()?;
        let mut wheres = Wheres(Vec::new());
        let _ = statements.visit(&mut wheres);
        let mut equalities = Equalities(BTreeSet::new());
        for expr in &wheres.0 {
            let _ = expr.visit(&mut equalities);
        }
        Some(equalities.0)
    }

    /// The token reader's equality filters agree with sqlparser's on every query of the
    /// gallery and on the bank's shapes (sqlparser is only the oracle, never the reader).
    #[test]
    fn equality_filters_agree_with_the_sqlparser_oracle() {
        let mut queries: Vec<(String, Dialect)> = Vec::new();
        for example in crate::examples::ALL {
            let dialect = crate::sql::parse_schema(example.schema, None).dialect;
            let file = crate::services::parse_services(example.services, dialect);
            for service in &file.services {
                for query in &service.queries {
                    queries.push((query.sql.clone(), dialect));
                }
            }
        }
        for sql in [
            "SELECT * FROM transactions t WHERE (t.to_acct = $1 AND t.to_route = $2) OR ($1 = from_acct)",
            "SELECT SUM(amount) FROM transactions WHERE account_id = 'a' AND (SELECT max(x) FROM y WHERE y.k = 1) > 0",
            "UPDATE accounts SET balance = 0 WHERE id = $1",
        ] {
            queries.push((sql.to_string(), Dialect::Postgres));
        }
        let mut compared = 0;
        for (sql, dialect) in &queries {
            let Some(expected) = oracle_equalities(sql, *dialect) else {
                continue;
            };
            let shape = read(sql, *dialect).map(|r| r.shape).unwrap_or_default();
            let got: BTreeSet<String> = shape
                .filters
                .iter()
                .filter(|(_, compare)| *compare == Compare::Equal)
                .map(|(c, _)| c.column.clone())
                .collect();
            assert_eq!(got, expected, "for {sql:?}");
            compared += 1;
        }
        assert!(
            compared >= queries.len() - 2,
            "{compared} of {}",
            queries.len()
        );
    }

    /// The reader is one pass: a query twice as long costs about twice the steps.
    #[test]
    fn long_and_deep_queries_are_read_in_one_pass() {
        let wide = format!(
            "SELECT * FROM t WHERE {}",
            vec!["a = $1"; 20_000].join(" AND ")
        );
        let shape = read(&wide, Dialect::Postgres)
            .map(|r| r.shape)
            .unwrap_or_default();
        assert_eq!(shape.filters.len(), 20_000);
        let deep = format!(
            "SELECT * FROM t WHERE {}a = 1{}",
            "(".repeat(1000),
            ")".repeat(1000)
        );
        let shape = read(&deep, Dialect::Postgres)
            .map(|r| r.shape)
            .unwrap_or_default();
        assert_eq!(shape.filters.len(), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_inserts_insert_only() {
        let pg = Dialect::Postgres;
        for sql in [
            "INSERT INTO t (a) VALUES ($1)",
            "insert into t select * from u; INSERT INTO v VALUES (1);",
            "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
            "INSERT INTO t (updated_at) VALUES (now())",
        ] {
            assert!(inserts_only(sql, pg), "{sql}");
        }
        for sql in [
            "",
            "UPDATE t SET a = 1",
            "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 2",
            "INSERT INTO t VALUES (1); DELETE FROM t",
            "WITH x AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM x",
            "INSERT OR REPLACE INTO t VALUES (1)",
        ] {
            assert!(!inserts_only(sql, pg), "{sql}");
        }
        assert!(!inserts_only(
            "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2",
            Dialect::MySql
        ));
    }
}
