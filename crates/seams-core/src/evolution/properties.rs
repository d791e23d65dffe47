//! Properties of the whole evolution as the page scores it (`docs/evolution.md`): over generated
//! architectures (tables, foreign keys, views, accesses, declared owners, duplicated and drifting
//! models, calls, topics and GRANTs, in every dialect's column spellings), the score never falls
//! from one stage to the next, overall or in any dimension, model drift never grows, and the
//! last stage is free of the coupling the stages exist to remove. The seed example pins the same
//! facts with exact scores.

use super::test_builder::{self, ArchBuilder};
use super::{evolve, Stage};
use crate::findings::{self, Dimension, Finding, Rule};
use crate::model::Architecture;
use crate::model::{Dialect, Privilege};
use crate::score::{self, Score};
use proptest::prelude::*;

/// The stage's findings and score, computed exactly as `pipeline::analyze` does.
fn scored(stage: &Stage) -> (Vec<Finding>, Score) {
    let found = findings::check(&stage.architecture);
    let score = score::score_findings(&found, score::size(&stage.architecture));
    (found, score)
}

/// A readable account of one stage step, for failure messages.
fn step(before: &(Vec<Finding>, Score), after: &(Vec<Finding>, Score), index: usize) -> String {
    let rules = |f: &[Finding]| {
        f.iter()
            .map(|f| format!("{} {:?}", f.rule.as_str(), f.elements))
            .collect::<Vec<_>>()
    };
    format!(
        "stage {} -> {}\nbefore {:?}\n  {:#?}\nafter {:?}\n  {:#?}",
        index,
        index + 1,
        before.1,
        rules(&before.0),
        after.1,
        rules(&after.0)
    )
}

/// Checks that scores never fall, model drift never grows (the shared models are built from
/// the DDL), and stage 4 holds no shared-write, foreign-read or
/// cross-owner-fk finding; returns the scores per stage.
fn check_evolution(arch: &Architecture) -> Result<Vec<Score>, String> {
    let stages = evolve(arch);
    if stages.len() != 5 {
        return Err(format!("{} stages", stages.len()));
    }
    let results: Vec<(Vec<Finding>, Score)> = stages.iter().map(scored).collect();
    for (index, pair) in results.windows(2).enumerate() {
        let [before, after] = pair else { continue };
        let lower = after.1.overall < before.1.overall
            || Dimension::ALL
                .iter()
                .any(|&d| after.1.dimension(d) < before.1.dimension(d));
        let drift = |found: &[Finding]| found.iter().filter(|f| f.rule == Rule::ModelDrift).count();
        if lower || drift(&after.0) > drift(&before.0) {
            return Err(step(before, after, index));
        }
    }
    let forbidden = [Rule::SharedWrite, Rule::ForeignRead, Rule::CrossOwnerFk];
    if let Some((found, _)) = results.last() {
        if let Some(f) = found.iter().find(|f| forbidden.contains(&f.rule)) {
            return Err(format!(
                "stage 4 still has {}: {}",
                f.rule.as_str(),
                f.message
            ));
        }
    }
    Ok(results.into_iter().map(|(_, s)| s).collect())
}

const COLUMNS: [(&str, &str); 3] = [("id", "integer"), ("ref_id", "integer"), ("note", "text")];
/// Column spellings the generated tables draw from, as each dialect's dumps write them: the
/// models (`MODEL`) agree with every one of them, so no drift may appear after stage 0.
const TYPED_COLUMNS: [[(&str, &str); 3]; 6] = [
    COLUMNS,
    [
        ("id", "bigint unsigned"),
        ("ref_id", "int unsigned"),
        ("note", "varchar(255)"),
    ],
    [
        ("id", "int(11)"),
        ("ref_id", "bigint(20) unsigned zerofill"),
        ("note", "longtext"),
    ],
    [
        ("id", "bigserial"),
        ("ref_id", "int8"),
        ("note", "character varying(40)"),
    ],
    [
        ("id", "[bigint]"),
        ("ref_id", "[int]"),
        ("note", "[nvarchar](max)"),
    ],
    [
        ("id", "INTEGER"),
        ("ref_id", "unsigned big int"),
        ("note", "varying character(255)"),
    ],
];
const MODEL: [(&str, &str, bool); 3] = [
    ("id", "Integer", true),
    ("ref_id", "Integer", false),
    ("note", "String", false),
];
const DRIFTED: [(&str, &str, bool); 2] = [("id", "Integer", true), ("note", "Integer", false)];
const PRIVILEGES: [&[Privilege]; 3] = [
    &[Privilege::Select],
    &[Privilege::Select, Privilege::Insert, Privilege::Update],
    &[Privilege::All],
];

/// Everything the generator draws, as indices into the tables and services it names.
#[derive(Debug, Clone)]
struct Draw {
    dialect: Dialect,
    tables: usize,
    column_types: Vec<usize>,
    services: usize,
    fks: Vec<(usize, usize)>,
    views: Vec<Vec<usize>>,
    accesses: Vec<(usize, Vec<usize>, Vec<usize>)>,
    owners: Vec<(usize, usize)>,
    models: Vec<(usize, usize, bool)>,
    calls: Vec<(usize, usize)>,
    topics: Vec<(usize, usize, bool)>,
    grants: Vec<(usize, usize, usize)>,
}

fn build(draw: Draw) -> Architecture {
    let tables: Vec<String> = (0..draw.tables).map(|i| format!("t{i}s")).collect();
    let services: Vec<String> = (0..draw.services).map(|i| format!("svc-{i}")).collect();
    let table = |i: &usize| tables.get(*i).map(String::as_str);
    let service = |i: &usize| services.get(*i).map(String::as_str);
    let mut b = ArchBuilder::new(draw.dialect);
    for (i, t) in tables.iter().enumerate() {
        let columns = draw
            .column_types
            .get(i)
            .and_then(|k| TYPED_COLUMNS.get(*k))
            .unwrap_or(&COLUMNS);
        b = b.table(t, columns, 1);
    }
    for (from, to) in &draw.fks {
        if let (Some(from), Some(to)) = (table(from), table(to)) {
            b = b.fk(from, "ref_id", to);
        }
    }
    for (i, reads) in draw.views.iter().enumerate() {
        let reads: Vec<&str> = reads.iter().filter_map(table).collect();
        b = b.view(&format!("v{i}"), &reads);
    }
    let mut access: Vec<(Vec<&str>, Vec<&str>)> = vec![(Vec::new(), Vec::new()); draw.services];
    for (s, reads, writes) in &draw.accesses {
        if let Some((r, w)) = access.get_mut(*s) {
            r.extend(reads.iter().filter_map(table));
            w.extend(writes.iter().filter_map(table));
        }
    }
    for (name, (reads, writes)) in services.iter().zip(&access) {
        b = b.service(name, "", reads, writes);
    }
    for (t, s) in &draw.owners {
        if let (Some(t), Some(s)) = (table(t), service(s)) {
            b = b.owns(t, s);
        }
    }
    // Models wrap their indices around, so that several services often model one table.
    for (s, t, drift) in &draw.models {
        let wrapped = (
            table(&(t % tables.len().max(1))),
            service(&(s % services.len().max(1))),
        );
        if let (Some(t), Some(s)) = wrapped {
            let path = format!("{}/models/{t}.py", s.replace('-', "_"));
            let columns: &[(&str, &str, bool)] = if *drift { &DRIFTED } else { &MODEL };
            b = b.model(&path, "Model", t, columns);
        }
    }
    for (from, to) in &draw.calls {
        if let (Some(from), Some(to)) = (service(from), service(to)) {
            b = b.calls(from, to);
        }
    }
    for (s, topic, publish) in &draw.topics {
        if let Some(s) = service(s) {
            b = if *publish {
                b.publishes(s, &format!("event-{topic}"))
            } else {
                b.consumes(s, &format!("event-{topic}"))
            };
        }
    }
    for (s, t, p) in &draw.grants {
        if let (Some(s), Some(t), Some(p)) = (service(s), table(t), PRIVILEGES.get(*p)) {
            b = b.grant(&format!("{}_role", s.replace('-', "_")), p, t);
        }
    }
    b.build()
}

fn arb_architecture() -> impl Strategy<Value = Architecture> {
    let pairs = |n| prop::collection::vec((0usize..6, 0usize..6), 0..n);
    let list = |n| prop::collection::vec(0usize..6, 0..n);
    (
        (
            prop::sample::select(Dialect::ALL.to_vec()),
            1usize..6,
            0usize..5,
            pairs(6),
            prop::collection::vec(list(4), 0..2),
            prop::collection::vec((0usize..5, list(4), list(3)), 0..6),
        ),
        (
            pairs(3),
            prop::collection::vec((0usize..5, 0usize..6, any::<bool>()), 0..6),
            pairs(4),
            prop::collection::vec((0usize..5, 0usize..3, any::<bool>()), 0..4),
            prop::collection::vec((0usize..5, 0usize..6, 0usize..3), 0..4),
            prop::collection::vec(0..TYPED_COLUMNS.len(), 6),
        ),
    )
        .prop_map(
            |(
                (dialect, tables, services, fks, views, accesses),
                (owners, models, calls, topics, grants, column_types),
            )| {
                build(Draw {
                    dialect,
                    tables,
                    column_types,
                    services,
                    fks,
                    views,
                    accesses,
                    owners,
                    models,
                    calls,
                    topics,
                    grants,
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn score_never_falls_and_stage_four_is_decoupled(arch in arb_architecture()) {
        if let Err(message) = check_evolution(&arch) {
            prop_assert!(false, "{}", message);
        }
    }
}

/// Marks every table's `note` column `sensitive:` and checks that no artifact of any stage
/// copies it (the stage-1 model library maps tables the services already map, so it may), nor
/// any read model of the last stage. Notes that say what was left out (SQL comments, JSON
/// `description`s) name it and are skipped.
fn check_sensitive_never_copied(mut arch: Architecture) -> Result<(), String> {
    arch.sensitive = arch
        .tables
        .iter()
        .map(|t| crate::model::SensitiveColumn {
            table: t.id.clone(),
            column: "note".to_string(),
            span: t.span,
        })
        .collect();
    let stages = evolve(&arch);
    for stage in &stages {
        for artifact in stage.artifacts.iter().filter(|a| a.key != "models") {
            let copied = artifact.content.lines().find(|l| {
                let l = l.trim_start();
                !l.starts_with("--") && !l.starts_with("\"description\":") && l.contains("note")
            });
            if let Some(line) = copied {
                return Err(format!(
                    "stage {} {} copies note: {line}",
                    stage.index, artifact.key
                ));
            }
        }
    }
    let last = stages.last().map(|s| &s.architecture);
    for table in last.iter().flat_map(|a| a.tables.iter()) {
        if table
            .schema
            .as_deref()
            .is_some_and(|s| s.starts_with("svc-"))
            && table.columns.iter().any(|c| c.name == "note")
        {
            return Err(format!("read model {} keeps note", table.id));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_artifact_ever_copies_a_sensitive_column(arch in arb_architecture()) {
        if let Err(message) = check_sensitive_never_copied(arch) {
            prop_assert!(false, "{}", message);
        }
    }
}

/// Two services that read each other's tables get calls both ways at stage 3. The cycle was
/// there from the start, in the data: `call-cycle` counts reading another service's table as a
/// dependency, so stage 0 already pays for it, stage 3 only makes it visible as calls, and
/// stage 4 breaks it with events.
#[test]
fn stage_three_can_close_a_call_cycle() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("users", &COLUMNS, 1)
        .table("orders", &COLUMNS, 1)
        .service("accounts", "", &["users", "orders"], &["users"])
        .service("billing", "", &["orders", "users"], &["orders"])
        .build();
    let scores = check_evolution(&arch).unwrap();
    let testing: Vec<u8> = scores
        .iter()
        .map(|s| s.dimension(Dimension::Testing))
        .collect();
    // size 4, K·size = 2; a two-service cycle costs 2 (1 per member): 100 · 2 / 4 = 50 from
    // stage 0 to stage 3, then events break it (100).
    assert_eq!(testing, vec![50, 50, 50, 50, 100], "{scores:#?}");
}

/// A view across owners becomes an API composition at stage 3: its main owner calls the other
/// owner. Here that owner (svc-2) already writes svc-0's table, a command call back, so the
/// composition would close a cycle; the view keeps reading the table until stage 4 gives
/// svc-0 a read model of it.
#[test]
fn a_composition_that_would_close_a_cycle_waits_for_events() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("t0s", &COLUMNS, 1)
        .table("t1s", &COLUMNS, 1)
        .view("v0", &["t0s", "t1s"])
        .service("svc-0", "", &[], &[])
        .service("svc-2", "", &[], &["t0s", "t1s"])
        .owns("t0s", "svc-0")
        .build();
    check_evolution(&arch).unwrap();
    let stages = evolve(&arch);
    let three = stages.get(3).unwrap();
    assert!(
        three.narrative.iter().any(|n| n
            == "View v0 keeps reading t1s directly for now: composing it through svc-2's API would make svc-0 call svc-2, which already depends on svc-0 (a cycle); at stage 4 svc-0 keeps its own read model of it instead."),
        "{:#?}",
        three.narrative
    );
    let view = |stage: &Stage| stage.architecture.views.first().unwrap().reads.clone();
    assert_eq!(view(three), vec!["table:public.t0s", "table:public.t1s"]);
    assert_eq!(
        view(stages.get(4).unwrap()),
        vec!["table:public.t0s", "table:svc-0.t1s_read"]
    );
}

/// The seed example with the two tables declared in hand-built DDL (`users`, `messages` with a
/// foreign key), both services, the queue and the two duplicated `User` models.
#[test]
fn seed_with_ddl_scores_rise_stage_by_stage() {
    let scores = check_evolution(&test_builder::seed()).unwrap();
    let overall: Vec<u8> = scores.iter().map(|s| s.overall).collect();
    // `100·K·size / (K·size + penalty)` with K = 0.5 and size 4 (two tables, two services):
    // stage 0 pays foreign-read 2 + duplicated-model 2 + shared-database 3 = 7 → 22 (the SQS
    // queue nobody publishes to is an info finding that costs nothing: it is fed from outside);
    // stage 1 merges the models (5 → 29); stage 2 settles nothing new (app-b already owned
    // both); stage 3 turns app-a's read into a call (3 → 40); stage 4 adds app-a's read model
    // and splits the database (0 → 100).
    assert_eq!(overall, vec![22, 29, 29, 40, 100], "{scores:#?}");
    assert!(overall.last() > overall.first());
}

/// The seed example as a services file alone describes it: the tables exist only because the
/// services name them (no DDL, no models, no foreign key).
#[test]
fn seed_services_only_scores_rise_stage_by_stage() {
    let arch = ArchBuilder::new(Dialect::Postgres)
        .table("users", &[], 0)
        .table("messages", &[], 0)
        .service("app-a", "", &["users"], &[])
        .service("app-b", "", &["users", "messages"], &["users", "messages"])
        .consumes("app-b", "sqs:user-updates")
        .build();
    let scores = check_evolution(&arch).unwrap();
    let overall: Vec<u8> = scores.iter().map(|s| s.overall).collect();
    // As the DDL case without the duplicated models: 5 → 29, then 3 → 40 and 0 → 100.
    assert_eq!(overall, vec![29, 29, 29, 40, 100], "{scores:#?}");
    assert!(overall.last() > overall.first());
}
