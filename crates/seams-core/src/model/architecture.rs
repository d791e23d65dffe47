//! The architecture: services, databases, topics, APIs, declared owners and resolved ORM models,
//! with the schema's tables and views, all keyed by stable string ids (`docs/model.md`).
//! [`crate::ingest`](mod@crate::ingest) builds it; everything downstream reads it.

use super::{Dialect, Grant, Model, ParseStats, Role, Table, View};
use crate::diagnostic::Diagnostic;
use crate::source::{Pane, Sources, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The name of the one shared database assumed when services name none.
pub const DEFAULT_DATABASE: &str = "main";

/// A database instance and the tables in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Database {
    /// Stable id (`db:main`, `db:host/name`).
    pub id: String,
    /// Database name.
    pub name: String,
    /// Host, when the services file names one.
    pub host: Option<String>,
    /// Ids of the tables and views in it, sorted.
    pub tables: Vec<String>,
}

/// A service's access to a table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Access {
    /// The table (or view) id.
    pub table: String,
    /// Where the access was declared (the `reads`/`writes` entry or the query).
    pub span: Span,
    /// True when inferred from a `queries` statement rather than declared.
    pub from_query: bool,
}

/// A call from one service to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Call {
    /// The called service's id.
    pub service: String,
    /// The endpoint, if given.
    pub endpoint: Option<String>,
    /// Where it was declared.
    pub span: Span,
}

/// A service's link to a topic or queue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TopicLink {
    /// The topic id.
    pub topic: String,
    /// Where it was declared.
    pub span: Span,
}

/// A service and everything it touches, resolved to ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Stable id (`service:app-a`).
    pub id: String,
    /// Name as written.
    pub name: String,
    /// One-line description (empty when none).
    pub summary: String,
    /// Tables and views read, sorted by table id, one entry per table.
    pub reads: Vec<Access>,
    /// Tables written, sorted by table id, one entry per table.
    pub writes: Vec<Access>,
    /// Services called, sorted.
    pub calls: Vec<Call>,
    /// Topics published, sorted.
    pub publishes: Vec<TopicLink>,
    /// Topics and queues subscribed to or consumed, sorted.
    pub subscribes: Vec<TopicLink>,
    /// The database it connects to.
    pub database: String,
    /// Where the service was declared.
    pub span: Span,
}

impl Service {
    /// Whether the service reads `table` (an id).
    pub fn reads_table(&self, table: &str) -> bool {
        self.reads.iter().any(|a| a.table == table)
    }

    /// Whether the service writes `table` (an id).
    pub fn writes_table(&self, table: &str) -> bool {
        self.writes.iter().any(|a| a.table == table)
    }
}

/// Whether a topic is a pub/sub topic or a queue (`sqs:…`, `queue:…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    /// A pub/sub topic or event name.
    Topic,
    /// A point-to-point queue.
    Queue,
}

/// A topic, event or queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Stable id (`topic:user.created`).
    pub id: String,
    /// Name as written.
    pub name: String,
    /// Topic or queue.
    pub kind: TopicKind,
}

/// A service's API, known from the endpoints other services call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    /// Stable id (`api:app-b`).
    pub id: String,
    /// The service serving it.
    pub service: String,
    /// Endpoints called on it, sorted and deduplicated.
    pub endpoints: Vec<String>,
}

/// A declared owner of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ownership {
    /// The owning service's id.
    pub service: String,
    /// Where it was declared.
    pub span: Span,
}

/// An ORM model resolved to a service and a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelLink {
    /// The service id (`service:app-a`), or a synthetic id when the services file lacks it.
    pub service: String,
    /// The table id the model maps.
    pub table: String,
    /// The model as read.
    pub model: Model,
}

/// The whole architecture: every element with its source span, keyed by stable string ids.
/// Every list is sorted by id, so the same input gives the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architecture {
    /// The schema's dialect.
    pub dialect: Dialect,
    /// Why that dialect.
    pub dialect_reason: String,
    /// Database instances.
    pub databases: Vec<Database>,
    /// Tables: declared in the schema, or only named by services (span in the Services pane).
    pub tables: Vec<Table>,
    /// Views.
    pub views: Vec<View>,
    /// Services.
    pub services: Vec<Service>,
    /// Topics and queues.
    pub topics: Vec<Topic>,
    /// APIs known from calls with endpoints.
    pub apis: Vec<Api>,
    /// Declared owners, by table id.
    pub ownership: BTreeMap<String, Ownership>,
    /// Roles created in the schema.
    pub roles: Vec<Role>,
    /// GRANTs and REVOKEs in the schema.
    pub grants: Vec<Grant>,
    /// ORM models, resolved.
    pub models: Vec<ModelLink>,
    /// What happened to the schema's statements.
    pub schema_stats: ParseStats,
    /// Every diagnostic from every pane, sorted by pane, line, column.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the panes are made of, to say where a span is in the user's files.
    #[serde(default)]
    pub sources: Sources,
    /// Findings the services file accepts (`accept:`), elements resolved to ids.
    #[serde(default)]
    pub accepted: Vec<Acceptance>,
}

/// One `accept:` entry of the services file: the findings of `rule` naming every one of
/// `elements` are accepted, for `reason`. The rule stays a name here (the rules are a later
/// phase); `findings` matches it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Acceptance {
    /// The rule's name as written (`call-cycle`).
    pub rule: String,
    /// Ids of the elements named, sorted (a finding must name all of them).
    pub elements: Vec<String>,
    /// Why it is accepted.
    pub reason: String,
    /// Where the entry was written.
    pub span: Span,
}

impl Architecture {
    /// The table with id `id`.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables
            .binary_search_by(|t| t.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.tables.get(i))
    }

    /// The view with id `id` (a binary search: the list is sorted by id).
    pub fn view(&self, id: &str) -> Option<&View> {
        crate::work::step(1);
        self.views
            .binary_search_by(|v| v.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.views.get(i))
    }

    /// The service with id `id` (a binary search: the list is sorted by id; a scan here made
    /// every per-service lookup of the evolution and layout quadratic in the services).
    pub fn service(&self, id: &str) -> Option<&Service> {
        crate::work::step(1);
        self.services
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.services.get(i))
    }

    /// The database holding table `id`, if any.
    pub fn database_of(&self, table: &str) -> Option<&Database> {
        self.databases
            .iter()
            .find(|d| d.tables.iter().any(|t| t == table))
    }

    /// Whether the table id was declared in the schema (not only named by a service).
    pub fn is_declared(&self, table: &str) -> bool {
        self.table(table)
            .is_some_and(|t| t.span.pane == Pane::Schema)
    }

    /// Ids of the services reading table `id`, in service order.
    pub fn readers_of(&self, id: &str) -> Vec<String> {
        self.services
            .iter()
            .filter(|s| s.reads_table(id))
            .map(|s| s.id.clone())
            .collect()
    }

    /// Ids of the services writing table `id`, in service order.
    pub fn writers_of(&self, id: &str) -> Vec<String> {
        self.services
            .iter()
            .filter(|s| s.writes_table(id))
            .map(|s| s.id.clone())
            .collect()
    }

    /// Ids of the services with an ORM model of table `id`.
    pub fn modellers_of(&self, id: &str) -> Vec<String> {
        self.models
            .iter()
            .filter(|m| m.table == id)
            .map(|m| m.service.clone())
            .collect()
    }

    /// Total foreign keys over all tables.
    pub fn foreign_key_count(&self) -> usize {
        self.tables.iter().map(|t| t.foreign_keys.len()).sum()
    }
}
