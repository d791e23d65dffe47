//! The arrangement search of small pictures (issue 17: the service order and each stage's
//! middle band chosen by the drawn crossings) on every gallery example, all stages at once as
//! the pipeline calls it: this is the part of the page's analysis that grew when the search
//! came in (`docs/budgets.md`). Run with
//! `cargo bench -p seams-core --bench arrange -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion};
use seams_core::evolution::evolve;
use seams_core::ownership::{owner_map, OwnerMap};
use seams_core::{arrange, examples, ingest, Architecture, Inputs};
use std::hint::black_box;

/// Each stage's model and owners, as the pipeline hands them to the search.
fn stages(example: &examples::Example) -> Vec<(Architecture, OwnerMap)> {
    let arch = ingest(Inputs {
        schema: example.schema,
        services: example.services,
        models: example.models,
        dialect: None,
        sources: None,
    });
    evolve(&arch)
        .into_iter()
        .map(|stage| {
            let owners = owner_map(&stage.architecture);
            (stage.architecture, owners)
        })
        .collect()
}

fn arrangement(c: &mut Criterion) {
    let mut group = c.benchmark_group("arrangement");
    for example in examples::ALL {
        let stages = stages(example);
        let pairs: Vec<(&Architecture, &OwnerMap)> = stages.iter().map(|(a, o)| (a, o)).collect();
        group.bench_function(example.key, |b| {
            b.iter(|| arrange::arrangement(black_box(&pairs)))
        });
    }
    group.finish();
}

criterion_group!(benches, arrangement);
criterion_main!(benches);
