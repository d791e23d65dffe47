//! The stage-1 artifact: the shared model package as Python (SQLAlchemy) source, with its tree,
//! `shared_models/db.py`, one module per merged model and the import line each service uses.
//! User-supplied names are escaped as Python string literals or sanitised into identifiers.

use super::naming;
use crate::findings::column_type::{ColumnType, TypeFamily};
use crate::model::ModelColumn;
use crate::order::Collect;
use std::collections::BTreeSet;

/// One merged model as the package will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedModel {
    /// The module path (`shared_models/models/user.py`).
    pub path: String,
    /// The class name (`User`).
    pub class_name: String,
    /// The table name for `__tablename__`.
    pub table_name: String,
    /// The table's schema, when not the default one.
    pub schema: Option<String>,
    /// Columns, from the DDL where declared.
    pub columns: Vec<ModelColumn>,
    /// `(service as written, old model path)` of each copy it replaces, sorted.
    pub replaces: Vec<(String, String)>,
}

impl SharedModel {
    /// The Python module (`shared_models.models.user`).
    pub fn module(&self) -> String {
        self.path.trim_end_matches(".py").replace('/', ".")
    }

    /// The import line services use (`from shared_models.models.user import User`).
    pub fn import_line(&self) -> String {
        format!("from {} import {}", self.module(), self.class_name)
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

/// The package as one Python text: a tree, the import lines, then each file after a
/// `# path` header comment (the same convention the Models pane reads).
pub fn render(models: &[SharedModel]) -> String {
    let mut out = String::new();
    let mut dirs = BTreeSet::new();
    for m in models {
        dirs.insert(m.path.clone());
    }
    out.push_str("# Package layout:\n#   shared_models/\n#     __init__.py\n#     db.py\n#     models/\n#       __init__.py\n");
    for path in &dirs {
        let file = path.rsplit('/').next().unwrap_or(path);
        out.push_str(&format!("#       {file}\n"));
    }
    out.push_str("#\n# Each service imports the shared model instead of its own copy:\n");
    for m in models {
        for (service, old) in &m.replaces {
            out.push_str(&format!("#   {service} ({old}): {}\n", m.import_line()));
        }
    }
    out.push_str("\n# shared_models/__init__.py\n\n# shared_models/models/__init__.py\n");
    out.push_str("\n# shared_models/db.py\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n");
    for m in models {
        let mut types: BTreeSet<String> = m
            .columns
            .iter()
            .flat_map(|c| sqlalchemy_names(&c.orm_type))
            .collect_set();
        types.insert("Column".to_string());
        if m.columns.iter().any(|c| c.foreign_key.is_some()) {
            types.insert("ForeignKey".to_string());
        }
        out.push_str(&format!("\n# {}\n", m.path));
        out.push_str(&format!(
            "from sqlalchemy import {}\n\nfrom shared_models.db import Base\n\n\n",
            types.into_iter().collect::<Vec<_>>().join(", ")
        ));
        out.push_str(&format!("class {}(Base):\n", m.class_name));
        out.push_str(&format!("    __tablename__ = {}\n", py_str(&m.table_name)));
        if let Some(schema) = &m.schema {
            out.push_str(&format!(
                "    __table_args__ = {{'schema': {}}}\n",
                py_str(schema)
            ));
        }
        out.push('\n');
        if m.columns.is_empty() {
            out.push_str("    pass\n");
        }
        for c in &m.columns {
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
            out.push_str(&format!("    {attr} = Column({})\n", args.join(", ")));
        }
    }
    out
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
    fn user_names_are_escaped_in_python() {
        assert_eq!(py_str("it's"), "'it\\'s'");
        assert_eq!(attribute("class"), "class_");
        assert_eq!(attribute("my col"), "my_col");
    }
}
