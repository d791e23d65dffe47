//! Score tests: calibration on hand-built systems, and properties over generated architectures
//! (fixing a finding's cause never lowers a score; renaming changes nothing; determinism).

use super::*;
use crate::model::Call;
use crate::order;
use crate::ownership::tests::Arch;
use crate::ownership::{owners, Owner};
use crate::source::{Pane, Span};
use proptest::prelude::*;

fn all_at_least(after: &Score, before: &Score) -> bool {
    after.overall >= before.overall
        && Dimension::ALL
            .iter()
            .all(|&d| after.dimension(d) >= before.dimension(d))
}

#[test]
fn a_small_shared_mess_scores_low_and_a_large_bounded_system_high() {
    let mut mess = Arch::new().service("a").service("b");
    for t in ["users", "orders", "messages"] {
        mess = mess
            .table(t)
            .writes("a", t)
            .writes("b", t)
            .reads("a", t)
            .reads("b", t);
    }
    let mess = mess.fk("orders", "users").build();
    let low = score(&mess);
    // 3 shared-write (3) + 3 ambiguous-owner (2) + 6 foreign-read (2) + 1 cross-owner-fk (1)
    // + 1 shared-database (3) = 31; size 5: 100 · 2.5 / 33.5 = 7.
    assert_eq!(low.overall, 7, "{low:?}");

    let mut big = Arch::new();
    for s in 0..10 {
        big = big.service(&format!("s{s}"));
        for t in 0..50 {
            let table = format!("t{s}_{t}");
            big = big.table(&table).writes(&format!("s{s}"), &table);
            if t > 0 {
                big = big.fk(&table, &format!("t{s}_0"));
            }
        }
    }
    let mut big = big.build();
    for (i, s) in big.services.iter_mut().enumerate() {
        s.databases = vec![format!("db:s{i}")];
    }
    assert!(findings::check(&big).is_empty());
    assert_eq!(score(&big).overall, 100);
    // One foreign read in a 510-element system barely moves it.
    if let Some(s) = big.services.first_mut() {
        s.reads.push(crate::model::Access {
            table: "table:t1_0".into(),
            span: Span::start(Pane::Services),
            from_query: false,
            insert_only: false,
            shapes: Vec::new(),
        });
    }
    assert!(score(&big).overall >= 99, "{:?}", score(&big));
}

#[test]
fn the_curve_is_the_documented_formula() {
    // 100 · 0.5·4 / (0.5·4 + 2) = 50
    assert_eq!(curve(4, 2), 50);
    assert_eq!(curve(4, 0), 100);
    assert_eq!(curve(1, 1000), 0);
    assert_eq!(curve(10_000, 1), 99);
}

/// A generated architecture, as plain indices so it can be built under any naming.
#[derive(Debug, Clone)]
struct Spec {
    services: usize,
    tables: usize,
    writes: Vec<(usize, usize)>,
    reads: Vec<(usize, usize)>,
    fks: Vec<(usize, usize)>,
    owners: Vec<(usize, usize)>,
    calls: Vec<(usize, usize)>,
    databases: Vec<usize>,
    views: Vec<Vec<usize>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..5, 1usize..8).prop_flat_map(|(services, tables)| {
        let pair = move |a: usize, b: usize| (0..a, 0..b);
        (
            prop::collection::vec(pair(services, tables), 0..10),
            prop::collection::vec(pair(services, tables), 0..10),
            prop::collection::vec(pair(tables, tables), 0..8),
            prop::collection::vec(pair(tables, services), 0..3),
            prop::collection::vec(pair(services, services), 0..6),
            prop::collection::vec(0usize..2, services),
            prop::collection::vec(prop::collection::vec(0..tables, 1..3), 0..3),
        )
            .prop_map(
                move |(writes, reads, fks, owners, calls, databases, views)| Spec {
                    services,
                    tables,
                    writes,
                    reads,
                    fks,
                    owners,
                    calls,
                    databases,
                    views,
                },
            )
    })
}

/// Builds the architecture, naming service `i` and table `i` through `name`.
fn build(spec: &Spec, name: &dyn Fn(&str, usize) -> String) -> Architecture {
    let s = |i: usize| name("s", i);
    let t = |i: usize| name("t", i);
    let mut arch = Arch::new();
    for i in 0..spec.services {
        arch = arch.service(&s(i));
    }
    for i in 0..spec.tables {
        arch = arch.table(&t(i));
    }
    for &(a, b) in &spec.writes {
        arch = arch.writes(&s(a), &t(b));
    }
    for &(a, b) in &spec.reads {
        arch = arch.reads(&s(a), &t(b));
    }
    for &(a, b) in &spec.fks {
        arch = arch.fk(&t(a), &t(b));
    }
    for &(a, b) in &spec.owners {
        arch = arch.owns(&t(a), &s(b));
    }
    for (i, v) in spec.views.iter().enumerate() {
        let reads: Vec<String> = v.iter().map(|&x| format!("table:{}", t(x))).collect();
        let reads: Vec<&str> = reads.iter().map(String::as_str).collect();
        arch = arch.view(&name("v", i), &reads);
    }
    let mut arch = arch.build();
    for service in &mut arch.services {
        let index = (0..spec.services).find(|&i| s(i) == service.name);
        if let Some(i) = index {
            service.databases = vec![format!(
                "db:d{}",
                spec.databases.get(i).copied().unwrap_or(0)
            )];
            for &(a, b) in spec.calls.iter().filter(|(a, _)| *a == i) {
                let _ = a;
                service.calls.push(Call {
                    service: format!("service:{}", s(b)),
                    endpoint: None,
                    span: Span::new(Pane::Services, 3, 3),
                });
            }
            order::sort(&mut service.calls);
            service.calls.dedup_by(|x, y| x.service == y.service);
        }
        service.reads.dedup_by(|x, y| x.table == y.table);
        service.writes.dedup_by(|x, y| x.table == y.table);
    }
    arch
}

fn plain(prefix: &str, i: usize) -> String {
    format!("{prefix}{i}")
}

/// Every way to remove one finding's cause, as a changed architecture.
fn fixes(spec: &Spec) -> Vec<Architecture> {
    let base = build(spec, &plain);
    let mut out = Vec::new();
    let writers = |arch: &Architecture, table: &str| {
        arch.services
            .iter()
            .filter(|s| s.writes_table(table))
            .count()
    };
    // Drop one write of a table with several writers (shared-write).
    for (i, &(_, b)) in spec.writes.iter().enumerate() {
        if writers(&base, &format!("table:t{b}")) >= 2 {
            let mut next = spec.clone();
            next.writes.remove(i);
            out.push(build(&next, &plain));
        }
    }
    // Drop one read (foreign-read), one foreign key (cross-owner-fk), one call (call-cycle).
    for i in 0..spec.reads.len() {
        let mut next = spec.clone();
        next.reads.remove(i);
        out.push(build(&next, &plain));
    }
    for i in 0..spec.fks.len() {
        let mut next = spec.clone();
        next.fks.remove(i);
        out.push(build(&next, &plain));
    }
    for i in 0..spec.calls.len() {
        let mut next = spec.clone();
        next.calls.remove(i);
        out.push(build(&next, &plain));
    }
    // Give one service a database of its own (shared-database).
    for i in 0..spec.services {
        let mut next = spec.clone();
        if let Some(d) = next.databases.get_mut(i) {
            *d = 100 + i;
        }
        out.push(build(&next, &plain));
    }
    // Declare an owner, among the candidates, for a table with an unsettled owner
    // (no-owner, ambiguous-owner). A service that touches no table is no candidate: declaring
    // it the owner of a table others read adds a true foreign read.
    let all = crate::ownership::candidate_owners(&base);
    for (table, owner) in owners(&base) {
        if matches!(owner, Owner::Ambiguous(_) | Owner::None) {
            for candidate in owner.possible(&all) {
                let (Some(t), Some(s)) = (
                    table.strip_prefix("table:t").and_then(|x| x.parse().ok()),
                    candidate
                        .strip_prefix("service:s")
                        .and_then(|x| x.parse().ok()),
                ) else {
                    continue;
                };
                let mut next = spec.clone();
                next.owners.push((t, s));
                out.push(build(&next, &plain));
            }
        }
    }
    out
}

proptest! {
    #[test]
    fn removing_a_cause_never_lowers_any_score(spec in spec()) {
        let before = score(&build(&spec, &plain));
        for fixed in fixes(&spec) {
            let after = score(&fixed);
            prop_assert!(all_at_least(&after, &before), "before {:?} after {:?}", before, after);
        }
    }

    #[test]
    fn renaming_elements_does_not_change_the_score(spec in spec(), salt in 0usize..1000) {
        // Reversed, salted names change every id and the sort order of everything.
        let renamed = |prefix: &str, i: usize| format!("{}{}x{}", prefix.to_uppercase(), 999 - i, salt);
        let a = build(&spec, &plain);
        let b = build(&spec, &renamed);
        prop_assert_eq!(score(&a), score(&b));
        let count = |arch: &Architecture| {
            let mut rules: Vec<_> = findings::check(arch).iter().map(|f| (f.rule, f.severity)).collect();
            order::sort(&mut rules);
            rules
        };
        prop_assert_eq!(count(&a), count(&b));
    }

    #[test]
    fn output_is_deterministic(spec in spec()) {
        let a = build(&spec, &plain);
        let b = build(&spec, &plain);
        prop_assert_eq!(findings::check(&a), findings::check(&b));
        prop_assert_eq!(
            crate::report::check_json(&a),
            crate::report::check_json(&b)
        );
    }
}
