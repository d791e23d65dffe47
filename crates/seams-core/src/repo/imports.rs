//! Whole imports on small repositories written for Seams: what the services file says, that it
//! reads back with no diagnostic, that no secret reaches it, and that any text in any file name
//! is read without a panic.

use super::*;
use crate::model::{Dialect, StoreKind};
use crate::services::parse_services;
use proptest::prelude::*;

/// A shop run by compose: PostgreSQL with init scripts mounted, Redis on database 1, Kafka,
/// MongoDB, a service with Flyway migrations, an env_file and a `.env` beside the compose file.
const SHOP: &[(&str, &str)] = &[
    (
        "deploy/docker-compose.yml",
        r#"services:
  orders:
    build: ../orders
    env_file: [orders.env]
    environment:
      DATABASE_URL: postgres://orders:${ORDERS_PW}@orders-db:5432/orders
      CATALOG_URL: http://catalog:8080/api
      KAFKA_BOOTSTRAP_SERVERS: kafka:9092
    depends_on: [orders-db, kafka]
  catalog:
    build: ../catalog
    environment:
      - MONGO_URL=mongodb://catalog:${CATALOG_PW}@catalog-mongo:27017/catalog?authSource=admin
      - SESSION_STORE=redis://:${REDIS_PW}@cache:6379/1
  web:
    image: registry.example/shop/web:2
    environment:
      ORDERS_API_ADDR: orders:8080
      CATALOG_HOST: catalog
      PAYMENTS_URL: https://payments.example.com/v1
    depends_on: [orders, catalog]
  orders-db:
    image: postgres:16
    environment:
      POSTGRES_DB: orders
      POSTGRES_PASSWORD: ${ORDERS_PW}
    volumes:
      - ./initdb:/docker-entrypoint-initdb.d
  catalog-mongo:
    image: mongo:7
  cache:
    image: redis:7-alpine
  kafka:
    image: bitnami/kafka:3.7
  report:
    image: postgres:16
    command: psql
"#,
    ),
    ("deploy/.env", "ORDERS_PW=shop-orders-secret\nCATALOG_PW=shop-catalog-secret\nREDIS_PW=shop-redis-secret\n"),
    ("deploy/orders.env", "AUDIT_DB_URL=mysql://auditor:shop-audit-secret@audit-db/audit\n"),
    ("deploy/initdb/01-orders.sql", "CREATE TABLE orders (id int primary key);\n"),
    ("orders/src/main/resources/db/migration/V1__lines.sql", "CREATE TABLE order_lines (id int);\n"),
    ("orders/src/main/resources/db/migration/notes.sql", "-- not a migration\n"),
    ("catalog/src/main/resources/db/migration/V1__x.sql", "CREATE TABLE x (id int);\n"),
];

/// The secrets written in the fixtures above.
const SHOP_SECRETS: [&str; 4] = [
    "shop-orders-secret",
    "shop-catalog-secret",
    "shop-redis-secret",
    "shop-audit-secret",
];

fn import_of(files: &[(&str, &str)], profile: Option<&str>) -> Import {
    let files: Vec<File<'_>> = files
        .iter()
        .map(|(path, text)| File { path, text })
        .collect();
    import(
        &files,
        &Options {
            profile: profile.map(str::to_string),
        },
    )
}

/// Each service's databases and calls as the services reader reads the derived file back, and
/// its stores as (name, kind, host); fails on any diagnostic.
#[allow(clippy::type_complexity)]
fn read_back(
    text: &str,
) -> (
    Vec<(String, Vec<String>, Vec<String>)>,
    Vec<(String, Option<StoreKind>, Option<String>)>,
) {
    let file = parse_services(text, Dialect::Postgres);
    assert!(
        file.diagnostics.is_empty(),
        "{:?}\n{text}",
        file.diagnostics
    );
    let services = file
        .services
        .iter()
        .map(|s| {
            let databases = s
                .databases
                .iter()
                .flatten()
                .map(|d| d.name.clone())
                .collect();
            let calls = s.calls.iter().map(|c| c.service.clone()).collect();
            (s.name.clone(), databases, calls)
        })
        .collect();
    let stores = file
        .stores
        .iter()
        .map(|s| (s.name.name.clone(), s.kind, s.host.clone()))
        .collect();
    (services, stores)
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_compose_shop_becomes_services_stores_and_calls() {
    let import = import_of(SHOP, None);
    let (services, stores) = read_back(&import.services);
    let host = |h: &str| Some(h.to_string());
    assert_eq!(
        stores,
        [
            (
                "audit".to_string(),
                Some(StoreKind::Mysql),
                host("audit-db")
            ),
            ("cache-1".to_string(), Some(StoreKind::Redis), host("cache")),
            (
                "catalog".to_string(),
                Some(StoreKind::Mongodb),
                host("catalog-mongo")
            ),
            (
                "orders".to_string(),
                Some(StoreKind::Postgres),
                host("orders-db")
            ),
            // `report` runs the postgres image as a client and nothing says so: a store no
            // service uses (an info diagnostic once ingested).
            (
                "report".to_string(),
                Some(StoreKind::Postgres),
                host("report")
            ),
        ]
    );
    let service = |name: &str, databases: &[&str], calls: &[&str]| {
        (name.to_string(), strings(databases), strings(calls))
    };
    assert_eq!(
        services,
        [
            service("orders", &["audit", "orders"], &["catalog"]),
            service("catalog", &["cache-1", "catalog"], &[]),
            service("web", &[], &["catalog", "orders"]),
        ]
    );
    assert!(import.services.contains("    # uses the kafka broker at kafka  # from deploy/docker-compose.yml:8, deploy/docker-compose.yml:9"));
}

#[test]
fn sql_is_bound_to_the_database_that_runs_it() {
    let import = import_of(SHOP, None);
    let bound: Vec<(Option<&str>, &str)> = import
        .schema
        .iter()
        .map(|f| (f.database.as_deref(), f.path.as_str()))
        .collect();
    assert_eq!(
        bound,
        [
            // catalog connects to no SQL database: its migration goes to the main one.
            (None, "catalog/src/main/resources/db/migration/V1__x.sql"),
            // orders connects to two SQL databases and its migration does not say which
            // one it is for: its tables go to the main database, with the reason.
            (None, "orders/src/main/resources/db/migration/V1__lines.sql"),
            (Some("orders"), "deploy/initdb/01-orders.sql"),
        ],
    );
    assert!(import.schema[1]
        .reason
        .ends_with("which connects to several databases"));
    assert!(import.schema[2]
        .reason
        .contains("put into docker-entrypoint-initdb.d at deploy/docker-compose.yml:"));
}

#[test]
fn the_schema_text_puts_each_file_in_its_database() {
    let import = import_of(SHOP, None);
    let files: Vec<File<'_>> = SHOP
        .iter()
        .map(|(path, text)| File { path, text })
        .collect();
    assert_eq!(
        import.schema_text(&files),
        "CREATE TABLE x (id int);\nCREATE TABLE order_lines (id int);\n\
         -- database: orders\nCREATE TABLE orders (id int primary key);\n"
    );
    // The whole import reads as the page and the CLI read it: tables land in their databases.
    let architecture = crate::ingest(crate::Inputs {
        schema: &import.schema_text(&files),
        services: &import.services,
        models: "",
        dialect: None,
        sources: None,
    });
    let holder = |name: &str| {
        let suffix = format!(".{name}");
        architecture
            .databases
            .iter()
            .find(|d| d.tables.iter().any(|t| t.ends_with(&suffix)))
            .map(|d| d.id.clone())
    };
    assert_eq!(holder("orders").as_deref(), Some("db:orders-db/orders"));
}

#[test]
fn no_secret_reaches_the_services_file() {
    let text = import_of(SHOP, None).services;
    for secret in SHOP_SECRETS {
        assert!(!text.contains(secret), "{secret}");
    }
    assert!(!text.contains("auditor"), "a user name");
}

/// Kubernetes with the database URL in a Secret (base64), and a config server's repository.
const CLUSTER: &[(&str, &str)] = &[
    (
        "k8s/app.yaml",
        r#"apiVersion: v1
kind: Secret
metadata: {name: billing-db}
data:
  # postgresql://billing_app:k8s-secret-pw@billing-pg:5432/billing
  url: cG9zdGdyZXNxbDovL2JpbGxpbmdfYXBwOms4cy1zZWNyZXQtcHdAYmlsbGluZy1wZzo1NDMyL2JpbGxpbmc=
stringData:
  token: k8s-plain-token
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: billing}
spec:
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
        - image: registry.example/billing:1
          env:
            - name: DB_URL
              valueFrom: {secretKeyRef: {name: billing-db, key: url}}
            - name: TOKEN
              valueFrom: {secretKeyRef: {name: billing-db, key: token}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: billing-pg}
spec:
  template:
    spec:
      containers:
        - image: postgres:15
---
apiVersion: v1
kind: Service
metadata: {name: billing-api}
spec:
  selector: {app: billing}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - image: postgres:15
              env:
                - {name: BILLING_URL, value: "http://billing-api/invoices"}
"#,
    ),
    (
        "config-repo/application.yml",
        "spring:\n  datasource:\n    url: jdbc:mysql://clinic-db:3306/clinic\n",
    ),
    (
        "config-repo/visits.yml",
        "eureka:\n  client:\n    serviceUrl:\n      defaultZone: http://registry:8761/eureka/\n",
    ),
    (
        "visits/src/main/resources/application.yml",
        "spring:\n  application:\n    name: visits\n",
    ),
    (
        "visits/pom.xml",
        "<artifactId>spring-boot-starter-data-jpa</artifactId>\n",
    ),
    (
        "gateway/src/main/resources/application.yml",
        "spring:\n  application:\n    name: gateway\n",
    ),
    (
        "gateway/pom.xml",
        "<artifactId>spring-cloud-starter-gateway</artifactId>\n",
    ),
    (
        "registry/src/main/resources/application.yml",
        "spring:\n  application:\n    name: registry\n",
    ),
];

#[test]
fn secrets_config_servers_and_build_files() {
    let import = import_of(CLUSTER, None);
    let text = &import.services;
    assert!(!text.contains("k8s-secret-pw") && !text.contains("k8s-plain-token"));
    assert!(!text.contains("billing_app"));
    let (services, stores) = read_back(text);
    let names: Vec<&str> = stores.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["billing", "clinic"]);
    let find = |name: &str| services.iter().find(|s| s.0 == name).cloned();
    assert_eq!(find("billing").map(|s| s.1), Some(strings(&["billing"])));
    // The shared datasource reaches visits (JPA in its pom) but not the gateway.
    assert_eq!(
        find("visits").map(|s| (s.1, s.2)),
        Some((strings(&["clinic"]), strings(&["registry"])))
    );
    assert_eq!(find("gateway").map(|s| s.1), Some(vec![]));
    // A CronJob running the postgres image is a client, and it calls billing by its Service.
    assert_eq!(find("nightly").map(|s| s.2), Some(strings(&["billing"])));
    // The config repository's application.yml is no application of its own.
    assert!(find("config-repo").is_none(), "{text}");
}

#[test]
fn spring_store_properties_in_parts_and_relaxed_environment_names() {
    let files: &[(&str, &str)] = &[
        (
            "reviews/src/main/resources/application.yml",
            "spring:\n  application:\n    name: reviews\n  data:\n    mongodb:\n      host: localhost\n      database: reviews\n    redis:\n      host: cache\n      database: 3\n  rabbitmq:\n    host: rabbit\n  kafka:\n    bootstrap-servers: kafka-0:9092,kafka-1:9092\n",
        ),
        (
            "docker-compose.yml",
            "services:\n  reviews:\n    build: ./reviews\n    environment:\n      SPRING_DATA_MONGODB_HOST: reviews-mongo\n  reviews-mongo:\n    image: mongo:7\n  cache:\n    image: redis:7\n",
        ),
    ];
    let import = import_of(files, None);
    let (services, stores) = read_back(&import.services);
    let host = |h: &str| Some(h.to_string());
    assert_eq!(
        stores,
        [
            ("cache-3".to_string(), Some(StoreKind::Redis), host("cache")),
            // The environment's relaxed name overrides the file's localhost.
            (
                "reviews".to_string(),
                Some(StoreKind::Mongodb),
                host("reviews-mongo")
            ),
        ]
    );
    assert_eq!(services.len(), 1, "{services:?}");
    assert!(import
        .services
        .contains("    # uses the rabbitmq broker at rabbit  # from reviews/src/main/resources/application.yml:12"));
    assert!(import
        .services
        .contains("    # uses the kafka broker at kafka-0"));
    assert!(import
        .services
        .contains("    # uses the kafka broker at kafka-1"));
}

#[test]
fn nothing_to_read_is_an_empty_services_file() {
    let import = import_of(&[("README.md", "# hello")], None);
    let (services, stores) = read_back(&import.services);
    assert!(services.is_empty() && stores.is_empty() && import.schema.is_empty());
}

proptest! {
    #[test]
    fn any_text_in_any_reader_never_panics(
        text in any::<String>(),
        which in 0usize..6,
    ) {
        let path = [
            "docker-compose.yml",
            "k8s/a.yaml",
            "svc/src/main/resources/application.yml",
            "svc/src/main/resources/application.properties",
            "svc/.env",
            "db/V1__x.sql",
        ][which];
        let first = import_of(&[(path, &text)], None);
        prop_assert_eq!(first, import_of(&[(path, &text)], None));
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[a-zA-Z:${}\\-_ \n/@.=0-9\\[\\],]{0,300}") {
        let with_kind = format!("apiVersion: v1\nkind: ConfigMap\n{text}");
        let _ = import_of(&[("docker-compose.yml", &text), ("k8s/x.yaml", &with_kind)], None);
    }
}

/// A ledger in the shape of Bank of Anthos, written for Seams: two Java services with their
/// own copy of one JPA entity (one saves it through a Spring Data repository, one only reads),
/// a Python service with a SQLAlchemy Core table it inserts into, each built from its folder.
const LEDGER: &[(&str, &str)] = &[
    (
        "docker-compose.yml",
        "services:\n  writer:\n    build: services/writer\n    environment:\n      DB_URL: jdbc:postgresql://ledger-db:5432/ledger\n  reader:\n    build: services/reader\n    environment:\n      DB_URL: jdbc:postgresql://ledger-db:5432/ledger\n  people:\n    build: services/people\n    environment:\n      DB_URI: postgresql://people-db:5432/people\n  ledger-db:\n    image: postgres:16\n  people-db:\n    image: postgres:16\n",
    ),
    (
        "services/writer/src/main/java/ledger/Entry.java",
        "package ledger;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = \"entries\")\npublic class Entry {\n  @Id\n  private Long id;\n  private long amountCents;\n}\n",
    ),
    (
        "services/writer/src/main/java/ledger/EntryRepository.java",
        "package ledger;\n\npublic interface EntryRepository extends JpaRepository<Entry, Long> {}\n",
    ),
    (
        "services/writer/src/main/java/ledger/Booking.java",
        "package ledger;\n\nclass Booking {\n  private final EntryRepository entries;\n  void book(Entry e) {\n    entries.save(e);\n  }\n}\n",
    ),
    (
        "services/writer/src/test/java/ledger/Entry.java",
        "@Entity\n@Table(name = \"test_entries\")\npublic class Entry { @Id private Long id; }\n",
    ),
    (
        "services/reader/src/main/java/ledger/Entry.java",
        "package ledger;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = \"entries\")\npublic class Entry {\n  @Id\n  private Long id;\n}\n",
    ),
    (
        "services/people/db.py",
        "from sqlalchemy import Table, Column, String, MetaData\n\nclass PeopleDb:\n    def __init__(self, engine):\n        self.people_table = Table(\n            'people',\n            MetaData(engine),\n            Column('login', String, primary_key=True),\n        )\n\n    def add(self, person):\n        return self.people_table.insert().values(person)\n",
    ),
];

#[test]
fn models_go_to_the_service_whose_folder_holds_them_with_their_reads_and_writes() {
    let import = import_of(LEDGER, None);
    assert_eq!(
        import.models,
        [
            "services/people/db.py",
            "services/reader/src/main/java/ledger/Entry.java",
            "services/writer/src/main/java/ledger/Entry.java",
        ]
    );
    let file = parse_services(&import.services, Dialect::Postgres);
    assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
    /// A service's name, models, reads and writes as read back.
    type Facts = (String, Vec<String>, Vec<String>, Vec<String>);
    let facts: Vec<Facts> = file
        .services
        .iter()
        .map(|s| {
            let names = |list: &[crate::services::NameRef]| {
                list.iter().map(|n| n.name.clone()).collect::<Vec<_>>()
            };
            (
                s.name.clone(),
                names(&s.models),
                names(&s.reads),
                names(&s.writes),
            )
        })
        .collect();
    assert_eq!(
        facts,
        [
            (
                "writer".to_string(),
                strings(&["services/writer/src/main/java/ledger/Entry.java"]),
                strings(&["entries"]),
                strings(&["entries"])
            ),
            (
                "reader".to_string(),
                strings(&["services/reader/src/main/java/ledger/Entry.java"]),
                strings(&["entries"]),
                vec![]
            ),
            (
                "people".to_string(),
                strings(&["services/people/db.py"]),
                strings(&["people"]),
                strings(&["people"])
            ),
        ]
    );
    // Each fact says where it was read.
    for line in [
        "      - services/writer/src/main/java/ledger/Entry.java  # from services/writer/src/main/java/ledger/Entry.java:7",
        "      - entries  # from services/writer/src/main/java/ledger/Booking.java:6",
        "      - people  # from services/people/db.py:12",
        "    # writes: none found in its code (read only where plain: repository saves, inserts, SQL strings)",
    ] {
        assert!(import.services.contains(line), "{line}\n{}", import.services);
    }
}

/// The reader of [`LEDGER`] with a Spring Data repository holding a native query and JPQL,
/// and a Go service with SQL in back-quotes and one query built at run time.
const LEDGER_SQL: &[(&str, &str)] = &[
    (
        "services/reader/src/main/java/ledger/EntryRepository.java",
        "package ledger;\n\npublic interface EntryRepository extends CrudRepository<Entry, Long> {\n  @Query(value = \"SELECT SUM(amount_cents) FROM entries \"\n      + \"WHERE account = ?1\", nativeQuery = true)\n  Long balance(String account);\n\n  @Query(\"SELECT e FROM Entry e WHERE e.id > ?1 ORDER BY e.id\")\n  List<Entry> since(long id);\n\n  @Query(\"SELECT a FROM Audit a\")\n  List<Audit> audits();\n}\n",
    ),
    (
        "docker-compose.override.yml",
        "services:\n  fees:\n    build: services/fees\n    environment:\n      DB_URL: postgres://ledger-db:5432/ledger\n",
    ),
    (
        "services/fees/store.go",
        "package fees\n\nfunc Charge(ctx context.Context, db *sql.DB, id int64) error {\n\t_, err := db.ExecContext(ctx, `\n\t\tINSERT INTO fees (entry_id, cents)\n\t\tSELECT id, 25 FROM entries WHERE id = $1`, id)\n\treturn err\n}\n\nfunc Sum(db *sql.DB, table string) {\n\tdb.QueryRow(\"SELECT sum(cents) FROM \" + table)\n}\n",
    ),
];

#[test]
fn sql_strings_in_code_become_queries_with_their_reads_and_writes() {
    let files: Vec<(&str, &str)> = LEDGER.iter().chain(LEDGER_SQL).copied().collect();
    let import = import_of(&files, None);
    let file = parse_services(&import.services, Dialect::Postgres);
    assert!(
        file.diagnostics.is_empty(),
        "{:?}\n{}",
        file.diagnostics,
        import.services
    );
    // Each service's queries as read back: (reads, writes) per query.
    let queries = |name: &str| -> Vec<(Vec<String>, Vec<String>)> {
        file.services
            .iter()
            .filter(|s| s.name == name)
            .flat_map(|s| &s.queries)
            .map(|q| {
                let names = |list: &[crate::services::NameRef]| {
                    list.iter().map(|n| n.name.clone()).collect::<Vec<_>>()
                };
                (names(&q.reads), names(&q.writes))
            })
            .collect()
    };
    assert_eq!(
        queries("reader"),
        [
            (strings(&["entries"]), vec![]),
            (strings(&["entries"]), vec![]),
        ]
    );
    assert_eq!(
        queries("fees"),
        [(strings(&["entries"]), strings(&["fees"]))]
    );
    for line in [
        "    queries:  # SQL strings in its code (JPQL with its entities' tables and columns)",
        "      - \"SELECT SUM(amount_cents) FROM entries WHERE account = ?1\"  # from services/reader/src/main/java/ledger/EntryRepository.java:4",
        "      - \"SELECT e.* FROM entries e WHERE e.id > ?1 ORDER BY e.id\"  # from services/reader/src/main/java/ledger/EntryRepository.java:8",
        "    # could not read the SQL at services/reader/src/main/java/ledger/EntryRepository.java:11: the JPQL names Audit, which no entity of this service maps to a table",
        "      - |-  # from services/fees/store.go:4",
        "        SELECT id, 25 FROM entries WHERE id = $1",
        "    # could not read the SQL at services/fees/store.go:11: it is built at run time (joined with a value)",
    ] {
        assert!(import.services.contains(line), "{line}\n{}", import.services);
    }
    assert!(import.problems.contains(
        &"services/fees/store.go:11: could not read the SQL: it is built at run time (joined with a value)".to_string()
    ), "{:?}", import.problems);
}
