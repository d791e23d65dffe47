//! What a panic leaves behind: the message in the console, the user's text saved, and a
//! "Something broke — reload" overlay instead of a dead page.
//!
//! The release build aborts on panic, so this runs in the panic hook, before the abort, and
//! uses plain DOM calls only: the Leptos runtime may be mid-update and must not be touched.
//! The texts are read back from the panes' textareas (they hold what the user typed, even
//! when the last edit has not been saved yet), with the text around the window of a long one.
//!
//! The reload brings back exactly what was rescued: once the text is saved, the address bar
//! drops its link (older than the text) so the reload opens the autosave. If the browser
//! refuses the save, the overlay says so and keeps the link; either way it offers the rescued
//! text as a file. No inline handler (the page's Content-Security-Policy forbids them): the
//! Reload button runs the browser's own `location.reload`, bound in JavaScript, and the
//! download is a plain link to a blob, so both work after the wasm instance is gone.

use crate::persist::{self, EDITED};
use seams_core::share::{self, SharedState};
use seams_core::Pane;
use std::sync::atomic::Ordering;
use wasm_bindgen::JsCast;

/// The overlay's element id (one overlay, however many panics).
const OVERLAY_ID: &str = "seams-crash";

/// The query parameter that panics on purpose shortly after start-up, to check this overlay
/// in a release build: `1` after 300 ms, a larger number after that many milliseconds (so a
/// test can type first). The overlay drops the parameter, so the reload does not panic again.
const PANIC_TEST: &str = "panic-test";

/// What the rescue managed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rescue {
    /// Nothing to rescue: the user has not edited since the page opened.
    NotEdited,
    /// The panes' text is saved as the autosave.
    Saved,
    /// The browser refused to save it.
    Failed,
}

/// Installs the panic hook: console message first, then the rescue save, then the overlay
/// (whose words and address depend on what the rescue managed).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let texts = pane_texts();
        let rescue = rescue_text(texts.as_ref());
        // Nothing may save over the rescue or put a link back in the address bar now.
        persist::PANICKED.store(true, Ordering::Relaxed);
        prepare_reload(rescue);
        show_overlay(rescue, texts.as_ref());
    }));
}

/// Whether the page was opened with `?panic-test=1`.
pub fn panic_test_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(PANIC_TEST))
        .is_some()
}

/// Panics on purpose after start-up (only for `?panic-test=…`).
#[expect(
    clippy::panic,
    reason = "the one deliberate panic: the end-to-end test of the crash overlay needs it"
)]
pub fn run_panic_test() {
    let delay = panic_test_value()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&ms| ms > 1)
        .unwrap_or(300)
        .min(60_000);
    leptos::prelude::set_timeout(
        || panic!("panic-test: a deliberate panic to check the crash overlay"),
        std::time::Duration::from_millis(delay),
    );
}

fn panic_test_value() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(PANIC_TEST))
}

/// Sets the address the Reload button reloads: without `panic-test`, and without the link
/// once the text is saved (the autosave then opens, exactly as rescued).
fn prepare_reload(rescue: Rescue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(origin), Ok(path), Ok(search), Ok(hash)) = (
        location.origin(),
        location.pathname(),
        location.search(),
        location.hash(),
    ) else {
        return;
    };
    let query = web_sys::UrlSearchParams::new_with_str(&search)
        .map(|params| {
            params.delete(PANIC_TEST);
            String::from(params.to_string())
        })
        .unwrap_or_default();
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let hash = if rescue == Rescue::Saved { "" } else { &hash };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{origin}{path}{query}{hash}")),
        );
    }
}

/// `location.reload` bound to the page's location: a JavaScript function that needs neither
/// the wasm instance nor an inline handler.
fn reload_function() -> Option<js_sys::Function> {
    let location = web_sys::window()?.location();
    let reload: js_sys::Function = js_sys::Reflect::get(&location, &"reload".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some(reload.bind0(&location))
}

/// A blob URL of the rescued text as a JSON file (schema, services, models).
fn panes_file_url(texts: &PaneTexts) -> Option<String> {
    let state = SharedState {
        schema: texts.schema.clone(),
        services: texts.services.clone(),
        models: texts.models.clone(),
        ..SharedState::default()
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&persist::panes_file(
        &state,
    )));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn element(
    document: &web_sys::Document,
    tag: &str,
    text: Option<&str>,
) -> Option<web_sys::Element> {
    let el = document.create_element(tag).ok()?;
    if let Some(text) = text {
        el.set_text_content(Some(text));
    }
    Some(el)
}

/// The overlay's message for what the rescue managed.
fn message(rescue: Rescue) -> &'static str {
    match rescue {
        Rescue::NotEdited | Rescue::Saved => "Seams hit an internal error and stopped. Your text is saved in this browser: reloading brings it back.",
        Rescue::Failed => "Seams hit an internal error and stopped. This browser refused to save your text: download it before reloading.",
    }
}

/// Puts a fixed, modal overlay with a Reload button (and, after edits, a link to download the
/// text) over the page.
fn show_overlay(rescue: Rescue, texts: Option<&PaneTexts>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(OVERLAY_ID).is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let (Some(overlay), Some(panel), Some(title), Some(text), Some(button)) = (
        element(&document, "div", None),
        element(&document, "div", None),
        element(&document, "h2", Some("Something broke — reload")),
        element(&document, "p", Some(message(rescue))),
        element(&document, "button", Some("Reload")),
    ) else {
        return;
    };
    let _ = overlay.set_attribute("id", OVERLAY_ID);
    let _ = overlay.set_attribute("class", "crash-overlay");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-modal", "true");
    let _ = overlay.set_attribute("aria-labelledby", "seams-crash-title");
    let _ = overlay.set_attribute("aria-describedby", "seams-crash-text");
    // Styled by `.crash-overlay` in styles/main.css (loaded long before any panic).
    let _ = panel.set_attribute("class", "crash-panel");
    let _ = title.set_attribute("id", "seams-crash-title");
    let _ = text.set_attribute("id", "seams-crash-text");
    let _ = button.set_attribute("type", "button");
    if let Some(reload) = reload_function() {
        let _ = button.add_event_listener_with_callback("click", &reload);
    }
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&text);
    let _ = panel.append_child(&button);
    if rescue != Rescue::NotEdited {
        if let (Some(texts), Some(link)) =
            (texts, element(&document, "a", Some("Download your text")))
        {
            if let Some(url) = panes_file_url(texts) {
                let _ = link.set_attribute("href", &url);
                let _ = link.set_attribute("download", persist::PANES_FILE_NAME);
                let _ = panel.append_child(&link);
            }
        }
    }
    let _ = overlay.append_child(&panel);
    let _ = body.append_child(&overlay);
    if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
}

/// The three panes' texts, read from their textareas.
struct PaneTexts {
    schema: String,
    services: String,
    models: String,
}

/// The text of pane `pane`, if its textarea is on the page: what the textarea holds, with the
/// text around it when it holds a window of a long text.
fn pane_text(document: &web_sys::Document, pane: Pane) -> Option<String> {
    let el = document.get_element_by_id(&format!("pane-{}", pane.as_str()))?;
    let shown = el.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value();
    Some(crate::text_view::whole_text(pane, shown))
}

/// The panes' texts, if the user edited since the page opened (else there is nothing new).
fn pane_texts() -> Option<PaneTexts> {
    if !EDITED.load(Ordering::Relaxed) {
        return None;
    }
    let document = web_sys::window().and_then(|w| w.document())?;
    Some(PaneTexts {
        schema: pane_text(&document, Pane::Schema)?,
        services: pane_text(&document, Pane::Services)?,
        models: pane_text(&document, Pane::Models)?,
    })
}

/// Saves the panes' texts as the autosave (other settings kept from the previous one).
fn rescue_text(texts: Option<&PaneTexts>) -> Rescue {
    let Some(texts) = texts else {
        return Rescue::NotEdited;
    };
    let previous = persist::load_autosave().unwrap_or_default();
    let state = SharedState {
        schema: texts.schema.clone(),
        services: texts.services.clone(),
        models: texts.models.clone(),
        ..previous
    };
    match persist::save_autosave(&state, Some(&share::encode(&state))) {
        Ok(()) => Rescue::Saved,
        Err(_) => Rescue::Failed,
    }
}
