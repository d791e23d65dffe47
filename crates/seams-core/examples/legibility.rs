//! The legibility benchmark (issue 17): for every gallery example and stage, the places where
//! edges cross and the edges drawn through a box that is not one of their ends, counted on the
//! picture Seams draws; where Graphviz `dot` is on the PATH, the same graph laid out by `dot`
//! (same box sizes, one cluster per database, the same edges) counted the same way, with both
//! layout times. Run: `cargo run --release -p seams-core --example legibility`; with
//! `-- --svg DIR` it also writes each picture as `DIR/<example>-<stage>.svg` to look at, and the
//! graph given to `dot` as `DIR/<example>-<stage>.dot` (`dot -Tsvg` draws it).
//!
//! Seams' time is layout, scene and SVG of one stage (`pipeline::render_stage`, the median of
//! nine runs); `dot`'s is the wall time of one `dot -Tplain` process (so it includes starting
//! the process, a few milliseconds).

use seams_core::examples;
use seams_core::graph::NodeKind;
use seams_core::layout::Rect;
use seams_core::legibility::{self, DrawnEdge, Legibility, Obstacle, Point};
use seams_core::pipeline::{self, ViewOptions};
use seams_core::scene::Scene;
use seams_core::Inputs;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let dot = Command::new("dot").arg("-V").output().is_ok();
    let args: Vec<String> = std::env::args().collect();
    let svg_dir = args
        .iter()
        .position(|a| a == "--svg")
        .and_then(|i| args.get(i + 1));
    println!(
        "| picture | boxes | edges | Seams crossings | dot crossings | Seams edges through a box | dot | Seams ms | dot ms |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for example in examples::ALL {
        let started = Instant::now();
        let analysis = pipeline::analyze(Inputs {
            schema: example.schema,
            services: example.services,
            models: example.models,
            dialect: None,
            sources: None,
        });
        eprintln!(
            "{}: analysis {:.1} ms",
            example.key,
            started.elapsed().as_secs_f64() * 1e3
        );
        for (index, view) in analysis.stages.iter().enumerate() {
            let ours = legibility::measure(view.scene());
            if let Some(dir) = svg_dir {
                let path = format!("{dir}/{}-{index}.svg", example.key);
                if let Err(e) = std::fs::write(&path, view.svg()) {
                    eprintln!("{path}: {e}");
                }
                // The graph `dot` is given, to draw it (`dot -Tsvg`) beside ours.
                let path = format!("{dir}/{}-{index}.dot", example.key);
                if let Err(e) = std::fs::write(&path, to_dot(view.scene()).0) {
                    eprintln!("{path}: {e}");
                }
            }
            let ours_time = median_time(|| {
                pipeline::render_stage(&analysis, index, &ViewOptions::default());
            });
            let theirs = if dot { graphviz(view.scene()) } else { None };
            let (dc, dt, dtime) = match theirs {
                Some((l, t)) => (
                    l.crossings.to_string(),
                    l.through_boxes.to_string(),
                    format!("{:.1}", t.as_secs_f64() * 1e3),
                ),
                None => ("–".into(), "–".into(), "–".into()),
            };
            println!(
                "| {} stage {} | {} | {} | {} | {} | {} | {} | {:.2} | {} |",
                example.key,
                index,
                ours.boxes,
                ours.edges,
                ours.crossings,
                dc,
                ours.through_boxes,
                dt,
                ours_time.as_secs_f64() * 1e3,
                dtime
            );
        }
    }
    if !dot {
        println!("\n(`dot` is not installed: `apt-get install graphviz` to compare.)");
    }
}

/// The median wall time of nine runs of `work`.
fn median_time(mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    seams_core::order::sort(&mut times);
    times.get(4).copied().unwrap_or_default()
}

/// Points per inch in Graphviz.
const PT: f64 = 72.0;

/// The scene's graph as DOT: every box but database frames with its size (fixed), the cards of
/// each database in a cluster, every drawn edge from its source to its target.
fn to_dot(scene: &Scene) -> (String, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = String::from(
        "digraph G {\n  graph [rankdir=TB, nodesep=0.3, ranksep=0.5];\n  node [shape=box, fixedsize=true, label=\"\"];\n  edge [arrowhead=none];\n",
    );
    let databases: Vec<&Rect> = scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Database)
        .map(|n| &n.rect)
        .collect();
    let inside = |r: &Rect, d: &Rect| {
        r.x >= d.x && r.right() <= d.right() && r.y >= d.y && r.bottom() <= d.bottom()
    };
    let mut clusters: Vec<Vec<String>> = vec![Vec::new(); databases.len()];
    for node in scene.nodes.iter().filter(|n| n.kind != NodeKind::Database) {
        let i = names.len();
        index.insert(node.id.as_str(), i);
        names.push(node.id.clone());
        let line = format!(
            "n{i} [width={:.3}, height={:.3}];",
            node.rect.w / PT,
            node.rect.h / PT
        );
        match databases.iter().position(|d| inside(&node.rect, d)) {
            Some(d) => {
                if let Some(c) = clusters.get_mut(d) {
                    c.push(line);
                }
            }
            None => out.push_str(&format!("  {line}\n")),
        }
    }
    for (d, lines) in clusters.iter().enumerate() {
        out.push_str(&format!("  subgraph cluster_{d} {{\n"));
        for line in lines {
            out.push_str(&format!("    {line}\n"));
        }
        out.push_str("  }\n");
    }
    for edge in &scene.edges {
        if let (Some(a), Some(b)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str())) {
            out.push_str(&format!("  n{a} -> n{b};\n"));
        }
    }
    out.push_str("}\n");
    (out, names)
}

/// Lays the scene's graph out with `dot` and measures it; None when `dot` fails.
fn graphviz(scene: &Scene) -> Option<(Legibility, Duration)> {
    let (text, names) = to_dot(scene);
    let start = Instant::now();
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    let elapsed = start.elapsed();
    let plain = String::from_utf8(output.stdout).ok()?;
    let (boxes, edges) = parse_plain(&plain, &names);
    Some((legibility::count(&boxes, &edges), elapsed))
}

/// The boxes and edge splines of `dot -Tplain` output, in points with y pointing down.
fn parse_plain(plain: &str, names: &[String]) -> (Vec<Obstacle>, Vec<DrawnEdge>) {
    let mut height = 0.0;
    let mut boxes = Vec::new();
    let mut edges = Vec::new();
    let name = |token: &str| {
        token
            .strip_prefix('n')
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| names.get(i).cloned())
            .unwrap_or_default()
    };
    for line in plain.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let number = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        match fields.first().copied() {
            Some("graph") => height = number(3),
            Some("node") => {
                let (x, y, w, h) = (number(2), number(3), number(4), number(5));
                boxes.push(Obstacle {
                    id: name(fields.get(1).copied().unwrap_or_default()),
                    rect: Rect {
                        x: (x - w / 2.0) * PT,
                        y: (height - y - h / 2.0) * PT,
                        w: w * PT,
                        h: h * PT,
                    },
                });
            }
            Some("edge") => {
                let n = number(3) as usize;
                let points: Vec<Point> = (0..n)
                    .map(|k| (number(4 + 2 * k) * PT, (height - number(5 + 2 * k)) * PT))
                    .collect();
                let mut line = points.first().copied().into_iter().collect::<Vec<_>>();
                for piece in points.windows(4).step_by(3) {
                    if let [a, b, c, d] = piece {
                        line.extend(legibility::cubic(*a, *b, *c, *d));
                    }
                }
                edges.push(DrawnEdge {
                    from: name(fields.get(1).copied().unwrap_or_default()),
                    to: name(fields.get(2).copied().unwrap_or_default()),
                    lines: vec![line],
                });
            }
            _ => {}
        }
    }
    (boxes, edges)
}
