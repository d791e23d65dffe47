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
//!
//! A table nobody owns may be given to any candidate service, so touching one makes a service
//! depend on every candidate outside its `part_of` unit: with many such readers that is
//! services² edges (a 4 MB services file could not be held). Those edges are kept implicit:
//! each service's first such access is remembered once, and the walks ([`Dependencies::reaches`],
//! [`Dependencies::fresh_targets`], [`Dependencies::cycles`]) expand them in O(services).

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
    /// `from → to → why`, both described services.
    edges: BTreeMap<String, BTreeMap<String, Reason>>,
    /// `to → from` for every explicit edge: who depends on a service, without scanning every
    /// edge.
    sources: BTreeMap<String, BTreeSet<String>>,
    /// The first access of each service to a table nobody owns ([`Owners::Possible`] only): an
    /// implicit edge to every [`Dependencies::implicit`] target outside its unit.
    unowned: BTreeMap<String, Reason>,
    /// The described candidate owners with their `part_of` unit, by id: the targets of the
    /// implicit edges.
    implicit: Vec<(String, String)>,
    /// The `part_of` unit of each described service that is not its own unit.
    units: BTreeMap<String, String>,
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
        let services = architecture.service_ids();
        let candidates = ownership::candidate_owners(architecture);
        let implicit = candidates
            .iter()
            .filter(|c| services.contains(*c))
            .map(|c| (c.clone(), architecture.unit(c).to_string()))
            .collect();
        let units = architecture
            .services
            .iter()
            .filter_map(|s| {
                let unit = architecture.unit(&s.id);
                (unit != s.id).then(|| (s.id.clone(), unit.to_string()))
            })
            .collect_map();
        let mut graph = Dependencies {
            services,
            edges: BTreeMap::new(),
            sources: BTreeMap::new(),
            unowned: BTreeMap::new(),
            implicit,
            units,
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
        if self.is_implicit(from, to) {
            return;
        }
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
                    let why = || Reason::Data {
                        verb,
                        table: table.clone(),
                        view: view.clone(),
                        settled: owner.certain().is_some(),
                        span: access.span,
                    };
                    if rule == Owners::Possible && *owner == Owner::None {
                        // Every candidate may own it: one implicit edge to each, the first
                        // such access their reason (edges already there keep theirs).
                        if !self.unowned.contains_key(&service.id) && !self.implicit.is_empty() {
                            self.unowned.insert(service.id.clone(), why());
                        }
                        continue;
                    }
                    let targets: Vec<String> = match rule {
                        Owners::Certain => {
                            owner.certain().into_iter().map(str::to_string).collect()
                        }
                        // A table nobody owns was taken above: the possible owners of the others
                        // are their writers, whatever the candidates are.
                        Owners::Possible => owner
                            .possible(&BTreeSet::new())
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
                        self.add(&service.id, &to, why());
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

    /// The `part_of` unit of a service id.
    fn unit<'s>(&'s self, id: &'s str) -> &'s str {
        self.units.get(id).map_or(id, String::as_str)
    }

    /// Whether `from → to` is one of the implicit edges: `from` touches a table nobody owns and
    /// `to` is a candidate outside its unit.
    fn is_implicit(&self, from: &str, to: &str) -> bool {
        self.unowned.contains_key(from) && self.is_implicit_target(from, to)
    }

    /// Whether `to` is a candidate outside `from`'s unit (a target of `from`'s implicit edges,
    /// if it has them).
    fn is_implicit_target(&self, from: &str, to: &str) -> bool {
        self.implicit
            .binary_search_by(|(id, _)| id.as_str().cmp(to))
            .is_ok()
            && self.unit(to) != self.unit(from)
    }

    /// The implicit targets of `from` (none unless it touches a table nobody owns), in id order.
    fn implicit_targets<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let unit = self.unit(from);
        let reads = self.unowned.contains_key(from);
        self.implicit
            .iter()
            .filter(move |(_, u)| reads && u != unit)
            .map(|(id, _)| id.as_str())
    }

    /// The services `from` depends on, in id order. O(services) when `from` touches a table
    /// nobody owns: walks use [`Dependencies::fresh_targets`] instead.
    pub fn targets<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let explicit = self
            .edges
            .get(from)
            .into_iter()
            .flat_map(|to| to.keys().map(String::as_str));
        merged(explicit.chain(self.implicit_targets(from)).collect())
    }

    /// The services depending on `to`, in id order.
    pub fn sources<'a>(&'a self, to: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let explicit = self.sources.get(to).into_iter().flatten().map(|from| {
            crate::work::step(1);
            from.as_str()
        });
        let implicit = self
            .unowned
            .keys()
            .map(String::as_str)
            .filter(move |from| self.is_implicit(from, to));
        merged(explicit.chain(implicit).collect())
    }

    /// Why `from` depends on `to`, if it does.
    pub fn reason(&self, from: &str, to: &str) -> Option<&Reason> {
        self.edges
            .get(from)
            .and_then(|to_map| to_map.get(to))
            .or_else(|| {
                self.is_implicit(from, to)
                    .then(|| self.unowned.get(from))
                    .flatten()
            })
    }

    /// Every edge with its reason, by `from` then `to`: O(edges), which the implicit ones can
    /// make services².
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Reason)> {
        self.services.iter().flat_map(move |from| {
            self.targets(from)
                .filter_map(move |to| self.reason(from, to).map(|why| (from.as_str(), to, why)))
        })
    }

    /// Where the edges between two members of `members` were declared, each once: the explicit
    /// edges' spans and, for a member with an implicit edge to another member, its first access
    /// to a table nobody owns. O(members + their explicit edges).
    pub fn spans_within(&self, members: &BTreeSet<String>) -> BTreeSet<Span> {
        let mut spans: BTreeSet<Span> = BTreeSet::new();
        // How many members are implicit targets, in all and per unit.
        let mut per_unit: BTreeMap<&str, usize> = BTreeMap::new();
        let mut in_all = 0;
        for (id, unit) in &self.implicit {
            if members.contains(id) {
                *per_unit.entry(unit).or_default() += 1;
                in_all += 1;
            }
        }
        for from in members {
            let mut explicit_to_implicit = 0;
            for (to, why) in self.edges.get(from).into_iter().flatten() {
                if members.contains(to) {
                    spans.insert(why.span());
                    if self.is_implicit_target(from, to) {
                        explicit_to_implicit += 1;
                    }
                }
            }
            // Its first access to a table nobody owns is the reason of an edge inside the knot
            // unless every such edge was there before it (and keeps its own reason).
            if let Some(why) = self.unowned.get(from) {
                let outside = in_all - per_unit.get(self.unit(from)).copied().unwrap_or(0);
                if outside > explicit_to_implicit {
                    spans.insert(why.span());
                }
            }
        }
        spans
    }

    /// The targets of `from` that `seen` does not know yet, in id order, for a breadth-first
    /// walk that marks every target it returns as seen and keeps `expanded` between calls. An
    /// implicit edge's targets are listed for at most two units in a whole walk: once one
    /// unit's readers were expanded, every candidate outside that unit was returned already.
    pub fn fresh_targets<'a>(
        &'a self,
        from: &'a str,
        seen: &dyn Fn(&str) -> bool,
        expanded: &mut Vec<&'a str>,
    ) -> Vec<&'a str> {
        let mut fresh: Vec<&str> = self
            .edges
            .get(from)
            .into_iter()
            .flat_map(|to| to.keys().map(String::as_str))
            .filter(|to| !seen(to))
            .collect();
        if self.unowned.contains_key(from) && expanded.len() < 2 {
            let unit = self.unit(from);
            if !expanded.contains(&unit) {
                let left = expanded.first().copied();
                expanded.push(unit);
                fresh.extend(
                    self.implicit
                        .iter()
                        // After a first unit, only its own candidates are new.
                        .filter(|(_, u)| u != unit && left.is_none_or(|l| l == u))
                        .map(|(id, _)| id.as_str())
                        .filter(|to| !seen(to)),
                );
            }
        }
        merged(fresh).collect()
    }

    /// Whether `to` can be reached from `from` (breadth-first, each service visited once; a
    /// service reaches itself).
    pub fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen: BTreeSet<&str> = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        let mut expanded = Vec::new();
        while let Some(at) = queue.pop_front() {
            if at == to {
                return true;
            }
            let fresh = self.fresh_targets(at, &|id| seen.contains(id), &mut expanded);
            for next in fresh {
                seen.insert(next);
                queue.push_back(next);
            }
        }
        false
    }

    /// The services that depend on each other in a cycle: every strongly connected component of
    /// two or more services, or of one service depending on itself. Each sorted. The implicit
    /// edges go through two chains of helper nodes over the candidates' units (one reaching
    /// every unit up to its own, one every unit from its own on), so that a reader reaches
    /// exactly the candidates outside its unit with O(services) edges.
    pub fn cycles(&self) -> Vec<BTreeSet<String>> {
        let mut graph: DiGraph<Option<&str>, ()> = DiGraph::new();
        let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for service in &self.services {
            index.insert(service.as_str(), graph.add_node(Some(service.as_str())));
        }
        for (from, targets) in &self.edges {
            for to in targets.keys() {
                if let (Some(&a), Some(&b)) = (index.get(from.as_str()), index.get(to.as_str())) {
                    graph.add_edge(a, b, ());
                }
            }
        }
        self.add_unit_chains(&mut graph, &index);
        tarjan_scc(&graph)
            .into_iter()
            .map(|component| {
                component
                    .into_iter()
                    .filter_map(|n| graph.node_weight(n).copied().flatten().map(str::to_string))
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

    /// The helper nodes of [`Dependencies::cycles`] for the implicit edges: per unit `k` of the
    /// candidates (in order), `up[k]` reaches the candidates of units `..=k` and `down[k]`
    /// those of units `k..`; a reader of unit `k` points at `up[k - 1]` and `down[k + 1]`, a
    /// reader of another unit at the last `up`.
    fn add_unit_chains(
        &self,
        graph: &mut DiGraph<Option<&str>, ()>,
        index: &BTreeMap<&str, NodeIndex>,
    ) {
        if self.unowned.is_empty() {
            return;
        }
        let units: BTreeSet<&str> = self
            .implicit
            .iter()
            .map(|(_, unit)| unit.as_str())
            .collect_set();
        let units: Vec<&str> = units.into_iter().collect();
        let up: Vec<NodeIndex> = units.iter().map(|_| graph.add_node(None)).collect();
        let down: Vec<NodeIndex> = units.iter().map(|_| graph.add_node(None)).collect();
        for pair in up.windows(2) {
            if let [below, above] = pair {
                graph.add_edge(*above, *below, ());
            }
        }
        for pair in down.windows(2) {
            if let [before, after] = pair {
                graph.add_edge(*before, *after, ());
            }
        }
        for (id, unit) in &self.implicit {
            let (Ok(k), Some(&node)) =
                (units.binary_search(&unit.as_str()), index.get(id.as_str()))
            else {
                continue;
            };
            for chain in [&up, &down] {
                if let Some(&helper) = chain.get(k) {
                    graph.add_edge(helper, node, ());
                }
            }
        }
        for reader in self.unowned.keys() {
            let Some(&node) = index.get(reader.as_str()) else {
                continue;
            };
            let helpers = match units.binary_search(&self.unit(reader)) {
                Ok(k) => [k.checked_sub(1).and_then(|b| up.get(b)), down.get(k + 1)],
                Err(_) => [up.last(), None],
            };
            for helper in helpers.into_iter().flatten() {
                graph.add_edge(node, *helper, ());
            }
        }
    }
}

/// `ids` sorted, each once.
fn merged(mut ids: Vec<&str>) -> std::vec::IntoIter<&str> {
    crate::order::sort(&mut ids);
    ids.dedup();
    ids.into_iter()
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

    /// The graph as it was built before the implicit edges: every edge of a table nobody owns
    /// written out, in the order accesses are read, the first reason kept. The reference the
    /// implicit graph is held to.
    fn written_out(arch: &Architecture) -> BTreeMap<(String, String), Reason> {
        let owners = ownership::owners(arch);
        let candidates = ownership::candidate_owners(arch);
        let services: BTreeSet<&str> = arch.services.iter().map(|s| s.id.as_str()).collect();
        let mut edges: BTreeMap<(String, String), Reason> = BTreeMap::new();
        for s in &arch.services {
            for call in &s.calls {
                if services.contains(call.service.as_str()) {
                    edges
                        .entry((s.id.clone(), call.service.clone()))
                        .or_insert(Reason::Call(call.span));
                }
            }
        }
        for s in &arch.services {
            let accesses = s.reads.iter().map(|a| ("reads", a));
            for (verb, access) in accesses.chain(s.writes.iter().map(|a| ("writes", a))) {
                let view = arch.view(&access.table).map(|v| v.id.clone());
                for table in base_tables(arch, &access.table) {
                    let owner = owners.get(&table).unwrap_or(&Owner::None);
                    for to in owner.possible(&candidates) {
                        if arch.same_unit(to, &s.id) || !services.contains(to) {
                            continue;
                        }
                        edges
                            .entry((s.id.clone(), to.to_string()))
                            .or_insert(Reason::Data {
                                verb,
                                table: table.clone(),
                                view: view.clone(),
                                settled: owner.certain().is_some(),
                                span: access.span,
                            });
                    }
                }
            }
        }
        edges
    }

    /// A system of up to eight services over ten tables, some in `part_of` groups, with random
    /// reads, writes and calls: many tables nobody writes.
    fn random_system(
        parts: &[u8],
        reads: &[(u8, u8)],
        writes: &[(u8, u8)],
        calls: &[(u8, u8)],
    ) -> Architecture {
        use std::fmt::Write as _;
        let schema: String = (0..10)
            .map(|t| format!("CREATE TABLE t{t} (id int);\n"))
            .collect();
        let mut services = String::from("version: 1\nservices:\n");
        for (k, part) in parts.iter().enumerate() {
            let _ = writeln!(services, "  s{k}:");
            // A deployable of an earlier service (a head, so groups stay one level deep).
            if *part > 0 && usize::from(*part) < k && parts.get(usize::from(*part)) == Some(&0) {
                let _ = writeln!(services, "    part_of: s{part}");
            }
            let list = |pairs: &[(u8, u8)], prefix: &str| -> Vec<String> {
                pairs
                    .iter()
                    .filter(|(from, _)| usize::from(*from) == k)
                    .map(|(_, to)| format!("{prefix}{to}"))
                    .collect()
            };
            for (key, items) in [
                ("reads", list(reads, "t")),
                ("writes", list(writes, "t")),
                ("calls", list(calls, "s")),
            ] {
                if !items.is_empty() {
                    let _ = writeln!(services, "    {key}: [{}]", items.join(", "));
                }
            }
        }
        ingest(Inputs {
            schema: &schema,
            services: &services,
            ..Default::default()
        })
    }

    /// Reachability on the written-out edges.
    fn reaches_written_out(
        edges: &BTreeMap<(String, String), Reason>,
        from: &str,
        to: &str,
    ) -> bool {
        let mut seen = BTreeSet::from([from.to_string()]);
        let mut queue = VecDeque::from([from.to_string()]);
        while let Some(at) = queue.pop_front() {
            if at == to {
                return true;
            }
            for (a, b) in edges.keys() {
                if *a == at && seen.insert(b.clone()) {
                    queue.push_back(b.clone());
                }
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn implicit_edges_are_the_written_out_graph(
            parts in proptest::collection::vec(0u8..3, 1..8),
            reads in proptest::collection::vec((0u8..8, 0u8..10), 0..10),
            writes in proptest::collection::vec((0u8..8, 0u8..10), 0..6),
            calls in proptest::collection::vec((0u8..8, 0u8..8), 0..6),
        ) {
            let arch = random_system(&parts, &reads, &writes, &calls);
            let expected = written_out(&arch);
            let graph = Dependencies::build(&arch, Edges::CALLS_AND_DATA);
            let got: BTreeMap<(String, String), Reason> = graph
                .edges()
                .map(|(a, b, why)| ((a.to_string(), b.to_string()), why.clone()))
                .collect();
            proptest::prop_assert_eq!(&got, &expected);
            let ids: Vec<&str> = arch.services.iter().map(|s| s.id.as_str()).collect();
            for from in &ids {
                let sources: Vec<&str> = graph.sources(from).collect();
                let expected_sources: Vec<&str> = expected
                    .keys()
                    .filter(|(_, b)| b == from)
                    .map(|(a, _)| a.as_str())
                    .collect();
                proptest::prop_assert_eq!(sources, expected_sources);
                for to in &ids {
                    proptest::prop_assert_eq!(
                        graph.reaches(from, to),
                        reaches_written_out(&expected, from, to),
                        "{} reaches {}", from, to
                    );
                }
            }
            // Cycles: the components of mutual reachability among the written-out edges.
            let mut cycles = graph.cycles();
            crate::order::sort(&mut cycles);
            let mut expected_cycles: Vec<BTreeSet<String>> = Vec::new();
            for from in &ids {
                let members: BTreeSet<String> = ids
                    .iter()
                    .filter(|to| {
                        reaches_written_out(&expected, from, to)
                            && reaches_written_out(&expected, to, from)
                    })
                    .map(|s| s.to_string())
                    .collect();
                let looped = expected.contains_key(&(from.to_string(), from.to_string()));
                if (members.len() > 1 || looped) && !expected_cycles.contains(&members) {
                    expected_cycles.push(members);
                }
            }
            crate::order::sort(&mut expected_cycles);
            proptest::prop_assert_eq!(&cycles, &expected_cycles);
            for members in &cycles {
                let spans: BTreeSet<Span> = expected
                    .iter()
                    .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                    .map(|(_, why)| why.span())
                    .collect();
                proptest::prop_assert_eq!(graph.spans_within(members), spans);
            }
        }
    }
}
