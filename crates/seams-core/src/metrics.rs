//! Per-service coupling metrics over the graph (Martin, R. C. (1994). OO Design Quality Metrics:
//! An Analysis of Dependencies; the same measures as in Agile Software Development, 2002).
//!
//! A service *depends on* another when it calls it, reads or writes a table whose certain owner
//! (declared or inferred, see [`crate::ownership`]) is the other service, or subscribes to a topic
//! the other publishes: the [`crate::dependencies`] graph with [`Edges::COUPLING`]. Efferent coupling Ce is the number of distinct other services it depends
//! on; afferent coupling Ca the number of distinct other services that depend on it; instability
//! I = Ce / (Ca + Ce), 0 when both are 0 (1 = depends on others, nobody depends on it). Tables
//! with an ambiguous or no owner create no dependency here; the findings report them.
//!
//! The test-isolation set is the foreign-key closure of the tables the service touches (reads and
//! writes, views replaced by the tables they read): the tables a test of the service must create
//! and seed. Everything is O(accesses + tables + edges + the test-isolation sets' sizes) (times
//! a log for the maps): no step scans every service or table once per service.

use crate::dependencies::{base_tables, Dependencies, Edges};
use crate::model::Architecture;
use crate::order::Collect;
use crate::ownership;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The metrics of one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceMetrics {
    /// Afferent coupling: services that depend on this one.
    pub ca: usize,
    /// Efferent coupling: services this one depends on.
    pub ce: usize,
    /// Ce / (Ca + Ce), rounded to three decimals; 0 when both are 0.
    pub instability: f64,
    /// Tables it owns (declared or inferred).
    pub tables_owned: usize,
    /// Tables and views it reads.
    pub tables_read: usize,
    /// Tables it writes.
    pub tables_written: usize,
    /// The ids of the services it depends on, sorted (Ce's members).
    pub depends_on: Vec<String>,
    /// The ids of the services depending on it, sorted (Ca's members).
    pub depended_on_by: Vec<String>,
    /// The foreign-key closure of the tables it touches, sorted: what a test must seed.
    pub test_isolation: Vec<String>,
}

/// The foreign-key closure of `start`: every table reachable by following references.
pub fn foreign_key_closure(
    architecture: &Architecture,
    start: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut closure = BTreeSet::new();
    let mut stack: Vec<String> = start.iter().cloned().collect();
    while let Some(id) = stack.pop() {
        crate::work::step(1);
        let Some(table) = architecture.table(&id) else {
            continue;
        };
        if !closure.insert(id) {
            continue;
        }
        stack.extend(table.foreign_keys.iter().map(|fk| fk.references.clone()));
    }
    closure
}

/// The metrics of every service, keyed by service id.
pub fn metrics(architecture: &Architecture) -> BTreeMap<String, ServiceMetrics> {
    crate::pace::at_once(metrics_paced(architecture))
}

/// Services measured between two pauses of [`metrics_paced`].
const SERVICES_BETWEEN_PAUSES: usize = 100;

/// [`metrics`], pausing after the dependencies and after every [`SERVICES_BETWEEN_PAUSES`]
/// services measured ([`crate::pace`]): the page measures a large stage in pieces.
pub async fn metrics_paced(architecture: &Architecture) -> BTreeMap<String, ServiceMetrics> {
    let owners = ownership::owners(architecture);
    // Tables owned per service, counted once (not one pass over every owner per service).
    let mut owned: BTreeMap<&str, usize> = BTreeMap::new();
    for owner in owners.values() {
        crate::work::step(1);
        if let Some(service) = owner.certain() {
            *owned.entry(service).or_default() += 1;
        }
    }
    let dependencies = Dependencies::with_owners(architecture, &owners, Edges::COUPLING);
    crate::pace::pause().await;
    let mut all = BTreeMap::new();
    let mut stride = crate::pace::Stride::every(SERVICES_BETWEEN_PAUSES);
    for service in &architecture.services {
        let measured = measure(architecture, service, &dependencies, &owned);
        all.insert(service.id.clone(), measured);
        stride.over(1).await;
    }
    all
}

/// The metrics of `service`, given the coupling between services and the tables each owns.
fn measure(
    architecture: &Architecture,
    service: &crate::model::Service,
    dependencies: &Dependencies,
    owned: &BTreeMap<&str, usize>,
) -> ServiceMetrics {
    let id = service.id.as_str();
    let others = |ids: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        ids.filter(|other| *other != id)
            .map(str::to_string)
            .collect()
    };
    let depends_on = others(&mut dependencies.targets(id));
    let depended_on_by = others(&mut dependencies.sources(id));
    let (ca, ce) = (depended_on_by.len(), depends_on.len());
    let instability = if ca + ce == 0 {
        0.0
    } else {
        (ce as f64 / (ca + ce) as f64 * 1000.0).round() / 1000.0
    };
    let touched: BTreeSet<String> = service
        .reads
        .iter()
        .chain(&service.writes)
        .flat_map(|access| base_tables(architecture, &access.table))
        .collect_set();
    ServiceMetrics {
        ca,
        ce,
        instability,
        tables_owned: owned.get(id).copied().unwrap_or(0),
        tables_read: service.reads.len(),
        tables_written: service.writes.len(),
        depends_on,
        depended_on_by,
        test_isolation: foreign_key_closure(architecture, &touched)
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Call, TopicLink};
    use crate::ownership::tests::Arch;
    use crate::source::{Pane, Span};

    fn check(arch: &Architecture, service: &str, expected: (usize, usize, f64, usize, &[&str])) {
        let all = metrics(arch);
        let m = all.get(&format!("service:{service}")).unwrap();
        let tables: Vec<String> = expected.4.iter().map(|t| format!("table:{t}")).collect();
        assert_eq!(
            (
                m.ca,
                m.ce,
                m.instability,
                m.tables_owned,
                m.test_isolation.clone()
            ),
            (expected.0, expected.1, expected.2, expected.3, tables),
            "{service}"
        );
    }

    #[test]
    fn metrics_work_grows_linearly_with_services() {
        crate::work::assert_linear(400, crate::work::system_architecture, metrics);
    }

    #[test]
    fn seed_example_metrics() {
        let arch = Arch::new()
            .table("users")
            .table("messages")
            .service("app-a")
            .service("app-b")
            .reads("app-a", "users")
            .reads("app-b", "users")
            .writes("app-b", "users")
            .writes("app-b", "messages")
            .fk("messages", "users")
            .build();
        check(&arch, "app-a", (0, 1, 1.0, 0, &["users"]));
        check(&arch, "app-b", (1, 0, 0.0, 2, &["messages", "users"]));
    }

    #[test]
    fn calls_subscriptions_and_views_count() {
        let mut arch = Arch::new()
            .table("users")
            .table("orders")
            .table("countries")
            .service("a")
            .service("b")
            .service("c")
            .writes("a", "users")
            .writes("b", "orders")
            .fk("users", "countries")
            .view("user_view", &["table:users"])
            .reads("c", "view:user_view")
            .build();
        for s in &mut arch.services {
            if s.name == "a" {
                s.calls.push(Call {
                    service: "service:b".into(),
                    endpoint: None,
                    span: Span::start(Pane::Services),
                });
                s.publishes.push(TopicLink {
                    topic: "topic:x".into(),
                    span: Span::start(Pane::Services),
                });
            }
            if s.name == "b" {
                s.subscribes.push(TopicLink {
                    topic: "topic:x".into(),
                    span: Span::start(Pane::Services),
                });
            }
        }
        // a → b (call), b → a (subscription), c → a (view over a's users).
        check(&arch, "a", (2, 1, 0.333, 1, &["countries", "users"]));
        check(&arch, "b", (1, 1, 0.5, 1, &["orders"]));
        check(&arch, "c", (0, 1, 1.0, 0, &["countries", "users"]));
    }
}
