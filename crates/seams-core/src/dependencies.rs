//! The service dependency graph: `a → b` when service `a` depends on service `b`, with the first
//! reason found for each edge. One graph, built with the edges each reader of it needs:
//!
//! - calls: `a` calls `b` (always);
//! - data access: `a` reads or writes a table (directly, or through a view: every base table
//!   behind it) that `b` owns. Which owners count is the [`Owners`] rule: the certain owner only
//!   ([`Owners::Certain`], Martin's coupling metrics in [`crate::metrics`]), or every service that
//!   *may* own the table ([`Owners::Possible`], the pessimistic set of
//!   [`Owner::possible`](crate::ownership::Owner::possible) that the `call-cycle` rule and the
//!   evolution's stage 3 judge, so that settling an owner only ever removes edges);
//! - events: `a` subscribes to a topic `b` publishes (only for the metrics).
//!
//! Only described services are nodes; a service depends on itself only by calling itself.
//! Building is O(services · (calls + accesses · tables behind a view + subscriptions)); cycles
//! are the strongly connected components (petgraph `tarjan_scc`, O(services + edges)).

use crate::model::Architecture;
use crate::order::Collect;
use crate::ownership::{self, Owner};
use crate::source::Span;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Which owners of a table a service touching it depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owners {
    /// The declared or inferred owner, when there is one.
    Certain,
    /// Every service that may own it (see [`Owner::possible`]).
    Possible,
}

/// Which kinds of edge a graph has (calls always).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edges {
    /// Data access to another service's tables, and whose tables count; None leaves it out.
    pub data: Option<Owners>,
    /// Subscriptions to topics other services publish.
    pub events: bool,
}

impl Edges {
    /// Calls only.
    pub const CALLS: Edges = Edges {
        data: None,
        events: false,
    };
    /// Calls and access to tables another service may own: what the `call-cycle` rule judges.
    pub const CALLS_AND_DATA: Edges = Edges {
        data: Some(Owners::Possible),
        events: false,
    };
    /// Calls, access to tables another service certainly owns, and events: Martin's coupling.
    pub const COUPLING: Edges = Edges {
        data: Some(Owners::Certain),
        events: true,
    };
}

/// Why one service depends on another: the first reason found (calls, then reads, then writes,
/// then subscriptions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `from` calls `to`.
    Call(Span),
    /// `from` reads or writes `table` (through `view` when set), which `to` owns or may own.
    Data {
        /// `reads` or `writes`.
        verb: &'static str,
        /// The table's id.
        table: String,
        /// The view `from` accesses the table through, if any.
        view: Option<String>,
        /// Whether `to` certainly owns the table (declared or inferred).
        settled: bool,
        /// Where the access was declared.
        span: Span,
    },
    /// `from` subscribes to `topic`, which `to` publishes.
    Event {
        /// The topic's id.
        topic: String,
        /// Where the subscription was declared.
        span: Span,
    },
}

impl Reason {
    /// Where the dependency was declared.
    pub fn span(&self) -> Span {
        match self {
            Reason::Call(span) | Reason::Data { span, .. } | Reason::Event { span, .. } => *span,
        }
    }
}

/// The service dependency graph of one architecture.
#[derive(Debug, Clone, Default)]
pub struct Dependencies {
    /// Every described service's id, sorted.
    services: BTreeSet<String>,
    /// The services that could own a table nobody owns ([`ownership::candidate_owners`]).
    candidates: BTreeSet<String>,
    /// `from → to → why`, both described services.
    edges: BTreeMap<String, BTreeMap<String, Reason>>,
    /// `to → from` for every edge: who depends on a service, without scanning every edge.
    sources: BTreeMap<String, BTreeSet<String>>,
}

/// The tables behind a relation id: itself for a table, the tables a view reads (through views,
/// each visited once); nothing for an unknown id.
pub fn base_tables(architecture: &Architecture, id: &str) -> BTreeSet<String> {
    let mut tables = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![id.to_string()];
    while let Some(next) = stack.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        if let Some(view) = architecture.view(&next) {
            stack.extend(view.reads.iter().cloned());
        } else if architecture.table(&next).is_some() {
            tables.insert(next);
        }
    }
    tables
}

impl Dependencies {
    /// The graph of `architecture` with the kinds of edge in `edges`, owners computed here.
    pub fn build(architecture: &Architecture, edges: Edges) -> Self {
        Self::with_owners(architecture, &ownership::owners(architecture), edges)
    }

    /// [`Dependencies::build`] with the table owners already at hand.
    pub fn with_owners(
        architecture: &Architecture,
        owners: &BTreeMap<String, Owner>,
        edges: Edges,
    ) -> Self {
        let mut graph = Dependencies {
            services: architecture
                .services
                .iter()
                .map(|s| s.id.clone())
                .collect_set(),
            candidates: ownership::candidate_owners(architecture),
            edges: BTreeMap::new(),
            sources: BTreeMap::new(),
        };
        graph.add_calls(architecture);
        if let Some(rule) = edges.data {
            graph.add_data_access(architecture, owners, rule);
        }
        if edges.events {
            graph.add_events(architecture);
        }
        graph
    }

    /// Adds `from → to` for `why` unless the edge is there already (the first reason stays).
    pub fn add(&mut self, from: &str, to: &str, why: Reason) {
        self.edges
            .entry(from.to_string())
            .or_default()
            .entry(to.to_string())
            .or_insert(why);
        self.sources
            .entry(to.to_string())
            .or_default()
            .insert(from.to_string());
    }

    fn add_calls(&mut self, architecture: &Architecture) {
        for service in &architecture.services {
            for call in &service.calls {
                if self.services.contains(&call.service) {
                    self.add(&service.id, &call.service, Reason::Call(call.span));
                }
            }
        }
    }

    fn add_data_access(
        &mut self,
        architecture: &Architecture,
        owners: &BTreeMap<String, Owner>,
        rule: Owners,
    ) {
        for service in &architecture.services {
            let accesses = service
                .reads
                .iter()
                .map(|a| ("reads", a))
                .chain(service.writes.iter().map(|a| ("writes", a)));
            for (verb, access) in accesses {
                let view = architecture.view(&access.table).map(|v| v.id.clone());
                for table in base_tables(architecture, &access.table) {
                    let owner = owners.get(&table).unwrap_or(&Owner::None);
                    let settled = owner.certain().is_some();
                    let targets: Vec<String> = match rule {
                        Owners::Certain => {
                            owner.certain().into_iter().map(str::to_string).collect()
                        }
                        Owners::Possible => owner
                            .possible(&self.candidates)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                    };
                    for to in targets {
                        // A `part_of` group's tables are its deployables' own.
                        if architecture.same_unit(&to, &service.id) || !self.services.contains(&to)
                        {
                            continue;
                        }
                        let why = Reason::Data {
                            verb,
                            table: table.clone(),
                            view: view.clone(),
                            settled,
                            span: access.span,
                        };
                        self.add(&service.id, &to, why);
                    }
                }
            }
        }
    }

    fn add_events(&mut self, architecture: &Architecture) {
        let mut publishers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for service in &architecture.services {
            for link in &service.publishes {
                publishers
                    .entry(link.topic.as_str())
                    .or_default()
                    .insert(service.id.as_str());
            }
        }
        for service in &architecture.services {
            for link in &service.subscribes {
                for publisher in publishers.get(link.topic.as_str()).into_iter().flatten() {
                    if *publisher != service.id {
                        let why = Reason::Event {
                            topic: link.topic.clone(),
                            span: link.span,
                        };
                        self.add(&service.id, publisher, why);
                    }
                }
            }
        }
    }

    /// The services `from` depends on, in id order.
    pub fn targets<'a>(&'a self, from: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.edges
            .get(from)
            .into_iter()
            .flat_map(|to| to.keys().map(String::as_str))
    }

    /// The services depending on `to`, in id order.
    pub fn sources<'a>(&'a self, to: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.sources.get(to).into_iter().flatten().map(|from| {
            crate::work::step(1);
            from.as_str()
        })
    }

    /// Why `from` depends on `to`, if it does.
    pub fn reason(&self, from: &str, to: &str) -> Option<&Reason> {
        self.edges.get(from).and_then(|to_map| to_map.get(to))
    }

    /// Every edge with its reason, by `from` then `to`.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Reason)> {
        self.edges.iter().flat_map(|(from, targets)| {
            targets
                .iter()
                .map(move |(to, why)| (from.as_str(), to.as_str(), why))
        })
    }

    /// Whether `to` can be reached from `from` (breadth-first, each service visited once; a
    /// service reaches itself).
    pub fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen: BTreeSet<&str> = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            if at == to {
                return true;
            }
            for next in self.targets(at) {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        false
    }

    /// The services that depend on each other in a cycle: every strongly connected component of
    /// two or more services, or of one service depending on itself. Each sorted, in the order
    /// petgraph's `tarjan_scc` finds them over the services in id order (reverse topological).
    pub fn cycles(&self) -> Vec<BTreeSet<String>> {
        let mut graph: DiGraph<&str, ()> = DiGraph::new();
        let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for service in &self.services {
            index.insert(service.as_str(), graph.add_node(service.as_str()));
        }
        for (from, to, _) in self.edges() {
            if let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) {
                graph.add_edge(a, b, ());
            }
        }
        tarjan_scc(&graph)
            .into_iter()
            .map(|component| {
                component
                    .into_iter()
                    .filter_map(|n| graph.node_weight(n).map(|s| s.to_string()))
                    .collect_set()
            })
            .filter(|members| {
                members.len() > 1
                    || members
                        .first()
                        .is_some_and(|only| self.reason(only, only).is_some())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, Inputs};

    /// `a` calls `b`; `b` reads `orders`, which `c` writes (its certain owner); `d` reads
    /// `shared`, written by `a` and `c` (ambiguous); `c` subscribes to what `a` publishes.
    fn arch() -> Architecture {
        ingest(Inputs {
            schema: "CREATE TABLE orders (id int); CREATE TABLE shared (id int);",
            services: "version: 1\nservices:\n  a:\n    calls: [b]\n    writes: [shared]\n    publishes: [order.paid]\n  b:\n    reads: [orders]\n  c:\n    writes: [orders, shared]\n    subscribes: [order.paid]\n  d:\n    reads: [shared]\n",
            models: "",
            dialect: None,
            sources: None,
        })
    }

    fn edges(graph: &Dependencies) -> Vec<String> {
        graph
            .edges()
            .map(|(from, to, _)| format!("{} → {}", ident(from), ident(to)))
            .collect()
    }

    fn ident(id: &str) -> &str {
        crate::ident::id_name(id)
    }

    #[test]
    fn each_reader_gets_the_edges_it_judges() {
        let arch = arch();
        assert_eq!(edges(&Dependencies::build(&arch, Edges::CALLS)), ["a → b"]);
        assert_eq!(
            edges(&Dependencies::build(&arch, Edges::CALLS_AND_DATA)),
            ["a → b", "a → c", "b → c", "c → a", "d → a", "d → c"]
        );
        assert_eq!(
            edges(&Dependencies::build(&arch, Edges::COUPLING)),
            ["a → b", "b → c", "c → a"]
        );
    }

    #[test]
    fn reasons_reachability_and_cycles() {
        let arch = arch();
        let graph = Dependencies::build(&arch, Edges::COUPLING);
        assert!(matches!(
            graph.reason("service:c", "service:a"),
            Some(Reason::Event { topic, .. }) if topic == "topic:order.paid"
        ));
        assert!(matches!(
            graph.reason("service:b", "service:c"),
            Some(Reason::Data {
                settled: true,
                verb: "reads",
                ..
            })
        ));
        assert!(graph.reaches("service:a", "service:c"));
        assert!(!graph.reaches("service:d", "service:a"));
        let cycle: BTreeSet<String> = ["service:a", "service:b", "service:c"]
            .map(String::from)
            .into();
        assert_eq!(graph.cycles(), vec![cycle]);
        assert!(Dependencies::build(&arch, Edges::CALLS).cycles().is_empty());
    }
}
