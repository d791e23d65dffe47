//! The page's one store: the input texts, the dialect override, what is selected, and the
//! latest analysis. Provided once through context; components read and write its signals.
//!
//! The analysis is computed by `seams_core::pipeline`, never here: the store only decides when
//! to run it (debounced after typing) and, for a large input, runs it in steps with the browser
//! free to paint and take input between them.

use leptos::prelude::*;
use seams_core::pipeline::{analyze, Analysis, Run};
use seams_core::{Dialect, Inputs};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// How long typing must pause before the pipeline re-runs.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Inputs larger than this (bytes, three panes together) are analysed in steps. Smaller ones
/// take a few tens of milliseconds and are analysed at once, so the first picture of a visit
/// needs no extra turn of the event loop.
pub const STEP_ABOVE: usize = 64 * 1024;

/// The page state, shared by every component (cheap to copy: signals are handles).
#[derive(Clone, Copy)]
pub struct Store {
    /// The Schema pane.
    pub schema: RwSignal<String>,
    /// The Services pane.
    pub services: RwSignal<String>,
    /// The Models pane.
    pub models: RwSignal<String>,
    /// Dialect override (None: detect).
    pub dialect: RwSignal<Option<Dialect>>,
    /// The latest analysis of the inputs.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// The selected element id (node), if any.
    pub selected: RwSignal<Option<String>>,
    /// Whether the graph is shown as an HTML table.
    pub table_view: RwSignal<bool>,
    /// Milliseconds the last pipeline run took (shown in the status line).
    pub last_run_ms: RwSignal<f64>,
    /// The evolution stage shown (0 = as is).
    pub stage: RwSignal<usize>,
    /// Whether the stepper is playing through the stages.
    pub playing: RwSignal<bool>,
    /// Presentation mode: editors hidden, large type, projector contrast.
    pub presenting: RwSignal<bool>,
    /// Element ids highlighted by a selected finding (everything else dims).
    pub focus: RwSignal<Vec<String>>,
    /// Source positions highlighted in the panes by a selected finding.
    pub focus_spans: RwSignal<Vec<seams_core::Span>>,
    /// The side panel's tab.
    pub tab: RwSignal<Tab>,
    /// Light or dark.
    pub dark: RwSignal<bool>,
    /// Cluster ids (`cluster:main/app-b`) the user unfolded in a large database.
    pub unfolded: RwSignal<BTreeSet<String>>,
    /// Counts pipeline runs; a stepped run stops when a newer one has started.
    runs: StoredValue<u64>,
    /// Set when the panes were replaced whole ([`Store::load`]) and analysed at once: the
    /// debounced run that their change schedules is not needed.
    analysed_at_once: StoredValue<bool>,
    /// The example last loaded from the gallery, with its texts as loaded: the panes still
    /// holding them unchanged can be discarded without asking (the other examples' texts are
    /// fetched, not in the page, so there is nothing else to compare with).
    pub loaded_example: StoredValue<Option<LoadedExample>>,
    /// Set when a paste replaced the schema: the next analysis with tables drafts the Services
    /// pane (`crate::first_steps::watch`).
    pub draft_when_analysed: StoredValue<bool>,
}

/// The three texts of an example as it was loaded into the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedExample {
    /// The gallery key of the example these texts are (None for a folder's).
    pub example: Option<&'static str>,
    /// The Schema pane.
    pub schema: String,
    /// The Services pane.
    pub services: String,
    /// The Models pane.
    pub models: String,
}

impl LoadedExample {
    /// Whether the panes of `store` hold exactly these texts.
    pub fn is_in(&self, store: &Store) -> bool {
        store.schema.with_untracked(|s| *s == self.schema)
            && store.services.with_untracked(|s| *s == self.services)
            && store.models.with_untracked(|s| *s == self.models)
    }

    /// Whether the panes of `store` still hold these texts, tracking the panes.
    pub fn is_shown(&self, store: &Store) -> bool {
        panes_hold(store, &self.schema, &self.services, &self.models)
    }
}

/// Whether the panes of `store` hold exactly these three texts, tracking the panes (the caller
/// re-runs when one changes).
pub fn panes_hold(store: &Store, schema: &str, services: &str, models: &str) -> bool {
    store.schema.with(|s| s == schema)
        && store.services.with(|s| s == services)
        && store.models.with(|s| s == models)
}

/// The tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The findings of the stage shown.
    Findings,
    /// The stage's story: narrative, changes, artifacts.
    Stage,
    /// The selected node.
    Details,
}

/// Number of evolution stages.
pub const STAGES: usize = 5;

impl Store {
    /// A store holding the given texts, analysed at once.
    pub fn new(schema: &str, services: &str, models: &str) -> Self {
        let store = Store {
            schema: RwSignal::new(schema.to_string()),
            services: RwSignal::new(services.to_string()),
            models: RwSignal::new(models.to_string()),
            dialect: RwSignal::new(None),
            analysis: RwSignal::new(None),
            selected: RwSignal::new(None),
            table_view: RwSignal::new(false),
            last_run_ms: RwSignal::new(0.0),
            stage: RwSignal::new(0),
            playing: RwSignal::new(false),
            presenting: RwSignal::new(false),
            focus: RwSignal::new(Vec::new()),
            focus_spans: RwSignal::new(Vec::new()),
            tab: RwSignal::new(Tab::Findings),
            dark: RwSignal::new(false),
            unfolded: RwSignal::new(BTreeSet::new()),
            runs: StoredValue::new(0),
            analysed_at_once: StoredValue::new(false),
            loaded_example: StoredValue::new(None),
            draft_when_analysed: StoredValue::new(false),
        };
        store.run();
        store
    }

    /// Runs the pipeline on the current inputs: at once for a small input, otherwise in steps
    /// (see [`STEP_ABOVE`]) that hand the browser back between them, so a 600-table paste never
    /// holds the main thread for the whole analysis. The previous analysis stays on screen until
    /// the new one is complete; a run superseded by a newer edit is dropped.
    pub fn run(&self) {
        let started = now_ms();
        let generation = self.runs.get_value().wrapping_add(1);
        self.runs.set_value(generation);
        let dialect = self.dialect.get_untracked();
        let schema = self.schema.get_untracked();
        let services = self.services.get_untracked();
        let models = self.models.get_untracked();
        let store = *self;
        let finish = move |analysis: Analysis| {
            let analysis = Arc::new(analysis);
            store.analysis.set(Some(Arc::clone(&analysis)));
            store.last_run_ms.set(now_ms() - started);
        };
        if schema.len() + services.len() + models.len() <= STEP_ABOVE {
            finish(analyze(Inputs {
                schema: &schema,
                services: &services,
                models: &models,
                dialect,
                sources: None,
            }));
            return;
        }
        leptos::task::spawn_local(async move {
            // Let the browser paint and handle input before the first step as well.
            yield_now().await;
            if store.runs.get_value() != generation {
                return;
            }
            let mut run = Run::new(Inputs {
                schema: &schema,
                services: &services,
                models: &models,
                dialect,
                sources: None,
            });
            loop {
                yield_now().await;
                if store.runs.get_value() != generation {
                    return;
                }
                if !run.step() {
                    break;
                }
            }
            let analysis = run.finish();
            // The stage shown is drawn in pieces before the task that shows the new analysis
            // (which lays out the panels and paints the picture).
            if let Some(view) = analysis.stage(store.stage.get_untracked()) {
                let current = move || store.is_latest_run(generation);
                if in_pieces_while(&current, view.rendered_paced())
                    .await
                    .is_none()
                {
                    return;
                }
            }
            yield_now().await;
            if store.runs.get_value() != generation {
                return;
            }
            finish(analysis);
        });
    }

    /// Whether no run started since run `generation` (the latest analysis is that run's, or it
    /// is still running): work for an older analysis stops.
    pub fn is_latest_run(&self, generation: u64) -> bool {
        self.runs.get_value() == generation
    }

    /// The latest run's number, for [`Store::is_latest_run`].
    pub fn latest_run(&self) -> u64 {
        self.runs.get_value()
    }

    /// Re-runs the pipeline after every edit, once typing pauses for [`DEBOUNCE`].
    pub fn run_when_inputs_settle(self) {
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        let first = StoredValue::new(true);
        Effect::new(move |_| {
            // Track every input.
            self.schema.track();
            self.services.track();
            self.models.track();
            self.dialect.track();
            if first.get_value() || self.analysed_at_once.get_value() {
                first.set_value(false);
                self.analysed_at_once.set_value(false);
                return;
            }
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let handle = set_timeout_with_handle(move || self.run(), DEBOUNCE).ok();
            pending.set_value(handle);
        });
    }
}

impl Store {
    /// Puts `loaded` (an example, or what a folder gave) into the panes and shows it from stage
    /// 0, remembering it so that discarding it unchanged needs no question
    /// ([`crate::persist::confirm_discard`]). The texts are complete, so they are analysed at
    /// once rather than after the typing pause.
    pub fn load(&self, loaded: LoadedExample) {
        self.schema.set(loaded.schema.clone());
        self.services.set(loaded.services.clone());
        self.models.set(loaded.models.clone());
        self.loaded_example.set_value(Some(loaded));
        self.selected.set(None);
        self.focus.set(Vec::new());
        self.go_to(0);
        self.analysed_at_once.set_value(true);
        self.run();
    }

    /// Shows stage `index` (clamped), clearing a finding's highlight from another stage.
    pub fn go_to(&self, index: usize) {
        let index = index.min(STAGES - 1);
        if self.stage.get_untracked() != index {
            self.stage.set(index);
            self.focus.set(Vec::new());
            self.focus_spans.set(Vec::new());
        }
    }

    /// Runs `f` on the stage shown, if the analysis exists.
    pub fn with_stage<T>(
        &self,
        f: impl FnOnce(&seams_core::pipeline::StageView) -> T,
    ) -> Option<T> {
        let index = self.stage.get();
        self.analysis
            .with(|a| a.as_ref().and_then(|a| a.stage(index)).map(f))
    }
}

/// `public/start.js`'s turn of the event loop.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = seamsYield, catch)]
    fn next_turn() -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

/// Hands the browser back until its next turn: it paints and takes input meanwhile. A message
/// the page sends itself (`public/start.js`, `seamsYield`) rather than a zero timeout, which
/// browsers hold to 4 ms once timeouts nest: a large paste is hundreds of pieces.
pub async fn yield_now() {
    match next_turn() {
        Ok(turn) => {
            let _ = wasm_bindgen_futures::JsFuture::from(turn).await;
        }
        Err(_) => gloo_timers::future::TimeoutFuture::new(0).await,
    }
}

/// Runs `work` to its end a piece per task ([`seams_core::pace::Paced`]), handing the browser
/// back before each piece.
pub async fn in_pieces<T>(work: impl std::future::Future<Output = T>) -> T {
    let mut work = seams_core::pace::Paced::new(work);
    loop {
        yield_now().await;
        if let std::task::Poll::Ready(done) = work.step() {
            return done;
        }
    }
}

/// [`in_pieces`], given up (None) as soon as `wanted` says the work is no longer wanted (a
/// newer run started, another stage is shown).
pub async fn in_pieces_while<T>(
    wanted: &dyn Fn() -> bool,
    work: impl std::future::Future<Output = T>,
) -> Option<T> {
    let mut work = seams_core::pace::Paced::new(work);
    loop {
        yield_now().await;
        if !wanted() {
            return None;
        }
        if let std::task::Poll::Ready(done) = work.step() {
            return Some(done);
        }
    }
}

/// Milliseconds since page load (the UI's clock; the core has none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The store provided by `App`.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
