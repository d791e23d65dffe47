//! The Schema pane cut into one text per database. A line `-- database: NAME` starts a
//! database's section (as `# path` lines start a file in the Models pane); so do `USE NAME`
//! (MySQL, SQL Server) and psql's `\connect NAME` / `\c NAME`. `CREATE DATABASE NAME` declares a
//! database without switching to it. Lines before the first switch belong to no named database.
//!
//! These are read per line (a line that starts with the words), not per statement: a `USE` line
//! inside a string or a function body would switch too, which real dumps do not do. Each
//! section's text keeps the pane's line numbers: the other sections' lines are left empty, so
//! every span the schema reader gives points at the pane's own line and column.

use super::name;
use crate::source::{Pane, Span};
use std::borrow::Cow;

/// One database's part of the Schema pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// The database as written (quotes removed), or None for the lines before any switch.
    pub database: Option<String>,
    /// Where the section's first header, `USE` or `\connect` line is.
    pub span: Option<Span>,
    /// The pane's text with every other section's lines left empty (the pane itself when it
    /// has one section).
    pub text: Cow<'a, str>,
}

/// The Schema pane's sections and the databases it creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sections<'a> {
    /// One section per database, in order of first appearance (the unnamed one first, when it
    /// has lines that are not blank).
    pub sections: Vec<Section<'a>>,
    /// Databases named by `CREATE DATABASE`, with where, in order.
    pub created: Vec<(String, Span)>,
}

/// What one line of the pane says about databases.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LineFact {
    /// Switches to the named database.
    Switch(String),
    /// Creates the named database.
    Create(String),
}

/// The text after `prefix` (ASCII, any case) at the start of `line`, when a space or the end
/// follows it.
fn after_word<'l>(line: &'l str, prefix: &str) -> Option<&'l str> {
    let head = line.get(..prefix.len())?;
    let rest = line.get(prefix.len()..)?;
    (head.eq_ignore_ascii_case(prefix) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then(|| rest.trim_start())
}

/// The database name at the start of `text` (`[Riverside]`, `"db";`, `db GO`), unquoted.
fn leading_name(text: &str) -> Option<String> {
    let text = text.trim();
    let end = {
        let mut quote: Option<char> = None;
        let mut end = text.len();
        for (at, c) in text.char_indices() {
            match quote {
                Some(close) if c == close => quote = None,
                Some(_) => {}
                None if c == '"' || c == '`' => quote = Some(c),
                None if c == '[' => quote = Some(']'),
                None if c == ';' || c.is_whitespace() => {
                    end = at;
                    break;
                }
                None => {}
            }
        }
        end
    };
    let written = text.get(..end)?;
    let parts = name::parts(written);
    let name = parts.last()?.text.trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// What `line` says about databases, if anything.
fn line_fact(line: &str) -> Option<LineFact> {
    let line = line.trim_start();
    if let Some(comment) = line.strip_prefix("--") {
        let comment = comment.trim_start();
        let rest = comment
            .get(..9)
            .filter(|head| head.eq_ignore_ascii_case("database:"))
            .and_then(|_| comment.get(9..))?;
        let name = rest.trim();
        return (!name.is_empty()).then(|| LineFact::Switch(name.to_string()));
    }
    if let Some(rest) = after_word(line, "\\connect").or_else(|| after_word(line, "\\c")) {
        return leading_name(rest).map(LineFact::Switch);
    }
    if let Some(rest) = after_word(line, "use") {
        return leading_name(rest).map(LineFact::Switch);
    }
    let rest = after_word(line, "create").and_then(|rest| after_word(rest, "database"))?;
    let rest = after_word(rest, "if")
        .and_then(|r| after_word(r, "not"))
        .and_then(|r| after_word(r, "exists"))
        .unwrap_or(rest);
    leading_name(rest).map(LineFact::Create)
}

/// Cuts the Schema pane into its databases' sections (`docs/services-file.md`).
pub fn split(text: &str) -> Sections<'_> {
    let mut created = Vec::new();
    // Each line's section, as an index into `names` (0: no named database).
    let mut names: Vec<(Option<String>, Option<Span>)> = vec![(None, None)];
    let mut owners: Vec<usize> = Vec::new();
    let mut current = 0;
    let mut unnamed_used = false;
    for (index, line) in text.split('\n').enumerate() {
        let span = Span::new(Pane::Schema, index as u32 + 1, 1);
        let fact = line_fact(line);
        let switches = matches!(fact, Some(LineFact::Switch(_)));
        match fact {
            Some(LineFact::Switch(database)) => {
                current = match names
                    .iter()
                    .position(|(n, _)| n.as_deref() == Some(database.as_str()))
                {
                    Some(found) => found,
                    None => {
                        names.push((Some(database), Some(span)));
                        names.len() - 1
                    }
                };
            }
            Some(LineFact::Create(database)) => created.push((database, span)),
            None => {
                let trimmed = line.trim();
                if current == 0 && !trimmed.is_empty() && !trimmed.starts_with("--") {
                    unnamed_used = true;
                }
            }
        }
        // A switch line belongs to no section: psql's `\connect` has no `;`, and the reader
        // would read it and the next statement as one.
        owners.push(if switches { usize::MAX } else { current });
    }
    let used: Vec<usize> = (0..names.len())
        .filter(|&i| i != 0 || unnamed_used || names.len() == 1)
        .collect();
    let sections = match used.as_slice() {
        [only] => {
            let (database, span) = names.get(*only).cloned().unwrap_or((None, None));
            let text = if owners.contains(&usize::MAX) {
                Cow::Owned(section_text(text, &owners, *only))
            } else {
                Cow::Borrowed(text)
            };
            vec![Section {
                database,
                span,
                text,
            }]
        }
        _ => used
            .iter()
            .map(|&i| {
                let (database, span) = names.get(i).cloned().unwrap_or((None, None));
                Section {
                    database,
                    span,
                    text: Cow::Owned(section_text(text, &owners, i)),
                }
            })
            .collect(),
    };
    Sections { sections, created }
}

/// The pane's text with the lines of every section but `index` left empty.
fn section_text(text: &str, owners: &[usize], index: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (line, owner) in text.split('\n').zip(owners) {
        if *owner == index {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<Option<String>> {
        split(text)
            .sections
            .into_iter()
            .map(|s| s.database)
            .collect()
    }

    #[test]
    fn headers_use_and_connect_start_sections() {
        let text = "-- database: accounts-db\nCREATE TABLE users (id int);\n\\connect ledger\nCREATE TABLE t (id int);\nUSE [Lab];\nGO\n-- Database: accounts-db\nCREATE TABLE contacts (id int);";
        let sections = split(text);
        assert_eq!(
            names(text),
            [
                Some("accounts-db".to_string()),
                Some("ledger".to_string()),
                Some("Lab".to_string())
            ]
        );
        let accounts = &sections.sections[0].text;
        // Line numbers are kept: `contacts` is on line 8 in both.
        assert_eq!(
            accounts.lines().nth(7),
            Some("CREATE TABLE contacts (id int);")
        );
        assert_eq!(accounts.lines().nth(3), Some(""));
        assert_eq!(accounts.lines().count(), text.lines().count());
        assert_eq!(sections.sections[1].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn one_database_keeps_the_text_and_a_leading_unnamed_part_counts_only_with_statements() {
        let single = "CREATE TABLE a (id int);";
        assert_eq!(names(single), [None]);
        assert!(matches!(split(single).sections[0].text, Cow::Borrowed(_)));
        let used = "-- a comment\n\nUSE shop;\nCREATE TABLE a (id int);";
        assert_eq!(names(used), [Some("shop".to_string())]);
        assert_eq!(
            split(used).sections[0].text,
            "\n\n\nCREATE TABLE a (id int);"
        );
        let both = "CREATE TABLE a (id int);\n-- database: b\nCREATE TABLE b (id int);";
        assert_eq!(names(both), [None, Some("b".to_string())]);
    }

    #[test]
    fn create_database_declares_without_switching() {
        let text = "CREATE DATABASE IF NOT EXISTS `shop`;\ncreate database reports;\nCREATE SCHEMA sales;\nCREATE TABLE a (id int);";
        let sections = split(text);
        let created: Vec<&str> = sections.created.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(created, ["shop", "reports"]);
        assert_eq!(names(text), [None]);
        // `USER` is not `USE`, `\copy` is not `\c`.
        assert_eq!(names("USER x;\n\\copy t from stdin"), [None]);
    }
}
