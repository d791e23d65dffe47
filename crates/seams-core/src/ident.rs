//! Names and ids. Identifiers are normalised the way the dialect does it (unquoted folded, quoted
//! kept), and every element gets a stable string id (`table:public.users`, `service:app-a`) that
//! the UI, reports and tests use as keys. Graph indices are never keys.

/// The id of a service named `name` (`service:app-a`).
pub fn service_id(name: &str) -> String {
    format!("service:{name}")
}

/// The id of a table: `table:schema.name`, or `table:name` when it has no schema.
pub fn table_id(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(schema) if !schema.is_empty() => format!("table:{schema}.{name}"),
        _ => format!("table:{name}"),
    }
}

/// The id of a view: `view:schema.name`, or `view:name` when it has no schema.
pub fn view_id(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(schema) if !schema.is_empty() => format!("view:{schema}.{name}"),
        _ => format!("view:{name}"),
    }
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

/// The id of a service's API (`api:app-b`).
pub fn api_id(service: &str) -> String {
    format!("api:{service}")
}

/// The part of an id after its kind prefix (`users` for `table:users`).
pub fn id_name(id: &str) -> &str {
    id.split_once(':').map(|(_, rest)| rest).unwrap_or(id)
}

/// The short display name of a table or view id: the last dotted segment.
pub fn short_name(id: &str) -> &str {
    let name = id_name(id);
    name.rsplit('.').next().unwrap_or(name)
}

/// Service names match ignoring case and the difference between `-` and `_` (`app_a` is `app-a`).
pub fn service_key(name: &str) -> String {
    name.trim().to_lowercase().replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_kind_prefixes() {
        assert_eq!(table_id(Some("public"), "users"), "table:public.users");
        assert_eq!(table_id(None, "users"), "table:users");
        assert_eq!(database_id("main", Some("db1")), "db:db1/main");
        assert_eq!(short_name("table:public.users"), "users");
        assert_eq!(service_key("App_A"), "app-a");
    }
}
