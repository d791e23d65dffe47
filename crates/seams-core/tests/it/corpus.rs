//! Every real dump in the shared corpus ingests without panic, with the table and foreign-key
//! counts written below.
//!
//! The expected counts were made without Seams' parser: a Python script removed `/* … */`
//! comments, `$tag$ … $tag$` bodies and `--` comments, then counted `CREATE [OR REPLACE]
//! [UNLOGGED|TEMP|TEMPORARY] TABLE` at the start of a line (case-insensitive) and the word
//! `REFERENCES` (one per foreign key, inline or in a constraint). By eye: chinook's twelfth
//! match is the comment `Create Tables`; mysql_sakila's seventeenth is a `CREATE TEMPORARY TABLE`
//! inside a procedure body (between `DELIMITER` lines); sqlite_synapse's two
//! `CREATE VIRTUAL TABLE … USING fts4` are not `CREATE TABLE`s and are not counted.

use seams_core::sql::{parse_schema, ParsedSchema};
use seams_core::Dialect;

fn corpus(file: &str) -> String {
    let path = format!(
        "{}/../../../shared/corpus/sql/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn summary(schema: &ParsedSchema) -> String {
    format!(
        "{} {:?} {}",
        schema.dialect.as_str(),
        schema.stats,
        schema.diagnostics.len()
    )
}

/// Ingests `file` and checks its table count and (when given) its foreign-key count.
fn check(file: &str, tables: usize, foreign_keys: Option<usize>) {
    let schema = parse_schema(&corpus(file), None);
    let prefix = file.split('_').next().unwrap_or("");
    let expected_dialect = if prefix == "pg" {
        Dialect::Postgres
    } else {
        Dialect::from_name(prefix).unwrap()
    };
    assert_eq!(
        schema.dialect, expected_dialect,
        "{file}: {}",
        schema.dialect_reason
    );
    let fks: usize = schema.tables.iter().map(|t| t.foreign_keys.len()).sum();
    eprintln!(
        "{file}: {} tables, {fks} fks; {}",
        schema.tables.len(),
        summary(&schema)
    );
    for d in schema.diagnostics.iter().take(8) {
        eprintln!("  {d}");
    }
    assert_eq!(schema.tables.len(), tables, "{file}: tables");
    if let Some(expected) = foreign_keys {
        assert_eq!(fks, expected, "{file}: foreign keys");
    }
}

#[test]
fn pg_pagila() {
    check("pg_pagila_schema.sql", 71, Some(37));
}

/// Pagila's `payment` is partitioned: `grep -c "ALTER TABLE ONLY public.payment ATTACH PARTITION"`
/// on the dump counts 55 lines, and every one must link its partition to `payment`.
#[test]
fn pg_pagila_partitions_link_to_payment() {
    let schema = parse_schema(&corpus("pg_pagila_schema.sql"), None);
    let linked = schema
        .tables
        .iter()
        .filter(|t| t.partition_of.as_deref() == Some("table:public.payment"))
        .count();
    assert_eq!(linked, 55);
    assert!(schema
        .tables
        .iter()
        .all(|t| t.partition_of.is_none()
            || t.partition_of.as_deref() == Some("table:public.payment")));
}
#[test]
fn pg_sakila() {
    check("pg_sakila_schema.sql", 21, Some(40));
}
#[test]
fn mysql_sakila() {
    check("mysql_sakila_schema.sql", 16, Some(22));
}
#[test]
fn sqlite_sakila() {
    check("sqlite_sakila_schema.sql", 16, Some(22));
}
#[test]
fn mssql_sakila() {
    check("mssql_sakila_schema.sql", 16, Some(22));
}
#[test]
fn pg_chinook() {
    check("pg_chinook_with_data.sql", 11, Some(11));
}
#[test]
fn mysql_chinook() {
    check("mysql_chinook_with_data.sql", 11, Some(11));
}
#[test]
fn sqlite_chinook() {
    check("sqlite_chinook_with_data.sql", 11, Some(11));
}
#[test]
fn mssql_chinook() {
    check("mssql_chinook_with_data.sql", 11, Some(11));
}
#[test]
fn pg_northwind() {
    check("pg_northwind.sql", 14, Some(13));
}
#[test]
fn pg_gisia() {
    check("pg_gisia_structure.sql", 83, None);
}
#[test]
fn pg_lago() {
    check("pg_lago_api_structure.sql", 139, None);
}
#[test]
fn pg_openstreetmap() {
    check("pg_openstreetmap_structure.sql", 57, None);
}
#[test]
fn pg_ranger() {
    check("pg_ranger_core.sql", 85, None);
}
#[test]
fn mysql_ranger() {
    check("mysql_ranger_core.sql", 85, None);
}
#[test]
fn mssql_ranger() {
    check("mssql_ranger_core.sql", 85, None);
}
#[test]
fn pg_sakila_data_copy() {
    check("pg_sakila_data_copy.sql", 0, None);
}
#[test]
fn pg_synapse() {
    check("pg_synapse_main_v72.sql", 134, None);
}
#[test]
fn sqlite_synapse() {
    check("sqlite_synapse_main_v72.sql", 130, None);
}
