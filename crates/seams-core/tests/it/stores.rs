//! Several databases and stores of other kinds (issue 12): a bank in the shape of Bank of
//! Anthos (two PostgreSQL instances, seven services; `tests/fixtures/bank/`, written for Seams),
//! schema sections, database-qualified ids, stores declared in the services file.

use seams_core::findings::Rule;
use seams_core::model::{Architecture, RelationKind, StoreKind};
use seams_core::pipeline::{self, Analysis};
use seams_core::Inputs;

const BANK_SCHEMA: &str = include_str!("../fixtures/bank/schema.sql");
const BANK_SERVICES: &str = include_str!("../fixtures/bank/services.yaml");

fn analyze(schema: &str, services: &str) -> Analysis {
    crate::run::analyze(schema, services, "")
}

fn analyze_postgres(schema: &str, services: &str) -> Analysis {
    pipeline::analyze(Inputs {
        schema,
        services,
        models: "",
        dialect: Some(seams_core::Dialect::Postgres),
        sources: None,
    })
}

/// The name of the database holding the table or view named `name`.
fn home_of(arch: &Architecture, name: &str) -> Vec<String> {
    arch.tables
        .iter()
        .filter(|t| t.name == name)
        .map(|t| {
            arch.database_of(&t.id)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn bank_tables_live_in_their_own_instances() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let arch = &analysis.architecture;
    assert_eq!(home_of(arch, "users"), ["accounts-db"]);
    assert_eq!(home_of(arch, "contacts"), ["accounts-db"]);
    assert_eq!(home_of(arch, "transactions"), ["ledger-db"]);
    let ids: Vec<&str> = arch.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "table:accounts-db.public.contacts",
            "table:accounts-db.public.users",
            "table:ledger-db.public.transactions",
        ]
    );
    // The foreign key stays inside accounts-db.
    let contacts = arch.table(ids[0]).unwrap();
    assert_eq!(contacts.foreign_keys[0].references, ids[1]);
    let kinds: Vec<Option<StoreKind>> = arch.databases.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [Some(StoreKind::Postgres), Some(StoreKind::Postgres)]
    );
    let no_errors: Vec<String> = arch
        .diagnostics
        .iter()
        .filter(|d| d.severity != seams_core::diagnostic::Severity::Info)
        .map(|d| d.to_string())
        .collect();
    assert!(no_errors.is_empty(), "{no_errors:?}");
}

#[test]
fn bank_frontend_and_load_generator_share_no_database() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let arch = &analysis.architecture;
    let frontend = arch.service("service:frontend").unwrap();
    assert!(frontend.databases.is_empty(), "{:?}", frontend.databases);
    let shared: Vec<&str> = analysis.stages[0]
        .findings
        .iter()
        .filter(|f| f.rule == Rule::SharedDatabase)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        shared,
        [
            "contacts and userservice share the database accounts-db (on server accounts-db)",
            "balancereader, ledgerwriter and transactionhistory share the database ledger-db (on server ledger-db)",
        ]
    );
    assert!(!analysis.stages[0].findings.iter().any(|f| f
        .elements
        .iter()
        .any(|e| e == "service:frontend")
        && f.rule == Rule::SharedDatabase));
}

#[test]
fn bank_grants_come_one_script_per_database() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let scripts: Vec<(&str, &str)> = analysis.stages[2]
        .stage
        .artifacts
        .iter()
        .filter(|a| a.key == "grants")
        .map(|a| (a.file_name.as_str(), a.content.as_str()))
        .collect();
    let names: Vec<&str> = scripts.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "grants.accounts-db.postgres.sql",
            "grants.ledger-db.postgres.sql"
        ]
    );
    let (_, accounts) = scripts[0];
    let (_, ledger) = scripts[1];
    assert!(
        accounts.contains("ON \"public\".\"users\"") || accounts.contains("ON public.users"),
        "{accounts}"
    );
    assert!(!accounts.contains("transactions"), "{accounts}");
    assert!(
        !ledger.contains("users") && !ledger.contains("contacts"),
        "{ledger}"
    );
    // Roles only for the services that use the database: none for the frontend.
    assert!(
        accounts.contains("CREATE ROLE userservice;")
            || accounts.contains("CREATE ROLE \"userservice\";"),
        "{accounts}"
    );
    for script in [accounts, ledger] {
        assert!(!script.contains("frontend"), "{script}");
        assert!(!script.contains("loadgenerator"), "{script}");
    }
    assert!(!ledger.contains("ROLE userservice") && !ledger.contains("ROLE \"userservice\""));
}

#[test]
fn same_named_tables_in_two_databases_are_two_tables() {
    let schema = "-- database: orders\nCREATE TABLE outbox (id int PRIMARY KEY);\nCREATE TABLE orders (id int);\n-- database: billing\nCREATE TABLE outbox (id int PRIMARY KEY);\n";
    let services = "version: 1\nservices:\n  ordering:\n    database: orders\n    writes: [outbox, orders]\n  billing:\n    database: billing\n    writes: [outbox]\n";
    let analysis = analyze_postgres(schema, services);
    let arch = &analysis.architecture;
    let outboxes: Vec<&str> = arch
        .tables
        .iter()
        .filter(|t| t.name == "outbox")
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(
        outboxes,
        ["table:billing.public.outbox", "table:orders.public.outbox"]
    );
    // Each service's `outbox` is its own database's: no shared write, no ambiguous owner.
    let rules: Vec<Rule> = analysis.stages[0].findings.iter().map(|f| f.rule).collect();
    assert!(!rules.contains(&Rule::SharedWrite), "{rules:?}");
    assert!(!rules.contains(&Rule::AmbiguousOwner), "{rules:?}");
    assert!(!rules.contains(&Rule::SharedDatabase), "{rules:?}");
}

#[test]
fn use_connect_and_three_part_names_place_tables() {
    let schema = "USE shop;\nCREATE TABLE orders (id int);\n\\connect reports\nCREATE TABLE daily (id int);\nCREATE TABLE shop.public.refunds (id int);\n";
    let arch = analyze_postgres(schema, "").architecture;
    assert_eq!(home_of(&arch, "orders"), ["shop"]);
    assert_eq!(home_of(&arch, "daily"), ["reports"]);
    assert_eq!(home_of(&arch, "refunds"), ["shop"]);
    // A service's names resolve in its own databases first, and `db.schema.table` exactly.
    let schema = "-- database: a\nCREATE TABLE users (id int);\n-- database: b\nCREATE TABLE users (id int);\n";
    let services =
        "version: 1\nservices:\n  x:\n    database: b\n    reads: [users, a.public.users]\n";
    let arch = analyze_postgres(schema, services).architecture;
    let reads: Vec<&str> = arch.services[0]
        .reads
        .iter()
        .map(|a| a.table.as_str())
        .collect();
    assert_eq!(reads, ["table:a.public.users", "table:b.public.users"]);
}

#[test]
fn one_database_keeps_its_ids_and_use_names_it() {
    let arch = analyze("USE shop;\nCREATE TABLE orders (id int);", "").architecture;
    assert_eq!(arch.tables[0].id, "table:orders");
    assert_eq!(arch.databases[0].id, "db:shop");
    let arch = analyze("CREATE TABLE orders (id int);", "").architecture;
    assert_eq!(arch.tables[0].id, "table:orders");
    assert_eq!(arch.databases[0].id, "db:main");
}

#[test]
fn stores_of_other_kinds_hold_collections_and_keys() {
    let schema = "CREATE TABLE orders (id int PRIMARY KEY);";
    let services = "\
version: 1
databases:
  catalog: {kind: mongodb, collections: [products, reviews]}
  cache: {kind: redis, keys: ['cart:*']}
  archive: {kind: postgres}
services:
  shop:
    database: [main, cache, catalog]
    writes: [orders, 'cart:*', products]
  reviews:
    database: [catalog, cache]
    writes: [reviews, 'cart:*']
    reads: [products]
  gateway:
    database: none
    calls: [shop]
";
    let analysis = analyze(schema, services);
    let arch = &analysis.architecture;
    let kinds: Vec<(&str, RelationKind)> = arch
        .tables
        .iter()
        .map(|t| (t.name.as_str(), arch.relation_kind(&t.id)))
        .collect();
    assert_eq!(
        kinds,
        [
            ("cart:*", RelationKind::Keys),
            ("products", RelationKind::Collection),
            ("reviews", RelationKind::Collection),
            ("orders", RelationKind::Table),
        ]
    );
    assert!(arch.databases.iter().all(|d| d.id != "db:none"));
    assert!(arch
        .service("service:gateway")
        .unwrap()
        .databases
        .is_empty());
    // The same rules: a shared write of the key pattern, a foreign read of the collection.
    let messages: Vec<String> = analysis.stages[0]
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.rule.as_str(), f.message))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("shared-write") && m.contains("cart:*")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("foreign-read") && m.contains("products")),
        "{messages:?}"
    );
    // The unused store is noted once, as information.
    let unused: Vec<&str> = arch
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("no service connects"))
        .collect();
    assert_eq!(
        unused,
        ["database `archive` is declared but no service connects to it"]
    );
    // Stage 2: SQL grants for the SQL table only; MongoDB roles in its own form; nothing for Redis.
    let artifacts = &analysis.stages[2].stage.artifacts;
    let grants: Vec<&str> = artifacts
        .iter()
        .filter(|a| a.key == "grants")
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(grants, ["grants.generic.sql", "roles.catalog.js"]);
    let sql = &artifacts
        .iter()
        .find(|a| a.file_name == "grants.generic.sql")
        .unwrap()
        .content;
    assert!(!sql.contains("cart") && !sql.contains("products"), "{sql}");
    assert!(!sql.contains("gateway"), "{sql}");
    let mongo = &artifacts
        .iter()
        .find(|a| a.file_name == "roles.catalog.js")
        .unwrap()
        .content;
    assert!(
        mongo.contains("db.createRole({ role: \"reviews\""),
        "{mongo}"
    );
    assert!(
        mongo.contains("collection: \"products\" }, actions: [\"find\"]"),
        "{mongo}"
    );
    // Stage 4 emits no read model for a collection or key pattern.
    let read_models = analysis.stages[4]
        .stage
        .artifacts
        .iter()
        .find(|a| a.key == "read-models")
        .map(|a| a.content.clone())
        .unwrap_or_default();
    assert!(
        !read_models.contains("products") && !read_models.contains("cart"),
        "{read_models}"
    );
}

/// Every stage keeps each database's tables sorted, which `Architecture::database_of` searches
/// (stage 4 adds read models and moved tables to the services' own databases).
#[test]
fn every_stage_keeps_each_databases_tables_sorted() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    for view in &analysis.stages {
        let arch = &view.stage.architecture;
        for db in &arch.databases {
            assert!(
                db.tables.windows(2).all(|w| w[0] < w[1]),
                "stage {} database {}",
                view.stage.index,
                db.id
            );
        }
        for table in &arch.tables {
            let holders: Vec<&str> = arch
                .databases
                .iter()
                .filter(|d| d.tables.contains(&table.id))
                .map(|d| d.id.as_str())
                .collect();
            assert_eq!(
                arch.database_of(&table.id).map(|d| d.id.as_str()),
                holders.first().copied(),
                "stage {} table {}",
                view.stage.index,
                table.id
            );
        }
    }
}
