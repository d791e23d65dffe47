//! Layout: where every node of one or more stages goes, computed in the core so that the page,
//! the CLI and exports draw the same picture.
//!
//! A layered layout tuned to this domain rather than a general graph drawer: services in a band
//! on top, topics and APIs in a band below them, databases as boxes at the bottom holding their
//! tables as cards grouped by owner. Positions depend only on sorted ids and ownership, so a small
//! edit moves little. Cost is linear in nodes plus edges (no crossing minimisation passes beyond
//! one barycentric ordering of the middle band).

use crate::architecture::Architecture;
use crate::ident;
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

/// How tables are grouped and ordered: by owner service id (None = unowned).
pub type OwnerMap = BTreeMap<String, String>;

/// Lays out several stages together: services keep one order and one column across all of them,
/// so persistent nodes move as little as possible when the page animates between stages.
pub fn layout_stages(stages: &[(&Architecture, &OwnerMap)]) -> Vec<Layout> {
    let mut services: BTreeSet<String> = BTreeSet::new();
    for (arch, _) in stages {
        services.extend(arch.services.iter().map(|s| s.id.clone()));
    }
    let order: Vec<String> = services.into_iter().collect();
    stages
        .iter()
        .map(|(arch, owners)| layout_with_order(arch, owners, &order))
        .collect()
}

/// Lays out one architecture on its own.
pub fn layout(arch: &Architecture, owners: &OwnerMap) -> Layout {
    let order: Vec<String> = arch.services.iter().map(|s| s.id.clone()).collect();
    layout_with_order(arch, owners, &order)
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

fn layout_with_order(arch: &Architecture, owners: &OwnerMap, service_order: &[String]) -> Layout {
    let m = METRICS;
    let rank: BTreeMap<&str, usize> = service_order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut boxes = BTreeMap::new();

    // Databases and their cards, each database a grid of its tables grouped by owner.
    struct DbBlock {
        id: String,
        cards: Vec<String>,
        columns: usize,
        width: f64,
        height: f64,
        anchor: f64,
    }
    let mut blocks: Vec<DbBlock> = Vec::new();
    for db in &arch.databases {
        let mut cards: Vec<&String> = db.tables.iter().collect();
        cards.sort_by_key(|id| {
            let owner_rank = owners
                .get(id.as_str())
                .and_then(|o| rank.get(o.as_str()).copied())
                .unwrap_or(usize::MAX);
            let is_view = id.starts_with("view:");
            (
                owner_rank,
                is_view,
                ident::short_name(id).to_string(),
                (*id).clone(),
            )
        });
        let columns = grid_columns(cards.len());
        let rows = cards.len().div_ceil(columns).max(1);
        let width =
            2.0 * m.pad + columns as f64 * m.table.0 + (columns.saturating_sub(1)) as f64 * m.gap;
        let height = m.header + 2.0 * m.pad + rows as f64 * m.table.1 + (rows - 1) as f64 * m.gap;
        // Anchor: the mean rank of services connecting to it, so a service's own database sits under it.
        let users: Vec<usize> = arch
            .services
            .iter()
            .filter(|s| s.database == db.id)
            .filter_map(|s| rank.get(s.id.as_str()).copied())
            .collect();
        let anchor = if users.is_empty() {
            f64::MAX
        } else {
            users.iter().sum::<usize>() as f64 / users.len() as f64
        };
        blocks.push(DbBlock {
            id: db.id.clone(),
            cards: cards.into_iter().cloned().collect(),
            columns,
            width,
            height,
            anchor,
        });
    }
    blocks.sort_by(|a, b| a.anchor.total_cmp(&b.anchor).then_with(|| a.id.cmp(&b.id)));

    // Middle band: topics and APIs ordered by the mean position of the services they touch.
    let mut middle: Vec<(f64, String, (f64, f64))> = Vec::new();
    for api in &arch.apis {
        let r = rank.get(api.service.as_str()).copied().unwrap_or(0) as f64;
        middle.push((r, api.id.clone(), m.pill));
    }
    for topic in &arch.topics {
        let touching: Vec<usize> = arch
            .services
            .iter()
            .filter(|s| {
                s.publishes
                    .iter()
                    .chain(&s.subscribes)
                    .any(|t| t.topic == topic.id)
            })
            .filter_map(|s| rank.get(s.id.as_str()).copied())
            .collect();
        let r = if touching.is_empty() {
            0.0
        } else {
            touching.iter().sum::<usize>() as f64 / touching.len() as f64
        };
        middle.push((r, topic.id.clone(), m.pill));
    }
    middle.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));

    // Widths of the three bands; the widest sets the picture's width, the others are centred.
    let services: Vec<&String> = service_order
        .iter()
        .filter(|id| arch.service(id).is_some())
        .collect();
    let service_band = services.len() as f64 * (m.service.0 + m.gap)
        - if services.is_empty() { 0.0 } else { m.gap };
    let middle_band = middle.iter().map(|(_, _, s)| s.0 + m.gap).sum::<f64>()
        - if middle.is_empty() { 0.0 } else { m.gap };
    let db_band = blocks.iter().map(|b| b.width + m.gap * 2.0).sum::<f64>()
        - if blocks.is_empty() { 0.0 } else { m.gap * 2.0 };
    let inner = service_band.max(middle_band).max(db_band).max(m.service.0);
    let width = inner + 2.0 * m.margin;

    // Calls arc above the services: leave room for them.
    let calls_room = if arch.services.iter().any(|s| !s.calls.is_empty()) {
        60.0
    } else {
        0.0
    };
    let mut y = m.margin + calls_room;
    let mut x = m.margin + (inner - service_band) / 2.0;
    for id in &services {
        boxes.insert(
            (*id).clone(),
            Rect {
                x,
                y,
                w: m.service.0,
                h: m.service.1,
            },
        );
        x += m.service.0 + m.gap;
    }
    y += m.service.1 + 70.0;
    if !middle.is_empty() {
        let mut x = m.margin + (inner - middle_band) / 2.0;
        for (_, id, size) in &middle {
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
        y += m.pill.1 + 70.0;
    }
    let mut x = m.margin + (inner - db_band) / 2.0;
    let mut bottom = y;
    for block in &blocks {
        boxes.insert(
            block.id.clone(),
            Rect {
                x,
                y,
                w: block.width,
                h: block.height,
            },
        );
        for (i, id) in block.cards.iter().enumerate() {
            let column = i % block.columns;
            let row = i / block.columns;
            boxes.insert(
                id.clone(),
                Rect {
                    x: x + m.pad + column as f64 * (m.table.0 + m.gap),
                    y: y + m.header + m.pad + row as f64 * (m.table.1 + m.gap),
                    w: m.table.0,
                    h: m.table.1,
                },
            );
        }
        bottom = bottom.max(y + block.height);
        x += block.width + m.gap * 2.0;
    }
    Layout {
        boxes,
        width,
        height: bottom + m.margin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::architecture::{Access, Database, Service};
    use crate::source::{Pane, Span};
    use crate::sql::Table;

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
        }
    }

    fn arch(tables: &[&str], services: &[(&str, &[&str])]) -> Architecture {
        let mut a = crate::ingest(crate::Inputs::default());
        a.tables = tables.iter().map(|t| table(t)).collect();
        a.tables.sort_by(|x, y| x.id.cmp(&y.id));
        a.databases = vec![Database {
            id: "db:main".into(),
            name: "main".into(),
            host: None,
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
                    })
                    .collect(),
                calls: vec![],
                publishes: vec![],
                subscribes: vec![],
                database: "db:main".into(),
                span: Span::start(Pane::Services),
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
        .collect();
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
    fn layout_is_deterministic() {
        let a = arch(&["x", "y"], &[("s", &["x"])]);
        assert_eq!(layout(&a, &OwnerMap::new()), layout(&a, &OwnerMap::new()));
    }
}
