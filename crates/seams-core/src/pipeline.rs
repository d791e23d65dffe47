//! The whole pipeline in one call, for the page and the CLI: text in; model, findings, score,
//! the five evolution stages and their pictures out. Both surfaces call [`analyze`], so they show
//! the same facts and the same bytes.

use crate::architecture::{ingest, Architecture, Inputs};
use crate::diagnostic::Severity;
use crate::evolution::{self, Stage};
use crate::findings::{self, Finding};
use crate::fold;
use crate::layout::{self, OwnerMap};
use crate::metrics::{self, ServiceMetrics};
use crate::ownership;
use crate::scene::{self, Annotations, Scene};
use crate::score::{self, Score};
use crate::svg;
use std::collections::{BTreeMap, BTreeSet};

/// One stage of the evolution with everything needed to show it.
#[derive(Debug, Clone)]
pub struct StageView {
    /// The stage: its architecture, narrative, changes and artifacts.
    pub stage: Stage,
    /// The findings on the stage's architecture.
    pub findings: Vec<Finding>,
    /// Its score.
    pub score: Score,
    /// Owner service id by table id (declared or inferred).
    pub owners: OwnerMap,
    /// Per-service metrics.
    pub metrics: BTreeMap<String, ServiceMetrics>,
    /// The picture.
    pub scene: Scene,
    /// The picture as SVG.
    pub svg: String,
}

/// Everything the page shows for one input.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The model as pasted (stage 0's architecture).
    pub architecture: Architecture,
    /// The five stages, as-is first.
    pub stages: Vec<StageView>,
}

impl Analysis {
    /// Stage `index`, clamped to the last stage.
    pub fn stage(&self, index: usize) -> Option<&StageView> {
        self.stages
            .get(index.min(self.stages.len().saturating_sub(1)))
    }
}

/// Certain owners (declared or inferred) by table id.
pub fn owner_map(architecture: &Architecture) -> OwnerMap {
    ownership::owners(architecture)
        .into_iter()
        .filter_map(|(table, owner)| owner.certain().map(|s| (table, s.to_string())))
        .collect()
}

/// The most severe finding per element id.
pub fn badges(findings: &[Finding]) -> BTreeMap<String, Severity> {
    let mut badges: BTreeMap<String, Severity> = BTreeMap::new();
    for finding in findings {
        for element in &finding.elements {
            let entry = badges.entry(element.clone()).or_insert(finding.severity);
            // Severity orders Error first.
            if finding.severity < *entry {
                *entry = finding.severity;
            }
        }
    }
    badges
}

/// Runs the pipeline on `inputs`.
pub fn analyze(inputs: Inputs<'_>) -> Analysis {
    let architecture = ingest(inputs);
    let stages = evolution::evolve(&architecture);
    let owners: Vec<OwnerMap> = stages.iter().map(|s| owner_map(&s.architecture)).collect();
    let pairs: Vec<(&Architecture, &OwnerMap)> = stages
        .iter()
        .zip(&owners)
        .map(|(s, o)| (&s.architecture, o))
        .collect();
    let layouts = layout::layout_stages_folded(&pairs, &BTreeSet::new());
    let views = stages
        .into_iter()
        .zip(owners)
        .zip(layouts)
        .map(|((stage, owners), laid)| {
            let found = findings::check(&stage.architecture);
            let score = score::score_findings(&found, score::size(&stage.architecture));
            let notes = Annotations {
                owners: owners.clone(),
                badges: badges(&found),
                stage: stage.index,
                unfolded: BTreeSet::new(),
            };
            let scene = scene::build(&stage.architecture, &laid, &notes);
            let svg = svg::render(&scene);
            let metrics = metrics::metrics(&stage.architecture);
            StageView {
                stage,
                findings: found,
                score,
                owners,
                metrics,
                scene,
                svg,
            }
        })
        .collect();
    Analysis {
        architecture,
        stages: views,
    }
}

/// How the page wants one stage drawn, beyond the analysis itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewOptions {
    /// Cluster ids to draw unfolded (their tables in a frame instead of one card).
    pub unfolded: BTreeSet<String>,
}

/// One stage's picture drawn with [`ViewOptions`].
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedStage {
    /// The positioned shapes (for centring on a node).
    pub scene: Scene,
    /// The SVG text.
    pub svg: String,
}

/// Re-draws stage `index` (clamped) with the given fold state, without re-running ingest,
/// findings or the evolution: only layout, scene and SVG. Nodes outside the unfolded clusters'
/// database keep their places, because the service order is the one shared by all stages.
pub fn render_stage(
    analysis: &Analysis,
    index: usize,
    options: &ViewOptions,
) -> Option<RenderedStage> {
    let view = analysis.stage(index)?;
    let archs: Vec<&Architecture> = analysis
        .stages
        .iter()
        .map(|s| &s.stage.architecture)
        .collect();
    let order = layout::service_order(&archs);
    let laid = layout::layout_stage(
        &view.stage.architecture,
        &view.owners,
        &order,
        &options.unfolded,
    );
    let notes = Annotations {
        owners: view.owners.clone(),
        badges: badges(&view.findings),
        stage: view.stage.index,
        unfolded: options.unfolded.clone(),
    };
    let scene = scene::build(&view.stage.architecture, &laid, &notes);
    let svg = svg::render(&scene);
    Some(RenderedStage { scene, svg })
}

/// The cluster a table or view folds into at stage `index`, if its database is large enough to
/// fold (whether or not that cluster is currently unfolded).
pub fn cluster_of(analysis: &Analysis, index: usize, id: &str) -> Option<String> {
    let view = analysis.stage(index)?;
    fold::plan(&view.stage.architecture, &view.owners)
        .cluster_of
        .get(id)
        .cloned()
}
