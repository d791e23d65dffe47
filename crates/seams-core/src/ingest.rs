//! Ingest: the three input texts read by their readers ([`crate::sql`], [`crate::services`],
//! [`crate::orm`]) and merged into one [`Architecture`]. Names from the services file and the
//! models are resolved here against the schema (with "did you mean" diagnostics), so everything
//! downstream works with stable ids only (`docs/model.md`).
//!
//! Start at [`ingest`].

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::ident;
use crate::model::{
    Acceptance, Access, Api, Architecture, Call, Database, Dialect, Grant, Model, ModelLink,
    Ownership, ParseStats, Role, Service, Table, Topic, TopicKind, TopicLink, View,
    DEFAULT_DATABASE,
};
use crate::orm;
use crate::services::{self, AcceptDecl, NameRef, ServiceDecl, ServicesFile};
use crate::source::{Pane, Sources, Span};
use crate::sql;
use std::collections::BTreeMap;

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
            "{} (it holds {:.1} MB); the rest, from line {line}, is ignored",
            too_large(pane),
            text.len() as f64 / 1_048_576.0,
        ),
    ));
    kept.to_string()
}

/// Builds the model from the three inputs. Never fails and never panics: bad input becomes
/// diagnostics and everything readable still counts.
pub fn ingest(inputs: Inputs<'_>) -> Architecture {
    let mut diagnostics = Vec::new();
    let schema_text = limit(inputs.schema, Pane::Schema, &mut diagnostics);
    let services_text = limit(inputs.services, Pane::Services, &mut diagnostics);
    let models_text = limit(inputs.models, Pane::Models, &mut diagnostics);

    let schema = sql::parse_schema(&schema_text, inputs.dialect);
    let services_file = services::parse_services(&services_text, schema.dialect);
    let parsed_models = orm::parse_models(&models_text);
    diagnostics.extend(schema.diagnostics.iter().cloned());
    diagnostics.extend(services_file.diagnostics.iter().cloned());
    diagnostics.extend(parsed_models.diagnostics.iter().cloned());

    let mut builder = Builder::new(schema.dialect, schema.tables, schema.views);
    builder.services(&services_file);
    builder.models(parsed_models.models);
    let accepted = builder.acceptances(&services_file.accept);
    let mut architecture = builder.finish(schema.roles, schema.grants);
    architecture.accepted = accepted;
    let mut sources = inputs.sources.cloned().unwrap_or_default();
    sources.fill(Pane::Models, parsed_models.sources);
    architecture.sources = sources;
    architecture.dialect_reason = schema.dialect_reason;
    architecture.schema_stats = schema.stats;
    diagnostics.append(&mut architecture.diagnostics);
    diagnostics.sort();
    diagnostics.dedup();
    architecture.diagnostics = diagnostics;
    architecture
}

struct Builder {
    dialect: Dialect,
    tables: BTreeMap<String, Table>,
    views: BTreeMap<String, View>,
    services: BTreeMap<String, Service>,
    service_keys: BTreeMap<String, String>,
    topics: BTreeMap<String, Topic>,
    apis: BTreeMap<String, Api>,
    ownership: BTreeMap<String, Ownership>,
    databases: BTreeMap<String, Database>,
    models: Vec<ModelLink>,
    diagnostics: Vec<Diagnostic>,
    /// Table and view ids by their [`Dialect::name_key`]: where the dialect ignores case, a
    /// name written in another case finds the declared one.
    keys: BTreeMap<String, String>,
}

impl Builder {
    fn new(dialect: Dialect, tables: Vec<Table>, views: Vec<View>) -> Self {
        let mut keys = BTreeMap::new();
        for id in tables
            .iter()
            .map(|t| &t.id)
            .chain(views.iter().map(|v| &v.id))
        {
            keys.insert(dialect.name_key(id), id.clone());
        }
        Builder {
            keys,
            dialect,
            tables: tables.into_iter().map(|t| (t.id.clone(), t)).collect(),
            views: views.into_iter().map(|v| (v.id.clone(), v)).collect(),
            services: BTreeMap::new(),
            service_keys: BTreeMap::new(),
            topics: BTreeMap::new(),
            apis: BTreeMap::new(),
            ownership: BTreeMap::new(),
            databases: BTreeMap::new(),
            models: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Splits a written relation name into normalised (schema, name) parts.
    fn split_name(&self, written: &str) -> (Option<String>, String) {
        let parts: Vec<String> = sql::name::parts(written)
            .iter()
            .map(|part| part.normalised(self.dialect))
            .collect();
        match parts.as_slice() {
            [] => (None, String::new()),
            [name] => (None, name.clone()),
            [.., schema, name] => (Some(schema.clone()), name.clone()),
        }
    }

    /// Resolves a written table or view name to an id, or None when nothing matches.
    fn find_relation(&self, written: &str) -> Option<String> {
        self.find_split(self.split_name(written))
    }

    /// Resolves a name as written, every part kept exactly (an ORM's table name).
    fn find_exact(&self, written: &str) -> Option<String> {
        let mut parts: Vec<String> = sql::name::parts(written)
            .into_iter()
            .map(|part| part.text)
            .collect();
        let name = parts.pop()?;
        self.find_split((parts.pop(), name))
    }

    /// Resolves a (schema, name) pair, both normalised, to a table or view id.
    fn find_split(&self, (schema, name): (Option<String>, String)) -> Option<String> {
        let mut candidates = Vec::new();
        match &schema {
            Some(schema) => {
                candidates.push(ident::table_id(Some(schema), &name));
                candidates.push(ident::view_id(Some(schema), &name));
            }
            None => {
                let default = self.dialect.default_schema();
                candidates.push(ident::table_id(default, &name));
                candidates.push(ident::view_id(default, &name));
                candidates.push(ident::table_id(None, &name));
                candidates.push(ident::view_id(None, &name));
            }
        }
        for id in &candidates {
            if self.tables.contains_key(id) || self.views.contains_key(id) {
                return Some(id.clone());
            }
        }
        // The same name in another case, where the dialect ignores case.
        for id in &candidates {
            if let Some(declared) = self.keys.get(self.dialect.name_key(id).as_str()) {
                return Some(declared.clone());
            }
        }
        if schema.is_none() {
            // Unqualified and not in the default schema: accept a unique match in any schema.
            let key = self.dialect.name_key(&name);
            let same = |other: &str| self.dialect.name_key(other) == key;
            let matches: Vec<&String> = self
                .tables
                .values()
                .filter(|t| same(&t.name))
                .map(|t| &t.id)
                .chain(self.views.values().filter(|v| same(&v.name)).map(|v| &v.id))
                .collect();
            if let [only] = matches.as_slice() {
                return Some((*only).clone());
            }
        }
        None
    }

    /// Resolves a table name from the services file; an unknown one is warned about and added
    /// as an undeclared table so the picture still shows it.
    fn resolve_table(&mut self, written: &NameRef) -> Option<String> {
        if written.name.trim().is_empty() {
            return None;
        }
        if let Some(id) = self.find_relation(&written.name) {
            return Some(id);
        }
        let (schema, name) = self.split_name(&written.name);
        if name.is_empty() {
            return None;
        }
        let schema = schema.or_else(|| self.dialect.default_schema().map(str::to_string));
        let id = ident::table_id(schema.as_deref(), &name);
        if !self.tables.contains_key(&id) {
            let known: Vec<&str> = self
                .tables
                .values()
                .filter(|t| t.span.pane == Pane::Schema)
                .map(|t| t.name.as_str())
                .collect();
            let has_schema = !known.is_empty();
            let hint = self.name_hint(&written.name, &name, &known);
            if has_schema {
                self.diagnostics.push(Diagnostic::warning(
                    written.span,
                    format!(
                        "unknown table `{}`: it is not in the schema{hint}; shown as undeclared",
                        written.name
                    ),
                ));
            }
            self.keys
                .entry(self.dialect.name_key(&id))
                .or_insert_with(|| id.clone());
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
                },
            );
        }
        Some(id)
    }

    /// The hint after an unknown table `written` (read as `name`): a declared name that
    /// differs from it only in case or quoting is said to be so, with how the dialect reads
    /// names; else the nearest other name. Never the name that was typed.
    fn name_hint(&self, written: &str, name: &str, known: &[&str]) -> String {
        let typed = sql::name::parts(written)
            .pop()
            .map(|part| part.text)
            .unwrap_or_default();
        if let Some(same) = known
            .iter()
            .find(|k| k.to_lowercase() == name.to_lowercase())
        {
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
    /// ownership can point forward), then what each touches; then the `ownership:` map.
    fn services(&mut self, file: &ServicesFile) {
        for decl in &file.services {
            self.declare_service(decl);
        }
        for decl in &file.services {
            self.resolve_service(decl);
        }
        for decl in &file.ownership {
            let owner = self.service_by_name(&decl.service.name);
            let table = self.resolve_table(&decl.table);
            match (table, owner) {
                (Some(table), Some(owner)) => self.declare_owner(table, owner, decl.service.span),
                (_, None) => self.unknown_service(&decl.service),
                _ => {}
            }
        }
        for api in self.apis.values_mut() {
            api.endpoints.sort();
            api.endpoints.dedup();
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
        let database = match &decl.database {
            Some(db) => ident::database_id(&db.name, db.host.as_deref()),
            None => ident::database_id(DEFAULT_DATABASE, None),
        };
        if let Some(db) = &decl.database {
            self.databases.entry(database.clone()).or_insert(Database {
                id: database.clone(),
                name: db.name.clone(),
                host: db.host.clone(),
                tables: Vec::new(),
            });
        }
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
                database,
                span: decl.span,
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
        let (reads, writes) = self.accesses(decl);
        for owned in &decl.owns {
            if let Some(table) = self.resolve_table(owned) {
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
            calls.sort();
            calls.dedup_by(|a, b| a.service == b.service && a.endpoint == b.endpoint);
            service.calls = calls;
            service.publishes = dedup_topics(publishes);
            service.subscribes = dedup_topics(subscribes);
        }
    }

    /// The tables a service reads and writes, declared (`reads`, `writes`) then from its
    /// `queries`, in that order, resolved to ids (duplicates kept; [`dedup_access`] settles them).
    fn accesses(&mut self, decl: &ServiceDecl) -> (Vec<Access>, Vec<Access>) {
        let mut reads = Vec::new();
        let mut writes = Vec::new();
        for r in &decl.reads {
            if let Some(table) = self.resolve_table(r) {
                reads.push(Access {
                    table,
                    span: r.span,
                    from_query: false,
                });
            }
        }
        for w in &decl.writes {
            if let Some(table) = self.resolve_table(w) {
                writes.push(Access {
                    table,
                    span: w.span,
                    from_query: false,
                });
            }
        }
        for query in &decl.queries {
            for r in &query.reads {
                if let Some(table) = self.resolve_table(r) {
                    reads.push(Access {
                        table,
                        span: r.span,
                        from_query: true,
                    });
                }
            }
            for w in &query.writes {
                if let Some(table) = self.resolve_table(w) {
                    writes.push(Access {
                        table,
                        span: w.span,
                        from_query: true,
                    });
                }
            }
        }
        (reads, writes)
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
            let service = self
                .service_by_name(&model.service)
                .unwrap_or_else(|| ident::service_id(&ident::service_key(&model.service)));
            let written = NameRef {
                name: model.table.clone(),
                span: model.span,
            };
            // An ORM writes the table's exact name (it quotes what needs quoting), so a name
            // not found as SQL would read it is looked up as written, quoted.
            let found = self
                .find_relation(&model.table)
                .or_else(|| self.find_exact(&model.table));
            let table = match found {
                Some(id) => id,
                None => match self.resolve_table(&written) {
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
            elements.sort();
            elements.dedup();
            accepted.push(Acceptance {
                rule: decl.rule.name.clone(),
                elements,
                reason: decl.reason.clone(),
                span: decl.span,
            });
        }
        accepted
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
                || self.databases.contains_key(id)
        };
        if known(written) {
            return Some(written.to_string());
        }
        self.service_by_name(written)
            .or_else(|| self.find_relation(written))
            .or_else(|| {
                let topic = ident::topic_id(written.trim());
                self.topics.contains_key(&topic).then_some(topic)
            })
    }

    fn finish(mut self, mut roles: Vec<Role>, grants: Vec<Grant>) -> Architecture {
        // The schema's tables live in the database most services connect to (default `main`).
        let mut usage: BTreeMap<String, usize> = BTreeMap::new();
        for service in self.services.values() {
            *usage.entry(service.database.clone()).or_default() += 1;
        }
        let main_id = ident::database_id(DEFAULT_DATABASE, None);
        let home = usage
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| main_id.clone());
        if !self.databases.contains_key(&home) {
            self.databases.insert(
                home.clone(),
                Database {
                    id: home.clone(),
                    name: DEFAULT_DATABASE.to_string(),
                    host: None,
                    tables: Vec::new(),
                },
            );
        }
        if let Some(db) = self.databases.get_mut(&home) {
            db.tables = self
                .tables
                .keys()
                .chain(self.views.keys())
                .cloned()
                .collect();
            db.tables.sort();
        }
        roles.sort_by(|a, b| a.name.cmp(&b.name));
        self.models.sort_by(|a, b| {
            (&a.table, &a.service, &a.model.path).cmp(&(&b.table, &b.service, &b.model.path))
        });
        Architecture {
            dialect: self.dialect,
            dialect_reason: String::new(),
            databases: self.databases.into_values().collect(),
            tables: self.tables.into_values().collect(),
            views: self.views.into_values().collect(),
            services: self.services.into_values().collect(),
            topics: self.topics.into_values().collect(),
            apis: self.apis.into_values().collect(),
            ownership: self.ownership,
            roles,
            grants,
            models: self.models,
            schema_stats: ParseStats::default(),
            diagnostics: self.diagnostics,
            sources: Sources::default(),
            accepted: Vec::new(),
        }
    }
}

fn dedup_access(mut list: Vec<Access>) -> Vec<Access> {
    // Declared entries sort before query-derived ones at the same table, so they win.
    list.sort_by(|a, b| (&a.table, a.from_query, a.span).cmp(&(&b.table, b.from_query, b.span)));
    list.dedup_by(|later, first| later.table == first.table);
    list
}

fn dedup_topics(mut list: Vec<TopicLink>) -> Vec<TopicLink> {
    list.sort();
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
