//! Issue 17's first promise, held for every picture: no edge is drawn through a box that is not
//! one of its ends (measured on the SVG's path data by `legibility::measure`), for every gallery
//! example at every stage and for generated systems of every shape.

use proptest::prelude::*;
use seams_core::{examples, legibility, pipeline};

/// How many edges run through a box, at every stage of the pipeline over these texts.
fn stages(schema: &str, services: &str, models: &str) -> Vec<usize> {
    crate::run::analyze(schema, services, models)
        .stages
        .iter()
        .map(|s| legibility::edges_through_boxes(s.scene()))
        .collect()
}

#[test]
fn no_gallery_edge_runs_through_a_box() {
    for example in examples::ALL {
        for (stage, measured) in stages(example.schema, example.services, example.models)
            .iter()
            .enumerate()
        {
            assert_eq!(*measured, 0, "{} stage {stage}", example.key);
        }
    }
}

/// A system from a few numbers: `tables` tables (each referencing an earlier one, some
/// partitioned), `services` services each writing a few tables and reading others, some
/// publishing or subscribing to topics, calling each other, and some in their own database.
fn system(tables: usize, services: usize, seed: u64) -> (String, String) {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    let mut schema = String::new();
    for t in 0..tables {
        let reference = if t > 0 && next(3) > 0 {
            format!(", ref_id int REFERENCES t{}(id)", next(t))
        } else {
            String::new()
        };
        schema.push_str(&format!(
            "CREATE TABLE t{t} (id int PRIMARY KEY, name text{reference});\n"
        ));
    }
    let mut yaml = String::from("version: 1\nservices:\n");
    for s in 0..services {
        let writes: Vec<String> = (0..1 + next(4))
            .map(|_| format!("t{}", next(tables)))
            .collect();
        let reads: Vec<String> = (0..next(6)).map(|_| format!("t{}", next(tables))).collect();
        yaml.push_str(&format!(
            "  svc-{s}:\n    writes: [{}]\n",
            writes.join(", ")
        ));
        if !reads.is_empty() {
            yaml.push_str(&format!("    reads: [{}]\n", reads.join(", ")));
        }
        if next(3) == 0 {
            yaml.push_str(&format!("    publishes: [topic-{}]\n", next(4)));
        }
        if next(3) == 0 {
            yaml.push_str(&format!("    subscribes: [topic-{}]\n", next(4)));
        }
        if services > 1 && next(4) == 0 {
            yaml.push_str(&format!("    calls: [svc-{}]\n", next(services)));
        }
        if next(4) == 0 {
            yaml.push_str(&format!("    database: own-{s}\n"));
        }
    }
    (schema, yaml)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn no_generated_edge_runs_through_a_box(
        tables in 1usize..30,
        services in 1usize..12,
        seed in any::<u64>(),
    ) {
        let (schema, services) = system(tables, services, seed);
        for (stage, measured) in stages(&schema, &services, "").iter().enumerate() {
            prop_assert_eq!(*measured, 0, "stage {}\n{}\n{}", stage, schema, services);
        }
    }
}

/// Every service keeps its place in the order (row by row, left to right) between the stages
/// where it exists in the same band, so the page's morph moves it little. (Its exact position
/// may shift: a stage that adds calls makes room for their arcs, and a stage that splits the
/// database changes the picture's width. A service that only subscribes at one stage may sit
/// in the band under the topics there: it keeps its order among the services of that band.)
#[test]
fn nodes_keep_their_order_between_stages() {
    for example in examples::ALL {
        let analysis = crate::run::analyze(example.schema, example.services, example.models);
        let order = |stage: &pipeline::StageView, kind: seams_core::graph::NodeKind| {
            // Services under the middle band's first row sort after every service above it.
            let middle = stage
                .scene()
                .nodes
                .iter()
                .filter(|n| {
                    use seams_core::graph::NodeKind::{Api, Library, Topic};
                    matches!(n.kind, Topic | Api | Library)
                })
                .map(|n| n.rect.y as i64)
                .min()
                .unwrap_or(i64::MAX);
            let mut nodes: Vec<(bool, i64, i64, String)> = stage
                .scene()
                .nodes
                .iter()
                .filter(|n| n.kind == kind)
                .map(|n| {
                    let y = n.rect.y as i64;
                    (y > middle, y, n.rect.x as i64, n.id.clone())
                })
                .collect();
            seams_core::order::sort(&mut nodes);
            nodes
                .into_iter()
                .map(|(below, _, _, id)| (below, id))
                .collect::<Vec<_>>()
        };
        let first = &analysis.stages[0];
        let kind = seams_core::graph::NodeKind::Service;
        assert!(order(first, kind).len() > 1, "{} has services", example.key);
        for stage in &analysis.stages[1..] {
            let (a, b) = (order(first, kind), order(stage, kind));
            // The services in the same band in both stages.
            let common: Vec<&(bool, String)> = a.iter().filter(|id| b.contains(id)).collect();
            let common_b: Vec<&(bool, String)> = b.iter().filter(|id| a.contains(id)).collect();
            assert_eq!(
                common, common_b,
                "{}: services keep their order",
                example.key
            );
        }
    }
}
