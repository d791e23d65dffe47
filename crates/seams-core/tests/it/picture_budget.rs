//! A picture's budget (`fold::PICTURE_CARDS`): past it, databases too small to fold for their own
//! size fold into one card per owner, so no stage draws more table cards than the budget however
//! the evolution splits a large system, and a folded card still unfolds into its tables.

use seams_core::fold::{FOLD_THRESHOLD, PICTURE_CARDS};
use seams_core::graph::NodeKind;
use seams_core::pipeline::{self, ViewOptions};
use seams_core::scene::Scene;
use std::collections::BTreeSet;

/// `databases` services, each writing the `per` tables of its own database (a chain of foreign
/// keys) and calling the one before it.
fn shops(databases: usize, per: usize) -> (String, String) {
    let mut schema = String::new();
    let mut yaml = String::from("version: 1\nservices:\n");
    for d in 0..databases {
        schema.push_str(&format!("-- database: shop{d}\n"));
        for t in 0..per {
            let parent = match t {
                0 => String::new(),
                _ => format!(", parent_id int REFERENCES s{d}_t{}(id)", t - 1),
            };
            schema.push_str(&format!(
                "CREATE TABLE s{d}_t{t} (id int PRIMARY KEY{parent});\n"
            ));
        }
        let tables: Vec<String> = (0..per).map(|t| format!("s{d}_t{t}")).collect();
        yaml.push_str(&format!(
            "  svc{d}:\n    database: shop{d}\n    writes: [{}]\n",
            tables.join(", ")
        ));
        if d > 0 {
            yaml.push_str(&format!("    calls: [svc{}]\n", d - 1));
        }
    }
    (schema, yaml)
}

/// One database of `services` × `per` tables: service k writes its `per` tables and reads two
/// of the next service's (the shape of a large monolith that stage 4 splits).
fn monolith(services: usize, per: usize) -> (String, String) {
    let mut schema = String::new();
    let mut yaml = String::from("version: 1\nservices:\n");
    for s in 0..services {
        for t in 0..per {
            schema.push_str(&format!("CREATE TABLE m{s}_t{t} (id int PRIMARY KEY);\n"));
        }
        let writes: Vec<String> = (0..per).map(|t| format!("m{s}_t{t}")).collect();
        let next = (s + 1) % services;
        yaml.push_str(&format!(
            "  svc{s}:\n    writes: [{}]\n    reads: [m{next}_t0, m{next}_t1]\n",
            writes.join(", ")
        ));
    }
    (schema, yaml)
}

/// How many nodes of `scene` are of these kinds.
fn count(scene: &Scene, kinds: &[NodeKind]) -> usize {
    scene
        .nodes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .count()
}

const CARDS: [NodeKind; 2] = [NodeKind::Table, NodeKind::View];

#[test]
fn many_small_databases_fold_into_one_card_each() {
    // 12 databases of 40 tables: 480 cards, past the budget; each alone is under the threshold.
    const _: () = assert!(40 <= FOLD_THRESHOLD && 12 * 40 > PICTURE_CARDS);
    let (schema, services) = shops(12, 40);
    let analysis = crate::run::analyze(&schema, &services, "");
    let stage = analysis.stage(0).unwrap();
    let scene = stage.scene();
    assert_eq!(count(scene, &CARDS), 0, "no table drawn card by card");
    assert_eq!(
        count(scene, &[NodeKind::Cluster]),
        12,
        "one card per database"
    );
    insta::assert_snapshot!("shops-stage-0-svg", stage.svg());
}

#[test]
fn small_databases_within_the_budget_draw_every_table() {
    let (schema, services) = shops(10, 40);
    let analysis = crate::run::analyze(&schema, &services, "");
    let scene = analysis.stage(0).unwrap().scene();
    assert_eq!(count(scene, &CARDS), 400);
    assert_eq!(count(scene, &[NodeKind::Cluster]), 0);
}

#[test]
fn a_database_folded_for_the_budget_unfolds_into_its_tables() {
    let (schema, services) = shops(12, 40);
    let analysis = crate::run::analyze(&schema, &services, "");
    let unfolded: BTreeSet<String> = ["cluster:shop3/svc3".to_string()].into();
    let drawn = pipeline::render_stage(&analysis, 0, &ViewOptions { unfolded }).unwrap();
    assert_eq!(count(&drawn.scene, &CARDS), 40);
    assert_eq!(count(&drawn.scene, &[NodeKind::Cluster]), 11);
    assert!(drawn
        .scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Table)
        .all(|n| n.id.starts_with("table:shop3.")));
}

#[test]
fn no_stage_of_a_large_monolith_draws_more_table_cards_than_the_budget() {
    // 60 services × 20 tables: stage 0 folds the one large database for its size; the last
    // stage gives each service a database of its own, 1,200 tables in databases of 20.
    let (schema, services) = monolith(60, 20);
    let analysis = crate::run::analyze(&schema, &services, "");
    for (index, stage) in analysis.stages.iter().enumerate() {
        let cards = count(stage.scene(), &CARDS);
        assert!(
            cards <= PICTURE_CARDS,
            "stage {index} draws {cards} table cards"
        );
    }
    let last = analysis.stages.last().unwrap();
    assert!(
        last.stage.architecture.databases.len() >= 60,
        "the last stage splits the database ({} databases), so the budget is what folds it",
        last.stage.architecture.databases.len()
    );
    assert!(count(last.scene(), &[NodeKind::Cluster]) >= 60);
}
