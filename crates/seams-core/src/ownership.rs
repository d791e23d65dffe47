//! Who owns each table: the declared owner (`ownership:` in the services file) wins, else the
//! sole writer is inferred; several writers make the owner ambiguous, and no writer leaves it
//! unowned. Pure functions of the [`Architecture`], used by the findings rules and the evolution.

use crate::architecture::Architecture;
use std::collections::{BTreeMap, BTreeSet};

/// The owner of one table, and how it is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// Declared in the services file (the service id).
    Declared(String),
    /// Inferred: the only service writing the table (the service id).
    Inferred(String),
    /// Several services write it and none is declared (candidate service ids, sorted).
    Ambiguous(Vec<String>),
    /// Nobody writes it and nobody is declared.
    None,
}

/// The owner of every table id of `arch.tables`: declared wins, else the sole writer, else
/// `Ambiguous(writers)` when several write it, else `None`.
pub fn owners(arch: &Architecture) -> BTreeMap<String, Owner> {
    let mut writers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for service in &arch.services {
        for access in &service.writes {
            writers
                .entry(access.table.as_str())
                .or_default()
                .insert(service.id.as_str());
        }
    }
    arch.tables
        .iter()
        .map(|table| {
            let owner = match arch.ownership.get(&table.id) {
                Some(declared) => Owner::Declared(declared.service.clone()),
                None => {
                    let candidates: Vec<String> = writers
                        .get(table.id.as_str())
                        .map(|set| set.iter().map(|s| s.to_string()).collect())
                        .unwrap_or_default();
                    match candidates.as_slice() {
                        [] => Owner::None,
                        [sole] => Owner::Inferred(sole.clone()),
                        _ => Owner::Ambiguous(candidates),
                    }
                }
            };
            (table.id.clone(), owner)
        })
        .collect()
}

/// The declared or inferred owner (service id) of `table`, or None when ambiguous or unowned.
pub fn owner_of(arch: &Architecture, table: &str) -> Option<String> {
    match owners(arch).remove(table)? {
        Owner::Declared(service) | Owner::Inferred(service) => Some(service),
        Owner::Ambiguous(_) | Owner::None => None,
    }
}
