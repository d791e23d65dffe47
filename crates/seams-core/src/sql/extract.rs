//! Test oracle: facts from sqlparser's AST, one parsed statement in, [`Facts`] out. Seams reads
//! DDL by tokens (`ddl`); the tests compare that reader with this one on the corpus, so a real
//! SQL parser checks the token reader wherever the parser accepts a statement.

use super::facts::{AlterFact, Facts, GrantFacts, GrantTarget, Name, TableFacts};
use super::{Column, Dialect, ForeignKey, Privilege};
use crate::order;
use crate::source::Span;
use sqlparser::ast::{
    Action, AlterTableOperation, ColumnDef, ColumnOption, CreateTable, Expr, ForeignKeyConstraint,
    GrantObjects, Grantee, GranteeName, GranteesType, Ident, IndexColumn, ObjectName, Privileges,
    Query, SchemaName, Statement, TableConstraint, TableFactor, Visit, Visitor,
};
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// Reads the facts of one parsed statement.
pub fn statement(statement: &Statement, dialect: Dialect, origin: Origin) -> Facts {
    let reader = Reader { dialect, origin };
    match statement {
        Statement::CreateTable(create) => reader.create_table(create),
        Statement::AlterTable(alter) => reader.alter_table(&alter.name, &alter.operations),
        Statement::CreateView(view) => match reader.name(&view.name) {
            Some(name) => Facts::View(name, reader.reads(&view.query)),
            None => Facts::Nothing,
        },
        Statement::CreateRole(role) => Facts::Roles(
            role.names
                .iter()
                .filter_map(|n| reader.name(n).map(|n| n.name))
                .collect(),
        ),
        Statement::CreateUser(user) => Facts::Roles(vec![reader.ident(&user.name)]),
        Statement::CreateSchema { schema_name, .. } => match schema_name {
            SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _) => reader
                .schema_name(name)
                .map_or(Facts::Nothing, Facts::Schema),
            SchemaName::UnnamedAuthorization(ident) => Facts::Schema(reader.ident(ident)),
        },
        Statement::Grant(grant) => reader.grant(
            false,
            &grant.privileges,
            grant.objects.as_ref(),
            &grant.grantees,
        ),
        Statement::Revoke(revoke) => reader.grant(
            true,
            &revoke.privileges,
            revoke.objects.as_ref(),
            &revoke.grantees,
        ),
        _ => Facts::Nothing,
    }
}

struct Reader {
    dialect: Dialect,
    origin: Origin,
}

impl Reader {
    fn ident(&self, ident: &Ident) -> String {
        self.dialect
            .normalise(&ident.value, ident.quote_style.is_some())
    }

    fn name(&self, name: &ObjectName) -> Option<Name> {
        Name::from_parts(
            name.0
                .iter()
                .filter_map(|p| p.as_ident())
                .map(|i| super::name::Part {
                    text: i.value.clone(),
                    quoted: i.quote_style.is_some(),
                }),
            self.dialect,
        )
    }

    fn schema_name(&self, name: &ObjectName) -> Option<String> {
        name.0
            .last()
            .and_then(|p| p.as_ident())
            .map(|i| self.ident(i))
    }

    fn index_column(&self, column: &IndexColumn) -> String {
        self.expr_column(&column.column.expr)
    }

    fn expr_column(&self, expr: &Expr) -> String {
        match expr {
            Expr::Identifier(ident) => self.ident(ident),
            Expr::CompoundIdentifier(parts) => {
                parts.last().map(|i| self.ident(i)).unwrap_or_default()
            }
            other => other.to_string(),
        }
    }

    fn foreign_key(
        &self,
        fk: &ForeignKeyConstraint,
        inline_column: Option<&Ident>,
    ) -> Option<ForeignKey> {
        let target = self.name(&fk.foreign_table)?;
        let columns: Vec<String> = match inline_column {
            Some(column) if fk.columns.is_empty() => vec![self.ident(column)],
            _ => fk.columns.iter().map(|c| self.ident(c)).collect(),
        };
        let anchor = fk
            .columns
            .first()
            .or(inline_column)
            .map(|i| i.span.start)
            .or_else(|| {
                fk.foreign_table
                    .0
                    .first()
                    .and_then(|p| p.as_ident())
                    .map(|i| i.span.start)
            });
        let span = anchor.map_or(self.origin.start, |l| self.origin.at(l.line, l.column));
        Some(ForeignKey {
            columns,
            references: target.table_id(),
            ref_columns: fk.referred_columns.iter().map(|c| self.ident(c)).collect(),
            span,
        })
    }

    /// A column, plus the primary key and foreign keys written inline on it.
    fn column(&self, def: &ColumnDef, pk: &mut Vec<String>, fks: &mut Vec<ForeignKey>) -> Column {
        let name = self.ident(&def.name);
        let mut column = Column {
            name: name.clone(),
            data_type: def.data_type.to_string(),
            nullable: true,
            default: None,
        };
        for option in &def.options {
            match &option.option {
                ColumnOption::NotNull => column.nullable = false,
                ColumnOption::Default(expr) => column.default = Some(expr.to_string()),
                ColumnOption::PrimaryKey(_) => {
                    column.nullable = false;
                    if !pk.contains(&name) {
                        pk.push(name.clone());
                    }
                }
                ColumnOption::ForeignKey(fk) => fks.extend(self.foreign_key(fk, Some(&def.name))),
                _ => {}
            }
        }
        column
    }

    fn create_table(&self, create: &CreateTable) -> Facts {
        let Some(name) = self.name(&create.name) else {
            return Facts::Nothing;
        };
        let mut primary_key = Vec::new();
        let mut foreign_keys = Vec::new();
        let mut columns: Vec<Column> = create
            .columns
            .iter()
            .map(|def| self.column(def, &mut primary_key, &mut foreign_keys))
            .collect();
        for constraint in &create.constraints {
            match constraint {
                TableConstraint::PrimaryKey(pk) => {
                    primary_key = pk.columns.iter().map(|c| self.index_column(c)).collect();
                }
                TableConstraint::ForeignKey(fk) => foreign_keys.extend(self.foreign_key(fk, None)),
                _ => {}
            }
        }
        for column in &mut columns {
            if primary_key.contains(&column.name) {
                column.nullable = false;
            }
        }
        Facts::Table(TableFacts {
            name,
            columns,
            primary_key,
            foreign_keys,
            partition_of: create.partition_of.as_ref().and_then(|p| self.name(p)),
        })
    }

    fn alter_table(&self, name: &ObjectName, operations: &[AlterTableOperation]) -> Facts {
        let Some(name) = self.name(name) else {
            return Facts::Nothing;
        };
        let mut facts = Vec::new();
        for operation in operations {
            match operation {
                AlterTableOperation::AddConstraint { constraint, .. } => match constraint {
                    TableConstraint::PrimaryKey(pk) => facts.push(AlterFact::PrimaryKey(
                        pk.columns.iter().map(|c| self.index_column(c)).collect(),
                    )),
                    TableConstraint::ForeignKey(fk) => {
                        facts.extend(self.foreign_key(fk, None).map(AlterFact::ForeignKey))
                    }
                    _ => {}
                },
                AlterTableOperation::AddColumn { column_def, .. } => {
                    let mut pk = Vec::new();
                    let mut fks = Vec::new();
                    facts.push(AlterFact::AddColumn(
                        self.column(column_def, &mut pk, &mut fks),
                    ));
                    if !pk.is_empty() {
                        facts.push(AlterFact::PrimaryKey(pk));
                    }
                    facts.extend(fks.into_iter().map(AlterFact::ForeignKey));
                }
                AlterTableOperation::AttachPartitionOf { partition, .. } => {
                    facts.extend(self.name(partition).map(AlterFact::AttachPartition));
                }
                _ => {}
            }
        }
        if facts.is_empty() {
            Facts::Nothing
        } else {
            Facts::Alter(name, facts)
        }
    }

    /// The relations a view's query reads, without its CTE names and table functions.
    fn reads(&self, query: &Query) -> Vec<Name> {
        let mut visitor = Relations::default();
        let _ = query.visit(&mut visitor);
        let mut names: Vec<Name> = visitor
            .relations
            .iter()
            .filter(|r| !visitor.functions.contains(&name_key(r)))
            .filter(|r| {
                !(r.0.len() == 1
                    && r.0
                        .first()
                        .and_then(|p| p.as_ident())
                        .is_some_and(|i| visitor.ctes.contains(&self.ident(i))))
            })
            .filter_map(|r| self.name(r))
            .collect();
        order::sort(&mut names);
        names.dedup();
        names
    }

    fn grant(
        &self,
        revoke: bool,
        privileges: &Privileges,
        objects: Option<&GrantObjects>,
        grantees: &[Grantee],
    ) -> Facts {
        let privileges: Vec<Privilege> = match privileges {
            Privileges::All { .. } => vec![Privilege::All],
            Privileges::Actions(actions) => actions.iter().filter_map(privilege).collect(),
        };
        let target = match objects {
            Some(GrantObjects::Tables(tables)) => {
                GrantTarget::Relations(tables.iter().filter_map(|t| self.name(t)).collect())
            }
            Some(GrantObjects::AllTablesInSchema { schemas }) => GrantTarget::AllTablesIn(
                schemas.iter().filter_map(|s| self.schema_name(s)).collect(),
            ),
            _ => return Facts::Nothing,
        };
        let grantees: Vec<String> = grantees
            .iter()
            .filter_map(|g| match (&g.name, &g.grantee_type) {
                (Some(GranteeName::ObjectName(name)), _) => self.schema_name(name),
                (Some(GranteeName::UserHost { user, .. }), _) => Some(self.ident(user)),
                (None, GranteesType::Public) => Some(String::from("public")),
                (None, _) => None,
            })
            .collect();
        if privileges.is_empty() || grantees.is_empty() {
            return Facts::Nothing;
        }
        Facts::Grant(GrantFacts {
            revoke,
            privileges,
            target,
            grantees,
        })
    }
}

fn privilege(action: &Action) -> Option<Privilege> {
    match action {
        Action::Select { .. } => Some(Privilege::Select),
        Action::Insert { .. } => Some(Privilege::Insert),
        Action::Update { .. } => Some(Privilege::Update),
        Action::Delete => Some(Privilege::Delete),
        Action::Truncate => Some(Privilege::Truncate),
        Action::References { .. } => Some(Privilege::References),
        Action::Trigger => Some(Privilege::Trigger),
        _ => None,
    }
}

/// An object name as comparable parts: each identifier's text and quote, `None` for a part
/// that is not an identifier. Sets hold these rather than `ObjectName`s because ordering an
/// `ObjectName` instantiates sqlparser's derived `Ord` over the whole AST (a name part may hold
/// function arguments, so expressions, queries and statements): about 77 KB of wasm.
type NameKey = Vec<Option<(String, Option<char>)>>;

fn name_key(name: &ObjectName) -> NameKey {
    name.0
        .iter()
        .map(|p| p.as_ident().map(|i| (i.value.clone(), i.quote_style)))
        .collect()
}

/// Collects relation names, CTE names and table-function names of a query.
#[derive(Default)]
struct Relations {
    relations: Vec<ObjectName>,
    functions: BTreeSet<NameKey>,
    ctes: BTreeSet<String>,
}

impl Visitor for Relations {
    type Break = ();

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                let ident = &cte.alias.name;
                // CTE names compare folded; quoted CTE names are rare enough to fold too.
                self.ctes.insert(ident.value.to_lowercase());
                self.ctes.insert(ident.value.clone());
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        self.relations.push(relation.clone());
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table {
            name,
            args: Some(_),
            ..
        } = factor
        {
            self.functions.insert(name_key(name));
        }
        ControlFlow::Continue(())
    }
}

/// Where a statement starts, to turn statement-relative positions into pane positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    /// The statement's start in the pane.
    pub start: Span,
}

impl Origin {
    /// The pane span of 1-based `line`:`column` relative to the statement (line 0 = unknown).
    pub fn at(&self, line: u64, column: u64) -> Span {
        if line == 0 {
            return self.start;
        }
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        let column32 = u32::try_from(column.max(1)).unwrap_or(u32::MAX);
        let mut span = self.start;
        if line32 == 1 {
            span.column = span.column.saturating_add(column32 - 1);
        } else {
            span.line = span.line.saturating_add(line32 - 1);
            span.column = column32;
        }
        span
    }
}
