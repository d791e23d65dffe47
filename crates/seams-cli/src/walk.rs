//! Reads a repository folder for `seams import` and `--repo`: the text files the readers may use
//! (YAML, properties, `.env`, SQL, build files, Dockerfiles, and source code, read only for the names of the
//! settings it uses), in path order, skipping version control, dependency and
//! build folders (`.git`, `node_modules`, `target`, `vendor`, `build`, `dist`, …), hidden
//! folders, symbolic links, binary files and files over [`MAX_FILE_BYTES`], and stopping at
//! [`MAX_FILES`] files or [`MAX_TOTAL_BYTES`] bytes read, with a note saying so.

use crate::CliError;
use seams_core::repo::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use seams_core::repo::{skipped_folder, wanted_name as wanted};
use seams_core::repo::{MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES};

/// Most folders entered (a guard against huge trees of folders holding nothing to read).
const MAX_FOLDERS: usize = 50_000;

/// The files read from a folder, by `/`-separated path relative to it.
#[derive(Debug, Default)]
pub struct Repository {
    files: Vec<(String, String)>,
    /// What was skipped or cut, one line each, for standard error.
    pub notes: Vec<String>,
}

impl Repository {
    /// The files as the core takes them.
    pub fn as_files(&self) -> Vec<File<'_>> {
        self.files
            .iter()
            .map(|(path, text)| File { path, text })
            .collect()
    }

    /// The text of the file at `path`.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, text)| text.as_str())
    }
}

/// Reads the folder `root` (see the module's doc for what is skipped).
pub fn read_folder(root: &Path) -> Result<Repository, CliError> {
    let folder_error = |source| CliError::Folder {
        path: root.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(root).map_err(folder_error)?;
    if !metadata.is_dir() {
        return Err(folder_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a folder",
        )));
    }
    let mut repository = Repository::default();
    let mut total = 0u64;
    let mut folders = 0usize;
    let mut binary = 0usize;
    let mut pending: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
    while let Some((folder, relative)) = pending.pop() {
        folders += 1;
        if folders > MAX_FOLDERS {
            repository
                .notes
                .push(format!("stopped after {MAX_FOLDERS} folders"));
            break;
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            repository
                .notes
                .push(format!("cannot read the folder {}", folder.display()));
            continue;
        };
        let mut names: Vec<(String, PathBuf, std::fs::FileType)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let kind = entry.file_type().ok()?;
                let name = entry.file_name().to_string_lossy().into_owned();
                Some((name, entry.path(), kind))
            })
            .collect();
        seams_core::order::sort_by(&mut names, |a, b| a.0.cmp(&b.0));
        let mut subfolders = Vec::new();
        for (name, path, kind) in names {
            let inner = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            if kind.is_dir() {
                if !skipped_folder(&name) {
                    subfolders.push((path, inner));
                }
                continue;
            }
            if !kind.is_file() || !wanted(&name) {
                continue;
            }
            if repository.files.len() >= MAX_FILES {
                repository.notes.push(format!(
                    "stopped at {MAX_FILES} files; the rest is not read"
                ));
                return Ok(repository);
            }
            let Ok(file) = std::fs::File::open(&path) else {
                continue;
            };
            let mut bytes = Vec::new();
            if file
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .is_err()
            {
                continue;
            }
            if bytes.len() as u64 > MAX_FILE_BYTES {
                repository.notes.push(format!(
                    "skipped {inner}: larger than {} KB",
                    MAX_FILE_BYTES / 1024
                ));
                continue;
            }
            if bytes.iter().take(8192).any(|b| *b == 0) {
                binary += 1;
                continue;
            }
            total += bytes.len() as u64;
            if total > MAX_TOTAL_BYTES {
                repository.notes.push(format!(
                    "stopped at {} MB read; the rest is not read",
                    MAX_TOTAL_BYTES / (1024 * 1024)
                ));
                return Ok(repository);
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            repository.files.push((inner, text));
        }
        // Depth first, in name order: the last pushed is read first.
        pending.extend(subfolders.into_iter().rev());
    }
    if binary > 0 {
        repository
            .notes
            .push(format!("skipped {binary} binary files"));
    }
    Ok(repository)
}
