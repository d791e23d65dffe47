//! The whole pipeline in one call, for the page and the CLI: text in; model, findings, score,
//! the five evolution stages and their pictures out. Both surfaces call [`analyze`], so they show
//! the same facts and the same bytes.

use crate::arrange;
use crate::diagnostic::Severity;
use crate::evolution::{self, Stage};
use crate::findings::{self, Finding};
use crate::fold;
use crate::ingest::{ingest_paced, Inputs};
use crate::layout;
use crate::metrics::{self, ServiceMetrics};
use crate::model::Architecture;
use crate::ownership::{owner_map, OwnerMap};
use crate::scene::{self, Annotations, Scene};
use crate::score::{self, Score};
use crate::svg;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};
use std::task::Poll;

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
    /// Where every node of the picture goes.
    pub layout: layout::Layout,
    /// The picture, drawn the first time it is asked for (and its SVG the first time that is):
    /// `seams check` and `evolve` draw nothing, `render` one stage, and the page shows a stage
    /// before the others are drawn (a 1 MB paste's fifth stage alone is 14 MB of SVG).
    drawn: OnceLock<Arc<RenderedStage>>,
}

impl StageView {
    /// The picture (drawn now if it was not yet).
    pub fn scene(&self) -> &Scene {
        &self.drawing().scene
    }

    /// The picture as SVG (drawn and rendered now if it was not yet).
    pub fn svg(&self) -> &str {
        self.drawing().svg()
    }

    /// The picture and its SVG together, shared rather than copied: the page keeps the stage
    /// shown as one of these, and a large stage's SVG is megabytes (rendered only if asked for).
    pub fn rendered(&self) -> Arc<RenderedStage> {
        Arc::clone(self.drawing())
    }

    /// Whether the picture was drawn already.
    pub fn is_drawn(&self) -> bool {
        self.drawn.get().is_some()
    }

    /// [`StageView::rendered`], drawn with pauses ([`crate::pace`]) if it was not drawn yet:
    /// the page draws the stages ahead a piece per task.
    pub async fn rendered_paced(&self) -> Arc<RenderedStage> {
        if let Some(drawn) = self.drawn.get() {
            return Arc::clone(drawn);
        }
        let scene = scene::build_paced(
            &self.stage.architecture,
            &self.layout,
            &self.notes(&BTreeSet::new()),
        )
        .await;
        Arc::clone(
            self.drawn
                .get_or_init(|| Arc::new(RenderedStage::new(scene))),
        )
    }

    fn drawing(&self) -> &Arc<RenderedStage> {
        self.drawn.get_or_init(|| {
            Arc::new(RenderedStage::new(scene::build(
                &self.stage.architecture,
                &self.layout,
                &self.notes(&BTreeSet::new()),
            )))
        })
    }

    /// What the picture of this stage shows beside the model, with `unfolded` clusters drawn
    /// unfolded: shared by every drawing of a stage (drawn once, drawn in pieces, re-drawn by
    /// [`render_stage`]), so all draw the same picture for the same fold state.
    fn notes(&self, unfolded: &BTreeSet<String>) -> Annotations {
        Annotations {
            owners: self.owners.clone(),
            badges: badges(&self.findings),
            stage: self.stage.index,
            unfolded: unfolded.clone(),
        }
    }
}

/// Everything the page shows for one input.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The model as pasted (stage 0's architecture).
    pub architecture: Architecture,
    /// The five stages, as-is first.
    pub stages: Vec<StageView>,
    /// The service order every stage is laid out with and each stage's middle band order
    /// ([`arrange::arrangement`]), kept so that re-drawing a stage puts every node where it was.
    pub arrangement: arrange::Arrangement,
}

impl Analysis {
    /// Stage `index`, clamped to the last stage.
    pub fn stage(&self, index: usize) -> Option<&StageView> {
        self.stages
            .get(index.min(self.stages.len().saturating_sub(1)))
    }

    /// Whether the stage meant to fix `finding`'s rule still finds it (same rule, same
    /// elements): that stage leaves it (a store Seams does not split, a queue nobody publishes
    /// to), so an earlier stage must not promise the fix.
    pub fn left_by_its_stage(&self, finding: &Finding) -> bool {
        self.stages
            .get(usize::from(finding.fixed_by_stage))
            .is_some_and(|s| {
                s.findings
                    .iter()
                    .any(|f| f.rule == finding.rule && f.elements == finding.elements)
            })
    }
}

/// The title block of stage `index`'s exported picture: stage number and name, score with its
/// change from the stage before, and the caption.
pub fn title_block(analysis: &Analysis, index: usize) -> Option<svg::TitleBlock> {
    let view = analysis.stage(index)?;
    let stage = &view.stage;
    let overall = view.score.overall;
    let change = match usize::from(stage.index)
        .checked_sub(1)
        .and_then(|before| analysis.stages.get(before))
    {
        Some(before) => {
            let delta = i16::from(overall) - i16::from(before.score.overall);
            format!(" ({delta:+} over stage {})", before.stage.index)
        }
        None => String::new(),
    };
    Some(svg::TitleBlock {
        title: format!("Stage {} · {}", stage.index, stage.name),
        score: format!("Score {overall} / 100{change}"),
        caption: stage.caption.clone(),
    })
}

/// Stage `index`'s picture as exported (the page's SVG and PNG exports, `seams render`): the
/// drawing under its title block and over a legend of its line styles.
pub fn export_svg(analysis: &Analysis, index: usize) -> Option<svg::Framed> {
    let view = analysis.stage(index)?;
    let block = title_block(analysis, index)?;
    Some(svg::framed(view.scene(), view.svg(), &block))
}

/// The most severe finding per element id.
pub fn badges(findings: &[Finding]) -> BTreeMap<String, Severity> {
    let mut badges: BTreeMap<String, Severity> = BTreeMap::new();
    // An accepted finding is shown apart in the list, not as a badge on the picture.
    for finding in findings.iter().filter(|f| f.accepted.is_none()) {
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
    crate::pace::at_once(analyze_paced(inputs, &Doing::default()))
}

/// [`analyze`] as a sequence of short steps (read a piece of the schema, transform one stage,
/// compare it with the one before, lay out one stage, check it, score it…), each a fraction of
/// the whole, so the page can hand the browser back between steps: a 600-table input is most of
/// a second of work in wasm, which in one piece would freeze the tab. Same work, same order,
/// same result as [`analyze`]: both run [`analyze_paced`], which pauses between the steps
/// ([`crate::pace`]).
pub struct Run<'a> {
    work: crate::pace::Paced<'a, Analysis>,
    doing: Rc<Doing>,
    done: Option<Analysis>,
}

/// What the next step of a run does, named for timing the steps (the `steps` example).
#[derive(Debug, Default)]
struct Doing(Cell<&'static str>);

impl Doing {
    /// Names the work that follows and pauses before it.
    async fn next(&self, what: &'static str) {
        self.0.set(what);
        crate::pace::pause().await;
    }
}

impl<'a> Run<'a> {
    /// A run on `inputs`, not started: its first steps read them into the model, a piece of
    /// the schema each ([`crate::pace::STRIDE`] bytes).
    pub fn new(inputs: Inputs<'a>) -> Self {
        let doing = Rc::new(Doing(Cell::new("read the panes")));
        let work = {
            let doing = Rc::clone(&doing);
            crate::pace::Paced::new(async move { analyze_paced(inputs, &doing).await })
        };
        Run {
            work,
            doing,
            done: None,
        }
    }

    /// Does the next step; false once everything is done (then [`Run::finish`] has the result).
    pub fn step(&mut self) -> bool {
        if self.done.is_some() {
            return false;
        }
        if let Poll::Ready(analysis) = self.work.step() {
            self.done = Some(analysis);
        }
        true
    }

    /// What the next [`Run::step`] does, for timing the steps (the `steps` example).
    pub fn phase_name(&self) -> &'static str {
        if self.done.is_some() {
            "done"
        } else {
            self.doing.0.get()
        }
    }

    /// The analysis: the steps' result once [`Run::step`] returned false; called earlier, the
    /// steps left are done at once.
    pub fn finish(mut self) -> Analysis {
        loop {
            if let Some(analysis) = self.done.take() {
                return analysis;
            }
            self.step();
        }
    }
}

/// The pipeline, pausing between its steps (and while it reads the schema): [`analyze`] runs
/// it at once, [`Run`] one step at a time. `doing` is told what each step does.
async fn analyze_paced(inputs: Inputs<'_>, doing: &Doing) -> Analysis {
    let mut architecture = ingest_paced(inputs).await;
    doing.next("plan the evolution").await;
    let mut evolution = evolution::Evolution::new(&architecture).await;
    loop {
        doing.next(evolution.next_step()).await;
        if !evolution.step().await {
            break;
        }
    }
    let stages = evolution.finish();
    doing.next("arrange the stages").await;
    let mut owners: Vec<OwnerMap> = Vec::with_capacity(stages.len());
    for stage in &stages {
        owners.push(owner_map(&stage.architecture));
        crate::pace::pause().await;
    }
    let pairs: Vec<(&Architecture, &OwnerMap)> = stages
        .iter()
        .zip(&owners)
        .map(|(s, o)| (&s.architecture, o))
        .collect();
    let arrangement = arrange::arrangement(&pairs);
    let mut views: Vec<StageView> = Vec::new();
    for (stage, owners) in stages.into_iter().zip(owners) {
        doing.next("lay out one stage").await;
        // The stage's place in the list, as `arrangement` numbered its bands.
        let laid = layout::layout_stage_paced(
            &stage.architecture,
            &owners,
            &arrangement.services,
            arrangement.middle_of(views.len()),
            arrangement.subscribers,
            &BTreeSet::new(),
        )
        .await;
        doing.next("check one stage").await;
        let found = findings::check_paced(&stage.architecture).await;
        doing.next("score one stage").await;
        let score = score::score_findings(&found, score::size(&stage.architecture));
        doing.next("measure one stage").await;
        let metrics = metrics::metrics_paced(&stage.architecture).await;
        views.push(StageView {
            stage,
            findings: found,
            score,
            owners,
            metrics,
            layout: laid,
            drawn: OnceLock::new(),
        });
    }
    // `accept:` entries are judged against the findings as pasted (stage 0).
    if let Some(first) = views.first() {
        let unmatched = findings::unmatched_acceptances(&architecture, &first.findings);
        if !unmatched.is_empty() {
            architecture.diagnostics.extend(unmatched);
            crate::order::sort(&mut architecture.diagnostics);
        }
    }
    Analysis {
        architecture,
        stages: views,
        arrangement,
    }
}

/// How the page wants one stage drawn, beyond the analysis itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewOptions {
    /// Cluster ids to draw unfolded (their tables in a frame instead of one card).
    pub unfolded: BTreeSet<String>,
}

/// One stage's picture drawn with [`ViewOptions`]: its scene, and its SVG once asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedStage {
    /// The positioned shapes (for centring on a node, and what the page paints a large
    /// picture from).
    pub scene: Scene,
    svg: OnceLock<String>,
}

impl RenderedStage {
    /// A picture of `scene`, its SVG not rendered yet.
    pub fn new(scene: Scene) -> Self {
        RenderedStage {
            scene,
            svg: OnceLock::new(),
        }
    }

    /// The SVG text, rendered the first time it is asked for: the page paints a large picture
    /// from its scene ([`Scene::is_large`]) and needs its SVG only for an export.
    pub fn svg(&self) -> &str {
        self.svg.get_or_init(|| svg::render(&self.scene))
    }
}

/// Re-draws stage `index` (clamped) with the given fold state, without re-running ingest,
/// findings or the evolution: only layout, scene and SVG. Nodes outside the unfolded clusters'
/// database keep their places, because the service order is the one shared by all stages.
pub fn render_stage(
    analysis: &Analysis,
    index: usize,
    options: &ViewOptions,
) -> Option<RenderedStage> {
    crate::pace::at_once(render_stage_paced(analysis, index, options))
}

/// [`render_stage`] with pauses ([`crate::pace`]): a stage of a 4 MB input is laid out and
/// drawn anew in about 300 ms natively, so the page unfolds a cluster of it in pieces.
pub async fn render_stage_paced(
    analysis: &Analysis,
    index: usize,
    options: &ViewOptions,
) -> Option<RenderedStage> {
    let view = analysis.stage(index)?;
    let laid = layout::layout_stage_paced(
        &view.stage.architecture,
        &view.owners,
        &analysis.arrangement.services,
        analysis.arrangement.middle_of(view.stage.index.into()),
        analysis.arrangement.subscribers,
        &options.unfolded,
    )
    .await;
    crate::pace::pause().await;
    let scene = scene::build_paced(
        &view.stage.architecture,
        &laid,
        &view.notes(&options.unfolded),
    )
    .await;
    Some(RenderedStage::new(scene))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeKind, NodeKind};
    use crate::order::Collect;

    #[test]
    fn a_finding_its_stage_leaves_is_told_apart_from_one_it_fixes() {
        let seed = crate::examples::SEED;
        let analysis = analyze(Inputs {
            schema: seed.schema,
            services: seed.services,
            models: seed.models,
            dialect: None,
            sources: None,
        });
        let first = analysis.stage(0).unwrap();
        let rule = |name: &str| {
            first
                .findings
                .iter()
                .find(|f| f.rule.as_str() == name)
                .unwrap()
        };
        // Nobody publishes to the seed's queue, at stage 4 too; app-a's read of users is gone
        // at stage 3.
        assert!(analysis.left_by_its_stage(rule("orphan-event")));
        assert!(!analysis.left_by_its_stage(rule("foreign-read")));
    }

    #[test]
    fn a_run_in_steps_is_the_same_analysis_in_short_pieces() {
        let (schema, services) = monolith(3, 4);
        let inputs = Inputs {
            schema: &schema,
            services: &services,
            models: "",
            dialect: None,
            sources: None,
        };
        let whole = analyze(inputs);
        let mut run = Run::new(inputs);
        let mut steps: BTreeMap<&str, usize> = BTreeMap::new();
        loop {
            let doing = run.phase_name();
            if !run.step() {
                break;
            }
            *steps.entry(doing).or_default() += 1;
        }
        assert!(!run.step(), "a finished run stays finished");
        let stepped = run.finish();
        // Each stage is laid out in two steps (folded, then placed) and scored in one; the
        // rest pause as they go: the reading after its set-up and after the schema, the
        // plan between its parts, a
        // transform between its parts, a comparison between nodes and edges, a check
        // between its rules, a measure after the dependencies.
        let at_least = [
            ("read the panes", 3),
            ("plan the evolution", 6),
            ("transform one stage", 4 * 2),
            ("compare a stage with the one before", 4 * 5),
            ("arrange the stages", 1),
            ("lay out one stage", 5 * 2),
            ("check one stage", 5 * 13),
            ("score one stage", 5),
            ("measure one stage", 5 * 2),
        ];
        for (doing, least) in at_least {
            let done = steps.get(doing).copied().unwrap_or(0);
            assert!(done >= least, "{doing}: {done} steps, fewer than {least}");
        }
        assert_eq!(steps.get("lay out one stage"), Some(&(5 * 2)));
        assert_eq!(steps.get("score one stage"), Some(&5));
        assert_eq!(stepped.architecture, whole.architecture);
        let pictures = |a: &Analysis| {
            a.stages
                .iter()
                .map(|s| (s.score.overall, s.findings.len(), s.svg().to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pictures(&stepped), pictures(&whole));
        assert_eq!(stepped.stages.len(), 5);
        // Finished before its steps, a run does them at once.
        let early = Run::new(inputs).finish();
        assert_eq!(pictures(&early), pictures(&whole));
    }

    #[test]
    fn a_large_picture_drawn_in_pieces_is_the_picture_drawn_at_once() {
        let (schema, services) = crate::work::system(600);
        let analysis = analyze(Inputs {
            schema: &schema,
            services: &services,
            ..Default::default()
        });
        let Some(view) = analysis.stage(0) else {
            panic!("no stage 0");
        };
        let mut drawing = crate::pace::Paced::new(view.rendered_paced());
        let mut pieces = 1;
        let drawn = loop {
            if let Poll::Ready(drawn) = drawing.step() {
                break drawn;
            }
            pieces += 1;
        };
        drop(drawing);
        // 600 services call, read and write: thousands of lines to route and write.
        assert!(
            drawn.scene.edges.len() > 4_000,
            "{}",
            drawn.scene.edges.len()
        );
        assert!(pieces >= 6, "{pieces} pieces");
        assert!(view.is_drawn());
        // The same picture as a drawing at once (a re-drawing with nothing unfolded).
        let at_once = render_stage(&analysis, 0, &ViewOptions::default());
        assert_eq!(Some(drawn.svg()), at_once.as_ref().map(RenderedStage::svg));
    }

    #[test]
    fn a_large_schema_is_read_a_stride_at_a_time() {
        use std::fmt::Write as _;
        // A schema of about `strides` strides of DDL, its table count, and the steps that
        // read it (with the model built from it).
        let read = |strides: usize| {
            let mut schema = String::new();
            let mut k = 0;
            while schema.len() < strides * crate::pace::STRIDE + crate::pace::STRIDE / 2 {
                let _ = writeln!(
                    schema,
                    "CREATE TABLE t{k} (id bigint PRIMARY KEY, label text NOT NULL, up bigint REFERENCES t{}(id));",
                    k / 2
                );
                k += 1;
            }
            let inputs = Inputs {
                schema: &schema,
                ..Default::default()
            };
            let mut run = Run::new(inputs);
            let mut reading = 0;
            while run.phase_name() == "read the panes" && run.step() {
                reading += 1;
            }
            let stepped = run.finish();
            assert_eq!(stepped.architecture.tables.len(), k);
            assert_eq!(stepped.architecture, analyze(inputs).architecture);
            reading
        };
        // Two strides more of statements, two steps more; the set-up, the statements' facts
        // and the model take steps of their own.
        let (shorter, longer) = (read(2), read(4));
        assert_eq!(longer, shorter + 2);
        assert!(shorter > 3, "{shorter} steps");
    }

    #[test]
    fn a_stage_is_drawn_when_first_asked_for_and_as_a_redrawing_draws_it() {
        let a = analysis(2, 3);
        assert!(a.stages.iter().all(|s| !s.is_drawn()), "nothing drawn yet");
        let first = a.stages.get(2).map(|s| s.svg().to_string());
        let drawn: Vec<bool> = a.stages.iter().map(StageView::is_drawn).collect();
        assert_eq!(drawn, [false, false, true, false, false]);
        for (index, view) in a.stages.iter().enumerate() {
            let again = render_stage(&a, index, &ViewOptions::default());
            assert_eq!(again.as_ref().map(|r| r.svg()), Some(view.svg()));
            assert_eq!(again.map(|r| r.scene).as_ref(), Some(view.scene()));
        }
        assert_eq!(first.as_deref(), a.stages.get(2).map(StageView::svg));
    }

    /// A monolith of `schemas` × 50 tables (FKs inside a schema and every tenth table to the next
    /// schema); service `svcK` writes all of schema `sK` and reads 20 tables of `s(K+1)`.
    fn monolith(schemas: usize, services: usize) -> (String, String) {
        let mut sql = String::new();
        for s in 0..schemas {
            for t in 0..50 {
                sql.push_str(&format!(
                    "CREATE TABLE s{s}.t{t} (id int PRIMARY KEY, up int REFERENCES s{s}.t{}(id)",
                    (t + 49) % 50
                ));
                if t % 10 == 0 {
                    sql.push_str(&format!(
                        ", far int REFERENCES s{}.t{t}(id)",
                        (s + 1) % schemas
                    ));
                }
                sql.push_str(");\n");
            }
        }
        let mut yaml = String::from("version: 1\nservices:\n");
        for k in 0..services {
            let writes: Vec<String> = (0..50).map(|t| format!("s{k}.t{t}")).collect();
            let reads: Vec<String> = (0..20)
                .map(|t| format!("s{}.t{t}", (k + 1) % services))
                .collect();
            yaml.push_str(&format!(
                "  svc{k}:\n    writes: [{}]\n    reads: [{}]\n",
                writes.join(", "),
                reads.join(", ")
            ));
        }
        (sql, yaml)
    }

    fn analysis(schemas: usize, services: usize) -> Analysis {
        let (schema, services) = monolith(schemas, services);
        analyze(Inputs {
            schema: &schema,
            services: &services,
            models: "",
            dialect: None,
            sources: None,
        })
    }

    fn count(scene: &Scene, kind: NodeKind) -> usize {
        scene.nodes.iter().filter(|n| n.kind == kind).count()
    }

    fn unique_ids(scene: &Scene) {
        let ids: BTreeSet<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect_set();
        assert_eq!(ids.len(), scene.nodes.len(), "node ids are unique");
    }

    #[test]
    fn a_large_database_folds_into_one_cluster_per_owner_and_schema() {
        let a = analysis(12, 10);
        let scene = a.stages[0].scene();
        assert_eq!(count(scene, NodeKind::Table), 0);
        assert_eq!(
            count(scene, NodeKind::Cluster),
            12,
            "10 owners + 2 unowned schemas"
        );
        let svc1 = scene
            .nodes
            .iter()
            .find(|n| n.id == "cluster:main/svc1")
            .unwrap();
        assert_eq!(svc1.detail, "50 tables");
        assert!(scene
            .nodes
            .iter()
            .any(|n| n.id == "cluster:main/s11" && n.unowned));
        unique_ids(scene);
        assert!(a.stages[0]
            .svg()
            .contains(r#"data-node="cluster:main/svc1" data-kind="cluster""#));
    }

    #[test]
    fn edges_to_folded_tables_go_to_their_cluster_once_with_a_count() {
        let a = analysis(12, 10);
        let scene = a.stages[0].scene();
        let edge = |from: &str, to: &str, kind: EdgeKind| {
            let found: Vec<&crate::scene::SceneEdge> = scene
                .edges
                .iter()
                .filter(|e| e.from == from && e.to == to && e.kind == kind)
                .collect();
            assert_eq!(found.len(), 1, "{from} {kind:?} {to}");
            found[0].clone()
        };
        let reads = edge("service:svc0", "cluster:main/svc1", EdgeKind::Reads);
        assert_eq!(reads.count, 20);
        assert_eq!(reads.title, "svc0 reads 20 tables in svc1's cluster");
        assert_eq!(
            edge("service:svc0", "cluster:main/svc0", EdgeKind::Writes).count,
            50
        );
        let fk = edge(
            "cluster:main/svc0",
            "cluster:main/svc1",
            EdgeKind::References,
        );
        assert!(fk.cross_owner);
        assert_eq!(fk.count, 5);
        // Foreign keys inside a cluster are hidden; nothing points at a folded table.
        assert!(scene.edges.iter().all(|e| e.from != e.to));
        assert!(scene
            .edges
            .iter()
            .all(|e| !e.from.starts_with("table:") && !e.to.starts_with("table:")));
        let unowned = edge("cluster:main/s10", "cluster:main/s11", EdgeKind::References);
        assert!(!unowned.cross_owner, "schema groups have no owner");
    }

    #[test]
    fn an_unfolded_cluster_shows_its_tables_in_its_frame() {
        let a = analysis(12, 10);
        let options = ViewOptions {
            unfolded: ["cluster:main/svc1".to_string()].into_iter().collect(),
        };
        let shown = render_stage(&a, 0, &options).unwrap();
        let scene = &shown.scene;
        assert_eq!(count(scene, NodeKind::Table), 50);
        assert_eq!(count(scene, NodeKind::Cluster), 11);
        unique_ids(scene);
        let frame = scene
            .groups
            .iter()
            .find(|g| g.id == "cluster:main/svc1")
            .unwrap();
        for node in scene.nodes.iter().filter(|n| n.kind == NodeKind::Table) {
            assert!(node.id.starts_with("table:s1."), "{}", node.id);
            let r = node.rect;
            assert!(r.x >= frame.rect.x && r.right() <= frame.rect.right());
            assert!(r.y >= frame.rect.y && r.bottom() <= frame.rect.bottom());
        }
        // Reads now reach the tables themselves; other clusters still merge.
        assert!(scene.edges.iter().any(|e| e.from == "service:svc0"
            && e.to == "table:s1.t3"
            && e.kind == EdgeKind::Reads
            && e.title == "svc0 reads s1.t3"));
        assert!(shown.svg().contains(r#"data-fold="cluster:main/svc1""#));
        // Services keep their places; the folded default is what analyze drew.
        let before = a.stages[0].scene();
        let place = |s: &Scene, id: &str| s.nodes.iter().find(|n| n.id == id).map(|n| n.rect);
        assert_eq!(place(before, "service:svc3"), place(scene, "service:svc3"));
        assert_eq!(
            place(before, "cluster:main/svc0"),
            place(scene, "cluster:main/svc0")
        );
        let folded = render_stage(&a, 0, &ViewOptions::default()).unwrap();
        assert_eq!(folded.svg(), a.stages[0].svg());
        assert_eq!(
            cluster_of(&a, 0, "table:s1.t3").as_deref(),
            Some("cluster:main/svc1")
        );
    }

    #[test]
    fn a_pointer_finds_what_is_drawn_on_top_where_it_points() {
        // The page's canvas form of a large picture asks the scene, not the DOM.
        let a = analysis(12, 10);
        let options = ViewOptions {
            unfolded: ["cluster:main/svc1".to_string()].into_iter().collect(),
        };
        let shown = render_stage(&a, 0, &options).unwrap();
        let scene = &shown.scene;
        let at = |x: f64, y: f64| scene.node_at(x, y).map(|n| n.id.as_str());
        for node in scene.nodes.iter().filter(|n| n.kind != NodeKind::Database) {
            assert_eq!(at(node.rect.cx(), node.rect.cy()), Some(node.id.as_str()));
        }
        // Between the tables of a database, the database; outside everything, nothing.
        let db = scene
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::Database)
            .unwrap();
        assert_eq!(at(db.rect.x + 2.0, db.rect.y + 2.0), Some(db.id.as_str()));
        assert_eq!(at(-5.0, -5.0), None);
        assert_eq!(at(scene.width + 5.0, scene.height + 5.0), None);
        // The unfolded cluster's header folds it; below the header is its tables' room.
        let frame = scene.groups.first().unwrap();
        let (x, y) = (frame.rect.x + 30.0, frame.rect.y + 5.0);
        assert_eq!(
            scene.group_head_at(x, y).map(|g| g.id.as_str()),
            Some("cluster:main/svc1")
        );
        assert_eq!(
            scene.group_head_at(x, y + crate::scene::GROUP_HEAD + 1.0),
            None
        );
        assert!(shown.svg().contains(r#"<rect class="head""#));
    }

    #[test]
    fn the_lit_part_of_a_picture_is_its_elements_drawn_as_in_the_picture() {
        let seed = crate::examples::SEED;
        let a = analyze(Inputs {
            schema: seed.schema,
            services: seed.services,
            models: seed.models,
            dialect: None,
            sources: None,
        });
        let scene = a.stages[0].scene();
        let ids: BTreeSet<&str> = ["service:app-b"].into_iter().collect_set();
        let touching = scene.edges_touching(&ids);
        assert!(!touching.is_empty());
        assert_eq!(
            touching.len(),
            scene
                .edges
                .iter()
                .filter(|e| e.from == "service:app-b" || e.to == "service:app-b")
                .count()
        );
        // Every edge ends where its path ends, coming from another point.
        for edge in &scene.edges {
            let (from, to) = edge.end().unwrap();
            assert_ne!(from, to, "{}", edge.key);
            let tail = format!("{} {}", crate::scene::num(to.0), crate::scene::num(to.1));
            assert!(edge.path.ends_with(&tail), "{} ends at {tail}", edge.path);
        }
        let node = scene
            .nodes
            .iter()
            .find(|n| n.id == "service:app-b")
            .unwrap();
        let overlay = svg::overlay(scene);
        assert!(overlay.contains(svg::STYLE) && overlay.contains(r#"<g class="overlay"></g>"#));
        assert!(!overlay.contains("data-node") && !overlay.contains("data-edge"));
        let lit = svg::overlay_content(&[node], &touching);
        assert_eq!(lit.matches("data-lit=").count(), touching.len());
        assert_eq!(lit.matches("data-node=").count(), 1);
        // Copies are not the picture's edges: nothing counting `data-edge` counts them twice.
        assert!(!lit.contains("data-edge"));
        let picture = a.stages[0].svg();
        for edge in &touching {
            assert!(picture.contains(&format!(r#"d="{}""#, edge.path)));
            assert!(lit.contains(&format!(r#"d="{}""#, edge.path)));
        }
    }

    #[test]
    fn a_small_database_never_folds() {
        let a = analysis(2, 2);
        let scene = a.stages[0].scene();
        assert_eq!(count(scene, NodeKind::Table), 100);
        assert_eq!(count(scene, NodeKind::Cluster), 0);
        assert_eq!(cluster_of(&a, 0, "table:s1.t3"), None);
    }
}
