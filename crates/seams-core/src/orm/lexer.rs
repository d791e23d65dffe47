//! A small, tolerant tokenizer for Python and brace-language (Java, C#, TypeScript, Go, Prisma)
//! model sources: identifiers, string literals
//! (unquoted), numbers and single-character punctuation, each with its byte offsets in the pane.
//!
//! It knows comments, string quoting (Python prefixes and triple quotes, Java text blocks and
//! char literals) and bracket nesting, which is all the model readers need. Python text is cut
//! into logical lines (a statement spanning lines inside brackets is one line) with the indent of
//! its first physical line. Unterminated strings end at the line end; unclosed brackets are
//! reported on the line, never a panic.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A name or keyword (`class`, `Column`, `private`).
    Ident,
    /// A string literal; the token's text is its content without quotes or prefixes.
    Str,
    /// A number literal as written.
    Num,
    /// One punctuation character (`(`, `=`, `.`, `@`, `<`…).
    Punct,
}

/// One token with its byte offsets in the whole pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// The identifier, number or punctuation as written, or a string's content.
    pub text: String,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

impl Token {
    /// Whether the token is the punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.len() == c.len_utf8() && self.text.starts_with(c)
    }

    /// Whether the token is the identifier or keyword `word`.
    pub fn is_ident(&self, word: &str) -> bool {
        self.kind == TokenKind::Ident && self.text == word
    }
}

/// One Python logical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogicalLine {
    /// Indent of its first physical line, in columns (a tab counts as up to the next multiple of 8).
    pub indent: usize,
    /// Its tokens, never empty.
    pub tokens: Vec<Token>,
    /// Offset of a bracket still open when the text ended, if any.
    pub unclosed: Option<usize>,
}

/// A cursor over one source text whose offsets are reported relative to the whole pane.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    base: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn peek_nth(&self, n: usize) -> Option<char> {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().nth(n))
    }

    fn starts_with(&self, s: &str) -> bool {
        self.text
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn offset(&self) -> usize {
        self.base + self.pos
    }

    fn skip_to_line_end(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if !keep(c) {
                break;
            }
            out.push(c);
            self.bump();
        }
        out
    }

    /// Reads a quoted string whose opening quote(s) were consumed. `triple` strings may span
    /// lines; others end at the line end when unterminated.
    fn quoted(&mut self, quote: char, triple: bool, raw: bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if triple {
                let closing: String = std::iter::repeat_n(quote, 3).collect();
                if self.starts_with(&closing) {
                    self.pos += closing.len();
                    break;
                }
            } else if c == quote {
                self.bump();
                break;
            } else if c == '\n' {
                break;
            }
            self.bump();
            if c == '\\' && !raw {
                if let Some(next) = self.bump() {
                    out.push(match next {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                continue;
            }
            out.push(c);
        }
        out
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c == '$' || c.is_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    c == '_' || c == '$' || c.is_alphanumeric()
}

fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Cuts Python source `text` (starting at pane offset `base`) into logical lines.
pub(crate) fn python_lines(text: &str, base: usize) -> Vec<LogicalLine> {
    python_lines_noting_comments(text, base, &mut Vec::new())
}

/// [`python_lines`], also noting the pane range of each comment it skips (for highlighting).
pub(crate) fn python_lines_noting_comments(
    text: &str,
    base: usize,
    comments: &mut Vec<(usize, usize)>,
) -> Vec<LogicalLine> {
    let mut cursor = Cursor { text, pos: 0, base };
    let mut lines = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut indent = 0usize;
    let mut at_line_start = true;
    loop {
        if at_line_start {
            indent = 0;
            while let Some(c) = cursor.peek() {
                match c {
                    ' ' => indent += 1,
                    '\t' => indent = (indent / 8 + 1) * 8,
                    '\x0c' | '\r' => {}
                    _ => break,
                }
                cursor.bump();
            }
            at_line_start = false;
        }
        let Some(c) = cursor.peek() else { break };
        let start = cursor.offset();
        match c {
            '#' => {
                cursor.skip_to_line_end();
                comments.push((start, cursor.offset()));
            }
            '\n' => {
                cursor.bump();
                if open.is_empty() {
                    if !tokens.is_empty() {
                        lines.push(LogicalLine {
                            indent,
                            tokens: std::mem::take(&mut tokens),
                            unclosed: None,
                        });
                    }
                    at_line_start = true;
                }
            }
            '\\' if cursor.peek_nth(1) == Some('\n') => {
                cursor.bump();
                cursor.bump();
            }
            c if c.is_whitespace() => {
                cursor.bump();
            }
            '"' | '\'' => {
                let text = python_string(&mut cursor, false);
                push(&mut tokens, TokenKind::Str, text, start, cursor.offset());
            }
            c if is_ident_start(c) => {
                let word = cursor.take_while(is_ident_continue);
                let prefix = word.len() <= 2
                    && word
                        .chars()
                        .all(|p| matches!(p.to_ascii_lowercase(), 'r' | 'b' | 'u' | 'f'));
                if prefix && matches!(cursor.peek(), Some('"' | '\'')) {
                    let raw = word.to_ascii_lowercase().contains('r');
                    let text = python_string(&mut cursor, raw);
                    push(&mut tokens, TokenKind::Str, text, start, cursor.offset());
                } else {
                    push(&mut tokens, TokenKind::Ident, word, start, cursor.offset());
                }
            }
            c if c.is_ascii_digit() => {
                let number = cursor.take_while(|d| is_ident_continue(d) || d == '.');
                push(&mut tokens, TokenKind::Num, number, start, cursor.offset());
            }
            c => {
                cursor.bump();
                match c {
                    '(' | '[' | '{' => open.push((c, start)),
                    ')' | ']' | '}' => {
                        if let Some(position) = open.iter().rposition(|(o, _)| closer(*o) == c) {
                            open.truncate(position);
                        }
                    }
                    _ => {}
                }
                push(
                    &mut tokens,
                    TokenKind::Punct,
                    c.to_string(),
                    start,
                    cursor.offset(),
                );
            }
        }
    }
    if !tokens.is_empty() {
        lines.push(LogicalLine {
            indent,
            tokens,
            unclosed: open.first().map(|(_, offset)| *offset),
        });
    }
    lines
}

fn python_string(cursor: &mut Cursor<'_>, raw: bool) -> String {
    let Some(quote) = cursor.bump() else {
        return String::new();
    };
    let triple_rest: String = std::iter::repeat_n(quote, 2).collect();
    if cursor.starts_with(&triple_rest) {
        cursor.pos += triple_rest.len();
        cursor.quoted(quote, true, raw)
    } else {
        cursor.quoted(quote, false, raw)
    }
}

fn push(tokens: &mut Vec<Token>, kind: TokenKind, text: String, start: usize, end: usize) {
    tokens.push(Token {
        kind,
        text,
        start,
        end,
    });
}

/// Tokenizes brace-language source `text` (Java, C#, TypeScript, Go, Prisma) (starting at pane offset `base`), dropping comments.
pub(crate) fn java_tokens(text: &str, base: usize) -> Vec<Token> {
    java_tokens_noting_comments(text, base, &mut Vec::new())
}

/// [`java_tokens`], also noting the pane range of each comment it drops (for highlighting).
pub(crate) fn java_tokens_noting_comments(
    text: &str,
    base: usize,
    comments: &mut Vec<(usize, usize)>,
) -> Vec<Token> {
    let mut cursor = Cursor { text, pos: 0, base };
    let mut tokens = Vec::new();
    while let Some(c) = cursor.peek() {
        let start = cursor.offset();
        if cursor.starts_with("//") {
            cursor.skip_to_line_end();
            comments.push((start, cursor.offset()));
        } else if cursor.starts_with("/*") {
            cursor.pos += 2;
            while cursor.peek().is_some() && !cursor.starts_with("*/") {
                cursor.bump();
            }
            cursor.pos = (cursor.pos + 2).min(cursor.text.len());
            comments.push((start, cursor.offset()));
        } else if cursor.starts_with("\"\"\"") {
            cursor.pos += 3;
            let text = cursor.quoted('"', true, false);
            push(&mut tokens, TokenKind::Str, text, start, cursor.offset());
        } else if c == '"' || c == '\'' {
            cursor.bump();
            let text = cursor.quoted(c, false, false);
            push(&mut tokens, TokenKind::Str, text, start, cursor.offset());
        } else if c == '`' {
            // Go raw strings and TypeScript template literals: no escapes, may span lines.
            cursor.bump();
            let text = cursor.take_while(|q| q != '`');
            cursor.bump();
            push(&mut tokens, TokenKind::Str, text, start, cursor.offset());
        } else if c.is_whitespace() {
            cursor.bump();
        } else if is_ident_start(c) {
            let word = cursor.take_while(is_ident_continue);
            push(&mut tokens, TokenKind::Ident, word, start, cursor.offset());
        } else if c.is_ascii_digit() {
            let number = cursor.take_while(|d| is_ident_continue(d) || d == '.');
            push(&mut tokens, TokenKind::Num, number, start, cursor.offset());
        } else {
            cursor.bump();
            push(
                &mut tokens,
                TokenKind::Punct,
                c.to_string(),
                start,
                cursor.offset(),
            );
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &LogicalLine) -> Vec<&str> {
        line.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn python_logical_lines_join_brackets_and_keep_indent() {
        let source = "class A(Base):\n    x = Column(\n        String,  # c\n    )\n    s = r'a\\b' \"\"\"doc\nmore\"\"\"\n";
        let lines = python_lines(source, 0);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].indent, 0);
        assert_eq!(lines[1].indent, 4);
        assert_eq!(
            texts(&lines[1]),
            ["x", "=", "Column", "(", "String", ",", ")"]
        );
        assert_eq!(texts(&lines[2]), ["s", "=", "a\\b", "doc\nmore"]);
    }

    #[test]
    fn python_unclosed_bracket_is_reported() {
        let lines = python_lines("x = Column(String,\n", 10);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].unclosed, Some(20));
    }

    #[test]
    fn java_tokens_skip_comments_and_unquote_strings() {
        let tokens = java_tokens("/* a */ @Table(name = \"T\") // x\nclass", 0);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["@", "Table", "(", "name", "=", "T", ")", "class"]);
        assert_eq!(tokens[5].kind, TokenKind::Str);
        let go = java_tokens("Name string `gorm:\"column:n\"`\n`open", 0);
        let texts: Vec<&str> = go.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["Name", "string", "gorm:\"column:n\"", "open"]);
        assert_eq!(go[3].kind, TokenKind::Str);
    }
}
