//! Seams core: how services are coupled through their data, and how to cut them apart.
//!
//! The pipeline, one module per phase, data flowing one way:
//! text → [`sql`], [`services`], [`orm`] (facts with source spans and diagnostics)
//! → [`architecture`] (one typed [`Architecture`] model with stable string ids)
//! → [`graph`] (petgraph view) → findings and score → evolution stages → [`fold`] (clusters for
//! large databases) → layout → scene → SVG.
//!
//! Architecture invariant: this crate knows nothing about browsers. No clock, no storage, no DOM;
//! it is compiled natively for tests and the CLI and to wasm32 for the page.

pub mod architecture;
pub mod diagnostic;
pub mod evolution;
pub mod examples;
pub mod findings;
pub mod fold;
pub mod graph;
pub mod highlight;
pub mod ident;
pub mod layout;
pub mod mermaid;
pub mod metrics;
pub mod orm;
pub mod ownership;
pub mod pipeline;
pub mod report;
pub mod scene;
pub mod score;
pub mod services;
pub mod share;
pub mod source;
pub mod sql;
pub mod svg;

pub use architecture::{ingest, Architecture, Inputs};
pub use diagnostic::{Diagnostic, Severity};
pub use source::{Pane, Span};
pub use sql::Dialect;
