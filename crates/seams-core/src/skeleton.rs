//! A services file drafted from a schema, so a person starting with their own schema edits a
//! starting point instead of typing every table name: one service per schema when the tables
//! live in several, else one per shared name prefix (`billing_invoice`, `billing_line` →
//! `billing`), the other tables in one `app` service. Every table is written once, under
//! `writes`, in the form the services reader resolves back to it.

use crate::model::{Dialect, Table};
use crate::sql::{self, name};
use std::collections::BTreeMap;

/// The service the tables with no shared prefix go to.
const REST: &str = "app";

/// A services file for the tables of `schema` (read in `dialect`, or the detected one), or
/// `None` when the schema has no table.
pub fn services_for(schema: &str, dialect: Option<Dialect>) -> Option<String> {
    let parsed = sql::parse_schema(schema, dialect);
    let tables = &parsed.tables;
    if tables.is_empty() {
        return None;
    }
    let groups = group(tables);
    let how = if distinct_schemas(tables) > 1 {
        "one service per schema"
    } else {
        "one service per shared table-name prefix"
    };
    let mut out = format!(
        "# Drafted from the schema's {} tables, {how}: a starting point.\n\
         # Rename the services, move tables between them, and turn `writes` into `reads`\n\
         # where a service only reads (docs/services-file.md has every key).\n\
         version: 1\nservices:\n",
        tables.len()
    );
    for (service, members) in &groups {
        out.push_str(&format!("  {}:\n    writes:\n", yaml_scalar(service)));
        for table in members {
            let written = written_name(table, parsed.dialect);
            out.push_str(&format!("      - {}\n", yaml_scalar(&written)));
        }
    }
    Some(out)
}

/// How many schemas the tables live in (no schema counts as one).
fn distinct_schemas(tables: &[Table]) -> usize {
    let mut schemas: Vec<Option<&str>> = tables.iter().map(|t| t.schema.as_deref()).collect();
    schemas.sort_unstable();
    schemas.dedup();
    schemas.len()
}

/// The tables by drafted service name, each group sorted by table id.
fn group(tables: &[Table]) -> BTreeMap<String, Vec<&Table>> {
    let mut groups: BTreeMap<String, Vec<&Table>> = BTreeMap::new();
    if distinct_schemas(tables) > 1 {
        for table in tables {
            let schema = table.schema.as_deref().unwrap_or(REST);
            groups.entry(service_name(schema)).or_default().push(table);
        }
        return groups;
    }
    let mut by_prefix: BTreeMap<&str, Vec<&Table>> = BTreeMap::new();
    for table in tables {
        by_prefix
            .entry(prefix(&table.name))
            .or_default()
            .push(table);
    }
    for (prefix, members) in by_prefix {
        let service = if prefix.is_empty() || members.len() < 2 {
            REST.to_string()
        } else {
            service_name(prefix)
        };
        groups.entry(service).or_default().extend(members);
    }
    for members in groups.values_mut() {
        members.sort_by(|a, b| a.id.cmp(&b.id));
    }
    groups
}

/// The part of a table name before its first `_` (empty when it has none).
fn prefix(table: &str) -> &str {
    table.split_once('_').map_or("", |(head, _)| head)
}

/// A service name from a schema or prefix: lower case, words joined by `-`.
fn service_name(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-');
    if name.is_empty() {
        REST.to_string()
    } else {
        name.to_string()
    }
}

/// The table as the services file names it: qualified unless it lives in the dialect's default
/// schema, each part quoted where the dialect would not read it back unquoted.
fn written_name(table: &Table, dialect: Dialect) -> String {
    let part = |text: &str| {
        let plain = text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
            && !text.starts_with(|c: char| c.is_ascii_digit())
            && dialect.normalise(text, false) == text;
        if plain {
            text.to_string()
        } else {
            name::quote(text, dialect)
        }
    };
    match table.schema.as_deref() {
        Some(schema) if Some(schema) != dialect.default_schema() => {
            format!("{}.{}", part(schema), part(&table.name))
        }
        _ => part(&table.name),
    }
}

/// `text` as a YAML scalar: plain when it is a simple name, else double-quoted.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | '-'))
        && !text.starts_with('-');
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, Inputs, Severity};

    /// The draft of `schema`, and the diagnostics of reading it back with the schema.
    fn draft(schema: &str) -> (String, Vec<String>) {
        let services = services_for(schema, None).unwrap_or_default();
        let arch = ingest(Inputs {
            schema,
            services: &services,
            models: "",
            dialect: None,
        });
        let problems = arch
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| d.to_string())
            .collect();
        (services, problems)
    }

    #[test]
    fn tables_sharing_a_prefix_become_one_service_and_the_rest_go_to_app() {
        let (services, problems) = draft(
            "CREATE TABLE billing_invoice (id int primary key);\n\
             CREATE TABLE billing_line (id int, invoice_id int references billing_invoice(id));\n\
             CREATE TABLE users (id int);\n\
             CREATE TABLE audit_log (id int);\n",
        );
        assert_eq!(problems, Vec::<String>::new(), "{services}");
        let body: Vec<&str> = services.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            body,
            [
                "version: 1",
                "services:",
                "  app:",
                "    writes:",
                "      - audit_log",
                "      - users",
                "  billing:",
                "    writes:",
                "      - billing_invoice",
                "      - billing_line",
            ]
        );
        assert!(services.starts_with(
            "# Drafted from the schema's 4 tables, one service per shared table-name prefix"
        ));
    }

    #[test]
    fn several_schemas_give_one_service_per_schema_with_qualified_names() {
        let (services, problems) = draft(
            "CREATE TABLE public.users (id int);\n\
             CREATE SCHEMA sales;\n\
             CREATE TABLE sales.\"Order Lines\" (id int);\n\
             CREATE TABLE sales.orders (id int);\n",
        );
        assert_eq!(problems, Vec::<String>::new(), "{services}");
        assert!(
            services.contains("  public:\n    writes:\n      - public.users\n"),
            "{services}"
        );
        assert!(
            services.contains("  sales:\n    writes:\n      - \"sales.\\\"Order Lines\\\"\"\n      - sales.orders\n"),
            "{services}"
        );
    }

    #[test]
    fn a_schema_without_tables_drafts_nothing() {
        assert_eq!(services_for("-- nothing yet\n", None), None);
        assert_eq!(services_for("CREATE VIEW v AS SELECT 1;", None), None);
    }

    #[test]
    fn service_names_are_lower_case_words() {
        assert_eq!(service_name("Sales_EU"), "sales-eu");
        assert_eq!(service_name("__"), "app");
        assert_eq!(yaml_scalar("a b"), "\"a b\"");
        assert_eq!(yaml_scalar("-x"), "\"-x\"");
    }
}
