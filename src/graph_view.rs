//! The graph: the core's SVG shown in a pannable, zoomable frame. Hover a node to highlight its
//! edges, click it to inspect it. Pan and zoom move a CSS transform, never re-render the SVG.
//! In a large database, click a cluster card to unfold it and its frame's header to fold it
//! again; the stage is then re-drawn by `seams_core::pipeline::render_stage` with the store's
//! `unfolded` set. The search box above the graph finds, unfolds, selects and centres a node.
//!
//! The SVG text comes whole from `seams_core::svg::render` (names escaped there), so the page,
//! the CLI and exports show the same bytes.

use crate::picture_canvas::{self, Palette, Placement, Prepared, Preparing};
use crate::search::SearchBox;
use crate::store::{use_store, Store};
use leptos::html;
use leptos::prelude::*;
use seams_core::evolution::ChangeKind;
use seams_core::graph::NodeKind;
use seams_core::ident;
use seams_core::layout::Rect;
use seams_core::number::fixed;
use seams_core::order::Collect;
use seams_core::pipeline::{
    cluster_of, render_stage, render_stage_paced, Analysis, RenderedStage, ViewOptions,
};
use seams_core::svg::{legend_meaning, legend_sample, LEGEND_ORDER};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// Pan and zoom: translation in pixels and scale.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    x: f64,
    y: f64,
    k: f64,
}

const MIN_ZOOM: f64 = 0.05;
const MAX_ZOOM: f64 = 4.0;
/// "Fit" enlarges a small picture at most this much, except while presenting (up to
/// [`MAX_ZOOM`]: the picture is what the room looks at).
const FIT_ZOOM: f64 = 2.0;

/// How far the controls drawn over the graph's frame reach into it, from its top (the search
/// box and the zoom bar) and from its bottom (the closed legend); 0 for a control that is not
/// shown (as while presenting), and at most a third of the frame each, so a small screen still
/// shows the picture. "Fit" keeps the picture clear of them: a tall picture fitted to the whole
/// frame had its services under the zoom bar.
fn covered(frame: &web_sys::Element) -> (f64, f64) {
    let r = frame.get_bounding_client_rect();
    let Some(wrap) = frame.parent_element() else {
        return (0.0, 0.0);
    };
    let shown = |selector: &str| {
        wrap.query_selector(selector)
            .ok()
            .flatten()
            .map(|el| el.get_bounding_client_rect())
            .filter(|b| b.height() > 0.0)
    };
    let top = [".zoom", ".graph-search"]
        .into_iter()
        .filter_map(shown)
        .map(|b| b.bottom() - r.top())
        .fold(0.0, f64::max);
    let bottom = shown(".legend:not([open])").map_or(0.0, |b| r.bottom() - b.top());
    // `max` and `min`, not `clamp`: clamp's check formats floats, 9 KB of the page's wasm.
    let most = r.height() / 3.0;
    (top.max(0.0).min(most), bottom.max(0.0).min(most))
}

/// The id of the graph node under an event, from its `data-node` ancestor.
fn node_under(ev: &web_sys::Event) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("[data-node]")
        .ok()??
        .get_attribute("data-node")
}

/// What a click or Enter on `ev`'s target does to the fold state: a cluster card unfolds
/// (`Unfold`), an unfolded cluster's frame folds (`Fold`).
enum FoldAction {
    Unfold(String),
    Fold(String),
}

fn fold_action(ev: &web_sys::Event) -> Option<FoldAction> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    if let Some(frame) = target.closest("[data-fold]").ok()? {
        return frame.get_attribute("data-fold").map(FoldAction::Fold);
    }
    let node = target.closest("[data-kind=\"cluster\"]").ok()??;
    node.get_attribute("data-node").map(FoldAction::Unfold)
}

/// The view that puts `rect` (scene units) in the middle of a `width`×`height` frame, zoomed in
/// to at least 1:1 so a found table is readable.
fn centred(rect: &Rect, width: f64, height: f64, zoom: f64) -> View {
    let k = zoom.max(1.0).clamp(MIN_ZOOM, MAX_ZOOM);
    View {
        x: width / 2.0 - rect.cx() * k,
        y: height / 2.0 - rect.cy() * k,
        k,
    }
}

/// `value` as a quoted CSS string, for an attribute selector: ids come from the user's names.
fn css_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The drawn edges that start or end at node `id`, found by the browser's selector engine
/// rather than by reading every edge's key: a hover must cost the edges it touches, not the
/// thousands a large picture draws.
fn edges_touching(frame: &web_sys::Element, id: &str) -> Vec<web_sys::Element> {
    let selector = format!(
        "[data-edge^={}], [data-edge$={}]",
        css_string(&format!("{id}->")),
        css_string(&format!("->{id}"))
    );
    elements(frame, &selector)
}

/// Lights node `id` and its edges (or nothing), and marks the frame as hovering. The edge layer
/// dims as a whole (one style change, not one per edge) and copies of the lit edges are drawn
/// above it, in a layer of their own under the nodes.
fn highlight(frame: &web_sys::Element, id: Option<&str>) {
    // A database's frame lies under its tables: crossing it between two tables must not dim
    // every edge, and it has none of its own to light.
    let id = id.filter(|id| !id.starts_with("db:"));
    let lit = frame.query_selector(".layer-lit").ok().flatten();
    if lit
        .as_ref()
        .and_then(|l| l.get_attribute("data-for"))
        .as_deref()
        == id
        && frame.class_list().contains("hovering") == id.is_some()
    {
        return;
    }
    let _ = frame
        .class_list()
        .toggle_with_force("hovering", id.is_some());
    if let Some(layer) = &lit {
        layer.remove();
    }
    for el in elements(frame, "[data-node].hl") {
        let _ = el.class_list().remove_1("hl");
    }
    let Some(id) = id else { return };
    for el in elements(frame, &format!("[data-node={}]", css_string(id))) {
        let _ = el.class_list().add_1("hl");
    }
    let (Ok(Some(edges)), Some(document)) = (
        frame.query_selector(".layer-edges"),
        web_sys::window().and_then(|w| w.document()),
    ) else {
        return;
    };
    let Ok(layer) = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "g") else {
        return;
    };
    let _ = layer.set_attribute("class", "layer-lit");
    let _ = layer.set_attribute("aria-hidden", "true");
    let _ = layer.set_attribute("data-for", id);
    for edge in edges_touching(frame, id) {
        let Some(copy) = edge
            .clone_node()
            .ok()
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        // A copy is not part of the graph: keep it out of `[data-edge]` queries.
        let _ = copy.remove_attribute("data-edge");
        let _ = copy.class_list().add_1("hl");
        let _ = layer.append_child(&copy);
    }
    if let Some(parent) = edges.parent_node() {
        let _ = parent.insert_before(&layer, edges.next_sibling().as_ref());
    }
}

/// The ids at the other end of the edges touching `id`, read from the drawn picture.
fn neighbours(frame: &web_sys::Element, id: &str) -> Vec<String> {
    edges_touching(frame, id)
        .into_iter()
        .filter_map(|el| el.get_attribute("data-edge"))
        .filter_map(|key| {
            let (from, to) = key.split_once("->")?;
            if from == id {
                Some(to.to_string())
            } else if to == id {
                Some(from.to_string())
            } else {
                None
            }
        })
        .collect()
}

/// Marks the selected elements (a node, or a finding's elements) so everything else dims. Like
/// a hover, it touches the elements it marks and those marked before, found by selector, not
/// every element of the picture (it runs after every re-drawing, mostly with nothing selected).
fn mark_selected(frame: &web_sys::Element, ids: &[String]) {
    let _ = frame
        .class_list()
        .toggle_with_force("focusing", !ids.is_empty());
    for el in elements(frame, "[data-node].selected, [data-edge].selected") {
        let _ = el.class_list().remove_1("selected");
    }
    for id in ids {
        let node = elements(frame, &format!("[data-node={}]", css_string(id)));
        for el in node.into_iter().chain(edges_touching(frame, id)) {
            let _ = el.class_list().add_1("selected");
        }
    }
}

/// Whether the user asked for reduced motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The top-left corner of a node's first rectangle, read from its attributes.
fn corner(el: &web_sys::Element) -> Option<(f64, f64)> {
    let rect = el.query_selector("rect").ok()??;
    // JavaScript's parseFloat: Rust's `str::parse::<f64>` would add its float tables to the wasm.
    let number = |name: &str| {
        let value = js_sys::parse_float(&rect.get_attribute(name)?);
        value.is_finite().then_some(value)
    };
    Some((number("x")?, number("y")?))
}

fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| {
            list.item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        })
        .collect()
}

/// How long the view of a large picture must rest before it is painted anew (it moves as an
/// image meanwhile: [`CanvasForm::follow`]).
const VIEW_RESTS: std::time::Duration = std::time::Duration::from_millis(150);

/// How long a stage transition takes, in milliseconds (matches `styles/main.css`).
const MORPH_MS: i32 = 700;

/// What stage `index` added (`stage-added`) or changed (`stage-changed`), by element id: the
/// core's list of changes (removed elements are not drawn).
fn changes_of(store: Store, index: usize) -> BTreeMap<String, &'static str> {
    store.analysis.with_untracked(|a| {
        a.as_ref()
            .and_then(|a| a.stage(index))
            .map(|s| {
                let mut marks = BTreeMap::new();
                for change in &s.stage.changes {
                    let class = match change.kind {
                        ChangeKind::Added => "stage-added",
                        ChangeKind::Changed => "stage-changed",
                        ChangeKind::Removed => continue,
                    };
                    marks.insert(change.element.clone(), class);
                }
                marks
            })
            .unwrap_or_default()
    })
}

/// A large stage being re-drawn with clusters unfolded: the analysis, the stage and the
/// clusters it is drawn for.
#[derive(Clone)]
struct Redrawing {
    analysis: Arc<Analysis>,
    index: usize,
    unfolded: BTreeSet<String>,
}

impl Redrawing {
    /// What it was asked for, to compare with what is shown now.
    fn asked(&self) -> (*const Analysis, usize, &BTreeSet<String>) {
        (Arc::as_ptr(&self.analysis), self.index, &self.unfolded)
    }
}

/// A large stage re-drawn with clusters unfolded ([`Redrawing`]), and the picture.
struct Redrawn {
    asked: Redrawing,
    picture: Arc<RenderedStage>,
}

impl Redrawn {
    fn asked(&self) -> (*const Analysis, usize, &BTreeSet<String>) {
        self.asked.asked()
    }
}

/// Whether `picture` is one of the latest analysis' stages (drawn, as the store keeps it).
fn is_stage_of(store: Store, picture: &Arc<RenderedStage>) -> bool {
    store.analysis.with_untracked(|a| {
        a.as_ref().is_some_and(|a| {
            a.stages
                .iter()
                .any(|s| s.is_drawn() && Arc::ptr_eq(&s.rendered(), picture))
        })
    })
}

/// Marks what stage `index` added or changed (the core's list of changes) on the drawn picture:
/// `stage-added` or `stage-changed` on each node and edge it names, which the stylesheet
/// outlines, so a presenter can point at what the stage did. Removed elements are not drawn.
fn mark_changes(canvas: &web_sys::Element, store: Store, index: usize) {
    let changed = changes_of(store, index);
    if changed.is_empty() {
        return;
    }
    for (selector, attribute) in [("[data-node]", "data-node"), ("[data-edge]", "data-edge")] {
        for el in elements(canvas, selector) {
            if let Some(class) = el
                .get_attribute(attribute)
                .and_then(|key| changed.get(&key))
            {
                let _ = el.class_list().add_1(class);
            }
        }
    }
}

/// Replaces the picture with `text`, animating the change (FLIP): nodes that persist glide from
/// their old place to the new one, departing ones fade out, new nodes grow in, and the old
/// edges cross-fade into the new ones (so the edges never all vanish mid-transition).
fn morph(canvas: &web_sys::Element, text: &str) {
    let old_edges = canvas.query_selector(".layer-edges").ok().flatten();
    let mut before: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let mut departing: Vec<(String, web_sys::Element)> = Vec::new();
    for el in elements(canvas, "[data-node]") {
        if let (Some(id), Some(at)) = (el.get_attribute("data-node"), corner(&el)) {
            before.insert(id.clone(), at);
            departing.push((id, el));
        }
    }
    canvas.set_inner_html(text);
    let Ok(Some(viewport)) = canvas.query_selector(".viewport") else {
        return;
    };
    let mut present = std::collections::BTreeSet::new();
    for el in elements(canvas, "[data-node]") {
        let Some(id) = el.get_attribute("data-node") else {
            continue;
        };
        present.insert(id.clone());
        match (before.get(&id), corner(&el)) {
            (Some(old), Some(new)) if (old.0 - new.0).abs() + (old.1 - new.1).abs() > 0.5 => {
                let _ = el.set_attribute(
                    "style",
                    &format!(
                        "transform: translate({}px, {}px)",
                        fixed(old.0 - new.0, 1),
                        fixed(old.1 - new.1, 1)
                    ),
                );
                let _ = el.class_list().add_1("gliding");
            }
            (Some(_), _) => {}
            (None, _) => {
                let _ = el.class_list().add_1("entering");
            }
        }
    }
    for el in elements(canvas, "[data-edge]") {
        let _ = el.class_list().add_1("edge-entering");
    }
    // The old edges fade out beneath the new ones while those fade in, then go.
    if let (Some(old), Ok(Some(new))) = (old_edges, canvas.query_selector(".layer-edges")) {
        let _ = old.set_attribute("class", "layer-edges-leaving");
        let _ = old.set_attribute("aria-hidden", "true");
        // No longer part of the graph: keep them out of `[data-edge]` queries.
        for edge in elements(&old, "[data-edge]") {
            let _ = edge.remove_attribute("data-edge");
        }
        if let Some(parent) = new.parent_node() {
            if parent.insert_before(&old, Some(&new)).is_ok() {
                let _ = set_timeout_with_handle(
                    move || old.remove(),
                    std::time::Duration::from_millis(MORPH_MS as u64),
                );
            }
        }
    }
    // Ghosts of departing nodes fade out above the new picture.
    let ghosts = departing
        .into_iter()
        .filter(|(id, _)| !present.contains(id))
        .collect::<Vec<_>>();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(layer) = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "g") {
            let _ = layer.set_attribute("class", "ghosts");
            for (_, el) in ghosts {
                let _ = el.class_list().add_1("leaving");
                // A ghost is no longer part of the graph: keep it out of `[data-node]` queries.
                if let Some(id) = el.get_attribute("data-node") {
                    let _ = el.remove_attribute("data-node");
                    let _ = el.set_attribute("data-leaving", &id);
                }
                let _ = layer.append_child(&el);
            }
            let _ = viewport.append_child(&layer);
            let remove = layer.clone();
            let _ = set_timeout_with_handle(
                move || remove.remove(),
                std::time::Duration::from_millis(MORPH_MS as u64),
            );
        }
    }
    // Next frame: release the offsets so the nodes glide to their new places.
    let canvas = canvas.clone();
    request_animation_frame(move || {
        request_animation_frame(move || {
            for el in elements(&canvas, ".gliding") {
                let _ = el.set_attribute("style", "transform: translate(0px, 0px)");
            }
        });
    });
}

/// Whether the page is the embedded view (`?embed=1`, `crate::embed` marks the root).
fn embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute("data-embed"))
}

/// Shows the "Ctrl/⌘ + wheel zooms" hint on `frame` (CSS draws it) for a moment.
fn show_wheel_hint(frame: &web_sys::HtmlDivElement) {
    let classes = frame.class_list();
    if classes.add_1("wheel-hint").is_err() {
        return;
    }
    set_timeout(
        move || {
            let _ = classes.remove_1("wheel-hint");
        },
        std::time::Duration::from_millis(1500),
    );
}

/// The Panes and Panel buttons: static markup with one click handler for both
/// ([`toggle_layout`]); each names, in `data-hides`, the root attribute the styles read.
const LAYOUT_TOGGLES: &str = concat!(
    r#"<button type="button" aria-expanded="true" aria-controls="inputs" data-hides="data-hide-panes" title="Hide or show the Schema, Services and Models panes">Panes</button>"#,
    r#"<button type="button" aria-expanded="true" aria-controls="side" data-hides="data-hide-side" title="Hide or show the findings and details panel">Panel</button>"#,
);

/// Hides or shows the part of the page the clicked toggle names (the panes, the side panel) by
/// a root attribute the styles read, and says so in the button's `aria-expanded`. The graph's
/// frame refits itself to the room it gets.
fn toggle_layout(ev: web_sys::MouseEvent) {
    let button = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("button[data-hides]").ok().flatten());
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    let (Some(button), Some(root)) = (button, root) else {
        return;
    };
    let Some(attribute) = button.get_attribute("data-hides") else {
        return;
    };
    if let Ok(hidden) = root.toggle_attribute(&attribute) {
        let _ = button.set_attribute("aria-expanded", if hidden { "false" } else { "true" });
    }
}

/// The canvases of a large picture, back to front (static markup: a view of elements costs
/// kilobytes of wasm).
const CANVASES: &str = r#"<canvas class="back"></canvas><canvas class="edges"></canvas><canvas class="front"></canvas>"#;

/// What a pointer is over in a large picture (drawn on canvas: no element to ask).
enum Picked {
    /// A node: its id, kind and tooltip.
    Node(String, NodeKind, String),
    /// An unfolded cluster's frame header, which folds it: its id and tooltip.
    FoldHead(String, String),
}

/// What is under a pointer at `client` (page pixels) in `scene` seen through `view` in `frame`:
/// a node above a fold header above a database's frame, as the SVG stacks them.
fn pick(
    frame: &web_sys::Element,
    scene: &seams_core::scene::Scene,
    view: View,
    client: (f64, f64),
) -> Option<Picked> {
    let (x, y, node) = CanvasForm::node_at(frame, scene, view, client);
    let as_picked =
        |n: &seams_core::scene::SceneNode| Picked::Node(n.id.clone(), n.kind, n.title.clone());
    match node {
        Some(n) if n.kind != NodeKind::Database => Some(as_picked(n)),
        database => scene
            .group_head_at(x, y)
            .map(|g| Picked::FoldHead(g.id.clone(), g.title.clone()))
            .or_else(|| database.map(as_picked)),
    }
}

/// A large picture with its paths prepared for the canvases.
type Ready = (Arc<RenderedStage>, Rc<Prepared>);

/// The canvas form of a large picture (`Scene::is_large`, `crate::picture_canvas`): the three
/// canvases, the picture painted on them and the pictures prepared for painting, what is lit
/// above them (a selection, the node under the pointer) and whether a redraw is queued for the
/// next frame.
///
/// A picture's paths are prepared a piece per task ([`Preparing`]), the stages' ahead of being
/// shown, and kept: at 4 MB, preparing a stage at once took 170–210 ms of each step between
/// stages. A picture picked before its paths are ready is shown when they are; the last one
/// stays on the canvases meanwhile.
///
/// Such a picture replaces the last at once, without the glide: it kept both pictures and a
/// style per moving node in the page (a 1.2 s task at 6,000 tables), and so many shapes moving
/// at fit-to-screen size read as noise. It is painted, not put in the page as SVG elements:
/// parsing, styling and painting them made a step to stage 4 of a 1 MB input a 600 ms task.
/// A pointer finds a node by its place (`Scene::node_at`), so nodes are no keyboard stops here;
/// the search box and Table view reach every one.
#[derive(Clone, Copy)]
struct CanvasForm {
    /// The canvases' holder: [`CANVASES`] inside, for the back, the edges and the front.
    host: NodeRef<html::Div>,
    /// Whether the picture shown is drawn in this form.
    on: StoredValue<bool>,
    /// The picture on the canvases: what paints, hovers and clicks read.
    shown: StoredValue<Option<Ready>, LocalStorage>,
    /// The picture picked for the canvases: `shown` once its paths are ready.
    wanted: StoredValue<Option<Arc<RenderedStage>>, LocalStorage>,
    /// Pictures whose paths are ready: the analysis' stages, drawn and prepared ahead, and the
    /// pictures shown since (a fold state's).
    ready: StoredValue<Vec<Ready>, LocalStorage>,
    /// Pictures whose paths are being prepared, each where its last piece left it.
    preparing: StoredValue<Vec<(Arc<RenderedStage>, Preparing)>, LocalStorage>,
    /// The selected ids (a node with its neighbours, or a finding's elements).
    selection: StoredValue<Vec<String>>,
    /// The node under the pointer.
    hovered: StoredValue<Option<String>>,
    /// Where the pointer is over the frame (page pixels), if it is.
    pointer: StoredValue<Option<(f64, f64)>>,
    /// Set by a new picture: its first painting asks again what the pointer is over (an
    /// unfolded card's tooltip would still say "click to unfold").
    fresh: StoredValue<bool>,
    queued: StoredValue<bool>,
    /// The view the canvases were painted at (None: not painted since the picture came).
    painted: StoredValue<Option<View>>,
    /// The painting due once the view rests ([`VIEW_RESTS`]).
    resting: StoredValue<Option<TimeoutHandle>>,
}

impl CanvasForm {
    fn new() -> Self {
        CanvasForm {
            host: NodeRef::new(),
            on: StoredValue::new(false),
            shown: StoredValue::new_local(None),
            wanted: StoredValue::new_local(None),
            ready: StoredValue::new_local(Vec::new()),
            preparing: StoredValue::new_local(Vec::new()),
            selection: StoredValue::new(Vec::new()),
            hovered: StoredValue::new(None),
            pointer: StoredValue::new(None),
            fresh: StoredValue::new(false),
            queued: StoredValue::new(false),
            painted: StoredValue::new(None),
            resting: StoredValue::new(None),
        }
    }

    /// Shows `picture` in this form with its `prepared` paths: `layer` (the SVG's place)
    /// emptied, the overlay (stylesheet, markers, the lit layer) above the canvases, their
    /// stage. The selection stays: it was computed for this picture.
    fn show(
        &self,
        frame: &web_sys::Element,
        layer: &web_sys::Element,
        picture: Arc<RenderedStage>,
        prepared: Rc<Prepared>,
    ) {
        self.on.set_value(true);
        self.hovered.set_value(None);
        self.fresh.set_value(true);
        self.painted.set_value(None);
        layer.set_inner_html("");
        if let Some(host) = self.host.get_untracked() {
            // The overlay is the frame's size, its view box following the view (`paint`): in
            // the transformed layer, at the picture's size, Chromium drew it blurred when
            // zoomed in.
            if let Ok(Some(old)) = host.query_selector(".picture-overlay") {
                old.remove();
            }
            let _ =
                host.insert_adjacent_html("beforeend", &seams_core::svg::overlay(&picture.scene));
            host.set_hidden(false);
            let _ = host.remove_attribute("data-painted");
            let _ = host.set_attribute("data-stage", &picture.scene.stage.to_string());
            let _ = host.set_attribute("aria-description", &picture.scene.description);
        }
        self.shown.set_value(Some((picture, prepared)));
        self.light(frame);
    }

    /// Whether the picture picked is the one on the canvases (not one still being prepared:
    /// the canvases are not repainted with the last meanwhile).
    fn is_current(&self) -> bool {
        let wanted = self.wanted.with_value(|w| w.clone());
        self.shown.with_value(|shown| match (shown, wanted) {
            (Some((shown, _)), Some(wanted)) => Arc::ptr_eq(shown, &wanted),
            (shown, wanted) => shown.is_none() && wanted.is_none(),
        })
    }

    /// Runs `f` on the picture on the canvases, if there is one.
    fn with_shown<T>(&self, f: impl FnOnce(&seams_core::scene::Scene) -> T) -> Option<T> {
        self.shown
            .with_value(|shown| shown.as_ref().map(|(picture, _)| f(&picture.scene)))
    }

    /// `picture`'s paths, if they are ready.
    fn ready_for(&self, picture: &Arc<RenderedStage>) -> Option<Rc<Prepared>> {
        self.ready.with_value(|ready| {
            ready
                .iter()
                .find(|(p, _)| Arc::ptr_eq(p, picture))
                .map(|(_, prepared)| Rc::clone(prepared))
        })
    }

    /// Prepares one more piece of `picture`'s paths (`marks`, its stage's changes, are asked
    /// for when it is begun); its paths once they are ready. Whoever asks next (the stages
    /// prepared ahead, the picture picked) goes on where the last piece stopped.
    fn prepare_piece(
        &self,
        picture: &Arc<RenderedStage>,
        marks: &dyn Fn() -> BTreeMap<String, &'static str>,
    ) -> Option<Rc<Prepared>> {
        if let Some(ready) = self.ready_for(picture) {
            return Some(ready);
        }
        let begun = self.preparing.try_update_value(|list| {
            let at = list.iter().position(|(p, _)| Arc::ptr_eq(p, picture))?;
            Some(list.swap_remove(at).1)
        });
        let mut preparing = begun.flatten().unwrap_or_else(|| Preparing::new(marks()));
        if preparing.step(&picture.scene) {
            self.preparing
                .update_value(|list| list.push((Arc::clone(picture), preparing)));
            return None;
        }
        let prepared = Rc::new(preparing.finish());
        self.ready
            .update_value(|list| list.push((Arc::clone(picture), Rc::clone(&prepared))));
        Some(prepared)
    }

    /// Prepares `picture`'s paths a piece per task while `wanted` says so; None if given up.
    async fn prepare(
        self,
        picture: &Arc<RenderedStage>,
        marks: &dyn Fn() -> BTreeMap<String, &'static str>,
        wanted: &dyn Fn() -> bool,
    ) -> Option<Rc<Prepared>> {
        loop {
            if let Some(ready) = self.ready_for(picture) {
                return Some(ready);
            }
            crate::store::yield_now().await;
            if !wanted() {
                return None;
            }
            if let Some(ready) = self.prepare_piece(picture, marks) {
                return Some(ready);
            }
        }
    }

    /// Forgets the paths of every picture `keep` does not keep (another analysis', a fold
    /// state left), except the one shown and the one picked.
    fn forget_others(&self, keep: impl Fn(&Arc<RenderedStage>) -> bool) {
        let shown = self
            .shown
            .with_value(|s| s.as_ref().map(|(p, _)| Arc::clone(p)));
        let wanted = self.wanted.with_value(|w| w.clone());
        let kept = |picture: &Arc<RenderedStage>| {
            keep(picture)
                || [&shown, &wanted]
                    .into_iter()
                    .flatten()
                    .any(|p| Arc::ptr_eq(p, picture))
        };
        self.ready
            .update_value(|list| list.retain(|(p, _)| kept(p)));
        self.preparing
            .update_value(|list| list.retain(|(p, _)| kept(p)));
    }

    /// Leaves this form (the picture shown is SVG): the canvases are emptied and hidden.
    fn hide(&self) {
        if !self.on.get_value() {
            return;
        }
        self.on.set_value(false);
        self.shown.set_value(None);
        self.hovered.set_value(None);
        self.painted.set_value(None);
        if let Some(host) = self.host.get_untracked() {
            host.set_hidden(true);
            // The frame's tooltip and cursor were this form's; the SVG's elements bring their own.
            if let Some(frame) = host.parent_element() {
                let _ = frame.remove_attribute("title");
                let _ = frame.remove_attribute("data-pointing");
            }
        }
        for canvas in self.canvases() {
            canvas.set_width(0);
            canvas.set_height(0);
        }
    }

    /// The three canvases, back to front.
    fn canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        self.host
            .get_untracked()
            .map(|host| {
                elements(&host, "canvas")
                    .into_iter()
                    .map(|c| c.unchecked_into())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Paints the picture shown as the frame shows it through `view`.
    fn paint(&self, frame: &web_sys::Element, view: View) {
        let Some((picture, prepared)) = self.shown.with_value(|s| s.clone()) else {
            return;
        };
        let scene = &picture.scene;
        let canvases = self.canvases();
        let Some(styled) = frame.query_selector(".picture-overlay").ok().flatten() else {
            return;
        };
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let size = (
            f64::from(frame.client_width()),
            f64::from(frame.client_height()),
            ratio,
        );
        let palette = Palette::of(&styled);
        let at = Placement {
            x: view.x,
            y: view.y,
            k: view.k,
        };
        picture_canvas::draw(&canvases, scene, &prepared, at, size, &palette);
        self.painted.set_value(Some(view));
        if let Some(handle) = self.resting.get_value() {
            handle.clear();
            self.resting.set_value(None);
        }
        // The lit layer sees what the canvases show.
        let seen = [
            -view.x / view.k,
            -view.y / view.k,
            size.0 / view.k,
            size.1 / view.k,
        ];
        let view_box = seen.map(|v| fixed(v, 2)).join(" ");
        for (name, value) in [
            ("viewBox", view_box.as_str()),
            ("width", "100%"),
            ("height", "100%"),
            ("preserveAspectRatio", "none"),
        ] {
            let _ = styled.set_attribute(name, value);
        }
        // Which stage is on screen, for the budget script and the tests (`data-stage` says
        // which is shown, painted or not); the painting is where the view is.
        if let Some(host) = self.host.get_untracked() {
            let _ = host.set_attribute("data-painted", &scene.stage.to_string());
            let _ = host.remove_attribute("style");
        }
    }

    /// Moves the last painting to where `view` puts the picture, as an image (a CSS transform
    /// of the canvases and the lit layer); false if there is none to move.
    fn follow(&self, view: View) -> bool {
        let (Some(painted), Some(host), true) = (
            self.painted.get_value(),
            self.host.get_untracked(),
            self.on.get_value() && self.is_current(),
        ) else {
            return false;
        };
        // A point painted at `painted.x + s * painted.k` goes to `view.x + s * view.k`.
        let k = view.k / painted.k;
        let _ = host.set_attribute(
            "style",
            &format!(
                "transform-origin: 0 0; transform: translate({}px, {}px) scale({})",
                fixed(view.x - painted.x * k, 1),
                fixed(view.y - painted.y * k, 1),
                fixed(k, 4)
            ),
        );
        true
    }

    /// The node under a pointer at `(client_x, client_y)`, found by its place in `scene`.
    fn node_at<'a>(
        frame: &web_sys::Element,
        scene: &'a seams_core::scene::Scene,
        view: View,
        client: (f64, f64),
    ) -> (f64, f64, Option<&'a seams_core::scene::SceneNode>) {
        let r = frame.get_bounding_client_rect();
        let x = (client.0 - r.left() - view.x) / view.k;
        let y = (client.1 - r.top() - view.y) / view.k;
        (x, y, scene.node_at(x, y))
    }

    /// Lights what the pointer is over (`picked`; None when it left): a node and its edges, the
    /// tooltip an SVG picture's `<title>` gives, and the pointing cursor over what a click
    /// selects, unfolds or folds.
    fn hover(&self, frame: &web_sys::Element, picked: Option<Picked>) {
        let (id, tip, pointing) = match picked {
            Some(Picked::Node(id, kind, title)) => {
                let database = kind == NodeKind::Database;
                let tip = if kind == NodeKind::Cluster {
                    format!("{title} (click to unfold)")
                } else {
                    title
                };
                ((!database).then_some(id), tip, !database)
            }
            Some(Picked::FoldHead(_, title)) => (None, format!("{title} (click to fold)"), true),
            None => (None, String::new(), false),
        };
        let _ = frame.toggle_attribute_with_force("data-pointing", pointing);
        let _ = if tip.is_empty() {
            frame.remove_attribute("title")
        } else {
            frame.set_attribute("title", &tip)
        };
        if self.hovered.get_value() != id {
            self.hovered.set_value(id);
            self.light(frame);
        }
    }

    /// Draws what is lit above the canvases: the selection's nodes and every edge touching
    /// them, the hovered node and its edges, marked as the SVG picture marks them (`selected`,
    /// `hl`), and says whether the frame is hovering.
    fn light(&self, frame: &web_sys::Element) {
        let Some((picture, _)) = self.shown.with_value(|s| s.clone()) else {
            return;
        };
        let scene = &picture.scene;
        let selection = self.selection.get_value();
        let hovered = self.hovered.get_value().filter(|id| !id.starts_with("db:"));
        let _ = frame
            .class_list()
            .toggle_with_force("hovering", hovered.is_some());
        let _ = frame
            .class_list()
            .toggle_with_force("focusing", !selection.is_empty());
        let Some(layer) = frame
            .query_selector(".picture-overlay .overlay")
            .ok()
            .flatten()
        else {
            return;
        };
        let chosen: BTreeSet<&str> = selection.iter().map(String::as_str).collect_set();
        let all: BTreeSet<&str> = selection
            .iter()
            .chain(&hovered)
            .map(String::as_str)
            .collect_set();
        let nodes: Vec<&seams_core::scene::SceneNode> = scene
            .nodes
            .iter()
            .filter(|n| all.contains(n.id.as_str()))
            .collect();
        let edges = scene.edges_touching(&all);
        layer.set_inner_html(&seams_core::svg::overlay_content(&nodes, &edges));
        // The copies come in the order given: mark each by the element it copies.
        let is_hovered = |id: &str| hovered.as_deref() == Some(id);
        for (el, edge) in elements(&layer, "[data-lit]").iter().zip(&edges) {
            let ends = [edge.from.as_str(), edge.to.as_str()];
            if ends.iter().any(|id| chosen.contains(id)) {
                let _ = el.class_list().add_1("selected");
            }
            if ends.iter().any(|id| is_hovered(id)) {
                let _ = el.class_list().add_1("hl");
            }
        }
        for (el, node) in elements(&layer, "[data-node]").iter().zip(&nodes) {
            let id = node.id.as_str();
            if chosen.contains(id) {
                let _ = el.class_list().add_1("selected");
            }
            if is_hovered(id) {
                let _ = el.class_list().add_1("hl");
            }
        }
    }
}

/// The graph frame with its zoom controls and legend.
#[component]
pub fn GraphView() -> impl IntoView {
    let store = use_store();
    let frame = NodeRef::<html::Div>::new();
    let view = RwSignal::new(View {
        x: 0.0,
        y: 0.0,
        k: 1.0,
    });
    let drag: StoredValue<Option<(f64, f64, View)>> = StoredValue::new(None);
    let moved = StoredValue::new(false);
    let pointers: StoredValue<BTreeMap<i32, (f64, f64)>> = StoredValue::new(BTreeMap::new());
    let pinch: StoredValue<Option<(f64, View)>> = StoredValue::new(None);

    // A large stage re-drawn with clusters unfolded, in pieces (at 4 MB, at once, it was a
    // 520–660 ms task): the picture, what it was drawn for, and the drawing under way.
    let redrawn: RwSignal<Option<Redrawn>, LocalStorage> = RwSignal::new_local(None);
    let redrawing: StoredValue<Option<Redrawing>, LocalStorage> = StoredValue::new_local(None);
    // Whether the picture asked for is still being drawn or prepared (the frame says so with
    // `aria-busy`, and a progress cursor): at 4 MB an unfolding takes about a second.
    let busy = RwSignal::new(false);
    // The stage's picture: the analysis' own SVG, or, with clusters unfolded, a re-drawing. A
    // large stage's is drawn in pieces (below); its folded picture stays until it is.
    let rendered = Memo::new(move |_| {
        let unfolded = store.unfolded.get();
        let index = store.stage.get();
        store.analysis.with(|a| {
            let a = a.as_ref()?;
            let view = a.stage(index)?;
            if unfolded.is_empty() {
                return Some(view.rendered());
            }
            if view.is_drawn() && view.rendered().scene.is_large() {
                let asked = (Arc::as_ptr(a), index, &unfolded);
                let done = redrawn.with(|r| {
                    r.as_ref()
                        .filter(|r| r.asked() == asked)
                        .map(|r| Arc::clone(&r.picture))
                });
                return done.or_else(|| Some(view.rendered()));
            }
            render_stage(a, index, &ViewOptions { unfolded }).map(Arc::new)
        })
    });
    Effect::new(move |_| {
        let unfolded = store.unfolded.get();
        let index = store.stage.get();
        let Some(analysis) = store.analysis.get() else {
            return;
        };
        // Another analysis' re-drawing is let go (it holds that analysis).
        let stale = |r: &Redrawing| !Arc::ptr_eq(&r.analysis, &analysis);
        if redrawn.with_untracked(|r| r.as_ref().is_some_and(|r| stale(&r.asked))) {
            redrawn.set(None);
        }
        let large = analysis
            .stage(index)
            .is_some_and(|v| v.is_drawn() && v.rendered().scene.is_large());
        let asked = (Arc::as_ptr(&analysis), index, &unfolded);
        let known = |r: &Option<Redrawing>| r.as_ref().is_some_and(|r| r.asked() == asked);
        if unfolded.is_empty()
            || !large
            || redrawn.with_untracked(|r| r.as_ref().is_some_and(|r| r.asked() == asked))
            || redrawing.with_value(known)
        {
            return;
        }
        let ask = Redrawing {
            analysis: Arc::clone(&analysis),
            index,
            unfolded: unfolded.clone(),
        };
        redrawing.set_value(Some(ask.clone()));
        busy.set(true);
        leptos::task::spawn_local(async move {
            // Still the latest asked for, and still what the page shows.
            let ours =
                || redrawing.with_value(|r| r.as_ref().is_some_and(|r| r.asked() == ask.asked()));
            let wanted = || {
                ours()
                    && store.stage.get_untracked() == index
                    && store.unfolded.with_untracked(|u| *u == ask.unfolded)
                    && store.analysis.with_untracked(|a| {
                        a.as_ref().is_some_and(|a| Arc::ptr_eq(a, &ask.analysis))
                    })
            };
            let options = ViewOptions { unfolded };
            let drawn = crate::store::in_pieces_while(
                &wanted,
                render_stage_paced(&analysis, index, &options),
            )
            .await
            .flatten();
            let shown = wanted();
            if ours() {
                redrawing.set_value(None);
                // Nothing drawn (no such stage): nothing more is coming.
                if drawn.is_none() {
                    busy.set(false);
                }
            }
            if let (Some(picture), true) = (drawn, shown) {
                redrawn.set(Some(Redrawn {
                    asked: ask,
                    picture: Arc::new(picture),
                }));
            }
        });
    });
    let size = Memo::new(move |_| {
        store
            .with_stage(|s| (s.scene().width, s.scene().height))
            .unwrap_or((1.0, 1.0))
    });
    let canvas = NodeRef::<html::Div>::new();
    let form = CanvasForm::new();
    // A large picture is painted at the next frame, once however often the view moved.
    let paint_soon = move || {
        if !form.on.get_value() || form.queued.get_value() {
            return;
        }
        form.queued.set_value(true);
        request_animation_frame(move || {
            form.queued.set_value(false);
            // While the picture picked is prepared, the last stays as it was painted.
            let Some(el) = frame.get_untracked().filter(|_| form.is_current()) else {
                return;
            };
            let view = view.get_untracked();
            form.paint(&el, view);
            if form.fresh.get_value() {
                form.fresh.set_value(false);
                if let Some(client) = form.pointer.get_value() {
                    let picked = form.with_shown(|scene| pick(&el, scene, view, client));
                    form.hover(&el, picked.flatten());
                }
            }
        });
    };
    // While the view moves (a drag, a wheel, a pinch), the painting moves with it as an image
    // and is painted anew once the view rests: at 1920×1080, a 4 MB picture's stage 4 took
    // 60–160 ms to paint, every frame of a drag.
    Effect::new(move |_| {
        let moved = view.get();
        if !form.follow(moved) {
            paint_soon();
            return;
        }
        if let Some(handle) = form.resting.get_value() {
            handle.clear();
        }
        form.resting
            .set_value(set_timeout_with_handle(paint_soon, VIEW_RESTS).ok());
    });
    Effect::new(move |_| {
        store.dark.track();
        store.presenting.track();
        paint_soon();
    });
    // Put the SVG in place; when only the stage changed, animate from the old picture.
    let shown_stage: StoredValue<Option<(usize, BTreeSet<String>)>> = StoredValue::new(None);
    Effect::new(move |_| {
        let Some(picture) = rendered.get() else {
            form.wanted.set_value(None);
            busy.set(false);
            form.hide();
            if let Some(el) = canvas.get() {
                el.set_inner_html("");
            }
            return;
        };
        let stage = (store.stage.get_untracked(), store.unfolded.get_untracked());
        let index = stage.0;
        let Some(el) = canvas.get() else { return };
        let previous = shown_stage.get_value();
        let large = picture.scene.is_large();
        let animate = previous.is_some_and(|p| p != stage) && !reduced_motion() && !large;
        shown_stage.set_value(Some(stage));
        if large {
            form.wanted.set_value(Some(Arc::clone(&picture)));
            form.forget_others(|p| is_stage_of(store, p));
            let show = move |picture: Arc<RenderedStage>, prepared: Rc<Prepared>| {
                if let Some(frame) = frame.get_untracked() {
                    form.show(&frame, &el, picture, prepared);
                }
                // Shown, unless this is the folded picture kept while the unfolded one is drawn.
                busy.set(redrawing.with_value(Option::is_some));
                // A frame later: a new size fits the view first (in this frame), and the
                // picture is painted once, where the fit puts it.
                request_animation_frame(paint_soon);
            };
            if let Some(prepared) = form.ready_for(&picture) {
                show(picture, prepared);
                return;
            }
            busy.set(true);
            leptos::task::spawn_local(async move {
                let wanted = || {
                    form.wanted
                        .with_value(|w| w.as_ref().is_some_and(|w| Arc::ptr_eq(w, &picture)))
                };
                let marks = move || changes_of(store, index);
                if let Some(prepared) = form.prepare(&picture, &marks, &wanted).await {
                    if wanted() {
                        show(Arc::clone(&picture), prepared);
                    }
                }
            });
            return;
        }
        form.wanted.set_value(None);
        busy.set(false);
        form.hide();
        if animate {
            morph(&el, picture.svg());
        } else {
            el.set_inner_html(picture.svg());
        }
        mark_changes(&el, store, index);
    });

    // Every new analysis: its stages are drawn in pieces, one task each, after the shown one
    // is on screen, so that stepping through them finds their pictures ready (the core draws
    // a stage when it is first asked for); a large one's paths are prepared too, the shown
    // stage's first. Stops when a newer run starts.
    Effect::new(move |_| {
        let Some(analysis) = store.analysis.get() else {
            return;
        };
        let generation = store.latest_run();
        form.forget_others(|p| is_stage_of(store, p));
        let shown = store.stage.get_untracked();
        leptos::task::spawn_local(async move {
            let current = || {
                store.is_latest_run(generation)
                    && store
                        .analysis
                        .with_untracked(|a| a.as_ref().is_some_and(|a| Arc::ptr_eq(a, &analysis)))
            };
            let order =
                std::iter::once(shown).chain((0..analysis.stages.len()).filter(|i| *i != shown));
            for index in order {
                let Some(view) = analysis.stages.get(index) else {
                    continue;
                };
                let Some(drawn) =
                    crate::store::in_pieces_while(&current, view.rendered_paced()).await
                else {
                    return;
                };
                if !drawn.scene.is_large() {
                    // Painted from its scene if large; otherwise shown as its SVG.
                    let _ = drawn.svg();
                    continue;
                }
                let marks = move || changes_of(store, index);
                if form.prepare(&drawn, &marks, &current).await.is_none() {
                    return;
                }
            }
        });
    });

    // The view "Fit" last set: while the view is still that one, a resize fits again.
    let fitted: StoredValue<Option<View>> = StoredValue::new(None);
    let fit = move || {
        let Some(el) = frame.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let (w, h) = size.get_untracked();
        if w <= 0.0 || h <= 0.0 || r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let (margin, most) = if store.presenting.get_untracked() {
            (1.0, MAX_ZOOM)
        } else {
            (0.96, FIT_ZOOM)
        };
        let (top, bottom) = covered(&el);
        let free = (r.height() - top - bottom).max(1.0);
        let k = ((r.width() / w).min(free / h) * margin)
            .max(MIN_ZOOM)
            .min(most);
        let fitted_view = View {
            x: (r.width() - w * k) / 2.0,
            y: top + (free - h * k) / 2.0,
            k,
        };
        fitted.set_value(Some(fitted_view));
        view.set(fitted_view);
    };
    // Fit again when the frame changes size (window resize, full screen, presenting, a small
    // screen turned): always while presenting, otherwise only if the user has not moved the view.
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            if store.presenting.get_untracked() || fitted.get_value() == Some(view.get_untracked())
            {
                fit();
            }
            // A large picture's canvases take the frame's new size.
            paint_soon();
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&el);
        }
        // The frame lives as long as the page: so do its observer and callback.
        on_resize.forget();
    });
    // Centre on a node once it is drawn (the search asks; unfolding may have to happen first).
    let centre_on: RwSignal<Option<String>> = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(id) = centre_on.get() else { return };
        let rect = rendered.with(|r| {
            r.as_ref()
                .and_then(|r| r.scene.nodes.iter().find(|n| n.id == id).map(|n| n.rect))
        });
        let (Some(rect), Some(el)) = (rect, frame.get_untracked()) else {
            return;
        };
        let r = el.get_bounding_client_rect();
        view.set(centred(
            &rect,
            r.width(),
            r.height(),
            view.get_untracked().k,
        ));
        centre_on.set(None);
    });
    let on_pick = Callback::new(move |id: String| {
        let stage = store.stage.get_untracked();
        let cluster = store
            .analysis
            .with_untracked(|a| a.as_ref().and_then(|a| cluster_of(a, stage, &id)));
        if let Some(cluster) = cluster {
            if !store.unfolded.with_untracked(|u| u.contains(&cluster)) {
                store.unfolded.update(|u| {
                    u.insert(cluster);
                });
            }
        }
        store.tab.set(crate::store::Tab::Details);
        store.selected.set(Some(id.clone()));
        centre_on.set(Some(id));
    });
    let apply_fold = move |action: FoldAction| match action {
        FoldAction::Unfold(id) => store.unfolded.update(|u| {
            u.insert(id);
        }),
        FoldAction::Fold(id) => store.unfolded.update(|u| {
            u.remove(&id);
        }),
    };

    // Fit whenever the picture changes size (a new input), not on every small edit.
    Effect::new(move |previous: Option<(f64, f64)>| {
        let current = size.get();
        if previous != Some(current) {
            request_animation_frame(fit);
        }
        current
    });
    // Re-apply the selection after every re-render of the SVG.
    Effect::new(move |_| {
        rendered.track();
        let mut ids = store.focus.get();
        let selected = store.selected.get();
        request_animation_frame(move || {
            let Some(el) = frame.get_untracked() else {
                return;
            };
            if form.on.get_value() {
                rendered.with_untracked(|r| {
                    let Some(r) = r else { return };
                    if let Some(selected) = selected {
                        let one: BTreeSet<&str> = [selected.as_str()].into_iter().collect_set();
                        for edge in r.scene.edges_touching(&one) {
                            let other = if edge.from == selected {
                                &edge.to
                            } else {
                                &edge.from
                            };
                            ids.push(other.clone());
                        }
                        ids.push(selected);
                    }
                    form.selection.set_value(ids);
                    form.light(&el);
                });
                return;
            }
            // A selected node keeps its neighbours lit: it is seen with what it touches.
            if let Some(selected) = selected {
                ids.extend(neighbours(&el, &selected));
                ids.push(selected);
            }
            mark_selected(&el, &ids);
        });
    });

    let zoom_at = move |cx: f64, cy: f64, factor: f64| {
        view.update(|v| {
            let k = (v.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            let ratio = k / v.k;
            v.x = cx - (cx - v.x) * ratio;
            v.y = cy - (cy - v.y) * ratio;
            v.k = k;
        });
    };
    let zoom_center = move |factor: f64| {
        if let Some(el) = frame.get_untracked() {
            let r = el.get_bounding_client_rect();
            zoom_at(r.width() / 2.0, r.height() / 2.0, factor);
        }
    };
    let local = move |x: f64, y: f64| {
        frame
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                (x - r.left(), y - r.top())
            })
            .unwrap_or((x, y))
    };

    let on_wheel = move |ev: web_sys::WheelEvent| {
        // Embedded in a document, a plain wheel scrolls the document (the iframe passes it on
        // when nothing here takes it); zooming takes Ctrl or ⌘ (a trackpad pinch sends Ctrl),
        // and a plain wheel shows that hint for a moment.
        if !(ev.ctrl_key() || ev.meta_key()) && embedded() {
            if let Some(el) = frame.get_untracked() {
                show_wheel_hint(&el);
            }
            return;
        }
        ev.prevent_default();
        let (cx, cy) = local(f64::from(ev.client_x()), f64::from(ev.client_y()));
        // A trackpad's pinch sends small steps; a mouse wheel's notch (100 px) would be 2.7×:
        // at most 1.25× a notch, so the zoom can stop where it is wanted.
        let factor = (-ev.delta_y() * if ev.ctrl_key() { 0.01 } else { 0.0015 })
            .exp()
            .clamp(0.8, 1.25);
        zoom_at(cx, cy, factor);
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        pointers.update_value(|p| {
            p.insert(ev.pointer_id(), (x, y));
        });
        moved.set_value(false);
        drag.set_value(Some((x, y, view.get_untracked())));
        if pointers.with_value(|p| p.len()) == 2 {
            let d = pointers.with_value(|p| {
                let v: Vec<&(f64, f64)> = p.values().collect();
                match v.as_slice() {
                    [a, b] => ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt(),
                    _ => 0.0,
                }
            });
            pinch.set_value(Some((d, view.get_untracked())));
        }
    };
    // What the pointer is over in a large picture (drawn on canvas, found by its place).
    let picked_at = move |ev: &web_sys::MouseEvent| -> Option<Picked> {
        let el = frame.get_untracked()?;
        let client = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        form.with_shown(|scene| pick(&el, scene, view.get_untracked(), client))
            .flatten()
    };
    // Lights the node under the pointer and its edges (in either form of the picture).
    let hover_at = move |ev: &web_sys::MouseEvent| {
        let Some(el) = frame.get_untracked() else {
            return;
        };
        if !form.on.get_value() {
            highlight(&el, node_under(ev).as_deref());
            return;
        }
        form.pointer
            .set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
        let picked = picked_at(ev);
        form.hover(&el, picked);
    };
    let unhover = move || {
        let Some(el) = frame.get_untracked() else {
            return;
        };
        if !form.on.get_value() {
            highlight(&el, None);
            return;
        }
        form.pointer.set_value(None);
        form.hover(&el, None);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if ev.buttons() & 1 == 0 && drag.with_value(Option::is_some) {
            // Released outside the frame, where its pointerup went: the drag is over.
            drag.set_value(None);
            moved.set_value(false);
            pointers.update_value(|p| {
                p.remove(&ev.pointer_id());
            });
        }
        if pointers.with_value(|p| p.contains_key(&ev.pointer_id())) {
            pointers.update_value(|p| {
                p.insert(ev.pointer_id(), (x, y));
            });
        }
        if let Some((start, base)) = pinch.get_value() {
            let (d, mid) = pointers.with_value(|p| {
                let v: Vec<&(f64, f64)> = p.values().collect();
                match v.as_slice() {
                    [a, b] => (
                        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt(),
                        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                    ),
                    _ => (start, (0.0, 0.0)),
                }
            });
            if start > 0.0 {
                let (cx, cy) = local(mid.0, mid.1);
                view.set(base);
                zoom_at(cx, cy, d / start);
                moved.set_value(true);
            }
            return;
        }
        let Some((sx, sy, base)) = drag.get_value() else {
            // A large picture has no elements to enter: its hover follows the pointer.
            if form.on.get_value() {
                hover_at(&ev);
            }
            return;
        };
        let (dx, dy) = (x - sx, y - sy);
        if dx.abs() + dy.abs() > 3.0 {
            moved.set_value(true);
        }
        if moved.get_value() {
            view.set(View {
                x: base.x + dx,
                y: base.y + dy,
                k: base.k,
            });
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
        if pointers.with_value(|p| p.len()) < 2 {
            pinch.set_value(None);
        }
        drag.set_value(None);
        // Hover was held still during the press: catch up with what is under the pointer now.
        hover_at(&ev);
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if moved.get_value() {
            moved.set_value(false);
            return;
        }
        if form.on.get_value() {
            match picked_at(&ev) {
                Some(Picked::FoldHead(id, _)) => apply_fold(FoldAction::Fold(id)),
                Some(Picked::Node(id, NodeKind::Cluster, _)) => apply_fold(FoldAction::Unfold(id)),
                Some(Picked::Node(id, _, _)) => {
                    store.tab.set(crate::store::Tab::Details);
                    store.selected.set(Some(id));
                }
                None => store.selected.set(None),
            }
            return;
        }
        if let Some(action) = fold_action(&ev) {
            apply_fold(action);
            return;
        }
        let id = node_under(&ev);
        if id.is_some() {
            store.tab.set(crate::store::Tab::Details);
        }
        store.selected.set(id);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            if let Some(action) = fold_action(&ev) {
                ev.prevent_default();
                apply_fold(action);
                return;
            }
            if let Some(id) = node_under(&ev) {
                ev.prevent_default();
                store.tab.set(crate::store::Tab::Details);
                store.selected.set(Some(id));
            }
        }
    };
    let on_over = move |ev: web_sys::PointerEvent| {
        // No hover changes while the button is down. Panning moves the picture with the pointer,
        // so the node under it at the press stays under it; and a change would restyle every
        // edge and re-raster the whole canvas layer in the middle of the pan (on a 300-node
        // graph, 500–700 ms of software raster: no frame until it is done). `on_up` catches up.
        // A large picture's hover follows the pointer's moves instead (`on_move`).
        if form.on.get_value() || drag.with_value(Option::is_some) && ev.buttons() & 1 != 0 {
            return;
        }
        hover_at(&ev);
    };
    let on_leave = move |_: web_sys::PointerEvent| unhover();
    // Focus leaving a node clears its light (the next node's focusin lights that one). A large
    // picture has no node to focus.
    let on_blur = move |_: web_sys::FocusEvent| {
        if !form.on.get_value() {
            unhover();
        }
    };
    let on_focus = move |ev: web_sys::FocusEvent| {
        if let (Some(el), false) = (frame.get_untracked(), form.on.get_value()) {
            highlight(&el, node_under(&ev).as_deref());
        }
    };

    let transform = move || {
        let v = view.get();
        format!(
            "transform: translate({}px, {}px) scale({})",
            fixed(v.x, 1),
            fixed(v.y, 1),
            fixed(v.k, 4)
        )
    };

    // Nothing to draw: say why, rather than a blank picture under a score of 100.
    let empty_state = move || {
        let nothing = store.analysis.with(|a| {
            a.as_ref().is_some_and(|a| {
                let arch = &a.architecture;
                arch.tables.is_empty() && arch.views.is_empty() && arch.services.is_empty()
            })
        });
        match (nothing, store.schema.with(|s| s.trim().is_empty())) {
            (false, _) => "",
            (true, true) => "Nothing to draw yet: paste a schema (pg_dump --schema-only, mysqldump --no-data, sqlite3 .schema) into Schema, or pick an example.",
            (true, false) => "The schema holds no CREATE TABLE or CREATE VIEW statement (a data-only dump has COPY or INSERT lines only), so there is nothing to draw.",
        }
    };
    view! {
        <div class="graph-wrap">
            <SearchBox on_pick=on_pick/>
            <div
                class="graph-frame"
                aria-busy=move || busy.get().then_some("true")
                node_ref=frame
                on:wheel=on_wheel
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerover=on_over
                on:pointerleave=on_leave
                on:focusin=on_focus
                on:focusout=on_blur
                on:click=on_click
                on:keydown=on_key
            >
                <div class="picture-canvases" node_ref=form.host hidden=true role="img" aria-label="Coupling graph" inner_html=CANVASES></div>
                <div class="graph-canvas" style=transform node_ref=canvas></div>
            </div>
            <Show when=move || store.table_view.get()>
                <TableView rendered=rendered/>
            </Show>
            <p class="graph-empty" role="status">{empty_state}</p>
            <div class="zoom" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_center(1.25)>"+"</button>
                <button type="button" aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_center(0.8)>"−"</button>
                <button type="button" aria-label="Fit to screen" title="Fit" on:click=move |_| fit()>"Fit"</button>
                <button type="button" aria-pressed=move || store.table_view.get().to_string()
                    on:click=move |_| store.table_view.update(|t| *t = !*t)>"Table view"</button>
                <span class="layout-toggle" inner_html=LAYOUT_TOGGLES on:click=toggle_layout></span>
            </div>
            <Legend/>
        </div>
    }
}

/// The legend: every edge kind's line style and arrowhead, and the card conventions.
#[component]
pub fn Legend() -> impl IntoView {
    let rows = LEGEND_ORDER;
    view! {
        <details class="legend">
            <summary>"Legend"</summary>
            <ul>
                {rows
                    .into_iter()
                    .map(|(kind, cross)| {
                        let text = legend_meaning(kind, cross);
                        view! {
                            <li>
                                <span class="sample" inner_html=legend_sample(kind, cross)></span>
                                {text}
                            </li>
                        }
                    })
                    .collect_view()}
                <li><span class="swatch unowned"></span>"table with no owner (grey stripe)"</li>
                <li><span class="swatch shared"></span>"table written by several services"</li>
                <li><span class="swatch added"></span>"added by this stage"</li>
                <li><span class="swatch changed"></span>"changed by this stage"</li>
            </ul>
        </details>
    }
}

/// The same nodes and edges as the graph, as HTML tables (the graph's text alternative): the
/// picture shown, with the clusters unfolded there. Built as one string of markup: a view of
/// rows costs kilobytes of wasm, this a loop.
#[component]
pub fn TableView(rendered: Memo<Option<Arc<RenderedStage>>>) -> impl IntoView {
    let html = move || {
        rendered
            .with(|r| r.as_ref().map(|r| tables_html(&r.scene)))
            .unwrap_or_default()
    };
    view! { <div class="table-view" inner_html=html></div> }
}

/// The scene's nodes and edges as two HTML tables, every text escaped.
fn tables_html(scene: &seams_core::scene::Scene) -> String {
    use seams_core::svg::escape;
    let mut html = String::from(
        "<table><caption>Nodes</caption><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Name</th><th scope=\"col\">Detail</th></tr></thead><tbody>",
    );
    let cell = |html: &mut String, text: &str| {
        html.push_str("<td>");
        html.push_str(&escape(text));
        html.push_str("</td>");
    };
    // In the picture's groups (services, tables…), each as people count: svc-2 before svc-10.
    // (Sorted as indices: a sort of another element type is its own code in the wasm.)
    let mut kinds: Vec<NodeKind> = Vec::new();
    for n in &scene.nodes {
        if !kinds.contains(&n.kind) {
            kinds.push(n.kind);
        }
    }
    let group = |i: usize| {
        scene
            .nodes
            .get(i)
            .and_then(|n| kinds.iter().position(|k| *k == n.kind))
    };
    let title = |i: usize| scene.nodes.get(i).map_or("", |n| n.title.as_str());
    let mut listed: Vec<usize> = (0..scene.nodes.len()).collect();
    seams_core::order::sort_by(&mut listed, |a, b| {
        group(*a)
            .cmp(&group(*b))
            .then_with(|| seams_core::order::natural(title(*a), title(*b)))
    });
    let nodes = listed.iter().filter_map(|i| scene.nodes.get(*i));
    for n in nodes {
        html.push_str("<tr data-node=\"");
        html.push_str(&escape(&n.id));
        html.push_str("\">");
        cell(&mut html, n.kind.as_str());
        cell(&mut html, &n.title);
        // A table's card shows its column count alone; here it needs its noun.
        match n.detail.parse::<usize>() {
            Ok(1) if n.kind == NodeKind::Table => cell(&mut html, "1 column"),
            Ok(columns) if n.kind == NodeKind::Table => {
                cell(&mut html, &format!("{columns} columns"));
            }
            _ => cell(&mut html, &n.detail),
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table><table><caption>Edges</caption><thead><tr><th scope=\"col\">From</th><th scope=\"col\">Kind</th><th scope=\"col\">To</th></tr></thead><tbody>");
    // Ends by the names their nodes show (a cluster by its title), not by their ids.
    let titles: BTreeMap<&str, &str> = scene
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.title.as_str()))
        .collect_map();
    let name = |id: &str| {
        titles
            .get(id)
            .map_or_else(|| ident::display_name(id).into_owned(), |t| t.to_string())
    };
    let ends: Vec<(String, &str, String)> = scene
        .edges
        .iter()
        .map(|e| (name(&e.from), e.kind.as_str(), name(&e.to)))
        .collect();
    let mut listed: Vec<usize> = (0..ends.len()).collect();
    seams_core::order::sort_by(&mut listed, |a, b| match (ends.get(*a), ends.get(*b)) {
        (Some(a), Some(b)) => seams_core::order::natural(&a.0, &b.0)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| seams_core::order::natural(&a.2, &b.2)),
        _ => a.cmp(b),
    });
    for (from, kind, to) in listed.iter().filter_map(|i| ends.get(*i)) {
        html.push_str("<tr>");
        cell(&mut html, from);
        cell(&mut html, kind);
        cell(&mut html, to);
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}
