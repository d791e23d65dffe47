//! The architecture: services, databases, topics, APIs, declared owners and resolved ORM models,
//! with the schema's tables and views, all keyed by stable string ids (`docs/model.md`).
//! [`crate::ingest`](mod@crate::ingest) builds it; everything downstream reads it.

use super::{Dialect, Grant, Model, ParseStats, Role, Table, View};
use crate::diagnostic::Diagnostic;
use crate::order::Collect;
use crate::source::{Pane, Sources, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The name of the database that holds the schema's tables when nothing else does: the Schema
/// pane has tables outside any `-- database:` section and no service or store says where they
/// live. Inputs written before stores existed keep their ids and findings through it.
pub const DEFAULT_DATABASE: &str = "main";

/// What kind of store a database is (`kind:` in the services file's `databases:` section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
    /// SQLite.
    Sqlite,
    /// Microsoft SQL Server.
    Mssql,
    /// MongoDB (a document store: collections).
    Mongodb,
    /// Redis (a key-value store: key patterns).
    Redis,
    /// Memcached (a key-value store: key patterns).
    Memcached,
    /// Any other store.
    Other,
}

/// What a relation is, from the kind of store that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// A table or view of an SQL database (or of a store of unknown kind).
    Table,
    /// A document store's collection.
    Collection,
    /// A key-value store's key pattern (`user:*`).
    Keys,
}

impl StoreKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [StoreKind; 8] = [
        StoreKind::Postgres,
        StoreKind::Mysql,
        StoreKind::Sqlite,
        StoreKind::Mssql,
        StoreKind::Mongodb,
        StoreKind::Redis,
        StoreKind::Memcached,
        StoreKind::Other,
    ];

    /// The name written in the services file (`postgres`, `redis` …).
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Postgres => "postgres",
            StoreKind::Mysql => "mysql",
            StoreKind::Sqlite => "sqlite",
            StoreKind::Mssql => "mssql",
            StoreKind::Mongodb => "mongodb",
            StoreKind::Redis => "redis",
            StoreKind::Memcached => "memcached",
            StoreKind::Other => "other",
        }
    }

    /// A human name for pictures and reports.
    pub fn label(self) -> &'static str {
        match self {
            StoreKind::Postgres => "PostgreSQL",
            StoreKind::Mysql => "MySQL",
            StoreKind::Sqlite => "SQLite",
            StoreKind::Mssql => "SQL Server",
            StoreKind::Mongodb => "MongoDB",
            StoreKind::Redis => "Redis",
            StoreKind::Memcached => "Memcached",
            StoreKind::Other => "store",
        }
    }

    /// Reads a written kind, ignoring case (a few aliases: `postgresql`, `mariadb`, `sqlserver`,
    /// `mongo`).
    pub fn from_name(name: &str) -> Option<StoreKind> {
        let lower = name.trim().to_ascii_lowercase();
        let kind = match lower.as_str() {
            "postgresql" | "pg" => StoreKind::Postgres,
            "mariadb" => StoreKind::Mysql,
            "sqlserver" | "sql server" => StoreKind::Mssql,
            "mongo" => StoreKind::Mongodb,
            _ => return StoreKind::ALL.into_iter().find(|k| k.as_str() == lower),
        };
        Some(kind)
    }

    /// The SQL dialect of an SQL store; None for the others.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            StoreKind::Postgres => Some(Dialect::Postgres),
            StoreKind::Mysql => Some(Dialect::MySql),
            StoreKind::Sqlite => Some(Dialect::Sqlite),
            StoreKind::Mssql => Some(Dialect::MsSql),
            _ => None,
        }
    }

    /// What the store holds: tables, collections or key patterns.
    pub fn relation_kind(self) -> RelationKind {
        match self {
            StoreKind::Mongodb => RelationKind::Collection,
            StoreKind::Redis | StoreKind::Memcached => RelationKind::Keys,
            _ => RelationKind::Table,
        }
    }
}

impl RelationKind {
    /// The word for one element of this kind (`table`, `collection`, `key pattern`).
    pub fn noun(self) -> &'static str {
        match self {
            RelationKind::Table => "table",
            RelationKind::Collection => "collection",
            RelationKind::Keys => "key pattern",
        }
    }
}

/// A database instance (a store) and the tables, collections or key patterns in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Database {
    /// Stable id (`db:main`, `db:host/name`).
    pub id: String,
    /// Database name.
    pub name: String,
    /// Host, when the services file names one (two databases on one host share a server, not
    /// a database).
    pub host: Option<String>,
    /// The kind of store, when the `databases:` section says (None: an SQL database of the
    /// schema's dialect).
    #[serde(default)]
    pub kind: Option<StoreKind>,
    /// The service declared to own the whole store (`owner:`), by id.
    #[serde(default)]
    pub owner: Option<String>,
    /// Where the store was declared in the `databases:` section (None when only a service or
    /// the Schema pane names it).
    #[serde(default)]
    pub span: Option<Span>,
    /// Ids of the tables and views in it, sorted.
    pub tables: Vec<String>,
}

impl Database {
    /// A database known only by its id, name and host (no kind, owner or declaration).
    pub fn named(id: String, name: String, host: Option<String>) -> Database {
        Database {
            id,
            name,
            host,
            kind: None,
            owner: None,
            span: None,
            tables: Vec::new(),
        }
    }

    /// What its relations are: tables, collections or key patterns.
    pub fn relation_kind(&self) -> RelationKind {
        self.kind
            .map_or(RelationKind::Table, StoreKind::relation_kind)
    }

    /// Whether it is an SQL database (declared as one, or of unknown kind).
    pub fn is_sql(&self) -> bool {
        self.kind.is_none_or(|k| k.dialect().is_some())
    }
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
    /// True when this is a write known to insert only: every query the service writes the
    /// table with is an `INSERT` (a declared `writes:` entry says nothing of the kind).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub insert_only: bool,
    /// How each declared query reads the table (on reads only; empty when no query says, as
    /// for a bare `reads:` entry). Stage 3 derives the endpoint that replaces each read from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<ReadShape>,
}

/// How one query reads one table, from its tokens: the columns it compares to a parameter or a
/// literal in `WHERE`, the aggregates of its select list, its `ORDER BY` and whether it is
/// limited (`LIMIT`, `TOP`, `FETCH`). Only columns of that table are kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReadShape {
    /// Columns compared in `WHERE`, each once, in first-seen order.
    #[serde(default)]
    pub filters: Vec<ShapeFilter>,
    /// Aggregates in the select list (`SUM(amount)`), in order.
    #[serde(default)]
    pub aggregates: Vec<ShapeAggregate>,
    /// `ORDER BY` columns, in order, each with true when descending.
    #[serde(default)]
    pub order_by: Vec<(String, bool)>,
    /// True when the query has `LIMIT`, `TOP`, `FETCH FIRST` or `OFFSET`.
    #[serde(default)]
    pub limited: bool,
    /// Where the query was written.
    pub span: Span,
}

/// A column a query compares, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ShapeFilter {
    /// The column's name (as the schema declares it, when the table is known).
    pub column: String,
    /// How it is compared.
    pub kind: FilterKind,
}

/// How a query compares a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterKind {
    /// Equal to a parameter or literal (`account = $1`): a key or a filter.
    Equal,
    /// After or before a parameter (`id > $1`, `created_at < ?`) on an id or a time: a cursor.
    Cursor,
    /// Any other range (`price >= 10`).
    Range,
}

/// An aggregate of a select list (`SUM(amount)`, `COUNT(*)`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ShapeAggregate {
    /// The function, lowercase (`sum`, `count`, `avg`, `min`, `max`).
    pub function: String,
    /// The column it aggregates; None for `*` or an expression.
    pub column: Option<String>,
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
    /// The databases (stores) it connects to, sorted: those its `database:` names, or else
    /// those holding the tables it reads and writes; empty for a service that touches no store.
    pub databases: Vec<String>,
    /// Where the service was declared.
    pub span: Span,
    /// The service this deployable is part of (`part_of:`), resolved to the head of its group:
    /// an API and its background worker are one owner, not two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<PartOf>,
}

/// A deployable's membership of another service (`part_of: ledger-api`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartOf {
    /// The id of the service at the head of the group (never itself part of another).
    pub service: String,
    /// Where `part_of` was written.
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

/// A shared model library (stage 1 of the evolution): one package of ORM models in one
/// language that several services use instead of each keeping its own copy of a table's model.
/// The graph draws it as a node between its services and its tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// Stable id (`library:shared-models`, `library:shared-models-java`).
    pub id: String,
    /// The module or package name (`shared-models`, `shared_models`).
    pub name: String,
    /// The language its models are written in (`java`, `python`, `csharp`, `typescript`,
    /// `go`, `prisma`).
    pub language: String,
    /// Ids of the services using it, sorted.
    pub services: Vec<String>,
    /// Ids of the tables it maps, sorted.
    pub tables: Vec<String>,
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
    /// Shared between the evolution's stages, which copy a table only to change it
    /// (`Arc::make_mut`): each stage's own copy of every table was 6× the input in memory.
    pub tables: Vec<Arc<Table>>,
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
    /// Shared model libraries (none until the evolution's stage 1 makes them), sorted by id.
    #[serde(default)]
    pub libraries: Vec<Library>,
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
    /// Columns the services file marks `sensitive:`, resolved, sorted (see
    /// [`super::sensitivity`], which also knows the columns whose names say secret).
    #[serde(default)]
    pub sensitive: Vec<super::SensitiveColumn>,
    /// The columns each service's declared `queries` name of each table they read, sorted.
    #[serde(default)]
    pub query_columns: Vec<QueryColumns>,
}

/// The columns of one table a service's declared queries read: every column a query names
/// (in its select list, filters, order…), or all of them when one selects `*`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueryColumns {
    /// The service id.
    pub service: String,
    /// The table id.
    pub table: String,
    /// The column names (as the schema has them), or None when a query selects `*`.
    pub columns: Option<Vec<String>>,
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
            .map(|t| t.as_ref())
    }

    /// The database with id `id` (a binary search: the list is sorted by id).
    pub fn database(&self, id: &str) -> Option<&Database> {
        self.databases
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.databases.get(i))
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

    /// Every service's id, sorted.
    pub fn service_ids(&self) -> BTreeSet<String> {
        self.services.iter().map(|s| s.id.clone()).collect_set()
    }

    /// The service that stands for `service` when owners are compared: the head of its
    /// `part_of` group, or itself. Deployables of one group read and write each other's tables
    /// without crossing an owner boundary.
    pub fn unit<'a>(&'a self, service: &'a str) -> &'a str {
        self.service(service)
            .and_then(|s| s.part_of.as_ref())
            .map_or(service, |p| p.service.as_str())
    }

    /// Whether two services are one owner: the same service or one `part_of` group.
    pub fn same_unit(&self, a: &str, b: &str) -> bool {
        self.unit(a) == self.unit(b)
    }

    /// What relation `id` is (table, collection or key pattern), from its store's kind.
    pub fn relation_kind(&self, id: &str) -> RelationKind {
        self.database_of(id)
            .map_or(RelationKind::Table, Database::relation_kind)
    }

    /// Whether a service connects to database `id`.
    pub fn connects(&self, service: &Service, database: &str) -> bool {
        service.databases.iter().any(|d| d == database)
    }

    /// The databases more than one service uses, in order.
    pub fn shared_databases(&self) -> impl Iterator<Item = &Database> + '_ {
        self.databases.iter().filter(|d| {
            self.services
                .iter()
                .filter(|s| s.databases.contains(&d.id))
                .nth(1)
                .is_some()
        })
    }

    /// The database holding table `id`, if any (each database's tables are sorted: a search,
    /// not a scan; a scan made stage 4 quadratic in the tables).
    pub fn database_of(&self, table: &str) -> Option<&Database> {
        self.databases
            .iter()
            .find(|d| d.tables.binary_search_by(|t| t.as_str().cmp(table)).is_ok())
    }

    /// Whether the table id was declared in the schema (not only named by a service).
    /// A collection or key pattern declared under its store in the services file counts.
    pub fn is_declared(&self, table: &str) -> bool {
        self.table(table).is_some_and(|t| {
            t.span.pane == Pane::Schema || self.relation_kind(table) != RelationKind::Table
        })
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
