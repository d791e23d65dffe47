//! A tolerant reader of the small expressions model declarations are made of: dotted names,
//! calls with positional and keyword arguments (`Column("id", Integer, primary_key=True)`,
//! `@Column(name = "X", nullable = false)`), subscripts (`Mapped[Optional[str]]`), unions
//! (`str | None`) and string literals. Anything else is [`ExprKind::Other`]; nesting deeper than
//! [`MAX_DEPTH`] is skipped, so garbage never recurses without bound.

use super::lexer::{Token, TokenKind};

/// How deep nested calls and subscripts are read before the rest is skipped.
pub(crate) const MAX_DEPTH: usize = 48;

/// What an expression is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExprKind {
    /// A dotted name (`sa.String`, `models.CASCADE`).
    Name(String),
    /// A string literal (adjacent literals are joined).
    Str(String),
    /// A number, `True`/`False`/`None` are names.
    Num(String),
    /// A call of a dotted name (empty when the callee was not a plain name).
    Call { func: String, args: Vec<Arg> },
    /// A subscript of a dotted name (`Mapped[int]`), one expression per comma-separated item.
    Subscript { base: String, items: Vec<Expr> },
    /// `a | b | …`.
    Union(Vec<Expr>),
    /// Anything else.
    Other,
}

/// An expression with its byte range in the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Byte offset of its first token.
    pub start: usize,
    /// Byte offset after its last token.
    pub end: usize,
}

/// One call argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arg {
    /// The keyword (`nullable`), None for a positional argument.
    pub keyword: Option<String>,
    /// The value.
    pub value: Expr,
}

impl Expr {
    /// The callee of a call (`Column`, `sa.Column`), if this is a call.
    pub fn call(&self) -> Option<(&str, &[Arg])> {
        match &self.kind {
            ExprKind::Call { func, args } => Some((func.as_str(), args.as_slice())),
            _ => None,
        }
    }

    /// The string value, if this is a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The dotted name, if this is a name.
    pub fn as_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(s) => Some(s),
            _ => None,
        }
    }

    /// `True`/`true` → Some(true), `False`/`false` → Some(false).
    pub fn as_bool(&self) -> Option<bool> {
        match self.as_name()? {
            "True" | "true" => Some(true),
            "False" | "false" => Some(false),
            _ => None,
        }
    }
}

/// The keyword argument `name`, if given.
pub(crate) fn keyword<'a>(args: &'a [Arg], name: &str) -> Option<&'a Expr> {
    args.iter()
        .find(|a| a.keyword.as_deref() == Some(name))
        .map(|a| &a.value)
}

/// The positional arguments.
pub(crate) fn positional(args: &[Arg]) -> impl Iterator<Item = &Expr> {
    args.iter()
        .filter(|a| a.keyword.is_none())
        .map(|a| &a.value)
}

/// The last segment of a dotted name (`Column` for `sa.Column`).
pub(crate) fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Reads one expression from the start of `tokens`; returns it and how many tokens it used.
pub(crate) fn parse(tokens: &[Token]) -> (Expr, usize) {
    let mut parser = Parser { tokens, pos: 0 };
    let expr = parser.expr(0);
    (expr, parser.pos)
}

/// Reads a call's argument list from `tokens`, which start just after the opening bracket;
/// returns the arguments and how many tokens were used, including the closing bracket.
pub(crate) fn parse_args(tokens: &[Token]) -> (Vec<Arg>, usize) {
    let mut parser = Parser { tokens, pos: 0 };
    let args = parser.args(0, ')');
    (args, parser.pos)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_punct(&self, c: char) -> bool {
        self.peek().is_some_and(|t| t.is_punct(c))
    }

    fn start(&self) -> usize {
        self.peek()
            .or_else(|| self.tokens.last())
            .map_or(0, |t| t.start)
    }

    fn end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or_else(|| self.start(), |t| t.end)
    }

    fn other(&self, start: usize) -> Expr {
        Expr {
            kind: ExprKind::Other,
            start,
            end: self.end().max(start),
        }
    }

    /// Skips one balanced bracket group starting at an opening bracket.
    fn skip_group(&mut self) {
        let mut depth = 0usize;
        while let Some(token) = self.peek() {
            let opens = token.is_punct('(') || token.is_punct('[') || token.is_punct('{');
            let closes = token.is_punct(')') || token.is_punct(']') || token.is_punct('}');
            self.pos += 1;
            if opens {
                depth += 1;
            } else if closes {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
        }
    }

    fn expr(&mut self, depth: usize) -> Expr {
        let start = self.start();
        let first = self.postfix(depth);
        if !self.peek_punct('|') {
            return first;
        }
        let mut items = vec![first];
        while self.peek_punct('|') {
            self.pos += 1;
            items.push(self.postfix(depth));
        }
        Expr {
            kind: ExprKind::Union(items),
            start,
            end: self.end().max(start),
        }
    }

    fn postfix(&mut self, depth: usize) -> Expr {
        let start = self.start();
        let Some(token) = self.peek().cloned() else {
            return self.other(start);
        };
        if depth >= MAX_DEPTH {
            if token.is_punct('(') || token.is_punct('[') || token.is_punct('{') {
                self.skip_group();
            } else if !is_stop(&token) {
                self.pos += 1;
            }
            return self.other(start);
        }
        match token.kind {
            TokenKind::Str => {
                let mut value = String::new();
                while let Some(t) = self.peek().filter(|t| t.kind == TokenKind::Str) {
                    value.push_str(&t.text);
                    self.pos += 1;
                }
                Expr {
                    kind: ExprKind::Str(value),
                    start,
                    end: self.end(),
                }
            }
            TokenKind::Num => {
                self.pos += 1;
                Expr {
                    kind: ExprKind::Num(token.text),
                    start,
                    end: self.end(),
                }
            }
            TokenKind::Ident => {
                let mut name = token.text;
                self.pos += 1;
                while self.peek_punct('.')
                    && self
                        .tokens
                        .get(self.pos + 1)
                        .is_some_and(|t| t.kind == TokenKind::Ident)
                {
                    name.push('.');
                    name.push_str(self.tokens.get(self.pos + 1).map_or("", |t| &t.text));
                    self.pos += 2;
                }
                let mut expr = Expr {
                    kind: ExprKind::Name(name),
                    start,
                    end: self.end(),
                };
                // Postfix calls and subscripts; only the first applies to a plain name.
                loop {
                    if self.peek_punct('(') {
                        self.pos += 1;
                        let args = self.args(depth + 1, ')');
                        let func = match expr.kind {
                            ExprKind::Name(name) => name,
                            _ => String::new(),
                        };
                        expr = Expr {
                            kind: ExprKind::Call { func, args },
                            start,
                            end: self.end(),
                        };
                    } else if self.peek_punct('[') {
                        self.pos += 1;
                        let items = self.items(depth + 1, ']');
                        expr = match expr.kind {
                            ExprKind::Name(base) => Expr {
                                kind: ExprKind::Subscript { base, items },
                                start,
                                end: self.end(),
                            },
                            _ => self.other(start),
                        };
                    } else if self.peek_punct('.') {
                        // `Column(...).label(...)`: keep reading, the result is not a plain call.
                        self.pos += 1;
                        if self.peek().is_some_and(|t| t.kind == TokenKind::Ident) {
                            self.pos += 1;
                        }
                        expr = self.other(start);
                    } else {
                        break;
                    }
                }
                expr
            }
            TokenKind::Punct => {
                if token.is_punct('(') || token.is_punct('[') || token.is_punct('{') {
                    self.skip_group();
                } else if !is_stop(&token) {
                    self.pos += 1;
                }
                self.other(start)
            }
        }
    }

    /// Reads comma-separated items up to `close` (consumed).
    fn items(&mut self, depth: usize, close: char) -> Vec<Expr> {
        self.args(depth, close)
            .into_iter()
            .map(|a| a.value)
            .collect()
    }

    /// Reads `keyword = value` or `value` arguments up to `close` (consumed). Tokens an argument
    /// cannot use are skipped up to the next comma, so `default=lambda: 1` still ends cleanly.
    fn args(&mut self, depth: usize, close: char) -> Vec<Arg> {
        let mut args = Vec::new();
        while let Some(token) = self.peek() {
            if token.is_punct(close) {
                self.pos += 1;
                break;
            }
            if token.is_punct(',') {
                self.pos += 1;
                continue;
            }
            if token.is_punct(')') || token.is_punct(']') || token.is_punct('}') {
                // A stray closer of another kind: take it as the end of this list.
                self.pos += 1;
                break;
            }
            let keyword = match (self.tokens.get(self.pos), self.tokens.get(self.pos + 1)) {
                (Some(name), Some(eq))
                    if name.kind == TokenKind::Ident
                        && eq.is_punct('=')
                        && !self
                            .tokens
                            .get(self.pos + 2)
                            .is_some_and(|t| t.is_punct('=')) =>
                {
                    self.pos += 2;
                    Some(name.text.clone())
                }
                _ => None,
            };
            let before = self.pos;
            let value = self.expr(depth);
            // Skip whatever else belongs to this argument.
            while let Some(t) = self.peek() {
                if t.is_punct(',') || t.is_punct(close) {
                    break;
                }
                if t.is_punct(')') || t.is_punct(']') || t.is_punct('}') {
                    break;
                }
                if t.is_punct('(') || t.is_punct('[') || t.is_punct('{') {
                    self.skip_group();
                } else {
                    self.pos += 1;
                }
            }
            if self.pos == before {
                // Nothing consumed: step over one token so the loop always advances.
                self.pos += 1;
            }
            args.push(Arg { keyword, value });
        }
        args
    }
}

fn is_stop(token: &Token) -> bool {
    token.is_punct(',') || token.is_punct(')') || token.is_punct(']') || token.is_punct('}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orm::lexer::python_lines;

    fn parse_text(text: &str) -> Expr {
        let lines = python_lines(text, 0);
        parse(&lines[0].tokens).0
    }

    #[test]
    fn reads_calls_with_keywords_and_subscripts() {
        let expr = parse_text("sa.Column('id', Integer, ForeignKey('users.id'), primary_key=True)");
        let (func, args) = expr.call().unwrap();
        assert_eq!(func, "sa.Column");
        assert_eq!(args.len(), 4);
        assert_eq!(args[0].value.as_str(), Some("id"));
        assert_eq!(keyword(args, "primary_key").unwrap().as_bool(), Some(true));
        assert_eq!(args[2].value.call().unwrap().0, "ForeignKey");

        let expr = parse_text("Mapped[Optional[str]]");
        let ExprKind::Subscript { base, items } = expr.kind else {
            panic!("not a subscript")
        };
        assert_eq!(base, "Mapped");
        assert!(matches!(&items[0].kind, ExprKind::Subscript { base, .. } if base == "Optional"));

        let expr = parse_text("Mapped[str | None]");
        let ExprKind::Subscript { items, .. } = expr.kind else {
            panic!("not a subscript")
        };
        assert!(matches!(&items[0].kind, ExprKind::Union(parts) if parts.len() == 2));
    }

    #[test]
    fn odd_arguments_do_not_derail_the_list() {
        let expr = parse_text("Column(String, default=lambda: x + 1, nullable=False)");
        let (_, args) = expr.call().unwrap();
        assert_eq!(keyword(args, "nullable").unwrap().as_bool(), Some(false));
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let text = format!("f{}{}", "(".repeat(500), ")".repeat(500));
        let lines = python_lines(&text, 0);
        let (_, used) = parse(&lines[0].tokens);
        assert_eq!(used, lines[0].tokens.len());
    }
}
