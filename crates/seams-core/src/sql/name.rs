//! Reading a written SQL name (`users`, `public."Users"`, `` `a``b` ``, `[dbo].[x]]y]`) into its
//! parts, the one way every reader does it: the schema reader for each word token, the query
//! reader for the names it hands on, and `ingest` for the names of the services file and the
//! models. A quoted part is read up to its closing quote, a doubled closing quote standing for
//! one (`"x""y"` is `x"y`, `[a]]b]` is `a]b`), and may hold dots (`"a.b"` is one part); an
//! unquoted part runs to the next `.` and is trimmed. [`quote`] writes a part back the way a
//! dialect quotes it.

use crate::model::Dialect;

/// One part of a written name, its quotes removed and escapes undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's text (`x"y` for `"x""y"`).
    pub text: String,
    /// True when any of it was quoted (then the dialect keeps its case).
    pub quoted: bool,
}

impl Part {
    /// The part normalised for `dialect` (unquoted folds, quoted is kept).
    pub fn normalised(&self, dialect: Dialect) -> String {
        dialect.normalise(&self.text, self.quoted)
    }
}

/// The closing quote of an identifier quote that opens with `open`, if it is one. `"` and
/// `` ` `` are read in every dialect, `[` too: a name is read after the lexer decided where it
/// ends, and the services file may use any of them.
fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' | '`' => Some(open),
        '[' => Some(']'),
        _ => None,
    }
}

/// Reads the rest of a quoted part into `out`, up to and past its closing quote `close` (a
/// doubled `close` is one `close` character), or to the end when it never closes.
fn read_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    close: char,
    out: &mut String,
) {
    while let Some(inner) = chars.next() {
        if inner == close {
            if chars.peek() == Some(&close) {
                chars.next();
            } else {
                return;
            }
        }
        out.push(inner);
    }
}

/// The text of one word token as the lexer cut it (`users`, `"x""y"`, `[a]]b]`): a quoted word
/// without its quotes and with its escapes undone, an unquoted one as it is.
pub fn word(raw: &str) -> Part {
    let mut chars = raw.chars().peekable();
    match chars.peek().copied().and_then(closing_quote) {
        Some(close) => {
            chars.next();
            let mut text = String::new();
            read_quoted(&mut chars, close, &mut text);
            Part { text, quoted: true }
        }
        None => Part {
            text: raw.to_string(),
            quoted: false,
        },
    }
}

/// Splits a written name into its parts (empty parts dropped): `public."Users"` is
/// `[public, Users (quoted)]`, `"a.b"` is one part, `"x""y"` is `x"y`. Never fails: an unclosed
/// quote runs to the end.
pub fn parts(written: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut chars = written.chars().peekable();
    let mut text = String::new();
    let mut quoted = false;
    // Unquoted text waiting to be added: trimmed at the part's ends, kept between quoted pieces.
    let mut pending = String::new();
    while let Some(c) = chars.next() {
        if c == '.' {
            text.push_str(pending.trim_end());
            pending.clear();
            parts.push(Part {
                text: std::mem::take(&mut text),
                quoted,
            });
            quoted = false;
        } else if let Some(close) = closing_quote(c).filter(|_| pending.trim().is_empty()) {
            if !text.is_empty() {
                text.push_str(&pending);
            }
            pending.clear();
            quoted = true;
            read_quoted(&mut chars, close, &mut text);
        } else if text.is_empty() && pending.is_empty() && c.is_whitespace() {
            // Leading whitespace of a part.
        } else {
            pending.push(c);
        }
    }
    text.push_str(pending.trim_end());
    parts.push(Part { text, quoted });
    parts.retain(|p| !p.text.is_empty());
    parts
}

/// One part written as `dialect` quotes an identifier: `"x""y"` (PostgreSQL, SQLite, generic),
/// `` `x``y` `` (MySQL), `[x]]y]` (MS SQL).
pub fn quote(part: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::MySql => format!("`{}`", part.replace('`', "``")),
        Dialect::MsSql => format!("[{}]", part.replace(']', "]]")),
        Dialect::Postgres | Dialect::Sqlite | Dialect::Generic => {
            format!("\"{}\"", part.replace('"', "\"\""))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(written: &str, expected: &[(&str, bool)]) {
        let read: Vec<(String, bool)> = parts(written)
            .into_iter()
            .map(|p| (p.text, p.quoted))
            .collect();
        let expected: Vec<(String, bool)> =
            expected.iter().map(|(t, q)| (t.to_string(), *q)).collect();
        assert_eq!(read, expected, "{written}");
    }

    #[test]
    fn reads_plain_qualified_and_quoted_names() {
        check("users", &[("users", false)]);
        check(" public . users ", &[("public", false), ("users", false)]);
        check("\"Users\"", &[("Users", true)]);
        check("[dbo].[Orders]", &[("dbo", true), ("Orders", true)]);
        check("`a`.`b`", &[("a", true), ("b", true)]);
        check("my-table", &[("my-table", false)]);
    }

    #[test]
    fn doubled_quotes_are_one_quote_and_quoted_dots_stay_in_the_part() {
        check("\"x\"\"y\"", &[("x\"y", true)]);
        check("\"a.b\"", &[("a.b", true)]);
        check("s.\"a.b\"", &[("s", false), ("a.b", true)]);
        check("`a``b`", &[("a`b", true)]);
        check("[a]]b]", &[("a]b", true)]);
        check("[a\"b]", &[("a\"b", true)]);
        check("\"unclosed.x", &[("unclosed.x", true)]);
    }

    #[test]
    fn a_word_token_loses_its_quotes_and_escapes() {
        assert_eq!(word("\"x\"\"y\"").text, "x\"y");
        assert_eq!(word("[a]]b]").text, "a]b");
        assert_eq!(word("`a``b`").text, "a`b");
        assert_eq!(
            word("\"a.b\""),
            Part {
                text: "a.b".into(),
                quoted: true
            }
        );
        assert_eq!(
            word("Users"),
            Part {
                text: "Users".into(),
                quoted: false
            }
        );
    }

    #[test]
    fn quoting_reads_back() {
        for dialect in Dialect::ALL {
            for name in ["x\"y", "a.b", "a`b", "a]b", " sp ace ", "é.ü\"[`]"] {
                let written = quote(name, dialect);
                check(&written, &[(name, true)]);
            }
        }
    }
}
