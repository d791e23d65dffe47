//! `model-drift`: a model disagrees with the DDL or with another service's model of the same
//! table. The facts come from [`crate::findings::compare::drifts`]; this module only words them.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::findings::compare::{drifts, Drift, DriftAgainst, DriftKind};

/// The finding for one drift (pure, so the mapping is tested without the ORM reader).
pub fn finding_for(drift: &Drift) -> Finding {
    let against = match &drift.against {
        DriftAgainst::Ddl => String::from("the DDL"),
        DriftAgainst::Service(other) => format!("{}'s model", name(other)),
    };
    let what = match drift.kind {
        DriftKind::MissingColumn => "lacks column",
        DriftKind::ExtraColumn => "has an extra column",
        DriftKind::TypeFamily => "differs in the type of",
        DriftKind::Nullability => "differs in the nullability of",
        DriftKind::PrimaryKey => "differs in the primary key on",
    };
    let detail = if drift.detail.is_empty() {
        String::new()
    } else {
        format!(" ({})", drift.detail)
    };
    let mut elements = vec![drift.service.clone(), drift.table.clone()];
    if let DriftAgainst::Service(other) = &drift.against {
        elements.push(other.clone());
    }
    Finding::new(
        Rule::ModelDrift,
        Severity::Warning,
        format!(
            "{}'s model of {} {what} {} compared with {against}{detail}",
            name(&drift.service),
            name(&drift.table),
            drift.column
        ),
        elements,
        drift.spans.iter().copied(),
    )
}

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    drifts(context.architecture)
        .iter()
        .map(finding_for)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Pane, Span};

    fn drift(kind: DriftKind, against: DriftAgainst, detail: &str) -> Drift {
        Drift {
            table: "table:users".into(),
            service: "service:app-a".into(),
            column: "status".into(),
            kind,
            against,
            detail: detail.into(),
            spans: vec![Span::new(Pane::Models, 4, 5), Span::new(Pane::Schema, 1, 1)],
        }
    }

    #[test]
    fn words_drift_against_ddl_and_other_models() {
        let f = finding_for(&drift(
            DriftKind::TypeFamily,
            DriftAgainst::Ddl,
            "DDL says integer, model says String",
        ));
        assert_eq!(
            f.message,
            "app-a's model of users differs in the type of status compared with the DDL (DDL says integer, model says String)"
        );
        assert_eq!(f.elements, vec!["service:app-a", "table:users"]);
        let f = finding_for(&drift(
            DriftKind::MissingColumn,
            DriftAgainst::Service("service:app-b".into()),
            "",
        ));
        assert_eq!(
            f.message,
            "app-a's model of users lacks column status compared with app-b's model"
        );
        assert_eq!(
            f.elements,
            vec!["service:app-a", "service:app-b", "table:users"]
        );
        assert_eq!(f.spans.len(), 2);
    }
}
