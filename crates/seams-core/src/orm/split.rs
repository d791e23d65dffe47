//! Splitting the Models pane into files. A file starts at a header comment whose first word is a
//! path (`# app_a/models/user.py`, `// ledgerwriter/src/main/java/…/Transaction.java`); words after
//! the path are ignored (`# app_b/models/user.py (duplicated)`). The first path segment names the
//! service, as written. Text before the first header is read as one file of the service
//! [`UNNAMED_SERVICE`] when it looks like code, with a warning.

use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Pane};

/// The service name given to models that no header attributes to a service.
pub const UNNAMED_SERVICE: &str = "unnamed";

/// The language a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    /// Python: SQLAlchemy and Django.
    Python,
    /// Java: JPA / Hibernate.
    Java,
    /// Not read (a diagnostic says why).
    Unknown,
}

/// One file of the pane, as a byte range of the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// The path as written in the header (`\` turned into `/`), empty when there was no header.
    pub path: String,
    /// The service: the path's first segment as written, or [`UNNAMED_SERVICE`].
    pub service: String,
    /// How to read it.
    pub language: Language,
    /// Byte offset where its text starts (after the header line).
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
}

impl SourceFile {
    /// The file's text.
    pub fn text<'a>(&self, pane: &'a str) -> &'a str {
        pane.get(self.start..self.end).unwrap_or_default()
    }
}

/// The path a header line names, or None when the line is not a header.
fn header_path(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let rest = if let Some(rest) = trimmed.strip_prefix("//") {
        rest
    } else {
        trimmed.strip_prefix('#')?
    };
    let word = rest.split_whitespace().next()?;
    let word = word.trim_matches(|c| c == '`' || c == '"' || c == '\'');
    let path = word.replace('\\', "/");
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let valid = path
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
    let file = path.rsplit('/').next()?;
    let (stem, extension) = file.rsplit_once('.')?;
    let extension_ok =
        (1..=6).contains(&extension.len()) && extension.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid || stem.is_empty() || !extension_ok || path.contains("//") {
        return None;
    }
    // A bare file name is a header only for the languages Seams reads.
    if !path.contains('/') && language_of(path) == Language::Unknown {
        return None;
    }
    Some(path.to_string())
}

fn language_of(path: &str) -> Language {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "py" | "pyi" => Language::Python,
        "java" => Language::Java,
        _ => Language::Unknown,
    }
}

/// Guesses the language of text that has no header, or None when it does not look like code.
fn sniff(text: &str) -> Option<Language> {
    let mut python = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("@Entity")
            || line.starts_with("package ")
            || (line.starts_with("import ") && line.ends_with(';'))
            || line.starts_with("public class ")
        {
            return Some(Language::Java);
        }
        if (line.starts_with("class ") && line.ends_with(':'))
            || line.starts_with("from ")
            || line.starts_with("import ")
            || line.contains("Column(")
            || line.contains("Table(")
        {
            python = true;
        }
    }
    python.then_some(Language::Python)
}

/// Cuts `text` into files at header comments, with diagnostics for unknown file types and for
/// text before the first header.
pub(crate) fn split_files(
    text: &str,
    index: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let mut headers: Vec<(usize, usize, String)> = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        if let Some(path) = header_path(line) {
            headers.push((offset, offset + line.len(), path));
        }
        offset += line.len();
    }
    let mut files = Vec::new();
    let preamble_end = headers.first().map_or(text.len(), |h| h.0);
    let preamble = text.get(..preamble_end).unwrap_or_default();
    if !preamble.trim().is_empty() {
        let first = preamble.len() - preamble.trim_start().len();
        let span = index.span(Pane::Models, text, first);
        match sniff(preamble) {
            Some(language) => {
                diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "model code without a file header such as `# app_a/models/user.py`; \
                         it is attributed to a service called `{UNNAMED_SERVICE}`"
                    ),
                ));
                files.push(SourceFile {
                    path: String::new(),
                    service: UNNAMED_SERVICE.to_string(),
                    language,
                    start: 0,
                    end: preamble_end,
                });
            }
            None if headers.is_empty() => diagnostics.push(Diagnostic::warning(
                span,
                "this does not look like model code (SQLAlchemy, Django or JPA) and has no \
                 file header such as `# app_a/models/user.py`; it is ignored",
            )),
            None => diagnostics.push(Diagnostic::info(
                span,
                "text before the first file header is ignored",
            )),
        }
    }
    for (i, (line_start, body_start, path)) in headers.iter().enumerate() {
        let end = headers.get(i + 1).map_or(text.len(), |next| next.0);
        let span = index.span(Pane::Models, text, *line_start);
        let service = match path.split_once('/') {
            Some((first, _)) => first.to_string(),
            None => {
                diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "the header `{path}` names no service (write `service/{path}`); its \
                         models are attributed to `{UNNAMED_SERVICE}`"
                    ),
                ));
                UNNAMED_SERVICE.to_string()
            }
        };
        let language = language_of(path);
        if language == Language::Unknown {
            let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
            let what = if matches!(extension, "kt" | "kts") {
                "Kotlin models are not read yet".to_string()
            } else {
                format!("`.{extension}` files are not read")
            };
            diagnostics.push(Diagnostic::warning(
                span,
                format!(
                    "{what}: Seams reads Python (SQLAlchemy, Django) and Java (JPA) models; \
                     `{path}` is skipped"
                ),
            ));
        }
        files.push(SourceFile {
            path: path.clone(),
            service,
            language,
            start: *body_start,
            end: end.max(*body_start),
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[(&str, &str, Language, &str)], diagnostics: usize) {
        let mut found = Vec::new();
        let files = split_files(text, &LineIndex::new(text), &mut found);
        let got: Vec<(&str, &str, Language, &str)> = files
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    f.service.as_str(),
                    f.language,
                    f.text(text).trim(),
                )
            })
            .collect();
        assert_eq!(got, expected);
        assert_eq!(found.len(), diagnostics, "{found:?}");
    }

    #[test]
    fn headers_cut_files_and_name_services() {
        check(
            "# app_a/models/user.py\nA\n# app_b/models/user.py (duplicated)\nB\n",
            &[
                ("app_a/models/user.py", "app_a", Language::Python, "A"),
                ("app_b/models/user.py", "app_b", Language::Python, "B"),
            ],
            0,
        );
        check(
            "// ledgerwriter/src/main/java/Transaction.java\nclass T {}\n",
            &[(
                "ledgerwriter/src/main/java/Transaction.java",
                "ledgerwriter",
                Language::Java,
                "class T {}",
            )],
            0,
        );
    }

    #[test]
    fn comments_that_are_not_paths_are_not_headers() {
        check(
            "# app/models.py\nx = 1  # see https://x.org/a.html\n# e.g. this\n#!/usr/bin/env python\n",
            &[(
                "app/models.py",
                "app",
                Language::Python,
                "x = 1  # see https://x.org/a.html\n# e.g. this\n#!/usr/bin/env python",
            )],
            0,
        );
    }

    #[test]
    fn code_before_the_first_header_is_an_unnamed_file() {
        check(
            "class User(Base):\n    __tablename__ = 'users'\n",
            &[(
                "",
                UNNAMED_SERVICE,
                Language::Python,
                "class User(Base):\n    __tablename__ = 'users'",
            )],
            1,
        );
        check("just some words\n", &[], 1);
    }

    #[test]
    fn unknown_file_types_are_diagnosed() {
        check(
            "# svc/models/user.rb\nclass User\n",
            &[("svc/models/user.rb", "svc", Language::Unknown, "class User")],
            1,
        );
    }
}
