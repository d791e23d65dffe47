//! ORM models as the Models pane declares them: one class (or Core `Table`) per table, with its
//! columns as the ORM sees them. [`crate::orm`] reads them; [`crate::ingest`](mod@crate::ingest) resolves each to a
//! service and a table ([`super::ModelLink`]).

use crate::source::Span;
use serde::{Deserialize, Serialize};

/// The ORM framework a model was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    /// SQLAlchemy (declarative, 2.0 `Mapped`, or Core `Table(...)`).
    SqlAlchemy,
    /// Django `models.Model`.
    Django,
    /// JPA / Hibernate `@Entity`.
    Jpa,
    /// Spring Data MongoDB `@Document`: the model of a collection in a document store.
    SpringDataMongo,
    /// Entity Framework Core (C#).
    EntityFramework,
    /// Prisma `model` blocks.
    Prisma,
    /// TypeORM `@Entity` classes (TypeScript).
    TypeOrm,
    /// GORM structs (Go).
    Gorm,
}

impl Framework {
    /// Whether the model describes a collection of a document store rather than a table.
    pub fn document_store(self) -> bool {
        matches!(self, Framework::SpringDataMongo)
    }
}

/// A column of a model as the ORM declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelColumn {
    /// Column name in the database (after `name=`/`db_column`/`@Column(name=…)`), as written.
    pub name: String,
    /// The ORM type as written (`String`, `Integer`, `CharField`, `Long`…).
    pub orm_type: String,
    /// Nullability if the model states or implies it.
    pub nullable: Option<bool>,
    /// Whether it is (part of) the primary key.
    pub primary_key: bool,
    /// Referenced table name for a foreign key, as written.
    pub foreign_key: Option<String>,
    /// Where it was declared.
    pub span: Span,
}

/// One model class (or Core `Table`) mapped to one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Model {
    /// The service owning the file, as the path's first segment names it (`app_a`).
    pub service: String,
    /// The file path from the header comment.
    pub path: String,
    /// The class name (`User`), or the Core table variable.
    pub class_name: String,
    /// The mapped table name, as written.
    pub table: String,
    /// The framework.
    pub framework: Framework,
    /// Columns in declaration order.
    pub columns: Vec<ModelColumn>,
    /// Tables named by relationships (`relationship("Order")` resolved to a table where possible).
    pub relationships: Vec<String>,
    /// Where the class starts.
    pub span: Span,
}
