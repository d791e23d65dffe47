//! Reads and writes inferred from the SQL a service runs (`queries:` in the services file).
//!
//! Each SQL string is read by the core's query reader (`sql::query`, shared with views in the
//! schema): every relation after `FROM`, `JOIN`, `USING` and in comma lists is a read; the
//! targets of `INSERT`, `REPLACE`, `UPDATE`, `DELETE`, `MERGE` and `TRUNCATE` are writes; CTE
//! names and table-valued functions are neither. Names keep their qualification and quotes as
//! written (`public."Users"`); the architecture module normalises them. A query that cannot be
//! read is one warning, placed in the services file, and contributes nothing.

use super::{NameRef, QueryDecl};
use crate::diagnostic::Diagnostic;
use crate::model::{Dialect, FilterKind, ReadShape, ShapeAggregate, ShapeFilter, Table};
use crate::source::{LineIndex, Span};
use crate::sql::query;
use crate::sql::structure::Problem;
use saphyr_parser::ScalarStyle;

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
        inserts_only: false,
        shape: query::Shape::default(),
        span: origin.span,
    };
    let mut diagnostics = Vec::new();
    match read(sql, dialect) {
        Ok(query::Read {
            reads,
            writes,
            shape,
        }) => {
            decl.shape = shape;
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
            decl.inserts_only = query::inserts_only(sql, dialect);
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

/// The reads and writes of `sql` (each deduplicated in first-seen order, CTE names removed) and
/// its shape.
fn read(sql: &str, dialect: Dialect) -> Result<query::Read, Unreadable> {
    if sql.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    if sql.len() > MAX_QUERY_BYTES {
        return Err(Unreadable::TooLong);
    }
    query::read(sql, dialect).map_err(Unreadable::At)
}

/// The part of a query's shape that concerns one relation it reads (written `written`, one of
/// `reads` relations the query reads; `table` when the schema declares it): the columns
/// qualified by its name or alias, or unqualified and among its columns (any unqualified column
/// when it is the only relation read and its columns are unknown). A range on an id or a time
/// is a cursor. Columns take the schema's spelling.
pub fn table_shape(
    shape: &query::Shape,
    written: &str,
    reads: usize,
    table: Option<&Table>,
    span: Span,
) -> ReadShape {
    let last_key = |name: &str| {
        crate::sql::name::parts(name)
            .last()
            .map(|p| p.text.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let own = last_key(written);
    // The column as the table spells it, when the reference is to this table.
    let here = |c: &query::ColumnRef| -> Option<String> {
        let declared = table.and_then(|t| {
            t.columns
                .iter()
                .find(|col| col.name.to_ascii_lowercase() == c.column)
        });
        match (&c.qualifier, declared) {
            (Some(q), _) if last_key(q) != own => None,
            (_, Some(col)) => Some(col.name.clone()),
            (Some(_), None) => Some(c.column.clone()),
            (None, None) if reads == 1 && table.is_none_or(|t| t.columns.is_empty()) => {
                Some(c.column.clone())
            }
            (None, None) => None,
        }
    };
    let mut filters: Vec<ShapeFilter> = Vec::new();
    for (column, compare) in &shape.filters {
        let Some(name) = here(column) else { continue };
        let kind = match compare {
            query::Compare::Equal => FilterKind::Equal,
            query::Compare::Range if is_cursor(&name, table) => FilterKind::Cursor,
            query::Compare::Range => FilterKind::Range,
        };
        let filter = ShapeFilter { column: name, kind };
        if !filters.contains(&filter) {
            filters.push(filter);
        }
    }
    let single = reads == 1;
    let aggregates = shape
        .aggregates
        .iter()
        .filter_map(|(function, column)| match column {
            Some(c) => here(c).map(|name| (function, Some(name))),
            None => single.then_some((function, None)),
        })
        .map(|(function, column)| ShapeAggregate {
            function: function.clone(),
            column,
        })
        .collect();
    let order_by = shape
        .order_by
        .iter()
        .filter_map(|(c, descending)| here(c).map(|name| (name, *descending)))
        .collect();
    ReadShape {
        filters,
        aggregates,
        order_by,
        limited: shape.limited,
        span,
    }
}

/// Whether a column compared by a range is a cursor: the primary key, an id (`id`, `…_id`) or
/// a time (its type, or a name in `_at`, `_on`, `time`, `date`).
fn is_cursor(column: &str, table: Option<&Table>) -> bool {
    let lower = column.to_ascii_lowercase();
    let key = table.is_some_and(|t| t.primary_key.iter().any(|k| k.eq_ignore_ascii_case(column)));
    let timed = table
        .and_then(|t| t.columns.iter().find(|c| c.name == column))
        .is_some_and(|c| {
            let ty = c.data_type.to_ascii_lowercase();
            ["time", "date"].iter().any(|w| ty.contains(w))
        });
    key || timed
        || lower == "id"
        || lower.ends_with("_id")
        || lower.ends_with("_at")
        || lower.ends_with("_on")
        || ["time", "date"].iter().any(|w| lower.contains(w))
}

/// The identifiers one SQL string names (lowercase, quotes dropped), and whether it selects
/// `*` (`SELECT *`, `t.*`; not `COUNT(*)` or a product). What a query reads of a table is then
/// the table's columns among these words: a column the SQL never names is not read, so the
/// words over-approximate (a word may be another table's column) but never miss one.
pub fn named_words(sql: &str) -> (bool, std::collections::BTreeSet<String>) {
    let mut words = std::collections::BTreeSet::new();
    let mut star = false;
    let mut word = String::new();
    // The last word and the last character that was not a space, before each `*`.
    let mut last_word = String::new();
    let mut last_char = ' ';
    for c in sql.chars() {
        if c.is_alphanumeric() || c == '_' || c == '$' {
            word.push(c.to_ascii_lowercase());
            last_char = c;
            continue;
        }
        if !word.is_empty() {
            last_word = std::mem::take(&mut word);
            words.insert(last_word.clone());
        }
        if c == '*'
            && (last_char == '.'
                || last_char == ','
                || (last_char.is_alphanumeric()
                    && matches!(last_word.as_str(), "select" | "distinct" | "all")))
        {
            star = true;
        }
        if !c.is_whitespace() {
            last_char = c;
        }
    }
    if !word.is_empty() {
        words.insert(word);
    }
    (star, words)
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn the_words_of_a_query_and_whether_it_selects_every_column() {
        let (star, words) = super::named_words(
            "SELECT c.id, c.\"Email\" FROM customers c WHERE c.total * 2 > COUNT(*)",
        );
        assert!(!star);
        assert!(words.contains("email") && words.contains("id") && words.contains("total"));
        for sql in [
            "SELECT * FROM t",
            "select distinct * from t",
            "SELECT t.* FROM t",
            "SELECT a, * FROM t",
        ] {
            assert!(super::named_words(sql).0, "{sql}");
        }
        assert!(!super::named_words("SELECT COUNT(*) FROM t").0);
    }

    use super::*;
    use crate::source::Pane;
    use crate::sql::lex::{Lexer, Token};
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
    fn quoted_names_are_kept_as_written_and_ctes_match_by_their_name() {
        check_in(
            Dialect::Generic,
            "SELECT * FROM \"x\"\"y\" JOIN \"a.b\" ON true",
            "reads: \"x\"\"y\", \"a.b\" | writes: ",
        );
        check_in(
            Dialect::Generic,
            "WITH \"c\"\"d\" AS (SELECT 1) SELECT * FROM \"c\"\"d\", t",
            "reads: t | writes: ",
        );
        check_in(
            Dialect::MySql,
            "INSERT INTO `a``b` SELECT * FROM `s`.`c.d`",
            "reads: `s`.`c.d` | writes: `a``b`",
        );
        // Not through `check_in`: sqlparser prints `[a]]b]` as `[a]b]`, undoing the escape.
        let (decl, diagnostics) = infer("UPDATE [a]]b] SET x = 1", origin(), Dialect::MsSql);
        let writes: Vec<&str> = decl.writes.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(writes, ["[a]]b]"]);
        assert!(diagnostics.is_empty() && decl.reads.is_empty());
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

    /// T-SQL names the table to update in its `FROM` and updates it through its alias.
    #[test]
    fn tsql_update_through_an_alias_writes_the_aliased_table() {
        check_in(
            Dialect::MsSql,
            "UPDATE o SET o.status = 'paid' FROM dbo.orders AS o JOIN dbo.payments p ON p.order_id = o.id",
            "reads: dbo.payments | writes: dbo.orders",
        );
        check_in(
            Dialect::MsSql,
            "UPDATE [o] SET status = 1 FROM [dbo].[orders] [o] WHERE [o].[id] = 1",
            "reads:  | writes: [dbo].[orders]",
        );
        check_in(
            Dialect::MsSql,
            "UPDATE orders SET status = 1 FROM orders JOIN payments p ON p.order_id = orders.id",
            "reads: orders, payments | writes: orders",
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
        use crate::model::Dialect;
        use sqlparser::ast::{
            FromTable, ObjectName, Query, Statement, TableFactor, TableObject, TableWithJoins,
            UpdateTableFromKind, Visit, Visitor,
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
            crate::order::sort(&mut reads);
            crate::order::sort(&mut writes);
            Some((reads, writes))
        }

        /// Collects relation names as sqlparser visits them, and which of them are written.
        #[derive(Default)]
        struct Relations {
            seen: Vec<String>,
            targets: Vec<String>,
            ctes: BTreeSet<String>,
            functions: Vec<String>,
            /// Update targets written as an alias: visited as relations, but not tables.
            aliases_written: Vec<String>,
        }

        impl Relations {
            fn finish(self) -> (Vec<String>, Vec<String>) {
                // Unlike the product's old visitor, a quoted use of a CTE (`"Recent"`,
                // `"a""b"`) is compared by its name, without quotes or escapes, as the token
                // reader does.
                let is_cte = |name: &str| match crate::sql::name::parts(name).as_slice() {
                    [only] => self.ctes.contains(&only.text.to_ascii_lowercase()),
                    _ => false,
                };
                let mut occurrences = self.seen;
                for alias in &self.aliases_written {
                    if let Some(i) = occurrences.iter().position(|name| name == alias) {
                        occurrences.remove(i);
                    }
                }
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

        /// The table an alias names among `from`'s factors.
        fn aliased(from: &[TableWithJoins], written: &str) -> Option<String> {
            let bare = written.trim_matches(|c| matches!(c, '"' | '`' | '[' | ']'));
            from.iter()
                .flat_map(|t| {
                    std::iter::once(&t.relation).chain(t.joins.iter().map(|j| &j.relation))
                })
                .find_map(|factor| match factor {
                    TableFactor::Table {
                        name,
                        alias: Some(alias),
                        ..
                    } if alias.name.value.eq_ignore_ascii_case(bare) => Some(name.to_string()),
                    _ => None,
                })
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
                        self.ctes.insert(cte.alias.name.value.to_ascii_lowercase());
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
                    Statement::Update(update) => {
                        // T-SQL updates through an alias its FROM declares.
                        let from = match &update.from {
                            Some(
                                UpdateTableFromKind::BeforeSet(tables)
                                | UpdateTableFromKind::AfterSet(tables),
                            ) => tables.as_slice(),
                            None => &[],
                        };
                        match &update.table.relation {
                            TableFactor::Table { name, .. } => {
                                let written = name.to_string();
                                match aliased(from, &written) {
                                    Some(real) => {
                                        self.aliases_written.push(written);
                                        self.targets.push(real);
                                    }
                                    None => self.targets.push(written),
                                }
                            }
                            _ => self.target_of(&update.table),
                        }
                    }
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
                                let real = aliased(from, &written);
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
            crate::order::sort(&mut names);
            names
        };
        Some((sorted(&decl.reads), sorted(&decl.writes)))
    }

    /// Where sqlparser reads `sql`, the token reader reads it too, with the same sets.
    /// Returns whether the oracle read it (so callers can count compared cases).
    pub(crate) fn assert_agrees_with_oracle(sql: &str, dialect: Dialect) -> bool {
        let Some(expected) = oracle::relations(sql, dialect) else {
            return false;
        };
        let got = reader_relations(sql, dialect);
        assert_eq!(got, Some(expected), "token reader vs sqlparser for {sql:?}");
        true
    }

    /// Every query of every gallery example, read in its schema's dialect (backticks and `?` in
    /// the MySQL one, brackets, `TOP` and `@name` in the SQL Server one), as the page reads it.
    #[test]
    fn the_oracle_reads_the_examples_like_the_token_reader() {
        let mut compared = 0;
        let mut queries = 0;
        let mut dialects = std::collections::BTreeSet::new();
        for example in crate::examples::ALL {
            let dialect = crate::sql::parse_schema(example.schema, None).dialect;
            dialects.insert(dialect);
            let file = crate::services::parse_services(example.services, dialect);
            for service in &file.services {
                for query in &service.queries {
                    queries += 1;
                    if assert_agrees_with_oracle(&query.sql, dialect) {
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(
            compared, queries,
            "every example query is plain SQL sqlparser reads"
        );
        assert!(queries >= 10, "{queries} queries");
        assert_eq!(
            dialects,
            [Dialect::Postgres, Dialect::MySql, Dialect::MsSql].into(),
            "the examples' dialects"
        );
        eprintln!("examples: {compared} queries compared with the oracle");
    }

    /// The SELECT bodies of the `CREATE VIEW` statements in a corpus dump: real-world queries.
    pub(crate) fn view_bodies(text: &str, dialect: Dialect) -> Vec<String> {
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
