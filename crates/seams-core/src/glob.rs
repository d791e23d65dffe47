//! Path patterns for the services file's `models:` (`src/ledger/ledgerwriter/**`,
//! `models/*.py`): which model files belong to a service.
//!
//! A pattern is matched against a whole path, segment by segment (`/` separates them; `\` in
//! either is read as `/`, and a leading `./` is ignored): `*` is any run of characters within a
//! segment, `?` one character, `**` any number of whole segments (none included). A pattern with
//! no wildcard also matches every path under it, as a folder (`src/ledger` is `src/ledger/**`).
//! Matching is linear in the product of the two lengths (no backtracking blow-up).

/// Whether `path` matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern = normalise(pattern);
    let path = normalise(path);
    let wanted: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if wanted.is_empty() {
        return false;
    }
    let literal = !pattern.contains(['*', '?']);
    if literal {
        return segments.len() >= wanted.len() && segments.iter().zip(&wanted).all(|(a, b)| a == b);
    }
    segments_match(&wanted, &segments)
}

/// `\` as `/`, without a leading `./`.
fn normalise(text: &str) -> String {
    let text = text.trim().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Whether the pattern's segments match the path's: `**` any run of segments, others one each.
/// `reach[j]` says the path's first `j` segments are matched by the pattern read so far.
fn segments_match(wanted: &[&str], segments: &[&str]) -> bool {
    let mut reach = vec![false; segments.len() + 1];
    if let Some(first) = reach.first_mut() {
        *first = true;
    }
    for part in wanted {
        let mut next = vec![false; segments.len() + 1];
        if *part == "**" {
            // Any run: everything at or after the first reachable place is reachable.
            let mut open = false;
            for (slot, reached) in next.iter_mut().zip(&reach) {
                open |= *reached;
                *slot = open;
            }
        } else {
            for (j, segment) in segments.iter().enumerate() {
                if reach.get(j).copied().unwrap_or(false) && segment_matches(part, segment) {
                    if let Some(slot) = next.get_mut(j + 1) {
                        *slot = true;
                    }
                }
            }
        }
        reach = next;
    }
    reach.last().copied().unwrap_or(false)
}

/// Whether one path segment matches one pattern segment (`*` and `?` within it).
fn segment_matches(part: &str, segment: &str) -> bool {
    let wanted: Vec<char> = part.chars().collect();
    let text: Vec<char> = segment.chars().collect();
    // `reach[j]`: the text's first `j` characters are matched by the pattern read so far.
    let mut reach = vec![false; text.len() + 1];
    if let Some(first) = reach.first_mut() {
        *first = true;
    }
    for c in wanted {
        let mut next = vec![false; text.len() + 1];
        match c {
            '*' => {
                let mut open = false;
                for (slot, reached) in next.iter_mut().zip(&reach) {
                    open |= *reached;
                    *slot = open;
                }
            }
            _ => {
                for (j, t) in text.iter().enumerate() {
                    if reach.get(j).copied().unwrap_or(false) && (c == '?' || c == *t) {
                        if let Some(slot) = next.get_mut(j + 1) {
                            *slot = true;
                        }
                    }
                }
            }
        }
        reach = next;
    }
    reach.last().copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folders_stars_and_double_stars() {
        let path = "src/ledger/ledgerwriter/src/main/java/bank/Transaction.java";
        assert!(matches("src/ledger/ledgerwriter/**", path));
        assert!(
            matches("src/ledger/ledgerwriter", path),
            "a folder holds its files"
        );
        assert!(matches("./src/ledger/ledgerwriter/", path));
        assert!(matches("src/ledger/*/src/**/*.java", path));
        assert!(matches("**/Transaction.java", path));
        assert!(matches("**/ledgerwriter/**", path));
        assert!(matches("src\\ledger\\ledgerwriter\\**", path));
        assert!(!matches("src/ledger/balancereader/**", path));
        assert!(
            !matches("ledgerwriter/**", path),
            "patterns start at the path's start"
        );
        assert!(
            !matches("src/ledger/ledger", path),
            "a folder is a whole segment"
        );
        assert!(!matches("**/*.py", path));
        assert!(matches("models/?.py", "models/a.py"));
        assert!(!matches("models/?.py", "models/ab.py"));
        assert!(matches("models/*.py", "models/.py"));
        assert!(!matches("", path));
        assert!(matches("a/**", "a"), "`**` may be no segment at all");
    }

    proptest! {
        /// Long patterns of stars never take long or panic, and a path always matches itself.
        #[test]
        fn never_panics_and_paths_match_themselves(pattern in "[a*?/.\\\\]{0,40}", path in "[ab/.]{0,40}") {
            let _ = matches(&pattern, &path);
            let own = path.trim_matches('/');
            if !own.is_empty() && own != "." {
                prop_assert!(matches(own, own) || own.starts_with("./"));
            }
        }
    }
}
