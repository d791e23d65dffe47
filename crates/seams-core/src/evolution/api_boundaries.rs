//! Stage 3, API boundaries: a read of another service's table becomes a call to the owner's
//! API (`GET /users/{user_id}`), a foreign write becomes a command (`POST /users`,
//! `PUT /users/{user_id}`), a view over several owners becomes an API composition served by its
//! main owner, and foreign keys between tables of different owners become plain references.
//! Artifacts: the OpenAPI sketch and the list of foreign keys to drop.

use super::naming;
use super::openapi;
use super::plan::{Plan, Resource};
use super::{Artifact, Reasons, Transformed};
use crate::dependencies::{Dependencies, Edges, Reason};
use crate::graph::EdgeKind;
use crate::ident;
use crate::model::{Api, Architecture, Call, ForeignKey, Service};
use crate::order;
use crate::order::Collect;
use crate::source::{Pane, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Services' reads and writes turned into calls between two pauses of [`transform`].
const ACCESSES_BETWEEN_PAUSES: usize = 4_000;

/// Foreign keys weighed (or dropped keys written up) between two pauses of
/// `drop_cross_owner_keys`.
const KEYS_BETWEEN_PAUSES: usize = 4_000;

/// Replaces foreign reads and writes with calls and drops cross-owner foreign keys.
pub async fn transform(prev: &Architecture, plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    crate::pace::pause().await;
    let mut stage = Rewrite {
        prev,
        plan,
        reasons: Reasons::new("Services talk to each other's APIs instead of each other's tables."),
        narrative: Vec::new(),
        endpoints: known_endpoints(prev),
    };
    let mut stride = crate::pace::Stride::every(ACCESSES_BETWEEN_PAUSES);
    for service in &mut arch.services {
        stride
            .over(service.reads.len() + service.writes.len())
            .await;
        stage.reads_become_calls(service);
    }
    stage.compose_views(&mut arch);
    crate::pace::pause().await;
    arch.apis = stage.serve_apis();
    crate::pace::pause().await;
    let fk_lines = stage.drop_cross_owner_keys(&mut arch).await;
    crate::pace::pause().await;
    stage.narrate_new_cycles(&arch);
    super::normalise(&mut arch);
    crate::pace::pause().await;
    let artifacts = artifacts(&arch, plan, &fk_lines).await;
    let calls: usize = plan.foreign_reads.len() + plan.compositions.len();
    if calls == 0 {
        stage.narrative.push(
            "No service reads or writes another service's table, so no API is needed.".to_string(),
        );
    }
    Transformed {
        architecture: arch,
        caption: format!(
            "{calls} direct {}; {} cross-owner foreign {} dropped.",
            super::plural(
                calls,
                "access becomes an API call",
                "accesses become API calls"
            ),
            fk_lines.len(),
            super::plural(fk_lines.len(), "key", "keys")
        ),
        narrative: stage.narrative,
        artifacts,
        reasons: stage.reasons,
    }
}

/// The endpoints each service serves already (from the calls in the services file), by service
/// id.
fn known_endpoints(prev: &Architecture) -> BTreeMap<String, BTreeSet<String>> {
    let mut endpoints: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for api in &prev.apis {
        endpoints
            .entry(api.service.clone())
            .or_default()
            .extend(api.endpoints.iter().cloned());
    }
    endpoints
}

/// The stage being written: what it read, what it says, and the endpoints it gives each owner.
struct Rewrite<'a> {
    prev: &'a Architecture,
    plan: &'a Plan,
    reasons: Reasons,
    narrative: Vec<String>,
    /// Endpoints by the serving service's id.
    endpoints: BTreeMap<String, BTreeSet<String>>,
}

impl Rewrite<'_> {
    /// The service stops reading (and writing) other owners' tables and calls their APIs:
    /// `GET` for a read, commands for a former write.
    fn reads_become_calls(&mut self, s: &mut Service) {
        let mut kept = Vec::new();
        let mut calls = Vec::new();
        for access in std::mem::take(&mut s.reads) {
            // A table of its own `part_of` group is not another owner's.
            let owner = self
                .plan
                .owner(&access.table)
                .filter(|o| !self.prev.same_unit(o, &s.id));
            let (Some(owner), Some(resource)) = (owner, self.plan.resources.get(&access.table))
            else {
                kept.push(access);
                continue;
            };
            for endpoint in self.read_becomes_call(s, &access.table, owner, resource) {
                calls.push(Call {
                    service: owner.to_string(),
                    endpoint: Some(endpoint),
                    span: access.span,
                });
            }
        }
        s.reads = kept;
        s.calls.extend(calls);
    }

    /// One foreign read of `table` by `s` as calls to `owner`'s API: the endpoints called, the
    /// endpoints the owner now serves, what the narrative says and why the edges change.
    fn read_becomes_call(
        &mut self,
        s: &Service,
        table_id: &str,
        owner: &str,
        resource: &Resource,
    ) -> Vec<String> {
        let prev = self.prev;
        let owner_name = naming::service_name(prev, owner);
        let table = naming::display_table(prev, table_id);
        let api = ident::api_id(ident::id_name(owner));
        let read = resource.read_endpoint();
        self.reasons.node(
            &s.id,
            format!(
                "{} reaches other services' tables through their APIs",
                s.name
            ),
        );
        let owner_endpoints = self.endpoints.entry(owner.to_string()).or_default();
        // The endpoints the read's queries call for, or the by-key read when none says.
        let mut called = Vec::new();
        let mut read_lines = Vec::new();
        match self.plan.read_endpoints_of(&s.id, table_id) {
            Some(endpoints) => {
                for e in endpoints {
                    owner_endpoints.insert(e.endpoint.clone());
                    called.push(e.endpoint.clone());
                    read_lines.push(format!(
                        "{} stops reading {table} directly: it calls {} on {owner_name} in place of {}.",
                        s.name, e.endpoint, e.replaces
                    ));
                }
            }
            None => {
                owner_endpoints.insert(format!("GET {}", resource.list_path()));
                owner_endpoints.insert(read.clone());
                called.push(read.clone());
                let kept = if resource.item_path().is_some() {
                    "the read by key is kept"
                } else {
                    "the list is kept"
                };
                read_lines.push(format!(
                    "{} stops reading {table} directly: it calls {read} on {owner_name} (no query of {} says how it reads {table}, so the access is not known and {kept}).",
                    s.name, s.name
                ));
            }
        }
        let was_write = self
            .plan
            .foreign_writes
            .contains(&(s.id.clone(), table_id.to_string()));
        if was_write {
            let commands = resource.command_endpoints();
            owner_endpoints.extend(commands.iter().cloned());
            self.narrative.push(format!(
                "{} stops writing {table}: it sends {} to {owner_name}.",
                s.name,
                naming::list(&commands)
            ));
            called.extend(commands);
        }
        self.narrative.append(&mut read_lines);
        self.reasons.edge(
            &s.id,
            table_id,
            EdgeKind::Reads,
            format!(
                "{table} belongs to {owner_name}; {} asks its API instead",
                s.name
            ),
        );
        self.reasons.edge(
            &s.id,
            &api,
            EdgeKind::Calls,
            format!(
                "{} calls {} on {owner_name} instead of touching {table}",
                s.name,
                naming::list(&called)
            ),
        );
        called
    }

    /// A view over several owners becomes an API composition: its owner calls the other owners'
    /// list endpoints. A composition adds a call from the view's owner to the table's owner that
    /// no read stood for at stage 2; where that call would close a dependency cycle, the view
    /// keeps reading the table until stage 4 gives its owner a read model, so this stage never
    /// adds a cycle.
    fn compose_views(&mut self, arch: &mut Architecture) {
        let (prev, plan) = (self.prev, self.plan);
        let mut dependencies = Dependencies::build(arch, Edges::CALLS_AND_DATA);
        let mut new_calls: Vec<(String, Call)> = Vec::new();
        for (view_owner, relation, view) in &plan.compositions {
            let (Some(owner), Some(resource)) =
                (plan.owner(relation), plan.resources.get(relation))
            else {
                continue;
            };
            if dependencies.reaches(owner, view_owner) {
                self.narrate_kept_view_read(view_owner, relation, view, owner);
                continue;
            }
            let list = format!("GET {}", resource.list_path());
            self.endpoints
                .entry(owner.to_string())
                .or_default()
                .insert(list.clone());
            if let Some(v) = arch.views.iter_mut().find(|v| &v.id == view) {
                v.reads.retain(|r| r != relation);
            }
            let view_name = naming::display_table(prev, view);
            let table = naming::display_table(prev, relation);
            self.reasons.edge(
                view,
                relation,
                EdgeKind::Reads,
                format!(
                    "{table} belongs to {}; view {view_name} is composed by its owner's API",
                    naming::service_name(prev, owner)
                ),
            );
            self.narrative.push(format!(
                "View {view_name} becomes an API composition served by {}: it asks {} for {table} with {list}.",
                naming::service_name(prev, view_owner),
                naming::service_name(prev, owner)
            ));
            let span = prev
                .view(view)
                .map(|v| v.span)
                .unwrap_or(Span::start(Pane::Schema));
            dependencies.add(view_owner, owner, Reason::Call(span));
            new_calls.push((
                view_owner.clone(),
                Call {
                    service: owner.to_string(),
                    endpoint: Some(list),
                    span,
                },
            ));
        }
        for (caller, call) in new_calls {
            if let Some(s) = arch.services.iter_mut().find(|s| s.id == caller) {
                s.calls.push(call);
            }
        }
    }

    /// Why view `view` keeps reading `relation` of `owner` directly at this stage.
    fn narrate_kept_view_read(
        &mut self,
        view_owner: &str,
        relation: &str,
        view: &str,
        owner: &str,
    ) {
        let prev = self.prev;
        let later = if self.plan.owners.contains_key(relation) {
            format!(
                "; at stage 4 {} keeps its own read model of it instead",
                naming::service_name(prev, view_owner)
            )
        } else {
            String::new()
        };
        self.narrative.push(format!(
            "View {} keeps reading {} directly for now: composing it through {}'s API would make {} call {}, which already depends on {} (a cycle){later}.",
            naming::display_table(prev, view),
            naming::display_table(prev, relation),
            naming::service_name(prev, owner),
            naming::service_name(prev, view_owner),
            naming::service_name(prev, owner),
            naming::service_name(prev, view_owner),
        ));
    }

    /// Every service with endpoints serves an API.
    fn serve_apis(&mut self) -> Vec<Api> {
        let prev = self.prev;
        let reasons = &mut self.reasons;
        std::mem::take(&mut self.endpoints)
            .into_iter()
            .filter(|(_, e)| !e.is_empty())
            .map(|(service, e)| {
                let id = ident::api_id(ident::id_name(&service));
                let name = naming::service_name(prev, &service);
                reasons.node(&id, format!("{name} serves its tables through an API"));
                reasons.edge(
                    &service,
                    &id,
                    EdgeKind::Owns,
                    format!("{name} serves its own API"),
                );
                Api {
                    id,
                    service,
                    endpoints: e.into_iter().collect(),
                }
            })
            .collect()
    }

    /// Foreign keys between tables of different owners become plain references (the column
    /// stays, the constraint goes). One line per dropped key, for the narrative and the artifact.
    async fn drop_cross_owner_keys(&mut self, arch: &mut Architecture) -> Vec<String> {
        let (prev, plan) = (self.prev, self.plan);
        let mut dropped = Vec::new();
        let table_ids: BTreeSet<String> = arch.tables.iter().map(|t| t.id.clone()).collect_set();
        let mut stride = crate::pace::Stride::every(KEYS_BETWEEN_PAUSES);
        for t in &mut arch.tables {
            stride.over(t.foreign_keys.len()).await;
            // Owners compared as `part_of` groups: a key within one group stays.
            let from_owner = plan.owner(&t.id).map(|o| prev.unit(o).to_string());
            let id = t.id.clone();
            let crosses = |fk: &ForeignKey| {
                let to_owner = plan.owner(&fk.references).map(|o| prev.unit(o).to_string());
                let cross = table_ids.contains(&fk.references)
                    && fk.references != id
                    && to_owner != from_owner;
                cross.then_some(to_owner)
            };
            // A table keeping all its keys stays shared with the stage before.
            if !t.foreign_keys.iter().any(|fk| crosses(fk).is_some()) {
                continue;
            }
            Arc::make_mut(t)
                .foreign_keys
                .retain(|fk| match crosses(fk) {
                    Some(to_owner) => {
                        dropped.push((id.clone(), fk.clone(), from_owner.clone(), to_owner));
                        false
                    }
                    None => true,
                });
        }
        let mut fk_lines: Vec<String> = Vec::with_capacity(dropped.len());
        for (from, fk, from_owner, to_owner) in &dropped {
            stride.over(1).await;
            fk_lines.push({
                let owner = |o: &Option<String>| {
                    o.as_ref()
                        .map(|o| naming::service_name(prev, o))
                        .unwrap_or_else(|| "nobody".to_string())
                };
                let line = format!(
                    "{}({}) -> {}({}): {} owned by {}, {} owned by {}",
                    naming::display_table(prev, from),
                    fk.columns.join(", "),
                    naming::display_table(prev, &fk.references),
                    fk.ref_columns.join(", "),
                    naming::display_table(prev, from),
                    owner(from_owner),
                    naming::display_table(prev, &fk.references),
                    owner(to_owner)
                );
                self.reasons.edge(
                    from,
                    &fk.references,
                    EdgeKind::References,
                    format!("cross-owner foreign key becomes a plain reference: {line}"),
                );
                self.reasons.node(
                    from,
                    "a foreign key to another owner's table becomes a plain reference",
                );
                line
            });
        }
        if !fk_lines.is_empty() {
            let keys: Vec<String> = fk_lines
                .iter()
                .map(|l| l.split(':').next().unwrap_or_default().to_string())
                .collect();
            self.narrative.push(format!(
                "{} cross-owner foreign {} become plain references (the id stays, the constraint goes): {}.",
                fk_lines.len(),
                super::plural(fk_lines.len(), "key", "keys"),
                naming::list(&keys)
            ));
        }
        fk_lines
    }

    /// Only a cycle the new calls make is news; one the user's own calls already formed is not.
    fn narrate_new_cycles(&mut self, arch: &Architecture) {
        let declared = call_cycles(self.prev);
        for cycle in call_cycles(arch)
            .into_iter()
            .filter(|c| !declared.contains(c))
        {
            let names: Vec<String> = cycle
                .iter()
                .map(|s| naming::service_name(self.prev, s))
                .collect();
            self.narrative.push(format!(
                "{} now call each other in a cycle: the cycle was there from the start, hidden in their access to each other's tables, and the calls make it visible; stage 4 breaks the read calls with events.",
                naming::list(&names)
            ));
        }
    }
}

/// The OpenAPI sketch when any API is served, and the list of foreign keys to drop when any is.
async fn artifacts(arch: &Architecture, plan: &Plan, fk_lines: &[String]) -> Vec<Artifact> {
    let mut artifacts = Vec::new();
    if !arch.apis.is_empty() {
        let content = openapi::render(arch, plan).await;
        artifacts.push(Artifact {
            key: "openapi",
            title: "API sketches (OpenAPI 3.1)".to_string(),
            file_name: "openapi.json".to_string(),
            language: "json",
            content,
        });
        crate::pace::pause().await;
    }
    if !fk_lines.is_empty() {
        let mut content = String::from(
            "Cross-owner foreign keys to drop (keep the column as a plain reference):\n",
        );
        for line in fk_lines {
            content.push_str(&format!("- {line}\n"));
        }
        artifacts.push(Artifact {
            key: "fk-drops",
            title: "Foreign keys to drop".to_string(),
            file_name: "fk-drops.txt".to_string(),
            language: "text",
            content,
        });
    }
    artifacts
}

/// Groups of two or more services that call each other in a cycle (the call-only
/// [`Dependencies`] graph's strongly connected components), each sorted, sorted.
pub fn call_cycles(arch: &Architecture) -> Vec<Vec<String>> {
    let mut cycles: Vec<Vec<String>> = Dependencies::build(arch, Edges::CALLS)
        .cycles()
        .into_iter()
        .filter(|members| members.len() > 1)
        .map(|members| members.into_iter().collect())
        .collect();
    order::sort(&mut cycles);
    cycles
}
