//! The one integration-test binary of seams-core: modules by area, all through public API.

// Test code: a panic is how a test fails (clippy.toml allows these in `#[test]` functions; the
// helpers they call are test code too).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../support/corpus.rs"]
#[macro_use]
mod support;

mod bad_input;
mod corpus;
mod endpoints;
mod guards;
mod legibility;
mod models;
mod names;
mod narrative;
mod part_of;
mod picture_budget;
mod run;
mod secrets;
mod signed;
mod snapshots;
mod statements;
mod stores;
mod tidy;
