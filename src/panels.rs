//! The panels around the graph: the score header, the stage stepper, the findings list and the
//! stage's story (narrative, changes, generated artifacts). They show what the core computed.

use crate::store::{use_store, Store, Tab, STAGES};
use leptos::prelude::*;
use seams_core::findings::{explain, source, Dimension, Finding};
use seams_core::Severity;
use wasm_bindgen::JsCast;

/// Copies `text` to the clipboard (best effort: the page may lack permission).
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Offers `blob` as a file download named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // Give the download a moment to start before the URL goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_millis(1000),
    );
}

fn score_class(score: u8) -> &'static str {
    match score {
        80..=100 => "good",
        50..=79 => "fair",
        _ => "poor",
    }
}

/// The score of the stage shown: overall and five dimension bars.
#[component]
pub fn ScoreHeader() -> impl IntoView {
    let store = use_store();
    move || {
        store.with_stage(|s| {
            let overall = s.score.overall;
            let bars = Dimension::ALL
                .iter()
                .map(|&d| {
                    let value = s.score.dimension(d);
                    view! {
                        <li class=format!("dim {}", score_class(value)) title=format!("{}: {value}/100", d.label())>
                            <span class="dim-label">{d.label()}</span>
                            <span class="meter" role="meter" aria-label=d.label() aria-valuemin="0" aria-valuemax="100" aria-valuenow=value.to_string()>
                                <span class="fill" style=format!("width:{value}%")></span>
                            </span>
                            <span class="dim-value">{value}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="score" aria-label="Score">
                    <div class=format!("overall {}", score_class(overall))>
                        <span class="overall-value" data-testid="score">{overall}</span>
                        <span class="overall-label">"/ 100"</span>
                    </div>
                    <ul class="dims">{bars}</ul>
                </section>
            }
        })
    }
}

/// Previous, Next, Play/Pause and a scrubber of the five stages with their scores.
#[component]
pub fn Stepper() -> impl IntoView {
    let store = use_store();
    let names = move || {
        store
            .analysis
            .with(|a| {
                a.as_ref().map(|a| {
                    a.stages
                        .iter()
                        .map(|s| (s.stage.index as usize, s.stage.name, s.score.overall))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    };
    let at_end = move || store.stage.get() + 1 >= STAGES;
    view! {
        <nav class="stepper" aria-label="Evolution stages">
            <button type="button" aria-label="Previous stage" title="Previous stage (←)"
                disabled=move || store.stage.get() == 0
                on:click=move |_| { store.playing.set(false); store.go_to(store.stage.get_untracked().saturating_sub(1)) }>"◀"</button>
            <ol class="scrubber">
                {move || names().into_iter().map(|(index, name, score)| {
                    view! {
                        <li>
                            <button type="button"
                                class:current=move || store.stage.get() == index
                                aria-current=move || (store.stage.get() == index).then_some("step")
                                on:click=move |_| { store.playing.set(false); store.go_to(index) }>
                                <span class="num">{index}</span>
                                <span class="name">{name}</span>
                                <span class=format!("chip {}", score_class(score))>{score}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <button type="button" aria-label="Next stage" title="Next stage (→)"
                disabled=at_end
                on:click=move |_| { store.playing.set(false); store.go_to(store.stage.get_untracked() + 1) }>"▶"</button>
            <button type="button" class="play"
                aria-label=move || if store.playing.get() { "Pause" } else { "Play" }
                aria-pressed=move || store.playing.get().to_string()
                on:click=move |_| {
                    if !store.playing.get_untracked() && store.stage.get_untracked() + 1 >= STAGES {
                        store.go_to(0);
                    }
                    store.playing.update(|p| *p = !*p)
                }>
                {move || if store.playing.get() { "❚❚ Pause" } else { "► Play" }}
            </button>
        </nav>
    }
}

/// The caption of the stage shown and its score change, over the graph.
#[component]
pub fn Caption() -> impl IntoView {
    let store = use_store();
    move || {
        let index = store.stage.get();
        store.analysis.with(|a| {
            let a = a.as_ref()?;
            let s = a.stage(index)?;
            let before = index.checked_sub(1).and_then(|i| a.stage(i)).map(|p| p.score.overall);
            let delta = before.map(|b| i32::from(s.score.overall) - i32::from(b));
            Some(view! {
                <div class="caption" aria-live="polite">
                    <span class="stage-label" data-testid="stage-label">{format!("Stage {index} · {}", s.stage.name)}</span>
                    <span class="stage-caption" data-testid="caption">{s.stage.caption.clone()}</span>
                    {delta.map(|d| view! {
                        <span class=delta_class(d)>
                            {format!("score {}{d} → {}", if d >= 0 { "+" } else { "" }, s.score.overall)}
                        </span>
                    })}
                </div>
            })
        })
    }
}

fn delta_class(delta: i32) -> &'static str {
    if delta > 0 {
        "delta up"
    } else {
        "delta"
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Findings listed per severity before a "Show all" button: a 600-table monolith has well over
/// a thousand, and drawing them all (ten elements each) cost more layout than the graph itself.
/// Every finding stays reachable: from its node in the graph, and with the button.
const LISTED_PER_SEVERITY: usize = 50;

/// One finding of the list: its rule, message and stage, a button that highlights its elements
/// and source lines, and why it matters; an accepted one says why it was accepted in its meta
/// line (text in the same element, so accepted findings cost the bundle no new view).
fn finding_item(store: Store, f: Finding) -> impl IntoView {
    let elements = f.elements.clone();
    let spans = f.spans.clone();
    let key = elements.clone();
    let active = move || store.focus.with(|x| !x.is_empty() && *x == key);
    // The stage meant to fix this kind of finding; one still listed at or after it, or still
    // found by it, is one that stage leaves (the story says why: a store Seams does not split,
    // a queue nobody publishes to), so an earlier stage promises the fix only if it is made.
    let left = store
        .analysis
        .with_untracked(|a| a.as_ref().is_some_and(|a| a.left_by_its_stage(&f)));
    let fixing = if left || usize::from(f.fixed_by_stage) <= store.stage.get_untracked() {
        "still open after stage"
    } else {
        "fixed at stage"
    };
    let stage = format!(
        "{fixing} {} · {}",
        f.fixed_by_stage,
        f.dimensions
            .iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (class, meta) = match &f.accepted {
        Some(reason) => (
            format!("finding {} accepted", severity_name(f.severity)),
            format!("Accepted: {reason} · {stage}"),
        ),
        None => (format!("finding {}", severity_name(f.severity)), stage),
    };
    view! {
        <li class=class data-rule=f.rule.as_str()>
            <button type="button" class="finding-button" class:active=active
                on:click=move |_| {
                    if store.focus.with_untracked(|x| *x == elements) {
                        store.focus.set(Vec::new());
                        store.focus_spans.set(Vec::new());
                    } else {
                        store.focus.set(elements.clone());
                        store.focus_spans.set(spans.clone());
                    }
                }>
                <span class="rule">{f.rule.as_str()}</span>
                <span class="message">{f.message.clone()}</span>
                <span class="meta">{meta}</span>
            </button>
            <details class="why">
                <summary>"Why it matters"</summary>
                <p>{explain(f.rule)}</p>
                <p class="source">{source(f.rule)}</p>
            </details>
        </li>
    }
}

/// The findings of the stage shown, grouped by severity, then the accepted ones apart (the
/// services file's `accept:`; not scored). Clicking one highlights its elements in the graph
/// and its source lines in the panes.
#[component]
pub fn FindingsList() -> impl IntoView {
    let store = use_store();
    let show_all = RwSignal::new(false);
    move || {
        let all = show_all.get();
        store.with_stage(|s| {
            if s.findings.is_empty() {
                return view! { <p class="empty">"No findings at this stage."</p> }.into_any();
            }
            // One group per severity of the open findings, then one of the accepted ones.
            let groups = [
                Some(Severity::Error),
                Some(Severity::Warning),
                Some(Severity::Info),
                None,
            ]
            .into_iter()
            .filter_map(|group| {
                let items: Vec<Finding> = s
                    .findings
                    .iter()
                    .filter(|f| match group {
                        Some(severity) => f.accepted.is_none() && f.severity == severity,
                        None => f.accepted.is_some(),
                    })
                    .cloned()
                    .collect();
                if items.is_empty() {
                    return None;
                }
                let count = items.len();
                let (class, heading) = match group {
                    Some(severity) => (
                        severity_name(severity),
                        format!("{} ({count})", severity_name(severity)),
                    ),
                    None => ("accepted", format!("accepted ({count}, not scored)")),
                };
                let hidden = if all {
                    0
                } else {
                    count.saturating_sub(LISTED_PER_SEVERITY)
                };
                let list = items
                    .into_iter()
                    .take(count - hidden)
                    .map(|f| finding_item(store, f))
                    .collect_view();
                Some(view! {
                    <h3 class=format!("group {class}")>{heading}</h3>
                    <ul class=format!("findings {class}-findings")>{list}</ul>
                    {(hidden > 0).then(|| view! {
                        <button type="button" class="show-all" on:click=move |_| show_all.set(true)>
                            {format!("Show all {count} ({hidden} more)")}
                        </button>
                    })}
                })
            })
            .collect_view();
            view! { <div class="findings-list">{groups}</div> }.into_any()
        })
    }
}

/// The story of the stage shown: narrative, changes, and the generated artifacts with copy and
/// download buttons.
#[component]
pub fn StagePanel() -> impl IntoView {
    let store = use_store();
    move || {
        store.with_stage(|s| {
            let narrative = s.stage.narrative.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view();
            let changes = s
                .stage
                .changes
                .iter()
                .take(200)
                .map(|c| {
                    let kind = format!("{:?}", c.kind).to_ascii_lowercase();
                    view! { <li class=format!("change {kind}")><span class="ck">{kind.clone()}</span>" "{c.element.clone()}<span class="reason">{format!(" — {}", c.reason)}</span></li> }
                })
                .collect_view();
            let artifacts = s
                .stage
                .artifacts
                .iter()
                .map(|a| {
                    let copy = a.content.clone();
                    let save = a.content.clone();
                    let name = a.file_name.clone();
                    view! {
                        <section class="artifact" data-artifact=a.key>
                            <header>
                                <h4>{a.title.clone()}</h4>
                                <button type="button" on:click=move |_| copy_text(&copy)>"Copy"</button>
                                <button type="button" on:click=move |_| download(&name, "text/plain", &save)>"Download"</button>
                            </header>
                            <pre><code>{a.content.clone()}</code></pre>
                        </section>
                    }
                })
                .collect_view();
            view! {
                <div class="stage-panel">
                    <h3>{s.stage.name}</h3>
                    <div class="narrative">{narrative}</div>
                    {(!s.stage.changes.is_empty()).then(|| view! {
                        <details class="changes"><summary>{format!("{} changes", s.stage.changes.len())}</summary><ul>{changes}</ul></details>
                    })}
                    {artifacts}
                </div>
            }
        })
    }
}

/// The side panel's tabs in order.
const TABS: [Tab; 3] = [Tab::Findings, Tab::Stage, Tab::Details];

/// The ARIA tabs pattern's keys on the tab list: ←/→ move to the previous/next tab (wrapping),
/// Home/End to the first/last; the tab moved to is selected and focused (roving tabindex).
fn on_tab_key(store: Store, ev: leptos::ev::KeyboardEvent) {
    let current = TABS
        .iter()
        .position(|t| *t == store.tab.get_untracked())
        .unwrap_or(0);
    let last = TABS.len() - 1;
    let next = match ev.key().as_str() {
        "ArrowRight" => {
            if current == last {
                0
            } else {
                current + 1
            }
        }
        "ArrowLeft" => {
            if current == 0 {
                last
            } else {
                current - 1
            }
        }
        "Home" => 0,
        "End" => last,
        _ => return,
    };
    ev.prevent_default();
    let Some(tab) = TABS.get(next) else { return };
    store.tab.set(*tab);
    let button = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|list| list.query_selector_all("[role=tab]").ok())
        .and_then(|buttons| buttons.get(next as u32))
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}

/// The side panel: tabs for findings, the stage's story, and the selected node's details.
#[component]
pub fn SidePanel(details: ViewFn) -> impl IntoView {
    let store = use_store();
    let tab_button = move |tab: Tab, label: &'static str| {
        let selected = move || store.tab.get() == tab;
        view! {
            <button type="button" role="tab" aria-selected=move || selected().to_string()
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| store.tab.set(tab)>{label}</button>
        }
    };
    view! {
        <aside class="side" id="side" aria-label="Findings and details">
            <div class="tabs" role="tablist" on:keydown=move |ev| on_tab_key(store, ev)>
                {tab_button(Tab::Findings, "Findings")}
                {tab_button(Tab::Stage, "Stage")}
                {tab_button(Tab::Details, "Details")}
            </div>
            <div class="tab-body" role="tabpanel">
                {move || match store.tab.get() {
                    Tab::Findings => view! { <FindingsList/> }.into_any(),
                    Tab::Stage => view! { <StagePanel/> }.into_any(),
                    Tab::Details => details.run(),
                }}
            </div>
        </aside>
    }
}
