//! What forbids writes to a table, read from the statements that say so: PostgreSQL rules
//! (`CREATE RULE … ON UPDATE TO t DO INSTEAD NOTHING`), triggers (PostgreSQL's run a function
//! defined elsewhere; MySQL's and SQLite's carry their body), and the functions triggers run.
//!
//! Only an unconditional refusal forbids: a rule without `WHERE` that does `INSTEAD NOTHING`, a
//! trigger without `WHEN` or `UPDATE OF` whose body raises an error outside any `IF`, `CASE`,
//! loop or inner block (PL/pgSQL `RAISE EXCEPTION`, MySQL `SIGNAL SQLSTATE`, SQLite
//! `SELECT RAISE(ABORT, …)`). Anything else is read as letting writes through.

use super::{DdlReader, Effect, GuardFacts, Name, Part, TokenKind, WriteGuard};
use crate::model::{Dialect, Privilege};
use crate::sql::lex::{dollar_tag_len, Lexer, Token};

/// The privilege a rule or trigger event word stands for.
fn event_privilege(word: &str) -> Option<Privilege> {
    match word.to_ascii_uppercase().as_str() {
        "INSERT" => Some(Privilege::Insert),
        "UPDATE" => Some(Privilege::Update),
        "DELETE" => Some(Privilege::Delete),
        "TRUNCATE" => Some(Privilege::Truncate),
        _ => None,
    }
}

/// Trigger functions PostgreSQL ships, which never refuse a write.
const BUILTIN_TRIGGER_FUNCTIONS: [&str; 4] = [
    "lo_manage",
    "suppress_redundant_updates_trigger",
    "tsvector_update_trigger",
    "tsvector_update_trigger_column",
];

/// Whether `function` is one PostgreSQL ships (`pg_catalog`, or a built-in trigger function).
pub fn is_builtin(function: &Name) -> bool {
    function.schema.as_deref() == Some("pg_catalog")
        || BUILTIN_TRIGGER_FUNCTIONS.contains(&function.name.as_str())
}

impl DdlReader<'_> {
    /// The unquoted upper-case word at `at`, if any.
    fn upper(&self, at: usize) -> Option<String> {
        match self.word(at)? {
            Part {
                text,
                quoted: false,
            } => Some(text.to_ascii_uppercase()),
            Part { .. } => None,
        }
    }

    /// Reads `CREATE [OR REPLACE] RULE name AS ON event TO table [WHERE …] DO [ALSO | INSTEAD]
    /// {NOTHING | command}`; the error says what is missing.
    pub fn rule(&self) -> Result<GuardFacts, String> {
        let at = self
            .find_kw(0, "RULE")
            .ok_or_else(|| String::from("a rule without RULE"))?;
        let name = self
            .ident(at + 1)
            .ok_or_else(|| String::from("CREATE RULE has no name"))?;
        let unread = |what: &str| format!("rule {name}: expected {what}");
        if !(self.is_kw(at + 2, "AS") && self.is_kw(at + 3, "ON")) {
            return Err(unread("AS ON after its name"));
        }
        let event = self.upper(at + 4).unwrap_or_default();
        if !self.is_kw(at + 5, "TO") {
            return Err(unread("ON SELECT, INSERT, UPDATE or DELETE TO a table"));
        }
        let (table, after) = self
            .name(at + 6)
            .ok_or_else(|| unread("the table after TO"))?;
        let conditional = self.is_kw(after, "WHERE");
        let action = self
            .find_kw(after, "DO")
            .ok_or_else(|| unread("DO and an action"))?;
        let mut i = action + 1;
        let instead = self.is_kw(i, "INSTEAD");
        if instead || self.is_kw(i, "ALSO") {
            i += 1;
        }
        let nothing = self.is_kw(i, "NOTHING");
        let Some(privilege) = event_privilege(&event).filter(|p| *p != Privilege::Truncate) else {
            return match event.as_str() {
                "SELECT" => Ok(GuardFacts {
                    guard: WriteGuard::Rule,
                    name,
                    table,
                    events: Vec::new(),
                    effect: Effect::Allows(None),
                }),
                _ => Err(unread("ON SELECT, INSERT, UPDATE or DELETE")),
            };
        };
        let verb = event.to_ascii_lowercase();
        // A rule doing NOTHING that still lets the write through is noted, since it looks like
        // a guard; rules that rewrite writes into other commands (partition routing, audit
        // copies) are ordinary and pass without a word.
        let effect = match (instead, nothing, conditional) {
            (true, true, false) => Effect::Forbids,
            (true, true, true) => {
                Effect::Allows(Some(format!("its WHERE discards only some {verb}s")))
            }
            (false, true, _) => Effect::Allows(Some(format!(
                "DO ALSO NOTHING adds nothing to the {verb}, which still happens"
            ))),
            (_, false, _) => Effect::Allows(None),
        };
        Ok(GuardFacts {
            guard: WriteGuard::Rule,
            name,
            table,
            events: vec![privilege],
            effect,
        })
    }

    /// Reads `CREATE TRIGGER name {BEFORE | AFTER | INSTEAD OF} event [OR event …] ON table …`
    /// and what its body does: PostgreSQL's `EXECUTE FUNCTION f()` is resolved later, MySQL's
    /// and SQLite's body is read here. T-SQL's form (`ON table AFTER …`) is not read.
    pub fn trigger(&self) -> Result<GuardFacts, String> {
        let at = self
            .find_kw(0, "TRIGGER")
            .ok_or_else(|| String::from("a trigger without TRIGGER"))?;
        let mut i = at + 1;
        if self.is_kw(i, "IF") {
            i = self.find_kw(i, "EXISTS").map_or(i, |j| j + 1);
        }
        let (name, after) = self
            .name(i)
            .ok_or_else(|| String::from("CREATE TRIGGER has no name"))?;
        let name = name.name;
        if self.is_kw(after, "ON") {
            return Err(format!(
                "trigger {name} is written the T-SQL way; Seams reads PostgreSQL, MySQL and SQLite triggers"
            ));
        }
        i = after;
        let instead_of = self.is_kw(i, "INSTEAD");
        if self.is_kw(i, "BEFORE") || self.is_kw(i, "AFTER") {
            i += 1;
        } else if instead_of {
            i += 2;
        }
        let mut events = Vec::new();
        let mut some_columns = false;
        while let Some(privilege) = self.upper(i).as_deref().and_then(event_privilege) {
            events.push(privilege);
            i += 1;
            if self.is_kw(i, "OF") {
                // `UPDATE OF a, b`: only updates of those columns fire it.
                some_columns = true;
                i = self.find_kw(i, "ON").unwrap_or(i + 1);
            }
            if self.is_kw(i, "OR") || self.is_punct(i, ',') {
                i += 1;
            }
        }
        if events.is_empty() || !self.is_kw(i, "ON") {
            return Err(format!(
                "trigger {name}: expected BEFORE or AFTER, INSERT, UPDATE or DELETE, and ON a table"
            ));
        }
        let (table, after) = self
            .name(i + 1)
            .ok_or_else(|| format!("trigger {name}: expected the table after ON"))?;
        let body = self.trigger_body(after);
        let conditional = (after..body).any(|j| self.is_kw(j, "WHEN"));
        let effect = if conditional || some_columns || instead_of {
            Effect::Allows(None)
        } else if let Some(execute) = (after..body).find(|&j| self.is_kw(j, "EXECUTE")) {
            let (function, _) = self
                .name(execute + 2)
                .ok_or_else(|| format!("trigger {name}: expected a function after EXECUTE"))?;
            Effect::Runs(function)
        } else if self.raises_from(body) {
            Effect::Forbids
        } else {
            Effect::Allows(None)
        };
        Ok(GuardFacts {
            guard: WriteGuard::Trigger,
            name,
            table,
            events,
            effect,
        })
    }

    /// Where a trigger's own body starts (the tokens' end for PostgreSQL's `EXECUTE …`): its
    /// `BEGIN`, or the statement after MySQL's `FOR EACH ROW [FOLLOWS | PRECEDES other]`.
    fn trigger_body(&self, from: usize) -> usize {
        if let Some(begin) = self.find_kw(from, "BEGIN") {
            return begin;
        }
        let Some(row) =
            (from..self.tokens.len()).find(|&j| self.is_kw(j, "EACH") && self.is_kw(j + 1, "ROW"))
        else {
            return self.tokens.len();
        };
        let mut body = row + 2;
        if self.is_kw(body, "FOLLOWS") || self.is_kw(body, "PRECEDES") {
            body += 2;
        }
        if self.is_kw(body, "EXECUTE") {
            return self.tokens.len();
        }
        body
    }

    /// Whether the code from token `from` always raises: see [`always_raises`].
    fn raises_from(&self, from: usize) -> bool {
        always_raises(self.text, self.tokens.get(from..).unwrap_or(&[]))
    }

    /// Reads `CREATE [OR REPLACE] FUNCTION | PROCEDURE name (…) … AS $$ body $$`: its name and
    /// whether its PL/pgSQL body always raises. None without a name or a quoted body.
    pub fn function(&self) -> Option<(Name, bool)> {
        let at = (0..self.tokens.len().min(16))
            .find(|&i| self.is_kw(i, "FUNCTION") || self.is_kw(i, "PROCEDURE"))?;
        let (name, after) = self.name(at + 1)?;
        let body = (after..self.tokens.len()).find(|&i| {
            self.token(i).is_some_and(|t| t.kind == TokenKind::Str) && self.is_kw(i - 1, "AS")
        })?;
        let raw = self.token(body)?.text(self.text);
        let code = match dollar_tag_len(raw.as_bytes(), 0) {
            Some(tag) => raw.get(tag..raw.len().saturating_sub(tag))?.to_string(),
            None => raw.get(1..raw.len().saturating_sub(1))?.replace("''", "'"),
        };
        let tokens: Vec<Token> = Lexer::new(&code, Dialect::Postgres).collect();
        let begin = tokens.iter().position(|t| t.is_keyword(&code, "BEGIN"))?;
        let raises = always_raises(&code, tokens.get(begin..).unwrap_or(&[]));
        Some((name, raises))
    }
}

/// Whether the procedural code `tokens` (of `text`; a `BEGIN … END` block or one statement)
/// raises an error on every run: a PL/pgSQL `RAISE [EXCEPTION] '…'`, a MySQL `SIGNAL` of an
/// error (not a `01` warning) or an SQLite `SELECT RAISE(ABORT | FAIL | ROLLBACK, …)` without
/// `WHERE` or `FROM`, as a statement of the block itself, before any `RETURN`. Inside `IF`,
/// `CASE`, a loop or an inner block it may not run; with an `EXCEPTION` section or a MySQL
/// handler it may be caught: neither counts.
fn always_raises(text: &str, tokens: &[Token]) -> bool {
    let word = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word { quoted: false })
            .map(|t| t.text(text).to_ascii_uppercase())
            .unwrap_or_default()
    };
    let block = word(0) == "BEGIN";
    // Levels of IF, CASE, loops and inner blocks open at the token read.
    let mut depth = 0usize;
    // A `WHILE` or `FOR` header whose `LOOP` (PL/pgSQL) or `DO` (MySQL) opens no new level.
    let mut loop_header = false;
    let mut starts = true;
    let mut i = usize::from(block);
    while let Some(token) = tokens.get(i) {
        let w = word(i);
        match w.as_str() {
            "END" => {
                let Some(outer) = depth.checked_sub(1) else {
                    return false;
                };
                depth = outer;
                // `END IF`, `END LOOP`, `END CASE`, `END WHILE`, `END REPEAT` close one level.
                if matches!(
                    word(i + 1).as_str(),
                    "IF" | "LOOP" | "CASE" | "WHILE" | "REPEAT"
                ) {
                    i += 1;
                }
            }
            "IF" | "REPEAT" if starts => depth += 1,
            "WHILE" | "FOR" if starts => {
                depth += 1;
                loop_header = true;
            }
            "LOOP" | "DO" if loop_header => loop_header = false,
            "LOOP" | "CASE" | "BEGIN" => depth += 1,
            "EXCEPTION" | "HANDLER" if depth == 0 => return false,
            "RETURN" if depth == 0 && starts => return false,
            "RAISE" if depth == 0 && starts => {
                return !matches!(
                    word(i + 1).as_str(),
                    "DEBUG" | "LOG" | "INFO" | "NOTICE" | "WARNING"
                );
            }
            "SIGNAL" if depth == 0 && starts => {
                let state = tokens
                    .get(i + 2 + usize::from(word(i + 2) == "VALUE"))
                    .map(|t| t.text(text).trim_matches('\''))
                    .unwrap_or("");
                return !(state.starts_with("01") || state.starts_with("00"));
            }
            "SELECT" if depth == 0 && starts && word(i + 1) == "RAISE" => {
                let filtered = tokens
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|t| !t.is_punct(';'))
                    .any(|t| t.is_keyword(text, "WHERE") || t.is_keyword(text, "FROM"));
                return matches!(word(i + 3).as_str(), "ABORT" | "FAIL" | "ROLLBACK") && !filtered;
            }
            _ => {}
        }
        starts = token.is_punct(';');
        if starts && !block {
            // One statement (MySQL's `FOR EACH ROW SIGNAL …`) ends at its `;`.
            return false;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the PL/pgSQL body `code` always raises, read as a function's body is.
    fn raises(code: &str) -> bool {
        let tokens: Vec<Token> = Lexer::new(code, Dialect::Postgres).collect();
        let begin = tokens
            .iter()
            .position(|t| t.is_keyword(code, "BEGIN"))
            .unwrap();
        always_raises(code, &tokens[begin..])
    }

    #[test]
    fn only_an_unconditional_raise_always_raises() {
        for code in [
            "BEGIN RAISE EXCEPTION 'append only'; END",
            "DECLARE n int; BEGIN n := 1; RAISE 'no %', n; END",
            "BEGIN PERFORM log_attempt(); RAISE EXCEPTION USING MESSAGE = 'no'; END",
            "BEGIN IF TG_OP = 'x' THEN NULL; END IF; RAISE EXCEPTION 'no'; END",
            "BEGIN WHILE false LOOP NULL; END LOOP; RAISE EXCEPTION 'no'; END",
        ] {
            assert!(raises(code), "{code}");
        }
        for code in [
            "BEGIN IF OLD.locked THEN RAISE EXCEPTION 'locked'; END IF; RETURN NEW; END",
            "BEGIN NEW.at := now(); RETURN NEW; END",
            "BEGIN RETURN NEW; RAISE EXCEPTION 'never'; END",
            "BEGIN RAISE NOTICE 'changed'; RETURN NEW; END",
            "BEGIN BEGIN RAISE EXCEPTION 'x'; EXCEPTION WHEN others THEN NULL; END; RETURN NEW; END",
            "BEGIN FOR r IN SELECT 1 LOOP RAISE EXCEPTION 'x'; END LOOP; RETURN NEW; END",
            "BEGIN x := CASE WHEN a THEN 1 ELSE 2 END; RETURN NEW; END",
        ] {
            assert!(!raises(code), "{code}");
        }
    }
}
