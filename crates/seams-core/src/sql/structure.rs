//! Structural problems visible in a token stream without a grammar: a string or quoted name
//! that never closes, a `)` that closes nothing, a `(` that is never closed. Both token readers
//! (schema statements and services' queries) report these, so a half-typed line gets a
//! diagnostic at the character that is wrong instead of silently yielding fewer facts.

use super::lex::{Token, TokenKind};

/// One structural problem: what is wrong and the byte offset (in the lexed text) where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// A short message for the diagnostic.
    pub message: String,
    /// Byte offset of the offending token.
    pub offset: usize,
}

/// The first structural problem of `tokens`, if any: an unclosed quote first (everything after
/// it is swallowed), then a stray `)`, then the innermost `(` left open.
pub(crate) fn problem(tokens: &[Token]) -> Option<Problem> {
    if let Some(token) = tokens.iter().find(|t| t.unclosed) {
        let what = match token.kind {
            TokenKind::Str => "this string is never closed",
            _ => "this quoted name is never closed",
        };
        return Some(Problem {
            message: what.to_string(),
            offset: token.start,
        });
    }
    let mut open: Vec<usize> = Vec::new();
    for token in tokens {
        if token.is_punct('(') {
            open.push(token.start);
        } else if token.is_punct(')') && open.pop().is_none() {
            return Some(Problem {
                message: String::from("this `)` closes no `(`"),
                offset: token.start,
            });
        }
    }
    open.pop().map(|offset| Problem {
        message: String::from("this `(` is never closed"),
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::lex::Lexer;
    use crate::sql::Dialect;

    /// The problem of `sql` as `offset: message`, or "ok".
    fn check(sql: &str, expected: &str) {
        let tokens: Vec<Token> = Lexer::new(sql, Dialect::Postgres).collect();
        let got = problem(&tokens).map_or(String::from("ok"), |p| {
            format!("{}: {}", p.offset, p.message)
        });
        assert_eq!(got, expected, "for {sql:?}");
    }

    #[test]
    fn finds_the_character_that_is_wrong() {
        check("CREATE TABLE t (a int, b numeric(3, 2))", "ok");
        check("SELECT ((1)", "7: this `(` is never closed");
        check("SELECT (1)) FROM t", "10: this `)` closes no `(`");
        check("SELECT 'abc FROM t", "7: this string is never closed");
        check("SELECT \"abc FROM t", "7: this quoted name is never closed");
        check("SELECT ')' FROM t", "ok");
        check(
            "CREATE VIEW broken AS SELECT FROM WHERE ((;",
            "41: this `(` is never closed",
        );
    }
}
