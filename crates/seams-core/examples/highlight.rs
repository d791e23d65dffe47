//! Times highlighting as the page does it on every keystroke: a character typed in the middle
//! of a schema, the highlighting brought up to date ([`Highlighted::edited`]), and a 300-line
//! window around the edit cut into pieces. `cargo run --release -p seams-core --example highlight -- FILE.sql` prints the
//! medians (whole text, and keystroke) over repeated runs.

use seams_core::highlight::{Highlighted, Language};
use seams_core::order;
use std::time::Instant;

/// The median of some timings, in microseconds.
fn median(mut micros: Vec<f64>) -> f64 {
    order::sort_by(&mut micros, f64::total_cmp);
    micros.get(micros.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: highlight FILE.sql");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let language = Language::Sql(Some(seams_core::sql::parse_schema(&text, None).dialect));
    let mut whole = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        std::hint::black_box(Highlighted::new(language, &text));
        whole.push(started.elapsed().as_secs_f64() * 1e6);
    }
    let middle = text
        .get(..text.len() / 2)
        .and_then(|head| head.rfind('\n'))
        .map_or(0, |at| at + 1);
    let (head, tail) = text.split_at(middle);
    let edited = format!("{head}x{tail}");
    let first_line = head.matches('\n').count().saturating_sub(150);
    let mut keystroke = Vec::new();
    let mut highlighted = Highlighted::new(language, &text);
    for i in 0..200 {
        let typed = if i % 2 == 0 { &edited } else { &text };
        let started = Instant::now();
        highlighted = highlighted.edited(language, typed);
        let pieces: usize = (first_line..first_line + 300)
            .map(|line| highlighted.pieces(line).len())
            .sum();
        std::hint::black_box(pieces);
        keystroke.push(started.elapsed().as_secs_f64() * 1e6);
    }
    println!(
        "{} bytes: whole text {:.0} µs, keystroke (highlight + 300-line window) {:.0} µs (medians)",
        text.len(),
        median(whole),
        median(keystroke)
    );
}
