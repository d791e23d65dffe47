//! Measures the memory an ingest keeps (and its peak) relative to the input size, with a
//! counting allocator: `cargo run --release -p seams-core --example memory -- FILE.sql...`.
//! The budget (issue 2): what stays after ingest is at most 10× the input, because each
//! statement's AST is dropped once its facts are extracted.

#[path = "../tests/support/counting.rs"]
mod counting;

use counting::{Counting, CURRENT, PEAK};
use std::sync::atomic::Ordering;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    println!(
        "{:<40} {:>10} {:>12} {:>8} {:>12} {:>8}",
        "file", "input", "retained", "ratio", "peak", "ratio"
    );
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let architecture = seams_core::ingest(seams_core::Inputs {
            schema: &text,
            ..Default::default()
        });
        let retained = CURRENT.load(Ordering::Relaxed) - before;
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        println!(
            "{name:<40} {:>10} {:>12} {:>7.1}x {:>12} {:>7.1}x   ({} tables)",
            text.len(),
            retained,
            retained as f64 / text.len() as f64,
            peak,
            peak as f64 / text.len() as f64,
            architecture.tables.len()
        );
        drop(architecture);
    }
}
