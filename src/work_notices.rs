//! The notices that keep work from being lost silently (their state is
//! [`crate::persist::WorkStatus`], set by `persist::keep` and the start-up):
//! - "not saved": a persistent alert while the browser refuses to save, with the panes as a
//!   file to download; it goes away once a save works again;
//! - "another tab saved": newer, different work saved by another tab, to load or to ignore
//!   (keeping this tab's, which is then saved and announced there in turn);
//! - "link or saved work": a modal dialog when a link opened differs from the saved work. Its
//!   first button, "Keep my saved work", has the focus; Escape does the same: nothing is
//!   replaced without a choice.
//!
//! Built with plain DOM calls, like the crash overlay, rather than Leptos views: the three
//! views cost about 8 KB of gzipped wasm and the page's bundle is at its 600 KB budget. Effects
//! watch the status signals and add or remove the elements; texts go in as text nodes only.

use crate::panels::download;
use crate::persist::{self, SavedWork, WorkStatus, PANES_FILE_NAME};
use crate::store::{use_store, Store};
use leptos::prelude::*;
use seams_core::share::SharedState;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The element ids (also their `data-testid`) of the two notices and the dialog.
const SAVE_PROBLEM_ID: &str = "save-problem";
const OTHER_TAB_ID: &str = "other-tab";
const LINK_CHOICE_ID: &str = "link-choice";

/// A button's label and what it does.
type Action = (&'static str, Box<dyn Fn()>);

/// Offers `state`'s panes as one JSON file.
fn download_panes(state: &SharedState) {
    download(
        PANES_FILE_NAME,
        "application/json",
        &persist::panes_file(state),
    );
}

/// How long ago a save was made, in words ("" when unknown). Minutes, not a clock time: the
/// locale's time formatting would add to the wasm for no more meaning.
fn saved_ago(saved: &SavedWork) -> String {
    let Some(meta) = saved.meta.as_ref() else {
        return String::new();
    };
    let minutes = (js_sys::Date::now() as u64).saturating_sub(meta.at) / 60_000;
    match minutes {
        0 => " just now".to_string(),
        1 => " a minute ago".to_string(),
        n => format!(" {n} minutes ago"),
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Removes the element `id`, if it is on the page.
fn remove(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        el.remove();
    }
}

/// A `tag` element holding `text` as a text node, with attributes `attrs`.
fn element(tag: &str, text: &str, attrs: &[(&str, &str)]) -> Option<web_sys::Element> {
    let el = document()?.create_element(tag).ok()?;
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
    Some(el)
}

/// Appends one button per action to `parent`, the first marked primary when `primary`.
fn buttons(parent: &web_sys::Element, actions: Vec<Action>, primary: bool) {
    for (i, (label, action)) in actions.into_iter().enumerate() {
        let class = if primary && i == 0 { "primary" } else { "" };
        let Some(button) = element("button", label, &[("type", "button"), ("class", class)]) else {
            continue;
        };
        let handler = Closure::wrap(action);
        let _ = button.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
        // The page lives as long as the notice can: the handler is kept with it.
        handler.forget();
        let _ = parent.append_child(&button);
    }
}

/// Shows (or replaces) the notice `id` at the top of the page.
fn show_notice(id: &str, class: &str, role: &str, message: &str, actions: Vec<Action>) {
    remove(id);
    let (Some(body), Some(notice), Some(text)) = (
        document().and_then(|d| d.body()),
        element(
            "div",
            "",
            &[
                ("id", id),
                ("class", class),
                ("role", role),
                ("data-testid", id),
            ],
        ),
        element("span", message, &[]),
    ) else {
        return;
    };
    let _ = notice.append_child(&text);
    buttons(&notice, actions, false);
    let _ = body.prepend_with_node_1(&notice);
}

/// Shows the dialog asking whether the link or the saved work stays.
fn show_link_choice(store: Store, status: WorkStatus, saved: &SavedWork) {
    remove(LINK_CHOICE_ID);
    let when = saved_ago(saved);
    let text = format!("You saved other work in this browser{when}. Opening the link replaces it when you next edit.");
    let (Some(body), Some(dialog), Some(title), Some(text), Some(row)) = (
        document().and_then(|d| d.body()),
        element(
            "dialog",
            "",
            &[
                ("id", LINK_CHOICE_ID),
                ("class", "work-dialog"),
                ("data-testid", LINK_CHOICE_ID),
                ("aria-labelledby", "work-link-choice-title"),
                ("aria-describedby", "work-link-choice-text"),
            ],
        ),
        element(
            "h2",
            "Keep your saved work or open the link?",
            &[("id", "work-link-choice-title")],
        ),
        element("p", &text, &[("id", "work-link-choice-text")]),
        element("div", "", &[("class", "work-dialog-buttons")]),
    ) else {
        return;
    };
    let saved_state = saved.state.clone();
    buttons(
        &row,
        vec![
            (
                "Keep my saved work",
                Box::new(move || keep_saved(store, status)),
            ),
            (
                "Open the link",
                Box::new(move || {
                    if let Some((link, _)) = status.choice.get_untracked() {
                        status.choice.set(None);
                        persist::open_chosen_link(store, link);
                    }
                }),
            ),
            (
                "Download my saved work",
                Box::new(move || download_panes(&saved_state)),
            ),
        ],
        true,
    );
    let _ = dialog.append_child(&title);
    let _ = dialog.append_child(&text);
    let _ = dialog.append_child(&row);
    // Closed by Escape (or anything but a choice): the saved work stays.
    let closed = Closure::<dyn Fn()>::new(move || keep_saved(store, status));
    let _ = dialog.add_event_listener_with_callback("close", closed.as_ref().unchecked_ref());
    closed.forget();
    let _ = body.append_child(&dialog);
    if let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() {
        let _ = dialog.show_modal();
    }
}

/// "Keep my saved work": puts the saved work back, if the question is still open.
fn keep_saved(store: Store, status: WorkStatus) {
    if let Some((_, saved)) = status.choice.get_untracked() {
        status.choice.set(None);
        persist::keep_saved(store, saved.state);
    }
}

/// Keeps the notices and the dialog in step with the status; placed once in the full page.
/// One effect for all three (each effect adds its own task code to the wasm); a notice already
/// on the page is left as it is, so focus and text stay while another status changes.
pub fn watch() {
    let store = use_store();
    let status = expect_context::<WorkStatus>();
    let shown = |id: &str| document().and_then(|d| d.get_element_by_id(id)).is_some();
    Effect::new(move |_| {
        match status.save_problem.get() {
            Some(message) if !shown(SAVE_PROBLEM_ID) => {
                let download: Action = (
                    "Download the panes",
                    Box::new(move || download_panes(&persist::snapshot(store))),
                );
                show_notice(
                    SAVE_PROBLEM_ID,
                    "work-notice problem",
                    "alert",
                    &message,
                    vec![download],
                );
            }
            Some(_) => {}
            None => remove(SAVE_PROBLEM_ID),
        }
        match status.other_tab.get() {
            Some(saved) => show_other_tab(store, status, &saved),
            None => remove(OTHER_TAB_ID),
        }
        match status.choice.get() {
            Some((_, saved)) if !shown(LINK_CHOICE_ID) => show_link_choice(store, status, &saved),
            Some(_) => {}
            None => remove(LINK_CHOICE_ID),
        }
    });
}

/// Shows the notice of `saved`, newer work of another tab, unless it is already shown.
fn show_other_tab(store: Store, status: WorkStatus, saved: &SavedWork) {
    let when = saved_ago(saved);
    let message = format!(
        "Another tab saved different work{when}. Load it here, or keep yours (saved over it)?"
    );
    let current = document()
        .and_then(|d| d.get_element_by_id(OTHER_TAB_ID))
        .and_then(|el| el.text_content());
    if current.is_some_and(|text| text.starts_with(&message)) {
        return;
    }
    let load: Action = (
        "Load it",
        Box::new(move || {
            if let Some(saved) = status.other_tab.get_untracked() {
                status.other_tab.set(None);
                persist::apply(store, saved.state);
            }
        }),
    );
    let keep: Action = (
        "Keep mine",
        Box::new(move || {
            status.other_tab.set(None);
            persist::save_now(store, status);
        }),
    );
    show_notice(
        OTHER_TAB_ID,
        "work-notice",
        "status",
        &message,
        vec![load, keep],
    );
}
