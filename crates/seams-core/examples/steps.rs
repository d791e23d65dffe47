//! Times each step of [`seams_core::pipeline::Run`] on one input, the steps the page runs one
//! per task, then the drawing of each stage (in pieces, as the page draws them; the longest
//! piece is given):
//! `cargo run --release -p seams-core --example steps -- SCHEMA.sql [SERVICES.yaml] [MODELS]`.
//! The page's longest task is about the longest line here times wasm's slowdown. Each line also
//! gives the heap held after the step and the peak during it (a counting allocator), in MB and
//! as a multiple of the input: where the memory of a run goes.

use seams_core::ingest::Inputs;
use seams_core::pace::Paced;
use seams_core::pipeline::Run;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "../tests/support/counting.rs"]
mod counting;

use counting::{Counting, CURRENT, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The input's size, against which the heap is given as a multiple.
struct Meter {
    input: usize,
    base: usize,
}

impl Meter {
    /// Starts a step: the peak is measured from what is held now.
    fn start(&self) -> Instant {
        PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
        Instant::now()
    }

    /// The line of one step: time, heap held and peak.
    fn line(&self, what: &str, index: usize, start: Instant, name: &str) -> String {
        let mb = |bytes: usize| bytes.saturating_sub(self.base) as f64 / 1e6;
        let times =
            |bytes: usize| bytes.saturating_sub(self.base) as f64 / self.input.max(1) as f64;
        let (held, peak) = (
            CURRENT.load(Ordering::Relaxed),
            PEAK.load(Ordering::Relaxed),
        );
        format!(
            "{what} {index:>2} {:>10.1} ms {:>9.1} MB held ({:>5.0}×) {:>9.1} MB peak ({:>5.0}×)  {name}",
            start.elapsed().as_secs_f64() * 1000.0,
            mb(held),
            times(held),
            mb(peak),
            times(peak),
        )
    }
}

/// A drawing's pieces longer than this are listed, each on a line of its own.
const LONG_PIECE_MS: f64 = 50.0;

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
    let meter = Meter {
        input: schema.len() + services.len() + models.len(),
        base: CURRENT.load(Ordering::Relaxed),
    };
    let inputs = Inputs {
        schema: &schema,
        services: &services,
        models: &models,
        dialect: None,
        sources: None,
    };
    let mut run = Run::new(inputs);
    let mut index = 0;
    loop {
        let start = meter.start();
        let name = run.phase_name();
        let more = run.step();
        println!("{}", meter.line("step", index, start, name));
        if !more {
            break;
        }
        index += 1;
    }
    let analysis = run.finish();
    // Each stage drawn as the page draws it: in pieces, the longest of which is one task.
    for view in &analysis.stages {
        let mut drawing = Paced::new(view.rendered_paced());
        let (mut pieces, mut longest) = (0, 0.0f64);
        let start = meter.start();
        loop {
            let piece = Instant::now();
            let done = drawing.step().is_ready();
            pieces += 1;
            let ms = piece.elapsed().as_secs_f64() * 1000.0;
            if ms > LONG_PIECE_MS {
                println!("  piece {pieces:>3} of the drawing {ms:>10.1} ms");
            }
            longest = longest.max(ms);
            if done {
                break;
            }
        }
        let name = format!("{pieces} pieces, the longest {longest:.1} ms");
        println!(
            "{}",
            meter.line("draw", view.stage.index.into(), start, &name)
        );
    }
}
