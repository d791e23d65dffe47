//! The stage-1 artifact: the shared model package as Python (SQLAlchemy) source, with its tree,
//! `shared_models/db.py`, one module per merged model and the import line each service uses.
//! User-supplied names are escaped as Python string literals or sanitised into identifiers.

use super::naming;
use crate::model::ModelColumn;
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

/// The SQLAlchemy type for an SQL type as written (`character varying(40)` → `String(40)`).
pub fn sqlalchemy_type(sql_type: &str) -> String {
    let lower = sql_type.trim().to_lowercase();
    let base = lower.split('(').next().unwrap_or_default().trim();
    let length: Option<u32> = lower
        .split_once('(')
        .and_then(|(_, rest)| rest.split([')', ',']).next())
        .and_then(|n| n.trim().parse().ok());
    let family = match base {
        "int" | "integer" | "int4" | "serial" | "mediumint" | "tinyint" => "Integer",
        "bigint" | "int8" | "bigserial" => "BigInteger",
        "smallint" | "int2" | "smallserial" => "SmallInteger",
        "boolean" | "bool" | "bit" => "Boolean",
        "numeric" | "decimal" | "money" => "Numeric",
        "real" | "float" | "double" | "double precision" | "float4" | "float8" => "Float",
        "date" => "Date",
        "time" | "time without time zone" | "time with time zone" => "Time",
        "json" | "jsonb" => "JSON",
        "uuid" | "uniqueidentifier" => "Uuid",
        "bytea" | "blob" | "varbinary" | "binary" => "LargeBinary",
        "text" | "mediumtext" | "longtext" | "clob" | "ntext" => "Text",
        b if b.starts_with("timestamp") || b.starts_with("datetime") => "DateTime",
        _ => "String",
    };
    match (family, length) {
        ("String", Some(n)) => format!("String({n})"),
        (family, _) => family.to_string(),
    }
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
            .map(|c| c.orm_type.split('(').next().unwrap_or("String").to_string())
            .collect();
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
    fn user_names_are_escaped_in_python() {
        assert_eq!(py_str("it's"), "'it\\'s'");
        assert_eq!(attribute("class"), "class_");
        assert_eq!(attribute("my col"), "my_col");
    }
}
