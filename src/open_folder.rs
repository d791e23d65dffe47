//! "Open folder": a repository's files read in the browser (picked with the folder picker, or a
//! folder or files dropped on the page) and handed to the import worker
//! (`src/bin/import-worker.rs`), which runs `seams_core::repo::import` on them and derives the
//! panes: the Schema pane gets the SQL found, the Services pane the derived file, the Models
//! pane the ORM models; nothing is uploaded.
//!
//! This module lists the files (walking dropped folders), starts the worker, hands it the files
//! and shows its progress; which files are read, the caps and the wording of what was left out
//! are `seams_core::repo`'s, applied in the worker (the command line's walk uses the same
//! rules). The import runs in the worker, off this thread, and its wasm is loaded only when a
//! folder is opened, so the import's readers are not part of the page's first load.

#[path = "folder_messages.rs"]
mod folder_messages;

use crate::store::{LoadedExample, Store};
use folder_messages as msg;
use leptos::prelude::*;
use seams_core::repo;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The question asked before a folder replaces the reader's text in the panes.
const LOAD_FOLDER: &str =
    "Discard your text in the three panes and read the folder? This cannot be undone.";

/// What the control is doing, shown under the header.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reading {
    /// Nothing to say.
    Idle,
    /// Listing a dropped folder's files.
    Listing,
    /// Loading the import worker.
    Starting,
    /// Reading files: how many are read, of how many.
    Files { done: usize, total: usize },
    /// Reading what the files say.
    Deriving,
    /// Finished (or refused): what was read and left out, and what could not be read.
    Done {
        summary: String,
        problems: Vec<String>,
    },
}

/// The state the control and its banner share.
#[derive(Clone, Copy)]
pub struct FolderState {
    reading: RwSignal<Reading>,
}

thread_local! {
    /// The worker of the last reading and its message handler, which must live as long as it
    /// does; a newer reading replaces it (dropping it stops the worker).
    static RUNNING: std::cell::RefCell<Option<Running>> = const { std::cell::RefCell::new(None) };
}

/// An import worker and the handlers it calls.
struct Running {
    worker: web_sys::Worker,
    _report: Closure<dyn Fn(JsValue)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Default for FolderState {
    fn default() -> Self {
        FolderState {
            reading: RwSignal::new(Reading::Idle),
        }
    }
}

/// `public/start.js`'s part of "Open folder" (the browser's file and drag-and-drop APIs).
#[wasm_bindgen::prelude::wasm_bindgen(js_namespace = seamsFolder)]
extern "C" {
    /// Starts the import worker at `url`, hands it the files once it listens and passes each of
    /// its messages to `report`.
    #[wasm_bindgen(js_name = read, catch)]
    fn start_worker(
        url: &str,
        paths: &JsValue,
        files: &JsValue,
        report: &js_sys::Function,
    ) -> Result<web_sys::Worker, JsValue>;
}

/// The import worker's script, named by the page's start tag (`Trunk.toml`'s `pattern_script`,
/// where the service worker also finds it to keep it for offline use), resolved against the page.
fn worker_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let tag = document
        .query_selector("script[data-folder-worker]")
        .ok()??;
    let relative = tag.get_attribute("data-folder-worker")?;
    let base = document.base_uri().ok()??;
    web_sys::Url::new_with_base(&relative, &base)
        .ok()
        .map(|u| u.href())
}

/// A field of a worker's message.
fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text_field(data: &JsValue, key: &str) -> String {
    field(data, key).as_string().unwrap_or_default()
}

fn count_field(data: &JsValue, key: &str) -> usize {
    field(data, key).as_f64().unwrap_or(0.0).max(0.0) as usize
}

/// The banner's words when a reading could not finish.
fn stopped(why: &str) -> Reading {
    Reading::Done {
        summary: format!("The folder could not be read: {why}."),
        problems: Vec::new(),
    }
}

impl FolderState {
    /// Reads the files picked or dropped (`paths[i]` is where `files[i]` sits in the folder) in
    /// the import worker and fills the panes with what it derives (after asking, if they hold
    /// the reader's text).
    fn read(self, store: Store, paths: JsValue, files: JsValue) {
        // A newer reading replaces the one under way (dropping it stops its worker).
        RUNNING.with(|running| running.replace(None));
        if js_sys::Array::from(&paths).length() == 0 {
            self.reading.set(Reading::Done {
                summary: "The folder holds no files.".to_string(),
                problems: Vec::new(),
            });
            return;
        }
        if !crate::persist::confirm_discard(store, LOAD_FOLDER) {
            self.reading.set(Reading::Idle);
            return;
        }
        self.reading.set(Reading::Starting);
        let report = Closure::<dyn Fn(JsValue)>::new(move |data: JsValue| {
            match text_field(&data, msg::KIND).as_str() {
                msg::PROGRESS => {
                    let (done, total) = (
                        count_field(&data, msg::READ),
                        count_field(&data, msg::TOTAL),
                    );
                    self.reading.set(if done < total {
                        Reading::Files { done, total }
                    } else {
                        Reading::Deriving
                    });
                }
                msg::DONE => self.finish(store, &data),
                msg::ERROR => {
                    self.reading.set(stopped(&format!(
                        "the reader stopped ({})",
                        text_field(&data, msg::MESSAGE)
                    )));
                    self.stop_worker();
                }
                _ => {}
            }
        });
        let started = worker_url()
            .ok_or(JsValue::NULL)
            .and_then(|url| start_worker(&url, &paths, &files, report.as_ref().unchecked_ref()));
        match started {
            Ok(worker) => {
                RUNNING.with(|running| {
                    running.replace(Some(Running {
                        worker,
                        _report: report,
                    }))
                });
            }
            Err(_) => self
                .reading
                .set(stopped("this browser could not start the reader")),
        }
    }

    /// Fills the panes with the worker's result and says what was read.
    fn finish(self, store: Store, data: &JsValue) {
        let loaded = LoadedExample {
            example: None,
            schema: text_field(data, msg::SCHEMA),
            services: text_field(data, msg::SERVICES),
            models: text_field(data, msg::MODELS),
        };
        let problems = js_sys::Array::from(&field(data, msg::PROBLEMS))
            .iter()
            .filter_map(|p| p.as_string())
            .collect();
        store.load(loaded);
        self.reading.set(Reading::Done {
            summary: text_field(data, msg::SUMMARY),
            problems,
        });
        self.stop_worker();
    }

    /// Stops the worker (its memory goes with it). Its handler, which may be running now, is
    /// dropped with the next reading.
    fn stop_worker(self) {
        RUNNING.with(|running| {
            if let Some(running) = running.borrow().as_ref() {
                running.worker.terminate();
            }
        });
    }
}

/// The header's "Open folder" button (a file input picking a folder, styled as a button) and
/// the page-wide drop target for folders and files.
#[component]
pub fn OpenFolder(state: FolderState) -> impl IntoView {
    let store = crate::store::use_store();
    // start.js calls these with what was picked or dropped (`[paths, files]`, or null while a
    // dropped folder is listed) and asks which folders not to enter.
    let picked = Closure::<dyn Fn(JsValue)>::new(move |picked: JsValue| {
        if picked.is_null() {
            state.reading.set(Reading::Listing);
        } else {
            let picked = js_sys::Array::from(&picked);
            state.read(store, picked.get(0), picked.get(1));
        }
    });
    let skip = Closure::<dyn Fn(String) -> bool>::new(|name: String| repo::skipped_folder(&name));
    let folder = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("seamsFolder"))
        .unwrap_or(JsValue::UNDEFINED);
    if folder.is_object() {
        let _ = js_sys::Reflect::set(&folder, &JsValue::from_str("picked"), picked.as_ref());
        let _ = js_sys::Reflect::set(&folder, &JsValue::from_str("skip"), skip.as_ref());
    }
    // The page's header lives as long as the page.
    picked.forget();
    skip.forget();
    view! {
        <label class="button open-folder hide-presenting" data-testid="open-folder"
            title="Read a repository's docker-compose, Kubernetes, Spring and .env files and its SQL into the panes. The files are read in this browser and never uploaded. You can also drop a folder or files on the page.">
            "Open folder"
            <input type="file" class="visually-hidden" prop:webkitdirectory=true multiple=true
                data-testid="open-folder-input" data-folder-input/>
        </label>
        <div class="drop-overlay" aria-hidden="true">
            <p>"Drop a folder or files to read them here. Nothing is uploaded."</p>
        </div>
    }
}

/// The banner under the header: progress while reading, then what was read and left out.
#[component]
pub fn FolderBanner(state: FolderState) -> impl IntoView {
    // One shape for every state (a progress bar, words, what could not be read, a dismiss
    // button, each there or not): one view type keeps the page's wasm small.
    move || {
        let (words, progress, problems, finished) = match state.reading.get() {
            Reading::Idle => return None,
            Reading::Listing => (
                "Listing the dropped files…".to_string(),
                None,
                Vec::new(),
                false,
            ),
            Reading::Starting => (
                "Loading the folder reader…".to_string(),
                None,
                Vec::new(),
                false,
            ),
            Reading::Files { done, total } => (
                format!("Reading {done} of {total} files in this browser (nothing is uploaded)…"),
                Some((done, total)),
                Vec::new(),
                false,
            ),
            Reading::Deriving => (
                "Deriving services, stores and calls…".to_string(),
                None,
                Vec::new(),
                false,
            ),
            Reading::Done { summary, problems } => (summary, None, problems, true),
        };
        Some(view! {
            <div class="folder-banner" role="status"
                data-testid=if finished { "folder-summary" } else { "folder-progress" }>
                {progress.map(|(done, total)| view! { <progress max=total value=done></progress> })}
                <div>
                    <span>{words}</span>
                    {(!problems.is_empty()).then(|| view! {
                        <details>
                            <summary>{format!("{} could not be read", problems.len())}</summary>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </details>
                    })}
                </div>
                {finished.then(|| view! {
                    <button type="button" aria-label="Dismiss"
                        on:click=move |_| state.reading.set(Reading::Idle)>"×"</button>
                })}
            </div>
        })
    }
}
