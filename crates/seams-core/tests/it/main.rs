//! The one integration-test binary of seams-core: modules by area, all through public API.

#[path = "../support/corpus.rs"]
#[macro_use]
mod support;

mod bad_input;
mod corpus;
mod snapshots;
mod statements;
mod tidy;
