//! The examples gallery: inputs that ship with Seams. The seed example (App A / App B sharing a
//! `users` table, `docs/evolution.md`) comes first and is what a first visit shows.
//!
//! The page lists [`GALLERY`] (titles and credits, no texts) and embeds only the seed's texts
//! ([`SEED`]): it fetches the other examples' files from `examples/<key>/` beside the page when
//! picked, which keeps their texts (about 240 KB raw) out of the wasm. Native code (the CLI,
//! tests) reads every example's texts from [`ALL`], [`by_key`] or [`texts`], which embed them:
//! the page must never call those, or the linker keeps every text.
//!
//! Every example but the seed was written for Seams, schema and services file alike; each tells
//! one architecture story, told in its services file's header and pinned by the tests below.

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

const FREIGHT_ENTRY: GalleryEntry = GalleryEntry {
    key: "freight",
    title: "Kestrel Freight: a monolith carved into ten services",
    blurb: "A parcel carrier's pg_dump: owners declared, GRANTs that disagree with what services do, a drifted copy of a model, scans partitioned by month, views across four owners, a legacy schema nobody claims.",
    attribution: "Written for Seams (MIT).",
    has_models: true,
};

const MARKETPLACE_ENTRY: GalleryEntry = GalleryEntry {
    key: "marketplace",
    title: "Makers' Row: a marketplace that already calls and publishes",
    blurb: "A mysqldump: checkout and payments call each other in a cycle, checkout reserves stock that catalog owns, one event goes unheard and another never comes.",
    attribution: "Written for Seams (MIT).",
    has_models: false,
};

const CLINIC_ENTRY: GalleryEntry = GalleryEntry {
    key: "clinic",
    title: "Riverside Health: clinics on three SQL Server instances",
    blurb: "A SQL Server deployment script: five services share one instance, the lab on its own server still writes the clinic's tables, the portal edits contacts its role may only read, event names drifted apart.",
    attribution: "Written for Seams (MIT).",
    has_models: false,
};

const LARDER_ENTRY: GalleryEntry = GalleryEntry {
    key: "larder",
    title: "Larder: groceries on two PostgreSQL databases, MongoDB and Redis",
    blurb: "Four stores: ordering reserves stock in the warehouse's database, payments reads orders, pricing reads the MongoDB catalogue, cart and auth share Redis keys, and the storefront touches no store at all.",
    attribution: "Written for Seams (MIT).",
    has_models: false,
};

/// Every example's gallery entry, the seed first: what the page's gallery lists.
pub const GALLERY: &[GalleryEntry] = &[
    SEED_ENTRY,
    FREIGHT_ENTRY,
    MARKETPLACE_ENTRY,
    CLINIC_ENTRY,
    LARDER_ENTRY,
];

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

/// Kestrel Freight (a parcel carrier, PostgreSQL `pg_dumpall` output, 78 tables) carved into ten
/// services that still share its database; tracking keeps its own copy of booking's `Shipment`
/// model. Native code only (the page fetches it).
pub const FREIGHT: Example = Example::new(
    FREIGHT_ENTRY,
    include_str!("../../../examples/freight/schema.sql"),
    include_str!("../../../examples/freight/services.yaml"),
    include_str!("../../../examples/freight/models.py"),
);

/// Makers' Row (a marketplace for handmade goods, `mysqldump` output) with nine services that
/// call and publish, plus a finance report. Native code only (the page fetches it).
pub const MARKETPLACE: Example = Example::new(
    MARKETPLACE_ENTRY,
    include_str!("../../../examples/marketplace/schema.sql"),
    include_str!("../../../examples/marketplace/services.yaml"),
    "",
);

/// Riverside Health (outpatient clinics, an SSMS-generated T-SQL script) with seven services on
/// three database instances. Native code only (the page fetches it).
pub const CLINIC: Example = Example::new(
    CLINIC_ENTRY,
    include_str!("../../../examples/clinic/schema.sql"),
    include_str!("../../../examples/clinic/services.yaml"),
    "",
);

/// Larder (grocery delivery) on four stores: two PostgreSQL databases in `-- database:` sections
/// of one schema, a MongoDB catalogue and a Redis cache declared in the services file. Native
/// code only (the page fetches it).
pub const LARDER: Example = Example::new(
    LARDER_ENTRY,
    include_str!("../../../examples/larder/schema.sql"),
    include_str!("../../../examples/larder/services.yaml"),
    "",
);

/// Every example with its texts, the seed first, in [`GALLERY`] order. Native code only: a
/// page that names this keeps every text in its wasm.
pub const ALL: &[Example] = &[SEED, FREIGHT, MARKETPLACE, CLINIC, LARDER];

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
    use crate::findings::{Finding, Rule};
    use crate::ingest::Inputs;
    use crate::model::Dialect;
    use crate::order::Collect;
    use crate::pipeline::{analyze, Analysis};
    use crate::source::Pane;
    use std::collections::{BTreeMap, BTreeSet};

    fn analysis(example: &Example) -> Analysis {
        analyze(Inputs {
            schema: example.schema,
            services: example.services,
            models: example.models,
            dialect: None,
            sources: None,
        })
    }

    /// What an example's schema holds, counted from the model.
    #[derive(Debug, PartialEq)]
    struct Counts {
        dialect: Dialect,
        tables: usize,
        partitions: usize,
        views: usize,
        foreign_keys: usize,
        roles: usize,
        grants: usize,
        services: usize,
        databases: usize,
        topics: usize,
    }

    fn counts(analysis: &Analysis) -> Counts {
        let a = &analysis.architecture;
        let declared: Vec<_> = a
            .tables
            .iter()
            .filter(|t| t.span.pane == Pane::Schema)
            .collect();
        Counts {
            dialect: a.dialect,
            tables: declared.len(),
            partitions: declared.iter().filter(|t| t.partition_of.is_some()).count(),
            views: a.views.len(),
            foreign_keys: declared.iter().map(|t| t.foreign_keys.len()).sum(),
            roles: a.roles.len(),
            grants: a.grants.len(),
            services: a.services.len(),
            databases: a.databases.len(),
            topics: a.topics.len(),
        }
    }

    /// The detector reads every gallery schema as the dialect it was written in.
    #[test]
    fn every_example_is_detected_as_its_dialect() {
        for (example, known) in [
            (&SEED, Dialect::Postgres),
            (&FREIGHT, Dialect::Postgres),
            (&MARKETPLACE, Dialect::MySql),
            (&CLINIC, Dialect::MsSql),
            (&LARDER, Dialect::Postgres),
        ] {
            let (dialect, why) = crate::sql::dialect::detect(example.schema);
            assert_eq!(dialect, known, "{}: {why}", example.key);
        }
        assert_eq!(GALLERY.len(), 5, "a new example needs its dialect above");
    }

    /// The stage-0 findings of `rule`.
    fn findings(analysis: &Analysis, rule: Rule) -> Vec<&Finding> {
        analysis
            .stage(0)
            .map(|s| s.findings.iter().filter(|f| f.rule == rule).collect())
            .unwrap_or_default()
    }

    /// Asserts a stage-0 finding of `rule` highlights every one of `elements`.
    fn assert_finding(analysis: &Analysis, rule: Rule, elements: &[&str]) {
        let found = findings(analysis, rule);
        assert!(
            found
                .iter()
                .any(|f| elements.iter().all(|e| f.elements.iter().any(|x| x == e))),
            "no {} finding on {elements:?}; found {:#?}",
            rule.as_str(),
            found.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }

    /// How many stage-0 findings each rule has.
    fn by_rule(analysis: &Analysis) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for f in analysis
            .stage(0)
            .map(|s| s.findings.as_slice())
            .unwrap_or_default()
        {
            *out.entry(f.rule.as_str()).or_insert(0) += 1;
        }
        out
    }

    /// The overall score of each stage, in order.
    fn scores(analysis: &Analysis) -> Vec<u8> {
        analysis.stages.iter().map(|s| s.score.overall).collect()
    }

    /// Every example reads cleanly (no diagnostic in any pane, no table named only by the
    /// services file), and its score never drops from one stage to the next.
    #[test]
    fn every_example_reads_cleanly_and_only_rises() {
        for example in ALL {
            let analysis = analysis(example);
            let a = &analysis.architecture;
            assert_eq!(a.diagnostics, [], "{}", example.key);
            let undeclared: Vec<_> = a
                .tables
                .iter()
                .filter(|t| !a.is_declared(&t.id))
                .map(|t| &t.id)
                .collect();
            assert!(undeclared.is_empty(), "{}: {undeclared:?}", example.key);
            let scores = scores(&analysis);
            assert_eq!(scores.len(), 5, "{}", example.key);
            assert!(
                scores.windows(2).all(|w| w.first() <= w.last()),
                "{}: {scores:?}",
                example.key
            );
        }
    }

    /// The model's counts agree with a plain scan of the text: statement-level `CREATE TABLE`s,
    /// `CREATE … VIEW`s (or mysqldump's `/*!50001 VIEW … AS`), `REFERENCES` clauses and table
    /// GRANTs and REVOKEs.
    #[test]
    fn every_example_is_read_whole() {
        for example in ALL {
            let lines = || example.schema.lines();
            let c = counts(&analysis(example));
            let tables = lines().filter(|l| l.starts_with("CREATE TABLE")).count();
            // mysqldump's final views open with `/*!50001 VIEW`; its placeholders, which the
            // final ones replace, with `/*!50001 CREATE VIEW`.
            let views = lines()
                .filter(|l| {
                    let plain = l.starts_with("CREATE ") && l.contains(" VIEW ");
                    let versioned = l.starts_with("/*!")
                        && l.contains(" VIEW ")
                        && l.contains(" AS ")
                        && !l.contains(" CREATE ");
                    plain || versioned
                })
                .count();
            let fks = example.schema.matches("REFERENCES").count();
            let grants = lines()
                .filter(|l| l.starts_with("GRANT ") || l.starts_with("REVOKE "))
                .filter(|l| !l.contains(" ON SCHEMA "))
                .count();
            assert_eq!(
                (c.tables, c.views, c.foreign_keys, c.grants),
                (tables, views, fks, grants),
                "{}",
                example.key
            );
        }
    }

    #[test]
    fn keys_are_unique_and_the_seed_comes_first() {
        assert_eq!(ALL.first().map(|e| e.key), Some("seed"));
        let keys: BTreeSet<&str> = ALL.iter().map(|e| e.key).collect_set();
        assert_eq!(keys.len(), ALL.len());
        assert!(ALL.len() >= 4);
        assert_eq!(by_key("marketplace"), Some(&MARKETPLACE));
        assert_eq!(by_key("nope"), None);
    }

    #[test]
    fn the_gallery_lists_every_example_in_order_without_its_texts() {
        let entries: Vec<GalleryEntry> = ALL.iter().map(Example::entry).collect();
        assert_eq!(entries, GALLERY);
        assert_eq!(entry("clinic"), Some(&CLINIC_ENTRY));
        assert_eq!(entry("nope"), None);
        assert_eq!(SEED.entry(), SEED_ENTRY);
    }

    /// The files the page fetches for an example hold exactly its texts, pane by pane, and no
    /// other file sits beside them (a `models.py` the gallery does not know of, a leftover
    /// attribution of a copied schema).
    #[test]
    fn the_files_the_page_fetches_are_the_examples_texts() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
        let mut folders = BTreeSet::new();
        for folder in std::fs::read_dir(dir).unwrap() {
            let folder = folder.unwrap();
            folders.insert(folder.file_name().to_string_lossy().into_owned());
        }
        let keys: BTreeSet<String> = ALL.iter().map(|e| e.key.to_string()).collect_set();
        assert_eq!(folders, keys, "one folder per example, nothing else");
        for example in ALL {
            let entry = example.entry();
            let panes = [example.schema, example.services, example.models];
            for (file, text) in entry.files().iter().zip(panes) {
                let on_disk =
                    std::fs::read_to_string(format!("{dir}{}/{file}", entry.key)).unwrap();
                assert_eq!(on_disk, text, "{}/{file}", entry.key);
            }
            let files: BTreeSet<String> = std::fs::read_dir(format!("{dir}{}", entry.key))
                .unwrap()
                .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
                .collect_set();
            let expected: BTreeSet<String> =
                entry.files().iter().map(|f| f.to_string()).collect_set();
            assert_eq!(files, expected, "{}", entry.key);
            assert_eq!(
                texts(entry.key),
                Some((example.schema, example.services, example.models))
            );
        }
        assert_eq!(texts("nope"), None);
    }

    /// The examples written here say so; only the seed credits a source.
    #[test]
    fn attributions_name_where_each_example_comes_from() {
        for example in ALL {
            if example.key == "seed" {
                assert!(example.attribution.contains("CC BY 4.0"));
            } else {
                assert_eq!(
                    example.attribution, "Written for Seams (MIT).",
                    "{}",
                    example.key
                );
            }
        }
    }

    /// Schemas are DDL with at most a few lookup rows (a dump's `COPY` or `INSERT` of a
    /// reference table), small enough to paste.
    #[test]
    fn schemas_hold_ddl_and_few_rows() {
        for example in ALL {
            let inserts = example
                .schema
                .lines()
                .filter(|l| l.starts_with("INSERT INTO"))
                .count();
            assert!(inserts <= 1, "{}: {inserts} INSERT lines", example.key);
            assert!(example.schema.len() < 150_000, "{}", example.key);
        }
    }

    #[test]
    fn the_seed_shows_its_story() {
        let analysis = analysis(&SEED);
        assert_finding(
            &analysis,
            Rule::ForeignRead,
            &["service:app-a", "table:public.users"],
        );
        assert_finding(&analysis, Rule::DuplicatedModel, &["table:public.users"]);
        assert_eq!(findings(&analysis, Rule::SharedDatabase).len(), 1);
    }

    /// Kestrel Freight: a pg_dumpall of 78 tables (13 monthly partitions and a default one under
    /// `tracking.scan_event`), one COPY-fed lookup table per owner, roles and per-table GRANTs.
    #[test]
    fn freight_is_a_large_pg_dump_with_partitions_and_grants() {
        let analysis = analysis(&FREIGHT);
        assert_eq!(
            counts(&analysis),
            Counts {
                dialect: Dialect::Postgres,
                tables: 78,
                partitions: 14,
                views: 9,
                foreign_keys: 78,
                roles: 11,
                grants: 105,
                services: 10,
                databases: 1,
                topics: 9,
            }
        );
        let a = &analysis.architecture;
        let scan = a
            .tables
            .iter()
            .filter(|t| t.partition_of.as_deref() == Some("table:tracking.scan_event"));
        assert_eq!(scan.count(), 14);
        assert!(FREIGHT.schema.contains("COPY network.service_level"));
        assert!(FREIGHT.schema.contains("\n\\.\n"));
        // The partitions follow their parent's declared owner.
        let owners = &analysis.stages.first().unwrap().owners;
        assert_eq!(
            owners
                .get("table:tracking.scan_event_2025_07")
                .map(String::as_str),
            Some("service:tracking")
        );
    }

    #[test]
    fn freight_shows_grants_that_contradict_the_services() {
        let analysis = analysis(&FREIGHT);
        let rules = by_rule(&analysis);
        for rule in [
            "shared-write",
            "grant-mismatch",
            "foreign-read",
            "no-owner",
            "ambiguous-owner",
            "cross-owner-fk",
            "cross-owner-view",
            "shared-database",
            "call-cycle",
            "orphan-event",
        ] {
            assert!(rules.contains_key(rule), "no {rule} in {rules:?}");
        }
        assert_eq!(rules.get("grant-mismatch"), Some(&4));
        for (service, table) in [
            ("service:tracking", "table:booking.shipment"),
            ("service:claims", "table:billing.credit_note"),
            ("service:reporting", "table:billing.invoice"),
            ("service:reporting", "table:billing.payment"),
        ] {
            assert_finding(&analysis, Rule::GrantMismatch, &[service, table]);
        }
        assert_finding(
            &analysis,
            Rule::SharedWrite,
            &[
                "service:booking",
                "service:tracking",
                "table:booking.shipment",
            ],
        );
        assert_finding(&analysis, Rule::AmbiguousOwner, &["table:public.audit_log"]);
        assert_finding(&analysis, Rule::NoOwner, &["table:legacy.price_list_2019"]);
        assert_finding(
            &analysis,
            Rule::CrossOwnerView,
            &[
                "view:reporting.on_time_delivery",
                "table:booking.shipment",
                "table:dispatch.delivery_attempt",
                "table:network.service_level",
            ],
        );
        assert_finding(
            &analysis,
            Rule::CallCycle,
            &["service:dispatch", "service:fleet"],
        );
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:account.opened"]);
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:shipment.cancelled"]);
        // Tracking's copy of booking's model has drifted; the shared library of stage 1 ends it.
        assert_finding(
            &analysis,
            Rule::DuplicatedModel,
            &[
                "service:booking",
                "service:tracking",
                "table:booking.shipment",
            ],
        );
        assert_finding(
            &analysis,
            Rule::ModelDrift,
            &["service:tracking", "table:booking.shipment"],
        );
        let stage1 = analysis.stage(1).unwrap();
        assert!(!stage1
            .findings
            .iter()
            .any(|f| matches!(f.rule, Rule::DuplicatedModel | Rule::ModelDrift)));
        assert_eq!(scores(&analysis), [22, 23, 26, 73, 96]);
    }

    /// Makers' Row: a mysqldump (backticks, versioned comments, LOCK TABLES) of 36 tables; its
    /// three views are inside versioned comments, as mysqldump writes them.
    #[test]
    fn marketplace_is_a_mysqldump() {
        let analysis = analysis(&MARKETPLACE);
        assert_eq!(
            counts(&analysis),
            Counts {
                dialect: Dialect::MySql,
                tables: 36,
                partitions: 0,
                views: 3,
                foreign_keys: 50,
                roles: 0,
                grants: 0,
                services: 10,
                databases: 1,
                topics: 7,
            }
        );
        for marker in [
            "/*!40101 ",
            "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=",
            "/*!50001 VIEW `v_shop_sales` AS select",
            "LOCK TABLES `order` WRITE;",
            "UNLOCK TABLES;",
            "ENGINE=InnoDB",
        ] {
            assert!(MARKETPLACE.schema.contains(marker), "{marker}");
        }
    }

    #[test]
    fn marketplace_shows_a_call_cycle_and_events_that_go_nowhere() {
        let analysis = analysis(&MARKETPLACE);
        let cycles = findings(&analysis, Rule::CallCycle);
        assert_eq!(cycles.len(), 1);
        let members: BTreeSet<&str> = cycles
            .iter()
            .flat_map(|f| f.elements.iter().map(String::as_str))
            .filter(|e| e.starts_with("service:"))
            .collect_set();
        assert_eq!(
            members,
            BTreeSet::from(["service:checkout", "service:payments", "service:promotions"])
        );
        assert_finding(
            &analysis,
            Rule::SharedWrite,
            &["service:catalog", "service:checkout", "table:listing_stock"],
        );
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:listing.archived"]);
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:listing.repriced"]);
        // The payment provider's queue is fed from outside: reported, but free.
        let queue: Vec<_> = findings(&analysis, Rule::OrphanEvent)
            .into_iter()
            .filter(|f| f.elements.iter().any(|e| e == "topic:sqs:psp-webhooks"))
            .collect();
        assert_eq!(queue.iter().map(|f| f.penalty).collect::<Vec<_>>(), [0]);
        assert_finding(&analysis, Rule::NoOwner, &["table:currency"]);
        assert_finding(
            &analysis,
            Rule::ForeignRead,
            &["service:finance-reports", "table:payment_intent"],
        );
        assert_finding(
            &analysis,
            Rule::CrossOwnerView,
            &["view:v_listing_card", "table:review"],
        );
        // Calls both ways survive even the events stage: that boundary needs redrawing.
        let last = analysis.stages.last().unwrap();
        assert!(last.findings.iter().any(|f| f.rule == Rule::CallCycle));
        assert_eq!(scores(&analysis), [22, 22, 24, 71, 88]);
    }

    /// Riverside Health: a SQL Server deployment script as SSDT writes it (brackets, `GO`,
    /// `PRINT`, IDENTITY, NVARCHAR, schemas beside dbo, roles and GRANTs).
    #[test]
    fn clinic_is_a_sql_server_deployment_script() {
        let analysis = analysis(&CLINIC);
        assert_eq!(
            counts(&analysis),
            Counts {
                dialect: Dialect::MsSql,
                tables: 34,
                partitions: 0,
                views: 4,
                foreign_keys: 44,
                roles: 6,
                grants: 58,
                services: 7,
                databases: 3,
                topics: 6,
            }
        );
        for marker in [
            "\nGO\n",
            "IDENTITY (1, 1)",
            "NVARCHAR (",
            "[dbo].[patient]",
            "PRINT N'",
        ] {
            assert!(CLINIC.schema.contains(marker), "{marker}");
        }
    }

    #[test]
    fn clinic_shows_instances_drifting_events_and_a_portal_beyond_its_grants() {
        let analysis = analysis(&CLINIC);
        let shared = findings(&analysis, Rule::SharedDatabase);
        assert_eq!(shared.len(), 1, "only the clinic's instance is shared");
        assert_finding(
            &analysis,
            Rule::SharedDatabase,
            &[
                "service:billing",
                "service:directory",
                "service:portal",
                "service:records",
                "service:scheduling",
            ],
        );
        assert_finding(
            &analysis,
            Rule::SharedWrite,
            &["service:lab", "service:records", "table:lab.lab_order"],
        );
        assert_finding(
            &analysis,
            Rule::GrantMismatch,
            &["service:portal", "table:dbo.patient_contact"],
        );
        assert_finding(
            &analysis,
            Rule::GrantMismatch,
            &["service:lab", "table:dbo.interface_log"],
        );
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:lab.result.ready"]);
        assert_finding(&analysis, Rule::OrphanEvent, &["topic:lab.result.verified"]);
        for table in ["table:dbo.site", "table:dbo.room", "table:dbo.specialty"] {
            assert_finding(&analysis, Rule::NoOwner, &[table]);
        }
        assert_finding(
            &analysis,
            Rule::AmbiguousOwner,
            &["table:dbo.interface_log"],
        );
        assert_finding(
            &analysis,
            Rule::CrossOwnerView,
            &[
                "view:reporting.open_claims",
                "table:billing.claim",
                "table:dbo.patient",
            ],
        );
        assert_eq!(scores(&analysis), [17, 17, 22, 69, 87]);
    }

    #[test]
    fn larder_keeps_its_tables_in_two_databases_and_its_other_stores_apart() {
        let analysis = analysis(&LARDER);
        let a = &analysis.architecture;
        let placed: BTreeMap<&str, Vec<&str>> = a
            .databases
            .iter()
            .map(|d| {
                let names = d
                    .tables
                    .iter()
                    .filter_map(|t| a.table(t))
                    .map(|t| t.name.as_str())
                    .collect::<Vec<&str>>();
                (d.name.as_str(), names)
            })
            .collect();
        assert_eq!(
            placed["orders-db"],
            ["customers", "order_lines", "orders", "payments"]
        );
        assert_eq!(placed["stock-db"], ["picks", "stock_levels", "warehouses"]);
        assert_eq!(placed["catalog"], ["products", "recipes"]);
        assert_eq!(placed["cache"], ["cart:*", "price:*", "session:*"]);
        assert_eq!(counts(&analysis).databases, 4);
        // The storefront touches no store, so it shares none.
        assert!(a
            .service("service:storefront")
            .is_some_and(|s| s.databases.is_empty()));
        let shared: Vec<&str> = findings(&analysis, Rule::SharedDatabase)
            .iter()
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            shared.iter().all(|m| !m.contains("storefront")),
            "{shared:?}"
        );
        assert_eq!(shared.len(), 4, "{shared:?}");
        assert_finding(
            &analysis,
            Rule::SharedWrite,
            &["table:cache.\"\".session:*"],
        );
        assert_finding(
            &analysis,
            Rule::ForeignRead,
            &["service:pricing", "table:catalog.\"\".products"],
        );
        assert_eq!(
            by_rule(&analysis),
            BTreeMap::from([
                ("cross-owner-fk", 1),
                ("foreign-read", 6),
                ("shared-database", 4),
                ("shared-write", 2),
            ])
        );
        assert_eq!(scores(&analysis), [24, 24, 29, 45, 64]);
        // Stage 2: a GRANT script for each PostgreSQL database, MongoDB roles, nothing for Redis.
        let files: Vec<&str> = analysis.stages[2]
            .stage
            .artifacts
            .iter()
            .filter(|x| x.key == "grants")
            .map(|x| x.file_name.as_str())
            .collect();
        assert_eq!(
            files,
            [
                "grants.orders-db.postgres.sql",
                "grants.stock-db.postgres.sql",
                "roles.catalog.js"
            ]
        );
        // Stage 4: own databases for the SQL services only; the catalogue and cache stay.
        let four: Vec<&str> = analysis.stages[4]
            .stage
            .architecture
            .databases
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(
            four,
            ["catalog", "ordering", "payments", "cache", "warehouse"]
        );
    }
}
