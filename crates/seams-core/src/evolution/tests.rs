//! Tests of the whole evolution: the seed example's story, the edge cases the narrative must
//! explain, artifacts that parse back (SQL with sqlparser, OpenAPI and AsyncAPI shapes), and
//! properties over generated architectures.

use super::test_builder::{seed, ArchBuilder};
use super::*;
use crate::model::Dialect;
use crate::order;
use crate::order::Collect;
use crate::ownership;
use proptest::prelude::*;
use serde_json::Value;
use sqlparser::ast::{GrantObjects, Statement};
use sqlparser::dialect::{
    Dialect as SqlDialect, GenericDialect, MsSqlDialect, MySqlDialect, PostgreSqlDialect,
    SQLiteDialect,
};
use sqlparser::parser::Parser;

#[test]
fn evolution_work_grows_linearly_with_services() {
    crate::work::assert_linear(400, crate::work::system_architecture, evolve);
}

fn stage<'a>(stages: &'a [Stage], key: &str) -> &'a Stage {
    stages.iter().find(|s| s.key == key).unwrap()
}

fn artifact<'a>(stage: &'a Stage, key: &str) -> &'a Artifact {
    stage
        .artifacts
        .iter()
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("stage {} has no {key} artifact", stage.key))
}

fn text(stage: &Stage) -> String {
    stage.narrative.join("\n")
}

fn sql_dialect(d: Dialect) -> Box<dyn SqlDialect> {
    match d {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::MySql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
        Dialect::MsSql => Box::new(MsSqlDialect {}),
        Dialect::Generic => Box::new(GenericDialect {}),
    }
}

/// Parses `script` in `dialect` and returns its statements; fails the test when it does not parse.
fn parse(dialect: Dialect, script: &str) -> Vec<Statement> {
    Parser::parse_sql(sql_dialect(dialect).as_ref(), script)
        .unwrap_or_else(|e| panic!("{dialect:?} script does not parse: {e}\n{script}"))
}

/// Checks the OpenAPI 3.1 shape: version, info, and paths whose operations have responses.
fn check_openapi(json: &str) -> Value {
    let doc: Value = serde_json::from_str(json).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths {
        assert!(path.starts_with('/'), "{path}");
        let ops = item.as_object().unwrap();
        assert!(!ops.is_empty());
        for (method, op) in ops {
            assert!(["get", "put", "post", "delete", "patch"].contains(&method.as_str()));
            assert!(!op["responses"].as_object().unwrap().is_empty());
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .map(|ps| ps.iter().map(|p| p["name"].as_str().unwrap()).collect())
                .unwrap_or_default();
            for param in path
                .split('{')
                .skip(1)
                .map(|r| r.split('}').next().unwrap())
            {
                assert!(declared.contains(&param), "{path} lacks parameter {param}");
            }
        }
    }
    for reference in refs(&doc) {
        let pointer = reference.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "dangling $ref {reference}");
    }
    doc
}

/// Checks the AsyncAPI 3.0 shape: version, info, channels, operations with send/receive.
fn check_asyncapi(json: &str) -> Value {
    let doc: Value = serde_json::from_str(json).unwrap();
    assert_eq!(doc["asyncapi"], "3.0.0");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    assert!(!doc["channels"].as_object().unwrap().is_empty());
    for op in doc["operations"].as_object().unwrap().values() {
        assert!(["send", "receive"].contains(&op["action"].as_str().unwrap()));
        assert!(op["channel"]["$ref"].is_string());
    }
    for reference in refs(&doc) {
        let pointer = reference.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "dangling $ref {reference}");
    }
    doc
}

fn refs(value: &Value) -> Vec<String> {
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| match (k.as_str(), v) {
                ("$ref", Value::String(s)) => vec![s.clone()],
                _ => refs(v),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(refs).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn seed_stage_one_builds_the_shared_model_library() {
    let stages = evolve(&seed());
    assert_eq!(
        stages.iter().map(|s| s.key).collect::<Vec<_>>(),
        STAGE_KEYS.to_vec()
    );
    let one = stage(&stages, "shared-models");
    let models = artifact(one, "models");
    assert!(models.content.contains("shared_models/db.py"));
    assert!(models.content.contains("shared_models/models/user.py"));
    assert!(models
        .content
        .contains("from shared_models.models.user import User"));
    assert!(models.content.contains("__tablename__ = 'users'"));
    let paths: Vec<&str> = one
        .architecture
        .models
        .iter()
        .map(|m| m.model.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "shared_models/models/user.py",
            "shared_models/models/user.py"
        ]
    );
    assert!(one.changes.iter().any(|c| c.element == "table:public.users"
        && c.kind == ChangeKind::Changed
        && c.reason.contains("shared_models/models/user.py")));
}

#[test]
fn seed_stage_two_gives_users_and_messages_to_app_b() {
    let stages = evolve(&seed());
    let two = stage(&stages, "ownership");
    let table = &artifact(two, "ownership").content;
    assert!(
        table.contains("| users | app-b | app-a (read-only) |"),
        "{table}"
    );
    assert!(
        table.contains("| messages | app-b | app-b only |"),
        "{table}"
    );
    let owners: Vec<(&str, &str)> = two
        .architecture
        .ownership
        .iter()
        .map(|(t, o)| (t.as_str(), o.service.as_str()))
        .collect();
    assert_eq!(
        owners,
        [
            ("table:public.messages", "service:app-b"),
            ("table:public.users", "service:app-b")
        ]
    );
    let grants = &artifact(two, "grants").content;
    assert!(grants.contains("GRANT SELECT ON \"public\".\"users\" TO \"app-a\";"));
    assert!(grants
        .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON \"public\".\"users\" TO \"app-b\";"));
    parse(Dialect::Postgres, grants);
}

#[test]
fn seed_stage_three_calls_app_b_api() {
    let stages = evolve(&seed());
    let three = stage(&stages, "api-boundaries");
    let app_a = three.architecture.service("service:app-a").unwrap();
    assert!(app_a.reads.is_empty());
    assert!(app_a
        .calls
        .iter()
        .any(|c| c.service == "service:app-b"
            && c.endpoint.as_deref() == Some("GET /users/{user_id}")));
    let api = three
        .architecture
        .apis
        .iter()
        .find(|a| a.id == "api:app-b")
        .unwrap();
    assert_eq!(api.endpoints, ["GET /users", "GET /users/{user_id}"]);
    assert!(text(three)
        .contains("app-a stops reading users directly: it calls GET /users/{user_id} on app-b (no query of app-a says how it reads users, so the access is not known and the read by key is kept)."));
    let doc = check_openapi(&artifact(three, "openapi").content);
    assert!(doc["paths"]["/users/{user_id}"]["get"].is_object());
    assert_eq!(
        doc["components"]["schemas"]["User"]["properties"]["id"]["type"],
        "integer"
    );
    // messages → users stays: both are app-b's.
    assert_eq!(three.architecture.foreign_key_count(), 1);
    assert!(
        three
            .changes
            .iter()
            .any(|c| c.element == "service:app-a->table:public.users"
                && c.kind == ChangeKind::Removed)
    );
    assert!(three
        .changes
        .iter()
        .any(|c| c.element == "service:app-a->api:app-b" && c.kind == ChangeKind::Added));
}

#[test]
fn seed_stage_four_publishes_user_events_and_splits_the_database() {
    let stages = evolve(&seed());
    let four = stage(&stages, "events");
    let arch = &four.architecture;
    let app_b = arch.service("service:app-b").unwrap();
    assert!(app_b
        .publishes
        .iter()
        .any(|t| t.topic == "topic:user.created"));
    let app_a = arch.service("service:app-a").unwrap();
    assert!(app_a
        .subscribes
        .iter()
        .any(|t| t.topic == "topic:user.created"));
    assert!(app_a.calls.is_empty());
    assert!(app_a.reads_table("table:app-a.users_read"));
    let read_model = arch.table("table:app-a.users_read").unwrap();
    assert_eq!(read_model.columns.len(), 3);
    let dbs: Vec<(&str, Vec<&str>)> = arch
        .databases
        .iter()
        .map(|d| (d.id.as_str(), d.tables.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        dbs,
        [
            ("db:app-a", vec!["table:app-a.users_read"]),
            (
                "db:app-b",
                vec!["table:public.messages", "table:public.users"]
            )
        ]
    );
    assert!(text(four).contains("app-b publishes user.created"));
    assert!(text(four).contains("The shared database main disappears."));
    let doc = check_asyncapi(&artifact(four, "asyncapi").content);
    assert_eq!(doc["channels"]["user.created"]["address"], "user.created");
    parse(Dialect::Postgres, &artifact(four, "read-models").content);
    // The queue app-b consumes is kept.
    assert!(arch.topics.iter().any(|t| t.id == "topic:sqs:user-updates"));
}

#[test]
fn evolve_is_deterministic_and_serialises() {
    let a = evolve(&seed());
    let b = evolve(&seed());
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, serde_json::to_string(&b).unwrap());
}

#[test]
fn several_writers_tie_is_explained() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer")], 1)
        .table("invoices", &[("id", "integer")], 1)
        .service("billing", "", &[], &["orders", "invoices"])
        .service("shop", "", &[], &["orders"])
        .build();
    let stages = evolve(&arch);
    let two = stage(&stages, "ownership");
    assert!(text(two).contains(
        "orders had writers billing and shop; billing becomes owner because it writes the most tables (2, against shop 1)."
    ), "{}", text(two));
    assert!(text(two).contains("shop may no longer write orders"));
    let equal = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer")], 1)
        .service("b", "", &[], &["orders"])
        .service("a", "", &[], &["orders"])
        .build();
    let stages = evolve(&equal);
    assert!(text(stage(&stages, "ownership"))
        .contains("they each write 1 tables and a comes first by name"));
    let three = stage(&stages, "api-boundaries");
    let b = three.architecture.service("service:b").unwrap();
    let endpoints: Vec<&str> = b
        .calls
        .iter()
        .filter_map(|c| c.endpoint.as_deref())
        .collect();
    assert_eq!(
        endpoints,
        [
            "GET /orders/{order_id}",
            "POST /orders",
            "PUT /orders/{order_id}"
        ]
    );
    assert!(b.writes.is_empty() && b.reads.is_empty());
}

#[test]
fn tables_nobody_writes_go_to_readers_or_stay_unowned() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("countries", &[("code", "text")], 1)
        .table("rates", &[("id", "integer")], 1)
        .table("audit", &[("id", "integer")], 1)
        .service("geo", "", &["countries", "rates"], &[])
        .service("pay", "", &["rates"], &[])
        .build();
    let stages = evolve(&arch);
    let two = text(stage(&stages, "ownership"));
    assert!(
        two.contains("Nobody writes countries; geo, its only reader, becomes owner."),
        "{two}"
    );
    assert!(two.contains("Nobody writes rates; of its readers geo and pay, geo becomes owner because it reads the most tables (2, against pay 1)."), "{two}");
    assert!(two.contains("audit is neither read nor written by any service, so it stays unowned."));
    let four = stage(&stages, "events");
    assert!(text(four).contains("Nobody owns audit, so it stays in the old database."));
    assert!(four
        .architecture
        .database_of("table:public.audit")
        .is_some_and(|d| d.id == "db:main"));
    let three = stage(&stages, "api-boundaries");
    let pay = three.architecture.service("service:pay").unwrap();
    assert_eq!(
        pay.calls[0].endpoint.as_deref(),
        Some("GET /rates/{rate_id}")
    );
    let api = three
        .architecture
        .apis
        .iter()
        .find(|a| a.id == "api:geo")
        .unwrap();
    assert!(!api.endpoints.iter().any(|e| e.contains("countries")));
    let _ = check_openapi(&artifact(three, "openapi").content);
    // A primary key not named id keeps its name as the parameter.
    let plan = plan::Plan::new(&arch);
    assert_eq!(
        plan.resources["table:public.countries"]
            .item_path()
            .as_deref(),
        Some("/countries/{code}")
    );
}

#[test]
fn partitions_go_with_their_parents_planned_owner() {
    let cols = &[("id", "integer"), ("customer_id", "integer")];
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("customers", &[("id", "integer")], 1)
        .table("payments", cols, 1)
        .table("payments_2023", cols, 1)
        .table("payments_2024", cols, 1)
        .table("payments_2024_q1", cols, 1)
        .table("payments_2025", cols, 1)
        .fk("payments_2023", "customer_id", "customers")
        .partition("payments_2023", "payments")
        .partition("payments_2024", "payments")
        .partition("payments_2024_q1", "payments_2024")
        .partition("payments_2025", "payments")
        .service("crm", "", &["customers"], &["customers", "payments_2025"])
        .service("billing", "", &["payments"], &["payments"])
        .service("shop", "", &["payments"], &["payments"])
        .build();
    let plan = plan::Plan::new(&arch);
    let owner = |t: &str| plan.owner(&format!("table:public.{t}"));
    // payments is shared by billing and shop; the tie goes to billing, and its partitions follow,
    // except the one crm writes itself.
    assert_eq!(owner("payments"), Some("service:billing"));
    for partition in ["payments_2023", "payments_2024", "payments_2024_q1"] {
        assert_eq!(owner(partition), Some("service:billing"), "{partition}");
        assert_eq!(
            plan.owners[&format!("table:public.{partition}")].basis,
            plan::Basis::Partition
        );
    }
    assert_eq!(owner("payments_2025"), Some("service:crm"));
    let stages = evolve(&arch);
    let two = text(stage(&stages, "ownership"));
    let sentence = "The partitions of payments (payments_2023, payments_2024 and payments_2024_q1) are part of it, so they go with it to billing.";
    assert_eq!(two.matches(sentence).count(), 1, "{two}");
    let four = &stage(&stages, "events").architecture;
    let database_of = |t: &str| {
        let id = format!("table:public.{t}");
        four.databases
            .iter()
            .find(|d| d.tables.contains(&id))
            .map(|d| d.id.clone())
    };
    let home = database_of("payments");
    assert!(home.is_some());
    for partition in ["payments_2023", "payments_2024", "payments_2024_q1"] {
        assert_eq!(database_of(partition), home, "{partition}");
    }
    assert_ne!(database_of("payments_2025"), home);
}

#[test]
fn untouched_tables_tied_by_foreign_keys_get_an_owner() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer"), ("ref_id", "integer")], 1)
        .table(
            "order_notes",
            &[("id", "integer"), ("ref_id", "integer")],
            1,
        )
        .table("note_tags", &[("id", "integer"), ("ref_id", "integer")], 1)
        .table("ledgers", &[("id", "integer"), ("ref_id", "integer")], 1)
        .table(
            "ledger_lines",
            &[("id", "integer"), ("ref_id", "integer")],
            1,
        )
        .table("audit", &[("id", "integer")], 1)
        .fk("order_notes", "ref_id", "orders")
        .fk("note_tags", "ref_id", "order_notes")
        .fk("ledger_lines", "ref_id", "ledgers")
        .service("shop", "", &["orders"], &["orders"])
        .service("pay", "", &[], &[])
        .build();
    let stages = evolve(&arch);
    let two = text(stage(&stages, "ownership"));
    for sentence in [
        "Nobody touches order_notes, but a foreign key ties it to orders, so it joins shop, that table's owner.",
        "Nobody touches note_tags, but a foreign key ties it to order_notes, so it joins shop, that table's owner.",
        "Nobody touches ledger_lines and ledgers, and foreign keys tie them only to each other; shop takes them all, so the keys stay inside one owner, because it owns the most tables (3, against pay 0).",
        "audit is neither read nor written by any service, so it stays unowned.",
    ] {
        assert_eq!(two.matches(sentence).count(), 1, "{sentence}\n{two}");
    }
    let owners = ownership::owners(&stage(&stages, "ownership").architecture);
    for table in [
        "orders",
        "order_notes",
        "note_tags",
        "ledgers",
        "ledger_lines",
    ] {
        assert_eq!(
            owners[&format!("table:public.{table}")].certain(),
            Some("service:shop"),
            "{table}"
        );
    }
    let four = stage(&stages, "events");
    let found = crate::findings::check(&four.architecture);
    assert!(
        !found
            .iter()
            .any(|f| f.rule == crate::findings::Rule::CrossOwnerFk),
        "{found:#?}"
    );
    assert!(four
        .architecture
        .database_of("table:public.ledger_lines")
        .is_some_and(|d| d.id == "db:shop"));
    assert!(text(four).contains("Nobody owns audit, so it stays in the old database."));
}

#[test]
fn a_cycle_of_declared_calls_is_not_news_at_stage_three() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer")], 1)
        .table("users", &[("id", "integer")], 1)
        .service("shop", "", &["users"], &["orders"])
        .service("accounts", "", &["orders"], &["users"])
        .calls("shop", "accounts")
        .calls("accounts", "shop")
        .build();
    let stages = evolve(&arch);
    assert!(!text(stage(&stages, "api-boundaries")).contains("now call each other"));
}

#[test]
fn read_cycles_become_call_cycles_then_events() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer")], 1)
        .table("users", &[("id", "integer")], 1)
        .service("shop", "", &["users"], &["orders"])
        .service("accounts", "", &["orders"], &["users"])
        .build();
    let stages = evolve(&arch);
    assert!(text(stage(&stages, "api-boundaries"))
        .contains("accounts and shop now call each other in a cycle"));
    let four = stage(&stages, "events");
    assert!(api_boundaries::call_cycles(&four.architecture).is_empty());
    assert!(!text(four).contains("cycle"));
}

#[test]
fn a_view_across_owners_becomes_a_composition() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("orders", &[("id", "integer"), ("user_id", "integer")], 1)
        .table("lines", &[("id", "integer")], 1)
        .table("users", &[("id", "integer")], 1)
        .view("order_report", &["orders", "lines", "users"])
        .service("shop", "", &[], &["orders", "lines"])
        .service("accounts", "", &[], &["users"])
        .service("reporting", "", &["view:order_report"], &[])
        .build();
    let stages = evolve(&arch);
    let two = text(stage(&stages, "ownership"));
    assert!(two.contains("View order_report reads tables of accounts (1) and shop (2); shop, owning most of them, serves it as an API composition"), "{two}");
    let three = stage(&stages, "api-boundaries");
    assert!(text(three).contains("View order_report becomes an API composition served by shop: it asks accounts for users with GET /users."));
    let view = three.architecture.view("view:public.order_report").unwrap();
    assert_eq!(view.reads, ["table:public.lines", "table:public.orders"]);
    let reporting = three.architecture.service("service:reporting").unwrap();
    assert_eq!(
        reporting.calls[0].endpoint.as_deref(),
        Some("GET /order_report")
    );
    let four = stage(&stages, "events");
    let view = four.architecture.view("view:public.order_report").unwrap();
    assert!(view.reads.contains(&"table:shop.users_read".to_string()));
    assert!(four
        .architecture
        .database_of("view:public.order_report")
        .is_some_and(|d| d.id == "db:shop"));
    assert!(text(four).contains("reporting keeps calling shop for view order_report"));
}

#[test]
fn a_service_that_only_reads_is_explained() {
    let stages = evolve(&seed());
    let two = text(stage(&stages, "ownership"));
    assert!(two.contains("app-a only reads: it owns no table and gets SELECT access only."));
    assert!(two.contains("app-b owns messages and users."), "{two}");
}

#[test]
fn no_services_still_gives_five_stages() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("users", &[("id", "integer")], 1)
        .build();
    let stages = evolve(&arch);
    assert_eq!(stages.len(), 5);
    for s in &stages {
        assert!(
            text(s).contains("nothing to evolve"),
            "{}: {}",
            s.key,
            text(s)
        );
        assert!(s.changes.is_empty(), "{}: {:?}", s.key, s.changes);
    }
}

#[test]
fn an_empty_schema_evolves_without_artifacts() {
    let arch = ArchBuilder::new(Dialect::MySql).build();
    let stages = evolve(&arch);
    assert_eq!(stages.len(), 5);
    assert!(stages.iter().all(|s| s.artifacts.is_empty()));
    assert!(text(&stages[0]).contains("The schema holds no tables."));
}

#[test]
fn cross_owner_foreign_keys_are_listed_and_dropped() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("users", &[("id", "integer")], 1)
        .table("orders", &[("id", "integer"), ("user_id", "integer")], 1)
        .fk("orders", "user_id", "users")
        .service("accounts", "", &[], &["users"])
        .service("shop", "", &[], &["orders"])
        .build();
    let stages = evolve(&arch);
    let three = stage(&stages, "api-boundaries");
    assert_eq!(three.architecture.foreign_key_count(), 0);
    let drops = &artifact(three, "fk-drops").content;
    assert!(
        drops.contains(
            "orders(user_id) -> users(id): orders owned by shop, users owned by accounts"
        ),
        "{drops}"
    );
    assert!(three
        .changes
        .iter()
        .any(|c| c.element == "table:public.orders->table:public.users"
            && c.edge == Some(crate::graph::EdgeKind::References)
            && c.kind == ChangeKind::Removed));
}

const ODD_NAMES: [&str; 7] = [
    "my table",
    "we\"ird",
    "select",
    "<img src=x>",
    "back`tick",
    "br]acket",
    "it's",
];

fn odd_architecture(dialect: Dialect) -> Architecture {
    let mut builder = ArchBuilder::new(dialect);
    for name in ODD_NAMES {
        builder = builder.table(name, &[("id", "integer"), ("order", "text")], 1);
    }
    builder
        .service("app-a", "", &ODD_NAMES, &[])
        .service("o'brien <b>", "", &[], &ODD_NAMES)
        .build()
}

#[test]
fn grant_scripts_parse_in_every_dialect_with_odd_names() {
    for dialect in Dialect::ALL {
        let arch = odd_architecture(dialect);
        let stages = evolve(&arch);
        let script = &artifact(stage(&stages, "ownership"), "grants").content;
        let statements = parse(dialect, script);
        let mut objects = Vec::new();
        for statement in &statements {
            if let Statement::Grant(grant) = statement {
                if let Some(GrantObjects::Tables(names)) = &grant.objects {
                    for name in names {
                        let parts: Vec<String> = name
                            .0
                            .iter()
                            .map(|p| p.as_ident().unwrap().value.clone())
                            .collect();
                        objects.push(parts.last().unwrap().clone());
                    }
                }
            }
        }
        if dialect == Dialect::Sqlite {
            assert_eq!(statements.len(), ODD_NAMES.len(), "{script}");
        } else {
            let mut objects = objects.clone();
            order::sort(&mut objects);
            objects.dedup();
            let mut expected: Vec<String> = ODD_NAMES.iter().map(|s| s.to_string()).collect();
            order::sort(&mut expected);
            assert_eq!(objects, expected, "{dialect:?}\n{script}");
        }
        let read_models = &artifact(stage(&stages, "events"), "read-models").content;
        parse(dialect, read_models);
        let _ = check_openapi(&artifact(stage(&stages, "api-boundaries"), "openapi").content);
        let _ = check_asyncapi(&artifact(stage(&stages, "events"), "asyncapi").content);
    }
}

#[test]
fn changes_match_the_graph_diff() {
    let stages = evolve(&seed());
    for pair in stages.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let old: std::collections::BTreeSet<_> = crate::graph::edges(&before.architecture)
            .into_iter()
            .collect_set();
        let new: std::collections::BTreeSet<_> = crate::graph::edges(&after.architecture)
            .into_iter()
            .collect_set();
        let edge_changes = after.changes.iter().filter(|c| c.edge.is_some()).count();
        assert_eq!(
            edge_changes,
            old.symmetric_difference(&new).count(),
            "{}",
            after.key
        );
        assert!(after.changes.iter().all(|c| !c.reason.is_empty()));
    }
}

// ---- properties over generated architectures ----

fn arb_architecture() -> impl Strategy<Value = Architecture> {
    let dialect = prop::sample::select(Dialect::ALL.to_vec());
    (
        dialect,
        1usize..6,
        0usize..5,
        prop::collection::vec((0usize..6, 0usize..6), 0..6),
        prop::collection::vec(
            (
                0usize..5,
                prop::collection::vec(0usize..6, 0..4),
                prop::collection::vec(0usize..6, 0..3),
            ),
            0..5,
        ),
        prop::collection::vec((0usize..6, 0usize..5), 0..3),
        prop::collection::vec(prop::collection::vec(0usize..6, 1..4), 0..2),
    )
        .prop_map(
            |(dialect, n_tables, n_services, fks, accesses, owners, views)| {
                let tables: Vec<String> = (0..n_tables).map(|i| format!("t{i}s")).collect();
                let services: Vec<String> = (0..n_services).map(|i| format!("svc-{i}")).collect();
                let mut b = ArchBuilder::new(dialect);
                for t in &tables {
                    b = b.table(
                        t,
                        &[("id", "integer"), ("ref_id", "integer"), ("note", "text")],
                        1,
                    );
                }
                for (from, to) in fks {
                    if from < n_tables && to < n_tables {
                        b = b.fk(&tables[from], "ref_id", &tables[to]);
                    }
                }
                for (i, views) in views.iter().enumerate() {
                    let reads: Vec<&str> = views
                        .iter()
                        .filter(|t| **t < n_tables)
                        .map(|t| tables[*t].as_str())
                        .collect();
                    b = b.view(&format!("v{i}"), &reads);
                }
                let mut seen = std::collections::BTreeSet::new();
                for (s, reads, writes) in accesses {
                    if s >= n_services || !seen.insert(s) {
                        continue;
                    }
                    let pick = |list: &[usize]| -> Vec<&str> {
                        let mut names: Vec<&str> = list
                            .iter()
                            .filter(|t| **t < n_tables)
                            .map(|t| tables[*t].as_str())
                            .collect();
                        order::sort(&mut names);
                        names.dedup();
                        names
                    };
                    b = b.service(&services[s], "", &pick(&reads), &pick(&writes));
                }
                for (s, name) in services.iter().enumerate() {
                    if !seen.contains(&s) {
                        b = b.service(name, "", &[], &[]);
                    }
                }
                for (t, s) in owners {
                    if t < n_tables && s < n_services {
                        b = b.owns(&tables[t], &services[s]);
                    }
                }
                b.build()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn stage_four_has_clean_boundaries(arch in arb_architecture()) {
        let stages = evolve(&arch);
        prop_assert_eq!(stages.len(), 5);
        let four = &stages[4].architecture;
        let owner_of = ownership::owners(four);
        for t in &four.tables {
            let writers = four.services.iter().filter(|s| s.writes_table(&t.id)).count();
            prop_assert!(writers <= 1, "{} written by {}", t.id, writers);
        }
        for s in &four.services {
            for r in &s.reads {
                if let Some(ownership::Owner::Declared(o) | ownership::Owner::Inferred(o)) = owner_of.get(&r.table) {
                    prop_assert_eq!(o, &s.id, "{} reads {}", &s.id, &r.table);
                }
            }
        }
        for t in &four.tables {
            for fk in &t.foreign_keys {
                prop_assert_eq!(
                    ownership::owner_of(four, &t.id),
                    ownership::owner_of(four, &fk.references),
                    "fk {} -> {}", &t.id, &fk.references
                );
            }
        }
        prop_assert_eq!(&stages, &evolve(&arch));
        for s in &stages {
            for a in &s.artifacts {
                match a.key {
                    "grants" | "read-models" => { parse(four.dialect, &a.content); }
                    "openapi" => { check_openapi(&a.content); }
                    "asyncapi" => { check_asyncapi(&a.content); }
                    _ => {}
                }
            }
        }
    }
}
