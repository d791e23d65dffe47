//! The services file: YAML (or JSON) describing services, what they read, write, own, call,
//! publish and subscribe to, and which database they connect to (PRODUCT.md §2.2, `version: 1`).
//!
//! Names here are as written (trimmed); resolving them against the schema is the
//! [`crate::architecture`] module's job. Start at [`parse_services`].

mod queries;
mod reader;
mod yaml;

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::sql::Dialect;
use serde::{Deserialize, Serialize};

/// A name written in the services file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NameRef {
    /// The name as written (trimmed), e.g. `users`, `public.users`, `sqs:user-updates`.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A call from one service to another (`calls: [app-b]` or `calls: [{app-b: GET /users/{id}}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRef {
    /// The called service's name as written.
    pub service: String,
    /// The endpoint, if given (`GET /users/{id}`).
    pub endpoint: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// The database instance a service connects to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseRef {
    /// Database name.
    pub name: String,
    /// Host, when given (`database: {name: main, host: db1}` or `database: db1/main`).
    pub host: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// One SQL statement a service runs, with the tables it reads and writes (inferred by sqlparser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryDecl {
    /// The SQL as written.
    pub sql: String,
    /// Relations read (FROM, JOIN, subqueries, CTE sources, set operations, USING sources).
    pub reads: Vec<NameRef>,
    /// Relations written (INSERT/UPDATE/DELETE/MERGE targets).
    pub writes: Vec<NameRef>,
    /// Where the query was written.
    pub span: Span,
}

/// One service as declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDecl {
    /// The service's name (the key under `services:`).
    pub name: String,
    /// Where the name was written.
    pub span: Span,
    /// One-line description.
    pub summary: Option<String>,
    /// Tables read, as declared in `reads` (query-derived reads are in `queries`).
    pub reads: Vec<NameRef>,
    /// Tables written, as declared in `writes`.
    pub writes: Vec<NameRef>,
    /// Tables declared owned by this service (`owns`).
    pub owns: Vec<NameRef>,
    /// Services (and endpoints) called.
    pub calls: Vec<CallRef>,
    /// Topics published.
    pub publishes: Vec<NameRef>,
    /// Topics subscribed to.
    pub subscribes: Vec<NameRef>,
    /// Queues consumed (`sqs:user-updates`); treated as subscriptions.
    pub consumes: Vec<NameRef>,
    /// The database it connects to (None: the one shared database).
    pub database: Option<DatabaseRef>,
    /// SQL statements it runs.
    pub queries: Vec<QueryDecl>,
}

/// A top-level `ownership:` entry: `table: service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnershipDecl {
    /// The table as written.
    pub table: NameRef,
    /// The owning service as written.
    pub service: NameRef,
}

/// Everything read from a services file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesFile {
    /// Services in file order.
    pub services: Vec<ServiceDecl>,
    /// Top-level ownership declarations in file order.
    pub ownership: Vec<OwnershipDecl>,
    /// Diagnostics (syntax errors, unknown keys, wrong shapes, bad queries).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a services file (YAML or JSON). Never fails: problems are diagnostics.
/// `dialect` is the schema's dialect, used to parse `queries`.
/// Empty text (or only comments) is an empty file with no diagnostics: nothing pasted yet.
pub fn parse_services(text: &str, dialect: Dialect) -> ServicesFile {
    let document = yaml::read(text);
    let mut file = ServicesFile {
        diagnostics: document.diagnostics,
        ..ServicesFile::default()
    };
    if let Some(root) = &document.root {
        reader::read_file(root, dialect, &mut file);
    }
    file.diagnostics
        .sort_by(|a, b| (a.span, a.severity, &a.message).cmp(&(b.span, b.severity, &b.message)));
    file.diagnostics.dedup();
    file
}
