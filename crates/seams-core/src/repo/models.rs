//! A repository's ORM model files, each given to the service whose code it is (issue 13, point
//! 4): the workload whose code folder (compose build context, Dockerfile folder, Spring module)
//! holds the file, the deepest such folder when folders nest; never "the first path segment".
//! A model is at least a read of its table, so the service's `reads:` gets the table too, with
//! the model's line as provenance; its code (the same folders) is read for writes
//! ([`super::writes`]).
//!
//! Which files are models is decided by the ORM readers themselves (`crate::orm`), on the files
//! whose text carries a marker of one of the frameworks they read; files under test folders are
//! left out. Linear in the files' bytes.

use super::{inside, File, Origin, Workload};
use crate::orm;
use std::collections::{BTreeMap, BTreeSet};

/// What marks a file as possibly holding models, by framework: JPA and Spring Data MongoDB
/// (entities, their mapped superclasses and embeddables), SQLAlchemy (declarative and Core) and
/// Django, EF Core, TypeORM, GORM. Every Prisma schema is read.
const MARKERS: [&str; 13] = [
    "@Entity",
    "@Document",
    "@Table",
    "@MappedSuperclass",
    "@Embeddable",
    "db.Model",
    "declarative_base",
    "DeclarativeBase",
    "Table(",
    "models.Model",
    "DbContext",
    "DbSet<",
    "gorm",
];

/// Folders whose files are tests of the code, not the code.
const TEST_FOLDERS: [&str; 7] = [
    "test",
    "tests",
    "__tests__",
    "testing",
    "spec",
    "testdata",
    "fixtures",
];

/// One model file of a service: its path, and where its first model starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ModelFile {
    pub path: String,
    pub origin: Origin,
    /// The tables its models map, as the models name them.
    pub tables: BTreeSet<String>,
    /// Its model classes (or SQLAlchemy Core table variables), each with its table.
    pub classes: BTreeMap<String, String>,
    /// Each class's columns, as the models name them (JPQL's properties are read through
    /// them, `repo::code_sql`).
    pub columns: BTreeMap<String, BTreeSet<String>>,
    /// Each JPA entity's properties (its fields) mapped to one column each, by class: JPQL
    /// names `t.fromAccountNum` where the table has `from_acct`.
    pub properties: BTreeMap<String, BTreeMap<String, String>>,
}

/// The code files read for writes and SQL strings, by extension.
const CODE: [&str; 11] = [
    ".py", ".java", ".kt", ".go", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".tsx",
];

/// Whether `path` is in a test folder.
fn in_tests(path: &str) -> bool {
    let mut folders: Vec<&str> = path.split('/').collect();
    folders.pop();
    folders
        .iter()
        .any(|f| TEST_FOLDERS.contains(&f.to_ascii_lowercase().as_str()))
}

/// Whether a code file is a test by its name (`store_test.go`, `db.test.ts`, `x.spec.js`,
/// `test_db.py`), as Go, JavaScript and pytest keep tests beside the code.
fn test_file(path: &str) -> bool {
    let name = super::file_name(path);
    name.ends_with("_test.go")
        || name.contains(".test.")
        || name.contains(".spec.")
        || (name.starts_with("test_") && name.ends_with(".py"))
}

/// Whether the file may hold models an ORM reader reads: its language, not a test, a marker.
fn candidate(file: &File<'_>) -> bool {
    let language = orm::split::language_of(file.path);
    if language == orm::split::Language::Unknown || in_tests(file.path) {
        return false;
    }
    language == orm::split::Language::Prisma
        || MARKERS.iter().any(|marker| file.text.contains(marker))
}

/// The model files of `files`, by the name of the workload whose code holds each. Files in no
/// workload's folder are left out (they belong to no service the import found).
pub(crate) fn by_workload(
    files: &[File<'_>],
    workloads: &[Workload],
) -> BTreeMap<String, Vec<ModelFile>> {
    let candidates: Vec<&File<'_>> = files.iter().filter(|f| candidate(f)).collect();
    let (pane, starts) = pane_of(&candidates);
    let parsed = orm::parse_models(&pane);
    let lines = line_starts(&pane);
    let mut by_path: BTreeMap<&str, ModelFile> = BTreeMap::new();
    for model in &parsed.models {
        let Some(&start) = starts.get(model.path.as_str()) else {
            continue;
        };
        let line = model.span.line.saturating_sub(start) + 1;
        let file = by_path
            .entry(model.path.as_str())
            .or_insert_with(|| ModelFile {
                path: model.path.clone(),
                origin: Origin::at(&model.path, line),
                tables: BTreeSet::new(),
                classes: BTreeMap::new(),
                columns: BTreeMap::new(),
                properties: BTreeMap::new(),
            });
        file.tables.insert(model.table.clone());
        file.classes
            .insert(model.class_name.clone(), model.table.clone());
        file.columns
            .entry(model.class_name.clone())
            .or_default()
            .extend(model.columns.iter().map(|c| c.name.clone()));
        if model.framework == crate::model::Framework::Jpa {
            let properties = properties(model, &pane, &lines);
            file.properties.insert(model.class_name.clone(), properties);
        }
    }
    let mut out: BTreeMap<String, Vec<ModelFile>> = BTreeMap::new();
    for (path, file) in by_path {
        if let Some(owner) = owner_of(path, workloads) {
            out.entry(owner.to_string()).or_default().push(file);
        }
    }
    out
}

/// The code files (Python, Java, Kotlin, Go, JavaScript, TypeScript; not tests) of each
/// workload named in `wanted`, by the workload whose folder holds them (the deepest, as for
/// models).
pub(crate) fn code_by_workload<'a>(
    files: &[File<'a>],
    workloads: &[Workload],
    wanted: &BTreeSet<&str>,
) -> BTreeMap<String, Vec<File<'a>>> {
    let mut out: BTreeMap<String, Vec<File<'a>>> = BTreeMap::new();
    if wanted.is_empty() {
        return out;
    }
    for file in files {
        let code = CODE.iter().any(|e| file.path.ends_with(e));
        if !code || in_tests(file.path) || test_file(file.path) {
            continue;
        }
        if let Some(owner) = owner_of(file.path, workloads).filter(|o| wanted.contains(o)) {
            out.entry(owner.to_string()).or_default().push(*file);
        }
    }
    out
}

/// Where each line of `text` starts, in bytes.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
    starts
}

/// A JPA entity's properties, each with the one column it maps: the Java reader places each
/// column at its field's name, so the word there is the property. A property read as several
/// columns (an embedded value) is left out.
fn properties(
    model: &crate::model::Model,
    pane: &str,
    lines: &[usize],
) -> BTreeMap<String, String> {
    let mut found: BTreeMap<String, Option<String>> = BTreeMap::new();
    for column in &model.columns {
        let line = usize::try_from(column.span.line.saturating_sub(1)).unwrap_or(usize::MAX);
        let chars = usize::try_from(column.span.column.saturating_sub(1)).unwrap_or(usize::MAX);
        let Some(text) = lines.get(line).and_then(|&start| pane.get(start..)) else {
            continue;
        };
        let from = text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(at, _)| at);
        let rest = text.get(from..).unwrap_or("");
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let property = rest.get(..end).unwrap_or("");
        if property.is_empty() {
            continue;
        }
        found
            .entry(property.to_string())
            .and_modify(|seen| {
                if seen.as_deref() != Some(column.name.as_str()) {
                    *seen = None;
                }
            })
            .or_insert_with(|| Some(column.name.clone()));
    }
    found
        .into_iter()
        .filter_map(|(property, column)| Some((property, column?)))
        .collect()
}

/// The Models pane's text for `files` (each after a `# path` or `// path` header) and the pane
/// line each file's text starts on, by path.
fn pane_of<'a>(files: &[&File<'a>]) -> (String, BTreeMap<&'a str, u32>) {
    let mut pane = String::new();
    let mut starts = BTreeMap::new();
    let mut line: u32 = 1;
    for file in files {
        let comment = if orm::split::language_of(file.path) == orm::split::Language::Python {
            "#"
        } else {
            "//"
        };
        pane.push_str(comment);
        pane.push(' ');
        pane.push_str(file.path);
        pane.push('\n');
        line = line.saturating_add(1);
        starts.insert(file.path, line);
        pane.push_str(file.text);
        if !file.text.ends_with('\n') {
            pane.push('\n');
        }
        let lines = u32::try_from(file.text.lines().count()).unwrap_or(u32::MAX);
        line = line.saturating_add(lines);
    }
    (pane, starts)
}

/// The workload whose code folder holds `path`: the deepest folder wins.
fn owner_of<'w>(path: &str, workloads: &'w [Workload]) -> Option<&'w str> {
    workloads
        .iter()
        .flat_map(|w| w.folders.iter().map(move |f| (f, w)))
        .filter(|(folder, _)| !folder.is_empty() && inside(path, folder))
        .max_by_key(|(folder, _)| folder.len())
        .map(|(_, w)| w.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(name: &str, folder: &str) -> Workload {
        let mut w = Workload::new(name, Origin::at("k8s/x.yaml", 1));
        w.folders.push(folder.to_string());
        w
    }

    const ENTITY: &str = "package bank.ledger;\n\nimport javax.persistence.*;\n\n@Entity\n@Table(name = \"TRANSACTIONS\")\npublic class Transaction {\n  @Id\n  @Column(name = \"TRANSACTION_ID\")\n  private long transactionId;\n}\n";

    #[test]
    fn a_model_goes_to_the_workload_whose_folder_holds_it() {
        let files = [
            File {
                path: "src/ledger/writer/src/main/java/bank/Transaction.java",
                text: ENTITY,
            },
            File {
                path: "src/ledger/reader/src/main/java/bank/Transaction.java",
                text: ENTITY,
            },
            File {
                path: "src/ledger/reader/src/test/java/bank/Transaction.java",
                text: ENTITY,
            },
            File {
                path: "src/ledger/reader/src/main/java/bank/Main.java",
                text: "class Main {}\n",
            },
        ];
        let workloads = [
            workload("ledgerwriter", "src/ledger/writer"),
            workload("balancereader", "src/ledger/reader"),
            workload("ledger", "src/ledger"),
        ];
        let found = by_workload(&files, &workloads);
        let paths: Vec<(&str, &str, String)> = found
            .iter()
            .flat_map(|(w, list)| {
                list.iter()
                    .map(move |m| (w.as_str(), m.path.as_str(), m.origin.to_string()))
            })
            .collect();
        assert_eq!(
            paths,
            [
                (
                    "balancereader",
                    "src/ledger/reader/src/main/java/bank/Transaction.java",
                    "src/ledger/reader/src/main/java/bank/Transaction.java:7".to_string()
                ),
                (
                    "ledgerwriter",
                    "src/ledger/writer/src/main/java/bank/Transaction.java",
                    "src/ledger/writer/src/main/java/bank/Transaction.java:7".to_string()
                ),
            ]
        );
        let tables: Vec<&String> = found.values().flatten().flat_map(|m| &m.tables).collect();
        // As the database sees them (Spring Boot's physical naming lower-cases).
        assert_eq!(tables, ["transactions", "transactions"]);
    }

    #[test]
    fn jpa_properties_map_to_their_columns() {
        let entity = "@Entity\n@Table(name = \"transactions\")\npublic class Transaction {\n  @Id\n  @Column(name = \"TRANSACTION_ID\")\n  private long transactionId;\n  @Column(name = \"FROM_ACCT\")\n  private String fromAccountNum;\n  private int amount;\n}\n";
        let files = [
            File {
                path: "ledger/Other.java",
                text: "@Entity\npublic class Other {\n  @Id private long id;\n}\n",
            },
            File {
                path: "ledger/Transaction.java",
                text: entity,
            },
        ];
        let found = by_workload(&files, &[workload("ledger", "ledger")]);
        let properties = found
            .get("ledger")
            .and_then(|list| list.iter().find(|m| m.path == "ledger/Transaction.java"))
            .and_then(|m| m.properties.get("Transaction"))
            .cloned()
            .unwrap_or_default();
        let pairs: Vec<(&str, &str)> = properties
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("amount", "amount"),
                ("fromAccountNum", "from_acct"),
                ("transactionId", "transaction_id")
            ]
        );
    }

    #[test]
    fn a_model_in_no_workload_folder_belongs_to_nobody() {
        let files = [File {
            path: "shared/models.py",
            text: "from app import db\n\nclass User(db.Model):\n    __tablename__ = 'users'\n    id = db.Column(db.Integer, primary_key=True)\n",
        }];
        assert!(by_workload(&files, &[workload("api", "api")]).is_empty());
        let found = by_workload(&files, &[workload("shared", "shared")]);
        let origin = found
            .get("shared")
            .and_then(|list| list.first())
            .map(|m| m.origin.to_string());
        assert_eq!(origin.as_deref(), Some("shared/models.py:3"));
    }
}
