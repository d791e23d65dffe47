//! The page layout: header (examples, dialect, view toggles), the three input panes, the score,
//! the stage stepper, the graph with its side panel, and a status line. Keyboard stepping and
//! presentation mode live here. Components wire signals to views; the core computes.

use crate::editor::Editor;
use crate::embed::EmbedDialog;
use crate::export::ExportMenu;
use crate::graph_view::GraphView;
use crate::inspector::{DetailsCue, Inspector};
use crate::panels::{Caption, ScoreHeader, SidePanel, Stepper};
use crate::persist;
use crate::share_link::{share_url, CopyButton, LinkBanner};
use crate::store::{use_store, Store, STAGES};
use leptos::ev;
use leptos::prelude::*;
use seams_core::{Dialect, Pane, Severity};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long each stage stays on screen while playing.
const PLAY_STEP: Duration = Duration::from_millis(3200);

/// Where keyboard focus is, which decides who a key belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Focus {
    /// Nothing interactive: the page's keys step the stages.
    Page,
    /// A text field: every key belongs to the field.
    Field,
    /// A button of the stepper: Space and Enter press it, the arrows still step.
    Stepper,
    /// Any other control, or the graph: its own keys (Space presses a button or opens a
    /// `<summary>`, arrows move between tabs, Space selects a node).
    Control,
}

/// Who the focused element's keys belong to.
fn focus() -> Focus {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return Focus::Page;
    };
    // `closest` matches the element itself first, then its ancestors.
    let within = |selector: &str| el.closest(selector).ok().flatten().is_some();
    if within("textarea, input, select, [contenteditable]") {
        Focus::Field
    } else if within(".stepper button") {
        Focus::Stepper
    } else if within("button, a[href], summary, [tabindex], [role=tab], .graph-frame") {
        Focus::Control
    } else {
        Focus::Page
    }
}

fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

fn toggle_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        let _ = root.request_fullscreen();
    }
}

/// Keys for stepping through the stages: arrows, Space, PageUp/PageDown (what presentation
/// clickers send), Home/End, F for full screen, Escape to leave presentation mode. The stage
/// keys are the page's only while no control has the focus (the stepper's buttons keep the
/// arrows), so Space presses the focused button and arrows move between tabs.
fn on_key(store: Store, ev: ev::KeyboardEvent) {
    let focus = focus();
    if focus == Focus::Field || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    let key = ev.key();
    let stage_key = matches!(
        key.as_str(),
        "ArrowRight" | "ArrowLeft" | "PageDown" | "PageUp" | "Home" | "End" | " "
    );
    if stage_key && !(focus == Focus::Page || (focus == Focus::Stepper && key != " ")) {
        return;
    }
    let stage = store.stage.get_untracked();
    let handled = match key.as_str() {
        "ArrowRight" | "PageDown" | " " => {
            store.playing.set(false);
            store.go_to(stage + 1);
            true
        }
        "ArrowLeft" | "PageUp" => {
            store.playing.set(false);
            store.go_to(stage.saturating_sub(1));
            true
        }
        "Home" => {
            store.go_to(0);
            true
        }
        "End" => {
            store.go_to(STAGES - 1);
            true
        }
        "f" | "F" => {
            toggle_fullscreen();
            true
        }
        "Escape" => {
            store.presenting.set(false);
            store.focus.set(Vec::new());
            false
        }
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    // A share link first, else the autosave, else the seed example (crate::persist).
    let start = crate::persist::Startup::read();
    let store: Store = start.store();
    provide_context(store);
    store.run_when_inputs_settle();

    // Theme: the system's preference first, then the toggle.
    let prefers_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    store.dark.set(prefers_dark);
    if let Some(dark) = crate::persist::theme_is_dark(start.state.theme.as_deref()) {
        store.dark.set(dark);
    }
    let link_problem = RwSignal::new(start.problem.clone());
    provide_context(crate::share_link::LinkProblem(link_problem));
    let work = crate::persist::WorkStatus::new();
    work.choice.set(
        start
            .conflict
            .clone()
            .map(|saved| (start.state.clone(), saved)),
    );
    provide_context(work);
    crate::persist::keep(store, link_problem, work);
    crate::work_notices::watch();
    crate::first_steps::watch(store);
    Effect::new(move |_| {
        set_root_attribute(
            "data-theme",
            Some(if store.dark.get() { "dark" } else { "light" }),
        )
    });
    Effect::new(move |_| {
        set_root_attribute("data-presenting", store.presenting.get().then_some("true"))
    });

    let keys = window_event_listener(ev::keydown, move |ev| on_key(store, ev));
    on_cleanup(move || keys.remove());

    // Play: advance one stage per step until the last.
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
            timer.set_value(None);
        }
        if store.playing.get() {
            let handle = set_interval_with_handle(
                move || {
                    let next = store.stage.get_untracked() + 1;
                    if next >= STAGES {
                        store.playing.set(false);
                    } else {
                        store.go_to(next);
                    }
                },
                PLAY_STEP,
            )
            .ok();
            timer.set_value(handle);
        }
    });

    let gallery = crate::gallery::GalleryState::default();
    let folder = crate::open_folder::FolderState::default();
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
                    let errors = arch
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .count();
                    let count =
                        |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
                    format!(
                        "{} · {} · {} · {} · {} ({}) · analysed in {} ms",
                        count(arch.services.len(), "service"),
                        count(arch.tables.len(), "table"),
                        count(arch.views.len(), "view"),
                        count(arch.foreign_key_count(), "foreign key"),
                        count(arch.diagnostics.len(), "diagnostic"),
                        count(errors, "error"),
                        seams_core::number::fixed(store.last_run_ms.get(), 0)
                    )
                })
                .unwrap_or_default()
        })
    };
    let present = move |_| {
        store.presenting.update(|p| *p = !*p);
        // Keys go to the page, not a pane, while presenting.
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.blur();
        }
    };

    view! {
        <style>{seams_core::svg::STYLE}</style>
        <LinkBanner/>
        <crate::gallery::GalleryProblem state=gallery/>
        <crate::open_folder::FolderBanner state=folder/>
        <header class="top">
            <h1><span class="logo" aria-hidden="true"></span>"Seams"</h1>
            <crate::gallery::Gallery state=gallery/>
            <crate::open_folder::OpenFolder state=folder/>
            <button type="button" class="hide-presenting" data-testid="new"
                title="Empty panes: paste your schema and the Services pane is drafted from its tables"
                on:click=move |_| crate::first_steps::start_blank(store)>"New"</button>
            <label class="field hide-presenting">
                "Dialect "
                <select
                    aria-describedby="dialect-reason"
                    on:change=move |ev| store.dialect.set(Dialect::from_name(&event_target_value(&ev)))
                >
                    <option value="auto" prop:selected=move || store.dialect.get().is_none()>"Auto-detect"</option>
                    {Dialect::ALL
                        .iter()
                        .map(|d| view! { <option value=d.as_str() prop:selected=move || store.dialect.get() == Some(*d)>{d.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <span class="spacer"></span>
            <ShareTools/>
            <button type="button" class="hide-presenting" data-testid="help" popovertarget="help">"Help"</button>
            <button type="button" class="icon" aria-label="Dark theme" title="Dark theme"
                aria-pressed=move || store.dark.get().to_string()
                on:click=move |_| store.dark.update(|d| *d = !*d)>"◐"</button>
            <button type="button" class="present"
                aria-pressed=move || store.presenting.get().to_string()
                title="Presentation mode: arrows / Space / PageDown step, F full screen, Escape leaves"
                on:click=present>"Present"</button>
        </header>
        <main class="workspace">
            <div class="inputs" id="inputs">
                <p id="dialect-reason" class="dialect-reason">{detected}</p>
                <Editor label="Schema" pane=Pane::Schema text=store.schema placeholder="Paste SQL DDL: pg_dump --schema-only, mysqldump, sqlite .schema…"/>
                <Editor label="Services" pane=Pane::Services text=store.services placeholder="version: 1\nservices:\n  app-a:\n    reads: [users]"/>
                <Editor label="Models" pane=Pane::Models text=store.models placeholder="# app_a/models/user.py\nclass User(Base): …"/>
            </div>
            <div class="main-column">
                <div class="bar">
                    <ScoreHeader/>
                    <Stepper/>
                </div>
                <div class="canvas">
                    <div class="graph-column">
                        <Caption/>
                        <GraphView/>
                    </div>
                    <SidePanel details=ViewFn::from(|| view! { <Inspector/> })/>
                </div>
            </div>
            <DetailsCue/>
        </main>
        <footer class="status hide-presenting" role="status">{status}</footer>
    }
}

/// The header's sharing tools: Copy link, Embed, Export, Reset to example.
#[component]
pub fn ShareTools() -> impl IntoView {
    let store = use_store();
    view! {
        <div class="share-tools hide-presenting">
            <CopyButton label="Copy link" text=Callback::new(move |()| share_url(store))/>
            <EmbedDialog/>
            <ExportMenu/>
            <button type="button" title="Discard the panes and load the App A / App B example"
                on:click=move |_| persist::reset_to_example(store)>"Reset"</button>
        </div>
    }
}
