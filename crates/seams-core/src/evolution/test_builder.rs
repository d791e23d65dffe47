//! A small builder of [`Architecture`] values for tests, so evolution and ownership tests do not
//! depend on the parsers. Names are bare (`users`); the dialect's default schema is applied.

use crate::ident;
use crate::model::{
    Access, Architecture, Call, Database, ModelLink, Ownership, Service, Topic, TopicKind,
    TopicLink,
};
use crate::model::{
    Column, Dialect, ForbiddenWrite, ForeignKey, Grant, ParseStats, Privilege, Role, Table, View,
    WriteGuard,
};
use crate::model::{Framework, Model, ModelColumn};
use crate::source::{Pane, Span};

/// Builds an architecture step by step; [`ArchBuilder::build`] sorts it like `ingest` does.
pub struct ArchBuilder {
    arch: Architecture,
}

fn span() -> Span {
    Span::start(Pane::Services)
}

impl ArchBuilder {
    /// An empty architecture in `dialect` with one shared database `db:main`.
    pub fn new(dialect: Dialect) -> Self {
        ArchBuilder {
            arch: Architecture {
                dialect,
                dialect_reason: String::new(),
                databases: vec![Database {
                    id: ident::database_id("main", None),
                    name: "main".into(),
                    host: None,
                    kind: None,
                    owner: None,
                    span: None,
                    tables: Vec::new(),
                }],
                tables: Vec::new(),
                views: Vec::new(),
                services: Vec::new(),
                topics: Vec::new(),
                apis: Vec::new(),
                ownership: Default::default(),
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
            },
        }
    }

    /// The id a bare table name gets.
    pub fn table_id(&self, name: &str) -> String {
        ident::table_id(self.arch.dialect.default_schema(), name)
    }

    /// Adds a table; `columns` are `(name, type)`, the first `pk` of them form the primary key.
    pub fn table(mut self, name: &str, columns: &[(&str, &str)], pk: usize) -> Self {
        let id = self.table_id(name);
        self.arch.tables.push(
            Table {
                id: id.clone(),
                schema: self.arch.dialect.default_schema().map(str::to_string),
                name: name.to_string(),
                columns: columns
                    .iter()
                    .enumerate()
                    .map(|(i, (n, t))| Column {
                        name: n.to_string(),
                        data_type: t.to_string(),
                        nullable: i >= pk,
                        default: None,
                    })
                    .collect(),
                primary_key: columns
                    .iter()
                    .take(pk)
                    .map(|(n, _)| n.to_string())
                    .collect(),
                foreign_keys: Vec::new(),
                span: Span::start(Pane::Schema),
                recovered: false,
                partition_of: None,
                forbids: Vec::new(),
            }
            .into(),
        );
        if let Some(db) = self.arch.databases.first_mut() {
            db.tables.push(id);
        }
        self
    }

    /// Adds a foreign key `from.column → to.id`.
    pub fn fk(mut self, from: &str, column: &str, to: &str) -> Self {
        let from_id = self.table_id(from);
        let to_id = self.table_id(to);
        if let Some(t) = self
            .arch
            .tables
            .iter_mut()
            .find(|t| t.id == from_id)
            .map(std::sync::Arc::make_mut)
        {
            t.foreign_keys.push(ForeignKey {
                columns: vec![column.to_string()],
                references: to_id,
                ref_columns: vec!["id".into()],
                span: Span::start(Pane::Schema),
            });
        }
        self
    }

    /// Makes table `child` a partition of table `parent` (bare names).
    pub fn partition(mut self, child: &str, parent: &str) -> Self {
        let child_id = self.table_id(child);
        let parent_id = self.table_id(parent);
        if let Some(t) = self
            .arch
            .tables
            .iter_mut()
            .find(|t| t.id == child_id)
            .map(std::sync::Arc::make_mut)
        {
            t.partition_of = Some(parent_id);
        }
        self
    }

    /// Adds a view reading `reads` (bare table names).
    pub fn view(mut self, name: &str, reads: &[&str]) -> Self {
        let id = ident::view_id(self.arch.dialect.default_schema(), name);
        let reads = reads.iter().map(|r| self.table_id(r)).collect();
        self.arch.views.push(View {
            id: id.clone(),
            schema: self.arch.dialect.default_schema().map(str::to_string),
            name: name.to_string(),
            reads,
            span: Span::start(Pane::Schema),
        });
        if let Some(db) = self.arch.databases.first_mut() {
            db.tables.push(id);
        }
        self
    }

    /// Adds a service reading and writing bare relation names (`view:` prefixed names are views).
    pub fn service(mut self, name: &str, summary: &str, reads: &[&str], writes: &[&str]) -> Self {
        let access = |names: &[&str]| -> Vec<Access> {
            names
                .iter()
                .map(|n| Access {
                    table: match n.strip_prefix("view:") {
                        Some(v) => ident::view_id(self.arch.dialect.default_schema(), v),
                        None => self.table_id(n),
                    },
                    span: span(),
                    from_query: false,
                    insert_only: false,
                    shapes: Vec::new(),
                })
                .collect()
        };
        let service = Service {
            id: ident::service_id(name),
            name: name.to_string(),
            summary: summary.to_string(),
            reads: access(reads),
            writes: access(writes),
            calls: Vec::new(),
            publishes: Vec::new(),
            subscribes: Vec::new(),
            databases: vec![ident::database_id("main", None)],
            span: span(),
            part_of: None,
        };
        self.arch.services.push(service);
        self
    }

    /// Makes `service` consume the queue or topic `topic`.
    pub fn consumes(mut self, service: &str, topic: &str) -> Self {
        let id = ident::topic_id(topic);
        if let Some(s) = self.arch.services.iter_mut().find(|s| s.name == service) {
            s.subscribes.push(TopicLink {
                topic: id.clone(),
                span: span(),
            });
        }
        self.arch.topics.push(Topic {
            id,
            name: topic.to_string(),
            kind: if topic.contains(':') {
                TopicKind::Queue
            } else {
                TopicKind::Topic
            },
        });
        self
    }

    /// Makes `service` publish to the topic `topic`.
    pub fn publishes(mut self, service: &str, topic: &str) -> Self {
        let id = ident::topic_id(topic);
        if let Some(s) = self.arch.services.iter_mut().find(|s| s.name == service) {
            s.publishes.push(TopicLink {
                topic: id.clone(),
                span: span(),
            });
        }
        self.arch.topics.push(Topic {
            id,
            name: topic.to_string(),
            kind: TopicKind::Topic,
        });
        self
    }

    /// Makes `from` call the service `to` (no endpoint).
    pub fn calls(mut self, from: &str, to: &str) -> Self {
        if let Some(s) = self.arch.services.iter_mut().find(|s| s.name == from) {
            s.calls.push(Call {
                service: ident::service_id(to),
                endpoint: None,
                span: span(),
            });
        }
        self
    }

    /// Creates the role `role` (once) and grants it `privileges` on `table`.
    pub fn grant(mut self, role: &str, privileges: &[Privilege], table: &str) -> Self {
        if !self.arch.roles.iter().any(|r| r.name == role) {
            self.arch.roles.push(Role {
                name: role.to_string(),
                span: Span::start(Pane::Schema),
            });
        }
        let object = self.table_id(table);
        self.arch.grants.push(Grant {
            revoke: false,
            privileges: privileges.to_vec(),
            object,
            grantee: role.to_string(),
            span: Span::start(Pane::Schema),
        });
        self
    }

    /// Declares `service` the owner of `table`.
    pub fn owns(mut self, table: &str, service: &str) -> Self {
        let id = self.table_id(table);
        self.arch.ownership.insert(
            id,
            Ownership {
                service: ident::service_id(service),
                span: span(),
            },
        );
        self
    }

    /// Adds an SQLAlchemy model of `table` at `path` (`app_a/models/user.py`); `columns` are
    /// `(name, orm type, primary key)`.
    pub fn model(
        mut self,
        path: &str,
        class: &str,
        table: &str,
        columns: &[(&str, &str, bool)],
    ) -> Self {
        let service_written = path.split('/').next().unwrap_or_default().to_string();
        let service = ident::service_id(&ident::service_key(&service_written));
        self.arch.models.push(ModelLink {
            service,
            table: self.table_id(table),
            model: Model {
                service: service_written,
                path: path.to_string(),
                class_name: class.to_string(),
                table: table.to_string(),
                framework: Framework::SqlAlchemy,
                columns: columns
                    .iter()
                    .map(|(n, t, pk)| ModelColumn {
                        name: n.to_string(),
                        orm_type: t.to_string(),
                        nullable: None,
                        primary_key: *pk,
                        foreign_key: None,
                        span: Span::start(Pane::Models),
                    })
                    .collect(),
                relationships: Vec::new(),
                span: Span::start(Pane::Models),
            },
        });
        self
    }

    /// Makes the table `table` forbid `privilege`, as the schema rule `rule` on `line` does.
    pub fn forbids(mut self, table: &str, privilege: Privilege, rule: &str, line: u32) -> Self {
        let id = self.table_id(table);
        if let Some(t) = self
            .arch
            .tables
            .iter_mut()
            .find(|t| t.id == id)
            .map(std::sync::Arc::make_mut)
        {
            t.forbids.push(ForbiddenWrite {
                privilege,
                guard: WriteGuard::Rule,
                by: rule.to_string(),
                span: Span::new(Pane::Schema, line, 1),
            });
        }
        self
    }

    /// Marks `service`'s write of `table` as coming from queries that only insert.
    pub fn inserts_only(mut self, service: &str, table: &str) -> Self {
        let id = self.table_id(table);
        if let Some(s) = self.arch.services.iter_mut().find(|s| s.name == service) {
            for access in s.writes.iter_mut().filter(|a| a.table == id) {
                access.from_query = true;
                access.insert_only = true;
            }
        }
        self
    }

    /// The finished, sorted architecture.
    pub fn build(mut self) -> Architecture {
        super::normalise(&mut self.arch);
        self.arch
    }
}

/// The seed example (`examples/seed/`, its story in `docs/evolution.md`), in PostgreSQL.
pub fn seed() -> Architecture {
    let user_columns = [
        ("id", "Integer", true),
        ("name", "String", false),
        ("status", "String", false),
    ];
    ArchBuilder::new(Dialect::Postgres)
        .table(
            "users",
            &[("id", "integer"), ("name", "text"), ("status", "text")],
            1,
        )
        .table(
            "messages",
            &[("id", "integer"), ("user_id", "integer"), ("body", "text")],
            1,
        )
        .fk("messages", "user_id", "users")
        .service(
            "app-a",
            "Exposes API endpoints to serve data to users",
            &["users"],
            &[],
        )
        .service(
            "app-b",
            "Processes SQS messages and updates the database",
            &["users", "messages"],
            &["users", "messages"],
        )
        .consumes("app-b", "sqs:user-updates")
        .model("app_a/models/user.py", "User", "users", &user_columns)
        .model("app_b/models/user.py", "User", "users", &user_columns)
        .build()
}
