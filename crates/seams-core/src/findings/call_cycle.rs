//! `call-cycle`: services that call each other in a cycle (the cyclic-dependency smell, Taibi and
//! Lenarduzzi 2018). Each strongly connected component of the service call graph (petgraph
//! `tarjan_scc`, O(services + calls)) with two or more members, or one member calling itself, is
//! reported once; it costs its rule's weight per member. The message walks one shortest cycle starting from the smallest service id.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The shortest cycle through `start` inside `members` (breadth-first, neighbours in id order).
fn cycle_through<'a>(
    start: &'a str,
    members: &BTreeSet<&'a str>,
    calls: &BTreeMap<&'a str, BTreeSet<&'a str>>,
) -> Vec<&'a str> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in calls.get(node).into_iter().flatten() {
            if !members.contains(next) {
                continue;
            }
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while let Some(&p) = previous.get(at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return path;
            }
            if next != start && !previous.contains_key(next) {
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut calls: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut spans = BTreeMap::new();
    let mut graph: DiGraph<&str, ()> = DiGraph::new();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for service in &context.architecture.services {
        index.insert(service.id.as_str(), graph.add_node(service.id.as_str()));
    }
    for service in &context.architecture.services {
        for call in &service.calls {
            if context.services.contains(&call.service) {
                calls
                    .entry(service.id.as_str())
                    .or_default()
                    .insert(call.service.as_str());
                if let (Some(&a), Some(&b)) = (
                    index.get(service.id.as_str()),
                    index.get(call.service.as_str()),
                ) {
                    graph.add_edge(a, b, ());
                }
                spans
                    .entry((service.id.as_str(), call.service.as_str()))
                    .or_insert(call.span);
            }
        }
    }
    let mut findings = Vec::new();
    for component in tarjan_scc(&graph) {
        let members: BTreeSet<&str> = component
            .into_iter()
            .filter_map(|n| graph.node_weight(n).copied())
            .collect();
        let Some(&start) = members.first() else {
            continue;
        };
        let self_loop = calls.get(start).is_some_and(|c| c.contains(start));
        if members.len() < 2 && !self_loop {
            continue;
        }
        let path = cycle_through(start, &members, &calls);
        let mut walk: Vec<&str> = path.iter().map(|s| name(s)).collect();
        walk.push(name(start));
        let extra = if members.len() > path.len() {
            format!(" ({} services in this knot of calls)", members.len())
        } else {
            String::new()
        };
        let cycle_spans: Vec<_> = members
            .iter()
            .flat_map(|from| {
                calls
                    .get(from)
                    .into_iter()
                    .flatten()
                    .filter(|to| members.contains(*to))
                    .filter_map(|to| spans.get(&(*from, *to)).copied())
            })
            .collect();
        let mut finding = Finding::new(
            Rule::CallCycle,
            Severity::Warning,
            format!("calls go round in a cycle: {}{extra}", walk.join(" → ")),
            members.iter().map(|s| s.to_string()),
            cycle_spans,
        );
        // Per member: removing a call can split one knot into several, but never puts more
        // services in cycles, so the total cost cannot grow.
        finding.penalty = Rule::CallCycle.weight() * members.len() as u32;
        findings.push(finding);
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::architecture::Call;
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;
    use crate::source::{Pane, Span};

    fn calls(mut arch: crate::Architecture, edges: &[(&str, &str)]) -> crate::Architecture {
        for (from, to) in edges {
            if let Some(s) = arch.services.iter_mut().find(|s| s.name == *from) {
                s.calls.push(Call {
                    service: format!("service:{to}"),
                    endpoint: None,
                    span: Span::new(Pane::Services, 7, 7),
                });
            }
        }
        arch
    }

    fn four() -> crate::Architecture {
        Arch::new()
            .service("a")
            .service("b")
            .service("c")
            .service("d")
            .build()
    }

    #[test]
    fn reports_each_cycle_once_from_the_smallest_id() {
        let arch = calls(four(), &[("c", "b"), ("b", "a"), ("a", "c"), ("d", "d")]);
        check_rule(
            arch,
            Rule::CallCycle,
            &[
                "calls go round in a cycle: a → c → b → a",
                "calls go round in a cycle: d → d",
            ],
        );
    }

    #[test]
    fn names_the_size_of_a_larger_knot() {
        let arch = calls(four(), &[("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")]);
        check_rule(
            arch,
            Rule::CallCycle,
            &["calls go round in a cycle: a → b → a (3 services in this knot of calls)"],
        );
    }

    #[test]
    fn silent_for_a_chain() {
        let arch = calls(four(), &[("a", "b"), ("b", "c"), ("a", "c")]);
        check_rule(arch, Rule::CallCycle, &[]);
    }
}
