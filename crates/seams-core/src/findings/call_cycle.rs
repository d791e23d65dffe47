//! `call-cycle`: services that depend on each other in a cycle (the cyclic-dependency smell,
//! Taibi and Lenarduzzi 2018). The graph judged is the service *dependency* graph
//! ([`crate::dependencies`] with [`Edges::CALLS_AND_DATA`]): `a → b` when `a` calls `b`, or when
//! `a` reads or writes a table `b` may own (directly or through a view). Reading another
//! service's table is the same coupling as calling it, only hidden: the evolution's stage 3 turns
//! exactly those reads into calls, so a cycle of mutual data access is charged from stage 0 on
//! instead of appearing when it becomes visible as calls.
//!
//! Like the other owner rules, a data edge goes to every service that *may* own the table
//! ([`Owner::possible`](crate::ownership::Owner::possible): the settled owner, the ambiguous
//! candidates, or every service when nobody owns it), so settling an owner only removes edges
//! and never closes a new cycle.
//!
//! Each strongly connected component (petgraph `tarjan_scc`, O(services + edges)) with two or
//! more members, or one member calling itself, is reported once; it costs its rule's weight per
//! member. The message walks one shortest cycle starting from the smallest service id and says
//! why each step is a dependency.

use super::{name, Context, Finding, Rule};
use crate::dependencies::{Dependencies, Edges, Reason};
use crate::diagnostic::Severity;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One clause for the message: `a calls b`, `a reads users, which b owns`.
fn describe(reason: &Reason, from: &str, to: &str) -> String {
    match reason {
        Reason::Call(_) => format!("{} calls {}", name(from), name(to)),
        Reason::Data {
            verb,
            table,
            view,
            settled,
            ..
        } => {
            let through = view
                .as_ref()
                .map(|v| format!(" (through view {})", name(v)))
                .unwrap_or_default();
            let owns = if *settled { "owns" } else { "may own" };
            format!(
                "{} {verb} {}{through}, which {} {owns}",
                name(from),
                name(table),
                name(to)
            )
        }
        Reason::Event { topic, .. } => format!(
            "{} subscribes to {}, which {} publishes",
            name(from),
            name(topic),
            name(to)
        ),
    }
}

/// The shortest cycle through `start` inside `members` (breadth-first, neighbours in id order).
fn cycle_through<'a>(
    start: &'a str,
    members: &BTreeSet<String>,
    graph: &'a Dependencies,
) -> Vec<&'a str> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    let mut expanded = Vec::new();
    while let Some(node) = queue.pop_front() {
        if graph.reason(node, start).is_some() {
            let mut path = vec![node];
            let mut at = node;
            while let Some(&p) = previous.get(at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return path;
        }
        let seen = |id: &str| id == start || !members.contains(id) || previous.contains_key(id);
        for next in graph.fresh_targets(node, &seen, &mut expanded) {
            previous.insert(next, node);
            queue.push_back(next);
        }
    }
    vec![start]
}

/// The finding for one knot of services depending on each other.
fn finding<'a>(graph: &'a Dependencies, members: &'a BTreeSet<String>) -> Option<Finding> {
    let start = members.first()?.as_str();
    let path = cycle_through(start, members, graph);
    let steps: Vec<(&str, &str)> = path
        .iter()
        .zip(path.iter().skip(1).chain(std::iter::once(&start)))
        .map(|(a, b)| (*a, *b))
        .collect();
    let mut walk: Vec<std::borrow::Cow<'_, str>> = path.iter().map(|s| name(s)).collect();
    walk.push(name(start));
    let step_reasons: Vec<(&str, &str, &Reason)> = steps
        .iter()
        .filter_map(|(a, b)| graph.reason(a, b).map(|r| (*a, *b, r)))
        .collect();
    let only_calls = step_reasons
        .iter()
        .all(|(_, _, r)| matches!(r, Reason::Call(_)));
    let extra = if members.len() > path.len() {
        let knot = if only_calls { "knot of calls" } else { "knot" };
        format!(" ({} services in this {knot})", members.len())
    } else {
        String::new()
    };
    let message = if only_calls {
        format!("calls go round in a cycle: {}{extra}", walk.join(" → "))
    } else {
        let why: Vec<String> = step_reasons
            .iter()
            .map(|(a, b, r)| describe(r, a, b))
            .collect();
        format!(
            "services depend on each other in a cycle: {}{extra}; {}",
            walk.join(" → "),
            why.join("; ")
        )
    };
    let tables = step_reasons.iter().filter_map(|(_, _, r)| match r {
        Reason::Data { table, .. } => Some(table.clone()),
        Reason::Call(_) | Reason::Event { .. } => None,
    });
    let cycle_spans = graph.spans_within(members);
    let mut finding = Finding::new(
        Rule::CallCycle,
        Severity::Warning,
        message,
        members.iter().cloned().chain(tables),
        cycle_spans,
    );
    // Per member: removing an edge can split one knot into several, but never puts more
    // services in cycles, so the total cost cannot grow.
    finding.penalty = Rule::CallCycle.weight() * members.len() as u32;
    Some(finding)
}

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let graph =
        Dependencies::with_owners(context.architecture, &context.owners, Edges::CALLS_AND_DATA);
    graph
        .cycles()
        .iter()
        .filter_map(|members| finding(&graph, members))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;
    use crate::model::Call;
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

    #[test]
    fn reading_each_others_tables_is_a_cycle() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "users")
            .writes("b", "orders")
            .reads("a", "orders")
            .reads("b", "users")
            .build();
        check_rule(
            arch,
            Rule::CallCycle,
            &["services depend on each other in a cycle: a → b → a; a reads orders, which b owns; b reads users, which a owns"],
        );
    }

    #[test]
    fn a_read_and_a_call_back_close_a_cycle() {
        let arch = Arch::new()
            .table("users")
            .service("a")
            .service("b")
            .writes("b", "users")
            .reads("a", "users")
            .build();
        check_rule(
            calls(arch, &[("b", "a")]),
            Rule::CallCycle,
            &["services depend on each other in a cycle: a → b → a; a reads users, which b owns; b calls a"],
        );
    }

    #[test]
    fn an_unsettled_owner_counts_every_possible_owner() {
        // Either reader may become the owner of countries, so each may depend on the other.
        let arch = Arch::new()
            .table("countries")
            .service("a")
            .service("b")
            .reads("a", "countries")
            .reads("b", "countries")
            .build();
        check_rule(
            arch,
            Rule::CallCycle,
            &["services depend on each other in a cycle: a → b → a; a reads countries, which b may own; b reads countries, which a may own"],
        );
    }

    #[test]
    fn a_view_read_depends_on_the_owners_of_its_tables() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "users")
            .writes("b", "orders")
            .reads("b", "users")
            .view("big_orders", &["table:orders"])
            .reads("a", "view:big_orders")
            .build();
        check_rule(
            arch,
            Rule::CallCycle,
            &["services depend on each other in a cycle: a → b → a; a reads orders (through view big_orders), which b owns; b reads users, which a owns"],
        );
    }

    #[test]
    fn silent_for_data_access_one_way() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "users")
            .writes("b", "orders")
            .reads("b", "users")
            .reads("a", "users")
            .build();
        check_rule(calls(arch, &[("b", "a")]), Rule::CallCycle, &[]);
    }
}
