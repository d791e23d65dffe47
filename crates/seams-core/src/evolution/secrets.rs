//! What the artifacts may copy out of an owner's table: every column but the sensitive ones
//! (`model::sensitivity`: marked `sensitive:` in the services file, or named like a secret).
//! Read models (stage 4), event payloads (AsyncAPI) and API schemas (OpenAPI) take their
//! columns from here, and each says what it left out and why.

use crate::model::sensitivity::sensitivity;
use crate::model::{Architecture, Column, Table};

/// A table's columns split into those an artifact may copy and those it must leave out.
pub(crate) struct Shared<'a> {
    /// The columns that may be copied, in table order.
    pub columns: Vec<&'a Column>,
    /// `(column name, why)` of the columns left out, in table order.
    pub left_out: Vec<(&'a str, String)>,
}

impl Shared<'_> {
    /// What was left out and why, as one sentence (`Left out: ssn (marked sensitive in the
    /// services file).`), or None when nothing was.
    pub fn note(&self) -> Option<String> {
        if self.left_out.is_empty() {
            return None;
        }
        let items: Vec<String> = self
            .left_out
            .iter()
            .map(|(name, why)| format!("{name} ({why})"))
            .collect();
        Some(format!(
            "Left out, never copied out of its owner's table: {}.",
            items.join("; ")
        ))
    }
}

/// The columns of `table` (a table of `arch`) an artifact may copy, and those it leaves out.
pub(crate) fn shared<'a>(arch: &Architecture, table: &'a Table) -> Shared<'a> {
    let mut split = Shared {
        columns: Vec::new(),
        left_out: Vec::new(),
    };
    for column in &table.columns {
        match sensitivity(arch, &table.id, &column.name) {
            Some(why) => split.left_out.push((column.name.as_str(), why.reason())),
            None => split.columns.push(column),
        }
    }
    split
}
