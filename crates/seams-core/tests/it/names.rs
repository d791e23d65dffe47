//! Names with doubled quotes, dots, backticks and brackets read the same in the schema, the
//! services' `reads` and their `queries`, and their ids read back (`docs/model.md`, Ids).

use proptest::prelude::*;
use seams_core::ident;
use seams_core::model::Dialect;
use seams_core::sql::name::quote;
use seams_core::{ingest, Architecture, Inputs};

/// `text` as a YAML double-quoted scalar (JSON string syntax, which YAML reads the same).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn read(schema: &str, services: &str, dialect: Dialect) -> Architecture {
    ingest(Inputs {
        schema,
        services,
        models: "",
        dialect: Some(dialect),
        sources: None,
    })
}

#[test]
fn doubled_quotes_and_dots_are_one_table_each_in_every_reader() {
    let arch = read(
        "CREATE TABLE \"x\"\"y\" (id int);\nCREATE TABLE \"a.b\" (id int);\n",
        "version: 1\nservices:\n  app:\n    reads: ['\"x\"\"y\"', '\"a.b\"']\n    queries: [SELECT * FROM \"x\"\"y\" JOIN \"a.b\" ON true]\n",
        Dialect::Generic,
    );
    assert!(arch.diagnostics.is_empty(), "{:?}", arch.diagnostics);
    let tables: Vec<(&str, &str)> = arch
        .tables
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(
        tables,
        [("table:\"a.b\"", "a.b"), ("table:\"x\"\"y\"", "x\"y")]
    );
    let service = &arch.services[0];
    let reads: Vec<&str> = service.reads.iter().map(|a| a.table.as_str()).collect();
    assert_eq!(reads, ["table:\"a.b\"", "table:\"x\"\"y\""]);
    // A table `b` in schema `a` is another table, with the id `a.b` always had.
    let both = read(
        "CREATE TABLE \"a.b\" (id int);\nCREATE TABLE a.b (id int);\n",
        "",
        Dialect::Generic,
    );
    let ids: Vec<&str> = both.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["table:\"a.b\"", "table:a.b"]);
}

#[test]
fn the_picture_labels_tables_by_their_names() {
    let analysis = seams_core::pipeline::analyze(Inputs {
        schema: "CREATE TABLE \"a.b\" (id int);\nCREATE TABLE \"x\"\"y\" (id int);\n",
        services: "",
        models: "",
        dialect: Some(Dialect::Generic),
        sources: None,
    });
    let stage = &analysis.stages[0];
    let labels: Vec<&str> = stage
        .scene()
        .nodes
        .iter()
        .filter(|n| n.id.starts_with("table:"))
        .map(|n| n.label.as_str())
        .collect();
    assert_eq!(labels, ["a.b", "x\"y"]);
}

/// The ids a service's reads resolve to, and the diagnostics' messages.
fn resolved(schema: &str, reads: &str, dialect: Dialect) -> (Vec<String>, Vec<String>) {
    let arch = read(
        schema,
        &format!("version: 1\nservices:\n  app:\n    reads: {reads}\n"),
        dialect,
    );
    let ids = arch.services[0]
        .reads
        .iter()
        .map(|a| a.table.clone())
        .collect();
    let messages = arch.diagnostics.iter().map(|d| d.message.clone()).collect();
    (ids, messages)
}

#[test]
fn sql_server_mysql_and_sqlite_compare_table_names_ignoring_case() {
    let none: Vec<String> = Vec::new();
    // One real system's 13 warnings: "unknown table `AspNetUsers` (did you mean `AspNetUsers`?)".
    let (ids, messages) = resolved(
        "CREATE TABLE [dbo].[AspNetUsers] ([Id] nvarchar(450) NOT NULL);\nGO\n",
        "[AspNetUsers, aspnetusers, dbo.ASPNETUSERS, '[AspNetUsers]']",
        Dialect::MsSql,
    );
    assert_eq!(ids, ["table:dbo.AspNetUsers"]);
    assert_eq!(messages, none);
    for dialect in [Dialect::MySql, Dialect::Sqlite] {
        let quote = if dialect == Dialect::MySql { '`' } else { '"' };
        let schema = format!(
            "CREATE TABLE {quote}Users{quote} (id int PRIMARY KEY);\n\
             CREATE TABLE orders (id int, user_id int REFERENCES USERS (id));\n\
             CREATE VIEW v AS SELECT * FROM users;\n"
        );
        let (ids, messages) = resolved(&schema, "[users, Users, USERS, v, V]", dialect);
        assert_eq!(ids, ["table:Users", "view:v"], "{dialect:?}");
        assert_eq!(messages, none, "{dialect:?}");
        // The foreign key and the view point at the declared table.
        let arch = read(&schema, "", dialect);
        let orders = arch.tables.iter().find(|t| t.name == "orders").unwrap();
        assert_eq!(
            orders.foreign_keys[0].references, "table:Users",
            "{dialect:?}"
        );
        assert_eq!(arch.views[0].reads, ["table:Users"], "{dialect:?}");
        assert_eq!(arch.tables.len(), 2, "{dialect:?}");
    }
}

#[test]
fn postgres_folds_unquoted_names_and_says_when_only_case_differs() {
    let schema = "CREATE TABLE \"Users\" (id int);\nCREATE TABLE orders (id int);\n";
    let (ids, messages) = resolved(schema, "['\"Users\"', ORDERS]", Dialect::Postgres);
    assert_eq!(ids, ["table:public.Users", "table:public.orders"]);
    assert!(messages.is_empty(), "{messages:?}");
    // `Users` unquoted is `users`: another table, and the hint says why rather than suggesting
    // the very name that was typed.
    let (ids, messages) = resolved(schema, "[Users]", Dialect::Postgres);
    assert_eq!(ids, ["table:public.users"]);
    assert_eq!(
        messages,
        ["unknown table `Users`: it is not in the schema (the schema has `Users`, which differs \
          from it only in case or quoting: in PostgreSQL unquoted names fold to lower case and \
          quoted ones keep their case; write `\"Users\"`); shown as undeclared"]
    );
    assert!(!messages[0].contains("did you mean"));
    // An ORM names the exact table (it quotes mixed case itself).
    let arch = ingest(Inputs {
        schema,
        services: "",
        models: "# app/models.py\nclass User(Base):\n    __tablename__ = 'Users'\n    id = Column(Integer, primary_key=True)\n",
        dialect: Some(Dialect::Postgres),
        sources: None,
    });
    assert_eq!(arch.models[0].table, "table:public.Users");
    assert_eq!(arch.tables.len(), 2);
}

/// Names of up to 12 characters from a set full of quotes, dots, brackets, spaces and unicode.
fn any_name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_ .\"'`\\[\\];$#@/*\\\\()é日😀\t-]{1,12}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_quoted_name_reads_the_same_through_every_reader(name in any_name()) {
        for dialect in Dialect::ALL {
            let quoted = quote(&name, dialect);
            let schema = format!("CREATE TABLE {quoted} (id int);\n");
            let services = format!(
                "version: 1\nservices:\n  app:\n    reads: [{}]\n    queries: [{}]\n",
                yaml_string(&quoted),
                yaml_string(&format!("SELECT id FROM {quoted}")),
            );
            let arch = read(&schema, &services, dialect);
            let expected_id = ident::table_id(dialect.default_schema(), &name);
            prop_assert!(arch.diagnostics.is_empty(), "{:?}: {:?}", dialect, arch.diagnostics);
            prop_assert_eq!(arch.tables.len(), 1, "{:?}", dialect);
            let table = &arch.tables[0];
            prop_assert_eq!(&table.name, &name, "{:?}", dialect);
            prop_assert_eq!(&table.id, &expected_id, "{:?}", dialect);
            prop_assert_eq!(
                ident::relation_parts(&table.id),
                Some((table.schema.clone(), name.clone()))
            );
            let reads: Vec<&str> = arch.services[0].reads.iter().map(|a| a.table.as_str()).collect();
            prop_assert_eq!(reads, [expected_id.as_str()], "{:?}", dialect);
        }
    }
}

/// A bank written for Seams in the shape of Bank of Anthos: an accounts database (users with a
/// `BYTEA` password hash, their contacts) and an append-only ledger (an identity key, `CREATE
/// RULE`s that turn updates and deletes into nothing, a `$$` function), upper-case names as its
/// init scripts write them. The report: such a schema was read as MS SQL.
const BANK_SCHEMA: &str = "\
-- accounts: who may sign in, and whom they pay
CREATE TABLE IF NOT EXISTS USERS (
  ACCOUNT_ID CHAR(10) PRIMARY KEY,
  LOGIN VARCHAR(64) UNIQUE NOT NULL,
  PASSWORD_HASH BYTEA NOT NULL,
  GIVEN_NAME VARCHAR(64) NOT NULL,
  FAMILY_NAME VARCHAR(64) NOT NULL,
  BORN DATE NOT NULL,
  TIME_ZONE VARCHAR(8) NOT NULL
);
CREATE INDEX IF NOT EXISTS IDX_USERS_LOGIN ON USERS (LOGIN);
CREATE TABLE IF NOT EXISTS CONTACTS (
  LOGIN VARCHAR(64) NOT NULL,
  NICKNAME VARCHAR(128) NOT NULL,
  ACCOUNT_NUMBER CHAR(10) NOT NULL,
  ROUTING_NUMBER CHAR(9) NOT NULL,
  OUTSIDE_BANK BOOLEAN NOT NULL,
  FOREIGN KEY (LOGIN) REFERENCES USERS (LOGIN) ON DELETE CASCADE
);

-- ledger: money moves by appending rows, never by changing them
CREATE TABLE TRANSACTIONS (
  ENTRY_ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PAYER_ACCOUNT CHAR(10) NOT NULL,
  PAYEE_ACCOUNT CHAR(10) NOT NULL,
  PAYER_ROUTING CHAR(9) NOT NULL,
  PAYEE_ROUTING CHAR(9) NOT NULL,
  CENTS INT NOT NULL,
  BOOKED_AT TIMESTAMP NOT NULL
);
CREATE INDEX IDX_LEDGER_PAYER ON TRANSACTIONS (PAYER_ACCOUNT, PAYER_ROUTING, BOOKED_AT);
CREATE INDEX IDX_LEDGER_PAYEE ON TRANSACTIONS (PAYEE_ACCOUNT, PAYEE_ROUTING, BOOKED_AT);
CREATE RULE LEDGER_NO_UPDATE AS ON UPDATE TO TRANSACTIONS DO INSTEAD NOTHING;
CREATE RULE LEDGER_NO_DELETE AS ON DELETE TO TRANSACTIONS DO INSTEAD NOTHING;
CREATE OR REPLACE FUNCTION BALANCE_OF(ACCOUNT CHAR(10)) RETURNS BIGINT AS $$
  SELECT COALESCE(SUM(CASE WHEN PAYEE_ACCOUNT = ACCOUNT THEN CENTS ELSE -CENTS END), 0)
  FROM TRANSACTIONS
$$ LANGUAGE sql STABLE;
";

#[test]
fn a_bank_ledger_schema_is_postgres_and_its_upper_case_names_fold() {
    let arch = ingest(Inputs {
        schema: BANK_SCHEMA,
        services: "version: 1\nservices:\n  user-service:\n    writes: [users]\n  \
                   contacts:\n    writes: [Contacts]\n    reads: [USERS]\n  ledger-writer:\n    \
                   writes: [transactions]\n  balance-reader:\n    reads: [TRANSACTIONS]\n",
        models: "",
        dialect: None,
        sources: None,
    });
    assert_eq!(arch.dialect, Dialect::Postgres, "{}", arch.dialect_reason);
    let mut tables: Vec<&str> = arch.tables.iter().map(|t| t.id.as_str()).collect();
    seams_core::order::sort(&mut tables);
    assert_eq!(
        tables,
        [
            "table:public.contacts",
            "table:public.transactions",
            "table:public.users"
        ]
    );
    // Every name the services wrote, in any case, is the folded table: no unknown table.
    let messages: Vec<&str> = arch
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().all(|m| !m.contains("unknown table")),
        "{messages:?}"
    );
    // Each marker alone is enough against SQL Server's look-alikes.
    for alone in [
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1) PRIMARY KEY);",
        "CREATE TABLE t (id int, blob BYTEA);",
        "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;",
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;",
    ] {
        let schema = seams_core::sql::parse_schema(alone, None);
        assert_eq!(
            schema.dialect,
            Dialect::Postgres,
            "{alone}: {}",
            schema.dialect_reason
        );
    }
}

/// Case folds for the ASCII letters only (`docs/services-file.md`): `AspNetUsers` is
/// `aspnetusers` in SQL Server, but `Ärzte` and `ärzte` stay two names, in every dialect.
#[test]
fn case_folds_for_ascii_letters_only() {
    assert_eq!(Dialect::MsSql.name_key("AspNetUsers"), "aspnetusers");
    for dialect in Dialect::ALL {
        assert_ne!(
            dialect.name_key("Ärzte"),
            dialect.name_key("ärzte"),
            "{dialect:?}"
        );
    }
    assert_eq!(
        Dialect::Postgres.normalise("ÄRZTE_Liste", false),
        "Ärzte_liste"
    );
}
