//! The score: 0–100 overall and for each of five dimensions, from the findings, normalised by the
//! architecture's size (the formula is written out in `docs/score.md`).
//!
//! Each finding costs its [`penalty`](crate::findings::Finding::penalty) (its rule's weight) on
//! every dimension it hurts. A dimension's score is `100 · K·size / (K·size + penalty)` with `size` = tables + views +
//! services and `K` = [`SIZE_FACTOR`]; the overall score uses the same curve on the sum of every
//! finding's weight. Size counts elements, not findings, so removing a finding's cause never
//! changes it, and the curve falls as the penalty grows: fixing a finding never lowers any score.
//! Names never enter the formula, so renaming changes nothing.

use crate::findings::{self, Dimension, Finding};
use crate::model::Architecture;
use crate::order::Collect;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many penalty points one element of the architecture absorbs before its score halves.
pub const SIZE_FACTOR: f64 = 0.5;

/// The score of an architecture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// 0–100, all findings together.
    pub overall: u8,
    /// 0–100 per dimension, keyed by the dimension's JSON name.
    pub dimensions: BTreeMap<Dimension, u8>,
}

impl Score {
    /// The score of one dimension.
    pub fn dimension(&self, dimension: Dimension) -> u8 {
        self.dimensions.get(&dimension).copied().unwrap_or(100)
    }
}

/// The size measure: tables + views + services (at least 1). Findings do not change it.
pub fn size(architecture: &Architecture) -> usize {
    (architecture.tables.len() + architecture.views.len() + architecture.services.len()).max(1)
}

/// `100 · K·size / (K·size + penalty)`, rounded; at most 99 when there is any penalty, so 100
/// always means "nothing found" (still non-increasing in the penalty).
fn curve(size: usize, penalty: u32) -> u8 {
    let capacity = SIZE_FACTOR * size as f64;
    let value = 100.0 * capacity / (capacity + f64::from(penalty));
    let rounded = value.round().clamp(0.0, 100.0) as u8;
    if penalty > 0 {
        rounded.min(99)
    } else {
        rounded
    }
}

/// The score of `findings` on an architecture of `size` elements.
pub fn score_findings(findings: &[Finding], size: usize) -> Score {
    // Accepted findings (`accept:` in the services file) are kept but cost nothing.
    let scored = || findings.iter().filter(|f| f.accepted.is_none());
    let total: u32 = scored().map(|f| f.penalty).sum();
    let dimensions = Dimension::ALL
        .iter()
        .map(|&d| {
            let penalty: u32 = scored()
                .filter(|f| f.dimensions.contains(&d))
                .map(|f| f.penalty)
                .sum();
            (d, curve(size, penalty))
        })
        .collect_map();
    Score {
        overall: curve(size, total),
        dimensions,
    }
}

/// The score of `architecture` (runs every rule).
pub fn score(architecture: &Architecture) -> Score {
    score_findings(&findings::check(architecture), size(architecture))
}

#[cfg(test)]
mod tests;
