//! The stage-1 artifacts: one shared model library per language, in the language and framework
//! of the models it replaces. Python (SQLAlchemy, also for Django models) is a `shared_models`
//! package; Java (JPA entities, Spring Data MongoDB documents) a `shared-models` module; C# (EF
//! Core) a class library; TypeScript (TypeORM) a package; Go (GORM) a module; Prisma one schema
//! of `model` blocks. Each text lists its files, says what every service uses instead of its
//! copy, then gives each file after a header comment with its path (the Models pane's
//! convention). User-supplied names are escaped as string literals or sanitised into
//! identifiers.

use super::naming;
use crate::findings::column_type::{ColumnType, TypeFamily};
use crate::model::{Framework, ModelColumn};
use crate::order::Collect;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The language a library is written in: models of one language can share one library, models
/// of two languages cannot share code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// Python: SQLAlchemy (Django models are merged into SQLAlchemy ones too).
    Python,
    /// Java: JPA entities, Spring Data MongoDB documents.
    Java,
    /// C#: Entity Framework Core.
    CSharp,
    /// TypeScript: TypeORM.
    TypeScript,
    /// Go: GORM.
    Go,
    /// A Prisma schema.
    Prisma,
}

impl Family {
    /// The family of a framework's models.
    pub fn of(framework: Framework) -> Family {
        match framework {
            Framework::SqlAlchemy | Framework::Django => Family::Python,
            Framework::Jpa | Framework::SpringDataMongo => Family::Java,
            Framework::EntityFramework => Family::CSharp,
            Framework::TypeOrm => Family::TypeScript,
            Framework::Gorm => Family::Go,
            Framework::Prisma => Family::Prisma,
        }
    }

    /// The artifact's language for highlighting, and the library's `language`.
    pub fn language(self) -> &'static str {
        match self {
            Family::Python => "python",
            Family::Java => "java",
            Family::CSharp => "csharp",
            Family::TypeScript => "typescript",
            Family::Go => "go",
            Family::Prisma => "prisma",
        }
    }

    /// The language's name in prose.
    pub fn label(self) -> &'static str {
        match self {
            Family::Python => "Python",
            Family::Java => "Java",
            Family::CSharp => "C#",
            Family::TypeScript => "TypeScript",
            Family::Go => "Go",
            Family::Prisma => "Prisma",
        }
    }

    /// What the library is in this language (`package`, `module`…), for the narrative.
    pub fn unit(self) -> &'static str {
        match self {
            Family::Python | Family::TypeScript => "package",
            Family::Java | Family::Go => "module",
            Family::CSharp => "class library",
            Family::Prisma => "schema",
        }
    }

    /// The library's name: `shared_models` for Python (a package name is an identifier),
    /// `shared-models` for the others; with a language suffix when several languages each get
    /// one (`shared-models-java`).
    pub fn library_name(self, several: bool) -> String {
        match (self, several) {
            (Family::Python, _) => "shared_models".to_string(),
            (_, false) => "shared-models".to_string(),
            (_, true) => format!("shared-models-{}", self.language()),
        }
    }

    /// The artifact's file name.
    pub fn file_name(self, library: &str) -> String {
        match self {
            Family::Python => format!("{library}.py"),
            Family::Java => format!("{library}.java"),
            Family::CSharp => format!("{library}.cs"),
            Family::TypeScript => format!("{library}.ts"),
            Family::Go => format!("{library}.go"),
            Family::Prisma => "schema.prisma".to_string(),
        }
    }
}

/// One column of a merged model: the column as its model holds it (the type in the library's
/// language) and the SQL type it comes from when the table is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedColumn {
    /// The column, `orm_type` in the library's language.
    pub column: ModelColumn,
    /// The DDL's type, when the table is declared.
    pub sql_type: Option<String>,
}

/// One merged model as the library will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedModel {
    /// The file it is written in (`shared_models/models/user.py`,
    /// `shared-models/src/main/java/com/acme/shared/User.java`).
    pub path: String,
    /// The framework it is written for (the first copy's).
    pub framework: Framework,
    /// The package or namespace (`com.acme.shared`; the module for Python).
    pub package: String,
    /// The class name (`User`).
    pub class_name: String,
    /// The table name for `__tablename__`, `@Table(name = …)`…
    pub table_name: String,
    /// The table's schema, when not the default one.
    pub schema: Option<String>,
    /// Columns, from the DDL where declared.
    pub columns: Vec<SharedColumn>,
    /// `(service as written, old model path)` of each copy it replaces, sorted.
    pub replaces: Vec<(String, String)>,
}

impl SharedModel {
    /// What a service writes to use the shared model instead of its copy.
    pub fn import_line(&self) -> String {
        let (package, class) = (&self.package, &self.class_name);
        match Family::of(self.framework) {
            Family::Python => format!("from {package} import {class}"),
            Family::Java => format!("import {package}.{class};"),
            Family::CSharp => format!("using {package};"),
            Family::TypeScript => format!("import {{ {class} }} from \"{package}\";"),
            Family::Go => format!("import \"{package}\""),
            Family::Prisma => format!("model {class} (generated client)"),
        }
    }
}

/// The Python module of a model file (`shared_models/models/user.py` → `shared_models.models.user`).
pub fn python_module(path: &str) -> String {
    path.trim_end_matches(".py").replace('/', ".")
}

/// The Java package of a model file, from its source folder (`…/src/main/java/com/acme/User.java`
/// → `com.acme`); None outside a Java source folder.
pub fn java_package(path: &str) -> Option<String> {
    let (_, rest) = path
        .rsplit_once("/java/")
        .or_else(|| path.strip_prefix("java/").map(|rest| ("", rest)))?;
    let (dir, _) = rest.rsplit_once('/')?;
    Some(dir.replace('/', "."))
}

/// The package a Java library's classes go in: the models' own package when they agree, else
/// the packages' common prefix with `.shared` (`com.acme.ledger`, `com.acme.history` →
/// `com.acme.shared`), else `shared.models`.
pub fn shared_java_package(paths: &[&str]) -> String {
    let packages: Vec<String> = paths.iter().filter_map(|p| java_package(p)).collect();
    let Some(first) = packages.first() else {
        return "shared.models".to_string();
    };
    if packages.len() == paths.len() && packages.iter().all(|p| p == first) {
        return first.clone();
    }
    let mut common: Vec<&str> = first.split('.').collect();
    for other in &packages {
        let same = common
            .iter()
            .zip(other.split('.'))
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(same);
    }
    if common.is_empty() {
        "shared.models".to_string()
    } else {
        format!("{}.shared", common.join("."))
    }
}

/// The SQLAlchemy type for an SQL type as written (`character varying(40)` → `String(40)`,
/// `bigint unsigned` → `BigInteger`, `integer[]` → `ARRAY(Integer)`).
///
/// The type is chosen within the family [`column_type`] reads from the spelling, so a shared
/// model built from the DDL never drifts from it: `type_family(sqlalchemy_type(t))` is
/// `type_family(t)` for every `t` of a known family (a type of no known family becomes `String`,
/// which drift never compares with it).
pub fn sqlalchemy_type(sql_type: &str) -> String {
    let read = ColumnType::read(sql_type);
    if read.array {
        let element = ColumnType {
            array: false,
            ..read.clone()
        };
        if element.family() != TypeFamily::Other {
            return format!("ARRAY({})", family_type(&element));
        }
    }
    family_type(&read)
}

/// The SQLAlchemy type of a type read, within its family (arrays of unknown types are `String`).
fn family_type(read: &ColumnType) -> String {
    let base = read.base.as_str();
    match read.family() {
        TypeFamily::Integer => match base {
            "bigint" | "int8" | "bigserial" | "serial8" | "long" | "biginteger" => "BigInteger",
            "smallint" | "int2" | "smallserial" | "serial2" | "short" | "smallinteger" => {
                "SmallInteger"
            }
            _ => "Integer",
        }
        .to_string(),
        TypeFamily::Decimal => match base {
            "real" | "float" | "float4" | "float8" | "double" | "binary_float"
            | "binary_double" => "Float",
            _ => "Numeric",
        }
        .to_string(),
        TypeFamily::Text => match (base, read.length) {
            (
                "text" | "tinytext" | "mediumtext" | "longtext" | "ntext" | "clob" | "nclob"
                | "citext",
                _,
            ) => "Text".to_string(),
            (_, Some(n)) => format!("String({n})"),
            (_, None) => "String".to_string(),
        },
        TypeFamily::Boolean => "Boolean".to_string(),
        TypeFamily::Time => match base {
            "date" => "Date",
            "time" | "timetz" => "Time",
            "interval" => "Interval",
            _ => "DateTime",
        }
        .to_string(),
        TypeFamily::Uuid => "Uuid".to_string(),
        TypeFamily::Json => "JSON".to_string(),
        TypeFamily::Binary => "LargeBinary".to_string(),
        TypeFamily::Other => "String".to_string(),
    }
}

/// The SQLAlchemy names a type expression uses (`ARRAY(Integer)` → `ARRAY`, `Integer`).
fn sqlalchemy_names(expression: &str) -> Vec<String> {
    expression
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// A Python string literal of `text` (single quotes, escaped).
fn py_str(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

const PY_KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A Python attribute name for a column (sanitised, keywords get a trailing `_`).
fn attribute(name: &str) -> String {
    let ident = naming::identifier(name);
    if PY_KEYWORDS.contains(&ident.as_str()) || ident == "metadata" {
        format!("{ident}_")
    } else {
        ident
    }
}

/// The type a column gets in `family`'s models, from its SQL type as written.
pub fn orm_type(family: Family, framework: Framework, sql_type: &str) -> String {
    let read = ColumnType::read(sql_type);
    let family_of = read.family();
    let base = read.base.as_str();
    let wide = matches!(
        base,
        "bigint" | "int8" | "bigserial" | "serial8" | "long" | "biginteger"
    );
    let narrow = matches!(
        base,
        "smallint" | "int2" | "smallserial" | "serial2" | "short" | "smallinteger"
    );
    let float = matches!(
        base,
        "real" | "float" | "float4" | "float8" | "double" | "binary_float" | "binary_double"
    );
    let time = match base {
        "date" => 0,
        "time" | "timetz" => 1,
        "interval" => 2,
        "timestamptz" | "datetimeoffset" => 3,
        _ if sql_type.to_ascii_lowercase().contains("with time zone") => 3,
        _ => 4,
    };
    let t = match family {
        Family::Python => return sqlalchemy_type(sql_type),
        Family::Java => match family_of {
            _ if read.array => "String",
            TypeFamily::Integer if wide => "Long",
            TypeFamily::Integer if narrow => "Short",
            TypeFamily::Integer => "Integer",
            TypeFamily::Decimal if float => "Double",
            TypeFamily::Decimal => "java.math.BigDecimal",
            TypeFamily::Boolean => "Boolean",
            TypeFamily::Time => match time {
                0 => "java.time.LocalDate",
                1 => "java.time.LocalTime",
                2 => "java.time.Duration",
                3 => "java.time.OffsetDateTime",
                _ => "java.time.LocalDateTime",
            },
            TypeFamily::Uuid => "java.util.UUID",
            TypeFamily::Binary => "byte[]",
            _ if framework == Framework::SpringDataMongo && family_of == TypeFamily::Json => {
                "org.bson.Document"
            }
            _ => "String",
        },
        #[cfg(feature = "more-orms")]
        Family::CSharp => match family_of {
            _ if read.array => "string",
            TypeFamily::Integer if wide => "long",
            TypeFamily::Integer if narrow => "short",
            TypeFamily::Integer => "int",
            TypeFamily::Decimal if float => "double",
            TypeFamily::Decimal => "decimal",
            TypeFamily::Boolean => "bool",
            TypeFamily::Time => match time {
                0 => "DateOnly",
                1 => "TimeOnly",
                2 => "TimeSpan",
                3 => "DateTimeOffset",
                _ => "DateTime",
            },
            TypeFamily::Uuid => "Guid",
            TypeFamily::Binary => "byte[]",
            _ => "string",
        },
        #[cfg(feature = "more-orms")]
        Family::TypeScript => match family_of {
            _ if read.array => "string",
            // TypeORM hands 64-bit integers and decimals over as strings, to keep precision.
            TypeFamily::Integer if wide => "string",
            TypeFamily::Integer => "number",
            TypeFamily::Decimal if float => "number",
            TypeFamily::Decimal => "string",
            TypeFamily::Boolean => "boolean",
            TypeFamily::Time if time == 1 || time == 2 => "string",
            TypeFamily::Time => "Date",
            TypeFamily::Json => "unknown",
            TypeFamily::Binary => "Buffer",
            _ => "string",
        },
        #[cfg(feature = "more-orms")]
        Family::Go => match family_of {
            _ if read.array => "string",
            TypeFamily::Integer if wide => "int64",
            TypeFamily::Integer if narrow => "int16",
            TypeFamily::Integer => "int32",
            TypeFamily::Decimal => "float64",
            TypeFamily::Boolean => "bool",
            TypeFamily::Time if time == 2 => "time.Duration",
            TypeFamily::Time if time == 1 => "string",
            TypeFamily::Time => "time.Time",
            TypeFamily::Json | TypeFamily::Binary => "[]byte",
            _ => "string",
        },
        #[cfg(feature = "more-orms")]
        Family::Prisma => match family_of {
            _ if read.array => "String",
            TypeFamily::Integer if wide => "BigInt",
            TypeFamily::Integer => "Int",
            TypeFamily::Decimal if float => "Float",
            TypeFamily::Decimal => "Decimal",
            TypeFamily::Boolean => "Boolean",
            TypeFamily::Time if time == 1 || time == 2 => "String",
            TypeFamily::Time => "DateTime",
            TypeFamily::Json => "Json",
            TypeFamily::Binary => "Bytes",
            _ => "String",
        },
        #[cfg(not(feature = "more-orms"))]
        Family::CSharp | Family::TypeScript | Family::Go | Family::Prisma => "String",
    };
    t.to_string()
}

/// A double-quoted string literal (Java, C#, TypeScript, Go and Prisma escape alike).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words no language here lets a field or property be named (a trailing `_` is added).
const RESERVED: [&str; 24] = [
    "abstract",
    "case",
    "class",
    "default",
    "func",
    "interface",
    "new",
    "package",
    "private",
    "public",
    "range",
    "return",
    "select",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "type",
    "var",
    "default_",
    "goto",
    "const",
    "import",
];

/// A camelCase field name for a column (`from_acct` → `fromAcct`).
fn camel(name: &str) -> String {
    let pascal = naming::class_name(name);
    let mut chars = pascal.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_ascii_lowercase())
        .into_iter()
        .chain(chars)
        .collect();
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// A PascalCase property name for a column (`from_acct` → `FromAcct`; Go's `ID` stays upper).
fn pascal(name: &str) -> String {
    naming::class_name(name)
}

/// The library as one text: its layout, what each service uses instead of its copy, then every
/// file after a header comment with its path.
pub fn render(family: Family, library: &str, models: &[SharedModel]) -> String {
    let comment = if family == Family::Python { "#" } else { "//" };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{comment} {} {} layout:",
        family.label(),
        family.unit()
    );
    let mut files: Vec<String> = layout_files(family, library, models);
    files.extend(models.iter().map(|m| m.path.clone()));
    for file in collect_files(files) {
        let _ = writeln!(out, "{comment}   {file}");
    }
    let _ = writeln!(
        out,
        "{comment}\n{comment} Each service uses the shared model instead of its own copy:"
    );
    for m in models {
        for (service, old) in &m.replaces {
            let _ = writeln!(out, "{comment}   {service} ({old}): {}", m.import_line());
        }
    }
    match family {
        Family::Python => python_files(&mut out, models),
        Family::Java => {
            for m in models {
                java_file(&mut out, m);
            }
        }
        #[cfg(feature = "more-orms")]
        Family::CSharp => {
            for m in models {
                csharp_file(&mut out, m);
            }
        }
        #[cfg(feature = "more-orms")]
        Family::TypeScript => typescript_files(&mut out, models),
        #[cfg(feature = "more-orms")]
        Family::Go => go_file(&mut out, library, models),
        #[cfg(feature = "more-orms")]
        Family::Prisma => prisma_file(&mut out, library, models),
        // Built without the C#, TypeScript, Go and Prisma readers (the page), no model of
        // theirs is ever read, so no library of theirs is ever written.
        #[cfg(not(feature = "more-orms"))]
        Family::CSharp | Family::TypeScript | Family::Go | Family::Prisma => {}
    }
    out
}

/// The library's files besides its models (package markers, build files).
fn layout_files(family: Family, library: &str, models: &[SharedModel]) -> Vec<String> {
    match family {
        Family::Python => vec![
            format!("{library}/__init__.py"),
            format!("{library}/db.py"),
            format!("{library}/models/__init__.py"),
        ],
        Family::Java => vec![format!(
            "{library}/pom.xml (a jar that depends on jakarta.persistence-api, javax.persistence-api before Spring Boot 3{})",
            if models
                .iter()
                .any(|m| m.framework == Framework::SpringDataMongo)
            {
                " and spring-data-mongodb"
            } else {
                ""
            }
        )],
        #[cfg(feature = "more-orms")]
        Family::CSharp => vec![format!(
            "{library}/{}.csproj (references Microsoft.EntityFrameworkCore)",
            naming::class_name(library)
        )],
        #[cfg(feature = "more-orms")]
        Family::TypeScript => vec![
            format!("{library}/package.json"),
            format!("{library}/src/index.ts"),
        ],
        #[cfg(feature = "more-orms")]
        Family::Go => vec![format!("{library}/go.mod (module {library})")],
        #[cfg(feature = "more-orms")]
        Family::Prisma => Vec::new(),
        #[cfg(not(feature = "more-orms"))]
        Family::CSharp | Family::TypeScript | Family::Go | Family::Prisma => Vec::new(),
    }
}

/// File names once each, sorted.
fn collect_files(files: Vec<String>) -> BTreeSet<String> {
    files.into_iter().collect_set()
}

/// The SQLAlchemy package: `db.py` with the declarative base, one module per model.
fn python_files(out: &mut String, models: &[SharedModel]) {
    out.push_str("\n# shared_models/__init__.py\n\n# shared_models/models/__init__.py\n");
    out.push_str("\n# shared_models/db.py\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n");
    for m in models {
        let mut types: BTreeSet<String> = m
            .columns
            .iter()
            .flat_map(|c| sqlalchemy_names(&c.column.orm_type))
            .collect_set();
        types.insert("Column".to_string());
        if m.columns.iter().any(|c| c.column.foreign_key.is_some()) {
            types.insert("ForeignKey".to_string());
        }
        let _ = write!(
            out,
            "\n# {}\nfrom sqlalchemy import {}\n\nfrom shared_models.db import Base\n\n\nclass {}(Base):\n    __tablename__ = {}\n",
            m.path,
            types.into_iter().collect::<Vec<_>>().join(", "),
            m.class_name,
            py_str(&m.table_name)
        );
        if let Some(schema) = &m.schema {
            let _ = writeln!(out, "    __table_args__ = {{'schema': {}}}", py_str(schema));
        }
        out.push('\n');
        if m.columns.is_empty() {
            out.push_str("    pass\n");
        }
        for c in m.columns.iter().map(|c| &c.column) {
            let attr = attribute(&c.name);
            let mut args = Vec::new();
            if attr != c.name {
                args.push(py_str(&c.name));
            }
            args.push(c.orm_type.clone());
            if let Some(target) = &c.foreign_key {
                args.push(format!("ForeignKey({})", py_str(target)));
            }
            if c.primary_key {
                args.push("primary_key=True".to_string());
            } else if let Some(nullable) = c.nullable {
                args.push(format!(
                    "nullable={}",
                    if nullable { "True" } else { "False" }
                ));
            }
            let _ = writeln!(out, "    {attr} = Column({})", args.join(", "));
        }
    }
}

/// The length argument of a text column (`varchar(40)` → 40).
fn text_length(c: &SharedColumn) -> Option<u32> {
    let read = ColumnType::read(c.sql_type.as_deref()?);
    (read.family() == TypeFamily::Text && !read.array)
        .then_some(read.length)
        .flatten()
}

/// One JPA entity (or Spring Data MongoDB document) with private fields, getters and setters.
fn java_file(out: &mut String, m: &SharedModel) {
    let mongo = m.framework == Framework::SpringDataMongo;
    let mut imports: BTreeSet<String> = BTreeSet::new();
    let fields: Vec<(String, String, &SharedColumn)> = m
        .columns
        .iter()
        .map(|c| {
            let written = &c.column.orm_type;
            let simple = match written.rsplit_once('.') {
                Some((_, simple)) if written.contains('.') => {
                    imports.insert(written.clone());
                    simple.to_string()
                }
                _ => written.clone(),
            };
            (camel(&c.column.name), simple, c)
        })
        .collect();
    let persistence = if mongo {
        [
            "org.springframework.data.annotation.Id",
            "org.springframework.data.mongodb.core.mapping.Document",
            "org.springframework.data.mongodb.core.mapping.Field",
        ]
        .as_slice()
    } else {
        [
            "jakarta.persistence.Column",
            "jakarta.persistence.Entity",
            "jakarta.persistence.Id",
            "jakarta.persistence.Table",
        ]
        .as_slice()
    };
    imports.extend(persistence.iter().map(|i| i.to_string()));
    let _ = writeln!(out, "\n// {}\npackage {};\n", m.path, m.package);
    for import in &imports {
        let _ = writeln!(out, "import {import};");
    }
    if mongo {
        let _ = writeln!(out, "\n@Document(collection = {})", quoted(&m.table_name));
    } else {
        let schema = m
            .schema
            .as_ref()
            .map(|s| format!(", schema = {}", quoted(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n@Entity\n@Table(name = {}{schema})",
            quoted(&m.table_name)
        );
    }
    let _ = writeln!(out, "public class {} {{", m.class_name);
    for (field, ty, c) in &fields {
        out.push('\n');
        if c.column.primary_key {
            out.push_str("    @Id\n");
        }
        if mongo {
            let _ = writeln!(out, "    @Field({})", quoted(&c.column.name));
        } else {
            let mut args = format!("name = {}", quoted(&c.column.name));
            if c.column.nullable == Some(false) {
                args.push_str(", nullable = false");
            }
            if let Some(n) = text_length(c) {
                let _ = write!(args, ", length = {n}");
            }
            let _ = writeln!(out, "    @Column({args})");
        }
        let _ = writeln!(out, "    private {ty} {field};");
    }
    for (field, ty, _) in &fields {
        let property = pascal(field);
        let _ = write!(
            out,
            "\n    public {ty} get{property}() {{\n        return {field};\n    }}\n\n    public void set{property}({ty} {field}) {{\n        this.{field} = {field};\n    }}\n"
        );
    }
    out.push_str("}\n");
}

#[cfg(feature = "more-orms")]
/// One EF Core entity class with data annotations.
fn csharp_file(out: &mut String, m: &SharedModel) {
    let schema = m
        .schema
        .as_ref()
        .map(|s| format!(", Schema = {}", quoted(s)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "\n// {}\nusing System;\nusing System.ComponentModel.DataAnnotations;\nusing System.ComponentModel.DataAnnotations.Schema;\n\nnamespace {};\n\n[Table({}{schema})]\npublic class {}\n{{\n",
        m.path,
        m.package,
        quoted(&m.table_name),
        m.class_name
    );
    for c in &m.columns {
        let col = &c.column;
        if col.primary_key {
            out.push_str("    [Key]\n");
        }
        let length = text_length(c)
            .map(|n| format!("\n    [MaxLength({n})]"))
            .unwrap_or_default();
        let nullable = col.nullable == Some(true) && !col.primary_key;
        let reference = matches!(col.orm_type.as_str(), "string" | "byte[]");
        let ty = if nullable {
            format!("{}?", col.orm_type)
        } else {
            col.orm_type.clone()
        };
        let init = if reference && !nullable {
            " = null!;"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    [Column({})]{length}\n    public {ty} {} {{ get; set; }}{init}",
            quoted(&col.name),
            pascal(&col.name)
        );
    }
    out.push_str("}\n");
}

#[cfg(feature = "more-orms")]
/// The TypeORM entities, one file each, and an index exporting them.
fn typescript_files(out: &mut String, models: &[SharedModel]) {
    for m in models {
        let schema = m
            .schema
            .as_ref()
            .map(|s| format!(", schema: {}", quoted(s)))
            .unwrap_or_default();
        let primary = m.columns.iter().any(|c| c.column.primary_key);
        let decorators = if primary {
            "Column, Entity, PrimaryColumn"
        } else {
            "Column, Entity"
        };
        let _ = write!(
            out,
            "\n// {}\nimport {{ {decorators} }} from \"typeorm\";\n\n@Entity({{ name: {}{schema} }})\nexport class {} {{\n",
            m.path,
            quoted(&m.table_name),
            m.class_name
        );
        for (i, c) in m.columns.iter().enumerate() {
            let col = &c.column;
            let mut options = format!("name: {}", quoted(&col.name));
            if let Some(sql) = &c.sql_type {
                let read = ColumnType::read(sql);
                let _ = write!(options, ", type: {}", quoted(&read.base));
                if let Some(n) = text_length(c) {
                    let _ = write!(options, ", length: {n}");
                }
            }
            let nullable = col.nullable == Some(true) && !col.primary_key;
            if nullable {
                options.push_str(", nullable: true");
            }
            let decorator = if col.primary_key {
                "PrimaryColumn"
            } else {
                "Column"
            };
            let null = if nullable { " | null" } else { "" };
            let _ = writeln!(
                out,
                "{}  @{decorator}({{ {options} }})\n  {}!: {}{null};",
                if i == 0 { "" } else { "\n" },
                camel(&col.name),
                col.orm_type
            );
        }
        out.push_str("}\n");
    }
    let _ = writeln!(
        out,
        "\n// {}/src/index.ts",
        models
            .first()
            .map(|m| m.package.as_str())
            .unwrap_or_default()
    );
    for m in models {
        let _ = writeln!(
            out,
            "export {{ {} }} from \"./{}\";",
            m.class_name, m.class_name
        );
    }
}

#[cfg(feature = "more-orms")]
/// The GORM structs in one file, each with its `TableName`.
fn go_file(out: &mut String, library: &str, models: &[SharedModel]) {
    let package = library.replace(['-', '_'], "");
    let _ = write!(out, "\n// {library}/models.go\npackage {package}\n");
    let uses_time = models
        .iter()
        .flat_map(|m| &m.columns)
        .any(|c| c.column.orm_type.starts_with("time."));
    if uses_time {
        out.push_str("\nimport \"time\"\n");
    }
    for m in models {
        let _ = write!(
            out,
            "\n// {} maps the {} table.\ntype {} struct {{\n",
            m.class_name, m.table_name, m.class_name
        );
        for c in &m.columns {
            let col = &c.column;
            let mut tag = format!("column:{}", col.name.replace(['"', '`', ';'], "_"));
            if col.primary_key {
                tag.push_str(";primaryKey");
            }
            if let Some(sql) = &c.sql_type {
                let _ = write!(tag, ";type:{}", sql.replace(['"', '`', ';'], ""));
            }
            if col.nullable == Some(false) && !col.primary_key {
                tag.push_str(";not null");
            }
            let pointer = if col.nullable == Some(true)
                && !col.primary_key
                && !col.orm_type.starts_with("[]")
            {
                "*"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "\t{} {pointer}{} `gorm:{}`",
                go_field(&col.name),
                col.orm_type,
                quoted(&tag)
            );
        }
        let table = match &m.schema {
            Some(schema) => format!("{schema}.{}", m.table_name),
            None => m.table_name.clone(),
        };
        let _ = write!(
            out,
            "}}\n\n// TableName tells GORM the table's name.\nfunc ({}) TableName() string {{\n\treturn {}\n}}\n",
            m.class_name,
            quoted(&table)
        );
    }
}

#[cfg(feature = "more-orms")]
/// A Go field name for a column: exported PascalCase, `id` as `ID` (`user_id` → `UserID`).
fn go_field(name: &str) -> String {
    let field = pascal(name);
    match field.strip_suffix("Id") {
        Some(stem) => format!("{stem}ID"),
        None => field,
    }
}

#[cfg(feature = "more-orms")]
/// The Prisma models in one schema.
fn prisma_file(out: &mut String, library: &str, models: &[SharedModel]) {
    let _ = writeln!(out, "\n// {library}/schema.prisma");
    for m in models {
        // A composite key is one `@@id`, a single key an `@id` on its field.
        let keys: Vec<String> = m
            .columns
            .iter()
            .filter(|c| c.column.primary_key)
            .map(|c| camel(&c.column.name))
            .collect();
        let _ = writeln!(out, "\nmodel {} {{", m.class_name);
        for c in &m.columns {
            let col = &c.column;
            let field = camel(&col.name);
            let optional = if col.nullable == Some(true) && !col.primary_key {
                "?"
            } else {
                ""
            };
            let mut attributes = String::new();
            if col.primary_key && keys.len() == 1 {
                attributes.push_str(" @id");
            }
            if field != col.name {
                let _ = write!(attributes, " @map({})", quoted(&col.name));
            }
            if let Some(n) = text_length(c) {
                let _ = write!(attributes, " @db.VarChar({n})");
            }
            let _ = writeln!(out, "  {field} {}{optional}{attributes}", col.orm_type);
        }
        out.push('\n');
        if keys.len() > 1 {
            let _ = writeln!(out, "  @@id([{}])", keys.join(", "));
        }
        let _ = writeln!(out, "  @@map({})", quoted(&m.table_name));
        if let Some(schema) = &m.schema {
            let _ = writeln!(out, "  @@schema({})", quoted(schema));
        }
        out.push_str("}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::column_type::type_family;

    #[test]
    fn sql_types_map_to_sqlalchemy() {
        for (sql, expected) in [
            ("integer", "Integer"),
            ("character varying(40)", "String(40)"),
            ("varchar(255)", "String(255)"),
            ("text", "Text"),
            ("timestamp without time zone", "DateTime"),
            ("numeric(10,2)", "Numeric"),
            ("weird", "String"),
        ] {
            assert_eq!(sqlalchemy_type(sql), expected, "{sql}");
        }
    }

    #[test]
    fn dialect_spellings_keep_their_family() {
        for (sql, expected) in [
            ("bigint unsigned", "BigInteger"),
            ("int(10) unsigned", "Integer"),
            ("smallint unsigned", "SmallInteger"),
            ("tinyint(1)", "Boolean"),
            ("year", "Integer"),
            ("double unsigned", "Float"),
            ("decimal(10,2) unsigned", "Numeric"),
            ("[nvarchar](50)", "String(50)"),
            ("unsigned big int", "BigInteger"),
            ("datetime(3)", "DateTime"),
            ("date", "Date"),
            ("time with time zone", "Time"),
            ("interval", "Interval"),
            ("longblob", "LargeBinary"),
            ("integer[]", "ARRAY(Integer)"),
            ("character varying(20)[]", "ARRAY(String(20))"),
            ("status_kind[]", "String"),
            ("enum('a','b')", "String"),
        ] {
            assert_eq!(sqlalchemy_type(sql), expected, "{sql}");
        }
    }

    proptest::proptest! {
        /// Whatever the spelling, the SQLAlchemy type is of the SQL type's family (or the SQL
        /// type has no family and is never compared), so a shared model built from the DDL
        /// cannot drift from it.
        #[test]
        fn the_sqlalchemy_type_keeps_the_family(
            quote in proptest::sample::select(vec!["", "`", "\"", "["]),
            lead in proptest::sample::select(vec!["", "national ", "unsigned ", "varying "]),
            base in proptest::sample::select(vec![
                "int", "INTEGER", "bigint", "big int", "smallint", "tinyint", "mediumint",
                "int8", "serial", "bigserial", "year", "decimal", "dec", "numeric", "double",
                "float", "real", "money", "varchar", "character", "char", "nvarchar", "text",
                "longtext", "clob", "sysname", "bit", "boolean", "bool", "date", "time",
                "timestamp", "datetime2", "interval", "uuid", "uniqueidentifier", "json",
                "jsonb", "bytea", "longblob", "varbinary", "enum", "geometry", "weird",
            ]),
            args in proptest::sample::select(vec!["", "(1)", "(11)", "(10,2)", "(max)", "('a','b')"]),
            tail in proptest::sample::select(vec![
                "", " unsigned", " unsigned zerofill", " varying", " precision",
                " with time zone", " without time zone", "[]", " ARRAY",
            ]),
        ) {
            let close = match quote { "[" => "]", q => q };
            let sql = format!("{lead}{quote}{base}{close}{args}{tail}");
            let family = type_family(&sql);
            let mapped = type_family(&sqlalchemy_type(&sql));
            proptest::prop_assert!(
                family == TypeFamily::Other || family == mapped,
                "{sql}: {family:?} became {} ({mapped:?})",
                sqlalchemy_type(&sql)
            );
        }
    }

    #[test]
    fn the_java_package_is_the_models_own_when_they_agree() {
        let path = |service: &str, package: &str| {
            format!(
                "{service}/src/main/java/{}/Transaction.java",
                package.replace('.', "/")
            )
        };
        let (a, b) = (
            path("ledger", "com.bank.model"),
            path("history", "com.bank.model"),
        );
        assert_eq!(shared_java_package(&[&a, &b]), "com.bank.model");
        let (a, b) = (
            path("ledger", "com.bank.ledger"),
            path("history", "com.bank.history"),
        );
        assert_eq!(shared_java_package(&[&a, &b]), "com.bank.shared");
        let (a, b) = (path("ledger", "org.ledger"), path("history", "com.history"));
        assert_eq!(shared_java_package(&[&a, &b]), "shared.models");
        assert_eq!(
            shared_java_package(&["a/Transaction.java"]),
            "shared.models"
        );
    }

    #[test]
    #[cfg(feature = "more-orms")]
    fn each_language_names_types_in_the_ddls_family_or_none() {
        let families = [Family::Java, Family::CSharp];
        for sql in [
            "bigint",
            "integer",
            "smallint",
            "numeric(10,2)",
            "real",
            "varchar(40)",
            "text",
            "boolean",
            "date",
            "time",
            "timestamp",
            "timestamptz",
            "uuid",
            "bytea",
        ] {
            // (JSON is a String in Java and C#, left out here.) TypeScript, Go and Prisma write
            // several families as strings or numbers (uuid,
            // time of day, 64-bit integers); the links keep the DDL's type there
            // (`shared_models::comparable`), which the TypeORM test checks.
            for family in families {
                let t = orm_type(family, Framework::Jpa, sql);
                let (mapped, expected) = (type_family(&t), type_family(sql));
                assert!(
                    mapped == expected || mapped == TypeFamily::Other,
                    "{family:?} {sql}: {t} is {mapped:?}"
                );
            }
        }
        assert_eq!(orm_type(Family::Java, Framework::Jpa, "bigint"), "Long");
        assert_eq!(
            orm_type(Family::CSharp, Framework::EntityFramework, "timestamptz"),
            "DateTimeOffset"
        );
        assert_eq!(
            orm_type(Family::Go, Framework::Gorm, "timestamp"),
            "time.Time"
        );
        assert_eq!(orm_type(Family::Prisma, Framework::Prisma, "jsonb"), "Json");
        assert_eq!(
            orm_type(Family::TypeScript, Framework::TypeOrm, "integer"),
            "number"
        );
    }

    #[test]
    fn user_names_are_escaped_in_python() {
        assert_eq!(py_str("it's"), "'it\\'s'");
        assert_eq!(attribute("class"), "class_");
        assert_eq!(attribute("my col"), "my_col");
    }
}
