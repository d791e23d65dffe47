//! A services file drafted from a schema, so a person starting with their own schema edits a
//! starting point instead of typing every table name: one service per schema when the tables
//! live in several (the tables of a schema holding four in five of them grouped as if alone),
//! else one per shared first word (`billing_invoice`, `billing_line` → `billing`; the table
//! named by the word alone, or its plural, joins it: `film` with `film_actor`, `users` with
//! `user_ips`), the other tables in one `app` service. A first word most tables share (`x_` on
//! 84 of 85) says nothing, so the next word groups instead. Every table is written once, under
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
    // A schema holding four in five of the tables (and ten or more) is grouped by words, as a
    // schema alone would be: lago's public schema holds 138 of 139.
    // (Maps of `String` keys: each new key or value type of a map is its own code in the page.)
    let schema_of = |t: &Table| t.schema.clone().unwrap_or_default();
    let mut per_schema: BTreeMap<String, usize> = BTreeMap::new();
    for table in tables {
        *per_schema.entry(schema_of(table)).or_default() += 1;
    }
    let main_schema = per_schema
        .iter()
        .find(|(_, n)| **n >= 10 && 5 * **n > 4 * tables.len())
        .map(|(schema, _)| schema.clone());
    let in_main =
        |t: &Table| main_schema.as_deref() == Some(t.schema.as_deref().unwrap_or_default());
    let by_words: Vec<&Arc<Table>> = tables.iter().filter(|t| !by_schema || in_main(t)).collect();
    let how = match (by_schema, &main_schema) {
        (false, _) => "one service per shared table-name prefix",
        (true, None) => "one service per schema",
        (true, Some(_)) => {
            "one service per schema, and per shared table-name prefix in the largest"
        }
    };
    // Each service's list of tables as YAML lines, by service name. The tables come sorted by
    // id, so every list is too.
    let mut lists: BTreeMap<String, String> = BTreeMap::new();
    let common = common_prefix(&by_words);
    let (counts, words) = word_groups(&by_words, &common);
    for table in tables {
        let service = if by_schema && !in_main(table) {
            service_name(table.schema.as_deref().unwrap_or(REST))
        } else {
            let key = group_key(&table.name, &common);
            match (counts.get(&key), words.get(&key)) {
                (Some(count), Some(word)) if *count > 1 => service_name(word),
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

/// For each group key ([`group_key`]), how many tables have it, and the shortest first word
/// among them as written (`user` for `users` and `user_ips`), which names the service.
type WordGroups = (BTreeMap<String, usize>, BTreeMap<String, String>);

fn word_groups(tables: &[&Arc<Table>], common: &str) -> WordGroups {
    let (mut counts, mut words): WordGroups = Default::default();
    for table in tables {
        let key = group_key(&table.name, common);
        let word = first_word(&table.name, common);
        *counts.entry(key.clone()).or_default() += 1;
        let shortest = words.entry(key).or_insert_with(|| word.to_string());
        if word.len() < shortest.len() {
            *shortest = word.to_string();
        }
    }
    (counts, words)
}

/// The leading words (each ending in `_`, lower case) that more than four in five of the tables
/// share, at most two: `x_` on 84 of ranger's 85 tables groups nothing, so the words after it
/// do. Empty for fewer than five tables.
fn common_prefix(tables: &[&Arc<Table>]) -> String {
    let mut prefix = String::new();
    while tables.len() >= 5 && prefix.matches('_').count() < 2 {
        let mut words: BTreeMap<String, usize> = BTreeMap::new();
        for table in tables {
            let name = table.name.to_ascii_lowercase();
            if let Some((word, _)) = name
                .strip_prefix(prefix.as_str())
                .and_then(|r| r.split_once('_'))
            {
                *words.entry(word.to_string()).or_default() += 1;
            }
        }
        match words.iter().max_by_key(|(_, n)| **n) {
            Some((word, n)) if !word.is_empty() && 5 * n > 4 * tables.len() => {
                prefix.push_str(word);
                prefix.push('_');
            }
            _ => break,
        }
    }
    prefix
}

/// The first word of a table name after the `common` prefix (when it has it): up to its next
/// `_`, or the whole rest (`film` for `film`, `film_actor` and `film_text`).
fn first_word<'a>(name: &'a str, common: &str) -> &'a str {
    let rest = name
        .get(..common.len())
        .filter(|head| head.eq_ignore_ascii_case(common))
        .and_then(|_| name.get(common.len()..))
        .unwrap_or(name);
    rest.split_once('_').map_or(rest, |(head, _)| head)
}

/// What groups a table: its [`first_word`] in lower case without a plural `s` (`users` and
/// `user_ips` → `user`; `address` keeps its `ss`).
fn group_key(name: &str, common: &str) -> String {
    let word = first_word(name, common).to_ascii_lowercase();
    match word.strip_suffix('s') {
        Some(one) if one.len() > 2 && !one.ends_with('s') => one.to_string(),
        _ => word,
    }
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

    /// The service each table is drafted into, as `service: table, table`.
    fn grouped(schema: &str) -> Vec<String> {
        let (services, problems) = draft(schema);
        assert_eq!(problems, Vec::<String>::new(), "{services}");
        let mut out: Vec<String> = Vec::new();
        for line in services.lines().filter(|l| !l.starts_with('#')) {
            if let Some(service) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
                if !service.starts_with(' ') {
                    out.push(format!("{service}:"));
                }
            } else if let (Some(table), Some(last)) =
                (line.strip_prefix("      - "), out.last_mut())
            {
                last.push(' ');
                last.push_str(table);
            }
        }
        out
    }

    #[test]
    fn a_table_named_by_its_groups_word_or_its_plural_joins_the_group() {
        let schema = "CREATE TABLE film (id int);\nCREATE TABLE film_actor (id int);\n\
                      CREATE TABLE film_text (id int);\nCREATE TABLE users (id int);\n\
                      CREATE TABLE user_ips (id int);\nCREATE TABLE address (id int);\n\
                      CREATE TABLE address_type (id int);\nCREATE TABLE city (id int);\n";
        assert_eq!(
            grouped(schema),
            [
                "address: address address_type",
                "app: city",
                "film: film film_actor film_text",
                "user: user_ips users",
            ]
        );
    }

    #[test]
    fn a_first_word_most_tables_share_groups_by_the_next() {
        let schema =
            "CREATE TABLE x_portal_user (id int);\nCREATE TABLE x_portal_user_role (id int);\n\
                      CREATE TABLE x_policy (id int);\nCREATE TABLE x_policy_item (id int);\n\
                      CREATE TABLE x_audit (id int);\nCREATE TABLE x_trx_log (id int);\n\
                      CREATE TABLE x_trx_item (id int);\nCREATE TABLE x_user (id int);\n\
                      CREATE TABLE x_group (id int);\nCREATE TABLE x_group_user (id int);\n\
                      CREATE TABLE schema_version (id int);\n";
        assert_eq!(
            grouped(schema),
            [
                "app: schema_version x_audit x_user",
                "group: x_group x_group_user",
                "policy: x_policy x_policy_item",
                "portal: x_portal_user x_portal_user_role",
                "trx: x_trx_item x_trx_log",
            ]
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
