//! Models from the ORMs real repositories use, met with the schema: the Bank-of-Anthos-shaped
//! fixtures (three JPA `Transaction` entities in three services, a userservice `db.py` whose Core
//! table is built in `__init__`), and the same table mapped from two languages.

use seams_core::findings::compare::{drifts, duplicates, DriftAgainst, DriftKind};
use seams_core::{ingest, Architecture, Inputs};

const TRANSACTIONS: &str = include_str!("../fixtures/models/bank_transactions.java");
const USERSERVICE: &str = include_str!("../fixtures/models/bank_userservice_db.py");

/// The ledger and accounts DDL in Bank of Anthos' shape; `rename` replaces one column name.
fn schema(rename: Option<(&str, &str)>) -> String {
    let ddl = "CREATE TABLE transactions (
  transaction_id BIGSERIAL PRIMARY KEY,
  from_acct CHAR(10) NOT NULL,
  from_route CHAR(9) NOT NULL,
  to_acct CHAR(10) NOT NULL,
  to_route CHAR(9) NOT NULL,
  amount INT NOT NULL,
  timestamp TIMESTAMP NOT NULL
);
CREATE TABLE users (
  accountid CHAR(10) PRIMARY KEY,
  username VARCHAR(64) UNIQUE NOT NULL,
  passhash BYTEA NOT NULL,
  birthday DATE NOT NULL,
  timezone VARCHAR(8) NOT NULL
);
";
    match rename {
        Some((from, to)) => ddl.replacen(from, to, 1),
        None => ddl.to_string(),
    }
}

fn architecture(schema: &str) -> Architecture {
    let models = format!("{TRANSACTIONS}\n{USERSERVICE}");
    ingest(Inputs {
        schema,
        services: "",
        models: &models,
        dialect: None,
        sources: None,
    })
}

/// `service column kind` for every drift against the DDL.
fn ddl_drifts(architecture: &Architecture) -> Vec<String> {
    drifts(architecture)
        .iter()
        .filter(|d| d.against == DriftAgainst::Ddl)
        .map(|d| format!("{} {} {:?}", d.service, d.column, d.kind))
        .collect()
}

#[test]
fn bank_of_anthos_transactions_are_one_duplicated_model_and_db_py_is_read() {
    let architecture = architecture(&schema(None));
    let found = duplicates(&architecture);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].table, "table:public.transactions");
    assert_eq!(
        found[0].services,
        [
            "service:balancereader",
            "service:ledgerwriter",
            "service:transactionhistory"
        ]
    );
    let users: Vec<_> = architecture
        .models
        .iter()
        .filter(|m| m.table == "table:public.users")
        .collect();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].service, "service:userservice");
    assert_eq!(users[0].model.columns.len(), 5);
    let ledgerwriter_drifts: Vec<String> = ddl_drifts(&architecture)
        .into_iter()
        .filter(|d| d.starts_with("service:ledgerwriter") || d.starts_with("service:userservice"))
        .collect();
    assert!(ledgerwriter_drifts.is_empty(), "{ledgerwriter_drifts:?}");
}

#[test]
fn the_repository_paths_of_the_three_entities_name_their_modules() {
    // Bank of Anthos keeps each service under `src/ledger/<module>/src/main/java/…`.
    let models = format!("\n{TRANSACTIONS}").replace("\n// ", "\n// src/ledger/");
    let architecture = ingest(Inputs {
        schema: &schema(None),
        services: "",
        models: &models,
        dialect: None,
        sources: None,
    });
    let found = duplicates(&architecture);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].services,
        [
            "service:balancereader",
            "service:ledgerwriter",
            "service:transactionhistory"
        ]
    );
}

#[test]
fn renaming_a_ddl_column_drifts_in_java_and_python() {
    let before = ddl_drifts(&architecture(&schema(None)));
    let renamed = schema(Some(("to_acct CHAR", "to_account CHAR")));
    let renamed = renamed.replacen("username VARCHAR", "user_name VARCHAR", 1);
    let after = ddl_drifts(&architecture(&renamed));
    let new: Vec<&String> = after.iter().filter(|d| !before.contains(d)).collect();
    for expected in [
        "service:ledgerwriter to_acct ExtraColumn",
        "service:ledgerwriter to_account MissingColumn",
        "service:userservice username ExtraColumn",
        "service:userservice user_name MissingColumn",
    ] {
        assert!(
            new.iter().any(|d| d.as_str() == expected),
            "{expected} not in {new:?}"
        );
    }
}

#[test]
fn a_jpa_entity_and_a_sqlalchemy_class_of_one_table_are_duplicates_compared_by_physical_names() {
    let models = "// billing/src/main/java/b/ShipmentLabel.java
@Entity
public class ShipmentLabel {
    @Id private Long labelId;
    private String trainType;
}
# dispatch/models.py
class ShipmentLabel(Base):
    __tablename__ = 'shipment_label'
    label_id = Column(Integer, primary_key=True)
    train_type = Column(String)
";
    let architecture = ingest(Inputs {
        schema: "",
        services: "",
        models,
        dialect: None,
        sources: None,
    });
    let found = duplicates(&architecture);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].services, ["service:billing", "service:dispatch"]);
    // `labelId` and `label_id` are one column under Spring Boot's naming: no missing or extra.
    let names: Vec<(String, DriftKind)> = drifts(&architecture)
        .into_iter()
        .map(|d| (d.column, d.kind))
        .collect();
    assert!(
        names
            .iter()
            .all(|(_, kind)| !matches!(kind, DriftKind::MissingColumn | DriftKind::ExtraColumn)),
        "{names:?}"
    );
}

/// The services file's `models:` says which files are a service's, whatever their paths say:
/// three copies of the ledger entity under paths that name no module are the models of the three
/// ledger services, one duplicated model between them; a pattern that matches nothing is a
/// warning at its line.
#[test]
fn the_services_file_places_model_files_by_pattern() {
    let entity = "@Entity\n@Table(name = \"transactions\")\npublic class Transaction {\n    @Id\n    @Column(name = \"transaction_id\")\n    private long transactionId;\n    @Column(name = \"amount\")\n    private int amount;\n}\n";
    let models = format!(
        "// copies/a/Transaction.java\n{entity}// copies/b/Transaction.java\n{entity}// vendor/c/Transaction.java\n{entity}"
    );
    let services = "version: 1\nservices:\n  ledgerwriter:\n    writes: [transactions]\n    models: [copies/a]\n  balancereader:\n    reads: [transactions]\n    models: ['copies/b/*.java']\n  transactionhistory:\n    reads: [transactions]\n    models:\n      - '**/c/Transaction.java'\n      - legacy/**\n";
    let architecture = ingest(Inputs {
        schema: &schema(None),
        services,
        models: &models,
        dialect: None,
        sources: None,
    });
    let mut owners: Vec<&str> = architecture
        .models
        .iter()
        .map(|m| m.service.as_str())
        .collect();
    seams_core::order::sort(&mut owners);
    assert_eq!(
        owners,
        [
            "service:balancereader",
            "service:ledgerwriter",
            "service:transactionhistory"
        ]
    );
    let unused: Vec<_> = architecture
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("matches no file of the Models pane"))
        .collect();
    assert_eq!(unused.len(), 1, "{:?}", architecture.diagnostics);
    assert!(unused[0].message.contains("legacy/**"));
    assert_eq!(unused[0].span.line, 13, "the pattern's own line");
    assert_eq!(duplicates(&architecture).len(), 1);
}

/// A path read for its service gets a note saying how (`src/…` holds services); when a
/// `models:` pattern gives the file to a service, no guess was made and no note is shown.
#[test]
fn a_file_a_pattern_places_gets_no_note_on_how_its_path_was_read() {
    let model = "# src/accounts/contacts/db.py\nfrom sqlalchemy import Table, Column, String, MetaData\ncontacts = Table('contacts', MetaData(), Column('login', String, primary_key=True))\n";
    let notes = |services: &str| -> usize {
        ingest(Inputs {
            schema: "CREATE TABLE contacts (login TEXT PRIMARY KEY);",
            services,
            models: model,
            dialect: None,
            sources: None,
        })
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("is taken as"))
        .count()
    };
    let plain = "version: 1\nservices:\n  contacts:\n    reads: [contacts]\n";
    assert_eq!(notes(plain), 1);
    let placed = format!("{plain}    models: [src/accounts/contacts]\n");
    assert_eq!(notes(&placed), 0);
}
