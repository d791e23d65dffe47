//! `ambiguous-owner`: several services write a table and none is declared its owner, so the
//! owner cannot be inferred. The candidates (the writers) are named.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::ownership::Owner;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    context
        .architecture
        .tables
        .iter()
        .filter_map(|table| match context.owner(&table.id) {
            Owner::Ambiguous(candidates) => Some(Finding::new(
                Rule::AmbiguousOwner,
                Severity::Warning,
                format!(
                    "{} has no declared owner and {} writers: {}",
                    name(&table.id),
                    candidates.len(),
                    candidates
                        .iter()
                        .map(|c| name(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                candidates
                    .iter()
                    .cloned()
                    .chain(std::iter::once(table.id.clone())),
                [table.span],
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    #[test]
    fn fires_for_several_writers_without_declaration() {
        let arch = Arch::new()
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "orders")
            .writes("b", "orders")
            .build();
        check_rule(
            arch,
            Rule::AmbiguousOwner,
            &["orders has no declared owner and 2 writers: a, b"],
        );
    }

    #[test]
    fn silent_when_declared() {
        let arch = Arch::new()
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "orders")
            .writes("b", "orders")
            .owns("orders", "b")
            .build();
        check_rule(arch, Rule::AmbiguousOwner, &[]);
    }
}
