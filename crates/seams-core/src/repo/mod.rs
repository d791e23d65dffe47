//! A repository's files read into a services file (`docs/import.md`): which services there are,
//! which stores each connects to and which services it calls, read from the files people already
//! have (docker-compose, Kubernetes manifests, Spring configuration, `.env` files), with the SQL
//! found beside them bound to its database.
//!
//! Pure: the caller hands over `(path, text)` pairs (the CLI walks a folder, the page would read
//! dropped files); nothing here touches a file system. Every derived fact keeps where it was read
//! (`# from path:line` in the written file). Values are never copied into the output: only
//! names (services, hosts, database names) and kinds are, so a password in a URL, a `.env` file
//! or a Secret cannot leak. One reader per format, each a submodule with its own tests: `compose`,
//! `kubernetes`, `spring`, `dotenv`, `dockerfile`, `models` (ORM files by code folder), `writes` (writes through
//! them), `code_sql` (SQL strings in the code, as `queries:`); `url` reads connection and service URLs; `derive` joins what
//! they found into services, stores, calls and schema files; `write` prints the services file;
//! `wanted` says which files of a folder are read (the command line's walk and the page's
//! "Open folder" share it).
//! Start at [`import`].

mod code_sql;
mod compose;
mod derive;
mod dockerfile;
mod dotenv;
#[cfg(test)]
mod imports;
mod kubernetes;
mod models;
mod spring;
mod url;
mod wanted;
mod write;
mod writes;

pub use wanted::{
    binary, relative_paths, skipped_folder, wanted, wanted_name, Skipped, Wanted, MAX_FILES,
    MAX_FILE_BYTES, MAX_TOTAL_BYTES, SKIPPED_FOLDERS,
};

use crate::services::yaml::{Node, NodeKind};
use std::collections::BTreeMap;
use std::fmt;

/// One file of the repository: its path relative to the repository's root (`/`-separated) and
/// its text.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    /// The path inside the repository (`k8s/frontend.yaml`).
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// How to read the repository.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The Spring profile to read besides the default one (`mysql`); None reads the default only.
    pub profile: Option<String>,
}

/// What was derived from a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The services file, YAML in the format of `docs/services-file.md`, every fact followed by
    /// a `# from path:line` comment.
    pub services: String,
    /// The SQL files found, in the order to read them: files bound to no database first (their
    /// tables live in the main database), then by database.
    pub schema: Vec<SchemaFile>,
    /// The Spring profiles the configuration mentions, sorted (one can be picked with
    /// [`Options::profile`]).
    pub profiles: Vec<String>,
    /// The ORM model files found in the services' code folders, in path order: the Models
    /// pane's files (each named by a `models:` entry of its service in [`Import::services`]).
    pub models: Vec<String>,
    /// How many files said something that was used.
    pub files_used: usize,
    /// What could not be read (`k8s/x.yaml:12: YAML syntax error: …`), one line each: the rest
    /// of such a file, and every other file, is still read.
    pub problems: Vec<String>,
}

impl Import {
    /// The Schema pane's text for `files`: each SQL file found, in [`Import::schema`]'s order,
    /// after a `-- database: NAME` line when it belongs to a named database
    /// (`docs/services-file.md`, "Where tables live"). The command line builds the same text
    /// while keeping each file's lines for its messages.
    pub fn schema_text(&self, files: &[File<'_>]) -> String {
        let headed = self.schema.iter().map(|found| {
            let header = found
                .database
                .as_ref()
                .map(|database| format!("-- database: {database}\n"));
            (found.path.as_str(), header)
        });
        pane_text(files, headed)
    }

    /// The Models pane's text for `files`: each model file of [`Import::models`] after a
    /// header naming its path (`# path` for Python, `// path` otherwise), which the derived
    /// services file's `models:` entries match.
    pub fn models_text(&self, files: &[File<'_>]) -> String {
        let headed = self.models.iter().map(|path| {
            let comment = if path.ends_with(".py") { "#" } else { "//" };
            (path.as_str(), Some(format!("{comment} {path}\n")))
        });
        pane_text(files, headed)
    }
}

/// A pane's text: each named file of `files` (skipped when absent) after its header line, if
/// any, every file ending in a line break.
fn pane_text<'a>(
    files: &[File<'_>],
    headed: impl Iterator<Item = (&'a str, Option<String>)>,
) -> String {
    let mut text = String::new();
    for (path, header) in headed {
        let Some(file) = files.iter().find(|f| f.path == path) else {
            continue;
        };
        if let Some(header) = header {
            text.push_str(&header);
        }
        text.push_str(file.text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// An SQL file found in the repository and the database its tables belong to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaFile {
    /// The database (a store name of the derived `databases:` section), or None.
    pub database: Option<String>,
    /// The file's path.
    pub path: String,
    /// Why the file was taken and bound (`mounted into docker-entrypoint-initdb.d by …`).
    pub reason: String,
}

/// Where a fact was read: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Origin {
    pub path: String,
    pub line: u32,
    /// How the value reached the workload when not directly: `envFrom NAME` gives a workload
    /// every key of a map, used or not, so what is read from it is weaker evidence.
    pub via: Option<String>,
}

impl Origin {
    fn at(path: &str, line: u32) -> Origin {
        Origin {
            path: path.to_string(),
            line,
            via: None,
        }
    }

    fn of(path: &str, node: &Node) -> Origin {
        Origin::at(path, node.span.line)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)?;
        match &self.via {
            Some(via) => write!(f, " (via {via})"),
            None => Ok(()),
        }
    }
}

/// One setting a workload runs with: an environment variable or a configuration property, its
/// value as written (read for names, never printed) and where the value was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Setting {
    pub key: String,
    pub value: String,
    pub origin: Origin,
}

/// A program that runs: a compose service, a Kubernetes workload or a Spring application. It
/// becomes a service, or a store when its image or the URLs pointing at it say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Workload {
    pub name: String,
    pub origin: Origin,
    /// Images it runs (`postgres:16`, `gcr.io/x/frontend:v1`), with where each was written.
    pub images: Vec<(String, Origin)>,
    /// Folders holding its code: a compose build context, a Spring module.
    pub folders: Vec<String>,
    pub settings: Vec<Setting>,
    /// Workloads it starts after (compose `depends_on`).
    pub depends_on: Vec<(String, Origin)>,
    /// Files or folders mounted into `/docker-entrypoint-initdb.d`.
    pub init_sql: Vec<(String, Origin)>,
    /// Other names that reach it: a Kubernetes Service selecting it, a compose `container_name`
    /// or `hostname`, a Spring application name.
    pub aliases: Vec<String>,
    /// A Kubernetes Job or CronJob: it runs to completion (often a database client run from a
    /// database image), so its image never makes it a store.
    pub one_off: bool,
}

impl Workload {
    fn new(name: &str, origin: Origin) -> Workload {
        Workload {
            name: name.to_string(),
            origin,
            images: Vec::new(),
            folders: Vec::new(),
            settings: Vec::new(),
            depends_on: Vec::new(),
            init_sql: Vec::new(),
            aliases: Vec::new(),
            one_off: false,
        }
    }
}

/// Derives the services file and the schema files from a repository's files. Never fails: files
/// it cannot read are skipped.
pub fn import(files: &[File<'_>], options: &Options) -> Import {
    derive::derive(files, options)
}

/// The errors of reading `path` as YAML, as lines for [`Import::problems`].
fn yaml_problems(path: &str, diagnostics: &[crate::diagnostic::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| format!("{path}:{}: {}", d.span.line, d.message))
        .collect()
}

/// The last part of a path (`a/b/c.yml` → `c.yml`).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder of a path (`a/b/c.yml` → `a/b`; `c.yml` → ``).
fn folder_of(path: &str) -> &str {
    path.rfind('/').and_then(|at| path.get(..at)).unwrap_or("")
}

/// `relative` resolved against `folder`, `.` and `..` removed; None when it leaves the
/// repository or is absolute.
fn join(folder: &str, relative: &str) -> Option<String> {
    if relative.starts_with('/') || relative.starts_with('~') || relative.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Whether `path` is `folder` or inside it (the root folder `` holds everything).
fn inside(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path == folder
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The value under `key` in a mapping node, or in the mappings it merges (`<<: *defaults`, as
/// compose files share settings between services; a merged key never overrides a written one).
fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    let NodeKind::Mapping(list) = &node.kind else {
        return None;
    };
    let written = |wanted: &str| {
        list.iter()
            .rev()
            .find(|e| e.key.scalar().is_some_and(|k| k.text == wanted))
            .map(|e| &e.value)
    };
    written(key).or_else(|| {
        let merged = written("<<")?;
        match &merged.kind {
            NodeKind::Mapping(_) => get_written(merged, key),
            NodeKind::Sequence(sources) => sources.iter().find_map(|m| get_written(m, key)),
            NodeKind::Scalar(_) => None,
        }
    })
}

/// The value written under `key` in a mapping node (merges not followed: an anchor's own
/// merges were expanded when it was copied, and one level is what compose files use).
fn get_written<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.kind {
        NodeKind::Mapping(list) => list
            .iter()
            .rev()
            .find(|e| e.key.scalar().is_some_and(|k| k.text == key))
            .map(|e| &e.value),
        _ => None,
    }
}

/// The node at a path of keys.
fn get_path<'n>(node: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().try_fold(node, |node, key| get(node, key))
}

/// A scalar node's text, trimmed.
fn text(node: &Node) -> Option<&str> {
    node.scalar().map(|s| s.text.trim())
}

/// The entries of a mapping node (none for another node).
fn entries(node: &Node) -> impl Iterator<Item = (&Node, &Node)> {
    let list = match &node.kind {
        NodeKind::Mapping(entries) => entries.as_slice(),
        _ => &[],
    };
    list.iter().map(|e| (&e.key, &e.value))
}

/// The items of a sequence node (none for another node).
fn items(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::Sequence(items) => items.as_slice(),
        _ => &[],
    }
}

/// `KEY=VALUE` lines and `KEY: VALUE` mappings as settings (compose `environment`).
fn settings_of(path: &str, node: &Node) -> Vec<Setting> {
    let mut settings = Vec::new();
    match &node.kind {
        NodeKind::Sequence(list) => {
            for item in list {
                let Some(line) = text(item) else { continue };
                if let Some((key, value)) = line.split_once('=') {
                    settings.push(Setting {
                        key: key.trim().to_string(),
                        value: value.trim().to_string(),
                        origin: Origin::of(path, item),
                    });
                }
            }
        }
        NodeKind::Mapping(_) => {
            // Merged mappings (`<<: *common-env`) first: what is written here wins.
            if let Some(merged) = get_written(node, "<<") {
                let sources = match &merged.kind {
                    NodeKind::Sequence(list) => list.iter().collect(),
                    _ => vec![merged],
                };
                for source in sources {
                    if matches!(source.kind, NodeKind::Mapping(_)) {
                        settings.extend(settings_of(path, source));
                    }
                }
            }
            for (key, value) in entries(node) {
                let (Some(key_text), Some(value_text)) = (text(key), text(value)) else {
                    continue;
                };
                settings.push(Setting {
                    key: key_text.to_string(),
                    value: value_text.to_string(),
                    origin: Origin::of(path, value),
                });
            }
        }
        NodeKind::Scalar(_) => {}
    }
    settings
}

/// Replaces `${NAME}`, `${NAME:-default}`, `${NAME-default}` (compose, shells), `${NAME:default}`
/// (Spring) and `$NAME` with what `lookup` gives, or the default, or nothing.
fn substitute(value: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 1..).unwrap_or("");
        if let Some(body) = after.strip_prefix('{') {
            // The matching brace, counting nested `${…}` in defaults.
            let mut depth = 1usize;
            let mut end = None;
            for (i, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                out.push_str(rest.get(at..).unwrap_or(""));
                return out;
            };
            let inner = body.get(..end).unwrap_or("");
            let (name, default) = match inner.find([':', '-']) {
                Some(split) => {
                    let name = inner.get(..split).unwrap_or("");
                    let default = inner.get(split + 1..).unwrap_or("");
                    (name, Some(default.strip_prefix('-').unwrap_or(default)))
                }
                None => (inner, None),
            };
            let found = lookup(name).filter(|v| !v.is_empty());
            match (found, default) {
                (Some(found), _) => out.push_str(&found),
                (None, Some(default)) => out.push_str(&substitute(default, lookup)),
                (None, None) => {}
            }
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if name_len == 0 {
                out.push('$');
                rest = after;
                continue;
            }
            let name = after.get(..name_len).unwrap_or("");
            out.push_str(&lookup(name).unwrap_or_default());
            rest = after.get(name_len..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// Settings as a lookup table, the later of two equal keys winning.
fn lookup_table(settings: &[Setting]) -> BTreeMap<&str, &str> {
    settings
        .iter()
        .map(|s| (s.key.as_str(), s.value.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_inside_the_repository_only() {
        assert_eq!(
            join("deploy", "./sql/init.sql").as_deref(),
            Some("deploy/sql/init.sql")
        );
        assert_eq!(
            join("deploy/compose", "../db").as_deref(),
            Some("deploy/db")
        );
        assert_eq!(join("", "db").as_deref(), Some("db"));
        assert_eq!(join("", "../db"), None);
        assert_eq!(join("a", "/var/lib/x"), None);
        assert!(inside("a/b/c.sql", "a/b") && inside("a/b", "a/b") && !inside("a/bc", "a/b"));
        assert_eq!(folder_of("a/b/c.yml"), "a/b");
        assert_eq!(file_name("a/b/c.yml"), "c.yml");
    }

    #[test]
    fn placeholders_take_values_then_defaults() {
        let lookup = |name: &str| (name == "DB_HOST").then(|| "pg".to_string());
        assert_eq!(substitute("${DB_HOST}:5432", &lookup), "pg:5432");
        assert_eq!(substitute("${DB_PORT:-5432}", &lookup), "5432");
        assert_eq!(substitute("${MYSQL:localhost}", &lookup), "localhost");
        assert_eq!(substitute("${A:${DB_HOST}}", &lookup), "pg");
        assert_eq!(substitute("$DB_HOST/x $ y", &lookup), "pg/x $ y");
        assert_eq!(substitute("${UNSET}", &lookup), "");
        assert_eq!(substitute("${broken", &lookup), "${broken");
    }
}
