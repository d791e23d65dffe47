//! `shared-write`: a table written by two or more services (shared persistence, Taibi and
//! Lenarduzzi 2018). One finding per table, naming every writer. Linear in writes. Writers of
//! one `part_of` group (an API and its worker) are one owner: alone, they share nothing.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut writers: BTreeMap<&str, Vec<(&str, crate::source::Span)>> = BTreeMap::new();
    for service in &context.architecture.services {
        for access in &service.writes {
            writers
                .entry(access.table.as_str())
                .or_default()
                .push((service.id.as_str(), access.span));
        }
    }
    let arch = context.architecture;
    writers
        .into_iter()
        // Deployables of one `part_of` group writing one table share nothing between owners.
        .filter(|(_, list)| {
            list.iter()
                .any(|(s, _)| list.first().is_some_and(|(f, _)| !arch.same_unit(f, s)))
        })
        .map(|(table, list)| {
            let verb = if list.len() == 2 { "both" } else { "all" };
            let message = format!(
                "{} {verb} write {}",
                join_and(list.iter().map(|(s, _)| name(s))),
                name(table)
            );
            let table_span = context.architecture.table(table).map(|t| t.span);
            Finding::new(
                Rule::SharedWrite,
                Severity::Error,
                message,
                list.iter()
                    .map(|(s, _)| s.to_string())
                    .chain(std::iter::once(table.to_string())),
                list.iter().map(|(_, span)| *span).chain(table_span),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    #[test]
    fn fires_for_two_or_more_writers() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .service("c")
            .writes("a", "users")
            .writes("b", "users")
            .writes("a", "orders")
            .writes("b", "orders")
            .writes("c", "orders")
            .build();
        check_rule(
            arch,
            Rule::SharedWrite,
            &["a and b both write users", "a, b and c all write orders"],
        );
    }

    #[test]
    fn silent_for_a_sole_writer_with_readers() {
        let arch = Arch::new()
            .table("users")
            .service("a")
            .service("b")
            .writes("a", "users")
            .reads("b", "users")
            .reads("a", "users")
            .build();
        check_rule(arch, Rule::SharedWrite, &[]);
    }
}
