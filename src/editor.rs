//! An input pane: a plain textarea with a line-number gutter, the pane's diagnostics marked
//! against their lines and listed below it (click one to jump to its line).

use crate::store::use_store;
use leptos::html;
use leptos::prelude::*;
use seams_core::{Diagnostic, Pane, Severity};

/// Height of one line in the editor, in pixels (must match `styles/main.css`).
const LINE_HEIGHT: f64 = 18.0;

/// Most diagnostics listed under a pane; the rest are counted.
const MAX_LISTED: usize = 50;

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One editor pane named `label` (its accessible name) editing `text`.
#[component]
pub fn Editor(
    label: &'static str,
    pane: Pane,
    text: RwSignal<String>,
    placeholder: &'static str,
) -> impl IntoView {
    let store = use_store();
    let area = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Div>::new();
    let diagnostics = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.architecture
                        .diagnostics
                        .iter()
                        .filter(|d| d.span.pane == pane)
                        .cloned()
                        .collect::<Vec<Diagnostic>>()
                })
                .unwrap_or_default()
        })
    });
    let line_count = Memo::new(move |_| {
        text.with(|t| t.lines().count().max(1) + usize::from(t.ends_with('\n')))
    });
    let numbers = move || {
        let n = line_count.get();
        let mut s = String::with_capacity(n * 5);
        for i in 1..=n {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    };
    let sync_scroll = move |_| {
        if let (Some(area), Some(gutter)) = (area.get(), gutter.get()) {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    let jump = move |line: u32| {
        let Some(area) = area.get() else { return };
        let offset: usize = text.with_untracked(|t| {
            t.split_inclusive('\n')
                .take(line.saturating_sub(1) as usize)
                .map(|l| l.encode_utf16().count())
                .sum()
        });
        let _ = area.focus();
        let _ = area.set_selection_range(offset as u32, offset as u32);
        area.set_scroll_top(((f64::from(line) - 3.0).max(0.0) * LINE_HEIGHT) as i32);
    };
    // The textarea owns its text while the user types; the signal only pushes text into it when
    // it changed from elsewhere (an example, a share link), so a keystroke never re-sets a large
    // value (which costs time and moves the caret).
    let typed = StoredValue::new(false);
    Effect::new(move |_| {
        text.track();
        if typed.get_value() {
            typed.set_value(false);
            return;
        }
        if let Some(area) = area.get() {
            text.with_untracked(|t| area.set_value(t));
        }
    });
    let id = format!("pane-{}", pane.as_str());
    view! {
        <section class="pane" aria-labelledby=format!("{id}-title")>
            <header class="pane-head">
                <h2 id=format!("{id}-title")>{label}</h2>
                <span class="pane-count">
                    {move || {
                        let d = diagnostics.get();
                        let errors = d.iter().filter(|d| d.severity == Severity::Error).count();
                        let warnings = d.iter().filter(|d| d.severity == Severity::Warning).count();
                        match (errors, warnings) {
                            (0, 0) => String::new(),
                            (e, w) => format!("{e} errors, {w} warnings"),
                        }
                    }}
                </span>
            </header>
            <div class="editor">
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    <pre class="numbers">{numbers}</pre>
                    {move || {
                        diagnostics
                            .get()
                            .into_iter()
                            .take(500)
                            .map(|d| {
                                let top = (f64::from(d.span.line) - 1.0) * LINE_HEIGHT + 6.0;
                                view! {
                                    <span
                                        class=format!("mark {}", severity_class(d.severity))
                                        style=format!("top:{top}px")
                                        title=d.message.clone()
                                    ></span>
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <textarea
                    id=id.clone()
                    node_ref=area
                    aria-label=label
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    placeholder=placeholder
                                        on:input=move |ev| {
                        typed.set_value(true);
                        text.set(event_target_value(&ev));
                    }
                    on:scroll=sync_scroll
                ></textarea>
            </div>
            <ul class="diagnostics" aria-label=format!("{label} diagnostics")>
                {move || {
                    let list = diagnostics.get();
                    let more = list.len().saturating_sub(MAX_LISTED);
                    let items = list
                        .into_iter()
                        .take(MAX_LISTED)
                        .map(|d| {
                            let line = d.span.line;
                            view! {
                                <li class=severity_class(d.severity)>
                                    <button class="diag" on:click=move |_| jump(line)>
                                        <span class="where">{format!("{}:{}", d.span.line, d.span.column)}</span>
                                        " "
                                        <span class="msg">{d.message.clone()}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        {items}
                        {(more > 0).then(|| view! { <li class="more">{format!("…and {more} more")}</li> })}
                    }
                }}
            </ul>
        </section>
    }
}
