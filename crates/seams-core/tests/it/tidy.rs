//! Tidy checks that run under plain `cargo test`: the core stays free of browser dependencies
//! and every module says what it is. (Panicking shortcuts in non-test code are clippy's job:
//! `[workspace.lints]` in Cargo.toml denies them.)

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
