//! The service order of a small picture chosen by what a reader sees (issue 17): a local search
//! over the order of services, shared by all stages, that lays out, routes and counts the drawn
//! crossings of every stage for each candidate and keeps an order only when the total drops;
//! then, stage by stage, the same search over the order of the middle band (topics, APIs,
//! libraries), where subscriptions cross publications.
//!
//! Everything else in the picture follows the service order (topics under their publishers,
//! databases under their users, cards under the services that touch them), so this one order
//! moves every band. Estimating crossings from the graph alone missed most of them, because the
//! drawn ones are mostly inside the databases and depend on the routing (`docs/budgets.md`); for
//! a small picture the real count is cheap: laying out and routing the seed takes a tenth of a
//! millisecond. Larger pictures keep the sorted order, so they stay as fast as before.
//!
//! Deterministic: candidates are tried in a fixed order and ties keep the earlier order.

use crate::graph;
use crate::layout::{self, Subscribers};
use crate::model::Architecture;
use crate::ownership::OwnerMap;
use crate::scene::{self, Annotations};
use std::collections::BTreeSet;

/// Pictures with more drawn edges than this over all stages keep the sorted order: one
/// evaluation routes and counts every stage, and the search makes up to [`EVALUATIONS`] of them.
pub const SEARCH_EDGES: usize = 400;

/// Pictures with more boxes than this over all stages (services, tables, topics, APIs) keep the
/// sorted order without laying anything out.
pub const SEARCH_BOXES: usize = 250;

/// The most candidate service orders one search evaluates. Larder's search (eight services, a
/// band of subscribers) makes its last improvement before its 100th candidate: 150 found the
/// same order for half as much time again, 70 drew 4 to 12 more crossings per stage.
pub const EVALUATIONS: usize = 100;

/// The most candidate orders of one stage's middle band one search evaluates: each lays out and
/// routes the stage once (about 0.8 ms natively for larder), and 40 a stage already brings
/// larder's last stage under `dot`'s count (80 drew 4 fewer crossings there for twice the time).
pub const MIDDLE_EVALUATIONS: usize = 40;

/// Where a picture's boxes go, as searched: the service order all stages share, and per stage
/// the order of its middle band (topics, APIs, model libraries; empty keeps the layout's own).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arrangement {
    /// Service ids in band order, shared by all stages.
    pub services: Vec<String>,
    /// Per stage, its middle band's ids in band order (`layout::layout_stage`'s `middle_order`).
    /// Empty when the picture was too large to search.
    pub middle: Vec<Vec<String>>,
    /// Where the services that only subscribe sit, in every stage ([`subscribers`]).
    pub subscribers: Subscribers,
}

impl Arrangement {
    /// The middle band order of stage `index` (empty when none was searched).
    pub fn middle_of(&self, index: usize) -> &[String] {
        self.middle.get(index).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The arrangement of `stages`: the service order ([`service_order`]), then, for a picture small
/// enough to search, each stage's middle band reordered while that stage's drawn crossings drop
/// ([`middle_order`]). The band under the services is where subscriptions and publications
/// cross; its order by publishers alone leaves them crossing where a topic is shared.
pub fn arrangement(stages: &[(&Architecture, &OwnerMap)]) -> Arrangement {
    let pictures = pictures(stages);
    let subscribers = subscribers(stages, &pictures);
    let services = service_order_of(stages, &pictures, subscribers);
    let mut middle: Vec<Vec<String>> = Vec::with_capacity(stages.len());
    let searchable = cost(&pictures, &services, subscribers, None).is_some();
    for picture in &pictures {
        let searched = match middle.last() {
            Some(order) if picture.repeats => order.clone(),
            _ if searchable => middle_order(picture, &services, subscribers),
            _ => Vec::new(),
        };
        middle.push(searched);
    }
    Arrangement {
        services,
        middle,
        subscribers,
    }
}

/// Where a small picture's services that only subscribe sit: under the topics
/// ([`Subscribers::UnderTopics`]) when, with the sorted service order, that draws fewer crossings
/// over all stages and more in none; else with the other services. One choice for every stage,
/// so a subscriber does not jump between bands from one stage to the next while its role stays.
/// (On the large gallery pictures the band under the topics drew more crossings in total, 5 %
/// over freight, marketplace and clinic, so they keep one service band without laying out
/// anything: `docs/budgets.md`.)
fn subscribers(stages: &[(&Architecture, &OwnerMap)], pictures: &[Picture]) -> Subscribers {
    let any = stages
        .iter()
        .any(|(arch, _)| !layout::subscribers_only(arch).is_empty());
    if !any || pictures.is_empty() {
        return Subscribers::WithServices;
    }
    let archs: Vec<&Architecture> = stages.iter().map(|(arch, _)| *arch).collect();
    let order = layout::service_order(&archs);
    let with = cost(pictures, &order, Subscribers::WithServices, None);
    let under = cost(pictures, &order, Subscribers::UnderTopics, None);
    match (with, under) {
        (Some(with), Some(under)) if under.iter().sum::<usize>() < with.iter().sum::<usize>() => {
            Subscribers::UnderTopics
        }
        _ => Subscribers::WithServices,
    }
}

/// One stage as the searches draw it: its model, owners and annotations (the owners, nothing
/// else), and whether it draws what the stage before draws.
struct Picture<'a> {
    arch: &'a Architecture,
    owners: &'a OwnerMap,
    notes: Annotations,
    /// The same boxes, lines and owners as the stage before (a stage that changed nothing):
    /// its count and its middle band order are the previous stage's.
    repeats: bool,
}

impl Picture<'_> {
    /// The stage's routed lines ([`scene::lines`]) laid out with these orders.
    fn lines(
        &self,
        services: &[String],
        middle: &[String],
        subscribers: Subscribers,
    ) -> Vec<Vec<(f64, f64)>> {
        let laid = layout::layout_stage(
            self.arch,
            self.owners,
            services,
            middle,
            subscribers,
            &BTreeSet::new(),
        );
        scene::lines(self.arch, &laid, &self.notes)
    }
}

/// The stages as [`Picture`]s; none for a picture too large to search ([`small`]).
fn pictures<'a>(stages: &[(&'a Architecture, &'a OwnerMap)]) -> Vec<Picture<'a>> {
    if !small(stages) {
        return Vec::new();
    }
    let mut previous: Option<(Vec<graph::Node>, Vec<graph::Edge>, &OwnerMap)> = None;
    stages
        .iter()
        .map(|(arch, owners)| {
            let drawn = (graph::nodes(arch), graph::edges(arch), *owners);
            let repeats = previous.as_ref() == Some(&drawn);
            previous = Some(drawn);
            Picture {
                arch,
                owners,
                notes: Annotations {
                    owners: (*owners).clone(),
                    ..Annotations::default()
                },
                repeats,
            }
        })
        .collect()
}

/// Whether a picture has few enough boxes over all stages ([`SEARCH_BOXES`]) to search, counted
/// from the model before anything is laid out, so a large picture costs nothing here.
fn small(stages: &[(&Architecture, &OwnerMap)]) -> bool {
    let boxes: usize = stages
        .iter()
        .map(|(a, _)| a.services.len() + a.tables.len() + a.topics.len() + a.apis.len())
        .sum();
    boxes <= SEARCH_BOXES
}

/// One stage's middle band order: the layout's own ([`layout::middle_order`]) improved by swaps
/// and moves of single items, first improvement, while the stage's drawn crossings drop, for at
/// most [`MIDDLE_EVALUATIONS`] candidates. Empty when nothing beats the layout's own order.
fn middle_order(picture: &Picture, services: &[String], subscribers: Subscribers) -> Vec<String> {
    let order = layout::middle_order(picture.arch, services);
    if order.len() < 2 {
        return Vec::new();
    }
    let count = |middle: &[String]| crossings(&picture.lines(services, middle, subscribers));
    let start = count(&[]);
    let (searched, improved) = improve(order, start, MIDDLE_EVALUATIONS, |candidate, _| {
        Some(count(candidate))
    });
    if improved {
        searched
    } else {
        Vec::new()
    }
}

/// A first-improvement local search: from `order`, whose cost is `best`, takes the first
/// neighbour ([`neighbours`]) that `cost` scores lower, again and again, until none does, the
/// cost is 0 or `evaluations` candidates have been scored (the start counts as one). `cost` is
/// given the best cost so far and may give up (None) once a candidate cannot beat it. Returns
/// the order found and whether it differs from the start.
fn improve(
    mut order: Vec<String>,
    mut best: usize,
    evaluations: usize,
    mut cost: impl FnMut(&[String], usize) -> Option<usize>,
) -> (Vec<String>, bool) {
    let mut scored = 1;
    let mut improved_ever = false;
    while scored < evaluations && best > 0 {
        let mut improved = false;
        for candidate in neighbours(&order) {
            if scored >= evaluations {
                break;
            }
            scored += 1;
            if let Some(total) = cost(&candidate, best).filter(|total| *total < best) {
                best = total;
                order = candidate;
                improved = true;
                improved_ever = true;
                break;
            }
        }
        if !improved {
            break;
        }
    }
    (order, improved_ever)
}

/// The service order for `stages`: the sorted order ([`layout::service_order`]) improved by
/// swaps and moves of single services while the drawn crossings of all stages together drop,
/// for pictures up to [`SEARCH_BOXES`] boxes and [`SEARCH_EDGES`] edges.
pub fn service_order(stages: &[(&Architecture, &OwnerMap)]) -> Vec<String> {
    let pictures = pictures(stages);
    service_order_of(stages, &pictures, subscribers(stages, &pictures))
}

/// [`service_order`] of the stages drawn as `pictures`, with the subscribers where `subscribers`
/// puts them.
fn service_order_of(
    stages: &[(&Architecture, &OwnerMap)],
    pictures: &[Picture],
    subscribers: Subscribers,
) -> Vec<String> {
    let archs: Vec<&Architecture> = stages.iter().map(|(arch, _)| *arch).collect();
    let order = layout::service_order(&archs);
    if order.len() < 2 || pictures.is_empty() {
        return order;
    }
    let Some(first) = cost(pictures, &order, subscribers, None) else {
        return order;
    };
    // No stage may draw more crossings than with the sorted order: the search trades between
    // orders, never one stage's picture for another's.
    let start: usize = first.iter().sum();
    let (searched, _) = improve(order, start, EVALUATIONS, |candidate, best| {
        cost(pictures, candidate, subscribers, Some((&first, best)))
            .map(|counts| counts.iter().sum())
    });
    searched
}

/// The orders one step away from `order`: every pair of services swapped, then every service
/// moved to another place, in a fixed order.
fn neighbours(order: &[String]) -> Vec<Vec<String>> {
    let n = order.len();
    let mut out = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let mut swapped = order.to_vec();
            swapped.swap(i, j);
            out.push(swapped);
        }
    }
    for i in 0..n {
        for j in 0..n {
            if j == i || j == i + 1 || i == j + 1 {
                continue;
            }
            let mut moved = order.to_vec();
            let service = moved.remove(i);
            moved.insert(j.min(moved.len()), service);
            out.push(moved);
        }
    }
    out
}

/// The drawn crossings of each stage laid out with `order`; None when the pictures are too
/// large to search, or as soon as a stage draws more than its `ceiling` or all of them together
/// reach `bound` (the candidate cannot win).
fn cost(
    pictures: &[Picture],
    order: &[String],
    subscribers: Subscribers,
    limits: Option<(&[usize], usize)>,
) -> Option<Vec<usize>> {
    let mut counts: Vec<usize> = Vec::with_capacity(pictures.len());
    let mut edges = 0;
    for (i, picture) in pictures.iter().enumerate() {
        let count = match counts.last() {
            Some(count) if picture.repeats => *count,
            _ => {
                let lines = picture.lines(order, &[], subscribers);
                edges += lines.len();
                if edges > SEARCH_EDGES {
                    return None;
                }
                crossings(&lines)
            }
        };
        counts.push(count);
        if let Some((ceiling, bound)) = limits {
            if ceiling.get(i).is_some_and(|limit| count > *limit)
                || counts.iter().sum::<usize>() >= bound
            {
                return None;
            }
        }
    }
    Some(counts)
}

/// How many places the lines ([`scene::lines`]) cross, counted on their points (a cheap
/// stand-in for [`crate::legibility::measure`], which follows every curve): a horizontal piece
/// of one line crossing a vertical piece of another strictly inside both. Each horizontal piece
/// looks only at the vertical pieces within its x range (sorted by x), so pieces far apart cost
/// nothing.
fn crossings(lines: &[Vec<(f64, f64)>]) -> usize {
    // (line, fixed coordinate, from, to) of every horizontal and every vertical piece.
    let mut across: Vec<(usize, f64, f64, f64)> = Vec::new();
    let mut down: Vec<(usize, f64, f64, f64)> = Vec::new();
    for (e, points) in lines.iter().enumerate() {
        for pair in points.windows(2) {
            let [a, b] = pair else { continue };
            if (a.1 - b.1).abs() < 0.05 && (a.0 - b.0).abs() >= 0.05 {
                across.push((e, a.1, a.0.min(b.0), a.0.max(b.0)));
            } else if (a.0 - b.0).abs() < 0.05 && (a.1 - b.1).abs() >= 0.05 {
                down.push((e, a.0, a.1.min(b.1), a.1.max(b.1)));
            }
        }
    }
    // The vertical pieces by x: each as one integer, x in tenths (the points are printed with
    // one decimal) in the high half and its place in `down` in the low, sorted with the sort
    // the places below use (a sort of the pieces themselves would add its own copy).
    let tenths = |v: f64| (v * 10.0).round().max(0.0) as u32;
    let mut by_x: Vec<u64> = down
        .iter()
        .enumerate()
        .map(|(i, piece)| u64::from(tenths(piece.1)) << 32 | i as u64)
        .collect();
    crate::order::sort(&mut by_x);
    // Places 3 px apart count once (two lines of one bundle crossing a third). A place is
    // kept as one integer (x in the high half, y in the low), sorted and deduplicated: a set
    // of pairs would add its own B-tree code to the page for this one count.
    let mut places: Vec<u64> = Vec::new();
    for (e, y, x0, x1) in &across {
        let (from, to) = (u64::from(tenths(*x0)), u64::from(tenths(*x1)));
        let start = by_x.partition_point(|key| key >> 32 <= from);
        for key in by_x.iter().skip(start).take_while(|key| *key >> 32 < to) {
            let Some((f, x, y0, y1)) = down.get((*key & 0xFFFF_FFFF) as usize) else {
                continue;
            };
            if e != f && y0 < y && y < y1 {
                let cell = |v: f64| u64::from((v / 3.0).round() as i32 as u32);
                places.push(cell(*x) << 32 | cell(*y));
            }
        }
    }
    crate::order::sort_dedup(&mut places);
    places.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    /// Each stage's model and owners, as the searches take them.
    fn stages_of(analysis: &pipeline::Analysis) -> Vec<(&Architecture, &OwnerMap)> {
        analysis
            .stages
            .iter()
            .map(|s| (&s.stage.architecture, &s.owners))
            .collect()
    }

    /// The seed example, analysed.
    fn seed() -> pipeline::Analysis {
        analysed(&crate::examples::SEED)
    }

    #[test]
    fn the_searched_order_draws_no_more_crossings_than_the_sorted_one_and_is_stable() {
        let analysis = seed();
        let stages = stages_of(&analysis);
        let drawn = pictures(&stages);
        let archs: Vec<&Architecture> = stages.iter().map(|(a, _)| *a).collect();
        let sorted = layout::service_order(&archs);
        let searched = service_order(&stages);
        assert_eq!(searched, analysis.arrangement.services);
        assert_eq!(searched, service_order(&stages), "same input, same order");
        let subscribers = analysis.arrangement.subscribers;
        let of = |order: &[String]| cost(&drawn, order, subscribers, None).unwrap_or_default();
        let (searched_counts, sorted_counts) = (of(&searched), of(&sorted));
        assert!(searched_counts.iter().sum::<usize>() <= sorted_counts.iter().sum::<usize>());
        for (a, b) in searched_counts.iter().zip(&sorted_counts) {
            assert!(
                a <= b,
                "no stage draws more crossings than with the sorted order"
            );
        }
        let mut names = searched.clone();
        crate::order::sort(&mut names);
        assert_eq!(names, sorted, "every service once");
    }

    /// An example of the gallery, analysed.
    fn analysed(example: &crate::examples::Example) -> pipeline::Analysis {
        pipeline::analyze(crate::Inputs {
            schema: example.schema,
            services: example.services,
            models: example.models,
            dialect: None,
            sources: None,
        })
    }

    /// The drawn crossings of stage `index` of `analysis` laid out with its searched service
    /// order and the given middle band order and subscribers' place.
    fn stage_crossings(
        analysis: &pipeline::Analysis,
        index: usize,
        middle: &[String],
        subscribers: Subscribers,
    ) -> usize {
        let stages = stages_of(analysis);
        let drawn = pictures(&stages);
        let services = &analysis.arrangement.services;
        crossings(&drawn[index].lines(services, middle, subscribers))
    }

    #[test]
    fn a_searched_topic_order_draws_fewer_crossings_and_holds_every_item_once() {
        let mut searched_stages = 0;
        for example in [&crate::examples::SEED, &crate::examples::LARDER] {
            let analysis = analysed(example);
            let subscribers = analysis.arrangement.subscribers;
            for index in 0..analysis.stages.len() {
                let searched = analysis.arrangement.middle_of(index);
                if searched.is_empty() {
                    continue;
                }
                searched_stages += 1;
                assert!(
                    stage_crossings(&analysis, index, searched, subscribers)
                        < stage_crossings(&analysis, index, &[], subscribers),
                    "{} stage {index}: the searched order crosses less",
                    example.key
                );
                let arch = &analysis.stages[index].stage.architecture;
                let mut ids = searched.to_vec();
                let mut own = layout::middle_order(arch, &analysis.arrangement.services);
                crate::order::sort(&mut ids);
                crate::order::sort(&mut own);
                assert_eq!(ids, own, "every item of the band once");
            }
        }
        assert!(searched_stages > 0, "some stage's middle band was searched");
    }

    #[test]
    fn the_seeds_subscriber_sits_under_the_topics_it_reads_and_its_last_stage_crosses_less() {
        let analysis = seed();
        assert_eq!(analysis.arrangement.subscribers, Subscribers::UnderTopics);
        let last = analysis.stages.len() - 1;
        let arch = &analysis.stages[last].stage.architecture;
        let only: Vec<&str> = layout::subscribers_only(arch).into_iter().collect();
        assert_eq!(
            only,
            ["service:app-a"],
            "app-a reads app-b's events and publishes none"
        );
        let middle = analysis.arrangement.middle_of(last);
        let under = stage_crossings(&analysis, last, middle, Subscribers::UnderTopics);
        let with = stage_crossings(&analysis, last, middle, Subscribers::WithServices);
        assert!(
            under < with,
            "{under} crossings under the topics, {with} beside app-b"
        );
        // Earlier stages draw no more: app-a subscribes to nothing app-b publishes there.
        for index in 0..last {
            let middle = analysis.arrangement.middle_of(index);
            assert_eq!(
                stage_crossings(&analysis, index, middle, Subscribers::UnderTopics),
                stage_crossings(&analysis, index, middle, Subscribers::WithServices),
                "stage {index}"
            );
        }
        let scene = analysis.stages[last].scene();
        let rect = |id: &str| scene.nodes.iter().find(|n| n.id == id).unwrap().rect;
        let (a, b, topic) = (
            rect("service:app-a"),
            rect("service:app-b"),
            rect("topic:user.created"),
        );
        assert!(
            b.bottom() < topic.y && topic.bottom() < a.y,
            "publisher, topic, subscriber"
        );
    }

    /// The numbers of an edge's path data, read back in pairs.
    fn printed_points(path: &str) -> Vec<(f64, f64)> {
        let numbers: Vec<f64> = path
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter_map(crate::number::read_fixed)
            .collect();
        numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
    }

    #[test]
    fn the_lines_counted_are_the_points_the_scene_prints() {
        for example in crate::examples::ALL {
            let analysis = pipeline::analyze(crate::Inputs {
                schema: example.schema,
                services: example.services,
                models: example.models,
                dialect: None,
                sources: None,
            });
            for (index, view) in analysis.stages.iter().enumerate() {
                let laid = layout::layout_stage(
                    &view.stage.architecture,
                    &view.owners,
                    &analysis.arrangement.services,
                    analysis.arrangement.middle_of(index),
                    analysis.arrangement.subscribers,
                    &BTreeSet::new(),
                );
                let notes = Annotations {
                    owners: view.owners.clone(),
                    ..Annotations::default()
                };
                let drawn = scene::build(&view.stage.architecture, &laid, &notes);
                let printed: Vec<Vec<(f64, f64)>> = drawn
                    .edges
                    .iter()
                    .map(|e| printed_points(&e.path))
                    .collect();
                let lines = scene::lines(&view.stage.architecture, &laid, &notes);
                assert!(
                    !lines.is_empty(),
                    "{} stage {index} draws lines",
                    example.key
                );
                assert_eq!(lines, printed, "{} stage {index}", example.key);
            }
        }
    }

    #[test]
    fn crossings_count_places_strictly_inside_both_pieces_once() {
        let plus = vec![
            vec![(0.0, 10.0), (20.0, 10.0)],
            vec![(10.0, 0.0), (10.0, 20.0)],
            // A second vertical half a pixel away falls in the same 3 px cell: the same place.
            vec![(9.5, 0.0), (9.5, 20.0)],
            // Touching the end of the horizontal piece is not a crossing.
            vec![(20.0, 0.0), (20.0, 20.0)],
            // A vertical far to the right crosses nothing.
            vec![(40.0, 0.0), (40.0, 20.0)],
        ];
        assert_eq!(crossings(&plus), 1);
        let apart = vec![
            vec![(0.0, 10.0), (50.0, 10.0)],
            vec![(10.0, 0.0), (10.0, 20.0)],
            vec![(40.0, 0.0), (40.0, 20.0)],
        ];
        assert_eq!(crossings(&apart), 2);
    }
}
