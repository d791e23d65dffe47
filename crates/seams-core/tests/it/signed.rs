//! Issue 15's "done when", on the bank fixture (`tests/fixtures/bank/`, written for Seams in the
//! shape of Bank of Anthos) with three JPA copies of the ledger's entity and the users table's
//! secrets, and on the seed: an evolution an engineer would sign.

use seams_core::examples;
use seams_core::pipeline::Analysis;

const BANK_SCHEMA: &str = include_str!("../fixtures/bank/schema.sql");
const BANK_SERVICES: &str = include_str!("../fixtures/bank/services.yaml");

/// One JPA copy of the ledger's entity, as each Java service keeps it.
fn entity(service: &str) -> String {
    format!(
        "// src/ledger/{service}/src/main/java/bank/{service}/Transaction.java service: {service}\n\
         package bank.{service};\n\n\
         import javax.persistence.*;\n\n\
         @Entity\n@Table(name = \"transactions\")\npublic class Transaction {{\n\
         \x20   @Id\n    @Column(name = \"transaction_id\")\n    private long transactionId;\n\
         \x20   @Column(name = \"from_account\")\n    private String fromAccount;\n\
         \x20   @Column(name = \"to_account\")\n    private String toAccount;\n\
         \x20   @Column(name = \"amount_cents\")\n    private int amountCents;\n}}\n"
    )
}

fn bank() -> Analysis {
    let models: String = ["balancereader", "ledgerwriter", "transactionhistory"]
        .iter()
        .map(|s| entity(s))
        .collect();
    crate::run::analyze(BANK_SCHEMA, BANK_SERVICES, &models)
}

/// Every artifact of every stage, as (stage, key, text).
fn artifacts(analysis: &Analysis) -> Vec<(usize, &'static str, &str)> {
    analysis
        .stages
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.stage
                .artifacts
                .iter()
                .map(move |a| (i, a.key, a.content.as_str()))
        })
        .collect()
}

#[test]
fn stage_one_writes_the_library_in_the_services_language() {
    let bank = bank();
    let libraries = &bank.stages[1].stage.architecture.libraries;
    let languages: Vec<(&str, &str)> = libraries
        .iter()
        .map(|l| (l.name.as_str(), l.language.as_str()))
        .collect();
    assert_eq!(languages, [("shared-models", "java")]);
    assert_eq!(
        libraries[0].services,
        [
            "service:balancereader",
            "service:ledgerwriter",
            "service:transactionhistory"
        ]
    );
    let seed = crate::run::analyze(
        examples::SEED.schema,
        examples::SEED.services,
        examples::SEED.models,
    );
    let languages: Vec<&str> = seed.stages[1]
        .stage
        .architecture
        .libraries
        .iter()
        .map(|l| l.language.as_str())
        .collect();
    assert_eq!(languages, ["python"]);
}

#[test]
fn no_api_schema_payload_or_read_model_holds_a_secret() {
    for (stage, key, text) in artifacts(&bank()) {
        if matches!(key, "openapi" | "asyncapi" | "read-models") {
            let lower = text.to_lowercase();
            for secret in ["password", "passhash", "ssn"] {
                assert!(!lower.contains(secret), "stage {stage} {key}: {secret}");
            }
        }
    }
}

#[test]
fn reads_become_the_resources_their_queries_ask_for() {
    let bank = bank();
    let calls = |name: &str| -> Vec<String> {
        bank.stages[3]
            .stage
            .architecture
            .services
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.calls.iter().filter_map(|c| c.endpoint.clone()).collect())
            .unwrap_or_default()
    };
    assert!(
        calls("balancereader").contains(&"GET /accounts/{account}/balance".to_string()),
        "{:?}",
        calls("balancereader")
    );
    let history = calls("transactionhistory");
    assert!(
        history.contains(&"GET /accounts/{account}/transactions".to_string()),
        "{history:?}"
    );
    let openapi = artifacts(&bank)
        .into_iter()
        .find(|(stage, key, _)| *stage == 3 && *key == "openapi")
        .map(|(_, _, text)| text.to_string())
        .unwrap();
    // The list is paginated: a cursor and a limit in, the items and the next cursor out.
    let list = openapi
        .split("\"/accounts/{account}/transactions\"")
        .nth(1)
        .unwrap();
    for word in ["\"limit\"", "\"cursor\"", "\"items\"", "\"next\""] {
        assert!(list.contains(word), "{word}");
    }
}

#[test]
fn grants_come_per_database_and_follow_the_schema() {
    let bank = bank();
    let grants: Vec<&str> = artifacts(&bank)
        .into_iter()
        .filter(|(stage, key, _)| *stage == 2 && *key == "grants")
        .map(|(_, _, text)| text)
        .collect();
    assert_eq!(grants.len(), 2, "one script per database");
    let ledger = grants.iter().find(|g| g.contains("for ledger-db")).unwrap();
    assert!(
        ledger.contains("GRANT SELECT, INSERT ON \"public\".\"transactions\" TO \"ledgerwriter\";")
    );
    assert!(!ledger.contains("UPDATE, DELETE ON \"public\".\"transactions\""));
    for g in &grants {
        assert!(!g.contains("\"frontend\"") && !g.contains("\"loadgenerator\""));
    }
}

#[test]
fn the_append_only_ledger_announces_created_only() {
    let bank = bank();
    let topics: Vec<&str> = bank.stages[4]
        .stage
        .architecture
        .topics
        .iter()
        .map(|t| t.name.as_str())
        .filter(|n| n.starts_with("transaction."))
        .collect();
    assert_eq!(topics, ["transaction.created"]);
}
