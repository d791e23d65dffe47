//! First steps with one's own schema: "New" (a blank start), a services file drafted from the
//! schema by the core ([`seams_core::skeleton`]), a schema pasted over an example taking the
//! example's other panes with it. The page only decides when; the core drafts. (The Help panel is
//! static HTML in `index.html`, opened by the header's `popovertarget` button: no wasm at all.)

use crate::store::Store;
use leptos::prelude::*;
use seams_core::examples;

/// Whether `text` is the seed's `seed` text or the example last loaded's (`pick`), unchanged:
/// an example's text the person never chose to keep.
fn is_example_text(
    store: Store,
    text: RwSignal<String>,
    seed: &str,
    pick: fn(&crate::store::LoadedExample) -> &str,
) -> bool {
    text.with_untracked(|t| {
        t == seed
            || store
                .loaded_example
                .with_value(|loaded| loaded.as_ref().is_some_and(|e| t == pick(e)))
    })
}

/// Clears the three panes (after asking, if they hold the person's text) and puts the caret in
/// the Schema pane.
pub fn start_blank(store: Store) {
    if !crate::persist::confirm_discard(
        store,
        "Discard your text in the three panes and start with empty panes? This cannot be undone.",
    ) {
        return;
    }
    store.schema.set(String::new());
    store.services.set(String::new());
    store.models.set(String::new());
    store.loaded_example.set_value(None);
    store.selected.set(None);
    store.focus.set(Vec::new());
    store.go_to(0);
    if let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("pane-schema"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = area.focus();
    }
}

/// The services drafted from the latest analysis's tables, if it has any.
fn drafted(store: Store) -> Option<String> {
    store.analysis.with_untracked(|a| {
        a.as_ref()
            .and_then(|a| seams_core::skeleton::services_for(&a.architecture))
    })
}

/// Replaces the Services pane with a file drafted from the Schema pane's tables (after asking,
/// if it holds the person's text). Says why when the schema has no table yet.
pub fn draft_services(store: Store) {
    let has_own_text = store.services.with_untracked(|s| !s.trim().is_empty())
        && !is_example_text(store, store.services, examples::SEED.services, |e| {
            &e.services
        });
    if has_own_text && !confirm("Replace your Services pane with a draft from the schema's tables?")
    {
        return;
    }
    match drafted(store) {
        Some(text) => store.services.set(text),
        None => alert("The Schema pane has no CREATE TABLE yet: paste your schema first."),
    }
}

/// After a paste replaced the whole Schema pane: the example's Models pane goes (its models
/// would drift from every table of the new schema), and a Services pane that is empty or still
/// the example's is emptied and drafted from the new schema once it is analysed ([`watch`]),
/// unless the person fills it meanwhile.
pub fn schema_replaced(store: Store) {
    if is_example_text(store, store.models, examples::SEED.models, |e| &e.models) {
        store.models.set(String::new());
    }
    let services_blank = store.services.with_untracked(|s| s.trim().is_empty());
    if services_blank
        || is_example_text(store, store.services, examples::SEED.services, |e| {
            &e.services
        })
    {
        store.services.set(String::new());
        store.draft_when_analysed.set_value(true);
    }
    store.loaded_example.set_value(None);
    store.selected.set(None);
    store.go_to(0);
}

/// Drafts the Services pane when the analysis of a replaced schema arrives (the core drafts
/// from the analysed tables, so the schema is read once).
pub fn watch(store: Store) {
    Effect::new(move |_| {
        store.analysis.track();
        if !store.draft_when_analysed.get_value() {
            return;
        }
        // Only into the pane as the paste left it, empty: services the person pasted or typed
        // while the schema was read are theirs (a large schema takes seconds).
        if store.services.with_untracked(|s| !s.trim().is_empty()) {
            store.draft_when_analysed.set_value(false);
            return;
        }
        if let Some(text) = drafted(store) {
            store.draft_when_analysed.set_value(false);
            store.services.set(text);
        }
    });
}

fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

fn alert(message: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.alert_with_message(message);
    }
}
