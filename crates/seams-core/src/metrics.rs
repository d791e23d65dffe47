//! Per-service coupling metrics over the graph (Martin, R. C. (1994). OO Design Quality Metrics:
//! An Analysis of Dependencies; the same measures as in Agile Software Development, 2002).
//!
//! A service *depends on* another when it calls it, reads or writes a table whose certain owner
//! (declared or inferred, see [`crate::ownership`]) is the other service, or subscribes to a topic
//! the other publishes. Efferent coupling Ce is the number of distinct other services it depends
//! on; afferent coupling Ca the number of distinct other services that depend on it; instability
//! I = Ce / (Ca + Ce), 0 when both are 0 (1 = depends on others, nobody depends on it). Tables
//! with an ambiguous or no owner create no dependency here; the findings report them.
//!
//! The test-isolation set is the foreign-key closure of the tables the service touches (reads and
//! writes, views replaced by the tables they read): the tables a test of the service must create
//! and seed. Everything is O(services · (accesses + tables + foreign keys)).

use crate::model::Architecture;
use crate::ownership::{self, Owner};
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

/// The tables behind a relation id: itself for a table, the tables a view reads (through views).
fn base_tables(architecture: &Architecture, id: &str, out: &mut BTreeSet<String>) {
    let mut seen = BTreeSet::new();
    let mut stack = vec![id.to_string()];
    while let Some(next) = stack.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        if let Some(view) = architecture.view(&next) {
            stack.extend(view.reads.iter().cloned());
        } else if architecture.table(&next).is_some() {
            out.insert(next);
        }
    }
}

/// The foreign-key closure of `start`: every table reachable by following references.
pub fn foreign_key_closure(
    architecture: &Architecture,
    start: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut closure = BTreeSet::new();
    let mut stack: Vec<String> = start.iter().cloned().collect();
    while let Some(id) = stack.pop() {
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
    let owners = ownership::owners(architecture);
    let mut publishers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for service in &architecture.services {
        for link in &service.publishes {
            publishers
                .entry(link.topic.as_str())
                .or_default()
                .insert(service.id.as_str());
        }
    }
    let mut depends: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for service in &architecture.services {
        let mut set: BTreeSet<String> = BTreeSet::new();
        set.extend(service.calls.iter().map(|c| c.service.clone()));
        for access in service.reads.iter().chain(&service.writes) {
            let mut tables = BTreeSet::new();
            base_tables(architecture, &access.table, &mut tables);
            for table in tables {
                if let Some(owner) = owners.get(&table).and_then(Owner::certain) {
                    set.insert(owner.to_string());
                }
            }
        }
        for link in &service.subscribes {
            for publisher in publishers.get(link.topic.as_str()).into_iter().flatten() {
                set.insert((*publisher).to_string());
            }
        }
        set.remove(&service.id);
        set.retain(|s| architecture.service(s).is_some());
        depends.insert(service.id.as_str(), set);
    }
    let mut depended: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in &depends {
        for target in targets {
            depended
                .entry(target.as_str())
                .or_default()
                .insert((*from).to_string());
        }
    }
    architecture
        .services
        .iter()
        .map(|service| {
            let depends_on: Vec<String> = depends
                .get(service.id.as_str())
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            let depended_on_by: Vec<String> = depended
                .get(service.id.as_str())
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            let (ca, ce) = (depended_on_by.len(), depends_on.len());
            let instability = if ca + ce == 0 {
                0.0
            } else {
                (ce as f64 / (ca + ce) as f64 * 1000.0).round() / 1000.0
            };
            let mut touched = BTreeSet::new();
            for access in service.reads.iter().chain(&service.writes) {
                base_tables(architecture, &access.table, &mut touched);
            }
            let metrics = ServiceMetrics {
                ca,
                ce,
                instability,
                tables_owned: owners
                    .values()
                    .filter(|o| o.certain() == Some(service.id.as_str()))
                    .count(),
                tables_read: service.reads.len(),
                tables_written: service.writes.len(),
                depends_on,
                depended_on_by,
                test_isolation: foreign_key_closure(architecture, &touched)
                    .into_iter()
                    .collect(),
            };
            (service.id.clone(), metrics)
        })
        .collect()
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
