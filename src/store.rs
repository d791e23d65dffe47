//! The page's one store: the input texts, the dialect override, what is selected, and the
//! latest analysis. Provided once through context; components read and write its signals.
//!
//! The analysis is computed by `seams_core::pipeline::analyze`, never here: the store only
//! decides when to run it (debounced after typing).

use leptos::prelude::*;
use seams_core::pipeline::{analyze, Analysis};
use seams_core::{Dialect, Inputs};
use std::sync::Arc;
use std::time::Duration;

/// How long typing must pause before the pipeline re-runs.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

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
}

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
        };
        store.run();
        store
    }

    /// Runs the pipeline on the current inputs now.
    pub fn run(&self) {
        let started = now_ms();
        let analysis = self.schema.with_untracked(|schema| {
            self.services.with_untracked(|services| {
                self.models.with_untracked(|models| {
                    analyze(Inputs {
                        schema,
                        services,
                        models,
                        dialect: self.dialect.get_untracked(),
                    })
                })
            })
        });
        self.analysis.set(Some(Arc::new(analysis)));
        self.last_run_ms.set(now_ms() - started);
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
            if first.get_value() {
                first.set_value(false);
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
