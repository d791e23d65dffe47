//! Property tests: on any text, highlighting never panics, its tokens are ordered, disjoint, on
//! character boundaries and hold every non-whitespace byte, and it agrees with the readers'
//! lexers on where every string and comment starts and ends.

use super::*;
use crate::orm::lexer::{java_tokens_noting_comments, python_lines_noting_comments};
use crate::orm::split::{split_files, Language as FileLanguage};
use crate::services::yaml::{self, NodeKind};
use crate::source::LineIndex;
use crate::sql::lex::{Lexer, TokenKind};
use crate::sql::split::Splitter;
use proptest::prelude::*;
use saphyr_parser::ScalarStyle;

/// Pieces of SQL that open and close things: quotes, comments, dollar quotes, brackets,
/// directives and `COPY` data.
const SQL_FRAGMENTS: &[&str] = &[
    "'",
    "''",
    "\"",
    "`",
    "[",
    "]",
    "$$",
    "$a$",
    "price$usd$",
    "$1",
    "/*",
    "*/",
    "--",
    "#",
    "\n",
    " ",
    ";",
    "E'",
    "N'",
    "\\",
    "\\.\n",
    "COPY t FROM stdin;\n",
    "DELIMITER ;;\n",
    "DELIMITER ;\n",
    "GO\n",
    "CREATE TABLE t (a int);",
    "x",
    "1.5",
    "é",
    "(",
    ")",
    "/*!",
    "\r\n",
    "\t",
    "@v",
    "#t",
    "\nSET ",
    "\nIF ",
    "END",
    "G",
    "O",
];

/// Pieces of YAML and JSON: quotes, escapes, comments, flow brackets, anchors, block scalars.
const YAML_FRAGMENTS: &[&str] = &[
    "a: ", "- ", "'", "''", "\"", "\\\"", "#", " #", "[", "]", "{", "}", ", ", ":", "\n", "  ",
    "&x ", "*x", "!t ", "|\n", ">\n", "---\n", "true", "1", "é", "\t", "? ", "x", "\"k\": ",
];

/// Pieces of Python and Java models: headers, quotes, triple quotes, comments, decorators.
const MODEL_FRAGMENTS: &[&str] = &[
    "# a/m.py\n",
    "// b/B.java\n",
    "# x.rb\n",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "#",
    "//",
    "/*",
    "*/",
    "\\\n",
    "@",
    "Entity",
    "class ",
    "(",
    ")",
    "\n",
    "    ",
    "r'",
    "x",
    "1",
    "é",
    "\\",
    "$",
];

fn built_from(fragments: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(fragments), 0..60).prop_map(|parts| parts.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|chars| chars.into_iter().collect())
}

/// Ordered, non-empty, disjoint tokens on character boundaries that hold every
/// non-whitespace character.
fn assert_well_formed(text: &str, tokens: &[Token]) {
    let mut at = 0;
    for token in tokens {
        assert!(
            token.start >= at && token.start < token.end,
            "{token:?} in {text:?}"
        );
        assert!(
            text.get(token.start..token.end).is_some(),
            "{token:?} in {text:?}"
        );
        let gap = text.get(at..token.start).unwrap_or_default();
        assert!(gap.trim().is_empty(), "{gap:?} unclassified in {text:?}");
        at = token.end;
    }
    let rest = text.get(at..).unwrap_or_default();
    assert!(rest.trim().is_empty(), "{rest:?} unclassified in {text:?}");
}

fn ranges(tokens: &[Token], class: Class) -> Vec<(usize, usize)> {
    tokens
        .iter()
        .filter(|t| t.class == class)
        .map(|t| (t.start, t.end))
        .collect()
}

/// Whether each byte of `text` is in a range.
fn covered(text: &str, ranges: &[(usize, usize)]) -> Vec<bool> {
    let mut inside = vec![false; text.len()];
    for &(start, end) in ranges {
        inside[start..end].iter_mut().for_each(|b| *b = true);
    }
    inside
}

/// SQL: the strings are exactly the lexer's string tokens in the splitter's statements, and the
/// comment bytes are exactly the non-blank bytes neither of them reads as anything else.
fn assert_sql_agrees(text: &str, dialect: Dialect) {
    let tokens = highlight(Language::Sql(Some(dialect)), text);
    assert_well_formed(text, &tokens);
    let mut strings = Vec::new();
    let mut read = Vec::new();
    let mut splitter = Splitter::new(text, dialect).recording();
    while let Some(piece) = splitter.next() {
        let source = &text[piece.start..piece.end];
        for token in Lexer::new(source, dialect) {
            let range = (piece.start + token.start, piece.start + token.end);
            if token.kind == TokenKind::Str {
                strings.push(range);
            }
            read.push(range);
        }
        read.extend(splitter.take_skipped().iter().map(|&(_, s, e)| (s, e)));
    }
    read.extend(splitter.take_skipped().iter().map(|&(_, s, e)| (s, e)));
    assert_eq!(
        ranges(&tokens, Class::String),
        strings,
        "strings in {text:?}"
    );
    let read = covered(text, &read);
    let comments = covered(text, &ranges(&tokens, Class::Comment));
    for (at, _) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        assert_eq!(comments[at], !read[at], "byte {at} of {text:?}");
    }
}

/// Models: strings and comments are exactly those the ORM lexers report for each file.
fn assert_models_agree(text: &str) {
    let tokens = highlight(Language::Models, text);
    assert_well_formed(text, &tokens);
    let mut strings = Vec::new();
    let mut comments = Vec::new();
    for file in split_files(text, &LineIndex::new(text), &mut Vec::new()) {
        let found = match file.language {
            FileLanguage::Python => {
                python_lines_noting_comments(file.text(text), file.start, &mut comments)
                    .into_iter()
                    .flat_map(|line| line.tokens)
                    .collect()
            }
            language if language.braced() => {
                java_tokens_noting_comments(file.text(text), file.start, &mut comments)
            }
            _ => Vec::new(),
        };
        strings.extend(
            found
                .iter()
                .filter(|t| t.kind == crate::orm::lexer::TokenKind::Str)
                .map(|t| (t.start, t.end)),
        );
    }
    assert_eq!(
        ranges(&tokens, Class::String),
        strings,
        "strings in {text:?}"
    );
    assert_eq!(
        ranges(&tokens, Class::Comment),
        comments,
        "comments in {text:?}"
    );
}

/// Services: every quoted scalar the YAML reader read is a string or key token that starts at
/// its quote and ends at its closing quote (or where the text ends).
fn assert_services_agree(text: &str) {
    let tokens = highlight(Language::Services, text);
    assert_well_formed(text, &tokens);
    let index = LineIndex::new(text);
    let document = yaml::read(text);
    let mut pending: Vec<&yaml::Node> = document.root.iter().collect();
    while let Some(node) = pending.pop() {
        match &node.kind {
            NodeKind::Sequence(items) => pending.extend(items),
            NodeKind::Mapping(entries) => {
                pending.extend(entries.iter().flat_map(|e| [&e.key, &e.value]))
            }
            NodeKind::Scalar(scalar) => {
                let quote = match scalar.style {
                    ScalarStyle::SingleQuoted => b'\'',
                    ScalarStyle::DoubleQuoted => b'"',
                    _ => continue,
                };
                let start = (0..=text.len())
                    .find(|&at| {
                        let (line, column) = index.position(text, at);
                        line == node.span.line && column == node.span.column
                    })
                    .unwrap_or(text.len());
                // An alias copies a quoted node to where the alias is; an anchor or tag
                // comes before the quote.
                if text.as_bytes().get(start) != Some(&quote) {
                    continue;
                }
                let token = tokens.iter().find(|t| t.start == start);
                let token = token.unwrap_or_else(|| panic!("no token at {start} in {text:?}"));
                assert!(
                    matches!(token.class, Class::String | Class::Key),
                    "{text:?}"
                );
                let end = text[..token.end].bytes().last();
                assert!(end == Some(quote) || token.end == text.len(), "{text:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sql_highlighting_agrees_with_the_reader(text in built_from(SQL_FRAGMENTS)) {
        for dialect in Dialect::ALL {
            assert_sql_agrees(&text, dialect);
        }
    }

    #[test]
    fn sql_highlighting_agrees_on_any_text(text in any_text()) {
        for dialect in Dialect::ALL {
            assert_sql_agrees(&text, dialect);
        }
    }

    #[test]
    fn models_highlighting_agrees_with_the_reader(text in built_from(MODEL_FRAGMENTS)) {
        assert_models_agree(&text);
    }

    #[test]
    fn models_highlighting_agrees_on_any_text(text in any_text()) {
        assert_models_agree(&text);
    }

    #[test]
    fn services_highlighting_agrees_with_the_reader(text in built_from(YAML_FRAGMENTS)) {
        assert_services_agree(&text);
    }

    #[test]
    fn services_highlighting_agrees_on_any_text(text in any_text()) {
        assert_services_agree(&text);
    }

    #[test]
    fn an_edited_highlighting_equals_a_fresh_one(
        before in built_from(SQL_FRAGMENTS),
        insert in built_from(SQL_FRAGMENTS),
        cut in 0.0..1.0f64,
        removed in 0usize..6,
        dialect in prop::sample::select(Dialect::ALL.to_vec()),
    ) {
        let language = Language::Sql(Some(dialect));
        let boundaries: Vec<usize> = before.char_indices().map(|(at, _)| at).chain([before.len()]).collect();
        let from = boundaries[((boundaries.len() - 1) as f64 * cut) as usize];
        let to = boundaries[boundaries.partition_point(|&b| b < from) .saturating_add(removed).min(boundaries.len() - 1)];
        let insert: String = insert.chars().take(8).collect();
        let after = format!("{}{}{}", &before[..from], insert, &before[to..]);
        let edited = Highlighted::new(language, &before).edited(language, &after);
        let fresh = Highlighted::new(language, &after);
        prop_assert_eq!(&edited.tokens, &fresh.tokens, "{:?} -> {:?}", before, after);
        prop_assert_eq!(&edited.checkpoints, &fresh.checkpoints);
    }

    #[test]
    fn lines_are_cut_into_pieces_that_cover_them(text in built_from(SQL_FRAGMENTS)) {
        let highlighted = Highlighted::new(Language::Sql(None), &text);
        for i in 0..highlighted.line_count() {
            let joined: String = highlighted.pieces(i).iter().map(|(_, s)| *s).collect();
            prop_assert_eq!(joined.as_str(), highlighted.line(i));
        }
    }
}

/// Cases the property above found: an edit where the reading still owed tokens to the text
/// after a statement (a COPY block's line end, whitespace before a comment), which the
/// incremental reading once skipped or took from the old reading. Every edit of a few bytes at
/// every place, in every dialect.
#[test]
fn an_edit_where_tokens_were_owed_equals_a_fresh_highlighting() {
    for before in [
        "COPY t FROM stdin;\n\nSET E'",
        "COPY t FROM stdin;\nCREATE TABLE t (a int);$$",
        "'E'\nSET /*\\.\n''",
    ] {
        edits_equal_fresh_readings(before);
    }
}

/// Asserts every small edit of `before` reads the same incrementally as afresh.
fn edits_equal_fresh_readings(before: &str) {
    for dialect in Dialect::ALL {
        let language = Language::Sql(Some(dialect));
        for at in 0..=before.len() {
            for removed in 0..6 {
                for insert in [";'", "'", ";", "\\.\n", "$$", "E'", "\\[\\", ""] {
                    let to = (at + removed).min(before.len());
                    if !before.is_char_boundary(at) || !before.is_char_boundary(to) {
                        continue;
                    }
                    let after = format!("{}{insert}{}", &before[..at], &before[to..]);
                    let edited = Highlighted::new(language, before).edited(language, &after);
                    let fresh = Highlighted::new(language, &after);
                    assert_eq!(edited.tokens, fresh.tokens, "{dialect:?}: {after:?}");
                    assert_eq!(
                        edited.checkpoints, fresh.checkpoints,
                        "{dialect:?}: {after:?}"
                    );
                }
            }
        }
    }
}

/// Found by `sql_highlighting_agrees_with_the_reader` (about 1 case in 10,000): with `;;` as the
/// delimiter, `COPY … FROM stdin;` ends at the `;;` of the next line, and the quote after it on
/// that line was neither read nor noted as stepped over.
#[test]
fn text_after_a_copy_terminator_is_greyed_out_as_the_splitter_steps_over_it() {
    let text = "E''\\.\nDELIMITER ;;\n[CREATE TABLE t (a int);;COPY t FROM stdin;\n;;'";
    for dialect in Dialect::ALL {
        assert_sql_agrees(text, dialect);
    }
}
