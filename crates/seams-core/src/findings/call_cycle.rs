//! `call-cycle`: services that depend on each other in a cycle (the cyclic-dependency smell,
//! Taibi and Lenarduzzi 2018). The graph judged is the service *dependency* graph: `a → b` when
//! `a` calls `b`, or when `a` reads or writes a table `b` may own (directly or through a view).
//! Reading another service's table is the same coupling as calling it, only hidden: the
//! evolution's stage 3 turns exactly those reads into calls, so a cycle of mutual data access is
//! charged from stage 0 on instead of appearing when it becomes visible as calls.
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

use super::{cross_owner_view, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::Architecture;
use crate::source::Span;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Why one service depends on another: the first reason found (calls before data access).
#[derive(Debug, Clone)]
enum Link {
    /// `from` calls `to`.
    Call(Span),
    /// `from` reads or writes `table` (through `view` when set), which `to` owns or may own.
    Data {
        verb: &'static str,
        table: String,
        view: Option<String>,
        settled: bool,
        span: Span,
    },
}

impl Link {
    fn span(&self) -> Span {
        match self {
            Link::Call(span) | Link::Data { span, .. } => *span,
        }
    }

    /// One clause for the message: `a calls b`, `a reads users, which b owns`.
    fn describe(&self, from: &str, to: &str) -> String {
        match self {
            Link::Call(_) => format!("{} calls {}", name(from), name(to)),
            Link::Data {
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
        }
    }
}

type Links<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Link>>;

/// Every dependency edge `from → to` between described services, with its first reason.
fn links<'a>(context: &'a Context<'a>) -> Links<'a> {
    let mut links: Links<'a> = BTreeMap::new();
    for service in &context.architecture.services {
        let from = service.id.as_str();
        for call in &service.calls {
            if let Some(to) = context.services.get(&call.service) {
                links
                    .entry(from)
                    .or_default()
                    .entry(to.as_str())
                    .or_insert(Link::Call(call.span));
            }
        }
        let accesses = service
            .reads
            .iter()
            .map(|a| ("reads", a))
            .chain(service.writes.iter().map(|a| ("writes", a)));
        for (verb, access) in accesses {
            let (view, tables) = if context.architecture.view(&access.table).is_some() {
                (
                    Some(access.table.clone()),
                    cross_owner_view::base_tables(context, &access.table),
                )
            } else if context.architecture.table(&access.table).is_some() {
                (None, BTreeSet::from([access.table.clone()]))
            } else {
                continue;
            };
            for table in tables {
                let settled = context.owner(&table).certain().is_some();
                for to in context.possible(&table) {
                    let Some(to) = context.services.get(to) else {
                        continue;
                    };
                    if to == &service.id {
                        continue;
                    }
                    links
                        .entry(from)
                        .or_default()
                        .entry(to.as_str())
                        .or_insert_with(|| Link::Data {
                            verb,
                            table: table.clone(),
                            view: view.clone(),
                            settled,
                            span: access.span,
                        });
                }
            }
        }
    }
    links
}

/// The service dependency graph the rule judges, as `service id → the service ids it depends
/// on` (calls, and reads or writes of tables another service may own). The evolution uses it to
/// avoid closing a cycle when it adds calls.
pub fn dependencies(architecture: &Architecture) -> BTreeMap<String, BTreeSet<String>> {
    let context = Context::new(architecture);
    links(&context)
        .into_iter()
        .map(|(from, to)| {
            (
                from.to_string(),
                to.into_keys().map(str::to_string).collect(),
            )
        })
        .collect()
}

/// The shortest cycle through `start` inside `members` (breadth-first, neighbours in id order).
fn cycle_through<'a>(
    start: &'a str,
    members: &BTreeSet<&'a str>,
    links: &Links<'a>,
) -> Vec<&'a str> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in links.get(node).into_iter().flat_map(|l| l.keys()) {
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
            if !previous.contains_key(next) {
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let links = links(context);
    let mut graph: DiGraph<&str, ()> = DiGraph::new();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for service in &context.architecture.services {
        index.insert(service.id.as_str(), graph.add_node(service.id.as_str()));
    }
    for (from, targets) in &links {
        for to in targets.keys() {
            if let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) {
                graph.add_edge(a, b, ());
            }
        }
    }
    let link = |from: &str, to: &str| links.get(from).and_then(|l| l.get(to));
    let mut findings = Vec::new();
    for component in tarjan_scc(&graph) {
        let members: BTreeSet<&str> = component
            .into_iter()
            .filter_map(|n| graph.node_weight(n).copied())
            .collect();
        let Some(&start) = members.first() else {
            continue;
        };
        if members.len() < 2 && link(start, start).is_none() {
            continue;
        }
        let path = cycle_through(start, &members, &links);
        let steps: Vec<(&str, &str)> = path
            .iter()
            .zip(path.iter().skip(1).chain(std::iter::once(&start)))
            .map(|(a, b)| (*a, *b))
            .collect();
        let mut walk: Vec<&str> = path.iter().map(|s| name(s)).collect();
        walk.push(name(start));
        let step_links: Vec<(&str, &str, &Link)> = steps
            .iter()
            .filter_map(|(a, b)| link(a, b).map(|l| (*a, *b, l)))
            .collect();
        let only_calls = step_links
            .iter()
            .all(|(_, _, l)| matches!(l, Link::Call(_)));
        let extra = if members.len() > path.len() {
            let knot = if only_calls { "knot of calls" } else { "knot" };
            format!(" ({} services in this {knot})", members.len())
        } else {
            String::new()
        };
        let message = if only_calls {
            format!("calls go round in a cycle: {}{extra}", walk.join(" → "))
        } else {
            let why: Vec<String> = step_links
                .iter()
                .map(|(a, b, l)| l.describe(a, b))
                .collect();
            format!(
                "services depend on each other in a cycle: {}{extra}; {}",
                walk.join(" → "),
                why.join("; ")
            )
        };
        let tables = step_links.iter().filter_map(|(_, _, l)| match l {
            Link::Call(_) => None,
            Link::Data { table, .. } => Some(table.clone()),
        });
        let cycle_spans: Vec<Span> = members
            .iter()
            .flat_map(|from| {
                links
                    .get(from)
                    .into_iter()
                    .flatten()
                    .filter(|(to, _)| members.contains(*to))
                    .map(|(_, l)| l.span())
            })
            .collect();
        let mut finding = Finding::new(
            Rule::CallCycle,
            Severity::Warning,
            message,
            members.iter().map(|s| s.to_string()).chain(tables),
            cycle_spans,
        );
        // Per member: removing an edge can split one knot into several, but never puts more
        // services in cycles, so the total cost cannot grow.
        finding.penalty = Rule::CallCycle.weight() * members.len() as u32;
        findings.push(finding);
    }
    findings
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
