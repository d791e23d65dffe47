//! The services file's keys, read from the positioned YAML tree ([`super::yaml`]) into
//! declarations. Shapes are forgiving where intent is clear (a single name for a list, `calls` as
//! a list or a mapping) and every other surprise is a diagnostic at the node's line and column:
//! unknown keys (with "did you mean"), wrong shapes, empty names, duplicates, the version.

use super::queries::{self, SqlOrigin};
use super::yaml::{Entry, Node, NodeKind, ScalarMeaning};
use super::{
    AcceptDecl, CallRef, DatabaseRef, NameRef, OwnershipDecl, ServiceDecl, ServicesFile, StoreDecl,
};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{Dialect, StoreKind};
use crate::order;
use crate::source::Span;

/// Keys allowed at the top level.
pub const TOP_KEYS: [&str; 6] = [
    "version",
    "services",
    "databases",
    "ownership",
    "accept",
    "sensitive",
];

/// Keys allowed in an `accept:` entry.
pub const ACCEPT_KEYS: [&str; 3] = ["rule", "elements", "reason"];

/// Keys allowed in a service.
pub const SERVICE_KEYS: [&str; 13] = [
    "summary",
    "part_of",
    "reads",
    "writes",
    "owns",
    "calls",
    "publishes",
    "subscribes",
    "consumes",
    "database",
    "databases",
    "queries",
    "models",
];

/// Keys allowed in a `database:` mapping.
pub const DATABASE_KEYS: [&str; 2] = ["name", "host"];

/// Keys allowed in a store of the top-level `databases:` section.
pub const STORE_KEYS: [&str; 6] = ["kind", "host", "owner", "tables", "collections", "keys"];

/// What a service's `database:` says when the service connects to no store.
pub const NO_DATABASE: &str = "none";

/// The only format version there is.
pub const VERSION: &str = "1";

/// Reads a whole document (its root node) into `file`.
pub fn read_file(root: &Node, dialect: Dialect, file: &mut ServicesFile) {
    let mut reader = Reader {
        dialect,
        diagnostics: Vec::new(),
    };
    reader.top(root, file);
    file.diagnostics.append(&mut reader.diagnostics);
}

struct Reader {
    dialect: Dialect,
    diagnostics: Vec<Diagnostic>,
}

/// The key of an entry as text, when it is a scalar.
fn key_text(entry: &Entry) -> Option<&str> {
    entry.key.scalar().map(|s| s.text.trim())
}

/// The known key `written` was probably meant to be: [`did_you_mean`], or else a known key with
/// the same letters in another order (`raeds` → `reads`, a swap costs two edits there).
fn near_key(written: &str, known: &[&'static str]) -> Option<&'static str> {
    did_you_mean(written, known.iter().copied()).or_else(|| {
        let letters = |word: &str| {
            let mut chars: Vec<char> = word.to_ascii_lowercase().chars().collect();
            order::sort(&mut chars);
            chars
        };
        let wanted = letters(written);
        known
            .iter()
            .copied()
            .find(|key| written.chars().count() >= 3 && letters(key) == wanted)
    })
}

impl Reader {
    fn error(&mut self, at: Span, message: String) {
        self.diagnostics.push(Diagnostic::error(at, message));
    }

    fn warning(&mut self, at: Span, message: String) {
        self.diagnostics.push(Diagnostic::warning(at, message));
    }

    /// The entries of a mapping, keeping only the last of duplicated known keys (with a
    /// warning) and reporting unknown keys. `place` names the mapping in messages.
    fn known_entries<'n>(
        &mut self,
        entries: &'n [Entry],
        known: &[&'static str],
        place: &str,
    ) -> Vec<(&'static str, &'n Entry)> {
        let mut kept: Vec<(&'static str, &'n Entry)> = Vec::new();
        for entry in entries {
            let Some(text) = key_text(entry) else {
                let found = entry.key.describe();
                self.error(
                    entry.key.span,
                    format!("expected a key name {place}, found {found}"),
                );
                continue;
            };
            let Some(key) = known.iter().copied().find(|k| *k == text) else {
                let hint = near_key(text, known)
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                self.warning(
                    entry.key.span,
                    format!("unknown key `{text}` {place}{hint}; it is ignored"),
                );
                continue;
            };
            if let Some(i) = kept.iter().position(|(k, _)| *k == key) {
                let first = kept.remove(i).1.key.span.line;
                self.warning(
                    entry.key.span,
                    format!("`{key}` is given twice {place} (first at line {first}); the later one is used"),
                );
            }
            kept.push((key, entry));
        }
        kept
    }

    fn top(&mut self, root: &Node, file: &mut ServicesFile) {
        let entries = match &root.kind {
            NodeKind::Mapping(entries) => entries,
            _ if root.is_null() => return,
            _ => {
                let found = root.describe();
                self.error(
                    root.span,
                    format!(
                        "the services file should be a mapping with `version` and `services`, \
                         found {found}"
                    ),
                );
                return;
            }
        };
        let kept = self.known_entries(entries, &TOP_KEYS, "at the top level");
        if !kept.iter().any(|(k, _)| *k == "version") {
            self.warning(
                root.span,
                "no `version`: read as version 1 (add `version: 1` at the top)".to_string(),
            );
        }
        if !kept.iter().any(|(k, _)| *k == "services") {
            self.warning(root.span, "no `services:` section".to_string());
        }
        for (key, entry) in kept {
            match key {
                "version" => self.version(&entry.value),
                "services" => self.services(&entry.value, file),
                "databases" => self.stores(&entry.value, file),
                "accept" => self.accept(&entry.value, file),
                "sensitive" => file.sensitive = self.names("sensitive", &entry.value),
                _ => self.ownership(&entry.value, file),
            }
        }
    }

    fn version(&mut self, node: &Node) {
        let text = node.scalar().map(|s| s.text.trim()).unwrap_or_default();
        if text != VERSION {
            let found = if node.is_null() || node.scalar().is_none() {
                node.describe()
            } else {
                format!("`{text}`")
            };
            self.error(
                node.span,
                format!("unsupported version {found}: Seams reads version 1; read as version 1"),
            );
        }
    }

    fn services(&mut self, node: &Node, file: &mut ServicesFile) {
        let entries = match &node.kind {
            NodeKind::Mapping(entries) => entries,
            _ if node.is_null() => return,
            _ => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!(
                        "`services` should be a mapping from service names to their \
                         descriptions, found {found}"
                    ),
                );
                return;
            }
        };
        for entry in entries {
            let Some(name) = self.name(&entry.key, "a service name") else {
                continue;
            };
            let first = file.services.iter().find(|s| s.name == name.name);
            if self.declared_twice(&name, ("service", "defined"), first.map(|s| s.span.line)) {
                continue;
            }
            let service = self.service(name, &entry.value);
            file.services.push(service);
        }
    }

    /// Whether `name` (a `what`: service, database) was `said` (defined, declared) before, at
    /// line `first`: then this one is an error and is ignored.
    fn declared_twice(
        &mut self,
        name: &NameRef,
        (what, said): (&str, &str),
        first: Option<u32>,
    ) -> bool {
        let Some(line) = first else {
            return false;
        };
        self.error(
            name.span,
            format!(
                "{what} `{}` is {said} twice (first at line {line}); this one is ignored",
                name.name
            ),
        );
        true
    }

    fn service(&mut self, name: NameRef, node: &Node) -> ServiceDecl {
        let mut service = ServiceDecl {
            name: name.name,
            span: name.span,
            summary: None,
            reads: Vec::new(),
            writes: Vec::new(),
            owns: Vec::new(),
            calls: Vec::new(),
            publishes: Vec::new(),
            subscribes: Vec::new(),
            consumes: Vec::new(),
            databases: None,
            queries: Vec::new(),
            models: Vec::new(),
            part_of: None,
        };
        let entries = match &node.kind {
            NodeKind::Mapping(entries) => entries,
            _ if node.is_null() => return service,
            NodeKind::Scalar(scalar) if scalar.meaning() == ScalarMeaning::Text => {
                // `app-a: Serves the API` reads as the summary.
                service.summary = Some(scalar.text.trim().to_string());
                return service;
            }
            _ => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!(
                        "service `{}` should be a mapping of keys such as `reads` and `writes`, \
                         found {found}",
                        service.name
                    ),
                );
                return service;
            }
        };
        let place = format!("in service `{}`", service.name);
        let kept = self.known_entries(entries, &SERVICE_KEYS, &place);
        if let [first, second] = kept
            .iter()
            .filter(|(k, _)| k.starts_with("database"))
            .collect::<Vec<_>>()
            .as_slice()
        {
            let line = first.1.key.span.line;
            self.warning(
                second.1.key.span,
                format!("`database` and `databases` are both given {place} (first at line {line}); the later one is used"),
            );
        }
        for (key, entry) in kept {
            let value = &entry.value;
            match key {
                "summary" => service.summary = self.text(key, value),
                "reads" => service.reads = self.names(key, value),
                "writes" => service.writes = self.names(key, value),
                "owns" => service.owns = self.names(key, value),
                "publishes" => service.publishes = self.names(key, value),
                "subscribes" => service.subscribes = self.names(key, value),
                "consumes" => service.consumes = self.names(key, value),
                "calls" => service.calls = self.calls(value),
                "database" | "databases" => service.databases = Some(self.databases(key, value)),
                "models" => service.models = self.names(key, value),
                "part_of" => service.part_of = self.name(value, "the name of a service"),
                _ => service.queries = self.queries(value),
            }
        }
        service
    }

    /// A free-text value (`summary`).
    fn text(&mut self, key: &str, node: &Node) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar(scalar) if !node.is_null() => Some(scalar.text.trim().to_string()),
            NodeKind::Scalar(_) => None,
            _ => {
                let found = node.describe();
                self.error(node.span, format!("`{key}` should be text, found {found}"));
                None
            }
        }
    }

    /// One name (a list item, a mapping key): non-empty text.
    fn name(&mut self, node: &Node, what: &str) -> Option<NameRef> {
        let Some(scalar) = node.scalar() else {
            let found = node.describe();
            self.error(node.span, format!("expected {what}, found {found}"));
            return None;
        };
        match scalar.meaning() {
            ScalarMeaning::Text | ScalarMeaning::Number if !scalar.text.trim().is_empty() => {
                Some(NameRef {
                    name: scalar.text.trim().to_string(),
                    span: node.span,
                })
            }
            ScalarMeaning::Bool => {
                let found = node.describe();
                self.error(node.span, format!("expected {what}, found {found}"));
                None
            }
            _ => {
                self.error(node.span, format!("{what} is empty"));
                None
            }
        }
    }

    /// The items of a list value; a single scalar counts as a list of one.
    fn items<'n>(&mut self, key: &str, node: &'n Node, what: &str) -> Vec<&'n Node> {
        match &node.kind {
            NodeKind::Sequence(items) => items.iter().collect(),
            NodeKind::Scalar(_) if node.is_null() => Vec::new(),
            NodeKind::Scalar(scalar) if scalar.meaning() == ScalarMeaning::Text => vec![node],
            _ => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!("`{key}` should be a list of {what}, found {found}"),
                );
                Vec::new()
            }
        }
    }

    /// A list of names (`reads`, `writes`, `owns`, topics); a single name is accepted.
    fn names(&mut self, key: &str, node: &Node) -> Vec<NameRef> {
        let items = self.items(key, node, "names");
        items
            .into_iter()
            .filter_map(|item| match item.scalar().map(|s| s.meaning()) {
                Some(ScalarMeaning::Number) => {
                    let found = item.describe();
                    self.error(
                        item.span,
                        format!("expected a name in `{key}`, found {found}"),
                    );
                    None
                }
                _ => self.name(item, &format!("a name in `{key}`")),
            })
            .collect()
    }

    /// `calls`: a list of service names or `service: endpoint(s)` mappings, or one mapping.
    fn calls(&mut self, node: &Node) -> Vec<CallRef> {
        let mut calls = Vec::new();
        match &node.kind {
            NodeKind::Mapping(entries) => {
                for entry in entries {
                    self.call_entry(entry, &mut calls);
                }
            }
            _ => {
                for item in self.items("calls", node, "service names") {
                    match &item.kind {
                        NodeKind::Mapping(entries) => {
                            for entry in entries {
                                self.call_entry(entry, &mut calls);
                            }
                        }
                        _ => {
                            if let Some(name) = self.name(item, "a service name in `calls`") {
                                calls.push(CallRef {
                                    service: name.name,
                                    endpoint: None,
                                    span: name.span,
                                });
                            }
                        }
                    }
                }
            }
        }
        calls
    }

    /// One `service: endpoint` (or `service: [endpoints]`, or `service:`) entry of `calls`.
    fn call_entry(&mut self, entry: &Entry, calls: &mut Vec<CallRef>) {
        let Some(service) = self.name(&entry.key, "a service name in `calls`") else {
            return;
        };
        let call = |endpoint: Option<String>| CallRef {
            service: service.name.clone(),
            endpoint,
            span: service.span,
        };
        let value = &entry.value;
        match &value.kind {
            NodeKind::Scalar(_) if value.is_null() => calls.push(call(None)),
            NodeKind::Scalar(scalar) => calls.push(call(Some(scalar.text.trim().to_string()))),
            NodeKind::Sequence(items) => {
                for item in items {
                    match item.scalar() {
                        Some(scalar) if !item.is_null() => {
                            calls.push(call(Some(scalar.text.trim().to_string())))
                        }
                        _ => {
                            let found = item.describe();
                            self.error(
                                item.span,
                                format!(
                                    "expected an endpoint such as `GET /users/{{id}}`, found {found}"
                                ),
                            );
                        }
                    }
                }
            }
            NodeKind::Mapping(_) => {
                self.error(
                    value.span,
                    format!(
                        "the call to `{}` should name an endpoint or a list of endpoints, \
                         found a mapping",
                        service.name
                    ),
                );
            }
        }
    }

    /// `database`: `name`, `host/name`, or `{name: …, host: …}`.
    fn database(&mut self, node: &Node) -> Option<DatabaseRef> {
        match &node.kind {
            NodeKind::Scalar(_) if node.is_null() => None,
            NodeKind::Scalar(scalar) => {
                let text = scalar.text.trim();
                let (host, name) = match text.split_once('/') {
                    Some((host, name)) => (Some(host.trim()), name.trim()),
                    None => (None, text),
                };
                if name.is_empty() || host.is_some_and(str::is_empty) {
                    self.error(
                        node.span,
                        format!("`database` should be `name` or `host/name`, found `{text}`"),
                    );
                    return None;
                }
                Some(DatabaseRef {
                    name: name.to_string(),
                    host: host.map(str::to_string),
                    span: node.span,
                })
            }
            NodeKind::Mapping(entries) => {
                let mut name = None;
                let mut host = None;
                for (key, entry) in self.known_entries(entries, &DATABASE_KEYS, "in `database`") {
                    let value = self.name(&entry.value, &format!("a database {key}"));
                    if key == "name" {
                        name = value;
                    } else {
                        host = value;
                    }
                }
                let Some(name) = name else {
                    self.error(node.span, "`database` needs a `name`".to_string());
                    return None;
                };
                Some(DatabaseRef {
                    name: name.name,
                    host: host.map(|h| h.name),
                    span: node.span,
                })
            }
            NodeKind::Sequence(_) => {
                self.error(
                    node.span,
                    "expected one database (`name`, `host/name` or a mapping) in the list, \
                     found a list"
                        .to_string(),
                );
                None
            }
        }
    }

    /// `database` or `databases`: one database or a list of them; `none` for no store.
    fn databases(&mut self, key: &str, node: &Node) -> Vec<DatabaseRef> {
        if node
            .scalar()
            .is_some_and(|s| s.text.trim().eq_ignore_ascii_case(NO_DATABASE))
        {
            return Vec::new();
        }
        let items: Vec<&Node> = match &node.kind {
            NodeKind::Sequence(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut databases: Vec<DatabaseRef> = Vec::new();
        for item in items {
            let Some(database) = self.database(item) else {
                continue;
            };
            if databases
                .iter()
                .any(|d| d.name == database.name && d.host == database.host)
            {
                self.warning(
                    database.span,
                    format!("`{}` is listed twice in `{key}`", database.name),
                );
                continue;
            }
            databases.push(database);
        }
        databases
    }

    /// The top-level `databases:` section: store names mapped to `kind` (or a mapping of
    /// `kind`, `host`, `owner` and the store's `tables`, `collections` or `keys`).
    fn stores(&mut self, node: &Node, file: &mut ServicesFile) {
        let entries = match &node.kind {
            NodeKind::Mapping(entries) => entries,
            _ if node.is_null() => return,
            _ => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!(
                        "`databases` should be a mapping from store names to their kind \
                         (`accounts-db: postgres`) or details, found {found}"
                    ),
                );
                return;
            }
        };
        for entry in entries {
            let Some(name) = self.name(&entry.key, "a database name") else {
                continue;
            };
            let first = file.stores.iter().find(|s| s.name.name == name.name);
            if self.declared_twice(
                &name,
                ("database", "declared"),
                first.map(|s| s.name.span.line),
            ) {
                continue;
            }
            let store = self.store(name, &entry.value);
            file.stores.push(store);
        }
    }

    /// One store of the `databases:` section.
    fn store(&mut self, name: NameRef, node: &Node) -> StoreDecl {
        let mut store = StoreDecl {
            name,
            host: None,
            kind: None,
            owner: None,
            relations: Vec::new(),
        };
        let entries = match &node.kind {
            NodeKind::Mapping(entries) => entries,
            _ if node.is_null() => return store,
            NodeKind::Scalar(_) => {
                store.kind = self.store_kind(node);
                return store;
            }
            NodeKind::Sequence(_) => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!(
                        "database `{}` should be a kind (`postgres`) or a mapping of `kind`, \
                         `host` and `owner`, found {found}",
                        store.name.name
                    ),
                );
                return store;
            }
        };
        let place = format!("in database `{}`", store.name.name);
        for (key, entry) in self.known_entries(entries, &STORE_KEYS, &place) {
            let value = &entry.value;
            match key {
                "kind" => store.kind = self.store_kind(value),
                "host" => store.host = self.name(value, "a host").map(|h| h.name),
                "owner" => store.owner = self.name(value, "the owning service"),
                _ => store.relations.extend(self.names(key, value)),
            }
        }
        store
    }

    /// A store's `kind`; an unknown kind is a warning and reads as `other`.
    fn store_kind(&mut self, node: &Node) -> Option<StoreKind> {
        let written = self.name(node, "a database kind")?;
        StoreKind::from_name(&written.name).or_else(|| {
            let known: Vec<&'static str> = StoreKind::ALL.iter().map(|k| k.as_str()).collect();
            let hint = did_you_mean(&written.name, known.iter().copied())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            self.warning(
                written.span,
                format!(
                    "unknown database kind `{}`{hint}: Seams knows {}; read as `other`",
                    written.name,
                    known.join(", ")
                ),
            );
            Some(StoreKind::Other)
        })
    }

    /// `queries`: SQL strings, each parsed for the tables it reads and writes.
    fn queries(&mut self, node: &Node) -> Vec<super::QueryDecl> {
        let mut queries = Vec::new();
        for item in self.items("queries", node, "SQL statements") {
            let Some(scalar) = item.scalar().filter(|s| s.meaning() == ScalarMeaning::Text) else {
                let found = item.describe();
                self.error(
                    item.span,
                    format!("expected a SQL statement in `queries`, found {found}"),
                );
                continue;
            };
            let origin = SqlOrigin {
                span: item.span,
                style: scalar.style,
            };
            let (query, mut diagnostics) = queries::infer(&scalar.text, origin, self.dialect);
            self.diagnostics.append(&mut diagnostics);
            queries.push(query);
        }
        queries
    }

    /// `ownership`: a mapping from table to owning service.
    fn ownership(&mut self, node: &Node, file: &mut ServicesFile) {
        let entries = match &node.kind {
            NodeKind::Mapping(entries) => entries,
            _ if node.is_null() => return,
            _ => {
                let found = node.describe();
                self.error(
                    node.span,
                    format!("`ownership` should map tables to services, found {found}"),
                );
                return;
            }
        };
        for entry in entries {
            let Some(table) = self.name(&entry.key, "a table name in `ownership`") else {
                continue;
            };
            if entry.value.scalar().is_none() {
                let found = entry.value.describe();
                self.error(
                    entry.value.span,
                    format!(
                        "the owner of `{}` should be one service name, found {found}",
                        table.name
                    ),
                );
                continue;
            }
            let Some(service) = self.name(&entry.value, "the owning service") else {
                continue;
            };
            if let Some(first) = file.ownership.iter().find(|o| o.table.name == table.name) {
                let line = first.table.span.line;
                self.warning(
                    table.span,
                    format!(
                        "`{}` is given an owner twice (first at line {line}); both are kept",
                        table.name
                    ),
                );
            }
            file.ownership.push(OwnershipDecl { table, service });
        }
    }

    /// `accept`: a list of `{rule, elements, reason}`, each accepting the findings of one rule
    /// that name all the elements. A reason is required: an accepted finding says why.
    fn accept(&mut self, node: &Node, file: &mut ServicesFile) {
        for item in self.items("accept", node, "accepted findings") {
            let NodeKind::Mapping(entries) = &item.kind else {
                let found = item.describe();
                self.error(
                    item.span,
                    format!(
                        "an `accept` entry should be a mapping with `rule`, `elements` and \
                         `reason`, found {found}"
                    ),
                );
                continue;
            };
            let mut rule = None;
            let mut elements = Vec::new();
            let mut reason = None;
            for (key, entry) in self.known_entries(entries, &ACCEPT_KEYS, "in an `accept` entry") {
                match key {
                    "rule" => rule = self.name(&entry.value, "a rule name in `accept`"),
                    "elements" => elements = self.names("elements", &entry.value),
                    _ => reason = self.text("reason", &entry.value),
                }
            }
            let Some(rule) = rule else {
                self.error(item.span, "an `accept` entry needs a `rule`".to_string());
                continue;
            };
            let Some(reason) = reason.filter(|r| !r.is_empty()) else {
                self.error(
                    item.span,
                    format!(
                        "accepting `{}` needs a `reason`: say why the finding is by design",
                        rule.name
                    ),
                );
                continue;
            };
            file.accept.push(AcceptDecl {
                rule,
                elements,
                reason,
                span: item.span,
            });
        }
    }
}
