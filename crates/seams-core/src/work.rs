//! A count of the steps the analyses take, for tests only: a test runs a function on an input
//! and on one twice as large and checks the count at most about doubles, so growth faster than
//! linear is caught without a clock (timing belongs to the benchmarks, `benches/scaling.rs`).
//! [`step`] marks a visit of one element in a loop; outside tests it compiles to nothing.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Records `n` steps of work (a test-only count; nothing outside tests).
#[inline(always)]
pub(crate) fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|steps| steps.set(steps.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// The steps `f` took on this thread.
#[cfg(test)]
pub(crate) fn count<T>(f: impl FnOnce() -> T) -> u64 {
    let before = STEPS.with(std::cell::Cell::get);
    drop(f());
    STEPS.with(std::cell::Cell::get) - before
}

/// Fails unless `run` on `build(2n)` takes at most 2.2 times the steps it takes on `build(n)`
/// for `n` = `small` (growth faster than linear would show as a larger ratio). Only `run` is
/// counted.
#[cfg(test)]
pub(crate) fn assert_linear<S, T>(small: usize, build: impl Fn(usize) -> S, run: impl Fn(&S) -> T) {
    let (small_input, large_input) = (build(small), build(2 * small));
    let (once, twice) = (count(|| run(&small_input)), count(|| run(&large_input)));
    assert!(once > 0, "no work counted");
    assert!(
        twice as f64 <= 2.2 * once as f64,
        "doubling the input from {small} took {once} → {twice} steps ({:.2}×)",
        twice as f64 / once as f64
    );
}

/// The schema and services text of a system of `n` services: service k writes table k (whose
/// foreign key points at table k / 4), reads two others, publishes its own topic, subscribes to
/// the next service's and calls the next service. The same shape as `benches/scaling.rs`.
#[cfg(test)]
pub(crate) fn system(n: usize) -> (String, String) {
    use std::fmt::Write as _;
    let mut schema = String::new();
    let mut services = String::from("version: 1\nservices:\n");
    for k in 0..n {
        let next = (k + 1) % n;
        let _ = writeln!(
            schema,
            "CREATE TABLE t{k} (id bigint PRIMARY KEY, up bigint REFERENCES t{}(id));",
            k / 4
        );
        let _ = writeln!(
            services,
            "  svc-{k}: {{writes: [t{k}], reads: [t{}, t{}], publishes: [e{k}.done], \
             subscribes: [e{next}.done], calls: [{{svc-{next}: GET /x}}]}}",
            (k * 7 + 3) % n,
            (k * 13 + 5) % n
        );
    }
    (schema, services)
}

/// [`system`] read into its model.
#[cfg(test)]
pub(crate) fn system_architecture(n: usize) -> crate::model::Architecture {
    let (schema, services) = system(n);
    read_system(&schema, &services, n)
}

/// A generated system's schema and services read into its model, which must hold `n`
/// services.
#[cfg(test)]
fn read_system(schema: &str, services: &str, n: usize) -> crate::model::Architecture {
    let architecture = crate::ingest::ingest(crate::ingest::Inputs {
        schema,
        services,
        ..Default::default()
    });
    assert_eq!(architecture.services.len(), n);
    architecture
}

/// A system of `n` services over `10 n` tables that mostly nobody owns: service k writes table
/// 10k and reads the nine after it, and table i has a foreign key to table i / 2. The shape of
/// a large schema that its services only read (the page's large-paste budget).
#[cfg(test)]
pub(crate) fn read_only_architecture(n: usize) -> crate::model::Architecture {
    use std::fmt::Write as _;
    let mut schema = String::new();
    let mut services = String::from("version: 1\nservices:\n");
    for i in 0..10 * n {
        let _ = writeln!(
            schema,
            "CREATE TABLE t{i} (id bigint PRIMARY KEY, up bigint REFERENCES t{}(id));",
            i / 2
        );
    }
    for k in 0..n {
        let reads: Vec<String> = (1..10).map(|j| format!("t{}", 10 * k + j)).collect();
        let _ = writeln!(
            services,
            "  svc-{k}: {{writes: [t{}], reads: [{}]}}",
            10 * k,
            reads.join(", ")
        );
    }
    read_system(&schema, &services, n)
}
