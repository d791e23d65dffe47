//! The notices that keep work from being lost silently (their state is
//! [`crate::persist::WorkStatus`], set by `persist::keep` and the start-up):
//! - "not saved": a persistent alert while the browser refuses to save, with the panes as a
//!   file to download; it goes away once a save works again;
//! - "another tab saved": newer, different work saved by another tab, to load or to ignore
//!   (keeping this tab's, which is then saved and announced there in turn);
//! - "link or saved work": a modal dialog when a link opened differs from the saved work.
//!   Escape keeps the saved work: nothing is replaced without a choice.

use crate::panels::download;
use crate::persist::{self, SavedWork, WorkStatus, PANES_FILE_NAME};
use crate::store::{use_store, Store};
use leptos::html;
use leptos::prelude::*;
use seams_core::share::SharedState;

/// Offers `state`'s panes as one JSON file.
fn download_panes(state: &SharedState) {
    download(
        PANES_FILE_NAME,
        "application/json",
        &persist::panes_file(state),
    );
}

/// The time of day a save was made, in the reader's locale ("" when unknown).
fn saved_time(saved: &SavedWork) -> String {
    let Some(meta) = saved.meta.as_ref() else {
        return String::new();
    };
    let locale = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".to_string());
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(meta.at));
    String::from(date.to_locale_time_string(&locale))
}

/// All three notices; placed once at the top of the full page.
#[component]
pub fn WorkNotices() -> impl IntoView {
    let store = use_store();
    let status = expect_context::<WorkStatus>();
    view! {
        <SaveProblem store status/>
        <OtherTab store status/>
        <LinkChoice store status/>
    }
}

/// The persistent alert shown while saving fails.
#[component]
fn SaveProblem(store: Store, status: WorkStatus) -> impl IntoView {
    move || {
        status.save_problem.get().map(|message| {
            view! {
                <div class="work-notice problem" role="alert" data-testid="save-problem">
                    <span>{message}</span>
                    <button type="button" on:click=move |_| download_panes(&persist::snapshot(store))>
                        "Download the panes"
                    </button>
                </div>
            }
        })
    }
}

/// The notice of newer work saved by another tab.
#[component]
fn OtherTab(store: Store, status: WorkStatus) -> impl IntoView {
    let load = move |_| {
        if let Some(saved) = status.other_tab.get_untracked() {
            persist::apply(store, saved.state);
        }
        status.other_tab.set(None);
    };
    let keep_mine = move |_| {
        status.other_tab.set(None);
        let state = persist::snapshot(store);
        let result = persist::save_autosave(&state, &seams_core::share::encode(&state));
        status.save_problem.set(result.err());
    };
    move || {
        status.other_tab.get().map(|saved| {
            let time = saved_time(&saved);
            let when = if time.is_empty() {
                String::new()
            } else {
                format!(" at {time}")
            };
            view! {
                <div class="work-notice" role="status" data-testid="other-tab">
                    <span>{format!("Another tab saved different work{when}. Load it here, or keep yours (it is then saved over the other tab's)?")}</span>
                    <button type="button" on:click=load>"Load it"</button>
                    <button type="button" on:click=keep_mine>"Keep mine"</button>
                </div>
            }
        })
    }
}

/// The dialog asking whether a link or the saved work stays.
#[component]
fn LinkChoice(store: Store, status: WorkStatus) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let asking = status.choice.with(Option::is_some);
        let Some(dialog) = dialog.get() else { return };
        if asking && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !asking && dialog.open() {
            dialog.close();
        }
    });
    let keep_saved = move || {
        if let Some((_, saved)) = status.choice.get_untracked() {
            status.choice.set(None);
            persist::keep_saved(store, saved.state);
        }
    };
    let open_link = move |_| {
        if let Some((link, _)) = status.choice.get_untracked() {
            status.choice.set(None);
            persist::open_chosen_link(store, link);
        }
    };
    let download_saved = move |_| {
        if let Some((_, saved)) = status.choice.get_untracked() {
            download_panes(&saved.state);
        }
    };
    let when = move || {
        status.choice.with(|c| {
            c.as_ref()
                .map(|(_, saved)| saved_time(saved))
                .filter(|t| !t.is_empty())
                .map(|t| format!(" (saved at {t})"))
                .unwrap_or_default()
        })
    };
    view! {
        <dialog class="work-dialog" node_ref=dialog data-testid="link-choice"
            aria-labelledby="link-choice-title" aria-describedby="link-choice-text"
            on:close=move |_| keep_saved()>
            <h2 id="link-choice-title">"Keep your saved work or open the link?"</h2>
            <p id="link-choice-text">
                "This browser holds other work you saved" {when}
                ", different from the link just opened. Opening the link replaces your saved work the next time you edit."
            </p>
            <div class="work-dialog-buttons">
                <button type="button" class="primary" autofocus on:click=move |_| keep_saved()>"Keep my saved work"</button>
                <button type="button" on:click=open_link>"Open the link"</button>
                <button type="button" on:click=download_saved>"Download my saved work"</button>
            </div>
        </dialog>
    }
}
