//! `cross-owner-view`: a view reading tables (directly or through other views) whose owners
//! differ or may differ. Warning when every owner is certain, info otherwise.

use super::{name, Context, Finding, Rule};
use crate::dependencies::base_tables;
use crate::diagnostic::Severity;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for view in &context.architecture.views {
        let tables: Vec<String> = base_tables(context.architecture, &view.id)
            .into_iter()
            .collect();
        let Some(first) = tables.first() else {
            continue;
        };
        if tables.iter().all(|t| context.same_owner(first, t)) {
            continue;
        }
        let certain = tables.iter().all(|t| context.owner(t).certain().is_some());
        let parts: Vec<String> = tables
            .iter()
            .map(|t| format!("{} (owner: {})", name(t), context.owner(t).describe()))
            .collect();
        findings.push(Finding::new(
            Rule::CrossOwnerView,
            if certain {
                Severity::Warning
            } else {
                Severity::Info
            },
            format!(
                "view {} reads {}",
                name(&view.id),
                super::join_and(parts.iter().map(String::as_str))
            ),
            std::iter::once(view.id.clone()).chain(tables.iter().cloned()),
            [view.span],
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;

    #[test]
    fn fires_for_views_across_owners_even_through_views() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("b", "users")
            .writes("a", "orders")
            .view("user_orders", &["table:users", "view:recent_orders"])
            .view("recent_orders", &["table:orders"])
            .build();
        check_rule(
            arch,
            Rule::CrossOwnerView,
            &["view user_orders reads orders (owner: a) and users (owner: b)"],
        );
    }

    #[test]
    fn silent_for_one_owners_tables() {
        let arch = Arch::new()
            .table("users")
            .table("orders")
            .service("a")
            .service("b")
            .writes("a", "users")
            .writes("a", "orders")
            .view("user_orders", &["table:users", "table:orders"])
            .build();
        check_rule(arch, Rule::CrossOwnerView, &[]);
    }
}
