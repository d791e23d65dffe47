//! Reading TypeORM entities (TypeScript): a class decorated `@Entity("name")`,
//! `@Entity({ name, schema })` or `@Entity("name", { schema })` maps that table; a bare `@Entity()`
//! maps TypeORM's default, the class name in snake case (`OrderLine` → `order_line`).
//!
//! Columns are properties decorated `@Column`, `@PrimaryColumn`, `@PrimaryGeneratedColumn`,
//! `@CreateDateColumn`, `@UpdateDateColumn`, `@DeleteDateColumn` or `@VersionColumn`, named by
//! the `name` option (else the property name), typed by the first string argument or the `type`
//! option (else the TypeScript type), NOT NULL unless `nullable: true`. `@ManyToOne` (and
//! `@OneToOne` with `@JoinColumn`) is a foreign-key column named by `@JoinColumn({ name })`, else
//! TypeORM's `<property>Id`; `@OneToMany` and `@ManyToMany` are relationships. Methods and
//! undecorated properties are not columns.

use super::braced::{
    after_angles, after_group, ident, inside, is_opener, name, option_bool, option_string, punct,
    starts_line, string_args, text_of,
};
use super::lexer::{java_tokens, Token, TokenKind};
use super::naming::snake_case;
use super::split::SourceFile;
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::source::{LineIndex, Pane, Span};

/// Decorators that make a property a plain column.
const COLUMNS: [&str; 7] = [
    "Column",
    "PrimaryColumn",
    "PrimaryGeneratedColumn",
    "CreateDateColumn",
    "UpdateDateColumn",
    "DeleteDateColumn",
    "VersionColumn",
];

/// One decorator: its name and the tokens inside its parentheses.
struct Decorator<'a> {
    name: &'a str,
    args: &'a [Token],
}

/// Reads one TypeScript file into `output`.
pub(crate) fn read(pane: &str, index: &LineIndex, file: &SourceFile, output: &mut Output) {
    let tokens = java_tokens(file.text(pane), file.start);
    let span = |offset: usize| index.span(Pane::Models, pane, offset);
    let mut decorators: Vec<Decorator<'_>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((decorator, next)) = decorator(&tokens, i) {
            decorators.push(decorator);
            i = next;
            continue;
        }
        if ident(&tokens, i, "class") {
            let found = std::mem::take(&mut decorators);
            let Some(class) = name(&tokens, i + 1) else {
                i += 1;
                continue;
            };
            let Some(open) = (i..tokens.len()).find(|&at| punct(&tokens, at, '{')) else {
                break;
            };
            let end = after_group(&tokens, open);
            if let Some(entity) = found.iter().find(|d| d.name == "Entity") {
                let offset = tokens.get(i).map_or(0, |t| t.start);
                let model = entity_model(pane, &tokens, open, end, &span);
                output.models.push(RawModel {
                    model: Model {
                        service: file.service.clone(),
                        path: file.path.clone(),
                        class_name: class.to_string(),
                        table: entity_table(entity.args, class),
                        framework: Framework::TypeOrm,
                        columns: model.0,
                        relationships: Vec::new(),
                        span: span(offset),
                    },
                    column_refs: model.1,
                    relationship_refs: model.2,
                });
            }
            i = end.max(i + 1);
            continue;
        }
        if !matches!(
            tokens.get(i).map(|t| t.text.as_str()),
            Some("export" | "default" | "abstract" | "declare")
        ) {
            decorators.clear();
        }
        i += 1;
    }
}

/// Reads `@Name` or `@Name(…)` (or `@a.Name(…)`) at `i`; returns it and the index after it.
fn decorator(tokens: &[Token], i: usize) -> Option<(Decorator<'_>, usize)> {
    if !punct(tokens, i, '@') {
        return None;
    }
    let mut at = i + 1;
    let mut decorator_name = name(tokens, at)?;
    at += 1;
    while punct(tokens, at, '.') {
        decorator_name = name(tokens, at + 1)?;
        at += 2;
    }
    let args: &[Token] = if punct(tokens, at, '(') {
        let args = inside(tokens, at);
        at = after_group(tokens, at);
        args
    } else {
        &[]
    };
    Some((
        Decorator {
            name: decorator_name,
            args,
        },
        at,
    ))
}

/// The table of `@Entity(…)` arguments, else the class name in snake case.
fn entity_table(args: &[Token], class: &str) -> String {
    let name = string_args(args)
        .into_iter()
        .next()
        .flatten()
        .or_else(|| option_string(args, "name"))
        .unwrap_or_else(|| snake_case(class));
    match option_string(args, "schema") {
        Some(schema) => format!("{schema}.{name}"),
        None => name,
    }
}

type Read = (Vec<ModelColumn>, Vec<(usize, ClassRef)>, Vec<ClassRef>);

/// Columns and relations of the class body `{` at `open` … `end`.
fn entity_model(
    pane: &str,
    tokens: &[Token],
    open: usize,
    end: usize,
    span: &dyn Fn(usize) -> Span,
) -> Read {
    let mut read: Read = (Vec::new(), Vec::new(), Vec::new());
    let mut decorators: Vec<Decorator<'_>> = Vec::new();
    let mut i = open + 1;
    let body_end = end.saturating_sub(1);
    while i < body_end {
        if let Some((decorator, next)) = decorator(tokens, i) {
            decorators.push(decorator);
            i = next.max(i + 1);
            continue;
        }
        let Some(token) = tokens.get(i) else { break };
        if token.kind != TokenKind::Ident {
            if is_opener(tokens, i) {
                i = after_group(tokens, i);
            } else {
                i += 1;
            }
            decorators.clear();
            continue;
        }
        if matches!(
            token.text.as_str(),
            "public" | "private" | "protected" | "readonly" | "static" | "declare" | "abstract"
        ) {
            i += 1;
            continue;
        }
        // A member: `name?: Type …;` or a method `name(…) { … }`.
        let mut at = i + 1;
        if punct(tokens, at, '?') || punct(tokens, at, '!') {
            at += 1;
        }
        if punct(tokens, at, '(') || punct(tokens, at, '<') {
            let mut after = if punct(tokens, at, '<') {
                after_angles(tokens, at)
            } else {
                at
            };
            after = after_group(tokens, after);
            while after < body_end && !punct(tokens, after, '{') && !punct(tokens, after, ';') {
                after += 1;
            }
            i = if punct(tokens, after, '{') {
                after_group(tokens, after)
            } else {
                after + 1
            };
            decorators.clear();
            continue;
        }
        let type_start = if punct(tokens, at, ':') { at + 1 } else { at };
        let mut type_end = type_start;
        while type_end < body_end
            && !punct(tokens, type_end, ';')
            && !punct(tokens, type_end, '=')
            && !punct(tokens, type_end, '@')
            && (type_end == type_start || !starts_line(pane, tokens, type_end))
        {
            type_end = if is_opener(tokens, type_end) {
                after_group(tokens, type_end)
            } else if punct(tokens, type_end, '<') {
                after_angles(tokens, type_end)
            } else {
                type_end + 1
            };
        }
        let type_text = text_of(pane, tokens, type_start, type_end);
        property(token, &type_text, &decorators, span, &mut read);
        decorators.clear();
        i = type_end.max(i + 1);
        // Skip an initializer up to the end of the statement.
        if punct(tokens, i, '=') {
            i += 2;
            while i < body_end
                && !punct(tokens, i, ';')
                && !punct(tokens, i, '@')
                && !starts_line(pane, tokens, i)
            {
                i = if is_opener(tokens, i) {
                    after_group(tokens, i)
                } else {
                    i + 1
                };
            }
        }
    }
    read
}

/// The class a relation decorator targets: `() => User`, `type => User`, or `"User"`.
fn relation_target(args: &[Token]) -> Option<String> {
    let arrow = (0..args.len()).find(|&i| punct(args, i, '=') && punct(args, i + 1, '>'));
    match arrow {
        Some(at) => name(args, at + 2).map(str::to_string),
        None => string_args(args).into_iter().next().flatten(),
    }
}

/// Turns one decorated property into a column or a relationship.
fn property(
    token: &Token,
    type_text: &str,
    decorators: &[Decorator<'_>],
    span: &dyn Fn(usize) -> Span,
    read: &mut Read,
) {
    let find = |wanted: &str| decorators.iter().find(|d| d.name == wanted);
    let join = find("JoinColumn");
    let to_one = find("ManyToOne").or_else(|| find("OneToOne").filter(|_| join.is_some()));
    if let Some(relation) = to_one {
        let Some(target) = relation_target(relation.args) else {
            return;
        };
        let column = join
            .and_then(|j| option_string(j.args, "name"))
            .unwrap_or_else(|| format!("{}Id", token.text));
        let nullable = option_bool(relation.args, "nullable").unwrap_or(true);
        let reference = ClassRef {
            class: target.clone(),
            fallback: snake_case(&target),
        };
        read.1.push((read.0.len(), reference.clone()));
        read.2.push(reference);
        read.0.push(ModelColumn {
            name: column,
            orm_type: target,
            nullable: Some(nullable),
            primary_key: false,
            foreign_key: None,
            span: span(token.start),
        });
        return;
    }
    if let Some(relation) = find("OneToMany")
        .or_else(|| find("ManyToMany"))
        .or_else(|| find("OneToOne"))
    {
        if let Some(target) = relation_target(relation.args) {
            read.2.push(ClassRef {
                fallback: snake_case(&target),
                class: target,
            });
        }
        return;
    }
    let Some(column) = decorators.iter().find(|d| COLUMNS.contains(&d.name)) else {
        return;
    };
    let primary_key = column.name.starts_with("Primary");
    let orm_type = string_args(column.args)
        .into_iter()
        .next()
        .flatten()
        .or_else(|| option_string(column.args, "type"))
        .unwrap_or_else(|| type_text.to_string());
    let nullable = option_bool(column.args, "nullable").unwrap_or(false) && !primary_key;
    read.0.push(ModelColumn {
        name: option_string(column.args, "name").unwrap_or_else(|| token.text.clone()),
        orm_type,
        nullable: Some(nullable),
        primary_key: primary_key || option_bool(column.args, "primary") == Some(true),
        foreign_key: None,
        span: span(token.start),
    });
}
