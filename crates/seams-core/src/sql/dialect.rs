//! Dialect detection: score each dialect by the markers its dumps carry (pg_dump headers,
//! `ENGINE=`, `[dbo]`, `GO`, `AUTOINCREMENT`…) and name the winning markers, so the user sees
//! why Seams read the text the way it did.

use super::Dialect;

/// One telltale sign of a dialect: text to look for (lower case), its weight, and how to say it.
struct Marker {
    dialect: Dialect,
    needle: &'static str,
    weight: u32,
    label: &'static str,
}

const MARKERS: &[Marker] = &[
    marker(
        Dialect::Postgres,
        "postgresql database dump",
        6,
        "pg_dump header",
    ),
    marker(Dialect::Postgres, "set search_path", 4, "`SET search_path`"),
    marker(
        Dialect::Postgres,
        "alter table only",
        4,
        "`ALTER TABLE ONLY`",
    ),
    marker(
        Dialect::Postgres,
        "pg_catalog",
        4,
        "`pg_catalog` references",
    ),
    marker(Dialect::Postgres, "from stdin", 3, "`COPY … FROM stdin`"),
    marker(Dialect::Postgres, "owner to", 3, "`OWNER TO`"),
    marker(Dialect::Postgres, "nextval(", 2, "`nextval(…)` defaults"),
    marker(
        Dialect::Postgres,
        "character varying",
        2,
        "`character varying` columns",
    ),
    marker(
        Dialect::Postgres,
        "create extension",
        2,
        "`CREATE EXTENSION`",
    ),
    marker(
        Dialect::Postgres,
        "db server: postgresql",
        6,
        "script header names PostgreSQL",
    ),
    marker(Dialect::Postgres, "\n\\c ", 2, "psql `\\c` command"),
    marker(Dialect::Postgres, "$$", 2, "`$$` quoting"),
    marker(
        Dialect::Postgres,
        " as identity",
        4,
        "`GENERATED … AS IDENTITY` columns",
    ),
    marker(Dialect::Postgres, "bytea", 3, "`BYTEA` columns"),
    marker(Dialect::Postgres, "create rule", 3, "`CREATE RULE`"),
    marker(
        Dialect::Postgres,
        "create or replace rule",
        3,
        "`CREATE RULE`",
    ),
    marker(Dialect::Postgres, "timestamptz", 2, "`timestamptz` columns"),
    marker(Dialect::Postgres, "jsonb", 2, "`jsonb` columns"),
    marker(Dialect::Postgres, "bigserial", 2, "`bigserial` columns"),
    marker(Dialect::Postgres, "::", 1, "`::` casts"),
    marker(Dialect::MySql, "mysql dump", 6, "mysqldump header"),
    marker(Dialect::MySql, "engine=", 4, "`ENGINE=` options"),
    marker(Dialect::MySql, "/*!", 4, "`/*!…*/` version comments"),
    marker(Dialect::MySql, "auto_increment", 3, "`AUTO_INCREMENT`"),
    marker(Dialect::MySql, "create table `", 3, "backtick identifiers"),
    marker(
        Dialect::MySql,
        "db server: mysql",
        6,
        "script header names MySQL",
    ),
    marker(Dialect::MySql, "\ndelimiter ", 3, "`DELIMITER` lines"),
    marker(Dialect::MySql, "charset=", 2, "`CHARSET=` options"),
    marker(Dialect::MySql, "unlock tables", 2, "`UNLOCK TABLES`"),
    marker(
        Dialect::MsSql,
        "db server: sqlserver",
        6,
        "script header names SQL Server",
    ),
    marker(Dialect::MsSql, "[dbo]", 5, "`[dbo]` names"),
    marker(Dialect::MsSql, "\ngo\n", 5, "`GO` batch separators"),
    marker(Dialect::MsSql, "\ngo\r\n", 5, "`GO` batch separators"),
    marker(Dialect::MsSql, "set ansi_nulls", 4, "`SET ANSI_NULLS`"),
    marker(
        Dialect::MsSql,
        "set quoted_identifier",
        3,
        "`SET QUOTED_IDENTIFIER`",
    ),
    marker(Dialect::MsSql, "nvarchar", 2, "`NVARCHAR` columns"),
    // `IDENTITY(1,1)`, not PostgreSQL's `GENERATED … AS IDENTITY`.
    marker(Dialect::MsSql, "identity(", 2, "`IDENTITY` columns"),
    marker(Dialect::MsSql, "identity (", 2, "`IDENTITY` columns"),
    marker(Dialect::MsSql, "clustered", 2, "`CLUSTERED` keys"),
    marker(Dialect::MsSql, "getdate()", 1, "`GETDATE()`"),
    marker(
        Dialect::Sqlite,
        "db server: sqlite",
        6,
        "script header names SQLite",
    ),
    marker(Dialect::Sqlite, "using fts", 4, "full-text virtual tables"),
    marker(Dialect::Sqlite, "autoincrement", 4, "`AUTOINCREMENT`"),
    marker(Dialect::Sqlite, "pragma ", 4, "`PRAGMA`"),
    marker(Dialect::Sqlite, "sqlite_", 4, "`sqlite_` names"),
    marker(Dialect::Sqlite, "without rowid", 4, "`WITHOUT ROWID`"),
    marker(
        Dialect::Sqlite,
        "create virtual table",
        3,
        "`CREATE VIRTUAL TABLE`",
    ),
    marker(Dialect::Sqlite, "datetime('now')", 2, "`datetime('now')`"),
];

const fn marker(
    dialect: Dialect,
    needle: &'static str,
    weight: u32,
    label: &'static str,
) -> Marker {
    Marker {
        dialect,
        needle,
        weight,
        label,
    }
}

/// How much of the text detection reads: markers sit in headers and DDL, not in data.
const SAMPLE_BYTES: usize = 256 * 1024;

/// Detects the dialect of `text`; returns it with a sentence saying why.
pub fn detect(text: &str) -> (Dialect, String) {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = format!("\n{}\n", text.get(..end).unwrap_or("").to_ascii_lowercase());
    let mut best: Option<(u32, Dialect, Vec<&'static str>)> = None;
    for dialect in Dialect::ALL {
        let mut score = 0;
        let mut labels: Vec<&'static str> = Vec::new();
        for m in MARKERS.iter().filter(|m| m.dialect == dialect) {
            if sample.contains(m.needle) && !labels.contains(&m.label) {
                score += m.weight;
                labels.push(m.label);
            }
        }
        if score > 0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, dialect, labels));
        }
    }
    match best {
        Some((_, dialect, labels)) => {
            let shown: Vec<&str> = labels.into_iter().take(2).collect();
            (
                dialect,
                // The dialect is named beside the reason wherever it is shown.
                format!("detected from {}", shown.join(" and ")),
            )
        }
        None => (
            Dialect::Generic,
            String::from("no dialect markers found; reading as generic SQL"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Dialect, reason: &str) {
        let (dialect, why) = detect(text);
        assert_eq!(dialect, expected);
        assert_eq!(why, reason);
    }

    #[test]
    fn names_the_markers_it_saw() {
        check(
            "-- PostgreSQL database dump\nSET search_path = public;",
            Dialect::Postgres,
            "detected from pg_dump header and `SET search_path`",
        );
        check(
            "CREATE TABLE `a` (id int) ENGINE=InnoDB; -- `x`",
            Dialect::MySql,
            "detected from `ENGINE=` options and backtick identifiers",
        );
        check(
            "CREATE TABLE [dbo].[a] (id int)\nGO\n",
            Dialect::MsSql,
            "detected from `[dbo]` names and `GO` batch separators",
        );
        check(
            "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);",
            Dialect::Sqlite,
            "detected from `AUTOINCREMENT`",
        );
        check(
            "CREATE TABLE a (id BIGINT GENERATED BY DEFAULT AS IDENTITY, b BYTEA);\n\
             CREATE RULE r AS ON DELETE TO a DO INSTEAD NOTHING;",
            Dialect::Postgres,
            "detected from `GENERATED … AS IDENTITY` columns and `BYTEA` columns",
        );
        check(
            "CREATE TABLE a (id INT IDENTITY(1,1) NOT NULL, n NVARCHAR(10));",
            Dialect::MsSql,
            "detected from `NVARCHAR` columns and `IDENTITY` columns",
        );
        check(
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;",
            Dialect::Postgres,
            "detected from `$$` quoting",
        );
        check(
            "CREATE TABLE a (id int);",
            Dialect::Generic,
            "no dialect markers found; reading as generic SQL",
        );
    }
}
