//! What a panic leaves behind: the message in the console, the user's text saved, and a
//! "Something broke — reload" overlay instead of a dead page.
//!
//! The release build aborts on panic, so this runs in the panic hook, before the abort, and
//! uses plain DOM calls only: the Leptos runtime may be mid-update and must not be touched.
//! The texts are read back from the panes' textareas (they hold what the user typed, even
//! when the last edit has not been saved yet).

use crate::persist::{self, EDITED};
use seams_core::share::{self, SharedState};
use seams_core::Pane;
use std::sync::atomic::Ordering;
use wasm_bindgen::JsCast;

/// The overlay's element id (one overlay, however many panics).
const OVERLAY_ID: &str = "seams-crash";

/// The query parameter that panics on purpose shortly after start-up, to check this overlay
/// in a release build. Harmless: nothing is saved (the user has not edited) and Reload drops
/// the parameter.
const PANIC_TEST: &str = "panic-test";

/// The Reload button's handler: a fixed string (no user data), run by the browser even when
/// the wasm instance is gone. It drops `panic-test` so the reload does not panic again. Names
/// go through `window`: inside an inline handler `URL` alone is `document.URL`, a string.
const RELOAD_SCRIPT: &str = "var w=window,u=new w.URL(w.location.href);u.searchParams.delete('panic-test');w.history.replaceState(null,'',u.href);w.location.reload()";

/// Installs the panic hook: console message first, then the overlay, then the rescue save.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_overlay();
        rescue_text();
    }));
}

/// Whether the page was opened with `?panic-test=1`.
pub fn panic_test_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(PANIC_TEST))
        .as_deref()
        == Some("1")
}

/// Panics on purpose after start-up (only for `?panic-test=1`).
#[expect(
    clippy::panic,
    reason = "the one deliberate panic: the end-to-end test of the crash overlay needs it"
)]
pub fn run_panic_test() {
    leptos::prelude::set_timeout(
        || panic!("panic-test: a deliberate panic to check the crash overlay"),
        std::time::Duration::from_millis(300),
    );
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

/// Puts a fixed, modal overlay with a Reload button over the page.
fn show_overlay() {
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
        element(
            &document,
            "p",
            Some("Seams hit an internal error and stopped. Your text is saved in this browser: reloading brings it back."),
        ),
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
    // Inline styles too, so the overlay shows even if the stylesheet is what broke.
    let _ = overlay.set_attribute(
        "style",
        "position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.55);font:16px/1.4 system-ui,sans-serif",
    );
    let _ = panel.set_attribute(
        "style",
        "max-width:28em;padding:20px 24px;border-radius:10px;background:#fff;color:#1b1f24;box-shadow:0 10px 40px rgba(0,0,0,.4)",
    );
    let _ = title.set_attribute("id", "seams-crash-title");
    let _ = title.set_attribute("style", "margin:0 0 8px;font-size:20px");
    let _ = text.set_attribute("id", "seams-crash-text");
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("onclick", RELOAD_SCRIPT);
    let _ = button.set_attribute("style", "font:inherit;padding:6px 16px;border-radius:6px;border:1px solid #0072B2;background:#0072B2;color:#fff;cursor:pointer");
    let _ = panel.append_child(&title);
    let _ = panel.append_child(&text);
    let _ = panel.append_child(&button);
    let _ = overlay.append_child(&panel);
    let _ = body.append_child(&overlay);
    if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
}

/// The text of pane `pane`'s textarea, if it is on the page.
fn pane_text(document: &web_sys::Document, pane: Pane) -> Option<String> {
    let el = document.get_element_by_id(&format!("pane-{}", pane.as_str()))?;
    Some(el.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value())
}

/// Saves the panes' text as the autosave, if the user edited since the page opened.
fn rescue_text() {
    if !EDITED.load(Ordering::Relaxed) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(schema), Some(services), Some(models)) = (
        pane_text(&document, Pane::Schema),
        pane_text(&document, Pane::Services),
        pane_text(&document, Pane::Models),
    ) else {
        return;
    };
    let previous = persist::load_autosave().unwrap_or_default();
    let state = SharedState {
        schema,
        services,
        models,
        ..previous
    };
    persist::save_autosave(&state, &share::encode(&state));
}
