//! A small, forgiving SQL lexer: words (quoted or not), strings, numbers and punctuation with
//! their byte offsets. It never fails and never recurses, so it is safe on any input; the
//! statement classifier, the pre-parse guard and the tolerant extractor read statements with it.

use super::Dialect;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier or keyword; `quoted` when written in `"…"`, `` `…` `` or `[…]`.
    Word {
        /// True when the word was quoted.
        quoted: bool,
    },
    /// A string literal (single quotes, `E'…'`, or dollar quoting).
    Str,
    /// A number.
    Number,
    /// Any other single character (`(`, `)`, `,`, `.`, `;`, operators…).
    Punct(char),
}

/// One token: its kind and byte range in the lexed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Byte offset of the first character (including any quote).
    pub start: usize,
    /// Byte offset after the last character (including any quote).
    pub end: usize,
    /// True for a string or quoted word whose closing quote is missing (it ran to the end).
    pub unclosed: bool,
}

impl Token {
    /// The token's text; for quoted words the text between the quotes.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        let raw = source.get(self.start..self.end).unwrap_or("");
        match self.kind {
            TokenKind::Word { quoted: true } => {
                let inner = raw.get(1..).unwrap_or("");
                let close = match raw.as_bytes().first() {
                    Some(b'[') => ']',
                    Some(b'`') => '`',
                    _ => '"',
                };
                inner.strip_suffix(close).unwrap_or(inner)
            }
            _ => raw,
        }
    }

    /// The name a word token stands for: a quoted word without its quotes and with its doubled
    /// quotes undone (`"x""y"` is `x"y`), read by [`super::name::word`].
    pub fn name(&self, source: &str) -> super::name::Part {
        super::name::word(source.get(self.start..self.end).unwrap_or(""))
    }

    /// True for an unquoted word equal (ignoring ASCII case) to `keyword`.
    pub fn is_keyword(&self, source: &str, keyword: &str) -> bool {
        matches!(self.kind, TokenKind::Word { quoted: false })
            && self.text(source).eq_ignore_ascii_case(keyword)
    }

    /// True for the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// Iterates the tokens of `source`, skipping whitespace and comments.
pub struct Lexer<'a> {
    source: &'a str,
    bytes: &'a [u8],
    pos: usize,
    dialect: Dialect,
}

impl<'a> Lexer<'a> {
    /// A lexer over `source` with the quoting rules of `dialect`.
    pub fn new(source: &'a str, dialect: Dialect) -> Self {
        Lexer {
            source,
            bytes: source.as_bytes(),
            pos: 0,
            dialect,
        }
    }

    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    /// Moves past whitespace and comments.
    fn skip_trivia(&mut self) {
        loop {
            let b = self.byte(self.pos);
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if let Some(after) = versioned_comment_open(self.bytes, self.pos, self.dialect) {
                self.pos = after;
            } else if versioned_comment_close(self.bytes, self.pos, self.dialect) {
                self.pos += 2;
            } else if let Some(end) = comment_end(self.bytes, self.pos, self.dialect) {
                self.pos = end;
            } else {
                return;
            }
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.skip_trivia();
        let start = self.pos;
        let b = self.bytes.get(start).copied()?;
        // `close` is None for a string or quoted word that runs to the end without closing.
        let (kind, close) = match b {
            b'\'' => (
                TokenKind::Str,
                quoted_close(self.bytes, start, b'\'', self.dialect),
            ),
            b'"' => (
                TokenKind::Word { quoted: true },
                quoted_close(self.bytes, start, b'"', Dialect::Generic),
            ),
            b'`' => (
                TokenKind::Word { quoted: true },
                quoted_close(self.bytes, start, b'`', Dialect::Generic),
            ),
            b'[' if matches!(self.dialect, Dialect::MsSql | Dialect::Sqlite) => (
                TokenKind::Word { quoted: true },
                quoted_close(self.bytes, start, b']', Dialect::Generic),
            ),
            // MySQL has no dollar quoting (the splitter agrees): `$$` there is text, often a
            // DELIMITER's.
            b'$' if self.dialect != Dialect::MySql
                && dollar_tag_len(self.bytes, start).is_some() =>
            {
                (TokenKind::Str, dollar_quote_close(self.bytes, start))
            }
            b'N' | b'n' | b'E' | b'e' | b'X' | b'x' if self.byte(start + 1) == b'\'' => (
                TokenKind::Str,
                quoted_close(self.bytes, start + 1, b'\'', self.dialect),
            ),
            b'0'..=b'9' => {
                let mut end = start;
                while self.byte(end).is_ascii_alphanumeric() || self.byte(end) == b'.' {
                    end += 1;
                }
                (TokenKind::Number, Some(end))
            }
            _ if is_word_start(b) => {
                let mut end = start + 1;
                while is_word_continue(self.byte(end)) {
                    end += 1;
                }
                (TokenKind::Word { quoted: false }, Some(end))
            }
            _ => {
                let c = self.source.get(start..).and_then(|s| s.chars().next())?;
                (TokenKind::Punct(c), Some(start + c.len_utf8()))
            }
        };
        let unclosed = close.is_none();
        let end = close.unwrap_or(self.bytes.len());
        self.pos = end.max(start + 1).min(self.bytes.len());
        // Never stop inside a multi-byte character.
        while !self.source.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        Some(Token {
            kind,
            start,
            end: self.pos,
            unclosed,
        })
    }
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'@' || b == b'#' || b >= 0x80
}

fn is_word_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'@' | b'#') || b >= 0x80
}

/// The offset of the newline ending the line that contains `from` (or the text's end).
pub fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |i| from + i)
}

/// The offset after the opener of a MySQL versioned comment at `from` (`/*!`, `/*!50001`,
/// MariaDB's `/*M!100316`): MySQL runs what such a comment holds as code, so the readers read
/// its contents and skip only the opener and the closing `*/`. None for any other text, and in
/// other dialects, where it is an ordinary comment.
pub fn versioned_comment_open(bytes: &[u8], from: usize, dialect: Dialect) -> Option<usize> {
    if dialect != Dialect::MySql {
        return None;
    }
    let rest = bytes.get(from..)?;
    let after = rest
        .strip_prefix(b"/*!")
        .or_else(|| rest.strip_prefix(b"/*M!"))?;
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    Some(from + (rest.len() - after.len()) + digits)
}

/// True when `*/` at `at` closes a MySQL versioned comment. Outside a comment `*/` is never
/// valid SQL otherwise (no expression starts with `/`), so it needs no matching opener: a
/// statement's text may start inside the comment that the splitter opened.
pub fn versioned_comment_close(bytes: &[u8], at: usize, dialect: Dialect) -> bool {
    dialect == Dialect::MySql && bytes.get(at..).is_some_and(|rest| rest.starts_with(b"*/"))
}

/// The offset after the comment starting at `from` (`-- …` and MySQL's `# …` to the line end,
/// `/* … */`), or None when no comment starts there. The lexer and the splitter skip comments
/// with it, and the highlighter finds them with it, so all three agree on where they are.
pub fn comment_end(bytes: &[u8], from: usize, dialect: Dialect) -> Option<usize> {
    let first = bytes.get(from).copied()?;
    let second = bytes.get(from + 1).copied();
    if first == b'-' && second == Some(b'-') || first == b'#' && dialect == Dialect::MySql {
        Some(line_end(bytes, from))
    } else if first == b'/' && second == Some(b'*') {
        Some(block_comment_end(bytes, from, dialect))
    } else {
        None
    }
}

/// The offset after the block comment starting at `from` (PostgreSQL comments nest).
pub fn block_comment_end(bytes: &[u8], from: usize, dialect: Dialect) -> usize {
    let nests = dialect == Dialect::Postgres;
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        let pair = (bytes.get(i).copied(), bytes.get(i + 1).copied());
        match pair {
            (Some(b'/'), Some(b'*')) if depth == 0 || nests => {
                depth += 1;
                i += 2;
            }
            (Some(b'*'), Some(b'/')) => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The offset after the quoted text starting at `from` with quote `quote` (the text's end if
/// the quote never closes); a doubled quote is an escaped quote, and MySQL strings also escape
/// with a backslash.
pub fn quoted_end(bytes: &[u8], from: usize, quote: u8, dialect: Dialect) -> usize {
    quoted_close(bytes, from, quote, dialect).unwrap_or(bytes.len())
}

/// Like [`quoted_end`], but None when the quote never closes.
pub fn quoted_close(bytes: &[u8], from: usize, quote: u8, dialect: Dialect) -> Option<usize> {
    let backslash = quote == b'\''
        && (dialect == Dialect::MySql
            || dialect == Dialect::Postgres && escape_string_prefix(bytes, from));
    let mut i = from + 1;
    while let Some(&b) = bytes.get(i) {
        if backslash && b == b'\\' {
            i += 2;
        } else if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
            } else {
                return Some(i + 1);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// True when the quote at `from` opens a PostgreSQL escape string (`E'…'`, `e'…'`), in which
/// a backslash escapes the next character: `E'it\'s'` is one string.
fn escape_string_prefix(bytes: &[u8], from: usize) -> bool {
    let Some(prefix_at) = from.checked_sub(1) else {
        return false;
    };
    let starts_word = prefix_at
        .checked_sub(1)
        .and_then(|before| bytes.get(before))
        .is_none_or(|&b| !is_word_continue(b));
    matches!(bytes.get(prefix_at), Some(b'E' | b'e')) && starts_word
}

/// The length of the dollar-quote tag (`$$`, `$body$`) starting at `from`, if one starts there.
pub fn dollar_tag_len(bytes: &[u8], from: usize) -> Option<usize> {
    if from > 0 && bytes.get(from - 1).is_some_and(|&b| is_word_continue(b)) {
        return None;
    }
    let mut i = from + 1;
    while let Some(&b) = bytes.get(i) {
        if b == b'$' {
            return Some(i + 1 - from);
        }
        let ok = b.is_ascii_alphabetic() || b == b'_' || (i > from + 1 && b.is_ascii_digit());
        if !ok {
            return None;
        }
        i += 1;
    }
    None
}

/// The offset after the dollar-quoted string starting at `from` (the text's end if unclosed).
pub fn dollar_quote_end(bytes: &[u8], from: usize) -> usize {
    if dollar_tag_len(bytes, from).is_none() {
        return from + 1;
    }
    dollar_quote_close(bytes, from).unwrap_or(bytes.len())
}

/// Like [`dollar_quote_end`], but None when the string never closes (or no tag starts there).
pub fn dollar_quote_close(bytes: &[u8], from: usize) -> Option<usize> {
    let len = dollar_tag_len(bytes, from)?;
    let tag = bytes.get(from..from + len)?;
    let body = from + len;
    bytes
        .get(body..)
        .and_then(|rest| rest.windows(len).position(|w| w == tag))
        .map(|i| body + i + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, dialect: Dialect, expected: &[&str]) {
        let texts: Vec<&str> = Lexer::new(source, dialect)
            .map(|t| t.text(source))
            .collect();
        assert_eq!(texts, expected);
    }

    #[test]
    fn lexes_quotes_comments_and_dollar_strings() {
        check(
            "a.\"B c\" -- x\n/* y /* z */ */ $f$ ; $f$ 'it''s' 12.5",
            Dialect::Postgres,
            &["a", ".", "B c", "$f$ ; $f$", "'it''s'", "12.5"],
        );
        check("[dbo].[x y] `t`", Dialect::MsSql, &["dbo", ".", "x y", "t"]);
        check("'a\\'b' # c\nd", Dialect::MySql, &["'a\\'b'", "d"]);
    }

    #[test]
    fn mysql_versioned_comments_are_code() {
        check(
            "/*!50001 CREATE ALGORITHM=UNDEFINED */ /* x */ /*!50013 DEFINER=`r`@`%` */ /*M!100316 VIEW v*/",
            Dialect::MySql,
            &["CREATE", "ALGORITHM", "=", "UNDEFINED", "DEFINER", "=", "r", "@", "%", "VIEW", "v"],
        );
        check(
            "VIEW `v` AS select 1*/",
            Dialect::MySql,
            &["VIEW", "v", "AS", "select", "1"],
        );
        check("/*!*/", Dialect::MySql, &[]);
        check("/*!50001 x */ y", Dialect::Postgres, &["y"]);
    }

    #[test]
    fn postgres_escape_strings_take_a_backslash_escape() {
        check(
            r"E'it\'s' e'\'' x 'a\' 'b'",
            Dialect::Postgres,
            &[r"E'it\'s'", r"e'\''", "x", r"'a\'", "'b'"],
        );
        // Only a lone E prefixes: `code'…'` is a word and a standard string.
        check(r"code'\' x", Dialect::Postgres, &["code", r"'\'", "x"]);
    }

    #[test]
    fn mysql_has_no_dollar_quoting() {
        let texts = |dialect| -> Vec<String> {
            let source = "SELECT $$ ; x $$";
            Lexer::new(source, dialect)
                .map(|t| t.text(source).to_string())
                .collect()
        };
        assert_eq!(texts(Dialect::Postgres), ["SELECT", "$$ ; x $$"]);
        assert!(texts(Dialect::MySql).contains(&"x".to_string()));
    }

    #[test]
    fn unterminated_input_ends_cleanly() {
        check("'abc", Dialect::Generic, &["'abc"]);
        check("\"é", Dialect::Generic, &["é"]);
        check("/* x", Dialect::Generic, &[]);
        check("é(", Dialect::Generic, &["é", "("]);
    }

    #[test]
    fn marks_quotes_that_never_close() {
        let unclosed = |source: &str, dialect: Dialect| -> Vec<bool> {
            Lexer::new(source, dialect).map(|t| t.unclosed).collect()
        };
        assert_eq!(unclosed("'abc", Dialect::Generic), [true]);
        assert_eq!(unclosed("'abc'", Dialect::Generic), [false]);
        assert_eq!(unclosed("'it''", Dialect::Generic), [true]);
        assert_eq!(unclosed("'it'''", Dialect::Generic), [false]);
        assert_eq!(unclosed("x 'a\\'", Dialect::MySql), [false, true]);
        assert_eq!(unclosed("\"a", Dialect::Postgres), [true]);
        assert_eq!(unclosed("[a] [b", Dialect::MsSql), [false, true]);
        assert_eq!(unclosed("$f$ x $f$ $$ y", Dialect::Postgres), [false, true]);
        assert_eq!(unclosed("E'x' N'y", Dialect::Postgres), [false, true]);
        assert_eq!(unclosed("'é", Dialect::Generic), [true]);
        assert_eq!(unclosed("'a\\'", Dialect::Postgres), [false]);
    }
}
