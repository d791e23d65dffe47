//! The services file: YAML (or JSON) describing services, what they read, write, own, call,
//! publish and subscribe to, and which database they connect to (`docs/services-file.md`, `version: 1`).
//!
//! Names here are as written (trimmed); resolving them against the schema is the
//! [`crate::ingest`](mod@crate::ingest) module's job. Start at [`parse_services`].

mod queries;
pub(crate) use queries::named_words;
pub(crate) use queries::table_shape;
#[cfg(test)]
pub(crate) use queries::tests::{assert_agrees_with_oracle, view_bodies};
pub(crate) use queries::MAX_QUERY_BYTES;
mod reader;
pub(crate) mod yaml;

use crate::diagnostic::Diagnostic;
use crate::model::{Dialect, StoreKind};
use crate::order;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A name written in the services file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NameRef {
    /// The name as written (trimmed), e.g. `users`, `public.users`, `sqs:user-updates`.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A call from one service to another (`calls: [app-b]` or `calls: [{app-b: GET /users/{id}}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRef {
    /// The called service's name as written.
    pub service: String,
    /// The endpoint, if given (`GET /users/{id}`).
    pub endpoint: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// The database instance a service connects to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseRef {
    /// Database name.
    pub name: String,
    /// Host, when given (`database: {name: main, host: db1}` or `database: db1/main`).
    pub host: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// One SQL statement a service runs, with the tables it reads and writes (inferred by the
/// token reader in `queries.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryDecl {
    /// The SQL as written.
    pub sql: String,
    /// Relations read (FROM, JOIN, subqueries, CTE sources, set operations, USING sources).
    pub reads: Vec<NameRef>,
    /// Relations written (INSERT/UPDATE/DELETE/MERGE targets).
    pub writes: Vec<NameRef>,
    /// True when every statement of the query is an INSERT (`sql::query::inserts_only`).
    #[serde(default)]
    pub inserts_only: bool,
    /// How it reads (filters, aggregates, order, limit), its columns not yet matched with the
    /// tables; `ingest` gives each table read the part that concerns it.
    #[serde(skip)]
    pub(crate) shape: crate::sql::query::Shape,
    /// Where the query was written.
    pub span: Span,
}

/// One service as declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDecl {
    /// The service's name (the key under `services:`).
    pub name: String,
    /// Where the name was written.
    pub span: Span,
    /// One-line description.
    pub summary: Option<String>,
    /// Tables read, as declared in `reads` (query-derived reads are in `queries`).
    pub reads: Vec<NameRef>,
    /// Tables written, as declared in `writes`.
    pub writes: Vec<NameRef>,
    /// Tables declared owned by this service (`owns`).
    pub owns: Vec<NameRef>,
    /// Services (and endpoints) called.
    pub calls: Vec<CallRef>,
    /// Topics published.
    pub publishes: Vec<NameRef>,
    /// Topics subscribed to.
    pub subscribes: Vec<NameRef>,
    /// Queues consumed (`sqs:user-updates`); treated as subscriptions.
    pub consumes: Vec<NameRef>,
    /// The databases it connects to (`database:` or `databases:`, one or a list). None when
    /// the service does not say (it then connects to the stores of the tables it touches);
    /// an empty list for `database: none`.
    pub databases: Option<Vec<DatabaseRef>>,
    /// SQL statements it runs.
    pub queries: Vec<QueryDecl>,
    /// Its ORM model files (`models:`), as paths or globs (`src/ledger/ledgerwriter/**`): a
    /// model file they match belongs to this service, whatever its path says.
    pub models: Vec<NameRef>,
    /// The service this one is a deployable of (`part_of: ledger-api`): an API and its
    /// background worker form one owner.
    #[serde(default)]
    pub part_of: Option<NameRef>,
}

/// A top-level `ownership:` entry: `table: service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnershipDecl {
    /// The table as written.
    pub table: NameRef,
    /// The owning service as written.
    pub service: NameRef,
}

/// A store declared in the top-level `databases:` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreDecl {
    /// The store's name (the key), with where it was written.
    pub name: NameRef,
    /// Host (server) it runs on, when given.
    pub host: Option<String>,
    /// Its kind (None when not given).
    pub kind: Option<StoreKind>,
    /// The service declared to own the whole store.
    pub owner: Option<NameRef>,
    /// A document store's collections, or a key-value store's key patterns (`keys:`), or an
    /// SQL store's `tables:` named without DDL.
    pub relations: Vec<NameRef>,
}

/// A top-level `accept:` entry: the findings of `rule` naming every one of `elements` are
/// accepted, for `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptDecl {
    /// The rule's name as written (`call-cycle`).
    pub rule: NameRef,
    /// The elements as written: service, table, view or topic names, or ids (`table:users`).
    pub elements: Vec<NameRef>,
    /// Why the finding is accepted.
    pub reason: String,
    /// Where the entry was written.
    pub span: Span,
}

/// Everything read from a services file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesFile {
    /// Services in file order.
    pub services: Vec<ServiceDecl>,
    /// Stores declared in the top-level `databases:` section, in file order.
    pub stores: Vec<StoreDecl>,
    /// Top-level ownership declarations in file order.
    pub ownership: Vec<OwnershipDecl>,
    /// Accepted findings (`accept:`) in file order.
    pub accept: Vec<AcceptDecl>,
    /// Columns marked `sensitive:` (`table.column`, the table qualified as elsewhere), in file
    /// order: never copied into read models, event payloads or API schemas.
    #[serde(default)]
    pub sensitive: Vec<NameRef>,
    /// Diagnostics (syntax errors, unknown keys, wrong shapes, bad queries).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a services file (YAML or JSON). Never fails: problems are diagnostics.
/// `dialect` is the schema's dialect, used to parse `queries`.
/// Empty text (or only comments) is an empty file with no diagnostics: nothing pasted yet.
pub fn parse_services(text: &str, dialect: Dialect) -> ServicesFile {
    let document = yaml::read(text);
    let mut file = ServicesFile {
        diagnostics: document.diagnostics,
        ..ServicesFile::default()
    };
    if let Some(root) = &document.root {
        reader::read_file(root, dialect, &mut file);
    }
    order::sort_by(&mut file.diagnostics, |a, b| {
        (a.span, a.severity, &a.message).cmp(&(b.span, b.severity, &b.message))
    });
    file.diagnostics.dedup();
    file
}

/// Where a fact written on `line` (1-based) of a services file was read from, when the file
/// was derived from a repository (`seams import`, "Open folder"): the `# from path:line, …`
/// comment that ends the line, without the `# from `. None for a line written by hand.
pub fn derived_from(text: &str, line: u32) -> Option<&str> {
    let written = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let (_, from) = written.rsplit_once("# from ")?;
    let from = from.trim();
    (!from.is_empty()).then_some(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pane;
    use proptest::prelude::*;

    #[test]
    fn derived_from_reads_the_comment_that_ends_a_line() {
        let text = "services:\n  ledger:  # from k8s/ledger.yaml:4\n    reads:\n      - users  # from a.py:3, b.py:9\n";
        assert_eq!(derived_from(text, 2), Some("k8s/ledger.yaml:4"));
        assert_eq!(derived_from(text, 4), Some("a.py:3, b.py:9"));
        assert_eq!(derived_from(text, 3), None, "a line written by hand");
        assert_eq!(derived_from(text, 0), None);
        assert_eq!(derived_from(text, 99), None);
        assert_eq!(derived_from("  x:  # from   \n", 1), None);
    }

    fn at(span: Span) -> String {
        format!("{}:{}", span.line, span.column)
    }

    fn names(refs: &[NameRef]) -> String {
        refs.iter()
            .map(|r| format!("{}@{}", r.name, at(r.span)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Renders everything read, one fact per line, with positions, then the diagnostics.
    fn render(file: &ServicesFile) -> String {
        let mut out = Vec::new();
        for s in &file.services {
            out.push(format!("service {}@{}", s.name, at(s.span)));
            if let Some(summary) = &s.summary {
                out.push(format!("  summary: {summary}"));
            }
            for (key, refs) in [
                ("reads", &s.reads),
                ("writes", &s.writes),
                ("owns", &s.owns),
                ("publishes", &s.publishes),
                ("subscribes", &s.subscribes),
                ("consumes", &s.consumes),
            ] {
                if !refs.is_empty() {
                    out.push(format!("  {key}: {}", names(refs)));
                }
            }
            for c in &s.calls {
                let endpoint = c.endpoint.as_deref().unwrap_or("-");
                out.push(format!("  calls: {}@{} {endpoint}", c.service, at(c.span)));
            }
            for db in s.databases.iter().flatten() {
                let host = db.host.as_deref().unwrap_or("-");
                out.push(format!("  database: {} on {host}@{}", db.name, at(db.span)));
            }
            if s.databases.as_ref().is_some_and(Vec::is_empty) {
                out.push("  database: none".to_string());
            }
            for q in &s.queries {
                out.push(format!(
                    "  query@{}: reads [{}] writes [{}]",
                    at(q.span),
                    names(&q.reads),
                    names(&q.writes)
                ));
            }
        }
        for o in &file.ownership {
            out.push(format!(
                "ownership: {}@{} -> {}@{}",
                o.table.name,
                at(o.table.span),
                o.service.name,
                at(o.service.span)
            ));
        }
        for d in &file.diagnostics {
            out.push(d.to_string());
        }
        out.join("\n")
    }

    fn check(text: &str, expected: &str) {
        let file = parse_services(text, Dialect::Postgres);
        assert_eq!(render(&file), expected.trim(), "for:\n{text}");
    }

    const PRODUCT_EXAMPLE: &str = "\
version: 1
services:
  app-a:
    summary: Exposes API endpoints to serve data to users
    reads: [users]
  app-b:
    summary: Processes SQS messages and updates the database
    reads: [users, messages]
    writes: [users, messages]
    consumes: [sqs:user-updates]
ownership:            # optional; inferred where absent
  users: app-b
  messages: app-b
";

    #[test]
    fn the_product_example_reads_exactly() {
        check(
            PRODUCT_EXAMPLE,
            "
service app-a@3:3
  summary: Exposes API endpoints to serve data to users
  reads: users@5:13
service app-b@6:3
  summary: Processes SQS messages and updates the database
  reads: users@8:13, messages@8:20
  writes: users@9:14, messages@9:21
  consumes: sqs:user-updates@10:16
ownership: users@12:3 -> app-b@12:10
ownership: messages@13:3 -> app-b@13:13
",
        );
    }

    #[test]
    fn json_reads_like_yaml() {
        let json = r#"{
  "version": 1,
  "services": {
    "app-a": {"summary": "Exposes API endpoints to serve data to users", "reads": ["users"]},
    "app-b": {
      "summary": "Processes SQS messages and updates the database",
      "reads": ["users", "messages"],
      "writes": ["users", "messages"],
      "consumes": ["sqs:user-updates"]
    }
  },
  "ownership": {"users": "app-b", "messages": "app-b"}
}"#;
        let from_json = parse_services(json, Dialect::Postgres);
        let from_yaml = parse_services(PRODUCT_EXAMPLE, Dialect::Postgres);
        let strip = |file: &ServicesFile| {
            let mut text = render(file);
            // Positions differ between the two texts; everything else must not.
            text.retain(|c| !c.is_ascii_digit() && c != '@' && c != ':');
            text
        };
        assert!(
            from_json.diagnostics.is_empty(),
            "{:?}",
            from_json.diagnostics
        );
        assert_eq!(from_json.services.len(), 2);
        assert_eq!(strip(&from_json), strip(&from_yaml));
        assert_eq!(from_json.services[0].span, Span::new(Pane::Services, 4, 5));
    }

    #[test]
    fn every_service_key() {
        check(
            "\
version: 1
services:
  orders:
    summary: Takes orders
    reads: users
    writes: [orders]
    owns: [orders, order_items]
    calls:
      - billing
      - users-api: GET /users/{id}
      - stock: [GET /stock, POST /reservations]
    publishes: [order-placed]
    subscribes: payment-done
    consumes: [sqs:returns]
    database: db1/shop
    queries:
      - SELECT * FROM users WHERE id = $1
      - |
        UPDATE orders SET paid = true
        FROM payments p WHERE p.order_id = orders.id
  billing:
    calls: {orders: GET /orders, users-api: null}
    database: {name: billing, host: db2}
  users-api:
    database: main
",
            "
service orders@3:3
  summary: Takes orders
  reads: users@5:12
  writes: orders@6:14
  owns: orders@7:12, order_items@7:20
  publishes: order-placed@12:17
  subscribes: payment-done@13:17
  consumes: sqs:returns@14:16
  calls: billing@9:9 -
  calls: users-api@10:9 GET /users/{id}
  calls: stock@11:9 GET /stock
  calls: stock@11:9 POST /reservations
  database: shop on db1@15:15
  query@17:9: reads [users@17:9] writes []
  query@19:9: reads [payments@19:9] writes [orders@19:9]
service billing@21:3
  calls: orders@22:13 GET /orders
  calls: users-api@22:34 -
  database: billing on db2@23:15
service users-api@24:3
  database: main on -@25:15
",
        );
    }

    #[test]
    fn version_problems() {
        check(
            "services:\n  a:\n",
            "
service a@2:3
services:1:1: warning: no `version`: read as version 1 (add `version: 1` at the top)
",
        );
        check(
            "version: 2\nservices:\n  a:\n",
            "
service a@3:3
services:1:10: error: unsupported version `2`: Seams reads version 1; read as version 1
",
        );
        check("version: \"1\"\nservices: {}\n", "");
    }

    #[test]
    fn empty_text_is_an_empty_file() {
        check("", "");
        check("# nothing yet\n", "");
    }

    #[test]
    fn unknown_keys_at_every_level_suggest_the_near_one() {
        check(
            "\
version: 1
servics:
  a: {}
services:
  a:
    raeds: [users]
    database: {name: main, hots: db1}
",
            "
service a@5:3
  database: main on -@7:15
services:2:1: warning: unknown key `servics` at the top level (did you mean `services`?); it is ignored
services:6:5: warning: unknown key `raeds` in service `a` (did you mean `reads`?); it is ignored
services:7:28: warning: unknown key `hots` in `database` (did you mean `host`?); it is ignored
",
        );
    }

    #[test]
    fn wrong_shapes_are_errors_at_the_value() {
        check(
            "\
version: 1
services:
  a:
    reads: 3
    writes: [orders, 7, [x]]
    summary: [not, text]
    calls: [{b: {x: y}}]
    database: [[main]]
    queries: [42]
  b: 5
ownership:
  users: [a]
",
            "
service a@3:3
  writes: orders@5:14
  database: none
service b@10:3
services:4:12: error: `reads` should be a list of names, found the number 3
services:5:22: error: expected a name in `writes`, found the number 7
services:5:25: error: expected a name in `writes`, found a list
services:6:14: error: `summary` should be text, found a list
services:7:17: error: the call to `b` should name an endpoint or a list of endpoints, found a mapping
services:8:16: error: expected one database (`name`, `host/name` or a mapping) in the list, found a list
services:9:15: error: expected a SQL statement in `queries`, found the number 42
services:10:6: error: service `b` should be a mapping of keys such as `reads` and `writes`, found the number 5
services:12:10: error: the owner of `users` should be one service name, found a list
",
        );
    }

    #[test]
    fn stores_are_declared_and_services_name_several_or_none() {
        check(
            "\
version: 1
databases:
  accounts-db: postgres
  cache: {kind: redis, host: redis-1, owner: a, keys: ['user:*', 'session:*']}
  catalog: {kind: mongo, collections: [products]}
  odd: {kind: cassandra}
services:
  a:
    database: [accounts-db, cache]
  b:
    databases: catalog
  c:
    database: none
  d:
    database: [x, x]
",
            "
service a@8:3
  database: accounts-db on -@9:16
  database: cache on -@9:29
service b@10:3
  database: catalog on -@11:16
service c@12:3
  database: none
service d@14:3
  database: x on -@15:16
services:6:15: warning: unknown database kind `cassandra`: Seams knows postgres, mysql, sqlite, mssql, mongodb, redis, memcached, other; read as `other`
services:15:19: warning: `x` is listed twice in `database`
",
        );
        let file = parse_services(
            "databases:\n  cache: {kind: redis, host: r1, owner: a, keys: ['user:*']}\n",
            Dialect::Postgres,
        );
        let store = &file.stores[0];
        assert_eq!(store.kind, Some(StoreKind::Redis));
        assert_eq!(store.host.as_deref(), Some("r1"));
        assert_eq!(store.owner.as_ref().map(|o| o.name.as_str()), Some("a"));
        assert_eq!(store.relations[0].name, "user:*");
    }

    #[test]
    fn empty_names_and_duplicates() {
        check(
            "\
version: 1
services:
  \"\": {}
  a:
    reads: [users]
    reads: [orders]
    writes: [x, '', \"  \"]
  a:
    writes: [x]
",
            "
service a@4:3
  reads: orders@6:13
  writes: x@7:14
services:3:3: error: a service name is empty
services:6:5: warning: `reads` is given twice in service `a` (first at line 5); the later one is used
services:7:17: error: a name in `writes` is empty
services:7:21: error: a name in `writes` is empty
services:8:3: error: service `a` is defined twice (first at line 4); this one is ignored
",
        );
    }

    #[test]
    fn yaml_syntax_errors_keep_the_rest() {
        check(
            "version: 1\nservices:\n  a:\n    reads: [users]\n\tb: {}\n",
            "
service a@3:3
  reads: users@4:13
services:5:1: error: a tab is used for indentation here; YAML indents with spaces
",
        );
    }

    #[test]
    fn query_errors_point_into_block_scalars() {
        check(
            "\
version: 1
services:
  a:
    queries:
      - |
        SELECT *
        FROM users
        WHER id = 1
",
            "
service a@3:3
  query@6:9: reads [] writes []
services:8:14: warning: could not read this query: unexpected `id` after `WHER`
",
        );
    }

    #[test]
    fn services_text_scalar_is_a_summary() {
        check(
            "version: 1\nservices:\n  a: Serves the API\n",
            "service a@3:3\n  summary: Serves the API",
        );
    }

    #[test]
    fn alias_bomb_is_refused_with_an_error() {
        let mut text = String::from("version: 1\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
        for i in 1..15 {
            let p = i - 1;
            let refs = vec![format!("*x{p}"); 10].join(", ");
            text.push_str(&format!("x{i}: &x{i} [{refs}]\n"));
        }
        text.push_str("services:\n  a:\n    reads: *x14\n");
        // Expanded, the aliases would be 10^15 nodes: the error proves the reader stopped.
        let file = parse_services(&text, Dialect::Postgres);
        assert!(file
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error
                && d.message.contains("more than 20000 YAML nodes")));
    }

    /// The first fenced block of `language` in the format reference.
    fn docs_block(language: &str) -> String {
        let docs = include_str!("../../../../docs/services-file.md");
        let fence = format!("```{language}\n");
        let start = docs.find(&fence).map(|i| i + fence.len()).unwrap_or(0);
        let rest = &docs[start..];
        rest[..rest.find("```").unwrap()].to_string()
    }

    #[test]
    fn the_documented_example_reads_cleanly_in_both_forms() {
        let yaml = parse_services(&docs_block("yaml"), Dialect::Postgres);
        let json = parse_services(&docs_block("json"), Dialect::Postgres);
        assert!(yaml.diagnostics.is_empty(), "{:?}", yaml.diagnostics);
        assert!(json.diagnostics.is_empty(), "{:?}", json.diagnostics);
        assert_eq!(yaml.services.len(), 3);
        let facts = |file: &ServicesFile| {
            let mut text = render(file);
            text.retain(|c| !c.is_ascii_digit() && c != '@' && c != ':');
            text
        };
        assert_eq!(facts(&yaml), facts(&json));
        let billing = &yaml.services[2];
        let query = &billing.queries[1];
        assert_eq!(names(&query.writes), "invoices@25:9");
        assert_eq!(names(&query.reads), "users@25:9, orders@25:9");
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_is_deterministic(text in "\\PC{0,200}") {
            let first = parse_services(&text, Dialect::Postgres);
            let second = parse_services(&text, Dialect::Postgres);
            prop_assert_eq!(first, second);
        }

        #[test]
        fn yaml_like_text_never_panics(
            lines in proptest::collection::vec(
                "( {0,4})(version|services|a|reads|calls|queries|ownership|-|\\[|\\{|&a|\\*a)?(: ?)?([a-z\\]\\}\\[{,:'\" |>]{0,12})",
                0..12,
            )
        ) {
            let text = lines.join("\n");
            let first = parse_services(&text, Dialect::MySql);
            prop_assert_eq!(first, parse_services(&text, Dialect::MySql));
        }
    }
}
