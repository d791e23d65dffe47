//! Token helpers shared by the readers of brace languages (C#, TypeScript, Go, Prisma): bracket
//! groups, string arguments and object-literal options, all tolerant of unclosed brackets.

use super::lexer::{Token, TokenKind};

/// Whether token `i` opens a bracket group.
pub(crate) fn is_opener(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.is_punct('(') || t.is_punct('[') || t.is_punct('{'))
}

/// Whether token `i` closes a bracket group.
pub(crate) fn is_closer(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.is_punct(')') || t.is_punct(']') || t.is_punct('}'))
}

/// Whether token `i` is the punctuation `c`.
pub(crate) fn punct(tokens: &[Token], i: usize, c: char) -> bool {
    tokens.get(i).is_some_and(|t| t.is_punct(c))
}

/// Whether token `i` is the identifier `word`.
pub(crate) fn ident(tokens: &[Token], i: usize, word: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.is_ident(word))
}

/// The text of identifier `i`, if it is one.
pub(crate) fn name(tokens: &[Token], i: usize) -> Option<&str> {
    tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Ident)
        .map(|t| t.text.as_str())
}

/// The index after the group opened at `i` (nested, any bracket kind), or `tokens.len()`.
pub(crate) fn after_group(tokens: &[Token], i: usize) -> usize {
    let mut depth = 0usize;
    let mut at = i;
    while at < tokens.len() {
        if is_opener(tokens, at) {
            depth += 1;
        } else if is_closer(tokens, at) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return at + 1;
            }
        }
        at += 1;
    }
    tokens.len()
}

/// The index after `<…>` opened at `i` (nested), stopping at `;`, `{` or `(`.
pub(crate) fn after_angles(tokens: &[Token], i: usize) -> usize {
    let mut depth = 0usize;
    let mut at = i;
    while at < tokens.len() {
        if punct(tokens, at, '<') {
            depth += 1;
        } else if punct(tokens, at, '>') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return at + 1;
            }
        } else if punct(tokens, at, ';') || punct(tokens, at, '{') || punct(tokens, at, '(') {
            return at;
        }
        at += 1;
    }
    tokens.len()
}

/// The tokens inside the group opened at `i` (without its brackets).
pub(crate) fn inside(tokens: &[Token], i: usize) -> &[Token] {
    let end = after_group(tokens, i);
    let close = if is_closer(tokens, end.saturating_sub(1)) {
        end - 1
    } else {
        end
    };
    tokens.get(i + 1..close.max(i + 1)).unwrap_or_default()
}

/// The string literals among the top-level arguments of a group's inside (`"x", "s"` of
/// `ToTable("x", "s")`), in order, None for an argument that is not one string.
pub(crate) fn string_args(args: &[Token]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut current: Vec<&Token> = Vec::new();
    while at < args.len() {
        if punct(args, at, ',') {
            out.push(single_string(&current));
            current.clear();
            at += 1;
            continue;
        }
        if is_opener(args, at) {
            let end = after_group(args, at);
            current.extend(args.get(at..end).unwrap_or_default());
            at = end;
            continue;
        }
        if let Some(token) = args.get(at) {
            current.push(token);
        }
        at += 1;
    }
    if !current.is_empty() {
        out.push(single_string(&current));
    }
    out
}

fn single_string(tokens: &[&Token]) -> Option<String> {
    match tokens {
        [only] if only.kind == TokenKind::Str => Some(only.text.clone()),
        // C#'s verbatim `@"x"`.
        [at, only] if at.is_punct('@') && only.kind == TokenKind::Str => Some(only.text.clone()),
        _ => None,
    }
}

/// The value of `key: "x"` or `key = "x"` anywhere in `tokens` (object-literal options, C#
/// named arguments).
pub(crate) fn option_string(tokens: &[Token], key: &str) -> Option<String> {
    tokens.windows(3).find_map(|w| match w {
        [k, sep, value]
            if (k.is_ident(key) || (k.kind == TokenKind::Str && k.text == key))
                && (sep.is_punct(':') || sep.is_punct('='))
                && value.kind == TokenKind::Str =>
        {
            Some(value.text.clone())
        }
        _ => None,
    })
}

/// The value of `key: true|false` anywhere in `tokens`.
pub(crate) fn option_bool(tokens: &[Token], key: &str) -> Option<bool> {
    tokens.windows(3).find_map(|w| match w {
        [k, sep, value] if k.is_ident(key) && (sep.is_punct(':') || sep.is_punct('=')) => {
            match value.text.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }
        }
        _ => None,
    })
}

/// Whether a line break separates tokens `i - 1` and `i` in the pane.
pub(crate) fn starts_line(pane: &str, tokens: &[Token], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(i)) {
        (Some(before), Some(token)) => pane
            .get(before.end..token.start)
            .is_some_and(|gap| gap.contains('\n')),
        _ => true,
    }
}

/// The source text of tokens `from..to`, whitespace removed.
pub(crate) fn text_of(pane: &str, tokens: &[Token], from: usize, to: usize) -> String {
    let start = tokens.get(from).map_or(0, |t| t.start);
    let end = to
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map_or(start, |t| t.end)
        .max(start);
    pane.get(start..end)
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}
