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
//!
//! The corpus is read in place from `SEAMS_CORPUS` (see `tests/support/corpus.rs`); without it
//! these tests are skipped, with one line saying so.

use crate::support::{corpus_dir, read};
use seams_core::sql::{parse_schema, ParsedSchema};
use seams_core::Dialect;
use std::path::Path;

fn summary(schema: &ParsedSchema) -> String {
    format!(
        "{} {:?} {}",
        schema.dialect.as_str(),
        schema.stats,
        schema.diagnostics.len()
    )
}

/// Ingests `file` and checks its table count and (when given) its foreign-key count.
fn check(dir: &Path, file: &str, tables: usize, foreign_keys: Option<usize>) {
    let schema = parse_schema(&read(dir, file), None);
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

/// Every dump in the corpus folder, whatever its name, is detected as the dialect its name
/// starts with (`pg_`, `mysql_`, `sqlite_`, `mssql_`), so a dump added later is checked too.
fn every_dump_is_detected_as_its_dialect(dir: &Path) {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    seams_core::order::sort(&mut files);
    assert!(files.len() >= 19, "{files:?}");
    for file in files {
        let prefix = file.split('_').next().unwrap_or("");
        let known = match prefix {
            "pg" => Dialect::Postgres,
            other => Dialect::from_name(other).unwrap_or_else(|| panic!("{file}: no dialect")),
        };
        let schema = parse_schema(&read(dir, &file), None);
        assert_eq!(schema.dialect, known, "{file}: {}", schema.dialect_reason);
    }
}

corpus_tests! {
    fn the_detector_reads_every_dump_in_its_dialect(dir) {
        every_dump_is_detected_as_its_dialect(&dir);
    }
    fn pg_pagila(dir) {
        check(&dir, "pg_pagila_schema.sql", 71, Some(37));
    }

    /// Pagila's `payment` is partitioned: `grep -c "ALTER TABLE ONLY public.payment ATTACH PARTITION"`
    /// on the dump counts 55 lines, and every one must link its partition to `payment`.
    fn pg_pagila_partitions_link_to_payment(dir) {
        let schema = parse_schema(&read(&dir, "pg_pagila_schema.sql"), None);
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
    fn pg_sakila(dir) {
        check(&dir, "pg_sakila_schema.sql", 21, Some(40));
    }
    fn mysql_sakila(dir) {
        check(&dir, "mysql_sakila_schema.sql", 16, Some(22));
    }
    fn sqlite_sakila(dir) {
        check(&dir, "sqlite_sakila_schema.sql", 16, Some(22));
    }
    fn mssql_sakila(dir) {
        check(&dir, "mssql_sakila_schema.sql", 16, Some(22));
    }
    fn pg_chinook(dir) {
        check(&dir, "pg_chinook_with_data.sql", 11, Some(11));
    }
    fn mysql_chinook(dir) {
        check(&dir, "mysql_chinook_with_data.sql", 11, Some(11));
    }
    fn sqlite_chinook(dir) {
        check(&dir, "sqlite_chinook_with_data.sql", 11, Some(11));
    }
    fn mssql_chinook(dir) {
        check(&dir, "mssql_chinook_with_data.sql", 11, Some(11));
    }
    fn pg_northwind(dir) {
        check(&dir, "pg_northwind.sql", 14, Some(13));
    }
    fn pg_gisia(dir) {
        check(&dir, "pg_gisia_structure.sql", 83, None);
    }
    fn pg_lago(dir) {
        check(&dir, "pg_lago_api_structure.sql", 139, None);
    }
    fn pg_openstreetmap(dir) {
        check(&dir, "pg_openstreetmap_structure.sql", 57, None);
    }
    fn pg_ranger(dir) {
        check(&dir, "pg_ranger_core.sql", 85, None);
    }
    fn mysql_ranger(dir) {
        check(&dir, "mysql_ranger_core.sql", 85, None);
    }
    fn mssql_ranger(dir) {
        check(&dir, "mssql_ranger_core.sql", 85, None);
    }
    fn pg_sakila_data_copy(dir) {
        check(&dir, "pg_sakila_data_copy.sql", 0, None);
    }
    fn pg_synapse(dir) {
        check(&dir, "pg_synapse_main_v72.sql", 134, None);
    }
    fn sqlite_synapse(dir) {
        check(&dir, "sqlite_synapse_main_v72.sql", 130, None);
    }
}
