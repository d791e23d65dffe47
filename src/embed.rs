//! Embed mode and the Embed dialog.
//!
//! `?embed=1` with a share link's fragment shows only the graph, the stepper (unless
//! `controls=0`) and an "Open in Seams" link, read-only, filling its iframe. `stage=N` picks
//! the stage and `theme=light|dark` the theme (both override the link's). The Embed dialog of
//! the full page hands out a ready `<iframe>` snippet and a Markdown snippet (an exported SVG
//! linking to the app, since Markdown renderers such as GitHub's cannot run the app).

use crate::export::{export, Format};
use crate::graph_view::GraphView;
use crate::panels::{Caption, Stepper};
use crate::persist::{snapshot, theme_is_dark, Startup};
use crate::share_link::{CopyButton, LinkBanner, LinkProblem};
use crate::store::{use_store, Store};
use leptos::html;
use leptos::prelude::*;
use seams_core::share;

/// The options of embed mode, read from the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `stage=N`: the stage to show first.
    pub stage: Option<usize>,
    /// `theme=light|dark`: Some(true) for dark.
    pub dark: Option<bool>,
    /// `theme=auto`: the reader's system theme, followed while it changes.
    pub auto_theme: bool,
    /// `controls=0` hides the stepper.
    pub controls: bool,
}

/// The embed options if the page was opened with `embed=1`.
pub fn requested() -> Option<EmbedOptions> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    if params.get("embed").as_deref() != Some("1") {
        return None;
    }
    Some(EmbedOptions {
        stage: params.get("stage").and_then(|s| s.trim().parse().ok()),
        dark: theme_is_dark(params.get("theme").as_deref()),
        auto_theme: params.get("theme").as_deref() == Some("auto"),
        controls: params.get("controls").as_deref() != Some("0"),
    })
}

/// The page's address without query or fragment.
fn base_url() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.origin().ok()?,
        location.pathname().ok()?
    ))
}

/// Escapes text for an HTML attribute value in double quotes.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes the characters that would end a Markdown link destination early.
fn markdown_url(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// The embedded view: graph, stepper, "Open in Seams". No editors exist in this mode.
#[component]
pub fn EmbedApp(options: EmbedOptions) -> impl IntoView {
    let start = Startup::read_link_only();
    let store = start.store();
    provide_context(store);
    provide_context(LinkProblem(RwSignal::new(start.problem.clone())));
    if let Some(stage) = options.stage {
        store.go_to(stage);
    }
    let system = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let prefers_dark = system.as_ref().is_some_and(|m| m.matches());
    // `theme=auto` follows the system over the link's theme, also when it changes later.
    let link_theme = (!options.auto_theme)
        .then(|| theme_is_dark(start.state.theme.as_deref()))
        .flatten();
    let dark = options.dark.or(link_theme).unwrap_or(prefers_dark);
    store.dark.set(dark);
    set_root_attribute("data-theme", if dark { "dark" } else { "light" });
    set_root_attribute("data-embed", "true");
    if let (true, Some(system)) = (options.auto_theme, system) {
        let query = system.clone();
        let follow = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let dark = query.matches();
            store.dark.set(dark);
            set_root_attribute("data-theme", if dark { "dark" } else { "light" });
        });
        system.set_onchange(Some(wasm_bindgen::JsCast::unchecked_ref(follow.as_ref())));
        // The page lives as long as the listener: the closure is never freed.
        follow.forget();
    }

    // The full page at the stage shown: the same state, without the embed options.
    let open = move || {
        store.stage.track();
        let encoded = share::encode(&snapshot(store));
        let base = base_url().unwrap_or_default();
        if share::fits(&encoded) {
            format!("{base}#{encoded}")
        } else {
            base
        }
    };

    // A resized iframe fits the graph again: the graph's frame watches its own size.
    view! {
        <style>{seams_core::svg::STYLE}</style>
        <div class="embed" data-testid="embed">
            <LinkBanner/>
            {options.controls.then(|| view! { <div class="embed-bar"><Stepper/></div> })}
            <Caption/>
            <div class="embed-graph"><GraphView/></div>
            <a class="open-in-seams" href=open target="_blank" rel="noopener">"Open in Seams ↗"</a>
        </div>
    }
}

/// The snippets for the stage shown, or why there are none.
struct Snippets {
    iframe: String,
    markdown: String,
    svg_name: String,
}

fn snippets(store: Store) -> Result<Snippets, String> {
    let encoded = share::encode(&snapshot(store));
    if !share::fits(&encoded) {
        return Err(format!(
            "This input is too long for a link ({} characters; at most {}): export the SVG instead.",
            encoded.len(),
            share::MAX_FRAGMENT_BYTES
        ));
    }
    let base = base_url().ok_or_else(|| "No address to link to.".to_string())?;
    let (index, name) = store
        .analysis
        .with_untracked(|a| {
            a.as_ref()
                .and_then(|a| a.stage(store.stage.get_untracked()))
                .map(|s| (s.stage.index as usize, s.stage.name))
        })
        .unwrap_or((0, "as is"));
    let title = format!("Seams: stage {index} — {name}");
    let src = format!("{base}?embed=1&stage={index}#{encoded}");
    let app = format!("{base}#{encoded}");
    let svg_name = Format::Svg.file_name(index);
    Ok(Snippets {
        iframe: format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\" allow=\"fullscreen\"></iframe>",
            attribute(&src),
            attribute(&title)
        ),
        markdown: format!(
            "[![{}]({svg_name})]({})",
            seams_core::report::markdown_text(&title),
            markdown_url(&app)
        ),
        svg_name,
    })
}

/// The header's "Embed" button and its dialog with the iframe and Markdown snippets.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let store = use_store();
    let dialog = NodeRef::<html::Dialog>::new();
    let open = RwSignal::new(false);
    let show = move |_| {
        open.set(true);
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let body = move || {
        if !open.get() {
            return None;
        }
        store.stage.track();
        Some(match snippets(store) {
            Err(message) => {
                view! { <p class="embed-problem" role="status">{message}</p> }.into_any()
            }
            Ok(s) => {
                let iframe = s.iframe.clone();
                let markdown = s.markdown.clone();
                view! {
                    <section class="snippet">
                        <h3>"Web page or wiki (iframe)"</h3>
                        <p>"Shows this stage read-only, with the stepper; readers can open it in Seams."</p>
                        <pre data-testid="iframe-snippet"><code>{s.iframe}</code></pre>
                        <CopyButton label="Copy iframe" text=Callback::new(move |()| Ok(iframe.clone()))/>
                    </section>
                    <section class="snippet">
                        <h3>"Markdown (README, GitHub)"</h3>
                        <p>
                            "GitHub and other Markdown renderers cannot run the app, so this shows an exported picture that links to it: save "
                            <code>{s.svg_name.clone()}</code>
                            " next to your Markdown file."
                        </p>
                        <pre data-testid="markdown-snippet"><code>{s.markdown}</code></pre>
                        <CopyButton label="Copy Markdown" text=Callback::new(move |()| Ok(markdown.clone()))/>
                        <button type="button" on:click=move |_| export(store, Format::Svg)>{format!("Download {}", s.svg_name)}</button>
                    </section>
                }
                .into_any()
            }
        })
    };
    view! {
        <button type="button" on:click=show>"Embed"</button>
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title" on:close=move |_| open.set(false)>
            <header>
                <h2 id="embed-title">"Embed this stage"</h2>
                <form method="dialog"><button type="submit" aria-label="Close">"×"</button></form>
            </header>
            {body}
        </dialog>
    }
}
