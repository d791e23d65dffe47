//! The examples gallery: inputs that ship with Seams. The seed example (App A / App B sharing a
//! `users` table, PRODUCT.md §9) comes first and is what a first visit shows.

/// One example: the three panes and a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// A short stable key (`seed`), used in links.
    pub key: &'static str,
    /// The title shown in the gallery.
    pub title: &'static str,
    /// One sentence on what it shows.
    pub blurb: &'static str,
    /// Where the schema comes from and under which licence.
    pub attribution: &'static str,
    /// The Schema pane.
    pub schema: &'static str,
    /// The Services pane.
    pub services: &'static str,
    /// The Models pane.
    pub models: &'static str,
}

/// The seed example: App A reads `users`; App B reads and writes `users` and `messages`; both
/// carry the same `User` model.
pub const SEED: Example = Example {
    key: "seed",
    title: "App A / App B share a users table",
    blurb:
        "The classic shared database: two services, one users table, two copies of one ORM model.",
    attribution:
        "From the article “Designing Microservices with Proper Data Boundaries” (CC BY 4.0).",
    schema: include_str!("../../../examples/seed/schema.sql"),
    services: include_str!("../../../examples/seed/services.yaml"),
    models: include_str!("../../../examples/seed/models.py"),
};

/// Every example, the seed first.
pub const ALL: &[Example] = &[SEED];

/// The example with key `key`.
pub fn by_key(key: &str) -> Option<&'static Example> {
    ALL.iter().find(|e| e.key == key)
}
