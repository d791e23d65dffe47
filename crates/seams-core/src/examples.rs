//! The examples gallery: inputs that ship with Seams. The seed example (App A / App B sharing a
//! `users` table, `docs/evolution.md`) comes first and is what a first visit shows.
//!
//! The page lists [`GALLERY`] (titles and credits, no texts) and embeds only the seed's texts
//! ([`SEED`]): it fetches the other examples' files from `examples/<key>/` beside the page when
//! picked, which keeps their texts (over 100 KB raw) out of the wasm. Native code (the CLI,
//! tests) reads every example's texts from [`ALL`], [`by_key`] or [`texts`], which embed them:
//! the page must never call those, or the linker keeps every text.

/// What the gallery shows of an example before its texts are loaded: key, title and credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GalleryEntry {
    /// A short stable key (`seed`), used in links and as the folder name under `examples/`.
    pub key: &'static str,
    /// The title shown in the gallery.
    pub title: &'static str,
    /// One sentence on what it shows.
    pub blurb: &'static str,
    /// Where the schema comes from and under which licence.
    pub attribution: &'static str,
    /// Whether the example has a `models.py` (the Models pane); without one the pane is empty.
    pub has_models: bool,
}

impl GalleryEntry {
    /// The files of this example under `examples/<key>/`, in pane order (Schema, Services,
    /// then Models if the example has one), as the page fetches them.
    pub fn files(&self) -> &'static [&'static str] {
        if self.has_models {
            &["schema.sql", "services.yaml", "models.py"]
        } else {
            &["schema.sql", "services.yaml"]
        }
    }
}

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

impl Example {
    /// An example from its gallery entry and its three texts.
    const fn new(
        entry: GalleryEntry,
        schema: &'static str,
        services: &'static str,
        models: &'static str,
    ) -> Self {
        Example {
            key: entry.key,
            title: entry.title,
            blurb: entry.blurb,
            attribution: entry.attribution,
            schema,
            services,
            models,
        }
    }

    /// This example's gallery entry (what the page knows without its texts).
    pub fn entry(&self) -> GalleryEntry {
        GalleryEntry {
            key: self.key,
            title: self.title,
            blurb: self.blurb,
            attribution: self.attribution,
            has_models: !self.models.is_empty(),
        }
    }
}

const SEED_ENTRY: GalleryEntry = GalleryEntry {
    key: "seed",
    title: "App A / App B share a users table",
    blurb:
        "The classic shared database: two services, one users table, two copies of one ORM model.",
    attribution:
        "From the article “Designing Microservices with Proper Data Boundaries” (CC BY 4.0).",
    has_models: true,
};

const PAGILA_ENTRY: GalleryEntry = GalleryEntry {
    key: "pagila",
    title: "Pagila: a rental shop split into services",
    blurb: "Rental and payment both write rentals and payments; services read each other's tables; foreign keys and views cross owners.",
    attribution: "Schema: Pagila by Devrim Gündüz (github.com/devrimgunduz/pagila, pagila-schema.sql at eddcfc4513), PostgreSQL licence. Services file written for Seams.",
    has_models: false,
};

const CHINOOK_ENTRY: GalleryEntry = GalleryEntry {
    key: "chinook",
    title: "Chinook: a music store with a reporting service",
    blurb: "A reporting service reads every table, catalog and sales call each other in a cycle, and one event has no subscriber.",
    attribution: "Schema: Chinook by Luis Rocha (github.com/lerocha/chinook-database, Chinook_PostgreSql.sql at 7f67772503), MIT licence; data rows removed, DDL unchanged. Services file written for Seams.",
    has_models: false,
};

const NORTHWIND_ENTRY: GalleryEntry = GalleryEntry {
    key: "northwind",
    title: "Northwind: several databases, declared owners",
    blurb: "Orders and shipping share one database instance, purchasing reads a same-named replica on another host, and events go unanswered.",
    attribution: "Schema: Northwind by Microsoft, PostgreSQL port by pthom (github.com/pthom/northwind_psql, northwind.sql at cd0ef28d66), Ms-PL; data rows removed, DDL unchanged. Services file written for Seams.",
    has_models: false,
};

/// Every example's gallery entry, the seed first: what the page's gallery lists.
pub const GALLERY: &[GalleryEntry] = &[SEED_ENTRY, PAGILA_ENTRY, CHINOOK_ENTRY, NORTHWIND_ENTRY];

/// The gallery entry with key `key`.
pub fn entry(key: &str) -> Option<&'static GalleryEntry> {
    GALLERY.iter().find(|e| e.key == key)
}

/// The seed example: App A reads `users`; App B reads and writes `users` and `messages`; both
/// carry the same `User` model. Embedded in the page: a first visit shows it, offline too.
pub const SEED: Example = Example::new(
    SEED_ENTRY,
    include_str!("../../../examples/seed/schema.sql"),
    include_str!("../../../examples/seed/services.yaml"),
    include_str!("../../../examples/seed/models.py"),
);

/// Pagila (a DVD rental shop, PostgreSQL) split into rental, inventory, customer, payment and
/// reporting services that still share its tables. Native code only (the page fetches it).
pub const PAGILA: Example = Example::new(
    PAGILA_ENTRY,
    include_str!("../../../examples/pagila/schema.sql"),
    include_str!("../../../examples/pagila/services.yaml"),
    "",
);

/// Chinook (a digital music store, PostgreSQL) with catalog, sales, customers, hr and a
/// reporting service that reads everything. Native code only (the page fetches it).
pub const CHINOOK: Example = Example::new(
    CHINOOK_ENTRY,
    include_str!("../../../examples/chinook/schema.sql"),
    include_str!("../../../examples/chinook/services.yaml"),
    "",
);

/// Northwind (a food trading company, PostgreSQL) with orders, shipping, purchasing, hr and
/// marketing on several database instances, ownership declared for some tables. Native code
/// only (the page fetches it).
pub const NORTHWIND: Example = Example::new(
    NORTHWIND_ENTRY,
    include_str!("../../../examples/northwind/schema.sql"),
    include_str!("../../../examples/northwind/services.yaml"),
    "",
);

/// Every example with its texts, the seed first, in [`GALLERY`] order. Native code only: a
/// page that names this keeps every text in its wasm.
pub const ALL: &[Example] = &[SEED, PAGILA, CHINOOK, NORTHWIND];

/// The example with key `key`, texts included. Native code only (see [`ALL`]).
pub fn by_key(key: &str) -> Option<&'static Example> {
    ALL.iter().find(|e| e.key == key)
}

/// The texts of the example with key `key` (Schema, Services, Models). Native code only (see
/// [`ALL`]); the page fetches `examples/<key>/<file>` for each of [`GalleryEntry::files`].
pub fn texts(key: &str) -> Option<(&'static str, &'static str, &'static str)> {
    by_key(key).map(|e| (e.schema, e.services, e.models))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::findings::Rule;
    use crate::ingest::Inputs;
    use crate::pipeline::analyze;
    use crate::source::Pane;
    use std::collections::BTreeSet;

    /// Analyses `example` and checks: no error in the Services pane, at least `min_rules`
    /// distinct rules at stage 0, and every rule of `expected` among them.
    fn check(example: &Example, min_rules: usize, expected: &[Rule]) {
        let analysis = analyze(Inputs {
            schema: example.schema,
            services: example.services,
            models: example.models,
            dialect: None,
        });
        let errors: Vec<_> = analysis
            .architecture
            .diagnostics
            .iter()
            .filter(|d| d.pane() == Pane::Services && d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", example.key);
        let stage0 = analysis.stage(0).expect("stage 0");
        let rules: BTreeSet<Rule> = stage0.findings.iter().map(|f| f.rule).collect();
        for rule in expected {
            assert!(
                rules.contains(rule),
                "{}: no {} in {rules:?}",
                example.key,
                rule.as_str()
            );
        }
        assert!(
            rules.len() >= min_rules,
            "{}: {} distinct rules {rules:?}",
            example.key,
            rules.len()
        );
    }

    #[test]
    fn keys_are_unique_and_the_seed_comes_first() {
        assert_eq!(ALL.first().map(|e| e.key), Some("seed"));
        let keys: BTreeSet<&str> = ALL.iter().map(|e| e.key).collect();
        assert_eq!(keys.len(), ALL.len());
        assert!(ALL.len() >= 4);
        assert_eq!(by_key("chinook"), Some(&CHINOOK));
        assert_eq!(by_key("nope"), None);
    }

    #[test]
    fn the_gallery_lists_every_example_in_order_without_its_texts() {
        let entries: Vec<GalleryEntry> = ALL.iter().map(Example::entry).collect();
        assert_eq!(entries, GALLERY);
        assert_eq!(entry("northwind"), Some(&NORTHWIND_ENTRY));
        assert_eq!(entry("nope"), None);
        assert_eq!(SEED.entry(), SEED_ENTRY);
    }

    /// The files the page fetches for an example hold exactly its texts, pane by pane, and no
    /// other text file sits beside them (a `models.py` the gallery does not know of).
    #[test]
    fn the_files_the_page_fetches_are_the_examples_texts() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
        for example in ALL {
            let entry = example.entry();
            let panes = [example.schema, example.services, example.models];
            for (file, text) in entry.files().iter().zip(panes) {
                let on_disk =
                    std::fs::read_to_string(format!("{dir}{}/{file}", entry.key)).unwrap();
                assert_eq!(on_disk, text, "{}/{file}", entry.key);
            }
            let models = std::path::Path::new(&format!("{dir}{}/models.py", entry.key)).exists();
            assert_eq!(models, entry.has_models, "{}", entry.key);
            assert_eq!(
                texts(entry.key),
                Some((example.schema, example.services, example.models))
            );
        }
        assert_eq!(texts("nope"), None);
    }

    #[test]
    fn embedded_schemas_hold_ddl_without_data_rows() {
        for example in ALL {
            // Data rows are statements of their own; pagila's functions build INSERTs in strings.
            assert!(
                !example.schema.lines().any(|l| l.starts_with("INSERT INTO")),
                "{}",
                example.key
            );
            assert!(example.schema.len() < 100_000, "{}", example.key);
            assert!(!example.attribution.is_empty(), "{}", example.key);
        }
    }

    #[test]
    fn the_seed_shows_its_story() {
        check(&SEED, 3, &[Rule::ForeignRead, Rule::SharedDatabase]);
    }

    #[test]
    fn pagila_shows_shared_writes_and_crossing_owners() {
        check(
            &PAGILA,
            6,
            &[
                Rule::SharedWrite,
                Rule::AmbiguousOwner,
                Rule::ForeignRead,
                Rule::NoOwner,
                Rule::CrossOwnerFk,
                Rule::CrossOwnerView,
            ],
        );
    }

    #[test]
    fn chinook_shows_a_reader_of_everything_a_cycle_and_an_orphan_event() {
        check(
            &CHINOOK,
            5,
            &[
                Rule::ForeignRead,
                Rule::CallCycle,
                Rule::OrphanEvent,
                Rule::CrossOwnerFk,
                Rule::SharedDatabase,
            ],
        );
    }

    #[test]
    fn northwind_shows_databases_and_declared_owners() {
        check(
            &NORTHWIND,
            5,
            &[
                Rule::SharedWrite,
                Rule::SharedDatabase,
                Rule::OrphanEvent,
                Rule::ForeignRead,
                Rule::CrossOwnerFk,
            ],
        );
    }
}
