//! The scene: positioned, styled shapes ready to draw. Built from an architecture, its layout and
//! annotations (owners, finding badges); drawn by [`crate::svg`] for the page, the CLI and
//! exports alike, so every surface shows the same picture.
//!
//! Visual language (`docs/picture.md`): services on top in their own colours; databases as large
//! containers holding table cards striped in the owner's colour (grey when unowned, a warning
//! outline when several services write them); edges told apart by line style and arrowhead.

use crate::diagnostic::Severity;
use crate::fold::{self, Cluster};
use crate::graph::{self, EdgeKind, NodeKind};
use crate::ident;
use crate::layout::{Layout, Rect};
use crate::model::{Architecture, RelationKind};
use crate::number;
use crate::order;
use crate::order::Collect;
use crate::ownership::OwnerMap;
use crate::route;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A colour-blind-safe palette (Okabe–Ito, without black), one colour per service in order.
/// Vermillion is lightened from #D55E00 to #E06400: labels on it reach 4.5:1 in dark ink (white
/// or dark ink on the original give at most 4.3:1).
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#E06400", "#B8A000",
];

/// Grey for tables no service owns.
pub const UNOWNED: &str = "#9AA0A6";

/// Label ink on a service's fill: white on the palette's dark blue, near-black on every lighter
/// fill (white on orange or sky blue is about 2.3:1; WCAG AA asks 4.5:1 for text). The ratios
/// are computed in `svg`'s tests (`palette_text_meets_wcag_aa`).
pub const LIGHT_INK: &str = "#ffffff";
/// See [`LIGHT_INK`].
pub const DARK_INK: &str = "#1b1f24";

/// The ink for labels on a fill of `color` ([`LIGHT_INK`] only on the palette's first colour).
pub fn label_ink(color: &str) -> &'static str {
    if PALETTE
        .first()
        .is_some_and(|dark| dark.eq_ignore_ascii_case(color))
    {
        LIGHT_INK
    } else {
        DARK_INK
    }
}

/// How far below a folded cluster's card its stacked sheets reach (drawn by `svg`).
pub const CLUSTER_SHEETS: f64 = 8.0;

/// Advance widths of printable ASCII (space to `~`) in thousandths of an em, the metrics of the
/// common sans-serif faces (Arial, Helvetica, Liberation Sans); [`text_width`] widens them for
/// the wider system faces (DejaVu Sans), so a label measured to fit does fit.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// How much wider than [`ASCII_WIDTHS`] text may render (DejaVu Sans, the usual Linux face).
const WIDER_FACE: f64 = 1.05;

/// Font size of card labels, the size [`fit`] measures at.
const CARD_FONT: f64 = 13.0;

/// Font size of the small detail text beside a card's label (a column count).
const DETAIL_FONT: f64 = 11.0;

/// Space kept between a card's label and its detail.
const LABEL_GAP: f64 = 8.0;

/// The width of `text` at `size` pixels: each character's advance from [`ASCII_WIDTHS`]; other
/// characters count as a wide letter, East Asian wide characters as a full em.
pub fn text_width(text: &str, size: f64) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            let code = c as u32;
            match code {
                32..=126 => ASCII_WIDTHS
                    .get((code - 32) as usize)
                    .copied()
                    .map_or(600, u32::from),
                0x1100..=0x115F
                | 0x2E80..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0x20000..=0x3FFFD => 1000,
                _ => 650,
            }
        })
        .sum();
    f64::from(thousandths) / 1000.0 * size * WIDER_FACE
}

/// A node to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneNode {
    /// The model id (`table:public.users`), the DOM key.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Where it is.
    pub rect: Rect,
    /// The label as drawn (truncated with "…" to fit).
    pub label: String,
    /// The full name, shown on hover.
    pub title: String,
    /// A second, smaller line (a service's summary, a table's column count), truncated to fit.
    pub detail: String,
    /// The fill or stripe colour (a service's own colour, the owner's colour, or grey).
    pub color: String,
    /// True for a table no service owns.
    pub unowned: bool,
    /// True for a table written by two or more services.
    pub shared_write: bool,
    /// The most severe finding on this element, if any.
    pub badge: Option<Severity>,
}

/// An edge to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneEdge {
    /// `FROM->TO`, the DOM key (direction as in the model: a service reads a table).
    pub key: String,
    /// Source id.
    pub from: String,
    /// Target id.
    pub to: String,
    /// What it means; sets line style and arrowhead.
    pub kind: EdgeKind,
    /// SVG path data, drawn in the direction data flows (a read is drawn table → service).
    pub path: String,
    /// True for a foreign key between tables of different owners (drawn bold red).
    pub cross_owner: bool,
    /// Stroke colour for edges that carry a service colour (owns, writes).
    pub color: Option<String>,
    /// How many model edges this one stands for (more than one when redirected to a cluster).
    pub count: usize,
    /// The hover text, e.g. "app-a reads 12 tables in app-b's cluster".
    pub title: String,
}

/// The frame around an unfolded cluster's tables; clicking it folds the cluster again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneGroup {
    /// The cluster id (`cluster:main/app-b`), the DOM key (`data-fold`).
    pub id: String,
    /// Where the frame is.
    pub rect: Rect,
    /// The header text: the group's name and counts, truncated to fit.
    pub label: String,
    /// The full text, shown on hover.
    pub title: String,
    /// The owner's colour, or grey for a schema group.
    pub color: String,
}

/// Everything needed to draw one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    /// The stage index shown (0 = as is).
    pub stage: u8,
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Nodes in drawing order: databases, tables and views, topics and APIs, services.
    pub nodes: Vec<SceneNode>,
    /// Edges, sorted by source, target and kind.
    pub edges: Vec<SceneEdge>,
    /// Frames of unfolded clusters, by id.
    pub groups: Vec<SceneGroup>,
    /// A one-paragraph text alternative.
    pub description: String,
}

/// The most nodes and edges a picture has for the page to show it as SVG elements; past it the
/// page paints it on canvas (`src/picture_canvas.rs`: parsing, styling and painting its SVG
/// made a step between two stages of a 1 MB input a 600 ms task).
pub const LARGE_PICTURE: usize = 2_000;

impl Scene {
    /// Whether the picture is past [`LARGE_PICTURE`].
    pub fn is_large(&self) -> bool {
        self.nodes.len() + self.edges.len() > LARGE_PICTURE
    }

    /// The node drawn on top at `(x, y)` (scene units), as a pointer finds it: any node above a
    /// database's frame, the frame only between its tables. For a picture drawn without one
    /// element per node (the page's canvas form of a large picture).
    pub fn node_at(&self, x: f64, y: f64) -> Option<&SceneNode> {
        let inside = |r: &Rect| x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom();
        let on_top = self
            .nodes
            .iter()
            .rev()
            .find(|n| n.kind != NodeKind::Database && inside(&n.rect));
        on_top.or_else(|| {
            self.nodes
                .iter()
                .rev()
                .find(|n| n.kind == NodeKind::Database && inside(&n.rect))
        })
    }

    /// The unfolded cluster whose frame header (its top [`GROUP_HEAD`] units, where the page
    /// folds it again) holds `(x, y)`.
    pub fn group_head_at(&self, x: f64, y: f64) -> Option<&SceneGroup> {
        self.groups.iter().find(|g| {
            let r = &g.rect;
            x >= r.x && x <= r.right() && y >= r.y && y <= r.y + GROUP_HEAD
        })
    }

    /// The edges with an end in `ids`, in drawing order.
    pub fn edges_touching<'a>(&'a self, ids: &BTreeSet<&str>) -> Vec<&'a SceneEdge> {
        self.edges
            .iter()
            .filter(|e| ids.contains(e.from.as_str()) || ids.contains(e.to.as_str()))
            .collect()
    }
}

/// The height of an unfolded cluster's frame header (drawn by `svg`, a fold target).
pub const GROUP_HEAD: f64 = 28.0;

/// The box `segments` lie in (their points and the corners' control points); None for none.
pub fn bounds_of(segments: &[Segment]) -> Option<Rect> {
    let mut points = segments.iter().flat_map(|s| match *s {
        Segment::Line(a, b) => [a, b, b],
        Segment::Corner(a, c, b) => [a, c, b],
    });
    let first = points.next()?;
    let (mut low, mut high) = (first, first);
    for (x, y) in points {
        low = (low.0.min(x), low.1.min(y));
        high = (high.0.max(x), high.1.max(y));
    }
    Some(Rect {
        x: low.0,
        y: low.1,
        w: high.0 - low.0,
        h: high.1 - low.1,
    })
}

/// A point of the scene.
pub type Point = (f64, f64);

/// One piece of an edge's path ([`path_data`]): a straight run, or a rounded corner (a
/// quadratic curve from its start through its control point to its end).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    /// From, to.
    Line(Point, Point),
    /// From, control point, to.
    Corner(Point, Point, Point),
}

impl SceneEdge {
    /// The pieces of the edge's path, read back from its path data (`M`, `L` and `Q`, as
    /// [`path_data`] writes them), for drawing only the part a view shows.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut at: Option<Point> = None;
        let mut command = ' ';
        let mut numbers: Vec<f64> = Vec::with_capacity(4);
        let words = self
            .path
            .split(|c: char| c.is_ascii_whitespace())
            .filter(|t| !t.is_empty());
        for word in words {
            let mut rest = word;
            if let Some(letter) = word.chars().next().filter(char::is_ascii_alphabetic) {
                command = letter;
                numbers.clear();
                rest = word.get(letter.len_utf8()..).unwrap_or("");
            }
            let Some(n) = (!rest.is_empty())
                .then(|| number::read_fixed(rest))
                .flatten()
            else {
                continue;
            };
            numbers.push(n);
            match (command, numbers.as_slice(), at) {
                ('M', [x, y], _) => {
                    at = Some((*x, *y));
                    numbers.clear();
                }
                ('L', [x, y], Some(from)) => {
                    out.push(Segment::Line(from, (*x, *y)));
                    at = Some((*x, *y));
                    numbers.clear();
                }
                ('Q', [cx, cy, x, y], Some(from)) => {
                    out.push(Segment::Corner(from, (*cx, *cy), (*x, *y)));
                    at = Some((*x, *y));
                    numbers.clear();
                }
                _ => {}
            }
        }
        out
    }

    /// The box the edge's path lies in ([`bounds_of`] its [`SceneEdge::segments`]).
    pub fn bounds(&self) -> Option<Rect> {
        bounds_of(&self.segments())
    }

    /// The last two points of the edge's path (where its last segment comes from, and its end),
    /// for drawing its arrowhead in that direction; None when the path has no segment.
    pub fn end(&self) -> Option<(Point, Point)> {
        match self.segments().last()? {
            Segment::Line(a, b) | Segment::Corner(_, a, b) => Some((*a, *b)),
        }
    }
}

/// What the scene needs beyond the model and its layout.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// Owner service id by table id (declared or inferred).
    pub owners: OwnerMap,
    /// The most severe finding per element id.
    pub badges: BTreeMap<String, Severity>,
    /// The stage index.
    pub stage: u8,
    /// Cluster ids the user unfolded (drawn as their tables in a frame, not as one card).
    pub unfolded: BTreeSet<String>,
}

/// Formats a coordinate with one decimal, the same bytes natively and in wasm:
/// [`number::fixed`] with one place, without a trailing ".0".
pub fn num(v: f64) -> String {
    let s = number::fixed(v, 1);
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// Cuts `text` to fit `width` at the card font (measured by [`text_width`]), ending in "…"
/// when cut; at least one character and the ellipsis are kept.
pub fn fit(text: &str, width: f64) -> String {
    if text_width(text, CARD_FONT) <= width {
        return text.to_string();
    }
    let room = width - text_width("…", CARD_FONT);
    let mut cut = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), CARD_FONT);
        if used + w > room && !cut.is_empty() {
            break;
        }
        used += w;
        cut.push(c);
    }
    cut.push('…');
    cut
}

fn node_order(kind: NodeKind) -> u8 {
    match kind {
        NodeKind::Database => 0,
        NodeKind::Table | NodeKind::View | NodeKind::Cluster => 1,
        NodeKind::Topic | NodeKind::Api | NodeKind::Library => 2,
        NodeKind::Service => 3,
    }
}

/// What every step of [`build`] reads: the model, its layout, the annotations, each service's
/// colour and how many services write each table.
struct Context<'a> {
    arch: &'a Architecture,
    layout: &'a Layout,
    notes: &'a Annotations,
    /// Colour by service id, from [`PALETTE`] in service order.
    service_color: BTreeMap<&'a str, &'a str>,
    /// Number of writing services by table id.
    writers: BTreeMap<&'a str, usize>,
    /// What the relations of document and key-value stores are, by id (tables are not listed).
    store_relations: BTreeMap<&'a str, &'a crate::model::Database>,
}

/// Edges written (path data, title) between two pauses of [`build_paced`].
const EDGES_BETWEEN_PAUSES: usize = 2_000;

/// Nodes written (texts, colours) between two pauses of [`build_paced`].
const NODES_BETWEEN_PAUSES: usize = 2_000;

/// Builds the scene of `arch` laid out as `layout`: the model's nodes, the folded clusters'
/// cards and frames, and the edges (merged where their ends are folded).
pub fn build(arch: &Architecture, layout: &Layout, notes: &Annotations) -> Scene {
    crate::pace::at_once(build_paced(arch, layout, notes))
}

/// [`build`], pausing as it folds, writes the nodes and routes and writes the edges
/// ([`crate::pace`]): the page draws a large picture in pieces.
pub async fn build_paced(arch: &Architecture, layout: &Layout, notes: &Annotations) -> Scene {
    let context = Context::new(arch, layout, notes);
    crate::pace::pause().await;
    let folding = fold::plan(arch, &notes.owners);
    crate::pace::pause().await;
    let ClusterShapes {
        cards,
        groups,
        shown_as,
    } = context.clusters(&folding);
    let outlines = context.outlines(&folding);
    crate::pace::pause().await;
    // The cards come in cluster id order, as the clusters do in the outlines.
    let mut cards = cards.into_iter();
    let mut nodes: Vec<SceneNode> = Vec::with_capacity(outlines.len());
    let mut stride = crate::pace::Stride::every(NODES_BETWEEN_PAUSES);
    for (id, kind, _) in &outlines {
        let node = match kind {
            NodeKind::Cluster => cards.next(),
            _ => context.model_node(graph::Node {
                id: id.clone(),
                kind: *kind,
            }),
        };
        nodes.extend(node);
        stride.over(1).await;
    }
    crate::pace::pause().await;
    let edges = context.edges(&folding, &shown_as, &outlines).await;
    Scene {
        stage: notes.stage,
        width: layout.width,
        height: layout.height,
        description: describe(arch),
        nodes,
        edges,
        groups,
    }
}

/// The line of every edge [`build`] draws, in the same order: the points its path data passes
/// ([`path_points`]) with the coordinates rounded as the path data prints them. The same
/// routing without the texts, titles and path strings, for `arrange`, which counts the
/// crossings of many candidate layouts of one picture.
pub fn lines(arch: &Architecture, layout: &Layout, notes: &Annotations) -> Vec<Vec<(f64, f64)>> {
    let context = Context::new(arch, layout, notes);
    let folding = fold::plan(arch, &notes.owners);
    let shown_as = context.clusters(&folding).shown_as;
    let outlines = context.outlines(&folding);
    let (_, routes) = crate::pace::at_once(context.routes(&shown_as, &outlines));
    routes
        .iter()
        .map(|corners| {
            path_points(corners)
                .into_iter()
                .map(|(x, y)| (number::on_fixed(x, 1), number::on_fixed(y, 1)))
                .collect()
        })
        .collect()
}

/// The texts and colour of a node: label, title, detail, colour.
type NodeText = (String, String, String, String);

/// The folded clusters' shapes: cards of folded clusters, frames of unfolded ones, and the
/// cluster each folded member is drawn as.
struct ClusterShapes<'f> {
    cards: Vec<SceneNode>,
    groups: Vec<SceneGroup>,
    shown_as: BTreeMap<&'f str, &'f Cluster>,
}

/// A drawn edge: its ends and kind after folding, and what was merged into it.
type DrawnEdge = ((String, String, EdgeKind), Merged);

/// Model edges merged into one drawn edge (same ends after folding, same kind).
struct Merged {
    count: usize,
    cross_owner: bool,
    /// The one edge's hover text, while there is only one.
    single: Option<String>,
}

impl<'a> Context<'a> {
    fn new(arch: &'a Architecture, layout: &'a Layout, notes: &'a Annotations) -> Self {
        let service_color = arch
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.id.as_str(),
                    PALETTE.get(i % PALETTE.len()).copied().unwrap_or(UNOWNED),
                )
            })
            .collect_map();
        let mut writers: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &arch.services {
            for w in &s.writes {
                *writers.entry(w.table.as_str()).or_default() += 1;
            }
        }
        let store_relations = arch
            .databases
            .iter()
            .filter(|d| d.relation_kind() != RelationKind::Table)
            .flat_map(|d| d.tables.iter().map(move |t| (t.as_str(), d)))
            .collect_map();
        Context {
            arch,
            layout,
            notes,
            store_relations,
            service_color,
            writers,
        }
    }

    /// The colour of a service id, grey when unknown.
    fn color(&self, service: &str) -> &'a str {
        self.service_color.get(service).copied().unwrap_or(UNOWNED)
    }

    /// Whether two or more services write `table`.
    fn shared_write(&self, table: &str) -> bool {
        self.writers.get(table).copied().unwrap_or(0) > 1
    }

    /// The scene node of a model node that has a place in the layout.
    fn model_node(&self, node: graph::Node) -> Option<SceneNode> {
        let rect = self.layout.rect(&node.id)?;
        let name = ident::display_name(&node.id).into_owned();
        let (label, title, detail, color) = match node.kind {
            NodeKind::Service => self.service_text(&node.id, rect, name),
            NodeKind::Table | NodeKind::View => self.table_text(&node, rect, name),
            NodeKind::Database => self.database_text(&node.id, rect, name),
            // The graph has no clusters; they come from the fold plan ([`Context::clusters`]).
            NodeKind::Cluster => return None,
            NodeKind::Topic => (
                fit(&name, rect.w - 20.0),
                name,
                String::new(),
                String::new(),
            ),
            NodeKind::Library => {
                let library = self.arch.libraries.iter().find(|l| l.id == node.id);
                let shown = library.map_or(name, |l| l.name.clone());
                let title = match library {
                    Some(l) => format!("{shown}: shared {} model library", l.language),
                    None => shown.clone(),
                };
                (
                    fit(&shown, rect.w - 20.0),
                    title,
                    String::new(),
                    String::new(),
                )
            }
            NodeKind::Api => {
                let service = ident::id_name(&node.id);
                let color = self.color(&ident::service_id(service));
                let label = format!("{service} API");
                (
                    fit(&label, rect.w - 20.0),
                    label,
                    String::new(),
                    color.to_string(),
                )
            }
        };
        let is_table = node.kind == NodeKind::Table;
        Some(SceneNode {
            unowned: is_table && !self.notes.owners.contains_key(&node.id),
            shared_write: self.shared_write(&node.id),
            badge: self.notes.badges.get(&node.id).copied(),
            id: node.id,
            kind: node.kind,
            rect,
            label,
            title,
            detail,
            color,
        })
    }

    /// A service card: its name, its summary below, its own colour.
    fn service_text(&self, id: &str, rect: Rect, name: String) -> NodeText {
        let service = self.arch.service(id);
        let summary = service.map(|s| s.summary.clone()).unwrap_or_default();
        let shown = service.map(|s| s.name.clone()).unwrap_or(name);
        (
            fit(&shown, rect.w - 24.0),
            shown,
            fit(&summary, (rect.w - 24.0) * 1.12),
            self.color(id).to_string(),
        )
    }

    /// A table or view card: its short name (the model's `name`; the id's name when the model
    /// has no such element), its column count (or "view") beside it, striped in its owner's
    /// colour.
    fn table_text(&self, node: &graph::Node, rect: Rect, name: String) -> NodeText {
        let short = match node.kind {
            NodeKind::View => self.arch.view(&node.id).map(|v| v.name.clone()),
            _ => self.arch.table(&node.id).map(|t| t.name.clone()),
        }
        .unwrap_or_else(|| ident::short_name(&node.id).into_owned());
        let columns = self
            .arch
            .table(&node.id)
            .map(|t| t.columns.len())
            .unwrap_or(0);
        let detail = if node.kind == NodeKind::View {
            "view".to_string()
        } else if let Some(store) = self.store_relations.get(node.id.as_str()) {
            // A collection or key pattern says so where a table gives its column count.
            match store.relation_kind() {
                RelationKind::Keys => "keys".to_string(),
                _ => store.relation_kind().noun().to_string(),
            }
        } else if columns > 0 {
            columns.to_string()
        } else {
            String::new()
        };
        // The label starts 14 in, the detail ends 8 in from the right; a gap between them.
        let detail_width = if detail.is_empty() {
            0.0
        } else {
            text_width(&detail, DETAIL_FONT) + LABEL_GAP
        };
        let room = rect.w - 22.0 - detail_width;
        let color = self
            .notes
            .owners
            .get(&node.id)
            .and_then(|o| self.service_color.get(o.as_str()).copied())
            .unwrap_or(UNOWNED)
            .to_string();
        (fit(&short, room), name, detail, color)
    }

    /// A database frame's header: "name database" (or "name · Redis" for a store of a declared
    /// kind) and its count of tables, collections or key patterns.
    fn database_text(&self, id: &str, rect: Rect, name: String) -> NodeText {
        let db = self.arch.databases.iter().find(|d| d.id == id);
        // A database's list holds its views too: counted apart ("78 tables · 9 views").
        let members = db.map_or(&[][..], |d| d.tables.as_slice());
        let views = members.iter().filter(|m| m.starts_with("view:")).count();
        let count = members.len() - views;
        let label = db.map(|d| d.name.clone()).unwrap_or(name.clone());
        let noun = db.map_or(RelationKind::Table, |d| d.relation_kind()).noun();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let detail = match views {
            0 => format!("{count} {noun}{}", plural(count)),
            _ => format!(
                "{count} {noun}{} · {views} view{}",
                plural(count),
                plural(views)
            ),
        };
        // The name is bold and larger than card text; leave room for the count beside it.
        let room = (rect.w - 40.0 - text_width(&detail, DETAIL_FONT) - LABEL_GAP) * 0.85;
        let heading = match db.and_then(|d| d.kind) {
            Some(kind) => format!("{label} · {}", kind.label()),
            // "database" goes before the name is cut ("app-a databa…" in a one-table frame).
            None if text_width(&format!("{label} database"), CARD_FONT) > room => label,
            None => format!("{label} database"),
        };
        (fit(&heading, room), name, detail, String::new())
    }

    /// The folded clusters with a place in the layout: a card for each folded one, a frame for
    /// each unfolded one, and the cluster each folded member is drawn as.
    fn clusters<'f>(&self, folding: &'f fold::Folding) -> ClusterShapes<'f> {
        let mut cards = Vec::new();
        let mut groups = Vec::new();
        let mut shown_as: BTreeMap<&str, &Cluster> = BTreeMap::new();
        for cluster in folding.clusters.values() {
            let Some(rect) = self.layout.rect(&cluster.id) else {
                continue;
            };
            let color = cluster
                .owner
                .as_deref()
                .map(|o| self.color(o))
                .unwrap_or(UNOWNED)
                .to_string();
            let title = format!("{}: {}", cluster_title(cluster), cluster.counts());
            if self.notes.unfolded.contains(&cluster.id) {
                groups.push(SceneGroup {
                    id: cluster.id.clone(),
                    label: fit(
                        &format!("{} · {}", cluster.name, cluster.counts()),
                        rect.w - 90.0,
                    ),
                    title,
                    rect,
                    color,
                });
                continue;
            }
            for member in &cluster.members {
                shown_as.insert(member.as_str(), cluster);
            }
            let badge = cluster
                .members
                .iter()
                .filter_map(|m| self.notes.badges.get(m).copied())
                .min();
            cards.push(SceneNode {
                id: cluster.id.clone(),
                kind: NodeKind::Cluster,
                label: fit(&cluster.name, rect.w - 30.0),
                title,
                detail: fit(&cluster.counts(), rect.w - 30.0),
                color,
                unowned: cluster.owner.is_none(),
                shared_write: cluster.members.iter().any(|m| self.shared_write(m)),
                badge,
                rect,
            });
        }
        ClusterShapes {
            cards,
            groups,
            shown_as,
        }
    }

    /// The model's edges with ends inside a folded cluster redirected to its card, merged per
    /// (from, to, kind); edges inside one cluster are hidden.
    async fn merged_edges(
        &self,
        shown_as: &BTreeMap<&str, &Cluster>,
    ) -> BTreeMap<(String, String, EdgeKind), Merged> {
        let mut merged: BTreeMap<(String, String, EdgeKind), Merged> = BTreeMap::new();
        let edges = graph::edges(self.arch);
        let mut stride = crate::pace::Stride::every(EDGES_BETWEEN_PAUSES);
        for edge in edges {
            stride.over(1).await;
            let end = |id: &str| {
                shown_as
                    .get(id)
                    .map(|c| c.id.clone())
                    .unwrap_or(id.to_string())
            };
            let (from, to) = (end(&edge.from), end(&edge.to));
            if from == to && from != edge.from {
                continue;
            }
            let owners = &self.notes.owners;
            let cross_owner = edge.kind == EdgeKind::References
                && matches!(
                    (owners.get(&edge.from), owners.get(&edge.to)),
                    (Some(x), Some(y)) if x != y
                );
            let entry = merged.entry((from, to, edge.kind)).or_insert(Merged {
                count: 0,
                cross_owner: false,
                single: None,
            });
            entry.count += 1;
            entry.cross_owner |= cross_owner;
            entry.single = (entry.count == 1).then(|| {
                format!(
                    "{} {} {}",
                    ident::display_name(&edge.from),
                    edge.kind.as_str(),
                    ident::display_name(&edge.to)
                )
            });
        }
        merged
    }

    /// The boxes with a place in the layout, as [`build`] draws them (model nodes, folded
    /// clusters' cards), in drawing order, without their texts: id, kind and rectangle.
    fn outlines(&self, folding: &fold::Folding) -> Vec<(String, NodeKind, Rect)> {
        let mut placed: Vec<(String, NodeKind, Rect)> = graph::nodes(self.arch)
            .into_iter()
            .filter(|node| node.kind != NodeKind::Cluster)
            .filter_map(|node| Some((self.layout.rect(&node.id)?, node)))
            .map(|(rect, node)| (node.id, node.kind, rect))
            .collect();
        for cluster in folding.clusters.values() {
            if self.notes.unfolded.contains(&cluster.id) {
                continue;
            }
            if let Some(rect) = self.layout.rect(&cluster.id) {
                placed.push((cluster.id.clone(), NodeKind::Cluster, rect));
            }
        }
        order::sort_by(&mut placed, |a, b| {
            (node_order(a.1), &a.0).cmp(&(node_order(b.1), &b.0))
        });
        placed
    }

    /// The drawn edges (merged, both ends placed) and the corners of each one's line, routed
    /// around the `outlines` ([`Context::outlines`]).
    async fn routes(
        &self,
        shown_as: &BTreeMap<&str, &Cluster>,
        outlines: &[(String, NodeKind, Rect)],
    ) -> (Vec<DrawnEdge>, Vec<Vec<(f64, f64)>>) {
        let merged = self.merged_edges(shown_as).await;
        crate::pace::pause().await;
        let drawn: Vec<DrawnEdge> = merged
            .into_iter()
            .filter(|((from, to, _), _)| {
                self.layout.rect(from).is_some() && self.layout.rect(to).is_some()
            })
            .collect();
        let requests: Vec<route::Request> = drawn
            .iter()
            .map(|((from, to, kind), _)| route::Request {
                from: from.clone(),
                to: to.clone(),
                // Reads and subscriptions are routed from their data end, so that a bundle
                // leaves a database as one trunk.
                reversed: matches!(kind, EdgeKind::Reads | EdgeKind::Subscribes),
            })
            .collect();
        let shapes = obstacles(outlines);
        let routes =
            route::route_paced(&shapes, &requests, self.layout.width, self.layout.height).await;
        (drawn, routes)
    }

    /// The drawn edges: merged, routed between their ends' boxes, coloured and titled.
    async fn edges(
        &self,
        folding: &fold::Folding,
        shown_as: &BTreeMap<&str, &Cluster>,
        outlines: &[(String, NodeKind, Rect)],
    ) -> Vec<SceneEdge> {
        let (drawn, routes) = self.routes(shown_as, outlines).await;
        let mut edges = Vec::with_capacity(drawn.len());
        let mut stride = crate::pace::Stride::every(EDGES_BETWEEN_PAUSES);
        for (((from, to, kind), m), corners) in drawn.into_iter().zip(routes) {
            let color = match kind {
                EdgeKind::Owns | EdgeKind::Writes => {
                    self.service_color.get(from.as_str()).map(|c| c.to_string())
                }
                _ => None,
            };
            let clustered = from.starts_with("cluster:") || to.starts_with("cluster:");
            let title = match m.single {
                Some(single) if !clustered => single,
                _ => merged_title(folding, &from, &to, kind, m.count),
            };
            edges.push(SceneEdge {
                key: format!("{from}->{to}"),
                path: path_data(&corners),
                from,
                to,
                kind,
                cross_owner: m.cross_owner,
                color,
                count: m.count,
                title,
            });
            stride.over(1).await;
        }
        edges
    }
}

/// A cluster's full name: "app-b's tables" or "schema sales".
fn cluster_title(cluster: &Cluster) -> String {
    match cluster.owner {
        Some(_) => format!("{}'s tables", cluster.name),
        None => format!("schema {}", cluster.name),
    }
}

/// The hover text of an edge standing for `count` model edges with a cluster at one end or both:
/// "app-a reads 12 tables in app-b's cluster", "3 foreign keys from the sales schema to …".
fn merged_title(
    folding: &fold::Folding,
    from: &str,
    to: &str,
    kind: EdgeKind,
    count: usize,
) -> String {
    let name = |id: &str| match folding.clusters.get(id) {
        Some(cluster) => cluster.phrase(),
        None => ident::display_name(id).into_owned(),
    };
    let plural = |one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
    match kind {
        EdgeKind::References => format!(
            "{} from {} to {}",
            plural("foreign key"),
            name(from),
            name(to)
        ),
        _ if !from.starts_with("cluster:") => format!(
            "{} {} {} in {}",
            name(from),
            kind.as_str(),
            plural("table"),
            name(to)
        ),
        _ => format!(
            "{} {} edges from {} to {}",
            count,
            kind.as_str(),
            name(from),
            name(to)
        ),
    }
}

fn describe(arch: &Architecture) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        plural(arch.services.len(), "service", "services"),
        plural(arch.tables.len(), "table", "tables"),
        plural(arch.databases.len(), "database", "databases"),
    ];
    if !arch.topics.is_empty() {
        parts.push(plural(arch.topics.len(), "topic", "topics"));
    }
    let shared: Vec<String> = arch.shared_databases().map(|d| d.name.clone()).collect();
    let mut text = format!("Coupling graph of {}.", parts.join(", "));
    if !shared.is_empty() {
        text.push_str(&format!(" Shared database: {}.", shared.join(", ")));
    }
    text
}

/// The boxes edges are routed around: every node (a cluster card with the sheets drawn below
/// it), database frames as containers.
fn obstacles(outlines: &[(String, NodeKind, Rect)]) -> Vec<route::Shape> {
    outlines
        .iter()
        .map(|(id, kind, rect)| {
            let mut rect = *rect;
            if *kind == NodeKind::Cluster {
                rect.h += CLUSTER_SHEETS;
            }
            route::Shape {
                id: id.clone(),
                rect,
                container: *kind == NodeKind::Database,
            }
        })
        .collect()
}

/// Radius of a rounded corner of an edge.
const CORNER: f64 = 6.0;

/// Path data of an orthogonal polyline with rounded corners: `M` to the first point, then for
/// each corner `L` to where its curve starts and `Q` through the corner to where it ends, and
/// `L` to the last point ([`path_points`] lists those points).
pub fn path_data(points: &[(f64, f64)]) -> String {
    let drawn = path_points(points);
    let mut d = String::new();
    let mut rest = drawn.iter();
    if let Some(first) = rest.next() {
        d = format!("M{} {}", num(first.0), num(first.1));
    }
    let corners = points.len().saturating_sub(2);
    for _ in 0..corners {
        if let (Some(before), Some(corner), Some(after)) = (rest.next(), rest.next(), rest.next()) {
            d.push_str(&format!(
                " L{} {} Q{} {} {} {}",
                num(before.0),
                num(before.1),
                num(corner.0),
                num(corner.1),
                num(after.0),
                num(after.1)
            ));
        }
    }
    for last in rest {
        d.push_str(&format!(" L{} {}", num(last.0), num(last.1)));
    }
    d
}

/// The points [`path_data`] writes for a polyline through `points`: the first point; for each
/// corner, where its curve starts, the corner itself and where the curve ends (at most
/// [`CORNER`] from it, half the way along shorter legs); the last point.
pub fn path_points(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 3);
    for (i, p) in points.iter().enumerate() {
        match (
            i.checked_sub(1).and_then(|b| points.get(b)),
            points.get(i + 1),
        ) {
            (Some(prev), Some(next)) => {
                let into = ((p.0 - prev.0).abs() + (p.1 - prev.1).abs()) / 2.0;
                let out_of = ((next.0 - p.0).abs() + (next.1 - p.1).abs()) / 2.0;
                let r = CORNER.min(into).min(out_of);
                out.push(toward(*p, *prev, r));
                out.push(*p);
                out.push(toward(*p, *next, r));
            }
            _ => out.push(*p),
        }
    }
    out
}

/// The point `r` from `from` toward `to`.
fn toward(from: (f64, f64), to: (f64, f64), r: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-9 {
        return from;
    }
    (from.0 + dx / len * r, from.1 + dy / len * r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edge_path_reads_back_as_the_runs_and_corners_it_was_written_from() {
        let edge = SceneEdge {
            key: "a->b".into(),
            from: "a".into(),
            to: "b".into(),
            kind: EdgeKind::Calls,
            path: path_data(&[(0.0, 0.0), (0.0, 100.0), (50.5, 100.0)]),
            cross_owner: false,
            color: None,
            count: 1,
            title: String::new(),
        };
        assert_eq!(
            edge.segments(),
            vec![
                Segment::Line((0.0, 0.0), (0.0, 94.0)),
                Segment::Corner((0.0, 94.0), (0.0, 100.0), (6.0, 100.0)),
                Segment::Line((6.0, 100.0), (50.5, 100.0)),
            ]
        );
        let b = edge.bounds().unwrap();
        assert_eq!((b.x, b.y, b.w, b.h), (0.0, 0.0, 50.5, 100.0));
        assert_eq!(edge.end(), Some(((6.0, 100.0), (50.5, 100.0))));
        let empty = SceneEdge {
            path: String::new(),
            ..edge
        };
        assert_eq!(
            (empty.segments(), empty.bounds(), empty.end()),
            (vec![], None, None)
        );
    }

    #[test]
    fn numbers_print_the_same_everywhere() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-0.26), "-0.3");
        assert_eq!(num(1340.5), "1340.5");
        // Far beyond any coordinate, the integer the digits are printed from is clamped.
        assert_eq!(num(1e20), "900000000000000000");
        // The same text as formatting the rounded value, on a spread of coordinates.
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.037 + 0.013;
            let rounded = (v * 10.0).round() / 10.0;
            let rounded = if rounded == 0.0 { 0.0 } else { rounded };
            let old = format!("{rounded:.1}");
            let old = old.strip_suffix(".0").map(str::to_string).unwrap_or(old);
            assert_eq!(num(v), old, "{v}");
        }
    }

    #[test]
    fn labels_are_cut_to_fit_with_an_ellipsis() {
        assert_eq!(fit("users", 100.0), "users");
        let cut = fit("a_really_long_table_name_for_testing", 100.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, CARD_FONT) <= 100.0);
        assert!(text_width(&fit("x", 1.0), CARD_FONT) > 0.0, "never empty");
        // Narrow letters fit more than wide ones in the same room.
        assert!(
            fit(&"i".repeat(40), 100.0).chars().count()
                > fit(&"W".repeat(40), 100.0).chars().count()
        );
    }

    /// The case: "payment_p2022_01" beside its column count "7" read as one word. A
    /// card's label and its detail never overlap, whatever the name.
    #[test]
    fn card_labels_never_run_into_their_counts() {
        use crate::layout::METRICS;
        for name in [
            "payment_p2022_01",
            "WWWWWWWWWWWWWWWWWWWW",
            "a",
            "таблица_заказов_2024",
            "注文明細テーブル",
        ] {
            for detail in ["7", "12", "view", "148"] {
                let room = METRICS.table.0 - 22.0 - text_width(detail, DETAIL_FONT) - LABEL_GAP;
                let label = fit(name, room);
                let label_right = 14.0 + text_width(&label, CARD_FONT);
                let detail_left = METRICS.table.0 - 8.0 - text_width(detail, DETAIL_FONT);
                assert!(
                    label_right + LABEL_GAP <= detail_left + 0.01,
                    "{label} | {detail}"
                );
            }
        }
    }
}
