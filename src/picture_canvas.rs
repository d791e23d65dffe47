//! A large picture drawn on canvas: the core's scene painted on three canvases the size of the
//! graph's frame (databases; edges; database headers and nodes), redrawn when the view moves.
//!
//! Past `seams_core::scene::LARGE_PICTURE` nodes and edges the SVG in the page was its longest
//! work: parsing, styling, laying out and painting 23,000 elements took 600 ms for a step to
//! stage 4 of a 1 MB input, and every hover re-rastered all of them. On canvas the same picture costs a
//! draw (the edges as one path per style, built once per picture), and a hover or a selection
//! draws only what it lights, as SVG, in a layer above (`seams_core::svg::overlay`). Geometry,
//! colours per service, labels (cut to fit) and what a click finds (`Scene::node_at`) all come
//! from the core; this module only paints them, in the stylesheet's colours (`svg::STYLE`'s
//! variables, read from the page so the theme and presenting apply).

use seams_core::diagnostic::Severity;
use seams_core::graph::{EdgeKind, NodeKind};
use seams_core::layout::Rect;
use seams_core::scene::{bounds_of, label_ink, Scene, SceneEdge, SceneNode, Segment, GROUP_HEAD};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// The stylesheet's colours (`svg::STYLE`'s variables) as the page resolves them.
pub struct Palette {
    bg: String,
    ink: String,
    muted: String,
    line: String,
    db: String,
    db_line: String,
    card: String,
    fk: String,
    cross: String,
    warn: String,
    pill: String,
    changed: String,
}

impl Palette {
    /// Reads the variables off `styled` (an element of class `seams-graph`, under the theme).
    pub fn of(styled: &web_sys::Element) -> Palette {
        let style = web_sys::window().and_then(|w| w.get_computed_style(styled).ok().flatten());
        let var = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Palette {
            bg: var("--bg", "#ffffff"),
            ink: var("--ink", "#1b1f24"),
            muted: var("--muted", "#59636e"),
            line: var("--line", "#4a5560"),
            db: var("--db", "#f3f5f7"),
            db_line: var("--db-line", "#aeb7c0"),
            card: var("--card", "#ffffff"),
            fk: var("--fk", "#8a949e"),
            cross: var("--cross", "#c62828"),
            warn: var("--warn", "#d97706"),
            pill: var("--pill", "#eef1f4"),
            changed: var("--changed", "#7b3fb0"),
        }
    }
}

/// How an edge is stroked: `svg::STYLE`'s rule for its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stroke {
    kind: EdgeKind,
    cross: bool,
}

impl Stroke {
    /// Width, dashes and opacity, as `svg::STYLE` gives them.
    fn look(self) -> (f64, &'static [f64], f64) {
        match self.kind {
            EdgeKind::Writes => (3.0, &[], 1.0),
            EdgeKind::Reads => (1.4, &[6.0, 4.0], 1.0),
            EdgeKind::Owns => (1.0, &[1.0, 5.0], 0.7),
            EdgeKind::References if self.cross => (2.6, &[], 1.0),
            EdgeKind::References => (1.2, &[], 1.0),
            EdgeKind::Calls => (2.0, &[10.0, 3.0, 2.0, 3.0], 1.0),
            EdgeKind::Publishes => (1.8, &[], 1.0),
            EdgeKind::Subscribes => (1.8, &[3.0, 3.0], 1.0),
            EdgeKind::Models => (1.2, &[2.0, 3.0], 1.0),
        }
    }
}

/// One group of edges drawn with one stroke: a style, a colour (None: the kind's own) and
/// whether the stage added them (drawn bolder, as the stylesheet marks them).
type EdgeGroup = (Stroke, Option<String>, bool);

/// Path data handed to the browser in one `Path2D` at most: a larger group is several, so that
/// building one (the browser parses the text) is a short piece of work.
const PATH_BYTES: usize = 256 * 1024;

/// Path data read (and handed to the browser) in one piece of [`Preparing::step`]: a 4 MB
/// input's busiest stage (5.5 MB of path data) is a dozen pieces, none a long task (over 50 ms)
/// in the page.
const PIECE_BYTES: usize = 512 * 1024;

/// A picture ready to paint: its edges as paths per look, built once (parsing the path data
/// is most of a draw's cost), and what the stage added or changed.
pub struct Prepared {
    /// Per look, its paths ([`PATH_BYTES`] of data each at most), in the order the looks first
    /// appear among the scene's edges.
    edges: Vec<(EdgeGroup, Vec<Path2d>)>,
    /// Per scene edge: its group in `edges`, its bounds and its path's pieces, read once, so a
    /// painting of part of the picture strokes only what is in view.
    shapes: Vec<EdgeShape>,
    marks: BTreeMap<String, &'static str>,
}

/// Where one edge lies: see [`Prepared`].
struct EdgeShape {
    group: usize,
    bounds: Option<Rect>,
    segments: Vec<Segment>,
}

/// A [`Prepared`] being built a piece at a time ([`Preparing::step`]): a large stage's edges
/// took the page 170–210 ms at once at 4 MB, one task, on every step between stages.
pub struct Preparing {
    /// Per look: its finished paths and the path data not handed to the browser yet.
    groups: Vec<(EdgeGroup, Vec<Path2d>, String)>,
    shapes: Vec<EdgeShape>,
    marks: BTreeMap<String, &'static str>,
}

impl Preparing {
    /// Nothing read yet; `marks` are the stage's changes by element id (`stage-added`,
    /// `stage-changed`).
    pub fn new(marks: BTreeMap<String, &'static str>) -> Preparing {
        Preparing {
            groups: Vec::new(),
            shapes: Vec::new(),
            marks,
        }
    }

    /// Reads about [`PIECE_BYTES`] more of `scene`'s edges (always the same scene), then, once
    /// every edge is read, hands the paths' last data to the browser; false when it is done.
    pub fn step(&mut self, scene: &Scene) -> bool {
        // Bytes of path data read and handed over in this piece; a piece always does something.
        let mut spent = 0_usize;
        let edges = scene.edges.get(self.shapes.len()..).unwrap_or_default();
        for edge in edges {
            if spent >= PIECE_BYTES {
                return true;
            }
            spent += edge.path.len();
            let at = self.group_of(edge);
            if let Some((_, paths, data)) = self.groups.get_mut(at) {
                data.push_str(&edge.path);
                data.push(' ');
                if data.len() >= PATH_BYTES {
                    spent += data.len();
                    paths.extend(path_of(&std::mem::take(data)));
                }
            }
            let segments = edge.segments();
            self.shapes.push(EdgeShape {
                group: at,
                bounds: bounds_of(&segments),
                segments,
            });
        }
        // Every edge read: the data left over is handed over a piece at a time too (a few dozen
        // looks can hold a few MB between them).
        for (_, paths, data) in self.groups.iter_mut().filter(|(_, _, d)| !d.is_empty()) {
            if spent > 0 && spent + data.len() > PIECE_BYTES {
                return true;
            }
            spent += data.len();
            paths.extend(path_of(&std::mem::take(data)));
        }
        false
    }

    /// The picture prepared, once [`Preparing::step`] said it is done (data not handed over
    /// yet is left out).
    pub fn finish(self) -> Prepared {
        Prepared {
            edges: self
                .groups
                .into_iter()
                .map(|(key, paths, _)| (key, paths))
                .collect(),
            shapes: self.shapes,
            marks: self.marks,
        }
    }

    /// The index of `edge`'s look in `groups`, added if new. A few dozen looks at most (kinds
    /// by services' colours): a list, not another map type in the wasm.
    fn group_of(&mut self, edge: &SceneEdge) -> usize {
        let added = self
            .marks
            .get(&edge.key)
            .is_some_and(|m| *m == "stage-added");
        let stroke = Stroke {
            kind: edge.kind,
            cross: edge.cross_owner,
        };
        let found = self
            .groups
            .iter()
            .position(|((s, color, a), _, _)| *s == stroke && *color == edge.color && *a == added);
        found.unwrap_or_else(|| {
            let key = (stroke, edge.color.clone(), added);
            self.groups.push((key, Vec::new(), String::new()));
            self.groups.len() - 1
        })
    }
}

/// `data` as a browser path (None if the browser refuses it: those edges go undrawn).
fn path_of(data: &str) -> Option<Path2d> {
    Path2d::new_with_path_string(data).ok()
}

/// Where the picture sits in the frame: translation in CSS pixels and scale, as the SVG's
/// transform would place it.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub k: f64,
}

/// Below this on-screen size (pixels) a text is not drawn: nobody reads it, and a picture
/// fitted to the screen has thousands.
const SMALLEST_TEXT: f64 = 4.0;

/// The shortest dash period (pixels on screen) drawn as dashes; shorter ones draw solid.
const MIN_DASH: f64 = 4.0;

/// Below this scale a box is painted as a plain rectangle in one colour: a table card is then
/// under 3.2 pixels tall, its outline, stripe and texts under a pixel, and a fitted 4 MB
/// picture's ten thousand boxes were most of its 100–160 ms painting (six to ten canvas calls
/// each). The colour is what the box says from afar: its owner's, or what the stage or a
/// shared write marks it with. Lines are then thinner than a third of a pixel and none is
/// dashed, so the edges are stroked whole, not gathered from what is in view.
const PLAIN_BELOW: f64 = 0.1;

/// The font of the picture's texts (`svg::STYLE`'s `.seams-graph` family).
const FAMILY: &str = "system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif";

/// Paints `scene` on the three `canvases` (back: databases and cluster frames; edges; front:
/// database headers and nodes), each sized to the frame (`width`×`height` CSS pixels at
/// `ratio` device pixels each).
pub fn draw(
    canvases: &[HtmlCanvasElement],
    scene: &Scene,
    prepared: &Prepared,
    at: Placement,
    size: (f64, f64, f64),
    palette: &Palette,
) {
    let (width, height, ratio) = size;
    let contexts: Vec<CanvasRenderingContext2d> = canvases
        .iter()
        .filter_map(|canvas| {
            let (w, h) = ((width * ratio).round(), (height * ratio).round());
            // Setting the size clears the canvas (and resets its state) even when unchanged.
            canvas.set_width(w.max(1.0) as u32);
            canvas.set_height(h.max(1.0) as u32);
            let context = canvas
                .get_context("2d")
                .ok()
                .flatten()?
                .dyn_into::<CanvasRenderingContext2d>()
                .ok()?;
            let k = at.k * ratio;
            let _ = context.set_transform(k, 0.0, 0.0, k, at.x * ratio, at.y * ratio);
            Some(context)
        })
        .collect();
    let [back, edges, front] = contexts.as_slice() else {
        return;
    };
    // What the frame shows, in scene units: only what falls in it is drawn.
    let seen = Rect {
        x: -at.x / at.k,
        y: -at.y / at.k,
        w: width / at.k,
        h: height / at.k,
    };
    // A cluster's sheets and a badge reach a little past a node's box.
    let visible = |n: &SceneNode| overlaps(&n.rect, &seen, 12.0);
    let texts = at.k * 11.0 >= SMALLEST_TEXT;
    let painter = Painter {
        palette,
        texts,
        marks: &prepared.marks,
    };
    back.set_fill_style_str(&palette.bg);
    back.fill_rect(0.0, 0.0, scene.width, scene.height);
    let plain = at.k < PLAIN_BELOW;
    let databases = scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Database && visible(n));
    if plain {
        painter.plain_databases(back, databases);
    } else {
        databases.for_each(|node| painter.database(back, node));
    }
    for group in &scene.groups {
        painter.group(back, group);
    }
    painter.edges(edges, prepared, scene, (&seen, at.k));
    if texts {
        for node in scene
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Database && visible(n))
        {
            painter.database_head(front, node);
        }
    }
    let others = scene
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Database && visible(n));
    if plain {
        painter.plain_boxes(front, others);
    } else {
        others.for_each(|node| painter.node(front, node));
    }
}

/// What every shape is painted with.
struct Painter<'a> {
    palette: &'a Palette,
    texts: bool,
    marks: &'a BTreeMap<String, &'static str>,
}

/// The part of the line from `a` to `b` inside `room` (Liang–Barsky), or None.
fn clipped(a: (f64, f64), b: (f64, f64), room: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - room.x),
        (dx, room.right() - a.0),
        (-dy, a.1 - room.y),
        (dy, room.bottom() - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// Whether `a` reaches within `margin` of `b`.
fn overlaps(a: &Rect, b: &Rect, margin: f64) -> bool {
    a.right() + margin >= b.x
        && a.x - margin <= b.right()
        && a.bottom() + margin >= b.y
        && a.y - margin <= b.bottom()
}

/// Adds `r` to the path of colour `ink` in `inks`.
fn add_rect<'k>(inks: &mut Vec<(&'k str, Path2d)>, ink: &'k str, r: Rect) {
    if let Some((_, path)) = inks.iter().find(|(i, _)| *i == ink) {
        path.rect(r.x, r.y, r.w, r.h);
    } else if let Ok(path) = Path2d::new() {
        path.rect(r.x, r.y, r.w, r.h);
        inks.push((ink, path));
    }
}

/// A finding's badge's colour (`svg::badge`).
fn badge_ink(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "#c62828",
        Severity::Warning => "#b45309",
        Severity::Info => "#1565c0",
    }
}

/// A rounded rectangle's path.
fn rounded(c: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64, r: f64) {
    c.begin_path();
    let _ = c.round_rect_with_f64(x, y, w, h, r);
}

fn dashes(c: &CanvasRenderingContext2d, pattern: &[f64]) {
    let list: js_sys::Array = pattern
        .iter()
        .map(|d| wasm_bindgen::JsValue::from(*d))
        .collect();
    let _ = c.set_line_dash(&list);
}

impl Painter<'_> {
    fn text(&self, c: &CanvasRenderingContext2d, text: &str, at: (f64, f64), look: (&str, &str)) {
        let (font, fill) = look;
        c.set_font(&format!("{font} {FAMILY}"));
        c.set_fill_style_str(fill);
        let _ = c.fill_text(text, at.0, at.1);
    }

    fn database(&self, c: &CanvasRenderingContext2d, node: &SceneNode) {
        let r = &node.rect;
        rounded(c, r.x, r.y, r.w, r.h, 14.0);
        c.set_fill_style_str(&self.palette.db);
        c.fill();
        c.set_stroke_style_str(&self.palette.db_line);
        c.set_line_width(1.5);
        dashes(c, &[]);
        c.stroke();
    }

    fn database_head(&self, c: &CanvasRenderingContext2d, node: &SceneNode) {
        let r = &node.rect;
        c.set_text_align("left");
        // The header's halo: a line passing under the name breaks around it.
        c.set_line_width(6.0);
        c.set_line_join("round");
        c.set_stroke_style_str(&self.palette.db);
        dashes(c, &[]);
        c.set_font(&format!("700 14px {FAMILY}"));
        let _ = c.stroke_text(&node.label, r.x + 16.0, r.y + 21.0);
        self.text(
            c,
            &node.label,
            (r.x + 16.0, r.y + 21.0),
            ("700 14px", &self.palette.ink),
        );
        c.set_text_align("right");
        self.text(
            c,
            &node.detail,
            (r.right() - 16.0, r.y + 21.0),
            ("11px", &self.palette.muted),
        );
        c.set_text_align("left");
    }

    fn group(&self, c: &CanvasRenderingContext2d, group: &seams_core::scene::SceneGroup) {
        let r = &group.rect;
        rounded(c, r.x, r.y, r.w, r.h, 10.0);
        c.set_stroke_style_str(&self.palette.db_line);
        c.set_line_width(1.5);
        dashes(c, &[5.0, 4.0]);
        c.stroke();
        dashes(c, &[]);
        rounded(c, r.x, r.y, 6.0, r.h, 3.0);
        c.set_fill_style_str(&group.color);
        c.fill();
        if self.texts {
            let y = r.y + GROUP_HEAD - 9.0;
            self.text(
                c,
                &group.label,
                (r.x + 16.0, y),
                ("600 12px", &self.palette.ink),
            );
            c.set_text_align("right");
            self.text(
                c,
                "− fold",
                (r.right() - 12.0, y),
                ("12px", &self.palette.muted),
            );
            c.set_text_align("left");
        }
    }

    fn edges(
        &self,
        c: &CanvasRenderingContext2d,
        prepared: &Prepared,
        scene: &Scene,
        view: (&Rect, f64),
    ) {
        let (seen, k) = view;
        let in_view = |shape: &EdgeShape| shape.bounds.is_some_and(|b| overlaps(&b, seen, 8.0));
        // Stroking a path costs its whole length, in view or not (Skia builds every dash and,
        // once a line is wider than a pixel, its outline: a view at 1:1 of a 1 MB input's
        // stage 4 took 500 ms to raster). A view of part of the picture is stroked from the
        // pieces of the edges in it, cut at its edges; the whole picture from the paths built
        // once.
        let whole = k < PLAIN_BELOW
            || seen.x <= 0.0
                && seen.y <= 0.0
                && seen.right() >= scene.width
                && seen.bottom() >= scene.height;
        let mut gathered: Vec<Path2d> = Vec::new();
        if !whole {
            let room = Rect {
                x: seen.x - 20.0,
                y: seen.y - 20.0,
                w: seen.w + 40.0,
                h: seen.h + 40.0,
            };
            gathered = prepared
                .edges
                .iter()
                .filter_map(|_| Path2d::new().ok())
                .collect();
            for shape in prepared.shapes.iter().filter(|s| in_view(s)) {
                let Some(path) = gathered.get(shape.group) else {
                    continue;
                };
                for segment in &shape.segments {
                    match *segment {
                        Segment::Line(a, b) => {
                            if let Some((a, b)) = clipped(a, b, &room) {
                                path.move_to(a.0, a.1);
                                path.line_to(b.0, b.1);
                            }
                        }
                        Segment::Corner(a, c, b) => {
                            let x = a.0.min(b.0).min(c.0);
                            let y = a.1.min(b.1).min(c.1);
                            let w = a.0.max(b.0).max(c.0) - x;
                            let h = a.1.max(b.1).max(c.1) - y;
                            if overlaps(&Rect { x, y, w, h }, &room, 0.0) {
                                path.move_to(a.0, a.1);
                                path.quadratic_curve_to(c.0, c.1, b.0, b.1);
                            }
                        }
                    }
                }
            }
        }
        for (i, ((stroke, color, added), paths)) in prepared.edges.iter().enumerate() {
            let (width, pattern, opacity) = stroke.look();
            let ink = match (color, stroke.kind, stroke.cross) {
                (Some(color), _, _) => color.as_str(),
                (None, EdgeKind::References, true) => &self.palette.cross,
                (None, EdgeKind::References, false) => &self.palette.fk,
                (None, _, _) => &self.palette.line,
            };
            c.set_stroke_style_str(ink);
            c.set_line_width(if *added { 3.5 } else { width });
            c.set_line_cap(if stroke.kind == EdgeKind::Owns {
                "round"
            } else {
                "butt"
            });
            c.set_global_alpha(opacity);
            // A dash the screen cannot show is not drawn: dashing thousands of long paths is
            // most of a fitted picture's raster time.
            let period: f64 = pattern.iter().sum();
            dashes(c, if period * k >= MIN_DASH { pattern } else { &[] });
            match gathered.get(i) {
                Some(part) => c.stroke_with_path(part),
                None => paths.iter().for_each(|path| c.stroke_with_path(path)),
            }
        }
        c.set_global_alpha(1.0);
        dashes(c, &[]);
        // Arrowheads only where they show: at a fitted large picture they are under a pixel.
        if k >= 0.4 {
            for (shape, edge) in prepared.shapes.iter().zip(&scene.edges) {
                let end = shape.segments.last().map(|s| match *s {
                    Segment::Line(a, b) | Segment::Corner(_, a, b) => (a, b),
                });
                if let Some(end) = end.filter(|(_, at)| {
                    let point = Rect {
                        x: at.0,
                        y: at.1,
                        w: 0.0,
                        h: 0.0,
                    };
                    overlaps(&point, seen, 20.0)
                }) {
                    self.arrowhead(c, edge, end);
                }
            }
        }
    }

    /// An edge's end mark (`svg::markers`: a triangle, a chevron, a bar, a diamond or a dot),
    /// scaled with the line's width as a marker is.
    fn arrowhead(
        &self,
        c: &CanvasRenderingContext2d,
        edge: &SceneEdge,
        end: ((f64, f64), (f64, f64)),
    ) {
        let ((x0, y0), (x1, y1)) = end;
        let stroke = Stroke {
            kind: edge.kind,
            cross: edge.cross_owner,
        };
        let (width, _, _) = stroke.look();
        let ink = match (&edge.color, edge.kind, edge.cross_owner) {
            (_, EdgeKind::References, true) => self.palette.cross.as_str(),
            (_, EdgeKind::References, false) | (None, _, _) => self.palette.line.as_str(),
            (Some(color), _, _) => color.as_str(),
        };
        // Along the last segment (u) and across it (v), from the end point.
        let length = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt().max(1e-9);
        let (ux, uy) = ((x1 - x0) / length, (y1 - y0) / length);
        let at = |along: f64, across: f64| {
            (x1 + ux * along - uy * across, y1 + uy * along + ux * across)
        };
        let shape = |points: &[(f64, f64)]| {
            c.begin_path();
            for (i, (a, b)) in points.iter().enumerate() {
                let (x, y) = at(*a, *b);
                if i == 0 {
                    c.move_to(x, y);
                } else {
                    c.line_to(x, y);
                }
            }
        };
        c.set_fill_style_str(ink);
        c.set_stroke_style_str(ink);
        match edge.kind {
            EdgeKind::Writes | EdgeKind::Calls | EdgeKind::Publishes => {
                let s = 0.7 * width;
                shape(&[(-9.0 * s, -5.0 * s), (s, 0.0), (-9.0 * s, 5.0 * s)]);
                c.close_path();
                c.fill();
            }
            EdgeKind::Reads | EdgeKind::Subscribes => {
                let s = 0.8 * width;
                shape(&[(-8.0 * s, -4.0 * s), (0.0, 0.0), (-8.0 * s, 4.0 * s)]);
                c.set_line_width(1.5 * s);
                c.stroke();
            }
            EdgeKind::References => {
                let s = 0.7 * width;
                shape(&[
                    (-2.0 * s, -5.0 * s),
                    (s, -5.0 * s),
                    (s, 5.0 * s),
                    (-2.0 * s, 5.0 * s),
                ]);
                c.close_path();
                c.fill();
            }
            EdgeKind::Models => {
                let s = 0.8 * width;
                shape(&[
                    (-5.0 * s, 0.0),
                    (0.0, -5.0 * s),
                    (5.0 * s, 0.0),
                    (0.0, 5.0 * s),
                ]);
                c.close_path();
                c.fill();
            }
            EdgeKind::Owns => {
                c.begin_path();
                let _ = c.arc(x1, y1, 2.0 * width, 0.0, std::f64::consts::TAU);
                c.fill();
            }
        }
    }

    /// A node's first outline as the stage's change marks it (`styles/main.css` `stage-added`,
    /// `stage-changed`), or None.
    fn change_outline(&self, node: &SceneNode) -> Option<(&str, &'static [f64])> {
        match self.marks.get(&node.id).copied() {
            Some("stage-added") => Some(("#1b7f3b", &[])),
            Some("stage-changed") => Some((self.palette.changed.as_str(), &[2.0, 3.0])),
            _ => None,
        }
    }

    fn outline(&self, c: &CanvasRenderingContext2d, node: &SceneNode, own: (&str, f64, &[f64])) {
        let (ink, width, pattern) = match self.change_outline(node) {
            Some((ink, pattern)) => (ink, 3.0, pattern),
            None => own,
        };
        c.set_stroke_style_str(ink);
        c.set_line_width(width);
        dashes(c, pattern);
        c.stroke();
        dashes(c, &[]);
    }

    fn node(&self, c: &CanvasRenderingContext2d, node: &SceneNode) {
        let r = &node.rect;
        let palette = self.palette;
        c.set_text_align("left");
        match node.kind {
            NodeKind::Database => {}
            NodeKind::Service => {
                rounded(c, r.x, r.y, r.w, r.h, 12.0);
                c.set_fill_style_str(&node.color);
                c.fill();
                self.outline(c, node, (&node.color, 2.0, &[]));
                if self.texts {
                    let ink = label_ink(&node.color);
                    self.text(c, &node.label, (r.x + 12.0, r.y + 25.0), ("700 15px", ink));
                    if !node.detail.is_empty() {
                        self.text(c, &node.detail, (r.x + 12.0, r.y + 45.0), ("11px", ink));
                    }
                }
            }
            NodeKind::Table | NodeKind::View => {
                rounded(c, r.x, r.y, r.w, r.h, 6.0);
                c.set_fill_style_str(&palette.card);
                c.fill();
                let own: (&str, f64, &[f64]) = if node.shared_write {
                    (&palette.warn, 2.5, &[6.0, 3.0])
                } else if node.kind == NodeKind::View {
                    (&palette.db_line, 1.0, &[4.0, 3.0])
                } else {
                    (&palette.db_line, 1.0, &[])
                };
                self.outline(c, node, own);
                rounded(c, r.x, r.y, 6.0, r.h, 2.0);
                c.set_fill_style_str(&node.color);
                c.fill();
                if self.texts {
                    self.text(
                        c,
                        &node.label,
                        (r.x + 14.0, r.y + 21.0),
                        ("13px", &palette.ink),
                    );
                    c.set_text_align("right");
                    self.text(
                        c,
                        &node.detail,
                        (r.right() - 8.0, r.y + 21.0),
                        ("11px", &palette.muted),
                    );
                    c.set_text_align("left");
                }
            }
            NodeKind::Cluster => {
                for step in [2.0, 1.0] {
                    rounded(
                        c,
                        r.x + 4.0 * step,
                        r.bottom() + 4.0 * (step - 1.0),
                        r.w,
                        4.0,
                        2.0,
                    );
                    c.set_fill_style_str(&palette.card);
                    c.fill();
                    c.set_stroke_style_str(&palette.db_line);
                    c.set_line_width(1.0);
                    c.stroke();
                }
                rounded(c, r.x, r.y, r.w, r.h, 8.0);
                c.set_fill_style_str(&palette.card);
                c.fill();
                let own: (&str, f64, &[f64]) = if node.shared_write {
                    (&palette.warn, 2.5, &[6.0, 3.0])
                } else {
                    (&palette.db_line, 1.5, &[])
                };
                self.outline(c, node, own);
                rounded(c, r.x, r.y, 10.0, r.h, 3.0);
                c.set_fill_style_str(&node.color);
                c.fill();
                if self.texts {
                    self.text(
                        c,
                        &node.label,
                        (r.x + 20.0, r.y + 25.0),
                        ("700 14px", &palette.ink),
                    );
                    self.text(
                        c,
                        &node.detail,
                        (r.x + 20.0, r.y + 46.0),
                        ("11px", &palette.ink),
                    );
                    c.set_text_align("right");
                    self.text(
                        c,
                        "+",
                        (r.right() - 10.0, r.y + 46.0),
                        ("11px", &palette.muted),
                    );
                    c.set_text_align("left");
                }
            }
            NodeKind::Topic | NodeKind::Api | NodeKind::Library => {
                let library = node.kind == NodeKind::Library;
                rounded(c, r.x, r.y, r.w, r.h, if library { 4.0 } else { r.h / 2.0 });
                c.set_fill_style_str(if library {
                    &palette.card
                } else {
                    &palette.pill
                });
                c.fill();
                let ink = if node.color.is_empty() {
                    palette.line.as_str()
                } else {
                    node.color.as_str()
                };
                let pattern: &[f64] = if library { &[4.0, 2.0] } else { &[] };
                self.outline(c, node, (ink, 1.2, pattern));
                if self.texts {
                    c.set_text_align("center");
                    self.text(
                        c,
                        &node.label,
                        (r.cx(), r.y + r.h / 2.0 + 4.5),
                        ("13px", &palette.ink),
                    );
                    c.set_text_align("left");
                }
            }
        }
        self.badge(c, node);
    }

    /// Databases' frames below [`PLAIN_BELOW`]: one path of plain rectangles, filled and
    /// outlined once.
    fn plain_databases<'n>(
        &self,
        c: &CanvasRenderingContext2d,
        nodes: impl Iterator<Item = &'n SceneNode>,
    ) {
        let Ok(path) = Path2d::new() else { return };
        for node in nodes {
            let r = &node.rect;
            path.rect(r.x, r.y, r.w, r.h);
        }
        c.set_fill_style_str(&self.palette.db);
        c.fill_with_path_2d(&path);
        c.set_stroke_style_str(&self.palette.db_line);
        c.set_line_width(1.5);
        dashes(c, &[]);
        c.stroke_with_path(&path);
    }

    /// Boxes below [`PLAIN_BELOW`]: a plain rectangle each, in the colour it shows from afar
    /// ([`Painter::plain_ink`]), one path and one fill per colour; a finding's badge as a square
    /// of its colour, above them.
    fn plain_boxes<'n>(
        &'n self,
        c: &CanvasRenderingContext2d,
        nodes: impl Iterator<Item = &'n SceneNode>,
    ) {
        // A dozen colours at most (`scene::PALETTE`, the marks): lists, not another map type in
        // the wasm.
        let mut fills: Vec<(&str, Path2d)> = Vec::new();
        let mut badges: Vec<(&str, Path2d)> = Vec::new();
        for node in nodes {
            add_rect(&mut fills, self.plain_ink(node), node.rect);
            if let Some(severity) = node.badge {
                let (x, y) = (node.rect.right() - 2.0, node.rect.y + 2.0);
                let square = Rect {
                    x: x - 8.0,
                    y: y - 8.0,
                    w: 16.0,
                    h: 16.0,
                };
                add_rect(&mut badges, badge_ink(severity), square);
            }
        }
        for (ink, path) in fills.iter().chain(&badges) {
            c.set_fill_style_str(ink);
            c.fill_with_path_2d(path);
        }
    }

    /// The colour a box shows from afar: a service's body; else what the stage marks it with
    /// (added, changed), a shared write's warning, or its owner's colour (a card's stripe) or
    /// its outline's (a topic's or an API's pill). A card's own white would not show on its
    /// database's grey.
    fn plain_ink<'n>(&'n self, node: &'n SceneNode) -> &'n str {
        if node.kind == NodeKind::Service {
            return &node.color;
        }
        if let Some((ink, _)) = self.change_outline(node) {
            return ink;
        }
        if node.shared_write {
            return &self.palette.warn;
        }
        if node.color.is_empty() {
            return &self.palette.line;
        }
        &node.color
    }

    /// A finding's badge in the node's top-right corner (`svg::badge`).
    fn badge(&self, c: &CanvasRenderingContext2d, node: &SceneNode) {
        let Some(severity) = node.badge else { return };
        let fill = badge_ink(severity);
        let mark = match severity {
            Severity::Error | Severity::Warning => "!",
            Severity::Info => "i",
        };
        let (x, y) = (node.rect.right() - 2.0, node.rect.y + 2.0);
        c.begin_path();
        let _ = c.arc(x, y, 8.0, 0.0, std::f64::consts::TAU);
        c.set_fill_style_str(fill);
        c.fill();
        c.set_stroke_style_str("#ffffff");
        c.set_line_width(1.5);
        c.stroke();
        if self.texts {
            c.set_text_align("center");
            self.text(c, mark, (x, y + 4.0), ("700 11px", "#ffffff"));
            c.set_text_align("left");
        }
    }
}
