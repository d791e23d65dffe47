//! `grant-mismatch`: the services file says a service reads or writes a table, but the schema's
//! GRANTs say its database role may not. Judged only when the schema creates roles or grants.
//!
//! A role belongs to a service when their names match the way service names do
//! ([`crate::ident::service_key`]: case and `-`/`_` ignored), also after dropping a `_role` or
//! `_user` suffix (`app_a`, `app_a_role`, `app_a_user` all belong to `app-a`). Grants to `PUBLIC`
//! count for every role. GRANTs and REVOKEs apply in input order. A service with no matching role
//! is not judged.

use super::{name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::ident::service_key;
use crate::model::Privilege;
use crate::order::Collect;
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

const ALL: [Privilege; 7] = [
    Privilege::Select,
    Privilege::Insert,
    Privilege::Update,
    Privilege::Delete,
    Privilege::Truncate,
    Privilege::References,
    Privilege::Trigger,
];

/// The service key a role name stands for (`app_a_role` → `app-a`), for each reading.
fn role_keys(role: &str) -> Vec<String> {
    let key = service_key(role);
    let mut keys = vec![key.clone()];
    for suffix in ["-role", "-user"] {
        if let Some(stem) = key.strip_suffix(suffix) {
            if !stem.is_empty() {
                keys.push(stem.to_string());
            }
        }
    }
    keys
}

/// Whether the database role `role` belongs to the service named `service` (the matching this
/// rule judges by), so the evolution can grant a service's roles what its new tables need.
pub fn role_belongs_to(role: &str, service: &str) -> bool {
    !role.eq_ignore_ascii_case("public") && role_keys(role).contains(&service_key(service))
}

/// What one role may do on each object, with the grant statements that said so.
#[derive(Default)]
struct Rights {
    privileges: BTreeMap<String, BTreeSet<Privilege>>,
    spans: BTreeMap<String, Vec<Span>>,
}

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let architecture = context.architecture;
    if architecture.grants.is_empty() && architecture.roles.is_empty() {
        return Vec::new();
    }
    // Effective privileges per (role, object), PUBLIC kept under "public".
    let mut rights: BTreeMap<String, Rights> = BTreeMap::new();
    for grant in &architecture.grants {
        let expanded: Vec<Privilege> = grant
            .privileges
            .iter()
            .flat_map(|p| match p {
                Privilege::All => ALL.to_vec(),
                other => vec![*other],
            })
            .collect();
        let entry = rights
            .entry(grant.grantee.to_ascii_lowercase())
            .or_default();
        let set = entry.privileges.entry(grant.object.clone()).or_default();
        if grant.revoke {
            for p in &expanded {
                set.remove(p);
            }
        } else {
            set.extend(expanded);
        }
        entry
            .spans
            .entry(grant.object.clone())
            .or_default()
            .push(grant.span);
    }
    let mut role_names: BTreeSet<String> = architecture
        .roles
        .iter()
        .map(|r| r.name.clone())
        .collect_set();
    role_names.extend(architecture.grants.iter().map(|g| g.grantee.clone()));
    let public = rights.get("public");

    let mut findings = Vec::new();
    for service in &architecture.services {
        let key = service_key(&service.name);
        let roles: Vec<&String> = role_names
            .iter()
            .filter(|r| !r.eq_ignore_ascii_case("public") && role_keys(r).contains(&key))
            .collect();
        let Some(role_label) = roles.first() else {
            continue;
        };
        let has = |object: &str, wanted: &[Privilege]| -> (bool, bool, Vec<Span>) {
            let mut any = false;
            let mut ok = false;
            let mut spans = Vec::new();
            let sources = roles
                .iter()
                .filter_map(|r| rights.get(&r.to_ascii_lowercase()))
                .chain(public);
            for r in sources {
                if let Some(set) = r.privileges.get(object) {
                    any |= !set.is_empty();
                    ok |= wanted.iter().any(|p| set.contains(p));
                }
                spans.extend(r.spans.get(object).into_iter().flatten().copied());
            }
            (any, ok, spans)
        };
        let role_span = architecture
            .roles
            .iter()
            .find(|r| &&r.name == role_label)
            .map(|r| r.span);
        let mut report = |object: &str, span: Span, message: String, grant_spans: Vec<Span>| {
            findings.push(Finding::new(
                Rule::GrantMismatch,
                Severity::Error,
                message,
                [service.id.clone(), object.to_string()],
                std::iter::once(span).chain(grant_spans).chain(role_span),
            ));
        };
        for access in &service.reads {
            let (_, ok, spans) = has(&access.table, &[Privilege::Select]);
            if !ok {
                let message = format!(
                    "{} reads {}, but its role {} has no SELECT grant on it",
                    name(&service.id),
                    name(&access.table),
                    role_label
                );
                report(&access.table, access.span, message, spans);
            }
        }
        let write_privileges = [
            Privilege::Insert,
            Privilege::Update,
            Privilege::Delete,
            Privilege::Truncate,
        ];
        for access in &service.writes {
            let (any, ok, spans) = has(&access.table, &write_privileges);
            if !ok {
                let what = if any {
                    "may only read it"
                } else {
                    "has no grant on it"
                };
                let message = format!(
                    "{} writes {}, but its role {} {what}",
                    name(&service.id),
                    name(&access.table),
                    role_label
                );
                report(&access.table, access.span, message, spans);
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::Rule;
    use crate::model::{Grant, Privilege, Role};
    use crate::source::{Pane, Span};

    fn grant(
        arch: &mut crate::Architecture,
        role: &str,
        object: &str,
        privileges: &[Privilege],
        revoke: bool,
    ) {
        arch.grants.push(Grant {
            revoke,
            privileges: privileges.to_vec(),
            object: format!("table:{object}"),
            grantee: role.into(),
            span: Span::new(Pane::Schema, 30, 1),
        });
    }

    fn role(arch: &mut crate::Architecture, name: &str) {
        arch.roles.push(Role {
            name: name.into(),
            span: Span::new(Pane::Schema, 20, 1),
        });
    }

    fn seed() -> crate::Architecture {
        Arch::new()
            .table("users")
            .table("messages")
            .service("app-a")
            .service("app-b")
            .reads("app-a", "users")
            .writes("app-a", "users")
            .reads("app-b", "messages")
            .writes("app-b", "messages")
            .build()
    }

    #[test]
    fn fires_for_writes_beyond_select_and_reads_without_grant() {
        let mut arch = seed();
        role(&mut arch, "app_a_role");
        role(&mut arch, "app_b_user");
        grant(
            &mut arch,
            "app_a_role",
            "users",
            &[Privilege::Select],
            false,
        );
        grant(
            &mut arch,
            "app_b_user",
            "messages",
            &[Privilege::All],
            false,
        );
        grant(
            &mut arch,
            "app_b_user",
            "messages",
            &[Privilege::Select],
            true,
        );
        check_rule(
            arch,
            Rule::GrantMismatch,
            &[
                "app-a writes users, but its role app_a_role may only read it",
                "app-b reads messages, but its role app_b_user has no SELECT grant on it",
            ],
        );
    }

    #[test]
    fn silent_when_grants_match_or_schema_has_none() {
        check_rule(seed(), Rule::GrantMismatch, &[]);
        let mut arch = seed();
        grant(
            &mut arch,
            "app_a",
            "users",
            &[Privilege::Select, Privilege::Update],
            false,
        );
        grant(&mut arch, "public", "messages", &[Privilege::All], false);
        grant(&mut arch, "app_b", "users", &[Privilege::Select], false);
        check_rule(arch, Rule::GrantMismatch, &[]);
    }
}
