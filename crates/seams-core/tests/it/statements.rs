//! What `parse_schema` reads from each kind of statement, dialect by dialect.

use seams_core::model::{Dialect, Privilege};
use seams_core::sql::{parse_schema, ParsedSchema};

/// Parses `sql` as `dialect` and renders the facts compactly, one line per fact.
fn facts(sql: &str, dialect: Dialect) -> Vec<String> {
    let schema = parse_schema(sql, Some(dialect));
    render(&schema)
}

fn render(schema: &ParsedSchema) -> Vec<String> {
    let mut lines = Vec::new();
    for t in &schema.tables {
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                let mut s = format!("{} {}", c.name, c.data_type);
                if !c.nullable {
                    s.push_str(" not null");
                }
                if let Some(d) = &c.default {
                    s.push_str(&format!(" = {d}"));
                }
                s
            })
            .collect();
        let recovered = if t.recovered { " (recovered)" } else { "" };
        lines.push(format!(
            "{}{recovered}: {}; pk {:?}",
            t.id,
            cols.join(", "),
            t.primary_key
        ));
        for fk in &t.foreign_keys {
            lines.push(format!(
                "  fk {:?} -> {} {:?} @{}:{}",
                fk.columns, fk.references, fk.ref_columns, fk.span.line, fk.span.column
            ));
        }
    }
    for v in &schema.views {
        lines.push(format!("{} reads {:?}", v.id, v.reads));
    }
    for r in &schema.roles {
        lines.push(format!("role {}", r.name));
    }
    for g in &schema.grants {
        let verb = if g.revoke { "revoke" } else { "grant" };
        lines.push(format!(
            "{verb} {:?} on {} to {}",
            g.privileges, g.object, g.grantee
        ));
    }
    for d in &schema.diagnostics {
        lines.push(format!("{d}"));
    }
    lines
}

fn check(sql: &str, dialect: Dialect, expected: &[&str]) {
    assert_eq!(facts(sql, dialect), expected);
}

#[test]
fn pg_dump_keys_come_from_alter_table_only_and_reach_later_tables() {
    check(
        "CREATE TABLE public.orders (id integer NOT NULL, user_id integer);\n\
         ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n\
         ALTER TABLE ONLY orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users(id);\n\
         CREATE TABLE \"Users\" (id int PRIMARY KEY);\n\
         CREATE TABLE users (id int PRIMARY KEY);",
        Dialect::Postgres,
        &[
            "table:public.Users: id int not null; pk [\"id\"]",
            "table:public.orders: id integer not null, user_id integer; pk [\"id\"]",
            "  fk [\"user_id\"] -> table:public.users [\"id\"] @4:56",
            "table:public.users: id int not null; pk [\"id\"]",
        ],
    );
}

#[test]
fn views_read_through_joins_subqueries_and_ctes() {
    check(
        "CREATE TABLE a (id int); CREATE TABLE b (id int);\n\
         CREATE VIEW v1 AS SELECT * FROM a JOIN (SELECT id FROM b) s ON true;\n\
         CREATE OR REPLACE MATERIALIZED VIEW v2 AS WITH c AS (SELECT * FROM v1) SELECT * FROM c, generate_series(1, 2) g;",
        Dialect::Postgres,
        &[
            "table:public.a: id int; pk []",
            "table:public.b: id int; pk []",
            "view:public.v1 reads [\"table:public.a\", \"table:public.b\"]",
            "view:public.v2 reads [\"view:public.v1\"]",
        ],
    );
}

#[test]
fn roles_and_grants_expand_in_input_order() {
    check(
        "CREATE ROLE app; CREATE USER reporter;\n\
         CREATE TABLE s.a (id int); CREATE TABLE s.b (id int);\n\
         GRANT SELECT, INSERT ON TABLE s.a, s.b TO app;\n\
         GRANT ALL ON ALL TABLES IN SCHEMA s TO reporter;\n\
         REVOKE DELETE ON s.a FROM app;\n\
         GRANT ALL ON ALL TABLES IN SCHEMA empty TO app;",
        Dialect::Postgres,
        &[
            "table:s.a: id int; pk []",
            "table:s.b: id int; pk []",
            "role app",
            "role reporter",
            "grant [Select, Insert] on table:s.a to app",
            "grant [Select, Insert] on table:s.b to app",
            "grant [All] on table:s.a to reporter",
            "grant [All] on table:s.b to reporter",
            "revoke [Delete] on table:s.a to app",
            "schema:6:1: info: GRANT on all tables in a schema with no tables declared yet; skipped",
        ],
    );
    let schema = parse_schema("GRANT SELECT ON t TO r;", Some(Dialect::Generic));
    assert_eq!(schema.grants[0].privileges, [Privilege::Select]);
}

#[test]
fn mysql_backticks_keys_and_delimiter_blocks() {
    check(
        "DELIMITER ;;\nCREATE PROCEDURE p() BEGIN CREATE TEMPORARY TABLE tmp (x int); END;;\nDELIMITER ;\n\
         CREATE TABLE `Orders` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `user_id` int DEFAULT NULL,\n  \
         PRIMARY KEY (`id`),\n  KEY `idx_user` (`user_id`),\n  \
         CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)\n) ENGINE=InnoDB;",
        Dialect::MySql,
        &[
            "table:Orders: id int not null, user_id int = NULL; pk [\"id\"]",
            "  fk [\"user_id\"] -> table:users [\"id\"] @9:37",
        ],
    );
}

#[test]
fn mssql_brackets_go_batches_and_ssms_tables() {
    check(
        "CREATE TABLE [dbo].[x](\n\t[id] [bigint] IDENTITY(1,1) NOT NULL,\n\t[y_id] [int] NULL,\n\
         PRIMARY KEY CLUSTERED\n(\n\t[id] ASC\n)WITH (PAD_INDEX = OFF) ON [PRIMARY]\n) ON [PRIMARY]\n\
         SET ANSI_NULLS ON\nGO\n\
         ALTER TABLE [dbo].[x] WITH CHECK ADD CONSTRAINT [fk] FOREIGN KEY([y_id]) REFERENCES [dbo].[y] ([id])\nGO\n",
        Dialect::MsSql,
        &[
            "table:dbo.x: id bigint not null, y_id int; pk [\"id\"]",
            "  fk [\"y_id\"] -> table:dbo.y [\"id\"] @11:66",
        ],
    );
}

#[test]
fn a_table_left_open_does_not_swallow_the_next() {
    check(
        "CREATE TABLE broken ( id int,, name text\nCREATE TABLE users (\n  id int PRIMARY KEY\n);",
        Dialect::Postgres,
        &[
            "table:public.broken (recovered): id int, name text; pk []",
            "table:public.users: id int not null; pk [\"id\"]",
            "schema:1:21: warning: this `(` is never closed (the rest of table public.broken was read)",
        ],
    );
}

#[test]
fn a_broken_statement_costs_one_diagnostic() {
    check(
        "CREATE TABLE a (id int);\nCREATE VIEW v AS SELEC nonsense;\nCREATE TABLE b (id int);\nGRANT SELECT ON TO;",
        Dialect::Postgres,
        &[
            "table:public.a: id int; pk []",
            "table:public.b: id int; pk []",
            "view:public.v reads []",
            "schema:2:18: warning: a view's query starts with SELECT, WITH or VALUES; did you mean SELECT? (the rest of view public.v was read)",
            "schema:4:17: error: could not read statement: expected what the privileges are ON before this",
        ],
    );
}

#[test]
fn dialect_is_detected_with_a_reason_or_chosen() {
    let schema = parse_schema(
        "-- PostgreSQL database dump\nSET search_path = public;",
        None,
    );
    assert_eq!(schema.dialect, Dialect::Postgres);
    assert_eq!(
        schema.dialect_reason,
        "detected from pg_dump header and `SET search_path`"
    );
    let chosen = parse_schema("CREATE TABLE t (id int);", Some(Dialect::Sqlite));
    assert_eq!(chosen.dialect_reason, "chosen by the user");
    assert_eq!(chosen.tables[0].id, "table:t");
}
