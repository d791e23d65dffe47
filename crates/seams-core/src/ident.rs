//! Names and ids. Identifiers are normalised the way the dialect does it (unquoted folded, quoted
//! kept), and every element gets a stable string id (`table:public.users`, `service:app-a`) that
//! the UI, reports and tests use as keys. Graph indices are never keys.

use std::borrow::Cow;

/// The id of a service named `name` (`service:app-a`).
pub fn service_id(name: &str) -> String {
    format!("service:{name}")
}

/// The id of a table: `table:schema.name`, or `table:name` when it has no schema. A part holding
/// a `.` or a `"` is written in double quotes ([`relation_parts`] reads it back).
pub fn table_id(schema: Option<&str>, name: &str) -> String {
    format!("table:{}", relation_key(schema, name))
}

/// The id of a view: `view:schema.name`, or `view:name` when it has no schema; parts quoted as
/// in [`table_id`].
pub fn view_id(schema: Option<&str>, name: &str) -> String {
    format!("view:{}", relation_key(schema, name))
}

/// `schema.name` (or `name`) with each part written by [`id_part`].
fn relation_key(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(schema) if !schema.is_empty() => format!("{}.{}", id_part(schema), id_part(name)),
        _ => id_part(name).into_owned(),
    }
}

/// One part of a table or view id: as it is when ordinary (so `table:public.users` stays what it
/// always was), in double quotes with each `"` doubled when it holds a `.` or a `"` or is empty,
/// so that `"a.b"` (one name) and `a.b` (name `b` in schema `a`) get different ids.
fn id_part(part: &str) -> Cow<'_, str> {
    if part.is_empty() || part.contains(['.', '"']) {
        Cow::Owned(format!("\"{}\"", part.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(part)
    }
}

/// The (schema, name) a table or view id was made from by [`table_id`], [`view_id`] or
/// [`in_database`]; None for another kind of id or text that no such id has.
pub fn relation_parts(id: &str) -> Option<(Option<String>, String)> {
    relation_address(id).map(|(_, schema, name)| (schema, name))
}

/// The database key a relation id carries ([`in_database`]); None for ids of single-database
/// inputs and for other ids.
pub fn relation_database(id: &str) -> Option<String> {
    relation_address(id).and_then(|(database, _, _)| database)
}

/// A table or view id read back into (database, schema, name).
fn relation_address(id: &str) -> Option<(Option<String>, Option<String>, String)> {
    let key = id
        .strip_prefix("table:")
        .or_else(|| id.strip_prefix("view:"))?;
    let mut parts = Vec::new();
    let (first, mut rest) = id_part_at(key)?;
    parts.push(first);
    while let Some(after_dot) = rest.strip_prefix('.') {
        let (part, after) = id_part_at(after_dot)?;
        parts.push(part);
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    match parts.as_slice() {
        [name] => Some((None, None, name.clone())),
        [schema, name] => Some((None, Some(schema.clone()), name.clone())),
        [database, schema, name] => Some((
            Some(database.clone()),
            (!schema.is_empty()).then(|| schema.clone()),
            name.clone(),
        )),
        _ => None,
    }
}

/// The id of table or view `id` placed in the database whose key is `database` (the part of
/// its id after `db:`): `table:<database>.<schema>.<name>`, the schema written `""` when the
/// relation has none. Inputs with tables in more than one database use these ids, so that
/// same-named tables in two databases are two tables; single-database inputs keep [`table_id`]'s.
/// Any other id is returned as it is.
pub fn in_database(id: &str, database: &str) -> String {
    let kind = if id.starts_with("view:") {
        "view"
    } else {
        "table"
    };
    match relation_address(id) {
        Some((_, schema, name)) => format!(
            "{kind}:{}.{}.{}",
            id_part(database),
            id_part(schema.as_deref().unwrap_or_default()),
            id_part(&name)
        ),
        None => id.to_string(),
    }
}

/// Reads one [`id_part`] at the start of `text`: the part and the text after it.
fn id_part_at(text: &str) -> Option<(String, &str)> {
    let Some(quoted) = text.strip_prefix('"') else {
        let end = text.find('.').unwrap_or(text.len());
        let (part, rest) = text.split_at(end);
        return (!part.is_empty()).then(|| (part.to_string(), rest));
    };
    let mut part = String::new();
    let mut chars = quoted.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '"' {
            if chars.peek().is_some_and(|&(_, next)| next == '"') {
                chars.next();
            } else {
                return Some((part, quoted.get(at + 1..)?));
            }
        }
        part.push(c);
    }
    None
}

/// The id of a database instance (`db:main`, or `db:host/name` when a host is given).
pub fn database_id(name: &str, host: Option<&str>) -> String {
    match host {
        Some(host) if !host.is_empty() => format!("db:{host}/{name}"),
        _ => format!("db:{name}"),
    }
}

/// The id of a topic or queue (`topic:user.created`, `topic:sqs:user-updates`).
pub fn topic_id(name: &str) -> String {
    format!("topic:{name}")
}

/// The id of a shared model library (`library:shared-models`).
pub fn library_id(name: &str) -> String {
    format!("library:{name}")
}

/// The id of a service's API (`api:app-b`).
pub fn api_id(service: &str) -> String {
    format!("api:{service}")
}

/// The part of an id after its kind prefix (`users` for `table:users`).
pub fn id_name(id: &str) -> &str {
    id.split_once(':').map(|(_, rest)| rest).unwrap_or(id)
}

/// The short display name of a table or view id, its name without the schema, for the places
/// that hold only an id (where the model's `Table` or `View` is at hand, its `name` is the
/// same). Any other id gives its part after the kind.
pub fn short_name(id: &str) -> Cow<'_, str> {
    match relation_parts(id) {
        Some((_, name)) => Cow::Owned(name),
        None => Cow::Borrowed(id_name(id)),
    }
}

/// How an id is shown to people: a table or view as `database.schema.name` without the parts
/// it lacks (`catalog.products` for `table:catalog."".products`, whose database has no schema),
/// a part quoted only when it holds a `.` or `"`; any other id, its part after the kind.
pub fn display_name(id: &str) -> Cow<'_, str> {
    match relation_address(id) {
        Some((database, schema, name)) => Cow::Owned(
            [database, schema, Some(name)]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .map(|part| id_part(&part).into_owned())
                .collect::<Vec<_>>()
                .join("."),
        ),
        None => Cow::Borrowed(id_name(id)),
    }
}

/// Service names match ignoring case and the difference between `-` and `_` (`app_a` is `app-a`).
pub fn service_key(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_leave_out_what_an_id_lacks() {
        let id = in_database(&table_id(None, "products"), "catalog");
        assert_eq!(id, r#"table:catalog."".products"#);
        assert_eq!(display_name(&id), "catalog.products");
        let id = in_database(&table_id(Some("sales"), "a.b"), "main");
        assert_eq!(display_name(&id), r#"main.sales."a.b""#);
        assert_eq!(
            display_name(&table_id(Some("public"), "users")),
            "public.users"
        );
        assert_eq!(display_name(&view_id(None, "open")), "open");
        assert_eq!(display_name("service:app-a"), "app-a");
    }

    #[test]
    fn ids_have_kind_prefixes() {
        assert_eq!(table_id(Some("public"), "users"), "table:public.users");
        assert_eq!(table_id(None, "users"), "table:users");
        assert_eq!(database_id("main", Some("db1")), "db:db1/main");
        assert_eq!(short_name("table:public.users"), "users");
        assert_eq!(service_key("App_A"), "app-a");
    }

    #[test]
    fn parts_with_dots_or_quotes_are_quoted_in_ids() {
        assert_eq!(table_id(None, "a.b"), "table:\"a.b\"");
        assert_eq!(table_id(Some("a"), "b"), "table:a.b");
        assert_eq!(table_id(None, "x\"y"), "table:\"x\"\"y\"");
        assert_eq!(view_id(Some("s.t"), "v"), "view:\"s.t\".v");
        assert_eq!(table_id(None, "a`b]c d"), "table:a`b]c d");
        assert_eq!(short_name("table:\"a.b\""), "a.b");
        assert_eq!(short_name("table:s.\"x\"\"y\""), "x\"y");
        assert_eq!(
            relation_parts("view:\"s.t\".v"),
            Some((Some("s.t".into()), "v".into()))
        );
        assert_eq!(relation_parts("table:\"a"), None);
        assert_eq!(
            relation_parts("table:a.b.c"),
            Some((Some("b".into()), "c".into()))
        );
        assert_eq!(relation_parts("table:a.b.c.d"), None);
        assert_eq!(relation_parts("service:a"), None);
    }

    #[test]
    fn ids_in_a_database_carry_its_key() {
        let id = in_database("table:public.users", "accounts-db");
        assert_eq!(id, "table:accounts-db.public.users");
        assert_eq!(relation_database(&id).as_deref(), Some("accounts-db"));
        assert_eq!(
            relation_parts(&id),
            Some((Some("public".into()), "users".into()))
        );
        let bare = in_database("view:users", "db1/cache.io");
        assert_eq!(bare, "view:\"db1/cache.io\".\"\".users");
        assert_eq!(relation_parts(&bare), Some((None, "users".into())));
        assert_eq!(relation_database("table:public.users"), None);
        assert_eq!(in_database("service:a", "x"), "service:a");
    }

    proptest::proptest! {
        #[test]
        fn relation_ids_read_back(schema in proptest::option::of(".{1,12}"), name in ".{1,12}") {
            let id = table_id(schema.as_deref(), &name);
            proptest::prop_assert_eq!(relation_parts(&id), Some((schema.clone(), name.clone())));
            let view = view_id(schema.as_deref(), &name);
            proptest::prop_assert_eq!(relation_parts(&view), Some((schema, name)));
        }
    }
}
