//! `seams evolve` and `seams render` end to end on the seed example's services file (the SQL
//! parser may still be a stub; tables named by services exist either way): the evolve JSON
//! validates against `schemas/evolve.schema.json`, its findings are `seams check`'s objects,
//! `--emit` prints an artifact raw, `render` prints the page's SVG bytes, usage errors exit 2.

// Test code: a panic is how a test fails (the workspace lints deny these in the CLI itself).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use seams_core::pipeline::{self, Analysis};
use seams_core::Inputs;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed/");

fn seed_file(name: &str) -> String {
    format!("{SEED}{name}")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn evolve_schema() -> Value {
    serde_json::from_str(&read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/evolve.schema.json"
    )))
    .unwrap()
}

/// Runs the binary; returns exit code, stdout bytes and stderr.
fn seams(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_seams"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The seed inputs as flags: schema and services (the services file alone carries the story).
fn seed_args() -> Vec<String> {
    vec![
        "--schema".into(),
        seed_file("schema.sql"),
        "--services".into(),
        seed_file("services.yaml"),
    ]
}

fn run(command: &str, extra: &[&str]) -> (i32, Vec<u8>, String) {
    let args = seed_args();
    let mut all: Vec<&str> = vec![command];
    all.extend(args.iter().map(String::as_str));
    all.extend(extra);
    seams(&all)
}

/// The analysis the page computes for the same files.
fn seed_analysis() -> Analysis {
    let schema = read(&seed_file("schema.sql"));
    let services = read(&seed_file("services.yaml"));
    pipeline::analyze(Inputs {
        schema: &schema,
        services: &services,
        models: "",
        dialect: None,
        sources: None,
    })
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn evolve_json_validates_and_scores_never_fall() {
    let (code, out, err) = run("evolve", &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let value = json_of(&out);
    let validator = jsonschema::validator_for(&evolve_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{value:#}");
    let stages = value["stages"].as_array().unwrap();
    let keys: Vec<&str> = stages.iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "as-is",
            "shared-models",
            "ownership",
            "api-boundaries",
            "events"
        ]
    );
    let overall: Vec<u64> = stages
        .iter()
        .map(|s| s["score"]["overall"].as_u64().unwrap())
        .collect();
    assert!(overall.windows(2).all(|w| w[0] <= w[1]), "{overall:?}");
    assert!(overall[4] > overall[0], "{overall:?}");
    assert!(stages[3]["narrative"]
        .as_str()
        .unwrap()
        .contains("app-a stops reading users"));

    // The schema really constrains: an unknown change kind or a missing score fails.
    let mut broken = value.clone();
    broken["stages"][3]["changes"][0]["kind"] = json!("moved");
    assert!(!validator.is_valid(&broken));
    let mut broken = value;
    broken["stages"][0].as_object_mut().unwrap().remove("score");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn evolve_findings_are_check_findings() {
    let (_, check, _) = run("check", &["--format", "json"]);
    let (_, evolve, _) = run("evolve", &["--format", "json", "--stage", "0"]);
    let (check, evolve) = (json_of(&check), json_of(&evolve));
    let stages = evolve["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 1);
    assert_eq!(stages[0]["index"], 0);
    assert_eq!(stages[0]["findings"], check["findings"]);
    assert_eq!(stages[0]["score"], check["score"]);
}

#[test]
fn evolve_text_shows_each_stage_with_its_score_change() {
    let (code, out, _) = run("evolve", &[]);
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    let analysis = seed_analysis();
    for view in &analysis.stages {
        let heading = format!(
            "Stage {}: {}  score {}/100",
            view.stage.index, view.stage.name, view.score.overall
        );
        assert!(text.contains(&heading), "{heading}\n{text}");
    }
    assert!(text.contains("since stage 3"), "{text}");
    let (_, one, _) = run("evolve", &["--stage", "2"]);
    let one = String::from_utf8(one).unwrap();
    assert!(
        one.starts_with("Stage 2: ") && !one.contains("Stage 3"),
        "{one}"
    );
}

#[test]
fn emit_prints_an_artifact_raw() {
    let analysis = seed_analysis();
    let artifact = |stage: usize, key: &str| {
        analysis.stages[stage]
            .stage
            .artifacts
            .iter()
            .find(|a| a.key == key)
            .unwrap()
            .content
            .clone()
    };
    let (code, out, _) = run("evolve", &["--emit", "grants"]);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8(out).unwrap(), artifact(2, "grants"));
    let (code, out, _) = run("evolve", &["--emit", "openapi", "--stage", "3"]);
    assert_eq!(code, 0);
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        artifact(3, "openapi")
    );
    assert!(json_of(&out)["paths"].is_object());
    // The artifact's stage is not the one asked for.
    let (code, out, err) = run("evolve", &["--emit", "openapi", "--stage", "1"]);
    assert_eq!(code, 2);
    assert!(
        out.is_empty() && err.contains("stage 1 has no openapi"),
        "{err}"
    );
    // No models were given, so no stage produces the shared library.
    let (code, _, err) = run("evolve", &["--emit", "models"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn render_writes_the_page_export_bytes() {
    let analysis = seed_analysis();
    let framed = |stage: usize| {
        seams_core::pipeline::export_svg(&analysis, stage)
            .unwrap()
            .svg
            .into_bytes()
    };
    let (code, out, _) = run("render", &["--stage", "4"]);
    assert_eq!(code, 0);
    assert_eq!(out, framed(4));
    // The export says what it shows: stage, score and a legend, around the drawing itself.
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Stage 4 · "), "{text}");
    assert!(text.contains("Score "), "{text}");
    assert!(
        text.contains(analysis.stages[4].svg()),
        "the drawing is inside"
    );
    assert!(text.contains("class=\"frame-legend\""), "{text}");
    let (_, dash, _) = run("render", &["-o", "-"]);
    assert_eq!(dash, framed(0));
    // `--bare` gives the drawing alone, the page's graph.
    let (code, bare, _) = run("render", &["--stage", "3", "--bare"]);
    assert_eq!(code, 0);
    assert_eq!(bare, analysis.stages[3].svg().as_bytes());

    let path: PathBuf =
        std::env::temp_dir().join(format!("seams-render-{}.svg", std::process::id()));
    let file = path.to_string_lossy().into_owned();
    let (code, out, _) = run("render", &["--stage", "2", "-o", &file]);
    let written = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert_eq!(written, framed(2));
}

#[test]
fn usage_errors_exit_2() {
    for extra in [
        &["--stage", "5"][..],
        &["--emit", "made-up"],
        &["--format", "sarif"],
    ] {
        let (code, out, _) = run("evolve", extra);
        assert_eq!(code, 2, "{extra:?}");
        assert!(out.is_empty());
    }
    let (code, _, _) = run("render", &["--stage", "7"]);
    assert_eq!(code, 2);
    let (code, _, err) = seams(&["evolve", "--schema", "/no/such/file.sql"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/file.sql"), "{err}");
    let (code, _, _) = seams(&["render", "--schema", "/no/such/file.sql"]);
    assert_eq!(code, 2);
}
