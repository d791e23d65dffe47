//! `shared-database`: several services connect to one database instance (shared persistence at
//! the instance level). Instances are told apart by id, which includes the host: the same
//! database name on two hosts is two databases.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut by_database: BTreeMap<&str, Vec<&crate::model::Service>> = BTreeMap::new();
    for service in &context.architecture.services {
        by_database
            .entry(service.database.as_str())
            .or_default()
            .push(service);
    }
    by_database
        .into_iter()
        .filter(|(_, services)| services.len() >= 2)
        .map(|(database, services)| {
            Finding::new(
                Rule::SharedDatabase,
                Severity::Warning,
                format!(
                    "{} share the database {}",
                    join_and(services.iter().map(|s| name(&s.id))),
                    name(database)
                ),
                services
                    .iter()
                    .map(|s| s.id.clone())
                    .chain(std::iter::once(database.to_string())),
                services.iter().map(|s| s.span),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    fn on(mut arch: crate::Architecture, service: &str, database: &str) -> crate::Architecture {
        for s in &mut arch.services {
            if s.name == service {
                s.database = database.to_string();
            }
        }
        arch
    }

    #[test]
    fn fires_when_services_share_an_instance() {
        let arch = Arch::new().service("a").service("b").service("c").build();
        let arch = on(arch, "c", "db:other");
        check_rule(
            arch,
            Rule::SharedDatabase,
            &["a and b share the database main"],
        );
    }

    #[test]
    fn same_name_on_two_hosts_is_not_shared() {
        let arch = Arch::new().service("a").service("b").build();
        let arch = on(on(arch, "a", "db:h1/main"), "b", "db:h2/main");
        check_rule(arch, Rule::SharedDatabase, &[]);
    }
}
