//! Keeping the work: which state the page opens with (a share link first, else the autosave,
//! else the seed example), the autosave to `localStorage`, the address bar kept as a working
//! share link while the user edits, and the "Reset to example" action.
//!
//! Several project sites share one origin on GitHub Pages, so the autosave lives under the
//! namespaced key [`AUTOSAVE_KEY`]. It holds the same `v1.` text a share link carries
//! (compressed, a fraction of the raw text), or the plain JSON of the state when that text is
//! too long for a link. Opening a link does not overwrite the autosave until the user edits.

use crate::store::{Store, STAGES};
use leptos::prelude::*;
use seams_core::examples;
use seams_core::share::{self, SharedState};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The `localStorage` key of the autosave.
pub const AUTOSAVE_KEY: &str = "seams:v1:state";

/// How long edits must pause before the state is saved. Shorter than the pipeline's debounce
/// ([`crate::store::DEBOUNCE`]), so an edit is on disk before the analysis of it runs: if that
/// analysis panicked, the text would survive the reload.
const SAVE_DELAY: Duration = Duration::from_millis(200);

/// How long after the save the address bar is updated (about 400 ms after the last edit).
const LINK_DELAY: Duration = Duration::from_millis(200);

/// Set once the user changed something since the page opened; read by the panic hook, which
/// saves the panes' text only then (a link just opened must not replace the autosave).
pub static EDITED: AtomicBool = AtomicBool::new(false);

/// Where the state the page opened with came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The URL fragment (a share link).
    Link,
    /// The autosave in `localStorage`.
    Autosave,
    /// The seed example.
    Example,
}

impl Origin {
    /// The name shown in the root element's `data-opened-from` (for tests and support).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Link => "link",
            Origin::Autosave => "autosave",
            Origin::Example => "example",
        }
    }
}

/// The state to open with and, if a link could not be opened, why (for the banner).
#[derive(Debug, Clone)]
pub struct Startup {
    /// The state to show.
    pub state: SharedState,
    /// Where it came from.
    pub origin: Origin,
    /// The message for a link that could not be opened.
    pub problem: Option<String>,
}

/// The seed example as a state (no dialect override, stage 0, the reader's theme).
pub fn example_state() -> SharedState {
    let seed = examples::SEED;
    SharedState {
        schema: seed.schema.to_string(),
        services: seed.services.to_string(),
        models: seed.models.to_string(),
        ..SharedState::default()
    }
}

/// The URL fragment without `#`, if there is one.
pub fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let body = hash.strip_prefix('#').unwrap_or(&hash);
    (!body.trim().is_empty()).then(|| body.to_string())
}

/// Decodes a fragment into a state, or the message the banner shows.
pub fn open_link(fragment: &str) -> Result<SharedState, String> {
    share::decode(fragment).map_err(|e| format!("The link could not be opened: {e}."))
}

impl Startup {
    /// The state for the full page: the link, else the autosave, else the seed example.
    pub fn read() -> Self {
        Self::resolve(true)
    }

    /// The state for embed mode: the link, else the seed example. An embedded picture never
    /// shows the reader's own autosave.
    pub fn read_link_only() -> Self {
        Self::resolve(false)
    }

    fn resolve(use_autosave: bool) -> Self {
        let mut problem = None;
        if let Some(fragment) = fragment() {
            match open_link(&fragment) {
                Ok(state) => {
                    return Startup {
                        state,
                        origin: Origin::Link,
                        problem: None,
                    }
                }
                Err(message) => problem = Some(message),
            }
        }
        if use_autosave {
            if let Some(state) = load_autosave() {
                return Startup {
                    state,
                    origin: Origin::Autosave,
                    problem,
                };
            }
        }
        Startup {
            state: example_state(),
            origin: Origin::Example,
            problem,
        }
    }

    /// A store holding this state, analysed once with its dialect. Marks the root element with
    /// `data-opened-from` (link, autosave, example).
    pub fn store(&self) -> Store {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-opened-from", self.origin.as_str());
        }
        let s = &self.state;
        let store = Store::new(&s.schema, &s.services, &s.models);
        if s.dialect.is_some() {
            store.dialect.set(s.dialect);
            store.run();
        }
        store.go_to(usize::from(s.stage).min(STAGES - 1));
        store
    }
}

/// The theme a state asks for: Some(true) for dark, Some(false) for light, None for the
/// reader's own preference.
pub fn theme_is_dark(theme: Option<&str>) -> Option<bool> {
    match theme? {
        "dark" => Some(true),
        "light" => Some(false),
        _ => None,
    }
}

/// The store's state as a link would carry it.
pub fn snapshot(store: Store) -> SharedState {
    SharedState {
        schema: store.schema.get_untracked(),
        services: store.services.get_untracked(),
        models: store.models.get_untracked(),
        dialect: store.dialect.get_untracked(),
        stage: u8::try_from(store.stage.get_untracked()).unwrap_or(u8::MAX),
        theme: Some(
            if store.dark.get_untracked() {
                "dark"
            } else {
                "light"
            }
            .to_string(),
        ),
    }
}

/// Puts `state` into the store (texts, dialect, stage, theme).
pub fn apply(store: Store, state: SharedState) {
    store.schema.set(state.schema);
    store.services.set(state.services);
    store.models.set(state.models);
    store.dialect.set(state.dialect);
    store.selected.set(None);
    store.go_to(usize::from(state.stage).min(STAGES - 1));
    if let Some(dark) = theme_is_dark(state.theme.as_deref()) {
        store.dark.set(dark);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosave, if there is a readable one.
pub fn load_autosave() -> Option<SharedState> {
    let text = storage()?.get_item(AUTOSAVE_KEY).ok().flatten()?;
    if text.starts_with('{') {
        serde_json::from_str(&text).ok()
    } else {
        share::decode(&text).ok()
    }
}

/// Saves `state` (best effort: storage may be full or disabled). `encoded` is its link text.
pub fn save_autosave(state: &SharedState, encoded: &str) {
    let Some(storage) = storage() else { return };
    let text = if share::fits(encoded) {
        encoded.to_string()
    } else {
        serde_json::to_string(state).unwrap_or_default()
    };
    let _ = storage.set_item(AUTOSAVE_KEY, &text);
}

/// The page's address with `fragment` as its fragment (path and query kept).
pub fn url_with_fragment(fragment: Option<&str>) -> Option<String> {
    let location = web_sys::window()?.location();
    let mut url = format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    );
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    Some(url)
}

/// Replaces the address bar's URL with the share link of `encoded` (no history entry). A state
/// too long for a link leaves no fragment, so the address never holds a link that fails.
fn show_link(encoded: &str) {
    let Some(url) = url_with_fragment(share::fits(encoded).then_some(encoded)) else {
        return;
    };
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Saves the state after every settled edit and keeps the address bar a working share link.
/// A fragment the user types or pastes (a `hashchange`) is opened in place; a bad one shows
/// the banner through `problem`.
pub fn keep(store: Store, problem: RwSignal<Option<String>>) {
    let save_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let link_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        store.schema.track();
        store.services.track();
        store.models.track();
        store.dialect.track();
        store.stage.track();
        store.dark.track();
        let opening = first.get_value();
        first.set_value(false);
        if !opening {
            EDITED.store(true, Ordering::Relaxed);
        }
        for timer in [save_timer, link_timer] {
            if let Some(handle) = timer.get_value() {
                handle.clear();
            }
            timer.set_value(None);
        }
        let handle = set_timeout_with_handle(
            move || {
                let state = snapshot(store);
                let encoded = share::encode(&state);
                if EDITED.load(Ordering::Relaxed) {
                    save_autosave(&state, &encoded);
                }
                let handle = set_timeout_with_handle(move || show_link(&encoded), LINK_DELAY).ok();
                link_timer.set_value(handle);
            },
            SAVE_DELAY,
        )
        .ok();
        save_timer.set_value(handle);
    });

    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(fragment) = fragment() else { return };
        // Our own replaceState never fires hashchange; still, skip a fragment equal to ours.
        if fragment == share::encode(&snapshot(store)) {
            return;
        }
        match open_link(&fragment) {
            Ok(state) => {
                problem.set(None);
                apply(store, state);
            }
            Err(message) => problem.set(Some(message)),
        }
    });
    on_cleanup(move || listener.remove());
}

/// Asks before discarding the user's text, unless it is the seed example or the example last
/// loaded from the gallery, unchanged.
pub fn confirm_discard(store: Store) -> bool {
    let seed = examples::SEED;
    let unchanged = store.schema.with_untracked(|s| s == seed.schema)
        && store.services.with_untracked(|s| s == seed.services)
        && store.models.with_untracked(|s| s == seed.models)
        || store
            .loaded_example
            .with_value(|loaded| loaded.as_ref().is_some_and(|e| e.is_in(&store)));
    if unchanged {
        return true;
    }
    web_sys::window()
        .and_then(|w| {
            w.confirm_with_message(
                "Discard your text in the three panes and load the example? This cannot be undone.",
            )
            .ok()
        })
        .unwrap_or(false)
}

/// Loads the seed example after asking (the user's text is discarded, the autosave replaced).
pub fn reset_to_example(store: Store) {
    if !confirm_discard(store) {
        return;
    }
    let mut state = example_state();
    state.theme = Some(
        if store.dark.get_untracked() {
            "dark"
        } else {
            "light"
        }
        .to_string(),
    );
    apply(store, state);
}
