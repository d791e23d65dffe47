//! SQL ingestion: DDL text in, schema facts out (tables, columns, keys, views, roles, grants),
//! statement by statement, so one bad statement costs one diagnostic and nothing else.
//!
//! Start at [`parse_schema`].

mod ddl;
pub(crate) mod dialect;
#[cfg(test)]
mod extract;
mod facts;
pub(crate) mod lex;
#[cfg(test)]
mod oracle;
pub(crate) mod query;
pub(crate) mod split;
pub(crate) mod structure;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::source::{LineIndex, Pane, Span};
use ddl::{DdlReader, Kind};
use facts::{AlterFact, Facts, GrantTarget, Name, TableFacts};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The SQL dialects Seams reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// PostgreSQL (pg_dump).
    Postgres,
    /// MySQL / MariaDB (mysqldump).
    MySql,
    /// SQLite (`.schema`).
    Sqlite,
    /// Microsoft SQL Server (T-SQL, SSMS scripts).
    MsSql,
    /// Anything else: ANSI-ish SQL.
    Generic,
}

impl Dialect {
    /// Every dialect, in the order the UI lists them.
    pub const ALL: [Dialect; 5] = [
        Dialect::Postgres,
        Dialect::MySql,
        Dialect::Sqlite,
        Dialect::MsSql,
        Dialect::Generic,
    ];

    /// The short lowercase name (`postgres`, `mysql`, `sqlite`, `mssql`, `generic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
            Dialect::MsSql => "mssql",
            Dialect::Generic => "generic",
        }
    }

    /// A human name for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL",
            Dialect::Sqlite => "SQLite",
            Dialect::MsSql => "MS SQL",
            Dialect::Generic => "Generic SQL",
        }
    }

    /// Parses a short name as printed by [`Dialect::as_str`] (also accepts a few aliases).
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name.trim().to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            "sqlite" | "sqlite3" => Some(Dialect::Sqlite),
            "mssql" | "sqlserver" | "tsql" => Some(Dialect::MsSql),
            "generic" | "ansi" => Some(Dialect::Generic),
            _ => None,
        }
    }

    /// The schema an unqualified table lives in (`public` for PostgreSQL, `dbo` for MS SQL).
    pub fn default_schema(self) -> Option<&'static str> {
        match self {
            Dialect::Postgres => Some("public"),
            Dialect::MsSql => Some("dbo"),
            _ => None,
        }
    }

    /// Normalises one identifier part the way the dialect does: unquoted names fold (PostgreSQL
    /// folds to lower case; the others compare case-insensitively, so Seams folds them too),
    /// quoted names are kept as written.
    pub fn normalise(self, part: &str, quoted: bool) -> String {
        if quoted {
            part.to_string()
        } else {
            part.to_lowercase()
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Normalised column name.
    pub name: String,
    /// The SQL type as written (normalised spacing), e.g. `character varying(255)`.
    pub data_type: String,
    /// Whether NULL is allowed (false for NOT NULL and primary-key columns).
    pub nullable: bool,
    /// The default expression as written, if any.
    pub default: Option<String>,
}

/// A foreign key from some columns of one table to another table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Referencing columns.
    pub columns: Vec<String>,
    /// The referenced table's id (`table:public.users`).
    pub references: String,
    /// Referenced columns (may be empty when the DDL leaves them implicit).
    pub ref_columns: Vec<String>,
    /// Where the constraint was written.
    pub span: Span,
}

/// A table declared in the schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Stable id (`table:public.users`).
    pub id: String,
    /// Normalised schema, if any (the dialect's default schema when unqualified).
    pub schema: Option<String>,
    /// Normalised table name.
    pub name: String,
    /// Columns in declaration order.
    pub columns: Vec<Column>,
    /// Primary-key columns.
    pub primary_key: Vec<String>,
    /// Foreign keys, from the CREATE statement and later ALTERs.
    pub foreign_keys: Vec<ForeignKey>,
    /// Where the table was declared.
    pub span: Span,
    /// True when the statement had a structural problem (an unclosed parenthesis, a column
    /// without a type…) and the table was read as far as it goes; a warning says where.
    pub recovered: bool,
    /// The parent table's id when this table is a partition of it (`CREATE TABLE … PARTITION OF`
    /// or `ALTER TABLE parent ATTACH PARTITION this`): physically part of the parent, so whoever
    /// owns the parent owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<String>,
}

/// A view and the tables (or views) it reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// Stable id (`view:public.customer_list`).
    pub id: String,
    /// Normalised schema, if any.
    pub schema: Option<String>,
    /// Normalised name.
    pub name: String,
    /// Ids of the relations the view's query reads (`table:…` or `view:…`), sorted.
    pub reads: Vec<String>,
    /// Where the view was declared.
    pub span: Span,
}

/// A database role or user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Normalised role name.
    pub name: String,
    /// Where it was created.
    pub span: Span,
}

/// A table privilege.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Privilege {
    /// SELECT.
    Select,
    /// INSERT.
    Insert,
    /// UPDATE.
    Update,
    /// DELETE.
    Delete,
    /// TRUNCATE.
    Truncate,
    /// REFERENCES.
    References,
    /// TRIGGER.
    Trigger,
    /// ALL PRIVILEGES.
    All,
}

/// One GRANT or REVOKE of privileges on one table to one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// True for REVOKE.
    pub revoke: bool,
    /// The privileges granted or revoked.
    pub privileges: Vec<Privilege>,
    /// The table or view id the privileges are on.
    pub object: String,
    /// The normalised role name.
    pub grantee: String,
    /// Where the statement was written.
    pub span: Span,
}

/// Counts of what happened to the statements of a schema text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseStats {
    /// Statements found by the splitter (COPY data blocks excluded).
    pub statements: usize,
    /// Read without a problem.
    pub parsed: usize,
    /// Read as far as they go despite a structural problem (each has a warning).
    pub recovered: usize,
    /// Carry no coupling fact (SET, sequences, indexes, comments, functions…) and were skipped.
    pub skipped: usize,
    /// Could not be read at all (each has an error diagnostic).
    pub failed: usize,
}

/// Everything read from one schema text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedSchema {
    /// The dialect used.
    pub dialect: Dialect,
    /// Why that dialect (detected from markers, or chosen by the user).
    pub dialect_reason: String,
    /// Schemas, sorted: those created with `CREATE SCHEMA` and those tables live in.
    #[serde(default)]
    pub schemas: Vec<String>,
    /// Tables, sorted by id.
    pub tables: Vec<Table>,
    /// Views, sorted by id.
    pub views: Vec<View>,
    /// Roles, sorted by name.
    pub roles: Vec<Role>,
    /// Grants and revokes in input order.
    pub grants: Vec<Grant>,
    /// Diagnostics in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Statement counts.
    pub stats: ParseStats,
}

/// Reads a schema text. Never fails: what cannot be read becomes a diagnostic.
/// `dialect` overrides detection when given.
///
/// Statement by statement: the splitter yields one statement at a time, statements that carry no
/// coupling fact are skipped by their leading keywords, and the rest are read from their tokens
/// (`ddl`), which never fails: a broken statement yields what it still says, plus a diagnostic
/// at the token that is wrong.
pub fn parse_schema(text: &str, dialect: Option<Dialect>) -> ParsedSchema {
    let (dialect, dialect_reason) = match dialect {
        Some(chosen) => (chosen, format!("{} chosen by the user", chosen.label())),
        None => dialect::detect(text),
    };
    let mut reader = SchemaReader::new(text, dialect);
    for piece in split::Splitter::new(text, dialect) {
        reader.statement(piece);
    }
    reader.finish(dialect_reason)
}

/// The state of one [`parse_schema`] run: facts gathered so far.
struct SchemaReader<'a> {
    text: &'a str,
    dialect: Dialect,
    lines: LineIndex,
    tables: BTreeMap<String, Table>,
    alters: Vec<(Span, Name, Vec<AlterFact>)>,
    views: BTreeMap<String, (View, Vec<Name>)>,
    roles: BTreeMap<String, Role>,
    schemas: BTreeSet<String>,
    grants: Vec<Grant>,
    diagnostics: Vec<Diagnostic>,
    stats: ParseStats,
}

impl<'a> SchemaReader<'a> {
    fn new(text: &'a str, dialect: Dialect) -> Self {
        SchemaReader {
            text,
            dialect,
            lines: LineIndex::new(text),
            tables: BTreeMap::new(),
            alters: Vec::new(),
            views: BTreeMap::new(),
            roles: BTreeMap::new(),
            schemas: BTreeSet::new(),
            grants: Vec::new(),
            diagnostics: Vec::new(),
            stats: ParseStats::default(),
        }
    }

    fn span(&self, offset: usize) -> Span {
        self.lines.span(Pane::Schema, self.text, offset)
    }

    /// Reads one statement: skipped unless its leading keywords name something Seams reads,
    /// then read by tokens. A structural problem with facts still read is a warning (and the
    /// table is marked `recovered`); a statement too broken to yield its facts is an error.
    fn statement(&mut self, piece: split::Piece) {
        let Some(statement) = self.text.get(piece.start..piece.end) else {
            return;
        };
        self.stats.statements += 1;
        let kind = ddl::classify(statement, self.dialect);
        if kind == Kind::Skip {
            self.stats.skipped += 1;
            if let Some((word, offset)) = ddl::unknown_start(statement, self.dialect) {
                let upper = word.to_ascii_uppercase();
                let hint = did_you_mean(&upper, ddl::statement_words())
                    .map(|w| format!("; did you mean {w}?"))
                    .unwrap_or_default();
                self.diagnostics.push(Diagnostic::warning(
                    self.span(piece.start + offset),
                    format!("`{word}` does not start an SQL statement, so it was skipped{hint}"),
                ));
            }
            return;
        }
        let start = self.span(piece.start);
        let (facts, problem) = {
            let span_of = |relative: usize| {
                self.lines
                    .span(Pane::Schema, self.text, piece.start + relative)
            };
            let reader = DdlReader::new(statement, self.dialect, &span_of);
            reader.read(kind)
        };
        let problem = problem.map(|p| (p.message, self.span(piece.start + p.offset)));
        match (facts, problem) {
            (Some(Facts::Alter(_, list)), None) if list.is_empty() => {
                // An ALTER whose ADD carries no key or column (T-SQL `ADD … DEFAULT … FOR`).
                self.stats.skipped += 1;
            }
            (Some(facts), None) => {
                self.stats.parsed += 1;
                self.apply(facts, start, false);
            }
            (Some(facts), Some((message, at))) if !matches!(facts, Facts::Nothing) => {
                let what = match &facts {
                    Facts::Table(t) => format!("table {}", t.name.table_id()),
                    Facts::View(name, _) => format!("view {}", name.view_id()),
                    Facts::Alter(name, _) => format!("ALTER TABLE {}", name.table_id()),
                    Facts::Schema(name) => format!("schema {name}"),
                    _ => String::from("statement"),
                };
                self.diagnostics.push(Diagnostic::warning(
                    at,
                    format!("{message} (the rest of {what} was read)"),
                ));
                self.stats.recovered += 1;
                self.apply(facts, start, true);
            }
            (_, problem) => {
                let (message, at) = problem
                    .unwrap_or_else(|| (String::from("it names nothing Seams can read"), start));
                self.diagnostics.push(Diagnostic::error(
                    at,
                    format!("could not read statement: {message}"),
                ));
                self.stats.failed += 1;
            }
        }
    }

    fn apply(&mut self, facts: Facts, span: Span, recovered: bool) {
        match facts {
            Facts::Nothing => {}
            Facts::Table(table) => self.add_table(table, span, recovered),
            Facts::Alter(name, list) => self.alters.push((span, name, list)),
            Facts::View(name, reads) => {
                let id = name.view_id();
                let view = View {
                    id: id.clone(),
                    schema: name.schema,
                    name: name.name,
                    reads: Vec::new(),
                    span,
                };
                self.views.insert(id, (view, reads));
            }
            Facts::Roles(names) => {
                for name in names {
                    self.roles
                        .entry(name.clone())
                        .or_insert(Role { name, span });
                }
            }
            Facts::Schema(name) => {
                self.schemas.insert(name);
            }
            Facts::Grant(grant) => {
                let objects: Vec<String> = match grant.target {
                    GrantTarget::Relations(names) => names
                        .iter()
                        .map(|n| {
                            let view = n.view_id();
                            if self.views.contains_key(&view) {
                                view
                            } else {
                                n.table_id()
                            }
                        })
                        .collect(),
                    GrantTarget::AllTablesIn(schemas) => {
                        let ids: Vec<String> = self
                            .tables
                            .values()
                            .filter(|t| t.schema.as_ref().is_some_and(|s| schemas.contains(s)))
                            .map(|t| t.id.clone())
                            .collect();
                        if ids.is_empty() {
                            self.diagnostics.push(Diagnostic::info(
                                span,
                                "GRANT on all tables in a schema with no tables declared yet; skipped",
                            ));
                        }
                        ids
                    }
                };
                for object in objects {
                    for grantee in &grant.grantees {
                        self.grants.push(Grant {
                            revoke: grant.revoke,
                            privileges: grant.privileges.clone(),
                            object: object.clone(),
                            grantee: grantee.clone(),
                            span,
                        });
                    }
                }
            }
        }
    }

    fn add_table(&mut self, table: TableFacts, span: Span, recovered: bool) {
        let id = table.name.table_id();
        if self.tables.contains_key(&id) {
            self.diagnostics.push(Diagnostic::info(
                span,
                format!("{id} is declared again; the later declaration is used"),
            ));
        }
        self.tables.insert(
            id.clone(),
            Table {
                id,
                schema: table.name.schema,
                name: table.name.name,
                columns: table.columns,
                primary_key: table.primary_key,
                foreign_keys: table.foreign_keys,
                span,
                recovered,
                partition_of: table.partition_of.map(|parent| parent.table_id()),
            },
        );
    }

    fn finish(mut self, dialect_reason: String) -> ParsedSchema {
        let mut attached: Vec<(Span, String, String)> = Vec::new();
        for (span, name, list) in std::mem::take(&mut self.alters) {
            let id = name.table_id();
            let Some(table) = self.tables.get_mut(&id) else {
                self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!("ALTER TABLE on {id}, which is not declared"),
                ));
                continue;
            };
            for fact in list {
                match fact {
                    AlterFact::PrimaryKey(columns) => {
                        for column in &mut table.columns {
                            if columns.contains(&column.name) {
                                column.nullable = false;
                            }
                        }
                        table.primary_key = columns;
                    }
                    AlterFact::ForeignKey(fk) => table.foreign_keys.push(fk),
                    AlterFact::AddColumn(column) => table.columns.push(column),
                    AlterFact::AttachPartition(child) => {
                        attached.push((span, child.table_id(), id.clone()));
                    }
                }
            }
        }
        for (span, child, parent) in attached {
            match self.tables.get_mut(&child) {
                Some(table) => table.partition_of = Some(parent),
                None => self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!("ATTACH PARTITION {child} to {parent}, which is not declared"),
                )),
            }
        }
        let view_ids: BTreeSet<String> = self.views.keys().cloned().collect();
        let views = std::mem::take(&mut self.views)
            .into_values()
            .map(|(mut view, reads)| {
                let mut ids: Vec<String> = reads
                    .iter()
                    .map(|n| {
                        let view_id = n.view_id();
                        if view_ids.contains(&view_id) {
                            view_id
                        } else {
                            n.table_id()
                        }
                    })
                    .collect();
                ids.sort();
                ids.dedup();
                view.reads = ids;
                view
            })
            .collect();
        let mut schemas = self.schemas;
        schemas.extend(self.tables.values().filter_map(|t| t.schema.clone()));
        ParsedSchema {
            dialect: self.dialect,
            dialect_reason,
            schemas: schemas.into_iter().collect(),
            tables: self.tables.into_values().collect(),
            views,
            roles: self.roles.into_values().collect(),
            grants: self.grants,
            diagnostics: self.diagnostics,
            stats: self.stats,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `sql` as PostgreSQL and checks each table's parent (`table -> parent`, sorted by
    /// table) and the diagnostics' messages.
    fn check(sql: &str, links: &[&str], diagnostics: &[&str]) {
        let schema = parse_schema(sql, Some(Dialect::Postgres));
        let got: Vec<String> = schema
            .tables
            .iter()
            .map(|t| match &t.partition_of {
                Some(parent) => format!("{} -> {parent}", t.id),
                None => t.id.clone(),
            })
            .collect();
        assert_eq!(got, links);
        let messages: Vec<&str> = schema
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, diagnostics);
    }

    #[test]
    fn partitions_link_to_their_parent_in_both_forms() {
        check(
            "CREATE TABLE public.payment (id int, paid timestamptz) PARTITION BY RANGE (paid);\n\
             CREATE TABLE public.payment_p1 (id int, paid timestamptz);\n\
             CREATE TABLE \"Payment_P2\" (id int, paid timestamptz);\n\
             CREATE TABLE payment_p3 PARTITION OF payment FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\n\
             CREATE TABLE other.p4 PARTITION OF \"public\".payment DEFAULT;\n\
             ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p1 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');\n\
             ALTER TABLE payment ATTACH PARTITION \"Payment_P2\" FOR VALUES IN ('x', 'y');\n\
             ALTER TABLE payment ATTACH PARTITION missing DEFAULT;\n\
             ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p1_pkey;\n",
            &[
                "table:other.p4 -> table:public.payment",
                "table:public.Payment_P2 -> table:public.payment",
                "table:public.payment",
                "table:public.payment_p1 -> table:public.payment",
                "table:public.payment_p3 -> table:public.payment",
            ],
            &["ATTACH PARTITION table:public.missing to table:public.payment, which is not declared"],
        );
    }

    #[test]
    fn attach_partition_is_read_whatever_its_bounds_say() {
        let schema = parse_schema(
            "CREATE TABLE p (x int);\nCREATE TABLE c (x int);\n\
             ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (1 +) TO (2);\n",
            Some(Dialect::Postgres),
        );
        let child = schema.tables.iter().find(|t| t.id == "table:public.c");
        assert_eq!(
            child.and_then(|t| t.partition_of.as_deref()),
            Some("table:public.p")
        );
        assert_eq!(schema.stats.parsed, 3);
        assert!(schema.diagnostics.is_empty());
    }
}
