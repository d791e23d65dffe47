//! Column types as written, read into one shape: a SQL spelling of any dialect
//! (`bigint(20) unsigned`, `character varying(40)`, `[nvarchar](max)`, `integer[]`,
//! `timestamp(3) with time zone`) or an ORM type (`sa.String(50)`, `CharField`,
//! `java.util.Date`, `byte[]`) becomes a [`ColumnType`]: its base name without quotes,
//! arguments, schema prefix or modifiers, its length and whether it is an array, and so its
//! [`TypeFamily`]. Drift compares families; the stage-1 model library picks its SQLAlchemy types
//! from the same reading, so the two can never disagree about a spelling.

use serde::{Deserialize, Serialize};

/// The family of a column type, so that `varchar(255)`, `String` and `CharField` compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeFamily {
    /// Whole numbers (`integer`, `bigint unsigned`, `serial`, `Integer`, `Long`, `int`).
    Integer,
    /// Exact and floating-point numbers (`numeric`, `double precision`, `Float`, `BigDecimal`).
    Decimal,
    /// Character data (`varchar`, `text`, `String`, `CharField`).
    Text,
    /// Booleans (`boolean`, `bit`, MySQL's `tinyint(1)`).
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

/// A column type as written, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    /// The base name, lower case, without quotes, schema prefix, arguments or modifiers
    /// (`bigint`, `character`, `string`, `date`); two-word names keep their first word
    /// (`double precision` → `double`), SQLite's `big int` reads `bigint`.
    pub base: String,
    /// The first number of the first argument list (`varchar(255)` → 255).
    pub length: Option<u32>,
    /// An array of the base (`integer[]`, `int ARRAY`, `text[3]`, `list[str]`).
    pub array: bool,
}

/// Words that qualify a type without naming it, when they come before the name (SQLite's
/// `unsigned big int`, `varying character`, `native character`, SQL's `national char`).
const LEADING_MODIFIERS: [&str; 4] = ["unsigned", "national", "native", "varying"];

impl ColumnType {
    /// Reads a type as written. Never fails: an empty text has an empty base.
    pub fn read(written: &str) -> ColumnType {
        let (text, mut array) = unquoted(written);
        let lower = text.to_ascii_lowercase();
        // Generics (`Optional<Long>`) keep their outer name only.
        let lower = lower.split('<').next().unwrap_or_default();
        let length = lower
            .split_once('(')
            .and_then(|(_, rest)| rest.split([')', ',']).next())
            .and_then(|n| n.trim().parse().ok());
        let words: Vec<String> = without_arguments(lower)
            .split_whitespace()
            .map(|w| w.rsplit('.').next().unwrap_or(w).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if words.iter().any(|w| w == "array") {
            array = true;
        }
        let mut named = words
            .iter()
            .skip_while(|w| LEADING_MODIFIERS.contains(&w.as_str()));
        let base = match (named.next(), named.next()) {
            (Some(big), Some(int)) if big == "big" && int.starts_with("int") => "bigint".into(),
            (Some(first), _) => first.clone(),
            (None, _) => String::new(),
        };
        ColumnType {
            base,
            length,
            array,
        }
    }

    /// The family of this type.
    pub fn family(&self) -> TypeFamily {
        if self.array {
            // Java's `byte[]` is a byte string; other arrays are not compared.
            return if self.base == "byte" {
                TypeFamily::Binary
            } else {
                TypeFamily::Other
            };
        }
        if matches!(self.base.as_str(), "tinyint" | "bit") && self.length == Some(1) {
            // MySQL's boolean, and a one-bit field.
            return TypeFamily::Boolean;
        }
        base_family(&self.base)
    }
}

/// The family of a SQL type or an ORM type as written (`character varying(255)`, `sa.String(50)`,
/// `Mapped` payloads like `datetime.datetime`, Java types like `java.util.Date` or `byte[]`).
pub fn type_family(written: &str) -> TypeFamily {
    ColumnType::read(written).family()
}

/// The text without identifier quotes (`"char"`, `` `int` ``, `[nvarchar]`), and whether it had
/// an array suffix or subscript (`[]`, `[3]`, `list[str]`), which is dropped.
fn unquoted(written: &str) -> (String, bool) {
    let mut out = String::new();
    let mut array = false;
    let mut chars = written.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {}
            '[' => {
                let mut inside = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inside.push(d);
                }
                let after_name = out
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_alphanumeric() || p == '_' || p == ')');
                let quote = !after_name
                    && !inside.trim().is_empty()
                    && !inside.trim().chars().all(|d| d.is_ascii_digit());
                if quote {
                    out.push_str(&inside);
                } else {
                    array = true;
                }
            }
            c => out.push(c),
        }
    }
    (out, array)
}

/// The text with every parenthesised argument list removed (nested ones too), each replaced by
/// a space so that `int(10)unsigned` keeps two words.
fn without_arguments(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                out.push(' ');
            }
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The family of a base name (see [`ColumnType::base`]).
fn base_family(base: &str) -> TypeFamily {
    match base {
        "int"
        | "int1"
        | "int2"
        | "int3"
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
        | "serial2"
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
        "numeric" | "decimal" | "dec" | "fixed" | "real" | "float" | "float4" | "float8"
        | "double" | "money" | "smallmoney" | "number" | "binary_float" | "binary_double"
        | "bigdecimal" | "floatfield" | "decimalfield" => TypeFamily::Decimal,
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
        | "nclob"
        | "varchar2"
        | "nvarchar2"
        | "sysname"
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per spelling: `written → base length array family`.
    fn check(cases: &[(&str, &str)]) {
        for (written, expected) in cases {
            let t = ColumnType::read(written);
            let got = format!(
                "{} {} {} {}",
                t.base,
                t.length.map_or("-".to_string(), |n| n.to_string()),
                if t.array { "array" } else { "-" },
                t.family().as_str()
            );
            assert_eq!(&got, expected, "{written}");
        }
    }

    #[test]
    fn spellings_of_every_dialect_read_to_their_base() {
        check(&[
            ("bigint unsigned", "bigint - - integer"),
            ("int(10) unsigned zerofill", "int 10 - integer"),
            ("int(10)unsigned", "int 10 - integer"),
            ("tinyint(1)", "tinyint 1 - boolean"),
            ("tinyint(4) unsigned", "tinyint 4 - integer"),
            ("decimal(10,2) unsigned", "decimal 10 - decimal"),
            ("national varchar(40)", "varchar 40 - text"),
            ("character varying(40)", "character 40 - text"),
            ("varying character(255)", "character 255 - text"),
            ("unsigned big int", "bigint - - integer"),
            ("timestamp(3) with time zone", "timestamp 3 - date/time"),
            ("double precision", "double - - decimal"),
            ("[nvarchar](max)", "nvarchar - - text"),
            ("[dbo].[money_t]", "money_t - - other"),
            ("`int`", "int - - integer"),
            ("\"char\"", "char - - text"),
            ("pg_catalog.int4", "int4 - - integer"),
            ("integer[]", "integer - array other"),
            ("text[3]", "text - array other"),
            ("int ARRAY", "int - array other"),
            ("byte[]", "byte - array binary"),
            ("list[str]", "list - array other"),
            ("sa.String(50)", "string 50 - text"),
            ("Optional<Long>", "optional - - other"),
            ("enum('a','b')", "enum - - other"),
            ("", " - - other"),
        ]);
    }
}
