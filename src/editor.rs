//! An input pane: a textarea with a line-number gutter and a syntax-highlighted overlay, the
//! pane's diagnostics marked against their lines and listed below it (click one to jump to its
//! line), and a selected finding's source lines highlighted.
//!
//! The overlay is the classic technique: a `<pre aria-hidden>` behind a textarea whose text is
//! transparent (its caret is not), with the same font, padding and line height, both in one
//! scrolling box. The textarea stays the one accessible, focusable control. Only a window of
//! lines around the visible ones is highlighted ([`window_lines`]), and a long text's textarea
//! itself holds only such a window ([`crate::text_view`]). The core classifies the text with
//! the readers' own lexers ([`Highlighted`]), brought up to date on every edit; the page only
//! turns a window of its lines into spans.

use crate::store::use_store;
use crate::text_view::{
    scroll_to_line, window_lines, TextView, LINE_HEIGHT, PADDING as NUMBERS_PADDING,
};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use seams_core::highlight::{Highlighted, Language};
use seams_core::order::Collect;
use seams_core::{Diagnostic, Dialect, Pane, Severity};
use std::collections::BTreeMap;
use std::time::Duration;

/// Texts at least this long (bytes) are re-highlighted at most once per [`LARGE_TEXT_DEBOUNCE`].
const LARGE_TEXT: usize = 50_000;

/// How long an edit of a large text may wait before it is re-highlighted.
const LARGE_TEXT_DEBOUNCE: Duration = Duration::from_millis(50);

/// How a pane's text is read; `dialect`: the schema's (None: the core detects it).
fn language_of(pane: Pane, dialect: Option<Dialect>) -> Language {
    match pane {
        Pane::Schema => Language::Sql(dialect),
        Pane::Services => Language::Services,
        Pane::Models => Language::Models,
    }
}

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
    let scroller = NodeRef::<html::Div>::new();
    let view_text = TextView::new(pane, text, area, scroller);
    let gutter = NodeRef::<html::Div>::new();
    let diagnostics = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    // Each with the file and line it is in when the pane is made of files
                    // (the Models pane's `# path` headers).
                    a.architecture
                        .diagnostics
                        .iter()
                        .filter(|d| d.span.pane == pane)
                        .map(|d| {
                            let at = a.architecture.sources.locate(d.span);
                            let file = at.in_file().then(|| format!("{}:{}", at.file, at.line));
                            (d.clone(), file)
                        })
                        .collect::<Vec<(Diagnostic, Option<String>)>>()
                })
                .unwrap_or_default()
        })
    });
    let line_count = Memo::new(move |_| text.with(|t| seams_core::text_window::line_count(t)));
    // The whole text's height in pixels: the gutter's numbers and the scrolling box share it.
    let content_height = move || line_count.get() as f64 * LINE_HEIGHT + 2.0 * NUMBERS_PADDING;
    // The highlighted text: brought up to date on every edit, after a short pause for large
    // texts. The schema is read in the dialect the user chose, else the one the last analysis
    // detected (the core detects it itself before the first analysis).
    let dialect = Memo::new(move |_| {
        store.dialect.get().or_else(|| {
            store
                .analysis
                .with(|a| a.as_ref().map(|a| a.architecture.dialect))
        })
    });
    let document = RwSignal::new(
        text.with_untracked(|t| Highlighted::new(language_of(pane, dialect.get_untracked()), t)),
    );
    // Re-highlighting re-reads only around the edit (see `Highlighted::edited`). A large text
    // is re-highlighted at most once per LARGE_TEXT_DEBOUNCE while typing (a throttle, so typed
    // characters never stay invisible for longer than that).
    // A change of more than a stride (a paste) is highlighted anew a piece per task, the
    // last highlighting staying meanwhile; a later change drops it (`rebuilds` counts them).
    let pending = StoredValue::new(false);
    let rebuilds = StoredValue::new(0u64);
    let rebuild = move || {
        pending.set_value(false);
        let language = language_of(pane, dialect.get_untracked());
        let turn = rebuilds.get_value().wrapping_add(1);
        rebuilds.set_value(turn);
        let large = text.with_untracked(|t| {
            document.with_untracked(|doc| doc.changed_bytes(t) > seams_core::pace::STRIDE)
        });
        if !large {
            document.update(|doc| *doc = text.with_untracked(|t| doc.edited(language, t)));
            return;
        }
        let whole = text.get_untracked();
        leptos::task::spawn_local(async move {
            let fresh = crate::store::in_pieces(Highlighted::new_paced(language, &whole)).await;
            if rebuilds.get_value() == turn {
                document.set(fresh);
            }
        });
    };
    Effect::new(move |previous: Option<()>| {
        let length = text.with(String::len);
        dialect.track();
        if previous.is_none() {
            return;
        }
        if length < LARGE_TEXT {
            rebuild();
        } else if !pending.get_value() {
            pending.set_value(true);
            set_timeout(rebuild, LARGE_TEXT_DEBOUNCE);
        }
    });
    // The pane's scroll offset from the top, in pixels (the textarea and the overlay scroll
    // together inside `.code`; the gutter and the highlighted window follow this).
    let scroll = RwSignal::new(0i32);
    let window = Memo::new(move |_| window_lines(scroll.get(), view_text.visible_lines()));
    // The gutter's line numbers, only for the window's lines (like the highlighting): the
    // numbers of a 40,000-line paste took 175 ms of layout, again whenever the count changed.
    // The column keeps the whole text's height, so it scrolls with the textarea as before.
    let numbers = move || {
        let (first, last) = window.get();
        let last = last.min(line_count.get());
        let mut s = String::new();
        for i in first + 1..=last {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    };
    let numbers_box = move || {
        let top = window.get().0 as f64 * LINE_HEIGHT + NUMBERS_PADDING;
        format!(
            "padding-top:{}px;height:{}px",
            seams_core::scene::num(top),
            seams_core::scene::num(content_height())
        )
    };
    // Worst diagnostic per 0-based line (errors and warnings only).
    let marked_lines = Memo::new(move |_| {
        let mut marks: BTreeMap<usize, &'static str> = BTreeMap::new();
        for (d, _) in diagnostics.get() {
            let line = (d.span.line as usize).saturating_sub(1);
            match d.severity {
                Severity::Error => {
                    marks.insert(line, "error");
                }
                Severity::Warning => {
                    marks.entry(line).or_insert("warning");
                }
                Severity::Info => {}
            }
        }
        marks
    });
    // A selected finding's source lines in this pane (0-based).
    let focus_lines = Memo::new(move |_| {
        store.focus_spans.with(|spans| {
            spans
                .iter()
                .filter(|s| s.pane == pane)
                .map(|s| (s.line as usize).saturating_sub(1))
                .collect_set()
        })
    });
    let sync_scroll = move || {
        let (Some(area), Some(pane_box)) = (area.get_untracked(), scroller.get_untracked()) else {
            return;
        };
        if let Some(held) = view_text.held_top() {
            if pane_box.scroll_top() != held {
                pane_box.set_scroll_top(held);
            }
        }
        let top = pane_box.scroll_top();
        view_text.measured(pane_box.client_height(), top);
        view_text.follow_scroll(&area, top);
        if let Some(gutter) = gutter.get_untracked() {
            gutter.set_scroll_top(top);
        }
        if scroll.get_untracked() != top {
            scroll.set(top);
        }
    };
    // Selecting a finding scrolls its first source line in this pane into view.
    Effect::new(move |_| {
        let Some(first) = focus_lines.with(|lines| lines.first().copied()) else {
            return;
        };
        if let Some(pane_box) = scroller.get_untracked() {
            pane_box.set_scroll_top(scroll_to_line(first));
            sync_scroll();
        }
    });
    // The highlighted lines sit where the window's first line is in the pane.
    let overlay_top = move || {
        let top = window.get().0 as f64 * LINE_HEIGHT;
        format!("top:{}px", seams_core::scene::num(top))
    };
    // The pane's scrollable area: as tall as the whole text, as wide as its widest line shown.
    let sizer = move || {
        format!(
            "height:{}px;width:{}px",
            seams_core::scene::num(content_height()),
            view_text.content_width()
        )
    };
    let highlighted_lines = move || {
        let (first, last) = window.get();
        let marks = marked_lines.get();
        let focus = focus_lines.get();
        document.with(|doc| {
            (first..last.min(doc.line_count()))
                .map(|index| {
                    let mut class = String::from("hl-line");
                    if let Some(severity) = marks.get(&index) {
                        class.push(' ');
                        class.push_str(severity);
                    }
                    if focus.contains(&index) {
                        class.push_str(" focus");
                    }
                    let pieces = doc
                        .pieces(index)
                        .into_iter()
                        .map(|(css, piece)| match css {
                            Some(css) => {
                                Either::Left(view! { <span class=css>{piece.to_string()}</span> })
                            }
                            None => Either::Right(piece.to_string()),
                        })
                        .collect_view();
                    view! { <div class=class>{pieces}</div> }
                })
                .collect_view()
        })
    };
    let jump = move |line: u32| {
        let Some(area) = area.get() else { return };
        focus_without_scroll(&area);
        view_text.go_to_line(line.saturating_sub(1) as usize);
        sync_scroll();
    };
    // Ctrl+Space in the Services pane: the candidates of the last completion, shown under it.
    let offered: RwSignal<Option<(Vec<String>, usize)>> = RwSignal::new(None);
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if view_text.key(&ev) {
            sync_scroll();
            return;
        }
        if pane != Pane::Services || ev.key() != " " || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        ev.prevent_default();
        let Some(el) = area.get_untracked() else {
            return;
        };
        if complete_in(&el, store, offered) {
            view_text.take_page_edit(&el);
        }
    };
    // A paste that replaces the whole Schema pane (everything selected, or an empty pane) is a
    // new schema: crate::first_steps takes the example's other panes with it. (A paste of an
    // empty clipboard gives no input; the next edit then replaces the selected whole instead.)
    // A paste into a long text is made by `TextView::paste` itself, with no input event.
    let pasting_whole = StoredValue::new(false);
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let pasted = view_text.paste(&el, &ev);
        sync_scroll();
        let whole = pane == Pane::Schema && pasted.whole;
        if pasted.made && whole {
            crate::first_steps::schema_replaced(store);
        }
        pasting_whole.set_value(!pasted.made && whole);
    };
    let on_copy = move |ev: web_sys::ClipboardEvent| {
        if let Some(el) = area.get_untracked() {
            if view_text.copy_whole(&el, &ev) {
                sync_scroll();
            }
        }
    };
    // The textarea owns its text while the user types; the signal only pushes text into it when
    // it changed from elsewhere (an example, a share link), so a keystroke never re-sets a large
    // value (which costs time and moves the caret).
    Effect::new(move |_| {
        text.track();
        if view_text.take_typed() {
            return;
        }
        if area.get().is_some() {
            view_text.replaced();
            // Read the scroll offsets in the next frame, not now: a new text usually comes with
            // a new picture in the same task, and reading `scrollTop` here forced the browser
            // to lay out the whole page inside that task (50-80 ms for a gallery example).
            request_animation_frame(sync_scroll);
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
                        let errors = d.iter().filter(|(d, _)| d.severity == Severity::Error).count();
                        let warnings = d.iter().filter(|(d, _)| d.severity == Severity::Warning).count();
                        match (errors, warnings) {
                            (0, 0) => String::new(),
                            (e, w) => format!("{e} errors, {w} warnings"),
                        }
                    }}
                </span>
                {(pane == Pane::Services).then(|| view! {
                    <button type="button" class="pane-action" data-testid="draft-services"
                        title="Replace this pane with services drafted from the Schema pane's tables"
                        on:click=move |_| crate::first_steps::draft_services(store)>"Draft from schema"</button>
                })}
            </header>
            <div class="editor">
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    <pre class="numbers" style=numbers_box>{numbers}</pre>
                    {move || {
                        diagnostics
                            .get()
                            .into_iter()
                            .take(500)
                            .map(|(d, _)| {
                                let top = (f64::from(d.span.line) - 1.0) * LINE_HEIGHT + 6.0;
                                view! {
                                    <span
                                        class=format!("mark {}", severity_class(d.severity))
                                        style=format!("top:{}px", seams_core::scene::num(top))
                                        title=d.message.clone()
                                    ></span>
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <div class="code" node_ref=scroller on:scroll=move |_| sync_scroll()>
                <div class="sizer" style=sizer>
                <pre class="highlight" aria-hidden="true" style=overlay_top>{highlighted_lines}</pre>
                <textarea
                    id=id.clone()
                    node_ref=area
                    aria-label=label
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    placeholder=placeholder
                    on:beforeinput=move |ev: web_sys::InputEvent| {
                        if let Some(el) = area.get_untracked() {
                            if view_text.history_input(&ev) {
                                sync_scroll();
                            } else {
                                view_text.begin_edit(&el);
                            }
                        }
                    }
                    on:input=move |_| {
                        offered.set(None);
                        if let Some(el) = area.get_untracked() {
                            view_text.take_edit(&el);
                        }
                        if pasting_whole.get_value() {
                            pasting_whole.set_value(false);
                            crate::first_steps::schema_replaced(store);
                        }
                    }
                    on:paste=on_paste
                    on:copy=on_copy
                    on:cut=on_copy
                    on:pointerdown=move |_| view_text.pointer_down()
                    on:focus=move |_| view_text.focused()
                    on:keydown=on_keydown
                    on:scroll=move |_| view_text.hold_still()
                ></textarea>
                </div>
                </div>
            </div>
            {move || offered.get().map(|(names, matched)| view! {
                <p class="completions" role="status" data-testid="completions">
                    {match (names.len(), matched) {
                        (0, _) => "Ctrl+Space: no table, service or topic begins so".to_string(),
                        (shown, all) if all > shown => format!("{} (+{} more)", names.join(" · "), all - shown),
                        _ => names.join(" · "),
                    }}
                </p>
            })}
            <ul class="diagnostics" aria-label=format!("{label} diagnostics")>
                {move || {
                    let list = diagnostics.get();
                    let more = list.len().saturating_sub(MAX_LISTED);
                    let items = list
                        .into_iter()
                        .take(MAX_LISTED)
                        .map(|(d, file)| {
                            let line = d.span.line;
                            view! {
                                <li class=severity_class(d.severity)>
                                    <button class="diag" on:click=move |_| jump(line)>
                                        <span class="where">{match file {
                                            Some(file) => format!("{}:{} · {file}", d.span.line, d.span.column),
                                            None => format!("{}:{}", d.span.line, d.span.column),
                                        }}</span>
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

/// Focuses `area` without scrolling the pane to the textarea's top (the caller scrolls).
fn focus_without_scroll(area: &web_sys::HtmlTextAreaElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = area.focus_with_options(&options);
}

/// Candidates shown under the Services pane after Ctrl+Space.
const COMPLETIONS_SHOWN: usize = 8;

/// Completes the name before the caret of `el` with the tables, views, services and topics the
/// core knows (`seams_core::completion`), writes it into the textarea and lists the
/// candidates. Returns whether it wrote (the caller takes the edit into the pane's text).
fn complete_in(
    el: &web_sys::HtmlTextAreaElement,
    store: crate::store::Store,
    offered: RwSignal<Option<(Vec<String>, usize)>>,
) -> bool {
    let value = el.value();
    // The caret as a byte offset (the DOM counts UTF-16 units).
    let caret_units = el.selection_start().ok().flatten().unwrap_or(0) as usize;
    let mut units = 0;
    let caret = value
        .char_indices()
        .find(|(_, c)| {
            let here = units >= caret_units;
            units += c.len_utf16();
            here
        })
        .map_or(value.len(), |(i, _)| i);
    let names = store.analysis.with_untracked(|a| {
        a.as_ref()
            .map(|a| seams_core::completion::names(&a.architecture))
            .unwrap_or_default()
    });
    let Some(found) = seams_core::completion::complete(&value, caret, &names, COMPLETIONS_SHOWN)
    else {
        offered.set(Some((Vec::new(), 0)));
        return false;
    };
    let (Some(head), Some(tail)) = (value.get(..found.start), value.get(caret..)) else {
        return false;
    };
    let written = format!("{head}{}{tail}", found.text);
    let at = (head.encode_utf16().count() + found.text.encode_utf16().count()) as u32;
    el.set_value(&written);
    let _ = el.set_selection_range(at, at);
    offered.set(Some((found.candidates, found.matched)));
    true
}
