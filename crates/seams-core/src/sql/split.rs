//! The statement splitter: one pass over a schema text, yielding the byte range of each
//! statement. It respects quotes, comments and `$$` dollar quoting, reads the contents of MySQL
//! `/*!NNNNN … */` versioned comments as code (MySQL runs them), honours MySQL `DELIMITER`
//! lines and MS SQL `GO` batches, splits T-SQL statements that have no semicolon at the next
//! line starting with a statement keyword, and steps over `COPY … FROM stdin` data blocks up to
//! their `\.` line. It never fails and holds no statement text of its own.

use super::lex::{
    comment_end, dollar_quote_end, dollar_tag_len, line_end, quoted_end, versioned_comment_close,
    versioned_comment_open,
};
use super::Dialect;

/// One statement: the byte range of its text, without the delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Offset of the statement's first character (after leading whitespace and comments).
    pub start: usize,
    /// Offset after its last character.
    pub end: usize,
}

/// What the splitter steps over besides whitespace, comments and statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// A statement delimiter (`;`, or what a `DELIMITER` line set).
    Delimiter,
    /// A `DELIMITER x` or `GO` line.
    Directive,
    /// The data lines of `COPY … FROM stdin`, up to and including the `\.` line.
    CopyData,
}

/// Iterates the statements of a text.
pub struct Splitter<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    dialect: Dialect,
    delimiter: String,
    /// What was stepped over (kind, start, end), when asked for with [`Splitter::recording`].
    skipped: Option<Vec<(Skipped, usize, usize)>>,
}

/// Words that begin a new T-SQL statement when they start a line outside parentheses.
const TSQL_STARTERS: [&str; 17] = [
    "ALTER", "BEGIN", "CREATE", "DECLARE", "DELETE", "DROP", "END", "EXEC", "EXECUTE", "GRANT",
    "IF", "INSERT", "PRINT", "REVOKE", "SET", "TRUNCATE", "USE",
];

impl<'a> Splitter<'a> {
    /// A splitter over `text` with the rules of `dialect`.
    pub fn new(text: &'a str, dialect: Dialect) -> Self {
        Splitter {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            dialect,
            delimiter: String::from(";"),
            skipped: None,
        }
    }

    /// A splitter over `text` that carries on from `pos` with `delimiter` in force, as one that
    /// started at the text's start would once it got there (the highlighter re-reads an edited
    /// text from the statement before the edit).
    pub fn resume(text: &'a str, dialect: Dialect, pos: usize, delimiter: &str) -> Self {
        Splitter {
            pos,
            delimiter: delimiter.to_string(),
            ..Splitter::new(text, dialect)
        }
    }

    /// Where the next statement's scan starts.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The statement delimiter in force.
    pub fn delimiter(&self) -> &str {
        &self.delimiter
    }

    /// This splitter, also noting what it steps over between statements (the highlighter shows
    /// delimiters, directives and `COPY` data as the splitter read them).
    pub fn recording(mut self) -> Self {
        self.skipped = Some(Vec::new());
        self
    }

    /// What was stepped over since the last call, in text order (empty unless recording).
    pub fn take_skipped(&mut self) -> Vec<(Skipped, usize, usize)> {
        self.skipped
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn note(&mut self, kind: Skipped, start: usize, end: usize) {
        if let Some(skipped) = self.skipped.as_mut() {
            skipped.push((kind, start, end));
        }
    }

    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    /// The word (letters, digits, `_`) starting at `at`.
    fn word_at(&self, at: usize) -> &'a str {
        let len = self.bytes.get(at..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count()
        });
        self.text.get(at..at + len).unwrap_or("")
    }

    /// Handles a line-level directive (`DELIMITER x`, `GO`) at `at`, the first non-blank
    /// character of a line. Returns the offset after the directive's line when it is one.
    fn directive(&mut self, at: usize) -> Option<usize> {
        let word = self.word_at(at);
        let end = line_end(self.bytes, at);
        if word.eq_ignore_ascii_case("DELIMITER") && self.dialect != Dialect::MsSql {
            let rest = self.text.get(at + word.len()..end).unwrap_or("").trim();
            let spaced = self.byte(at + word.len()).is_ascii_whitespace();
            if let (true, Some(new)) = (spaced, rest.split_whitespace().next()) {
                self.delimiter = new.to_string();
                return Some(end);
            }
        }
        if word.eq_ignore_ascii_case("GO")
            && matches!(self.dialect, Dialect::MsSql | Dialect::Generic)
        {
            let rest = self.text.get(at + word.len()..end).unwrap_or("").trim();
            if rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit()) {
                return Some(end);
            }
        }
        None
    }

    /// True when `at` (first non-blank of a line) starts a new T-SQL statement.
    fn starts_tsql_statement(&self, at: usize) -> bool {
        let word = self.word_at(at);
        TSQL_STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word))
    }

    /// After a `COPY … FROM stdin` statement ending at `from`, the offset after its `\.` line.
    fn skip_copy_data(&self, from: usize) -> usize {
        let mut line = line_end(self.bytes, from).saturating_add(1);
        while line < self.bytes.len() {
            let end = line_end(self.bytes, line);
            let content = self
                .text
                .get(line..end)
                .unwrap_or("")
                .trim_end_matches('\r');
            if content == "\\." {
                return end;
            }
            line = end + 1;
        }
        self.bytes.len()
    }

    fn is_copy_from_stdin(&self, piece: Piece) -> bool {
        let head = self.word_at(piece.start);
        if !head.eq_ignore_ascii_case("COPY") {
            return false;
        }
        let text = self.text.get(piece.start..piece.end).unwrap_or("");
        let tail = text.get(text.len().saturating_sub(64)..).unwrap_or(text);
        tail.to_ascii_lowercase().contains("from stdin")
    }

    /// Ends the statement `start..end` and moves to `next`.
    fn finish(&mut self, start: Option<usize>, end: usize, next: usize) -> Option<Piece> {
        self.pos = next;
        let start = start?;
        let trimmed_end = start + self.text.get(start..end).unwrap_or("").trim_end().len();
        let piece = Piece {
            start,
            end: trimmed_end,
        };
        if self.is_copy_from_stdin(piece) {
            let from = next.saturating_sub(1).max(end);
            self.pos = self.skip_copy_data(from);
            // The data starts on the next line; anything after the terminator on its own line
            // is stepped over with it, and noted, so that no text goes unread silently.
            let after_terminator = next.max(end);
            if after_terminator < self.pos {
                self.note(Skipped::CopyData, after_terminator, self.pos);
            }
        }
        Some(piece)
    }
}

impl Iterator for Splitter<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let mut start: Option<usize> = None;
        let mut depth = 0usize;
        let mut line_start = true;
        let mut i = self.pos;
        while i < self.bytes.len() {
            let b = self.byte(i);
            if b == b'\n' {
                line_start = true;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if line_start {
                line_start = false;
                if let Some(after) = self.directive(i) {
                    self.note(Skipped::Directive, i, after);
                    if start.is_some() {
                        return self.finish(start, i, after);
                    }
                    i = after;
                    continue;
                }
                if self.dialect == Dialect::MsSql
                    && depth == 0
                    && start.is_some()
                    && self.starts_tsql_statement(i)
                {
                    return self.finish(start, i, i);
                }
                // A line starting with CREATE inside a parenthesis never closed: the statement
                // being typed was left open, and the next one should not vanish into it (its
                // body reports the unclosed `(`). Bodies quoted with `$$` are skipped whole.
                if depth > 0 && start.is_some() && self.word_at(i).eq_ignore_ascii_case("CREATE") {
                    return self.finish(start, i, i);
                }
            }
            let delimiter = self.delimiter.as_bytes();
            if delimiter.first() == Some(&b)
                && self
                    .bytes
                    .get(i..)
                    .is_some_and(|rest| rest.starts_with(delimiter))
            {
                let next = i + self.delimiter.len();
                self.note(Skipped::Delimiter, i, next);
                if start.is_some() {
                    return self.finish(start, i, next);
                }
                i = next;
                continue;
            }
            if let Some(after) = versioned_comment_open(self.bytes, i, self.dialect) {
                i = after;
                continue;
            }
            if versioned_comment_close(self.bytes, i, self.dialect) {
                i += 2;
                continue;
            }
            if let Some(end) = comment_end(self.bytes, i, self.dialect) {
                i = end;
                continue;
            }
            if start.is_none() {
                start = Some(i);
            }
            i = match b {
                b'\'' => quoted_end(self.bytes, i, b'\'', self.dialect),
                b'"' => quoted_end(self.bytes, i, b'"', Dialect::Generic),
                b'`' => quoted_end(self.bytes, i, b'`', Dialect::Generic),
                b'[' if matches!(self.dialect, Dialect::MsSql | Dialect::Sqlite) => {
                    quoted_end(self.bytes, i, b']', Dialect::Generic)
                }
                b'$' if self.dialect != Dialect::MySql
                    && dollar_tag_len(self.bytes, i).is_some() =>
                {
                    dollar_quote_end(self.bytes, i)
                }
                b'(' => {
                    depth += 1;
                    i + 1
                }
                b')' => {
                    depth = depth.saturating_sub(1);
                    i + 1
                }
                _ => i + 1,
            };
        }
        let end = self.bytes.len();
        self.finish(start, end, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, dialect: Dialect, expected: &[&str]) {
        let pieces: Vec<&str> = Splitter::new(text, dialect)
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(pieces, expected);
    }

    #[test]
    fn a_create_line_ends_a_statement_left_open() {
        check(
            "CREATE TABLE broken (\n  id int,\nCREATE TABLE users (id int);\nCREATE TABLE t (x int,\n  y int);",
            Dialect::Postgres,
            &[
                "CREATE TABLE broken (\n  id int,",
                "CREATE TABLE users (id int)",
                "CREATE TABLE t (x int,\n  y int)",
            ],
        );
    }

    #[test]
    fn splits_on_semicolons_outside_quotes_and_comments() {
        check(
            "a ';' \"x;\" ; -- c;\n b /* ; */ ;; c $$ ; $$",
            Dialect::Postgres,
            &["a ';' \"x;\"", "b /* ; */", "c $$ ; $$"],
        );
    }

    #[test]
    fn a_backslash_escaped_quote_in_a_postgres_escape_string_does_not_end_it() {
        check(
            r"SELECT E'a\';b'; SELECT 'c\'; SELECT 2",
            Dialect::Postgres,
            &[r"SELECT E'a\';b'", r"SELECT 'c\'", "SELECT 2"],
        );
    }

    #[test]
    fn skips_copy_data_blocks() {
        check(
            "COPY t (a) FROM stdin;\n1\t;x\n\\.\nSELECT 1;",
            Dialect::Postgres,
            &["COPY t (a) FROM stdin", "SELECT 1"],
        );
    }

    #[test]
    fn notes_what_a_copy_steps_over_from_its_terminator_on() {
        // The data starts on the next line; the rest of the terminator's line is stepped over
        // with it, and noted (the highlighter greys it out rather than showing it as read).
        for (text, delimiter_end) in [
            ("COPY t FROM stdin; x\n1\n\\.\nSELECT 1;", 18),
            ("DELIMITER ;;\nCOPY t FROM stdin;\n;;'", 34),
        ] {
            let mut splitter = Splitter::new(text, Dialect::Postgres).recording();
            let mut skipped = Vec::new();
            while splitter.next().is_some() {
                skipped.extend(splitter.take_skipped());
            }
            let copy = skipped
                .iter()
                .find(|(kind, _, _)| *kind == Skipped::CopyData);
            assert_eq!(
                copy.map(|&(_, start, _)| start),
                Some(delimiter_end),
                "{text:?}: {skipped:?}"
            );
        }
    }

    #[test]
    fn reads_mysql_versioned_comments_as_statements() {
        check(
            "/*!40101 SET NAMES utf8mb4 */;\n/* plain; */\n/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`r`@`%` */\n/*!50001 VIEW `v` AS select ';' */;\nSELECT 1;",
            Dialect::MySql,
            &[
                "SET NAMES utf8mb4 */",
                "CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`r`@`%` */\n/*!50001 VIEW `v` AS select ';' */",
                "SELECT 1",
            ],
        );
        check("/*!40101 SET x */; y;", Dialect::Postgres, &["y"]);
    }

    #[test]
    fn honours_mysql_delimiter() {
        check(
            "DELIMITER ;;\nCREATE TRIGGER t BEGIN x; y; END;;\nDELIMITER ;\nSELECT 1;",
            Dialect::MySql,
            &["CREATE TRIGGER t BEGIN x; y; END", "SELECT 1"],
        );
    }

    #[test]
    fn splits_tsql_batches_and_unterminated_statements() {
        check(
            "CREATE TABLE [a;](\n x int\n) ON [PRIMARY]\nSET ANSI_NULLS ON\nGO\nIF 1=1\nBEGIN\n DROP TABLE x\nEND\n",
            Dialect::MsSql,
            &[
                "CREATE TABLE [a;](\n x int\n) ON [PRIMARY]",
                "SET ANSI_NULLS ON",
                "IF 1=1",
                "BEGIN",
                "DROP TABLE x",
                "END",
            ],
        );
    }
}
