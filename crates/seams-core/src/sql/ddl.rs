//! Reads the DDL statements Seams cares about from their tokens: classifies a statement by its
//! leading keywords, then reads a table, an ALTER TABLE, a view, roles, a schema or a grant.
//!
//! Seams does not parse SQL with a grammar: dumps mix dialects, vendor options and half-typed
//! lines, and a full parser (sqlparser was measured at 394 KB of gzip in the page) rejects a
//! whole statement for one unknown option. The reader looks for the few shapes that carry
//! coupling facts and skips everything else, and [`DdlReader::problem`] points at what is
//! structurally wrong. Everything here is iterative and works on any token sequence; the
//! sqlparser-based oracle in the tests checks it agrees with a real parser on the corpus.

pub mod guard;

use super::facts::{
    AlterFact, Effect, Facts, GrantFacts, GrantTarget, GuardFacts, Name, TableFacts,
};
use super::lex::{Lexer, Token, TokenKind};
use super::name::{self, Part};
use super::query;
use super::structure::{self, Problem};
use super::{Column, Dialect, ForeignKey, Privilege};
use crate::model::WriteGuard;
use crate::order;
use crate::source::Span;

/// What a statement is, as far as Seams cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `CREATE … TABLE`.
    CreateTable,
    /// `ALTER TABLE` that adds something or attaches a partition.
    AlterTable,
    /// `CREATE … VIEW`.
    CreateView,
    /// `CREATE ROLE` / `CREATE USER`.
    CreateRole,
    /// `CREATE SCHEMA`.
    CreateSchema,
    /// `GRANT` / `REVOKE`.
    Grant,
    /// `CREATE RULE` (PostgreSQL).
    CreateRule,
    /// `CREATE TRIGGER`.
    CreateTrigger,
    /// `CREATE FUNCTION` / `CREATE PROCEDURE`: skipped, but read for the triggers that run it.
    CreateFunction,
    /// Carries no coupling fact.
    Skip,
}

#[cfg(test)]
impl Kind {
    /// Whether sqlparser reads statements of this kind for the oracle: it knows no rules, and
    /// what a trigger or function body does is the token reader's alone.
    pub fn read_by_sqlparser(self) -> bool {
        !matches!(
            self,
            Kind::Skip | Kind::CreateRule | Kind::CreateTrigger | Kind::CreateFunction
        )
    }
}

/// Words after CREATE that mean the statement creates something Seams does not read.
const CREATE_SKIPPED: [&str; 26] = [
    "ACCESS",
    "AGGREGATE",
    "AS",
    "CAST",
    "COLLATION",
    "CONVERSION",
    "DATABASE",
    "DOMAIN",
    "EVENT",
    "EXTENSION",
    "FOREIGN",
    "INDEX",
    "LANGUAGE",
    "LOGIN",
    "OPERATOR",
    "POLICY",
    "PUBLICATION",
    "SEQUENCE",
    "SERVER",
    "STATISTICS",
    "SUBSCRIPTION",
    "SYNONYM",
    "TABLESPACE",
    "TEXT",
    "TYPE",
    "VIRTUAL",
];

/// Classifies a statement from its first few tokens (without reading the rest of a long one).
pub fn classify(statement: &str, dialect: Dialect) -> Kind {
    let mut tokens = Lexer::new(statement, dialect);
    let Some(first) = tokens.next() else {
        return Kind::Skip;
    };
    if first.is_keyword(statement, "CREATE") {
        for token in tokens.take(16) {
            let TokenKind::Word { quoted: false } = token.kind else {
                continue;
            };
            let word = token.text(statement).to_ascii_uppercase();
            match word.as_str() {
                "TABLE" => return Kind::CreateTable,
                "VIEW" => return Kind::CreateView,
                "ROLE" | "USER" => return Kind::CreateRole,
                "SCHEMA" => return Kind::CreateSchema,
                "RULE" => return Kind::CreateRule,
                "TRIGGER" => return Kind::CreateTrigger,
                "FUNCTION" | "PROCEDURE" => return Kind::CreateFunction,
                w if CREATE_SKIPPED.contains(&w) => return Kind::Skip,
                _ => {}
            }
        }
        return Kind::Skip;
    }
    if first.is_keyword(statement, "ALTER") {
        let mut rest = tokens;
        let is_table = rest
            .next()
            .is_some_and(|t| t.is_keyword(statement, "TABLE"));
        let adds = is_table
            && rest.any(|t| {
                ["ADD", "PRIMARY", "FOREIGN", "REFERENCES", "ATTACH"]
                    .iter()
                    .any(|k| t.is_keyword(statement, k))
            });
        return if adds { Kind::AlterTable } else { Kind::Skip };
    }
    if first.is_keyword(statement, "GRANT") || first.is_keyword(statement, "REVOKE") {
        return Kind::Grant;
    }
    Kind::Skip
}

/// Reads one statement by its tokens; `span_of` maps a byte offset in the statement to the pane.
pub struct DdlReader<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    dialect: Dialect,
    span_of: &'a dyn Fn(usize) -> Span,
}

/// Words that end a column's type and start its constraints.
const COLUMN_CONSTRAINTS: [&str; 17] = [
    "AUTOINCREMENT",
    "AUTO_INCREMENT",
    "CHECK",
    "COLLATE",
    "COMMENT",
    "CONSTRAINT",
    "DEFAULT",
    "GENERATED",
    "IDENTITY",
    "NOT",
    "NULL",
    "ON",
    "PRIMARY",
    "REFERENCES",
    "UNIQUE",
    "AS",
    "WITH",
];

/// Words that open a table element that is not a column.
const NON_COLUMN_ELEMENTS: [&str; 9] = [
    "CHECK",
    "CONSTRAINT",
    "DEFAULT",
    "EXCLUDE",
    "LIKE",
    "PERIOD",
    "UNIQUE",
    "FOREIGN",
    "PRIMARY",
];

/// Words that open a MySQL index element (`KEY idx (col)`) but may also name a column
/// (`fulltext tsvector`).
const INDEX_ELEMENTS: [&str; 4] = ["FULLTEXT", "INDEX", "KEY", "SPATIAL"];

/// One element of a table body (or of an ALTER TABLE ADD).
enum Element {
    Column(Column, bool, Vec<ForeignKey>),
    PrimaryKey(Vec<String>),
    ForeignKey(ForeignKey),
    Other,
}

impl<'a> DdlReader<'a> {
    /// Lexes `text` (one statement).
    pub fn new(text: &'a str, dialect: Dialect, span_of: &'a dyn Fn(usize) -> Span) -> Self {
        DdlReader {
            text,
            tokens: Lexer::new(text, dialect).collect(),
            dialect,
            span_of,
        }
    }

    fn token(&self, at: usize) -> Option<&Token> {
        self.tokens.get(at)
    }

    fn is_kw(&self, at: usize, keyword: &str) -> bool {
        self.token(at)
            .is_some_and(|t| t.is_keyword(self.text, keyword))
    }

    fn is_punct(&self, at: usize, c: char) -> bool {
        self.token(at).is_some_and(|t| t.is_punct(c))
    }

    fn is_word(&self, at: usize) -> bool {
        self.token(at)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word { .. }))
    }

    /// The word at `at` as a name part (quotes removed, escapes undone).
    fn word(&self, at: usize) -> Option<Part> {
        let token = self.token(at)?;
        match token.kind {
            TokenKind::Word { .. } => Some(token.name(self.text)),
            _ => None,
        }
    }

    fn ident(&self, at: usize) -> Option<String> {
        self.word(at).map(|part| part.normalised(self.dialect))
    }

    /// The index of the first unquoted `keyword` at or after `from`.
    fn find_kw(&self, from: usize, keyword: &str) -> Option<usize> {
        (from..self.tokens.len()).find(|&i| self.is_kw(i, keyword))
    }

    /// Reads `a.b.c` at `at`; returns the name and the index after it.
    fn name(&self, at: usize) -> Option<(Name, usize)> {
        let mut parts = vec![self.word(at)?];
        let mut i = at + 1;
        while self.is_punct(i, '.') {
            let Some(part) = self.word(i + 1) else { break };
            parts.push(part);
            i += 2;
        }
        Some((Name::from_parts(parts, self.dialect)?, i))
    }

    /// The index of the `)` closing the `(` at `open` (or the end).
    fn closing(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for i in open..self.tokens.len() {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
        }
        self.tokens.len()
    }

    /// Splits `from..to` at commas outside parentheses.
    fn split_commas(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut depth = 0usize;
        let mut start = from;
        for i in from..to {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && self.is_punct(i, ',') {
                parts.push((start, i));
                start = i + 1;
            }
        }
        if start < to {
            parts.push((start, to));
        }
        parts
    }

    /// The column names of the parenthesised list at or after `from` (first word of each item).
    fn column_list(&self, from: usize, to: usize) -> (Vec<String>, usize) {
        let Some(open) = (from..to).find(|&i| self.is_punct(i, '(')) else {
            return (Vec::new(), from);
        };
        let close = self.closing(open).min(to);
        let names = self
            .split_commas(open + 1, close)
            .into_iter()
            .filter_map(|(s, _)| self.ident(s))
            .collect();
        (names, close + 1)
    }

    /// Renders tokens `from..to` as written, with single spaces where the source had space.
    fn render(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        let mut previous_end: Option<usize> = None;
        for token in self.tokens.get(from..to).unwrap_or(&[]) {
            if previous_end.is_some_and(|end| token.start > end) {
                out.push(' ');
            }
            out.push_str(token.text(self.text));
            previous_end = Some(token.end);
        }
        out
    }

    /// A foreign key whose REFERENCES keyword is token `references`; its span is at token `anchor`
    /// (the first referencing column, as the AST reader places it).
    fn foreign_key(
        &self,
        columns: Vec<String>,
        references: usize,
        to: usize,
        anchor: usize,
    ) -> Option<ForeignKey> {
        let (target, after) = self.name(references + 1)?;
        let ref_columns = if self.is_punct(after, '(') {
            self.column_list(after, to).0
        } else {
            Vec::new()
        };
        let offset = self.token(anchor).map_or(0, |t| t.start);
        Some(ForeignKey {
            columns,
            references: target.table_id(),
            ref_columns,
            span: (self.span_of)(offset),
        })
    }

    fn is_column_constraint(&self, at: usize) -> bool {
        // `timestamp WITH TIME ZONE` and `… WITH LOCAL TIME ZONE` are types, not options.
        let zoned =
            self.is_kw(at, "WITH") && (self.is_kw(at + 1, "TIME") || self.is_kw(at + 1, "LOCAL"));
        (COLUMN_CONSTRAINTS.iter().any(|k| self.is_kw(at, k)) && !zoned)
            || (self.is_kw(at, "CHARACTER") && self.is_kw(at + 1, "SET"))
    }

    /// True when the element at `at` is an index (`KEY [name] (col, …)`): its first parenthesis
    /// holds names, where a column type's holds numbers.
    fn is_index_element(&self, at: usize, to: usize) -> bool {
        (at + 1..to.min(at + 4))
            .find(|&j| self.is_punct(j, '('))
            .is_some_and(|open| self.is_word(open + 1))
            || INDEX_ELEMENTS.iter().any(|k| self.is_kw(at + 1, k))
    }

    /// Reads one table element spanning tokens `from..to`.
    fn element(&self, from: usize, to: usize) -> Element {
        let mut i = from;
        if self.is_kw(i, "CONSTRAINT") {
            i += 2;
        }
        if self.is_kw(i, "PRIMARY") {
            return Element::PrimaryKey(self.column_list(i, to).0);
        }
        if self.is_kw(i, "FOREIGN") {
            let (columns, after) = self.column_list(i, to);
            let anchor = (i..to)
                .find(|&j| self.is_punct(j, '('))
                .map_or(i, |open| open + 1);
            return match (after..to).find(|&j| self.is_kw(j, "REFERENCES")) {
                Some(r) => self
                    .foreign_key(columns, r, to, anchor)
                    .map_or(Element::Other, Element::ForeignKey),
                None => Element::Other,
            };
        }
        if i > from || NON_COLUMN_ELEMENTS.iter().any(|k| self.is_kw(i, k)) {
            return Element::Other;
        }
        if INDEX_ELEMENTS.iter().any(|k| self.is_kw(i, k)) && self.is_index_element(i, to) {
            return Element::Other;
        }
        if self.is_kw(i, "COLUMN") && self.is_word(i + 1) && i + 2 < to {
            i += 1;
        }
        let Some(name) = self.ident(i) else {
            return Element::Other;
        };
        let type_start = i + 1;
        let mut j = type_start;
        let mut depth = 0usize;
        while j < to {
            if self.is_punct(j, '(') {
                depth += 1;
            } else if self.is_punct(j, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && self.is_column_constraint(j) {
                break;
            }
            j += 1;
        }
        let mut column = Column {
            name: name.clone(),
            data_type: self.render(type_start, j),
            nullable: true,
            default: None,
        };
        let mut primary = false;
        let mut fks = Vec::new();
        while j < to {
            if self.is_kw(j, "NOT") && self.is_kw(j + 1, "NULL") {
                column.nullable = false;
                j += 2;
            } else if self.is_kw(j, "PRIMARY") {
                primary = true;
                column.nullable = false;
                j += 1;
            } else if self.is_kw(j, "DEFAULT") {
                let start = j + 1;
                let mut end = start + 1;
                let mut depth = 0usize;
                let mut k = start;
                while k < to {
                    if self.is_punct(k, '(') {
                        depth += 1;
                    } else if self.is_punct(k, ')') {
                        depth = depth.saturating_sub(1);
                    } else if depth == 0 && k > start && self.is_column_constraint(k) {
                        break;
                    }
                    k += 1;
                    end = k;
                }
                column.default = Some(self.render(start, end.min(to))).filter(|d| !d.is_empty());
                j = end.max(j + 1);
            } else if self.is_kw(j, "REFERENCES") {
                fks.extend(self.foreign_key(vec![name.clone()], j, to, i));
                j += 1;
            } else {
                j += 1;
            }
        }
        Element::Column(column, primary, fks)
    }

    /// Reads a CREATE TABLE: its name, column list and constraints, and the first thing wrong
    /// with them (a missing name, an empty element, a REFERENCES without a table, a column
    /// without a type, a trailing comma), in one pass over the elements.
    pub fn table(&self) -> (Option<TableFacts>, Option<Problem>) {
        let Some(at) = self.find_kw(0, "TABLE") else {
            return (None, None);
        };
        let mut i = at + 1;
        if self.is_kw(i, "IF") {
            i = self.find_kw(i, "EXISTS").map_or(i, |j| j + 1);
        }
        let Some((name, after)) = self.name(i) else {
            return (None, self.problem_at(i, "CREATE TABLE needs a table name"));
        };
        let mut table = TableFacts {
            name,
            columns: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            partition_of: None,
        };
        if self.is_kw(after, "PARTITION") && self.is_kw(after + 1, "OF") {
            if let Some((parent, _)) = self.name(after + 2) {
                table.partition_of = Some(parent);
            }
        }
        if !self.is_punct(after, '(') {
            return (Some(table), None);
        }
        let close = self.closing(after);
        let mut problem = None;
        for (from, to) in self.split_commas(after + 1, close) {
            if from >= to {
                problem = problem
                    .or_else(|| self.problem_at(from, "expected a column or a constraint here"));
                continue;
            }
            problem = problem.or_else(|| self.references_problem(from, to));
            match self.element(from, to) {
                Element::Column(column, primary, fks) => {
                    if column.data_type.is_empty() && self.dialect != Dialect::Sqlite {
                        problem = problem.or_else(|| {
                            self.problem_at(from, format!("column {} has no type", column.name))
                        });
                    }
                    if primary {
                        table.primary_key.push(column.name.clone());
                    }
                    table.foreign_keys.extend(fks);
                    table.columns.push(column);
                }
                Element::PrimaryKey(columns) => table.primary_key = columns,
                Element::ForeignKey(fk) => table.foreign_keys.push(fk),
                Element::Other => {}
            }
        }
        // A trailing comma: `(a int,)`. SQL Server accepts one (and SSMS scripts have them).
        if close > after + 1 && self.is_punct(close - 1, ',') && self.dialect != Dialect::MsSql {
            problem = problem.or_else(|| {
                self.problem_at(
                    close - 1,
                    "expected a column or a constraint after this comma",
                )
            });
        }
        for column in &mut table.columns {
            if table.primary_key.contains(&column.name) {
                column.nullable = false;
            }
        }
        (Some(table), problem)
    }

    /// Reads the ADD and ATTACH PARTITION actions of an ALTER TABLE.
    pub fn alter(&self) -> Option<(Name, Vec<AlterFact>)> {
        let at = self.find_kw(0, "TABLE")?;
        let mut i = at + 1;
        loop {
            if self.is_kw(i, "ONLY") {
                i += 1;
            } else if self.is_kw(i, "IF") && self.is_kw(i + 1, "EXISTS") {
                i += 2;
            } else {
                break;
            }
        }
        let (name, mut after) = self.name(i)?;
        if self.is_kw(after, "WITH") {
            after += 2;
        }
        let mut facts = Vec::new();
        for (from, to) in self.split_commas(after, self.tokens.len()) {
            if self.is_kw(from, "ATTACH") && self.is_kw(from + 1, "PARTITION") {
                facts.extend(
                    self.name(from + 2)
                        .map(|(child, _)| AlterFact::AttachPartition(child)),
                );
                continue;
            }
            if !self.is_kw(from, "ADD") {
                continue;
            }
            match self.element(from + 1, to) {
                Element::Column(column, primary, fks) => {
                    if primary {
                        facts.push(AlterFact::PrimaryKey(vec![column.name.clone()]));
                    }
                    facts.push(AlterFact::AddColumn(column));
                    facts.extend(fks.into_iter().map(AlterFact::ForeignKey));
                }
                Element::PrimaryKey(columns) => facts.push(AlterFact::PrimaryKey(columns)),
                Element::ForeignKey(fk) => facts.push(AlterFact::ForeignKey(fk)),
                Element::Other => {}
            }
        }
        Some((name, facts))
    }

    /// Reads a view's name and the relations its query reads (with the query reader that
    /// services' queries use: CTE names and table functions excluded), and the first thing
    /// wrong with it. A query that cannot be read yields the view without reads.
    pub fn view(&self) -> (Option<(Name, Vec<Name>)>, Option<Problem>) {
        let Some(at) = self.find_kw(0, "VIEW") else {
            return (None, None);
        };
        let Some((name, after)) = self.name(at + 1) else {
            return (
                None,
                self.problem_at(at + 1, "CREATE VIEW needs a view name"),
            );
        };
        let Some(as_at) = self.view_as(after) else {
            let problem = self.problem_at(after, "CREATE VIEW needs AS and a query");
            return (Some((name, Vec::new())), problem);
        };
        let query = ["SELECT", "WITH", "VALUES", "TABLE"]
            .iter()
            .any(|k| self.is_kw(as_at + 1, k))
            || self.is_punct(as_at + 1, '(');
        if !query {
            let hint = self
                .word(as_at + 1)
                .and_then(|Part { text: w, .. }| {
                    crate::diagnostic::did_you_mean(
                        &w.to_ascii_uppercase(),
                        ["SELECT", "WITH", "VALUES"],
                    )
                })
                .map(|w| format!("; did you mean {w}?"))
                .unwrap_or_default();
            let problem = self.problem_at(
                as_at + 1,
                format!("a view's query starts with SELECT, WITH or VALUES{hint}"),
            );
            return (Some((name, Vec::new())), problem);
        }
        let Some((offset, text)) = self.view_query(as_at) else {
            return (Some((name, Vec::new())), None);
        };
        match query::relations(text, self.dialect) {
            Ok((reads, _writes)) => {
                let mut reads: Vec<Name> = reads
                    .iter()
                    .filter_map(|written| self.written_name(written))
                    .collect();
                order::sort(&mut reads);
                reads.dedup();
                (Some((name, reads)), None)
            }
            Err(problem) => {
                let problem = Problem {
                    message: problem.message,
                    offset: offset + problem.offset,
                };
                (Some((name, Vec::new())), Some(problem))
            }
        }
    }

    /// A name as the query reader writes it (`public."Users"`), normalised for the dialect.
    fn written_name(&self, written: &str) -> Option<Name> {
        Name::from_parts(name::parts(written), self.dialect)
    }
}

/// Words that may start a statement Seams skips; any other first word is probably a typo.
/// They include the control-of-flow statements of T-SQL scripts (`THROW`, `WHILE`, `WAITFOR`,
/// `BEGIN TRY`) and MySQL routines (`SIGNAL`, `LEAVE`), which are code, not DDL.
const STATEMENT_WORDS: &[&str] = &[
    "ABORT",
    "ALTER",
    "ANALYZE",
    "ATTACH",
    "BACKUP",
    "BEGIN",
    "BREAK",
    "BULK",
    "CALL",
    "CHECKPOINT",
    "CLOSE",
    "CLUSTER",
    "COMMENT",
    "COMMIT",
    "CONTINUE",
    "COPY",
    "CREATE",
    "DBCC",
    "DEALLOCATE",
    "DECLARE",
    "DELETE",
    "DELIMITER",
    "DENY",
    "DETACH",
    "DISABLE",
    "DISCARD",
    "DO",
    "DROP",
    "ELSE",
    "ENABLE",
    "END",
    "EXEC",
    "EXECUTE",
    "EXPLAIN",
    "FETCH",
    "FLUSH",
    "GO",
    "GOTO",
    "GRANT",
    "HANDLER",
    "IF",
    "IMPORT",
    "INSERT",
    "ITERATE",
    "KILL",
    "LEAVE",
    "LISTEN",
    "LOAD",
    "LOCK",
    "LOOP",
    "MERGE",
    "MOVE",
    "NOTIFY",
    "OPEN",
    "OPTIMIZE",
    "PRAGMA",
    "PREPARE",
    "PRINT",
    "RAISERROR",
    "REASSIGN",
    "RECONFIGURE",
    "REFRESH",
    "REINDEX",
    "RELEASE",
    "RENAME",
    "REPAIR",
    "REPEAT",
    "REPLACE",
    "RESET",
    "RESIGNAL",
    "RESTORE",
    "RETURN",
    "REVERT",
    "REVOKE",
    "ROLLBACK",
    "SAVEPOINT",
    "SECURITY",
    "SELECT",
    "SET",
    "SHOW",
    "SIGNAL",
    "START",
    "THROW",
    "TRUNCATE",
    "UNLOCK",
    "UPDATE",
    "USE",
    "VACUUM",
    "WAITFOR",
    "WHILE",
    "WITH",
];

/// The first word of a statement when it is not one an SQL statement starts with (`CRATE
/// TABLE …`): the word and its byte offset. A statement that starts with punctuation (psql's
/// `\\connect`) or with nothing is not judged.
pub fn unknown_start(statement: &str, dialect: Dialect) -> Option<(String, usize)> {
    let first = Lexer::new(statement, dialect).next()?;
    let TokenKind::Word { quoted: false } = first.kind else {
        return None;
    };
    let word = first.text(statement);
    let upper = word.to_ascii_uppercase();
    // A label (`done:` in T-SQL, `outer_loop: LOOP` in MySQL routines).
    let label = Lexer::new(statement, dialect)
        .nth(1)
        .is_some_and(|t| t.is_punct(':'));
    let known = label
        || STATEMENT_WORDS.contains(&upper.as_str())
        || upper.starts_with("SP_")
        || word.starts_with('@')
        || word.starts_with('#');
    (!known).then(|| (word.to_string(), first.start))
}

/// The statement words a typo is compared with for "did you mean".
pub fn statement_words() -> impl Iterator<Item = &'static str> {
    STATEMENT_WORDS.iter().copied()
}

/// Words after ON in a GRANT that mean the privileges are not on tables.
const GRANT_NON_TABLE: [&str; 16] = [
    "DATABASE",
    "DOMAIN",
    "FOREIGN",
    "FUNCTION",
    "FUNCTIONS",
    "LANGUAGE",
    "LARGE",
    "PARAMETER",
    "PROCEDURE",
    "ROUTINE",
    "SCHEMA",
    "SEQUENCE",
    "SEQUENCES",
    "TABLESPACE",
    "TYPE",
    "TYPES",
];

impl DdlReader<'_> {
    /// Reads a statement of `kind`: its facts (None when it is too broken to yield anything,
    /// e.g. a CREATE TABLE without a name) and the first thing wrong with it, if any: an
    /// unclosed quote or parenthesis first, then a part the kind needs that is missing (a
    /// table's name, a column's type, the table after REFERENCES or FROM). Byte offsets are
    /// relative to the statement.
    pub fn read(&self, kind: Kind) -> (Option<Facts>, Option<Problem>) {
        let (facts, problem) = match kind {
            Kind::CreateTable => {
                let (table, problem) = self.table();
                (table.map(Facts::Table), problem)
            }
            Kind::CreateView => {
                let (view, problem) = self.view();
                (view.map(|(name, reads)| Facts::View(name, reads)), problem)
            }
            Kind::Grant => (
                Some(self.grant().map_or(Facts::Nothing, Facts::Grant)),
                self.grant_problem(),
            ),
            Kind::AlterTable => (
                self.alter().map(|(name, list)| Facts::Alter(name, list)),
                self.references_problem(0, self.tokens.len()),
            ),
            Kind::CreateRole => (self.roles().map(Facts::Roles), None),
            Kind::CreateSchema => (self.schema().map(Facts::Schema), None),
            Kind::CreateRule => (
                Some(self.rule().map_or_else(Facts::Unread, Facts::Guard)),
                None,
            ),
            Kind::CreateTrigger => (
                Some(self.trigger().map_or_else(Facts::Unread, Facts::Guard)),
                None,
            ),
            Kind::CreateFunction => (
                Some(self.function().map_or(Facts::Nothing, |(name, raises)| {
                    Facts::Function(name, raises)
                })),
                None,
            ),
            Kind::Skip => (Some(Facts::Nothing), None),
        };
        (facts, structure::problem(&self.tokens).or(problem))
    }

    fn problem_at(&self, at: usize, message: impl Into<String>) -> Option<Problem> {
        let offset = self.token(at).or(self.tokens.last()).map_or(0, |t| t.start);
        Some(Problem {
            message: message.into(),
            offset,
        })
    }

    /// A REFERENCES in `from..to` that names no table.
    fn references_problem(&self, from: usize, to: usize) -> Option<Problem> {
        let at = (from..to).find(|&i| self.is_kw(i, "REFERENCES"))?;
        if self.is_word(at + 1) {
            return self.references_problem(at + 1, to);
        }
        self.problem_at(at, "REFERENCES needs the table it points to")
    }

    /// A GRANT or REVOKE of privileges ON nothing, or to nobody.
    fn grant_problem(&self) -> Option<Problem> {
        let Some(on) = self.find_kw(1, "ON") else {
            // Granting a role (`GRANT reporter TO bob`): no ON, nothing Seams reads.
            return None;
        };
        let keyword = if self.is_kw(0, "REVOKE") {
            "FROM"
        } else {
            "TO"
        };
        let Some(to) = self.find_kw(on, keyword) else {
            return self.problem_at(self.tokens.len(), format!("expected {keyword} and a role"));
        };
        if to == on + 1 {
            return self.problem_at(to, "expected what the privileges are ON before this");
        }
        let rest = (to + 1..self.tokens.len()).any(|i| !self.is_punct(i, ';'));
        if !rest {
            return self.problem_at(to, format!("expected a role after {keyword}"));
        }
        None
    }

    /// The index of the `AS` that starts a view's query: the first one outside parentheses
    /// after the view's name (`WITH (check_option = local)` and column lists come before it).
    fn view_as(&self, after: usize) -> Option<usize> {
        let mut depth = 0usize;
        (after..self.tokens.len()).find(|&i| {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
            }
            depth == 0 && self.is_kw(i, "AS")
        })
    }

    /// The byte offset and text of a view's query (after the `AS` at token `as_at`), without a
    /// trailing `WITH [NO] DATA` or `WITH [CASCADED | LOCAL] CHECK OPTION`, which belong to the
    /// view, not the query.
    fn view_query(&self, as_at: usize) -> Option<(usize, &str)> {
        let start = self.token(as_at + 1)?.start;
        let mut end = self.text.len();
        let mut depth = 0usize;
        for i in as_at + 1..self.tokens.len() {
            if self.is_punct(i, '(') {
                depth += 1;
            } else if self.is_punct(i, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0
                && self.is_kw(i, "WITH")
                && ["NO", "DATA", "CHECK", "CASCADED", "LOCAL"]
                    .iter()
                    .any(|k| self.is_kw(i + 1, k))
            {
                end = self.token(i).map_or(end, |t| t.start);
                break;
            }
        }
        Some((start, self.text.get(start..end)?))
    }

    /// Reads `CREATE ROLE a, b …` or `CREATE USER name …` (MySQL's `'user'@'host'` too).
    pub fn roles(&self) -> Option<Vec<String>> {
        let at = (0..self.tokens.len().min(16))
            .find(|&i| self.is_kw(i, "ROLE") || self.is_kw(i, "USER"))?;
        let mut i = at + 1;
        if self.is_kw(i, "IF") {
            i = self.find_kw(i, "EXISTS").map_or(i, |j| j + 1);
        }
        let mut names = Vec::new();
        loop {
            let name = match self.token(i) {
                Some(t) if t.kind == TokenKind::Str => {
                    let text = t.text(self.text);
                    text.get(1..text.len().saturating_sub(1))
                        .map(str::to_string)
                }
                _ => self.ident(i),
            };
            let Some(name) = name else { break };
            names.push(name);
            i += 1;
            if self.is_punct(i, '@') {
                i += 2;
            }
            if !self.is_punct(i, ',') {
                break;
            }
            i += 1;
        }
        (!names.is_empty()).then_some(names)
    }

    /// Reads `CREATE SCHEMA [IF NOT EXISTS] name` or `CREATE SCHEMA AUTHORIZATION role`.
    pub fn schema(&self) -> Option<String> {
        let at = self.find_kw(0, "SCHEMA")?;
        let mut i = at + 1;
        if self.is_kw(i, "IF") {
            i = self.find_kw(i, "EXISTS").map_or(i, |j| j + 1);
        }
        if self.is_kw(i, "AUTHORIZATION") {
            i += 1;
        }
        let (name, _) = self.name(i)?;
        Some(name.name)
    }

    /// Reads a GRANT or REVOKE of table privileges (None for grants on other objects, of roles,
    /// or with no privilege or grantee Seams knows).
    pub fn grant(&self) -> Option<GrantFacts> {
        let revoke = self.is_kw(0, "REVOKE");
        let mut i = 1;
        if revoke
            && self.is_kw(i, "GRANT")
            && self.is_kw(i + 1, "OPTION")
            && self.is_kw(i + 2, "FOR")
        {
            i += 3;
        }
        let on = self.find_kw(i, "ON")?;
        let mut privileges = Vec::new();
        let mut depth = 0usize;
        for j in i..on {
            if self.is_punct(j, '(') {
                depth += 1;
            } else if self.is_punct(j, ')') {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && (j == i || self.is_punct(j - 1, ',')) {
                let Some(Part {
                    text: word,
                    quoted: false,
                }) = self.word(j)
                else {
                    continue;
                };
                let privilege = match word.to_ascii_uppercase().as_str() {
                    "ALL" => Privilege::All,
                    "SELECT" => Privilege::Select,
                    "INSERT" => Privilege::Insert,
                    "UPDATE" => Privilege::Update,
                    "DELETE" => Privilege::Delete,
                    "TRUNCATE" => Privilege::Truncate,
                    "REFERENCES" => Privilege::References,
                    "TRIGGER" => Privilege::Trigger,
                    _ => continue,
                };
                privileges.push(privilege);
            }
        }
        if privileges.contains(&Privilege::All) {
            privileges = vec![Privilege::All];
        }
        let mut j = on + 1;
        if GRANT_NON_TABLE.iter().any(|k| self.is_kw(j, k)) {
            return None;
        }
        let keyword = if revoke { "FROM" } else { "TO" };
        let to = self.find_kw(j, keyword)?;
        let target = if self.is_kw(j, "ALL") && self.is_kw(j + 1, "TABLES") {
            let schema_at = self.find_kw(j, "SCHEMA").filter(|&s| s < to)?;
            let schemas = self
                .split_commas(schema_at + 1, to)
                .into_iter()
                .filter_map(|(from, _)| self.name(from).map(|(n, _)| n.name))
                .collect();
            GrantTarget::AllTablesIn(schemas)
        } else {
            if self.is_kw(j, "TABLE") || self.is_kw(j, "OBJECT") {
                j += 1;
            }
            let mut names = Vec::new();
            for (from, end) in self.split_commas(j, to) {
                let Some((name, after)) = self.name(from) else {
                    continue;
                };
                // `db.*` (MySQL) and anything after the name are not a relation.
                if after == end {
                    names.push(name);
                }
            }
            GrantTarget::Relations(names)
        };
        let mut grantees = Vec::new();
        for (from, end) in self.split_commas(to + 1, self.tokens.len()) {
            let mut k = from;
            if self.is_kw(k, "GROUP") || self.is_kw(k, "ROLE") || self.is_kw(k, "USER") {
                k += 1;
            }
            if k >= end {
                continue;
            }
            let grantee = match self.token(k) {
                Some(t) if t.kind == TokenKind::Str => {
                    let text = t.text(self.text);
                    text.get(1..text.len().saturating_sub(1))
                        .map(str::to_string)
                }
                _ if self.is_kw(k, "PUBLIC") => Some(String::from("public")),
                _ => self.name(k).map(|(n, _)| n.name),
            };
            grantees.extend(grantee);
        }
        if privileges.is_empty() || grantees.is_empty() {
            return None;
        }
        Some(GrantFacts {
            revoke,
            privileges,
            target,
            grantees,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pane;

    fn reader(text: &str, dialect: Dialect) -> DdlReader<'_> {
        static SPAN: fn(usize) -> Span = |_| Span::start(Pane::Schema);
        DdlReader::new(text, dialect, &SPAN)
    }

    #[test]
    fn classifies_by_leading_keywords() {
        let cases = [
            ("CREATE UNLOGGED TABLE a (x int)", Kind::CreateTable),
            ("create or replace materialized view v as select 1", Kind::CreateView),
            ("CREATE ALGORITHM=UNDEFINED DEFINER=`r`@`h` SQL SECURITY DEFINER VIEW v AS SELECT 1", Kind::CreateView),
            ("CREATE UNIQUE INDEX i ON t (x)", Kind::Skip),
            ("CREATE FUNCTION f() RETURNS int AS $$ CREATE TABLE x () $$", Kind::CreateFunction),
            ("CREATE OR REPLACE RULE r AS ON UPDATE TO t DO INSTEAD NOTHING", Kind::CreateRule),
            ("CREATE CONSTRAINT TRIGGER t AFTER DELETE ON x FOR EACH ROW EXECUTE FUNCTION f()", Kind::CreateTrigger),
            ("CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()", Kind::Skip),
            ("CREATE TABLE rule (trigger int)", Kind::CreateTable),
            ("ALTER TABLE ONLY t ADD CONSTRAINT p PRIMARY KEY (id)", Kind::AlterTable),
            ("ALTER TABLE t OWNER TO x", Kind::Skip),
            ("ALTER TABLE ONLY p ATTACH PARTITION c DEFAULT", Kind::AlterTable),
            ("ALTER INDEX p_pkey ATTACH PARTITION c_pkey", Kind::Skip),
            ("INSERT INTO t VALUES (1)", Kind::Skip),
            ("GRANT SELECT ON t TO r", Kind::Grant),
            ("CREATE USER bob", Kind::CreateRole),
        ];
        for (text, kind) in cases {
            assert_eq!(classify(text, Dialect::Postgres), kind, "{text}");
        }
    }

    #[test]
    fn reads_a_table_sqlparser_rejects() {
        let text =
            "CREATE TABLE public.film (film_id integer DEFAULT nextval('s'::regclass) NOT NULL, \
            title text, fulltext tsvector GENERATED ALWAYS AS (to_tsvector(title)) VIRTUAL, \
            lang_id int REFERENCES language (language_id), CONSTRAINT pk PRIMARY KEY (film_id))";
        let table = reader(text, Dialect::Postgres).table().0.unwrap();
        assert_eq!(table.name.table_id(), "table:public.film");
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["film_id", "title", "fulltext", "lang_id"]);
        let first = &table.columns[0];
        assert_eq!(first.data_type, "integer");
        assert_eq!(first.default.as_deref(), Some("nextval('s'::regclass)"));
        assert!(!first.nullable);
        assert_eq!(table.primary_key, ["film_id"]);
        assert_eq!(table.foreign_keys[0].references, "table:public.language");
    }

    #[test]
    fn reads_tsql_alters_and_views() {
        let text = "ALTER TABLE [dbo].[a] WITH CHECK ADD CONSTRAINT [fk] FOREIGN KEY([b_id]) REFERENCES [dbo].[b] ([id])";
        let (name, facts) = reader(text, Dialect::MsSql).alter().unwrap();
        assert_eq!(name.table_id(), "table:dbo.a");
        assert!(
            matches!(&facts[..], [AlterFact::ForeignKey(fk)] if fk.references == "table:dbo.b")
        );
        let view = "CREATE VIEW v AS WITH c AS (SELECT 1) SELECT * FROM a x, s.b JOIN c ON 1 JOIN f(1) ON 1";
        let (name, reads) = reader(view, Dialect::Generic).view().0.unwrap();
        assert_eq!(name.view_id(), "view:v");
        let ids: Vec<String> = reads.iter().map(Name::table_id).collect();
        assert_eq!(ids, ["table:a", "table:s.b"]);
    }

    #[test]
    fn quoted_names_lose_their_quotes_and_escapes_in_every_dialect() {
        let table_id = |sql: &str, dialect: Dialect| {
            let (facts, _) = reader(sql, dialect).table();
            facts.map(|t| (t.name.name.clone(), t.name.table_id()))
        };
        let cases = [
            (
                "CREATE TABLE \"x\"\"y\" (id int)",
                Dialect::Postgres,
                "x\"y",
                "table:public.\"x\"\"y\"",
            ),
            (
                "CREATE TABLE \"a.b\" (id int)",
                Dialect::Generic,
                "a.b",
                "table:\"a.b\"",
            ),
            (
                "CREATE TABLE a.b (id int)",
                Dialect::Generic,
                "b",
                "table:a.b",
            ),
            (
                "CREATE TABLE `a``b` (id int)",
                Dialect::MySql,
                "a`b",
                "table:a`b",
            ),
            (
                "CREATE TABLE [s].[a]]b] (id int)",
                Dialect::MsSql,
                "a]b",
                "table:s.a]b",
            ),
            (
                "CREATE TABLE [a.b] (id int)",
                Dialect::Sqlite,
                "a.b",
                "table:\"a.b\"",
            ),
        ];
        for (sql, dialect, name, id) in cases {
            assert_eq!(
                table_id(sql, dialect),
                Some((name.to_string(), id.to_string())),
                "{sql}"
            );
        }
        let view = "CREATE VIEW v AS SELECT * FROM \"x\"\"y\" JOIN \"a.b\" ON true";
        let (_, reads) = reader(view, Dialect::Generic).view().0.unwrap();
        let ids: Vec<String> = reads.iter().map(Name::table_id).collect();
        assert_eq!(ids, ["table:\"a.b\"", "table:\"x\"\"y\""]);
    }

    /// The first problem of `sql` (read as `kind`) as `column: message`, or "ok".
    fn problem_of(sql: &str, dialect: Dialect) -> String {
        let r = reader(sql, dialect);
        r.read(classify(sql, dialect))
            .1
            .map_or(String::from("ok"), |p| {
                format!("{}: {}", p.offset, p.message)
            })
    }

    #[test]
    fn problems_point_at_the_token_that_is_wrong() {
        let pg = Dialect::Postgres;
        assert_eq!(problem_of("CREATE TABLE t (a int, b text)", pg), "ok");
        assert_eq!(problem_of("CREATE TABLE t ()", pg), "ok");
        assert_eq!(
            problem_of("CREATE TABLE (a int)", pg),
            "13: CREATE TABLE needs a table name"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a int,, b int)", pg),
            "22: expected a column or a constraint here"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a int,)", pg),
            "21: expected a column or a constraint after this comma"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a, b int)", pg),
            "16: column a has no type"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a, b int)", Dialect::Sqlite),
            "ok"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a int REFERENCES)", pg),
            "22: REFERENCES needs the table it points to"
        );
        assert_eq!(
            problem_of("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES ;", pg),
            "34: REFERENCES needs the table it points to"
        );
        assert_eq!(
            problem_of("CREATE TABLE t (a int DEFAULT 'x)", pg),
            "30: this string is never closed"
        );
        assert_eq!(
            problem_of("CREATE VIEW v AS SELECT * FROM WHERE x", pg),
            "31: expected a table name after `FROM`, found `WHERE`"
        );
        assert_eq!(
            problem_of(
                "CREATE VIEW v AS SELECT EXTRACT(year FROM d), a IS DISTINCT FROM b FROM t",
                pg
            ),
            "ok"
        );
        assert_eq!(
            problem_of(
                "CREATE VIEW v (a) WITH (check_option = local) AS SELECT 1",
                pg
            ),
            "ok"
        );
        assert_eq!(
            problem_of("CREATE VIEW v SELECT 1", pg),
            "14: CREATE VIEW needs AS and a query"
        );
        assert_eq!(
            problem_of("GRANT SELECT ON t", pg),
            "16: expected TO and a role"
        );
        assert_eq!(
            problem_of("REVOKE SELECT ON t FROM", pg),
            "19: expected a role after FROM"
        );
        assert_eq!(problem_of("GRANT reporter TO bob", pg), "ok");
    }

    #[test]
    fn unknown_statement_starts_are_named() {
        assert_eq!(
            unknown_start("CRATE TABLE t (a int)", Dialect::Postgres),
            Some((String::from("CRATE"), 0))
        );
        for known in [
            "CREATE TABLE t ()",
            "exec sp_addextendedproperty 'x'",
            "\\connect db",
            "  ",
            "SELECT pg_catalog.set_config('x', '', false)",
            "PRAGMA foreign_keys=OFF",
        ] {
            assert_eq!(unknown_start(known, Dialect::Postgres), None, "{known}");
        }
    }

    #[test]
    fn reads_roles_schemas_and_grants() {
        let pg = Dialect::Postgres;
        assert_eq!(
            reader("CREATE ROLE app, \"Reporter\" WITH LOGIN", pg).roles(),
            Some(vec![String::from("app"), String::from("Reporter")])
        );
        assert_eq!(
            reader(
                "CREATE USER IF NOT EXISTS 'bob'@'%' IDENTIFIED BY 'x'",
                Dialect::MySql
            )
            .roles(),
            Some(vec![String::from("bob")])
        );
        assert_eq!(
            reader("CREATE SCHEMA IF NOT EXISTS Sales", pg).schema(),
            Some(String::from("sales"))
        );
        assert_eq!(
            reader("CREATE SCHEMA AUTHORIZATION joe", pg).schema(),
            Some(String::from("joe"))
        );
        let grant = reader(
            "GRANT SELECT (a, b), UPDATE ON TABLE s.t, u TO app, PUBLIC WITH GRANT OPTION",
            pg,
        )
        .grant()
        .unwrap();
        assert!(!grant.revoke);
        assert_eq!(grant.privileges, [Privilege::Select, Privilege::Update]);
        assert!(
            matches!(&grant.target, GrantTarget::Relations(names) if names.iter().map(Name::table_id).collect::<Vec<_>>() == ["table:s.t", "table:public.u"])
        );
        assert_eq!(grant.grantees, ["app", "public"]);
        let revoke = reader("REVOKE GRANT OPTION FOR ALL PRIVILEGES ON ALL TABLES IN SCHEMA a, b FROM GROUP staff CASCADE", pg).grant().unwrap();
        assert!(revoke.revoke);
        assert_eq!(revoke.privileges, [Privilege::All]);
        assert!(matches!(&revoke.target, GrantTarget::AllTablesIn(s) if s == &["a", "b"]));
        assert_eq!(revoke.grantees, ["staff"]);
        assert!(reader("GRANT USAGE ON SCHEMA s TO app", pg)
            .grant()
            .is_none());
        assert!(reader("GRANT SELECT ON SEQUENCE s TO app", pg)
            .grant()
            .is_none());
        assert!(
            reader("GRANT SELECT ON shop.* TO 'bob'@'%'", Dialect::MySql)
                .grant()
                .is_none_or(|g| matches!(&g.target, GrantTarget::Relations(n) if n.is_empty()))
        );
    }
}
