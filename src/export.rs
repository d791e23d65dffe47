//! Export of the stage shown: the SVG (self-contained: the core inlines its styles; under a title
//! block with the stage, score and caption, over a legend of its line styles), a PNG of it at
//! twice the size, the Mermaid flowchart, and the findings report as Markdown and JSON. Every
//! file is made by the core; the page only names it `seams-stage-N.*` and offers it as a
//! download.

use crate::panels::download;
use crate::store::{use_store, Store};
use leptos::prelude::*;
use seams_core::{mermaid, pipeline, report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The PNG's scale over the SVG's own size.
const PNG_SCALE: f64 = 2.0;

/// The longest PNG side in pixels (canvases fail beyond about 16k–32k pixels).
const PNG_MAX_SIDE: f64 = 16_384.0;

/// The most pixels a PNG gets (4,000 × 4,000: sharp on any slide): drawing and encoding take
/// time in proportion, and a 2× PNG of a 150-service stage held the page for 13 s.
const PNG_MAX_PIXELS: f64 = 16_000_000.0;

/// The file kinds the Export menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The picture as SVG.
    Svg,
    /// The picture as PNG at [`PNG_SCALE`].
    Png,
    /// The Mermaid flowchart.
    Mermaid,
    /// The findings report in Markdown.
    Markdown,
    /// The stage's score and findings as JSON (`seams evolve --format json`, one stage).
    Json,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 5] = [
        Format::Svg,
        Format::Png,
        Format::Mermaid,
        Format::Markdown,
        Format::Json,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Format::Svg => "SVG image",
            Format::Png => "PNG image (2×)",
            Format::Mermaid => "Mermaid flowchart (.mmd)",
            Format::Markdown => "Findings report (Markdown)",
            Format::Json => "Findings (JSON)",
        }
    }

    /// A short key (the file extension), for tests and styling.
    pub fn key(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Mermaid => "mmd",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    /// The file name for stage `stage`.
    pub fn file_name(self, stage: usize) -> String {
        match self {
            Format::Svg => format!("seams-stage-{stage}.svg"),
            Format::Png => format!("seams-stage-{stage}.png"),
            Format::Mermaid => format!("seams-stage-{stage}.mmd"),
            Format::Markdown => format!("seams-stage-{stage}-findings.md"),
            Format::Json => format!("seams-stage-{stage}-findings.json"),
        }
    }
}

/// Offers the stage shown as a file in `format`.
pub fn export(store: Store, format: Format) {
    let stage = store.stage.get_untracked();
    store.analysis.with_untracked(|analysis| {
        let Some(analysis) = analysis.as_ref() else {
            return;
        };
        let Some(view) = analysis.stage(stage) else {
            return;
        };
        let index = view.stage.index as usize;
        let name = format.file_name(index);
        match format {
            // The picture under its title block (stage, score, caption) and over its legend.
            Format::Svg | Format::Png => {
                let Some(framed) = pipeline::export_svg(analysis, index) else {
                    return;
                };
                if format == Format::Svg {
                    download(&name, "image/svg+xml", &framed.svg);
                } else {
                    download_png(&framed.svg, framed.width, framed.height, name);
                }
            }
            Format::Mermaid => download(
                &name,
                "text/plain",
                &mermaid::flowchart(view.scene(), &view.stage.architecture),
            ),
            Format::Markdown => download(
                &name,
                "text/markdown",
                &report::findings_markdown(analysis, index),
            ),
            Format::Json => download(
                &name,
                "application/json",
                &format!("{}\n", report::stage_json(view)),
            ),
        }
    });
}

/// Draws `svg` (of `width` × `height`) into a canvas at [`PNG_SCALE`] and offers the PNG.
fn download_png(svg: &str, width: f64, height: f64, name: String) {
    let scale = PNG_SCALE
        .min(PNG_MAX_SIDE / width.max(1.0))
        .min(PNG_MAX_SIDE / height.max(1.0))
        .min((PNG_MAX_PIXELS / (width.max(1.0) * height.max(1.0))).sqrt());
    let (w, h) = (
        (width * scale).round().max(1.0),
        (height * scale).round().max(1.0),
    );
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let source = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let Some(canvas) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        if context
            .draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, w, h)
            .is_err()
        {
            return;
        }
        let done = Closure::once_into_js(move |blob: JsValue| {
            if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                crate::panels::download_blob(&name, &blob);
            }
        });
        let _ = canvas.to_blob_with_type(done.unchecked_ref(), "image/png");
    });
    let source = url.clone();
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
}

/// The Export menu: one button per [`Format`].
#[component]
pub fn ExportMenu() -> impl IntoView {
    let store = use_store();
    let menu = NodeRef::<leptos::html::Details>::new();
    let pick = move |format: Format| {
        export(store, format);
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    view! {
        <details class="menu export-menu" node_ref=menu>
            <summary>"Export"</summary>
            <div class="menu-items">
                {Format::ALL
                    .into_iter()
                    .map(|format| view! {
                        <button type="button" data-export=format.key()
                            on:click=move |_| pick(format)>{format.label()}</button>
                    })
                    .collect_view()}
            </div>
        </details>
    }
}
