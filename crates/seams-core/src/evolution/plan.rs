//! The decisions every stage shares, taken once from the as-is architecture: one owner per
//! table (with the reason, so ties are explained), the owner of each view, which accesses
//! cross an owner boundary, and the names each table gets as a REST resource, an event and a
//! read model. Stages apply the plan; they decide nothing themselves, so they stay consistent.

use super::endpoints::{self, ReadEndpoint};
use super::naming;
use crate::ident;
use crate::model::{Architecture, Table};
use crate::order;
use crate::order::Collect;
use crate::ownership::{self, Owner};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// How an owner was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// Declared in the services file.
    Declared,
    /// The only writer.
    SoleWriter,
    /// One of several writers, chosen by the tie rule.
    WriterTie,
    /// Nobody writes it; the only reader.
    SoleReader,
    /// Nobody writes it; one of several readers, chosen by the tie rule.
    ReaderTie,
    /// Nobody touches it; it stays unowned.
    Unowned,
    /// Nobody touches it, but a foreign key ties it to a table with an owner, whose owner it
    /// joins (the nearest such table, through untouched tables too).
    ForeignKeyNeighbour,
    /// Nobody touches it and foreign keys tie it only to other untouched tables: the whole group
    /// goes to one service, the one owning the most tables.
    ForeignKeyGroup,
    /// A partition nobody writes or claims by itself: it goes with its parent table (it is
    /// physically part of it).
    Partition,
}

/// Who owns one table or view, how that was decided, and a sentence saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The owning service id, or None when it stays unowned.
    pub service: Option<String>,
    /// How it was chosen.
    pub basis: Basis,
    /// One sentence for the narrative.
    pub why: String,
}

/// A table or view as an HTTP resource of its owner's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The table or view id.
    pub relation: String,
    /// The path segment, unique over all resources (`users`).
    pub slug: String,
    /// The singular entity name (`user`).
    pub entity: String,
    /// The schema (class) name, unique like the slug (`User`).
    pub class: String,
    /// Path parameters and the primary-key column each stands for (`user_id` for `id`).
    pub params: Vec<(String, String)>,
}

impl Resource {
    /// The collection path (`/users`).
    pub fn list_path(&self) -> String {
        format!("/{}", self.slug)
    }

    /// The item path (`/users/{user_id}`), or None without a primary key.
    pub fn item_path(&self) -> Option<String> {
        if self.params.is_empty() {
            return None;
        }
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(p, _)| format!("{{{p}}}"))
            .collect();
        Some(format!("/{}/{}", self.slug, params.join("/")))
    }

    /// The endpoint a reader calls: the item when there is a key, else the collection.
    pub fn read_endpoint(&self) -> String {
        format!(
            "GET {}",
            self.item_path().unwrap_or_else(|| self.list_path())
        )
    }

    /// The endpoints a foreign writer calls instead of writing: create, and replace by key.
    pub fn command_endpoints(&self) -> Vec<String> {
        let mut endpoints = vec![format!("POST {}", self.list_path())];
        if let Some(item) = self.item_path() {
            endpoints.push(format!("PUT {item}"));
        }
        endpoints
    }
}

/// Everything the stages share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Service ids, sorted.
    pub services: Vec<String>,
    /// The owner of every table.
    pub owners: BTreeMap<String, Decision>,
    /// The main owner of every view (the owner of most of the tables it reads).
    pub view_owners: BTreeMap<String, Decision>,
    /// `(service, relation)` reads of a table or view another service owns.
    pub foreign_reads: BTreeSet<(String, String)>,
    /// `(service, relation)` writes of a table or view another service owns.
    pub foreign_writes: BTreeSet<(String, String)>,
    /// `(view owner, relation, view)`: a view's read of another owner's table, which becomes
    /// the view owner's call (stage 3) and subscription (stage 4).
    pub compositions: BTreeSet<(String, String, String)>,
    /// Every owned table and view as a resource, by relation id.
    pub resources: BTreeMap<String, Resource>,
    /// The event name prefix of each table others read (`user` for `users`), by table id.
    pub events: BTreeMap<String, String>,
    /// The read-model table id each `(subscriber, table)` keeps.
    pub read_models: BTreeMap<(String, String), String>,
    /// The columns each `(service, table)` is known to read, from the service's own models of
    /// the table as pasted (before stage 1 merges them) and its declared queries: `(column names
    /// in lowercase, where they come from: model paths, "its queries")`; the names hold
    /// [`ALL_COLUMNS`] when a query selects `*`. Absent when neither names columns of the table.
    /// A sorted list, not a map (one map type less in the page's code); look a pair up with
    /// [`Plan::read_columns_of`].
    pub read_columns: Vec<ReadColumns>,
    /// The endpoints replacing each foreign read `(reader, relation)` whose queries say how it
    /// reads (stage 3), sorted by the pair (look one up with [`Plan::read_endpoints_of`]); a
    /// read missing here keeps the by-key endpoint. A sorted list, not a map: one map type
    /// less in the page's code.
    pub read_endpoints: Vec<((String, String), Vec<ReadEndpoint>)>,
}

/// One entry of [`Plan::read_columns`]: `(service, table)`, then the column names in lowercase
/// and where they come from.
pub type ReadColumns = ((String, String), (BTreeSet<String>, Vec<String>));

/// In [`Plan::read_columns`]: a query of the service selects `*`, so it reads every column.
pub const ALL_COLUMNS: &str = "*";

/// The columns each service's own models name, by `(service, table)` (see
/// [`Plan::read_columns`]), sorted by the pair.
fn read_columns(arch: &Architecture) -> Vec<ReadColumns> {
    // One item per model and per declared query, then merged by pair.
    let mut items: Vec<ReadColumns> = Vec::new();
    for link in arch.models.iter().filter(|l| !l.model.columns.is_empty()) {
        let columns = link
            .model
            .columns
            .iter()
            .map(|c| c.name.to_ascii_lowercase())
            .collect_set();
        let key = (link.service.clone(), link.table.clone());
        items.push((key, (columns, vec![link.model.path.clone()])));
    }
    // Declared queries: the columns they name; one that selects `*` reads every column, so
    // what the service reads of that table is not narrowed.
    for q in &arch.query_columns {
        let columns = match &q.columns {
            Some(columns) => columns.iter().map(|c| c.to_ascii_lowercase()).collect_set(),
            None => std::iter::once(ALL_COLUMNS.to_string()).collect_set(),
        };
        let key = (q.service.clone(), q.table.clone());
        items.push((key, (columns, vec!["its queries".to_string()])));
    }
    // Stable: a pair's sources stay in the order read (models, then queries).
    crate::order::sort_by(&mut items, |a, b| a.0.cmp(&b.0));
    let mut read: Vec<ReadColumns> = Vec::new();
    for (key, (columns, sources)) in items {
        match read.last_mut() {
            Some((last, (into, from))) if *last == key => {
                into.extend(columns);
                from.extend(sources);
            }
            _ => read.push((key, (columns, sources))),
        }
    }
    read
}

impl Plan {
    /// The columns `service`'s models and queries name of `table`, with where they come from.
    pub fn read_columns_of(
        &self,
        service: &str,
        table: &str,
    ) -> Option<&(BTreeSet<String>, Vec<String>)> {
        self.read_columns
            .binary_search_by(|((s, t), _)| (s.as_str(), t.as_str()).cmp(&(service, table)))
            .ok()
            .and_then(|i| self.read_columns.get(i))
            .map(|(_, read)| read)
    }

    /// The endpoints replacing `reader`'s read of `relation`, if its queries say how it reads.
    pub fn read_endpoints_of(&self, reader: &str, relation: &str) -> Option<&[ReadEndpoint]> {
        self.read_endpoints
            .binary_search_by(|((r, t), _)| (r.as_str(), t.as_str()).cmp(&(reader, relation)))
            .ok()
            .and_then(|i| self.read_endpoints.get(i))
            .map(|(_, endpoints)| endpoints.as_slice())
    }

    /// Decides everything from the as-is architecture.
    pub fn new(arch: &Architecture) -> Plan {
        crate::pace::at_once(Plan::new_paced(arch))
    }

    /// [`Plan::new`], pausing between its parts ([`crate::pace`]): the page plans a large
    /// evolution in pieces.
    pub async fn new_paced(arch: &Architecture) -> Plan {
        let services: Vec<String> = arch.services.iter().map(|s| s.id.clone()).collect();
        let mut owners = table_owners(arch).await;
        crate::pace::pause().await;
        let followers = partition_followers(arch);
        follow_parents(arch, &followers, &mut owners);
        crate::pace::pause().await;
        attach_untouched(arch, &mut owners).await;
        crate::pace::pause().await;
        follow_parents(arch, &followers, &mut owners);
        let view_owners = view_owners(arch, &owners);
        crate::pace::pause().await;
        let owner_of = |relation: &str| -> Option<String> {
            owners
                .get(relation)
                .or_else(|| view_owners.get(relation))
                .and_then(|d| d.service.clone())
        };
        let mut foreign_reads = BTreeSet::new();
        let mut foreign_writes = BTreeSet::new();
        for s in &arch.services {
            for (list, out) in [
                (&s.reads, &mut foreign_reads),
                (&s.writes, &mut foreign_writes),
            ] {
                for access in list {
                    // A `part_of` group's tables are its deployables' own.
                    if owner_of(&access.table).is_some_and(|o| !arch.same_unit(&o, &s.id)) {
                        out.insert((s.id.clone(), access.table.clone()));
                    }
                }
            }
        }
        let mut compositions = BTreeSet::new();
        for v in &arch.views {
            let Some(view_owner) = owner_of(&v.id) else {
                continue;
            };
            for read in &v.reads {
                if owner_of(read).is_some_and(|o| !arch.same_unit(&o, &view_owner)) {
                    compositions.insert((view_owner.clone(), read.clone(), v.id.clone()));
                }
            }
        }
        crate::pace::pause().await;
        let resources = resources(arch, &owners, &view_owners).await;
        crate::pace::pause().await;
        let read_endpoints = read_endpoints(arch, &foreign_reads, &resources);
        crate::pace::pause().await;
        let mut plan = Plan {
            services,
            owners,
            view_owners,
            foreign_reads,
            foreign_writes,
            compositions,
            resources,
            events: BTreeMap::new(),
            read_models: BTreeMap::new(),
            read_columns: read_columns(arch),
            read_endpoints,
        };
        plan.name_events(arch);
        plan
    }

    /// The owner (service id) of a table or view.
    pub fn owner(&self, relation: &str) -> Option<&str> {
        self.owners
            .get(relation)
            .or_else(|| self.view_owners.get(relation))
            .and_then(|d| d.service.as_deref())
    }

    /// Tables written by two or more services in the as-is architecture, sorted.
    pub fn shared_writes(&self) -> Vec<String> {
        self.owners
            .iter()
            .filter(|(_, d)| d.basis == Basis::WriterTie)
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// `(subscriber, table)` pairs of stage 4: every foreign read of a table and every view
    /// composition over a table.
    pub fn subscriptions(&self) -> BTreeSet<(String, String)> {
        let mut pairs: BTreeSet<(String, String)> = self
            .foreign_reads
            .iter()
            .filter(|(_, r)| self.owners.contains_key(r))
            .cloned()
            .collect_set();
        for (owner, relation, _) in &self.compositions {
            if self.owners.contains_key(relation) {
                pairs.insert((owner.clone(), relation.clone()));
            }
        }
        pairs
    }

    fn name_events(&mut self, arch: &Architecture) {
        let subscriptions = self.subscriptions();
        let tables: BTreeSet<&String> = subscriptions.iter().map(|(_, t)| t).collect_set();
        let mut by_entity: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for table in &tables {
            let entity = self
                .resources
                .get(*table)
                .map(|r| r.entity.clone())
                .unwrap_or_else(|| naming::singular(&ident::short_name(table)));
            by_entity.entry(entity).or_default().push(table);
        }
        let mut used = BTreeSet::new();
        for (entity, group) in by_entity {
            for table in group.iter().copied() {
                let qualified = match (
                    group.len(),
                    arch.table(table).and_then(|t| t.schema.clone()),
                ) {
                    (1, _) | (_, None) => entity.clone(),
                    (_, Some(schema)) => format!("{schema}.{entity}"),
                };
                let name = unique(&qualified, &used, ".");
                used.insert(name.clone());
                self.events.insert((*table).clone(), name);
            }
        }
        let mut per_reader: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (reader, table) in &subscriptions {
            let reader_name = naming::service_name(arch, reader);
            let base = arch
                .table(table)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| ident::short_name(table).to_string());
            let used = per_reader.entry(reader.clone()).or_default();
            let name = unique(&format!("{base}_read"), used, "_");
            used.insert(name.clone());
            self.read_models.insert(
                (reader.clone(), table.clone()),
                ident::table_id(Some(&reader_name), &name),
            );
        }
    }
}

/// The endpoints derived for every foreign read whose queries say how it reads.
fn read_endpoints(
    arch: &Architecture,
    foreign_reads: &BTreeSet<(String, String)>,
    resources: &BTreeMap<String, Resource>,
) -> Vec<((String, String), Vec<ReadEndpoint>)> {
    // The pairs come in order (a set), so the list is sorted.
    let mut out = Vec::new();
    for (reader, relation) in foreign_reads {
        let access = arch
            .service(reader)
            .and_then(|s| s.reads.iter().find(|a| &a.table == relation));
        let (Some(access), Some(resource)) = (access, resources.get(relation)) else {
            continue;
        };
        let endpoints = endpoints::derive(arch, access, resource, resources);
        if !endpoints.is_empty() {
            out.push(((reader.clone(), relation.clone()), endpoints));
        }
    }
    out
}

/// `base`, or `base<sep>2`, `base<sep>3`… whichever is not in `used`.
fn unique(base: &str, used: &BTreeSet<String>, sep: &str) -> String {
    if !used.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|candidate| !used.contains(candidate))
        .unwrap_or_else(|| base.to_string())
}

async fn table_owners(arch: &Architecture) -> BTreeMap<String, Decision> {
    let mut writes_count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reads_count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut readers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &arch.services {
        writes_count.insert(&s.id, s.writes.len());
        reads_count.insert(&s.id, s.reads.len());
        for r in &s.reads {
            readers.entry(r.table.as_str()).or_default().push(&s.id);
        }
    }
    let name = |id: &str| naming::service_name(arch, id);
    let owners = ownership::owners(arch);
    crate::pace::pause().await;
    let mut stride = crate::pace::Stride::every(TABLES_BETWEEN_PAUSES);
    let mut decisions = BTreeMap::new();
    for (table, owner) in owners {
        let shown = naming::display_table(arch, &table);
        let decision = match owner {
            Owner::Declared(service) => Decision {
                why: format!("{shown} is declared owned by {}.", name(&service)),
                service: Some(service),
                basis: Basis::Declared,
            },
            Owner::Inferred(service) => Decision {
                why: format!("{shown} is owned by {}, its only writer.", name(&service)),
                service: Some(service),
                basis: Basis::SoleWriter,
            },
            Owner::Ambiguous(writers) => {
                let (chosen, because) =
                    tie_break(&writers, &writes_count, "writes", "tables", &name);
                let names: Vec<String> = writers.iter().map(|w| name(w)).collect();
                Decision {
                    why: format!(
                        "{shown} had writers {}; {} becomes owner because {because}.",
                        naming::list(&names),
                        name(&chosen)
                    ),
                    service: Some(chosen),
                    basis: Basis::WriterTie,
                }
            }
            Owner::None => {
                let mut candidates: Vec<String> = readers
                    .get(table.as_str())
                    .map(|r| r.iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default();
                order::sort(&mut candidates);
                candidates.dedup();
                match candidates.as_slice() {
                        [] => Decision {
                            why: format!(
                                "{shown} is neither read nor written by any service, so it stays unowned."
                            ),
                            service: None,
                            basis: Basis::Unowned,
                        },
                        [sole] => Decision {
                            why: format!(
                                "Nobody writes {shown}; {}, its only reader, becomes owner.",
                                name(sole)
                            ),
                            service: Some(sole.clone()),
                            basis: Basis::SoleReader,
                        },
                        _ => {
                            let (chosen, because) =
                                tie_break(&candidates, &reads_count, "reads", "tables", &name);
                            let names: Vec<String> = candidates.iter().map(|w| name(w)).collect();
                            Decision {
                                why: format!(
                                    "Nobody writes {shown}; of its readers {}, {} becomes owner because {because}.",
                                    naming::list(&names),
                                    name(&chosen)
                                ),
                                service: Some(chosen),
                                basis: Basis::ReaderTie,
                            }
                        }
                    }
            }
        };
        decisions.insert(table, decision);
        stride.over(1).await;
    }
    decisions
}

/// The partitions that follow their parent's owner, each with the ancestor whose decision they
/// take: partitions with no declared owner and no writer of their own, walking up through such
/// partitions (nested partitioning) to the first table that decides for itself. A cycle of
/// parents (only possible in a malformed schema) follows nobody.
fn partition_followers(arch: &Architecture) -> BTreeMap<String, String> {
    let follows = |id: &str| {
        arch.table(id).is_some_and(|t| t.partition_of.is_some())
            && !arch.ownership.contains_key(id)
            && !arch.services.iter().any(|s| s.writes_table(id))
    };
    let mut out = BTreeMap::new();
    for table in arch.tables.iter().filter(|t| follows(&t.id)) {
        let mut seen: BTreeSet<&str> = BTreeSet::from([table.id.as_str()]);
        let mut current: &Table = table;
        while let Some(parent) = current.partition_of.as_deref() {
            let Some(next) = arch.table(parent) else {
                break;
            };
            if !seen.insert(parent) {
                break;
            }
            if !follows(parent) {
                out.insert(table.id.clone(), parent.to_string());
                break;
            }
            current = next;
        }
    }
    out
}

/// Gives each following partition (see [`partition_followers`]) the owner decided for its
/// ancestor, with one sentence per ancestor; partitions of an ancestor still without owner keep
/// their own decision.
fn follow_parents(
    arch: &Architecture,
    followers: &BTreeMap<String, String>,
    owners: &mut BTreeMap<String, Decision>,
) {
    let mut by_ancestor: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (partition, ancestor) in followers {
        by_ancestor
            .entry(ancestor.as_str())
            .or_default()
            .push(partition.as_str());
    }
    for (ancestor, partitions) in by_ancestor {
        let Some(service) = owners.get(ancestor).and_then(|d| d.service.clone()) else {
            continue;
        };
        let shown: Vec<String> = partitions
            .iter()
            .map(|t| naming::display_table(arch, t))
            .collect();
        let why = format!(
            "The partitions of {} ({}) are part of it, so they go with it to {}.",
            naming::display_table(arch, ancestor),
            naming::list(&naming::shortened(&shown, 8)),
            naming::service_name(arch, &service)
        );
        for partition in partitions {
            owners.insert(
                partition.to_string(),
                Decision {
                    why: why.clone(),
                    service: Some(service.clone()),
                    basis: Basis::Partition,
                },
            );
        }
    }
}

/// Tables decided, given an owner or a resource between two pauses of the plan's loops
/// ([`table_owners`], [`attach_untouched`], [`resources`]).
const TABLES_BETWEEN_PAUSES: usize = 2_000;

/// Tables of an untouched group named in the sentence that gives them an owner; the rest are
/// counted.
const SHOWN_IN_GROUP: usize = 8;

/// Gives an owner to every table nobody touches that a foreign key ties to another table, so
/// that no foreign key is left with an unowned end: stage 3 then drops every key between
/// owners and stage 4 holds no cross-owner key. A table joins the owner of the nearest owned
/// table through foreign keys (breadth-first from every owned table in id order, so the result
/// is deterministic); a group of untouched tables tied only to each other goes, whole, to the
/// service owning the most tables. Tables without foreign keys stay unowned.
async fn attach_untouched(arch: &Architecture, owners: &mut BTreeMap<String, Decision>) {
    if arch.services.is_empty() {
        return;
    }
    let mut neighbours: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for table in &arch.tables {
        for fk in &table.foreign_keys {
            if fk.references != table.id && arch.table(&fk.references).is_some() {
                neighbours
                    .entry(table.id.as_str())
                    .or_default()
                    .insert(fk.references.as_str());
                neighbours
                    .entry(fk.references.as_str())
                    .or_default()
                    .insert(table.id.as_str());
            }
        }
    }
    crate::pace::pause().await;
    let mut stride = crate::pace::Stride::every(TABLES_BETWEEN_PAUSES);
    let untouched = |owners: &BTreeMap<String, Decision>, id: &str| {
        owners.get(id).is_some_and(|d| d.basis == Basis::Unowned)
    };
    let name = |id: &str| naming::service_name(arch, id);
    let mut queue: VecDeque<String> = owners
        .iter()
        .filter(|(_, d)| d.service.is_some())
        .map(|(t, _)| t.clone())
        .collect();
    while let Some(table) = queue.pop_front() {
        stride.over(1).await;
        let Some(service) = owners.get(&table).and_then(|d| d.service.clone()) else {
            continue;
        };
        for next in neighbours.get(table.as_str()).into_iter().flatten() {
            if !untouched(owners, next) {
                continue;
            }
            let shown = naming::display_table(arch, next);
            owners.insert(
                next.to_string(),
                Decision {
                    why: format!(
                        "Nobody touches {shown}, but a foreign key ties it to {}, so it joins {}, that table's owner.",
                        naming::display_table(arch, &table),
                        name(&service)
                    ),
                    service: Some(service.clone()),
                    basis: Basis::ForeignKeyNeighbour,
                },
            );
            queue.push_back(next.to_string());
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for decision in owners.values() {
        if let Some(service) = &decision.service {
            *counts.entry(service.as_str()).or_default() += 1;
        }
    }
    let services: Vec<String> = arch.services.iter().map(|s| s.id.clone()).collect();
    let (chosen, mut because) = tie_break(&services, &counts, "owns", "tables", &name);
    if services.len() == 1 {
        because = "it is the only service".to_string();
    }
    let starts: Vec<String> = owners
        .keys()
        .filter(|t| neighbours.contains_key(t.as_str()))
        .cloned()
        .collect();
    for start in starts {
        if !untouched(owners, &start) {
            continue;
        }
        let mut group: BTreeSet<String> = BTreeSet::from([start.clone()]);
        let mut stack = vec![start];
        while let Some(table) = stack.pop() {
            for next in neighbours.get(table.as_str()).into_iter().flatten() {
                if untouched(owners, next) && group.insert(next.to_string()) {
                    stack.push(next.to_string());
                }
            }
        }
        stride.over(group.len()).await;
        // Only the names the sentence shows are written out: a large schema's untouched
        // group is thousands of tables.
        let first = group
            .iter()
            .take(SHOWN_IN_GROUP)
            .map(|t| naming::display_table(arch, t))
            .collect();
        let shown = naming::shortened_from(first, group.len(), SHOWN_IN_GROUP);
        let why = format!(
            "Nobody touches {}, and foreign keys tie them only to each other; {} takes them all, so the keys stay inside one owner, because {because}.",
            naming::list(&shown),
            name(&chosen)
        );
        for table in group {
            owners.insert(
                table,
                Decision {
                    why: why.clone(),
                    service: Some(chosen.clone()),
                    basis: Basis::ForeignKeyGroup,
                },
            );
        }
    }
}

/// Picks the candidate with the highest count (the service whose home the data most likely
/// is), ties going to the first id; returns it with a clause saying why.
fn tie_break(
    candidates: &[String],
    counts: &BTreeMap<&str, usize>,
    verb: &str,
    noun: &str,
    name: &dyn Fn(&str) -> String,
) -> (String, String) {
    let count = |c: &String| counts.get(c.as_str()).copied().unwrap_or(0);
    let best = candidates.iter().map(count).max().unwrap_or(0);
    let leaders: Vec<&String> = candidates.iter().filter(|c| count(c) == best).collect();
    let Some(chosen) = leaders.first().map(|c| (*c).clone()) else {
        return (String::new(), String::new());
    };
    let because = if leaders.len() == 1 {
        let others: Vec<String> = candidates
            .iter()
            .filter(|c| **c != chosen)
            .map(|c| format!("{} {}", name(c), count(c)))
            .collect();
        format!(
            "it {verb} the most {noun} ({best}, against {})",
            naming::list(&others)
        )
    } else {
        format!(
            "they each {} {best} {noun} and {} comes first by name",
            verb.trim_end_matches('s'),
            name(&chosen)
        )
    };
    (chosen, because)
}

fn view_owners(
    arch: &Architecture,
    owners: &BTreeMap<String, Decision>,
) -> BTreeMap<String, Decision> {
    arch.views
        .iter()
        .map(|v| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for read in &v.reads {
                if let Some(owner) = owners.get(read).and_then(|d| d.service.clone()) {
                    *counts.entry(owner).or_default() += 1;
                }
            }
            let best = counts.values().copied().max().unwrap_or(0);
            let chosen = counts.iter().find(|(_, n)| **n == best).map(|(s, _)| s.clone());
            let decision = match chosen {
                None => Decision {
                    why: format!(
                        "View {} reads no owned table, so it stays unowned.",
                        v.name
                    ),
                    service: None,
                    basis: Basis::Unowned,
                },
                Some(service) if counts.len() == 1 => Decision {
                    why: format!(
                        "View {} reads only tables of {}, which owns it.",
                        v.name,
                        naming::service_name(arch, &service)
                    ),
                    service: Some(service),
                    basis: Basis::Declared,
                },
                Some(service) => {
                    let parts: Vec<String> = counts
                        .iter()
                        .map(|(s, n)| format!("{} ({n})", naming::service_name(arch, s)))
                        .collect();
                    Decision {
                        why: format!(
                            "View {} reads tables of {}; {}, owning most of them, serves it as an API composition and asks the others for the rest.",
                            v.name,
                            naming::list(&parts),
                            naming::service_name(arch, &service)
                        ),
                        service: Some(service),
                        basis: Basis::WriterTie,
                    }
                }
            };
            (v.id.clone(), decision)
        })
        .collect_map()
}

async fn resources(
    arch: &Architecture,
    owners: &BTreeMap<String, Decision>,
    view_owners: &BTreeMap<String, Decision>,
) -> BTreeMap<String, Resource> {
    let mut stride = crate::pace::Stride::every(TABLES_BETWEEN_PAUSES);
    let mut used_slugs = BTreeSet::new();
    let mut used_classes = BTreeSet::new();
    let mut out = BTreeMap::new();
    let mut relations: Vec<(String, String, Vec<String>)> = Vec::new();
    for t in &arch.tables {
        if owners.get(&t.id).is_some_and(|d| d.service.is_some()) {
            relations.push((t.id.clone(), t.name.clone(), t.primary_key.clone()));
        }
    }
    for v in &arch.views {
        if view_owners.get(&v.id).is_some_and(|d| d.service.is_some()) {
            relations.push((v.id.clone(), v.name.clone(), Vec::new()));
        }
    }
    order::sort(&mut relations);
    for (id, name, primary_key) in relations {
        stride.over(1).await;
        let entity = naming::singular(&name);
        let slug = unique(&naming::slug(&name), &used_slugs, "-");
        used_slugs.insert(slug.clone());
        let class = unique(&naming::class_name(&entity), &used_classes, "");
        used_classes.insert(class.clone());
        let entity_ident = naming::identifier(&entity.to_ascii_lowercase());
        let mut params = Vec::new();
        let mut used_params = BTreeSet::new();
        for column in primary_key {
            let base = if column.eq_ignore_ascii_case("id") {
                format!("{entity_ident}_id")
            } else {
                naming::identifier(&column)
            };
            let param = unique(&base, &used_params, "_");
            used_params.insert(param.clone());
            params.push((param, column));
        }
        out.insert(
            id.clone(),
            Resource {
                relation: id,
                slug,
                entity,
                class,
                params,
            },
        );
    }
    out
}
