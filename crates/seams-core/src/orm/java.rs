//! Reading Java: JPA / Hibernate entities and Spring Data MongoDB documents.
//!
//! JPA: `@Entity` classes, `@Table(name = …, schema = …)`, `@Column(name = …, nullable = …)`,
//! `@Id`, `@ManyToOne`/`@OneToOne` with `@JoinColumn` as foreign keys, `@OneToMany`/`@ManyToMany`
//! as relationships, `@Embedded`/`@EmbeddedId` fields expanded into the columns of their
//! `@Embeddable` class, and fields of a `@MappedSuperclass` inherited through `extends` (both
//! looked up anywhere in the pane).
//!
//! Defaults are JPA's: the table is the entity name (the class name unless `@Entity(name = …)`),
//! a column is the field name, a join column is `<field>_id`. Then Spring Boot's default physical
//! naming applies to every table, schema and column name (`trainType` → `train_type`,
//! `ShipmentLabel` → `shipment_label`), unless the file's header says `naming: standard` (names
//! as written: plain JPA, or Spring with `PhysicalNamingStrategyStandardImpl`). Nullability:
//! `nullable = false`, `@Id`, a primitive type (`long`, `int`…) or `@NotNull` make a column NOT
//! NULL; otherwise JPA's default applies and the column is nullable. Static and `transient`
//! fields and `@Transient` are not columns.
//!
//! Spring Data MongoDB: `@Document(collection = …)` (default: the class name with a lower-case
//! first letter) with `@Field("x")` names, `@Id` as `_id` and `@DBRef` as relationships; names
//! are kept as written and nullability is not stated.

use super::expr::{self, keyword, positional, Arg, Expr};
use super::lexer::{java_tokens, Token, TokenKind};
use super::naming::spring_physical;
use super::split::{Naming, SourceFile};
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Pane, Span};
use std::collections::BTreeSet;

/// How deep nested type declarations are read.
pub(crate) const MAX_NESTING: usize = 16;

/// One annotation (`@Column(name = "X")`): its simple name and arguments.
#[derive(Debug, Clone)]
struct Annotation {
    name: String,
    args: Vec<Arg>,
}

/// One field declaration.
#[derive(Debug, Clone)]
struct Field {
    annotations: Vec<Annotation>,
    skipped: bool,
    type_text: String,
    type_simple: String,
    type_argument: Option<String>,
    name: String,
    offset: usize,
}

/// One class declaration with its annotations and fields.
#[derive(Debug, Clone)]
struct JavaClass {
    annotations: Vec<Annotation>,
    name: String,
    superclass: Option<String>,
    offset: usize,
    fields: Vec<Field>,
}

const MODIFIERS: [&str; 12] = [
    "public",
    "private",
    "protected",
    "static",
    "final",
    "transient",
    "volatile",
    "abstract",
    "synchronized",
    "native",
    "default",
    "strictfp",
];

const PRIMITIVES: [&str; 8] = [
    "long", "int", "short", "byte", "boolean", "double", "float", "char",
];

/// A class as read, with the file it came from.
struct Found<'a> {
    file: &'a SourceFile,
    class: JavaClass,
}

/// Reads every Java file of the pane into `output`: `@Entity` classes as JPA models and
/// `@Document` classes as Spring Data MongoDB models. `@MappedSuperclass` and `@Embeddable`
/// classes are looked up across the pane (a Java file usually holds one class). Returns the
/// paths of the files whose `@Embeddable` or `@MappedSuperclass` classes other models use.
pub(crate) fn read(
    pane: &str,
    index: &LineIndex,
    files: &[&SourceFile],
    output: &mut Output,
) -> BTreeSet<String> {
    let mut found: Vec<Found<'_>> = Vec::new();
    for file in files {
        let tokens = java_tokens(file.text(pane), file.start);
        let mut classes = Vec::new();
        let mut reader = Reader {
            tokens: &tokens,
            pane,
            classes: &mut classes,
        };
        reader.members(0, tokens.len(), 0, None);
        found.extend(classes.into_iter().map(|class| Found { file, class }));
    }
    let span = |offset: usize| index.span(Pane::Models, pane, offset);
    let named = |name: &str, kind: &str| {
        found
            .iter()
            .map(|f| &f.class)
            .find(|c| c.name == name && has(&c.annotations, kind))
    };
    for Found { file, class } in &found {
        let document = has(&class.annotations, "Document");
        if !has(&class.annotations, "Entity") && !document {
            continue;
        }
        let mut fields = Vec::new();
        let mut parent = class.superclass.clone();
        let mut depth = 0;
        while let Some(name) = parent.take() {
            let Some(base) = named(&name, "MappedSuperclass").or_else(|| {
                // Spring Data documents inherit plain classes' fields.
                if document {
                    found.iter().map(|f| &f.class).find(|c| c.name == name)
                } else {
                    None
                }
            }) else {
                break;
            };
            fields.splice(0..0, base.fields.iter().cloned());
            depth += 1;
            if depth < MAX_NESTING {
                parent = base.superclass.clone();
            }
        }
        fields.extend(class.fields.iter().cloned());
        let physical = |name: &str| match (document, file.naming) {
            (false, Naming::Spring) => spring_physical(name),
            _ => name.to_string(),
        };
        let (table, framework) = if document {
            (document_collection(class), Framework::SpringDataMongo)
        } else {
            (entity_table(class, &physical), Framework::Jpa)
        };
        let mut model = RawModel {
            model: Model {
                service: file.service.clone(),
                path: file.path.clone(),
                class_name: class.name.clone(),
                table,
                framework,
                columns: Vec::new(),
                relationships: Vec::new(),
                span: span(class.offset),
            },
            column_refs: Vec::new(),
            relationship_refs: Vec::new(),
        };
        let context = FieldContext {
            span: &span,
            physical: &physical,
            embeddable: &|name: &str| named(name, "Embeddable"),
        };
        for field in fields.iter().filter(|f| !f.skipped) {
            if document {
                document_field(field, &context, &mut model);
            } else {
                entity_field(field, &context, &mut model, output, 0);
            }
        }
        if model.model.columns.is_empty() {
            output.diagnostics.push(Diagnostic::warning(
                model.model.span,
                format!("entity `{}` has no readable persistent fields", class.name),
            ));
        }
        output.models.push(model);
    }
    // `extend`, not `collect`: collecting into a B-tree sorts first, one more sort in the wasm.
    let mut used = BTreeSet::new();
    used.extend(
        found
            .iter()
            .filter(|f| {
                has(&f.class.annotations, "Embeddable")
                    || has(&f.class.annotations, "MappedSuperclass")
            })
            .map(|f| f.file.path.clone()),
    );
    used
}

/// What turning a field into columns needs besides the field.
struct FieldContext<'a> {
    span: &'a dyn Fn(usize) -> Span,
    physical: &'a dyn Fn(&str) -> String,
    embeddable: &'a dyn Fn(&str) -> Option<&'a JavaClass>,
}

/// A Spring Data collection: `@Document(collection = "x")` or `@Document("x")`, else the class
/// name with its first letter in lower case (Spring Data's default).
fn document_collection(class: &JavaClass) -> String {
    let written = annotation(&class.annotations, "Document")
        .and_then(|d| string_arg(d, "collection").or_else(|| string_arg(d, "value")));
    match written {
        Some(name) => name.to_string(),
        None => {
            let mut chars = class.name.chars();
            chars
                .next()
                .map(|first| {
                    std::iter::once(first.to_ascii_lowercase())
                        .chain(chars)
                        .collect()
                })
                .unwrap_or_default()
        }
    }
}

/// A document field: `@Field("x")`/`@Field(name = "x")` or the field name; `@Id` is `_id`;
/// `@DBRef` and `@DocumentReference` are relationships.
fn document_field(field: &Field, context: &FieldContext<'_>, model: &mut RawModel) {
    let annotations = &field.annotations;
    if has(annotations, "DBRef") || has(annotations, "DocumentReference") {
        let class = field.type_argument.as_ref().unwrap_or(&field.type_simple);
        model.relationship_refs.push(ClassRef {
            class: class.clone(),
            fallback: class.clone(),
        });
        return;
    }
    let id = has(annotations, "Id") || has(annotations, "MongoId");
    let name = match annotation(annotations, "Field") {
        Some(f) => string_arg(f, "name").or_else(|| string_arg(f, "value")),
        None => None,
    };
    let name = match name {
        Some(name) => name.to_string(),
        None if id => "_id".to_string(),
        None => field.name.clone(),
    };
    model.model.columns.push(ModelColumn {
        name,
        orm_type: field.type_text.clone(),
        nullable: if id { Some(false) } else { None },
        primary_key: id,
        foreign_key: None,
        span: (context.span)(field.offset),
    });
}

fn has(annotations: &[Annotation], name: &str) -> bool {
    annotations.iter().any(|a| a.name == name)
}

fn annotation<'a>(annotations: &'a [Annotation], name: &str) -> Option<&'a Annotation> {
    annotations.iter().find(|a| a.name == name)
}

/// `name = "X"` or a lone `"X"` argument of an annotation.
fn string_arg<'a>(annotation: &'a Annotation, name: &str) -> Option<&'a str> {
    keyword(&annotation.args, name)
        .or_else(|| {
            if name == "name" || name == "value" {
                positional(&annotation.args).next()
            } else {
                None
            }
        })
        .and_then(Expr::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn bool_arg(annotation: &Annotation, name: &str) -> Option<bool> {
    keyword(&annotation.args, name).and_then(Expr::as_bool)
}

/// The table an entity maps: `@Table(name, schema)`, else `@Entity(name)`, else the class name,
/// each through the file's physical naming.
fn entity_table(class: &JavaClass, physical: &dyn Fn(&str) -> String) -> String {
    let table = annotation(&class.annotations, "Table");
    let name = table
        .and_then(|t| string_arg(t, "name"))
        .or_else(|| annotation(&class.annotations, "Entity").and_then(|e| string_arg(e, "name")))
        .unwrap_or(&class.name);
    match table.and_then(|t| string_arg(t, "schema")) {
        Some(schema) => format!("{}.{}", physical(schema), physical(name)),
        None => physical(name),
    }
}

/// Turns one persistent field into a column and/or a relationship of `model`.
fn entity_field(
    field: &Field,
    context: &FieldContext<'_>,
    model: &mut RawModel,
    output: &mut Output,
    depth: usize,
) {
    let annotations = &field.annotations;
    let field_span = (context.span)(field.offset);
    let embedded_id = has(annotations, "EmbeddedId");
    let embeddable = (context.embeddable)(&field.type_simple);
    if has(annotations, "Embedded") || embedded_id || embeddable.is_some() {
        match embeddable {
            Some(class) if depth < MAX_NESTING => {
                let first = model.model.columns.len();
                for inner in class.fields.iter().filter(|f| !f.skipped) {
                    entity_field(inner, context, model, output, depth + 1);
                }
                for column in model.model.columns.iter_mut().skip(first) {
                    column.primary_key |= embedded_id;
                    if embedded_id {
                        column.nullable = Some(false);
                    }
                }
            }
            _ => output.diagnostics.push(Diagnostic::info(
                field_span,
                format!(
                    "embedded field `{}`: no `@Embeddable` class `{}` in the pane, so its \
                     columns are not read",
                    field.name, field.type_simple
                ),
            )),
        }
        return;
    }
    if has(annotations, "ElementCollection") {
        return;
    }
    let target = |class: &str| ClassRef {
        class: class.to_string(),
        fallback: class.to_string(),
    };
    if has(annotations, "OneToMany") || has(annotations, "ManyToMany") {
        if let Some(class) = &field.type_argument {
            model.relationship_refs.push(target(class));
        }
        return;
    }
    let to_one =
        annotation(annotations, "ManyToOne").or_else(|| annotation(annotations, "OneToOne"));
    let not_null = |stated: Option<bool>| {
        stated.map(|nullable| !nullable).unwrap_or(false)
            || has(annotations, "Id")
            || has(annotations, "NotNull")
            || has(annotations, "NonNull")
            || PRIMITIVES.contains(&field.type_text.as_str())
    };
    if let Some(relation) = to_one {
        model.relationship_refs.push(target(&field.type_simple));
        if keyword(&relation.args, "mappedBy").is_some() {
            return;
        }
        let join = annotation(annotations, "JoinColumn");
        let name = join
            .and_then(|j| string_arg(j, "name"))
            .map_or_else(|| format!("{}_id", field.name), str::to_string);
        let name = (context.physical)(&name);
        let stated = join
            .and_then(|j| bool_arg(j, "nullable"))
            .or_else(|| bool_arg(relation, "optional"));
        let column = ModelColumn {
            name,
            orm_type: field.type_text.clone(),
            nullable: Some(!not_null(stated)),
            primary_key: has(annotations, "Id"),
            foreign_key: None,
            span: field_span,
        };
        model
            .column_refs
            .push((model.model.columns.len(), target(&field.type_simple)));
        model.model.columns.push(column);
        return;
    }
    let column_annotation = annotation(annotations, "Column");
    let name = (context.physical)(
        column_annotation
            .and_then(|c| string_arg(c, "name"))
            .unwrap_or(&field.name),
    );
    let stated = column_annotation.and_then(|c| bool_arg(c, "nullable"));
    model.model.columns.push(ModelColumn {
        name,
        orm_type: field.type_text.clone(),
        nullable: Some(!not_null(stated)),
        primary_key: has(annotations, "Id"),
        foreign_key: None,
        span: field_span,
    });
}

/// Walks tokens, collecting classes and their fields.
struct Reader<'a> {
    tokens: &'a [Token],
    pane: &'a str,
    classes: &'a mut Vec<JavaClass>,
}

impl Reader<'_> {
    fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.token(i).is_some_and(|t| t.is_punct(c))
    }

    fn is_opener(&self, i: usize) -> bool {
        self.is_punct(i, '(') || self.is_punct(i, '[') || self.is_punct(i, '{')
    }

    fn is_closer(&self, i: usize) -> bool {
        self.is_punct(i, ')') || self.is_punct(i, ']') || self.is_punct(i, '}')
    }

    /// The index after the group opened at `i` (any bracket kind, nested), capped at `end`.
    fn after_group(&self, i: usize, end: usize) -> usize {
        let mut depth = 0usize;
        let mut at = i;
        while at < end {
            if self.is_opener(at) {
                depth += 1;
            } else if self.is_closer(at) {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            at += 1;
        }
        end
    }

    /// The index after `<…>` opened at `i` (nested), capped at `end`.
    fn after_angles(&self, i: usize, end: usize) -> usize {
        let mut depth = 0usize;
        let mut at = i;
        while at < end {
            if self.is_punct(at, '<') {
                depth += 1;
            } else if self.is_punct(at, '>') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            } else if self.is_punct(at, ';') || self.is_punct(at, '{') {
                return at;
            }
            at += 1;
        }
        end
    }

    /// The index of the next `;` at bracket depth 0 (or `end`), for skipping initializers.
    fn statement_end(&self, i: usize, end: usize) -> usize {
        let mut at = i;
        while at < end {
            if self.is_punct(at, ';') || self.is_punct(at, ',') || self.is_closer(at) {
                return at;
            }
            if self.is_opener(at) {
                at = self.after_group(at, end);
            } else {
                at += 1;
            }
        }
        end
    }

    /// Reads `@Name` or `@Name(args)` at `i`; returns it and the index after it.
    fn annotation(&self, i: usize, end: usize) -> Option<(Annotation, usize)> {
        let mut at = i + 1;
        let mut name = self
            .token(at)
            .filter(|t| t.kind == TokenKind::Ident)?
            .text
            .clone();
        at += 1;
        while self.is_punct(at, '.')
            && self
                .token(at + 1)
                .is_some_and(|t| t.kind == TokenKind::Ident)
        {
            name = self.token(at + 1).map_or(name, |t| t.text.clone());
            at += 2;
        }
        let mut args = Vec::new();
        if self.is_punct(at, '(') {
            let close = self.after_group(at, end);
            let inner = self.tokens.get(at + 1..close).unwrap_or_default();
            args = expr::parse_args(inner).0;
            at = close;
        }
        Some((Annotation { name, args }, at))
    }

    /// Reads declarations in `start..end`: classes (recursively) and, inside a class, fields.
    fn members(
        &mut self,
        start: usize,
        end: usize,
        depth: usize,
        mut class: Option<&mut JavaClass>,
    ) {
        let mut i = start;
        let mut annotations: Vec<Annotation> = Vec::new();
        let mut skipped = false;
        while i < end {
            let Some(token) = self.token(i) else { break };
            if token.is_punct('@') && !self.token(i + 1).is_some_and(|t| t.is_ident("interface")) {
                match self.annotation(i, end) {
                    Some((found, next)) => {
                        skipped |= found.name == "Transient";
                        annotations.push(found);
                        i = next.max(i + 1);
                    }
                    None => i += 1,
                }
                continue;
            }
            if token.is_ident("package") || token.is_ident("import") {
                while i < end && !self.is_punct(i, ';') {
                    i += 1;
                }
                i += 1;
                annotations.clear();
                skipped = false;
                continue;
            }
            if token.kind == TokenKind::Ident && MODIFIERS.contains(&token.text.as_str()) {
                skipped |= token.text == "static" || token.text == "transient";
                i += 1;
                continue;
            }
            let type_keyword = ["class", "interface", "enum", "record"]
                .iter()
                .any(|k| token.is_ident(k))
                || token.is_punct('@');
            if type_keyword {
                let found = std::mem::take(&mut annotations);
                i = self.type_declaration(i, end, depth, found);
                skipped = false;
                continue;
            }
            if token.is_punct('{') {
                i = self.after_group(i, end);
                annotations.clear();
                skipped = false;
                continue;
            }
            if token.is_punct('<') {
                i = self.after_angles(i, end);
                continue;
            }
            if token.kind != TokenKind::Ident {
                i += 1;
                annotations.clear();
                skipped = false;
                continue;
            }
            // A member: type, then a name (field or method) or `(` (constructor).
            let type_start = i;
            let mut at = i + 1;
            while self.is_punct(at, '.')
                && self
                    .token(at + 1)
                    .is_some_and(|t| t.kind == TokenKind::Ident)
            {
                at += 2;
            }
            let type_simple = self
                .token(at.saturating_sub(1))
                .map_or_else(String::new, |t| t.text.clone());
            let mut type_argument = None;
            if self.is_punct(at, '<') {
                let close = self.after_angles(at, end);
                type_argument = self
                    .tokens
                    .get(at + 1..close)
                    .unwrap_or_default()
                    .iter()
                    .filter(|t| t.kind == TokenKind::Ident)
                    .map(|t| t.text.clone())
                    .next_back();
                at = close;
            }
            while self.is_punct(at, '[') && self.is_punct(at + 1, ']') {
                at += 2;
            }
            let type_text = self.text_between(type_start, at);
            if self.is_punct(at, '(') {
                i = self.skip_method(at, end);
                annotations.clear();
                skipped = false;
                continue;
            }
            let Some(name) = self
                .token(at)
                .filter(|t| t.kind == TokenKind::Ident)
                .cloned()
            else {
                i = at.max(i + 1);
                annotations.clear();
                skipped = false;
                continue;
            };
            at += 1;
            if self.is_punct(at, '(') {
                i = self.skip_method(at, end);
                annotations.clear();
                skipped = false;
                continue;
            }
            // A field, possibly `int a, b = 2;`.
            let mut names = vec![name];
            loop {
                while self.is_punct(at, '[') && self.is_punct(at + 1, ']') {
                    at += 2;
                }
                if self.is_punct(at, '=') {
                    at = self.statement_end(at + 1, end);
                }
                if self.is_punct(at, ',') {
                    match self.token(at + 1).filter(|t| t.kind == TokenKind::Ident) {
                        Some(next) => {
                            names.push(next.clone());
                            at += 2;
                            continue;
                        }
                        None => at += 1,
                    }
                }
                break;
            }
            if let Some(class) = class.as_deref_mut() {
                for name in names {
                    class.fields.push(Field {
                        annotations: annotations.clone(),
                        skipped,
                        type_text: type_text.clone(),
                        type_simple: type_simple.clone(),
                        type_argument: type_argument.clone(),
                        name: name.text,
                        offset: name.start,
                    });
                }
            }
            i = at.max(i + 1);
            annotations.clear();
            skipped = false;
        }
    }

    /// Source text of tokens `from..to`, without whitespace.
    fn text_between(&self, from: usize, to: usize) -> String {
        let start = self.token(from).map_or(0, |t| t.start);
        let end = to
            .checked_sub(1)
            .and_then(|i| self.token(i))
            .map_or(start, |t| t.end)
            .max(start);
        self.pane
            .get(start..end)
            .unwrap_or_default()
            .split_whitespace()
            .collect()
    }

    /// Skips a method or constructor whose parameter list opens at `open`.
    fn skip_method(&self, open: usize, end: usize) -> usize {
        let mut at = self.after_group(open, end);
        while at < end {
            if self.is_punct(at, ';') {
                return at + 1;
            }
            if self.is_punct(at, '{') {
                return self.after_group(at, end);
            }
            at += 1;
        }
        end
    }

    /// Reads `class Name extends Base … { body }` at `i`; returns the index after it.
    fn type_declaration(
        &mut self,
        i: usize,
        end: usize,
        depth: usize,
        annotations: Vec<Annotation>,
    ) -> usize {
        let is_class = self.token(i).is_some_and(|t| t.is_ident("class"));
        let keyword_offset = self.token(i).map_or(0, |t| t.start);
        let name = self
            .token(i + 1)
            .filter(|t| t.kind == TokenKind::Ident)
            .map(|t| t.text.clone());
        let mut at = i + 1;
        let mut superclass = None;
        while at < end && !self.is_punct(at, '{') && !self.is_punct(at, ';') {
            if self.token(at).is_some_and(|t| t.is_ident("extends")) {
                superclass = self
                    .token(at + 1)
                    .filter(|t| t.kind == TokenKind::Ident)
                    .map(|t| t.text.clone());
            }
            if self.is_punct(at, '(') {
                at = self.after_group(at, end);
                continue;
            }
            at += 1;
        }
        if !self.is_punct(at, '{') {
            return (at + 1).min(end.max(i + 1));
        }
        let close = self.after_group(at, end);
        let body_end = close.saturating_sub(1).max(at + 1);
        if depth >= MAX_NESTING {
            return close.max(i + 1);
        }
        if is_class {
            if let Some(name) = name {
                let mut class = JavaClass {
                    annotations,
                    name,
                    superclass,
                    offset: keyword_offset,
                    fields: Vec::new(),
                };
                self.members(at + 1, body_end, depth + 1, Some(&mut class));
                self.classes.push(class);
                return close.max(i + 1);
            }
        }
        self.members(at + 1, body_end, depth + 1, None);
        close.max(i + 1)
    }
}
