//! Stage 3's endpoints come from the access they replace (issue 15): declared queries make a
//! balance resource and paginated lists on the bank (`tests/fixtures/bank/`, written for
//! Seams), reads without a query keep the by-key endpoint, and no emitted OpenAPI document holds
//! two paths OpenAPI 3.1 forbids together.

use seams_core::evolution::openapi::colliding_paths;
use seams_core::pipeline::Analysis;

const BANK_SCHEMA: &str = include_str!("../fixtures/bank/schema.sql");
const BANK_SERVICES: &str = include_str!("../fixtures/bank/services.yaml");

fn analyze(schema: &str, services: &str) -> Analysis {
    analyze_with_models(schema, services, "")
}

fn analyze_with_models(schema: &str, services: &str, models: &str) -> Analysis {
    crate::run::analyze(schema, services, models)
}

/// The OpenAPI documents of every stage of an analysis, parsed.
fn openapi_documents(analysis: &Analysis) -> Vec<serde_json::Value> {
    analysis
        .stages
        .iter()
        .flat_map(|view| &view.stage.artifacts)
        .filter(|a| a.key == "openapi")
        .map(|a| serde_json::from_str(&a.content).unwrap())
        .collect()
}

/// Every `METHOD path` of a document, sorted.
fn operations(document: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    out
}

/// Fails naming the colliding paths of any OpenAPI document of `analysis`.
fn assert_no_colliding_paths(what: &str, analysis: &Analysis) -> usize {
    let documents = openapi_documents(analysis);
    for document in &documents {
        let paths: Vec<&str> = document["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let collisions = colliding_paths(paths.iter().copied());
        assert!(collisions.is_empty(), "{what}: {collisions:?}");
    }
    documents.len()
}

fn stage_narrative(analysis: &Analysis, stage: usize) -> String {
    analysis.stages[stage].stage.narrative.join("\n")
}

#[test]
fn the_bank_reads_a_balance_and_pages_of_transactions() {
    let analysis = analyze(BANK_SCHEMA, BANK_SERVICES);
    let story = stage_narrative(&analysis, 3);
    for line in [
        "balancereader stops reading transactions directly: it calls GET /accounts/{account}/balance on ledgerwriter in place of its query on line 42 of the services file (SUM(amount_cents) by to_account, to_routing, from_account and from_routing).",
        "balancereader stops reading transactions directly: it calls GET /transactions on ledgerwriter in place of its query on line 47 of the services file (from a cursor on transaction_id, ordered by transaction_id).",
        "transactionhistory stops reading transactions directly: it calls GET /accounts/{account}/transactions on ledgerwriter in place of its query on line 53 of the services file (by from_account, from_routing, to_account and to_routing, ordered by booked_at descending).",
        "transactionhistory stops reading transactions directly: it calls GET /transactions on ledgerwriter in place of its query on line 56 of the services file (from a cursor on transaction_id, ordered by transaction_id).",
    ] {
        assert!(story.contains(line), "missing {line:?} in:\n{story}");
    }
    // contacts declares no query: its read of users stays a read by key, and says so.
    assert!(
        story.contains("it calls GET /users/{account_id} on userservice (no query of contacts says how it reads users, so the access is not known and the read by key is kept)"),
        "{story}"
    );
    let documents = openapi_documents(&analysis);
    let document = &documents[0];
    let ops = operations(document);
    for op in [
        "GET /accounts/{account}/balance",
        "GET /accounts/{account}/transactions",
        "GET /transactions",
    ] {
        assert!(ops.contains(&op.to_string()), "{op} not in {ops:?}");
    }
    let balance = &document["paths"]["/accounts/{account}/balance"]["get"];
    let params: Vec<(&str, &str)> = balance["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["in"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(params, [("path", "account"), ("query", "routing")]);
    let value = &balance["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(value["properties"]["balance"]["type"], "integer");
    let page = &document["paths"]["/accounts/{account}/transactions"]["get"];
    let params: Vec<&str> = page["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(params, ["account", "routing", "limit", "cursor"]);
    let schema = &page["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["required"], serde_json::json!(["items", "next"]));
    assert_eq!(
        schema["properties"]["items"]["items"]["$ref"],
        "#/components/schemas/Transaction"
    );
    // Stage 4 replaces the derived read calls with events, as it does by-key reads.
    let calls: Vec<String> = analysis.stages[4]
        .stage
        .architecture
        .services
        .iter()
        .flat_map(|s| s.calls.iter().filter_map(|c| c.endpoint.clone()))
        .collect();
    assert!(
        !calls.iter().any(|c| c.starts_with("GET /accounts/")),
        "{calls:?}"
    );
}

/// The bank as first written, without queries: the frontend calls transactionhistory's
/// `GET /transactions/{account}` while ledgerwriter serves `GET /transactions/{transaction_id}`
/// to the readers, the pair OpenAPI forbids in one document. The document keeps one of them in
/// place and moves the other under its service.
#[test]
fn paths_of_two_services_that_would_collide_are_kept_apart() {
    let services = BANK_SERVICES
        .split("\n  balancereader:\n")
        .next()
        .unwrap()
        .to_string()
        + "\n  balancereader:\n    database: ledger-db\n    reads: [transactions]\n  transactionhistory:\n    database: ledger-db\n    reads: [transactions]\n";
    let analysis = analyze(BANK_SCHEMA, &services);
    assert_eq!(
        assert_no_colliding_paths("bank without queries", &analysis),
        1
    );
    let ops = operations(&openapi_documents(&analysis)[0]);
    assert!(
        ops.contains(&"GET /transactions/{transaction_id}".to_string()),
        "{ops:?}"
    );
    assert!(
        ops.contains(&"GET /transactionhistory/transactions/{account}".to_string()),
        "{ops:?}"
    );
    // Within one service, two spellings of one route are one path.
    let same_route = "version: 1\nservices:\n  a:\n    writes: [users]\n  b:\n    reads: [users]\n    calls:\n      a: GET /users/{id}\n";
    let analysis = analyze("CREATE TABLE users (user_id int PRIMARY KEY);", same_route);
    let ops = operations(&openapi_documents(&analysis)[0]);
    assert_eq!(ops, ["GET /users", "GET /users/{id}"]);
}

/// OpenAPI 3.1's rule on every document Seams emits: every gallery example and the bank.
#[test]
fn no_emitted_document_holds_colliding_paths() {
    let mut documents = 0;
    for example in seams_core::examples::ALL {
        let analysis = analyze_with_models(example.schema, example.services, example.models);
        documents += assert_no_colliding_paths(example.key, &analysis);
    }
    documents += assert_no_colliding_paths("bank", &analyze(BANK_SCHEMA, BANK_SERVICES));
    assert!(documents >= 5, "{documents} documents");
}
