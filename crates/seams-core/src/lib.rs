//! Seams core: how services are coupled through their data, and how to cut them apart.
//!
//! The pipeline, one module per phase, data flowing one way:
//! text → [`sql`], [`services`], [`orm`] (readers: facts with source spans and diagnostics, as
//! [`model`] types) → [`ingest`](mod@ingest) (names resolved across the panes into one typed
//! [`Architecture`] with stable string ids, `docs/model.md`) → [`graph`], [`ownership`] and
//! [`dependencies`] (views of the model) → [`findings`], [`score`], [`metrics`] → [`evolution`] stages → [`fold`]
//! (clusters for large databases) → [`layout`] → [`route`], [`scene`] → [`svg`], [`mermaid`]
//! ([`legibility`] measures what they drew). [`pipeline`]
//! runs the chain; [`report`], [`share`] and [`examples`] serve the page and the CLI.
//! Before the chain, [`repo`] reads a repository's files into a services file (and finds its
//! SQL).
//!
//! Architecture invariant: this crate knows nothing about browsers. No clock, no storage, no DOM;
//! it is compiled natively for tests and the CLI and to wasm32 for the page.

#[cfg(test)]
#[path = "../tests/support/corpus.rs"]
#[macro_use]
mod corpus_support;
#[cfg(test)]
mod corpus_tests;

pub mod arrange;
pub mod completion;
pub mod dependencies;
pub mod diagnostic;
pub mod evolution;
pub mod examples;
pub mod findings;
pub mod fold;
pub mod glob;
pub mod graph;
pub mod highlight;
pub mod ident;
pub mod ingest;
pub mod json_text;
pub mod layout;
pub mod legibility;
pub mod mermaid;
pub mod metrics;
pub mod model;
pub mod number;
pub mod order;
pub mod orm;
pub mod ownership;
pub mod pace;
pub mod pipeline;
pub mod repo;
pub mod report;
pub mod route;
pub mod scene;
pub mod score;
pub mod services;
pub mod share;
pub mod skeleton;
pub mod source;
pub mod sql;
pub mod svg;
pub mod text_window;
mod work;

pub use diagnostic::{Diagnostic, Severity};
pub use ingest::{ingest, Inputs};
pub use model::{Architecture, Dialect};
pub use source::{Location, Pane, Source, Sources, Span};
