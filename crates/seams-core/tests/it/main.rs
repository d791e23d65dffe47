//! The one integration-test binary of seams-core: modules by area, all through public API.

mod bad_input;
mod corpus;
mod statements;
mod tidy;
