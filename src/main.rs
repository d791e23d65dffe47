//! The Seams page: panic hook, mount. Components live in `app` and its siblings.

mod app;
mod editor;
mod graph_view;
mod inspector;
mod panels;
mod search;
mod store;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
