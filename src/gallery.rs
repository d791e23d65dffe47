//! The examples gallery in the header: a `<select>` of [`examples::GALLERY`] and loading the
//! picked example into the panes. Only the seed's texts are in the wasm; any other example's
//! files are fetched from `examples/<key>/` beside the page (relative, so any sub-path works)
//! when picked: the field's label reads "Loading…" meanwhile, and a banner says why if the fetch
//! fails. The service worker (`public/sw.js`) keeps fetched example files for offline use.

use crate::store::{LoadedExample, Store};
use leptos::prelude::*;
use seams_core::examples::{self, GalleryEntry};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the gallery is doing, shown in the field's label and the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Loading {
    /// Nothing to say.
    Idle,
    /// Fetching the picked example's files.
    Fetching,
    /// The last pick could not be loaded: why, for the reader.
    Failed(String),
}

/// Fetches `url` (relative to the page) as text, or says in plain words why it could not.
async fn fetch_text(window: &web_sys::Window, url: &str) -> Result<String, String> {
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be reached (offline?)"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url} did not answer with a file"))?;
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response
        .text()
        .map_err(|_| format!("{url} could not be read"))?;
    JsFuture::from(body)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| format!("{url} could not be read"))
}

/// The texts of `entry`: embedded for the seed, else fetched from `examples/<key>/`.
async fn load(entry: &'static GalleryEntry) -> Result<LoadedExample, String> {
    if entry.key == examples::SEED.key {
        let seed = examples::SEED;
        return Ok(LoadedExample {
            example: Some(seed.key),
            schema: seed.schema.to_string(),
            services: seed.services.to_string(),
            models: seed.models.to_string(),
        });
    }
    let window = web_sys::window().ok_or_else(|| "no browser window".to_string())?;
    let mut texts = Vec::new();
    for file in entry.files() {
        let url = format!("./examples/{}/{file}", entry.key);
        texts.push(fetch_text(&window, &url).await?);
    }
    let mut texts = texts.into_iter();
    Ok(LoadedExample {
        example: Some(entry.key),
        schema: texts.next().unwrap_or_default(),
        services: texts.next().unwrap_or_default(),
        models: texts.next().unwrap_or_default(),
    })
}

/// What the gallery is doing, shared by the field in the header ([`Gallery`]) and the banner
/// under it ([`GalleryProblem`]).
#[derive(Clone, Copy)]
pub struct GalleryState {
    /// The key the select shows; a cancelled or failed pick puts the previous one back.
    shown: RwSignal<&'static str>,
    /// Fetching, failed or idle.
    loading: RwSignal<Loading>,
    /// Counts picks, so that a fetch answered after a later pick is dropped.
    picks: StoredValue<u32>,
}

impl Default for GalleryState {
    /// The gallery showing the seed, idle.
    fn default() -> Self {
        GalleryState {
            shown: RwSignal::new(examples::SEED.key),
            loading: RwSignal::new(Loading::Idle),
            picks: StoredValue::new(0),
        }
    }
}

impl GalleryState {
    /// Loads the example `key` into the panes (after asking, if they hold the reader's text).
    fn pick(self, store: Store, key: &str) {
        let before = self.shown.get_untracked();
        let Some(entry) = examples::entry(key) else {
            self.shown.set(before);
            return;
        };
        if !crate::persist::confirm_discard(store, crate::persist::LOAD_EXAMPLE) {
            self.shown.set(before);
            return;
        }
        self.picks.update_value(|n| *n = n.wrapping_add(1));
        let this_pick = self.picks.get_value();
        self.shown.set(entry.key);
        if entry.key != examples::SEED.key {
            self.loading.set(Loading::Fetching);
        }
        leptos::task::spawn_local(async move {
            let result = load(entry).await;
            if self.picks.get_value() != this_pick {
                return;
            }
            match result {
                Ok(example) => {
                    self.loading.set(Loading::Idle);
                    store.load(example);
                }
                Err(why) => {
                    self.shown.set(before);
                    let name = entry.title.split(':').next().unwrap_or(entry.title);
                    self.loading.set(Loading::Failed(format!(
                        "The {name} example could not be loaded: {why}. The panes are unchanged."
                    )));
                }
            }
        });
    }
}

/// The value the select shows: the example picked while it is fetched, then the example whose
/// texts the panes hold as loaded (the seed's are in the wasm, so a fresh start or Reset showing
/// them counts too); "" ("Your own text") once the panes hold anything else: an edit, a folder,
/// New, restored work or a link.
fn showing(state: GalleryState, store: Store) -> &'static str {
    if matches!(state.loading.get(), Loading::Fetching) {
        return state.shown.get();
    }
    let loaded = store.loaded_example.with_value(|loaded| {
        loaded
            .as_ref()
            .and_then(|e| e.example.filter(|_| e.is_shown(&store)))
    });
    let seed = examples::SEED;
    match loaded {
        Some(key) => key,
        None if crate::store::panes_hold(&store, seed.schema, seed.services, seed.models) => {
            seed.key
        }
        None => "",
    }
}

/// The "Example" field in the header: the gallery `<select>`; its label reads "Loading…" while
/// an example is fetched (same width, so the header does not move). When the panes no longer
/// hold the example picked, the select reads "Your own text" (a disabled option), so the header
/// never names an example that is not what the picture shows.
#[component]
pub fn Gallery(state: GalleryState) -> impl IntoView {
    let store = crate::store::use_store();
    let fetching = move || matches!(state.loading.get(), Loading::Fetching);
    let showing = move || showing(state, store);
    view! {
        <label class="field hide-presenting">
            <span aria-live="polite" data-testid="gallery-label">
                {move || match state.loading.get() {
                    Loading::Fetching => "Loading… ",
                    _ => "Example ",
                }}
            </span>
            <select
                aria-busy=move || fetching().to_string()
                on:change=move |ev| state.pick(store, &event_target_value(&ev))
            >
                <option value="" disabled=true prop:selected=move || { state.shown.track(); showing().is_empty() }>"Your own text"</option>
                {examples::GALLERY
                    .iter()
                    .map(|e| view! {
                        // `shown` is read too: a cancelled pick sets it back to the same key,
                        // and the select must be told again.
                        <option value=e.key title=e.blurb prop:selected=move || { state.shown.track(); showing() == e.key }>{e.title}</option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A dismissible banner under the header saying why the last picked example could not be
/// loaded (`role="alert"`).
#[component]
pub fn GalleryProblem(state: GalleryState) -> impl IntoView {
    move || match state.loading.get() {
        Loading::Failed(message) => Some(view! {
            <div class="link-banner" role="alert" data-testid="gallery-error">
                <span>{message}</span>
                <button type="button" aria-label="Dismiss"
                    on:click=move |_| state.loading.set(Loading::Idle)>"×"</button>
            </div>
        }),
        _ => None,
    }
}
