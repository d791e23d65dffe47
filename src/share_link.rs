//! Share links in the page: the link of the current state, the "Copy" button, and the banner
//! shown when a link cannot be opened. The header puts them together with the Embed dialog and
//! the Export menu ([`crate::app`]); the embedded view ([`crate::embed`]) uses them too.
//!
//! The link itself is made by `seams_core::share` and kept in the address bar by
//! [`crate::persist::keep`]; the texts a link carries only ever reach textareas and text nodes.

use crate::panels::copy_text;
use crate::persist::{self, snapshot};
use crate::store::Store;
use leptos::prelude::*;
use seams_core::share;
use std::time::Duration;

/// How long a button's "Copied" feedback stays.
const FEEDBACK: Duration = Duration::from_millis(2000);

/// The problem with the link the page was opened with, shown by [`LinkBanner`].
#[derive(Clone, Copy)]
pub struct LinkProblem(pub RwSignal<Option<String>>);

/// The share link of the store's current state, or why there is none (too long).
pub fn share_url(store: Store) -> Result<String, String> {
    let encoded = share::encode(&snapshot(store));
    if !share::fits(&encoded) {
        return Err(format!(
            "Too long for a link ({} characters; at most {}): export the files instead.",
            encoded.len(),
            share::MAX_FRAGMENT_BYTES
        ));
    }
    persist::url_with_fragment(Some(&encoded)).ok_or_else(|| "No address to link to.".to_string())
}

/// A dismissible banner with the reason a link could not be opened (`role="alert"`).
#[component]
pub fn LinkBanner() -> impl IntoView {
    let LinkProblem(problem) = expect_context::<LinkProblem>();
    move || {
        problem.get().map(|message| {
            view! {
                <div class="link-banner" role="alert" data-testid="link-error">
                    <span>{message}" The page opened with your saved work or the example instead."</span>
                    <button type="button" aria-label="Dismiss" on:click=move |_| problem.set(None)>"×"</button>
                </div>
            }
        })
    }
}

/// A button that copies `text()` and says so for a moment.
#[component]
pub fn CopyButton(
    /// The button's label.
    label: &'static str,
    /// What to copy, or the message to show instead.
    text: Callback<(), Result<String, String>>,
) -> impl IntoView {
    let note = RwSignal::new(None::<String>);
    let click = move |_| {
        let message = match text.run(()) {
            Ok(text) => {
                copy_text(&text);
                "Copied".to_string()
            }
            Err(message) => message,
        };
        note.set(Some(message));
        set_timeout(move || note.set(None), FEEDBACK);
    };
    view! {
        <button type="button" on:click=click>{label}</button>
        <span class="copy-note" role="status">{move || note.get()}</span>
    }
}
