//! Reading Entity Framework Core models (C#), across every C# file of the pane: entity classes
//! in one file are often configured in another.
//!
//! An entity is a class with `[Table("x", Schema = "s")]`, a class named by a `DbSet<T>`
//! property, `modelBuilder.Entity<T>()` or `IEntityTypeConfiguration<T>`. Its table is, first
//! found: `ToTable("x", "schema")` (in `OnModelCreating` or `Configure`), `[Table]`, the `DbSet`
//! property's name, the class name. Its columns are its properties (`{ get; set; }`) except
//! `[NotMapped]` ones and navigations (a property typed by another entity, or a collection of
//! one), named by `[Column("x")]` or `.Property(e => e.P).HasColumnName("x")`, else the property
//! name. The key is `[Key]`, `Id` or `<Class>Id`. A column is NOT NULL with `[Required]`, as the
//! key, for a value type without `?` and for `string` without `?` (nullable reference types,
//! on by default since .NET 6); `T?` is nullable. A reference navigation `Customer Customer`
//! makes `CustomerId` (or the `[ForeignKey("…")]` property) a foreign key.
//!
//! A model snapshot (`Migrations/…ModelSnapshot.cs`) is read as EF wrote it:
//! `modelBuilder.Entity("Ns.Order", b => { b.Property<int>("Id"); b.HasKey("Id");
//! b.ToTable("orders", "sales"); })` is a model of its own; a class the snapshot also describes
//! (same service) is then not read twice.

use super::braced::{
    after_angles, after_group, ident, inside, is_opener, name, option_string, punct, string_args,
    text_of,
};
use super::lexer::{java_tokens, Token, TokenKind};
use super::split::SourceFile;
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::source::{LineIndex, Pane, Span};
use std::collections::{BTreeMap, BTreeSet};

/// C# value types that cannot be null without `?`.
const VALUE_TYPES: [&str; 17] = [
    "int",
    "long",
    "short",
    "byte",
    "bool",
    "decimal",
    "double",
    "float",
    "char",
    "uint",
    "ulong",
    "DateTime",
    "DateTimeOffset",
    "Guid",
    "TimeSpan",
    "DateOnly",
    "TimeOnly",
];

/// Collection types whose element type makes a property a collection navigation.
const COLLECTIONS: [&str; 7] = [
    "ICollection",
    "IList",
    "List",
    "IEnumerable",
    "HashSet",
    "ISet",
    "IReadOnlyCollection",
];

/// An attribute (`[Column("x", TypeName = "y")]`): its name and argument tokens.
#[derive(Debug, Clone)]
struct Attribute {
    name: String,
    args: Vec<Token>,
}

/// A property.
#[derive(Debug, Clone)]
struct Property {
    attributes: Vec<Attribute>,
    type_text: String,
    name: String,
    offset: usize,
}

/// A class with the file it is in.
#[derive(Debug, Clone)]
struct Class {
    file: usize,
    attributes: Vec<Attribute>,
    name: String,
    offset: usize,
    properties: Vec<Property>,
}

/// A snapshot entity's file and written name (`Reporting.Models.DailySale`).
type SnapshotKey = (usize, String);

/// A snapshot entity, already a model.
#[derive(Debug)]
struct SnapshotEntity {
    file: usize,
    raw: RawModel,
}

/// What the C# files of the pane say, collected before models are made.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    files: Vec<SourceFile>,
    classes: Vec<Class>,
    /// `DbSet<T> Name`: class → property name.
    db_sets: BTreeMap<String, String>,
    /// Classes named by `Entity<T>()` or `IEntityTypeConfiguration<T>`.
    configured: BTreeSet<String>,
    /// `ToTable("x", "s")`: class → (table, schema).
    to_table: BTreeMap<String, (String, Option<String>)>,
    /// `HasColumnName`: (class, property) → column.
    column_names: BTreeMap<(String, String), String>,
    /// Tokens of snapshot `Entity("…", b => { … })` calls, read in `finish` (spans need the index).
    snapshots: Vec<(usize, Vec<Token>)>,
}

/// Collects one C# file's classes and configuration.
pub(crate) fn collect(pane: &str, file: &SourceFile, facts: &mut Facts) {
    let file_index = facts.files.len();
    facts.files.push(file.clone());
    let tokens = java_tokens(file.text(pane), file.start);
    let mut attributes: Vec<Attribute> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if punct(&tokens, i, '[') && name(&tokens, i + 1).is_some() {
            let end = after_group(&tokens, i);
            attributes.extend(read_attributes(inside(&tokens, i)));
            i = end.max(i + 1);
            continue;
        }
        if ident(&tokens, i, "class") || ident(&tokens, i, "record") {
            i = class(
                pane,
                &tokens,
                i,
                file_index,
                std::mem::take(&mut attributes),
                facts,
            );
            continue;
        }
        if tokens
            .get(i)
            .is_some_and(|t| t.kind != TokenKind::Ident || !is_modifier(&t.text))
        {
            attributes.clear();
        }
        i += 1;
    }
    configuration(&tokens, None, file_index, facts);
}

fn is_modifier(word: &str) -> bool {
    matches!(
        word,
        "public"
            | "private"
            | "protected"
            | "internal"
            | "partial"
            | "sealed"
            | "abstract"
            | "static"
            | "virtual"
            | "override"
            | "required"
            | "readonly"
            | "new"
    )
}

/// The attributes inside one `[…]` (`[Key, Column("id")]`).
fn read_attributes(tokens: &[Token]) -> Vec<Attribute> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(mut attribute_name) = name(tokens, i) else {
            i += 1;
            continue;
        };
        i += 1;
        while punct(tokens, i, '.') {
            match name(tokens, i + 1) {
                Some(next) => attribute_name = next,
                None => break,
            }
            i += 2;
        }
        let args = if punct(tokens, i, '(') {
            let args = inside(tokens, i).to_vec();
            i = after_group(tokens, i);
            args
        } else {
            Vec::new()
        };
        out.push(Attribute {
            name: attribute_name
                .strip_suffix("Attribute")
                .unwrap_or(attribute_name)
                .to_string(),
            args,
        });
        while i < tokens.len() && !punct(tokens, i, ',') {
            i += 1;
        }
        i += 1;
    }
    out
}

/// Reads `class Name : Bases { … }` at `i`; returns the index after it.
fn class(
    pane: &str,
    tokens: &[Token],
    i: usize,
    file: usize,
    attributes: Vec<Attribute>,
    facts: &mut Facts,
) -> usize {
    let Some(class_name) = name(tokens, i + 1) else {
        return i + 1;
    };
    let Some(open) = (i..tokens.len()).find(|&at| punct(tokens, at, '{') || punct(tokens, at, ';'))
    else {
        return tokens.len();
    };
    if !punct(tokens, open, '{') {
        return open + 1;
    }
    let header = tokens.get(i..open).unwrap_or_default();
    // `IEntityTypeConfiguration<Order>`: the configured class, whose `builder` calls follow.
    let configures = (0..header.len())
        .find(|&at| ident(header, at, "IEntityTypeConfiguration") && punct(header, at + 1, '<'))
        .and_then(|at| generic_argument(header, at + 1));
    let end = after_group(tokens, open);
    let body = inside(tokens, open);
    if let Some(target) = &configures {
        facts.configured.insert(target.clone());
        configuration(body, Some(target), file, facts);
    }
    let mut found = Class {
        file,
        attributes,
        name: class_name.to_string(),
        offset: tokens.get(i).map_or(0, |t| t.start),
        properties: Vec::new(),
    };
    properties(pane, body, &mut found);
    facts.classes.push(found);
    end.max(i + 1)
}

/// The last simple name of the generic argument list opened at `open` (`<Shop.Order>` → `Order`).
fn generic_argument(tokens: &[Token], open: usize) -> Option<String> {
    let close = after_angles(tokens, open);
    tokens
        .get(open + 1..close)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.kind == TokenKind::Ident)
        .map(|t| t.text.clone())
        .next_back()
}

/// Reads the properties of a class body: `[attrs] modifiers Type Name { get; set; }`.
fn properties(pane: &str, body: &[Token], class: &mut Class) {
    let mut attributes: Vec<Attribute> = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < body.len() {
        if punct(body, i, '[') && name(body, i + 1).is_some() && start == i {
            attributes.extend(read_attributes(inside(body, i)));
            i = after_group(body, i);
            start = i;
            continue;
        }
        if body
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Ident && is_modifier(&t.text))
            && start == i
        {
            i += 1;
            start = i;
            continue;
        }
        if ident(body, i, "class") || ident(body, i, "record") || ident(body, i, "enum") {
            // A nested type: skipped.
            let open = (i..body.len())
                .find(|&at| punct(body, at, '{'))
                .unwrap_or(body.len());
            i = after_group(body, open);
            start = i;
            attributes.clear();
            continue;
        }
        if punct(body, i, '{') {
            // `Type Name { get; set; }` when the two tokens before are the type's end and a name.
            let is_property = i >= start + 2
                && name(body, i - 1).is_some()
                && (ident(body, i + 1, "get")
                    || ident(body, i + 1, "set")
                    || ident(body, i + 1, "init"));
            if is_property {
                let type_text = text_of(pane, body, start, i - 1);
                if let Some(token) = body.get(i - 1) {
                    class.properties.push(Property {
                        attributes: std::mem::take(&mut attributes),
                        type_text,
                        name: token.text.clone(),
                        offset: token.start,
                    });
                }
            }
            i = after_group(body, i);
            // An initializer `= new();` after the accessors.
            if punct(body, i, '=') {
                while i < body.len() && !punct(body, i, ';') {
                    i = if is_opener(body, i) {
                        after_group(body, i)
                    } else {
                        i + 1
                    };
                }
                i += 1;
            }
            start = i;
            attributes.clear();
            continue;
        }
        if punct(body, i, ';') {
            i += 1;
            start = i;
            attributes.clear();
            continue;
        }
        if punct(body, i, '(') {
            // A method or constructor: skip its parameters and body.
            i = after_group(body, i);
            while i < body.len() && !punct(body, i, '{') && !punct(body, i, ';') {
                i += 1;
            }
            i = if punct(body, i, '{') {
                after_group(body, i)
            } else {
                i + 1
            };
            start = i;
            attributes.clear();
            continue;
        }
        i += if punct(body, i, '<') {
            after_angles(body, i) - i
        } else {
            1
        }
        .max(1);
    }
}

/// Reads fluent configuration in `tokens`: `DbSet<T> Name`, `Entity<T>(…)…ToTable(…)`,
/// `Property(e => e.P).HasColumnName("x")` and snapshot `Entity("Ns.T", b => { … })`. `target`
/// is the configured class inside `IEntityTypeConfiguration<T>.Configure`.
fn configuration(tokens: &[Token], target: Option<&String>, file: usize, facts: &mut Facts) {
    let mut current = target.cloned();
    let mut i = 0;
    while i < tokens.len() {
        if ident(tokens, i, "class") {
            // `Entity<T>` configures T until the next class at most.
            current = target.cloned();
        }
        if ident(tokens, i, "DbSet") && punct(tokens, i + 1, '<') {
            let close = after_angles(tokens, i + 1);
            if let (Some(class), Some(property)) =
                (generic_argument(tokens, i + 1), name(tokens, close))
            {
                facts
                    .db_sets
                    .entry(class)
                    .or_insert_with(|| property.to_string());
            }
            i = close.max(i + 1);
            continue;
        }
        if ident(tokens, i, "Entity") && punct(tokens, i + 1, '<') {
            if let Some(class) = generic_argument(tokens, i + 1) {
                facts.configured.insert(class.clone());
                current = Some(class);
            }
            i += 2;
            continue;
        }
        if ident(tokens, i, "Entity") && punct(tokens, i + 1, '(') {
            let args = inside(tokens, i + 1);
            if args.first().is_some_and(|t| t.kind == TokenKind::Str) {
                // A snapshot entity: read whole in `finish`.
                facts.snapshots.push((file, args.to_vec()));
                i = after_group(tokens, i + 1);
                continue;
            }
        }
        if ident(tokens, i, "ToTable") && punct(tokens, i + 1, '(') {
            let args = string_args(inside(tokens, i + 1));
            if let (Some(class), Some(Some(table))) = (&current, args.first()) {
                let schema = args.get(1).cloned().flatten();
                facts
                    .to_table
                    .entry(class.clone())
                    .or_insert((table.clone(), schema));
            }
        }
        if ident(tokens, i, "Property") && punct(tokens, i + 1, '(') {
            let property = inside(tokens, i + 1)
                .iter()
                .filter(|t| t.kind == TokenKind::Ident)
                .map(|t| t.text.clone())
                .next_back();
            let mut at = after_group(tokens, i + 1);
            while at < tokens.len() && !punct(tokens, at, ';') && !ident(tokens, at, "Property") {
                if ident(tokens, at, "HasColumnName") && punct(tokens, at + 1, '(') {
                    let column = string_args(inside(tokens, at + 1))
                        .into_iter()
                        .next()
                        .flatten();
                    if let (Some(class), Some(property), Some(column)) =
                        (&current, &property, column)
                    {
                        facts
                            .column_names
                            .insert((class.clone(), property.clone()), column);
                    }
                }
                at = if is_opener(tokens, at) {
                    after_group(tokens, at)
                } else {
                    at + 1
                };
            }
        }
        i += 1;
    }
}

/// Makes the models: snapshot entities, then entity classes the snapshots do not describe.
/// Returns the paths of the files that contributed (a `DbContext` file yields no model of its
/// own but is read).
pub(crate) fn finish(
    pane: &str,
    index: &LineIndex,
    facts: Facts,
    output: &mut Output,
) -> BTreeSet<String> {
    let span = |offset: usize| index.span(Pane::Models, pane, offset);
    let mut contributing = BTreeSet::new();
    let mut snapshot_models: Vec<SnapshotEntity> = Vec::new();
    // A snapshot configures one entity in several `Entity("…")` calls (keys, then relations).
    let mut grouped: Vec<(SnapshotKey, Vec<&[Token]>)> = Vec::new();
    for (file, args) in &facts.snapshots {
        let entity = args.first().map(|t| t.text.clone()).unwrap_or_default();
        let key = (*file, entity);
        match grouped.iter_mut().find(|(k, _)| *k == key) {
            Some((_, calls)) => calls.push(args),
            None => grouped.push((key, vec![args])),
        }
    }
    for ((file, _), calls) in grouped {
        if let Some(source) = facts.files.get(file) {
            if let Some(raw) = snapshot_entity(&calls, source, &span) {
                snapshot_models.push(SnapshotEntity { file, raw });
            }
        }
    }
    // `extend`, not `collect`: collecting into a B-tree sorts first, one more sort in the wasm.
    let mut described: BTreeSet<(String, String)> = BTreeSet::new();
    described.extend(
        snapshot_models
            .iter()
            .map(|s| (s.raw.model.service.clone(), s.raw.model.class_name.clone())),
    );
    let mut entities: BTreeSet<&str> = BTreeSet::new();
    entities.extend(
        facts
            .classes
            .iter()
            .filter(|c| {
                has(&c.attributes, "Table")
                    || facts.db_sets.contains_key(&c.name)
                    || facts.configured.contains(&c.name)
            })
            .map(|c| c.name.as_str()),
    );
    for file in facts.files.iter() {
        let text = file.text(pane);
        if text.contains("DbContext") || text.contains("IEntityTypeConfiguration") {
            contributing.insert(file.path.clone());
        }
    }
    for class in &facts.classes {
        let Some(file) = facts.files.get(class.file) else {
            continue;
        };
        if !entities.contains(class.name.as_str())
            || described.contains(&(file.service.clone(), class.name.clone()))
        {
            continue;
        }
        output
            .models
            .push(class_model(class, file, &facts, &entities, &span));
    }
    for snapshot in snapshot_models {
        if let Some(file) = facts.files.get(snapshot.file) {
            contributing.insert(file.path.clone());
        }
        output.models.push(snapshot.raw);
    }
    contributing
}

fn has(attributes: &[Attribute], wanted: &str) -> bool {
    attributes.iter().any(|a| a.name == wanted)
}

fn attribute<'a>(attributes: &'a [Attribute], wanted: &str) -> Option<&'a Attribute> {
    attributes.iter().find(|a| a.name == wanted)
}

/// `ICollection<Order>` → `Order`; `Customer?` → `Customer`.
fn element_type(type_text: &str) -> (&str, bool) {
    let bare = type_text.trim_end_matches('?');
    for collection in COLLECTIONS {
        if let Some(inner) = bare
            .strip_prefix(collection)
            .and_then(|rest| rest.strip_prefix('<'))
            .and_then(|rest| rest.strip_suffix('>'))
        {
            return (inner.trim_end_matches('?'), true);
        }
    }
    (bare.rsplit('.').next().unwrap_or(bare), false)
}

fn class_model(
    class: &Class,
    file: &SourceFile,
    facts: &Facts,
    entities: &BTreeSet<&str>,
    span: &dyn Fn(usize) -> Span,
) -> RawModel {
    let table_attribute = attribute(&class.attributes, "Table");
    let (table, schema) = match facts.to_table.get(&class.name) {
        Some((table, schema)) => (table.clone(), schema.clone()),
        None => {
            let written = table_attribute
                .and_then(|a| string_args(&a.args).into_iter().next().flatten())
                .or_else(|| facts.db_sets.get(&class.name).cloned())
                .unwrap_or_else(|| class.name.clone());
            let schema = table_attribute.and_then(|a| option_string(&a.args, "Schema"));
            (written, schema)
        }
    };
    let table = match schema {
        Some(schema) if !schema.is_empty() => format!("{schema}.{table}"),
        _ => table,
    };
    let mut model = RawModel {
        model: Model {
            service: file.service.clone(),
            path: file.path.clone(),
            class_name: class.name.clone(),
            table,
            framework: Framework::EntityFramework,
            columns: Vec::new(),
            relationships: Vec::new(),
            span: span(class.offset),
        },
        column_refs: Vec::new(),
        relationship_refs: Vec::new(),
    };
    // Reference navigations: the foreign-key property → the entity it points at.
    let mut foreign: BTreeMap<String, String> = BTreeMap::new();
    for property in &class.properties {
        let (target, collection) = element_type(&property.type_text);
        if !entities.contains(target) {
            continue;
        }
        model.relationship_refs.push(ClassRef {
            class: target.to_string(),
            fallback: target.to_string(),
        });
        if !collection {
            let key = attribute(&property.attributes, "ForeignKey")
                .and_then(|a| string_args(&a.args).into_iter().next().flatten())
                .unwrap_or_else(|| format!("{}Id", property.name));
            foreign.insert(key, target.to_string());
        }
    }
    for property in &class.properties {
        let (target, _) = element_type(&property.type_text);
        if entities.contains(target) || has(&property.attributes, "NotMapped") {
            continue;
        }
        let key = has(&property.attributes, "Key")
            || property.name == "Id"
            || property.name == format!("{}Id", class.name);
        let optional = property.type_text.ends_with('?');
        let value_or_string =
            VALUE_TYPES.contains(&property.type_text.as_str()) || property.type_text == "string";
        let not_null =
            key || has(&property.attributes, "Required") || (value_or_string && !optional);
        let column_name = attribute(&property.attributes, "Column")
            .and_then(|a| string_args(&a.args).into_iter().next().flatten())
            .or_else(|| {
                facts
                    .column_names
                    .get(&(class.name.clone(), property.name.clone()))
                    .cloned()
            })
            .unwrap_or_else(|| property.name.clone());
        if let Some(target) = foreign.get(&property.name) {
            model.column_refs.push((
                model.model.columns.len(),
                ClassRef {
                    class: target.clone(),
                    fallback: target.clone(),
                },
            ));
        }
        model.model.columns.push(ModelColumn {
            name: column_name,
            orm_type: property.type_text.clone(),
            nullable: Some(!not_null),
            primary_key: key,
            foreign_key: None,
            span: span(property.offset),
        });
    }
    model
}

/// A snapshot's `Entity("Ns.Order", b => { … })` calls (their arguments) as one model.
fn snapshot_entity(
    calls: &[&[Token]],
    file: &SourceFile,
    span: &dyn Fn(usize) -> Span,
) -> Option<RawModel> {
    let first = calls.first()?.first()?;
    let class = first
        .text
        .rsplit('.')
        .next()
        .unwrap_or(&first.text)
        .to_string();
    let body: Vec<Token> = calls
        .iter()
        .flat_map(|args| {
            let open = (0..args.len()).find(|&i| punct(args, i, '{'));
            open.map(|o| inside(args, o))
                .unwrap_or_default()
                .iter()
                .cloned()
        })
        .collect();
    let mut model = RawModel {
        model: Model {
            service: file.service.clone(),
            path: file.path.clone(),
            class_name: class.clone(),
            table: class,
            framework: Framework::EntityFramework,
            columns: Vec::new(),
            relationships: Vec::new(),
            span: span(first.start),
        },
        column_refs: Vec::new(),
        relationship_refs: Vec::new(),
    };
    // Property name → column index.
    let mut by_property: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut foreign: Vec<(String, String)> = Vec::new();
    let statements = body.split(|t| t.is_punct(';'));
    for statement in statements {
        let Some(call) = (0..statement.len())
            .find(|&i| punct(statement, i, '.') && name(statement, i + 1).is_some())
        else {
            continue;
        };
        let method = name(statement, call + 1).unwrap_or_default();
        let rest = statement.get(call + 2..).unwrap_or_default();
        match method {
            "Property" => {
                let type_text = if punct(rest, 0, '<') {
                    let close = after_angles(rest, 0);
                    rest.get(1..close.saturating_sub(1))
                        .unwrap_or_default()
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<String>()
                } else {
                    String::new()
                };
                let open = (0..rest.len()).find(|&i| punct(rest, i, '('));
                let Some(Some(property)) =
                    open.map(|o| string_args(inside(rest, o)).into_iter().next().flatten())
                else {
                    continue;
                };
                let chain = |method: &str| {
                    (0..rest.len()).find(|&i| ident(rest, i, method) && punct(rest, i + 1, '('))
                };
                let column = chain("HasColumnName")
                    .and_then(|at| {
                        string_args(inside(rest, at + 1))
                            .into_iter()
                            .next()
                            .flatten()
                    })
                    .unwrap_or_else(|| property.clone());
                let required = chain("IsRequired").is_some();
                let orm_type = chain("HasColumnType")
                    .and_then(|at| {
                        string_args(inside(rest, at + 1))
                            .into_iter()
                            .next()
                            .flatten()
                    })
                    .unwrap_or_else(|| type_text.clone());
                let value = VALUE_TYPES.contains(&type_text.as_str());
                by_property.insert(property.clone(), model.model.columns.len());
                model.model.columns.push(ModelColumn {
                    name: column,
                    orm_type,
                    nullable: Some(!(required || value)),
                    primary_key: false,
                    foreign_key: None,
                    span: span(statement.first().map_or(first.start, |t| t.start)),
                });
            }
            "HasKey" => {
                if let Some(open) = (0..rest.len()).find(|&i| punct(rest, i, '(')) {
                    keys.extend(string_args(inside(rest, open)).into_iter().flatten());
                }
            }
            "ToTable" => {
                if let Some(open) = (0..rest.len()).find(|&i| punct(rest, i, '(')) {
                    let args = string_args(inside(rest, open));
                    if let Some(Some(table)) = args.first() {
                        model.model.table = match args.get(1).cloned().flatten() {
                            Some(schema) => format!("{schema}.{table}"),
                            None => table.clone(),
                        };
                    }
                }
            }
            "HasOne" => {
                let target = (0..rest.len())
                    .find(|&i| punct(rest, i, '('))
                    .and_then(|open| string_args(inside(rest, open)).into_iter().next().flatten());
                let key = (0..rest.len())
                    .find(|&i| ident(rest, i, "HasForeignKey") && punct(rest, i + 1, '('))
                    .and_then(|at| {
                        string_args(inside(rest, at + 1))
                            .into_iter()
                            .last()
                            .flatten()
                    });
                if let Some(target) = target {
                    let class = target.rsplit('.').next().unwrap_or(&target).to_string();
                    model.relationship_refs.push(ClassRef {
                        class: class.clone(),
                        fallback: class.clone(),
                    });
                    if let Some(key) = key {
                        foreign.push((key, class));
                    }
                }
            }
            _ => {}
        }
    }
    for key in keys {
        if let Some(column) = by_property
            .get(&key)
            .and_then(|&at| model.model.columns.get_mut(at))
        {
            column.primary_key = true;
            column.nullable = Some(false);
        }
    }
    for (key, class) in foreign {
        if let Some(&at) = by_property.get(&key) {
            model.column_refs.push((
                at,
                ClassRef {
                    fallback: class.clone(),
                    class,
                },
            ));
        }
    }
    Some(model)
}

#[cfg(test)]
mod tests {
    use crate::orm::parse_models;

    #[test]
    fn configuration_of_one_class_does_not_leak_into_the_next() {
        let parsed = parse_models(
            "// shop/Data/ShopContext.cs
public class ShopContext : DbContext {
    protected override void OnModelCreating(ModelBuilder modelBuilder) {
        modelBuilder.Entity<Customer>().ToTable(\"customers\");
    }
}
public class InvoiceConfiguration : IEntityTypeConfiguration<Invoice> {
    public void Configure(EntityTypeBuilder<Invoice> builder) {
        builder.Property(i => i.Amount).HasColumnName(\"amount_cents\");
    }
}
public class Customer { public int Id { get; set; } public int Amount { get; set; } }
public class Invoice { public int Id { get; set; } public int Amount { get; set; } }
",
        );
        let columns: Vec<(String, Vec<String>)> = parsed
            .models
            .iter()
            .map(|m| {
                let names = m.columns.iter().map(|c| c.name.clone()).collect();
                (m.table.clone(), names)
            })
            .collect();
        assert_eq!(
            columns,
            [
                (
                    "customers".to_string(),
                    vec!["Id".to_string(), "Amount".to_string()]
                ),
                (
                    "Invoice".to_string(),
                    vec!["Id".to_string(), "amount_cents".to_string()]
                ),
            ]
        );
    }
}
