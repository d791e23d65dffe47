//! Which columns hold secrets or identity numbers that must never be copied out of their
//! owner's table (into read models, event payloads or API schemas): the columns the services
//! file marks `sensitive:`, and columns whose names say secret.
//!
//! A name says secret when one of its words, or a run of them, is a secret's name: a name is
//! split into lowercase words at underscores, spaces, hyphens, dots and case changes
//! (`password_hash`, `PASSWORD_HASH`, `passwordHash` and `PasswordHash` are all
//! `password hash`). Words are compared whole, never as substrings, so `assessment` does not
//! hold `ssn`, `salted` is not `salt`, `secretary` is not `secret` and `tokens_used` (a count of
//! tokens) is not `token`. A name that only describes a secret is not one: a word after the
//! secret's words naming a time, count, kind or flag (`password_changed_at`, `token_count`,
//! `api_key_id`), or a leading `is`/`has` (`has_ssn`).

use super::Architecture;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A column the services file marks sensitive (`sensitive: [users.ssn]`), resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SensitiveColumn {
    /// The table's id.
    pub table: String,
    /// The column's name as the schema has it.
    pub column: String,
    /// Where the services file names it.
    pub span: Span,
}

/// Why a column is never copied out of its owner's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    /// The services file marks it `sensitive:` (there).
    Declared(Span),
    /// Its name says it holds this kind of secret (`a password`).
    Named(&'static str),
}

impl Sensitivity {
    /// Why, as a phrase after the column's name: `marked sensitive in the services file`,
    /// `its name says it holds a password`.
    pub fn reason(self) -> String {
        match self {
            Sensitivity::Declared(_) => "marked sensitive in the services file".to_string(),
            Sensitivity::Named(kind) => format!("its name says it holds {kind}"),
        }
    }
}

/// Secret names, as runs of lowercase words, with what they hold. Where several start at the
/// same word, the longest says what the column holds (`password hash` over `password`).
const SECRETS: &[(&[&str], &str)] = &[
    (&["password"], "a password"),
    (&["passwd"], "a password"),
    (&["pwd"], "a password"),
    (&["pw"], "a password"),
    (&["passphrase"], "a password"),
    (&["passwordhash"], "a password hash"),
    (&["passhash"], "a password hash"),
    (&["pwhash"], "a password hash"),
    (&["pass", "hash"], "a password hash"),
    (&["password", "hash"], "a password hash"),
    (&["password", "salt"], "a password salt"),
    (&["pass", "word"], "a password"),
    (&["salt"], "a password salt"),
    (&["token"], "a token"),
    (&["apitoken"], "a token"),
    (&["accesstoken"], "a token"),
    (&["authtoken"], "a token"),
    (&["secret"], "a secret"),
    (&["secrets"], "a secret"),
    (&["credential"], "a credential"),
    (&["credentials"], "a credential"),
    (&["api", "key"], "a key"),
    (&["apikey"], "a key"),
    (&["private", "key"], "a key"),
    (&["privatekey"], "a key"),
    (&["access", "key"], "a key"),
    (&["ssn"], "a social security number"),
    (&["social", "security"], "a social security number"),
    (&["socialsecurity"], "a social security number"),
    (&["card", "number"], "a card number"),
    (&["cardnumber"], "a card number"),
    (&["card", "no"], "a card number"),
    (&["cc", "number"], "a card number"),
    (&["credit", "card"], "a card number"),
    (&["creditcard"], "a card number"),
    (&["pan"], "a card number"),
    (&["cvv"], "a card security code"),
    (&["cvv2"], "a card security code"),
    (&["cvc"], "a card security code"),
    (&["iban"], "a bank account number"),
    (&["pin"], "a PIN"),
    (&["otp"], "a one-time password"),
    (&["totp"], "a one-time password"),
];

/// Words that, after a secret's words, make the name describe the secret rather than hold it.
const ABOUT: &[&str] = &[
    "at",
    "on",
    "date",
    "time",
    "timestamp",
    "changed",
    "updated",
    "created",
    "expires",
    "expiry",
    "expiration",
    "count",
    "used",
    "limit",
    "total",
    "length",
    "type",
    "kind",
    "id",
    "policy",
    "required",
    "enabled",
    "set",
    "version",
    "last",
    "attempts",
];

/// The lowercase words of a name: split at every character that is not a letter or digit and
/// where case changes (`apiToken` → `api token`, `HTTPToken` → `http token`).
pub fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let previous = i.checked_sub(1).and_then(|p| chars.get(p));
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let previous_upper = previous.is_some_and(|p| p.is_ascii_uppercase());
            if !previous_upper || next_lower {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// What kind of secret a column's name says it holds (`a password hash` for `passhash`), or
/// None. See the module's comment for the rule.
pub fn secret_name(column: &str) -> Option<&'static str> {
    let words = words(column);
    if words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "is" | "has"))
    {
        return None;
    }
    for start in 0..words.len() {
        let rest = words.get(start..).unwrap_or_default();
        // The longest secret starting here: `password hash` rather than `password`.
        let found = SECRETS
            .iter()
            .filter(|(secret, _)| {
                rest.get(..secret.len())
                    .is_some_and(|run| run.iter().zip(secret.iter()).all(|(w, s)| w == s))
            })
            .max_by_key(|(secret, _)| secret.len());
        let Some((secret, kind)) = found else {
            continue;
        };
        let after = rest.get(secret.len()..).unwrap_or_default();
        if after.iter().any(|w| ABOUT.contains(&w.as_str())) {
            return None;
        }
        return Some(kind);
    }
    None
}

/// Why column `column` of table `table` must not be copied out of it, or None when it may.
/// A `sensitive:` mark comes first; then the column's name.
pub fn sensitivity(arch: &Architecture, table: &str, column: &str) -> Option<Sensitivity> {
    arch.sensitive
        .iter()
        .find(|s| s.table == table && s.column == column)
        .map(|s| Sensitivity::Declared(s.span))
        .or_else(|| secret_name(column).map(Sensitivity::Named))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_words_at_separators_and_case() {
        assert_eq!(words("PASSWORD_HASH"), ["password", "hash"]);
        assert_eq!(words("apiToken"), ["api", "token"]);
        assert_eq!(words("HTTPToken"), ["http", "token"]);
        assert_eq!(words("card number"), ["card", "number"]);
        assert_eq!(words("user.api-key"), ["user", "api", "key"]);
    }

    #[test]
    fn secret_names_are_found_in_any_case_style() {
        for name in [
            "password",
            "passwd",
            "passhash",
            "PASSHASH",
            "pass_hash",
            "passHash",
            "password_hash",
            "PASSWORD_HASH",
            "PasswordHash",
            "user_password",
            "salt",
            "password_salt",
            "token",
            "apiToken",
            "access_token",
            "refresh_token",
            "reset_token",
            "secret",
            "client_secret",
            "api_key",
            "ApiKey",
            "apikey",
            "private_key",
            "ssn",
            "SSN",
            "customer_ssn",
            "social security number",
            "social_security_no",
            "card_number",
            "cardNumber",
            "card number",
            "credit_card",
            "pan",
            "cvv",
            "iban",
            "pin",
            "otp_secret",
        ] {
            assert!(secret_name(name).is_some(), "{name} should say secret");
        }
    }

    #[test]
    fn names_that_only_contain_the_letters_or_describe_a_secret_are_not_secrets() {
        for name in [
            "assessment",
            "username",
            "salted",
            "salary",
            "secretary",
            "tokens_used",
            "token_count",
            "password_changed_at",
            "password_updated_at",
            "token_expires_at",
            "api_key_id",
            "has_ssn",
            "is_password_set",
            "passenger",
            "compass",
            "bypass",
            "spinner",
            "company",
            "span",
            "panel",
            "account_num",
            "routing_num",
            "birthday",
            "pinned",
            "description",
        ] {
            assert_eq!(secret_name(name), None, "{name} should not say secret");
        }
    }

    #[test]
    fn the_kind_of_secret_is_said() {
        assert_eq!(secret_name("passhash"), Some("a password hash"));
        assert_eq!(secret_name("passwordHash"), Some("a password hash"));
        assert_eq!(secret_name("PASSWORD_SALT"), Some("a password salt"));
        assert_eq!(secret_name("ssn"), Some("a social security number"));
        assert_eq!(
            Sensitivity::Named("a password").reason(),
            "its name says it holds a password"
        );
    }
}
