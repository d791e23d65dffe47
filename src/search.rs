//! The search box above the graph: finds any table, view or service by name (case-insensitive
//! substring) in the pasted architecture and hands the picked id to the graph, which unfolds its
//! cluster if needed, selects it and centres the view on it.

use crate::store::use_store;
use leptos::prelude::*;
use seams_core::ident;
use seams_core::order;

/// How many matches the result list shows.
const SHOWN: usize = 8;

/// One thing the search can find.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    /// The model id (`table:public.users`).
    id: String,
    /// What is matched and shown (`public.users`, `app-a`).
    name: String,
    /// `table`, `view` or `service`.
    kind: &'static str,
}

/// The matches of `query` among `candidates`: exact names first, then prefixes, then the
/// shortest names, so "users" finds `users` before `user_sessions`.
fn matches(candidates: &[Candidate], query: &str) -> Vec<Candidate> {
    let query = query.trim().to_ascii_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, usize, &Candidate)> = candidates
        .iter()
        .filter_map(|c| {
            let name = c.name.to_ascii_lowercase();
            let short = ident::short_name(&c.id).to_ascii_lowercase();
            let pos = name.find(&query)?;
            let rank = if short == query || name == query {
                0
            } else if pos == 0 || short.starts_with(&query) {
                1
            } else {
                2
            };
            Some((rank, name.chars().count(), c))
        })
        .collect();
    order::sort_by(&mut found, |a, b| {
        (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name))
    });
    found
        .into_iter()
        .take(SHOWN)
        .map(|(_, _, c)| c.clone())
        .collect()
}

/// The search box and its result list; `on_pick` receives the chosen element's id.
#[component]
pub fn SearchBox(on_pick: Callback<String>) -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let candidates = Memo::new(move |_| {
        store.analysis.with(|a| {
            let Some(a) = a.as_ref() else {
                return Vec::new();
            };
            let arch = &a.architecture;
            let services = arch.services.iter().map(|s| Candidate {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: "service",
            });
            let tables = arch.tables.iter().map(|t| Candidate {
                id: t.id.clone(),
                name: ident::display_name(&t.id).to_string(),
                kind: "table",
            });
            let views = arch.views.iter().map(|v| Candidate {
                id: v.id.clone(),
                name: ident::display_name(&v.id).to_string(),
                kind: "view",
            });
            services.chain(tables).chain(views).collect::<Vec<_>>()
        })
    });
    let results = Memo::new(move |_| candidates.with(|c| query.with(|q| matches(c, q))));
    let pick = move |candidate: Candidate| {
        query.set(candidate.name.clone());
        open.set(false);
        on_pick.run(candidate.id);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            if let Some(first) = results.with_untracked(|r| r.first().cloned()) {
                pick(first);
            }
        }
        "Escape" => {
            query.set(String::new());
            open.set(false);
        }
        _ => {}
    };
    view! {
        <div class="graph-search" role="search">
            <input
                type="search"
                aria-label="Find a table or service"
                placeholder="Find a table or service"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                }
                on:keydown=on_key
            />
            <Show when=move || open.get() && !results.with(Vec::is_empty)>
                <ul class="search-results" aria-label="Matches">
                    {move || {
                        results
                            .get()
                            .into_iter()
                            .map(|c| {
                                let shown = c.clone();
                                view! {
                                    <li>
                                        <button type="button" data-id=c.id.clone() on:click=move |_| pick(c.clone())>
                                            <span class="kind">{shown.kind}</span>" "{shown.name}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}
