//! `no-owner`: a table no service is declared to own and none writes, so none can be inferred.
//! Reads never make an owner. Warning when some service reads the table, info when none touches
//! it. Silent when the services file describes no service (nothing could own anything), and for
//! partitions: a partition is part of its parent table, whose own finding speaks for it.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::Architecture;
use crate::ownership::Owner;
use std::collections::BTreeMap;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    if context.services.is_empty() {
        return Vec::new();
    }
    let architecture = context.architecture;
    let readers_of = readers(architecture);
    architecture
        .tables
        .iter()
        .filter(|t| t.partition_of.is_none() && *context.owner(&t.id) == Owner::None)
        .map(|table| {
            let readers: Vec<&crate::model::Service> = readers_of
                .get(table.id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|&index| architecture.services.get(index))
                .collect();
            let (severity, message) = if readers.is_empty() {
                (
                    Severity::Info,
                    format!(
                        "{} has no owner: no service writes it and none is declared",
                        name(&table.id)
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "{} has no owner: {} only read it and none is declared",
                        name(&table.id),
                        join_and(readers.iter().map(|s| name(&s.id)))
                    ),
                )
            };
            Finding::new(
                Rule::NoOwner,
                severity,
                message,
                readers
                    .iter()
                    .map(|s| s.id.clone())
                    .chain(std::iter::once(table.id.clone())),
                [table.span],
            )
        })
        .collect()
}

/// The positions of the services reading each table id, in the services' order, each once:
/// gathered once instead of scanning every service for every table.
fn readers(architecture: &Architecture) -> BTreeMap<&str, Vec<usize>> {
    let mut readers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, service) in architecture.services.iter().enumerate() {
        for access in &service.reads {
            crate::work::step(1);
            let list = readers.entry(access.table.as_str()).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }
    readers
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    #[test]
    fn fires_for_tables_nobody_writes_or_claims() {
        let arch = Arch::new()
            .table("countries")
            .table("audit")
            .service("a")
            .reads("a", "countries")
            .build();
        check_rule(
            arch,
            Rule::NoOwner,
            &[
                "audit has no owner: no service writes it and none is declared",
                "countries has no owner: a only read it and none is declared",
            ],
        );
    }

    #[test]
    fn silent_for_written_or_declared_tables_and_without_services() {
        let arch = Arch::new()
            .table("users")
            .table("countries")
            .service("a")
            .writes("a", "users")
            .owns("countries", "a")
            .build();
        check_rule(arch, Rule::NoOwner, &[]);
        check_rule(Arch::new().table("users").build(), Rule::NoOwner, &[]);
    }

    #[test]
    fn partitions_are_covered_by_their_parents_finding() {
        let arch = Arch::new()
            .table("payment")
            .table("payment_p1")
            .table("log")
            .table("log_p1")
            .service("a")
            .writes("a", "payment")
            .partition("payment_p1", "payment")
            .partition("log_p1", "log")
            .build();
        check_rule(
            arch,
            Rule::NoOwner,
            &["log has no owner: no service writes it and none is declared"],
        );
    }
}
