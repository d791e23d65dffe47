//! The token reader checked against a real SQL parser. [`with_sqlparser`] reads a schema the way
//! Seams did before it had its own reader: each statement Seams would read goes to sqlparser and
//! its facts come from the AST (`extract`). The tests compare both readers on every corpus dump
//! and gallery example, statement by statement wherever sqlparser accepts the statement.

use super::extract::{self, Origin};
use super::{split, Column, Dialect, ForeignKey, ParsedSchema, SchemaReader};
use crate::order;
use crate::order::Collect;
use std::collections::BTreeMap;

/// Reads `text` with sqlparser only; statements it rejects are counted as failed and yield nothing.
pub fn with_sqlparser(text: &str, dialect: Dialect) -> ParsedSchema {
    let mut reader = SchemaReader::new(text, dialect);
    for piece in split::Splitter::new(text, dialect) {
        let Some(statement) = text.get(piece.start..piece.end) else {
            continue;
        };
        reader.stats.statements += 1;
        if !super::ddl::classify(statement, dialect).read_by_sqlparser() {
            reader.stats.skipped += 1;
            continue;
        }
        let origin = Origin {
            start: reader.span(piece.start),
        };
        let parser_dialect = parser_dialect(dialect);
        let code = without_versioned_markers(statement, dialect);
        let parsed = sqlparser::parser::Parser::new(parser_dialect.as_ref())
            .with_recursion_limit(50)
            .try_with_sql(&code)
            .and_then(|mut parser| parser.parse_statement());
        match parsed {
            Ok(ast) => {
                reader.stats.parsed += 1;
                let facts = extract::statement(&ast, dialect, origin);
                reader.apply(facts, origin.start, false);
            }
            Err(_) => reader.stats.failed += 1,
        }
    }
    reader.finish(String::from("oracle"))
}

/// The statement as sqlparser can read it: MySQL runs the contents of `/*!NNNNN … */`
/// comments, which sqlparser skips, so their markers (and any comment) become blanks, one
/// space per character, so that every token keeps its line and column.
fn without_versioned_markers(statement: &str, dialect: Dialect) -> String {
    if dialect != Dialect::MySql || !(statement.contains("/*!") || statement.contains("*/")) {
        return statement.to_string();
    }
    let blank = |gap: &str| -> String {
        gap.chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect()
    };
    let mut out = String::new();
    let mut at = 0;
    for token in super::lex::Lexer::new(statement, dialect) {
        out.push_str(&blank(statement.get(at..token.start).unwrap_or("")));
        out.push_str(statement.get(token.start..token.end).unwrap_or(""));
        at = token.end;
    }
    out.push_str(&blank(statement.get(at..).unwrap_or("")));
    out
}

fn parser_dialect(dialect: Dialect) -> Box<dyn sqlparser::dialect::Dialect> {
    use sqlparser::dialect as d;
    match dialect {
        Dialect::Postgres => Box::new(d::PostgreSqlDialect {}),
        Dialect::MySql => Box::new(d::MySqlDialect {}),
        Dialect::Sqlite => Box::new(d::SQLiteDialect {}),
        Dialect::MsSql => Box::new(d::MsSqlDialect {}),
        Dialect::Generic => Box::new(d::GenericDialect {}),
    }
}

/// A type or default written the way both readers can agree on: upper case, no spaces, and no
/// identifier quotes (the token reader shows T-SQL's `[int]` as `int`; sqlparser keeps them).
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']' | '"' | '`'))
        .collect::<String>()
        .to_uppercase()
}

fn column_line(c: &Column) -> String {
    format!(
        "{} {} null={} default={:?}",
        c.name,
        loose(&c.data_type),
        c.nullable,
        c.default.as_deref().map(loose)
    )
}

fn fk_line(fk: &ForeignKey) -> String {
    format!(
        "{:?} -> {} {:?} @{}:{}",
        fk.columns, fk.references, fk.ref_columns, fk.span.line, fk.span.column
    )
}

/// Every difference between the token reader's facts and the oracle's, one line each, for the
/// tables, views, roles and grants the oracle read.
pub fn differences(text: &str, dialect: Dialect) -> Vec<String> {
    let ours = super::parse_schema(text, Some(dialect));
    let theirs = with_sqlparser(text, dialect);
    let mut out = Vec::new();
    let our_tables: BTreeMap<&str, _> =
        ours.tables.iter().map(|t| (t.id.as_str(), t)).collect_map();
    for table in &theirs.tables {
        let Some(mine) = our_tables.get(table.id.as_str()) else {
            out.push(format!("{}: missing", table.id));
            continue;
        };
        let a: Vec<String> = mine.columns.iter().map(column_line).collect();
        let b: Vec<String> = table.columns.iter().map(column_line).collect();
        for (x, y) in a.iter().zip(&b) {
            if x != y {
                out.push(format!("{}: column {x} | oracle {y}", table.id));
            }
        }
        if a.len() != b.len() {
            out.push(format!(
                "{}: {} columns | oracle {}",
                table.id,
                a.len(),
                b.len()
            ));
        }
        if mine.primary_key != table.primary_key {
            out.push(format!(
                "{}: pk {:?} | oracle {:?}",
                table.id, mine.primary_key, table.primary_key
            ));
        }
        let a: Vec<String> = mine.foreign_keys.iter().map(fk_line).collect();
        let b: Vec<String> = table.foreign_keys.iter().map(fk_line).collect();
        if a != b {
            out.push(format!("{}: fks {a:?} | oracle {b:?}", table.id));
        }
        if mine.partition_of != table.partition_of {
            out.push(format!(
                "{}: partition of {:?} | oracle {:?}",
                table.id, mine.partition_of, table.partition_of
            ));
        }
    }
    let our_views: BTreeMap<&str, _> = ours.views.iter().map(|v| (v.id.as_str(), v)).collect_map();
    for view in &theirs.views {
        match our_views.get(view.id.as_str()) {
            None => out.push(format!("{}: missing", view.id)),
            Some(mine) if mine.reads != view.reads => out.push(format!(
                "{}: reads {:?} | oracle {:?}",
                view.id, mine.reads, view.reads
            )),
            Some(_) => {}
        }
    }
    let names = |s: &ParsedSchema| s.roles.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    if names(&ours) != names(&theirs) {
        out.push(format!(
            "roles {:?} | oracle {:?}",
            names(&ours),
            names(&theirs)
        ));
    }
    let grants = |s: &ParsedSchema| {
        s.grants
            .iter()
            .map(|g| {
                format!(
                    "{} {:?} {} {} @{}",
                    g.revoke, g.privileges, g.object, g.grantee, g.span.line
                )
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (grants(&ours), grants(&theirs));
    for g in b.iter().filter(|g| !a.contains(g)) {
        out.push(format!("grant missing: {g}"));
    }
    if theirs.stats.failed == 0 && ours.schemas != theirs.schemas {
        out.push(format!(
            "schemas {:?} | oracle {:?}",
            ours.schemas, theirs.schemas
        ));
    }
    out
}

/// Reads each `(name, text)` with both readers; returns how many statements sqlparser read and
/// every difference or diagnostic of ours, prefixed with the file's name. Real dumps load into
/// their database, so the token reader must find nothing wrong in them.
pub(crate) fn compare_with_sqlparser(files: Vec<(String, String)>) -> (usize, Vec<String>) {
    let mut report = Vec::new();
    let mut compared = 0;
    for (name, text) in files {
        let dialect = super::dialect::detect(&text).0;
        compared += with_sqlparser(&text, dialect).stats.parsed;
        for d in super::parse_schema(&text, Some(dialect)).diagnostics {
            report.push(format!("{name}: {d}"));
        }
        for line in differences(&text, dialect) {
            report.push(format!("{name}: {line}"));
        }
    }
    (compared, report)
}

/// The `.sql` files of the corpus folder `dir`, sorted by name, with their texts.
pub(crate) fn corpus_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    order::sort(&mut files);
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gallery's schemas, embedded: the readers must agree on them without the corpus.
    fn example_files() -> Vec<(String, String)> {
        crate::examples::ALL
            .iter()
            .map(|e| {
                (
                    format!("examples/{}/schema.sql", e.key),
                    e.schema.to_string(),
                )
            })
            .collect()
    }

    /// The token reader on the gallery's schemas: no diagnostic, and the same facts as
    /// sqlparser, which reads every statement of them (the examples are written that way).
    #[test]
    fn the_token_reader_agrees_with_sqlparser_on_the_examples() {
        for (name, text) in example_files() {
            let dialect = super::super::dialect::detect(&text).0;
            let oracle = with_sqlparser(&text, dialect);
            assert_eq!(
                oracle.stats.failed, 0,
                "{name}: sqlparser failed on a statement"
            );
            assert!(oracle.stats.parsed > 0, "{name}");
            let ours = super::super::parse_schema(&text, Some(dialect));
            assert_eq!(ours.diagnostics, [], "{name}");
            assert_eq!(differences(&text, dialect), Vec::<String>::new(), "{name}");
        }
    }

    /// Statements chosen to trip a token reader, in each dialect.
    const TRICKY: [(Dialect, &str); 12] = [
        (Dialect::Postgres, "CREATE TABLE a (id int PRIMARY KEY, at timestamp(3) with time zone DEFAULT now(), b_id int REFERENCES b ON DELETE CASCADE, CONSTRAINT c CHECK (id > 0));"),
        (Dialect::Postgres, "CREATE TABLE IF NOT EXISTS s.\"Mixed\" (\"Id\" bigint NOT NULL, x numeric(10, 2), FOREIGN KEY (x, \"Id\") REFERENCES s.other (a, b) MATCH FULL);"),
        (Dialect::Postgres, "CREATE VIEW v AS WITH r AS (SELECT * FROM a) SELECT EXTRACT(year FROM r.at), (SELECT count(*) FROM c WHERE c.x IS DISTINCT FROM r.x) FROM r JOIN LATERAL unnest(r.tags) t ON true LEFT JOIN (SELECT * FROM d) dd ON true, ONLY e;"),
        (Dialect::Postgres, "CREATE MATERIALIZED VIEW m AS SELECT * FROM ((a JOIN b ON a.id = b.id) JOIN c USING (id)) WITH NO DATA;"),
        (Dialect::Postgres, "CREATE ROLE app;\nCREATE ROLE rep;\nCREATE TABLE t (id int);\nGRANT SELECT, INSERT ON t TO app, rep;\nREVOKE ALL ON TABLE t FROM PUBLIC;\nGRANT ALL ON ALL TABLES IN SCHEMA public TO app;"),
        (Dialect::Postgres, "CREATE TABLE a (id int);\nALTER TABLE ONLY a ADD CONSTRAINT a_pkey PRIMARY KEY (id), ADD COLUMN z int REFERENCES z (id);"),
        (Dialect::MySql, "CREATE TABLE `o` (`id` int unsigned NOT NULL AUTO_INCREMENT, `u` int DEFAULT NULL, PRIMARY KEY (`id`), KEY `k` (`u`), CONSTRAINT `f` FOREIGN KEY (`u`) REFERENCES `users` (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"),
        (Dialect::MySql, "CREATE ALGORITHM=UNDEFINED DEFINER=`r`@`%` SQL SECURITY DEFINER VIEW `v` AS select `a`.`x` AS `x` from (`a` join `b` on((`a`.`id` = `b`.`id`)));"),
        (Dialect::Sqlite, "CREATE TABLE [T] ([Id] INTEGER PRIMARY KEY AUTOINCREMENT, [U] INTEGER REFERENCES [U]([Id]), FOREIGN KEY ([Id]) REFERENCES [V] ([Id]) ON DELETE NO ACTION);"),
        (Dialect::MsSql, "CREATE TABLE [dbo].[T] ([Id] [int] IDENTITY(1,1) NOT NULL, [U] [nvarchar](40) NULL, CONSTRAINT [PK] PRIMARY KEY CLUSTERED ([Id] ASC));"),
        (Dialect::MsSql, "CREATE VIEW [dbo].[V] AS SELECT t.Id FROM [dbo].[T] t INNER JOIN dbo.U u ON u.Id = t.Id;"),
        (Dialect::Generic, "CREATE TABLE a (id INT, b_id INT, FOREIGN KEY (b_id) REFERENCES b);\nCREATE VIEW w AS SELECT * FROM a WHERE id IN (SELECT id FROM b) UNION SELECT * FROM c;"),
    ];

    #[test]
    fn the_token_reader_agrees_with_sqlparser_on_tricky_statements() {
        for (dialect, sql) in TRICKY {
            let oracle = with_sqlparser(sql, dialect);
            assert_eq!(oracle.stats.failed, 0, "the oracle must read {sql:?}");
            assert!(oracle.stats.parsed > 0);
            let ours = super::super::parse_schema(sql, Some(dialect));
            assert_eq!(ours.diagnostics, [], "{sql:?}");
            assert_eq!(differences(sql, dialect), Vec::<String>::new(), "{sql:?}");
        }
    }
}
