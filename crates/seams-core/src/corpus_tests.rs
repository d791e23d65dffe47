//! The unit-test binary's checks on the real-dump corpus (read in place from `SEAMS_CORPUS`, see
//! `tests/support/corpus.rs`): both token readers against the sqlparser oracle. Without the
//! corpus they are skipped, and the binary says so in one line.

use crate::corpus_support::{corpus_dir, read};
use crate::model::Dialect;

corpus_tests! {
    /// The services file drafted from each dump names every table once and reads back against
    /// the dump with no diagnostic in the Services pane (issue 16: nobody types 139 names).
    fn drafted_services_read_back_against_every_dump(dir) {
        let mut drafted = 0;
        for (name, schema) in crate::sql::corpus_files(&dir) {
            let tables_only = crate::ingest(crate::Inputs {
                schema: &schema,
                services: "",
                models: "",
                dialect: None,
                sources: None,
            });
            let Some(services) = crate::skeleton::services_for(&tables_only) else {
                continue;
            };
            drafted += 1;
            let arch = crate::ingest(crate::Inputs { schema: &schema, services: &services, models: "", dialect: None, sources: None });
            let problems: Vec<String> = arch
                .diagnostics
                .iter()
                .filter(|d| d.span.pane == crate::Pane::Services)
                .map(|d| d.to_string())
                .collect();
            assert_eq!(problems, Vec::<String>::new(), "{name}");
            let listed = services.lines().filter(|l| l.starts_with("      - ")).count();
            assert_eq!(listed, arch.tables.len(), "{name}");
        }
        assert!(drafted >= 15, "only {drafted} dumps drafted");
    }

    /// Every statement of every dump reads as sqlparser reads it, with no diagnostic.
    fn the_token_reader_agrees_with_sqlparser_on_the_corpus(dir) {
        let (compared, report) = crate::sql::compare_with_sqlparser(crate::sql::corpus_files(&dir));
        assert!(compared > 1000, "only {compared} statements compared");
        assert!(
            report.is_empty(),
            "{} differences:\n{}",
            report.len(),
            report.join("\n")
        );
    }

    /// The bodies of the dumps' views read the same tables with the query reader as with
    /// sqlparser, wherever sqlparser reads them (at least 80 %).
    fn corpus_views_read_like_the_oracle(dir) {
        let files = [
            ("pg_pagila_schema.sql", Dialect::Postgres),
            ("pg_sakila_schema.sql", Dialect::Postgres),
            ("pg_gisia_structure.sql", Dialect::Postgres),
            ("pg_lago_api_structure.sql", Dialect::Postgres),
            ("pg_ranger_core.sql", Dialect::Postgres),
            ("mysql_sakila_schema.sql", Dialect::MySql),
            ("mysql_ranger_core.sql", Dialect::MySql),
            ("sqlite_sakila_schema.sql", Dialect::Sqlite),
            ("mssql_sakila_schema.sql", Dialect::MsSql),
        ];
        let (mut bodies, mut compared) = (0, 0);
        for (file, dialect) in files {
            for body in crate::services::view_bodies(&read(&dir, file), dialect) {
                bodies += 1;
                if crate::services::assert_agrees_with_oracle(&body, dialect) {
                    compared += 1;
                }
            }
        }
        eprintln!("corpus views: {compared} of {bodies} compared with the oracle");
        assert!(bodies > 50, "only {bodies} view bodies found");
        assert!(compared * 10 >= bodies * 8, "{compared} of {bodies}");
    }
}
