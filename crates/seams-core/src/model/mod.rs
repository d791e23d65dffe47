//! The model: one typed [`Architecture`] with every element keyed by a stable string id
//! (`docs/model.md`). The readers ([`crate::sql`], [`crate::services`], [`crate::orm`]) produce
//! these types, [`crate::ingest`](mod@crate::ingest) assembles them into an [`Architecture`], and every later phase
//! (graph, findings, evolution, layout, scene) reads them. The model knows no reader and no
//! later phase.

mod architecture;
mod orm;
mod schema;

pub use architecture::{
    Acceptance, Access, Api, Architecture, Call, Database, Library, ModelLink, Ownership,
    RelationKind, Service, StoreKind, Topic, TopicKind, TopicLink, DEFAULT_DATABASE,
};
pub use orm::{Framework, Model, ModelColumn};
pub use schema::{Column, Dialect, ForeignKey, Grant, ParseStats, Privilege, Role, Table, View};
