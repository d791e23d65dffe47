//! A services file drafted from a schema, so a person starting with their own schema edits a
//! starting point instead of typing every table name: one service per schema when the tables
//! live in several, else one per shared name prefix (`billing_invoice`, `billing_line` →
//! `billing`), the other tables in one `app` service. Every table is written once, under
//! `writes`, in the form the services reader resolves back to it.

use crate::model::{Architecture, Dialect, Table};
use crate::sql::name;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The service the tables with no shared prefix go to.
const REST: &str = "app";

/// A services file for the tables of `architecture` (its schema's, sorted by id), or `None`
/// when it has no table. Drafted from the analysed model rather than the schema's text, so the
/// page, which has the model, does not read the schema a second time.
pub fn services_for(architecture: &Architecture) -> Option<String> {
    let tables = &architecture.tables;
    let first = tables.first()?;
    let by_schema = tables.iter().any(|t| t.schema != first.schema);
    let how = if by_schema {
        "one service per schema"
    } else {
        "one service per shared table-name prefix"
    };
    // Each service's list of tables as YAML lines, by service name. The tables come sorted by
    // id, so every list is too.
    let mut lists: BTreeMap<String, String> = BTreeMap::new();
    let shared = shared_prefixes(tables);
    for table in tables {
        let service = if by_schema {
            service_name(table.schema.as_deref().unwrap_or(REST))
        } else {
            match shared.get(prefix(&table.name)) {
                Some(n) if *n > 1 => service_name(prefix(&table.name)),
                _ => REST.to_string(),
            }
        };
        let written = written_name(table, architecture.dialect);
        let list = lists.entry(service).or_default();
        list.push_str("      - ");
        list.push_str(&yaml_scalar(&written));
        list.push('\n');
    }
    let mut out = format!(
        "# Drafted from the schema's {} tables, {how}: a starting point.\n\
         # Rename the services, move tables between them, and turn `writes` into `reads`\n\
         # where a service only reads (docs/services-file.md has every key).\n\
         version: 1\nservices:\n",
        tables.len()
    );
    for (service, list) in &lists {
        out.push_str("  ");
        out.push_str(&yaml_scalar(service));
        out.push_str(":\n    writes:\n");
        out.push_str(list);
    }
    Some(out)
}

/// How many tables share each non-empty name prefix.
fn shared_prefixes(tables: &[Arc<Table>]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for table in tables {
        let prefix = prefix(&table.name);
        if !prefix.is_empty() {
            *counts.entry(prefix.to_string()).or_default() += 1;
        }
    }
    counts
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
            name.push(c.to_ascii_lowercase());
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

    fn architecture(schema: &str, services: &str) -> Architecture {
        ingest(Inputs {
            schema,
            services,
            models: "",
            dialect: None,
            sources: None,
        })
    }

    /// The draft of `schema`, and the diagnostics of reading it back with the schema.
    fn draft(schema: &str) -> (String, Vec<String>) {
        let services = services_for(&architecture(schema, "")).unwrap_or_default();
        let arch = ingest(Inputs {
            schema,
            services: &services,
            models: "",
            dialect: None,
            sources: None,
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
        assert_eq!(services_for(&architecture("-- nothing yet\n", "")), None);
        assert_eq!(
            services_for(&architecture("CREATE VIEW v AS SELECT 1;", "")),
            None
        );
    }

    #[test]
    fn service_names_are_lower_case_words() {
        assert_eq!(service_name("Sales_EU"), "sales-eu");
        assert_eq!(service_name("__"), "app");
        assert_eq!(yaml_scalar("a b"), "\"a b\"");
        assert_eq!(yaml_scalar("-x"), "\"-x\"");
    }
}
