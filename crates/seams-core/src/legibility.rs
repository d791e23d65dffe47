//! Legibility of a drawn scene (issue 17): how many places edges cross, and how many edges are
//! drawn through a box that is not one of their ends. Measured on the drawn geometry itself (the
//! path data the SVG carries), so the numbers are what a reader sees. The legibility example
//! (`cargo run --release -p seams-core --example legibility`) prints them beside Graphviz `dot`'s
//! on the same graph; the integration tests hold every gallery picture to "no edge through a
//! box".

use crate::graph::NodeKind;
use crate::layout::Rect;
use crate::scene::Scene;
use std::collections::BTreeSet;

/// A point in scene units.
pub type Point = (f64, f64);

/// Samples per curve segment when flattening a path.
const CURVE_STEPS: usize = 12;

/// How far inside a box a line must run to count as drawn through it (so a line along a box's
/// border or a rounded corner's edge does not count).
const INSET: f64 = 2.0;

/// Crossings closer than this (scene units) are one place.
const PLACE: f64 = 3.0;

/// The points of SVG path data made of absolute `M`, `L`, `H`, `V`, `Q` and `C` commands (what
/// the scene and Graphviz produce), curves flattened into short straight pieces. Each `M` starts
/// a new polyline.
pub fn polylines(path: &str) -> Vec<Vec<Point>> {
    let mut out: Vec<Vec<Point>> = Vec::new();
    let mut numbers: Vec<f64> = Vec::new();
    let mut command = ' ';
    let mut current: Vec<Point> = Vec::new();
    let mut pen: Point = (0.0, 0.0);
    let mut flush = |command: char, numbers: &mut Vec<f64>, current: &mut Vec<Point>| {
        apply(command, numbers, current, &mut pen, &mut out);
        numbers.clear();
    };
    let mut token = String::new();
    for c in path.chars().chain(std::iter::once(' ')) {
        let starts_number = c == '-' && !token.is_empty() && !token.ends_with('e');
        if c.is_ascii_digit() || c == '.' || (c == '-' && !starts_number) || c == 'e' {
            if c == '.' && token.contains('.') {
                numbers.extend(token.parse::<f64>().ok());
                token.clear();
            }
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            numbers.extend(token.parse::<f64>().ok());
            token.clear();
        }
        if starts_number {
            token.push(c);
        } else if c.is_ascii_alphabetic() {
            flush(command, &mut numbers, &mut current);
            command = c;
        }
    }
    flush(command, &mut numbers, &mut current);
    if current.len() > 1 {
        out.push(current);
    }
    out
}

/// Applies one command with its numbers to the polyline being built.
fn apply(
    command: char,
    numbers: &[f64],
    current: &mut Vec<Point>,
    pen: &mut Point,
    out: &mut Vec<Vec<Point>>,
) {
    let points: Vec<Point> = numbers
        .chunks_exact(2)
        .filter_map(|p| match p {
            [x, y] => Some((*x, *y)),
            _ => None,
        })
        .collect();
    match command {
        'M' => {
            for (i, point) in points.iter().copied().enumerate() {
                if i == 0 {
                    if current.len() > 1 {
                        out.push(std::mem::take(current));
                    }
                    current.clear();
                }
                current.push(point);
                *pen = point;
            }
        }
        'L' => {
            for point in &points {
                *pen = *point;
                current.push(*pen);
            }
        }
        'H' => {
            for x in numbers {
                *pen = (*x, pen.1);
                current.push(*pen);
            }
        }
        'V' => {
            for y in numbers {
                *pen = (pen.0, *y);
                current.push(*pen);
            }
        }
        'Q' => {
            for pair in points.chunks_exact(2) {
                let [b, c] = pair else { continue };
                let (a, b, c) = (*pen, *b, *c);
                for step in 1..=CURVE_STEPS {
                    let t = step as f64 / CURVE_STEPS as f64;
                    let u = 1.0 - t;
                    current.push((
                        u * u * a.0 + 2.0 * u * t * b.0 + t * t * c.0,
                        u * u * a.1 + 2.0 * u * t * b.1 + t * t * c.1,
                    ));
                }
                *pen = c;
            }
        }
        'C' => {
            for triple in points.chunks_exact(3) {
                let [b, c, d] = triple else { continue };
                let (a, b, c, d) = (*pen, *b, *c, *d);
                current.extend(cubic(a, b, c, d));
                *pen = d;
            }
        }
        _ => {}
    }
}

/// A cubic Bézier curve flattened into [`CURVE_STEPS`] points (without its start).
pub fn cubic(a: Point, b: Point, c: Point, d: Point) -> Vec<Point> {
    (1..=CURVE_STEPS)
        .map(|step| {
            let t = step as f64 / CURVE_STEPS as f64;
            let u = 1.0 - t;
            let (k0, k1, k2, k3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            (
                k0 * a.0 + k1 * b.0 + k2 * c.0 + k3 * d.0,
                k0 * a.1 + k1 * b.1 + k2 * c.1 + k3 * d.1,
            )
        })
        .collect()
}

/// A box to keep lines out of: its id and where it is.
#[derive(Debug, Clone)]
pub struct Obstacle {
    /// The node id (an edge may run into its own ends).
    pub id: String,
    /// Where it is.
    pub rect: Rect,
}

/// One drawn edge: its ends and its lines.
#[derive(Debug, Clone)]
pub struct DrawnEdge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// The lines drawn.
    pub lines: Vec<Vec<Point>>,
}

/// What the legibility measure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Legibility {
    /// Boxes (services, topics, APIs, cards; not database frames).
    pub boxes: usize,
    /// Edges drawn.
    pub edges: usize,
    /// Places where edges cross (touching or running along each other does not count; lines
    /// crossing at one place, such as two bundles of edges, count once).
    pub crossings: usize,
    /// Edges drawn through a box that is not one of their ends.
    pub through_boxes: usize,
}

/// The boxes and edges of a scene as drawn: every node but database frames, every edge's path.
pub fn drawn(scene: &Scene) -> (Vec<Obstacle>, Vec<DrawnEdge>) {
    let boxes = scene
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Database)
        .map(|n| Obstacle {
            id: n.id.clone(),
            rect: n.rect,
        })
        .collect();
    let edges = scene
        .edges
        .iter()
        .map(|e| DrawnEdge {
            from: e.from.clone(),
            to: e.to.clone(),
            lines: polylines(&e.path),
        })
        .collect();
    (boxes, edges)
}

/// The legibility of a scene as drawn.
pub fn measure(scene: &Scene) -> Legibility {
    let (boxes, edges) = drawn(scene);
    count(&boxes, &edges)
}

/// How many of the scene's edges are drawn through a box that is not one of their ends (the
/// cheap half of [`measure`], for tests).
pub fn edges_through_boxes(scene: &Scene) -> usize {
    let (boxes, edges) = drawn(scene);
    edges
        .iter()
        .filter(|edge| through(&boxes, edge, &segments_of(edge)))
        .count()
}

/// Whether an edge runs through a box that is not one of its ends.
fn through(boxes: &[Obstacle], edge: &DrawnEdge, segments: &[(Point, Point)]) -> bool {
    boxes.iter().any(|b| {
        b.id != edge.from && b.id != edge.to && segments.iter().any(|s| enters(s, &b.rect))
    })
}

/// Counts crossings and edges through boxes.
pub fn count(boxes: &[Obstacle], edges: &[DrawnEdge]) -> Legibility {
    let segments: Vec<Vec<(Point, Point)>> = edges.iter().map(segments_of).collect();
    let bounds: Vec<Option<Rect>> = segments.iter().map(|s| bounds(s)).collect();
    let mut places: BTreeSet<(i64, i64)> = BTreeSet::new();
    for (i, a) in segments.iter().enumerate() {
        for (j, b) in segments.iter().enumerate().skip(i + 1) {
            let (Some(ba), Some(bb)) = (
                bounds.get(i).copied().flatten(),
                bounds.get(j).copied().flatten(),
            ) else {
                continue;
            };
            if !touch(&ba, &bb) {
                continue;
            }
            for s in a {
                for t in b {
                    if let Some(p) = crossing(*s, *t) {
                        // Places closer than a line's width are one place.
                        places.insert(((p.0 / PLACE).round() as i64, (p.1 / PLACE).round() as i64));
                    }
                }
            }
        }
    }
    let through_boxes = edges
        .iter()
        .zip(&segments)
        .filter(|(edge, segs)| through(boxes, edge, segs))
        .count();
    Legibility {
        boxes: boxes.len(),
        edges: edges.len(),
        crossings: places.len(),
        through_boxes,
    }
}

/// The straight pieces of an edge's lines.
fn segments_of(edge: &DrawnEdge) -> Vec<(Point, Point)> {
    edge.lines
        .iter()
        .flat_map(|line| {
            line.windows(2)
                .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
        })
        .collect()
}

/// The bounding box of some segments.
fn bounds(segments: &[(Point, Point)]) -> Option<Rect> {
    let mut points = segments.iter().flat_map(|(a, b)| [a, b]);
    let first = points.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.0, first.1, first.0, first.1);
    for p in points {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

/// Whether two rectangles meet (borders included).
fn touch(a: &Rect, b: &Rect) -> bool {
    a.x <= b.right() && b.x <= a.right() && a.y <= b.bottom() && b.y <= a.bottom()
}

/// The sign of the turn from `a→b` to `a→c`.
fn orient(a: Point, b: Point, c: Point) -> f64 {
    let v = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    if v.abs() < 1e-9 {
        0.0
    } else {
        v.signum()
    }
}

/// Where two segments cross properly (each one's ends strictly on both sides of the other);
/// None when they touch, meet at an end, run along each other or miss.
fn crossing(s: (Point, Point), t: (Point, Point)) -> Option<Point> {
    let (a, b) = s;
    let (c, d) = t;
    if orient(a, b, c) * orient(a, b, d) >= 0.0 || orient(c, d, a) * orient(c, d, b) >= 0.0 {
        return None;
    }
    let (rx, ry) = (b.0 - a.0, b.1 - a.1);
    let (sx, sy) = (d.0 - c.0, d.1 - c.1);
    let denominator = rx * sy - ry * sx;
    let t = ((c.0 - a.0) * sy - (c.1 - a.1) * sx) / denominator;
    Some((a.0 + t * rx, a.1 + t * ry))
}

/// Whether a segment runs into the inside of `rect` ([`INSET`] in from its border): clipped
/// against the shrunk rectangle (Liang–Barsky), a piece of positive length remains.
pub fn enters(segment: &(Point, Point), rect: &Rect) -> bool {
    let (x0, y0, x1, y1) = (
        rect.x + INSET,
        rect.y + INSET,
        rect.right() - INSET,
        rect.bottom() - INSET,
    );
    if x1 <= x0 || y1 <= y0 {
        return false;
    }
    let ((ax, ay), (bx, by)) = *segment;
    let (dx, dy) = (bx - ax, by - ay);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)] {
        if p.abs() < 1e-12 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t1 - t0) * (dx * dx + dy * dy).sqrt() > 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_flatten_into_their_points() {
        let lines = polylines("M0 0 L10 0 V10 H-5");
        assert_eq!(
            lines,
            vec![vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (-5.0, 10.0)]]
        );
        let curve = polylines("M0 0 C0 10 10 10 10 20");
        assert_eq!(curve.first().map(Vec::len), Some(CURVE_STEPS + 1));
        assert_eq!(
            curve.first().and_then(|l| l.last()).copied(),
            Some((10.0, 20.0))
        );
        assert_eq!(polylines("M0 0L1 1M5 5L6 6").len(), 2);
        assert_eq!(polylines("M1.5-2L3 4"), vec![vec![(1.5, -2.0), (3.0, 4.0)]]);
    }

    fn edge(from: &str, to: &str, path: &str) -> DrawnEdge {
        DrawnEdge {
            from: from.into(),
            to: to.into(),
            lines: polylines(path),
        }
    }

    #[test]
    fn counts_crossings_but_not_touches_or_shared_runs() {
        let edges = [
            edge("a", "b", "M0 0 L10 10"),
            edge("c", "d", "M0 10 L10 0"),
            // Runs along the first edge's start and turns off below the crossing: it crosses
            // nothing (the second edge only touches its corner).
            edge("a", "e", "M0 0 L5 5 L5 20"),
            // Crosses the vertical run once.
            edge("f", "g", "M0 15 L10 15"),
        ];
        let counted = count(&[], &edges);
        assert_eq!(
            counted.crossings, 2,
            "x crosses both; the shared run is not a crossing"
        );
    }

    #[test]
    fn counts_edges_through_boxes_that_are_not_their_ends() {
        let boxes = [
            Obstacle {
                id: "a".into(),
                rect: Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 10.0,
                    h: 10.0,
                },
            },
            Obstacle {
                id: "m".into(),
                rect: Rect {
                    x: 40.0,
                    y: 0.0,
                    w: 10.0,
                    h: 10.0,
                },
            },
        ];
        let through = edge("a", "b", "M5 5 L100 5");
        let along = edge("a", "c", "M5 0 L100 0");
        let counted = count(&boxes, &[through, along]);
        assert_eq!(
            counted.through_boxes, 1,
            "along the top border does not count"
        );
    }
}
