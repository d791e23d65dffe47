//! The side panel for the selected node: a table's columns, owner, readers and writers; a
//! service's accesses. It only reads facts from the analysis; it computes none.

use crate::store::use_store;
use leptos::prelude::*;
use seams_core::ident;
use seams_core::number::fixed;
use seams_core::pipeline::StageView;
use seams_core::svg::escape;

fn names(ids: Vec<String>) -> String {
    if ids.is_empty() {
        "—".to_string()
    } else {
        ids.iter()
            .map(|id| ident::display_name(id).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Appends `<tag>text</tag>`, the text escaped.
fn push_element(html: &mut String, tag: &str, text: &str) {
    html.push('<');
    html.push_str(tag);
    html.push('>');
    html.push_str(&escape(text));
    html.push_str("</");
    html.push_str(tag);
    html.push('>');
}

/// A table's details as one string of markup (owner, accesses, columns, foreign keys): a view
/// of rows costs kilobytes of wasm, this a loop.
fn table_panel(a: &StageView, id: &str) -> AnyView {
    let arch = &a.stage.architecture;
    let Some(table) = arch.table(id) else {
        return ().into_any();
    };
    let owner = a
        .owners
        .get(id)
        .map(|o| ident::display_name(o).to_string())
        .unwrap_or_else(|| "no owner".into());
    let declared = if arch.is_declared(id) {
        format!("schema line {}", table.span.line)
    } else {
        "only named in the services file".to_string()
    };
    let mut html = String::from("<dl>");
    for (term, value) in [
        ("Owner", owner),
        ("Written by", names(arch.writers_of(id))),
        ("Read by", names(arch.readers_of(id))),
        ("Modelled by", names(arch.modellers_of(id))),
        ("Declared", declared),
    ] {
        push_element(&mut html, "dt", term);
        push_element(&mut html, "dd", &value);
    }
    html.push_str("</dl>");
    if !table.columns.is_empty() {
        html.push_str("<table class=\"columns\"><caption>Columns</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Type</th><th scope=\"col\">Null</th></tr></thead><tbody>");
        for c in &table.columns {
            let pk = if table.primary_key.contains(&c.name) {
                " (PK)"
            } else {
                ""
            };
            html.push_str("<tr>");
            push_element(&mut html, "td", &format!("{}{pk}", c.name));
            push_element(&mut html, "td", &c.data_type);
            push_element(
                &mut html,
                "td",
                if c.nullable { "null" } else { "not null" },
            );
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table>");
    }
    if !table.foreign_keys.is_empty() {
        html.push_str("<h4>Foreign keys</h4><ul>");
        for fk in &table.foreign_keys {
            let text = format!(
                "({}) → {} ({})",
                fk.columns.join(", "),
                ident::display_name(&fk.references),
                fk.ref_columns.join(", ")
            );
            push_element(&mut html, "li", &text);
        }
        html.push_str("</ul>");
    }
    view! { <div inner_html=html></div> }.into_any()
}

fn service_panel(a: &StageView, id: &str) -> AnyView {
    let Some(s) = a.stage.architecture.service(id) else {
        return ().into_any();
    };
    let metrics = a.metrics.get(id).map(|m| {
        view! {
            <dt title="Afferent coupling: services depending on this one">"Ca"</dt><dd>{m.ca}</dd>
            <dt title="Efferent coupling: services this one depends on">"Ce"</dt><dd>{m.ce}</dd>
            <dt title="Instability Ce/(Ca+Ce) (Martin)">"Instability"</dt><dd>{if m.ca + m.ce == 0 { "—".to_string() } else { fixed(m.instability, 2) }}</dd>
            <dt title="Tables a test of this service must seed (foreign-key closure)">"Test set"</dt><dd>{format!("{} tables", m.test_isolation.len())}</dd>
        }
    });
    let owned: Vec<String> = a
        .owners
        .iter()
        .filter(|(_, o)| o.as_str() == id)
        .map(|(t, _)| t.clone())
        .collect();
    view! {
        <p class="summary">{s.summary.clone()}</p>
        <dl>
            <dt>"Databases"</dt><dd>{names(s.databases.iter().map(|d| a.stage.architecture.databases.iter().find(|x| &x.id == d).map_or_else(|| d.clone(), |x| format!("db:{}", x.name))).collect())}</dd>
            <dt>"Owns"</dt><dd>{names(owned)}</dd>
            <dt>"Writes"</dt><dd>{names(s.writes.iter().map(|x| x.table.clone()).collect())}</dd>
            <dt>"Reads"</dt><dd>{names(s.reads.iter().map(|x| x.table.clone()).collect())}</dd>
            <dt>"Calls"</dt><dd>{names(s.calls.iter().map(|x| x.service.clone()).collect())}</dd>
            <dt>"Publishes"</dt><dd>{names(s.publishes.iter().map(|x| x.topic.clone()).collect())}</dd>
            <dt>"Subscribes"</dt><dd>{names(s.subscribes.iter().map(|x| x.topic.clone()).collect())}</dd>
            {metrics}
        </dl>
    }
    .into_any()
}

/// Where the service's facts were read from, when the Services pane was derived from a
/// repository: each fact whose line ends in a `# from path:line` comment, with that place.
fn derived_from(a: &StageView, id: &str, services: &str) -> AnyView {
    let Some(s) = a.stage.architecture.service(id) else {
        return ().into_any();
    };
    let mut facts: Vec<(String, seams_core::Span)> = vec![("the service".to_string(), s.span)];
    for (verb, accesses) in [("reads", &s.reads), ("writes", &s.writes)] {
        facts.extend(
            accesses
                .iter()
                .map(|x| (format!("{verb} {}", ident::display_name(&x.table)), x.span)),
        );
    }
    facts.extend(
        s.calls
            .iter()
            .map(|c| (format!("calls {}", ident::display_name(&c.service)), c.span)),
    );
    let mut html = String::new();
    for (fact, span) in facts {
        if span.pane != seams_core::Pane::Services {
            continue;
        }
        if let Some(from) = seams_core::services::derived_from(services, span.line) {
            html.push_str("<li>");
            push_element(&mut html, "span", &fact);
            html.push_str(": ");
            push_element(&mut html, "code", from);
            html.push_str("</li>");
        }
    }
    if html.is_empty() {
        return ().into_any();
    }
    let html = format!("<h4>Read from the repository</h4><ul class=\"derived-from\">{html}</ul>");
    view! { <div inner_html=html></div> }.into_any()
}

fn findings_of(a: &StageView, id: &str) -> AnyView {
    let list: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.elements.iter().any(|e| e == id))
        .collect();
    if list.is_empty() {
        return view! { <p class="empty">"No findings on this element."</p> }.into_any();
    }
    let items = list
        .into_iter()
        .map(|f| view! { <li><span class="rule">{f.rule.as_str()}</span>" "{f.message.clone()}</li> })
        .collect_view();
    view! { <h4>"Findings"</h4><ul class="node-findings">{items}</ul> }.into_any()
}

/// The details of `store.selected` at the stage shown, or a hint when nothing is selected.
#[component]
pub fn Inspector() -> impl IntoView {
    let store = use_store();
    move || {
        let Some(id) = store.selected.get() else {
            return view! { <p class="empty">"Click a service or table in the graph to see its details."</p> }.into_any();
        };
        let body = store.with_stage(|a| {
            let panel = if id.starts_with("table:") || id.starts_with("view:") {
                table_panel(a, &id)
            } else if id.starts_with("service:") {
                let from = store.services.with(|text| derived_from(a, &id, text));
                view! { {service_panel(a, &id)}{from} }.into_any()
            } else {
                ().into_any()
            };
            view! { {panel}{findings_of(a, &id)} }.into_any()
        });
        let kind = id.split(':').next().unwrap_or_default().to_string();
        let title = ident::display_name(&id).to_string();
        view! {
            <div class="inspector" aria-label="Details">
                <header>
                    <span class="kind">{kind}</span>
                    <h3>{title}</h3>
                    <button type="button" class="close" aria-label="Close details" on:click=move |_| store.selected.set(None)>"×"</button>
                </header>
                {body}
            </div>
        }
        .into_any()
    }
}

/// Whether the side panel (where Details is) starts below the bottom of the screen: on a phone,
/// and on a tablet, it is under the graph, and a node picked in the graph opens out of sight.
fn details_below_screen() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let bottom = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    window
        .document()
        .and_then(|d| d.get_element_by_id("side"))
        .map(|side| side.get_bounding_client_rect())
        // Hidden (presenting, embedded): zero height.
        .is_some_and(|r| r.height() > 0.0 && r.top() > bottom - 48.0)
}

/// A chip in the screen's bottom corner, shown when a node is picked while the Details panel is
/// out of sight below: it names the node and scrolls to its details. It goes once the panel
/// comes into sight, or the selection is cleared.
#[component]
pub fn DetailsCue() -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        let picked = store.selected.with(Option::is_some);
        open.set(picked && details_below_screen());
    });
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if open.get_untracked() && !details_below_screen() {
            open.set(false);
        }
    });
    on_cleanup(move || on_scroll.remove());
    let show = move |_| {
        store.tab.set(crate::store::Tab::Details);
        if let Some(side) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("side"))
        {
            side.scroll_into_view();
        }
        open.set(false);
    };
    view! {
        <button type="button" class="details-cue hide-presenting" hidden=move || !open.get() on:click=show>
            {move || {
                let name = store
                    .selected
                    .with(|id| id.as_deref().map(ident::display_name).unwrap_or_default().to_string());
                format!("Details of {name} ↓")
            }}
        </button>
    }
}
