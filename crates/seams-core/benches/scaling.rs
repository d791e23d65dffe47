//! Scaling (issue 18): the full pipeline (`pipeline::analyze`: ingest, findings, evolution,
//! layout, scene, SVG — what `seams check` and `seams render` run) on generated inputs that
//! double one dimension at a time (tables, services, readers of tables nobody owns, list items,
//! ORM models, columns of one table and its models, name length) from 1,024 to 65,536, or until
//! the pane would pass `MAX_PANE_BYTES` (then the step is listed as over the cap and the
//! dimension stops). Per step: the median of criterion's samples (flat
//! sampling, ten samples) and the peak heap of one run, counted by this binary's allocator.
//! The target: each doubling costs at most about 2.2× time, and the peak stays within 10× the
//! input. Prints a Markdown table at the end (`docs/budgets.md`). Run with
//! `cargo bench -p seams-core --bench scaling`; `SCALING_MAX=8192` stops every dimension at
//! that step, `SCALING_DIMS=services,models` picks dimensions and `SCALING_ONCE=1` times one run
//! per step instead of criterion's samples (for profiling); `SCALING_DUMP=DIR` writes each step's
//! panes there (`DIR/services-1024.yaml` …) for the CLI.

use criterion::{BenchmarkId, Criterion, SamplingMode};
use seams_core::ingest::MAX_PANE_BYTES;
use seams_core::order;
use seams_core::{pipeline, Inputs};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[path = "../tests/support/counting.rs"]
mod counting;

use counting::{Counting, CURRENT, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The three panes of one step.
struct Texts {
    schema: String,
    services: String,
    models: String,
}

impl Texts {
    fn bytes(&self) -> usize {
        self.schema.len() + self.services.len() + self.models.len()
    }
    fn largest_pane(&self) -> usize {
        self.schema
            .len()
            .max(self.services.len())
            .max(self.models.len())
    }
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            schema: &self.schema,
            services: &self.services,
            models: &self.models,
            dialect: None,
            sources: None,
        }
    }
}

/// Schemas the generated tables are spread over.
const SCHEMAS: usize = 8;

/// The fixed size of the dimensions that are not being doubled.
const BASE: usize = 1_000;

/// Table `k`'s qualified name.
fn table(k: usize) -> String {
    format!("s{}.t{k}", k % SCHEMAS)
}

/// `count` tables, each with a key, two columns and a foreign key to table k / 4 (a tree, as
/// keys to a few central tables are: a chain instead would make every service's test-isolation
/// set, part of the output, as long as the chain).
fn schema(count: usize) -> String {
    let mut text = String::new();
    for k in 0..count {
        let _ = writeln!(
            text,
            "CREATE TABLE {} (id bigint PRIMARY KEY, name text, up bigint REFERENCES {}(id));",
            table(k),
            table(k / 4)
        );
    }
    text
}

/// `count` services over `tables` tables: service k writes table k, reads two others, publishes
/// its own topic, subscribes to the next service's and calls the next service (one writer per
/// table and one publisher per topic, as in a system of that many services; a fixed pool of
/// tables shared by ever more writers would make the dependency graph itself quadratic).
fn services(count: usize, tables: usize) -> String {
    let mut text = String::from("version: 1\nservices:\n");
    for k in 0..count {
        let next = (k + 1) % count;
        let _ = writeln!(
            text,
            "  svc-{k}: {{writes: [{}], reads: [{}, {}], publishes: [e{k}.done], \
             subscribes: [e{next}.done], calls: [{{svc-{next}: GET /x}}]}}",
            table(k % tables),
            table((k * 7 + 3) % tables),
            table((k * 13 + 5) % tables),
        );
    }
    text
}

/// `count` services over `10 count` tables that mostly nobody writes: service k writes table
/// 10k and reads the nine after it (a large schema that its services only read, as the page's
/// large-paste budget has it).
fn readers(count: usize) -> String {
    let mut text = String::from("version: 1\nservices:\n");
    for k in 0..count {
        let reads: Vec<String> = (1..10).map(|j| table(10 * k + j)).collect();
        let _ = writeln!(
            text,
            "  svc-{k}: {{writes: [{}], reads: [{}]}}",
            table(10 * k),
            reads.join(", ")
        );
    }
    text
}

/// Four services over `tables` tables; the first reads `items` tables and writes `items`
/// (cycling through the tables, so entries repeat as a long hand-written list may).
fn long_lists(items: usize, tables: usize) -> String {
    let list = |offset: usize| {
        (0..items)
            .map(|i| table((i * 3 + offset) % tables))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "version: 1\nservices:\n  big:\n    reads: [{}]\n    writes: [{}]\n",
        list(0),
        list(1)
    );
    for k in 0..3 {
        let _ = write!(
            text,
            "  small-{k}:\n    writes: [{}]\n    reads: [{}]\n",
            table(k),
            table(k + 10)
        );
    }
    text
}

/// `count` SQLAlchemy models over `tables` tables, in files of 16 models; file f belongs to
/// service `svc-{f % 32}`, so a table's model may be repeated (and drift) across services.
fn models(count: usize, tables: usize) -> String {
    let mut text = String::new();
    for k in 0..count {
        if k % 16 == 0 {
            let _ = write!(
                text,
                "# svc-{}/models/m{}.py\nfrom sqlalchemy import BigInteger, Column, Text\n\n",
                (k / 16) % 32,
                k / 16
            );
        }
        let t = k % tables;
        let _ = write!(
            text,
            "\nclass M{k}(Base):\n    __tablename__ = 't{t}'\n    __table_args__ = {{'schema': 's{}'}}\n    \
             id = Column(BigInteger, primary_key=True)\n    name = Column({})\n",
            t % SCHEMAS,
            if k % 3 == 0 { "BigInteger" } else { "Text" }
        );
    }
    text
}

/// One step of each dimension.
fn generate(dimension: &str, n: usize) -> Texts {
    match dimension {
        "tables" => Texts {
            schema: schema(n),
            services: services(10, n),
            models: String::new(),
        },
        // A system of n services: its tables grow with it (one written by each service).
        "services" => Texts {
            schema: schema(n),
            services: services(n, n),
            models: String::new(),
        },
        // n services reading 9 n tables nobody writes (the owner rules compare every such
        // table with every service unless they gather the services once).
        "readers" => Texts {
            schema: schema(10 * n),
            services: readers(n),
            models: String::new(),
        },
        "list items" => Texts {
            schema: schema(BASE),
            services: long_lists(n, BASE),
            models: String::new(),
        },
        "models" => Texts {
            schema: schema(BASE),
            services: services(32, BASE),
            models: models(n, BASE),
        },
        // One table of `n` columns and two services' models of it (one service's types
        // differ), beside the base schema.
        "columns" => {
            let mut schema = schema(BASE);
            let mut models = String::new();
            schema.push_str("CREATE TABLE s0.wide (id bigint PRIMARY KEY");
            for (service, kind) in [("svc-0", "Text"), ("svc-1", "BigInteger")] {
                let _ = write!(
                    models,
                    "# {service}/models/wide.py\nfrom sqlalchemy import BigInteger, Column, Text\n\n\
                     class Wide(Base):\n    __tablename__ = 'wide'\n    __table_args__ = {{'schema': 's0'}}\n    \
                     id = Column(BigInteger, primary_key=True)\n"
                );
                for i in 0..n {
                    let _ = writeln!(models, "    c{i} = Column({kind})");
                }
            }
            for i in 0..n {
                let _ = write!(schema, ", c{i} text");
            }
            schema.push_str(");\n");
            Texts {
                schema,
                services: services(32, BASE),
                models,
            }
        }
        // One table, column, service, topic and unknown name each `n` characters long, beside
        // ten ordinary tables.
        _ => {
            let long = "x".repeat(n);
            let mut schema = schema(10);
            let _ = writeln!(
                schema,
                "CREATE TABLE s0.t_{long} (id bigint PRIMARY KEY, c_{long} text);"
            );
            // An implicit YAML key is at most 1,024 characters: the long service name is an
            // explicit (`? `) key.
            let services = format!(
                "version: 1\nservices:\n  ? svc-{long}\n  :\n    writes: [s0.t_{long}]\n    reads: [s0.t1, \
                 s0.u_{long}]\n    publishes: [e_{long}.done]\n  other:\n    reads: [s0.t_{long}]\n    \
                 subscribes: [e_{long}.done]\n"
            );
            Texts {
                schema,
                services,
                models: String::new(),
            }
        }
    }
}

const DIMENSIONS: [&str; 7] = [
    "tables",
    "services",
    "readers",
    "list items",
    "models",
    "columns",
    "name length",
];

/// One measured step.
struct Row {
    dimension: &'static str,
    n: usize,
    bytes: usize,
    /// Median seconds, or why there is none.
    time: Result<f64, String>,
    peak: usize,
    /// Bytes of what the run produced: the five SVGs and the artifacts' texts.
    output: usize,
}

/// The whole pipeline with every stage's picture drawn (a stage is drawn when first asked for;
/// the page draws all five, `seams render` one).
fn drawn(inputs: seams_core::ingest::Inputs<'_>) -> pipeline::Analysis {
    let analysis = pipeline::analyze(inputs);
    for view in &analysis.stages {
        black_box(view.svg());
    }
    analysis
}

/// The size of an analysis' texts: every stage's SVG and artifacts (what the page shows and
/// the CLI can write), for comparing the peak with what must be produced anyway.
fn output_bytes(analysis: &pipeline::Analysis) -> usize {
    analysis
        .stages
        .iter()
        .map(|view| {
            view.svg().len()
                + view
                    .stage
                    .artifacts
                    .iter()
                    .map(|a| a.content.len())
                    .sum::<usize>()
        })
        .sum()
}

/// A single run slower than this ends its dimension (criterion would need ten of them).
const TOO_SLOW: Duration = Duration::from_secs(60);

fn main() {
    let max: usize = std::env::var("SCALING_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(65_536);
    let only = std::env::var("SCALING_DIMS").ok();
    let once_only = std::env::var_os("SCALING_ONCE").is_some();
    let dump = std::env::var("SCALING_DUMP").ok();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut rows = Vec::new();
    for dimension in DIMENSIONS {
        if only
            .as_deref()
            .is_some_and(|only| !only.split(',').any(|d| d == dimension))
        {
            continue;
        }
        let mut group = criterion.benchmark_group(format!("scaling {dimension}"));
        group.sampling_mode(SamplingMode::Flat);
        let mut n = 1_024;
        while n <= max {
            let texts = generate(dimension, n);
            if texts.largest_pane() > MAX_PANE_BYTES {
                rows.push(Row {
                    dimension,
                    n,
                    bytes: texts.bytes(),
                    time: Err(format!(
                        "over the {} MB pane cap",
                        MAX_PANE_BYTES / 1_048_576
                    )),
                    peak: 0,
                    output: 0,
                });
                break;
            }
            if let Some(dir) = &dump {
                let stem = format!("{dir}/{}-{n}", dimension.replace(' ', "-"));
                for (pane, text) in [
                    ("sql", &texts.schema),
                    ("yaml", &texts.services),
                    ("py", &texts.models),
                ] {
                    if let Err(error) = std::fs::write(format!("{stem}.{pane}"), text) {
                        eprintln!("cannot write {stem}.{pane}: {error}");
                    }
                }
            }
            // Peak memory of one run, above what is live before it (the input texts).
            let before = CURRENT.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let start = Instant::now();
            let analysis = black_box(drawn(texts.inputs()));
            let once = start.elapsed();
            let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
            let output = output_bytes(&analysis);
            drop(analysis);
            if once > TOO_SLOW {
                rows.push(Row {
                    dimension,
                    n,
                    bytes: texts.bytes(),
                    time: Err(format!("one run took {:.1} s; stopped", once.as_secs_f64())),
                    peak,
                    output,
                });
                break;
            }
            if once_only {
                rows.push(Row {
                    dimension,
                    n,
                    bytes: texts.bytes(),
                    time: Ok(once.as_secs_f64()),
                    peak,
                    output,
                });
                n *= 2;
                continue;
            }
            // Criterion calls the routine for the warm-up, then once per sample (flat
            // sampling): the last ten records are the samples.
            let samples: RefCell<Vec<f64>> = RefCell::new(Vec::new());
            group.bench_with_input(BenchmarkId::from_parameter(n), &texts, |b, texts| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    for _ in 0..iters {
                        drop(black_box(drawn(texts.inputs())));
                    }
                    let took = start.elapsed();
                    samples
                        .borrow_mut()
                        .push(took.as_secs_f64() / iters.max(1) as f64);
                    took
                })
            });
            let mut samples = samples.into_inner();
            let last = samples.split_off(samples.len().saturating_sub(10));
            rows.push(Row {
                dimension,
                n,
                bytes: texts.bytes(),
                time: median(last).ok_or_else(|| "filtered out".to_string()),
                peak,
                output,
            });
            n *= 2;
        }
        group.finish();
    }
    criterion.final_summary();
    println!("{}", markdown(&rows));
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    order::sort_by(&mut values, f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        len if len % 2 == 1 => values.get(mid).copied(),
        _ => Some((values.get(mid - 1)? + values.get(mid)?) / 2.0),
    }
}

/// The Markdown table of `docs/budgets.md`.
fn markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| dimension | n | input | median time | × previous | peak heap | peak / input | output (SVGs, artifacts) |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut previous: Option<(&str, f64)> = None;
    for row in rows {
        let (time, ratio) = match &row.time {
            Ok(seconds) => {
                let ratio = match previous {
                    Some((dimension, before)) if dimension == row.dimension => {
                        format!("{:.2}×", seconds / before)
                    }
                    _ => "—".to_string(),
                };
                previous = Some((row.dimension, *seconds));
                (format_seconds(*seconds), ratio)
            }
            Err(why) => (why.clone(), "—".to_string()),
        };
        let (peak, per_input, output) = if row.peak == 0 {
            ("—".to_string(), "—".to_string(), "—".to_string())
        } else {
            (
                format!("{:.1} MB", row.peak as f64 / 1_048_576.0),
                format!("{:.0}×", row.peak as f64 / row.bytes as f64),
                format!("{:.1} MB", row.output as f64 / 1_048_576.0),
            )
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} KB | {time} | {ratio} | {peak} | {per_input} | {output} |",
            row.dimension,
            row.n,
            row.bytes as f64 / 1024.0,
        );
    }
    out
}

fn format_seconds(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.1} ms", seconds * 1_000.0)
    }
}
