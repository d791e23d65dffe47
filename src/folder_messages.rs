//! The messages between the page and the import worker ("Open folder"): plain JavaScript
//! objects whose keys are named here once, for both sides (`src/open_folder.rs` includes this
//! file as a module, `src/bin/import-worker.rs` too).
//!
//! - worker → page `{kind: "ready"}`: the worker's wasm is running and listens (a message sent
//!   before would be lost);
//! - page → worker `{paths: [..], files: [File, ..]}`: the files picked or dropped, each with its
//!   path inside the folder;
//! - worker → page `{kind: "progress", done, total}` while reading, then
//!   `{kind: "done", schema, services, models, summary, problems: [..]}`;
//! - start.js → page `{kind: "error", message}` when the worker stopped with an error.
//!
//! `public/start.js` starts the worker and answers its "ready" (`seamsFolder.read`).
#![allow(dead_code)]

/// The key naming a message's kind.
pub const KIND: &str = "kind";
/// The worker listens.
pub const READY: &str = "ready";
/// Files read so far.
pub const PROGRESS: &str = "progress";
/// The import's result.
pub const DONE: &str = "done";

/// The worker stopped with an error (from start.js).
pub const ERROR: &str = "error";
/// The error's words (with [`ERROR`]).
pub const MESSAGE: &str = "message";

/// The picked files' paths inside the folder (an array of strings).
pub const PATHS: &str = "paths";
/// The picked files (an array of `File`, in the order of [`PATHS`]).
pub const FILES: &str = "files";

/// Files read (with [`PROGRESS`]).
pub const READ: &str = "done";
/// Files to read (with [`PROGRESS`]).
pub const TOTAL: &str = "total";

/// The Schema pane's new text (with [`DONE`]).
pub const SCHEMA: &str = "schema";
/// The Services pane's new text: the derived services file.
pub const SERVICES: &str = "services";
/// The Models pane's new text.
pub const MODELS: &str = "models";
/// One paragraph: what was read and left out.
pub const SUMMARY: &str = "summary";
/// What could not be read (an array of strings, each naming its file and line).
pub const PROBLEMS: &str = "problems";
