//! The coupling graph: the nodes (services, tables, views, databases, topics, APIs and shared
//! model libraries) and typed
//! edges of an [`Architecture`], as sorted lists keyed by the model's string ids. The evolution
//! diffs two stages' lists, layout and the scene draw them.
//!
//! Node and edge order follow the model's sorted ids, so the graph is deterministic.

use crate::ident;
use crate::model::Architecture;
use crate::order;
use serde::{Deserialize, Serialize};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// A service.
    Service,
    /// A table.
    Table,
    /// A view.
    View,
    /// A database instance.
    Database,
    /// A topic or queue.
    Topic,
    /// A service's API.
    Api,
    /// A shared model library (from the evolution's stage 1).
    Library,
    /// A folded group of one owner's (or one schema's) tables in a large database. Only scenes
    /// have these ([`crate::fold`]); the graph and the model never do.
    Cluster,
}

impl NodeKind {
    /// The lowercase name used in the DOM (`data-kind`) and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Service => "service",
            NodeKind::Table => "table",
            NodeKind::View => "view",
            NodeKind::Database => "database",
            NodeKind::Topic => "topic",
            NodeKind::Api => "api",
            NodeKind::Library => "library",
            NodeKind::Cluster => "cluster",
        }
    }
}

/// What an edge means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// service → table it reads (also view → table it reads).
    Reads,
    /// service → table it writes.
    Writes,
    /// service → table it is declared to own.
    Owns,
    /// table → table it references by a foreign key.
    References,
    /// service → service (or its API) it calls.
    Calls,
    /// service → topic it publishes.
    Publishes,
    /// service → topic it subscribes to.
    Subscribes,
    /// service → table it has an ORM model of; with a shared model library, service → library
    /// it takes its models from and library → table it maps (the same meaning, one step
    /// further: where the service's model of the table comes from).
    Models,
}

impl EdgeKind {
    /// Every kind, in legend order.
    pub const ALL: [EdgeKind; 8] = [
        EdgeKind::Writes,
        EdgeKind::Reads,
        EdgeKind::Owns,
        EdgeKind::References,
        EdgeKind::Calls,
        EdgeKind::Publishes,
        EdgeKind::Subscribes,
        EdgeKind::Models,
    ];

    /// The lowercase name used in the DOM (`data-kind`) and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Reads => "reads",
            EdgeKind::Writes => "writes",
            EdgeKind::Owns => "owns",
            EdgeKind::References => "references",
            EdgeKind::Calls => "calls",
            EdgeKind::Publishes => "publishes",
            EdgeKind::Subscribes => "subscribes",
            EdgeKind::Models => "models",
        }
    }
}

/// A node: its model id and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The model's id (`table:public.users`).
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
}

/// An edge between two node ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// What it means.
    pub kind: EdgeKind,
}

impl Edge {
    /// The edge's DOM key, `FROM->TO`.
    pub fn key(&self) -> String {
        format!("{}->{}", self.from, self.to)
    }
}

/// Every node of the architecture, sorted by kind then id.
pub fn nodes(architecture: &Architecture) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut push = |id: &str, kind| {
        nodes.push(Node {
            id: id.to_string(),
            kind,
        })
    };
    for s in &architecture.services {
        push(&s.id, NodeKind::Service);
    }
    for d in &architecture.databases {
        push(&d.id, NodeKind::Database);
    }
    for t in &architecture.tables {
        push(&t.id, NodeKind::Table);
    }
    for v in &architecture.views {
        push(&v.id, NodeKind::View);
    }
    for t in &architecture.topics {
        push(&t.id, NodeKind::Topic);
    }
    for a in &architecture.apis {
        push(&a.id, NodeKind::Api);
    }
    let modelled = modelled(architecture);
    for l in &architecture.libraries {
        if users(l, &modelled).next().is_some() {
            push(&l.id, NodeKind::Library);
        }
    }
    nodes
}

/// Every edge of the architecture, sorted and deduplicated.
pub fn edges(architecture: &Architecture) -> Vec<Edge> {
    let mut edges = Vec::new();
    let mut push = |from: &str, to: &str, kind| {
        edges.push(Edge {
            from: from.to_string(),
            to: to.to_string(),
            kind,
        })
    };
    for s in &architecture.services {
        for a in &s.writes {
            push(&s.id, &a.table, EdgeKind::Writes);
        }
        for a in &s.reads {
            push(&s.id, &a.table, EdgeKind::Reads);
        }
        for c in &s.calls {
            let api = ident::api_id(ident::id_name(&c.service));
            // APIs are sorted by id, like every list of the model: a search, not a scan per
            // call (stage 2 gives every called service an API).
            crate::work::step(1);
            if c.endpoint.is_some()
                && architecture
                    .apis
                    .binary_search_by(|a| a.id.as_str().cmp(&api))
                    .is_ok()
            {
                push(&s.id, &api, EdgeKind::Calls);
            } else {
                push(&s.id, &c.service, EdgeKind::Calls);
            }
        }
        for t in &s.publishes {
            push(&s.id, &t.topic, EdgeKind::Publishes);
        }
        for t in &s.subscribes {
            push(&s.id, &t.topic, EdgeKind::Subscribes);
        }
    }
    for (table, owner) in &architecture.ownership {
        push(&owner.service, table, EdgeKind::Owns);
    }
    for a in &architecture.apis {
        push(&a.service, &a.id, EdgeKind::Owns);
    }
    for t in &architecture.tables {
        for fk in &t.foreign_keys {
            if fk.references != t.id {
                push(&t.id, &fk.references, EdgeKind::References);
            }
        }
    }
    for v in &architecture.views {
        for r in &v.reads {
            push(&v.id, r, EdgeKind::Reads);
        }
    }
    // A service's model of a table that a library it uses maps comes from the library: the
    // service points at the library, the library at the table.
    let modelled = modelled(architecture);
    let mut shared: Vec<(&str, &str)> = Vec::new();
    for l in &architecture.libraries {
        let mut used = false;
        for s in users(l, &modelled) {
            used = true;
            push(s, &l.id, EdgeKind::Models);
            shared.extend(l.tables.iter().map(|t| (s, t.as_str())));
        }
        for t in l.tables.iter().filter(|_| used) {
            push(&l.id, t, EdgeKind::Models);
        }
    }
    order::sort(&mut shared);
    for m in &architecture.models {
        if shared
            .binary_search(&(m.service.as_str(), m.table.as_str()))
            .is_err()
        {
            push(&m.service, &m.table, EdgeKind::Models);
        }
    }
    order::sort(&mut edges);
    edges.dedup();
    edges
}

/// Every (service, table) pair with a model, sorted.
fn modelled(architecture: &Architecture) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = architecture
        .models
        .iter()
        .map(|m| (m.service.as_str(), m.table.as_str()))
        .collect();
    order::sort_dedup(&mut pairs);
    pairs
}

/// The services of `library` that still model one of its tables: a library is drawn while
/// someone's model comes from it, whatever a later stage does to the services' models.
fn users<'a>(
    library: &'a crate::model::Library,
    modelled: &'a [(&str, &str)],
) -> impl Iterator<Item = &'a str> + 'a {
    library.services.iter().map(String::as_str).filter(|s| {
        library
            .tables
            .iter()
            .any(|t| modelled.binary_search(&(*s, t.as_str())).is_ok())
    })
}
