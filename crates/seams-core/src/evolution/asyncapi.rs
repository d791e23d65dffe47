//! The stage-4 artifacts: the event catalog as one AsyncAPI 3.0 document (JSON; a channel per
//! event, payload fields from the table's columns, a `send` operation for the publisher and a
//! `receive` operation per subscriber) and the read-model tables each subscriber keeps, as SQL
//! in the schema's dialect.

use super::grants::{comment, quote};
use super::naming;
use super::openapi::{write_columns, Pretty};
use crate::model::Architecture;
use crate::model::{Column, Table};
use std::collections::BTreeMap;

/// One event of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// The topic name (`user.created`).
    pub name: String,
    /// The source table id.
    pub table: String,
    /// `created`, `updated` or `deleted`; `changed` for an existing topic of every change.
    pub change: &'static str,
    /// The publishing service id.
    pub publisher: String,
    /// Subscribing service ids, sorted.
    pub subscribers: Vec<String>,
    /// Whether the publisher already publishes this topic (reused, not invented).
    pub existing: bool,
}

/// A key safe in AsyncAPI component maps and JSON pointers (`[A-Za-z0-9._-]`).
fn key(name: &str) -> String {
    let out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".to_string()
    } else {
        out
    }
}

/// `base`, or `base_2`, `base_3`… whichever `map` does not hold yet.
fn unique_key(map: &BTreeMap<String, String>, base: &str) -> String {
    if !map.contains_key(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| !map.contains_key(k))
        .unwrap_or_else(|| base.to_string())
}

/// One message of the catalog (`components` → `messages` → its key).
fn write_message(arch: &Architecture, event: &Event) -> String {
    let mut w = Pretty::new(3);
    w.open('{');
    w.field("contentType", "application/json");
    w.field("name", &event.name);
    w.key("payload");
    let shared = arch
        .table(&event.table)
        .map(|t| (t, super::secrets::shared(arch, t)));
    let columns: Option<Vec<&Column>> = shared
        .as_ref()
        .map(|(t, s)| payload_columns(t, &s.columns, event.change));
    let note = shared.as_ref().and_then(|(_, s)| s.note());
    write_columns(&mut w, columns.as_deref(), note.as_deref());
    w.field(
        "title",
        &format!(
            "{} {}",
            naming::display_table(arch, &event.table),
            event.change
        ),
    );
    w.close('}');
    w.out
}

/// The channel of an event (`channels` → its key), with its one message.
fn write_channel(arch: &Architecture, event: &Event, message: &str) -> String {
    let mut w = Pretty::new(2);
    w.open('{');
    w.field("address", &event.name);
    let shown = naming::display_table(arch, &event.table);
    let description = if event.existing {
        format!(
            "A row of {shown} was {}: a topic {} already publishes, reused; its payload is \
             sketched from the table's columns.",
            event.change,
            naming::service_name(arch, &event.publisher)
        )
    } else {
        format!("A row of {shown} was {}.", event.change)
    };
    w.field("description", &description);
    w.key("messages");
    w.open('{');
    w.key(message);
    w.open('{');
    w.field("$ref", &format!("#/components/messages/{message}"));
    w.close('}');
    w.close('}');
    w.close('}');
    w.out
}

/// One operation (`operations` → its key): `send` or `receive` on a channel, with its summary.
fn write_operation(action: &str, channel: &str, message: &str, summary: &str) -> String {
    let mut w = Pretty::new(2);
    w.open('{');
    w.field("action", action);
    w.key("channel");
    w.open('{');
    w.field("$ref", &format!("#/channels/{channel}"));
    w.close('}');
    w.key("messages");
    w.open('[');
    w.next();
    w.open('{');
    w.field("$ref", &format!("#/channels/{channel}/messages/{message}"));
    w.close('}');
    w.close(']');
    w.field("summary", summary);
    w.close('}');
    w.out
}

/// Writes `entries` (rendered values by key) as the value of `key`.
fn write_map(w: &mut Pretty, key: &str, entries: &BTreeMap<String, String>) {
    w.key(key);
    w.open('{');
    for (name, text) in entries {
        w.key(name);
        w.out.push_str(text);
    }
    w.close('}');
}

/// The AsyncAPI document of `events`; table columns are read from `arch`. Written straight to
/// text like the OpenAPI document (`openapi::Pretty`), keys in sorted order.
pub async fn render(arch: &Architecture, events: &[Event]) -> String {
    let mut channels: BTreeMap<String, String> = BTreeMap::new();
    let mut operations: BTreeMap<String, String> = BTreeMap::new();
    let mut messages: BTreeMap<String, String> = BTreeMap::new();
    let mut stride = crate::pace::Stride::every(MODELS_BETWEEN_PAUSES);
    for event in events {
        stride.over(1 + event.subscribers.len()).await;
        let channel = unique_key(&channels, &key(&event.name));
        let message = unique_key(&messages, &naming::class_name(&event.name));
        messages.insert(message.clone(), write_message(arch, event));
        channels.insert(channel.clone(), write_channel(arch, event, &message));
        let publisher = naming::service_name(arch, &event.publisher);
        operations.insert(
            key(&format!("{publisher}.send.{}", event.name)),
            write_operation(
                "send",
                &channel,
                &message,
                &format!("{publisher} publishes {}", event.name),
            ),
        );
        for subscriber in &event.subscribers {
            let name = naming::service_name(arch, subscriber);
            operations.insert(
                key(&format!("{name}.receive.{}", event.name)),
                write_operation(
                    "receive",
                    &channel,
                    &message,
                    &format!("{name} updates its read model from {}", event.name),
                ),
            );
        }
    }
    crate::pace::pause().await;
    let mut w = Pretty::new(0);
    w.open('{');
    w.field("asyncapi", "3.0.0");
    write_map(&mut w, "channels", &channels);
    crate::pace::pause().await;
    w.key("components");
    w.open('{');
    write_map(&mut w, "messages", &messages);
    crate::pace::pause().await;
    w.close('}');
    w.key("info");
    w.open('{');
    w.field("description", "Owners publish changes to their tables; former readers subscribe and keep their own read models.");
    w.field("title", "Event catalog (generated by Seams)");
    w.field("version", "0.1.0");
    w.close('}');
    write_map(&mut w, "operations", &operations);
    w.close('}');
    w.out
}

/// The payload's columns among the `shared` ones (those an event may carry): every one for
/// created and updated, the key for deleted.
fn payload_columns<'a>(table: &Table, shared: &[&'a Column], change: &str) -> Vec<&'a Column> {
    if change == "deleted" && !table.primary_key.is_empty() {
        shared
            .iter()
            .filter(|c| table.primary_key.contains(&c.name))
            .copied()
            .collect()
    } else {
        shared.to_vec()
    }
}

/// An SQL type safe to print: the type as written when it is plain words, digits, spaces,
/// commas and parentheses, else `text`.
fn safe_type(data_type: &str) -> String {
    let t = data_type.trim();
    let plain = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '(' | ')' | ','))
        && t.matches('(').count() == t.matches(')').count();
    if plain {
        t.to_string()
    } else {
        "text".to_string()
    }
}

/// Events or read models written between two pauses of [`render`] or [`read_models_sql`].
const MODELS_BETWEEN_PAUSES: usize = 1_000;

/// `CREATE TABLE` statements of the read models, grouped by subscriber database:
/// `(subscriber service id, read-model table)`, each after its comment lines in `notes` (by
/// read-model id: what it left out of its source and why).
pub async fn read_models_sql(
    arch: &Architecture,
    models: &[(String, &Table)],
    notes: &BTreeMap<String, Vec<String>>,
) -> String {
    let mut stride = crate::pace::Stride::every(MODELS_BETWEEN_PAUSES);
    let d = arch.dialect;
    let mut out = String::from(
        "-- Read models kept by subscribers, fed by the owners' events (generated by Seams).\n",
    );
    let mut current: Option<&str> = None;
    for (subscriber, table) in models {
        stride.over(1).await;
        if current != Some(subscriber.as_str()) {
            out.push_str(&format!(
                "\n-- database of {}\n",
                comment(&naming::service_name(arch, subscriber))
            ));
            current = Some(subscriber.as_str());
        }
        let mut lines: Vec<String> = table
            .columns
            .iter()
            .map(|c| {
                format!(
                    "  {} {}{}",
                    quote(d, &c.name),
                    safe_type(&c.data_type),
                    if c.nullable { "" } else { " NOT NULL" }
                )
            })
            .collect();
        if !table.primary_key.is_empty() {
            let pk: Vec<String> = table.primary_key.iter().map(|c| quote(d, c)).collect();
            lines.push(format!("  PRIMARY KEY ({})", pk.join(", ")));
        }
        if lines.is_empty() {
            lines.push(format!("  {} text", quote(d, "id")));
        }
        for note in notes.get(&table.id).into_iter().flatten() {
            out.push_str(&format!("-- {}\n", comment(note)));
        }
        out.push_str(&format!(
            "CREATE TABLE {} (\n{}\n);\n",
            quote(d, &table.name),
            lines.join(",\n")
        ));
    }
    out
}
