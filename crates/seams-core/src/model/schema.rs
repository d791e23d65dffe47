//! The schema's facts: dialect, tables with their columns and foreign keys, views, roles, grants,
//! and the counts of what happened to the statements. [`crate::sql`] produces them from DDL text;
//! ids follow [`crate::ident`] (`docs/model.md`).

use crate::source::Span;
use serde::{Deserialize, Serialize};

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

    /// Whether the dialect compares table names ignoring case: MySQL and SQLite by default
    /// (quoting does not change that), SQL Server under its default collation. PostgreSQL (and
    /// generic SQL, read the same way) compares the folded names exactly: `"Users"` is not
    /// `users`.
    pub fn ignores_case(self) -> bool {
        matches!(self, Dialect::MySql | Dialect::Sqlite | Dialect::MsSql)
    }

    /// The key two normalised names (or ids made of them) are compared by: lower case where the
    /// dialect ignores case, as they are otherwise. Ids keep the spelling of the declaration;
    /// only lookups go through the key.
    pub fn name_key(self, normalised: &str) -> String {
        if self.ignores_case() {
            normalised.to_ascii_lowercase()
        } else {
            normalised.to_string()
        }
    }

    /// How the dialect reads the case of a name, for messages.
    pub fn case_rule(self) -> &'static str {
        match self {
            Dialect::Postgres | Dialect::Generic => {
                "unquoted names fold to lower case and quoted ones keep their case"
            }
            Dialect::MySql | Dialect::Sqlite => "table names compare ignoring case, quoted or not",
            Dialect::MsSql => "names compare ignoring case (the default collation)",
        }
    }

    /// Normalises one identifier part the way the dialect does: unquoted names fold (PostgreSQL
    /// folds to lower case; the others compare case-insensitively, so Seams folds them too),
    /// quoted names are kept as written.
    pub fn normalise(self, part: &str, quoted: bool) -> String {
        if quoted {
            part.to_string()
        } else {
            part.to_ascii_lowercase()
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
    /// The writes the schema itself forbids on this table (`CREATE RULE … DO INSTEAD NOTHING`,
    /// a trigger that always raises), in the order they were declared: no grant gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbids: Vec<ForbiddenWrite>,
}

impl Table {
    /// What forbids `privilege` on this table, if anything does.
    pub fn forbidding(&self, privilege: Privilege) -> Option<&ForbiddenWrite> {
        self.forbids.iter().find(|f| f.privilege == privilege)
    }
}

/// What kind of statement forbids a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteGuard {
    /// A PostgreSQL rule (`CREATE RULE … DO INSTEAD NOTHING`).
    Rule,
    /// A trigger whose body always raises an error.
    Trigger,
}

impl WriteGuard {
    /// `rule` or `trigger`, for messages and comments.
    pub fn as_str(self) -> &'static str {
        match self {
            WriteGuard::Rule => "rule",
            WriteGuard::Trigger => "trigger",
        }
    }
}

/// One write a table refuses, and the statement that makes it refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForbiddenWrite {
    /// The write forbidden: INSERT, UPDATE or DELETE.
    pub privilege: Privilege,
    /// A rule or a trigger.
    pub guard: WriteGuard,
    /// The rule's or trigger's name.
    pub by: String,
    /// Where the rule or trigger was declared.
    pub span: Span,
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

impl Privilege {
    /// The SQL keyword (`SELECT`, `UPDATE`, `ALL PRIVILEGES`…).
    pub fn keyword(self) -> &'static str {
        match self {
            Privilege::Select => "SELECT",
            Privilege::Insert => "INSERT",
            Privilege::Update => "UPDATE",
            Privilege::Delete => "DELETE",
            Privilege::Truncate => "TRUNCATE",
            Privilege::References => "REFERENCES",
            Privilege::Trigger => "TRIGGER",
            Privilege::All => "ALL PRIVILEGES",
        }
    }
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
    /// Carry no coupling fact (SET, sequences, indexes, comments, functions…) and were skipped;
    /// also the rules and triggers Seams cannot judge (each has an info diagnostic saying why).
    pub skipped: usize,
    /// Could not be read at all (each has an error diagnostic).
    pub failed: usize,
}
