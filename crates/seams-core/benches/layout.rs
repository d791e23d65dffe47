//! Layout speed on a 1,000-node graph (issue #3: "1,000 nodes laid out in under 50 ms
//! natively"): 900 tables in nine schemas with foreign keys, 100 services reading and writing
//! them. Measured twice: with every cluster unfolded (all 900 tables drawn as nodes, the
//! worst case) and as the page first draws it (databases over the fold threshold folded); and
//! layout plus the scene with every edge routed through the gutters (issue 17: "layout and
//! routing of 1,000 nodes under 50 ms"), unfolded. Run with
//! `cargo bench -p seams-core --bench layout -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion};
use seams_core::layout::{layout_stage, service_order, Subscribers};
use seams_core::ownership::owner_map;
use seams_core::scene::{self, Annotations};
use seams_core::{fold, ingest, Architecture, Inputs};
use std::collections::BTreeSet;
use std::hint::black_box;

/// 900 tables (`s0.t0` … `s8.t99`, each referencing the one before and every tenth one the
/// next schema) and 100 services: service k writes five tables of schema k % 9 and reads ten
/// of the next schema.
fn thousand_nodes() -> Architecture {
    let mut schema = String::new();
    for s in 0..9 {
        for t in 0..100 {
            schema.push_str(&format!(
                "CREATE TABLE s{s}.t{t} (id int PRIMARY KEY, up int REFERENCES s{s}.t{}(id){});\n",
                (t + 99) % 100,
                if t % 10 == 0 {
                    format!(", far int REFERENCES s{}.t{t}(id)", (s + 1) % 9)
                } else {
                    String::new()
                }
            ));
        }
    }
    let mut services = String::from("version: 1\nservices:\n");
    for k in 0..100 {
        let (s, next) = (k % 9, (k + 1) % 9);
        let writes: Vec<String> = (0..5)
            .map(|i| format!("s{s}.t{}", (k * 5 + i) % 100))
            .collect();
        let reads: Vec<String> = (0..10)
            .map(|i| format!("s{next}.t{}", (k * 7 + i * 3) % 100))
            .collect();
        services.push_str(&format!(
            "  svc-{k}:\n    writes: [{}]\n    reads: [{}]\n",
            writes.join(", "),
            reads.join(", ")
        ));
    }
    ingest(Inputs {
        schema: &schema,
        services: &services,
        models: "",
        dialect: None,
        sources: None,
    })
}

fn layout(c: &mut Criterion) {
    let arch = thousand_nodes();
    let owners = owner_map(&arch);
    let order = service_order(&[&arch]);
    let all_clusters: BTreeSet<String> = fold::plan(&arch, &owners).clusters.into_keys().collect();
    // One stage laid out with the sorted service order, the given clusters unfolded.
    let lay = |unfolded: &BTreeSet<String>| {
        layout_stage(
            black_box(&arch),
            &owners,
            &order,
            &[],
            Subscribers::WithServices,
            unfolded,
        )
    };
    let unfolded = lay(&all_clusters);
    let nodes = unfolded
        .boxes
        .keys()
        .filter(|id| !id.starts_with("db:"))
        .count();
    assert!(nodes >= 1_000, "the graph has {nodes} nodes");
    assert_eq!(arch.tables.len(), 900);
    assert!(
        arch.tables
            .iter()
            .all(|t| unfolded.boxes.contains_key(&t.id)),
        "every table has its own box when unfolded"
    );
    eprintln!(
        "{} boxes ({} services, {} tables), {} foreign keys",
        unfolded.boxes.len(),
        arch.services.len(),
        arch.tables.len(),
        arch.foreign_key_count()
    );
    let mut group = c.benchmark_group("layout");
    group.bench_function("1000_nodes_unfolded", |b| b.iter(|| lay(&all_clusters)));
    group.bench_function("1000_nodes_folded", |b| b.iter(|| lay(&BTreeSet::new())));
    let notes = Annotations {
        owners: owners.clone(),
        unfolded: all_clusters.clone(),
        ..Annotations::default()
    };
    let routed = scene::build(&arch, &unfolded, &notes);
    eprintln!("{} edges routed", routed.edges.len());
    group.bench_function("1000_nodes_unfolded_layout_and_routing", |b| {
        b.iter(|| {
            let laid = lay(&all_clusters);
            scene::build(&arch, &laid, &notes)
        })
    });
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
