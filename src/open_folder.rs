//! "Open folder": a repository's files read in the browser (picked with the folder picker, or a
//! folder or files dropped on the page) and handed to `seams_core::repo::import`, which derives
//! the services file and finds the SQL (`docs/import.md`). The Schema pane gets the SQL found,
//! the Services pane the derived file; nothing is uploaded.
//!
//! This module only lists and reads files and calls the core: which files are read, the caps
//! and the wording of what was left out are `seams_core::repo`'s (the command line's walk uses
//! the same rules). Files are read in batches with a progress bar between them, so the tab keeps
//! painting and taking input.
//!
//! Built only with the `open-folder` feature of `seams-app`: `repo::import` is about 50 KB gzip
//! of wasm, which would take the page over its 600 KB budget (`docs/budgets.md`). Without the
//! feature the two components draw nothing and the import code is not linked; `scripts/test`
//! builds the page a second time with it (`dist-folder/`) for `tests/e2e/open-folder.test.mjs`.
//! Loading the import as a second wasm module on demand is what would ship it.
#![cfg_attr(
    not(feature = "open-folder"),
    allow(dead_code, unused_imports, unused_variables)
)]

use crate::store::{LoadedExample, Store};
use leptos::ev;
use leptos::prelude::*;
use seams_core::repo::{self, Skipped, Wanted};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Files read at once between two updates of the progress bar.
const BATCH: usize = 64;

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
    /// Whether files are dragged over the page.
    dragging: RwSignal<bool>,
    /// Counts readings, so an older one still running stops when a newer starts.
    readings: StoredValue<u32>,
}

impl Default for FolderState {
    fn default() -> Self {
        FolderState {
            reading: RwSignal::new(Reading::Idle),
            dragging: RwSignal::new(false),
            readings: StoredValue::new(0),
        }
    }
}

/// A file the browser handed over, with its path inside the folder opened.
struct Picked {
    path: String,
    file: web_sys::File,
}

/// The files of a `<input type=file webkitdirectory>`, each by its `webkitRelativePath`.
fn input_files(input: &web_sys::HtmlInputElement) -> Vec<Picked> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|p| p.as_string())
                .filter(|p| !p.is_empty());
            Picked {
                path: relative.unwrap_or_else(|| file.name()),
                file,
            }
        })
        .collect()
}

/// A promise settled by a callback API (`readEntries`, `file`): resolved with what the success
/// callback is given, rejected when the error callback is called or the call throws.
fn callback_promise(
    call: impl Fn(&js_sys::Function, &js_sys::Function) -> Result<(), JsValue>,
) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        if call(&resolve, &reject).is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    })
}

/// What was dropped, taken while the drop event is dispatched (the browser empties the
/// transfer afterwards): the entries (folders and files), or, from a browser without entries,
/// the dropped files.
fn dropped(transfer: &web_sys::DataTransfer) -> (Vec<web_sys::FileSystemEntry>, Vec<Picked>) {
    let items = transfer.items();
    let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    if !entries.is_empty() {
        return (entries, Vec::new());
    }
    let files = transfer
        .files()
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|file| Picked {
                    path: file.name(),
                    file,
                })
                .collect()
        })
        .unwrap_or_default();
    (Vec::new(), files)
}

/// The files under dropped entries, folders walked (skipped folders not entered). Paths are the
/// entries' full paths (`/bank/k8s/a.yaml`).
async fn walk(mut entries: Vec<web_sys::FileSystemEntry>) -> Vec<Picked> {
    let mut picked = Vec::new();
    let mut seen = 0usize;
    while let Some(entry) = entries.pop() {
        seen += 1;
        if seen > repo::MAX_FILES * 5 {
            break;
        }
        if entry.is_directory() {
            // A dropped folder itself is read whatever its name; folders inside it are skipped
            // by the core's rules.
            let inside_dropped = entry.full_path().trim_start_matches('/').contains('/');
            if inside_dropped && repo::skipped_folder(&entry.name()) {
                continue;
            }
            let folder: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
            let reader = folder.create_reader();
            // readEntries gives a batch per call, an empty one at the end.
            loop {
                let batch = JsFuture::from(callback_promise(|ok, fail| {
                    reader.read_entries_with_callback_and_callback(ok, fail)
                }))
                .await;
                let Ok(batch) = batch.map(|b| js_sys::Array::from(&b)) else {
                    break;
                };
                if batch.length() == 0 {
                    break;
                }
                entries.extend(batch.iter().map(|e| e.unchecked_into()));
            }
        } else if entry.is_file() {
            let path = entry.full_path();
            let file_entry: web_sys::FileSystemFileEntry = entry.unchecked_into();
            let file = JsFuture::from(callback_promise(|ok, fail| {
                file_entry.file_with_callback_and_callback(ok, fail);
                Ok(())
            }))
            .await;
            if let Ok(file) = file.and_then(|f| f.dyn_into::<web_sys::File>()) {
                picked.push(Picked { path, file });
            }
        }
    }
    picked
}

/// A number of bytes for people (`412 KB`, `3.1 MB`).
fn bytes_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!(
            "{} MB",
            seams_core::number::fixed(bytes as f64 / (1024.0 * 1024.0), 1)
        )
    }
}

impl FolderState {
    /// Reads `picked`, derives the services file and fills the panes (after asking, if they hold
    /// the reader's text).
    async fn read(self, store: Store, picked: Vec<Picked>) {
        self.readings.update_value(|n| *n = n.wrapping_add(1));
        let this_reading = self.readings.get_value();
        let current = move || self.readings.get_value() == this_reading;
        if picked.is_empty() {
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
        // Which files are read, by path and size, before reading any.
        let mut skipped = Skipped::default();
        let paths = repo::relative_paths(picked.iter().map(|p| p.path.clone()).collect());
        let mut chosen: Vec<(String, web_sys::File)> = Vec::new();
        for (path, picked) in paths.into_iter().zip(picked) {
            let size = picked.file.size().max(0.0) as u64;
            match repo::wanted(&path, size) {
                Wanted::Read => chosen.push((path, picked.file)),
                why => skipped.count(why),
            }
        }
        seams_core::order::sort_by(&mut chosen, |a, b| a.0.cmp(&b.0));
        let mut total_bytes = 0u64;
        let mut within: Vec<(String, web_sys::File)> = Vec::new();
        for (path, file) in chosen {
            let size = file.size().max(0.0) as u64;
            if within.len() >= repo::MAX_FILES || total_bytes + size > repo::MAX_TOTAL_BYTES {
                skipped.over_caps += 1;
                continue;
            }
            total_bytes += size;
            within.push((path, file));
        }
        let total = within.len();
        self.reading.set(Reading::Files { done: 0, total });
        let mut texts: Vec<(String, String)> = Vec::new();
        for batch in within.chunks(BATCH) {
            let promises: js_sys::Array = batch.iter().map(|(_, file)| file.text()).collect();
            let read = JsFuture::from(js_sys::Promise::all_settled(&promises)).await;
            if !current() {
                return;
            }
            let results = read.map(|r| js_sys::Array::from(&r)).unwrap_or_default();
            for ((path, _), result) in batch.iter().zip(results.iter()) {
                let text = js_sys::Reflect::get(&result, &JsValue::from_str("value"))
                    .ok()
                    .and_then(|v| v.as_string());
                match text {
                    Some(text) if repo::binary(&text) => skipped.binary += 1,
                    Some(text) => texts.push((path.clone(), text)),
                    None => skipped.not_used += 1,
                }
            }
            self.reading.set(Reading::Files {
                done: texts.len() + skipped.binary,
                total,
            });
        }
        self.reading.set(Reading::Deriving);
        // Let the progress line paint before the import runs.
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !current() {
            return;
        }
        let files: Vec<repo::File<'_>> = texts
            .iter()
            .map(|(path, text)| repo::File { path, text })
            .collect();
        let import = repo::import(&files, &repo::Options::default());
        let schema = import.schema_text(&files);
        let loaded = LoadedExample {
            schema,
            services: import.services.clone(),
            models: import.models_text(&files),
        };
        store.schema.set(loaded.schema.clone());
        store.services.set(loaded.services.clone());
        store.models.set(loaded.models.clone());
        store.loaded_example.set_value(Some(loaded));
        store.selected.set(None);
        store.focus.set(Vec::new());
        store.go_to(0);
        let read_bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
        let mut summary = format!(
            "Read {} files ({}) in this browser, nothing uploaded: {} gave facts, {} SQL file{} found.",
            texts.len(),
            bytes_text(read_bytes),
            import.files_used,
            import.schema.len(),
            if import.schema.len() == 1 { "" } else { "s" },
        );
        if let Some(left_out) = skipped.sentence() {
            summary.push(' ');
            summary.push_str(&left_out);
        }
        if !import.profiles.is_empty() {
            summary.push_str(&format!(
                " Spring profiles seen (the default one is read): {}.",
                import.profiles.join(", ")
            ));
        }
        summary.push_str(&format!(
            " {} ORM model file{} given to the service whose folder holds {}.",
            import.models.len(),
            if import.models.len() == 1 { "" } else { "s" },
            if import.models.len() == 1 {
                "it"
            } else {
                "each"
            },
        ));
        self.reading.set(Reading::Done {
            summary,
            problems: import.problems,
        });
    }
}

/// The header's "Open folder" button (a file input picking a folder, styled as a button) and
/// the page-wide drop target for folders and files.
#[cfg(feature = "open-folder")]
#[component]
pub fn OpenFolder(state: FolderState) -> impl IntoView {
    let store = crate::store::use_store();
    let on_change = move |ev: ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let picked = input_files(&input);
        // The same folder picked again must fire `change` again.
        input.set_value("");
        leptos::task::spawn_local(state.read(store, picked));
    };
    let over = window_event_listener(ev::dragover, move |ev: ev::DragEvent| {
        let files = ev
            .data_transfer()
            .is_some_and(|t| t.types().includes(&JsValue::from_str("Files"), 0));
        if files {
            ev.prevent_default();
            state.dragging.set(true);
        }
    });
    let leave = window_event_listener(ev::dragleave, move |ev: ev::DragEvent| {
        // Leaving the window, not moving between elements.
        if ev.related_target().is_none() {
            state.dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |ev: ev::DragEvent| {
        state.dragging.set(false);
        let Some(transfer) = ev.data_transfer() else {
            return;
        };
        if !transfer.types().includes(&JsValue::from_str("Files"), 0) {
            return;
        }
        ev.prevent_default();
        let (entries, mut picked) = dropped(&transfer);
        if !entries.is_empty() {
            state.reading.set(Reading::Listing);
        }
        leptos::task::spawn_local(async move {
            picked.extend(walk(entries).await);
            state.read(store, picked).await;
        });
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <label class="button open-folder hide-presenting" data-testid="open-folder"
            title="Read a repository's docker-compose, Kubernetes, Spring and .env files and its SQL into the panes. The files are read in this browser and never uploaded. You can also drop a folder or files on the page.">
            "Open folder"
            <input type="file" class="visually-hidden" prop:webkitdirectory=true multiple=true
                data-testid="open-folder-input" on:change=on_change/>
        </label>
        <div class="drop-overlay" aria-hidden="true" class:shown=move || state.dragging.get()>
            <p>"Drop a folder or files to read them here. Nothing is uploaded."</p>
        </div>
    }
}

/// The banner under the header: progress while reading, then what was read and left out.
#[cfg(feature = "open-folder")]
#[component]
pub fn FolderBanner(state: FolderState) -> impl IntoView {
    move || {
        match state.reading.get() {
        Reading::Idle => None,
        Reading::Listing => Some(
            view! {
                <div class="folder-banner" role="status" data-testid="folder-progress">
                    <span>"Listing the dropped files…"</span>
                </div>
            }
            .into_any(),
        ),
        Reading::Files { done, total } => Some(
            view! {
                <div class="folder-banner" role="status" data-testid="folder-progress">
                    <progress max=total value=done></progress>
                    <span>{format!("Reading {done} of {total} files in this browser (nothing is uploaded)…")}</span>
                </div>
            }
            .into_any(),
        ),
        Reading::Deriving => Some(
            view! {
                <div class="folder-banner" role="status" data-testid="folder-progress">
                    <span>"Deriving services, stores and calls…"</span>
                </div>
            }
            .into_any(),
        ),
        Reading::Done { summary, problems } => Some(
            view! {
                <div class="folder-banner" role="status" data-testid="folder-summary">
                    <div>
                        <span>{summary}</span>
                        {(!problems.is_empty()).then(|| view! {
                            <details>
                                <summary>{format!("{} could not be read", problems.len())}</summary>
                                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            </details>
                        })}
                    </div>
                    <button type="button" aria-label="Dismiss"
                        on:click=move |_| state.reading.set(Reading::Idle)>"×"</button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}

/// Without the `open-folder` feature: no "Open folder" control (see the module's note).
#[cfg(not(feature = "open-folder"))]
#[component]
pub fn OpenFolder(state: FolderState) -> impl IntoView {
    let _ = state;
}

/// Without the `open-folder` feature: no banner.
#[cfg(not(feature = "open-folder"))]
#[component]
pub fn FolderBanner(state: FolderState) -> impl IntoView {
    let _ = state;
}
