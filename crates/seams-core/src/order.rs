//! Sorting through one copy of the standard sort.
//!
//! The standard library's stable sort is about 4 KB of wasm for every element type and
//! comparison it is used with, and the crate sorted some fifty different things: that was over
//! 200 KB of the page's code before optimisation. Here every sort orders a list of positions
//! with one comparison behind a `dyn` call, so the standard sort is compiled once; what remains
//! per call site is the few lines that move the elements into their new order. Same order as
//! `slice::sort_by` (stable), `O(n log n)` comparisons. Clippy's `disallowed-methods` sends every
//! sort of the workspace here.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The positions `0..len` in the order `compare` puts the elements at them, equal ones kept in
/// their order (stable). The one instantiation of the standard sort.
fn positions_in_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods)] // the one place that sorts
    positions.sort_by(|a, b| compare(*a, *b));
    positions
}

/// Moves the elements of `items` into the order of `positions` (a permutation of its indices).
fn rearrange<T>(items: &mut Vec<T>, positions: &[usize]) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        positions
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `items` stably by `compare` (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let positions = {
        let view: &[T] = items;
        positions_in_order(view.len(), &mut |a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    rearrange(items, &positions);
}

/// Sorts `items` stably by the key `key` gives (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by the key `key` gives, computing each key once (as
/// `slice::sort_by_cached_key`): for keys that are costly to build.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    if items.len() < 2 {
        return;
    }
    let positions = positions_in_order(keys.len(), &mut |a, b| match (keys.get(a), keys.get(b)) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => Ordering::Equal,
    });
    rearrange(items, &positions);
}

/// Sorts `items` in their natural order (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts `items` and removes repeated elements (sort, then `dedup`).
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort(items);
    items.dedup();
}

/// Compares names as people count: runs of digits by their value (`svc-2` before `svc-10`),
/// the rest by character; names equal that way (`a01`, `a1`) fall back to plain order, so the
/// order is total and the same everywhere.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        let (Some(cx), Some(cy)) = (x.chars().next(), y.chars().next()) else {
            return x.len().cmp(&y.len()).then_with(|| a.cmp(b));
        };
        if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let (nx, ny) = (digits(x), digits(y));
            let (dx, rx) = x.split_at(nx);
            let (dy, ry) = y.split_at(ny);
            // By value: fewer significant digits is smaller, then digit by digit.
            let (tx, ty) = (dx.trim_start_matches('0'), dy.trim_start_matches('0'));
            let by_value = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
            if by_value != Ordering::Equal {
                return by_value;
            }
            (x, y) = (rx, ry);
        } else {
            if cx != cy {
                return cx.cmp(&cy);
            }
            (x, y) = (
                x.get(cx.len_utf8()..).unwrap_or_default(),
                y.get(cy.len_utf8()..).unwrap_or_default(),
            );
        }
    }
}

/// Collecting into ordered sets and maps by insertion. `collect()` into a `BTreeSet` or
/// `BTreeMap` sorts the items first, which is one more copy of the standard sort in the wasm for
/// every item type; inserting them one by one builds the same set or map (of equal keys the last
/// value stays, as with `collect`) in the same `O(n log n)`, with no sort.
pub trait Collect: Iterator + Sized {
    /// The items as a set (as `collect::<BTreeSet<_>>()`).
    fn collect_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }

    /// The pairs as a map (as `collect::<BTreeMap<_, _>>()`).
    fn collect_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        map.extend(self);
        map
    }
}

impl<I: Iterator> Collect for I {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn natural_order_counts_numbers() {
        let mut names = vec![
            "svc-10", "svc-2", "svc-1", "svc-100", "a01", "a1", "b", "svc-02",
        ];
        sort_by(&mut names, |a, b| natural(a, b));
        assert_eq!(
            names,
            ["a01", "a1", "b", "svc-1", "svc-02", "svc-2", "svc-10", "svc-100"]
        );
        assert_eq!(natural("x", "x"), Ordering::Equal);
        assert_eq!(natural("é2", "é10"), Ordering::Less);
    }

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_equal_elements_in_order() {
        let mut pairs = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut pairs, |p| p.0);
        assert_eq!(
            pairs,
            vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn cached_keys_are_computed_once_per_element() {
        let mut words = vec!["ccc", "a", "bb", "dddd"];
        let mut calls = 0;
        sort_by_cached_key(&mut words, |w| {
            calls += 1;
            std::cmp::Reverse(w.len())
        });
        assert_eq!(words, vec!["dddd", "ccc", "bb", "a"]);
        assert_eq!(calls, 4);
    }

    #[test]
    fn empty_and_single_lists_stay_as_they_are() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort_dedup(&mut one);
        assert_eq!(one, vec![7]);
    }

    proptest! {
        #[test]
        fn same_result_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |a| a.0);
            let mut theirs = items;
            #[allow(clippy::disallowed_methods)]
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn collecting_by_insertion_equals_collect(pairs in proptest::collection::vec((0u8..16, any::<u16>()), 0..100)) {
            let ours = pairs.iter().copied().collect_map();
            let theirs: BTreeMap<u8, u16> = pairs.iter().copied().collect();
            prop_assert_eq!(ours, theirs);
            let ours = pairs.iter().copied().collect_set();
            let theirs: BTreeSet<(u8, u16)> = pairs.iter().copied().collect();
            prop_assert_eq!(ours, theirs);
        }
    }
}
