//! SQL written as string literals in a service's code (issue 13, point 7), read by the query
//! reader that reads the services file's `queries:` (`sql::query`), so the derived file lists
//! each query under the service's `queries:` and the reads and writes come from one place.
//!
//! What is read, in the code files of the service's folder (`repo::models::code_by_workload`):
//!
//! - Java and Kotlin: Spring Data `@Query("…")` (JPQL) and `@Query(value = "…", nativeQuery =
//!   true)`; JPA `createQuery("…")` (JPQL) and `createNativeQuery("…")`; JdbcTemplate and JDBC
//!   `query`, `queryForObject`, `queryForList`, `queryForMap`, `update`, `batchUpdate`,
//!   `execute`, `prepareStatement`, `executeQuery`, `executeUpdate`.
//! - Python: `execute`, `executemany`, `exec_driver_sql`, SQLAlchemy `text("…")`.
//! - Go: `Query`, `QueryRow`, `Exec`, `Prepare` and their `…Context` forms.
//! - JavaScript and TypeScript: `query`, `execute`, `raw`.
//!
//! A literal is one string, or strings joined by `+` (or written side by side in Python), in
//! any of the language's quotes: Java text blocks, Kotlin raw strings, Python triple quotes and
//! prefixes, Go back-quotes, JavaScript template literals. A name passed instead
//! (`jdbc.query(sql, …)`) is read as the literal assigned to it in scope: the last assignment
//! before the call in a block that holds the call (in Python, with no function between), or a
//! constant's one assignment in the file; appended to (`+=`) in between, it is built at run
//! time. Outside `@Query` and the JPA calls, whose text is a query by definition, a string
//! counts only when it starts like a query (`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH`,
//! `MERGE`, `REPLACE`, `TRUNCATE`): `update` and `query` are common method names.
//!
//! JPQL names entities, not tables: each entity is mapped to its table through the service's
//! own models (`@Entity`/`@Table`), a property to the column its field maps (or, failing that,
//! to the column of Spring's name for it, when the entity has one). An entity no model of the service maps, or a join
//! through an association (`JOIN o.pets p`), is not guessed: the query is reported unread.
//! So is SQL built at run time (a variable joined in, an interpolated or formatted string) and
//! a string the query reader cannot read. A call whose argument is no literal and no name
//! assigned one (a parameter, a SQLAlchemy expression) says nothing and is not reported: it
//! is usually not SQL.
//!
//! Linear in the code's bytes for literals: each call's arguments are scanned once, at most
//! [`MAX_ARGUMENT_BYTES`] of them. A name passed is looked up once per file and name, and at
//! most [`MAX_SCOPES_TRIED`] of its assignments are tried, each over at most
//! [`MAX_ARGUMENT_BYTES`].

use super::models::ModelFile;
use super::writes::{starts_word, word};
use super::{File, Origin};
use crate::model::Dialect;
use crate::orm::naming::spring_physical;
use crate::services::MAX_QUERY_BYTES;
use crate::sql::query;
use std::collections::BTreeMap;

/// The most bytes of one call's arguments scanned (an unclosed call stops there).
const MAX_ARGUMENT_BYTES: usize = MAX_QUERY_BYTES;

/// One SQL string read from the code, ready for the services file's `queries:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeQuery {
    /// The SQL as the services file gets it: as written, with JPQL's entities and properties
    /// replaced by their tables and columns.
    pub sql: String,
    /// Where the call or annotation is.
    pub origin: Origin,
    /// Whether it was JPQL.
    pub jpql: bool,
    /// The tables it writes (as the query reader names them).
    pub writes: Vec<String>,
}

/// What a service's code says in SQL strings: the queries read, and where a string that
/// looked like a query could not be read, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CodeSql {
    pub queries: Vec<CodeQuery>,
    pub unread: Vec<(Origin, String)>,
}

/// The languages read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    Java,
    Kotlin,
    Python,
    Go,
    Script,
}

impl Language {
    fn of(path: &str) -> Option<Language> {
        let extension = path.rsplit('.').next().unwrap_or("");
        Some(match extension {
            "java" => Language::Java,
            "kt" => Language::Kotlin,
            "py" => Language::Python,
            "go" => Language::Go,
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" => Language::Script,
            _ => return None,
        })
    }
}

/// What a call's string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    /// JPQL, by definition (`@Query` without `nativeQuery = true`, `createQuery`).
    Jpql,
    /// SQL, by definition (`nativeQuery = true`, `createNativeQuery`).
    Sql,
    /// SQL when it starts like a query; anything else is some other string.
    MaybeSql,
}

/// A call that may carry SQL: its name as written before `(`, what its string is and how
/// many arguments come before it (Go's `ctx`).
struct Call {
    marker: &'static str,
    text: Text,
    skip: usize,
}

const fn call(marker: &'static str, text: Text, skip: usize) -> Call {
    Call { marker, text, skip }
}

const JVM_CALLS: [Call; 15] = [
    call("createQuery(", Text::Jpql, 0),
    call("createNativeQuery(", Text::Sql, 0),
    call(".query(", Text::MaybeSql, 0),
    call(".queryForObject(", Text::MaybeSql, 0),
    call(".queryForList(", Text::MaybeSql, 0),
    call(".queryForMap(", Text::MaybeSql, 0),
    call(".queryForRowSet(", Text::MaybeSql, 0),
    call(".queryForStream(", Text::MaybeSql, 0),
    call(".update(", Text::MaybeSql, 0),
    call(".batchUpdate(", Text::MaybeSql, 0),
    call(".execute(", Text::MaybeSql, 0),
    call(".prepareStatement(", Text::MaybeSql, 0),
    call(".executeQuery(", Text::MaybeSql, 0),
    call(".executeUpdate(", Text::MaybeSql, 0),
    call(".createSQLQuery(", Text::Sql, 0),
];

const PYTHON_CALLS: [Call; 4] = [
    call(".execute(", Text::MaybeSql, 0),
    call(".executemany(", Text::MaybeSql, 0),
    call(".exec_driver_sql(", Text::MaybeSql, 0),
    call("text(", Text::MaybeSql, 0),
];

const GO_CALLS: [Call; 8] = [
    call(".Query(", Text::MaybeSql, 0),
    call(".QueryRow(", Text::MaybeSql, 0),
    call(".Exec(", Text::MaybeSql, 0),
    call(".Prepare(", Text::MaybeSql, 0),
    call(".QueryContext(", Text::MaybeSql, 1),
    call(".QueryRowContext(", Text::MaybeSql, 1),
    call(".ExecContext(", Text::MaybeSql, 1),
    call(".PrepareContext(", Text::MaybeSql, 1),
];

const SCRIPT_CALLS: [Call; 3] = [
    call(".query(", Text::MaybeSql, 0),
    call(".execute(", Text::MaybeSql, 0),
    call(".raw(", Text::MaybeSql, 0),
];

/// The words a query starts with.
const QUERY_STARTS: [&str; 9] = [
    "select", "insert", "update", "delete", "with", "merge", "replace", "truncate", "upsert",
];

/// Reads the SQL strings of a service's `code`, mapping JPQL through its `models`, each query
/// read in `dialect` (its database's).
pub(crate) fn read(code: &[File<'_>], models: &[ModelFile], dialect: Dialect) -> CodeSql {
    let mut found = CodeSql::default();
    for file in code {
        let Some(language) = Language::of(file.path) else {
            continue;
        };
        let lines = LineStarts::new(file.text);
        for (at, text, argument) in strings_of(file.text, language) {
            let origin = Origin::at(file.path, lines.line_of(at));
            match take(argument, text, models, dialect) {
                Taken::Query(sql, jpql, writes) => found.queries.push(CodeQuery {
                    sql,
                    origin,
                    jpql,
                    writes,
                }),
                Taken::Unread(why) => found.unread.push((origin, why)),
                Taken::Nothing => {}
            }
        }
    }
    found
}

/// What one string argument gave.
enum Taken {
    /// A query: its SQL for the services file, whether it was JPQL, the tables it writes.
    Query(String, bool, Vec<String>),
    /// A string that looked like a query and could not be read, with why.
    Unread(String),
    /// No query: not a literal, not SQL, or SQL naming no table.
    Nothing,
}

/// Reads one call's argument as the query it may be.
fn take(argument: Argument, text: Text, models: &[ModelFile], dialect: Dialect) -> Taken {
    let sql = match argument {
        Argument::Literal(sql) => sql,
        Argument::Dynamic(how, starts_like_sql) => {
            return if text != Text::MaybeSql || starts_like_sql {
                Taken::Unread(format!("it is built at run time ({how})"))
            } else {
                Taken::Nothing
            };
        }
        Argument::Other => {
            return if text == Text::MaybeSql {
                Taken::Nothing
            } else {
                Taken::Unread("its text is not a string literal".to_string())
            };
        }
    };
    let jpql = text == Text::Jpql;
    if !jpql && !starts_like_sql(&sql) {
        return if text == Text::Sql {
            Taken::Unread("the string is not a query".to_string())
        } else {
            Taken::Nothing
        };
    }
    let sql = if jpql {
        match jpql_to_sql(&sql, models) {
            Ok(sql) => sql,
            Err(why) => return Taken::Unread(why),
        }
    } else {
        tidy(&sql)
    };
    if sql.len() > MAX_QUERY_BYTES {
        return Taken::Unread("the query is too long to read".to_string());
    }
    match query::read(&sql, dialect) {
        Ok(read) if read.reads.is_empty() && read.writes.is_empty() => Taken::Nothing,
        Ok(read) => Taken::Query(sql, jpql, read.writes),
        Err(problem) => Taken::Unread(problem.message.to_string()),
    }
}

/// Whether `sql` starts like a query (after spaces and opening parentheses).
fn starts_like_sql(sql: &str) -> bool {
    let start = sql.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let first = word(start).to_ascii_lowercase();
    QUERY_STARTS.contains(&first.as_str())
}

/// Every call of `text` that may carry SQL: where it is, what its string is, and the argument
/// read. `@Query` annotations included.
fn strings_of(text: &str, language: Language) -> Vec<(usize, Text, Argument)> {
    let calls: &[Call] = match language {
        Language::Java | Language::Kotlin => &JVM_CALLS,
        Language::Python => &PYTHON_CALLS,
        Language::Go => &GO_CALLS,
        Language::Script => &SCRIPT_CALLS,
    };
    let mut found = Vec::new();
    let mut names = Assignments::default();
    for call in calls {
        for (at, _) in text.match_indices(call.marker) {
            let word_start = call.marker.starts_with('.') || starts_word(text, at);
            if !word_start || commented(text, at, language) {
                continue;
            }
            let after = text.get(at + call.marker.len()..).unwrap_or("");
            let arguments = arguments(after, language);
            if let Some(argument) = arguments.get(call.skip) {
                found.push((
                    at,
                    call.text,
                    read_argument(text, at, argument, language, &mut names),
                ));
            }
        }
    }
    if matches!(language, Language::Java | Language::Kotlin) {
        for (at, _) in text.match_indices("@Query(") {
            if commented(text, at, language) {
                continue;
            }
            let after = text.get(at + "@Query(".len()..).unwrap_or("");
            let (value, native) = query_annotation(&arguments(after, language));
            let kind = if native { Text::Sql } else { Text::Jpql };
            let argument = value.map_or(Argument::Other, |v| {
                read_argument(text, at, v, language, &mut names)
            });
            found.push((at, kind, argument));
        }
    }
    crate::order::sort_by_key(&mut found, |(at, _, _)| *at);
    found
}

/// A call's argument at byte `at` of `text`: a string expression, or a name the code assigns
/// one to in scope ([`assigned`]).
fn read_argument<'t>(
    text: &'t str,
    at: usize,
    argument: &str,
    language: Language,
    names: &mut Assignments<'t>,
) -> Argument {
    let read = string_expression(argument, language);
    if read != Argument::Other {
        return read;
    }
    let name = argument.trim();
    let plain_name = !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !plain_name {
        return read;
    }
    assigned(text, at, name, language, names).unwrap_or(read)
}

/// The string a variable or constant `name` holds where byte `at` of `text` uses it: the last
/// assignment before `at` whose block holds `at` (braces never close below it between the two;
/// in Python, no function or class starts between), or else, for a constant (`FIND_USER`), the
/// one assignment of the file (declared after its use). Appending to it (`+=`) between the
/// assignment and the use makes it built at run time. None when nothing in scope assigns it.
fn assigned<'t>(
    text: &'t str,
    at: usize,
    name: &str,
    language: Language,
    names: &mut Assignments<'t>,
) -> Option<Argument> {
    let list = names
        .0
        .entry(name.to_string())
        .or_insert_with(|| assignments_of(text, name, language));
    let set: Vec<&(usize, &str, bool)> = list.iter().filter(|(_, _, append)| !append).collect();
    let in_scope_before = set
        .iter()
        .rev()
        .filter(|(start, _, _)| *start < at)
        .take(MAX_SCOPES_TRIED)
        .find(|(start, _, _)| {
            text.get(*start..at)
                .filter(|between| between.len() <= MAX_ARGUMENT_BYTES)
                .is_some_and(|between| in_scope(between, language))
        });
    let value = match (in_scope_before, set.as_slice()) {
        (Some((start, value, _)), _) => {
            let appended = list
                .iter()
                .any(|(a, _, append)| *append && a > start && *a < at);
            if appended {
                return Some(Argument::Dynamic("extended at run time", true));
            }
            *value
        }
        // A constant (no lower-case letter) the file assigns once, wherever.
        (None, &[(_, value, _)]) if !name.chars().any(|c| c.is_lowercase()) => *value,
        (None, _) => return None,
    };
    Some(string_expression(statement(value, language), language))
}

/// The most assignments of one name tried, nearest first, for the one in scope of a use.
const MAX_SCOPES_TRIED: usize = 8;

/// The assignments of each name used as a call's argument in one file, found once per name:
/// where each starts, its value's text and whether it appends (`+=`).
#[derive(Default)]
struct Assignments<'t>(BTreeMap<String, Vec<(usize, &'t str, bool)>>);

/// Every assignment of `name` in `text`, in order.
fn assignments_of<'t>(
    text: &'t str,
    name: &str,
    language: Language,
) -> Vec<(usize, &'t str, bool)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices(name) {
        let end = start + name.len();
        let whole = starts_word(text, start)
            && !text
                .get(end..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !whole {
            continue;
        }
        if let Some((value, append)) = assignment_value(text.get(end..).unwrap_or(""), language) {
            found.push((start, value, append));
        }
    }
    found
}

/// What follows a name when it is assigned: the value's text and whether it is appended to
/// (`+=`). `=`, Go's `:=`, and a type between (`sql: str =`, `val sql: String =`).
fn assignment_value(after: &str, language: Language) -> Option<(&str, bool)> {
    let line = after.split('\n').next().unwrap_or("");
    let rest = line.trim_start();
    let skipped = after.len() - after.trim_start_matches([' ', '\t']).len();
    let value_at = |offset: usize| after.get(skipped + offset..);
    if rest.starts_with("+=") {
        return value_at(2).map(|v| (v, true));
    }
    if rest.starts_with(":=") {
        return value_at(2).map(|v| (v, false));
    }
    if rest.starts_with('=') && !rest.starts_with("==") {
        return value_at(1).map(|v| (v, false));
    }
    // A type written between the name and `=`: `: str`, `: String` (not Go, not a call).
    let typed = rest.starts_with(':') && language != Language::Go;
    let equals = rest.find('=')?;
    let between = rest.get(1..equals)?;
    let plain_type = between
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ' ' | '<' | '>' | '.' | '?' | '[' | ']'));
    let double = rest.get(equals..)?.starts_with("==");
    (typed && plain_type && !double).then(|| value_at(equals + 1).map(|v| (v, false)))?
}

/// Whether an assignment is in scope where it is used, given the text between the two: no
/// brace closes below where it started, or (Python) no function or class starts between.
fn in_scope(between: &str, language: Language) -> bool {
    if language == Language::Python {
        return !between.split('\n').skip(1).any(|line| {
            let line = line.trim_start();
            ["def ", "async def ", "class "]
                .iter()
                .any(|header| line.starts_with(header))
        });
    }
    let mut depth = 0i64;
    let mut at = 0usize;
    while at < between.len() {
        let rest = between.get(at..).unwrap_or("");
        if let Some(literal) = literal(rest, language) {
            at += literal.length.max(1);
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    true
}

/// The expression that starts `value` (an assignment's right side): up to a `;` or a line
/// break outside brackets and strings, a line break followed by or ending in `+` continuing it.
fn statement(value: &str, language: Language) -> &str {
    let mut depth = 0usize;
    let mut at = 0usize;
    while at < value.len().min(MAX_ARGUMENT_BYTES) {
        let rest = value.get(at..).unwrap_or("");
        if let Some(literal) = literal(rest, language) {
            at += literal.length.max(1);
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ';' | ',' if depth == 0 => break,
            '\n' if depth == 0 => {
                let done = value.get(..at).unwrap_or("").trim_end();
                let next = rest.trim_start();
                if !(done.ends_with('+') || next.starts_with('+') || done.is_empty()) {
                    break;
                }
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    value.get(..at).unwrap_or(value)
}

/// An `@Query` annotation's query (`value = …` or the first argument without a name) and
/// whether it says `nativeQuery = true`.
fn query_annotation<'a>(arguments: &[&'a str]) -> (Option<&'a str>, bool) {
    let mut value = None;
    let mut native = false;
    for (index, argument) in arguments.iter().enumerate() {
        let trimmed = argument.trim_start();
        let name = word(trimmed);
        let rest = trimmed.get(name.len()..).unwrap_or("").trim_start();
        let named = !name.is_empty() && rest.starts_with('=') && !rest.starts_with("==");
        let assigned = rest.get(1..).unwrap_or("");
        match (named, name) {
            (true, "value") => value = Some(assigned),
            (true, "nativeQuery") => native = assigned.trim() == "true",
            (true, _) => {}
            (false, _) if index == 0 => value = Some(argument),
            (false, _) => {}
        }
    }
    (value, native)
}

/// A call's argument as read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Argument {
    /// A string literal, or literals joined: its text.
    Literal(String),
    /// Literals joined with something known only at run time: how, and whether the literal
    /// text starts like a query.
    Dynamic(&'static str, bool),
    /// Not a string literal.
    Other,
}

/// Reads one argument (the text between its commas) as a string expression.
fn string_expression(argument: &str, language: Language) -> Argument {
    let mut text = String::new();
    let mut rest = skip_space(argument, language);
    let mut literals = 0usize;
    loop {
        let Some(literal) = literal(rest, language) else {
            return if literals == 0 {
                Argument::Other
            } else {
                Argument::Dynamic("joined with a value", starts_like_sql(&text))
            };
        };
        text.push_str(&literal.text);
        literals += 1;
        if literal.interpolated {
            return Argument::Dynamic("an interpolated string", starts_like_sql(&text));
        }
        rest = skip_space(rest.get(literal.length..).unwrap_or(""), language);
        // Kotlin's `"""…""".trimIndent()` changes only spaces.
        for tidy in [".trimIndent()", ".trimMargin()"] {
            if let Some(after) = rest.strip_prefix(tidy) {
                rest = skip_space(after, language);
            }
        }
        if rest.is_empty() {
            return Argument::Literal(text);
        }
        if let Some(after) = rest.strip_prefix('+') {
            rest = skip_space(after, language);
            continue;
        }
        if language == Language::Python && literal_starts(rest, language) {
            continue;
        }
        let how = if rest.starts_with('%') || rest.contains(".format") {
            "a formatted string"
        } else {
            "joined with a value"
        };
        return Argument::Dynamic(how, starts_like_sql(&text));
    }
}

/// A string literal read: its text (escapes resolved), its length in the source, whether it
/// holds a placeholder filled at run time.
struct Literal {
    text: String,
    length: usize,
    interpolated: bool,
}

/// Whether a string literal starts `text`.
fn literal_starts(text: &str, language: Language) -> bool {
    literal(text, language).is_some()
}

/// The string literal at the start of `text`, if one is there and closes.
fn literal(text: &str, language: Language) -> Option<Literal> {
    let (prefix, body) = match language {
        Language::Python => {
            let prefix = text
                .char_indices()
                .take_while(|(_, c)| "rRbBuUfF".contains(*c))
                .count()
                .min(2);
            (text.get(..prefix)?, text.get(prefix..)?)
        }
        _ => ("", text),
    };
    let raw_prefix = prefix.contains(['r', 'R']);
    let formatted = prefix.contains(['f', 'F']);
    let quotes: &[&str] = match language {
        Language::Java | Language::Kotlin => &["\"\"\"", "\""],
        Language::Python => &["\"\"\"", "'''", "\"", "'"],
        Language::Go => &["`", "\""],
        Language::Script => &["`", "\"", "'"],
    };
    let quote = quotes.iter().find(|q| body.starts_with(**q))?;
    let inner = body.get(quote.len()..)?;
    // Back-quotes and triple quotes of Java and Kotlin take no escapes; Python's raw prefix.
    let raw = raw_prefix
        || (language == Language::Go && *quote == "`")
        || (language == Language::Kotlin && *quote == "\"\"\"");
    let (content, end) = closed(inner, quote, raw)?;
    let interpolated = match language {
        Language::Python => formatted && content.replace("{{", "").contains('{'),
        Language::Kotlin => kotlin_template(content),
        Language::Script => *quote == "`" && content.contains("${"),
        Language::Java | Language::Go => false,
    };
    Some(Literal {
        text: if raw {
            content.to_string()
        } else {
            unescape(content)
        },
        length: prefix.len() + quote.len() + end + quote.len(),
        interpolated,
    })
}

/// The content of a literal up to its closing `quote` and the content's length, or None when
/// it never closes.
fn closed<'a>(inner: &'a str, quote: &str, raw: bool) -> Option<(&'a str, usize)> {
    let mut escaped = false;
    for (at, c) in inner.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' && !raw {
            escaped = true;
            continue;
        }
        if inner.get(at..).is_some_and(|rest| rest.starts_with(quote)) {
            return Some((inner.get(..at)?, at));
        }
        // A one-quote string ends at its line (except a JavaScript template).
        if c == '\n' && quote.len() == 1 && quote != "`" {
            return None;
        }
    }
    None
}

/// Whether Kotlin text holds a template (`$name`, `${…}`).
fn kotlin_template(content: &str) -> bool {
    content.match_indices('$').any(|(at, _)| {
        content
            .get(at + 1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == '{' || c.is_alphabetic() || c == '_')
    })
}

/// `\n`, `\t` and `\X` resolved.
fn unescape(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut chars = content.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => {}
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// `text` after leading spaces and comments (`//`, `/* */`; `#` in Python).
fn skip_space(mut text: &str, language: Language) -> &str {
    loop {
        text = text.trim_start();
        let line_comment = if language == Language::Python {
            "#"
        } else {
            "//"
        };
        if let Some(rest) = text.strip_prefix(line_comment) {
            text = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = text
            .strip_prefix("/*")
            .filter(|_| language != Language::Python)
        {
            text = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return text;
        }
    }
}

/// The arguments of a call whose `(` was just passed: each argument's text, up to the closing
/// parenthesis (strings and nested brackets skipped over). At most [`MAX_ARGUMENT_BYTES`].
fn arguments(text: &str, language: Language) -> Vec<&str> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut at = 0usize;
    while at < text.len().min(MAX_ARGUMENT_BYTES) {
        let rest = text.get(at..).unwrap_or("");
        if let Some(literal) = literal(rest, language) {
            at += literal.length.max(1);
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                found.push(text.get(start..at).unwrap_or(""));
                return found;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                found.push(text.get(start..at).unwrap_or(""));
                start = at + 1;
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    // Never closed: what was read is still the first arguments.
    found
}

/// Whether byte `at` is on a line that is a comment (`//`, `/*`, `*`; `#` in Python).
fn commented(text: &str, at: usize, language: Language) -> bool {
    let line_start = text
        .get(..at)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text.get(line_start..at).unwrap_or("").trim_start();
    match language {
        Language::Python => line.starts_with('#'),
        _ => line.starts_with("//") || line.starts_with("/*") || line.starts_with('*'),
    }
}

/// The SQL with each line trimmed, empty lines dropped and runs of spaces (outside quoted text)
/// made one: the string as it runs, written compactly.
fn tidy(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    for line in sql.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        let mut quoted = false;
        let mut space = false;
        for c in line.chars() {
            if c == '\'' {
                quoted = !quoted;
            }
            let blank = c == ' ' || c == '\t';
            if blank && !quoted {
                if !space {
                    out.push(' ');
                }
                space = true;
                continue;
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// JPQL's words that are not entity names or aliases.
const JPQL_KEYWORDS: [&str; 32] = [
    "select", "from", "where", "join", "left", "right", "inner", "outer", "fetch", "on", "as",
    "order", "group", "by", "having", "set", "update", "delete", "insert", "into", "and", "or",
    "not", "in", "is", "null", "like", "between", "distinct", "asc", "desc", "union",
];

/// One piece of a JPQL string: a word (a name, possibly dotted) or any other text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Word(String),
    Other(String),
}

/// The JPQL `jpql` as SQL: each entity after `FROM`, `JOIN`, `UPDATE`, `INTO` (and in a
/// `FROM` list) replaced by its table, each property of an alias (or of the one entity) by its
/// column when the entity has a column of that property's Spring name, `SELECT t` by
/// `SELECT t.*`, and a query starting with `FROM` given `SELECT *`. Err says why it cannot be.
fn jpql_to_sql(jpql: &str, models: &[ModelFile]) -> Result<String, String> {
    let mut pieces = pieces(&tidy(jpql));
    let aliases = map_entities(&mut pieces, models)?;
    map_properties(&mut pieces, &aliases, models);
    let mut sql = String::new();
    let starts_with_from = pieces
        .iter()
        .find_map(|p| match p {
            Piece::Word(w) => Some(w.eq_ignore_ascii_case("from")),
            Piece::Other(_) => None,
        })
        .unwrap_or(false);
    if starts_with_from {
        sql.push_str("SELECT * ");
    }
    select_whole_entity(&mut pieces, &aliases);
    for piece in &pieces {
        match piece {
            Piece::Word(text) | Piece::Other(text) => sql.push_str(text),
        }
    }
    Ok(sql)
}

/// `text` cut into words and the rest; quoted text and parameters (`?1`, `:name`) are Other.
fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let length = if c == '\'' {
            rest.get(1..)
                .and_then(|r| r.find('\''))
                .map_or(rest.len(), |end| end + 2)
        } else if c == ':' || c == '?' {
            1 + word(rest.get(1..).unwrap_or("")).len()
        } else if c.is_alphabetic() || c == '_' {
            rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let (piece, after) = rest.split_at(length.min(rest.len()));
        if c.is_alphabetic() || c == '_' {
            pieces.push(Piece::Word(piece.to_string()));
        } else {
            pieces.push(Piece::Other(piece.to_string()));
        }
        rest = after;
    }
    pieces
}

/// Replaces the entities of a JPQL query by their tables; gives each alias (and each entity
/// named without one, by its own name) the entity it stands for.
fn map_entities(
    pieces: &mut [Piece],
    models: &[ModelFile],
) -> Result<BTreeMap<String, String>, String> {
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut expect = false;
    let mut in_from = false;
    let mut after_join = false;
    let mut last_entity: Option<String> = None;
    for piece in pieces.iter_mut() {
        match piece {
            Piece::Other(text) => {
                if text == "," && in_from {
                    expect = true;
                } else if text == "(" || text == ")" {
                    in_from = false;
                }
            }
            Piece::Word(word) => {
                let lower = word.to_ascii_lowercase();
                let keyword = JPQL_KEYWORDS.contains(&lower.as_str());
                if keyword {
                    match lower.as_str() {
                        "from" => (expect, in_from, after_join) = (true, true, false),
                        "join" => (expect, after_join) = (true, true),
                        "update" | "into" => (expect, after_join) = (true, false),
                        "fetch" | "as" => {}
                        "where" | "order" | "group" | "having" | "set" | "on" => {
                            in_from = false;
                            last_entity = None;
                        }
                        _ => {}
                    }
                    continue;
                }
                if expect {
                    expect = false;
                    if after_join && word.contains('.') {
                        return Err(format!(
                            "the JPQL joins through the association {word}, whose table is not read"
                        ));
                    }
                    let entity = word.rsplit('.').next().unwrap_or(word.as_str()).to_string();
                    let Some(table) = table_of(models, &entity) else {
                        return Err(format!(
                            "the JPQL names {entity}, which no entity of this service maps to a table"
                        ));
                    };
                    aliases.insert(entity.clone(), entity.clone());
                    *word = table.to_string();
                    last_entity = Some(entity);
                } else if let Some(entity) = last_entity.take() {
                    if !word.contains('.') {
                        aliases.insert(word.clone(), entity);
                    }
                }
            }
        }
    }
    Ok(aliases)
}

/// Replaces `alias.property` (and a bare property when the query names one entity) by the
/// column the entity maps it to, when Spring's name for the property is one of its columns.
fn map_properties(pieces: &mut [Piece], aliases: &BTreeMap<String, String>, models: &[ModelFile]) {
    let entities: Vec<&String> = {
        let mut list: Vec<&String> = aliases.values().collect();
        list.dedup();
        list
    };
    let single = match entities.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    for piece in pieces.iter_mut() {
        let Piece::Word(word) = piece else { continue };
        if JPQL_KEYWORDS.contains(&word.to_ascii_lowercase().as_str()) {
            continue;
        }
        let (entity, property, qualifier) = match word.split_once('.') {
            Some((alias, property)) => match aliases.get(alias) {
                Some(entity) => (entity.as_str(), property, Some(alias)),
                None => continue,
            },
            None if aliases.contains_key(word.as_str()) => continue,
            None => match single {
                Some(entity) => (entity, word.as_str(), None),
                None => continue,
            },
        };
        let Some(column) = column_of(models, entity, property) else {
            continue;
        };
        *word = match qualifier {
            Some(alias) => format!("{alias}.{column}"),
            None => column,
        };
    }
}

/// `SELECT t` (one alias, optionally `DISTINCT`) as `SELECT t.*`: the whole entity is read.
fn select_whole_entity(pieces: &mut [Piece], aliases: &BTreeMap<String, String>) {
    let words: Vec<usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Piece::Word(_)))
        .map(|(i, _)| i)
        .take(4)
        .collect();
    let is = |i: Option<&usize>, wanted: &str| {
        i.and_then(|i| pieces.get(*i))
            .is_some_and(|p| matches!(p, Piece::Word(w) if w.eq_ignore_ascii_case(wanted)))
    };
    if !is(words.first(), "select") {
        return;
    }
    let skip = usize::from(is(words.get(1), "distinct"));
    let (Some(&alias_at), true) = (words.get(1 + skip), is(words.get(2 + skip), "from")) else {
        return;
    };
    // Only spaces between the alias and FROM: `SELECT t FROM`, not `SELECT t, u FROM`.
    let between_is_space = words
        .get(2 + skip)
        .and_then(|&from| pieces.get(alias_at + 1..from))
        .is_some_and(|list| {
            list.iter()
                .all(|p| matches!(p, Piece::Other(t) if t.trim().is_empty()))
        });
    if let Some(Piece::Word(alias)) = pieces.get_mut(alias_at) {
        if between_is_space && aliases.get(alias.as_str()).is_some_and(|e| e != alias) {
            alias.push_str(".*");
        }
    }
}

/// The table a service's models map entity class `entity` to.
fn table_of<'m>(models: &'m [ModelFile], entity: &str) -> Option<&'m str> {
    models
        .iter()
        .find_map(|m| m.classes.get(entity))
        .map(String::as_str)
}

/// The column an entity's property maps: the one its field is read as, else the column of
/// Spring's name for it when the entity has one (case ignored).
fn column_of(models: &[ModelFile], entity: &str, property: &str) -> Option<String> {
    let mapped = models
        .iter()
        .filter_map(|m| m.properties.get(entity)?.get(property))
        .next();
    if let Some(column) = mapped {
        return Some(column.clone());
    }
    let named = spring_physical(property);
    models
        .iter()
        .filter_map(|m| m.columns.get(entity))
        .any(|columns| columns.iter().any(|c| c.eq_ignore_ascii_case(&named)))
        .then_some(named)
}

/// Where each line of a text starts, to number the lines of many places in one pass.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineStarts(starts)
    }

    /// The 1-based line of byte `at`.
    fn line_of(&self, at: usize) -> u32 {
        let line = self.0.partition_point(|&start| start <= at);
        u32::try_from(line).unwrap_or(u32::MAX).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn transaction_model() -> ModelFile {
        let columns: BTreeSet<String> = [
            "transaction_id",
            "from_acct",
            "to_acct",
            "amount",
            "timestamp",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        ModelFile {
            path: "ledger/Transaction.java".to_string(),
            origin: Origin::at("ledger/Transaction.java", 3),
            tables: BTreeSet::from(["transactions".to_string()]),
            classes: BTreeMap::from([("Transaction".to_string(), "transactions".to_string())]),
            columns: BTreeMap::from([("Transaction".to_string(), columns)]),
            properties: BTreeMap::from([(
                "Transaction".to_string(),
                BTreeMap::from([("toAccountNum".to_string(), "to_acct".to_string())]),
            )]),
        }
    }

    /// Each query as `origin sql`, each unread string as `origin: why`.
    fn read_all(path: &str, text: &str) -> Vec<String> {
        let found = read(
            &[File { path, text }],
            &[transaction_model()],
            Dialect::Postgres,
        );
        let queries = found
            .queries
            .iter()
            .map(|q| format!("{} {}", q.origin, q.sql));
        let unread = found.unread.iter().map(|(o, why)| format!("{o}: {why}"));
        queries.chain(unread).collect()
    }

    #[test]
    fn spring_data_queries_native_and_jpql() {
        let text = r#"public interface TransactionRepository extends CrudRepository<Transaction, Long> {
    @Query(value = "SELECT "
    + "(SELECT SUM(AMOUNT) FROM TRANSACTIONS t "
    + "     WHERE (TO_ACCT = ?1)) - "  // the credits
    + " (SELECT SUM(AMOUNT) FROM TRANSACTIONS t WHERE (FROM_ACCT = ?1))",
        nativeQuery = true)
    Long balance(String account);

    @Query("SELECT t FROM Transaction t "
        + "WHERE t.transactionId > ?1 OR t.toAccountNum = ?2 ORDER BY t.transactionId ASC")
    List<Transaction> latest(long id);

    @Query("SELECT MAX(transactionId) FROM Transaction")
    Long latestId();

    @Query(nativeQuery = true, value = """
        DELETE FROM transactions
        WHERE amount = 0
        """)
    void prune();
}
"#;
        assert_eq!(
            read_all("ledger/TransactionRepository.java", text),
            [
                "ledger/TransactionRepository.java:2 SELECT (SELECT SUM(AMOUNT) FROM TRANSACTIONS t WHERE (TO_ACCT = ?1)) - (SELECT SUM(AMOUNT) FROM TRANSACTIONS t WHERE (FROM_ACCT = ?1))",
                "ledger/TransactionRepository.java:9 SELECT t.* FROM transactions t WHERE t.transaction_id > ?1 OR t.to_acct = ?2 ORDER BY t.transaction_id ASC",
                "ledger/TransactionRepository.java:13 SELECT MAX(transaction_id) FROM transactions",
                "ledger/TransactionRepository.java:16 DELETE FROM transactions\nWHERE amount = 0",
            ]
        );
    }

    #[test]
    fn jpql_that_cannot_be_mapped_is_said_so() {
        let text = "interface R {\n  @Query(\"FROM Transaction t WHERE t.amount > :min\")\n  List<Transaction> big(int min);\n  @Query(\"SELECT p FROM Pet p\")\n  List<Pet> pets();\n  @Query(\"SELECT o FROM Transaction o JOIN o.lines l\")\n  List<Transaction> lines();\n  @Query(SOME_CONSTANT)\n  List<Transaction> constant();\n}\n";
        assert_eq!(
            read_all("ledger/R.java", text),
            [
                "ledger/R.java:2 SELECT * FROM transactions t WHERE t.amount > :min",
                "ledger/R.java:4: the JPQL names Pet, which no entity of this service maps to a table",
                "ledger/R.java:6: the JPQL joins through the association o.lines, whose table is not read",
                "ledger/R.java:8: its text is not a string literal",
            ]
        );
    }

    #[test]
    fn jdbc_template_calls_and_run_time_sql() {
        let text = "class Dao {\n  void f(String table) {\n    jdbc.update(\"INSERT INTO audit (who) VALUES (?)\", who);\n    jdbc.queryForObject(\"SELECT count(*) FROM \" + table, Long.class);\n    map.update(\"key\", 1);\n    // jdbc.update(\"DELETE FROM audit\");\n    em.createNativeQuery(\"not sql\");\n    jdbc.query(sql, mapper);\n  }\n}\n";
        assert_eq!(
            read_all("dao/Dao.java", text),
            [
                "dao/Dao.java:3 INSERT INTO audit (who) VALUES (?)",
                "dao/Dao.java:4: it is built at run time (joined with a value)",
                "dao/Dao.java:7: the string is not a query",
            ]
        );
    }

    #[test]
    fn kotlin_templates_are_run_time_sql() {
        let text = "class Dao {\n  fun f() {\n    jdbc.query(\"\"\"\n      SELECT * FROM users\n      WHERE id = ?\n    \"\"\".trimIndent(), mapper)\n    jdbc.query(\"SELECT * FROM users WHERE id = $id\", mapper)\n  }\n}\n";
        assert_eq!(
            read_all("users/Dao.kt", text),
            [
                "users/Dao.kt:3 SELECT * FROM users\nWHERE id = ?",
                "users/Dao.kt:7: it is built at run time (an interpolated string)",
            ]
        );
    }

    #[test]
    fn python_execute_and_text() {
        let text = "def f(cursor, session, conn, name):\n    cursor.execute(\"SELECT id FROM users WHERE name = %s\", (name,))\n    session.execute(text(\"UPDATE users SET seen = now() \"\n                         \"WHERE id = :id\"), {'id': 1})\n    conn.execute('''\n        INSERT INTO logins (user_id)\n        VALUES (:id)''')\n    cursor.execute(f\"DELETE FROM users WHERE name = '{name}'\")\n    cursor.execute(\"SELECT * FROM %s\" % name)\n    conn.execute(statement)\n    context(\"SELECT not read\")\n";
        assert_eq!(
            read_all("users/db.py", text),
            [
                "users/db.py:2 SELECT id FROM users WHERE name = %s",
                "users/db.py:3 UPDATE users SET seen = now() WHERE id = :id",
                "users/db.py:5 INSERT INTO logins (user_id)\nVALUES (:id)",
                "users/db.py:8: it is built at run time (an interpolated string)",
                "users/db.py:9: it is built at run time (a formatted string)",
            ]
        );
    }

    #[test]
    fn go_back_quotes_and_contexts() {
        let text = "func get(ctx context.Context, db *sql.DB) {\n\trow := db.QueryRowContext(ctx, `\n\t\tSELECT balance FROM accounts\n\t\tWHERE id = $1`, id)\n\tdb.Exec(\"UPDATE accounts SET balance = $1 WHERE id = $2\", b, id)\n\tdb.Query(query)\n}\n";
        assert_eq!(
            read_all("accounts/store.go", text),
            [
                "accounts/store.go:2 SELECT balance FROM accounts\nWHERE id = $1",
                "accounts/store.go:5 UPDATE accounts SET balance = $1 WHERE id = $2",
            ]
        );
    }

    #[test]
    fn scripts_quotes_and_templates() {
        let text = "export async function f(pool, client, id) {\n  await pool.query('SELECT * FROM orders WHERE id = $1', [id]);\n  await client.query(`INSERT INTO order_events (order_id)\n    VALUES ($1)`, [id]);\n  await client.query(`SELECT * FROM ${table}`);\n  await api.query({ page: 1 });\n}\n";
        assert_eq!(
            read_all("orders/db.ts", text),
            [
                "orders/db.ts:2 SELECT * FROM orders WHERE id = $1",
                "orders/db.ts:3 INSERT INTO order_events (order_id)\nVALUES ($1)",
                "orders/db.ts:5: it is built at run time (an interpolated string)",
            ]
        );
    }

    #[test]
    fn jpql_updates_and_deletes_write_their_tables() {
        let found = read(
            &[File {
                path: "ledger/R.java",
                text: "interface R {\n  @Modifying\n  @Query(\"UPDATE Transaction t SET t.amount = 0 WHERE t.toAccountNum = :a\")\n  void zero(String a);\n  @Query(\"DELETE FROM Transaction t WHERE t.transactionId < ?1\")\n  void prune(long id);\n}\n",
            }],
            &[transaction_model()],
            Dialect::Postgres,
        );
        let queries: Vec<(&str, &Vec<String>)> = found
            .queries
            .iter()
            .map(|q| (q.sql.as_str(), &q.writes))
            .collect();
        let writes = vec!["transactions".to_string()];
        assert_eq!(
            queries,
            [
                (
                    "UPDATE transactions t SET t.amount = 0 WHERE t.to_acct = :a",
                    &writes
                ),
                (
                    "DELETE FROM transactions t WHERE t.transaction_id < ?1",
                    &writes
                ),
            ]
        );
        assert!(found.unread.is_empty(), "{:?}", found.unread);
    }

    #[test]
    fn names_assigned_a_string_in_scope_are_read() {
        let java = "class Dao {\n  void a() {\n    String sql = \"SELECT * FROM users \"\n        + \"WHERE id = ?\";\n    jdbc.query(sql, mapper);\n  }\n  void b(String sql) {\n    jdbc.update(sql);\n  }\n  void c() {\n    jdbc.update(DELETE_OLD);\n    String q = \"SELECT * FROM users\";\n    if (all) { q += \" WHERE active\"; }\n    jdbc.query(q, mapper);\n  }\n  private static final String DELETE_OLD = \"DELETE FROM users WHERE seen < now()\";\n}\n";
        assert_eq!(
            read_all("users/Dao.java", java),
            [
                "users/Dao.java:5 SELECT * FROM users WHERE id = ?",
                "users/Dao.java:11 DELETE FROM users WHERE seen < now()",
                "users/Dao.java:14: it is built at run time (extended at run time)",
            ]
        );
        let python = "FIND = '''\n    SELECT * FROM users WHERE id = %s\n'''\n\ndef a(cursor):\n    query = \"INSERT INTO logins (id) VALUES (%s)\"\n    cursor.execute(query, (1,))\n    cursor.execute(FIND, (1,))\n\ndef b(cursor, query):\n    cursor.execute(query)\n";
        assert_eq!(
            read_all("users/db.py", python),
            [
                "users/db.py:7 INSERT INTO logins (id) VALUES (%s)",
                "users/db.py:8 SELECT * FROM users WHERE id = %s",
            ]
        );
        let go = "func f(db *sql.DB) {\n\tq := `SELECT name FROM users`\n\tdb.Query(q)\n}\n";
        assert_eq!(
            read_all("users/store.go", go),
            ["users/store.go:3 SELECT name FROM users"]
        );
    }

    #[test]
    fn unreadable_sql_is_said_so_and_writes_are_kept() {
        let found = read(
            &[File {
                path: "a.py",
                text: "cur.execute(\"SELECT * FROM (users\")\ncur.execute(\"INSERT INTO users (id) VALUES (1)\")\ncur.execute(\"SELECT 1\")\n",
            }],
            &[],
            Dialect::Postgres,
        );
        assert_eq!(found.unread.len(), 1, "{found:?}");
        assert_eq!(
            found.unread.first().map(|(o, _)| o.to_string()).as_deref(),
            Some("a.py:1")
        );
        let writes: Vec<&Vec<String>> = found.queries.iter().map(|q| &q.writes).collect();
        assert_eq!(writes, [&vec!["users".to_string()]]);
    }

    #[test]
    fn any_text_is_read_without_a_panic() {
        for text in [
            "@Query(",
            "@Query(\"",
            "x.execute(\"\"\"",
            "q.query(`",
            "db.QueryContext(",
            "\u{e9}.execute(\u{e9}\"SELECT\"",
            "@Query(value = )",
            "x.execute(q)\nq",
            "q =\nx.execute(q)",
            "q: = \u{e9}\nx.execute(q)",
            "q += \"SELECT\nx.execute(q)",
        ] {
            for path in ["a.java", "a.kt", "a.py", "a.go", "a.ts"] {
                let _ = read(&[File { path, text }], &[], Dialect::Generic);
            }
        }
    }
}
