//! `part_of:` (issue 15, point 7): deployables that form one service (an API and its background
//! worker) are one owner. Written for Seams in the shape of a job queue: `billing-api` serves
//! invoices, `billing-worker` sends them and marks them paid, `reports` reads them.

use seams_core::findings::Rule;
use seams_core::pipeline::Analysis;

const SCHEMA: &str = "\
CREATE TABLE invoices (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, total_cents INT NOT NULL, paid BOOLEAN NOT NULL);
CREATE TABLE jobs (id BIGINT PRIMARY KEY, invoice_id BIGINT NOT NULL REFERENCES invoices (id), state TEXT NOT NULL);
";

/// The services file, with `part_of` on the worker or without it.
fn services(part_of: bool) -> String {
    format!(
        "\
version: 1
databases:
  billing: {{kind: postgres}}
services:
  billing-api:
    database: billing
    reads: [invoices, jobs]
    writes: [invoices, jobs]
  billing-worker:
    {}database: billing
    reads: [jobs, invoices]
    writes: [jobs, invoices]
  reports:
    database: billing
    reads: [invoices]
",
        if part_of {
            "part_of: billing-api\n    "
        } else {
            ""
        }
    )
}

fn analyze(services: &str) -> Analysis {
    crate::run::analyze(SCHEMA, services, "")
}

/// The rules of the stage-0 findings that name `service`.
fn rules_naming(analysis: &Analysis, service: &str) -> Vec<Rule> {
    let id = format!("service:{service}");
    analysis.stages[0]
        .findings
        .iter()
        .filter(|f| f.elements.contains(&id))
        .map(|f| f.rule)
        .collect()
}

#[test]
fn an_api_and_its_worker_are_one_owner() {
    let apart = analyze(&services(false));
    let worker = rules_naming(&apart, "billing-worker");
    assert!(worker.contains(&Rule::SharedWrite), "{worker:?}");
    assert!(worker.contains(&Rule::AmbiguousOwner) || worker.contains(&Rule::ForeignRead));

    let together = analyze(&services(true));
    assert!(
        together.architecture.diagnostics.is_empty(),
        "{:?}",
        together.architecture.diagnostics
    );
    let worker = rules_naming(&together, "billing-worker");
    assert!(
        !worker.contains(&Rule::SharedWrite) && !worker.contains(&Rule::ForeignRead),
        "{worker:?}"
    );
    // The API owns both tables; the worker writes them without crossing an owner boundary.
    let owners = &together.stages[0].owners;
    assert_eq!(
        owners.get("table:public.invoices").map(String::as_str),
        Some("service:billing-api")
    );
    assert_eq!(
        owners.get("table:public.jobs").map(String::as_str),
        Some("service:billing-api")
    );
    // Reports still reads another owner's table, and shares the database with the group.
    let reports = rules_naming(&together, "reports");
    assert!(reports.contains(&Rule::ForeignRead) && reports.contains(&Rule::SharedDatabase));
    assert!(together.stages[0].score.overall > apart.stages[0].score.overall);
}

#[test]
fn the_worker_shares_its_head_database_at_stage_four() {
    let together = analyze(&services(true));
    let events = &together.stages[4].stage;
    let arch = &events.architecture;
    let home = |name: &str| {
        arch.services
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.databases.clone())
            .unwrap_or_default()
    };
    assert_eq!(home("billing-worker"), home("billing-api"));
    assert_eq!(home("billing-api"), ["db:billing-api"]);
    assert_eq!(home("reports"), ["db:reports"]);
    // No call from the worker to its own API at stage 3: its access was never foreign.
    let api = &together.stages[3].stage.architecture;
    let worker = api
        .services
        .iter()
        .find(|s| s.name == "billing-worker")
        .unwrap();
    assert!(worker.calls.is_empty(), "{:?}", worker.calls);
    assert!(
        events
            .narrative
            .iter()
            .any(|l| l == "billing-worker is part of billing-api and shares its database."),
        "{:#?}",
        events.narrative
    );
}

#[test]
fn part_of_that_names_no_head_is_reported_where_it_is_written() {
    let cases = [
        (
            "part_of: billing-apii",
            "unknown service `billing-apii` (did you mean `billing-api`?)",
        ),
        (
            "part_of: billing-worker",
            "`billing-worker` cannot be part of itself",
        ),
    ];
    for (line, message) in cases {
        let text = services(false).replacen(
            "  billing-worker:\n",
            &format!("  billing-worker:\n    {line}\n"),
            1,
        );
        let analysis = analyze(&text);
        let found: Vec<String> = analysis
            .architecture
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.span.line, d.span.column, d.message))
            .collect();
        assert!(
            found
                .iter()
                .any(|d| d.starts_with("10:14 ") && d.contains(message)),
            "{line}: {found:?}"
        );
    }
    // A loop has no head: both are reported, and neither is part of the other.
    let text = services(true).replacen(
        "  billing-api:\n",
        "  billing-api:\n    part_of: billing-worker\n",
        1,
    );
    let analysis = analyze(&text);
    let loops = analysis
        .architecture
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("runs in a loop"))
        .count();
    assert_eq!(loops, 2);
    assert!(analysis
        .architecture
        .services
        .iter()
        .all(|s| s.part_of.is_none()));
}

#[test]
fn a_chain_of_part_of_ends_at_its_head() {
    let text = services(true).replacen(
        "  reports:\n",
        "  reports:\n    part_of: billing-worker\n",
        1,
    );
    let analysis = analyze(&text);
    let reports = analysis
        .architecture
        .services
        .iter()
        .find(|s| s.name == "reports")
        .and_then(|s| s.part_of.as_ref())
        .map(|p| p.service.as_str());
    assert_eq!(reports, Some("service:billing-api"));
    assert!(!rules_naming(&analysis, "reports").contains(&Rule::SharedDatabase));
}
