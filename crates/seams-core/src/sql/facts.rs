//! The facts one statement contributes, before they are merged into a [`super::ParsedSchema`].
//! The token reader (`ddl`) produces them, and so does the sqlparser oracle the tests compare
//! it with (`extract`). Names here are already normalised for the dialect.

use super::name::Part;
use super::{Column, Dialect, ForeignKey, Privilege};
use crate::ident;
use crate::model::WriteGuard;

/// A normalised, schema-qualified relation name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name {
    /// The schema (the dialect's default when the DDL left it out), if any.
    pub schema: Option<String>,
    /// The relation's own name.
    pub name: String,
    /// The database (catalog) of a three-part name (`db.schema.table`), as written (unquoted).
    pub catalog: Option<String>,
}

impl Name {
    /// Builds a name from its written parts ([`super::name`]), normalising each and applying the
    /// dialect's default schema when unqualified. Catalog/database prefixes beyond the schema are
    /// dropped. None when there are no parts.
    pub fn from_parts(parts: impl IntoIterator<Item = Part>, dialect: Dialect) -> Option<Name> {
        let mut normalised: Vec<String> = parts
            .into_iter()
            .map(|part| part.normalised(dialect))
            .collect();
        let name = normalised.pop()?;
        if name.is_empty() {
            return None;
        }
        let schema = normalised
            .pop()
            .filter(|s| !s.is_empty())
            .or_else(|| dialect.default_schema().map(str::to_string));
        let catalog = normalised.pop().filter(|c| !c.is_empty());
        Some(Name {
            schema,
            name,
            catalog,
        })
    }

    /// The table id of this name.
    pub fn table_id(&self) -> String {
        ident::table_id(self.schema.as_deref(), &self.name)
    }

    /// The view id of this name.
    pub fn view_id(&self) -> String {
        ident::view_id(self.schema.as_deref(), &self.name)
    }
}

/// A table as one CREATE TABLE declares it.
#[derive(Debug, Clone)]
pub struct TableFacts {
    /// Its name.
    pub name: Name,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Primary-key columns.
    pub primary_key: Vec<String>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// The parent named by `PARTITION OF parent`, when the table is a partition.
    pub partition_of: Option<Name>,
}

/// One change an ALTER TABLE makes that Seams cares about.
#[derive(Debug, Clone)]
pub enum AlterFact {
    /// `ADD PRIMARY KEY (…)`.
    PrimaryKey(Vec<String>),
    /// `ADD FOREIGN KEY … REFERENCES …`.
    ForeignKey(ForeignKey),
    /// `ADD [COLUMN] …`.
    AddColumn(Column),
    /// `ATTACH PARTITION child …`: the named table becomes a partition of the altered one.
    AttachPartition(Name),
}

/// What one statement says.
#[derive(Debug, Clone)]
pub enum Facts {
    /// Nothing Seams uses.
    Nothing,
    /// A table.
    Table(TableFacts),
    /// Changes to an existing table.
    Alter(Name, Vec<AlterFact>),
    /// A view and the relations its query reads.
    View(Name, Vec<Name>),
    /// Created roles or users.
    Roles(Vec<String>),
    /// A created schema.
    Schema(String),
    /// A GRANT or REVOKE.
    Grant(GrantFacts),
    /// A rule or trigger on a table (`CREATE RULE`, `CREATE TRIGGER`).
    Guard(GuardFacts),
    /// A function or procedure and whether its body always raises an error (`RAISE EXCEPTION`
    /// outside any condition), for the triggers that run it.
    Function(Name, bool),
    /// A rule or trigger Seams could not read, and why: skipped, with a diagnostic.
    Unread(String),
}

/// A rule or trigger on a table, as one statement declares it.
#[derive(Debug, Clone)]
pub struct GuardFacts {
    /// A rule or a trigger.
    pub guard: WriteGuard,
    /// Its name.
    pub name: String,
    /// The table it is on.
    pub table: Name,
    /// The writes it fires on (INSERT, UPDATE, DELETE); empty for a rule on SELECT.
    pub events: Vec<Privilege>,
    /// What it does to them.
    pub effect: Effect,
}

/// What a rule or trigger does to the writes it fires on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Every one is refused or discarded (`DO INSTEAD NOTHING`, a body that always raises).
    Forbids,
    /// Some or all go through; why they are not all refused, for a note (None: say nothing,
    /// as for the usual trigger that fills a column).
    Allows(Option<String>),
    /// It runs this function, defined in another statement: whether it forbids is decided once
    /// the whole schema is read.
    Runs(Name),
}

/// What a GRANT or REVOKE is on.
#[derive(Debug, Clone)]
pub enum GrantTarget {
    /// Named tables or views.
    Relations(Vec<Name>),
    /// `ALL TABLES IN SCHEMA …`.
    AllTablesIn(Vec<String>),
}

/// A GRANT or REVOKE on tables.
#[derive(Debug, Clone)]
pub struct GrantFacts {
    /// True for REVOKE.
    pub revoke: bool,
    /// The table privileges.
    pub privileges: Vec<Privilege>,
    /// What they are on.
    pub target: GrantTarget,
    /// Normalised role names.
    pub grantees: Vec<String>,
}
