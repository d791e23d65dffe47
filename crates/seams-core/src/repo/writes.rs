//! Writes read from a service's code where they are plain (issue 13, point 7): the calls that
//! change a table through the service's own models, found in the code files of its folder.
//!
//! - SQLAlchemy Core: `users_table.insert(`, `.update(`, `.delete(` on a table the models name;
//!   SQLAlchemy ORM and Flask: `session.add(User(`, `session.merge(User(`; Django:
//!   `User.objects.create(`, `bulk_create(`, `update_or_create(`, `get_or_create(`.
//! - Spring Data: a repository interface `extends CrudRepository<Transaction, …>` (or
//!   `JpaRepository`, `PagingAndSortingRepository`, `MongoRepository`, `ListCrudRepository`)
//!   of a model class, and a variable of that type whose `save(`, `saveAll(`, `saveAndFlush(`,
//!   `delete(`, `deleteById(` or `deleteAll(` is called.
//!
//! Anything else (SQL built at run time, a repository passed around under another type) is
//! not guessed at: the derived file says writes were read only where plain. Linear in the
//! code's bytes times the service's model classes.

use super::{File, Origin};
use std::collections::BTreeMap;

/// Python calls on a model class or Core table `C` that write its table, as `C` + suffix.
const PYTHON_ON_CLASS: [&str; 7] = [
    ".insert(",
    ".update(",
    ".delete(",
    ".objects.create(",
    ".objects.bulk_create(",
    ".objects.update_or_create(",
    ".objects.get_or_create(",
];

/// Python calls that write the table of the class constructed in them, as prefix + `C(`.
const PYTHON_AROUND_CLASS: [&str; 2] = ["session.add(", "session.merge("];

/// Spring Data repository interfaces.
const REPOSITORIES: [&str; 5] = [
    "CrudRepository<",
    "JpaRepository<",
    "PagingAndSortingRepository<",
    "MongoRepository<",
    "ListCrudRepository<",
];

/// Repository methods that write.
const REPOSITORY_WRITES: [&str; 6] = [
    ".save(",
    ".saveAll(",
    ".saveAndFlush(",
    ".delete(",
    ".deleteById(",
    ".deleteAll(",
];

/// The tables `code` writes, with where, given the service's model classes (class or Core
/// table variable → table). First place per table.
pub(crate) fn writes(
    code: &[File<'_>],
    classes: &BTreeMap<String, String>,
) -> BTreeMap<String, Origin> {
    let mut found: BTreeMap<String, Origin> = BTreeMap::new();
    let mut note = |table: &str, file: &File<'_>, at: usize| {
        found
            .entry(table.to_string())
            .or_insert_with(|| Origin::at(file.path, line_at(file.text, at)));
    };
    let repositories = repositories(code, classes);
    for file in code {
        if file.path.ends_with(".py") {
            for (class, table) in classes {
                for at in python_writes(file.text, class) {
                    note(table, file, at);
                }
            }
        } else if file.path.ends_with(".java") || file.path.ends_with(".kt") {
            for (repository, table) in &repositories {
                for at in repository_writes(file.text, repository) {
                    note(table, file, at);
                }
            }
        }
    }
    found
}

/// Where `text` writes through Python class or table `class`.
fn python_writes(text: &str, class: &str) -> Vec<usize> {
    let mut places = Vec::new();
    for (at, _) in text.match_indices(class) {
        if !starts_word(text, at) {
            continue;
        }
        let after = text.get(at + class.len()..).unwrap_or("");
        let on_class = PYTHON_ON_CLASS.iter().any(|s| after.starts_with(s));
        let constructed_in = after.starts_with('(')
            && PYTHON_AROUND_CLASS
                .iter()
                .any(|p| text.get(..at).is_some_and(|before| before.ends_with(p)));
        if on_class || constructed_in {
            places.push(at);
        }
    }
    places
}

/// The repository interfaces of `code` over a model class, by interface name → table.
fn repositories(code: &[File<'_>], classes: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for file in code {
        for (at, _) in file.text.match_indices("interface ") {
            let rest = file.text.get(at + "interface ".len()..).unwrap_or("");
            let name = word(rest);
            // The declaration up to its body.
            let head = rest.split('{').next().unwrap_or("");
            let Some(class) = REPOSITORIES.iter().find_map(|r| {
                head.find(r)
                    .and_then(|i| head.get(i + r.len()..))
                    .map(|args| word(args.trim_start()))
            }) else {
                continue;
            };
            if let (false, Some(table)) = (name.is_empty(), classes.get(class)) {
                found.insert(name.to_string(), table.clone());
            }
        }
    }
    found
}

/// Where `text` calls a writing method on a variable declared of type `repository`.
fn repository_writes(text: &str, repository: &str) -> Vec<usize> {
    let mut variables: Vec<&str> = Vec::new();
    for (at, _) in text.match_indices(repository) {
        if !starts_word(text, at) {
            continue;
        }
        let after = text.get(at + repository.len()..).unwrap_or("");
        if after.starts_with(|c: char| c.is_whitespace()) {
            let variable = word(after.trim_start());
            if !variable.is_empty() && !variables.contains(&variable) {
                variables.push(variable);
            }
        }
    }
    let mut places = Vec::new();
    for variable in variables {
        for (at, _) in text.match_indices(variable) {
            let after = text.get(at + variable.len()..).unwrap_or("");
            if starts_word(text, at) && REPOSITORY_WRITES.iter().any(|w| after.starts_with(w)) {
                places.push(at);
            }
        }
    }
    places
}

/// The identifier at the start of `text` (letters, digits, `_`); also used by `code_sql`.
pub(super) fn word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    text.get(..end).unwrap_or("")
}

/// Whether an identifier may start at byte `at` (not in the middle of a longer one).
pub(super) fn starts_word(text: &str, at: usize) -> bool {
    !text
        .get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The 1-based line of byte `at`.
fn line_at(text: &str, at: usize) -> u32 {
    let lines = text
        .get(..at)
        .map_or(0, |before| before.matches('\n').count());
    u32::try_from(lines).unwrap_or(u32::MAX).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(c, t)| (c.to_string(), t.to_string()))
            .collect()
    }

    fn found(files: &[File<'_>], pairs: &[(&str, &str)]) -> Vec<String> {
        writes(files, &classes(pairs))
            .into_iter()
            .map(|(table, origin)| format!("{table} {origin}"))
            .collect()
    }

    #[test]
    fn core_tables_and_sessions_write_their_tables() {
        let code = File {
            path: "users/db.py",
            text: "class UserDb:\n    def add(self, user):\n        q = self.users_table.insert().values(user)\n\n    def get(self, id):\n        return self.users_table.select()\n\ndef log(session):\n    session.add(LoginEvent(at=now()))\n",
        };
        assert_eq!(
            found(
                &[code],
                &[
                    ("users_table", "users"),
                    ("LoginEvent", "logins"),
                    ("Audit", "audit")
                ]
            ),
            ["logins users/db.py:9", "users users/db.py:3"]
        );
        // A read only, or a longer name holding the class's: no write.
        let reads = File {
            path: "users/read.py",
            text: "old_users_table.insert()\nusers_table.select()\n",
        };
        assert!(found(&[reads], &[("users_table", "users")]).is_empty());
    }

    #[test]
    fn django_managers_write_their_tables() {
        let code = File {
            path: "shop/views.py",
            text: "def buy(request):\n    Order.objects.create(total=1)\n    Order.objects.filter(id=1)\n",
        };
        assert_eq!(
            found(&[code], &[("Order", "shop_order")]),
            ["shop_order shop/views.py:2"]
        );
    }

    #[test]
    fn spring_data_repositories_write_through_their_variables() {
        let repository = File {
            path: "ledger/TransactionRepository.java",
            text: "@Repository\npublic interface TransactionRepository\n    extends CrudRepository<Transaction, Long> {\n  @Query(\"SELECT t FROM Transaction t\")\n  List<Transaction> findAll();\n}\n",
        };
        let controller = File {
            path: "ledger/Controller.java",
            text: "class Controller {\n  private TransactionRepository transactionRepository;\n  void book(Transaction t) {\n    transactionRepository.save(t);\n  }\n}\n",
        };
        let reader = File {
            path: "ledger/Reader.java",
            text: "class Reader {\n  private TransactionRepository repo;\n  void read() { repo.findAll(); }\n}\n",
        };
        assert_eq!(
            found(
                &[repository, controller, reader],
                &[("Transaction", "transactions")]
            ),
            ["transactions ledger/Controller.java:4"]
        );
        assert!(found(&[repository, reader], &[("Transaction", "transactions")]).is_empty());
        // A repository of a class that is no model of the service names no table.
        let other = File {
            path: "ledger/Other.java",
            text: "interface OtherRepository extends JpaRepository<Other, Long> {}\nclass X { OtherRepository r; void f() { r.save(null); } }\n",
        };
        assert!(found(&[other], &[("Transaction", "transactions")]).is_empty());
    }
}
