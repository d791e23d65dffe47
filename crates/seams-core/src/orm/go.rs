//! Reading GORM models (Go): `type Name struct { … }` is a model when the file imports GORM, or
//! when the struct embeds `gorm.Model`, has a `gorm:"…"` tag, or has a `TableName()` method. The
//! table is what `func (Name) TableName() string { return "x" }` returns, else GORM's default:
//! the struct name in snake case and plural (`OrderItem` → `order_items`).
//!
//! A field is a column named by its `gorm:"column:x"` tag, else the field name in snake case
//! (`UserID` → `user_id`); `gorm.Model` adds `id`, `created_at`, `updated_at` and
//! `deleted_at`. The primary key is a `primaryKey` tag or a field named `ID`; a column is NOT
//! NULL with a `not null` tag or as the key, nullable otherwise (GORM's migrations). A field whose
//! type is another struct (`Customer`, `*Customer`, `[]Order`) is a relationship, and the field
//! `<Name>ID` beside `Name Customer` (or the `foreignKey:` tag's field) a foreign key to it.
//! `gorm:"-"` fields and lower-case (unexported) fields are not columns.

use super::braced::{after_group, ident, inside, name, punct, starts_line, text_of};
use super::lexer::{java_tokens, Token, TokenKind};
use super::naming::{gorm_table, snake_case};
use super::split::SourceFile;
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::source::{LineIndex, Pane, Span};
use std::collections::BTreeMap;

/// One struct field as written.
struct GoField {
    name: String,
    type_text: String,
    tag: String,
    offset: usize,
}

/// One struct.
struct GoStruct {
    name: String,
    offset: usize,
    fields: Vec<GoField>,
    embeds_model: bool,
}

/// Reads one Go file into `output`.
pub(crate) fn read(pane: &str, index: &LineIndex, file: &SourceFile, output: &mut Output) {
    let text = file.text(pane);
    let tokens = java_tokens(text, file.start);
    let imports_gorm = text.contains("gorm.io/gorm") || text.contains("jinzhu/gorm");
    let mut structs = Vec::new();
    let mut table_names: BTreeMap<String, String> = BTreeMap::new();
    let mut i = 0;
    while i < tokens.len() {
        if ident(&tokens, i, "type")
            && ident(&tokens, i + 2, "struct")
            && punct(&tokens, i + 3, '{')
        {
            let end = after_group(&tokens, i + 3);
            if let Some(struct_name) = name(&tokens, i + 1) {
                let body = inside(&tokens, i + 3);
                let offset = tokens.get(i).map_or(0, |t| t.start);
                structs.push(read_struct(pane, struct_name, offset, body));
            }
            i = end.max(i + 1);
            continue;
        }
        if ident(&tokens, i, "func") && punct(&tokens, i + 1, '(') {
            let receiver = inside(&tokens, i + 1);
            let after = after_group(&tokens, i + 1);
            if ident(&tokens, after, "TableName") {
                let class = receiver
                    .iter()
                    .filter(|t| t.kind == TokenKind::Ident)
                    .map(|t| t.text.clone())
                    .next_back();
                let returned = (after..tokens.len())
                    .take_while(|&at| !punct(&tokens, at, '}'))
                    .find(|&at| ident(&tokens, at, "return"))
                    .and_then(|at| tokens.get(at + 1))
                    .filter(|t| t.kind == TokenKind::Str)
                    .map(|t| t.text.clone());
                if let (Some(class), Some(table)) = (class, returned) {
                    table_names.insert(class, table);
                }
            }
        }
        i += 1;
    }
    let span = |offset: usize| index.span(Pane::Models, pane, offset);
    let struct_names: Vec<String> = structs.iter().map(|s| s.name.clone()).collect();
    for found in &structs {
        let tagged = found.fields.iter().any(|f| f.tag.contains("gorm:"));
        let named = table_names.get(&found.name);
        if !(imports_gorm || found.embeds_model || tagged || named.is_some()) {
            continue;
        }
        if found.fields.is_empty() && !found.embeds_model {
            continue;
        }
        let table = named.cloned().unwrap_or_else(|| gorm_table(&found.name));
        output
            .models
            .push(struct_model(file, found, table, &struct_names, &span));
    }
}

/// Reads the fields of a struct body, one per line.
fn read_struct(pane: &str, struct_name: &str, offset: usize, body: &[Token]) -> GoStruct {
    let mut found = GoStruct {
        name: struct_name.to_string(),
        offset,
        fields: Vec::new(),
        embeds_model: false,
    };
    let mut start = 0;
    for i in 1..=body.len() {
        if i < body.len() && !starts_line(pane, body, i) {
            continue;
        }
        let line = body.get(start..i).unwrap_or_default();
        start = i;
        let tag = line
            .last()
            .filter(|t| t.kind == TokenKind::Str)
            .map(|t| t.text.clone())
            .unwrap_or_default();
        let code_end = if tag.is_empty() {
            line.len()
        } else {
            line.len() - 1
        };
        let code = line.get(..code_end).unwrap_or_default();
        let embedded = code.len() == 1 || (code.len() == 3 && punct(code, 1, '.'));
        if embedded {
            found.embeds_model |=
                code.len() == 3 && ident(code, 0, "gorm") && ident(code, 2, "Model");
            continue;
        }
        // `A, B Type` or `A Type`.
        let mut names = Vec::new();
        let mut at = 0;
        while let Some(token) = code.get(at).filter(|t| t.kind == TokenKind::Ident) {
            names.push(token);
            if punct(code, at + 1, ',') {
                at += 2;
            } else {
                at += 1;
                break;
            }
        }
        if names.is_empty() || at >= code.len() {
            continue;
        }
        let type_text = text_of(pane, code, at, code.len());
        for field_name in names {
            found.fields.push(GoField {
                name: field_name.text.clone(),
                type_text: type_text.clone(),
                tag: tag.clone(),
                offset: field_name.start,
            });
        }
    }
    found
}

/// The `gorm:"…"` settings of a struct tag: `column:x;primaryKey;not null` → key → value.
fn gorm_settings(tag: &str) -> BTreeMap<String, String> {
    let mut settings = BTreeMap::new();
    let Some(at) = tag.find("gorm:\"") else {
        return settings;
    };
    let rest = tag.get(at + 6..).unwrap_or_default();
    let value = rest.split('"').next().unwrap_or_default();
    for part in value.split(';') {
        let (key, value) = part.split_once(':').unwrap_or((part, ""));
        settings.insert(
            key.trim().to_ascii_lowercase().replace([' ', '_'], ""),
            value.trim().to_string(),
        );
    }
    settings
}

/// The struct named by a field type (`Customer`, `*Customer`, `[]Order`, `[]*Order`), if the
/// type is an exported name of this package, and whether it is a slice.
fn struct_type(type_text: &str) -> Option<(&str, bool)> {
    let slice = type_text.starts_with("[]");
    let bare = type_text.trim_start_matches("[]").trim_start_matches('*');
    let exported = bare.chars().next().is_some_and(char::is_uppercase);
    let plain = bare.chars().all(|c| c.is_alphanumeric() || c == '_');
    (exported && plain).then_some((bare, slice))
}

fn struct_model(
    file: &SourceFile,
    found: &GoStruct,
    table: String,
    struct_names: &[String],
    span: &dyn Fn(usize) -> Span,
) -> RawModel {
    let mut model = RawModel {
        model: Model {
            service: file.service.clone(),
            path: file.path.clone(),
            class_name: found.name.clone(),
            table,
            framework: Framework::Gorm,
            columns: Vec::new(),
            relationships: Vec::new(),
            span: span(found.offset),
        },
        column_refs: Vec::new(),
        relationship_refs: Vec::new(),
    };
    if found.embeds_model {
        for (column, orm_type, primary_key) in [
            ("id", "uint", true),
            ("created_at", "time.Time", false),
            ("updated_at", "time.Time", false),
            ("deleted_at", "gorm.DeletedAt", false),
        ] {
            model.model.columns.push(ModelColumn {
                name: column.to_string(),
                orm_type: orm_type.to_string(),
                nullable: Some(!primary_key),
                primary_key,
                foreign_key: None,
                span: span(found.offset),
            });
        }
    }
    // Foreign-key fields: the field name → the struct it points at.
    let mut foreign: BTreeMap<String, String> = BTreeMap::new();
    for field in &found.fields {
        let Some((target, slice)) = struct_type(&field.type_text) else {
            continue;
        };
        let known = struct_names.iter().any(|s| s == target);
        if !known && !field.tag.contains("foreignKey") {
            continue;
        }
        if !slice {
            let settings = gorm_settings(&field.tag);
            let key = settings
                .get("foreignkey")
                .cloned()
                .unwrap_or_else(|| format!("{}ID", field.name));
            foreign.insert(key, target.to_string());
        }
    }
    for field in &found.fields {
        let settings = gorm_settings(&field.tag);
        let exported = field.name.chars().next().is_some_and(char::is_uppercase);
        if settings.contains_key("-") || !exported {
            continue;
        }
        if let Some((target, _)) = struct_type(&field.type_text) {
            if struct_names.iter().any(|s| s == target) || foreign.values().any(|t| t == target) {
                model.relationship_refs.push(ClassRef {
                    class: target.to_string(),
                    fallback: gorm_table(target),
                });
                continue;
            }
        }
        let primary_key = settings.contains_key("primarykey") || field.name == "ID";
        let not_null = settings.contains_key("notnull") || primary_key;
        let column_name = settings
            .get("column")
            .filter(|c| !c.is_empty())
            .cloned()
            .unwrap_or_else(|| snake_case(&field.name));
        if let Some(target) = foreign.get(&field.name) {
            model.column_refs.push((
                model.model.columns.len(),
                ClassRef {
                    class: target.clone(),
                    fallback: gorm_table(target),
                },
            ));
        }
        let pointer = field.type_text.starts_with('*') || field.type_text.contains("Null");
        model.model.columns.push(ModelColumn {
            name: column_name,
            orm_type: field.type_text.clone(),
            nullable: Some(!not_null && (pointer || !primary_key)),
            primary_key,
            foreign_key: None,
            span: span(field.offset),
        });
    }
    model
}
