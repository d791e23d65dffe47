//! Where the real-dump corpus is, for the tests that read it.
//!
//! The corpus (public SQL dumps) is not part of this repository: it is read in place from the
//! folder named by `SEAMS_CORPUS`, else from `../shared/corpus/sql` beside the repository when
//! that exists. Without it those tests return early, and the first of them in a test binary
//! prints one line saying how many were skipped, so a run never passes silently on nothing.
//! `SEAMS_CORPUS` naming a folder that does not exist is a failure, not a skip: whoever set it
//! (CI does) meant the tests to run.
//!
//! This file is compiled into each test binary that needs it (`#[path]` module), so "once" means
//! once per binary.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

/// The corpus folder, or `None` after saying (once per test binary) that `tests` tests are
/// skipped. Panics when `SEAMS_CORPUS` names a folder that is not there.
pub fn corpus_dir(tests: usize) -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("SEAMS_CORPUS").filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(named);
        assert!(
            dir.is_dir(),
            "SEAMS_CORPUS={} is not a folder: unset it to skip the real-dump tests",
            dir.display()
        );
        return Some(dir);
    }
    let beside = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/sql"
    ));
    if beside.is_dir() {
        return Some(beside);
    }
    static SAID: Once = Once::new();
    SAID.call_once(|| {
        // Straight to the stderr handle: libtest captures `eprintln!` of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "real-dump corpus not found: set SEAMS_CORPUS; {tests} tests skipped"
        );
    });
    None
}

/// Reads `file` of the corpus folder `dir`, failing the test with the path when it cannot.
pub fn read(dir: &std::path::Path, file: &str) -> String {
    let path = dir.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Defines tests that need the corpus: each gets the folder as `$dir` and returns early (counted
/// in the one "skipped" line) when there is none. All of a binary's corpus tests go in one
/// invocation, so the count is theirs.
macro_rules! corpus_tests {
    ($($(#[$meta:meta])* fn $name:ident($dir:ident) $body:block)+) => {
        /// How many tests of this binary need the corpus.
        const CORPUS_TESTS: usize = [$(stringify!($name)),+].len();
        $(
            $(#[$meta])*
            #[test]
            fn $name() {
                let Some($dir) = corpus_dir(CORPUS_TESTS) else { return };
                $body
            }
        )+
    };
}
