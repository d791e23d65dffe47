//! Ingest: the three input texts read by their readers ([`crate::sql`], [`crate::services`],
//! [`crate::orm`]) and merged into one [`Architecture`]. Names from the services file and the
//! models are resolved here against the schema (with "did you mean" diagnostics), so everything
//! downstream works with stable ids only (`docs/model.md`).
//!
//! Start at [`ingest`].

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::glob;
use crate::ident;
use crate::model::{
    Acceptance, Access, Api, Architecture, Call, Database, Dialect, Grant, Model, ModelLink,
    Ownership, ParseStats, PartOf, QueryColumns, Role, SensitiveColumn, Service, Table, Topic,
    TopicKind, TopicLink, View,
};
use crate::order;
use crate::order::Collect;
use crate::orm;
use crate::services::{self, AcceptDecl, NameRef, ServiceDecl, ServicesFile};
use crate::source::{Pane, Sources, Span};
use crate::sql;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod stores;

/// Largest pane Seams reads, in bytes; longer text is cut at a line end with a diagnostic.
pub const MAX_PANE_BYTES: usize = 4 * 1024 * 1024;

/// Why a text is too large for `pane`: the start of the page's diagnostic on a pane over
/// [`MAX_PANE_BYTES`] and the whole of the CLI's refusal of such a file, so the two say the same
/// thing and cannot drift apart.
pub fn too_large(pane: Pane) -> String {
    format!(
        "the {} input is over {} MB, the most Seams reads of one pane",
        pane.as_str(),
        MAX_PANE_BYTES / 1_048_576
    )
}

/// The three input texts, an optional dialect override and the files the panes are made of.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    /// SQL DDL.
    pub schema: &'a str,
    /// Services file (YAML or JSON).
    pub services: &'a str,
    /// ORM model sources (optional).
    pub models: &'a str,
    /// Dialect override; None detects.
    pub dialect: Option<Dialect>,
    /// The files the panes were read from (the CLI's files); None, or a pane without sources,
    /// takes them from the pane's headers (the Models pane's `# path` lines).
    pub sources: Option<&'a Sources>,
}

/// Cuts `text` to at most [`MAX_PANE_BYTES`] at a line end, with a diagnostic when it was cut.
fn limit(text: &str, pane: Pane, diagnostics: &mut Vec<Diagnostic>) -> String {
    if text.len() <= MAX_PANE_BYTES {
        return text.to_string();
    }
    let mut end = MAX_PANE_BYTES;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text
        .get(..end)
        .and_then(|head| head.rfind('\n'))
        .unwrap_or(end);
    let kept = text.get(..cut).unwrap_or_default();
    let line = kept.lines().count() as u32 + 1;
    diagnostics.push(Diagnostic::error(
        Span::new(pane, line, 1),
        format!(
            "{} (it holds {} MB); the rest, from line {line}, is ignored",
            too_large(pane),
            crate::number::fixed(text.len() as f64 / 1_048_576.0, 1),
        ),
    ));
    kept.to_string()
}

/// Builds the model from the three inputs. Never fails and never panics: bad input becomes
/// diagnostics and everything readable still counts.
pub fn ingest(inputs: Inputs<'_>) -> Architecture {
    crate::pace::at_once(ingest_paced(inputs))
}

/// [`ingest`], pausing while it reads the schema (after every [`crate::pace::STRIDE`] bytes of
/// statements) and once after: the page reads a large schema in pieces.
pub async fn ingest_paced(inputs: Inputs<'_>) -> Architecture {
    let mut diagnostics = Vec::new();
    let schema_text = limit(inputs.schema, Pane::Schema, &mut diagnostics);
    let services_text = limit(inputs.services, Pane::Services, &mut diagnostics);
    let models_text = limit(inputs.models, Pane::Models, &mut diagnostics);

    let (dialect, dialect_reason) = match inputs.dialect {
        Some(chosen) => (chosen, String::from("chosen by the user")),
        None => sql::dialect::detect(&schema_text),
    };
    let services_file = services::parse_services(&services_text, dialect);
    let parsed_models = orm::parse_models(&models_text);
    let sections = sql::sections::split(&schema_text);
    let mut directory = stores::Directory::new(&services_file, &sections.created);
    crate::pace::pause().await;
    let schema = stores::read_schema(&sections, &mut directory, inputs.dialect, dialect).await;
    crate::pace::pause().await;
    diagnostics.extend(schema.diagnostics.iter().cloned());
    diagnostics.extend(services_file.diagnostics.iter().cloned());

    let mut builder = Builder::new(dialect, schema.tables, schema.views, directory);
    builder.placement = schema.placement;
    builder.several = schema.several;
    crate::pace::pause().await;
    builder.services(&services_file);
    crate::pace::pause().await;
    diagnostics.extend(builder.without_claimed_guesses(&parsed_models));
    builder.models(parsed_models.models);
    builder.report_unused_model_paths();
    let accepted = builder.acceptances(&services_file.accept);
    let sensitive = builder.sensitive_columns(&services_file.sensitive);
    crate::pace::pause().await;
    let mut architecture = builder.finish(schema.roles.into_values().collect(), schema.grants);
    crate::pace::pause().await;
    architecture.accepted = accepted;
    architecture.sensitive = sensitive;
    let mut sources = inputs.sources.cloned().unwrap_or_default();
    sources.fill(Pane::Models, parsed_models.sources);
    architecture.sources = sources;
    architecture.dialect_reason = dialect_reason;
    architecture.schema_stats = schema.stats;
    diagnostics.append(&mut architecture.diagnostics);
    order::sort(&mut diagnostics);
    diagnostics.dedup();
    architecture.diagnostics = diagnostics;
    architecture
}

/// How well a relation matches a written name, lower first: outside the service's databases,
/// schema (default or named 0, none 1, another 2), outside the home database, a view.
type Rank = (u8, u8, u8, u8);

struct Builder {
    dialect: Dialect,
    tables: BTreeMap<String, Table>,
    views: BTreeMap<String, View>,
    services: BTreeMap<String, Service>,
    service_keys: BTreeMap<String, String>,
    topics: BTreeMap<String, Topic>,
    apis: BTreeMap<String, Api>,
    ownership: BTreeMap<String, Ownership>,
    /// Every database and the home of the schema's unsectioned tables.
    directory: stores::Directory,
    /// The database of each table and view placed so far, by id (the rest go to the home).
    placement: BTreeMap<String, String>,
    /// Whether the schema's tables live in several databases (ids then carry the database).
    several: bool,
    /// Table and view ids by name, for resolving written names.
    by_name: BTreeMap<String, Vec<String>>,
    /// Services whose `database:` is not given: they connect to the stores they touch.
    inferred: BTreeSet<String>,
    /// Store owners (`owner:` in `databases:`): database id, owning service id, where.
    store_owners: Vec<(String, String, Span)>,
    models: Vec<ModelLink>,
    /// What each service's queries read of each table (`Architecture::query_columns`).
    query_columns: Vec<QueryColumns>,
    /// The services file's `models:` patterns, each with its service id and whether a model
    /// file matched it.
    model_paths: Vec<(NameRef, String, bool)>,
    diagnostics: Vec<Diagnostic>,
}

impl Builder {
    fn new(
        dialect: Dialect,
        tables: BTreeMap<String, Table>,
        views: BTreeMap<String, View>,
        directory: stores::Directory,
    ) -> Self {
        let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, id) in tables
            .values()
            .map(|t| (&t.name, &t.id))
            .chain(views.values().map(|v| (&v.name, &v.id)))
        {
            by_name
                .entry(dialect.name_key(name))
                .or_default()
                .push(id.clone());
        }
        Builder {
            dialect,
            tables,
            views,
            services: BTreeMap::new(),
            service_keys: BTreeMap::new(),
            topics: BTreeMap::new(),
            apis: BTreeMap::new(),
            ownership: BTreeMap::new(),
            directory,
            placement: BTreeMap::new(),
            several: false,
            by_name,
            inferred: BTreeSet::new(),
            store_owners: Vec::new(),
            models: Vec::new(),
            query_columns: Vec::new(),
            model_paths: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Splits a written relation name into normalised (database, schema, name) parts.
    fn split_name(&self, written: &str) -> (Option<String>, Option<String>, String) {
        let parts: Vec<String> = sql::name::parts(written)
            .iter()
            .map(|part| part.normalised(self.dialect))
            .collect();
        match parts.as_slice() {
            [] => (None, None, String::new()),
            [name] => (None, None, name.clone()),
            [schema, name] => (None, Some(schema.clone()), name.clone()),
            [.., database, schema, name] => {
                (Some(database.clone()), Some(schema.clone()), name.clone())
            }
        }
    }

    /// The database table or view `id` lives in (the home until placed elsewhere).
    fn database_of(&self, id: &str) -> &str {
        self.placement
            .get(id)
            .map_or(self.directory.home.as_str(), String::as_str)
    }

    /// The schema of table or view `id`.
    fn schema_of(&self, id: &str) -> Option<&str> {
        match (self.tables.get(id), self.views.get(id)) {
            (Some(t), _) => t.schema.as_deref(),
            (None, Some(v)) => v.schema.as_deref(),
            (None, None) => None,
        }
    }

    /// Resolves a written table or view name to an id, or None when nothing matches. A
    /// qualified name matches its schema (and its database, for `db.schema.table`); an
    /// unqualified one the dialect's default schema, then no schema, then the one relation of
    /// that name in any schema. Relations in `scope` (a service's own databases) come first.
    fn find_relation(&self, written: &str, scope: &[String]) -> Option<String> {
        let (database, schema, name) = self.split_name(written);
        let database = database.and_then(|d| self.directory.find(&d));
        let default = self.dialect.default_schema();
        // The best match, and how many relations share its place in scope and schema.
        let mut best: Option<(Rank, &String)> = None;
        let mut tied_elsewhere = 0;
        let key = |text: &str| self.dialect.name_key(text);
        for id in self.by_name.get(&key(&name)).into_iter().flatten() {
            crate::work::step(1);
            let db = self.database_of(id);
            if database.as_deref().is_some_and(|want| want != db) {
                continue;
            }
            let own = self.schema_of(id);
            let schema_rank = match (&schema, own) {
                (Some(want), Some(own)) if key(want) == key(own) => 0,
                (Some(_), _) => continue,
                (None, Some(own)) if default.is_some_and(|d| key(d) == key(own)) => 0,
                (None, None) => 1,
                (None, Some(_)) => 2,
            };
            let scope_rank = u8::from(!scope.is_empty() && !scope.iter().any(|s| s == db));
            let home_rank = u8::from(db != self.directory.home);
            let view_rank = u8::from(id.starts_with("view:"));
            let rank = (scope_rank, schema_rank, home_rank, view_rank);
            match best {
                Some((held, _)) if (held.0, held.1) == (rank.0, rank.1) => {
                    tied_elsewhere += 1;
                    if rank < held {
                        best = Some((rank, id));
                    }
                }
                Some((held, _)) if held <= rank => {}
                _ => {
                    best = Some((rank, id));
                    tied_elsewhere = 0;
                }
            }
        }
        let (rank, id) = best?;
        // Unqualified and not in the default schema: only a unique match counts.
        if rank.1 == 2 && tied_elsewhere > 0 {
            return None;
        }
        Some(id.clone())
    }

    /// Adds a relation to the name index (by the dialect's key of its name, so a name written
    /// in another case finds it where the dialect ignores case).
    fn index(&mut self, name: &str, id: &str) {
        self.by_name
            .entry(self.dialect.name_key(name))
            .or_default()
            .push(id.to_string());
    }

    /// Resolves a name as written, every part kept exactly (an ORM writes the table's exact
    /// name and quotes what needs quoting).
    fn find_exact(&self, written: &str, scope: &[String]) -> Option<String> {
        let exact = sql::name::parts(written)
            .iter()
            .map(|part| sql::name::quote(&part.text, self.dialect))
            .collect::<Vec<_>>()
            .join(".");
        self.find_relation(&exact, scope)
    }

    /// Resolves a table name from the services file; an unknown one is warned about and added
    /// as an undeclared table so the picture still shows it.
    /// `scope` is the service's own databases: names resolve there first, and an unknown one
    /// is placed in the first SQL one of them.
    fn resolve_table(&mut self, written: &NameRef, scope: &[String]) -> Option<String> {
        if written.name.trim().is_empty() {
            return None;
        }
        if let Some(id) = self.find_relation(&written.name, scope) {
            return Some(id);
        }
        let (database, schema, name) = self.split_name(&written.name);
        if name.is_empty() {
            return None;
        }
        let schema = schema.or_else(|| self.dialect.default_schema().map(str::to_string));
        let target = database.and_then(|d| self.directory.find(&d)).or_else(|| {
            scope
                .iter()
                .find(|d| {
                    self.directory
                        .databases
                        .get(*d)
                        .is_none_or(Database::is_sql)
                })
                .or(scope.first())
                .cloned()
        });
        let plain = ident::table_id(schema.as_deref(), &name);
        let id = match &target {
            Some(db) if self.several || self.is_store(db) => {
                ident::in_database(&plain, &self.directory.key(db))
            }
            _ => plain,
        };
        if !self.tables.contains_key(&id) {
            let known: Vec<&str> = self
                .tables
                .values()
                .filter(|t| t.span.pane == Pane::Schema)
                .map(|t| t.name.as_str())
                .collect();
            let has_schema = !known.is_empty();
            let hint = self.name_hint(&written.name, &name, &known);
            if has_schema && !target.as_deref().is_some_and(|db| self.is_store(db)) {
                self.diagnostics.push(Diagnostic::warning(
                    written.span,
                    format!(
                        "unknown table `{}`: it is not in the schema{hint}; shown as undeclared",
                        written.name
                    ),
                ));
            }
            self.index(&name, &id);
            if let Some(db) = target {
                self.placement.insert(id.clone(), db);
            }
            self.tables.insert(
                id.clone(),
                Table {
                    id: id.clone(),
                    schema,
                    name,
                    columns: Vec::new(),
                    primary_key: Vec::new(),
                    foreign_keys: Vec::new(),
                    span: written.span,
                    recovered: false,
                    partition_of: None,
                    forbids: Vec::new(),
                },
            );
        }
        Some(id)
    }

    /// Whether database `id` is a store of another kind than SQL (collections, keys).
    fn is_store(&self, id: &str) -> bool {
        self.directory
            .databases
            .get(id)
            .is_some_and(|d| !d.is_sql())
    }

    /// The collections and key patterns (and named tables) declared under each store of the
    /// `databases:` section; a non-SQL store's names are taken as written (`user:*`,
    /// `fs.files`), an SQL store's are resolved in it like a service's.
    fn store_relations(&mut self, file: &ServicesFile) {
        for store in &file.stores {
            let db = ident::database_id(&store.name.name, store.host.as_deref());
            for relation in &store.relations {
                if !self.is_store(&db) {
                    self.resolve_table(relation, std::slice::from_ref(&db));
                    continue;
                }
                let name = relation.name.trim().to_string();
                let id =
                    ident::in_database(&ident::table_id(None, &name), &self.directory.key(&db));
                if self.tables.contains_key(&id) {
                    continue;
                }
                self.index(&name, &id);
                self.placement.insert(id.clone(), db.clone());
                self.tables.insert(
                    id.clone(),
                    Table {
                        id,
                        schema: None,
                        name,
                        columns: Vec::new(),
                        primary_key: Vec::new(),
                        foreign_keys: Vec::new(),
                        span: relation.span,
                        recovered: false,
                        partition_of: None,
                        forbids: Vec::new(),
                    },
                );
            }
        }
    }

    /// The owners the `databases:` section gives whole stores, kept until the tables are placed.
    fn store_owners(&mut self, file: &ServicesFile) {
        for store in &file.stores {
            let Some(owner) = &store.owner else {
                continue;
            };
            match self.service_by_name(&owner.name) {
                Some(service) => {
                    let db = ident::database_id(&store.name.name, store.host.as_deref());
                    self.store_owners.push((db, service, owner.span));
                }
                None => self.unknown_service(owner),
            }
        }
    }

    /// The hint after an unknown table `written` (read as `name`): a declared name that
    /// differs from it only in case or quoting is said to be so, with how the dialect reads
    /// names; else the nearest other name. Never the name that was typed.
    fn name_hint(&self, written: &str, name: &str, known: &[&str]) -> String {
        let typed = sql::name::parts(written)
            .pop()
            .map(|part| part.text)
            .unwrap_or_default();
        if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            let quoted = sql::name::quote(same, self.dialect);
            return format!(
                " (the schema has `{same}`, which differs from it only in case or quoting: in \
                 {} {}; write `{quoted}`)",
                self.dialect.label(),
                self.dialect.case_rule()
            );
        }
        did_you_mean(
            name,
            known.iter().copied().filter(|k| *k != typed && *k != name),
        )
        .map(|near| format!(" (did you mean `{near}`?)"))
        .unwrap_or_default()
    }

    fn service_by_name(&self, written: &str) -> Option<String> {
        self.service_keys.get(&ident::service_key(written)).cloned()
    }

    fn unknown_service(&mut self, written: &NameRef) {
        let names: Vec<String> = self.services.values().map(|s| s.name.clone()).collect();
        let hint = did_you_mean(&written.name, names.iter().map(String::as_str))
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        self.diagnostics.push(Diagnostic::warning(
            written.span,
            format!("unknown service `{}`{hint}", written.name),
        ));
    }

    fn topic(&mut self, written: &NameRef) -> String {
        let name = written.name.trim().to_string();
        let id = ident::topic_id(&name);
        let kind = if name.contains(':') {
            TopicKind::Queue
        } else {
            TopicKind::Topic
        };
        self.topics.entry(id.clone()).or_insert(Topic {
            id: id.clone(),
            name,
            kind,
        });
        id
    }

    /// Reads the services file in two passes: first every service's name (so calls and
    /// ownership can point forward), then the stores' collections and keys, then what each
    /// service touches; then the `ownership:` map.
    fn services(&mut self, file: &ServicesFile) {
        for decl in &file.services {
            self.declare_service(decl);
        }
        for decl in &file.services {
            if let Some(service) = self.service_by_name(&decl.name) {
                for pattern in &decl.models {
                    self.model_paths
                        .push((pattern.clone(), service.clone(), false));
                }
            }
        }
        self.store_relations(file);
        self.store_owners(file);
        for decl in &file.services {
            self.resolve_service(decl);
        }
        for decl in &file.ownership {
            let owner = self.service_by_name(&decl.service.name);
            let table = self.resolve_table(&decl.table, &[]);
            match (table, owner) {
                (Some(table), Some(owner)) => self.declare_owner(table, owner, decl.service.span),
                (_, None) => self.unknown_service(&decl.service),
                _ => {}
            }
        }
        for api in self.apis.values_mut() {
            order::sort(&mut api.endpoints);
            api.endpoints.dedup();
        }
        self.part_of(file);
    }

    /// Resolves every `part_of:` to the head of its group: a chain (`worker` part of `api`,
    /// `api` part of `gateway`) ends at the service that is part of none, and a loop is
    /// reported at the `part_of` that closes it and left out. Linear in services times the
    /// length of the longest chain.
    fn part_of(&mut self, file: &ServicesFile) {
        let mut written: BTreeMap<String, (String, Span)> = BTreeMap::new();
        for decl in &file.services {
            let (Some(id), Some(part_of)) = (self.service_by_name(&decl.name), &decl.part_of)
            else {
                continue;
            };
            match self.service_by_name(&part_of.name) {
                Some(head) if head == id => self.diagnostics.push(Diagnostic::warning(
                    part_of.span,
                    format!(
                        "`{}` cannot be part of itself; `part_of` is ignored",
                        decl.name
                    ),
                )),
                Some(head) => {
                    written.insert(id, (head, part_of.span));
                }
                None => self.unknown_service(part_of),
            }
        }
        for (id, (first, span)) in &written {
            let mut head = first;
            let mut seen = BTreeSet::from([id.as_str()]);
            let mut looped = false;
            while let Some((next, _)) = written.get(head) {
                if !seen.insert(head.as_str()) {
                    looped = true;
                    break;
                }
                head = next;
            }
            if looped || head == id {
                self.diagnostics.push(Diagnostic::warning(
                    *span,
                    format!(
                        "`part_of` of `{}` runs in a loop, so the group has no head; it is ignored",
                        ident::id_name(id)
                    ),
                ));
            } else if let Some(service) = self.services.get_mut(id) {
                service.part_of = Some(PartOf {
                    service: head.clone(),
                    span: *span,
                });
            }
        }
    }

    /// Adds a service (and the database it names) by name; a second declaration of the same
    /// name is ignored with a warning.
    fn declare_service(&mut self, decl: &ServiceDecl) {
        let id = ident::service_id(&decl.name);
        let key = ident::service_key(&decl.name);
        if self.service_keys.contains_key(&key) {
            self.diagnostics.push(Diagnostic::warning(
                decl.span,
                format!(
                    "service `{}` is declared twice; the later one is ignored",
                    decl.name
                ),
            ));
            return;
        }
        self.service_keys.insert(key, id.clone());
        let databases = match &decl.databases {
            Some(list) => {
                let mut ids: Vec<String> =
                    list.iter().map(|db| self.directory.resolve(db)).collect();
                order::sort(&mut ids);
                ids.dedup();
                ids
            }
            None => {
                self.inferred.insert(id.clone());
                Vec::new()
            }
        };
        self.services.insert(
            id.clone(),
            Service {
                id,
                name: decl.name.clone(),
                summary: decl.summary.clone().unwrap_or_default(),
                reads: Vec::new(),
                writes: Vec::new(),
                calls: Vec::new(),
                publishes: Vec::new(),
                subscribes: Vec::new(),
                databases,
                span: decl.span,
                part_of: None,
            },
        );
    }

    /// What a declared service touches, resolved to ids: tables it reads and writes (declared or
    /// from its queries), tables it owns, services it calls, topics it publishes and subscribes to.
    fn resolve_service(&mut self, decl: &ServiceDecl) {
        let id = ident::service_id(&decl.name);
        if self.services.get(&id).is_none_or(|s| s.span != decl.span) {
            return;
        }
        let scope = self
            .services
            .get(&id)
            .map(|s| s.databases.clone())
            .unwrap_or_default();
        let (reads, writes) = self.accesses(decl, &scope);
        for owned in &decl.owns {
            if let Some(table) = self.resolve_table(owned, &scope) {
                self.declare_owner(table, id.clone(), owned.span);
            }
        }
        let mut calls = self.calls(decl);
        let publishes: Vec<TopicLink> = decl
            .publishes
            .iter()
            .map(|t| TopicLink {
                topic: self.topic(t),
                span: t.span,
            })
            .collect();
        let subscribes: Vec<TopicLink> = decl
            .subscribes
            .iter()
            .chain(&decl.consumes)
            .map(|t| TopicLink {
                topic: self.topic(t),
                span: t.span,
            })
            .collect();
        if let Some(service) = self.services.get_mut(&id) {
            service.reads = dedup_access(reads);
            service.writes = dedup_access(writes);
            order::sort(&mut calls);
            calls.dedup_by(|a, b| a.service == b.service && a.endpoint == b.endpoint);
            service.calls = calls;
            service.publishes = dedup_topics(publishes);
            service.subscribes = dedup_topics(subscribes);
        }
    }

    /// The tables a service reads and writes, declared (`reads`, `writes`) then from its
    /// `queries`, in that order, resolved to ids (duplicates kept; [`dedup_access`] settles them).
    fn accesses(&mut self, decl: &ServiceDecl, scope: &[String]) -> (Vec<Access>, Vec<Access>) {
        let mut reads = Vec::new();
        let mut writes = Vec::new();
        for r in &decl.reads {
            if let Some(table) = self.resolve_table(r, scope) {
                reads.push(Access {
                    table,
                    span: r.span,
                    from_query: false,
                    insert_only: false,
                    shapes: Vec::new(),
                });
            }
        }
        for w in &decl.writes {
            if let Some(table) = self.resolve_table(w, scope) {
                writes.push(Access {
                    table,
                    span: w.span,
                    from_query: false,
                    insert_only: false,
                    shapes: Vec::new(),
                });
            }
        }
        for query in &decl.queries {
            let named = services::named_words(&query.sql);
            for r in &query.reads {
                if let Some(table) = self.resolve_table(r, scope) {
                    self.record_query_columns(&decl.name, &table, &named);
                    let shape = services::table_shape(
                        &query.shape,
                        &r.name,
                        query.reads.len(),
                        self.tables.get(&table),
                        query.span,
                    );
                    reads.push(Access {
                        table,
                        span: r.span,
                        from_query: true,
                        insert_only: false,
                        shapes: vec![shape],
                    });
                }
            }
            for w in &query.writes {
                if let Some(table) = self.resolve_table(w, scope) {
                    writes.push(Access {
                        table,
                        span: w.span,
                        from_query: true,
                        insert_only: query.inserts_only,
                        shapes: Vec::new(),
                    });
                }
            }
        }
        (reads, writes)
    }

    /// Adds the columns of `table` a query of service `service` names (`named`: its words and
    /// whether it selects `*`) to what that service is known to read of it.
    fn record_query_columns(
        &mut self,
        service: &str,
        table: &str,
        named: &(bool, BTreeSet<String>),
    ) {
        let (star, words) = named;
        let columns: Option<Vec<String>> = match self.tables.get(table) {
            Some(t) if !star && !t.columns.is_empty() => Some(
                t.columns
                    .iter()
                    .filter(|c| words.contains(&c.name.to_ascii_lowercase()))
                    .map(|c| c.name.clone())
                    .collect(),
            ),
            _ => None,
        };
        let service = ident::service_id(service);
        match self
            .query_columns
            .iter_mut()
            .find(|q| q.service == service && q.table == table)
        {
            Some(known) => match (&mut known.columns, columns) {
                (Some(held), Some(more)) => {
                    held.extend(more);
                    order::sort_dedup(held);
                }
                (held, _) => *held = None,
            },
            None => self.query_columns.push(QueryColumns {
                service,
                table: table.to_string(),
                columns,
            }),
        }
    }

    /// The services a service calls, resolved to ids; each endpoint called is added to the
    /// callee's API. An unknown service is warned about.
    fn calls(&mut self, decl: &ServiceDecl) -> Vec<Call> {
        let mut calls = Vec::new();
        for call in &decl.calls {
            let written = NameRef {
                name: call.service.clone(),
                span: call.span,
            };
            match self.service_by_name(&call.service) {
                Some(target) => {
                    if let Some(endpoint) = &call.endpoint {
                        let api_id = ident::api_id(ident::id_name(&target));
                        let api = self.apis.entry(api_id.clone()).or_insert(Api {
                            id: api_id,
                            service: target.clone(),
                            endpoints: Vec::new(),
                        });
                        api.endpoints.push(endpoint.clone());
                    }
                    calls.push(Call {
                        service: target,
                        endpoint: call.endpoint.clone(),
                        span: call.span,
                    });
                }
                None => self.unknown_service(&written),
            }
        }
        calls
    }

    /// The name of a table or view id, from the model (the id's name part when unknown).
    fn relation_name(&self, id: &str) -> String {
        match (self.tables.get(id), self.views.get(id)) {
            (Some(t), _) => t.name.clone(),
            (None, Some(v)) => v.name.clone(),
            (None, None) => ident::short_name(id).into_owned(),
        }
    }

    fn declare_owner(&mut self, table: String, service: String, span: Span) {
        match self.ownership.get(&table) {
            Some(existing) if existing.service != service => {
                self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "`{}` is already declared owned by `{}`; this second owner is ignored",
                        self.relation_name(&table),
                        ident::id_name(&existing.service)
                    ),
                ));
            }
            Some(_) => {}
            None => {
                self.ownership.insert(table, Ownership { service, span });
            }
        }
    }

    /// A model is code that touches a table: when the services file describes services but not
    /// this access, the model reveals a hidden one, worth a warning at the model.
    fn report_undeclared_model_access(&mut self, service: &str, table: &str, model: &Model) {
        if self.services.is_empty() {
            return;
        }
        let table_name = self.relation_name(table);
        match self.services.get(service) {
            None => self.diagnostics.push(Diagnostic::warning(
                model.span,
                format!(
                    "`{}` (from {}) models `{table_name}` but is not a service in the services file",
                    model.service, model.path
                ),
            )),
            Some(s) if !s.reads_table(table) && !s.writes_table(table) && self.ownership.get(table).is_none_or(|o| o.service != service) => {
                self.diagnostics.push(Diagnostic::warning(
                    model.span,
                    format!(
                        "{} models `{table_name}` ({}) but the services file declares no access to it: add it to `reads` or `writes`",
                        s.name, model.path
                    ),
                ))
            }
            Some(_) => {}
        }
    }

    fn models(&mut self, models: Vec<Model>) {
        for model in models {
            let service = match self.service_of_model_file(&model.path) {
                Some(service) => service,
                None => self
                    .service_by_name(&model.service)
                    .unwrap_or_else(|| ident::service_id(&ident::service_key(&model.service))),
            };
            let written = NameRef {
                name: model.table.clone(),
                span: model.span,
            };
            let scope = self
                .services
                .get(&service)
                .map(|s| s.databases.clone())
                .unwrap_or_default();
            // An ORM writes the table's exact name (it quotes what needs quoting), so a name
            // not found as SQL would read it is looked up as written, quoted.
            let found = self
                .find_relation(&model.table, &scope)
                .or_else(|| self.find_exact(&model.table, &scope));
            let table = match found {
                Some(id) => id,
                None => match self.resolve_table(&written, &scope) {
                    Some(id) => id,
                    None => continue,
                },
            };
            self.report_undeclared_model_access(&service, &table, &model);
            self.models.push(ModelLink {
                service,
                table,
                model,
            });
        }
    }

    /// The service whose `models:` pattern matches model file `path` (the first in file order),
    /// which then takes the file whatever its path or header says.
    fn service_of_model_file(&mut self, path: &str) -> Option<String> {
        if path.is_empty() {
            return None;
        }
        let (_, service, used) = self
            .model_paths
            .iter_mut()
            .find(|(pattern, _, _)| glob::matches(&pattern.name, path))?;
        *used = true;
        Some(service.clone())
    }

    /// The Models pane's diagnostics, less the notes on how a file's path was read for its
    /// service (`the service of … is taken as …`, at the file's header) where a `models:`
    /// pattern gives the file to a service anyway: the note would be about a guess not made.
    fn without_claimed_guesses(&self, parsed: &orm::ParsedModels) -> Vec<Diagnostic> {
        let claimed: BTreeSet<u32> = parsed
            .sources
            .iter()
            .filter(|source| {
                self.model_paths
                    .iter()
                    .any(|(pattern, _, _)| glob::matches(&pattern.name, &source.name))
            })
            .map(|source| source.start)
            .collect_set();
        parsed
            .diagnostics
            .iter()
            .filter(|d| {
                !(d.span.pane == Pane::Models
                    && claimed.contains(&d.span.line)
                    && d.message.starts_with("the service of `"))
            })
            .cloned()
            .collect()
    }

    /// A `models:` pattern that matched no model file is a warning at the pattern.
    fn report_unused_model_paths(&mut self) {
        for (pattern, _, used) in &self.model_paths {
            if !used {
                self.diagnostics.push(Diagnostic::warning(
                    pattern.span,
                    format!(
                        "`models: {}` matches no file of the Models pane (patterns match whole \
                         paths from their start: `src/ledger/**`, `**/Transaction.java`)",
                        pattern.name
                    ),
                ));
            }
        }
    }

    /// The `accept:` entries with their elements resolved to ids (a service, table, view or
    /// topic name, or an id as written); an entry naming an unknown element is dropped with a
    /// warning, since it could match nothing.
    fn acceptances(&mut self, decls: &[AcceptDecl]) -> Vec<Acceptance> {
        let mut accepted = Vec::new();
        'entries: for decl in decls {
            let mut elements = Vec::new();
            for written in &decl.elements {
                match self.element_id(&written.name) {
                    Some(id) => elements.push(id),
                    None => {
                        self.diagnostics.push(Diagnostic::warning(
                            written.span,
                            format!(
                                "unknown element `{}` in `accept`: no service, table, view or \
                                 topic has that name; the entry is ignored",
                                written.name
                            ),
                        ));
                        continue 'entries;
                    }
                }
            }
            order::sort_dedup(&mut elements);
            accepted.push(Acceptance {
                rule: decl.rule.name.clone(),
                elements,
                reason: decl.reason.clone(),
                span: decl.span,
            });
        }
        accepted
    }

    /// The `sensitive:` columns resolved: `table.column`, the table qualified as elsewhere in
    /// the services file (`accounts.public.users.ssn`). An unknown table or column is a warning
    /// with the nearest name, and the entry is dropped (it could mark nothing); a column of a
    /// table the schema does not declare is kept as written.
    fn sensitive_columns(&mut self, written: &[NameRef]) -> Vec<SensitiveColumn> {
        let mut columns = Vec::new();
        for entry in written {
            let mut parts = sql::name::parts(&entry.name);
            let column = parts.pop();
            let (Some(column), false) = (column, parts.is_empty()) else {
                self.diagnostics.push(Diagnostic::warning(
                    entry.span,
                    format!(
                        "`{}` in `sensitive` should name a column as `table.column`; it is ignored",
                        entry.name
                    ),
                ));
                continue;
            };
            let table_written = parts
                .iter()
                .map(|p| {
                    if p.quoted {
                        sql::name::quote(&p.text, self.dialect)
                    } else {
                        p.text.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(".");
            let Some(table) = self.find_relation(&table_written, &[]) else {
                let known: Vec<&str> = self.tables.values().map(|t| t.name.as_str()).collect();
                let name = self.split_name(&table_written).2;
                let hint = self.name_hint(&table_written, &name, &known);
                self.diagnostics.push(Diagnostic::warning(
                    entry.span,
                    format!(
                        "unknown table `{table_written}` in `sensitive`{hint}; `{}` is ignored",
                        entry.name
                    ),
                ));
                continue;
            };
            let wanted = column.normalised(self.dialect);
            let declared = self.tables.get(&table).map(|t| &t.columns);
            let found = match declared {
                Some(list) if !list.is_empty() => list
                    .iter()
                    .find(|c| c.name == wanted)
                    .or_else(|| list.iter().find(|c| c.name.eq_ignore_ascii_case(&wanted)))
                    .map(|c| c.name.clone()),
                _ => Some(wanted.clone()),
            };
            let Some(name) = found else {
                let names: Vec<&str> = declared
                    .into_iter()
                    .flatten()
                    .map(|c| c.name.as_str())
                    .collect();
                let hint = did_you_mean(&wanted, names)
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::warning(
                    entry.span,
                    format!(
                        "`{}` has no column `{wanted}`{hint}; `{}` in `sensitive` is ignored",
                        self.relation_name(&table),
                        entry.name
                    ),
                ));
                continue;
            };
            columns.push(SensitiveColumn {
                table,
                column: name,
                span: entry.span,
            });
        }
        order::sort(&mut columns);
        columns.dedup_by(|later, first| later.table == first.table && later.column == first.column);
        columns
    }

    /// The id of an element named in `accept`: an element's id as written (`table:users`, or
    /// `db:orders-db` for a database a service declares, as a shared-database finding names it),
    /// else a service, a table or view, or a topic of that name.
    fn element_id(&self, written: &str) -> Option<String> {
        let known = |id: &str| {
            self.services.contains_key(id)
                || self.tables.contains_key(id)
                || self.views.contains_key(id)
                || self.topics.contains_key(id)
                || self.apis.contains_key(id)
                || self.directory.databases.contains_key(id)
        };
        if known(written) {
            return Some(written.to_string());
        }
        self.service_by_name(written)
            .or_else(|| self.find_relation(written, &[]))
            .or_else(|| {
                let topic = ident::topic_id(written.trim());
                self.topics.contains_key(&topic).then_some(topic)
            })
    }

    fn finish(mut self, mut roles: Vec<Role>, grants: Vec<Grant>) -> Architecture {
        let mut query_columns = std::mem::take(&mut self.query_columns);
        order::sort(&mut query_columns);
        let databases = self.place_relations();
        order::sort_by(&mut roles, |a, b| a.name.cmp(&b.name));
        order::sort_by(&mut self.models, |a, b| {
            (&a.table, &a.service, &a.model.path).cmp(&(&b.table, &b.service, &b.model.path))
        });
        Architecture {
            dialect: self.dialect,
            dialect_reason: String::new(),
            databases,
            tables: self.tables.into_values().map(Arc::new).collect(),
            views: self.views.into_values().collect(),
            services: self.services.into_values().collect(),
            topics: self.topics.into_values().collect(),
            apis: self.apis.into_values().collect(),
            ownership: self.ownership,
            roles,
            grants,
            models: self.models,
            libraries: Vec::new(),
            schema_stats: ParseStats::default(),
            diagnostics: self.diagnostics,
            sources: Sources::default(),
            accepted: Vec::new(),
            sensitive: Vec::new(),
            query_columns,
        }
    }
}

impl Builder {
    /// Puts every table and view not yet placed in the home database, fills each database's
    /// list, gives the services that named no database the stores they touch, applies the
    /// stores' owners, and notes declared stores no service connects to.
    fn place_relations(&mut self) -> Vec<Database> {
        let home = self.directory.home.clone();
        let mut databases = std::mem::take(&mut self.directory.databases);
        for id in self.tables.keys().chain(self.views.keys()) {
            let db = self
                .placement
                .entry(id.clone())
                .or_insert_with(|| home.clone());
            if !databases.contains_key(db) {
                let name = ident::id_name(db).to_string();
                databases.insert(db.clone(), Database::named(db.clone(), name, None));
            }
            if let Some(database) = databases.get_mut(db) {
                database.tables.push(id.clone());
            }
        }
        for database in databases.values_mut() {
            order::sort(&mut database.tables);
        }
        for service in self.services.values_mut() {
            if !self.inferred.contains(&service.id) {
                continue;
            }
            let touched: BTreeSet<&String> = service
                .reads
                .iter()
                .chain(&service.writes)
                .filter_map(|a| self.placement.get(&a.table))
                .collect_set();
            service.databases = touched.into_iter().cloned().collect();
        }
        for (db, service, span) in std::mem::take(&mut self.store_owners) {
            let Some(database) = databases.get_mut(&db) else {
                continue;
            };
            database.owner = Some(service.clone());
            for table in &database.tables {
                self.ownership.entry(table.clone()).or_insert(Ownership {
                    service: service.clone(),
                    span,
                });
            }
        }
        for database in databases.values() {
            let Some(span) = database.span.filter(|s| s.pane == Pane::Services) else {
                continue;
            };
            let connected = self
                .services
                .values()
                .any(|s| s.databases.contains(&database.id));
            if !connected {
                self.diagnostics.push(Diagnostic::info(
                    span,
                    format!(
                        "database `{}` is declared but no service connects to it",
                        database.name
                    ),
                ));
            }
        }
        databases.into_values().collect()
    }
}

fn dedup_access(mut list: Vec<Access>) -> Vec<Access> {
    // Declared entries sort before query-derived ones at the same table, so they win.
    order::sort_by(&mut list, |a, b| {
        (&a.table, a.from_query, a.span).cmp(&(&b.table, b.from_query, b.span))
    });
    // One entry per table: an entry inserts only when every entry of its table does (a declared
    // one never says so), and keeps the shapes of every query that reads it.
    list.dedup_by(|later, first| {
        let same = later.table == first.table;
        if same {
            first.insert_only &= later.insert_only;
            first.shapes.append(&mut later.shapes);
        }
        same
    });
    list
}

fn dedup_topics(mut list: Vec<TopicLink>) -> Vec<TopicLink> {
    order::sort(&mut list);
    list.dedup_by(|later, first| later.topic == first.topic);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_names_with_doubled_quotes_and_dots_meet_the_schema() {
        let arch = ingest(Inputs {
            schema: "CREATE TABLE \"x\"\"y\" (id int);\nCREATE TABLE \"a.b\" (id int);\nCREATE TABLE s.\"c.d\" (id int);\nCREATE TABLE [e]]f] (id int);",
            services: "version: 1\nservices:\n  app:\n    reads: ['\"x\"\"y\"', '\"a.b\"', 's.\"c.d\"', '[e]]f]', '`x\"y`']\n",
            models: "",
            dialect: Some(Dialect::Sqlite),
            sources: None,
        });
        let ids: Vec<&str> = arch.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "table:\"a.b\"",
                "table:\"x\"\"y\"",
                "table:e]f",
                "table:s.\"c.d\""
            ]
        );
        assert!(arch.diagnostics.is_empty(), "{:?}", arch.diagnostics);
        let reads: Vec<&str> = arch.services[0]
            .reads
            .iter()
            .map(|a| a.table.as_str())
            .collect();
        assert_eq!(reads.len(), 4, "{reads:?}");
    }

    fn model_warnings(services: &str) -> Vec<String> {
        let models = "# app_a/models/user.py\nclass User(Base):\n    __tablename__ = 'users'\n    id = Column(Integer, primary_key=True)\n";
        let arch = ingest(Inputs {
            schema: "CREATE TABLE users (id int PRIMARY KEY);",
            services,
            models,
            dialect: None,
            sources: None,
        });
        arch.diagnostics
            .iter()
            .filter(|d| d.span.pane == Pane::Models)
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_model_of_an_undeclared_access_is_reported_at_the_model() {
        let undeclared = model_warnings("version: 1\nservices:\n  app-a:\n    summary: x\n");
        assert_eq!(undeclared.len(), 1, "{undeclared:?}");
        assert!(
            undeclared[0].contains("declares no access"),
            "{undeclared:?}"
        );
        let declared = model_warnings("version: 1\nservices:\n  app-a:\n    reads: [users]\n");
        assert!(declared.is_empty(), "{declared:?}");
        let unknown = model_warnings("version: 1\nservices:\n  app-b:\n    reads: [users]\n");
        assert!(
            unknown.iter().any(|m| m.contains("is not a service")),
            "{unknown:?}"
        );
        // No services file at all: models alone are not judged.
        assert!(model_warnings("").is_empty());
    }

    #[test]
    fn oversized_pane_is_cut_with_a_diagnostic() {
        let big = "x\n".repeat(MAX_PANE_BYTES);
        let mut diagnostics = Vec::new();
        let kept = limit(&big, Pane::Schema, &mut diagnostics);
        assert!(kept.len() <= MAX_PANE_BYTES);
        assert_eq!(diagnostics.len(), 1);
        // The CLI refuses such a file with the same words (`too_large`).
        assert!(
            diagnostics[0].message.starts_with(&too_large(Pane::Schema)),
            "{}",
            diagnostics[0].message
        );
    }
}
