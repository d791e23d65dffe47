//! The model: one typed [`Architecture`] with every element keyed by a stable string id
//! (`docs/model.md`). The readers ([`crate::sql`], [`crate::services`], [`crate::orm`]) produce
//! these types, [`crate::ingest`](mod@crate::ingest) assembles them into an [`Architecture`], and every later phase
//! (graph, findings, evolution, layout, scene) reads them. The model knows no reader and no
//! later phase.

mod architecture;
mod orm;
mod schema;
pub mod sensitivity;

pub use architecture::{
    Acceptance, Access, Api, Architecture, Call, Database, FilterKind, Library, ModelLink,
    Ownership, PartOf, QueryColumns, ReadShape, RelationKind, Service, ShapeAggregate, ShapeFilter,
    StoreKind, Topic, TopicKind, TopicLink, DEFAULT_DATABASE,
};
pub use orm::{Framework, Model, ModelColumn};
pub use schema::{
    Column, Dialect, ForbiddenWrite, ForeignKey, Grant, ParseStats, Privilege, Role, Table, View,
    WriteGuard,
};
pub use sensitivity::SensitiveColumn;
