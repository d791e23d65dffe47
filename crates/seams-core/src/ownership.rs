//! Who owns each table: declared wins (`ownership:` or `owns:` in the services file); otherwise the
//! sole writer; otherwise ambiguous with the writers named as candidates; otherwise nobody.
//!
//! The deployables of one `part_of` group (an API and its worker) are one writer, named by the
//! group's head.
//!
//! Reads never make an owner: a table only read (by one service or several) and written by none has
//! no owner, because reading says nothing about who may change the table. Views get no owner.
//! A partition with no owner of its own follows its parent's certain owner (it is part of it).
//! Start at [`owners`].

use crate::model::Architecture;
use crate::order::Collect;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The certain owner (declared or inferred) of each table that has one: service id by table id.
/// Layout groups and orders tables by it, the scene colours them by it.
pub type OwnerMap = BTreeMap<String, String>;

/// The owner of one table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "services", rename_all = "lowercase")]
pub enum Owner {
    /// Declared in the services file (the service id).
    Declared(String),
    /// Inferred: the one service that writes the table (the service id).
    Inferred(String),
    /// Several services write it and none is declared: the candidates' ids, sorted.
    Ambiguous(Vec<String>),
    /// Nobody writes it and nobody is declared.
    None,
}

impl Owner {
    /// The owning service when it is certain (declared or inferred).
    pub fn certain(&self) -> Option<&str> {
        match self {
            Owner::Declared(s) | Owner::Inferred(s) => Some(s),
            Owner::Ambiguous(_) | Owner::None => None,
        }
    }

    /// The services that may own the table: the certain owner, the ambiguous candidates, or, for
    /// a table nobody owns, every service in `all` (any of them could be made its owner; callers
    /// pass [`candidate_owners`], the services that touch some table). Rules that
    /// compare owners use this pessimistic set so that settling an owner can only remove findings.
    pub fn possible<'a>(&'a self, all: &'a BTreeSet<String>) -> BTreeSet<&'a str> {
        let possible: BTreeSet<&str> = match self {
            Owner::Declared(s) | Owner::Inferred(s) => std::iter::once(s.as_str()).collect_set(),
            Owner::Ambiguous(candidates) => candidates.iter().map(String::as_str).collect_set(),
            Owner::None => all.iter().map(String::as_str).collect_set(),
        };
        crate::work::step(possible.len());
        possible
    }

    /// A short phrase for messages: `app-b`, `app-a or app-b`, `no service`.
    pub fn describe(&self) -> String {
        match self {
            Owner::Declared(s) | Owner::Inferred(s) => crate::ident::id_name(s).to_string(),
            Owner::Ambiguous(c) => join_or(c.iter().map(|s| crate::ident::id_name(s))),
            Owner::None => String::from("no service"),
        }
    }
}

/// Joins names as `a`, `a or b`, `a, b or c`.
fn join_or<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The owner of every table (not views), by table id. Linear in tables plus accesses (times the
/// depth of partition nesting).
pub fn owners(architecture: &Architecture) -> BTreeMap<String, Owner> {
    let mut writers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for service in &architecture.services {
        // Deployables of one `part_of` group write as one owner, named by the group's head.
        let unit = architecture.unit(&service.id);
        for access in &service.writes {
            writers
                .entry(access.table.as_str())
                .or_default()
                .insert(unit);
        }
    }
    let own = |table: &str| {
        own_owner(
            architecture,
            table,
            writers.get(table).into_iter().flatten().copied(),
        )
    };
    architecture
        .tables
        .iter()
        .map(|table| {
            let owner = with_parent(architecture, &table.id, own(&table.id), own);
            (table.id.clone(), owner)
        })
        .collect_map()
}

/// The services that could be made the owner of a table nobody owns: those that touch a table
/// (read or write one, are declared to own one, or model one). A service that touches no table
/// (a gateway, a front end) never becomes a possible owner, so it cannot be drawn into a
/// foreign read or a call cycle through a table it has nothing to do with.
pub fn candidate_owners(architecture: &Architecture) -> BTreeSet<String> {
    let mut candidates: BTreeSet<String> = architecture
        .services
        .iter()
        .filter(|s| !s.reads.is_empty() || !s.writes.is_empty())
        .map(|s| s.id.clone())
        .collect_set();
    candidates.extend(architecture.ownership.values().map(|o| o.service.clone()));
    candidates.extend(architecture.models.iter().map(|m| m.service.clone()));
    candidates
}

/// The certain owners (declared or inferred) of [`owners`], by table id.
pub fn owner_map(architecture: &Architecture) -> OwnerMap {
    owners(architecture)
        .into_iter()
        .filter_map(|(table, owner)| owner.certain().map(|s| (table, s.to_string())))
        .collect_map()
}

/// The owner of one table id (`Owner::None` for views and unknown ids).
pub fn owner_of(architecture: &Architecture, table: &str) -> Owner {
    if architecture.table(table).is_none() {
        return Owner::None;
    }
    let own = |table: &str| {
        let writers: BTreeSet<&str> = architecture
            .services
            .iter()
            .filter(|s| s.writes_table(table))
            .map(|s| architecture.unit(&s.id))
            .collect_set();
        own_owner(architecture, table, writers.into_iter())
    };
    with_parent(architecture, table, own(table), own)
}

/// A table's owner from its own declaration and writers (`writers` sorted, no repeats).
fn own_owner<'a>(
    architecture: &Architecture,
    table: &str,
    writers: impl Iterator<Item = &'a str>,
) -> Owner {
    if let Some(declared) = architecture.ownership.get(table) {
        return Owner::Declared(declared.service.clone());
    }
    let writers: Vec<String> = writers.map(str::to_string).collect();
    match writers.as_slice() {
        [] => Owner::None,
        [only] => Owner::Inferred(only.clone()),
        _ => Owner::Ambiguous(writers),
    }
}

/// A partition nobody owns by itself takes the certain owner of its parent (or the parent's
/// parent, for nested partitions) as inferred: it is physically part of the parent. Its own
/// declaration or writers win. Settling a parent can only settle partitions, never unsettle them.
fn with_parent(
    architecture: &Architecture,
    table: &str,
    own: Owner,
    own_of: impl Fn(&str) -> Owner,
) -> Owner {
    if own != Owner::None {
        return own;
    }
    let mut seen: BTreeSet<&str> = BTreeSet::from([table]);
    let mut current = architecture.table(table);
    while let Some(parent) = current.and_then(|t| t.partition_of.as_deref()) {
        if !seen.insert(parent) {
            break;
        }
        match own_of(parent) {
            Owner::Declared(s) | Owner::Inferred(s) => return Owner::Inferred(s),
            Owner::Ambiguous(_) => break,
            Owner::None => current = architecture.table(parent),
        }
    }
    Owner::None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Access, Database, Ownership, Service};
    use crate::model::{Dialect, ForeignKey, ParseStats, Table, View};
    use crate::source::{Pane, Span};

    /// A tiny builder of architectures for the findings, score and metrics tests.
    pub(crate) struct Arch(pub Architecture);

    /// The seed story as the tests build it: app-a reads users; app-b reads and writes users
    /// and messages, in one database.
    pub(crate) fn seed() -> Architecture {
        Arch::new()
            .table("users")
            .table("messages")
            .service("app-a")
            .service("app-b")
            .reads("app-a", "users")
            .reads("app-b", "users")
            .reads("app-b", "messages")
            .writes("app-b", "users")
            .writes("app-b", "messages")
            .build()
    }

    impl Arch {
        pub fn new() -> Self {
            Arch(Architecture {
                dialect: Dialect::Postgres,
                dialect_reason: String::new(),
                databases: Vec::new(),
                tables: Vec::new(),
                views: Vec::new(),
                services: Vec::new(),
                topics: Vec::new(),
                apis: Vec::new(),
                ownership: BTreeMap::new(),
                roles: Vec::new(),
                grants: Vec::new(),
                models: Vec::new(),
                libraries: Vec::new(),
                schema_stats: ParseStats::default(),
                diagnostics: Vec::new(),
                sources: Default::default(),
                accepted: Vec::new(),
                sensitive: Vec::new(),
                query_columns: Vec::new(),
            })
        }

        pub fn table(mut self, name: &str) -> Self {
            let line = self.0.tables.len() as u32 + 1;
            self.0.tables.push(
                Table {
                    id: format!("table:{name}"),
                    schema: None,
                    name: name.to_string(),
                    columns: Vec::new(),
                    primary_key: Vec::new(),
                    foreign_keys: Vec::new(),
                    span: Span::new(Pane::Schema, line, 1),
                    recovered: false,
                    partition_of: None,
                    forbids: Vec::new(),
                }
                .into(),
            );
            crate::order::sort_by(&mut self.0.tables, |a, b| a.id.cmp(&b.id));
            self
        }

        pub fn fk(mut self, from: &str, to: &str) -> Self {
            let id = format!("table:{from}");
            if let Some(t) = self
                .0
                .tables
                .iter_mut()
                .find(|t| t.id == id)
                .map(std::sync::Arc::make_mut)
            {
                t.foreign_keys.push(ForeignKey {
                    columns: vec![format!("{to}_id")],
                    references: format!("table:{to}"),
                    ref_columns: vec!["id".into()],
                    span: Span::new(Pane::Schema, 50, 1),
                });
            }
            self
        }

        pub fn view(mut self, name: &str, reads: &[&str]) -> Self {
            self.0.views.push(View {
                id: format!("view:{name}"),
                schema: None,
                name: name.to_string(),
                reads: reads.iter().map(|r| r.to_string()).collect(),
                span: Span::new(Pane::Schema, 60, 1),
            });
            // Every list of an architecture is sorted by id (lookups binary-search it).
            crate::order::sort_by(&mut self.0.views, |a, b| a.id.cmp(&b.id));
            self
        }

        pub fn service(mut self, name: &str) -> Self {
            let line = self.0.services.len() as u32 + 1;
            self.0.services.push(Service {
                id: format!("service:{name}"),
                name: name.to_string(),
                summary: String::new(),
                reads: Vec::new(),
                writes: Vec::new(),
                calls: Vec::new(),
                publishes: Vec::new(),
                subscribes: Vec::new(),
                databases: vec!["db:main".into()],
                span: Span::new(Pane::Services, line * 10, 3),
                part_of: None,
            });
            crate::order::sort_by(&mut self.0.services, |a, b| a.id.cmp(&b.id));
            if self.0.databases.is_empty() {
                self.0.databases.push(Database {
                    id: "db:main".into(),
                    name: "main".into(),
                    host: None,
                    kind: None,
                    owner: None,
                    span: None,
                    tables: Vec::new(),
                });
            }
            self
        }

        fn with_service(mut self, name: &str, f: impl FnOnce(&mut Service)) -> Self {
            let id = format!("service:{name}");
            if let Some(s) = self.0.services.iter_mut().find(|s| s.id == id) {
                f(s);
            }
            self
        }

        pub fn reads(self, service: &str, table: &str) -> Self {
            let table = if table.contains(':') {
                table.to_string()
            } else {
                format!("table:{table}")
            };
            self.with_service(service, |s| {
                s.reads.push(Access {
                    table,
                    span: Span::new(Pane::Services, 100, 5),
                    from_query: false,
                    insert_only: false,
                    shapes: Vec::new(),
                });
                crate::order::sort(&mut s.reads);
            })
        }

        pub fn writes(self, service: &str, table: &str) -> Self {
            self.with_service(service, |s| {
                s.writes.push(Access {
                    table: format!("table:{table}"),
                    span: Span::new(Pane::Services, 101, 5),
                    from_query: false,
                    insert_only: false,
                    shapes: Vec::new(),
                });
                crate::order::sort(&mut s.writes);
            })
        }

        pub fn owns(mut self, table: &str, service: &str) -> Self {
            self.0.ownership.insert(
                format!("table:{table}"),
                Ownership {
                    service: format!("service:{service}"),
                    span: Span::new(Pane::Services, 200, 3),
                },
            );
            self
        }

        pub fn partition(mut self, child: &str, parent: &str) -> Self {
            let id = format!("table:{child}");
            if let Some(t) = self
                .0
                .tables
                .iter_mut()
                .find(|t| t.id == id)
                .map(std::sync::Arc::make_mut)
            {
                t.partition_of = Some(format!("table:{parent}"));
            }
            self
        }

        pub fn build(self) -> Architecture {
            self.0
        }
    }

    fn check(arch: Architecture, expected: &[(&str, Owner)]) {
        let got = owners(&arch);
        let want: BTreeMap<String, Owner> = expected
            .iter()
            .map(|(t, o)| (format!("table:{t}"), o.clone()))
            .collect_map();
        assert_eq!(got, want);
        for (table, owner) in &got {
            assert_eq!(&owner_of(&arch, table), owner);
        }
    }

    fn s(name: &str) -> String {
        format!("service:{name}")
    }

    #[test]
    fn declared_wins_then_sole_writer_then_ambiguous_then_none() {
        let arch = Arch::new()
            .table("users")
            .table("messages")
            .table("orders")
            .table("countries")
            .service("app-a")
            .service("app-b")
            .reads("app-a", "users")
            .writes("app-b", "users")
            .writes("app-a", "orders")
            .writes("app-b", "orders")
            .writes("app-a", "messages")
            .owns("messages", "app-b")
            .reads("app-a", "countries")
            .build();
        check(
            arch,
            &[
                ("countries", Owner::None),
                ("messages", Owner::Declared(s("app-b"))),
                ("orders", Owner::Ambiguous(vec![s("app-a"), s("app-b")])),
                ("users", Owner::Inferred(s("app-b"))),
            ],
        );
    }

    #[test]
    fn partitions_nobody_owns_follow_their_parents_certain_owner() {
        let arch = Arch::new()
            .table("payment")
            .table("p1")
            .table("p2")
            .table("p3")
            .table("p1a")
            .table("orders")
            .table("o1")
            .table("loop_a")
            .table("loop_b")
            .service("app-a")
            .service("app-b")
            .writes("app-a", "payment")
            .partition("p1", "payment")
            .partition("p2", "payment")
            .writes("app-b", "p2")
            .partition("p3", "payment")
            .owns("p3", "app-b")
            .partition("p1a", "p1")
            .writes("app-a", "orders")
            .writes("app-b", "orders")
            .partition("o1", "orders")
            .partition("loop_a", "loop_b")
            .partition("loop_b", "loop_a")
            .build();
        check(
            arch,
            &[
                ("loop_a", Owner::None),
                ("loop_b", Owner::None),
                ("o1", Owner::None),
                ("orders", Owner::Ambiguous(vec![s("app-a"), s("app-b")])),
                ("p1", Owner::Inferred(s("app-a"))),
                ("p1a", Owner::Inferred(s("app-a"))),
                ("p2", Owner::Inferred(s("app-b"))),
                ("p3", Owner::Declared(s("app-b"))),
                ("payment", Owner::Inferred(s("app-a"))),
            ],
        );
    }

    #[test]
    fn views_have_no_owner() {
        let arch = Arch::new()
            .table("users")
            .view("active_users", &["table:users"])
            .service("app-a")
            .writes("app-a", "users")
            .build();
        assert_eq!(owner_of(&arch, "view:active_users"), Owner::None);
        assert!(!owners(&arch).contains_key("view:active_users"));
    }

    #[test]
    fn describes_owners_for_messages() {
        assert_eq!(Owner::Inferred(s("app-b")).describe(), "app-b");
        assert_eq!(
            Owner::Ambiguous(vec![s("a"), s("b"), s("c")]).describe(),
            "a, b or c"
        );
        assert_eq!(Owner::None.describe(), "no service");
    }
}
