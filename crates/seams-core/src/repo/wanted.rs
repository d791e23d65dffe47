//! Which files of a folder are read, shared by the command line's walk and the page's "Open
//! folder": the rules are the same wherever the files come from, so `seams import DIR` and the
//! page derive the same services file from the same folder.
//!
//! Skipped: version control, dependency and build folders (`.git` and every hidden folder,
//! `node_modules`, `target`, `vendor`, `build`, `dist`, …), files no reader uses (by name), files
//! over [`MAX_FILE_BYTES`], and binary files ([`binary`]). Reading stops at [`MAX_FILES`] files
//! or [`MAX_TOTAL_BYTES`] bytes in all.

/// Most files read from one folder.
pub const MAX_FILES: usize = 10_000;

/// Largest file read (a larger one is skipped and counted).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Most bytes read from one folder in all.
pub const MAX_TOTAL_BYTES: u64 = 32 * 1024 * 1024;

/// Folders never entered (besides hidden ones): dependencies, build output, caches.
pub const SKIPPED_FOLDERS: [&str; 16] = [
    "node_modules",
    "target",
    "vendor",
    "build",
    "dist",
    "out",
    "bin",
    "obj",
    "__pycache__",
    "venv",
    "coverage",
    "bower_components",
    "Pods",
    "DerivedData",
    "site-packages",
    "third_party",
];

/// The endings of the names of files a reader uses: configuration, SQL, and source code (read
/// only for the names of the settings it uses).
const READ_ENDINGS: [&str; 22] = [
    ".yml",
    ".yaml",
    ".properties",
    ".sql",
    ".env",
    ".java",
    ".kt",
    ".scala",
    ".groovy",
    ".py",
    ".go",
    ".js",
    ".mjs",
    ".cjs",
    ".ts",
    ".rb",
    ".php",
    ".cs",
    ".rs",
    ".ex",
    ".exs",
    ".prisma",
];

/// Whether a folder of this name is never entered: a hidden folder (`.git`, `.idea`) or one of
/// [`SKIPPED_FOLDERS`].
pub fn skipped_folder(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_FOLDERS.contains(&name)
}

/// Whether a file of this name may hold something a reader uses.
pub fn wanted_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    READ_ENDINGS.iter().any(|end| lower.ends_with(end))
        || lower.starts_with(".env.")
        || matches!(
            lower.as_str(),
            "pom.xml" | "build.gradle" | "build.gradle.kts"
        )
        || name == "Dockerfile"
        || name.starts_with("Dockerfile.")
        || lower.ends_with(".dockerfile")
}

/// The paths relative to the folder opened: a browser names a picked or dropped folder's files
/// with the folder's own name first (`bank/k8s/a.yaml`), which is cut off when every path
/// starts with the same folder, so the paths read as the command line's (`k8s/a.yaml`).
pub fn relative_paths(paths: Vec<String>) -> Vec<String> {
    let first_folder = |path: &str| {
        let path = path.trim_start_matches('/');
        path.split_once('/').map(|(folder, _)| folder.to_string())
    };
    let shared = paths.first().and_then(|p| first_folder(p));
    let Some(shared) = shared.filter(|folder| {
        paths
            .iter()
            .all(|p| first_folder(p).as_deref() == Some(folder.as_str()))
    }) else {
        return paths
            .into_iter()
            .map(|p| p.trim_start_matches('/').to_string())
            .collect();
    };
    paths
        .into_iter()
        .map(|p| {
            let p = p.trim_start_matches('/');
            p.get(shared.len() + 1..).unwrap_or(p).to_string()
        })
        .collect()
}

/// What becomes of one file of a folder, by its path and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Read it.
    Read,
    /// A folder on its path is skipped ([`skipped_folder`]).
    SkippedFolder,
    /// No reader uses a file of that name.
    NotUsed,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
}

/// Whether the file at `path` (`/`-separated, relative to the folder opened) of `size` bytes is
/// read, and if not, why.
pub fn wanted(path: &str, size: u64) -> Wanted {
    let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
    let mut name = "";
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            name = part;
        } else if skipped_folder(part) {
            return Wanted::SkippedFolder;
        }
    }
    if !wanted_name(name) {
        Wanted::NotUsed
    } else if size > MAX_FILE_BYTES {
        Wanted::TooLarge
    } else {
        Wanted::Read
    }
}

/// Whether a file's start (its first 8 KB, decoded) holds a NUL character: a binary file, not
/// read (the walk checks the bytes the same way).
pub fn binary(text: &str) -> bool {
    let mut end = text.len().min(8192);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).is_some_and(|start| start.contains('\0'))
}

/// The counts of what was left out of a folder, for the message shown after reading it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files under a skipped folder.
    pub in_skipped_folders: usize,
    /// Files no reader uses.
    pub not_used: usize,
    /// Files over [`MAX_FILE_BYTES`].
    pub too_large: usize,
    /// Binary files.
    pub binary: usize,
    /// Files not read because [`MAX_FILES`] or [`MAX_TOTAL_BYTES`] was reached.
    pub over_caps: usize,
}

impl Skipped {
    /// Counts a file left out for `why` (a [`Wanted::Read`] counts nothing).
    pub fn count(&mut self, why: Wanted) {
        match why {
            Wanted::Read => {}
            Wanted::SkippedFolder => self.in_skipped_folders += 1,
            Wanted::NotUsed => self.not_used += 1,
            Wanted::TooLarge => self.too_large += 1,
        }
    }

    /// One sentence naming what was left out (`left out: 3 files in .git, node_modules or build
    /// folders, 2 binary files`), or None when nothing was.
    pub fn sentence(&self) -> Option<String> {
        let mut parts = Vec::new();
        let mut say = |n: usize, kind: &str, what: &str| {
            if n > 0 {
                let s = if n == 1 { "" } else { "s" };
                parts.push(format!("{n} {kind}file{s}{what}"));
            }
        };
        say(
            self.in_skipped_folders,
            "",
            " in .git, dependency or build folders",
        );
        say(self.not_used, "", " no reader uses");
        say(
            self.too_large,
            "",
            &format!(" over {} KB", MAX_FILE_BYTES / 1024),
        );
        say(self.binary, "binary ", "");
        say(
            self.over_caps,
            "",
            &format!(
                " past the caps ({MAX_FILES} files, {} MB)",
                MAX_TOTAL_BYTES / (1024 * 1024)
            ),
        );
        (!parts.is_empty()).then(|| format!("Left out: {}.", parts.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_a_reader_uses_are_read() {
        for name in [
            "docker-compose.yml",
            "a.yaml",
            "application.properties",
            "V1__x.sql",
            ".env",
            "db.env",
            ".env.local",
            "pom.xml",
            "build.gradle.kts",
            "Main.java",
            "frontend.py",
            "Dockerfile",
            "Dockerfile.prod",
            "db.dockerfile",
        ] {
            assert!(wanted_name(name), "{name}");
            assert_eq!(wanted(&format!("svc/{name}"), 10), Wanted::Read, "{name}");
        }
        for name in ["logo.png", "README.md", "x.xml", "app.min.map"] {
            assert!(!wanted_name(name), "{name}");
            assert_eq!(wanted(name, 10), Wanted::NotUsed, "{name}");
        }
    }

    #[test]
    fn skipped_folders_anywhere_on_the_path_leave_the_file_out() {
        for path in [
            ".git/config.yml",
            "web/node_modules/x/package.yml",
            "a/target/classes/application.yml",
            "vendor/x.go",
            "svc/build/resources/main/application.yml",
            "svc/.idea/x.yml",
        ] {
            assert_eq!(wanted(path, 10), Wanted::SkippedFolder, "{path}");
        }
        // A file's own name is not a folder: `.env` is read.
        assert_eq!(wanted("svc/.env", 10), Wanted::Read);
        assert_eq!(wanted("/k8s//a.yaml", 10), Wanted::Read);
    }

    #[test]
    fn large_and_binary_files_are_left_out() {
        assert_eq!(wanted("a.sql", MAX_FILE_BYTES), Wanted::Read);
        assert_eq!(wanted("a.sql", MAX_FILE_BYTES + 1), Wanted::TooLarge);
        assert!(binary("ab\0c"));
        assert!(!binary("plain text é"));
        // A NUL past the first 8 KB is not looked at; a cut inside a character is safe.
        let late = format!("{}\0", "é".repeat(5000));
        assert!(!binary(&late));
        assert!(!binary(""));
    }

    #[test]
    fn a_shared_first_folder_is_cut_off() {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            relative_paths(owned(&["bank/k8s/a.yaml", "bank/.env"])),
            owned(&["k8s/a.yaml", ".env"])
        );
        assert_eq!(
            relative_paths(owned(&["/bank/k8s/a.yaml", "/bank/b.sql"])),
            owned(&["k8s/a.yaml", "b.sql"])
        );
        // Dropped files, or two folders: kept as they are.
        assert_eq!(
            relative_paths(owned(&["a.yaml", "b/c.sql"])),
            owned(&["a.yaml", "b/c.sql"])
        );
        assert_eq!(
            relative_paths(owned(&["/a/x.yml", "/b/y.yml"])),
            owned(&["a/x.yml", "b/y.yml"])
        );
        assert!(relative_paths(Vec::new()).is_empty());
    }

    #[test]
    fn the_sentence_names_what_was_left_out() {
        let mut skipped = Skipped::default();
        assert_eq!(skipped.sentence(), None);
        skipped.count(Wanted::SkippedFolder);
        skipped.count(Wanted::SkippedFolder);
        skipped.count(Wanted::NotUsed);
        skipped.binary = 1;
        assert_eq!(
            skipped.sentence().as_deref(),
            Some(
                "Left out: 2 files in .git, dependency or build folders, 1 file no reader uses, \
                 1 binary file."
            )
        );
    }
}
