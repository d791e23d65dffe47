//! SVG export of a [`Scene`]: one self-contained document (styles inlined, no external
//! references) that the page shows, the CLI's `seams render` writes and exports download.
//!
//! Architecture invariant: user-supplied names only ever reach the output through [`escape`];
//! they are text, never markup.

use crate::diagnostic::Severity;
use crate::graph::{EdgeKind, NodeKind};
use crate::scene::{self, num, Scene, SceneEdge, SceneGroup, SceneNode};
use std::fmt::Write;

/// Escapes text for SVG/XML text content and attribute values. Characters XML 1.0 does not
/// allow are replaced, so the SVG stays well-formed whatever the names: control characters
/// (other than tab and line feed) by a space, the non-characters U+FFFE and U+FFFF by U+FFFD.
/// (Rust's `char` cannot hold a surrogate, the other excluded range.)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet embedded in every SVG. Colours are CSS variables so the page can theme them.
pub const STYLE: &str = r#"
.seams-graph{--bg:#ffffff;--ink:#1b1f24;--muted:#59636e;--line:#4a5560;--db:#f3f5f7;--db-line:#aeb7c0;--card:#ffffff;--fk:#8a949e;--cross:#c62828;--warn:#d97706;--pill:#eef1f4;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.seams-graph .bg{fill:var(--bg)}
.seams-graph text{fill:var(--ink);font-size:13px}
.seams-graph .detail{fill:var(--muted);font-size:11px}
.seams-graph .svc rect.box{stroke-width:2}
.seams-graph .svc text.name{fill:#ffffff;font-weight:700;font-size:15px}
.seams-graph .svc text.detail{fill:#ffffff}
.seams-graph .svc.light text.name,.seams-graph .svc.light text.detail{fill:#1b1f24}
.seams-graph .db rect{fill:var(--db);stroke:var(--db-line);stroke-width:1.5}
.seams-graph .db text.name,.seams-graph .db-heads text.name{font-weight:700;font-size:14px}
.seams-graph .db-heads text{paint-order:stroke;stroke:var(--db);stroke-width:6px;stroke-linejoin:round;pointer-events:none}
.seams-graph .card rect.box{fill:var(--card);stroke:var(--db-line);stroke-width:1}
.seams-graph .card.shared-write rect.box{stroke:var(--warn);stroke-width:2.5;stroke-dasharray:6 3}
.seams-graph .card.view rect.box{stroke-dasharray:4 3}
.seams-graph .cluster rect.box{fill:var(--card);stroke:var(--db-line);stroke-width:1.5;cursor:pointer}
.seams-graph .cluster rect.sheet{fill:var(--card);stroke:var(--db-line);stroke-width:1}
.seams-graph .cluster.shared-write rect.box{stroke:var(--warn);stroke-width:2.5;stroke-dasharray:6 3}
.seams-graph .cluster text.name{font-weight:700;font-size:14px}
.seams-graph .cluster text.hint{fill:var(--muted);font-size:11px}
.seams-graph .fold-frame rect.frame{fill:none;stroke:var(--db-line);stroke-width:1.5;stroke-dasharray:5 4}
.seams-graph .fold-frame rect.head{fill:transparent;cursor:pointer}
.seams-graph .fold-frame text{font-size:12px;font-weight:600}
.seams-graph .fold-frame text.hint{fill:var(--muted);font-weight:400;cursor:pointer}
.seams-graph .pill rect{fill:var(--pill);stroke:var(--line);stroke-width:1.2}
.seams-graph .pill.library rect{fill:var(--card);stroke-dasharray:4 2}
.seams-graph path.edge{fill:none;stroke:var(--line)}
.seams-graph .edge.writes{stroke-width:3}
.seams-graph .edge.reads{stroke-width:1.4;stroke-dasharray:6 4}
.seams-graph .edge.owns{stroke-width:1;stroke-dasharray:1 5;stroke-linecap:round;stroke-opacity:.7}
.seams-graph .edge.references{stroke:var(--fk);stroke-width:1.2}
.seams-graph .edge.references.cross{stroke:var(--cross);stroke-width:2.6}
.seams-graph .edge.calls{stroke-width:2;stroke-dasharray:10 3 2 3}
.seams-graph .edge.publishes{stroke-width:1.8}
.seams-graph .edge.subscribes{stroke-width:1.8;stroke-dasharray:3 3}
.seams-graph .edge.models{stroke-width:1.2;stroke-dasharray:2 3}
.seams-graph .badge circle{stroke:#ffffff;stroke-width:1.5}
.seams-graph .badge.error circle{fill:#c62828}
.seams-graph .badge.warning circle{fill:#b45309}
.seams-graph .badge.info circle{fill:#1565c0}
.seams-graph .badge text{fill:#ffffff;font-size:11px;font-weight:700}
.seams-graph marker path{stroke:none;fill:var(--line)}
.seams-graph marker .open{fill:none;stroke:var(--line);stroke-width:1.5}
.seams-graph marker .cross{fill:var(--cross)}
"#;

fn markers(out: &mut String, prefix: &str) {
    let start = out.len();
    out.push_str("<defs>");
    // Filled triangle: writes, calls, publishes.
    out.push_str(r#"<marker id="m-solid" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>"#);
    // Open chevron: reads, subscribes.
    out.push_str(r#"<marker id="m-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="open" d="M1 1L9 5L1 9"/></marker>"#);
    // Small bar: foreign keys (the referenced side).
    out.push_str(r#"<marker id="m-bar" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M6 0H9V10H6z"/></marker>"#);
    out.push_str(r#"<marker id="m-bar-cross" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path class="cross" d="M6 0H9V10H6z"/></marker>"#);
    // Diamond: ORM models.
    out.push_str(r#"<marker id="m-diamond" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 5L5 0L10 5L5 10z"/></marker>"#);
    // Dot: ownership.
    out.push_str(r#"<marker id="m-dot" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5"><circle cx="5" cy="5" r="4"/></marker>"#);
    out.push_str("</defs>");
    if !prefix.is_empty() {
        let defs = out.split_off(start);
        out.push_str(&defs.replace("id=\"m-", &format!("id=\"{prefix}m-")));
    }
}

fn marker_of(edge: &SceneEdge) -> &'static str {
    marker_for(edge.kind, edge.cross_owner)
}

fn marker_for(kind: EdgeKind, cross_owner: bool) -> &'static str {
    match kind {
        EdgeKind::Writes | EdgeKind::Calls | EdgeKind::Publishes => "m-solid",
        EdgeKind::Reads | EdgeKind::Subscribes => "m-open",
        EdgeKind::References if cross_owner => "m-bar-cross",
        EdgeKind::References => "m-bar",
        EdgeKind::Models => "m-diamond",
        EdgeKind::Owns => "m-dot",
    }
}

fn edge_svg(out: &mut String, edge: &SceneEdge) {
    let cross = if edge.cross_owner { " cross" } else { "" };
    let stroke = edge
        .color
        .as_deref()
        .map(|c| format!(r#" style="stroke:{}""#, escape(c)))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<path class="edge {kind}{cross}" data-edge="{key}" data-kind="{kind}" d="{d}" marker-end="url(#{marker})"{stroke}><title>{title}</title></path>"#,
        kind = edge.kind.as_str(),
        key = escape(&edge.key),
        title = escape(&edge.title),
        d = edge.path,
        marker = marker_of(edge),
    );
}

/// `base` plus the classes for a table-like node's ownership state (`shared-write`, `unowned`).
fn with_states(base: &str, node: &SceneNode) -> String {
    let mut class = String::from(base);
    if node.shared_write {
        class.push_str(" shared-write");
    }
    if node.unowned {
        class.push_str(" unowned");
    }
    class
}

fn badge(out: &mut String, node: &SceneNode) {
    let Some(severity) = node.badge else { return };
    let (class, mark) = match severity {
        Severity::Error => ("error", "!"),
        Severity::Warning => ("warning", "!"),
        Severity::Info => ("info", "i"),
    };
    let (x, y) = (node.rect.x + node.rect.w - 2.0, node.rect.y + 2.0);
    let _ = write!(
        out,
        r#"<g class="badge {class}"><circle cx="{x}" cy="{y}" r="8"/><text x="{x}" y="{ty}" text-anchor="middle">{mark}</text></g>"#,
        x = num(x),
        y = num(y),
        ty = num(y + 4.0),
    );
}

/// A database's header texts: its name on the left, its count on the right.
fn database_head(out: &mut String, node: &SceneNode) {
    let r = &node.rect;
    let _ = write!(
        out,
        r#"<text class="name" x="{tx}" y="{ty}">{label}</text><text class="detail" x="{dx}" y="{ty}" text-anchor="end">{detail}</text>"#,
        tx = num(r.x + 16.0),
        ty = num(r.y + 21.0),
        dx = num(r.right() - 16.0),
        label = escape(&node.label),
        detail = escape(&node.detail),
    );
}

fn node_svg(out: &mut String, node: &SceneNode) {
    let r = &node.rect;
    let (x, y, w, h) = (num(r.x), num(r.y), num(r.w), num(r.h));
    let id = escape(&node.id);
    let kind = node.kind.as_str();
    let title = escape(&node.title);
    match node.kind {
        NodeKind::Database => {
            let _ = write!(
                out,
                r#"<g class="db" data-node="{id}" data-kind="{kind}"><title>{title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="14"/>"#,
            );
            database_head(out, node);
            out.push_str("</g>");
        }
        NodeKind::Service => {
            let class = if scene::label_ink(&node.color) == scene::DARK_INK {
                "svc light"
            } else {
                "svc"
            };
            let color = escape(&node.color);
            let _ = write!(
                out,
                r#"<g class="{class}" data-node="{id}" data-kind="{kind}" tabindex="0"><title>{title}</title><rect class="box" x="{x}" y="{y}" width="{w}" height="{h}" rx="12" style="fill:{color};stroke:{color}"/><text class="name" x="{tx}" y="{ny}">{label}</text>"#,
                tx = num(r.x + 12.0),
                ny = num(r.y + 25.0),
                label = escape(&node.label),
            );
            // No empty element for a service without a detail line: a large picture's
            // elements are what the browser's layout of it costs.
            if !node.detail.is_empty() {
                let _ = write!(
                    out,
                    r#"<text class="detail" x="{tx}" y="{dy}">{detail}</text>"#,
                    tx = num(r.x + 12.0),
                    dy = num(r.y + 45.0),
                    detail = escape(&node.detail),
                );
            }
            badge(out, node);
            out.push_str("</g>");
        }
        NodeKind::Table | NodeKind::View => {
            let base = if node.kind == NodeKind::View {
                "card view"
            } else {
                "card"
            };
            let class = with_states(base, node);
            let _ = write!(
                out,
                r#"<g class="{class}" data-node="{id}" data-kind="{kind}" tabindex="0"><title>{title}</title><rect class="box" x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/><rect class="stripe" x="{x}" y="{y}" width="6" height="{h}" rx="2" style="fill:{color}"/><text class="name" x="{tx}" y="{ty}">{label}</text><text class="detail" x="{dx}" y="{ty}" text-anchor="end">{detail}</text>"#,
                color = escape(&node.color),
                tx = num(r.x + 14.0),
                ty = num(r.y + 21.0),
                dx = num(r.right() - 8.0),
                label = escape(&node.label),
                detail = escape(&node.detail),
            );
            badge(out, node);
            out.push_str("</g>");
        }
        NodeKind::Cluster => {
            // A stack of cards: two sheets peek out behind the front card.
            let class = with_states("cluster", node);
            let _ = write!(
                out,
                r#"<g class="{class}" data-node="{id}" data-kind="{kind}" tabindex="0" role="button" aria-label="Unfold {title}"><title>{title} (click to unfold)</title><rect class="box" x="{x}" y="{y}" width="{w}" height="{h}" rx="8"/><rect class="sheet" x="{x1}" y="{y1}" width="{w}" height="4" rx="2"/><rect class="sheet" x="{x2}" y="{y2}" width="{w}" height="4" rx="2"/><rect class="stripe" x="{x}" y="{y}" width="10" height="{h}" rx="3" style="fill:{color}"/><text class="name" x="{tx}" y="{ny}">{label}</text><text class="detail" x="{tx}" y="{dy}">{detail}</text><text class="hint" x="{hx}" y="{dy}" text-anchor="end">+</text>"#,
                x1 = num(r.x + 4.0),
                y1 = num(r.bottom()),
                x2 = num(r.x + 8.0),
                y2 = num(r.bottom() + 4.0),
                color = escape(&node.color),
                tx = num(r.x + 20.0),
                ny = num(r.y + 25.0),
                dy = num(r.y + 46.0),
                hx = num(r.right() - 10.0),
                label = escape(&node.label),
                detail = escape(&node.detail),
            );
            badge(out, node);
            out.push_str("</g>");
        }
        NodeKind::Topic | NodeKind::Api | NodeKind::Library => {
            let stroke = if node.color.is_empty() {
                String::new()
            } else {
                format!(r#" style="stroke:{}""#, escape(&node.color))
            };
            let _ = write!(
                out,
                r#"<g class="pill {kind}" data-node="{id}" data-kind="{kind}" tabindex="0"><title>{title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}"{stroke}/><text x="{tx}" y="{ty}" text-anchor="middle">{label}</text>"#,
                // A library is a box with small corners (a package of code), a pill not.
                rx = num(if node.kind == NodeKind::Library {
                    4.0
                } else {
                    r.h / 2.0
                }),
                tx = num(r.cx()),
                ty = num(r.y + r.h / 2.0 + 4.5),
                label = escape(&node.label),
            );
            badge(out, node);
            out.push_str("</g>");
        }
    }
}

/// The frame of an unfolded cluster: a dashed outline with a header; clicking it folds again.
fn group_svg(out: &mut String, group: &SceneGroup) {
    let r = &group.rect;
    let _ = write!(
        out,
        r#"<g class="fold-frame" data-fold="{id}" tabindex="0" role="button" aria-label="Fold {title}"><title>{title} (click to fold)</title><rect class="frame" x="{x}" y="{y}" width="{w}" height="{h}" rx="10"/><rect class="head" x="{x}" y="{y}" width="{w}" height="{head}" rx="10"/><rect class="stripe" x="{x}" y="{y}" width="6" height="{h}" rx="3" style="fill:{color}"/><text x="{tx}" y="{ty}">{label}</text><text class="hint" x="{hx}" y="{ty}" text-anchor="end">− fold</text></g>"#,
        id = escape(&group.id),
        title = escape(&group.title),
        x = num(r.x),
        y = num(r.y),
        w = num(r.w),
        h = num(r.h),
        color = escape(&group.color),
        tx = num(r.x + 16.0),
        ty = num(r.y + 19.0),
        hx = num(r.right() - 12.0),
        head = num(scene::GROUP_HEAD),
        label = escape(&group.label),
    );
}

/// Renders `scene` as a standalone SVG document.
pub fn render(scene: &Scene) -> String {
    let mut out = String::with_capacity(256 + scene.nodes.len() * 400 + scene.edges.len() * 200);
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="seams-graph" role="img" aria-label="Coupling graph" data-stage="{stage}" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>Coupling graph</title><desc>{desc}</desc><style>{STYLE}</style>"#,
        stage = scene.stage,
        desc = escape(&scene.description),
    );
    markers(&mut out, "");
    let _ = write!(
        out,
        r#"<g class="viewport"><rect class="bg" x="0" y="0" width="{w}" height="{h}"/>"#
    );
    out.push_str(r#"<g class="layer-databases">"#);
    for node in scene.nodes.iter().filter(|n| n.kind == NodeKind::Database) {
        node_svg(&mut out, node);
    }
    for group in &scene.groups {
        group_svg(&mut out, group);
    }
    out.push_str(r#"</g><g class="layer-edges">"#);
    for edge in &scene.edges {
        edge_svg(&mut out, edge);
    }
    // Lines enter a database through its header: its texts again above them, each with a
    // halo of the frame's fill, so a line passing under a name breaks around it instead of
    // striking it through (the texts in the frame's group stay for the page's morph).
    out.push_str(r#"</g><g class="db-heads" aria-hidden="true">"#);
    for node in scene.nodes.iter().filter(|n| n.kind == NodeKind::Database) {
        database_head(&mut out, node);
    }
    out.push_str(r#"</g><g class="layer-nodes">"#);
    for node in scene.nodes.iter().filter(|n| n.kind != NodeKind::Database) {
        node_svg(&mut out, node);
    }
    out.push_str("</g></g></svg>");
    out
}

/// The page's layer above a large picture drawn on canvas (`src/picture_canvas.rs`): an SVG of
/// the scene's size with the stylesheet and the markers, and an empty `overlay` group that
/// [`overlay_content`] fills with what a hover or a selection lights, drawn as in [`render`].
pub fn overlay(scene: &Scene) -> String {
    let (w, h) = (num(scene.width), num(scene.height));
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="seams-graph picture-overlay" aria-hidden="true" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><style>{STYLE}</style>"#
    );
    markers(&mut out, "");
    out.push_str(r#"<g class="overlay"></g></svg>"#);
    out
}

/// The lit part of a large picture, for [`overlay`]'s group: `edges` as copies in a
/// `layer-lit` group (no `data-edge`, like the hover's copies in an SVG picture) under `nodes`.
pub fn overlay_content(nodes: &[&SceneNode], edges: &[&SceneEdge]) -> String {
    let mut out = String::from(r#"<g class="layer-lit">"#);
    for edge in edges {
        let mut one = String::new();
        edge_svg(&mut one, edge);
        out.push_str(&one.replacen(" data-edge=", " data-lit=", 1));
    }
    out.push_str(r#"</g><g class="layer-nodes">"#);
    for node in nodes {
        node_svg(&mut out, node);
    }
    out.push_str("</g>");
    out
}

/// What an exported picture says about itself, above the drawing: which stage it is, its score
/// and what the stage did. Built by `pipeline::title_block` from an analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleBlock {
    /// The first line, e.g. "Stage 2 · Ownership and access rules".
    pub title: String,
    /// The score line, e.g. "Score 45 / 100 (+16 over stage 1)".
    pub score: String,
    /// The stage's caption (wrapped to the picture's width).
    pub caption: String,
}

/// Margin around the title block and the legend.
const FRAME_PAD: f64 = 24.0;
/// The narrowest framed picture: room for the title block and a legend row.
const FRAME_MIN_WIDTH: f64 = 640.0;
/// Average advance of a 13 px system-ui glyph, for wrapping the caption and placing legend items.
const FRAME_GLYPH: f64 = 7.0;
/// Height of one legend row.
const LEGEND_ROW: f64 = 22.0;
/// Length of a legend's line sample.
const LEGEND_SAMPLE: f64 = 44.0;

/// The line styles a legend explains, in reading order; the bool is a cross-owner foreign key.
/// The page's legend and the exports' list the same.
pub const LEGEND_ORDER: [(EdgeKind, bool); 9] = [
    (EdgeKind::Writes, false),
    (EdgeKind::Reads, false),
    (EdgeKind::Owns, false),
    (EdgeKind::References, false),
    (EdgeKind::References, true),
    (EdgeKind::Calls, false),
    (EdgeKind::Publishes, false),
    (EdgeKind::Subscribes, false),
    (EdgeKind::Models, false),
];

/// What a legend says of a line style: the edge kind's meaning, or the cross-owner foreign key.
pub fn legend_meaning(kind: EdgeKind, cross_owner: bool) -> &'static str {
    if cross_owner {
        "foreign key across owners"
    } else {
        edge_meaning(kind)
    }
}

/// `text` cut into lines of at most `columns` characters at spaces (a longer word stays whole).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The legend's entries for `scene`: the line styles it draws, and the dashed card of a table
/// several services write when it has one.
fn legend_entries(scene: &Scene) -> Vec<((EdgeKind, bool), String)> {
    LEGEND_ORDER
        .iter()
        .filter(|(kind, cross)| {
            scene.edges.iter().any(|e| {
                e.kind == *kind && (*kind != EdgeKind::References || e.cross_owner == *cross)
            })
        })
        .map(|&(kind, cross)| ((kind, cross), legend_meaning(kind, cross).to_string()))
        .collect()
}

/// The exported form of a stage's picture: `picture` (the SVG [`render`] made of `scene`) under
/// a title block (stage, score, caption) and over a legend of the line styles it uses, so a
/// reader of a slide or a document can tell what it shows without the page. One
/// self-contained SVG document; the picture keeps its own styles and coordinates.
pub fn framed(scene: &Scene, picture: &str, block: &TitleBlock) -> Framed {
    let width = scene.width.max(FRAME_MIN_WIDTH);
    let columns = ((width - 2.0 * FRAME_PAD) / FRAME_GLYPH).max(20.0) as usize;
    let caption = wrap(&block.caption, columns);
    let mut out = String::with_capacity(picture.len() + 4096);
    // The title block: title, score, caption lines.
    let mut head = String::new();
    let mut y = FRAME_PAD + 18.0;
    let mut line = |class: &str, y: f64, text: &str| {
        let _ = write!(
            head,
            r#"<text class="{class}" x="{x}" y="{y}">{text}</text>"#,
            x = num(FRAME_PAD),
            y = num(y),
            text = escape(text),
        );
    };
    line("frame-title", y, &block.title);
    y += 22.0;
    line("frame-score", y, &block.score);
    for text in &caption {
        y += 19.0;
        line("frame-caption", y, text);
    }
    let picture_top = y + FRAME_PAD * 0.5;
    // The legend, in rows that wrap at the frame's width.
    let mut legend = String::new();
    let (mut lx, mut ly) = (FRAME_PAD, picture_top + scene.height + FRAME_PAD);
    for ((kind, cross), meaning) in legend_entries(scene) {
        let item = LEGEND_SAMPLE + 8.0 + meaning.chars().count() as f64 * FRAME_GLYPH * 0.9 + 20.0;
        if lx > FRAME_PAD && lx + item > width - FRAME_PAD {
            lx = FRAME_PAD;
            ly += LEGEND_ROW;
        }
        let _ = write!(
            legend,
            r#"<path class="edge {kind}{cross_class}" d="M{x0} {y}H{x1}" marker-end="url(#lg-{marker})"/><text class="frame-legend" x="{tx}" y="{ty}">{meaning}</text>"#,
            kind = kind.as_str(),
            cross_class = if cross { " cross" } else { "" },
            x0 = num(lx),
            x1 = num(lx + LEGEND_SAMPLE),
            y = num(ly),
            marker = marker_for(kind, cross),
            tx = num(lx + LEGEND_SAMPLE + 8.0),
            ty = num(ly + 4.0),
            meaning = escape(&meaning),
        );
        lx += item;
    }
    // A shared model library is the one node drawn that the cards and pills do not explain.
    if scene.nodes.iter().any(|n| n.kind == NodeKind::Library) {
        let meaning = "shared model library";
        let item = LEGEND_SAMPLE + 8.0 + meaning.chars().count() as f64 * FRAME_GLYPH * 0.9;
        if lx > FRAME_PAD && lx + item > width - FRAME_PAD {
            lx = FRAME_PAD;
            ly += LEGEND_ROW;
        }
        let _ = write!(
            legend,
            r#"<g class="pill library"><rect x="{x}" y="{y}" width="{w}" height="12" rx="3"/></g><text class="frame-legend" x="{tx}" y="{ty}">{meaning}</text>"#,
            x = num(lx),
            y = num(ly - 6.0),
            w = num(LEGEND_SAMPLE),
            tx = num(lx + LEGEND_SAMPLE + 8.0),
            ty = num(ly + 4.0),
        );
    }
    let height = ly + LEGEND_ROW;
    let (w, h) = (num(width), num(height));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="seams-graph seams-export" role="img" aria-label="{label}" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>{label}</title><style>{FRAME_STYLE}</style>"#,
        label = escape(&block.title),
    );
    markers(&mut out, "lg-");
    let _ = write!(
        out,
        r#"<rect class="bg" x="0" y="0" width="{w}" height="{h}"/>{head}<g transform="translate({px} {py})">{picture}</g>{legend}</svg>"#,
        px = num(((width - scene.width) / 2.0).max(0.0)),
        py = num(picture_top),
    );
    Framed {
        svg: out,
        width,
        height,
    }
}

/// A framed picture: the SVG text and its size (a PNG export draws it at a multiple of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Framed {
    /// The SVG document.
    pub svg: String,
    /// Its width in user units (pixels).
    pub width: f64,
    /// Its height.
    pub height: f64,
}

/// The title block's and legend's styles (the picture inside brings [`STYLE`]).
const FRAME_STYLE: &str = ".seams-export .frame-title{font-size:18px;font-weight:700}.seams-export .frame-score{font-size:14px;font-weight:600}.seams-export .frame-caption{font-size:13px;fill:var(--muted)}.seams-export .frame-legend{font-size:12px;fill:var(--muted)}";

/// What each edge kind means, for legends.
pub fn edge_meaning(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Writes => "writes (service → table)",
        EdgeKind::Reads => "reads (table → service)",
        EdgeKind::Owns => "owns",
        EdgeKind::References => "foreign key",
        EdgeKind::Calls => "calls (service → API)",
        EdgeKind::Publishes => "publishes (service → topic)",
        EdgeKind::Subscribes => "subscribes (topic → service)",
        EdgeKind::Models => "ORM model (service → table, or via a shared library)",
    }
}

/// A small standalone SVG sample of one edge kind's line and arrowhead, for the legend.
/// `cross_owner` draws the bold red foreign key between tables of different owners.
pub fn legend_sample(kind: EdgeKind, cross_owner: bool) -> String {
    let mut out = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="seams-graph" width="48" height="14" viewBox="0 0 48 14" aria-hidden="true">"#,
    );
    let prefix = format!(
        "lg-{}{}-",
        kind.as_str(),
        if cross_owner { "-x" } else { "" }
    );
    markers(&mut out, &prefix);
    let cross = if cross_owner { " cross" } else { "" };
    let _ = write!(
        out,
        r#"<path class="edge {kind}{cross}" d="M3 7H42" marker-end="url(#{prefix}{marker})"/></svg>"#,
        kind = kind.as_str(),
        marker = marker_for(kind, cross_owner),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.x relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    /// WCAG contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The value of `--name` in [`STYLE`]'s custom properties.
    fn var(name: &str) -> &'static str {
        let at = STYLE.find(&format!("--{name}:")).unwrap() + name.len() + 3;
        &STYLE[at..at + 7]
    }

    #[test]
    fn contrast_matches_known_ratios() {
        assert!((contrast("#ffffff", "#000000") - 21.0).abs() < 1e-9);
        // The issue's measurement: white on the orange fill.
        assert!((contrast("#ffffff", "#E69F00") - 2.3).abs() < 0.05);
    }

    /// Every text the picture draws meets WCAG AA (4.5:1): service labels on every palette
    /// fill, badge marks on their circles, and the ink and muted text on the light theme's
    /// backgrounds (the page's dark theme overrides are in styles/main.css).
    #[test]
    fn palette_text_meets_wcag_aa() {
        for fill in scene::PALETTE.iter().chain([&scene::UNOWNED]) {
            let ink = scene::label_ink(fill);
            let ratio = contrast(ink, fill);
            assert!(
                ratio >= 4.5,
                "label {ink} on service fill {fill}: {ratio:.2}:1"
            );
            let other = if ink == scene::DARK_INK {
                scene::LIGHT_INK
            } else {
                scene::DARK_INK
            };
            assert!(
                ratio >= contrast(other, fill),
                "{ink} is the better ink on {fill}"
            );
        }
        for severity in ["error", "warning", "info"] {
            let rule = format!(".badge.{severity} circle{{fill:");
            let at = STYLE.find(&rule).unwrap() + rule.len();
            let fill = &STYLE[at..at + 7];
            let ratio = contrast("#ffffff", fill);
            assert!(
                ratio >= 4.5,
                "badge mark on {severity} {fill}: {ratio:.2}:1"
            );
        }
        for text in ["ink", "muted"] {
            for ground in ["bg", "card", "db", "pill"] {
                let ratio = contrast(var(text), var(ground));
                assert!(ratio >= 4.5, "--{text} on --{ground}: {ratio:.2}:1");
            }
        }
        assert!(STYLE
            .contains(".svc.light text.name,.seams-graph .svc.light text.detail{fill:#1b1f24}"));
        assert_eq!(scene::DARK_INK, "#1b1f24");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert(1)">&'"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;"
        );
        assert_eq!(escape("a\u{0}b"), "a b");
    }

    /// Every character XML 1.0 allows: tab, line feed, carriage return, U+0020–U+D7FF,
    /// U+E000–U+FFFD and U+10000–U+10FFFF (the `Char` production).
    fn xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }

    #[test]
    fn replaces_every_character_xml_does_not_allow() {
        let hostile: String = (0u32..0x110000)
            .filter_map(char::from_u32)
            .filter(|&c| !xml_char(c))
            .collect();
        assert!(
            hostile.contains('\u{FFFE}')
                && hostile.contains('\u{FFFF}')
                && hostile.contains('\u{1}')
        );
        let escaped = escape(&format!("users{hostile}"));
        assert!(escaped.chars().all(xml_char), "{escaped:?}");
        assert!(escaped.starts_with("users"));
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        // Allowed neighbours are kept as they are.
        assert_eq!(
            escape("\u{FFFD}\u{E000}\u{10FFFF}é"),
            "\u{FFFD}\u{E000}\u{10FFFF}é"
        );
    }

    #[test]
    fn captions_wrap_at_spaces_and_keep_long_words_whole() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        assert!(wrap("   ", 10).is_empty());
    }

    fn edge(kind: EdgeKind, cross_owner: bool) -> SceneEdge {
        SceneEdge {
            key: "a->b".into(),
            from: "a".into(),
            to: "b".into(),
            kind,
            path: "M0 0H10".into(),
            cross_owner,
            color: None,
            count: 1,
            title: String::new(),
        }
    }

    fn scene(edges: Vec<SceneEdge>) -> Scene {
        Scene {
            stage: 2,
            width: 300.0,
            height: 200.0,
            nodes: Vec::new(),
            edges,
            groups: Vec::new(),
            description: String::new(),
        }
    }

    #[test]
    fn a_framed_picture_names_its_stage_and_explains_only_the_lines_it_draws() {
        let scene = scene(vec![
            edge(EdgeKind::Reads, false),
            edge(EdgeKind::References, true),
        ]);
        let block = TitleBlock {
            title: "Stage 2 · <Ownership>".into(),
            score: "Score 45 / 100 (+16 over stage 1)".into(),
            caption: "word ".repeat(60),
        };
        let picture = render(&scene);
        let framed = framed(&scene, &picture, &block);
        let svg = &framed.svg;
        assert!(svg.contains(&picture), "the drawing is inside, unchanged");
        assert!(
            svg.contains("Stage 2 · &lt;Ownership&gt;"),
            "the title is escaped"
        );
        assert!(svg.contains("Score 45 / 100 (+16 over stage 1)"));
        // The caption wraps into several lines within the frame.
        assert!(svg.matches("class=\"frame-caption\"").count() >= 3, "{svg}");
        // The legend explains what is drawn, and nothing else.
        assert!(svg.contains(edge_meaning(EdgeKind::Reads)));
        assert!(svg.contains("foreign key across owners"));
        assert!(!svg.contains(edge_meaning(EdgeKind::Publishes)));
        assert!(!svg.contains(&format!(">{}<", edge_meaning(EdgeKind::References))));
        // Narrow pictures get the frame's minimum width; the size covers all three parts.
        assert_eq!(framed.width, FRAME_MIN_WIDTH);
        assert!(framed.height > scene.height + 100.0);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.chars().all(xml_char));
    }

    #[test]
    fn a_shared_model_library_is_drawn_as_a_quiet_box_and_listed_in_the_legend() {
        let mut with_library = scene(vec![edge(EdgeKind::Models, false)]);
        with_library.nodes.push(SceneNode {
            id: "library:shared-models".into(),
            kind: NodeKind::Library,
            rect: crate::layout::Rect {
                x: 10.0,
                y: 10.0,
                w: 150.0,
                h: 26.0,
            },
            label: "shared-models".into(),
            title: "shared-models: shared java model library".into(),
            detail: String::new(),
            color: String::new(),
            unowned: false,
            shared_write: false,
            badge: None,
        });
        let picture = render(&with_library);
        assert!(picture.contains(
            r#"<g class="pill library" data-node="library:shared-models" data-kind="library""#
        ));
        assert!(picture.contains(r#"rx="4""#));
        let framed = framed(&with_library, &picture, &TitleBlock::default()).svg;
        assert!(framed.contains(">shared model library<"));
        let without = framed_without_library();
        assert!(!without.contains(">shared model library<"));
    }

    fn framed_without_library() -> String {
        framed(
            &scene(vec![edge(EdgeKind::Models, false)]),
            "",
            &TitleBlock::default(),
        )
        .svg
    }

    #[test]
    fn a_wide_legend_wraps_into_rows() {
        let all: Vec<SceneEdge> = LEGEND_ORDER
            .iter()
            .map(|&(kind, cross)| edge(kind, cross))
            .collect();
        let narrow = framed(&scene(all.clone()), "", &TitleBlock::default());
        let mut wide_scene = scene(all);
        wide_scene.width = 3000.0;
        let wide = framed(&wide_scene, "", &TitleBlock::default());
        assert_eq!(
            narrow.svg.matches("frame-legend").count(),
            1 + LEGEND_ORDER.len()
        );
        assert!(
            narrow.height > wide.height,
            "{} vs {}",
            narrow.height,
            wide.height
        );
    }
}
