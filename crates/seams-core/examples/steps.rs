//! Times each step of [`seams_core::pipeline::Run`] on one input, the steps the page runs one
//! per task, then the drawing of each stage (one task each in the page, the shown stage first):
//! `cargo run --release -p seams-core --example steps -- SCHEMA.sql [SERVICES.yaml] [MODELS]`.
//! The page's longest task is about the longest line here times wasm's slowdown.

use seams_core::ingest::Inputs;
use seams_core::pipeline::Run;
use std::time::Instant;

fn main() {
    let mut files = std::env::args().skip(1).map(|path| {
        std::fs::read_to_string(&path).unwrap_or_else(|error| {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(2)
        })
    });
    let schema = files.next().unwrap_or_default();
    let services = files.next().unwrap_or_default();
    let models = files.next().unwrap_or_default();
    let inputs = Inputs {
        schema: &schema,
        services: &services,
        models: &models,
        dialect: None,
        sources: None,
    };
    let start = Instant::now();
    let mut run = Run::new(inputs);
    println!("step {:>2} {:>10.1} ms  read the panes", 0, ms(start));
    let mut index = 1;
    loop {
        let start = Instant::now();
        let name = run.phase_name();
        let more = run.step();
        println!("step {index:>2} {:>10.1} ms  {name}", ms(start));
        if !more {
            break;
        }
        index += 1;
    }
    let analysis = run.finish();
    for view in &analysis.stages {
        let start = Instant::now();
        let bytes = view.svg().len();
        println!(
            "draw {:>2} {:>10.1} ms  {bytes} bytes of SVG",
            view.stage.index,
            ms(start)
        );
    }
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
