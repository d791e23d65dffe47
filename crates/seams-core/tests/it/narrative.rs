//! An honest narrative (issue 15, point 6): stage 4 says "shared" only of databases that were,
//! keeps a database only one service used, and lists no "(empty)" databases. Written for Seams.

use seams_core::pipeline::Analysis;

const SCHEMA: &str = "\
-- database: orders-db
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total_cents INT NOT NULL);
-- database: people-db
CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT NOT NULL);
";

const SERVICES: &str = "\
version: 1
databases:
  orders-db: {kind: postgres, host: orders-db}
  people-db: {kind: postgres, host: people-db}
services:
  orders:
    database: orders-db
    owns: [orders]
    reads: [orders]
    writes: [orders]
  customers:
    database: people-db
    owns: [customers]
    writes: [customers]
  mailer:
    database: people-db
    reads: [customers]
  audit:
    database: people-db
";

fn analyze() -> Analysis {
    crate::run::analyze(SCHEMA, SERVICES, "")
}

#[test]
fn stage_four_says_shared_only_of_what_was_shared() {
    let analysis = analyze();
    let events = &analysis.stages[4].stage;
    let text = events.narrative.join("\n");
    assert!(!text.contains("(empty)"), "{text}");
    assert!(
        text.contains("The shared database people-db disappears."),
        "{text}"
    );
    assert!(!text.contains("orders-db disappears"), "{text}");
    assert!(
        text.contains(
            "One service keeps the database only it used: orders in orders-db (public.orders)."
        ),
        "{text}"
    );
    let arch = &events.architecture;
    let orders_db = arch.databases.iter().find(|d| d.name == "orders-db");
    // Kept as it was: same id, name and host, now holding only what orders owns.
    assert_eq!(orders_db.and_then(|d| d.host.as_deref()), Some("orders-db"));
    // audit touched no table: it gets no database of its own, and keeps no link to a gone one.
    let audit = arch.services.iter().find(|s| s.name == "audit").unwrap();
    assert!(audit.databases.is_empty(), "{:?}", audit.databases);
    for s in &arch.services {
        for d in &s.databases {
            assert!(
                arch.databases.iter().any(|db| &db.id == d),
                "{} -> {d}",
                s.name
            );
        }
    }
}
