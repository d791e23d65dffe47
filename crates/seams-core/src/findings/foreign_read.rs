//! `foreign-read`: a service reads a table another service owns, or a table whose owner is not
//! settled (ambiguous or none) and so is not certainly its own (inappropriate service intimacy,
//! Taibi and Lenarduzzi 2018). One finding per (service, table). Views are not owned and not
//! judged here (see `cross-owner-view`).
//!
//! A write to such a table counts as access too, even without a declared read: writing another
//! service's table is at least as intimate as reading it, and the evolution's stage 2 turns
//! exactly that write into read-only access. Judging only reads would charge nothing for the
//! foreign write at stage 0 and a foreign read at stage 2, so the score would fall.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::order;
use crate::ownership::Owner;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for service in &context.architecture.services {
        // Reads first, then write-only accesses: one finding per table, sorted by table id.
        let mut accesses: Vec<(&crate::model::Access, bool)> = service
            .reads
            .iter()
            .map(|a| (a, true))
            .chain(
                service
                    .writes
                    .iter()
                    .filter(|w| !service.reads.iter().any(|r| r.table == w.table))
                    .map(|a| (a, false)),
            )
            .collect();
        order::sort_by(&mut accesses, |a, b| a.0.table.cmp(&b.0.table));
        for (access, reads) in accesses {
            let verb = if reads { "reads" } else { "writes" };
            let Some(table) = context.architecture.table(&access.table) else {
                continue;
            };
            // Its own table, or its `part_of` group's (an API's table read by its worker).
            if context.only_unit_may_own(&table.id, &service.id) {
                continue;
            }
            let owner = context.owner(&table.id);
            let message = match owner {
                Owner::Declared(_) | Owner::Inferred(_) => format!(
                    "{} {verb} {}, which {} owns",
                    name(&service.id),
                    name(&table.id),
                    owner.describe()
                ),
                Owner::Ambiguous(_) => format!(
                    "{} {verb} {}, whose owner is unsettled ({} write it)",
                    name(&service.id),
                    name(&table.id),
                    owner.describe().replace(" or ", " and ")
                ),
                Owner::None => format!(
                    "{} {verb} {}, which no service owns",
                    name(&service.id),
                    name(&table.id)
                ),
            };
            findings.push(Finding::new(
                Rule::ForeignRead,
                Severity::Warning,
                message,
                [service.id.clone(), table.id.clone()],
                [access.span, table.span],
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    #[test]
    fn fires_for_reads_of_owned_unsettled_and_unowned_tables() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .table("countries")
            .service("a")
            .service("b")
            .service("c")
            .writes("b", "users")
            .reads("a", "users")
            .writes("a", "orders")
            .writes("b", "orders")
            .reads("c", "orders")
            .reads("c", "countries")
            .build();
        check_rule(
            arch,
            Rule::ForeignRead,
            &[
                "a reads users, which b owns",
                "a writes orders, whose owner is unsettled (a and b write it)",
                "b writes orders, whose owner is unsettled (a and b write it)",
                "c reads countries, which no service owns",
                "c reads orders, whose owner is unsettled (a and b write it)",
            ],
        );
    }

    #[test]
    fn declared_owner_counts_over_writers() {
        let arch = Arch::new()
            .table("users")
            .service("a")
            .service("b")
            .writes("b", "users")
            .reads("b", "users")
            .owns("users", "a")
            .build();
        check_rule(arch, Rule::ForeignRead, &["b reads users, which a owns"]);
    }

    #[test]
    fn silent_when_a_service_reads_its_own_table() {
        let arch = Arch::new()
            .table("users")
            .table("prefs")
            .service("a")
            .service("b")
            .writes("a", "users")
            .reads("a", "users")
            .reads("b", "prefs")
            .owns("prefs", "b")
            .build();
        check_rule(arch, Rule::ForeignRead, &[]);
    }

    #[test]
    fn a_write_without_a_read_counts_as_access() {
        let arch = Arch::new()
            .table("users")
            .service("a")
            .service("b")
            .writes("b", "users")
            .owns("users", "a")
            .build();
        check_rule(arch, Rule::ForeignRead, &["b writes users, which a owns"]);
    }

    #[test]
    fn a_lone_service_owns_everything_it_could() {
        let arch = Arch::new()
            .table("users")
            .service("a")
            .reads("a", "users")
            .build();
        check_rule(arch, Rule::ForeignRead, &[]);
    }
}
