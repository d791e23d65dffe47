//! Splitting the Models pane into files. A file starts at a header comment whose first word is a
//! path (`# app_a/models/user.py`, `// ledgerwriter/src/main/java/…/Transaction.java`). Words
//! after the path may choose the service (`service: ledger`) and, for JPA, the naming of physical
//! names (`naming: standard`); other words are ignored (`# app_b/models/user.py (duplicated)`).
//!
//! A model's service (`docs/models.md`): the header's `service:` when given; else the module
//! directory of a Maven/Gradle layout (the segment before `src/main` or `src/test`); else the
//! first path segment that is not a container such as `src`, `services` or `apps` (with a note
//! saying which segment was taken); a bare file name has no service and is attributed to
//! [`UNNAMED_SERVICE`] with a warning.
//!
//! Text with no header is never silently merged: text before the first header, and a new file
//! that starts after another one without a header (recognised by a licence comment such as
//! `# Copyright 2020 …` at the start of a line, or a second `package` declaration after code),
//! become files of [`UNNAMED_SERVICE`] with a warning. A licence comment just before a header
//! stays a comment of the file before it.

use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Pane};

/// The service name given to models that no header attributes to a service.
pub const UNNAMED_SERVICE: &str = "unnamed";

/// Path segments that hold services rather than name one (`src/ledger/…` → `ledger`).
const CONTAINERS: [&str; 14] = [
    "src", "source", "services", "service", "apps", "packages", "modules", "cmd", "internal",
    "pkg", "lib", "backend", "server", "projects",
];

/// The language a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    /// Python: SQLAlchemy and Django.
    Python,
    /// Java: JPA / Hibernate and Spring Data MongoDB.
    Java,
    /// C#: Entity Framework Core.
    CSharp,
    /// TypeScript: TypeORM.
    TypeScript,
    /// Go: GORM.
    Go,
    /// A Prisma schema.
    Prisma,
    /// Not read (a diagnostic says why).
    Unknown,
}

impl Language {
    /// Whether the language uses `//` and `/* */` comments and braces (every one but Python).
    pub(crate) fn braced(self) -> bool {
        !matches!(self, Language::Python | Language::Unknown)
    }
}

/// How JPA entity and column names become physical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Naming {
    /// Spring Boot's default `CamelCaseToUnderscoresNamingStrategy`: `trainType` → `train_type`.
    #[default]
    Spring,
    /// Names as written (Hibernate's `PhysicalNamingStrategyStandardImpl`, plain JPA).
    Standard,
}

/// One file of the pane, as a byte range of the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// The path as written in the header (`\` turned into `/`), empty when there was no header.
    pub path: String,
    /// The service (see the module doc), or [`UNNAMED_SERVICE`].
    pub service: String,
    /// How to read it.
    pub language: Language,
    /// How JPA names become physical names in this file.
    pub naming: Naming,
    /// Byte offset of its header line (of its first line when it has no header).
    pub header: usize,
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

    /// How diagnostics name the file: its path, or where it starts when it has none.
    pub fn label(&self) -> String {
        if self.path.is_empty() {
            "the file without a header".to_string()
        } else {
            format!("`{}`", self.path)
        }
    }
}

/// What a header line says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    path: String,
    service: Option<String>,
    naming: Naming,
}

/// The text of a comment line, or None when the line is not a line comment.
fn comment_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    trimmed
        .strip_prefix("//")
        .or_else(|| trimmed.strip_prefix('#'))
        .or_else(|| {
            trimmed
                .strip_prefix("/*")
                .map(|rest| rest.trim_end().trim_end_matches("*/"))
        })
}

/// The header a line is, or None when the line is not a header.
fn header_of(line: &str) -> Option<Header> {
    let rest = comment_text(line)?;
    let mut words = rest.split_whitespace();
    let path = header_path(words.next()?)?;
    let mut header = Header {
        path,
        service: None,
        naming: Naming::Spring,
    };
    let words: Vec<&str> = words.collect();
    let mut i = 0;
    while let Some(word) = words.get(i) {
        let (key, inline) = match word.split_once(':') {
            Some((key, value)) => (key, value),
            None => (*word, ""),
        };
        let value = if inline.is_empty() && word.ends_with(':') {
            i += 1;
            words.get(i).copied().unwrap_or_default()
        } else {
            inline
        };
        let value = value.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | ',' | ')' | '('));
        match key {
            "service" if !value.is_empty() => header.service = Some(value.to_string()),
            "naming" if value.eq_ignore_ascii_case("standard") => header.naming = Naming::Standard,
            _ => {}
        }
        i += 1;
    }
    Some(header)
}

/// The path a header's first word names, or None when it is not a path.
fn header_path(word: &str) -> Option<String> {
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

/// The path a model file's own first header names, skipping a leading licence comment: what
/// the CLI asks before adding a header line of its own.
pub fn existing_header(text: &str) -> Option<String> {
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(header) = header_of(line) {
            return Some(header.path);
        }
        if comment_text(line).is_none() && !line.trim_start().starts_with('*') {
            return None;
        }
    }
    None
}

/// The language a path is read as, by its extension.
pub(crate) fn language_of(path: &str) -> Language {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "py" | "pyi" => Language::Python,
        "java" => Language::Java,
        "cs" => Language::CSharp,
        "ts" | "mts" | "cts" => Language::TypeScript,
        "go" => Language::Go,
        "prisma" => Language::Prisma,
        _ => Language::Unknown,
    }
}

/// The service a path names and, when it was not the first segment's plain reading, a note
/// saying how it was chosen (see the module doc).
fn service_of(path: &str) -> (Option<String>, Option<String>) {
    let segments: Vec<&str> = path.split('/').collect();
    let directories = segments
        .get(..segments.len().saturating_sub(1))
        .unwrap_or_default();
    for (i, segment) in directories.iter().enumerate() {
        let build = directories.get(i + 1) == Some(&"src")
            && matches!(directories.get(i + 2), Some(&"main") | Some(&"test"));
        if build && !CONTAINERS.contains(segment) {
            let note = (i > 0).then(|| {
                format!(
                    "the service of `{path}` is taken as `{segment}`, the module directory \
                     before `src/main`; write `service: NAME` after the path to choose another"
                )
            });
            return (Some((*segment).to_string()), note);
        }
    }
    let Some(first) = directories.first() else {
        return (None, None);
    };
    match directories.iter().position(|s| !CONTAINERS.contains(s)) {
        Some(0) => (Some((*first).to_string()), None),
        Some(i) => {
            let chosen = directories.get(i).copied().unwrap_or(first);
            let skipped = directories.get(..i).unwrap_or_default().join("/");
            let note = format!(
                "the service of `{path}` is taken as `{chosen}` (`{skipped}` holds services \
                 rather than naming one); write `service: NAME` after the path to choose another"
            );
            (Some(chosen.to_string()), Some(note))
        }
        None => {
            let note = format!(
                "the service of `{path}` is taken as `{first}`, but `{first}` looks like a \
                 source folder; write `service: NAME` after the path to name the service"
            );
            (Some((*first).to_string()), Some(note))
        }
    }
}

/// Guesses the language of text that has no header, or None when it does not look like code.
fn sniff(text: &str) -> Option<Language> {
    let mut python = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("@Entity")
            || line.starts_with("@Document")
            || line.starts_with("package ") && line.ends_with(';')
            || (line.starts_with("import ") && line.ends_with(';'))
            || line.starts_with("public class ")
        {
            return Some(Language::Java);
        }
        if line.starts_with("using ") && line.ends_with(';') || line.starts_with("namespace ") {
            return Some(Language::CSharp);
        }
        if line.starts_with("model ") && line.ends_with('{') || line.starts_with("datasource ") {
            return Some(Language::Prisma);
        }
        if line.starts_with("package ") || line.starts_with("type ") && line.contains(" struct") {
            return Some(Language::Go);
        }
        if line.starts_with("import ") && line.contains(" from ") && !python {
            return Some(Language::TypeScript);
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

/// Whether a comment line reads as a licence: its text starts with `Copyright`, `(c)` or
/// `SPDX-License-Identifier`, or says "licensed under the". A line comment must start at column
/// 0, so an indented `# copyright of the image` inside a class is not one.
fn is_licence(line: &str) -> bool {
    let trimmed = line.trim_start();
    let indented = trimmed.len() < line.len();
    if indented && (trimmed.starts_with('#') || trimmed.starts_with("//")) {
        return false;
    }
    let text = trimmed
        .trim_start_matches(['#', '/', '*', '!'])
        .trim_start()
        .to_ascii_lowercase();
    ["copyright", "(c)", "spdx-license-identifier"]
        .iter()
        .any(|start| text.starts_with(start))
        || text.contains("licensed under the")
}

/// Whether a line declares a Java or Go package (`package a.b;`, `package model`), not a Python
/// assignment such as `package = Column(String)`.
fn is_package_line(trimmed: &str) -> bool {
    trimmed.strip_prefix("package ").is_some_and(|rest| {
        let name = rest.trim().trim_end_matches(';').trim_end();
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    })
}

/// Whether a line is part of a comment (a line comment, or a line of a `/* … */` block).
fn is_comment_line(line: &str, in_block: bool) -> bool {
    let trimmed = line.trim_start();
    in_block || comment_text(line).is_some() || trimmed.starts_with("*/")
}

/// Where a file starts: a header, or an unheaded start found after code.
#[derive(Debug, Clone)]
struct Boundary {
    /// Offset of the boundary's first line.
    line_start: usize,
    /// Offset where the file's text starts.
    body_start: usize,
    /// The header, None for a file found without one.
    header: Option<Header>,
}

/// Finds headers, and files that start without one after code (a licence comment or a second
/// `package` line). A licence comment followed only by comments up to a header starts no file.
fn boundaries(text: &str) -> Vec<Boundary> {
    let mut found: Vec<Boundary> = Vec::new();
    let mut offset = 0usize;
    let mut code_seen = false;
    let mut package_seen = false;
    let mut in_block = false;
    // Start of the current run of comment lines, and whether it has code before it.
    let mut comment_run: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if let Some(header) = header_of(line) {
            // An unheaded start found in the comments just before this header is this file's.
            if found.last().is_some_and(|b| {
                b.header.is_none() && b.line_start >= comment_run.unwrap_or(usize::MAX)
            }) {
                found.pop();
            }
            found.push(Boundary {
                line_start,
                body_start: offset,
                header: Some(header),
            });
            code_seen = false;
            package_seen = false;
            in_block = false;
            comment_run = None;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim_start();
        if is_comment_line(line, in_block) {
            let run_start = *comment_run.get_or_insert(line_start);
            if trimmed.starts_with("/*") {
                in_block = !trimmed.contains("*/");
            } else if in_block && trimmed.contains("*/") {
                in_block = false;
            }
            if code_seen && is_licence(line) {
                found.push(Boundary {
                    line_start: run_start,
                    body_start: run_start,
                    header: None,
                });
                code_seen = false;
                package_seen = false;
            }
            continue;
        }
        let run_start = comment_run.take().unwrap_or(line_start);
        let package = is_package_line(trimmed);
        if package && package_seen && code_seen {
            found.push(Boundary {
                line_start: run_start,
                body_start: run_start,
                header: None,
            });
        }
        package_seen |= package;
        code_seen = true;
    }
    found
}

/// Whether text holds anything but blank lines and comments.
fn has_code(text: &str) -> bool {
    let mut in_block = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if is_comment_line(line, in_block) {
            if trimmed.starts_with("/*") {
                in_block = !trimmed.contains("*/");
            } else if in_block && trimmed.contains("*/") {
                in_block = false;
            }
            continue;
        }
        return true;
    }
    false
}

/// Cuts `text` into files at header comments (and at files found without one), with
/// diagnostics for unknown file types, for the way a service was chosen and for text without a
/// header.
pub(crate) fn split_files(
    text: &str,
    index: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let found = boundaries(text);
    let mut files = Vec::new();
    let preamble_end = found.first().map_or(text.len(), |b| b.line_start);
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
                    naming: Naming::Spring,
                    header: first,
                    start: 0,
                    end: preamble_end,
                });
            }
            None if found.is_empty() => diagnostics.push(Diagnostic::warning(
                span,
                "this does not look like model code (SQLAlchemy, Django, JPA, Entity Framework, \
                 Prisma, TypeORM or GORM) and has no file header such as \
                 `# app_a/models/user.py`; it is ignored",
            )),
            None if !has_code(preamble) => {}
            None => diagnostics.push(Diagnostic::info(
                span,
                "text before the first file header is ignored",
            )),
        }
    }
    let mut previous: Option<(String, Language)> = None;
    for (i, boundary) in found.iter().enumerate() {
        let end = found
            .get(i + 1)
            .map_or(text.len(), |next| next.line_start)
            .max(boundary.body_start);
        let span = index.span(Pane::Models, text, boundary.line_start);
        let Some(header) = &boundary.header else {
            let body = text.get(boundary.body_start..end).unwrap_or_default();
            if !has_code(body) {
                continue;
            }
            let (after, language) = previous
                .clone()
                .unwrap_or_else(|| (String::new(), Language::Unknown));
            let language = sniff(body).unwrap_or(language);
            diagnostics.push(Diagnostic::warning(
                span,
                format!(
                    "a new file starts here (a licence comment or a second `package` after \
                     `{after}`) without a header naming its path; it is read as a file of a \
                     service called `{UNNAMED_SERVICE}`: add a header line naming its path \
                     above it (`# svc/models.py`, `// svc/File.java`)"
                ),
            ));
            files.push(SourceFile {
                path: String::new(),
                service: UNNAMED_SERVICE.to_string(),
                language,
                naming: Naming::Spring,
                header: boundary.line_start,
                start: boundary.body_start,
                end,
            });
            continue;
        };
        let path = &header.path;
        let service = match (&header.service, service_of(path)) {
            (Some(chosen), _) => chosen.clone(),
            (None, (Some(service), note)) => {
                if let Some(note) = note {
                    diagnostics.push(Diagnostic::info(span, note));
                }
                service
            }
            (None, (None, _)) => {
                diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "the header `{path}` names no service (write `service/{path}` or \
                         `{path} service: NAME`); its models are attributed to \
                         `{UNNAMED_SERVICE}`"
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
                    "{what}: Seams reads Python (SQLAlchemy, Django), Java (JPA, Spring Data \
                     MongoDB), C# (Entity Framework Core), Prisma, TypeScript (TypeORM) and Go \
                     (GORM) models; `{path}` is skipped"
                ),
            ));
        }
        previous = Some((path.clone(), language));
        files.push(SourceFile {
            path: path.clone(),
            service,
            language,
            naming: header.naming,
            header: boundary.line_start,
            start: boundary.body_start,
            end,
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
    fn a_header_may_name_the_service_and_the_naming() {
        let text = "# src/accounts/userservice/db.py service: userservice\nA\n\
                    // a/B.java naming: standard service:billing\nB\n";
        let mut diagnostics = Vec::new();
        let files = split_files(text, &LineIndex::new(text), &mut diagnostics);
        let got: Vec<(&str, Naming)> = files
            .iter()
            .map(|f| (f.service.as_str(), f.naming))
            .collect();
        assert_eq!(
            got,
            [
                ("userservice", Naming::Spring),
                ("billing", Naming::Standard)
            ]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn source_folders_do_not_name_services() {
        let services = |path: &str| service_of(path).0.unwrap_or_default();
        assert_eq!(
            services("src/ledger/ledgerwriter/src/main/java/a/Transaction.java"),
            "ledgerwriter"
        );
        assert_eq!(services("src/accounts/userservice/db.py"), "accounts");
        assert_eq!(services("app_a/models/user.py"), "app_a");
        assert_eq!(services("src/models.py"), "src");
        assert!(service_of("app_a/models/user.py").1.is_none());
        assert!(service_of("src/accounts/db.py").1.is_some());
        assert!(service_of("src/models.py").1.is_some());
        assert_eq!(service_of("user.py"), (None, None));
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
    fn a_licence_comment_after_code_starts_a_new_file_not_a_merge() {
        let text = "// a/src/main/java/A.java\npackage a;\nclass A {}\n\
                    /*\n * Copyright 2020 Google LLC\n */\npackage b;\nclass B {}\n\
                    # Copyright 2021\n# more licence\nimport x\n";
        check(
            text,
            &[
                (
                    "a/src/main/java/A.java",
                    "a",
                    Language::Java,
                    "package a;\nclass A {}",
                ),
                (
                    "",
                    UNNAMED_SERVICE,
                    Language::Java,
                    "/*\n * Copyright 2020 Google LLC\n */\npackage b;\nclass B {}",
                ),
                (
                    "",
                    UNNAMED_SERVICE,
                    Language::Python,
                    "# Copyright 2021\n# more licence\nimport x",
                ),
            ],
            2,
        );
        // An indented comment that mentions a copyright is not a licence.
        check(
            "# a/m.py\nclass A:\n    x = 1\n    # copyright holder of the image\n    y = 2\n",
            &[(
                "a/m.py",
                "a",
                Language::Python,
                "class A:\n    x = 1\n    # copyright holder of the image\n    y = 2",
            )],
            0,
        );
        // A Python attribute called `package` is not a package line.
        check(
            "# a/m.py\npackage = Column(String)\nx = 1\npackage = Column(String)\n",
            &[(
                "a/m.py",
                "a",
                Language::Python,
                "package = Column(String)\nx = 1\npackage = Column(String)",
            )],
            0,
        );
        // A second `package` line without any licence also starts a file.
        check(
            "// a/A.java\npackage a;\nclass A {}\npackage b;\nclass B {}\n",
            &[
                ("a/A.java", "a", Language::Java, "package a;\nclass A {}"),
                (
                    "",
                    UNNAMED_SERVICE,
                    Language::Java,
                    "package b;\nclass B {}",
                ),
            ],
            1,
        );
    }

    #[test]
    fn a_licence_comment_before_a_header_belongs_to_that_header() {
        check(
            "# a/m.py\nx = 1\n# Copyright 2020 Google LLC\n#\n# b/m.py\ny = 2\n",
            &[
                (
                    "a/m.py",
                    "a",
                    Language::Python,
                    "x = 1\n# Copyright 2020 Google LLC\n#",
                ),
                ("b/m.py", "b", Language::Python, "y = 2"),
            ],
            0,
        );
        // A pane that starts with a licence and then a header: nothing is unnamed.
        check(
            "# Copyright 2020 Google LLC\n\n# a/m.py\nx = 1\n",
            &[("a/m.py", "a", Language::Python, "x = 1")],
            0,
        );
        assert_eq!(
            existing_header("/*\n * Copyright 2020\n */\n// a/B.java\nclass B {}"),
            Some("a/B.java".to_string())
        );
        assert_eq!(existing_header("# Copyright 2020\nimport x\n"), None);
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
