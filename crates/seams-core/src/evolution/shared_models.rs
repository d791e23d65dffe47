//! Stage 1, the shared model library: a table modelled by several services gets one model in a
//! shared package (`shared_models/models/user.py`) that every one of them imports; its columns
//! follow the DDL where the table is declared, so drift between the copies is resolved.

use super::model_library::{self, SharedModel};
use super::naming;
use super::plan::Plan;
use super::{Artifact, Reasons, Transformed};
use crate::model::{Architecture, ModelLink};
use crate::model::{Model, ModelColumn};
use crate::order;
use crate::order::Collect;
use std::collections::{BTreeMap, BTreeSet};

/// Merges duplicated models into the shared package.
pub fn transform(prev: &Architecture, _plan: &Plan) -> Transformed {
    let mut arch = prev.clone();
    let mut reasons = Reasons::new("Duplicated models merge into the shared model library.");
    let mut narrative = Vec::new();
    let mut by_table: BTreeMap<&str, Vec<&ModelLink>> = BTreeMap::new();
    for link in &prev.models {
        by_table.entry(link.table.as_str()).or_default().push(link);
    }
    let mut shared = Vec::new();
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    let mut new_links = Vec::new();
    let mut used_paths = BTreeSet::new();
    for (table, links) in &by_table {
        let services: BTreeSet<&str> = links.iter().map(|l| l.service.as_str()).collect_set();
        let Some(first) = links.first() else {
            continue;
        };
        if services.len() < 2 {
            continue;
        }
        let shown = naming::display_table(prev, table);
        let entity = naming::identifier(&naming::singular(&shown.replace('.', "_")).to_lowercase());
        let mut path = format!("shared_models/models/{entity}.py");
        let mut n = 2;
        while !used_paths.insert(path.clone()) {
            path = format!("shared_models/models/{entity}_{n}.py");
            n += 1;
        }
        let class_name = if is_identifier(&first.model.class_name) {
            first.model.class_name.clone()
        } else {
            naming::class_name(&entity)
        };
        let (columns, drift) = merged_columns(prev, table, links);
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
        order::sort(&mut replaces);
        replaces.dedup();
        let model = SharedModel {
            path: path.clone(),
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
        narrative.push(format!(
            "{shown} was modelled {} times ({}); {} now import it with `{}`.",
            links.len(),
            naming::list(&old_paths),
            naming::list(&service_names),
            model.import_line()
        ));
        if drift.is_empty() {
            narrative.push(format!(
                "The copies of {shown} agree with each other and with the DDL."
            ));
        } else {
            narrative.push(format!(
                "Drift resolved for {shown}: {}.",
                naming::list(&drift)
            ));
        }
        reasons.node(
            table,
            format!("its {} models become one shared model {path}", links.len()),
        );
        for service in &services {
            reasons.node(
                service,
                format!("imports {class_name} from {}", model.module()),
            );
            let Some(own) = links.iter().find(|l| l.service == *service) else {
                continue;
            };
            new_links.push(ModelLink {
                service: service.to_string(),
                table: table.to_string(),
                model: Model {
                    service: own.model.service.clone(),
                    path: path.clone(),
                    class_name: class_name.clone(),
                    table: own.model.table.clone(),
                    framework: first.model.framework,
                    columns: columns.clone(),
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
        replaced.insert(table.to_string());
        shared.push(model);
    }
    arch.models.retain(|l| !replaced.contains(&l.table));
    arch.models.extend(new_links);
    let mut artifacts = Vec::new();
    let caption = if shared.is_empty() {
        if prev.models.is_empty() {
            narrative.push(
                "No ORM models were given, so there is no model library to share.".to_string(),
            );
        } else {
            narrative.push(
                "No table is modelled by more than one service, so there is nothing to merge."
                    .to_string(),
            );
        }
        "No duplicated models: nothing to merge.".to_string()
    } else {
        artifacts.push(Artifact {
            key: "models",
            title: "Shared model library".to_string(),
            file_name: "shared_models.py".to_string(),
            language: "python",
            content: model_library::render(&shared),
        });
        format!(
            "{} duplicated {} merged into one shared_models package.",
            shared.len(),
            super::plural(shared.len(), "model", "models")
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

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && naming::identifier(name) == name
}

/// The merged columns of a table, from the DDL when declared (else the union of the models'),
/// and a phrase for each way a copy disagreed with the result.
fn merged_columns(
    arch: &Architecture,
    table: &str,
    links: &[&ModelLink],
) -> (Vec<ModelColumn>, Vec<String>) {
    let mut drift = Vec::new();
    let declared = arch.table(table).filter(|t| !t.columns.is_empty());
    let columns: Vec<ModelColumn> = match declared {
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
                ModelColumn {
                    name: c.name.clone(),
                    orm_type: model_library::sqlalchemy_type(&c.data_type),
                    nullable: Some(c.nullable),
                    primary_key: t.primary_key.contains(&c.name),
                    foreign_key: fk,
                    span: t.span,
                }
            })
            .collect(),
        None => {
            let mut seen = BTreeSet::new();
            links
                .iter()
                .flat_map(|l| l.model.columns.iter())
                .filter(|c| seen.insert(c.name.to_lowercase()))
                .cloned()
                .collect()
        }
    };
    let wanted: BTreeSet<String> = columns.iter().map(|c| c.name.to_lowercase()).collect_set();
    for link in links {
        let has: BTreeSet<String> = link
            .model
            .columns
            .iter()
            .map(|c| c.name.to_lowercase())
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
    use super::super::{evolve, Stage};
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
