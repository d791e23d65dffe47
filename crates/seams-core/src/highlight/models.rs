//! The Models pane: files as `orm::split` finds them behind their headers, each read by
//! `orm::lexer` in the file's language, with the comments the lexer skips.

use super::{Class, Tokens};
use crate::orm::lexer::{java_tokens_noting_comments, python_lines_noting_comments, TokenKind};
use crate::orm::split::{split_files, Language};
use crate::source::LineIndex;

/// Highlights a Models pane.
pub(super) fn highlight(text: &str, tokens: &mut Tokens) {
    let files = split_files(text, &LineIndex::new(text), &mut Vec::new());
    for file in files {
        if !file.path.is_empty() {
            header(text, file.start, tokens);
        }
        tokens.runs(text, tokens.end(), file.start, Class::Unread);
        let source = file.text(text);
        let mut comments = Vec::new();
        let (found, keywords) = match file.language {
            Language::Python => {
                let lines = python_lines_noting_comments(source, file.start, &mut comments);
                let found: Vec<_> = lines.into_iter().flat_map(|line| line.tokens).collect();
                (found, PYTHON_KEYWORDS)
            }
            Language::Java => (
                java_tokens_noting_comments(source, file.start, &mut comments),
                JAVA_KEYWORDS,
            ),
            // The other brace languages share Java's lexer (comments, strings, brackets).
            language if language.braced() => (
                java_tokens_noting_comments(source, file.start, &mut comments),
                BRACED_KEYWORDS,
            ),
            _ => {
                tokens.runs(text, file.start, file.end, Class::Unread);
                continue;
            }
        };
        let mut comments = comments.into_iter().peekable();
        let mut after_at = false;
        for token in &found {
            while let Some((start, end)) = comments.next_if(|(start, _)| *start < token.start) {
                code_gap(text, start, tokens);
                tokens.push(start, end, Class::Comment);
            }
            let class = match token.kind {
                TokenKind::Ident if after_at => Class::Annotation,
                TokenKind::Ident if keywords.binary_search(&token.text.as_str()).is_ok() => {
                    Class::Keyword
                }
                TokenKind::Ident => Class::Identifier,
                TokenKind::Str => Class::String,
                TokenKind::Num => Class::Number,
                TokenKind::Punct if token.is_punct('@') => Class::Annotation,
                TokenKind::Punct => Class::Punctuation,
            };
            after_at = token.is_punct('@');
            code_gap(text, token.start, tokens);
            tokens.push(token.start, token.end, class);
        }
        for (start, end) in comments {
            code_gap(text, start, tokens);
            tokens.push(start, end, Class::Comment);
        }
        code_gap(text, file.end, tokens);
    }
    tokens.runs(text, tokens.end(), text.len(), Class::Unread);
}

/// What the lexer steps over between tokens besides whitespace and comments (a Python line
/// continuation `\`) is punctuation.
fn code_gap(text: &str, to: usize, tokens: &mut Tokens) {
    tokens.runs(text, tokens.end(), to, Class::Punctuation);
}

/// The header line that ends just before `body` (a file's text starts after its header).
fn header(text: &str, body: usize, tokens: &mut Tokens) {
    let before = text.get(..body.saturating_sub(1)).unwrap_or_default();
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    tokens.runs(text, tokens.end(), start, Class::Unread);
    let line = text.get(start..body).unwrap_or_default();
    let trimmed = line.trim();
    let offset = line.len() - line.trim_start().len();
    tokens.push(
        start + offset,
        start + offset + trimmed.len(),
        Class::Header,
    );
}

/// Python keywords, sorted.
pub(super) const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Java keywords and literals, sorted.
#[rustfmt::skip]
pub(super) const JAVA_KEYWORDS: &[&str] = &[
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
    "continue", "default", "do", "double", "else", "enum", "extends", "false", "final", "finally",
    "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
    "native", "new", "null", "package", "private", "protected", "public", "record", "return",
    "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
    "transient", "true", "try", "var", "void", "volatile", "while",
];

/// Keywords of C#, TypeScript, Go and Prisma (sorted, for `binary_search`): enough to tell a
/// declaration from a name in the Models pane.
pub(super) const BRACED_KEYWORDS: &[&str] = &[
    "abstract",
    "async",
    "await",
    "bool",
    "class",
    "const",
    "datasource",
    "decimal",
    "default",
    "enum",
    "export",
    "extends",
    "false",
    "func",
    "generator",
    "get",
    "implements",
    "import",
    "init",
    "int",
    "interface",
    "internal",
    "long",
    "model",
    "namespace",
    "new",
    "null",
    "override",
    "package",
    "partial",
    "private",
    "protected",
    "public",
    "readonly",
    "record",
    "return",
    "sealed",
    "set",
    "static",
    "string",
    "struct",
    "this",
    "true",
    "type",
    "using",
    "var",
    "virtual",
    "void",
];
