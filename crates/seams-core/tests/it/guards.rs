//! What the schema forbids (issue 15): rules and triggers that refuse writes are read, the
//! stage-2 grants leave those writes out (the owner's too) and say which rule forbids them, and
//! stage 4 announces only the changes that can happen. The bank fixture's ledger
//! (`tests/fixtures/bank/`, written for Seams in the shape of Bank of Anthos) is append-only.

use seams_core::model::{Privilege, WriteGuard};
use seams_core::pipeline::Analysis;

const BANK_SCHEMA: &str = include_str!("../fixtures/bank/schema.sql");
const BANK_SERVICES: &str = include_str!("../fixtures/bank/services.yaml");

fn analyze(schema: &str, services: &str) -> Analysis {
    crate::run::analyze(schema, services, "")
}

/// The names of the topics of stage 4.
fn topics(analysis: &Analysis) -> Vec<&str> {
    analysis.stages[4]
        .stage
        .architecture
        .topics
        .iter()
        .map(|t| t.name.as_str())
        .collect()
}

#[test]
fn the_bank_ledger_rules_are_read_not_skipped() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let arch = &analysis.architecture;
    let ledger = arch.table("table:ledger-db.public.transactions").unwrap();
    let forbids: Vec<(Privilege, WriteGuard, &str, u32)> = ledger
        .forbids
        .iter()
        .map(|f| (f.privilege, f.guard, f.by.as_str(), f.span.line))
        .collect();
    assert_eq!(
        forbids,
        [
            (Privilege::Update, WriteGuard::Rule, "no_update", 40),
            (Privilege::Delete, WriteGuard::Rule, "no_delete", 41),
        ]
    );
    // Three tables and two rules read; the three indexes skipped.
    let stats = &arch.schema_stats;
    assert_eq!((stats.parsed, stats.skipped, stats.failed), (5, 3, 0));
}

#[test]
fn the_ledger_owner_is_granted_no_update_or_delete() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let ledger = &analysis.stages[2]
        .stage
        .artifacts
        .iter()
        .find(|a| a.file_name == "grants.ledger-db.postgres.sql")
        .unwrap()
        .content;
    assert!(
        ledger.contains("GRANT SELECT, INSERT ON \"public\".\"transactions\" TO \"ledgerwriter\";"),
        "{ledger}"
    );
    assert!(
        ledger.contains("-- No UPDATE is granted, not even to the owner: rule no_update (schema:40) makes every UPDATE do nothing."),
        "{ledger}"
    );
    assert!(ledger.contains("rule no_delete (schema:41)"), "{ledger}");
    assert!(!ledger.contains("UPDATE, DELETE"), "{ledger}");
    // The accounts database's owners keep every write.
    let accounts = &analysis.stages[2]
        .stage
        .artifacts
        .iter()
        .find(|a| a.file_name == "grants.accounts-db.postgres.sql")
        .unwrap()
        .content;
    assert!(
        accounts.contains(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \"public\".\"users\" TO \"userservice\";"
        ),
        "{accounts}"
    );
    let narrative = analysis.stages[2].stage.narrative.join("\n");
    assert!(
        narrative.contains("ledgerwriter gets no UPDATE or DELETE on transactions: rule no_update and rule no_delete forbid them"),
        "{narrative}"
    );
}

#[test]
fn the_append_only_ledger_emits_created_only() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    assert_eq!(
        topics(&analysis),
        [
            "transaction.created",
            "user.created",
            "user.deleted",
            "user.updated"
        ]
    );
    let asyncapi = &analysis.stages[4]
        .stage
        .artifacts
        .iter()
        .find(|a| a.key == "asyncapi")
        .unwrap()
        .content;
    assert!(!asyncapi.contains("transaction.updated") && !asyncapi.contains("transaction.deleted"));
}

/// A writer whose every query is an INSERT announces `created` only; one UPDATE among them
/// brings the other changes back.
#[test]
fn queries_that_only_insert_emit_created_only() {
    let schema = "CREATE TABLE audit (id int PRIMARY KEY, what text);\n";
    let services = |second: &str| {
        format!(
            "version: 1\nservices:\n  auditor:\n    queries:\n      - INSERT INTO audit (id, what) VALUES ($1, $2)\n      - {second}\n  reporter:\n    reads: [audit]\n"
        )
    };
    let analysis = analyze(schema, &services("INSERT INTO audit SELECT 1, 'x'"));
    let auditor = analysis.architecture.service("service:auditor").unwrap();
    assert!(auditor.writes.iter().all(|w| w.insert_only), "{auditor:?}");
    assert_eq!(topics(&analysis), ["audit.created"]);
    let analysis = analyze(
        schema,
        &services("UPDATE audit SET what = $2 WHERE id = $1"),
    );
    assert_eq!(
        topics(&analysis),
        ["audit.created", "audit.deleted", "audit.updated"]
    );
}
