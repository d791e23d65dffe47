//! Folding: how a large database is drawn readably. When a database holds more than
//! [`FOLD_THRESHOLD`] tables and views, they are grouped into clusters, one per owner service, and
//! one per schema for tables no service owns. A cluster is drawn as a single card (with counts)
//! until the user unfolds it; the layout and the scene both read the same [`Folding`] plan so the
//! card, its place and the edges redirected to it always agree.
//!
//! A picture also has a budget: when the databases under the threshold together hold more than
//! [`PICTURE_CARDS`] tables and views (a system of many small databases, as stage 4 makes of a
//! large one), they fold too, from the largest down, until the rest fit ([`folds_from`]). Without
//! it, stage 4 of a 24,000-table system drew 24,000 cards: 61 MB of SVG and seconds of drawing
//! for a picture nobody can read.
//!
//! Cluster ids are `cluster:<database name>/<owner service name or schema>`, e.g.
//! `cluster:main/app-b`. The plan depends only on sorted ids and ownership: deterministic.

use crate::ident;
use crate::model::Architecture;
use crate::order;
use crate::order::Collect;
use crate::ownership::OwnerMap;
use std::collections::{BTreeMap, BTreeSet};

/// A database with more tables and views than this is drawn folded into clusters.
/// Chosen so the gallery's largest example (freight: 78 tables and 9 views) and real pg_dumps of
/// that size stay fully drawn.
pub const FOLD_THRESHOLD: usize = 100;

/// The most table and view cards a picture draws from the databases that are not folded for
/// their own size; past it, those fold from the largest down. Above every gallery example (freight,
/// the largest, draws 87) and the real dumps, so only systems far past readable fold more.
pub const PICTURE_CARDS: usize = 400;

/// The group name of tables and views with neither an owner nor a schema.
const NO_SCHEMA: &str = "unscoped";

/// One cluster: the tables and views of one owner (or one schema) in one folded database.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// `cluster:<database name>/<group>`; the DOM key of its card.
    pub id: String,
    /// The id of the database it sits in.
    pub database: String,
    /// The group's name: the owner service's name, or the schema.
    pub name: String,
    /// The owner service id, or None for a schema group.
    pub owner: Option<String>,
    /// Member table and view ids, sorted: views after tables, each by short name then id.
    pub members: Vec<String>,
    /// How many members are tables.
    pub tables: usize,
    /// How many members are views.
    pub views: usize,
}

impl Cluster {
    /// The counts line drawn on the card, e.g. "42 tables · 3 views".
    pub fn counts(&self) -> String {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        if self.views == 0 {
            plural(self.tables, "table")
        } else {
            format!(
                "{} · {}",
                plural(self.tables, "table"),
                plural(self.views, "view")
            )
        }
    }

    /// How the cluster is named in sentences: "app-b's cluster", "the sales schema".
    pub fn phrase(&self) -> String {
        match self.owner {
            Some(_) => format!("{}'s cluster", self.name),
            None => format!("the {} schema", self.name),
        }
    }
}

/// The fold plan of one architecture: every cluster of every folded database.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folding {
    /// Clusters by id.
    pub clusters: BTreeMap<String, Cluster>,
    /// The cluster id of every member table or view.
    pub cluster_of: BTreeMap<String, String>,
}

impl Folding {
    /// The clusters of database `db`, in id order.
    pub fn in_database<'a>(&'a self, db: &'a str) -> impl Iterator<Item = &'a Cluster> + 'a {
        self.clusters.values().filter(move |c| c.database == db)
    }
}

/// The owner of a view: the one owner of every table it reads, if they agree.
fn view_owner(arch: &Architecture, owners: &OwnerMap, view: &str) -> Option<String> {
    let reads = &arch.view(view)?.reads;
    let mut found: BTreeSet<&String> = BTreeSet::new();
    for table in reads {
        found.insert(owners.get(table)?);
    }
    match found.into_iter().collect::<Vec<_>>().as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}

fn schema_of(arch: &Architecture, id: &str) -> Option<String> {
    arch.table(id)
        .and_then(|t| t.schema.clone())
        .or_else(|| arch.view(id).and_then(|v| v.schema.clone()))
        .filter(|s| !s.is_empty())
}

/// The size from which a database folds in `arch`: past [`FOLD_THRESHOLD`] always, and down to
/// the largest size that leaves at most [`PICTURE_CARDS`] members in the databases still drawn
/// table by table. A database of one table never folds (its card would be no smaller). One
/// size for the whole picture, so two databases of the same size fold alike.
pub fn folds_from(arch: &Architecture) -> usize {
    // How many databases have each size up to the threshold: walked from the largest size
    // down, no sort needed.
    let mut of_size = [0usize; FOLD_THRESHOLD + 1];
    let mut drawn = 0;
    for db in &arch.databases {
        if let Some(count) = of_size.get_mut(db.tables.len()) {
            *count += 1;
            drawn += db.tables.len();
        }
    }
    let mut from = FOLD_THRESHOLD + 1;
    for size in (2..=FOLD_THRESHOLD).rev() {
        if drawn <= PICTURE_CARDS {
            break;
        }
        let count = of_size.get(size).copied().unwrap_or(0);
        if count > 0 {
            drawn -= size * count;
            from = size;
        }
    }
    from
}

/// Plans the folding of `arch`: which databases fold ([`folds_from`]) and what goes into each
/// cluster. Linear in tables plus views (times log for the maps).
pub fn plan(arch: &Architecture, owners: &OwnerMap) -> Folding {
    let mut folding = Folding::default();
    let from = folds_from(arch);
    for db in &arch.databases {
        if db.tables.len() < from {
            continue;
        }
        let db_name = ident::id_name(&db.id);
        // Group key: (is schema group, name) so owner groups come first.
        let mut groups: BTreeMap<(bool, String), (Option<String>, Vec<String>)> = BTreeMap::new();
        for member in &db.tables {
            let owner = if member.starts_with("view:") {
                view_owner(arch, owners, member)
            } else {
                owners.get(member).cloned()
            };
            let key = match &owner {
                Some(service) => (false, ident::id_name(service).to_string()),
                None => (
                    true,
                    schema_of(arch, member).unwrap_or_else(|| NO_SCHEMA.to_string()),
                ),
            };
            groups
                .entry(key)
                .or_insert_with(|| (owner.clone(), Vec::new()))
                .1
                .push(member.clone());
        }
        let owner_names: BTreeSet<String> = groups
            .keys()
            .filter(|(schema, _)| !schema)
            .map(|(_, name)| name.clone())
            .collect_set();
        for ((is_schema, name), (owner, mut members)) in groups {
            // A schema named like an owner service gets a distinct id.
            let group = if is_schema && owner_names.contains(&name) {
                format!("schema-{name}")
            } else {
                name.clone()
            };
            let id = format!("cluster:{db_name}/{group}");
            order::sort_by(&mut members, |a, b| {
                let key = |id: &str| (id.starts_with("view:"), ident::short_name(id).to_string());
                key(a).cmp(&key(b)).then_with(|| a.cmp(b))
            });
            let views = members.iter().filter(|m| m.starts_with("view:")).count();
            for member in &members {
                folding.cluster_of.insert(member.clone(), id.clone());
            }
            folding.clusters.insert(
                id.clone(),
                Cluster {
                    id,
                    database: db.id.clone(),
                    name,
                    owner: if is_schema { None } else { owner },
                    tables: members.len() - views,
                    views,
                    members,
                },
            );
        }
    }
    folding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, Inputs};

    /// `schemas` × `per` tables `sN.tM`; service `svcK` writes the tables listed for it.
    fn big(schemas: usize, per: usize, services: &[(&str, Vec<String>)]) -> Architecture {
        let mut schema = String::new();
        for s in 0..schemas {
            for t in 0..per {
                schema.push_str(&format!("CREATE TABLE s{s}.t{t} (id int PRIMARY KEY);\n"));
            }
        }
        let mut yaml = String::from("version: 1\nservices:\n");
        for (name, writes) in services {
            yaml.push_str(&format!("  {name}:\n    writes: [{}]\n", writes.join(", ")));
        }
        ingest(Inputs {
            schema: &schema,
            services: &yaml,
            models: "",
            dialect: None,
            sources: None,
        })
    }

    fn check(arch: &Architecture, expected: &[(&str, usize, usize)]) {
        let folding = plan(arch, &crate::ownership::owner_map(arch));
        let got: Vec<(&str, usize, usize)> = folding
            .clusters
            .values()
            .map(|c| (c.id.as_str(), c.tables, c.views))
            .collect();
        assert_eq!(got, expected);
        let members: usize = folding.clusters.values().map(|c| c.members.len()).sum();
        assert_eq!(
            members,
            folding.cluster_of.len(),
            "every member in one cluster"
        );
    }

    #[test]
    fn small_databases_do_not_fold() {
        let arch = big(1, FOLD_THRESHOLD, &[]);
        check(&arch, &[]);
    }

    #[test]
    fn large_databases_fold_by_owner_then_schema() {
        let writes: Vec<String> = (0..30).map(|t| format!("s0.t{t}")).collect();
        let arch = big(3, 40, &[("app-b", writes)]);
        check(
            &arch,
            &[
                ("cluster:main/app-b", 30, 0),
                ("cluster:main/s0", 10, 0),
                ("cluster:main/s1", 40, 0),
                ("cluster:main/s2", 40, 0),
            ],
        );
    }

    #[test]
    fn a_schema_named_like_a_service_gets_its_own_id() {
        let arch = big(3, 40, &[("s1", vec!["s0.t0".to_string()])]);
        check(
            &arch,
            &[
                ("cluster:main/s0", 39, 0),
                ("cluster:main/s1", 1, 0),
                ("cluster:main/s2", 40, 0),
                ("cluster:main/schema-s1", 40, 0),
            ],
        );
    }

    /// Databases `d0…` with the given numbers of tables, each written by its own service.
    fn databases(sizes: &[usize]) -> Architecture {
        let mut schema = String::new();
        let mut yaml = String::from("version: 1\nservices:\n");
        for (d, &n) in sizes.iter().enumerate() {
            schema.push_str(&format!("-- database: d{d}\n"));
            let tables: Vec<String> = (0..n).map(|t| format!("d{d}t{t}")).collect();
            for table in &tables {
                schema.push_str(&format!("CREATE TABLE {table} (id int PRIMARY KEY);\n"));
            }
            yaml.push_str(&format!(
                "  svc{d}:\n    database: d{d}\n    writes: [{}]\n",
                tables.join(", ")
            ));
        }
        ingest(Inputs {
            schema: &schema,
            services: &yaml,
            models: "",
            dialect: None,
            sources: None,
        })
    }

    /// The databases that fold, by name.
    fn folded(arch: &Architecture) -> Vec<String> {
        let folding = plan(arch, &crate::ownership::owner_map(arch));
        let names: BTreeSet<String> = folding
            .clusters
            .values()
            .map(|c| ident::id_name(&c.database).to_string())
            .collect_set();
        names.into_iter().collect()
    }

    #[test]
    fn small_databases_within_the_picture_budget_do_not_fold() {
        // 20 databases of 20 tables: exactly the budget.
        let arch = databases(&[20; PICTURE_CARDS / 20]);
        assert_eq!(arch.databases.len(), PICTURE_CARDS / 20);
        assert_eq!(folds_from(&arch), FOLD_THRESHOLD + 1);
        assert!(folded(&arch).is_empty());
    }

    #[test]
    fn past_the_picture_budget_databases_fold_from_the_largest_down() {
        // 390 tables in databases of 30, plus two of 20 and one of 5: 435 > 400. Folding the
        // size 30 leaves 45, so every database of 30 folds, and those of 20 and 5 do not.
        let mut sizes = vec![30; 13];
        sizes.extend([20, 5, 20]);
        let arch = databases(&sizes);
        assert_eq!(folds_from(&arch), 30);
        let expected: Vec<String> = (0..13).map(|d| format!("d{d}")).collect();
        let mut got = folded(&arch);
        order::sort_by_key(&mut got, |name| name.len());
        assert_eq!(got, expected);
        // Each folded database is one cluster: its writer's.
        let folding = plan(&arch, &crate::ownership::owner_map(&arch));
        let d0: Vec<(&str, usize)> = folding
            .in_database("db:d0")
            .map(|c| (c.id.as_str(), c.tables))
            .collect();
        assert_eq!(d0, [("cluster:d0/svc0", 30)]);
    }

    #[test]
    fn databases_of_one_table_never_fold() {
        let arch = databases(&[1; PICTURE_CARDS + 20]);
        assert_eq!(folds_from(&arch), FOLD_THRESHOLD + 1);
        assert!(folded(&arch).is_empty());
        // With larger ones beside them, only the larger ones fold.
        let mut sizes = vec![1; PICTURE_CARDS + 20];
        sizes.extend([2, 3]);
        let arch = databases(&sizes);
        assert_eq!(folds_from(&arch), 2);
        assert_eq!(folded(&arch).len(), 2);
    }

    #[test]
    fn counts_read_naturally() {
        let mut c = Cluster {
            id: "cluster:main/a".into(),
            database: "db:main".into(),
            name: "a".into(),
            owner: None,
            members: vec![],
            tables: 1,
            views: 0,
        };
        assert_eq!(c.counts(), "1 table");
        c.tables = 42;
        c.views = 3;
        assert_eq!(c.counts(), "42 tables · 3 views");
        assert_eq!(c.phrase(), "the a schema");
    }
}
