//! Connection and service URLs read for what they name: the kind of store, its host and its
//! database (`postgresql://user:pw@accounts-db:5432/accounts-db`,
//! `jdbc:postgresql://ledger-db:5432/postgresdb`, `mongodb+srv://…`, `redis://cache:6379/1`), a
//! broker (`amqp://`, Kafka bootstrap servers), or another service (`http://`, `grpc://`,
//! `lb://`, `host:port`). User names, passwords and query parameters are read past and dropped:
//! nothing returned here can hold a secret.

use crate::model::StoreKind;

/// What a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A database or other store.
    Store {
        kind: StoreKind,
        host: Option<String>,
        database: Option<String>,
    },
    /// A message broker (`kafka`, `rabbitmq`) on these hosts.
    Broker {
        kind: &'static str,
        hosts: Vec<String>,
    },
    /// A database inside the process or in a file (`jdbc:h2:mem:`, `jdbc:hsqldb:`, SQLite): private
    /// to the program, so no store another service could share.
    Embedded,
    /// Another program, by host name (`http://balancereader:8080`, `lb://customers-service`).
    Service { host: String },
}

/// What `value` points at, when it is a URL Seams knows. A value may carry a prefix such as
/// Spring's `optional:configserver:`.
pub(crate) fn read(value: &str) -> Option<Target> {
    let value = value.trim().trim_matches(['"', '\'']);
    let value = value
        .strip_prefix("optional:")
        .unwrap_or(value)
        .trim_start();
    let value = value.strip_prefix("configserver:").unwrap_or(value);
    if let Some(jdbc) = strip_prefix_ignore_case(value, "jdbc:") {
        return read_jdbc(jdbc);
    }
    let (scheme, rest) = value.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    // SQLAlchemy writes the driver after a `+` (`postgresql+psycopg2`); MongoDB's SRV form too.
    let base = scheme.split('+').next().unwrap_or(&scheme);
    let (hosts, path) = authority_and_path(rest);
    let host = hosts.first().cloned();
    let database = first_segment(path);
    let store = |kind| {
        Some(Target::Store {
            kind,
            host: host.clone(),
            database: database.clone(),
        })
    };
    match base {
        "postgres" | "postgresql" | "pgsql" => store(StoreKind::Postgres),
        "mysql" | "mariadb" => store(StoreKind::Mysql),
        "mssql" | "sqlserver" => store(StoreKind::Mssql),
        "mongodb" | "mongo" => store(StoreKind::Mongodb),
        "redis" | "rediss" => store(StoreKind::Redis),
        "memcached" | "memcache" => store(StoreKind::Memcached),
        "sqlite" => Some(Target::Embedded),
        "amqp" | "amqps" => Some(Target::Broker {
            kind: "rabbitmq",
            hosts,
        }),
        "kafka" | "plaintext" | "ssl" | "sasl_plaintext" | "sasl_ssl" => Some(Target::Broker {
            kind: "kafka",
            hosts,
        }),
        "nats" => Some(Target::Broker {
            kind: "nats",
            hosts,
        }),
        "http" | "https" | "grpc" | "grpcs" | "ws" | "wss" | "lb" | "tcp" => {
            host.map(|host| Target::Service { host })
        }
        _ => None,
    }
}

/// Kafka's `bootstrap.servers`: `host:port` pairs separated by commas.
pub(crate) fn bootstrap_servers(value: &str) -> Option<Target> {
    let hosts: Vec<String> = value
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            let part = part.split_once("://").map_or(part, |(_, rest)| rest);
            host_name(part.split(':').next().unwrap_or(part))
        })
        .collect();
    (!hosts.is_empty()).then_some(Target::Broker {
        kind: "kafka",
        hosts,
    })
}

/// The host a plain `host:port` or `host` value names (`balancereader:8080`), or the host of a
/// URL.
pub(crate) fn host_of(value: &str) -> Option<String> {
    let value = value.trim().trim_matches(['"', '\'']);
    if value.contains("://") {
        return match read(value)? {
            Target::Service { host } => Some(host),
            _ => None,
        };
    }
    let host = value.split([':', '/']).next().unwrap_or(value);
    host_name(host)
}

/// `host` when it looks like a host name (letters, digits, `.`, `-`, `_`; not a number).
fn host_name(host: &str) -> Option<String> {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    let numeric = host.chars().all(|c| c.is_ascii_digit() || c == '.');
    (plain && !numeric).then(|| host.to_ascii_lowercase())
}

fn strip_prefix_ignore_case<'v>(value: &'v str, prefix: &str) -> Option<&'v str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| value.get(prefix.len()..))
        .flatten()
}

/// The hosts (user info and ports dropped; a replica set lists several) and the path of what
/// follows `scheme://`. The user info ends at the last `@` before any `?`, `#` or `;`, so a
/// password holding `@` or `/` (written unescaped) never reads as a host or a path; an `@`
/// after them (a password holding `?`, or a query holding `@`) leaves the URL unread, as does
/// a "port" that is not digits (`user:secret` taken for `host:port`): nothing is read rather
/// than a piece of a credential.
fn authority_and_path(rest: &str) -> (Vec<String>, &str) {
    let cut = rest.find(['?', '#', ';']).unwrap_or(rest.len());
    if rest.get(cut..).is_some_and(|tail| tail.contains('@')) {
        return (Vec::new(), "");
    }
    let start = rest
        .get(..cut)
        .and_then(|head| head.rfind('@'))
        .map_or(0, |at| at + 1);
    let rest = rest.get(start..).unwrap_or("");
    let end = rest.find(['/', '?', '#', ';']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    let path = rest.get(end..).unwrap_or("");
    // `user:secret` left over (a password holding `?`, `#` or `;` unescaped) is no `host:port`:
    // a port is digits. Then nothing is read, rather than a credential as a host.
    let port_ok = |host: &str| {
        let port = match host.strip_prefix('[') {
            Some(v6) => v6.split_once(']').map_or("", |(_, rest)| rest),
            None => host.split_once(':').map_or("", |(_, port)| port),
        };
        let written = host.contains(':') && !host.starts_with('[') || port.starts_with(':');
        let port = port.strip_prefix(':').unwrap_or(port);
        !written || (!port.is_empty() && port.chars().all(|c| c.is_ascii_digit()))
    };
    if !authority.split(',').all(port_ok) {
        return (Vec::new(), "");
    }
    let hosts = authority
        .split(',')
        .filter_map(|host| {
            let host = match host.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or(v6),
                None => host.split(':').next().unwrap_or(host),
            };
            host_name(host)
        })
        .collect();
    (hosts, path)
}

/// The first segment of a URL path (`/accounts-db?sslmode=x` → `accounts-db`).
fn first_segment(path: &str) -> Option<String> {
    let path = path.strip_prefix('/')?;
    let segment = path.split(['/', '?', '#', ';']).next().unwrap_or("");
    (!segment.is_empty()).then(|| segment.to_string())
}

/// `jdbc:` URLs: `jdbc:postgresql://h:5432/db`, `jdbc:mysql://h/db?…`,
/// `jdbc:sqlserver://h:1433;databaseName=db;password=…`, `jdbc:oracle:thin:@h:1521/svc`, and
/// the embedded ones (`jdbc:h2:mem:`, `jdbc:hsqldb:`, `jdbc:sqlite:`, `jdbc:derby:`).
fn read_jdbc(rest: &str) -> Option<Target> {
    let (sub, after) = rest.split_once(':')?;
    let sub = sub.to_ascii_lowercase();
    let kind = match sub.as_str() {
        "postgresql" | "postgres" | "pgsql" => StoreKind::Postgres,
        "mysql" | "mariadb" => StoreKind::Mysql,
        "sqlserver" | "jtds" => StoreKind::Mssql,
        "oracle" | "db2" => StoreKind::Other,
        "h2" | "hsqldb" | "sqlite" | "derby" => return Some(Target::Embedded),
        _ => return None,
    };
    if kind == StoreKind::Other {
        // `thin:@host:1521/service` or `thin:@//host:1521/service`.
        let at = after.rsplit('@').next().unwrap_or(after);
        let at = at.trim_start_matches('/');
        let (hosts, path) = authority_and_path(at);
        return Some(Target::Store {
            kind,
            host: hosts.first().cloned(),
            database: first_segment(path),
        });
    }
    // `jdbc:mysql:loadbalance://…` and `jdbc:jtds:sqlserver://…` carry one more word.
    let after = match after.split_once("://") {
        Some((_, url)) => url,
        None => after.trim_start_matches('/'),
    };
    // SQL Server's properties (`;databaseName=…;password=…`) follow the host: read apart.
    let (address, properties) = match kind {
        StoreKind::Mssql => after.split_once(';').unwrap_or((after, "")),
        _ => (after, ""),
    };
    let (hosts, path) = authority_and_path(address);
    let mut database = first_segment(path);
    for property in properties.split(';') {
        if let Some((key, value)) = property.split_once('=') {
            let key = key.trim().to_ascii_lowercase();
            if key == "databasename" || key == "database" {
                database = Some(value.trim().to_string()).filter(|v| !v.is_empty());
            }
        }
    }
    Some(Target::Store {
        kind,
        host: hosts.first().cloned(),
        database,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(kind: StoreKind, host: &str, database: Option<&str>) -> Option<Target> {
        Some(Target::Store {
            kind,
            host: Some(host.to_string()),
            database: database.map(str::to_string),
        })
    }

    #[test]
    fn database_urls_name_kind_host_and_database() {
        let cases = [
            (
                "postgresql://admin:s3cret@accounts-db:5432/accounts-db",
                store(StoreKind::Postgres, "accounts-db", Some("accounts-db")),
            ),
            (
                "postgres://orders-pg/orders?sslmode=disable",
                store(StoreKind::Postgres, "orders-pg", Some("orders")),
            ),
            (
                "jdbc:postgresql://ledger-db:5432/postgresdb",
                store(StoreKind::Postgres, "ledger-db", Some("postgresdb")),
            ),
            (
                "jdbc:mysql://mysql-server:3306/petclinic?useSSL=false&password=x",
                store(StoreKind::Mysql, "mysql-server", Some("petclinic")),
            ),
            (
                "jdbc:sqlserver://Reports.Local:1433;databaseName=Billing;password=p@ss",
                store(StoreKind::Mssql, "reports.local", Some("Billing")),
            ),
            (
                "mysql://shop:pw@db/shop",
                store(StoreKind::Mysql, "db", Some("shop")),
            ),
            (
                "mongodb://u:p@catalog-mongo-0:27017,catalog-mongo-1:27017/catalog?replicaSet=rs0",
                store(StoreKind::Mongodb, "catalog-mongo-0", Some("catalog")),
            ),
            (
                "mongodb+srv://reader:pw@cluster0.example.net/reviews",
                store(StoreKind::Mongodb, "cluster0.example.net", Some("reviews")),
            ),
            (
                "redis://:pw@cache:6379/1",
                store(StoreKind::Redis, "cache", Some("1")),
            ),
            (
                "postgresql+psycopg2://u:p@pg/app",
                store(StoreKind::Postgres, "pg", Some("app")),
            ),
            (
                "jdbc:oracle:thin:@erp-db:1521/ERP",
                store(StoreKind::Other, "erp-db", Some("ERP")),
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(read(url), expected, "{url}");
        }
    }

    #[test]
    fn brokers_services_and_embedded_databases() {
        assert_eq!(
            read("amqp://guest:guest@rabbitmq:5672/"),
            Some(Target::Broker {
                kind: "rabbitmq",
                hosts: vec!["rabbitmq".into()]
            })
        );
        assert_eq!(
            bootstrap_servers("kafka-0:9092, kafka-1:9092"),
            Some(Target::Broker {
                kind: "kafka",
                hosts: vec!["kafka-0".into(), "kafka-1".into()]
            })
        );
        assert_eq!(read("jdbc:hsqldb:mem:petclinic"), Some(Target::Embedded));
        assert_eq!(read("jdbc:h2:mem:testdb"), Some(Target::Embedded));
        assert_eq!(
            read("lb://customers-service"),
            Some(Target::Service {
                host: "customers-service".into()
            })
        );
        assert_eq!(
            read("optional:configserver:http://config-server:8888/"),
            Some(Target::Service {
                host: "config-server".into()
            })
        );
        assert_eq!(
            host_of("balancereader:8080").as_deref(),
            Some("balancereader")
        );
        assert_eq!(
            host_of("http://userservice:8080/login").as_deref(),
            Some("userservice")
        );
        assert_eq!(host_of("10.0.0.1:80"), None);
        assert_eq!(host_of("not a host"), None);
        assert_eq!(read("file:///tmp/x"), None);
        assert_eq!(read("just text"), None);
    }

    #[test]
    fn nothing_returned_holds_user_or_password() {
        let urls = [
            "postgresql://accounts-admin:hunter2@accounts-db:5432/accounts-db?password=hunter2",
            "postgres://accounts-admin:hun/ter2@accounts-db/accounts-db",
            "mysql://accounts-admin:hun@ter2@accounts-db/accounts-db",
            "jdbc:sqlserver://accounts-db:1433;user=accounts-admin;password=hun@ter2",
            "jdbc:postgresql://accounts-db/accounts-db?user=accounts-admin&password=hunter2",
            "redis://accounts-admin:hunter2@accounts-db:6379/0",
        ];
        for url in urls {
            let shown = format!("{:?}", read(url));
            assert!(shown.contains("accounts-db"), "{url}: {shown}");
            for secret in ["hunter2", "hun", "ter2", "accounts-admin"] {
                assert!(!shown.contains(secret), "{url}: {shown}");
            }
        }
    }

    proptest::proptest! {
        /// Whatever the user and password hold (`@`, `/`, `:`, `;`, `?` unescaped), what is
        /// read is the host and database, or nothing: never a credential or a piece of one.
        #[test]
        fn credentials_never_come_back(
            user in "[a-zA-Z0-9@/:;?#._-]{1,12}",
            password in "[a-zA-Z0-9@/:;?#._-]{1,12}",
            scheme in 0usize..5,
        ) {
            let (url, database) = match scheme {
                0 => (format!("postgresql://{user}:{password}@orders-db:5432/orders"), Some("orders")),
                1 => (format!("mysql://{user}:{password}@orders-db/orders"), Some("orders")),
                2 => (format!("mongodb+srv://{user}:{password}@orders-db/orders"), Some("orders")),
                3 => (format!("redis://{user}:{password}@orders-db:6379/2"), Some("2")),
                _ => (format!("amqp://{user}:{password}@orders-db:5672/"), None),
            };
            let hosts_ok = |hosts: &[String]| hosts.iter().all(|h| h == "orders-db");
            match read(&url) {
                Some(Target::Store { host, database: read_database, .. }) => {
                    proptest::prop_assert!(hosts_ok(host.as_slice()), "{} {:?}", url, host);
                    proptest::prop_assert!(
                        read_database.is_none() || read_database.as_deref() == database,
                        "{} {:?}", url, read_database
                    );
                }
                Some(Target::Broker { hosts, .. }) => {
                    proptest::prop_assert!(hosts_ok(&hosts), "{} {:?}", url, hosts);
                }
                other => proptest::prop_assert!(other.is_none(), "{} {:?}", url, other),
            }
        }
    }
}
