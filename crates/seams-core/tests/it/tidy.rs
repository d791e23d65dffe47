//! Tidy checks that run under plain `cargo test`: the core stays free of browser dependencies,
//! every module says what it is, no import cycle, the pipeline's phases only look back, and docs
//! cite pages that exist. (Panicking shortcuts in non-test code are clippy's job:
//! `[workspace.lints]` in Cargo.toml denies them.)

use seams_core::order;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const CORE_SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Crates that would tie the core to a browser.
const BROWSER_CRATES: &[&str] = &[
    "leptos",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "gloo-timers",
    "console_error_panic_hook",
    "tachys",
];

/// Package name → dependency names, from Cargo.lock.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap()
            .to_string();
        let deps: Vec<String> = block
            .split("dependencies = [")
            .nth(1)
            .map(|rest| {
                rest.split(']')
                    .next()
                    .unwrap_or_default()
                    .lines()
                    .filter_map(|l| {
                        l.trim()
                            .trim_end_matches(',')
                            .trim_matches('"')
                            .split(' ')
                            .next()
                            .map(str::to_string)
                    })
                    .filter(|d| !d.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        graph.entry(name).or_default().extend(deps);
    }
    graph
}

#[test]
fn the_core_has_no_browser_dependency() {
    let graph = lock_graph();
    assert!(
        graph.contains_key("seams-core") && graph.contains_key("leptos"),
        "the lock file was read"
    );
    // Start from the core's normal dependencies (dev-dependencies such as criterion may use
    // anything: they never reach the page).
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let normal = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    let mut stack: Vec<String> = normal
        .lines()
        .filter_map(|l| l.split('=').next())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty() && !n.starts_with('#'))
        .collect();
    assert!(
        stack.iter().any(|n| n == "petgraph"),
        "the core's dependencies were read: {stack:?}"
    );
    // SQL is read by the core's own token readers; sqlparser (394 KB of gzip in the page) is
    // only the tests' oracle.
    assert!(
        !stack.iter().any(|n| n == "sqlparser"),
        "sqlparser is a normal dependency of the core again: {stack:?}"
    );
    let mut seen = BTreeSet::new();
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone()) {
            stack.extend(graph.get(&name).cloned().unwrap_or_default());
        }
    }
    let found: Vec<&String> = seen
        .iter()
        .filter(|n| BROWSER_CRATES.contains(&n.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "seams-core depends on browser crates: {found:?}"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_core_module_starts_with_a_doc_paragraph() {
    let mut files = Vec::new();
    rust_files(Path::new(CORE_SRC), &mut files);
    assert!(files.len() > 20);
    let missing: Vec<&PathBuf> = files
        .iter()
        .filter(|f| {
            !std::fs::read_to_string(f)
                .unwrap()
                .trim_start()
                .starts_with("//!")
        })
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` paragraph: {missing:?}"
    );
}

const PAGE_SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../src");

/// A source file's text; empty when unreadable (the graph's sanity test then fails).
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The module path of a source file under `src` (`sql/ddl.rs` → `["sql", "ddl"]`, `layout.rs` →
/// `["layout"]`); `lib.rs`/`main.rs` are the crate root (an empty path).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if matches!(parts.as_slice(), [only] if only == "lib" || only == "main") {
        parts.clear();
    }
    parts
}

/// The text of `source` without comments and without the items marked `#[cfg(test)]` (a
/// `mod x;` line, or a block up to its closing brace): test code may reach anywhere to build
/// its fixtures.
fn without_test_items(source: &str) -> String {
    let mut kept = String::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            let mut depth = 0i64;
            let mut opened = false;
            for item in lines.by_ref() {
                depth += item.matches('{').count() as i64;
                depth -= item.matches('}').count() as i64;
                opened |= item.contains('{');
                if (opened && depth <= 0) || (!opened && item.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        kept.push_str(line.split("//").next().unwrap_or_default());
        kept.push('\n');
    }
    kept
}

/// Files compiled only for tests: those their parent declares under `#[cfg(test)]`.
fn test_only_files(src: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut test_only = BTreeSet::new();
    for file in files {
        let is_dir_root = file
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs");
        let dir = if is_dir_root {
            file.parent().unwrap_or(src).to_path_buf()
        } else {
            file.with_extension("")
        };
        let text = read(file);
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if !line.starts_with("#[cfg(test)]") {
                continue;
            }
            let declared = lines
                .next()
                .and_then(|l| {
                    l.strip_prefix("mod ")
                        .or_else(|| l.strip_prefix("pub mod "))
                })
                .and_then(|l| l.strip_suffix(';'));
            if let Some(name) = declared {
                test_only.insert(dir.join(format!("{name}.rs")));
                test_only.insert(dir.join(name).join("mod.rs"));
            }
        }
    }
    test_only
}

/// The leading identifier of `text` (after spaces).
fn leading_ident(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The first segment of every path a text names through `crate::` (each path of a
/// `crate::{a, b::c}` group too), and through `super::` from a file one level below the root.
fn named_modules(text: &str, own: &[String]) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (before, after) in text.split("crate::").zip(text.split("crate::").skip(1)) {
        if before
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue; // `seams_core::` or another crate's path
        }
        let Some(group) = after.strip_prefix('{') else {
            named.insert(leading_ident(after));
            continue;
        };
        let mut depth = 1;
        let mut item = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            if c == ',' && depth == 1 {
                named.insert(leading_ident(&item));
                item.clear();
            } else {
                item.push(c);
            }
        }
        named.insert(leading_ident(&item));
    }
    if own.len() == 1 {
        named.extend(text.split("super::").skip(1).map(leading_ident));
    }
    named.retain(|n| !n.is_empty());
    named
}

/// The module graph of one crate's `src`: top-level module → the top-level modules its non-test
/// code names. Names the crate root re-exports (`pub use x::{A, b};`) count as their module.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let test_only = test_only_files(src, &files);
    let root = src.join(if src.join("lib.rs").exists() {
        "lib.rs"
    } else {
        "main.rs"
    });
    let mut modules = BTreeSet::new();
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for line in without_test_items(&read(&root)).lines().map(str::trim) {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|l| l.strip_suffix(';'))
        {
            modules.insert(name.to_string());
        }
        let used = line
            .strip_prefix("pub use ")
            .and_then(|l| l.strip_suffix(';'))
            .and_then(|l| l.split_once("::"));
        if let Some((module, names)) = used {
            for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
                reexports.insert(name.trim().to_string(), module.to_string());
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files
        .iter()
        .filter(|f| !test_only.contains(*f) && **f != root)
    {
        let own = module_path(src, file);
        let Some(top) = own.first() else {
            continue;
        };
        let targets = graph.entry(top.clone()).or_default();
        for name in named_modules(&without_test_items(&read(file)), &own) {
            let module = reexports.get(&name).cloned().unwrap_or(name);
            if &module != top && modules.contains(&module) {
                targets.insert(module);
            }
        }
    }
    graph
}

/// The cycles of a module graph (strongly connected components of more than one module), each
/// sorted, sorted.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut g = petgraph::graph::DiGraph::<&str, ()>::new();
    let mut index = BTreeMap::new();
    for name in graph.keys().chain(graph.values().flatten()) {
        index
            .entry(name.as_str())
            .or_insert_with(|| g.add_node(name.as_str()));
    }
    for (module, targets) in graph {
        for target in targets {
            if let (Some(&a), Some(&b)) = (index.get(module.as_str()), index.get(target.as_str())) {
                g.add_edge(a, b, ());
            }
        }
    }
    let mut found: Vec<Vec<String>> = petgraph::algo::tarjan_scc(&g)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .map(|scc| {
            let mut names: Vec<String> = scc
                .iter()
                .filter_map(|&n| g.node_weight(n).map(|s| s.to_string()))
                .collect();
            order::sort(&mut names);
            names
        })
        .collect();
    order::sort(&mut found);
    found
}

/// Each cycle with the edges that make it (`a → b`), for the failure message.
fn describe(graph: &BTreeMap<String, BTreeSet<String>>, cycles: &[Vec<String>]) -> String {
    cycles
        .iter()
        .map(|cycle| {
            let edges: Vec<String> = cycle
                .iter()
                .flat_map(|from| {
                    graph
                        .get(from)
                        .into_iter()
                        .flatten()
                        .filter(|to| cycle.contains(to))
                        .map(move |to| format!("{from} → {to}"))
                })
                .collect();
            format!("{{{}}}: {}", cycle.join(", "), edges.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_module_graph_reads_the_current_sources() {
    let core = module_graph(Path::new(CORE_SRC));
    assert!(
        core.get("pipeline")
            .is_some_and(|t| t.contains("layout") && t.contains("scene")),
        "{core:?}"
    );
    let page = module_graph(Path::new(PAGE_SRC));
    assert!(
        page.get("app").is_some_and(|t| t.contains("store")),
        "{page:?}"
    );
    // The checker sees a cycle when there is one.
    let looped: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(cycles(&looped), vec![vec!["a", "b", "c"]]);
    // Groups, nested groups and test items.
    let text = "use crate::{fold::{self, Cluster}, ident};\nlet x = crate::layout::Rect;\n#[cfg(test)]\nmod tests {\n    use crate::pipeline;\n}\nuse seams_core::report;\n";
    let named = named_modules(&without_test_items(text), &["scene".to_string()]);
    assert_eq!(
        named,
        BTreeSet::from([
            "fold".to_string(),
            "ident".to_string(),
            "layout".to_string()
        ])
    );
}

#[test]
fn no_import_cycle_among_the_core_modules() {
    let graph = module_graph(Path::new(CORE_SRC));
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "import cycles among the core's modules:\n{}",
        describe(&graph, &found)
    );
}

#[test]
fn no_import_cycle_among_the_page_modules() {
    let graph = module_graph(Path::new(PAGE_SRC));
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "import cycles among the page's modules:\n{}",
        describe(&graph, &found)
    );
}

/// The core's modules by pipeline phase, first to last. A module may use its own phase's modules
/// and earlier phases', never a later one's: data flows one way (ARCHITECTURE.md, "Data flows
/// one way").
const PHASES: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "source",
            "diagnostic",
            "ident",
            "order",
            "glob",
            "work",
            "json_text",
            "number",
            "pace",
        ],
    ),
    ("model", &["model"]),
    ("readers", &["sql", "services", "orm", "repo"]),
    ("highlighting", &["highlight"]),
    ("ingest", &["ingest"]),
    (
        "views of the model",
        &["graph", "ownership", "dependencies"],
    ),
    ("analysis", &["findings", "score", "metrics"]),
    ("evolution", &["evolution"]),
    ("layout", &["fold", "layout"]),
    ("scene", &["route", "scene", "arrange"]),
    ("drawing", &["svg", "mermaid", "legibility"]),
    (
        "surfaces",
        &[
            "pipeline",
            "report",
            "examples",
            "share",
            "skeleton",
            "completion",
            "text_window",
        ],
    ),
];

#[test]
fn core_modules_use_only_their_own_and_earlier_phases() {
    let graph = module_graph(Path::new(CORE_SRC));
    let phase = |module: &str| {
        PHASES
            .iter()
            .enumerate()
            .find(|(_, (_, modules))| modules.contains(&module))
            .map(|(index, (name, _))| (index, *name))
    };
    let unplaced: Vec<&String> = graph.keys().filter(|m| phase(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules with no phase in tidy.rs PHASES (place them): {unplaced:?}"
    );
    let mut backwards = Vec::new();
    for (from, targets) in &graph {
        for to in targets {
            if let (Some((a, from_phase)), Some((b, to_phase))) = (phase(from), phase(to)) {
                if b > a {
                    backwards.push(format!("{from} ({from_phase}) uses {to} ({to_phase})"));
                }
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "modules reaching forward in the pipeline:\n{}",
        backwards.join("\n")
    );
}

/// The `docs/….md` pages a text cites.
fn cited_docs(text: &str) -> BTreeSet<String> {
    text.split("docs/")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            rest.get(name.len()..)
                .is_some_and(|after| after.starts_with(".md"))
                .then(|| format!("docs/{name}.md"))
        })
        .collect()
}

#[test]
fn comments_and_docs_cite_pages_that_exist() {
    let mut files = Vec::new();
    rust_files(Path::new(CORE_SRC), &mut files);
    rust_files(Path::new(PAGE_SRC), &mut files);
    files.push(Path::new(ROOT).join("README.md"));
    files.push(Path::new(ROOT).join("ARCHITECTURE.md"));
    let mut cited = BTreeSet::new();
    let mut missing = Vec::new();
    for file in &files {
        let text = read(file);
        // The product brief lives outside the repository; cite the docs page that says the thing.
        if text.contains("PRODUCT.md") {
            missing.push(format!("{}: cites PRODUCT.md", file.display()));
        }
        for page in cited_docs(&text) {
            if !Path::new(ROOT).join(&page).exists() {
                missing.push(format!("{}: cites {page}", file.display()));
            }
            cited.insert(page);
        }
    }
    assert!(
        cited.contains("docs/score.md") && cited.contains("docs/model.md"),
        "the citations were read: {cited:?}"
    );
    assert!(
        missing.is_empty(),
        "citations of pages not in the repository:\n{}",
        missing.join("\n")
    );
}
