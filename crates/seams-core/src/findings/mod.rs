//! Findings: every coupling smell of `docs/score.md`, one module per rule, each a pure function of
//! the [`Architecture`] and its table [`ownership`](crate::ownership).
//!
//! A [`Finding`] names its rule, severity, a one-sentence message, the element ids to highlight,
//! the score dimensions it hurts, the evolution stage that fixes it and the source spans it comes
//! from. Rules that compare owners use [`Owner::possible`](crate::ownership::Owner::possible), the
//! pessimistic set of services that may own a table, so that settling an owner only ever removes
//! findings (the score's monotonicity rests on this). Start at [`check`].

mod accept;
mod ambiguous_owner;
mod call_cycle;
pub mod column_type;
pub mod compare;
mod cross_owner_fk;
mod cross_owner_view;
mod duplicated_model;
mod foreign_read;
mod grant_mismatch;
mod model_drift;
mod no_owner;
mod orphan_event;
mod shared_database;
mod shared_write;

pub use accept::unmatched_acceptances;
pub use duplicated_model::finding_for as duplicate_finding;
pub use grant_mismatch::role_belongs_to;
pub use model_drift::finding_for as drift_finding;

use crate::diagnostic::Severity;
use crate::model::{Architecture, Table};
use crate::order;
use crate::order::Collect;
use crate::ownership::{self, Owner};
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A rule (`docs/score.md`, Rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A table written by two or more services.
    SharedWrite,
    /// A service reads a table another service owns (or whose owner is unsettled).
    ForeignRead,
    /// A table no service owns and none can be inferred.
    NoOwner,
    /// Several writers and no declaration: ownership cannot be inferred.
    AmbiguousOwner,
    /// A foreign key between tables of (possibly) different owners.
    CrossOwnerFk,
    /// A view reading tables of (possibly) different owners.
    CrossOwnerView,
    /// The same table modelled in two or more services.
    DuplicatedModel,
    /// A model disagrees with the DDL or another service's model.
    ModelDrift,
    /// Declared access exceeds or contradicts the schema's GRANTs.
    GrantMismatch,
    /// Several services connect to one database instance.
    SharedDatabase,
    /// A cycle in the service dependency graph (calls, and data access to tables another
    /// service may own).
    CallCycle,
    /// A topic published with no subscriber, or subscribed with no publisher.
    OrphanEvent,
}

impl Rule {
    /// Every rule, in the order of `docs/score.md`.
    pub const ALL: [Rule; 12] = [
        Rule::SharedWrite,
        Rule::ForeignRead,
        Rule::NoOwner,
        Rule::AmbiguousOwner,
        Rule::CrossOwnerFk,
        Rule::CrossOwnerView,
        Rule::DuplicatedModel,
        Rule::ModelDrift,
        Rule::GrantMismatch,
        Rule::SharedDatabase,
        Rule::CallCycle,
        Rule::OrphanEvent,
    ];

    /// The rule whose id is `name` (`shared-write`), if any.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == name.trim())
    }

    /// The rule id (`shared-write`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SharedWrite => "shared-write",
            Rule::ForeignRead => "foreign-read",
            Rule::NoOwner => "no-owner",
            Rule::AmbiguousOwner => "ambiguous-owner",
            Rule::CrossOwnerFk => "cross-owner-fk",
            Rule::CrossOwnerView => "cross-owner-view",
            Rule::DuplicatedModel => "duplicated-model",
            Rule::ModelDrift => "model-drift",
            Rule::GrantMismatch => "grant-mismatch",
            Rule::SharedDatabase => "shared-database",
            Rule::CallCycle => "call-cycle",
            Rule::OrphanEvent => "orphan-event",
        }
    }

    /// The dimensions the rule hurts (`docs/score.md`; grant-mismatch's "security" is counted under
    /// hidden contracts, the score having five dimensions).
    pub fn dimensions(self) -> &'static [Dimension] {
        use Dimension::*;
        match self {
            Rule::SharedWrite => &[TightCoupling, MigrationFriction, Scalability],
            Rule::ForeignRead => &[TightCoupling, HiddenContracts],
            Rule::NoOwner => &[HiddenContracts],
            Rule::AmbiguousOwner => &[MigrationFriction],
            Rule::CrossOwnerFk => &[MigrationFriction, Testing],
            Rule::CrossOwnerView => &[HiddenContracts, MigrationFriction],
            Rule::DuplicatedModel => &[TightCoupling, MigrationFriction],
            Rule::ModelDrift => &[HiddenContracts, Testing],
            Rule::GrantMismatch => &[HiddenContracts],
            Rule::SharedDatabase => &[Scalability],
            Rule::CallCycle => &[TightCoupling, Testing],
            Rule::OrphanEvent => &[HiddenContracts],
        }
    }

    /// The penalty one finding of this rule costs each dimension it hurts (see `docs/score.md`);
    /// for a call cycle, the cost per service in it.
    /// It depends on the rule only, never on severity, so a finding whose severity changes when
    /// an owner is settled cannot cost more afterwards.
    pub fn weight(self) -> u32 {
        match self {
            Rule::SharedWrite | Rule::SharedDatabase => 3,
            Rule::ForeignRead
            | Rule::AmbiguousOwner
            | Rule::DuplicatedModel
            | Rule::GrantMismatch => 2,
            Rule::NoOwner
            | Rule::CrossOwnerFk
            | Rule::CrossOwnerView
            | Rule::ModelDrift
            | Rule::OrphanEvent
            | Rule::CallCycle => 1,
        }
    }

    /// The evolution stage (`docs/evolution.md`) whose change removes the finding: 1 shared model
    /// library, 2 ownership and access rules, 3 API boundaries, 4 events.
    pub fn fixed_by_stage(self) -> u8 {
        match self {
            Rule::DuplicatedModel | Rule::ModelDrift => 1,
            Rule::NoOwner | Rule::AmbiguousOwner | Rule::SharedWrite | Rule::GrantMismatch => 2,
            Rule::ForeignRead | Rule::CrossOwnerFk | Rule::CrossOwnerView => 3,
            // Stage 3 turns the reads of a cycle into calls, the same cycle made visible; stage 4
            // replaces the read calls with events.
            Rule::SharedDatabase | Rule::OrphanEvent | Rule::CallCycle => 4,
        }
    }
}

/// A score dimension (`docs/score.md`, from the seed article's table of harms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// A change in one service silently breaks another.
    TightCoupling,
    /// Services depend on each other without a formal, visible contract.
    HiddenContracts,
    /// Schema changes need coordinated releases.
    MigrationFriction,
    /// Testing one service needs the others' data and code.
    Testing,
    /// Shared load and contention limit scaling one service alone.
    Scalability,
}

impl Dimension {
    /// Every dimension, in the order the score lists them.
    pub const ALL: [Dimension; 5] = [
        Dimension::TightCoupling,
        Dimension::HiddenContracts,
        Dimension::MigrationFriction,
        Dimension::Testing,
        Dimension::Scalability,
    ];

    /// The JSON key (`tight_coupling`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::TightCoupling => "tight_coupling",
            Dimension::HiddenContracts => "hidden_contracts",
            Dimension::MigrationFriction => "migration_friction",
            Dimension::Testing => "testing",
            Dimension::Scalability => "scalability",
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::TightCoupling => "tight coupling",
            Dimension::HiddenContracts => "hidden contracts",
            Dimension::MigrationFriction => "migration friction",
            Dimension::Testing => "testing",
            Dimension::Scalability => "scalability",
        }
    }
}

/// One finding: a smell, where it is, and what it costs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// One sentence naming the elements by short name.
    pub message: String,
    /// Ids of the elements to highlight, sorted and deduplicated.
    pub elements: Vec<String>,
    /// Dimensions hurt (the rule's).
    pub dimensions: Vec<Dimension>,
    /// The evolution stage that fixes it.
    pub fixed_by_stage: u8,
    /// Where the facts behind it were written, sorted and deduplicated.
    pub spans: Vec<Span>,
    /// What it costs each dimension it hurts: the rule's weight, times the members for a call
    /// cycle (see `docs/score.md`).
    pub penalty: u32,
    /// The reason given when the services file accepts it (`accept:`); an accepted finding is
    /// shown apart and not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
}

impl Finding {
    /// A finding of `rule` with its rule's dimensions and stage; elements and spans are sorted.
    pub fn new(
        rule: Rule,
        severity: Severity,
        message: String,
        elements: impl IntoIterator<Item = String>,
        spans: impl IntoIterator<Item = Span>,
    ) -> Self {
        let elements: BTreeSet<String> = elements.into_iter().collect_set();
        let spans: BTreeSet<Span> = spans.into_iter().collect_set();
        Finding {
            rule,
            severity,
            message,
            elements: elements.into_iter().collect(),
            dimensions: rule.dimensions().to_vec(),
            fixed_by_stage: rule.fixed_by_stage(),
            spans: spans.into_iter().collect(),
            penalty: rule.weight(),
            accepted: None,
        }
    }
}

/// What every rule needs besides the architecture: owners and the set of all service ids.
pub(crate) struct Context<'a> {
    pub architecture: &'a Architecture,
    pub owners: BTreeMap<String, Owner>,
    pub services: BTreeSet<String>,
    /// The services that could own a table nobody owns ([`ownership::candidate_owners`]).
    pub candidates: BTreeSet<String>,
    /// The `part_of` units of every service: a table nobody owns may go to any of them.
    every_unit: BTreeSet<String>,
    /// The `part_of` units of [`Context::candidates`].
    candidate_units: BTreeSet<String>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(architecture: &'a Architecture) -> Self {
        let services = architecture.service_ids();
        let candidates = ownership::candidate_owners(architecture);
        let units = |ids: &BTreeSet<String>| -> BTreeSet<String> {
            ids.iter()
                .map(|s| architecture.unit(s).to_string())
                .collect_set()
        };
        Context {
            architecture,
            owners: ownership::owners(architecture),
            every_unit: units(&services),
            candidate_units: units(&candidates),
            services,
            candidates,
        }
    }

    /// The owner of a table id (`Owner::None` for views and unknown ids).
    pub fn owner(&self, table: &str) -> &Owner {
        self.owners.get(table).unwrap_or(&Owner::None)
    }

    /// Whether every service that may own `table` ([`Owner::possible`]; for a table nobody
    /// owns, [`Context::candidates`]) is in `service`'s `part_of` unit; true when nobody may
    /// own it. For a table nobody owns this compares units gathered once, not every candidate
    /// per table: a large schema that services only read would otherwise cost tables ×
    /// services.
    pub fn only_unit_may_own(&self, table: &str, service: &str) -> bool {
        let unit = self.architecture.unit(service);
        match self.owner(table) {
            Owner::None => self.candidate_units.iter().all(|u| u == unit),
            owner => owner
                .possible(&self.candidates)
                .iter()
                .all(|p| self.architecture.unit(p) == unit),
        }
    }

    /// Whether two tables certainly have one and the same owner. With no services at all there
    /// is nothing to compare and the answer is yes. Two tables nobody owns may be given any two
    /// services, so here every service counts (not only [`Context::candidates`]): whether two
    /// tables belong together does not depend on who touches them today, and a later stage
    /// that settles owners can only remove these findings.
    pub fn same_owner(&self, a: &str, b: &str) -> bool {
        if self.services.is_empty() {
            return true;
        }
        match (self.sole_unit(a), self.sole_unit(b)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// The one `part_of` unit every service that may own `table` belongs to, if there is one.
    /// Compared as units: an API's table and its worker's are one owner's.
    fn sole_unit(&self, table: &str) -> Option<&str> {
        crate::work::step(1);
        let candidates: &[String] = match self.owner(table) {
            Owner::None => return one(&mut self.every_unit.iter().map(String::as_str)),
            Owner::Declared(s) | Owner::Inferred(s) => std::slice::from_ref(s),
            Owner::Ambiguous(candidates) => candidates,
        };
        one(&mut candidates.iter().map(|s| self.architecture.unit(s)))
    }
}

/// The item of an iterator whose items are all equal; None when empty or when two differ.
fn one<'s>(items: &mut dyn Iterator<Item = &'s str>) -> Option<&'s str> {
    let first = items.next()?;
    for item in items {
        if item != first {
            return None;
        }
    }
    Some(first)
}

/// Runs every rule over `architecture`. Sorted by severity, rule, elements, message: the same
/// input gives the same list.
pub fn check(architecture: &Architecture) -> Vec<Finding> {
    crate::pace::at_once(check_paced(architecture))
}

/// How a rule is run: over the whole model at once, or over its tables a part at a time.
#[derive(Clone, Copy)]
enum Checked {
    Whole(fn(&Context) -> Vec<Finding>),
    ByTables(fn(&Context, &[Arc<Table>]) -> Vec<Finding>),
}

/// The rules, in the order [`check`] runs them.
const RULES: [Checked; 12] = [
    Checked::Whole(shared_write::check),
    Checked::Whole(foreign_read::check),
    Checked::Whole(no_owner::check),
    Checked::Whole(ambiguous_owner::check),
    Checked::ByTables(cross_owner_fk::check),
    Checked::Whole(cross_owner_view::check),
    Checked::Whole(duplicated_model::check),
    Checked::Whole(model_drift::check),
    Checked::Whole(grant_mismatch::check),
    Checked::Whole(shared_database::check),
    Checked::Whole(call_cycle::check),
    Checked::Whole(orphan_event::check),
];

/// Tables a [`Checked::ByTables`] rule checks between two pauses of [`check_paced`].
const TABLES_BETWEEN_PAUSES: usize = 4_000;

/// [`check`], pausing before each rule, and within a rule checked by tables, between parts of
/// them ([`crate::pace`]): the page checks a large stage in pieces.
pub async fn check_paced(architecture: &Architecture) -> Vec<Finding> {
    let context = Context::new(architecture);
    let mut findings = Vec::new();
    for rule in RULES {
        crate::pace::pause().await;
        match rule {
            Checked::Whole(check) => findings.extend(check(&context)),
            Checked::ByTables(check) => {
                for tables in architecture.tables.chunks(TABLES_BETWEEN_PAUSES) {
                    findings.extend(check(&context, tables));
                    crate::pace::pause().await;
                }
            }
        }
    }
    crate::pace::pause().await;
    order::sort_by(&mut findings, |a, b| {
        (a.severity, a.rule, &a.elements, &a.message).cmp(&(
            b.severity,
            b.rule,
            &b.elements,
            &b.message,
        ))
    });
    findings.dedup();
    accept::apply(&architecture.accepted, &mut findings);
    findings
}

/// A short explanation of the smell behind `rule`, for the UI and SARIF rule help.
pub fn explain(rule: Rule) -> &'static str {
    match rule {
        Rule::SharedWrite => "Two or more services write the same table. Each can break the other's invariants, a schema change needs every writer to move in lock-step, and the writers contend for the same rows. This is the shared-persistence smell: give the table one owner and let the others send it commands.",
        Rule::ForeignRead => "A service reads a table that another service owns (or whose owner is not settled). The reader depends on the owner's private schema: a hidden contract that breaks silently when the owner changes it. This is inappropriate service intimacy: read through the owner's API or a published event instead.",
        Rule::NoOwner => "No service is declared to own the table and none writes it, so nobody is responsible for its schema or its data. Declare an owner in the services file.",
        Rule::AmbiguousOwner => "Several services write the table and none is declared its owner, so ownership cannot be inferred. Until one owner is chosen, every migration of the table needs all writers to agree.",
        Rule::CrossOwnerFk => "A foreign key ties tables of different owners (or tables whose owners are not settled). Neither side can migrate, split out or be tested alone: the database enforces a cross-service contract. Replace the constraint by a plain reference checked through the owner's API.",
        Rule::CrossOwnerView => "A view joins tables of different owners (or of unsettled ownership). It is an undeclared integration point: changing either side's table can break the view and whoever reads it.",
        Rule::DuplicatedModel => "The same table is modelled separately in several services' code. Each copy must be changed with the schema, and they drift apart. Move the model into one shared library first, then give the table one owner.",
        Rule::ModelDrift => "A model disagrees with the DDL or with another service's model of the same table (a column missing, a different type family, nullability or key). Code that believes the model fails at run time or writes wrong data.",
        Rule::GrantMismatch => "The services file says a service reads or writes a table, but the role that service connects as has no such GRANT (or only SELECT for a write). Either the declaration or the database's access rules are wrong, and the real access rules are invisible to readers of the services file.",
        Rule::SharedDatabase => "Several services connect to one database instance: their load, locks, connection limits and maintenance windows are shared, so none can be scaled, moved or upgraded alone. This is the shared-persistence smell at the instance level.",
        Rule::CallCycle => "Services depend on each other in a cycle, by calls or by reading and writing each other's tables (a hidden call): none can be deployed, tested or reasoned about alone, and a failure or a schema change can circle. This is the cyclic-dependency smell. Events with local read models break a cycle of reads; commands going both ways need a boundary redrawn.",
        Rule::OrphanEvent => "An event is published with nobody subscribing, or subscribed to with nobody publishing (in the described services). Either a consumer or producer is missing from the description, or the contract is dead.",
    }
}

/// The literature source of the smell behind `rule` (a citation a person can look up).
pub fn source(rule: Rule) -> &'static str {
    const TAIBI: &str = "Taibi, D. and Lenarduzzi, V. (2018). On the Definition of Microservice Bad Smells. IEEE Software 35(3), 56-62. doi:10.1109/MS.2018.2141031";
    match rule {
        Rule::SharedWrite | Rule::SharedDatabase | Rule::ForeignRead | Rule::CallCycle => TAIBI,
        Rule::NoOwner | Rule::AmbiguousOwner | Rule::CrossOwnerFk | Rule::CrossOwnerView | Rule::GrantMismatch => {
            "Newman, S. (2021). Building Microservices, 2nd ed., ch. 3 (information hiding, database per service); Taibi and Lenarduzzi (2018), shared persistence"
        }
        Rule::DuplicatedModel | Rule::ModelDrift => {
            "Taibi, D. and Lenarduzzi, V. (2018). On the Definition of Microservice Bad Smells (shared libraries; shared persistence). IEEE Software 35(3)"
        }
        Rule::OrphanEvent => {
            "Hohpe, G. and Woolf, B. (2003). Enterprise Integration Patterns: Publish-Subscribe Channel, Dead Letter Channel"
        }
    }
}

/// The short display name of an element id (`users` for `table:public.users`, `app-a` for
/// `service:app-a`), read by [`crate::ident::short_name`].
pub(crate) fn name(id: &str) -> std::borrow::Cow<'_, str> {
    crate::ident::short_name(id)
}

/// Joins names as `a and b` or `a, b and c`.
pub(crate) fn join_and<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    let names: Vec<S> = names.into_iter().collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use crate::ownership::tests::Arch;

    /// Runs every rule and returns the messages of `rule`'s findings, sorted.
    pub(crate) fn messages(architecture: &Architecture, rule: Rule) -> Vec<String> {
        let mut m: Vec<String> = check(architecture)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.message)
            .collect();
        order::sort(&mut m);
        m
    }

    /// Asserts `rule`'s messages on `architecture`.
    pub(crate) fn check_rule(architecture: Architecture, rule: Rule, expected: &[&str]) {
        assert_eq!(messages(&architecture, rule), expected, "rule {rule:?}");
    }

    #[test]
    fn work_grows_linearly_with_tables_nobody_owns() {
        // Every service reads nine tables nobody writes, each with a foreign key to another
        // such table: comparing owners took every service per key and per read (3.9× before).
        crate::work::assert_linear(200, crate::work::read_only_architecture, check);
    }

    #[test]
    fn the_seed_example_has_foreign_read_and_shared_database() {
        let arch = crate::ownership::tests::seed();
        let findings = check(&arch);
        let read = findings
            .iter()
            .find(|f| f.rule == Rule::ForeignRead)
            .unwrap();
        assert_eq!(read.message, "app-a reads users, which app-b owns");
        assert_eq!(read.elements, vec!["service:app-a", "table:users"]);
        assert_eq!(read.fixed_by_stage, 3);
        assert!(findings.iter().any(|f| f.rule == Rule::SharedDatabase));
        assert!(!findings.iter().any(|f| f.rule == Rule::SharedWrite));
    }

    #[test]
    fn every_rule_has_an_explanation_dimensions_and_a_stage() {
        for rule in Rule::ALL {
            assert!(explain(rule).len() > 40, "{rule:?}");
            assert!(!source(rule).is_empty());
            assert!(!rule.dimensions().is_empty());
            assert!((1..=4).contains(&rule.fixed_by_stage()));
        }
    }

    #[test]
    fn findings_are_sorted_and_deterministic() {
        let build = || {
            Arch::new()
                .table("users")
                .table("orders")
                .service("a")
                .service("b")
                .writes("a", "users")
                .writes("b", "users")
                .reads("a", "orders")
                .fk("orders", "users")
                .build()
        };
        let first = check(&build());
        assert_eq!(first, check(&build()));
        let mut sorted = first.clone();
        order::sort_by(&mut sorted, |a, b| {
            (a.severity, a.rule, &a.elements).cmp(&(b.severity, b.rule, &b.elements))
        });
        assert_eq!(
            first.iter().map(|f| f.rule).collect::<Vec<_>>(),
            sorted.iter().map(|f| f.rule).collect::<Vec<_>>()
        );
    }
}
