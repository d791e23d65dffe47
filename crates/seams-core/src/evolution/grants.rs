//! The stage-2 artifacts: the ownership table (table, owned by, accessed by) and an SQL script
//! of roles and grants in the schema's dialect: one role per service, write grants for owners
//! only, `SELECT` for readers. SQLite has no roles, so its script explains that and creates one
//! read-only view per reader instead. Every identifier is quoted the dialect's way, so odd
//! names (spaces, quotes, reserved words, markup) stay names; the script parses back with
//! sqlparser in that dialect (tested).

use super::naming;
use super::plan::Plan;
use super::Artifact;
use crate::model::{Architecture, Database, Dialect, Privilege, RelationKind, Table, WriteGuard};
use crate::order::Collect;
use std::collections::{BTreeMap, BTreeSet};

/// Quotes one identifier for `dialect` (`"a""b"`, `` `a``b` ``, `[a]]b]`), the way the
/// readers read it back ([`crate::sql::name`]).
pub fn quote(dialect: Dialect, name: &str) -> String {
    crate::sql::name::quote(name, dialect)
}

/// The quoted, schema-qualified name of a table or view id.
pub fn qualified(arch: &Architecture, id: &str) -> String {
    qualified_in(arch, arch.dialect, id)
}

/// The name of a table or view id quoted for `dialect` (a database's own dialect).
fn qualified_in(arch: &Architecture, dialect: Dialect, id: &str) -> String {
    let (schema, name) = match (arch.table(id), arch.view(id)) {
        (Some(t), _) => (t.schema.clone(), t.name.clone()),
        (None, Some(v)) => (v.schema.clone(), v.name.clone()),
        (None, None) => (None, crate::ident::short_name(id).into_owned()),
    };
    match schema {
        Some(schema) if !schema.is_empty() => {
            format!("{}.{}", quote(dialect, &schema), quote(dialect, &name))
        }
        _ => quote(dialect, &name),
    }
}

/// Text safe inside an SQL `--` comment (one line).
pub fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Who may touch one relation at stage 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRow {
    /// The table or view id.
    pub relation: String,
    /// The owner's service id, if any.
    pub owner: Option<String>,
    /// Non-owner services that read it (read-only), sorted.
    pub readers: Vec<String>,
}

/// One row per table and view of the stage-2 architecture, sorted by id.
pub fn access_rows(arch: &Architecture, plan: &Plan) -> Vec<AccessRow> {
    let relations: Vec<&String> = arch
        .tables
        .iter()
        .map(|t| &t.id)
        .chain(arch.views.iter().map(|v| &v.id))
        .collect();
    // The services reading or writing each relation, from one pass over every access (not a
    // pass over every service per relation).
    let mut touching: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for service in &arch.services {
        for access in service.reads.iter().chain(&service.writes) {
            crate::work::step(1);
            touching
                .entry(access.table.as_str())
                .or_default()
                .insert(service.id.as_str());
        }
    }
    relations
        .into_iter()
        .map(|relation| {
            crate::work::step(1);
            let owner = plan.owner(relation).map(str::to_string);
            let readers: BTreeSet<String> = touching
                .get(relation.as_str())
                .into_iter()
                .flatten()
                .filter(|s| Some(**s) != owner.as_deref())
                .map(|s| s.to_string())
                .collect_set();
            AccessRow {
                relation: relation.clone(),
                owner,
                readers: readers.into_iter().collect(),
            }
        })
        .collect()
}

fn markdown_cell(text: &str) -> String {
    comment(text).replace('\\', "\\\\").replace('|', "\\|")
}

/// The ownership table as Markdown: table, owned by, accessed by.
pub fn ownership_table(arch: &Architecture, rows: &[AccessRow]) -> String {
    let mut out = String::from("| table | owned by | accessed by |\n| --- | --- | --- |\n");
    for row in rows {
        let owner = row
            .owner
            .as_ref()
            .map(|o| naming::service_name(arch, o))
            .unwrap_or_else(|| "nobody".to_string());
        let accessed = if row.readers.is_empty() {
            match &row.owner {
                Some(_) => format!("{owner} only"),
                None => "nobody".to_string(),
            }
        } else {
            let readers: Vec<String> = row
                .readers
                .iter()
                .map(|r| format!("{} (read-only)", naming::service_name(arch, r)))
                .collect();
            readers.join(", ")
        };
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            markdown_cell(&naming::display_table(arch, &row.relation)),
            markdown_cell(&owner),
            markdown_cell(&accessed)
        ));
    }
    out
}

/// The access-rule scripts: one per SQL database holding tables, in that database's dialect
/// (`grants.<dialect>.sql` when there is one, as before stores existed;
/// `grants.<database>.<dialect>.sql` each when there are several), and for a document store
/// its roles in its own form (`roles.<database>.js`). A key-value store gets none: Redis and
/// memcached have no per-key grants.
pub async fn scripts(arch: &Architecture, rows: &[AccessRow]) -> Vec<Artifact> {
    // Each row's database, as a position in `arch.databases` (the last group: no database).
    let mut position: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, database) in arch.databases.iter().enumerate() {
        for table in &database.tables {
            position.insert(table, at);
        }
    }
    let mut groups: Vec<Vec<&AccessRow>> = vec![Vec::new(); arch.databases.len() + 1];
    for row in rows {
        let at = position
            .get(row.relation.as_str())
            .copied()
            .unwrap_or(arch.databases.len());
        if let Some(group) = groups.get_mut(at) {
            group.push(row);
        }
    }
    let databases: Vec<Option<&Database>> = arch.databases.iter().map(Some).chain([None]).collect();
    let is_sql = |d: &Option<&Database>| d.is_none_or(Database::is_sql);
    let several = databases
        .iter()
        .zip(&groups)
        .filter(|(d, g)| !g.is_empty() && is_sql(d))
        .count()
        > 1;
    let mut artifacts = Vec::new();
    // The document stores' roles come after the SQL scripts.
    let mut roles = Vec::new();
    for (database, rows) in databases.iter().zip(&groups) {
        if rows.is_empty() {
            continue;
        }
        let Some(database) = database.filter(|d| !d.is_sql()) else {
            let dialect = database
                .and_then(|d| d.kind)
                .and_then(|k| k.dialect())
                .unwrap_or(arch.dialect);
            let scope = database.filter(|_| several);
            let (title, file_name) = match scope {
                Some(d) => (
                    format!("Roles and grants, {} ({})", d.name, dialect.label()),
                    format!("grants.{}.{}.sql", file_part(&d.name), dialect.as_str()),
                ),
                None => (
                    format!("Roles and grants ({})", dialect.label()),
                    format!("grants.{}.sql", dialect.as_str()),
                ),
            };
            artifacts.push(Artifact {
                key: "grants",
                title,
                file_name,
                language: "sql",
                content: script(arch, dialect, scope, rows).await,
            });
            continue;
        };
        if database.relation_kind() == RelationKind::Collection {
            roles.push(Artifact {
                key: "grants",
                title: format!("Roles, {} (MongoDB)", database.name),
                file_name: format!("roles.{}.js", file_part(&database.name)),
                language: "javascript",
                content: mongo_roles(arch, database, rows),
            });
        }
    }
    artifacts.append(&mut roles);
    artifacts
}

/// A database name as a safe part of a file name.
fn file_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A document store's access rules as MongoDB role definitions (`db.createRole`): the owner of
/// a collection may write it, readers may only find in it.
fn mongo_roles(arch: &Architecture, database: &Database, rows: &[&AccessRow]) -> String {
    let js = |text: &str| {
        let mut quoted = String::from("\"");
        for c in text.chars() {
            if c == '"' || c == '\\' {
                quoted.push('\\');
            }
            quoted.push(if c.is_control() { ' ' } else { c });
        }
        quoted.push('"');
        quoted
    };
    let mut out = String::from("// Ownership and access rules for ");
    out.push_str(&comment(&database.name));
    out.push_str(" (MongoDB), generated by Seams: one role per service;\n// owners may write their own collections, other services only find.\ndb = db.getSiblingDB(");
    out.push_str(&js(&database.name));
    out.push_str(");\n");
    // One role per service touching the store, in service order (the store's rows are the
    // collections declared by hand, so a pass over them per service stays small).
    for service in &arch.services {
        let mut privileges = Vec::new();
        for row in rows {
            let actions = if row.owner.as_deref() == Some(service.id.as_str()) {
                "[\"find\", \"insert\", \"update\", \"remove\"]"
            } else if row.readers.contains(&service.id) {
                "[\"find\"]"
            } else {
                continue;
            };
            privileges.push(
                String::from("{ resource: { db: ")
                    + &js(&database.name)
                    + ", collection: "
                    + &js(&naming::display_table(arch, &row.relation))
                    + " }, actions: "
                    + actions
                    + " }",
            );
        }
        if privileges.is_empty() {
            continue;
        }
        out.push_str("db.createRole({ role: ");
        out.push_str(&js(&service.name));
        out.push_str(", privileges: [\n  ");
        out.push_str(&privileges.join(",\n  "));
        out.push_str("\n], roles: [] });\n");
    }
    out
}

/// The roles-and-grants script in `d`, for the relations of `rows`; with `scope`, for one
/// database of several (roles only for the services that touch it).
async fn script(
    arch: &Architecture,
    d: Dialect,
    scope: Option<&Database>,
    rows: &[&AccessRow],
) -> String {
    let mut stride = crate::pace::Stride::every(ROWS_BETWEEN_PAUSES);
    let mut out = String::new();
    match scope {
        Some(database) => out.push_str(&format!(
            "-- Ownership and access rules for {} ({}), generated by Seams.\n",
            comment(&database.name),
            d.label()
        )),
        None => out.push_str(&format!(
            "-- Ownership and access rules ({}), generated by Seams.\n",
            d.label()
        )),
    }
    if d == Dialect::Sqlite {
        out.push_str("-- SQLite has no roles and no GRANT: the owning service is the only one that may write a\n");
        out.push_str("-- table, and the application must enforce that. Readers get read-only views (SQLite views\n");
        out.push_str("-- cannot be written without INSTEAD OF triggers), named after the reader and the table.\n");
        for row in rows {
            stride.over(1).await;
            out.push_str(&format!(
                "\n-- {}: {}\n",
                comment(&naming::display_table(arch, &row.relation)),
                comment(&owner_phrase(arch, row))
            ));
            out.push_str(&refusals(arch, arch.table(&row.relation)));
            for reader in &row.readers {
                let view = format!(
                    "{}__{}",
                    naming::service_name(arch, reader),
                    naming::display_table(arch, &row.relation)
                );
                out.push_str(&format!(
                    "CREATE VIEW {} AS SELECT * FROM {};\n",
                    quote(d, &view),
                    qualified_in(arch, d, &row.relation)
                ));
            }
        }
        return out;
    }
    out.push_str(
        "-- One role per service; owners may write their own tables, other services only read.\n",
    );
    // A role for each service that connects to these tables' database or touches them; a
    // service with no database gets none.
    let touching: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.owner.iter().chain(&r.readers))
        .map(String::as_str)
        .collect_set();
    for s in &arch.services {
        let connects = match scope {
            Some(database) => s.databases.contains(&database.id),
            None => arch
                .databases
                .iter()
                .any(|db| db.is_sql() && s.databases.contains(&db.id)),
        };
        if connects || touching.contains(s.id.as_str()) {
            out.push_str(&format!("CREATE ROLE {};\n", role(d, &s.name)));
        }
    }
    for row in rows {
        stride.over(1).await;
        let object = qualified_in(arch, d, &row.relation);
        out.push_str(&format!(
            "\n-- {}: {}\n",
            comment(&naming::display_table(arch, &row.relation)),
            comment(&owner_phrase(arch, row))
        ));
        if d == Dialect::Postgres {
            out.push_str(&format!("REVOKE ALL ON {object} FROM PUBLIC;\n"));
        }
        if let Some(owner) = &row.owner {
            let table = arch.table(&row.relation);
            out.push_str(&refusals(arch, table));
            let mut privileges = String::from("SELECT");
            for privilege in WRITES {
                if table.is_some_and(|t| t.forbidding(privilege).is_none()) {
                    privileges.push_str(", ");
                    privileges.push_str(privilege.keyword());
                }
            }
            out.push_str(&format!(
                "GRANT {privileges} ON {object} TO {};\n",
                role(d, &naming::service_name(arch, owner))
            ));
        }
        for reader in &row.readers {
            out.push_str(&format!(
                "GRANT SELECT ON {object} TO {};\n",
                role(d, &naming::service_name(arch, reader))
            ));
        }
    }
    out
}

/// Tables' rules written between two pauses of `script`.
const ROWS_BETWEEN_PAUSES: usize = 2_000;

/// The writes an owner is granted on its table, unless the schema forbids them.
const WRITES: [Privilege; 3] = [Privilege::Insert, Privilege::Update, Privilege::Delete];

/// One comment line per write the table's own rules or triggers forbid, naming the rule or
/// trigger and where it is (`file:line`): the script grants that write to nobody, the owner
/// included, since the database would refuse or discard it anyway.
fn refusals(arch: &Architecture, table: Option<&Table>) -> String {
    let mut out = String::new();
    let Some(table) = table else {
        return out;
    };
    for privilege in WRITES {
        let Some(refused) = table.forbidding(privilege) else {
            continue;
        };
        let at = arch.sources.locate(refused.span);
        let keyword = privilege.keyword();
        let what = match refused.guard {
            WriteGuard::Rule => "makes every",
            WriteGuard::Trigger => "rejects every",
        };
        let done = match refused.guard {
            WriteGuard::Rule => " do nothing",
            WriteGuard::Trigger => "",
        };
        out.push_str(&format!(
            "-- No {keyword} is granted, not even to the owner: {} {} ({}:{}) {what} {keyword}{done}.\n",
            refused.guard.as_str(),
            comment(&refused.by),
            comment(&at.file),
            at.line
        ));
    }
    out
}

fn role(dialect: Dialect, name: &str) -> String {
    quote(dialect, name)
}

fn owner_phrase(arch: &Architecture, row: &AccessRow) -> String {
    let readers: Vec<String> = row
        .readers
        .iter()
        .map(|r| naming::service_name(arch, r))
        .collect();
    match (&row.owner, readers.is_empty()) {
        (Some(owner), true) => format!("owned by {}", naming::service_name(arch, owner)),
        (Some(owner), false) => format!(
            "owned by {}, read-only for {}",
            naming::service_name(arch, owner),
            naming::list(&readers)
        ),
        (None, _) => "no owner: nobody gets write access".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::evolution::evolve;
    use crate::evolution::test_builder::ArchBuilder;
    use crate::model::{Dialect, Privilege};

    /// The stage-2 grants script of a ledger whose rules forbid `forbidden`, in `dialect`.
    fn ledger_grants(dialect: Dialect, forbidden: &[Privilege]) -> String {
        let mut builder = ArchBuilder::new(dialect)
            .table("ledger", &[("id", "bigint"), ("amount", "int")], 1)
            .service("writer", "", &[], &["ledger"])
            .service("reader", "", &["ledger"], &[]);
        for (line, privilege) in (10..).zip(forbidden) {
            builder = builder.forbids("ledger", *privilege, &format!("no_{line}"), line);
        }
        let stages = evolve(&builder.build());
        stages[2]
            .artifacts
            .iter()
            .find(|a| a.key == "grants")
            .unwrap()
            .content
            .clone()
    }

    #[test]
    fn forbidden_writes_are_granted_to_nobody_and_the_script_says_why() {
        let script = ledger_grants(Dialect::Postgres, &[Privilege::Update, Privilege::Delete]);
        assert!(
            script.contains("GRANT SELECT, INSERT ON \"public\".\"ledger\" TO \"writer\";"),
            "{script}"
        );
        assert!(script.contains("-- No UPDATE is granted, not even to the owner: rule no_10 (schema:10) makes every UPDATE do nothing.\n"), "{script}");
        assert!(script.contains("-- No DELETE is granted, not even to the owner: rule no_11 (schema:11) makes every DELETE do nothing.\n"), "{script}");
        assert!(script.contains("GRANT SELECT ON \"public\".\"ledger\" TO \"reader\";"));
        let script = ledger_grants(Dialect::MySql, &[Privilege::Delete]);
        assert!(
            script.contains("GRANT SELECT, INSERT, UPDATE ON `ledger` TO `writer`;"),
            "{script}"
        );
        let script = ledger_grants(Dialect::Sqlite, &[Privilege::Update]);
        assert!(script.contains("-- No UPDATE is granted"), "{script}");
        let script = ledger_grants(Dialect::Postgres, &[]);
        assert!(
            script.contains(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON \"public\".\"ledger\" TO \"writer\";"
            ),
            "{script}"
        );
        assert!(!script.contains("-- No "), "{script}");
    }
}
