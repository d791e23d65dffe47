//! Edge routing (issue 17): every edge runs in the gutters, never through a box.
//!
//! The picture is horizontal bands of boxes (service rows, topic/API rows, rows of database
//! frames; inside each database, rows of cards). Boxes whose heights overlap make one band; the
//! space between two bands is a channel. An edge leaves its box from the bottom or top side,
//! runs along a track of the channel it is in, passes the next band through a gap between its
//! boxes, and so on until the channel beside its other end, then enters that box. An edge into a
//! card enters its database through the frame's top and fans out in the database's own
//! channels. Edges are orthogonal with rounded corners.
//!
//! Bundling: every edge between the same two outer boxes (a service and a database, say) is one
//! bundle and shares its port, tracks, gaps and entry point, so a service with 30 tables draws
//! one trunk to the database that fans out inside it. Different bundles get different tracks
//! and gap positions, ordered so that lines heading the same way do not cross.
//!
//! Routing happens in two passes: the first plans each edge as a sequence of symbolic places
//! (a track of a channel, a place in a gap, a port on a box side); the second gives each
//! bundle its own offset in every place it uses, then the plans become path data. Between the
//! two, each track's bundles are reordered where the hints (from nominal places) left two runs
//! crossing that would not cross the other way round (`untangle`).

use crate::layout::Rect;
use crate::order;
use crate::order::Collect;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Space kept between a line and a box side.
const CLEAR: f64 = 4.0;
/// Widest spacing between neighbouring lines in a track or gap.
const SPACING: f64 = 5.0;
/// Widest spacing between neighbouring ports on a box side.
const PORT_SPACING: f64 = 14.0;
/// A gap at least this wide is open ground: lines pass where they are, without a slot.
const OPEN: f64 = 70.0;

/// A box the router avoids and connects: a node of the scene.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Node id.
    pub id: String,
    /// Where it is (including anything drawn just outside it, such as a cluster's sheets).
    pub rect: Rect,
    /// True for a database frame (its cards are inside it; lines enter it only from the top).
    pub container: bool,
}

/// One edge to route: its ends, and whether it is drawn from `to` back to `from`.
#[derive(Debug, Clone)]
pub struct Request {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// Draw the path from `to` to `from` (reads and subscriptions show where data flows).
    pub reversed: bool,
}

/// Which side of a box a line leaves or enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Top,
    Bottom,
}

/// A place shared by several bundles, each getting its own offset: a channel's track (a y), a
/// gap of a band or a port of a box side (an x).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// Channel `channel` of level `level` (0 = the picture, 1 + i = database i).
    Track { level: usize, channel: usize },
    /// Gap `gap` of band `band` of level `level`.
    Gap {
        level: usize,
        band: usize,
        gap: usize,
    },
    /// A side of a node (ports).
    Port { node: usize, side: Side },
    /// The top of database `level - 1`, where lines enter it.
    Entry { level: usize },
}

/// A coordinate: known, or an offset in a shared place to be given out.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Coord {
    Fixed(f64),
    /// Place number and bundle.
    Slot(usize, usize),
}

/// One horizontal band of boxes.
#[derive(Debug, Clone)]
struct Band {
    top: f64,
    bottom: f64,
    /// Free x-intervals between (and beside) its boxes, left to right.
    gaps: Vec<(f64, f64)>,
}

impl Band {
    /// Where a line at `x` would pass gap `i` (None for a gap too narrow to pass): where it is,
    /// kept 8 from the sides, in open ground ([`OPEN`]); else the gap's middle. Never decreases
    /// from one gap to the next (the gaps are sorted and disjoint).
    fn pass_at(&self, i: usize, x: f64) -> Option<f64> {
        let (lo, hi) = self.gaps.get(i)?;
        let (lo, hi) = (lo + CLEAR, hi - CLEAR);
        if hi < lo {
            None
        } else if hi - lo >= OPEN {
            Some(x.max(lo + 8.0).min(hi - 8.0))
        } else {
            Some((lo + hi) / 2.0)
        }
    }

    /// The gap that makes the shortest way from `x` to `target` and where the line passes it:
    /// the first gap passed between the two when there is one (every such way is equally
    /// short), else the nearer of the last gap before them and the first after (the earlier on
    /// a tie). The way's length only falls and then rises from gap to gap, so the two are found
    /// by bisection rather than by measuring every gap of the band.
    fn shortest(&self, x: f64, target: f64) -> Option<(usize, f64)> {
        let (least, most) = (x.min(target), x.max(target));
        // Where a gap too narrow to pass would be passed, for the bisection only: its middle.
        let key = |i: usize| {
            self.pass_at(i, x)
                .or_else(|| self.gaps.get(i).map(|(lo, hi)| (lo + hi) / 2.0))
                .unwrap_or(f64::MAX)
        };
        let count = self.gaps.len();
        let first_at_or_after = {
            let (mut lo, mut hi) = (0, count);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if key(mid) < least {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let after = (first_at_or_after..count).find_map(|i| Some((i, self.pass_at(i, x)?)));
        let before = (0..first_at_or_after)
            .rev()
            .find_map(|i| Some((i, self.pass_at(i, x)?)));
        let cost = |at: f64| (at - x).abs() + (at - target).abs();
        match (before, after) {
            (_, Some((i, at))) if at <= most => Some((i, at)),
            (Some(b), Some(a)) => Some(if cost(a.1) < cost(b.1) { a } else { b }),
            (b, a) => b.or(a),
        }
    }
}

/// The bands of one level (the whole picture, or one database's inside).
#[derive(Debug, Clone)]
struct Level {
    bands: Vec<Band>,
    /// Top of channel 0 and bottom of the last channel.
    top: f64,
    bottom: f64,
    /// The x-range the bands' gaps lie in.
    left: f64,
    right: f64,
    /// Where the boxes of runs of bands are ([`Covered`]).
    covered: Covered,
}

/// A segment tree over a level's bands: for each node, the x-spans its bands' boxes cover,
/// merged and sorted. It finds the first band in a range that a vertical line would hit
/// without visiting each band: a line from the services to a database ten rows down passes
/// every row between, and checking them one by one made routing grow faster than the picture.
#[derive(Debug, Clone, Default)]
struct Covered {
    /// Leaves: a power of two, at least the number of bands.
    size: usize,
    /// Node `i` (1 = root; `2i`, `2i + 1` its children) → merged spans.
    nodes: Vec<Spans>,
}

impl Covered {
    fn new(bands: &[Spans]) -> Covered {
        let size = bands.len().next_power_of_two().max(1);
        let mut nodes: Vec<Spans> = vec![Vec::new(); 2 * size];
        for (i, spans) in bands.iter().enumerate() {
            if let Some(node) = nodes.get_mut(size + i) {
                *node = merged(spans.clone());
            }
        }
        for i in (1..size).rev() {
            let both: Spans = [2 * i, 2 * i + 1]
                .iter()
                .filter_map(|c| nodes.get(*c))
                .flatten()
                .copied()
                .collect();
            if let Some(node) = nodes.get_mut(i) {
                *node = merged(both);
            }
        }
        Covered { size, nodes }
    }

    /// Whether node `node`'s spans meet the open interval `lo..hi`.
    fn meets(&self, node: usize, lo: f64, hi: f64) -> bool {
        let Some(spans) = self.nodes.get(node) else {
            return false;
        };
        let i = spans.partition_point(|(_, end)| *end <= lo);
        spans.get(i).is_some_and(|(start, _)| *start < hi)
    }

    /// The first band of `from..=to` (counted from `from`'s side: upward when `to < from`)
    /// whose boxes meet the open interval `lo..hi`.
    fn first(&self, from: usize, to: usize, lo: f64, hi: f64) -> Option<usize> {
        let (a, b) = (from.min(to), from.max(to));
        self.search(1, 0, self.size, (a, b), to < from, (lo, hi))
    }

    fn search(
        &self,
        node: usize,
        start: usize,
        end: usize,
        (a, b): (usize, usize),
        upward: bool,
        (lo, hi): (f64, f64),
    ) -> Option<usize> {
        if end <= a || start > b || !self.meets(node, lo, hi) {
            return None;
        }
        if end - start == 1 {
            return Some(start);
        }
        let mid = start + (end - start) / 2;
        let halves = [(2 * node, start, mid), (2 * node + 1, mid, end)];
        let order = if upward { [1, 0] } else { [0, 1] };
        order
            .iter()
            .filter_map(|k| halves.get(*k))
            .find_map(|&(n, s, e)| self.search(n, s, e, (a, b), upward, (lo, hi)))
    }
}

/// Spans sorted and merged where they overlap or touch.
fn merged(mut spans: Spans) -> Spans {
    order::sort_by(&mut spans, |a, b| a.0.total_cmp(&b.0));
    let mut out: Spans = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The x-spans of a band's boxes.
type Spans = Vec<(f64, f64)>;

impl Level {
    /// Builds bands from boxes (merging boxes whose heights overlap) within `left..right`.
    fn new(mut rects: Vec<Rect>, left: f64, right: f64, top: f64, bottom: f64) -> Level {
        order::sort_by(&mut rects, |a, b| {
            a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x))
        });
        // Each band as it grows: top, bottom and its boxes' x-spans.
        let mut groups: Vec<(f64, f64, Spans)> = Vec::new();
        for r in rects {
            match groups.last_mut() {
                Some(g) if r.y < g.1 => {
                    g.1 = g.1.max(r.bottom());
                    g.2.push((r.x, r.right()));
                }
                _ => groups.push((r.y, r.bottom(), vec![(r.x, r.right())])),
            }
        }
        let covered = Covered::new(&groups.iter().map(|g| g.2.clone()).collect::<Vec<_>>());
        let bands = groups
            .into_iter()
            .map(|(top, bottom, mut spans)| {
                order::sort_by(&mut spans, |a, b| a.0.total_cmp(&b.0));
                let mut gaps = Vec::new();
                let mut x = left;
                for (a, b) in spans {
                    if a > x {
                        gaps.push((x, a));
                    }
                    x = x.max(b);
                }
                if right > x {
                    gaps.push((x, right));
                }
                Band { top, bottom, gaps }
            })
            .collect();
        Level {
            bands,
            top,
            bottom,
            left,
            right,
            covered,
        }
    }

    /// The channel a line holding `lo..hi` reaches going straight from channel `from` toward
    /// channel `to`: the one before the first band it cannot pass where it is (a box within
    /// [`CLEAR`] of it), or `to`. Gives `from` when the line does not fit between the level's
    /// sides, where no band lets it pass.
    fn straight(&self, from: usize, to: usize, (lo, hi): (f64, f64)) -> usize {
        let (lo, hi) = (lo - CLEAR, hi + CLEAR);
        if from == to || lo < self.left || hi > self.right || lo > hi {
            return from;
        }
        // Going down from channel c passes band c; going up, band c - 1.
        if to > from {
            match self.covered.first(from, to - 1, lo, hi) {
                Some(band) => band,
                None => to,
            }
        } else {
            match self.covered.first(from - 1, to, lo, hi) {
                Some(band) => band + 1,
                None => to,
            }
        }
    }

    /// The band whose height holds `y` (a box's top edge).
    fn band_at(&self, rect: &Rect) -> usize {
        // The bands are sorted and disjoint: only the first one ending below `y` can hold it.
        let i = self.bands.partition_point(|b| b.bottom <= rect.y);
        self.bands
            .get(i)
            .filter(|b| rect.y >= b.top - 0.5)
            .map_or(0, |_| i)
    }

    /// The y-range of channel `c` (above band `c`).
    fn channel(&self, c: usize) -> (f64, f64) {
        let lo = match c.checked_sub(1).and_then(|i| self.bands.get(i)) {
            Some(b) => b.bottom,
            None => self.top,
        };
        let hi = self.bands.get(c).map(|b| b.top).unwrap_or(self.bottom);
        (lo, hi)
    }
}

/// A point of a planned path.
type Planned = (Coord, Coord);

/// What each bundle needs of a shared place: its order hint.
#[derive(Default)]
struct Demand {
    /// Bundle → sort key (smaller gets the lower coordinate) and the coordinate the bundle
    /// would take on its own.
    users: BTreeMap<usize, (f64, f64)>,
}

/// The router: the levels, where each node is, and the places handed out.
struct Router<'a> {
    shapes: &'a [Shape],
    index: BTreeMap<&'a str, usize>,
    /// Database level (1 + position) of each node inside a database.
    inside: BTreeMap<usize, usize>,
    /// Node index of each database level.
    container_of: Vec<usize>,
    /// Shared so a walk can read its level while it hands out places.
    levels: Vec<Rc<Level>>,
    places: Vec<(Place, (f64, f64), f64)>,
    place_index: BTreeMap<Place, usize>,
    demands: Vec<Demand>,
    bundles: BTreeMap<(usize, usize), usize>,
    /// Of the last walk: where its first run along a channel heads, and where its last run
    /// comes from (nominal x), if it ran along any channel.
    runs: (Option<f64>, Option<f64>),
}

/// Side of a cell of [`Frames`]' grid.
const CELL: f64 = 256.0;

/// The database frames by the grid cells they cover, so that finding the frame holding a box
/// looks at the few frames near it, not at every frame (stage 4 has one per service).
struct Frames {
    cells: BTreeMap<(i64, i64), Vec<usize>>,
}

impl Frames {
    fn new(shapes: &[Shape], container_of: &[usize]) -> Frames {
        let cell = |v: f64| (v / CELL).floor() as i64;
        let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
        for (d, c) in container_of.iter().enumerate() {
            let Some(r) = shapes.get(*c).map(|s| s.rect) else {
                continue;
            };
            // As far as `contains` reaches: half a pixel beyond the frame.
            for cx in cell(r.x - 0.5)..=cell(r.right() + 0.5) {
                for cy in cell(r.y - 0.5)..=cell(r.bottom() + 0.5) {
                    cells.entry((cx, cy)).or_default().push(d);
                }
            }
        }
        Frames { cells }
    }

    /// The first frame (by position in `container_of`) that holds `rect`.
    fn holder(&self, shapes: &[Shape], container_of: &[usize], rect: &Rect) -> Option<usize> {
        let key = (
            (rect.x / CELL).floor() as i64,
            (rect.y / CELL).floor() as i64,
        );
        self.cells.get(&key)?.iter().copied().find(|&d| {
            container_of
                .get(d)
                .and_then(|&c| shapes.get(c))
                .is_some_and(|frame| contains(&frame.rect, rect))
        })
    }
}

/// Routes every request among `shapes` inside a `width`×`height` picture. Returns the corners
/// of each request's orthogonal line, in drawing order (none when an end has no shape).
pub fn route(
    shapes: &[Shape],
    requests: &[Request],
    width: f64,
    height: f64,
) -> Vec<Vec<(f64, f64)>> {
    crate::pace::at_once(route_paced(shapes, requests, width, height))
}

/// Requests planned between two pauses of [`route_paced`].
const PLANNED_BETWEEN_PAUSES: usize = 1_000;

/// [`route`], pausing after every [`PLANNED_BETWEEN_PAUSES`] lines planned and before and
/// after untangling them ([`crate::pace`]): the page draws a large picture in pieces.
pub(crate) async fn route_paced(
    shapes: &[Shape],
    requests: &[Request],
    width: f64,
    height: f64,
) -> Vec<Vec<(f64, f64)>> {
    let mut router = Router::new(shapes, width, height);
    crate::pace::pause().await;
    let mut stride = crate::pace::Stride::every(PLANNED_BETWEEN_PAUSES);
    let mut plans: Vec<Option<Vec<Planned>>> = Vec::with_capacity(requests.len());
    for request in requests {
        plans.push(router.plan(&request.from, &request.to));
        stride.over(1).await;
    }
    let (mut offsets, orders) = router.give_out();
    crate::pace::pause().await;
    router.untangle(&plans, &orders, &mut offsets).await;
    crate::pace::pause().await;
    requests
        .iter()
        .zip(plans)
        .map(|(request, plan)| {
            let Some(plan) = plan else {
                return Vec::new();
            };
            let mut points: Vec<(f64, f64)> = plan
                .iter()
                .map(|(x, y)| (resolve(*x, &offsets), resolve(*y, &offsets)))
                .collect();
            if request.reversed {
                points.reverse();
            }
            simplify(points)
        })
        .collect()
}

/// Which way a line leaves a run along a track at one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    Up,
    Down,
    /// The line ends on the track (or goes on level).
    Level,
}

/// A bundle's run along a track: where it starts and ends and which way it turns at each end.
#[derive(Debug, Clone, Copy)]
struct Run {
    ends: [(f64, Turn); 2],
}

impl Run {
    /// Whether `x` lies strictly inside the run's span.
    fn spans(&self, x: f64) -> bool {
        let [(a, _), (b, _)] = self.ends;
        a.min(b) + 0.05 < x && x < a.max(b) - 0.05
    }
}

/// The places where the runs `upper` and `lower` cross when `upper` takes the higher track:
/// the upper run's horizontal crosses the lower run's ends that turn up within its span, and
/// the lower run's horizontal crosses the upper run's ends that turn down within its span.
fn crossings_above(upper: &Run, lower: &Run) -> usize {
    let up = lower
        .ends
        .iter()
        .filter(|(x, turn)| *turn == Turn::Up && upper.spans(*x))
        .count();
    let down = upper
        .ends
        .iter()
        .filter(|(x, turn)| *turn == Turn::Down && lower.spans(*x))
        .count();
    up + down
}

/// The most bundles of one track whose order is searched: a round weighs every pair of them.
const UNTANGLE_MOST: usize = 400;

/// Pairs of runs weighed ([`untangle_runs`]) between two pauses of [`route_paced`]: a track of
/// [`UNTANGLE_MOST`] bundles is a piece of its own, smaller ones share pieces.
const PAIRS_BETWEEN_PAUSES: usize = 40_000;

/// A track's runs in an order that crosses less: from the given order (the hint order), each
/// run in turn moves to the place where the crossings it takes part in ([`crossings_above`])
/// are fewest, while that lowers them; ties keep the order. A few rounds at most.
///
/// The crossings of each pair are counted once, up front: they depend on the two runs alone,
/// not on where they stand, and the search asks for each pair about a dozen times (it was half
/// the time of drawing a large picture).
fn untangle_runs(runs: &mut Vec<(usize, Run)>) {
    let n = runs.len();
    let mut above = vec![0_u32; n * n];
    for (i, (_, upper)) in runs.iter().enumerate() {
        for (j, (_, lower)) in runs.iter().enumerate() {
            if let Some(cell) = above.get_mut(i * n + j) {
                *cell = u32::try_from(crossings_above(upper, lower)).unwrap_or(u32::MAX);
            }
        }
    }
    let crossings = |upper: usize, lower: usize| -> isize {
        above
            .get(upper * n + lower)
            .map_or(0, |&c| isize::try_from(c).unwrap_or(isize::MAX))
    };
    // The runs by their index in the given order.
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..4 {
        let mut moved = false;
        for item in order.clone() {
            let Some(from) = order.iter().position(|&o| o == item) else {
                continue;
            };
            order.remove(from);
            // Its crossings placed first, then as it passes each other run.
            let mut here: isize = order.iter().map(|&o| crossings(item, o)).sum();
            let (mut best, mut best_at) = (isize::MAX, from);
            for at in 0..=order.len() {
                if here < best || (here == best && at == from) {
                    best = here;
                    best_at = at;
                }
                if let Some(&next) = order.get(at) {
                    here += crossings(next, item) - crossings(item, next);
                }
            }
            moved |= best_at != from;
            order.insert(best_at, item);
        }
        if !moved {
            break;
        }
    }
    let mut given: Vec<Option<(usize, Run)>> = std::mem::take(runs).into_iter().map(Some).collect();
    *runs = order
        .iter()
        .filter_map(|&i| given.get_mut(i).and_then(Option::take))
        .collect();
}

/// Each bundle's coordinate in each place it uses, by (place, bundle).
type Offsets = BTreeMap<(usize, usize), f64>;

fn resolve(c: Coord, offsets: &Offsets) -> f64 {
    match c {
        Coord::Fixed(v) => v,
        Coord::Slot(place, bundle) => offsets.get(&(place, bundle)).copied().unwrap_or_default(),
    }
}

impl<'a> Router<'a> {
    fn new(shapes: &'a [Shape], width: f64, height: f64) -> Router<'a> {
        let index: BTreeMap<&str, usize> = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect_map();
        let container_of: Vec<usize> = shapes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.container)
            .map(|(i, _)| i)
            .collect();
        let mut inside = BTreeMap::new();
        let mut members: Vec<Vec<Rect>> = vec![Vec::new(); container_of.len()];
        let mut outer = Vec::new();
        let frames = Frames::new(shapes, &container_of);
        for (i, shape) in shapes.iter().enumerate() {
            if shape.container {
                outer.push(shape.rect);
                continue;
            }
            let holder = frames.holder(shapes, &container_of, &shape.rect);
            match holder {
                Some(d) => {
                    inside.insert(i, d + 1);
                    if let Some(m) = members.get_mut(d) {
                        m.push(shape.rect);
                    }
                }
                None => outer.push(shape.rect),
            }
        }
        let mut levels = vec![Rc::new(Level::new(outer, 0.0, width, 0.0, height))];
        for (d, rects) in container_of.iter().zip(members) {
            let frame = shapes.get(*d).map(|s| s.rect).unwrap_or(Rect {
                x: 0.0,
                y: 0.0,
                w: 0.0,
                h: 0.0,
            });
            let header = crate::layout::METRICS.header;
            levels.push(Rc::new(Level::new(
                rects,
                frame.x + 2.0,
                frame.right() - 2.0,
                frame.y + header,
                frame.bottom(),
            )));
        }
        Router {
            shapes,
            index,
            inside,
            container_of,
            levels,
            places: Vec::new(),
            place_index: BTreeMap::new(),
            demands: Vec::new(),
            bundles: BTreeMap::new(),
            runs: (None, None),
        }
    }

    fn rect(&self, node: usize) -> Rect {
        self.shapes.get(node).map(|s| s.rect).unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0,
        })
    }

    /// The node at the outer level standing for `node`: itself, or its database.
    fn outer(&self, node: usize) -> usize {
        match self.inside.get(&node) {
            Some(level) => self.container_of.get(level - 1).copied().unwrap_or(node),
            None => node,
        }
    }

    fn level(&self, level: usize) -> Option<Rc<Level>> {
        self.levels.get(level).cloned()
    }

    /// A slot in `place` (with the coordinate range it may use and its nominal value) for
    /// `bundle`, ordered by `hint`.
    fn slot(
        &mut self,
        place: Place,
        range: (f64, f64),
        nominal: f64,
        bundle: usize,
        hint: f64,
    ) -> Coord {
        let i = match self.place_index.get(&place) {
            Some(&i) => i,
            None => {
                let i = self.places.len();
                self.place_index.insert(place.clone(), i);
                self.places.push((place, range, nominal));
                self.demands.push(Demand::default());
                i
            }
        };
        if let Some(d) = self.demands.get_mut(i) {
            d.users.entry(bundle).or_insert((hint, nominal));
        }
        Coord::Slot(i, bundle)
    }

    /// Orders `bundle` in `place` by `hint` from now on.
    fn rehint(&mut self, place: usize, bundle: usize, hint: f64) {
        if let Some(user) = self
            .demands
            .get_mut(place)
            .and_then(|d| d.users.get_mut(&bundle))
        {
            user.0 = hint;
        }
    }

    /// Gives every bundle its coordinate in every place: spread evenly in the place's range,
    /// centred on its nominal value, in hint order. Returns a lookup by place and bundle, and
    /// each place's bundles in hint order.
    fn give_out(&self) -> (Offsets, Vec<Vec<usize>>) {
        let mut out: Offsets = BTreeMap::new();
        let mut orders: Vec<Vec<usize>> = Vec::with_capacity(self.places.len());
        for (i, ((place, (lo, hi), nominal), demand)) in
            self.places.iter().zip(&self.demands).enumerate()
        {
            let mut users: Vec<(f64, usize, f64)> = demand
                .users
                .iter()
                .map(|(b, (h, own))| (*h, *b, *own))
                .collect();
            order::sort_by(&mut users, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            orders.push(users.iter().map(|(_, bundle, _)| *bundle).collect());
            let n = users.len() as f64;
            let cap = match place {
                Place::Port { .. } | Place::Entry { .. } => PORT_SPACING,
                _ => SPACING,
            };
            let room = (hi - lo).max(0.0);
            let step = if n > 1.0 {
                cap.min(room / (n - 1.0))
            } else {
                0.0
            };
            if let Place::Entry { .. } = place {
                // Each bundle enters a database above where it comes from, pushed apart only
                // as far as the spacing needs.
                let wanted: Vec<f64> = users.iter().map(|u| u.2).collect();
                for (k, x) in spread(&wanted, step, *lo, *hi).into_iter().enumerate() {
                    if let Some((_, bundle, _)) = users.get(k) {
                        out.insert((i, *bundle), x);
                    }
                }
                continue;
            }
            let span = step * (n - 1.0);
            let start = (nominal - span / 2.0).max(*lo).min((hi - span).max(*lo));
            for (k, (_, bundle, _)) in users.iter().enumerate() {
                out.insert((i, *bundle), start + step * k as f64);
            }
        }
        (out, orders)
    }

    /// Reorders the bundles of every track so that fewer of their runs cross
    /// ([`untangle_runs`]): the hints order a track by where lines head, from nominal places, and
    /// cannot see that a line turning up crosses every line below it. The bundles keep the
    /// track's coordinates (`orders`: each place's bundles as given out); only who takes which
    /// changes.
    async fn untangle(
        &self,
        plans: &[Option<Vec<Planned>>],
        orders: &[Vec<usize>],
        offsets: &mut Offsets,
    ) {
        let tracks = self.runs_by_track(plans, orders, offsets);
        crate::pace::pause().await;
        let mut stride = crate::pace::Stride::every(PAIRS_BETWEEN_PAUSES);
        for ((place, order), runs) in orders.iter().enumerate().zip(tracks) {
            if order.len() < 2 || order.len() > UNTANGLE_MOST || runs.len() != order.len() {
                continue;
            }
            stride.over(order.len() * order.len()).await;
            // Each bundle's run, in the order given out, with the coordinate it was given.
            let mut given: Vec<(usize, Run)> = Vec::with_capacity(order.len());
            let mut ys: Vec<f64> = Vec::with_capacity(order.len());
            for bundle in order {
                if let Some(run) = runs.iter().find(|(b, _)| b == bundle) {
                    given.push(*run);
                    ys.push(offsets.get(&(place, *bundle)).copied().unwrap_or_default());
                }
            }
            untangle_runs(&mut given);
            for (y, (bundle, _)) in ys.into_iter().zip(given) {
                offsets.insert((place, bundle), y);
            }
        }
    }

    /// Every bundle's run along each track (its first edge's), by place: empty for places
    /// that are not tracks and for tracks too long to untangle (so that the search for a
    /// bundle's run already found stays within [`UNTANGLE_MOST`], whatever the picture's size).
    fn runs_by_track(
        &self,
        plans: &[Option<Vec<Planned>>],
        orders: &[Vec<usize>],
        offsets: &Offsets,
    ) -> Vec<Vec<(usize, Run)>> {
        let mut tracks: Vec<Vec<(usize, Run)>> = vec![Vec::new(); self.places.len()];
        for plan in plans.iter().flatten() {
            for (k, pair) in plan.windows(2).enumerate() {
                let [(x0, y0), (x1, y1)] = pair else { continue };
                let (Coord::Slot(place, bundle), true) = (*y0, y0 == y1) else {
                    continue;
                };
                let untangled = orders
                    .get(place)
                    .is_some_and(|o| (2..=UNTANGLE_MOST).contains(&o.len()));
                if !untangled
                    || !matches!(self.places.get(place), Some((Place::Track { .. }, _, _)))
                {
                    continue;
                }
                let Some(runs) = tracks.get_mut(place) else {
                    continue;
                };
                if runs.iter().any(|(b, _)| *b == bundle) {
                    continue;
                }
                let y = resolve(*y0, offsets);
                let turn = |neighbour: Option<&Planned>| match neighbour {
                    Some((_, ny)) => {
                        let ny = resolve(*ny, offsets);
                        if ny < y - 0.05 {
                            Turn::Up
                        } else if ny > y + 0.05 {
                            Turn::Down
                        } else {
                            Turn::Level
                        }
                    }
                    None => Turn::Level,
                };
                let before = k.checked_sub(1).and_then(|b| plan.get(b));
                runs.push((
                    bundle,
                    Run {
                        ends: [
                            (resolve(*x0, offsets), turn(before)),
                            (resolve(*x1, offsets), turn(plan.get(k + 2))),
                        ],
                    },
                ));
            }
        }
        tracks
    }

    fn bundle(&mut self, a: usize, b: usize) -> usize {
        let key = (a.min(b), a.max(b));
        let next = self.bundles.len();
        *self.bundles.entry(key).or_insert(next)
    }

    /// Plans the path from `from` to `to`; None when either has no shape.
    fn plan(&mut self, from: &str, to: &str) -> Option<Vec<Planned>> {
        let a = *self.index.get(from)?;
        let b = *self.index.get(to)?;
        if a == b {
            return Some(self.self_loop(a));
        }
        let (oa, ob) = (self.outer(a), self.outer(b));
        if oa == ob && !self.inside.contains_key(&a) {
            return None;
        }
        if oa == ob {
            let level = *self.inside.get(&a)?;
            let bundle = self.bundle(a, b);
            return Some(self.inner_pair(level, a, b, bundle));
        }
        let bundle = self.bundle(oa, ob);
        let (ba, bb) = (self.outer_band(oa), self.outer_band(ob));
        let forced_a = self.inside.contains_key(&a);
        let forced_b = self.inside.contains_key(&b);
        let (side_a, side_b) = if ba < bb {
            (Side::Bottom, Side::Top)
        } else if ba > bb {
            (Side::Top, Side::Bottom)
        } else {
            (Side::Top, Side::Top)
        };
        let side_a = if forced_a { Side::Top } else { side_a };
        let side_b = if forced_b { Side::Top } else { side_b };
        let (ra, rb) = (self.rect(oa), self.rect(ob));
        // Each end: a port on its side (or, for a card, the way out through its database's top).
        let (start, sx, snom) = self.attach(a, oa, side_a, bundle, rb.cx());
        let (end, ex, enom) = self.attach(b, ob, side_b, bundle, ra.cx());
        let channel = |band: usize, side: Side| match side {
            Side::Top => band,
            Side::Bottom => band + 1,
        };
        let (ca, cb) = (channel(ba, side_a), channel(bb, side_b));
        let walk = self.walk(0, ca, cb, (sx, snom), (ex, enom), bundle);
        // A port's place on its box follows where the line turns first (its first run), not
        // where it ends: a line that passes the next band on the left takes a port left of one
        // that heads right, so the two do not cross under the box.
        let (first, last) = self.runs;
        if let (Coord::Slot(place, _), Some(toward)) = (sx, first) {
            if !forced_a {
                self.rehint(place, bundle, toward);
            }
        }
        if let (Coord::Slot(place, _), Some(toward)) = (ex, last) {
            if !forced_b {
                self.rehint(place, bundle, toward);
            }
        }
        let mut plan = start;
        plan.extend(walk);
        plan.extend(end.into_iter().rev());
        Some(plan)
    }

    fn outer_band(&self, node: usize) -> usize {
        let r = self.rect(node);
        self.levels.first().map(|l| l.band_at(&r)).unwrap_or(0)
    }

    /// The way from node `node` (shown at the outer level as `outer`) to the outer level: its
    /// port on `side`, or for a card, up through its database's channels and out of its top.
    /// Returns the points with the x where the outer walk starts (and its nominal value).
    fn attach(
        &mut self,
        node: usize,
        outer: usize,
        side: Side,
        bundle: usize,
        toward: f64,
    ) -> (Vec<Planned>, Coord, f64) {
        let r = self.rect(node);
        let Some(&level) = self.inside.get(&node) else {
            let x = self.port(node, side, bundle, toward);
            let y = match side {
                Side::Top => r.y,
                Side::Bottom => r.bottom(),
            };
            return (vec![(x, Coord::Fixed(y))], x, r.cx());
        };
        let frame = self.rect(outer);
        let band = self.levels.get(level).map(|l| l.band_at(&r)).unwrap_or(0);
        let x = self.port(node, Side::Top, bundle, toward);
        let (lo, hi) = (frame.x + 24.0, (frame.right() - 24.0).max(frame.x + 24.0));
        let entry_nominal = toward.max(lo).min(hi);
        let entry = self.slot(
            Place::Entry { level },
            (lo, hi),
            entry_nominal,
            bundle,
            toward,
        );
        let mut plan = vec![(x, Coord::Fixed(r.y))];
        plan.extend(self.walk(level, band, 0, (x, r.cx()), (entry, entry_nominal), bundle));
        plan.push((entry, Coord::Fixed(frame.y)));
        (plan, entry, entry_nominal)
    }

    /// A port on a side of `node` for `bundle`, ordered by where the bundle goes.
    fn port(&mut self, node: usize, side: Side, bundle: usize, toward: f64) -> Coord {
        let r = self.rect(node);
        let inset = (r.w * 0.12).min(20.0);
        self.slot(
            Place::Port { node, side },
            (r.x + inset, r.right() - inset),
            r.cx(),
            bundle,
            toward,
        )
    }

    /// The walk in `level` from channel `from` (entered at x `sx`) to channel `to` (left at x
    /// `ex`): a track in each channel, a gap through each band between. Starts with the first
    /// channel's track at `sx`, ends at the last channel's track at `ex`.
    fn walk(
        &mut self,
        level: usize,
        from: usize,
        to: usize,
        (sx, snom): (Coord, f64),
        (ex, ex_nominal): (Coord, f64),
        bundle: usize,
    ) -> Vec<Planned> {
        let Some(lv) = self.level(level) else {
            return Vec::new();
        };
        let mut plan: Vec<Planned> = Vec::new();
        self.runs = (None, None);
        let mut x = sx;
        let mut nominal_x = snom;
        let mut channel = from;
        loop {
            // Straight on through every band the line passes where it is.
            if let Some(range) = self.range_of(x) {
                channel = lv.straight(channel, to, range);
            }
            let (lo, hi) = lv.channel(channel);
            let next = if to > channel {
                Some(channel + 1)
            } else if to < channel {
                Some(channel - 1)
            } else {
                None
            };
            // Where the line leaves this channel: the next band does not let it pass where it is
            // (`straight` went on through every band that did), so through the gap of that band
            // that makes the shortest way, or at `ex` in the last channel.
            let (out_x, out_nominal) = match next {
                Some(n) => {
                    let band = if n > channel { channel } else { n };
                    self.pass(level, &lv, band, nominal_x, ex_nominal, bundle)
                }
                None => (ex, ex_nominal),
            };
            if out_x == x {
                // No run along this channel: the line goes straight through it.
                x = out_x;
                match next {
                    Some(n) => {
                        channel = n;
                        continue;
                    }
                    None => break,
                }
            }
            // Lines heading right take the upper tracks, the one coming from further right (or,
            // from one port, going further right) highest; lines heading left below them, the
            // one from further left highest. Lines so stacked do not cross each other.
            let hint = if out_nominal >= nominal_x {
                -nominal_x - out_nominal * 1e-4
            } else {
                nominal_x + out_nominal * 1e-4 + 1e6
            };
            let hint = if to < from { -hint } else { hint };
            let track = self.slot(
                Place::Track { level, channel },
                (lo + CLEAR, hi - CLEAR),
                (lo + hi) / 2.0,
                bundle,
                hint,
            );
            plan.push((x, track));
            plan.push((out_x, track));
            self.runs = (self.runs.0.or(Some(out_nominal)), Some(nominal_x));
            x = out_x;
            nominal_x = out_nominal;
            match next {
                Some(n) => channel = n,
                None => break,
            }
        }
        plan
    }

    /// Where a line at `x` may end up: the value itself, or its place's range (None for an
    /// unknown place).
    fn range_of(&self, x: Coord) -> Option<(f64, f64)> {
        match x {
            Coord::Fixed(v) => Some((v, v)),
            Coord::Slot(place, _) => self.places.get(place).map(|p| p.1),
        }
    }

    /// Where a line at `x` heading for `target` passes band `band`: straight on through open
    /// ground, else the gap that makes the shortest way.
    fn pass(
        &mut self,
        level: usize,
        lv: &Level,
        band: usize,
        x: f64,
        target: f64,
        bundle: usize,
    ) -> (Coord, f64) {
        let Some(b) = lv.bands.get(band) else {
            return (Coord::Fixed(x), x);
        };
        let Some((gap, at)) = b.shortest(x, target) else {
            return (Coord::Fixed(x), x);
        };
        let (lo, hi) = b.gaps.get(gap).copied().unwrap_or((x, x));
        if hi - lo - 2.0 * CLEAR >= OPEN {
            return (Coord::Fixed(at), at);
        }
        let slot = self.slot(
            Place::Gap { level, band, gap },
            (lo + CLEAR, hi - CLEAR),
            at,
            bundle,
            target,
        );
        (slot, at)
    }

    /// Two cards of one database: side by side when neighbours in a row, else bottom to bottom
    /// through the channel below their row, or the upper one's bottom to the lower one's top.
    fn inner_pair(&mut self, level: usize, a: usize, b: usize, bundle: usize) -> Vec<Planned> {
        let (ra, rb) = (self.rect(a), self.rect(b));
        let Some(lv) = self.level(level) else {
            return Vec::new();
        };
        let (ba, bb) = (lv.band_at(&ra), lv.band_at(&rb));
        if ba == bb && self.neighbours(a, b) {
            let y = (ra.y.max(rb.y) + ra.bottom().min(rb.bottom())) / 2.0;
            let (sx, ex) = if ra.x < rb.x {
                (ra.right(), rb.x)
            } else {
                (ra.x, rb.right())
            };
            return vec![
                (Coord::Fixed(sx), Coord::Fixed(y)),
                (Coord::Fixed(ex), Coord::Fixed(y)),
            ];
        }
        let (side_a, side_b) = if ba < bb {
            (Side::Bottom, Side::Top)
        } else if ba > bb {
            (Side::Top, Side::Bottom)
        } else {
            (Side::Bottom, Side::Bottom)
        };
        let y_of = |r: &Rect, side: Side| match side {
            Side::Top => r.y,
            Side::Bottom => r.bottom(),
        };
        let channel = |band: usize, side: Side| match side {
            Side::Top => band,
            Side::Bottom => band + 1,
        };
        let pa = self.port(a, side_a, bundle, rb.cx());
        let pb = self.port(b, side_b, bundle, ra.cx());
        let mut plan = vec![(pa, Coord::Fixed(y_of(&ra, side_a)))];
        plan.extend(self.walk(
            level,
            channel(ba, side_a),
            channel(bb, side_b),
            (pa, ra.cx()),
            (pb, rb.cx()),
            bundle,
        ));
        let (first, last) = self.runs;
        for (port, toward) in [(pa, first), (pb, last)] {
            if let (Coord::Slot(place, _), Some(toward)) = (port, toward) {
                self.rehint(place, bundle, toward);
            }
        }
        plan.push((pb, Coord::Fixed(y_of(&rb, side_b))));
        plan
    }

    /// A small loop out of a box's right side and back (a table referencing itself).
    fn self_loop(&self, node: usize) -> Vec<Planned> {
        let r = self.rect(node);
        let (x, out) = (r.right(), r.right() + 10.0);
        let (y0, y1) = (r.cy() - 6.0, r.cy() + 6.0);
        [(x, y0), (out, y0), (out, y1), (x, y1)]
            .into_iter()
            .map(|(x, y)| (Coord::Fixed(x), Coord::Fixed(y)))
            .collect()
    }

    /// Whether no other box of the row lies between `a` and `b`.
    fn neighbours(&self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.rect(a), self.rect(b));
        let (left, right) = if ra.x < rb.x {
            (ra.right(), rb.x)
        } else {
            (rb.right(), ra.x)
        };
        let top = ra.y.max(rb.y);
        let bottom = ra.bottom().min(rb.bottom());
        if bottom - top < 8.0 {
            return false;
        }
        let level = self.inside.get(&a).copied();
        // Geometry first: it rules out nearly every box without a map lookup (this scan runs
        // once per edge between cards).
        !self.shapes.iter().enumerate().any(|(i, s)| {
            s.rect.x < right
                && s.rect.right() > left
                && s.rect.y < bottom
                && s.rect.bottom() > top
                && i != a
                && i != b
                && !s.container
                && self.inside.get(&i).copied() == level
        })
    }
}

/// Positions as near `wanted` (in order) as a spacing of `step` within `lo..hi` allows: pushed
/// right past their left neighbours, then back left from `hi`.
fn spread(wanted: &[f64], step: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(wanted.len());
    for w in wanted {
        let floor = out.last().map_or(lo, |p| p + step);
        out.push(w.max(floor));
    }
    let mut ceiling = hi;
    for x in out.iter_mut().rev() {
        *x = x.min(ceiling).max(lo);
        ceiling = *x - step;
    }
    out
}

/// Whether `inner` lies within `outer`.
fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x - 0.5
        && inner.right() <= outer.right() + 0.5
        && inner.y >= outer.y - 0.5
        && inner.bottom() <= outer.bottom() + 0.5
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q| (q.0 - p.0).abs() < 0.05 && (q.1 - p.1).abs() < 0.05)
        {
            continue;
        }
        if let [.., a, b] = out.as_slice() {
            let (a, b) = (*a, *b);
            let straight = ((a.0 - b.0).abs() < 0.05 && (b.0 - p.0).abs() < 0.05)
                || ((a.1 - b.1).abs() < 0.05 && (b.1 - p.1).abs() < 0.05);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether one of `band`'s gaps holds `lo..hi` with [`CLEAR`] to spare on both sides,
    /// gap by gap: what `Level::straight` answers for many bands at once.
    fn holds(band: &Band, lo: f64, hi: f64) -> bool {
        band.gaps
            .iter()
            .any(|(g0, g1)| g0 + CLEAR <= lo && hi <= g1 - CLEAR)
    }

    /// A band whose gaps have the given widths, each after a box `boxes` wide.
    fn band(widths: &[f64], boxes: f64) -> Band {
        let mut x = 0.0;
        let mut gaps = Vec::new();
        for w in widths {
            gaps.push((x, x + w));
            x += w + boxes;
        }
        Band {
            top: 0.0,
            bottom: 10.0,
            gaps,
        }
    }

    proptest! {
        /// The bisection finds what measuring every gap finds: the first gap of least way
        /// (compared exactly, on whole-pixel places).
        #[test]
        fn the_bisection_agrees_with_measuring_every_gap(
            widths in proptest::collection::vec(0u32..120, 0..40),
            boxes in 1u32..200,
            x in 0u32..6000,
            target in 0u32..6000,
        ) {
            let widths: Vec<f64> = widths.into_iter().map(|w| f64::from(w * 2)).collect();
            let b = band(&widths, f64::from(boxes * 2));
            let (x, target) = (f64::from(x), f64::from(target));
            let mut best: Option<(f64, usize, f64)> = None;
            for i in 0..b.gaps.len() {
                let Some(at) = b.pass_at(i, x) else { continue };
                let cost = (at - x).abs() + (at - target).abs();
                if best.is_none_or(|(c, _, _)| cost < c) {
                    best = Some((cost, i, at));
                }
            }
            prop_assert_eq!(b.shortest(x, target), best.map(|(_, i, at)| (i, at)));
        }
    }

    proptest! {
        /// Going straight through bands in one step stops where stepping band by band stops:
        /// before the first band whose gaps do not hold the line, or at the last channel.
        #[test]
        fn a_straight_line_stops_at_the_band_the_steps_stop_at(
            boxes in proptest::collection::vec((0u32..60, 0u32..12, 1u32..12), 1..60),
            from in 0usize..14,
            to in 0usize..14,
            x in 0u32..700,
            width in 0u32..30,
        ) {
            let rects: Vec<Rect> = boxes
                .iter()
                .map(|&(column, row, w)| Rect {
                    x: f64::from(column * 10),
                    y: f64::from(row * 40),
                    w: f64::from(w * 5),
                    h: 20.0,
                })
                .collect();
            let level = Level::new(rects, 0.0, 640.0, 0.0, 500.0);
            let channels = level.bands.len() + 1;
            let (from, to) = (from % channels, to % channels);
            let range = (f64::from(x), f64::from(x + width));
            let mut stepped = from;
            while stepped != to {
                let band = if to > stepped { stepped } else { stepped - 1 };
                if !holds(&level.bands[band], range.0, range.1) {
                    break;
                }
                stepped = if to > stepped { stepped + 1 } else { stepped - 1 };
            }
            prop_assert_eq!(level.straight(from, to, range), stepped);
        }
    }

    #[test]
    fn a_box_is_in_the_band_its_top_edge_is_in() {
        let level = Level::new(
            vec![
                Rect {
                    x: 0.0,
                    y: 10.0,
                    w: 5.0,
                    h: 20.0,
                },
                Rect {
                    x: 0.0,
                    y: 50.0,
                    w: 5.0,
                    h: 20.0,
                },
                Rect {
                    x: 9.0,
                    y: 55.0,
                    w: 5.0,
                    h: 20.0,
                },
            ],
            0.0,
            100.0,
            0.0,
            100.0,
        );
        let at = |y: f64| {
            level.band_at(&Rect {
                x: 0.0,
                y,
                w: 1.0,
                h: 1.0,
            })
        };
        assert_eq!((at(9.6), at(29.0), at(50.0), at(74.0)), (0, 0, 1, 1));
        assert_eq!(at(40.0), 0, "between bands: the first");
    }

    /// A run from `a` to `b` along a track, turning `ta` at `a` and `tb` at `b`.
    fn run((a, ta): (f64, Turn), (b, tb): (f64, Turn)) -> Run {
        Run {
            ends: [(a, ta), (b, tb)],
        }
    }

    #[test]
    fn a_run_crosses_the_ends_of_another_that_turn_through_its_track() {
        // Two lines heading right from ports above to boxes below, the second starting inside
        // the first: with the first on the higher track each crosses the other once; with the
        // second higher, neither crosses.
        let first = run((0.0, Turn::Up), (100.0, Turn::Down));
        let second = run((50.0, Turn::Up), (150.0, Turn::Down));
        assert_eq!(crossings_above(&first, &second), 2);
        assert_eq!(crossings_above(&second, &first), 0);
        // Ends on the span's edge or level do not count.
        let touching = run((100.0, Turn::Up), (200.0, Turn::Level));
        assert_eq!(crossings_above(&first, &touching), 0);
    }

    /// The runs' bundle numbers after untangling them from the order given.
    fn untangled(runs: &[Run], order: &[usize]) -> Vec<usize> {
        let mut given: Vec<(usize, Run)> = order.iter().map(|&i| (i, runs[i])).collect();
        untangle_runs(&mut given);
        given.into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn untangling_moves_each_run_where_it_crosses_least_and_keeps_ties() {
        let runs = [
            run((0.0, Turn::Up), (100.0, Turn::Down)),
            run((50.0, Turn::Up), (150.0, Turn::Down)),
            // Far to the right: crosses nothing wherever it goes.
            run((300.0, Turn::Up), (400.0, Turn::Down)),
        ];
        assert_eq!(untangled(&runs, &[0, 1, 2]), vec![1, 0, 2]);
        assert_eq!(untangled(&runs, &[2, 1, 0]), vec![2, 1, 0], "already best");
    }

    #[test]
    fn two_lines_heading_left_take_the_tracks_where_they_do_not_cross() {
        // From the larder example's first picture: the hints, from nominal places, put the
        // line from further right on the higher track, where the two crossed twice.
        let runs = [
            run((760.0, Turn::Up), (332.0, Turn::Down)),
            run((384.0, Turn::Up), (154.0, Turn::Down)),
        ];
        assert_eq!(crossings_above(&runs[0], &runs[1]), 2);
        assert_eq!(crossings_above(&runs[1], &runs[0]), 0);
        assert_eq!(untangled(&runs, &[0, 1]), vec![1, 0]);
    }
}
