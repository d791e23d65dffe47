//! The worker behind "Open folder": reads a repository's files and runs
//! `seams_core::repo::import` on them, off the page's thread, so the tab keeps painting and
//! taking input however large the folder is.
//!
//! A wasm module of its own (trunk builds it beside the page: `index.html`'s link with
//! `data-type="worker"`), loaded only when a folder is opened: the import's readers (compose,
//! Kubernetes, Spring, `.env`, connection URLs, the SQL and model finders) are not part of the
//! page's first load (`docs/budgets.md`). The page lists the files and hands them over; this
//! worker picks the ones the core's rules read (`repo::wanted`, the caps the command line's walk
//! uses too), reads them (a batch at a time, in parallel), derives the panes' texts and one summary
//! paragraph, and sends them back (`folder_messages.rs` names the messages).

#[path = "../folder_messages.rs"]
mod folder_messages;

use folder_messages as msg;
use seams_core::repo::{self, Skipped, Wanted};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

/// Files read at once (in parallel), with a progress message after each batch.
const BATCH: usize = 200;

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let on_message = Closure::<dyn Fn(MessageEvent)>::new({
        let scope = scope.clone();
        move |event: MessageEvent| {
            let scope = scope.clone();
            wasm_bindgen_futures::spawn_local(
                async move { read_folder(&scope, &event.data()).await },
            );
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker (the page terminates it when done).
    on_message.forget();
    post(&scope, &message(msg::READY, &[]));
}

/// A message object `{kind, ...fields}`.
fn message(kind: &str, fields: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &msg::KIND.into(), &kind.into());
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &js_sys::Object) {
    let _ = scope.post_message(message);
}

/// An array of strings as JavaScript sees it.
fn strings(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

/// Reads the files of one `{paths, files}` message and sends the panes' texts back.
async fn read_folder(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let field = |key: &str| {
        js_sys::Reflect::get(data, &key.into())
            .map(|v| js_sys::Array::from(&v))
            .unwrap_or_default()
    };
    let paths: Vec<String> = field(msg::PATHS)
        .iter()
        .filter_map(|p| p.as_string())
        .collect();
    let files: Vec<File> = field(msg::FILES)
        .iter()
        .filter_map(|f| f.dyn_into::<File>().ok())
        .collect();
    let mut skipped = Skipped::default();
    let chosen = choose(paths, files, &mut skipped);
    let texts = read_texts(scope, chosen, &mut skipped).await;
    let files: Vec<repo::File<'_>> = texts
        .iter()
        .map(|(path, text)| repo::File { path, text })
        .collect();
    let import = repo::import(&files, &repo::Options::default());
    let read_bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
    let summary = summary(&import, texts.len(), read_bytes, &skipped);
    post(
        scope,
        &message(
            msg::DONE,
            &[
                (msg::SCHEMA, import.schema_text(&files).into()),
                (msg::SERVICES, import.services.as_str().into()),
                (msg::MODELS, import.models_text(&files).into()),
                (msg::SUMMARY, summary.into()),
                (msg::PROBLEMS, strings(&import.problems)),
            ],
        ),
    );
}

/// The files the core's rules read, by path, within the caps on files and bytes; the others
/// are counted in `skipped`.
fn choose(paths: Vec<String>, files: Vec<File>, skipped: &mut Skipped) -> Vec<(String, File)> {
    let paths = repo::relative_paths(paths);
    let mut chosen: Vec<(String, File)> = Vec::new();
    for (path, file) in paths.into_iter().zip(files) {
        match repo::wanted(&path, file_size(&file)) {
            Wanted::Read => chosen.push((path, file)),
            why => skipped.count(why),
        }
    }
    seams_core::order::sort_by(&mut chosen, |a, b| a.0.cmp(&b.0));
    let mut total_bytes = 0u64;
    let mut within = Vec::new();
    for (path, file) in chosen {
        let size = file_size(&file);
        if within.len() >= repo::MAX_FILES || total_bytes + size > repo::MAX_TOTAL_BYTES {
            skipped.over_caps += 1;
            continue;
        }
        total_bytes += size;
        within.push((path, file));
    }
    within
}

fn file_size(file: &File) -> u64 {
    file.size().max(0.0) as u64
}

/// The texts of `chosen` (binary files and files the browser cannot read are counted in
/// `skipped`), with a progress message after every [`BATCH`] files.
async fn read_texts(
    scope: &DedicatedWorkerGlobalScope,
    chosen: Vec<(String, File)>,
    skipped: &mut Skipped,
) -> Vec<(String, String)> {
    let total = chosen.len();
    let progress = |done: usize| {
        message(
            msg::PROGRESS,
            &[(msg::READ, done.into()), (msg::TOTAL, total.into())],
        )
    };
    post(scope, &progress(0));
    let mut texts = Vec::new();
    let mut done = 0;
    for batch in chosen.chunks(BATCH) {
        let reads: js_sys::Array = batch.iter().map(|(_, file)| file.text()).collect();
        let settled = JsFuture::from(js_sys::Promise::all_settled(&reads))
            .await
            .map(|r| js_sys::Array::from(&r))
            .unwrap_or_default();
        for ((path, _), result) in batch.iter().zip(settled.iter()) {
            let text = js_sys::Reflect::get(&result, &"value".into())
                .ok()
                .and_then(|v| v.as_string());
            match text {
                Some(text) if repo::binary(&text) => skipped.binary += 1,
                Some(text) => texts.push((path.clone(), text)),
                None => skipped.not_used += 1,
            }
        }
        done += batch.len();
        post(scope, &progress(done));
    }
    texts
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

/// One paragraph for the banner: what was read (and that it stayed in the browser), what was
/// left out, the Spring profiles seen and where the models went.
fn summary(import: &repo::Import, read: usize, read_bytes: u64, skipped: &Skipped) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut summary = format!(
        "Read {read} files ({}) in this browser, nothing uploaded: {} gave facts, {} SQL file{} found.",
        bytes_text(read_bytes),
        import.files_used,
        import.schema.len(),
        plural(import.schema.len()),
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
    let models = import.models.len();
    summary.push_str(&format!(
        " {models} ORM model file{} given to the service whose folder holds {}.",
        plural(models),
        if models == 1 { "it" } else { "each" },
    ));
    summary
}
