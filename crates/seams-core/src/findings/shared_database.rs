//! `shared-database`: several services connect to one database instance (shared persistence at
//! the instance level). Only services that connect to the store count: a service that touches
//! no store has none, and the deployables of one `part_of` group (an API and its worker)
//! count as one service. Instances are told apart by id, which includes the host: the same
//! database name on two hosts is two databases, and two logical databases on one server (one
//! SQL Server with four databases, one Redis with `/0` and `/1`) are two databases too; the
//! message names the server as context.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use std::collections::BTreeMap;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let arch = context.architecture;
    let mut by_database: BTreeMap<&str, Vec<&crate::model::Service>> = BTreeMap::new();
    for service in &arch.services {
        for database in &service.databases {
            by_database.entry(database).or_default().push(service);
        }
    }
    by_database
        .into_iter()
        // The deployables of one `part_of` group share their database by design.
        .filter(|(_, services)| {
            services.iter().any(|s| {
                services
                    .first()
                    .is_some_and(|f| !arch.same_unit(&f.id, &s.id))
            })
        })
        .map(|(database, services)| {
            Finding::new(
                Rule::SharedDatabase,
                Severity::Warning,
                format!(
                    "{} share the database {}{}",
                    join_and(services.iter().map(|s| name(&s.id))),
                    arch.databases
                        .iter()
                        .find(|d| d.id == database)
                        .map_or_else(|| name(database).to_string(), |d| d.name.clone()),
                    server(arch, database)
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

/// ` (on server H, which also holds X and Y)`: the server a database with a host runs on, and
/// the other databases on it, which are not shared by this finding; empty without a host.
fn server(arch: &crate::model::Architecture, database: &str) -> String {
    let Some(host) = arch
        .databases
        .iter()
        .find(|d| d.id == database)
        .and_then(|d| d.host.as_deref())
    else {
        return String::new();
    };
    let others: Vec<&str> = arch
        .databases
        .iter()
        .filter(|d| d.id != database && d.host.as_deref() == Some(host))
        .map(|d| d.name.as_str())
        .collect();
    if others.is_empty() {
        format!(" (on server {host})")
    } else {
        format!(
            " (on server {host}, which also holds {})",
            join_and(others.into_iter().map(str::to_string))
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    fn on(mut arch: crate::Architecture, service: &str, database: &str) -> crate::Architecture {
        for s in &mut arch.services {
            if s.name == service {
                s.databases = vec![database.to_string()];
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
    fn only_services_that_connect_count() {
        let arch = Arch::new()
            .service("a")
            .service("b")
            .service("gateway")
            .build();
        let mut arch = on(arch, "a", "db:orders");
        for s in &mut arch.services {
            if s.name == "gateway" {
                s.databases.clear();
            }
        }
        check_rule(arch, Rule::SharedDatabase, &[]);
    }

    #[test]
    fn two_databases_on_one_server_are_not_shared_and_the_server_is_named() {
        use crate::model::Database;
        let arch = Arch::new().service("a").service("b").service("c").build();
        let mut arch = on(
            on(on(arch, "a", "db:sql1/orders"), "b", "db:sql1/orders"),
            "c",
            "db:sql1/billing",
        );
        arch.databases = ["orders", "billing"]
            .into_iter()
            .map(|name| {
                Database::named(
                    format!("db:sql1/{name}"),
                    name.to_string(),
                    Some("sql1".to_string()),
                )
            })
            .collect();
        check_rule(
            arch,
            Rule::SharedDatabase,
            &["a and b share the database orders (on server sql1, which also holds billing)"],
        );
    }

    #[test]
    fn same_name_on_two_hosts_is_not_shared() {
        let arch = Arch::new().service("a").service("b").build();
        let arch = on(on(arch, "a", "db:h1/main"), "b", "db:h2/main");
        check_rule(arch, Rule::SharedDatabase, &[]);
    }
}
