//! Stage 1, the shared model library: a table modelled by several services gets one model in a
//! shared library that every one of them uses instead of its copy; its columns follow the DDL
//! where the table is declared, so drift between the copies is resolved. The library is written
//! in the language of the models it replaces ([`model_library`]): services whose models are in
//! different languages get one library per language, since code cannot be shared across them.
//! Each library is a node of the graph ([`crate::model::Library`]): its services point at it,
//! it points at the tables it maps, and the services' own per-table model edges go.

use super::model_library::{self, Family, SharedColumn, SharedModel};
use super::naming;
use super::plan::Plan;
use super::{Artifact, Reasons, Transformed};
use crate::findings::column_type::{type_family, TypeFamily};
use crate::graph::EdgeKind;
use crate::ident;
use crate::model::{Architecture, Library, ModelLink};
use crate::model::{Model, ModelColumn};
use crate::order;
use crate::order::Collect;
use std::collections::{BTreeMap, BTreeSet};

/// The duplicated tables of one language: each table with the copies of its model.
type Duplicates<'a> = Vec<(&'a str, Vec<&'a ModelLink>)>;

/// Merges duplicated models into one shared library per language.
pub async fn transform(prev: &Architecture, _plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    crate::pace::pause().await;
    let mut reasons = Reasons::new("Duplicated models merge into the shared model library.");
    let mut narrative = Vec::new();
    let by_language = duplicates(prev, &mut narrative);
    let several = by_language.len() > 1;
    let mut replaced: BTreeSet<(String, String)> = BTreeSet::new();
    let mut new_links = Vec::new();
    let mut artifacts = Vec::new();
    let mut summaries = Vec::new();
    let mut merged = 0;
    for (family, tables) in &by_language {
        let library = Library {
            id: ident::library_id(&match several {
                true => format!("shared-models-{}", family.language()),
                false => "shared-models".to_string(),
            }),
            name: family.library_name(several),
            language: family.language().to_string(),
            services: Vec::new(),
            tables: Vec::new(),
        };
        let shared = merge_language(
            prev,
            *family,
            &library,
            tables,
            &mut Merging {
                narrative: &mut narrative,
                reasons: &mut reasons,
                replaced: &mut replaced,
                new_links: &mut new_links,
            },
        );
        let mut library = library;
        for (table, links) in tables {
            library.tables.push(table.to_string());
            library
                .services
                .extend(links.iter().map(|l| l.service.clone()));
        }
        order::sort_dedup(&mut library.services);
        order::sort_dedup(&mut library.tables);
        record_graph_reasons(prev, &library, &mut reasons);
        summaries.push(format!(
            "the {} {} {}",
            family.label(),
            family.unit(),
            library.name
        ));
        merged += shared.len();
        artifacts.push(Artifact {
            key: "models",
            title: format!("Shared model library ({})", family.label()),
            file_name: family.file_name(&library.name),
            language: family.language(),
            content: model_library::render(*family, &library.name, &shared),
        });
        arch.libraries.push(library);
    }
    arch.models
        .retain(|l| !replaced.contains(&(l.service.clone(), l.table.clone())));
    arch.models.extend(new_links);
    let caption = if merged == 0 {
        if prev.models.is_empty() {
            narrative.push(
                "No ORM models were given, so there is no model library to share.".to_string(),
            );
        } else {
            narrative.push(
                "No table is modelled by more than one service in one language, so there is nothing to merge."
                    .to_string(),
            );
        }
        "No duplicated models: nothing to merge.".to_string()
    } else {
        format!(
            "{merged} duplicated {} merged into {}.",
            super::plural(merged, "model", "models"),
            naming::list(&summaries)
        )
    };
    Transformed {
        architecture: arch,
        caption,
        narrative,
        artifacts,
        reasons,
    }
}

/// The tables modelled by two or more services in one language, by language. A table modelled
/// in several languages is said so: each language shares its own copy.
fn duplicates<'a>(
    prev: &'a Architecture,
    narrative: &mut Vec<String>,
) -> BTreeMap<Family, Duplicates<'a>> {
    let mut by_table: BTreeMap<&str, Vec<&ModelLink>> = BTreeMap::new();
    for link in &prev.models {
        by_table.entry(link.table.as_str()).or_default().push(link);
    }
    let mut by_language: BTreeMap<Family, Duplicates<'a>> = BTreeMap::new();
    for (table, links) in by_table {
        let mut per_family: BTreeMap<Family, Vec<&ModelLink>> = BTreeMap::new();
        for link in links {
            per_family
                .entry(Family::of(link.model.framework))
                .or_default()
                .push(link);
        }
        if per_family.len() > 1 {
            let parts: Vec<String> = per_family
                .iter()
                .map(|(family, links)| {
                    let services: Vec<String> = links
                        .iter()
                        .map(|l| naming::service_name(prev, &l.service))
                        .collect_set()
                        .into_iter()
                        .collect();
                    format!("in {} by {}", family.label(), naming::list(&services))
                })
                .collect();
            narrative.push(format!(
                "{} is modelled {}: code is not shared across languages, so each language shares only its own copies.",
                naming::display_table(prev, table),
                naming::list(&parts)
            ));
        }
        for (family, links) in per_family {
            let services: BTreeSet<&str> = links.iter().map(|l| l.service.as_str()).collect_set();
            if services.len() >= 2 {
                by_language.entry(family).or_default().push((table, links));
            }
        }
    }
    by_language
}

/// What merging writes besides the shared models: the story, the reasons, the copies replaced
/// (service, table) and the links to the shared models.
struct Merging<'m> {
    narrative: &'m mut Vec<String>,
    reasons: &'m mut Reasons,
    replaced: &'m mut BTreeSet<(String, String)>,
    new_links: &'m mut Vec<ModelLink>,
}

/// The package (or namespace, or module) the library's models go in.
fn library_package(family: Family, library: &str, tables: &Duplicates<'_>) -> String {
    match family {
        Family::Java => {
            let paths: Vec<&str> = tables
                .iter()
                .flat_map(|(_, links)| links.iter().map(|l| l.model.path.as_str()))
                .collect();
            model_library::shared_java_package(&paths)
        }
        Family::CSharp => naming::class_name(library),
        _ => library.to_string(),
    }
}

/// The file a model goes in.
fn model_path(family: Family, library: &str, package: &str, entity: &str, class: &str) -> String {
    match family {
        Family::Python => format!("{library}/models/{entity}.py"),
        Family::Java => format!(
            "{library}/src/main/java/{}/{class}.java",
            package.replace('.', "/")
        ),
        Family::CSharp => format!("{library}/{class}.cs"),
        Family::TypeScript => format!("{library}/src/{class}.ts"),
        Family::Go => format!("{library}/models.go"),
        Family::Prisma => format!("{library}/schema.prisma"),
    }
}

/// Merges the duplicated tables of one language into `library`'s shared models.
fn merge_language(
    prev: &Architecture,
    family: Family,
    library: &Library,
    tables: &Duplicates<'_>,
    out: &mut Merging<'_>,
) -> Vec<SharedModel> {
    let package = library_package(family, &library.name, tables);
    let mut used_names = BTreeSet::new();
    let mut shared = Vec::new();
    for (table, links) in tables {
        let Some(first) = links.first() else {
            continue;
        };
        let services: BTreeSet<&str> = links.iter().map(|l| l.service.as_str()).collect_set();
        let shown = naming::display_table(prev, table);
        let entity =
            naming::identifier(&naming::singular(&shown.replace('.', "_")).to_ascii_lowercase());
        let base_class = if is_identifier(&first.model.class_name) {
            first.model.class_name.clone()
        } else {
            naming::class_name(&entity)
        };
        // Python names files after the entity, the others after the class: either must be
        // unique in the library.
        let (mut entity_name, mut class_name) = (entity.clone(), base_class.clone());
        let mut n = 2;
        while !used_names.insert(if family == Family::Python {
            entity_name.clone()
        } else {
            class_name.clone()
        }) {
            entity_name = format!("{entity}_{n}");
            class_name = format!("{base_class}{n}");
            n += 1;
        }
        let path = model_path(family, &library.name, &package, &entity_name, &class_name);
        let (columns, drift) = merged_columns(prev, family, first.model.framework, table, links);
        let (table_name, schema) = match prev.table(table) {
            Some(t) => (
                t.name.clone(),
                t.schema
                    .clone()
                    .filter(|s| Some(s.as_str()) != prev.dialect.default_schema()),
            ),
            None => (first.model.table.clone(), None),
        };
        let mut replaces: Vec<(String, String)> = links
            .iter()
            .map(|l| (l.model.service.clone(), l.model.path.clone()))
            .collect();
        order::sort_dedup(&mut replaces);
        let model = SharedModel {
            path: path.clone(),
            framework: first.model.framework,
            package: if family == Family::Python {
                model_library::python_module(&path)
            } else {
                package.clone()
            },
            class_name: class_name.clone(),
            table_name,
            schema,
            columns: columns.clone(),
            replaces: replaces.clone(),
        };
        let service_names: Vec<String> = services
            .iter()
            .map(|s| naming::service_name(prev, s))
            .collect();
        let old_paths: Vec<String> = replaces.iter().map(|(_, p)| p.clone()).collect();
        out.narrative.push(format!(
            "{shown} was modelled {} times ({}); {} now depend on the {} {} `{}` and use `{}`.",
            links.len(),
            naming::list(&old_paths),
            naming::list(&service_names),
            family.label(),
            family.unit(),
            library.name,
            model.import_line()
        ));
        out.narrative.push(if drift.is_empty() {
            format!("The copies of {shown} agree with each other and with the DDL.")
        } else {
            format!("Drift resolved for {shown}: {}.", naming::list(&drift))
        });
        out.reasons.node(
            table,
            format!("its {} models become one shared model {path}", links.len()),
        );
        let link_columns: Vec<ModelColumn> = columns.iter().map(comparable).collect();
        for service in &services {
            out.reasons
                .node(service, format!("uses {class_name} from {}", library.name));
            let Some(own) = links.iter().find(|l| l.service == *service) else {
                continue;
            };
            out.replaced
                .insert((service.to_string(), table.to_string()));
            out.new_links.push(ModelLink {
                service: service.to_string(),
                table: table.to_string(),
                model: Model {
                    service: own.model.service.clone(),
                    path: path.clone(),
                    class_name: class_name.clone(),
                    table: own.model.table.clone(),
                    framework: first.model.framework,
                    columns: link_columns.clone(),
                    relationships: links
                        .iter()
                        .flat_map(|l| l.model.relationships.iter().cloned())
                        .collect_set()
                        .into_iter()
                        .collect(),
                    span: own.model.span,
                },
            });
        }
        shared.push(model);
    }
    shared
}

/// The column as the services' model links hold it: the library's type when drift reads it as
/// of the DDL's family (or of none), else the DDL's type, so the shared model never drifts from
/// the DDL it was built from (TypeScript's `number` reads as a decimal, the DDL's `integer` not).
fn comparable(column: &SharedColumn) -> ModelColumn {
    let mut out = column.column.clone();
    if let Some(sql) = &column.sql_type {
        let mapped = type_family(&out.orm_type);
        if mapped != TypeFamily::Other && mapped != type_family(sql) {
            out.orm_type = sql.clone();
        }
    }
    out
}

/// Reasons for the graph changes a library makes: it appears, its services point at it, it
/// points at its tables, and the services' own model edges to those tables go.
fn record_graph_reasons(prev: &Architecture, library: &Library, reasons: &mut Reasons) {
    let tables: Vec<String> = library
        .tables
        .iter()
        .map(|t| naming::display_table(prev, t))
        .collect();
    let tables = naming::list(&tables);
    reasons.node(
        &library.id,
        format!(
            "the shared {} model library {} holds the one model of {tables}",
            library.language, library.name
        ),
    );
    for service in &library.services {
        reasons.edge(
            service,
            &library.id,
            EdgeKind::Models,
            format!("takes its models of {tables} from {}", library.name),
        );
        for table in &library.tables {
            reasons.edge(
                service,
                table,
                EdgeKind::Models,
                format!(
                    "its own model of {} gives way to the shared one in {}",
                    naming::display_table(prev, table),
                    library.name
                ),
            );
        }
    }
    for table in &library.tables {
        reasons.edge(
            &library.id,
            table,
            EdgeKind::Models,
            format!(
                "{} maps {}",
                library.name,
                naming::display_table(prev, table)
            ),
        );
    }
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && naming::identifier(name) == name
}

/// The merged columns of a table, from the DDL when declared (else the union of the models'),
/// and a phrase for each way a copy disagreed with the result.
fn merged_columns(
    arch: &Architecture,
    family: Family,
    framework: crate::model::Framework,
    table: &str,
    links: &[&ModelLink],
) -> (Vec<SharedColumn>, Vec<String>) {
    let mut drift = Vec::new();
    let declared = arch.table(table).filter(|t| !t.columns.is_empty());
    let columns: Vec<SharedColumn> = match declared {
        Some(t) => t
            .columns
            .iter()
            .map(|c| {
                let fk = t
                    .foreign_keys
                    .iter()
                    .find(|fk| fk.columns.len() == 1 && fk.columns.iter().any(|fc| fc == &c.name))
                    .map(|fk| {
                        let target = crate::ident::short_name(&fk.references);
                        match fk.ref_columns.first() {
                            Some(col) => format!("{target}.{col}"),
                            None => target.to_string(),
                        }
                    });
                SharedColumn {
                    column: ModelColumn {
                        name: c.name.clone(),
                        orm_type: model_library::orm_type(family, framework, &c.data_type),
                        nullable: Some(c.nullable),
                        primary_key: t.primary_key.contains(&c.name),
                        foreign_key: fk,
                        span: t.span,
                    },
                    sql_type: Some(c.data_type.clone()),
                }
            })
            .collect(),
        None => {
            let mut seen = BTreeSet::new();
            links
                .iter()
                .flat_map(|l| l.model.columns.iter())
                .filter(|c| seen.insert(c.name.to_ascii_lowercase()))
                .map(|c| SharedColumn {
                    column: c.clone(),
                    sql_type: None,
                })
                .collect()
        }
    };
    let wanted: BTreeSet<String> = columns
        .iter()
        .map(|c| c.column.name.to_ascii_lowercase())
        .collect_set();
    for link in links {
        let has: BTreeSet<String> = link
            .model
            .columns
            .iter()
            .map(|c| c.name.to_ascii_lowercase())
            .collect_set();
        let missing: Vec<String> = wanted.difference(&has).cloned().collect();
        let extra: Vec<String> = has.difference(&wanted).cloned().collect();
        if !missing.is_empty() {
            drift.push(format!(
                "{} lacked {}",
                link.model.path,
                naming::list(&missing)
            ));
        }
        if !extra.is_empty() {
            drift.push(format!(
                "{} had {} the {} does not",
                link.model.path,
                naming::list(&extra),
                if declared.is_some() {
                    "DDL"
                } else {
                    "other copies"
                }
            ));
        }
    }
    (columns, drift)
}

#[cfg(test)]
mod tests {
    use super::super::test_builder::ArchBuilder;
    use super::super::{evolve, ChangeKind, Stage};
    use crate::findings::compare;
    use crate::model::{Architecture, Dialect};

    /// Column type spellings of every dialect, with modifiers (`unsigned`, lengths, `varying`,
    /// time zones, arrays, quoted names), as schema readers hand them on.
    const SPELLINGS: [(Dialect, &[&str]); 4] = [
        (
            Dialect::MySql,
            &[
                "bigint unsigned",
                "int unsigned",
                "int(11)",
                "int(10) unsigned zerofill",
                "smallint unsigned",
                "mediumint(8) unsigned",
                "tinyint unsigned",
                "tinyint(1)",
                "bit(1)",
                "year",
                "decimal(10,2) unsigned",
                "dec(8,2)",
                "double unsigned",
                "float(7,4)",
                "varchar(255)",
                "char(26)",
                "national varchar(40)",
                "tinytext",
                "longtext",
                "datetime(3)",
                "timestamp(6)",
                "time",
                "date",
                "json",
                "binary(16)",
                "longblob",
                "enum('a','b')",
                "set('x','y')",
            ],
        ),
        (
            Dialect::Postgres,
            &[
                "bigint",
                "int8",
                "bigserial",
                "serial4",
                "smallint",
                "integer[]",
                "int ARRAY",
                "text[]",
                "character varying(40)",
                "character varying",
                "varchar",
                "character(10)",
                "bpchar",
                "citext",
                "numeric(12,2)",
                "double precision",
                "real",
                "money",
                "boolean",
                "bool",
                "timestamp with time zone",
                "timestamp(3) without time zone",
                "timestamptz",
                "time with time zone",
                "interval",
                "uuid",
                "jsonb",
                "bytea",
                "pg_catalog.int4",
                "\"char\"",
                "tsvector",
                "status_kind",
            ],
        ),
        (
            Dialect::MsSql,
            &[
                "[int]",
                "[bigint]",
                "[nvarchar](50)",
                "nvarchar(max)",
                "varchar(max)",
                "ntext",
                "sysname",
                "bit",
                "decimal(18, 4)",
                "smallmoney",
                "datetime2(7)",
                "datetimeoffset",
                "smalldatetime",
                "uniqueidentifier",
                "varbinary(max)",
                "image",
                "xml",
            ],
        ),
        (
            Dialect::Sqlite,
            &[
                "INTEGER",
                "unsigned big int",
                "TEXT",
                "REAL",
                "BLOB",
                "NUMERIC",
                "BOOLEAN",
                "DATETIME",
                "varying character(255)",
                "native character(70)",
                "nvarchar(100)",
                "clob",
            ],
        ),
    ];

    /// One table `items` with a column per spelling and two services that each model it with
    /// only its key, so stage 1 must build the whole shared model from the DDL.
    fn duplicated(dialect: Dialect, spellings: &[&str]) -> Architecture {
        let names: Vec<String> = (0..spellings.len()).map(|i| format!("c{i}")).collect();
        let columns: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(spellings.iter().copied())
            .collect();
        ArchBuilder::new(dialect)
            .table("items", &columns, 1)
            .service("shop", "", &["items"], &[])
            .service("admin", "", &["items"], &[])
            .model(
                "shop/models/item.py",
                "Item",
                "items",
                &[("c0", "Integer", true)],
            )
            .model(
                "admin/models/item.py",
                "Item",
                "items",
                &[("c0", "Integer", true)],
            )
            .build()
    }

    fn drifts(stage: &Stage) -> Vec<String> {
        compare::drifts(&stage.architecture)
            .iter()
            .map(|d| format!("{} {} {:?}: {}", d.service, d.column, d.kind, d.detail))
            .collect()
    }

    /// A ledger of transactions that two services model, in Postgres.
    const LEDGER: &str = "CREATE TABLE transactions (\n  transaction_id BIGSERIAL PRIMARY KEY,\n  from_acct VARCHAR(10) NOT NULL,\n  amount INTEGER NOT NULL,\n  note TEXT,\n  created_at TIMESTAMP NOT NULL\n);\n";

    /// Two services, each modelling `transactions`.
    const SERVICES: &str = "version: 1\nservices:\n  ledgerwriter:\n    writes: [transactions]\n  balancereader:\n    reads: [transactions]\n";

    /// The stages of the ledger with `models` in the Models pane.
    fn ledger(models: &str) -> Vec<Stage> {
        let arch = crate::ingest::ingest(crate::ingest::Inputs {
            schema: LEDGER,
            services: SERVICES,
            models,
            dialect: None,
            sources: None,
        });
        assert_eq!(arch.models.len(), 2, "{:?}", arch.diagnostics);
        evolve(&arch)
    }

    /// Stage 1's library texts, and the languages of its artifacts.
    fn library(stages: &[Stage]) -> (String, Vec<&'static str>) {
        let one = stages.get(1).expect("stage 1");
        let texts: Vec<&str> = one
            .artifacts
            .iter()
            .filter(|a| a.key == "models")
            .map(|a| a.content.as_str())
            .collect();
        let languages = one.artifacts.iter().map(|a| a.language).collect();
        (texts.join("\n"), languages)
    }

    fn assert_contains(text: &str, parts: &[&str]) {
        for part in parts {
            assert!(text.contains(part), "missing {part:?} in:\n{text}");
        }
    }

    #[test]
    fn jpa_entities_become_a_java_module() {
        let entity = |service: &str| {
            format!(
                "// {service}/src/main/java/com/bank/{service}/Transaction.java\npackage com.bank.{service};\n\nimport javax.persistence.*;\n\n@Entity\n@Table(name = \"transactions\")\npublic class Transaction {{\n    @Id\n    @Column(name = \"transaction_id\")\n    private long transactionId;\n\n    @Column(name = \"from_acct\")\n    private String fromAccountNum;\n\n    @Column(name = \"amount\")\n    private Integer amount;\n}}\n"
            )
        };
        let stages = ledger(&(entity("ledgerwriter") + &entity("balancereader")));
        let (text, languages) = library(&stages);
        assert_eq!(languages, ["java"]);
        assert_contains(
            &text,
            &[
                "// shared-models/src/main/java/com/bank/shared/Transaction.java",
                "package com.bank.shared;",
                "import jakarta.persistence.Entity;",
                "@Entity\n@Table(name = \"transactions\")\npublic class Transaction {",
                "    @Id\n    @Column(name = \"transaction_id\", nullable = false)\n    private Long transactionId;",
                "@Column(name = \"from_acct\", nullable = false, length = 10)\n    private String fromAcct;",
                "private java.time.LocalDateTime createdAt;".replace("java.time.", "").as_str(),
                "import java.time.LocalDateTime;",
                "balancereader (balancereader/src/main/java/com/bank/balancereader/Transaction.java): import com.bank.shared.Transaction;",
            ],
        );
        let one = stages.get(1).expect("stage 1");
        assert!(one.narrative.iter().any(|n| n.contains(
            "balancereader and ledgerwriter now depend on the Java module `shared-models`"
        )));
        assert_eq!(drifts(one), Vec::<String>::new());
    }

    #[test]
    #[cfg(feature = "more-orms")]
    fn ef_core_entities_become_a_csharp_class_library() {
        let entity = |service: &str| {
            format!(
                "// {service}/Models/Transaction.cs\nusing System.ComponentModel.DataAnnotations.Schema;\n\nnamespace Bank.{service};\n\n[Table(\"transactions\")]\npublic class Transaction\n{{\n    [Column(\"transaction_id\")]\n    public long TransactionId {{ get; set; }}\n    [Column(\"amount\")]\n    public int Amount {{ get; set; }}\n}}\n"
            )
        };
        let stages = ledger(&(entity("ledgerwriter") + &entity("balancereader")));
        let (text, languages) = library(&stages);
        assert_eq!(languages, ["csharp"]);
        assert_contains(
            &text,
            &[
                "// shared-models/Transaction.cs",
                "namespace SharedModels;",
                "[Table(\"transactions\")]\npublic class Transaction\n{",
                "    [Key]\n    [Column(\"transaction_id\")]\n    public long TransactionId { get; set; }",
                "    [Column(\"from_acct\")]\n    [MaxLength(10)]\n    public string FromAcct { get; set; } = null!;",
                "    public string? Note { get; set; }",
                "    public DateTime CreatedAt { get; set; }",
                "using SharedModels;",
            ],
        );
        assert_eq!(
            drifts(stages.get(1).expect("stage 1")),
            Vec::<String>::new()
        );
    }

    #[test]
    #[cfg(feature = "more-orms")]
    fn prisma_models_become_one_shared_schema() {
        let model = |service: &str| {
            format!(
                "// {service}/prisma/schema.prisma\nmodel Transaction {{\n  transactionId BigInt @id @map(\"transaction_id\")\n  amount        Int\n\n  @@map(\"transactions\")\n}}\n"
            )
        };
        let stages = ledger(&(model("ledgerwriter") + &model("balancereader")));
        let (text, languages) = library(&stages);
        assert_eq!(languages, ["prisma"]);
        assert_contains(
            &text,
            &[
                "// shared-models/schema.prisma",
                "model Transaction {",
                "  transactionId BigInt @id @map(\"transaction_id\")",
                "  fromAcct String @map(\"from_acct\") @db.VarChar(10)",
                "  note String?",
                "  createdAt DateTime @map(\"created_at\")",
                "  @@map(\"transactions\")",
            ],
        );
    }

    #[test]
    #[cfg(feature = "more-orms")]
    fn typeorm_entities_become_a_typescript_package() {
        let entity = |service: &str| {
            format!(
                "// {service}/src/entity/Transaction.ts\nimport {{ Entity, PrimaryColumn, Column }} from \"typeorm\";\n\n@Entity(\"transactions\")\nexport class Transaction {{\n  @PrimaryColumn({{ name: \"transaction_id\" }})\n  transactionId: string;\n\n  @Column({{ type: \"integer\" }})\n  amount: number;\n}}\n"
            )
        };
        let stages = ledger(&(entity("ledgerwriter") + &entity("balancereader")));
        let (text, languages) = library(&stages);
        assert_eq!(languages, ["typescript"]);
        assert_contains(
            &text,
            &[
                "// shared-models/src/Transaction.ts",
                "import { Column, Entity, PrimaryColumn } from \"typeorm\";",
                "@Entity({ name: \"transactions\" })\nexport class Transaction {",
                "  @PrimaryColumn({ name: \"transaction_id\", type: \"bigserial\" })\n  transactionId!: string;",
                "  @Column({ name: \"amount\", type: \"integer\" })\n  amount!: number;",
                "  @Column({ name: \"note\", type: \"text\", nullable: true })\n  note!: string | null;",
                "export { Transaction } from \"./Transaction\";",
                "import { Transaction } from \"shared-models\";",
            ],
        );
        // `number` reads as a decimal; the links keep the DDL's family, so nothing drifts.
        assert_eq!(
            drifts(stages.get(1).expect("stage 1")),
            Vec::<String>::new()
        );
    }

    #[test]
    #[cfg(feature = "more-orms")]
    fn gorm_structs_become_a_go_module() {
        let model = |service: &str| {
            format!(
                "// {service}/models/transaction.go\npackage models\n\ntype Transaction struct {{\n\tTransactionID int64 `gorm:\"column:transaction_id;primaryKey\"`\n\tAmount        int\n}}\n\nfunc (Transaction) TableName() string {{\n\treturn \"transactions\"\n}}\n"
            )
        };
        let stages = ledger(&(model("ledgerwriter") + &model("balancereader")));
        let (text, languages) = library(&stages);
        assert_eq!(languages, ["go"]);
        assert_contains(
            &text,
            &[
                "// shared-models/models.go\npackage sharedmodels",
                "import \"time\"",
                "type Transaction struct {",
                "\tTransactionID int64 `gorm:\"column:transaction_id;primaryKey;type:BIGSERIAL\"`",
                "\tNote *string `gorm:\"column:note;type:TEXT\"`",
                "\tCreatedAt time.Time `gorm:\"column:created_at;type:TIMESTAMP;not null\"`",
                "func (Transaction) TableName() string {\n\treturn \"transactions\"\n}",
            ],
        );
    }

    #[test]
    fn java_and_python_services_get_one_library_each() {
        let java = |service: &str| {
            format!(
                "// {service}/src/main/java/com/bank/Transaction.java\npackage com.bank;\n\nimport javax.persistence.*;\n\n@Entity\n@Table(name = \"transactions\")\npublic class Transaction {{\n    @Id\n    @Column(name = \"transaction_id\")\n    private long transactionId;\n}}\n"
            )
        };
        let python = |service: &str| {
            format!(
                "# {service}/models.py\nfrom sqlalchemy import Column, BigInteger\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Transaction(Base):\n    __tablename__ = 'transactions'\n    transaction_id = Column(BigInteger, primary_key=True)\n"
            )
        };
        let services = "version: 1\nservices:\n  ledgerwriter:\n    writes: [transactions]\n  balancereader:\n    reads: [transactions]\n  audit:\n    reads: [transactions]\n  reports:\n    reads: [transactions]\n";
        let models =
            java("ledgerwriter") + &java("balancereader") + &python("audit") + &python("reports");
        let arch = crate::ingest::ingest(crate::ingest::Inputs {
            schema: LEDGER,
            services,
            models: &models,
            dialect: None,
            sources: None,
        });
        let stages = evolve(&arch);
        let one = stages.get(1).expect("stage 1");
        let libraries: Vec<(&str, &str, &[String])> = one
            .architecture
            .libraries
            .iter()
            .map(|l| (l.id.as_str(), l.language.as_str(), l.services.as_slice()))
            .collect();
        assert_eq!(
            libraries,
            [
                (
                    "library:shared-models-java",
                    "java",
                    [
                        "service:balancereader".to_string(),
                        "service:ledgerwriter".to_string()
                    ]
                    .as_slice()
                ),
                (
                    "library:shared-models-python",
                    "python",
                    ["service:audit".to_string(), "service:reports".to_string()].as_slice()
                ),
            ]
        );
        let (_, languages) = library(&stages);
        assert_eq!(languages, ["python", "java"]);
        let story = one.narrative.join("\n");
        assert_contains(
            &story,
            &[
                "transactions is modelled in Python by audit and reports and in Java by balancereader and ledgerwriter",
                "balancereader and ledgerwriter now depend on the Java module `shared-models-java` and use `import com.bank.Transaction;`",
                "audit and reports now depend on the Python package `shared_models`",
            ],
        );
    }

    #[test]
    fn stage_one_draws_the_library_instead_of_the_copies() {
        let stages = evolve(&super::super::test_builder::seed());
        let one = stages.get(1).expect("stage 1");
        let changes: Vec<String> = one
            .changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Changed)
            .map(|c| format!("{} {}", c.kind.as_str(), c.element))
            .collect();
        assert_eq!(
            changes,
            [
                "added library:shared-models",
                "added library:shared-models->table:public.users",
                "added service:app-a->library:shared-models",
                "removed service:app-a->table:public.users",
                "added service:app-b->library:shared-models",
                "removed service:app-b->table:public.users",
            ]
        );
        let reason = |element: &str| {
            one.changes
                .iter()
                .find(|c| c.element == element)
                .map(|c| c.reason.clone())
                .unwrap_or_default()
        };
        assert!(reason("service:app-a->table:public.users")
            .contains("gives way to the shared one in shared_models"));
        assert!(reason("library:shared-models").contains("shared python model library"));
        let nodes = crate::graph::nodes(&one.architecture);
        assert!(nodes
            .iter()
            .any(|n| n.id == "library:shared-models" && n.kind == crate::graph::NodeKind::Library));
        // The library persists while its services keep their models.
        for later in stages.iter().skip(2) {
            assert_eq!(
                later.architecture.libraries, one.architecture.libraries,
                "{}",
                later.key
            );
        }
        // A service whose model a later stage drops no longer points at the library; a library
        // nobody's model comes from is not drawn.
        let mut dropped = one.architecture.clone();
        dropped.models.retain(|m| m.service != "service:app-a");
        let edges = crate::graph::edges(&dropped);
        assert!(!edges
            .iter()
            .any(|e| e.from == "service:app-a" && e.kind == crate::graph::EdgeKind::Models));
        assert!(edges
            .iter()
            .any(|e| e.from == "service:app-b" && e.to == "library:shared-models"));
        dropped.models.clear();
        assert!(!crate::graph::nodes(&dropped)
            .iter()
            .any(|n| n.kind == crate::graph::NodeKind::Library));
        // Stage 0 has no library, and a saved state without one still loads.
        let zero = stages.first().expect("stage 0");
        let mut json = serde_json::to_value(&zero.architecture).expect("serialises");
        if let Some(object) = json.as_object_mut() {
            object.remove("libraries");
        }
        let loaded: Architecture = serde_json::from_value(json).expect("loads without libraries");
        assert!(loaded.libraries.is_empty());
    }

    #[test]
    fn the_shared_model_agrees_with_the_ddl_in_every_dialect() {
        for (dialect, spellings) in SPELLINGS {
            let stages = evolve(&duplicated(dialect, spellings));
            let (Some(before), Some(after)) = (stages.first(), stages.get(1)) else {
                panic!("{dialect:?}: {} stages", stages.len());
            };
            assert!(
                !drifts(before).is_empty(),
                "{dialect:?}: stage 0 lacks columns"
            );
            assert_eq!(drifts(after), Vec::<String>::new(), "{dialect:?}");
        }
    }
}
