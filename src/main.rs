//! The Seams page: panic hook, mount. Components live in `app`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| leptos::view! { <p>"Seams"</p> });
}
