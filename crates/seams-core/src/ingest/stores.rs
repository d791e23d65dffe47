//! Stores and where tables live: the databases the services file declares or names, the
//! database that holds the Schema pane's tables outside any section (the home), and the schema
//! read section by section ([`crate::sql::sections`]) so every table belongs to one database.
//!
//! Ids: when the schema's tables and views live in one database, their ids are the plain
//! `table:schema.name` they always were; when they live in several, every id carries its
//! database ([`ident::in_database`]), so same-named tables in two databases are two tables.

use crate::diagnostic::Diagnostic;
use crate::ident;
use crate::model::{Database, Dialect, Grant, ParseStats, Role, Table, View, DEFAULT_DATABASE};
use crate::services::{DatabaseRef, ServicesFile};
use crate::source::Span;
use crate::sql;
use std::collections::{BTreeMap, BTreeSet};

/// Every database known so far, by id, and how a written name finds one.
#[derive(Debug, Default)]
pub(super) struct Directory {
    /// Databases by id.
    pub databases: BTreeMap<String, Database>,
    /// The database holding the Schema pane's tables outside any section.
    pub home: String,
}

impl Directory {
    /// The stores of the `databases:` section, the databases services name, and the home.
    pub fn new(file: &ServicesFile, created: &[(String, Span)]) -> Self {
        let mut directory = Directory::default();
        for store in &file.stores {
            let id = ident::database_id(&store.name.name, store.host.as_deref());
            directory.databases.entry(id.clone()).or_insert(Database {
                kind: store.kind,
                span: Some(store.name.span),
                ..Database::named(id, store.name.name.clone(), store.host.clone())
            });
        }
        for (name, span) in created {
            if directory.find(name).is_none() {
                let id = ident::database_id(name, None);
                directory.databases.insert(
                    id.clone(),
                    Database {
                        span: Some(*span),
                        ..Database::named(id, name.clone(), None)
                    },
                );
            }
        }
        let mut votes: BTreeMap<String, usize> = BTreeMap::new();
        for service in &file.services {
            let refs = service.databases.as_deref();
            for db in refs.unwrap_or_default() {
                directory.resolve(db);
            }
            let touches = !(service.reads.is_empty()
                && service.writes.is_empty()
                && service.queries.is_empty()
                && service.owns.is_empty());
            let vote = match refs {
                Some(list) => list.first().map(|db| directory.resolve(db)),
                None if touches => Some(ident::database_id(DEFAULT_DATABASE, None)),
                None => None,
            };
            if let Some(vote) =
                vote.filter(|id| directory.databases.get(id).is_none_or(Database::is_sql))
            {
                *votes.entry(vote).or_default() += 1;
            }
        }
        let sql_stores: Vec<&String> = directory
            .databases
            .values()
            .filter(|d| d.is_sql() && d.span.is_some())
            .map(|d| &d.id)
            .collect();
        // The database most services connect to (the smaller id on a tie), as before stores
        // existed; else the one SQL store declared; else `main`.
        directory.home = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(id, _)| id.clone())
            .or_else(|| match sql_stores.as_slice() {
                [only] => Some((*only).clone()),
                _ => None,
            })
            .unwrap_or_else(|| ident::database_id(DEFAULT_DATABASE, None));
        directory
    }

    /// The database a written name (no host) means: a known database of that name (exactly,
    /// then ignoring case; the home first when several have it), if any.
    pub fn find(&self, name: &str) -> Option<String> {
        let exact: Vec<&Database> = self.databases.values().filter(|d| d.name == name).collect();
        let named = if exact.is_empty() {
            self.databases
                .values()
                .filter(|d| d.name.eq_ignore_ascii_case(name))
                .collect()
        } else {
            exact
        };
        named
            .iter()
            .find(|d| d.id == self.home)
            .or(named.first())
            .map(|d| d.id.clone())
    }

    /// The id of the database a service's `database:` entry names, added when new.
    pub fn resolve(&mut self, written: &DatabaseRef) -> String {
        let id = match &written.host {
            Some(host) => ident::database_id(&written.name, Some(host)),
            None => self
                .find(&written.name)
                .unwrap_or_else(|| ident::database_id(&written.name, None)),
        };
        self.databases.entry(id.clone()).or_insert_with(|| {
            Database::named(id.clone(), written.name.clone(), written.host.clone())
        });
        id
    }

    /// The id of the database a schema section or a three-part name names, added when new.
    pub fn resolve_name(&mut self, name: &str) -> String {
        self.resolve(&DatabaseRef {
            name: name.to_string(),
            host: None,
            span: Span::start(crate::source::Pane::Schema),
        })
    }

    /// The part of database `id` that table ids carry: its name, or `host/name` when another
    /// known database has the same name.
    pub fn key(&self, id: &str) -> String {
        match self.databases.get(id) {
            Some(database)
                if self
                    .databases
                    .values()
                    .filter(|d| d.name == database.name)
                    .count()
                    == 1 =>
            {
                database.name.clone()
            }
            _ => ident::id_name(id).to_string(),
        }
    }

    /// The dialect of the schema text in database `id`: the user's choice, else its store's
    /// kind, else the one detected for the whole pane.
    pub fn dialect(&self, id: &str, chosen: Option<Dialect>, detected: Dialect) -> Dialect {
        chosen
            .or_else(|| {
                self.databases
                    .get(id)
                    .and_then(|d| d.kind)
                    .and_then(|k| k.dialect())
            })
            .unwrap_or(detected)
    }
}

/// The schema read section by section, merged, every table and view placed in its database.
#[derive(Debug, Default)]
pub(super) struct Schema {
    /// Tables and views by id (a later section's declaration of the same id wins).
    pub tables: BTreeMap<String, Table>,
    pub views: BTreeMap<String, View>,
    /// Roles by name (roles belong to a server; the first declaration is kept).
    pub roles: BTreeMap<String, Role>,
    pub grants: Vec<Grant>,
    pub stats: ParseStats,
    pub diagnostics: Vec<Diagnostic>,
    /// The database of every table and view, by id.
    pub placement: BTreeMap<String, String>,
    /// Whether the tables live in more than one database (their ids then carry it).
    pub several: bool,
}

/// Reads every section of the Schema pane in its database's dialect.
pub(super) async fn read_schema(
    sections: &sql::sections::Sections<'_>,
    directory: &mut Directory,
    chosen: Option<Dialect>,
    detected: Dialect,
) -> Schema {
    let mut read: Vec<(String, sql::ParsedSchema)> = Vec::new();
    let mut stride = crate::pace::Stride::default();
    for section in &sections.sections {
        let database = match &section.database {
            Some(name) => directory.resolve_name(name),
            None => directory.home.clone(),
        };
        let dialect = directory.dialect(&database, chosen, detected);
        let parsed = sql::parse_schema_paced(&section.text, Some(dialect), &mut stride).await;
        read.push((database, parsed));
        crate::pace::pause().await;
    }
    // Each table's database: its three-part name's, else its section's.
    let mut targets: Vec<BTreeMap<String, String>> = Vec::new();
    let mut holding: BTreeSet<String> = BTreeSet::new();
    for (database, parsed) in &read {
        let mut target = BTreeMap::new();
        for table in &parsed.tables {
            let db = match parsed.catalogs.get(&table.id) {
                Some(catalog) => directory.resolve_name(catalog),
                None => database.clone(),
            };
            holding.insert(db.clone());
            target.insert(table.id.clone(), db);
        }
        for view in &parsed.views {
            holding.insert(database.clone());
            target.insert(view.id.clone(), database.clone());
        }
        targets.push(target);
    }
    let mut schema = Schema {
        several: holding.len() > 1,
        ..Schema::default()
    };
    crate::pace::pause().await;
    for ((database, parsed), target) in read.into_iter().zip(targets) {
        schema.merge(&database, parsed, &target, directory);
        crate::pace::pause().await;
    }
    schema
}

impl Schema {
    /// Adds one section's facts, their ids qualified by database when there are several
    /// ([`Directory::key`] gives each database's part).
    fn merge(
        &mut self,
        database: &str,
        parsed: sql::ParsedSchema,
        target: &BTreeMap<String, String>,
        directory: &Directory,
    ) {
        let several = self.several;
        let place = |id: &str| -> String {
            if !several {
                return id.to_string();
            }
            let db = target.get(id).map_or(database, String::as_str);
            ident::in_database(id, &directory.key(db))
        };
        for mut table in parsed.tables {
            let db = target
                .get(&table.id)
                .cloned()
                .unwrap_or_else(|| database.to_string());
            table.id = place(&table.id);
            for fk in &mut table.foreign_keys {
                fk.references = place(&fk.references);
            }
            table.partition_of = table.partition_of.as_deref().map(place);
            self.placement.insert(table.id.clone(), db);
            self.tables.insert(table.id.clone(), table);
        }
        for mut view in parsed.views {
            view.id = place(&view.id);
            for read in &mut view.reads {
                *read = place(read);
            }
            self.placement.insert(view.id.clone(), database.to_string());
            self.views.insert(view.id.clone(), view);
        }
        for mut grant in parsed.grants {
            grant.object = place(&grant.object);
            self.grants.push(grant);
        }
        for role in parsed.roles {
            self.roles.entry(role.name.clone()).or_insert(role);
        }
        self.diagnostics.extend(parsed.diagnostics);
        let stats = parsed.stats;
        self.stats.statements += stats.statements;
        self.stats.parsed += stats.parsed;
        self.stats.recovered += stats.recovered;
        self.stats.skipped += stats.skipped;
        self.stats.failed += stats.failed;
    }
}
