//! Snapshot tests (insta) of what people see: the five SVGs of the seed example and of the
//! largest gallery example (freight: 78 tables, 9 views, partitions, ten services), and the
//! seed's text reports. A change to the layout, the drawing or a report shows as a diff under
//! `tests/it/snapshots/`; review it with `cargo insta review` (or `INSTA_UPDATE=always cargo test`
//! and `git diff`), and commit the new snapshots with the change that made them.

use seams_core::examples::Example;
use seams_core::{pipeline, report, Inputs};

/// The pipeline over one gallery example, as the page and `seams render` run it.
fn analyze(example: &Example) -> pipeline::Analysis {
    pipeline::analyze(Inputs {
        schema: example.schema,
        services: example.services,
        models: example.models,
        dialect: None,
        sources: None,
    })
}

/// Snapshots every stage's SVG of `example` as `<key>-stage-<n>`.
fn assert_stage_svgs(example: &Example) {
    let analysis = analyze(example);
    assert_eq!(analysis.stages.len(), 5, "{}: five stages", example.key);
    for (index, stage) in analysis.stages.iter().enumerate() {
        insta::assert_snapshot!(format!("{}-stage-{index}-svg", example.key), stage.svg());
    }
}

#[test]
fn seed_svgs() {
    assert_stage_svgs(&seams_core::examples::SEED);
}

#[test]
fn freight_svgs() {
    assert_stage_svgs(&seams_core::examples::FREIGHT);
}

#[test]
fn seed_reports() {
    let example = seams_core::examples::SEED;
    let analysis = analyze(&example);
    insta::assert_snapshot!(
        "seed-check-text",
        report::check_text(&analysis.architecture)
    );
    insta::assert_snapshot!("seed-evolve-text", report::evolve_text(&analysis, None));
}

/// The JSON documents of every stage (OpenAPI, AsyncAPI), written straight to text rather than
/// through `serde_json::Value`, are exactly what serde_json's pretty printer prints for them:
/// the same layout, keys in sorted order. A writer slip shows here as a text diff.
#[test]
fn json_artifacts_print_as_serde_json_prints_them() {
    use seams_core::examples::{CLINIC, FREIGHT, MARKETPLACE, SEED};
    let mut documents = 0;
    for example in [SEED, FREIGHT, MARKETPLACE, CLINIC] {
        let analysis = analyze(&example);
        for view in &analysis.stages {
            for artifact in view.stage.artifacts.iter().filter(|a| a.language == "json") {
                let value: serde_json::Value = serde_json::from_str(&artifact.content)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", example.key, artifact.key));
                assert_eq!(
                    format!("{value:#}"),
                    artifact.content,
                    "{} {}",
                    example.key,
                    artifact.key
                );
                documents += 1;
            }
        }
    }
    // OpenAPI and AsyncAPI of each example.
    assert!(documents >= 8, "{documents}");
}
