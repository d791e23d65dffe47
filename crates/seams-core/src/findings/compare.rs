//! Comparing models: the same table modelled by several services (duplicates) and models that
//! disagree with the DDL or with each other (drift). Pure functions of the [`Architecture`];
//! the findings rules `duplicated-model` and `model-drift` turn these facts into findings.
//!
//! Drift rules, so that each disagreement is reported once:
//! - a table declared in the schema: every model is compared with the DDL, and models are not
//!   compared with each other (a type drift in one model would otherwise show twice);
//! - a table with no DDL and several models: the models are compared column by column and the
//!   majority wins; the models in the minority drift against the first service of the majority
//!   (on a tie, the side of the first service by id is the reference). Identical copies never
//!   drift.
//!
//! Types are compared by [`TypeFamily`]; a type Seams does not know is [`TypeFamily::Other`] and
//! never drifts. Nullability is compared only when both sides state or imply it; column names
//! compare case-insensitively (PostgreSQL folds DDL names, JPA names are often upper case).

pub use super::column_type::{type_family, TypeFamily};
use crate::ident;
use crate::model::ModelColumn;
use crate::model::Table;
use crate::model::{Architecture, ModelLink};
use crate::order;
use crate::order::Collect;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One table modelled by two or more services.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Duplicate {
    /// The table id.
    pub table: String,
    /// The modelling services' ids, sorted.
    pub services: Vec<String>,
    /// Where each model class starts, in the order of `services`.
    pub spans: Vec<Span>,
}

/// How a model disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    /// The model lacks a column the other side has.
    MissingColumn,
    /// The model has a column the other side lacks.
    ExtraColumn,
    /// The column's type family differs (text, integer, decimal, boolean, time, binary, json…).
    TypeFamily,
    /// Nullability differs.
    Nullability,
    /// Primary-key membership differs.
    PrimaryKey,
}

/// What a model was compared against.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftAgainst {
    /// The table in the schema DDL.
    Ddl,
    /// Another service's model of the same table (its service id).
    Service(String),
}

/// One disagreement about one column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Drift {
    /// The table id.
    pub table: String,
    /// The service whose model drifts.
    pub service: String,
    /// The column name.
    pub column: String,
    /// How it drifts.
    pub kind: DriftKind,
    /// What it was compared with.
    pub against: DriftAgainst,
    /// A short phrase for people, e.g. "DDL says integer, model says String".
    pub detail: String,
    /// Both locations: the model's column (or class) and the DDL table or other model.
    pub spans: Vec<Span>,
}

/// Tables modelled by two or more services, sorted by table id.
pub fn duplicates(architecture: &Architecture) -> Vec<Duplicate> {
    let mut out = Vec::new();
    for (table, links) in by_table(architecture) {
        // The first model of each service (links are sorted by table, service, path).
        let mut first_of: BTreeMap<&str, Span> = BTreeMap::new();
        for link in links {
            first_of
                .entry(link.service.as_str())
                .or_insert(link.model.span);
        }
        if first_of.len() < 2 {
            continue;
        }
        out.push(Duplicate {
            table: table.to_string(),
            services: first_of.keys().map(|s| s.to_string()).collect(),
            spans: first_of.values().copied().collect(),
        });
    }
    order::sort(&mut out);
    out
}

/// Every drift, each reported once, sorted.
pub fn drifts(architecture: &Architecture) -> Vec<Drift> {
    let mut out = Vec::new();
    for (table, links) in by_table(architecture) {
        match architecture.table(table) {
            Some(ddl) if architecture.is_declared(table) => {
                for link in &links {
                    against_ddl(ddl, link, &mut out);
                }
            }
            _ if links.len() >= 2 => between_models(table, &links, &mut out),
            _ => {}
        }
    }
    order::sort(&mut out);
    out.dedup();
    out
}

/// The model links grouped by table id, in the architecture's order.
fn by_table(architecture: &Architecture) -> BTreeMap<&str, Vec<&ModelLink>> {
    let mut groups: BTreeMap<&str, Vec<&ModelLink>> = BTreeMap::new();
    for link in &architecture.models {
        groups.entry(link.table.as_str()).or_default().push(link);
    }
    groups
}

fn nullability_word(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "NOT NULL"
    }
}

fn key_phrase(primary_key: bool) -> &'static str {
    if primary_key {
        "part of the primary key"
    } else {
        "not part of the primary key"
    }
}

/// Compares one model with the DDL table it maps.
fn against_ddl(ddl: &Table, link: &ModelLink, out: &mut Vec<Drift>) {
    if ddl.columns.is_empty() {
        return;
    }
    let model = &link.model;
    let table_name = &ddl.name;
    let drift = |column: &str, kind: DriftKind, detail: String, model_span: Span| Drift {
        table: link.table.clone(),
        service: link.service.clone(),
        column: column.to_string(),
        kind,
        against: DriftAgainst::Ddl,
        detail,
        spans: vec![model_span, ddl.span],
    };
    let ddl_keys: BTreeSet<String> = ddl
        .primary_key
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect_set();
    let model_columns = column_index(&model.columns);
    let mut ddl_names = BTreeSet::new();
    for ddl_column in &ddl.columns {
        crate::work::step(1);
        let key = ddl_column.name.to_ascii_lowercase();
        ddl_names.insert(key.clone());
        let Some(column) = model_columns.get(&key).copied() else {
            out.push(drift(
                &ddl_column.name,
                DriftKind::MissingColumn,
                format!(
                    "the DDL's `{table_name}` has column `{}`; the model `{}` does not map it",
                    ddl_column.name, model.class_name
                ),
                model.span,
            ));
            continue;
        };
        let ddl_family = type_family(&ddl_column.data_type);
        let model_family = type_family(&column.orm_type);
        if ddl_family != model_family
            && ddl_family != TypeFamily::Other
            && model_family != TypeFamily::Other
        {
            out.push(drift(
                &column.name,
                DriftKind::TypeFamily,
                format!(
                    "DDL says {} (`{}`), model says {} (`{}`)",
                    ddl_family.as_str(),
                    ddl_column.data_type,
                    model_family.as_str(),
                    column.orm_type
                ),
                column.span,
            ));
        }
        let ddl_key = ddl_keys.contains(&key);
        if ddl_key != column.primary_key {
            out.push(drift(
                &column.name,
                DriftKind::PrimaryKey,
                format!(
                    "DDL makes it {}, model makes it {}",
                    key_phrase(ddl_key),
                    key_phrase(column.primary_key)
                ),
                column.span,
            ));
        }
        match column.nullable {
            Some(nullable)
                if nullable != ddl_column.nullable && !(ddl_key && column.primary_key) =>
            {
                out.push(drift(
                    &column.name,
                    DriftKind::Nullability,
                    format!(
                        "DDL says {}, model says {}",
                        nullability_word(ddl_column.nullable),
                        nullability_word(nullable)
                    ),
                    column.span,
                ));
            }
            _ => {}
        }
    }
    for column in &model.columns {
        let key = column.name.to_ascii_lowercase();
        crate::work::step(1);
        if !ddl_names.contains(&key) {
            out.push(drift(
                &column.name,
                DriftKind::ExtraColumn,
                format!(
                    "the model maps `{}`, which the DDL's `{table_name}` lacks",
                    column.name
                ),
                column.span,
            ));
        }
    }
}

/// A model's columns by lower-cased name; of a repeated name, the first (as a scan would find
/// it). Built once per model, so matching columns is a lookup, not a scan per column.
fn column_index(columns: &[ModelColumn]) -> BTreeMap<String, &ModelColumn> {
    let mut index = BTreeMap::new();
    for column in columns {
        crate::work::step(1);
        index
            .entry(column.name.to_ascii_lowercase())
            .or_insert(column);
    }
    index
}

/// Compares the models of a table that has no DDL: per column, the majority is the reference.
fn between_models(table: &str, links: &[&ModelLink], out: &mut Vec<Drift>) {
    // Every column name (lower-cased) in first-seen order of the sorted links.
    let mut keys: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for link in links {
        for column in &link.model.columns {
            crate::work::step(1);
            let key = column.name.to_ascii_lowercase();
            if seen.insert(key.clone()) {
                keys.push(key);
            }
        }
    }
    let indexes: Vec<BTreeMap<String, &ModelColumn>> = links
        .iter()
        .map(|l| column_index(&l.model.columns))
        .collect();
    for key in &keys {
        let found: Vec<Option<&ModelColumn>> = indexes
            .iter()
            .map(|index| {
                crate::work::step(1);
                index.get(key).copied()
            })
            .collect();
        let written = found
            .iter()
            .flatten()
            .next()
            .map_or(key.as_str(), |c| c.name.as_str());
        // Presence.
        let presence: Vec<Option<bool>> = found.iter().map(|c| Some(c.is_some())).collect();
        for (i, reference) in minority(&presence) {
            let (Some(link), Some(reference_link)) = (links.get(i), links.get(reference)) else {
                continue;
            };
            let has = found.get(i).copied().flatten();
            let (kind, detail, span) = match has {
                Some(column) => (
                    DriftKind::ExtraColumn,
                    format!(
                        "{} maps `{}`, which {} does not",
                        ident::id_name(&link.service),
                        column.name,
                        ident::id_name(&reference_link.service)
                    ),
                    column.span,
                ),
                None => (
                    DriftKind::MissingColumn,
                    format!(
                        "{} maps `{written}`, {} does not",
                        ident::id_name(&reference_link.service),
                        ident::id_name(&link.service)
                    ),
                    link.model.span,
                ),
            };
            let other_span = found
                .get(reference)
                .copied()
                .flatten()
                .map_or(reference_link.model.span, |c| c.span);
            out.push(Drift {
                table: table.to_string(),
                service: link.service.clone(),
                column: has.map_or(written, |c| c.name.as_str()).to_string(),
                kind,
                against: DriftAgainst::Service(reference_link.service.clone()),
                detail,
                spans: vec![span, other_span],
            });
        }
        // Type family, nullability and primary key, among the models that have the column.
        let families: Vec<Option<TypeFamily>> = found
            .iter()
            .map(|c| {
                c.map(|c| type_family(&c.orm_type))
                    .filter(|f| *f != TypeFamily::Other)
            })
            .collect();
        let nullability: Vec<Option<bool>> =
            found.iter().map(|c| c.and_then(|c| c.nullable)).collect();
        let keys_flags: Vec<Option<bool>> =
            found.iter().map(|c| c.map(|c| c.primary_key)).collect();
        let checks: [(DriftKind, Vec<Option<String>>); 3] = [
            (
                DriftKind::TypeFamily,
                families
                    .iter()
                    .zip(&found)
                    .map(|(f, c)| {
                        f.zip(*c)
                            .map(|(f, c)| format!("{} (`{}`)", f.as_str(), c.orm_type))
                    })
                    .collect(),
            ),
            (
                DriftKind::Nullability,
                nullability
                    .iter()
                    .map(|n| n.map(|n| nullability_word(n).to_string()))
                    .collect(),
            ),
            (
                DriftKind::PrimaryKey,
                keys_flags
                    .iter()
                    .map(|k| k.map(|k| key_phrase(k).to_string()))
                    .collect(),
            ),
        ];
        for (kind, described) in checks {
            let values: Vec<Option<String>> = match kind {
                DriftKind::TypeFamily => families
                    .iter()
                    .map(|f| f.map(|f| f.as_str().to_string()))
                    .collect(),
                _ => described.clone(),
            };
            for (i, reference) in minority(&values) {
                let (Some(link), Some(reference_link)) = (links.get(i), links.get(reference))
                else {
                    continue;
                };
                let (Some(column), Some(reference_column)) = (
                    found.get(i).copied().flatten(),
                    found.get(reference).copied().flatten(),
                ) else {
                    continue;
                };
                let mine = described.get(i).cloned().flatten().unwrap_or_default();
                let theirs = described
                    .get(reference)
                    .cloned()
                    .flatten()
                    .unwrap_or_default();
                out.push(Drift {
                    table: table.to_string(),
                    service: link.service.clone(),
                    column: column.name.clone(),
                    kind,
                    against: DriftAgainst::Service(reference_link.service.clone()),
                    detail: format!(
                        "{} says {theirs}, {} says {mine}",
                        ident::id_name(&reference_link.service),
                        ident::id_name(&link.service)
                    ),
                    spans: vec![column.span, reference_column.span],
                });
            }
        }
    }
}

/// The participants whose stated value differs from the majority's, each with the index of the
/// reference participant (the first holding the majority value). Unstated values take no part.
/// On a tie the value of the first stating participant is the majority.
fn minority<T: Ord + Clone>(values: &[Option<T>]) -> Vec<(usize, usize)> {
    let mut counts: BTreeMap<&T, (usize, usize)> = BTreeMap::new();
    for (i, value) in values.iter().enumerate() {
        if let Some(value) = value {
            let entry = counts.entry(value).or_insert((0, i));
            entry.0 += 1;
        }
    }
    if counts.len() < 2 {
        return Vec::new();
    }
    // Most holders first, then the earliest first holder.
    let Some((majority, (_, reference))) = counts
        .iter()
        .max_by(|a, b| {
            (a.1 .0, std::cmp::Reverse(a.1 .1)).cmp(&(b.1 .0, std::cmp::Reverse(b.1 .1)))
        })
        .map(|(v, c)| ((*v).clone(), *c))
    else {
        return Vec::new();
    };
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| match v {
            Some(v) if *v != majority => Some((i, reference)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ingest, Inputs};
    use crate::model::{Column, Dialect};

    const SEED: &str = include_str!("../../../../examples/seed/models.py");
    const BANK: &str = include_str!("../../tests/fixtures/models/bank_transactions.java");

    fn architecture(models: &str, ddl: Vec<Table>) -> Architecture {
        let mut arch = ingest(Inputs {
            schema: "",
            services: "",
            models,
            dialect: Some(Dialect::Postgres),
            sources: None,
        });
        for table in ddl {
            arch.tables.retain(|t| t.id != table.id);
            for db in &mut arch.databases {
                if !db.tables.contains(&table.id) {
                    db.tables.push(table.id.clone());
                    order::sort(&mut db.tables);
                }
            }
            arch.tables.push(std::sync::Arc::new(table));
        }
        order::sort_by(&mut arch.tables, |a, b| a.id.cmp(&b.id));
        arch
    }

    /// A DDL table `public.<name>` at line `line`: columns as (name, type, nullable).
    fn ddl(name: &str, line: u32, columns: &[(&str, &str, bool)], key: &[&str]) -> Table {
        Table {
            id: format!("table:public.{name}"),
            schema: Some("public".into()),
            name: name.into(),
            columns: columns
                .iter()
                .map(|(n, t, null)| Column {
                    name: n.to_string(),
                    data_type: t.to_string(),
                    nullable: *null,
                    default: None,
                })
                .collect(),
            primary_key: key.iter().map(|k| k.to_string()).collect(),
            foreign_keys: Vec::new(),
            span: Span::new(crate::source::Pane::Schema, line, 1),
            recovered: false,
            partition_of: None,
            forbids: Vec::new(),
        }
    }

    /// One line per drift: `service column kind against @model-line ddl-or-other-line: detail`.
    fn check_drifts(arch: &Architecture, expected: &str) {
        let got: Vec<String> = drifts(arch)
            .iter()
            .map(|d| {
                let against = match &d.against {
                    DriftAgainst::Ddl => "ddl".to_string(),
                    DriftAgainst::Service(s) => s.clone(),
                };
                let lines: Vec<String> = d.spans.iter().map(|s| s.line.to_string()).collect();
                format!(
                    "{} {} {} {:?} vs {} @{}: {}",
                    d.table,
                    d.service,
                    d.column,
                    d.kind,
                    against,
                    lines.join(","),
                    d.detail
                )
            })
            .collect();
        let expected: Vec<&str> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got, expected, "\n{}", got.join("\n"));
    }

    /// Two services' models of `users` with `n` columns each (one service's types differ).
    fn wide_models(n: usize) -> String {
        let mut text = String::new();
        for (service, kind) in [("a", "Text"), ("b", "Integer")] {
            text.push_str(&format!(
                "# {service}/models/user.py\nfrom sqlalchemy import Column, Integer, Text\n\n\
                 class User(Base):\n    __tablename__ = 'users'\n"
            ));
            for i in 0..n {
                text.push_str(&format!("    C{i} = Column({kind})\n"));
            }
        }
        text
    }

    #[test]
    fn comparing_wide_models_grows_linearly_with_columns() {
        // Against a DDL table of as many columns.
        crate::work::assert_linear(
            300,
            |n| {
                let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
                let columns: Vec<(&str, &str, bool)> =
                    names.iter().map(|c| (c.as_str(), "text", true)).collect();
                architecture(&wide_models(n), vec![ddl("users", 1, &columns, &[])])
            },
            drifts,
        );
        // Without DDL: the models against each other.
        crate::work::assert_linear(300, |n| architecture(&wide_models(n), vec![]), drifts);
    }

    #[test]
    fn families_group_sql_and_orm_types() {
        let cases = [
            ("character varying(255)", TypeFamily::Text),
            ("String(50)", TypeFamily::Text),
            ("CharField", TypeFamily::Text),
            ("str", TypeFamily::Text),
            ("bigint", TypeFamily::Integer),
            ("serial", TypeFamily::Integer),
            ("sa.BigInteger", TypeFamily::Integer),
            ("long", TypeFamily::Integer),
            ("Long", TypeFamily::Integer),
            ("numeric(10,2)", TypeFamily::Decimal),
            ("double precision", TypeFamily::Decimal),
            ("BigDecimal", TypeFamily::Decimal),
            ("timestamp with time zone", TypeFamily::Time),
            ("java.util.Date", TypeFamily::Time),
            ("datetime.datetime", TypeFamily::Time),
            ("uuid.UUID", TypeFamily::Uuid),
            ("jsonb", TypeFamily::Json),
            ("byte[]", TypeFamily::Binary),
            ("tinyint(1)", TypeFamily::Boolean),
            ("Enum(Status)", TypeFamily::Other),
            ("integer[]", TypeFamily::Other),
            ("ForeignKey", TypeFamily::Other),
        ];
        for (written, family) in cases {
            assert_eq!(type_family(written), family, "{written}");
        }
    }

    #[test]
    fn seed_copies_are_a_duplicate_without_drift() {
        let arch = architecture(SEED, Vec::new());
        let found = duplicates(&arch);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].table, "table:public.users");
        assert_eq!(found[0].services, ["service:app-a", "service:app-b"]);
        let lines: Vec<u32> = found[0].spans.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 9]);
        check_drifts(&arch, "");
    }

    #[test]
    fn seed_copies_match_their_ddl() {
        let users = ddl(
            "users",
            3,
            &[
                ("id", "integer", false),
                ("name", "text", true),
                ("status", "text", true),
            ],
            &["id"],
        );
        let arch = architecture(SEED, vec![users]);
        assert!(arch.is_declared("table:public.users"));
        assert_eq!(duplicates(&arch).len(), 1);
        check_drifts(&arch, "");
    }

    #[test]
    fn one_model_drifting_from_the_ddl_is_reported_once_per_column() {
        let models = SEED.replacen("status = Column(String)", "status = Column(Integer)", 1);
        let users = ddl(
            "users",
            3,
            &[
                ("id", "integer", false),
                ("name", "text", false),
                ("status", "text", true),
                ("email", "text", true),
            ],
            &["id"],
        );
        let arch = architecture(&models, vec![users]);
        check_drifts(
            &arch,
            "
            table:public.users service:app-a email MissingColumn vs ddl @2,3: the DDL's `users` has column `email`; the model `User` does not map it
            table:public.users service:app-a name Nullability vs ddl @5,3: DDL says NOT NULL, model says nullable
            table:public.users service:app-a status TypeFamily vs ddl @6,3: DDL says text (`text`), model says integer (`Integer`)
            table:public.users service:app-b email MissingColumn vs ddl @9,3: the DDL's `users` has column `email`; the model `User` does not map it
            table:public.users service:app-b name Nullability vs ddl @12,3: DDL says NOT NULL, model says nullable
            ",
        );
    }

    #[test]
    fn uppercase_jpa_names_meet_lowercase_ddl_columns() {
        let transactions = ddl(
            "transactions",
            7,
            &[
                ("transaction_id", "bigint", false),
                ("from_acct", "character(10)", false),
                ("from_route", "character(9)", false),
                ("to_acct", "character(10)", false),
                ("to_route", "character(9)", false),
                ("amount", "integer", false),
                ("timestamp", "timestamp", false),
            ],
            &["transaction_id"],
        );
        // Names as written (`naming: standard`), so the DDL's lower case meets the upper case.
        let literal = BANK.replace(".java\n", ".java naming: standard\n");
        let arch = architecture(&literal, vec![transactions]);
        check_drifts(
            &arch,
            "
            table:public.transactions service:balancereader TIMESTAMP Nullability vs ddl @100,7: DDL says NOT NULL, model says nullable
            table:public.transactions service:balancereader from_route MissingColumn vs ddl @89,7: the DDL's `transactions` has column `from_route`; the model `Transaction` does not map it
            table:public.transactions service:balancereader to_route MissingColumn vs ddl @89,7: the DDL's `transactions` has column `to_route`; the model `Transaction` does not map it
            table:public.transactions service:transactionhistory AMOUNT TypeFamily vs ddl @74,7: DDL says integer (`integer`), model says decimal (`BigDecimal`)
            table:public.transactions service:transactionhistory to_route MissingColumn vs ddl @60,7: the DDL's `transactions` has column `to_route`; the model `Transaction` does not map it
            ",
        );
    }

    #[test]
    fn three_entities_without_ddl_drift_against_the_majority() {
        let arch = architecture(BANK, Vec::new());
        let found = duplicates(&arch);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].services,
            [
                "service:balancereader",
                "service:ledgerwriter",
                "service:transactionhistory"
            ]
        );
        check_drifts(
            &arch,
            "
            table:public.transactions service:balancereader from_route MissingColumn vs service:ledgerwriter @89,28: ledgerwriter maps `from_route`, balancereader does not
            table:public.transactions service:balancereader timestamp Nullability vs service:ledgerwriter @100,37: ledgerwriter says NOT NULL, balancereader says nullable
            table:public.transactions service:ledgerwriter to_route ExtraColumn vs service:balancereader @32,89: ledgerwriter maps `to_route`, which balancereader does not
            table:public.transactions service:transactionhistory amount TypeFamily vs service:balancereader @74,98: balancereader says integer (`Integer`), transactionhistory says decimal (`BigDecimal`)
            ",
        );
    }

    #[test]
    fn a_model_alone_without_ddl_never_drifts() {
        let arch = architecture("# app_a/models/user.py\nclass User(Base):\n    __tablename__ = 'users'\n    id = Column(Integer, primary_key=True)\n", Vec::new());
        assert!(duplicates(&arch).is_empty());
        check_drifts(&arch, "");
    }
}
