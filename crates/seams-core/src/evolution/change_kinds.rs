//! Which changes a table's events announce (stage 4): the writes that can happen to it. A
//! table whose rules or triggers forbid updates and deletes, or whose every writer is known to
//! only insert (services' `queries` that are all `INSERT`s), announces `created` only; an
//! event for a change that never happens would be a topic nobody can publish to.

use super::naming;
use super::plan::Plan;
use crate::model::{Architecture, Privilege};

/// The changes a table's events announce, and why some are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeKinds {
    /// `created`, then `updated` and `deleted` where they can happen.
    pub changes: Vec<&'static str>,
    /// Why `updated` or `deleted` are left out, for the narrative (None when none is).
    pub why: Option<String>,
}

/// The changes of `table` (an id of `arch`, the architecture before stage 4): `created`
/// always (a read model is filled by it), `updated` and `deleted` unless the schema forbids
/// them or every write of the table is a query that only inserts.
pub fn of(arch: &Architecture, plan: &Plan, table: &str) -> ChangeKinds {
    let shown = naming::display_table(arch, table);
    let declared = arch.table(table);
    let mut changes = vec!["created"];
    let mut forbidding: Vec<String> = Vec::new();
    let mut forbidden: Vec<&str> = Vec::new();
    for (change, privilege, noun) in [
        ("updated", Privilege::Update, "updates"),
        ("deleted", Privilege::Delete, "deletes"),
    ] {
        match declared.and_then(|t| t.forbidding(privilege)) {
            Some(refused) => {
                let by = format!("{} {}", refused.guard.as_str(), refused.by);
                if !forbidding.contains(&by) {
                    forbidding.push(by);
                }
                forbidden.push(noun);
            }
            None => changes.push(change),
        }
    }
    if !forbidden.is_empty() {
        let verb = if forbidding.len() == 1 {
            "forbids"
        } else {
            "forbid"
        };
        return ChangeKinds {
            changes,
            why: Some(format!(
                "{} {verb} {} of {shown}",
                naming::list(&forbidding),
                forbidden.join(" and ")
            )),
        };
    }
    if inserts_only(arch, plan, table) {
        return ChangeKinds {
            changes: vec!["created"],
            why: Some(format!("every write of {shown} is an INSERT")),
        };
    }
    ChangeKinds { changes, why: None }
}

/// Whether every write of `table` is known to insert only: it has writers, each write comes
/// from queries that are all INSERTs, and no write of another service became a command whose
/// kind is unknown.
fn inserts_only(arch: &Architecture, plan: &Plan, table: &str) -> bool {
    if plan.foreign_writes.iter().any(|(_, t)| t == table) {
        return false;
    }
    let mut writes = arch
        .services
        .iter()
        .flat_map(|s| s.writes.iter().filter(|a| a.table == table))
        .peekable();
    writes.peek().is_some() && writes.all(|a| a.insert_only)
}

#[cfg(test)]
mod tests {
    use crate::evolution::evolve;
    use crate::evolution::test_builder::ArchBuilder;
    use crate::model::{Architecture, Dialect, Privilege};

    /// A ledger `writer` owns and `reader` reads, with `setup` applied.
    fn ledger(setup: impl Fn(ArchBuilder) -> ArchBuilder) -> Architecture {
        let builder = ArchBuilder::new(Dialect::Postgres)
            .table("entries", &[("id", "bigint"), ("amount", "int")], 1)
            .service("writer", "", &[], &["entries"])
            .service("reader", "", &["entries"], &[]);
        setup(builder).build()
    }

    /// The topics stage 4 publishes, and its narrative.
    fn events(arch: &Architecture) -> (Vec<String>, String) {
        let stages = evolve(arch);
        let four = stages.last().unwrap();
        let topics = four
            .architecture
            .topics
            .iter()
            .map(|t| t.name.clone())
            .collect();
        (topics, four.narrative.join("\n"))
    }

    #[test]
    fn a_table_that_forbids_updates_and_deletes_emits_created_only() {
        let arch = ledger(|b| {
            b.forbids("entries", Privilege::Update, "no_update", 7)
                .forbids("entries", Privilege::Delete, "no_delete", 8)
        });
        let (topics, narrative) = events(&arch);
        assert_eq!(topics, ["entry.created"]);
        assert!(
            narrative.contains("writer publishes entry.created only (rule no_update and rule no_delete forbid updates and deletes of entries)"),
            "{narrative}"
        );
        let stages = evolve(&arch);
        let asyncapi = &stages[4]
            .artifacts
            .iter()
            .find(|a| a.key == "asyncapi")
            .unwrap()
            .content;
        assert!(asyncapi.contains("entry.created") && !asyncapi.contains("entry.updated"));
        assert!(!asyncapi.contains("entry.deleted"), "{asyncapi}");
    }

    #[test]
    fn only_the_forbidden_changes_are_left_out() {
        let arch = ledger(|b| b.forbids("entries", Privilege::Delete, "keep", 3));
        let (topics, narrative) = events(&arch);
        assert_eq!(topics, ["entry.created", "entry.updated"]);
        assert!(
            narrative.contains("(rule keep forbids deletes of entries)"),
            "{narrative}"
        );
    }

    #[test]
    fn writers_that_only_insert_emit_created_only() {
        let arch = ledger(|b| b.inserts_only("writer", "entries"));
        let (topics, narrative) = events(&arch);
        assert_eq!(topics, ["entry.created"]);
        assert!(
            narrative.contains("entry.created only (every write of entries is an INSERT)"),
            "{narrative}"
        );
        // A declared write says nothing of its kind: every change stays.
        let (topics, _) = events(&ledger(|b| b));
        assert_eq!(topics, ["entry.created", "entry.deleted", "entry.updated"]);
    }
}
