//! `seams import` and `--repo` end to end, on fixture folders written for Seams in the shapes of
//! Bank of Anthos (Kubernetes manifests, ConfigMaps holding the database URLs and API addresses)
//! and spring-petclinic-microservices (compose, Spring `application.yml` with a `mysql`
//! profile): the services, stores and calls derived, the tables placed in their databases, and
//! no password, user name or secret value in any output.

// Test code: a panic is how a test fails (the workspace lints deny these in the CLI itself).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs `seams` with `args`: exit code, standard output, standard error.
fn seams(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_seams"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `seams check --format json` on `args`, parsed.
fn check_json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = seams(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Each service's database names and called services, from the check JSON.
fn services(json: &Value) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let database_names: BTreeMap<&str, &str> = json["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["name"].as_str().unwrap()))
        .collect();
    json["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let databases = s["databases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| database_names[id.as_str().unwrap()].to_string())
                .collect();
            let calls = s["calls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let to = c["service"].as_str().unwrap();
                    to.trim_start_matches("service:").to_string()
                })
                .collect();
            (s["name"].as_str().unwrap().to_string(), (databases, calls))
        })
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn import_prints_the_bank_with_provenance() {
    let (code, out, err) = seams(&["import", &fixture("bank")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(
        "  accounts-db: {kind: postgres, host: accounts-db}  # from kubernetes-manifests/accounts-db.yaml:4"
    ));
    assert!(out.contains("  postgresdb: {kind: postgres, host: ledger-db}"));
    assert!(out.contains(
        "      - balancereader  # from kubernetes-manifests/config.yaml:16 (via envFrom service-api-config)"
    ));
    assert!(out.contains(
        "#   src/ledger/ledger-db/initdb/0_init_tables.sql -> postgresdb (put into docker-entrypoint-initdb.d at src/ledger/ledger-db/Dockerfile:3)"
    ), "{out}");
    // Every fact says where it was read.
    for line in out.lines().filter(|l| l.trim_start().starts_with("- ")) {
        assert!(line.contains("  # from "), "{line}");
    }
}

#[test]
fn the_bank_from_its_manifests() {
    let json = check_json(&["--repo", &fixture("bank")]);
    assert_eq!(json["diagnostics"], Value::Array(vec![]), "{json:#}");
    let services = services(&json);
    let apis = [
        "balancereader",
        "contacts",
        "ledgerwriter",
        "transactionhistory",
        "userservice",
    ];
    let expected: BTreeMap<String, (Vec<String>, Vec<String>)> = [
        ("frontend", (vec![], apis.to_vec())),
        ("userservice", (vec!["accounts-db"], vec![])),
        ("contacts", (vec!["accounts-db"], vec![])),
        // ledgerwriter takes the whole address map through envFrom, as the real manifests do;
        // its code names only BALANCES_API_ADDR, so it calls only balancereader.
        ("ledgerwriter", (vec!["postgresdb"], vec!["balancereader"])),
        ("balancereader", (vec!["postgresdb"], vec![])),
        ("transactionhistory", (vec!["postgresdb"], vec![])),
        ("loadgenerator", (vec![], vec!["frontend"])),
    ]
    .into_iter()
    .map(|(name, (dbs, calls))| (name.to_string(), (strings(&dbs), strings(&calls))))
    .collect();
    assert_eq!(services, expected);
    // The init scripts' tables live in the database whose container is named in their folder.
    let tables: BTreeMap<&str, &str> = json["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["database"].as_str().unwrap()))
        .collect();
    assert_eq!(tables["users"], "db:accounts-db/accounts-db");
    assert_eq!(tables["contacts"], "db:accounts-db/accounts-db");
    assert_eq!(tables["transactions"], "db:ledger-db/postgresdb");
    // ledgerwriter's entity is read from its Spring module's folder into the Models pane, and
    // gives it its table: a model is a read, the repository's save a write, so it owns it.
    let ledgerwriter = json["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "ledgerwriter")
        .unwrap();
    for key in ["reads", "writes"] {
        assert_eq!(
            ledgerwriter[key],
            serde_json::json!(["table:postgresdb.public.transactions"]),
            "{key}"
        );
    }
    assert_eq!(
        json["owners"]["table:postgresdb.public.transactions"]["services"],
        serde_json::json!(["service:ledgerwriter"]),
        "{:#}",
        json["owners"]
    );
}

#[test]
fn the_balance_reader_reads_the_ledger_through_its_queries() {
    let (code, out, err) = seams(&["import", &fixture("bank")]);
    assert_eq!(code, 0, "{err}");
    let repository =
        "src/ledger/balancereader/src/main/java/bank/balancereader/LedgerEntryRepository.java";
    for line in [
        format!("      - \"SELECT (SELECT COALESCE(SUM(amount), 0) FROM transactions WHERE to_acct = ?1) - (SELECT COALESCE(SUM(amount), 0) FROM transactions WHERE from_acct = ?1)\"  # from {repository}:11"),
        // JPQL: the entity is its table, the property its column.
        format!("      - \"SELECT e.* FROM transactions e WHERE e.transaction_id > ?1 ORDER BY e.transaction_id\"  # from {repository}:18"),
        format!("    # could not read the SQL at {repository}:22: it is built at run time (joined with a value)"),
    ] {
        assert!(out.contains(&line), "{line}\n{out}");
    }
    assert!(
        err.contains(&format!(
            "not read: {repository}:22: could not read the SQL"
        )),
        "{err}"
    );
    // The queries read back: balancereader reads the ledger's table and writes nothing.
    let json = check_json(&["--repo", &fixture("bank")]);
    assert_eq!(json["diagnostics"], Value::Array(vec![]), "{json:#}");
    let balancereader = json["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "balancereader")
        .unwrap();
    assert_eq!(
        balancereader["reads"],
        serde_json::json!(["table:postgresdb.public.transactions"])
    );
    assert_eq!(balancereader["writes"], serde_json::json!([]));
}

#[test]
fn petclinic_shares_one_database_in_the_mysql_profile() {
    let json = check_json(&["--repo", &fixture("petclinic"), "--profile", "mysql"]);
    let services = services(&json);
    for name in ["customers-service", "vets-service", "visits-service"] {
        assert_eq!(services[name].0, ["petclinic"], "{name}");
    }
    let (gateway_databases, gateway_calls) = &services["api-gateway"];
    assert!(gateway_databases.is_empty());
    for called in ["customers-service", "vets-service", "visits-service"] {
        assert!(
            gateway_calls.contains(&called.to_string()),
            "{gateway_calls:?}"
        );
    }
    let shared: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "shared-database")
        .collect();
    assert_eq!(shared.len(), 1, "{shared:?}");
    // The MySQL scripts are read, the in-process HSQLDB ones are not.
    assert_eq!(json["tables"].as_array().unwrap().len(), 7);
    assert_eq!(json["dialect"], "mysql");
}

#[test]
fn petclinic_by_default_runs_in_process_databases() {
    let (_, out, _) = seams(&["import", &fixture("petclinic")]);
    assert!(out.contains("# runs an in-process database, private to it"));
    let json = check_json(&["--repo", &fixture("petclinic")]);
    for (name, (databases, _)) in services(&json) {
        assert!(databases.is_empty(), "{name}: {databases:?}");
    }
}

/// Every secret written in the fixtures: passwords, a user name, a key, a session secret.
const SECRETS: [&str; 7] = [
    "fixture-accounts-pw",
    "fixture-ledger-pw",
    "fixture-jwt-private-key",
    "fixture-session-secret",
    "fixture-root-pw",
    "fixture-mysql-pw",
    "accounts-admin",
];

#[test]
fn no_secret_reaches_any_output() {
    for (name, extra) in [
        ("bank", None),
        ("petclinic", Some("mysql")),
        ("petclinic", None),
    ] {
        let dir = fixture(name);
        let mut runs: Vec<Vec<&str>> = vec![
            vec!["import", &dir],
            vec!["check", "--repo", &dir],
            vec!["check", "--repo", &dir, "--format", "json"],
            vec!["check", "--repo", &dir, "--format", "sarif"],
            vec!["evolve", "--repo", &dir],
            vec!["evolve", "--repo", &dir, "--format", "json"],
            vec!["render", "--repo", &dir, "--stage", "4"],
        ];
        if let Some(profile) = extra {
            for run in &mut runs {
                run.extend(["--profile", profile]);
            }
        }
        for run in runs {
            let (_, out, err) = seams(&run);
            assert!(!out.is_empty(), "{run:?}: {err}");
            for secret in SECRETS {
                assert!(!out.contains(secret), "{run:?} printed {secret}");
                assert!(!err.contains(secret), "{run:?} printed {secret} on stderr");
            }
        }
    }
}

#[test]
fn services_given_replace_the_derived_ones() {
    let services = format!(
        "{}/../seams-core/tests/fixtures/bank/services.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = check_json(&["--repo", &fixture("bank"), "--services", &services]);
    let owners = json["ownership"].to_string();
    assert!(owners.contains("userservice"), "{owners}");
    // The hand-written file names ledger-db, not the derived postgresdb.
    let names: Vec<&str> = json["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"ledger-db"), "{names:?}");
}

#[test]
fn the_walk_skips_dependencies_hidden_folders_and_binary_files() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import-walk");
    let _ = std::fs::remove_dir_all(&root);
    let compose = "services:\n  shop:\n    image: shop:1\n";
    for folder in ["node_modules/x", ".git", "target", "vendor", "app"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
        let text = compose.replace("shop", &format!("from-{}", folder.replace(['/', '.'], "")));
        std::fs::write(root.join(folder).join("docker-compose.yml"), text).unwrap();
    }
    std::fs::write(root.join("app/compose.yaml"), b"services:\x00\n  bin: {}\n").unwrap();
    std::fs::write(root.join("app/broken.yaml"), "apiVersion: v1\nkind: [\n").unwrap();
    let (code, out, err) = seams(&["import", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from-app:"), "{out}");
    for skipped in [
        "from-node_modulesx",
        "from-git",
        "from-target",
        "from-vendor",
        "bin:",
    ] {
        assert!(!out.contains(skipped), "{skipped} read:\n{out}");
    }
    assert!(err.contains("skipped 1 binary files"), "{err}");
    assert!(err.contains("seams: not read: app/broken.yaml:"), "{err}");
}

#[test]
fn import_of_a_missing_folder_is_a_usage_error() {
    let (code, _, err) = seams(&["import", "/no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("seams: cannot read the folder"), "{err}");
    let (code, _, err) = seams(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("--repo"), "{err}");
}
