//! The derived facts written as a services file (`docs/services-file.md`): a `databases:`
//! section, then each service with its `database:` list and `calls:`, every fact followed by
//! `# from path:line` (up to two places, then how many more); then its models, their reads,
//! the writes of its code and the SQL strings of its code as `queries:`. Brokers and in-process databases,
//! which the format has no key for, are comments. The SQL files found are listed at the end.

use super::derive::{Derived, ServiceFacts};
use super::{Import, Origin};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A name as a YAML scalar: plain when YAML reads it back as the same text, else single-quoted.
fn scalar(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !matches!(
            name.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "none"
        );
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// `# from a:1, b:2 (+3 more)`.
fn from(origins: &BTreeSet<Origin>) -> String {
    let shown: Vec<String> = origins.iter().take(2).map(Origin::to_string).collect();
    let more = origins.len().saturating_sub(2);
    let mut comment = format!("# from {}", shown.join(", "));
    if more > 0 {
        let _ = write!(comment, " (+{more} more)");
    }
    comment
}

pub(crate) fn write(derived: &Derived) -> Import {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Derived by `seams import` from {} files: each fact says where it was read.\n\
         # Edit freely; pass the edited file with --services and it replaces this one.",
        derived.files_used
    );
    if !derived.profiles.is_empty() {
        let read = match derived.profiles_read.as_slice() {
            [] => "the default".to_string(),
            list => format!("the default, then {}", list.join(", ")),
        };
        let _ = writeln!(
            out,
            "# Spring profiles read: {read} (found: {}; add one with --profile).",
            derived.profiles.join(", ")
        );
    }
    if !derived.left_out.is_empty() {
        let folders: Vec<String> = derived
            .left_out
            .iter()
            .map(|(folder, count)| format!("{folder}/ ({count} files)"))
            .collect();
        let _ = writeln!(
            out,
            "# Left out as variants, examples or tests: {}.",
            folders.join(", ")
        );
    }
    out.push_str("version: 1\n");
    if !derived.stores.is_empty() {
        out.push_str("databases:\n");
        // In name order, as a reader looks them up.
        let by_name: BTreeMap<&String, _> = derived
            .stores
            .iter()
            .filter_map(|(key, store)| Some((derived.names.get(key)?, (key, store))))
            .collect();
        for (name, (key, store)) in by_name {
            let mut fields = vec![format!(
                "kind: {}",
                store.kind.map_or("other", |k| k.as_str())
            )];
            if let Some(host) = &key.host {
                fields.push(format!("host: {}", scalar(host)));
            }
            let _ = writeln!(
                out,
                "  {}: {{{}}}  {}",
                scalar(name),
                fields.join(", "),
                from(&store.origins)
            );
        }
    }
    out.push_str(if derived.services.is_empty() {
        "services: {}\n"
    } else {
        "services:\n"
    });
    for service in &derived.services {
        write_service(&mut out, service, derived);
    }
    if !derived.schema.is_empty() {
        out.push_str("# SQL found (read by --repo):\n");
        for file in &derived.schema {
            let _ = writeln!(
                out,
                "#   {} -> {} ({})",
                file.path,
                file.database.as_deref().unwrap_or("the main database"),
                file.reason
            );
        }
    }
    let mut models: Vec<String> = derived
        .services
        .iter()
        .flat_map(|s| s.models.iter().map(|m| m.path.clone()))
        .collect();
    crate::order::sort(&mut models);
    models.dedup();
    Import {
        services: out,
        schema: derived.schema.clone(),
        models,
        profiles: derived.profiles.clone(),
        files_used: derived.files_used,
        problems: derived.problems.clone(),
    }
}

fn write_service(out: &mut String, service: &ServiceFacts, derived: &Derived) {
    let origin = service
        .origin
        .as_ref()
        .map(|o| format!("  # from {o}"))
        .unwrap_or_default();
    let _ = writeln!(out, "  {}:{origin}", scalar(&service.name));
    if !service.stores.is_empty() {
        out.push_str("    database:\n");
        for (key, origins) in &service.stores {
            if let Some(name) = derived.names.get(key) {
                let _ = writeln!(out, "      - {}  {}", scalar(name), from(origins));
            }
        }
    }
    write_models(out, service);
    write_queries(out, service);
    if !service.calls.is_empty() {
        out.push_str("    calls:\n");
        for (called, origins) in &service.calls {
            let _ = writeln!(out, "      - {}  {}", scalar(called), from(origins));
        }
    }
    for ((kind, host), origins) in &service.brokers {
        let _ = writeln!(
            out,
            "    # uses the {kind} broker at {host}  {}",
            from(origins)
        );
    }
    if !service.embedded.is_empty() {
        let _ = writeln!(
            out,
            "    # runs an in-process database, private to it  {}",
            from(&service.embedded)
        );
    }
}

/// A service's model files (`models:`) and, since a model is at least a read, the tables they
/// map (`reads:`), each with the line of the model that says so; then the tables its code
/// writes through them (`writes:`), or a comment saying none was found.
fn write_models(out: &mut String, service: &ServiceFacts) {
    if service.models.is_empty() {
        return;
    }
    out.push_str("    models:\n");
    for model in &service.models {
        let _ = writeln!(
            out,
            "      - {}  # from {}",
            scalar(&model.path),
            model.origin
        );
    }
    let mut tables: BTreeMap<&str, &Origin> = BTreeMap::new();
    for model in &service.models {
        for table in &model.tables {
            tables.entry(table.as_str()).or_insert(&model.origin);
        }
    }
    out.push_str("    reads:  # its models' tables: a model is at least a read\n");
    for (table, origin) in tables {
        let _ = writeln!(out, "      - {}  # from {origin}", scalar(table));
    }
    let queries_write = service.sql.queries.iter().any(|q| !q.writes.is_empty());
    if service.writes.is_empty() && !queries_write {
        out.push_str("    # writes: none found in its code (read only where plain: repository saves, inserts, SQL strings)\n");
        return;
    }
    if service.writes.is_empty() {
        return;
    }
    out.push_str("    writes:\n");
    for (table, origin) in &service.writes {
        let _ = writeln!(out, "      - {}  # from {origin}", scalar(table));
    }
}

/// The SQL strings of a service's code as its `queries:` (the services file reads their reads
/// and writes, and stage 3 their shapes), each with where it was read; then, as comments, the
/// strings that could not be read and why.
fn write_queries(out: &mut String, service: &ServiceFacts) {
    let sql = &service.sql;
    if !sql.queries.is_empty() {
        out.push_str("    queries:  # SQL strings in its code");
        if sql.queries.iter().any(|q| q.jpql) {
            out.push_str(" (JPQL with its entities' tables and columns)");
        }
        out.push('\n');
        for query in &sql.queries {
            if query.sql.contains('\n') {
                let _ = writeln!(out, "      - |-  # from {}", query.origin);
                for line in query.sql.lines() {
                    let _ = writeln!(out, "        {line}");
                }
            } else {
                let _ = writeln!(
                    out,
                    "      - {}  # from {}",
                    double_quoted(&query.sql),
                    query.origin
                );
            }
        }
    }
    for (origin, why) in &sql.unread {
        let _ = writeln!(out, "    # could not read the SQL at {origin}: {why}");
    }
}

/// One line of text as a YAML double-quoted scalar.
fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("accounts-db"), "accounts-db");
        assert_eq!(scalar("no"), "'no'");
        assert_eq!(scalar("8080"), "'8080'");
        assert_eq!(scalar("it's"), "'it''s'");
        assert_eq!(scalar("a: b"), "'a: b'");
    }
}
