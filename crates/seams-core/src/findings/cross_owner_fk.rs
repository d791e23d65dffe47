//! `cross-owner-fk`: a foreign key between tables whose owners differ, or may differ because one
//! side's owner is unsettled (ambiguous or none). Warning when both owners are certain, info
//! otherwise. A foreign key inside one owner's tables, and a self-reference, are silent.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::Table;
use std::sync::Arc;

/// The rule's findings on the foreign keys of `tables` (a part of the model's: the rule is
/// checked a part at a time, with pauses between, [`super::check_paced`]).
pub(crate) fn check(context: &Context<'_>, tables: &[Arc<Table>]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for table in tables {
        for fk in &table.foreign_keys {
            if fk.references == table.id || context.architecture.table(&fk.references).is_none() {
                continue;
            }
            if context.same_owner(&table.id, &fk.references) {
                continue;
            }
            let (from, to) = (context.owner(&table.id), context.owner(&fk.references));
            let severity = if from.certain().is_some() && to.certain().is_some() {
                Severity::Warning
            } else {
                Severity::Info
            };
            findings.push(Finding::new(
                Rule::CrossOwnerFk,
                severity,
                format!(
                    "{} (owner: {}) has a foreign key to {} (owner: {})",
                    name(&table.id),
                    from.describe(),
                    name(&fk.references),
                    to.describe()
                ),
                [table.id.clone(), fk.references.clone()],
                [fk.span],
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
    fn fires_across_owners_and_unsettled_owners() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .table("countries")
            .service("a")
            .service("b")
            .writes("b", "users")
            .writes("a", "orders")
            .fk("orders", "users")
            .fk("users", "countries")
            .build();
        check_rule(
            arch,
            Rule::CrossOwnerFk,
            &[
                "orders (owner: a) has a foreign key to users (owner: b)",
                "users (owner: b) has a foreign key to countries (owner: no service)",
            ],
        );
    }

    #[test]
    fn silent_inside_one_owners_tables() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "users")
            .writes("a", "orders")
            .fk("orders", "users")
            .fk("orders", "orders")
            .build();
        check_rule(arch, Rule::CrossOwnerFk, &[]);
    }
}
