//! `duplicated-model`: the same table modelled in two or more services' code. The facts come from
//! [`crate::findings::compare::duplicates`]; this module only turns each into a finding.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::findings::compare::{duplicates, Duplicate};

/// The finding for one duplicate (pure, so the mapping is tested without the ORM reader).
pub fn finding_for(duplicate: &Duplicate) -> Finding {
    Finding::new(
        Rule::DuplicatedModel,
        Severity::Warning,
        format!(
            "{} is modelled separately in {}",
            name(&duplicate.table),
            join_and(duplicate.services.iter().map(|s| name(s)))
        ),
        duplicate
            .services
            .iter()
            .cloned()
            .chain(std::iter::once(duplicate.table.clone())),
        duplicate.spans.iter().copied(),
    )
}

/// Services importing one shared model (every link of the table has the same source path, as
/// after the evolution's stage 1) do not duplicate it: the model exists once.
pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let models = &context.architecture.models;
    duplicates(context.architecture)
        .iter()
        .filter(|d| {
            let mut paths = models
                .iter()
                .filter(|l| l.table == d.table)
                .map(|l| l.model.path.as_str());
            let first = paths.next();
            paths.any(|p| Some(p) != first)
        })
        .map(finding_for)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Pane, Span};

    #[test]
    fn maps_a_duplicate_to_a_finding() {
        let duplicate = Duplicate {
            table: "table:public.users".into(),
            services: vec!["service:app-a".into(), "service:app-b".into()],
            spans: vec![Span::new(Pane::Models, 9, 1), Span::new(Pane::Models, 2, 1)],
        };
        let f = finding_for(&duplicate);
        assert_eq!(f.message, "users is modelled separately in app-a and app-b");
        assert_eq!(
            f.elements,
            vec!["service:app-a", "service:app-b", "table:public.users"]
        );
        assert_eq!(f.fixed_by_stage, 1);
        assert_eq!(f.spans.first().map(|s| s.line), Some(2));
    }
}
