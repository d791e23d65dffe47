//! The Seams page: panic hook, mount. Components live in `app` and its siblings; `?embed=1`
//! mounts the read-only embedded view instead.

mod app;
mod crash_overlay;
mod editor;
mod embed;
mod export;
mod first_steps;
mod gallery;
mod graph_view;
mod inspector;
mod open_folder;
mod panels;
mod persist;
mod picture_canvas;
mod search;
mod share_link;
mod store;
mod text_view;
mod work_notices;

fn main() {
    crash_overlay::install();
    match embed::requested() {
        Some(options) => leptos::mount::mount_to_body(
            move || leptos::prelude::view! { <embed::EmbedApp options/> },
        ),
        None => leptos::mount::mount_to_body(app::App),
    }
    if crash_overlay::panic_test_requested() {
        crash_overlay::run_panic_test();
    }
}
