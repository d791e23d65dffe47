//! Reads and writes inferred from the SQL a service runs (`queries:` in the services file).
//!
//! Each SQL string is tokenised, checked against size limits (sqlparser's AST is recursive: a
//! 20,000-term expression parses into a tree deep enough to overflow the stack when it is
//! visited or dropped), then parsed with sqlparser in the schema's dialect. Every relation the
//! statements name is a read, except the targets of INSERT, UPDATE, DELETE, MERGE and TRUNCATE,
//! which are writes, CTE names, and table-valued functions. Names keep their qualification and
//! quotes as written (`public."Users"`); the architecture module normalises them.

use super::{NameRef, QueryDecl};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::sql::Dialect;
use saphyr_parser::ScalarStyle;
use sqlparser::ast::{
    FromTable, ObjectName, Query, Statement, TableFactor, TableObject, TableWithJoins, Visit,
    Visitor,
};
use sqlparser::dialect::{
    Dialect as SqlDialect, GenericDialect, MsSqlDialect, MySqlDialect, PostgreSqlDialect,
    SQLiteDialect,
};
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Token, Tokenizer};
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// Longest SQL string read, in bytes.
pub const MAX_QUERY_BYTES: usize = 100_000;

/// Most tokens in one SQL string, not counting whitespace, commas, parentheses and semicolons.
///
/// sqlparser builds `a + b + c …` (and `UNION` chains, `::` casts, `IS NULL` chains) as trees
/// one level deeper per operator without counting recursion, then visits and drops them
/// recursively. Measured (parse + visit + drop of `a + a + …`): a debug build overflows a 2 MB
/// thread between 800 and 1,000 terms, a release build a 1 MB stack between 12,800 and 25,600.
/// At 1,000 tokens a chain is at most about 500 deep: safe in both, and plenty for one query.
pub const MAX_QUERY_TOKENS: usize = 1_000;

/// Deepest parenthesis nesting read (sqlparser itself stops at 50 levels of recursion).
pub const MAX_PAREN_DEPTH: usize = 1_000;

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
}

/// The sqlparser dialect for a schema dialect.
fn sql_dialect(dialect: Dialect) -> Box<dyn SqlDialect> {
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::MySql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
        Dialect::MsSql => Box::new(MsSqlDialect {}),
        Dialect::Generic => Box::new(GenericDialect {}),
    }
}

/// Infers the relations one SQL string reads and writes. Problems (unparsable SQL, limits) are
/// warnings; the query is still returned, with whatever could be inferred (possibly nothing).
pub fn infer(sql: &str, origin: SqlOrigin, dialect: Dialect) -> (QueryDecl, Vec<Diagnostic>) {
    let mut decl = QueryDecl {
        sql: sql.to_string(),
        reads: Vec::new(),
        writes: Vec::new(),
        span: origin.span,
    };
    let mut diagnostics = Vec::new();
    match statements(sql, origin, dialect) {
        Ok(statements) => {
            let mut relations = Relations::default();
            for statement in &statements {
                // The visitor never breaks; the result carries nothing.
                let _ = statement.visit(&mut relations);
            }
            let to_refs = |names: Vec<String>| {
                names
                    .into_iter()
                    .map(|name| NameRef {
                        name,
                        span: origin.span,
                    })
                    .collect()
            };
            let (reads, writes) = relations.finish();
            decl.reads = to_refs(reads);
            decl.writes = to_refs(writes);
        }
        Err(diagnostic) => diagnostics.push(diagnostic),
    }
    (decl, diagnostics)
}

/// Tokenises, checks limits and parses; a problem is one warning.
fn statements(
    sql: &str,
    origin: SqlOrigin,
    dialect: Dialect,
) -> Result<Vec<Statement>, Diagnostic> {
    if sql.trim().is_empty() {
        return Err(Diagnostic::warning(origin.span, "this query is empty"));
    }
    if sql.len() > MAX_QUERY_BYTES {
        return Err(Diagnostic::warning(
            origin.span,
            format!(
                "this query is longer than {} KB and is not read",
                MAX_QUERY_BYTES / 1000
            ),
        ));
    }
    let dialect = sql_dialect(dialect);
    let tokens = Tokenizer::new(dialect.as_ref(), sql)
        .with_unescape(true)
        .tokenize_with_location()
        .map_err(|error| {
            let at = origin.locate(sql, error.location.line, error.location.column);
            Diagnostic::warning(at, format!("could not read this query: {}", error.message))
        })?;
    let mut depth = 0usize;
    let mut count = 0usize;
    for token in &tokens {
        match token.token {
            Token::Whitespace(_) | Token::Comma | Token::SemiColon => {}
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ => count += 1,
        }
        if depth > MAX_PAREN_DEPTH || count > MAX_QUERY_TOKENS {
            let at = origin.locate(sql, token.span.start.line, token.span.start.column);
            let limit = if count > MAX_QUERY_TOKENS {
                format!("more than {MAX_QUERY_TOKENS} tokens")
            } else {
                format!("parentheses nested more than {MAX_PAREN_DEPTH} deep")
            };
            return Err(Diagnostic::warning(
                at,
                format!("this query has {limit} and is not read"),
            ));
        }
    }
    Parser::new(dialect.as_ref())
        .with_tokens_with_locations(tokens)
        .parse_statements()
        .map_err(|error| parse_error(sql, origin, &error))
}

/// A parser error as a warning at the error's place, with sqlparser's position suffix removed.
fn parse_error(sql: &str, origin: SqlOrigin, error: &ParserError) -> Diagnostic {
    let text = match error {
        ParserError::TokenizerError(text) | ParserError::ParserError(text) => text.as_str(),
        ParserError::RecursionLimitExceeded => {
            return Diagnostic::warning(
                origin.span,
                "could not read this query: it is nested too deeply",
            )
        }
    };
    let (message, at) = match text.rsplit_once(" at Line: ") {
        Some((message, position)) => {
            let mut numbers = position
                .split(", Column: ")
                .map(|n| n.trim().parse::<u64>().ok());
            match (numbers.next().flatten(), numbers.next().flatten()) {
                (Some(line), Some(column)) => (message, origin.locate(sql, line, column)),
                _ => (message, origin.span),
            }
        }
        None => (text, origin.span),
    };
    Diagnostic::warning(at, format!("could not read this query: {message}"))
}

/// Collects relation names as sqlparser visits them, and which of them are written.
#[derive(Default)]
struct Relations {
    /// Every relation occurrence in visiting order.
    seen: Vec<String>,
    /// Write targets, one entry per targeting occurrence.
    targets: Vec<String>,
    /// CTE names (compared case-insensitively, unqualified only).
    ctes: BTreeSet<String>,
    /// Table-valued functions (`FROM generate_series(…)`), not tables.
    functions: Vec<String>,
}

impl Relations {
    /// Splits what was seen into (reads, writes), each deduplicated in first-seen order.
    fn finish(self) -> (Vec<String>, Vec<String>) {
        let is_cte = |name: &str| !name.contains('.') && self.ctes.contains(&name.to_lowercase());
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

    /// The table a DML statement's `TableWithJoins` targets (its first relation).
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
                    FromTable::WithFromKeyword(tables) | FromTable::WithoutKeyword(tables) => {
                        tables
                    }
                };
                if delete.tables.is_empty() {
                    for table in from {
                        self.target_of(table);
                    }
                } else {
                    // MySQL `DELETE t1 FROM t1 JOIN t2 …`: the targets may be aliases.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pane;

    /// Infers from `sql` and renders `reads: a, b | writes: c` (or the diagnostics).
    fn check_in(dialect: Dialect, sql: &str, expected: &str) {
        let origin = SqlOrigin {
            span: Span::new(Pane::Services, 10, 5),
            style: ScalarStyle::Plain,
        };
        let (decl, diagnostics) = infer(sql, origin, dialect);
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
    fn cte_names_are_not_tables() {
        check(
            "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN users ON true",
            "reads: orders, users | writes: ",
        );
    }

    #[test]
    fn table_functions_are_not_tables() {
        check(
            "SELECT * FROM generate_series(1, 3) g JOIN users ON true",
            "reads: users | writes: ",
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
            "WITH gone AS (SELECT id FROM users) DELETE FROM orders WHERE user_id IN (SELECT id FROM gone)",
            "reads: users | writes: orders",
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
    }

    #[test]
    fn names_keep_qualification_and_quotes() {
        check(
            "SELECT * FROM public.users JOIN \"Orders\" ON true",
            "reads: public.users, \"Orders\" | writes: ",
        );
        check_in(
            Dialect::MsSql,
            "SELECT * FROM [dbo].[Users]",
            "reads: [dbo].[Users] | writes: ",
        );
    }

    #[test]
    fn several_statements_in_one_string() {
        check(
            "SELECT 1 FROM a; UPDATE b SET x = 1;",
            "reads: a | writes: b",
        );
    }

    #[test]
    fn unreadable_queries_are_warnings_at_their_place() {
        check(
            "SELEC * FROM users",
            "reads:  | writes: \nservices:10:5: warning: could not read this query: \
             Expected: an SQL statement, found: SELEC",
        );
        check(
            "SELECT * FROM 'unterminated",
            "reads:  | writes: \nservices:10:19: warning: could not read this query: \
             Unterminated string literal",
        );
        check(
            "  ",
            "reads:  | writes: \nservices:10:5: warning: this query is empty",
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
    fn pathological_queries_are_refused_before_parsing() {
        let long_chain = format!("SELECT {}", vec!["1"; 20_000].join(" + "));
        check(
            &long_chain,
            "reads:  | writes: \nservices:10:5: warning: this query has more than 1000 tokens and is not read"
                .replace("10:5", "10:2010")
                .as_str(),
        );
        let deep = format!("SELECT {}1{}", "(".repeat(1_200), ")".repeat(1_200));
        check(
            &deep,
            "reads:  | writes: \nservices:10:1012: warning: this query has parentheses nested more than 1000 deep and is not read",
        );
        let nested = format!("SELECT {}1{}", "(".repeat(200), ")".repeat(200));
        check(
            &nested,
            "reads:  | writes: \nservices:10:5: warning: could not read this query: it is nested too deeply",
        );
        let huge = format!("SELECT '{}'", "x".repeat(MAX_QUERY_BYTES));
        check(
            &huge,
            "reads:  | writes: \nservices:10:5: warning: this query is longer than 100 KB and is not read",
        );
    }

    #[test]
    fn the_longest_accepted_expression_is_visited_safely() {
        // Just under the token limit; parsing, visiting and dropping must not overflow the
        // default 2 MB test-thread stack of a debug build.
        let chain = format!("SELECT {} FROM t", vec!["a"; 498].join(" + "));
        check(&chain, "reads: t | writes: ");
        let chain = format!("SELECT a{} FROM t", "::int".repeat(497));
        check(&chain, "reads: t | writes: ");
    }
}
