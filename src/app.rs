//! The page layout: header (examples, dialect, view toggles), the three input panes, the graph
//! with its inspector, and a status line. Components wire signals to views; the core computes.

use crate::editor::Editor;
use crate::graph_view::{GraphView, TableView};
use crate::inspector::Inspector;
use crate::store::Store;
use leptos::prelude::*;
use seams_core::{examples, Dialect, Pane, Severity};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let seed = examples::SEED;
    let store = Store::new(seed.schema, seed.services, seed.models);
    provide_context(store);
    store.run_when_inputs_settle();

    let load_example = move |key: String| {
        if let Some(example) = examples::by_key(&key) {
            store.schema.set(example.schema.to_string());
            store.services.set(example.services.to_string());
            store.models.set(example.models.to_string());
            store.selected.set(None);
        }
    };
    let detected = move || {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    format!(
                        "{}: {}",
                        a.architecture.dialect.label(),
                        a.architecture.dialect_reason
                    )
                })
                .unwrap_or_default()
        })
    };
    let status = move || {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    let arch = &a.architecture;
                    let errors = arch.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
                    format!(
                        "{} services · {} tables · {} views · {} foreign keys · {} diagnostics ({} errors) · analysed in {:.0} ms",
                        arch.services.len(),
                        arch.tables.len(),
                        arch.views.len(),
                        arch.foreign_key_count(),
                        arch.diagnostics.len(),
                        errors,
                        store.last_run_ms.get()
                    )
                })
                .unwrap_or_default()
        })
    };

    view! {
        <style>{seams_core::svg::STYLE}</style>
        <header class="top">
            <h1><span class="logo" aria-hidden="true"></span>"Seams"</h1>
            <label class="field">
                "Example "
                <select on:change=move |ev| load_example(event_target_value(&ev))>
                    {examples::ALL
                        .iter()
                        .map(|e| view! { <option value=e.key>{e.title}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                "Dialect "
                <select
                    aria-describedby="dialect-reason"
                    on:change=move |ev| store.dialect.set(Dialect::from_name(&event_target_value(&ev)))
                >
                    <option value="auto">"Auto-detect"</option>
                    {Dialect::ALL
                        .iter()
                        .map(|d| view! { <option value=d.as_str()>{d.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <span id="dialect-reason" class="dialect-reason">{detected}</span>
            <span class="spacer"></span>
            <button
                type="button"
                aria-pressed=move || store.table_view.get().to_string()
                on:click=move |_| store.table_view.update(|t| *t = !*t)
            >
                "Table view"
            </button>
        </header>
        <main class="workspace">
            <div class="inputs">
                <Editor label="Schema" pane=Pane::Schema text=store.schema placeholder="Paste SQL DDL: pg_dump --schema-only, mysqldump, sqlite .schema…"/>
                <Editor label="Services" pane=Pane::Services text=store.services placeholder="version: 1\nservices:\n  app-a:\n    reads: [users]"/>
                <Editor label="Models" pane=Pane::Models text=store.models placeholder="# app_a/models/user.py\nclass User(Base): …"/>
            </div>
            <div class="canvas">
                <Show when=move || store.table_view.get() fallback=|| view! { <GraphView/> }>
                    <TableView/>
                </Show>
                <Inspector/>
            </div>
        </main>
        <footer class="status" role="status">{status}</footer>
    }
}
