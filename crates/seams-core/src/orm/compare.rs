//! Comparing models: the same table modelled by several services (duplicates) and models that
//! disagree with the DDL or with each other (drift). Pure functions of the [`Architecture`];
//! the findings rules `duplicated-model` and `model-drift` turn these facts into findings.

use crate::architecture::Architecture;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// One table modelled by two or more services.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Duplicate {
    /// The table id.
    pub table: String,
    /// The modelling services' ids, sorted.
    pub services: Vec<String>,
    /// Where each model class starts, in the order of `services`.
    pub spans: Vec<Span>,
}

/// How a model disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    /// The model lacks a column the other side has.
    MissingColumn,
    /// The model has a column the other side lacks.
    ExtraColumn,
    /// The column's type family differs (text, integer, decimal, boolean, time, binary, json…).
    TypeFamily,
    /// Nullability differs.
    Nullability,
    /// Primary-key membership differs.
    PrimaryKey,
}

/// What a model was compared against.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftAgainst {
    /// The table in the schema DDL.
    Ddl,
    /// Another service's model of the same table (its service id).
    Service(String),
}

/// One disagreement about one column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Drift {
    /// The table id.
    pub table: String,
    /// The service whose model drifts.
    pub service: String,
    /// The column name.
    pub column: String,
    /// How it drifts.
    pub kind: DriftKind,
    /// What it was compared with.
    pub against: DriftAgainst,
    /// A short phrase for people, e.g. "DDL says integer, model says String".
    pub detail: String,
    /// Both locations: the model's column (or class) and the DDL table or other model.
    pub spans: Vec<Span>,
}

/// Tables modelled by two or more services, sorted by table id.
pub fn duplicates(architecture: &Architecture) -> Vec<Duplicate> {
    let _ = architecture;
    Vec::new()
}

/// Every drift, each reported once, sorted.
pub fn drifts(architecture: &Architecture) -> Vec<Drift> {
    let _ = architecture;
    Vec::new()
}
