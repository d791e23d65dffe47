//! How tables become names in generated artifacts: the entity (`users` → `user`), the class
//! (`User`), the REST resource (`/users`, `{user_id}`), and the short display names used in
//! narratives. User-supplied names are sanitised here so every generated identifier is valid.

use crate::ident;
use crate::model::Architecture;

/// The singular of a plural table name, by a few English rules: `categories` → `category`,
/// `addresses` → `address`, `statuses` → `status`, `users` → `user`; other names are kept.
pub fn singular(name: &str) -> String {
    let ends = |suffix: &str| {
        name.len() > suffix.len()
            && name
                .get(name.len() - suffix.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
    };
    let strip = |n: usize| name.get(..name.len() - n).unwrap_or(name).to_string();
    if ends("ies") {
        return format!("{}y", strip(3));
    }
    if ["sses", "shes", "ches", "xes", "zes", "uses"]
        .iter()
        .any(|s| ends(s))
    {
        return strip(2);
    }
    if ["ss", "us", "is"].iter().any(|s| ends(s)) {
        return name.to_string();
    }
    if ends("s") {
        return strip(1);
    }
    name.to_string()
}

/// The plural of a singular entity name, by the English rules [`singular`] undoes:
/// `account` → `accounts`, `category` → `categories`, `address` → `addresses`.
pub fn plural(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let ends = |suffix: &str| lower.len() > suffix.len() && lower.ends_with(suffix);
    let vowel_before_y = lower
        .len()
        .checked_sub(2)
        .and_then(|at| lower.as_bytes().get(at))
        .is_some_and(|b| b"aeiou".contains(b));
    if ends("y") && !vowel_before_y {
        return format!("{}ies", name.get(..name.len() - 1).unwrap_or(name));
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|s| ends(s)) {
        return format!("{name}es");
    }
    format!("{name}s")
}

/// Direction prefixes of a column naming another entity (`from_acct`, `to_account`).
const DIRECTIONS: &[&str] = &[
    "from_",
    "to_",
    "src_",
    "source_",
    "dst_",
    "dest_",
    "target_",
    "sender_",
    "recipient_",
    "payer_",
    "payee_",
];

/// Suffixes of a column that identifies an entity (`account_id`, `account_no`).
const IDENTIFIER_SUFFIXES: &[&str] = &["_id", "_no", "_nr", "_num", "_number", "_uuid", "_key"];

/// Abbreviated words of column names and the word each stands for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("acct", "account"),
    ("addr", "address"),
    ("cust", "customer"),
    ("msg", "message"),
    ("org", "organization"),
    ("txn", "transaction"),
    ("usr", "user"),
];

/// What a filter column says as an API parameter: its stem (the column without a direction
/// prefix, abbreviations spelt out: `to_acct` → `account`, `account_id` → `account_id`), the
/// entity it identifies (the stem without an identifier suffix: `account`), and whether it
/// names another entity at all (a direction prefix, an identifier suffix or an abbreviation;
/// `status` or `login` do not).
pub fn column_stem(column: &str) -> (String, String, bool) {
    let lower = column.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut identifying = false;
    for prefix in DIRECTIONS {
        if let Some(tail) = rest.strip_prefix(prefix).filter(|t| !t.is_empty()) {
            rest = tail;
            identifying = true;
            break;
        }
    }
    let words: Vec<&str> = rest
        .split('_')
        .map(
            |word| match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
                Some((_, long)) => {
                    identifying = true;
                    long
                }
                None => word,
            },
        )
        .collect();
    let stem = identifier(&words.join("_"));
    let mut entity = stem.clone();
    for suffix in IDENTIFIER_SUFFIXES {
        if let Some(head) = stem.strip_suffix(suffix).filter(|h| !h.is_empty()) {
            entity = head.to_string();
            identifying = true;
            break;
        }
    }
    (stem, entity, identifying)
}

/// `name` with every character outside `[A-Za-z0-9_]` replaced by `_`, never empty and never
/// starting with a digit: a valid identifier in Python, JSON Schema keys and path parameters.
pub fn identifier(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The PascalCase class name of an entity (`order_item` → `OrderItem`), a valid identifier.
pub fn class_name(entity: &str) -> String {
    let mut out = String::new();
    for word in entity.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// A URL path segment for a table name: lowercase ASCII letters, digits, `_` and `-` only
/// (`Order Items` → `order-items`), never empty.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "resource".to_string()
    } else {
        trimmed
    }
}

/// A service's display name from its id (`service:app-a` → `app-a`).
pub fn service_name(arch: &Architecture, id: &str) -> String {
    arch.service(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| ident::id_name(id).to_string())
}

/// A table's or view's display name: its bare name, or `schema.name` outside the dialect's
/// default schema.
pub fn display_table(arch: &Architecture, id: &str) -> String {
    if let Some(t) = arch.table(id) {
        return match t.schema.as_deref() {
            Some(schema) if Some(schema) != arch.dialect.default_schema() => {
                format!("{schema}.{}", t.name)
            }
            _ => t.name.clone(),
        };
    }
    if let Some(v) = arch.view(id) {
        return v.name.clone();
    }
    ident::display_name(id).into_owned()
}

/// At most `max` names, the rest summarised as `N more` (so a 600-table schema stays readable).
pub fn shortened(names: &[String], max: usize) -> Vec<String> {
    shortened_from(names.iter().take(max).cloned().collect(), names.len(), max)
}

/// [`shortened`] of `total` names given only their first ones (`first`, at least `max` of them
/// when there are that many): a caller with thousands of names writes out only those shown.
pub fn shortened_from(mut first: Vec<String>, total: usize, max: usize) -> Vec<String> {
    if total > max {
        first.truncate(max);
        first.push(format!("{} more", total - max));
    }
    first
}

/// Joins names for a sentence: `a`, `a and b`, `a, b and c`.
pub fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_singular(plural: &str, expected: &str) {
        assert_eq!(singular(plural), expected, "singular of {plural}");
    }

    #[test]
    fn singulars_follow_simple_english_rules() {
        check_singular("users", "user");
        check_singular("categories", "category");
        check_singular("addresses", "address");
        check_singular("statuses", "status");
        check_singular("messages", "message");
        check_singular("boxes", "box");
        check_singular("status", "status");
        check_singular("person", "person");
        check_singular("s", "s");
        check_singular("", "");
        check_singular("Users", "User");
    }

    #[test]
    fn plurals_and_column_stems() {
        assert_eq!(plural("account"), "accounts");
        assert_eq!(plural("category"), "categories");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("box"), "boxes");
        let stem = |c: &str| column_stem(c);
        assert_eq!(stem("TO_ACCT"), ("account".into(), "account".into(), true));
        assert_eq!(stem("from_route"), ("route".into(), "route".into(), true));
        assert_eq!(
            stem("account_id"),
            ("account_id".into(), "account".into(), true)
        );
        assert_eq!(stem("login"), ("login".into(), "login".into(), false));
        assert_eq!(stem("to_"), ("to_".into(), "to_".into(), false));
        assert_eq!(stem("_id"), ("_id".into(), "_id".into(), false));
    }

    #[test]
    fn generated_names_are_valid_identifiers() {
        assert_eq!(identifier("<img src=x>"), "_img_src_x_");
        assert_eq!(identifier("1st"), "_1st");
        assert_eq!(identifier(""), "_");
        assert_eq!(class_name("order_item"), "OrderItem");
        assert_eq!(class_name("<>"), "T");
        assert_eq!(slug("Order Items"), "order-items");
        assert_eq!(slug("<img src=x>"), "img-src-x");
        assert_eq!(slug("\"\""), "resource");
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
