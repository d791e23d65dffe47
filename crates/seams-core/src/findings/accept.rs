//! Accepted findings: the services file's `accept:` entries (a rule, the elements, a reason)
//! mark the findings of that rule that name every one of those elements as accepted. An accepted
//! finding is kept, with its reason, and shown apart; the score leaves it out. An entry that
//! matches no finding is a warning at its line, so a stale acceptance does not linger.

use super::{Finding, Rule};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::ident;
use crate::model::{Acceptance, Architecture};

/// Whether `acceptance` covers `finding`: the same rule, and every element it names is one of
/// the finding's.
fn covers(acceptance: &Acceptance, finding: &Finding) -> bool {
    Rule::from_name(&acceptance.rule) == Some(finding.rule)
        && acceptance
            .elements
            .iter()
            .all(|e| finding.elements.binary_search(e).is_ok())
}

/// Marks every finding an entry of `accepted` covers with that entry's reason (the first entry
/// in file order that covers it).
pub(super) fn apply(accepted: &[Acceptance], findings: &mut [Finding]) {
    if accepted.is_empty() {
        return;
    }
    for finding in findings.iter_mut() {
        finding.accepted = accepted
            .iter()
            .find(|a| covers(a, finding))
            .map(|a| a.reason.clone());
    }
}

/// A warning for each `accept:` entry of `architecture` that covers none of `findings` (the
/// findings of that architecture): an unknown rule says so, with the nearest rule's name.
pub fn unmatched_acceptances(architecture: &Architecture, findings: &[Finding]) -> Vec<Diagnostic> {
    architecture
        .accepted
        .iter()
        .filter(|a| !findings.iter().any(|f| covers(a, f)))
        .map(|a| {
            let message = match Rule::from_name(&a.rule) {
                None => {
                    let hint = did_you_mean(&a.rule, Rule::ALL.iter().map(|r| r.as_str()))
                        .map(|near| format!(" (did you mean `{near}`?)"))
                        .unwrap_or_default();
                    format!(
                        "unknown rule `{}` in `accept`{hint}; it accepts nothing",
                        a.rule
                    )
                }
                Some(rule) => {
                    let names: Vec<String> = a
                        .elements
                        .iter()
                        .map(|e| format!("`{}`", ident::short_name(e)))
                        .collect();
                    let naming = if names.is_empty() {
                        String::new()
                    } else {
                        format!(" naming {}", names.join(", "))
                    };
                    format!(
                        "this `accept` matches no finding: there is no {}{naming}; remove it",
                        rule.as_str()
                    )
                }
            };
            Diagnostic::warning(a.span, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::findings::{check, unmatched_acceptances, Rule};
    use crate::ingest::{ingest, Inputs};
    use crate::score;

    const SCHEMA: &str = "CREATE TABLE orders (id int);\nCREATE TABLE payments (id int);\n";

    /// A read of another owner's table plus a call back: a call cycle by the rules.
    fn services(accept: &str) -> String {
        format!(
            "version: 1\nservices:\n  orders:\n    writes: [orders]\n    calls: [payments]\n  \
             payments:\n    writes: [payments]\n    reads: [orders]\n{accept}"
        )
    }

    fn run(accept: &str) -> crate::Architecture {
        ingest(Inputs {
            schema: SCHEMA,
            services: &services(accept),
            ..Inputs::default()
        })
    }

    #[test]
    fn an_accepted_finding_is_kept_with_its_reason_and_not_scored() {
        let plain = run("");
        let found = check(&plain);
        let cycle = found.iter().find(|f| f.rule == Rule::CallCycle);
        assert!(cycle.is_some_and(|f| f.accepted.is_none()), "{found:?}");
        let accepted = run(
            "accept:\n  - rule: call-cycle\n    elements: [orders, payments]\n    reason: payments checks orders by design\n",
        );
        assert!(
            accepted.diagnostics.is_empty(),
            "{:?}",
            accepted.diagnostics
        );
        let found = check(&accepted);
        let cycle = found.iter().find(|f| f.rule == Rule::CallCycle);
        assert_eq!(
            cycle.and_then(|f| f.accepted.as_deref()),
            Some("payments checks orders by design")
        );
        // Only the cycle is accepted: the foreign read stays.
        assert!(found
            .iter()
            .any(|f| f.rule == Rule::ForeignRead && f.accepted.is_none()));
        let before = score::score(&plain);
        let after = score::score(&accepted);
        assert!(after.overall > before.overall, "{before:?} {after:?}");
        assert!(unmatched_acceptances(&accepted, &found).is_empty());
    }

    #[test]
    fn an_entry_that_matches_nothing_is_a_warning_at_its_line() {
        let arch = run(
            "accept:\n  - rule: shared-write\n    elements: [orders]\n    reason: old\n  - rule: call-cycles\n    reason: typo\n",
        );
        let found = check(&arch);
        assert!(found.iter().all(|f| f.accepted.is_none()));
        let warnings: Vec<String> = unmatched_acceptances(&arch, &found)
            .iter()
            .map(|d| format!("{}: {}", d.span.line, d.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "10: this `accept` matches no finding: there is no shared-write naming `orders`; remove it",
                "13: unknown rule `call-cycles` in `accept` (did you mean `call-cycle`?); it accepts nothing",
            ]
        );
    }

    /// A shared database a service declares is accepted by its id, as its finding names it.
    #[test]
    fn a_declared_database_is_named_by_its_id() {
        let arch = ingest(Inputs {
            schema: SCHEMA,
            services: "version: 1\nservices:\n  orders:\n    database: shop-db\n    writes: [orders]\n  \
                       payments:\n    database: shop-db\n    writes: [payments]\naccept:\n  - rule: \
                       shared-database\n    elements: [db:shop-db]\n    reason: one server for now\n",
            ..Inputs::default()
        });
        assert!(arch.diagnostics.is_empty(), "{:?}", arch.diagnostics);
        let found = check(&arch);
        let shared = found.iter().find(|f| f.rule == Rule::SharedDatabase);
        assert_eq!(
            shared.and_then(|f| f.accepted.as_deref()),
            Some("one server for now"),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_element_drops_the_entry_with_a_warning() {
        let arch =
            run("accept:\n  - rule: call-cycle\n    elements: [orders, paymnts]\n    reason: x\n");
        assert!(arch.accepted.is_empty());
        assert_eq!(arch.diagnostics.len(), 1, "{:?}", arch.diagnostics);
        assert!(arch.diagnostics[0]
            .message
            .contains("unknown element `paymnts`"));
        assert_eq!(arch.diagnostics[0].span.line, 11);
    }
}

#[cfg(test)]
mod candidate_tests {
    use crate::findings::{check, Rule};
    use crate::ingest::{ingest, Inputs};

    /// A gateway that touches no table calls `orders`, which reads `ledger`, a table nobody
    /// writes. Were every service a possible owner of `ledger`, `orders` would depend on the
    /// gateway through it: a call cycle and a foreign read that name the gateway.
    #[test]
    fn a_service_that_touches_no_table_is_never_a_possible_owner() {
        let arch = ingest(Inputs {
            schema: "CREATE TABLE ledger (id int);",
            services: "version: 1\nservices:\n  gateway:\n    calls: [orders]\n  orders:\n    reads: [ledger]\n",
            ..Inputs::default()
        });
        let found = check(&arch);
        // (Both services still share the default database: that rule is not about owners.)
        assert!(
            found
                .iter()
                .filter(|f| f.rule != Rule::SharedDatabase)
                .all(|f| !f.elements.contains(&"service:gateway".to_string())),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|f| f.rule == Rule::CallCycle),
            "{found:?}"
        );
        // The table still has no owner: that finding stays.
        assert!(found.iter().any(|f| f.rule == Rule::NoOwner), "{found:?}");
    }
}
