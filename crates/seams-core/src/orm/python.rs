//! Reading Python model files: SQLAlchemy declarative classes (classic `Column(...)` and 2.0
//! `Mapped[...] = mapped_column(...)`), SQLAlchemy Core `Table("users", metadata, Column(...))`,
//! Flask-SQLAlchemy `db.Model` classes and Django `models.Model` classes.
//!
//! Nullability follows each framework's default when the code does not state it: a SQLAlchemy
//! `Column` is nullable unless `nullable=False` or a primary key; a `Mapped[T]` column is nullable
//! only when `T` is `Optional[…]` or `… | None`; a Django field is NOT NULL unless `null=True`.
//!
//! Django's default table is `<app_label>_<lowercased class name>`. The app label is taken from
//! the path: the directory holding `models.py` or the `models/` package
//! (`shop/orders/models.py` → `orders`, `app_a/models/user.py` → `app_a`), else the service
//! segment. That is Django's own rule for the usual layouts (the label is the app package's last
//! name); a custom `AppConfig.label` cannot be seen from the models and needs `db_table`.

use super::expr::{self, keyword, last_segment, positional, Expr, ExprKind};
use super::lexer::{python_lines, LogicalLine, Token, TokenKind};
use super::split::SourceFile;
use super::{ClassRef, Framework, Model, ModelColumn, Output, RawModel};
use crate::diagnostic::Diagnostic;
use crate::order;
use crate::order::Collect;
use crate::source::{LineIndex, Pane, Span};
use std::collections::{BTreeMap, BTreeSet};

/// How deep base classes in the same file are followed for inherited columns.
const MAX_INHERITANCE: usize = 8;

/// Everything needed to turn offsets into spans and report problems in one file.
struct Context<'a> {
    pane: &'a str,
    index: &'a LineIndex,
    file: &'a SourceFile,
}

impl Context<'_> {
    fn span(&self, offset: usize) -> Span {
        self.index.span(Pane::Models, self.pane, offset)
    }

    /// The source text of `expr`, with whitespace runs collapsed.
    fn text_of(&self, expr: &Expr) -> String {
        let raw = self.pane.get(expr.start..expr.end).unwrap_or_default();
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The Django app label for this file (see the module doc).
    fn app_label(&self) -> String {
        let segments: Vec<&str> = self.file.path.split('/').collect();
        let at = segments
            .iter()
            .position(|s| *s == "models" || *s == "models.py");
        match at
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| segments.get(i))
        {
            Some(label) => (*label).to_string(),
            None => self.file.service.clone(),
        }
    }
}

/// One class statement and what its body declares.
#[derive(Debug, Clone, Default)]
struct PyClass {
    name: String,
    bases: Vec<String>,
    offset: usize,
    tablename: Option<String>,
    /// The `schema` of `__table_args__`, if any.
    schema: Option<String>,
    core_table: Option<CoreTable>,
    abstract_model: bool,
    django_table: Option<String>,
    django: bool,
    sqlalchemy: bool,
    columns: Vec<(ModelColumn, Option<ClassRef>)>,
    relationships: Vec<ClassRef>,
}

/// Reads one Python file into `output`.
pub(crate) fn read(pane: &str, index: &LineIndex, file: &SourceFile, output: &mut Output) {
    let context = Context { pane, index, file };
    let lines = python_lines(file.text(pane), file.start);
    for line in &lines {
        if let Some(offset) = line.unclosed {
            output.diagnostics.push(Diagnostic::error(
                context.span(offset),
                "this bracket is never closed; the declarations after it could not be read",
            ));
        }
    }
    let mut classes = Vec::new();
    let mut models = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(class) = read_class(&context, &lines, i, output) {
            classes.push(class);
        } else if let Some(model) = read_core_table(&context, line, output) {
            models.push(model);
        }
    }
    let by_name = index_by_name(&classes);
    let django: Vec<bool> = classes.iter().map(|c| is_django(c, &by_name, 0)).collect();
    for (class, django) in classes.iter_mut().zip(django) {
        class.django = django;
    }
    let used_as_base: BTreeSet<&str> = classes
        .iter()
        .flat_map(|c| c.bases.iter().map(|b| last_segment(b)))
        .collect_set();
    let by_name = index_by_name(&classes);
    for class in &classes {
        let columns = inherited_columns(class, &by_name, 0);
        if let Some(model) = class_model(&context, class, columns, &used_as_base, output) {
            models.push(model);
        }
    }
    // Input order: Core tables and classes interleave as written.
    order::sort_by_key(&mut models, |m| m.model.span);
    output.models.extend(models);
}

/// Classes of one file by name (the first of a name wins), for following base classes.
type ByName<'a> = BTreeMap<&'a str, &'a PyClass>;

fn index_by_name(classes: &[PyClass]) -> ByName<'_> {
    let mut by_name = BTreeMap::new();
    for class in classes {
        by_name.entry(class.name.as_str()).or_insert(class);
    }
    by_name
}

/// Whether the class is a Django model, itself or through a base class of the same file.
fn is_django(class: &PyClass, classes: &ByName<'_>, depth: usize) -> bool {
    class.django
        || (depth < MAX_INHERITANCE
            && class.bases.iter().any(|base| {
                classes
                    .get(last_segment(base))
                    .filter(|c| c.name != class.name)
                    .is_some_and(|parent| is_django(parent, classes, depth + 1))
            }))
}

/// The class's columns after the columns of its bases defined in the same file: a base's column
/// counts once (the first base to define it wins) unless the class defines it; a column the
/// class defines twice counts once, at its last definition. Names are kept in sets, so a wide
/// model costs no scan per column.
fn inherited_columns(
    class: &PyClass,
    classes: &ByName<'_>,
    depth: usize,
) -> Vec<(ModelColumn, Option<ClassRef>)> {
    let mut columns: Vec<(ModelColumn, Option<ClassRef>)> = Vec::new();
    let mut inherited: BTreeSet<String> = BTreeSet::new();
    if depth < MAX_INHERITANCE {
        for base in &class.bases {
            let name = last_segment(base);
            let Some(parent) = classes.get(name).filter(|c| c.name != class.name) else {
                continue;
            };
            // Columns of a base that maps its own table belong to that table, not this one.
            // So do a concrete Django parent's (multi-table inheritance).
            let concrete_django = parent.django && !parent.abstract_model;
            if parent.tablename.is_some() || parent.core_table.is_some() || concrete_django {
                continue;
            }
            for column in inherited_columns(parent, classes, depth + 1) {
                crate::work::step(1);
                if inherited.insert(column.0.name.clone()) {
                    columns.push(column);
                }
            }
        }
    }
    // The class's own columns replace the bases' of the same name; of its own repeated names,
    // the last definition stays, in its place.
    let mut last: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, column) in class.columns.iter().enumerate() {
        crate::work::step(1);
        last.insert(column.0.name.as_str(), i);
    }
    columns.retain(|(c, _)| !last.contains_key(c.name.as_str()));
    columns.extend(
        class
            .columns
            .iter()
            .enumerate()
            .filter(|(i, column)| last.get(column.0.name.as_str()) == Some(i))
            .map(|(_, column)| column.clone()),
    );
    columns
}

fn class_model(
    context: &Context<'_>,
    class: &PyClass,
    mut columns: Vec<(ModelColumn, Option<ClassRef>)>,
    used_as_base: &BTreeSet<&str>,
    output: &mut Output,
) -> Option<RawModel> {
    let span = context.span(class.offset);
    if class.abstract_model {
        return None;
    }
    let (table, framework) = if let Some((table, core_columns)) = &class.core_table {
        columns = core_columns.clone();
        (table.clone(), Framework::SqlAlchemy)
    } else if class.django {
        let table = class.django_table.clone().unwrap_or_else(|| {
            format!(
                "{}_{}",
                context.app_label(),
                class.name.to_ascii_lowercase()
            )
        });
        if !columns.iter().any(|(c, _)| c.primary_key) {
            columns.insert(
                0,
                (
                    ModelColumn {
                        name: "id".to_string(),
                        orm_type: "AutoField".to_string(),
                        nullable: Some(false),
                        primary_key: true,
                        foreign_key: None,
                        span,
                    },
                    None,
                ),
            );
        }
        (table, Framework::Django)
    } else if let Some(table) = &class.tablename {
        let table = match &class.schema {
            Some(schema) if !schema.is_empty() => format!("{schema}.{table}"),
            _ => table.clone(),
        };
        (table, Framework::SqlAlchemy)
    } else if class.sqlalchemy && class.bases.iter().any(|b| b == "db.Model") {
        let table = super::naming::snake_case(&class.name);
        output.diagnostics.push(Diagnostic::info(
            span,
            format!(
                "`{}` has no `__tablename__`; Flask-SQLAlchemy names its table `{table}`",
                class.name
            ),
        ));
        (table, Framework::SqlAlchemy)
    } else {
        if class.sqlalchemy && !columns.is_empty() && !used_as_base.contains(class.name.as_str()) {
            output.diagnostics.push(Diagnostic::warning(
                span,
                format!(
                    "class `{}` declares columns but no `__tablename__` (a mixin or single-table \
                     subclass?); it is not read as a model",
                    class.name
                ),
            ));
        }
        return None;
    };
    if table.trim().is_empty() {
        output.diagnostics.push(Diagnostic::warning(
            span,
            format!("class `{}` maps an empty table name; skipped", class.name),
        ));
        return None;
    }
    let mut column_refs = Vec::new();
    let mut model_columns = Vec::new();
    for (i, (column, reference)) in columns.into_iter().enumerate() {
        if let Some(reference) = reference {
            let reference = if reference.class == "self" {
                ClassRef {
                    class: class.name.clone(),
                    fallback: table.clone(),
                }
            } else {
                reference
            };
            column_refs.push((i, reference));
        }
        model_columns.push(column);
    }
    Some(RawModel {
        model: Model {
            service: context.file.service.clone(),
            path: context.file.path.clone(),
            class_name: class.name.clone(),
            table,
            framework,
            columns: model_columns,
            relationships: Vec::new(),
            span,
        },
        column_refs,
        relationship_refs: class.relationships.clone(),
    })
}

/// The block of lines indented deeper than line `at`.
fn block(lines: &[LogicalLine], at: usize) -> &[LogicalLine] {
    let Some(header) = lines.get(at) else {
        return &[];
    };
    let rest = lines.get(at + 1..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|l| l.indent <= header.indent)
        .unwrap_or(rest.len());
    rest.get(..len).unwrap_or_default()
}

/// Reads `class Name(bases):` at line `at` and its body, or None when the line is not a class.
fn read_class(
    context: &Context<'_>,
    lines: &[LogicalLine],
    at: usize,
    output: &mut Output,
) -> Option<PyClass> {
    let line = lines.get(at)?;
    let tokens = &line.tokens;
    let first = tokens.first()?;
    if !first.is_ident("class") {
        return None;
    }
    let name = tokens.get(1).filter(|t| t.kind == TokenKind::Ident)?;
    let mut class = PyClass {
        name: name.text.clone(),
        offset: first.start,
        ..PyClass::default()
    };
    if tokens.get(2).is_some_and(|t| t.is_punct('(')) {
        let (args, _) = expr::parse_args(tokens.get(3..).unwrap_or_default());
        class.bases = positional(&args)
            .filter_map(|b| b.as_name().map(str::to_string))
            .collect();
    }
    class.django = class.bases.iter().any(|b| b == "models.Model");
    let body = block(lines, at);
    let body_indent = body.first().map_or(0, |l| l.indent);
    for (i, member) in body.iter().enumerate() {
        if member.indent != body_indent {
            continue;
        }
        let Some(head) = member.tokens.first() else {
            continue;
        };
        if head.is_ident("class") && member.tokens.get(1).is_some_and(|t| t.is_ident("Meta")) {
            for meta in block(body, i) {
                read_meta(meta, &mut class);
            }
            continue;
        }
        read_member(context, member, &mut class, output);
    }
    // A plain class (declarative base, enum, schema) reads as one with no columns and no table,
    // which `class_model` passes over silently.
    Some(class)
}

/// Reads `db_table = "x"` and `abstract = True` from a Django `class Meta:` body line.
fn read_meta(line: &LogicalLine, class: &mut PyClass) {
    let Some((name, value)) = assignment(line) else {
        return;
    };
    match name.text.as_str() {
        "db_table" => class.django_table = value.as_str().map(str::to_string),
        "abstract" => class.abstract_model = value.as_bool() == Some(true),
        _ => {}
    }
}

/// `name = expr` → (name token, expr).
fn assignment(line: &LogicalLine) -> Option<(&Token, Expr)> {
    let name = line.tokens.first().filter(|t| t.kind == TokenKind::Ident)?;
    let eq = line.tokens.get(1)?;
    if !eq.is_punct('=') || line.tokens.get(2).is_some_and(|t| t.is_punct('=')) {
        return None;
    }
    let (value, _) = expr::parse(line.tokens.get(2..)?);
    Some((name, value))
}

/// `name = expr`, `self.name = expr`, `a.b.name = expr` or `name: T = expr` → (the last name
/// token, expr): where a Core `Table(...)` may be assigned, at any level (`__init__` included).
fn target_assignment(line: &LogicalLine) -> Option<(&Token, Expr)> {
    let tokens = &line.tokens;
    let mut at = 0;
    let mut name = tokens.first().filter(|t| t.kind == TokenKind::Ident)?;
    while tokens.get(at + 1).is_some_and(|t| t.is_punct('.')) {
        name = tokens.get(at + 2).filter(|t| t.kind == TokenKind::Ident)?;
        at += 2;
    }
    let mut value_at = at + 1;
    if tokens.get(value_at).is_some_and(|t| t.is_punct(':')) {
        // An annotation: skip to the `=` at bracket depth 0.
        let (_, used) = expr::parse(tokens.get(value_at + 1..)?);
        value_at += 1 + used;
    }
    let eq = tokens.get(value_at)?;
    if !eq.is_punct('=') || tokens.get(value_at + 1).is_some_and(|t| t.is_punct('=')) {
        return None;
    }
    let (value, _) = expr::parse(tokens.get(value_at + 1..)?);
    Some((name, value))
}

/// The `"schema": "x"` entry of a `__table_args__` dict (alone or last in a tuple).
fn table_args_schema(line: &LogicalLine) -> Option<String> {
    line.tokens.windows(3).find_map(|window| match window {
        [key, colon, value]
            if key.kind == TokenKind::Str
                && key.text == "schema"
                && colon.is_punct(':')
                && value.kind == TokenKind::Str =>
        {
            Some(value.text.clone())
        }
        _ => None,
    })
}

/// `name: annotation [= expr]` → (name token, annotation, value).
fn annotated(line: &LogicalLine) -> Option<(&Token, Expr, Option<Expr>)> {
    let name = line.tokens.first().filter(|t| t.kind == TokenKind::Ident)?;
    if !line.tokens.get(1)?.is_punct(':') {
        return None;
    }
    let rest = line.tokens.get(2..)?;
    let (annotation, used) = expr::parse(rest);
    let value = match rest.get(used) {
        Some(t) if t.is_punct('=') => Some(expr::parse(rest.get(used + 1..)?).0),
        _ => None,
    };
    Some((name, annotation, value))
}

fn is_column_call(func: &str) -> bool {
    matches!(last_segment(func), "Column" | "mapped_column")
}

fn is_relationship_call(func: &str) -> bool {
    matches!(last_segment(func), "relationship" | "relation")
}

fn is_django_field(func: &str) -> bool {
    let last = last_segment(func);
    let field_like = last.ends_with("Field") || last == "ForeignKey";
    field_like && (func.starts_with("models.") || func == last)
}

/// Reads one direct member line of a class body.
fn read_member(
    context: &Context<'_>,
    line: &LogicalLine,
    class: &mut PyClass,
    output: &mut Output,
) {
    if let Some((name, value)) = assignment(line) {
        match name.text.as_str() {
            "__tablename__" => {
                class.sqlalchemy = true;
                match value.as_str() {
                    Some(table) => class.tablename = Some(table.to_string()),
                    None => output.diagnostics.push(Diagnostic::warning(
                        context.span(value.start),
                        format!(
                            "`__tablename__` of `{}` is not a string literal; the class is \
                             not read as a model",
                            class.name
                        ),
                    )),
                }
                return;
            }
            "__table_args__" => {
                class.schema = table_args_schema(line);
                return;
            }
            "__abstract__" => {
                class.abstract_model = value.as_bool() == Some(true);
                return;
            }
            "__table__" => {
                class.sqlalchemy = true;
                if let Some(table) = core_table(context, &value, output) {
                    class.core_table = Some(table);
                }
                return;
            }
            _ => {}
        }
        let Some((func, args)) = value.call() else {
            return warn_if_column_like(context, line, output);
        };
        if is_column_call(func) {
            class.sqlalchemy = true;
            let column = sqlalchemy_column(context, name, args, None);
            class.columns.push(column);
        } else if is_relationship_call(func) {
            class.sqlalchemy = true;
            if let Some(reference) = relationship_target(args, None) {
                class.relationships.push(reference);
            }
        } else if is_django_field(func) {
            class.django = class.django || func.starts_with("models.") || !class.sqlalchemy;
            django_field(context, name, func, args, class);
        }
        return;
    }
    if let Some((name, annotation, value)) = annotated(line) {
        let mapped = match &annotation.kind {
            ExprKind::Subscript { base, items } if last_segment(base) == "Mapped" => {
                items.first().cloned()
            }
            _ => None,
        };
        let Some(inner) = mapped else {
            return;
        };
        class.sqlalchemy = true;
        match value.as_ref().and_then(|v| v.call()) {
            Some((func, args)) if is_relationship_call(func) => {
                if let Some(reference) = relationship_target(args, Some(&inner)) {
                    class.relationships.push(reference);
                }
            }
            Some((func, args)) if is_column_call(func) => {
                let column = sqlalchemy_column(context, name, args, Some(&inner));
                class.columns.push(column);
            }
            Some(_) => {}
            None if value.is_some() => {}
            None => {
                if looks_like_relationship(&inner) {
                    if let Some(reference) = relationship_target(&[], Some(&inner)) {
                        class.relationships.push(reference);
                    }
                } else {
                    let column = sqlalchemy_column(context, name, &[], Some(&inner));
                    class.columns.push(column);
                }
            }
        }
        return;
    }
    warn_if_column_like(context, line, output);
}

/// A member line that mentions a column constructor but has no readable shape.
fn warn_if_column_like(context: &Context<'_>, line: &LogicalLine, output: &mut Output) {
    let column_like = line.tokens.windows(2).any(|pair| match pair {
        [name, open] => {
            open.is_punct('(')
                && name.kind == TokenKind::Ident
                && (is_column_call(&name.text) || name.text.ends_with("Field"))
        }
        _ => false,
    });
    if column_like && line.unclosed.is_none() {
        let offset = line.tokens.first().map_or(0, |t| t.start);
        output.diagnostics.push(Diagnostic::warning(
            context.span(offset),
            "could not read this column declaration (expected `name = Column(...)`); skipped",
        ));
    }
}

/// Whether a `Mapped[...]` payload names another class (`"Order"`, `List["Order"]`).
fn looks_like_relationship(inner: &Expr) -> bool {
    match &inner.kind {
        ExprKind::Str(_) => true,
        ExprKind::Subscript { base, .. } => matches!(
            last_segment(base),
            "List" | "list" | "Set" | "set" | "WriteOnlyMapped" | "DynamicMapped"
        ),
        _ => false,
    }
}

/// The class a relationship points at: its first argument, else the `Mapped[...]` payload.
fn relationship_target(args: &[expr::Arg], inner: Option<&Expr>) -> Option<ClassRef> {
    let from_args = positional(args)
        .next()
        .or_else(|| keyword(args, "argument"))
        .and_then(class_name_of);
    from_args
        .or_else(|| inner.and_then(class_name_of))
        .map(|class| ClassRef {
            fallback: class.clone(),
            class,
        })
}

/// The class named by `"Order"`, `Order`, `models.Order`, `List["Order"]`, `Optional[Order]`.
fn class_name_of(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Str(s) => Some(last_segment(s.trim()).to_string()).filter(|s| !s.is_empty()),
        ExprKind::Name(n) => Some(last_segment(n).to_string()),
        ExprKind::Subscript { items, .. } => items.iter().find_map(class_name_of),
        ExprKind::Union(parts) => parts
            .iter()
            .filter(|p| p.as_name() != Some("None"))
            .find_map(class_name_of),
        _ => None,
    }
}

/// Whether a `Mapped[...]` payload allows None, and the payload without the None part.
fn optional_payload(inner: &Expr) -> (bool, &Expr) {
    match &inner.kind {
        ExprKind::Subscript { base, items } if last_segment(base) == "Optional" => {
            (true, items.first().unwrap_or(inner))
        }
        ExprKind::Subscript { base, items } if last_segment(base) == "Union" => {
            let has_none = items.iter().any(|i| i.as_name() == Some("None"));
            let rest = items
                .iter()
                .find(|i| i.as_name() != Some("None"))
                .unwrap_or(inner);
            (has_none, rest)
        }
        ExprKind::Union(parts) => {
            let has_none = parts.iter().any(|i| i.as_name() == Some("None"));
            let rest = parts
                .iter()
                .find(|i| i.as_name() != Some("None"))
                .unwrap_or(inner);
            (has_none, rest)
        }
        _ => (false, inner),
    }
}

/// A SQLAlchemy column from `Column(...)` / `mapped_column(...)` arguments, with the `Mapped`
/// payload when the attribute is annotated.
fn sqlalchemy_column(
    context: &Context<'_>,
    name: &Token,
    args: &[expr::Arg],
    mapped: Option<&Expr>,
) -> (ModelColumn, Option<ClassRef>) {
    let (mut column, reference) = column_from_args(context, args);
    let attribute_name = column.name.is_empty();
    if attribute_name {
        column.name = name.text.clone();
    }
    column.span = context.span(name.start);
    let stated_nullable = keyword(args, "nullable").and_then(Expr::as_bool);
    let nullable = match (stated_nullable, mapped) {
        (Some(stated), _) => stated,
        (None, _) if column.primary_key => false,
        (None, Some(inner)) => optional_payload(inner).0,
        (None, None) => true,
    };
    column.nullable = Some(nullable);
    if column.orm_type.is_empty() {
        if let Some(inner) = mapped {
            column.orm_type = context.text_of(optional_payload(inner).1);
        }
    }
    (column, reference)
}

/// Name, type, primary key and foreign key from Column arguments (nullability is left to the
/// caller, which knows the framework default).
fn column_from_args(context: &Context<'_>, args: &[expr::Arg]) -> (ModelColumn, Option<ClassRef>) {
    let mut column = ModelColumn {
        name: String::new(),
        orm_type: String::new(),
        nullable: None,
        primary_key: keyword(args, "primary_key").and_then(Expr::as_bool) == Some(true),
        foreign_key: None,
        span: Span::start(Pane::Models),
    };
    let mut reference = None;
    let mut positional_args = positional(args).peekable();
    if let Some(name) = positional_args.peek().and_then(|e| e.as_str()) {
        column.name = name.to_string();
        positional_args.next();
    }
    for arg in positional_args {
        match arg.call() {
            Some((func, fk_args)) if last_segment(func) == "ForeignKey" => {
                match positional(fk_args).next().map(|e| &e.kind) {
                    Some(ExprKind::Str(target)) => {
                        let table = target.rsplit_once('.').map_or(target.as_str(), |(t, _)| t);
                        column.foreign_key = Some(table.to_string());
                    }
                    Some(ExprKind::Name(target)) => {
                        // `ForeignKey(User.id)` or `ForeignKey(users.c.id)`.
                        let parts: Vec<&str> = target.split('.').collect();
                        let class = match parts.as_slice() {
                            [.., table, "c", _] => (*table).to_string(),
                            [.., class, _] => (*class).to_string(),
                            [only] => (*only).to_string(),
                            [] => String::new(),
                        };
                        if !class.is_empty() {
                            reference = Some(ClassRef {
                                fallback: class.clone(),
                                class,
                            });
                        }
                    }
                    _ => {}
                }
            }
            Some((func, _))
                if matches!(
                    last_segment(func),
                    "Sequence" | "Identity" | "Computed" | "CheckConstraint" | "FetchedValue"
                ) => {}
            _ if column.orm_type.is_empty() && !matches!(arg.kind, ExprKind::Str(_)) => {
                column.orm_type = context.text_of(arg);
            }
            _ => {}
        }
    }
    if column.orm_type.is_empty() {
        if let Some(type_arg) = keyword(args, "type_") {
            column.orm_type = context.text_of(type_arg);
        }
    }
    (column, reference)
}

/// Reads a Django field into the class.
fn django_field(
    context: &Context<'_>,
    name: &Token,
    func: &str,
    args: &[expr::Arg],
    class: &mut PyClass,
) {
    let kind = last_segment(func);
    let target = keyword(args, "to").or_else(|| positional(args).next());
    let reference = target.and_then(|t| django_target(context, t));
    if kind == "ManyToManyField" {
        if let Some(reference) = reference {
            class.relationships.push(reference);
        }
        return;
    }
    let is_key = matches!(kind, "ForeignKey" | "OneToOneField");
    let column_name = match keyword(args, "db_column").and_then(Expr::as_str) {
        Some(written) => written.to_string(),
        None if is_key => format!("{}_id", name.text),
        None => name.text.clone(),
    };
    let primary_key = keyword(args, "primary_key").and_then(Expr::as_bool) == Some(true);
    let null = keyword(args, "null").and_then(Expr::as_bool) == Some(true);
    let column = ModelColumn {
        name: column_name,
        orm_type: kind.to_string(),
        nullable: Some(null && !primary_key),
        primary_key,
        foreign_key: None,
        span: context.span(name.start),
    };
    if is_key {
        if let Some(reference) = &reference {
            class.relationships.push(reference.clone());
        }
        class.columns.push((column, reference));
    } else {
        class.columns.push((column, None));
    }
}

/// The model a Django relation points at: `"Order"`, `"shop.Order"`, `Order`, `"self"`,
/// `settings.AUTH_USER_MODEL`.
fn django_target(context: &Context<'_>, target: &Expr) -> Option<ClassRef> {
    let (app, class) = match &target.kind {
        ExprKind::Str(s) if s == "self" => {
            return Some(ClassRef {
                class: "self".to_string(),
                fallback: String::new(),
            })
        }
        ExprKind::Str(s) => match s.rsplit_once('.') {
            Some((app, class)) => (last_segment(app).to_string(), class.to_string()),
            None => (context.app_label(), s.clone()),
        },
        ExprKind::Name(n) if last_segment(n) == "AUTH_USER_MODEL" => {
            ("auth".to_string(), "User".to_string())
        }
        ExprKind::Name(n) => (context.app_label(), last_segment(n).to_string()),
        _ => return None,
    };
    if class.is_empty() {
        return None;
    }
    Some(ClassRef {
        fallback: format!("{app}_{}", class.to_ascii_lowercase()),
        class,
    })
}

/// Reads `name = Table("users", metadata, Column(...), ...)` at any level.
fn read_core_table(
    context: &Context<'_>,
    line: &LogicalLine,
    output: &mut Output,
) -> Option<RawModel> {
    let (name, value) = target_assignment(line)?;
    if name.text == "__table__" {
        return None;
    }
    let (func, _) = value.call()?;
    if last_segment(func) != "Table" {
        return None;
    }
    let (table, columns) = core_table(context, &value, output)?;
    let mut column_refs = Vec::new();
    let mut model_columns = Vec::new();
    for (i, (column, reference)) in columns.into_iter().enumerate() {
        if let Some(reference) = reference {
            column_refs.push((i, reference));
        }
        model_columns.push(column);
    }
    Some(RawModel {
        model: Model {
            service: context.file.service.clone(),
            path: context.file.path.clone(),
            class_name: name.text.clone(),
            table,
            framework: Framework::SqlAlchemy,
            columns: model_columns,
            relationships: Vec::new(),
            span: context.span(name.start),
        },
        column_refs,
        relationship_refs: Vec::new(),
    })
}

type CoreTable = (String, Vec<(ModelColumn, Option<ClassRef>)>);

/// The table name and columns of a Core `Table(...)` call.
fn core_table(context: &Context<'_>, value: &Expr, output: &mut Output) -> Option<CoreTable> {
    let (func, args) = value.call()?;
    if last_segment(func) != "Table" {
        return None;
    }
    let Some(name) = positional(args).next().and_then(Expr::as_str) else {
        output.diagnostics.push(Diagnostic::warning(
            context.span(value.start),
            "`Table(...)` without a string table name first; skipped",
        ));
        return None;
    };
    let table = match keyword(args, "schema").and_then(Expr::as_str) {
        Some(schema) => format!("{schema}.{name}"),
        None => name.to_string(),
    };
    let mut columns = Vec::new();
    for arg in positional(args) {
        let Some((func, column_args)) = arg.call() else {
            continue;
        };
        if !is_column_call(func) {
            continue;
        }
        let (mut column, reference) = column_from_args(context, column_args);
        column.span = context.span(arg.start);
        if column.name.is_empty() {
            output.diagnostics.push(Diagnostic::warning(
                column.span,
                "a Core `Column(...)` needs its name as the first argument; skipped",
            ));
            continue;
        }
        let stated = keyword(column_args, "nullable").and_then(Expr::as_bool);
        column.nullable = Some(stated.unwrap_or(!column.primary_key));
        columns.push((column, reference));
    }
    Some((table, columns))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reading_a_wide_model_grows_linearly_with_its_columns() {
        // A base class's columns, then the class's own (one of them overriding the base's).
        let text = |n: usize| {
            let mut text = String::from(
                "# app/models.py\nclass Stamped(Base):\n    __abstract__ = True\n    c0 = Column(Text)\n\n\
                 class User(Stamped):\n    __tablename__ = 'users'\n",
            );
            for i in 0..n {
                text.push_str(&format!("    c{i} = Column(Text)\n"));
            }
            text
        };
        crate::work::assert_linear(1_000, text, |text| {
            let parsed = crate::orm::parse_models(text);
            assert_eq!(parsed.models.len(), 1);
            parsed
        });
    }
}
