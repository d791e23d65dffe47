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

use crate::architecture::{Architecture, ModelLink};
use crate::ident;
use crate::orm::ModelColumn;
use crate::source::Span;
use crate::sql::Table;
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

/// The family of a column type, so that `varchar(255)`, `String` and `CharField` compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeFamily {
    /// Whole numbers (`integer`, `bigint`, `serial`, `Integer`, `Long`, `int`).
    Integer,
    /// Exact and floating-point numbers (`numeric`, `double precision`, `Float`, `BigDecimal`).
    Decimal,
    /// Character data (`varchar`, `text`, `String`, `CharField`).
    Text,
    /// Booleans.
    Boolean,
    /// Dates, times, timestamps and intervals.
    Time,
    /// UUIDs.
    Uuid,
    /// JSON documents.
    Json,
    /// Byte strings and blobs.
    Binary,
    /// Anything else (enums, arrays, user types, relations): never compared.
    Other,
}

impl TypeFamily {
    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            TypeFamily::Integer => "integer",
            TypeFamily::Decimal => "decimal",
            TypeFamily::Text => "text",
            TypeFamily::Boolean => "boolean",
            TypeFamily::Time => "date/time",
            TypeFamily::Uuid => "uuid",
            TypeFamily::Json => "json",
            TypeFamily::Binary => "binary",
            TypeFamily::Other => "other",
        }
    }
}

/// The family of a SQL type or an ORM type as written (`character varying(255)`, `sa.String(50)`,
/// `Mapped` payloads like `datetime.datetime`, Java types like `java.util.Date` or `byte[]`).
pub fn type_family(written: &str) -> TypeFamily {
    let trimmed = written.trim();
    if trimmed.ends_with("[]") {
        let element = trimmed.trim_end_matches("[]").trim();
        return if matches!(element, "byte" | "Byte") {
            TypeFamily::Binary
        } else {
            TypeFamily::Other
        };
    }
    // Drop arguments and generics: `String(50)`, `numeric(10,2)`, `Optional<Long>` is rare enough.
    let head = trimmed
        .split(['(', '<'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let last = head.rsplit('.').next().unwrap_or(&head).trim();
    let words: Vec<&str> = last.split_whitespace().collect();
    let first = words.first().copied().unwrap_or_default();
    match first {
        "int"
        | "int2"
        | "int4"
        | "int8"
        | "integer"
        | "bigint"
        | "smallint"
        | "tinyint"
        | "mediumint"
        | "serial"
        | "bigserial"
        | "smallserial"
        | "serial4"
        | "serial8"
        | "long"
        | "short"
        | "biginteger"
        | "smallinteger"
        | "integerfield"
        | "bigintegerfield"
        | "smallintegerfield"
        | "positiveintegerfield"
        | "positivebigintegerfield"
        | "positivesmallintegerfield"
        | "autofield"
        | "bigautofield"
        | "smallautofield"
        | "biginteger_"
        | "year" => TypeFamily::Integer,
        "numeric" | "decimal" | "real" | "float" | "float4" | "float8" | "double" | "money"
        | "smallmoney" | "number" | "bigdecimal" | "floatfield" | "decimalfield" => {
            TypeFamily::Decimal
        }
        "text"
        | "varchar"
        | "char"
        | "character"
        | "nvarchar"
        | "nchar"
        | "ntext"
        | "tinytext"
        | "mediumtext"
        | "longtext"
        | "string"
        | "str"
        | "unicode"
        | "unicodetext"
        | "citext"
        | "clob"
        | "varchar2"
        | "nvarchar2"
        | "charfield"
        | "textfield"
        | "emailfield"
        | "slugfield"
        | "urlfield"
        | "filepathfield"
        | "genericipaddressfield"
        | "ipaddressfield"
        | "filefield"
        | "imagefield"
        | "inet"
        | "bpchar"
        | "name" => TypeFamily::Text,
        "boolean" | "bool" | "bit" | "booleanfield" | "nullbooleanfield" => TypeFamily::Boolean,
        "date" | "time" | "timestamp" | "timestamptz" | "timetz" | "datetime" | "datetime2"
        | "smalldatetime" | "datetimeoffset" | "interval" | "datefield" | "datetimefield"
        | "timefield" | "durationfield" | "localdate" | "localdatetime" | "localtime"
        | "instant" | "zoneddatetime" | "offsetdatetime" | "calendar" | "timedelta" => {
            TypeFamily::Time
        }
        "uuid" | "uniqueidentifier" | "uuidfield" => TypeFamily::Uuid,
        "json" | "jsonb" | "jsonfield" | "dict" => TypeFamily::Json,
        "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" | "binary" | "varbinary"
        | "largebinary" | "bytes" | "binaryfield" | "image" => TypeFamily::Binary,
        _ => TypeFamily::Other,
    }
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
    out.sort();
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
    out.sort();
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
    let table_name = ident::short_name(&ddl.id);
    let drift = |column: &str, kind: DriftKind, detail: String, model_span: Span| Drift {
        table: link.table.clone(),
        service: link.service.clone(),
        column: column.to_string(),
        kind,
        against: DriftAgainst::Ddl,
        detail,
        spans: vec![model_span, ddl.span],
    };
    let ddl_keys: BTreeSet<String> = ddl.primary_key.iter().map(|c| c.to_lowercase()).collect();
    for ddl_column in &ddl.columns {
        let key = ddl_column.name.to_lowercase();
        let Some(column) = find_column(&model.columns, &key) else {
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
        let key = column.name.to_lowercase();
        if !ddl.columns.iter().any(|c| c.name.to_lowercase() == key) {
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

fn find_column<'a>(columns: &'a [ModelColumn], key: &str) -> Option<&'a ModelColumn> {
    columns.iter().find(|c| c.name.to_lowercase() == key)
}

/// Compares the models of a table that has no DDL: per column, the majority is the reference.
fn between_models(table: &str, links: &[&ModelLink], out: &mut Vec<Drift>) {
    // Every column name (lower-cased) in first-seen order of the sorted links.
    let mut keys: Vec<String> = Vec::new();
    for link in links {
        for column in &link.model.columns {
            let key = column.name.to_lowercase();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    for key in &keys {
        let found: Vec<Option<&ModelColumn>> = links
            .iter()
            .map(|l| find_column(&l.model.columns, key))
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
