//! Reading a Prisma schema (`schema.prisma`): each `model Name { … }` block is a model of the
//! table `@@map("x")` names (else the model name), in `@@schema("s")` when given. A field whose
//! type is a scalar (or an enum or composite type) is a column named by `@map("x")` (else the
//! field name), NOT NULL unless its type ends in `?`, a primary key with `@id` or in
//! `@@id([…])`. A field whose type is another model is a relationship; its
//! `@relation(fields: [authorId], …)` makes those columns foreign keys to that model's table.
//! `datasource`, `generator`, `enum`, `type` and `view` blocks are not models.

use super::braced::{after_group, ident, inside, name, punct, starts_line, string_args, text_of};
use super::lexer::{java_tokens, Token, TokenKind};
use super::split::SourceFile;
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::source::{LineIndex, Pane, Span};
use std::collections::BTreeSet;

/// Prisma's scalar types; any other type that is a model of the file is a relation.
const SCALARS: [&str; 10] = [
    "String",
    "Boolean",
    "Int",
    "BigInt",
    "Float",
    "Decimal",
    "DateTime",
    "Json",
    "Bytes",
    "Unsupported",
];

/// Reads one Prisma schema into `output`.
pub(crate) fn read(pane: &str, index: &LineIndex, file: &SourceFile, output: &mut Output) {
    let tokens = java_tokens(file.text(pane), file.start);
    let mut models: BTreeSet<&str> = BTreeSet::new();
    models.extend(
        (0..tokens.len())
            .filter(|&i| ident(&tokens, i, "model") && starts_line(pane, &tokens, i))
            .filter_map(|i| name(&tokens, i + 1)),
    );
    let mut i = 0;
    while i < tokens.len() {
        let block = ident(&tokens, i, "model")
            && starts_line(pane, &tokens, i)
            && name(&tokens, i + 1).is_some()
            && punct(&tokens, i + 2, '{');
        if !block {
            i += 1;
            continue;
        }
        let end = after_group(&tokens, i + 2);
        let body = inside(&tokens, i + 2);
        let class = name(&tokens, i + 1).unwrap_or_default();
        let offset = tokens.get(i).map_or(0, |t| t.start);
        let span = |offset: usize| index.span(Pane::Models, pane, offset);
        let model = read_model(pane, body, class, &models, &span);
        output.models.push(RawModel {
            model: Model {
                service: file.service.clone(),
                path: file.path.clone(),
                class_name: class.to_string(),
                table: model.table,
                framework: Framework::Prisma,
                columns: model.columns,
                relationships: Vec::new(),
                span: span(offset),
            },
            column_refs: model.column_refs,
            relationship_refs: model.relationship_refs,
        });
        i = end.max(i + 1);
    }
}

/// What one `model` block declares.
struct Block {
    table: String,
    columns: Vec<ModelColumn>,
    column_refs: Vec<(usize, ClassRef)>,
    relationship_refs: Vec<ClassRef>,
}

/// The lines of a block body: token ranges cut at line breaks.
fn lines(pane: &str, body: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=body.len() {
        if i == body.len() || starts_line(pane, body, i) {
            out.push((start, i));
            start = i;
        }
    }
    out
}

fn read_model(
    pane: &str,
    body: &[Token],
    class: &str,
    models: &BTreeSet<&str>,
    span: &dyn Fn(usize) -> Span,
) -> Block {
    let mut block = Block {
        table: class.to_string(),
        columns: Vec::new(),
        column_refs: Vec::new(),
        relationship_refs: Vec::new(),
    };
    let mut schema = None;
    let mut composite_key: Vec<String> = Vec::new();
    // Foreign keys: (column field names, target model).
    let mut relations: Vec<(Vec<String>, String)> = Vec::new();
    // Field name → column index, for `@@id` and `@relation(fields: …)`.
    let mut fields: Vec<(String, usize)> = Vec::new();
    for (from, to) in lines(pane, body) {
        let line = body.get(from..to).unwrap_or_default();
        if punct(line, 0, '@') && punct(line, 1, '@') {
            let args = if punct(line, 3, '(') {
                inside(line, 3)
            } else {
                &[]
            };
            match name(line, 2) {
                Some("map") => {
                    if let Some(Some(table)) = string_args(args).first() {
                        block.table = table.clone();
                    }
                }
                Some("schema") => schema = string_args(args).into_iter().next().flatten(),
                Some("id") => composite_key = idents_in_list(args),
                _ => {}
            }
            continue;
        }
        let (Some(field), Some(type_name)) = (line.first(), name(line, 1)) else {
            continue;
        };
        if field.kind != TokenKind::Ident {
            continue;
        }
        let mut at = 2;
        let mut list = false;
        if punct(line, at, '[') && punct(line, at + 1, ']') {
            list = true;
            at += 2;
        }
        let optional = punct(line, at, '?');
        let attributes = line.get(at..).unwrap_or_default();
        if models.contains(type_name) && !SCALARS.contains(&type_name) {
            block.relationship_refs.push(ClassRef {
                class: type_name.to_string(),
                fallback: type_name.to_string(),
            });
            if let Some(columns) =
                attribute(attributes, "relation").and_then(|args| list_after(args, "fields"))
            {
                relations.push((columns, type_name.to_string()));
            }
            continue;
        }
        let column_name = attribute(attributes, "map")
            .and_then(|args| string_args(args).into_iter().next().flatten())
            .unwrap_or_else(|| field.text.clone());
        let primary_key = attribute(attributes, "id").is_some();
        fields.push((field.text.clone(), block.columns.len()));
        block.columns.push(ModelColumn {
            name: column_name,
            orm_type: text_of(pane, line, 1, if list { 4 } else { 2 }),
            nullable: Some(optional && !primary_key),
            primary_key,
            foreign_key: None,
            span: span(field.start),
        });
    }
    for key in &composite_key {
        if let Some((_, at)) = fields.iter().find(|(f, _)| f == key) {
            if let Some(column) = block.columns.get_mut(*at) {
                column.primary_key = true;
                column.nullable = Some(false);
            }
        }
    }
    for (columns, target) in relations {
        for column in columns {
            if let Some((_, at)) = fields.iter().find(|(f, _)| *f == column) {
                block.column_refs.push((
                    *at,
                    ClassRef {
                        class: target.clone(),
                        fallback: target.clone(),
                    },
                ));
            }
        }
    }
    if let Some(schema) = schema {
        block.table = format!("{schema}.{}", block.table);
    }
    block
}

/// The arguments of attribute `@name(…)` among a field's attributes (empty when it has none).
fn attribute<'a>(attributes: &'a [Token], wanted: &str) -> Option<&'a [Token]> {
    (0..attributes.len()).find_map(|i| {
        let at = punct(attributes, i, '@')
            && !punct(attributes, i.wrapping_sub(1), '@')
            && ident(attributes, i + 1, wanted)
            && !punct(attributes, i + 2, '.');
        if !at {
            return None;
        }
        Some(if punct(attributes, i + 2, '(') {
            inside(attributes, i + 2)
        } else {
            &[]
        })
    })
}

/// The names in `key: [a, b]` within attribute arguments.
fn list_after(args: &[Token], key: &str) -> Option<Vec<String>> {
    let at = (0..args.len()).find(|&i| ident(args, i, key) && punct(args, i + 1, ':'))?;
    punct(args, at + 2, '[').then(|| idents_in_list(args.get(at + 2..).unwrap_or_default()))
}

/// The identifiers in the first `[…]` of `tokens` (or in all of it when there is none).
fn idents_in_list(tokens: &[Token]) -> Vec<String> {
    let list = match (0..tokens.len()).find(|&i| punct(tokens, i, '[')) {
        Some(open) => inside(tokens, open),
        None => tokens,
    };
    list.iter()
        .filter(|t| t.kind == TokenKind::Ident)
        .map(|t| t.text.clone())
        .collect()
}
