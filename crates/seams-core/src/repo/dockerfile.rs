//! Dockerfiles, read for what ties an image to its folder: the folder holding the Dockerfile is
//! the code of the workload named like it (or running an image named like it), its last `FROM`
//! image says what it runs (`FROM postgres:16` makes a database container), and `COPY`/`ADD`
//! into `/docker-entrypoint-initdb.d` name the SQL that database starts with.

use super::{file_name, folder_of, join, Origin};

/// Whether a file name is a Dockerfile (`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`).
pub(crate) fn is_dockerfile(name: &str) -> bool {
    name == "Dockerfile" || name.starts_with("Dockerfile.") || name.ends_with(".dockerfile")
}

/// What a Dockerfile says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dockerfile {
    /// The folder holding it (its build context, as a rule).
    pub folder: String,
    /// The image of the last stage (`FROM postgres:16-alpine AS db` → `postgres:16-alpine`).
    pub base: Option<(String, Origin)>,
    /// Files and folders copied into `/docker-entrypoint-initdb.d`, as repository paths.
    pub init_sql: Vec<(String, Origin)>,
}

/// Reads the instructions of a Dockerfile (lines continued with `\` are joined).
pub(crate) fn read(path: &str, text: &str) -> Dockerfile {
    let folder = folder_of(path).to_string();
    let mut dockerfile = Dockerfile {
        folder: folder.clone(),
        base: None,
        init_sql: Vec::new(),
    };
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let origin = Origin::at(path, u32::try_from(index + 1).unwrap_or(u32::MAX));
        let mut instruction = line.trim().to_string();
        while instruction.ends_with('\\') {
            instruction.pop();
            match lines.next() {
                Some((_, next)) => instruction.push_str(next.trim()),
                None => break,
            }
        }
        let mut words = instruction.split_whitespace();
        let Some(keyword) = words.next() else {
            continue;
        };
        match keyword.to_ascii_uppercase().as_str() {
            "FROM" => {
                let image = words.find(|w| !w.starts_with("--"));
                dockerfile.base = image.map(|image| (image.to_string(), origin));
            }
            "COPY" | "ADD" => {
                let parts: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
                let Some((target, sources)) = parts.split_last() else {
                    continue;
                };
                if !target.starts_with("/docker-entrypoint-initdb.d") {
                    continue;
                }
                for source in sources {
                    if let Some(source) = join(&folder, source.trim_end_matches('/')) {
                        dockerfile.init_sql.push((source, origin.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    dockerfile
}

/// The name a Dockerfile's folder gives (`src/accounts/accounts-db/Dockerfile` → `accounts-db`).
pub(crate) fn folder_name(dockerfile: &Dockerfile) -> &str {
    file_name(&dockerfile.folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_image_and_init_scripts() {
        let text = "# the accounts database\nFROM golang:1.22 AS tools\nFROM postgres:16-alpine\n\nCOPY initdb/0-schema.sql \\\n     initdb/1-data.sh /docker-entrypoint-initdb.d/\nCOPY --chown=postgres conf/ /etc/postgresql/\n";
        let dockerfile = read("src/accounts/accounts-db/Dockerfile", text);
        assert_eq!(folder_name(&dockerfile), "accounts-db");
        let base = dockerfile.base.map(|(image, origin)| (image, origin.line));
        assert_eq!(base, Some(("postgres:16-alpine".to_string(), 3)));
        let init: Vec<(&str, u32)> = dockerfile
            .init_sql
            .iter()
            .map(|(path, origin)| (path.as_str(), origin.line))
            .collect();
        assert_eq!(
            init,
            [
                ("src/accounts/accounts-db/initdb/0-schema.sql", 5),
                ("src/accounts/accounts-db/initdb/1-data.sh", 5)
            ]
        );
    }

    #[test]
    fn dockerfile_names() {
        assert!(is_dockerfile("Dockerfile") && is_dockerfile("Dockerfile.dev"));
        assert!(is_dockerfile("api.dockerfile") && !is_dockerfile("Dockerfile-notes.md.txt2"));
    }
}
