//! Stage 4, events and read models: owners publish `<entity>.created/updated/deleted`, former
//! readers subscribe and keep their own read model (a table in their own database), read calls
//! are replaced by subscriptions (commands stay calls), and each service gets its own database.
//! Artifacts: the AsyncAPI event catalog and the read-model tables.

use super::asyncapi::{self, Event};
use super::naming;
use super::plan::Plan;
use super::{Artifact, Reasons, Transformed};
use crate::graph::EdgeKind;
use crate::ident;
use crate::model::{
    Access, Api, Architecture, Database, Grant, Ownership, Privilege, Service, Table, Topic,
    TopicKind, TopicLink,
};
use crate::order;
use crate::order::Collect;
use crate::source::{Pane, Span};
use std::collections::{BTreeMap, BTreeSet};

const CHANGES: [&str; 3] = ["created", "updated", "deleted"];

/// What the subscriptions decide: the events (by name), each subscriber's read models, the
/// reads they replace, and the read models of each subscriber.
#[derive(Default)]
struct Subscriptions {
    events: BTreeMap<String, Event>,
    read_models: Vec<(String, Table)>,
    removed_reads: BTreeSet<(String, String)>,
    subscribed_by: BTreeMap<String, Vec<String>>,
}

/// Replaces read calls with events and read models, and splits the shared database.
pub fn transform(prev: &Architecture, plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    let mut reasons =
        Reasons::new("Owners announce changes as events; readers keep their own copies.");
    let mut narrative = Vec::new();
    let subscriptions = subscribe(prev, plan, &mut reasons, &mut narrative);
    let topics = topics_by_service(&subscriptions.events);
    for service in &mut arch.services {
        let (publishes, subscribes) = topics
            .get(service.id.as_str())
            .map(|(p, s)| (p.as_slice(), s.as_slice()))
            .unwrap_or_default();
        let links = Links {
            publishes,
            subscribes,
        };
        rewire_service(prev, plan, &subscriptions, links, service, &mut reasons);
    }
    hand_over_read_models(prev, &mut arch, &subscriptions.read_models);
    compose_views_from_read_models(plan, &mut arch);
    arch.topics
        .extend(subscriptions.events.values().map(|event| Topic {
            id: ident::topic_id(&event.name),
            name: event.name.clone(),
            kind: TopicKind::Topic,
        }));
    arch.tables
        .extend(subscriptions.read_models.iter().map(|(_, t)| t.clone()));
    keep_called_endpoints(prev, &mut arch, &mut reasons);
    split_databases(
        prev,
        plan,
        &mut arch,
        &subscriptions.read_models,
        &mut reasons,
        &mut narrative,
    );
    narrate_remaining_calls(prev, plan, &arch, &mut narrative);
    super::normalise(&mut arch);
    let event_list: Vec<Event> = subscriptions
        .events
        .into_values()
        .map(|mut e| {
            order::sort(&mut e.subscribers);
            e.subscribers.dedup();
            e
        })
        .collect();
    let artifacts = artifacts(&arch, &event_list, &subscriptions.read_models);
    if event_list.is_empty() && !plan.services.is_empty() {
        narrative
            .push("No service reads another service's table, so no events are needed.".to_string());
    }
    Transformed {
        architecture: arch,
        caption: format!(
            "{} {} replace read calls; each service gets its own database.",
            event_list.len(),
            super::plural(event_list.len(), "event", "events")
        ),
        narrative,
        artifacts,
        reasons,
    }
}

/// Every subscription of the plan: the owner's change events, the subscriber's read model, and
/// why each appears.
fn subscribe(
    prev: &Architecture,
    plan: &Plan,
    reasons: &mut Reasons,
    narrative: &mut Vec<String>,
) -> Subscriptions {
    let mut subscriptions = Subscriptions::default();
    for (subscriber, table_id) in plan.subscriptions() {
        let (Some(owner), Some(prefix), Some(read_model_id), Some(source)) = (
            plan.owner(&table_id),
            plan.events.get(&table_id),
            plan.read_models
                .get(&(subscriber.clone(), table_id.clone())),
            prev.table(&table_id),
        ) else {
            continue;
        };
        if prev.relation_kind(&table_id) != crate::model::RelationKind::Table {
            // A collection or key pattern gets no SQL read model; its readers keep calling.
            continue;
        }
        let subscriber_name = naming::service_name(prev, &subscriber);
        let owner_name = naming::service_name(prev, owner);
        reasons.node(
            &subscriber,
            format!(
                "{subscriber_name} subscribes to other services' changes and keeps read models"
            ),
        );
        reasons.node(
            owner,
            format!("{owner_name} publishes changes of its tables as events"),
        );
        let shown = naming::display_table(prev, &table_id);
        for change in CHANGES {
            let name = format!("{prefix}.{change}");
            let topic = ident::topic_id(&name);
            let event = subscriptions
                .events
                .entry(name.clone())
                .or_insert_with(|| Event {
                    name: name.clone(),
                    table: table_id.clone(),
                    change,
                    publisher: owner.to_string(),
                    subscribers: Vec::new(),
                });
            event.subscribers.push(subscriber.clone());
            reasons.edge(
                owner,
                &topic,
                EdgeKind::Publishes,
                format!("{owner_name} announces every {change} row of {shown}"),
            );
            reasons.edge(
                &subscriber,
                &topic,
                EdgeKind::Subscribes,
                format!("{subscriber_name} keeps its copy of {shown} up to date"),
            );
            reasons.node(&topic, format!("{owner_name} publishes {name} for {shown}"));
        }
        let table = read_model(source, read_model_id, &subscriber_name);
        explain_read_model(
            reasons,
            &subscriber,
            &subscriber_name,
            read_model_id,
            &shown,
            prefix,
        );
        narrative.push(format!(
            "{owner_name} publishes {prefix}.created, {prefix}.updated and {prefix}.deleted; {subscriber_name} subscribes and keeps its own read model {}.",
            ident::id_name(read_model_id)
        ));
        subscriptions
            .subscribed_by
            .entry(subscriber.clone())
            .or_default()
            .push(read_model_id.clone());
        subscriptions.read_models.push((subscriber.clone(), table));
        subscriptions.removed_reads.insert((subscriber, table_id));
    }
    subscriptions
}

/// The subscriber's copy of `source`: same columns and key, no foreign keys, in the subscriber's
/// schema.
fn read_model(source: &Table, id: &str, subscriber_name: &str) -> Table {
    Table {
        id: id.to_string(),
        schema: Some(subscriber_name.to_string()),
        name: ident::short_name(id).to_string(),
        columns: source.columns.clone(),
        primary_key: source.primary_key.clone(),
        foreign_keys: Vec::new(),
        span: source.span,
        recovered: false,
        partition_of: None,
    }
}

/// Why the read model and the subscriber's reads, writes and ownership of it appear.
fn explain_read_model(
    reasons: &mut Reasons,
    subscriber: &str,
    subscriber_name: &str,
    read_model_id: &str,
    shown: &str,
    prefix: &str,
) {
    reasons.node(
        read_model_id,
        format!("{subscriber_name}'s own read model of {shown}, fed by {prefix}.* events"),
    );
    reasons.edge(
        subscriber,
        read_model_id,
        EdgeKind::Reads,
        format!("{subscriber_name} reads its own copy of {shown}"),
    );
    reasons.edge(
        subscriber,
        read_model_id,
        EdgeKind::Writes,
        format!("{subscriber_name} applies {prefix}.* events to its copy"),
    );
    reasons.edge(
        subscriber,
        read_model_id,
        EdgeKind::Owns,
        format!("{subscriber_name} owns its read model"),
    );
}

/// The topics of the new events each service publishes and subscribes to (each once per event),
/// in event-name order: one pass over the events rather than one per service.
fn topics_by_service(
    events: &BTreeMap<String, Event>,
) -> BTreeMap<&str, (Vec<String>, Vec<String>)> {
    let mut topics: BTreeMap<&str, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for event in events.values() {
        crate::work::step(1 + event.subscribers.len());
        let topic = ident::topic_id(&event.name);
        let subscribers: BTreeSet<&str> =
            event.subscribers.iter().map(String::as_str).collect_set();
        for subscriber in subscribers {
            topics.entry(subscriber).or_default().1.push(topic.clone());
        }
        topics
            .entry(event.publisher.as_str())
            .or_default()
            .0
            .push(topic);
    }
    topics
}

/// The new topics one service publishes and subscribes to.
struct Links<'a> {
    publishes: &'a [String],
    subscribes: &'a [String],
}

/// One service after the subscriptions: it stops calling the read endpoints its subscriptions
/// replace, publishes and subscribes to its events, and reads and writes its read models.
fn rewire_service(
    prev: &Architecture,
    plan: &Plan,
    subscriptions: &Subscriptions,
    links: Links<'_>,
    s: &mut Service,
    reasons: &mut Reasons,
) {
    let before = s.calls.len();
    let id = s.id.clone();
    // This service's removed reads: the set is ordered by subscriber first.
    let removed: Vec<&String> = subscriptions
        .removed_reads
        .range((id.clone(), String::new())..)
        .take_while(|(sub, _)| *sub == id)
        .map(|(_, table)| {
            crate::work::step(1);
            table
        })
        .collect();
    s.calls.retain(|c| {
        let Some(endpoint) = &c.endpoint else {
            return true;
        };
        !removed.iter().any(|table| {
            crate::work::step(1);
            plan.owner(table) == Some(c.service.as_str())
                && (plan.resources.get(*table).is_some_and(|r| {
                    *endpoint == r.read_endpoint() || *endpoint == format!("GET {}", r.list_path())
                }) || plan
                    .read_endpoints
                    .get(&(id.clone(), (*table).clone()))
                    .is_some_and(|derived| derived.iter().any(|e| e.endpoint == *endpoint)))
        })
    });
    if s.calls.len() != before {
        for c in &prev
            .service(&id)
            .map(|p| p.calls.clone())
            .unwrap_or_default()
        {
            let api = ident::api_id(ident::id_name(&c.service));
            reasons.edge(
                &id,
                &api,
                EdgeKind::Calls,
                "read calls are replaced by event subscriptions",
            );
            reasons.edge(
                &id,
                &c.service,
                EdgeKind::Calls,
                "read calls are replaced by event subscriptions",
            );
        }
    }
    for topic in links.publishes {
        s.publishes.push(TopicLink {
            topic: topic.clone(),
            span: s.span,
        });
    }
    for topic in links.subscribes {
        s.subscribes.push(TopicLink {
            topic: topic.clone(),
            span: s.span,
        });
    }
    for read_model in subscriptions.subscribed_by.get(&id).into_iter().flatten() {
        let access = Access {
            table: read_model.clone(),
            span: s.span,
            from_query: false,
            shapes: Vec::new(),
        };
        s.reads.push(access.clone());
        s.writes.push(access);
    }
}

/// A read model is its subscriber's own table: the subscriber owns it, and where the schema gives
/// the subscriber database roles, those roles get full rights on it (or `grant-mismatch` would
/// flag the new table and the score would fall at this stage).
fn hand_over_read_models(
    prev: &Architecture,
    arch: &mut Architecture,
    read_models: &[(String, Table)],
) {
    let mut role_names: BTreeSet<String> = prev.roles.iter().map(|r| r.name.clone()).collect_set();
    role_names.extend(prev.grants.iter().map(|g| g.grantee.clone()));
    for (subscriber, table) in read_models {
        let name = naming::service_name(prev, subscriber);
        for role in role_names
            .iter()
            .filter(|r| crate::findings::role_belongs_to(r, &name))
        {
            arch.grants.push(Grant {
                revoke: false,
                privileges: vec![Privilege::All],
                object: table.id.clone(),
                grantee: role.clone(),
                span: table.span,
            });
        }
    }
    for (subscriber, table) in read_models {
        arch.ownership.insert(
            table.id.clone(),
            Ownership {
                service: subscriber.clone(),
                span: Span::start(Pane::Services),
            },
        );
    }
}

/// Views composed at stage 3 read their owner's read models (a view stage 3 left reading the
/// table, to avoid a cycle, lets go of it now).
fn compose_views_from_read_models(plan: &Plan, arch: &mut Architecture) {
    for (view_owner, relation, view) in &plan.compositions {
        if let (Some(read_model), Some(v)) = (
            plan.read_models
                .get(&(view_owner.clone(), relation.clone())),
            arch.views.iter_mut().find(|v| &v.id == view),
        ) {
            v.reads.retain(|r| r != relation);
            v.reads.push(read_model.clone());
        }
    }
}

/// APIs keep only the endpoints still called (commands, and queries of views).
fn keep_called_endpoints(prev: &Architecture, arch: &mut Architecture, reasons: &mut Reasons) {
    let mut still_called: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &arch.services {
        for c in &s.calls {
            if let Some(endpoint) = &c.endpoint {
                still_called
                    .entry(c.service.clone())
                    .or_default()
                    .insert(endpoint.clone());
            }
        }
    }
    arch.apis = still_called
        .into_iter()
        .map(|(service, endpoints)| Api {
            id: ident::api_id(ident::id_name(&service)),
            service,
            endpoints: endpoints.into_iter().collect(),
        })
        .collect();
    for api in &prev.apis {
        reasons.node(&api.id, "only commands stay calls; reads come from events");
    }
}

/// What stays a call after this stage, and why: queries of views, and cycles of commands.
fn narrate_remaining_calls(
    prev: &Architecture,
    plan: &Plan,
    arch: &Architecture,
    narrative: &mut Vec<String>,
) {
    for (service, relation) in &plan.foreign_reads {
        if plan.view_owners.contains_key(relation) {
            narrative.push(format!(
                "{} keeps calling {} for view {}: a view computes its rows, so it stays a query endpoint.",
                naming::service_name(prev, service),
                plan.owner(relation).map(|o| naming::service_name(prev, o)).unwrap_or_default(),
                naming::display_table(prev, relation)
            ));
        }
    }
    for cycle in &super::api_boundaries::call_cycles(arch) {
        let names: Vec<String> = cycle
            .iter()
            .map(|s| naming::service_name(prev, s))
            .collect();
        narrative.push(format!(
            "{} still call each other with commands: a cycle events alone cannot break.",
            naming::list(&names)
        ));
    }
}

/// The event catalog (AsyncAPI) and the read-model tables, when there are events.
fn artifacts(
    arch: &Architecture,
    events: &[Event],
    read_models: &[(String, Table)],
) -> Vec<Artifact> {
    if events.is_empty() {
        return Vec::new();
    }
    let refs: Vec<(String, &Table)> = read_models.iter().map(|(s, t)| (s.clone(), t)).collect();
    vec![
        Artifact {
            key: "asyncapi",
            title: "Event catalog (AsyncAPI 3.0)".to_string(),
            file_name: "asyncapi.json".to_string(),
            language: "json",
            content: asyncapi::render(arch, events),
        },
        Artifact {
            key: "read-models",
            title: "Read models".to_string(),
            file_name: format!("read-models.{}.sql", arch.dialect.as_str()),
            language: "sql",
            content: asyncapi::read_models_sql(arch, &refs),
        },
    ]
}

/// Gives each service its own database (`db:<service>`) with its owned tables, views and read
/// models; unowned tables stay where they were, and databases left empty disappear.
fn split_databases(
    prev: &Architecture,
    plan: &Plan,
    arch: &mut Architecture,
    read_models: &[(String, Table)],
    reasons: &mut Reasons,
    narrative: &mut Vec<String>,
) {
    if plan.services.is_empty() {
        return;
    }
    let mut databases: BTreeMap<String, Database> = BTreeMap::new();
    let mut homes: BTreeMap<String, String> = BTreeMap::new();
    // Document and key-value stores stay as they are: only SQL tables move into the services'
    // own databases, and services keep their connections to those stores.
    let stores: Vec<&Database> = prev.databases.iter().filter(|d| !d.is_sql()).collect();
    // A service gets a database of its own when it used an SQL one, owns SQL tables or keeps a
    // read model; one that touches only other stores, or none, gets none.
    let sql: BTreeSet<&str> = prev
        .databases
        .iter()
        .filter(|d| d.is_sql())
        .map(|d| d.id.as_str())
        .collect_set();
    let mut needs: BTreeSet<String> = prev
        .services
        .iter()
        .filter(|s| s.databases.iter().any(|d| sql.contains(d.as_str())))
        .map(|s| s.id.clone())
        .collect_set();
    needs.extend(read_models.iter().map(|(subscriber, _)| subscriber.clone()));
    for relation in prev
        .tables
        .iter()
        .map(|t| &t.id)
        .chain(prev.views.iter().map(|v| &v.id))
    {
        if stores.iter().any(|d| d.tables.contains(relation)) {
            continue;
        }
        if let Some(owner) = plan.owner(relation) {
            needs.insert(owner.to_string());
        }
    }
    for s in &mut arch.services {
        if !needs.contains(&s.id) {
            continue;
        }
        let id = ident::database_id(&s.name, None);
        databases
            .entry(id.clone())
            .or_insert_with(|| Database::named(id.clone(), s.name.clone(), None));
        homes.insert(s.id.clone(), id.clone());
        s.databases = std::iter::once(id.clone())
            .chain(
                stores
                    .iter()
                    .filter(|d| s.databases.contains(&d.id))
                    .map(|d| d.id.clone()),
            )
            .collect();
        order::sort(&mut s.databases);
        reasons.node(&id, format!("{}'s own database", s.name));
    }
    let relations: Vec<String> = prev
        .tables
        .iter()
        .map(|t| t.id.clone())
        .chain(prev.views.iter().map(|v| v.id.clone()))
        .collect();
    let mut left_behind = Vec::new();
    for relation in relations {
        if let Some(store) = stores.iter().find(|d| d.tables.contains(&relation)) {
            databases
                .entry(store.id.clone())
                .or_insert_with(|| Database {
                    tables: Vec::new(),
                    ..(*store).clone()
                })
                .tables
                .push(relation);
            continue;
        }
        let home = plan.owner(&relation).and_then(|o| homes.get(o)).cloned();
        let target = match home {
            Some(home) => home,
            None => match prev.database_of(&relation) {
                Some(db) => {
                    left_behind.push(naming::display_table(prev, &relation));
                    databases.entry(db.id.clone()).or_insert_with(|| Database {
                        tables: Vec::new(),
                        ..db.clone()
                    });
                    db.id.clone()
                }
                None => continue,
            },
        };
        if let Some(db) = databases.get_mut(&target) {
            db.tables.push(relation);
        }
    }
    for (subscriber, table) in read_models {
        if let Some(db) = homes.get(subscriber).and_then(|h| databases.get_mut(h)) {
            db.tables.push(table.id.clone());
        }
    }
    let shared: Vec<String> = prev
        .databases
        .iter()
        .filter(|d| !databases.contains_key(&d.id))
        .map(|d| {
            reasons.node(
                &d.id,
                "the shared database splits into one database per service",
            );
            d.name.clone()
        })
        .collect();
    arch.databases = databases.into_values().collect();
    let described: Vec<String> = arch
        .databases
        .iter()
        .filter(|d| homes.values().any(|h| h == &d.id))
        .map(|d| {
            let names: Vec<String> = d
                .tables
                .iter()
                .map(|t| match ident::relation_database(t) {
                    // An id that carries its database: the table's own name.
                    Some(_) => naming::display_table(prev, t),
                    None => ident::id_name(t).to_string(),
                })
                .collect();
            if names.is_empty() {
                format!("{} (empty)", d.name)
            } else {
                format!("{} ({})", d.name, names.join(", "))
            }
        })
        .collect();
    narrative.push(format!(
        "Each service gets its own database: {}.",
        naming::list(&described)
    ));
    if !shared.is_empty() {
        narrative.push(format!(
            "The shared {} {} {}.",
            if shared.len() == 1 {
                "database"
            } else {
                "databases"
            },
            naming::list(&shared),
            if shared.len() == 1 {
                "disappears"
            } else {
                "disappear"
            }
        ));
    }
    let kept: Vec<String> = stores
        .iter()
        .filter(|d| arch.services.iter().any(|s| s.databases.contains(&d.id)))
        .map(|d| d.name.clone())
        .collect();
    if !kept.is_empty() {
        narrative.push(format!(
            "{} {} as {}: Seams splits SQL databases only, so services that share {} still do.",
            naming::list(&kept),
            if kept.len() == 1 { "stays" } else { "stay" },
            if kept.len() == 1 { "it is" } else { "they are" },
            if kept.len() == 1 { "it" } else { "them" },
        ));
    }
    if !left_behind.is_empty() {
        narrative.push(format!(
            "Nobody owns {}, so {} in the old database.",
            naming::list(&left_behind),
            if left_behind.len() == 1 {
                "it stays"
            } else {
                "they stay"
            }
        ));
    }
}
