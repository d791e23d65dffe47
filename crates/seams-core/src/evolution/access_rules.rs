//! Stage 2, ownership and access rules: every table gets exactly one owner (the plan's
//! decision, written into `ownership`), each service writes only its own tables, and a foreign
//! write is demoted to read-only access until stage 3 turns it into a command on the owner's
//! API. Artifacts: the ownership table and the roles-and-grants script.

use super::grants;
use super::naming;
use super::plan::{Basis, Plan};
use super::{Artifact, Reasons, Transformed};
use crate::graph::EdgeKind;
use crate::model::{Access, Architecture, Ownership};
use crate::order::Collect;

/// Tables given their owner between two pauses of [`transform`].
const TABLES_BETWEEN_PAUSES: usize = 4_000;

/// Applies one owner per table and read-only access for everyone else.
pub async fn transform(prev: &Architecture, plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    crate::pace::pause().await;
    let mut reasons = Reasons::new("Each service writes only the tables it owns.");
    let mut narrative = Vec::new();
    // The sentences already said (a set: one scan of the narrative per table was quadratic,
    // 1.1 s of a 24,000-table paste).
    let mut said: std::collections::BTreeSet<&str> = Default::default();
    let mut stride = crate::pace::Stride::every(TABLES_BETWEEN_PAUSES);
    for (table, decision) in &plan.owners {
        stride.over(1).await;
        let Some(service) = &decision.service else {
            said.insert(&decision.why);
            narrative.push(decision.why.clone());
            continue;
        };
        // A group of untouched tables shares one sentence: say it once.
        if decision.basis != Basis::Declared
            && decision.basis != Basis::SoleWriter
            && said.insert(&decision.why)
        {
            narrative.push(decision.why.clone());
        }
        if !arch.ownership.contains_key(table) {
            let span = arch
                .table(table)
                .map(|t| t.span)
                .unwrap_or(crate::source::Span::start(crate::source::Pane::Schema));
            arch.ownership.insert(
                table.clone(),
                Ownership {
                    service: service.clone(),
                    span,
                },
            );
        }
        reasons.edge(service, table, EdgeKind::Owns, decision.why.clone());
    }
    crate::pace::pause().await;
    let mut owned_by: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (table, decision) in &plan.owners {
        if let Some(service) = &decision.service {
            owned_by
                .entry(service.as_str())
                .or_default()
                .push(naming::display_table(prev, table));
        }
    }
    for (service, tables) in &owned_by {
        narrative.push(format!(
            "{} owns {}.",
            naming::service_name(prev, service),
            naming::list(&naming::shortened(tables, 8))
        ));
    }
    crate::pace::pause().await;
    narrative.extend(forbidden_writes(prev, plan));
    for (view, decision) in &plan.view_owners {
        if plan.compositions.iter().any(|(_, _, v)| v == view) {
            narrative.push(decision.why.clone());
        }
    }
    for (service_id, relation) in &plan.foreign_writes {
        let Some(owner) = plan.owner(relation) else {
            continue;
        };
        let service = naming::service_name(prev, service_id);
        let owner_name = naming::service_name(prev, owner);
        let table = naming::display_table(prev, relation);
        // Services are sorted by id: a search, not a scan per foreign write.
        let found = arch
            .services
            .binary_search_by(|s| s.id.as_str().cmp(service_id))
            .ok();
        let Some(s) = found.and_then(|i| arch.services.get_mut(i)) else {
            continue;
        };
        let Some(position) = s.writes.iter().position(|a| &a.table == relation) else {
            continue;
        };
        let access = s.writes.remove(position);
        if !s.reads_table(relation) {
            s.reads.push(Access {
                table: access.table.clone(),
                span: access.span,
                from_query: access.from_query,
                insert_only: false,
                shapes: Vec::new(),
            });
            reasons.edge(
                service_id,
                relation,
                EdgeKind::Reads,
                format!("{service} keeps read-only access to {table}"),
            );
        }
        reasons.edge(
            service_id,
            relation,
            EdgeKind::Writes,
            format!("{table} is owned by {owner_name}; {service}'s writes must move to a call of {owner_name} (stage 3)"),
        );
        narrative.push(format!(
            "{service} may no longer write {table}: it keeps read-only access, and its writes must become calls to {owner_name} (stage 3)."
        ));
    }
    // The services that own a table, gathered once (not a pass over every owner per service).
    let owning: std::collections::BTreeSet<&str> = plan
        .owners
        .values()
        .filter_map(|d| {
            crate::work::step(1);
            d.service.as_deref()
        })
        .collect_set();
    for s in &prev.services {
        crate::work::step(1);
        let owns = owning.contains(s.id.as_str());
        if !owns && !s.reads.is_empty() && s.writes.is_empty() {
            narrative.push(format!(
                "{} only reads: it owns no table and gets SELECT access only.",
                s.name
            ));
        }
    }
    super::normalise(&mut arch);
    crate::pace::pause().await;
    let rows = grants::access_rows(&arch, plan);
    crate::pace::pause().await;
    let owned = plan.owners.values().filter(|d| d.service.is_some()).count();
    let mut artifacts = Vec::new();
    if !rows.is_empty() {
        artifacts.push(Artifact {
            key: "ownership",
            title: "Ownership table".to_string(),
            file_name: "ownership.md".to_string(),
            language: "markdown",
            content: grants::ownership_table(&arch, &rows),
        });
        crate::pace::pause().await;
        artifacts.extend(grants::scripts(&arch, &rows).await);
    } else {
        narrative.push("The schema holds no tables, so there is nothing to own.".to_string());
    }
    Transformed {
        architecture: arch,
        caption: caption(plan, owned),
        narrative,
        artifacts,
        reasons,
    }
}

/// What this stage changed on this input: the owners it settles (or that every owner was
/// declared already) and the foreign writes it demotes to reads.
fn caption(plan: &Plan, owned: usize) -> String {
    let tables = plan.owners.len();
    let settled = plan
        .owners
        .values()
        .filter(|d| d.service.is_some() && d.basis != Basis::Declared)
        .count();
    let owners = if settled > 0 {
        format!(
            "{settled} of {tables} {} get an owner",
            super::plural(tables, "table", "tables")
        )
    } else if owned == tables && tables > 0 {
        format!(
            "{} {tables} {} already had one declared owner",
            if tables == 1 { "The" } else { "All" },
            super::plural(tables, "table", "tables")
        )
    } else {
        format!(
            "{owned} of {tables} {} have one owner",
            super::plural(tables, "table", "tables")
        )
    };
    let demoted = plan.foreign_writes.len();
    let writes = if demoted > 0 {
        format!(
            "{demoted} foreign {} become read-only",
            super::plural(demoted, "write", "writes")
        )
    } else {
        "roles and grants now say that only owners write".to_string()
    };
    format!("{owners}; {writes}.")
}

/// One sentence per owned table whose rules or triggers forbid some writes: its owner is not
/// granted them either (`ledgerwriter gets no UPDATE or DELETE on transactions: …`).
fn forbidden_writes(prev: &Architecture, plan: &Plan) -> Vec<String> {
    let mut sentences = Vec::new();
    for table in prev.tables.iter().filter(|t| !t.forbids.is_empty()) {
        let Some(owner) = plan.owner(&table.id) else {
            continue;
        };
        let mut refused: Vec<String> = Vec::new();
        let mut by: Vec<String> = Vec::new();
        for forbidden in &table.forbids {
            let keyword = forbidden.privilege.keyword().to_string();
            if !refused.contains(&keyword) {
                refused.push(keyword);
            }
            let named = format!("{} {}", forbidden.guard.as_str(), forbidden.by);
            if !by.contains(&named) {
                by.push(named);
            }
        }
        sentences.push(format!(
            "{} gets no {} on {}: {} {} them, so the grants leave them out.",
            naming::service_name(prev, owner),
            refused.join(" or "),
            naming::display_table(prev, &table.id),
            naming::list(&by),
            if by.len() == 1 { "forbids" } else { "forbid" }
        ));
    }
    sentences
}
