//! Keeping the work: which state the page opens with (a share link first, else the autosave,
//! else the seed example), the autosave to `localStorage`, the address bar kept as a working
//! share link while the user edits, and the "Reset to example" action.
//!
//! Several project sites share one origin on GitHub Pages, so the autosave lives under the
//! namespaced key [`AUTOSAVE_KEY`]. It holds the same `v1.` text a share link carries
//! (compressed, a fraction of the raw text), or the plain JSON of the state when that text is
//! too long for a link. Opening a link does not overwrite the autosave until the user edits.
//!
//! Work is never lost silently ([`WorkStatus`], shown by `crate::work_notices`):
//! - a failed save (storage full or blocked) raises a persistent notice offering the panes as
//!   a file, cleared by the next save that works;
//! - beside the autosave, [`SAVED_META_KEY`] records when and by which tab it was written and
//!   the link that tab's address bar held. A link opened while different saved work exists
//!   asks which to keep, unless the saved work continues that very link in this tab (a reload
//!   within the save delay, the crash overlay's reload): then the saved work, typed last, wins;
//! - another tab's save (the `storage` event) is announced, with the choice to load it;
//! - a pending save is written at once when the page is hidden or unloaded.

use crate::store::{Store, STAGES};
use leptos::prelude::*;
use seams_core::examples;
use seams_core::share::{self, SharedState};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The `localStorage` key of the autosave.
pub const AUTOSAVE_KEY: &str = "seams:v1:state";

/// The `localStorage` key of [`SavedMeta`], written after each successful autosave.
pub const SAVED_META_KEY: &str = "seams:v1:saved";

/// The `sessionStorage` key of this tab's id (kept across reloads of the tab, not shared).
const TAB_KEY: &str = "seams:v1:tab";

/// The `sessionStorage` key of the link this tab chose to open over its saved work, so a
/// reload of that link does not ask again.
const CHOSE_LINK_KEY: &str = "seams:v1:chose-link";

/// How long edits must pause before the state is saved. Shorter than the pipeline's debounce
/// ([`crate::store::DEBOUNCE`]), so an edit is on disk before the analysis of it runs: if that
/// analysis panicked, the text would survive the reload.
const SAVE_DELAY: Duration = Duration::from_millis(200);

/// How long after the save the address bar is updated (about 400 ms after the last edit).
const LINK_DELAY: Duration = Duration::from_millis(200);

/// Set once the user changed something since the page opened; read by the panic hook, which
/// saves the panes' text only then (a link just opened must not replace the autosave).
pub static EDITED: AtomicBool = AtomicBool::new(false);

/// Set by the crash overlay's panic hook once it has rescued the text. A trap does not stop the
/// wasm instance: timers set before the panic still run, and without this they saved over the
/// rescue and wrote a link into the address bar the reload then opened.
pub static PANICKED: AtomicBool = AtomicBool::new(false);

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
    /// Saved work that differs from the link opened: the page asks which to keep.
    pub conflict: Option<SavedWork>,
}

/// What the autosave records beside the state: when, by which tab, from which address.
/// Stored as three words, `AT TAB LINK` (a hand-written format: a serde derive here costs
/// kilobytes of wasm, and the page's bundle is at its budget).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavedMeta {
    /// When it was saved (milliseconds since 1970, the browser's clock). An integer: float
    /// parsing and printing would add their code to the wasm.
    pub at: u64,
    /// The saving tab's id ([`tab_id`]).
    pub tab: String,
    /// A hash ([`link_hash`]) of the fragment in that tab's address bar when it saved.
    pub link: String,
}

impl SavedMeta {
    /// The stored text.
    fn to_text(&self) -> String {
        format!("{} {} {}", self.at, self.tab, self.link)
    }

    /// Reads the stored text (None if it is not three words with a number first).
    fn from_text(text: &str) -> Option<Self> {
        let mut words = text.split(' ');
        let at = words.next()?.parse().ok()?;
        let tab = words.next()?.to_string();
        let link = words.next()?.to_string();
        Some(SavedMeta { at, tab, link })
    }
}

/// The autosave with what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedWork {
    /// The saved state.
    pub state: SharedState,
    /// When and where it was saved (None for an autosave older than the record).
    pub meta: Option<SavedMeta>,
}

/// What the page tells the user about keeping their work (`crate::work_notices` shows it).
#[derive(Clone, Copy)]
pub struct WorkStatus {
    /// Why the last save failed; None once a save works.
    pub save_problem: RwSignal<Option<String>>,
    /// Newer work another tab saved, not loaded here.
    pub other_tab: RwSignal<Option<SavedWork>>,
    /// A link and saved work that differ: (the link's state, the saved work).
    pub choice: RwSignal<Option<(SharedState, SavedWork)>>,
}

impl WorkStatus {
    /// No notice.
    pub fn new() -> Self {
        WorkStatus {
            save_problem: RwSignal::new(None),
            other_tab: RwSignal::new(None),
            choice: RwSignal::new(None),
        }
    }
}

/// Whether two states hold the same work (texts and dialect; stage and theme are views of it).
pub fn same_work(a: &SharedState, b: &SharedState) -> bool {
    a.schema == b.schema
        && a.services == b.services
        && a.models == b.models
        && a.dialect == b.dialect
}

/// A short, stable hash of a link fragment (FNV-1a, 64 bits, hex): the metadata names a link
/// without storing it twice.
pub fn link_hash(fragment: &str) -> String {
    let hash = fragment.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// This tab's id: made once per tab, kept across its reloads in `sessionStorage`.
pub fn tab_id() -> String {
    let session = session_storage();
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten())
    {
        return id;
    }
    let id = format!(
        "{:x}{:x}",
        (js_sys::Math::random() * 1e15) as u64,
        js_sys::Date::now() as u64
    );
    if let Some(session) = session {
        let _ = session.set_item(TAB_KEY, &id);
    }
    id
}

/// Whether the saved work continues link `fragment` in this tab: saved by this tab while its
/// address bar held that link (a reload before the address caught up, or after a crash).
fn continues_link(meta: Option<&SavedMeta>, fragment: &str) -> bool {
    meta.is_some_and(|m| m.tab == tab_id() && m.link == link_hash(fragment))
}

/// Whether this tab already chose to open `fragment` over its saved work.
fn chose_link(fragment: &str) -> bool {
    session_storage()
        .and_then(|s| s.get_item(CHOSE_LINK_KEY).ok().flatten())
        .is_some_and(|hash| hash == link_hash(fragment))
}

/// Remembers that this tab chose to open the link in its address bar over its saved work.
pub fn remember_link_chosen() {
    if let (Some(session), Some(fragment)) = (session_storage(), fragment()) {
        let _ = session.set_item(CHOSE_LINK_KEY, &link_hash(&fragment));
    }
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
        let saved = use_autosave.then(load_saved_work).flatten();
        if let Some(fragment) = fragment() {
            match open_link(&fragment) {
                Ok(state) => return Self::link_or_saved(state, &fragment, saved),
                Err(message) => problem = Some(message),
            }
        }
        if let Some(saved) = saved {
            return Startup {
                state: saved.state,
                origin: Origin::Autosave,
                problem,
                conflict: None,
            };
        }
        Startup {
            state: example_state(),
            origin: Origin::Example,
            problem,
            conflict: None,
        }
    }

    /// A link opened while there is saved work: the same work, or saved work that continues
    /// this link in this tab, opens without a question (the saved work, typed last, wins);
    /// other saved work makes the page ask, showing the link meanwhile.
    fn link_or_saved(link: SharedState, fragment: &str, saved: Option<SavedWork>) -> Self {
        let opened = |state, origin, conflict| Startup {
            state,
            origin,
            problem: None,
            conflict,
        };
        match saved {
            Some(saved) if !same_work(&saved.state, &link) => {
                if continues_link(saved.meta.as_ref(), fragment) {
                    opened(saved.state, Origin::Autosave, None)
                } else if chose_link(fragment) {
                    opened(link, Origin::Link, None)
                } else {
                    opened(link, Origin::Link, Some(saved))
                }
            }
            _ => opened(link, Origin::Link, None),
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
        // The JSON reader share::decode uses (no serde_json in the wasm).
        share::from_json(text.as_bytes()).ok()
    } else {
        share::decode(&text).ok()
    }
}

/// The autosave's record, if there is a readable one.
pub fn load_saved_meta() -> Option<SavedMeta> {
    SavedMeta::from_text(&storage()?.get_item(SAVED_META_KEY).ok().flatten()?)
}

/// The autosave with its record.
pub fn load_saved_work() -> Option<SavedWork> {
    Some(SavedWork {
        state: load_autosave()?,
        meta: load_saved_meta(),
    })
}

/// The message of the notice shown while saving fails.
pub const SAVE_FAILED: &str =
    "Not saved: this browser's storage is full or blocked. Download the panes to keep your work.";

/// Saves `state` and its record; `encoded` is its link text (None: too long for a link, so the
/// state is saved as JSON). Fails when storage is missing, full or blocked (the caller tells
/// the user).
pub fn save_autosave(state: &SharedState, encoded: Option<&str>) -> Result<(), String> {
    let storage = storage().ok_or_else(|| SAVE_FAILED.to_string())?;
    let text = match encoded.filter(|e| share::fits(e)) {
        Some(encoded) => encoded.to_string(),
        None => share::to_json(state),
    };
    let meta = SavedMeta {
        at: js_sys::Date::now() as u64,
        tab: tab_id(),
        link: link_hash(&fragment().unwrap_or_default()),
    };
    let meta = meta.to_text();
    storage
        .set_item(AUTOSAVE_KEY, &text)
        .and_then(|()| storage.set_item(SAVED_META_KEY, &meta))
        .map_err(|_| SAVE_FAILED.to_string())
}

/// The panes of `state` as one JSON file (schema, services, models, dialect, stage), the
/// download offered when the browser cannot keep them.
pub fn panes_file(state: &SharedState) -> String {
    let mut text = share::to_json(state);
    text.push('\n');
    text
}

/// The file name of [`panes_file`].
pub const PANES_FILE_NAME: &str = "seams-panes.json";

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
fn show_link(encoded: Option<&str>) {
    if PANICKED.load(Ordering::Relaxed) {
        return;
    }
    let Some(url) = url_with_fragment(encoded.filter(|e| share::fits(e))) else {
        return;
    };
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The link text of `state`, or None when it is too long for a link. A state found too long
/// stays so while only its stage or theme changes (`too_long` keeps it), and is not compressed
/// again for nothing: at 4 MB that was a 310 ms task after every step between stages.
/// It is compressed a piece per task, and only as far as a link can hold.
async fn fragment_of(
    state: &SharedState,
    too_long: StoredValue<Option<SharedState>>,
) -> Option<String> {
    if too_long.with_value(|t| t.as_ref().is_some_and(|t| same_work(t, state))) {
        return None;
    }
    let encoded = crate::store::in_pieces(share::encode_fitting(state)).await;
    too_long.set_value(encoded.is_none().then(|| state.clone()));
    encoded
}

/// Saves the state now; a failure raises the notice, a success clears it.
pub fn save_now(store: Store, status: WorkStatus) {
    if PANICKED.load(Ordering::Relaxed) {
        return;
    }
    let state = snapshot(store);
    let encoded = share::encode(&state);
    let result = save_autosave(&state, Some(&encoded));
    status.save_problem.set(result.err());
}

/// Saves the state after every settled edit and keeps the address bar a working share link.
/// A fragment the user types or pastes (a `hashchange`) is opened in place, or, when it would
/// replace work edited here, asks first; a bad one shows the banner through `problem`. A save
/// still pending when the page is hidden or unloaded is written at once, and another tab's
/// save is announced through `status`.
pub fn keep(store: Store, problem: RwSignal<Option<String>>, status: WorkStatus) {
    let save_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let link_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let too_long: StoredValue<Option<SharedState>> = StoredValue::new(None);
    // Counts the edits: a save whose link is still being compressed when another edit comes is
    // dropped (the later save writes the later state).
    let edits = StoredValue::new(0u64);
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
        let edit = edits.get_value().wrapping_add(1);
        edits.set_value(edit);
        let handle = set_timeout_with_handle(
            move || {
                if PANICKED.load(Ordering::Relaxed) {
                    save_timer.set_value(None);
                    return;
                }
                // The save stays pending (`save_timer`) while the link is compressed, so
                // leaving the page meanwhile still saves at once (`flush`).
                leptos::task::spawn_local(async move {
                    let state = snapshot(store);
                    let encoded = fragment_of(&state, too_long).await;
                    if edits.get_value() != edit || save_timer.get_value().is_none() {
                        return;
                    }
                    save_timer.set_value(None);
                    if EDITED.load(Ordering::Relaxed) {
                        status
                            .save_problem
                            .set(save_autosave(&state, encoded.as_deref()).err());
                    }
                    let handle =
                        set_timeout_with_handle(move || show_link(encoded.as_deref()), LINK_DELAY)
                            .ok();
                    link_timer.set_value(handle);
                });
            },
            SAVE_DELAY,
        )
        .ok();
        save_timer.set_value(handle);
    });

    // Leaving or hiding the page: a save still waiting for its delay is written now.
    let flush = move || {
        if let Some(handle) = save_timer.get_value() {
            handle.clear();
            save_timer.set_value(None);
            if EDITED.load(Ordering::Relaxed) {
                save_now(store, status);
            }
        }
    };
    // One handler for both events (flushing early when the page shows again is harmless).
    let leaving = wasm_bindgen::closure::Closure::<dyn Fn()>::new(flush);
    if let Some(window) = web_sys::window() {
        for event in ["pagehide", "visibilitychange"] {
            let _ = window.add_event_listener_with_callback(
                event,
                wasm_bindgen::JsCast::unchecked_ref(leaving.as_ref()),
            );
        }
    }
    // The page keeps its store, and these listeners, for as long as it lives.
    leaving.forget();

    // Another tab saved: say so when its work differs from what is shown here.
    let other = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(SAVED_META_KEY) {
            return;
        }
        let Some(saved) = load_saved_work() else {
            return;
        };
        let from_here = saved.meta.as_ref().is_some_and(|m| m.tab == tab_id());
        if from_here || same_work(&saved.state, &snapshot(store)) {
            status.other_tab.set(None);
        } else {
            status.other_tab.set(Some(saved));
        }
    });

    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(fragment) = fragment() else { return };
        // Our own replaceState never fires hashchange; still, skip a fragment equal to ours.
        let current = snapshot(store);
        if fragment == share::encode(&current) {
            return;
        }
        match open_link(&fragment) {
            Ok(state) => {
                problem.set(None);
                if EDITED.load(Ordering::Relaxed) && !same_work(&state, &current) {
                    flush();
                    let saved = SavedWork {
                        state: current,
                        meta: load_saved_meta(),
                    };
                    status.choice.set(Some((state, saved)));
                } else {
                    apply(store, state);
                }
            }
            Err(message) => problem.set(Some(message)),
        }
    });
    on_cleanup(move || {
        listener.remove();
        other.remove();
    });
}

/// Keeps the saved work over the link the page shows (the link's dialog, "Keep my work").
pub fn keep_saved(store: Store, saved: SharedState) {
    apply(store, saved);
    show_link(Some(&share::encode(&snapshot(store))));
}

/// Opens the link over the saved work (the link's dialog, "Open the link").
pub fn open_chosen_link(store: Store, link: SharedState) {
    if !same_work(&link, &snapshot(store)) {
        apply(store, link);
    }
    remember_link_chosen();
}

/// The question before an example replaces the person's text.
pub const LOAD_EXAMPLE: &str =
    "Discard your text in the three panes and load the example? This cannot be undone.";

/// Asks `question` before discarding the user's text, unless it is the seed example or the
/// example last loaded from the gallery, unchanged.
pub fn confirm_discard(store: Store, question: &str) -> bool {
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
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Loads the seed example after asking (the user's text is discarded, the autosave replaced).
pub fn reset_to_example(store: Store) {
    if !confirm_discard(store, LOAD_EXAMPLE) {
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
