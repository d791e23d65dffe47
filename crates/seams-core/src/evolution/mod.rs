//! The evolution (`docs/evolution.md`): five whole architectures computed from the user's own one,
//! from the shared database to events with local read models.
//!
//! [`evolve`] first decides once, from the as-is architecture, who owns what and how every
//! table is named as a resource and an event ([`plan`]). Each stage then clones the previous
//! architecture and applies one transform ([`shared_models`], [`access_rules`],
//! [`api_boundaries`], [`events`]); the artifact generators ([`model_library`], [`grants`],
//! [`openapi`], [`asyncapi`]) print what a team would copy out of that stage. The changes of a
//! stage are the diff of the two graphs ([`crate::graph::nodes`], [`crate::graph::edges`]), with
//! reasons the transform recorded.
//!
//! Architecture invariant: stages hold architectures, not findings or scores; a later layer
//! scores them.

pub mod access_rules;
pub mod api_boundaries;
pub mod asyncapi;
pub mod change_kinds;
pub mod endpoints;
pub mod events;
pub mod grants;
pub mod model_library;
pub mod naming;
pub mod openapi;
pub mod plan;
mod secrets;
pub mod shared_models;

#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod test_builder;
#[cfg(test)]
mod tests;

use crate::graph::{self, EdgeKind};
use crate::model::Architecture;
use crate::order;
use crate::order::Collect;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One step of the evolution: a whole architecture plus what changed, why, and what to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// 0 to 4.
    pub index: u8,
    /// Stable key for URLs and the CLI (`as-is`, `shared-models`, `ownership`,
    /// `api-boundaries`, `events`).
    pub key: &'static str,
    /// Display name (`Shared model library`).
    pub name: &'static str,
    /// One line saying what this stage did to the user's architecture.
    pub caption: String,
    /// A few sentences built from the user's names.
    pub narrative: Vec<String>,
    /// Every node and edge added, removed or changed since the previous stage.
    pub changes: Vec<Change>,
    /// Generated files for this stage.
    pub artifacts: Vec<Artifact>,
    /// The architecture at this stage.
    pub architecture: Architecture,
}

/// What happened to one graph element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// New at this stage.
    Added,
    /// Gone at this stage.
    Removed,
    /// Present before and after, with different content.
    Changed,
}

impl ChangeKind {
    /// The lowercase name, as serde writes it (`added`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One change between two stages, keyed like the graph: a node id or an edge key `FROM->TO`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// A node id (`table:public.users`) or an edge key (`service:app-a->table:public.users`).
    pub element: String,
    /// For an edge, what kind of edge (two edges of different kinds can share a key).
    pub edge: Option<EdgeKind>,
    /// Why, in one sentence.
    pub reason: String,
}

/// A generated file of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Artifact {
    /// Stable key (`models`, `ownership`, `grants`, `openapi`, `fk-drops`, `asyncapi`,
    /// `read-models`).
    pub key: &'static str,
    /// Display title.
    pub title: String,
    /// Suggested file name.
    pub file_name: String,
    /// Language for highlighting (`sql`, `yaml`, `json`, `text`, `markdown`; the model library:
    /// `python`, `java`, `csharp`, `typescript`, `go`, `prisma`).
    pub language: &'static str,
    /// The file's text.
    pub content: String,
}

/// What a transform produces: the new architecture, its story, its files, and the reasons for
/// the graph changes it made.
#[derive(Debug, Clone)]
pub struct Transformed {
    /// The new architecture.
    pub architecture: Architecture,
    /// One line.
    pub caption: String,
    /// A few sentences.
    pub narrative: Vec<String>,
    /// Generated files.
    pub artifacts: Vec<Artifact>,
    /// Reasons by element (see [`Reasons`]).
    pub reasons: Reasons,
}

/// Reasons a transform gives for the graph changes it makes, keyed by node id or by edge kind
/// and key; anything without a specific reason gets the stage's general reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reasons {
    by_element: BTreeMap<String, String>,
    general: String,
}

impl Reasons {
    /// Reasons whose fallback is `general`.
    pub fn new(general: impl Into<String>) -> Self {
        Reasons {
            by_element: BTreeMap::new(),
            general: general.into(),
        }
    }

    /// Records why node `id` was added, removed or changed (the first reason given wins).
    pub fn node(&mut self, id: &str, reason: impl Into<String>) {
        self.by_element
            .entry(id.to_string())
            .or_insert_with(|| reason.into());
    }

    /// Records why the edge `from -kind-> to` was added or removed (the first reason wins).
    pub fn edge(&mut self, from: &str, to: &str, kind: EdgeKind, reason: impl Into<String>) {
        self.by_element
            .entry(edge_reason_key(from, to, kind))
            .or_insert_with(|| reason.into());
    }

    fn of_node(&self, id: &str) -> String {
        self.by_element
            .get(id)
            .cloned()
            .unwrap_or_else(|| self.general.clone())
    }

    fn of_edge(&self, edge: &graph::Edge) -> String {
        self.by_element
            .get(&edge_reason_key(&edge.from, &edge.to, edge.kind))
            .cloned()
            .unwrap_or_else(|| self.general.clone())
    }
}

fn edge_reason_key(from: &str, to: &str, kind: EdgeKind) -> String {
    format!("{}|{from}->{to}", kind.as_str())
}

/// Stage keys, in order.
pub const STAGE_KEYS: [&str; 5] = [
    "as-is",
    "shared-models",
    "ownership",
    "api-boundaries",
    "events",
];

/// Stage display names, in order.
pub const STAGE_NAMES: [&str; 5] = [
    "As is",
    "Shared model library",
    "Ownership and access rules",
    "API boundaries",
    "Events and read models",
];

/// The five stages of `arch`'s evolution, each a whole architecture. Deterministic: the same
/// architecture gives equal stages.
pub fn evolve(arch: &Architecture) -> Vec<Stage> {
    crate::pace::at_once(async {
        let mut evolution = Evolution::new(arch).await;
        while evolution.step().await {}
        evolution.finish()
    })
}

/// The transform from stage `index - 1` to stage `index` (1 to 4), which pauses between its
/// parts ([`crate::pace`]); None past the last stage.
async fn transform(index: usize, prev: &Architecture, plan: &plan::Plan) -> Option<Transformed> {
    Some(match index {
        1 => shared_models::transform(prev, plan).await,
        2 => access_rules::transform(prev, plan).await,
        3 => api_boundaries::transform(prev, plan).await,
        4 => events::transform(prev, plan).await,
        _ => return None,
    })
}

/// [`evolve`] a step at a time: a stage is transformed in one [`Evolution::step`] and compared
/// with the stage before in the next, and each pauses within itself ([`crate::pace`]), so a
/// caller with a deadline (the page, between frames) runs it in pieces. The owners are planned
/// once, in [`Evolution::new`], from stage 0.
pub struct Evolution {
    /// Boxed: the plan is large, and the evolution is held across the pipeline's pauses.
    plan: Box<plan::Plan>,
    stages: Vec<Stage>,
    /// The next stage, transformed and not yet compared with the one before.
    transformed: Option<Transformed>,
}

impl Evolution {
    /// Plans the evolution of `arch` and builds stage 0 (as is), pausing between the plan's
    /// parts ([`crate::pace`]).
    pub async fn new(arch: &Architecture) -> Self {
        let plan = plan::Plan::new_paced(arch).await;
        let as_is = as_is(arch, &plan);
        let stages = vec![Stage {
            index: 0,
            key: STAGE_KEYS[0],
            name: STAGE_NAMES[0],
            caption: as_is.caption,
            narrative: as_is.narrative,
            changes: Vec::new(),
            artifacts: as_is.artifacts,
            architecture: as_is.architecture,
        }];
        Evolution {
            plan: Box::new(plan),
            stages,
            transformed: None,
        }
    }

    /// Does the next half of a stage: transforms the stage after the last one built, or compares
    /// the transformed stage with the one before and adds it. False when every stage is built.
    /// Pauses while it works ([`crate::pace`]).
    pub async fn step(&mut self) -> bool {
        match self.transformed.take() {
            Some(done) => self.add(done).await,
            None => self.transform_next().await,
        }
    }

    /// What the next [`Evolution::step`] does, for naming the steps (the `steps` example).
    pub fn next_step(&self) -> &'static str {
        if self.transformed.is_some() {
            "compare a stage with the one before"
        } else {
            "transform one stage"
        }
    }

    /// Transforms the stage after the last one built and keeps it; false when every stage is
    /// built.
    async fn transform_next(&mut self) -> bool {
        let index = self.stages.len();
        let Some(previous) = self.stages.last() else {
            return false;
        };
        let Some(mut done) = transform(index, &previous.architecture, &self.plan).await else {
            return false;
        };
        normalise(&mut done.architecture);
        self.transformed = Some(done);
        true
    }

    /// Adds the transformed stage `done` with its changes from the last stage built.
    async fn add(&mut self, mut done: Transformed) -> bool {
        let index = self.stages.len();
        let Some(previous) = self.stages.last() else {
            return false;
        };
        let changes = diff_paced(&previous.architecture, &done.architecture, &done.reasons).await;
        if self.plan.services.is_empty() && changes.is_empty() {
            done.narrative.insert(
                0,
                "There are no services, so there is nothing to evolve: the stage equals the one before."
                    .to_string(),
            );
        }
        self.stages.push(Stage {
            index: index as u8,
            key: STAGE_KEYS.get(index).copied().unwrap_or_default(),
            name: STAGE_NAMES.get(index).copied().unwrap_or_default(),
            caption: done.caption,
            narrative: done.narrative,
            changes,
            artifacts: done.artifacts,
            architecture: done.architecture,
        });
        true
    }

    /// The stages built so far, as-is first.
    pub fn finish(self) -> Vec<Stage> {
        self.stages
    }
}

fn as_is(arch: &Architecture, plan: &plan::Plan) -> Transformed {
    let mut architecture = arch.clone();
    normalise(&mut architecture);
    let services = plan.services.len();
    let tables = arch.tables.len();
    let shared: Vec<String> = plan
        .shared_writes()
        .iter()
        .map(|t| naming::display_table(arch, t))
        .collect();
    let mut narrative = Vec::new();
    if services == 0 {
        narrative.push(
            "There are no services, so there is nothing to evolve: every stage shows the schema as pasted."
                .to_string(),
        );
    } else {
        // "share main (2 tables)", not "share 2 tables in main", which reads as if every
        // table were shared.
        narrative.push(format!(
            "{} {} {} {} ({} {}).",
            services,
            plural(services, "service", "services"),
            if arch.databases.len() == 1 {
                "share"
            } else {
                "use"
            },
            naming::list(
                &arch
                    .databases
                    .iter()
                    .map(|d| {
                        // The name, or `host/name` when two databases share the name.
                        if arch.databases.iter().filter(|o| o.name == d.name).count() == 1 {
                            d.name.clone()
                        } else {
                            crate::ident::id_name(&d.id).to_string()
                        }
                    })
                    .collect::<Vec<_>>()
            ),
            tables,
            plural(tables, "table", "tables"),
        ));
    }
    if !shared.is_empty() {
        narrative.push(format!(
            "Written by more than one service: {}.",
            naming::list(&shared)
        ));
    }
    if tables == 0 {
        narrative.push("The schema holds no tables.".to_string());
    }
    Transformed {
        architecture,
        caption: "What was pasted: services sharing their data directly.".to_string(),
        narrative,
        artifacts: Vec::new(),
        reasons: Reasons::default(),
    }
}

/// `singular` when `n` is 1, else `plural_form`.
pub(crate) fn plural(n: usize, singular: &'static str, plural_form: &'static str) -> &'static str {
    if n == 1 {
        singular
    } else {
        plural_form
    }
}

/// Sorts every list of the architecture so equal content gives equal bytes.
pub(crate) fn normalise(arch: &mut Architecture) {
    order::sort_by(&mut arch.databases, |a, b| a.id.cmp(&b.id));
    arch.databases.dedup_by(|later, first| later.id == first.id);
    for db in &mut arch.databases {
        order::sort(&mut db.tables);
        db.tables.dedup();
    }
    order::sort_by(&mut arch.tables, |a, b| a.id.cmp(&b.id));
    arch.tables.dedup_by(|later, first| later.id == first.id);
    order::sort_by(&mut arch.views, |a, b| a.id.cmp(&b.id));
    for view in &mut arch.views {
        order::sort(&mut view.reads);
        view.reads.dedup();
    }
    order::sort_by(&mut arch.services, |a, b| a.id.cmp(&b.id));
    for s in &mut arch.services {
        for list in [&mut s.reads, &mut s.writes] {
            order::sort_by(list, |a, b| {
                (&a.table, a.from_query, a.span).cmp(&(&b.table, b.from_query, b.span))
            });
            list.dedup_by(|later, first| later.table == first.table);
        }
        order::sort(&mut s.calls);
        s.calls.dedup_by(|later, first| {
            later.service == first.service && later.endpoint == first.endpoint
        });
        for list in [&mut s.publishes, &mut s.subscribes] {
            order::sort(list);
            list.dedup_by(|later, first| later.topic == first.topic);
        }
    }
    order::sort_by(&mut arch.topics, |a, b| a.id.cmp(&b.id));
    arch.topics.dedup_by(|later, first| later.id == first.id);
    order::sort_by(&mut arch.apis, |a, b| a.id.cmp(&b.id));
    for api in &mut arch.apis {
        order::sort(&mut api.endpoints);
        api.endpoints.dedup();
    }
    order::sort_by(&mut arch.models, |a, b| {
        (&a.table, &a.service, &a.model.path).cmp(&(&b.table, &b.service, &b.model.path))
    });
    order::sort_by(&mut arch.libraries, |a, b| a.id.cmp(&b.id));
    for library in &mut arch.libraries {
        order::sort_dedup(&mut library.services);
        order::sort_dedup(&mut library.tables);
    }
}

/// The changes from `before` to `after`: nodes and edges added or removed, and nodes whose
/// content changed, each with the transform's reason. Sorted by element, then kind.
pub fn diff(before: &Architecture, after: &Architecture, reasons: &Reasons) -> Vec<Change> {
    crate::pace::at_once(diff_paced(before, after, reasons))
}

/// Nodes or edges compared (and their changes written) between two pauses of [`diff_paced`].
const COMPARED_BETWEEN_PAUSES: usize = 4_000;

/// [`diff`], pausing between its parts (nodes, contents, edges; [`crate::pace`]) and within
/// them.
async fn diff_paced(before: &Architecture, after: &Architecture, reasons: &Reasons) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_nodes: BTreeMap<String, graph::NodeKind> = graph::nodes(before)
        .into_iter()
        .map(|n| (n.id, n.kind))
        .collect_map();
    let new_nodes: BTreeMap<String, graph::NodeKind> = graph::nodes(after)
        .into_iter()
        .map(|n| (n.id, n.kind))
        .collect_map();
    crate::pace::pause().await;
    let (old_content, new_content) = (Contents::new(before), Contents::new(after));
    crate::pace::pause().await;
    let mut stride = crate::pace::Stride::every(COMPARED_BETWEEN_PAUSES);
    for id in old_nodes.keys().chain(new_nodes.keys()).collect_set() {
        stride.over(1).await;
        let kind = match (old_nodes.contains_key(id), new_nodes.contains_key(id)) {
            (true, false) => Some(ChangeKind::Removed),
            (false, true) => Some(ChangeKind::Added),
            _ if old_content.node(id) != new_content.node(id) => Some(ChangeKind::Changed),
            _ => None,
        };
        if let Some(kind) = kind {
            changes.push(Change {
                kind,
                element: id.clone(),
                edge: None,
                reason: reasons.of_node(id),
            });
        }
    }
    crate::pace::pause().await;
    let old_edges: BTreeSet<graph::Edge> = graph::edges(before).into_iter().collect_set();
    crate::pace::pause().await;
    let new_edges: BTreeSet<graph::Edge> = graph::edges(after).into_iter().collect_set();
    crate::pace::pause().await;
    for edge in old_edges.difference(&new_edges) {
        stride.over(1).await;
        changes.push(Change {
            kind: ChangeKind::Removed,
            element: edge.key(),
            edge: Some(edge.kind),
            reason: reasons.of_edge(edge),
        });
    }
    for edge in new_edges.difference(&old_edges) {
        stride.over(1).await;
        changes.push(Change {
            kind: ChangeKind::Added,
            element: edge.key(),
            edge: Some(edge.kind),
            reason: reasons.of_edge(edge),
        });
    }
    crate::pace::pause().await;
    order::sort_by(&mut changes, |a, b| {
        (&a.element, a.edge, a.kind).cmp(&(&b.element, b.edge, b.kind))
    });
    changes
}

/// One element of an architecture, borrowed: what a node's content is compared by.
#[derive(PartialEq, Clone)]
enum Element<'a> {
    Table(&'a crate::model::Table),
    Service(&'a crate::model::Service),
    View(&'a crate::model::View),
    Database(&'a crate::model::Database),
    Topic(&'a crate::model::Topic),
    Api(&'a crate::model::Api),
    Library(&'a crate::model::Library),
    Missing,
}

/// Node contents of one architecture, indexed once: the models by table and by service, and
/// databases, topics and APIs by id (the first of a repeated id, as a scan would find). Looking
/// a node up is then a few map lookups; scanning the lists per node made the diff quadratic.
struct Contents<'a> {
    arch: &'a Architecture,
    models: BTreeMap<&'a str, Vec<&'a crate::model::ModelLink>>,
    others: BTreeMap<&'a str, Element<'a>>,
}

impl<'a> Contents<'a> {
    fn new(arch: &'a Architecture) -> Self {
        let mut models: BTreeMap<&str, Vec<&crate::model::ModelLink>> = BTreeMap::new();
        for link in &arch.models {
            crate::work::step(1);
            models.entry(link.table.as_str()).or_default().push(link);
            if link.service != link.table {
                models.entry(link.service.as_str()).or_default().push(link);
            }
        }
        let mut others: BTreeMap<&str, Element<'a>> = BTreeMap::new();
        let elements = arch
            .databases
            .iter()
            .map(|d| (d.id.as_str(), Element::Database(d)))
            .chain(
                arch.topics
                    .iter()
                    .map(|t| (t.id.as_str(), Element::Topic(t))),
            )
            .chain(arch.apis.iter().map(|a| (a.id.as_str(), Element::Api(a))))
            .chain(
                arch.libraries
                    .iter()
                    .map(|l| (l.id.as_str(), Element::Library(l))),
            );
        for (id, element) in elements {
            crate::work::step(1);
            others.entry(id).or_insert(element);
        }
        Contents {
            arch,
            models,
            others,
        }
    }

    /// The content of node `id` that a change would show: the element itself plus, for tables
    /// and services, the models linked to it. Compared field by field (every field counts),
    /// without copying: this runs for every node of every stage transition.
    fn node(&self, id: &str) -> (Element<'a>, Vec<&'a crate::model::ModelLink>) {
        crate::work::step(1);
        let models = self.models.get(id).cloned().unwrap_or_default();
        let element = if let Some(t) = self.arch.table(id) {
            Element::Table(t)
        } else if let Some(s) = self.arch.service(id) {
            Element::Service(s)
        } else if let Some(v) = self.arch.view(id) {
            Element::View(v)
        } else {
            self.others.get(id).cloned().unwrap_or(Element::Missing)
        };
        (element, models)
    }
}
