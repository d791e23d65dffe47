//! Stage 4, events and read models: owners publish `<entity>.created/updated/deleted`, former
//! readers subscribe and keep their own read model (a table in their own database), read calls
//! are replaced by subscriptions (commands stay calls), and each service gets its own database.
//! Artifacts: the AsyncAPI event catalog and the read-model tables.

use super::asyncapi::{self, Event};
use super::change_kinds;
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
use std::sync::Arc;

/// What the subscriptions decide: the events (by name), each subscriber's read models, the
/// reads they replace, and the read models of each subscriber.
#[derive(Default)]
struct Subscriptions {
    events: BTreeMap<String, Event>,
    read_models: Vec<(String, Table)>,
    removed_reads: BTreeSet<(String, String)>,
    subscribed_by: BTreeMap<String, Vec<String>>,
    /// What each read model (by id) left out and why, as comment lines of its SQL.
    notes: BTreeMap<String, Vec<String>>,
}

/// Subscriptions (a reader's read model of a table) made between two pauses of `subscribe`.
const SUBSCRIPTIONS_BETWEEN_PAUSES: usize = 500;

/// Relations moved to their owner's database between two pauses of `split_databases`.
const RELATIONS_BETWEEN_PAUSES: usize = 4_000;

/// Replaces read calls with events and read models, and splits the shared database.
pub async fn transform(prev: &Architecture, plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    crate::pace::pause().await;
    let mut reasons =
        Reasons::new("Owners announce changes as events; readers keep their own copies.");
    let mut narrative = Vec::new();
    let subscriptions = subscribe(prev, plan, &mut reasons, &mut narrative).await;
    crate::pace::pause().await;
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
    crate::pace::pause().await;
    hand_over_read_models(prev, &mut arch, &subscriptions.read_models);
    compose_views_from_read_models(plan, &mut arch);
    arch.topics.extend(
        subscriptions
            .events
            .values()
            .filter(|event| !event.existing)
            .map(|event| Topic {
                id: ident::topic_id(&event.name),
                name: event.name.clone(),
                kind: TopicKind::Topic,
            }),
    );
    arch.tables.extend(
        subscriptions
            .read_models
            .iter()
            .map(|(_, t)| Arc::new(t.clone())),
    );
    keep_called_endpoints(prev, &mut arch, &mut reasons);
    crate::pace::pause().await;
    split_databases(
        prev,
        plan,
        &mut arch,
        &subscriptions.read_models,
        &mut reasons,
        &mut narrative,
    )
    .await;
    crate::pace::pause().await;
    narrate_remaining_calls(prev, plan, &arch, &mut narrative);
    super::normalise(&mut arch);
    crate::pace::pause().await;
    let event_list: Vec<Event> = subscriptions
        .events
        .into_values()
        .map(|mut e| {
            order::sort(&mut e.subscribers);
            e.subscribers.dedup();
            e
        })
        .collect();
    let artifacts = artifacts(
        &arch,
        &event_list,
        &subscriptions.read_models,
        &subscriptions.notes,
    )
    .await;
    crate::pace::pause().await;
    if event_list.is_empty() && !plan.services.is_empty() {
        narrative
            .push("No service reads another service's table, so no events are needed.".to_string());
    }
    // Databases the split leaves shared (stores of other kinds, tables nobody owns): the
    // caption names them rather than promise every service a database of its own.
    let shared: Vec<String> = arch.shared_databases().map(|d| d.name.clone()).collect();
    let databases = if shared.is_empty() {
        "each service gets its own database".to_string()
    } else {
        format!(
            "each service gets its own database but {}, still shared",
            naming::list(&shared)
        )
    };
    Transformed {
        caption: format!(
            "{} {} replace read calls; {databases}.",
            event_list.len(),
            super::plural(event_list.len(), "event", "events")
        ),
        architecture: arch,
        narrative,
        artifacts,
        reasons,
    }
}

/// Every subscription of the plan: the owner's change events, the subscriber's read model, and
/// why each appears.
async fn subscribe(
    prev: &Architecture,
    plan: &Plan,
    reasons: &mut Reasons,
    narrative: &mut Vec<String>,
) -> Subscriptions {
    let mut subscriptions = Subscriptions::default();
    let mut stride = crate::pace::Stride::every(SUBSCRIPTIONS_BETWEEN_PAUSES);
    for (subscriber, table_id) in plan.subscriptions() {
        stride.over(1).await;
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
        let entity = plan
            .resources
            .get(&table_id)
            .map(|r| r.entity.clone())
            .unwrap_or_else(|| naming::singular(&ident::short_name(&table_id)));
        let kinds = change_kinds::of(prev, plan, &table_id);
        let feeds = feeds(prev, owner, &entity, prefix, &kinds.changes);
        for (name, change, existing) in &feeds {
            let (change, existing) = (*change, *existing);
            let topic = ident::topic_id(name);
            let event = subscriptions
                .events
                .entry(name.clone())
                .or_insert_with(|| Event {
                    name: name.clone(),
                    table: table_id.clone(),
                    change,
                    publisher: owner.to_string(),
                    subscribers: Vec::new(),
                    existing,
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
        let (table, notes) = read_model(
            prev,
            plan,
            source,
            read_model_id,
            &subscriber,
            &subscriber_name,
        );
        subscriptions.notes.insert(read_model_id.clone(), notes);
        let names: Vec<String> = feeds.iter().map(|(name, _, _)| name.clone()).collect();
        let fed_by = if feeds.iter().any(|(_, _, existing)| *existing) {
            naming::list(&names)
        } else {
            format!("{prefix}.* events")
        };
        explain_read_model(
            reasons,
            &subscriber,
            &subscriber_name,
            read_model_id,
            &shown,
            &fed_by,
        );
        let only = match &kinds.why {
            Some(why) => format!(" only ({why})"),
            None => String::new(),
        };
        narrative.push(narrate_feeds(
            &owner_name,
            &subscriber_name,
            &feeds,
            &only,
            &ident::display_name(read_model_id),
        ));
        let secrets = super::secrets::shared(prev, source).named();
        if !secrets.is_empty() {
            narrative.push(format!(
                "{} leaves out {}: {} in {owner_name}'s table, and no event carries {}.",
                ident::display_name(read_model_id),
                naming::list(&secrets),
                if secrets.len() == 1 {
                    "it stays"
                } else {
                    "they stay"
                },
                if secrets.len() == 1 { "it" } else { "them" },
            ));
        }
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

/// Words that close a topic name without naming its entity: the change it announces, or that it
/// is a stream of events (`transaction-events`, `user.created`).
const CHANGE_WORDS: [(&str, Option<&str>); 9] = [
    ("created", Some("created")),
    ("inserted", Some("created")),
    ("added", Some("created")),
    ("updated", Some("updated")),
    ("modified", Some("updated")),
    ("deleted", Some("deleted")),
    ("removed", Some("deleted")),
    ("changed", None),
    ("changes", None),
];

/// Words that say a topic is a stream of events, ignored at the end of its name.
const STREAM_WORDS: [&str; 6] = ["events", "event", "stream", "topic", "feed", "cdc"];

/// The change an existing topic announces for `entity` (`Some(None)`: every change), when its
/// name names the entity: once a closing change word (`created`…, or `changed`/`changes` for
/// every change) and stream words (`events`, `stream`…) are set aside, its words end with the
/// entity's words, the last one in the singular or the plural (`user.created`, `transactions`,
/// `transaction-events`, `bank.order-items`). Anything else does not name it.
fn topic_change(topic: &str, entity: &str) -> Option<Option<&'static str>> {
    let mut words = crate::model::sensitivity::words(topic);
    let mut change = None;
    while let Some(last) = words.last() {
        if STREAM_WORDS.contains(&last.as_str()) {
            words.pop();
        } else if let Some((_, c)) = CHANGE_WORDS.iter().find(|(w, _)| w == last) {
            if change.is_some() {
                break;
            }
            change = Some(*c);
            words.pop();
        } else {
            break;
        }
    }
    let wanted = crate::model::sensitivity::words(entity);
    let (last_wanted, head_wanted) = wanted.split_last()?;
    let (last, head) = words.split_last()?;
    let same_last = naming::singular(last) == naming::singular(last_wanted);
    let same_head = head.len() >= head_wanted.len()
        && head
            .get(head.len() - head_wanted.len()..)
            .is_some_and(|h| h == head_wanted);
    (same_last && same_head).then_some(change.unwrap_or(None))
}

/// The topics that feed a read model of a table whose owner is `owner` and entity `entity`:
/// `(topic name, change, whether the owner already publishes it)`. An existing pub/sub topic
/// the owner publishes whose name names the entity is reused (`topic_change`): one that
/// announces every change replaces all three events, one that names a change replaces that
/// change's; the others are `<prefix>.<change>` for each of `changes`, the changes that can
/// happen to the table (`change_kinds`).
fn feeds(
    prev: &Architecture,
    owner: &str,
    entity: &str,
    prefix: &str,
    changes: &[&'static str],
) -> Vec<(String, &'static str, bool)> {
    let existing: Vec<(String, Option<&'static str>)> = prev
        .service(owner)
        .map(|s| s.publishes.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|link| {
            let topic = prev
                .topics
                .iter()
                .find(|t| t.id == link.topic && t.kind == TopicKind::Topic)?;
            topic_change(&topic.name, entity).map(|change| (topic.name.clone(), change))
        })
        .collect();
    if let Some((name, _)) = existing.iter().find(|(_, change)| change.is_none()) {
        return vec![(name.clone(), "changed", true)];
    }
    changes
        .iter()
        .map(|change| {
            existing
                .iter()
                .find(|(_, c)| *c == Some(*change))
                .map(|(name, _)| (name.clone(), *change, true))
                .unwrap_or_else(|| (format!("{prefix}.{change}"), *change, false))
        })
        .collect()
}

/// The narrative line of one subscription: which topics the owner already publishes (reused),
/// which it starts publishing, and the subscriber's read model.
fn narrate_feeds(
    owner: &str,
    subscriber: &str,
    feeds: &[(String, &'static str, bool)],
    only: &str,
    read_model: &str,
) -> String {
    let pick = |existing: bool| -> Vec<String> {
        feeds
            .iter()
            .filter(|(_, _, e)| *e == existing)
            .map(|(name, _, _)| name.clone())
            .collect()
    };
    let (reused, new) = (pick(true), pick(false));
    let mut line = String::new();
    if !reused.is_empty() {
        line.push_str(&format!(
            "{owner} already publishes {}, which is reused rather than a new event invented",
            naming::list(&reused)
        ));
        if !new.is_empty() {
            line.push_str(&format!(", and also publishes {}", naming::list(&new)));
        }
        line.push_str(only);
    } else {
        line.push_str(&format!("{owner} publishes {}{only}", naming::list(&new)));
    }
    line.push_str(&format!(
        "; {subscriber} subscribes and keeps its own read model {read_model}."
    ));
    line
}

/// The subscriber's copy of `source`, in the subscriber's schema, with no foreign keys: the key
/// and the columns the subscriber reads when its models of the table say which (else every
/// column), never a sensitive one; with the comment lines that say what was left out and why.
fn read_model(
    prev: &Architecture,
    plan: &Plan,
    source: &Table,
    id: &str,
    subscriber: &str,
    subscriber_name: &str,
) -> (Table, Vec<String>) {
    let shared = super::secrets::shared(prev, source);
    let mut notes: Vec<String> = shared.note().into_iter().collect();
    let known = plan.read_columns_of(subscriber, &source.id);
    let every = known.is_some_and(|(columns, _)| columns.contains(super::plan::ALL_COLUMNS));
    let read = known.map(|(columns, _)| columns).filter(|_| !every);
    let columns: Vec<crate::model::Column> = shared
        .columns
        .iter()
        .filter(|c| {
            source.primary_key.contains(&c.name)
                || read
                    .as_ref()
                    .is_none_or(|r| r.contains(&c.name.to_ascii_lowercase()))
        })
        .map(|c| (*c).clone())
        .collect();
    match known {
        Some(_) if every => notes.push(format!(
            "{subscriber_name} reads every column (one of its queries selects *): all but those \
             left out are copied."
        )),
        Some((_, paths)) => {
            let unread: Vec<&str> = shared
                .columns
                .iter()
                .filter(|c| !columns.iter().any(|k| k.name == c.name))
                .map(|c| c.name.as_str())
                .collect();
            notes.push(format!(
                "Only the columns {subscriber_name} reads ({}) and the key{}.",
                sources(paths),
                if unread.is_empty() {
                    String::new()
                } else {
                    format!("; not read, so not copied: {}", unread.join(", "))
                }
            ));
        }
        None => notes.push(format!(
            "Which columns {subscriber_name} reads is not known (no model or query of it names \
             them): every column not left out is copied."
        )),
    }
    let table = Table {
        id: id.to_string(),
        schema: Some(subscriber_name.to_string()),
        name: ident::short_name(id).to_string(),
        primary_key: source
            .primary_key
            .iter()
            .filter(|k| columns.iter().any(|c| &c.name == *k))
            .cloned()
            .collect(),
        columns,
        foreign_keys: Vec::new(),
        span: source.span,
        recovered: false,
        partition_of: None,
        forbids: Vec::new(),
    };
    (table, notes)
}

/// Where the known read columns come from, as a phrase: `its model in a.py and its queries`.
fn sources(from: &[String]) -> String {
    let models: Vec<String> = from
        .iter()
        .filter(|f| f.as_str() != "its queries")
        .cloned()
        .collect();
    let mut parts = Vec::new();
    if !models.is_empty() {
        parts.push(format!("its model in {}", naming::list(&models)));
    }
    if models.len() != from.len() {
        parts.push("its queries".to_string());
    }
    naming::list(&parts)
}

/// Why the read model and the subscriber's reads, writes and ownership of it appear.
fn explain_read_model(
    reasons: &mut Reasons,
    subscriber: &str,
    subscriber_name: &str,
    read_model_id: &str,
    shown: &str,
    fed_by: &str,
) {
    reasons.node(
        read_model_id,
        format!("{subscriber_name}'s own read model of {shown}, fed by {fed_by}"),
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
        format!("{subscriber_name} applies {fed_by} to its copy"),
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
                    .read_endpoints_of(&id, table)
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
            insert_only: false,
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
async fn artifacts(
    arch: &Architecture,
    events: &[Event],
    read_models: &[(String, Table)],
    notes: &BTreeMap<String, Vec<String>>,
) -> Vec<Artifact> {
    if events.is_empty() {
        return Vec::new();
    }
    let refs: Vec<(String, &Table)> = read_models.iter().map(|(s, t)| (s.clone(), t)).collect();
    let catalog = asyncapi::render(arch, events).await;
    crate::pace::pause().await;
    let read_models_sql = asyncapi::read_models_sql(arch, &refs, notes).await;
    vec![
        Artifact {
            key: "asyncapi",
            title: "Event catalog (AsyncAPI 3.0)".to_string(),
            file_name: "asyncapi.json".to_string(),
            language: "json",
            content: catalog,
        },
        Artifact {
            key: "read-models",
            title: "Read models".to_string(),
            file_name: format!("read-models.{}.sql", arch.dialect.as_str()),
            language: "sql",
            content: read_models_sql,
        },
    ]
}

/// Gives each service its own database (`db:<service>`) with its owned tables, views and read
/// models; unowned tables stay where they were, and databases left empty disappear. A database
/// only one service used stays that service's own (name and host kept); the deployables of one
/// `part_of` group share their head's. A service that would hold no table gets no database.
async fn split_databases(
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
    // Document and key-value stores stay as they are: only SQL tables move into the services'
    // own databases, and services keep their connections to those stores.
    let stores: Vec<&Database> = prev.databases.iter().filter(|d| !d.is_sql()).collect();
    let units = units_holding_tables(prev, plan, &stores, read_models);
    crate::pace::pause().await;
    let usage = Usage::of(prev);
    crate::pace::pause().await;
    let (homes, placed) = homes(prev, &usage, &units, &mut databases, reasons);
    crate::pace::pause().await;
    for s in &mut arch.services {
        let Some(home) = homes.get(&s.id) else {
            continue;
        };
        s.databases = std::iter::once(home.clone())
            .chain(
                stores
                    .iter()
                    .filter(|d| s.databases.contains(&d.id))
                    .map(|d| d.id.clone()),
            )
            .collect();
        order::sort(&mut s.databases);
    }
    let relations: Vec<String> = prev
        .tables
        .iter()
        .map(|t| t.id.clone())
        .chain(prev.views.iter().map(|v| v.id.clone()))
        .collect();
    let mut left_behind = Vec::new();
    let mut stride = crate::pace::Stride::every(RELATIONS_BETWEEN_PAUSES);
    for relation in relations {
        stride.over(1).await;
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
    // A service with no home of its own keeps only the databases that are still there.
    for s in &mut arch.services {
        s.databases.retain(|d| databases.contains_key(d));
    }
    let gone: Vec<&Database> = prev
        .databases
        .iter()
        .filter(|d| !databases.contains_key(&d.id))
        .collect();
    let (shared, single): (Vec<&Database>, Vec<&Database>) =
        gone.into_iter().partition(|d| usage.groups(&d.id) >= 2);
    for d in &shared {
        reasons.node(
            &d.id,
            "the shared database splits into one database per service",
        );
    }
    for d in &single {
        reasons.node(&d.id, "its tables move into their owners' own databases");
    }
    let shared: Vec<String> = shared.iter().map(|d| d.name.clone()).collect();
    let single: Vec<String> = single.iter().map(|d| d.name.clone()).collect();
    for db in databases.values_mut() {
        crate::order::sort(&mut db.tables);
    }
    arch.databases = databases.into_values().collect();
    narrate_homes(prev, arch, &placed, narrative);
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
    if !single.is_empty() {
        narrative.push(format!(
            "{} {} replaced by {} owners' own databases.",
            naming::list(&single),
            if single.len() == 1 { "is" } else { "are" },
            if single.len() == 1 { "its" } else { "their" },
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

/// The groups (by the head of each `part_of` group, or the service itself) that will hold a
/// table at stage 4: owners of an SQL table or view, and subscribers keeping a read model.
fn units_holding_tables<'a>(
    prev: &'a Architecture,
    plan: &'a Plan,
    stores: &[&Database],
    read_models: &'a [(String, Table)],
) -> BTreeSet<&'a str> {
    let mut units: BTreeSet<&str> = read_models
        .iter()
        .map(|(subscriber, _)| prev.unit(subscriber))
        .collect_set();
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
            units.insert(prev.unit(owner));
        }
    }
    units
}

/// Who uses which SQL database, by group (the head of a `part_of` group, or the service itself):
/// the groups connected to each database, and the databases each group connects to. One pass
/// over the services' connections.
#[derive(Default)]
struct Usage<'a> {
    groups_of: BTreeMap<&'a str, BTreeSet<&'a str>>,
    databases_of: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> Usage<'a> {
    fn of(prev: &'a Architecture) -> Self {
        let sql: BTreeSet<&str> = prev
            .databases
            .iter()
            .filter(|d| d.is_sql())
            .map(|d| d.id.as_str())
            .collect_set();
        let mut usage = Usage::default();
        for s in &prev.services {
            let unit = prev.unit(&s.id);
            for d in s.databases.iter().filter(|d| sql.contains(d.as_str())) {
                usage.groups_of.entry(d).or_default().insert(unit);
                usage.databases_of.entry(unit).or_default().insert(d);
            }
        }
        usage
    }

    /// How many groups used database `id`.
    fn groups(&self, id: &str) -> usize {
        self.groups_of.get(id).map_or(0, BTreeSet::len)
    }

    /// The one SQL database `unit` used, when it used exactly one and nobody else did.
    fn alone(&self, unit: &str) -> Option<&'a str> {
        match self
            .databases_of
            .get(unit)?
            .iter()
            .collect::<Vec<_>>()
            .as_slice()
        {
            [only] if self.groups(only) == 1 => Some(**only),
            _ => None,
        }
    }
}

/// Where one group's tables go at stage 4.
struct Placed {
    /// The head service's id.
    unit: String,
    /// The database's id.
    database: String,
    /// Whether it is a database the group alone already used (kept, name and host unchanged).
    kept: bool,
}

/// Each group's own database: the one SQL database it alone used, kept as it is, or a new one
/// named after its head. Returns the database of every service (members of a group get their
/// head's) and each group's placement, for the narrative.
fn homes(
    prev: &Architecture,
    usage: &Usage<'_>,
    units: &BTreeSet<&str>,
    databases: &mut BTreeMap<String, Database>,
    reasons: &mut Reasons,
) -> (BTreeMap<String, String>, Vec<Placed>) {
    // In unit order (`units` is a sorted set), so a group's placement is found by a search.
    let mut placed: Vec<Placed> = Vec::new();
    for &unit in units {
        let Some(head) = prev.service(unit) else {
            continue;
        };
        let alone = usage.alone(unit).and_then(|id| prev.database(id));
        let (id, kept) = match alone {
            Some(db) => {
                databases.entry(db.id.clone()).or_insert_with(|| Database {
                    tables: Vec::new(),
                    ..db.clone()
                });
                reasons.node(&db.id, format!("stays {}'s own database", head.name));
                (db.id.clone(), true)
            }
            None => {
                let id = ident::database_id(&head.name, None);
                databases
                    .entry(id.clone())
                    .or_insert_with(|| Database::named(id.clone(), head.name.clone(), None));
                reasons.node(&id, format!("{}'s own database", head.name));
                (id, false)
            }
        };
        placed.push(Placed {
            unit: unit.to_string(),
            database: id,
            kept,
        });
    }
    let homes = prev
        .services
        .iter()
        .filter_map(|s| {
            let unit = prev.unit(&s.id);
            let at = placed
                .binary_search_by(|p| p.unit.as_str().cmp(unit))
                .ok()?;
            placed.get(at).map(|p| (s.id.clone(), p.database.clone()))
        })
        .collect_map();
    (homes, placed)
}

/// The narrative of the split: which groups get a new database and which keep theirs, each
/// with its tables, and which deployables share their head's.
fn narrate_homes(
    prev: &Architecture,
    arch: &Architecture,
    placed: &[Placed],
    narrative: &mut Vec<String>,
) {
    let describe = |p: &Placed| -> String {
        let name = ident::id_name(&p.unit);
        let tables: Vec<String> = arch
            .databases
            .iter()
            .find(|d| d.id == p.database)
            .map(|d| {
                d.tables
                    .iter()
                    .map(|t| match ident::relation_database(t) {
                        // An id that carries its database: the table's own name.
                        Some(_) => naming::display_table(prev, t),
                        None => ident::display_name(t).into_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let database = arch
            .databases
            .iter()
            .find(|d| d.id == p.database)
            .map_or(name, |d| d.name.as_str());
        let place = if p.kept && database != name {
            format!("{name} in {database}")
        } else {
            name.to_string()
        };
        if tables.is_empty() {
            place
        } else {
            format!("{place} ({})", tables.join(", "))
        }
    };
    let fresh: Vec<String> = placed.iter().filter(|p| !p.kept).map(describe).collect();
    let kept: Vec<String> = placed.iter().filter(|p| p.kept).map(describe).collect();
    if !fresh.is_empty() {
        narrative.push(format!(
            "{}: {}.",
            match (fresh.len(), kept.is_empty()) {
                (_, true) => "Each service gets its own database",
                (1, false) => "One service gets a new database of its own",
                _ => "These services get a new database each",
            },
            naming::list(&fresh)
        ));
    }
    if !kept.is_empty() {
        narrative.push(format!(
            "{}: {}.",
            if kept.len() == 1 {
                "One service keeps the database only it used"
            } else {
                "These services keep the database only each of them used"
            },
            naming::list(&kept)
        ));
    }
    for s in &prev.services {
        if let Some(part_of) = &s.part_of {
            if placed.iter().any(|p| p.unit == part_of.service) {
                narrative.push(format!(
                    "{} is part of {} and shares its database.",
                    s.name,
                    ident::id_name(&part_of.service)
                ));
            }
        }
    }
}
