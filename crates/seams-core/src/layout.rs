//! Layout: where every node of one or more stages goes, computed in the core so that the page,
//! the CLI and exports draw the same picture.
//!
//! A layered layout tuned to this domain rather than a general graph drawer: services in a band
//! on top, topics, APIs and shared model libraries in a band below them, databases as boxes at the bottom holding their
//! tables as cards grouped by owner. Positions depend only on sorted ids, ownership and the lines
//! between cards, so a small edit moves little. Cost is linear in nodes plus edges: one
//! barycentric ordering of the middle band, and a bounded swap search per database's card grid
//! (`closer_cards`); a searched middle band order comes from `arrange.rs`.

use crate::fold::{self, Cluster, Folding};
use crate::ident;
use crate::model::Architecture;
use crate::order;
use crate::order::Collect;
use crate::ownership::OwnerMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An axis-aligned rectangle in scene units (pixels at zoom 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Horizontal centre.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// Vertical centre.
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// Sizes used by the layout (scene units).
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    /// Service box width and height.
    pub service: (f64, f64),
    /// Table card width and height.
    pub table: (f64, f64),
    /// Topic or API pill width and height.
    pub pill: (f64, f64),
    /// Gap between neighbours in a band or grid.
    pub gap: f64,
    /// Padding inside a database box.
    pub pad: f64,
    /// Height of a database box's header.
    pub header: f64,
    /// Margin around the whole picture.
    pub margin: f64,
}

/// The default sizes, chosen to read on a projector at 1280×720.
pub const METRICS: Metrics = Metrics {
    service: (200.0, 60.0),
    table: (156.0, 32.0),
    pill: (150.0, 26.0),
    gap: 22.0,
    pad: 18.0,
    header: 30.0,
    margin: 40.0,
};

/// Positions of every node of one architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Node rectangles by model id (services, databases, tables, views, topics, APIs).
    pub boxes: BTreeMap<String, Rect>,
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
}

impl Layout {
    /// The rectangle of node `id`.
    pub fn rect(&self, id: &str) -> Option<Rect> {
        self.boxes.get(id).copied()
    }
}

/// Where the services that only subscribe sit ([`subscribers_only`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Subscribers {
    /// In the service band with every other service.
    #[default]
    WithServices,
    /// In a band of their own under the middle band: a picture then reads top to bottom as
    /// publisher, topic, subscriber, its read model, and the subscriber's lines no longer cross
    /// the publisher's between the same two rows (`arrange::arrangement` keeps it where the
    /// drawn crossings drop).
    UnderTopics,
}

/// How many items of width `w` go in one row: all of them when they fit in `limit`, else as
/// many rows as needed with the items spread evenly over them.
fn balanced_rows(count: usize, w: f64, gap: f64, limit: f64) -> usize {
    if count == 0 {
        return 0;
    }
    let fit = (((limit + gap) / (w + gap)).floor() as usize).max(1);
    let rows = count.div_ceil(fit);
    count.div_ceil(rows)
}

/// The starting service order shared by all stages: every service id of any stage, in natural
/// order ([`order::natural`]: `svc-2` before `svc-10`).
/// (Barycentric sweeps with neighbour swaps over the union of all stages were measured against
/// this with the legibility benchmark and drew more crossings on the gallery, because the drawn
/// crossings are mostly inside the databases' card grids: `docs/budgets.md`. For small pictures
/// `arrange::service_order` improves it by counting the routed crossings themselves.)
pub fn service_order(stages: &[&Architecture]) -> Vec<String> {
    let services: BTreeSet<String> = stages
        .iter()
        .flat_map(|arch| arch.services.iter().map(|s| s.id.clone()))
        .collect_set();
    // As people count: svc-2 before svc-10.
    let mut order: Vec<String> = services.into_iter().collect();
    order::sort_by(&mut order, |a, b| order::natural(a, b));
    order
}

/// Lays out several stages together: services keep one order and one column across all of them
/// ([`service_order`]), so persistent nodes move as little as possible when the page animates
/// between stages. A database with more than [`crate::fold::FOLD_THRESHOLD`] tables is drawn
/// folded into clusters; clusters whose ids are in `unfolded` show their tables.
pub fn layout_stages_folded(
    stages: &[(&Architecture, &OwnerMap)],
    unfolded: &BTreeSet<String>,
) -> Vec<Layout> {
    let archs: Vec<&Architecture> = stages.iter().map(|(arch, _)| *arch).collect();
    let order = service_order(&archs);
    stages
        .iter()
        .map(|(arch, owners)| {
            layout_stage(
                arch,
                owners,
                &order,
                &[],
                Subscribers::WithServices,
                unfolded,
            )
        })
        .collect()
}

/// Lays out one stage folded, with the service order shared by all stages ([`service_order`]),
/// so that re-drawing one stage with another fold state keeps every other node in place.
/// `middle_order` rearranges the middle band ([`middle_order`]; empty keeps its own order);
/// `subscribers` says where the services that only subscribe sit.
pub fn layout_stage(
    arch: &Architecture,
    owners: &OwnerMap,
    service_order: &[String],
    middle_order: &[String],
    subscribers: Subscribers,
    unfolded: &BTreeSet<String>,
) -> Layout {
    crate::pace::at_once(layout_stage_paced(
        arch,
        owners,
        service_order,
        middle_order,
        subscribers,
        unfolded,
    ))
}

/// [`layout_stage`], pausing between folding the databases and placing the boxes
/// ([`crate::pace`]): the page lays out a large stage in two pieces.
pub async fn layout_stage_paced(
    arch: &Architecture,
    owners: &OwnerMap,
    service_order: &[String],
    middle_order: &[String],
    subscribers: Subscribers,
    unfolded: &BTreeSet<String>,
) -> Layout {
    let folding = fold::plan(arch, owners);
    crate::pace::pause().await;
    layout_with_order(
        arch,
        owners,
        Order {
            services: service_order,
            middle: middle_order,
            subscribers,
        },
        Some((&folding, unfolded)),
    )
}

/// Lays out one architecture on its own.
pub fn layout(arch: &Architecture, owners: &OwnerMap) -> Layout {
    let order: Vec<String> = arch.services.iter().map(|s| s.id.clone()).collect();
    let order = Order {
        services: &order,
        middle: &[],
        subscribers: Subscribers::WithServices,
    };
    layout_with_order(arch, owners, order, None)
}

/// The orders a layout follows: services, the middle band, and where subscribers sit.
#[derive(Clone, Copy)]
struct Order<'a> {
    services: &'a [String],
    middle: &'a [String],
    subscribers: Subscribers,
}

/// The ids of one stage's middle band (topics, APIs, shared model libraries) in the order the
/// layout puts them with `service_order` and no `middle_order`: the start of
/// `arrange::arrangement`'s search of that band.
pub fn middle_order(arch: &Architecture, service_order: &[String]) -> Vec<String> {
    let rank = ranks(service_order);
    middle_band(arch, &rank, &[])
        .into_iter()
        .map(|(_, id, _)| id)
        .collect()
}

/// Each service id's position in `service_order`.
fn ranks(service_order: &[String]) -> Ranks<'_> {
    service_order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect_map()
}

/// Columns of a database's card grid: a short row for a few tables, else a block about as wide
/// as a 16:10 screen is, so "fit" shows large inputs at the largest readable scale.
fn grid_columns(count: usize) -> usize {
    if count <= 5 {
        return count.max(1);
    }
    let cell = (METRICS.table.1 + METRICS.gap) / (METRICS.table.0 + METRICS.gap);
    let columns = ((count as f64) * 1.6 * cell).sqrt().ceil() as usize;
    columns.clamp(5, 16)
}

/// A folded cluster's card (wider and taller than a table card, for its name and counts).
pub const CLUSTER_CARD: (f64, f64) = (236.0, 62.0);

/// Height of the header strip of an unfolded cluster's frame, and the padding inside it.
pub const FRAME_HEADER: f64 = 28.0;
const FRAME_PAD: f64 = 10.0;

/// Places a folded database's clusters in rows: a folded cluster is one card; an unfolded one
/// takes a whole row, its frame holding its tables in a grid. Rectangles are relative to the
/// database's corner; unfolded frames are keyed by the cluster id. Returns them with the
/// database's width and height.
fn place_clusters(
    clusters: &[&Cluster],
    unfolded: &BTreeSet<String>,
) -> (Vec<(String, Rect)>, f64, f64) {
    let m = METRICS;
    let (cw, ch) = CLUSTER_CARD;
    let folded = clusters
        .iter()
        .filter(|c| !unfolded.contains(&c.id))
        .count();
    let columns = ((2.0 * folded as f64).sqrt().ceil() as usize)
        .clamp(1, 6)
        .min(folded.max(1));
    // With a cluster unfolded, at least room for four table columns, so its frame is a readable
    // grid; all folded, just the cards (a small database folded by the picture budget is one).
    let cards = columns as f64 * (cw + m.gap) - m.gap;
    let row = if folded < clusters.len() {
        cards.max(4.0 * (m.table.0 + m.gap) - m.gap)
    } else {
        cards
    };
    let table_columns =
        (((row - 2.0 * FRAME_PAD + m.gap) / (m.table.0 + m.gap)).floor() as usize).max(1);
    let (left, top) = (m.pad, m.header + m.pad);
    let mut placed = Vec::new();
    let (mut x, mut y, mut row_h) = (0.0_f64, 0.0_f64, 0.0_f64);
    for cluster in clusters {
        if unfolded.contains(&cluster.id) {
            if x > 0.0 {
                y += row_h + m.gap;
            }
            let rows = cluster.members.len().div_ceil(table_columns).max(1);
            let h = FRAME_HEADER + 2.0 * FRAME_PAD + rows as f64 * (m.table.1 + m.gap) - m.gap;
            placed.push((
                cluster.id.clone(),
                Rect {
                    x: left,
                    y: top + y,
                    w: row,
                    h,
                },
            ));
            for (i, id) in cluster.members.iter().enumerate() {
                let (column, r) = (i % table_columns, i / table_columns);
                placed.push((
                    id.clone(),
                    Rect {
                        x: left + FRAME_PAD + column as f64 * (m.table.0 + m.gap),
                        y: top + y + FRAME_HEADER + FRAME_PAD + r as f64 * (m.table.1 + m.gap),
                        w: m.table.0,
                        h: m.table.1,
                    },
                ));
            }
            y += h + m.gap;
            x = 0.0;
            row_h = 0.0;
        } else {
            if x > 0.0 && x + cw > row + 0.5 {
                y += row_h + m.gap;
                x = 0.0;
                row_h = 0.0;
            }
            placed.push((
                cluster.id.clone(),
                Rect {
                    x: left + x,
                    y: top + y,
                    w: cw,
                    h: ch,
                },
            ));
            x += cw + m.gap;
            row_h = row_h.max(ch);
        }
    }
    let content = if x > 0.0 {
        y + row_h
    } else {
        (y - m.gap).max(0.0)
    };
    (placed, row + 2.0 * m.pad, m.header + 2.0 * m.pad + content)
}

/// A database with its cards placed inside it: a grid of tables grouped by owner or, when
/// folded, its clusters (a card each, or a frame with its tables when unfolded).
struct DbBlock {
    id: String,
    /// Node rectangles relative to the database's top-left corner.
    placed: Vec<(String, Rect)>,
    width: f64,
    height: f64,
    /// The mean rank of the services connecting to it (so a service's own database sits under
    /// it); `f64::MAX` when none does.
    anchor: f64,
}

/// Each service id's position in the shared service order.
type Ranks<'a> = BTreeMap<&'a str, usize>;

/// The mean of `ranks`, or None for none.
fn mean(ranks: &[usize]) -> Option<f64> {
    (!ranks.is_empty()).then(|| ranks.iter().sum::<usize>() as f64 / ranks.len() as f64)
}

/// The picture in three bands, top to bottom: services (in the service order), topics, APIs
/// and model libraries, then databases side by side, each holding its cards; with
/// [`Subscribers::UnderTopics`], the services that only subscribe in a fourth band between the
/// middle one and the databases. The widest band sets the width; the others are centred.
/// Every band wraps into rows so that no band stretches the picture into a strip.
fn layout_with_order(
    arch: &Architecture,
    owners: &OwnerMap,
    order: Order,
    fold: Option<(&Folding, &BTreeSet<String>)>,
) -> Layout {
    let m = METRICS;
    let (service_order, middle_order) = (order.services, order.middle);
    let rank = ranks(service_order);
    // Services per row when the service band is no wider than seven of them (its narrowest):
    // where a service sits across its row, for the cards it touches.
    let service_count = service_order
        .iter()
        .filter(|id| arch.service(id).is_some())
        .count();
    let per_row = balanced_rows(
        service_count,
        m.service.0,
        m.gap,
        7.0 * (m.service.0 + m.gap) - m.gap,
    );
    let blocks = database_blocks(arch, owners, &rank, per_row, fold);
    let middle = middle_band(arch, &rank, middle_order);
    let below = match order.subscribers {
        Subscribers::WithServices => BTreeSet::new(),
        Subscribers::UnderTopics => subscribers_only(arch),
    };
    let (lower, services): (Vec<&String>, Vec<&String>) = service_order
        .iter()
        .filter(|id| arch.service(id).is_some())
        .partition(|id| below.contains(id.as_str()));

    let db_rows = database_rows(&blocks);
    let db_band = db_rows
        .iter()
        .map(|r| database_row_width(r))
        .fold(0.0, f64::max);
    // Services and the middle band wrap into balanced rows no wider than the databases (or
    // seven services), so many services or events do not stretch the picture into a strip.
    let row_limit = db_band.max(7.0 * (m.service.0 + m.gap) - m.gap);
    let service_rows = balanced_rows(services.len(), m.service.0, m.gap, row_limit);
    let lower_rows = balanced_rows(lower.len(), m.service.0, m.gap, row_limit);
    let middle_rows = balanced_rows(middle.len(), m.pill.0, m.gap, row_limit);
    let service_band = row_width(service_rows.max(lower_rows), m.service.0);
    let middle_band = row_width(middle_rows, m.pill.0);
    let inner = service_band.max(middle_band).max(db_band).max(m.service.0);

    let mut boxes = BTreeMap::new();
    // Calls arc above the services: leave room for them.
    let calls_room = if arch.services.iter().any(|s| !s.calls.is_empty()) {
        60.0
    } else {
        0.0
    };
    let mut y = m.margin + calls_room;
    let service_cells = services.iter().map(|id| ((*id).clone(), m.service));
    y = place_rows(&mut boxes, service_cells, service_rows, inner, y);
    y += 70.0 - m.gap;
    if !middle.is_empty() {
        let pills = middle.iter().map(|(_, id, size)| (id.clone(), *size));
        y = place_rows(&mut boxes, pills, middle_rows, inner, y);
        y += 70.0 - m.gap;
    }
    if !lower.is_empty() {
        let cells = lower.iter().map(|id| ((*id).clone(), m.service));
        y = place_rows(&mut boxes, cells, lower_rows, inner, y);
        y += 70.0 - m.gap;
    }
    let bottom = place_databases(&mut boxes, &db_rows, inner, y);
    Layout {
        boxes,
        width: inner + 2.0 * m.margin,
        height: bottom + m.margin,
    }
}

/// The services that only subscribe: they publish nothing and subscribe to a topic another
/// service of the picture publishes (a queue fed from outside does not count).
pub fn subscribers_only(arch: &Architecture) -> BTreeSet<&str> {
    let published: BTreeSet<&str> = arch
        .services
        .iter()
        .flat_map(|s| s.publishes.iter().map(|t| t.topic.as_str()))
        .collect_set();
    arch.services
        .iter()
        .filter(|s| {
            s.publishes.is_empty()
                && s.subscribes
                    .iter()
                    .any(|t| published.contains(t.topic.as_str()))
        })
        .map(|s| s.id.as_str())
        .collect_set()
}

/// Every database's block, in band order: by anchor, then id.
fn database_blocks(
    arch: &Architecture,
    owners: &OwnerMap,
    rank: &Ranks,
    per_row: usize,
    fold: Option<(&Folding, &BTreeSet<String>)>,
) -> Vec<DbBlock> {
    // Indexes built in one pass each, so no step below scans every service or cluster once per
    // database or table (stage 4 has a database per service).
    let mut clusters_of: BTreeMap<&str, Vec<&Cluster>> = BTreeMap::new();
    for cluster in fold
        .iter()
        .flat_map(|(folding, _)| folding.clusters.values())
    {
        crate::work::step(1);
        clusters_of
            .entry(cluster.database.as_str())
            .or_default()
            .push(cluster);
    }
    let mut users_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for service in &arch.services {
        crate::work::step(1);
        if let Some(&r) = rank.get(service.id.as_str()) {
            for database in &service.databases {
                users_of.entry(database.as_str()).or_default().push(r);
            }
        }
    }
    let touching = touching_ranks(arch, rank);
    let links = card_links(arch);
    let mut blocks: Vec<DbBlock> = arch
        .databases
        .iter()
        .map(|db| {
            let clusters = clusters_of.get(db.id.as_str()).cloned().unwrap_or_default();
            let (placed, width, height) = if clusters.is_empty() {
                table_grid(owners, rank, &touching, &links, per_row, &db.tables)
            } else {
                let empty = BTreeSet::new();
                let unfolded = fold.map(|(_, u)| u).unwrap_or(&empty);
                place_clusters(&clusters_by_owner(clusters, rank), unfolded)
            };
            let users = users_of
                .get(db.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            DbBlock {
                id: db.id.clone(),
                placed,
                width,
                height,
                anchor: mean(users).unwrap_or(f64::MAX),
            }
        })
        .collect();
    order::sort_by(&mut blocks, |a, b| {
        a.anchor.total_cmp(&b.anchor).then_with(|| a.id.cmp(&b.id))
    });
    blocks
}

/// The ranks of the services reading or writing each table, or using a model library that maps
/// it (each service once per table), from one pass over every service's accesses and every
/// library's tables.
fn touching_ranks<'a>(arch: &'a Architecture, rank: &Ranks) -> BTreeMap<&'a str, Vec<usize>> {
    let mut touching: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for service in &arch.services {
        let Some(&r) = rank.get(service.id.as_str()) else {
            continue;
        };
        let tables: BTreeSet<&str> = service
            .reads
            .iter()
            .chain(&service.writes)
            .map(|a| {
                crate::work::step(1);
                a.table.as_str()
            })
            .collect_set();
        for table in tables {
            touching.entry(table).or_default().push(r);
        }
    }
    // A shared model library's tables are touched by its services too: its model line comes
    // down from between them.
    for library in &arch.libraries {
        for table in &library.tables {
            let ranks = touching.entry(table.as_str()).or_default();
            for service in &library.services {
                crate::work::step(1);
                if let Some(&r) = rank.get(service.as_str()) {
                    if !ranks.contains(&r) {
                        ranks.push(r);
                    }
                }
            }
        }
    }
    touching
}

/// A database's tables as a grid of cards grouped by owner (in service order): within an
/// owner's group, views after tables, then tables under the services that touch them
/// (barycentre of their ranks, in tenths so the key stays an integer), then by name; then
/// rearranged so the lines to them are short ([`closer_cards`]). Returns the cards relative to
/// the database's corner, and the database's width and height.
fn table_grid(
    owners: &OwnerMap,
    rank: &Ranks,
    touching: &BTreeMap<&str, Vec<usize>>,
    links: &Links,
    per_row: usize,
    tables: &[String],
) -> (Vec<(String, Rect)>, f64, f64) {
    let m = METRICS;
    let barycentre = |table: &str| -> usize {
        crate::work::step(1);
        let ranks = touching.get(table).map(Vec::as_slice).unwrap_or(&[]);
        if ranks.is_empty() {
            usize::MAX
        } else {
            ranks.iter().sum::<usize>() * 10 / ranks.len()
        }
    };
    let group = |id: &str| {
        let owner_rank = owners
            .get(id)
            .and_then(|o| rank.get(o.as_str()).copied())
            .unwrap_or(usize::MAX);
        (owner_rank, id.starts_with("view:"))
    };
    let mut cards: Vec<&String> = tables.iter().collect();
    order::sort_by_cached_key(&mut cards, |id| {
        (
            group(id),
            barycentre(id),
            ident::short_name(id).to_string(),
            (*id).clone(),
        )
    });
    let columns = grid_columns(cards.len());
    let groups: Vec<(usize, bool)> = cards.iter().map(|id| group(id)).collect();
    let cards = closer_cards(cards, &groups, columns, touching, links, per_row);
    let rows = cards.len().div_ceil(columns).max(1);
    let width =
        2.0 * m.pad + columns as f64 * m.table.0 + (columns.saturating_sub(1)) as f64 * m.gap;
    let height = m.header + 2.0 * m.pad + rows as f64 * m.table.1 + (rows - 1) as f64 * m.gap;
    let placed = cards
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (column, row) = (i % columns, i / columns);
            let rect = Rect {
                x: m.pad + column as f64 * (m.table.0 + m.gap),
                y: m.header + m.pad + row as f64 * (m.table.1 + m.gap),
                w: m.table.0,
                h: m.table.1,
            };
            ((*id).clone(), rect)
        })
        .collect();
    (placed, width, height)
}

/// The cards each card is drawn joined to inside its database: the tables it references by a
/// foreign key, those referencing it, and for a view the relations it reads.
type Links<'a> = BTreeMap<&'a str, Vec<&'a str>>;

/// Every card's [`Links`], both ways, from one pass over the tables' foreign keys and the
/// views' reads.
fn card_links(arch: &Architecture) -> Links<'_> {
    let mut links: Links = BTreeMap::new();
    let foreign_keys = arch.tables.iter().flat_map(|t| {
        t.foreign_keys
            .iter()
            .map(move |fk| (t.id.as_str(), fk.references.as_str()))
    });
    let view_reads = arch
        .views
        .iter()
        .flat_map(|v| v.reads.iter().map(move |r| (v.id.as_str(), r.as_str())));
    for (a, b) in foreign_keys.chain(view_reads) {
        crate::work::step(1);
        if a != b {
            links.entry(a).or_default().push(b);
            links.entry(b).or_default().push(a);
        }
    }
    links
}

/// The most card swaps [`closer_cards`] weighs in one database, so a large unfolded grid stays
/// linear in its cards.
const CARD_SWAPS: usize = 20_000;

/// Rounds of card swaps and owner-block swaps [`closer_cards`] makes at most.
const ROUNDS: usize = 3;

/// The cards reordered so that the lines drawn to them are short on the grid of `columns`:
/// pairs of cards of one group (`groups`, by card: owner rank and whether a view) trade places,
/// then whole owners' blocks that lines reach do, while that shortens the lines to the cards they are joined to
/// (rows apart count double: a line between rows crosses a gutter's traffic) and to the
/// services touching them (a service's place across its row of `per_row` mapped onto the
/// columns, plus the rows the line descends). Lines in a card grid run along its gutters, so
/// every cell a line passes is a chance to cross another; the touching services' barycentre
/// alone ignores foreign keys, which tangled a shared database's grid (`docs/budgets.md`).
/// Bounded by [`CARD_SWAPS`] and [`ROUNDS`]; ties keep the earlier order.
fn closer_cards<'a>(
    mut cards: Vec<&'a String>,
    groups: &[(usize, bool)],
    columns: usize,
    touching: &BTreeMap<&str, Vec<usize>>,
    links: &Links,
    per_row: usize,
) -> Vec<&'a String> {
    let (columns, per_row) = (columns.max(1), per_row.max(1));
    let place: BTreeMap<&str, usize> = cards
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect_map();
    // Where the services touching these cards sit across their row of the service band (the
    // band wraps into rows of `per_row`), spread over the columns.
    let ranks: Vec<usize> = cards
        .iter()
        .flat_map(|id| touching.get(id.as_str()).into_iter().flatten().copied())
        .map(|r| r % per_row)
        .collect();
    let (low, high) = (
        ranks.iter().copied().min().unwrap_or(0),
        ranks.iter().copied().max().unwrap_or(0),
    );
    // In half columns, so a service between two columns weighs both the same.
    let service_column = |r: usize| -> i64 {
        if high > low {
            (r.saturating_sub(low) * (columns - 1) * 2 / (high - low)) as i64
        } else {
            (columns - 1) as i64
        }
    };
    // Each card's neighbours by index, and its services' half columns, fixed for the search.
    let neighbours: Vec<Vec<usize>> = cards
        .iter()
        .map(|id| {
            links
                .get(id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|other| place.get(other).copied())
                .collect()
        })
        .collect();
    let services: Vec<Vec<i64>> = cards
        .iter()
        .map(|id| {
            touching
                .get(id.as_str())
                .into_iter()
                .flatten()
                .map(|r| service_column(*r % per_row))
                .collect()
        })
        .collect();
    // `at[card]` is the cell the card (by its index in `cards`) sits in now.
    let mut at: Vec<usize> = (0..cards.len()).collect();
    let cell = |i: usize| ((i / columns) as i64, (i % columns) as i64);
    let length = |card: usize, at: &[usize]| -> i64 {
        let Some(&here) = at.get(card) else { return 0 };
        let (row, column) = cell(here);
        let to_cards: i64 = neighbours
            .get(card)
            .into_iter()
            .flatten()
            .filter_map(|other| at.get(*other))
            .map(|there| {
                let (r, c) = cell(*there);
                2 * (2 * (row - r).abs() + (column - c).abs())
            })
            .sum();
        let to_services: i64 = services
            .get(card)
            .into_iter()
            .flatten()
            .map(|half| (2 * column - half).abs() + 3 * row)
            .sum();
        to_cards + to_services
    };
    // `by_cell[cell]` is the card in it.
    let mut by_cell: Vec<usize> = (0..cards.len()).collect();
    let total = |at: &[usize]| -> i64 { (0..at.len()).map(|card| length(card, at)).sum() };
    let mut weighed = 0;
    for _ in 0..ROUNDS {
        let mut improved = true;
        while improved && weighed < CARD_SWAPS {
            improved = false;
            for x in 0..cards.len() {
                for y in x + 1..cards.len() {
                    let (Some(&a), Some(&b)) = (by_cell.get(x), by_cell.get(y)) else {
                        continue;
                    };
                    if groups.get(a) != groups.get(b) {
                        break;
                    }
                    weighed += 1;
                    if weighed >= CARD_SWAPS {
                        break;
                    }
                    crate::work::step(1);
                    let before = length(a, &at) + length(b, &at);
                    at.swap(a, b);
                    let after = length(a, &at) + length(b, &at);
                    if after < before {
                        by_cell.swap(x, y);
                        improved = true;
                    } else {
                        at.swap(a, b);
                    }
                }
            }
        }
        // Whole owners' blocks trade places while the lines shorten.
        let mut moved = false;
        let mut blocks: Vec<Vec<usize>> = Vec::new();
        for &card in &by_cell {
            let owner = groups.get(card).map(|g| g.0);
            match blocks.last_mut() {
                Some(block) if block.first().and_then(|c| groups.get(*c)).map(|g| g.0) == owner => {
                    block.push(card)
                }
                _ => blocks.push(vec![card]),
            }
        }
        let mut best = total(&at);
        // A block no line reaches gains nothing by moving and stays where it is, so adding a
        // table nobody touches moves no other card.
        let reached = |block: &Vec<usize>| {
            block.iter().any(|card| {
                neighbours.get(*card).is_some_and(|n| !n.is_empty())
                    || services.get(*card).is_some_and(|s| !s.is_empty())
            })
        };
        for x in 0..blocks.len() {
            for y in x + 1..blocks.len() {
                if !(blocks.get(x).is_some_and(reached) && blocks.get(y).is_some_and(reached)) {
                    continue;
                }
                weighed += cards.len();
                if weighed >= CARD_SWAPS {
                    break;
                }
                blocks.swap(x, y);
                let cells: Vec<usize> = blocks.iter().flatten().copied().collect();
                let mut trial = at.clone();
                for (cell, card) in cells.iter().enumerate() {
                    if let Some(slot) = trial.get_mut(*card) {
                        *slot = cell;
                    }
                }
                let cost = total(&trial);
                if cost < best {
                    best = cost;
                    at = trial;
                    by_cell = cells;
                    moved = true;
                } else {
                    blocks.swap(x, y);
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut placed: Vec<(usize, &'a String)> = at.into_iter().zip(cards.drain(..)).collect();
    order::sort_by_key(&mut placed, |(cell, _)| *cell);
    placed.into_iter().map(|(_, id)| id).collect()
}

/// A folded database's clusters ordered by their owner's rank (unowned last), then id.
fn clusters_by_owner<'a>(mut clusters: Vec<&'a Cluster>, rank: &Ranks) -> Vec<&'a Cluster> {
    order::sort_by_key(&mut clusters, |c| {
        let owner_rank = c
            .owner
            .as_deref()
            .and_then(|o| rank.get(o).copied())
            .unwrap_or(usize::MAX);
        (owner_rank, c.id.clone())
    });
    clusters
}

/// The middle band: topics, APIs and shared model libraries, ordered by the mean rank of the
/// services publishing them (of every service on it when none does; an API by its service's
/// rank, a library by its services'), then id; each with its size. The items `preferred` names
/// then trade places among themselves to follow its order ([`follow`]).
fn middle_band(
    arch: &Architecture,
    rank: &Ranks,
    preferred: &[String],
) -> Vec<(f64, String, (f64, f64))> {
    let m = METRICS;
    let mut middle: Vec<(f64, String, (f64, f64))> = Vec::new();
    for api in &arch.apis {
        let r = rank.get(api.service.as_str()).copied().unwrap_or(0) as f64;
        middle.push((r, api.id.clone(), m.pill));
    }
    for library in &arch.libraries {
        let ranks: Vec<usize> = library
            .services
            .iter()
            .filter_map(|s| rank.get(s.as_str()).copied())
            .collect();
        middle.push((mean(&ranks).unwrap_or(0.0), library.id.clone(), m.pill));
    }
    // The ranks of the services on each topic (each once, in service order), in one pass; and
    // of those publishing it, so topics group under the service that publishes them.
    let mut on_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut publishers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for service in &arch.services {
        let Some(&r) = rank.get(service.id.as_str()) else {
            continue;
        };
        let topics: BTreeSet<&str> = service
            .publishes
            .iter()
            .chain(&service.subscribes)
            .map(|t| {
                crate::work::step(1);
                t.topic.as_str()
            })
            .collect_set();
        for topic in topics {
            on_topic.entry(topic).or_default().push(r);
        }
        let published: BTreeSet<&str> = service
            .publishes
            .iter()
            .map(|t| t.topic.as_str())
            .collect_set();
        for topic in published {
            publishers.entry(topic).or_default().push(r);
        }
    }
    for topic in &arch.topics {
        crate::work::step(1);
        let key = publishers
            .get(topic.id.as_str())
            .and_then(|p| mean(p))
            .or_else(|| on_topic.get(topic.id.as_str()).and_then(|t| mean(t)))
            .unwrap_or(0.0);
        middle.push((key, topic.id.clone(), m.pill));
    }
    order::sort_by(&mut middle, |a, b| {
        a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1))
    });
    follow(&mut middle, preferred, |item| item.1.as_str());
    middle
}

/// Rearranges the `items` that `preferred` names among the places they hold, into
/// `preferred`'s order; the others keep their places. A searched order thus applies to the
/// items it knows and leaves everything else where the layout put it.
fn follow<T>(items: &mut Vec<T>, preferred: &[String], id: impl Fn(&T) -> &str) {
    if preferred.is_empty() {
        return;
    }
    let position: BTreeMap<&str, usize> = preferred
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect_map();
    // The places of the named items, and those items in the preferred order.
    let mut places: Vec<usize> = Vec::new();
    let mut named: Vec<(usize, T)> = Vec::new();
    let mut rest: Vec<(usize, T)> = Vec::new();
    for (place, item) in std::mem::take(items).into_iter().enumerate() {
        match position.get(id(&item)) {
            Some(&p) => {
                places.push(place);
                named.push((p, item));
            }
            None => rest.push((place, item)),
        }
    }
    order::sort_by_key(&mut named, |(p, _)| *p);
    let mut placed: Vec<(usize, T)> = places
        .into_iter()
        .zip(named.into_iter().map(|(_, item)| item))
        .chain(rest)
        .collect();
    order::sort_by_key(&mut placed, |(place, _)| *place);
    items.extend(placed.into_iter().map(|(_, item)| item));
}

/// Databases sit side by side, wrapping into rows when one row would be much wider than a
/// 16:10 picture of their total area (stage 4 of a large schema has one per service). Never
/// narrower than a row of seven services: a few small databases stay side by side under their
/// services (the stage-4 split reads best that way).
fn database_rows(blocks: &[DbBlock]) -> Vec<Vec<&DbBlock>> {
    let m = METRICS;
    let area: f64 = blocks.iter().map(|b| b.width * b.height).sum();
    let widest = blocks.iter().map(|b| b.width).fold(0.0, f64::max);
    let limit = widest
        .max((area * 1.6).sqrt() * 1.3)
        .max(7.0 * (m.service.0 + m.gap) - m.gap);
    let mut rows: Vec<Vec<&DbBlock>> = Vec::new();
    let mut used = 0.0;
    for block in blocks {
        let needed = if used == 0.0 {
            block.width
        } else {
            used + m.gap * 2.0 + block.width
        };
        match rows.last_mut() {
            Some(row) if needed <= limit => {
                row.push(block);
                used = needed;
            }
            _ => {
                rows.push(vec![block]);
                used = block.width;
            }
        }
    }
    rows
}

/// The width of a row of databases (two gaps between neighbours).
fn database_row_width(row: &[&DbBlock]) -> f64 {
    let m = METRICS;
    row.iter().map(|b| b.width + m.gap * 2.0).sum::<f64>()
        - if row.is_empty() { 0.0 } else { m.gap * 2.0 }
}

/// The width of a row of `count` items `w` wide.
fn row_width(count: usize, w: f64) -> f64 {
    count as f64 * (w + METRICS.gap) - if count == 0 { 0.0 } else { METRICS.gap }
}

/// Places `cells` (id and size, all of one size) in rows of `per_row`, each row centred in
/// `inner`, from `y` down. Returns the `y` below the last row.
fn place_rows(
    boxes: &mut BTreeMap<String, Rect>,
    cells: impl Iterator<Item = (String, (f64, f64))>,
    per_row: usize,
    inner: f64,
    mut y: f64,
) -> f64 {
    let m = METRICS;
    let cells: Vec<(String, (f64, f64))> = cells.collect();
    for row in cells.chunks(per_row.max(1)) {
        let w = row.first().map(|(_, size)| size.0).unwrap_or_default();
        let h = row.first().map(|(_, size)| size.1).unwrap_or_default();
        let mut x = m.margin + (inner - row_width(row.len(), w)) / 2.0;
        for (id, size) in row {
            boxes.insert(
                id.clone(),
                Rect {
                    x,
                    y,
                    w: size.0,
                    h: size.1,
                },
            );
            x += size.0 + m.gap;
        }
        y += h + m.gap;
    }
    y
}

/// Places the rows of databases from `y` down, each row centred in `inner`, with their cards.
/// Returns the bottom of the lowest database.
fn place_databases(
    boxes: &mut BTreeMap<String, Rect>,
    rows: &[Vec<&DbBlock>],
    inner: f64,
    mut y: f64,
) -> f64 {
    let m = METRICS;
    let mut bottom = y;
    for row in rows {
        let mut x = m.margin + (inner - database_row_width(row)) / 2.0;
        let mut row_bottom = y;
        for block in row {
            boxes.insert(
                block.id.clone(),
                Rect {
                    x,
                    y,
                    w: block.width,
                    h: block.height,
                },
            );
            for (id, r) in &block.placed {
                boxes.insert(
                    id.clone(),
                    Rect {
                        x: x + r.x,
                        y: y + r.y,
                        w: r.w,
                        h: r.h,
                    },
                );
            }
            row_bottom = row_bottom.max(y + block.height);
            x += block.width + m.gap * 2.0;
        }
        bottom = bottom.max(row_bottom);
        y = row_bottom + m.gap * 2.0;
    }
    bottom
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Table;
    use crate::model::{Access, Database, Service};
    use crate::source::{Pane, Span};

    #[test]
    fn layout_work_grows_linearly_with_services() {
        // Every service has its own topic and table: the topic band and the table grid grow
        // with the services.
        crate::work::assert_linear(
            400,
            |n| {
                let arch = crate::work::system_architecture(n);
                let owners = crate::ownership::owner_map(&arch);
                (arch, owners)
            },
            |(arch, owners)| layout_stages_folded(&[(arch, owners)], &BTreeSet::new()),
        );
    }

    fn table(name: &str) -> Table {
        Table {
            id: ident::table_id(None, name),
            schema: None,
            name: name.into(),
            columns: vec![],
            primary_key: vec![],
            foreign_keys: vec![],
            span: Span::start(Pane::Schema),
            recovered: false,
            partition_of: None,
            forbids: Vec::new(),
        }
    }

    fn arch(tables: &[&str], services: &[(&str, &[&str])]) -> Architecture {
        let mut a = crate::ingest(crate::Inputs::default());
        a.tables = tables
            .iter()
            .map(|t| std::sync::Arc::new(table(t)))
            .collect();
        order::sort_by(&mut a.tables, |x, y| x.id.cmp(&y.id));
        a.databases = vec![Database {
            id: "db:main".into(),
            name: "main".into(),
            host: None,
            kind: None,
            owner: None,
            span: None,
            tables: a.tables.iter().map(|t| t.id.clone()).collect(),
        }];
        a.services = services
            .iter()
            .map(|(name, writes)| Service {
                id: ident::service_id(name),
                name: (*name).into(),
                summary: String::new(),
                reads: vec![],
                writes: writes
                    .iter()
                    .map(|t| Access {
                        table: ident::table_id(None, t),
                        span: Span::start(Pane::Services),
                        from_query: false,
                        insert_only: false,
                        shapes: Vec::new(),
                    })
                    .collect(),
                calls: vec![],
                publishes: vec![],
                subscribes: vec![],
                databases: vec!["db:main".into()],
                span: Span::start(Pane::Services),
                part_of: None,
            })
            .collect();
        a
    }

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    #[test]
    fn cards_never_overlap_and_sit_inside_their_database() {
        let names: Vec<String> = (0..57).map(|i| format!("t{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let a = arch(&refs, &[("a", &["t01"]), ("b", &["t02"])]);
        let l = layout(&a, &OwnerMap::new());
        let db = l.rect("db:main").unwrap();
        let cards: Vec<Rect> = a.tables.iter().map(|t| l.rect(&t.id).unwrap()).collect();
        for (i, c) in cards.iter().enumerate() {
            assert!(
                c.x >= db.x && c.right() <= db.right() && c.y >= db.y && c.bottom() <= db.bottom()
            );
            for d in cards.iter().skip(i + 1) {
                assert!(!overlaps(c, d));
            }
        }
        let sa = l.rect("service:a").unwrap();
        assert!(sa.bottom() < db.y, "services sit above databases");
    }

    #[test]
    fn adding_a_table_moves_services_and_earlier_cards_little() {
        let a = arch(&["a1", "b1", "b2"], &[("a", &["a1"]), ("b", &["b1", "b2"])]);
        let b = arch(
            &["a1", "b1", "b2", "zz"],
            &[("a", &["a1"]), ("b", &["b1", "b2"])],
        );
        let owners: OwnerMap = [
            ("table:a1", "service:a"),
            ("table:b1", "service:b"),
            ("table:b2", "service:b"),
        ]
        .into_iter()
        .map(|(t, s)| (t.to_string(), s.to_string()))
        .collect_map();
        let rel = |l: &Layout, id: &str| {
            let r = l.rect(id).unwrap();
            let d = l.rect("db:main").unwrap();
            (r.x - d.x, r.y - d.y)
        };
        let (la, lb) = (layout(&a, &owners), layout(&b, &owners));
        assert_eq!(rel(&la, "table:a1"), rel(&lb, "table:a1"));
        assert_eq!(rel(&la, "table:b2"), rel(&lb, "table:b2"));
        // Services stay centred over the database: they may shift by half a card, no more.
        let (sa, sb) = (la.rect("service:a").unwrap(), lb.rect("service:a").unwrap());
        assert!((sa.x - sb.x).abs() <= METRICS.table.0 / 2.0 + METRICS.gap && sa.y == sb.y);
    }

    #[test]
    fn many_services_wrap_into_balanced_rows_without_overlap() {
        let names: Vec<String> = (0..12).map(|i| format!("s{i:02}")).collect();
        let services: Vec<(&str, &[&str])> = names.iter().map(|n| (n.as_str(), &[][..])).collect();
        let a = arch(&["t"], &services);
        let l = layout(&a, &OwnerMap::new());
        let rects: Vec<Rect> = a.services.iter().map(|s| l.rect(&s.id).unwrap()).collect();
        let rows: BTreeSet<i64> = rects.iter().map(|r| r.y as i64).collect_set();
        assert_eq!(rows.len(), 2, "12 services make two rows of six");
        for (i, r) in rects.iter().enumerate() {
            for q in rects.iter().skip(i + 1) {
                assert!(!overlaps(r, q));
            }
        }
        assert!(l.width < 7.0 * (METRICS.service.0 + METRICS.gap) + 2.0 * METRICS.margin);
        assert_eq!(balanced_rows(3, 10.0, 1.0, 100.0), 3);
        assert_eq!(balanced_rows(0, 10.0, 1.0, 100.0), 0);
    }

    #[test]
    fn many_databases_wrap_into_rows_without_overlap() {
        let names: Vec<String> = (0..60).map(|i| format!("t{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut a = arch(&refs, &[]);
        a.databases = (0..6)
            .map(|d| Database {
                id: format!("db:d{d}"),
                name: format!("d{d}"),
                host: None,
                kind: None,
                owner: None,
                span: None,
                tables: a
                    .tables
                    .iter()
                    .skip(d * 10)
                    .take(10)
                    .map(|t| t.id.clone())
                    .collect(),
            })
            .collect();
        let l = layout(&a, &OwnerMap::new());
        let dbs: Vec<Rect> = a.databases.iter().map(|d| l.rect(&d.id).unwrap()).collect();
        let rows: BTreeSet<i64> = dbs.iter().map(|r| r.y as i64).collect_set();
        assert!(
            rows.len() > 1,
            "six databases of ten tables do not make one strip"
        );
        for (i, r) in dbs.iter().enumerate() {
            for q in dbs.iter().skip(i + 1) {
                assert!(!overlaps(r, q));
            }
        }
        assert!(
            l.width < 2.5 * l.height,
            "the picture stays near a screen's shape: {} x {}",
            l.width,
            l.height
        );
    }

    #[test]
    fn a_table_sits_under_the_services_that_touch_it() {
        // Both tables are b's; `shared` is also read by a (rank 0), so it comes first.
        let mut x = arch(
            &["alone", "shared"],
            &[("a", &[]), ("b", &["alone", "shared"])],
        );
        x.services[0].reads.push(Access {
            table: ident::table_id(None, "shared"),
            span: Span::start(Pane::Services),
            from_query: false,
            insert_only: false,
            shapes: Vec::new(),
        });
        let owners: OwnerMap = [("table:alone", "service:b"), ("table:shared", "service:b")]
            .into_iter()
            .map(|(t, s)| (t.to_string(), s.to_string()))
            .collect_map();
        let l = layout(&x, &owners);
        assert!(l.rect("table:shared").unwrap().x < l.rect("table:alone").unwrap().x);
    }

    #[test]
    fn a_few_small_databases_stay_in_one_row() {
        let mut a = arch(&["t1", "t2", "t3"], &[("a", &[]), ("b", &[])]);
        a.databases = vec![
            Database {
                id: "db:a".into(),
                name: "a".into(),
                host: None,
                kind: None,
                owner: None,
                span: None,
                tables: vec!["table:t1".into()],
            },
            Database {
                id: "db:b".into(),
                name: "b".into(),
                host: None,
                kind: None,
                owner: None,
                span: None,
                tables: vec!["table:t2".into(), "table:t3".into()],
            },
        ];
        let l = layout(&a, &OwnerMap::new());
        assert_eq!(l.rect("db:a").unwrap().y, l.rect("db:b").unwrap().y);
    }

    #[test]
    fn a_preferred_middle_order_rearranges_only_the_items_it_names() {
        let mut items: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        follow(&mut items, &["d".into(), "b".into(), "x".into()], |s| {
            s.as_str()
        });
        assert_eq!(items, ["a", "d", "c", "b"], "b and d swap their places");
        follow(&mut items, &[], |s| s.as_str());
        assert_eq!(
            items,
            ["a", "d", "c", "b"],
            "an empty order keeps the band's own"
        );
    }

    #[test]
    fn a_card_sits_next_to_the_card_it_references() {
        // One owner, so one group; by name `a` comes first and `z` last, rows apart. `a`
        // references `z`: the line between them is shortest with them side by side.
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "z"];
        let mut x = arch(&names, &[("s", &names)]);
        if let Some(a) = x
            .tables
            .iter_mut()
            .find(|t| t.name == "a")
            .map(std::sync::Arc::make_mut)
        {
            a.foreign_keys.push(crate::model::ForeignKey {
                columns: vec!["z_id".into()],
                references: ident::table_id(None, "z"),
                ref_columns: vec![],
                span: Span::start(Pane::Schema),
            });
        }
        let owners: OwnerMap = names
            .iter()
            .map(|t| (ident::table_id(None, t), "service:s".to_string()))
            .collect_map();
        let l = layout(&x, &owners);
        let (a, z) = (l.rect("table:a").unwrap(), l.rect("table:z").unwrap());
        let apart = ((a.x - z.x).abs() / (METRICS.table.0 + METRICS.gap)).round()
            + ((a.y - z.y).abs() / (METRICS.table.1 + METRICS.gap)).round();
        assert_eq!(apart, 1.0, "a at {a:?}, z at {z:?}");
    }

    #[test]
    fn services_start_in_the_order_people_count() {
        let a = arch(
            &["t"],
            &[("svc-10", &["t"]), ("svc-2", &["t"]), ("svc-1", &["t"])],
        );
        assert_eq!(
            service_order(&[&a]),
            ["service:svc-1", "service:svc-2", "service:svc-10"]
        );
    }

    #[test]
    fn layout_is_deterministic() {
        let a = arch(&["x", "y"], &[("s", &["x"])]);
        assert_eq!(layout(&a, &OwnerMap::new()), layout(&a, &OwnerMap::new()));
    }
}
