//! ORM models: SQLAlchemy, Django and JPA model sources split into files by header comments
//! (`# app_a/models/user.py`); the first path segment names the service.
//!
//! Start at [`parse_models`]. The pane is cut into files ([`split`]), each file is tokenized by a
//! small tolerant lexer and read by the reader of its language ([`python`] for SQLAlchemy and
//! Django, [`java`] for JPA), and finally references to model classes (`relationship("Order")`,
//! `ForeignKey(User)`, `@ManyToOne User user`) are resolved to table names across the pane.
//!
//! Why no real parser: the maintained Python parsers (ruff's, rustpython-parser) are large and
//! reject half-written code outright, and tree-sitter needs a C toolchain for
//! wasm32-unknown-unknown. Model declarations are a narrow, regular subset of each language
//! (class headers, `name = Call(args)` lines, annotations on fields), so a lexer that knows
//! strings, comments and brackets plus a small argument reader covers them and degrades line by
//! line on broken input.

pub mod compare;
mod expr;
mod java;
mod lexer;
mod python;
pub mod split;

use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// Everything read from the Models pane.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedModels {
    /// Models in input order.
    pub models: Vec<Model>,
    /// Diagnostics for what was skipped.
    pub diagnostics: Vec<Diagnostic>,
}

/// A reference to a model class, resolved to its table once the whole pane has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassRef {
    /// The class name as written, without module prefix (`Order`).
    pub class: String,
    /// The table name to use when no class of that name is in the pane.
    pub fallback: String,
}

/// A model as a reader produced it, with its class references still unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawModel {
    /// The model; `foreign_key` of referenced columns and `relationships` are filled later.
    pub model: Model,
    /// Columns whose foreign key names a class: (index into `model.columns`, the class).
    pub column_refs: Vec<(usize, ClassRef)>,
    /// Classes named by relationships, in declaration order.
    pub relationship_refs: Vec<ClassRef>,
}

/// What the readers write into.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Models in input order.
    pub models: Vec<RawModel>,
    /// Diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the Models pane. Never fails: what cannot be read becomes a diagnostic.
pub fn parse_models(text: &str) -> ParsedModels {
    let index = LineIndex::new(text);
    let mut output = Output::default();
    let files = split::split_files(text, &index, &mut output.diagnostics);
    for file in &files {
        match file.language {
            split::Language::Python => python::read(text, &index, file, &mut output),
            split::Language::Java => java::read(text, &index, file, &mut output),
            split::Language::Unknown => {}
        }
    }
    let mut diagnostics = output.diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    ParsedModels {
        models: resolve_class_refs(output.models),
        diagnostics,
    }
}

/// Turns class references into table names: a class of the same service first, else the one
/// class of that name in the pane, else the reference's fallback.
fn resolve_class_refs(raw: Vec<RawModel>) -> Vec<Model> {
    let mut by_service: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut by_class: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &raw {
        let class = r.model.class_name.clone();
        by_service
            .entry((r.model.service.clone(), class.clone()))
            .or_insert_with(|| r.model.table.clone());
        by_class
            .entry(class)
            .or_default()
            .insert(r.model.table.clone());
    }
    let resolve = |service: &str, reference: &ClassRef| -> String {
        if let Some(table) = by_service.get(&(service.to_string(), reference.class.clone())) {
            return table.clone();
        }
        match by_class.get(&reference.class) {
            Some(tables) if tables.len() == 1 => tables.iter().next().cloned().unwrap_or_default(),
            _ => reference.fallback.clone(),
        }
    };
    raw.into_iter()
        .map(|r| {
            let mut model = r.model;
            for (column, reference) in &r.column_refs {
                let table = resolve(&model.service, reference);
                if let Some(column) = model.columns.get_mut(*column) {
                    column.foreign_key = Some(table);
                }
            }
            for reference in &r.relationship_refs {
                let table = resolve(&model.service, reference);
                if !model.relationships.contains(&table) {
                    model.relationships.push(table);
                }
            }
            model
        })
        .collect()
}
