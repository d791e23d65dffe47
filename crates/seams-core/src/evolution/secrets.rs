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
    /// What was left out and why, as one sentence (`Left out, never copied out of its owner's
    /// table: 2 columns whose names say they hold secrets.`), or None when nothing was. The
    /// columns are counted, not named: an artifact that must not hold a secret column should
    /// not spell its name either (the stage's narrative names them).
    pub fn note(&self) -> Option<String> {
        if self.left_out.is_empty() {
            return None;
        }
        let declared = self
            .left_out
            .iter()
            .filter(|(_, why)| why.starts_with("marked"))
            .count();
        let named = self.left_out.len() - declared;
        let mut parts = Vec::new();
        if named > 0 {
            parts.push(format!(
                "{named} {} whose {} {} {} secrets",
                if named == 1 { "column" } else { "columns" },
                if named == 1 { "name" } else { "names" },
                if named == 1 { "says" } else { "say" },
                if named == 1 { "it holds" } else { "they hold" },
            ));
        }
        if declared > 0 {
            parts.push(format!(
                "{declared} {} marked sensitive in the services file",
                if declared == 1 { "column" } else { "columns" },
            ));
        }
        Some(format!(
            "Left out, never copied out of its owner's table: {}.",
            parts.join(" and ")
        ))
    }

    /// The columns left out, with why, for the stage's narrative (`passhash (its name says it
    /// holds a password hash)`).
    pub fn named(&self) -> Vec<String> {
        self.left_out
            .iter()
            .map(|(name, why)| format!("{name} ({why})"))
            .collect()
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
